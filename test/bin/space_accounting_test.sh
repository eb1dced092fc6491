#!/bin/bash
# space_accounting_test.sh -- exact space accounting under concurrency (env
# from scripts/run-protocol.sh: PGHOST, PGPORT, PGUSER; own database):
#   - pgbench tpcb-like clients update (HOT), insert (history) and prune
#     pages while autovacuum runs, another session rolls back transactions
#     and savepoints with inserts, updates and deletes, three race upserts
#     for the same keys (losing speculative insertions are super-deleted),
#     another re-reads the
#     counters (and, after a VACUUM FULL has invalidated pgbench_tellers,
#     keeps trying to take a baseline of it while its pages are pruned; the
#     same for pgbench_accounts, whose pages select-only clients prune);
#   - once quiet, every table's maintained counters (rustydb_relation_space,
#     read from the counters: source 0) equal a full page-by-page
#     measurement (rustydb_relation_space_measured), and so does
#     v$table_statistics; pgbench_tellers and _accounts again after a
#     second run;
#   - the same for every B-tree index of those tables (counters changed at
#     once by inserts, splits, VACUUM's bulk deletes, VACUUM FULL's
#     rebuilds), and v$index_usage.
set -u
failures=0
ok() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
export PGDATABASE=space_acct
q() { psql -X -q -t -A -c "$1"; }

psql -X -q -d rustydb -c "DROP DATABASE IF EXISTS space_acct" >/dev/null 2>&1
if ! psql -X -q -d rustydb -c "CREATE DATABASE space_acct" >/dev/null; then
    fail "CREATE DATABASE space_acct"
    exit 1
fi
if pgbench -i -I dtgp -s 2 -q >/dev/null 2>&1; then ok "pgbench -i -s 2"; else fail "pgbench -i -s 2"; fi
q "CREATE TABLE sa_churn (id int, v text); CREATE INDEX sa_churn_id ON sa_churn (id)" >/dev/null
q "INSERT INTO sa_churn SELECT g, md5(g::text) FROM generate_series(1, 2000) g" >/dev/null
q "CREATE TABLE sa_upsert (id int PRIMARY KEY, n int)" >/dev/null

# Compare counters and measurement, allowing a moment for autovacuum to finish
# (its page changes are published one page at a time).  want_source: 0 or "any".
compare() {   # label table want_source
    local label=$1 t=$2 want=$3 got=""
    for _ in $(seq 1 40); do
        got=$(q "SELECT s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3], s[4], s::text, m::text
                 FROM (SELECT rustydb_relation_space('$t') AS s,
                              rustydb_relation_space_measured('$t') AS m) x")
        case "$got" in
            t\|*) break ;;
        esac
        sleep 0.5
    done
    local source
    source=$(echo "$got" | cut -d'|' -f2)
    if [ "${got%%|*}" = t ] && { [ "$want" = any ] || [ "$source" = "$want" ]; }; then
        ok "$label: $t counters equal the measurement (source $source): $(echo "$got" | cut -d'|' -f3)"
    else
        fail "$label: $t: $got"
    fi
}

churn=$(mktemp /tmp/rdbspace.XXXXXX)
cat >"$churn" <<'EOF'
\set id random(1, 2000)
BEGIN;
UPDATE sa_churn SET v = v || 'x' WHERE id = :id;
SAVEPOINT a;
INSERT INTO sa_churn VALUES (100000 + :id, 'in savepoint');
DELETE FROM sa_churn WHERE id = :id + 1;
ROLLBACK TO a;
UPDATE sa_churn SET v = md5(v) WHERE id = :id;
ROLLBACK;
BEGIN;
DELETE FROM sa_churn WHERE id = :id;
INSERT INTO sa_churn VALUES (:id, md5(random()::text));
END;
EOF

# rate-limited, so that the table locks are sometimes free for a baseline
pgbench -n -c 3 -j 3 -T 10 -R 60 >"$churn.pgbench" 2>&1 &
bench=$!
pgbench -n -S -c 1 -T 10 >/dev/null 2>&1 &     # readers prune pgbench_accounts pages
selects=$!
pgbench -n -c 1 -T 10 -f "$churn" >"$churn.churn" 2>&1 &
churner=$!
# upserts racing for the same keys: some speculative insertions lose and are super-deleted
printf '%s\n' '\set id random(1, 50)' \
    'INSERT INTO sa_upsert VALUES (:id, 1) ON CONFLICT (id) DO UPDATE SET n = sa_upsert.n + 1;' \
    'INSERT INTO sa_upsert VALUES (:id + 1, 1) ON CONFLICT DO NOTHING;' \
    'DELETE FROM sa_upsert WHERE id = :id + 2;' >"$churn.upsert"
pgbench -n -c 3 -j 3 -T 10 -f "$churn.upsert" >"$churn.up" 2>&1 &
upserter=$!
(   # readers of the counters; VACUUM FULL invalidates two tables mid-run, then baselines are tried
    end=$((SECONDS + 10))
    full_done=0
    baselines=0
    while [ $SECONDS -lt $end ]; do
        for t in pgbench_tellers pgbench_accounts; do
            [ "$(q "SELECT (rustydb_relation_space('$t'))[4]")" = 1 ] && baselines=$((baselines + 1))
        done
        q "SELECT count(*) FROM v\$table_statistics" >/dev/null
        if [ $full_done = 0 ] && [ $((end - SECONDS)) -lt 7 ]; then
            q "VACUUM FULL pgbench_tellers" >/dev/null
            q "VACUUM FULL pgbench_accounts" >/dev/null
            full_done=1
        fi
        sleep 0.05
    done
    echo "# baselines taken while the clients ran: $baselines"
) &
reader=$!
wait $bench
rc_bench=$?
wait $selects
wait $churner
rc_churn=$?
wait $upserter
rc_up=$?
wait $reader
if [ $rc_bench = 0 ] && grep -q "number of failed transactions: 0" "$churn.pgbench"; then
    ok "pgbench tpcb-like ran: $(sed -n 's/^number of transactions actually processed: //p' "$churn.pgbench") transactions"
else
    fail "pgbench tpcb-like: rc $rc_bench"; grep -m 5 -i error "$churn.pgbench"; tail -5 "$churn.pgbench"
fi
if [ $rc_churn = 0 ]; then ok "rollback/savepoint churn ran"; else fail "churn: rc $rc_churn"; grep -m 5 -i error "$churn.churn"; tail -5 "$churn.churn"; fi
if [ $rc_up = 0 ]; then ok "racing upserts ran"; else fail "upserts: rc $rc_up"; grep -m 5 -i error "$churn.up"; tail -5 "$churn.up"; fi

# pgbench's tables were created (and truncated) by this session's pgbench -i:
# maintained from 0 ever since, never re-measured
compare "after the run" pgbench_branches 0
compare "after the run" pgbench_history 0
compare "after the run" sa_churn 0
compare "after the run" sa_upsert 0
compare "after the run (re-measured after VACUUM FULL)" pgbench_tellers any
compare "after the run (re-measured after VACUUM FULL)" pgbench_accounts any
if pgbench -n -c 3 -j 3 -T 3 >"$churn.pgbench" 2>&1; then ok "second pgbench run"; else fail "second pgbench run"; fi
compare "after a second run" pgbench_tellers 0
compare "after a second run" pgbench_accounts 0
compare "after a second run" pgbench_history 0
# indexes: valid from their creation (VACUUM FULL rebuilt two of them into new files)
for i in pgbench_branches_pkey pgbench_tellers_pkey pgbench_accounts_pkey sa_churn_id sa_upsert_pkey; do
    compare "indexes, after both runs" "$i" 0
done
got=$(q "SELECT bool_and(live_bytes = r[1] AND dead_bytes = r[2] AND free_bytes = r[3])
         FROM (SELECT u.*, rustydb_relation_space_measured(u.index_name) AS r
               FROM v\$index_usage u) x")
if [ "$got" = t ]; then ok "v\$index_usage agrees with the measurement"; else fail "v\$index_usage: $got"; fi
got=$(q "SELECT bool_and(live_bytes = r[1] AND dead_bytes = r[2] AND free_bytes = r[3])
         FROM (SELECT t.*, rustydb_relation_space_measured(t.table_name) AS r
               FROM v\$table_statistics t WHERE t.table_name LIKE 'pgbench%') x")
if [ "$got" = t ]; then ok "v\$table_statistics agrees with the measurement"; else fail "v\$table_statistics: $got"; fi

rm -f "$churn" "$churn.pgbench" "$churn.churn" "$churn.upsert" "$churn.up"
psql -X -q -d rustydb -c "DROP DATABASE space_acct" >/dev/null 2>&1
echo "# $failures failure(s)"
[ "$failures" -eq 0 ]
