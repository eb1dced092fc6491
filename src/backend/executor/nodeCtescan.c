/*
 * nodeCtescan.c
 *     CteScan: reads a WITH query's rows.  The CTE's plan runs at most once
 *     per query; every CteScan of the same CTE shares the rows through a
 *     row store found in the CTE's PARAM_EXEC slot, pulling more rows from
 *     the CTE plan only when a reader gets ahead of what is stored.
 *     WorkTableScan: reads the rows of the previous iteration of a recursive
 *     CTE from its RecursiveUnion.
 * Entry points: ExecInitCteScan(), ExecInitWorkTableScan() and friends.
 */
#include "rustydb.h"

#include "executor_int.h"
#include "utils/elog.h"

static TupleTableSlot *
cte_next(ScanState *ss)
{
    CteScanState *node = (CteScanState *) ss;
    CteSharedState *shared = node->shared;

    if (node->readpos >= shared->store->nrows && !shared->done)
    {
        TupleTableSlot *slot = ExecProcNode(shared->cteplanstate);

        if (TupIsNull(slot))
            shared->done = true;
        else
            RowStorePut(shared->store, slot);
    }
    if (!RowStoreGet(shared->store, node->readpos, ss->ss_ScanTupleSlot))
        return NULL;
    node->readpos++;
    return ss->ss_ScanTupleSlot;
}

static TupleTableSlot *
exec_ctescan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, cte_next);
}

CteScanState *
ExecInitCteScan(CteScan *node, EState *estate, int eflags)
{
    CteScanState *state = (CteScanState *) ExecMakePlanState(sizeof(CteScanState),
                                                             T_CteScanState, (Plan *) node,
                                                             estate);
    ParamExecData *prm = &estate->es_param_exec_vals[node->cteParam];
    Plan       *cteplan = (Plan *) list_nth(estate->es_plannedstmt->subplans, node->ctePlanId - 1);

    (void) eflags;
    if (prm->shared == NULL)
    {
        CteSharedState *shared = (CteSharedState *) palloc0(sizeof(CteSharedState));

        shared->store = RowStoreCreate(estate->es_query_cxt);
        shared->cteplanstate = (PlanState *) list_nth(estate->es_subplanstates,
                                                      node->ctePlanId - 1);
        if (shared->cteplanstate == NULL)
            elog(ERROR, "CTE plan %d was not initialised", node->ctePlanId);
        prm->shared = shared;
    }
    state->shared = (CteSharedState *) prm->shared;
    state->ss.ps.ExecProcNode = exec_ctescan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, ExecTypeFromTL(cteplan->targetlist));
    return state;
}

void
ExecEndCteScan(CteScanState *node)
{
    (void) node;
}

void
ExecReScanCteScan(CteScanState *node)
{
    node->readpos = 0;
}

/* ---------------- WorkTableScan ---------------- */

static TupleTableSlot *
worktable_next(ScanState *ss)
{
    WorkTableScanState *node = (WorkTableScanState *) ss;

    if (node->rustate == NULL)
        node->rustate = ExecRecursiveUnionFromParam(ss->ps.state,
                                                    ((WorkTableScan *) ss->ps.plan)->wtParam);
    if (!RowStoreGet(node->rustate->working_table, node->readpos, ss->ss_ScanTupleSlot))
        return NULL;
    node->readpos++;
    return ss->ss_ScanTupleSlot;
}

static TupleTableSlot *
exec_worktablescan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, worktable_next);
}

WorkTableScanState *
ExecInitWorkTableScan(WorkTableScan *node, EState *estate, int eflags)
{
    WorkTableScanState *state;
    RecursiveUnionState *ru = ExecRecursiveUnionFromParam(estate, node->wtParam);

    (void) eflags;
    state = (WorkTableScanState *) ExecMakePlanState(sizeof(WorkTableScanState),
                                                     T_WorkTableScanState, (Plan *) node,
                                                     estate);
    state->rustate = ru;
    state->ss.ps.ExecProcNode = exec_worktablescan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, ru->ps.ps_ResultTupleDesc);
    return state;
}

void
ExecEndWorkTableScan(WorkTableScanState *node)
{
    (void) node;
}

void
ExecReScanWorkTableScan(WorkTableScanState *node)
{
    node->readpos = 0;
}
