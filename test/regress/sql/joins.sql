-- joins: inner, outer, cross, USING, multi-way, self joins
CREATE TABLE j_emp (id int, name text, dept int, boss int);
CREATE TABLE j_dept (id int, dname text);
INSERT INTO j_emp VALUES (1, 'ann', 10, NULL), (2, 'bob', 10, 1), (3, 'cid', 20, 1),
  (4, 'dee', NULL, 2), (5, 'eve', 40, 3);
INSERT INTO j_dept VALUES (10, 'sales'), (20, 'dev'), (30, 'ops');
SELECT e.name, d.dname FROM j_emp e JOIN j_dept d ON e.dept = d.id ORDER BY e.name;
SELECT e.name, d.dname FROM j_emp e, j_dept d WHERE e.dept = d.id AND d.dname <> 'dev' ORDER BY 1;
SELECT e.name, d.dname FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id ORDER BY e.name;
SELECT e.name, d.dname FROM j_emp e RIGHT JOIN j_dept d ON e.dept = d.id ORDER BY 2, 1;
SELECT e.name, d.dname FROM j_emp e FULL JOIN j_dept d ON e.dept = d.id ORDER BY 1, 2;
SELECT e.name, d.dname FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id AND d.dname = 'sales'
  ORDER BY e.name;
SELECT e.name FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id WHERE d.id IS NULL ORDER BY 1;
SELECT count(*) FROM j_emp CROSS JOIN j_dept;
SELECT a.name AS worker, b.name AS boss FROM j_emp a JOIN j_emp b ON a.boss = b.id ORDER BY 1;
SELECT a.name, b.name, d.dname
  FROM j_emp a JOIN j_emp b ON a.boss = b.id JOIN j_dept d ON b.dept = d.id ORDER BY 1;
CREATE TABLE j_x (id int, x text);
INSERT INTO j_x VALUES (10, 'ten'), (20, 'twenty');
SELECT * FROM j_dept JOIN j_x USING (id) ORDER BY id;
SELECT id, dname, x FROM j_dept NATURAL LEFT JOIN j_x ORDER BY id;
SELECT e.name, d.dname FROM j_emp e JOIN j_dept d ON e.dept < d.id ORDER BY 1, 2;
SELECT e.name, s.total FROM j_emp e
  JOIN (SELECT dept, count(*) AS total FROM j_emp GROUP BY dept) s ON s.dept = e.dept
  ORDER BY 1;
DROP TABLE j_emp;
DROP TABLE j_dept;
DROP TABLE j_x;

-- merge joins: duplicates on both sides, NULL keys, every join type
CREATE TABLE mj_l (k int, lv text);
CREATE TABLE mj_r (k int, rv text);
INSERT INTO mj_l VALUES (1, 'l1'), (2, 'l2a'), (2, 'l2b'), (3, 'l3'), (NULL, 'lnull'),
  (5, 'l5a'), (5, 'l5b'), (7, 'l7');
INSERT INTO mj_r VALUES (2, 'r2a'), (2, 'r2b'), (3, 'r3'), (4, 'r4'), (NULL, 'rnull'),
  (5, 'r5'), (6, 'r6'), (NULL, 'rnull2');
ANALYZE mj_l;
ANALYZE mj_r;
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l JOIN mj_r ON mj_l.k = mj_r.k;
SELECT * FROM mj_l JOIN mj_r ON mj_l.k = mj_r.k ORDER BY lv, rv;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l LEFT JOIN mj_r ON mj_l.k = mj_r.k;
SELECT * FROM mj_l LEFT JOIN mj_r ON mj_l.k = mj_r.k ORDER BY lv, rv;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l RIGHT JOIN mj_r ON mj_l.k = mj_r.k;
SELECT * FROM mj_l RIGHT JOIN mj_r ON mj_l.k = mj_r.k ORDER BY rv, lv;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l FULL JOIN mj_r ON mj_l.k = mj_r.k;
SELECT * FROM mj_l FULL JOIN mj_r ON mj_l.k = mj_r.k ORDER BY lv, rv;
SELECT * FROM mj_l FULL JOIN mj_r USING (k) ORDER BY k, lv, rv;
-- a condition besides the merge key: Join Filter (inner and left joins)
EXPLAIN (COSTS OFF) SELECT * FROM mj_l JOIN mj_r ON mj_l.k = mj_r.k AND mj_l.lv < 'l5b';
SELECT * FROM mj_l JOIN mj_r ON mj_l.k = mj_r.k AND mj_l.lv < 'l5b' ORDER BY lv, rv;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l LEFT JOIN mj_r ON mj_l.k = mj_r.k AND mj_l.lv <> 'l2a';
SELECT * FROM mj_l LEFT JOIN mj_r ON mj_l.k = mj_r.k AND mj_l.lv <> 'l2a' ORDER BY lv, rv;
SELECT * FROM mj_l LEFT JOIN mj_r ON mj_l.k = mj_r.k AND mj_r.rv <> 'r2a' ORDER BY lv, rv;
-- a WHERE clause above an outer merge join
SELECT * FROM mj_l FULL JOIN mj_r ON mj_l.k = mj_r.k WHERE mj_l.k IS NULL OR mj_r.k IS NULL
  ORDER BY lv, rv;
-- two merge keys
CREATE TABLE mj_a (x int, y int, t text);
CREATE TABLE mj_b (x int, y int, u text);
INSERT INTO mj_a SELECT g % 4, g % 3, 'a' || g FROM generate_series(1, 30) g;
INSERT INTO mj_b SELECT g % 5, g % 3, 'b' || g FROM generate_series(1, 20) g;
INSERT INTO mj_a VALUES (1, NULL, 'anull'), (NULL, 1, 'anull2');
INSERT INTO mj_b VALUES (1, NULL, 'bnull');
ANALYZE mj_a;
ANALYZE mj_b;
EXPLAIN (COSTS OFF) SELECT * FROM mj_a JOIN mj_b ON mj_a.x = mj_b.x AND mj_a.y = mj_b.y;
SELECT count(*), min(t || u), max(t || u) FROM mj_a JOIN mj_b ON mj_a.x = mj_b.x AND mj_a.y = mj_b.y;
SELECT count(*), count(t), count(u) FROM mj_a FULL JOIN mj_b ON mj_a.x = mj_b.x AND mj_a.y = mj_b.y;
SELECT count(*), count(t), count(u) FROM mj_a LEFT JOIN mj_b ON mj_a.x = mj_b.x AND mj_a.y = mj_b.y;
SELECT count(*), count(t), count(u) FROM mj_a RIGHT JOIN mj_b ON mj_a.x = mj_b.x AND mj_a.y = mj_b.y;
-- inputs presorted by indexes need no Sort
CREATE INDEX mj_a_x ON mj_a (x);
CREATE INDEX mj_b_x ON mj_b (x);
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT mj_a.t, mj_b.u FROM mj_a JOIN mj_b ON mj_a.x = mj_b.x;
SELECT count(*), min(t || u), max(t || u) FROM mj_a JOIN mj_b ON mj_a.x = mj_b.x;
RESET enable_sort;
-- merge join disabled: back to a hash join
SET enable_mergejoin = off;
SET enable_hashjoin = on;
EXPLAIN (COSTS OFF) SELECT * FROM mj_l JOIN mj_r ON mj_l.k = mj_r.k;
RESET enable_mergejoin;
RESET enable_hashjoin;
RESET enable_nestloop;
SHOW enable_mergejoin;
DROP TABLE mj_l, mj_r, mj_a, mj_b;
-- merge join of integer keys of different widths (FULL JOIN needs it)
CREATE TABLE mj_i2 (k smallint, a text);
CREATE TABLE mj_i8 (k bigint, b text);
INSERT INTO mj_i2 VALUES (1, 'a1'), (2, 'a2'), (2, 'a2b'), (NULL, 'anull'), (4, 'a4');
INSERT INTO mj_i8 VALUES (2, 'b2'), (3, 'b3'), (4, 'b4'), (4, 'b4b'), (10000000000, 'big'), (NULL, 'bnull');
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM mj_i2 FULL JOIN mj_i8 ON mj_i2.k = mj_i8.k;
SELECT * FROM mj_i2 FULL JOIN mj_i8 ON mj_i2.k = mj_i8.k ORDER BY a, b;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT * FROM mj_i2 FULL JOIN mj_i8 ON mj_i2.k = mj_i8.k ORDER BY a, b;
DROP TABLE mj_i2, mj_i8;
