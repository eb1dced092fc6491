/*
 * timestamp.c
 *     timestamp and timestamptz: I/O, typmod (fractional-second precision),
 *     comparison (also across timestamp/timestamptz/date), arithmetic with
 *     intervals, casts, the clock functions (now(), clock_timestamp(), ...)
 *     and extract/date_part/date_trunc/age.
 *
 * Both types are int64 microseconds since 2000-01-01 00:00:00; for
 * timestamptz that instant is UTC and display converts to the session
 * zone.  now()/current_timestamp are stable within a transaction: they
 * read the transaction start time set by xact.c through
 * SetCurrentTransactionStartTimestamp().
 */
#include "rustydb.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>
#include <time.h>

#include "datetime_int.h"

static TimestampTz xact_start_ts = 0;
static bool xact_start_set = false;
static TimestampTz stmt_start_ts = 0;
static bool stmt_start_set = false;

/* ---------- clock ---------- */

TimestampTz
GetCurrentTimestamp(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return TimestampTzFromUnixMicros((int64) ts.tv_sec * USECS_PER_SEC + ts.tv_nsec / 1000);
}

/* If the transaction code never set it (tools, unit tests): the wall clock. */
TimestampTz
GetCurrentTransactionStartTimestamp(void)
{
    return xact_start_set ? xact_start_ts : GetCurrentTimestamp();
}

void
SetCurrentTransactionStartTimestamp(TimestampTz ts)
{
    xact_start_ts = ts;
    xact_start_set = true;
}

TimestampTz
GetCurrentStatementStartTimestamp(void)
{
    return stmt_start_set ? stmt_start_ts : GetCurrentTimestamp();
}

void
SetCurrentStatementStartTimestamp(TimestampTz ts)
{
    stmt_start_ts = ts;
    stmt_start_set = true;
}

TimestampTz
TimestampTzFromUnixMicros(int64 unix_usecs)
{
    return unix_usecs - EPOCH_DIFF_SECS * USECS_PER_SEC;
}

int64
TimestampTzToUnixMicros(TimestampTz ts)
{
    return ts + EPOCH_DIFF_SECS * USECS_PER_SEC;
}

double
TimestampTzToUnixSeconds(TimestampTz ts)
{
    return (double) TimestampTzToUnixMicros(ts) / 1e6;
}

int64
TimestampDifferenceMicros(TimestampTz start, TimestampTz stop)
{
    return stop - start;
}

/* ---------- parsing / output ---------- */

static Timestamp
midnight_local_today(int day_offset)
{
    TimestampTz now = GetCurrentTransactionStartTimestamp();
    AdtTm       tm;
    Timestamp   local;

    AdtTimestampTzToTm(now, &tm);
    tm.hour = tm.min = tm.sec = tm.usec = 0;
    AdtTm2Timestamp(&tm, &local);
    return local + day_offset * USECS_PER_DAY;
}

/*
 * AdtParseTimestamp -- text -> timestamp (local wall time) or timestamptz
 * (UTC instant).  Errors: 22007 syntax, 22008 range, 22023 unknown zone.
 */
Timestamp
AdtParseTimestamp(const char *str, bool with_tz, const char *type_name)
{
    AdtParsed   r;
    Timestamp   local;

    if (!AdtParseDateTime(str, &r))
        AdtDateTimeSyntaxError(type_name, str);
    if (r.special)
    {
        if (strcmp(r.special, "infinity") == 0)
            return DT_NOEND;
        if (strcmp(r.special, "-infinity") == 0)
            return DT_NOBEGIN;
        if (strcmp(r.special, "epoch") == 0)
            return with_tz ? TimestampTzFromUnixMicros(0) : -EPOCH_DIFF_SECS * USECS_PER_SEC;
        if (strcmp(r.special, "now") == 0)
        {
            TimestampTz now = GetCurrentTransactionStartTimestamp();

            if (with_tz)
                return now;
            return now + (int64) SessionTimeZoneOffsetAt(now, NULL) * USECS_PER_SEC;
        }
        local = midnight_local_today(strcmp(r.special, "today") == 0 ? 0 :
                                     strcmp(r.special, "tomorrow") == 0 ? 1 : -1);
        if (r.have_time)
            local += (int64) r.tm.hour * USECS_PER_HOUR + (int64) r.tm.min * USECS_PER_MINUTE +
                (int64) r.tm.sec * USECS_PER_SEC + r.tm.usec;
        return with_tz ? AdtLocalToUtc(local) : local;
    }
    if (!r.have_date)
        AdtDateTimeSyntaxError(type_name, str);
    if (r.out_of_range || r.month_overflow)
        AdtDateTimeRangeError(str, r.month_overflow);
    if (!AdtTm2Timestamp(&r.tm, &local))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("timestamp out of range: \"%s\"", str));
    if (!with_tz)
    {
        if (r.zone_name != NULL)
        {
            int         off;

            if (!AdtZoneOffsetForName(r.zone_name, local, &off))
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("time zone \"%s\" not recognized", r.zone_name));
        }
        return local;
    }
    if (r.zone_name != NULL)
    {
        int         off;

        if (!AdtZoneOffsetForName(r.zone_name, local, &off))
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("time zone \"%s\" not recognized", r.zone_name));
        return local - (int64) off * USECS_PER_SEC;
    }
    if (r.have_tz)
        return local - (int64) r.tm.tz_offset * USECS_PER_SEC;
    return AdtLocalToUtc(local);
}

/* Round to typmod fractional digits (0..6); -1 = unchanged. */
static Timestamp
round_timestamp(Timestamp ts, int32 typmod)
{
    static const int64 scales[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
    int64       s;

    if (typmod < 0 || typmod >= 6 || TIMESTAMP_NOT_FINITE(ts))
        return ts;
    s = scales[typmod];
    if (ts >= 0)
        return ((ts + s / 2) / s) * s;
    return -(((-ts + s / 2) / s) * s);
}

Datum
timestamp_in(RDB_FUNCTION_ARGS)
{
    Timestamp   ts = AdtParseTimestamp(RDB_GETARG_CSTRING(0), false, "timestamp");

    RDB_RETURN_INT64(round_timestamp(ts, RDB_GETARG_INT32(1)));
}

Datum
timestamptz_in(RDB_FUNCTION_ARGS)
{
    TimestampTz ts = AdtParseTimestamp(RDB_GETARG_CSTRING(0), true, "timestamp with time zone");

    RDB_RETURN_INT64(round_timestamp(ts, RDB_GETARG_INT32(1)));
}

Datum
timestamp_out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(AdtEncodeTimestamp(RDB_GETARG_INT64(0), false));
}

Datum
timestamptz_out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(AdtEncodeTimestamp(RDB_GETARG_INT64(0), true));
}

/* As PostgreSQL: only +/-infinity and the valid range (test/fuzz/fuzz_datum.c). */
Datum
timestamp_recv(RDB_FUNCTION_ARGS)
{
    Timestamp   ts = AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 8);

    if (!TIMESTAMP_NOT_FINITE(ts) && (ts < MIN_TIMESTAMP || ts >= END_TIMESTAMP))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("timestamp out of range"));
    RDB_RETURN_INT64(round_timestamp(ts, RDB_GETARG_INT32(1)));
}

Datum
timestamptz_recv(RDB_FUNCTION_ARGS)
{
    return timestamp_recv(fcinfo);
}

Datum
timestamp_send(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, RDB_GETARG_INT64(0), 8);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

Datum
timestamptz_send(RDB_FUNCTION_ARGS)
{
    return timestamp_send(fcinfo);
}

Datum
timestamptypmodin(RDB_FUNCTION_ARGS)
{
    Datum      *values;
    bool       *nulls;
    int         n;
    int32       p;

    ArrayDeconstruct((ArrayType *) RDB_GETARG_POINTER(0), &values, &nulls, &n);
    if (n != 1 || nulls[0])
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid type modifier"));
    p = DatumGetInt32(values[0]);
    if (p < 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("TIMESTAMP(%d) precision must not be negative", p));
    if (p > 6)
    {
        ereport(WARNING, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("TIMESTAMP(%d) precision reduced to maximum allowed, %d", p, 6));
        p = 6;
    }
    RDB_RETURN_INT32(p);
}

Datum
timestamptypmodout(RDB_FUNCTION_ARGS)
{
    int32       t = RDB_GETARG_INT32(0);

    RDB_RETURN_CSTRING(t >= 0 ? psprintf("(%d) without time zone", t) : pstrdup(" without time zone"));
}

Datum
timestamptztypmodout(RDB_FUNCTION_ARGS)
{
    int32       t = RDB_GETARG_INT32(0);

    RDB_RETURN_CSTRING(t >= 0 ? psprintf("(%d) with time zone", t) : pstrdup(" with time zone"));
}

/* timestamp_scale(ts, typmod): length-coercion cast for timestamp(p)/timestamptz(p) */
Datum
timestamp_scale(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(round_timestamp(RDB_GETARG_INT64(0), RDB_GETARG_INT32(1)));
}

/* ---------- comparison ---------- */

static inline int
cmp64(int64 a, int64 b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

#define TS_CMP(prefix, A, B) \
Datum prefix##_eq(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) == 0); } \
Datum prefix##_ne(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) != 0); } \
Datum prefix##_lt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) < 0); } \
Datum prefix##_le(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) <= 0); } \
Datum prefix##_gt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) > 0); } \
Datum prefix##_ge(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(cmp64(A(0), B(1)) >= 0); } \
Datum prefix##_cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(cmp64(A(0), B(1))); }

static inline TimestampTz
ts_to_tz(Timestamp ts)
{
    return TIMESTAMP_NOT_FINITE(ts) ? ts : AdtLocalToUtc(ts);
}

static inline Timestamp
date_to_ts(DateADT d)
{
    if (d == DATEVAL_NOBEGIN)
        return DT_NOBEGIN;
    if (d == DATEVAL_NOEND)
        return DT_NOEND;
    return (int64) d * USECS_PER_DAY;
}

#define TS(n) RDB_GETARG_INT64(n)
#define TS_AS_TZ(n) ts_to_tz(RDB_GETARG_INT64(n))
#define DATE_AS_TS(n) date_to_ts(RDB_GETARG_INT32(n))
#define DATE_AS_TZ(n) ts_to_tz(date_to_ts(RDB_GETARG_INT32(n)))

TS_CMP(timestamp, TS, TS)
TS_CMP(timestamp_tz, TS_AS_TZ, TS)
TS_CMP(tz_timestamp, TS, TS_AS_TZ)
TS_CMP(date_timestamp, DATE_AS_TS, TS)
TS_CMP(timestamp_date, TS, DATE_AS_TS)
TS_CMP(date_timestamptz, DATE_AS_TZ, TS)
TS_CMP(timestamptz_date, TS, DATE_AS_TZ)

Datum
timestamp_larger(RDB_FUNCTION_ARGS)
{
    return TS(0) >= TS(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
timestamp_smaller(RDB_FUNCTION_ARGS)
{
    return TS(0) <= TS(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

/* ---------- arithmetic ---------- */

static RDB_NORETURN void
ts_out_of_range(void)
{
    ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("timestamp out of range"));
    rdb_unreachable();
}

/*
 * AdtTimestampPlusInterval -- add months (clamping the day to the month's
 * end), then days, then microseconds.  For timestamptz the month/day steps
 * happen in session-local time, as PostgreSQL does.
 */
Timestamp
AdtTimestampPlusInterval(Timestamp ts, const Interval *span, bool with_tz)
{
    AdtTm       tm;
    Timestamp   local;
    int64       r;

    if (TIMESTAMP_NOT_FINITE(ts))
        return ts;
    if (span->month != 0 || span->day != 0)
    {
        int         off = 0;

        if (with_tz)
        {
            AdtTimestampTzToTm(ts, &tm);
            off = tm.tz_offset;
        }
        else
            AdtTimestamp2Tm(ts, &tm);
        if (span->month != 0)
        {
            int64       months = (int64) tm.year * 12 + (tm.mon - 1) + span->month;

            tm.year = (int) floor_div64(months, 12);
            tm.mon = (int) floor_mod64(months, 12) + 1;
            if (tm.mday > AdtDaysInMonth(tm.year, tm.mon))
                tm.mday = AdtDaysInMonth(tm.year, tm.mon);
        }
        if (span->day != 0)
        {
            int         jd = AdtDate2J(tm.year, tm.mon, tm.mday) + span->day;

            AdtJ2Date(jd, &tm.year, &tm.mon, &tm.mday);
        }
        if (!AdtTm2Timestamp(&tm, &local))
            ts_out_of_range();
        ts = with_tz ? AdtLocalToUtc(local) : local;
        (void) off;
    }
    if (ADD_OVERFLOWS(ts, span->time, &r) || r < MIN_TIMESTAMP || r >= END_TIMESTAMP)
        ts_out_of_range();
    return r;
}

#define IV(n) DatumGetIntervalP(RDB_GETARG_DATUM(n))

static Interval
negate_interval(const Interval *s)
{
    Interval    r;

    r.month = -s->month;
    r.day = -s->day;
    r.time = -s->time;
    return r;
}

Datum timestamp_pl_interval(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(0), IV(1), false)); }
Datum timestamptz_pl_interval(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(0), IV(1), true)); }
Datum interval_pl_timestamp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(1), IV(0), false)); }
Datum interval_pl_timestamptz(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(1), IV(0), true)); }

Datum
timestamp_mi_interval(RDB_FUNCTION_ARGS)
{
    Interval    n = negate_interval(IV(1));

    RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(0), &n, false));
}

Datum
timestamptz_mi_interval(RDB_FUNCTION_ARGS)
{
    Interval    n = negate_interval(IV(1));

    RDB_RETURN_INT64(AdtTimestampPlusInterval(TS(0), &n, true));
}

/* timestamp - timestamp: days and time (justify_hours), no months */
Datum
timestamp_mi(RDB_FUNCTION_ARGS)
{
    int64       a = TS(0), b = TS(1), diff;

    if (TIMESTAMP_NOT_FINITE(a) || TIMESTAMP_NOT_FINITE(b))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("cannot subtract infinite timestamps"));
    if (SUB_OVERFLOWS(a, b, &diff))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("interval out of range"));
    RDB_RETURN_POINTER(AdtMakeInterval(0, (int32) (diff / USECS_PER_DAY), diff % USECS_PER_DAY));
}

/* ---------- casts ---------- */

Datum timestamp_timestamptz(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(ts_to_tz(TS(0))); }

Datum
timestamptz_timestamp(RDB_FUNCTION_ARGS)
{
    TimestampTz t = TS(0);

    if (TIMESTAMP_NOT_FINITE(t))
        RDB_RETURN_INT64(t);
    RDB_RETURN_INT64(t + (int64) SessionTimeZoneOffsetAt(t, NULL) * USECS_PER_SEC);
}

Datum date_timestamp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(DATE_AS_TS(0)); }
Datum date_timestamptz(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(DATE_AS_TZ(0)); }

static DateADT
ts_to_date(Timestamp ts)
{
    if (ts == DT_NOBEGIN)
        return DATEVAL_NOBEGIN;
    if (ts == DT_NOEND)
        return DATEVAL_NOEND;
    return (DateADT) floor_div64(ts, USECS_PER_DAY);
}

Datum timestamp_date(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(ts_to_date(TS(0))); }

Datum
timestamptz_date(RDB_FUNCTION_ARGS)
{
    TimestampTz t = TS(0);

    if (TIMESTAMP_NOT_FINITE(t))
        RDB_RETURN_INT32(ts_to_date(t));
    RDB_RETURN_INT32(ts_to_date(t + (int64) SessionTimeZoneOffsetAt(t, NULL) * USECS_PER_SEC));
}

Datum
timestamp_time(RDB_FUNCTION_ARGS)
{
    if (TIMESTAMP_NOT_FINITE(TS(0)))
        RDB_RETURN_NULL();
    RDB_RETURN_INT64(floor_mod64(TS(0), USECS_PER_DAY));
}

Datum
timestamptz_time(RDB_FUNCTION_ARGS)
{
    TimestampTz t = TS(0);

    if (TIMESTAMP_NOT_FINITE(t))
        RDB_RETURN_NULL();
    RDB_RETURN_INT64(floor_mod64(t + (int64) SessionTimeZoneOffsetAt(t, NULL) * USECS_PER_SEC, USECS_PER_DAY));
}

/* AT TIME ZONE: timezone(zone, timestamptz) -> timestamp; timezone(zone, timestamp) -> timestamptz */
static int
zone_offset_at(text *zone, Timestamp local_or_utc, bool is_local)
{
    char       *name = text_to_cstring(zone);
    int         off;

    if (strcasecmp(name, "utc") == 0 || strcasecmp(name, "gmt") == 0 || strcasecmp(name, "z") == 0)
        return 0;
    if (!AdtZoneOffsetForName(name, local_or_utc, &off))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("time zone \"%s\" not recognized", name));
    (void) is_local;
    return off;
}

Datum
timestamptz_zone(RDB_FUNCTION_ARGS)
{
    TimestampTz t = TS(1);
    int         off;

    if (TIMESTAMP_NOT_FINITE(t))
        RDB_RETURN_INT64(t);
    /* the zone's offset at that instant: probe with the instant as local, then refine */
    off = zone_offset_at(RDB_GETARG_TEXT_P(0), t, false);
    off = zone_offset_at(RDB_GETARG_TEXT_P(0), t + (int64) off * USECS_PER_SEC, true);
    RDB_RETURN_INT64(t + (int64) off * USECS_PER_SEC);
}

Datum
timestamp_zone(RDB_FUNCTION_ARGS)
{
    Timestamp   t = TS(1);

    if (TIMESTAMP_NOT_FINITE(t))
        RDB_RETURN_INT64(t);
    RDB_RETURN_INT64(t - (int64) zone_offset_at(RDB_GETARG_TEXT_P(0), t, true) * USECS_PER_SEC);
}

/* ---------- clock functions ---------- */

Datum now(RDB_FUNCTION_ARGS) { (void) fcinfo; RDB_RETURN_INT64(GetCurrentTransactionStartTimestamp()); }
Datum statement_timestamp(RDB_FUNCTION_ARGS) { (void) fcinfo; RDB_RETURN_INT64(GetCurrentStatementStartTimestamp()); }
Datum clock_timestamp(RDB_FUNCTION_ARGS) { (void) fcinfo; RDB_RETURN_INT64(GetCurrentTimestamp()); }

Datum
current_date(RDB_FUNCTION_ARGS)
{
    TimestampTz t = GetCurrentTransactionStartTimestamp();

    (void) fcinfo;
    RDB_RETURN_INT32(ts_to_date(t + (int64) SessionTimeZoneOffsetAt(t, NULL) * USECS_PER_SEC));
}

Datum
localtimestamp(RDB_FUNCTION_ARGS)
{
    TimestampTz t = GetCurrentTransactionStartTimestamp();

    (void) fcinfo;
    RDB_RETURN_INT64(t + (int64) SessionTimeZoneOffsetAt(t, NULL) * USECS_PER_SEC);
}

/* to_timestamp(double precision): Unix epoch seconds -> timestamptz */
Datum
float8_timestamptz(RDB_FUNCTION_ARGS)
{
    double      secs = RDB_GETARG_FLOAT8(0);
    double      us;

    if (isnan(secs))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("timestamp cannot be NaN"));
    if (isinf(secs))
        RDB_RETURN_INT64(secs < 0 ? DT_NOBEGIN : DT_NOEND);
    us = rint((secs - (double) EPOCH_DIFF_SECS) * 1e6);
    if (us < (double) MIN_TIMESTAMP || us >= (double) END_TIMESTAMP)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("timestamp out of range: \"%s\"", Float8ToCString(secs)));
    RDB_RETURN_INT64((int64) us);
}

/* ---------- extract / date_part ---------- */

typedef enum
{
    F_MICROSECONDS, F_MILLISECONDS, F_SECOND, F_MINUTE, F_HOUR, F_DAY, F_MONTH, F_QUARTER,
    F_YEAR, F_DECADE, F_CENTURY, F_MILLENNIUM, F_DOW, F_ISODOW, F_DOY, F_WEEK, F_ISOYEAR,
    F_EPOCH, F_TIMEZONE, F_TIMEZONE_HOUR, F_TIMEZONE_MINUTE, F_JULIAN, F_UNKNOWN
} DateField;

static const struct
{
    const char *name;
    DateField   field;
} field_names[] = {
    {"microsecond", F_MICROSECONDS}, {"microseconds", F_MICROSECONDS}, {"us", F_MICROSECONDS},
    {"usec", F_MICROSECONDS}, {"usecs", F_MICROSECONDS}, {"useconds", F_MICROSECONDS},
    {"millisecond", F_MILLISECONDS}, {"milliseconds", F_MILLISECONDS}, {"ms", F_MILLISECONDS},
    {"msec", F_MILLISECONDS}, {"msecs", F_MILLISECONDS}, {"mseconds", F_MILLISECONDS},
    {"second", F_SECOND}, {"seconds", F_SECOND}, {"sec", F_SECOND}, {"secs", F_SECOND}, {"s", F_SECOND},
    {"minute", F_MINUTE}, {"minutes", F_MINUTE}, {"min", F_MINUTE}, {"mins", F_MINUTE}, {"m", F_MINUTE},
    {"hour", F_HOUR}, {"hours", F_HOUR}, {"hr", F_HOUR}, {"hrs", F_HOUR}, {"h", F_HOUR},
    {"day", F_DAY}, {"days", F_DAY}, {"d", F_DAY},
    {"month", F_MONTH}, {"months", F_MONTH}, {"mon", F_MONTH}, {"mons", F_MONTH},
    {"quarter", F_QUARTER}, {"qtr", F_QUARTER},
    {"year", F_YEAR}, {"years", F_YEAR}, {"yr", F_YEAR}, {"yrs", F_YEAR}, {"y", F_YEAR},
    {"decade", F_DECADE}, {"decades", F_DECADE}, {"dec", F_DECADE}, {"decs", F_DECADE},
    {"century", F_CENTURY}, {"centuries", F_CENTURY}, {"cent", F_CENTURY}, {"c", F_CENTURY},
    {"millennium", F_MILLENNIUM}, {"millennia", F_MILLENNIUM}, {"millenniums", F_MILLENNIUM},
    {"mil", F_MILLENNIUM}, {"mils", F_MILLENNIUM},
    {"dow", F_DOW}, {"isodow", F_ISODOW}, {"doy", F_DOY}, {"week", F_WEEK}, {"weeks", F_WEEK}, {"w", F_WEEK},
    {"isoyear", F_ISOYEAR}, {"epoch", F_EPOCH}, {"timezone", F_TIMEZONE},
    {"timezone_h", F_TIMEZONE_HOUR}, {"timezone_hour", F_TIMEZONE_HOUR},
    {"timezone_m", F_TIMEZONE_MINUTE}, {"timezone_minute", F_TIMEZONE_MINUTE},
    {"julian", F_JULIAN}, {"j", F_JULIAN},
};

static DateField
AdtLookupDateField(text *t, char *name_out, size_t name_len)
{
    char       *s = text_to_cstring(t);

    for (char *p = s; *p; p++)
        *p = (char) tolower((unsigned char) *p);
    snprintf(name_out, name_len, "%s", s);
    for (size_t i = 0; i < lengthof(field_names); i++)
        if (strcmp(field_names[i].name, s) == 0)
            return field_names[i].field;
    return F_UNKNOWN;
}

/* ISO 8601 week number and ISO year of a date. */
static void
iso_week(int year, int mon, int mday, int *week, int *isoyear)
{
    int         jd = AdtDate2J(year, mon, mday);
    int         dow = (AdtJ2Day(jd) + 6) % 7;     /* Monday = 0 */
    int         thursday = jd - dow + 3;
    int         ty, tm, td;
    int         jan1;

    AdtJ2Date(thursday, &ty, &tm, &td);
    jan1 = AdtDate2J(ty, 1, 1);
    *week = (thursday - jan1) / 7 + 1;
    *isoyear = ty;
}

/*
 * Value of a field as numeric text "digits[.frac]" scaled by 10^scale:
 * returns the value as an int128 count of 10^-scale units.
 */
static __int128
timestamp_field(DateField f, Timestamp ts, bool with_tz, int *scale, const char *fname, const char *type_name)
{
    AdtTm       tm;
    int         year;

    *scale = 0;
    if (with_tz)
        AdtTimestampTzToTm(ts, &tm);
    else
        AdtTimestamp2Tm(ts, &tm);
    year = tm.year;
    switch (f)
    {
        case F_MICROSECONDS:
            return (__int128) tm.sec * 1000000 + tm.usec;
        case F_MILLISECONDS:
            *scale = 3;
            return (__int128) tm.sec * 1000000 + tm.usec;
        case F_SECOND:
            *scale = 6;
            return (__int128) tm.sec * 1000000 + tm.usec;
        case F_MINUTE:
            return tm.min;
        case F_HOUR:
            return tm.hour;
        case F_DAY:
            return tm.mday;
        case F_MONTH:
            return tm.mon;
        case F_QUARTER:
            return (tm.mon - 1) / 3 + 1;
        case F_YEAR:
            return year > 0 ? year : year - 1;
        case F_DECADE:
            return floor_div64(year, 10);
        case F_CENTURY:
            return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
        case F_MILLENNIUM:
            return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
        case F_DOW:
            return AdtJ2Day(AdtDate2J(tm.year, tm.mon, tm.mday));
        case F_ISODOW:
            {
                int         d = AdtJ2Day(AdtDate2J(tm.year, tm.mon, tm.mday));

                return d == 0 ? 7 : d;
            }
        case F_DOY:
            return AdtDate2J(tm.year, tm.mon, tm.mday) - AdtDate2J(tm.year, 1, 1) + 1;
        case F_WEEK:
        case F_ISOYEAR:
            {
                int         w, iy;

                iso_week(tm.year, tm.mon, tm.mday, &w, &iy);
                if (f == F_WEEK)
                    return w;
                return iy > 0 ? iy : iy - 1;
            }
        case F_EPOCH:
            *scale = 6;
            if (with_tz)
                return (__int128) TimestampTzToUnixMicros(ts);
            return (__int128) ts + (__int128) EPOCH_DIFF_SECS * USECS_PER_SEC;
        case F_JULIAN:
            *scale = 0;
            return AdtDate2J(tm.year, tm.mon, tm.mday);
        case F_TIMEZONE:
            if (with_tz)
                return tm.tz_offset;
            break;
        case F_TIMEZONE_HOUR:
            if (with_tz)
                return tm.tz_offset / 3600;
            break;
        case F_TIMEZONE_MINUTE:
            if (with_tz)
                return (tm.tz_offset / 60) % 60;
            break;
        default:
            break;
    }
    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
            errmsg("unit \"%s\" not supported for type %s", fname, type_name));
    return 0;
}

static Numeric
scaled_to_numeric(__int128 v, int scale)
{
    Numeric     n = AdtNumericFromInt128(v);

    if (scale > 0)
    {
        __int128    p = 1;

        for (int i = 0; i < scale; i++)
            p *= 10;
        n = NumericDiv(n, AdtNumericFromInt128(p));
        n = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(n), Int32GetDatum(scale)));
    }
    return n;
}

static Datum
extract_common(FunctionCallInfo fcinfo, bool with_tz, bool as_float, const char *type_name)
{
    char        fname[64];
    DateField   f = AdtLookupDateField(RDB_GETARG_TEXT_P(0), fname, sizeof(fname));
    Timestamp   ts = TS(1);
    int         scale;
    __int128    v;

    if (f == F_UNKNOWN)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unit \"%s\" not recognized for type %s", fname, type_name));
    if (TIMESTAMP_NOT_FINITE(ts))
    {
        if (f == F_EPOCH || f == F_YEAR || f == F_DECADE || f == F_CENTURY || f == F_MILLENNIUM ||
            f == F_ISOYEAR || f == F_JULIAN)
        {
            if (as_float)
                RDB_RETURN_FLOAT8(ts < 0 ? -INFINITY : INFINITY);
            RDB_RETURN_NULL();
        }
        RDB_RETURN_NULL();
    }
    v = timestamp_field(f, ts, with_tz, &scale, fname, type_name);
    if (as_float)
    {
        double      d = (double) v;

        for (int i = 0; i < scale; i++)
            d /= 10.0;
        RDB_RETURN_FLOAT8(d);
    }
    RDB_RETURN_POINTER(scaled_to_numeric(v, scale));
}

Datum extract_timestamp(RDB_FUNCTION_ARGS) { return extract_common(fcinfo, false, false, "timestamp without time zone"); }
Datum extract_timestamptz(RDB_FUNCTION_ARGS) { return extract_common(fcinfo, true, false, "timestamp with time zone"); }
Datum timestamp_part(RDB_FUNCTION_ARGS) { return extract_common(fcinfo, false, true, "timestamp without time zone"); }
Datum timestamptz_part(RDB_FUNCTION_ARGS) { return extract_common(fcinfo, true, true, "timestamp with time zone"); }

/* extract(field from date): only date fields; epoch is whole seconds. */
Datum
extract_date(RDB_FUNCTION_ARGS)
{
    char        fname[64];
    DateField   f = AdtLookupDateField(RDB_GETARG_TEXT_P(0), fname, sizeof(fname));
    DateADT     d = RDB_GETARG_INT32(1);
    int         scale;
    __int128    v;

    if (f == F_UNKNOWN)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unit \"%s\" not recognized for type %s", fname, "date"));
    if (f == F_MICROSECONDS || f == F_MILLISECONDS || f == F_SECOND || f == F_MINUTE || f == F_HOUR ||
        f == F_TIMEZONE || f == F_TIMEZONE_HOUR || f == F_TIMEZONE_MINUTE)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("unit \"%s\" not supported for type %s", fname, "date"));
    if (DATE_NOT_FINITE(d))
        RDB_RETURN_NULL();
    v = timestamp_field(f, date_to_ts(d), false, &scale, fname, "date");
    if (f == F_EPOCH)
        v /= 1000000;
    RDB_RETURN_POINTER(AdtNumericFromInt128(v));
}

/* ---------- date_trunc ---------- */

static Timestamp
trunc_local(DateField f, Timestamp ts, const char *fname, const char *type_name)
{
    AdtTm       tm;
    Timestamp   r;

    AdtTimestamp2Tm(ts, &tm);
    switch (f)
    {
        case F_MILLENNIUM:
            tm.year = tm.year > 0 ? ((tm.year + 999) / 1000) * 1000 - 999 : -((999 - (tm.year - 1)) / 1000) * 1000 + 1;
            /* fall through */
        case F_CENTURY:
            if (f == F_CENTURY)
                tm.year = tm.year > 0 ? ((tm.year + 99) / 100) * 100 - 99 : -((99 - (tm.year - 1)) / 100) * 100 + 1;
            /* fall through */
        case F_DECADE:
            if (f == F_DECADE)
                tm.year = (int) floor_div64(tm.year, 10) * 10;
            /* fall through */
        case F_YEAR:
            tm.mon = 1;
            /* fall through */
        case F_QUARTER:
            if (f == F_QUARTER)
                tm.mon = ((tm.mon - 1) / 3) * 3 + 1;
            /* fall through */
        case F_MONTH:
            tm.mday = 1;
            /* fall through */
        case F_DAY:
            tm.hour = 0;
            /* fall through */
        case F_HOUR:
            tm.min = 0;
            /* fall through */
        case F_MINUTE:
            tm.sec = 0;
            /* fall through */
        case F_SECOND:
            tm.usec = 0;
            break;
        case F_MILLISECONDS:
            tm.usec = (tm.usec / 1000) * 1000;
            break;
        case F_MICROSECONDS:
            break;
        case F_WEEK:
            {
                int         jd = AdtDate2J(tm.year, tm.mon, tm.mday);
                int         dow = (AdtJ2Day(jd) + 6) % 7;

                AdtJ2Date(jd - dow, &tm.year, &tm.mon, &tm.mday);
                tm.hour = tm.min = tm.sec = tm.usec = 0;
                break;
            }
        default:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("unit \"%s\" not supported for type %s", fname, type_name));
    }
    if (!AdtTm2Timestamp(&tm, &r))
        ts_out_of_range();
    return r;
}

static Datum
date_trunc_common(FunctionCallInfo fcinfo, bool with_tz)
{
    char        fname[64];
    const char *type_name = with_tz ? "timestamp with time zone" : "timestamp without time zone";
    DateField   f = AdtLookupDateField(RDB_GETARG_TEXT_P(0), fname, sizeof(fname));
    Timestamp   ts = TS(1);

    if (f == F_UNKNOWN)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unit \"%s\" not recognized for type %s", fname, type_name));
    if (TIMESTAMP_NOT_FINITE(ts))
        RDB_RETURN_INT64(ts);
    if (!with_tz)
        RDB_RETURN_INT64(trunc_local(f, ts, fname, type_name));
    {
        Timestamp   local = ts + (int64) SessionTimeZoneOffsetAt(ts, NULL) * USECS_PER_SEC;

        RDB_RETURN_INT64(AdtLocalToUtc(trunc_local(f, local, fname, type_name)));
    }
}

Datum timestamp_trunc(RDB_FUNCTION_ARGS) { return date_trunc_common(fcinfo, false); }
Datum timestamptz_trunc(RDB_FUNCTION_ARGS) { return date_trunc_common(fcinfo, true); }

/* ---------- age ---------- */

/*
 * age(a, b): a - b as years, months, days and time, borrowing from the
 * larger units like PostgreSQL (a month borrow uses the length of b's
 * month).
 */
static Interval *
age_between(Timestamp a, Timestamp b, bool with_tz)
{
    AdtTm       t1, t2;
    int64       usec;
    int         sec, min, hour, mday, mon, year;
    bool        neg = false;

    if (TIMESTAMP_NOT_FINITE(a) || TIMESTAMP_NOT_FINITE(b))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("interval out of range"));
    if (with_tz)
    {
        AdtTimestampTzToTm(a, &t1);
        AdtTimestampTzToTm(b, &t2);
    }
    else
    {
        AdtTimestamp2Tm(a, &t1);
        AdtTimestamp2Tm(b, &t2);
    }
    usec = t1.usec - t2.usec;
    sec = t1.sec - t2.sec;
    min = t1.min - t2.min;
    hour = t1.hour - t2.hour;
    mday = t1.mday - t2.mday;
    mon = t1.mon - t2.mon;
    year = t1.year - t2.year;
    if (a < b)
    {
        neg = true;
        usec = -usec;
        sec = -sec;
        min = -min;
        hour = -hour;
        mday = -mday;
        mon = -mon;
        year = -year;
    }
    while (usec < 0)
    {
        usec += USECS_PER_SEC;
        sec--;
    }
    while (sec < 0)
    {
        sec += 60;
        min--;
    }
    while (min < 0)
    {
        min += 60;
        hour--;
    }
    while (hour < 0)
    {
        hour += 24;
        mday--;
    }
    while (mday < 0)
    {
        if (neg)
            mday += AdtDaysInMonth(t1.year, t1.mon);
        else
            mday += AdtDaysInMonth(t2.year, t2.mon);
        mon--;
    }
    while (mon < 0)
    {
        mon += 12;
        year--;
    }
    if (neg)
    {
        usec = -usec;
        sec = -sec;
        min = -min;
        hour = -hour;
        mday = -mday;
        mon = -mon;
        year = -year;
    }
    return AdtMakeInterval(year * 12 + mon, mday,
                           (int64) hour * USECS_PER_HOUR + (int64) min * USECS_PER_MINUTE +
                           (int64) sec * USECS_PER_SEC + usec);
}

Datum timestamp_age(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(age_between(TS(0), TS(1), false)); }
Datum timestamptz_age(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(age_between(TS(0), TS(1), true)); }

/* age(timestamp): from midnight of the current date */
Datum
timestamp_age1(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(age_between(midnight_local_today(0), TS(0), false));
}

Datum
timestamptz_age1(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(age_between(AdtLocalToUtc(midnight_local_today(0)), TS(0), true));
}

Datum
make_timestamp(RDB_FUNCTION_ARGS)
{
    AdtTm       tm;
    double      secs = RDB_GETARG_FLOAT8(5);
    Timestamp   r;

    memset(&tm, 0, sizeof(tm));
    tm.year = RDB_GETARG_INT32(0);
    tm.mon = RDB_GETARG_INT32(1);
    tm.mday = RDB_GETARG_INT32(2);
    tm.hour = RDB_GETARG_INT32(3);
    tm.min = RDB_GETARG_INT32(4);
    tm.sec = (int) floor(secs);
    tm.usec = (int) rint((secs - floor(secs)) * 1e6);
    if (tm.year < 0)
        tm.year++;
    if (tm.year == 0 || tm.mon < 1 || tm.mon > 12 || tm.mday < 1 ||
        tm.mday > AdtDaysInMonth(tm.year, tm.mon) || tm.hour < 0 || tm.hour > 23 || tm.min < 0 ||
        tm.min > 59 || secs < 0 || secs > 60 || isnan(secs))
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date field value out of range: %d-%02d-%02d", RDB_GETARG_INT32(0), tm.mon, tm.mday));
    if (!AdtTm2Timestamp(&tm, &r))
        ts_out_of_range();
    RDB_RETURN_INT64(r);
}
