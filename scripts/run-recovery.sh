#!/bin/bash
# run-recovery.sh BINDIR -- crash-recovery tests: each test/recovery/*.sh gets
# BINDIR and a scratch directory and must exit 0.
set -u
mkdir -p "$1"
BINDIR=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
tests=("$top"/test/recovery/*.sh)
if [ ! -x "$BINDIR/rustydb" ] || [ ${#tests[@]} -eq 0 ]; then
    echo "recovery: no tests yet"
    exit 0
fi
passed=0
failed=0
for t in "${tests[@]}"; do
    tmp=$(mktemp -d /tmp/rdbrec.XXXXXX)
    if timeout 900 bash "$t" "$BINDIR" "$tmp" >"$tmp.log" 2>&1; then
        echo "ok      $(basename "$t")"
        passed=$((passed + 1))
        rm -rf "$tmp" "$tmp.log"
    else
        echo "FAILED  $(basename "$t") (log: $tmp.log)"
        tail -n 30 "$tmp.log"
        failed=$((failed + 1))
    fi
done
echo "recovery: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
