#!/bin/bash
# rr_write_conflict.sh -- REPEATABLE READ: updating a row that a concurrent
# transaction updated and committed after our snapshot raises 40001, both
# when we waited for that transaction and when it had already committed;
# the first updater's change survives.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_rr; CREATE TABLE iso_rr (id int, v int);
     INSERT INTO iso_rr VALUES (1, 0);"
sess_open A
sess_open B

# B waits for A, then fails.
step A "BEGIN;"
step A "UPDATE iso_rr SET v = v + 1 WHERE id = 1;"
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT v FROM iso_rr WHERE id = 1;"
expect_exact B "0"
step_start B "UPDATE iso_rr SET v = v + 10 WHERE id = 1;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "^ERROR:  40001: could not serialize access due to concurrent update"
step B "SELECT 1;"
expect B "^ERROR:  25P02: current transaction is aborted"
step B "ROLLBACK;"

# A committed before B writes: B still sees its old snapshot and fails.
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT v FROM iso_rr WHERE id = 1;"
expect_exact B "1"
step A "UPDATE iso_rr SET v = v + 1 WHERE id = 1;"
step B "DELETE FROM iso_rr WHERE id = 1;"
expect B "^ERROR:  40001: could not serialize access due to concurrent update"
step B "ROLLBACK;"
[ "$(ctl "SELECT v FROM iso_rr")" = 2 ] || iso_fail "v is $(ctl "SELECT v FROM iso_rr"), want 2"

sess_close A
sess_close B
ctl "DROP TABLE iso_rr"
