/*
 * nodeLimit.c
 *     LIMIT / OFFSET.
 * Entry points: ExecInitLimit(), ExecEndLimit(), ExecReScanLimit().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "utils/elog.h"

static void
compute_bounds(LimitState *node)
{
    ExprContext *econtext = node->ps.ps_ExprContext;
    bool        isnull;

    node->offset = 0;
    node->noCount = true;
    if (node->limitOffset)
    {
        Datum       v = ExecEvalExprSwitchContext(node->limitOffset, econtext, &isnull);

        if (!isnull)
        {
            node->offset = DatumGetInt64(v);
            if (node->offset < 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE),
                        errmsg("OFFSET must not be negative"));
        }
    }
    if (node->limitCount)
    {
        Datum       v = ExecEvalExprSwitchContext(node->limitCount, econtext, &isnull);

        if (!isnull)
        {
            node->count = DatumGetInt64(v);
            node->noCount = false;
            if (node->count < 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE),
                        errmsg("LIMIT must not be negative"));
        }
    }
    node->started = true;
}

static TupleTableSlot *
exec_limit(PlanState *ps)
{
    LimitState *node = (LimitState *) ps;

    if (!node->started)
        compute_bounds(node);
    for (;;)
    {
        TupleTableSlot *slot;

        if (!node->noCount && node->position - node->offset >= node->count)
            return NULL;        /* do not pull more rows than needed */
        slot = ExecProcNode(ps->lefttree);
        if (TupIsNull(slot))
            return NULL;
        node->position++;
        if (node->position <= node->offset)
            continue;
        return slot;
    }
}

LimitState *
ExecInitLimit(Limit *node, EState *estate, int eflags)
{
    LimitState *state = (LimitState *) ExecMakePlanState(sizeof(LimitState), T_LimitState,
                                                         (Plan *) node, estate);

    state->ps.ExecProcNode = exec_limit;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->limitOffset = ExecInitExpr(node->limitOffset, &state->ps);
    state->limitCount = ExecInitExpr(node->limitCount, &state->ps);
    return state;
}

void
ExecEndLimit(LimitState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanLimit(LimitState *node)
{
    node->started = false;
    node->position = 0;
    ExecReScan(node->ps.lefttree);
}
