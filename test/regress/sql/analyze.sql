--
-- ANALYZE: statistics match the data; the planner's estimates use them
--
CREATE TABLE an_skew (a int, b int, c text, d int);
INSERT INTO an_skew
SELECT CASE WHEN g % 10 < 7 THEN 1 ELSE g END,
       g % 100,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'x' || (g % 3)::text END,
       g
FROM generate_series(1, 3000) g;
ANALYZE an_skew;
SELECT attname, null_frac, n_distinct, most_common_vals, most_common_freqs, correlation
FROM pg_stats WHERE tablename = 'an_skew' AND attname IN ('a', 'c') ORDER BY attname;
SELECT attname, null_frac, n_distinct, avg_width, histogram_bounds IS NOT NULL AS has_histogram
FROM pg_stats WHERE tablename = 'an_skew' AND attname IN ('b', 'd') ORDER BY attname;
-- estimates (the whole table is sampled, so they are exact or close)
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE a = 1;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE a = 17;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE b < 10;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE d > 2500;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE d BETWEEN 100 AND 399;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE c IS NULL;
EXPLAIN (COSTS true) SELECT * FROM an_skew WHERE c = 'x1';
SELECT count(*) FROM an_skew WHERE a = 1;
SELECT count(*) FROM an_skew WHERE d BETWEEN 100 AND 399;
-- column lists, per-column targets, dialect forms
ALTER TABLE an_skew ALTER COLUMN b SET STATISTICS 10;
ANALYZE an_skew (b);
SELECT attname, n_distinct, most_common_vals, histogram_bounds
FROM pg_stats WHERE tablename = 'an_skew' AND attname = 'b';
ANALYZE TABLE an_skew;
ANALYZE SCHEMA public;
ANALYZE;
ANALYZE VERBOSE an_skew (a);
ANALYZE an_skew (no_such_column);
ANALYZE no_such_table;
ANALYZE SCHEMA no_such_schema;
DROP TABLE an_skew;
