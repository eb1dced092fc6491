#!/bin/bash
# partition_crash.sh BINDIR SCRATCH -- committed rows of a partitioned
# table survive a crash, in their partitions.
#
# A table is converted with ALTER TABLE ... PARTITION BY (new partition
# files, rows moved, the old file dropped at commit), then 4 clients insert
# through the parent (rows routed to 4 partitions, the primary key kept
# unique across them) and print "ack ID" after each COMMIT returned.  The
# postmaster and every child are killed with SIGKILL while they run, with
# no checkpoint since the conversion, so recovery replays everything.
# Afterwards: every acknowledged id is there, in the partition its date
# belongs to; no id twice; the conversion's catalog state is intact (the
# table partitioned, its old rows in the partitions); every partition's
# index verifies; and inserting goes on.
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

q -c "CREATE TABLE pcr (id int PRIMARY KEY, d date NOT NULL, client int)"
q -c "INSERT INTO pcr SELECT g, DATE '2024-01-01' + g % 700, 0 FROM generate_series(1, 1000) g"
q -c "CHECKPOINT"
q -c "ALTER TABLE pcr PARTITION BY RANGE (d) (
        PARTITION pcr_q1 VALUES LESS THAN ('2024-07-01'),
        PARTITION pcr_q2 VALUES LESS THAN ('2025-01-01'),
        PARTITION pcr_q3 VALUES LESS THAN ('2025-07-01'),
        PARTITION pcr_q4 VALUES LESS THAN (MAXVALUE))"

acked="$SCRATCH/acked.txt"
: >"$acked"
pids=()
for c in 1 2 3 4; do
    (
        for ((i = 0; i < 5000; i++)); do
            id=$((100000 * c + i))
            printf "INSERT INTO pcr VALUES (%d, DATE '2024-01-01' + %d, %d);\n\\\\echo ack %d\n" \
                "$id" $((RANDOM % 900)) "$c" "$id"
        done
    ) | psql -X -q -t -A 2>/dev/null | sed -n 's/^ack //p' >"$acked.$c" &
    pids+=($!)
done
sleep 1
pm=$(cat "$inst/test.pid")
kill_postmaster_tree "$pm"
for p in "${pids[@]}"; do wait "$p" || true; done
cat "$acked".[1-4] >"$acked"
rm -f "$inst/postmaster.pid"
start_instance "$inst" "$port" -c autovacuum=off

n=$(wc -l <"$acked")
echo "acknowledged before the crash: $n"
[ "$n" -gt 0 ] || { echo "no insert was acknowledged"; exit 1; }
q -c "CREATE TABLE acked (id int)"
q -c "\\copy acked FROM '$acked'"
got=$(q -c "SELECT count(*) FROM acked")
[ "$got" = "$n" ] || { echo "loaded $got of $n acknowledged ids"; exit 1; }
got=$(q -c "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM pcr WHERE pcr.id = a.id)")
[ "$got" = 0 ] || { echo "$got acknowledged inserts lost"; exit 1; }
got=$(q -c "SELECT relkind FROM pg_class WHERE relname = 'pcr'")
[ "$got" = p ] || { echo "pcr has relkind $got"; exit 1; }
got=$(q -c "SELECT count(*) FROM pcr WHERE client = 0")
[ "$got" = 1000 ] || { echo "converted rows after recovery: $got"; exit 1; }
got=$(q -c "SELECT count(*) - count(DISTINCT id) FROM pcr")
[ "$got" = 0 ] || { echo "$got duplicate ids"; exit 1; }
# each row in the partition its date belongs to
got=$(q -c "SELECT count(*) FROM pcr WHERE (tableoid::regclass::text = 'pcr_q1') <> (d < '2024-07-01')
            OR (tableoid::regclass::text = 'pcr_q4') <> (d >= '2025-07-01')")
[ "$got" = 0 ] || { echo "$got rows in the wrong partition"; exit 1; }
for p in pcr_q1 pcr_q2 pcr_q3 pcr_q4; do
    got=$(q -c "SELECT rustydb_verify_index('${p}_pkey', true)")
    [ "$got" = ok ] || { echo "${p}_pkey: $got"; exit 1; }
done
# still one key across partitions after recovery
q -c "INSERT INTO pcr VALUES (7, '2025-09-09', 9)" 2>"$SCRATCH/dup.err" && { echo "duplicate id accepted"; exit 1; }
grep -q 'duplicate key value violates unique constraint "pcr_pkey"' "$SCRATCH/dup.err" ||
    { echo "unexpected error:"; cat "$SCRATCH/dup.err"; exit 1; }
q -c "INSERT INTO pcr VALUES (999999, '2025-09-09', 9)"
echo "ok: $n acknowledged inserts found after recovery"
