/*
 * execRecheck.c
 *     READ COMMITTED re-checks of a row's newest version (PostgreSQL's
 *     EvalPlanQual): re-run a scan node's conditions and projection on one
 *     given row version; re-run a whole join subplan on substituted rows
 *     (the newest version of the changed row, the same rows as before of
 *     the other relations); read a row identity (ctid) column.
 * Entry points: ExecScanRecheckRow(), ExecEPQCreate(), ExecEPQRun(),
 * ExecEPQEnd(), ExecSlotGetCtid().
 *
 * Used by ModifyTable (UPDATE/DELETE that meet a concurrently updated row)
 * and LockRows (SELECT ... FOR UPDATE/SHARE).  A single scan of the table
 * is re-checked in place (ExecScanRecheckRow).  A join is re-run in a
 * second copy of the subplan (EPQState): the planner gave every base
 * relation of the join a resjunk ctid column (optimizer/planner.c,
 * add_epq_ctids), the caller fetches each relation's row by that ctid and
 * the changed relation's newest version, and each scan of those relations
 * in the copy returns exactly that row (if it still passes the scan's
 * conditions), once per rescan.  The join's own conditions then decide.
 * Relations inside subqueries of the FROM list are not substituted: they
 * are scanned again under the statement's snapshot (XXX: PostgreSQL keeps
 * their rows too, as whole-row copies).
 */
#include "rustydb.h"

#include "executor_int.h"
#include "miscadmin.h"
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

/* ---------------- re-running a join on substituted rows ---------------- */

/*
 * ExecEPQCreate -- re-check state for subplan plan over the nrels base
 * relations rtis (global range-table indexes), in the query context.
 * Opens the relations (ExecOpenScanRelation); the copy of the plan is
 * built on first use.
 */
EPQState *
ExecEPQCreate(EState *estate, Plan *plan, int nrels, const int *rtis)
{
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    EPQState   *epq = palloc0(sizeof(EPQState));

    epq->plan = plan;
    epq->nrels = nrels;
    epq->rtis = palloc(sizeof(int) * (Size) nrels);
    epq->rels = palloc(sizeof(Relation) * (Size) nrels);
    epq->tuples = palloc0(sizeof(HeapTuple) * (Size) nrels);
    epq->scans = palloc0(sizeof(ScanState *) * (Size) nrels);
    epq->scan_rel = palloc0(sizeof(int) * (Size) nrels);
    for (int i = 0; i < nrels; i++)
    {
        epq->rtis[i] = rtis[i];
        epq->rels[i] = ExecOpenScanRelation(estate, rtis[i]);
    }
    MemoryContextSwitchTo(old);
    return epq;
}

/* The relation scan of a substituted relation returns its one row. */
static TupleTableSlot *
exec_epq_scan(PlanState *ps)
{
    ScanState  *ss = (ScanState *) ps;

    CHECK_FOR_INTERRUPTS();
    if (ss->ss_epq_done || ss->ss_epq_tuple == NULL)
    {
        ss->ss_epq_done = true;
        return NULL;
    }
    ss->ss_epq_done = true;
    return ExecScanRecheckRow(ss, ss->ss_epq_tuple);
}

/* Find the copy's scans of the substituted relations and redirect them. */
static void
hook_scans(EPQState *epq, PlanState *ps)
{
    if (ps == NULL)
        return;
    if (ExecScanCanRecheck(ps))
    {
        int         scanrelid = (int) ((Scan *) ps->plan)->scanrelid;

        for (int i = 0; i < epq->nrels; i++)
        {
            if (epq->rtis[i] != scanrelid || epq->nscans >= epq->nrels)
                continue;
            ((ScanState *) ps)->ss_epq_active = true;
            ps->ExecProcNode = exec_epq_scan;
            epq->scans[epq->nscans] = (ScanState *) ps;
            epq->scan_rel[epq->nscans++] = i;
            break;
        }
    }
    hook_scans(epq, ps->lefttree);
    hook_scans(epq, ps->righttree);
}

/*
 * ExecEPQRun -- re-run the subplan with every substituted relation scan
 * returning epq->tuples[i] (set by the caller; NULL: no row), and return
 * its first output row, or NULL if the join no longer produces one.  The
 * row lives in the copy's slots: valid until the next ExecEPQRun or
 * ExecEPQEnd.  The tuples must stay valid as long.
 */
TupleTableSlot *
ExecEPQRun(EPQState *epq, EState *estate)
{
    TupleTableSlot *slot;
    ParamExecData *saved = NULL;
    Size        param_bytes = sizeof(ParamExecData) * (Size) estate->es_num_param_exec;

    /*
     * The copy shares the statement's PARAM_EXEC slots (nested-loop
     * parameters, initplan results): keep the main plan's values, which its
     * nodes may still read for the rows after this one.
     */
    if (param_bytes > 0)
    {
        saved = palloc(param_bytes);
        memcpy(saved, estate->es_param_exec_vals, param_bytes);
    }
    if (epq->tree == NULL)
    {
        epq->tree = ExecInitNode(epq->plan, estate, 0);
        hook_scans(epq, epq->tree);
    }
    else
        ExecReScan(epq->tree);
    for (int i = 0; i < epq->nscans; i++)
    {
        epq->scans[i]->ss_epq_tuple = epq->tuples[epq->scan_rel[i]];
        epq->scans[i]->ss_epq_done = false;
    }
    slot = ExecProcNode(epq->tree);
    if (saved != NULL)
    {
        memcpy(estate->es_param_exec_vals, saved, param_bytes);
        pfree(saved);
    }
    return TupIsNull(slot) ? NULL : slot;
}

/* ExecEPQEnd -- shut the copy down (releases what its nodes hold). */
void
ExecEPQEnd(EPQState *epq)
{
    if (epq != NULL && epq->tree != NULL)
    {
        ExecEndNode(epq->tree);
        epq->tree = NULL;
        epq->nscans = 0;
    }
}
