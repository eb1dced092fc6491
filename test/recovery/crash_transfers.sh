#!/bin/bash
# crash_transfers.sh BINDIR SCRATCH -- kill -9 under load, restart, verify.
#
# Several clients run transfer transactions (debit one account, credit
# another, append a ledger row) and print "ack N" only after COMMIT
# returned.  At a random moment the postmaster and every child are killed
# with SIGKILL; the instance is restarted (crash recovery) and checked:
#   - every acknowledged transfer is in the ledger (no acknowledged commit lost),
#   - the balances sum to the initial total (no partial transaction),
#   - each account's balance equals its initial balance plus the ledger's
#     net effect on it (ledger and balances agree),
#   - every B-tree index passes rustydb_verify_index's full check (order,
#     links, and every visible row reachable through the index).
# CYCLES (default 20) crash/restart cycles run in one test.
set -euo pipefail
BINDIR=$1
SCRATCH=$2
CYCLES=${CYCLES:-20}
CLIENTS=${CLIENTS:-4}
ACCOUNTS=50
INITIAL=1000
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/instance-lib.sh"

inst="$SCRATCH/instance"
port=$(free_port)
# On any exit, leave no server behind: a stray one would keep writing into
# the instance directory the next run reuses.
cleanup() {
    local pm
    pm=$(cat "$inst/test.pid" 2>/dev/null) || return 0
    kill_postmaster_tree "$pm"
}
trap cleanup EXIT
start_instance "$inst" "$port"
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE TABLE accounts (id int NOT NULL, balance int NOT NULL)"
q -c "CREATE TABLE ledger (tx int NOT NULL, client int NOT NULL, src int NOT NULL, dst int NOT NULL, amount int NOT NULL)"
q -c "INSERT INTO accounts SELECT g, $INITIAL FROM generate_series(1, $ACCOUNTS) g"
# Indexed tables: every crash cycle must also leave the B-trees consistent.
q -c "CREATE UNIQUE INDEX accounts_id ON accounts (id)"
q -c "CREATE UNIQUE INDEX ledger_tx ON ledger (tx)"
q -c "CREATE INDEX ledger_src ON ledger (src)"

next_tx=1
acked="$SCRATCH/acked.txt"
: >"$acked"

# client_script CLIENT FIRST_TX COUNT -- a psql script of COUNT transfers.
# A transfer that fails (serialization failure until READ COMMITTED
# re-checks newer row versions, deadlock) is rolled back by its COMMIT and
# not acknowledged: psql's ERROR variable is checked after each statement.
client_script() {
    local c=$1 first=$2 count=$3
    for ((i = 0; i < count; i++)); do
        local tx=$((first + i))
        local src=$(( (RANDOM % ACCOUNTS) + 1 )) dst=$(( (RANDOM % ACCOUNTS) + 1 )) amt=$(( (RANDOM % 50) + 1 ))
        local stmts=("UPDATE accounts SET balance = balance - $amt WHERE id = $src;"
                     "UPDATE accounts SET balance = balance + $amt WHERE id = $dst;"
                     "INSERT INTO ledger VALUES ($tx, $c, $src, $dst, $amt);")
        echo "\\set failed 0"
        echo "BEGIN;"
        for s in "${stmts[@]}"; do
            echo "$s"
            printf '%s\n' '\if :ERROR' '\set failed 1' '\endif'
        done
        echo "COMMIT;"
        printf '%s\n' '\if :ERROR' '\set failed 1' '\endif'
        printf '%s\n' '\if :failed' '\else' "\\echo ack $tx" '\endif'
    done
}

for ((cycle = 1; cycle <= CYCLES; cycle++)); do
    pids=()
    for ((c = 1; c <= CLIENTS; c++)); do
        client_script "$c" "$next_tx" 400 >"$SCRATCH/client$c.sql"
        next_tx=$((next_tx + 400))
        (psql -X -q -f "$SCRATCH/client$c.sql" 2>/dev/null | grep '^ack ' >>"$acked" || true) &
        pids+=($!)
    done
    # Checkpoints during the load: a crash then recovers from a redo point
    # inside the workload, with full-page images after it.
    (for _ in 1 2 3; do q -c "CHECKPOINT" >/dev/null 2>&1 || true; sleep 0.1; done) &
    pids+=($!)
    sleep "0.$(( (RANDOM % 9) + 1 ))"
    # kill -9 the postmaster and every server process at once.  Stop the
    # postmaster first so that it cannot fork a child we would miss (an
    # orphaned backend would keep running against the old shared memory).
    pm=$(cat "$inst/test.pid")
    kill_postmaster_tree "$pm"
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    sleep 0.2
    rm -f "$inst/postmaster.pid"
    start_instance "$inst" "$port"

    total=$(q -c "SELECT sum(balance) FROM accounts")
    if [ "$total" != "$((ACCOUNTS * INITIAL))" ]; then
        echo "cycle $cycle: balances sum to $total, expected $((ACCOUNTS * INITIAL))"; exit 1
    fi
    q -c "SELECT tx FROM ledger" | sort >"$SCRATCH/ledger.txt"
    sed 's/^ack //' "$acked" | sort >"$SCRATCH/acked.sorted"
    missing=$(comm -23 "$SCRATCH/acked.sorted" "$SCRATCH/ledger.txt" | head -5)
    if [ -n "$missing" ]; then
        echo "cycle $cycle: acknowledged transfers missing after recovery: $missing"; exit 1
    fi
    bad=$(q -c "SELECT count(*) FROM accounts a WHERE a.balance <> $INITIAL
                 - coalesce((SELECT sum(amount) FROM ledger WHERE src = a.id), 0)
                 + coalesce((SELECT sum(amount) FROM ledger WHERE dst = a.id), 0)")
    if [ "$bad" != "0" ]; then
        echo "cycle $cycle: $bad accounts disagree with the ledger"; exit 1
    fi
    # full check: ordering, links, and every visible heap row reachable through each index
    for idx in accounts_id ledger_tx ledger_src; do
        v=$(q -c "SELECT rustydb_verify_index('$idx', true)") || { echo "cycle $cycle: index $idx: $v"; exit 1; }
        if [ "$v" != "ok" ]; then echo "cycle $cycle: index $idx: $v"; exit 1; fi
    done
    echo "cycle $cycle: ok ($(wc -l <"$SCRATCH/acked.sorted") acknowledged, $(wc -l <"$SCRATCH/ledger.txt") in ledger)"
done
stop_instance "$inst" INT
trap - EXIT
echo "crash_transfers: $CYCLES cycles passed"
