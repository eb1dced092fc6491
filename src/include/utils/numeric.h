/*
 * numeric.h
 *     Arbitrary-precision decimal numbers (SQL numeric / decimal).
 * Implemented in src/backend/utils/adt/numeric*.c; the varlena layout is
 * described in src/backend/utils/adt/README.md.
 */
#ifndef UTILS_NUMERIC_H
#define UTILS_NUMERIC_H

#include "rustydb.h"

/* Opaque varlena; use the functions below or DirectFunctionCall on numeric_*. */
typedef struct NumericData *Numeric;

#define NUMERIC_MAX_PRECISION 1000
#define NUMERIC_MIN_SCALE (-1000)
#define NUMERIC_MAX_SCALE 1000
#define NUMERIC_MAX_DISPLAY_SCALE NUMERIC_MAX_PRECISION
#define NUMERIC_MIN_SIG_DIGITS 16   /* division/sqrt/ln result precision floor */

#define DatumGetNumeric(d) ((Numeric) DatumGetPointer(d))
#define NumericGetDatum(n) PointerGetDatum(n)

/*
 * typmod of numeric(p,s): ((p << 16) | (s & 0xffff)) + VARHDRSZ, -1 for none,
 * exactly as PostgreSQL stores it (clients decode it from RowDescription).
 */
#define NUMERIC_TYPMOD(p, s) ((int32) ((((p) << 16) | ((s) & 0xffff)) + VARHDRSZ))
#define NUMERIC_TYPMOD_PRECISION(t) ((((t) - VARHDRSZ) >> 16) & 0xffff)
#define NUMERIC_TYPMOD_SCALE(t) ((int16) (((t) - VARHDRSZ) & 0xffff))

/* numeric.c -- all results palloc'd in CurrentMemoryContext */
extern Numeric NumericFromInt64(int64 val);
extern Numeric NumericFromDouble(double val);      /* via shortest decimal text */
extern Numeric NumericFromCString(const char *str);   /* ERROR 22P02 on bad input */
extern char *NumericToCString(Numeric num);
extern int64 NumericToInt64(Numeric num);          /* rounds; ERROR 22003 "bigint out of range" */
extern double NumericToDouble(Numeric num);
extern bool NumericIsNaN(Numeric num);
extern int NumericCompare(Numeric a, Numeric b);   /* NaN sorts above everything, = NaN */
extern Numeric NumericAdd(Numeric a, Numeric b);
extern Numeric NumericSub(Numeric a, Numeric b);
extern Numeric NumericMul(Numeric a, Numeric b);
extern Numeric NumericDiv(Numeric a, Numeric b);   /* ERROR 22012 on zero */
extern Numeric NumericDivInt64(Numeric a, int64 b);   /* used by avg() */

#endif                          /* UTILS_NUMERIC_H */
