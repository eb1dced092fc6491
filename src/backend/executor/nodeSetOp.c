/*
 * nodeSetOp.c
 *     INTERSECT / EXCEPT [ALL], hashed: the input is an Append of both
 *     sides whose rows carry a flag column (0 = left, 1 = right); rows are
 *     counted per distinct value and each group is emitted as many times as
 *     the operation says.
 * Entry points: ExecInitSetOp(), ExecEndSetOp(), ExecReScanSetOp().
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

typedef struct SetOpCounts
{
    int64       numLeft;
    int64       numRight;
} SetOpCounts;

static void
fill_table(SetOpState *node)
{
    SetOp      *plan = (SetOp *) node->ps.plan;
    Datum       keyvals[64];
    bool        keynulls[64];
    SetOpCounts *counts = NULL;
    int64       maxcounts = 0;

    for (;;)
    {
        TupleTableSlot *slot;
        MinimalRow  row;
        uint32      h;
        bool        fnull;
        int32       flag;

        CHECK_FOR_INTERRUPTS();
        slot = ExecProcNode(node->ps.lefttree);
        if (TupIsNull(slot))
            break;
        for (int k = 0; k < node->nkeys; k++)
        {
            keyvals[k] = slot->values[node->keys[k].colidx];
            keynulls[k] = slot->isnull[node->keys[k].colidx];
        }
        fnull = slot->isnull[plan->flagColIdx - 1];
        flag = fnull ? 0 : DatumGetInt32(slot->values[plan->flagColIdx - 1]);
        h = ExecHashValues(node->keys, node->nkeys, keyvals, keynulls);
        row = ExecHashTableLookup(node->hashtable, keyvals, keynulls, h, NULL);
        if (row == NULL)
        {
            row = ExecHashTableInsert(node->hashtable, slot->values, slot->isnull, slot->natts,
                                      slot->desc, h);
            row->flags = (uint32) (node->hashtable->nall - 1);
            if (node->hashtable->nall > maxcounts)
            {
                MemoryContext old = MemoryContextSwitchTo(node->tablecxt);
                int64       newmax = maxcounts ? maxcounts * 2 : 256;

                counts = counts ? repalloc(counts, sizeof(SetOpCounts) * newmax)
                    : palloc(sizeof(SetOpCounts) * newmax);
                memset(counts + maxcounts, 0, sizeof(SetOpCounts) * (newmax - maxcounts));
                maxcounts = newmax;
                MemoryContextSwitchTo(old);
            }
        }
        if (flag == 0)
            counts[row->flags].numLeft++;
        else
            counts[row->flags].numRight++;
    }
    node->curgroup = (MinimalRow) counts;   /* the counts array; see exec_setop */
    node->table_filled = true;
    node->iter = 0;
    node->numOutput = 0;
}

static TupleTableSlot *
exec_setop(PlanState *ps)
{
    SetOpState *node = (SetOpState *) ps;
    SetOp      *plan = (SetOp *) ps->plan;
    SetOpCounts *counts;

    if (!node->table_filled)
        fill_table(node);
    counts = (SetOpCounts *) node->curgroup;
    for (;;)
    {
        if (node->numOutput > 0)
        {
            node->numOutput--;
            return ExecStoreMinimalRow(node->hashtable->all[node->iter - 1],
                                       ps->ps_ResultTupleSlot);
        }
        if (node->iter >= node->hashtable->nall)
            return NULL;
        {
            SetOpCounts *c = &counts[node->iter++];

            switch (plan->cmd)
            {
                case SETOPCMD_INTERSECT:
                    node->numOutput = (c->numLeft > 0 && c->numRight > 0) ? 1 : 0;
                    break;
                case SETOPCMD_INTERSECT_ALL:
                    node->numOutput = Min(c->numLeft, c->numRight);
                    break;
                case SETOPCMD_EXCEPT:
                    node->numOutput = (c->numLeft > 0 && c->numRight == 0) ? 1 : 0;
                    break;
                case SETOPCMD_EXCEPT_ALL:
                    node->numOutput = Max(c->numLeft - c->numRight, 0);
                    break;
            }
        }
    }
}

SetOpState *
ExecInitSetOp(SetOp *node, EState *estate, int eflags)
{
    SetOpState *state = (SetOpState *) ExecMakePlanState(sizeof(SetOpState), T_SetOpState,
                                                         (Plan *) node, estate);

    state->ps.ExecProcNode = exec_setop;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->nkeys = node->numCols;
    if (state->nkeys > 64)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("too many columns in a set operation"));
    state->keys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (node->numCols + 1));
    for (int i = 0; i < node->numCols; i++)
        ExecSortSupportInit(&state->keys[i], node->dupColIdx[i] - 1, node->dupTypes[i],
                            false, false);
    state->tablecxt = MemoryContextCreate(estate->es_query_cxt, "SetOp");
    state->hashtable = ExecHashTableCreate(estate->es_query_cxt, state->nkeys, state->keys,
                                           false);
    return state;
}

void
ExecEndSetOp(SetOpState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanSetOp(SetOpState *node)
{
    node->table_filled = false;
    MemoryContextReset(node->tablecxt);
    ExecHashTableReset(node->hashtable);
    ExecReScan(node->ps.lefttree);
}
