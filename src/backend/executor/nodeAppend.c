/*
 * nodeAppend.c
 *     Append: the rows of each child plan in turn (UNION ALL, the inputs of
 *     INTERSECT/EXCEPT).
 * Entry points: ExecInitAppend(), ExecEndAppend(), ExecReScanAppend().
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
