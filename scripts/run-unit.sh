#!/bin/bash
# run-unit.sh SUITE... -- run each Check suite binary; print one summary line.
# Exit status: non-zero if any suite failed.
set -u
passed=0
failed=0
for suite in "$@"; do
    name=$(basename "$suite")
    if out=$(CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-60} "$suite" 2>&1); then
        echo "$out" | grep -E '^[0-9]+%: Checks' | sed "s/^/$name: /"
        passed=$((passed + 1))
    else
        echo "$out" | tail -n 40
        echo "$name: FAILED"
        failed=$((failed + 1))
    fi
done
echo "unit suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
