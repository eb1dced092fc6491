/*
 * builtins.h
 *     Helpers from the data-type code (src/backend/utils/adt) that other
 *     subsystems use: text <-> C string, Datum copying, numeric and
 *     date/time helpers, version string.  The SQL-callable functions
 *     themselves are reached through the catalog (catalog/pg_builtin.h);
 *     their C prototypes live in the generated builtin_tables.h.
 */
#ifndef UTILS_BUILTINS_H
#define UTILS_BUILTINS_H

#include "fmgr.h"
#include "utils/datetime.h"
#include "utils/numeric.h"

/* varlena.c -- results palloc'd in CurrentMemoryContext */
extern text *cstring_to_text(const char *s);
extern text *cstring_to_text_with_len(const char *s, int len);
extern char *text_to_cstring(const text *t);
/* Copies at most dst_len - 1 bytes and NUL-terminates (dst_len > 0). */
extern void text_to_cstring_buffer(const text *src, char *dst, size_t dst_len);
#define CStringGetTextDatum(s) PointerGetDatum(cstring_to_text(s))
#define TextDatumGetCString(d) text_to_cstring((text *) DatumGetPointer(d))
/* Compare two text values bytewise (C collation, the only one we have). */
extern int TextCompare(const text *a, const text *b);

/* datum.c */
/* Size in bytes of a value of a type with the given typlen (-1 varlena, -2 cstring). */
extern Size DatumGetSize(Datum value, bool byval, int16 typlen);
/* Copy of a by-reference value in CurrentMemoryContext; by-value returned as is. */
extern Datum DatumCopy(Datum value, bool byval, int16 typlen);
/* Byte-image equality (not SQL equality). */
extern bool DatumImageEqual(Datum a, Datum b, bool byval, int16 typlen);

/* hashfunc.c: the hash used by every TypeHashFunction (stable across processes). */
extern uint32 HashBytes(const void *data, Size len);
extern uint32 HashUint64(uint64 value);

/* misc.c */
/* The string version() returns; psql and drivers parse its start. */
#define RDB_VERSION_BANNER \
    "PostgreSQL " RDB_PG_COMPAT_VERSION " (RustyDB " RDB_VERSION_STR ") on x86_64-pc-linux-gnu"

/* float.c: shortest text that reads back as the same value ("0.1", "1e+100", "NaN"). */
extern char *Float8ToCString(float8 value);
extern char *Float4ToCString(float4 value);

/* int.c / int8.c: parse with PostgreSQL's errors (22P02 / 22003); trailing spaces allowed. */
extern int32 Int32FromCString(const char *s);
extern int64 Int64FromCString(const char *s);

/* bool.c: accepts t/true/yes/on/1 and prefixes, as PostgreSQL; false if not a boolean. */
extern bool ParseBoolString(const char *value, bool *result);


/* quote.c: identifier quoted only if needed (quote_ident semantics); palloc'd. */
extern char *QuoteLiteral(const char *literal);

#endif                          /* UTILS_BUILTINS_H */
