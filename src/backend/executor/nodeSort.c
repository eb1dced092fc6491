/*
 * nodeSort.c
 *     Sort: reads all input rows into memory, sorts them on the key columns
 *     and returns them in order; Unique: drops adjacent duplicates of sorted
 *     input.
 * Entry points: ExecInitSort(), ExecEndSort(), ExecReScanSort(),
 * ExecInitUnique(), ExecEndUnique(), ExecReScanUnique().
 *
 * XXX: the sort is in memory only (no spill to temporary files beyond
 * work_mem yet); memory use is reported by EXPLAIN ANALYZE.  Rows with equal
 * keys keep their input order (merge sort is stable).
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "utils/elog.h"

typedef struct SortCompareArg
{
    const SortSupportData *keys;
    int         nkeys;
} SortCompareArg;

static int
compare_rows(const void *a, const void *b, void *arg)
{
    const SortCompareArg *sa = (const SortCompareArg *) arg;
    MinimalRow  ra = *(MinimalRow const *) a;
    MinimalRow  rb = *(MinimalRow const *) b;

    return ExecCompareKeys(sa->keys, sa->nkeys, ra->values, MinimalRowIsNull(ra),
                           rb->values, MinimalRowIsNull(rb));
}

/*
 * merge_sort -- stable merge sort of rows[0..n) using tmp (n entries) as
 * scratch.  Chosen over qsort() because the comparator needs an argument
 * and may raise ERROR (which must not leave the C library mid-sort).
 */
static void
merge_sort(MinimalRow *rows, MinimalRow *tmp, int64 n, const SortCompareArg *arg)
{
    int64       mid;
    int64       i;
    int64       j;
    int64       k;

    if (n < 2)
        return;
    if (n <= 8)
    {
        for (i = 1; i < n; i++)
        {
            MinimalRow  r = rows[i];

            for (j = i; j > 0 && compare_rows(&rows[j - 1], &r, (void *) arg) > 0; j--)
                rows[j] = rows[j - 1];
            rows[j] = r;
        }
        return;
    }
    mid = n / 2;
    merge_sort(rows, tmp, mid, arg);
    merge_sort(rows + mid, tmp, n - mid, arg);
    if (compare_rows(&rows[mid - 1], &rows[mid], (void *) arg) <= 0)
        return;
    memcpy(tmp, rows, sizeof(MinimalRow) * mid);
    i = 0;
    j = mid;
    k = 0;
    while (i < mid && j < n)
    {
        if (compare_rows(&rows[j], &tmp[i], (void *) arg) < 0)
            rows[k++] = rows[j++];
        else
            rows[k++] = tmp[i++];
    }
    while (i < mid)
        rows[k++] = tmp[i++];
}

static void
do_sort(SortState *node)
{
    PlanState  *outer = node->ps.lefttree;
    int64       maxrows = 1024;
    MemoryContext old = MemoryContextSwitchTo(node->sortcxt);
    SortCompareArg arg;

    node->rows = (MinimalRow *) palloc(sizeof(MinimalRow) * maxrows);
    node->nrows = 0;
    for (;;)
    {
        TupleTableSlot *slot;

        CHECK_FOR_INTERRUPTS();
        MemoryContextSwitchTo(old);
        slot = ExecProcNode(outer);
        MemoryContextSwitchTo(node->sortcxt);
        if (TupIsNull(slot))
            break;
        if (node->nrows >= maxrows)
        {
            maxrows *= 2;
            if ((Size) maxrows * sizeof(MinimalRow) > MaxAllocSize)
                ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("too many rows to sort in memory"));
            node->rows = (MinimalRow *) repalloc(node->rows, sizeof(MinimalRow) * maxrows);
        }
        node->rows[node->nrows++] = ExecCopySlotMinimalRow(slot);
    }
    arg.keys = node->keys;
    arg.nkeys = node->nkeys;
    if (node->nrows > 1)
        merge_sort(node->rows, (MinimalRow *) palloc(sizeof(MinimalRow) * (node->nrows / 2 + 1)),
                   node->nrows, &arg);
    node->space_used = MemoryContextMemAllocated(node->sortcxt, true);
    node->sort_method = "quicksort";   /* PostgreSQL's name for an in-memory sort */
    MemoryContextSwitchTo(old);
    node->sorted = true;
    node->readpos = 0;
}

static TupleTableSlot *
exec_sort(PlanState *ps)
{
    SortState  *node = (SortState *) ps;

    if (!node->sorted)
        do_sort(node);
    if (node->readpos >= node->nrows)
        return ExecClearTuple(ps->ps_ResultTupleSlot);
    return ExecStoreMinimalRow(node->rows[node->readpos++], ps->ps_ResultTupleSlot);
}

static SortSupportData *
make_keys(int n, const int *cols, const Oid *types, const bool *desc, const bool *nullsfirst)
{
    SortSupportData *keys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (n + 1));

    for (int i = 0; i < n; i++)
        ExecSortSupportInit(&keys[i], cols[i] - 1, types[i], desc ? desc[i] : false,
                            nullsfirst ? nullsfirst[i] : false);
    return keys;
}

SortState *
ExecInitSort(Sort *node, EState *estate, int eflags)
{
    SortState  *state = (SortState *) ExecMakePlanState(sizeof(SortState), T_SortState,
                                                       (Plan *) node, estate);

    state->ps.ExecProcNode = exec_sort;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->nkeys = node->numCols;
    state->keys = make_keys(node->numCols, node->sortColIdx, node->sortTypes, node->sortDesc,
                            node->nullsFirst);
    state->sortcxt = MemoryContextCreate(estate->es_query_cxt, "Sort");
    return state;
}

void
ExecEndSort(SortState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanSort(SortState *node)
{
    MemoryContextReset(node->sortcxt);
    node->sorted = false;
    node->rows = NULL;
    node->nrows = 0;
    ExecReScan(node->ps.lefttree);
}

/* ---------------- Unique ---------------- */

static TupleTableSlot *
exec_unique(PlanState *ps)
{
    UniqueState *node = (UniqueState *) ps;

    for (;;)
    {
        TupleTableSlot *slot = ExecProcNode(ps->lefttree);

        if (TupIsNull(slot))
            return NULL;
        if (!TupIsNull(node->lastslot) &&
            ExecCompareKeys(node->keys, node->nkeys, slot->values, slot->isnull,
                            node->lastslot->values, node->lastslot->isnull) == 0)
            continue;
        ExecCopySlot(node->lastslot, slot);
        return node->lastslot;
    }
}

UniqueState *
ExecInitUnique(Unique *node, EState *estate, int eflags)
{
    UniqueState *state = (UniqueState *) ExecMakePlanState(sizeof(UniqueState), T_UniqueState,
                                                           (Plan *) node, estate);

    state->ps.ExecProcNode = exec_unique;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->lastslot = MakeTupleTableSlot(state->ps.ps_ResultTupleDesc);
    state->nkeys = node->numCols;
    state->keys = make_keys(node->numCols, node->uniqColIdx, node->uniqTypes, NULL, NULL);
    return state;
}

void
ExecEndUnique(UniqueState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanUnique(UniqueState *node)
{
    ExecClearTuple(node->lastslot);
    ExecReScan(node->ps.lefttree);
}
