/*
 * execAggTrans.c
 *     One aggregate's transition machinery, shared by Agg (nodeAgg.c) and
 *     WindowAgg (nodeWindowAgg.c): looking up its transition and final
 *     functions, the initial state, one transition step, the final value.
 * Entry points: AggTransInit(), AggTransStart(), AggTransAdvance(),
 * AggTransFinal() (executor_int.h).
 *
 * Protocol (fmgr.h, AggCallContext): the state lives in the caller's
 * aggregate context (aggcxt).  A strict transition function skips rows
 * with a NULL argument; with a NULL initial value the first non-NULL input
 * becomes the state; once a strict function returned NULL the state stays
 * NULL.  A by-reference state returned in another pointer is copied into
 * aggcxt.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "utils/builtins.h"
#include "utils/elog.h"

static Datum
copy_in(MemoryContext cxt, Datum value, bool byval, int16 len)
{
    MemoryContext old = MemoryContextSwitchTo(cxt);
    Datum       copy = DatumCopy(value, byval, len);

    MemoryContextSwitchTo(old);
    return copy;
}

void
AggTransInit(AggTrans *t, Oid aggfnoid, int nargs, const Oid *argtypes, Oid resulttype,
             MemoryContext fn_mcxt)
{
    const AggInfo *info = AggInfoByFuncId(aggfnoid);
    const FuncInfo *tf;

    if (info == NULL)
        elog(ERROR, "aggregate %u not found", aggfnoid);
    memset(t, 0, sizeof(*t));
    t->info = info;
    tf = FuncInfoById(info->trans_fn);
    if (tf == NULL || tf->fn == NULL)
        elog(ERROR, "transition function %u not found", info->trans_fn);
    t->transfn = tf->fn;
    t->transstrict = tf->strict;
    if (OidIsValid(info->final_fn))
    {
        const FuncInfo *ff = FuncInfoById(info->final_fn);

        if (ff == NULL || ff->fn == NULL)
            elog(ERROR, "final function %u not found", info->final_fn);
        t->finalfn = ff->fn;
        t->finalstrict = ff->strict;
    }
    t->transtype = info->trans_type;
    if (t->transtype == INTERNALOID)
    {
        t->translen = sizeof(void *);
        t->transbyval = true;
    }
    else
    {
        char        align;

        TypeGetLenByvalAlign(t->transtype, &t->translen, &t->transbyval, &align);
    }
    t->initnull = info->init_value == NULL;
    if (!t->initnull)
        t->initvalue = InputFunctionCall(t->transtype, info->init_value, -1);
    t->resulttype = resulttype;
    t->nargs = nargs;
    t->argtypes = (Oid *) palloc0(sizeof(Oid) * (nargs + 2));
    t->argtypes[0] = t->transtype;
    for (int i = 0; i < nargs; i++)
        t->argtypes[i + 1] = argtypes[i];
    t->fcinfo = (FunctionCallInfo) palloc0(SizeForFunctionCallInfo(nargs + 1));
    t->fcinfo->nargs = (short) (nargs + 1);
    t->fcinfo->argtypes = t->argtypes;
    t->fcinfo->fn_oid = info->trans_fn;
    t->fcinfo->fn_extra = &t->fn_extra;
    t->fcinfo->fn_mcxt = fn_mcxt;
    t->fcinfo->result_type = t->transtype;
    t->fcinfo->result_typmod = -1;
}

void
AggTransStart(const AggTrans *t, AggTransState *s, MemoryContext aggcxt)
{
    s->empty = t->initnull;
    s->isnull = t->initnull;
    s->value = t->initnull ? (Datum) 0
        : copy_in(aggcxt, t->initvalue, t->transbyval, t->translen);
}

void
AggTransAdvance(AggTrans *t, AggTransState *s, const Datum *args, const bool *nulls,
                MemoryContext aggcxt)
{
    FunctionCallInfo fcinfo = t->fcinfo;
    AggCallContext actx;
    Datum       newval;

    if (t->transstrict)
    {
        for (int a = 0; a < t->nargs; a++)
            if (nulls[a])
                return;
        if (s->empty)
        {
            /* the first non-NULL input becomes the state (min, max, sum of numeric...) */
            s->value = copy_in(aggcxt, args[0], t->transbyval, t->translen);
            s->isnull = false;
            s->empty = false;
            return;
        }
        if (s->isnull)
            return;             /* a strict function once returned NULL: stays NULL */
    }
    actx.type = T_AggCallContext;
    actx.agg_mcxt = aggcxt;
    fcinfo->context = (Node *) &actx;
    fcinfo->isnull = false;
    fcinfo->args[0].value = s->value;
    fcinfo->args[0].isnull = s->isnull;
    for (int a = 0; a < t->nargs; a++)
    {
        fcinfo->args[a + 1].value = args[a];
        fcinfo->args[a + 1].isnull = nulls[a];
    }
    newval = t->transfn(fcinfo);
    fcinfo->context = NULL;
    if (!t->transbyval && !fcinfo->isnull && DatumGetPointer(newval) != DatumGetPointer(s->value))
        newval = copy_in(aggcxt, newval, false, t->translen);
    s->value = newval;
    s->isnull = fcinfo->isnull;
}

void
AggTransFinal(const AggTrans *t, const AggTransState *s, MemoryContext aggcxt, bool copy_state,
              Datum *value, bool *isnull)
{
    union
    {
        FunctionCallInfoBaseData fcinfo;
        char        space[SizeForFunctionCallInfo(1)];
    }           u;
    AggCallContext actx;
    Oid         types[1];

    if (t->finalfn == NULL)
    {
        *isnull = s->isnull;
        if (s->isnull)
            *value = (Datum) 0;
        else
            *value = copy_state ? DatumCopy(s->value, t->transbyval, t->translen) : s->value;
        return;
    }
    if (t->finalstrict && s->isnull)
    {
        *value = (Datum) 0;
        *isnull = true;
        return;
    }
    memset(&u, 0, sizeof(u));
    types[0] = t->transtype;
    actx.type = T_AggCallContext;
    actx.agg_mcxt = aggcxt;
    u.fcinfo.fn_oid = t->info->final_fn;
    u.fcinfo.context = (Node *) &actx;
    u.fcinfo.nargs = 1;
    u.fcinfo.argtypes = types;
    u.fcinfo.result_type = t->resulttype;
    u.fcinfo.result_typmod = -1;
    u.fcinfo.args[0].value = s->value;
    u.fcinfo.args[0].isnull = s->isnull;
    *value = t->finalfn(&u.fcinfo);
    *isnull = u.fcinfo.isnull;
}
