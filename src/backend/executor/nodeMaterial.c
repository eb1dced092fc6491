/*
 * nodeMaterial.c
 *     Material: remembers its input's rows so that rescans (the inner side
 *     of a nested loop) replay them without rerunning the input.
 * Entry points: ExecInitMaterial(), ExecEndMaterial(), ExecReScanMaterial(),
 * ExecMaterialRewind().
 *
 * ExecReScan() means "parameters may have changed": the store is dropped and
 * the input rerun.  A nested loop that only wants the same rows again calls
 * ExecMaterialRewind() instead.
 */
#include "rustydb.h"

#include "executor_int.h"

static TupleTableSlot *
exec_material(PlanState *ps)
{
    MaterialState *node = (MaterialState *) ps;
    TupleTableSlot *out = ps->ps_ResultTupleSlot;

    if (node->readpos < node->store->nrows)
    {
        RowStoreGet(node->store, node->readpos++, out);
        return out;
    }
    if (!node->eof_underlying)
    {
        TupleTableSlot *slot = ExecProcNode(ps->lefttree);

        if (!TupIsNull(slot))
        {
            RowStorePut(node->store, slot);
            RowStoreGet(node->store, node->readpos++, out);
            return out;
        }
        node->eof_underlying = true;
    }
    return NULL;
}

MaterialState *
ExecInitMaterial(Material *node, EState *estate, int eflags)
{
    MaterialState *state = (MaterialState *) ExecMakePlanState(sizeof(MaterialState),
                                                               T_MaterialState, (Plan *) node,
                                                               estate);

    state->ps.ExecProcNode = exec_material;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->store = RowStoreCreate(estate->es_query_cxt);
    return state;
}

void
ExecEndMaterial(MaterialState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanMaterial(MaterialState *node)
{
    RowStoreClear(node->store);
    node->readpos = 0;
    node->eof_underlying = false;
    ExecReScan(node->ps.lefttree);
}

/* ExecMaterialRewind -- replay the same rows from the start. */
void
ExecMaterialRewind(MaterialState *node)
{
    node->readpos = 0;
}
