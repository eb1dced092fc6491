#!/bin/bash
# savepoint.sh -- SAVEPOINT / ROLLBACK TO with a concurrent reader: the
# reader never sees uncommitted rows, and after commit sees exactly the rows
# not rolled back; a row lock taken after a savepoint is released by
# ROLLBACK TO (a concurrent NOWAIT locker then succeeds), one taken before
# it is kept; an update rolled back to a savepoint no longer blocks writers.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_sp; CREATE TABLE iso_sp (id int, v int);"
sess_open A
sess_open R
rows="SELECT coalesce(string_agg(id::text || ':' || v::text, ',' ORDER BY id), '-') FROM iso_sp;"

step A "BEGIN;"
step A "INSERT INTO iso_sp VALUES (1, 1);"
step A "SAVEPOINT s1;"
step A "INSERT INTO iso_sp VALUES (2, 2);"
step R "$rows"
expect_exact R "-"
step A "ROLLBACK TO SAVEPOINT s1;"
step A "INSERT INTO iso_sp VALUES (3, 3);"
step A "SAVEPOINT s2;"
step A "UPDATE iso_sp SET v = 30 WHERE id = 3;"
step A "RELEASE SAVEPOINT s2;"
step A "$rows"
expect_exact A "1:1,3:30"
step R "$rows"
expect_exact R "-"
step A "COMMIT;"
step R "$rows"
expect_exact R "1:1,3:30"

# row locks and updates inside a rolled-back savepoint are released
step A "BEGIN;"
step A "SELECT id FROM iso_sp WHERE id = 1 FOR UPDATE;"
step A "SAVEPOINT s;"
step A "SELECT id FROM iso_sp WHERE id = 3 FOR UPDATE;"
step R "SELECT id FROM iso_sp WHERE id = 3 FOR UPDATE NOWAIT;" 5
expect R '^ERROR:  55P03: could not obtain lock on row in relation "iso_sp"$'
step A "ROLLBACK TO SAVEPOINT s;"
step R "SELECT id FROM iso_sp WHERE id = 3 FOR UPDATE NOWAIT;" 5
expect_exact R "3"
step R "SELECT id FROM iso_sp WHERE id = 1 FOR UPDATE NOWAIT;" 5
expect R '^ERROR:  55P03: could not obtain lock on row in relation "iso_sp"$'
step A "SAVEPOINT s;"
step A "UPDATE iso_sp SET v = 0 WHERE id = 3;"
step A "ROLLBACK TO SAVEPOINT s;"
step R "UPDATE iso_sp SET v = v + 1 WHERE id = 3;" 5
expect_exact R "UPDATE 1"
step A "COMMIT;"
step R "$rows"
expect_exact R "1:1,3:31"

sess_close A
sess_close R
ctl "DROP TABLE iso_sp"
