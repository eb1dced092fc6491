#!/bin/bash
# bloat_compare.sh -- table size after N pgbench transactions (tpcb-like,
# default 200000, 4 clients) with autovacuum on, against PostgreSQL 15
# under the same settings on both sides: autovacuum on with the settings
# listed in AV_SETTINGS (PostgreSQL's defaults, spelled out so that a change
# of either product's defaults cannot skew the comparison) and naptime
# NAPTIME, fsync on, shared_buffers 128MB.  Prints, per side,
# pg_relation_size of pgbench_accounts, _tellers, _branches, _history and
# their total after pgbench -i, after the run, and after VACUUM FULL of the
# four tables (the same live rows freshly packed); then
#   - the ratio RustyDB / PostgreSQL of the totals and of accounts (this
#     includes the row format: accounts rows have PostgreSQL's size,
#     history rows are bigger);
#   - bloat per side = size after the run / size after VACUUM FULL (1.00:
#     no dead space at all), per table and total, and the ratio of the two
#     sides' bloat (1 or below: no more bloat than PostgreSQL);
#   - the growth during the run of the updated tables (accounts, tellers,
#     branches: size after the run minus size after pgbench -i).
# bench/README.md explains the figures.
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
run_side() {   # host port -- initialise, run N transactions, print "after | after-init | after-vacuum-full"
    if ! pgbench -i -I dtgp -s "$SCALE" -h "$1" -p "$2" -U postgres rustydb >"$work/init.log" 2>&1; then
        echo "pgbench -i failed:" >&2
        tail -3 "$work/init.log" >&2
        exit 1
    fi
    local initial after
    initial=$(sizes "$1" "$2")
    pgbench -n -c "$CLIENTS" -j "$CLIENTS" -t "$per_client" -h "$1" -p "$2" -U postgres rustydb \
        >"$work/run.log" 2>&1 || { echo "pgbench failed:" >&2; tail -5 "$work/run.log" >&2; exit 1; }
    grep -E '^(tps|number of (transactions actually|failed))' "$work/run.log" >&2 || true
    after=$(sizes "$1" "$2")
    psql -X -q -h "$1" -p "$2" -U postgres -d rustydb \
        -c 'VACUUM FULL pgbench_accounts, pgbench_tellers, pgbench_branches, pgbench_history' >/dev/null
    echo "$after | $initial | $(sizes "$1" "$2")"
}

echo "transactions: $N ($CLIENTS clients), scale $SCALE, autovacuum: ${AV_SETTINGS[*]}"
echo "RustyDB:" >&2
r=$(run_side "$work/rdb/sock" "$rport")
echo "PostgreSQL 15:" >&2
p=$(run_side "$work" "$pport")
echo "sizes in bytes: accounts tellers branches history total"
awk -v r="$r" -v p="$p" 'BEGIN {
    split(r, x, " [|] "); split(p, y, " [|] ");
    printf "RustyDB:       after the run %s   after init %s   after VACUUM FULL %s\n", x[1], x[2], x[3];
    printf "PostgreSQL 15: after the run %s   after init %s   after VACUUM FULL %s\n", y[1], y[2], y[3] }'
# The ratio of the sizes includes the row format; bloat (size after the run
# / the same rows packed by VACUUM FULL) and the growth of the updated
# tables during the run do not.
awk -v r="$r" -v p="$p" 'BEGIN {
    split(r, x, " [|] "); split(p, y, " [|] ");
    split(x[1], a, " "); split(x[2], ai, " "); split(x[3], af, " ");
    split(y[1], b, " "); split(y[2], bi, " "); split(y[3], bf, " ");
    printf "ratio RustyDB/PostgreSQL: total %.2f, pgbench_accounts %.2f (row format included)\n", a[5] / b[5], a[1] / b[1];
    split("accounts tellers branches history total", name, " ");
    printf "bloat (size after the run / after VACUUM FULL):";
    for (i = 1; i <= 5; i++)
        printf " %s %.3f vs %.3f%s", name[i], a[i] / af[i], b[i] / bf[i], i < 5 ? "," : "\n";
    rb = a[5] / af[5]; pb = b[5] / bf[5];
    printf "bloat total: RustyDB %.3f, PostgreSQL %.3f, ratio %.3f (1 or below: no more bloat than PostgreSQL)\n", rb, pb, rb / pb;
    rg = (a[1] - ai[1]) + (a[2] - ai[2]) + (a[3] - ai[3]);
    pg = (b[1] - bi[1]) + (b[2] - bi[2]) + (b[3] - bi[3]);
    printf "growth of the updated tables (accounts+tellers+branches): RustyDB %d (%d+%d+%d), PostgreSQL %d (%d+%d+%d) bytes",
           rg, a[1] - ai[1], a[2] - ai[2], a[3] - ai[3], pg, b[1] - bi[1], b[2] - bi[2], b[3] - bi[3];
    if (pg > 0) printf ", ratio %.2f", rg / pg;
    printf "\n" }'
