/*
 * nodeAgg.c
 *     Aggregation: plain (one row over all input), sorted (input arrives
 *     grouped) and hashed (a hash table of groups).  Supports DISTINCT and
 *     ORDER BY inside aggregates and FILTER (WHERE ...).
 * Entry points: ExecInitAgg(), ExecEndAgg(), ExecReScanAgg().
 *
 * Transitions (execAggTrans.c, shared with WindowAgg): the state of each
 * aggregate of a group lives in the group's memory context (aggcxt, reset
 * per group in sorted mode, holding every group in hashed mode).  DISTINCT / ORDER BY
 * aggregates collect their argument rows per group and feed them, sorted
 * (and deduplicated), when the group is finished.
 * XXX: hashed aggregation keeps all groups in memory (no spill).
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "utils/builtins.h"
#include "utils/elog.h"

typedef struct AggStatePerAgg
{
    Aggref     *aggref;
    AggTrans    trans;
    int         nargs;          /* aggregate arguments (non-junk) */
    int         ncols;          /* all arg entries, junk ORDER BY columns included */
    ExprState **argstates;      /* ncols */
    ExprState  *filter;
    bool        sorted_input;   /* DISTINCT or ORDER BY: collect rows */
    TupleDesc   argdesc;        /* layout of collected rows */
    int         nsortkeys;
    SortSupportData *sortkeys;
} AggStatePerAgg;

typedef struct AggGroup
{
    AggTransState *states;      /* per agg */
    List      **collected;      /* per agg: MinimalRow list (sorted_input aggs) */
    MinimalRow  firstrow;       /* hashed mode: representative input row */
} AggGroup;

static bool
sortop_is_desc(Oid sortop)
{
    const OperInfo *op = OperInfoById(sortop);

    return op != NULL && (strcmp(op->name, ">") == 0 || strcmp(op->name, ">=") == 0);
}

static void
init_peragg(AggState *node, AggStatePerAgg *pa, Aggref *aggref)
{
    ListCell   *lc;
    Oid        *argtypes;
    int         i = 0;

    pa->aggref = aggref;
    pa->ncols = list_length(aggref->args);
    pa->argstates = (ExprState **) palloc0(sizeof(ExprState *) * (pa->ncols + 1));
    pa->argdesc = CreateTemplateTupleDesc(pa->ncols);
    foreach(lc, aggref->args)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        pa->argstates[i] = ExecInitExpr((Node *) tle->expr, &node->ps);
        TupleDescInitEntry(pa->argdesc, i + 1, "arg", exprType((Node *) tle->expr),
                           exprTypmod((Node *) tle->expr));
        if (!tle->resjunk)
            pa->nargs = i + 1;
        i++;
    }
    argtypes = (Oid *) palloc0(sizeof(Oid) * (pa->nargs + 1));
    for (i = 0; i < pa->nargs; i++)
        argtypes[i] = pa->argdesc->attrs[i].atttypid;
    AggTransInit(&pa->trans, aggref->aggfnoid, pa->nargs, argtypes, aggref->aggtype,
                 node->ps.state->es_query_cxt);
    pa->filter = ExecInitExpr(aggref->aggfilter, &node->ps);

    pa->sorted_input = aggref->aggdistinct != NIL || aggref->aggorder != NIL;
    if (pa->sorted_input)
    {
        List       *order = aggref->aggorder;
        int         k = 0;

        pa->sortkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) *
                                                   (list_length(order) + pa->nargs + 1));
        foreach(lc, order)
        {
            SortGroupClause *sgc = (SortGroupClause *) lfirst(lc);
            ListCell   *lc2;
            int         col = 0;

            foreach(lc2, aggref->args)
            {
                TargetEntry *tle = (TargetEntry *) lfirst(lc2);

                if (tle->ressortgroupref == sgc->tleSortGroupRef)
                    break;
                col++;
            }
            if (col >= pa->ncols)
                elog(ERROR, "aggregate ORDER BY column not found in its arguments");
            ExecSortSupportInit(&pa->sortkeys[k++], col, pa->argdesc->attrs[col].atttypid,
                                sortop_is_desc(sgc->sortop), sgc->nulls_first);
        }
        /* the arguments break ties, so that duplicates are adjacent for DISTINCT */
        for (i = 0; i < pa->nargs; i++)
            ExecSortSupportInit(&pa->sortkeys[k++], i, pa->argdesc->attrs[i].atttypid,
                                false, false);
        pa->nsortkeys = k;
    }
}

static AggGroup *
new_group(AggState *node)
{
    int         n = node->numaggs;
    AggGroup   *g = (AggGroup *) MemoryContextAllocZero(node->aggcxt, sizeof(AggGroup));

    g->states = (AggTransState *) MemoryContextAllocZero(node->aggcxt,
                                                         sizeof(AggTransState) * (n + 1));
    g->collected = (List **) MemoryContextAllocZero(node->aggcxt, sizeof(List *) * (n + 1));
    for (int i = 0; i < n; i++)
        AggTransStart(&node->peragg[i].trans, &g->states[i], node->aggcxt);
    return g;
}

/* Apply the transition function of aggregate i to argument values args[0..nargs). */
static void
advance_one(AggState *node, AggGroup *g, int i, const Datum *args, const bool *nulls)
{
    AggTransAdvance(&node->peragg[i].trans, &g->states[i], args, nulls, node->aggcxt);
}

/* Feed the current input row (econtext->outertuple) to every aggregate of g. */
static void
advance_aggregates(AggState *node, AggGroup *g)
{
    ExprContext *econtext = node->ps.ps_ExprContext;
    MemoryContext old = MemoryContextSwitchTo(node->tmpcxt);

    for (int i = 0; i < node->numaggs; i++)
    {
        AggStatePerAgg *pa = &node->peragg[i];
        Datum       vals[FUNC_MAX_ARGS + 8];
        bool        nulls[FUNC_MAX_ARGS + 8];
        Datum      *v = vals;
        bool       *n = nulls;

        if (pa->filter)
        {
            bool        fnull;
            Datum       f = ExecEvalExpr(pa->filter, econtext, &fnull);

            if (fnull || !DatumGetBool(f))
                continue;
        }
        if (pa->ncols > (int) lengthof(vals))
        {
            v = palloc(sizeof(Datum) * pa->ncols);
            n = palloc(sizeof(bool) * pa->ncols);
        }
        for (int a = 0; a < pa->ncols; a++)
            v[a] = ExecEvalExpr(pa->argstates[a], econtext, &n[a]);
        if (pa->sorted_input)
        {
            TupleTableSlot tmp;
            MemoryContext old2;

            memset(&tmp, 0, sizeof(tmp));
            tmp.natts = pa->ncols;
            tmp.desc = pa->argdesc;
            tmp.values = v;
            tmp.isnull = n;
            old2 = MemoryContextSwitchTo(node->aggcxt);
            g->collected[i] = lappend(g->collected[i], ExecCopySlotMinimalRow(&tmp));
            MemoryContextSwitchTo(old2);
        }
        else
            advance_one(node, g, i, v, n);
    }
    MemoryContextSwitchTo(old);
    MemoryContextReset(node->tmpcxt);
}

static const SortSupportData *cmp_keys;
static int  cmp_nkeys;

static int
compare_collected(const ListCell *a, const ListCell *b)
{
    MinimalRow  ra = (MinimalRow) lfirst(a);
    MinimalRow  rb = (MinimalRow) lfirst(b);

    return ExecCompareKeys(cmp_keys, cmp_nkeys, ra->values, MinimalRowIsNull(ra),
                           rb->values, MinimalRowIsNull(rb));
}

/* Feed the collected rows of DISTINCT / ORDER BY aggregates, sorted. */
static void
process_sorted_inputs(AggState *node, AggGroup *g)
{
    for (int i = 0; i < node->numaggs; i++)
    {
        AggStatePerAgg *pa = &node->peragg[i];
        MinimalRow  prev = NULL;
        ListCell   *lc;

        if (!pa->sorted_input || g->collected[i] == NIL)
            continue;
        cmp_keys = pa->sortkeys;
        cmp_nkeys = pa->nsortkeys;
        list_sort(g->collected[i], compare_collected);
        foreach(lc, g->collected[i])
        {
            MinimalRow  row = (MinimalRow) lfirst(lc);

            CHECK_FOR_INTERRUPTS();
            if (pa->aggref->aggdistinct != NIL && prev != NULL)
            {
                SortSupportData *dk = pa->sortkeys + (pa->nsortkeys - pa->nargs);

                if (ExecCompareKeys(dk, pa->nargs, row->values, MinimalRowIsNull(row),
                                    prev->values, MinimalRowIsNull(prev)) == 0)
                    continue;
            }
            prev = row;
            advance_one(node, g, i, row->values, MinimalRowIsNull(row));
        }
    }
}

/* Compute the final values of g into node->aggvalues (per-tuple memory). */
static void
finalize_group(AggState *node, AggGroup *g)
{
    ExprContext *econtext = node->ps.ps_ExprContext;
    MemoryContext old;

    process_sorted_inputs(node, g);
    old = MemoryContextSwitchTo(econtext->per_tuple_memory);
    for (int i = 0; i < node->numaggs; i++)
        AggTransFinal(&node->peragg[i].trans, &g->states[i], node->aggcxt, false,
                      &node->aggvalues[i], &node->aggnulls[i]);
    MemoryContextSwitchTo(old);
}

/* Project the group (HAVING first); NULL if the qual rejects it. */
static TupleTableSlot *
project_group(AggState *node, TupleTableSlot *rep)
{
    ExprContext *econtext = node->ps.ps_ExprContext;

    econtext->outertuple = rep;
    if (!ExecQual(node->ps.qual, econtext))
        return NULL;
    return ExecProject(node->ps.ps_ProjInfo);
}

static bool
same_group(AggState *node, TupleTableSlot *a, TupleTableSlot *b)
{
    return ExecCompareKeys(node->grpkeys, node->numgrp, a->values, a->isnull,
                           b->values, b->isnull) == 0;
}

/* Sorted and plain strategies. */
static TupleTableSlot *
agg_retrieve_direct(AggState *node)
{
    ExprContext *econtext = node->ps.ps_ExprContext;

    while (!node->agg_done)
    {
        AggGroup   *g;
        TupleTableSlot *result;

        ResetExprContext(econtext);
        MemoryContextReset(node->aggcxt);
        ExecClearTuple(node->grp_firstrow);
        if (node->have_next)
        {
            ExecCopySlot(node->grp_firstrow, node->next_row);
            node->have_next = false;
        }
        else if (!node->input_done)
        {
            TupleTableSlot *slot = ExecProcNode(node->ps.lefttree);

            if (TupIsNull(slot))
                node->input_done = true;
            else
                ExecCopySlot(node->grp_firstrow, slot);
        }
        if (TupIsNull(node->grp_firstrow))
        {
            /* no (more) input: a plain aggregate still produces its one row */
            node->agg_done = true;
            if (node->strategy != AGG_PLAIN || node->curgroup != NULL)
                return NULL;
        }
        g = new_group(node);
        node->curgroup = g;
        if (!TupIsNull(node->grp_firstrow))
        {
            econtext->outertuple = node->grp_firstrow;
            advance_aggregates(node, g);
            for (;;)
            {
                TupleTableSlot *slot;

                CHECK_FOR_INTERRUPTS();
                slot = ExecProcNode(node->ps.lefttree);
                if (TupIsNull(slot))
                {
                    node->input_done = true;
                    if (node->strategy == AGG_PLAIN)
                        node->agg_done = true;
                    break;
                }
                if (node->strategy == AGG_SORTED && !same_group(node, node->grp_firstrow, slot))
                {
                    ExecCopySlot(node->next_row, slot);
                    node->have_next = true;
                    break;
                }
                econtext->outertuple = slot;
                advance_aggregates(node, g);
            }
            if (node->input_done && !node->have_next)
                node->agg_done = true;
        }
        finalize_group(node, g);
        result = project_group(node, TupIsNull(node->grp_firstrow) ? NULL : node->grp_firstrow);
        if (result)
            return result;
    }
    return NULL;
}

static void
agg_fill_hash_table(AggState *node)
{
    ExprContext *econtext = node->ps.ps_ExprContext;
    Datum       keyvals[64];
    bool        keynulls[64];
    AggGroup  **groups = NULL;
    int64       maxgroups = 0;

    for (;;)
    {
        TupleTableSlot *slot;
        MinimalRow  row;
        uint32      h;
        AggGroup   *g;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        slot = ExecProcNode(node->ps.lefttree);
        if (TupIsNull(slot))
            break;
        for (int k = 0; k < node->numgrp; k++)
        {
            keyvals[k] = slot->values[node->grpkeys[k].colidx];
            keynulls[k] = slot->isnull[node->grpkeys[k].colidx];
        }
        h = ExecHashValues(node->grpkeys, node->numgrp, keyvals, keynulls);
        row = ExecHashTableLookup(node->hashtable, keyvals, keynulls, h, NULL);
        if (row == NULL)
        {
            row = ExecHashTableInsert(node->hashtable, slot->values, slot->isnull, slot->natts,
                                      slot->desc, h);
            if (node->hashtable->nall > maxgroups)
            {
                MemoryContext old = MemoryContextSwitchTo(node->aggcxt);

                maxgroups = maxgroups ? maxgroups * 2 : 256;
                groups = groups ? repalloc(groups, sizeof(AggGroup *) * maxgroups)
                    : palloc(sizeof(AggGroup *) * maxgroups);
                MemoryContextSwitchTo(old);
            }
            row->flags = (uint32) (node->hashtable->nall - 1);
            g = new_group(node);
            g->firstrow = row;
            groups[row->flags] = g;
        }
        g = groups[row->flags];
        econtext->outertuple = slot;
        advance_aggregates(node, g);
    }
    node->curgroup = (AggGroup *) groups;   /* the array, indexed by entry number */
    node->hash_iter = 0;
    node->input_done = true;
}

static TupleTableSlot *
agg_retrieve_hash(AggState *node)
{
    ExprContext *econtext = node->ps.ps_ExprContext;
    AggGroup  **groups;

    if (!node->input_done)
        agg_fill_hash_table(node);
    groups = (AggGroup **) node->curgroup;
    while (node->hash_iter < node->hashtable->nall)
    {
        AggGroup   *g = groups[node->hash_iter++];
        TupleTableSlot *result;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        finalize_group(node, g);
        ExecStoreMinimalRow(g->firstrow, node->grp_firstrow);
        result = project_group(node, node->grp_firstrow);
        if (result)
            return result;
    }
    return NULL;
}

static TupleTableSlot *
exec_agg(PlanState *ps)
{
    AggState   *node = (AggState *) ps;

    if (node->strategy == AGG_HASHED)
        return agg_retrieve_hash(node);
    return agg_retrieve_direct(node);
}

AggState *
ExecInitAgg(Agg *node, EState *estate, int eflags)
{
    AggState   *state = (AggState *) ExecMakePlanState(sizeof(AggState), T_AggState,
                                                      (Plan *) node, estate);
    TupleDesc   indesc;
    ListCell   *lc;
    int         i = 0;

    state->ps.ExecProcNode = exec_agg;
    state->strategy = node->aggstrategy;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    indesc = ExecTypeFromTL(node->plan.lefttree->targetlist);
    state->grp_firstrow = MakeTupleTableSlot(indesc);
    state->next_row = MakeTupleTableSlot(indesc);
    state->aggcxt = MemoryContextCreate(estate->es_query_cxt, "AggContext");
    state->tmpcxt = MemoryContextCreate(estate->es_query_cxt, "AggInput");

    state->numaggs = list_length(node->aggs);
    state->peragg = (AggStatePerAgg *) palloc0(sizeof(AggStatePerAgg) * (state->numaggs + 1));
    foreach(lc, node->aggs)
    {
        init_peragg(state, &state->peragg[i], (Aggref *) lfirst(lc));
        i++;
    }
    state->aggvalues = (Datum *) palloc0(sizeof(Datum) * (state->numaggs + 1));
    state->aggnulls = (bool *) palloc0(sizeof(bool) * (state->numaggs + 1));
    state->ps.ps_ExprContext->aggvalues = state->aggvalues;
    state->ps.ps_ExprContext->aggnulls = state->aggnulls;

    state->numgrp = node->numCols;
    if (state->numgrp > 64)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("too many grouping columns"));
    state->grpkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (node->numCols + 1));
    for (i = 0; i < node->numCols; i++)
        ExecSortSupportInit(&state->grpkeys[i], node->grpColIdx[i] - 1, node->grpTypes[i],
                            false, false);
    if (state->strategy == AGG_HASHED)
        state->hashtable = ExecHashTableCreate(estate->es_query_cxt, state->numgrp,
                                               state->grpkeys, false);
    ExecInitResultAndProjection(&state->ps, true);
    state->ps.qual = ExecInitExprList(node->plan.qual, &state->ps);
    return state;
}

void
ExecEndAgg(AggState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanAgg(AggState *node)
{
    node->agg_done = false;
    node->input_done = false;
    node->have_next = false;
    node->curgroup = NULL;
    node->hash_iter = 0;
    MemoryContextReset(node->aggcxt);
    if (node->hashtable)
        ExecHashTableReset(node->hashtable);
    ExecReScan(node->ps.lefttree);
}
