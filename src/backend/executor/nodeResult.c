/*
 * nodeResult.c
 *     Result: one computed row (SELECT 1+1), or a projection/filter over an
 *     input, optionally gated by a constant qual evaluated once.
 * Entry points: ExecInitResult(), ExecEndResult(), ExecReScanResult().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"

static TupleTableSlot *
exec_result(PlanState *ps)
{
    ResultState *node = (ResultState *) ps;
    ExprContext *econtext = ps->ps_ExprContext;

    if (node->rs_checkqual)
    {
        List       *q = list_make1(node->resconstantqual);

        node->rs_checkqual = false;
        if (!ExecQual(q, econtext))
            node->rs_done = true;
    }
    for (;;)
    {
        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        if (node->rs_done)
            return NULL;
        if (ps->lefttree)
        {
            TupleTableSlot *in = ExecProcNode(ps->lefttree);

            if (TupIsNull(in))
            {
                node->rs_done = true;
                return NULL;
            }
            econtext->outertuple = in;
        }
        else
            node->rs_done = true;   /* exactly one row without input */
        if (!ExecQual(ps->qual, econtext))
            continue;
        return ExecProject(ps->ps_ProjInfo);
    }
}

ResultState *
ExecInitResult(Result *node, EState *estate, int eflags)
{
    ResultState *state = (ResultState *) ExecMakePlanState(sizeof(ResultState), T_ResultState,
                                                           (Plan *) node, estate);

    state->ps.ExecProcNode = exec_result;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, true);
    state->ps.qual = ExecInitExprList(node->plan.qual, &state->ps);
    if (node->resconstantqual)
    {
        state->resconstantqual = ExecInitExpr(node->resconstantqual, &state->ps);
        state->rs_checkqual = true;
    }
    return state;
}

void
ExecEndResult(ResultState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanResult(ResultState *node)
{
    node->rs_done = false;
    node->rs_checkqual = node->resconstantqual != NULL;
    ExecReScan(node->ps.lefttree);
}
