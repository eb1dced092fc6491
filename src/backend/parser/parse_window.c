/*
 * parse_window.c
 *     Window function calls (f(...) OVER ...) and window definitions (the
 *     WINDOW clause and the specifications written in OVER): WindowFunc and
 *     Query.windowClause construction, where window functions may appear,
 *     and the frame clause checks.
 * Entry points: TransformWindowFuncCall(), TransformWindowDefinitions(),
 * WindowFuncLocation().
 *
 * As in PostgreSQL, the WINDOW clause entries come first in
 * ParseState.windowdefs (winref 1..k); each OVER (...) written in a call
 * appends its specification (winref = position).  OVER name refers to a
 * WINDOW entry.  The definitions are analyzed once every call has been
 * seen, after ORDER BY and GROUP BY, so that their PARTITION BY / ORDER BY
 * expressions reuse (or add resjunk) target entries.  Two windows with
 * equal definitions are computed by one WindowAgg (the planner merges
 * them).
 *
 * Not supported (0A000): GROUPS frames, RANGE with an offset, EXCLUDE.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

/* ---------------- finding window functions ---------------- */

typedef struct FindWinContext
{
    int         location;
} FindWinContext;

static bool
find_window_walker(Node *node, void *ctx)
{
    FindWinContext *c = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, WindowFunc))
    {
        c->location = ((WindowFunc *) node)->location;
        return true;
    }
    /* a subquery's window functions belong to it */
    if (IsA(node, Query))
        return false;
    return expression_tree_walker(node, find_window_walker, c);
}

/*
 * WindowFuncLocation -- location of a window function of this query level
 * in node (not inside subqueries); -2 when there is none.
 */
int
WindowFuncLocation(Node *node)
{
    FindWinContext c = {-2};

    if (find_window_walker(node, &c))
        return c.location;
    return -2;
}

/* the message part naming where a window function is not allowed, or NULL */
static const char *
window_disallowed_in(ParseExprKind kind)
{
    switch (kind)
    {
        case EXPR_KIND_SELECT_TARGET:
        case EXPR_KIND_ORDER_BY:
        case EXPR_KIND_DISTINCT_ON:
        case EXPR_KIND_OTHER:
        case EXPR_KIND_NONE:
            return NULL;
        case EXPR_KIND_JOIN_ON:
            return "JOIN conditions";
        case EXPR_KIND_JOIN_USING:
            return "JOIN conditions";
        case EXPR_KIND_FROM_FUNCTION:
            return "functions in FROM";
        case EXPR_KIND_WINDOW_PARTITION:
        case EXPR_KIND_WINDOW_ORDER:
        case EXPR_KIND_WINDOW_FRAME_RANGE:
        case EXPR_KIND_WINDOW_FRAME_ROWS:
        case EXPR_KIND_WINDOW_FRAME_GROUPS:
            return "window definitions";
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
        case EXPR_KIND_FROM_SUBSELECT:
        case EXPR_KIND_WHERE:
        case EXPR_KIND_HAVING:
        case EXPR_KIND_FILTER:
        case EXPR_KIND_INSERT_TARGET:
        case EXPR_KIND_UPDATE_SOURCE:
        case EXPR_KIND_UPDATE_TARGET:
        case EXPR_KIND_GROUP_BY:
        case EXPR_KIND_LIMIT:
        case EXPR_KIND_OFFSET:
        case EXPR_KIND_RETURNING:
        case EXPR_KIND_VALUES:
        case EXPR_KIND_VALUES_SINGLE:
            return ParseExprKindName(kind);
    }
    return NULL;
}

/* the WINDOW clause entry called name, its winref in *winref; NULL if none */
static RawWindowDef *
find_named_window(ParseState *pstate, const char *name, uint32 *winref)
{
    ListCell   *lc;

    foreach(lc, pstate->windowdefs)
    {
        RawWindowDef *w = lfirst(lc);

        if (w->name != NULL && strcmp(w->name, name) == 0)
        {
            *winref = (uint32) foreach_current_index(lc) + 1;
            return w;
        }
    }
    return NULL;
}

/*
 * TransformWindowFuncCall -- the WindowFunc for fc (fc->over set), a call
 * of the resolved window function or aggregate fi on the (already coerced)
 * args with result type rettype.
 */
Node *
TransformWindowFuncCall(ParseState *pstate, FuncCall *fc, const FuncInfo *fi, List *args,
                        Oid rettype)
{
    WindowFunc *wf = makeNode(WindowFunc);
    RawWindowDef *over = fc->over;
    bool        is_agg = FuncIsAggregate(fi->oid);
    const char *where;
    int         nested;

    Assert(over != NULL);
    wf->winfnoid = fi->oid;
    wf->wintype = rettype;
    wf->args = args;
    wf->winstar = fc->agg_star;
    wf->winagg = is_agg;
    wf->location = fc->location;

    where = window_disallowed_in(pstate->expr_kind);
    if (where != NULL)
        ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                errmsg("window functions are not allowed in %s", where),
                errposition(ParserErrPos(pstate, fc->location)));
    nested = WindowFuncLocation((Node *) args);
    if (nested >= -1)
        ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                errmsg("window function calls cannot be nested"),
                errposition(ParserErrPos(pstate, nested)));
    if (fc->agg_distinct)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("DISTINCT is not implemented for window functions"),
                errposition(ParserErrPos(pstate, fc->location)));
    if (fc->agg_order != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("aggregate ORDER BY is not implemented for window functions"),
                errposition(ParserErrPos(pstate, fc->location)));
    if (fc->agg_filter != NULL)
    {
        ParseExprKind save = pstate->expr_kind;
        Node       *f;

        if (!is_agg)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("FILTER is not implemented for non-aggregate window functions"),
                    errposition(ParserErrPos(pstate, fc->location)));
        pstate->expr_kind = EXPR_KIND_FILTER;
        f = TransformExprRecurse(pstate, fc->agg_filter);
        pstate->expr_kind = save;
        wf->aggfilter = CoerceToBoolean(pstate, f, "FILTER");
    }

    if (over->name != NULL)
    {
        /* OVER name */
        uint32      winref = 0;

        if (find_named_window(pstate, over->name, &winref) == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("window \"%s\" does not exist", over->name),
                    errposition(ParserErrPos(pstate, over->location)));
        wf->winref = winref;
    }
    else
    {
        pstate->windowdefs = lappend(pstate->windowdefs, over);
        wf->winref = (uint32) list_length(pstate->windowdefs);
    }
    pstate->has_window_funcs = true;
    return (Node *) wf;
}

/* ---------------- window definitions ---------------- */

typedef struct VarLocContext
{
    int         depth;
    int         location;
} VarLocContext;

static bool
var_of_level_walker(Node *node, void *ctx)
{
    VarLocContext *c = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        if (((Var *) node)->varlevelsup == c->depth)
        {
            c->location = ((Var *) node)->location;
            return true;
        }
        return false;
    }
    if (IsA(node, Query))
    {
        bool        r;

        c->depth++;
        r = query_tree_walker((Query *) node, var_of_level_walker, c);
        c->depth--;
        return r;
    }
    return expression_tree_walker(node, var_of_level_walker, c);
}

/*
 * range_offset_type -- the type of a RANGE offset for an ORDER BY
 * column of type coltype (PostgreSQL's in_range support: integers take a
 * bigint offset, numeric numeric, floats double precision, date and
 * time / timestamps interval); InvalidOid when RANGE offsets are not supported
 * for the type.
 */
static Oid
range_offset_type(Oid coltype)
{
    switch (coltype)
    {
        case INT2OID:
        case INT4OID:
        case INT8OID:
            return INT8OID;
        case NUMERICOID:
            return NUMERICOID;
        case FLOAT4OID:
        case FLOAT8OID:
            return FLOAT8OID;
        case DATEOID:
        case TIMEOID:
        case TIMESTAMPOID:
        case TIMESTAMPTZOID:
        case INTERVALOID:
            return INTERVALOID;
        default:
            return InvalidOid;
    }
}

/* a RANGE offset: of the type range_offset_type() gives for the ORDER BY column */
static Node *
coerce_range_offset(ParseState *pstate, Node *node, List *orderClause, List *targetlist)
{
    SortGroupClause *sgc = linitial(orderClause);
    TargetEntry *key = FindTargetEntryByRef(targetlist, sgc->tleSortGroupRef);
    Oid         coltype = exprType((Node *) key->expr);
    Oid         offtype = range_offset_type(coltype);
    Oid         t = exprType(node);
    Node       *n;

    if (!OidIsValid(offtype))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("RANGE with offset PRECEDING/FOLLOWING is not supported for column "
                       "type %s", FormatTypeName(coltype)),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    if (t == offtype)
        return node;
    n = TypeIsPolymorphic(t) ? NULL
        : CoerceToTarget(pstate, node, t, offtype, -1, COERCION_IMPLICIT,
                         COERCE_IMPLICIT_CAST, exprLocation(node));
    if (n == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("RANGE with offset PRECEDING/FOLLOWING is not supported for column "
                       "type %s and offset type %s", FormatTypeName(coltype),
                       FormatTypeName(t)),
                errhint("Cast the offset value to an appropriate type."),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    return n;
}

/* a frame offset: no Vars of this level, bigint for ROWS */
static Node *
transform_frame_offset(ParseState *pstate, RawWindowDef *def, int options, Node *clause,
                       List *orderClause, List *targetlist)
{
    ParseExprKind kind;
    const char *construct;
    Node       *node;
    VarLocContext vc = {0, -2};

    if (clause == NULL)
        return NULL;
    if (options & FRAMEOPTION_ROWS)
    {
        kind = EXPR_KIND_WINDOW_FRAME_ROWS;
        construct = "ROWS";
    }
    else if (options & FRAMEOPTION_RANGE)
    {
        if (list_length(orderClause) != 1)
            ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                    errmsg("RANGE with offset PRECEDING/FOLLOWING requires exactly one "
                           "ORDER BY column"),
                    errposition(ParserErrPos(pstate, def->location)));
        kind = EXPR_KIND_WINDOW_FRAME_RANGE;
        construct = "RANGE";
    }
    else
    {
        kind = EXPR_KIND_WINDOW_FRAME_GROUPS;
        construct = "GROUPS";
    }
    node = TransformExpr(pstate, clause, kind);
    if (var_of_level_walker(node, &vc))
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("argument of %s must not contain variables", construct),
                errposition(ParserErrPos(pstate, vc.location)));
    if (options & FRAMEOPTION_RANGE)
        node = coerce_range_offset(pstate, node, orderClause, targetlist);
    else if (exprType(node) != INT8OID)
    {
        Oid         t = exprType(node);
        Node       *n = CoerceToTarget(pstate, node, t, INT8OID, -1, COERCION_ASSIGNMENT,
                                       COERCE_IMPLICIT_CAST, exprLocation(node));

        if (n == NULL)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("argument of %s must be type %s, not type %s", construct,
                           FormatTypeName(INT8OID), FormatTypeName(t)),
                    errposition(ParserErrPos(pstate, exprLocation(node))));
        node = n;
    }
    if (exprIsSet(node))
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("argument of %s must not return a set", construct),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    return node;
}

/* PARTITION BY: like a sort clause; a key also in ORDER BY takes its ordering */
static List *
transform_partition_clause(ParseState *pstate, List *exprs, List **targetlist,
                           List *orderClause)
{
    List       *sortby = NIL;
    List       *result;
    ListCell   *lc;

    foreach(lc, exprs)
    {
        SortBy     *sb = makeNode(SortBy);

        sb->node = lfirst(lc);
        sb->sortby_dir = SORTBY_DEFAULT;
        sb->sortby_nulls = SORTBY_NULLS_DEFAULT;
        sb->location = -1;
        sortby = lappend(sortby, sb);
    }
    result = TransformSortClause(pstate, sortby, targetlist, EXPR_KIND_WINDOW_PARTITION, true);
    foreach(lc, result)
    {
        SortGroupClause *sgc = lfirst(lc);
        ListCell   *lc2;

        foreach(lc2, orderClause)
        {
            SortGroupClause *o = lfirst(lc2);

            if (o->tleSortGroupRef == sgc->tleSortGroupRef)
                lfirst(lc) = copyObject(o);
        }
    }
    return result;
}

/*
 * TransformWindowDefinitions -- Query.windowClause from the WINDOW entries
 * and OVER specifications collected in pstate->windowdefs; PARTITION BY and
 * ORDER BY expressions become (resjunk if new) entries of *targetlist.
 */
List *
TransformWindowDefinitions(ParseState *pstate, List *windowdefs, List **targetlist)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, windowdefs)
    {
        RawWindowDef *def = lfirst(lc);
        WindowClause *wc = makeNode(WindowClause);
        WindowClause *refwc = NULL;
        List       *order;
        List       *partition;
        ListCell   *lc2;

        if (def->name != NULL)
        {
            foreach(lc2, result)
            {
                WindowClause *other = lfirst(lc2);

                if (other->name != NULL && strcmp(other->name, def->name) == 0)
                    ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                            errmsg("window \"%s\" is already defined", def->name),
                            errposition(ParserErrPos(pstate, def->location)));
            }
        }
        if (def->refname != NULL)
        {
            foreach(lc2, result)
            {
                WindowClause *other = lfirst(lc2);

                if (other->name != NULL && strcmp(other->name, def->refname) == 0)
                {
                    refwc = other;
                    break;
                }
            }
            if (refwc == NULL)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("window \"%s\" does not exist", def->refname),
                        errposition(ParserErrPos(pstate, def->location)));
        }

        order = TransformSortClause(pstate, def->orderClause, targetlist,
                                    EXPR_KIND_WINDOW_ORDER, true);
        partition = transform_partition_clause(pstate, def->partitionClause, targetlist, order);

        wc->name = def->name;
        wc->refname = def->refname;
        if (refwc != NULL)
        {
            if (def->partitionClause != NIL)
                ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                        errmsg("cannot override PARTITION BY clause of window \"%s\"",
                               def->refname),
                        errposition(ParserErrPos(pstate, def->location)));
            wc->partitionClause = copyObject(refwc->partitionClause);
            if (order != NIL && refwc->orderClause != NIL)
                ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                        errmsg("cannot override ORDER BY clause of window \"%s\"",
                               def->refname),
                        errposition(ParserErrPos(pstate, def->location)));
            if (order != NIL)
                wc->orderClause = order;
            else
            {
                wc->orderClause = copyObject(refwc->orderClause);
                wc->copiedOrder = true;
            }
            if (refwc->frameOptions != FRAMEOPTION_DEFAULTS)
            {
                if (def->orderClause == NIL && def->frameOptions == FRAMEOPTION_DEFAULTS)
                    ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                            errmsg("cannot copy window \"%s\" because it has a frame clause",
                                   def->refname),
                            errhint("Omit the parentheses in this OVER clause."),
                            errposition(ParserErrPos(pstate, def->location)));
                ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                        errmsg("cannot copy window \"%s\" because it has a frame clause",
                               def->refname),
                        errposition(ParserErrPos(pstate, def->location)));
            }
        }
        else
        {
            wc->partitionClause = partition;
            wc->orderClause = order;
        }
        wc->frameOptions = def->frameOptions;
        if ((wc->frameOptions & FRAMEOPTION_GROUPS) && wc->orderClause == NIL)
            ereport(ERROR, errcode(ERRCODE_WINDOWING_ERROR),
                    errmsg("GROUPS mode requires an ORDER BY clause"),
                    errposition(ParserErrPos(pstate, def->location)));
        wc->startOffset = transform_frame_offset(pstate, def, wc->frameOptions, def->startOffset,
                                                 wc->orderClause, *targetlist);
        wc->endOffset = transform_frame_offset(pstate, def, wc->frameOptions, def->endOffset,
                                               wc->orderClause, *targetlist);
        wc->winref = (uint32) foreach_current_index(lc) + 1;
        result = lappend(result, wc);
    }
    return result;
}
