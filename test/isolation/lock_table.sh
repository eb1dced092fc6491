#!/bin/bash
# lock_table.sh -- LOCK TABLE ... IN ACCESS EXCLUSIVE MODE blocks a plain
# reader until the holder commits (and the reader then sees the committed
# change); ACCESS SHARE held by a reader blocks ACCESS EXCLUSIVE; ROW
# EXCLUSIVE (DML) does not block readers.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_lt; CREATE TABLE iso_lt (id int); INSERT INTO iso_lt VALUES (1);"
sess_open A
sess_open B

step A "BEGIN;"
step A "LOCK TABLE iso_lt IN ACCESS EXCLUSIVE MODE;"
step A "INSERT INTO iso_lt VALUES (2);"
step_start B "SELECT count(*) FROM iso_lt;"
wait_blocked B
sleep 0.3
step_done B && iso_fail "reader finished while the table was locked"
step A "COMMIT;"
step_wait B
expect_exact B "2"

step B "BEGIN;"
step B "SELECT count(*) FROM iso_lt;"
step A "BEGIN;"
step_start A "LOCK TABLE iso_lt IN ACCESS EXCLUSIVE MODE;"
wait_blocked A
step B "COMMIT;"
step_wait A
expect_exact A "LOCK TABLE"
step A "COMMIT;"

step A "BEGIN;"
step A "INSERT INTO iso_lt VALUES (3);"
step B "SELECT count(*) FROM iso_lt;" 5
expect_exact B "2"
step A "COMMIT;"

sess_close A
sess_close B
ctl "DROP TABLE iso_lt"
