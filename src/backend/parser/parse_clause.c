/*
 * parse_clause.c
 *     Query clauses: FROM (tables, views, subqueries, functions, CTE
 *     references, joins with ON/USING/NATURAL), WHERE/HAVING, LIMIT/OFFSET,
 *     ORDER BY, GROUP BY, DISTINCT [ON] and FOR UPDATE/SHARE.
 * Entry points: TransformFromClause(), TransformWhereClause(),
 * TransformLimitClause(), TransformSortClause(), TransformGroupClause(),
 * TransformDistinctClause(), TransformDistinctOnClause(),
 * TransformLockingClause(), MakeSortGroupClause().
 *
 * ORDER BY and GROUP BY items are matched against the target list as
 * PostgreSQL does: a bare name first as an output column name (ORDER BY)
 * or as an input column (GROUP BY), an integer constant as an ordinal,
 * anything else as an expression equal to a target entry or added as a
 * resjunk one.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

/* the top item of a transformed FROM element */
typedef struct FromItem
{
    Node       *node;           /* RangeTblRef or JoinExpr */
    RangeTblEntry *rte;         /* whose columns it exposes */
    int         rtindex;
    List       *namespace;      /* ParseNamespaceItem it contributes */
} FromItem;

static FromItem transform_from_item(ParseState *pstate, Node *n);

static void
check_namespace_conflicts(List *ns1, List *ns2)
{
    ListCell   *l1,
               *l2;

    foreach(l1, ns1)
    {
        ParseNamespaceItem *a = lfirst(l1);

        if (!a->rel_visible)
            continue;
        foreach(l2, ns2)
        {
            ParseNamespaceItem *b = lfirst(l2);

            if (!b->rel_visible)
                continue;
            if (strcmp(a->rte->eref->aliasname, b->rte->eref->aliasname) != 0)
                continue;
            /* two plain tables of different schemas may share a name */
            if (a->rte->rtekind == RTE_RELATION && b->rte->rtekind == RTE_RELATION &&
                a->rte->alias == NULL && b->rte->alias == NULL && a->rte->relid != b->rte->relid)
                continue;
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_ALIAS),
                    errmsg("table name \"%s\" specified more than once",
                           a->rte->eref->aliasname));
        }
    }
}

static bool
relation_is_locked(ParseState *pstate, const char *refname)
{
    ListCell   *lc;

    for (ParseState *ps = pstate; ps; ps = NULL)
    {
        if (ps->locked_from_parent)
            return true;
        foreach(lc, ps->locking_clause)
        {
            LockingClause *lcl = lfirst(lc);
            ListCell   *lc2;

            if (lcl->lockedRels == NIL)
                return true;
            foreach(lc2, lcl->lockedRels)
                if (strcmp(((RangeVar *) lfirst(lc2))->relname, refname) == 0)
                    return true;
        }
    }
    return false;
}

static FromItem
make_simple_item(ParseState *pstate, RangeTblEntry *rte, int rtindex)
{
    FromItem    item;
    RangeTblRef *ref = makeNode(RangeTblRef);

    ref->rtindex = rtindex;
    item.node = (Node *) ref;
    item.rte = rte;
    item.rtindex = rtindex;
    item.namespace = list_make1(MakeNamespaceItem(rte, rtindex, true, true));
    (void) pstate;
    return item;
}

static FromItem
transform_range_var(ParseState *pstate, RangeVar *rv)
{
    RangeTblEntry *rte;
    int         rtindex;

    if (rv->schemaname == NULL)
    {
        int         levelsup;
        CteState   *cs = ScanNameSpaceForCTE(pstate, rv->relname, &levelsup);

        if (cs != NULL)
        {
            rte = AddRangeTableEntryForCTE(pstate, cs, levelsup, rv, &rtindex);
            return make_simple_item(pstate, rte, rtindex);
        }
    }
    rte = AddRangeTableEntryForRelation(pstate, rv,
                                        relation_is_locked(pstate,
                                                           rv->alias ? rv->alias->aliasname
                                                           : rv->relname)
                                        ? RowShareLock : AccessShareLock,
                                        NULL, &rtindex);
    return make_simple_item(pstate, rte, rtindex);
}

static FromItem
transform_range_subselect(ParseState *pstate, RangeSubselect *r)
{
    Query      *q;
    RangeTblEntry *rte;
    int         rtindex;
    ParseExprKind save_kind = pstate->expr_kind;
    bool        save_lateral = pstate->lateral_active;

    if (r->alias == NULL)
    {
        if (IsA(r->subquery, SelectStmt) && ((SelectStmt *) r->subquery)->valuesLists != NIL)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("VALUES in FROM must have an alias"),
                    errhint("For example, FROM (VALUES ...) [AS] foo."),
                    errposition(ParserErrPos(pstate, r->location)));
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("subquery in FROM must have an alias"),
                errhint("For example, FROM (SELECT ...) [AS] foo."),
                errposition(ParserErrPos(pstate, r->location)));
    }
    pstate->expr_kind = EXPR_KIND_FROM_SUBSELECT;
    pstate->lateral_active = r->lateral;
    q = AnalyzeSubStmt(pstate, r->subquery, NULL, relation_is_locked(pstate, r->alias->aliasname),
                       true);
    pstate->expr_kind = save_kind;
    pstate->lateral_active = save_lateral;
    if (q->commandType != CMD_SELECT)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("subquery in FROM must be a SELECT"));
    rte = AddRangeTableEntryForSubquery(pstate, q, copyObject(r->alias), r->lateral, &rtindex);
    return make_simple_item(pstate, rte, rtindex);
}

/*
 * The column name of a built-in function in FROM: PostgreSQL names it after
 * the function's single OUT parameter where it has one (the built-in
 * catalog does not record OUT parameter names), else after the function.
 */
static const char *
out_column_name(const char *fname)
{
    static const struct
    {
        const char *func;
        const char *column;
    }           outs[] = {
        {"pg_partition_ancestors", "relid"},
    };

    for (size_t i = 0; i < lengthof(outs); i++)
        if (strcmp(fname, outs[i].func) == 0)
            return outs[i].column;
    return fname;
}

static FromItem
transform_range_function(ParseState *pstate, RangeFunction *r)
{
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    RangeTblFunction *rtf = makeNode(RangeTblFunction);
    Node       *fexpr;
    const char *fname;
    const char *colname;
    bool        save_lateral = pstate->lateral_active;
    int         rtindex;
    List       *names;
    Oid         rettype;

    if (r->coldeflist != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("column definition lists are not supported"));
    pstate->lateral_active = true;  /* functions in FROM may always refer to earlier items */
    fexpr = TransformExpr(pstate, r->funccall, EXPR_KIND_FROM_FUNCTION);
    pstate->lateral_active = save_lateral;
    fname = IsA(r->funccall, FuncCall) ? strVal(llast(((FuncCall *) r->funccall)->funcname))
        : FigureColname(r->funccall);
    rettype = exprType(fexpr);
    if (rettype == RECORDOID)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("functions returning record are not supported in FROM"));
    /* a scalar function's column is named by the alias, else by the function */
    if (r->alias && r->alias->colnames != NIL)
        colname = strVal(linitial(r->alias->colnames));
    else if (r->alias)
        colname = r->alias->aliasname;
    else
        colname = out_column_name(fname);
    if (r->alias && list_length(r->alias->colnames) > 1 + (r->ordinality ? 1 : 0))
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("table \"%s\" has %d columns available but %d columns specified",
                       r->alias->aliasname, 1 + (r->ordinality ? 1 : 0),
                       list_length(r->alias->colnames)));
    rtf->funcexpr = fexpr;
    rtf->funccolcount = 1;
    rtf->funccolnames = list_make1(makeString(pstrdup(colname)));
    rtf->funccoltypes = list_make1_oid(rettype);
    rtf->funccoltypmods = list_make1_int(exprTypmod(fexpr));
    names = list_make1(makeString(pstrdup(colname)));
    rte->coltypes = list_make1_oid(rettype);
    rte->coltypmods = list_make1_int(exprTypmod(fexpr));
    if (r->ordinality)
    {
        const char *oname = r->alias && list_length(r->alias->colnames) > 1
            ? strVal(lsecond(r->alias->colnames)) : "ordinality";

        names = lappend(names, makeString(pstrdup(oname)));
        rte->coltypes = lappend_oid(rte->coltypes, INT8OID);
        rte->coltypmods = lappend_int(rte->coltypmods, -1);
    }
    rte->rtekind = RTE_FUNCTION;
    rte->functions = list_make1(rtf);
    rte->funcordinality = r->ordinality;
    rte->alias = r->alias ? copyObject(r->alias) : NULL;
    rte->eref = MakeAlias(r->alias ? r->alias->aliasname : fname, names);
    rte->lateral = r->lateral;
    rte->inFromCl = true;
    AddRangeTableEntry(pstate, rte, &rtindex);
    return make_simple_item(pstate, rte, rtindex);
}

/* find a USING column in one side: attno, with 42703/42702 errors */
static int
find_using_column(RangeTblEntry *rte, const char *name, const char *side)
{
    int         found = 0;
    ListCell   *lc;

    foreach(lc, rte->eref->colnames)
    {
        if (strcmp(strVal(lfirst(lc)), name) != 0)
            continue;
        if (found)
            ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_COLUMN),
                    errmsg("common column name \"%s\" appears more than once in %s table", name,
                           side));
        found = foreach_current_index(lc) + 1;
    }
    if (!found)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                errmsg("column \"%s\" specified in USING clause does not exist in %s table", name,
                       side));
    return found;
}

static List *
set_cols_invisible(List *ns)
{
    ListCell   *lc;

    foreach(lc, ns)
        ((ParseNamespaceItem *) lfirst(lc))->cols_visible = false;
    return ns;
}

static FromItem
transform_join(ParseState *pstate, RawJoinExpr *j)
{
    FromItem    l = transform_from_item(pstate, j->larg);
    FromItem    r;
    JoinExpr   *je = makeNode(JoinExpr);
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    List       *save_ns = pstate->namespace;
    List       *colnames = NIL;
    List       *aliasvars = NIL;
    List       *using_names = j->usingClause;
    bool       *l_used;
    bool       *r_used;
    int         l_n,
                r_n,
                rtindex;
    Node       *quals = NULL;
    ListCell   *lc;
    FromItem    result;

    /* the right input may be LATERAL and see the left one */
    {
        ListCell   *lc2;

        foreach(lc2, l.namespace)
        {
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_only = true;
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_ok =
                j->jointype == JOIN_INNER || j->jointype == JOIN_LEFT;
        }
        pstate->namespace = list_concat(list_copy(save_ns), l.namespace);
        r = transform_from_item(pstate, j->rarg);
        foreach(lc2, l.namespace)
        {
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_only = false;
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_ok = true;
        }
        pstate->namespace = save_ns;
    }
    check_namespace_conflicts(l.namespace, r.namespace);
    if (j->join_using_alias != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("JOIN USING ... AS alias is not supported"),
                errposition(ParserErrPos(pstate, j->location)));

    l_n = RteColumnCount(l.rte);
    r_n = RteColumnCount(r.rte);
    l_used = palloc0(sizeof(bool) * (l_n + 1));
    r_used = palloc0(sizeof(bool) * (r_n + 1));

    if (j->isNatural)
    {
        using_names = NIL;
        for (int a = 1; a <= l_n; a++)
        {
            const char *name = RteColumnName(l.rte, a);

            if (name[0] == '\0')
                continue;
            for (int b = 1; b <= r_n; b++)
                if (strcmp(name, RteColumnName(r.rte, b)) == 0)
                {
                    using_names = lappend(using_names, makeString(pstrdup(name)));
                    break;
                }
        }
    }
    foreach(lc, using_names)
    {
        const char *name = strVal(lfirst(lc));
        int         la,
                    ra;
        Node       *lv,
                   *rv,
                   *merged;
        Oid         common;
        ListCell   *lc2;

        foreach(lc2, using_names)
            if (lc2 != lc && foreach_current_index(lc2) < foreach_current_index(lc) &&
                strcmp(strVal(lfirst(lc2)), name) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                        errmsg("column name \"%s\" appears more than once in USING clause", name),
                        errposition(ParserErrPos(pstate, j->location)));
        la = find_using_column(l.rte, name, "left");
        ra = find_using_column(r.rte, name, "right");
        l_used[la] = true;
        r_used[ra] = true;
        lv = (Node *) MakeVarForColumn(l.rte, l.rtindex, la, 0, -1);
        rv = (Node *) MakeVarForColumn(r.rte, r.rtindex, ra, 0, -1);
        {
            Node       *cmp = MakeOpExpr(pstate, list_make1(makeString("=")), copyObject(lv),
                                         copyObject(rv), -1);

            cmp = CoerceToBoolean(pstate, cmp, "JOIN/USING");
            if (quals == NULL)
                quals = cmp;
            else if (IsA(quals, BoolExpr) && ((BoolExpr *) quals)->boolop == AND_EXPR)
                ((BoolExpr *) quals)->args = lappend(((BoolExpr *) quals)->args, cmp);
            else
            {
                BoolExpr   *b = makeNode(BoolExpr);

                b->boolop = AND_EXPR;
                b->args = list_make2(quals, cmp);
                b->location = -1;
                quals = (Node *) b;
            }
        }
        common = SelectCommonType(pstate, list_make2(lv, rv), "JOIN/USING", NULL);
        lv = CoerceToCommonType(pstate, lv, common, "JOIN/USING");
        rv = CoerceToCommonType(pstate, rv, common, "JOIN/USING");
        switch (j->jointype)
        {
            case JOIN_RIGHT:
                merged = rv;
                break;
            case JOIN_FULL:
            {
                CoalesceExpr *c = makeNode(CoalesceExpr);

                c->coalescetype = common;
                c->args = list_make2(lv, rv);
                c->location = -1;
                merged = (Node *) c;
                break;
            }
            default:
                merged = lv;
                break;
        }
        colnames = lappend(colnames, makeString(pstrdup(name)));
        aliasvars = lappend(aliasvars, merged);
    }
    for (int a = 1; a <= l_n; a++)
    {
        if (l_used[a])
            continue;
        colnames = lappend(colnames, makeString(pstrdup(RteColumnName(l.rte, a))));
        aliasvars = lappend(aliasvars, RteColumnName(l.rte, a)[0] == '\0'
                            ? MakeTypedNullConst(INT4OID, -1)
                            : (Node *) MakeVarForColumn(l.rte, l.rtindex, a, 0, -1));
    }
    for (int b = 1; b <= r_n; b++)
    {
        if (r_used[b])
            continue;
        colnames = lappend(colnames, makeString(pstrdup(RteColumnName(r.rte, b))));
        aliasvars = lappend(aliasvars, RteColumnName(r.rte, b)[0] == '\0'
                            ? MakeTypedNullConst(INT4OID, -1)
                            : (Node *) MakeVarForColumn(r.rte, r.rtindex, b, 0, -1));
    }

    if (j->quals != NULL)
    {
        /* ON sees only the join's own inputs (and outer query levels) */
        List       *my_ns = list_concat(list_copy(l.namespace), r.namespace);
        Node       *on;

        pstate->namespace = my_ns;
        on = TransformWhereClause(pstate, j->quals, EXPR_KIND_JOIN_ON, "JOIN/ON");
        pstate->namespace = save_ns;
        quals = on;
    }

    rte->rtekind = RTE_JOIN;
    rte->jointype = j->jointype;
    rte->joinaliasvars = aliasvars;
    foreach(lc, aliasvars)
    {
        rte->coltypes = lappend_oid(rte->coltypes, exprType(lfirst(lc)));
        rte->coltypmods = lappend_int(rte->coltypmods, exprTypmod(lfirst(lc)));
    }
    rte->alias = j->alias ? copyObject(j->alias) : NULL;
    if (j->alias)
    {
        List       *names = NIL;
        int         nalias = list_length(j->alias->colnames);

        if (nalias > list_length(colnames))
            ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                    errmsg("column alias list for \"%s\" has too many entries",
                           j->alias->aliasname));
        foreach(lc, colnames)
        {
            int         i = foreach_current_index(lc);

            names = lappend(names, i < nalias ? list_nth(j->alias->colnames, i) : lfirst(lc));
        }
        rte->eref = MakeAlias(j->alias->aliasname, names);
    }
    else
        rte->eref = MakeAlias("unnamed_join", colnames);
    rte->inFromCl = true;
    AddRangeTableEntry(pstate, rte, &rtindex);

    je->jointype = j->jointype;
    je->isNatural = j->isNatural;
    je->larg = l.node;
    je->rarg = r.node;
    je->usingClause = copyObject(using_names);
    je->quals = quals;
    je->alias = rte->alias;
    je->rtindex = rtindex;
    pstate->joinexprs = list_truncate(pstate->joinexprs, rtindex - 1);
    pstate->joinexprs = lappend(pstate->joinexprs, je);

    result.node = (Node *) je;
    result.rte = rte;
    result.rtindex = rtindex;
    if (j->alias)
        result.namespace = list_make1(MakeNamespaceItem(rte, rtindex, true, true));
    else
    {
        result.namespace = list_concat(set_cols_invisible(l.namespace),
                                       set_cols_invisible(r.namespace));
        result.namespace = lappend(result.namespace,
                                   MakeNamespaceItem(rte, rtindex, false, true));
    }
    return result;
}

static FromItem
transform_from_item(ParseState *pstate, Node *n)
{
    switch (nodeTag(n))
    {
        case T_RangeVar:
            return transform_range_var(pstate, (RangeVar *) n);
        case T_RangeSubselect:
            return transform_range_subselect(pstate, (RangeSubselect *) n);
        case T_RangeFunction:
            return transform_range_function(pstate, (RangeFunction *) n);
        case T_RawJoinExpr:
            return transform_join(pstate, (RawJoinExpr *) n);
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(n));
    }
    return (FromItem) {0};
}

/*
 * TransformFromClause -- analyze the FROM list: fills pstate->rtable,
 * pstate->joinlist and pstate->namespace.  While an item is analyzed the
 * earlier items are visible only to LATERAL references.
 */
void
TransformFromClause(ParseState *pstate, List *from)
{
    ListCell   *lc;

    foreach(lc, from)
    {
        FromItem    item;
        ListCell   *lc2;

        item = transform_from_item(pstate, lfirst(lc));
        check_namespace_conflicts(pstate->namespace, item.namespace);
        foreach(lc2, item.namespace)
        {
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_only = true;
            ((ParseNamespaceItem *) lfirst(lc2))->lateral_ok = true;
        }
        pstate->joinlist = lappend(pstate->joinlist, item.node);
        pstate->namespace = list_concat(pstate->namespace, item.namespace);
    }
    foreach(lc, pstate->namespace)
        ((ParseNamespaceItem *) lfirst(lc))->lateral_only = false;
}

/* TransformWhereClause -- a boolean condition (WHERE, HAVING, JOIN/ON). */
Node *
TransformWhereClause(ParseState *pstate, Node *clause, ParseExprKind kind,
                     const char *construct)
{
    Node       *q;

    if (clause == NULL)
        return NULL;
    q = TransformExpr(pstate, clause, kind);
    return CoerceToBoolean(pstate, q, construct);
}

static bool
contains_level0_vars(Node *node, void *ctx)
{
    int        *depth = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
        return ((Var *) node)->varlevelsup == *depth;
    if (IsA(node, Query))
    {
        bool        r;

        (*depth)++;
        r = query_tree_walker((Query *) node, contains_level0_vars, ctx);
        (*depth)--;
        return r;
    }
    return expression_tree_walker(node, contains_level0_vars, ctx);
}

/* TransformLimitClause -- LIMIT/OFFSET: bigint, no columns of this level. */
Node *
TransformLimitClause(ParseState *pstate, Node *clause, ParseExprKind kind,
                     const char *construct)
{
    Node       *q;
    int         depth = 0;

    if (clause == NULL)
        return NULL;
    q = TransformExpr(pstate, clause, kind);
    q = CoerceToSpecificType(pstate, q, INT8OID, construct);
    if (contains_level0_vars(q, &depth))
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("argument of %s must not contain variables", construct),
                errposition(ParserErrPos(pstate, exprLocation(q))));
    return q;
}

TargetEntry *
FindTargetEntryByRef(List *tlist, uint32 ref)
{
    ListCell   *lc;

    foreach(lc, tlist)
        if (((TargetEntry *) lfirst(lc))->ressortgroupref == ref)
            return lfirst(lc);
    elog(ERROR, "ORDER/GROUP BY expression not found in targetlist");
    return NULL;
}

/* AssignSortGroupRef -- tle's ressortgroupref, assigning the next free one. */
uint32
AssignSortGroupRef(TargetEntry *tle, List *tlist)
{
    uint32      max = 0;
    ListCell   *lc;

    if (tle->ressortgroupref)
        return tle->ressortgroupref;
    foreach(lc, tlist)
        max = Max(max, ((TargetEntry *) lfirst(lc))->ressortgroupref);
    tle->ressortgroupref = max + 1;
    return tle->ressortgroupref;
}

/* operator with exactly these input types, or InvalidOid */
static Oid
exact_operator(const char *name, Oid type)
{
    int         count;
    const OperInfo *const *c = OperCandidatesByName(name, &count);

    for (int i = 0; i < count; i++)
        if (c[i]->left == type && c[i]->right == type)
            return c[i]->oid;
    return InvalidOid;
}

/*
 * MakeSortGroupClause -- ordering/equality operators for one sort or
 * group key of type.  useop names an explicit USING operator.
 */
SortGroupClause *
MakeSortGroupClause(Oid type, uint32 ref, bool desc, int nulls, ParseState *pstate,
                    List *useop, int location)
{
    SortGroupClause *sgc = makeNode(SortGroupClause);

    sgc->tleSortGroupRef = ref;
    sgc->eqop = TypeEqualityOperator(type);
    if (useop != NIL)
    {
        const char *opname = strVal(llast(useop));
        const OperInfo *op = LookupOperator(pstate, useop, type, type, false, location);

        if (strcmp(opname, "<") == 0 || strcmp(opname, "<=") == 0)
            desc = false;
        else if (strcmp(opname, ">") == 0 || strcmp(opname, ">=") == 0)
            desc = true;
        else
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("operator %s is not a valid ordering operator", opname),
                    errhint("Ordering operators must be \"<\" or \">\" members of btree operator "
                            "families."),
                    errposition(ParserErrPos(pstate, location)));
        sgc->sortop = op->oid;
    }
    else if (desc)
        sgc->sortop = exact_operator(">", type);
    else
        sgc->sortop = TypeLessThanOperator(type);
    if (nulls == SORTBY_NULLS_FIRST)
        sgc->nulls_first = true;
    else if (nulls == SORTBY_NULLS_LAST)
        sgc->nulls_first = false;
    else
        sgc->nulls_first = desc;
    sgc->hashable = TypeHashFunction(type) != NULL;
    return sgc;
}

/*
 * find_target_sql92 -- ORDER BY / GROUP BY / DISTINCT ON item as an output
 * column name or ordinal; NULL if it is not one of those forms.
 */
static TargetEntry *
find_target_sql92(ParseState *pstate, Node *node, List *tlist, ParseExprKind kind)
{
    const char *clause = kind == EXPR_KIND_GROUP_BY ? "GROUP BY"
        : kind == EXPR_KIND_DISTINCT_ON ? "DISTINCT ON" : "ORDER BY";
    ListCell   *lc;

    if (IsA(node, ColumnRef) && list_length(((ColumnRef *) node)->fields) == 1 &&
        IsA(linitial(((ColumnRef *) node)->fields), String))
    {
        const char *name = strVal(linitial(((ColumnRef *) node)->fields));
        TargetEntry *found = NULL;

        if (kind == EXPR_KIND_GROUP_BY)
        {
            /* an input column of that name wins in GROUP BY */
            ListCell   *lc2;

            foreach(lc2, pstate->namespace)
            {
                ParseNamespaceItem *nsi = lfirst(lc2);
                ListCell   *lc3;

                if (!nsi->cols_visible)
                    continue;
                foreach(lc3, nsi->rte->eref->colnames)
                    if (strcmp(strVal(lfirst(lc3)), name) == 0)
                        return NULL;
            }
        }
        foreach(lc, tlist)
        {
            TargetEntry *tle = lfirst(lc);

            if (tle->resjunk || tle->resname == NULL || strcmp(tle->resname, name) != 0)
                continue;
            if (found != NULL && !equal(found->expr, tle->expr))
                ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_COLUMN),
                        errmsg("%s \"%s\" is ambiguous", clause, name),
                        errposition(ParserErrPos(pstate, ((ColumnRef *) node)->location)));
            if (found == NULL)
                found = tle;
        }
        return found;
    }
    if (IsA(node, A_Const))
    {
        A_Const    *c = (A_Const *) node;
        int         target_pos = 0;

        if (c->isnull || c->val == NULL || !IsA(c->val, Integer))
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("non-integer constant in %s", clause),
                    errposition(ParserErrPos(pstate, c->location)));
        foreach(lc, tlist)
        {
            TargetEntry *tle = lfirst(lc);

            if (tle->resjunk)
                continue;
            if (++target_pos == intVal(c->val))
                return tle;
        }
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("%s position %d is not in select list", clause, intVal(c->val)),
                errposition(ParserErrPos(pstate, c->location)));
    }
    return NULL;
}

/* find_target_sql99 -- an expression equal to a target entry, or a new junk one */
static TargetEntry *
find_target_sql99(ParseState *pstate, Node *node, List **tlist, ParseExprKind kind)
{
    Node       *expr = TransformExpr(pstate, node, kind);
    ListCell   *lc;
    TargetEntry *tle;

    foreach(lc, *tlist)
    {
        tle = lfirst(lc);
        if (equal(tle->expr, expr))
            return tle;
    }
    tle = MakeTargetEntry(expr, list_length(*tlist) + 1, NULL, true);
    *tlist = lappend(*tlist, tle);
    return tle;
}

static TargetEntry *
find_target(ParseState *pstate, Node *node, List **tlist, ParseExprKind kind)
{
    TargetEntry *tle = find_target_sql92(pstate, node, *tlist, kind);

    if (tle != NULL)
        return tle;
    return find_target_sql99(pstate, node, tlist, kind);
}

static bool
sort_list_has(List *sortlist, TargetEntry *tle)
{
    ListCell   *lc;

    if (tle->ressortgroupref == 0)
        return false;
    foreach(lc, sortlist)
        if (((SortGroupClause *) lfirst(lc))->tleSortGroupRef == tle->ressortgroupref)
            return true;
    return false;
}

/* an unknown literal used as a sort/group key becomes text */
static void
resolve_tle_unknown(ParseState *pstate, TargetEntry *tle)
{
    tle->expr = (void *) ResolveUnknownNode(pstate, (Node *) tle->expr);
}

/*
 * raw_expr_location -- the leftmost known location of a raw (untransformed)
 * expression, for the common node kinds; -1 for others.
 */
static int
raw_expr_location(Node *node)
{
    int         loc = -1;
    int         inner = -1;

    if (node == NULL)
        return -1;
    switch (nodeTag(node))
    {
        case T_ColumnRef:
            return ((ColumnRef *) node)->location;
        case T_A_Const:
            return ((A_Const *) node)->location;
        case T_ParamRef:
            return ((ParamRef *) node)->location;
        case T_FuncCall:
            return ((FuncCall *) node)->location;
        case T_A_Expr:
            loc = ((A_Expr *) node)->location;
            inner = raw_expr_location(((A_Expr *) node)->lexpr);
            break;
        case T_TypeCast:
            loc = ((TypeCast *) node)->location;
            inner = raw_expr_location(((TypeCast *) node)->arg);
            break;
        default:
            return -1;
    }
    if (loc < 0 || (inner >= 0 && inner < loc))
        return inner;
    return loc;
}

/* TransformSortClause -- ORDER BY: SortGroupClause list, target list extended. */
List *
TransformSortClause(ParseState *pstate, List *orderlist, List **targetlist,
                    ParseExprKind kind, bool use_sql99)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, orderlist)
    {
        SortBy     *sb = lfirst(lc);
        TargetEntry *tle = use_sql99 ? find_target_sql99(pstate, sb->node, targetlist, kind)
            : find_target(pstate, sb->node, targetlist, kind);
        Oid         type;

        if (sort_list_has(result, tle))
            continue;
        resolve_tle_unknown(pstate, tle);
        type = exprType((Node *) tle->expr);
        if (sb->useOp == NIL &&
            (sb->sortby_dir == SORTBY_DESC ? !OidIsValid(exact_operator(">", type))
             : !OidIsValid(TypeLessThanOperator(type))))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                    errmsg("could not identify an ordering operator for type %s",
                           FormatTypeName(type)),
                    errhint("Use an explicit ordering operator or modify the query."),
                    errposition(ParserErrPos(pstate,
                                             exprLocation((Node *) tle->expr) >= 0
                                             ? exprLocation((Node *) tle->expr)
                                             : raw_expr_location(sb->node))));
        result = lappend(result,
                         MakeSortGroupClause(type, AssignSortGroupRef(tle, *targetlist),
                                             sb->sortby_dir == SORTBY_DESC, sb->sortby_nulls,
                                             pstate, sb->useOp, sb->location));
    }
    return result;
}

/*
 * TransformGroupClause -- GROUP BY: one SortGroupClause per distinct
 * target entry; keys also in ORDER BY reuse that clause's ordering.
 */
List *
TransformGroupClause(ParseState *pstate, List *grouplist, List **targetlist, List *sortclause)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, grouplist)
    {
        Node       *g = lfirst(lc);
        TargetEntry *tle;
        Oid         type;
        SortGroupClause *sgc = NULL;
        ListCell   *lc2;

        if (IsA(g, RawRowExpr) && ((RawRowExpr *) g)->args == NIL)
            continue;           /* GROUP BY () */
        tle = find_target(pstate, g, targetlist, EXPR_KIND_GROUP_BY);
        if (sort_list_has(result, tle))
            continue;
        resolve_tle_unknown(pstate, tle);
        type = exprType((Node *) tle->expr);
        foreach(lc2, sortclause)
            if (tle->ressortgroupref != 0 &&
                ((SortGroupClause *) lfirst(lc2))->tleSortGroupRef == tle->ressortgroupref)
                sgc = copyObject(lfirst(lc2));
        if (sgc == NULL)
            sgc = MakeSortGroupClause(type, AssignSortGroupRef(tle, *targetlist), false,
                                      SORTBY_NULLS_DEFAULT, pstate, NIL, -1);
        if (!OidIsValid(sgc->eqop))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                    errmsg("could not identify an equality operator for type %s",
                           FormatTypeName(type)),
                    errposition(ParserErrPos(pstate, exprLocation((Node *) tle->expr))));
        result = lappend(result, sgc);
    }
    return result;
}

/*
 * TransformDistinctClause -- SELECT DISTINCT: every visible column, ORDER
 * BY keys first (in their order); ORDER BY keys must be visible columns.
 */
List *
TransformDistinctClause(ParseState *pstate, List **targetlist, List *sortclause)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, sortclause)
    {
        SortGroupClause *sgc = lfirst(lc);
        TargetEntry *tle = FindTargetEntryByRef(*targetlist, sgc->tleSortGroupRef);

        if (tle->resjunk)
            ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                    errmsg("for SELECT DISTINCT, ORDER BY expressions must appear in select "
                           "list"),
                    errposition(ParserErrPos(pstate, exprLocation((Node *) tle->expr))));
        result = lappend(result, copyObject(sgc));
    }
    foreach(lc, *targetlist)
    {
        TargetEntry *tle = lfirst(lc);

        if (tle->resjunk || sort_list_has(result, tle))
            continue;
        resolve_tle_unknown(pstate, tle);
        result = lappend(result,
                         MakeSortGroupClause(exprType((Node *) tle->expr),
                                             AssignSortGroupRef(tle, *targetlist), false,
                                             SORTBY_NULLS_DEFAULT, pstate, NIL, -1));
    }
    return result;
}

/*
 * distinct_on_mismatch -- 42P10, pointing at the DISTINCT ON expression
 * dexpr (its raw location, else that of its target entry), as PostgreSQL.
 */
static RDB_NORETURN void
distinct_on_mismatch(ParseState *pstate, Node *dexpr, List *targetlist, uint32 ref)
{
    int         loc = raw_expr_location(dexpr);

    if (loc < 0)
        loc = exprLocation((Node *) FindTargetEntryByRef(targetlist, ref)->expr);
    ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
            errmsg("SELECT DISTINCT ON expressions must match initial ORDER BY expressions"),
            errposition(ParserErrPos(pstate, loc)));
    rdb_unreachable();
}

/*
 * TransformDistinctOnClause -- DISTINCT ON (exprs): the keys, which must
 * match the leading ORDER BY keys (42P10), then the rest of ORDER BY.
 * As in PostgreSQL, ORDER BY items that are DISTINCT ON keys are taken in
 * ORDER BY's order (with its sort direction); once an ORDER BY item that
 * is not a key has been passed, no key may follow or be left over.  The
 * error points at the offending DISTINCT ON expression.
 */
List *
TransformDistinctOnClause(ParseState *pstate, List *distinctlist, List **targetlist,
                          List *sortclause)
{
    List       *result = NIL;
    List       *refs = NIL;     /* sort-group ref of each distinctlist item */
    bool        skipped = false;
    ListCell   *lc;
    ListCell   *lc2;

    foreach(lc, distinctlist)
    {
        TargetEntry *tle = find_target(pstate, lfirst(lc), targetlist, EXPR_KIND_DISTINCT_ON);

        resolve_tle_unknown(pstate, tle);
        refs = lappend_int(refs, (int) AssignSortGroupRef(tle, *targetlist));
    }
    foreach(lc, sortclause)
    {
        SortGroupClause *sgc = lfirst(lc);

        if (!list_member_int(refs, (int) sgc->tleSortGroupRef))
        {
            skipped = true;
            continue;
        }
        if (skipped)
        {
            ListCell   *lc3;

            forboth(lc2, distinctlist, lc3, refs)
                if ((uint32) lfirst_int(lc3) == sgc->tleSortGroupRef)
                    distinct_on_mismatch(pstate, lfirst(lc2), *targetlist, sgc->tleSortGroupRef);
        }
        result = lappend(result, copyObject(sgc));
    }
    forboth(lc, distinctlist, lc2, refs)
    {
        uint32      ref = (uint32) lfirst_int(lc2);
        bool        present = false;
        ListCell   *lc3;

        foreach(lc3, result)
            if (((SortGroupClause *) lfirst(lc3))->tleSortGroupRef == ref)
                present = true;
        if (present)
            continue;
        if (skipped)
            distinct_on_mismatch(pstate, lfirst(lc), *targetlist, ref);
        {
            TargetEntry *tle = FindTargetEntryByRef(*targetlist, ref);

            result = lappend(result, MakeSortGroupClause(exprType((Node *) tle->expr), ref,
                                                         false, SORTBY_NULLS_DEFAULT, pstate,
                                                         NIL, -1));
        }
    }
    return result;
}

static const char *
lock_strength_name(LockClauseStrength s)
{
    switch (s)
    {
        case LCS_FORKEYSHARE:
            return "FOR KEY SHARE";
        case LCS_FORSHARE:
            return "FOR SHARE";
        case LCS_FORNOKEYUPDATE:
            return "FOR NO KEY UPDATE";
        default:
            return "FOR UPDATE";
    }
}

static void
add_row_mark(Query *qry, int rti, LockingClause *lcl)
{
    RowMarkClause *rm;
    ListCell   *lc;

    foreach(lc, qry->rowMarks)
    {
        rm = lfirst(lc);
        if (rm->rti == rti)
        {
            if (lcl->strength > rm->strength)
                rm->strength = lcl->strength;
            return;
        }
    }
    rm = makeNode(RowMarkClause);
    rm->rti = rti;
    rm->strength = lcl->strength;
    rm->waitPolicy = lcl->waitPolicy;
    qry->rowMarks = lappend(qry->rowMarks, rm);
}

/*
 * TransformLockingClause -- FOR UPDATE/SHARE: a RowMarkClause per locked
 * table of this level (relations; FROM subqueries lock their own tables
 * through locked_from_parent).  Not allowed with aggregation, DISTINCT or
 * set operations (0A000).
 */
void
TransformLockingClause(ParseState *pstate, Query *qry, List *clauses)
{
    ListCell   *lc;

    foreach(lc, clauses)
    {
        LockingClause *lcl = lfirst(lc);
        const char *what = lock_strength_name(lcl->strength);

        if (qry->setOperations)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with UNION/INTERSECT/EXCEPT", what));
        if (qry->distinctClause)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with DISTINCT clause", what));
        if (qry->groupClause)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with GROUP BY clause", what));
        if (qry->havingQual)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with HAVING clause", what));
        if (qry->hasAggs)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with aggregate functions", what));
        if (qry->hasWindowFuncs)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with window functions", what));
        if (qry->hasTargetSRFs)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("%s is not allowed with set-returning functions in the target list",
                           what));
        if (lcl->lockedRels == NIL)
        {
            ListCell   *lc2;

            foreach(lc2, qry->rtable)
            {
                RangeTblEntry *rte = lfirst(lc2);

                if (rte->rtekind == RTE_RELATION && rte->inFromCl)
                {
                    rte->rellockmode = RowShareLock;
                    add_row_mark(qry, foreach_current_index(lc2) + 1, lcl);
                }
            }
        }
        else
        {
            ListCell   *lc2;

            foreach(lc2, lcl->lockedRels)
            {
                RangeVar   *rv = lfirst(lc2);
                bool        found = false;
                ListCell   *lc3;

                foreach(lc3, qry->rtable)
                {
                    RangeTblEntry *rte = lfirst(lc3);

                    if (!rte->inFromCl || strcmp(rte->eref->aliasname, rv->relname) != 0)
                        continue;
                    found = true;
                    if (rte->rtekind == RTE_RELATION)
                    {
                        rte->rellockmode = RowShareLock;
                        add_row_mark(qry, foreach_current_index(lc3) + 1, lcl);
                    }
                    else if (rte->rtekind == RTE_JOIN)
                        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                errmsg("%s cannot be applied to a join", what),
                                errposition(ParserErrPos(pstate, rv->location)));
                    else if (rte->rtekind == RTE_FUNCTION)
                        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                errmsg("%s cannot be applied to a function", what),
                                errposition(ParserErrPos(pstate, rv->location)));
                    break;
                }
                if (!found)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("relation \"%s\" in %s clause not found in FROM clause",
                                   rv->relname, what),
                            errposition(ParserErrPos(pstate, rv->location)));
            }
        }
    }
    if (qry->rowMarks != NIL)
        qry->hasForUpdate = true;
}
