/*
 * datetime.h
 *     C representations of the date/time types and the helpers other
 *     subsystems need (current time, session time zone, conversions).
 * Implemented in src/backend/utils/adt/{date,timestamp,datetime,tz}.c; the
 * formats are described in src/backend/utils/adt/README.md.
 */
#ifndef UTILS_DATETIME_H
#define UTILS_DATETIME_H

#include "rustydb.h"

/*
 * date: days since 2000-01-01 (the PostgreSQL epoch), by value, 4 bytes.
 * time: microseconds since midnight, by value, 8 bytes.
 * timestamp / timestamptz: microseconds since 2000-01-01 00:00:00 (UTC for
 * timestamptz), by value, 8 bytes.  INT64_MIN / INT64_MAX are -infinity /
 * infinity (dates: INT32_MIN / INT32_MAX).
 */
typedef int32 DateADT;
typedef int64 TimeADT;
typedef int64 Timestamp;
typedef int64 TimestampTz;

/*
 * interval: by reference, 16 bytes, 8-byte aligned.  The three fields are
 * kept apart because months and days have no fixed length.
 */
typedef struct Interval
{
    int64       time;           /* microseconds */
    int32       day;            /* days */
    int32       month;          /* months (years * 12) */
} Interval;

#define USECS_PER_SEC INT64_C(1000000)
#define USECS_PER_MINUTE INT64_C(60000000)
#define USECS_PER_HOUR INT64_C(3600000000)
#define USECS_PER_DAY INT64_C(86400000000)
#define SECS_PER_DAY 86400
#define SECS_PER_HOUR 3600
#define SECS_PER_MINUTE 60
#define MONTHS_PER_YEAR 12
#define DAYS_PER_MONTH 30       /* interval justification, as PostgreSQL */
#define POSTGRES_EPOCH_JDATE 2451545    /* Julian day of 2000-01-01 */
#define UNIX_EPOCH_JDATE 2440588        /* Julian day of 1970-01-01 */
/* Seconds between the Unix epoch and the PostgreSQL epoch. */
#define EPOCH_DIFF_SECS (INT64_C(10957) * SECS_PER_DAY)

#define DATEVAL_NOBEGIN ((DateADT) INT32_MIN)
#define DATEVAL_NOEND ((DateADT) INT32_MAX)
#define DT_NOBEGIN INT64_MIN
#define DT_NOEND INT64_MAX
#define TIMESTAMP_NOT_FINITE(t) ((t) == DT_NOBEGIN || (t) == DT_NOEND)
#define DATE_NOT_FINITE(d) ((d) == DATEVAL_NOBEGIN || (d) == DATEVAL_NOEND)

#define DatumGetDateADT(d) ((DateADT) DatumGetInt32(d))
#define DateADTGetDatum(x) Int32GetDatum(x)
#define DatumGetTimeADT(d) ((TimeADT) DatumGetInt64(d))
#define TimeADTGetDatum(x) Int64GetDatum(x)
#define DatumGetTimestamp(d) ((Timestamp) DatumGetInt64(d))
#define TimestampGetDatum(x) Int64GetDatum(x)
#define DatumGetTimestampTz(d) ((TimestampTz) DatumGetInt64(d))
#define TimestampTzGetDatum(x) Int64GetDatum(x)
#define DatumGetIntervalP(d) ((Interval *) DatumGetPointer(d))
#define IntervalPGetDatum(x) PointerGetDatum(x)

/* timestamp.c: the clock and the transaction/statement start times */
extern TimestampTz GetCurrentTimestamp(void);          /* wall clock now */
/* now(), current_timestamp, transaction_timestamp(): set by xact.c at BEGIN. */
extern TimestampTz GetCurrentTransactionStartTimestamp(void);
extern void SetCurrentTransactionStartTimestamp(TimestampTz ts);
/* statement_timestamp(): set by tcop when a client message starts executing. */
extern TimestampTz GetCurrentStatementStartTimestamp(void);
extern void SetCurrentStatementStartTimestamp(TimestampTz ts);

/* Conversions to and from Unix time (seconds or microseconds since 1970). */
extern TimestampTz TimestampTzFromUnixMicros(int64 unix_usecs);
extern int64 TimestampTzToUnixMicros(TimestampTz ts);
extern double TimestampTzToUnixSeconds(TimestampTz ts);
/* ISO text of a timestamptz in the session zone, palloc'd ("2026-01-01 10:00:00+00"). */
extern char *TimestampTzToCString(TimestampTz ts);
/* Microseconds from start to stop (may be negative). */
extern int64 TimestampDifferenceMicros(TimestampTz start, TimestampTz stop);
/* Interval -> total microseconds (month = 30 days, day = 24 h). */
extern int64 IntervalToMicros(const Interval *span);

/*
 * tz.c: the session TimeZone setting.  Accepts 'UTC'/'GMT'/'Z', fixed
 * offsets ('+02', '-05:30', 'UTC+3' POSIX style is NOT reversed: we accept
 * ISO offsets only), and names from the system tz database
 * ('Europe/Paris').  Returns false (and leaves the zone unchanged) for an
 * unknown name, so the settings code can report 22023 itself.
 */
extern bool SessionTimeZoneSet(const char *name);
extern const char *SessionTimeZoneName(void);      /* as set: "UTC", "Europe/Paris" */
/* Seconds EAST of UTC in effect at the given UTC instant in the session zone. */
extern int SessionTimeZoneOffsetAt(TimestampTz utc_ts, const char **abbrev);

#endif                          /* UTILS_DATETIME_H */
