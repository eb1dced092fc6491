#!/bin/bash
# stats_overhead.sh [BINDIR] [SECONDS] [CLIENTS] -- cost of statement
# statistics: pgbench select-only (-S) against one scratch RustyDB instance,
# alternating rounds with track_statements on and off (ALTER SYSTEM + reload,
# so both see the same data, cache and machine state), and prints the tps of
# each and the % lost with statistics on.  Target: below 3 %.
# A benchmark, not a test: it never fails on the figure.
set -eu
BINDIR=$(cd "${1:-build/bin}" && pwd)
SECS=${2:-10}
CLIENTS=${3:-4}
ROUNDS=${ROUNDS:-3}
. "$(dirname "$0")/../scripts/instance-lib.sh"
TMP=$(mktemp -d /tmp/rdb_statsbench.XXXXXX)
DIR=$TMP/inst
PORT=$(free_port)
export PGHOST=$DIR/sock PGPORT=$PORT PGUSER=postgres PGDATABASE=rustydb
mkdir -p "$DIR"
trap 'stop_instance "$DIR" INT; cp "$DIR/logs/rustydb.log" "${TMPDIR:-/tmp}/stats_overhead.last.log" 2>/dev/null; rm -rf "$TMP"' EXIT
start_instance "$DIR" "$PORT" -c log_min_duration_statement=-1 >/dev/null
until psql -X -q -c "SELECT 1" >/dev/null 2>&1; do sleep 0.2; done
# pgbench -S needs the primary key (an index scan per statement); where the
# server cannot build it yet, fall back to the cheapest statement there is
# (SELECT :aid), which shows the worst-case per-statement overhead.
if pgbench -q -i -I dtgp -s 10 >"$TMP/init.log" 2>&1; then
    MODE=(-S)
    echo "workload: pgbench -S (select-only), scale 10, $CLIENTS clients, ${SECS}s x $ROUNDS rounds"
else
    printf '\\set aid random(1, 1000000)\nSELECT :aid;\n' >"$TMP/select1.sql"
    MODE=(-f "$TMP/select1.sql")
    echo "workload: SELECT :aid (pgbench -i -I dtgp failed: $(tail -1 "$TMP/init.log")), $CLIENTS clients"
fi
run() {                         # run on|off -> tps
    psql -X -q -c "ALTER SYSTEM SET track_statements = $1" -c "SELECT rustydb_reload_conf()" >/dev/null
    sleep 0.5
    pgbench -n "${MODE[@]}" -c "$CLIENTS" -j "$CLIENTS" -T "$SECS" 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1
}
run off >/dev/null              # warm-up, not counted
on_total=0
off_total=0
for r in $(seq 1 "$ROUNDS"); do
    off=$(run off)
    on=$(run on)
    echo "round $r: tps off $off, on $on"
    on_total=$(echo "$on_total + $on" | bc -l)
    off_total=$(echo "$off_total + $off" | bc -l)
done
on_avg=$(echo "$on_total / $ROUNDS" | bc -l)
off_avg=$(echo "$off_total / $ROUNDS" | bc -l)
lost=$(echo "100 * ($off_avg - $on_avg) / $off_avg" | bc -l)
printf 'statement statistics off: %.0f tps\n' "$off_avg"
printf 'statement statistics on:  %.0f tps\n' "$on_avg"
printf 'tps lost with statistics on: %.2f %% (target < 3 %%)\n' "$lost"
