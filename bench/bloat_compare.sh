#!/bin/bash
# bloat_compare.sh -- table size after N pgbench transactions (tpcb-like,
# default 200000, 4 clients) with autovacuum on, against PostgreSQL 15
# under the same settings (autovacuum on with the defaults, naptime
# NAPTIME, fsync on, shared_buffers 128MB).  Prints the sizes of
# pgbench_accounts, _tellers, _branches and the total, and the ratio
# RustyDB / PostgreSQL (1 or below: no more bloat than PostgreSQL).
# Environment: N, CLIENTS (default 4), SCALE (default 1), NAPTIME (default
# 10s), BINDIR.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BINDIR=${BINDIR:-$top/build/bin}
N=${N:-200000}
CLIENTS=${CLIENTS:-4}
SCALE=${SCALE:-1}
NAPTIME=${NAPTIME:-10s}
PGBIN=/usr/lib/postgresql/15/bin
. "$top/scripts/instance-lib.sh"

work=$(mktemp -d /tmp/rdbbloat.XXXXXX)
chmod 777 "$work"    # the postgres user writes its socket and log here
cleanup() {
    stop_instance "$work/rdb" INT || true
    su postgres -c "$PGBIN/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

rport=$(free_port)
start_instance "$work/rdb" "$rport" -c autovacuum=on -c autovacuum_naptime="$NAPTIME"
pport=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
su postgres -c "$PGBIN/initdb -D $work/pg -A trust -E UTF8 --locale=C" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $work/pg -o '-p $pport -k $work -c shared_buffers=128MB -c fsync=on -c autovacuum=on -c autovacuum_naptime=$NAPTIME' -l $work/pg.log -w start" >/dev/null
psql -X -q -h "$work" -p "$pport" -U postgres -d postgres -c 'CREATE DATABASE rustydb' >/dev/null

per_client=$((N / CLIENTS))
sizes() {   # host port -> "accounts tellers branches total"
    psql -X -At -F' ' -h "$1" -p "$2" -U postgres -d rustydb -c \
        "SELECT a, t, b, a + t + b FROM (SELECT pg_relation_size(to_regclass('pgbench_accounts')) a,
                pg_relation_size(to_regclass('pgbench_tellers')) t,
                pg_relation_size(to_regclass('pgbench_branches')) b) s"
}
run_side() {   # host port
    if ! pgbench -i -I dtgp -s "$SCALE" -h "$1" -p "$2" -U postgres rustydb >"$work/init.log" 2>&1; then
        echo "pgbench -i failed:" >&2
        tail -3 "$work/init.log" >&2
    fi
    pgbench -n -c "$CLIENTS" -j "$CLIENTS" -t "$per_client" -h "$1" -p "$2" -U postgres rustydb \
        2>&1 | grep -E '^(tps|number of transactions actually)' || true
    sizes "$1" "$2"
}

echo "RustyDB:";      r=$(run_side "$work/rdb/sock" "$rport"); echo "$r"
echo "PostgreSQL 15:"; p=$(run_side "$work" "$pport"); echo "$p"
rt=$(echo "$r" | tail -1 | awk '{print $4}')
pt=$(echo "$p" | tail -1 | awk '{print $4}')
echo "transactions: $N ($CLIENTS clients), scale $SCALE"
echo "size (accounts tellers branches total) RustyDB: $(echo "$r" | tail -1)"
echo "size (accounts tellers branches total) PostgreSQL 15: $(echo "$p" | tail -1)"
awk -v r="$rt" -v p="$pt" 'BEGIN { printf "ratio RustyDB/PostgreSQL: %.2f\n", r / p }'
