--
-- upsert: INSERT ... ON CONFLICT DO NOTHING / DO UPDATE (arbiter inference,
-- EXCLUDED, RETURNING, command tags, errors, EXPLAIN).  Concurrency is
-- covered by test/isolation/upsert.sh and the pgbench stress check.
--
CREATE TABLE ups (k int PRIMARY KEY, v int, note text DEFAULT 'dflt', u int UNIQUE,
                  c int CHECK (c > 0));
-- no conflict: plain inserts
INSERT INTO ups VALUES (1, 10, 'one', 1, 1), (2, 20, 'two', 2, 2) ON CONFLICT DO NOTHING;
-- DO NOTHING without a target: any unique index arbitrates
INSERT INTO ups VALUES (1, 11, 'x', 100, 1) ON CONFLICT DO NOTHING;
INSERT INTO ups VALUES (100, 11, 'x', 1, 1) ON CONFLICT DO NOTHING;
INSERT INTO ups VALUES (1, 11), (3, 30), (3, 31) ON CONFLICT DO NOTHING RETURNING k, v;
-- with a target, only that index arbitrates: the other one still raises 23505
INSERT INTO ups VALUES (1, 11) ON CONFLICT (k) DO NOTHING;
INSERT INTO ups VALUES (50, 11, 'x', 1, 1) ON CONFLICT (k) DO NOTHING;
INSERT INTO ups VALUES (50, 11, 'x', 1, 1) ON CONFLICT (u) DO NOTHING;
SELECT * FROM ups ORDER BY k;
-- DO UPDATE: the existing row is the target, the proposed row is EXCLUDED
INSERT INTO ups VALUES (1, 5) ON CONFLICT (k) DO UPDATE SET v = ups.v + excluded.v
  RETURNING *;
-- EXCLUDED sees defaults of columns the INSERT did not give
INSERT INTO ups (k, v) VALUES (2, 1) ON CONFLICT (k) DO UPDATE SET note = excluded.note
  RETURNING k, v, note;
-- inserted and updated rows are returned and counted; skipped ones are not
INSERT INTO ups AS t VALUES (1, 1), (2, 2), (4, 40), (3, 3)
  ON CONFLICT (k) DO UPDATE SET v = t.v * 100 WHERE t.k <> 3
  RETURNING t.k, t.v;
-- multiple assignment, DEFAULT, expressions over both rows
INSERT INTO ups VALUES (4, 7, 'seven') ON CONFLICT (k)
  DO UPDATE SET (v, note) = (excluded.v + ups.v, ups.note || '+' || excluded.note), c = DEFAULT
  RETURNING *;
-- a subquery in SET and in WHERE
INSERT INTO ups VALUES (4, 0) ON CONFLICT (k)
  DO UPDATE SET v = (SELECT max(v) FROM ups) + 1
  WHERE excluded.v IN (SELECT 0) RETURNING k, v;
-- inference from an expression that is just the column, in any order
CREATE TABLE ups2 (a int, b int, n int, UNIQUE (a, b));
INSERT INTO ups2 VALUES (1, 1, 1) ON CONFLICT ((b), a) DO UPDATE SET n = ups2.n + 1;
INSERT INTO ups2 VALUES (1, 1, 1) ON CONFLICT (a, b) DO UPDATE SET n = ups2.n + 1;
INSERT INTO ups2 VALUES (1, 1, 1) ON CONFLICT (b, a, a) DO UPDATE SET n = ups2.n + 1;
SELECT * FROM ups2;
-- NULLs never conflict
INSERT INTO ups2 VALUES (NULL, 1, 1), (NULL, 1, 1) ON CONFLICT (a, b) DO UPDATE SET n = 99;
SELECT count(*) FROM ups2 WHERE a IS NULL;
-- a subset of the key columns is no match
INSERT INTO ups2 VALUES (1, 1, 1) ON CONFLICT (a) DO NOTHING;
-- ON CONSTRAINT
INSERT INTO ups2 VALUES (1, 1, 1) ON CONFLICT ON CONSTRAINT ups2_a_b_key
  DO UPDATE SET n = 0 RETURNING *;
INSERT INTO ups VALUES (1, 1) ON CONFLICT ON CONSTRAINT ups_pkey DO NOTHING;
-- partial unique indexes: arbiters only when the target's WHERE implies the predicate
CREATE TABLE ups3 (id int, kind text, val int);
CREATE UNIQUE INDEX ups3_active ON ups3 (id) WHERE kind = 'active';
INSERT INTO ups3 VALUES (1, 'active', 1) ON CONFLICT (id) WHERE kind = 'active'
  DO UPDATE SET val = ups3.val + 1;
INSERT INTO ups3 VALUES (1, 'active', 1) ON CONFLICT (id) WHERE kind = 'active'
  DO UPDATE SET val = ups3.val + 1;
INSERT INTO ups3 VALUES (1, 'active', 1) ON CONFLICT (id) DO NOTHING;
INSERT INTO ups3 VALUES (1, 'active', 1) ON CONFLICT (id) WHERE kind = 'other' DO NOTHING;
-- a row outside the predicate conflicts with nothing
INSERT INTO ups3 VALUES (1, 'old', 5), (1, 'old', 6) ON CONFLICT (id) WHERE kind = 'active'
  DO NOTHING;
SELECT * FROM ups3 ORDER BY kind, val;
-- DO NOTHING also skips a second proposal of the same key in one statement
INSERT INTO ups VALUES (9, 1), (9, 2) ON CONFLICT DO NOTHING RETURNING k, v;
-- ... but DO UPDATE cannot touch the same row twice
INSERT INTO ups VALUES (10, 1), (10, 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v;
INSERT INTO ups VALUES (1, 1), (1, 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v;
SELECT k, v FROM ups WHERE k IN (1, 10) ORDER BY k;
-- constraints hold on the update path (CHECK, and the other unique index)
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET c = -1;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET u = 2;
-- ... and on the proposed row even when it conflicts
INSERT INTO ups VALUES (1, 1, 'x', 1, -5) ON CONFLICT (k) DO NOTHING;
-- earlier commands of the same transaction: the row can be updated
BEGIN;
INSERT INTO ups VALUES (20, 1);
INSERT INTO ups VALUES (20, 1) ON CONFLICT (k) DO UPDATE SET v = ups.v + 1 RETURNING k, v;
INSERT INTO ups VALUES (20, 1) ON CONFLICT (k) DO UPDATE SET v = ups.v + 1 RETURNING k, v;
COMMIT;
-- INSERT ... SELECT
INSERT INTO ups (k, v) SELECT g, g FROM generate_series(18, 22) g
  ON CONFLICT (k) DO UPDATE SET v = excluded.v * 1000 RETURNING k, v;
SELECT k, v, note, u, c FROM ups ORDER BY k;
-- foreign keys are checked on both paths
CREATE TABLE ups_ref (id int PRIMARY KEY);
INSERT INTO ups_ref VALUES (1), (2);
CREATE TABLE ups_fk (k int PRIMARY KEY, r int REFERENCES ups_ref);
INSERT INTO ups_fk VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET r = excluded.r;
INSERT INTO ups_fk VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET r = excluded.r;
INSERT INTO ups_fk VALUES (1, 3) ON CONFLICT (k) DO UPDATE SET r = excluded.r;
INSERT INTO ups_fk VALUES (2, 3) ON CONFLICT (k) DO NOTHING;
SELECT * FROM ups_fk;
-- a deferrable unique constraint cannot arbitrate
CREATE TABLE ups_def (k int, CONSTRAINT ups_def_k UNIQUE (k) DEFERRABLE);
INSERT INTO ups_def VALUES (1) ON CONFLICT (k) DO NOTHING;
INSERT INTO ups_def VALUES (1) ON CONFLICT DO NOTHING;
-- an explicit collation other than the index's matches no index
CREATE TABLE ups_txt (t text PRIMARY KEY, n int);
INSERT INTO ups_txt VALUES ('a', 1) ON CONFLICT (t COLLATE "C") DO NOTHING;
INSERT INTO ups_txt VALUES ('a', 1) ON CONFLICT (t COLLATE "default") DO NOTHING;
INSERT INTO ups_txt VALUES ('a', 1) ON CONFLICT (t) DO UPDATE SET n = ups_txt.n + 1
  RETURNING *;
DROP TABLE ups_fk, ups_ref, ups_def, ups_txt;
-- errors
INSERT INTO ups VALUES (1, 1) ON CONFLICT DO UPDATE SET v = 2;
INSERT INTO ups VALUES (1, 1) ON CONFLICT ON CONSTRAINT nope DO NOTHING;
INSERT INTO ups VALUES (1, 1) ON CONFLICT ON CONSTRAINT ups_c_check DO NOTHING;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (v) DO NOTHING;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (nosuch) DO NOTHING;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET nosuch = 1;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = excluded.nosuch;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = v;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = 1, v = 2;
INSERT INTO ups AS x VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = ups.v;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = 1 RETURNING excluded.v;
INSERT INTO ups VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = count(*);
-- EXPLAIN
EXPLAIN (COSTS OFF) INSERT INTO ups VALUES (1, 1) ON CONFLICT DO NOTHING;
EXPLAIN (COSTS OFF) INSERT INTO ups VALUES (1, 1) ON CONFLICT (u) DO NOTHING;
EXPLAIN (COSTS OFF) INSERT INTO ups AS t VALUES (1, 1) ON CONFLICT (k)
  DO UPDATE SET v = excluded.v + t.v WHERE t.v < excluded.v;
EXPLAIN (COSTS OFF) INSERT INTO ups3 VALUES (1, 'active', 1)
  ON CONFLICT (id) WHERE kind = 'active' DO UPDATE SET val = 0 WHERE ups3.val > 0;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  INSERT INTO ups VALUES (1, 1), (2, 2), (30, 30) ON CONFLICT (k) DO UPDATE SET v = 0
  WHERE ups.k = 1;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  INSERT INTO ups VALUES (1, 1), (2, 2), (31, 31), (31, 31) ON CONFLICT DO NOTHING;
SELECT k, v FROM ups WHERE k IN (1, 2, 30, 31) ORDER BY k;
DROP TABLE ups, ups2, ups3;
