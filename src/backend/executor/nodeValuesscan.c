/*
 * nodeValuesscan.c
 *     VALUES (...), (...) as a scan: each row's expressions are evaluated
 *     when the row is fetched.
 * Entry points: ExecInitValuesScan(), ExecEndValuesScan(), ExecReScanValuesScan().
 */
#include "rustydb.h"

#include "executor_int.h"

static TupleTableSlot *
values_next(ScanState *ss)
{
    ValuesScanState *node = (ValuesScanState *) ss;
    TupleTableSlot *slot = ss->ss_ScanTupleSlot;
    ExprContext *econtext = ss->ps.ps_ExprContext;
    MemoryContext old;

    if (node->curr_idx >= node->nrows)
        return ExecClearTuple(slot);
    /* values are computed in rowcxt, which lives until the next row */
    MemoryContextReset(node->rowcxt);
    old = MemoryContextSwitchTo(node->rowcxt);
    ExecClearTuple(slot);
    for (int i = 0; i < slot->natts; i++)
        slot->values[i] = ExecEvalExpr(node->exprlists[node->curr_idx][i], econtext,
                                       &slot->isnull[i]);
    MemoryContextSwitchTo(old);
    node->curr_idx++;
    return ExecStoreVirtualTuple(slot);
}

static TupleTableSlot *
exec_valuesscan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, values_next);
}

ValuesScanState *
ExecInitValuesScan(ValuesScan *node, EState *estate, int eflags)
{
    ValuesScanState *state = (ValuesScanState *) ExecMakePlanState(sizeof(ValuesScanState),
                                                                   T_ValuesScanState,
                                                                   (Plan *) node, estate);
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(estate->es_range_table,
                                                    node->scan.scanrelid - 1);
    TupleDesc   desc;
    ListCell   *lc;
    int         r = 0;
    int         ncols = list_length(rte->coltypes);

    (void) eflags;
    desc = CreateTemplateTupleDesc(ncols);
    for (int i = 0; i < ncols; i++)
        TupleDescInitEntry(desc, i + 1, "column", list_nth_oid(rte->coltypes, i),
                           rte->coltypmods ? list_nth_int(rte->coltypmods, i) : -1);
    state->ss.ps.ExecProcNode = exec_valuesscan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, desc);
    state->nrows = list_length(node->values_lists);
    state->exprlists = (ExprState ***) palloc0(sizeof(ExprState **) * (state->nrows + 1));
    foreach(lc, node->values_lists)
    {
        List       *row = (List *) lfirst(lc);
        ListCell   *lc2;
        int         c = 0;

        state->exprlists[r] = (ExprState **) palloc0(sizeof(ExprState *) * (ncols + 1));
        foreach(lc2, row)
            state->exprlists[r][c++] = ExecInitExpr((Node *) lfirst(lc2), &state->ss.ps);
        r++;
    }
    state->rowcxt = MemoryContextCreate(estate->es_query_cxt, "ValuesScan row");
    return state;
}

void
ExecEndValuesScan(ValuesScanState *node)
{
    (void) node;
}

void
ExecReScanValuesScan(ValuesScanState *node)
{
    node->curr_idx = 0;
}
