#!/bin/bash
# lost_update.sh -- two concurrent UPDATE balance = balance + 1 on the same
# row (READ COMMITTED): the second waits for the first, re-reads the newest
# version after its commit and applies its increment to it, so both
# increments are present (no lost update).  Also the same with the waiter
# deleting a row the first session moved out of its WHERE clause.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_acct; CREATE TABLE iso_acct (id int, balance int);
     INSERT INTO iso_acct VALUES (1, 0), (2, 0);"
sess_open A
sess_open B

step A "BEGIN;"
step A "UPDATE iso_acct SET balance = balance + 1 WHERE id = 1;"
expect_exact A "UPDATE 1"
step B "BEGIN;"
step_start B "UPDATE iso_acct SET balance = balance + 1 WHERE id = 1;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "UPDATE 1"
step B "COMMIT;"
[ "$(ctl "SELECT balance FROM iso_acct WHERE id = 1")" = 2 ] ||
    iso_fail "balance is $(ctl "SELECT balance FROM iso_acct WHERE id = 1"), want 2"

# The waiter's WHERE clause no longer matches the newest version: nothing to do.
step A "BEGIN;"
step A "UPDATE iso_acct SET balance = 100 WHERE id = 2;"
step_start B "DELETE FROM iso_acct WHERE id = 2 AND balance = 0;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "DELETE 0"
[ "$(ctl "SELECT balance FROM iso_acct WHERE id = 2")" = 100 ] || iso_fail "row 2 changed"

sess_close A
sess_close B
ctl "DROP TABLE iso_acct"
