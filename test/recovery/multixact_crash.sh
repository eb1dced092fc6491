#!/bin/bash
# multixact_crash.sh BINDIR SCRATCH -- row locks do not survive a crash.
#
# Two sessions share a row lock (FOR SHARE: the row's xmax becomes a
# lock-only multixact) and a third holds FOR KEY SHARE on another row; a
# checkpoint writes those xmaxes to disk, then every server process is
# killed (-9).  The multixact table lived in shared memory only, so after
# recovery the stale multi id on disk must read as "no lockers": the rows
# can be locked FOR UPDATE NOWAIT and updated at once, and new shared locks
# work as before.
set -euo pipefail
BINDIR=$1
SCRATCH=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/instance-lib.sh"

inst="$SCRATCH/instance"
port=$(free_port)
holders=()
cleanup() {
    local pm
    for h in "${holders[@]}"; do kill "$h" 2>/dev/null || true; done
    pm=$(cat "$inst/test.pid" 2>/dev/null) || return 0
    kill_postmaster_tree "$pm"
}
trap cleanup EXIT
start_instance "$inst" "$port"
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE TABLE rl (id int PRIMARY KEY, v int)"
q -c "INSERT INTO rl VALUES (1, 10), (2, 20), (3, 30)"

# hold: a session that takes a row lock and keeps its transaction open
hold() {
    psql -X -q -c "BEGIN" -c "$1" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
    holders+=($!)
}
hold "SELECT id FROM rl WHERE id = 1 FOR SHARE"
hold "SELECT id FROM rl WHERE id = 1 FOR SHARE"
hold "SELECT id FROM rl WHERE id = 2 FOR KEY SHARE"
# wait until the three lock holders are asleep
for _ in $(seq 1 100); do
    n=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")
    [ "$n" -ge 3 ] && break
    sleep 0.1
done
[ "$n" -ge 3 ] || { echo "lock holders did not start"; exit 1; }
if out=$(q -c "SELECT id FROM rl WHERE id = 1 FOR UPDATE NOWAIT" 2>&1); then
    echo "row 1 not locked before the crash: $out"; exit 1
fi
q -c "SELECT id FROM rl WHERE id = 2 FOR NO KEY UPDATE NOWAIT" >/dev/null
q -c "CHECKPOINT"

cleanup
holders=()
sleep 0.2
rm -f "$inst/postmaster.pid"
start_instance "$inst" "$port"

got=$(q -c "BEGIN" -c "SELECT id FROM rl ORDER BY id FOR UPDATE NOWAIT" -c "COMMIT" | tr '\n' ' ')
[ "$got" = "1 2 3 " ] || { echo "stale row locks after the crash: $got"; exit 1; }
q -c "UPDATE rl SET v = v + 1" >/dev/null
[ "$(q -c "SELECT sum(v) FROM rl")" = "63" ] || { echo "lost update"; exit 1; }

# shared locks work again, and block a writer
hold "SELECT id FROM rl WHERE id = 3 FOR SHARE"
hold "SELECT id FROM rl WHERE id = 3 FOR SHARE"
for _ in $(seq 1 100); do
    n=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")
    [ "$n" -ge 2 ] && break
    sleep 0.1
done
if out=$(q -c "SELECT id FROM rl WHERE id = 3 FOR UPDATE NOWAIT" 2>&1); then
    echo "new shared locks not held: $out"; exit 1
fi
case "$out" in
    *"could not obtain lock on row"*) ;;
    *) echo "unexpected error: $out"; exit 1 ;;
esac
for h in "${holders[@]}"; do kill "$h" 2>/dev/null || true; done
holders=()
stop_instance "$inst" INT
trap - EXIT
grep -q "redo done\|not shut down cleanly" "$inst/logs/rustydb.log" || { echo "no recovery happened"; exit 1; }
echo "multixact_crash: stale row locks read as unlocked after recovery; new shared locks work"
