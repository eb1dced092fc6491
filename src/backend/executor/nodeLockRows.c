/*
 * nodeLockRows.c
 *     SELECT ... FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE
 *     [OF t] [NOWAIT | SKIP LOCKED]: lock the row of every locked relation
 *     in each input row before passing it on.
 * Entry points: ExecInitLockRows(), ExecEndLockRows(), ExecReScanLockRows().
 *
 * Each input row carries a resjunk ctid column per locked relation (added
 * by the planner).  The row version it names is locked with
 * heap_lock_tuple() and the clause's wait policy; the lock is held until
 * the (sub)transaction ends.  Outcomes, as in PostgreSQL's nodeLockRows.c:
 *   - locked: the row is returned;
 *   - SKIP LOCKED and another transaction holds or changes it: skipped;
 *   - NOWAIT: heap_lock_tuple raises 55P03;
 *   - changed by this transaction's current command (TM_SelfModified) or
 *     deleted by a committed transaction under READ COMMITTED: skipped;
 *   - updated/deleted by a transaction that committed after our snapshot,
 *     under REPEATABLE READ / SERIALIZABLE: 40001;
 *   - updated under READ COMMITTED: heap_lock_tuple follows the update
 *     chain and locks the newest version; the scan's conditions are then
 *     re-evaluated on it (ExecScanRecheckRow) and the row is returned
 *     recomputed from it, or skipped if it no longer qualifies (the lock on
 *     the newest version stays, as in PostgreSQL).
 * The re-check is done in place when the input is one scan of the locked
 * relation, possibly under Sort/Material; over a join, the join is re-run
 * (execRecheck.c, EPQState) on the rows just locked -- the newest versions
 * where they changed -- and, for joined relations that are not locked, the
 * rows of this input row; the row is returned recomputed, or skipped when
 * the join no longer produces it.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "executor_int.h"
#include "utils/elog.h"
#include "utils/relcache.h"

static LockTupleMode
tuple_lock_mode(LockClauseStrength strength)
{
    switch (strength)
    {
        case LCS_FORKEYSHARE:
            return LockTupleKeyShare;
        case LCS_FORSHARE:
            return LockTupleShare;
        case LCS_FORNOKEYUPDATE:
            return LockTupleNoKeyExclusive;
        default:
            return LockTupleExclusive;
    }
}

/*
 * find_recheck_scan -- the scan node whose rows reach LockRows unchanged
 * (through Sort and Material, which pass rows through), or NULL if the
 * input is anything else (joins, Results, subquery scans).
 */
static ScanState *
find_recheck_scan(PlanState *ps)
{
    while (ps && (IsA(ps, SortState) || IsA(ps, MaterialState)))
        ps = ps->lefttree;
    return ExecScanCanRecheck(ps) ? (ScanState *) ps : NULL;
}

/* A partitioned mark: the partition holding the input row, opened on first use. */
static Relation
mark_partition(LockRowsState *node, LockRowsMark *mark, TupleTableSlot *slot)
{
    Oid         oid;
    ListCell   *lc;
    Relation    rel;
    MemoryContext old;

    if (slot->isnull[mark->tableoid_col - 1])
        elog(ERROR, "locked row of a partitioned table without its tableoid");
    oid = DatumGetObjectId(slot->values[mark->tableoid_col - 1]);
    foreach(lc, mark->partrels)
        if (RelationGetRelid((Relation) lfirst(lc)) == oid)
            return (Relation) lfirst(lc);
    old = MemoryContextSwitchTo(node->ps.state->es_query_cxt);
    rel = table_open(oid, RowShareLock);
    node->ps.state->es_relations = lappend(node->ps.state->es_relations, rel);
    mark->partrels = lappend(mark->partrels, rel);
    MemoryContextSwitchTo(old);
    return rel;
}

static void
raise_serialization_failure(void)
{
    /* PostgreSQL says "update" for a concurrent delete here too */
    ereport(ERROR, errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
            errmsg("could not serialize access due to concurrent update"));
}

/*
 * lock_row -- lock every marked relation's row of input row slot.  Returns
 * the row to pass on (slot, or its re-checked newest version), or NULL to
 * skip it.  Locked versions are copied into the node's per-tuple memory.
 */
static TupleTableSlot *
lock_row(LockRowsState *node, TupleTableSlot *slot)
{
    HeapTuple   newest = NULL;
    bool        xact_snapshot = IsolationUsesXactSnapshot();
    EPQState   *epq = node->epq;

    for (int i = 0; i < node->nmarks; i++)
    {
        LockRowsMark *mark = &node->marks[i];
        Relation    rel;
        ItemPointerData tid;
        TM_FailureData tmfd;
        HeapTuple   locked;
        TM_Result   res;

        if (epq)
            epq->tuples[i] = NULL;
        /* NULL: the NULL side of an outer join, nothing to lock */
        if (!ExecSlotGetCtid(slot, mark->ctid_col, &tid))
            continue;
        rel = mark->tableoid_col > 0 ? mark_partition(node, mark, slot) : mark->rel;
        res = heap_lock_tuple(rel, &tid, node->ps.state->es_output_cid, mark->mode,
                              mark->wait_policy, !xact_snapshot, &locked, &tmfd);
        switch (res)
        {
            case TM_Ok:
                if (epq)
                    epq->tuples[i] = locked;
                if (tmfd.traversed)
                {
                    /* READ COMMITTED: we locked a newer version than we read */
                    if (mark->tableoid_col > 0)
                    {
                        /* a partition: re-check in its own scan under the Append */
                        ScanState  *scan = node->nmarks == 1 ?
                            ExecAppendPartitionScan(node->ps.lefttree, rel) : NULL;

                        if (scan == NULL)
                            raise_serialization_failure();
                        return ExecScanRecheckRow(scan, locked);
                    }
                    if (node->recheck_scan == NULL && epq == NULL)
                        raise_serialization_failure();
                    newest = locked;
                }
                break;
            case TM_WouldBlock:     /* SKIP LOCKED */
            case TM_SelfModified:   /* changed by this command: PostgreSQL skips it */
                return NULL;
            case TM_Updated:
            case TM_Deleted:
                if (xact_snapshot)
                    raise_serialization_failure();
                if (res == TM_Deleted)
                    return NULL;
                elog(ERROR, "unexpected heap_lock_tuple result %d following updates",
                         (int) res);
                break;
            default:
                elog(ERROR, "unexpected heap_lock_tuple result %d", (int) res);
        }
    }
    if (newest == NULL)
        return slot;
    if (node->recheck_scan != NULL)
    {
        Assert(node->nmarks == 1);
        return ExecScanRecheckRow(node->recheck_scan, newest);
    }

    /*
     * A join: re-run it on the rows just locked (the newest versions where
     * they changed) and, for the joined relations not locked, the rows of
     * this input row (PostgreSQL's EvalPlanQual).
     */
    for (int i = node->nmarks; i < epq->nrels; i++)
    {
        ItemPointerData tid;
        HeapTuple   t = NULL;

        if (ExecSlotGetCtid(slot, node->epq_ctid_cols[i], &tid) &&
            !heap_fetch(epq->rels[i], &SnapshotAnyData, &tid, &t))
            t = NULL;
        epq->tuples[i] = t;
    }
    return ExecEPQRun(epq, node->ps.state);
}

static TupleTableSlot *
exec_lockrows(PlanState *ps)
{
    LockRowsState *node = (LockRowsState *) ps;
    ExprContext *econtext = ps->ps_ExprContext;

    for (;;)
    {
        TupleTableSlot *slot;
        MemoryContext old;

        ResetExprContext(econtext);
        slot = ExecProcNode(ps->lefttree);
        if (TupIsNull(slot))
            return NULL;
        old = MemoryContextSwitchTo(econtext->per_tuple_memory);
        slot = lock_row(node, slot);
        MemoryContextSwitchTo(old);
        if (slot != NULL)
            return slot;
    }
}

LockRowsState *
ExecInitLockRows(LockRows *node, EState *estate, int eflags)
{
    LockRowsState *state = (LockRowsState *) ExecMakePlanState(sizeof(LockRowsState),
                                                               T_LockRowsState, (Plan *) node,
                                                               estate);
    ListCell   *lc;
    ListCell   *lc2;
    int         i = 0;
    bool        any_partitioned = false;

    state->ps.ExecProcNode = exec_lockrows;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    state->nmarks = list_length(node->rowMarks);
    state->marks = (LockRowsMark *) palloc0(sizeof(LockRowsMark) * Max(state->nmarks, 1));
    forboth(lc, node->rowMarks, lc2, node->ctidColNos)
    {
        RowMarkClause *rm = (RowMarkClause *) lfirst(lc);
        LockRowsMark *mark = &state->marks[i];

        mark->tableoid_col = list_nth_int(node->tableoidColNos, i);
        if (mark->tableoid_col > 0)
            any_partitioned = true;
        i++;
        mark->rel = ExecOpenScanRelation(estate, rm->rti);
        mark->ctid_col = lfirst_int(lc2);
        mark->mode = tuple_lock_mode(rm->strength);
        mark->wait_policy = rm->waitPolicy;
    }
    if (state->nmarks == 1)
    {
        state->recheck_scan = find_recheck_scan(state->ps.lefttree);
        if (state->recheck_scan &&
            RelationGetRelid(state->recheck_scan->ss_currentRelation) !=
            RelationGetRelid(state->marks[0].rel))
            state->recheck_scan = NULL;
    }
    /*
     * partitioned tables: a re-check happens in the partition's own scan, or
     * is a serialization failure (no join re-run over partitions yet)
     */
    if (any_partitioned || ExecRtisHavePartitioned(estate, node->epqRtis))
        state->recheck_scan = NULL;
    any_partitioned = any_partitioned || ExecRtisHavePartitioned(estate, node->epqRtis);
    if (state->recheck_scan == NULL && state->nmarks > 0 && !any_partitioned &&
        !(eflags & EXEC_FLAG_EXPLAIN_ONLY))
    {
        /* a join: the locked relations first, then the other base relations */
        int         n = state->nmarks + list_length(node->epqRtis);
        int        *rtis = palloc(sizeof(int) * (Size) n);

        state->epq_ctid_cols = palloc(sizeof(int) * (Size) n);
        i = 0;
        foreach(lc, node->rowMarks)
        {
            state->epq_ctid_cols[i] = state->marks[i].ctid_col;
            rtis[i] = ((RowMarkClause *) lfirst(lc))->rti;
            i++;
        }
        forboth(lc, node->epqRtis, lc2, node->epqCtidColNos)
        {
            rtis[i] = lfirst_int(lc);
            state->epq_ctid_cols[i++] = lfirst_int(lc2);
        }
        state->epq = ExecEPQCreate(estate, node->plan.lefttree, n, rtis);
    }
    return state;
}

void
ExecEndLockRows(LockRowsState *node)
{
    ExecEPQEnd(node->epq);
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanLockRows(LockRowsState *node)
{
    ExecReScan(node->ps.lefttree);
}
