/*
 * nodeHashjoin.c
 *     Hash join: build an in-memory hash table over the inner input (the
 *     Hash node's rows), then probe it with each outer row.  All join types:
 *     inner, left, right, full, semi, anti.  Rows with a NULL key never
 *     match (SQL equality); for right/full joins the inner rows never
 *     matched are emitted NULL-extended after the outer side ends.
 * Entry points: ExecInitHashJoin(), ExecEndHashJoin(), ExecReScanHashJoin(),
 * and the Hash node (a pass-through that marks the inner input).
 *
 * Stored rows are the inner row followed by its key values, so that keys
 * computed by expressions are compared without recomputation.
 * XXX: the table is in memory only (no batching to disk beyond work_mem).
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "utils/elog.h"

#define HJ_MATCHED 0x1

typedef struct HashJoinPriv
{
    int         ninner;         /* inner row columns */
    int         nkeys;
    SortSupportData *keys;      /* colidx = ninner + k */
    TupleDesc   storedesc;      /* inner columns + key columns */
} HashJoinPriv;

static HashJoinPriv *
priv(HashJoinState *node)
{
    return (HashJoinPriv *) node->priv;
}

static bool
eval_keys(List *keystates, ExprContext *econtext, Datum *vals, bool *nulls)
{
    ListCell   *lc;
    int         k = 0;
    bool        anynull = false;
    MemoryContext old = MemoryContextSwitchTo(econtext->per_tuple_memory);

    foreach(lc, keystates)
    {
        vals[k] = ExecEvalExpr((ExprState *) lfirst(lc), econtext, &nulls[k]);
        if (nulls[k])
            anynull = true;
        k++;
    }
    MemoryContextSwitchTo(old);
    return anynull;
}

static void
build_table(HashJoinState *node)
{
    HashJoinPriv *hp = priv(node);
    ExprContext *econtext = node->js.ps.ps_ExprContext;
    PlanState  *hashnode = innerPlanState(node);
    JoinType    jt = node->js.jointype;
    int         n = hp->ninner + hp->nkeys;
    Datum      *vals = palloc(sizeof(Datum) * (n + 1));
    bool       *nulls = palloc(sizeof(bool) * (n + 1));

    node->hashtable = ExecHashTableCreate(node->hashcxt, hp->nkeys, hp->keys,
                                          jt == JOIN_RIGHT || jt == JOIN_FULL);
    for (;;)
    {
        TupleTableSlot *slot;
        bool        anynull;
        uint32      h;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        slot = ExecProcNode(hashnode);
        if (TupIsNull(slot))
            break;
        econtext->innertuple = slot;
        memcpy(vals, slot->values, sizeof(Datum) * hp->ninner);
        memcpy(nulls, slot->isnull, sizeof(bool) * hp->ninner);
        anynull = eval_keys(node->innerkeys, econtext, vals + hp->ninner, nulls + hp->ninner);
        if (anynull && jt != JOIN_RIGHT && jt != JOIN_FULL)
            continue;           /* can never match and need not be emitted */
        h = ExecHashValues(hp->keys, hp->nkeys, vals + hp->ninner, nulls + hp->ninner);
        if (anynull)
            h = ~h;             /* keep away from real matches; still listed in "all" */
        ExecHashTableInsert(node->hashtable, vals, nulls, n, hp->storedesc, h);
    }
    node->built = true;
}

static TupleTableSlot *
emit(HashJoinState *node)
{
    PlanState  *ps = &node->js.ps;

    if (!ExecQual(ps->qual, ps->ps_ExprContext))
        return NULL;
    return ExecProject(ps->ps_ProjInfo);
}

static TupleTableSlot *
exec_hashjoin(PlanState *ps)
{
    HashJoinState *node = (HashJoinState *) ps;
    HashJoinPriv *hp;
    ExprContext *econtext = ps->ps_ExprContext;
    JoinType    jt = node->js.jointype;
    Datum       keyvals[32];
    bool        keynulls[32];

    if (!node->built)
        build_table(node);
    hp = priv(node);
    for (;;)
    {
        TupleTableSlot *result;

        CHECK_FOR_INTERRUPTS();
        ResetExprContext(econtext);
        if (node->filling)
        {
            ExecHashTable *ht = node->hashtable;

            while (node->fillpos < ht->nall)
            {
                MinimalRow  row = ht->all[node->fillpos++];

                if (row->flags & HJ_MATCHED)
                    continue;
                econtext->outertuple = node->js.nullouter;
                econtext->innertuple = ExecStoreMinimalRow(row, node->innerslot);
                if ((result = emit(node)) != NULL)
                    return result;
            }
            return NULL;
        }
        if (node->curmatch == NULL && !node->outerHasNullKey)
        {
            /* need a new outer row (unless still walking a chain) */
            if (!node->needChainContinue)
            {
                TupleTableSlot *outer = ExecProcNode(outerPlanState(node));

                if (TupIsNull(outer))
                {
                    if (jt == JOIN_RIGHT || jt == JOIN_FULL)
                    {
                        node->filling = true;
                        node->fillpos = 0;
                        continue;
                    }
                    return NULL;
                }
                econtext->outertuple = outer;
                node->outerslot = outer;
                node->matchedOuter = false;
                if (eval_keys(node->outerkeys, econtext, keyvals, keynulls))
                {
                    node->outerHasNullKey = true;
                    continue;
                }
                memcpy(node->probevals, keyvals, sizeof(Datum) * hp->nkeys);
                memcpy(node->probenulls, keynulls, sizeof(bool) * hp->nkeys);
                node->curhash = ExecHashValues(hp->keys, hp->nkeys, keyvals, keynulls);
                node->curmatch = NULL;
                node->needChainContinue = true;
            }
        }
        if (node->outerHasNullKey)
        {
            /* no match possible */
            node->outerHasNullKey = false;
            node->needChainContinue = false;
            if (jt == JOIN_LEFT || jt == JOIN_FULL || jt == JOIN_ANTI)
            {
                econtext->innertuple = node->js.nullinner;
                if ((result = emit(node)) != NULL)
                    return result;
            }
            continue;
        }
        /* walk the chain for the current outer row */
        econtext->outertuple = node->outerslot;
        node->curmatch = ExecHashTableLookup(node->hashtable, node->probevals, node->probenulls,
                                             node->curhash, node->curmatch);
        if (node->curmatch == NULL)
        {
            node->needChainContinue = false;
            if (!node->matchedOuter && (jt == JOIN_LEFT || jt == JOIN_FULL || jt == JOIN_ANTI))
            {
                econtext->innertuple = node->js.nullinner;
                if ((result = emit(node)) != NULL)
                    return result;
            }
            continue;
        }
        econtext->innertuple = ExecStoreMinimalRow(node->curmatch, node->innerslot);
        if (!ExecQual(node->js.joinqual, econtext))
            continue;
        node->matchedOuter = true;
        node->curmatch->flags |= HJ_MATCHED;
        if (jt == JOIN_ANTI)
        {
            node->curmatch = NULL;
            node->needChainContinue = false;
            continue;
        }
        if (jt == JOIN_SEMI)
        {
            node->curmatch = NULL;
            node->needChainContinue = false;
        }
        if ((result = emit(node)) != NULL)
            return result;
    }
}

HashJoinState *
ExecInitHashJoin(HashJoin *node, EState *estate, int eflags)
{
    HashJoinState *state = (HashJoinState *) ExecMakePlanState(sizeof(HashJoinState),
                                                               T_HashJoinState, (Plan *) node,
                                                               estate);
    HashJoinPriv *hp = (HashJoinPriv *) palloc0(sizeof(HashJoinPriv));
    TupleDesc   innerdesc;
    TupleDesc   outerdesc;
    ListCell   *lc;
    int         k = 0;

    state->js.ps.ExecProcNode = exec_hashjoin;
    state->js.jointype = node->join.jointype;
    state->js.ps.lefttree = ExecInitNode(node->join.plan.lefttree, estate, eflags);
    state->js.ps.righttree = ExecInitNode(node->join.plan.righttree, estate, eflags);
    ExecAssignExprContext(&state->js.ps);
    ExecInitResultAndProjection(&state->js.ps, true);
    state->js.ps.qual = ExecInitExprList(node->join.plan.qual, &state->js.ps);
    state->js.joinqual = ExecInitExprList(node->join.joinqual, &state->js.ps);
    state->outerkeys = ExecInitExprList(node->hashkeys_outer, &state->js.ps);
    state->innerkeys = ExecInitExprList(node->hashkeys_inner, &state->js.ps);

    innerdesc = ExecTypeFromTL(node->join.plan.righttree->targetlist);
    outerdesc = ExecTypeFromTL(node->join.plan.lefttree->targetlist);
    hp->ninner = innerdesc->natts;
    hp->nkeys = list_length(node->hashtypes);
    if (hp->nkeys > 32)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("too many hash join keys"));
    hp->storedesc = CreateTemplateTupleDesc(hp->ninner + hp->nkeys);
    for (int i = 0; i < hp->ninner; i++)
        hp->storedesc->attrs[i] = innerdesc->attrs[i];
    hp->keys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (hp->nkeys + 1));
    foreach(lc, node->hashtypes)
    {
        Oid         typid = lfirst_oid(lc);

        TupleDescInitEntry(hp->storedesc, hp->ninner + k + 1, "hashkey", typid, -1);
        ExecSortSupportInit(&hp->keys[k], hp->ninner + k, typid, false, false);
        k++;
    }
    state->priv = hp;
    state->probevals = (Datum *) palloc0(sizeof(Datum) * (hp->nkeys + 1));
    state->probenulls = (bool *) palloc0(sizeof(bool) * (hp->nkeys + 1));
    state->innerslot = MakeTupleTableSlot(hp->storedesc);
    state->js.nullinner = ExecInitNullTupleSlot(innerdesc);
    state->js.nullouter = ExecInitNullTupleSlot(outerdesc);
    state->hashcxt = MemoryContextCreate(estate->es_query_cxt, "HashJoin");
    return state;
}

void
ExecEndHashJoin(HashJoinState *node)
{
    ExecEndNode(node->js.ps.lefttree);
    ExecEndNode(node->js.ps.righttree);
}

void
ExecReScanHashJoin(HashJoinState *node)
{
    MemoryContextReset(node->hashcxt);
    node->hashtable = NULL;
    node->built = false;
    node->filling = false;
    node->curmatch = NULL;
    node->needChainContinue = false;
    node->outerHasNullKey = false;
    ExecReScan(node->js.ps.lefttree);
    ExecReScan(node->js.ps.righttree);
}

/* ---------------- Hash: passes its input's rows to the hash join ---------------- */

static TupleTableSlot *
exec_hash(PlanState *ps)
{
    return ExecProcNode(ps->lefttree);
}

HashState *
ExecInitHash(Hash *node, EState *estate, int eflags)
{
    HashState  *state = (HashState *) ExecMakePlanState(sizeof(HashState), T_HashState,
                                                       (Plan *) node, estate);

    state->ps.ExecProcNode = exec_hash;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    return state;
}

void
ExecEndHash(HashState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanHash(HashState *node)
{
    ExecReScan(node->ps.lefttree);
}
