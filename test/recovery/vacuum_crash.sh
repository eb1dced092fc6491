#!/bin/bash
# vacuum_crash.sh BINDIR SCRATCH -- kill -9 during VACUUM and VACUUM FULL,
# restart, verify.
#
# A table with a primary key and a secondary index is churned (deletes,
# updates, inserts), then VACUUM (throttled by vacuum_cost_delay so that
# the kill lands in the middle of a run) or VACUUM FULL is started and the
# postmaster and every child are killed with SIGKILL at a random moment.
# After crash recovery:
#   - the visible rows are exactly those committed before the VACUUM
#     (count, sum of ids, per-group count read through the index),
#   - every index passes rustydb_verify_index(idx, true) (structure, and
#     every heap tuple is indexed),
#   - a VACUUM then completes, and the checks hold again.
# Every third cycle lets the VACUUM finish and kills right after it, with no
# checkpoint in between: recovery must replay the compact page-cleaning
# records (prune, heap pass, visibility map) and rebuild the same pages --
# checked with rustydb_relation_space_measured(), which sums live, dead and free
# bytes page by page.  CYCLES (default 9) cycles run in one test.
set -euo pipefail
BINDIR=$1
SCRATCH=$2
CYCLES=${CYCLES:-9}
ROWS=${ROWS:-40000}
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/instance-lib.sh"

inst="$SCRATCH/instance"
port=$(free_port)
cleanup() {
    local pm
    pm=$(cat "$inst/test.pid" 2>/dev/null) || return 0
    kill_postmaster_tree "$pm"
}
trap cleanup EXIT
# autovacuum off: only the VACUUMs of this test touch the table
start_instance "$inst" "$port" -c autovacuum=off
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

crash_restart() {
    local pm
    pm=$(cat "$inst/test.pid")
    kill_postmaster_tree "$pm"
    sleep 0.2
    rm -f "$inst/postmaster.pid"
    start_instance "$inst" "$port" -c autovacuum=off
}

state() {   # what no VACUUM may change: visible rows, read by seq scan and through the index
    q -c "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(length(pad)), 0) FROM vc"
    q -c "SELECT count(*) FROM vc WHERE grp = 3"
    q -c "SELECT count(*) FROM vc WHERE id BETWEEN 1000 AND 1999"
}

verify() {  # cycle label
    local got
    got=$(state)
    if [ "$got" != "$expect" ]; then
        echo "cycle $1: rows changed: got '$got', expected '$expect'"; exit 1
    fi
    for idx in vc_pkey vc_grp_idx; do
        got=$(q -c "SELECT rustydb_verify_index('$idx', true)")
        if [ "$got" != "ok" ]; then
            echo "cycle $1: index $idx: $got"; exit 1
        fi
    done
}

q -c "CREATE TABLE vc (id int PRIMARY KEY, grp int NOT NULL, pad text NOT NULL)"
q -c "CREATE INDEX vc_grp_idx ON vc (grp)"
q -c "INSERT INTO vc SELECT g, g % 10, repeat('p', 20 + g % 50) FROM generate_series(1, $ROWS) g"
next_id=$((ROWS + 1))

for ((cycle = 1; cycle <= CYCLES; cycle++)); do
    # churn: every cycle deletes, updates and inserts different rows
    q -c "DELETE FROM vc WHERE id % 7 = $((cycle % 7))"
    q -c "UPDATE vc SET pad = pad || 'u' WHERE id % 11 = $((cycle % 11))"
    q -c "INSERT INTO vc SELECT g, g % 10, repeat('n', 30) FROM generate_series($next_id, $((next_id + 2999))) g"
    next_id=$((next_id + 3000))
    if [ $((cycle % 2)) -eq 0 ]; then
        q -c "CHECKPOINT"     # the next page changes carry images, the others not
    fi
    expect=$(state)

    if [ $((cycle % 3)) -eq 0 ]; then
        # complete VACUUM, then crash before any checkpoint: pure redo of its records
        q -c "VACUUM vc"
        space=$(q -c "SELECT rustydb_relation_space_measured('vc')")
        # exact space counters, kept since the last cycle's baseline, equal the pages
        counters=$(q -c "SELECT s[1] || ',' || s[2] || ',' || s[3] || ' source ' || s[4]
                         FROM (SELECT rustydb_relation_space('vc') AS s) x")
        if [ "$counters" != "$(echo "$space" | tr -d '{}') source 0" ]; then
            echo "cycle $cycle: space counters $counters, pages $space"; exit 1
        fi
        crash_restart
        verify "$cycle (after a completed VACUUM)"
        got=$(q -c "SELECT rustydb_relation_space_measured('vc')")
        if [ "$got" != "$space" ]; then
            echo "cycle $cycle: pages differ after redo: space $got, before the crash $space"; exit 1
        fi
    else
        if [ $((cycle % 3)) -eq 1 ]; then
            stmt="SET vacuum_cost_delay = 5; SET vacuum_cost_limit = 100; VACUUM vc"
            kind=VACUUM
        else
            stmt="VACUUM FULL vc"
            kind="VACUUM FULL"
        fi
        (psql -X -q -c "$stmt" >/dev/null 2>&1 || true) &
        vpid=$!
        sleep "0.$(( (RANDOM % 6) + 1 ))"
        crash_restart
        wait "$vpid" 2>/dev/null || true
        verify "$cycle (killed during $kind)"
    fi
    q -c "VACUUM vc"
    verify "$cycle (VACUUM after recovery)"
    # after a crash the space counters are invalid: this read takes a new baseline
    src=$(q -c "SELECT (rustydb_relation_space('vc'))[4]")
    if [ "$src" != 1 ]; then
        echo "cycle $cycle: space counters after a crash: source $src, wanted 1 (new baseline)"; exit 1
    fi
    echo "cycle $cycle: ok ($(q -c 'SELECT count(*) FROM vc') rows)"
done
stop_instance "$inst" INT
trap - EXIT
echo "vacuum_crash: $CYCLES cycles passed"
