#!/bin/bash
# upsert_crash.sh BINDIR SCRATCH -- super-deleted tuples stay dead after a
# crash.
#
# INSERT ... ON CONFLICT inserts its tuple before the arbiter index entries;
# when a concurrent inserter of the same key wins, it super-deletes the
# tuple (xmin made invalid, WAL record XLOG_HEAP_SUPER_DELETE) and retries
# (executor README, "INSERT ... ON CONFLICT").  Here 8 clients all propose
# the key of the current 5 ms time slot with DO NOTHING, so most keys are
# raced for; the only dead tuples in the table are super-deleted ones
# (rustydb_relation_space's dead bytes prove that some exist).  The server
# is then killed with SIGKILL without a checkpoint since the workload began,
# so recovery replays every record.  Afterwards the page contents measure
# the same as before the crash (live/dead/free bytes), each key has exactly
# one visible row (a super-deleted tuple replayed as live would duplicate
# one), the index verifies, and VACUUM removes the dead tuples.
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
start_instance "$inst" "$port" -c autovacuum=off
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE TABLE uc (k bigint PRIMARY KEY, c int)"
q -c "CHECKPOINT"
script="$SCRATCH/upsert.sql"
echo 'INSERT INTO uc VALUES ((extract(epoch FROM clock_timestamp()) * 200)::bigint, 1) ON CONFLICT DO NOTHING;' >"$script"
dead=0
for round in 1 2 3 4 5 6; do
    out=$(pgbench -n -c 8 -j 4 -T 2 -f "$script" 2>&1) || { echo "pgbench failed:"; echo "$out"; exit 1; }
    if ! grep -q '^number of failed transactions: 0' <<<"$out" &&
        grep -q '^number of failed transactions' <<<"$out"; then
        echo "pgbench reported failed transactions:"; echo "$out"; exit 1
    fi
    dead=$(q -c "SELECT (rustydb_relation_space('uc'))[2]")
    echo "round $round: dead bytes $dead"
    [ "$dead" -gt 0 ] && break
done
[ "$dead" -gt 0 ] || { echo "no super-deleted tuple after 6 rounds"; exit 1; }
# no scan before the crash: a scan would prune the super-deleted tuples
# (their storage goes, WAL-logged) and leave redo nothing to prove
space=$(q -c "SELECT rustydb_relation_space_measured('uc')")
echo "before the crash: space $space"
# the exact space counters (super-deletions counted as deletions) agree with the pages
counters=$(q -c "SELECT '{' || s[1] || ',' || s[2] || ',' || s[3] || '}' FROM (SELECT rustydb_relation_space('uc') AS s) x")
[ "$counters" = "$space" ] || { echo "space counters $counters, pages $space"; exit 1; }

pm=$(cat "$inst/test.pid")
kill_postmaster_tree "$pm"
sleep 0.2
rm -f "$inst/postmaster.pid"
start_instance "$inst" "$port" -c autovacuum=off

got=$(q -c "SELECT rustydb_relation_space_measured('uc')")
[ "$got" = "$space" ] || { echo "space after recovery: $got, before: $space"; exit 1; }
before=$(q -c "SELECT count(*), count(DISTINCT k), sum(c) FROM uc")
n=$(q -c "SELECT count(*) FROM uc")
[ "$before" = "$n|$n|$n" ] || { echo "rows/keys/sum after recovery: $before"; exit 1; }
got=$(q -c "SELECT rustydb_verify_index('uc_pkey', true)")
[ "$got" = ok ] || { echo "uc_pkey: $got"; exit 1; }
# the keys are still arbitrated: proposing them again inserts nothing
got=$(q -c "INSERT INTO uc SELECT k, 2 FROM uc ON CONFLICT DO NOTHING RETURNING k" | wc -l)
[ "$got" = 0 ] || { echo "re-proposing the keys inserted $got rows"; exit 1; }
q -c "VACUUM uc"
got=$(q -c "SELECT (rustydb_relation_space('uc'))[2]")
[ "$got" = 0 ] || { echo "dead bytes after VACUUM: $got"; exit 1; }
after=$(q -c "SELECT count(*), count(DISTINCT k), sum(c) FROM uc")
[ "$after" = "$before" ] || { echo "rows after VACUUM: $after, before: $before"; exit 1; }
got=$(q -c "SELECT rustydb_verify_index('uc_pkey', true)")
[ "$got" = ok ] || { echo "uc_pkey after VACUUM: $got"; exit 1; }
echo "ok: $before rows/keys/sum survive the crash, super-deleted tuples dead"
stop_instance "$inst"
