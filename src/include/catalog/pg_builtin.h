/*
 * pg_builtin.h
 *     The built-in catalog: data types, functions, operators, casts and
 *     aggregates that exist in every database, with PostgreSQL's OIDs so
 *     that clients (psql, libpq, drivers) see the type OIDs they expect.
 *
 * The tables are static C data generated from one source list
 * (src/backend/catalog/builtin_*.c); lookups are by OID or by name and
 * argument types.  All returned pointers point into static data: valid
 * forever, never freed.  The analyzer does overload resolution and implicit
 * coercion on top of these lookups (parser/parse_*).
 */
#ifndef CATALOG_PG_BUILTIN_H
#define CATALOG_PG_BUILTIN_H

#include "fmgr.h"

/* ---------- type OIDs (PostgreSQL's) ---------- */
#define BOOLOID 16
#define BYTEAOID 17
#define CHAROID 18
#define NAMEOID 19
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define REGPROCOID 24
#define TEXTOID 25
#define OIDOID 26
#define XIDOID 28
#define CIDOID 29
#define JSONOID 114
#define FLOAT4OID 700
#define FLOAT8OID 701
#define UNKNOWNOID 705
#define BOOLARRAYOID 1000
#define INT2ARRAYOID 1005
#define INT4ARRAYOID 1007
#define TEXTARRAYOID 1009
#define BPCHARARRAYOID 1014
#define VARCHARARRAYOID 1015
#define INT8ARRAYOID 1016
#define FLOAT4ARRAYOID 1021
#define FLOAT8ARRAYOID 1022
#define OIDARRAYOID 1028
#define BPCHAROID 1042
#define VARCHAROID 1043
#define DATEOID 1082
#define TIMEOID 1083
#define TIMESTAMPARRAYOID 1115
#define DATEARRAYOID 1182
#define TIMESTAMPOID 1114
#define TIMESTAMPTZOID 1184
#define INTERVALOID 1186
#define NUMERICARRAYOID 1231
#define NUMERICOID 1700
#define REGCLASSOID 2205
#define REGPROCEDUREOID 2202
#define REGTYPEOID 2206
#define REGNAMESPACEOID 4089
#define RECORDOID 2249
#define CSTRINGOID 2275
#define ANYOID 2276
#define ANYARRAYOID 2277
#define VOIDOID 2278
#define ANYELEMENTOID 2283
#define INT8RANGEOID 3926
/* Added by utils/adt (types and pseudo-types the built-in functions need). */
#define BYTEAARRAYOID 1001
#define CHARARRAYOID 1002
#define NAMEARRAYOID 1003
#define TIMEARRAYOID 1183
#define TIMESTAMPTZARRAYOID 1185
#define INTERVALARRAYOID 1187
#define INTERNALOID 2281        /* aggregate state that is a private pointer */
#define ANYNONARRAYOID 2776

/* Type categories, PostgreSQL's letters (used for implicit-cast preference). */
#define TYPCATEGORY_ARRAY 'A'
#define TYPCATEGORY_BOOLEAN 'B'
#define TYPCATEGORY_DATETIME 'D'
#define TYPCATEGORY_NUMERIC 'N'
#define TYPCATEGORY_PSEUDOTYPE 'P'
#define TYPCATEGORY_STRING 'S'
#define TYPCATEGORY_TIMESPAN 'T'
#define TYPCATEGORY_USER 'U'
#define TYPCATEGORY_UNKNOWN 'X'

typedef struct TypeInfo
{
    Oid         oid;
    const char *name;           /* SQL name as format_type prints it: "integer", "text" */
    const char *internal_name;  /* catalog name: "int4", "text" */
    int16       len;            /* bytes; -1 varlena, -2 C string */
    bool        byval;
    char        align;          /* 'c' 1, 's' 2, 'i' 4, 'd' 8 */
    char        category;       /* TYPCATEGORY_* */
    bool        preferred;      /* preferred type of its category */
    Oid         elem_type;      /* for arrays: element type; else InvalidOid */
    Oid         array_type;     /* the array type over this type, or InvalidOid */
    RdbFunction input;          /* (cstring, typmod int4) -> value */
    RdbFunction output;         /* value -> cstring */
    RdbFunction recv;           /* binary input (StringInfo *, typmod) or NULL */
    RdbFunction send;           /* value -> bytea binary form, or NULL */
    RdbFunction typmod_in;      /* int4[] of modifiers -> typmod, or NULL */
    RdbFunction typmod_out;     /* typmod -> cstring like "(10,2)", or NULL */
} TypeInfo;

typedef enum FuncVolatility
{
    FUNC_IMMUTABLE = 'i',
    FUNC_STABLE = 's',
    FUNC_VOLATILE = 'v'
} FuncVolatility;

#define FUNC_MAX_ARGS 8

typedef struct FuncInfo
{
    Oid         oid;
    const char *name;           /* SQL-visible name, lower case */
    int         nargs;
    Oid         argtypes[FUNC_MAX_ARGS];   /* ANYOID/ANYELEMENTOID for polymorphic */
    bool        variadic;       /* last argument repeats (e.g. concat(any...)) */
    Oid         rettype;
    bool        strict;         /* NULL in -> NULL out, function not called */
    bool        retset;         /* set-returning (generate_series) */
    char        volatility;     /* FuncVolatility */
    RdbFunction fn;
    bool        window;         /* window function (prokind 'w'): executor/windowapi.h */
    const char *symbol;         /* the C function's name (pg_proc.prosrc) */
} FuncInfo;

typedef struct OperInfo
{
    Oid         oid;
    const char *name;           /* "+", "=", "~~" (LIKE), "||" ... */
    Oid         left;           /* InvalidOid for prefix operators */
    Oid         right;
    Oid         result;
    Oid         func_oid;       /* implementing FuncInfo */
    Oid         commutator;     /* or InvalidOid */
    Oid         negator;        /* or InvalidOid */
} OperInfo;

typedef enum CoercionContext
{
    COERCION_IMPLICIT,          /* in expressions */
    COERCION_ASSIGNMENT,        /* INSERT/UPDATE target columns */
    COERCION_EXPLICIT           /* CAST / :: */
} CoercionContext;

typedef struct CastInfo
{
    Oid         source;
    Oid         target;
    Oid         func_oid;       /* InvalidOid: binary-compatible, no call needed */
    char        context;        /* 'i' implicit, 'a' assignment, 'e' explicit */
} CastInfo;

typedef struct AggInfo
{
    Oid         func_oid;       /* the aggregate's FuncInfo (name, args, result) */
    Oid         trans_fn;       /* FuncInfo of (state, arg...) -> state */
    Oid         final_fn;       /* FuncInfo of state -> result, or InvalidOid */
    Oid         trans_type;     /* state type; INTERNALOID-like states use a pointer */
    const char *init_value;     /* text form of initial state, NULL = start NULL */
    bool        trans_strict;   /* skip NULL inputs; first non-null becomes state if init NULL */
} AggInfo;

/* Lookups: NULL / InvalidOid when absent; never ERROR. */
extern const TypeInfo *TypeInfoById(Oid typid);
extern const TypeInfo *TypeInfoByName(const char *name);   /* accepts "int4", "integer", "int", "varchar", "character varying", ... */
extern const FuncInfo *FuncInfoById(Oid funcid);
/* All functions with this name, for overload resolution; *count set. */
extern const FuncInfo *const *FuncCandidatesByName(const char *name, int *count);
extern const OperInfo *OperInfoById(Oid operid);
extern const OperInfo *OperInfoAt(int i);  /* the i-th operator (0-based); NULL past the end */
extern const OperInfo *const *OperCandidatesByName(const char *name, int *count);
extern const CastInfo *CastLookup(Oid source, Oid target);
/* The i-th cast (0-based) and the OID pg_cast shows for it; NULL past the end. */
extern const CastInfo *CastInfoAt(int i, Oid *oid);
extern const AggInfo *AggInfoByFuncId(Oid funcid);
extern bool FuncIsAggregate(Oid funcid);
extern bool FuncIsWindow(Oid funcid);      /* row_number, rank, lag, ... (not aggregates) */

/* Convenience on top of TypeInfoById(); ERROR (XX000) on an unknown type. */
extern void TypeGetLenByvalAlign(Oid typid, int16 *len, bool *byval, char *align);
extern char *FormatTypeWithTypmod(Oid typid, int32 typmod);  /* "character varying(20)" */
extern Oid TypeArrayOf(Oid elem_type);
extern Oid TypeElementOf(Oid array_type);

/* Comparison and hashing support for sort, DISTINCT, GROUP BY, hash join. */
extern RdbFunction TypeCompareFunction(Oid typid);  /* (a,b) -> int4 <0,0,>0; NULL if none */
extern RdbFunction TypeHashFunction(Oid typid);     /* (a) -> int4; NULL if none */
extern Oid TypeEqualityOperator(Oid typid);
extern Oid TypeLessThanOperator(Oid typid);

#endif                          /* CATALOG_PG_BUILTIN_H */
