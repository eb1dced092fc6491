#!/bin/bash
# nowait.sh -- FOR UPDATE NOWAIT on a row another transaction locked or
# updated raises 55P03 at once; on a free row it locks normally.  LOCK TABLE
# ... NOWAIT on a locked table raises 55P03 too.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_nw; CREATE TABLE iso_nw (id int, v int);
     INSERT INTO iso_nw VALUES (1, 0), (2, 0);"
sess_open A
sess_open B

step A "BEGIN;"
step A "SELECT id FROM iso_nw WHERE id = 1 FOR UPDATE;"
step B "BEGIN;"
step B "SELECT id FROM iso_nw WHERE id = 1 FOR UPDATE NOWAIT;" 5
expect B '^ERROR:  55P03: could not obtain lock on row in relation "iso_nw"$'
step B "ROLLBACK;"
step B "SELECT id FROM iso_nw WHERE id = 2 FOR UPDATE NOWAIT;" 5
expect_exact B "2"
step A "UPDATE iso_nw SET v = 1 WHERE id = 2;"
step B "SELECT id FROM iso_nw WHERE id = 2 FOR SHARE NOWAIT;" 5
expect B '^ERROR:  55P03: could not obtain lock on row in relation "iso_nw"$'
step A "COMMIT;"

step A "BEGIN;"
step A "LOCK TABLE iso_nw IN SHARE MODE;"
step B "BEGIN;"
step B "LOCK TABLE iso_nw IN EXCLUSIVE MODE NOWAIT;" 5
expect B '^ERROR:  55P03: could not obtain lock on relation "iso_nw"$'
step B "ROLLBACK;"
step A "COMMIT;"

sess_close A
sess_close B
ctl "DROP TABLE iso_nw"
