/*
 * datetime_int.h
 *     Private declarations shared by datetime.c, date.c, timestamp.c,
 *     interval.c and formatting.c.  Nothing outside utils/adt includes it.
 */
#ifndef DATETIME_INT_H
#define DATETIME_INT_H

#include "adt_int.h"

/* Valid timestamp range: 4714-11-24 BC .. 294277-01-01 AD (exclusive), as PostgreSQL. */
#define MIN_TIMESTAMP INT64_C(-211813488000000000)
#define END_TIMESTAMP INT64_C(9223371331200000000)
#define DATETIME_MIN_JULIAN 0
#define DATE_END_JULIAN 2147483494      /* 5874898-01-01 */

static inline int64
floor_div64(int64 a, int64 b)
{
    int64       q = a / b;

    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int64
floor_mod64(int64 a, int64 b)
{
    return a - floor_div64(a, b) * b;
}

typedef struct AdtParsed
{
    AdtTm       tm;
    bool        have_date;
    bool        have_time;
    bool        have_tz;        /* explicit offset in tm.tz_offset */
    const char *zone_name;      /* unresolved zone word (original case) or NULL */
    const char *special;        /* "epoch", "infinity", "-infinity", "now", "today", ... */
    bool        out_of_range;
    bool        month_overflow;
} AdtParsed;

extern bool AdtParseDateTime(const char *str, AdtParsed *r);
extern RDB_NORETURN void AdtDateTimeRangeError(const char *str, bool month);
extern RDB_NORETURN void AdtDateTimeSyntaxError(const char *type_name, const char *str);
extern int AdtJ2Day(int jd);
extern TimestampTz AdtLocalToUtc(Timestamp local);
extern bool AdtZoneOffsetForName(const char *name, Timestamp local, int *offset);
extern void AdtAppendTime(StringInfo out, int hour, int min, int sec, int usec);
extern void AdtAppendTzOffset(StringInfo out, int off);

/* timestamp.c */
extern Timestamp AdtTimestampPlusInterval(Timestamp ts, const Interval *span, bool with_tz);
extern Interval *AdtMakeInterval(int32 month, int32 day, int64 time);
extern Interval *AdtParseInterval(const char *str);
extern Timestamp AdtParseTimestamp(const char *str, bool with_tz, const char *type_name);

#endif                          /* DATETIME_INT_H */
