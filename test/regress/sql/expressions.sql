--
-- expressions.sql: expression analysis -- literals, casts, operators and
-- functions with overload resolution, CASE/COALESCE/NULLIF/GREATEST/LEAST,
-- arrays, SQL-syntax functions, DML (INSERT/UPDATE/DELETE with defaults,
-- coercions, RETURNING).
--
SELECT 1 AS int4, 2147483648 AS int8, 9223372036854775808 AS num, 1.5 AS dec, 1e3 AS sci;
SELECT pg_typeof(1), pg_typeof(2147483648), pg_typeof(1.5), pg_typeof('a'::text), pg_typeof(1 + 1.5);
SELECT 1 + '2', '3' * 2, 'a' || 'b', 'a' || 1;
SELECT 7 / 2, 7 % 2, 7.0 / 2, -7 / 2, 2 ^ 10;
SELECT 1::int2 + 1::int8 AS mixed, pg_typeof(1::int2 + 1::int8);
SELECT '42'::int, '3.14'::numeric(4,1), 'abc'::varchar(2), 'abc'::char(5), 'yes'::boolean;
SELECT CAST('2020-02-29' AS date), '2020-02-29 10:00'::timestamp, '1 day 2 hours'::interval;
SELECT 123::text, 1.5::int, 2.5::int, (-2.5)::int, true::int;
SELECT int4('5'), text(123);
SELECT abs(-3), abs(-3.5), length('hello'), upper('abc'), lower('ABC');
SELECT round(2.567, 2), trunc(2.567), mod(7, 3), greatest(1, 2.5, 2), least('b', 'a');
SELECT substring('hello' from 2 for 3), substring('hello' from 3), position('l' in 'hello');
SELECT trim('  x  '), trim(leading 'x' from 'xxaxx'), trim(trailing from 'a  ');
SELECT extract(year from '2021-06-15'::date), extract(month from '2021-06-15 10:00'::timestamp);
SELECT concat('a', 1, NULL, 2.5), concat_ws('-', 'a', 'b');
SELECT CASE WHEN 1 > 2 THEN 'no' WHEN 2 > 1 THEN 'yes' END;
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END;
SELECT CASE WHEN false THEN 1 ELSE 2.5 END, pg_typeof(CASE WHEN false THEN 1 ELSE 2.5 END);
SELECT coalesce(NULL, NULL, 'x'), coalesce(NULL, 2, 3.5), nullif(1, 1), nullif(1, 2);
SELECT NULL IS NULL, 1 IS NOT NULL, NULL::int IS DISTINCT FROM 1, true IS TRUE, NULL::bool IS UNKNOWN;
SELECT 1 = ANY (ARRAY[1, 2]), 3 <> ALL (ARRAY[1, 2]), 2 IN (1, 2, 3), 'a' NOT IN ('b', 'c');
SELECT ARRAY[1, 2, 3], ARRAY[1, 2.5], ARRAY['a', 'b'], (ARRAY[10, 20, 30])[2];
SELECT ARRAY[[1, 2], [3, 4]], ARRAY[]::int[];
SELECT 'abc' LIKE 'a%', 'abc' NOT LIKE 'b%', 'ABC' ILIKE 'a%', 'a_c' LIKE 'a!_c' ESCAPE '!';
SELECT 'abc' SIMILAR TO 'a(b|c)+', 'abd' NOT SIMILAR TO 'a(b|c)+';
SELECT 5 BETWEEN 1 AND 10, 5 NOT BETWEEN 6 AND 10, 5 BETWEEN SYMMETRIC 10 AND 1;
SELECT current_date = current_date, current_timestamp IS NOT NULL, localtimestamp IS NOT NULL;
SELECT current_user = session_user, current_catalog IS NOT NULL, current_schema;

-- DML: defaults, coercions, RETURNING
CREATE TABLE ex_t (id int, name varchar(5) DEFAULT 'none', qty int DEFAULT 10, price numeric(6,2), note text);
INSERT INTO ex_t (id) VALUES (1);
INSERT INTO ex_t VALUES (2, 'bob', 3, 9.999, 'x');
INSERT INTO ex_t VALUES (3, DEFAULT, DEFAULT, '1.5', NULL);
INSERT INTO ex_t (id, price) VALUES (4, 2), (5, 3.333), (6, DEFAULT);
INSERT INTO ex_t (name, id) SELECT 'sel', 7;
INSERT INTO ex_t (id, qty) VALUES (8, '42') RETURNING id, qty, name;
INSERT INTO ex_t DEFAULT VALUES;
INSERT INTO ex_t (id, qty) VALUES (9, 1.6);
SELECT * FROM ex_t ORDER BY id NULLS LAST;
UPDATE ex_t SET qty = qty + 1, note = 'upd' WHERE id <= 2;
UPDATE ex_t SET name = DEFAULT, price = price * 2 WHERE id = 2 RETURNING id, name, price;
UPDATE ex_t SET (qty, note) = (0, 'multi') WHERE id = 3;
UPDATE ex_t t SET note = d.n FROM (VALUES (4, 'four'), (5, 'five')) AS d(i, n) WHERE t.id = d.i;
SELECT * FROM ex_t ORDER BY id NULLS LAST;
DELETE FROM ex_t WHERE id IS NULL;
DELETE FROM ex_t WHERE id > 6 RETURNING id, name;
DELETE FROM ex_t USING (VALUES (5)) AS d(i) WHERE ex_t.id = d.i;
SELECT id, name, qty, price, note FROM ex_t ORDER BY id;
DROP TABLE ex_t;
-- time: a leap second reaches 24:00:00 and no further
SELECT '23:59:60'::time, '23:59:59.9999995'::time, '24:00:00'::time;
SELECT '23:59:60.5'::time;
SELECT '2020-02-29 23:59:60.999999905'::time;
SELECT '24:00:00.1'::time;
