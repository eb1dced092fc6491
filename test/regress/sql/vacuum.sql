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
