/*
 * nodeModifyTable.c
 *     INSERT, UPDATE and DELETE: applies the rows produced by the subplan
 *     to the result relation and evaluates RETURNING.
 * Entry points: ExecInitModifyTable(), ExecEndModifyTable(),
 * ExecReScanModifyTable().
 *
 * Subplan row layouts (see ModifyTable in nodes/plannodes.h): INSERT: the
 * new row in attribute order; UPDATE: the new row then the old row's ctid;
 * DELETE: the old row's columns (only with RETURNING) and its ctid.  Rows
 * are written with the statement's command id, which the statement's own
 * snapshot cannot see, so a statement never sees (or re-updates) its own
 * changes (Halloween problem).  NOT NULL and CHECK constraints are checked
 * before each write.  Every new row version gets entries in every ready
 * index of the table (access/genam.h IndexInsertRow), which also enforces
 * UNIQUE / PRIMARY KEY (23505) -- except the heap-only version of a HOT
 * update (heap_update_hot: no column any index uses changed and it stayed
 * on the old version's page), which the existing entries reach through
 * its HOT chain; its keys are unchanged, so no uniqueness check is due.  DELETE leaves index entries alone: VACUUM removes them with the
 * dead row versions.  FOREIGN KEY checks and actions are noted per row and
 * run when the subplan is exhausted (execConstraints.c).
 * INSERT ... ON CONFLICT (upsert_row, conflict_update): look up the
 * row's key in the arbiter indexes, skip or update a conflicting row, else
 * insert speculatively and super-delete on a lost race (README "INSERT ...
 * ON CONFLICT").
 * READ COMMITTED: a row concurrently updated by a transaction that
 * committed after our snapshot is re-checked on its newest version
 * (epq_recheck): in place when the subplan is a single scan of the table,
 * else (UPDATE ... FROM, DELETE ... USING) by re-running the join with the
 * same rows of the other relations (execRecheck.c).  It is then updated
 * with values recomputed from the newest version, or skipped.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "executor_int.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "parser/analyze.h"
#include "partitioning/partition.h"
#include "pgstat.h"
#include "commands/maintenance.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/*
 * One partition of a partitioned result relation: the per-relation fields
 * of ModifyTableState while another partition is current.
 */
typedef struct ModifyTarget
{
    Relation    rel;            /* NULL until first used */
    List       *checks;
    List       *checknames;
    struct IndexInsertState *indexstate;
    bool       *indexed_attrs;
    bool       *key_attrs;
    struct ExecFKState *fkstate;
    TupleTableSlot *oldslot;
} ModifyTarget;

static void init_relation_state(ModifyTableState *state, ModifyTable *node, Relation rel,
                                int eflags);

static void
save_target(ModifyTableState *node)
{
    ModifyTarget *t;

    if (node->cur_target < 0)
        return;
    t = &node->targets[node->cur_target];
    t->rel = node->resultRel;
    t->checks = node->checks;
    t->checknames = node->checknames;
    t->indexstate = node->indexstate;
    t->indexed_attrs = node->indexed_attrs;
    t->key_attrs = node->key_attrs;
    t->fkstate = node->fkstate;
    t->oldslot = node->oldslot;
}

/*
 * ON CONFLICT into a partitioned table: the arbiters of partition rel are
 * its indexes that belong to the partitioned indexes the planner chose (none
 * chosen: every unique index of the partition), and its indexed columns
 * decide HOT for DO UPDATE.
 */
static void
set_partition_arbiters(ModifyTableState *node, Relation rel)
{
    ModifyTable *plan = (ModifyTable *) node->ps.plan;
    List       *arbiters = NIL;
    ListCell   *lc;
    int         natts = RelationGetDescr(rel)->natts;

    foreach(lc, plan->arbiterIndexes)
    {
        ListCell   *cc;

        foreach(cc, PartitionGetChildren(lfirst_oid(lc)))
            if (IndexGetTable(lfirst_oid(cc)) == RelationGetRelid(rel))
                arbiters = lappend_oid(arbiters, lfirst_oid(cc));
    }
    if (plan->arbiterIndexes != NIL && arbiters == NIL)
        elog(ERROR, "partition \"%s\" has no index for the ON CONFLICT arbiters",
             RelationGetRelationName(rel));
    IndexInsertSetArbiters(node->indexstate, arbiters);
    node->indexed_attrs = palloc(sizeof(bool) * Max(natts, 1));
    memcpy(node->indexed_attrs, IndexInsertIndexedAttrs(node->indexstate),
           sizeof(bool) * Max(natts, 1));
}

/* Make partition i of node->partdesc the current result relation (opened on first use). */
static void
switch_target(ModifyTableState *node, int i)
{
    ModifyTarget *t = &node->targets[i];

    if (node->cur_target == i)
        return;
    save_target(node);
    node->cur_target = i;
    if (t->rel == NULL)
    {
        EState     *estate = node->ps.state;
        MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
        Relation    rel = table_open(node->partdesc->oids[i], RowExclusiveLock);

        estate->es_relations = lappend(estate->es_relations, rel);
        node->resultRel = rel;
        node->checks = NIL;
        node->checknames = NIL;
        node->indexstate = NULL;
        node->indexed_attrs = NULL;
        node->key_attrs = NULL;
        node->fkstate = NULL;
        node->oldslot = NULL;
        init_relation_state(node, (ModifyTable *) node->ps.plan, rel, 0);
        if (node->onconflict != ONCONFLICT_NONE)
            set_partition_arbiters(node, rel);
        MemoryContextSwitchTo(old);
        save_target(node);
        return;
    }
    node->resultRel = t->rel;
    node->checks = t->checks;
    node->checknames = t->checknames;
    node->indexstate = t->indexstate;
    node->indexed_attrs = t->indexed_attrs;
    node->key_attrs = t->key_attrs;
    node->fkstate = t->fkstate;
    node->oldslot = t->oldslot;
}

/* The partition (index into partdesc) for the row in slot; 23514 if none. */
static int
route_row(ModifyTableState *node, TupleTableSlot *row)
{
    return PartitionRouteRow(node->partdesc, RelationGetRelationName(node->parentRel),
                             row->values, row->isnull);
}

/* The partition an UPDATE/DELETE input row was read from. */
static int
row_partition(ModifyTableState *node, TupleTableSlot *in)
{
    ModifyTable *plan = (ModifyTable *) node->ps.plan;
    Oid         oid;

    if (plan->tableoidColNo <= 0 || in->isnull[plan->tableoidColNo - 1])
        elog(ERROR, "row of a partitioned table without its tableoid");
    oid = DatumGetObjectId(in->values[plan->tableoidColNo - 1]);
    for (int i = 0; i < node->partdesc->nparts; i++)
        if (node->partdesc->oids[i] == oid)
            return i;
    elog(ERROR, "relation %u is not a partition of the target", oid);
    return -1;
}

/* A partition written directly: the row must be within its bound (23514). */
static void
check_own_bound(ModifyTableState *node, TupleTableSlot *row)
{
    if (node->own_desc == NULL)
        return;
    if (!PartitionRowBelongsTo(node->own_desc, RelationGetRelid(node->resultRel), row->values,
                               row->isnull))
        ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                errmsg("new row for relation \"%s\" violates partition constraint",
                       RelationGetRelationName(node->resultRel)),
                errdetail("Failing row contains %s.",
                          ExecRowText(RelationGetDescr(node->resultRel), row->values,
                                      row->isnull)));
}

static void
check_constraints(ModifyTableState *node, TupleTableSlot *row)
{
    ExecCheckRowConstraints(node->resultRel, node->checks, node->checknames,
                            node->ps.ps_ExprContext, row);
}

static void
decode_ctid(TupleTableSlot *slot, int col, ItemPointerData *tid)
{
    if (!ExecSlotGetCtid(slot, col, tid))
        elog(ERROR, "ctid is NULL");
}

static void
report_tm_failure(TM_Result res)
{
    if (res == TM_Updated || res == TM_Deleted || res == TM_BeingModified)
        ereport(ERROR, errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                errmsg("could not serialize access due to concurrent %s",
                       res == TM_Deleted ? "delete" : "update"));
    if (res != TM_Ok && res != TM_SelfModified)
        elog(ERROR, "unexpected result %d modifying a row", (int) res);
}

/* Fetch the old version at tid into node->oldslot (for foreign keys); false if invisible. */
static bool
fetch_old_row(ModifyTableState *node, ItemPointer tid)
{
    HeapTuple   old;

    ExecClearTuple(node->oldslot);
    if (!heap_fetch(node->resultRel, node->ps.state->es_snapshot, tid, &old))
        return false;
    RelationDeformTuple(node->resultRel, old, node->oldslot->values, node->oldslot->isnull);
    ExecStoreVirtualTuple(node->oldslot);
    return true;
}

/*
 * epq_recheck -- READ COMMITTED: the row at *tid was updated by a
 * transaction that committed after our snapshot.  Re-evaluate the statement
 * on the newest version (PostgreSQL's EvalPlanQual): fetch it, and either
 * test the scan's conditions again when the subplan is a single scan of
 * the target table (ExecScanRecheckRow), or re-run the join with the other
 * relations' rows of this input row (ctids in others, from the input row;
 * invalid: the NULL side of an outer join) and the newest target version
 * (ExecEPQRun).  Returns the recomputed subplan row, or NULL if it no
 * longer qualifies.  *unsupported is set when the plan shape is not
 * handled (then the caller raises 40001).
 */
static TupleTableSlot *
epq_recheck(ModifyTableState *node, ItemPointer tid, ItemPointerData *others,
            bool *unsupported)
{
    PlanState  *sub = node->ps.lefttree;
    EPQState   *epq = node->epq;
    HeapTuple   newtup;

    if (node->partdesc != NULL)
    {
        /* a partition's row: re-check it in that partition's scan */
        ScanState  *scan = ExecAppendPartitionScan(sub, node->resultRel);

        *unsupported = scan == NULL;
        if (scan == NULL || !heap_fetch(node->resultRel, &SnapshotAnyData, tid, &newtup))
            return NULL;
        return ExecScanRecheckRow(scan, newtup);
    }
    *unsupported = !ExecScanCanRecheck(sub) && epq == NULL;
    if (*unsupported)
        return NULL;
    /* the committed newer version: any visibility, its own update decides below */
    if (!heap_fetch(node->resultRel, &SnapshotAnyData, tid, &newtup))
        return NULL;
    if (ExecScanCanRecheck(sub))
        return ExecScanRecheckRow((ScanState *) sub, newtup);
    epq->tuples[0] = newtup;
    for (int i = 1; i < epq->nrels; i++)
    {
        HeapTuple   t = NULL;

        if (ItemPointerIsValid(&others[i]) &&
            !heap_fetch(epq->rels[i], &SnapshotAnyData, &others[i], &t))
            t = NULL;
        epq->tuples[i] = t;
    }
    return ExecEPQRun(epq, node->ps.state);
}

/* The other joined relations' row identities of input row in (for epq_recheck). */
static ItemPointerData *
input_ctids(ModifyTableState *node, TupleTableSlot *in)
{
    ItemPointerData *others;

    if (node->epq == NULL)
        return NULL;
    others = palloc0(sizeof(ItemPointerData) * (Size) node->epq->nrels);
    for (int i = 1; i < node->epq->nrels; i++)
        if (!ExecSlotGetCtid(in, node->epq_ctid_cols[i], &others[i]))
            ItemPointerSetInvalid(&others[i]);
    return others;
}

/* Copy the subplan row's table columns into the result row slot. */
static void
load_row(ModifyTableState *node, TupleTableSlot *in)
{
    TupleDesc   desc = RelationGetDescr(node->resultRel);
    TupleTableSlot *row = node->rowslot;
    int         ncopy = Min(desc->natts, in->natts);

    ExecClearTuple(row);
    memcpy(row->values, in->values, sizeof(Datum) * ncopy);
    memcpy(row->isnull, in->isnull, sizeof(bool) * ncopy);
    for (int i = ncopy; i < desc->natts; i++)
        row->isnull[i] = true;
    ExecStoreVirtualTuple(row);
}

/* ---------- INSERT ... ON CONFLICT (README "INSERT ... ON CONFLICT") ---------- */

static void
raise_second_time(void)
{
    ereport(ERROR, errcode(ERRCODE_CARDINALITY_VIOLATION),
            errmsg("ON CONFLICT DO UPDATE command cannot affect row a second time"),
            errhint("Ensure that no rows proposed for insertion within the same command have "
                    "duplicate constrained values."));
}

static void
raise_serialization_failure(void)
{
    ereport(ERROR, errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
            errmsg("could not serialize access due to concurrent update"));
}

/*
 * REPEATABLE READ / SERIALIZABLE: the conflicting row version must be
 * visible to the transaction's snapshot (or be this transaction's own),
 * else acting on it (or skipping because of it) would use a row the
 * snapshot cannot see: 40001, as PostgreSQL.
 */
static void
check_conflict_visible(ModifyTableState *node, HeapTuple tup)
{
    if (!IsolationUsesXactSnapshot())
        return;
    if (HeapTupleSatisfiesVisibility(tup, node->ps.state->es_snapshot, InvalidBuffer))
        return;
    if (TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data)))
        return;
    raise_serialization_failure();
}

/* Was the version inserted by the running command (so not visible to it)? */
static bool
inserted_by_this_command(ModifyTableState *node, HeapTuple tup)
{
    HeapTupleHeader t = tup->t_data;

    return (t->t_infomask & HEAP_XMIN_INVALID) == 0 &&
        TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(t)) &&
        HeapTupleHeaderGetCmin(t) >= node->ps.state->es_output_cid;
}

typedef enum UpsertResult
{
    UPSERT_SKIPPED,             /* DO NOTHING, or DO UPDATE's WHERE false */
    UPSERT_INSERTED,
    UPSERT_UPDATED,
    UPSERT_RETRY                /* the conflicting row changed meanwhile: check again */
} UpsertResult;

/*
 * conflict_update -- DO UPDATE on the row version at *ctid that conflicts
 * with the proposed row (node->rowslot): lock it (FOR UPDATE strength),
 * evaluate WHERE and SET with the existing row as the target's Vars and
 * the proposed row as EXCLUDED, and update it.  The new version goes
 * into node->rowslot (RETURNING).
 */
static UpsertResult
conflict_update(ModifyTableState *node, ItemPointer ctid)
{
    EState     *estate = node->ps.state;
    Relation    rel = node->resultRel;
    TupleDesc   desc = RelationGetDescr(rel);
    ExprContext *econtext = node->ps.ps_ExprContext;
    TupleTableSlot *row = node->rowslot;
    HeapTuple   existing;
    HeapTuple   locked = NULL;
    HeapTuple   tup;
    TM_FailureData tmfd;
    TM_Result   res;
    ItemPointerData tid = *ctid;
    Datum      *values;
    bool       *isnull;
    bool        hot = false;
    int         i;
    ListCell   *lc;

    /* a version this very command wrote cannot be updated again */
    if (!heap_fetch(rel, SnapshotAny, &tid, &existing))
        return UPSERT_RETRY;
    if (inserted_by_this_command(node, existing))
        raise_second_time();
    res = heap_lock_tuple(rel, &tid, estate->es_output_cid, LockTupleExclusive, LockWaitBlock,
                          false, &locked, &tmfd);
    switch (res)
    {
        case TM_Ok:
            break;
        case TM_SelfModified:
            raise_second_time();
            break;
        case TM_Updated:
        case TM_Deleted:
            /* changed since the lookup: READ COMMITTED looks again, else 40001 */
            if (IsolationUsesXactSnapshot())
                raise_serialization_failure();
            return UPSERT_RETRY;
        default:
            elog(ERROR, "unexpected result %d locking a conflicting row", (int) res);
    }
    /* the locked version may have changed between the fetch and the lock */
    if (inserted_by_this_command(node, locked))
        raise_second_time();
    check_conflict_visible(node, locked);

    ExecStoreHeapTuple(locked, node->oc_existing);
    ExecCopySlot(node->oc_excluded, row);
    ResetExprContext(econtext);
    econtext->scantuple = node->oc_existing;
    econtext->innertuple = node->oc_excluded;
    if (node->oc_where != NULL)
    {
        bool        wnull;
        Datum       w = ExecEvalExprSwitchContext(node->oc_where, econtext, &wnull);

        if (wnull || !DatumGetBool(w))
        {
            node->oc_filtered++;
            return UPSERT_SKIPPED;  /* the row stays locked, as in PostgreSQL */
        }
    }
    /* the new version: the existing row with the SET columns replaced */
    values = palloc(sizeof(Datum) * Max(desc->natts, 1));
    isnull = palloc(sizeof(bool) * Max(desc->natts, 1));
    memcpy(values, node->oc_existing->values, sizeof(Datum) * desc->natts);
    memcpy(isnull, node->oc_existing->isnull, sizeof(bool) * desc->natts);
    i = 0;
    foreach(lc, node->oc_set)
    {
        int         attno = node->oc_set_attnos[i++];

        values[attno - 1] = ExecEvalExpr((ExprState *) lfirst(lc), econtext, &isnull[attno - 1]);
    }
    ExecClearTuple(row);
    memcpy(row->values, values, sizeof(Datum) * desc->natts);
    memcpy(row->isnull, isnull, sizeof(bool) * desc->natts);
    ExecStoreVirtualTuple(row);
    if (node->partdesc != NULL &&
        !PartitionRowBelongsTo(node->partdesc, RelationGetRelid(rel), row->values, row->isnull))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("invalid ON UPDATE specification"),
                errdetail("The result tuple would appear in a different partition than the original tuple."));
    check_own_bound(node, row);
    check_constraints(node, row);
    tup = heap_form_tuple(desc, row->values, row->isnull);
    res = heap_update_hot(rel, &tid, tup, estate->es_output_cid, InvalidSnapshot, true, &tmfd,
                          node->key_attrs, node->indexed_attrs, &hot);
    if (res == TM_SelfModified)
        raise_second_time();
    if (res != TM_Ok)
        elog(ERROR, "unexpected result %d updating a locked row", (int) res);
    if (node->indexstate && !hot)
        IndexInsertRow(node->indexstate, &tup->t_self, row->values, row->isnull);
    if (node->fkstate)
        ExecFKNoteRow(node->fkstate, node->oc_existing->values, node->oc_existing->isnull,
                      row->values, row->isnull);
    pgstat_count_heap_update(RelationGetRelid(rel), hot);
    row->tid = tup->t_self;
    row->tableOid = RelationGetRelid(rel);
    return UPSERT_UPDATED;
}

/*
 * upsert_row -- INSERT ... ON CONFLICT of the proposed row in
 * node->rowslot: look for a conflicting row in the arbiter indexes; if
 * there is one, skip (DO NOTHING) or update it (DO UPDATE); else insert
 * speculatively: heap tuple, then the arbiter entries in a mode that
 * reports a duplicate instead of raising 23505.  A duplicate means a
 * concurrent transaction inserted the key after our lookup and committed:
 * our tuple is super-deleted (dead to everyone at once) and the row
 * starts over.  Every pass either finds a conflict or inserts, so the
 * loop ends once concurrent inserters of the key are done.
 */
static UpsertResult
upsert_row(ModifyTableState *node)
{
    EState     *estate = node->ps.state;
    Relation    rel = node->resultRel;
    TupleTableSlot *row = node->rowslot;
    ItemPointerData conflict;

    check_constraints(node, row);
    for (;;)
    {
        HeapTuple   tup;
        UpsertResult r;

        CHECK_FOR_INTERRUPTS();
        if (node->indexstate &&
            IndexInsertFindConflict(node->indexstate, row->values, row->isnull, &conflict))
        {
            if (node->onconflict == ONCONFLICT_NOTHING)
            {
                HeapTuple   t;

                /* RR: a conflicting row our snapshot cannot see is a serialization failure */
                if (IsolationUsesXactSnapshot() && heap_fetch(rel, SnapshotAny, &conflict, &t))
                    check_conflict_visible(node, t);
                node->oc_conflicts++;
                return UPSERT_SKIPPED;
            }
            r = conflict_update(node, &conflict);
            if (r == UPSERT_RETRY)
                continue;
            node->oc_conflicts++;
            return r;
        }
        tup = heap_form_tuple(RelationGetDescr(rel), row->values, row->isnull);
        heap_insert(rel, tup, estate->es_output_cid);
        if (node->indexstate &&
            !IndexInsertRowSpeculative(node->indexstate, &tup->t_self, row->values, row->isnull))
        {
            heap_super_delete(rel, &tup->t_self);
            continue;
        }
        if (node->fkstate)
            ExecFKNoteRow(node->fkstate, NULL, NULL, row->values, row->isnull);
        pgstat_count_heap_insert(RelationGetRelid(rel), 1);
        node->oc_inserted++;
        row->tid = tup->t_self;
        row->tableOid = RelationGetRelid(rel);
        return UPSERT_INSERTED;
    }
}

/* Vars of EXCLUDED read the proposed row: the expression context's inner tuple. */
static Node *
excluded_to_inner(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0 &&
        ((Var *) node)->varno == *(int *) context)
    {
        Var        *v = (Var *) copyObject(node);

        v->varno = INNER_VAR;
        return (Node *) v;
    }
    return expression_tree_mutator(node, excluded_to_inner, context);
}

static void
init_on_conflict(ModifyTableState *state, ModifyTable *node)
{
    TupleDesc   desc = RelationGetDescr(state->resultRel);
    int         excl = node->exclRelIndex;
    int         i = 0;
    ListCell   *lc;

    state->onconflict = node->onConflictAction;
    if (state->indexstate)
        IndexInsertSetArbiters(state->indexstate, node->arbiterIndexes);
    if (node->onConflictAction != ONCONFLICT_UPDATE)
        return;
    state->oc_existing = MakeTupleTableSlot(desc);
    state->oc_excluded = MakeTupleTableSlot(desc);
    state->oc_set_attnos = palloc(sizeof(int) * Max(list_length(node->onConflictSet), 1));
    foreach(lc, node->onConflictSet)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        state->oc_set = lappend(state->oc_set,
                                ExecInitExpr(excluded_to_inner((Node *) tle->expr, &excl),
                                             &state->ps));
        state->oc_set_attnos[i++] = tle->resno;
    }
    if (node->onConflictWhere)
        state->oc_where = ExecInitExpr(excluded_to_inner(node->onConflictWhere, &excl),
                                       &state->ps);
    /* HOT decisions need the indexed columns, as UPDATE's */
    if (state->indexstate)
    {
        int         natts = desc->natts;

        state->indexed_attrs = palloc(sizeof(bool) * Max(natts, 1));
        memcpy(state->indexed_attrs, IndexInsertIndexedAttrs(state->indexstate),
               sizeof(bool) * Max(natts, 1));
    }
}

/*
 * move_row -- UPDATE of a partitioned table whose new row belongs to
 * another partition (PostgreSQL 15): delete the old version from the
 * current partition, insert the new row into partition dest.  A row
 * concurrently changed is a serialization failure here (40001), as
 * re-checking it would have to follow it into another partition.
 */
static bool
move_row(ModifyTableState *node, TupleTableSlot *in, int dest)
{
    ModifyTable *plan = (ModifyTable *) node->ps.plan;
    EState     *estate = node->ps.state;
    TupleTableSlot *row = node->rowslot;
    ItemPointerData tid;
    TM_FailureData tmfd;
    TM_Result   res;
    HeapTuple   tup;
    bool        have_old;

    decode_ctid(in, plan->ctidColNo, &tid);
    have_old = ExecFKNeedsOldRow(node->fkstate) && fetch_old_row(node, &tid);
    res = heap_delete(node->resultRel, &tid, estate->es_output_cid, InvalidSnapshot, true, &tmfd);
    if (res == TM_SelfModified)
        return false;           /* already updated by this statement */
    report_tm_failure(res);
    if (have_old)
        ExecFKNoteRow(node->fkstate, node->oldslot->values, node->oldslot->isnull, NULL, NULL);
    pgstat_count_heap_delete(RelationGetRelid(node->resultRel));
    switch_target(node, dest);
    check_constraints(node, row);
    if (node->global_unique)
        ExecGlobalUniqueCheck(node->global_unique, RelationGetRelid(node->resultRel), true,
                              row->values, row->isnull);
    tup = heap_form_tuple(RelationGetDescr(node->resultRel), row->values, row->isnull);
    heap_insert(node->resultRel, tup, estate->es_output_cid);
    if (node->indexstate)
        IndexInsertRow(node->indexstate, &tup->t_self, row->values, row->isnull);
    ExecGlobalUniqueRelease(node->global_unique);
    if (node->fkstate)
        ExecFKNoteRow(node->fkstate, NULL, NULL, row->values, row->isnull);
    pgstat_count_heap_insert(RelationGetRelid(node->resultRel), 1);
    row->tid = tup->t_self;
    row->tableOid = RelationGetRelid(node->resultRel);
    return true;
}

/* Apply one subplan row; returns true if a row was written (for RETURNING). */
static bool
apply_row(ModifyTableState *node, TupleTableSlot *in)
{
    ModifyTable *plan = (ModifyTable *) node->ps.plan;
    EState     *estate = node->ps.state;
    Relation    rel;
    TupleDesc   desc;
    TupleTableSlot *row = node->rowslot;
    HeapTuple   tup;
    ItemPointerData tid;
    TM_FailureData tmfd;
    TM_Result   res;
    bool        have_old;
    bool        unsupported;
    ItemPointerData *others = NULL;
    bool        hot = false;

    if (node->partdesc != NULL && node->operation != CMD_INSERT)
        switch_target(node, row_partition(node, in));
    if (node->operation != CMD_INSERT)
        others = input_ctids(node, in);
    load_row(node, in);
    if (node->partdesc != NULL && node->operation == CMD_INSERT)
        switch_target(node, route_row(node, node->rowslot));
    rel = node->resultRel;
    desc = RelationGetDescr(rel);
    if (node->operation != CMD_DELETE)
        check_own_bound(node, node->rowslot);
    if (node->partdesc != NULL && node->operation == CMD_UPDATE)
    {
        int         dest = route_row(node, node->rowslot);

        if (dest != node->cur_target)
            return move_row(node, in, dest);
    }

    switch (node->operation)
    {
        case CMD_INSERT:
            if (node->onconflict != ONCONFLICT_NONE)
            {
                UpsertResult r = upsert_row(node);

                node->last_upsert = r;
                return r != UPSERT_SKIPPED;
            }
            check_constraints(node, row);
            if (node->global_unique)
                ExecGlobalUniqueCheck(node->global_unique, RelationGetRelid(rel), true,
                                      row->values, row->isnull);
            tup = heap_form_tuple(desc, row->values, row->isnull);
            heap_insert(rel, tup, estate->es_output_cid);
            if (node->indexstate)
                IndexInsertRow(node->indexstate, &tup->t_self, row->values, row->isnull);
            ExecGlobalUniqueRelease(node->global_unique);
            if (node->fkstate)
                ExecFKNoteRow(node->fkstate, NULL, NULL, row->values, row->isnull);
            pgstat_count_heap_insert(RelationGetRelid(rel), 1);
            row->tid = tup->t_self;
            row->tableOid = RelationGetRelid(rel);
            return true;
        case CMD_UPDATE:
            decode_ctid(in, plan->ctidColNo, &tid);
            for (;;)
            {
                check_constraints(node, row);
                have_old = node->fkstate != NULL && fetch_old_row(node, &tid);
                if (node->global_unique)
                    ExecGlobalUniqueCheck(node->global_unique, RelationGetRelid(rel), false,
                                          row->values, row->isnull);
                tup = heap_form_tuple(desc, row->values, row->isnull);
                res = heap_update_hot(rel, &tid, tup, estate->es_output_cid, InvalidSnapshot,
                                      true, &tmfd, node->key_attrs, node->indexed_attrs, &hot);
                if (IsolationUsesXactSnapshot() || (res != TM_Updated && res != TM_Deleted))
                    break;
                /* READ COMMITTED: work on the newest version, or skip a deleted row */
                if (res == TM_Deleted)
                    return false;
                tid = tmfd.ctid;
                in = epq_recheck(node, &tid, others, &unsupported);
                if (unsupported)
                    break;
                if (in == NULL)
                    return false;
                load_row(node, in);
            }
            report_tm_failure(res);
            if (res != TM_Ok)
                return false;   /* already updated by this statement */
            /* a heap-only version is reached through its chain's existing entries */
            if (node->indexstate && !hot)
                IndexInsertRow(node->indexstate, &tup->t_self, row->values, row->isnull);
            ExecGlobalUniqueRelease(node->global_unique);
            if (node->fkstate)
                ExecFKNoteRow(node->fkstate,
                              have_old ? node->oldslot->values : NULL,
                              have_old ? node->oldslot->isnull : NULL,
                              row->values, row->isnull);
            pgstat_count_heap_update(RelationGetRelid(rel), hot);
            row->tid = tup->t_self;
            row->tableOid = RelationGetRelid(rel);
            return true;
        case CMD_DELETE:
            decode_ctid(in, plan->ctidColNo, &tid);
            for (;;)
            {
                have_old = ExecFKNeedsOldRow(node->fkstate) && fetch_old_row(node, &tid);
                res = heap_delete(rel, &tid, estate->es_output_cid, InvalidSnapshot, true, &tmfd);
                if (IsolationUsesXactSnapshot() || (res != TM_Updated && res != TM_Deleted))
                    break;
                if (res == TM_Deleted)
                    return false;
                tid = tmfd.ctid;
                in = epq_recheck(node, &tid, others, &unsupported);
                if (unsupported)
                    break;
                if (in == NULL)
                    return false;
                load_row(node, in);     /* RETURNING sees the version deleted */
            }
            report_tm_failure(res);
            if (res != TM_Ok)
                return false;
            if (have_old)
                ExecFKNoteRow(node->fkstate, node->oldslot->values, node->oldslot->isnull,
                              NULL, NULL);
            pgstat_count_heap_delete(RelationGetRelid(rel));
            row->tid = tid;
            row->tableOid = RelationGetRelid(rel);
            return true;
        default:
            elog(ERROR, "unknown ModifyTable operation %d", (int) node->operation);
    }
    return false;
}

static TupleTableSlot *
exec_modifytable(PlanState *ps)
{
    ModifyTableState *node = (ModifyTableState *) ps;
    EState     *estate = ps->state;

    if (node->done)
        return NULL;
    for (;;)
    {
        TupleTableSlot *in;
        bool        written;
        MemoryContext old;

        CHECK_FOR_INTERRUPTS();
        MemoryContextReset(node->rowcxt);
        in = ExecProcNode(ps->lefttree);
        if (TupIsNull(in))
        {
            node->done = true;
            /* every row is written: foreign-key checks and actions */
            if (node->partdesc != NULL)
            {
                save_target(node);
                for (int i = 0; i < node->partdesc->nparts; i++)
                    if (node->targets[i].rel != NULL)
                        ExecFKEnd(node->targets[i].fkstate);
            }
            else
                ExecFKEnd(node->fkstate);
            return NULL;
        }
        old = MemoryContextSwitchTo(node->rowcxt);
        written = apply_row(node, in);
        MemoryContextSwitchTo(old);
        if (!written)
            continue;
        estate->es_processed++;
        /* maintenance engine: bulk-change ANALYZE after commit (commands/maintenance.h) */
        if (node->onconflict != ONCONFLICT_NONE)
            MaintenanceCountChanges(node->resultRel, node->last_upsert == UPSERT_INSERTED,
                                    node->last_upsert == UPSERT_UPDATED, false);
        else
            MaintenanceCountChanges(node->resultRel, node->operation == CMD_INSERT,
                                    node->operation == CMD_UPDATE,
                                    node->operation == CMD_DELETE);
        if (node->returning)
        {
            ExprContext *econtext = node->returning->econtext;

            ResetExprContext(econtext);
            econtext->scantuple = node->rowslot;
            return ExecProject(node->returning);
        }
    }
}

ModifyTableState *
ExecInitModifyTable(ModifyTable *node, EState *estate, int eflags)
{
    ModifyTableState *state = (ModifyTableState *) ExecMakePlanState(sizeof(ModifyTableState),
                                                                     T_ModifyTableState,
                                                                     (Plan *) node, estate);
    Relation    rel;

    state->ps.ExecProcNode = exec_modifytable;
    state->operation = node->operation;
    state->cur_target = -1;
    rel = ExecOpenScanRelation(estate, node->resultRelation);
    if (rel->rd_relkind != RELKIND_RELATION && rel->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot change relation \"%s\"", RelationGetRelationName(rel)));
    state->resultRel = rel;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    state->rowslot = MakeTupleTableSlot(RelationGetDescr(rel));
    state->rowcxt = MemoryContextCreate(estate->es_query_cxt, "ModifyTable row");
    if (rel->rd_relkind == RELKIND_PARTITIONED_TABLE)
    {
        MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

        state->parentRel = rel;
        state->partdesc = RelationGetPartitionDesc(RelationGetRelid(rel));
        state->targets = palloc0(sizeof(ModifyTarget) * Max(state->partdesc->nparts, 1));
        if (node->operation != CMD_DELETE && !(eflags & EXEC_FLAG_EXPLAIN_ONLY))
            state->global_unique = ExecGlobalUniqueBegin(RelationGetRelid(rel));
        if (node->onConflictAction != ONCONFLICT_NONE && state->partdesc->nglobal > 0)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("INSERT ... ON CONFLICT on a table with a unique constraint across partitions is not supported yet"));
        MemoryContextSwitchTo(old);
    }
    else
    {
        Oid         parent = PartitionGetParent(RelationGetRelid(rel));

        if (OidIsValid(parent) && node->operation != CMD_DELETE)
        {
            MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

            state->own_desc = RelationGetPartitionDesc(parent);
            if (!(eflags & EXEC_FLAG_EXPLAIN_ONLY))
                state->global_unique = ExecGlobalUniqueBegin(parent);
            if (state->global_unique && node->onConflictAction != ONCONFLICT_NONE)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("INSERT ... ON CONFLICT on a partition of a table with a unique constraint across partitions is not supported yet"));
            MemoryContextSwitchTo(old);
        }
        init_relation_state(state, node, rel, eflags);
    }
    if (node->onConflictAction != ONCONFLICT_NONE)
    {
        MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

        init_on_conflict(state, node);
        MemoryContextSwitchTo(old);
    }
    if ((node->operation == CMD_UPDATE || node->operation == CMD_DELETE) &&
        state->partdesc == NULL && !ExecRtisHavePartitioned(estate, node->epqRtis) &&
        (node->epqRtis != NIL || !ExecScanCanRecheck(state->ps.lefttree)) &&
        !(eflags & EXEC_FLAG_EXPLAIN_ONLY))
    {
        /*
         * over a join: rtis[0] is the target, then the other base relations
         * (none when the target is joined only to subqueries in FROM)
         */
        int         n = 1 + list_length(node->epqRtis);
        int        *rtis = palloc(sizeof(int) * (Size) n);
        ListCell   *lc;
        int         i = 1;

        state->epq_ctid_cols = palloc(sizeof(int) * (Size) n);
        rtis[0] = node->resultRelation;
        state->epq_ctid_cols[0] = node->ctidColNo;
        foreach(lc, node->epqRtis)
            rtis[i++] = lfirst_int(lc);
        i = 1;
        foreach(lc, node->epqCtidColNos)
            state->epq_ctid_cols[i++] = lfirst_int(lc);
        state->epq = ExecEPQCreate(estate, node->plan.lefttree, n, rtis);
    }
    if (node->returningList)
    {
        TupleDesc   rdesc = ExecTypeFromTL(node->returningList);
        ExprContext *econtext = CreateExprContext(estate);

        state->ps.ps_ResultTupleDesc = rdesc;
        state->ps.ps_ResultTupleSlot = MakeTupleTableSlot(rdesc);
        state->returning = ExecBuildProjectionInfo(node->returningList, econtext,
                                                   state->ps.ps_ResultTupleSlot, &state->ps);
    }
    return state;
}

/*
 * init_relation_state -- CHECK constraints, indexes, HOT and key columns
 * and foreign-key state of result relation rel into state's fields.
 */
static void
init_relation_state(ModifyTableState *state, ModifyTable *node, Relation rel, int eflags)
{
    EState     *estate = state->ps.state;

    if (node->operation != CMD_DELETE)
    {
        state->checks = ExecInitCheckConstraints(rel, &state->ps, &state->checknames);
        /* EXPLAIN without ANALYZE writes nothing: no need to open the indexes */
        if (!(eflags & EXEC_FLAG_EXPLAIN_ONLY))
        {
            MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

            state->indexstate = IndexInsertBegin(rel);
            /* key columns: an UPDATE leaving them alone does not block FK checks */
            state->key_attrs = palloc0(sizeof(bool) * (Size) Max(RelationGetDescr(rel)->natts, 1));
            IndexInsertKeyAttrs(state->indexstate, state->key_attrs,
                                RelationGetDescr(rel)->natts);
            if (node->operation == CMD_UPDATE)
            {
                int         natts = RelationGetDescr(rel)->natts;

                /* kept past IndexInsertEnd below: a not-ready index still blocks HOT */
                state->indexed_attrs = palloc(sizeof(bool) * Max(natts, 1));
                memcpy(state->indexed_attrs, IndexInsertIndexedAttrs(state->indexstate),
                       sizeof(bool) * Max(natts, 1));
            }
            if (IndexInsertCount(state->indexstate) == 0 &&
                node->onConflictAction == ONCONFLICT_NONE)
            {
                IndexInsertEnd(state->indexstate);
                state->indexstate = NULL;
            }
            MemoryContextSwitchTo(old);
        }
    }
    if (!(eflags & EXEC_FLAG_EXPLAIN_ONLY))
    {
        MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

        state->fkstate = ExecFKBegin(rel, node->operation);
        if (state->fkstate)
            state->oldslot = MakeTupleTableSlot(RelationGetDescr(rel));
        MemoryContextSwitchTo(old);
    }
}

void
ExecEndModifyTable(ModifyTableState *node)
{
    ExecGlobalUniqueEnd(node->global_unique);
    node->global_unique = NULL;
    if (node->partdesc != NULL)
    {
        save_target(node);
        for (int i = 0; i < node->partdesc->nparts; i++)
            if (node->targets[i].indexstate != NULL)
                IndexInsertEnd(node->targets[i].indexstate);
        node->indexstate = NULL;
    }
    if (node->indexstate)
        IndexInsertEnd(node->indexstate);
    node->indexstate = NULL;
    ExecEPQEnd(node->epq);
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanModifyTable(ModifyTableState *node)
{
    (void) node;
    elog(ERROR, "ModifyTable cannot be rescanned");
}
