--
-- VACUUM: dead tuples removed, space reused, VACUUM FULL shrinks the file
--
CREATE TABLE vac1 (id int, v text);
INSERT INTO vac1 SELECT g, repeat('x', 50) FROM generate_series(1, 2000) g;
CREATE TABLE vac_sizes (label text, bytes bigint);
INSERT INTO vac_sizes SELECT 'loaded', pg_relation_size(to_regclass('vac1'));
DELETE FROM vac1 WHERE id % 2 = 0;
VACUUM vac1;
SELECT count(*) FROM vac1;
-- new rows go into the freed space: the file does not grow
INSERT INTO vac1 SELECT g, repeat('y', 50) FROM generate_series(2001, 2900) g;
INSERT INTO vac_sizes SELECT 'refilled', pg_relation_size(to_regclass('vac1'));
SELECT (SELECT bytes FROM vac_sizes WHERE label = 'refilled') =
       (SELECT bytes FROM vac_sizes WHERE label = 'loaded') AS same_size;
SELECT count(*) FROM vac1;
-- deleting the tail lets VACUUM truncate the file
DELETE FROM vac1 WHERE id > 1000;
VACUUM (VERBOSE false, INDEX_CLEANUP on, TRUNCATE on) vac1;
SELECT pg_relation_size(to_regclass('vac1')) <
       (SELECT bytes FROM vac_sizes WHERE label = 'loaded') AS truncated;
SELECT count(*), min(id), max(id) FROM vac1;
-- VACUUM FULL rewrites and shrinks
DELETE FROM vac1 WHERE id % 5 <> 0;
INSERT INTO vac_sizes SELECT 'before full', pg_relation_size(to_regclass('vac1'));
VACUUM FULL vac1;
SELECT pg_relation_size(to_regclass('vac1')) <
       (SELECT bytes FROM vac_sizes WHERE label = 'before full') AS shrunk;
SELECT count(*), sum(id) FROM vac1;
-- with an index: entries of dead rows go, lookups still work
CREATE TABLE vac2 (id int PRIMARY KEY, k int);
INSERT INTO vac2 SELECT g, g % 7 FROM generate_series(1, 3000) g;
DELETE FROM vac2 WHERE k = 3;
UPDATE vac2 SET k = k + 100 WHERE k = 4;
VACUUM vac2;
SELECT count(*) FROM vac2;
SELECT id, k FROM vac2 WHERE id IN (3, 4, 10, 11) ORDER BY id;
INSERT INTO vac2 SELECT g, 3 FROM generate_series(3001, 3100) g;
SELECT count(*) FROM vac2 WHERE k = 3;
-- exact space: no dead bytes right after VACUUM
VACUUM vac2;
SELECT (rustydb_relation_space('vac2'))[2] AS dead_bytes;
SELECT (rustydb_relation_space('vac2'))[1] > 0 AS has_live_bytes;
-- index entries of dead versions are removed from real B-tree pages: the
-- indexes verify (heap pointers valid, every live row indexed once), their
-- entry counts drop to the live rows, and scans through them agree
CREATE TABLE vac3 (id int PRIMARY KEY, k int NOT NULL, t text);
CREATE INDEX vac3_k ON vac3 (k);
INSERT INTO vac3 SELECT g, g % 50, md5(g::text) FROM generate_series(1, 5000) g;
DELETE FROM vac3 WHERE id % 3 = 0;
UPDATE vac3 SET k = k + 1000 WHERE id % 10 = 1;
VACUUM vac3;
SELECT rustydb_verify_index('vac3_pkey', true);
SELECT rustydb_verify_index('vac3_k', true);
SELECT relname, reltuples FROM pg_class WHERE relname IN ('vac3', 'vac3_pkey', 'vac3_k') ORDER BY relname;
EXPLAIN (COSTS OFF) SELECT id FROM vac3 WHERE id BETWEEN 297 AND 303;
SELECT id FROM vac3 WHERE id BETWEEN 297 AND 303 ORDER BY id;
SELECT count(*) FROM vac3 WHERE k = 7;
SELECT count(*) FROM vac3 WHERE k = 1011;
-- new rows take the freed line pointers; no stale entry leads to them
INSERT INTO vac3 SELECT g, 7, 'new' FROM generate_series(6001, 6300) g;
SELECT count(*) FROM vac3 WHERE k = 7;
SELECT count(*) FROM vac3 WHERE id % 3 = 0;
SELECT rustydb_verify_index('vac3_k', true);
DROP TABLE vac3;
-- the forms of the operator's guide and PostgreSQL
VACUUM;
VACUUM ANALYZE vac1;
VACUUM (ANALYZE, VERBOSE false) vac1, vac2;
VACUUM (FULL) vac2;
VACUUM FREEZE vac1;
SELECT count(*) FROM vac2;
-- errors
BEGIN;
VACUUM vac1;
ROLLBACK;
VACUUM no_such_table;
VACUUM (no_such_option) vac1;
VACUUM vac1 (id);
VACUUM (FULL, DISABLE_PAGE_SKIPPING) vac1;
DROP TABLE vac1;
DROP TABLE vac2;
DROP TABLE vac_sizes;
