/*
 * nodeRecursiveunion.c
 *     WITH RECURSIVE evaluation: the non-recursive term's rows seed the
 *     working table; the recursive term is rerun over the working table
 *     until it produces no new rows.  UNION (not ALL) drops rows already
 *     produced, using a hash table of every row seen.
 * Entry points: ExecInitRecursiveUnion(), ExecEndRecursiveUnion(),
 * ExecReScanRecursiveUnion(), ExecRecursiveUnionFromParam().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

RecursiveUnionState *
ExecRecursiveUnionFromParam(EState *estate, int wtParam)
{
    RecursiveUnionState *ru = (RecursiveUnionState *) estate->es_param_exec_vals[wtParam].shared;

    if (ru == NULL)
        elog(ERROR, "WorkTableScan outside its RecursiveUnion");
    return ru;
}

/* true if the row is new (and remembers it) or duplicates are kept */
static bool
row_is_new(RecursiveUnionState *node, TupleTableSlot *slot)
{
    RecursiveUnion *plan = (RecursiveUnion *) node->ps.plan;
    ExecHashTable *ht = node->hashtable;
    Datum      *keyvals;
    bool       *keynulls;
    uint32      h;

    if (plan->numCols == 0)
        return true;
    keyvals = palloc(sizeof(Datum) * plan->numCols);
    keynulls = palloc(sizeof(bool) * plan->numCols);
    for (int i = 0; i < plan->numCols; i++)
    {
        keyvals[i] = slot->values[plan->dupColIdx[i] - 1];
        keynulls[i] = slot->isnull[plan->dupColIdx[i] - 1];
    }
    h = ExecHashValues(ht->keys, ht->nkeys, keyvals, keynulls);
    if (ExecHashTableLookup(ht, keyvals, keynulls, h, NULL) != NULL)
        return false;
    ExecHashTableInsert(ht, slot->values, slot->isnull, slot->natts, slot->desc, h);
    return true;
}

static TupleTableSlot *
exec_recursiveunion(PlanState *ps)
{
    RecursiveUnionState *node = (RecursiveUnionState *) ps;
    ExprContext *econtext = ps->ps_ExprContext;

    for (;;)
    {
        TupleTableSlot *slot;
        MemoryContext old;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        slot = ExecProcNode(node->recursing ? ps->righttree : ps->lefttree);
        if (TupIsNull(slot))
        {
            RowStore   *tmp;

            if (node->intermediate_table->nrows == 0)
                return NULL;
            /* the rows of this iteration become the next working table */
            tmp = node->working_table;
            node->working_table = node->intermediate_table;
            node->intermediate_table = tmp;
            RowStoreClear(node->intermediate_table);
            if (node->recursing)
                ExecReScan(ps->righttree);
            node->recursing = true;
            continue;
        }
        old = MemoryContextSwitchTo(econtext->per_tuple_memory);
        if (!row_is_new(node, slot))
        {
            MemoryContextSwitchTo(old);
            continue;
        }
        MemoryContextSwitchTo(old);
        RowStorePut(node->intermediate_table, slot);
        ExecCopySlot(ps->ps_ResultTupleSlot, slot);
        return ps->ps_ResultTupleSlot;
    }
}

RecursiveUnionState *
ExecInitRecursiveUnion(RecursiveUnion *node, EState *estate, int eflags)
{
    RecursiveUnionState *state = (RecursiveUnionState *) ExecMakePlanState(sizeof(RecursiveUnionState),
                                                                           T_RecursiveUnionState,
                                                                           (Plan *) node, estate);

    state->ps.ExecProcNode = exec_recursiveunion;
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->working_table = RowStoreCreate(estate->es_query_cxt);
    state->intermediate_table = RowStoreCreate(estate->es_query_cxt);
    if (node->numCols > 0)
    {
        SortSupportData *keys = palloc0(sizeof(SortSupportData) * node->numCols);

        for (int i = 0; i < node->numCols; i++)
            ExecSortSupportInit(&keys[i], node->dupColIdx[i] - 1, node->dupTypes[i], false, false);
        state->hashtable = ExecHashTableCreate(estate->es_query_cxt, node->numCols, keys, false);
    }
    /* register before initialising the recursive term: its WorkTableScan looks us up */
    estate->es_param_exec_vals[node->wtParam].shared = state;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    state->ps.righttree = ExecInitNode(node->plan.righttree, estate, eflags);
    return state;
}

void
ExecEndRecursiveUnion(RecursiveUnionState *node)
{
    ExecEndNode(node->ps.lefttree);
    ExecEndNode(node->ps.righttree);
}

void
ExecReScanRecursiveUnion(RecursiveUnionState *node)
{
    node->recursing = false;
    RowStoreClear(node->working_table);
    RowStoreClear(node->intermediate_table);
    if (node->hashtable)
        ExecHashTableReset(node->hashtable);
    ExecReScan(node->ps.lefttree);
    ExecReScan(node->ps.righttree);
}
