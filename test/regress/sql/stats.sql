--
-- stats: activity statistics, the PostgreSQL-compatible pg_stat_* views and
-- the operator's guide's v$ views.  Counts are made exact with
-- rustydb_stat_flush() before they are read.
--
CREATE TABLE st_orders (id int, customer int, amount int);
SELECT relname, seq_scan, seq_tup_read, n_tup_ins, n_live_tup, n_dead_tup, n_mod_since_analyze
  FROM pg_stat_user_tables WHERE relname = 'st_orders';
INSERT INTO st_orders SELECT g, g % 50, g * 10 FROM generate_series(1, 2000) g;
SELECT count(*) FROM st_orders WHERE id = 1234;
SELECT count(*) FROM st_orders WHERE id = 1500;
UPDATE st_orders SET amount = 0 WHERE id <= 10;
DELETE FROM st_orders WHERE id > 1990;
SELECT rustydb_stat_flush();
-- 4 scans of 2000 rows (2 selects, the update, the delete)
SELECT relname, seq_scan, seq_tup_read, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup,
       n_mod_since_analyze, last_seq_scan IS NOT NULL AS scanned, last_analyze
  FROM pg_stat_user_tables WHERE relname = 'st_orders';
-- an aborted transaction: its inserts become dead rows, nothing counts as modified
BEGIN;
INSERT INTO st_orders VALUES (9001, 1, 1), (9002, 1, 1);
ROLLBACK;
SELECT rustydb_stat_flush();
SELECT n_tup_ins, n_live_tup, n_dead_tup, n_mod_since_analyze
  FROM pg_stat_user_tables WHERE relname = 'st_orders';
-- the guide's staleness query: never analyzed means 100 %
SELECT table_name, last_analyzed, rows, stale_percent
FROM v$table_statistics
WHERE stale_percent > 10
  AND table_name = 'st_orders'
ORDER BY stale_percent DESC;
SELECT table_name, schema_name, rows, dead_rows, modifications_since_analyze,
       live_bytes > 0 AS has_live, dead_bytes > 0 AS has_dead, free_bytes >= 0 AS has_free,
       bloat_percent > 0 AS bloated
  FROM v$table_statistics WHERE table_name = 'st_orders';
-- database counters
SELECT datname, numbackends >= 1 AS connected, xact_commit > 0 AS committed,
       xact_rollback > 0 AS rolled_back, tup_inserted >= 2000 AS inserted
  FROM pg_stat_database WHERE datname = current_database();
-- statements: constants are replaced, one entry per normalized text
SELECT rustydb_normalize_query('SELECT * FROM t WHERE a = 1 AND b = ''x'' -- c');
SELECT rustydb_query_id('select * from T  where a=1') = rustydb_query_id('SELECT * FROM t WHERE a = 2') AS same_id;
SELECT rustydb_query_id('SELECT 1') = rustydb_query_id('SELECT 1, 2') AS differ;
SELECT query, calls, rows, total_exec_time >= min_exec_time AS sane,
       max_exec_time >= mean_exec_time AS sane_max, queryid <> 0 AS has_id
  FROM pg_stat_statements
 WHERE query LIKE 'SELECT count(*) FROM st_orders%'
 ORDER BY query;
-- v$slow_queries: the statements whose mean time reaches log_min_duration_statement
SET log_min_duration_statement = 50;
SELECT pg_sleep(0.06);
SELECT pg_sleep(0.06);
SELECT rustydb_stat_flush();
SELECT query_text, execution_count, avg_execution_time_ms >= 50 AS slow, rows
  FROM v$slow_queries WHERE query_text LIKE '%pg_sleep%';
SELECT
    query_id,
    query_text,
    avg_execution_time_ms,
    execution_count
FROM v$slow_queries
WHERE avg_execution_time_ms > 1000
ORDER BY avg_execution_time_ms DESC
LIMIT 10;
RESET log_min_duration_statement;
-- v$missing_indexes: the selective seq scans on id suggest an index on id
SELECT table_name, column_names, estimated_improvement > 0 AS improves, executions,
       rows_scanned, rows_returned
  FROM v$missing_indexes WHERE table_name = 'st_orders';
SELECT
    table_name,
    column_names,
    estimated_improvement > 0 AS improves
FROM v$missing_indexes
WHERE table_name = 'st_orders'
ORDER BY estimated_improvement DESC
LIMIT 10;
-- once an index on id exists the suggestion disappears, and the index is used
CREATE INDEX st_orders_id ON st_orders (id);
SELECT count(*) FROM st_orders WHERE id = 77;
SELECT count(*) FROM st_orders WHERE id = 78;
SELECT rustydb_stat_flush();
SELECT count(*) AS suggestions FROM v$missing_indexes WHERE table_name = 'st_orders';
SELECT table_name, index_name, scans, rows_read, rows_fetched, last_used IS NOT NULL AS used,
       created_at IS NOT NULL AS has_created_at, size_bytes > 0 AS has_size, is_unique, is_valid
  FROM v$index_usage WHERE table_name = 'st_orders';
SELECT relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch
  FROM pg_stat_user_indexes WHERE relname = 'st_orders';
SELECT idx_scan, idx_tup_fetch FROM pg_stat_user_tables WHERE relname = 'st_orders';
-- the guide's index query runs (no index is 30 days old here)
SELECT
    table_name,
    index_name,
    scans,
    rows_read,
    last_used
FROM v$index_usage
WHERE scans = 0
  AND created_at < NOW() - INTERVAL '30 days';
-- pg_stat_activity shows this session
SELECT datname, usename, state, backend_type, query LIKE 'SELECT datname%' AS own_query
  FROM pg_stat_activity WHERE pid = pg_backend_pid();
-- pg_locks: a writing transaction holds its transaction id lock
BEGIN;
INSERT INTO st_orders VALUES (5000, 1, 1);
SELECT locktype, mode, granted, transactionid IS NOT NULL AS has_xid FROM pg_locks
 WHERE pid = pg_backend_pid() AND locktype = 'transactionid';
COMMIT;
-- joins, WHERE, ORDER BY, LIMIT over the views
SELECT t.relname, d.datname IS NOT NULL AS db
  FROM pg_stat_user_tables t, pg_stat_database d
 WHERE t.relname = 'st_orders' AND d.datname = current_database()
 ORDER BY 1 LIMIT 1;
-- the unquoted guide name reaches the server as "v" in double-quoted shells;
-- the hint names the v$ view whose columns the statement uses (all of them
-- when nothing tells them apart)
SELECT * FROM v;
SELECT table_name, index_name, scans, rows_read, last_used FROM v WHERE scans = 0;
SELECT query_id, query_text, avg_execution_time_ms, execution_count FROM v
 WHERE avg_execution_time_ms > 1000 ORDER BY avg_execution_time_ms DESC LIMIT 10;
SELECT table_name, last_analyzed, rows, stale_percent FROM v WHERE stale_percent > 10;
SELECT table_name FROM v;
-- reset
SELECT pg_stat_statements_reset();
SELECT count(*) FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM st_orders%';
DROP TABLE st_orders;
-- dropped tables and indexes leave no statistics entries behind: create, use
-- and drop tables repeatedly, then look for entries of their OIDs in the
-- statistics storage itself (the views hide relations that are gone)
CREATE TABLE st_dropped_oids (oid oid);
\set ECHO none
SELECT unnest(ARRAY[
         'CREATE TABLE st_drop_' || g || ' (a int PRIMARY KEY, b int)',
         'INSERT INTO st_drop_' || g || ' SELECT i, i FROM generate_series(1, 100) i',
         'UPDATE st_drop_' || g || ' SET b = 0 WHERE a = 5',
         'CREATE INDEX st_drop_' || g || '_b ON st_drop_' || g || ' (b)',
         'DELETE FROM st_drop_' || g || ' WHERE b = 0',
         'INSERT INTO st_dropped_oids SELECT oid FROM pg_class WHERE relname IN (''st_drop_' || g ||
           ''', ''st_drop_' || g || '_pkey'', ''st_drop_' || g || '_b'')',
         'DROP TABLE st_drop_' || g])
  FROM generate_series(1, 10) g \gexec
\set ECHO all
SELECT rustydb_stat_flush();
SELECT count(*) AS dropped_relations FROM st_dropped_oids;
SELECT count(*) AS table_entries FROM rustydb_stat_tables() AS s(r)
 WHERE s.r[1]::oid IN (SELECT oid FROM st_dropped_oids);
SELECT count(*) AS index_entries FROM rustydb_stat_indexes() AS s(r)
 WHERE s.r[1]::oid IN (SELECT oid FROM st_dropped_oids);
DROP TABLE st_dropped_oids;
-- a rolled back DROP keeps them
CREATE TABLE st_keep (a int PRIMARY KEY);
INSERT INTO st_keep VALUES (1), (2);
SELECT rustydb_stat_flush();
BEGIN;
DROP TABLE st_keep;
ROLLBACK;
SELECT rustydb_stat_flush();
SELECT relname, n_tup_ins FROM pg_stat_user_tables WHERE relname = 'st_keep';
SELECT count(*) AS table_entries FROM rustydb_stat_tables() AS s(r)
 WHERE s.r[1]::oid = (SELECT oid FROM pg_class WHERE relname = 'st_keep');
DROP TABLE st_keep;
