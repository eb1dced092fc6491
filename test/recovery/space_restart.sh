#!/bin/bash
# space_restart.sh BINDIR SCRATCH -- exact space counters across restarts:
#   - a clean restart keeps them (saved after the shutdown checkpoint,
#     restored by the startup process): read from the counters (source 0)
#     and equal to a page-by-page measurement, and kept up to date after;
#   - a crash restart never restores them: the first read takes a new
#     baseline (source 1), also when a saved file of an earlier clean
#     shutdown is put back (its checkpoint is no longer the last one).
# The same for the table's B-tree indexes (README "Exact space", "Indexes"),
# whose counters writers change at once: after a crash, changes made before
# the first read do not matter (the baseline measures), and the counters
# are kept from then on.
set -euo pipefail
BINDIR=$1
SCRATCH=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/instance-lib.sh"

inst="$SCRATCH/instance"
port=$(free_port)
cleanup() {
    local pm
    pm=$(cat "$inst/test.pid" 2>/dev/null) || return 0
    kill_postmaster_tree "$pm"
}
trap cleanup EXIT
start_instance "$inst" "$port" -c autovacuum=off
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

crash_restart() {
    local pm
    pm=$(cat "$inst/test.pid")
    kill_postmaster_tree "$pm"
    sleep 0.2
    rm -f "$inst/postmaster.pid"
    start_instance "$inst" "$port" -c autovacuum=off
}

check() {   # label, wanted source (a pattern): the table and its indexes
    local got rel
    for rel in rs rs_pkey rs_v; do
        got=$(q -c "SELECT s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3], s[4], s::text, m::text
                    FROM (SELECT rustydb_relation_space('$rel') AS s,
                                 rustydb_relation_space_measured('$rel') AS m) x")
        [ "${got%%|*}" = t ] || fail "$1: $rel: counters differ from the pages: $got"
        # shellcheck disable=SC2254
        case "$(echo "$got" | cut -d'|' -f2)" in
            $2) ;;
            *) fail "$1: $rel: source wanted $2: $got" ;;
        esac
        echo "ok: $1: $rel: $got"
    done
}

q -c "CREATE TABLE rs (id int PRIMARY KEY, v text)"
q -c "CREATE INDEX rs_v ON rs (v)"
q -c "INSERT INTO rs SELECT g, md5(g::text) FROM generate_series(1, 5000) g"
q -c "DELETE FROM rs WHERE id % 3 = 0"
q -c "UPDATE rs SET v = v || 'u' WHERE id % 5 = 0"
check "before any restart" 0

stop_instance "$inst" INT
saved="$SCRATCH/rustydb_space.saved"
cp "$inst/data/global/rustydb_space" "$saved" || fail "no counters file after a clean shutdown"
start_instance "$inst" "$port" -c autovacuum=off
[ ! -e "$inst/data/global/rustydb_space" ] || fail "the counters file survives the start that read it"
check "after a clean restart" 0
q -c "UPDATE rs SET v = 'after restart' WHERE id % 7 = 0"
q -c "VACUUM rs"
check "maintained after a clean restart" 0

q -c "INSERT INTO rs SELECT g, 'before crash' FROM generate_series(10001, 11000) g"
crash_restart
q -c "INSERT INTO rs SELECT g, md5(g::text) FROM generate_series(20001, 22000) g"
check "after a crash restart" 1
q -c "INSERT INTO rs SELECT g, md5(g::text) FROM generate_series(30001, 32000) g"
q -c "DELETE FROM rs WHERE id % 4 = 0"
q -c "VACUUM rs"
check "maintained after a crash restart" 0

# after another crash, the first reads come while writers run: a baseline
# is taken whenever the table's writers happen to be between transactions
# (else the figures are only measured, source 2); the counters kept from
# such a baseline must still equal the pages once the writers stop
q -c "INSERT INTO rs SELECT g, 'before crash 2' FROM generate_series(40001, 41000) g"
crash_restart
w="$SCRATCH/writer.sql"
printf '%s\n' '\set id random(50001, 90000)' \
    'INSERT INTO rs VALUES (:id, md5(CAST(:id AS text))) ON CONFLICT DO NOTHING;' \
    'DELETE FROM rs WHERE id = :id - 7;' \
    'UPDATE rs SET v = v || CAST(:id AS text) WHERE id = :id - 3;' >"$w"
pgbench -n -c 2 -j 2 -T 4 -R 200 -f "$w" >"$w.out" 2>&1 &
bench=$!
sources=""
end=$((SECONDS + 4))
while [ $SECONDS -lt $end ]; do
    sources="$sources $(q -c "SELECT string_agg(CAST((rustydb_relation_space(r))[4] AS text), ',')
                              FROM unnest(ARRAY['rs', 'rs_pkey', 'rs_v']) AS r")"
    sleep 0.05
done
wait $bench || fail "concurrent writers failed: $(tail -3 "$w.out")"
echo "sources (rs,rs_pkey,rs_v) read while writers ran:$(echo "$sources" | tr ' ' '\n' | sort | uniq -c | tr -s ' \n' ' ')"
check "kept from baselines taken while writers ran" "[01]"

# a stale file from the earlier clean shutdown must not be believed
q -c "DELETE FROM rs WHERE id > 10500"
cp "$saved" "$inst/data/global/rustydb_space"
crash_restart
grep -q "exact space counters not restored" "$inst/logs/rustydb.log" || fail "stale file not refused in the log"
check "after a crash restart with a stale counters file" 1

stop_instance "$inst" INT
trap - EXIT
echo "space_restart: passed"
