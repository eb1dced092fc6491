#!/bin/bash
# recheck_join.sh -- READ COMMITTED re-check over joins (PostgreSQL's
# EvalPlanQual): UPDATE ... FROM, DELETE ... USING and SELECT ... FOR
# UPDATE over a join that meet a row updated by a concurrent transaction
# wait for it, then re-evaluate the statement on the row's newest version
# with the same rows of the other tables: a row that still qualifies is
# changed once, with values computed from the new version; one that no
# longer qualifies is skipped.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

reset() {
    ctl "DROP TABLE IF EXISTS iso_acc, iso_chg;
         CREATE TABLE iso_acc (id int PRIMARY KEY, bal int);
         CREATE TABLE iso_chg (acc int, amount int);
         INSERT INTO iso_acc VALUES (1, 100), (2, 200), (3, 300);
         INSERT INTO iso_chg VALUES (1, 10), (2, 20), (3, 30);"
}
balances() {
    ctl "SELECT string_agg(id || ':' || bal, ' ' ORDER BY id) FROM iso_acc"
}
sess_open A
sess_open B

# UPDATE ... FROM: row 1 still qualifies (updated once, from 101), row 2
# no longer does (skipped), row 3 was not touched
reset
step A "BEGIN;"
step A "UPDATE iso_acc SET bal = bal + 1 WHERE id = 1;"
step A "UPDATE iso_acc SET bal = 0 WHERE id = 2;"
step_start B "UPDATE iso_acc a SET bal = a.bal + c.amount FROM iso_chg c
              WHERE a.id = c.acc AND a.bal > 50;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "UPDATE 2"
[ "$(balances)" = "1:111 2:0 3:330" ] || iso_fail "UPDATE FROM re-check: $(balances)"

# UPDATE ... FROM a subquery only (the target is the one base relation of
# the join): re-checked the same way, not a serialization failure
reset
step A "BEGIN;"
step A "UPDATE iso_acc SET bal = bal + 1 WHERE id = 1;"
step A "UPDATE iso_acc SET bal = 0 WHERE id = 2;"
step_start B "UPDATE iso_acc a SET bal = a.bal + c.amount
              FROM (SELECT DISTINCT acc, amount FROM iso_chg) c
              WHERE a.id = c.acc AND a.bal > 50;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "UPDATE 2"
[ "$(balances)" = "1:111 2:0 3:330" ] || iso_fail "UPDATE FROM subquery re-check: $(balances)"

# DELETE ... USING: the concurrent update makes row 1 fail the condition
reset
step A "BEGIN;"
step A "UPDATE iso_acc SET bal = 5 WHERE id = 1;"
step A "UPDATE iso_acc SET bal = bal + 1 WHERE id = 2;"
step_start B "DELETE FROM iso_acc a USING iso_chg c WHERE a.id = c.acc AND a.bal > 50 AND c.amount < 25;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "DELETE 1"
[ "$(balances)" = "1:5 3:300" ] || iso_fail "DELETE USING re-check: $(balances)"

# SELECT ... FOR UPDATE over a join: the newest version is returned (or
# skipped); a locked row of the other table updated meanwhile is re-read
reset
step A "BEGIN;"
step A "UPDATE iso_acc SET bal = bal + 5 WHERE id = 1;"
step A "UPDATE iso_acc SET bal = 1 WHERE id = 2;"
step A "UPDATE iso_chg SET amount = 33 WHERE acc = 3;"
step_start B "SELECT a.id, a.bal, c.amount FROM iso_acc a JOIN iso_chg c ON a.id = c.acc
              WHERE a.bal > 50 ORDER BY a.id FOR UPDATE;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "1|105|10
3|300|33"

# FOR UPDATE OF one table only: the other table's row stays as it was read
reset
step B "BEGIN;"
step A "BEGIN;"
step A "UPDATE iso_acc SET bal = bal + 7 WHERE id = 3;"
step_start B "SELECT a.id, a.bal, c.amount FROM iso_acc a JOIN iso_chg c ON a.id = c.acc
              WHERE c.amount > 25 FOR UPDATE OF a;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "3|307|30"
step B "COMMIT;"

sess_close A
sess_close B
ctl "DROP TABLE iso_acc, iso_chg"
