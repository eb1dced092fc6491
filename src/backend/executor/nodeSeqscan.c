/*
 * nodeSeqscan.c
 *     Sequential scan of a heap relation under the query's snapshot.
 * Entry points: ExecInitSeqScan(), ExecEndSeqScan(), ExecReScanSeqScan().
 * Rows are deformed into the scan slot; by-reference values point into the
 * pinned page and stay valid until the next row is fetched.
 */
#include "rustydb.h"

#include "executor_int.h"
#include "pgstat.h"
#include "utils/relcache.h"

static TupleTableSlot *
seqscan_next(ScanState *ss)
{
    SeqScanState *node = (SeqScanState *) ss;
    HeapTuple   tuple;

    if (node->scandesc == NULL)
    {
        /* the scan must outlive the caller's per-row memory */
        MemoryContext old = MemoryContextSwitchTo(ss->ps.state->es_query_cxt);

        node->scandesc = heap_beginscan(ss->ss_currentRelation, ss->ps.state->es_snapshot);
        MemoryContextSwitchTo(old);
        pgstat_count_seq_scan(RelationGetRelid(ss->ss_currentRelation));   /* pgstat.h */
    }
    tuple = heap_getnext(node->scandesc);
    if (tuple == NULL)
        return ExecClearTuple(ss->ss_ScanTupleSlot);
    /* RelationDeformTuple also fills columns added after the row was stored */
    ExecClearTuple(ss->ss_ScanTupleSlot);
    RelationDeformTuple(ss->ss_currentRelation, tuple, ss->ss_ScanTupleSlot->values,
                        ss->ss_ScanTupleSlot->isnull);
    ss->ss_ScanTupleSlot->tid = tuple->t_self;
    ss->ss_ScanTupleSlot->tableOid = RelationGetRelid(ss->ss_currentRelation);
    return ExecStoreVirtualTuple(ss->ss_ScanTupleSlot);
}

static TupleTableSlot *
exec_seqscan(PlanState *ps)
{
    TupleTableSlot *slot = ExecScan((ScanState *) ps, seqscan_next);

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

    (void) eflags;
    state->ss.ss_currentRelation = rel;
    state->ss.ps.ExecProcNode = exec_seqscan;
    ExecInitScanNode(&state->ss, (Plan *) node, estate, RelationGetDescr(rel));
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
