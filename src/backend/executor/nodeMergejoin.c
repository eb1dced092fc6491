/*
 * nodeMergejoin.c
 *     Merge join: both inputs arrive sorted ascending, NULLs last, on the
 *     merge keys (a Sort below, or an index scan in key order).  Inner,
 *     left, right and full joins.
 * Entry points: ExecInitMergeJoin(), ExecEndMergeJoin(), ExecReScanMergeJoin().
 *
 * The inner rows of one key value (a "group") are copied into a row store;
 * the inner input's first row after the group waits in its child's slot
 * (innerahead: valid until the inner child is asked for its next row, which
 * happens only when the group is replaced).  For each outer row:
 *   - key below the group's: no inner row can match it;
 *   - key equal: the group is replayed for it (duplicates on the outer side
 *     replay the same group; the join condition and the Join Filter decide
 *     the matches, and matched group rows are flagged for RIGHT/FULL);
 *   - key above: the group is finished (its unmatched rows emitted for
 *     RIGHT/FULL), inner rows below the outer key are passed over (emitted
 *     NULL-extended for RIGHT/FULL) and the next group is loaded if an inner
 *     row has the outer key.
 * A row with a NULL in any key never matches (SQL equality): it is emitted
 * NULL-extended at once for the preserving join types and skipped
 * otherwise, wherever it appears in the input.  When the outer input ends,
 * the remaining inner rows are emitted for RIGHT/FULL.
 * XXX: the group is in memory (a huge run of equal inner keys is held in
 * full; no spill to disk beyond work_mem).
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "utils/elog.h"

/* MergeJoinState.state */
#define MJ_INIT 0               /* read the first inner row, then NEXTOUTER */
#define MJ_NEXTOUTER 1          /* fetch the next outer row */
#define MJ_TESTOUTER 2          /* place the current outer row against the group */
#define MJ_JOINGROUP 3          /* replaying the group for the current outer row */
#define MJ_ENDOUTER 4           /* outer row done: NULL-extend it if unmatched */
#define MJ_FLUSHGROUP 5         /* emitting the group's unmatched rows, then ADVANCEINNER */
#define MJ_ADVANCEINNER 6       /* pass inner rows below the outer key, load the next group */
#define MJ_FLUSHREST 7          /* outer input ended: unmatched group rows, then the rest */
#define MJ_DONE 8

static bool
fills_outer(JoinType jt)
{
    return jt == JOIN_LEFT || jt == JOIN_FULL;
}

static bool
fills_inner(JoinType jt)
{
    return jt == JOIN_RIGHT || jt == JOIN_FULL;
}

/* Copy slot's key columns into vals/nulls; true if any is NULL. */
static bool
slot_keys(MergeJoinState *node, TupleTableSlot *slot, const int *cols, Datum *vals, bool *nulls)
{
    bool        anynull = false;

    for (int k = 0; k < node->nkeys; k++)
    {
        vals[k] = slot->values[cols[k]];
        nulls[k] = slot->isnull[cols[k]];
        if (nulls[k])
            anynull = true;
    }
    return anynull;
}

static int64
integer_value(Datum d, Oid type)
{
    return type == INT2OID ? DatumGetInt16(d) : type == INT4OID ? DatumGetInt32(d) :
        DatumGetInt64(d);
}

/*
 * Compare the current outer row's keys with inner row slot's (NULLs last).
 * Keys of two integer types are compared by value; others with the type's
 * comparison function.
 */
static int
compare_outer_inner(MergeJoinState *node, TupleTableSlot *inner)
{
    slot_keys(node, node->outerslot, node->outercols, node->keyvals1, node->keynulls1);
    slot_keys(node, inner, node->innercols, node->keyvals2, node->keynulls2);
    if (!node->crosstype)
        return ExecCompareKeys(node->cmpkeys, node->nkeys, node->keyvals1, node->keynulls1,
                               node->keyvals2, node->keynulls2);
    for (int k = 0; k < node->nkeys; k++)
    {
        int         c;

        if (node->keynulls1[k] || node->keynulls2[k])
        {
            if (node->keynulls1[k] && node->keynulls2[k])
                continue;
            return node->keynulls1[k] ? 1 : -1;
        }
        if (node->outertypes[k] == node->innertypes[k])
            c = ExecCompareKeys(&node->cmpkeys[k], 1, node->keyvals1, node->keynulls1,
                                node->keyvals2, node->keynulls2);
        else
        {
            int64       a = integer_value(node->keyvals1[k], node->outertypes[k]);
            int64       b = integer_value(node->keyvals2[k], node->innertypes[k]);

            c = a < b ? -1 : a > b ? 1 : 0;
        }
        if (c != 0)
            return c;
    }
    return 0;
}

/* Project the current outer/inner pair if it passes the node's qual. */
static TupleTableSlot *
emit(MergeJoinState *node, TupleTableSlot *outer, TupleTableSlot *inner)
{
    PlanState  *ps = &node->js.ps;
    ExprContext *econtext = ps->ps_ExprContext;

    econtext->outertuple = outer;
    econtext->innertuple = inner;
    if (!ExecQual(ps->qual, econtext))
        return NULL;
    return ExecProject(ps->ps_ProjInfo);
}

/*
 * Fetch the next inner row whose keys are not NULL into innerahead (NULL at
 * the end).  Rows with a NULL key are returned through *nullrow for the
 * caller to emit (RIGHT/FULL) -- one per call; the caller calls again.
 */
static bool
fetch_inner(MergeJoinState *node, TupleTableSlot **nullrow)
{
    TupleTableSlot *slot;

    *nullrow = NULL;
    if (node->innerDone)
    {
        node->innerahead = NULL;
        return true;
    }
    slot = ExecProcNode(innerPlanState(node));
    if (TupIsNull(slot))
    {
        node->innerDone = true;
        node->innerahead = NULL;
        return true;
    }
    if (slot_keys(node, slot, node->innercols, node->keyvals2, node->keynulls2))
    {
        node->innerahead = NULL;
        *nullrow = slot;
        return false;
    }
    node->innerahead = slot;
    return true;
}

/* Make innerahead the first row of a new group and read the group's other rows. */
static TupleTableSlot *
load_group(MergeJoinState *node, bool *complete)
{
    TupleTableSlot *nullrow;

    if (node->ngroup == 0)
    {
        RowStoreClear(node->group);
        RowStorePut(node->group, node->innerahead);
        node->ngroup = 1;
    }
    *complete = false;
    for (;;)
    {
        int         cmp;

        CHECK_FOR_INTERRUPTS();
        if (!fetch_inner(node, &nullrow))
            return nullrow;     /* a NULL-key inner row to emit first; call again */
        if (node->innerahead == NULL)
            break;
        RowStoreGet(node->group, 0, node->groupkeyslot);
        slot_keys(node, node->groupkeyslot, node->innercols, node->keyvals1, node->keynulls1);
        slot_keys(node, node->innerahead, node->innercols, node->keyvals2, node->keynulls2);
        cmp = ExecCompareKeys(node->innercmpkeys, node->nkeys, node->keyvals1, node->keynulls1,
                              node->keyvals2, node->keynulls2);
        if (cmp > 0)
            ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("mergejoin input data is out of order"));
        if (cmp != 0)
            break;
        RowStorePut(node->group, node->innerahead);
        node->ngroup++;
    }
    if (node->ngroup > node->groupmatched_size)
    {
        int64       n = Max(node->ngroup, node->groupmatched_size * 2);

        node->groupmatched = node->groupmatched ?
            repalloc(node->groupmatched, sizeof(bool) * n) :
            MemoryContextAlloc(node->js.ps.state->es_query_cxt, sizeof(bool) * n);
        node->groupmatched_size = n;
    }
    memset(node->groupmatched, 0, sizeof(bool) * node->ngroup);
    RowStoreGet(node->group, 0, node->groupkeyslot);
    *complete = true;
    return NULL;
}

static TupleTableSlot *
exec_mergejoin(PlanState *ps)
{
    MergeJoinState *node = (MergeJoinState *) ps;
    ExprContext *econtext = ps->ps_ExprContext;
    JoinType    jt = node->js.jointype;
    TupleTableSlot *result;
    TupleTableSlot *nullrow;

    for (;;)
    {
        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        switch (node->state)
        {
            case MJ_INIT:
                if (!fetch_inner(node, &nullrow))
                {
                    if (fills_inner(jt) && (result = emit(node, node->js.nullouter, nullrow)))
                        return result;
                    break;
                }
                node->state = MJ_NEXTOUTER;
                break;

            case MJ_NEXTOUTER:
                {
                    TupleTableSlot *outer = ExecProcNode(outerPlanState(node));

                    if (TupIsNull(outer))
                    {
                        node->outerslot = NULL;
                        node->grouppos = 0;
                        node->state = MJ_FLUSHREST;
                        break;
                    }
                    node->outerslot = outer;
                    node->matchedOuter = false;
                    if (slot_keys(node, outer, node->outercols, node->keyvals1, node->keynulls1))
                    {
                        node->state = MJ_ENDOUTER;  /* can never match */
                        break;
                    }
                    node->state = MJ_TESTOUTER;
                    break;
                }

            case MJ_TESTOUTER:
                {
                    int         cmp;

                    if (node->ngroup > 0)
                    {
                        cmp = compare_outer_inner(node, node->groupkeyslot);
                        if (cmp == 0)
                        {
                            node->grouppos = 0;
                            node->state = MJ_JOINGROUP;
                            break;
                        }
                        if (cmp < 0)
                        {
                            node->state = MJ_ENDOUTER;
                            break;
                        }
                        /* past the group: finish it */
                        node->grouppos = 0;
                        node->state = MJ_FLUSHGROUP;
                        break;
                    }
                    node->state = MJ_ADVANCEINNER;
                    break;
                }

            case MJ_JOINGROUP:
                if (node->grouppos >= node->ngroup)
                {
                    node->state = MJ_ENDOUTER;
                    break;
                }
                RowStoreGet(node->group, node->grouppos, node->groupslot);
                econtext->outertuple = node->outerslot;
                econtext->innertuple = node->groupslot;
                if (!ExecQual(node->js.joinqual, econtext))
                {
                    node->grouppos++;
                    break;
                }
                node->matchedOuter = true;
                node->groupmatched[node->grouppos] = true;
                node->grouppos++;
                if ((result = emit(node, node->outerslot, node->groupslot)) != NULL)
                    return result;
                break;

            case MJ_ENDOUTER:
                node->state = MJ_NEXTOUTER;
                if (!node->matchedOuter && fills_outer(jt) &&
                    (result = emit(node, node->outerslot, node->js.nullinner)) != NULL)
                    return result;
                break;

            case MJ_FLUSHGROUP:
            case MJ_FLUSHREST:
                if (node->grouppos < node->ngroup)
                {
                    int64       pos = node->grouppos++;

                    if (!fills_inner(jt) || node->groupmatched[pos])
                        break;
                    RowStoreGet(node->group, pos, node->groupslot);
                    if ((result = emit(node, node->js.nullouter, node->groupslot)) != NULL)
                        return result;
                    break;
                }
                node->ngroup = 0;
                if (node->state == MJ_FLUSHGROUP)
                {
                    node->state = MJ_ADVANCEINNER;
                    break;
                }
                /* outer input ended: the rest of the inner input is unmatched */
                if (!fills_inner(jt))
                {
                    node->state = MJ_DONE;
                    break;
                }
                if (node->innerahead != NULL)
                {
                    TupleTableSlot *row = node->innerahead;

                    node->innerahead = NULL;
                    if ((result = emit(node, node->js.nullouter, row)) != NULL)
                        return result;
                    break;
                }
                if (node->innerDone)
                {
                    node->state = MJ_DONE;
                    break;
                }
                if (!fetch_inner(node, &nullrow))
                {
                    if ((result = emit(node, node->js.nullouter, nullrow)) != NULL)
                        return result;
                }
                break;

            case MJ_ADVANCEINNER:
                {
                    int         cmp;
                    bool        complete;

                    if (node->ngroup > 0)
                    {
                        /* loading a group was interrupted by a NULL-key row */
                        nullrow = load_group(node, &complete);
                        if (!complete)
                        {
                            if (fills_inner(jt) &&
                                (result = emit(node, node->js.nullouter, nullrow)) != NULL)
                                return result;
                            break;
                        }
                        node->state = MJ_TESTOUTER;
                        break;
                    }
                    if (node->innerahead == NULL)
                    {
                        if (!node->innerDone && !fetch_inner(node, &nullrow))
                        {
                            if (fills_inner(jt) &&
                                (result = emit(node, node->js.nullouter, nullrow)) != NULL)
                                return result;
                            break;
                        }
                        if (node->innerahead == NULL)
                        {
                            /* inner input exhausted: no more matches */
                            node->state = MJ_ENDOUTER;
                            break;
                        }
                    }
                    cmp = compare_outer_inner(node, node->innerahead);
                    if (cmp > 0)
                    {
                        /* inner row below every remaining outer key */
                        TupleTableSlot *row = node->innerahead;

                        if (fills_inner(jt) &&
                            (result = emit(node, node->js.nullouter, row)) != NULL)
                        {
                            node->innerahead = NULL;
                            return result;
                        }
                        node->innerahead = NULL;
                        break;
                    }
                    if (cmp < 0)
                    {
                        node->state = MJ_ENDOUTER;
                        break;
                    }
                    nullrow = load_group(node, &complete);
                    if (!complete)
                    {
                        if (fills_inner(jt) &&
                            (result = emit(node, node->js.nullouter, nullrow)) != NULL)
                            return result;
                        break;
                    }
                    node->state = MJ_TESTOUTER;
                    break;
                }

            case MJ_DONE:
            default:
                return NULL;
        }
    }
}

static int
key_column(Node *key, int varno)
{
    if (!IsA(key, Var) || ((Var *) key)->varno != varno || ((Var *) key)->varattno <= 0)
        elog(ERROR, "merge join key is not a column of its input");
    return ((Var *) key)->varattno - 1;
}

MergeJoinState *
ExecInitMergeJoin(MergeJoin *node, EState *estate, int eflags)
{
    MergeJoinState *state = (MergeJoinState *) ExecMakePlanState(sizeof(MergeJoinState),
                                                                 T_MergeJoinState,
                                                                 (Plan *) node, estate);
    TupleDesc   innerdesc;
    TupleDesc   outerdesc;
    ListCell   *lc;
    int         k;

    state->js.ps.ExecProcNode = exec_mergejoin;
    state->js.jointype = node->join.jointype;
    if (state->js.jointype != JOIN_INNER && state->js.jointype != JOIN_LEFT &&
        state->js.jointype != JOIN_RIGHT && state->js.jointype != JOIN_FULL)
        elog(ERROR, "unsupported merge join type %d", (int) state->js.jointype);
    state->js.ps.lefttree = ExecInitNode(node->join.plan.lefttree, estate, eflags);
    state->js.ps.righttree = ExecInitNode(node->join.plan.righttree, estate, eflags);
    ExecAssignExprContext(&state->js.ps);
    ExecInitResultAndProjection(&state->js.ps, true);
    state->js.ps.qual = ExecInitExprList(node->join.plan.qual, &state->js.ps);
    state->js.joinqual = ExecInitExprList(node->join.joinqual, &state->js.ps);

    innerdesc = ExecTypeFromTL(node->join.plan.righttree->targetlist);
    outerdesc = ExecTypeFromTL(node->join.plan.lefttree->targetlist);
    state->nkeys = list_length(node->mergetypes);
    if (state->nkeys < 1)
        elog(ERROR, "merge join without merge clauses");
    state->outercols = (int *) palloc(sizeof(int) * state->nkeys);
    state->innercols = (int *) palloc(sizeof(int) * state->nkeys);
    state->cmpkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) * state->nkeys);
    state->innercmpkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) * state->nkeys);
    state->outertypes = (Oid *) palloc(sizeof(Oid) * state->nkeys);
    state->innertypes = (Oid *) palloc(sizeof(Oid) * state->nkeys);
    k = 0;
    foreach(lc, node->mergetypes)
    {
        Oid         otype = lfirst_oid(lc);
        Oid         itype = list_nth_oid(node->mergeinnertypes, k);

        state->outercols[k] = key_column((Node *) list_nth(node->mergekeys_outer, k), OUTER_VAR);
        state->innercols[k] = key_column((Node *) list_nth(node->mergekeys_inner, k), INNER_VAR);
        state->outertypes[k] = otype;
        state->innertypes[k] = itype;
        if (otype != itype)
        {
            if ((otype != INT2OID && otype != INT4OID && otype != INT8OID) ||
                (itype != INT2OID && itype != INT4OID && itype != INT8OID))
                elog(ERROR, "merge join keys of types %u and %u are not comparable", otype, itype);
            state->crosstype = true;
        }
        ExecSortSupportInit(&state->cmpkeys[k], k, otype, false, false);
        ExecSortSupportInit(&state->innercmpkeys[k], k, itype, false, false);
        k++;
    }
    state->keyvals1 = (Datum *) palloc(sizeof(Datum) * state->nkeys);
    state->keynulls1 = (bool *) palloc(sizeof(bool) * state->nkeys);
    state->keyvals2 = (Datum *) palloc(sizeof(Datum) * state->nkeys);
    state->keynulls2 = (bool *) palloc(sizeof(bool) * state->nkeys);
    state->group = RowStoreCreate(estate->es_query_cxt);
    state->groupslot = MakeTupleTableSlot(innerdesc);
    state->groupkeyslot = MakeTupleTableSlot(innerdesc);
    state->js.nullinner = ExecInitNullTupleSlot(innerdesc);
    state->js.nullouter = ExecInitNullTupleSlot(outerdesc);
    state->state = MJ_INIT;
    return state;
}

void
ExecEndMergeJoin(MergeJoinState *node)
{
    ExecEndNode(node->js.ps.lefttree);
    ExecEndNode(node->js.ps.righttree);
}

void
ExecReScanMergeJoin(MergeJoinState *node)
{
    RowStoreClear(node->group);
    node->ngroup = 0;
    node->grouppos = 0;
    node->innerahead = NULL;
    node->innerDone = false;
    node->outerslot = NULL;
    node->matchedOuter = false;
    node->state = MJ_INIT;
    ExecReScan(node->js.ps.lefttree);
    ExecReScan(node->js.ps.righttree);
}
