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
 * before each write.
 * XXX: a row concurrently updated by a committed transaction raises 40001
 * instead of re-checking the newer version (READ COMMITTED EvalPlanQual is
 * not implemented yet).
 */
#include "rustydb.h"

#include "executor_int.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "parser/analyze.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/* "(1, null, abc)": the row as PostgreSQL prints it in constraint errors. */
static char *
row_text(TupleDesc desc, const Datum *values, const bool *isnull)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (att->attisdropped)
            continue;
        if (buf.len > 1)
            appendStringInfoString(&buf, ", ");
        if (isnull[i])
            appendStringInfoString(&buf, "null");
        else
            appendStringInfoString(&buf, OutputFunctionCall(att->atttypid, values[i]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

static void
check_constraints(ModifyTableState *node, TupleTableSlot *row)
{
    Relation    rel = node->resultRel;
    TupleDesc   desc = RelationGetDescr(rel);
    ExprContext *econtext = node->ps.ps_ExprContext;
    ListCell   *lc;

    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (att->attnotnull && !att->attisdropped && row->isnull[i])
            ereport(ERROR, errcode(ERRCODE_NOT_NULL_VIOLATION),
                    errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                           att->attname.data, RelationGetRelationName(rel)),
                    errdetail("Failing row contains %s.", row_text(desc, row->values, row->isnull)));
    }
    econtext->scantuple = row;
    foreach(lc, node->checks)
    {
        bool        isnull;
        Datum       ok = ExecEvalExprSwitchContext((ExprState *) lfirst(lc), econtext, &isnull);

        /* NULL passes a CHECK constraint */
        if (!isnull && !DatumGetBool(ok))
            ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                    errmsg("new row for relation \"%s\" violates check constraint",
                           RelationGetRelationName(rel)),
                    errdetail("Failing row contains %s.", row_text(desc, row->values, row->isnull)));
    }
}

static void
decode_ctid(TupleTableSlot *slot, int col, ItemPointerData *tid)
{
    int64       v;

    if (col <= 0 || slot->isnull[col - 1])
        elog(ERROR, "ctid is NULL");
    v = DatumGetInt64(slot->values[col - 1]);
    ItemPointerSet(tid, (BlockNumber) (v >> 16), (OffsetNumber) (v & 0xFFFF));
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

/* Apply one subplan row; returns true if a row was written (for RETURNING). */
static bool
apply_row(ModifyTableState *node, TupleTableSlot *in)
{
    ModifyTable *plan = (ModifyTable *) node->ps.plan;
    EState     *estate = node->ps.state;
    Relation    rel = node->resultRel;
    TupleDesc   desc = RelationGetDescr(rel);
    TupleTableSlot *row = node->rowslot;
    HeapTuple   tup;
    ItemPointerData tid;
    TM_FailureData tmfd;
    TM_Result   res;
    int         ncopy = Min(desc->natts, in->natts);

    ExecClearTuple(row);
    memcpy(row->values, in->values, sizeof(Datum) * ncopy);
    memcpy(row->isnull, in->isnull, sizeof(bool) * ncopy);
    for (int i = ncopy; i < desc->natts; i++)
        row->isnull[i] = true;
    ExecStoreVirtualTuple(row);

    switch (node->operation)
    {
        case CMD_INSERT:
            check_constraints(node, row);
            tup = heap_form_tuple(desc, row->values, row->isnull);
            heap_insert(rel, tup, estate->es_output_cid);
            row->tid = tup->t_self;
            row->tableOid = RelationGetRelid(rel);
            return true;
        case CMD_UPDATE:
            decode_ctid(in, plan->ctidColNo, &tid);
            check_constraints(node, row);
            tup = heap_form_tuple(desc, row->values, row->isnull);
            res = heap_update(rel, &tid, tup, estate->es_output_cid, InvalidSnapshot, true, &tmfd);
            report_tm_failure(res);
            if (res != TM_Ok)
                return false;   /* already updated by this statement */
            row->tid = tup->t_self;
            row->tableOid = RelationGetRelid(rel);
            return true;
        case CMD_DELETE:
            decode_ctid(in, plan->ctidColNo, &tid);
            res = heap_delete(rel, &tid, estate->es_output_cid, InvalidSnapshot, true, &tmfd);
            report_tm_failure(res);
            if (res != TM_Ok)
                return false;
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
            return NULL;
        }
        old = MemoryContextSwitchTo(node->rowcxt);
        written = apply_row(node, in);
        MemoryContextSwitchTo(old);
        if (!written)
            continue;
        estate->es_processed++;
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
    ListCell   *lc;

    state->ps.ExecProcNode = exec_modifytable;
    state->operation = node->operation;
    rel = ExecOpenScanRelation(estate, node->resultRelation);
    if (rel->rd_relkind != RELKIND_RELATION)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot change relation \"%s\"", RelationGetRelationName(rel)));
    state->resultRel = rel;
    state->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&state->ps);
    state->rowslot = MakeTupleTableSlot(RelationGetDescr(rel));
    state->rowcxt = MemoryContextCreate(estate->es_query_cxt, "ModifyTable row");
    if (node->operation != CMD_DELETE)
    {
        foreach(lc, RelationGetCheckConstraints(rel))
        {
            const char *text = (const char *) lfirst(lc);
            Node       *expr = AnalyzeExpressionForRelation(text, rel, "check constraint");

            state->checks = lappend(state->checks, ExecInitExpr(expr, &state->ps));
        }
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

void
ExecEndModifyTable(ModifyTableState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanModifyTable(ModifyTableState *node)
{
    (void) node;
    elog(ERROR, "ModifyTable cannot be rescanned");
}
