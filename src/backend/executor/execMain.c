/*
 * execMain.c
 *     Top level of the executor: set up the EState and node states for a
 *     PlannedStmt, pull rows from the plan and send the non-junk columns to
 *     the destination, shut everything down.
 * Entry points: CreateQueryDesc(), ExecutorStart(), ExecutorRun(),
 * ExecutorEnd(), ExecTypeFromTL(), ExecCleanTypeFromTL(),
 * ExecOpenScanRelation().
 *
 * Memory: everything lives in the EState's query context, a child of the
 * caller's context at ExecutorStart; ExecutorEnd deletes it.  Relations are
 * opened with the lock the range table asks for and closed at ExecutorEnd
 * keeping the lock until transaction end.
 */
#include "rustydb.h"

#include "access/snapshot.h"
#include "access/xact.h"
#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/relcache.h"

QueryDesc *
CreateQueryDesc(PlannedStmt *stmt, DestReceiver *dest, ParamListInfo params)
{
    QueryDesc  *qd = (QueryDesc *) palloc0(sizeof(QueryDesc));

    qd->plannedstmt = stmt;
    qd->dest = dest;
    qd->params = params;
    return qd;
}

/* Column type as the executor carries it: ctid (tid) travels as int8. */
static Oid
executor_type(Oid typid)
{
    return typid == TIDOID ? INT8OID : typid;
}

static TupleDesc
type_from_tl(List *targetlist, bool skipjunk)
{
    ListCell   *lc;
    int         n = 0;
    TupleDesc   desc;

    foreach(lc, targetlist)
        if (!skipjunk || !((TargetEntry *) lfirst(lc))->resjunk)
            n++;
    desc = CreateTemplateTupleDesc(n);
    n = 0;
    foreach(lc, targetlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);
        Oid         typid;

        if (skipjunk && tle->resjunk)
            continue;
        typid = executor_type(exprType((Node *) tle->expr));
        n++;
        TupleDescInitEntry(desc, n, tle->resname ? tle->resname : "?column?", typid,
                           typid == INT8OID ? -1 : exprTypmod((Node *) tle->expr));
    }
    return desc;
}

/* ExecTypeFromTL -- descriptor of every targetlist entry (CurrentMemoryContext). */
TupleDesc
ExecTypeFromTL(List *targetlist)
{
    return type_from_tl(targetlist, false);
}

/* ExecCleanTypeFromTL -- descriptor of the non-junk entries: what the client sees. */
TupleDesc
ExecCleanTypeFromTL(List *targetlist)
{
    return type_from_tl(targetlist, true);
}

/*
 * ExecOpenScanRelation -- open the range-table relation rtindex with its
 * rellockmode; closed by ExecutorEnd.
 */
Relation
ExecOpenScanRelation(EState *estate, int rtindex)
{
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(estate->es_range_table, rtindex - 1);
    LOCKMODE    mode = rte->rellockmode > 0 ? rte->rellockmode : AccessShareLock;
    Relation    rel;
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

    if (rte->rtekind != RTE_RELATION)
        elog(ERROR, "range table entry %d is not a relation", rtindex);
    rel = table_open(rte->relid, mode);
    estate->es_relations = lappend(estate->es_relations, rel);
    MemoryContextSwitchTo(old);
    return rel;
}

/*
 * ExecRtisHavePartitioned -- is one of the range-table entries rtis (int
 * list) a partitioned table?  Re-running a join for a READ COMMITTED
 * re-check (execRecheck.c) cannot fetch rows of those: callers then treat
 * a concurrently updated row as a serialization failure.
 */
bool
ExecRtisHavePartitioned(EState *estate, List *rtis)
{
    ListCell   *lc;

    foreach(lc, rtis)
    {
        RangeTblEntry *rte = (RangeTblEntry *) list_nth(estate->es_range_table,
                                                        lfirst_int(lc) - 1);

        if (rte->rtekind == RTE_RELATION && rte->relkind == RELKIND_PARTITIONED_TABLE)
            return true;
    }
    return false;
}

/*
 * ExecutorStart -- build the run-time state.  With EXEC_FLAG_EXPLAIN_ONLY
 * the nodes are initialised (relations opened) but nothing runs.
 */
void
ExecutorStart(QueryDesc *qd, int eflags)
{
    PlannedStmt *stmt = qd->plannedstmt;
    EState     *estate = CreateExecutorState();
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    ListCell   *lc;
    List       *tlist;

    qd->estate = estate;
    estate->es_plannedstmt = stmt;
    estate->es_range_table = stmt->rtable;
    estate->es_top_eflags = eflags;
    estate->es_instrument = (eflags & EXEC_FLAG_INSTRUMENT) != 0;
    estate->es_param_list_info = qd->params;
    estate->es_snapshot = GetActiveSnapshot();
    if (estate->es_snapshot == NULL)
        estate->es_snapshot = GetTransactionSnapshot();
    estate->es_output_cid = GetCurrentCommandId(stmt->commandType != CMD_SELECT);
    estate->es_num_param_exec = list_length(stmt->paramExecTypes);
    estate->es_param_exec_vals = (ParamExecData *)
        palloc0(sizeof(ParamExecData) * (estate->es_num_param_exec + 1));
    for (int i = 0; i < estate->es_num_param_exec; i++)
        estate->es_param_exec_vals[i].isnull = true;

    /* subplans (SubPlan expressions and CTEs) first: the main plan refers to them */
    foreach(lc, stmt->subplans)
        estate->es_subplanstates = lappend(estate->es_subplanstates, NULL);
    {
        int         i = 0;

        foreach(lc, stmt->subplans)
        {
            PlanState  *ps = ExecInitNode((Plan *) lfirst(lc), estate, eflags);

            list_nth_cell(estate->es_subplanstates, i)->ptr_value = ps;
            i++;
        }
    }
    qd->planstate = ExecInitNode(stmt->planTree, estate, eflags);

    tlist = stmt->commandType == CMD_SELECT ? stmt->planTree->targetlist : stmt->returningList;
    if (tlist != NIL)
    {
        int         n = 0;
        int         resno = 0;

        qd->tupDesc = ExecCleanTypeFromTL(tlist);
        qd->junkmap = (int *) palloc0(sizeof(int) * (qd->tupDesc->natts + 1));
        foreach(lc, tlist)
        {
            TargetEntry *tle = (TargetEntry *) lfirst(lc);

            resno++;
            if (!tle->resjunk)
                qd->junkmap[n++] = resno;
        }
    }
    qd->started = true;
    MemoryContextSwitchTo(old);
}

/*
 * ExecutorRun -- run the plan, sending up to count rows (0: all) to the
 * destination.  Returns the number of rows processed (sent for SELECT,
 * modified for INSERT/UPDATE/DELETE).
 */
uint64
ExecutorRun(QueryDesc *qd, uint64 count)
{
    EState     *estate = qd->estate;
    DestReceiver *dest = qd->dest;
    TupleDesc   desc = qd->tupDesc;
    uint64      sent = 0;
    Datum      *values = NULL;
    bool       *nulls = NULL;
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

    if (desc && dest)
    {
        values = (Datum *) palloc0(sizeof(Datum) * (desc->natts + 1));
        nulls = (bool *) palloc0(sizeof(bool) * (desc->natts + 1));
        dest->startup(dest, desc);
    }
    for (;;)
    {
        TupleTableSlot *slot;

        CHECK_FOR_INTERRUPTS();
        slot = ExecProcNode(qd->planstate);
        if (TupIsNull(slot))
            break;
        if (desc && dest)
        {
            for (int i = 0; i < desc->natts; i++)
            {
                values[i] = slot->values[qd->junkmap[i] - 1];
                nulls[i] = slot->isnull[qd->junkmap[i] - 1];
            }
            if (!dest->receive(dest, values, nulls))
                break;
        }
        sent++;
        if (count > 0 && sent >= count)
            break;
    }
    if (desc && dest)
        dest->shutdown(dest);
    if (qd->plannedstmt->commandType == CMD_SELECT)
        estate->es_processed = sent;
    MemoryContextSwitchTo(old);
    return estate->es_processed;
}

/* ExecutorEnd -- shut down the nodes, close relations, free the query memory. */
void
ExecutorEnd(QueryDesc *qd)
{
    EState     *estate = qd->estate;
    ListCell   *lc;

    if (estate == NULL)
        return;
    ExecEndNode(qd->planstate);
    foreach(lc, estate->es_subplanstates)
        ExecEndNode((PlanState *) lfirst(lc));
    foreach(lc, estate->es_relations)
        table_close((Relation) lfirst(lc), NoLock);
    FreeExecutorState(estate);
    qd->estate = NULL;
    qd->planstate = NULL;
}
