/*
 * perfstats.c
 *     GET /api/v1/stats/performance, GET /api/v1/stats/queries and
 *     GET /metrics (Prometheus text format 0.0.4).
 * Entry points: AdminHandlePerformance(), AdminHandleQueries(),
 * AdminHandleMetrics() (router.c).
 *
 * Every figure is live.  A figure nobody measures yet is JSON null, with the
 * reason under "unavailable" (and simply absent from /metrics), never a
 * made-up 0: the guide's scripts compare these values against thresholds.
 *
 * Statement, table and database figures come from the cumulative statistics
 * (pgstat.h: the shared hash, copied under its partition locks); the names
 * that label them (databases, roles, schemas, tables) are read from the
 * catalogs in short read-only transactions (catalogread.c), one per
 * database for /metrics.
 */
#include "rustydb.h"

#include <inttypes.h>
#include <math.h>

#include "access/xlog.h"
#include "admin/admin.h"
#include "admin_int.h"
#include "commands/jobqueue.h"
#include "lib/stringinfo.h"
#include "pgstat.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/rel.h"

void
AdminHandlePerformance(AdminRequest *req, AdminResponse *resp, char **params)
{
    AdminProcStats ps;
    AdminCounters c;
    double      window;
    double      tps = AdminTransactionsPerSecond(&window);
    json_t     *obj = json_object();
    json_t     *unavailable = json_object();
    uint64      lookups;

    (void) req;
    (void) params;
    AdminGetProcStats(&ps);
    AdminGetCounters(&c);

    if (ps.valid && ps.cpu_usage_percent >= 0)
        json_object_set_new(obj, "cpu_usage_percent", json_real(ps.cpu_usage_percent));
    else
    {
        json_object_set_new(obj, "cpu_usage_percent", json_null());
        json_object_set_new(unavailable, "cpu_usage_percent",
                            json_string(ps.valid ? "measured over a window that has not elapsed yet; retry in a second"
                                        : "/proc is not readable"));
    }
    if (ps.valid)
    {
        json_object_set_new(obj, "memory_usage_bytes", json_integer((json_int_t) ps.memory_bytes));
        json_object_set_new(obj, "memory_usage_percent", json_real(ps.memory_percent));
    }
    else
    {
        json_object_set_new(obj, "memory_usage_bytes", json_null());
        json_object_set_new(obj, "memory_usage_percent", json_null());
        json_object_set_new(unavailable, "memory_usage_bytes", json_string("/proc is not readable"));
    }
    if (ps.valid && ps.io_valid)
    {
        json_object_set_new(obj, "disk_io_read_bytes", json_integer((json_int_t) ps.io_read_bytes));
        json_object_set_new(obj, "disk_io_write_bytes", json_integer((json_int_t) ps.io_write_bytes));
    }
    else
    {
        json_object_set_new(obj, "disk_io_read_bytes", json_null());
        json_object_set_new(obj, "disk_io_write_bytes", json_null());
        json_object_set_new(unavailable, "disk_io_read_bytes",
                            json_string("/proc/<pid>/io is not readable for every server process"));
    }

    lookups = c.buffer_hits + c.buffer_reads;
    if (c.transaction_counts_wired && lookups > 0)
        json_object_set_new(obj, "cache_hit_ratio", json_real((double) c.buffer_hits / (double) lookups));
    else
    {
        json_object_set_new(obj, "cache_hit_ratio", json_null());
        json_object_set_new(unavailable, "cache_hit_ratio",
                            json_string(c.transaction_counts_wired ? "no buffer lookups yet"
                                        : "buffer statistics are not reported to shared memory in this build"));
    }
    if (c.transaction_counts_wired && tps >= 0)
        json_object_set_new(obj, "transactions_per_second", json_real(tps));
    else
    {
        json_object_set_new(obj, "transactions_per_second", json_null());
        json_object_set_new(unavailable, "transactions_per_second",
                            json_string(c.transaction_counts_wired ? "measured over a window that has not elapsed yet"
                                        : "transaction counts are not reported to shared memory in this build"));
    }
    json_object_set_new(obj, "locks_held", json_integer(LockCountHeld()));
    json_object_set_new(obj, "lock_waiters", json_integer(LockWaitingCount()));
    json_object_set_new(obj, "deadlocks", json_integer((json_int_t) LockDeadlockCount()));
    json_object_set_new(obj, "server_processes", ps.valid ? json_integer(ps.nprocesses) : json_null());
    json_object_set_new(obj, "sampling_window_seconds", json_real(window));
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(AdminNowUs()));
    json_object_set_new(obj, "unavailable", unavailable);
    AdminRespondJson(resp, 200, obj);
}

#define QUERIES_DEFAULT_LIMIT 10
#define QUERIES_MAX_LIMIT 1000

/* Names of databases and roles (shared catalogs), for labelling statistics. */
typedef struct SharedNames
{
    AdminDbName *dbs;
    int         ndbs;
    AdminRoleRow *roles;
    int         nroles;
} SharedNames;

static void
read_shared_names(void *arg)
{
    SharedNames *n = arg;

    n->dbs = AdminDatabaseList(&n->ndbs);
    n->roles = AdminListRoles(&n->nroles);
}

static const char *
db_name_of(const SharedNames *n, Oid db)
{
    for (int i = 0; i < n->ndbs; i++)
        if (n->dbs[i].oid == db)
            return n->dbs[i].name;
    return NULL;
}

static const char *
role_name_of(const SharedNames *n, Oid role)
{
    for (int i = 0; i < n->nroles; i++)
        if (n->roles[i].oid == role)
            return n->roles[i].name;
    return NULL;
}

/* A TimestampTz (2000 epoch, 0 = never) as RFC 3339 or null. */
static json_t *
pg_timestamp_json(TimestampTz ts)
{
    if (ts == 0 || TIMESTAMP_NOT_FINITE(ts))
        return json_null();
    return AdminJsonTimestamp(ts + EPOCH_DIFF_SECS * USECS_PER_SEC);
}

static double
round3(double v)
{
    return round(v * 1000.0) / 1000.0;
}

static json_t *
statement_json(const PgStat_StatementEntry *e, const SharedNames *names)
{
    json_t     *obj = json_object();
    const char *db = db_name_of(names, e->db);
    const char *user = role_name_of(names, e->userid);
    int64       hits = e->shared_blks_hit;
    int64       lookups = e->shared_blks_hit + e->shared_blks_read;

    /* query_id as the signed 64-bit value pg_stat_statements.queryid shows */
    json_object_set_new(obj, "query_id", json_integer((json_int_t) (int64) e->queryid));
    json_object_set_new(obj, "query_text", json_string(e->query));
    json_object_set_new(obj, "database", db ? json_string(db) : json_null());
    json_object_set_new(obj, "username", user ? json_string(user) : json_null());
    json_object_set_new(obj, "execution_count", json_integer((json_int_t) e->calls));
    json_object_set_new(obj, "total_execution_time_ms", json_real(round3(e->total_time_ms)));
    json_object_set_new(obj, "avg_execution_time_ms", json_real(round3(e->mean_time_ms)));
    json_object_set_new(obj, "min_execution_time_ms", json_real(round3(e->min_time_ms)));
    json_object_set_new(obj, "max_execution_time_ms", json_real(round3(e->max_time_ms)));
    json_object_set_new(obj, "stddev_execution_time_ms",
                        json_real(round3(e->calls > 0 ? sqrt(e->sum_var_time / (double) e->calls) : 0.0)));
    json_object_set_new(obj, "rows", json_integer((json_int_t) e->rows));
    json_object_set_new(obj, "shared_blks_hit", json_integer((json_int_t) e->shared_blks_hit));
    json_object_set_new(obj, "shared_blks_read", json_integer((json_int_t) e->shared_blks_read));
    json_object_set_new(obj, "cache_hit_ratio", lookups > 0 ? json_real((double) hits / (double) lookups) : json_null());
    json_object_set_new(obj, "first_executed", pg_timestamp_json(e->first_executed));
    json_object_set_new(obj, "last_executed", pg_timestamp_json(e->last_executed));
    return obj;
}

static int
cmp_total_time_desc(const void *a, const void *b)
{
    double      x = ((const PgStat_StatementEntry *) a)->total_time_ms;
    double      y = ((const PgStat_StatementEntry *) b)->total_time_ms;

    return x < y ? 1 : x > y ? -1 : 0;
}

static int
cmp_mean_time_desc(const void *a, const void *b)
{
    double      x = ((const PgStat_StatementEntry *) a)->mean_time_ms;
    double      y = ((const PgStat_StatementEntry *) b)->mean_time_ms;

    return x < y ? 1 : x > y ? -1 : 0;
}

/*
 * GET /api/v1/stats/queries[?limit=N&min_duration_ms=M&database=D]
 * top_queries: the N statements with the most total execution time.
 * slow_queries: the N slowest on average among those whose mean time is at
 * least the threshold (min_duration_ms, else log_min_duration_statement:
 * the same rule as v$slow_queries); null with a reason when no threshold
 * is set.  Only what the statistics hold: statements of finished
 * executions while track_statements was on.
 */
void
AdminHandleQueries(AdminRequest *req, AdminResponse *resp, char **params)
{
    char       *limit_text = AdminRequestQueryParam(req, "limit");
    char       *min_text = AdminRequestQueryParam(req, "min_duration_ms");
    char       *db_filter = AdminRequestQueryParam(req, "database");
    int         limit = QUERIES_DEFAULT_LIMIT;
    double      threshold = LogMinDurationStatementMs >= 0 ? (double) LogMinDurationStatementMs : -1;
    SharedNames names;
    PgStat_StatementEntry *all;
    PgStat_StatementEntry *sel;
    int         n;
    int         nsel = 0;
    int         nslow = 0;
    Oid         filter_db = InvalidOid;
    json_t     *top = json_array();
    json_t     *slow = json_array();
    json_t     *unavailable = json_object();
    json_t     *obj = json_object();

    (void) params;
    if (limit_text != NULL)
    {
        char       *end;
        long        v = strtol(limit_text, &end, 10);

        if (limit_text[0] == '\0' || *end != '\0' || v < 1 || v > QUERIES_MAX_LIMIT)
        {
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                                  "limit must be an integer between 1 and %d", QUERIES_MAX_LIMIT);
            return;
        }
        limit = (int) v;
    }
    if (min_text != NULL)
    {
        char       *end;
        double      v = strtod(min_text, &end);

        if (min_text[0] == '\0' || *end != '\0' || !(v >= 0) || v > 1e12)
        {
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                                  "min_duration_ms must be a number of milliseconds >= 0");
            return;
        }
        threshold = v;
    }
    memset(&names, 0, sizeof(names));
    if (!AdminCatalogRead(NULL, read_shared_names, &names, NULL))
        elog(ERROR, "default database \"%s\" does not exist", ADMIN_DEFAULT_DATABASE);
    if (db_filter != NULL)
    {
        for (int i = 0; i < names.ndbs; i++)
            if (strcmp(names.dbs[i].name, db_filter) == 0)
                filter_db = names.dbs[i].oid;
        if (!OidIsValid(filter_db))
        {
            AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, NULL,
                                  "database \"%s\" does not exist", db_filter);
            return;
        }
    }

    all = PgStatSnapshotStatements(&n);
    sel = palloc(sizeof(PgStat_StatementEntry) * (Size) Max(n, 1));
    for (int i = 0; i < n; i++)
        if (!OidIsValid(filter_db) || all[i].db == filter_db)
            sel[nsel++] = all[i];
    pfree(all);

    qsort(sel, (size_t) nsel, sizeof(PgStat_StatementEntry), cmp_total_time_desc);
    for (int i = 0; i < nsel && i < limit; i++)
        json_array_append_new(top, statement_json(&sel[i], &names));
    if (threshold >= 0)
    {
        qsort(sel, (size_t) nsel, sizeof(PgStat_StatementEntry), cmp_mean_time_desc);
        for (int i = 0; i < nsel && sel[i].mean_time_ms >= threshold; i++)
        {
            if (nslow < limit)
                json_array_append_new(slow, statement_json(&sel[i], &names));
            nslow++;
        }
        json_object_set_new(obj, "slow_queries", slow);
        json_object_set_new(obj, "slow_threshold_ms", json_real(threshold));
        json_object_set_new(obj, "slow_count", json_integer(nslow));
    }
    else
    {
        json_decref(slow);
        json_object_set_new(obj, "slow_queries", json_null());
        json_object_set_new(obj, "slow_threshold_ms", json_null());
        json_object_set_new(obj, "slow_count", json_null());
        json_object_set_new(unavailable, "slow_queries",
                            json_string("no slowness threshold: log_min_duration_statement is -1 (off); "
                                        "set it, or pass ?min_duration_ms="));
    }
    if (!pgstat_track_statements)
        json_object_set_new(unavailable, "top_queries",
                            json_string("track_statements is off: statements executed meanwhile are not counted"));
    json_object_set_new(obj, "top_queries", top);
    json_object_set_new(obj, "total_statements", json_integer(nsel));
    json_object_set_new(obj, "tracking", json_boolean(pgstat_track_statements));
    json_object_set_new(obj, "limit", json_integer(limit));
    json_object_set_new(obj, "database", db_filter ? json_string(db_filter) : json_null());
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(AdminNowUs()));
    json_object_set_new(obj, "unavailable", unavailable);
    pfree(sel);
    AdminRespondJson(resp, 200, obj);
}

/* metric -- one HELP/TYPE block with a single unlabelled sample. */
static void
metric(StringInfo out, const char *name, const char *type, const char *help, const char *value_fmt, ...)
    RDB_PRINTF(5, 6);

static void
metric(StringInfo out, const char *name, const char *type, const char *help, const char *value_fmt, ...)
{
    va_list     ap;

    appendStringInfo(out, "# HELP %s %s\n# TYPE %s %s\n%s ", name, help, name, type, name);
    va_start(ap, value_fmt);
    for (;;)
    {
        va_list     ap2;
        bool        done;

        va_copy(ap2, ap);
        done = appendStringInfoVA(out, value_fmt, ap2);
        va_end(ap2);
        if (done)
            break;
    }
    va_end(ap);
    appendStringInfoChar(out, '\n');
}

/* append_label -- name="value" with the text format's escapes (\\, \", \n). */
static void
append_label(StringInfo out, const char *name, const char *value)
{
    appendStringInfo(out, "%s=\"", name);
    for (const char *p = value; *p; p++)
    {
        if (*p == '\\' || *p == '"')
            appendStringInfoChar(out, '\\');
        if (*p == '\n')
            appendStringInfoString(out, "\\n");
        else
            appendStringInfoChar(out, *p);
    }
    appendStringInfoChar(out, '"');
}

/* Maintenance jobs in the job table by operation and status (all origins). */
static void
job_metrics(StringInfo out)
{
    int         counts[JOB_OP_COUNT][JOB_STATUS_COUNT];
    JobSnapshot *jobs = palloc(sizeof(JobSnapshot) * (Size) Max(JobQueueSlots, 1));
    int         n = JobList(jobs, Max(JobQueueSlots, 1));

    memset(counts, 0, sizeof(counts));
    for (int i = 0; i < n; i++)
        counts[jobs[i].request.operation][jobs[i].status]++;
    pfree(jobs);
    appendStringInfoString(out, "# HELP rustydb_maintenance_jobs_by_operation Jobs in the job table "
                           "(the most recent maintenance_job_history) by operation and status.\n"
                           "# TYPE rustydb_maintenance_jobs_by_operation gauge\n");
    for (int op = 0; op < JOB_OP_COUNT; op++)
        for (int st = 0; st < JOB_STATUS_COUNT; st++)
            appendStringInfo(out, "rustydb_maintenance_jobs_by_operation{operation=\"%s\",status=\"%s\"} %d\n",
                             JobOperationName((JobOperation) op), JobStatusName((JobStatus) st), counts[op][st]);
}

/* One database's relation names and table statistics, read in its own transaction. */
typedef struct DbTables
{
    const AdminDbName *db;
    AdminRelName *names;
    int         nnames;
} DbTables;

static void
read_relation_names(void *arg)
{
    DbTables   *t = arg;

    t->names = AdminRelationNames(&t->nnames);
}

static void
read_databases(void *arg)
{
    SharedNames *n = arg;

    n->dbs = AdminDatabaseList(&n->ndbs);
}

/* sample -- one labelled sample line of a table metric. */
static void
table_sample(StringInfo out, const char *metric_name, const char *db, const AdminRelName *rel,
             const char *extra_label, const char *extra_value, const char *value)
{
    appendStringInfo(out, "%s{", metric_name);
    append_label(out, "database", db);
    appendStringInfoChar(out, ',');
    append_label(out, "schema", rel->schema);
    appendStringInfoChar(out, ',');
    append_label(out, "table", rel->relname);
    if (extra_label != NULL)
    {
        appendStringInfoChar(out, ',');
        append_label(out, extra_label, extra_value);
    }
    appendStringInfo(out, "} %s\n", value);
}

/*
 * Per-table figures (dead and live tuples, vacuum and analyze runs) of every
 * database that accepts connections, per-database transaction figures, and
 * the instance's autovacuum run totals.  Tables that have no statistics
 * entry yet (never touched since the statistics were reset) are absent.
 */
static void
statistics_metrics(StringInfo out)
{
    SharedNames names;
    PgStat_DatabaseEntry *dbstats;
    int         ndbstats;
    StringInfoData dead,
                live,
                vacuums,
                analyzes,
                last_vacuum;
    int64       autovacuums = 0;
    int64       autoanalyzes = 0;
    int64       vacuums_manual = 0;
    int64       analyzes_manual = 0;
    char        value[64];

    memset(&names, 0, sizeof(names));
    if (!AdminCatalogRead(NULL, read_databases, &names, NULL))
        return;
    initStringInfo(&dead);
    initStringInfo(&live);
    initStringInfo(&vacuums);
    initStringInfo(&analyzes);
    initStringInfo(&last_vacuum);
    for (int d = 0; d < names.ndbs; d++)
    {
        DbTables    t = {&names.dbs[d], NULL, 0};
        PgStat_TableEntry *tabs;
        int         ntabs;

        if (!names.dbs[d].allow_connections)
            continue;
        tabs = PgStatSnapshotTables(names.dbs[d].oid, &ntabs);
        if (ntabs == 0 || !AdminCatalogRead(names.dbs[d].name, read_relation_names, &t, NULL))
        {
            pfree(tabs);
            continue;           /* nothing to label, or dropped meanwhile */
        }
        for (int i = 0; i < ntabs; i++)
        {
            const PgStat_TableEntry *e = &tabs[i];
            const AdminRelName *rel = AdminRelNameFind(t.names, t.nnames, e->relid);
            TimestampTz lv = Max(e->last_vacuum, e->last_autovacuum);

            autovacuums += e->autovacuum_count;
            autoanalyzes += e->autoanalyze_count;
            vacuums_manual += e->vacuum_count;
            analyzes_manual += e->analyze_count;
            if (rel == NULL || rel->relkind != RELKIND_RELATION)
                continue;       /* dropped since its last count */
            snprintf(value, sizeof(value), "%" PRId64, e->n_dead_tup);
            table_sample(&dead, "rustydb_table_dead_tuples", t.db->name, rel, NULL, NULL, value);
            snprintf(value, sizeof(value), "%" PRId64, e->n_live_tup);
            table_sample(&live, "rustydb_table_live_tuples", t.db->name, rel, NULL, NULL, value);
            snprintf(value, sizeof(value), "%" PRId64, e->vacuum_count);
            table_sample(&vacuums, "rustydb_table_vacuum_total", t.db->name, rel, "kind", "manual", value);
            snprintf(value, sizeof(value), "%" PRId64, e->autovacuum_count);
            table_sample(&vacuums, "rustydb_table_vacuum_total", t.db->name, rel, "kind", "auto", value);
            snprintf(value, sizeof(value), "%" PRId64, e->analyze_count);
            table_sample(&analyzes, "rustydb_table_analyze_total", t.db->name, rel, "kind", "manual", value);
            snprintf(value, sizeof(value), "%" PRId64, e->autoanalyze_count);
            table_sample(&analyzes, "rustydb_table_analyze_total", t.db->name, rel, "kind", "auto", value);
            if (lv != 0)
            {
                snprintf(value, sizeof(value), "%.3f", (double) lv / 1e6 + (double) EPOCH_DIFF_SECS);
                table_sample(&last_vacuum, "rustydb_table_last_vacuum_time_seconds", t.db->name, rel,
                             NULL, NULL, value);
            }
        }
        pfree(tabs);
    }
    appendStringInfoString(out, "# HELP rustydb_table_dead_tuples Dead row versions per table (estimate; exact after VACUUM).\n"
                           "# TYPE rustydb_table_dead_tuples gauge\n");
    appendBinaryStringInfo(out, dead.data, dead.len);
    appendStringInfoString(out, "# HELP rustydb_table_live_tuples Live rows per table (estimate).\n"
                           "# TYPE rustydb_table_live_tuples gauge\n");
    appendBinaryStringInfo(out, live.data, live.len);
    appendStringInfoString(out, "# HELP rustydb_table_vacuum_total VACUUM runs per table, manual (SQL, API) or automatic.\n"
                           "# TYPE rustydb_table_vacuum_total counter\n");
    appendBinaryStringInfo(out, vacuums.data, vacuums.len);
    appendStringInfoString(out, "# HELP rustydb_table_analyze_total ANALYZE runs per table, manual or automatic.\n"
                           "# TYPE rustydb_table_analyze_total counter\n");
    appendBinaryStringInfo(out, analyzes.data, analyzes.len);
    appendStringInfoString(out, "# HELP rustydb_table_last_vacuum_time_seconds End of the last VACUUM of the table, Unix seconds.\n"
                           "# TYPE rustydb_table_last_vacuum_time_seconds gauge\n");
    appendBinaryStringInfo(out, last_vacuum.data, last_vacuum.len);
    appendStringInfoString(out, "# HELP rustydb_autovacuum_runs_total Table runs by autovacuum, all databases.\n"
                           "# TYPE rustydb_autovacuum_runs_total counter\n");
    appendStringInfo(out, "rustydb_autovacuum_runs_total{operation=\"vacuum\"} %" PRId64 "\n", autovacuums);
    appendStringInfo(out, "rustydb_autovacuum_runs_total{operation=\"analyze\"} %" PRId64 "\n", autoanalyzes);
    appendStringInfoString(out, "# HELP rustydb_manual_maintenance_runs_total Table runs by SQL or API request, all databases.\n"
                           "# TYPE rustydb_manual_maintenance_runs_total counter\n");
    appendStringInfo(out, "rustydb_manual_maintenance_runs_total{operation=\"vacuum\"} %" PRId64 "\n", vacuums_manual);
    appendStringInfo(out, "rustydb_manual_maintenance_runs_total{operation=\"analyze\"} %" PRId64 "\n", analyzes_manual);

    dbstats = PgStatSnapshotDatabases(&ndbstats);
    appendStringInfoString(out, "# HELP rustydb_database_xact_total Transactions per database by outcome.\n"
                           "# TYPE rustydb_database_xact_total counter\n");
    for (int i = 0; i < ndbstats; i++)
    {
        const char *db = db_name_of(&names, dbstats[i].db);

        if (db == NULL)
            continue;
        appendStringInfoString(out, "rustydb_database_xact_total{");
        append_label(out, "database", db);
        appendStringInfo(out, ",outcome=\"commit\"} %" PRId64 "\n", dbstats[i].xact_commit);
        appendStringInfoString(out, "rustydb_database_xact_total{");
        append_label(out, "database", db);
        appendStringInfo(out, ",outcome=\"rollback\"} %" PRId64 "\n", dbstats[i].xact_rollback);
    }
    appendStringInfoString(out, "# HELP rustydb_database_deadlocks_total Deadlocks per database.\n"
                           "# TYPE rustydb_database_deadlocks_total counter\n");
    for (int i = 0; i < ndbstats; i++)
    {
        const char *db = db_name_of(&names, dbstats[i].db);

        if (db == NULL)
            continue;
        appendStringInfoString(out, "rustydb_database_deadlocks_total{");
        append_label(out, "database", db);
        appendStringInfo(out, "} %" PRId64 "\n", dbstats[i].deadlocks);
    }
    pfree(dbstats);
}

void
AdminHandleMetrics(AdminRequest *req, AdminResponse *resp, char **params)
{
    StringInfoData out;
    AdminCounters c;
    AdminProcStats ps;
    WalStats    ws;
    int         counts[JOB_STATUS_COUNT];
    int         active,
                idle,
                waiting,
                total;
    pid_t       pm_pid;
    int64       start_time;
    char        status[32];

    (void) req;
    (void) params;
    initStringInfo(&out);
    AdminGetCounters(&c);
    AdminGetProcStats(&ps);
    GetWalStats(&ws);
    JobCount(counts);
    AdminCountConnections(&active, &idle, &waiting, &total);

    metric(&out, "rustydb_up", "gauge", "1 while the admin API answers.", "1");
    if (AdminReadPidFile(&pm_pid, &start_time, status, sizeof(status)) && start_time > 0)
        metric(&out, "rustydb_start_time_seconds", "gauge", "Postmaster start, Unix seconds.", "%lld",
               (long long) start_time);
    if (c.transaction_counts_wired)
    {
        metric(&out, "rustydb_xact_commit_total", "counter", "Transactions committed.", "%" PRIu64, c.commits);
        metric(&out, "rustydb_xact_rollback_total", "counter", "Transactions rolled back.", "%" PRIu64, c.rollbacks);
        metric(&out, "rustydb_buffer_hits_total", "counter", "Shared buffer lookups found in the pool.", "%" PRIu64,
               c.buffer_hits);
        metric(&out, "rustydb_buffer_reads_total", "counter", "Shared buffer lookups read from disk.", "%" PRIu64,
               c.buffer_reads);
    }
    metric(&out, "rustydb_deadlocks_total", "counter", "Deadlocks detected since start.", "%" PRIu64,
           LockDeadlockCount());
    metric(&out, "rustydb_locks_held", "gauge", "Heavyweight locks granted now.", "%d", LockCountHeld());
    metric(&out, "rustydb_lock_waiters", "gauge", "Processes waiting for a heavyweight lock.", "%d",
           LockWaitingCount());

    appendStringInfoString(&out, "# HELP rustydb_connections Client connections by state.\n"
                           "# TYPE rustydb_connections gauge\n");
    appendStringInfo(&out, "rustydb_connections{state=\"active\"} %d\n", active);
    appendStringInfo(&out, "rustydb_connections{state=\"idle\"} %d\n", idle);
    appendStringInfo(&out, "rustydb_connections{state=\"waiting\"} %d\n", waiting);
    metric(&out, "rustydb_max_connections", "gauge", "Setting max_connections.", "%d", MaxConnections);

    appendStringInfoString(&out, "# HELP rustydb_checkpoints_total Checkpoints completed.\n"
                           "# TYPE rustydb_checkpoints_total counter\n");
    appendStringInfo(&out, "rustydb_checkpoints_total{kind=\"timed\"} %" PRIu64 "\n", ws.checkpoints_timed);
    appendStringInfo(&out, "rustydb_checkpoints_total{kind=\"requested\"} %" PRIu64 "\n", ws.checkpoints_req);
    metric(&out, "rustydb_checkpoint_write_seconds_total", "counter", "Time checkpoints spent writing buffers.",
           "%.3f", ws.checkpoint_write_ms / 1000.0);
    metric(&out, "rustydb_checkpoint_sync_seconds_total", "counter", "Time checkpoints spent syncing files.",
           "%.3f", ws.checkpoint_sync_ms / 1000.0);
    metric(&out, "rustydb_checkpoint_buffers_written_total", "counter", "Buffers written by checkpoints.",
           "%" PRIu64, ws.buffers_checkpoint);
    if (ws.last_checkpoint_us != 0)
        metric(&out, "rustydb_last_checkpoint_time_seconds", "gauge", "End of the last checkpoint, Unix seconds.",
               "%.3f", (double) ws.last_checkpoint_us / 1e6);
    metric(&out, "rustydb_wal_records_total", "counter", "WAL records inserted.", "%" PRIu64, ws.records);
    metric(&out, "rustydb_wal_fpi_total", "counter", "WAL full-page images.", "%" PRIu64, ws.fpi);
    metric(&out, "rustydb_wal_bytes_total", "counter", "WAL bytes inserted.", "%" PRIu64, ws.bytes);

    appendStringInfoString(&out, "# HELP rustydb_maintenance_jobs Maintenance jobs in the job table by status.\n"
                           "# TYPE rustydb_maintenance_jobs gauge\n");
    for (int s = 0; s < JOB_STATUS_COUNT; s++)
        appendStringInfo(&out, "rustydb_maintenance_jobs{status=\"%s\"} %d\n", JobStatusName((JobStatus) s), counts[s]);

    if (ps.valid)
    {
        metric(&out, "rustydb_server_processes", "gauge", "Postmaster and child processes.", "%d", ps.nprocesses);
        metric(&out, "rustydb_memory_bytes", "gauge", "Proportional set size of all server processes.",
               "%" PRIu64, ps.memory_bytes);
        if (ps.cpu_usage_percent >= 0)
            metric(&out, "rustydb_cpu_usage_percent", "gauge", "CPU use of the server, percent of the machine.",
                   "%.2f", ps.cpu_usage_percent);
    }
    if (ws.last_checkpoint_us != 0)
        metric(&out, "rustydb_last_checkpoint_failed", "gauge", "1 if the last checkpoint attempt failed.", "%d",
               ws.last_checkpoint_failed ? 1 : 0);
    job_metrics(&out);
    statistics_metrics(&out);
    AdminResponseSetBody(resp, 200, "text/plain; version=0.0.4; charset=utf-8", out.data, (size_t) out.len);
    pfree(out.data);
}
