/*
 * parse_agg.c
 *     Aggregate calls (Aggref construction: DISTINCT, ORDER BY inside the
 *     call, FILTER, count(*)), where aggregates may appear, and the check
 *     that ungrouped columns are not used outside aggregates when a query
 *     level groups or aggregates.
 * Entry points: TransformAggregateCall(), CheckAggregatesAndGrouping(),
 * ContainsAggOfLevel().
 *
 * An aggregate belongs to the query level of the lowest level its
 * arguments reference (agglevelsup); f(outer.x) inside a subquery is an
 * aggregate of the outer query, as in SQL and PostgreSQL.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

typedef struct LevelContext
{
    int         depth;          /* SubLink nesting while walking */
    int         min_level;      /* lowest varlevelsup found (relative), or INT_MAX */
} LevelContext;

static bool
min_level_walker(Node *node, void *ctx)
{
    LevelContext *c = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        int         up = ((Var *) node)->varlevelsup - c->depth;

        if (up >= 0 && up < c->min_level)
            c->min_level = up;
        return false;
    }
    if (IsA(node, Aggref))
    {
        int         up = ((Aggref *) node)->agglevelsup - c->depth;

        if (up >= 0 && up < c->min_level)
            c->min_level = up;
        /* its arguments belong to it: do not descend */
        return false;
    }
    if (IsA(node, Query))
    {
        bool        r;

        c->depth++;
        r = query_tree_walker((Query *) node, min_level_walker, c);
        c->depth--;
        return r;
    }
    return expression_tree_walker(node, min_level_walker, c);
}

typedef struct FindAggContext
{
    int         depth;
    int         levelsup;
    int         location;
} FindAggContext;

static bool
find_agg_walker(Node *node, void *ctx)
{
    FindAggContext *c = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Aggref))
    {
        if (((Aggref *) node)->agglevelsup == c->levelsup + c->depth)
        {
            c->location = ((Aggref *) node)->location;
            return true;
        }
        return expression_tree_walker(node, find_agg_walker, c);
    }
    if (IsA(node, Query))
    {
        bool        r;

        c->depth++;
        r = query_tree_walker((Query *) node, find_agg_walker, c);
        c->depth--;
        return r;
    }
    return expression_tree_walker(node, find_agg_walker, c);
}

/* ContainsAggOfLevel -- whether node holds an Aggref of the given level. */
bool
ContainsAggOfLevel(Node *node, int levelsup)
{
    FindAggContext c = {0, levelsup, -1};

    return find_agg_walker(node, &c);
}

static int
agg_location_of_level(Node *node, int levelsup)
{
    FindAggContext c = {0, levelsup, -1};

    if (find_agg_walker(node, &c))
        return c.location;
    return -1;
}

/* the message part naming where an aggregate is not allowed, or NULL if allowed */
static const char *
agg_disallowed_in(ParseExprKind kind)
{
    switch (kind)
    {
        case EXPR_KIND_SELECT_TARGET:
        case EXPR_KIND_HAVING:
        case EXPR_KIND_ORDER_BY:
        case EXPR_KIND_DISTINCT_ON:
        case EXPR_KIND_RETURNING:
        case EXPR_KIND_WINDOW_PARTITION:
        case EXPR_KIND_WINDOW_ORDER:
        case EXPR_KIND_OTHER:
        case EXPR_KIND_NONE:
            return NULL;
        case EXPR_KIND_WINDOW_FRAME_RANGE:
            return "window RANGE";
        case EXPR_KIND_WINDOW_FRAME_ROWS:
            return "window ROWS";
        case EXPR_KIND_WINDOW_FRAME_GROUPS:
            return "window GROUPS";
        case EXPR_KIND_JOIN_ON:
        case EXPR_KIND_JOIN_USING:
            return "JOIN conditions";
        case EXPR_KIND_FROM_SUBSELECT:
            return "FROM clause of their own query level";
        case EXPR_KIND_FROM_FUNCTION:
            return "functions in FROM";
        case EXPR_KIND_WHERE:
            return "WHERE";
        case EXPR_KIND_FILTER:
            return "FILTER";
        case EXPR_KIND_GROUP_BY:
            return "GROUP BY";
        case EXPR_KIND_LIMIT:
            return "LIMIT";
        case EXPR_KIND_OFFSET:
            return "OFFSET";
        case EXPR_KIND_VALUES:
        case EXPR_KIND_VALUES_SINGLE:
            return "VALUES";
        case EXPR_KIND_INSERT_TARGET:
        case EXPR_KIND_UPDATE_SOURCE:
        case EXPR_KIND_UPDATE_TARGET:
            return "UPDATE";
        case EXPR_KIND_CHECK_CONSTRAINT:
            return "check constraints";
        case EXPR_KIND_COLUMN_DEFAULT:
            return "DEFAULT expressions";
        case EXPR_KIND_INDEX_PREDICATE:
            return "index predicates";
        case EXPR_KIND_PARTITION_BOUND:
            return "partition bound";
        case EXPR_KIND_CALL_ARGUMENT:
            return "CALL arguments";
    }
    return NULL;
}

/*
 * add_agg_sort -- ORDER BY inside an aggregate call: each key becomes a
 * (resjunk if new) TargetEntry of the Aggref's argument list and a
 * SortGroupClause in aggorder.
 */
static List *
add_agg_sort(ParseState *pstate, List *sortby_list, List **tlist, bool distinct)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, sortby_list)
    {
        SortBy     *sb = lfirst(lc);
        Node       *expr = TransformExprRecurse(pstate, sb->node);
        TargetEntry *match = NULL;
        ListCell   *lc2;
        Oid         type;

        foreach(lc2, *tlist)
        {
            TargetEntry *tle = lfirst(lc2);

            if (equal(tle->expr, expr))
            {
                match = tle;
                break;
            }
        }
        if (match == NULL)
        {
            if (distinct)
                ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                        errmsg("in an aggregate with DISTINCT, ORDER BY expressions must "
                               "appear in argument list"),
                        errposition(ParserErrPos(pstate, exprLocation(expr))));
            expr = ResolveUnknownNode(pstate, expr);
            match = MakeTargetEntry(expr, list_length(*tlist) + 1, NULL, true);
            *tlist = lappend(*tlist, match);
        }
        type = exprType(match->expr);
        result = lappend(result,
                         MakeSortGroupClause(type, AssignSortGroupRef(match, *tlist),
                                             sb->sortby_dir == SORTBY_DESC, sb->sortby_nulls,
                                             pstate, sb->useOp, exprLocation(expr)));
    }
    return result;
}

/*
 * TransformAggregateCall -- build the Aggref for a resolved aggregate fi
 * called with (already coerced) args; argtypes are the declared argument
 * types after polymorphic resolution, rettype the result type.
 */
Node *
TransformAggregateCall(ParseState *pstate, FuncCall *fc, const FuncInfo *fi, List *args,
                       Oid *argtypes, Oid rettype)
{
    Aggref     *agg = makeNode(Aggref);
    List       *tlist = NIL;
    LevelContext lc_ctx = {0, INT32_MAX};
    ParseState *owner;
    const char *where;
    ListCell   *lc;
    int         nested;

    foreach(lc, args)
    {
        Node       *a = lfirst(lc);

        tlist = lappend(tlist, MakeTargetEntry(a, foreach_current_index(lc) + 1, NULL, false));
        agg->aggargtypes = lappend_oid(agg->aggargtypes, argtypes[foreach_current_index(lc)]);
    }
    if (fc->agg_order != NIL)
    {
        ParseExprKind save = pstate->expr_kind;

        agg->aggorder = add_agg_sort(pstate, fc->agg_order, &tlist, fc->agg_distinct);
        pstate->expr_kind = save;
    }
    if (fc->agg_distinct)
    {
        ListCell   *lc2;

        foreach(lc2, tlist)
        {
            TargetEntry *tle = lfirst(lc2);
            Oid         type = exprType(tle->expr);
            SortGroupClause *existing = NULL;
            ListCell   *lc3;

            foreach(lc3, agg->aggorder)
                if (((SortGroupClause *) lfirst(lc3))->tleSortGroupRef == tle->ressortgroupref &&
                    tle->ressortgroupref != 0)
                    existing = lfirst(lc3);
            agg->aggdistinct = lappend(agg->aggdistinct,
                                       existing ? copyObject(existing)
                                       : MakeSortGroupClause(type,
                                                             AssignSortGroupRef(tle, tlist),
                                                             false, SORTBY_NULLS_DEFAULT, pstate,
                                                             NIL, exprLocation((Node *) tle->expr)));
        }
    }
    agg->aggfnoid = fi->oid;
    agg->aggtype = rettype;
    agg->args = tlist;
    agg->aggstar = fc->agg_star;
    agg->location = fc->location;

    /* which level does it belong to? */
    foreach(lc, tlist)
        min_level_walker((Node *) ((TargetEntry *) lfirst(lc))->expr, &lc_ctx);
    agg->agglevelsup = lc_ctx.min_level == INT32_MAX ? 0 : lc_ctx.min_level;

    owner = pstate;
    for (int i = 0; i < agg->agglevelsup && owner->parent; i++)
        owner = owner->parent;

    where = agg_disallowed_in(owner->expr_kind);
    if (where != NULL)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate functions are not allowed in %s", where),
                errposition(ParserErrPos(pstate, fc->location)));

    /* nested aggregates of the same level */
    nested = -1;
    foreach(lc, tlist)
    {
        nested = agg_location_of_level((Node *) ((TargetEntry *) lfirst(lc))->expr,
                                       agg->agglevelsup);
        if (nested >= 0)
            break;
    }
    if (nested >= 0)
        ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                errmsg("aggregate function calls cannot be nested"),
                errposition(ParserErrPos(pstate, nested)));
    foreach(lc, tlist)
    {
        nested = WindowFuncLocation((Node *) ((TargetEntry *) lfirst(lc))->expr);
        if (nested >= -1)
            ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                    errmsg("aggregate function calls cannot contain window function calls"),
                    errposition(ParserErrPos(pstate, nested)));
    }

    if (fc->agg_filter != NULL)
    {
        ParseExprKind save = pstate->expr_kind;
        Node       *f;

        pstate->expr_kind = EXPR_KIND_FILTER;
        f = TransformExprRecurse(pstate, fc->agg_filter);
        pstate->expr_kind = save;
        agg->aggfilter = CoerceToBoolean(pstate, f, "FILTER");
    }
    owner->has_aggs = true;
    return (Node *) agg;
}

/* ---------------- ungrouped-column check ---------------- */

typedef struct GroupCheckContext
{
    ParseState *pstate;
    Query      *qry;
    List       *group_exprs;    /* expressions of GROUP BY, level 0 */
    int         depth;          /* sublevels entered */
    bool        in_agg;         /* inside an Aggref of this level */
    const char *clause;
} GroupCheckContext;

static bool
is_grouped_expr(GroupCheckContext *c, Node *node)
{
    ListCell   *lc;

    if (c->depth != 0)
        return false;
    foreach(lc, c->group_exprs)
        if (equal(lfirst(lc), node))
            return true;
    return false;
}

static bool
group_check_walker(Node *node, void *ctx)
{
    GroupCheckContext *c = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Aggref))
    {
        if (((Aggref *) node)->agglevelsup == c->depth)
            return false;       /* arguments of this level's aggregates are free */
        return expression_tree_walker(node, group_check_walker, c);
    }
    if (is_grouped_expr(c, node))
        return false;
    if (IsA(node, Var))
    {
        Var        *v = (Var *) node;

        if (v->varlevelsup == c->depth)
        {
            RangeTblEntry *rte = list_nth(c->qry->rtable, v->varno - 1);
            const char *colname = v->varattno > 0 ? RteColumnName(rte, v->varattno) : "*";

            ereport(ERROR, errcode(ERRCODE_GROUPING_ERROR),
                    errmsg("column \"%s.%s\" must appear in the GROUP BY clause or be used in "
                           "an aggregate function", rte->eref->aliasname, colname),
                    errposition(ParserErrPos(c->pstate, v->location)));
        }
        return false;
    }
    if (IsA(node, Query))
    {
        bool        r;

        c->depth++;
        r = query_tree_walker((Query *) node, group_check_walker, c);
        c->depth--;
        return r;
    }
    return expression_tree_walker(node, group_check_walker, c);
}

/*
 * CheckAggregatesAndGrouping -- when qry groups or aggregates, every Var
 * of this level in the target list, HAVING and ORDER BY must be grouped
 * (an expression equal to a GROUP BY item, or inside an aggregate).
 * Grouping by a table's primary key does not make its other columns
 * available here (PostgreSQL allows it; noted in the README).
 */
void
CheckAggregatesAndGrouping(ParseState *pstate, Query *qry)
{
    GroupCheckContext c;
    ListCell   *lc;

    if (!qry->hasAggs && qry->groupClause == NIL && qry->havingQual == NULL)
        return;
    memset(&c, 0, sizeof(c));
    c.pstate = pstate;
    c.qry = qry;
    foreach(lc, qry->groupClause)
    {
        SortGroupClause *sgc = lfirst(lc);

        c.group_exprs = lappend(c.group_exprs,
                                FindTargetEntryByRef(qry->targetList, sgc->tleSortGroupRef)->expr);
    }
    foreach(lc, qry->targetList)
    {
        TargetEntry *tle = lfirst(lc);

        group_check_walker((Node *) tle->expr, &c);
    }
    group_check_walker(qry->havingQual, &c);
}
