/*
 * analyze_setop.c
 *     UNION / INTERSECT / EXCEPT [ALL] and VALUES lists.
 * Entry points: TransformSetOperationStmt(), TransformValuesStmt().
 *
 * Each set-operation leaf is analyzed as its own subquery (RTE_SUBQUERY
 * named "*SELECT* n").  Column types are resolved pairwise bottom-up
 * (42804 when categories do not match), and then every leaf's output
 * columns are coerced to the final column types, so all leaves and all
 * SetOperationStmt nodes of one tree agree on colTypes.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

static const char *
setop_name(SetOperation op)
{
    switch (op)
    {
        case SETOP_UNION:
            return "UNION";
        case SETOP_INTERSECT:
            return "INTERSECT";
        default:
            return "EXCEPT";
    }
}

/* the visible target entries of a leaf query */
static List *
visible_targets(Query *q)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, q->targetList)
        if (!((TargetEntry *) lfirst(lc))->resjunk)
            result = lappend(result, lfirst(lc));
    return result;
}

/*
 * transform_setop_tree -- analyze a set-operation subtree.  *colexprs
 * receives one representative expression per output column (used for
 * type resolution and error positions).
 */
static Node *
transform_setop_tree(ParseState *pstate, SelectStmt *stmt, bool top, List **colexprs)
{
    bool        is_leaf = stmt->op == SETOP_NONE;

    if (!top && !is_leaf &&
        (stmt->sortClause || stmt->limitCount || stmt->limitOffset || stmt->lockingClause ||
         stmt->withClause))
        is_leaf = true;         /* a parenthesized set operation with its own clauses */
    if (is_leaf)
    {
        Query      *q = AnalyzeSubStmt(pstate, (Node *) stmt, pstate->parent_cte, false, false);
        char       *name = psprintf("*SELECT* %d", list_length(pstate->rtable) + 1);
        RangeTblEntry *rte;
        RangeTblRef *ref = makeNode(RangeTblRef);
        int         rtindex;
        ListCell   *lc;

        if (q->commandType != CMD_SELECT)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("set-operation leaf must be a SELECT"));
        rte = AddRangeTableEntryForSubquery(pstate, q, MakeAlias(name, NIL), false, &rtindex);
        rte->inFromCl = false;
        ref->rtindex = rtindex;
        *colexprs = NIL;
        foreach(lc, visible_targets(q))
            *colexprs = lappend(*colexprs, ((TargetEntry *) lfirst(lc))->expr);
        return (Node *) ref;
    }
    else
    {
        SetOperationStmt *op = makeNode(SetOperationStmt);
        List       *lcols,
                   *rcols;
        const char *context = setop_name(stmt->op);
        ListCell   *l1,
                   *l2;

        op->op = stmt->op;
        op->all = stmt->all;
        op->larg = transform_setop_tree(pstate, stmt->larg, false, &lcols);
        op->rarg = transform_setop_tree(pstate, stmt->rarg, false, &rcols);
        if (list_length(lcols) != list_length(rcols))
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("each %s query must have the same number of columns", context),
                    errposition(ParserErrPos(pstate, rcols ? exprLocation(linitial(rcols))
                                             : -1)));
        *colexprs = NIL;
        forboth(l1, lcols, l2, rcols)
        {
            Node       *ln = lfirst(l1);
            Node       *rn = lfirst(l2);
            Oid         t = SelectCommonType(pstate, list_make2(ln, rn), context, NULL);
            int32       tm = SelectCommonTypmod(list_make2(ln, rn), t);
            Const      *rep;

            op->colTypes = lappend_oid(op->colTypes, t);
            op->colTypmods = lappend_int(op->colTypmods, tm);
            if (!op->all)
            {
                if (!OidIsValid(TypeEqualityOperator(t)))
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                            errmsg("could not identify an equality operator for type %s",
                                   FormatTypeName(t)),
                            errposition(ParserErrPos(pstate, exprLocation(ln))));
                op->groupClauses = lappend(op->groupClauses,
                                           MakeSortGroupClause(t, 0, false, SORTBY_NULLS_DEFAULT,
                                                               pstate, NIL, -1));
            }
            /* a typed placeholder standing for the column at the next level up */
            rep = MakeTypedConst(t, tm, 0, true, exprLocation(ln));
            *colexprs = lappend(*colexprs, rep);
        }
        return (Node *) op;
    }
}

/* coerce every leaf's output columns to the final types */
static void
coerce_leaves(ParseState *pstate, Node *node, List *types, List *typmods)
{
    if (IsA(node, RangeTblRef))
    {
        RangeTblEntry *rte = list_nth(pstate->rtable, ((RangeTblRef *) node)->rtindex - 1);
        Query      *q = rte->subquery;
        ListCell   *lc;
        int         i = 0;

        rte->coltypes = NIL;
        rte->coltypmods = NIL;
        foreach(lc, q->targetList)
        {
            TargetEntry *tle = lfirst(lc);
            Oid         t;
            int32       tm;
            Oid         in;

            if (tle->resjunk)
                continue;
            t = list_nth_oid(types, i);
            tm = list_nth_int(typmods, i);
            in = exprType((Node *) tle->expr);
            if (in != t)
                tle->expr = (void *) CoerceToCommonType(pstate, (Node *) tle->expr, t,
                                                        "UNION");
            rte->coltypes = lappend_oid(rte->coltypes, t);
            rte->coltypmods = lappend_int(rte->coltypmods,
                                          exprTypmod((Node *) tle->expr) == tm ? tm : -1);
            i++;
        }
        return;
    }
    {
        SetOperationStmt *op = (SetOperationStmt *) node;

        op->colTypes = list_copy(types);
        op->colTypmods = list_copy(typmods);
        coerce_leaves(pstate, op->larg, types, typmods);
        coerce_leaves(pstate, op->rarg, types, typmods);
    }
}

static int
leftmost_rtindex(Node *node)
{
    while (IsA(node, SetOperationStmt))
        node = ((SetOperationStmt *) node)->larg;
    return ((RangeTblRef *) node)->rtindex;
}

/*
 * TransformSetOperationStmt -- the Query for a set operation: rtable holds
 * the leaves, setOperations the tree, and targetList one Var per output
 * column referencing the leftmost leaf's RTE (varno) by column number.
 * ORDER BY may only name result columns.
 */
Query *
TransformSetOperationStmt(ParseState *pstate, SelectStmt *stmt)
{
    Query      *qry = makeNode(Query);
    SetOperationStmt *op;
    List       *colexprs;
    List       *sortclause = stmt->sortClause;
    int         left_rti;
    Query      *leftq;
    List       *lefttl;
    RangeTblEntry *result_rte;
    int         result_rti;
    ListCell   *l1;
    int         tl_len;
    List       *save_ns;

    qry->commandType = CMD_SELECT;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    if (stmt->lockingClause)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("%s is not allowed with UNION/INTERSECT/EXCEPT", "FOR UPDATE"));
    op = (SetOperationStmt *) transform_setop_tree(pstate, stmt, true, &colexprs);
    coerce_leaves(pstate, (Node *) op, op->colTypes, op->colTypmods);

    left_rti = leftmost_rtindex((Node *) op);
    leftq = ((RangeTblEntry *) list_nth(pstate->rtable, left_rti - 1))->subquery;
    lefttl = visible_targets(leftq);
    foreach(l1, lefttl)
    {
        TargetEntry *ltle = lfirst(l1);
        int         i = foreach_current_index(l1);
        Var        *v = makeNode(Var);

        v->varno = left_rti;
        v->varattno = (int16) (i + 1);
        v->vartype = list_nth_oid(op->colTypes, i);
        v->vartypmod = list_nth_int(op->colTypmods, i);
        v->varlevelsup = 0;
        v->location = exprLocation((Node *) ltle->expr);
        qry->targetList = lappend(qry->targetList,
                                  MakeTargetEntry((Node *) v, i + 1,
                                                  ltle->resname ? pstrdup(ltle->resname) : NULL,
                                                  false));
    }
    qry->setOperations = (Node *) op;

    /* ORDER BY sees the result columns under the leftmost leaf's names */
    result_rte = list_nth(pstate->rtable, left_rti - 1);
    result_rti = left_rti;
    save_ns = pstate->namespace;
    pstate->namespace = list_make1(MakeNamespaceItem(result_rte, result_rti, false, true));
    tl_len = list_length(qry->targetList);
    qry->sortClause = TransformSortClause(pstate, sortclause, &qry->targetList,
                                          EXPR_KIND_ORDER_BY, false);
    pstate->namespace = save_ns;
    if (list_length(qry->targetList) != tl_len)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("invalid UNION/INTERSECT/EXCEPT ORDER BY clause"),
                errdetail("Only result column names can be used, not expressions or functions."),
                errhint("Add the expression/function to every SELECT, or move the UNION into a "
                        "FROM clause."),
                errposition(ParserErrPos(pstate, exprLocation((Node *) llast(qry->targetList)))));
    qry->limitOffset = TransformLimitClause(pstate, stmt->limitOffset, EXPR_KIND_OFFSET,
                                            "OFFSET");
    qry->limitCount = TransformLimitClause(pstate, stmt->limitCount, EXPR_KIND_LIMIT, "LIMIT");
    qry->rtable = pstate->rtable;
    qry->jointree = makeNode(FromExpr);
    qry->hasSubLinks = pstate->has_sublinks;
    qry->hasAggs = pstate->has_aggs;
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in ORDER BY of a set operation"));
    return qry;
}

/*
 * TransformValuesStmt -- VALUES (...), (...) [ORDER BY/LIMIT]: one
 * RTE_VALUES "*VALUES*" with columns column1..N of the rows' common
 * types; the target list has one Var per column.
 */
Query *
TransformValuesStmt(ParseState *pstate, SelectStmt *stmt)
{
    Query      *qry = makeNode(Query);
    List       *rows = NIL;
    int         ncols = -1;
    List      **columns;
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    List       *colnames = NIL;
    int         rtindex;
    RangeTblRef *ref = makeNode(RangeTblRef);
    ListCell   *lc;

    qry->commandType = CMD_SELECT;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    if (stmt->lockingClause)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("%s cannot be applied to VALUES", "FOR UPDATE"));
    foreach(lc, stmt->valuesLists)
    {
        List       *row = TransformExpressionList(pstate, lfirst(lc), EXPR_KIND_VALUES, false);

        if (ncols < 0)
            ncols = list_length(row);
        else if (list_length(row) != ncols)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("VALUES lists must all be the same length"),
                    errposition(ParserErrPos(pstate, exprLocation((Node *) row))));
        rows = lappend(rows, row);
    }
    columns = palloc0(sizeof(List *) * Max(ncols, 1));
    foreach(lc, rows)
    {
        ListCell   *lc2;

        foreach(lc2, (List *) lfirst(lc))
            columns[foreach_current_index(lc2)] = lappend(columns[foreach_current_index(lc2)],
                                                          lfirst(lc2));
    }
    for (int i = 0; i < ncols; i++)
    {
        Oid         t = SelectCommonType(pstate, columns[i], "VALUES", NULL);
        int32       tm = SelectCommonTypmod(columns[i], t);

        rte->coltypes = lappend_oid(rte->coltypes, t);
        rte->coltypmods = lappend_int(rte->coltypmods, tm);
        colnames = lappend(colnames, makeString(psprintf("column%d", i + 1)));
    }
    foreach(lc, rows)
    {
        List       *newrow = NIL;
        ListCell   *lc2;

        foreach(lc2, (List *) lfirst(lc))
            newrow = lappend(newrow,
                             CoerceToCommonType(pstate, lfirst(lc2),
                                                list_nth_oid(rte->coltypes,
                                                             foreach_current_index(lc2)),
                                                "VALUES"));
        rte->values_lists = lappend(rte->values_lists, newrow);
    }
    rte->rtekind = RTE_VALUES;
    rte->eref = MakeAlias("*VALUES*", colnames);
    rte->inFromCl = true;
    AddRangeTableEntry(pstate, rte, &rtindex);
    ref->rtindex = rtindex;
    pstate->joinlist = list_make1(ref);
    pstate->namespace = list_make1(MakeNamespaceItem(rte, rtindex, true, true));
    for (int i = 0; i < ncols; i++)
        qry->targetList = lappend(qry->targetList,
                                  MakeTargetEntry((Node *) MakeVarForColumn(rte, rtindex, i + 1, 0,
                                                                            -1),
                                                  i + 1, psprintf("column%d", i + 1), false));
    qry->sortClause = TransformSortClause(pstate, stmt->sortClause, &qry->targetList,
                                          EXPR_KIND_ORDER_BY, false);
    qry->limitOffset = TransformLimitClause(pstate, stmt->limitOffset, EXPR_KIND_OFFSET,
                                            "OFFSET");
    qry->limitCount = TransformLimitClause(pstate, stmt->limitCount, EXPR_KIND_LIMIT, "LIMIT");
    qry->rtable = pstate->rtable;
    qry->jointree = makeNode(FromExpr);
    qry->jointree->fromlist = pstate->joinlist;
    qry->hasSubLinks = pstate->has_sublinks;
    if (pstate->has_aggs)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in VALUES"));
    return qry;
}
