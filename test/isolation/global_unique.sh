#!/bin/bash
# global_unique.sh -- a PRIMARY KEY that ALTER TABLE ... PARTITION BY kept
# although it lacks the partition key (executor/execPartition.c) is
# enforced across partitions under concurrency: two sessions inserting the
# same id into different partitions -- the second waits for the first and
# gets 23505 exactly when the first commits; a rolled-back first insert or
# a committed delete lets the second one in.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_gu;
     CREATE TABLE iso_gu (id int PRIMARY KEY, d date NOT NULL);
     INSERT INTO iso_gu SELECT g, DATE '2024-01-01' + g FROM generate_series(1, 50) g;
     ALTER TABLE iso_gu PARTITION BY RANGE (d) (
         PARTITION iso_gu_2024 VALUES LESS THAN ('2025-01-01'),
         PARTITION iso_gu_2025 VALUES LESS THAN ('2026-01-01'));"
sess_open A
sess_open B

# the same id into two partitions: the first committer wins, the other gets 23505
step A "BEGIN;"
step A "INSERT INTO iso_gu VALUES (100, '2024-05-05');"
step B "BEGIN;"
step_start B "INSERT INTO iso_gu VALUES (100, '2025-05-05');"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "23505"
expect B "iso_gu_pkey"
step B "ROLLBACK;"

# the first one rolls back: the second goes in
step A "BEGIN;"
step A "INSERT INTO iso_gu VALUES (101, '2025-05-05');"
step B "BEGIN;"
step_start B "INSERT INTO iso_gu VALUES (101, '2024-05-05');"
wait_blocked B
step A "ROLLBACK;"
step_wait B
expect B "INSERT 0 1"
step B "COMMIT;"

# a concurrent delete of the key in another partition: wait, then go in
step A "BEGIN;"
step A "DELETE FROM iso_gu WHERE id = 7;"
step_start B "INSERT INTO iso_gu VALUES (7, '2025-07-07');"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "INSERT 0 1"

# a committed key in another partition: 23505 at once
step B "INSERT INTO iso_gu VALUES (8, '2025-08-08');" 5
expect B "23505"

step A "SELECT id, count(*) FROM iso_gu WHERE id IN (7, 8, 100, 101) GROUP BY id ORDER BY id;"
expect_exact A "7|1
8|1
100|1
101|1"
step A "SELECT tableoid::regclass, id FROM iso_gu WHERE id IN (7, 100, 101) ORDER BY id;"
expect_exact A "iso_gu_2025|7
iso_gu_2024|100
iso_gu_2024|101"

sess_close A
sess_close B
ctl "DROP TABLE iso_gu"
