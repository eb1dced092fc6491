/*
 * date.c
 *     date and time (without time zone): I/O, comparison, arithmetic
 *     (date +/- integer days, date - date, date + time, date +/- interval,
 *     time +/- interval, time - time), casts, make_date.
 *
 * date is int32 days since 2000-01-01 (INT32_MIN/MAX = -infinity /
 * infinity); time is int64 microseconds since midnight, 0 .. 24:00:00.
 */
#include "rustydb.h"

#include <math.h>

#include "datetime_int.h"

/* ---------- date ---------- */

Datum
date_in(RDB_FUNCTION_ARGS)
{
    const char *str = RDB_GETARG_CSTRING(0);
    AdtParsed   r;
    int         jd;

    if (!AdtParseDateTime(str, &r))
        AdtDateTimeSyntaxError("date", str);
    if (r.special)
    {
        if (strcmp(r.special, "infinity") == 0)
            RDB_RETURN_INT32(DATEVAL_NOEND);
        if (strcmp(r.special, "-infinity") == 0)
            RDB_RETURN_INT32(DATEVAL_NOBEGIN);
        if (strcmp(r.special, "epoch") == 0)
            RDB_RETURN_INT32(UNIX_EPOCH_JDATE - POSTGRES_EPOCH_JDATE);
        {
            TimestampTz now = GetCurrentTransactionStartTimestamp();
            int64       local = now + (int64) SessionTimeZoneOffsetAt(now, NULL) * USECS_PER_SEC;
            int         day = (int) floor_div64(local, USECS_PER_DAY);

            if (strcmp(r.special, "tomorrow") == 0)
                day++;
            else if (strcmp(r.special, "yesterday") == 0)
                day--;
            RDB_RETURN_INT32(day);
        }
    }
    if (!r.have_date)
        AdtDateTimeSyntaxError("date", str);
    if (r.out_of_range || r.month_overflow)
        AdtDateTimeRangeError(str, r.month_overflow);
    jd = AdtDate2J(r.tm.year, r.tm.mon, r.tm.mday);
    if (jd < DATETIME_MIN_JULIAN || jd >= DATE_END_JULIAN)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date out of range: \"%s\"", str));
    RDB_RETURN_INT32(jd - POSTGRES_EPOCH_JDATE);
}

Datum
date_out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(AdtEncodeDate(RDB_GETARG_INT32(0)));
}

/*
 * date_recv -- the binary form is the int32 itself; like date_in (and
 * PostgreSQL) accept only +/-infinity and dates in the supported range:
 * anything else would later overflow the Julian-day arithmetic of date_out
 * and friends (found by test/fuzz/fuzz_datum.c).
 */
Datum
date_recv(RDB_FUNCTION_ARGS)
{
    int32       d = (int32) AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 4);

    if (!DATE_NOT_FINITE(d) &&
        ((int64) d + POSTGRES_EPOCH_JDATE < DATETIME_MIN_JULIAN ||
         (int64) d + POSTGRES_EPOCH_JDATE >= DATE_END_JULIAN))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date out of range"));
    RDB_RETURN_INT32(d);
}

Datum
date_send(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, RDB_GETARG_INT32(0), 4);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

#define D(n) ((int64) RDB_GETARG_INT32(n))
#define DATE_CMP(name, op) Datum name(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(D(0) op D(1)); }
DATE_CMP(date_eq, ==)
DATE_CMP(date_ne, !=)
DATE_CMP(date_lt, <)
DATE_CMP(date_le, <=)
DATE_CMP(date_gt, >)
DATE_CMP(date_ge, >=)

Datum date_cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(D(0) < D(1) ? -1 : (D(0) > D(1) ? 1 : 0)); }
Datum date_larger(RDB_FUNCTION_ARGS) { return D(0) >= D(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1); }
Datum date_smaller(RDB_FUNCTION_ARGS) { return D(0) <= D(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1); }

static Datum
date_add_days(int64 d, int64 days)
{
    int64       r = d + days;

    if (DATE_NOT_FINITE((DateADT) d))
        return Int32GetDatum((int32) d);
    if (r + POSTGRES_EPOCH_JDATE < DATETIME_MIN_JULIAN || r + POSTGRES_EPOCH_JDATE >= DATE_END_JULIAN)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("date out of range"));
    return Int32GetDatum((int32) r);
}

Datum date_pli(RDB_FUNCTION_ARGS) { return date_add_days(D(0), RDB_GETARG_INT32(1)); }
Datum integer_pl_date(RDB_FUNCTION_ARGS) { return date_add_days(D(1), RDB_GETARG_INT32(0)); }
Datum date_mii(RDB_FUNCTION_ARGS) { return date_add_days(D(0), -(int64) RDB_GETARG_INT32(1)); }

Datum
date_mi(RDB_FUNCTION_ARGS)
{
    if (DATE_NOT_FINITE((DateADT) D(0)) || DATE_NOT_FINITE((DateADT) D(1)))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("cannot subtract infinite dates"));
    RDB_RETURN_INT32((int32) (D(0) - D(1)));
}

/* date + interval -> timestamp */
Datum
date_pl_interval(RDB_FUNCTION_ARGS)
{
    Timestamp   ts = DATE_NOT_FINITE((DateADT) D(0)) ? (D(0) < 0 ? DT_NOBEGIN : DT_NOEND) : D(0) * USECS_PER_DAY;

    RDB_RETURN_INT64(AdtTimestampPlusInterval(ts, DatumGetIntervalP(RDB_GETARG_DATUM(1)), false));
}

Datum
date_mi_interval(RDB_FUNCTION_ARGS)
{
    Interval   *s = DatumGetIntervalP(RDB_GETARG_DATUM(1));
    Interval    n = {-s->time, -s->day, -s->month};
    Timestamp   ts = DATE_NOT_FINITE((DateADT) D(0)) ? (D(0) < 0 ? DT_NOBEGIN : DT_NOEND) : D(0) * USECS_PER_DAY;

    RDB_RETURN_INT64(AdtTimestampPlusInterval(ts, &n, false));
}

/* date + time -> timestamp */
Datum
datetime_timestamp(RDB_FUNCTION_ARGS)
{
    if (DATE_NOT_FINITE((DateADT) D(0)))
        RDB_RETURN_INT64(D(0) < 0 ? DT_NOBEGIN : DT_NOEND);
    RDB_RETURN_INT64(D(0) * USECS_PER_DAY + RDB_GETARG_INT64(1));
}

Datum
make_date(RDB_FUNCTION_ARGS)
{
    int         y = RDB_GETARG_INT32(0), m = RDB_GETARG_INT32(1), d = RDB_GETARG_INT32(2);
    int         ay = y < 0 ? y + 1 : y;

    if (y == 0 || m < 1 || m > 12 || d < 1 || d > AdtDaysInMonth(ay, m))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date field value out of range: %d-%02d-%02d", y, m, d));
    RDB_RETURN_INT32(AdtDate2J(ay, m, d) - POSTGRES_EPOCH_JDATE);
}

/* date_part(text, date) -> float8 via timestamp */
Datum
date_part_date(RDB_FUNCTION_ARGS)
{
    Datum       ts = DirectFunctionCall1(date_timestamp, RDB_GETARG_DATUM(1));

    return DirectFunctionCall2(timestamp_part, RDB_GETARG_DATUM(0), ts);
}

/* ---------- time ---------- */

static TimeADT
round_time(TimeADT t, int32 typmod)
{
    static const int64 scales[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};

    if (typmod < 0 || typmod >= 6)
        return t;
    return ((t + scales[typmod] / 2) / scales[typmod]) * scales[typmod];
}

Datum
time_in(RDB_FUNCTION_ARGS)
{
    const char *str = RDB_GETARG_CSTRING(0);
    AdtParsed   r;
    int64       t;

    if (!AdtParseDateTime(str, &r) || !r.have_time || (r.special && strcmp(r.special, "now") != 0))
    {
        if (r.special && strcmp(r.special, "now") == 0)
        {
            TimestampTz now = GetCurrentTransactionStartTimestamp();

            RDB_RETURN_INT64(floor_mod64(now + (int64) SessionTimeZoneOffsetAt(now, NULL) * USECS_PER_SEC,
                                         USECS_PER_DAY));
        }
        AdtDateTimeSyntaxError("time without time zone", str);
    }
    if (r.out_of_range)
        AdtDateTimeRangeError(str, false);
    t = (int64) r.tm.hour * USECS_PER_HOUR + (int64) r.tm.min * USECS_PER_MINUTE +
        (int64) r.tm.sec * USECS_PER_SEC + r.tm.usec;
    /* a leap second is 24:00:00 at most: '23:59:60' is, '23:59:60.5' is out of range */
    if (t > USECS_PER_DAY)
        AdtDateTimeRangeError(str, false);
    RDB_RETURN_INT64(round_time(t, RDB_GETARG_INT32(1)));
}

Datum
time_out(RDB_FUNCTION_ARGS)
{
    TimeADT     t = RDB_GETARG_INT64(0);
    StringInfoData out;
    int         hour = (int) (t / USECS_PER_HOUR);
    int         min = (int) ((t / USECS_PER_MINUTE) % 60);
    int         sec = (int) ((t / USECS_PER_SEC) % 60);

    initStringInfo(&out);
    AdtAppendTime(&out, hour, min, sec, (int) (t % USECS_PER_SEC));
    RDB_RETURN_CSTRING(out.data);
}

Datum
time_recv(RDB_FUNCTION_ARGS)
{
    int64       t = AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 8);

    if (t < 0 || t > USECS_PER_DAY)
        ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), errmsg("time out of range"));
    RDB_RETURN_INT64(round_time(t, RDB_GETARG_INT32(1)));
}

Datum
time_send(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, RDB_GETARG_INT64(0), 8);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

Datum
timetypmodin(RDB_FUNCTION_ARGS)
{
    return timestamptypmodin(fcinfo);
}

Datum
timetypmodout(RDB_FUNCTION_ARGS)
{
    int32       t = RDB_GETARG_INT32(0);

    RDB_RETURN_CSTRING(t >= 0 ? psprintf("(%d)", t) : pstrdup(""));
}

Datum
time_scale(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(round_time(RDB_GETARG_INT64(0), RDB_GETARG_INT32(1)));
}

#define T(n) RDB_GETARG_INT64(n)
#define TIME_CMP(name, op) Datum name(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(T(0) op T(1)); }
TIME_CMP(time_eq, ==)
TIME_CMP(time_ne, !=)
TIME_CMP(time_lt, <)
TIME_CMP(time_le, <=)
TIME_CMP(time_gt, >)
TIME_CMP(time_ge, >=)

Datum time_cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(T(0) < T(1) ? -1 : (T(0) > T(1) ? 1 : 0)); }
Datum time_larger(RDB_FUNCTION_ARGS) { return T(0) >= T(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1); }
Datum time_smaller(RDB_FUNCTION_ARGS) { return T(0) <= T(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1); }

Datum
time_mi_time(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(AdtMakeInterval(0, 0, T(0) - T(1)));
}

Datum
time_pl_interval(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(floor_mod64(T(0) + DatumGetIntervalP(RDB_GETARG_DATUM(1))->time, USECS_PER_DAY));
}

Datum
time_mi_interval(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(floor_mod64(T(0) - DatumGetIntervalP(RDB_GETARG_DATUM(1))->time, USECS_PER_DAY));
}

Datum
time_interval(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(AdtMakeInterval(0, 0, T(0)));
}
