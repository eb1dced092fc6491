/*
 * nodeFunctionscan.c
 *     A function in FROM: generate_series(1, 10), unnest(...), or a scalar
 *     function (one row).  The function's rows are computed on first fetch
 *     into a row store, so rescans without parameter changes are cheap and
 *     the per-row memory of the caller can be reset freely.
 * Entry points: ExecInitFunctionScan(), ExecEndFunctionScan(),
 * ExecReScanFunctionScan().
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

static void
fill_store(FunctionScanState *node)
{
    ScanState  *ss = &node->ss;
    ExprContext *econtext = ss->ps.ps_ExprContext;
    FunctionScan *plan = (FunctionScan *) ss->ps.plan;
    TupleTableSlot *slot = ss->ss_ScanTupleSlot;
    MemoryContext tmp = MemoryContextCreate(ss->ps.state->es_query_cxt, "FunctionScan call");
    SrfCallState *srf = SrfCallInit(node->funcexpr, tmp);
    int64       ordinal = 0;

    SrfCallStart(srf, econtext);
    for (;;)
    {
        Datum       v;
        bool        isnull;
        MemoryContext old;

        CHECK_FOR_INTERRUPTS();
        ExecClearTuple(slot);
        if (SrfCallIsSet(srf))
        {
            old = MemoryContextSwitchTo(econtext->per_tuple_memory);
            if (!SrfCallNext(srf, &v, &isnull))
            {
                MemoryContextSwitchTo(old);
                break;
            }
            MemoryContextSwitchTo(old);
        }
        else
        {
            if (ordinal > 0)
                break;
            v = ExecEvalExprSwitchContext(node->funcexpr, econtext, &isnull);
        }
        slot->values[0] = v;
        slot->isnull[0] = isnull;
        ordinal++;
        if (plan->funcordinality)
        {
            slot->values[1] = Int64GetDatum(ordinal);
            slot->isnull[1] = false;
        }
        ExecStoreVirtualTuple(slot);
        RowStorePut(node->store, slot);
        ResetExprContext(econtext);
    }
    MemoryContextDelete(tmp);
    node->store->eof_reached = true;
}

static TupleTableSlot *
function_next(ScanState *ss)
{
    FunctionScanState *node = (FunctionScanState *) ss;

    if (!node->store->eof_reached)
        fill_store(node);
    if (!RowStoreGet(node->store, node->readpos, ss->ss_ScanTupleSlot))
        return NULL;
    node->readpos++;
    return ss->ss_ScanTupleSlot;
}

static TupleTableSlot *
exec_functionscan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, function_next);
}

FunctionScanState *
ExecInitFunctionScan(FunctionScan *node, EState *estate, int eflags)
{
    FunctionScanState *state;
    RangeTblFunction *rtf;
    TupleDesc   desc;
    int         ncols;

    (void) eflags;
    if (list_length(node->functions) != 1)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("ROWS FROM with more than one function is not supported yet"));
    rtf = (RangeTblFunction *) linitial(node->functions);
    if (rtf->funccolcount != 1)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("functions returning records are not supported in FROM yet"));
    state = (FunctionScanState *) ExecMakePlanState(sizeof(FunctionScanState),
                                                    T_FunctionScanState, (Plan *) node,
                                                    estate);
    ncols = 1 + (node->funcordinality ? 1 : 0);
    desc = CreateTemplateTupleDesc(ncols);
    TupleDescInitEntry(desc, 1, "f", linitial_oid(rtf->funccoltypes),
                       rtf->funccoltypmods ? linitial_int(rtf->funccoltypmods) : -1);
    if (node->funcordinality)
        TupleDescInitEntry(desc, 2, "ordinality", INT8OID, -1);
    state->ss.ps.ExecProcNode = exec_functionscan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, desc);
    state->funcexpr = ExecInitExpr(rtf->funcexpr, &state->ss.ps);
    state->store = RowStoreCreate(estate->es_query_cxt);
    return state;
}

void
ExecEndFunctionScan(FunctionScanState *node)
{
    (void) node;
}

void
ExecReScanFunctionScan(FunctionScanState *node)
{
    /* the arguments may depend on parameters that changed: recompute */
    RowStoreClear(node->store);
    node->readpos = 0;
}
