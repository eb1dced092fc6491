#!/bin/bash
# vacuum_compare.sh -- VACUUM time against PostgreSQL 15 on the same data,
# in one run: a table of ROWS rows (default 1,000,000) with a primary key,
# every second row deleted, then VACUUM timed (psql \timing) on both
# servers with the same settings (fsync on, shared_buffers 128MB,
# autovacuum off so nothing vacuums behind our back).  Prints both times
# and the ratio RustyDB / PostgreSQL (below 1: RustyDB is faster).
# RustyDB's bulk-change ANALYZE (queued at the DELETE's commit even with
# autovacuum off) is waited for before timing: VACUUM alone is measured on
# both sides (it would otherwise wait for that ANALYZE's lock).
# Environment: ROWS, BINDIR (RustyDB programs, default build/bin).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BINDIR=${BINDIR:-$top/build/bin}
ROWS=${ROWS:-1000000}
PGBIN=/usr/lib/postgresql/15/bin
. "$top/scripts/instance-lib.sh"

work=$(mktemp -d /tmp/rdbvac.XXXXXX)
chmod 777 "$work"    # the postgres user writes its socket and log here
cleanup() {
    stop_instance "$work/rdb" INT || true
    su postgres -c "$PGBIN/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

rport=$(free_port)
start_instance "$work/rdb" "$rport" -c autovacuum=off
pport=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
su postgres -c "$PGBIN/initdb -D $work/pg -A trust -E UTF8 --locale=C" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $work/pg -o '-p $pport -k $work -c shared_buffers=128MB -c fsync=on -c autovacuum=off' -l $work/pg.log -w start" >/dev/null
psql -X -q -h "$work" -p "$pport" -U postgres -d postgres -c 'CREATE DATABASE rustydb' >/dev/null

prepare='CREATE TABLE vb (id int PRIMARY KEY, payload text);
INSERT INTO vb SELECT g, md5(g::text) FROM generate_series(1, '"$ROWS"') g;
DELETE FROM vb WHERE id % 2 = 0;
CHECKPOINT;'

# wait_background host port -- RustyDB only: until no maintenance job is queued or running
wait_background() {
    local n
    sleep 1     # a bulk-change request becomes a job within 0.5 s
    for _ in $(seq 1 600); do
        n=$(psql -X -At -h "$1" -p "$2" -U postgres -d rustydb -c \
            "SELECT count(*) FROM v\$maintenance_jobs WHERE status IN ('queued', 'running')")
        [ "$n" = 0 ] && return 0
        sleep 0.5
    done
}

vacuum_ms() {   # host port -> milliseconds of VACUUM vb
    local host=$1 port=$2
    psql -X -q -h "$host" -p "$port" -U postgres -d rustydb -c "$prepare" >/dev/null
    [ "$port" = "$rport" ] && wait_background "$host" "$port"
    psql -X -h "$host" -p "$port" -U postgres -d rustydb -c '\timing on' -c 'VACUUM vb' |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}

r=$(vacuum_ms "$work/rdb/sock" "$rport")
p=$(vacuum_ms "$work" "$pport")
rsize=$(psql -X -At -h "$work/rdb/sock" -p "$rport" -U postgres -d rustydb -c "SELECT pg_relation_size(to_regclass('vb'))")
psize=$(psql -X -At -h "$work" -p "$pport" -U postgres -d rustydb -c "SELECT pg_relation_size('vb')")
echo "rows: $ROWS, deleted: $((ROWS / 2))"
echo "VACUUM   RustyDB: ${r} ms   PostgreSQL 15: ${p} ms"
echo "table    RustyDB: ${rsize} bytes   PostgreSQL 15: ${psize} bytes"
awk -v r="$r" -v p="$p" 'BEGIN { printf "ratio RustyDB/PostgreSQL: %.2f\n", r / p }'
