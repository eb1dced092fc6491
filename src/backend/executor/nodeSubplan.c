/*
 * nodeSubplan.c
 *     SubPlans: subqueries inside expressions.  EXISTS, scalar (EXPR),
 *     ARRAY, and ANY/ALL comparisons; initplans (uncorrelated scalar
 *     subqueries) run at most once and publish their value in PARAM_EXEC
 *     slots, computed on first use.
 * Entry points: ExecInitSubPlan(), ExecSubPlan(), ExecSetParamPlan(),
 * ExecInitInitPlans(), ExecResetInitPlanParams().
 *
 * The subquery's plan state is built once by ExecutorStart
 * (EState.es_subplanstates).  A correlated SubPlan passes its arguments
 * through its parParam slots and rescans the plan for every evaluation.  An
 * uncorrelated one runs its plan once and keeps the rows in memory for
 * later evaluations.
 * XXX: ANY over a large uncorrelated subquery compares row by row (no hash
 * table yet).
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"

typedef struct SubPlanCache
{
    RowStore   *rows;           /* uncorrelated: all rows of the subquery */
    bool        filled;
    TupleTableSlot *slot;
} SubPlanCache;

SubPlanState *
ExecInitSubPlan(SubPlan *subplan, PlanState *parent)
{
    EState     *estate = parent->state;
    SubPlanState *node = (SubPlanState *) newNode(sizeof(SubPlanState), T_SubPlanState);
    SubPlanCache *cache;

    node->subplan = subplan;
    node->parent = parent;
    node->planstate = (PlanState *) list_nth(estate->es_subplanstates, subplan->plan_id - 1);
    if (node->planstate == NULL)
        elog(ERROR, "subplan %d was not initialised", subplan->plan_id);
    node->testexpr = ExecInitExpr(subplan->testexpr, parent);
    node->args = ExecInitExprList(subplan->args, parent);
    cache = (SubPlanCache *) palloc0(sizeof(SubPlanCache));
    cache->rows = RowStoreCreate(estate->es_query_cxt);
    cache->slot = MakeTupleTableSlot(ExecTypeFromTL(node->planstate->plan->targetlist));
    node->cache = cache;
    return node;
}

static SubPlanCache *
cache_of(SubPlanState *node)
{
    return (SubPlanCache *) node->cache;
}

/*
 * Rows of the subquery: iterate with next_row(node, &pos).  Correlated
 * subplans are rescanned with the new parameter values; uncorrelated ones
 * are run once into the cache.
 */
static void
start_rows(SubPlanState *node, ExprContext *econtext, int64 *pos)
{
    SubPlan    *sp = node->subplan;
    SubPlanCache *cache = cache_of(node);
    ListCell   *lp;
    ListCell   *la;

    *pos = 0;
    if (sp->parParam == NIL)
    {
        if (!cache->filled)
        {
            ExecReScan(node->planstate);
            for (;;)
            {
                TupleTableSlot *slot;

                CHECK_FOR_INTERRUPTS();
                slot = ExecProcNode(node->planstate);
                if (TupIsNull(slot))
                    break;
                RowStorePut(cache->rows, slot);
            }
            cache->filled = true;
        }
        return;
    }
    forboth(lp, sp->parParam, la, node->args)
    {
        ParamExecData *prm = &econtext->param_exec_vals[lfirst_int(lp)];

        prm->value = ExecEvalExpr((ExprState *) lfirst(la), econtext, &prm->isnull);
    }
    ExecReScan(node->planstate);
}

static TupleTableSlot *
next_row(SubPlanState *node, int64 *pos)
{
    SubPlanCache *cache = cache_of(node);

    CHECK_FOR_INTERRUPTS();
    if (node->subplan->parParam == NIL)
    {
        if (!RowStoreGet(cache->rows, *pos, cache->slot))
            return NULL;
        (*pos)++;
        return cache->slot;
    }
    return ExecProcNode(node->planstate);
}

static Datum
copy_first_column(SubPlanState *node, TupleTableSlot *slot, bool *isnull)
{
    Attribute   att = TupleDescAttr(slot->desc, 0);

    *isnull = slot->isnull[0];
    if (*isnull)
        return (Datum) 0;
    (void) node;
    return DatumCopy(slot->values[0], att->attbyval, att->attlen);
}

/* ExecSubPlan -- value of the SubPlan expression for the current row. */
Datum
ExecSubPlan(SubPlanState *node, ExprContext *econtext, bool *isnull)
{
    SubPlan    *sp = node->subplan;
    TupleTableSlot *slot;
    int64       pos;
    Datum       result = (Datum) 0;
    bool        found = false;
    bool        anynull = false;

    start_rows(node, econtext, &pos);
    *isnull = false;
    switch (sp->subLinkType)
    {
        case EXISTS_SUBLINK:
            slot = next_row(node, &pos);
            return BoolGetDatum(!TupIsNull(slot));
        case EXPR_SUBLINK:
            while ((slot = next_row(node, &pos)) != NULL && !TupIsNull(slot))
            {
                if (found)
                    ereport(ERROR, errcode(ERRCODE_CARDINALITY_VIOLATION),
                            errmsg("more than one row returned by a subquery used as an expression"));
                found = true;
                result = copy_first_column(node, slot, isnull);
            }
            if (!found)
                *isnull = true;
            return result;
        case ARRAY_SUBLINK:
            {
                int         n = 0;
                int         max = 16;
                Datum      *vals = palloc(sizeof(Datum) * max);
                bool       *nulls = palloc(sizeof(bool) * max);

                while ((slot = next_row(node, &pos)) != NULL && !TupIsNull(slot))
                {
                    if (n >= max)
                    {
                        max *= 2;
                        vals = repalloc(vals, sizeof(Datum) * max);
                        nulls = repalloc(nulls, sizeof(bool) * max);
                    }
                    vals[n] = copy_first_column(node, slot, &nulls[n]);
                    n++;
                }
                return PointerGetDatum(ArrayConstruct(sp->firstColType, vals, nulls, n));
            }
        case ANY_SUBLINK:
        case ALL_SUBLINK:
            {
                bool        is_any = sp->subLinkType == ANY_SUBLINK;

                while ((slot = next_row(node, &pos)) != NULL && !TupIsNull(slot))
                {
                    ListCell   *lc;
                    int         col = 0;
                    bool        rnull;
                    Datum       r;

                    foreach(lc, sp->paramIds)
                    {
                        ParamExecData *prm = &econtext->param_exec_vals[lfirst_int(lc)];

                        prm->value = slot->values[col];
                        prm->isnull = slot->isnull[col];
                        col++;
                    }
                    r = ExecEvalExpr(node->testexpr, econtext, &rnull);
                    if (rnull)
                        anynull = true;
                    else if (is_any && DatumGetBool(r))
                        return BoolGetDatum(true);
                    else if (!is_any && !DatumGetBool(r))
                        return BoolGetDatum(false);
                }
                *isnull = anynull;
                return BoolGetDatum(!is_any);
            }
        default:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("subquery type %d is not supported yet", (int) sp->subLinkType));
    }
    return (Datum) 0;
}

/*
 * ExecSetParamPlan -- run an initplan and store its result in its setParam
 * slot (allocated in the query context, valid for the rest of the query).
 */
void
ExecSetParamPlan(SubPlanState *node, ExprContext *econtext)
{
    SubPlan    *sp = node->subplan;
    EState     *estate = node->parent->state;
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    int         paramid = linitial_int(sp->setParam);
    ParamExecData *prm = &estate->es_param_exec_vals[paramid];
    bool        isnull;
    Datum       value;

    /* clear first: a recursive reference would loop */
    prm->execPlan = NULL;
    value = ExecSubPlan(node, econtext, &isnull);
    prm->value = value;
    prm->isnull = isnull;
    MemoryContextSwitchTo(old);
}

void
ExecInitInitPlans(PlanState *ps)
{
    ListCell   *lc;

    foreach(lc, ps->initPlan)
    {
        SubPlanState *sps = (SubPlanState *) lfirst(lc);
        ListCell   *lp;

        foreach(lp, sps->subplan->setParam)
            ps->state->es_param_exec_vals[lfirst_int(lp)].execPlan = sps;
    }
}

void
ExecResetInitPlanParams(PlanState *ps)
{
    ListCell   *lc;

    foreach(lc, ps->initPlan)
    {
        SubPlanState *sps = (SubPlanState *) lfirst(lc);

        cache_of(sps)->filled = false;
        RowStoreClear(cache_of(sps)->rows);
    }
    ExecInitInitPlans(ps);
}
