/*
 * pgstatfuncs.c
 *     SQL functions behind the statistics views: one set-returning function
 *     per view, each row a text[] that the view definition (catalog
 *     bootstrap SQL) casts column by column, plus the flush/reset helpers.
 * Entry points: the rustydb_stat_*() functions listed in builtins.list
 * (block "statistics functions").
 *
 * Why text[] rows: the executor has no record-returning functions in FROM
 * yet; a text[] per row keeps every view a plain SELECT over a scalar SRF,
 * and text casts handle NULLs and every type.  Timestamps are written as
 * ISO 8601 UTC ("2024-01-02 03:04:05.123456+00"), which timestamptz input
 * reads back exactly.  All rows of a call are built on the first call (a
 * consistent snapshot under the partition locks), then returned one by one.
 */
#include "rustydb.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access/heapam.h"
#include "catalog/pg_builtin.h"
#include "commands/maintenance.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/lock.h"
#include "storage/procarray.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"
#include "utils/relcache.h"

/* Defined in src/backend/utils/activity (private API shared with this file). */
#include "../activity/pgstat_int.h"

typedef struct SrfRows
{
    Datum      *rows;
    int         count;
    int         capacity;
    int         next;
} SrfRows;

/* One row under construction: ncols strings, NULL = SQL NULL. */
typedef struct RowBuf
{
    int         ncols;
    int         n;
    char      **cols;
} RowBuf;

static ReturnSetInfo *
srf_info(FunctionCallInfo fcinfo)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    return rsi;
}

static void
row_begin(RowBuf *r, int ncols)
{
    r->ncols = ncols;
    r->n = 0;
    r->cols = palloc0(sizeof(char *) * (Size) ncols);
}

static void
put_str(RowBuf *r, const char *s)
{
    Assert(r->n < r->ncols);
    r->cols[r->n++] = s ? pstrdup(s) : NULL;
}

static void
put_int(RowBuf *r, int64 v)
{
    put_str(r, psprintf("%lld", (long long) v));
}

static void
put_uint(RowBuf *r, uint64 v)
{
    put_str(r, psprintf("%llu", (unsigned long long) v));
}

static void
put_float(RowBuf *r, double v)
{
    put_str(r, psprintf("%.6f", v));
}

/* Timestamps: 0 (never) is NULL. */
static void
put_ts(RowBuf *r, TimestampTz ts)
{
    int64       us;
    time_t      secs;
    struct tm   tm;

    if (ts == 0)
    {
        put_str(r, NULL);
        return;
    }
    us = TimestampTzToUnixMicros(ts);
    secs = (time_t) (us >= 0 ? us / 1000000 : (us - 999999) / 1000000);
    gmtime_r(&secs, &tm);
    put_str(r, psprintf("%04d-%02d-%02d %02d:%02d:%02d.%06d+00", tm.tm_year + 1900, tm.tm_mon + 1,
                        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                        (int) (us - (int64) secs * 1000000)));
}

static void
row_end(SrfRows *rows, RowBuf *r)
{
    Datum      *vals = palloc(sizeof(Datum) * (Size) r->ncols);
    bool       *nulls = palloc(sizeof(bool) * (Size) r->ncols);

    Assert(r->n == r->ncols);
    for (int i = 0; i < r->ncols; i++)
    {
        nulls[i] = r->cols[i] == NULL;
        vals[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(r->cols[i]);
    }
    if (rows->count == rows->capacity)
    {
        rows->capacity = rows->capacity ? rows->capacity * 2 : 64;
        rows->rows = rows->rows ? repalloc(rows->rows, sizeof(Datum) * (Size) rows->capacity)
            : palloc(sizeof(Datum) * (Size) rows->capacity);
    }
    rows->rows[rows->count++] = PointerGetDatum(ArrayConstruct(TEXTOID, vals, nulls, r->ncols));
}

typedef void (*RowsBuilder) (SrfRows *rows);

/* The value-per-call protocol around a builder that produces every row. */
static Datum
srf_return(FunctionCallInfo fcinfo, RowsBuilder build)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    SrfRows    *st = rsi->state;

    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);

        st = palloc0(sizeof(SrfRows));
        build(st);
        rsi->state = st;
        MemoryContextSwitchTo(old);
    }
    if (st->next >= st->count)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    return st->rows[st->next++];
}

/* ---------- tables ---------- */

static void
build_tables(SrfRows *rows)
{
    int         n;
    PgStat_TableEntry *t;

    (void) pgstat_flush(true);
    t = PgStatSnapshotTables(MyDatabaseId, &n);
    for (int i = 0; i < n; i++)
    {
        RowBuf      r;

        row_begin(&r, 25);
        put_int(&r, t[i].relid);
        put_int(&r, t[i].seq_scan);
        put_int(&r, t[i].seq_tup_read);
        put_int(&r, t[i].idx_scan);
        put_int(&r, t[i].idx_tup_fetch);
        put_int(&r, t[i].n_tup_ins);
        put_int(&r, t[i].n_tup_upd);
        put_int(&r, t[i].n_tup_del);
        put_int(&r, t[i].n_tup_hot_upd);
        put_int(&r, t[i].n_live_tup);
        put_int(&r, t[i].n_dead_tup);
        put_int(&r, t[i].n_mod_since_analyze);
        put_int(&r, t[i].n_ins_since_vacuum);
        put_ts(&r, t[i].last_seq_scan);
        put_ts(&r, t[i].last_vacuum);
        put_ts(&r, t[i].last_autovacuum);
        put_ts(&r, t[i].last_analyze);
        put_ts(&r, t[i].last_autoanalyze);
        put_int(&r, t[i].vacuum_count);
        put_int(&r, t[i].autovacuum_count);
        put_int(&r, t[i].analyze_count);
        put_int(&r, t[i].autoanalyze_count);
        put_int(&r, t[i].last_vacuum_duration_ms);
        put_int(&r, t[i].last_vacuum_removed);
        put_int(&r, t[i].blks_read);
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_tables(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_tables);
}

/* ---------- indexes ---------- */

static void
build_indexes(SrfRows *rows)
{
    int         n;
    PgStat_IndexEntry *x;

    (void) pgstat_flush(true);
    x = PgStatSnapshotIndexes(MyDatabaseId, &n);
    for (int i = 0; i < n; i++)
    {
        RowBuf      r;

        row_begin(&r, 7);
        put_int(&r, x[i].indexrelid);
        put_int(&r, x[i].relid);
        put_int(&r, x[i].idx_scan);
        put_int(&r, x[i].idx_tup_read);
        put_int(&r, x[i].idx_tup_fetch);
        put_ts(&r, x[i].last_idx_scan);
        put_ts(&r, x[i].created_at);
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_indexes(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_indexes);
}

/* ---------- databases ---------- */

static void
build_databases(SrfRows *rows)
{
    int         n;
    PgStat_DatabaseEntry *d;
    TimestampTz reset = PgStatShmem ? atomic_load(&PgStatShmem->stats_reset) : 0;

    (void) pgstat_flush(true);
    d = PgStatSnapshotDatabases(&n);
    for (int i = 0; i < n; i++)
    {
        RowBuf      r;

        row_begin(&r, 17);
        put_int(&r, d[i].db);
        put_int(&r, d[i].xact_commit);
        put_int(&r, d[i].xact_rollback);
        put_int(&r, d[i].blks_read);
        put_int(&r, d[i].blks_hit);
        put_int(&r, d[i].tup_returned);
        put_int(&r, d[i].tup_fetched);
        put_int(&r, d[i].tup_inserted);
        put_int(&r, d[i].tup_updated);
        put_int(&r, d[i].tup_deleted);
        put_int(&r, d[i].conflicts);
        put_int(&r, d[i].temp_files);
        put_int(&r, d[i].temp_bytes);
        put_int(&r, d[i].deadlocks);
        put_int(&r, d[i].sessions);
        put_ts(&r, d[i].stats_reset ? d[i].stats_reset : reset);
        put_float(&r, d[i].blk_read_time_ms);
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_databases(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_databases);
}

/* ---------- statements ---------- */

static void
build_statements(SrfRows *rows)
{
    int         n;
    PgStat_StatementEntry *s;

    (void) pgstat_flush(true);
    s = PgStatSnapshotStatements(&n);
    for (int i = 0; i < n; i++)
    {
        RowBuf      r;
        double      stddev = s[i].calls > 0 ? sqrt(s[i].sum_var_time / (double) s[i].calls) : 0.0;

        row_begin(&r, 15);
        put_int(&r, s[i].userid);
        put_int(&r, s[i].db);
        /* signed, as pg_stat_statements.queryid (bigint) */
        put_int(&r, (int64) s[i].queryid);
        put_str(&r, s[i].query);
        put_int(&r, s[i].calls);
        put_float(&r, s[i].total_time_ms);
        put_float(&r, s[i].min_time_ms);
        put_float(&r, s[i].max_time_ms);
        put_float(&r, s[i].mean_time_ms);
        put_float(&r, stddev);
        put_int(&r, s[i].rows);
        put_int(&r, s[i].shared_blks_hit);
        put_int(&r, s[i].shared_blks_read);
        put_ts(&r, s[i].first_executed);
        put_ts(&r, s[i].last_executed);
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_statements(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_statements);
}

/* ---------- missing indexes ---------- */

static void
build_missing(SrfRows *rows)
{
    int         n;
    PgStat_MissingIndexEntry *m;

    (void) pgstat_flush(true);
    m = PgStatSnapshotMissingIndexes(MyDatabaseId, &n);
    for (int i = 0; i < n; i++)
    {
        RowBuf      r;
        char        cols[64];
        size_t      len = 0;

        cols[0] = '\0';
        for (int k = 0; k < m[i].natts; k++)
            len += (size_t) snprintf(cols + len, sizeof(cols) - len, "%s%d", k ? "," : "", m[i].attnums[k]);
        row_begin(&r, 10);
        put_int(&r, m[i].relid);
        put_str(&r, psprintf("{%s}", cols));
        put_int(&r, m[i].executions);
        put_int(&r, m[i].rows_scanned);
        put_int(&r, m[i].rows_returned);
        put_float(&r, m[i].actual_cost);
        put_float(&r, m[i].hypothetical_cost);
        put_int(&r, (int64) m[i].example_queryid);
        put_ts(&r, m[i].last_seen);
        put_int(&r, m[i].natts);
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_missing_indexes(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_missing);
}

/* ---------- activity ---------- */

static const char *
state_name(int state)
{
    switch (state)
    {
        case PGSTAT_STATE_IDLE:
            return "idle";
        case PGSTAT_STATE_RUNNING:
            return "active";
        case PGSTAT_STATE_IDLE_IN_XACT:
            return "idle in transaction";
        case PGSTAT_STATE_IDLE_IN_XACT_ABORTED:
            return "idle in transaction (aborted)";
        default:
            return NULL;
    }
}

static const char *
wait_type_name(int type)
{
    switch (type)
    {
        case PROC_WAIT_LWLOCK:
            return "LWLock";
        case PROC_WAIT_LOCK:
            return "Lock";
        case PROC_WAIT_TRANSACTION:
            return "Lock";
        case PROC_WAIT_IO:
            return "IO";
        case PROC_WAIT_CLIENT:
            return "Client";
        case PROC_WAIT_TIMEOUT:
            return "Timeout";
        default:
            return NULL;
    }
}

static const char *
wait_event_name(int type, int detail)
{
    switch (type)
    {
        case PROC_WAIT_LWLOCK:
            return LWLockTrancheName(detail);
        case PROC_WAIT_LOCK:
            return "relation";
        case PROC_WAIT_TRANSACTION:
            return "transactionid";
        case PROC_WAIT_IO:
            return "BufferIO";
        case PROC_WAIT_CLIENT:
            return "ClientRead";
        case PROC_WAIT_TIMEOUT:
            return "PgSleep";
        default:
            return NULL;
    }
}

static void
build_activity(SrfRows *rows)
{
    int         nslots = ProcGlobalSlotCount();

    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        PgStatActivity a;
        RowBuf      r;
        pid_t       pid;
        bool        have_activity;
        bool        same_user;
        uint64      xid;
        uint64      xmin;
        int         wt;

        if (!atomic_load(&proc->in_use) || (pid = proc->pid) == 0)
            continue;
        have_activity = pgstat_activity_read(i, &a) && a.state != PGSTAT_STATE_UNDEFINED;
        same_user = MyRoleIsSuperuser || proc->role_id == MyRoleId;
        xid = atomic_load(&proc->xid);
        xmin = atomic_load(&proc->xmin);
        wt = atomic_load(&proc->wait_type);
        row_begin(&r, 20);
        put_int(&r, proc->database_id);
        put_int(&r, pid);
        put_int(&r, proc->role_id);
        put_str(&r, have_activity ? a.application_name : (proc->backend_type == B_BACKEND ? "" : NULL));
        put_str(&r, have_activity && a.client_addr[0] ? a.client_addr : NULL);
        if (have_activity && a.client_port >= 0)
            put_int(&r, a.client_port);
        else
            put_str(&r, proc->backend_type == B_BACKEND && have_activity ? "-1" : NULL);
        put_ts(&r, have_activity ? a.backend_start : TimestampTzFromUnixMicros(proc->start_time_us));
        put_ts(&r, have_activity && same_user ? a.xact_start : 0);
        put_ts(&r, have_activity && same_user ? a.query_start : 0);
        put_ts(&r, have_activity && same_user ? a.state_change : 0);
        put_str(&r, wait_type_name(wt));
        put_str(&r, wait_event_name(wt, atomic_load(&proc->wait_detail)));
        put_str(&r, have_activity ? (same_user ? state_name(a.state) : NULL) : NULL);
        if (xid != 0)
            put_uint(&r, xid);
        else
            put_str(&r, NULL);
        if (xmin != 0)
            put_uint(&r, xmin);
        else
            put_str(&r, NULL);
        put_str(&r, have_activity ? (same_user ? a.query : "<insufficient privilege>") : "");
        put_str(&r, BackendTypeName(proc->backend_type));
        if (have_activity && same_user && a.queryid != 0)
            put_int(&r, (int64) a.queryid);
        else
            put_str(&r, NULL);
        put_int(&r, i);
        put_str(&r, proc->backend_type == B_BACKEND ? "client backend" : BackendTypeName(proc->backend_type));
        row_end(rows, &r);
    }
}

Datum
rustydb_stat_activity(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_activity);
}

/* ---------- locks ---------- */

static const char *
locktype_name(int type)
{
    switch (type)
    {
        case LOCKTAG_RELATION:
            return "relation";
        case LOCKTAG_RELATION_EXTEND:
            return "extend";
        case LOCKTAG_TUPLE:
            return "tuple";
        case LOCKTAG_TRANSACTION:
            return "transactionid";
        case LOCKTAG_DATABASE:
            return "database";
        case LOCKTAG_OBJECT:
            return "object";
        case LOCKTAG_ADVISORY:
            return "advisory";
        case LOCKTAG_UNIQUE_KEY:
            return "unique key";
        default:
            return "unknown";
    }
}

static void
build_locks(SrfRows *rows)
{
    int         n;
    LockStatusRow *l = LockGetStatus(&n);

    for (int i = 0; i < n; i++)
    {
        RowBuf      r;
        const LockTag *t = &l[i].tag;
        bool        rel = t->type == LOCKTAG_RELATION || t->type == LOCKTAG_RELATION_EXTEND ||
            t->type == LOCKTAG_TUPLE;

        row_begin(&r, 11);
        put_str(&r, locktype_name(t->type));
        if (t->type == LOCKTAG_TRANSACTION)
            put_str(&r, NULL);
        else
            put_int(&r, t->db);
        put_str(&r, rel ? psprintf("%u", t->rel) : NULL);
        put_str(&r, t->type == LOCKTAG_TUPLE ? psprintf("%u", (unsigned) (t->id >> 16)) : NULL);
        put_str(&r, t->type == LOCKTAG_TUPLE ? psprintf("%u", (unsigned) (t->id & 0xFFFF)) : NULL);
        put_str(&r, t->type == LOCKTAG_TRANSACTION ? psprintf("%llu", (unsigned long long) t->id) : NULL);
        put_str(&r, t->type == LOCKTAG_OBJECT ? psprintf("%u", t->rel) : NULL);
        /* a unique-key lock shows its constraint (the key hash does not fit an oid) */
        put_str(&r, t->type == LOCKTAG_UNIQUE_KEY ? psprintf("%u", t->rel) :
                t->type == LOCKTAG_OBJECT || t->type == LOCKTAG_ADVISORY
                ? psprintf("%llu", (unsigned long long) t->id) : NULL);
        put_int(&r, l[i].pid);
        put_str(&r, LockModeName(l[i].mode));
        put_str(&r, l[i].granted ? "true" : "false");
        row_end(rows, &r);
    }
}

Datum
rustydb_locks(RDB_FUNCTION_ARGS)
{
    return srf_return(fcinfo, build_locks);
}

/* ---------- control ---------- */

/* rustydb_stat_flush() -- publish this backend's pending counters now (waits for locks). */
Datum
rustydb_stat_flush(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_BOOL(pgstat_flush(true));
}

/* pg_stat_force_next_flush() -- PostgreSQL's name; here the flush happens at once. */
Datum
pg_stat_force_next_flush(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    (void) pgstat_flush(true);
    RDB_RETURN_VOID();
}

/* rustydb_stat_persist() -- write data/global/rustydb_stats now (superuser). */
Datum
rustydb_stat_persist(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    if (!MyRoleIsSuperuser)
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied to write the statistics file"),
                errhint("Only superusers can call rustydb_stat_persist()."));
    (void) pgstat_flush(true);
    RDB_RETURN_BOOL(PgStatWriteFile());
}

Datum
pg_stat_reset(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    if (!MyRoleIsSuperuser)
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied for function pg_stat_reset"));
    PgStatResetDatabase(MyDatabaseId);
    RDB_RETURN_VOID();
}

Datum
pg_stat_statements_reset(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    if (!MyRoleIsSuperuser)
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied for function pg_stat_statements_reset"));
    (void) pgstat_flush(true);
    PgStatResetStatements();
    RDB_RETURN_VOID();
}

/* rustydb_normalize_query(text) -- the normalised form statement statistics keep. */
Datum
rustydb_normalize_query(RDB_FUNCTION_ARGS)
{
    char       *q = text_to_cstring(RDB_GETARG_TEXT_P(0));

    RDB_RETURN_TEXT_P(cstring_to_text(PgStatNormalizeQuery(q)));
}

/* rustydb_query_id(text) -- the 64-bit id (as bigint) of a statement's text. */
Datum
rustydb_query_id(RDB_FUNCTION_ARGS)
{
    char       *q = text_to_cstring(RDB_GETARG_TEXT_P(0));

    RDB_RETURN_INT64((int64) PgStatQueryId(q));
}

Datum
pg_backend_pid(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_INT32((int32) MyProcPid);
}

/* pg_sleep(seconds) -- sleep, interruptible by cancel (checked every 10 ms). */
Datum
pg_sleep(RDB_FUNCTION_ARGS)
{
    double      secs = RDB_GETARG_FLOAT8(0);
    struct timespec start;
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &start);
    if (MyProc)
        ProcSetWait(PROC_WAIT_TIMEOUT, 0);
    for (;;)
    {
        double      elapsed;

        CHECK_FOR_INTERRUPTS();
        clock_gettime(CLOCK_MONOTONIC, &now);
        elapsed = (double) (now.tv_sec - start.tv_sec) + (double) (now.tv_nsec - start.tv_nsec) / 1e9;
        if (elapsed >= secs)
            break;
        SleepMs((long) Min(10.0, (secs - elapsed) * 1000.0 + 1.0));
    }
    if (MyProc)
        ProcSetWait(PROC_WAIT_NONE, 0);
    RDB_RETURN_VOID();
}

/* ---------- exact space (v$table_statistics) ---------- */

/*
 * rustydb_table_space(oid) -- {live_bytes, dead_bytes, free_bytes} of a
 * table or index as text[]: the maintenance engine's exact space counters
 * (RelationGetSpace, commands/maintenance.h: O(1) once valid, else a
 * measurement that becomes the baseline).  NULL for a relation that is
 * neither (v$table_statistics, v$index_usage).
 */
Datum
rustydb_table_space(RDB_FUNCTION_ARGS)
{
    Oid         relid = RDB_GETARG_OID(0);
    Relation    rel = try_table_open(relid, AccessShareLock);
    RelationSpace sp;
    Datum       vals[3];
    bool        nulls[3] = {false, false, false};

    if (rel == NULL)
        RDB_RETURN_NULL();
    if (RelationGetForm_relkind(rel) != RELKIND_RELATION &&
        RelationGetForm_relkind(rel) != RELKIND_INDEX)
    {
        table_close(rel, AccessShareLock);
        RDB_RETURN_NULL();
    }
    (void) RelationGetSpace(rel, &sp);
    table_close(rel, AccessShareLock);
    vals[0] = CStringGetTextDatum(psprintf("%lld", (long long) sp.live_bytes));
    vals[1] = CStringGetTextDatum(psprintf("%lld", (long long) sp.dead_bytes));
    vals[2] = CStringGetTextDatum(psprintf("%lld", (long long) sp.free_bytes));
    RDB_RETURN_POINTER(ArrayConstruct(TEXTOID, vals, nulls, 3));
}
