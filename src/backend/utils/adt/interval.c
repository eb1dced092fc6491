/*
 * interval.c
 *     interval: I/O (PostgreSQL's "postgres" IntervalStyle output and its
 *     verbose, ISO 8601 "P..." and "hh:mm:ss" input forms), binary I/O,
 *     comparison (by total span, a month counting 30 days), arithmetic,
 *     justify_*, extract/date_part, and the sum/avg transition functions.
 *
 * The three fields (months, days, microseconds) are kept separately
 * because months and days vary in length; see datetime.h.
 */
#include "rustydb.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

#include "datetime_int.h"

Interval *
AdtMakeInterval(int32 month, int32 day, int64 time)
{
    Interval   *r = palloc(sizeof(Interval));

    r->month = month;
    r->day = day;
    r->time = time;
    return r;
}

int64
IntervalToMicros(const Interval *span)
{
    return span->time + (int64) span->day * USECS_PER_DAY + (int64) span->month * DAYS_PER_MONTH * USECS_PER_DAY;
}

static RDB_NORETURN void
interval_overflow(void)
{
    ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("interval out of range"));
    rdb_unreachable();
}

/* ---------- input ---------- */

typedef struct IvAcc
{
    double      month;
    double      day;
    double      usec;
} IvAcc;

static bool
add_unit(IvAcc *acc, double v, const char *unit)
{
    static const struct
    {
        const char *name;
        int         kind;       /* 0 usec multiplier, 1 day multiplier, 2 month multiplier */
        double      mult;
    } units[] = {
        {"microsecond", 0, 1}, {"microseconds", 0, 1}, {"us", 0, 1}, {"usec", 0, 1}, {"usecs", 0, 1},
        {"millisecond", 0, 1e3}, {"milliseconds", 0, 1e3}, {"ms", 0, 1e3}, {"msec", 0, 1e3}, {"msecs", 0, 1e3},
        {"second", 0, 1e6}, {"seconds", 0, 1e6}, {"sec", 0, 1e6}, {"secs", 0, 1e6}, {"s", 0, 1e6},
        {"minute", 0, 6e7}, {"minutes", 0, 6e7}, {"min", 0, 6e7}, {"mins", 0, 6e7}, {"m", 0, 6e7},
        {"hour", 0, 3.6e9}, {"hours", 0, 3.6e9}, {"hr", 0, 3.6e9}, {"hrs", 0, 3.6e9}, {"h", 0, 3.6e9},
        {"day", 1, 1}, {"days", 1, 1}, {"d", 1, 1},
        {"week", 1, 7}, {"weeks", 1, 7}, {"w", 1, 7},
        {"month", 2, 1}, {"months", 2, 1}, {"mon", 2, 1}, {"mons", 2, 1},
        {"year", 3, 12}, {"years", 3, 12}, {"yr", 3, 12}, {"yrs", 3, 12}, {"y", 3, 12},
        {"decade", 3, 120}, {"decades", 3, 120}, {"dec", 3, 120}, {"decs", 3, 120},
        {"century", 3, 1200}, {"centuries", 3, 1200}, {"cent", 3, 1200}, {"c", 3, 1200},
        {"millennium", 3, 12000}, {"millennia", 3, 12000}, {"millenniums", 3, 12000}, {"mil", 3, 12000},
        {"mils", 3, 12000},
    };

    for (size_t i = 0; i < lengthof(units); i++)
    {
        if (strcmp(units[i].name, unit) != 0)
            continue;
        switch (units[i].kind)
        {
            case 0:
                acc->usec += v * units[i].mult;
                return true;
            case 1:
                {
                    double      days = v * units[i].mult;
                    double      whole = trunc(days);

                    acc->day += whole;
                    acc->usec += (days - whole) * (double) USECS_PER_DAY;
                    return true;
                }
            case 2:
                {
                    double      whole = trunc(v);
                    double      fdays = (v - whole) * DAYS_PER_MONTH;
                    double      wd = trunc(fdays);

                    acc->month += whole;
                    acc->day += wd;
                    acc->usec += (fdays - wd) * (double) USECS_PER_DAY;
                    return true;
                }
            case 3:
                /* year fractions are rounded to whole months, as PostgreSQL */
                acc->month += rint(v * units[i].mult);
                return true;
        }
    }
    return false;
}

static bool
parse_iso8601(const char *s, IvAcc *acc)
{
    const char *p = s + 1;      /* after 'p' */
    bool        in_time = false;

    if (*p == '\0')
        return false;
    while (*p)
    {
        char       *end;
        double      v;

        if (*p == 't')
        {
            in_time = true;
            p++;
            continue;
        }
        v = strtod(p, &end);
        if (end == p)
            return false;
        p = end;
        switch (*p)
        {
            case 'y':
                add_unit(acc, v, "year");
                break;
            case 'm':
                add_unit(acc, v, in_time ? "minute" : "month");
                break;
            case 'w':
                add_unit(acc, v, "week");
                break;
            case 'd':
                add_unit(acc, v, "day");
                break;
            case 'h':
                add_unit(acc, v, "hour");
                break;
            case 's':
                add_unit(acc, v, "second");
                break;
            default:
                return false;
        }
        p++;
    }
    return true;
}

/* "[-]h:m[:s[.frac]]" */
static bool
parse_hms(const char *t, IvAcc *acc)
{
    bool        neg = false;
    const char *p = t;
    double      parts[3] = {0, 0, 0};
    int         n = 0;

    if (*p == '-' || *p == '+')
        neg = (*p++ == '-');
    while (n < 3)
    {
        char       *end;

        if (!isdigit((unsigned char) *p) && *p != '.')
            return false;
        parts[n++] = strtod(p, &end);
        p = end;
        if (*p == ':')
        {
            p++;
            continue;
        }
        break;
    }
    if (*p != '\0' || n < 2)
        return false;
    {
        double      us = parts[0] * 3.6e9 + parts[1] * 6e7 + parts[2] * 1e6;

        acc->usec += neg ? -us : us;
    }
    return true;
}

Interval *
AdtParseInterval(const char *str)
{
    char       *buf = pstrdup(str);
    char       *tokens[64];
    int         ntok = 0;
    IvAcc       acc = {0, 0, 0};
    bool        ago = false;
    bool        any = false;

    for (char *q = buf; *q; q++)
        *q = (char) tolower((unsigned char) *q);
    {
        char       *p = buf;

        while (*p)
        {
            while (isspace((unsigned char) *p) || *p == ',')
                p++;
            if (!*p)
                break;
            if (ntok >= 63)
                AdtDateTimeSyntaxError("interval", str);
            tokens[ntok++] = p;
            while (*p && !isspace((unsigned char) *p) && *p != ',')
                p++;
            if (*p)
                *p++ = '\0';
        }
    }
    for (int i = 0; i < ntok; i++)
    {
        char       *t = tokens[i];

        if (strcmp(t, "@") == 0)
            continue;
        if (strcmp(t, "ago") == 0 && i == ntok - 1 && any)
        {
            ago = true;
            continue;
        }
        if (t[0] == 'p' && ntok == 1)
        {
            if (!parse_iso8601(t, &acc))
                AdtDateTimeSyntaxError("interval", str);
            any = true;
            continue;
        }
        if (strchr(t, ':'))
        {
            if (!parse_hms(t, &acc))
                AdtDateTimeSyntaxError("interval", str);
            any = true;
            continue;
        }
        if (isdigit((unsigned char) t[0]) || t[0] == '-' || t[0] == '+' || t[0] == '.')
        {
            char       *end;
            double      v = strtod(t, &end);
            const char *unit;

            if (end == t)
                AdtDateTimeSyntaxError("interval", str);
            if (*end != '\0')
                unit = end;     /* "1day" */
            else if (i + 1 < ntok && isalpha((unsigned char) tokens[i + 1][0]) && strcmp(tokens[i + 1], "ago") != 0)
                unit = tokens[++i];
            else
                unit = "second";
            if (!add_unit(&acc, v, unit))
                AdtDateTimeSyntaxError("interval", str);
            any = true;
            continue;
        }
        AdtDateTimeSyntaxError("interval", str);
    }
    if (!any)
        AdtDateTimeSyntaxError("interval", str);
    /*
     * strtod also accepts "NaN": it must not reach the integer conversions
     * below, which are undefined for NaN (found by test/fuzz/fuzz_datum.c).
     */
    if (isnan(acc.month) || isnan(acc.day) || isnan(acc.usec))
        AdtDateTimeSyntaxError("interval", str);
    if (fabs(acc.month) > INT32_MAX || fabs(acc.day) > INT32_MAX || fabs(acc.usec) > 9.2e18)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("interval field value out of range: \"%s\"", str));
    {
        Interval   *r = AdtMakeInterval((int32) acc.month, (int32) acc.day, (int64) rint(acc.usec));

        if (ago)
        {
            r->month = -r->month;
            r->day = -r->day;
            r->time = -r->time;
        }
        return r;
    }
}

Datum
interval_in(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(AdtParseInterval(RDB_GETARG_CSTRING(0)));
}

/* ---------- output ---------- */

static void
add_part(StringInfo out, int value, const char *unit, bool *is_zero, bool *is_before)
{
    if (value == 0)
        return;
    appendStringInfo(out, "%s%s%d %s%s", *is_zero ? "" : " ", (*is_before && value > 0) ? "+" : "",
                     value, unit, value != 1 ? "s" : "");
    *is_before = value < 0;
    *is_zero = false;
}

char *
AdtEncodeInterval(const Interval *span)
{
    StringInfoData out;
    bool        is_zero = true, is_before = false;
    int         year = span->month / 12, mon = span->month % 12;
    int64       t = span->time;

    initStringInfo(&out);
    add_part(&out, year, "year", &is_zero, &is_before);
    add_part(&out, mon, "mon", &is_zero, &is_before);
    add_part(&out, span->day, "day", &is_zero, &is_before);
    if (is_zero || t != 0)
    {
        bool        minus = t < 0;
        uint64      a = minus ? (uint64) 0 - (uint64) t : (uint64) t;
        uint64      hours = a / USECS_PER_HOUR;
        int         min = (int) ((a / USECS_PER_MINUTE) % 60);
        int         sec = (int) ((a / USECS_PER_SEC) % 60);
        int         usec = (int) (a % USECS_PER_SEC);

        appendStringInfo(&out, "%s%s%02llu:%02d:", is_zero ? "" : " ", minus ? "-" : (is_before ? "+" : ""),
                         (unsigned long long) hours, min);
        appendStringInfo(&out, "%02d", sec);
        if (usec)
        {
            char        frac[8];
            int         n = 6;

            snprintf(frac, sizeof(frac), "%06d", usec);
            while (n > 0 && frac[n - 1] == '0')
                frac[--n] = '\0';
            appendStringInfo(&out, ".%s", frac);
        }
    }
    return out.data;
}

Datum
interval_out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(AdtEncodeInterval(DatumGetIntervalP(RDB_GETARG_DATUM(0))));
}

/* Binary: time int64, day int32, month int32 (PostgreSQL's order). */
Datum
interval_recv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int64       time = AdtRecvInt(buf, 8);
    int32       day = (int32) AdtRecvInt(buf, 4);
    int32       month = (int32) AdtRecvInt(buf, 4);

    RDB_RETURN_POINTER(AdtMakeInterval(month, day, time));
}

Datum
interval_send(RDB_FUNCTION_ARGS)
{
    Interval   *s = DatumGetIntervalP(RDB_GETARG_DATUM(0));
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, s->time, 8);
    AdtSendInt(&buf, s->day, 4);
    AdtSendInt(&buf, s->month, 4);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

/* ---------- comparison ---------- */

static __int128
span_of(const Interval *s)
{
    return (__int128) s->time + (__int128) s->day * USECS_PER_DAY +
        (__int128) s->month * DAYS_PER_MONTH * USECS_PER_DAY;
}

static int
interval_cmp_internal(const Interval *a, const Interval *b)
{
    __int128    x = span_of(a), y = span_of(b);

    return x < y ? -1 : (x > y ? 1 : 0);
}

#define IV(n) DatumGetIntervalP(RDB_GETARG_DATUM(n))
#define IV_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = interval_cmp_internal(IV(0), IV(1)); RDB_RETURN_BOOL(expr); }
IV_CMP(interval_eq, c == 0)
IV_CMP(interval_ne, c != 0)
IV_CMP(interval_lt, c < 0)
IV_CMP(interval_le, c <= 0)
IV_CMP(interval_gt, c > 0)
IV_CMP(interval_ge, c >= 0)

Datum interval_cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(interval_cmp_internal(IV(0), IV(1))); }

Datum
interval_larger(RDB_FUNCTION_ARGS)
{
    return interval_cmp_internal(IV(0), IV(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
interval_smaller(RDB_FUNCTION_ARGS)
{
    return interval_cmp_internal(IV(0), IV(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
interval_hash(RDB_FUNCTION_ARGS)
{
    __int128    s = span_of(IV(0));

    RDB_RETURN_INT32((int32) (HashUint64((uint64) s) ^ HashUint64((uint64) (s >> 64))));
}

/* ---------- arithmetic ---------- */

static Interval *
interval_add(const Interval *a, const Interval *b, int sign)
{
    Interval   *r = palloc(sizeof(Interval));
    int64       bt = sign > 0 ? b->time : -b->time;

    if (ADD_OVERFLOWS(a->month, sign * b->month, &r->month) ||
        ADD_OVERFLOWS(a->day, sign * b->day, &r->day) || ADD_OVERFLOWS(a->time, bt, &r->time))
        interval_overflow();
    return r;
}

Datum interval_pl(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(interval_add(IV(0), IV(1), 1)); }
Datum interval_mi(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(interval_add(IV(0), IV(1), -1)); }

Datum
interval_um(RDB_FUNCTION_ARGS)
{
    Interval    zero = {0, 0, 0};

    RDB_RETURN_POINTER(interval_add(&zero, IV(0), -1));
}

static double
round_usec(double v)
{
    return rint(v * 1e6) / 1e6;
}

/* Multiply by a factor, cascading fractional months to days and days to time. */
static Interval *
interval_scale(const Interval *s, double factor)
{
    double      m = s->month * factor, d = s->day * factor;
    double      month_rem_days, sec_rem;
    Interval   *r;
    double      t;

    if (isnan(factor) || fabs(m) > INT32_MAX || fabs(d) > INT32_MAX)
        interval_overflow();
    r = AdtMakeInterval((int32) m, (int32) d, 0);
    month_rem_days = round_usec((m - r->month) * DAYS_PER_MONTH);
    sec_rem = round_usec((d - r->day + month_rem_days - (int) month_rem_days) * SECS_PER_DAY);
    if (fabs(sec_rem) >= SECS_PER_DAY)
    {
        r->day += (int) (sec_rem / SECS_PER_DAY);
        sec_rem -= (int) (sec_rem / SECS_PER_DAY) * SECS_PER_DAY;
    }
    r->day += (int32) month_rem_days;
    t = rint((double) s->time * factor + sec_rem * 1e6);
    if (fabs(t) > 9.2e18)
        interval_overflow();
    r->time = (int64) t;
    return r;
}

Datum interval_mul(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(interval_scale(IV(0), RDB_GETARG_FLOAT8(1))); }
Datum mul_d_interval(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(interval_scale(IV(1), RDB_GETARG_FLOAT8(0))); }

Datum
interval_div(RDB_FUNCTION_ARGS)
{
    double      f = RDB_GETARG_FLOAT8(1);

    if (f == 0.0)
        AdtDivisionByZero();
    RDB_RETURN_POINTER(interval_scale(IV(0), 1.0 / f));
}

Datum
interval_justify_hours(RDB_FUNCTION_ARGS)
{
    Interval   *s = IV(0);
    Interval   *r = AdtMakeInterval(s->month, s->day + (int32) (s->time / USECS_PER_DAY), s->time % USECS_PER_DAY);

    if (r->day > 0 && r->time < 0)
    {
        r->time += USECS_PER_DAY;
        r->day--;
    }
    else if (r->day < 0 && r->time > 0)
    {
        r->time -= USECS_PER_DAY;
        r->day++;
    }
    RDB_RETURN_POINTER(r);
}

Datum
interval_justify_days(RDB_FUNCTION_ARGS)
{
    Interval   *s = IV(0);
    Interval   *r = AdtMakeInterval(s->month + s->day / DAYS_PER_MONTH, s->day % DAYS_PER_MONTH, s->time);

    if (r->month > 0 && r->day < 0)
    {
        r->day += DAYS_PER_MONTH;
        r->month--;
    }
    else if (r->month < 0 && r->day > 0)
    {
        r->day -= DAYS_PER_MONTH;
        r->month++;
    }
    RDB_RETURN_POINTER(r);
}

/* ---------- extract / date_part ---------- */

static Datum
interval_field(FunctionCallInfo fcinfo, bool as_float)
{
    char       *f = text_to_cstring(RDB_GETARG_TEXT_P(0));
    Interval   *s = IV(1);
    __int128    v;
    int         scale = 0;

    for (char *p = f; *p; p++)
        *p = (char) tolower((unsigned char) *p);
    if (strcmp(f, "epoch") == 0)
    {
        /* a year counts 365.25 days, a month 30 days */
        __int128    years = s->month / 12, months = s->month % 12;

        v = years * (__int128) 31557600 * 1000000 + months * (__int128) DAYS_PER_MONTH * USECS_PER_DAY +
            (__int128) s->day * USECS_PER_DAY + s->time;
        scale = 6;
    }
    else if (strcmp(f, "microsecond") == 0 || strcmp(f, "microseconds") == 0 || strcmp(f, "us") == 0)
        v = s->time % USECS_PER_MINUTE;
    else if (strcmp(f, "millisecond") == 0 || strcmp(f, "milliseconds") == 0 || strcmp(f, "ms") == 0)
    {
        v = s->time % USECS_PER_MINUTE;
        scale = 3;
    }
    else if (strcmp(f, "second") == 0 || strcmp(f, "seconds") == 0 || strcmp(f, "sec") == 0 || strcmp(f, "s") == 0)
    {
        v = s->time % USECS_PER_MINUTE;
        scale = 6;
    }
    else if (strcmp(f, "minute") == 0 || strcmp(f, "minutes") == 0 || strcmp(f, "min") == 0 || strcmp(f, "m") == 0)
        v = (s->time / USECS_PER_MINUTE) % 60;
    else if (strcmp(f, "hour") == 0 || strcmp(f, "hours") == 0 || strcmp(f, "h") == 0)
        v = s->time / USECS_PER_HOUR;
    else if (strcmp(f, "day") == 0 || strcmp(f, "days") == 0 || strcmp(f, "d") == 0)
        v = s->day;
    else if (strcmp(f, "month") == 0 || strcmp(f, "months") == 0 || strcmp(f, "mon") == 0 || strcmp(f, "mons") == 0)
        v = s->month % 12;
    else if (strcmp(f, "quarter") == 0)
        v = (s->month % 12) / 3 + 1;
    else if (strcmp(f, "year") == 0 || strcmp(f, "years") == 0 || strcmp(f, "y") == 0)
        v = s->month / 12;
    else if (strcmp(f, "decade") == 0 || strcmp(f, "decades") == 0)
        v = s->month / 120;
    else if (strcmp(f, "century") == 0 || strcmp(f, "centuries") == 0)
        v = s->month / 1200;
    else if (strcmp(f, "millennium") == 0 || strcmp(f, "millennia") == 0)
        v = s->month / 12000;
    else
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unit \"%s\" not recognized for type %s", f, "interval"));
    if (as_float)
    {
        double      d = (double) v;

        for (int i = 0; i < scale; i++)
            d /= 10.0;
        RDB_RETURN_FLOAT8(d);
    }
    {
        Numeric     n = AdtNumericFromInt128(v);

        if (scale > 0)
        {
            n = NumericDiv(n, NumericFromInt64(scale == 6 ? 1000000 : 1000));
            n = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(n), Int32GetDatum(scale)));
        }
        RDB_RETURN_POINTER(n);
    }
}

Datum extract_interval(RDB_FUNCTION_ARGS) { return interval_field(fcinfo, false); }
Datum interval_part(RDB_FUNCTION_ARGS) { return interval_field(fcinfo, true); }

/* ---------- sum / avg ---------- */

typedef struct IntervalAccum
{
    Interval    sum;
    int64       count;
} IntervalAccum;

/* Non-strict, internal state. */
Datum
interval_accum(RDB_FUNCTION_ARGS)
{
    IntervalAccum *st = RDB_ARGISNULL(0) ? NULL : (IntervalAccum *) RDB_GETARG_POINTER(0);

    if (RDB_ARGISNULL(1))
    {
        if (st == NULL)
            RDB_RETURN_NULL();
        RDB_RETURN_POINTER(st);
    }
    if (st == NULL)
        st = MemoryContextAllocZero(AdtAggContext(fcinfo), sizeof(IntervalAccum));
    {
        Interval   *r = interval_add(&st->sum, IV(1), 1);

        st->sum = *r;
        pfree(r);
    }
    st->count++;
    RDB_RETURN_POINTER(st);
}

Datum
interval_accum_sum(RDB_FUNCTION_ARGS)
{
    IntervalAccum *st = (IntervalAccum *) RDB_GETARG_POINTER(0);

    RDB_RETURN_POINTER(AdtMakeInterval(st->sum.month, st->sum.day, st->sum.time));
}

Datum
interval_accum_avg(RDB_FUNCTION_ARGS)
{
    IntervalAccum *st = (IntervalAccum *) RDB_GETARG_POINTER(0);

    RDB_RETURN_POINTER(interval_scale(&st->sum, 1.0 / (double) st->count));
}
