--
-- hot: heap-only tuple (HOT) updates.  An UPDATE that changes no column used
-- by an index (key, INCLUDE or partial-index predicate column) and fits on
-- the row's page adds no index entries; index scans follow the chain from
-- the entry to the version they may see; pruning and VACUUM collapse chains.
--
CREATE TABLE hot_t (id int PRIMARY KEY, k int, payload text, note text);
CREATE INDEX hot_t_k ON hot_t (k);
CREATE INDEX hot_t_flagged ON hot_t (id) WHERE note = 'flagged';
INSERT INTO hot_t SELECT g, g * 10, 'p' || g, 'plain' FROM generate_series(1, 20) g;
CREATE TABLE hot_sizes (what text, pkey bigint, k bigint);
INSERT INTO hot_sizes SELECT 'loaded', pg_relation_size(to_regclass('hot_t_pkey')),
    pg_relation_size(to_regclass('hot_t_k'));
-- 1000 single-row updates of a column no index uses
SELECT 'UPDATE hot_t SET payload = ''v' || g || ''' WHERE id = ' || (g % 20 + 1)
  FROM generate_series(1, 1000) g \gexec
INSERT INTO hot_sizes SELECT 'updated', pg_relation_size(to_regclass('hot_t_pkey')),
    pg_relation_size(to_regclass('hot_t_k'));
-- no new index entries: the indexes kept their size; pruning keeps the
-- table small (1000 versions of ~50 bytes would need 7 pages; a second page
-- is allowed for a concurrent snapshot, e.g. autovacuum's, delaying pruning)
SELECT a.pkey = b.pkey AS pkey_same, a.k = b.k AS k_same
  FROM hot_sizes a, hot_sizes b WHERE a.what = 'loaded' AND b.what = 'updated';
SELECT pg_relation_size(to_regclass('hot_t')) <= 16384 AS table_small;
SELECT rustydb_stat_flush();
SELECT n_tup_upd, n_tup_hot_upd > 900 AS mostly_hot
  FROM pg_stat_user_tables WHERE relname = 'hot_t';
-- index scans see the newest version of each row
SELECT id, k, payload FROM hot_t WHERE id = 1;
SELECT id, k, payload FROM hot_t WHERE id = 20;
SELECT id, k, payload FROM hot_t WHERE k = 70;
SELECT count(*) FROM hot_t WHERE id BETWEEN 1 AND 20;
-- the unique index still sees every live row through its chain
INSERT INTO hot_t VALUES (7, 0, 'dup', 'plain');
UPDATE hot_t SET id = 8 WHERE id = 7;
-- changing an indexed column is not HOT: the new version gets entries
UPDATE hot_t SET k = k + 1 WHERE id <= 5;
SELECT id, k, payload FROM hot_t WHERE k = 11;
SELECT count(*) FROM hot_t WHERE k = 10;
-- neither is changing a column the partial index's predicate reads
UPDATE hot_t SET note = 'flagged' WHERE id = 3;
SELECT id, note FROM hot_t WHERE note = 'flagged' AND id = 3;
SELECT rustydb_stat_flush();
SELECT n_tup_upd, n_tup_hot_upd > 900 AS mostly_hot
  FROM pg_stat_user_tables WHERE relname = 'hot_t';
SELECT rustydb_verify_index('hot_t_pkey', true);
SELECT rustydb_verify_index('hot_t_k', true);
SELECT rustydb_verify_index('hot_t_flagged', true);
-- a new index over HOT chains names their roots with the newest values
CREATE INDEX hot_t_payload ON hot_t (payload);
SELECT id, payload FROM hot_t WHERE payload = 'v1000';
SELECT rustydb_verify_index('hot_t_payload', true);
-- after VACUUM (chains collapsed, redirects left) the same answers
VACUUM hot_t;
SELECT id, k, payload FROM hot_t WHERE id = 1;
SELECT id, k, payload FROM hot_t WHERE k = 11;
SELECT id, payload FROM hot_t WHERE payload = 'v999';
SELECT count(*), sum(id) FROM hot_t;
SELECT rustydb_verify_index('hot_t_pkey', true);
SELECT rustydb_verify_index('hot_t_payload', true);
-- more HOT updates after VACUUM, then VACUUM FULL rewrites without chains
UPDATE hot_t SET payload = payload || '+';
SELECT id, payload FROM hot_t WHERE id = 2;
VACUUM FULL hot_t;
SELECT id, payload FROM hot_t WHERE id = 2;
SELECT id, payload FROM hot_t WHERE payload = 'v1000+';
SELECT rustydb_verify_index('hot_t_pkey', true);
SELECT rustydb_verify_index('hot_t_payload', true);
DROP TABLE hot_t;
DROP TABLE hot_sizes;
-- HOT updates, a rolled-back HOT update and a new index in one transaction:
-- one entry per chain, for the version that stands
BEGIN;
CREATE TABLE hot_x (id int, v int);
INSERT INTO hot_x VALUES (1, 0), (2, 0);
UPDATE hot_x SET v = v + 1;
SAVEPOINT s;
UPDATE hot_x SET v = v + 10 WHERE id = 2;
ROLLBACK TO s;
CREATE INDEX hot_x_id ON hot_x (id);
SELECT * FROM hot_x WHERE id = 1;
SELECT * FROM hot_x WHERE id = 2;
SELECT rustydb_verify_index('hot_x_id', true);
SAVEPOINT s2;
UPDATE hot_x SET v = v + 100 WHERE id = 1;
SELECT * FROM hot_x WHERE id = 1;
ROLLBACK TO s2;
SELECT * FROM hot_x WHERE id = 1;
COMMIT;
VACUUM hot_x;
SELECT * FROM hot_x WHERE id IN (1, 2) ORDER BY id;
SELECT rustydb_verify_index('hot_x_id', true);
DROP TABLE hot_x;
