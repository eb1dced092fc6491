#!/bin/bash
# partition_update.sh -- READ COMMITTED writes to a partitioned table meet
# concurrent updates as on a plain table: an UPDATE or SELECT ... FOR UPDATE
# that waited for another transaction's update of the same row re-checks
# the newest version in its partition's scan and goes on from it (or skips
# it when it no longer qualifies).
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_pu;
     CREATE TABLE iso_pu (id int, d date NOT NULL, v int) PARTITION BY RANGE (d);
     CREATE TABLE iso_pu_2024 PARTITION OF iso_pu FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
     CREATE TABLE iso_pu_2025 PARTITION OF iso_pu FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
     INSERT INTO iso_pu VALUES (1, '2024-05-05', 1), (2, '2025-05-05', 1);"
sess_open A
sess_open B

# UPDATE after a concurrent UPDATE of the row: applied on the newest version
step A "BEGIN;"
step A "UPDATE iso_pu SET v = v + 1 WHERE id = 1;"
step_start B "UPDATE iso_pu SET v = v * 10 WHERE id = 1;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "UPDATE 1"
step A "SELECT v FROM iso_pu WHERE id = 1;"
expect_exact A "20"

# the newest version no longer qualifies: skipped
step A "BEGIN;"
step A "UPDATE iso_pu SET v = 0 WHERE id = 2;"
step_start B "UPDATE iso_pu SET v = 99 WHERE id = 2 AND v > 0;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect B "UPDATE 0"

# FOR UPDATE waits, then returns the newest version
step A "BEGIN;"
step A "UPDATE iso_pu SET v = 7 WHERE id = 2;"
step_start B "SELECT v FROM iso_pu WHERE id = 2 FOR UPDATE;"
wait_blocked B
step A "COMMIT;"
step_wait B
expect_exact B "7"

sess_close A
sess_close B
ctl "DROP TABLE iso_pu"
