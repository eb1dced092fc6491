#!/bin/bash
# fk_key_share.sh -- foreign-key checks lock the referenced row FOR KEY
# SHARE: two transactions inserting children of the same parent do not
# wait for each other, while deleting the parent waits for both and then
# fails because a committed child references it.  An UPDATE that changes
# no key column does not wait for the FK lock (and the lock moves to the
# new row version: a DELETE of it still waits); a key-changing one does.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_fk_child, iso_fk_parent;
     CREATE TABLE iso_fk_parent (id int PRIMARY KEY, note text);
     CREATE TABLE iso_fk_child (id int PRIMARY KEY, parent int REFERENCES iso_fk_parent);
     INSERT INTO iso_fk_parent VALUES (1, 'one'), (2, 'two'), (3, 'three');"
sess_open A
sess_open B
sess_open C

step A "BEGIN;"
step A "INSERT INTO iso_fk_child VALUES (1, 1);"
step B "BEGIN;"
step B "INSERT INTO iso_fk_child VALUES (2, 1);" 5
expect B "INSERT 0 1"
# the parent row is share-locked: FOR UPDATE NOWAIT fails, FOR KEY SHARE works
step C "SELECT id FROM iso_fk_parent WHERE id = 1 FOR UPDATE NOWAIT;" 5
expect C "55P03"
step C "SELECT id FROM iso_fk_parent WHERE id = 1 FOR KEY SHARE NOWAIT;" 5
expect_exact C "1"
step_start C "DELETE FROM iso_fk_parent WHERE id = 1;"
wait_blocked C
step A "COMMIT;"
sleep 0.5
wait_blocked C
step B "ROLLBACK;"
step_wait C
expect C "23503"
# an unreferenced parent goes at once
step C "DELETE FROM iso_fk_parent WHERE id = 2;" 5
expect C "DELETE 1"

# a no-key update passes the FK lock, which then guards the new version
step A "BEGIN;"
step A "INSERT INTO iso_fk_child VALUES (3, 3);"
step B "UPDATE iso_fk_parent SET note = 'drei' WHERE id = 3;" 5
expect B "UPDATE 1"
step_start C "DELETE FROM iso_fk_parent WHERE id = 3;"
wait_blocked C
step A "COMMIT;"
step_wait C
expect C "23503"

# a key-changing update waits for the FK lock
step A "BEGIN;"
step A "INSERT INTO iso_fk_child VALUES (4, 1);"
step_start B "UPDATE iso_fk_parent SET id = 10 WHERE id = 1;"
wait_blocked B
step A "ROLLBACK;"
step_wait B
expect B "23503"
[ "$(ctl "SELECT string_agg(id || ':' || note, ' ' ORDER BY id) FROM iso_fk_parent")" = "1:one 3:drei" ] ||
    iso_fail "parents: $(ctl "SELECT * FROM iso_fk_parent")"

sess_close A
sess_close B
sess_close C
ctl "DROP TABLE iso_fk_child, iso_fk_parent"
