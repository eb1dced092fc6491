#!/bin/bash
# deadlock.sh -- A updates row 1 then row 2, B updates row 2 then row 1:
# after deadlock_timeout exactly one of them gets 40P01 "deadlock detected"
# with a DETAIL naming the processes ("Process N waits for ..."), and the
# other one's update then goes through.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_dl; CREATE TABLE iso_dl (id int, v int);
     INSERT INTO iso_dl VALUES (1, 0), (2, 0);"
sess_open A
sess_open B

step A "BEGIN;"
step A "UPDATE iso_dl SET v = v + 1 WHERE id = 1;"
step B "BEGIN;"
step B "UPDATE iso_dl SET v = v + 1 WHERE id = 2;"
step_start A "UPDATE iso_dl SET v = v + 1 WHERE id = 2;"
wait_blocked A
step_start B "UPDATE iso_dl SET v = v + 1 WHERE id = 1;"
step_wait A
step_wait B
victims=0
for s in A B; do
    if grep -q "40P01" <<<"${ISO_LAST[$s]}"; then
        victims=$((victims + 1))
        expect "$s" "^ERROR:  40P01: deadlock detected$"
        expect "$s" "^DETAIL:  Process [0-9]+ waits for .*; blocked by process [0-9]+\."
        expect "$s" "Process ${ISO_BACKEND[A]} waits for"
        expect "$s" "Process ${ISO_BACKEND[B]} waits for"
    else
        expect_exact "$s" "UPDATE 1"
    fi
done
[ "$victims" = 1 ] || iso_fail "$victims deadlock victims, want exactly 1"
step A "COMMIT;"
step B "COMMIT;"
# the survivor committed both of its updates, the victim none
[ "$(ctl "SELECT sum(v) FROM iso_dl")" = 2 ] || iso_fail "sum is $(ctl "SELECT sum(v) FROM iso_dl"), want 2"

sess_close A
sess_close B
ctl "DROP TABLE iso_dl"
