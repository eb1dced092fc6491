#!/bin/bash
# hot_new_index.sh -- an index created over HOT chains whose older members
# differ in the new index's columns (the updates were HOT because no index
# covered the column then) is kept from snapshots older than its build:
#   - CREATE INDEX while a REPEATABLE READ transaction still sees an old
#     version: pg_index.indcheckxmin is set; that transaction does not use
#     the index (it would miss its version, indexed under the newest value)
#     and still finds its row by the old value; a new transaction uses it;
#   - after the old transaction ends, REINDEX finds no broken chain and
#     clears indcheckxmin;
#   - CREATE INDEX CONCURRENTLY instead waits for the old snapshot.
# Runs on PostgreSQL 15 too (ISOLATION_EXTERNAL=1, see run-isolation.sh;
# or ISO_WORK=$(mktemp -d) PGHOST=... PGPORT=... bash test/isolation/hot_new_index.sh).
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_hotidx;
     CREATE TABLE iso_hotidx (id int PRIMARY KEY, c int, pad text);
     INSERT INTO iso_hotidx SELECT g, g, 'x' FROM generate_series(1, 100) g;"
sess_open A
sess_open B

uses_index() {   # uses_index SESSION INDEX QUERY: the session's plan for QUERY names INDEX
    step "$1" "EXPLAIN (COSTS OFF) $3"
    grep -q -- "$2" <<<"${ISO_LAST[$1]}"
}

# 1. CREATE INDEX under an old REPEATABLE READ snapshot
step A "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step A "SELECT c FROM iso_hotidx WHERE id = 5;"
expect_exact A "5"
for i in 1 2 3 4 5; do
    step B "UPDATE iso_hotidx SET c = c + 1000 WHERE id = 5;"
    expect_exact B "UPDATE 1"
done
step B "CREATE INDEX iso_hotidx_c ON iso_hotidx (c);"
expect_exact B "CREATE INDEX"
[ "$(ctl "SELECT indcheckxmin FROM pg_index WHERE indexrelid = to_regclass('iso_hotidx_c')")" = t ] ||
    iso_fail "indcheckxmin not set after a build over broken HOT chains"

step A "SET enable_seqscan = off;"
uses_index A iso_hotidx_c "SELECT id FROM iso_hotidx WHERE c = 5;" &&
    iso_fail "the old snapshot's plan uses the new index: ${ISO_LAST[A]}"
step A "SELECT id, c FROM iso_hotidx WHERE c = 5;"
expect_exact A "5|5"
step A "SELECT count(*) FROM iso_hotidx WHERE c = 5005;"
expect_exact A "0"

# a transaction that started after the build uses the index
step B "SET enable_seqscan = off;"
uses_index B iso_hotidx_c "SELECT id FROM iso_hotidx WHERE c = 5005;" ||
    iso_fail "a new transaction does not use the new index: ${ISO_LAST[B]}"
step B "SELECT id, c FROM iso_hotidx WHERE c = 5005;"
expect_exact B "5|5005"
step B "SELECT count(*) FROM iso_hotidx WHERE c = 5;"
expect_exact B "0"

step A "COMMIT;"
uses_index A iso_hotidx_c "SELECT id FROM iso_hotidx WHERE c = 5005;" ||
    iso_fail "A's new transaction does not use the index: ${ISO_LAST[A]}"
step A "SELECT id FROM iso_hotidx WHERE c = 5005;"
expect_exact A "5"

# 2. No old snapshot left: REINDEX finds no broken chain and lifts the restriction
step B "REINDEX INDEX iso_hotidx_c;"
[ "$(ctl "SELECT indcheckxmin FROM pg_index WHERE indexrelid = to_regclass('iso_hotidx_c')")" = f ] ||
    iso_fail "REINDEX without broken chains kept indcheckxmin"
step B "SELECT id FROM iso_hotidx WHERE c = 5005;"
expect_exact B "5"

# 3. CREATE INDEX CONCURRENTLY over broken chains waits for the old snapshot
step A "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step A "SELECT pad FROM iso_hotidx WHERE id = 7;"
expect_exact A "x"
for i in 1 2 3; do
    step B "UPDATE iso_hotidx SET pad = pad || 'y' WHERE id = 7;"
done
step_start B "CREATE INDEX CONCURRENTLY iso_hotidx_pad ON iso_hotidx (pad);"
sleep 1
step_done B && iso_fail "CREATE INDEX CONCURRENTLY did not wait for the old snapshot"
step A "SELECT id FROM iso_hotidx WHERE pad = 'x' AND id = 7;"
expect_exact A "7"
step A "COMMIT;"
step_wait B
expect_exact B "CREATE INDEX"
[ "$(ctl "SELECT indisvalid AND NOT indcheckxmin FROM pg_index
          WHERE indexrelid = to_regclass('iso_hotidx_pad')")" = t ] ||
    iso_fail "the concurrent build is not valid, or restricted"
uses_index A iso_hotidx_pad "SELECT id FROM iso_hotidx WHERE pad = 'xyyy';" ||
    iso_fail "the concurrently built index is not used: ${ISO_LAST[A]}"
step A "SELECT id FROM iso_hotidx WHERE pad = 'xyyy';"
expect_exact A "7"

if [ "$(ctl "SELECT count(*) FROM pg_proc WHERE proname = 'rustydb_verify_index'")" -gt 0 ]; then
    for idx in iso_hotidx_c iso_hotidx_pad iso_hotidx_pkey; do
        [ "$(ctl "SELECT rustydb_verify_index('$idx', true)")" = ok ] ||
            iso_fail "rustydb_verify_index('$idx') failed"
    done
fi

sess_close A
sess_close B
ctl "DROP TABLE iso_hotidx"
