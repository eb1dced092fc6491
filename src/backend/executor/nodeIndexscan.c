/*
 * nodeIndexscan.c
 *     Index scans and index-only scans of a heap relation through a B-tree
 *     (access/genam.h), under the query's snapshot.
 * Entry points: ExecInitIndexScan(), ExecEndIndexScan(), ExecReScanIndexScan(),
 * and the same for IndexOnlyScan.
 *
 * The scan keys' arguments are evaluated at the first fetch after each
 * (re)scan, so Params set by a parameterized nested loop take effect on
 * its ExecReScan.  A key compared with NULL matches nothing (operators are
 * strict): the scan then returns no rows without touching the index.
 *
 * Index-only scans take the columns from the index entry.  When the
 * visibility map says the entry's heap page is all-visible, every tuple on
 * it is visible to every snapshot, so the entry is returned without
 * visiting the heap; otherwise the heap tuple is fetched to decide
 * visibility and counted in heap_fetches ("Heap Fetches" in EXPLAIN
 * ANALYZE).  The VM page stays pinned between rows (vmbuf).
 *
 * Why the map may be trusted for an entry the index returned earlier: the
 * scan asks the index to keep the page of the entries it returns pinned
 * (keep_pin), and VACUUM removes index entries only under a cleanup lock
 * on that page.  So while we look at the map, VACUUM has not yet removed
 * this entry (if it names a dead version), has therefore not freed its
 * line pointer, and a page with a dead version or an LP_DEAD pointer is
 * never all-visible.  Without the pin, VACUUM could remove the entry, free
 * the line pointer and mark the page all-visible between the index read
 * and the map test, and the dead version would be counted (seen as too
 * many rows by test/bin/concurrency_stress_test.sh).
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/visibilitymap.h"
#include "catalog/index.h"
#include "executor_int.h"
#include "pgstat.h"
#include "storage/bufmgr.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/* Evaluate the key arguments for a new scan; sets no_rows when one is NULL. */
static void
prepare_keys(IndexScanState *node)
{
    IndexScan  *plan = (IndexScan *) node->ss.ps.plan;
    ExprContext *econtext = node->ss.ps.ps_ExprContext;
    ListCell   *lc;
    int         k = 0;

    node->no_rows = false;
    MemoryContextReset(node->keycxt);
    foreach(lc, node->keyexprs)
    {
        ExprState  *es = (ExprState *) lfirst(lc);
        ScanKey     key = &node->keys[k];
        int         flags = list_nth_int(plan->indexkeyflags, k);

        ScanKeyInit(key, list_nth_int(plan->indexkeyattnos, k),
                    list_nth_int(plan->indexkeystrategies, k), (Datum) 0);
        key->sk_flags = (uint16) flags;
        if (es != NULL)
        {
            bool        isnull;
            Datum       v;
            MemoryContext old = MemoryContextSwitchTo(node->keycxt);

            /* the value must outlive per-row resets: evaluate into the key context */
            v = ExecEvalExpr(es, econtext, &isnull);
            MemoryContextSwitchTo(old);
            if (isnull)
                node->no_rows = true;
            key->sk_argument = v;
        }
        k++;
    }
    node->keys_ready = true;
}

static void
start_scan(IndexScanState *node)
{
    EState     *estate = node->ss.ps.state;
    MemoryContext old;

    prepare_keys(node);
    if (node->no_rows)
        return;
    old = MemoryContextSwitchTo(estate->es_query_cxt);
    if (node->scandesc == NULL)
    {
        node->scandesc = index_beginscan(node->ss.ss_currentRelation, node->indexrel,
                                         estate->es_snapshot, Max(node->nkeys, 1));
        node->scandesc->keep_pin = node->index_only;    /* see the header comment */
    }
    index_rescan(node->scandesc, node->keys, node->nkeys);
    MemoryContextSwitchTo(old);
    pgstat_count_index_scan(RelationGetRelid(node->indexrel),
                            RelationGetRelid(node->ss.ss_currentRelation));
}

/* Index-only: the next entry whose row is visible; NULL at the end. */
static ItemPointer
indexonly_next_tid(IndexScanState *node)
{
    IndexScanDesc scan = node->scandesc;
    ItemPointer tid;

    while ((tid = index_getnext_tid(scan, (ScanDirection) node->direction)) != NULL)
    {
        if (VisibilityMapTest(node->ss.ss_currentRelation, ItemPointerGetBlockNumber(tid),
                              &node->vmbuf))
            return tid;
        node->heap_fetches++;
        if (index_fetch_heap(scan) != NULL)
            return tid;
    }
    return NULL;
}

static TupleTableSlot *
indexscan_next(ScanState *ss)
{
    IndexScanState *node = (IndexScanState *) ss;
    TupleTableSlot *slot = ss->ss_ScanTupleSlot;

    if (!node->keys_ready)
        start_scan(node);
    if (node->no_rows)
        return ExecClearTuple(slot);
    ExecClearTuple(slot);
    if (node->index_only)
    {
        Datum       ivalues[INDEX_MAX_KEYS];
        bool        inulls[INDEX_MAX_KEYS];
        ItemPointer tid = indexonly_next_tid(node);

        if (tid == NULL)
            return slot;
        node->rows_fetched++;
        /* columns not in the index are never read by the plan */
        for (int i = 0; i < slot->natts; i++)
            slot->isnull[i] = true;
        index_deform_entry(node->scandesc, ivalues, inulls);
        for (int i = 0; i < node->index_natts; i++)
        {
            slot->values[node->attmap[i] - 1] = ivalues[i];
            slot->isnull[node->attmap[i] - 1] = inulls[i];
        }
        slot->tid = *tid;
    }
    else
    {
        HeapTuple   tuple = index_getnext_tuple(node->scandesc,
                                                (ScanDirection) node->direction);

        if (tuple == NULL)
            return slot;
        node->rows_fetched++;
        RelationDeformTuple(ss->ss_currentRelation, tuple, slot->values, slot->isnull);
        slot->tid = tuple->t_self;
    }
    slot->tableOid = RelationGetRelid(ss->ss_currentRelation);
    return ExecStoreVirtualTuple(slot);
}

static TupleTableSlot *
exec_indexscan(PlanState *ps)
{
    return ExecScan((ScanState *) ps, indexscan_next);
}

static IndexScanState *
init_scan(IndexScan *node, EState *estate, NodeTag tag, bool index_only)
{
    IndexScanState *state = (IndexScanState *) ExecMakePlanState(sizeof(IndexScanState), tag,
                                                                 (Plan *) node, estate);
    Relation    rel = ExecOpenScanRelation(estate, node->scan.scanrelid);
    ListCell   *lc;

    state->ss.ss_currentRelation = rel;
    state->ss.ps.ExecProcNode = exec_indexscan;
    state->index_only = index_only;
    state->vmbuf = InvalidBuffer;
    state->direction = node->indexorderdir == BackwardScanDirection ?
        BackwardScanDirection : ForwardScanDirection;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, RelationGetDescr(rel));
    /* kept open (and locked) to the end of the query; closed by ExecEndIndexScan */
    state->indexrel = index_open(node->indexid, AccessShareLock);
    state->nkeys = list_length(node->indexkeyattnos);
    state->keycxt = MemoryContextCreate(estate->es_query_cxt, "IndexScan keys");
    state->keys = (ScanKey) palloc0(sizeof(ScanKeyData) * Max(state->nkeys, 1));
    foreach(lc, node->indexkeyexprs)
    {
        Node       *e = (Node *) lfirst(lc);

        state->keyexprs = lappend(state->keyexprs, e ? ExecInitExpr(e, &state->ss.ps) : NULL);
    }
    if (index_only)
    {
        IndexInfo  *info = IndexInfoFromCatalog(node->indexid);

        state->index_natts = info->natts;
        state->attmap = (int *) palloc0(sizeof(int) * Max(info->natts, 1));
        for (int i = 0; i < info->natts; i++)
            state->attmap[i] = info->attnums[i];
    }
    return state;
}

IndexScanState *
ExecInitIndexScan(IndexScan *node, EState *estate, int eflags)
{
    (void) eflags;
    return init_scan(node, estate, T_IndexScanState, false);
}

IndexOnlyScanState *
ExecInitIndexOnlyScan(IndexOnlyScan *node, EState *estate, int eflags)
{
    (void) eflags;
    return init_scan(&node->iscan, estate, T_IndexOnlyScanState, true);
}

void
ExecEndIndexScan(IndexScanState *node)
{
    if (node->rows_fetched > 0 || node->scandesc != NULL)
        pgstat_count_index_tuples(RelationGetRelid(node->indexrel),
                                  RelationGetRelid(node->ss.ss_currentRelation),
                                  node->scandesc ? (int64) node->scandesc->entries_returned : 0,
                                  node->rows_fetched);
    if (BufferIsValid(node->vmbuf))
        ReleaseBuffer(node->vmbuf);
    node->vmbuf = InvalidBuffer;
    if (node->scandesc)
        index_endscan(node->scandesc);
    node->scandesc = NULL;
    if (node->indexrel)
        index_close(node->indexrel, NoLock);
    node->indexrel = NULL;
}

void
ExecEndIndexOnlyScan(IndexOnlyScanState *node)
{
    ExecEndIndexScan(node);
}

/* Rescan: parameters may have changed; keys are re-evaluated at the next fetch. */
void
ExecReScanIndexScan(IndexScanState *node)
{
    node->keys_ready = false;
}

void
ExecReScanIndexOnlyScan(IndexOnlyScanState *node)
{
    ExecReScanIndexScan(node);
}
