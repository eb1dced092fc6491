/*
 * fmgr.h
 *     Calling convention for SQL-callable C functions (type I/O, operators,
 *     built-in functions, aggregate transition functions).
 *
 * A function receives a FunctionCallInfo with its arguments (values and
 * null flags) and returns a Datum, setting fcinfo->isnull for a NULL result.
 * Strict functions are never called with a NULL argument: the executor
 * returns NULL instead.  Results are allocated in CurrentMemoryContext.
 * Errors are raised with ereport(ERROR); functions never return error codes.
 * Implemented in src/backend/utils/fmgr/fmgr.c (call helpers).
 */
#ifndef FMGR_H
#define FMGR_H

#include "rustydb.h"
#include "nodes/nodes.h"

typedef struct FunctionCallInfoBaseData *FunctionCallInfo;
typedef Datum (*RdbFunction) (FunctionCallInfo fcinfo);

typedef struct FunctionCallInfoBaseData
{
    Oid         fn_oid;         /* function being called (InvalidOid if direct) */
    Node       *context;        /* e.g. aggregate state (AggCallContext) or NULL */
    void      **fn_extra;       /* per-call-site cache slot owned by the caller, or NULL */
    MemoryContext fn_mcxt;      /* context that lives as long as the call site */
    Oid         result_type;    /* expected result type, for polymorphic functions */
    int32       result_typmod;  /* expected typmod (e.g. numeric(10,2)), -1 if none */
    const Oid  *argtypes;       /* nargs actual argument type OIDs, or NULL; see below */
    bool        isnull;         /* out: result is NULL */
    short       nargs;
    NullableDatum args[FLEXIBLE_ARRAY_MEMBER];
} FunctionCallInfoBaseData;

#define SizeForFunctionCallInfo(nargs) \
    (offsetof(FunctionCallInfoBaseData, args) + sizeof(NullableDatum) * (nargs))

#define RDB_FUNCTION_ARGS FunctionCallInfo fcinfo
#define RDB_NARGS() (fcinfo->nargs)
#define RDB_ARGISNULL(n) (fcinfo->args[n].isnull)
#define RDB_GETARG_DATUM(n) (fcinfo->args[n].value)
#define RDB_GETARG_BOOL(n) DatumGetBool(RDB_GETARG_DATUM(n))
#define RDB_GETARG_CHAR(n) DatumGetChar(RDB_GETARG_DATUM(n))
#define RDB_GETARG_INT16(n) DatumGetInt16(RDB_GETARG_DATUM(n))
#define RDB_GETARG_INT32(n) DatumGetInt32(RDB_GETARG_DATUM(n))
#define RDB_GETARG_INT64(n) DatumGetInt64(RDB_GETARG_DATUM(n))
#define RDB_GETARG_OID(n) DatumGetObjectId(RDB_GETARG_DATUM(n))
#define RDB_GETARG_FLOAT4(n) DatumGetFloat4(RDB_GETARG_DATUM(n))
#define RDB_GETARG_FLOAT8(n) DatumGetFloat8(RDB_GETARG_DATUM(n))
#define RDB_GETARG_POINTER(n) DatumGetPointer(RDB_GETARG_DATUM(n))
#define RDB_GETARG_CSTRING(n) DatumGetCString(RDB_GETARG_DATUM(n))
#define RDB_GETARG_TEXT_P(n) ((text *) RDB_GETARG_POINTER(n))
#define RDB_GETARG_BYTEA_P(n) ((bytea *) RDB_GETARG_POINTER(n))

#define RDB_RETURN_DATUM(x) return (x)
#define RDB_RETURN_NULL() do { fcinfo->isnull = true; return (Datum) 0; } while (0)
#define RDB_RETURN_VOID() return (Datum) 0
#define RDB_RETURN_BOOL(x) return BoolGetDatum(x)
#define RDB_RETURN_CHAR(x) return CharGetDatum(x)
#define RDB_RETURN_INT16(x) return Int16GetDatum(x)
#define RDB_RETURN_INT32(x) return Int32GetDatum(x)
#define RDB_RETURN_INT64(x) return Int64GetDatum(x)
#define RDB_RETURN_OID(x) return ObjectIdGetDatum(x)
#define RDB_RETURN_FLOAT4(x) return Float4GetDatum(x)
#define RDB_RETURN_FLOAT8(x) return Float8GetDatum(x)
#define RDB_RETURN_POINTER(x) return PointerGetDatum(x)
#define RDB_RETURN_CSTRING(x) return CStringGetDatum(x)
#define RDB_RETURN_TEXT_P(x) return PointerGetDatum(x)
#define RDB_RETURN_BYTEA_P(x) return PointerGetDatum(x)

#define RDB_GETARG_TYPE(n) (fcinfo->argtypes ? fcinfo->argtypes[n] : InvalidOid)

/*
 * fcinfo->argtypes -- the actual (resolved) type of each argument.
 *
 * Functions declared with ANYOID / ANYELEMENTOID / ANYARRAYOID arguments
 * (concat, concat_ws, format, pg_typeof, array_agg, ANY(array) support,
 * array_length, ...) cannot work from the Datum alone.  The executor sets
 * argtypes (an array of nargs OIDs that outlives the call, e.g. in the
 * expression state) for EVERY call it makes; it may be NULL only for
 * direct calls of functions that have no polymorphic arguments.  A
 * polymorphic function called with argtypes == NULL raises XX000.
 */

/*
 * Set-returning functions (FuncInfo.retset), value-per-call protocol.
 *
 * The caller makes a ReturnSetInfo, zeroes it, sets multi_call_mcxt to a
 * context that lives until the scan ends (or is rescanned), and passes it
 * in fcinfo->context.  It then calls the function repeatedly with the SAME
 * fcinfo (same arguments) until the function sets is_done = true:
 *   - each call that leaves is_done false returns one row value (fcinfo->
 *     isnull may be set for a NULL row);
 *   - the call that sets is_done returns nothing meaningful (ignore it);
 *   - the first call sees state == NULL; the function keeps its cursor in
 *     state, allocated in multi_call_mcxt;
 *   - to rescan, reset multi_call_mcxt and zero state/is_done again.
 * Returned by-reference values are allocated in CurrentMemoryContext, so a
 * per-row context may be reset between calls.  A strict SRF with a NULL
 * argument returns no rows: the caller must not call it at all.
 */
#define T_ReturnSetInfo 1900    /* NodeTags 1900..1909 are reserved for fmgr.h */
#define T_AggCallContext 1901
#define T_WindowObject 1902     /* window function calls: executor/windowapi.h */

typedef struct ReturnSetInfo
{
    NodeTag     type;           /* T_ReturnSetInfo */
    bool        is_done;        /* out: set by the function when the set is exhausted */
    void       *state;          /* function-private cursor; NULL on the first call */
    MemoryContext multi_call_mcxt;  /* in: lives across all calls of one scan */
} ReturnSetInfo;

/*
 * Aggregates (see AggInfo in catalog/pg_builtin.h).
 *
 * The executor passes an AggCallContext in fcinfo->context to every
 * transition and final function call.  agg_mcxt lives as long as the group's
 * state (until the group is emitted / the Agg node is rescanned).
 *   - trans_type INTERNALOID: the state is a pointer to a private struct the
 *     transition function allocates in agg_mcxt on its first call (state
 *     arrives NULL); these transition functions are non-strict and handle
 *     NULL inputs themselves.  The executor never copies or frees it.
 *   - by-value state types: nothing special.
 *   - other by-reference states (numeric, interval, text): the transition
 *     function returns a value in CurrentMemoryContext; when the returned
 *     pointer differs from the old state the executor copies it into
 *     agg_mcxt (DatumCopy() in utils/builtins.h) before the next row.  The
 *     same rule applies to the first non-NULL input becoming the state of a
 *     strict transition function with a NULL initial value (min/max).
 *   - final functions must not modify the state (they may be called more
 *     than once, e.g. for window frames) and return values allocated in
 *     CurrentMemoryContext.  A NULL state with a strict final function
 *     yields NULL without calling it.
 * Calling an aggregate-only function outside an aggregate raises XX000.
 */
typedef struct AggCallContext
{
    NodeTag     type;           /* T_AggCallContext */
    MemoryContext agg_mcxt;     /* lives as long as the aggregate state */
} AggCallContext;

/* fmgr.c */

/* Direct calls with non-null arguments; ERROR if the function returns NULL. */
extern Datum DirectFunctionCall1(RdbFunction fn, Datum arg1);
extern Datum DirectFunctionCall2(RdbFunction fn, Datum arg1, Datum arg2);
extern Datum DirectFunctionCall3(RdbFunction fn, Datum arg1, Datum arg2, Datum arg3);

/* Type I/O through the catalog (utils/adt): text form <-> Datum. */
extern Datum InputFunctionCall(Oid typid, const char *str, int32 typmod);
extern char *OutputFunctionCall(Oid typid, Datum value);   /* palloc'd in current context */

/*
 * Binary I/O (protocol format 1, COPY BINARY).  ReceiveFunctionCall reads
 * the value from buf (the whole remaining buffer must be consumed, else
 * 22P03 "incorrect binary data format"); SendFunctionCall returns the value's
 * wire bytes as a bytea in the current context.  Both raise 0A000 for a
 * type without binary I/O.
 */
struct StringInfoData;
extern Datum ReceiveFunctionCall(Oid typid, struct StringInfoData *buf, int32 typmod);
extern bytea *SendFunctionCall(Oid typid, Datum value);

/*
 * Convert a value of any type to the target typmod (varchar(n) length check,
 * bpchar padding, numeric(p,s) rounding, timestamp(p) rounding).  'explicit'
 * follows SQL: an explicit cast truncates varchar/char silently instead of
 * raising 22001.  Types without typmod semantics are returned unchanged.
 */
extern Datum ApplyTypmod(Oid typid, Datum value, int32 typmod, bool explicit_cast);

#endif                          /* FMGR_H */
