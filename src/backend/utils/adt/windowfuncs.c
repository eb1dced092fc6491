/*
 * windowfuncs.c
 *     The built-in window functions: row_number, rank, dense_rank,
 *     percent_rank, cume_dist, ntile, lag, lead, first_value, last_value,
 *     nth_value.  Aggregates used as window functions are computed by the
 *     WindowAgg node itself.
 *
 * Protocol: executor/windowapi.h.  Ranking functions work from the current
 * row's position and peer group; lag/lead look at the partition, the
 * *_value functions at the current row's frame.
 */
#include "rustydb.h"

#include "adt_int.h"
#include "executor/windowapi.h"

static WindowObject
window_object(FunctionCallInfo fcinfo)
{
    WindowObject w = WinGetObject(fcinfo);

    if (w == NULL)
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
                errmsg_internal("window function called in non-window context"));
    return w;
}

Datum
window_row_number(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(WinGetCurrentPosition(window_object(fcinfo)) + 1);
}

/* rank: 1 + the number of rows before the current row's peer group */
Datum
window_rank(RDB_FUNCTION_ARGS)
{
    int64       start;
    int64       end;

    WinGetCurrentPeerGroup(window_object(fcinfo), &start, &end);
    RDB_RETURN_INT64(start + 1);
}

/* dense_rank: the number of peer groups so far (rows arrive in order) */
typedef struct DenseRankState
{
    int64       groups;
    int64       last_start;     /* start of the last peer group counted, + 1 */
} DenseRankState;

Datum
window_dense_rank(RDB_FUNCTION_ARGS)
{
    WindowObject w = window_object(fcinfo);
    DenseRankState *st = WinGetPartitionLocalMemory(w, sizeof(DenseRankState));
    int64       start;
    int64       end;

    WinGetCurrentPeerGroup(w, &start, &end);
    if (st->last_start != start + 1)
    {
        st->groups++;
        st->last_start = start + 1;
    }
    RDB_RETURN_INT64(st->groups);
}

/* percent_rank: (rank - 1) / (rows - 1), 0 for a single row */
Datum
window_percent_rank(RDB_FUNCTION_ARGS)
{
    WindowObject w = window_object(fcinfo);
    int64       n = WinGetPartitionRowCount(w);
    int64       start;
    int64       end;

    WinGetCurrentPeerGroup(w, &start, &end);
    if (n <= 1)
        RDB_RETURN_FLOAT8(0.0);
    RDB_RETURN_FLOAT8((double) start / (double) (n - 1));
}

/* cume_dist: rows up to the last peer of the current row / rows */
Datum
window_cume_dist(RDB_FUNCTION_ARGS)
{
    WindowObject w = window_object(fcinfo);
    int64       n = WinGetPartitionRowCount(w);
    int64       start;
    int64       end;

    WinGetCurrentPeerGroup(w, &start, &end);
    RDB_RETURN_FLOAT8((double) end / (double) n);
}

/*
 * ntile(k): the bucket of the current row when the partition's rows are
 * split into k buckets as equal as possible, the larger ones first.  k is
 * read on the partition's first row (as PostgreSQL).
 */
typedef struct NtileState
{
    bool        evaluated;
    bool        isnull;
    int32       buckets;
} NtileState;

Datum
window_ntile(RDB_FUNCTION_ARGS)
{
    WindowObject w = window_object(fcinfo);
    NtileState *st = WinGetPartitionLocalMemory(w, sizeof(NtileState));
    int64       n;
    int64       pos;
    int64       base;
    int64       rem;
    int64       large;

    if (!st->evaluated)
    {
        Datum       v = WinGetFuncArgCurrent(w, 0, &st->isnull);

        if (!st->isnull)
        {
            st->buckets = DatumGetInt32(v);
            if (st->buckets <= 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_NTILE),
                        errmsg("argument of ntile must be greater than zero"));
        }
        st->evaluated = true;
    }
    if (st->isnull)
        RDB_RETURN_NULL();
    n = WinGetPartitionRowCount(w);
    pos = WinGetCurrentPosition(w);
    base = n / st->buckets;
    rem = n % st->buckets;
    large = rem * (base + 1);   /* rows in the first rem buckets of base + 1 rows */
    if (pos < large)
        RDB_RETURN_INT32((int32) (pos / (base + 1) + 1));
    RDB_RETURN_INT32((int32) (rem + (pos - large) / base + 1));
}

/*
 * lag/lead(value [, offset [, default]]): value on the row offset rows
 * before/after the current one; default (or NULL) outside the partition;
 * NULL when the offset is NULL.
 */
static Datum
lag_lead(FunctionCallInfo fcinfo, bool forward, bool has_offset, bool has_default)
{
    WindowObject w = window_object(fcinfo);
    int64       offset = 1;
    bool        isnull;
    bool        isout;
    Datum       result;

    if (has_offset)
    {
        Datum       o = WinGetFuncArgCurrent(w, 1, &isnull);

        if (isnull)
            RDB_RETURN_NULL();
        offset = DatumGetInt32(o);
    }
    result = WinGetFuncArgInPartition(w, 0, forward ? offset : -offset, WINDOW_SEEK_CURRENT,
                                      &isnull, &isout);
    if (isout)
    {
        if (has_default)
            result = WinGetFuncArgCurrent(w, 2, &isnull);
        else
            isnull = true;
    }
    if (isnull)
        RDB_RETURN_NULL();
    return result;
}

Datum
window_lag(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, false, false, false);
}

Datum
window_lag_with_offset(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, false, true, false);
}

Datum
window_lag_with_offset_and_default(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, false, true, true);
}

Datum
window_lead(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, true, false, false);
}

Datum
window_lead_with_offset(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, true, true, false);
}

Datum
window_lead_with_offset_and_default(RDB_FUNCTION_ARGS)
{
    return lag_lead(fcinfo, true, true, true);
}

static Datum
frame_value(FunctionCallInfo fcinfo, int64 relpos, int seektype)
{
    WindowObject w = window_object(fcinfo);
    bool        isnull;
    bool        isout;
    Datum       result = WinGetFuncArgInFrame(w, 0, relpos, seektype, &isnull, &isout);

    if (isout || isnull)
        RDB_RETURN_NULL();
    return result;
}

Datum
window_first_value(RDB_FUNCTION_ARGS)
{
    return frame_value(fcinfo, 0, WINDOW_SEEK_HEAD);
}

Datum
window_last_value(RDB_FUNCTION_ARGS)
{
    return frame_value(fcinfo, 0, WINDOW_SEEK_TAIL);
}

/* nth_value(value, n): value on the frame's n-th row (1-based), NULL past its end */
Datum
window_nth_value(RDB_FUNCTION_ARGS)
{
    WindowObject w = window_object(fcinfo);
    bool        isnull;
    Datum       nth = WinGetFuncArgCurrent(w, 1, &isnull);
    int32       n;

    if (isnull)
        RDB_RETURN_NULL();
    n = DatumGetInt32(nth);
    if (n <= 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_NTH_VALUE),
                errmsg("argument of nth_value must be greater than zero"));
    return frame_value(fcinfo, (int64) n - 1, WINDOW_SEEK_HEAD);
}
