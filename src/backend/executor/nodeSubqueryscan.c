/*
 * nodeSubqueryscan.c
 *     A subquery in FROM, planned separately: its rows become this scan's
 *     rows, filtered and projected.
 * Entry points: ExecInitSubqueryScan(), ExecEndSubqueryScan(),
 * ExecReScanSubqueryScan().
 */
#include "rustydb.h"

#include "executor_int.h"

static TupleTableSlot *
subquery_next(ScanState *ss)
{
    SubqueryScanState *node = (SubqueryScanState *) ss;
    TupleTableSlot *slot = ExecProcNode(node->subplan);

    if (TupIsNull(slot))
        return NULL;
    /* the scan slot has the subplan's layout; copy values by reference */
    ExecClearTuple(ss->ss_ScanTupleSlot);
    memcpy(ss->ss_ScanTupleSlot->values, slot->values, sizeof(Datum) * slot->natts);
    memcpy(ss->ss_ScanTupleSlot->isnull, slot->isnull, sizeof(bool) * slot->natts);
    ss->ss_ScanTupleSlot->tid = slot->tid;
    ss->ss_ScanTupleSlot->tableOid = slot->tableOid;
    return ExecStoreVirtualTuple(ss->ss_ScanTupleSlot);
}

static TupleTableSlot *
exec_subqueryscan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, subquery_next);
}

SubqueryScanState *
ExecInitSubqueryScan(SubqueryScan *node, EState *estate, int eflags)
{
    SubqueryScanState *state = (SubqueryScanState *) ExecMakePlanState(sizeof(SubqueryScanState),
                                                                       T_SubqueryScanState,
                                                                       (Plan *) node, estate);

    state->subplan = ExecInitNode(node->subplan, estate, eflags);
    state->ss.ps.ExecProcNode = exec_subqueryscan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate,
                     ExecTypeFromTL(node->subplan->targetlist));
    return state;
}

void
ExecEndSubqueryScan(SubqueryScanState *node)
{
    ExecEndNode(node->subplan);
}

void
ExecReScanSubqueryScan(SubqueryScanState *node)
{
    ExecReScan(node->subplan);
}
