--
-- Exact space accounting: the incrementally maintained counters of
-- rustydb_relation_space() ([4] = 0: read from the counters) equal a fresh
-- page-by-page measurement after every kind of change.  RustyDB only: the
-- expected output is RustyDB's (PostgreSQL has no such functions).
--
CREATE TABLE sp (id int PRIMARY KEY, k int NOT NULL, v text) WITH (autovacuum_enabled = false);
CREATE INDEX sp_k ON sp (k);
-- a new table: valid from 0
SELECT rustydb_relation_space('sp') AS counters;
-- inserts
INSERT INTO sp SELECT g, g % 100, repeat('x', g % 50) FROM generate_series(1, 2000) g;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS inserts, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- COPY
COPY sp FROM stdin;
5001	1	copied
5002	2	copied again
5003	3	\N
\.
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS copy, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- HOT updates (no indexed column changes) and non-HOT updates
UPDATE sp SET v = v || 'y' WHERE id % 5 = 0;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS hot_updates, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
UPDATE sp SET k = k + 1000 WHERE id % 7 = 0;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS updates, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- deletes
DELETE FROM sp WHERE id % 11 = 0;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS deletes, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- a rolled-back transaction: its new versions are dead, its deletions undone
BEGIN;
INSERT INTO sp SELECT g, g, 'rolled back' FROM generate_series(6001, 6300) g;
UPDATE sp SET v = 'gone' WHERE id % 13 = 0;
DELETE FROM sp WHERE id % 17 = 0;
ROLLBACK;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS rollback, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- savepoints: ROLLBACK TO forgets the deletions and kills the insertions made since
BEGIN;
INSERT INTO sp VALUES (7001, 1, 'kept');
SAVEPOINT a;
INSERT INTO sp SELECT g, g, 'in savepoint' FROM generate_series(7100, 7200) g;
DELETE FROM sp WHERE id % 19 = 0;
UPDATE sp SET v = 'in savepoint' WHERE id % 23 = 0;
ROLLBACK TO a;
INSERT INTO sp VALUES (7002, 2, 'after rollback to');
SAVEPOINT b;
DELETE FROM sp WHERE id % 29 = 0;
UPDATE sp SET v = v || 'z' WHERE id % 31 = 0;
RELEASE b;
SAVEPOINT c;
DELETE FROM sp WHERE id = 7001;
ROLLBACK TO c;
COMMIT;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS savepoints, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- opportunistic pruning: repeated HOT updates of a few rows fill their pages
UPDATE sp SET v = repeat('p', 200) WHERE id <= 40;
SELECT pg_sleep(0.02);
UPDATE sp SET v = repeat('q', 200) WHERE id <= 40;
SELECT pg_sleep(0.02);
UPDATE sp SET v = repeat('r', 200) WHERE id <= 40;
SELECT pg_sleep(0.02);
UPDATE sp SET v = repeat('s', 200) WHERE id <= 40;
SELECT pg_sleep(0.02);
UPDATE sp SET v = repeat('t', 200) WHERE id <= 40;
SELECT pg_sleep(0.02);
SELECT count(*) FROM sp WHERE id <= 40 AND v LIKE 't%';
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS pruning, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- VACUUM (pruning, then its second pass frees the dead line pointers)
VACUUM sp;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS vacuum, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- VACUUM cutting empty pages off the end (no index: pruning frees the line pointers at once)
CREATE TABLE sp_tail (id int, v text) WITH (autovacuum_enabled = false);
INSERT INTO sp_tail SELECT g, md5(g::text) FROM generate_series(1, 3000) g;
SELECT pg_relation_size('sp_tail'::regclass) AS size_before \gset
DELETE FROM sp_tail WHERE id > 300;
VACUUM sp_tail;
SELECT pg_relation_size('sp_tail'::regclass) < :size_before AS truncated;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS vacuum_truncate, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp_tail') AS s, rustydb_relation_space_measured('sp_tail') AS m) x;
DROP TABLE sp_tail;
-- TRUNCATE: a new empty file, the counters restart from it
TRUNCATE sp;
SELECT rustydb_relation_space('sp') AS after_truncate;
INSERT INTO sp SELECT g, g % 10, 'again' FROM generate_series(1, 300) g;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS truncate, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- a rolled-back TRUNCATE brings the old file back: the counters are measured anew (source 1)
BEGIN;
TRUNCATE sp;
INSERT INTO sp VALUES (1, 1, 'short-lived');
ROLLBACK;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS truncate_rollback, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- VACUUM FULL writes its file directly: invalid, then a new baseline (1), then maintained again (0)
UPDATE sp SET v = 'before full' WHERE id % 3 = 0;
VACUUM FULL sp;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS vacuum_full, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
UPDATE sp SET v = 'after full' WHERE id % 4 = 0;
DELETE FROM sp WHERE id % 9 = 0;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS after_vacuum_full, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp') AS s, rustydb_relation_space_measured('sp') AS m) x;
-- v$table_statistics reads the same counters
SELECT t.live_bytes = s[1] AND t.dead_bytes = s[2] AND t.free_bytes = s[3] AS view_agrees
  FROM v$table_statistics t, (SELECT rustydb_relation_space('sp') AS s) x WHERE t.table_name = 'sp';
-- a table without indexes: pruning frees line pointers at once
CREATE TABLE sp2 (a int, b text) WITH (autovacuum_enabled = false);
INSERT INTO sp2 SELECT g, md5(g::text) FROM generate_series(1, 1000) g;
DELETE FROM sp2 WHERE a % 2 = 0;
UPDATE sp2 SET b = b || b WHERE a % 3 = 0;
VACUUM sp2;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS no_indexes, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp2') AS s, rustydb_relation_space_measured('sp2') AS m) x;
-- INSERT ... ON CONFLICT: inserted, updated and skipped rows
CREATE TABLE sp4 (id int PRIMARY KEY, n int) WITH (autovacuum_enabled = false);
INSERT INTO sp4 SELECT g, 0 FROM generate_series(1, 100) g;
INSERT INTO sp4 SELECT g, 1 FROM generate_series(50, 150) g ON CONFLICT (id) DO UPDATE SET n = sp4.n + 10;
INSERT INTO sp4 SELECT g, 2 FROM generate_series(140, 160) g ON CONFLICT DO NOTHING;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS upsert, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp4') AS s, rustydb_relation_space_measured('sp4') AS m) x;
DROP TABLE sp4;
-- created in the transaction, with a rolled-back savepoint inside
BEGIN;
CREATE TABLE sp3 (a int, b text) WITH (autovacuum_enabled = false);
INSERT INTO sp3 SELECT g, 'one' FROM generate_series(1, 100) g;
SAVEPOINT s1;
INSERT INTO sp3 SELECT g, 'two' FROM generate_series(1, 100) g;
DELETE FROM sp3 WHERE a < 50;
ROLLBACK TO s1;
UPDATE sp3 SET b = 'three' WHERE a > 90;
-- inside the creating transaction the counters are not there yet: measured (2)
SELECT (rustydb_relation_space('sp3'))[4] AS source_inside;
COMMIT;
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS created_in_transaction, s[4] AS source
  FROM (SELECT rustydb_relation_space('sp3') AS s, rustydb_relation_space_measured('sp3') AS m) x;
-- B-tree indexes (README "Exact space", "Indexes"): counters changed at once
-- with each page change; live = stored items, free = free space of every page
-- but the metapage
CREATE TABLE spi (id int PRIMARY KEY, k text) WITH (autovacuum_enabled = false);
CREATE INDEX spi_k ON spi (k);
-- a new index: valid from 0 (only its metapage)
SELECT rustydb_relation_space('spi_k') AS new_index;
-- inserts: page splits, a new root
INSERT INTO spi SELECT g, md5(g::text) FROM generate_series(1, 20000) g;
SELECT pg_relation_size('spi_k'::regclass) > 100 * 8192 AS many_pages,
       (rustydb_relation_space('spi_k'))[1] > 20000 * 40 AS live_counted;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS inserts, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- a rolled-back transaction's entries stay on their leaves (live until VACUUM)
BEGIN;
INSERT INTO spi SELECT g, 'rolled back ' || g FROM generate_series(30001, 31000) g;
ROLLBACK;
BEGIN;
INSERT INTO spi VALUES (32001, 'kept');
SAVEPOINT a;
INSERT INTO spi SELECT g, 'savepoint ' || g FROM generate_series(32100, 32600) g;
ROLLBACK TO a;
COMMIT;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS rollback, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- deletes, updates (non-HOT: new entries), then VACUUM's bulk delete
DELETE FROM spi WHERE id % 3 = 0;
UPDATE spi SET k = k || 'u' WHERE id % 5 = 0;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS updates, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
VACUUM spi;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS vacuum, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- REINDEX (a new file, built bottom-up), plain and concurrent
REINDEX INDEX spi_k;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS reindex, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
REINDEX TABLE spi;
REINDEX INDEX CONCURRENTLY spi_k;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS reindex_concurrently, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- inserts into a rebuilt index keep it exact
INSERT INTO spi SELECT g, md5(g::text) FROM generate_series(40001, 43000) g;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS after_reindex, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- VACUUM FULL rebuilds every index
DELETE FROM spi WHERE id % 7 = 0;
VACUUM FULL spi;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS vacuum_full, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- CREATE INDEX CONCURRENTLY on a filled table
CREATE INDEX CONCURRENTLY spi_k2 ON spi (k, id);
SELECT CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS create_concurrently, s[4] AS source
  FROM (SELECT rustydb_relation_space('spi_k2') AS s, rustydb_relation_space_measured('spi_k2') AS m) x;
-- a rolled-back TRUNCATE keeps the old files and their counters
BEGIN;
TRUNCATE spi;
INSERT INTO spi VALUES (1, 'short-lived');
ROLLBACK;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS truncate_rollback, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- TRUNCATE: new files, valid from 0
TRUNCATE spi;
SELECT rustydb_relation_space('spi_k') AS after_truncate;
INSERT INTO spi SELECT g, md5(g::text) FROM generate_series(1, 500) g;
SELECT i AS index, CASE WHEN s[1] = m[1] AND s[2] = m[2] AND s[3] = m[3] THEN 'exact' ELSE s::text || ' vs ' || m::text END AS truncate, s[4] AS source
  FROM (SELECT i, rustydb_relation_space(i) AS s, rustydb_relation_space_measured(i) AS m FROM unnest(ARRAY['spi_pkey', 'spi_k']) AS i) x;
-- v$index_usage reads the same counters
SELECT u.index_name, u.live_bytes = (rustydb_relation_space(u.index_name::text))[1]
       AND u.dead_bytes = (rustydb_relation_space(u.index_name::text))[2]
       AND u.free_bytes = (rustydb_relation_space(u.index_name::text))[3] AS view_agrees
  FROM v$index_usage u WHERE u.table_name = 'spi' ORDER BY 1;
DROP TABLE spi;
-- errors
SELECT rustydb_relation_space('no_such_table');
CREATE VIEW sp_view AS SELECT 1 AS one;
SELECT rustydb_relation_space_measured('sp_view');
DROP VIEW sp_view;
DROP TABLE sp, sp2, sp3;
