/*
 * nodeProjectSet.c
 *     Targetlists with set-returning functions (SELECT generate_series(1,3)):
 *     each input row yields as many rows as its longest SRF result; shorter
 *     SRFs are padded with NULLs (PostgreSQL 10+ semantics).
 * Entry points: ExecInitProjectSet(), ExecEndProjectSet(), ExecReScanProjectSet().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "nodes/nodeFuncs.h"

typedef struct ProjectSetPriv
{
    ExprState **exprs;          /* per target: its state */
    SrfCallState **srfs;        /* per target: SRF call, or NULL for plain expressions */
} ProjectSetPriv;

/* Produce the next output row for the current input, or NULL when all SRFs are done. */
static TupleTableSlot *
next_output(ProjectSetState *node)
{
    ProjectSetPriv *pp = (ProjectSetPriv *) node->srfs;
    ExprContext *econtext = node->ps.ps_ExprContext;
    TupleTableSlot *slot = node->ps.ps_ResultTupleSlot;
    bool        anyactive = false;
    MemoryContext old = MemoryContextSwitchTo(econtext->per_tuple_memory);

    ExecClearTuple(slot);
    for (int i = 0; i < node->nelems; i++)
    {
        if (pp->srfs[i] == NULL)
            continue;
        if (!node->elemdone[i] && SrfCallNext(pp->srfs[i], &slot->values[i], &slot->isnull[i]))
            anyactive = true;
        else
        {
            node->elemdone[i] = true;
            slot->values[i] = (Datum) 0;
            slot->isnull[i] = true;
        }
    }
    if (anyactive)
    {
        for (int i = 0; i < node->nelems; i++)
            if (pp->srfs[i] == NULL)
                slot->values[i] = ExecEvalExpr(pp->exprs[i], econtext, &slot->isnull[i]);
    }
    MemoryContextSwitchTo(old);
    if (!anyactive)
        return NULL;
    return ExecStoreVirtualTuple(slot);
}

static TupleTableSlot *
exec_projectset(PlanState *ps)
{
    ProjectSetState *node = (ProjectSetState *) ps;
    ProjectSetPriv *pp = (ProjectSetPriv *) node->srfs;
    ExprContext *econtext = ps->ps_ExprContext;

    for (;;)
    {
        TupleTableSlot *in;
        TupleTableSlot *out;

        ResetExprContext(econtext);
        if (node->pending)
        {
            out = next_output(node);
            if (out)
                return out;
            node->pending = false;
        }
        if (ps->lefttree)
        {
            in = ExecProcNode(ps->lefttree);
            if (TupIsNull(in))
                return NULL;
            econtext->outertuple = in;
        }
        else if (node->unused_done)
            return NULL;
        else
            node->unused_done = true;
        for (int i = 0; i < node->nelems; i++)
        {
            node->elemdone[i] = false;
            if (pp->srfs[i])
                SrfCallStart(pp->srfs[i], econtext);
        }
        node->pending = true;
    }
}

ProjectSetState *
ExecInitProjectSet(ProjectSet *node, EState *estate, int eflags)
{
    ProjectSetState *state = (ProjectSetState *) ExecMakePlanState(sizeof(ProjectSetState),
                                                                   T_ProjectSetState,
                                                                   (Plan *) node, estate);
    ProjectSetPriv *pp = (ProjectSetPriv *) palloc0(sizeof(ProjectSetPriv));
    ListCell   *lc;
    int         i = 0;

    state->ps.ExecProcNode = exec_projectset;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->nelems = list_length(node->plan.targetlist);
    pp->exprs = (ExprState **) palloc0(sizeof(ExprState *) * (state->nelems + 1));
    pp->srfs = (SrfCallState **) palloc0(sizeof(SrfCallState *) * (state->nelems + 1));
    state->elemdone = (bool *) palloc0(sizeof(bool) * (state->nelems + 1));
    foreach(lc, node->plan.targetlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        pp->exprs[i] = ExecInitExpr((Node *) tle->expr, &state->ps);
        if (exprIsSet((Node *) tle->expr))
            pp->srfs[i] = SrfCallInit(pp->exprs[i], estate->es_query_cxt);
        i++;
    }
    state->srfs = (struct SrfCallState **) pp;
    return state;
}

void
ExecEndProjectSet(ProjectSetState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanProjectSet(ProjectSetState *node)
{
    node->pending = false;
    node->unused_done = false;
    ExecReScan(node->ps.lefttree);
}
