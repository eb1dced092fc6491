#!/bin/bash
# vacuum_prune_horizon.sh -- a long lazy VACUUM of one table does not stop
# opportunistic pruning of another (as PostgreSQL's PROC_IN_VACUUM): while
# session A's VACUUM of a big table runs (slowed down by the cost delay),
# 400 HOT updates of the single row of a small table, each its own
# transaction, keep that table at one page.  Before the fix the VACUUM's
# xmin (its first snapshot, older than every update) held the pruning
# horizon back, no version could be pruned, and the table grew to 3 pages.
# The same during the ANALYZE part of a VACUUM (ANALYZE), which runs in a
# transaction of its own and reads the table without a snapshot.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_vph_big, iso_vph_hot;
     CREATE TABLE iso_vph_big (id int PRIMARY KEY, pad text);
     INSERT INTO iso_vph_big SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;
     DELETE FROM iso_vph_big WHERE id % 2 = 0;
     CREATE TABLE iso_vph_hot (id int PRIMARY KEY, v int);
     INSERT INTO iso_vph_hot VALUES (1, 0);"
sess_open A

step A "SET vacuum_cost_limit = 1;"
step A "SET vacuum_cost_delay = '10ms';"
step_start A "VACUUM iso_vph_big;"
# wait until A's VACUUM is under way (its xmin advertised)
for ((i = 0; i < 100; i++)); do
    [ "$(ctl "SELECT count(*) FROM pg_stat_activity WHERE pid = ${ISO_BACKEND[A]} AND query LIKE 'VACUUM%' AND state = 'active'")" = 1 ] && break
    sleep 0.1
done
sleep 0.5
step_done A && iso_fail "the VACUUM ended before the updates began: make it slower"

for i in $(seq 1 400); do
    echo "UPDATE iso_vph_hot SET v = v + 1 WHERE id = 1;"
done >"$ISO_WORK/vph_updates.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$ISO_WORK/vph_updates.sql" >/dev/null

step_done A && iso_fail "the VACUUM ended before the updates did: make it slower"
pages=$(ctl "SELECT pg_relation_size('iso_vph_hot'::regclass) / 8192")
[ "$pages" = 1 ] || iso_fail "iso_vph_hot has $pages pages after 400 updates during a VACUUM of another table, want 1"
[ "$(ctl "SELECT v FROM iso_vph_hot WHERE id = 1")" = 400 ] || iso_fail "lost updates"

step_wait A 120
expect_exact A "VACUUM"
[ "$(ctl "SELECT rustydb_verify_index('iso_vph_hot_pkey', true)")" = ok ] || iso_fail "index check"

# the same while the ANALYZE of VACUUM (ANALYZE) samples
ctl "DELETE FROM iso_vph_big WHERE id % 3 = 0;
     DROP TABLE iso_vph_hot; CREATE TABLE iso_vph_hot (id int PRIMARY KEY, v int);
     INSERT INTO iso_vph_hot VALUES (1, 0);"
step_start A "VACUUM (ANALYZE) iso_vph_big;"
for ((i = 0; i < 600; i++)); do
    [ "$(ctl "SELECT count(*) FROM v\$maintenance_jobs WHERE status = 'running' AND phase = 'acquiring sample rows'")" = 1 ] && break
    step_done A && iso_fail "the VACUUM (ANALYZE) ended before its ANALYZE was seen sampling"
    sleep 0.1
done
psql -X -q -v ON_ERROR_STOP=1 -f "$ISO_WORK/vph_updates.sql" >/dev/null
step_done A && iso_fail "the VACUUM (ANALYZE) ended before the updates did: make it slower"
pages=$(ctl "SELECT pg_relation_size('iso_vph_hot'::regclass) / 8192")
[ "$pages" = 1 ] || iso_fail "iso_vph_hot has $pages pages after 400 updates during an ANALYZE of another table, want 1"
step_wait A 120
expect_exact A "VACUUM"

sess_close A
ctl "DROP TABLE iso_vph_big, iso_vph_hot"
