--
-- WINDOW FUNCTIONS
--
CREATE TABLE empsalary (depname text, empno int, salary int, enroll_date date);
INSERT INTO empsalary VALUES
    ('develop', 10, 5200, '2007-08-01'), ('sales', 1, 5000, '2006-10-01'),
    ('personnel', 5, 3500, '2007-12-10'), ('sales', 4, 4800, '2007-08-08'),
    ('personnel', 2, 3900, '2006-12-23'), ('develop', 7, 4200, '2008-01-01'),
    ('develop', 9, 4500, '2008-01-01'), ('sales', 3, 4800, '2007-08-01'),
    ('develop', 8, 6000, '2006-10-01'), ('develop', 11, 5200, '2007-08-15');

CREATE TABLE nums (g int, x int, v numeric, t text);
INSERT INTO nums VALUES
    (1, 1, 1.5, 'a'), (1, 2, NULL, 'b'), (1, 3, 2.5, 'c'), (1, 4, 4, NULL),
    (2, 5, 10, 'e'), (2, 6, 20, 'f'), (NULL, 7, 7, 'g'), (NULL, 8, NULL, 'h'),
    (3, 9, 9, 'i');

-- aggregates over a whole partition, and the default frame with peers
SELECT depname, empno, salary, sum(salary) OVER (PARTITION BY depname)
  FROM empsalary ORDER BY depname, empno;
SELECT depname, empno, salary, sum(salary) OVER (PARTITION BY depname ORDER BY salary),
       count(*) OVER (PARTITION BY depname ORDER BY salary)
  FROM empsalary ORDER BY depname, salary, empno;
SELECT empno, salary, avg(salary) OVER (), min(salary) OVER (), max(salary) OVER (),
       count(empno) OVER ()
  FROM empsalary ORDER BY empno;

-- ranking functions
SELECT depname, empno, salary,
       rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w
  FROM empsalary WINDOW w AS (PARTITION BY depname ORDER BY salary DESC)
  ORDER BY depname, salary DESC, empno;
SELECT empno, row_number() OVER (ORDER BY empno), ntile(3) OVER (ORDER BY empno),
       ntile(4) OVER (PARTITION BY depname ORDER BY empno), ntile(20) OVER (ORDER BY empno)
  FROM empsalary ORDER BY empno;
SELECT rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER ()
  FROM empsalary WHERE empno < 3;
SELECT x, ntile(NULL) OVER (ORDER BY x) FROM nums WHERE x < 3 ORDER BY x;

-- lag, lead
SELECT empno, lag(empno) OVER w, lead(empno) OVER w, lag(empno, 2) OVER w,
       lead(empno, 3) OVER w, lag(empno, 2, -1) OVER w, lead(empno, 1, empno * 100) OVER w,
       lag(empno, -1) OVER w, lead(empno, 0) OVER w, lag(empno, NULL) OVER w
  FROM empsalary WINDOW w AS (ORDER BY empno) ORDER BY empno;
SELECT x, lag(v, 1, 0) OVER (ORDER BY x), lead(t, 1, 'zz') OVER (PARTITION BY g ORDER BY x)
  FROM nums ORDER BY x;

-- first_value, last_value, nth_value follow the frame
SELECT empno, first_value(empno) OVER w, last_value(empno) OVER w, nth_value(empno, 2) OVER w
  FROM empsalary WINDOW w AS (PARTITION BY depname ORDER BY empno) ORDER BY empno;
SELECT empno, first_value(empno) OVER w, last_value(empno) OVER w, nth_value(empno, 3) OVER w
  FROM empsalary
  WINDOW w AS (ORDER BY empno ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ORDER BY empno;
SELECT x, first_value(x) OVER w, last_value(x) OVER w, nth_value(x, 2) OVER w
  FROM nums WINDOW w AS (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) ORDER BY x;

-- ROWS frames
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
       sum(x) OVER (ORDER BY x ROWS 2 PRECEDING),
       sum(x) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING),
       sum(x) OVER (ORDER BY x ROWS CURRENT ROW),
       sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),
       sum(x) OVER (ORDER BY x ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING),
       sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
       sum(x) OVER (ORDER BY x ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING),
       sum(x) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND 3 PRECEDING)
  FROM nums ORDER BY x;
SELECT x, count(v) OVER w, avg(v) OVER w, string_agg(t, ',') OVER w, array_agg(x) OVER w
  FROM nums WINDOW w AS (PARTITION BY g ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
  ORDER BY x;
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1000000 PRECEDING AND 9223372036854775807 FOLLOWING)
  FROM nums WHERE x < 4 ORDER BY x;

-- RANGE frames: peers are rows with equal ORDER BY values
SELECT empno, salary,
       sum(salary) OVER (ORDER BY salary RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),
       sum(salary) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
       count(*) OVER (ORDER BY salary RANGE CURRENT ROW),
       last_value(salary) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  FROM empsalary ORDER BY salary, empno;
SELECT x, sum(x) OVER (RANGE BETWEEN CURRENT ROW AND CURRENT ROW) FROM nums WHERE x < 4 ORDER BY x;

-- RANGE frames with offsets (in_range rules: NULLs are peers of each other)
SELECT empno, salary,
       count(*) OVER (ORDER BY salary RANGE BETWEEN 300 PRECEDING AND 300 FOLLOWING),
       sum(salary) OVER (ORDER BY salary DESC RANGE BETWEEN 200 PRECEDING AND CURRENT ROW),
       min(empno) OVER (PARTITION BY depname ORDER BY salary RANGE 500 PRECEDING)
  FROM empsalary ORDER BY salary, empno;
SELECT x, count(*) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN 1 PRECEDING AND CURRENT ROW),
       count(*) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING),
       count(*) OVER (ORDER BY x DESC RANGE BETWEEN 2 FOLLOWING AND 3 FOLLOWING),
       sum(x) OVER (ORDER BY x DESC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)
  FROM (VALUES (1), (2), (NULL), (4), (NULL), (5), (5), (7)) v(x) ORDER BY x, 2;
SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 2147483647 PRECEDING AND 2147483647 FOLLOWING),
       sum(x) OVER (ORDER BY x RANGE BETWEEN 9223372036854775807 PRECEDING AND 1 PRECEDING)
  FROM (VALUES (2147483647), (-2147483648), (0)) v(x) ORDER BY x;
SELECT enroll_date, count(*) OVER (ORDER BY enroll_date RANGE BETWEEN '10 days' PRECEDING AND '1 month' FOLLOWING),
       min(empno) OVER (ORDER BY enroll_date DESC RANGE '1 year' PRECEDING)
  FROM empsalary ORDER BY enroll_date, 2, 3;
SELECT ts, count(*) OVER (ORDER BY ts RANGE BETWEEN '1 hour' PRECEDING AND CURRENT ROW)
  FROM (VALUES ('2020-01-01 10:00'::timestamp), ('2020-01-01 10:30'), ('2020-01-01 11:30'),
               ('2020-01-01 12:31')) v(ts) ORDER BY ts;
SELECT n, sum(n) OVER (ORDER BY n RANGE BETWEEN 1.5 PRECEDING AND 0.5 FOLLOWING),
       avg(f) OVER (ORDER BY f RANGE BETWEEN 0.5 PRECEDING AND 1 FOLLOWING),
       count(*) OVER (ORDER BY i RANGE BETWEEN '1 day' PRECEDING AND '1 day' FOLLOWING)
  FROM (VALUES (1.0::numeric, 1.0::float8, '1 day'::interval), (2.5, 2.5, '2 days'),
               (3, 3, '5 days'), (4.2, 4.2, '6 days')) v(n, f, i) ORDER BY n;

SELECT t, count(*) OVER (ORDER BY t RANGE BETWEEN '1 hour' PRECEDING AND '30 minutes' FOLLOWING),
       count(*) OVER (ORDER BY t DESC RANGE '2 hours 1 day' PRECEDING)
  FROM (VALUES ('00:30'::time), ('01:00'), ('02:15'), ('23:59'), (NULL)) v(t) ORDER BY t;

-- GROUPS frames count peer groups; EXCLUDE leaves rows out of the frame
CREATE TABLE grp (x int, y int);
INSERT INTO grp VALUES (1, 1), (2, 1), (3, 2), (4, 3), (5, 3), (6, 3), (7, 5), (8, NULL), (9, NULL);
SELECT x, y, sum(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
       sum(x) OVER (ORDER BY y GROUPS BETWEEN CURRENT ROW AND 2 FOLLOWING),
       sum(x) OVER (ORDER BY y GROUPS 2 PRECEDING),
       sum(x) OVER (ORDER BY y GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING),
       sum(x) OVER (ORDER BY y DESC GROUPS BETWEEN 1 FOLLOWING AND 3 FOLLOWING),
       count(*) OVER (ORDER BY y GROUPS BETWEEN 9223372036854775807 PRECEDING AND 9223372036854775807 FOLLOWING),
       first_value(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
       last_value(x) OVER (ORDER BY y, x GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING)
  FROM grp ORDER BY x;
SELECT x, y, sum(x) OVER (ORDER BY y ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW),
       sum(x) OVER (ORDER BY y, x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW),
       sum(x) OVER (ORDER BY y RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP),
       sum(x) OVER (ORDER BY y RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES),
       sum(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES),
       count(*) OVER (ORDER BY y ROWS CURRENT ROW EXCLUDE CURRENT ROW),
       sum(x) OVER (ORDER BY y RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE NO OTHERS)
  FROM grp ORDER BY x;
SELECT x, y, first_value(x) OVER w, last_value(x) OVER w, nth_value(x, 2) OVER w, nth_value(x, 4) OVER w
  FROM grp WINDOW w AS (ORDER BY y, x ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW)
  ORDER BY x;
SELECT x, y, first_value(x) OVER w, last_value(x) OVER w, nth_value(x, 2) OVER w
  FROM grp WINDOW w AS (ORDER BY y RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP)
  ORDER BY x;
SELECT x, y, first_value(x) OVER w, last_value(x) OVER w, nth_value(x, 2) OVER w,
       string_agg(x::text, ',') OVER w
  FROM grp WINDOW w AS (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES)
  ORDER BY x;
SELECT sum(x) OVER (ORDER BY y GROUPS -1 PRECEDING) FROM grp;
SELECT sum(x) OVER (ORDER BY y GROUPS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM grp;
SELECT sum(x) OVER (ORDER BY y GROUPS x PRECEDING) FROM grp;
DROP TABLE grp;

-- NULLs in partition and order keys
SELECT g, x, v, rank() OVER (PARTITION BY g ORDER BY v), rank() OVER (ORDER BY v DESC),
       rank() OVER (ORDER BY v NULLS FIRST), sum(v) OVER (PARTITION BY g ORDER BY v),
       count(*) OVER (PARTITION BY g)
  FROM nums ORDER BY x;

-- FILTER
SELECT depname, empno, sum(salary) FILTER (WHERE empno > 5) OVER (PARTITION BY depname),
       count(*) FILTER (WHERE salary > 4500) OVER (ORDER BY empno)
  FROM empsalary ORDER BY empno;

-- named windows, copying and merging windows
SELECT empno, rank() OVER w, sum(salary) OVER (w ROWS 1 PRECEDING),
       count(*) OVER (w ORDER BY empno)
  FROM empsalary WINDOW w AS (PARTITION BY depname), w2 AS (ORDER BY empno)
  ORDER BY empno;
SELECT empno, sum(salary) OVER w1, sum(salary) OVER w2, row_number() OVER (ORDER BY empno)
  FROM empsalary WINDOW w1 AS (ORDER BY empno), w2 AS (w1)
  ORDER BY empno;

-- window functions over aggregates and GROUP BY / HAVING
SELECT depname, sum(salary), rank() OVER (ORDER BY sum(salary) DESC),
       sum(sum(salary)) OVER (), sum(count(*)) OVER (ORDER BY depname)
  FROM empsalary GROUP BY depname ORDER BY depname;
SELECT depname, count(*), row_number() OVER (ORDER BY depname DESC)
  FROM empsalary GROUP BY depname HAVING count(*) > 2 ORDER BY depname;
SELECT sum(salary), count(*) OVER () FROM empsalary;
SELECT g % 2 AS parity, lag(sum(x)) OVER (ORDER BY g % 2)
  FROM nums WHERE g IS NOT NULL GROUP BY g % 2 ORDER BY 1;

-- expressions around window functions, DISTINCT, ORDER BY and LIMIT after windows
SELECT empno, salary - avg(salary) OVER (PARTITION BY depname) > 0 AS above,
       100 * rank() OVER (ORDER BY empno) + empno AS r
  FROM empsalary ORDER BY empno;
SELECT DISTINCT depname, count(*) OVER (PARTITION BY depname) FROM empsalary ORDER BY 1;
SELECT empno FROM empsalary ORDER BY rank() OVER (ORDER BY salary DESC), empno LIMIT 4;
SELECT empno, row_number() OVER (ORDER BY empno DESC) FROM empsalary
  ORDER BY 2 OFFSET 2 LIMIT 3;

-- set-returning functions in the select list run after the windows
SELECT empno, generate_series(1, rank() OVER (ORDER BY empno)::int) AS g
  FROM empsalary WHERE empno < 4 ORDER BY 1, 2;
SELECT empno, unnest(array_agg(empno) OVER (ORDER BY empno ROWS 1 PRECEDING)) AS u
  FROM empsalary WHERE empno < 4 ORDER BY 1, 2;

-- subqueries, CTEs, views, correlated subqueries (rescans)
SELECT * FROM (SELECT empno, row_number() OVER (PARTITION BY depname ORDER BY salary DESC, empno) AS rn
               FROM empsalary) s
  WHERE rn <= 2 ORDER BY empno;
WITH ranked AS (SELECT depname, empno, dense_rank() OVER (ORDER BY depname) AS d FROM empsalary)
SELECT d, count(*) FROM ranked GROUP BY d ORDER BY d;
CREATE VIEW empranks AS
  SELECT empno, rank() OVER (PARTITION BY depname ORDER BY salary DESC) AS r FROM empsalary;
SELECT * FROM empranks WHERE r = 1 ORDER BY empno;
SELECT g, (SELECT max(s) FROM (SELECT sum(n.x) OVER (ORDER BY n.x) AS s FROM nums n
                               WHERE n.g = o.g) q)
  FROM (SELECT DISTINCT g FROM nums WHERE g IS NOT NULL) o ORDER BY g;
SELECT x, (SELECT count(*) OVER () FROM nums n2 WHERE n2.x = n1.x) FROM nums n1 ORDER BY x;

-- no input rows
SELECT rank() OVER (ORDER BY x), sum(x) OVER () FROM nums WHERE false;
SELECT count(*) OVER () FROM empsalary WHERE empno > 100;
SELECT count(*) OVER (), sum(1) OVER ();

-- prepared statements: parameters in arguments and frame offsets
PREPARE wp(int, int) AS
  SELECT x, sum(x) OVER (ORDER BY x ROWS $1 PRECEDING), lag(x, $2) OVER (ORDER BY x)
  FROM nums WHERE x <= 5 ORDER BY x;
EXECUTE wp(1, 1);
EXECUTE wp(3, 2);
EXECUTE wp(-1, 1);
EXECUTE wp(NULL, 1);
DEALLOCATE wp;

-- plans
EXPLAIN (COSTS OFF)
SELECT empno, rank() OVER (PARTITION BY depname ORDER BY salary) FROM empsalary;
EXPLAIN (COSTS OFF)
SELECT empno, sum(salary) OVER () FROM empsalary;
EXPLAIN (COSTS OFF)
SELECT empno, rank() OVER (ORDER BY salary), sum(salary) OVER (PARTITION BY depname ORDER BY empno),
       count(*) OVER ()
  FROM empsalary;
EXPLAIN (COSTS OFF)
SELECT empno, rank() OVER (PARTITION BY depname ORDER BY salary),
       sum(salary) OVER (PARTITION BY depname)
  FROM empsalary ORDER BY depname;
EXPLAIN (COSTS OFF)
SELECT empno, rank() OVER (ORDER BY empno) FROM empsalary ORDER BY empno DESC;
EXPLAIN (COSTS OFF)
SELECT depname, sum(salary), rank() OVER (ORDER BY sum(salary)) FROM empsalary GROUP BY depname;

-- an index scan in the first window's order saves its Sort
CREATE TABLE wix (a int, b int, c int);
INSERT INTO wix SELECT x, x % 10, x % 7 FROM generate_series(1, 10000) x;
CREATE INDEX wix_b_a ON wix (b, a);
ANALYZE wix;
EXPLAIN (COSTS OFF) SELECT a, rank() OVER (PARTITION BY b ORDER BY a) FROM wix;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT a, rank() OVER (PARTITION BY b ORDER BY a) FROM wix;
EXPLAIN (COSTS OFF)
SELECT a, rank() OVER (PARTITION BY b ORDER BY a), sum(a) OVER (PARTITION BY b) FROM wix ORDER BY b;
SELECT a, b, rank() OVER (PARTITION BY b ORDER BY a), sum(a) OVER (PARTITION BY b)
  FROM wix WHERE a < 25 ORDER BY b, a LIMIT 6;
RESET enable_seqscan;
DROP TABLE wix;

-- errors
SELECT rank() OVER w FROM empsalary WINDOW w AS (ORDER BY empno), w AS (ORDER BY salary);
SELECT rank() OVER nosuch FROM empsalary;
SELECT rank() OVER (nosuch ORDER BY empno) FROM empsalary;
SELECT rank() OVER (w PARTITION BY empno) FROM empsalary WINDOW w AS (ORDER BY empno);
SELECT rank() OVER (w ORDER BY empno) FROM empsalary WINDOW w AS (ORDER BY salary);
SELECT rank() OVER (w) FROM empsalary WINDOW w AS (ORDER BY empno ROWS UNBOUNDED PRECEDING);
SELECT rank() OVER (w ORDER BY empno) FROM empsalary WINDOW w AS (ROWS UNBOUNDED PRECEDING);
SELECT row_number() FROM empsalary;
SELECT abs(empno) OVER () FROM empsalary;
SELECT count(DISTINCT empno) OVER () FROM empsalary;
SELECT sum(empno ORDER BY salary) OVER () FROM empsalary;
SELECT rank() FILTER (WHERE empno > 1) OVER () FROM empsalary;
SELECT empno FROM empsalary WHERE rank() OVER () > 1;
SELECT empno FROM empsalary GROUP BY rank() OVER ();
SELECT depname FROM empsalary GROUP BY depname HAVING rank() OVER () > 1;
SELECT sum(rank() OVER ()) FROM empsalary;
SELECT sum(salary) FILTER (WHERE rank() OVER () > 1) OVER () FROM empsalary;
SELECT rank() OVER (ORDER BY rank() OVER ()) FROM empsalary;
SELECT rank() OVER w FROM empsalary WINDOW w AS (PARTITION BY rank() OVER ());
SELECT sum(sum(empno) OVER ()) OVER () FROM empsalary;
SELECT count(*) OVER (), empno FROM empsalary GROUP BY depname;
SELECT empno FROM empsalary LIMIT rank() OVER ();
INSERT INTO empsalary VALUES ('x', rank() OVER ());
UPDATE empsalary SET salary = rank() OVER ();
DELETE FROM empsalary RETURNING rank() OVER ();
SELECT rank() OVER () FROM empsalary FOR UPDATE;
SELECT ntile(0) OVER () FROM empsalary;
SELECT ntile(-1) OVER () FROM empsalary;
SELECT nth_value(empno, 0) OVER () FROM empsalary;
SELECT sum(empno) OVER (ROWS -1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM empsalary;
SELECT sum(empno) OVER (ROWS NULL PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS empno PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS sum(empno) PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS 'x' PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (GROUPS 1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (RANGE 1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY empno, salary RANGE 1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY empno RANGE 1.5 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY depname RANGE 1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY empno RANGE -1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY empno RANGE BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY salary::numeric RANGE 'NaN' PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ORDER BY enroll_date RANGE '-1 day' PRECEDING) FROM empsalary;
SELECT count(*) OVER (ORDER BY t RANGE '-1 hour' PRECEDING) FROM (VALUES ('00:30'::time)) v(t);
SELECT sum(empno) OVER (ORDER BY empno RANGE empno PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS UNBOUNDED FOLLOWING) FROM empsalary;
SELECT sum(empno) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM empsalary;
SELECT sum(empno) OVER (ROWS 1 FOLLOWING) FROM empsalary;

DROP VIEW empranks;
DROP TABLE empsalary;
DROP TABLE nums;
