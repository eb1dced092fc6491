# isolation-lib.sh -- drive two or three concurrent psql sessions from a
# test/isolation/*.sh script, step by step.  Source it; the connection comes
# from PGHOST/PGPORT/PGUSER/PGDATABASE (set by scripts/run-isolation.sh, or by
# hand to run a test against PostgreSQL for comparison), scratch files go to
# $ISO_WORK.
#
# Each session is a background psql reading from a FIFO (unaligned, tuples
# only, VERBOSITY verbose so that errors show their SQLSTATE) whose output
# goes to $ISO_WORK/NAME.out.  Every statement sent is bracketed by \echo
# markers, so a test knows exactly when it finished and what it printed:
#
#   sess_open A                      start session A (and learn its backend pid)
#   step A "UPDATE ..."              run and wait for completion (STEP_TIMEOUT s)
#   step_start B "UPDATE ..."        send without waiting (the step may block)
#   wait_blocked B                   wait until B's backend waits for a lock
#   step_wait B                      wait for B's pending step to complete
#   expect A 'regex' / expect_not A 'regex'   match the last completed step's output
#   sess_close A
#
# Any failure prints a message and exits 1; the EXIT trap kills leftover psql
# processes (only those started here, by pid).

ISO_WORK=${ISO_WORK:-$(mktemp -d /tmp/rdbiso.XXXXXX)}
STEP_TIMEOUT=${STEP_TIMEOUT:-20}
declare -A ISO_FD ISO_PSQL ISO_BACKEND ISO_PENDING ISO_LAST
ISO_SEQ=0

iso_fail() {
    echo "FAIL: $*" >&2
    exit 1
}

iso_cleanup() {
    local s
    for s in "${!ISO_PSQL[@]}"; do
        kill "${ISO_PSQL[$s]}" 2>/dev/null || true
    done
}
trap iso_cleanup EXIT

# ctl SQL -- run SQL on a fresh control connection, print the result.
ctl() {
    psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

sess_open() {
    local s=$1 fd
    mkfifo "$ISO_WORK/$s.in"
    : >"$ISO_WORK/$s.out"
    stdbuf -oL -eL psql -X -A -t -v VERBOSITY=verbose <"$ISO_WORK/$s.in" \
        >"$ISO_WORK/$s.out" 2>&1 &
    ISO_PSQL[$s]=$!
    exec {fd}>"$ISO_WORK/$s.in"
    ISO_FD[$s]=$fd
    ISO_PENDING[$s]=""
    step "$s" "SELECT 'backend=' || pg_backend_pid()::text;"
    ISO_BACKEND[$s]=$(sed -n 's/^backend=//p' <<<"${ISO_LAST[$s]}")
    [ -n "${ISO_BACKEND[$s]}" ] || iso_fail "session $s: no backend pid"
}

sess_close() {
    local s=$1 fd=${ISO_FD[$1]}
    printf '\\q\n' >&"$fd"
    exec {fd}>&-
    wait "${ISO_PSQL[$s]}" 2>/dev/null || true
    unset "ISO_PSQL[$s]"
}

# step_start S SQL -- send SQL to session S between begin/end markers.
step_start() {
    local s=$1 sql=$2
    [ -z "${ISO_PENDING[$s]}" ] || iso_fail "session $s: step already pending"
    ISO_SEQ=$((ISO_SEQ + 1))
    ISO_PENDING[$s]=$ISO_SEQ
    echo "[$s] $sql" >>"$ISO_WORK/steps.log"
    printf '\\echo @@begin %d\n%s\n\\echo @@end %d\n' "$ISO_SEQ" "$sql" "$ISO_SEQ" \
        >&"${ISO_FD[$s]}"
}

# step_done S -- true if session S's pending step has completed.
step_done() {
    grep -qx "@@end ${ISO_PENDING[$1]}" "$ISO_WORK/$1.out"
}

# step_wait S [TIMEOUT] -- wait for S's pending step; its output goes to ISO_LAST[S].
step_wait() {
    local s=$1 timeout=${2:-$STEP_TIMEOUT} n=${ISO_PENDING[$1]} i
    [ -n "$n" ] || iso_fail "session $s: no pending step"
    for ((i = 0; i < timeout * 20; i++)); do
        if step_done "$s"; then
            ISO_LAST[$s]=$(sed -n "/^@@begin $n\$/,/^@@end $n\$/p" "$ISO_WORK/$s.out" |
                sed '1d;$d')
            ISO_PENDING[$s]=""
            echo "[$s] -> ${ISO_LAST[$s]}" >>"$ISO_WORK/steps.log"
            return 0
        fi
        kill -0 "${ISO_PSQL[$s]}" 2>/dev/null || iso_fail "session $s: psql exited"
        sleep 0.05
    done
    iso_fail "session $s: step $n did not complete within $timeout s"
}

step() {
    step_start "$1" "$2"
    step_wait "$1" "${3:-$STEP_TIMEOUT}"
}

# wait_blocked S -- wait until S's backend waits for a lock (an ungranted
# entry in pg_locks) while its step is still pending.
wait_blocked() {
    local s=$1 i n
    for ((i = 0; i < STEP_TIMEOUT * 10; i++)); do
        n=$(ctl "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = ${ISO_BACKEND[$s]}")
        if [ "$n" -gt 0 ]; then
            step_done "$s" && iso_fail "session $s: step completed while waiting for a lock"
            return 0
        fi
        step_done "$s" && iso_fail "session $s: step completed instead of blocking: $(
            sed -n "/^@@begin ${ISO_PENDING[$s]}\$/,\$p" "$ISO_WORK/$s.out")"
        sleep 0.1
    done
    iso_fail "session $s: not blocked on a lock within $STEP_TIMEOUT s"
}

# expect S REGEX -- the last completed step of S printed a line matching REGEX.
expect() {
    grep -Eq -- "$2" <<<"${ISO_LAST[$1]}" ||
        iso_fail "session $1: expected /$2/, got: ${ISO_LAST[$1]}"
}

expect_not() {
    ! grep -Eq -- "$2" <<<"${ISO_LAST[$1]}" ||
        iso_fail "session $1: did not expect /$2/, got: ${ISO_LAST[$1]}"
}

# expect_exact S TEXT -- the last completed step of S printed exactly TEXT.
expect_exact() {
    [ "${ISO_LAST[$1]}" = "$2" ] ||
        iso_fail "session $1: expected '$2', got '${ISO_LAST[$1]}'"
}
