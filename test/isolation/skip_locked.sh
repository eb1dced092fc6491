#!/bin/bash
# skip_locked.sh -- the job-queue pattern: each worker takes the first job
# nobody else holds with FOR UPDATE SKIP LOCKED, so two concurrent workers
# get different jobs without waiting; a third finds one job left, and none
# once every job is taken.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_jobs; CREATE TABLE iso_jobs (id int, done bool);
     INSERT INTO iso_jobs VALUES (1, false), (2, false), (3, false);"
sess_open A
sess_open B
sess_open C
take="SELECT id FROM iso_jobs WHERE NOT done ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;"

step A "BEGIN;"
step A "$take"
expect_exact A "1"
step B "BEGIN;"
step B "$take" 5
expect_exact B "2"
step C "BEGIN;"
step C "SELECT id FROM iso_jobs WHERE NOT done ORDER BY id FOR UPDATE SKIP LOCKED;" 5
expect_exact C "3"
step C "$take" 5
expect_exact C "3"
step C "ROLLBACK;"
# every job but 3 is taken: a worker sees only job 3, then nothing once 3 goes too
step C "BEGIN;"
step C "SELECT id FROM iso_jobs ORDER BY id FOR SHARE SKIP LOCKED;" 5
expect_exact C "3"
step A "UPDATE iso_jobs SET done = true WHERE id = 1;"
step A "COMMIT;"
step B "UPDATE iso_jobs SET done = true WHERE id = 2;"
step B "COMMIT;"
step C "COMMIT;"
[ "$(ctl "SELECT string_agg(id::text, ',' ORDER BY id) FROM iso_jobs WHERE done")" = "1,2" ] ||
    iso_fail "wrong jobs done: $(ctl "SELECT * FROM iso_jobs")"
step A "BEGIN;"
step A "$take"
expect_exact A "3"
step B "$take" 5
expect_exact B ""
step A "COMMIT;"

sess_close A
sess_close B
sess_close C
ctl "DROP TABLE iso_jobs"
