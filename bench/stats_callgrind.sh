#!/bin/bash
# stats_callgrind.sh [BINDIR] [TRANSACTIONS] -- the cost of statistics in
# instructions, which other load on the machine does not change (unlike tps
# in stats_overhead.sh): the server runs under valgrind's callgrind, one
# pgbench client runs TRANSACTIONS select-only transactions with
# track_statements off and on, and the backend's instruction count per
# transaction is printed, with the part spent in the statistics code (the
# inclusive cost of its entry points: statement start/end, transaction end,
# idle report and publication, relation counters); each figure is the
# difference between a backend running 2N and one running N transactions.
# Needs valgrind.  Scale 1; takes two or three minutes.  The totals drift
# by ~1 % between runs (the first run after start is cheaper), more than
# statement statistics cost, so the added cost is taken from the
# statistics code's own counts.
# What it cannot show: waits and cache-line traffic between backends.
# KEEP=1 keeps the profiles, DEBUG=1 prints each run's figures.
set -eu
BINDIR=$(cd "${1:-build/bin}" && pwd)
N=${2:-1000}
command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null ||
    { echo "stats_callgrind.sh: needs valgrind (callgrind_annotate)"; exit 1; }
. "$(dirname "$0")/../scripts/instance-lib.sh"
TMP=$(mktemp -d /tmp/rdb_statscg.XXXXXX)
DIR=$TMP/inst
PORT=$(free_port)
export PGHOST=$DIR/sock PGPORT=$PORT PGUSER=postgres PGDATABASE=rustydb
mkdir -p "$DIR" "$TMP/cg"
VPID=
trap '[ -n "$VPID" ] && kill -INT "$VPID" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
start_instance "$DIR" "$PORT" >/dev/null
pgbench -q -i -I dtgp -s 1 >/dev/null 2>&1
stop_instance "$DIR"
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg/cg.%p" \
    "$BINDIR/rustydb" -D "$DIR" -p "$PORT" -k "$DIR/sock" -c admin_api_port=0 -c autovacuum=off \
    >"$TMP/server.log" 2>&1 &
VPID=$!
for _ in $(seq 1 600); do pg_isready -q 2>/dev/null && break; sleep 0.5; done
pgbench -n -S -c 1 -t 200 >/dev/null 2>&1     # warm-up: caches, plans

# entry points of the statistics code (file:function in callgrind's output)
STAT_FUNCS='pgstat_statement\.c:pgstat_statement_(start|end)|pgstat_backend\.c:(xact_callback|pgstat_idle_flush|pgstat_count_[a-z_]+)|pgstat_activity\.c:pgstat_report_idle'

# profile TXNS -> "instructions statistics-instructions" of one pgbench
# backend that ran TXNS transactions (connection start and exit included)
profile() {
    local file total stats
    ls "$TMP/cg" >"$TMP/before"
    pgbench -n -S -c 1 -t "$1" >/dev/null 2>&1
    sleep 2                     # the backend exits and writes its profile
    ls "$TMP/cg" >"$TMP/after"
    file=$(comm -13 "$TMP/before" "$TMP/after" | while read -r f; do
               echo "$(sed -n 's/^totals: *//p' "$TMP/cg/$f") $f"; done | sort -n | tail -1 | cut -d' ' -f2)
    total=$(sed -n 's/^totals: *//p' "$TMP/cg/$file")
    stats=$(callgrind_annotate --auto=no --threshold=100 --inclusive=yes "$TMP/cg/$file" 2>/dev/null |
                grep -E "^ *[0-9,]+ +\( *[0-9.]+%\) +[^ ]*($STAT_FUNCS) \[" |
                awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
    [ -z "${DEBUG:-}" ] || echo "profile $1: $file $total $stats" >&2
    echo "$total $stats"
}
# run on|off -> "instructions-per-txn statistics-per-txn": the difference
# between a backend running 2N and one running N transactions, so the
# connection's own start-up and exit cancel out
run() {
    local t1 s1 t2 s2
    psql -X -q -c "ALTER SYSTEM SET track_statements = $1" -c "SELECT rustydb_reload_conf()" >/dev/null
    sleep 1
    read -r t1 s1 < <(profile "$N")
    read -r t2 s2 < <(profile $((2 * N)))
    echo "$(((t2 - t1) / N)) $(((s2 - s1) / N))"
}
# off, on, on, off: the cost per transaction drifts up slowly as the server
# runs, and this order gives both settings the same mean time
read -r t1 s1 < <(run off)
read -r t2 s2 < <(run on)
read -r t3 s3 < <(run on)
read -r t4 s4 < <(run off)
[ -z "${DEBUG:-}" ] || echo "off $t1 $s1, on $t2 $s2, on $t3 $s3, off $t4 $s4" >&2
off_total=$(((t1 + t4) / 2)); off_stats=$(((s1 + s4) / 2))
on_total=$(((t2 + t3) / 2)); on_stats=$(((s2 + s3) / 2))
printf 'track_statements off: %d instructions per transaction, %d (%.2f %%) in statistics\n' \
    "$off_total" "$off_stats" "$(echo "100 * $off_stats / $off_total" | bc -l)"
printf 'track_statements on:  %d instructions per transaction, %d (%.2f %%) in statistics\n' \
    "$on_total" "$on_stats" "$(echo "100 * $on_stats / $on_total" | bc -l)"
# the totals drift more between runs than the statistics cost (see above):
# the added cost is measured inside the statistics code
printf 'statement statistics add %d instructions per transaction (%.2f %% of a transaction)\n' \
    "$((on_stats - off_stats))" "$(echo "100 * ($on_stats - $off_stats) / $off_total" | bc -l)"
