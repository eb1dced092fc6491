#!/bin/bash
# upsert.sh -- INSERT ... ON CONFLICT under concurrency (executor README,
# "INSERT ... ON CONFLICT").  Two sessions propose the same key: the second
# waits for the first's transaction and then skips (DO NOTHING) or updates
# the committed row (DO UPDATE), never 23505; after a rollback it inserts.
# READ COMMITTED DO UPDATE of a row concurrently updated or deleted starts
# over on the newest state; REPEATABLE READ meeting a row its snapshot
# cannot see fails with 40001.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_ups; CREATE TABLE iso_ups (k int PRIMARY KEY, n int);"
sess_open A
sess_open B
val() { ctl "SELECT coalesce(string_agg(n::text, ',' ORDER BY n), 'none') FROM iso_ups WHERE k = $1"; }

# DO NOTHING: the second proposer waits, then skips the committed row
step A "BEGIN;"
step A "INSERT INTO iso_ups VALUES (1, 1) ON CONFLICT DO NOTHING;"
expect_exact A "INSERT 0 1"
step_start B "INSERT INTO iso_ups VALUES (1, 2) ON CONFLICT DO NOTHING;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "INSERT 0 0"
[ "$(val 1)" = 1 ] || iso_fail "key 1: $(val 1), want 1"

# DO NOTHING: the first one rolls back, so the second inserts
step A "BEGIN;"
step A "INSERT INTO iso_ups VALUES (2, 1) ON CONFLICT (k) DO NOTHING;"
step_start B "INSERT INTO iso_ups VALUES (2, 2) ON CONFLICT (k) DO NOTHING;"
wait_blocked B
step A "ROLLBACK;"
step_wait B
expect_exact B "INSERT 0 1"
[ "$(val 2)" = 2 ] || iso_fail "key 2: $(val 2), want 2"

# DO UPDATE: counters from both sessions, no 23505
step A "BEGIN;"
step A "INSERT INTO iso_ups VALUES (3, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + 1;"
expect_exact A "INSERT 0 1"
step B "BEGIN;"
step_start B "INSERT INTO iso_ups VALUES (3, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + 1 RETURNING n;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "^2$"
expect B "INSERT 0 1"
step A "BEGIN;"
step_start A "INSERT INTO iso_ups VALUES (3, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + 1;"
wait_blocked A
step B "COMMIT;"
step_wait A
expect_exact A "INSERT 0 1"
step A "COMMIT;"
[ "$(val 3)" = 3 ] || iso_fail "key 3: $(val 3), want 3"

# DO UPDATE of a row another session updated meanwhile: the newest version
ctl "INSERT INTO iso_ups VALUES (4, 0)" >/dev/null
step A "BEGIN;"
step A "UPDATE iso_ups SET n = n + 10 WHERE k = 4;"
step_start B "INSERT INTO iso_ups VALUES (4, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + excluded.n;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "INSERT 0 1"
[ "$(val 4)" = 11 ] || iso_fail "key 4: $(val 4), want 11"

# ... and one another session deleted meanwhile: start over, insert
ctl "INSERT INTO iso_ups VALUES (5, 100)" >/dev/null
step A "BEGIN;"
step A "DELETE FROM iso_ups WHERE k = 5;"
step_start B "INSERT INTO iso_ups VALUES (5, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + excluded.n;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "INSERT 0 1"
[ "$(val 5)" = 1 ] || iso_fail "key 5: $(val 5), want 1"

# ... and one whose key another session changed: the key is free, insert
ctl "INSERT INTO iso_ups VALUES (6, 100)" >/dev/null
step A "BEGIN;"
step A "UPDATE iso_ups SET k = 60 WHERE k = 6;"
step_start B "INSERT INTO iso_ups VALUES (6, 1) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + excluded.n;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "INSERT 0 1"
[ "$(val 6)" = 1 ] && [ "$(val 60)" = 100 ] || iso_fail "keys 6/60: $(val 6)/$(val 60)"

# DO UPDATE's WHERE sees the newest version too
ctl "INSERT INTO iso_ups VALUES (7, 0)" >/dev/null
step A "BEGIN;"
step A "UPDATE iso_ups SET n = 5 WHERE k = 7;"
step_start B "INSERT INTO iso_ups VALUES (7, 1) ON CONFLICT (k) DO UPDATE SET n = 99 WHERE iso_ups.n = 0;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "INSERT 0 0"
[ "$(val 7)" = 5 ] || iso_fail "key 7: $(val 7), want 5"

# REPEATABLE READ: a conflicting row committed after the snapshot is 40001
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT count(*) FROM iso_ups WHERE k = 8;"
ctl "INSERT INTO iso_ups VALUES (8, 1)" >/dev/null
step B "INSERT INTO iso_ups VALUES (8, 2) ON CONFLICT DO NOTHING;"
expect B "40001"
step B "ROLLBACK;"
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT count(*) FROM iso_ups WHERE k = 8;"
step A "UPDATE iso_ups SET n = 3 WHERE k = 8;"
step B "INSERT INTO iso_ups VALUES (8, 2) ON CONFLICT (k) DO UPDATE SET n = 4;"
expect B "40001"
step B "ROLLBACK;"
# ... while a row visible to the snapshot is fine
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT count(*) FROM iso_ups WHERE k = 8;"
step B "INSERT INTO iso_ups VALUES (8, 2) ON CONFLICT (k) DO UPDATE SET n = iso_ups.n + 10;"
expect_exact B "INSERT 0 1"
step B "COMMIT;"
[ "$(val 8)" = 13 ] || iso_fail "key 8: $(val 8), want 13"

sess_close A
sess_close B
ctl "DROP TABLE iso_ups"
