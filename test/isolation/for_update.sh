#!/bin/bash
# for_update.sh -- SELECT ... FOR UPDATE holds the row until commit:
# a concurrent UPDATE (and FOR UPDATE / FOR SHARE) waits for it.  Under
# READ COMMITTED a FOR UPDATE that waited for a committed UPDATE returns the
# newest version, or skips the row if it no longer satisfies the WHERE
# clause; under REPEATABLE READ it raises 40001.  The locked-row columns of
# a join and FOR UPDATE OF lock only the named table.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_fu, iso_fu_other;
     CREATE TABLE iso_fu (id int, v int); INSERT INTO iso_fu VALUES (1, 10), (2, 20);
     CREATE TABLE iso_fu_other (id int, w text); INSERT INTO iso_fu_other VALUES (1, 'x'), (2, 'y');"
sess_open A
sess_open B

# FOR UPDATE blocks a concurrent UPDATE until commit.
step A "BEGIN;"
step A "SELECT id, v FROM iso_fu WHERE id = 1 FOR UPDATE;"
expect_exact A "1|10"
step_start B "UPDATE iso_fu SET v = v + 1 WHERE id = 1;"
wait_blocked B
sleep 0.3
step_done B && iso_fail "UPDATE finished while the row was locked"
step A "COMMIT;"
step_wait B
expect_exact B "UPDATE 1"

# READ COMMITTED: FOR UPDATE waits for an UPDATE and returns the new version.
step A "BEGIN;"
step A "UPDATE iso_fu SET v = 100 WHERE id = 1;"
step B "BEGIN;"
step_start B "SELECT id, v FROM iso_fu WHERE id = 1 FOR UPDATE;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "1|100"
# B holds the lock now: A's FOR SHARE waits for B
step_start A "SELECT id, v FROM iso_fu WHERE id = 1 FOR SHARE;"
wait_blocked A
step B "COMMIT;"
step_wait A
expect_exact A "1|100"

# READ COMMITTED: the new version no longer qualifies, so the row is skipped.
step A "BEGIN;"
step A "UPDATE iso_fu SET v = 500 WHERE id = 1;"
step B "BEGIN;"
step_start B "SELECT id, v FROM iso_fu WHERE v < 200 ORDER BY id FOR UPDATE;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "2|20"
step B "COMMIT;"

# REPEATABLE READ: the locked row was updated after our snapshot: 40001.
step B "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step B "SELECT count(*) FROM iso_fu;"
step A "BEGIN;"
step A "UPDATE iso_fu SET v = v + 1 WHERE id = 2;"
step_start B "SELECT id, v FROM iso_fu WHERE id = 2 FOR UPDATE;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "^ERROR:  40001: could not serialize access due to concurrent update"
step B "ROLLBACK;"

# A join locking only one side: FOR UPDATE OF iso_fu leaves iso_fu_other free.
step A "BEGIN;"
step A "SELECT f.id, o.w FROM iso_fu f JOIN iso_fu_other o ON o.id = f.id WHERE f.id = 2 FOR UPDATE OF f;"
expect_exact A "2|y"
step B "UPDATE iso_fu_other SET w = 'z' WHERE id = 2;"
expect_exact B "UPDATE 1"
step_start B "UPDATE iso_fu SET v = 0 WHERE id = 2;"
wait_blocked B
step A "ROLLBACK;"
step_wait B
expect_exact B "UPDATE 1"

sess_close A
sess_close B
ctl "DROP TABLE iso_fu, iso_fu_other"
