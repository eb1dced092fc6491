/*
 * datetime.c
 *     Calendar arithmetic, parsing and formatting shared by the date, time,
 *     timestamp, timestamptz and interval types, and the session time zone.
 *
 * Calendar: proleptic Gregorian, Julian day numbers (AdtDate2J/AdtJ2Date).
 * Years <= 0 are astronomical internally (0 = 1 BC) and print with "BC".
 * Parsing accepts the ISO 8601 forms and the common PostgreSQL ones:
 *   2020-01-05, 20200105, 01/05/2020 (MDY, the default DateStyle),
 *   Jan 5 2020, 5 Jan 2020, January 5, 2020, ... BC,
 *   10:11[:12[.345678]] [am|pm], 'T' separator, zones Z/UTC/GMT/+05:30/
 *   -08/+0530/tz database names, and the special words epoch, infinity,
 *   -infinity, now, today, tomorrow, yesterday, allballs.
 * Output is DateStyle ISO, the PostgreSQL default.
 *
 * Time zones: 'UTC' (default) and fixed ISO offsets are handled here;
 * names go to the C library's tz database through the TZ environment
 * variable (one session per process, so process-global state is fine).
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "adt_int.h"
#include "datetime_int.h"

/* ---------- calendar ---------- */

int
AdtDate2J(int y, int m, int d)
{
    int         a = (14 - m) / 12;
    int64       yy = (int64) y + 4800 - a;
    int64       mm = m + 12 * a - 3;

    return (int) (d + (153 * mm + 2) / 5 + 365 * yy + floor_div64(yy, 4) - floor_div64(yy, 100) +
                  floor_div64(yy, 400) - 32045);
}

void
AdtJ2Date(int jd, int *year, int *month, int *day)
{
    int64       a = (int64) jd + 32044;
    int64       b = floor_div64(4 * a + 3, 146097);
    int64       c = a - floor_div64(146097 * b, 4);
    int64       d = floor_div64(4 * c + 3, 1461);
    int64       e = c - floor_div64(1461 * d, 4);
    int64       m = floor_div64(5 * e + 2, 153);

    *day = (int) (e - floor_div64(153 * m + 2, 5) + 1);
    *month = (int) (m + 3 - 12 * floor_div64(m, 10));
    *year = (int) (100 * b + d - 4800 + floor_div64(m, 10));
}

bool
AdtIsLeap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
AdtDaysInMonth(int year, int month)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return (month == 2 && AdtIsLeap(year)) ? 29 : mdays[month - 1];
}

/* Day of week of a Julian day: 0 = Sunday. */
int
AdtJ2Day(int jd)
{
    return (int) floor_mod64((int64) jd + 1, 7);
}

/* ---------- timestamp <-> broken-down time ---------- */

bool
AdtTimestamp2Tm(Timestamp ts, AdtTm *tm)
{
    int64       days = floor_div64(ts, USECS_PER_DAY);
    int64       t = ts - days * USECS_PER_DAY;

    AdtJ2Date((int) (days + POSTGRES_EPOCH_JDATE), &tm->year, &tm->mon, &tm->mday);
    tm->hour = (int) (t / USECS_PER_HOUR);
    t -= (int64) tm->hour * USECS_PER_HOUR;
    tm->min = (int) (t / USECS_PER_MINUTE);
    t -= (int64) tm->min * USECS_PER_MINUTE;
    tm->sec = (int) (t / USECS_PER_SEC);
    tm->usec = (int) (t - (int64) tm->sec * USECS_PER_SEC);
    tm->tz_offset = 0;
    tm->tz_abbrev = NULL;
    return true;
}

bool
AdtTm2Timestamp(const AdtTm *tm, Timestamp *ts)
{
    int64       days = (int64) AdtDate2J(tm->year, tm->mon, tm->mday) - POSTGRES_EPOCH_JDATE;
    __int128    r = (__int128) days * USECS_PER_DAY + (__int128) tm->hour * USECS_PER_HOUR +
        (__int128) tm->min * USECS_PER_MINUTE + (__int128) tm->sec * USECS_PER_SEC + tm->usec;

    if (r <= (__int128) MIN_TIMESTAMP || r >= (__int128) END_TIMESTAMP)
        return false;
    *ts = (Timestamp) r;
    return true;
}

/* ---------- session time zone ---------- */

typedef enum
{
    TZ_UTC, TZ_FIXED, TZ_NAMED
} TzKind;

static TzKind session_tz_kind = TZ_UTC;
static int  session_tz_fixed = 0;       /* seconds east, TZ_FIXED */
static char session_tz_name[256] = "UTC";

/* Parse "+05", "-08:00", "+0530" (ISO sense: east positive). */
static bool
parse_offset(const char *s, int *secs)
{
    int         sign, h = 0, m = 0, sec = 0, n = 0;
    const char *p = s;

    if (*p != '+' && *p != '-')
        return false;
    sign = (*p++ == '-') ? -1 : 1;
    if (!isdigit((unsigned char) *p))
        return false;
    while (isdigit((unsigned char) p[n]))
        n++;
    if (n <= 2)
    {
        h = atoi(p);
        p += n;
        if (*p == ':')
        {
            p++;
            if (!isdigit((unsigned char) p[0]) || !isdigit((unsigned char) p[1]))
                return false;
            m = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
            if (*p == ':')
            {
                p++;
                if (!isdigit((unsigned char) p[0]) || !isdigit((unsigned char) p[1]))
                    return false;
                sec = (p[0] - '0') * 10 + (p[1] - '0');
                p += 2;
            }
        }
    }
    else if (n == 4)
    {
        h = (p[0] - '0') * 10 + (p[1] - '0');
        m = (p[2] - '0') * 10 + (p[3] - '0');
        p += 4;
    }
    else
        return false;
    if (*p != '\0' || h > 15 || m > 59 || sec > 59)
        return false;
    *secs = sign * (h * 3600 + m * 60 + sec);
    return true;
}

static bool
zone_file_exists(const char *name)
{
    char        path[512];
    struct stat st;

    if (strstr(name, "..") || name[0] == '/' || strlen(name) > 200)
        return false;
    snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool
SessionTimeZoneSet(const char *name)
{
    int         off;

    if (strcasecmp(name, "UTC") == 0 || strcasecmp(name, "GMT") == 0 || strcasecmp(name, "Z") == 0 ||
        strcasecmp(name, "Etc/UTC") == 0 || strcasecmp(name, "zulu") == 0)
    {
        session_tz_kind = TZ_UTC;
        snprintf(session_tz_name, sizeof(session_tz_name), "%s", name);
        return true;
    }
    if (parse_offset(name, &off))
    {
        session_tz_kind = TZ_FIXED;
        session_tz_fixed = off;
        snprintf(session_tz_name, sizeof(session_tz_name), "%s", name);
        return true;
    }
    if (!zone_file_exists(name))
    {
        /* POSIX TZ strings such as "UTC+3" or "EST5EDT" */
        bool        posix = isalpha((unsigned char) name[0]);

        for (const char *p = name; *p && posix; p++)
            posix = isalnum((unsigned char) *p) || *p == '+' || *p == '-' || *p == ':' || *p == ',' ||
                *p == '.' || *p == '/';
        if (!posix || strpbrk(name, "0123456789") == NULL)
            return false;
    }
    if (setenv("TZ", name, 1) != 0)
        return false;
    tzset();
    session_tz_kind = TZ_NAMED;
    snprintf(session_tz_name, sizeof(session_tz_name), "%s", name);
    return true;
}

const char *
SessionTimeZoneName(void)
{
    return session_tz_name;
}

int
SessionTimeZoneOffsetAt(TimestampTz utc_ts, const char **abbrev)
{
    if (abbrev)
        *abbrev = NULL;
    switch (session_tz_kind)
    {
        case TZ_UTC:
            if (abbrev)
                *abbrev = "UTC";
            return 0;
        case TZ_FIXED:
            return session_tz_fixed;
        case TZ_NAMED:
            {
                int64       secs = floor_div64(utc_ts, USECS_PER_SEC) + EPOCH_DIFF_SECS;
                time_t      t;
                struct tm   tmv;

                /* outside time_t's comfortable range, use the nearest edge */
                if (secs < -(INT64_C(1) << 40))
                    secs = -(INT64_C(1) << 40);
                if (secs > (INT64_C(1) << 40))
                    secs = (INT64_C(1) << 40);
                t = (time_t) secs;
                if (localtime_r(&t, &tmv) == NULL)
                    return 0;
                if (abbrev)
                    *abbrev = tmv.tm_zone;
                return (int) tmv.tm_gmtoff;
            }
    }
    return 0;
}

void
AdtTimestampTzToTm(TimestampTz ts, AdtTm *tm)
{
    const char *abbrev;
    int         off = SessionTimeZoneOffsetAt(ts, &abbrev);

    AdtTimestamp2Tm(ts + (int64) off * USECS_PER_SEC, tm);
    tm->tz_offset = off;
    tm->tz_abbrev = abbrev;
}

/* Local time in the session zone -> UTC instant. */
TimestampTz
AdtLocalToUtc(Timestamp local)
{
    int         off1 = SessionTimeZoneOffsetAt(local, NULL);
    int         off2 = SessionTimeZoneOffsetAt(local - (int64) off1 * USECS_PER_SEC, NULL);

    if (off1 == off2)
        return local - (int64) off1 * USECS_PER_SEC;
    /* near a transition: prefer the offset that maps back to local */
    if (SessionTimeZoneOffsetAt(local - (int64) off2 * USECS_PER_SEC, NULL) == off2)
        return local - (int64) off2 * USECS_PER_SEC;
    return local - (int64) off1 * USECS_PER_SEC;
}

TimestampTz
AdtTmToTimestampTz(AdtTm *tm, bool have_tz)
{
    Timestamp   local;

    if (!AdtTm2Timestamp(tm, &local))
        return DT_NOEND;
    if (have_tz)
        return local - (int64) tm->tz_offset * USECS_PER_SEC;
    return AdtLocalToUtc(local);
}

/* Offset (seconds east) of a named zone at a local time, via TZ switching. */
bool
AdtZoneOffsetForName(const char *name, Timestamp local, int *offset)
{
    char        saved[256];
    TzKind      saved_kind = session_tz_kind;
    int         saved_fixed = session_tz_fixed;

    snprintf(saved, sizeof(saved), "%s", session_tz_name);
    if (!SessionTimeZoneSet(name))
        return false;
    *offset = (int) ((local - AdtLocalToUtc(local)) / USECS_PER_SEC);
    if (saved_kind == TZ_NAMED)
        SessionTimeZoneSet(saved);
    else
    {
        session_tz_kind = saved_kind;
        session_tz_fixed = saved_fixed;
        snprintf(session_tz_name, sizeof(session_tz_name), "%s", saved);
    }
    return true;
}

/* ---------- encoding ---------- */

/* "HH:MM:SS[.ffffff]" with trailing zeros of the fraction removed. */
void
AdtAppendTime(StringInfo out, int hour, int min, int sec, int usec)
{
    appendStringInfo(out, "%02d:%02d:%02d", hour, min, sec);
    if (usec != 0)
    {
        char        frac[8];
        int         n = 6;

        snprintf(frac, sizeof(frac), "%06d", usec);
        while (n > 0 && frac[n - 1] == '0')
            frac[--n] = '\0';
        appendStringInfo(out, ".%s", frac);
    }
}

void
AdtAppendTzOffset(StringInfo out, int off)
{
    int         a = off < 0 ? -off : off;

    appendStringInfo(out, "%c%02d", off < 0 ? '-' : '+', a / 3600);
    if (a % 3600 != 0)
    {
        appendStringInfo(out, ":%02d", (a % 3600) / 60);
        if (a % 60 != 0)
            appendStringInfo(out, ":%02d", a % 60);
    }
}

static void
append_date(StringInfo out, int year, int mon, int mday)
{
    appendStringInfo(out, "%04d-%02d-%02d", year > 0 ? year : 1 - year, mon, mday);
}

char *
AdtEncodeDate(DateADT d)
{
    StringInfoData out;
    int         y, m, dd;

    if (d == DATEVAL_NOBEGIN)
        return pstrdup("-infinity");
    if (d == DATEVAL_NOEND)
        return pstrdup("infinity");
    AdtJ2Date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
    initStringInfo(&out);
    append_date(&out, y, m, dd);
    if (y <= 0)
        appendStringInfoString(&out, " BC");
    return out.data;
}

char *
AdtEncodeTimestamp(Timestamp ts, bool with_tz)
{
    StringInfoData out;
    AdtTm       tm;

    if (ts == DT_NOBEGIN)
        return pstrdup("-infinity");
    if (ts == DT_NOEND)
        return pstrdup("infinity");
    /*
     * As PostgreSQL's timestamp_out: a finite value outside the valid range
     * (only a corrupt stored value can be one) is an ERROR; converting it
     * would overflow the day arithmetic (found by test/fuzz/fuzz_page.c).
     */
    if (ts < MIN_TIMESTAMP || ts >= END_TIMESTAMP)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("timestamp out of range"));
    if (with_tz)
        AdtTimestampTzToTm(ts, &tm);
    else
        AdtTimestamp2Tm(ts, &tm);
    initStringInfo(&out);
    append_date(&out, tm.year, tm.mon, tm.mday);
    appendStringInfoChar(&out, ' ');
    AdtAppendTime(&out, tm.hour, tm.min, tm.sec, tm.usec);
    if (with_tz)
        AdtAppendTzOffset(&out, tm.tz_offset);
    if (tm.year <= 0)
        appendStringInfoString(&out, " BC");
    return out.data;
}

char *
TimestampTzToCString(TimestampTz ts)
{
    return AdtEncodeTimestamp(ts, true);
}

/* ---------- parsing ---------- */

static const char *const month_names[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december"
};

static int
lookup_month(const char *w)
{
    size_t      len = strlen(w);

    if (len < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (strncmp(month_names[i], w, len) == 0 || (len == 4 && strncmp(w, "sept", 4) == 0 && i == 8))
            return i + 1;
    return 0;
}

static bool
is_weekday(const char *w)
{
    static const char *const days[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    size_t      len = strlen(w);

    if (len < 3)
        return false;
    for (int i = 0; i < 7; i++)
        if (strncmp(days[i], w, len) == 0)
            return true;
    return false;
}

/* Parse "H:M[:S[.frac]]" at p; returns false on syntax error. */
static bool
parse_time_field(const char *s, AdtParsed *r)
{
    const char *p = s;
    char       *end;
    long        h, m, sec = 0;
    long        usec = 0;

    h = strtol(p, &end, 10);
    if (end == p || *end != ':')
        return false;
    p = end + 1;
    m = strtol(p, &end, 10);
    if (end == p || end - p > 2)
        return false;
    p = end;
    if (*p == ':')
    {
        p++;
        sec = strtol(p, &end, 10);
        if (end == p || end - p > 2)
            return false;
        p = end;
    }
    if (*p == '.')
    {
        int         digits = 0;
        long        scale = 100000;

        p++;
        while (isdigit((unsigned char) *p))
        {
            if (digits < 6)
                usec += (*p - '0') * scale;
            else if (digits == 6 && *p >= '5')
                usec++;         /* round at microseconds */
            scale /= 10;
            digits++;
            p++;
        }
    }
    if (*p != '\0')
        return false;
    if (h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 60 ||
        (h == 24 && (m > 0 || sec > 0 || usec > 0)))
        r->out_of_range = true;
    if (usec >= 1000000)
    {
        usec -= 1000000;
        sec++;
    }
    r->tm.hour = (int) h;
    r->tm.min = (int) m;
    r->tm.sec = (int) sec;
    r->tm.usec = (int) usec;
    r->have_time = true;
    return true;
}

static bool
set_date(AdtParsed *r, long y, long m, long d)
{
    if (r->have_date)
        return false;
    r->tm.year = (int) y;
    r->tm.mon = (int) m;
    r->tm.mday = (int) d;
    r->have_date = true;
    if (m > 12 || m < 1)
        r->month_overflow = true;
    return true;
}

/* Split a token of digits separated by sep into up to 3 numbers. */
static int
split_numbers(const char *tok, char sep, long out[3], int widths[3])
{
    int         n = 0;
    const char *p = tok;

    while (n < 3)
    {
        const char *start = p;

        if (!isdigit((unsigned char) *p))
            return -1;
        out[n] = 0;
        while (isdigit((unsigned char) *p))
        {
            if (p - start > 9)
                return -1;
            out[n] = out[n] * 10 + (*p++ - '0');
        }
        widths[n] = (int) (p - start);
        n++;
        if (*p == '\0')
            return n;
        if (*p != sep)
            return -1;
        p++;
    }
    return -1;
}

/*
 * AdtParseDateTime -- parse str into *r.  Returns false on a syntax error;
 * range problems are flagged in r (out_of_range / month_overflow) so the
 * caller can raise the right message for its type.
 */
bool
AdtParseDateTime(const char *str, AdtParsed *r)
{
    char       *buf = pstrdup(str);
    char       *tokens[32];
    char       *orig_tokens[32];
    int         ntok = 0;
    char       *p = buf;
    long        pending_nums[3];
    int         npending = 0;
    int         month_word = 0;
    bool        bc = false;
    int         ampm = 0;       /* 1 am, 2 pm */

    memset(r, 0, sizeof(*r));
    /* tokenize on whitespace and commas; split "dateTtime" */
    while (*p)
    {
        while (isspace((unsigned char) *p) || *p == ',')
            p++;
        if (!*p)
            break;
        if (ntok >= 30)
            return false;
        tokens[ntok++] = p;
        while (*p && !isspace((unsigned char) *p) && *p != ',')
            p++;
        if (*p)
            *p++ = '\0';
    }
    for (int i = 0; i < ntok; i++)
    {
        char       *t = tokens[i];
        char       *tpos;

        /* 2020-01-05T10:11:12 */
        if (isdigit((unsigned char) t[0]) && (tpos = strpbrk(t, "Tt")) != NULL && tpos > t &&
            isdigit((unsigned char) tpos[-1]) && isdigit((unsigned char) tpos[1]) && ntok < 31)
        {
            *tpos = '\0';
            memmove(&tokens[i + 2], &tokens[i + 1], sizeof(char *) * (ntok - i - 1));
            tokens[i + 1] = tpos + 1;
            ntok++;
        }
    }
    for (int i = 0; i < ntok; i++)
    {
        orig_tokens[i] = pstrdup(tokens[i]);
        for (char *q = tokens[i]; *q; q++)
            *q = (char) tolower((unsigned char) *q);
    }

    for (int i = 0; i < ntok; i++)
    {
        char       *t = tokens[i];
        long        nums[3];
        int         widths[3];
        int         n;

        if (strcmp(t, "epoch") == 0 || strcmp(t, "infinity") == 0 || strcmp(t, "+infinity") == 0 ||
            strcmp(t, "-infinity") == 0 || strcmp(t, "now") == 0 || strcmp(t, "today") == 0 ||
            strcmp(t, "tomorrow") == 0 || strcmp(t, "yesterday") == 0 || strcmp(t, "allballs") == 0)
        {
            if (r->special != NULL && strcmp(t, "allballs") != 0)
                return false;
            if (strcmp(t, "allballs") == 0)
            {
                r->have_time = true;
                continue;
            }
            r->special = (t[0] == '+') ? "infinity" : pstrdup(t);
            continue;
        }
        if (isdigit((unsigned char) t[0]) && strchr(t, ':') != NULL)
        {
            /* time, possibly with an attached zone: 10:11:12+02, 10:11z */
            char       *z = strpbrk(t, "+-z");
            char       *oz = z ? orig_tokens[i] + (z - t) : NULL;

            if (z)
            {
                if (*z == 'z')
                {
                    if (z[1] != '\0')
                        return false;
                    r->have_tz = true;
                    r->tm.tz_offset = 0;
                }
                else
                {
                    int         off;

                    if (!parse_offset(oz, &off))
                        return false;
                    r->have_tz = true;
                    r->tm.tz_offset = off;
                }
                *z = '\0';
            }
            if (r->have_time || !parse_time_field(t, r))
                return false;
            continue;
        }
        if ((t[0] == '+' || t[0] == '-') && isdigit((unsigned char) t[1]) && (r->have_time || r->have_date))
        {
            int         off;

            if (!parse_offset(t, &off))
                return false;
            r->have_tz = true;
            r->tm.tz_offset = off;
            continue;
        }
        if (isdigit((unsigned char) t[0]) && ((n = split_numbers(t, '-', nums, widths)) == 3))
        {
            if (widths[0] >= 3)
            {
                if (!set_date(r, nums[0], nums[1], nums[2]))
                    return false;
            }
            else if (!set_date(r, nums[2], nums[0], nums[1]))  /* MDY */
                return false;
            continue;
        }
        if (isdigit((unsigned char) t[0]) && ((n = split_numbers(t, '/', nums, widths)) == 3))
        {
            if (widths[0] >= 3)
            {
                if (!set_date(r, nums[0], nums[1], nums[2]))
                    return false;
            }
            else if (!set_date(r, nums[2], nums[0], nums[1]))
                return false;
            continue;
        }
        if (isdigit((unsigned char) t[0]) && strchr(t, '.') && split_numbers(t, '.', nums, widths) == 3)
        {
            if (!set_date(r, nums[0], nums[1], nums[2]))
                return false;
            continue;
        }
        if (isdigit((unsigned char) t[0]))
        {
            size_t      len = strlen(t);

            for (size_t k = 0; k < len; k++)
                if (!isdigit((unsigned char) t[k]))
                    return false;
            if (len == 8 && !r->have_date && month_word == 0 && npending == 0)
            {
                long        v = atol(t);

                set_date(r, v / 10000, (v / 100) % 100, v % 100);
                continue;
            }
            if (len > 9 || npending >= 3)
                return false;
            pending_nums[npending++] = atol(t);
            continue;
        }
        if (isalpha((unsigned char) t[0]))
        {
            int         m;

            if (strcmp(t, "bc") == 0)
            {
                bc = true;
                continue;
            }
            if (strcmp(t, "ad") == 0)
                continue;
            if (strcmp(t, "am") == 0 || strcmp(t, "a.m.") == 0)
            {
                ampm = 1;
                continue;
            }
            if (strcmp(t, "pm") == 0 || strcmp(t, "p.m.") == 0)
            {
                ampm = 2;
                continue;
            }
            if (strcmp(t, "z") == 0 || strcmp(t, "utc") == 0 || strcmp(t, "gmt") == 0 ||
                strcmp(t, "zulu") == 0)
            {
                r->have_tz = true;
                r->tm.tz_offset = 0;
                continue;
            }
            if (is_weekday(t) && strchr(t, '/') == NULL)
                continue;
            if ((m = lookup_month(t)) != 0 && month_word == 0)
            {
                month_word = m;
                continue;
            }
            /* a time zone name from the tz database: resolved by the caller */
            if (r->zone_name == NULL && (r->have_date || r->have_time || npending > 0))
            {
                r->zone_name = orig_tokens[i];
                continue;
            }
            return false;
        }
        return false;
    }
    if (month_word)
    {
        /* Mon D Y  /  D Mon Y */
        if (npending != 2 || r->have_date)
            return false;
        if (pending_nums[0] > 31)
            set_date(r, pending_nums[0], month_word, pending_nums[1]);
        else
            set_date(r, pending_nums[1], month_word, pending_nums[0]);
        npending = 0;
    }
    if (npending != 0)
        return false;
    if (bc)
    {
        if (!r->have_date || r->tm.year <= 0)
            return false;
        r->tm.year = 1 - r->tm.year;
    }
    if (ampm)
    {
        if (!r->have_time || r->tm.hour > 12 || r->tm.hour == 0)
            r->out_of_range = true;
        else if (ampm == 1 && r->tm.hour == 12)
            r->tm.hour = 0;
        else if (ampm == 2 && r->tm.hour != 12)
            r->tm.hour += 12;
    }
    if (r->have_date && !r->month_overflow)
    {
        if (r->tm.mday < 1 || r->tm.mday > AdtDaysInMonth(r->tm.year, r->tm.mon))
            r->out_of_range = true;
    }
    if (r->special && (r->have_date || r->have_time) &&
        strcmp(r->special, "today") != 0 && strcmp(r->special, "tomorrow") != 0 &&
        strcmp(r->special, "yesterday") != 0)
        return false;
    return r->have_date || r->have_time || r->special != NULL;
}

/* Raise the range error for a parsed value, as PostgreSQL words it. */
void
AdtDateTimeRangeError(const char *str, bool month)
{
    if (month)
        ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                errmsg("date/time field value out of range: \"%s\"", str),
                errhint("Perhaps you need a different \"datestyle\" setting."));
    ereport(ERROR, errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
            errmsg("date/time field value out of range: \"%s\"", str));
    rdb_unreachable();
}

void
AdtDateTimeSyntaxError(const char *type_name, const char *str)
{
    ereport(ERROR, errcode(ERRCODE_INVALID_DATETIME_FORMAT),
            errmsg("invalid input syntax for type %s: \"%s\"", type_name, str));
    rdb_unreachable();
}
