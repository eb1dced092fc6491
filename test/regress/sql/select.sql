--
-- select.sql: SELECT analysis -- target lists, FROM items, joins, grouping,
-- ordering, DISTINCT, LIMIT, set operations, VALUES, WITH, sublinks.
--
CREATE TABLE sel_emp (id int PRIMARY KEY, name text NOT NULL, dept int, salary numeric(10,2), hired date);
CREATE TABLE sel_dept (id int PRIMARY KEY, dname varchar(20));
INSERT INTO sel_dept VALUES (1, 'eng'), (2, 'sales'), (3, 'empty');
INSERT INTO sel_emp VALUES
  (1, 'alice', 1, 100.50, '2020-01-15'),
  (2, 'bob', 1, 90, '2021-03-01'),
  (3, 'carol', 2, 75.25, '2019-07-30'),
  (4, 'dave', NULL, 60, NULL);

-- target lists and star expansion
SELECT * FROM sel_dept ORDER BY id;
SELECT d.*, 1 AS one FROM sel_dept d ORDER BY d.id;
SELECT name, salary * 2 AS double_pay, salary + 1 FROM sel_emp ORDER BY id;
SELECT sel_emp.name FROM sel_emp WHERE sel_emp.id = 1;
SELECT public.sel_emp.name FROM public.sel_emp WHERE id = 2;

-- WHERE with AND/OR/NOT, IS NULL, BETWEEN, IN, LIKE
SELECT id FROM sel_emp WHERE dept = 1 AND NOT salary < 95 ORDER BY id;
SELECT id FROM sel_emp WHERE dept IS NULL OR hired IS NULL ORDER BY id;
SELECT id FROM sel_emp WHERE salary BETWEEN 70 AND 95 ORDER BY id;
SELECT id FROM sel_emp WHERE salary NOT BETWEEN SYMMETRIC 95 AND 70 ORDER BY id;
SELECT id FROM sel_emp WHERE id IN (1, 3, 5) ORDER BY id;
SELECT id FROM sel_emp WHERE id NOT IN (1, 3) ORDER BY id;
SELECT id FROM sel_emp WHERE name LIKE '%o%' ORDER BY id;
SELECT id FROM sel_emp WHERE name ILIKE 'A%' OR name NOT LIKE '_a%' ORDER BY id;
SELECT id FROM sel_emp WHERE dept IS DISTINCT FROM 1 ORDER BY id;
SELECT id FROM sel_emp WHERE dept IS NOT DISTINCT FROM NULL;

-- joins
SELECT e.name, d.dname FROM sel_emp e JOIN sel_dept d ON e.dept = d.id ORDER BY e.id;
SELECT e.name, d.dname FROM sel_emp e LEFT JOIN sel_dept d ON e.dept = d.id ORDER BY e.id;
SELECT e.name, d.dname FROM sel_emp e RIGHT JOIN sel_dept d ON e.dept = d.id ORDER BY d.id, e.id;
SELECT e.name, d.dname FROM sel_emp e FULL JOIN sel_dept d ON e.dept = d.id ORDER BY e.id, d.id;
SELECT count(*) FROM sel_emp CROSS JOIN sel_dept;
SELECT count(*) FROM sel_emp, sel_dept WHERE sel_emp.dept = sel_dept.id;
SELECT * FROM (SELECT id, dept AS x FROM sel_emp) a JOIN (SELECT id AS x, dname FROM sel_dept) b USING (x) ORDER BY id;
SELECT * FROM (SELECT dept AS id, name FROM sel_emp) a NATURAL JOIN sel_dept ORDER BY name;
SELECT id, name, dname FROM (SELECT dept AS id, name FROM sel_emp) a NATURAL FULL JOIN sel_dept ORDER BY id, name;
SELECT j.dname FROM (sel_emp e JOIN sel_dept d ON e.dept = d.id) AS j WHERE j.name = 'carol';

-- subqueries and functions in FROM
SELECT s.n FROM (SELECT name AS n FROM sel_emp WHERE dept = 1) AS s ORDER BY 1;
SELECT g FROM generate_series(1, 3) AS g;
SELECT g.x FROM generate_series(1, 3) AS g(x) ORDER BY x DESC;
SELECT * FROM generate_series(1, 2);

-- grouping and aggregates
SELECT dept, count(*), sum(salary), max(name) FROM sel_emp GROUP BY dept ORDER BY dept;
SELECT dept AS d, count(*) FROM sel_emp GROUP BY d ORDER BY d NULLS FIRST;
SELECT dept, count(*) FROM sel_emp GROUP BY 1 HAVING count(*) > 1;
SELECT count(*), count(dept), count(DISTINCT dept) FROM sel_emp;
SELECT string_agg(name, ',' ORDER BY name DESC) FROM sel_emp;
SELECT count(*) FILTER (WHERE salary > 80) AS rich FROM sel_emp;
SELECT dept IS NULL AS nodept, count(*) FROM sel_emp GROUP BY dept IS NULL ORDER BY 1;
SELECT max(salary) - min(salary) FROM sel_emp;

-- ordering, DISTINCT, LIMIT/OFFSET
SELECT name FROM sel_emp ORDER BY salary DESC LIMIT 2;
SELECT name FROM sel_emp ORDER BY name OFFSET 1 LIMIT 2;
SELECT name FROM sel_emp ORDER BY hired NULLS FIRST, name;
SELECT DISTINCT dept FROM sel_emp ORDER BY dept;
SELECT DISTINCT ON (dept) dept, name FROM sel_emp ORDER BY dept, salary DESC;
SELECT name FROM sel_emp ORDER BY length(name), name LIMIT ALL;

-- set operations and VALUES
SELECT id FROM sel_emp UNION SELECT id FROM sel_dept ORDER BY 1;
SELECT id FROM sel_emp UNION ALL SELECT id FROM sel_dept ORDER BY id;
SELECT id FROM sel_emp INTERSECT SELECT id FROM sel_dept ORDER BY 1;
SELECT id FROM sel_emp EXCEPT SELECT id FROM sel_dept;
SELECT 1 AS x UNION SELECT 2.5 ORDER BY x;
VALUES (1, 'one'), (2, 'two') ORDER BY 1 DESC;
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) WHERE n > 1;

-- WITH and WITH RECURSIVE
WITH rich AS (SELECT * FROM sel_emp WHERE salary > 80) SELECT name FROM rich ORDER BY name;
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT sum(n) FROM t;

-- sublinks
SELECT name FROM sel_emp WHERE dept IN (SELECT id FROM sel_dept WHERE dname = 'eng') ORDER BY name;
SELECT name FROM sel_emp e WHERE EXISTS (SELECT 1 FROM sel_dept d WHERE d.id = e.dept AND d.dname = 'sales');
SELECT dname, (SELECT count(*) FROM sel_emp e WHERE e.dept = d.id) AS n FROM sel_dept d ORDER BY d.id;
SELECT name FROM sel_emp WHERE salary > ALL (SELECT salary FROM sel_emp WHERE dept = 2) ORDER BY 1;
SELECT name FROM sel_emp WHERE salary < ANY (SELECT salary FROM sel_emp WHERE dept = 1) ORDER BY 1;
SELECT ARRAY(SELECT id FROM sel_dept ORDER BY id);
SELECT name FROM sel_emp WHERE id = (SELECT max(id) FROM sel_emp);

-- row locking
SELECT id FROM sel_emp WHERE id = 1 FOR UPDATE;
SELECT e.id FROM sel_emp e JOIN sel_dept d ON e.dept = d.id WHERE e.id = 2 FOR SHARE OF e;

-- set-returning function in the target list
SELECT id, generate_series(1, 2) FROM sel_dept WHERE id < 3 ORDER BY 1, 2;

DROP TABLE sel_emp;
DROP TABLE sel_dept;

-- sequential scans deform the columns the qual reads first, the rest only
-- for rows that pass (executor README, invariant 6)
CREATE TABLE sel_lazy (a int, b text, c int, d text);
INSERT INTO sel_lazy VALUES (1, 'one', 10, 'x'), (2, NULL, 20, 'y'), (3, 'three', NULL, NULL), (4, 'four', 4, 'w');
SELECT d, c FROM sel_lazy WHERE a = 3;
SELECT * FROM sel_lazy WHERE a > 1 ORDER BY a;
SELECT a, b FROM sel_lazy WHERE c = 20;
SELECT a FROM sel_lazy WHERE b IS NULL OR d = 'w' ORDER BY a;
SELECT a, d FROM sel_lazy WHERE a = c;
SELECT a FROM sel_lazy WHERE c = NULL;
SELECT count(*) FROM sel_lazy;
ALTER TABLE sel_lazy ADD COLUMN e int DEFAULT 7;
INSERT INTO sel_lazy VALUES (5, 'five', 50, 'v', 8);
SELECT a, e FROM sel_lazy WHERE e = 7 ORDER BY a;
SELECT b, e FROM sel_lazy WHERE a = 2;
UPDATE sel_lazy SET c = c + 1 WHERE a = 1 RETURNING *;
SELECT * FROM sel_lazy WHERE a = 1;
PREPARE sel_lazy_q(int) AS SELECT d, b FROM sel_lazy WHERE a = $1;
EXECUTE sel_lazy_q(4);
DEALLOCATE sel_lazy_q;
DROP TABLE sel_lazy;
