--
-- errors.sql: analysis errors -- SQLSTATEs, messages, hints and positions
-- must match PostgreSQL.
--
\set VERBOSITY default
CREATE TABLE err_t (a int, b text, c varchar(3));
CREATE TABLE err_u (a int, d date);
INSERT INTO err_t VALUES (1, 'x', 'abc');

-- undefined objects
SELECT * FROM no_such_table;
SELECT * FROM v;
SELECT * FROM nosuchschema.err_t;
SELECT zz FROM err_t;
SELECT err_t.zz FROM err_t;
SELECT q.a FROM err_t;
SELECT a FROM err_t, err_u;
SELECT err_t.a FROM err_t t;
SELECT foo(1);
SELECT length(1);
SELECT 1 + 'x'::text;
SELECT 'a' + 'b';
SELECT 1::nosuchtype;
SELECT 1::date;
SELECT $1;

-- type mismatches
SELECT 1 FROM err_t WHERE a;
SELECT 1 FROM err_t WHERE b;
SELECT CASE WHEN a THEN 1 END FROM err_t;
SELECT 1 + 'abc';
SELECT a FROM err_t UNION SELECT b FROM err_t;
SELECT CASE WHEN true THEN 1 ELSE 'x'::text END;
SELECT coalesce(a, b) FROM err_t;
SELECT ARRAY[1, 'x'::text];
SELECT ARRAY[];
SELECT 1 LIMIT 'x';
SELECT a FROM err_t LIMIT a;

-- grouping and aggregates
SELECT a, count(*) FROM err_t;
SELECT b FROM err_t GROUP BY a;
SELECT a FROM err_t WHERE count(*) > 0;
SELECT sum(sum(a)) FROM err_t;
SELECT a FROM err_t GROUP BY sum(a);
SELECT count(*) FILTER (WHERE a) FROM err_t;
SELECT abs(DISTINCT a) FROM err_t;

-- ORDER BY / GROUP BY / DISTINCT references
SELECT a FROM err_t ORDER BY 2;
SELECT a FROM err_t GROUP BY 3;
SELECT DISTINCT a FROM err_t ORDER BY b;
SELECT DISTINCT ON (a) a, b FROM err_t ORDER BY b;
SELECT a AS x, b AS x FROM err_t ORDER BY x;
SELECT a FROM err_t UNION SELECT a FROM err_t ORDER BY a + 1;

-- FROM clause problems
SELECT * FROM (SELECT 1);
SELECT * FROM err_t, err_t;
SELECT * FROM err_t JOIN err_u USING (zz);
SELECT * FROM (VALUES (1, 2)) AS v(x, y, z);
SELECT a FROM err_t JOIN err_u ON true;
SELECT 1 UNION SELECT 1, 2;
VALUES (1), (1, 2);
SELECT *;
SELECT 1 FROM err_t FOR UPDATE OF nosuch;
SELECT count(*) FROM err_t FOR UPDATE;

-- WITH
WITH x AS (SELECT * FROM y), y AS (SELECT 1) SELECT * FROM x;
WITH RECURSIVE r(n) AS (SELECT n FROM r) SELECT * FROM r;
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x;

-- sublinks
SELECT (SELECT a, b FROM err_t);
SELECT 1 WHERE 1 IN (SELECT 1, 2);

-- INSERT / UPDATE / DELETE
INSERT INTO err_t (zz) VALUES (1);
INSERT INTO err_t VALUES (1, 'x', 'abc', 4);
INSERT INTO err_t (a, b) VALUES (1);
INSERT INTO err_t (a, a) VALUES (1, 2);
INSERT INTO err_t (a) VALUES ('x'::text);
INSERT INTO err_t (d) VALUES (1);
INSERT INTO err_t (c) VALUES ('abcdef');
INSERT INTO err_t (a) VALUES ('nope');
UPDATE err_t SET zz = 1;
UPDATE err_t SET a = 'x'::text;
UPDATE err_t SET a = 1, a = 2;
UPDATE err_t SET c = 'toolong';
DELETE FROM err_t WHERE zz = 1;
DELETE FROM no_such_table;

DROP TABLE err_t;
DROP TABLE err_u;
