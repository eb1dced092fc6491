/*
 * maintenance_funcs.c
 *     SQL functions of the maintenance engine: queueing and cancelling
 *     jobs, the rows behind v$maintenance_jobs and v$vacuum_horizon, and
 *     exact space accounting.
 * Registered in builtins.list (block "# maintenance functions"); the views
 * are created at initdb (catalog/bootstrap.c).
 *
 * Functions returning records are not supported in FROM yet, so the two
 * set-returning functions return one text[] per row; the views turn its
 * elements into typed columns.
 */
#include "rustydb.h"

#include <time.h>

#include "catalog/catalog.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/jobqueue.h"
#include "commands/maintenance.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "partitioning/partition.h"
#include "pgstat.h"
#include "postmaster/autovacuum.h"
#include "storage/proc.h"
#include "access/transam.h"
#include "storage/procarray.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"
#include "../catalog/builtin_protos.h"

static ReturnSetInfo *
srf_info(FunctionCallInfo fcinfo)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    return rsi;
}

/* "s.t" or "t" -> relid in the current database; InvalidOid if absent. */
static Oid
lookup_table(const char *name)
{
    char       *copy = pstrdup(name);
    char       *dot = strchr(copy, '.');

    if (dot != NULL)
    {
        *dot = '\0';
        if (!OidIsValid(LookupNamespace(copy, true)))
            return InvalidOid;
        return RelnameGetRelid(copy, dot + 1);
    }
    return RelnameGetRelid(NULL, copy);
}

/* ---------- queueing and cancelling ---------- */

static Datum
queue_job(FunctionCallInfo fcinfo, bool with_tables)
{
    char       *opname;
    JobRequest  req;
    JobId       id;

    if (RDB_ARGISNULL(0))
        ereport(ERROR, errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                errmsg("maintenance operation must not be null"));
    opname = text_to_cstring(RDB_GETARG_TEXT_P(0));

    memset(&req, 0, sizeof(req));
    if (!JobOperationFromName(opname, &req.operation))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unknown maintenance operation \"%s\"", opname),
                errhint("Valid operations are vacuum, analyze, reindex and checkpoint."));
    req.origin = JOB_ORIGIN_SQL;
    req.database_id = MyDatabaseId;
    snprintf(req.database_name, sizeof(req.database_name), "%s",
             MyDatabaseName ? MyDatabaseName : "");
    if (with_tables && !RDB_ARGISNULL(1))
    {
        Datum      *elems;
        bool       *nulls;
        int         n;

        ArrayDeconstruct((ArrayType *) RDB_GETARG_POINTER(1), &elems, &nulls, &n);
        if (n > JOB_MAX_TABLES)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("a maintenance job can name at most %d tables", JOB_MAX_TABLES));
        for (int i = 0; i < n; i++)
        {
            char       *t;

            if (nulls[i])
                ereport(ERROR, errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                        errmsg("table names must not be null"));
            t = text_to_cstring((text *) DatumGetPointer(elems[i]));
            if (strlen(t) >= JOB_TABLE_NAME_LEN)
                ereport(ERROR, errcode(ERRCODE_NAME_TOO_LONG),
                        errmsg("table name \"%s\" is too long", t));
            if (req.operation != JOB_OP_CHECKPOINT && !OidIsValid(lookup_table(t)))
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                        errmsg("relation \"%s\" does not exist", t));
            snprintf(req.tables[req.ntables++], JOB_TABLE_NAME_LEN, "%s", t);
        }
    }
    id = JobSubmit(&req);
    if (id == InvalidJobId)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("the maintenance job table is full"),
                errhint("Wait for queued jobs to finish, or raise maintenance_job_history."));
    AutoVacuumWakeup();
    RDB_RETURN_INT64((int64) id);
}

/* rustydb_queue_maintenance(operation text, tables text[]) -> job id */
Datum
rustydb_queue_maintenance(RDB_FUNCTION_ARGS)
{
    return queue_job(fcinfo, true);
}

/* rustydb_queue_maintenance(operation text) -> job id (every table) */
Datum
rustydb_queue_maintenance_all(RDB_FUNCTION_ARGS)
{
    return queue_job(fcinfo, false);
}

/* rustydb_cancel_job(id) -> true if cancelled or asked to stop, false if already finished */
Datum
rustydb_cancel_job(RDB_FUNCTION_ARGS)
{
    int64       id = RDB_GETARG_INT64(0);

    switch (JobCancel((JobId) id))
    {
        case JOB_CANCEL_NOT_FOUND:
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("maintenance job %lld does not exist", (long long) id));
            break;
        case JOB_CANCEL_ALREADY_FINISHED:
            RDB_RETURN_BOOL(false);
        case JOB_CANCEL_DONE:
        case JOB_CANCEL_REQUESTED:
            break;
    }
    RDB_RETURN_BOOL(true);
}

/* ---------- v$maintenance_jobs ---------- */

typedef struct RowsState
{
    ArrayType **rows;
    int         n;
    int         next;
} RowsState;

static Datum
text_elem(const char *s)
{
    return PointerGetDatum(cstring_to_text(s));
}

static char *
ts_text(int64 unix_us)
{
    if (unix_us == 0)
        return NULL;
    return OutputFunctionCall(TIMESTAMPTZOID,
                              TimestampTzGetDatum(TimestampTzFromUnixMicros(unix_us)));
}

static ArrayType *
make_row(char **cols, int n)
{
    Datum      *values = palloc(sizeof(Datum) * (Size) n);
    bool       *nulls = palloc(sizeof(bool) * (Size) n);

    for (int i = 0; i < n; i++)
    {
        nulls[i] = cols[i] == NULL;
        values[i] = nulls[i] ? (Datum) 0 : text_elem(cols[i]);
    }
    return ArrayConstruct(TEXTOID, values, nulls, n);
}

#define JOB_COLS 20

static ArrayType *
job_row(const JobSnapshot *j, int64 now_us)
{
    char       *c[JOB_COLS];
    char        tables[JOB_MAX_TABLES * JOB_TABLE_NAME_LEN + 64] = "";
    uint64      removed = 0;
    uint64      freed = 0;
    double      pct = -1;
    double      eta = -1;

    for (int i = 0; i < j->request.ntables; i++)
    {
        if (i > 0)
            strcat(tables, ",");
        strcat(tables, j->request.tables[i]);
    }
    for (int i = 0; i < j->result.ntables; i++)
    {
        removed += j->result.tables[i].dead_tuples_removed;
        freed += j->result.tables[i].pages_freed;
    }
    if (j->progress.pages_total > 0)
    {
        double      tdone = j->progress.tables_total > 0
            ? (double) j->progress.tables_done / j->progress.tables_total : 0;
        double      tfrac = j->progress.tables_total > 0 ? 1.0 / j->progress.tables_total : 1.0;

        pct = 100.0 * (tdone + tfrac * (double) j->progress.pages_scanned / j->progress.pages_total);
        if (j->status == JOB_STATUS_RUNNING && pct > 0 && j->started_at_us > 0)
        {
            double      elapsed = (double) (now_us - j->started_at_us) / 1e6;

            eta = elapsed * (100.0 - pct) / pct;
        }
    }
    if (j->status == JOB_STATUS_SUCCEEDED)
    {
        pct = 100;
        eta = 0;
    }
    c[0] = psprintf("%llu", (unsigned long long) j->id);
    c[1] = pstrdup(JobOperationName(j->request.operation));
    c[2] = pstrdup(JobOriginName(j->request.origin));
    c[3] = pstrdup(JobStatusName(j->status));
    c[4] = j->request.database_name[0] ? pstrdup(j->request.database_name) : NULL;
    c[5] = j->request.ntables > 0 ? pstrdup(tables) : NULL;
    c[6] = pstrdup(j->progress.phase);
    c[7] = psprintf("%llu", (unsigned long long) j->progress.tables_done);
    c[8] = psprintf("%llu", (unsigned long long) j->progress.tables_total);
    c[9] = psprintf("%llu", (unsigned long long) j->progress.pages_scanned);
    c[10] = psprintf("%llu", (unsigned long long) j->progress.pages_total);
    c[11] = psprintf("%u", j->progress.indexes_done);
    c[12] = psprintf("%u", j->progress.indexes_total);
    c[13] = pct >= 0 ? psprintf("%.1f", Min(pct, 100.0)) : NULL;
    c[14] = eta >= 0 ? psprintf("%.0f", eta) : NULL;
    c[15] = ts_text(j->submitted_at_us);
    c[16] = ts_text(j->started_at_us);
    c[17] = ts_text(j->finished_at_us);
    c[18] = psprintf("%llu", (unsigned long long) removed);
    c[19] = j->error[0] ? pstrdup(j->error) : NULL;
    (void) freed;
    return make_row(c, JOB_COLS);
}

static Datum
rows_next(FunctionCallInfo fcinfo, RowsState *st)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);

    if (st->next >= st->n)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    return PointerGetDatum(st->rows[st->next++]);
}

/* rustydb_maintenance_jobs() -> setof text[] (newest first) */
Datum
rustydb_maintenance_jobs(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    RowsState  *st = rsi->state;

    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);
        JobSnapshot *jobs = palloc(sizeof(JobSnapshot) * (Size) Max(JobQueueSlots, 1));
        struct timespec ts;
        int64       now;

        clock_gettime(CLOCK_REALTIME, &ts);
        now = (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
        st = palloc0(sizeof(RowsState));
        st->n = JobList(jobs, Max(JobQueueSlots, 1));
        st->rows = palloc(sizeof(ArrayType *) * (Size) Max(st->n, 1));
        for (int i = 0; i < st->n; i++)
            st->rows[i] = job_row(&jobs[i], now);
        rsi->state = st;
        MemoryContextSwitchTo(old);
    }
    return rows_next(fcinfo, st);
}

/* ---------- v$vacuum_horizon ---------- */

/* rustydb_vacuum_horizon() -> setof text[]: the processes that hold back VACUUM. */
Datum
rustydb_vacuum_horizon(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    RowsState  *st = rsi->state;

    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);
        int         nslots = ProcGlobalSlotCount();
        TransactionId horizon = GetOldestXmin(MyDatabaseId, false);
        TransactionId next = GetOldestXmin(InvalidOid, true);
        int64       pinned = 0;
        MaintTableStats *tabs = palloc(sizeof(MaintTableStats) * 8192);
        int         ntabs = MaintenanceListTableStats(MyDatabaseId, tabs, 8192);

        /* dead tuples VACUUM found but could not remove, per the collector */
        for (int i = 0; i < ntabs; i++)
        {
            PgStat_TableEntry e;

            if (PgStatGetTableEntry(MyDatabaseId, tabs[i].relid, &e))
                pinned += e.n_dead_tup;
        }
        st = palloc0(sizeof(RowsState));
        st->rows = palloc(sizeof(ArrayType *) * (Size) Max(nslots, 1));
        for (int i = 0; i < nslots; i++)
        {
            PGPROC     *proc = ProcGetSlot(i);
            TransactionId xid;
            TransactionId xmin;
            TransactionId oldest;
            char       *c[9];

            if (!atomic_load(&proc->in_use) || proc == MyProc)
                continue;
            xid = atomic_load(&proc->xid);
            xmin = atomic_load(&proc->xmin);
            if (xid == InvalidTransactionId && xmin == InvalidTransactionId)
                continue;
            oldest = xmin != InvalidTransactionId && (xid == InvalidTransactionId || xmin < xid)
                ? xmin : xid;
            (void) next;
            c[0] = psprintf("%d", (int) proc->pid);
            c[1] = pstrdup(BackendTypeName(proc->backend_type));
            c[2] = OidIsValid(proc->database_id) ? DatabaseNameById(proc->database_id) : NULL;
            c[3] = xid != InvalidTransactionId ? psprintf("%llu", (unsigned long long) xid) : NULL;
            c[4] = xmin != InvalidTransactionId ? psprintf("%llu", (unsigned long long) xmin) : NULL;
            c[5] = psprintf("%lld", (long long) (ReadNextTransactionId() - oldest));
            c[6] = pstrdup(oldest <= horizon ? "yes" : "no");
            c[7] = psprintf("%lld", (long long) (oldest <= horizon ? pinned : 0));
            c[8] = psprintf("%llu", (unsigned long long) horizon);
            st->rows[st->n++] = make_row(c, 9);
        }
        rsi->state = st;
        MemoryContextSwitchTo(old);
    }
    return rows_next(fcinfo, st);
}

/* ---------- exact space ---------- */

/* The table or index named by the text argument, opened with AccessShareLock (ERROR otherwise). */
static Relation
open_space_table(FunctionCallInfo fcinfo)
{
    char       *name = text_to_cstring(RDB_GETARG_TEXT_P(0));
    Oid         relid = lookup_table(name);
    Relation    rel;

    if (!OidIsValid(relid))
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation \"%s\" does not exist", name));
    rel = table_open(relid, AccessShareLock);
    if (rel->rd_relkind != RELKIND_RELATION && rel->rd_relkind != RELKIND_MATVIEW &&
        rel->rd_relkind != RELKIND_INDEX && rel->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not a table or index", name));
    return rel;
}

/*
 * table_space -- the figures of rel; a partitioned table's are the sums
 * over its partitions (it has no storage of its own), with the least
 * exact source among them.
 */
static RelationSpaceSource
table_space(Relation rel, bool measured, RelationSpace *sp)
{
    RelationSpaceSource source = measured ? SPACE_MEASURED : SPACE_FROM_COUNTERS;
    ListCell   *lc;

    if (rel->rd_relkind != RELKIND_PARTITIONED_TABLE)
    {
        if (measured)
        {
            RelationMeasureSpace(rel, sp);
            return SPACE_MEASURED;
        }
        return RelationGetSpace(rel, sp);
    }
    memset(sp, 0, sizeof(*sp));
    foreach(lc, PartitionGetChildren(RelationGetRelid(rel)))
    {
        Relation    part = table_open(lfirst_oid(lc), AccessShareLock);
        RelationSpace psp;
        RelationSpaceSource ps = table_space(part, measured, &psp);

        sp->live_bytes += psp.live_bytes;
        sp->dead_bytes += psp.dead_bytes;
        sp->free_bytes += psp.free_bytes;
        if (ps > source)
            source = ps;
        table_close(part, AccessShareLock);
    }
    return source;
}

static Datum
space_array(const RelationSpace *sp, int nvalues, RelationSpaceSource source)
{
    Datum       v[4];

    v[0] = Int64GetDatum(sp->live_bytes);
    v[1] = Int64GetDatum(sp->dead_bytes);
    v[2] = Int64GetDatum(sp->free_bytes);
    v[3] = Int64GetDatum((int64) source);
    return PointerGetDatum(ArrayConstruct(INT8OID, v, NULL, nvalues));
}

/*
 * rustydb_relation_space(table_or_index text) -> int8[] {live_bytes,
 * dead_bytes, free_bytes, source}: the maintained counters, source 0; if
 * they are not valid, a measurement that became their baseline (1) or could
 * not (2) (README "Exact space"; B-tree indexes: "Indexes").
 */
Datum
rustydb_relation_space(RDB_FUNCTION_ARGS)
{
    Relation    rel = open_space_table(fcinfo);
    RelationSpace sp;
    RelationSpaceSource source = table_space(rel, false, &sp);

    table_close(rel, AccessShareLock);
    return space_array(&sp, 4, source);
}

/* rustydb_relation_space_measured(table text): the same figures counted page by page now. */
Datum
rustydb_relation_space_measured(RDB_FUNCTION_ARGS)
{
    Relation    rel = open_space_table(fcinfo);
    RelationSpace sp;

    (void) table_space(rel, true, &sp);
    table_close(rel, AccessShareLock);
    return space_array(&sp, 3, SPACE_MEASURED);
}
