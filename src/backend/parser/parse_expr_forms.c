/*
 * parse_expr_forms.c
 *     Analysis of the larger special expression forms: IN lists, BETWEEN,
 *     op ANY/ALL (array), CASE, sublinks, ARRAY[...], subscripts, row
 *     constructors, SQL value functions (CURRENT_DATE, ...) and $n
 *     parameters.
 * Entry points: TransformAExprSpecial(), TransformCaseExpr(),
 * TransformSubLink(), TransformArrayExpr(), TransformIndirection(),
 * TransformRowExpr(), TransformSQLValueFunction(), TransformParamRef().
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

static A_Expr *
make_raw_op(const char *name, Node *l, Node *r, int location)
{
    A_Expr     *a = makeNode(A_Expr);

    a->kind = AEXPR_OP;
    a->name = list_make1(makeString(pstrdup(name)));
    a->lexpr = l;
    a->rexpr = r;
    a->location = location;
    return a;
}

static RawBoolExpr *
make_raw_bool(RawBoolExprType op, Node *l, Node *r, int location)
{
    RawBoolExpr *b = makeNode(RawBoolExpr);

    b->boolop = op;
    b->args = list_make2(l, r);
    b->location = location;
    return b;
}

static bool
contains_vars_walker(Node *node, void *ctx)
{
    if (node == NULL)
        return false;
    if (IsA(node, Var) || IsA(node, Param))
        return true;
    if (IsA(node, Query))
        return true;            /* a sublink: treat as variable */
    (void) ctx;
    return expression_tree_walker(node, contains_vars_walker, ctx);
}

static Node *
combine_bool(Node *result, Node *cmp, BoolExprType op, int location)
{
    BoolExpr   *b;

    if (result == NULL)
        return cmp;
    if (IsA(result, BoolExpr) && ((BoolExpr *) result)->boolop == op)
    {
        ((BoolExpr *) result)->args = lappend(((BoolExpr *) result)->args, cmp);
        return result;
    }
    b = makeNode(BoolExpr);
    b->boolop = op;
    b->args = list_make2(result, cmp);
    b->location = location;
    return (Node *) b;
}

/*
 * transform_in -- x [NOT] IN (list).  The constant-like elements (no Vars)
 * that share a type with x become one ScalarArrayOpExpr over an ArrayExpr;
 * the rest are compared one by one and ORed (ANDed for NOT IN).
 */
static Node *
transform_in(ParseState *pstate, A_Expr *a)
{
    const char *opname = strVal(llast(a->name));
    bool        use_or = strcmp(opname, "<>") != 0;
    Node       *lexpr = TransformExprRecurse(pstate, a->lexpr);
    List       *rexprs = NIL;
    List       *rnonvars = NIL;
    List       *rvars = NIL;
    Node       *result = NULL;
    ListCell   *lc;

    foreach(lc, (List *) a->rexpr)
    {
        Node       *r = TransformExprRecurse(pstate, lfirst(lc));

        rexprs = lappend(rexprs, r);
        if (contains_vars_walker(r, NULL))
            rvars = lappend(rvars, r);
        else
            rnonvars = lappend(rnonvars, r);
    }
    if (list_length(rnonvars) > 1)
    {
        List       *all = lcons(lexpr, list_copy(rnonvars));
        Oid         scalar_type = SelectCommonType(pstate, all, NULL, NULL);
        Oid         array_type = OidIsValid(scalar_type) ? TypeArrayOf(scalar_type) : InvalidOid;
        bool        ok = OidIsValid(array_type);

        foreach(lc, all)
        {
            Oid         t = exprType(lfirst(lc));

            if (ok && !CanCoerceType(1, &t, &scalar_type, COERCION_IMPLICIT))
                ok = false;
        }
        if (ok)
        {
            ArrayExpr  *arr = makeNode(ArrayExpr);

            foreach(lc, rnonvars)
                arr->elements = lappend(arr->elements,
                                        CoerceToCommonType(pstate, lfirst(lc), scalar_type,
                                                           "IN"));
            arr->array_typeid = array_type;
            arr->element_typeid = scalar_type;
            arr->multidims = false;
            arr->location = -1;
            result = MakeScalarArrayOp(pstate, a->name, use_or,
                                       CoerceToCommonType(pstate, copyObject(lexpr), scalar_type,
                                                          "IN"),
                                       (Node *) arr, a->location);
            rexprs = rvars;
        }
    }
    foreach(lc, rexprs)
    {
        Node       *cmp = MakeOpExpr(pstate, a->name, copyObject(lexpr), lfirst(lc),
                                     a->location);

        cmp = CoerceToBoolean(pstate, cmp, "IN");
        result = combine_bool(result, cmp, use_or ? OR_EXPR : AND_EXPR, a->location);
    }
    return result;
}

/* BETWEEN and friends, rewritten into comparisons as PostgreSQL does */
static Node *
transform_between(ParseState *pstate, A_Expr *a)
{
    List       *bounds = (List *) a->rexpr;
    Node       *x = a->lexpr;
    Node       *lo = linitial(bounds);
    Node       *hi = lsecond(bounds);
    int         loc = a->location;
    Node       *raw;

    switch (a->kind)
    {
        case AEXPR_BETWEEN:
            raw = (Node *) make_raw_bool(RAW_AND_EXPR,
                                         (Node *) make_raw_op(">=", x, lo, loc),
                                         (Node *) make_raw_op("<=", x, hi, loc), loc);
            break;
        case AEXPR_NOT_BETWEEN:
            raw = (Node *) make_raw_bool(RAW_OR_EXPR,
                                         (Node *) make_raw_op("<", x, lo, loc),
                                         (Node *) make_raw_op(">", x, hi, loc), loc);
            break;
        case AEXPR_BETWEEN_SYM:
            raw = (Node *) make_raw_bool(
                RAW_OR_EXPR,
                (Node *) make_raw_bool(RAW_AND_EXPR, (Node *) make_raw_op(">=", x, lo, loc),
                                       (Node *) make_raw_op("<=", x, hi, loc), loc),
                (Node *) make_raw_bool(RAW_AND_EXPR, (Node *) make_raw_op(">=", x, hi, loc),
                                       (Node *) make_raw_op("<=", x, lo, loc), loc),
                loc);
            break;
        default:
            raw = (Node *) make_raw_bool(
                RAW_AND_EXPR,
                (Node *) make_raw_bool(RAW_OR_EXPR, (Node *) make_raw_op("<", x, lo, loc),
                                       (Node *) make_raw_op(">", x, hi, loc), loc),
                (Node *) make_raw_bool(RAW_OR_EXPR, (Node *) make_raw_op("<", x, hi, loc),
                                       (Node *) make_raw_op(">", x, lo, loc), loc),
                loc);
            break;
    }
    return TransformExprRecurse(pstate, raw);
}

/* TransformAExprSpecial -- IN, BETWEEN*, op ANY/ALL (array). */
Node *
TransformAExprSpecial(ParseState *pstate, A_Expr *a)
{
    switch (a->kind)
    {
        case AEXPR_IN:
            return transform_in(pstate, a);
        case AEXPR_BETWEEN:
        case AEXPR_NOT_BETWEEN:
        case AEXPR_BETWEEN_SYM:
        case AEXPR_NOT_BETWEEN_SYM:
            return transform_between(pstate, a);
        case AEXPR_OP_ANY:
        case AEXPR_OP_ALL:
        {
            Node       *l = TransformExprRecurse(pstate, a->lexpr);
            Node       *r = TransformExprRecurse(pstate, a->rexpr);

            return MakeScalarArrayOp(pstate, a->name, a->kind == AEXPR_OP_ANY, l, r,
                                     a->location);
        }
        default:
            elog(ERROR, "unrecognized A_Expr kind: %d", (int) a->kind);
    }
    return NULL;
}

/*
 * TransformCaseExpr -- CASE.  A simple CASE compares a CaseTestExpr
 * placeholder (standing for the test value, stored once in arg) with each
 * WHEN value.  The result type is the common type of ELSE and THEN
 * results, ELSE counting first.
 */
Node *
TransformCaseExpr(ParseState *pstate, RawCaseExpr *c)
{
    CaseExpr   *e = makeNode(CaseExpr);
    Node       *arg = NULL;
    CaseTestExpr *placeholder = NULL;
    List       *results = NIL;
    Node       *defresult;
    ListCell   *lc;

    if (c->arg)
    {
        arg = ResolveUnknownNode(pstate, TransformExprRecurse(pstate, c->arg));
        placeholder = makeNode(CaseTestExpr);
        placeholder->typeId = exprType(arg);
        placeholder->typeMod = exprTypmod(arg);
    }
    e->arg = arg;
    foreach(lc, c->args)
    {
        RawCaseWhen *w = lfirst(lc);
        CaseWhen   *nw = makeNode(CaseWhen);
        Node       *cond;

        if (placeholder)
        {
            Node       *rhs = TransformExprRecurse(pstate, w->expr);

            cond = MakeOpExpr(pstate, list_make1(makeString("=")), copyObject(placeholder),
                              rhs, w->location);
        }
        else
            cond = TransformExprRecurse(pstate, w->expr);
        nw->expr = CoerceToBoolean(pstate, cond, "CASE/WHEN");
        nw->result = TransformExprRecurse(pstate, w->result);
        nw->location = w->location;
        e->args = lappend(e->args, nw);
        results = lappend(results, nw->result);
    }
    if (c->defresult)
        defresult = TransformExprRecurse(pstate, c->defresult);
    else
        defresult = (Node *) MakeTypedConst(UNKNOWNOID, -1, 0, true, -1);
    results = lcons(defresult, results);
    e->casetype = SelectCommonType(pstate, results, "CASE", NULL);
    e->defresult = CoerceToCommonType(pstate, defresult, e->casetype, "CASE/ELSE");
    foreach(lc, e->args)
    {
        CaseWhen   *w = lfirst(lc);

        w->result = CoerceToCommonType(pstate, w->result, e->casetype, "CASE/WHEN");
    }
    e->location = c->location;
    return (Node *) e;
}

static const char *
sublink_disallowed_in(ParseExprKind kind)
{
    switch (kind)
    {
        case EXPR_KIND_CHECK_CONSTRAINT:
            return "check constraint";
        case EXPR_KIND_COLUMN_DEFAULT:
            return "DEFAULT expression";
        case EXPR_KIND_INDEX_PREDICATE:
            return "index predicate";
        case EXPR_KIND_PARTITION_BOUND:
            return "partition bound";
        default:
            return NULL;
    }
}

static Node *
make_sublink_param(Oid type, int32 typmod, int colno, int location)
{
    Param      *p = makeNode(Param);

    p->paramkind = PARAM_SUBLINK;
    p->paramid = colno;
    p->paramtype = type;
    p->paramtypmod = typmod;
    p->location = location;
    return (Node *) p;
}

/*
 * TransformSubLink -- a subquery in an expression.  ANY/ALL sublinks get a
 * testexpr comparing the left operand(s) with PARAM_SUBLINK Params whose
 * paramid is the subquery's output column number.
 */
Node *
TransformSubLink(ParseState *pstate, RawSubLink *s)
{
    SubLink    *sub = makeNode(SubLink);
    const char *where = sublink_disallowed_in(pstate->expr_kind);
    Query      *q;
    List       *cols = NIL;
    ListCell   *lc;

    if (where)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot use subquery in %s", where),
                errposition(ParserErrPos(pstate, s->location)));
    pstate->has_sublinks = true;
    q = AnalyzeSubStmt(pstate, s->subselect, NULL, false, true);
    if (q->commandType != CMD_SELECT)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("subquery must be a SELECT"),
                errposition(ParserErrPos(pstate, s->location)));
    foreach(lc, q->targetList)
        if (!((TargetEntry *) lfirst(lc))->resjunk)
            cols = lappend(cols, lfirst(lc));
    sub->subselect = (Node *) q;
    sub->location = s->location;
    switch (s->subLinkType)
    {
        case RAW_EXISTS_SUBLINK:
            sub->subLinkType = EXISTS_SUBLINK;
            break;
        case RAW_EXPR_SUBLINK:
        case RAW_ARRAY_SUBLINK:
            sub->subLinkType = s->subLinkType == RAW_EXPR_SUBLINK ? EXPR_SUBLINK : ARRAY_SUBLINK;
            if (list_length(cols) != 1)
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("subquery must return only one column"),
                        errposition(ParserErrPos(pstate, s->location)));
            if (sub->subLinkType == ARRAY_SUBLINK)
            {
                Oid         t = exprType((Node *) ((TargetEntry *) linitial(cols))->expr);

                if (!OidIsValid(TypeArrayOf(t)))
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                            errmsg("could not find array type for data type %s",
                                   FormatTypeName(t)),
                            errposition(ParserErrPos(pstate, s->location)));
            }
            break;
        case RAW_ANY_SUBLINK:
        case RAW_ALL_SUBLINK:
        {
            List       *lefts;
            const char *opname = strVal(llast(s->operName));
            Node       *test = NULL;
            Node       *l = s->testexpr;

            sub->subLinkType = s->subLinkType == RAW_ANY_SUBLINK ? ANY_SUBLINK : ALL_SUBLINK;
            sub->operName = copyObject(s->operName);
            if (IsA(l, RawRowExpr))
            {
                lefts = NIL;
                foreach(lc, ((RawRowExpr *) l)->args)
                    lefts = lappend(lefts, TransformExprRecurse(pstate, lfirst(lc)));
            }
            else
                lefts = list_make1(TransformExprRecurse(pstate, l));
            if (list_length(lefts) < list_length(cols))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("subquery has too many columns"),
                        errposition(ParserErrPos(pstate, s->location)));
            if (list_length(lefts) > list_length(cols))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("subquery has too few columns"),
                        errposition(ParserErrPos(pstate, s->location)));
            foreach(lc, lefts)
            {
                int         i = foreach_current_index(lc);
                TargetEntry *tle = list_nth(cols, i);
                Node       *param = make_sublink_param(exprType((Node *) tle->expr),
                                                       exprTypmod((Node *) tle->expr),
                                                       tle->resno, -1);
                Node       *cmp = MakeOpExpr(pstate, s->operName, lfirst(lc), param,
                                             s->location);

                if (exprType(cmp) != BOOLOID)
                    ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                            errmsg("operator %s must return type boolean, not type %s", opname,
                                   FormatTypeName(exprType(cmp))),
                            errposition(ParserErrPos(pstate, s->location)));
                test = combine_bool(test, cmp,
                                    strcmp(opname, "<>") == 0 ? OR_EXPR : AND_EXPR,
                                    s->location);
            }
            sub->testexpr = test;
            break;
        }
        default:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("multiple-column UPDATE from a subquery is not supported"),
                    errposition(ParserErrPos(pstate, s->location)));
    }
    return (Node *) sub;
}

/*
 * TransformArrayExpr -- ARRAY[...].  With array_type given (ARRAY[...]::t[])
 * the elements are cast to its element type; otherwise the element type
 * is the elements' common type.  Nested ARRAY[[..],[..]], or elements
 * that are themselves arrays (ARRAY[a, b] for int[] columns), make a
 * multidims ArrayExpr of one more dimension, as in PostgreSQL.
 */
Node *
TransformArrayExpr(ParseState *pstate, A_ArrayExpr *a, Oid array_type, Oid element_type,
                   int32 typmod)
{
    ArrayExpr  *e = makeNode(ArrayExpr);
    List       *elems = NIL;
    bool        multidims = false;
    Oid         coerce_type;
    ListCell   *lc;

    foreach(lc, a->elements)
    {
        Node       *el = lfirst(lc);
        Node       *n;

        if (IsA(el, A_ArrayExpr))
        {
            n = TransformArrayExpr(pstate, (A_ArrayExpr *) el, array_type, element_type, typmod);
            multidims = true;
        }
        else
        {
            n = TransformExprRecurse(pstate, el);
            /* ARRAY[arr1, arr2] with array-valued elements also nests */
            if (OidIsValid(TypeElementOf(exprType(n))))
                multidims = true;
        }
        elems = lappend(elems, n);
    }
    if (OidIsValid(array_type))
        coerce_type = multidims ? array_type : element_type;
    else
    {
        if (elems == NIL)
            ereport(ERROR, errcode(ERRCODE_INDETERMINATE_DATATYPE),
                    errmsg("cannot determine type of empty array"),
                    errhint("Explicitly cast to the desired type, for example "
                            "ARRAY[]::integer[]."),
                    errposition(ParserErrPos(pstate, a->location)));
        coerce_type = SelectCommonType(pstate, elems, "ARRAY", NULL);
        if (multidims)
        {
            array_type = coerce_type;
            element_type = TypeElementOf(coerce_type);
            if (!OidIsValid(element_type))
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("could not find element type for data type %s",
                               FormatTypeName(coerce_type)),
                        errposition(ParserErrPos(pstate, a->location)));
        }
        else
        {
            element_type = coerce_type;
            array_type = TypeArrayOf(element_type);
            if (!OidIsValid(array_type))
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("could not find array type for data type %s",
                               FormatTypeName(element_type)),
                        errposition(ParserErrPos(pstate, a->location)));
        }
    }
    foreach(lc, elems)
    {
        Node       *el = lfirst(lc);
        Oid         t = exprType(el);
        Node       *n;

        if (OidIsValid(array_type) && t != coerce_type)
        {
            n = CoerceToTarget(pstate, el, t, coerce_type, multidims ? -1 : typmod,
                               COERCION_EXPLICIT, COERCE_EXPLICIT_CAST, exprLocation(el));
            if (n == NULL)
                ereport(ERROR, errcode(ERRCODE_CANNOT_COERCE),
                        errmsg("cannot cast type %s to %s", FormatTypeName(t),
                               FormatTypeName(coerce_type)),
                        errposition(ParserErrPos(pstate, exprLocation(el))));
            el = n;
        }
        e->elements = lappend(e->elements, el);
    }
    e->array_typeid = array_type;
    e->element_typeid = element_type;
    e->multidims = multidims;
    e->location = a->location;
    return (Node *) e;
}

/* TransformIndirection -- x[i] (single subscripts only). */
Node *
TransformIndirection(ParseState *pstate, A_Indirection *ind)
{
    Node       *result = TransformExprRecurse(pstate, ind->arg);
    ListCell   *lc;

    foreach(lc, ind->indirection)
    {
        Node       *i = lfirst(lc);
        Oid         ctype = exprType(result);
        Oid         elem = TypeElementOf(ctype);
        SubscriptExpr *s;
        Node       *sub;

        if (!IsA(i, A_Indices))
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("field selection is not supported"),
                    errposition(ParserErrPos(pstate, exprLocation(result))));
        if (!OidIsValid(elem))
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("cannot subscript type %s because it does not support subscripting",
                           FormatTypeName(ctype)),
                    errposition(ParserErrPos(pstate, exprLocation(result))));
        if (((A_Indices *) i)->is_slice)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("array slices are not supported"),
                    errposition(ParserErrPos(pstate, exprLocation(result))));
        sub = TransformExprRecurse(pstate, ((A_Indices *) i)->uidx);
        {
            Oid         st = exprType(sub);
            Node       *c = CoerceToTarget(pstate, sub, st, INT4OID, -1, COERCION_ASSIGNMENT,
                                           COERCE_IMPLICIT_CAST, exprLocation(sub));

            if (c == NULL)
                ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                        errmsg("array subscript must have type integer"),
                        errposition(ParserErrPos(pstate, exprLocation(sub))));
            sub = c;
        }
        s = makeNode(SubscriptExpr);
        s->resulttype = elem;
        s->container = result;
        s->subscript = sub;
        s->location = exprLocation(result);
        result = (Node *) s;
    }
    return result;
}

/* TransformRowExpr -- ROW(a, b) / (a, b): an anonymous record. */
Node *
TransformRowExpr(ParseState *pstate, RawRowExpr *r)
{
    RowExpr    *e = makeNode(RowExpr);
    ListCell   *lc;

    foreach(lc, r->args)
    {
        e->args = lappend(e->args, ResolveUnknownNode(pstate,
                                                      TransformExprRecurse(pstate, lfirst(lc))));
        e->colnames = lappend(e->colnames,
                              makeString(psprintf("f%d", foreach_current_index(lc) + 1)));
    }
    e->row_typeid = RECORDOID;
    e->location = r->location;
    return (Node *) e;
}

/*
 * TransformSQLValueFunction -- CURRENT_DATE and friends become calls of
 * built-in functions of the same meaning (COERCE_SQL_SYNTAX); a precision
 * (CURRENT_TIMESTAMP(3)) is applied as a typmod coercion.
 */
Node *
TransformSQLValueFunction(ParseState *pstate, RawSQLValueFunction *svf)
{
    const char *fname;
    Node       *f;

    switch (svf->op)
    {
        case RAW_SVFOP_CURRENT_DATE:
            fname = "current_date";
            break;
        case RAW_SVFOP_CURRENT_TIME:
        case RAW_SVFOP_CURRENT_TIME_N:
            fname = "current_time";
            break;
        case RAW_SVFOP_CURRENT_TIMESTAMP:
        case RAW_SVFOP_CURRENT_TIMESTAMP_N:
            fname = "now";
            break;
        case RAW_SVFOP_LOCALTIME:
        case RAW_SVFOP_LOCALTIME_N:
            fname = "localtime";
            break;
        case RAW_SVFOP_LOCALTIMESTAMP:
        case RAW_SVFOP_LOCALTIMESTAMP_N:
            fname = "localtimestamp";
            break;
        case RAW_SVFOP_CURRENT_ROLE:
        case RAW_SVFOP_CURRENT_USER:
        case RAW_SVFOP_USER:
            fname = "current_user";
            break;
        case RAW_SVFOP_SESSION_USER:
            fname = "session_user";
            break;
        case RAW_SVFOP_CURRENT_CATALOG:
            fname = "current_database";
            break;
        default:
            fname = "current_schema";
            break;
    }
    f = MakeFuncCallByName(pstate, fname, NIL, COERCE_SQL_SYNTAX, svf->location);
    if (svf->typmod >= 0)
    {
        Oid         t = exprType(f);
        Node       *c = CoerceToTarget(pstate, f, t, t, svf->typmod, COERCION_EXPLICIT,
                                       COERCE_IMPLICIT_CAST, svf->location);

        if (c != NULL)
            f = c;
    }
    return f;
}

/*
 * TransformParamRef -- $n.  With fixed parameter types, n must be in
 * range (42P02).  With variable types (extended protocol), the array
 * grows and an unknown parameter's type is inferred from the first
 * context that coerces it (CoerceType records it).
 */
Node *
TransformParamRef(ParseState *pstate, ParamRef *pref)
{
    ParseParamState *ps = pstate->params;
    Param      *p = makeNode(Param);
    int         n = pref->number;

    if (ps == NULL || n < 1 || (n > ps->count && !ps->variable))
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_PARAMETER),
                errmsg("there is no parameter $%d", n),
                errposition(ParserErrPos(pstate, pref->location)));
    if (n > ps->count)
    {
        Oid        *grown = palloc(sizeof(Oid) * n);

        for (int i = 0; i < n; i++)
            grown[i] = i < ps->count ? ps->types[i] : UNKNOWNOID;
        ps->types = grown;
        ps->count = n;
    }
    if (ps->types[n - 1] == InvalidOid)
        ps->types[n - 1] = UNKNOWNOID;
    p->paramkind = PARAM_EXTERN;
    p->paramid = n;
    p->paramtype = ps->types[n - 1];
    p->paramtypmod = -1;
    p->location = pref->location;
    return (Node *) p;
}
