#!/bin/bash
# run-fuzz.sh -- build the libFuzzer targets (make fuzz) and run each one for
# a bounded time, then report which found crashes.  See test/fuzz/README.md.
#
#   scripts/run-fuzz.sh [TARGET...]      e.g. scripts/run-fuzz.sh page wal
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_JOBS      targets run in parallel (default: number of CPUs)
#   FUZZ_ARGS      extra libFuzzer options (e.g. "-max_len=8192")
#   FUZZ_NO_BUILD  set to 1 to skip `make fuzz`
#
# New interesting inputs go to build-fuzz/corpus/<target>/ (the checked-in
# seeds in test/fuzz/corpus/<target>/ are only read); crash, leak and timeout
# inputs to build-fuzz/artifacts/<target>/, logs to build-fuzz/logs/.
# Exit status: 0 if no target failed, 1 otherwise.
set -u
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
FUZZ_ARGS=${FUZZ_ARGS:-}

# libFuzzer ships in clang's runtime package; Debian splits it out of clang
# in some releases.  Install it only when a trivial target fails to link.
ensure_libfuzzer() {
    local tmp rc
    command -v clang >/dev/null || { echo "run-fuzz: clang is not installed" >&2; return 1; }
    tmp=$(mktemp -d)
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }\n' >"$tmp/t.c"
    clang -fsanitize=fuzzer,address,undefined "$tmp/t.c" -o "$tmp/t" 2>/dev/null
    rc=$?
    rm -rf "$tmp"
    [ $rc -eq 0 ] && return 0
    local ver pkg sudo=""
    ver=$(clang -dumpversion | cut -d. -f1)
    pkg="libclang-rt-$ver-dev"
    echo "run-fuzz: -fsanitize=fuzzer does not link; installing $pkg"
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$pkg" ||
        { echo "run-fuzz: could not install $pkg" >&2; return 1; }
}

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    ensure_libfuzzer || exit 1
    make --no-print-directory -j"$FUZZ_JOBS" fuzz >build-fuzz.log 2>&1 || {
        echo "run-fuzz: make fuzz failed; see build-fuzz.log" >&2
        tail -n 20 build-fuzz.log >&2
        exit 1
    }
    rm -f build-fuzz.log
fi

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in test/fuzz/fuzz_*.c; do
        n=$(basename "$f" .c)
        targets+=("${n#fuzz_}")
    done
fi

mkdir -p build-fuzz/logs

# run_one NAME -- run build-fuzz/fuzz_NAME; prints one summary line.
run_one() {
    local name=$1 bin=build-fuzz/fuzz_$1 log=build-fuzz/logs/$1.log
    local work=build-fuzz/corpus/$1 art=build-fuzz/artifacts/$1 seeds=test/fuzz/corpus/$1
    local rc execs rate found
    if [ ! -x "$bin" ]; then
        echo "FAIL  $name: $bin not built"
        return 1
    fi
    mkdir -p "$work" "$art"
    [ -d "$seeds" ] || seeds=
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=25 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$art/" $FUZZ_ARGS "$work" $seeds >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    found=$(find "$art" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    if [ $rc -ne 0 ] || [ "$found" -gt 0 ]; then
        echo "FAIL  $name: exit $rc, $found artifact(s) in $art/, log $log"
        grep -m 3 -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error|TRAP:|fuzz_datum:' "$log" | sed 's/^/      /'
        return 1
    fi
    echo "ok    $name: ${FUZZ_SECONDS}s, ${execs:-?} runs, ${rate:-?} exec/s"
    return 0
}

echo "run-fuzz: ${#targets[@]} target(s), ${FUZZ_SECONDS}s each, $FUZZ_JOBS at a time"
status=0
running=0
results=()
for t in "${targets[@]}"; do
    out=$(mktemp)
    run_one "$t" >"$out" &
    results+=("$out")
    running=$((running + 1))
    if [ "$running" -ge "$FUZZ_JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
for r in "${results[@]}"; do
    cat "$r"
    grep -q '^FAIL' "$r" && status=1
    rm -f "$r"
done
exit $status
