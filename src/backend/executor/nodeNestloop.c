/*
 * nodeNestloop.c
 *     Nested-loop join: for each outer row, scan the inner input (rewound
 *     or rescanned) and emit the combinations satisfying the join qual.
 *     Join types: inner, left, semi, anti (the planner turns RIGHT into LEFT
 *     by swapping inputs; FULL joins need a hash join).
 * Entry points: ExecInitNestLoop(), ExecEndNestLoop(), ExecReScanNestLoop().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

static void
rewind_inner(NestLoopState *node)
{
    PlanState  *inner = innerPlanState(node);

    if (IsA(inner, MaterialState))
        ExecMaterialRewind((MaterialState *) inner);
    else
        ExecReScan(inner);
}

static TupleTableSlot *
emit(NestLoopState *node)
{
    PlanState  *ps = &node->js.ps;

    if (!ExecQual(ps->qual, ps->ps_ExprContext))
        return NULL;
    return ExecProject(ps->ps_ProjInfo);
}

static TupleTableSlot *
exec_nestloop(PlanState *ps)
{
    NestLoopState *node = (NestLoopState *) ps;
    ExprContext *econtext = ps->ps_ExprContext;
    JoinType    jt = node->js.jointype;

    for (;;)
    {
        TupleTableSlot *inner;
        TupleTableSlot *result;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        if (node->needNewOuter)
        {
            TupleTableSlot *outer = ExecProcNode(outerPlanState(node));

            if (TupIsNull(outer))
                return NULL;
            econtext->outertuple = outer;
            if (node->nestParamExprs != NIL)
            {
                /*
                 * Parameterized inner side: pass the outer row's values and
                 * rescan (values point into the outer slot, which keeps its
                 * row while the inner side is read).
                 */
                NestLoop   *plan = (NestLoop *) ps->plan;
                ListCell   *lc;
                ListCell   *lc2;

                forboth(lc, plan->nestParams, lc2, node->nestParamExprs)
                {
                    NestLoopParam *np = (NestLoopParam *) lfirst(lc);
                    ParamExecData *prm = &ps->state->es_param_exec_vals[np->paramno];

                    prm->value = ExecEvalExpr((ExprState *) lfirst(lc2), econtext, &prm->isnull);
                }
                ExecReScan(innerPlanState(node));
            }
            else if (node->innerLoaded)
                rewind_inner(node);
            node->innerLoaded = true;
            node->needNewOuter = false;
            node->matchedOuter = false;
        }
        inner = ExecProcNode(innerPlanState(node));
        if (TupIsNull(inner))
        {
            node->needNewOuter = true;
            if (!node->matchedOuter && (jt == JOIN_LEFT || jt == JOIN_ANTI))
            {
                econtext->innertuple = node->js.nullinner;
                if ((result = emit(node)) != NULL)
                    return result;
            }
            continue;
        }
        econtext->innertuple = inner;
        if (!ExecQual(node->js.joinqual, econtext))
            continue;
        node->matchedOuter = true;
        if (jt == JOIN_ANTI)
        {
            node->needNewOuter = true;
            continue;
        }
        if (jt == JOIN_SEMI)
            node->needNewOuter = true;
        if ((result = emit(node)) != NULL)
            return result;
    }
}

/* A slot of desc's layout holding an all-NULL row (outer-join padding). */
TupleTableSlot *
ExecInitNullTupleSlot(TupleDesc desc)
{
    TupleTableSlot *slot = MakeTupleTableSlot(desc);

    for (int i = 0; i < slot->natts; i++)
        slot->isnull[i] = true;
    return ExecStoreVirtualTuple(slot);
}

NestLoopState *
ExecInitNestLoop(NestLoop *node, EState *estate, int eflags)
{
    NestLoopState *state = (NestLoopState *) ExecMakePlanState(sizeof(NestLoopState),
                                                               T_NestLoopState, (Plan *) node,
                                                               estate);

    if (node->join.jointype == JOIN_RIGHT || node->join.jointype == JOIN_FULL)
        elog(ERROR, "nested loop cannot perform a right or full join");
    state->js.ps.ExecProcNode = exec_nestloop;
    state->js.jointype = node->join.jointype;
    state->js.ps.lefttree = ExecInitNode(node->join.plan.lefttree, estate, eflags);
    state->js.ps.righttree = ExecInitNode(node->join.plan.righttree, estate, eflags);
    ExecAssignExprContext(&state->js.ps);
    ExecInitResultAndProjection(&state->js.ps, true);
    state->js.ps.qual = ExecInitExprList(node->join.plan.qual, &state->js.ps);
    state->js.joinqual = ExecInitExprList(node->join.joinqual, &state->js.ps);
    state->js.nullinner = ExecInitNullTupleSlot(ExecTypeFromTL(node->join.plan.righttree->targetlist));
    state->needNewOuter = true;
    {
        ListCell   *lc;

        foreach(lc, node->nestParams)
            state->nestParamExprs = lappend(state->nestParamExprs,
                                            ExecInitExpr((Node *) ((NestLoopParam *) lfirst(lc))->paramval,
                                                         &state->js.ps));
    }
    return state;
}

void
ExecEndNestLoop(NestLoopState *node)
{
    ExecEndNode(node->js.ps.lefttree);
    ExecEndNode(node->js.ps.righttree);
}

void
ExecReScanNestLoop(NestLoopState *node)
{
    node->needNewOuter = true;
    node->innerLoaded = false;
    ExecReScan(node->js.ps.lefttree);
    ExecReScan(node->js.ps.righttree);
}
