#!/bin/bash
# lock_timeout.sh -- with lock_timeout set, waiting for a table lock or for
# a row held by another transaction ends with 55P03 "canceling statement due
# to lock timeout" (and the transaction is aborted); statement_timeout ends a
# wait with 57014.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_to; CREATE TABLE iso_to (id int, v int); INSERT INTO iso_to VALUES (1, 0);"
sess_open A
sess_open B

step A "BEGIN;"
step A "UPDATE iso_to SET v = 1 WHERE id = 1;"
step B "SET lock_timeout = '200ms';"
step B "UPDATE iso_to SET v = 2 WHERE id = 1;" 10
expect B "^ERROR:  55P03: canceling statement due to lock timeout$"
step B "SELECT id FROM iso_to FOR UPDATE;" 10
expect B "^ERROR:  55P03: canceling statement due to lock timeout$"
step B "BEGIN;"
step B "SELECT id FROM iso_to WHERE id = 1 FOR SHARE;" 10
expect B "^ERROR:  55P03: canceling statement due to lock timeout$"
step B "SELECT 1;"
expect B "^ERROR:  25P02: current transaction is aborted"
step B "ROLLBACK;"
step A "COMMIT;"

step A "BEGIN;"
step A "LOCK TABLE iso_to IN ACCESS EXCLUSIVE MODE;"
step B "SELECT count(*) FROM iso_to;" 10
expect B "^ERROR:  55P03: canceling statement due to lock timeout$"
step B "RESET lock_timeout;"
step B "SET statement_timeout = '200ms';"
step B "SELECT count(*) FROM iso_to;" 10
expect B "^ERROR:  57014: canceling statement due to statement timeout$"
step A "COMMIT;"
step B "SELECT count(*) FROM iso_to;"
expect_exact B "1"

sess_close A
sess_close B
ctl "DROP TABLE iso_to"
