/*
 * nodeSeqscan.c
 *     Sequential scan of a heap relation under the query's snapshot.
 * Entry points: ExecInitSeqScan(), ExecEndSeqScan(), ExecReScanSeqScan().
 * Rows are deformed into the scan slot; by-reference values point into the
 * pinned page and stay valid until the next row is fetched.
 *
 * Only the columns the qual reads are deformed before the qual runs; a row
 * that passes is then deformed up to the last column the projection or the
 * parent needs (seqscan_complete).  Why: in a selective scan almost every
 * row fails the qual, and decoding all of its columns was the largest
 * per-row cost (an UPDATE ... WHERE aid = $1 without an index).
 */
#include "rustydb.h"

#include "executor_int.h"
#include "pgstat.h"
#include "utils/relcache.h"

/* Deform the first natts columns of the current row into the scan slot. */
static inline void
deform_columns(SeqScanState *node, int natts)
{
    TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
    HeapTuple   tuple = node->curtuple;

    heap_deform_tuple_prefix(tuple, slot->desc, natts, slot->values, slot->isnull);
    if (node->has_missing)
        RelationFillMissing(node->ss.ss_currentRelation, HeapTupleHeaderGetNatts(tuple->t_data),
                            slot->values, slot->isnull);
}

static TupleTableSlot *
seqscan_next(ScanState *ss)
{
    SeqScanState *node = (SeqScanState *) ss;
    TupleTableSlot *slot = ss->ss_ScanTupleSlot;
    HeapTuple   tuple;

    if (node->scandesc == NULL)
    {
        /* the scan must outlive the caller's per-row memory */
        MemoryContext old = MemoryContextSwitchTo(ss->ps.state->es_query_cxt);

        node->scandesc = heap_beginscan(ss->ss_currentRelation, ss->ps.state->es_snapshot);
        MemoryContextSwitchTo(old);
        /* ADD COLUMN takes an exclusive lock, so this cannot change during the scan */
        node->has_missing = RelationHasMissingValues(ss->ss_currentRelation);
        pgstat_count_seq_scan(RelationGetRelid(ss->ss_currentRelation));   /* pgstat.h */
    }
    tuple = heap_getnext(node->scandesc);
    ExecClearTuple(slot);
    node->curtuple = tuple;
    if (tuple == NULL)
        return slot;
    /* also fills columns added after the row was stored (RelationFillMissing) */
    deform_columns(node, node->qual_natts);
    slot->tid = tuple->t_self;
    slot->tableOid = RelationGetRelid(ss->ss_currentRelation);
    return ExecStoreVirtualTuple(slot);
}

/* The row passed the qual: deform the columns the qual did not need. */
static void
seqscan_complete(ScanState *ss, TupleTableSlot *slot)
{
    SeqScanState *node = (SeqScanState *) ss;

    Assert(slot == ss->ss_ScanTupleSlot && node->curtuple != NULL);
    (void) slot;
    if (node->need_natts > node->qual_natts)
        deform_columns(node, node->need_natts);
}

static TupleTableSlot *
exec_seqscan(PlanState *ps)
{
    TupleTableSlot *slot = ExecScanExtended((ScanState *) ps, seqscan_next, seqscan_complete);

    if (!TupIsNull(slot))
        ((SeqScanState *) ps)->stat_rows_returned++;    /* pgstat.h */
    return slot;
}

/*
 * end_scan -- end the current heap scan and hand its figures to the
 * statistics (pgstat.h): rows read, and the rows that passed the quals for
 * the missing-index evidence.
 */
static void
end_scan(SeqScanState *node)
{
    if (node->scandesc == NULL)
        return;
    node->stat_rows_scanned += (int64) node->scandesc->rs_tuples_returned;
    heap_endscan(node->scandesc);
    node->scandesc = NULL;
    pgstat_report_seqscan(node->ss.ss_currentRelation, node->ss.ps.plan->qual,
                          node->stat_rows_scanned, node->stat_rows_returned);
    node->stat_rows_scanned = 0;
    node->stat_rows_returned = 0;
}

SeqScanState *
ExecInitSeqScan(SeqScan *node, EState *estate, int eflags)
{
    SeqScanState *state = (SeqScanState *) ExecMakePlanState(sizeof(SeqScanState),
                                                             T_SeqScanState,
                                                             (Plan *) node, estate);
    Relation    rel = ExecOpenScanRelation(estate, node->scan.scanrelid);
    int         natts;

    (void) eflags;
    state->ss.ss_currentRelation = rel;
    state->ss.ps.ExecProcNode = exec_seqscan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, RelationGetDescr(rel));
    /*
     * Without a projection the scan slot itself goes to the parent, which
     * may read any column; with one, only the projection reads it.
     */
    natts = RelationGetDescr(rel)->natts;
    if (state->ss.ps.ps_ProjInfo == NULL)
        state->need_natts = natts;
    else
        state->need_natts = Min(natts, Max(ExecMaxVarAttno((Node *) node->scan.plan.targetlist),
                                           ExecMaxVarAttno((Node *) node->scan.plan.qual)));
    if (node->scan.plan.qual == NIL)
        state->qual_natts = state->need_natts;
    else
        state->qual_natts = Min(state->need_natts,
                                ExecMaxVarAttno((Node *) node->scan.plan.qual));
    return state;
}

void
ExecEndSeqScan(SeqScanState *node)
{
    end_scan(node);
}

/* Rescan: end the old scan; the next fetch starts a new one (same snapshot). */
void
ExecReScanSeqScan(SeqScanState *node)
{
    end_scan(node);
}
