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
