/*
 * genam.c
 *     Index maintenance helpers shared by the executor and the DDL code:
 *     forming an index entry from a heap row, evaluating a partial-index
 *     predicate, and inserting a new row version into every ready index of
 *     its table.
 * Entry points: FormIndexDatum(), IndexPredicateMatches(),
 * IndexInsertBegin(), IndexInsertRow(), IndexInsertCount(),
 * IndexInsertEnd(), IndexInsertIndexedAttrs(), ExecInsertIndexTuples(),
 * IndexInsertSetArbiters(), IndexInsertFindConflict(),
 * IndexInsertRowSpeculative() (INSERT ... ON CONFLICT).
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "executor/executor.h"
#include "nodes/execnodes.h"
#include "nodes/nodeFuncs.h"
#include "parser/analyze.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Compiled partial-index predicate (IndexInfo.predicate_state). */
typedef struct PredicateState
{
    EState     *estate;
    ExprContext *econtext;
    ExprState  *expr;
    TupleTableSlot *slot;
} PredicateState;

struct IndexInsertState
{
    Relation    heaprel;
    int         nindexes;
    Relation   *indexes;
    IndexInfo **infos;
    MemoryContext mcxt;         /* IndexInsertBegin's context: compiled predicates live here */
    bool       *indexed_attrs;  /* [attno - 1]: used by some index, ready or not */
    bool       *arbiter;        /* [i]: arbiter of INSERT ... ON CONFLICT (IndexInsertSetArbiters) */
};

void
FormIndexDatum(const IndexInfo *info, const Datum *heap_values, const bool *heap_isnull,
               Datum *values, bool *isnull)
{
    for (int i = 0; i < info->natts; i++)
    {
        int         attno = info->attnums[i];

        Assert(attno >= 1);
        values[i] = heap_values[attno - 1];
        isnull[i] = heap_isnull[attno - 1];
    }
}

bool
IndexPredicateMatches(IndexInfo *info, Relation heaprel, const Datum *heap_values,
                      const bool *heap_isnull)
{
    PredicateState *ps = info->predicate_state;
    TupleDesc   hdesc = RelationGetDescr(heaprel);
    bool        isnull;
    Datum       result;

    if (info->predicate == NULL)
        return true;
    if (ps == NULL)
    {
        Node       *expr = AnalyzeExpressionForRelation(info->predicate, heaprel, "index predicate");

        ps = palloc0(sizeof(PredicateState));
        ps->estate = CreateExecutorState();
        ps->econtext = CreateExprContext(ps->estate);
        ps->expr = ExecInitExpr(expr, NULL);
        ps->slot = MakeTupleTableSlot(hdesc);
        info->predicate_state = ps;
    }
    memcpy(ps->slot->values, heap_values, sizeof(Datum) * hdesc->natts);
    memcpy(ps->slot->isnull, heap_isnull, sizeof(bool) * hdesc->natts);
    ExecStoreVirtualTuple(ps->slot);
    ps->econtext->scantuple = ps->slot;
    result = ExecEvalExprSwitchContext(ps->expr, ps->econtext, &isnull);
    ResetExprContext(ps->econtext);
    return !isnull && DatumGetBool(result);
}

/* Mark every column a (analyzed) predicate reads; a whole-row reference marks all. */
typedef struct IndexedAttrsContext
{
    bool       *attrs;
    int         natts;
} IndexedAttrsContext;

static bool
mark_predicate_columns(Node *node, void *context)
{
    IndexedAttrsContext *cxt = context;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        Var        *var = (Var *) node;

        if (var->varlevelsup == 0)
        {
            if (var->varattno == 0)
                memset(cxt->attrs, true, sizeof(bool) * cxt->natts);
            else if (var->varattno > 0 && var->varattno <= cxt->natts)
                cxt->attrs[var->varattno - 1] = true;
        }
        return false;
    }
    return expression_tree_walker(node, mark_predicate_columns, context);
}

/* Flag in attrs (natts entries) every heap column info's index uses. */
static void
mark_index_columns(const IndexInfo *info, Relation heaprel, bool *attrs)
{
    IndexedAttrsContext cxt;

    cxt.natts = RelationGetDescr(heaprel)->natts;
    cxt.attrs = attrs;
    for (int i = 0; i < info->natts; i++)
        if (info->attnums[i] >= 1 && info->attnums[i] <= cxt.natts)
            attrs[info->attnums[i] - 1] = true;
    if (info->predicate != NULL)
        (void) mark_predicate_columns(AnalyzeExpressionForRelation(info->predicate, heaprel,
                                                                   "index predicate"),
                                      &cxt);
}

IndexInsertState *
IndexInsertBegin(Relation heaprel)
{
    IndexInsertState *st = palloc0(sizeof(IndexInsertState));
    List       *oids = RelationGetIndexList(heaprel);
    ListCell   *lc;

    st->heaprel = heaprel;
    st->mcxt = CurrentMemoryContext;
    st->indexes = palloc(sizeof(Relation) * Max(list_length(oids), 1));
    st->infos = palloc(sizeof(IndexInfo *) * Max(list_length(oids), 1));
    st->indexed_attrs = palloc0(sizeof(bool) * Max(RelationGetDescr(heaprel)->natts, 1));
    st->arbiter = palloc0(sizeof(bool) * Max(list_length(oids), 1));
    foreach(lc, oids)
    {
        IndexInfo  *info = IndexInfoFromCatalog(lfirst_oid(lc));

        /* ready or not: a HOT update must not skip a column a concurrent build indexes */
        mark_index_columns(info, heaprel, st->indexed_attrs);

        /* Not ready: a concurrent build that will pick the row up in its validation pass. */
        if (!info->ready)
            continue;
        st->infos[st->nindexes] = info;
        st->indexes[st->nindexes] = index_open(lfirst_oid(lc), RowExclusiveLock);
        st->nindexes++;
    }
    return st;
}

const bool *
IndexInsertIndexedAttrs(const IndexInsertState *state)
{
    return state->indexed_attrs;
}

int
IndexInsertCount(const IndexInsertState *state)
{
    return state->nindexes;
}

void
IndexInsertKeyAttrs(const IndexInsertState *state, bool *attrs, int natts)
{
    for (int i = 0; i < state->nindexes; i++)
    {
        const IndexInfo *info = state->infos[i];

        if (!info->unique || info->predicate != NULL)
            continue;
        for (int k = 0; k < info->nkeyatts; k++)
            if (info->attnums[k] >= 1 && info->attnums[k] <= natts)
                attrs[info->attnums[k] - 1] = true;
    }
}

void
IndexInsertRow(IndexInsertState *state, ItemPointer heap_tid, const Datum *values,
               const bool *isnull)
{
    Datum       ivalues[INDEX_MAX_KEYS];
    bool        inulls[INDEX_MAX_KEYS];

    for (int i = 0; i < state->nindexes; i++)
    {
        IndexInfo  *info = state->infos[i];

        if (info->predicate != NULL)
        {
            /*
             * The predicate is compiled on first use in the current context:
             * make that the state's (statement-long) context, not the caller's
             * per-row one.
             */
            MemoryContext old = MemoryContextSwitchTo(state->mcxt);
            bool        match = IndexPredicateMatches(info, state->heaprel, values, isnull);

            MemoryContextSwitchTo(old);
            if (!match)
                continue;
        }
        FormIndexDatum(info, values, isnull, ivalues, inulls);
        index_insert(state->indexes[i], ivalues, inulls, heap_tid, state->heaprel,
                     info->unique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO);
    }
}

void
IndexInsertEnd(IndexInsertState *state)
{
    for (int i = 0; i < state->nindexes; i++)
        index_close(state->indexes[i], NoLock);
    pfree(state->indexes);
    pfree(state->infos);
    pfree(state->indexed_attrs);
    pfree(state->arbiter);
    pfree(state);
}

void
ExecInsertIndexTuples(Relation heaprel, ItemPointer heap_tid, const Datum *values,
                      const bool *isnull)
{
    IndexInsertState *st = IndexInsertBegin(heaprel);

    IndexInsertRow(st, heap_tid, values, isnull);
    IndexInsertEnd(st);
}


/* ---------- INSERT ... ON CONFLICT ---------- */

void
IndexInsertSetArbiters(IndexInsertState *state, List *arbiters)
{
    for (int i = 0; i < state->nindexes; i++)
    {
        IndexInfo  *info = state->infos[i];

        /* only ready indexes are here: all of them get entries for the row */
        state->arbiter[i] = info->unique &&
            (arbiters == NIL || list_member_oid(arbiters, info->index_relid));
        if (state->arbiter[i] && IndexConstraintDeferrable(info->index_relid))
            ereport(ERROR, errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("ON CONFLICT does not support deferrable unique constraints/exclusion "
                           "constraints as arbiters"));
    }
}

/* Does arbiter index i apply to the row (keys not NULL, partial predicate true)? */
static bool
arbiter_applies(IndexInsertState *state, int i, const Datum *values, const bool *isnull)
{
    IndexInfo  *info = state->infos[i];

    if (!state->arbiter[i])
        return false;
    for (int k = 0; k < info->nkeyatts; k++)
        if (isnull[info->attnums[k] - 1])
            return false;       /* NULLs never conflict */
    if (info->predicate != NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(state->mcxt);
        bool        match = IndexPredicateMatches(info, state->heaprel, values, isnull);

        MemoryContextSwitchTo(old);
        return match;
    }
    return true;
}

/*
 * find_in_index -- look up the row's key in arbiter index i: an entry
 * whose HOT chain has a member that is live or being inserted/deleted
 * (dirty snapshot).  Returns true with *conflict (that member's TID) for
 * a committed one or one of this transaction; with *xwait set instead
 * when the inserter or deleter is another transaction still running.
 */
static bool
find_in_index(IndexInsertState *state, int i, const Datum *values, ItemPointer conflict,
              TransactionId *xwait)
{
    IndexInfo  *info = state->infos[i];
    ScanKeyData keys[INDEX_MAX_KEYS];
    SnapshotData dirty;
    IndexScanDesc scan;
    ItemPointer tid;
    bool        found = false;

    InitDirtySnapshot(dirty);
    for (int k = 0; k < info->nkeyatts; k++)
        ScanKeyInit(&keys[k], k + 1, BTEqualStrategyNumber, values[info->attnums[k] - 1]);
    scan = index_beginscan(state->heaprel, state->indexes[i], &dirty, info->nkeyatts);
    index_rescan(scan, keys, info->nkeyatts);
    while (!found && (tid = index_getnext_tid(scan, ForwardScanDirection)) != NULL)
    {
        HeapTuple   htup;

        if (!heap_hot_search(state->heaprel, &dirty, tid, false, &htup))
            continue;
        if (TransactionIdIsValid(dirty.dirty_xmin) || TransactionIdIsValid(dirty.dirty_xmax))
        {
            TransactionId x = TransactionIdIsValid(dirty.dirty_xmin) ? dirty.dirty_xmin
                : dirty.dirty_xmax;

            if (!TransactionIdIsCurrentTransactionId(x))
                *xwait = x;
        }
        *conflict = htup->t_self;
        heap_freetuple(htup);
        found = true;
    }
    index_endscan(scan);
    return found;
}

bool
IndexInsertFindConflict(IndexInsertState *state, const Datum *values, const bool *isnull,
                        ItemPointer conflict)
{
    for (;;)
    {
        TransactionId xwait = InvalidTransactionId;
        bool        found = false;

        CHECK_FOR_INTERRUPTS();
        for (int i = 0; i < state->nindexes && !found; i++)
        {
            if (!arbiter_applies(state, i, values, isnull))
                continue;
            found = find_in_index(state, i, values, conflict, &xwait);
        }
        if (!TransactionIdIsValid(xwait))
            return found;
        /* a running inserter or deleter decides: wait for it, then look again */
        XactLockTableWait(xwait);
    }
}

bool
IndexInsertRowSpeculative(IndexInsertState *state, ItemPointer heap_tid, const Datum *values,
                          const bool *isnull)
{
    Datum       ivalues[INDEX_MAX_KEYS];
    bool        inulls[INDEX_MAX_KEYS];

    /* arbiters first: on a conflict the tuple dies, the other indexes need no entry */
    for (int pass = 0; pass < 2; pass++)
    {
        for (int i = 0; i < state->nindexes; i++)
        {
            IndexInfo  *info = state->infos[i];
            bool        arbiter = state->arbiter[i];

            if (arbiter != (pass == 0))
                continue;
            if (info->predicate != NULL)
            {
                MemoryContext old = MemoryContextSwitchTo(state->mcxt);
                bool        match = IndexPredicateMatches(info, state->heaprel, values, isnull);

                MemoryContextSwitchTo(old);
                if (!match)
                    continue;
            }
            FormIndexDatum(info, values, isnull, ivalues, inulls);
            if (!index_insert(state->indexes[i], ivalues, inulls, heap_tid, state->heaprel,
                              arbiter ? UNIQUE_CHECK_SPECULATIVE :
                              info->unique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO))
                return false;
        }
    }
    return true;
}
