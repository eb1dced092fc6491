/*
 * autovacuum.c
 *     The autovacuum process: runs queued maintenance jobs (VACUUM and
 *     ANALYZE from rustydb_queue_maintenance() and the admin API), vacuums
 *     tables whose dead tuples exceed
 *         autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor * reltuples,
 *     analyzes tables whose changes since the last ANALYZE exceed the
 *     analyze threshold, re-analyzes changed tables every
 *     statistics_gather_interval (auto_statistics_gather), and serves
 *     bulk-change ANALYZE requests made at commit.
 * Entry points: AutoVacuumMain(), AutoVacuumWorkerMain(),
 * AutoVacuumRequestAnalyze(), AutoVacuumWakeup(), AutoVacuumWorkerCount(),
 * AutoVacuumShmemSize()/AutoVacuumShmemInit().
 *
 * Processes: one launcher (aux kind "autovacuum launcher") decides what to
 * do and up to autovacuum_max_workers workers (aux kind "autovacuum
 * worker") do it.  The postmaster's framework starts auxiliary processes
 * only from its table, not on request, so the workers are a fixed pool
 * started with the other auxiliary processes (and restarted like them);
 * an idle worker sleeps.  The launcher turns threshold checks and
 * bulk-change requests into tasks in a shared ring; workers take tasks
 * and claim queued jobs (JobClaimNext) themselves.  No table is queued
 * twice or queued while a worker processes it, and autovacuum runs use
 * SKIP_LOCKED, so two workers never wait for each other on one table.
 * The cost limit is shared: a worker starting an automatic run gets
 * autovacuum_vacuum_cost_limit divided by the number of busy workers.
 * Each process switches its connection (MyDatabaseId, its proc slot's
 * database, the relation cache) to the database of its next task between
 * transactions.
 *
 * Errors: each job and each table runs under RDB_TRY; an ERROR aborts that
 * transaction, fails the job, is logged, and the loop goes on.
 */
#include "rustydb.h"

#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "commands/indexcmds.h"
#include "commands/jobqueue.h"
#include "commands/maintenance.h"
#include "commands/vacuum.h"
#include "miscadmin.h"
#include "partitioning/partition.h"
#include "pgstat.h"
#include "postmaster/autovacuum.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#define AV_REQUEST_RING 64
#define AV_TASK_RING 64
/* The job operations the workers execute (run_job). */
#define AV_JOB_OPS (JOB_OP_BIT(JOB_OP_VACUUM) | JOB_OP_BIT(JOB_OP_ANALYZE) | JOB_OP_BIT(JOB_OP_REINDEX))

typedef struct AvRequest
{
    Oid         db;
    Oid         relid;
} AvRequest;

/* One automatic VACUUM and/or ANALYZE of a table, for a worker. */
typedef struct AvTask
{
    Oid         db;
    Oid         relid;
    uint32      options;        /* VACOPT_VACUUM and/or VACOPT_ANALYZE */
    char        dbname[NAMEDATALEN];
    char        name[JOB_TABLE_NAME_LEN];   /* schema.table, or the OID for requests */
} AvTask;

typedef struct AvWorker
{
    int         pid;            /* 0: slot free */
    Oid         db;             /* database of the task in progress, or invalid */
    Oid         relid;          /* table of the task in progress, or invalid */
} AvWorker;

typedef struct AutoVacuumShared
{
    atomic_int  pid;            /* the launcher, 0 if none */
    LWLock      lock;           /* protects everything below */
    int         head;           /* bulk-change requests: next to read */
    int         tail;           /* next to write */
    AvRequest   ring[AV_REQUEST_RING];
    int         task_head;      /* tasks for workers: next to take */
    int         task_tail;      /* next to write */
    AvTask      tasks[AV_TASK_RING];
    AvWorker    workers[AV_MAX_WORKERS];
} AutoVacuumShared;

static AutoVacuumShared *av_shared = NULL;

Size
AutoVacuumShmemSize(void)
{
    return sizeof(AutoVacuumShared);
}

void
AutoVacuumShmemInit(void)
{
    bool        found;

    av_shared = ShmemInitStruct("autovacuum", sizeof(AutoVacuumShared), &found);
    if (!found)
    {
        memset(av_shared, 0, sizeof(*av_shared));
        LWLockInitialize(&av_shared->lock, LWTRANCHE_OTHER);
    }
}

int
AutoVacuumWorkerCount(void)
{
    return Min(Max(AutovacuumMaxWorkers, 1), AV_MAX_WORKERS);
}

void
AutoVacuumWakeup(void)
{
    int         pids[AV_MAX_WORKERS + 1];
    int         n = 0;

    if (av_shared == NULL)
        return;
    pids[n++] = atomic_load(&av_shared->pid);
    LWLockAcquire(&av_shared->lock, LW_SHARED);
    for (int i = 0; i < AV_MAX_WORKERS; i++)
        if (av_shared->workers[i].pid > 0)
            pids[n++] = av_shared->workers[i].pid;
    LWLockRelease(&av_shared->lock);
    for (int i = 0; i < n; i++)
        if (pids[i] > 0)
            (void) kill(pids[i], SIGUSR1);
}

void
AutoVacuumRequestAnalyze(Oid db, Oid relid)
{
    if (av_shared == NULL)
        return;
    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    if ((av_shared->tail + 1) % AV_REQUEST_RING != av_shared->head)
    {
        av_shared->ring[av_shared->tail].db = db;
        av_shared->ring[av_shared->tail].relid = relid;
        av_shared->tail = (av_shared->tail + 1) % AV_REQUEST_RING;
    }
    LWLockRelease(&av_shared->lock);
    AutoVacuumWakeup();
}

static bool
take_request(AvRequest *out)
{
    bool        got = false;

    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    if (av_shared->head != av_shared->tail)
    {
        *out = av_shared->ring[av_shared->head];
        av_shared->head = (av_shared->head + 1) % AV_REQUEST_RING;
        got = true;
    }
    LWLockRelease(&av_shared->lock);
    return got;
}

/* ---------- tasks for workers ---------- */

static int  my_worker = -1;     /* this worker's slot in av_shared->workers */

/* Is (db, relid) queued or in progress?  Caller holds av_shared->lock. */
static bool
task_known(Oid db, Oid relid)
{
    for (int i = av_shared->task_head; i != av_shared->task_tail; i = (i + 1) % AV_TASK_RING)
        if (av_shared->tasks[i].db == db && av_shared->tasks[i].relid == relid)
            return true;
    for (int i = 0; i < AV_MAX_WORKERS; i++)
        if (av_shared->workers[i].pid > 0 && av_shared->workers[i].db == db &&
            av_shared->workers[i].relid == relid)
            return true;
    return false;
}

/*
 * push_task -- launcher: queue a VACUUM/ANALYZE of (db, relid) for the
 * workers and wake one.  Skipped (false) if the table is already queued or
 * being processed, or the ring is full (the next round looks again).
 */
static bool
push_task(Oid db, const char *dbname, Oid relid, const char *name, uint32 options)
{
    bool        pushed = false;
    int         idle_pid = 0;

    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    if (!task_known(db, relid) &&
        (av_shared->task_tail + 1) % AV_TASK_RING != av_shared->task_head)
    {
        AvTask     *t = &av_shared->tasks[av_shared->task_tail];

        t->db = db;
        t->relid = relid;
        t->options = options;
        snprintf(t->dbname, sizeof(t->dbname), "%s", dbname);
        snprintf(t->name, sizeof(t->name), "%s", name);
        av_shared->task_tail = (av_shared->task_tail + 1) % AV_TASK_RING;
        pushed = true;
        for (int i = 0; i < AV_MAX_WORKERS && idle_pid == 0; i++)
            if (av_shared->workers[i].pid > 0 && !OidIsValid(av_shared->workers[i].relid))
                idle_pid = av_shared->workers[i].pid;
    }
    LWLockRelease(&av_shared->lock);
    if (idle_pid > 0)
        (void) kill(idle_pid, SIGUSR1);
    return pushed;
}

/* take_task -- worker: the oldest task, now marked in progress in our slot. */
static bool
take_task(AvTask *out)
{
    bool        got = false;

    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    if (av_shared->task_head != av_shared->task_tail)
    {
        *out = av_shared->tasks[av_shared->task_head];
        av_shared->task_head = (av_shared->task_head + 1) % AV_TASK_RING;
        av_shared->workers[my_worker].db = out->db;
        av_shared->workers[my_worker].relid = out->relid;
        got = true;
    }
    LWLockRelease(&av_shared->lock);
    return got;
}

static void
task_done(void)
{
    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    av_shared->workers[my_worker].db = InvalidOid;
    av_shared->workers[my_worker].relid = InvalidOid;
    LWLockRelease(&av_shared->lock);
}

/* Workers with a task in progress (at least 1: the caller's own). */
static int
busy_workers(void)
{
    int         n = 0;

    LWLockAcquire(&av_shared->lock, LW_SHARED);
    for (int i = 0; i < AV_MAX_WORKERS; i++)
        if (av_shared->workers[i].pid > 0 && OidIsValid(av_shared->workers[i].relid))
            n++;
    LWLockRelease(&av_shared->lock);
    return Max(n, 1);
}

/* Release our worker slot at exit (ProcExit callbacks run before the proc slot goes). */
static void
worker_slot_release(int code, Datum arg)
{
    (void) code;
    (void) arg;
    if (my_worker < 0 || av_shared == NULL)
        return;
    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    memset(&av_shared->workers[my_worker], 0, sizeof(AvWorker));
    LWLockRelease(&av_shared->lock);
    my_worker = -1;
}

/* SIGUSR1: just interrupt the sleep (SleepMs returns early on a signal). */
static void
av_sigusr1(int signo)
{
    (void) signo;
}

/* ---------- database switching ---------- */

static Oid  current_db = InvalidOid;

/* Connect this process to database dbid (no transaction may be open). */
static void
switch_database(Oid dbid, const char *name)
{
    if (dbid == current_db)
        return;
    Assert(!IsTransactionState());
    MyDatabaseId = dbid;
    if (MyDatabaseName != NULL)
        pfree(MyDatabaseName);
    MyDatabaseName = MemoryContextStrdup(TopMemoryContext, name);
    if (MyProc != NULL)
        MyProc->database_id = dbid;
    RelationCacheInvalidate();
    current_db = dbid;
}

typedef struct DbItem
{
    Oid         oid;
    char        name[NAMEDATALEN];
} DbItem;

/* The databases that accept connections.  Runs its own transaction. */
static DbItem *
list_databases(int *count)
{
    DbItem     *items;
    int         n = 0;
    int         cap = 16;
    Relation    rel;
    CatalogScan scan;
    FormData_pg_database row;

    items = MemoryContextAlloc(TopMemoryContext, sizeof(DbItem) * (Size) cap);
    StartTransactionCommand();
    rel = table_open(DatabaseRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        if (!row.datallowconn)
            continue;
        if (n == cap)
        {
            cap *= 2;
            items = repalloc(items, sizeof(DbItem) * (Size) cap);
        }
        items[n].oid = row.oid;
        snprintf(items[n].name, NAMEDATALEN, "%s", NameStr(row.datname));
        n++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    CommitTransactionCommand();
    *count = n;
    return items;
}

static const char *
db_name(const DbItem *dbs, int ndbs, Oid oid)
{
    for (int i = 0; i < ndbs; i++)
        if (dbs[i].oid == oid)
            return dbs[i].name;
    return NULL;
}

/* ---------- running one table / one job ---------- */

static void
autovac_params(VacuumParams *p, uint32 options)
{
    memset(p, 0, sizeof(*p));
    p->options = options;
    p->index_cleanup = VACOPTVALUE_AUTO;
    p->truncate = VACOPTVALUE_AUTO;
    p->origin = JOB_ORIGIN_AUTOVACUUM;
    p->options |= VACOPT_SKIP_LOCKED;
    p->cost_limit = AutovacuumVacuumCostLimit >= 0 ? AutovacuumVacuumCostLimit : VacuumCostLimit;
    p->cost_delay_ms = AutovacuumVacuumCostDelayMs >= 0 ? AutovacuumVacuumCostDelayMs
        : VacuumCostDelayMs;
}

/* Run one table in its own transaction; false if it failed (logged). */
static bool
run_table(Oid relid, const VacuumParams *params, const char *name, bool report)
{
    volatile bool ok = true;
    MemoryContext cxt = CurrentMemoryContext;
    struct timespec t0;
    struct timespec t1;
    VacuumStats stats;

    memset(&stats, 0, sizeof(stats));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RDB_TRY();
    {
        StartTransactionCommand();
        (void) VacuumRelationInOwnXacts(relid, params, &stats);
        CommitTransactionCommand();
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
        AbortCurrentTransaction();
        VacuumSetActiveParams(NULL);
        if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED && MaintenanceCurrentJob() != InvalidJobId)
        {
            /* the job was cancelled: the caller finishes it */
            ok = false;
            MaintenanceJobEnd(JOB_STATUS_CANCELLED, edata->message);
        }
        else
        {
            ereport(LOG, errmsg("automatic maintenance of table \"%s\" failed: %s",
                                name, edata->message));
            ok = false;
            MaintenanceJobEnd(JOB_STATUS_FAILED, edata->message);
        }
        FreeErrorData(edata);
    }
    RDB_END_TRY();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (ok && report)
    {
        JobTableResult r;

        memset(&r, 0, sizeof(r));
        snprintf(r.table_name, sizeof(r.table_name), "%s", name);
        r.dead_tuples_removed = (uint64) Max(stats.tuples_removed, 0);
        r.pages_scanned = stats.scanned_pages;
        r.pages_freed = stats.removed_pages;
        r.duration_ms = (int64) (t1.tv_sec - t0.tv_sec) * 1000 +
            (t1.tv_nsec - t0.tv_nsec) / 1000000;
        MaintenanceJobTableDone(&r);
    }
    return ok;
}

/* Resolve "t" / "s.t" in the current database (own transaction). */
static Oid
resolve_table(const char *name)
{
    char        buf[JOB_TABLE_NAME_LEN];
    char       *dot;
    Oid         relid;

    snprintf(buf, sizeof(buf), "%s", name);
    dot = strchr(buf, '.');
    StartTransactionCommand();
    if (dot != NULL)
    {
        *dot = '\0';
        relid = OidIsValid(LookupNamespace(buf, true)) ? RelnameGetRelid(buf, dot + 1) : InvalidOid;
    }
    else
        relid = RelnameGetRelid(NULL, buf);
    CommitTransactionCommand();
    return relid;
}

typedef struct TableItem
{
    Oid         relid;
    char        name[JOB_TABLE_NAME_LEN];
    float4      reltuples;
    char       *reloptions;
} TableItem;

/* Every plain table of the current database (own transaction). */
static TableItem *
list_tables(int *count)
{
    TableItem  *items;
    int         n = 0;
    int         cap = 64;
    Relation    rel;
    CatalogScan scan;
    FormData_pg_class row;

    MemoryContext caller = CurrentMemoryContext;   /* results outlive the transaction */

    items = palloc(sizeof(TableItem) * (Size) cap);
    StartTransactionCommand();
    rel = table_open(RelationRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        char       *nsp;

        if (row.relkind != RELKIND_RELATION)
            continue;
        if (n == cap)
        {
            cap *= 2;
            items = repalloc(items, sizeof(TableItem) * (Size) cap);
        }
        items[n].relid = row.oid;
        nsp = NamespaceNameById(row.relnamespace);
        snprintf(items[n].name, JOB_TABLE_NAME_LEN, "%s.%s", nsp ? nsp : "?", NameStr(row.relname));
        items[n].reltuples = row.reltuples;
        items[n].reloptions = row.reloptions ? MemoryContextStrdup(caller, row.reloptions) : NULL;
        n++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    CommitTransactionCommand();
    MemoryContextSwitchTo(caller);
    *count = n;
    return items;
}

/* One reloption from a "{a=b,c=d}" text; NULL if absent.  Points into a static buffer. */
static const char *
reloption(const char *options, const char *name)
{
    static char value[64];
    size_t      len = strlen(name);
    const char *p = options;

    if (p == NULL)
        return NULL;
    while ((p = strstr(p, name)) != NULL)
    {
        if ((p == options || p[-1] == '{' || p[-1] == ',') && p[len] == '=')
        {
            const char *v = p + len + 1;
            size_t      n = strcspn(v, ",}");

            snprintf(value, sizeof(value), "%.*s", (int) Min(n, sizeof(value) - 1), v);
            return value;
        }
        p += len;
    }
    return NULL;
}

static double
option_real(const char *options, const char *name, double dflt)
{
    const char *v = reloption(options, name);

    return v != NULL ? strtod(v, NULL) : dflt;
}

/*
 * run_reindex -- REINDEX TABLE [CONCURRENTLY] name, as the SQL statement
 * would run it (the concurrent form commits internally, so it is wrapped in
 * a transaction command exactly like a top-level utility statement).
 * On failure the job is ended here and false returned.
 */
static bool
run_reindex(const char *name, bool concurrently)
{
    volatile bool ok = true;
    MemoryContext cxt = CurrentMemoryContext;
    ReindexStmt *stmt = makeNode(ReindexStmt);
    RangeVar   *rv = makeNode(RangeVar);
    char       *copy = pstrdup(name);
    char       *dot = strchr(copy, '.');

    if (dot != NULL)
    {
        *dot = '\0';
        rv->schemaname = copy;
        rv->relname = dot + 1;
    }
    else
        rv->relname = copy;
    rv->inh = true;
    rv->location = -1;
    stmt->kind = REINDEX_OBJECT_TABLE;
    stmt->relation = rv;
    stmt->concurrent = concurrently;
    RDB_TRY();
    {
        StartTransactionCommand();
        ExecReindexStmt(stmt, true);
        CommitTransactionCommand();
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
        AbortCurrentTransaction();
        ereport(LOG, errmsg("REINDEX of table \"%s\" failed: %s", name, edata->message));
        MaintenanceJobEnd(edata->sqlerrcode == ERRCODE_QUERY_CANCELED ?
                          JOB_STATUS_CANCELLED : JOB_STATUS_FAILED, edata->message);
        FreeErrorData(edata);
        ok = false;
    }
    RDB_END_TRY();
    MemoryContextSwitchTo(cxt);
    return ok;
}

/*
 * leaf_partitions -- the partitions (recursively, leaves only) of relid if
 * it is a partitioned table, which has no rows of its own; NIL otherwise.
 */
static List *
leaf_partitions(Oid relid)
{
    MemoryContext caller = CurrentMemoryContext;   /* the list outlives the transaction */
    List       *todo;
    List       *leaves = NIL;
    FormData_pg_class row;

    StartTransactionCommand();
    if (RelationClassRowById(relid, &row) && row.relkind == RELKIND_PARTITIONED_TABLE)
    {
        todo = list_copy(PartitionGetChildren(relid));
        while (todo != NIL)
        {
            Oid         child = linitial_oid(todo);

            todo = list_delete_first(todo);
            if (RelationClassRowById(child, &row) && row.relkind == RELKIND_PARTITIONED_TABLE)
                todo = list_concat(todo, list_copy(PartitionGetChildren(child)));
            else
            {
                MemoryContext old = MemoryContextSwitchTo(caller);

                leaves = lappend_oid(leaves, child);
                MemoryContextSwitchTo(old);
            }
        }
    }
    CommitTransactionCommand();
    MemoryContextSwitchTo(caller);
    return leaves;
}

/* Run a claimed job (VACUUM, ANALYZE or REINDEX) in its database. */
static void
run_job(const JobSnapshot *job, const DbItem *dbs, int ndbs)
{
    const JobRequest *req = &job->request;
    Oid         dbid = req->database_id;
    const char *name = NULL;
    VacuumParams params;
    uint32      options = req->operation == JOB_OP_VACUUM ? VACOPT_VACUUM : VACOPT_ANALYZE;
    bool        ok = true;

    MaintenanceJobAdopt(job->id);
    if (OidIsValid(dbid))
        name = db_name(dbs, ndbs, dbid);
    else
    {
        const char *want = req->database_name[0] ? req->database_name : "rustydb";

        for (int i = 0; i < ndbs; i++)
            if (strcmp(dbs[i].name, want) == 0)
            {
                dbid = dbs[i].oid;
                name = dbs[i].name;
            }
    }
    if (name == NULL)
    {
        MaintenanceJobEnd(JOB_STATUS_FAILED, "database does not exist");
        return;
    }
    switch_database(dbid, name);
    if (req->operation == JOB_OP_REINDEX)
    {
        if (req->ntables == 0)
        {
            int         n;
            TableItem  *tables = list_tables(&n);

            for (int i = 0; i < n && ok; i++)
                ok = run_reindex(tables[i].name, (req->options & JOB_OPT_CONCURRENTLY) != 0);
        }
        else
        {
            for (int i = 0; i < req->ntables && ok; i++)
                ok = run_reindex(req->tables[i], (req->options & JOB_OPT_CONCURRENTLY) != 0);
        }
        if (ok)
            MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
        return;
    }
    if (req->options & JOB_OPT_FULL)
        options |= VACOPT_FULL;
    if (req->operation == JOB_OP_VACUUM && (req->options & JOB_OPT_ANALYZE))
        options |= VACOPT_ANALYZE;
    autovac_params(&params, options);
    params.origin = req->origin;
    params.options &= ~VACOPT_SKIP_LOCKED;     /* a job waits for its table */
    if (req->origin != JOB_ORIGIN_AUTOVACUUM)
    {
        /* asked for explicitly: run at full speed, like SQL VACUUM */
        params.cost_limit = VacuumCostLimit;
        params.cost_delay_ms = VacuumCostDelayMs;
    }
    if (req->ntables == 0)
    {
        int         n;
        TableItem  *tables = list_tables(&n);

        for (int i = 0; i < n && ok; i++)
            ok = run_table(tables[i].relid, &params, tables[i].name, true);
    }
    else
    {
        for (int i = 0; i < req->ntables && ok; i++)
        {
            Oid         relid = resolve_table(req->tables[i]);
            List       *leaves;
            ListCell   *lc;

            if (!OidIsValid(relid))
            {
                char        msg[JOB_ERROR_LEN];

                snprintf(msg, sizeof(msg), "relation \"%s\" does not exist", req->tables[i]);
                MaintenanceJobEnd(JOB_STATUS_FAILED, msg);
                return;
            }
            leaves = leaf_partitions(relid);
            if (leaves == NIL)
                ok = run_table(relid, &params, req->tables[i], true);
            foreach(lc, leaves)
            {
                /* a partitioned table: its partitions, as SQL VACUUM / ANALYZE does */
                if (!ok)
                    break;
                ok = run_table(lfirst_oid(lc), &params, req->tables[i], true);
            }
        }
    }
    if (ok)
        MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
}

/* Autovacuum proper for the current database: thresholds and the gather interval. */
static void
check_tables(void)
{
    int         n;
    TableItem  *tables = list_tables(&n);
    TimestampTz now = GetCurrentTimestamp();

    for (int i = 0; i < n && !ProcDiePending; i++)
    {
        TableItem  *t = &tables[i];
        PgStat_TableEntry st;
        double      reltuples = t->reltuples < 0 ? 0 : t->reltuples;
        double      vacthresh;
        double      anlthresh;
        bool        dovacuum;
        bool        doanalyze;
        const char *enabled = reloption(t->reloptions, "autovacuum_enabled");
        uint32      options = 0;

        if (enabled != NULL && (strcmp(enabled, "false") == 0 || strcmp(enabled, "off") == 0))
            continue;
        (void) PgStatGetTableEntry(MyDatabaseId, t->relid, &st);
        vacthresh = option_real(t->reloptions, "autovacuum_vacuum_threshold",
                                AutovacuumVacuumThreshold) +
            option_real(t->reloptions, "autovacuum_vacuum_scale_factor",
                        AutovacuumVacuumScaleFactor) * reltuples;
        anlthresh = option_real(t->reloptions, "autovacuum_analyze_threshold",
                                AutovacuumAnalyzeThreshold) +
            option_real(t->reloptions, "autovacuum_analyze_scale_factor",
                        AutovacuumAnalyzeScaleFactor) * reltuples;
        dovacuum = (double) st.n_dead_tup > vacthresh;
        doanalyze = (double) st.n_mod_since_analyze > anlthresh &&
            !IsCatalogRelationId(t->relid);
        /* auto_statistics_gather: changed tables re-analyzed at least every interval */
        if (!doanalyze && AutoStatisticsGather && st.n_mod_since_analyze > 0 &&
            !IsCatalogRelationId(t->relid))
        {
            TimestampTz last = Max(st.last_analyze, st.last_autoanalyze);

            doanalyze = last == 0 ||
                now - last >= (TimestampTz) StatisticsGatherIntervalS * 1000000;
        }
        if (dovacuum)
            options |= VACOPT_VACUUM;
        if (doanalyze)
            options |= VACOPT_ANALYZE;
        if (options == 0)
            continue;
        (void) push_task(MyDatabaseId, MyDatabaseName, t->relid, t->name, options);
    }
}

/*
 * run_task -- worker: one automatic VACUUM and/or ANALYZE, as a job of
 * origin autovacuum, with this worker's share of the cost limit.
 */
static void
run_task(const AvTask *task)
{
    VacuumParams params;
    bool        dovacuum = (task->options & VACOPT_VACUUM) != 0;
    bool        doanalyze = (task->options & VACOPT_ANALYZE) != 0;
    const char *names[1] = {task->name};

    switch_database(task->db, task->dbname);
    autovac_params(&params, task->options);
    if (params.cost_limit > 0)
        params.cost_limit = Max(params.cost_limit / busy_workers(), 1);
    (void) MaintenanceJobBegin(dovacuum ? JOB_OP_VACUUM : JOB_OP_ANALYZE, JOB_ORIGIN_AUTOVACUUM,
                               (dovacuum && doanalyze) ? JOB_OPT_ANALYZE : 0, names, 1);
    if (run_table(task->relid, &params, task->name, true))
        MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
}

/* Bulk-change requests: ANALYZE as soon as a worker is free. */
static void
serve_requests(const DbItem *dbs, int ndbs)
{
    AvRequest   req;

    while (!ProcDiePending && take_request(&req))
    {
        const char *name = db_name(dbs, ndbs, req.db);
        char        tname[32];

        if (name == NULL)
            continue;
        snprintf(tname, sizeof(tname), "%u", req.relid);
        (void) push_task(req.db, name, req.relid, tname, VACOPT_ANALYZE);
    }
}

/* Common start of the launcher and the workers. */
static void
attach_process(BackendType type, const char *what)
{
    struct sigaction sa;

    if (!StorageAttachProcess(type))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the %s", what));
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = av_sigusr1;
    sigemptyset(&sa.sa_mask);
    (void) sigaction(SIGUSR1, &sa, NULL);
    MyRoleId = BOOTSTRAP_SUPERUSERID;
    MyRoleIsSuperuser = true;
    MyRoleName = MemoryContextStrdup(TopMemoryContext, "autovacuum");
}

void
AutoVacuumMain(void)
{
    int64       last_round_us = 0;
    int         next_db = 0;

    attach_process(B_AUTOVAC_LAUNCHER, "autovacuum launcher");
    atomic_store(&av_shared->pid, (int) MyProcPid);
    {
        struct timespec t0;

        /* the first threshold round comes one naptime slice after start */
        clock_gettime(CLOCK_REALTIME, &t0);
        last_round_us = (int64) t0.tv_sec * 1000000 + t0.tv_nsec / 1000;
    }
    /* the workers claim queued VACUUM, ANALYZE and REINDEX jobs */
    JobQueueAnnounceExecutor(AV_JOB_OPS);

    while (!ProcDiePending)
    {
        MemoryContext loop_cxt = MemoryContextCreate(TopMemoryContext, "autovacuum loop");
        MemoryContext old = MemoryContextSwitchTo(loop_cxt);
        int         ndbs;
        DbItem     *dbs;
        struct timespec ts;
        int64       now;

        if (ConfigReloadPending)
            GucProcessPendingReload();
        dbs = list_databases(&ndbs);

        /* 1. bulk-change ANALYZE requests */
        serve_requests(dbs, ndbs);

        /* 2. thresholds: one database per naptime / ndbs */
        clock_gettime(CLOCK_REALTIME, &ts);
        now = (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
        if (AutovacuumEnabled && ndbs > 0 &&
            now - last_round_us >= (int64) AutovacuumNaptimeS * 1000000 / ndbs)
        {
            const DbItem *db = &dbs[next_db % ndbs];

            next_db = (next_db + 1) % ndbs;
            switch_database(db->oid, db->name);
            check_tables();
            last_round_us = now;
        }
        pfree(dbs);
        MemoryContextSwitchTo(old);
        MemoryContextDelete(loop_cxt);
        if (!ProcDiePending)
            SleepMs(500);
    }
    atomic_store(&av_shared->pid, 0);
}

void
AutoVacuumWorkerMain(void)
{
    attach_process(B_AUTOVAC_WORKER, "autovacuum worker");
    LWLockAcquire(&av_shared->lock, LW_EXCLUSIVE);
    for (int i = 0; i < AV_MAX_WORKERS && my_worker < 0; i++)
        if (av_shared->workers[i].pid == 0)
        {
            my_worker = i;
            memset(&av_shared->workers[i], 0, sizeof(AvWorker));
            av_shared->workers[i].pid = (int) MyProcPid;
        }
    LWLockRelease(&av_shared->lock);
    if (my_worker < 0)
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free autovacuum worker slot"));
    OnProcExit(worker_slot_release, (Datum) 0);

    while (!ProcDiePending)
    {
        MemoryContext loop_cxt = MemoryContextCreate(TopMemoryContext, "autovacuum worker loop");
        MemoryContext old = MemoryContextSwitchTo(loop_cxt);
        bool        worked = false;
        JobSnapshot job;
        AvTask      task;

        if (ConfigReloadPending)
            GucProcessPendingReload();
        /* 1. queued jobs, oldest first (any worker may take one) */
        if (JobClaimNext(AV_JOB_OPS, InvalidOid, &job))
        {
            int         ndbs;
            DbItem     *dbs = list_databases(&ndbs);

            run_job(&job, dbs, ndbs);
            worked = true;
        }
        /* 2. a task from the launcher */
        else if (take_task(&task))
        {
            run_task(&task);
            task_done();
            worked = true;
        }
        MemoryContextSwitchTo(old);
        MemoryContextDelete(loop_cxt);
        if (!worked && !ProcDiePending)
            SleepMs(500);
    }
}
