/*
 * bootstrap.c
 *     Bootstrap mode: create the catalogs of a new instance (template1),
 *     their built-in rows and the system views, then the databases
 *     rustydb and postgres as copies of template1.
 * Entry points: BootstrapMain() ("rustydb --boot"), BootstrapCreateInstance().
 * The steps and the OID ranges they use: README.md in this directory.
 */
#include "rustydb.h"

#include <string.h>

#include "access/heapam.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/bootstrap.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "catalog/storage.h"
#include "commands/view.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* The system views, created through the normal SQL pipeline. */
typedef struct SystemView
{
    Oid         nspid;
    const char *name;
    const char *sql;
} SystemView;

static const SystemView system_views[] = {
    {PG_CATALOG_NAMESPACE, "pg_tables",
     "SELECT n.nspname AS schemaname, c.relname AS tablename, "
     "pg_get_userbyid(c.relowner) AS tableowner, NULL::name AS tablespace, "
     "c.relhasindex AS hasindexes, c.relhasrules AS hasrules, "
     "c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity "
     "FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'p')"},
    {PG_CATALOG_NAMESPACE, "pg_views",
     "SELECT n.nspname AS schemaname, c.relname AS viewname, "
     "pg_get_userbyid(c.relowner) AS viewowner, pg_get_viewdef(c.oid) AS definition "
     "FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind = 'v'"},
    {PG_CATALOG_NAMESPACE, "pg_roles",
     "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, "
     "rolreplication, rolconnlimit, '********'::text AS rolpassword, rolvaliduntil, "
     "rolbypassrls, NULL::text AS rolconfig, oid FROM pg_authid"},
    {PG_CATALOG_NAMESPACE, "pg_user",
     "SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, "
     "rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls, "
     "'********'::text AS passwd, rolvaliduntil AS valuntil, NULL::text AS useconfig "
     "FROM pg_authid WHERE rolcanlogin"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "schemata",
     "SELECT current_database()::name AS catalog_name, n.nspname AS schema_name, "
     "pg_get_userbyid(n.nspowner) AS schema_owner FROM pg_namespace n"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "tables",
     "SELECT current_database()::name AS table_catalog, n.nspname AS table_schema, "
     "c.relname AS table_name, "
     "CASE WHEN n.nspname = 'pg_temp' THEN 'LOCAL TEMPORARY' "
     "WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type, "
     "CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into, "
     "'NO'::text AS is_typed "
     "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'v', 'p')"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "columns",
     "SELECT current_database()::name AS table_catalog, n.nspname AS table_schema, "
     "c.relname AS table_name, a.attname AS column_name, a.attnum::integer AS ordinal_position, "
     "pg_get_expr(d.adbin, d.adrelid) AS column_default, "
     "CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, "
     "format_type(a.atttypid, NULL) AS data_type, "
     "CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 0 THEN a.atttypmod - 4 END "
     "AS character_maximum_length, t.typname AS udt_name "
     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
     "JOIN pg_namespace n ON n.oid = c.relnamespace "
     "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
     "LEFT JOIN pg_type t ON t.oid = a.atttypid "
     "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p')"},
    /* ---- statistics views (observability; rows from src/backend/utils/adt/pgstatfuncs.c) ---- */
    {PG_CATALOG_NAMESPACE, "pg_stat_all_tables",
     "SELECT c.oid AS relid, n.nspname AS schemaname, c.relname AS relname, "
     "coalesce(s.r[2]::int8, 0) AS seq_scan, s.r[14]::timestamptz AS last_seq_scan, "
     "coalesce(s.r[3]::int8, 0) AS seq_tup_read, "
     "CASE WHEN c.relhasindex THEN coalesce(s.r[4]::int8, 0) END AS idx_scan, "
     "CASE WHEN c.relhasindex THEN coalesce(s.r[5]::int8, 0) END AS idx_tup_fetch, "
     "coalesce(s.r[6]::int8, 0) AS n_tup_ins, coalesce(s.r[7]::int8, 0) AS n_tup_upd, "
     "coalesce(s.r[8]::int8, 0) AS n_tup_del, coalesce(s.r[9]::int8, 0) AS n_tup_hot_upd, "
     "coalesce(s.r[10]::int8, 0) AS n_live_tup, coalesce(s.r[11]::int8, 0) AS n_dead_tup, "
     "coalesce(s.r[12]::int8, 0) AS n_mod_since_analyze, coalesce(s.r[13]::int8, 0) AS n_ins_since_vacuum, "
     "s.r[15]::timestamptz AS last_vacuum, s.r[16]::timestamptz AS last_autovacuum, "
     "s.r[17]::timestamptz AS last_analyze, s.r[18]::timestamptz AS last_autoanalyze, "
     "coalesce(s.r[19]::int8, 0) AS vacuum_count, coalesce(s.r[20]::int8, 0) AS autovacuum_count, "
     "coalesce(s.r[21]::int8, 0) AS analyze_count, coalesce(s.r[22]::int8, 0) AS autoanalyze_count "
     "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
     "LEFT JOIN rustydb_stat_tables() AS s(r) ON s.r[1]::oid = c.oid "
     "WHERE c.relkind IN ('r', 'p', 'm')"},
    {PG_CATALOG_NAMESPACE, "pg_stat_user_tables",
     "SELECT * FROM pg_stat_all_tables "
     "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"},
    {PG_CATALOG_NAMESPACE, "pg_stat_sys_tables",
     "SELECT * FROM pg_stat_all_tables "
     "WHERE schemaname IN ('pg_catalog', 'information_schema')"},
    {PG_CATALOG_NAMESPACE, "pg_stat_all_indexes",
     "SELECT c.oid AS relid, x.oid AS indexrelid, n.nspname AS schemaname, c.relname AS relname, "
     "x.relname AS indexrelname, coalesce(s.r[3]::int8, 0) AS idx_scan, "
     "s.r[6]::timestamptz AS last_idx_scan, coalesce(s.r[4]::int8, 0) AS idx_tup_read, "
     "coalesce(s.r[5]::int8, 0) AS idx_tup_fetch "
     "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
     "JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
     "LEFT JOIN rustydb_stat_indexes() AS s(r) ON s.r[1]::oid = x.oid"},
    {PG_CATALOG_NAMESPACE, "pg_stat_user_indexes",
     "SELECT * FROM pg_stat_all_indexes "
     "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"},
    {PG_CATALOG_NAMESPACE, "pg_stat_database",
     "SELECT d.oid AS datid, d.datname AS datname, "
     "(SELECT count(*) FROM rustydb_stat_activity() AS a(r) WHERE a.r[1]::oid = d.oid)::int4 AS numbackends, "
     "coalesce(s.r[2]::int8, 0) AS xact_commit, coalesce(s.r[3]::int8, 0) AS xact_rollback, "
     "coalesce(s.r[4]::int8, 0) AS blks_read, coalesce(s.r[5]::int8, 0) AS blks_hit, "
     "coalesce(s.r[6]::int8, 0) AS tup_returned, coalesce(s.r[7]::int8, 0) AS tup_fetched, "
     "coalesce(s.r[8]::int8, 0) AS tup_inserted, coalesce(s.r[9]::int8, 0) AS tup_updated, "
     "coalesce(s.r[10]::int8, 0) AS tup_deleted, coalesce(s.r[11]::int8, 0) AS conflicts, "
     "coalesce(s.r[12]::int8, 0) AS temp_files, coalesce(s.r[13]::int8, 0) AS temp_bytes, "
     "coalesce(s.r[14]::int8, 0) AS deadlocks, NULL::int8 AS checksum_failures, "
     "NULL::timestamptz AS checksum_last_failure, coalesce(s.r[17]::float8, 0) AS blk_read_time, "
     "0::float8 AS blk_write_time, coalesce(s.r[15]::int8, 0) AS sessions, "
     "s.r[16]::timestamptz AS stats_reset "
     "FROM pg_database d LEFT JOIN rustydb_stat_databases() AS s(r) ON s.r[1]::oid = d.oid"},
    {PG_CATALOG_NAMESPACE, "pg_stat_statements",
     "SELECT s.r[1]::oid AS userid, s.r[2]::oid AS dbid, true AS toplevel, s.r[3]::int8 AS queryid, "
     "s.r[4] AS query, 0::int8 AS plans, s.r[5]::int8 AS calls, "
     "s.r[6]::float8 AS total_exec_time, s.r[7]::float8 AS min_exec_time, "
     "s.r[8]::float8 AS max_exec_time, s.r[9]::float8 AS mean_exec_time, "
     "s.r[10]::float8 AS stddev_exec_time, s.r[11]::int8 AS rows, "
     "s.r[12]::int8 AS shared_blks_hit, s.r[13]::int8 AS shared_blks_read, "
     "s.r[14]::timestamptz AS first_executed, s.r[15]::timestamptz AS last_executed "
     "FROM rustydb_stat_statements() AS s(r)"},
    {PG_CATALOG_NAMESPACE, "pg_stat_activity",
     "SELECT a.r[1]::oid AS datid, d.datname AS datname, a.r[2]::int4 AS pid, NULL::int4 AS leader_pid, "
     "CASE WHEN a.r[3] <> '0' THEN a.r[3]::oid END AS usesysid, "
     "CASE WHEN a.r[3] <> '0' THEN pg_get_userbyid(a.r[3]::oid) END AS usename, "
     "a.r[4] AS application_name, a.r[5] AS client_addr, NULL::text AS client_hostname, "
     "a.r[6]::int4 AS client_port, a.r[7]::timestamptz AS backend_start, "
     "a.r[8]::timestamptz AS xact_start, a.r[9]::timestamptz AS query_start, "
     "a.r[10]::timestamptz AS state_change, a.r[11] AS wait_event_type, a.r[12] AS wait_event, "
     "a.r[13] AS state, a.r[14] AS backend_xid, a.r[15] AS backend_xmin, "
     "a.r[18]::int8 AS query_id, a.r[16] AS query, a.r[20] AS backend_type "
     "FROM rustydb_stat_activity() AS a(r) LEFT JOIN pg_database d ON d.oid = a.r[1]::oid"},
    {PG_CATALOG_NAMESPACE, "pg_locks",
     "SELECT l.r[1] AS locktype, l.r[2]::oid AS database, l.r[3]::oid AS relation, "
     "l.r[4]::int4 AS page, l.r[5]::int2 AS tuple, NULL::text AS virtualxid, "
     "l.r[6] AS transactionid, l.r[7]::oid AS classid, l.r[8]::oid AS objid, "
     "NULL::int2 AS objsubid, NULL::text AS virtualtransaction, l.r[9]::int4 AS pid, "
     "l.r[10] AS mode, l.r[11]::bool AS granted, false AS fastpath, NULL::timestamptz AS waitstart "
     "FROM rustydb_locks() AS l(r)"},
    {PG_CATALOG_NAMESPACE, "pg_settings",
     "SELECT s.r[1] AS name, s.r[2] AS setting, s.r[3] AS unit, s.r[4] AS category, "
     "s.r[5] AS short_desc, NULL::text AS extra_desc, s.r[6] AS context, s.r[7] AS vartype, "
     "s.r[8] AS source, s.r[9] AS min_val, s.r[10] AS max_val, s.r[11]::text[] AS enumvals, "
     "s.r[12] AS boot_val, s.r[13] AS reset_val, NULL::text AS sourcefile, NULL::int4 AS sourceline, "
     "s.r[14]::bool AS pending_restart "
     "FROM rustydb_settings() AS s(r)"},
    /* the operator's guide's views (spec/maintenance-procedures.md) */
    {PG_CATALOG_NAMESPACE, "v$slow_queries",
     "SELECT s.queryid AS query_id, s.query AS query_text, s.calls AS execution_count, "
     "round(s.mean_exec_time::numeric, 3)::float8 AS avg_execution_time_ms, "
     "round(s.max_exec_time::numeric, 3)::float8 AS max_execution_time_ms, "
     "round(s.total_exec_time::numeric, 3)::float8 AS total_execution_time_ms, "
     "s.rows AS rows, s.last_executed AS last_executed "
     "FROM pg_stat_statements s "
     "WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
     "AND (SELECT setting::int8 FROM pg_settings WHERE name = 'log_min_duration_statement') >= 0 "
     "AND s.mean_exec_time >= (SELECT setting::int8 FROM pg_settings WHERE name = 'log_min_duration_statement')"},
    {PG_CATALOG_NAMESPACE, "v$index_usage",
     "SELECT u.relname AS table_name, u.indexrelname AS index_name, u.schemaname AS schema_name, "
     "u.idx_scan AS scans, u.idx_tup_read AS rows_read, u.idx_tup_fetch AS rows_fetched, "
     "u.last_idx_scan AS last_used, "
     "coalesce(i.created_at, s.r[7]::timestamptz) AS created_at, "
     "pg_relation_size(u.indexrelid) AS size_bytes, i.indisunique AS is_unique, "
     "i.indisvalid AS is_valid, "
     "u.sp[1]::int8 AS live_bytes, u.sp[2]::int8 AS dead_bytes, u.sp[3]::int8 AS free_bytes "
     "FROM (SELECT p.*, rustydb_table_space(p.indexrelid) AS sp FROM pg_stat_user_indexes p) u "
     "JOIN pg_index i ON i.indexrelid = u.indexrelid "
     "LEFT JOIN rustydb_stat_indexes() AS s(r) ON s.r[1]::oid = u.indexrelid"},
    {PG_CATALOG_NAMESPACE, "v$table_statistics",
     "SELECT t.relname AS table_name, t.schemaname AS schema_name, t.n_live_tup AS rows, "
     "t.n_dead_tup AS dead_rows, "
     "CASE WHEN t.last_autoanalyze IS NULL OR t.last_analyze > t.last_autoanalyze "
     "THEN t.last_analyze ELSE t.last_autoanalyze END AS last_analyzed, "
     "CASE WHEN t.last_autovacuum IS NULL OR t.last_vacuum > t.last_autovacuum "
     "THEN t.last_vacuum ELSE t.last_autovacuum END AS last_vacuumed, "
     "t.n_mod_since_analyze AS modifications_since_analyze, "
     "CASE WHEN t.last_analyze IS NULL AND t.last_autoanalyze IS NULL THEN 100::numeric "
     "ELSE round(100.0 * t.n_mod_since_analyze / greatest(t.n_live_tup, 1), 2) END AS stale_percent, "
     "t.sp[1]::int8 AS live_bytes, t.sp[2]::int8 AS dead_bytes, t.sp[3]::int8 AS free_bytes, "
     "CASE WHEN t.sp[1]::int8 + t.sp[2]::int8 + t.sp[3]::int8 = 0 THEN 0::numeric "
     "ELSE round(100.0 * (t.sp[2]::int8 + t.sp[3]::int8) / (t.sp[1]::int8 + t.sp[2]::int8 + t.sp[3]::int8), 2) "
     "END AS bloat_percent "
     "FROM (SELECT u.*, rustydb_table_space(u.relid) AS sp FROM pg_stat_user_tables u) t"},
    {PG_CATALOG_NAMESPACE, "v$missing_indexes",
     "SELECT c.relname AS table_name, n.nspname AS schema_name, "
     "(SELECT string_agg(a.attname::text, ', ' ORDER BY k.ord) "
     " FROM unnest(m.r[2]::int2[]) WITH ORDINALITY AS k(attnum, ord) "
     " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS column_names, "
     "round((SELECT sum(o.r[6]::float8 - o.r[7]::float8) FROM rustydb_stat_missing_indexes() AS o(r) "
     " WHERE o.r[1] = m.r[1] AND (o.r[2] = m.r[2] OR m.r[2] LIKE rtrim(o.r[2], '}') || ',%'))::numeric, 2) "
     "AS estimated_improvement, "
     "m.r[3]::int8 AS executions, m.r[4]::int8 AS rows_scanned, m.r[5]::int8 AS rows_returned, "
     "round(m.r[6]::numeric, 2) AS actual_cost, round(m.r[7]::numeric, 2) AS hypothetical_cost, "
     "m.r[8]::int8 AS example_query_id, m.r[9]::timestamptz AS last_seen "
     "FROM rustydb_stat_missing_indexes() AS m(r) JOIN pg_class c ON c.oid = m.r[1]::oid "
     "JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE NOT EXISTS (SELECT 1 FROM rustydb_stat_missing_indexes() AS o(r) "
     " WHERE o.r[1] = m.r[1] AND o.r[2] LIKE rtrim(m.r[2], '}') || ',%') "
     "AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisvalid "
     " AND i.indkey[array_lower(i.indkey, 1)] = ANY (m.r[2]::int2[]))"},
    /* ---- end of statistics views ---- */
    /* ---- maintenance engine (commands/analyze.c, commands/maintenance_funcs.c) ---- */
    {PG_CATALOG_NAMESPACE, "pg_stats",
     "SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname, "
     "s.stainherit AS inherited, s.stanullfrac AS null_frac, s.stawidth AS avg_width, "
     "s.stadistinct AS n_distinct, s.stamcv AS most_common_vals, "
     "s.stamcf AS most_common_freqs, s.stahistogram AS histogram_bounds, "
     "s.stacorrelation AS correlation, s.staanalyzed AS analyzed_at "
     "FROM pg_statistic s JOIN pg_class c ON c.oid = s.starelid "
     "JOIN pg_attribute a ON a.attrelid = s.starelid AND a.attnum = s.staattnum "
     "LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT a.attisdropped"},
    {PG_CATALOG_NAMESPACE, "v$maintenance_jobs",
     "SELECT j.r[1]::bigint AS job_id, j.r[2] AS operation, j.r[3] AS origin, "
     "j.r[4] AS status, j.r[5] AS database, j.r[6] AS tables, j.r[7] AS phase, "
     "j.r[8]::integer AS tables_done, j.r[9]::integer AS tables_total, "
     "j.r[10]::bigint AS blocks_done, j.r[11]::bigint AS blocks_total, "
     "j.r[12]::integer AS indexes_done, j.r[13]::integer AS indexes_total, "
     "j.r[14]::numeric AS progress_pct, j.r[15]::bigint AS eta_seconds, "
     "j.r[16]::timestamptz AS submitted_at, j.r[17]::timestamptz AS started_at, "
     "j.r[18]::timestamptz AS finished_at, j.r[19]::bigint AS tuples_removed, "
     "j.r[20] AS error FROM rustydb_maintenance_jobs() AS j(r)"},
    {PG_CATALOG_NAMESPACE, "v$vacuum_horizon",
     "SELECT h.r[1]::integer AS pid, h.r[2] AS backend_type, h.r[3] AS database, "
     "h.r[4]::bigint AS xid, h.r[5]::bigint AS xmin, h.r[6]::bigint AS xid_age, "
     "h.r[7] = 'yes' AS holds_horizon, h.r[8]::bigint AS dead_tuples_pinned, "
     "h.r[9]::bigint AS vacuum_horizon FROM rustydb_vacuum_horizon() AS h(r)"},
    /*
     * ---- catalogs of features RustyDB does not have: always empty, with
     * PostgreSQL's columns, so that client queries (psql's \d, \du, \dx)
     * that join or probe them run and find nothing ----
     */
    {PG_CATALOG_NAMESPACE, "pg_collation",
     "SELECT 100::oid AS oid, 'default'::name AS collname, 11::oid AS collnamespace, "
     "10::oid AS collowner, 'd'::\"char\" AS collprovider, true AS collisdeterministic, "
     "-1 AS collencoding, NULL::text AS collcollate, NULL::text AS collctype, "
     "NULL::text AS colliculocale, NULL::text AS collversion "
     "UNION ALL SELECT 950::oid, 'C'::name, 11::oid, 10::oid, 'c'::\"char\", true, -1, "
     "'C'::text, 'C'::text, NULL::text, NULL::text "
     "UNION ALL SELECT 951::oid, 'POSIX'::name, 11::oid, 10::oid, 'c'::\"char\", true, -1, "
     "'POSIX'::text, 'POSIX'::text, NULL::text, NULL::text"},
    {PG_CATALOG_NAMESPACE, "pg_auth_members",
     "SELECT NULL::oid AS roleid, NULL::oid AS member, NULL::oid AS grantor, "
     "NULL::bool AS admin_option WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_extension",
     "SELECT NULL::oid AS oid, NULL::name AS extname, NULL::oid AS extowner, "
     "NULL::oid AS extnamespace, NULL::bool AS extrelocatable, NULL::text AS extversion, "
     "NULL::oid[] AS extconfig, NULL::text[] AS extcondition WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_trigger",
     "SELECT NULL::oid AS oid, NULL::oid AS tgrelid, NULL::oid AS tgparentid, "
     "NULL::name AS tgname, NULL::oid AS tgfoid, NULL::int2 AS tgtype, "
     "NULL::\"char\" AS tgenabled, NULL::bool AS tgisinternal, NULL::oid AS tgconstrrelid, "
     "NULL::oid AS tgconstrindid, NULL::oid AS tgconstraint, NULL::bool AS tgdeferrable, "
     "NULL::bool AS tginitdeferred, NULL::int2 AS tgnargs, NULL::int2[] AS tgattr, "
     "NULL::bytea AS tgargs, NULL::text AS tgqual, NULL::name AS tgoldtable, "
     "NULL::name AS tgnewtable WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_policy",
     "SELECT NULL::oid AS oid, NULL::name AS polname, NULL::oid AS polrelid, "
     "NULL::\"char\" AS polcmd, NULL::bool AS polpermissive, NULL::oid[] AS polroles, "
     "NULL::text AS polqual, NULL::text AS polwithcheck WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_statistic_ext",
     "SELECT NULL::oid AS oid, NULL::oid AS stxrelid, NULL::name AS stxname, "
     "NULL::oid AS stxnamespace, NULL::oid AS stxowner, NULL::int4 AS stxstattarget, "
     "NULL::int2[] AS stxkeys, NULL::\"char\"[] AS stxkind, NULL::text AS stxexprs WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_publication",
     "SELECT NULL::oid AS oid, NULL::name AS pubname, NULL::oid AS pubowner, "
     "NULL::bool AS puballtables, NULL::bool AS pubinsert, NULL::bool AS pubupdate, "
     "NULL::bool AS pubdelete, NULL::bool AS pubtruncate, NULL::bool AS pubviaroot WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_publication_rel",
     "SELECT NULL::oid AS oid, NULL::oid AS prpubid, NULL::oid AS prrelid, "
     "NULL::text AS prqual, NULL::int2[] AS prattrs WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_publication_namespace",
     "SELECT NULL::oid AS oid, NULL::oid AS pnpubid, NULL::oid AS pnnspid WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_event_trigger",
     "SELECT NULL::oid AS oid, NULL::name AS evtname, NULL::name AS evtevent, "
     "NULL::oid AS evtowner, NULL::oid AS evtfoid, NULL::\"char\" AS evtenabled, "
     "NULL::text[] AS evttags WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_db_role_setting",
     "SELECT NULL::oid AS setdatabase, NULL::oid AS setrole, NULL::text[] AS setconfig "
     "WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_foreign_data_wrapper",
     "SELECT NULL::oid AS oid, NULL::name AS fdwname, NULL::oid AS fdwowner, "
     "NULL::oid AS fdwhandler, NULL::oid AS fdwvalidator, NULL::text[] AS fdwacl, "
     "NULL::text[] AS fdwoptions WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_foreign_server",
     "SELECT NULL::oid AS oid, NULL::name AS srvname, NULL::oid AS srvowner, "
     "NULL::oid AS srvfdw, NULL::text AS srvtype, NULL::text AS srvversion, "
     "NULL::text[] AS srvacl, NULL::text[] AS srvoptions WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_user_mappings",
     "SELECT NULL::oid AS umid, NULL::oid AS srvid, NULL::name AS srvname, "
     "NULL::oid AS umuser, NULL::name AS usename, NULL::text[] AS umoptions WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_foreign_table",
     "SELECT NULL::oid AS ftrelid, NULL::oid AS ftserver, NULL::text[] AS ftoptions "
     "WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_enum",
     "SELECT NULL::oid AS oid, NULL::oid AS enumtypid, NULL::float4 AS enumsortorder, "
     "NULL::name AS enumlabel WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_ts_config",
     "SELECT NULL::oid AS oid, NULL::name AS cfgname, NULL::oid AS cfgnamespace, "
     "NULL::oid AS cfgowner, NULL::oid AS cfgparser WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_conversion",
     "SELECT NULL::oid AS oid, NULL::name AS conname, NULL::oid AS connamespace, "
     "NULL::oid AS conowner, NULL::int4 AS conforencoding, NULL::int4 AS contoencoding, "
     "NULL::regproc AS conproc, NULL::bool AS condefault WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_subscription",
     "SELECT NULL::oid AS oid, NULL::oid AS subdbid, NULL::text AS subskiplsn, "
     "NULL::name AS subname, NULL::oid AS subowner, NULL::bool AS subenabled, "
     "NULL::bool AS subbinary, NULL::bool AS substream, NULL::\"char\" AS subtwophasestate, "
     "NULL::bool AS subdisableonerr, NULL::text AS subconninfo, NULL::name AS subslotname, "
     "NULL::text AS subsynccommit, NULL::text[] AS subpublications WHERE false"},
    {PG_CATALOG_NAMESPACE, "pg_largeobject_metadata",
     "SELECT NULL::oid AS oid, NULL::oid AS lomowner, NULL::text[] AS lomacl WHERE false"},
    /* ---- catalogs with fixed or built-in contents ---- */
    {PG_CATALOG_NAMESPACE, "pg_tablespace",
     "SELECT 1663::oid AS oid, 'pg_default'::name AS spcname, 10::oid AS spcowner, "
     "NULL::text[] AS spcacl, NULL::text[] AS spcoptions "
     "UNION ALL SELECT 1664::oid, 'pg_global'::name, 10::oid, NULL::text[], NULL::text[]"},
    {PG_CATALOG_NAMESPACE, "pg_language",
     "SELECT l.oid, l.lanname, 10::oid AS lanowner, false AS lanispl, l.lanpltrusted, "
     "0::oid AS lanplcallfoid, 0::oid AS laninline, 0::oid AS lanvalidator, "
     "NULL::text[] AS lanacl "
     "FROM (VALUES (12::oid, 'internal'::name, false), (13::oid, 'c'::name, false), "
     "(14::oid, 'sql'::name, true)) AS l(oid, lanname, lanpltrusted)"},
    {PG_CATALOG_NAMESPACE, "pg_operator",
     "SELECT o.r[1]::oid AS oid, o.r[2]::name AS oprname, 11::oid AS oprnamespace, "
     "10::oid AS oprowner, o.r[3]::\"char\" AS oprkind, false AS oprcanmerge, "
     "false AS oprcanhash, o.r[4]::oid AS oprleft, o.r[5]::oid AS oprright, "
     "o.r[6]::oid AS oprresult, o.r[8]::oid AS oprcom, o.r[9]::oid AS oprnegate, "
     "o.r[7]::oid::regproc AS oprcode, 0::oid::regproc AS oprrest, "
     "0::oid::regproc AS oprjoin "
     "FROM rustydb_builtin_operators() AS o(r)"},
    {PG_CATALOG_NAMESPACE, "pg_cast",
     "SELECT c.r[1]::oid AS oid, c.r[2]::oid AS castsource, c.r[3]::oid AS casttarget, "
     "c.r[4]::oid AS castfunc, c.r[5]::\"char\" AS castcontext, "
     "c.r[6]::\"char\" AS castmethod FROM rustydb_builtin_casts() AS c(r)"},
};

static void
insert_namespace(Relation rel, Oid oid, const char *name, Oid owner)
{
    FormData_pg_namespace row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.nspname.data, NAMEDATALEN, "%s", name);
    row.nspowner = owner;
    CatalogInsertRow(rel, &row);
}

static void
insert_database(Relation rel, Oid oid, const char *name, bool is_template)
{
    FormData_pg_database row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.datname.data, NAMEDATALEN, "%s", name);
    row.datdba = BOOTSTRAP_SUPERUSERID;
    row.encoding = PG_ENCODING_UTF8;
    row.datlocprovider = 'c';
    row.datistemplate = is_template;
    row.datallowconn = true;
    row.datconnlimit = -1;
    row.dattablespace = DEFAULTTABLESPACE_OID;
    row.datcollate = "C";
    row.datctype = "C";
    row.created_at = GetCurrentTransactionStartTimestamp();
    CatalogInsertRow(rel, &row);
}

static void
insert_am(Relation rel, Oid oid, const char *name, char type)
{
    FormData_pg_am row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.amname.data, NAMEDATALEN, "%s", name);
    row.amtype = type;
    CatalogInsertRow(rel, &row);
}

/* pg_class + pg_attribute rows describing the catalogs themselves. */
static void
insert_catalog_descriptions(void)
{
    int         ncat;
    const CatalogDesc *const *cats = CatalogDescAll(&ncat);
    Relation    classrel = table_open(RelationRelationId, RowExclusiveLock);
    Relation    attrel = table_open(AttributeRelationId, RowExclusiveLock);

    for (int i = 0; i < ncat; i++)
    {
        const CatalogDesc *desc = cats[i];
        TupleDesc   tupdesc = CatalogTupleDesc(desc);
        FormData_pg_class row;

        memset(&row, 0, sizeof(row));
        row.oid = desc->relid;
        snprintf(row.relname.data, NAMEDATALEN, "%s", desc->relname);
        row.relnamespace = PG_CATALOG_NAMESPACE;
        row.relowner = BOOTSTRAP_SUPERUSERID;
        row.relam = HEAP_TABLE_AM_OID;
        row.relfilenode = desc->relid;
        row.reltablespace = desc->shared ? GLOBALTABLESPACE_OID : InvalidOid;
        row.reltuples = -1;
        row.relisshared = desc->shared;
        row.relpersistence = RELPERSISTENCE_PERMANENT;
        row.relkind = RELKIND_RELATION;
        row.relnatts = (int16) desc->ncolumns;
        row.relispopulated = true;
        row.relreplident = 'n';
        row.created_at = GetCurrentTransactionStartTimestamp();
        CatalogInsertRow(classrel, &row);
        for (int a = 0; a < tupdesc->natts; a++)
        {
            FormData_pg_attribute att;

            AttributeRowFromDesc(desc->relid, TupleDescAttr(tupdesc, a), a + 1, &att);
            CatalogInsertRow(attrel, &att);
        }
    }
    table_close(attrel, RowExclusiveLock);
    table_close(classrel, RowExclusiveLock);
}

/* pg_type and pg_proc from the built-in table (catalog/pg_builtin.h). */
static void
insert_builtin_types_and_functions(void)
{
    Relation    rel = table_open(TypeRelationId, RowExclusiveLock);

    for (Oid oid = 1; oid < FirstBootstrapObjectId; oid++)
    {
        const TypeInfo *t = TypeInfoById(oid);
        FormData_pg_type row;

        if (t == NULL || t->oid != oid)
            continue;
        memset(&row, 0, sizeof(row));
        row.oid = oid;
        snprintf(row.typname.data, NAMEDATALEN, "%s", t->internal_name);
        row.typnamespace = PG_CATALOG_NAMESPACE;
        row.typowner = BOOTSTRAP_SUPERUSERID;
        row.typlen = t->len;
        row.typbyval = t->byval;
        row.typtype = t->category == TYPCATEGORY_PSEUDOTYPE ? 'p' : 'b';
        row.typcategory = t->category;
        row.typispreferred = t->preferred;
        row.typisdefined = true;
        row.typdelim = ',';
        row.typelem = t->elem_type;
        row.typarray = t->array_type;
        row.typalign = t->align;
        row.typstorage = t->len == -1 ? 'x' : 'p';
        row.typtypmod = -1;
        row.typcollation = (oid == TEXTOID || oid == VARCHAROID || oid == BPCHAROID) ?
            DEFAULT_COLLATION_OID : InvalidOid;
        CatalogInsertRow(rel, &row);
    }
    table_close(rel, RowExclusiveLock);

    rel = table_open(ProcedureRelationId, RowExclusiveLock);
    for (Oid oid = 1; oid < FirstNormalObjectId + 20000; oid++)
    {
        const FuncInfo *f = FuncInfoById(oid);
        FormData_pg_proc row;
        StringInfoData args;

        if (f == NULL || f->oid != oid)
            continue;
        initStringInfo(&args);
        for (int i = 0; i < f->nargs; i++)
            appendStringInfo(&args, "%s%u", i ? " " : "", f->argtypes[i]);
        memset(&row, 0, sizeof(row));
        row.oid = oid;
        snprintf(row.proname.data, NAMEDATALEN, "%s", f->name);
        row.pronamespace = PG_CATALOG_NAMESPACE;
        row.proowner = BOOTSTRAP_SUPERUSERID;
        row.prolang = INTERNAL_LANGUAGE_ID;
        row.prokind = FuncIsAggregate(oid) ? 'a' : f->window ? 'w' : 'f';
        row.proisstrict = f->strict;
        row.proretset = f->retset;
        row.provolatile = f->volatility;
        row.pronargs = (int16) f->nargs;
        row.prorettype = f->rettype;
        row.proargtypes = args.data;
        row.proparallel = 's';
        row.prosrc = (char *) f->symbol;
        CatalogInsertRow(rel, &row);
        pfree(args.data);
    }
    table_close(rel, RowExclusiveLock);
}

static void
create_catalog_storage(void)
{
    int         ncat;
    const CatalogDesc *const *cats = CatalogDescAll(&ncat);

    for (int i = 0; i < ncat; i++)
    {
        RelFileLocator loc;

        loc.shared = cats[i]->shared;
        loc.dbOid = cats[i]->shared ? InvalidOid : Template1DbOid;
        loc.relNumber = cats[i]->relid;
        heap_create_storage(loc);
    }
}

/* Run one system view in its own transaction; a failure is a WARNING (initdb shows it). */
static void
create_system_view(const SystemView *view)
{
    MemoryContext oldcxt = CurrentMemoryContext;

    StartTransactionCommand();
    RDB_TRY();
    {
        (void) DefineViewFromText(view->nspid, view->name, view->sql, NIL, false);
        CommitTransactionCommand();
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(oldcxt);
        edata = CopyErrorData();
        FlushErrorState();
        AbortCurrentTransaction();
        ereport(WARNING, errmsg("could not create system view %s: %s", view->name,
                                edata->message));
        FreeErrorData(edata);
    }
    RDB_END_TRY();
}

void
BootstrapCreateInstance(const char *superuser)
{
    Relation    rel;
    FormData_pg_authid role;
    char       *dir;

    MyDatabaseId = Template1DbOid;
    MyDatabaseName = MemoryContextStrdup(TopMemoryContext, "template1");
    MyRoleId = BOOTSTRAP_SUPERUSERID;
    MyRoleName = MemoryContextStrdup(TopMemoryContext, superuser);
    MyRoleIsSuperuser = true;
    if (MyProc != NULL)
    {
        MyProc->database_id = MyDatabaseId;
        MyProc->role_id = MyRoleId;
    }

    dir = DataFilePath("base/1");
    DirectoryCreateRecursive(dir);
    pfree(dir);

    StartTransactionCommand();
    SetNextObjectId(FirstBootstrapObjectId);
    create_catalog_storage();
    insert_catalog_descriptions();

    rel = table_open(NamespaceRelationId, RowExclusiveLock);
    insert_namespace(rel, PG_CATALOG_NAMESPACE, "pg_catalog", BOOTSTRAP_SUPERUSERID);
    insert_namespace(rel, PG_PUBLIC_NAMESPACE, "public", BOOTSTRAP_SUPERUSERID);
    insert_namespace(rel, PG_INFORMATION_SCHEMA_NAMESPACE, "information_schema",
                     BOOTSTRAP_SUPERUSERID);
    table_close(rel, RowExclusiveLock);

    memset(&role, 0, sizeof(role));
    role.oid = BOOTSTRAP_SUPERUSERID;
    snprintf(role.rolname.data, NAMEDATALEN, "%s", superuser);
    role.rolsuper = role.rolinherit = role.rolcreaterole = role.rolcreatedb = true;
    role.rolcanlogin = role.rolreplication = role.rolbypassrls = true;
    role.rolconnlimit = -1;
    role.rolpassword = NULL;
    role.rolvaliduntil = CATALOG_NULL_TIMESTAMP;
    role.created_at = GetCurrentTransactionStartTimestamp();
    rel = table_open(AuthIdRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &role);
    table_close(rel, RowExclusiveLock);

    rel = table_open(DatabaseRelationId, RowExclusiveLock);
    insert_database(rel, Template1DbOid, "template1", true);
    insert_database(rel, RustydbDbOid, "rustydb", false);
    insert_database(rel, PostgresDbOid, "postgres", false);
    table_close(rel, RowExclusiveLock);

    rel = table_open(AccessMethodRelationId, RowExclusiveLock);
    insert_am(rel, HEAP_TABLE_AM_OID, "heap", 't');
    insert_am(rel, BTREE_AM_OID, "btree", 'i');
    insert_am(rel, HASH_AM_OID, "hash", 'i');
    table_close(rel, RowExclusiveLock);

    insert_builtin_types_and_functions();
    CommandCounterIncrement();
    CommitTransactionCommand();

    for (size_t i = 0; i < lengthof(system_views); i++)
        create_system_view(&system_views[i]);

    StartTransactionCommand();
    SetNextObjectId(FirstNormalObjectId);
    CommitTransactionCommand();

    FlushAllBuffers();
    DatabaseDirectoryCopy(Template1DbOid, RustydbDbOid);
    DatabaseDirectoryCopy(Template1DbOid, PostgresDbOid);
}

static void
boot_usage(void)
{
    fprintf(stderr, "usage: rustydb --boot -D DIR --superuser NAME\n");
}

int
BootstrapMain(int argc, char **argv)
{
    const char *datadir = NULL;
    const char *superuser = NULL;
    volatile int rc = 0;

    for (int i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--boot") == 0)
            continue;
        if (strcmp(argv[i], "-D") == 0 && i + 1 < argc)
            datadir = argv[++i];
        else if ((strcmp(argv[i], "--superuser") == 0 || strcmp(argv[i], "-U") == 0) &&
                 i + 1 < argc)
            superuser = argv[++i];
        else
        {
            boot_usage();
            return 1;
        }
    }
    if (datadir == NULL || superuser == NULL || superuser[0] == '\0' ||
        strlen(superuser) >= NAMEDATALEN)
    {
        boot_usage();
        return 1;
    }
    if (TopMemoryContext == NULL)
        MemoryContextInit();
    ProcessRoleName = "bootstrap";
    GucInitialize();
    DataDir = MemoryContextStrdup(TopMemoryContext, datadir);

    RDB_TRY();
    {
        char       *path;

        path = DataFilePath("base");
        DirectoryCreateRecursive(path);
        pfree(path);
        path = DataFilePath("global");
        DirectoryCreateRecursive(path);
        pfree(path);
        SharedMemoryCreate();
        ControlFileCreate();
        StorageStartup();
        if (!StorageAttachProcess(B_STANDALONE))
            ereport(ERROR, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                    errmsg("sorry, too many clients already"));
        BootstrapCreateInstance(superuser);
        StorageShutdown();
    }
    RDB_CATCH();
    {
        EmitErrorReport();
        FlushErrorState();
        rc = 1;
    }
    RDB_END_TRY();
    return rc;
}
