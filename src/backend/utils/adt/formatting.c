/*
 * formatting.c
 *     to_char() for timestamps, intervals and numbers, and to_date() /
 *     to_timestamp() parsing with a format, covering the common patterns:
 *       date/time: YYYY YYY YY Y MM DD D DDD HH HH12 HH24 MI SS MS US
 *                  AM PM am pm A.M. P.M. Mon MON mon Month MONTH month
 *                  Dy DY dy Day DAY day Q WW IW J TZ OF, FM prefix,
 *                  "quoted text", backslash escapes;
 *       numbers:   9 0 . , D G S MI FM.
 * Unsupported patterns are copied literally (as PostgreSQL does for
 * characters that are not patterns).
 */
#include "rustydb.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

#include "datetime_int.h"

static const char *const month_full[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
};
static const char *const day_full[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

/* Append s in the case style of the pattern (Xxx, XXX, xxx), padded to width unless fm. */
static void
append_name(StringInfo out, const char *s, const char *pat, int abbrev_len, int width, bool fm)
{
    int         n = abbrev_len > 0 ? abbrev_len : (int) strlen(s);
    bool        all_upper = isupper((unsigned char) pat[0]) && isupper((unsigned char) pat[1]);
    bool        all_lower = islower((unsigned char) pat[0]);

    for (int i = 0; i < n; i++)
    {
        char        c = s[i];

        if (all_upper)
            c = (char) toupper((unsigned char) c);
        else if (all_lower)
            c = (char) tolower((unsigned char) c);
        appendStringInfoChar(out, c);
    }
    if (!fm && abbrev_len == 0)
        for (int i = n; i < width; i++)
            appendStringInfoChar(out, ' ');
}

static bool
starts(const char *p, const char *pat)
{
    return strncmp(p, pat, strlen(pat)) == 0;
}

static bool
starts_ci(const char *p, const char *pat)
{
    return strncasecmp(p, pat, strlen(pat)) == 0;
}

static void
append_num(StringInfo out, long long v, int width, bool fm)
{
    if (fm)
        appendStringInfo(out, "%lld", v);
    else
        appendStringInfo(out, "%0*lld", width + (v < 0 ? 1 : 0), v);
}

/*
 * Format broken-down time tm (is_interval: hours are not wrapped and
 * calendar names are meaningless).
 */
static char *
format_datetime(const AdtTm *tm, const char *fmt, bool is_interval, bool have_tz)
{
    StringInfoData out;
    const char *p = fmt;
    int         jd = is_interval ? 0 : AdtDate2J(tm->year, tm->mon, tm->mday);
    int         year = tm->year > 0 || is_interval ? tm->year : 1 - tm->year;

    initStringInfo(&out);
    while (*p)
    {
        bool        fm = false;

        if (starts(p, "FM") || starts(p, "fm"))
        {
            fm = true;
            p += 2;
        }
        if (starts_ci(p, "HH24"))
            append_num(&out, tm->hour, 2, fm), p += 4;
        else if (starts_ci(p, "HH12") || starts_ci(p, "HH"))
        {
            int         h = tm->hour % 12;

            append_num(&out, h == 0 ? 12 : h, 2, fm);
            p += starts_ci(p, "HH12") ? 4 : 2;
        }
        else if (starts_ci(p, "MI"))
            append_num(&out, tm->min, 2, fm), p += 2;
        else if (starts_ci(p, "SS"))
            append_num(&out, tm->sec, 2, fm), p += 2;
        else if (starts_ci(p, "MS"))
            append_num(&out, tm->usec / 1000, 3, fm), p += 2;
        else if (starts_ci(p, "US"))
            append_num(&out, tm->usec, 6, fm), p += 2;
        else if (starts(p, "AM") || starts(p, "PM"))
            appendStringInfoString(&out, tm->hour >= 12 ? "PM" : "AM"), p += 2;
        else if (starts(p, "am") || starts(p, "pm"))
            appendStringInfoString(&out, tm->hour >= 12 ? "pm" : "am"), p += 2;
        else if (starts(p, "A.M.") || starts(p, "P.M."))
            appendStringInfoString(&out, tm->hour >= 12 ? "P.M." : "A.M."), p += 4;
        else if (starts(p, "a.m.") || starts(p, "p.m."))
            appendStringInfoString(&out, tm->hour >= 12 ? "p.m." : "a.m."), p += 4;
        else if (starts_ci(p, "YYYY"))
            append_num(&out, year, 4, fm), p += 4;
        else if (starts_ci(p, "YYY"))
            append_num(&out, year % 1000, 3, fm), p += 3;
        else if (starts_ci(p, "YY"))
            append_num(&out, year % 100, 2, fm), p += 2;
        else if (starts_ci(p, "Y"))
            append_num(&out, year % 10, 1, fm), p += 1;
        else if (strncasecmp(p, "MONTH", 5) == 0)
        {
            if (!is_interval && tm->mon >= 1)
                append_name(&out, month_full[tm->mon - 1], p, 0, 9, fm);
            p += 5;
        }
        else if (strncasecmp(p, "MON", 3) == 0)
        {
            if (!is_interval && tm->mon >= 1)
                append_name(&out, month_full[tm->mon - 1], p, 3, 3, fm);
            p += 3;
        }
        else if (starts_ci(p, "MM"))
            append_num(&out, tm->mon, 2, fm), p += 2;
        else if (strncasecmp(p, "DAY", 3) == 0)
        {
            if (!is_interval)
                append_name(&out, day_full[AdtJ2Day(jd)], p, 0, 9, fm);
            p += 3;
        }
        else if (strncasecmp(p, "DY", 2) == 0)
        {
            if (!is_interval)
                append_name(&out, day_full[AdtJ2Day(jd)], p, 3, 3, fm);
            p += 2;
        }
        else if (starts_ci(p, "DDD"))
            append_num(&out, is_interval ? tm->mday : jd - AdtDate2J(tm->year, 1, 1) + 1, 3, fm), p += 3;
        else if (starts_ci(p, "DD"))
            append_num(&out, tm->mday, 2, fm), p += 2;
        else if (starts_ci(p, "D"))
            append_num(&out, is_interval ? 0 : AdtJ2Day(jd) + 1, 1, fm), p += 1;
        else if (starts_ci(p, "Q"))
            append_num(&out, (tm->mon - 1) / 3 + 1, 1, fm), p += 1;
        else if (starts_ci(p, "WW"))
            append_num(&out, is_interval ? 0 : (jd - AdtDate2J(tm->year, 1, 1)) / 7 + 1, 2, fm), p += 2;
        else if (starts_ci(p, "IW"))
        {
            int         dow = (AdtJ2Day(jd) + 6) % 7;
            int         thursday = jd - dow + 3;
            int         ty, tmo, td;

            AdtJ2Date(thursday, &ty, &tmo, &td);
            append_num(&out, is_interval ? 0 : (thursday - AdtDate2J(ty, 1, 1)) / 7 + 1, 2, fm);
            p += 2;
        }
        else if (starts_ci(p, "J"))
            append_num(&out, jd, 1, true), p += 1;
        else if (starts(p, "TZ") || starts(p, "tz"))
        {
            if (have_tz)
            {
                if (tm->tz_abbrev)
                    appendStringInfoString(&out, tm->tz_abbrev);
                else
                    AdtAppendTzOffset(&out, tm->tz_offset);
            }
            p += 2;
        }
        else if (starts(p, "OF"))
        {
            if (have_tz)
                AdtAppendTzOffset(&out, tm->tz_offset);
            p += 2;
        }
        else if (*p == '"')
        {
            p++;
            while (*p && *p != '"')
            {
                if (*p == '\\' && p[1])
                    p++;
                appendStringInfoChar(&out, *p++);
            }
            if (*p)
                p++;
        }
        else if (*p == '\\' && p[1])
        {
            appendStringInfoChar(&out, p[1]);
            p += 2;
        }
        else
            appendStringInfoChar(&out, *p++);
    }
    return out.data;
}

Datum
timestamp_to_char(RDB_FUNCTION_ARGS)
{
    Timestamp   ts = RDB_GETARG_INT64(0);
    AdtTm       tm;

    if (TIMESTAMP_NOT_FINITE(ts))
        RDB_RETURN_NULL();
    AdtTimestamp2Tm(ts, &tm);
    RDB_RETURN_TEXT_P(cstring_to_text(format_datetime(&tm, text_to_cstring(RDB_GETARG_TEXT_P(1)), false, false)));
}

Datum
timestamptz_to_char(RDB_FUNCTION_ARGS)
{
    TimestampTz ts = RDB_GETARG_INT64(0);
    AdtTm       tm;

    if (TIMESTAMP_NOT_FINITE(ts))
        RDB_RETURN_NULL();
    AdtTimestampTzToTm(ts, &tm);
    RDB_RETURN_TEXT_P(cstring_to_text(format_datetime(&tm, text_to_cstring(RDB_GETARG_TEXT_P(1)), false, true)));
}

Datum
interval_to_char(RDB_FUNCTION_ARGS)
{
    Interval   *s = DatumGetIntervalP(RDB_GETARG_DATUM(0));
    AdtTm       tm;
    int64       t = s->time;

    memset(&tm, 0, sizeof(tm));
    tm.year = s->month / 12;
    tm.mon = s->month % 12;
    tm.mday = s->day;
    tm.hour = (int) (t / USECS_PER_HOUR);
    tm.min = (int) ((t / USECS_PER_MINUTE) % 60);
    tm.sec = (int) ((t / USECS_PER_SEC) % 60);
    tm.usec = (int) (t % USECS_PER_SEC);
    RDB_RETURN_TEXT_P(cstring_to_text(format_datetime(&tm, text_to_cstring(RDB_GETARG_TEXT_P(1)), true, false)));
}

/* ---------- numbers ---------- */

/*
 * format_number -- digits is the absolute value as plain decimal text
 * ("1234.5"); neg its sign.
 */
static char *
format_number(const char *digits, bool neg, const char *fmt)
{
    bool        fm = false;
    int         int_pos = 0, frac_pos = 0;
    bool        seen_point = false;
    bool        sign_explicit = false;
    const char *point;
    char       *intpart, *fracpart;
    int         intlen;
    bool        overflow;
    StringInfoData body;
    StringInfoData out;
    int         digit_idx = 0, frac_idx = 0;
    bool        started = false;
    bool        in_frac = false;
    bool        leading_s;
    bool        zero_seen = false;

    for (const char *p = fmt; *p; p++)
    {
        if (starts(p, "FM") || starts(p, "fm"))
        {
            fm = true;
            p++;
        }
        else if (*p == '9' || *p == '0')
        {
            if (seen_point)
                frac_pos++;
            else
                int_pos++;
        }
        else if (*p == '.' || *p == 'D')
            seen_point = true;
        else if (*p == 'S' || starts_ci(p, "MI"))
            sign_explicit = true;
    }
    leading_s = fmt[0] == 'S' || (fm && fmt[2] == 'S');
    /* round to frac_pos digits */
    {
        Numeric     n = NumericFromCString(digits);
        char       *rounded = DatumGetCString(DirectFunctionCall1(numeric_out,
                                              DirectFunctionCall2(numeric_round, NumericGetDatum(n),
                                                                  Int32GetDatum(frac_pos))));

        point = strchr(rounded, '.');
        intpart = point ? pnstrdup(rounded, point - rounded) : pstrdup(rounded);
        fracpart = point ? pstrdup(point + 1) : pstrdup("");
    }
    if (strcmp(intpart, "0") == 0)
        intpart[0] = '\0';
    intlen = (int) strlen(intpart);
    overflow = intlen > int_pos;
    initStringInfo(&body);
    for (const char *p = fmt; *p; p++)
    {
        if (starts(p, "FM") || starts(p, "fm"))
        {
            p++;
            continue;
        }
        if (*p == '9' || *p == '0')
        {
            if (!in_frac)
            {
                int         lead = int_pos - intlen;

                if (*p == '0')
                    zero_seen = true;
                if (overflow)
                    appendStringInfoChar(&body, '#');
                else if (digit_idx < lead)
                {
                    appendStringInfoChar(&body, zero_seen ? '0' : ' ');
                    started |= zero_seen;
                }
                else
                {
                    appendStringInfoChar(&body, intpart[digit_idx - lead]);
                    started = true;
                }
                digit_idx++;
            }
            else
            {
                char        d = frac_idx < (int) strlen(fracpart) ? fracpart[frac_idx] : '0';

                appendStringInfoChar(&body, overflow ? '#' : d);
                frac_idx++;
            }
        }
        else if (*p == '.' || *p == 'D')
        {
            appendStringInfoChar(&body, '.');
            in_frac = true;
        }
        else if (*p == ',' || *p == 'G')
            appendStringInfoChar(&body, (started || overflow) ? ',' : ' ');
        else if (*p == 'S')
        {
            /* a leading S floats to the first digit (below); a trailing one stays */
            if (p != fmt && !(p == fmt + 2 && fm))
                appendStringInfoChar(&body, neg ? '-' : '+');
        }
        else if (starts_ci(p, "MI"))
        {
            appendStringInfoChar(&body, neg ? '-' : ' ');
            p++;
        }
        else
            appendStringInfoChar(&body, *p);
    }
    initStringInfo(&out);
    {
        int         lead = 0;

        while (lead < body.len && body.data[lead] == ' ')
            lead++;
        if (!fm)
            appendStringInfoSpaces(&out, lead);
        if (leading_s)
            appendStringInfoChar(&out, neg ? '-' : '+');
        else if (!sign_explicit)
        {
            if (neg)
                appendStringInfoChar(&out, '-');
            else if (!fm)
                appendStringInfoChar(&out, ' ');
        }
        appendStringInfoString(&out, body.data + lead);
    }
    if (fm)
    {
        /* FM: drop trailing zeros produced by '9' fraction positions */
        const char *q = strrchr(fmt, '.') ? strrchr(fmt, '.') : strrchr(fmt, 'D');

        if (q)
        {
            int         nines = 0;

            for (const char *r = fmt + strlen(fmt) - 1; r > q && *r == '9'; r--)
                nines++;
            while (nines-- > 0 && out.len > 0 && out.data[out.len - 1] == '0')
                out.data[--out.len] = '\0';
        }
    }
    return out.data;
}

Datum
numeric_to_char(RDB_FUNCTION_ARGS)
{
    char       *s = NumericToCString(DatumGetNumeric(RDB_GETARG_DATUM(0)));
    bool        neg = s[0] == '-';

    RDB_RETURN_TEXT_P(cstring_to_text(format_number(neg ? s + 1 : s, neg, text_to_cstring(RDB_GETARG_TEXT_P(1)))));
}

Datum
int8_to_char(RDB_FUNCTION_ARGS)
{
    int64       v = RDB_GETARG_INT64(0);
    char        buf[32];

    snprintf(buf, sizeof(buf), "%llu", (unsigned long long) (v < 0 ? -(uint64) v : (uint64) v));
    RDB_RETURN_TEXT_P(cstring_to_text(format_number(buf, v < 0, text_to_cstring(RDB_GETARG_TEXT_P(1)))));
}

Datum
int4_to_char(RDB_FUNCTION_ARGS)
{
    return DirectFunctionCall2(int8_to_char, Int64GetDatum(RDB_GETARG_INT32(0)), RDB_GETARG_DATUM(1));
}

Datum
float8_to_char(RDB_FUNCTION_ARGS)
{
    double      v = RDB_GETARG_FLOAT8(0);
    char        buf[64];

    if (isnan(v) || isinf(v))
        RDB_RETURN_TEXT_P(cstring_to_text(Float8ToCString(v)));
    snprintf(buf, sizeof(buf), "%.*f", 15, fabs(v));
    RDB_RETURN_TEXT_P(cstring_to_text(format_number(buf, v < 0, text_to_cstring(RDB_GETARG_TEXT_P(1)))));
}

/* ---------- to_date / to_timestamp ---------- */

static RDB_NORETURN void
bad_value(const char *value, const char *field)
{
    ereport(ERROR, errcode(ERRCODE_INVALID_DATETIME_FORMAT),
            errmsg("invalid value \"%s\" for \"%s\"", value, field));
    rdb_unreachable();
}

static int
read_int(const char **s, int maxdigits, const char *field)
{
    int         v = 0, n = 0;
    bool        neg = false;

    while (**s == ' ')
        (*s)++;
    if (**s == '-' && maxdigits > 4)
        neg = true, (*s)++;
    while (n < maxdigits && isdigit((unsigned char) **s))
        v = v * 10 + (*(*s)++ - '0'), n++;
    if (n == 0)
        bad_value(*s, field);
    return neg ? -v : v;
}

static void
parse_with_format(const char *s, const char *fmt, AdtTm *tm, bool *have_tz)
{
    const char *p = fmt;
    int         pm = -1;

    memset(tm, 0, sizeof(*tm));
    tm->year = 1;
    tm->mon = 1;
    tm->mday = 1;
    *have_tz = false;
    while (*p && *s)
    {
        if (starts(p, "FM") || starts(p, "fm"))
        {
            p += 2;
            continue;
        }
        if (starts_ci(p, "YYYY"))
            tm->year = read_int(&s, isalnum((unsigned char) p[4]) ? 4 : 6, "YYYY"), p += 4;
        else if (starts_ci(p, "YY"))
        {
            int         y = read_int(&s, 2, "YY");

            tm->year = y < 70 ? 2000 + y : 1900 + y;
            p += 2;
        }
        else if (starts_ci(p, "MM"))
            tm->mon = read_int(&s, 2, "MM"), p += 2;
        else if (starts_ci(p, "DDD"))
            tm->mday = read_int(&s, 3, "DDD"), p += 3;
        else if (starts_ci(p, "DD"))
            tm->mday = read_int(&s, 2, "DD"), p += 2;
        else if (starts_ci(p, "HH24"))
            tm->hour = read_int(&s, 2, "HH24"), p += 4;
        else if (starts_ci(p, "HH12") || starts_ci(p, "HH"))
        {
            tm->hour = read_int(&s, 2, "HH");
            p += starts_ci(p, "HH12") ? 4 : 2;
        }
        else if (starts_ci(p, "MI"))
            tm->min = read_int(&s, 2, "MI"), p += 2;
        else if (starts_ci(p, "SS"))
            tm->sec = read_int(&s, 2, "SS"), p += 2;
        else if (starts_ci(p, "MS"))
            tm->usec = read_int(&s, 3, "MS") * 1000, p += 2;
        else if (starts_ci(p, "US"))
            tm->usec = read_int(&s, 6, "US"), p += 2;
        else if (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0)
        {
            if (strncasecmp(s, "PM", 2) == 0)
                pm = 1;
            else if (strncasecmp(s, "AM", 2) == 0)
                pm = 0;
            else
                bad_value(s, "AM");
            s += 2;
            p += 2;
        }
        else if (strncasecmp(p, "MONTH", 5) == 0 || strncasecmp(p, "MON", 3) == 0)
        {
            bool        full = strncasecmp(p, "MONTH", 5) == 0;
            int         found = 0;

            while (*s == ' ')
                s++;
            for (int m = 0; m < 12 && !found; m++)
            {
                size_t      len = full ? strlen(month_full[m]) : 3;

                if (strncasecmp(s, month_full[m], len) == 0)
                {
                    found = m + 1;
                    s += len;
                }
            }
            if (!found)
                bad_value(s, full ? "Month" : "Mon");
            tm->mon = found;
            p += full ? 5 : 3;
        }
        else if (strncasecmp(p, "DAY", 3) == 0 || strncasecmp(p, "DY", 2) == 0)
        {
            while (isalpha((unsigned char) *s))
                s++;
            p += strncasecmp(p, "DAY", 3) == 0 ? 3 : 2;
        }
        else if (starts(p, "TZH") || starts(p, "OF"))
        {
            int         sign = 1, h, m = 0;

            while (*s == ' ')
                s++;
            if (*s == '+' || *s == '-')
                sign = (*s++ == '-') ? -1 : 1;
            h = read_int(&s, 2, "TZH");
            if (*s == ':')
            {
                s++;
                m = read_int(&s, 2, "TZM");
            }
            tm->tz_offset = sign * (h * 3600 + m * 60);
            *have_tz = true;
            p += 2 + (starts(p, "TZH") ? 1 : 0);
        }
        else if (*p == '"')
        {
            p++;
            while (*p && *p != '"')
            {
                p++;
                if (*s)
                    s++;
            }
            if (*p)
                p++;
        }
        else
        {
            /* separators: a non-pattern character in the format skips one input character */
            if (!isalnum((unsigned char) *p) || *s == *p)
            {
                if (*s && !isalnum((unsigned char) *s))
                    s++;
                else if (*s == *p)
                    s++;
                p++;
            }
            else
                p++;
        }
    }
    if (pm >= 0)
    {
        if (tm->hour < 1 || tm->hour > 12)
            ereport(ERROR, errcode(ERRCODE_INVALID_DATETIME_FORMAT),
                    errmsg("hour \"%d\" is invalid for the 12-hour clock", tm->hour),
                    errhint("Use the 24-hour clock, or give an hour between 1 and 12."));
        tm->hour = tm->hour % 12 + (pm ? 12 : 0);
    }
    if (tm->mon < 1 || tm->mon > 12 || tm->mday < 1 || tm->mday > AdtDaysInMonth(tm->year, tm->mon) ||
        tm->hour > 24 || tm->min > 59 || tm->sec > 60)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date/time field value out of range: \"%s\"", s));
}

Datum
to_date(RDB_FUNCTION_ARGS)
{
    AdtTm       tm;
    bool        have_tz;

    parse_with_format(text_to_cstring(RDB_GETARG_TEXT_P(0)), text_to_cstring(RDB_GETARG_TEXT_P(1)), &tm, &have_tz);
    RDB_RETURN_INT32(AdtDate2J(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE);
}

Datum
to_timestamp(RDB_FUNCTION_ARGS)
{
    AdtTm       tm;
    bool        have_tz;

    parse_with_format(text_to_cstring(RDB_GETARG_TEXT_P(0)), text_to_cstring(RDB_GETARG_TEXT_P(1)), &tm, &have_tz);
    RDB_RETURN_INT64(AdtTmToTimestampTz(&tm, have_tz));
}
