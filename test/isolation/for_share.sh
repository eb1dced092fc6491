#!/bin/bash
# for_share.sh -- shared row locks: two FOR SHARE lockers hold the same row
# at once and an UPDATE waits until both have ended; FOR KEY SHARE and
# FOR NO KEY UPDATE do not conflict, FOR SHARE conflicts with FOR NO KEY
# UPDATE (NOWAIT -> 55P03) and SKIP LOCKED skips a row whose lockers
# conflict with the request.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_fs; CREATE TABLE iso_fs (id int PRIMARY KEY, v int);
     INSERT INTO iso_fs VALUES (1, 10), (2, 20);"
sess_open A
sess_open B
sess_open C

# two sharers at once, then a writer that waits for both
step A "BEGIN;"
step A "SELECT v FROM iso_fs WHERE id = 1 FOR SHARE;"
expect_exact A "10"
step B "BEGIN;"
step B "SELECT v FROM iso_fs WHERE id = 1 FOR SHARE;" 5
expect_exact B "10"
step C "SELECT id FROM iso_fs ORDER BY id FOR UPDATE SKIP LOCKED;" 5
expect_exact C "2"
step C "SELECT v FROM iso_fs WHERE id = 1 FOR KEY SHARE NOWAIT;" 5
expect_exact C "10"
step_start C "UPDATE iso_fs SET v = v + 1 WHERE id = 1;"
wait_blocked C
step A "COMMIT;"
# A is gone but B still shares the row: C keeps waiting
sleep 0.5
wait_blocked C
step B "COMMIT;"
step_wait C
expect C "UPDATE 1"
[ "$(ctl "SELECT v FROM iso_fs WHERE id = 1")" = "11" ] || iso_fail "lost update"

# FOR KEY SHARE and FOR NO KEY UPDATE coexist; FOR SHARE does not join them
step A "BEGIN;"
step A "SELECT v FROM iso_fs WHERE id = 2 FOR KEY SHARE;"
expect_exact A "20"
step B "BEGIN;"
step B "SELECT v FROM iso_fs WHERE id = 2 FOR NO KEY UPDATE;" 5
expect_exact B "20"
step C "BEGIN;"
step C "SELECT v FROM iso_fs WHERE id = 2 FOR SHARE NOWAIT;" 5
expect C "55P03"
expect C 'could not obtain lock on row in relation "iso_fs"'
step C "ROLLBACK;"
step C "SELECT v FROM iso_fs WHERE id = 2 FOR KEY SHARE NOWAIT;" 5
expect_exact C "20"
# DELETE conflicts with both lockers
step_start C "DELETE FROM iso_fs WHERE id = 2;"
wait_blocked C
step B "COMMIT;"
sleep 0.5
wait_blocked C
step A "ROLLBACK;"
step_wait C
expect C "DELETE 1"
[ "$(ctl "SELECT count(*) FROM iso_fs")" = "1" ] || iso_fail "delete lost"

sess_close A
sess_close B
sess_close C
ctl "DROP TABLE iso_fs"
