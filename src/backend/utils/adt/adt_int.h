/*
 * adt_int.h
 *     Private helpers shared by the data-type files in this directory.
 * Nothing outside src/backend/utils/adt includes this header.
 */
#ifndef ADT_INT_H
#define ADT_INT_H

#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* The generated prototypes of every SQL-callable C function. */
#include "../../catalog/builtin_protos.h"

/*
 * SQLSTATEs we need that are not (yet) in utils/error/sqlstates.list.
 * XXX: the lead owns that list; these fall back to local definitions until
 * the codes are added there (then these #ifndef blocks become dead).
 */
#ifndef ERRCODE_SUBSTRING_ERROR
#define ERRCODE_SUBSTRING_ERROR MAKE_SQLSTATE('2', '2', '0', '1', '1')
#endif
#ifndef ERRCODE_INVALID_DATETIME_FORMAT
#define ERRCODE_INVALID_DATETIME_FORMAT MAKE_SQLSTATE('2', '2', '0', '0', '7')
#endif

/* errors.c: PostgreSQL's standard messages */
extern RDB_NORETURN void AdtInvalidSyntax(const char *type_name, const char *str);
extern RDB_NORETURN void AdtOutOfRange(const char *type_name, const char *str);   /* value "..." is out of range for type X */
extern RDB_NORETURN void AdtIntOutOfRange(const char *what);    /* "integer out of range" etc. */
extern RDB_NORETURN void AdtDivisionByZero(void);

/* Overflow-checked arithmetic (true on overflow). */
#define ADD_OVERFLOWS(a, b, res) __builtin_add_overflow((a), (b), (res))
#define SUB_OVERFLOWS(a, b, res) __builtin_sub_overflow((a), (b), (res))
#define MUL_OVERFLOWS(a, b, res) __builtin_mul_overflow((a), (b), (res))

/* pqformat.c: binary send/recv helpers */
extern const char *AdtRecvBytes(StringInfo buf, int n);
extern int64 AdtRecvInt(StringInfo buf, int bytes);
extern void AdtSendBegin(StringInfo buf);
extern void AdtSendInt(StringInfo buf, int64 value, int bytes);
extern bytea *AdtSendEnd(StringInfo buf);

/* Aggregate helpers (aggregates.c) */
extern MemoryContext AdtAggContext(FunctionCallInfo fcinfo);    /* ERROR if not in an aggregate */

/* varlena.c */
#define VARSIZE_ANY_EXHDR(p) ((int) VARSIZE_EXHDR(p))
extern text *AdtTextFromBytes(const char *data, int len);
/* Length of bpchar data ignoring trailing spaces. */
extern int AdtBpcharTrueLen(const char *data, int len);
extern int AdtUtf8CharLen(unsigned char c);
extern int AdtUtf8Len(const char *s, int len);
extern int AdtUtf8Offset(const char *s, int len, int nchars);
/* Text form of argument n of any type (needs fcinfo->argtypes). */
extern char *AdtArgAsCString(FunctionCallInfo fcinfo, int n);

/* int.c: parse a signed integer with whitespace, as pg_strtoint; false on syntax error, *overflow on range error. */
extern bool AdtParseInt64(const char *s, int64 *result, bool *overflow);

/* float.c */
extern double AdtFloat8In(const char *num, const char *type_name, const char *orig);
extern void AdtFloatOverflow(void);
extern void AdtFloatUnderflow(void);

/* numeric.c: used by casts and aggregates */
extern Numeric AdtNumericFromInt128(__int128 val);
extern Numeric AdtNumericRoundToTypmod(Numeric num, int32 typmod);

/* timestamp.c / datetime.c */
extern char *AdtEncodeTimestamp(Timestamp ts, bool with_tz);
extern char *AdtEncodeDate(DateADT d);
extern char *AdtEncodeInterval(const Interval *span);
extern void AdtJ2Date(int jd, int *year, int *month, int *day);
extern int AdtDate2J(int year, int month, int day);
extern int AdtDaysInMonth(int year, int month);
extern bool AdtIsLeap(int year);

/* Broken-down time used by the date/time code. */
typedef struct AdtTm
{
    int         year;           /* astronomical would differ: 1 BC = year 0; we store -0 as BC 1 = 0? see datetime.c */
    int         mon;            /* 1..12 */
    int         mday;           /* 1..31 */
    int         hour;
    int         min;
    int         sec;
    int         usec;
    int         tz_offset;      /* seconds EAST of UTC */
    const char *tz_abbrev;
} AdtTm;

extern bool AdtTimestamp2Tm(Timestamp ts, AdtTm *tm);      /* false if out of range */
extern bool AdtTm2Timestamp(const AdtTm *tm, Timestamp *ts);
extern void AdtTimestampTzToTm(TimestampTz ts, AdtTm *tm);  /* in the session zone */
extern TimestampTz AdtTmToTimestampTz(AdtTm *tm, bool have_tz);
extern Numeric AdtNumericFromDouble(double v);

/* arrayfuncs.c */
extern Datum AdtMakeArrayResult(Oid elemtype, Datum *values, bool *nulls, int n);

#endif                          /* ADT_INT_H */
