#!/bin/bash
#
# ctl_cli_test.sh
#     End-to-end test of rustydb-ctl and rusty-db-cli against a real server.
#
# Usage: RDB_BINDIR=/path/to/bin test/bin/ctl_cli_test.sh [SCRATCH_DIR]
#
#   RDB_BINDIR     directory holding rustydb, rustydb-ctl, rusty-db-cli and
#                  rustydb-initdb (required)
#   SCRATCH_DIR    empty or missing directory to create the instance in
#                  (default: a fresh mktemp -d, removed on success)
#   RDB_PORT       TCP port for the test server (default 54329)
#   RDB_USER       user to connect as (default: the OS user, initdb's superuser)
#   RDB_INITDB     command that creates an instance in "$1"
#                  (default: "$RDB_BINDIR/rustydb-initdb -D")
#
# Each check prints "ok" or "FAIL" with what differed.  Exit status is the
# number of failures (0 = all passed).  The server is stopped on exit.
set -u

: "${RDB_BINDIR:?set RDB_BINDIR to the directory with the RustyDB programs}"
# A free port unless one is given: two test runs on one machine must not collide.
PORT=${RDB_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}
USER_NAME=${RDB_USER:-$(id -un)}
INITDB=${RDB_INITDB:-"$RDB_BINDIR/rustydb-initdb -D"}
CTL="$RDB_BINDIR/rustydb-ctl"
CLI_BIN="$RDB_BINDIR/rusty-db-cli"
SCRATCH=${1:-$(mktemp -d /tmp/rdb_ctl_cli.XXXXXX)}
DIR="$SCRATCH/instance"
FAILURES=0
OUT="$SCRATCH/out"
ERR="$SCRATCH/err"

ok()   { echo "ok   - $1"; }
fail() { echo "FAIL - $1"; FAILURES=$((FAILURES + 1)); }

# run CMD...: capture stdout/stderr into $OUT/$ERR and the status into $RC
run() { "$@" >"$OUT" 2>"$ERR"; RC=$?; }

# expect_rc NAME WANT: check the last run's exit status
expect_rc() {
    if [ "$RC" -eq "$2" ]; then ok "$1 (exit $RC)"
    else fail "$1: exit $RC, wanted $2"; sed 's/^/    | /' "$OUT" "$ERR"; fi
}

# expect_out NAME TEXT: the last run's stdout must equal TEXT exactly
expect_out() {
    if [ "$(cat "$OUT"; echo x)" = "$2"x ]; then ok "$1"
    else fail "$1: stdout differs"; diff <(printf '%s' "$2") "$OUT" | sed 's/^/    | /'; fi
}

# expect_grep NAME FILE PATTERN: FILE must contain a line matching PATTERN
expect_grep() {
    if grep -q -- "$3" "$2"; then ok "$1"
    else fail "$1: no line matching '$3'"; sed 's/^/    | /' "$2"; fi
}

pid_line() { sed -n "${1}p" "$DIR/postmaster.pid" 2>/dev/null | sed 's/ *$//'; }

# cli ARGS...: rusty-db-cli aimed at the running server (socket dir from
# line 5 of postmaster.pid, else the listen address of line 6)
cli() {
    local host
    host=$(pid_line 5)
    [ -n "$host" ] || host=$(pid_line 6)
    [ "$host" = "*" ] && host=127.0.0.1
    "$CLI_BIN" -h "$host" -p "$PORT" -U "$USER_NAME" -d rustydb "$@"
}

cleanup() { "$CTL" stop -D "$DIR" -m immediate >/dev/null 2>&1; }
trap cleanup EXIT

echo "# instance in $DIR, port $PORT"
mkdir -p "$SCRATCH"
$INITDB "$DIR" >"$SCRATCH/initdb.log" 2>&1 || { echo "initdb failed:"; cat "$SCRATCH/initdb.log"; exit 1; }

# --- before the server runs ---
run "$CTL" status -D "$DIR";             expect_rc "status with no server" 3
expect_out "status message" "rustydb-ctl: no server running
"
run "$CTL" stop -D "$DIR";               expect_rc "stop with no server" 1
expect_grep "stop names the missing pid file" "$ERR" 'PID file .* does not exist'
run "$CTL" status -D "$SCRATCH/nowhere"; expect_rc "status of a missing directory" 4

# --- start ---
run "$CTL" start -D "$DIR" -o "-p $PORT" -t 60
expect_rc "start" 0
expect_grep "start reports success" "$OUT" '^server started$'
[ "$(pid_line 7)" = ready ] && ok "pid file says ready" || fail "pid file status is '$(pid_line 7)'"
[ "$(pid_line 4)" = "$PORT" ] && ok "pid file has our port" || fail "pid file port is '$(pid_line 4)'"
PID1=$(pid_line 1)
run "$CTL" start -D "$DIR" -o "-p $PORT"; expect_rc "second start refused" 1
run "$CTL" status -D "$DIR";              expect_rc "status while running" 0
expect_grep "status shows the pid" "$OUT" "server is running (PID: $PID1)"
[ -e "$DIR/logs/startup.log" ] && [ -s "$DIR/logs/rustydb.log" ] && ok "startup and server logs written" || fail "no logs/startup.log or empty logs/rustydb.log"

# --- rusty-db-cli: output must match psql's aligned format byte for byte ---
run cli -c "SELECT 1 AS one";            expect_rc "cli -c select" 0
expect_out "aligned output" " one 
-----
   1
(1 row)

"
run cli -c "CREATE TABLE ctl_cli_t (id int, name text)"
expect_out "command tag" "CREATE TABLE
"
run cli -c "INSERT INTO ctl_cli_t VALUES (1, 'alpha'), (22, NULL)"
expect_out "insert tag" "INSERT 0 2
"
run cli -c "SELECT id, name FROM ctl_cli_t ORDER BY id"
expect_out "nulls and numeric alignment" " id | name  
----+-------
  1 | alpha
 22 | 
(2 rows)

"
run cli -c "SELECT 1 AS a; SELECT 'x' AS b"
expect_out "every result of a multi-statement -c" " a 
---
 1
(1 row)

 b 
---
 x
(1 row)

"
run cli -c "SELECT * FROM ctl_cli_t WHERE false"
expect_out "empty result" " id | name 
----+------
(0 rows)

"
run cli -c '\dt'
expect_grep "\\dt lists the table" "$OUT" '^ public | ctl_cli_t | table |'
expect_grep "\\dt title" "$OUT" 'List of relations'
run cli -c "SELECT * FROM no_such_table"
expect_rc "error exits 1" 1
expect_grep "error text" "$ERR" '^ERROR:  relation "no_such_table" does not exist'
run cli -c "SELEC 1"
expect_rc "syntax error exits 1" 1
expect_grep "syntax error shows the line" "$ERR" '^LINE 1: SELEC 1$'
expect_grep "syntax error caret" "$ERR" '^        \^$'
run cli -c "VACUUM ctl_cli_t"
expect_out "VACUUM tag" "VACUUM
"
run bash -c "echo 'SELECT 2 AS two;' | $(printf '%q' "$CLI_BIN") -h '$(pid_line 5)' -p $PORT -U $USER_NAME -d rustydb"
expect_out "statements from a pipe" " two 
-----
   2
(1 row)

"
printf -- "-- a script\nSELECT ';' AS semi;\nSELECT \$\$a;b\$\$ AS dollar;\n" >"$SCRATCH/script.sql"
run cli -f "$SCRATCH/script.sql"
expect_out "-f splits on unquoted semicolons" " semi 
------
 ;
(1 row)

 dollar 
--------
 a;b
(1 row)

"
run "$CLI_BIN" -h 127.0.0.1 -p 1 -c "SELECT 1"
expect_rc "connection failure exits 2" 2
expect_grep "connection failure message" "$ERR" '^rusty-db-cli: error: connection to server'

# --- reload and restart ---
run "$CTL" reload -D "$DIR";  expect_rc "reload" 0
expect_out "reload message" "server signaled
"
run "$CTL" status -D "$DIR";  expect_rc "still running after reload" 0
run "$CTL" restart -D "$DIR" -m fast
expect_rc "restart" 0
PID2=$(pid_line 1)
[ -n "$PID2" ] && [ "$PID2" != "$PID1" ] && ok "restart gave a new postmaster" || fail "pid before $PID1, after '$PID2'"
run cli -c "SELECT count(*) AS n FROM ctl_cli_t"
expect_out "data survives a fast restart" " n 
---
 2
(1 row)

"

# --- stop modes ---
run "$CTL" stop -D "$DIR" -m smart;   expect_rc "smart stop" 0
expect_grep "stop message" "$OUT" '^server stopped$'
[ ! -e "$DIR/postmaster.pid" ] && ok "pid file removed" || fail "pid file left behind"
run "$CTL" status -D "$DIR";           expect_rc "status after stop" 3

run "$CTL" start -D "$DIR" -W -o "-p $PORT"; expect_rc "start -W" 0
expect_out "start -W message" "server starting
"
for _ in $(seq 60); do [ "$(pid_line 7)" = ready ] && break; sleep 1; done
run "$CTL" stop -D "$DIR" -m immediate; expect_rc "immediate stop" 0
run "$CTL" start -D "$DIR" -o "-p $PORT"; expect_rc "start after immediate stop (recovery)" 0
run cli -c "SELECT count(*) AS n FROM ctl_cli_t"
expect_grep "data survives an immediate stop" "$OUT" '^ 2$'
run "$CTL" stop -D "$DIR";             expect_rc "final stop" 0

run "$CTL" start -D "$DIR" -o "--no-such-option"
expect_rc "start with a bad option fails" 1
expect_grep "failed start points at the log" "$ERR" 'Examine the log output'

echo "# $FAILURES failure(s)"
if [ "$FAILURES" -eq 0 ] && [ -z "${1:-}" ]; then rm -rf "$SCRATCH"; fi
exit "$FAILURES"
