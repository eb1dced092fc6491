#!/bin/bash
# hot_chains.sh -- heap-only (HOT) updates under concurrency (READ
# COMMITTED unless said otherwise):
#   - a waiter on a row HOT-updated by another session re-checks the newest
#     version, a heap-only tuple reached through the index's chain root,
#     and applies its increment to it (no lost update);
#   - a unique check meets the key through the chain while the HOT update
#     is in progress, waits for it, then reports 23505;
#   - a REPEATABLE READ snapshot keeps seeing its version through the index
#     while other sessions HOT-update the row many times and VACUUM runs
#     (recently dead members survive pruning); afterwards every index
#     passes the full verification.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_hot; CREATE TABLE iso_hot (id int PRIMARY KEY, balance int);
     INSERT INTO iso_hot SELECT g, 0 FROM generate_series(1, 10) g;"
sess_open A
sess_open B

step A "BEGIN;"
step A "UPDATE iso_hot SET balance = balance + 1 WHERE id = 1;"
expect_exact A "UPDATE 1"
step B "BEGIN;"
step_start B "UPDATE iso_hot SET balance = balance + 1 WHERE id = 1;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "UPDATE 1"
step B "COMMIT;"
[ "$(ctl "SELECT balance FROM iso_hot WHERE id = 1")" = 2 ] ||
    iso_fail "balance is $(ctl "SELECT balance FROM iso_hot WHERE id = 1"), want 2"

# unique check through a chain whose newest member is not committed yet
step A "BEGIN;"
step A "UPDATE iso_hot SET balance = balance + 1 WHERE id = 2;"
step_start B "INSERT INTO iso_hot VALUES (2, 0);"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "23505"

# an old snapshot through the index while the row's chain grows and is pruned
step A "BEGIN ISOLATION LEVEL REPEATABLE READ;"
step A "SELECT balance FROM iso_hot WHERE id = 3;"
expect_exact A "0"
for i in $(seq 1 200); do
    ctl "UPDATE iso_hot SET balance = balance + 1 WHERE id = 3" >/dev/null
done
ctl "VACUUM iso_hot" >/dev/null
step A "SELECT balance FROM iso_hot WHERE id = 3;"
expect_exact A "0"
step A "COMMIT;"
[ "$(ctl "SELECT balance FROM iso_hot WHERE id = 3")" = 200 ] ||
    iso_fail "balance of 3 is $(ctl "SELECT balance FROM iso_hot WHERE id = 3"), want 200"
ctl "VACUUM iso_hot" >/dev/null
[ "$(ctl "SELECT balance FROM iso_hot WHERE id = 3")" = 200 ] || iso_fail "row 3 lost by VACUUM"
ctl "SELECT rustydb_stat_flush()" >/dev/null
[ "$(ctl "SELECT n_tup_hot_upd > 100 FROM pg_stat_user_tables WHERE relname = 'iso_hot'")" = t ] ||
    iso_fail "updates were not HOT: $(ctl "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'iso_hot'")"
[ "$(ctl "SELECT rustydb_verify_index('iso_hot_pkey', true)")" = ok ] || iso_fail "index check"

sess_close A
sess_close B
ctl "DROP TABLE iso_hot"
