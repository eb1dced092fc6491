/*
 * execScan.c
 *     The loop shared by scan nodes: fetch the next row with the node's
 *     access method, test the qual, project.
 * Entry points: ExecScan(), ExecScanExtended(), ExecInitScanNode().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"

/*
 * ExecInitScanNode -- expression context, scan slot of scandesc's layout,
 * result slot and projection (skipped when the targetlist is the scan row
 * itself), quals.
 */
void
ExecInitScanNode(ScanState *ss, Plan *plan, EState *estate, TupleDesc scandesc)
{
    PlanState  *ps = &ss->ps;
    bool        passthrough;

    ExecAssignExprContext(ps);
    ss->ss_ScanTupleSlot = MakeTupleTableSlot(scandesc);
    passthrough = ExecTargetListIsPassThrough(plan->targetlist, 0, scandesc);
    ExecInitResultAndProjection(ps, !passthrough);
    ps->qual = ExecInitExprList(plan->qual, ps);
    (void) estate;
}

/*
 * ExecScan -- next row satisfying the qual, projected; NULL at the end.
 * The per-tuple context is reset before each fetched row.
 */
TupleTableSlot *
ExecScan(ScanState *node, ExecScanAccessMtd accessMtd)
{
    return ExecScanExtended(node, accessMtd, NULL);
}

/*
 * ExecScanExtended -- ExecScan for access methods that fill only the
 * columns the qual reads: completeMtd (if not NULL) fills the rest of the
 * slot for each row that passed, before it is projected or returned.  Rows
 * the qual rejects (most of them, in a selective scan) are never decoded
 * in full.
 */
TupleTableSlot *
ExecScanExtended(ScanState *node, ExecScanAccessMtd accessMtd, ExecScanCompleteMtd completeMtd)
{
    ExprContext *econtext = node->ps.ps_ExprContext;

    for (;;)
    {
        TupleTableSlot *slot;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        slot = accessMtd(node);
        if (TupIsNull(slot))
        {
            if (node->ps.ps_ProjInfo)
                ExecClearTuple(node->ps.ps_ResultTupleSlot);
            return NULL;
        }
        econtext->scantuple = slot;
        if (!ExecQual(node->ps.qual, econtext))
            continue;
        if (completeMtd != NULL)
            completeMtd(node, slot);
        if (node->ps.ps_ProjInfo)
            return ExecProject(node->ps.ps_ProjInfo);
        return slot;
    }
}
