#!/bin/bash
# savepoint_locks.sh -- ROLLBACK TO SAVEPOINT (and an error inside a
# savepoint) releases the table locks and row locks taken since the
# savepoint; locks taken before it are kept until the transaction ends.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_spl, iso_spl2;
     CREATE TABLE iso_spl (id int PRIMARY KEY, v int);
     CREATE TABLE iso_spl2 (id int);
     INSERT INTO iso_spl VALUES (1, 10), (2, 20);"
sess_open A
sess_open B

probe_table() { # probe_table TABLE: B tries a conflicting table lock without waiting
    step B "BEGIN;"
    step B "LOCK TABLE $1 IN SHARE MODE NOWAIT;" 5
}

# a table lock taken inside a savepoint dies with it
step A "BEGIN;"
step A "SAVEPOINT s1;"
step A "LOCK TABLE iso_spl2 IN ACCESS EXCLUSIVE MODE;"
probe_table iso_spl2
expect B "55P03"
expect B 'could not obtain lock on relation "iso_spl2"'
step B "ROLLBACK;"
step A "ROLLBACK TO SAVEPOINT s1;"
probe_table iso_spl2
expect B "^LOCK TABLE$"
step B "ROLLBACK;"

# a table lock taken before the savepoint survives its rollback
step A "LOCK TABLE iso_spl2 IN EXCLUSIVE MODE;"
step A "SAVEPOINT s2;"
step A "LOCK TABLE iso_spl2 IN ACCESS EXCLUSIVE MODE;"
step A "ROLLBACK TO SAVEPOINT s2;"
probe_table iso_spl2
expect B "55P03"
step B "ROLLBACK;"
step B "SELECT count(*) FROM iso_spl2;" 5
expect_exact B "0"

# an error inside a savepoint releases its locks too
step A "SAVEPOINT s3;"
step A "LOCK TABLE iso_spl IN ACCESS EXCLUSIVE MODE;"
step A "SELECT 1 / 0;"
expect A "22012"
step A "ROLLBACK TO SAVEPOINT s3;"
step B "SELECT count(*) FROM iso_spl;" 5
expect_exact B "2"

# row locks: the one taken inside the savepoint goes, the older one stays
step A "SELECT v FROM iso_spl WHERE id = 2 FOR SHARE;"
expect_exact A "20"
step A "SAVEPOINT s4;"
step A "SELECT v FROM iso_spl WHERE id = 1 FOR UPDATE;"
expect_exact A "10"
step A "SELECT v FROM iso_spl WHERE id = 2 FOR UPDATE;"
expect_exact A "20"
step B "SELECT v FROM iso_spl WHERE id = 1 FOR UPDATE NOWAIT;" 5
expect B "55P03"
step A "ROLLBACK TO SAVEPOINT s4;"
step B "BEGIN;"
step B "SELECT v FROM iso_spl WHERE id = 1 FOR UPDATE NOWAIT;" 5
expect_exact B "10"
step B "SELECT v FROM iso_spl WHERE id = 2 FOR SHARE NOWAIT;" 5
expect_exact B "20"
step B "ROLLBACK;"
step B "SELECT v FROM iso_spl WHERE id = 2 FOR UPDATE NOWAIT;" 5
expect B "55P03"
step A "COMMIT;"
step B "SELECT v FROM iso_spl WHERE id = 2 FOR UPDATE NOWAIT;" 5
expect_exact B "20"

# the transaction's own xid, first assigned inside a savepoint, keeps its
# lock when that savepoint is rolled back: a writer still waits for it
step A "BEGIN;"
step A "SAVEPOINT w;"
step A "UPDATE iso_spl SET v = v + 1 WHERE id = 1;"
step A "ROLLBACK TO SAVEPOINT w;"
step A "RELEASE SAVEPOINT w;"
step A "UPDATE iso_spl SET v = v + 100 WHERE id = 2;"
step_start B "UPDATE iso_spl SET v = v + 1000 WHERE id = 2;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "UPDATE 1"
[ "$(ctl "SELECT string_agg(id || ':' || v, ' ' ORDER BY id) FROM iso_spl")" = "1:10 2:1120" ] ||
    iso_fail "wrong values: $(ctl "SELECT * FROM iso_spl")"

sess_close A
sess_close B
ctl "DROP TABLE iso_spl, iso_spl2"
