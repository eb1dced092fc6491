/*
 * parse_expr.c
 *     Expression analysis: raw expression trees -> typed primnodes.  This
 *     file holds the dispatcher, constants, casts, boolean connectives and
 *     the simple tests; the larger special forms (IN, BETWEEN, CASE,
 *     sublinks, arrays, SQL value functions, subscripts, $n) are in
 *     parse_expr_forms.c.
 * Entry points: TransformExpr(), TransformExprRecurse(), CoerceToBoolean(),
 * MakeTypedConst(), MakeConstFromValue(), ParseExprKindName().
 */
#include "rustydb.h"

#include <errno.h>

#include "analyze_int.h"
#include "nodes/value.h"
#include "parser/parser.h"

/* ParseExprKindName -- the clause name used in messages ("WHERE"). */
const char *
ParseExprKindName(ParseExprKind kind)
{
    switch (kind)
    {
        case EXPR_KIND_NONE:
        case EXPR_KIND_OTHER:
            return "this context";
        case EXPR_KIND_JOIN_ON:
            return "JOIN/ON";
        case EXPR_KIND_JOIN_USING:
            return "JOIN/USING";
        case EXPR_KIND_FROM_SUBSELECT:
            return "sub-SELECT in FROM";
        case EXPR_KIND_FROM_FUNCTION:
            return "function in FROM";
        case EXPR_KIND_WHERE:
            return "WHERE";
        case EXPR_KIND_HAVING:
            return "HAVING";
        case EXPR_KIND_FILTER:
            return "FILTER";
        case EXPR_KIND_SELECT_TARGET:
            return "SELECT";
        case EXPR_KIND_INSERT_TARGET:
            return "INSERT";
        case EXPR_KIND_UPDATE_SOURCE:
        case EXPR_KIND_UPDATE_TARGET:
            return "UPDATE";
        case EXPR_KIND_GROUP_BY:
            return "GROUP BY";
        case EXPR_KIND_ORDER_BY:
            return "ORDER BY";
        case EXPR_KIND_DISTINCT_ON:
            return "DISTINCT ON";
        case EXPR_KIND_WINDOW_PARTITION:
            return "window PARTITION BY";
        case EXPR_KIND_WINDOW_ORDER:
            return "window ORDER BY";
        case EXPR_KIND_WINDOW_FRAME_RANGE:
            return "window RANGE";
        case EXPR_KIND_WINDOW_FRAME_ROWS:
            return "window ROWS";
        case EXPR_KIND_WINDOW_FRAME_GROUPS:
            return "window GROUPS";
        case EXPR_KIND_LIMIT:
            return "LIMIT";
        case EXPR_KIND_OFFSET:
            return "OFFSET";
        case EXPR_KIND_RETURNING:
            return "RETURNING";
        case EXPR_KIND_VALUES:
        case EXPR_KIND_VALUES_SINGLE:
            return "VALUES";
        case EXPR_KIND_CHECK_CONSTRAINT:
            return "CHECK";
        case EXPR_KIND_COLUMN_DEFAULT:
            return "DEFAULT";
        case EXPR_KIND_INDEX_PREDICATE:
            return "index predicate";
        case EXPR_KIND_PARTITION_BOUND:
            return "partition bound";
        case EXPR_KIND_CALL_ARGUMENT:
            return "CALL";
    }
    return "unrecognized expression kind";
}

/*
 * MakeTypedConst -- a Const of typid; len/byval come from the type (unknown:
 * a C string).  value is used as is (no copy).
 */
Const *
MakeTypedConst(Oid typid, int32 typmod, Datum value, bool isnull, int location)
{
    Const      *c = makeNode(Const);

    c->consttype = typid;
    c->consttypmod = typmod;
    if (typid == UNKNOWNOID)
    {
        c->constlen = -2;
        c->constbyval = false;
    }
    else
    {
        char        align;

        TypeGetLenByvalAlign(typid, &c->constlen, &c->constbyval, &align);
    }
    c->constvalue = isnull ? (Datum) 0 : value;
    c->constisnull = isnull;
    c->location = location;
    return c;
}

Node *
MakeTypedBoolConst(bool value, bool isnull)
{
    return (Node *) MakeTypedConst(BOOLOID, -1, BoolGetDatum(value), isnull, -1);
}

Node *
MakeTypedNullConst(Oid typid, int32 typmod)
{
    return (Node *) MakeTypedConst(typid, typmod, 0, true, -1);
}

/* whether s (an integral literal: digits only) fits in int64 */
static bool
integral_fits_int8(const char *s, int64 *out)
{
    char       *end;

    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return errno == 0 && *end == '\0';
}

/*
 * MakeConstFromValue -- the Const for a literal: integers are int4, longer
 * integers int8 (numeric beyond that), decimals numeric, strings unknown
 * (resolved later by context), TRUE/FALSE boolean, NULL unknown.
 */
Node *
MakeConstFromValue(ParseState *pstate, A_Const *aconst)
{
    Node       *val = aconst->val;
    int         loc = aconst->location;

    if (aconst->isnull || val == NULL)
        return (Node *) MakeTypedConst(UNKNOWNOID, -1, 0, true, loc);
    switch (nodeTag(val))
    {
        case T_Integer:
            return (Node *) MakeTypedConst(INT4OID, -1, Int32GetDatum(intVal(val)), false, loc);
        case T_Float:
        {
            const char *s = castNode(Float, val)->fval;
            int64       i8;

            if (integral_fits_int8(s, &i8))
                return (Node *) MakeTypedConst(INT8OID, -1, Int64GetDatum(i8), false, loc);
            return CoerceType(pstate, (Node *) MakeTypedConst(UNKNOWNOID, -1, CStringGetDatum(s),
                                                         false, loc),
                              UNKNOWNOID, NUMERICOID, -1, COERCION_IMPLICIT,
                              COERCE_IMPLICIT_CAST, loc);
        }
        case T_Boolean:
            return (Node *) MakeTypedConst(BOOLOID, -1, BoolGetDatum(boolVal(val)), false, loc);
        case T_String:
            return (Node *) MakeTypedConst(UNKNOWNOID, -1, CStringGetDatum(pstrdup(strVal(val))),
                                      false, loc);
        case T_BitString:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("bit string literals are not supported"),
                    errposition(ParserErrPos(pstate, loc)));
            break;
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(val));
    }
    return NULL;
}

/*
 * CoerceToBoolean -- node as a boolean condition of construct ("WHERE",
 * "AND", ...): unknown literals are read as boolean, other types need an
 * implicit cast, else 42804 "argument of %s must be type boolean, not type
 * %s".
 */
Node *
CoerceToBoolean(ParseState *pstate, Node *node, const char *construct)
{
    Oid         t = exprType(node);

    if (t != BOOLOID)
    {
        Node       *n = CoerceToTarget(pstate, node, t, BOOLOID, -1, COERCION_IMPLICIT,
                                       COERCE_IMPLICIT_CAST, exprLocation(node));

        if (n == NULL)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("argument of %s must be type %s, not type %s", construct, "boolean",
                           FormatTypeName(t)),
                    errposition(ParserErrPos(pstate, exprLocation(node))));
        node = n;
    }
    if (exprIsSet(node))
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("argument of %s must not return a set", construct),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    return node;
}

/* CoerceToSpecificType -- as CoerceToBoolean for any target type. */
Node *
CoerceToSpecificType(ParseState *pstate, Node *node, Oid target, const char *construct)
{
    Oid         t = exprType(node);

    if (t != target)
    {
        Node       *n = CoerceToTarget(pstate, node, t, target, -1, COERCION_IMPLICIT,
                                       COERCE_IMPLICIT_CAST, exprLocation(node));

        if (n == NULL)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("argument of %s must be type %s, not type %s", construct,
                           FormatTypeName(target), FormatTypeName(t)),
                    errposition(ParserErrPos(pstate, exprLocation(node))));
        node = n;
    }
    if (exprIsSet(node))
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("argument of %s must not return a set", construct),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    return node;
}

static Node *
transform_type_cast(ParseState *pstate, TypeCast *tc)
{
    int32       typmod;
    Oid         target = TypenameTypeId(pstate, tc->typeName, &typmod);
    Node       *arg;
    Oid         in;
    Node       *result;
    int         location = tc->location;

    if (IsA(tc->arg, A_ArrayExpr) && OidIsValid(TypeElementOf(target)))
        return TransformArrayExpr(pstate, (A_ArrayExpr *) tc->arg, target,
                                  TypeElementOf(target), typmod);
    arg = TransformExprRecurse(pstate, tc->arg);
    in = exprType(arg);
    if (location < 0)
        location = tc->typeName->location;
    result = CoerceToTarget(pstate, arg, in, target, typmod, COERCION_EXPLICIT,
                            COERCE_EXPLICIT_CAST, location);
    if (result == NULL)
        ereport(ERROR, errcode(ERRCODE_CANNOT_COERCE),
                errmsg("cannot cast type %s to %s", FormatTypeName(in),
                       FormatTypeWithTypmod(target, typmod)),
                errposition(ParserErrPos(pstate, location)));
    return result;
}

static Node *
transform_bool_expr(ParseState *pstate, RawBoolExpr *b)
{
    BoolExpr   *e = makeNode(BoolExpr);
    const char *construct;
    ListCell   *lc;

    switch (b->boolop)
    {
        case RAW_AND_EXPR:
            e->boolop = AND_EXPR;
            construct = "AND";
            break;
        case RAW_OR_EXPR:
            e->boolop = OR_EXPR;
            construct = "OR";
            break;
        default:
            e->boolop = NOT_EXPR;
            construct = "NOT";
            break;
    }
    foreach(lc, b->args)
        e->args = lappend(e->args, CoerceToBoolean(pstate,
                                                   TransformExprRecurse(pstate, lfirst(lc)),
                                                   construct));
    e->location = b->location;
    return (Node *) e;
}

static Node *
transform_boolean_test(ParseState *pstate, RawBooleanTest *b)
{
    BooleanTest *t = makeNode(BooleanTest);
    const char *construct;

    switch (b->booltesttype)
    {
        case RAW_IS_TRUE:
            t->booltesttype = IS_TRUE;
            construct = "IS TRUE";
            break;
        case RAW_IS_NOT_TRUE:
            t->booltesttype = IS_NOT_TRUE;
            construct = "IS NOT TRUE";
            break;
        case RAW_IS_FALSE:
            t->booltesttype = IS_FALSE;
            construct = "IS FALSE";
            break;
        case RAW_IS_NOT_FALSE:
            t->booltesttype = IS_NOT_FALSE;
            construct = "IS NOT FALSE";
            break;
        case RAW_IS_UNKNOWN:
            t->booltesttype = IS_UNKNOWN;
            construct = "IS UNKNOWN";
            break;
        default:
            t->booltesttype = IS_NOT_UNKNOWN;
            construct = "IS NOT UNKNOWN";
            break;
    }
    t->arg = CoerceToBoolean(pstate, TransformExprRecurse(pstate, b->arg), construct);
    t->location = b->location;
    return (Node *) t;
}

static Node *
transform_null_test(ParseState *pstate, RawNullTest *n)
{
    NullTest   *t = makeNode(NullTest);

    t->arg = TransformExprRecurse(pstate, n->arg);
    t->nulltesttype = n->nulltesttype == RAW_IS_NULL ? IS_NULL : IS_NOT_NULL;
    t->argisrow = exprType(t->arg) == RECORDOID;
    t->location = n->location;
    return (Node *) t;
}

static Node *
transform_coalesce(ParseState *pstate, RawCoalesceExpr *c)
{
    CoalesceExpr *e = makeNode(CoalesceExpr);
    List       *args = NIL;
    ListCell   *lc;

    foreach(lc, c->args)
        args = lappend(args, TransformExprRecurse(pstate, lfirst(lc)));
    e->coalescetype = SelectCommonType(pstate, args, "COALESCE", NULL);
    foreach(lc, args)
    {
        Node       *a = CoerceToCommonType(pstate, lfirst(lc), e->coalescetype, "COALESCE");

        if (exprIsSet(a))
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("set-returning functions are not allowed in %s", "COALESCE"),
                    errposition(ParserErrPos(pstate, exprLocation(a))));
        e->args = lappend(e->args, a);
    }
    e->location = c->location;
    return (Node *) e;
}

static Node *
transform_minmax(ParseState *pstate, RawMinMaxExpr *m)
{
    MinMaxExpr *e = makeNode(MinMaxExpr);
    const char *fname = m->op == RAW_IS_GREATEST ? "GREATEST" : "LEAST";
    List       *args = NIL;
    ListCell   *lc;

    foreach(lc, m->args)
        args = lappend(args, TransformExprRecurse(pstate, lfirst(lc)));
    e->minmaxtype = SelectCommonType(pstate, args, fname, NULL);
    foreach(lc, args)
        e->args = lappend(e->args, CoerceToCommonType(pstate, lfirst(lc), e->minmaxtype, fname));
    if (TypeCompareFunction(e->minmaxtype) == NULL)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                errmsg("could not identify a comparison function for type %s",
                       FormatTypeName(e->minmaxtype)),
                errposition(ParserErrPos(pstate, m->location)));
    e->op = m->op == RAW_IS_GREATEST ? IS_GREATEST : IS_LEAST;
    e->location = m->location;
    return (Node *) e;
}

static Node *
transform_nullif(ParseState *pstate, RawNullIfExpr *n)
{
    Node       *l = TransformExprRecurse(pstate, n->arg1);
    Node       *r = TransformExprRecurse(pstate, n->arg2);
    OpExpr     *e = (OpExpr *) MakeOpExpr(pstate, list_make1(makeString("=")), l, r,
                                          n->location);

    if (e->opresulttype != BOOLOID)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("NULLIF requires = operator to yield boolean"),
                errposition(ParserErrPos(pstate, n->location)));
    NodeSetTag(e, T_NullIfExpr);
    return (Node *) e;
}

static Node *
transform_aexpr_op(ParseState *pstate, A_Expr *a)
{
    Node       *l = a->lexpr ? TransformExprRecurse(pstate, a->lexpr) : NULL;
    Node       *r = TransformExprRecurse(pstate, a->rexpr);

    return MakeOpExpr(pstate, a->name, l, r, a->location);
}

static Node *
transform_distinct(ParseState *pstate, A_Expr *a)
{
    Node       *l = TransformExprRecurse(pstate, a->lexpr);
    Node       *r = TransformExprRecurse(pstate, a->rexpr);
    OpExpr     *e = (OpExpr *) MakeOpExpr(pstate, a->name, l, r, a->location);

    if (e->opresulttype != BOOLOID)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("IS DISTINCT FROM requires = operator to yield boolean"),
                errposition(ParserErrPos(pstate, a->location)));
    NodeSetTag(e, T_DistinctExpr);
    if (a->kind == AEXPR_NOT_DISTINCT)
    {
        BoolExpr   *b = makeNode(BoolExpr);

        b->boolop = NOT_EXPR;
        b->args = list_make1(e);
        b->location = a->location;
        return (Node *) b;
    }
    return (Node *) e;
}

static Node *
transform_aexpr(ParseState *pstate, A_Expr *a)
{
    switch (a->kind)
    {
        case AEXPR_OP:
        case AEXPR_LIKE:
        case AEXPR_ILIKE:
        case AEXPR_SIMILAR:
            return transform_aexpr_op(pstate, a);
        case AEXPR_DISTINCT:
        case AEXPR_NOT_DISTINCT:
            return transform_distinct(pstate, a);
        default:
            return TransformAExprSpecial(pstate, a);
    }
}

static Node *
transform_set_to_default(ParseState *pstate, RawSetToDefault *d)
{
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("DEFAULT is not allowed in this context"),
            errposition(ParserErrPos(pstate, d->location)));
    return NULL;
}

/*
 * TransformExprRecurse -- analyze one raw expression in pstate's current
 * expression kind.
 */
Node *
TransformExprRecurse(ParseState *pstate, Node *expr)
{
    if (expr == NULL)
        return NULL;
    switch (nodeTag(expr))
    {
        case T_ColumnRef:
            return ColumnRefLookup(pstate, (ColumnRef *) expr);
        case T_ParamRef:
            return TransformParamRef(pstate, (ParamRef *) expr);
        case T_A_Const:
            return MakeConstFromValue(pstate, (A_Const *) expr);
        case T_A_Expr:
            return transform_aexpr(pstate, (A_Expr *) expr);
        case T_FuncCall:
            return TransformFuncCall(pstate, (FuncCall *) expr);
        case T_TypeCast:
            return transform_type_cast(pstate, (TypeCast *) expr);
        case T_CollateClause:
            /* collations are not modelled: every string compares bytewise */
            return TransformExprRecurse(pstate, ((CollateClause *) expr)->arg);
        case T_RawBoolExpr:
            return transform_bool_expr(pstate, (RawBoolExpr *) expr);
        case T_RawCaseExpr:
            return TransformCaseExpr(pstate, (RawCaseExpr *) expr);
        case T_RawSubLink:
            return TransformSubLink(pstate, (RawSubLink *) expr);
        case T_RawNullTest:
            return transform_null_test(pstate, (RawNullTest *) expr);
        case T_RawBooleanTest:
            return transform_boolean_test(pstate, (RawBooleanTest *) expr);
        case T_RawCoalesceExpr:
            return transform_coalesce(pstate, (RawCoalesceExpr *) expr);
        case T_RawMinMaxExpr:
            return transform_minmax(pstate, (RawMinMaxExpr *) expr);
        case T_RawNullIfExpr:
            return transform_nullif(pstate, (RawNullIfExpr *) expr);
        case T_RawRowExpr:
            return TransformRowExpr(pstate, (RawRowExpr *) expr);
        case T_RawSQLValueFunction:
            return TransformSQLValueFunction(pstate, (RawSQLValueFunction *) expr);
        case T_RawSetToDefault:
            return transform_set_to_default(pstate, (RawSetToDefault *) expr);
        case T_A_ArrayExpr:
            return TransformArrayExpr(pstate, (A_ArrayExpr *) expr, InvalidOid, InvalidOid, -1);
        case T_A_Indirection:
            return TransformIndirection(pstate, (A_Indirection *) expr);
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(expr));
    }
    return NULL;
}

/*
 * TransformExpr -- analyze expr as part of clause kind (the kind decides
 * what is allowed: aggregates, set-returning functions, DEFAULT).
 */
Node *
TransformExpr(ParseState *pstate, Node *expr, ParseExprKind kind)
{
    ParseExprKind save = pstate->expr_kind;
    Node       *result;

    pstate->expr_kind = kind;
    result = TransformExprRecurse(pstate, expr);
    pstate->expr_kind = save;
    return result;
}
