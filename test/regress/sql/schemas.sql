--
-- DROP SCHEMA: RESTRICT refuses, CASCADE drops tables with their indexes
-- and constraints, and views
--
CREATE SCHEMA sch;
CREATE TABLE sch.t1 (id int PRIMARY KEY, v text UNIQUE);
CREATE TABLE sch.t2 (id int PRIMARY KEY, t1 int REFERENCES sch.t1 (id));
CREATE INDEX t2_partial ON sch.t2 (t1) WHERE id > 5;
CREATE VIEW sch.v AS SELECT id FROM sch.t1;
INSERT INTO sch.t1 VALUES (1, 'a');
INSERT INTO sch.t2 VALUES (10, 1);
DROP SCHEMA sch;
DROP SCHEMA sch CASCADE;
SELECT count(*) FROM pg_class WHERE relname IN ('t1', 't2', 'v', 't2_partial', 't1_pkey', 't1_v_key');
SELECT count(*) FROM pg_namespace WHERE nspname = 'sch';
DROP SCHEMA sch;
DROP SCHEMA IF EXISTS sch;
-- an empty schema drops without CASCADE; a rolled-back drop keeps everything
CREATE SCHEMA sch2;
CREATE TABLE sch2.t (a int PRIMARY KEY);
INSERT INTO sch2.t VALUES (1), (2);
BEGIN;
DROP SCHEMA sch2 CASCADE;
ROLLBACK;
SELECT a FROM sch2.t ORDER BY a;
DROP TABLE sch2.t;
DROP SCHEMA sch2;
