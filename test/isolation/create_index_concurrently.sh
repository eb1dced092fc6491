#!/bin/bash
# create_index_concurrently.sh -- CREATE INDEX CONCURRENTLY waits for the
# transactions that may not know of the index (an open writer before it
# builds; a REPEATABLE READ reader whose snapshot predates the validation
# before it marks the index valid), while its own table lock lets other
# sessions INSERT, UPDATE and DELETE without blocking; every row written
# during the build is in the finished index.
# Runs on PostgreSQL 15 too (ISOLATION_EXTERNAL=1, see run-isolation.sh): the
# structural check rustydb_verify_index() runs only where that function
# exists; the index contents are checked by comparing an index-only count
# with a sequential-scan count on both servers.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_cic;
     CREATE TABLE iso_cic (id int PRIMARY KEY, v int, w int);
     INSERT INTO iso_cic SELECT g, g % 50, g % 7 FROM generate_series(1, 500) g;"
sess_open A
sess_open B
sess_open C

# index contents: rows with COL in [lo, hi] found through index IDX vs. the table
check_index() {
    local idx=$1 v=$2 lo=$3 hi=$4 via_index via_seq
    via_index=$(ctl "SET enable_seqscan = off; SET enable_bitmapscan = off;
                     SELECT count(*) FROM iso_cic WHERE $v BETWEEN $lo AND $hi;")
    via_seq=$(ctl "SET enable_indexscan = off; SET enable_indexonlyscan = off;
                   SET enable_bitmapscan = off;
                   SELECT count(*) FROM iso_cic WHERE $v BETWEEN $lo AND $hi;")
    [ "$via_index" = "$via_seq" ] ||
        iso_fail "$idx: $via_index rows through the index, $via_seq in the table ($v in $lo..$hi)"
    [ "$(ctl "SET enable_seqscan = off; SET enable_bitmapscan = off;
              EXPLAIN (COSTS OFF) SELECT count(*) FROM iso_cic WHERE $v BETWEEN $lo AND $hi;" |
         grep -c "$idx")" -ge 1 ] || iso_fail "$idx is not used by the check query"
    if [ "$(ctl "SELECT count(*) FROM pg_proc WHERE proname = 'rustydb_verify_index'")" -gt 0 ]; then
        [ "$(ctl "SELECT rustydb_verify_index('$idx')")" = ok ] ||
            iso_fail "rustydb_verify_index('$idx') failed"
    fi
}

# 1. An open writer: the build waits for it; meanwhile B's writes go through.
step A "BEGIN;"
step A "INSERT INTO iso_cic VALUES (1001, 1001);"
step_start C "CREATE INDEX CONCURRENTLY iso_cic_v1 ON iso_cic (v);"
sleep 0.5
step_done C && iso_fail "CREATE INDEX CONCURRENTLY did not wait for the open writer"
step B "INSERT INTO iso_cic VALUES (1002, 1002);" 5
step B "UPDATE iso_cic SET v = 1003 WHERE id = 3;" 5
step B "DELETE FROM iso_cic WHERE id = 4;" 5
expect_exact B "DELETE 1"
step_done C && iso_fail "CREATE INDEX CONCURRENTLY finished before the writer ended"
step A "COMMIT;"
step_wait C
expect_exact C "CREATE INDEX"
check_index iso_cic_v1 v 1001 1003
[ "$(ctl "SET enable_seqscan = off; SELECT count(*) FROM iso_cic WHERE v BETWEEN 1001 AND 1003")" = 3 ] ||
    iso_fail "rows written while the index was built are missing"

# 2. An old snapshot of a read-only transaction: the build is not valid
#    before it ends; writes during the wait are in the index.
step A "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step A "SELECT count(*) FROM iso_cic;"
expect_exact A "501"
step_start C "CREATE INDEX CONCURRENTLY iso_cic_w ON iso_cic (w);"
sleep 0.5
step_done C && iso_fail "CREATE INDEX CONCURRENTLY did not wait for the old snapshot"
step B "INSERT INTO iso_cic VALUES (2001, 2001, 2001);" 5
step B "UPDATE iso_cic SET w = 2002 WHERE id = 5;" 5
step B "DELETE FROM iso_cic WHERE id = 1002;" 5
expect_exact B "DELETE 1"
step B "BEGIN;"
step B "INSERT INTO iso_cic VALUES (2003, 2003, 2003);" 5
step B "COMMIT;"
sleep 0.3
step_done C && iso_fail "CREATE INDEX CONCURRENTLY finished before the old snapshot ended"
[ "$(ctl "SELECT indisvalid FROM pg_index WHERE indexrelid = (SELECT oid FROM pg_class WHERE relname = 'iso_cic_w')")" = f ] ||
    iso_fail "iso_cic_w valid while a snapshot older than its validation is open"
step A "SELECT count(*) FROM iso_cic;"
expect_exact A "501"
step A "COMMIT;"
step_wait C
expect_exact C "CREATE INDEX"
[ "$(ctl "SELECT indisvalid FROM pg_index WHERE indexrelid = (SELECT oid FROM pg_class WHERE relname = 'iso_cic_w')")" = t ] ||
    iso_fail "iso_cic_w not valid after the build"
check_index iso_cic_w w 1001 3000
[ "$(ctl "SET enable_seqscan = off; SELECT count(*) FROM iso_cic WHERE w > 1000")" = 3 ] ||
    iso_fail "rows written while the index was built are missing"
check_index iso_cic_v1 v 0 3000

sess_close A
sess_close B
sess_close C
ctl "DROP TABLE iso_cic"
