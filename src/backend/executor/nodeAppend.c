/*
 * nodeAppend.c
 *     Append: the rows of each child plan in turn (UNION ALL, the inputs of
 *     INTERSECT/EXCEPT).
 * Entry points: ExecInitAppend(), ExecEndAppend(), ExecReScanAppend(),
 * ExecAppendPartitionScan().
 */
#include "rustydb.h"

#include "executor_int.h"

static TupleTableSlot *
exec_append(PlanState *ps)
{
    AppendState *node = (AppendState *) ps;

    while (node->whichplan < node->nplans)
    {
        TupleTableSlot *slot = ExecProcNode(node->appendplans[node->whichplan]);

        if (!TupIsNull(slot))
        {
            if (ps->ps_ProjInfo)
            {
                ps->ps_ExprContext->outertuple = slot;
                ResetExprContext(ps->ps_ExprContext);
                return ExecProject(ps->ps_ProjInfo);
            }
            return slot;
        }
        node->whichplan++;
    }
    return NULL;
}

AppendState *
ExecInitAppend(Append *node, EState *estate, int eflags)
{
    AppendState *state = (AppendState *) ExecMakePlanState(sizeof(AppendState), T_AppendState,
                                                           (Plan *) node, estate);
    ListCell   *lc;
    int         i = 0;

    state->ps.ExecProcNode = exec_append;
    state->nplans = list_length(node->appendplans);
    state->appendplans = (PlanState **) palloc0(sizeof(PlanState *) * (state->nplans + 1));
    foreach(lc, node->appendplans)
        state->appendplans[i++] = ExecInitNode((Plan *) lfirst(lc), estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    return state;
}

void
ExecEndAppend(AppendState *node)
{
    for (int i = 0; i < node->nplans; i++)
        ExecEndNode(node->appendplans[i]);
}

void
ExecReScanAppend(AppendState *node)
{
    for (int i = 0; i < node->nplans; i++)
        ExecReScan(node->appendplans[i]);
    node->whichplan = 0;
}

/*
 * ExecAppendPartitionScan -- the scan of partition rel in a plan that reads
 * a partitioned table (the partition's scan itself, or an Append of the
 * partitions' scans, under Sort / Material), or NULL: where a READ
 * COMMITTED re-check of a row of that partition is done
 * (ExecScanRecheckRow).
 */
ScanState *
ExecAppendPartitionScan(PlanState *ps, Relation rel)
{
    while (ps && (IsA(ps, SortState) || IsA(ps, MaterialState)))
        ps = ps->lefttree;
    if (ps && ExecScanCanRecheck(ps))
        return RelationGetRelid(((ScanState *) ps)->ss_currentRelation) == RelationGetRelid(rel) ?
            (ScanState *) ps : NULL;
    if (ps && IsA(ps, AppendState))
    {
        AppendState *as = (AppendState *) ps;

        for (int i = 0; i < as->nplans; i++)
            if (ExecScanCanRecheck(as->appendplans[i]) &&
                RelationGetRelid(((ScanState *) as->appendplans[i])->ss_currentRelation) ==
                RelationGetRelid(rel))
                return (ScanState *) as->appendplans[i];
    }
    return NULL;
}
