#!/bin/bash
# vacuum_online.sh BINDIR SCRATCH -- VACUUM while the database is in use.
#
#  1. Cancel mid-VACUUM: a throttled VACUUM of a big table is stopped by
#     statement_timeout, by a client cancel request (SIGINT to psql) and by
#     rustydb_cancel_job(); each time the rows are unchanged, every index
#     verifies (rustydb_verify_index(idx, true)), the work done before the
#     cancel is kept (fewer dead bytes), and a later VACUUM completes.
#  2. VACUUM concurrent with writes from another session loses nothing: a
#     writer runs single-statement transactions (insert, update, delete)
#     while VACUUMs run in a loop; afterwards the table equals a reference
#     table that got the same statements with no VACUUM running.
#  3. Autovacuum triggers within a naptime (autovacuum_naptime = 1s) on a
#     churned table: its dead tuples are removed without any VACUUM command.
set -euo pipefail
BINDIR=$1
SCRATCH=$2
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
start_instance "$inst" "$port" -c autovacuum=on -c autovacuum_naptime=1s
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
fail() { echo "FAILED: $*"; exit 1; }

# ---------- 1. cancel mid-VACUUM ----------
# autovacuum_enabled = false: only this test's VACUUMs touch the table
q -c "CREATE TABLE big (id int PRIMARY KEY, k int NOT NULL, pad text NOT NULL)
      WITH (autovacuum_enabled = false)"
q -c "CREATE INDEX big_k ON big (k)"
q -c "INSERT INTO big SELECT g, g % 100, repeat('b', 60) FROM generate_series(1, 200000) g"
# no bulk-change ANALYZE: its scan would prune pages behind the test's back
psql -X -q -c "SET bulk_change_analyze_fraction = 0" -c "DELETE FROM big WHERE id % 2 = 0"
q -c "CHECKPOINT"     # clean pages: dirtying them costs the VACUUMs below more
# computed without reading big: a scan would prune its pages (opportunistic pruning)
expect=$(q -c "SELECT count(*), sum(g), sum(g % 100) FROM generate_series(1, 200000) g WHERE g % 2 = 1")
slow=(-c "SET vacuum_cost_delay = 10" -c "SET vacuum_cost_limit = 20")   # ~30 s for the table

check_big() {   # label
    local got
    got=$(q -c "SELECT count(*), sum(id), sum(k) FROM big")
    [ "$got" = "$expect" ] || fail "$1: rows changed: '$got', expected '$expect'"
    [ "$(q -c "SELECT count(*) FROM big WHERE k = 7")" = 2000 ] || fail "$1: index scan on k"
    for idx in big_pkey big_k; do
        got=$(q -c "SELECT rustydb_verify_index('$idx', true)")
        [ "$got" = ok ] || fail "$1: index $idx: $got"
    done
}
dead_bytes() { q -c "SELECT (rustydb_relation_space('big'))[2]"; }

dead0=$(dead_bytes)
out=$(psql -X -q "${slow[@]}" -c "SET statement_timeout = '400ms'" -c "VACUUM big" 2>&1 || true)
case "$out" in
    *"canceling statement due to statement timeout"*) ;;
    *) fail "statement_timeout did not cancel VACUUM: $out" ;;
esac
dead1=$(dead_bytes)     # before any scan of the table (scans prune pages too)
[ "$dead1" -lt "$dead0" ] || fail "cancelled VACUUM kept no work: dead bytes $dead0 -> $dead1"
check_big "after statement_timeout"

# a client cancel request: psql sends one on SIGINT
psql -X -q "${slow[@]}" -c "VACUUM big" >"$SCRATCH/cancel.out" 2>&1 &
vpid=$!
sleep 0.5
kill -INT "$vpid"
wait "$vpid" 2>/dev/null || true
grep -q "canceling statement due to user request" "$SCRATCH/cancel.out" ||
    fail "cancel request did not stop VACUUM: $(cat "$SCRATCH/cancel.out")"
check_big "after a cancel request"

# rustydb_cancel_job on the running VACUUM's job
psql -X -q "${slow[@]}" -c "VACUUM big" >"$SCRATCH/job.out" 2>&1 &
vpid=$!
job=""
for _ in $(seq 1 50); do
    job=$(q -c "SELECT job_id FROM v\$maintenance_jobs WHERE operation = 'vacuum'
                AND status = 'running' AND tables = 'big' LIMIT 1")
    [ -n "$job" ] && break
    sleep 0.1
done
[ -n "$job" ] || fail "the VACUUM's job is not listed as running"
[ "$(q -c "SELECT rustydb_cancel_job($job)")" = t ] || fail "rustydb_cancel_job returned false"
wait "$vpid" 2>/dev/null || true
grep -q "canceling maintenance job $job" "$SCRATCH/job.out" ||
    fail "rustydb_cancel_job did not stop VACUUM: $(cat "$SCRATCH/job.out")"
[ "$(q -c "SELECT status FROM v\$maintenance_jobs WHERE job_id = $job")" = cancelled ] ||
    fail "job $job not marked cancelled"
check_big "after rustydb_cancel_job"

q -c "VACUUM big"
check_big "after a complete VACUUM"
[ "$(dead_bytes)" = 0 ] || fail "dead bytes left after a complete VACUUM: $(dead_bytes)"
echo "cancel: ok (dead bytes $dead0 -> $dead1 after the first cancel, 0 at the end)"

# ---------- 2. VACUUM concurrent with writes ----------
for t in cw cw_ref; do
    q -c "CREATE TABLE $t (id int PRIMARY KEY, v int NOT NULL) WITH (autovacuum_enabled = false)"
    q -c "CREATE INDEX ${t}_v ON $t (v)"
done
writes() {  # table -- 3000 autocommit statements with a known outcome
    for ((i = 1; i <= 1500; i++)); do
        echo "INSERT INTO $1 VALUES ($i, $i);"
        if ((i % 3 == 0)); then echo "UPDATE $1 SET v = v + 1000000 WHERE id = $((i - 1));"; fi
        if ((i % 4 == 0)); then echo "DELETE FROM $1 WHERE id = $((i - 2));"; fi
        if ((i % 50 == 0)); then echo "UPDATE $1 SET v = v + 1 WHERE id BETWEEN $((i - 49)) AND $i;"; fi
    done
}
writes cw >"$SCRATCH/writes.sql"
writes cw_ref >"$SCRATCH/writes_ref.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$SCRATCH/writes.sql" >/dev/null &
wpid=$!
nvac=0
while kill -0 "$wpid" 2>/dev/null; do
    q -c "VACUUM cw"
    nvac=$((nvac + 1))
done
wait "$wpid" || fail "the writer failed"
q -c "VACUUM cw"
q -f "$SCRATCH/writes_ref.sql" >/dev/null
diff=$(q -c "SELECT count(*) FROM ((SELECT * FROM cw EXCEPT SELECT * FROM cw_ref)
                                   UNION ALL (SELECT * FROM cw_ref EXCEPT SELECT * FROM cw)) d")
[ "$diff" = 0 ] || fail "concurrent VACUUM: $diff rows differ from the reference"
[ "$(q -c "SELECT count(*) FROM cw WHERE v > 1000000")" = \
  "$(q -c "SELECT count(*) FROM cw_ref WHERE v > 1000000")" ] || fail "index scan on cw.v differs"
for idx in cw_pkey cw_v; do
    got=$(q -c "SELECT rustydb_verify_index('$idx', true)")
    [ "$got" = ok ] || fail "concurrent VACUUM: index $idx: $got"
done
echo "concurrent writes: ok ($nvac VACUUMs during the writes, $(q -c 'SELECT count(*) FROM cw') rows)"

# ---------- 3. autovacuum within a naptime ----------
q -c "CREATE TABLE churn (id int PRIMARY KEY, v int)"
q -c "INSERT INTO churn SELECT g, g FROM generate_series(1, 5000) g"
q -c "ANALYZE churn"
before=$(q -c "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'churn'")
q -c "UPDATE churn SET v = v + 1 WHERE id % 2 = 0"
q -c "DELETE FROM churn WHERE id % 5 = 0"
start=$(date +%s%N)
done_av=""
for _ in $(seq 1 100); do      # 10 s: a naptime of 1 s plus the work, with room to spare
    n=$(q -c "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'churn'")
    if [ "$n" -gt "$before" ]; then done_av=yes; break; fi
    sleep 0.1
done
[ -n "$done_av" ] || fail "autovacuum did not vacuum the churned table within 10 s"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
# A snapshot taken by a concurrent statement (this script's own polling, the
# stats collector's reads) can keep the last few versions from being removable
# in the first round; the next naptime removes them.  Allow 10 s more.
dead=""
for _ in $(seq 1 100); do
    dead=$(q -c "SELECT (rustydb_relation_space('churn'))[2]")
    [ "$dead" = 0 ] && break
    sleep 0.1
done
[ "$dead" = 0 ] || fail "dead bytes left after autovacuum: $dead"
[ "$(q -c "SELECT count(*) FROM churn")" = 4000 ] || fail "rows lost by autovacuum"
echo "autovacuum: ok (vacuumed $ms ms after the churn, naptime 1 s)"

stop_instance "$inst" INT
trap - EXIT
echo "vacuum_online: passed"
