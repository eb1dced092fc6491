/*
 * analyze_dml.c
 *     INSERT, UPDATE and DELETE: the result relation, the new values as a
 *     target list indexed by attribute number, column defaults, the row
 *     identity (ctid) for UPDATE/DELETE, and RETURNING.
 * Entry points: TransformInsertStmt(), TransformUpdateStmt(),
 * TransformDeleteStmt(), TransformReturningList().
 *
 * There is no rewriter: INSERT's target list is complete (one entry per
 * attribute, defaults and NULLs filled in) and DEFAULT markers are
 * replaced by the column's default expression here, so the executor never
 * sees a SetToDefault.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "nodes/nodeFuncs.h"
#include "nodes/value.h"
#include "utils/relcache.h"

static Node *transform_update_value(ParseState *pstate, ResTarget *rt);
static List *transform_set_list(ParseState *pstate, List *set_list);

static void
check_target_relkind(ParseState *pstate, Relation rel, const char *verb, int location)
{
    char        k = rel->rd_relkind;

    if (k == RELKIND_RELATION || k == RELKIND_PARTITIONED_TABLE)
        return;
    if (k == RELKIND_VIEW)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot %s view \"%s\"", verb, RelationGetRelationName(rel)),
                errhint("Views are not updatable; change the underlying table instead."),
                errposition(ParserErrPos(pstate, location)));
    ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
            errmsg("cannot change relation \"%s\"", RelationGetRelationName(rel)),
            errdetail("\"%s\" is not a table.", RelationGetRelationName(rel)),
            errposition(ParserErrPos(pstate, location)));
}

/* open the DML target, add its RTE, remember it in pstate */
static int
set_target_table(ParseState *pstate, RangeVar *rv, const char *verb)
{
    Relation    rel;
    int         rtindex;
    RangeTblEntry *rte = AddRangeTableEntryForRelation(pstate, rv, RowExclusiveLock, &rel,
                                                       &rtindex);

    check_target_relkind(pstate, rel, verb, rv->location);
    pstate->target_relation = rel;
    pstate->target_nsitem = MakeNamespaceItem(rte, rtindex, true, true);
    return rtindex;
}

/* attribute number of column name in the target; 42703 if none */
static int
target_attno(ParseState *pstate, const char *name, int location)
{
    TupleDesc   desc = RelationGetDescr(pstate->target_relation);

    for (int i = 0; i < desc->natts; i++)
    {
        AttributeData *att = TupleDescAttr(desc, i);

        if (!att->attisdropped && strcmp(att->attname.data, name) == 0)
            return i + 1;
    }
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
            errmsg("column \"%s\" of relation \"%s\" does not exist", name,
                   RelationGetRelationName(pstate->target_relation)),
            errposition(ParserErrPos(pstate, location)));
    return 0;
}

/* the value a column gets when none is given: its default, else NULL */
static Node *
default_for_column(ParseState *pstate, int attno)
{
    Relation    rel = pstate->target_relation;
    AttributeData *att = TupleDescAttr(RelationGetDescr(rel), attno - 1);
    Node       *def;

    if (att->attisdropped)
        return MakeTypedNullConst(INT4OID, -1);
    def = AnalyzeColumnDefault(rel, attno);
    if (def != NULL)
        return def;
    return MakeTypedNullConst(att->atttypid, att->atttypmod);
}

/* replace DEFAULT markers by the column's default expression */
static Node *
resolve_default(ParseState *pstate, Node *expr, int attno)
{
    if (expr != NULL && IsA(expr, SetToDefault))
        return default_for_column(pstate, attno);
    return expr;
}

static void
finish_target_relation(ParseState *pstate)
{
    if (pstate->target_relation)
        table_close(pstate->target_relation, NoLock);
    pstate->target_relation = NULL;
}

/*
 * TransformReturningList -- RETURNING over the result relation (and any
 * FROM/USING items): a target list like SELECT's, unknowns resolved.
 */
List *
TransformReturningList(ParseState *pstate, List *returning)
{
    List       *tlist;
    int         save_resno = pstate->next_resno;

    if (returning == NIL)
        return NIL;
    pstate->next_resno = 1;
    tlist = TransformTargetList(pstate, returning, EXPR_KIND_RETURNING);
    pstate->next_resno = save_resno;
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in %s", "RETURNING"));
    MarkTargetListOrigins(pstate, tlist);
    ResolveTargetListUnknowns(pstate, tlist);
    return tlist;
}

/*
 * conflict_constraint_index -- ON CONFLICT ON CONSTRAINT name: the index
 * of the table's constraint called name (InvalidOid for a constraint
 * without one: CHECK, FOREIGN KEY); 42704 if there is no such constraint.
 */
static Oid
conflict_constraint_index(Relation rel, const char *name)
{
    Relation    conrel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(conrel);
    FormData_pg_constraint row;
    ItemPointerData tid;
    bool        found = false;
    Oid         result = InvalidOid;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.conrelid == RelationGetRelid(rel) && strcmp(NameStr(row.conname), name) == 0)
        {
            found = true;
            if (row.contype == 'p' || row.contype == 'u')
                result = row.conindid;
        }
    }
    CatalogEndScan(scan);
    table_close(conrel, AccessShareLock);
    if (!found)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("constraint \"%s\" for table \"%s\" does not exist", name,
                       RelationGetRelationName(rel)));
    return result;
}

/*
 * transform_on_conflict -- INSERT ... ON CONFLICT.  The conflict target's
 * columns and WHERE see the target table only; DO UPDATE's SET and WHERE
 * see it (under its alias) and EXCLUDED, an RTE_RELATION copy of the
 * target that is in no join tree (the executor supplies the proposed row
 * for its Vars).  Both are visible unqualified, as in PostgreSQL, so a
 * bare column name there is ambiguous.  Arbiter indexes are inferred by
 * the planner (optimizer/indxpath.c InferArbiterIndexes).
 */
static OnConflictExpr *
transform_on_conflict(ParseState *pstate, OnConflictClause *oc, int result_relation)
{
    OnConflictExpr *res = makeNode(OnConflictExpr);
    InferClause *infer = oc->infer;
    List       *save_ns = pstate->namespace;
    ListCell   *lc;

    res->do_update = oc->action == ONCONFLICT_UPDATE;
    res->exclRelIndex = 0;

    if (infer != NULL)
    {
        pstate->namespace = list_make1(pstate->target_nsitem);
        if (infer->conname != NULL)
        {
            res->constraintIndex = conflict_constraint_index(pstate->target_relation,
                                                             infer->conname);
            if (!OidIsValid(res->constraintIndex))
                ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                        errmsg("constraint in ON CONFLICT clause has no associated index"));
        }
        foreach(lc, infer->indexElems)
        {
            IndexElem  *elem = lfirst(lc);
            Node       *e;

            if (elem->name != NULL)
            {
                ColumnRef  *cr = makeNode(ColumnRef);

                cr->fields = list_make1(makeString(elem->name));
                cr->location = infer->location;     /* PostgreSQL blames the "(" */
                e = TransformExpr(pstate, (Node *) cr, EXPR_KIND_INDEX_PREDICATE);
            }
            else
                e = TransformExpr(pstate, elem->expr, EXPR_KIND_INDEX_PREDICATE);
            /*
             * Only plain columns can match: there are no expression indexes.
             * Indexes use the column's collation, so an explicit other one
             * matches nothing (XXX: operator classes are not compared).
             */
            if (IsA(e, Var) && ((Var *) e)->varno == result_relation &&
                ((Var *) e)->varattno > 0 && ((Var *) e)->varlevelsup == 0 &&
                (elem->collation == NIL ||
                 (list_length(elem->collation) == 1 &&
                  strcmp(strVal(linitial(elem->collation)), "default") == 0)))
                res->arbiterAttnos = lappend_int(res->arbiterAttnos, ((Var *) e)->varattno);
            else
                res->arbiterAttnos = lappend_int(res->arbiterAttnos, 0);
        }
        if (infer->whereClause != NULL)
            res->arbiterWhere = TransformWhereClause(pstate, infer->whereClause,
                                                     EXPR_KIND_INDEX_PREDICATE, "WHERE");
    }

    if (res->do_update)
    {
        RangeTblEntry *excl = copyObject(pstate->target_nsitem->rte);
        int         rtindex;

        excl->alias = MakeAlias("excluded", NIL);
        excl->eref = MakeAlias("excluded", excl->eref->colnames);
        excl->inFromCl = false;
        AddRangeTableEntry(pstate, excl, &rtindex);
        res->exclRelIndex = rtindex;
        pstate->namespace = list_make2(pstate->target_nsitem,
                                       MakeNamespaceItem(excl, rtindex, true, true));
        res->onConflictSet = transform_set_list(pstate, oc->targetList);
        if (oc->whereClause != NULL)
            res->onConflictWhere = TransformWhereClause(pstate, oc->whereClause,
                                                        EXPR_KIND_WHERE, "WHERE");
        if (pstate->has_aggs)
            ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                    errmsg("aggregate functions are not allowed in %s", "UPDATE"));
    }
    pstate->namespace = save_ns;
    return res;
}

static Node *
first_expr_location_node(List *exprs, int n)
{
    return list_nth(exprs, n);
}

/*
 * TransformInsertStmt -- see README: targetList has one entry per
 * attribute (resno = attnum, in attnum order).
 */
Query *
TransformInsertStmt(ParseState *pstate, InsertStmt *stmt)
{
    Query      *qry = makeNode(Query);
    SelectStmt *sel = (SelectStmt *) stmt->selectStmt;
    TupleDesc   desc;
    List       *attnos = NIL;   /* target attnos in source order */
    List       *colnodes = NIL; /* ResTarget per target column (explicit list) */
    List       *exprs = NIL;    /* source expressions, one per attno (single row / SELECT) */
    Node      **values;
    int         rtindex;
    ListCell   *lc;

    qry->commandType = CMD_INSERT;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    if (stmt->onConflictClause && stmt->onConflictClause->action == ONCONFLICT_UPDATE &&
        stmt->onConflictClause->infer == NULL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("ON CONFLICT DO UPDATE requires inference specification or constraint name"),
                errhint("For example, ON CONFLICT (column_name)."),
                errposition(ParserErrPos(pstate, stmt->onConflictClause->location)));

    /*
     * The source is analyzed before the target is visible: a SELECT source
     * cannot see the target's columns.
     */
    if (sel != NULL && !(sel->valuesLists != NIL && sel->op == SETOP_NONE &&
                         sel->sortClause == NIL && sel->limitCount == NULL &&
                         sel->limitOffset == NULL && sel->withClause == NULL))
    {
        Query      *sub = AnalyzeSubStmt(pstate, (Node *) sel, NULL, false, false);
        RangeTblEntry *rte = AddRangeTableEntryForSubquery(pstate, sub,
                                                           MakeAlias("*SELECT*", NIL), false,
                                                           &rtindex);
        RangeTblRef *ref = makeNode(RangeTblRef);
        int         attno = 0;

        ref->rtindex = rtindex;
        pstate->joinlist = lappend(pstate->joinlist, ref);
        foreach(lc, sub->targetList)
        {
            TargetEntry *tle = lfirst(lc);

            if (tle->resjunk)
                continue;
            attno++;
            {
                Var        *v = MakeVarForColumn(rte, rtindex, attno, 0,
                                                 exprLocation((Node *) tle->expr));

                exprs = lappend(exprs, v);
            }
        }
        sel = NULL;             /* handled */
        qry->resultRelation = set_target_table(pstate, stmt->relation, "insert into");
    }
    else
        qry->resultRelation = set_target_table(pstate, stmt->relation, "insert into");
    desc = RelationGetDescr(pstate->target_relation);

    /* target columns */
    if (stmt->cols == NIL)
    {
        for (int i = 0; i < desc->natts; i++)
            if (!TupleDescAttr(desc, i)->attisdropped)
                attnos = lappend_int(attnos, i + 1);
    }
    else
    {
        foreach(lc, stmt->cols)
        {
            ResTarget  *col = lfirst(lc);
            int         attno = target_attno(pstate, col->name, col->location);

            if (col->indirection != NIL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("assignment to a subscript or field of column \"%s\" is not "
                               "supported", col->name),
                        errposition(ParserErrPos(pstate, col->location)));
            if (list_member_int(attnos, attno))
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                        errmsg("column \"%s\" specified more than once", col->name),
                        errposition(ParserErrPos(pstate, col->location)));
            attnos = lappend_int(attnos, attno);
            colnodes = lappend(colnodes, col);
        }
    }

    values = palloc0(sizeof(Node *) * (desc->natts + 1));
    if (sel != NULL && list_length(sel->valuesLists) > 1)
    {
        /* multi-row VALUES: an RTE_VALUES whose columns have the target types */
        RangeTblEntry *rte = makeNode(RangeTblEntry);
        RangeTblRef *ref = makeNode(RangeTblRef);
        List       *colnames = NIL;
        int         ncols = -1;
        int         vindex;

        foreach(lc, sel->valuesLists)
        {
            List       *row = TransformExpressionList(pstate, lfirst(lc), EXPR_KIND_VALUES, true);
            List       *newrow = NIL;
            ListCell   *lc2;

            if (ncols < 0)
                ncols = list_length(row);
            else if (list_length(row) != ncols)
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("VALUES lists must all be the same length"),
                        errposition(ParserErrPos(pstate, exprLocation((Node *) row))));
            if (list_length(row) > list_length(attnos))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("INSERT has more expressions than target columns"),
                        errposition(ParserErrPos(pstate, exprLocation(
                            first_expr_location_node(row, list_length(attnos))))));
            if (stmt->cols != NIL && list_length(row) < list_length(attnos))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("INSERT has more target columns than expressions"),
                        errposition(ParserErrPos(pstate, ((ResTarget *) list_nth(
                            colnodes, list_length(row)))->location)));
            foreach(lc2, row)
            {
                int         attno = list_nth_int(attnos, foreach_current_index(lc2));
                const char *colname = TupleDescAttr(desc, attno - 1)->attname.data;
                Node       *e = TransformAssignedExpr(pstate, lfirst(lc2), EXPR_KIND_VALUES,
                                                      colname, attno, -1);

                newrow = lappend(newrow, resolve_default(pstate, e, attno));
            }
            rte->values_lists = lappend(rte->values_lists, newrow);
        }
        for (int i = 0; i < ncols; i++)
        {
            AttributeData *att = TupleDescAttr(desc, list_nth_int(attnos, i) - 1);

            rte->coltypes = lappend_oid(rte->coltypes, att->atttypid);
            rte->coltypmods = lappend_int(rte->coltypmods, att->atttypmod);
            colnames = lappend(colnames, makeString(psprintf("column%d", i + 1)));
        }
        rte->rtekind = RTE_VALUES;
        rte->eref = MakeAlias("*VALUES*", colnames);
        rte->inFromCl = true;
        AddRangeTableEntry(pstate, rte, &vindex);
        ref->rtindex = vindex;
        pstate->joinlist = lappend(pstate->joinlist, ref);
        for (int i = 0; i < ncols; i++)
            values[list_nth_int(attnos, i)] = (Node *) MakeVarForColumn(rte, vindex, i + 1, 0, -1);
    }
    else
    {
        if (sel != NULL)
            exprs = TransformExpressionList(pstate, linitial(sel->valuesLists),
                                            EXPR_KIND_VALUES_SINGLE, true);
        if (list_length(exprs) > list_length(attnos))
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("INSERT has more expressions than target columns"),
                    errposition(ParserErrPos(pstate, exprLocation(
                        first_expr_location_node(exprs, list_length(attnos))))));
        if (stmt->cols != NIL && list_length(exprs) < list_length(attnos) &&
            stmt->selectStmt != NULL)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("INSERT has more target columns than expressions"),
                    errposition(ParserErrPos(pstate, ((ResTarget *) list_nth(
                        colnodes, list_length(exprs)))->location)));
        foreach(lc, exprs)
        {
            int         attno = list_nth_int(attnos, foreach_current_index(lc));
            const char *colname = TupleDescAttr(desc, attno - 1)->attname.data;
            Node       *e = TransformAssignedExpr(pstate, lfirst(lc), EXPR_KIND_INSERT_TARGET,
                                                  colname, attno, -1);

            values[attno] = resolve_default(pstate, e, attno);
        }
    }
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in %s", "VALUES"));

    /* the complete row: every attribute, in order */
    for (int attno = 1; attno <= desc->natts; attno++)
    {
        AttributeData *att = TupleDescAttr(desc, attno - 1);
        Node       *v = values[attno] ? values[attno] : default_for_column(pstate, attno);

        qry->targetList = lappend(qry->targetList,
                                  MakeTargetEntry(v, attno,
                                                  att->attisdropped ? NULL
                                                  : pstrdup(att->attname.data), false));
    }

    if (stmt->onConflictClause)
        qry->onConflict = transform_on_conflict(pstate, stmt->onConflictClause,
                                                qry->resultRelation);

    /* RETURNING sees the target table */
    pstate->namespace = lappend(pstate->namespace, pstate->target_nsitem);
    qry->returningList = TransformReturningList(pstate, stmt->returningList);

    qry->rtable = pstate->rtable;
    qry->jointree = makeNode(FromExpr);
    qry->jointree->fromlist = pstate->joinlist;
    qry->hasSubLinks = pstate->has_sublinks;
    qry->hasTargetSRFs = pstate->has_target_srfs;
    finish_target_relation(pstate);
    return qry;
}

/* the resjunk "ctid" entry identifying the row to change */
static TargetEntry *
make_ctid_entry(int result_relation, int resno)
{
    Var        *v = makeNode(Var);

    v->varno = result_relation;
    v->varattno = SelfItemPointerAttributeNumber;
    v->vartype = TIDOID;
    v->vartypmod = -1;
    v->varlevelsup = 0;
    v->location = -1;
    return MakeTargetEntry((Node *) v, resno, pstrdup("ctid"), true);
}

/*
 * transform_set_list -- an UPDATE's (or ON CONFLICT DO UPDATE's) SET list
 * into one target entry per assigned column of the target relation.
 */
static List *
transform_set_list(ParseState *pstate, List *set_list)
{
    List       *result = NIL;
    List       *assigned = NIL;
    ListCell   *lc;

    foreach(lc, set_list)
    {
        ResTarget  *rt = lfirst(lc);
        int         attno = target_attno(pstate, rt->name, rt->location);
        Node       *e;

        if (rt->indirection != NIL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("assignment to a subscript or field of column \"%s\" is not "
                           "supported", rt->name),
                    errposition(ParserErrPos(pstate, rt->location)));
        if (list_member_int(assigned, attno))
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("multiple assignments to same column \"%s\"", rt->name));
        assigned = lappend_int(assigned, attno);
        e = transform_update_value(pstate, rt);
        e = TransformAssignedExpr(pstate, e, EXPR_KIND_UPDATE_SOURCE, rt->name, attno,
                                  rt->location);
        e = resolve_default(pstate, e, attno);
        result = lappend(result, MakeTargetEntry(e, attno, pstrdup(rt->name), false));
    }
    list_free(assigned);
    return result;
}

static Node *
transform_update_value(ParseState *pstate, ResTarget *rt)
{
    Node       *val = rt->val;

    if (IsA(val, MultiAssignRef))
    {
        MultiAssignRef *m = (MultiAssignRef *) val;

        if (!IsA(m->source, RawRowExpr))
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("multiple-column UPDATE from a subquery is not supported"),
                    errposition(ParserErrPos(pstate, rt->location)));
        if (list_length(((RawRowExpr *) m->source)->args) != m->ncolumns)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("number of columns does not match number of values"),
                    errposition(ParserErrPos(pstate, ((RawRowExpr *) m->source)->location)));
        val = list_nth(((RawRowExpr *) m->source)->args, m->colno - 1);
    }
    if (IsA(val, RawSetToDefault))
    {
        SetToDefault *d = makeNode(SetToDefault);

        d->typeMod = -1;
        d->location = ((RawSetToDefault *) val)->location;
        return (Node *) d;
    }
    return TransformExpr(pstate, val, EXPR_KIND_UPDATE_SOURCE);
}

/*
 * TransformUpdateStmt -- targetList: one entry per assigned column
 * (resno = attnum, SET order), then the resjunk "ctid" entry with resno
 * natts + 1.  The jointree's first item is the target relation.
 */
Query *
TransformUpdateStmt(ParseState *pstate, UpdateStmt *stmt)
{
    Query      *qry = makeNode(Query);
    RangeTblRef *ref = makeNode(RangeTblRef);
    Node       *qual;
    TupleDesc   desc;

    qry->commandType = CMD_UPDATE;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    qry->resultRelation = set_target_table(pstate, stmt->relation, "update");
    desc = RelationGetDescr(pstate->target_relation);
    ref->rtindex = qry->resultRelation;
    pstate->joinlist = list_make1(ref);
    TransformFromClause(pstate, stmt->fromClause);
    {
        List       *ns = list_make1(pstate->target_nsitem);

        pstate->namespace = list_concat(ns, pstate->namespace);
    }
    qual = TransformWhereClause(pstate, stmt->whereClause, EXPR_KIND_WHERE, "WHERE");

    qry->targetList = transform_set_list(pstate, stmt->targetList);
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in %s", "UPDATE"),
                errposition(ParserErrPos(pstate, stmt->relation->location)));
    qry->targetList = lappend(qry->targetList,
                              make_ctid_entry(qry->resultRelation, desc->natts + 1));
    qry->returningList = TransformReturningList(pstate, stmt->returningList);
    qry->rtable = pstate->rtable;
    qry->jointree = makeNode(FromExpr);
    qry->jointree->fromlist = pstate->joinlist;
    qry->jointree->quals = qual;
    qry->hasSubLinks = pstate->has_sublinks;
    qry->hasTargetSRFs = pstate->has_target_srfs;
    finish_target_relation(pstate);
    return qry;
}

/*
 * TransformDeleteStmt -- targetList is just the resjunk "ctid" entry
 * (resno 1); USING items follow the target in the jointree.
 */
Query *
TransformDeleteStmt(ParseState *pstate, DeleteStmt *stmt)
{
    Query      *qry = makeNode(Query);
    RangeTblRef *ref = makeNode(RangeTblRef);
    Node       *qual;

    qry->commandType = CMD_DELETE;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    qry->resultRelation = set_target_table(pstate, stmt->relation, "delete from");
    ref->rtindex = qry->resultRelation;
    pstate->joinlist = list_make1(ref);
    TransformFromClause(pstate, stmt->usingClause);
    pstate->namespace = list_concat(list_make1(pstate->target_nsitem), pstate->namespace);
    qual = TransformWhereClause(pstate, stmt->whereClause, EXPR_KIND_WHERE, "WHERE");
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in %s", "WHERE"));
    qry->targetList = list_make1(make_ctid_entry(qry->resultRelation, 1));
    qry->returningList = TransformReturningList(pstate, stmt->returningList);
    qry->rtable = pstate->rtable;
    qry->jointree = makeNode(FromExpr);
    qry->jointree->fromlist = pstate->joinlist;
    qry->jointree->quals = qual;
    qry->hasSubLinks = pstate->has_sublinks;
    finish_target_relation(pstate);
    return qry;
}
