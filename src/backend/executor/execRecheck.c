/*
 * execRecheck.c
 *     READ COMMITTED re-checks of a row's newest version (the part of
 *     PostgreSQL's EvalPlanQual this executor has): re-run a scan node's
 *     conditions and projection on one given row version, and read a row
 *     identity (ctid) column.
 * Entry points: ExecScanRecheckRow(), ExecSlotGetCtid().
 *
 * Used by ModifyTable (UPDATE/DELETE that meet a concurrently updated row)
 * and LockRows (SELECT ... FOR UPDATE/SHARE).  Only the plan shape "one scan
 * of the table, possibly under nodes that pass its rows through unchanged"
 * can be re-checked this way: re-checking a join would need every scan of
 * the join to return a substituted row (XXX: see README, "Known limits").
 */
#include "rustydb.h"

#include "executor_int.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/*
 * ExecScanRecheckRow -- evaluate scan node ss on the row version tup of its
 * relation instead of the row it last produced: deform tup into the scan
 * slot, test the qual (and, for index scans, the index conditions the index
 * applied), and project.  Returns the node's output row (its result slot,
 * or the scan slot when it has no projection), or NULL if tup no longer
 * qualifies.  The slot's by-reference values point into tup, which the
 * caller keeps alive while it uses the row; the node's per-tuple memory
 * holds the projection.  ss must be a SeqScan, IndexScan or IndexOnlyScan
 * (ExecScanCanRecheck).  Raises ERROR only through expression evaluation.
 */
TupleTableSlot *
ExecScanRecheckRow(ScanState *ss, HeapTuple tup)
{
    PlanState  *ps = &ss->ps;
    Relation    rel = ss->ss_currentRelation;
    TupleTableSlot *slot = ss->ss_ScanTupleSlot;
    ExprContext *econtext = ps->ps_ExprContext;

    Assert(ExecScanCanRecheck(ps));
    ResetExprContext(econtext);
    ExecClearTuple(slot);
    RelationDeformTuple(rel, tup, slot->values, slot->isnull);
    slot->tid = tup->t_self;
    slot->tableOid = RelationGetRelid(rel);
    ExecStoreVirtualTuple(slot);
    econtext->scantuple = slot;
    if (!ExecQual(ps->qual, econtext))
        return NULL;
    if (!IsA(ps, SeqScanState))
    {
        IndexScanState *is = (IndexScanState *) ss;
        List       *quals = ((IndexScan *) ps->plan)->indexqualorig;

        /* the index applied these conditions, the qual did not: check them too */
        if (is->epq_indexquals == NIL && quals != NIL)
        {
            MemoryContext old = MemoryContextSwitchTo(ps->state->es_query_cxt);

            is->epq_indexquals = ExecInitExprList(quals, ps);
            MemoryContextSwitchTo(old);
        }
        if (!ExecQual(is->epq_indexquals, econtext))
            return NULL;
    }
    return ps->ps_ProjInfo ? ExecProject(ps->ps_ProjInfo) : slot;
}

/* ExecScanCanRecheck -- true if ps is a scan node ExecScanRecheckRow handles. */
bool
ExecScanCanRecheck(PlanState *ps)
{
    return ps != NULL && (IsA(ps, SeqScanState) || IsA(ps, IndexScanState) ||
                          IsA(ps, IndexOnlyScanState));
}

/*
 * ExecSlotGetCtid -- read the row identity in column col (1-based; ctid
 * travels as int8, block << 16 | offset) of slot into *tid.  Returns false
 * if the column is NULL (the NULL side of an outer join).
 */
bool
ExecSlotGetCtid(TupleTableSlot *slot, int col, ItemPointer tid)
{
    int64       v;

    if (col <= 0 || col > slot->natts)
        elog(ERROR, "ctid column %d out of range", col);
    if (slot->isnull[col - 1])
        return false;
    v = DatumGetInt64(slot->values[col - 1]);
    ItemPointerSet(tid, (BlockNumber) (v >> 16), (OffsetNumber) (v & 0xFFFF));
    return true;
}
