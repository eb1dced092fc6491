/*
 * execExpr.c
 *     Expression evaluation: turn an analyzed/planned expression tree into a
 *     tree of ExprStates once (ExecInitExpr), then evaluate it per row.
 * Entry points: ExecInitExpr(), ExecInitExprList(), ExecEvalExpr(),
 * ExecQual(), ExecBuildProjectionInfo(), ExecProject(), SrfCall*().
 *
 * Evaluation is a recursive walk over ExprStates, each with an evalfunc for
 * its node kind.  Function calls go through fmgr with a FunctionCallInfo
 * prepared at init; strict functions are not called with NULL arguments.
 * Results are allocated in CurrentMemoryContext: callers evaluate in the
 * ExprContext's per-tuple context (ExecQual/ExecProject switch to it).
 * SQL three-valued logic: AND is false if any input is false, else NULL if
 * any is NULL; OR symmetrically; NOT NULL is NULL.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "executor_int.h"
#include "nodes/nodeFuncs.h"
#include "utils/array.h"
#include "utils/elog.h"

static ExprState *init_expr(Node *node, PlanState *parent);

/* ---------------- helpers ---------------- */

static ExprState *
make_state(Node *node, ExprStateEvalFunc fn, int nargs)
{
    ExprState  *state = (ExprState *) newNode(sizeof(ExprState), T_ExprState);

    state->expr = node;
    state->evalfunc = fn;
    state->nargs = nargs;
    if (nargs > 0)
        state->args = (ExprState **) palloc0(sizeof(ExprState *) * nargs);
    return state;
}

static void
init_args(ExprState *state, List *args, PlanState *parent)
{
    ListCell   *lc;
    int         i = 0;

    foreach(lc, args)
        state->args[i++] = init_expr((Node *) lfirst(lc), parent);
}

/* Prepare fcinfo for calling funcid with the state's args. */
static void
init_fcall(ExprState *state, Oid funcid, List *args, Node *node)
{
    const FuncInfo *finfo = FuncInfoById(funcid);
    ListCell   *lc;
    int         i = 0;
    int         nargs = list_length(args);

    if (finfo == NULL || finfo->fn == NULL)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                errmsg("function with OID %u does not exist", funcid));
    state->fn = finfo->fn;
    state->strict = finfo->strict;
    state->fcinfo = (FunctionCallInfo) palloc0(SizeForFunctionCallInfo(nargs));
    state->fcinfo->fn_oid = funcid;
    state->fcinfo->nargs = (short) nargs;
    state->fcinfo->fn_extra = &state->fn_extra;
    state->fcinfo->fn_mcxt = CurrentMemoryContext;
    state->fcinfo->result_type = exprType(node);
    state->fcinfo->result_typmod = exprTypmod(node);
    state->argtypes = (Oid *) palloc0(sizeof(Oid) * (nargs + 1));
    foreach(lc, args)
        state->argtypes[i++] = exprType((Node *) lfirst(lc));
    state->fcinfo->argtypes = state->argtypes;
}

/* Evaluate args into fcinfo; returns true if a strict function must return NULL. */
static bool
eval_args(ExprState *state, ExprContext *econtext)
{
    FunctionCallInfo fcinfo = state->fcinfo;
    bool        hasnull = false;

    for (int i = 0; i < state->nargs; i++)
    {
        fcinfo->args[i].value = ExecEvalExpr(state->args[i], econtext, &fcinfo->args[i].isnull);
        if (fcinfo->args[i].isnull)
            hasnull = true;
    }
    return hasnull && state->strict;
}

static Datum
call_fn(ExprState *state, bool *isnull)
{
    Datum       result;

    state->fcinfo->isnull = false;
    state->fcinfo->context = NULL;
    result = state->fn(state->fcinfo);
    *isnull = state->fcinfo->isnull;
    return result;
}

/* Call a two-argument function (comparison) on given values; used by several nodes. */
static Datum
call2(ExprState *state, Datum a, bool anull, Datum b, bool bnull, bool *isnull)
{
    FunctionCallInfo fcinfo = state->fcinfo;

    if ((anull || bnull) && state->strict)
    {
        *isnull = true;
        return (Datum) 0;
    }
    fcinfo->args[0].value = a;
    fcinfo->args[0].isnull = anull;
    fcinfo->args[1].value = b;
    fcinfo->args[1].isnull = bnull;
    return call_fn(state, isnull);
}

/* ---------------- leaf nodes ---------------- */

static Datum
eval_const(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Const      *c = (Const *) state->expr;

    (void) econtext;
    *isnull = c->constisnull;
    return c->constvalue;
}

/* The slot a Var reads: outer, inner or scan row of econtext (may be NULL). */
static inline TupleTableSlot *
var_slot(const Var *var, ExprContext *econtext)
{
    if (var->varno == OUTER_VAR)
        return econtext->outertuple;
    if (var->varno == INNER_VAR)
        return econtext->innertuple;
    return econtext->scantuple;
}

/* A user column (attno > 0) of slot; NULL if there is no row. */
static inline Datum
fetch_column(TupleTableSlot *slot, int attno, bool *isnull)
{
    if (slot == NULL || slot->empty)
    {
        *isnull = true;
        return (Datum) 0;
    }
    if (attno > slot->natts)
        elog(ERROR, "attribute number %d exceeds the row's %d columns", attno, slot->natts);
    *isnull = slot->isnull[attno - 1];
    return slot->values[attno - 1];
}

static Datum
eval_var(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Var        *var = (Var *) state->expr;
    TupleTableSlot *slot = var_slot(var, econtext);
    int         attno = var->varattno;

    if (attno > 0)
        return fetch_column(slot, attno, isnull);
    if (slot == NULL || slot->empty)
    {
        *isnull = true;
        return (Datum) 0;
    }
    if (attno == SelfItemPointerAttributeNumber)
    {
        /* ctid travels through the executor as an int8: block << 16 | offset */
        if (!ItemPointerIsValid(&slot->tid))
        {
            *isnull = true;
            return (Datum) 0;
        }
        *isnull = false;
        return Int64GetDatum(((int64) ItemPointerGetBlockNumber(&slot->tid) << 16) |
                             ItemPointerGetOffsetNumber(&slot->tid));
    }
    if (attno == TableOidAttributeNumber)
    {
        *isnull = false;
        return ObjectIdGetDatum(slot->tableOid);
    }
    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
            errmsg("system column %d is not supported yet", attno));
}

/* $n of the statement's parameter list. */
static inline Datum
fetch_extern_param(const Param *p, ExprContext *econtext, bool *isnull)
{
    ParamListInfo pl = econtext->param_list_info;

    if (pl == NULL || p->paramid < 1 || p->paramid > pl->numParams)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("there is no parameter $%d", p->paramid));
    *isnull = pl->params[p->paramid - 1].isnull;
    return pl->params[p->paramid - 1].value;
}

static Datum
eval_param(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Param      *p = (Param *) state->expr;

    if (p->paramkind == PARAM_EXTERN)
        return fetch_extern_param(p, econtext, isnull);
    else
    {
        ParamExecData *prm = &econtext->param_exec_vals[p->paramid];

        if (prm->execPlan != NULL)
            ExecSetParamPlan((SubPlanState *) prm->execPlan, econtext);
        *isnull = prm->isnull;
        return prm->value;
    }
}

static Datum
eval_case_test(ExprState *state, ExprContext *econtext, bool *isnull)
{
    (void) state;
    *isnull = econtext->caseNull;
    return econtext->caseValue;
}

static Datum
eval_aggref(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Aggref     *aggref = (Aggref *) state->expr;

    if (econtext->aggvalues == NULL)
        elog(ERROR, "aggregate function evaluated outside an Agg node");
    *isnull = econtext->aggnulls[aggref->aggno];
    return econtext->aggvalues[aggref->aggno];
}

/* a window function's value for the current row, computed by the WindowAgg node */
static Datum
eval_windowfunc(ExprState *state, ExprContext *econtext, bool *isnull)
{
    WindowFunc *wf = (WindowFunc *) state->expr;

    if (econtext->aggvalues == NULL)
        elog(ERROR, "window function evaluated outside a WindowAgg node");
    *isnull = econtext->aggnulls[wf->winno];
    return econtext->aggvalues[wf->winno];
}

/* ---------------- function calls ---------------- */

static Datum
eval_func(ExprState *state, ExprContext *econtext, bool *isnull)
{
    if (eval_args(state, econtext))
    {
        *isnull = true;
        return (Datum) 0;
    }
    return call_fn(state, isnull);
}

/*
 * Arguments the simple-call fast path reads in place: Consts, Vars of user
 * columns and $n parameters.
 */
static bool
arg_is_simple(const ExprState *arg)
{
    if (arg == NULL)
        return false;
    if (arg->evalfunc == eval_const)
        return true;
    if (arg->evalfunc == eval_var)
        return ((const Var *) arg->expr)->varattno > 0;
    if (arg->evalfunc == eval_param)
        return ((const Param *) arg->expr)->paramkind == PARAM_EXTERN;
    return false;
}

static inline Datum
fetch_simple_arg(const ExprState *arg, ExprContext *econtext, bool *isnull)
{
    if (arg->evalfunc == eval_const)
    {
        const Const *c = (const Const *) arg->expr;

        *isnull = c->constisnull;
        return c->constvalue;
    }
    if (arg->evalfunc == eval_var)
        return fetch_column(var_slot((const Var *) arg->expr, econtext),
                            ((const Var *) arg->expr)->varattno, isnull);
    return fetch_extern_param((const Param *) arg->expr, econtext, isnull);
}

/*
 * eval_func_simple -- eval_func for a strict function whose arguments all
 * pass arg_is_simple (col = const, col < col: the commonest qual shape).
 * Reading them in place saves a recursive ExecEvalExpr per argument, per
 * row; the result is the same, as Vars and Consts have no side effects.
 */
static Datum
eval_func_simple(ExprState *state, ExprContext *econtext, bool *isnull)
{
    FunctionCallInfo fcinfo = state->fcinfo;

    Assert(state->strict);
    for (int i = 0; i < state->nargs; i++)
    {
        fcinfo->args[i].value = fetch_simple_arg(state->args[i], econtext,
                                                 &fcinfo->args[i].isnull);
        if (fcinfo->args[i].isnull)
        {
            *isnull = true;
            return (Datum) 0;
        }
    }
    return call_fn(state, isnull);
}

/* Switch a plain strict function call to eval_func_simple when it qualifies. */
static void
use_simple_call_if_possible(ExprState *state)
{
    if (state->evalfunc != eval_func || !state->strict)
        return;
    for (int i = 0; i < state->nargs; i++)
    {
        if (!arg_is_simple(state->args[i]))
            return;
    }
    state->evalfunc = eval_func_simple;
}

/* a IS DISTINCT FROM b */
static Datum
eval_distinct(ExprState *state, ExprContext *econtext, bool *isnull)
{
    FunctionCallInfo fcinfo = state->fcinfo;
    Datum       r;
    bool        rnull;

    for (int i = 0; i < 2; i++)
        fcinfo->args[i].value = ExecEvalExpr(state->args[i], econtext, &fcinfo->args[i].isnull);
    *isnull = false;
    if (fcinfo->args[0].isnull || fcinfo->args[1].isnull)
        return BoolGetDatum(fcinfo->args[0].isnull != fcinfo->args[1].isnull);
    r = call_fn(state, &rnull);
    *isnull = false;
    return BoolGetDatum(!DatumGetBool(r));
}

/* NULLIF(a, b) */
static Datum
eval_nullif(ExprState *state, ExprContext *econtext, bool *isnull)
{
    FunctionCallInfo fcinfo = state->fcinfo;
    Datum       a;
    bool        anull;

    for (int i = 0; i < 2; i++)
        fcinfo->args[i].value = ExecEvalExpr(state->args[i], econtext, &fcinfo->args[i].isnull);
    a = fcinfo->args[0].value;
    anull = fcinfo->args[0].isnull;
    if (!anull && !fcinfo->args[1].isnull)
    {
        bool        rnull;
        Datum       r = call_fn(state, &rnull);

        if (!rnull && DatumGetBool(r))
        {
            *isnull = true;
            return (Datum) 0;
        }
    }
    *isnull = anull;
    return a;
}

/* scalar op ANY/ALL (array) */
static Datum
eval_scalar_array_op(ExprState *state, ExprContext *econtext, bool *isnull)
{
    ScalarArrayOpExpr *op = (ScalarArrayOpExpr *) state->expr;
    Datum       scalar;
    bool        scalarnull;
    Datum       arr;
    bool        arrnull;
    Datum      *elems;
    bool       *nulls;
    int         n;
    bool        have_null = false;

    scalar = ExecEvalExpr(state->args[0], econtext, &scalarnull);
    arr = ExecEvalExpr(state->args[1], econtext, &arrnull);
    if (arrnull)
    {
        *isnull = true;
        return (Datum) 0;
    }
    ArrayDeconstruct(DatumGetArrayTypeP(arr), &elems, &nulls, &n);
    if (n == 0)
    {
        *isnull = false;
        return BoolGetDatum(!op->useOr);
    }
    if (scalarnull && state->strict)
    {
        *isnull = true;
        return (Datum) 0;
    }
    for (int i = 0; i < n; i++)
    {
        bool        rnull;
        Datum       r = call2(state, scalar, scalarnull, elems[i], nulls[i], &rnull);

        if (rnull)
            have_null = true;
        else if (op->useOr && DatumGetBool(r))
        {
            *isnull = false;
            return BoolGetDatum(true);
        }
        else if (!op->useOr && !DatumGetBool(r))
        {
            *isnull = false;
            return BoolGetDatum(false);
        }
    }
    *isnull = have_null;
    return BoolGetDatum(!op->useOr);
}

static Datum
eval_set_function(ExprState *state, ExprContext *econtext, bool *isnull)
{
    (void) state;
    (void) econtext;
    (void) isnull;
    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
            errmsg("set-valued function called in context that cannot accept a set"));
}

/* ---------------- boolean logic and conditionals ---------------- */

static Datum
eval_and(ExprState *state, ExprContext *econtext, bool *isnull)
{
    bool        anynull = false;

    for (int i = 0; i < state->nargs; i++)
    {
        bool        n;
        Datum       v = ExecEvalExpr(state->args[i], econtext, &n);

        if (n)
            anynull = true;
        else if (!DatumGetBool(v))
        {
            *isnull = false;
            return BoolGetDatum(false);
        }
    }
    *isnull = anynull;
    return BoolGetDatum(!anynull);
}

static Datum
eval_or(ExprState *state, ExprContext *econtext, bool *isnull)
{
    bool        anynull = false;

    for (int i = 0; i < state->nargs; i++)
    {
        bool        n;
        Datum       v = ExecEvalExpr(state->args[i], econtext, &n);

        if (n)
            anynull = true;
        else if (DatumGetBool(v))
        {
            *isnull = false;
            return BoolGetDatum(true);
        }
    }
    *isnull = anynull;
    return BoolGetDatum(false);
}

static Datum
eval_not(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Datum       v = ExecEvalExpr(state->args[0], econtext, isnull);

    return BoolGetDatum(!DatumGetBool(v));
}

/* CaseExpr: args = [arg or NULL], then (cond, result) pairs, then default */
static Datum
eval_case(ExprState *state, ExprContext *econtext, bool *isnull)
{
    Datum       save_value = econtext->caseValue;
    bool        save_null = econtext->caseNull;
    int         nwhens = (state->nargs - 2) / 2;
    Datum       result;

    if (state->args[0] != NULL)
        econtext->caseValue = ExecEvalExpr(state->args[0], econtext, &econtext->caseNull);
    for (int i = 0; i < nwhens; i++)
    {
        bool        cn;
        Datum       c = ExecEvalExpr(state->args[1 + 2 * i], econtext, &cn);

        if (!cn && DatumGetBool(c))
        {
            econtext->caseValue = save_value;
            econtext->caseNull = save_null;
            return ExecEvalExpr(state->args[2 + 2 * i], econtext, isnull);
        }
    }
    econtext->caseValue = save_value;
    econtext->caseNull = save_null;
    if (state->args[state->nargs - 1] == NULL)
    {
        *isnull = true;
        return (Datum) 0;
    }
    result = ExecEvalExpr(state->args[state->nargs - 1], econtext, isnull);
    return result;
}

static Datum
eval_coalesce(ExprState *state, ExprContext *econtext, bool *isnull)
{
    for (int i = 0; i < state->nargs; i++)
    {
        Datum       v = ExecEvalExpr(state->args[i], econtext, isnull);

        if (!*isnull)
            return v;
    }
    *isnull = true;
    return (Datum) 0;
}

/* GREATEST/LEAST: NULL inputs are ignored; NULL only if all are NULL */
static Datum
eval_minmax(ExprState *state, ExprContext *econtext, bool *isnull)
{
    MinMaxExpr *mm = (MinMaxExpr *) state->expr;
    Datum       best = (Datum) 0;
    bool        have = false;

    for (int i = 0; i < state->nargs; i++)
    {
        bool        n;
        Datum       v = ExecEvalExpr(state->args[i], econtext, &n);

        if (n)
            continue;
        if (!have)
        {
            best = v;
            have = true;
        }
        else
        {
            bool        rn;
            int32       c = DatumGetInt32(call2(state, v, false, best, false, &rn));

            if ((mm->op == IS_GREATEST && c > 0) || (mm->op == IS_LEAST && c < 0))
                best = v;
        }
    }
    *isnull = !have;
    return best;
}

static Datum
eval_nulltest(ExprState *state, ExprContext *econtext, bool *isnull)
{
    NullTest   *nt = (NullTest *) state->expr;
    Node       *arg = nt->arg;

    *isnull = false;
    if (nt->argisrow && arg && IsA(arg, RowExpr))
    {
        /* ROW(...) IS NULL: all fields null; IS NOT NULL: all fields non-null */
        bool        allnull = true;
        bool        nonenull = true;

        for (int i = 0; i < state->nargs; i++)
        {
            bool        n;

            (void) ExecEvalExpr(state->args[i], econtext, &n);
            if (n)
                nonenull = false;
            else
                allnull = false;
        }
        return BoolGetDatum(nt->nulltesttype == IS_NULL ? allnull : nonenull);
    }
    else
    {
        bool        n;

        (void) ExecEvalExpr(state->args[0], econtext, &n);
        return BoolGetDatum(nt->nulltesttype == IS_NULL ? n : !n);
    }
}

static Datum
eval_booltest(ExprState *state, ExprContext *econtext, bool *isnull)
{
    BooleanTest *bt = (BooleanTest *) state->expr;
    bool        n;
    bool        v = DatumGetBool(ExecEvalExpr(state->args[0], econtext, &n));
    bool        r = false;

    switch (bt->booltesttype)
    {
        case IS_TRUE:
            r = !n && v;
            break;
        case IS_NOT_TRUE:
            r = n || !v;
            break;
        case IS_FALSE:
            r = !n && !v;
            break;
        case IS_NOT_FALSE:
            r = n || v;
            break;
        case IS_UNKNOWN:
            r = n;
            break;
        case IS_NOT_UNKNOWN:
            r = !n;
            break;
    }
    *isnull = false;
    return BoolGetDatum(r);
}

/* ---------------- coercions, arrays ---------------- */

static Datum
eval_relabel(ExprState *state, ExprContext *econtext, bool *isnull)
{
    return ExecEvalExpr(state->args[0], econtext, isnull);
}

static Datum
eval_coerce_via_io(ExprState *state, ExprContext *econtext, bool *isnull)
{
    CoerceViaIO *c = (CoerceViaIO *) state->expr;
    Datum       v = ExecEvalExpr(state->args[0], econtext, isnull);
    char       *str;

    if (*isnull)
        return (Datum) 0;
    str = OutputFunctionCall(state->argtypes[0], v);
    return InputFunctionCall(c->resulttype, str, c->resulttypmod);
}

static Datum
eval_array(ExprState *state, ExprContext *econtext, bool *isnull)
{
    ArrayExpr  *a = (ArrayExpr *) state->expr;
    Datum      *values = palloc(sizeof(Datum) * (state->nargs + 1));
    bool       *nulls = palloc(sizeof(bool) * (state->nargs + 1));

    for (int i = 0; i < state->nargs; i++)
        values[i] = ExecEvalExpr(state->args[i], econtext, &nulls[i]);
    *isnull = false;
    /* ARRAY[[..], [..]]: the elements are sub-arrays of one dimension less */
    if (a->multidims)
        return PointerGetDatum(ArrayConstructFromSubarrays(a->element_typeid, values, nulls,
                                                           state->nargs));
    return PointerGetDatum(ArrayConstruct(a->element_typeid, values, nulls, state->nargs));
}

static Datum
eval_subscript(ExprState *state, ExprContext *econtext, bool *isnull)
{
    bool        n;
    Datum       arr = ExecEvalExpr(state->args[0], econtext, &n);
    Datum       sub;
    ArrayType  *a;
    Datum      *elems;
    bool       *nulls;
    int         nelems;
    int32       idx;

    if (n)
    {
        *isnull = true;
        return (Datum) 0;
    }
    sub = ExecEvalExpr(state->args[1], econtext, &n);
    if (n)
    {
        *isnull = true;
        return (Datum) 0;
    }
    a = DatumGetArrayTypeP(arr);
    /* one subscript selects nothing in a multi-dimensional array (PostgreSQL) */
    if (ARR_NDIM(a) > 1)
    {
        *isnull = true;
        return (Datum) 0;
    }
    idx = DatumGetInt32(sub) - (ARR_NDIM(a) > 0 ? ARR_LBOUND(a) : 1);
    ArrayDeconstruct(a, &elems, &nulls, &nelems);
    if (idx < 0 || idx >= nelems || nulls[idx])
    {
        *isnull = true;
        return (Datum) 0;
    }
    *isnull = false;
    return elems[idx];
}

static Datum
eval_subplan(ExprState *state, ExprContext *econtext, bool *isnull)
{
    return ExecSubPlan((SubPlanState *) state->priv, econtext, isnull);
}

/* ---------------- initialisation ---------------- */

static ExprState *
init_expr(Node *node, PlanState *parent)
{
    ExprState  *state;

    if (node == NULL)
        return NULL;
    switch (nodeTag(node))
    {
        case T_Const:
            return make_state(node, eval_const, 0);
        case T_Var:
            {
                Var        *var = (Var *) node;

                if (var->varlevelsup != 0)
                    elog(ERROR, "outer-level Var reached the executor");
                if (var->varattno == 0)
                    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                            errmsg("whole-row references are not supported yet"));
                return make_state(node, eval_var, 0);
            }
        case T_Param:
            return make_state(node, eval_param, 0);
        case T_CaseTestExpr:
            return make_state(node, eval_case_test, 0);
        case T_Aggref:
            return make_state(node, eval_aggref, 0);
        case T_FuncExpr:
            {
                FuncExpr   *f = (FuncExpr *) node;

                state = make_state(node, f->funcretset ? eval_set_function : eval_func,
                                   list_length(f->args));
                init_args(state, f->args, parent);
                init_fcall(state, f->funcid, f->args, node);
                use_simple_call_if_possible(state);
                return state;
            }
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
            {
                OpExpr     *op = (OpExpr *) node;
                Oid         funcid = op->opfuncid;
                ExprStateEvalFunc fn = eval_func;

                if (!OidIsValid(funcid))
                {
                    const OperInfo *oi = OperInfoById(op->opno);

                    if (oi == NULL)
                        elog(ERROR, "operator %u not found", op->opno);
                    funcid = oi->func_oid;
                }
                if (IsA(node, DistinctExpr))
                    fn = eval_distinct;
                else if (IsA(node, NullIfExpr))
                    fn = eval_nullif;
                else if (op->opretset)
                    fn = eval_set_function;
                state = make_state(node, fn, list_length(op->args));
                init_args(state, op->args, parent);
                init_fcall(state, funcid, op->args, node);
                if (IsA(node, NullIfExpr))
                    state->fcinfo->result_type = BOOLOID;
                use_simple_call_if_possible(state);
                return state;
            }
        case T_ScalarArrayOpExpr:
            {
                ScalarArrayOpExpr *op = (ScalarArrayOpExpr *) node;
                Oid         funcid = op->opfuncid;

                if (!OidIsValid(funcid))
                {
                    const OperInfo *oi = OperInfoById(op->opno);

                    if (oi == NULL)
                        elog(ERROR, "operator %u not found", op->opno);
                    funcid = oi->func_oid;
                }
                state = make_state(node, eval_scalar_array_op, 2);
                init_args(state, op->args, parent);
                init_fcall(state, funcid, op->args, node);
                state->fcinfo->result_type = BOOLOID;
                /* the function sees (scalar, element) */
                state->argtypes[1] = TypeElementOf(state->argtypes[1]);
                return state;
            }
        case T_BoolExpr:
            {
                BoolExpr   *b = (BoolExpr *) node;

                state = make_state(node, b->boolop == AND_EXPR ? eval_and :
                                   b->boolop == OR_EXPR ? eval_or : eval_not,
                                   list_length(b->args));
                init_args(state, b->args, parent);
                return state;
            }
        case T_CaseExpr:
            {
                CaseExpr   *c = (CaseExpr *) node;
                ListCell   *lc;
                int         i = 1;

                state = make_state(node, eval_case, 2 + 2 * list_length(c->args));
                state->args[0] = init_expr(c->arg, parent);
                foreach(lc, c->args)
                {
                    CaseWhen   *w = (CaseWhen *) lfirst(lc);

                    state->args[i++] = init_expr(w->expr, parent);
                    state->args[i++] = init_expr(w->result, parent);
                }
                state->args[i] = init_expr(c->defresult, parent);
                return state;
            }
        case T_CoalesceExpr:
            {
                CoalesceExpr *c = (CoalesceExpr *) node;

                state = make_state(node, eval_coalesce, list_length(c->args));
                init_args(state, c->args, parent);
                return state;
            }
        case T_MinMaxExpr:
            {
                MinMaxExpr *m = (MinMaxExpr *) node;
                RdbFunction cmp = TypeCompareFunction(m->minmaxtype);

                if (cmp == NULL)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                            errmsg("could not identify a comparison function for type %s",
                                   FormatTypeWithTypmod(m->minmaxtype, -1)));
                state = make_state(node, eval_minmax, list_length(m->args));
                init_args(state, m->args, parent);
                state->fn = cmp;
                state->strict = true;
                state->fcinfo = (FunctionCallInfo) palloc0(SizeForFunctionCallInfo(2));
                state->fcinfo->nargs = 2;
                state->argtypes = (Oid *) palloc(sizeof(Oid) * 2);
                state->argtypes[0] = state->argtypes[1] = m->minmaxtype;
                state->fcinfo->argtypes = state->argtypes;
                state->fcinfo->result_typmod = -1;
                return state;
            }
        case T_NullTest:
            {
                NullTest   *nt = (NullTest *) node;

                if (nt->argisrow && nt->arg && IsA(nt->arg, RowExpr))
                {
                    RowExpr    *row = (RowExpr *) nt->arg;

                    state = make_state(node, eval_nulltest, list_length(row->args));
                    init_args(state, row->args, parent);
                }
                else
                {
                    state = make_state(node, eval_nulltest, 1);
                    state->args[0] = init_expr(nt->arg, parent);
                }
                return state;
            }
        case T_BooleanTest:
            state = make_state(node, eval_booltest, 1);
            state->args[0] = init_expr(((BooleanTest *) node)->arg, parent);
            return state;
        case T_RelabelType:
            state = make_state(node, eval_relabel, 1);
            state->args[0] = init_expr(((RelabelType *) node)->arg, parent);
            return state;
        case T_CoerceViaIO:
            state = make_state(node, eval_coerce_via_io, 1);
            state->args[0] = init_expr(((CoerceViaIO *) node)->arg, parent);
            state->argtypes = (Oid *) palloc(sizeof(Oid));
            state->argtypes[0] = exprType(((CoerceViaIO *) node)->arg);
            return state;
        case T_ArrayExpr:
            {
                ArrayExpr  *a = (ArrayExpr *) node;

                state = make_state(node, eval_array, list_length(a->elements));
                init_args(state, a->elements, parent);
                return state;
            }
        case T_SubscriptExpr:
            state = make_state(node, eval_subscript, 2);
            state->args[0] = init_expr(((SubscriptExpr *) node)->container, parent);
            state->args[1] = init_expr(((SubscriptExpr *) node)->subscript, parent);
            return state;
        case T_SubPlan:
            state = make_state(node, eval_subplan, 0);
            state->priv = ExecInitSubPlan((SubPlan *) node, parent);
            if (parent)
                parent->subPlan = lappend(parent->subPlan, state->priv);
            return state;
        case T_RowExpr:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("row constructors are not supported in this context yet"));
        case T_WindowFunc:
            return make_state(node, eval_windowfunc, 0);
        case T_SetToDefault:
            elog(ERROR, "DEFAULT reached the executor");
        case T_SubLink:
            elog(ERROR, "unplanned SubLink reached the executor");
        default:
            elog(ERROR, "unrecognized expression node type %d", (int) nodeTag(node));
    }
    return NULL;
}

/*
 * ExecInitExpr -- prepare node for evaluation.  States are allocated in
 * CurrentMemoryContext (the query context); parent receives any SubPlans.
 */
ExprState *
ExecInitExpr(Node *expr, PlanState *parent)
{
    return init_expr(expr, parent);
}

List *
ExecInitExprList(List *exprs, PlanState *parent)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, exprs)
        result = lappend(result, init_expr((Node *) lfirst(lc), parent));
    return result;
}

Datum
ExecEvalExpr(ExprState *state, ExprContext *econtext, bool *isnull)
{
    *isnull = false;
    return state->evalfunc(state, econtext, isnull);
}

Datum
ExecEvalExprSwitchContext(ExprState *state, ExprContext *econtext, bool *isnull)
{
    MemoryContext old = MemoryContextSwitchTo(econtext->per_tuple_memory);
    Datum       result = ExecEvalExpr(state, econtext, isnull);

    MemoryContextSwitchTo(old);
    return result;
}

/* ExecQual -- all clauses true; evaluated in the per-tuple context. */
bool
ExecQual(List *qual, ExprContext *econtext)
{
    MemoryContext old;
    ListCell   *lc;
    bool        result = true;

    if (qual == NIL)
        return true;
    old = MemoryContextSwitchTo(econtext->per_tuple_memory);
    foreach(lc, qual)
    {
        bool        isnull;
        Datum       v = ExecEvalExpr((ExprState *) lfirst(lc), econtext, &isnull);

        if (isnull || !DatumGetBool(v))
        {
            result = false;
            break;
        }
    }
    MemoryContextSwitchTo(old);
    return result;
}

/* ---------------- projection ---------------- */

ProjectionInfo *
ExecBuildProjectionInfo(List *targetlist, ExprContext *econtext, TupleTableSlot *slot,
                        PlanState *parent)
{
    ProjectionInfo *proj = (ProjectionInfo *) palloc0(sizeof(ProjectionInfo));
    ListCell   *lc;
    int         i = 0;

    proj->nexprs = list_length(targetlist);
    proj->exprs = (ExprState **) palloc0(sizeof(ExprState *) * (proj->nexprs + 1));
    foreach(lc, targetlist)
        proj->exprs[i++] = init_expr((Node *) ((TargetEntry *) lfirst(lc))->expr, parent);
    proj->slot = slot;
    proj->econtext = econtext;
    return proj;
}

/*
 * ExecProject -- compute the targetlist into proj->slot.  Values are
 * allocated in the per-tuple context: valid until the node's next row.
 */
TupleTableSlot *
ExecProject(ProjectionInfo *proj)
{
    TupleTableSlot *slot = proj->slot;
    MemoryContext old = MemoryContextSwitchTo(proj->econtext->per_tuple_memory);

    ExecClearTuple(slot);
    for (int i = 0; i < proj->nexprs; i++)
        slot->values[i] = ExecEvalExpr(proj->exprs[i], proj->econtext, &slot->isnull[i]);
    MemoryContextSwitchTo(old);
    /* keep the row's identity when projecting a scan row (UPDATE/DELETE RETURNING) */
    if (proj->econtext->scantuple && !proj->econtext->scantuple->empty)
    {
        slot->tid = proj->econtext->scantuple->tid;
        slot->tableOid = proj->econtext->scantuple->tableOid;
    }
    return ExecStoreVirtualTuple(slot);
}

/* ---------------- set-returning function calls ---------------- */

struct SrfCallState
{
    ExprState  *fstate;         /* FuncExpr state (args, fcinfo) */
    ReturnSetInfo rsinfo;
    MemoryContext argcxt;       /* arguments and the function's cursor */
    bool        retset;
    bool        done;
};

/* SrfCallInit -- call support for a FuncExpr state; contexts under mcxt. */
SrfCallState *
SrfCallInit(ExprState *funcstate, MemoryContext mcxt)
{
    SrfCallState *srf = (SrfCallState *) MemoryContextAllocZero(mcxt, sizeof(SrfCallState));
    Node       *expr = funcstate->expr;

    srf->fstate = funcstate;
    srf->argcxt = MemoryContextCreate(mcxt, "SRF call");
    srf->retset = (IsA(expr, FuncExpr) && ((FuncExpr *) expr)->funcretset) ||
        (IsA(expr, OpExpr) && ((OpExpr *) expr)->opretset);
    srf->done = true;
    return srf;
}

/*
 * SrfCallStart -- evaluate the arguments (in the call's own context, so they
 * survive per-row resets) and reset the function's cursor.  A non-set
 * expression produces its single value.
 */
void
SrfCallStart(SrfCallState *srf, ExprContext *econtext)
{
    ExprState  *fs = srf->fstate;
    MemoryContext old;

    MemoryContextReset(srf->argcxt);
    memset(&srf->rsinfo, 0, sizeof(srf->rsinfo));
    srf->rsinfo.type = T_ReturnSetInfo;
    srf->rsinfo.multi_call_mcxt = srf->argcxt;
    srf->done = false;
    if (!srf->retset)
        return;
    old = MemoryContextSwitchTo(srf->argcxt);
    if (eval_args(fs, econtext))
        srf->done = true;       /* strict SRF with a NULL argument: no rows */
    MemoryContextSwitchTo(old);
    /* keep a copy of the econtext for the non-set case not needed */
}

/*
 * SrfCallNext -- the next value of the set (in CurrentMemoryContext).
 * For a plain expression, econtext of the last SrfCallStart is not kept:
 * the caller passes it through SrfCallStart and the value is computed
 * there, so plain expressions are evaluated by the caller instead (see
 * nodeFunctionscan.c / nodeProjectSet.c, which test SrfCallIsSet()).
 */
bool
SrfCallNext(SrfCallState *srf, Datum *value, bool *isnull)
{
    ExprState  *fs = srf->fstate;
    Datum       v;

    if (srf->done)
        return false;
    Assert(srf->retset);
    fs->fcinfo->isnull = false;
    fs->fcinfo->context = (Node *) &srf->rsinfo;
    v = fs->fn(fs->fcinfo);
    fs->fcinfo->context = NULL;
    if (srf->rsinfo.is_done)
    {
        srf->done = true;
        return false;
    }
    *isnull = fs->fcinfo->isnull;
    *value = v;
    return true;
}

/* Is the call a real set-returning function (else evaluate it as a scalar)? */
bool
SrfCallIsSet(SrfCallState *srf)
{
    return srf->retset;
}
