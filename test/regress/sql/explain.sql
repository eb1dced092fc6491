--
-- EXPLAIN and the planner's index paths (COSTS OFF: cost figures differ
-- from PostgreSQL's, the plan shapes must not).
-- Intentional difference (expected edited by hand): RustyDB has no bitmap
-- scans yet, so where PostgreSQL 15 shows "Bitmap Heap Scan" over a
-- "Bitmap Index Scan" this file expects a plain Index Scan (or Index Only
-- Scan) on the same index with the same Index Cond.
--
CREATE TABLE ex (id int PRIMARY KEY, grp int, name text, flag bool);
INSERT INTO ex SELECT g, g % 50, 'n' || g::text, g % 2 = 0 FROM generate_series(1, 5000) g;
CREATE INDEX ex_grp ON ex (grp);
CREATE INDEX ex_name_desc ON ex (name DESC);
-- point lookups
EXPLAIN (COSTS OFF) SELECT * FROM ex WHERE id = 42;
SELECT * FROM ex WHERE id = 42;
EXPLAIN (COSTS OFF) SELECT id FROM ex WHERE id = 42;
EXPLAIN (COSTS OFF) SELECT * FROM ex WHERE 42 = id;
EXPLAIN (COSTS OFF) SELECT * FROM ex WHERE grp = 7 AND name = 'n7';
SELECT * FROM ex WHERE grp = 7 AND name = 'n7';
-- ranges
EXPLAIN (COSTS OFF) SELECT * FROM ex WHERE id > 10 AND id < 15;
SELECT * FROM ex WHERE id > 10 AND id < 15;
SELECT id FROM ex WHERE id BETWEEN 4990 AND 5010;
-- no usable index: sequential scan
EXPLAIN (COSTS OFF) SELECT * FROM ex WHERE flag;
-- ORDER BY satisfied by an index, both directions
EXPLAIN (COSTS OFF) SELECT * FROM ex ORDER BY id LIMIT 3;
SELECT * FROM ex ORDER BY id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id FROM ex ORDER BY id DESC LIMIT 3;
SELECT id FROM ex ORDER BY id DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT name FROM ex ORDER BY name DESC LIMIT 2;
SELECT name FROM ex ORDER BY name DESC LIMIT 2;
-- partial index: used only when WHERE implies its predicate
CREATE TABLE pt2 (a int, b bool, c int);
INSERT INTO pt2 SELECT g, g % 10 = 0, g FROM generate_series(1, 5000) g;
CREATE INDEX pt2_a_part ON pt2 (a) WHERE b;
CREATE INDEX pt2_c_part ON pt2 (c) WHERE c > 4000;
EXPLAIN (COSTS OFF) SELECT a FROM pt2 WHERE b AND a = 10;
SELECT a FROM pt2 WHERE b AND a = 10;
EXPLAIN (COSTS OFF) SELECT a FROM pt2 WHERE a = 10;
EXPLAIN (COSTS OFF) SELECT c FROM pt2 WHERE c = 4500;
SELECT c FROM pt2 WHERE c = 4500;
EXPLAIN (COSTS OFF) SELECT c FROM pt2 WHERE c = 3500;
DROP TABLE pt2;
-- IS NULL through an index
INSERT INTO ex VALUES (6000, NULL, 'none', NULL);
EXPLAIN (COSTS OFF) SELECT id FROM ex WHERE grp IS NULL;
SELECT id FROM ex WHERE grp IS NULL;
-- nested loop with an inner index scan
CREATE TABLE pick (k int);
INSERT INTO pick VALUES (3), (30), (300);
EXPLAIN (COSTS OFF) SELECT e.id, e.name FROM ex e JOIN ex f ON f.id = e.grp WHERE e.id = 77;
SELECT e.id, e.name, f.name FROM ex e JOIN ex f ON f.id = e.grp WHERE e.id = 77;
SELECT p.k, e.name FROM pick p JOIN ex e ON e.id = p.k ORDER BY p.k;
SELECT p.k, e.name FROM pick p LEFT JOIN ex e ON e.id = p.k + 4990 ORDER BY p.k;
-- index scans under UPDATE and DELETE
EXPLAIN (COSTS OFF) UPDATE ex SET name = 'x' WHERE id = 5;
UPDATE ex SET name = 'changed' WHERE id = 5;
SELECT * FROM ex WHERE id = 5;
DELETE FROM ex WHERE id = 6;
SELECT * FROM ex WHERE id = 6;
-- an index created or dropped in the session is seen by the next plan
DROP INDEX ex_name_desc;
CREATE INDEX ex_name ON ex (name);
EXPLAIN (COSTS OFF) SELECT id FROM ex WHERE name = 'n100';
DROP INDEX ex_name;
EXPLAIN (COSTS OFF) SELECT id FROM ex WHERE name = 'n100';
-- EXPLAIN ANALYZE runs the statement
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM ex WHERE id = 3;
DROP TABLE ex, pick;
-- index-only scans: pages VACUUM marked all-visible are not fetched
CREATE TABLE ios (id int PRIMARY KEY, v int);
INSERT INTO ios SELECT g, g % 10 FROM generate_series(1, 1000) g;
VACUUM ANALYZE ios;
SELECT relallvisible > 0 AS all_visible FROM pg_class WHERE relname = 'ios';
EXPLAIN (COSTS OFF) SELECT id FROM ios WHERE id < 100;
SET enable_seqscan = off;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM ios WHERE id < 100;
UPDATE ios SET v = v + 1 WHERE id = 50;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM ios WHERE id < 100;
SELECT count(*) FROM ios WHERE id < 100;
VACUUM ios;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM ios WHERE id < 100;
DELETE FROM ios WHERE id BETWEEN 10 AND 19;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM ios WHERE id < 100;
SELECT count(*), sum(id) FROM ios WHERE id < 100;
SET enable_indexonlyscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM ios WHERE id < 100;
RESET enable_indexonlyscan;
RESET enable_seqscan;
DROP TABLE ios;
