/*
 * genseries.c
 *     generate_series() for int4, int8, numeric and timestamp[tz]: the
 *     value-per-call set-returning protocol of fmgr.h (ReturnSetInfo).
 * The cursor lives in rsinfo->state, allocated in multi_call_mcxt.
 */
#include "rustydb.h"

#include "datetime_int.h"

static ReturnSetInfo *
srf_info(FunctionCallInfo fcinfo)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    return rsi;
}

typedef struct IntSeries
{
    int64       current;
    int64       stop;
    int64       step;
    bool        done;
} IntSeries;

static Datum
int_series(FunctionCallInfo fcinfo, bool is_int8)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    IntSeries  *st = rsi->state;
    int64       v;

    if (st == NULL)
    {
        st = MemoryContextAllocZero(rsi->multi_call_mcxt, sizeof(IntSeries));
        st->current = is_int8 ? RDB_GETARG_INT64(0) : RDB_GETARG_INT32(0);
        st->stop = is_int8 ? RDB_GETARG_INT64(1) : RDB_GETARG_INT32(1);
        st->step = RDB_NARGS() > 2 ? (is_int8 ? RDB_GETARG_INT64(2) : RDB_GETARG_INT32(2)) : 1;
        if (st->step == 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("step size cannot equal zero"));
        rsi->state = st;
    }
    if (st->done || (st->step > 0 ? st->current > st->stop : st->current < st->stop))
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    v = st->current;
    /* stop instead of overflowing past the type's range */
    if (ADD_OVERFLOWS(st->current, st->step, &st->current) ||
        (!is_int8 && (st->current > INT32_MAX || st->current < INT32_MIN)))
        st->done = true;
    return is_int8 ? Int64GetDatum(v) : Int32GetDatum((int32) v);
}

Datum generate_series_int4(RDB_FUNCTION_ARGS) { return int_series(fcinfo, false); }
Datum generate_series_int8(RDB_FUNCTION_ARGS) { return int_series(fcinfo, true); }

typedef struct NumericSeries
{
    Numeric     current;
    Numeric     stop;
    Numeric     step;
    int         step_sign;
} NumericSeries;

Datum
generate_series_numeric(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    NumericSeries *st = rsi->state;
    Numeric     v;

    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);
        Numeric     zero = NumericFromInt64(0);

        st = palloc0(sizeof(NumericSeries));
        st->current = DatumGetNumeric(DatumCopy(RDB_GETARG_DATUM(0), false, -1));
        st->stop = DatumGetNumeric(DatumCopy(RDB_GETARG_DATUM(1), false, -1));
        st->step = RDB_NARGS() > 2 ? DatumGetNumeric(DatumCopy(RDB_GETARG_DATUM(2), false, -1))
            : NumericFromInt64(1);
        MemoryContextSwitchTo(old);
        if (NumericIsNaN(st->current) || NumericIsNaN(st->stop) || NumericIsNaN(st->step))
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("%s value cannot be NaN", NumericIsNaN(st->step) ? "step size" :
                           NumericIsNaN(st->current) ? "start" : "stop"));
        st->step_sign = NumericCompare(st->step, zero);
        if (st->step_sign == 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("step size cannot equal zero"));
        rsi->state = st;
    }
    if (st->step_sign > 0 ? NumericCompare(st->current, st->stop) > 0 : NumericCompare(st->current, st->stop) < 0)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    v = DatumGetNumeric(DatumCopy(NumericGetDatum(st->current), false, -1));
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);

        st->current = NumericAdd(st->current, st->step);
        MemoryContextSwitchTo(old);
    }
    RDB_RETURN_POINTER(v);
}

typedef struct TimestampSeries
{
    Timestamp   current;
    Timestamp   stop;
    Interval    step;
    int         step_sign;
    bool        done;
} TimestampSeries;

static Datum
timestamp_series(FunctionCallInfo fcinfo, bool with_tz)
{
    ReturnSetInfo *rsi = srf_info(fcinfo);
    TimestampSeries *st = rsi->state;
    Timestamp   v;

    if (st == NULL)
    {
        Interval   *step = DatumGetIntervalP(RDB_GETARG_DATUM(2));
        int64       span = IntervalToMicros(step);

        st = MemoryContextAllocZero(rsi->multi_call_mcxt, sizeof(TimestampSeries));
        st->current = RDB_GETARG_INT64(0);
        st->stop = RDB_GETARG_INT64(1);
        st->step = *step;
        st->step_sign = span > 0 ? 1 : (span < 0 ? -1 : 0);
        if (st->step_sign == 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("step size cannot equal zero"));
        rsi->state = st;
    }
    if (st->done || (st->step_sign > 0 ? st->current > st->stop : st->current < st->stop))
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    v = st->current;
    if (TIMESTAMP_NOT_FINITE(v))
        st->done = true;
    else
        st->current = AdtTimestampPlusInterval(v, &st->step, with_tz);
    RDB_RETURN_INT64(v);
}

Datum generate_series_timestamp(RDB_FUNCTION_ARGS) { return timestamp_series(fcinfo, false); }
Datum generate_series_timestamptz(RDB_FUNCTION_ARGS) { return timestamp_series(fcinfo, true); }
