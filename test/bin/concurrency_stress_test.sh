#!/bin/bash
# concurrency_stress_test.sh -- adversarial concurrency test with real clients
# (env from scripts/run-protocol.sh: PGHOST, PGPORT, PGUSER, PGDATABASE).
# Several pgbench processes run custom scripts at once for a few seconds each,
# with a client running VACUUM in a loop beside them, and then exact
# invariants are checked.  The same scripts keep the same invariants on
# PostgreSQL 15 (point PGHOST/PGPORT at one to compare).
#
#   transfers  money moves between accounts (PRIMARY KEY, secondary index on
#              a column that some updates change, so HOT and non-HOT updates
#              mix): the total is conserved, each key has exactly one visible
#              version, sequential and index scans agree, the indexes verify;
#              a CREATE INDEX CONCURRENTLY runs during the transfers and its
#              index must hold every row.
#   locks      SELECT FOR SHARE / FOR KEY SHARE / FOR UPDATE mixed with
#              UPDATE, DELETE (ON DELETE CASCADE) and INSERT of a FOREIGN KEY
#              child: no orphan child rows, no lost increments (read with
#              FOR UPDATE then written, or updated in place).
#   join       UPDATE ... FROM a join while other clients move the rows
#              between join groups and update the joined table (READ
#              COMMITTED re-check over the join): every statement updates
#              each logical row exactly once.
#   savepoint  ROLLBACK TO SAVEPOINT in the middle of transactions that also
#              take row locks inside the rolled-back part: rolled-back rows
#              and updates are invisible, counts exact, nothing stays locked.
set -u
failures=0
ok() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; }
DUR=${STRESS_SECONDS:-5}

dir=$(mktemp -d /tmp/rdbstress.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# run_bench LABEL ARGS... -- run pgbench in the background, output to a file
pids=()
labels=()
run_bench() {
    local label=$1
    shift
    pgbench -n --verbose-errors "$@" >"$dir/bench${#pids[@]}.out" 2>&1 &
    pids+=($!)
    labels+=("$label")
}
# wait_benches -- wait for every background pgbench; each must have exited 0
# and processed > 0 transactions with none failed.  pgbench retries deadlocks
# and serialization failures (--max-tries); the latter must not occur under
# READ COMMITTED (every run but those labelled REPEATABLE READ), where a
# concurrently updated row is re-checked instead (--verbose-errors shows
# each retried error).
wait_benches() {
    local i rc out done_tx failed_tx
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}"
        rc=$?
        out=$(cat "$dir/bench$i.out")
        done_tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
        failed_tx=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
        if [[ "${labels[$i]}" != *"REPEATABLE READ"* ]] && echo "$out" | grep -q "could not serialize"; then
            fail "${labels[$i]}: serialization failure under READ COMMITTED"
            echo "$out" | grep -m 3 "could not serialize" | sed 's/^/    | /'
        elif [ "$rc" -eq 0 ] && [ -n "$done_tx" ] && [ "$done_tx" -gt 0 ] && [ "${failed_tx:-0}" = 0 ]; then
            ok "${labels[$i]}: $done_tx transactions, 0 failed"
            # what was retried, for the record (deadlocks are expected in most runs)
            if [[ "${labels[$i]}" == vacuum* ]]; then
                echo "$out" | grep -m 3 -i 'error' | sed 's/^/    | retried: /'
            fi
        else
            fail "${labels[$i]}: rc $rc, processed '${done_tx:-?}', failed '${failed_tx:-?}'"
            echo "$out" | grep -m 5 -i 'error' | sed 's/^/    | /'
            echo "$out" | grep -v '^progress' | tail -8 | sed 's/^/    | /'
        fi
    done
    pids=()
    labels=()
}
# expect LABEL WANT SQL -- the query's single result must equal WANT
expect() {
    local got
    got=$(q "$3" 2>&1)
    if [ "$got" = "$2" ]; then ok "$1"; else fail "$1: wanted '$2', got '$got'"; fi
}
# scans_agree LABEL TABLE KEY COLUMNS -- one version per key under a
# sequential scan and under an index scan, and both scans return the same rows
scans_agree() {
    local label=$1 t=$2 key=$3 cols=$4 seq idx
    seq=$(q "SET enable_indexscan = off; SET enable_bitmapscan = off;
             SELECT count(*) - count(DISTINCT $key) FROM $t")
    idx=$(q "SET enable_seqscan = off; SELECT count(*) - count(DISTINCT $key) FROM $t WHERE $key > -2147483648")
    if [ "$seq" = 0 ] && [ "$idx" = 0 ]; then ok "$label: one visible version per key (seq and index scan)"
    else fail "$label: duplicate versions: seq scan $seq, index scan $idx"; fi
    seq=$(q "SET enable_indexscan = off; SET enable_bitmapscan = off;
             SELECT md5(string_agg(concat_ws(':', $cols), ',' ORDER BY $key)) FROM $t")
    idx=$(q "SET enable_seqscan = off;
             SELECT md5(string_agg(concat_ws(':', $cols), ',' ORDER BY $key)) FROM $t WHERE $key > -2147483648")
    if [ -n "$seq" ] && [ "$seq" = "$idx" ]; then ok "$label: sequential and index scans agree"
    else fail "$label: sequential scan $seq, index scan $idx"; fi
}
verify_index() {   # INDEX -- rustydb_verify_index where it exists (RustyDB)
    local fn
    fn=$(q "SELECT count(*) FROM pg_proc WHERE proname = 'rustydb_verify_index'")
    [ "$fn" = 1 ] || return 0
    expect "index $1 verifies" ok "SELECT rustydb_verify_index('$1', true)"
}

# The VACUUM client, used in every phase.  It runs with retries like the
# other clients (a deadlock or serialization failure would be retried and
# printed below its "ok" line; none has been seen since the fix below).
cat >"$dir/vacuum.sql" <<'EOF'
VACUUM st_acct;
VACUUM st_parent;
VACUUM st_child;
VACUUM st_t;
VACUUM st_sp;
\sleep 20 ms
EOF

q "SET client_min_messages = warning;
   DROP TABLE IF EXISTS st_acct, st_child, st_parent, st_incr, st_t, st_g, st_tlog,
                        st_sp, st_spc, st_ids CASCADE;
   CREATE TABLE st_acct (id int PRIMARY KEY, grp int NOT NULL, bal int NOT NULL, pad text);
   CREATE INDEX st_acct_grp ON st_acct (grp);
   INSERT INTO st_acct SELECT i, i % 7, 1000, repeat('x', 40) FROM generate_series(1, 60) i;
   CREATE TABLE st_parent (id int PRIMARY KEY, v int NOT NULL);
   INSERT INTO st_parent SELECT i, 0 FROM generate_series(1, 30) i;
   CREATE TABLE st_ids (c int PRIMARY KEY, n int NOT NULL);
   INSERT INTO st_ids SELECT c, 0 FROM generate_series(0, 9) c;
   CREATE TABLE st_child (id bigint PRIMARY KEY,
                          pid int NOT NULL REFERENCES st_parent ON DELETE CASCADE);
   CREATE INDEX st_child_pid ON st_child (pid);
   CREATE TABLE st_incr (pid int NOT NULL);
   CREATE TABLE st_t (id int PRIMARY KEY, grp int NOT NULL, tag int NOT NULL, n int NOT NULL);
   CREATE INDEX st_t_grp ON st_t (grp);
   CREATE INDEX st_t_tag ON st_t (tag);
   INSERT INTO st_t SELECT i, i % 5, 0, 0 FROM generate_series(1, 40) i;
   CREATE TABLE st_g (grp int NOT NULL, w int NOT NULL);
   INSERT INTO st_g SELECT g, 0 FROM generate_series(0, 4) g;
   INSERT INTO st_g VALUES (2, 100), (3, 100);
   CREATE TABLE st_tlog (k int);
   CREATE TABLE st_sp (id int PRIMARY KEY, what text NOT NULL);
   CREATE TABLE st_spc (k int PRIMARY KEY, n int NOT NULL);
   INSERT INTO st_spc SELECT k, 0 FROM generate_series(1, 8) k;
" || { fail "setup"; exit 1; }

# ---------------------------------------------------------------- transfers
# transfer.sql locks in key order (lo, then hi); transfer2.sql locks its two
# rows in scan order and transfer_rr.sql in random order, so they may
# deadlock, and REPEATABLE READ fails with 40001 on a concurrently updated
# row: pgbench retries both.
cat >"$dir/transfer.sql" <<'EOF'
\set a random(1, 60)
\set b random(1, 60)
\set lo least(:a, :b)
\set hi greatest(:a, :b)
\set amt random(1, 50)
\set g random(0, 6)
BEGIN;
UPDATE st_acct SET bal = bal - :amt WHERE id = :lo;
UPDATE st_acct SET bal = bal + :amt WHERE id = :hi;
COMMIT;
EOF
# sometimes the indexed column changes too (non-HOT), in one statement over two rows
cat >"$dir/transfer2.sql" <<'EOF'
\set a random(1, 59)
\set amt random(1, 50)
\set g random(0, 6)
UPDATE st_acct SET bal = bal + CASE WHEN id = :a THEN -:amt ELSE :amt END,
                   grp = CASE WHEN id = :a THEN :g ELSE grp END
 WHERE id IN (:a, :a + 1);
EOF
cat >"$dir/readers.sql" <<'EOF'
SELECT sum(bal) AS s FROM st_acct \gset
\if :s != 60000
SELECT 1/0 AS "total not conserved in a snapshot";
\endif
SELECT count(*) AS c FROM st_acct WHERE grp BETWEEN 0 AND 6 \gset
\if :c != 60
SELECT 1/0 AS "index scan saw a wrong number of rows";
\endif
EOF
cat >"$dir/cic.sql" <<'EOF'
\sleep 300 ms
CREATE INDEX CONCURRENTLY st_acct_bal ON st_acct (bal, id);
EOF
cat >"$dir/transfer_rr.sql" <<'EOF'
\set a random(1, 60)
\set amt random(1, 50)
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE st_acct SET bal = bal - :amt WHERE id = :a;
UPDATE st_acct SET bal = st_acct.bal + :amt FROM st_acct b WHERE st_acct.id = 61 - :a AND b.id = :a;
COMMIT;
EOF
run_bench transfers -c 2 -j 2 -T "$DUR" --max-tries 1000 -f "$dir/transfer.sql"
run_bench "transfers (REPEATABLE READ, retried)" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/transfer_rr.sql"
run_bench "transfers (non-HOT)" -c 2 -j 2 -T "$DUR" --max-tries 1000 -f "$dir/transfer2.sql"
run_bench "transfer readers" -c 1 -T "$DUR" -f "$dir/readers.sql"
run_bench "vacuum during transfers" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/vacuum.sql"
run_bench "create index concurrently" -c 1 -t 1 -f "$dir/cic.sql"
wait_benches
expect "transfers: total conserved" 60000 "SELECT sum(bal) FROM st_acct"
expect "transfers: 60 accounts" 60 "SELECT count(*) FROM st_acct"
scans_agree "transfers" st_acct id "id, grp, bal"
expect "transfers: secondary index scan sees every row" 60 \
    "SET enable_seqscan = off; SELECT count(*) FROM st_acct WHERE grp >= 0"
expect "transfers: concurrently built index sees every row" 60000 \
    "SET enable_seqscan = off; SET enable_bitmapscan = off; SELECT sum(bal) FROM st_acct WHERE bal > -1000000"
# The concurrently built index failed these checks about once in 30-40 runs
# until commit published its catalog changes before releasing its locks: a
# VACUUM waiting for the table lock that CREATE INDEX CONCURRENTLY held in
# one of its phases got it with a stale cache, did not clean the new index,
# and freed line pointers that the index's entries still named (utils/cache
# README; 40 of 40 runs since).
verify_index st_acct_pkey
verify_index st_acct_grp
verify_index st_acct_bal

# -------------------------------------------------------------------- locks
# Parents 1..10 are never deleted; their v counts the increments in st_incr.
# Parents 11..30 are deleted (cascading to children) and re-inserted.
cat >"$dir/incr_update.sql" <<'EOF'
\set p random(1, 10)
BEGIN;
UPDATE st_parent SET v = v + 1 WHERE id = :p;
INSERT INTO st_incr VALUES (:p);
COMMIT;
EOF
cat >"$dir/incr_forupdate.sql" <<'EOF'
\set p random(1, 10)
BEGIN;
SELECT v FROM st_parent WHERE id = :p FOR UPDATE \gset
UPDATE st_parent SET v = :v + 1 WHERE id = :p;
INSERT INTO st_incr VALUES (:p);
COMMIT;
EOF
# FOR UPDATE OF one table of a join whose other table (st_ids) the FK
# children script updates meanwhile
cat >"$dir/incr_forupdate_join.sql" <<'EOF'
\set p random(1, 10)
BEGIN;
SELECT p.v FROM st_parent p JOIN st_ids i ON i.c = p.id % 10 WHERE p.id = :p FOR UPDATE OF p \gset
UPDATE st_parent SET v = :v + 1 WHERE id = :p;
INSERT INTO st_incr VALUES (:p);
COMMIT;
EOF
cat >"$dir/sharers.sql" <<'EOF'
\set p random(1, 30)
\set q random(1, 30)
BEGIN;
SELECT id FROM st_parent WHERE id = :p FOR SHARE;
SELECT id FROM st_parent WHERE id = :q FOR KEY SHARE;
\sleep 2 ms
COMMIT;
EOF
cat >"$dir/children.sql" <<'EOF'
\set p random(1, 30)
UPDATE st_ids SET n = n + 1 WHERE c = :client_id RETURNING n \gset
INSERT INTO st_child SELECT :client_id * 1000000000::bigint + :n, id FROM st_parent WHERE id = :p FOR KEY SHARE;
EOF
cat >"$dir/churn.sql" <<'EOF'
\set p random(11, 30)
DELETE FROM st_parent WHERE id = :p;
\set r random(11, 30)
INSERT INTO st_parent SELECT :r, 0 WHERE NOT EXISTS (SELECT 1 FROM st_parent WHERE id = :r);
EOF
# the churn's re-insert may collide with another client's (unique violation),
# so the churn runs in one client only; it is the only inserter of parents.
run_bench "locks: increments (UPDATE)" -c 2 -j 2 -T "$DUR" -f "$dir/incr_update.sql"
run_bench "locks: increments (FOR UPDATE)" -c 2 -j 2 -T "$DUR" -f "$dir/incr_forupdate.sql"
run_bench "locks: increments (FOR UPDATE OF over a join)" -c 1 -T "$DUR" -f "$dir/incr_forupdate_join.sql"
run_bench "locks: FOR SHARE / FOR KEY SHARE" -c 2 -j 2 -T "$DUR" -f "$dir/sharers.sql"
run_bench "locks: FK children" -c 2 -j 2 -T "$DUR" -f "$dir/children.sql"
run_bench "locks: parent delete and insert" -c 1 -T "$DUR" -f "$dir/churn.sql"
run_bench "vacuum during locks" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/vacuum.sql"
wait_benches
expect "locks: no orphan children" 0 \
    "SELECT count(*) FROM st_child c WHERE NOT EXISTS (SELECT 1 FROM st_parent p WHERE p.id = c.pid)"
expect "locks: no lost increments" "" \
    "SELECT string_agg(p.id::text, ',') FROM st_parent p
      WHERE p.id <= 10 AND p.v <> (SELECT count(*) FROM st_incr i WHERE i.pid = p.id)"
expect "locks: stable parents present" 10 "SELECT count(*) FROM st_parent WHERE id <= 10"
scans_agree "locks: parents" st_parent id "id, v"
scans_agree "locks: children" st_child id "id, pid"
verify_index st_parent_pkey
verify_index st_child_pid

# --------------------------------------------------------------------- join
# st_g has every group 0..4, groups 2 and 3 twice: the join matches each st_t
# row once or twice, and each statement must still update each row of its
# group once, re-checking rows that movers changed meanwhile (their indexed
# column tag: non-HOT updates) and joined rows that changed.  The join key
# grp itself stays put: a row whose join key changes may rightly be skipped
# by a statement that already had its snapshot (so it is in PostgreSQL).
# Statements over overlapping row sets may deadlock; pgbench retries those.
cat >"$dir/join_update.sql" <<'EOF'
\set x random(0, 4)
BEGIN;
UPDATE st_t SET n = n + 1 FROM st_g WHERE st_t.grp = st_g.grp AND st_g.grp = :x;
INSERT INTO st_tlog VALUES (:x);
COMMIT;
EOF
cat >"$dir/join_update_sub.sql" <<'EOF'
\set x random(0, 4)
BEGIN;
UPDATE st_t SET n = n + 1 FROM (SELECT DISTINCT grp FROM st_g) g
 WHERE st_t.grp = g.grp AND g.grp IN (:x, (:x + 1) % 5) AND st_t.id > 0;
INSERT INTO st_tlog VALUES (:x), ((:x + 1) % 5);
COMMIT;
EOF
cat >"$dir/join_mover.sql" <<'EOF'
\set i random(1, 40)
\set g random(0, 100)
UPDATE st_t SET tag = :g WHERE id = :i;
\set h random(0, 4)
UPDATE st_g SET w = w + 1 WHERE grp = :h;
EOF
cat >"$dir/join_ios_reader.sql" <<'EOF'
\set x random(0, 4)
SET enable_seqscan = off;
SELECT count(*) AS c FROM st_t WHERE grp = :x \gset
\if :c != 8
SELECT 1/0 AS "an index-only scan counted a wrong number of rows";
\endif
EOF
# (an index-only scan that trusted the visibility map counted too many rows
# here in about 1 run in 4, until VACUUM's index bulk delete waited for the
# scan's pin on the leaf page it was returning entries from and went on to
# index pages added by splits meanwhile; test/protocol/test_index_only_vacuum.py)
run_bench "join: index-only scan readers" -c 1 -T "$DUR" -f "$dir/join_ios_reader.sql"
run_bench "join: UPDATE FROM" -c 2 -j 2 -T "$DUR" --max-tries 1000 -f "$dir/join_update.sql"
run_bench "join: UPDATE FROM subquery" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/join_update_sub.sql"
run_bench "join: movers" -c 2 -j 2 -T "$DUR" --max-tries 1000 -f "$dir/join_mover.sql"
run_bench "vacuum during joins" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/vacuum.sql"
wait_benches
# This check failed once in ~30 runs (36 of 40 rows off) while VACUUM's
# index bulk delete could miss entries moved by a concurrent page split to a
# page added after it started: such an entry outlived its row version, the
# line pointer was reused by another row's version, and an index scan by the
# old key (no recheck of btree conditions, as in PostgreSQL) returned that
# row to the wrong group's UPDATE.
expect "join: each row updated once per statement" "" \
    "SELECT string_agg(t.id::text, ',') FROM st_t t
      WHERE t.n <> (SELECT count(*) FROM st_tlog l WHERE l.k = t.grp)"
if [ "$failures" -gt 0 ]; then
    q "SELECT 'row ' || id || ' grp ' || grp || ' n ' || n || ' statements ' ||
              (SELECT count(*) FROM st_tlog l WHERE l.k = t.grp) FROM st_t t ORDER BY id LIMIT 12"
fi
scans_agree "join" st_t id "id, grp, tag, n"
verify_index st_t_grp
verify_index st_t_tag

# ---------------------------------------------------------------- savepoint
cat >"$dir/savepoint.sql" <<'EOF'
\set k random(1, 8)
\set k2 random(1, 8)
BEGIN;
UPDATE st_spc SET n = n + 1 WHERE k = :k RETURNING :k * 1000000 + n AS id \gset
INSERT INTO st_sp VALUES (:id, 'keep');
SAVEPOINT a;
INSERT INTO st_sp VALUES (-:id, 'gone');
UPDATE st_spc SET n = n + 1000 WHERE k = :k2;
ROLLBACK TO SAVEPOINT a;
SAVEPOINT b;
UPDATE st_spc SET n = n + 100 WHERE k = :k;
SELECT k FROM st_spc WHERE k = :k2 FOR UPDATE;
RELEASE SAVEPOINT b;
SAVEPOINT c;
UPDATE st_spc SET n = n - 100 WHERE k = :k;
SAVEPOINT d;
DELETE FROM st_sp WHERE id = :id;
ROLLBACK TO SAVEPOINT d;
COMMIT;
EOF
# a reader that locks rows inside a savepoint and rolls back: the locks must go
cat >"$dir/savepoint_lock.sql" <<'EOF'
\set k random(1, 8)
BEGIN;
SAVEPOINT s;
SELECT k FROM st_spc WHERE k = :k FOR UPDATE;
ROLLBACK TO SAVEPOINT s;
SELECT n FROM st_spc WHERE k = :k FOR KEY SHARE;
COMMIT;
EOF
run_bench "savepoints" -c 3 -j 3 -T "$DUR" --max-tries 1000 -f "$dir/savepoint.sql"
run_bench "savepoint locks" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/savepoint_lock.sql"
run_bench "vacuum during savepoints" -c 1 -T "$DUR" --max-tries 1000 -f "$dir/vacuum.sql"
wait_benches
expect "savepoint: rolled-back rows invisible" 0 "SELECT count(*) FROM st_sp WHERE what <> 'keep' OR id < 0"
expect "savepoint: counters exact" 0 \
    "SELECT (SELECT sum(n) FROM st_spc) - (SELECT count(*) FROM st_sp)"
scans_agree "savepoint" st_sp id "id, what"
expect "savepoint: no row left locked" 8 \
    "SELECT count(*) FROM (SELECT k FROM st_spc FOR UPDATE NOWAIT) s"

q "SET client_min_messages = warning;
   DROP TABLE st_acct, st_child, st_parent, st_incr, st_t, st_g, st_tlog, st_sp, st_spc, st_ids" || fail "cleanup"
echo "# $failures failure(s)"
[ "$failures" -eq 0 ]
