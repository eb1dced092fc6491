/*
 * parse_func.c
 *     Function calls: overload resolution over the built-in catalog,
 *     functional-notation casts (int4('5')), variadic and polymorphic
 *     arguments, and dispatch of aggregate calls to parse_agg.c.
 * Entry points: TransformFuncCall(), ResolveFunction(),
 * MakeFuncCallByName(), FuncSignatureString().
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "lib/stringinfo.h"
#include "nodes/value.h"

/* FuncSignatureString -- "name(type, type)" for messages. */
const char *
FuncSignatureString(const char *name, int nargs, const Oid *argtypes)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfo(&buf, "%s(", name);
    for (int i = 0; i < nargs; i++)
    {
        if (i > 0)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, FormatTypeName(argtypes[i]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

/* the declared type of argument i of fi when called with nargs arguments */
static Oid
declared_arg_type(const FuncInfo *fi, int i)
{
    if (i < fi->nargs)
        return fi->argtypes[i];
    Assert(fi->variadic && fi->nargs > 0);
    return fi->argtypes[fi->nargs - 1];
}

static bool
arg_count_fits(const FuncInfo *fi, int nargs)
{
    if (fi->nargs == nargs)
        return true;
    return fi->variadic && fi->nargs > 0 && nargs >= fi->nargs - 1;
}

/*
 * ResolveFunction -- choose the function name(argtypes).  Returns NULL if
 * none fits (*ambiguous tells whether several fitted equally).  On success
 * resolved_types[0..nargs-1] receive the types the arguments must be
 * coerced to and *resolved_ret the concrete result type.
 */
const FuncInfo *
ResolveFunction(ParseState *pstate, const char *name, int nargs, const Oid *argtypes,
                bool *ambiguous, Oid *resolved_types, Oid *resolved_ret)
{
    int         count = 0;
    const FuncInfo *const *cands = FuncCandidatesByName(name, &count);
    const FuncInfo **fit = palloc(sizeof(FuncInfo *) * Max(count, 1));
    Oid       **args = palloc(sizeof(Oid *) * Max(count, 1));
    int         n = 0;
    int         chosen = -1;
    const FuncInfo *fi;
    Oid         ret;

    (void) pstate;
    *ambiguous = false;
    for (int c = 0; c < count; c++)
    {
        if (!arg_count_fits(cands[c], nargs))
            continue;
        fit[n] = cands[c];
        args[n] = palloc(sizeof(Oid) * Max(nargs, 1));
        for (int i = 0; i < nargs; i++)
            args[n][i] = declared_arg_type(cands[c], i);
        n++;
    }
    /* exact match first, preferring a non-variadic form */
    for (int c = 0; c < n && chosen < 0; c++)
    {
        bool        same = true;

        for (int i = 0; i < nargs; i++)
            if (args[c][i] != argtypes[i])
                same = false;
        if (same)
            chosen = c;
    }
    if (chosen < 0)
        chosen = SelectBestCandidate(nargs, argtypes, n, args, ambiguous);
    if (chosen < 0)
        return NULL;
    fi = fit[chosen];
    ret = EnforcePolymorphic(argtypes, args[chosen], nargs, fi->rettype, resolved_types);
    if (!OidIsValid(ret))
        return NULL;
    *resolved_ret = ret;
    return fi;
}

/*
 * functional_cast_target -- if name(arg) with one argument should be read
 * as a cast to the type called name (PostgreSQL's rule: the argument is an
 * unknown literal, or the cast is binary-compatible or via I/O from a
 * non-string type), the target type; else InvalidOid.
 */
static Oid
functional_cast_target(const char *name, Oid argtype)
{
    const TypeInfo *ti = TypeInfoByName(name);
    const CastInfo *ci;

    if (ti == NULL || TypeCategoryOf(ti->oid) == TYPCATEGORY_PSEUDOTYPE)
        return InvalidOid;
    if (argtype == UNKNOWNOID || argtype == ti->oid)
        return ti->oid;
    ci = CastLookup(argtype, ti->oid);
    if (ci != NULL)
        return OidIsValid(ci->func_oid) ? InvalidOid : ti->oid;
    if (TypeIsStringCategory(ti->oid) && !TypeIsStringCategory(argtype))
        return ti->oid;
    return InvalidOid;
}

/* coerce each argument to its resolved type */
static List *
coerce_args(ParseState *pstate, List *args, const Oid *actual, const Oid *resolved)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, args)
    {
        int         i = foreach_current_index(lc);
        Node       *a = lfirst(lc);

        if (resolved[i] != ANYOID)
            a = CoerceType(pstate, a, actual[i], resolved[i], -1, COERCION_IMPLICIT,
                           COERCE_IMPLICIT_CAST, exprLocation(a));
        result = lappend(result, a);
    }
    return result;
}

static void
check_srf_allowed(ParseState *pstate, const char *name, int location)
{
    switch (pstate->expr_kind)
    {
        case EXPR_KIND_FROM_FUNCTION:
            return;
        case EXPR_KIND_SELECT_TARGET:
        case EXPR_KIND_RETURNING:
        case EXPR_KIND_UPDATE_SOURCE:
        case EXPR_KIND_ORDER_BY:
        case EXPR_KIND_GROUP_BY:
        case EXPR_KIND_DISTINCT_ON:
        case EXPR_KIND_NONE:
        case EXPR_KIND_OTHER:
            pstate->has_target_srfs = true;
            return;
        case EXPR_KIND_WINDOW_PARTITION:
        case EXPR_KIND_WINDOW_ORDER:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("set-returning functions are not allowed in window definitions"),
                    errposition(ParserErrPos(pstate, location)));
        default:
            break;
    }
    (void) name;
    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
            errmsg("set-returning functions are not allowed in %s",
                   ParseExprKindName(pstate->expr_kind)),
            errposition(ParserErrPos(pstate, location)));
}

static Node *
build_func_expr(ParseState *pstate, const FuncInfo *fi, List *args, Oid rettype,
                CoercionForm fmt, int location)
{
    FuncExpr   *f = makeNode(FuncExpr);

    f->funcid = fi->oid;
    f->funcresulttype = rettype;
    f->funcresulttypmod = -1;
    f->funcretset = fi->retset;
    f->funcvariadic = false;
    f->funcformat = fmt;
    f->args = args;
    f->location = location;
    if (fi->retset)
        check_srf_allowed(pstate, fi->name, location);
    return (Node *) f;
}

static RDB_NORETURN void
report_no_function(ParseState *pstate, const char *name, int nargs, const Oid *argtypes,
                   bool ambiguous, int location)
{
    if (ambiguous)
        ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_FUNCTION),
                errmsg("function %s is not unique", FuncSignatureString(name, nargs, argtypes)),
                errhint("Could not choose a best candidate function. "
                        "You might need to add explicit type casts."),
                errposition(ParserErrPos(pstate, location)));
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
            errmsg("function %s does not exist", FuncSignatureString(name, nargs, argtypes)),
            errhint("No function matches the given name and argument types. "
                    "You might need to add explicit type casts."),
            errposition(ParserErrPos(pstate, location)));
}

/*
 * MakeFuncCallByName -- a call of the built-in function name on already
 * analyzed args (used for SQL-syntax forms such as CURRENT_DATE).
 */
Node *
MakeFuncCallByName(ParseState *pstate, const char *name, List *args, CoercionForm fmt,
                   int location)
{
    int         nargs = list_length(args);
    Oid        *argtypes = palloc(sizeof(Oid) * Max(nargs, 1));
    Oid        *resolved = palloc(sizeof(Oid) * Max(nargs, 1));
    Oid         ret;
    bool        ambiguous;
    const FuncInfo *fi;
    ListCell   *lc;

    foreach(lc, args)
        argtypes[foreach_current_index(lc)] = exprType(lfirst(lc));
    fi = ResolveFunction(pstate, name, nargs, argtypes, &ambiguous, resolved, &ret);
    if (fi == NULL)
        report_no_function(pstate, name, nargs, argtypes, ambiguous, location);
    return build_func_expr(pstate, fi, coerce_args(pstate, args, argtypes, resolved), ret, fmt,
                           location);
}

/*
 * unify_lag_default -- lag/lead(value, offset, default): value and default
 * are coerced to their common type (PostgreSQL declares them
 * anycompatible; our catalog has anyelement).
 */
static List *
unify_lag_default(ParseState *pstate, List *args, const char *name)
{
    Node       *value = linitial(args);
    Node       *dflt = lthird(args);
    Oid         common;

    if (exprType(value) == exprType(dflt))
        return args;
    common = SelectCommonType(pstate, list_make2(value, dflt), name, NULL);
    return list_make3(CoerceToCommonType(pstate, value, common, name), lsecond(args),
                      CoerceToCommonType(pstate, dflt, common, name));
}

/*
 * TransformFuncCall -- analyze f(args), agg(...), and the SQL-syntax forms
 * the grammar maps to functions.
 */
Node *
TransformFuncCall(ParseState *pstate, FuncCall *fc)
{
    const char *name = strVal(llast(fc->funcname));
    List       *args = NIL;
    int         nargs;
    Oid        *argtypes;
    Oid        *resolved;
    Oid         ret = InvalidOid;
    bool        ambiguous = false;
    const FuncInfo *fi;
    ListCell   *lc;

    if (list_length(fc->funcname) > 1)
    {
        const char *schema = strVal(list_nth(fc->funcname, list_length(fc->funcname) - 2));

        if (strcmp(schema, "pg_catalog") != 0 && strcmp(schema, "public") != 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                    errmsg("schema \"%s\" does not exist", schema),
                    errposition(ParserErrPos(pstate, fc->location)));
    }
    if (fc->agg_within_group)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("WITHIN GROUP is not supported"),
                errposition(ParserErrPos(pstate, fc->location)));

    foreach(lc, fc->args)
        args = lappend(args, TransformExprRecurse(pstate, lfirst(lc)));
    nargs = list_length(args);
    argtypes = palloc(sizeof(Oid) * Max(nargs, 1));
    resolved = palloc(sizeof(Oid) * Max(nargs, 1));
    if (nargs == 3 && fc->over != NULL &&
        (strcmp(name, "lag") == 0 || strcmp(name, "lead") == 0))
        args = unify_lag_default(pstate, args, name);
    foreach(lc, args)
        argtypes[foreach_current_index(lc)] = exprType(lfirst(lc));

    /* an exact match wins; next, a one-argument call may be a cast */
    fi = ResolveFunction(pstate, name, nargs, argtypes, &ambiguous, resolved, &ret);
    if (nargs == 1 && !fc->agg_star && !fc->agg_distinct && fc->agg_order == NIL &&
        fc->agg_filter == NULL && fc->over == NULL && list_length(fc->funcname) == 1)
    {
        Oid         cast_target = functional_cast_target(name, argtypes[0]);
        bool        exact = fi && resolved[0] == argtypes[0] && fi->nargs == 1;

        if (OidIsValid(cast_target) && !exact)
        {
            Node       *r = CoerceToTarget(pstate, linitial(args), argtypes[0], cast_target,
                                           -1, COERCION_EXPLICIT, COERCE_EXPLICIT_CALL,
                                           fc->location);

            if (r != NULL)
                return r;
        }
    }
    if (fc->agg_star)
    {
        /* count(*): the aggregate with no arguments, or count("any") */
        fi = ResolveFunction(pstate, name, 0, argtypes, &ambiguous, resolved, &ret);
        if (fi == NULL)
        {
            Oid         anyarg = ANYOID;

            fi = ResolveFunction(pstate, name, 1, &anyarg, &ambiguous, resolved, &ret);
        }
        if (fi == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                    errmsg("function %s(*) does not exist", name),
                    errhint("No function matches the given name and argument types. "
                            "You might need to add explicit type casts."),
                    errposition(ParserErrPos(pstate, fc->location)));
        if (!FuncIsAggregate(fi->oid))
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("%s(*) specified, but %s is not an aggregate function", name, name),
                    errposition(ParserErrPos(pstate, fc->location)));
        if (fc->over != NULL)
            return TransformWindowFuncCall(pstate, fc, fi, NIL, ret);
        return TransformAggregateCall(pstate, fc, fi, NIL, argtypes, ret);
    }
    if (fi == NULL)
        report_no_function(pstate, name, nargs, argtypes, ambiguous, fc->location);

    if (fc->over != NULL)
    {
        if (!FuncIsAggregate(fi->oid) && !FuncIsWindow(fi->oid))
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("OVER specified, but %s is not a window function nor an "
                           "aggregate function", name),
                    errposition(ParserErrPos(pstate, fc->location)));
        return TransformWindowFuncCall(pstate, fc, fi,
                                       coerce_args(pstate, args, argtypes, resolved), ret);
    }
    if (FuncIsWindow(fi->oid))
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("window function %s requires an OVER clause", name),
                errposition(ParserErrPos(pstate, fc->location)));

    if (FuncIsAggregate(fi->oid))
    {
        args = coerce_args(pstate, args, argtypes, resolved);
        return TransformAggregateCall(pstate, fc, fi, args, resolved, ret);
    }
    if (fc->agg_distinct)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("DISTINCT specified, but %s is not an aggregate function", name),
                errposition(ParserErrPos(pstate, fc->location)));
    if (fc->agg_order != NIL)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("ORDER BY specified, but %s is not an aggregate function", name),
                errposition(ParserErrPos(pstate, fc->location)));
    if (fc->agg_filter != NULL)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("FILTER specified, but %s is not an aggregate function", name),
                errposition(ParserErrPos(pstate, fc->location)));
    return build_func_expr(pstate, fi, coerce_args(pstate, args, argtypes, resolved), ret,
                           fc->funcformat == RAW_FUNC_SQL_SYNTAX ? COERCE_SQL_SYNTAX
                           : COERCE_EXPLICIT_CALL,
                           fc->location);
}
