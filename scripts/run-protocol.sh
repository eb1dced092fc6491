#!/bin/bash
# run-protocol.sh BINDIR -- raw wire-protocol robustness tests (test/protocol/*.py)
# and client-program tests (test/bin/*.sh) against a scratch instance.
set -u
mkdir -p "$1"
BINDIR=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/instance-lib.sh"
if [ ! -x "$BINDIR/rustydb" ] || [ ! -x "$BINDIR/rustydb-initdb" ]; then
    echo "protocol: server not built yet; skipped"
    exit 0
fi
shopt -s nullglob
tests=("$top"/test/protocol/test_*.py "$top"/test/bin/*_test.sh)
if [ ${#tests[@]} -eq 0 ]; then
    echo "protocol: no tests"
    exit 0
fi
tmp=$(mktemp -d /tmp/rdbproto.XXXXXX)
port=$(free_port)
admin_port=$(free_port)
start_instance "$tmp/instance" "$port" -c admin_api_port="$admin_port" || exit 1
export PGHOST="$tmp/instance/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
export RDB_BINDIR="$BINDIR" RDB_SCRATCH="$tmp" RDB_INSTANCE="$tmp/instance" RDB_ADMIN_PORT="$admin_port"
passed=0
failed=0
for t in "${tests[@]}"; do
    case "$t" in
        *.py) cmd=(python3 "$t") ;;
        *) cmd=(bash "$t") ;;
    esac
    log="$tmp/$(basename "$t").log"
    if timeout 300 "${cmd[@]}" >"$log" 2>&1; then
        echo "ok      $(basename "$t")"
        passed=$((passed + 1))
    else
        echo "FAILED  $(basename "$t")"
        grep -A 12 '^FAIL' "$log"
        tail -n 30 "$log"
        failed=$((failed + 1))
    fi
done
if ! kill -0 "$(cat "$tmp/instance/test.pid")" 2>/dev/null; then
    echo "protocol: the postmaster died during the tests"
    failed=$((failed + 1))
fi
stop_instance "$tmp/instance" INT
rm -rf "$tmp"
echo "protocol: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
