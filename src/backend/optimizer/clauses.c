/*
 * clauses.c
 *     Expression utilities for the planner: constant folding
 *     (eval_const_expressions), aggregate collection, set-returning tests.
 * Entry points: eval_const_expressions(), collect_aggrefs(), contain_aggs(),
 * expression_returns_set().
 *
 * Folding calls immutable built-in functions whose arguments are all
 * constants, at plan time; an error they raise (division by zero) is raised
 * by the planner, as in PostgreSQL.  Stable and volatile functions (now(),
 * random()) are never folded.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

static Node *make_const(Oid typid, int32 typmod, Datum value, bool isnull)
{
    Const      *c = makeNode(Const);
    char        align;

    c->consttype = typid;
    c->consttypmod = typmod;
    TypeGetLenByvalAlign(typid, &c->constlen, &c->constbyval, &align);
    c->constvalue = isnull ? (Datum) 0 : value;
    c->constisnull = isnull;
    c->location = -1;
    return (Node *) c;
}

static Node *make_bool_const(bool value, bool isnull)
{
    return make_const(BOOLOID, -1, BoolGetDatum(value), isnull);
}

/* Evaluate funcid over constant args; NULL if it cannot be folded. */
static Node *
fold_function(Oid funcid, Oid result_type, int32 result_typmod, List *args)
{
    const FuncInfo *f = FuncInfoById(funcid);
    FunctionCallInfo fcinfo;
    Oid        *argtypes;
    ListCell   *lc;
    int         i = 0;
    int         nargs = list_length(args);
    bool        hasnull = false;
    Datum       result;

    if (f == NULL || f->fn == NULL || f->retset || f->volatility != FUNC_IMMUTABLE)
        return NULL;
    if (!TypeInfoById(result_type) || FuncIsAggregate(funcid))
        return NULL;
    foreach(lc, args)
        if (!IsA(lfirst(lc), Const))
            return NULL;
    fcinfo = (FunctionCallInfo) palloc0(SizeForFunctionCallInfo(nargs));
    argtypes = (Oid *) palloc0(sizeof(Oid) * (nargs + 1));
    foreach(lc, args)
    {
        Const      *c = (Const *) lfirst(lc);

        fcinfo->args[i].value = c->constvalue;
        fcinfo->args[i].isnull = c->constisnull;
        argtypes[i] = c->consttype;
        if (c->constisnull)
            hasnull = true;
        i++;
    }
    if (hasnull && f->strict)
        return make_const(result_type, result_typmod, 0, true);
    fcinfo->fn_oid = funcid;
    fcinfo->nargs = (short) nargs;
    fcinfo->argtypes = argtypes;
    fcinfo->result_type = result_type;
    fcinfo->result_typmod = result_typmod;
    fcinfo->fn_mcxt = CurrentMemoryContext;
    result = f->fn(fcinfo);
    return make_const(result_type, result_typmod, result, fcinfo->isnull);
}

static Node *
const_mutator(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Query) || IsA(node, SubLink))
        return node;            /* planned separately */
    node = expression_tree_mutator(node, const_mutator, context);
    switch (nodeTag(node))
    {
        case T_FuncExpr:
            {
                FuncExpr   *f = (FuncExpr *) node;
                Node       *r;

                if (!f->funcretset &&
                    (r = fold_function(f->funcid, f->funcresulttype, f->funcresulttypmod,
                                       f->args)) != NULL)
                    return r;
                return node;
            }
        case T_OpExpr:
            {
                OpExpr     *op = (OpExpr *) node;
                Oid         funcid = op->opfuncid;
                Node       *r;

                if (!OidIsValid(funcid))
                {
                    const OperInfo *oi = OperInfoById(op->opno);

                    funcid = oi ? oi->func_oid : InvalidOid;
                }
                if (OidIsValid(funcid) && !op->opretset &&
                    (r = fold_function(funcid, op->opresulttype, -1, op->args)) != NULL)
                    return r;
                return node;
            }
        case T_BoolExpr:
            {
                BoolExpr   *b = (BoolExpr *) node;
                List       *args = NIL;
                ListCell   *lc;
                bool        sawnull = false;

                if (b->boolop == NOT_EXPR)
                {
                    Node       *arg = linitial(b->args);

                    if (IsA(arg, Const))
                    {
                        Const      *c = (Const *) arg;

                        return make_bool_const(!DatumGetBool(c->constvalue), c->constisnull);
                    }
                    return node;
                }
                foreach(lc, b->args)
                {
                    Node       *arg = lfirst(lc);

                    if (IsA(arg, Const))
                    {
                        Const      *c = (Const *) arg;

                        if (c->constisnull)
                        {
                            sawnull = true;
                            continue;
                        }
                        if (b->boolop == AND_EXPR && !DatumGetBool(c->constvalue))
                            return make_bool_const(false, false);
                        if (b->boolop == OR_EXPR && DatumGetBool(c->constvalue))
                            return make_bool_const(true, false);
                        continue;   /* TRUE in AND, FALSE in OR: no effect */
                    }
                    args = lappend(args, arg);
                }
                if (args == NIL)
                    return make_bool_const(b->boolop == AND_EXPR, sawnull);
                if (sawnull)
                    args = lappend(args, make_bool_const(false, true));
                if (list_length(args) == 1)
                    return linitial(args);
                b->args = args;
                return node;
            }
        case T_RelabelType:
            {
                RelabelType *r = (RelabelType *) node;

                if (IsA(r->arg, Const))
                {
                    Const      *c = (Const *) r->arg;
                    Const      *n = (Const *) make_const(r->resulttype, r->resulttypmod,
                                                         c->constvalue, c->constisnull);

                    return (Node *) n;
                }
                return node;
            }
        case T_NullTest:
            {
                NullTest   *nt = (NullTest *) node;

                if (nt->arg && IsA(nt->arg, Const) && !nt->argisrow)
                {
                    bool        isnull = ((Const *) nt->arg)->constisnull;

                    return make_bool_const(nt->nulltesttype == IS_NULL ? isnull : !isnull, false);
                }
                return node;
            }
        default:
            return node;
    }
}

Node *
eval_const_expressions(Node *node)
{
    return const_mutator(node, NULL);
}

/* ---------------- aggregates, sets ---------------- */

static bool
contain_aggs_walker(Node *node, void *context)
{
    if (node == NULL)
        return false;
    if (IsA(node, Aggref))
        return true;
    if (IsA(node, Query) || IsA(node, SubPlan) || IsA(node, SubLink))
        return false;
    return expression_tree_walker(node, contain_aggs_walker, context);
}

bool
contain_aggs(Node *node)
{
    return contain_aggs_walker(node, NULL);
}

static bool
collect_aggs_walker(Node *node, void *context)
{
    List      **aggs = (List **) context;

    if (node == NULL)
        return false;
    if (IsA(node, Aggref))
    {
        ListCell   *lc;

        if (((Aggref *) node)->agglevelsup != 0)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("outer-level aggregates are not supported yet"));
        foreach(lc, *aggs)
            if (equal(lfirst(lc), node))
                return false;
        *aggs = lappend(*aggs, node);
        return false;           /* nested aggregates are rejected by the analyzer */
    }
    if (IsA(node, Query) || IsA(node, SubLink))
        return false;
    return expression_tree_walker(node, collect_aggs_walker, context);
}

/* collect_aggrefs -- distinct (by equal()) Aggrefs of node appended to aggs. */
List *
collect_aggrefs(Node *node, List *aggs)
{
    collect_aggs_walker(node, &aggs);
    return aggs;
}

bool
expression_returns_set(Node *node)
{
    return node != NULL && exprIsSet(node);
}
