#!/bin/bash
# run-regress.sh BINDIR REGRESSDIR -- the SQL regression suite.
# Starts a scratch instance on a free port, runs every test named in
# REGRESSDIR/schedule through psql (-X -a -q, as the expected files were
# produced against PostgreSQL 15), diffs results/ against expected/, and
# prints "regress: N passed, N failed".  Diffs go to REGRESSDIR/regression.diffs.
set -u
mkdir -p "$1"
BINDIR=$(cd "$1" && pwd)
REGRESS=$(cd "$2" && pwd)
. "$(dirname "$0")/instance-lib.sh"

if [ ! -x "$BINDIR/rustydb" ] || [ ! -x "$BINDIR/rustydb-initdb" ]; then
    echo "regress: server not built yet; skipped"
    exit 0
fi
tests=$(sed -n 's/^test: *//p' "$REGRESS/schedule" | tr ' ' '\n' | grep -v '^$')
tmp=$(mktemp -d /tmp/rdbregress.XXXXXX)   # scratch instance: unique, so runs never collide
rm -rf "$REGRESS/results" "$REGRESS/regression.diffs"
mkdir -p "$REGRESS/results"
port=$(free_port)
start_instance "$tmp/instance" "$port" || exit 1
export PGHOST="$tmp/instance/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
export PGTZ=UTC PGDATESTYLE="ISO, MDY" PGAPPNAME=pg_regress
passed=0
failed=0
cd "$REGRESS"
for t in $tests; do
    timeout 300 psql -X -a -q -f "sql/$t.sql" >"results/$t.out" 2>&1
    if diff -u "expected/$t.out" "results/$t.out" >>regression.diffs 2>&1; then
        echo "ok      $t"
        passed=$((passed + 1))
    else
        echo "FAILED  $t"
        failed=$((failed + 1))
    fi
done
stop_instance "$tmp/instance" INT
if grep -E 'terminated by signal|PANIC|TRAP:' "$tmp/instance/logs/"*.log >/dev/null 2>&1; then
    echo "regress: the server crashed during the run:"
    grep -E -B2 -A5 'terminated by signal|PANIC|TRAP:' "$tmp/instance/logs/"*.log | head -40
    failed=$((failed + 1))
fi
if [ "$failed" -gt 0 ] && [ -f regression.diffs ]; then
    head -n 200 regression.diffs
    echo "(scratch instance kept in $tmp)"
else
    rm -rf "$tmp"
fi
echo "regress: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
