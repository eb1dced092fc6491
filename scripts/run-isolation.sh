#!/bin/bash
# run-isolation.sh BINDIR -- two-session isolation tests: starts one scratch
# instance and runs each test/isolation/*.sh against it (with
# PGHOST/PGPORT/PGUSER/PGDATABASE set and a scratch directory in ISO_WORK);
# a test must exit 0.  Tests use their own tables, so they share the
# instance.  ISOLATION_EXTERNAL=1 skips the scratch instance and uses the
# PG* variables of the caller (to compare with PostgreSQL), e.g.
#   ISOLATION_EXTERNAL=1 PGHOST=/tmp PGPORT=5433 PGUSER=postgres \
#       PGDATABASE=postgres scripts/run-isolation.sh build/bin
set -u
mkdir -p "$1"
BINDIR=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
tests=("$top"/test/isolation/*.sh)
tests=("${tests[@]/*isolation-lib.sh/}")
if [ "${ISOLATION_EXTERNAL:-0}" != 1 ] && [ ! -x "$BINDIR/rustydb" ]; then
    echo "isolation: no server yet"
    exit 0
fi
. "$top/scripts/instance-lib.sh"

scratch=$(mktemp -d /tmp/rdbiso.XXXXXX)
if [ "${ISOLATION_EXTERNAL:-0}" != 1 ]; then
    port=$(free_port)
    trap 'stop_instance "$scratch/instance"' EXIT
    if ! start_instance "$scratch/instance" "$port" >"$scratch/start.log" 2>&1; then
        echo "isolation: could not start the server (log: $scratch/start.log)"
        cat "$scratch/start.log"
        exit 1
    fi
    export PGHOST="$scratch/instance/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
fi

passed=0
failed=0
for t in "${tests[@]}"; do
    [ -n "$t" ] || continue
    name=$(basename "$t" .sh)
    work="$scratch/$name"
    mkdir -p "$work"
    if ISO_WORK="$work" timeout 180 bash "$t" >"$work/log" 2>&1; then
        echo "ok      $name"
        passed=$((passed + 1))
    else
        echo "FAILED  $name (log: $work/log, steps: $work/steps.log)"
        tail -n 20 "$work/log"
        failed=$((failed + 1))
    fi
done
echo "isolation: $passed passed, $failed failed"
if [ "${ISOLATION_EXTERNAL:-0}" != 1 ]; then
    trap - EXIT
    stop_instance "$scratch/instance"
fi
[ "$failed" -eq 0 ] && rm -rf "$scratch"
[ "$failed" -eq 0 ]
