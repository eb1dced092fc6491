#!/bin/bash
# bloat_compare.sh -- table size after N pgbench transactions (tpcb-like,
# default 200000, 4 clients) with autovacuum on, against PostgreSQL 15
# under the same settings on both sides: autovacuum on with the settings
# listed in AV_SETTINGS (PostgreSQL's defaults, spelled out so that a change
# of either product's defaults cannot skew the comparison) and naptime
# NAPTIME, fsync on, shared_buffers 128MB.  Prints pg_relation_size of
# pgbench_accounts, _tellers, _branches, _history and their total for both,
# and the ratio RustyDB / PostgreSQL of the totals and of the accounts
# table (1 or below: no more bloat than PostgreSQL).
# Environment: N (transactions, default 200000), QUICK=1 (N defaults to
# 20000 instead: a run of a few minutes), CLIENTS (default 4), SCALE
# (default 1), NAPTIME (default 10s), BINDIR.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BINDIR=${BINDIR:-$top/build/bin}
if [ "${QUICK:-0}" = 1 ]; then N=${N:-20000}; else N=${N:-200000}; fi
CLIENTS=${CLIENTS:-4}
SCALE=${SCALE:-1}
NAPTIME=${NAPTIME:-10s}
PGBIN=/usr/lib/postgresql/15/bin
# the same autovacuum configuration on both sides
AV_SETTINGS=(autovacuum=on "autovacuum_naptime=$NAPTIME" autovacuum_max_workers=3
             autovacuum_vacuum_threshold=50 autovacuum_vacuum_scale_factor=0.2
             autovacuum_analyze_threshold=50 autovacuum_analyze_scale_factor=0.1
             autovacuum_vacuum_cost_delay=2ms autovacuum_vacuum_cost_limit=200)
rdb_opts=()
pg_opts=""
for s in "${AV_SETTINGS[@]}"; do
    rdb_opts+=(-c "$s")
    pg_opts="$pg_opts -c $s"
done
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
start_instance "$work/rdb" "$rport" "${rdb_opts[@]}"
pport=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
su postgres -c "$PGBIN/initdb -D $work/pg -A trust -E UTF8 --locale=C" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $work/pg -o '-p $pport -k $work -c shared_buffers=128MB -c fsync=on$pg_opts' -l $work/pg.log -w start" >/dev/null
psql -X -q -h "$work" -p "$pport" -U postgres -d postgres -c 'CREATE DATABASE rustydb' >/dev/null

per_client=$((N / CLIENTS))
sizes() {   # host port -> "accounts tellers branches history total"
    psql -X -At -F' ' -h "$1" -p "$2" -U postgres -d rustydb -c \
        "SELECT a, t, b, h, a + t + b + h FROM (SELECT pg_relation_size(to_regclass('pgbench_accounts')) a,
                pg_relation_size(to_regclass('pgbench_tellers')) t,
                pg_relation_size(to_regclass('pgbench_branches')) b,
                pg_relation_size(to_regclass('pgbench_history')) h) s"
}
run_side() {   # host port -- initialise, run N transactions, print "sizes-after | sizes-after-init"
    if ! pgbench -i -I dtgp -s "$SCALE" -h "$1" -p "$2" -U postgres rustydb >"$work/init.log" 2>&1; then
        echo "pgbench -i failed:" >&2
        tail -3 "$work/init.log" >&2
        exit 1
    fi
    local initial
    initial=$(sizes "$1" "$2")
    pgbench -n -c "$CLIENTS" -j "$CLIENTS" -t "$per_client" -h "$1" -p "$2" -U postgres rustydb \
        >"$work/run.log" 2>&1 || { echo "pgbench failed:" >&2; tail -5 "$work/run.log" >&2; exit 1; }
    grep -E '^(tps|number of (transactions actually|failed))' "$work/run.log" >&2 || true
    echo "$(sizes "$1" "$2") | $initial"
}

echo "transactions: $N ($CLIENTS clients), scale $SCALE, autovacuum: ${AV_SETTINGS[*]}"
echo "RustyDB:" >&2
r=$(run_side "$work/rdb/sock" "$rport")
echo "PostgreSQL 15:" >&2
p=$(run_side "$work" "$pport")
echo "size (accounts tellers branches history total) RustyDB:       ${r%% |*}   (after init: ${r##*| })"
echo "size (accounts tellers branches history total) PostgreSQL 15: ${p%% |*}   (after init: ${p##*| })"
# The ratio of the sizes is the target; the growth during the run (size
# minus size after pgbench -i, for the updated tables accounts, tellers and
# branches) separates bloat from the row format's fixed cost.
awk -v r="$r" -v p="$p" 'BEGIN {
    split(r, x, " [|] "); split(p, y, " [|] ");
    split(x[1], a, " "); split(x[2], ai, " "); split(y[1], b, " "); split(y[2], bi, " ");
    printf "ratio RustyDB/PostgreSQL: total %.2f, pgbench_accounts %.2f\n", a[5] / b[5], a[1] / b[1];
    rg = (a[1] - ai[1]) + (a[2] - ai[2]) + (a[3] - ai[3]);
    pg = (b[1] - bi[1]) + (b[2] - bi[2]) + (b[3] - bi[3]);
    printf "growth of the updated tables (accounts+tellers+branches): RustyDB %d, PostgreSQL %d bytes", rg, pg;
    if (pg > 0) printf ", ratio %.2f", rg / pg;
    printf "\n" }'
