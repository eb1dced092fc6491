#!/bin/bash
# observability.sh BINDIR TMPDIR -- settings, statistics persistence and
# logs across restarts:
#   1. ALTER SYSTEM SET/RESET round trip across a restart, pending_restart,
#      reload by rustydb_reload_conf() and SIGHUP, bad values write nothing;
#   2. statistics survive a clean restart, and a crash restart keeps the
#      last periodic write (not zero);
#   3. logs/rustydb.log has prefixed lines, errors, connection lines;
#      logs/slow-query.log has the slow statement; size rotation loses no line.
set -eu
BINDIR=$1
TMP=$2
. "$(dirname "$0")/../../scripts/instance-lib.sh"
DIR=$TMP/inst
PORT=$(free_port)
export PGHOST=$DIR/sock PGPORT=$PORT PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -A -t -q -c "$1"; }
fail() { echo "FAIL: $*"; stop_instance "$DIR" QUIT; exit 1; }
expect() { local got; got=$(q "$2"); [ "$got" = "$3" ] || fail "$1: expected '$3', got '$got'"; echo "ok: $1"; }

mkdir -p "$DIR"
start_instance "$DIR" "$PORT" -c stats_persist_interval=1s -c log_connections=on || fail "start"

# ---- 1. settings ----
q "ALTER SYSTEM SET work_mem = '12MB'" >/dev/null
q "ALTER SYSTEM SET auto_statistics_gather = true" >/dev/null
q "ALTER SYSTEM SET statistics_gather_interval = '1 day'" >/dev/null
grep -q "work_mem" "$DIR/rustydb.auto.conf" || fail "auto.conf not written"
cp "$DIR/rustydb.auto.conf" "$TMP/auto.before"
psql -X -q -c "ALTER SYSTEM SET work_mem = 'lots'" 2>/dev/null && fail "bad value accepted"
psql -X -q -c "ALTER SYSTEM SET no_such = 1" 2>/dev/null && fail "bad name accepted"
cmp -s "$DIR/rustydb.auto.conf" "$TMP/auto.before" || fail "rejected ALTER SYSTEM changed the file"
echo "ok: rejected values write nothing"
expect "not applied before reload" "SHOW work_mem" "4MB"
expect "reload" "SELECT rustydb_reload_conf()" "t"
sleep 1
expect "applied after reload" "SHOW work_mem" "12MB"
q "ALTER SYSTEM SET shared_buffers = '64MB'" >/dev/null
expect "pending_restart" "SELECT pending_restart FROM pg_settings WHERE name = 'shared_buffers'" "t"
q "ALTER SYSTEM SET log_min_duration_statement = 100" >/dev/null
kill -HUP "$(cat "$DIR/test.pid")"
sleep 1
expect "SIGHUP reload" "SHOW log_min_duration_statement" "100ms"

# statistics work before the restart
q "CREATE TABLE obs(a int)" >/dev/null
q "INSERT INTO obs SELECT generate_series(1, 1000)" >/dev/null
q "SELECT count(*) FROM obs" >/dev/null
q "SELECT pg_sleep(0.15)" >/dev/null
psql -X -q -c "SELECT * FROM no_such_table" 2>/dev/null || true
stop_instance "$DIR" INT
start_instance "$DIR" "$PORT" -c stats_persist_interval=1s -c log_connections=on || fail "restart"
expect "ALTER SYSTEM survives restart" "SHOW work_mem" "12MB"
expect "restart-only setting applied" "SHOW shared_buffers" "64MB"
expect "pending_restart cleared" "SELECT pending_restart FROM pg_settings WHERE name = 'shared_buffers'" "f"
expect "guide setting" "SHOW statistics_gather_interval" "1d"

# ---- 2. statistics persistence ----
expect "stats survive clean restart" \
    "SELECT seq_scan::text || ' ' || n_tup_ins::text || ' ' || n_live_tup::text FROM pg_stat_user_tables WHERE relname = 'obs'" "1 1000 1000"
q "SELECT count(*) FROM obs" >/dev/null
BEFORE=$(q "SELECT seq_scan::text || ' ' || n_tup_ins::text FROM pg_stat_user_tables WHERE relname = 'obs'")
[ "$BEFORE" = "2 1000" ] || fail "second scan not counted: $BEFORE"
sleep 2.5                       # at least two periodic writes (stats_persist_interval = 1s)
# crash: kill -9 a backend; the postmaster reinitialises shared memory
psql -X -q -c "SELECT pg_sleep(30)" >/dev/null 2>&1 &
SLEEPER=$!
sleep 0.5
BPID=$(q "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")
[ -n "$BPID" ] || fail "no backend to kill"
kill -9 "$BPID"
wait "$SLEEPER" || true
sleep 1                         # let the postmaster notice and reinitialise
for _ in $(seq 1 100); do
    if q "SELECT 1" >/dev/null 2>&1; then break; fi
    sleep 0.2
done
expect "stats after crash restart come from the last periodic write" \
    "SELECT seq_scan::text || ' ' || n_tup_ins::text FROM pg_stat_user_tables WHERE relname = 'obs'" "2 1000"

# ---- 3. logs ----
LOG=$DIR/logs/rustydb.log
# as PostgreSQL 15 (log_error_verbosity = default): no SQLSTATE after the
# severity, " at character N" for a position, STATEMENT with the prefix too
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ UTC \[[0-9]+\] postgres@rustydb ERROR:  relation "no_such_table" does not exist at character 15$' "$LOG" \
    || fail "error line with prefix missing"
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ UTC \[[0-9]+\] postgres@rustydb STATEMENT:  SELECT \* FROM no_such_table$' "$LOG" \
    || fail "STATEMENT line with prefix missing"
echo "ok: error line"
# %e is the entry's SQLSTATE (00000 for LOG); verbose adds it after the severity, and LOCATION
q "ALTER SYSTEM SET log_line_prefix = '%m [%p] %e %q%u@%d '" >/dev/null
q "SELECT rustydb_reload_conf()" >/dev/null
sleep 0.5
psql -X -q -c "SELECT 1 / 0 AS sqlstate_marker" 2>/dev/null || true
psql -X -q -c "SET log_error_verbosity = verbose" -c "SELECT * FROM verbose_marker" 2>/dev/null || true
q "ALTER SYSTEM RESET log_line_prefix" >/dev/null
q "SELECT rustydb_reload_conf()" >/dev/null
sleep 0.5
grep -Eq '^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] 22012 postgres@rustydb ERROR:  division by zero$' "$LOG" \
    || fail "%e: no '22012 ... ERROR:  division by zero' line"
grep -Eq '^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] 22012 postgres@rustydb STATEMENT:  SELECT 1 / 0 AS sqlstate_marker$' "$LOG" \
    || fail "%e: STATEMENT line lacks the prefix"
grep -Eq '^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] 00000 .*LOG:  ' "$LOG" || fail "%e: no 00000 LOG line"
grep -Eq '\] 42P01 postgres@rustydb ERROR:  42P01: relation "verbose_marker" does not exist at character 15$' "$LOG" \
    || fail "log_error_verbosity = verbose: no SQLSTATE after the severity"
grep -Eq '\] 42P01 postgres@rustydb LOCATION:  [a-z_A-Z]+, [a-z_]+\.c:[0-9]+$' "$LOG" \
    || fail "log_error_verbosity = verbose: no LOCATION line"
echo "ok: log_line_prefix %e and log_error_verbosity"
grep -q 'connection authorized' "$LOG" || grep -q 'connection received' "$LOG" || fail "no connection lines"
echo "ok: connection lines"
grep -q 'terminated by signal 9' "$LOG" || fail "crash not logged"
echo "ok: crash logged"
SLOW=$DIR/logs/slow-query.log
# The duration is at least the 150 ms slept (more on a busy machine).
slow_ms=$(sed -nE 's/.* duration_ms=([0-9]+)\.[0-9]+ user=postgres database=rustydb query_id=-?[0-9]+ rows=1 query: SELECT pg_sleep\(0\.15\)$/\1/p' "$SLOW" | head -n 1)
[ -n "$slow_ms" ] || fail "slow-query.log line missing"
[ "$slow_ms" -ge 150 ] || fail "slow-query.log duration $slow_ms ms < 150 ms"
echo "ok: slow-query.log"

# rotation by size: every numbered line lands in exactly one file
q "ALTER SYSTEM SET log_rotation_size = '64kB'" >/dev/null
q "SELECT rustydb_reload_conf()" >/dev/null
sleep 1
for i in $(seq 1 400); do
    psql -X -q -c "SELECT * FROM rotation_marker_$i" 2>/dev/null || true
done
sleep 1.5
ls "$DIR/logs"/rustydb.log.* >/dev/null 2>&1 || fail "log not rotated"
n=$(cat "$DIR/logs"/rustydb.log* | grep -c 'ERROR:  relation "rotation_marker_[0-9]*" does not exist' || true)
[ "$n" -eq 400 ] || fail "rotation lost lines: $n of 400"
echo "ok: rotation kept all 400 lines"
stop_instance "$DIR" INT
echo "observability: all checks passed"
