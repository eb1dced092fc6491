/*
 * vacuum.c
 *     The VACUUM and ANALYZE statements: options, target tables (one
 *     table, a list, a schema, the whole database), one transaction per
 *     table, jobs and the cost-based delay.
 * Entry points: ExecVacuum(), VacuumRelationById(), VacuumRelationInOwnXacts(),
 * VacuumParseOptions(), VacuumDelayPoint(), VacuumSetActiveParams().
 * The maintenance engine as a whole: README.md here ("Maintenance engine").
 */
#include "rustydb.h"

#include <time.h>

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "commands/analyze.h"
#include "commands/maintenance.h"
#include "commands/vacuum.h"
#include "miscadmin.h"
#include "partitioning/partition.h"
#include "nodes/value.h"
#include "postmaster/checkpointer.h"
#include "storage/bufmgr.h"
#include "commands/tablecmds.h"
#include "storage/lock.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* One table to process, resolved before any work starts. */
typedef struct VacuumTarget
{
    Oid         relid;
    char       *name;           /* as written, or schema-qualified for whole-database runs */
    List       *va_cols;
    bool        partitioned;    /* a partitioned table, after its partitions: ANALYZE sums them */
} VacuumTarget;

/* The VACUUM/ANALYZE running in this process, for VacuumDelayPoint. */
static VacuumParams active_params;
static bool active_params_set = false;
static int64 cost_balance = 0;
static BufferUsage last_usage;

void
VacuumSetActiveParams(const VacuumParams *params)
{
    if (params == NULL)
    {
        active_params_set = false;
        return;
    }
    active_params = *params;
    active_params_set = true;
    cost_balance = 0;
    last_usage = BufferUsageCounters;
}

void
VacuumDelayPoint(int cost)
{
    MaintenanceCheckCancel();
    if (!active_params_set || active_params.cost_limit <= 0 || active_params.cost_delay_ms <= 0)
        return;
    /* PostgreSQL's weights: hit 1, miss 2, dirtied 20 */
    cost_balance += cost;
    cost_balance += (int64) (BufferUsageCounters.shared_hits - last_usage.shared_hits);
    cost_balance += 2 * (int64) (BufferUsageCounters.shared_reads - last_usage.shared_reads);
    cost_balance += 20 * (int64) (BufferUsageCounters.shared_dirtied - last_usage.shared_dirtied);
    last_usage = BufferUsageCounters;
    if (cost_balance >= active_params.cost_limit)
    {
        double      ms = active_params.cost_delay_ms * (double) cost_balance /
            active_params.cost_limit;

        ms = Min(ms, active_params.cost_delay_ms * 4);
        SleepMs((long) (ms + 0.5));
        cost_balance = 0;
        MaintenanceCheckCancel();
    }
}

/* ---------- options ---------- */

static bool
opt_bool(DefElem *opt, const char *stmt)
{
    Node       *arg = opt->arg;

    if (arg == NULL)
        return true;
    if (IsA(arg, Integer))
    {
        if (intVal(arg) == 0 || intVal(arg) == 1)
            return intVal(arg) == 1;
    }
    else if (IsA(arg, Boolean))
        return boolVal(arg);
    else if (IsA(arg, String))
    {
        const char *s = strVal(arg);

        if (strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0)
            return true;
        if (strcasecmp(s, "false") == 0 || strcasecmp(s, "off") == 0)
            return false;
    }
    (void) stmt;
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("%s requires a Boolean value", opt->defname));
}

static VacOptValue
opt_ternary(DefElem *opt)
{
    if (opt->arg != NULL && IsA(opt->arg, String) && strcasecmp(strVal(opt->arg), "auto") == 0)
        return VACOPTVALUE_AUTO;
    return opt_bool(opt, NULL) ? VACOPTVALUE_ENABLED : VACOPTVALUE_DISABLED;
}

void
VacuumParseOptions(VacuumStmt *stmt, VacuumParams *params)
{
    ListCell   *lc;
    const char *what = stmt->is_vacuumcmd ? "VACUUM" : "ANALYZE";

    memset(params, 0, sizeof(*params));
    params->options = stmt->is_vacuumcmd ? VACOPT_VACUUM : VACOPT_ANALYZE;
    params->index_cleanup = VACOPTVALUE_AUTO;
    params->truncate = VACOPTVALUE_AUTO;
    params->origin = JOB_ORIGIN_SQL;
    params->cost_limit = VacuumCostLimit;
    params->cost_delay_ms = VacuumCostDelayMs;
    foreach(lc, stmt->options)
    {
        DefElem    *opt = lfirst_node(DefElem, lc);
        const char *name = opt->defname;

        if (strcmp(name, "verbose") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_VERBOSE
                : params->options & ~VACOPT_VERBOSE;
        else if (strcmp(name, "skip_locked") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_SKIP_LOCKED
                : params->options & ~VACOPT_SKIP_LOCKED;
        else if (!stmt->is_vacuumcmd)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("unrecognized ANALYZE option \"%s\"", name),
                    errposition(opt->location + 1));
        else if (strcmp(name, "analyze") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_ANALYZE
                : params->options & ~VACOPT_ANALYZE;
        else if (strcmp(name, "full") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_FULL
                : params->options & ~VACOPT_FULL;
        else if (strcmp(name, "freeze") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_FREEZE
                : params->options & ~VACOPT_FREEZE;
        else if (strcmp(name, "disable_page_skipping") == 0)
            params->options = opt_bool(opt, what) ? params->options | VACOPT_DISABLE_PAGE_SKIPPING
                : params->options & ~VACOPT_DISABLE_PAGE_SKIPPING;
        else if (strcmp(name, "index_cleanup") == 0)
            params->index_cleanup = opt_ternary(opt);
        else if (strcmp(name, "truncate") == 0)
            params->truncate = opt_bool(opt, what) ? VACOPTVALUE_ENABLED : VACOPTVALUE_DISABLED;
        else if (strcmp(name, "process_toast") == 0 || strcmp(name, "parallel") == 0)
            (void) 0;           /* accepted: no TOAST tables, no parallel workers */
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("unrecognized VACUUM option \"%s\"", name),
                    errposition(opt->location + 1));
    }
    if ((params->options & VACOPT_FULL) && (params->options & VACOPT_DISABLE_PAGE_SKIPPING))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL"));
}

/* ---------- targets ---------- */

static bool
relkind_is_vacuumable(char relkind)
{
    return relkind == RELKIND_RELATION || relkind == RELKIND_MATVIEW;
}

/* Every plain table of the database (nspid InvalidOid) or of one schema. */
static List *
all_tables(Oid nspid)
{
    Relation    classrel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(classrel);
    FormData_pg_class row;
    ItemPointerData tid;
    List       *result = NIL;

    while (CatalogGetNext(scan, &row, &tid))
    {
        VacuumTarget *t;

        if (!relkind_is_vacuumable(row.relkind))
            continue;
        if (OidIsValid(nspid) && row.relnamespace != nspid)
            continue;
        t = palloc0(sizeof(VacuumTarget));
        t->relid = row.oid;
        t->name = psprintf("%s.%s", NamespaceNameById(row.relnamespace), NameStr(row.relname));
        result = lappend(result, t);
    }
    CatalogEndScan(scan);
    table_close(classrel, AccessShareLock);
    return result;
}

/*
 * A partitioned table stands for its partitions (PostgreSQL 15 processes
 * each of them; RustyDB keeps no statistics of the partitioned table
 * itself): append them to *targets and return true; false for any other
 * relation.
 */
static bool
add_partitions(List **targets, Oid relid, List *va_cols)
{
    FormData_pg_class row;
    ListCell   *lc;

    if (!RelationClassRowById(relid, &row) || row.relkind != RELKIND_PARTITIONED_TABLE)
        return false;
    foreach(lc, PartitionGetChildren(relid))
    {
        FormData_pg_class child;
        VacuumTarget *t;

        if (add_partitions(targets, lfirst_oid(lc), va_cols) ||
            !RelationClassRowById(lfirst_oid(lc), &child))
            continue;
        t = palloc0(sizeof(VacuumTarget));
        t->relid = child.oid;
        t->name = psprintf("%s.%s", NamespaceNameById(child.relnamespace),
                           NameStr(child.relname));
        t->va_cols = va_cols;
        *targets = lappend(*targets, t);
    }
    {
        VacuumTarget *t = palloc0(sizeof(VacuumTarget));

        t->relid = relid;
        t->name = psprintf("%s.%s", NamespaceNameById(row.relnamespace), NameStr(row.relname));
        t->partitioned = true;
        *targets = lappend(*targets, t);
    }
    return true;
}

/*
 * ANALYZE of a partitioned table: its pg_class.reltuples becomes the sum of
 * its partitions' (as PostgreSQL's, which samples them all); no column
 * statistics of its own yet.
 */
static void
analyze_partitioned(Oid relid)
{
    float4      total = 0;
    bool        any = false;
    ListCell   *lc;

    LockRelationOid(relid, ShareUpdateExclusiveLock);
    foreach(lc, PartitionGetChildren(relid))
    {
        FormData_pg_class row;

        if (!RelationClassRowById(lfirst_oid(lc), &row))
            continue;
        if (row.reltuples >= 0)
        {
            total += row.reltuples;
            any = true;
        }
    }
    if (any)
    {
        RelationUpdateStats(relid, 0, total, 0);
        CommandCounterIncrement();
    }
}

static List *
resolve_targets(VacuumStmt *stmt, const VacuumParams *params) __attribute__((noinline));
static List *
resolve_targets(VacuumStmt *stmt, const VacuumParams *params)
{
    List       *result = NIL;
    ListCell   *lc;

    if (stmt->target_kind == VACUUM_TARGET_SCHEMA)
        return all_tables(LookupNamespace(stmt->schemaname, false));
    if (stmt->rels == NIL)
        return all_tables(InvalidOid);
    foreach(lc, stmt->rels)
    {
        VacuumRelation *vr = lfirst_node(VacuumRelation, lc);
        VacuumTarget *t;
        Oid         relid;

        if (vr->va_cols != NIL && !(params->options & VACOPT_ANALYZE))
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("ANALYZE option must be specified when a column list is provided"));
        relid = RangeVarGetRelid(vr->relation, true);
        if (!OidIsValid(relid))
        {
            if (params->options & VACOPT_SKIP_LOCKED)
                continue;
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                    errmsg("relation \"%s\" does not exist", vr->relation->relname));
        }
        if (add_partitions(&result, relid, vr->va_cols))
            continue;
        t = palloc0(sizeof(VacuumTarget));
        t->relid = relid;
        t->name = vr->relation->schemaname
            ? psprintf("%s.%s", vr->relation->schemaname, vr->relation->relname)
            : pstrdup(vr->relation->relname);
        t->va_cols = vr->va_cols;
        result = lappend(result, t);
    }
    return result;
}

/* ---------- one table ---------- */

bool
VacuumRelationById(Oid relid, const VacuumParams *params, VacuumStats *stats)
{
    bool        full = (params->options & (VACOPT_VACUUM | VACOPT_FULL)) ==
        (VACOPT_VACUUM | VACOPT_FULL);
    LOCKMODE    lockmode = full ? AccessExclusiveLock : ShareUpdateExclusiveLock;
    Relation    rel;
    VacuumStats local;
    const char *verb = (params->options & VACOPT_VACUUM) ? "vacuum" : "analyze";

    if (stats == NULL)
        stats = &local;
    memset(stats, 0, sizeof(*stats));
    if (params->options & VACOPT_SKIP_LOCKED)
    {
        if (!ConditionalLockRelationOid(relid, lockmode))
        {
            char       *name = RelationNameById(relid);

            ereport(params->origin == JOB_ORIGIN_AUTOVACUUM ? DEBUG1 : WARNING,
                    errcode(ERRCODE_LOCK_NOT_AVAILABLE),
                    errmsg("skipping %s of \"%s\" --- lock not available", verb,
                           name ? name : "?"));
            return false;
        }
    }
    else
        LockRelationOid(relid, lockmode);
    rel = try_table_open(relid, lockmode);
    if (rel == NULL)
        return false;           /* dropped meanwhile */
    if (!relkind_is_vacuumable(rel->rd_relkind))
    {
        ereport(WARNING,
                errmsg("skipping \"%s\" --- cannot %s non-tables or special system tables",
                       RelationGetRelationName(rel), verb));
        table_close(rel, lockmode);
        return false;
    }
    if (!MyRoleIsSuperuser && RelationGetOwner(rel) != MyRoleId &&
        params->origin != JOB_ORIGIN_AUTOVACUUM)
    {
        ereport(WARNING,
                errmsg("skipping \"%s\" --- only table or database owner can %s it",
                       RelationGetRelationName(rel), verb));
        table_close(rel, lockmode);
        return false;
    }
    VacuumSetActiveParams(params);
    if (params->options & VACOPT_VACUUM)
    {
        if (full)
            FullVacuumRelation(rel, params, stats);
        else
        {
            /*
             * Our xmin need not hold back others' pruning of user tables
             * meanwhile (storage/procarray.h, GetPruneHorizon); an ANALYZE
             * below may run in a transaction block whose snapshots are
             * used again after it, so it counts again after.
             */
            ProcArraySetInMaintenance(true);
            LazyVacuumRelation(rel, params, stats);
            ProcArraySetInMaintenance(false);
        }
        CommandCounterIncrement();
    }
    if (params->options & VACOPT_ANALYZE)
        AnalyzeRelation(rel, params, params->va_cols);
    VacuumSetActiveParams(NULL);
    table_close(rel, NoLock);
    return true;
}

/* ---------- the statement ---------- */

static int64
clock_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
report_table_done(const char *name, const VacuumStats *s, bool full, int64 duration_ms)
{
    JobTableResult r;

    memset(&r, 0, sizeof(r));
    snprintf(r.table_name, sizeof(r.table_name), "%s", name);
    r.dead_tuples_removed = (uint64) Max(s->tuples_removed, 0);
    r.pages_scanned = s->scanned_pages;
    r.pages_freed = s->removed_pages;
    r.rows_sampled = (uint64) Max(AnalyzeLastRowsSampled(), 0);
    r.indexes_rebuilt = full ? (uint32) s->nindexes : 0;
    r.duration_ms = duration_ms;
    MaintenanceJobTableDone(&r);
}

bool
VacuumRelationInOwnXacts(Oid relid, const VacuumParams *params, VacuumStats *stats)
{
    VacuumParams analyze_only;
    VacuumStats analyze_stats;
    bool        vacuum = (params->options & VACOPT_VACUUM) != 0;

    if ((params->options & VACOPT_ANALYZE) == 0)
        return VacuumRelationById(relid, params, stats);
    if (vacuum)
    {
        VacuumParams vacuum_only = *params;

        vacuum_only.options &= ~VACOPT_ANALYZE;
        if (!VacuumRelationById(relid, &vacuum_only, stats))
            return false;
        CommitTransactionCommand();
        StartTransactionCommand();
    }
    analyze_only = *params;
    analyze_only.options &= ~(VACOPT_VACUUM | VACOPT_FULL);
    /*
     * The ANALYZE reads the table with HeapTupleSatisfiesVacuum, and this
     * transaction has used no snapshot before it and runs nothing after it:
     * its xmin need not hold back others' pruning of user tables
     * (storage/procarray.h) while it samples and computes (hundreds of
     * milliseconds on pgbench_accounts, during which the versions of
     * pgbench's hot rows piled up).
     */
    ProcArraySetInMaintenance(true);
    return VacuumRelationById(relid, &analyze_only, vacuum ? &analyze_stats : stats);
}

/* Run the targets; VACUUM commits between tables. */
static void
run_targets(List *targets, const VacuumParams *params, bool own_xacts)
{
    ListCell   *lc;
    bool        full = (params->options & VACOPT_FULL) != 0;

    foreach(lc, targets)
    {
        VacuumTarget *t = lfirst(lc);
        VacuumParams p = *params;
        VacuumStats stats;
        int64       start = clock_ms();

        if (t->partitioned)
        {
            if (params->options & VACOPT_ANALYZE)
            {
                if (own_xacts)
                    StartTransactionCommand();
                analyze_partitioned(t->relid);
                if (own_xacts)
                    CommitTransactionCommand();
            }
            continue;
        }
        p.va_cols = t->va_cols;
        if (own_xacts)
            StartTransactionCommand();
        AnalyzeResetRowsSampled();
        if (own_xacts)
            (void) VacuumRelationInOwnXacts(t->relid, &p, &stats);
        else
            (void) VacuumRelationById(t->relid, &p, &stats);
        if (own_xacts)
            CommitTransactionCommand();
        report_table_done(t->name, &stats, full && (params->options & VACOPT_VACUUM), clock_ms() - start);
    }
}

void
ExecVacuum(VacuumStmt *stmt, bool is_top_level)
{
    VacuumParams params;
    List       *targets;
    ListCell   *lc;
    const char *names[JOB_MAX_TABLES];
    int         nnames = 0;
    uint32      jobopts = 0;
    bool        own_xacts;
    MemoryContext cxt;
    MemoryContext old;

    VacuumParseOptions(stmt, &params);
    if (params.options & VACOPT_VACUUM)
        PreventInTransactionBlock(is_top_level, "VACUUM");
    /* VACUUM: one transaction per table; the target list must outlive them */
    own_xacts = (params.options & VACOPT_VACUUM) != 0;
    cxt = MemoryContextCreate(TopMemoryContext, "VACUUM targets");
    old = MemoryContextSwitchTo(cxt);
    targets = resolve_targets(stmt, &params);
    MemoryContextSwitchTo(old);
    foreach(lc, targets)
    {
        if (nnames < JOB_MAX_TABLES)
            names[nnames++] = ((VacuumTarget *) lfirst(lc))->name;
    }
    if (params.options & VACOPT_FULL)
        jobopts |= JOB_OPT_FULL;
    if (params.options & VACOPT_VERBOSE)
        jobopts |= JOB_OPT_VERBOSE;
    if ((params.options & VACOPT_VACUUM) && (params.options & VACOPT_ANALYZE))
        jobopts |= JOB_OPT_ANALYZE;
    /* a whole-database run is recorded with no table names, as the job model says */
    if (stmt->rels == NIL && stmt->target_kind != VACUUM_TARGET_SCHEMA)
        nnames = 0;

    (void) MaintenanceJobBegin((params.options & VACOPT_VACUUM) ? JOB_OP_VACUUM : JOB_OP_ANALYZE,
                               JOB_ORIGIN_SQL, jobopts, names, nnames);
    RDB_TRY();
    {
        if (own_xacts)
            CommitTransactionCommand();
        run_targets(targets, &params, own_xacts);
        if (own_xacts)
            StartTransactionCommand();
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        MaintenanceJobEnd(edata->sqlerrcode == ERRCODE_QUERY_CANCELED ? JOB_STATUS_CANCELLED
                          : JOB_STATUS_FAILED, edata->message);
        VacuumSetActiveParams(NULL);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
    MemoryContextDelete(cxt);
}

void
ExecCheckPoint(void)
{
    if (!MyRoleIsSuperuser)
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("must be superuser to do CHECKPOINT"));
    (void) MaintenanceJobBegin(JOB_OP_CHECKPOINT, JOB_ORIGIN_SQL, 0, NULL, 0);
    RDB_TRY();
    {
        MaintenanceJobProgress("checkpointing", 0, 0, 0, 0);
        RequestCheckpoint();
    }
    RDB_CATCH();
    {
        ErrorData  *edata = CopyErrorData();

        MaintenanceJobEnd(JOB_STATUS_FAILED, edata->message);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
}
