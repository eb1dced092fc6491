--
-- temp: temporary tables and views, ON COMMIT, DISCARD
--
CREATE TABLE tt (a int);
INSERT INTO tt VALUES (1);
CREATE TEMP TABLE tt (a int, b text);
INSERT INTO tt VALUES (2, 'temp');
-- the temporary table hides the permanent one
SELECT * FROM tt;
SELECT * FROM public.tt;
SELECT * FROM pg_temp.tt;
SELECT relpersistence, relkind FROM pg_class WHERE relname = 'tt' ORDER BY 1;
SELECT pg_table_is_visible(oid), relpersistence FROM pg_class WHERE relname = 'tt' ORDER BY 2;
-- unless pg_temp is placed after public in search_path
SET search_path = public, pg_temp;
SELECT * FROM tt;
RESET search_path;
SELECT * FROM tt;
-- indexes and constraints on temporary tables
CREATE TEMPORARY TABLE tk (id int PRIMARY KEY, v text UNIQUE);
INSERT INTO tk SELECT g, 'v' || g FROM generate_series(1, 100) g;
INSERT INTO tk VALUES (1, 'x');
CREATE INDEX tk_v ON tk (v);
SELECT relpersistence FROM pg_class WHERE relname IN ('tk', 'tk_pkey', 'tk_v_key', 'tk_v') ORDER BY relname;
UPDATE tk SET v = v || '!' WHERE id <= 10;
DELETE FROM tk WHERE id > 50;
SELECT count(*), count(*) FILTER (WHERE v LIKE '%!') FROM tk;
-- a pg_temp-qualified name creates a temporary table
CREATE TABLE pg_temp.tq (x int);
SELECT relpersistence FROM pg_class WHERE relname = 'tq';
-- errors
CREATE TEMP TABLE public.tbad (x int);
CREATE TABLE tbad (x int) ON COMMIT DROP;
CREATE TEMP TABLE tt (z int);
-- ON COMMIT
CREATE TEMP TABLE tdel (x int) ON COMMIT DELETE ROWS;
INSERT INTO tdel VALUES (1);
SELECT count(*) FROM tdel;
BEGIN;
INSERT INTO tdel VALUES (1), (2);
SELECT count(*) FROM tdel;
COMMIT;
SELECT count(*) FROM tdel;
CREATE TEMP TABLE tpres (x int) ON COMMIT PRESERVE ROWS;
INSERT INTO tpres VALUES (1);
SELECT count(*) FROM tpres;
CREATE TEMP TABLE tdrop (x int) ON COMMIT DROP;
SELECT count(*) FROM tdrop;
BEGIN;
CREATE TEMP TABLE tdrop (x int) ON COMMIT DROP;
INSERT INTO tdrop VALUES (1);
SELECT count(*) FROM tdrop;
COMMIT;
SELECT count(*) FROM tdrop;
BEGIN;
CREATE TEMP TABLE tdrop2 (x int) ON COMMIT DROP;
ROLLBACK;
SELECT count(*) FROM tdrop2;
-- a temporary table created in a rolled-back transaction is gone
BEGIN;
CREATE TEMP TABLE trb (x int);
INSERT INTO trb VALUES (1);
ROLLBACK;
SELECT * FROM trb;
-- views: TEMP, and a view over a temporary table becomes temporary
CREATE TEMP VIEW tv AS SELECT a, b FROM tt;
CREATE VIEW tv2 AS SELECT count(*) AS n FROM tk;
CREATE VIEW public.tv3 AS SELECT * FROM tt;
SELECT relname, relpersistence FROM pg_class WHERE relname IN ('tv', 'tv2') ORDER BY 1;
SELECT * FROM tv, tv2;
-- DISCARD
DISCARD PLANS;
DISCARD SEQUENCES;
BEGIN;
DISCARD ALL;
ROLLBACK;
BEGIN;
DISCARD TEMP;
ROLLBACK;
SELECT * FROM tt;
DISCARD TEMP;
SELECT * FROM tt;
SELECT count(*) FROM pg_class WHERE relpersistence = 't';
CREATE TEMP TABLE tafter (x int);
INSERT INTO tafter VALUES (7);
DISCARD ALL;
SELECT * FROM tafter;
DROP TABLE tt;
-- foreign keys between temporary and permanent tables
CREATE TABLE tperm (id int PRIMARY KEY);
CREATE TEMP TABLE ttmp (id int PRIMARY KEY);
CREATE TABLE tfk1 (r int REFERENCES ttmp);
CREATE TEMP TABLE tfk2 (r int REFERENCES tperm);
CREATE TEMP TABLE tfk3 (r int REFERENCES ttmp);
INSERT INTO ttmp VALUES (1);
INSERT INTO tfk3 VALUES (1);
INSERT INTO tfk3 VALUES (2);
DROP TABLE tperm;

-- search path functions once a temporary schema exists: current_schema and
-- current_schemas(false) leave out the implicit schemas (pgbench asks)
SET search_path = nosuch, public;
SELECT current_schema(), current_schemas(false), array_length(current_schemas(true), 1),
       (current_schemas(true))[1] LIKE 'pg_temp_%' AS temp_first,
       (current_schemas(true))[2] AS second, (current_schemas(true))[3] AS third;
SET search_path = nosuch;
SELECT current_schema() IS NULL AS no_schema, current_schemas(false), current_schemas(true) = '{pg_temp}' AS never;
RESET search_path;
