-- subqueries: scalar, EXISTS, IN, ANY/ALL, correlated, in FROM, CTEs
CREATE TABLE sq_a (id int, v int);
CREATE TABLE sq_b (id int, a_id int);
INSERT INTO sq_a VALUES (1, 10), (2, 20), (3, 30), (4, NULL);
INSERT INTO sq_b VALUES (1, 1), (2, 1), (3, 3), (4, NULL);
SELECT id FROM sq_a WHERE v > (SELECT avg(v) FROM sq_a) ORDER BY id;
SELECT id, (SELECT count(*) FROM sq_b WHERE sq_b.a_id = sq_a.id) AS n FROM sq_a ORDER BY id;
SELECT id FROM sq_a WHERE EXISTS (SELECT 1 FROM sq_b WHERE a_id = sq_a.id) ORDER BY id;
SELECT id FROM sq_a WHERE NOT EXISTS (SELECT 1 FROM sq_b WHERE a_id = sq_a.id) ORDER BY id;
SELECT id FROM sq_a WHERE id IN (SELECT a_id FROM sq_b) ORDER BY id;
SELECT id FROM sq_a WHERE id NOT IN (SELECT a_id FROM sq_b) ORDER BY id;
SELECT id FROM sq_a WHERE id NOT IN (SELECT a_id FROM sq_b WHERE a_id IS NOT NULL) ORDER BY id;
SELECT id FROM sq_a WHERE v > ALL (SELECT v FROM sq_a WHERE id < 3) ORDER BY id;
SELECT id FROM sq_a WHERE v = ANY (SELECT v FROM sq_a WHERE v > 15) ORDER BY id;
SELECT (SELECT v FROM sq_a WHERE id = 99) IS NULL AS empty;
SELECT (SELECT v FROM sq_a);
SELECT s.total FROM (SELECT sum(v) AS total FROM sq_a) s;
SELECT x.id, x.double FROM (SELECT id, v * 2 AS double FROM sq_a WHERE v IS NOT NULL) x
  WHERE x.double > 20 ORDER BY 1;
SELECT ARRAY(SELECT id FROM sq_a ORDER BY id DESC);
WITH big AS (SELECT * FROM sq_a WHERE v >= 20) SELECT count(*) FROM big;
WITH t1 AS (SELECT id FROM sq_a), t2 AS (SELECT id FROM t1 WHERE id > 1)
  SELECT * FROM t2 ORDER BY id;
WITH RECURSIVE cnt(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cnt WHERE n < 10)
  SELECT sum(n) FROM cnt;
WITH RECURSIVE fib(a, b) AS (SELECT 0, 1 UNION ALL SELECT b, a + b FROM fib WHERE b < 50)
  SELECT a FROM fib;
SELECT id FROM sq_a a WHERE v > (SELECT min(v) FROM sq_a b WHERE b.id < a.id) ORDER BY id;
DROP TABLE sq_a;
DROP TABLE sq_b;
