#!/bin/bash
# pgbench_test.sh -- unmodified pgbench against the scratch server (env from
# scripts/run-protocol.sh: PGHOST, PGPORT, PGUSER, PGDATABASE):
#   - `pgbench -i -I dtg` (no keys, client-side COPY) and `-I dtgp` (keys) initialise,
#   - tpcb-like runs in simple, extended and prepared mode with zero failed
#     transactions,
#   - afterwards pgbench's balance invariants hold: the sum of
#     pgbench_accounts.abalance, of pgbench_tellers.tbalance and of
#     pgbench_branches.bbalance each equal the sum of pgbench_history.delta,
#   - concurrent increments of one row lose nothing and leave one version,
#   - concurrent INSERT ... ON CONFLICT of the same keys: no 23505, exact counts.
set -u
failures=0
ok() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
q() { psql -X -q -t -A -c "$1"; }

check_run() {   # label, pgbench args...
    local label=$1
    shift
    local out
    out=$(pgbench "$@" 2>&1)
    local rc=$?
    local done_tx failed_tx
    done_tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    failed_tx=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
    if [ "$rc" -eq 0 ] && [ -n "$done_tx" ] && [ "$done_tx" -gt 0 ] && [ "${failed_tx:-0}" = 0 ]; then
        ok "$label: $done_tx transactions, 0 failed"
    else
        fail "$label: rc $rc, processed '${done_tx:-?}', failed '${failed_tx:-?}'"
        echo "$out" | tail -5 | sed 's/^/    | /'
    fi
}

check_invariants() {   # label
    local label=$1 h a t b
    h=$(q "SELECT coalesce(sum(delta), 0) FROM pgbench_history")
    a=$(q "SELECT sum(abalance) FROM pgbench_accounts")
    t=$(q "SELECT sum(tbalance) FROM pgbench_tellers")
    b=$(q "SELECT sum(bbalance) FROM pgbench_branches")
    if [ -n "$h" ] && [ "$a" = "$h" ] && [ "$t" = "$h" ] && [ "$b" = "$h" ]; then
        ok "$label: balances agree with history (sum delta = $h)"
    else
        fail "$label: history $h, accounts $a, tellers $t, branches $b"
    fi
}

if pgbench -i -I dtg -s 1 -q >/dev/null 2>&1; then ok "pgbench -i -I dtg -s 1"; else fail "pgbench -i -I dtg -s 1"; fi
# -n: no vacuum/truncate of pgbench_history before a run, so history keeps
# every transaction since the initialisation and the invariants are exact.
check_run "tpcb-like without keys" -n -c 4 -j 2 -t 50
check_invariants "without keys"

if pgbench -i -I dtgp -s 2 -q >/dev/null 2>&1; then ok "pgbench -i -I dtgp -s 2"; else fail "pgbench -i -I dtgp -s 2"; fi
# plain `pgbench -i` (with its VACUUM step) must work too; it is re-initialised right after
if pgbench -i -s 1 -q >/dev/null 2>&1; then ok "pgbench -i -s 1 (default steps, with vacuum)"; else fail "pgbench -i -s 1"; fi
if pgbench -i -I dtgp -s 2 -q >/dev/null 2>&1; then ok "pgbench -i -I dtgp -s 2 (again)"; else fail "pgbench -i -I dtgp -s 2 (again)"; fi
check_run "tpcb-like, simple protocol" -n -c 4 -j 2 -T 5
check_run "tpcb-like, extended protocol" -n -M extended -c 4 -j 2 -T 5
check_run "tpcb-like, prepared" -n -M prepared -c 4 -j 2 -T 5
check_run "select-only, prepared" -n -S -M prepared -c 4 -j 2 -T 3
check_invariants "with keys, three protocols"

# Lost updates: 4 clients increment the same row 1000 times each (every
# UPDATE waits for and re-checks the previous one, READ COMMITTED), with a
# primary key (HOT updates) and without indexes.
script=$(mktemp /tmp/rdbpgbench.XXXXXX)
echo "UPDATE pgb_counter SET v = v + 1 WHERE id = 1;" >"$script"
for keyed in "PRIMARY KEY" ""; do
    q "SET client_min_messages = warning; DROP TABLE IF EXISTS pgb_counter; CREATE TABLE pgb_counter (id int $keyed, v int);
       INSERT INTO pgb_counter VALUES (1, 0), (2, 0)"
    check_run "one hot row${keyed:+ ($keyed)}" -n -c 4 -j 4 -t 1000 -f "$script"
    got=$(q "SELECT string_agg(v::text, ',') FROM pgb_counter WHERE id = 1")
    if [ "$got" = 4000 ]; then ok "one hot row${keyed:+ ($keyed)}: 4000 increments, one version"
    else fail "one hot row${keyed:+ ($keyed)}: wanted 4000, got '$got'"; fi
done
rm -f "$script"
q "DROP TABLE pgb_counter"

# INSERT ... ON CONFLICT under contention (executor README, "INSERT ... ON
# CONFLICT"): 4 clients upsert random keys 1..10 (DO UPDATE counters), and
# all 4 upsert the key of the current 5 ms time slot, so that most keys are
# first proposed by several clients at once (the speculative insertion
# race: losers super-delete their tuple and start over).  No error (23505
# would abort a client), every increment counted, one version per key.
script=$(mktemp /tmp/rdbpgbench.XXXXXX)
q "SET client_min_messages = warning; DROP TABLE IF EXISTS pgb_ups, pgb_slot, pgb_slot_dn;
   CREATE TABLE pgb_ups (k int PRIMARY KEY, n int);
   CREATE TABLE pgb_slot (k bigint PRIMARY KEY, n int);
   CREATE TABLE pgb_slot_dn (k bigint PRIMARY KEY, c int)"
printf '%s\n' '\set k random(1, 10)' \
    'INSERT INTO pgb_ups VALUES (:k, 1) ON CONFLICT (k) DO UPDATE SET n = pgb_ups.n + 1;' >"$script"
out=$(pgbench -n -c 4 -j 4 -T 4 -f "$script" 2>&1)
done_tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
failed_tx=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
got=$(q "SELECT sum(n) || '/' || count(*) || '/' || count(DISTINCT k) FROM pgb_ups")
if [ -n "$done_tx" ] && [ "${failed_tx:-0}" = 0 ] && [ "$got" = "$done_tx/10/10" ]; then
    ok "upsert counters on 10 keys: $done_tx transactions, sum/rows/keys $got"
else
    fail "upsert counters: processed '${done_tx:-?}', failed '${failed_tx:-?}', sum/rows/keys '$got'"
    echo "$out" | tail -5 | sed 's/^/    | /'
fi
printf '%s\n' 'INSERT INTO pgb_slot VALUES ((extract(epoch FROM clock_timestamp()) * 200)::bigint, 1) ON CONFLICT (k) DO UPDATE SET n = pgb_slot.n + 1;' \
    'INSERT INTO pgb_slot_dn VALUES ((extract(epoch FROM clock_timestamp()) * 200)::bigint, 1) ON CONFLICT DO NOTHING;' >"$script"
out=$(pgbench -n -c 4 -j 4 -T 4 -f "$script" 2>&1)
done_tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
failed_tx=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
got=$(q "SELECT (SELECT sum(n) FROM pgb_slot) || '/' ||
                (SELECT count(*) - count(DISTINCT k) FROM pgb_slot) || '/' ||
                (SELECT count(*) - count(DISTINCT k) FROM pgb_slot_dn)")
if [ -n "$done_tx" ] && [ "${failed_tx:-0}" = 0 ] && [ "$got" = "$done_tx/0/0" ]; then
    ok "upsert of fresh keys from 4 clients at once: $done_tx transactions, no duplicates"
else
    fail "upsert of fresh keys: processed '${done_tx:-?}', failed '${failed_tx:-?}', sum/dups '$got'"
    echo "$out" | tail -5 | sed 's/^/    | /'
fi
rm -f "$script"
q "DROP TABLE pgb_ups, pgb_slot, pgb_slot_dn"

echo "# $failures failure(s)"
[ "$failures" -eq 0 ]
