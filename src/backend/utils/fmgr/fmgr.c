/*
 * fmgr.c
 *     Helpers for calling SQL-callable C functions from C: direct calls,
 *     type I/O through the built-in catalog, typmod coercion.
 * Entry points: DirectFunctionCall1..3(), InputFunctionCall(),
 * OutputFunctionCall(), ReceiveFunctionCall(), SendFunctionCall(),
 * ApplyTypmod().  See fmgr.h for the calling convention.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "../../catalog/builtin_protos.h"

/* Room for a call frame with up to 3 arguments, on the stack, suitably aligned. */
typedef union SmallCallFrame
{
    char        bytes[SizeForFunctionCallInfo(3)];
    FunctionCallInfoBaseData align_as;
} SmallCallFrame;

static Datum
call_direct(RdbFunction fn, int nargs, const Datum *args, const Oid *argtypes, Oid result_type, int32 typmod)
{
    SmallCallFrame frame;
    FunctionCallInfo fcinfo = (FunctionCallInfo) frame.bytes;
    Datum       result;

    Assert(nargs <= 3);
    memset(&frame, 0, sizeof(frame));
    fcinfo->fn_oid = InvalidOid;
    fcinfo->result_type = result_type;
    fcinfo->result_typmod = typmod;
    fcinfo->argtypes = argtypes;
    fcinfo->nargs = (short) nargs;
    for (int i = 0; i < nargs; i++)
    {
        fcinfo->args[i].value = args[i];
        fcinfo->args[i].isnull = false;
    }
    result = fn(fcinfo);
    if (fcinfo->isnull)
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
                errmsg_internal("function returned NULL in a direct call"));
    return result;
}

Datum
DirectFunctionCall1(RdbFunction fn, Datum arg1)
{
    Datum       args[1] = {arg1};

    return call_direct(fn, 1, args, NULL, InvalidOid, -1);
}

Datum
DirectFunctionCall2(RdbFunction fn, Datum arg1, Datum arg2)
{
    Datum       args[2] = {arg1, arg2};

    return call_direct(fn, 2, args, NULL, InvalidOid, -1);
}

Datum
DirectFunctionCall3(RdbFunction fn, Datum arg1, Datum arg2, Datum arg3)
{
    Datum       args[3] = {arg1, arg2, arg3};

    return call_direct(fn, 3, args, NULL, InvalidOid, -1);
}

static const TypeInfo *
io_type(Oid typid)
{
    const TypeInfo *t = TypeInfoById(typid);

    if (t == NULL)
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("cache lookup failed for type %u", typid));
    return t;
}

/*
 * InputFunctionCall -- parse str as a value of typid with the given typmod
 * (-1 for none).  Array input functions learn their element type from
 * result_type.
 */
Datum
InputFunctionCall(Oid typid, const char *str, int32 typmod)
{
    const TypeInfo *t = io_type(typid);
    Datum       args[2] = {CStringGetDatum(str), Int32GetDatum(typmod)};

    if (t->input == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot accept a value of type %s", t->internal_name));
    return call_direct(t->input, 2, args, NULL, typid, typmod);
}

char *
OutputFunctionCall(Oid typid, Datum value)
{
    const TypeInfo *t = io_type(typid);
    Datum       args[1] = {value};
    Oid         argtypes[1] = {typid};

    if (t->output == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot display a value of type %s", t->internal_name));
    return DatumGetCString(call_direct(t->output, 1, args, argtypes, CSTRINGOID, -1));
}

Datum
ReceiveFunctionCall(Oid typid, StringInfo buf, int32 typmod)
{
    const TypeInfo *t = io_type(typid);
    Datum       args[2] = {PointerGetDatum(buf), Int32GetDatum(typmod)};
    Datum       result;

    if (t->recv == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("no binary input function available for type %s", t->name));
    result = call_direct(t->recv, 2, args, NULL, typid, typmod);
    if (buf->cursor != buf->len)
        ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                errmsg("incorrect binary data format"));
    return result;
}

bytea *
SendFunctionCall(Oid typid, Datum value)
{
    const TypeInfo *t = io_type(typid);
    Datum       args[1] = {value};
    Oid         argtypes[1] = {typid};

    if (t->send == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("no binary output function available for type %s", t->name));
    return (bytea *) DatumGetPointer(call_direct(t->send, 1, args, argtypes, BYTEAOID, -1));
}

Datum
ApplyTypmod(Oid typid, Datum value, int32 typmod, bool explicit_cast)
{
    Datum       args[3] = {value, Int32GetDatum(typmod), BoolGetDatum(explicit_cast)};

    if (typmod < 0)
        return value;
    switch (typid)
    {
        case VARCHAROID:
            return call_direct(varchar, 3, args, NULL, typid, typmod);
        case BPCHAROID:
            return call_direct(bpchar, 3, args, NULL, typid, typmod);
        case NUMERICOID:
            return call_direct(numeric, 2, args, NULL, typid, typmod);
        case TIMESTAMPOID:
        case TIMESTAMPTZOID:
            return call_direct(timestamp_scale, 2, args, NULL, typid, typmod);
        case TIMEOID:
            return call_direct(time_scale, 2, args, NULL, typid, typmod);
        default:
            return value;
    }
}
