#!/bin/bash
# pgbench_compare.sh [MODE...] -- pgbench against RustyDB and PostgreSQL 15 on
# this machine, in one run, same settings on both sides (fsync on,
# synchronous_commit on, shared_buffers 128MB), and print tps and the ratio.
#
# Modes (default: tpcb-nokeys):
#   tpcb-nokeys   pgbench -i -I dtg -s 1, then tpcb-like, 4 clients (no primary keys)
#   tpcb-keys     pgbench -i -I dtgp -s 10, then tpcb-like, 4 clients
#   select        pgbench -i -I dtgp -s 10, then -S (select-only), simple protocol
#   select-prep   the same with -M prepared
# Environment: DURATION (seconds per run, default 30), BINDIR (RustyDB
# programs, default build/bin).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BINDIR=${BINDIR:-$top/build/bin}
DURATION=${DURATION:-30}
PGBIN=/usr/lib/postgresql/15/bin
. "$top/scripts/instance-lib.sh"
modes=("${@:-tpcb-nokeys}")

work=$(mktemp -d /tmp/rdbbench.XXXXXX)
chmod 777 "$work"   # the postgres user writes its log and socket here
cleanup() {
    stop_instance "$work/rdb" INT || true
    su postgres -c "$PGBIN/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

rport=$(free_port)
start_instance "$work/rdb" "$rport"
pport=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
su postgres -c "$PGBIN/initdb -D $work/pg -A trust -E UTF8 --locale=C" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $work/pg -o '-p $pport -k $work -c shared_buffers=128MB -c fsync=on -c synchronous_commit=on' -l $work/pg.log -w start" >/dev/null
psql -X -q -h "$work" -p "$pport" -U postgres -d postgres -c 'CREATE DATABASE rustydb' >/dev/null

run_side() {   # host port init-steps scale extra-args...
    local host=$1 port=$2 steps=$3 scale=$4
    shift 4
    pgbench -h "$host" -p "$port" -U postgres -i -I "$steps" -s "$scale" -q rustydb >/dev/null 2>&1
    pgbench -h "$host" -p "$port" -U postgres -c 4 -j 2 -T "$DURATION" "$@" rustydb 2>&1 |
        awk '/^tps = /{print $3; exit}'
}

for mode in "${modes[@]}"; do
    case "$mode" in
        tpcb-nokeys) steps=dtg; scale=1; args=() ;;
        tpcb-keys) steps=dtgp; scale=10; args=() ;;
        select) steps=dtgp; scale=10; args=(-S) ;;
        select-prep) steps=dtgp; scale=10; args=(-S -M prepared) ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    rtps=$(run_side "$work/rdb/sock" "$rport" "$steps" "$scale" "${args[@]}")
    ptps=$(run_side "$work" "$pport" "$steps" "$scale" "${args[@]}")
    ratio=$(awk -v r="${rtps:-0}" -v p="${ptps:-0}" 'BEGIN { if (p > 0) printf "%.2f", r / p; else print "n/a" }')
    printf '%-12s rustydb %10s tps   postgresql %10s tps   ratio %s\n' "$mode" "${rtps:-failed}" "${ptps:-failed}" "$ratio"
done
