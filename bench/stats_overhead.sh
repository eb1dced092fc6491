#!/bin/bash
# stats_overhead.sh [BINDIR] [SECONDS] [CLIENTS] -- cost of statement
# statistics: pgbench select-only (-S) against one scratch RustyDB instance,
# alternating rounds with track_statements on and off (ALTER SYSTEM + reload,
# so both see the same data, cache and machine state), and prints the tps of
# each and the % lost with statistics on.  Target: below 3 %.
# Also prints the server's CPU time per transaction (from the postmaster's
# reaped children), steadier than tps when other work shares the machine.
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
# server_cpu_ticks -- CPU time (clock ticks) of the server's exited children
# (the postmaster has reaped pgbench's backends when pgbench returns).
server_cpu_ticks() {
    sed 's/.*) //' "/proc/$(cat "$DIR/test.pid")/stat" | awk '{print $14 + $15}'
}
# run on|off -> "tps server-cpu-us-per-transaction".  On a shared machine tps
# swings with other load; the server's CPU per transaction much less.
run() {
    local out ticks0 ticks1 n
    psql -X -q -c "ALTER SYSTEM SET track_statements = $1" -c "SELECT rustydb_reload_conf()" >/dev/null
    sleep 0.5
    ticks0=$(server_cpu_ticks)
    out=$(pgbench -n "${MODE[@]}" -c "$CLIENTS" -j "$CLIENTS" -T "$SECS" 2>/dev/null)
    sleep 0.3                   # the backends exit and are reaped
    ticks1=$(server_cpu_ticks)
    n=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    echo "$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)" \
        "$(echo "1000000 * ($ticks1 - $ticks0) / $(getconf CLK_TCK) / ${n:-1}" | bc -l)"
}
run off >/dev/null              # warm-up, not counted
on_total=0
off_total=0
on_cpu=0
off_cpu=0
for r in $(seq 1 "$ROUNDS"); do
    read -r off offc < <(run off)
    read -r on onc < <(run on)
    printf 'round %d: tps off %.0f, on %.0f; server CPU per transaction off %.1f us, on %.1f us\n' \
        "$r" "$off" "$on" "$offc" "$onc"
    on_total=$(echo "$on_total + $on" | bc -l)
    off_total=$(echo "$off_total + $off" | bc -l)
    on_cpu=$(echo "$on_cpu + $onc" | bc -l)
    off_cpu=$(echo "$off_cpu + $offc" | bc -l)
done
on_avg=$(echo "$on_total / $ROUNDS" | bc -l)
off_avg=$(echo "$off_total / $ROUNDS" | bc -l)
lost=$(echo "100 * ($off_avg - $on_avg) / $off_avg" | bc -l)
cpu_more=$(echo "100 * ($on_cpu - $off_cpu) / $off_cpu" | bc -l)
printf 'statement statistics off: %.0f tps, %.1f us server CPU per transaction\n' "$off_avg" \
    "$(echo "$off_cpu / $ROUNDS" | bc -l)"
printf 'statement statistics on:  %.0f tps, %.1f us server CPU per transaction\n' "$on_avg" \
    "$(echo "$on_cpu / $ROUNDS" | bc -l)"
printf 'tps lost with statistics on: %.2f %% (target < 3 %%)\n' "$lost"
printf 'server CPU per transaction added by statistics: %.2f %%\n' "$cpu_more"
