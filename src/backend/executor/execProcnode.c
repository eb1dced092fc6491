/*
 * execProcnode.c
 *     Dispatch from a plan node to its node file: ExecInitNode,
 *     ExecProcNode, ExecEndNode, ExecReScan; instrumentation for EXPLAIN
 *     ANALYZE wraps each node's ExecProcNode.
 * Entry points: ExecInitNode(), ExecProcNode(), ExecEndNode(), ExecReScan(),
 * ExecMakePlanState().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

/*
 * ExecMakePlanState -- a zeroed state struct of the given size in the
 * query context, linked to plan and estate.
 */
PlanState *
ExecMakePlanState(Size size, NodeTag tag, Plan *plan, EState *estate)
{
    PlanState  *ps = (PlanState *) MemoryContextAllocZero(estate->es_query_cxt, size);

    ps->type = tag;
    ps->plan = plan;
    ps->state = estate;
    return ps;
}

#define INIT_CASE(Name) \
    case T_##Name: \
        result = (PlanState *) ExecInit##Name((Name *) node, estate, eflags); \
        break

/*
 * ExecInitNode -- build the state tree for node (recursively).  Allocates
 * in the query context.  NULL in, NULL out.
 */
PlanState *
ExecInitNode(Plan *node, EState *estate, int eflags)
{
    PlanState  *result;
    MemoryContext old;

    if (node == NULL)
        return NULL;
    CHECK_FOR_INTERRUPTS();
    old = MemoryContextSwitchTo(estate->es_query_cxt);
    switch (nodeTag(node))
    {
            INIT_CASE(Result);
            INIT_CASE(ProjectSet);
            INIT_CASE(ModifyTable);
            INIT_CASE(Append);
            INIT_CASE(RecursiveUnion);
            INIT_CASE(SeqScan);
            INIT_CASE(IndexScan);
            INIT_CASE(IndexOnlyScan);
            INIT_CASE(FunctionScan);
            INIT_CASE(ValuesScan);
            INIT_CASE(SubqueryScan);
            INIT_CASE(CteScan);
            INIT_CASE(WorkTableScan);
            INIT_CASE(NestLoop);
            INIT_CASE(HashJoin);
            INIT_CASE(MergeJoin);
            INIT_CASE(Hash);
            INIT_CASE(Material);
            INIT_CASE(Sort);
            INIT_CASE(Agg);
            INIT_CASE(Unique);
            INIT_CASE(SetOp);
            INIT_CASE(Limit);
            INIT_CASE(LockRows);
            INIT_CASE(WindowAgg);
        default:
            elog(ERROR, "unrecognized plan node type %d", (int) nodeTag(node));
    }
    if (node->initPlan)
    {
        ListCell   *lc;

        foreach(lc, node->initPlan)
            result->initPlan = lappend(result->initPlan,
                                       ExecInitSubPlan((SubPlan *) lfirst(lc), result));
        ExecInitInitPlans(result);
    }
    if (estate->es_instrument)
        result->instrument = (Instrumentation *) palloc0(sizeof(Instrumentation));
    MemoryContextSwitchTo(old);
    return result;
}

/* ExecProcNode -- the node's next row, or NULL at the end. */
TupleTableSlot *
ExecProcNode(PlanState *node)
{
    TupleTableSlot *slot;

    CHECK_FOR_INTERRUPTS();
    if (node->instrument)
        InstrStartNode(node->instrument);
    slot = node->ExecProcNode(node);
    if (node->instrument)
        InstrStopNode(node->instrument, TupIsNull(slot) ? 0.0 : 1.0);
    return slot;
}

#define END_CASE(Name) \
    case T_##Name##State: \
        ExecEnd##Name((Name##State *) node); \
        break

/* ExecEndNode -- release resources (scans, pins, relations) of the subtree. */
void
ExecEndNode(PlanState *node)
{
    if (node == NULL)
        return;
    if (node->instrument)
        InstrEndLoop(node->instrument);
    switch (nodeTag(node))
    {
            END_CASE(Result);
            END_CASE(ProjectSet);
            END_CASE(ModifyTable);
            END_CASE(Append);
            END_CASE(RecursiveUnion);
            END_CASE(SeqScan);
            END_CASE(IndexScan);
            END_CASE(IndexOnlyScan);
            END_CASE(FunctionScan);
            END_CASE(ValuesScan);
            END_CASE(SubqueryScan);
            END_CASE(CteScan);
            END_CASE(WorkTableScan);
            END_CASE(NestLoop);
            END_CASE(HashJoin);
            END_CASE(MergeJoin);
            END_CASE(Hash);
            END_CASE(Material);
            END_CASE(Sort);
            END_CASE(Agg);
            END_CASE(Unique);
            END_CASE(SetOp);
            END_CASE(Limit);
            END_CASE(LockRows);
            END_CASE(WindowAgg);
        default:
            elog(ERROR, "unrecognized plan state type %d", (int) nodeTag(node));
    }
}

#define RESCAN_CASE(Name) \
    case T_##Name##State: \
        ExecReScan##Name((Name##State *) node); \
        break

/*
 * ExecReScan -- restart the node from its first row (with the current
 * parameter values).  Subplans of expressions are rescanned lazily by the
 * expressions themselves.
 */
void
ExecReScan(PlanState *node)
{
    if (node == NULL)
        return;
    if (node->instrument)
        InstrEndLoop(node->instrument);
    if (node->initPlan)
        ExecResetInitPlanParams(node);
    if (node->ps_ExprContext)
        ResetExprContext(node->ps_ExprContext);
    /* a substituted scan of a re-check (execRecheck.c) returns its row again */
    if (ExecScanCanRecheck(node) && ((ScanState *) node)->ss_epq_active)
    {
        ((ScanState *) node)->ss_epq_done = false;
        return;
    }
    switch (nodeTag(node))
    {
            RESCAN_CASE(Result);
            RESCAN_CASE(ProjectSet);
            RESCAN_CASE(ModifyTable);
            RESCAN_CASE(Append);
            RESCAN_CASE(RecursiveUnion);
            RESCAN_CASE(SeqScan);
            RESCAN_CASE(IndexScan);
            RESCAN_CASE(IndexOnlyScan);
            RESCAN_CASE(FunctionScan);
            RESCAN_CASE(ValuesScan);
            RESCAN_CASE(SubqueryScan);
            RESCAN_CASE(CteScan);
            RESCAN_CASE(WorkTableScan);
            RESCAN_CASE(NestLoop);
            RESCAN_CASE(HashJoin);
            RESCAN_CASE(MergeJoin);
            RESCAN_CASE(Hash);
            RESCAN_CASE(Material);
            RESCAN_CASE(Sort);
            RESCAN_CASE(Agg);
            RESCAN_CASE(Unique);
            RESCAN_CASE(SetOp);
            RESCAN_CASE(Limit);
            RESCAN_CASE(LockRows);
            RESCAN_CASE(WindowAgg);
        default:
            elog(ERROR, "unrecognized plan state type %d", (int) nodeTag(node));
    }
}
