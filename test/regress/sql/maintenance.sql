--
-- Maintenance jobs: every run is recorded; jobs queued from SQL run in the
-- background and can be cancelled
--
CREATE TABLE mj (id int);
INSERT INTO mj SELECT g FROM generate_series(1, 500) g;
DELETE FROM mj WHERE id <= 250;
VACUUM mj;
SELECT operation, origin, status, tables, tuples_removed
FROM "v$maintenance_jobs" WHERE tables = 'mj' ORDER BY job_id DESC LIMIT 1;
ANALYZE mj;
SELECT operation, origin, status, tables FROM "v$maintenance_jobs"
WHERE tables = 'mj' ORDER BY job_id DESC LIMIT 1;
CHECKPOINT;
SELECT operation, status FROM "v$maintenance_jobs" WHERE operation = 'checkpoint'
ORDER BY job_id DESC LIMIT 1;
-- REINDEX from SQL is a job too (failed when it fails)
CREATE INDEX mj_id ON mj (id);
REINDEX TABLE mj;
SELECT operation, origin, status, tables FROM "v$maintenance_jobs"
WHERE operation = 'reindex' ORDER BY job_id DESC LIMIT 1;
REINDEX INDEX mj_id;
SELECT operation, origin, status, tables FROM "v$maintenance_jobs"
WHERE operation = 'reindex' ORDER BY job_id DESC LIMIT 1;
REINDEX TABLE mj_missing;
SELECT operation, origin, status, tables, error FROM "v$maintenance_jobs"
WHERE operation = 'reindex' ORDER BY job_id DESC LIMIT 1;
DROP INDEX mj_id;
-- queued for a background worker
SELECT rustydb_queue_maintenance('vacuum', ARRAY['mj']) > 0 AS queued;
SELECT pg_sleep(3);
SELECT operation, origin, status, tables FROM "v$maintenance_jobs"
WHERE origin = 'sql' AND tables = 'mj' AND operation = 'vacuum' ORDER BY job_id DESC LIMIT 1;
-- a finished job cannot be cancelled any more
SELECT rustydb_cancel_job(job_id) FROM "v$maintenance_jobs"
WHERE origin = 'sql' AND tables = 'mj' AND operation = 'vacuum' ORDER BY job_id DESC LIMIT 1;
SELECT rustydb_cancel_job(999999999);
SELECT rustydb_queue_maintenance('defragment', ARRAY['mj']);
SELECT rustydb_queue_maintenance('vacuum', ARRAY['no_such_table']);
-- the horizon view lists nothing from this idle-session test but must work
SELECT count(*) >= 0 AS ok FROM "v$vacuum_horizon";
DROP TABLE mj;
