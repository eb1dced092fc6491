#!/bin/bash
# pgbench_test.sh -- unmodified pgbench against the scratch server (env from
# scripts/run-protocol.sh: PGHOST, PGPORT, PGUSER, PGDATABASE):
#   - `pgbench -i -I dtg` (no keys, client-side COPY) and `-I dtgp` (keys) initialise,
#   - tpcb-like runs in simple, extended and prepared mode with zero failed
#     transactions,
#   - afterwards pgbench's balance invariants hold: the sum of
#     pgbench_accounts.abalance, of pgbench_tellers.tbalance and of
#     pgbench_branches.bbalance each equal the sum of pgbench_history.delta,
#   - concurrent increments of one row lose nothing and leave one version.
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

echo "# $failures failure(s)"
[ "$failures" -eq 0 ]
