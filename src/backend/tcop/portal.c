/*
 * portal.c
 *     Prepared statements with cached generic plans, and portals: a
 *     prepared statement bound to parameter values and result formats,
 *     run in one or more steps (row-limited Execute).
 * Entry points: PreparedStatementCreate/Fetch/Drop/DropAll/Revalidate/Next,
 * PortalCreate/Fetch/Drop/Run/DropAll, PortalErrorCleanup().
 * Lifetimes, plan invalidation and the snapshot of a suspended portal: see
 * README.md in this directory ("Prepared statements and portals").
 */
#include "rustydb.h"

#include <string.h>

#include "access/snapshot.h"
#include "catalog/pg_builtin.h"
#include "access/xact.h"
#include "executor/executor.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "pgstat.h"
#include "storage/lock.h"
#include "tcop/portal.h"
#include "tcop/pquery.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Named statements hash on their name; the table is small and never resized. */
#define STMT_HASH_BUCKETS 64

typedef struct PortalData
{
    char       *name;           /* "" is the unnamed portal */
    char       *stmt_name;      /* statement it was bound from, for log lines */
    MemoryContext context;      /* owns the portal and everything below */
    CachedQuery *cq;            /* one reference held */
    ParamListInfo params;       /* copied values; NULL if none */
    int16      *formats;        /* result formats as bound */
    int         nformats;
    PortalStatus status;
    bool        internal;       /* SQL EXECUTE's: invisible to PortalFetch and Bind */
    bool        active;         /* PortalRun in progress */
    bool        doomed;         /* its transaction ended while active: drop after the run */
    /* a SELECT between Execute messages */
    QueryDesc  *qd;             /* NULL until first run / after the end */
    Snapshot    snapshot;       /* pinned copy (TopTransactionContext) while qd is open */
    /* DML with RETURNING run under a row limit: the rows not sent yet */
    RowStore   *held;
    TupleTableSlot *held_slot;
    int64       held_pos;
    struct PortalData *next;
} PortalData;

/* A receiver that keeps rows in a RowStore (DML RETURNING under a row limit). */
typedef struct StoreReceiver
{
    DestReceiver pub;
    RowStore   *store;
    TupleTableSlot *slot;
} StoreReceiver;

static MemoryContext statement_context = NULL;  /* session lifetime; parent of every statement */
static PreparedStatement *stmt_hash[STMT_HASH_BUCKETS];
static PreparedStatement *unnamed_stmt = NULL;
static PortalData *portals = NULL;
static bool xact_callback_registered = false;

static void portal_xact_callback(XactEvent event, void *arg);

/* ---------- cached queries ---------- */

static void
ensure_contexts(void)
{
    if (statement_context == NULL)
        statement_context = MemoryContextCreate(TopMemoryContext, "PreparedStatements");
    if (!xact_callback_registered)
    {
        RegisterXactCallback(portal_xact_callback, NULL);
        xact_callback_registered = true;
    }
}

static void
cached_query_release(CachedQuery *cq)
{
    Assert(cq->refcount > 0);
    if (--cq->refcount == 0)
        MemoryContextDelete(cq->context);
}

/*
 * build_cached_query -- parse and analyze source_text in a new context.
 * With infer, (*param_types, *num_params) are completed as
 * parse_analyze_varparams does (the new array is allocated in the cached
 * query's context); otherwise they are fixed.  unwrap_prepare: a PREPARE
 * statement's inner statement is analyzed instead (SQL PREPARE).  The
 * result has refcount 0.  On ERROR nothing is left behind.
 */
static CachedQuery *
build_cached_query(const char *source_text, Oid **param_types, int *num_params, bool infer,
                   bool unwrap_prepare)
{
    MemoryContext ctx = MemoryContextCreate(statement_context, "CachedQuery");
    MemoryContext old = MemoryContextSwitchTo(ctx);
    CachedQuery *volatile cq = NULL;

    RDB_TRY();
    {
        List       *raws;
        RawStmt    *raw;

        cq = palloc0(sizeof(CachedQuery));
        cq->context = ctx;
        cq->source_text = pstrdup(source_text);
        /* Taken before analysis: a change made meanwhile forces a rebuild later. */
        AcceptInvalidationMessages();
        cq->inval_count = CacheInvalidationCounter();
        raws = RawParser(source_text);
        if (list_length(raws) > 1)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("cannot insert multiple commands into a prepared statement"));
        if (raws != NIL)
        {
            raw = (RawStmt *) linitial(raws);
            if (unwrap_prepare && IsA(raw->stmt, PrepareStmt))
            {
                RawStmt    *inner = makeNode(RawStmt);

                inner->stmt = ((PrepareStmt *) raw->stmt)->query;
                inner->stmt_location = raw->stmt_location;
                inner->stmt_len = raw->stmt_len;
                raw = inner;
            }
            cq->raw = raw;
            if (infer)
                cq->query = parse_analyze_varparams(raw, source_text, param_types, num_params);
            else
                cq->query = parse_analyze(raw, source_text, *param_types, *num_params);
            if (cq->query->commandType == CMD_UTILITY)
                cq->result_desc = UtilityTupleDescriptor(cq->query->utilityStmt);
            else
                cq->result_desc = QueryResultDesc(cq->query);
        }
    }
    RDB_CATCH();
    {
        MemoryContextSwitchTo(old);
        MemoryContextDelete(ctx);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    MemoryContextSwitchTo(old);
    return cq;
}

/*
 * cached_query_plan -- the generic plan of an optimizable statement,
 * planned on first use into a child context (deleted if planning fails, so
 * a statement the planner rejects does not leak on every Bind).
 */
static PlannedStmt *
cached_query_plan(CachedQuery *cq)
{
    MemoryContext plan_ctx;
    MemoryContext old;

    if (cq->plan != NULL || cq->query == NULL || cq->query->commandType == CMD_UTILITY)
        return cq->plan;
    plan_ctx = MemoryContextCreate(cq->context, "CachedPlan");
    old = MemoryContextSwitchTo(plan_ctx);
    RDB_TRY();
    {
        cq->plan = planner(cq->query);
    }
    RDB_CATCH();
    {
        MemoryContextSwitchTo(old);
        MemoryContextDelete(plan_ctx);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    MemoryContextSwitchTo(old);
    return cq->plan;
}

/* Same columns of the same types (names may change, as in PostgreSQL). */
static bool
result_layout_equal(TupleDesc a, TupleDesc b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->natts != b->natts)
        return false;
    for (int i = 0; i < a->natts; i++)
        if (TupleDescAttr(a, i)->atttypid != TupleDescAttr(b, i)->atttypid ||
            TupleDescAttr(a, i)->atttypmod != TupleDescAttr(b, i)->atttypmod)
            return false;
    return true;
}

/*
 * lock_plan_relations -- take the locks the plan's relations need before
 * checking validity (as PostgreSQL's AcquireExecutorLocks), so a DDL that
 * commits after the check cannot change them under the executor.
 */
static void
lock_plan_relations(PlannedStmt *plan)
{
    ListCell   *lc;

    foreach(lc, plan->rtable)
    {
        RangeTblEntry *rte = (RangeTblEntry *) lfirst(lc);

        if (rte->rtekind == RTE_RELATION && rte->rellockmode != NoLock)
            LockRelationOid(rte->relid, rte->rellockmode);
    }
}

/* ---------- prepared statements ---------- */

static uint32
name_hash(const char *name)
{
    uint32      h = 2166136261u;

    for (const unsigned char *p = (const unsigned char *) name; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % STMT_HASH_BUCKETS;
}

static PreparedStatement **
stmt_slot(const char *name)
{
    PreparedStatement **link;

    if (name[0] == '\0')
        return &unnamed_stmt;
    for (link = &stmt_hash[name_hash(name)]; *link; link = &(*link)->next)
        if (strcmp((*link)->name, name) == 0)
            break;
    return link;
}

static void
stmt_free(PreparedStatement *ps)
{
    if (ps->cq)
        cached_query_release(ps->cq);
    MemoryContextDelete(ps->context);
}

PreparedStatement *
PreparedStatementCreate(const char *name, const char *source_text, const Oid *param_types,
                        int num_params, bool from_sql)
{
    PreparedStatement **slot;
    PreparedStatement *ps;
    CachedQuery *cq;
    Oid        *types;
    int         ntypes = num_params;
    MemoryContext ctx;
    MemoryContext old;

    ensure_contexts();
    if (name[0] == '\0')
    {
        /* PostgreSQL drops the old unnamed statement first, even if the new Parse fails. */
        if (unnamed_stmt)
        {
            stmt_free(unnamed_stmt);
            unnamed_stmt = NULL;
        }
    }
    else if (*stmt_slot(name) != NULL)
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_PSTATEMENT),
                errmsg("prepared statement \"%s\" already exists", name));

    types = palloc(sizeof(Oid) * Max(num_params, 1));
    if (num_params > 0)
        memcpy(types, param_types, sizeof(Oid) * num_params);
    cq = build_cached_query(source_text, &types, &ntypes, true, from_sql);

    ctx = MemoryContextCreate(statement_context, "PreparedStatement");
    old = MemoryContextSwitchTo(ctx);
    ps = palloc0(sizeof(PreparedStatement));
    ps->context = ctx;
    ps->name = pstrdup(name);
    ps->source_text = pstrdup(source_text);
    ps->num_params = ntypes;
    ps->param_types = palloc(sizeof(Oid) * Max(ntypes, 1));
    if (ntypes > 0)
        memcpy(ps->param_types, types, sizeof(Oid) * ntypes);
    ps->from_sql = from_sql;
    ps->prepare_time = GetCurrentTimestamp();
    ps->cq = cq;
    cq->refcount++;
    MemoryContextSwitchTo(old);

    slot = stmt_slot(name);
    Assert(*slot == NULL);
    *slot = ps;
    return ps;
}

PreparedStatement *
PreparedStatementFetch(const char *name, bool missing_ok)
{
    PreparedStatement *ps = *stmt_slot(name);

    if (ps == NULL && !missing_ok)
    {
        if (name[0] == '\0')
            ereport(ERROR, errcode(ERRCODE_INVALID_SQL_STATEMENT_NAME),
                    errmsg("unnamed prepared statement does not exist"));
        ereport(ERROR, errcode(ERRCODE_INVALID_SQL_STATEMENT_NAME),
                errmsg("prepared statement \"%s\" does not exist", name));
    }
    return ps;
}

void
PreparedStatementDrop(const char *name, bool missing_ok)
{
    PreparedStatement **slot = stmt_slot(name);
    PreparedStatement *ps = *slot;

    if (ps == NULL)
    {
        (void) PreparedStatementFetch(name, missing_ok);
        return;
    }
    *slot = ps->next;
    stmt_free(ps);
}

void
PreparedStatementDropAll(void)
{
    for (int b = 0; b < STMT_HASH_BUCKETS; b++)
    {
        while (stmt_hash[b])
        {
            PreparedStatement *ps = stmt_hash[b];

            stmt_hash[b] = ps->next;
            stmt_free(ps);
        }
    }
    if (unnamed_stmt)
    {
        stmt_free(unnamed_stmt);
        unnamed_stmt = NULL;
    }
}

PreparedStatement *
PreparedStatementNext(PreparedStatement *prev)
{
    int         b = 0;

    if (prev != NULL)
    {
        if (prev->next)
            return prev->next;
        if (prev->name[0] == '\0')
            return NULL;        /* the unnamed statement comes last */
        b = (int) name_hash(prev->name) + 1;
    }
    for (; b < STMT_HASH_BUCKETS; b++)
        if (stmt_hash[b])
            return stmt_hash[b];
    return unnamed_stmt;
}

void
PreparedStatementRevalidate(PreparedStatement *ps)
{
    CachedQuery *cq = ps->cq;
    CachedQuery *fresh;

    /* Utility statements are analyzed afresh at each run anyway. */
    if (cq->query == NULL || cq->query->commandType == CMD_UTILITY)
        return;
    if (cq->plan)
        lock_plan_relations(cq->plan);
    AcceptInvalidationMessages();
    if (cq->inval_count == CacheInvalidationCounter())
        return;
    fresh = build_cached_query(ps->source_text, &ps->param_types, &ps->num_params, false,
                               ps->from_sql);
    if (!result_layout_equal(cq->result_desc, fresh->result_desc))
    {
        MemoryContextDelete(fresh->context);
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cached plan must not change result type"));
    }
    cached_query_release(cq);
    ps->cq = fresh;
    fresh->refcount++;
}

/* ---------- portals ---------- */

static Portal
portal_lookup(const char *name)
{
    for (Portal p = portals; p; p = p->next)
        if (!p->internal && strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

/* Copy the bound values (and what by-reference ones point to) into the portal. */
static ParamListInfo
copy_params(ParamListInfo src)
{
    ParamListInfo dst;

    if (src == NULL)
        return NULL;
    dst = palloc(offsetof(ParamListInfoData, params) + sizeof(ParamExternData) * Max(src->numParams, 1));
    dst->numParams = src->numParams;
    for (int i = 0; i < src->numParams; i++)
    {
        dst->params[i] = src->params[i];
        if (!src->params[i].isnull)
        {
            int16       len;
            bool        byval;
            char        align;

            TypeGetLenByvalAlign(src->params[i].ptype, &len, &byval, &align);
            dst->params[i].value = DatumCopy(src->params[i].value, byval, len);
        }
    }
    return dst;
}

/*
 * portal_create -- PortalCreate's work; internal portals (SQL EXECUTE) are
 * listed, so that transaction end cleans them up, but never found by name.
 */
static Portal
portal_create(const char *name, PreparedStatement *ps, ParamListInfo params,
              const int16 *formats, int nformats, bool internal)
{
    Portal      portal;
    MemoryContext ctx;
    MemoryContext old;
    int         ncolumns;

    ensure_contexts();
    if (!internal && name[0] == '\0')
    {
        Portal      old_unnamed = portal_lookup("");

        if (old_unnamed)
            PortalDrop(old_unnamed);
    }
    else if (!internal && portal_lookup(name) != NULL)
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_CURSOR),
                errmsg("cursor \"%s\" already exists", name));

    if (!IsAbortedTransactionBlockState())
    {
        PreparedStatementRevalidate(ps);
        (void) cached_query_plan(ps->cq);
    }
    ncolumns = ps->cq->result_desc ? ps->cq->result_desc->natts : 0;
    if (nformats > 1 && nformats != ncolumns)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("bind message has %d result formats but query has %d columns",
                       nformats, ncolumns));
    for (int i = 0; i < nformats; i++)
        if (formats[i] != DEST_FORMAT_TEXT && formats[i] != DEST_FORMAT_BINARY)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("unsupported format code: %d", formats[i]));

    ctx = MemoryContextCreate(TopMemoryContext, "Portal");
    old = MemoryContextSwitchTo(ctx);
    portal = palloc0(sizeof(PortalData));
    portal->context = ctx;
    portal->name = pstrdup(name);
    portal->stmt_name = pstrdup(ps->name);
    portal->cq = ps->cq;
    portal->cq->refcount++;
    portal->params = copy_params(params);
    if (nformats > 0)
    {
        portal->formats = palloc(sizeof(int16) * nformats);
        memcpy(portal->formats, formats, sizeof(int16) * nformats);
    }
    portal->nformats = nformats;
    portal->status = PORTAL_READY;
    portal->internal = internal;
    MemoryContextSwitchTo(old);
    portal->next = portals;
    portals = portal;
    return portal;
}

Portal
PortalCreate(const char *name, PreparedStatement *ps, ParamListInfo params,
             const int16 *formats, int nformats)
{
    return portal_create(name, ps, params, formats, nformats, false);
}

Portal
PortalFetch(const char *name, bool missing_ok)
{
    Portal      portal = portal_lookup(name);

    if (portal == NULL && !missing_ok)
    {
        if (name[0] == '\0')
            ereport(ERROR, errcode(ERRCODE_INVALID_CURSOR_NAME),
                    errmsg("unnamed portal does not exist"));
        ereport(ERROR, errcode(ERRCODE_INVALID_CURSOR_NAME),
                errmsg("portal \"%s\" does not exist", name));
    }
    return portal;
}

/* Release the pinned snapshot (the portal's own reference, see close_select). */
static void
unpin_snapshot(Portal portal)
{
    if (portal->snapshot)
    {
        Assert(portal->snapshot->active_count > 0);
        if (--portal->snapshot->active_count == 0)
            FreeSnapshot(portal->snapshot);
        portal->snapshot = NULL;
    }
}

/*
 * portal_free -- unlink and free.  with_executor: the transaction is alive,
 * so shut the executor down properly; otherwise (abort) the transaction's
 * resource release already did, and only memory is left.
 */
static void
portal_free(Portal portal, bool with_executor)
{
    Portal     *link;

    for (link = &portals; *link; link = &(*link)->next)
    {
        if (*link == portal)
        {
            *link = portal->next;
            break;
        }
    }
    if (with_executor)
    {
        if (portal->qd)
            ExecutorEnd(portal->qd);
        unpin_snapshot(portal);
    }
    portal->qd = NULL;
    portal->snapshot = NULL;
    cached_query_release(portal->cq);
    MemoryContextDelete(portal->context);
}

void
PortalDrop(Portal portal)
{
    if (portal->active)
        ereport(ERROR, errcode(ERRCODE_INVALID_CURSOR_STATE),
                errmsg("cannot drop active portal \"%s\"", portal->name));
    portal_free(portal, IsTransactionState());
}

void
PortalDropAll(void)
{
    Portal      p = portals;

    while (p)
    {
        Portal      next = p->next;

        if (!p->active)
            PortalDrop(p);
        p = next;
    }
}

/*
 * PortalErrorCleanup -- after the error path aborted the transaction:
 * portals that were running when it ended are dropped now.
 */
void
PortalErrorCleanup(void)
{
    Portal      p = portals;

    /* The error may have left us in a context of a portal about to be freed. */
    MemoryContextSwitchTo(TopMemoryContext);
    while (p)
    {
        Portal      next = p->next;

        p->active = false;
        if (p->doomed)
            portal_free(p, false);
        p = next;
    }
}

/*
 * portal_xact_callback -- portals never outlive their transaction.  At
 * PRE_COMMIT the executors are shut down properly; at ABORT the abort has
 * released their resources and only memory is freed.  A portal whose run
 * is still on the stack (a utility statement that commits by itself, such
 * as VACUUM) is only marked: PortalRun drops it when it returns.
 */
static void
portal_xact_callback(XactEvent event, void *arg)
{
    Portal      p = portals;

    (void) arg;
    if (event != XACT_EVENT_PRE_COMMIT && event != XACT_EVENT_ABORT)
        return;
    /* An abort may come with CurrentMemoryContext inside a portal's executor state. */
    if (event == XACT_EVENT_ABORT)
        MemoryContextSwitchTo(TopMemoryContext);
    while (p)
    {
        Portal      next = p->next;

        if (p->active)
        {
            if (event == XACT_EVENT_PRE_COMMIT && p->qd)
                ExecutorEnd(p->qd);
            if (event == XACT_EVENT_PRE_COMMIT)
                unpin_snapshot(p);
            p->qd = NULL;
            p->snapshot = NULL;
            p->doomed = true;
        }
        else
            portal_free(p, event == XACT_EVENT_PRE_COMMIT);
        p = next;
    }
}

/* ---------- running ---------- */

/* The command tag, "SELECT n" and the like (built by hand: once per statement). */
static void
set_tag(QueryCompletion *qc, CmdType type, uint64 n)
{
    const char *prefix;
    char        digits[24];
    char       *d = digits + sizeof(digits);
    size_t      plen;

    switch (type)
    {
        case CMD_SELECT:
            prefix = "SELECT ";
            break;
        case CMD_INSERT:
            prefix = "INSERT 0 ";
            break;
        case CMD_UPDATE:
            prefix = "UPDATE ";
            break;
        case CMD_DELETE:
            prefix = "DELETE ";
            break;
        default:
            elog(ERROR, "unexpected command type %d", (int) type);
            return;
    }
    qc->nprocessed = n;
    *--d = '\0';
    do
    {
        *--d = (char) ('0' + n % 10);
        n /= 10;
    } while (n != 0);
    plen = strlen(prefix);
    memcpy(qc->tag, prefix, plen);
    memcpy(qc->tag + plen, d, (size_t) (digits + sizeof(digits) - d));
}

static void
store_startup(DestReceiver *self, TupleDesc desc)
{
    (void) self;
    (void) desc;
}

static bool
store_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    StoreReceiver *r = (StoreReceiver *) self;
    TupleTableSlot *slot = r->slot;

    ExecClearTuple(slot);
    memcpy(slot->values, values, sizeof(Datum) * slot->natts);
    memcpy(slot->isnull, isnull, sizeof(bool) * slot->natts);
    ExecStoreVirtualTuple(slot);
    RowStorePut(r->store, slot);
    return true;
}

static void
store_shutdown(DestReceiver *self)
{
    (void) self;
}

static void
store_destroy(DestReceiver *self)
{
    pfree(self);
}

/* send_held_rows -- up to max_rows (0 = all) of the held RETURNING rows to dest. */
static uint64
send_held_rows(Portal portal, int64 max_rows, DestReceiver *dest)
{
    uint64      sent = 0;
    TupleDesc   desc = portal->cq->result_desc;

    dest->startup(dest, desc);
    while (max_rows == 0 || (int64) sent < max_rows)
    {
        if (!RowStoreGet(portal->held, portal->held_pos, portal->held_slot))
            break;
        portal->held_pos++;
        sent++;
        if (!dest->receive(dest, portal->held_slot->values, portal->held_slot->isnull))
            break;
    }
    dest->shutdown(dest);
    return sent;
}

/*
 * run_dml -- INSERT/UPDATE/DELETE run to completion on the first call (a
 * row limit must not leave a statement half done).  RETURNING rows go
 * straight to dest without a limit, else into a RowStore served in steps.
 */
static bool
run_dml(Portal portal, int64 max_rows, DestReceiver *dest, QueryCompletion *qc)
{
    PlannedStmt *plan = portal->cq->plan;
    TupleDesc   desc = portal->cq->result_desc;
    uint64      n_sent;

    if (portal->status == PORTAL_READY)
    {
        DestReceiver *target = dest;
        QueryDesc  *qd;
        uint64      n;
        MemoryContext old = MemoryContextSwitchTo(portal->context);

        if (desc != NULL && max_rows > 0)
        {
            StoreReceiver *sr = palloc0(sizeof(StoreReceiver));

            sr->pub.startup = store_startup;
            sr->pub.receive = store_receive;
            sr->pub.shutdown = store_shutdown;
            sr->pub.destroy = store_destroy;
            sr->pub.mydest = DestTuplestore;
            portal->held = RowStoreCreate(portal->context);
            portal->held_slot = MakeTupleTableSlot(desc);
            sr->store = portal->held;
            sr->slot = portal->held_slot;
            target = &sr->pub;
        }
        MemoryContextSwitchTo(old);

        PushActiveSnapshot(GetTransactionSnapshot());
        old = MemoryContextSwitchTo(portal->context);
        qd = CreateQueryDesc(plan, target, portal->params);
        ExecutorStart(qd, 0);
        MemoryContextSwitchTo(old);
        n = ExecutorRun(qd, 0);
        ExecutorEnd(qd);
        PopActiveSnapshot();
        CommandCounterIncrement();
        if (target != dest)
            target->destroy(target);
        set_tag(qc, plan->commandType, n);
        if (portal->held == NULL)
        {
            portal->status = PORTAL_DONE;
            return true;
        }
    }
    else if (portal->status == PORTAL_DONE)
        ereport(ERROR, errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                errmsg("portal \"%s\" cannot be run", portal->name));

    /*
     * Serve held RETURNING rows: suspended while a call fills its limit
     * (PostgreSQL's rule); the final tag counts the rows of the last call,
     * as PostgreSQL reports it ("INSERT 0 1" after 2 + 1 rows).
     */
    n_sent = send_held_rows(portal, max_rows, dest);
    if (max_rows > 0 && (int64) n_sent == max_rows)
    {
        portal->status = PORTAL_SUSPENDED;
        return false;
    }
    set_tag(qc, plan->commandType, n_sent);
    portal->status = PORTAL_DONE;
    return true;
}

/* close_select -- the SELECT ran to its end: shut the executor down. */
static void
close_select(Portal portal)
{
    ExecutorEnd(portal->qd);
    portal->qd = NULL;
    unpin_snapshot(portal);
    portal->status = PORTAL_DONE;
}

/*
 * run_select -- a SELECT streams: the executor state and snapshot stay
 * open between calls while the portal is suspended.  The snapshot is a
 * copy with one extra active_count (the portal's pin), so pushing and
 * popping it around each call never frees it; unpin_snapshot drops the pin.
 * As in PostgreSQL, a call that sends exactly max_rows rows suspends even
 * if none are left; the next one then completes with "SELECT 0".
 */
static bool
run_select(Portal portal, int64 max_rows, DestReceiver *dest, QueryCompletion *qc)
{
    uint64      n = 0;

    if (portal->status != PORTAL_DONE)
    {
        if (portal->qd == NULL)
        {
            MemoryContext old = MemoryContextSwitchTo(portal->context);

            portal->snapshot = CopySnapshot(GetTransactionSnapshot());
            portal->snapshot->active_count++;
            PushActiveSnapshot(portal->snapshot);
            portal->qd = CreateQueryDesc(portal->cq->plan, dest, portal->params);
            ExecutorStart(portal->qd, 0);
            MemoryContextSwitchTo(old);
        }
        else
            PushActiveSnapshot(portal->snapshot);
        portal->qd->dest = dest;
        n = ExecutorRun(portal->qd, max_rows > 0 ? (uint64) max_rows : 0);
        PopActiveSnapshot();
    }
    set_tag(qc, CMD_SELECT, n);
    if (portal->status != PORTAL_DONE && max_rows > 0 && n >= (uint64) max_rows)
    {
        portal->status = PORTAL_SUSPENDED;
        return false;
    }
    if (portal->qd)
        close_select(portal);
    portal->status = PORTAL_DONE;
    return true;
}

/*
 * run_utility -- through ExecStatement, on a fresh raw tree each time:
 * utility execution may scribble on its parse tree, and the cached one
 * must stay pristine for the next Execute.
 */
static bool
run_utility(Portal portal, DestReceiver *dest, QueryCompletion *qc)
{
    List       *raws;
    RawStmt    *raw;

    if (portal->status == PORTAL_DONE)
        ereport(ERROR, errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                errmsg("portal \"%s\" cannot be run", portal->name));
    raws = RawParser(PortalGetSourceText(portal));
    if (list_length(raws) != 1)
        elog(ERROR, "prepared utility statement no longer parses as one statement");
    raw = (RawStmt *) linitial(raws);
    ExecStatement(raw, PortalGetSourceText(portal), dest, qc);
    portal->status = PORTAL_DONE;
    return true;
}

bool
PortalRun(Portal portal, int64 max_rows, DestReceiver *dest, QueryCompletion *qc)
{
    CachedQuery *cq = portal->cq;
    bool        completed;

    memset(qc, 0, sizeof(*qc));
    if (cq->query == NULL)
        elog(ERROR, "cannot run the empty query of portal \"%s\"", portal->name);
    if (portal->active)
        ereport(ERROR, errcode(ERRCODE_OBJECT_IN_USE),
                errmsg("portal \"%s\" already active", portal->name));
    if (cq->query->commandType != CMD_UTILITY && cq->plan == NULL)
        elog(ERROR, "portal \"%s\" has no plan", portal->name);

    portal->active = true;
    if (cq->query->commandType == CMD_UTILITY)
        completed = run_utility(portal, dest, qc);
    else
    {
        PgStat_StatementTimer timer;
        const char *text = PortalGetSourceText(portal);
        size_t      len = cq->raw->stmt_len > 0 ? (size_t) cq->raw->stmt_len
            : strlen(text + cq->raw->stmt_location);

        pgstat_statement_start(&timer, text + cq->raw->stmt_location, len);
        if (cq->query->commandType == CMD_SELECT)
            completed = run_select(portal, max_rows, dest, qc);
        else
            completed = run_dml(portal, max_rows, dest, qc);
        pgstat_statement_end(&timer, (int64) qc->nprocessed);
    }
    portal->active = false;
    if (portal->doomed)
        portal_free(portal, false);
    return completed;
}

void
PreparedStatementExecute(PreparedStatement *ps, ParamListInfo params, DestReceiver *dest,
                         QueryCompletion *qc)
{
    Portal      portal;
    int         nparams = params ? params->numParams : 0;

    memset(qc, 0, sizeof(*qc));
    if (nparams != ps->num_params)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("wrong number of parameters for prepared statement \"%s\"", ps->name),
                errdetail("Expected %d parameters but got %d.", ps->num_params, nparams));
    if (ps->cq->raw == NULL)
        return;                 /* an empty query does nothing */
    /*
     * Only protocol-level statements can hold utility commands (SQL PREPARE
     * takes SELECT/INSERT/UPDATE/DELETE/VALUES).  Some of those end the
     * transaction, and the portal with it, under our feet: not supported.
     */
    if (ps->cq->query->commandType == CMD_UTILITY)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("EXECUTE of a prepared utility statement is not supported"));
    portal = portal_create(ps->name, ps, params, NULL, 0, true);
    (void) PortalRun(portal, 0, dest, qc);
    PortalDrop(portal);
}

/* ---------- accessors ---------- */

const char *
PortalGetName(Portal portal)
{
    return portal->name;
}

const char *
PortalGetStatementName(Portal portal)
{
    return portal->stmt_name;
}

PortalStatus
PortalGetStatus(Portal portal)
{
    return portal->status;
}

CachedQuery *
PortalGetQuery(Portal portal)
{
    return portal->cq;
}

/*
 * The text the portal's statement was prepared from.  For SQL PREPARE this
 * is the PREPARE statement (positions in errors stay right); the cached
 * query knows the statement's place in it.
 */
const char *
PortalGetSourceText(Portal portal)
{
    return portal->cq->source_text;
}

TupleDesc
PortalGetResultDesc(Portal portal)
{
    return portal->cq->result_desc;
}

void
PortalGetFormats(Portal portal, const int16 **formats, int *nformats)
{
    *formats = portal->formats;
    *nformats = portal->nformats;
}

Node *
PortalGetRawStatement(Portal portal)
{
    return portal->cq->raw ? portal->cq->raw->stmt : NULL;
}
