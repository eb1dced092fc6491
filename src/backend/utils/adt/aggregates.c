/*
 * aggregates.c
 *     Transition and final functions of the built-in aggregates: count,
 *     sum, avg, string_agg (min/max use the types' larger/smaller functions,
 *     bool_and/bool_or live in bool.c, array_agg in arrayfuncs.c).
 *
 * Protocol: see AggCallContext in fmgr.h.  Running sums that can exceed
 * int64 (sum/avg of int8) use an internal state with an __int128
 * accumulator; avg of int2/int4 also uses it.  numeric sums keep a Numeric
 * in the aggregate context.
 */
#include "rustydb.h"

#include <math.h>

#include "adt_int.h"

MemoryContext
AdtAggContext(FunctionCallInfo fcinfo)
{
    if (fcinfo->context == NULL || nodeTag(fcinfo->context) != T_AggCallContext)
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
                errmsg_internal("aggregate function called in non-aggregate context"));
    return ((AggCallContext *) fcinfo->context)->agg_mcxt;
}

Datum
aggregate_dummy(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
            errmsg_internal("aggregate function called as normal function"));
    RDB_RETURN_NULL();
}

/* ---------- count ---------- */

/* count(*): state int8, init 0 */
Datum
int8inc(RDB_FUNCTION_ARGS)
{
    int64       r;

    if (ADD_OVERFLOWS(RDB_GETARG_INT64(0), (int64) 1, &r))
        AdtIntOutOfRange("bigint");
    RDB_RETURN_INT64(r);
}

/* count(any): non-strict so any type is accepted; NULLs are not counted */
Datum
int8inc_any(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(1))
        return RDB_GETARG_DATUM(0);
    return int8inc(fcinfo);
}

/* ---------- sum(int2/int4) -> int8: state int8, init NULL, non-strict ---------- */

static Datum
int_sum(FunctionCallInfo fcinfo, int64 v)
{
    int64       r;

    if (RDB_ARGISNULL(0))
        RDB_RETURN_INT64(v);
    if (ADD_OVERFLOWS(RDB_GETARG_INT64(0), v, &r))
        AdtIntOutOfRange("bigint");
    RDB_RETURN_INT64(r);
}

Datum
int2_sum(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(1))
    {
        if (RDB_ARGISNULL(0))
            RDB_RETURN_NULL();
        return RDB_GETARG_DATUM(0);
    }
    return int_sum(fcinfo, RDB_GETARG_INT16(1));
}

Datum
int4_sum(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(1))
    {
        if (RDB_ARGISNULL(0))
            RDB_RETURN_NULL();
        return RDB_GETARG_DATUM(0);
    }
    return int_sum(fcinfo, RDB_GETARG_INT32(1));
}

/* ---------- integer accumulators: sum(int8) -> numeric, avg(int*) -> numeric ---------- */

typedef struct IntAccumState
{
    __int128    sum;
    int64       count;
} IntAccumState;

static Datum
int_accum(FunctionCallInfo fcinfo, int64 v)
{
    IntAccumState *st = RDB_ARGISNULL(0) ? NULL : (IntAccumState *) RDB_GETARG_POINTER(0);

    if (st == NULL)
        st = MemoryContextAllocZero(AdtAggContext(fcinfo), sizeof(IntAccumState));
    st->sum += v;
    st->count++;
    RDB_RETURN_POINTER(st);
}

#define INT_ACCUM(name, GET) \
Datum name(RDB_FUNCTION_ARGS) \
{ \
    if (RDB_ARGISNULL(1)) \
    { \
        if (RDB_ARGISNULL(0)) \
            RDB_RETURN_NULL(); \
        return RDB_GETARG_DATUM(0); \
    } \
    return int_accum(fcinfo, (int64) GET(1)); \
}
INT_ACCUM(int2_accum, RDB_GETARG_INT16)
INT_ACCUM(int4_accum, RDB_GETARG_INT32)
INT_ACCUM(int8_accum, RDB_GETARG_INT64)

Datum
int_accum_sum(RDB_FUNCTION_ARGS)
{
    IntAccumState *st = (IntAccumState *) RDB_GETARG_POINTER(0);

    RDB_RETURN_POINTER(AdtNumericFromInt128(st->sum));
}

Datum
int_accum_avg(RDB_FUNCTION_ARGS)
{
    IntAccumState *st = (IntAccumState *) RDB_GETARG_POINTER(0);

    if (st->count == 0)
        RDB_RETURN_NULL();
    RDB_RETURN_POINTER(NumericDiv(AdtNumericFromInt128(st->sum), NumericFromInt64(st->count)));
}

/* ---------- numeric sum / avg ---------- */

typedef struct NumericAccumState
{
    Numeric     sum;            /* in the aggregate context */
    int64       count;
} NumericAccumState;

Datum
numeric_accum(RDB_FUNCTION_ARGS)
{
    NumericAccumState *st = RDB_ARGISNULL(0) ? NULL : (NumericAccumState *) RDB_GETARG_POINTER(0);
    MemoryContext aggcxt;
    MemoryContext old;
    Numeric     sum;

    if (RDB_ARGISNULL(1))
    {
        if (st == NULL)
            RDB_RETURN_NULL();
        RDB_RETURN_POINTER(st);
    }
    aggcxt = AdtAggContext(fcinfo);
    if (st == NULL)
        st = MemoryContextAllocZero(aggcxt, sizeof(NumericAccumState));
    sum = st->sum ? NumericAdd(st->sum, DatumGetNumeric(RDB_GETARG_DATUM(1)))
        : DatumGetNumeric(RDB_GETARG_DATUM(1));
    old = MemoryContextSwitchTo(aggcxt);
    {
        Numeric     copy = palloc(VARSIZE(sum));

        memcpy(copy, sum, VARSIZE(sum));
        if (st->sum)
            pfree(st->sum);
        st->sum = copy;
    }
    MemoryContextSwitchTo(old);
    st->count++;
    RDB_RETURN_POINTER(st);
}

Datum
numeric_accum_sum(RDB_FUNCTION_ARGS)
{
    NumericAccumState *st = (NumericAccumState *) RDB_GETARG_POINTER(0);
    Numeric     copy = palloc(VARSIZE(st->sum));

    memcpy(copy, st->sum, VARSIZE(st->sum));
    RDB_RETURN_POINTER(copy);
}

Datum
numeric_accum_avg(RDB_FUNCTION_ARGS)
{
    NumericAccumState *st = (NumericAccumState *) RDB_GETARG_POINTER(0);

    RDB_RETURN_POINTER(NumericDiv(st->sum, NumericFromInt64(st->count)));
}

/* ---------- float sum / avg ---------- */

typedef struct FloatAccumState
{
    double      sum;
    int64       count;
} FloatAccumState;

static Datum
float_accum(FunctionCallInfo fcinfo, double v)
{
    FloatAccumState *st = RDB_ARGISNULL(0) ? NULL : (FloatAccumState *) RDB_GETARG_POINTER(0);
    double      s;

    if (st == NULL)
        st = MemoryContextAllocZero(AdtAggContext(fcinfo), sizeof(FloatAccumState));
    s = st->sum + v;
    if (isinf(s) && !isinf(st->sum) && !isinf(v))
        AdtFloatOverflow();
    st->sum = s;
    st->count++;
    RDB_RETURN_POINTER(st);
}

Datum
float8_accum(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(1))
    {
        if (RDB_ARGISNULL(0))
            RDB_RETURN_NULL();
        return RDB_GETARG_DATUM(0);
    }
    return float_accum(fcinfo, RDB_GETARG_FLOAT8(1));
}

Datum
float4_accum(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(1))
    {
        if (RDB_ARGISNULL(0))
            RDB_RETURN_NULL();
        return RDB_GETARG_DATUM(0);
    }
    return float_accum(fcinfo, RDB_GETARG_FLOAT4(1));
}

Datum
float8_accum_sum(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_FLOAT8(((FloatAccumState *) RDB_GETARG_POINTER(0))->sum);
}

Datum
float4_accum_sum(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_FLOAT4((float) ((FloatAccumState *) RDB_GETARG_POINTER(0))->sum);
}

Datum
float8_avg(RDB_FUNCTION_ARGS)
{
    FloatAccumState *st = (FloatAccumState *) RDB_GETARG_POINTER(0);

    RDB_RETURN_FLOAT8(st->sum / (double) st->count);
}

/* ---------- string_agg(text, text) ---------- */

typedef struct StringAggState
{
    StringInfoData buf;         /* data in the aggregate context */
    bool        started;
} StringAggState;

/* Non-strict: NULL values are skipped; a NULL delimiter counts as empty. */
Datum
string_agg_transfn(RDB_FUNCTION_ARGS)
{
    StringAggState *st = RDB_ARGISNULL(0) ? NULL : (StringAggState *) RDB_GETARG_POINTER(0);

    if (RDB_ARGISNULL(1))
    {
        if (st == NULL)
            RDB_RETURN_NULL();
        RDB_RETURN_POINTER(st);
    }
    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(AdtAggContext(fcinfo));

        st = palloc0(sizeof(StringAggState));
        initStringInfo(&st->buf);
        MemoryContextSwitchTo(old);
    }
    {
        MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(st));
        text       *v = RDB_GETARG_TEXT_P(1);

        if (st->started && !RDB_ARGISNULL(2))
        {
            text       *d = RDB_GETARG_TEXT_P(2);

            appendBinaryStringInfo(&st->buf, VARDATA(d), (int) VARSIZE_EXHDR(d));
        }
        appendBinaryStringInfo(&st->buf, VARDATA(v), (int) VARSIZE_EXHDR(v));
        st->started = true;
        MemoryContextSwitchTo(old);
    }
    RDB_RETURN_POINTER(st);
}

Datum
string_agg_finalfn(RDB_FUNCTION_ARGS)
{
    StringAggState *st = (StringAggState *) RDB_GETARG_POINTER(0);

    RDB_RETURN_TEXT_P(cstring_to_text_with_len(st->buf.data, st->buf.len));
}
