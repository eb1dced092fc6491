/*
 * check_adt.c
 *     Unit tests for the data types, functions, operators, casts and
 *     aggregates of src/backend/utils/adt and the built-in catalog.
 *
 * Values go in and out through the types' text I/O, and operators,
 * functions, casts and aggregates are found through the catalog lookups,
 * the way the analyzer and executor use them.  Expected strings (results,
 * messages, SQLSTATEs) are what PostgreSQL 15 prints for the same input.
 */
#include "rustydb.h"

#include <check.h>

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#include "check_support.h"

/* ---------- harness ---------- */

static Oid
type_oid(const char *name)
{
    const TypeInfo *t = TypeInfoByName(name);

    ck_assert_msg(t != NULL, "unknown type %s", name);
    return t->oid;
}

/* Call fn with text arguments converted to argtypes; result as text ("NULL" for null). */
static char *
call_with_text(const FuncInfo *f, const Oid *argtypes, const char *const *vals, int nargs, Node *context)
{
    FunctionCallInfo fcinfo = palloc0(SizeForFunctionCallInfo(nargs));
    Datum       r;

    fcinfo->nargs = (short) nargs;
    fcinfo->argtypes = argtypes;
    fcinfo->result_type = f->rettype;
    fcinfo->result_typmod = -1;
    fcinfo->context = context;
    for (int i = 0; i < nargs; i++)
    {
        fcinfo->args[i].isnull = vals[i] == NULL;
        if (vals[i] == NULL && f->strict)
            return pstrdup("NULL");
        if (vals[i] != NULL)
            fcinfo->args[i].value = InputFunctionCall(argtypes[i], vals[i], -1);
    }
    r = f->fn(fcinfo);
    if (fcinfo->isnull)
        return pstrdup("NULL");
    return OutputFunctionCall(f->rettype == ANYELEMENTOID ? argtypes[0] : f->rettype, r);
}

/* Operator by name and exact argument type names ("-" left for prefix). */
static char *
op(const char *name, const char *ltype, const char *lval, const char *rtype, const char *rval)
{
    int         n;
    const OperInfo *const *c = OperCandidatesByName(name, &n);
    Oid         l = strcmp(ltype, "-") == 0 ? InvalidOid : type_oid(ltype);
    Oid         r = type_oid(rtype);

    for (int i = 0; i < n; i++)
    {
        if ((c[i]->left == l || (c[i]->left == ANYARRAYOID && OidIsValid(TypeElementOf(l)))) &&
            (c[i]->right == r || (c[i]->right == ANYARRAYOID && OidIsValid(TypeElementOf(r)))))
        {
            const FuncInfo *f = FuncInfoById(c[i]->func_oid);

            if (!OidIsValid(l))
            {
                Oid         types[1] = {r};
                const char *vals[1] = {rval};

                return call_with_text(f, types, vals, 1, NULL);
            }
            else
            {
                Oid        *types = palloc(sizeof(Oid) * 2);
                const char *vals[2] = {lval, rval};

                types[0] = l;
                types[1] = r;
                return call_with_text(f, types, vals, 2, NULL);
            }
        }
    }
    ck_abort_msg("no operator %s(%s,%s)", name, ltype, rtype);
    return NULL;
}

/* Function by name with exact argument types, e.g. fn("round", 2, "numeric", "1.25", "int4", "1"). */
static char *
fn(const char *name, int nargs, ...)
{
    va_list     ap;
    Oid        *types = palloc(sizeof(Oid) * (nargs + 1));
    const char **vals = palloc(sizeof(char *) * (nargs + 1));
    int         n;
    const FuncInfo *const *c = FuncCandidatesByName(name, &n);

    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++)
    {
        types[i] = type_oid(va_arg(ap, const char *));
        vals[i] = va_arg(ap, const char *);
    }
    va_end(ap);
    for (int i = 0; i < n; i++)
    {
        bool        match = c[i]->nargs == nargs || (c[i]->variadic && nargs >= c[i]->nargs - 1);

        for (int k = 0; match && k < nargs && k < c[i]->nargs; k++)
            match = c[i]->argtypes[k] == types[k] || c[i]->argtypes[k] == ANYOID ||
                (c[i]->argtypes[k] == ANYELEMENTOID) ||
                (c[i]->argtypes[k] == ANYARRAYOID && TypeElementOf(types[k]) != InvalidOid) ||
                (c[i]->argtypes[k] == ANYNONARRAYOID);
        if (match && !FuncIsAggregate(c[i]->oid))
            return call_with_text(c[i], types, vals, nargs, NULL);
    }
    ck_abort_msg("no function %s/%d", name, nargs);
    return NULL;
}

/* Cast through the catalog: value of type src shown as type dst. */
static char *
cast(const char *src, const char *val, const char *dst)
{
    Oid         s = type_oid(src), d = type_oid(dst);
    const CastInfo *ci = CastLookup(s, d);
    Oid        *types = palloc(sizeof(Oid));
    Datum       in;

    ck_assert_msg(ci != NULL, "no cast %s -> %s", src, dst);
    in = InputFunctionCall(s, val, -1);
    if (!OidIsValid(ci->func_oid))
        return OutputFunctionCall(d, in);
    types[0] = s;
    {
        const char *vals[1] = {val};
        const FuncInfo *f = FuncInfoById(ci->func_oid);

        return call_with_text(f, types, vals, 1, NULL);
    }
}

static char *
io(const char *type, const char *val, int32 typmod)
{
    Oid         t = type_oid(type);

    return OutputFunctionCall(t, InputFunctionCall(t, val, typmod));
}

/* Run an aggregate over text values (NULL = SQL NULL) like the executor does. */
static char *
agg(const char *name, const char *type, const char *const *vals, int n)
{
    int         nc;
    const FuncInfo *const *c = FuncCandidatesByName(name, &nc);
    Oid         t = type ? type_oid(type) : InvalidOid;
    MemoryContext aggcxt = MemoryContextCreate(CurrentMemoryContext, "agg");
    AggCallContext *ctx = palloc0(sizeof(AggCallContext));

    ctx->type = T_AggCallContext;
    ctx->agg_mcxt = aggcxt;
    for (int i = 0; i < nc; i++)
    {
        const AggInfo *ai;
        const FuncInfo *tf;
        Datum       state = 0;
        bool        state_null;
        int16       tlen;
        bool        tbyval;
        char        talign;

        if (!FuncIsAggregate(c[i]->oid))
            continue;
        if (type ? (c[i]->nargs != 1 || (c[i]->argtypes[0] != t && c[i]->argtypes[0] != ANYOID &&
                                         c[i]->argtypes[0] != ANYELEMENTOID)) : c[i]->nargs != 0)
            continue;
        ai = AggInfoByFuncId(c[i]->oid);
        tf = FuncInfoById(ai->trans_fn);
        TypeGetLenByvalAlign(ai->trans_type, &tlen, &tbyval, &talign);
        state_null = ai->init_value == NULL;
        if (!state_null)
            state = InputFunctionCall(ai->trans_type, ai->init_value, -1);
        for (int r = 0; r < (type ? n : n); r++)
        {
            FunctionCallInfo fc = palloc0(SizeForFunctionCallInfo(2));
            Oid        *types = palloc(sizeof(Oid) * 2);
            bool        isnull = type && vals[r] == NULL;
            Datum       v = isnull || !type ? 0 : InputFunctionCall(t, vals[r], -1);

            if (ai->trans_strict && isnull)
                continue;
            if (ai->trans_strict && state_null)
            {
                MemoryContext old = MemoryContextSwitchTo(aggcxt);

                state = DatumCopy(v, tbyval, tlen);
                MemoryContextSwitchTo(old);
                state_null = false;
                continue;
            }
            types[0] = ai->trans_type;
            types[1] = t;
            fc->nargs = type ? 2 : 1;
            fc->argtypes = types;
            fc->context = (Node *) ctx;
            fc->args[0].value = state;
            fc->args[0].isnull = state_null;
            fc->args[1].value = v;
            fc->args[1].isnull = isnull;
            {
                Datum       ns = tf->fn(fc);

                if (!fc->isnull && !tbyval && ai->trans_type != INTERNALOID && ns != state)
                {
                    MemoryContext old = MemoryContextSwitchTo(aggcxt);

                    ns = DatumCopy(ns, tbyval, tlen);
                    MemoryContextSwitchTo(old);
                }
                state = ns;
                state_null = fc->isnull;
            }
        }
        if (OidIsValid(ai->final_fn))
        {
            const FuncInfo *ff = FuncInfoById(ai->final_fn);
            FunctionCallInfo fc = palloc0(SizeForFunctionCallInfo(1));
            Datum       r;

            if (state_null)
                return pstrdup("NULL");
            fc->nargs = 1;
            fc->context = (Node *) ctx;
            fc->args[0].value = state;
            r = ff->fn(fc);
            if (fc->isnull)
                return pstrdup("NULL");
            return OutputFunctionCall(c[i]->rettype == ANYARRAYOID ? TypeArrayOf(t) : c[i]->rettype, r);
        }
        if (state_null)
            return pstrdup("NULL");
        return OutputFunctionCall(c[i]->rettype == ANYARRAYOID ? t : c[i]->rettype, state);
    }
    ck_abort_msg("no aggregate %s(%s)", name, type ? type : "*");
    return NULL;
}

static MemoryContext test_cxt;

static void
setup(void)
{
    MemoryContextInit();
    test_cxt = MemoryContextCreate(TopMemoryContext, "check_adt");
    MemoryContextSwitchTo(test_cxt);
    SessionTimeZoneSet("UTC");
}

static void
teardown(void)
{
    MemoryContextSwitchTo(TopMemoryContext);
    MemoryContextDelete(test_cxt);
}

/* ---------- catalog ---------- */

START_TEST(catalog_lookups)
{
    int         n;

    ck_assert_int_eq(TypeInfoByName("integer")->oid, INT4OID);
    ck_assert_int_eq(TypeInfoByName("character varying")->oid, VARCHAROID);
    ck_assert_int_eq(TypeInfoByName("int4[]")->oid, INT4ARRAYOID);
    ck_assert_int_eq(TypeArrayOf(TEXTOID), TEXTARRAYOID);
    ck_assert_int_eq(TypeElementOf(INT8ARRAYOID), INT8OID);
    ck_assert_ptr_nonnull(FuncCandidatesByName("length", &n));
    ck_assert_int_ge(n, 2);
    ck_assert_ptr_null(FuncCandidatesByName("no_such_function", &n));
    ck_assert_int_eq(n, 0);
    ck_assert_str_eq(FormatTypeWithTypmod(VARCHAROID, 24), "character varying(20)");
    ck_assert_str_eq(FormatTypeWithTypmod(NUMERICOID, NUMERIC_TYPMOD(10, 2)), "numeric(10,2)");
    ck_assert_str_eq(FormatTypeWithTypmod(INT4ARRAYOID, -1), "integer[]");
    ck_assert_str_eq(FormatTypeWithTypmod(BPCHAROID, -1), "bpchar");
    ck_assert_int_eq(CastLookup(INT4OID, INT8OID)->context, 'i');
    ck_assert_int_eq(CastLookup(INT8OID, INT4OID)->context, 'a');
    ck_assert_int_eq(CastLookup(INT4OID, BOOLOID)->context, 'e');
    ck_assert_ptr_nonnull(TypeCompareFunction(TEXTOID));
    ck_assert_ptr_nonnull(TypeHashFunction(NUMERICOID));
    ck_assert_str_eq(OperInfoById(TypeEqualityOperator(VARCHAROID))->name, "=");
    ck_assert_str_eq(OperInfoById(TypeLessThanOperator(INT4ARRAYOID))->name, "<");
    ck_assert(FuncIsAggregate(FuncCandidatesByName("count", &n)[0]->oid));
}
END_TEST

START_TEST(operator_commutators_and_negators_resolve)
{
    int         n;
    const OperInfo *const *c = OperCandidatesByName("<", &n);

    for (int i = 0; i < n; i++)
    {
        const OperInfo *com = OperInfoById(c[i]->commutator);
        const OperInfo *neg = OperInfoById(c[i]->negator);

        ck_assert_ptr_nonnull(com);
        ck_assert_str_eq(com->name, ">");
        ck_assert_int_eq(com->left, c[i]->right);
        ck_assert_ptr_nonnull(neg);
        ck_assert_str_eq(neg->name, ">=");
    }
}
END_TEST

/* ---------- integers ---------- */

START_TEST(int_io)
{
    ck_assert_str_eq(io("int4", " 12 ", -1), "12");
    ck_assert_str_eq(io("int2", "+5", -1), "5");
    ck_assert_str_eq(io("int8", "-9223372036854775808", -1), "-9223372036854775808");
    EXPECT_ERROR(io("int4", "abc", -1), "22P02 invalid input syntax for type integer: \"abc\"");
    EXPECT_ERROR(io("int4", "", -1), "22P02 invalid input syntax for type integer: \"\"");
    EXPECT_ERROR(io("int4", "99999999999", -1), "22003 value \"99999999999\" is out of range for type integer");
    EXPECT_ERROR(io("int2", "40000", -1), "22003 value \"40000\" is out of range for type smallint");
    EXPECT_ERROR(io("int8", "9223372036854775808", -1),
                 "22003 value \"9223372036854775808\" is out of range for type bigint");
}
END_TEST

START_TEST(int_arithmetic)
{
    ck_assert_str_eq(op("+", "int4", "2", "int4", "3"), "5");
    ck_assert_str_eq(op("/", "int4", "7", "int4", "2"), "3");
    ck_assert_str_eq(op("/", "int4", "-7", "int4", "2"), "-3");
    ck_assert_str_eq(op("%", "int4", "-7", "int4", "3"), "-1");
    ck_assert_str_eq(op("*", "int2", "300", "int4", "300"), "90000");
    ck_assert_str_eq(op("-", "-", NULL, "int8", "5"), "-5");
    ck_assert_str_eq(op("<", "int4", "1", "int8", "2"), "t");
    ck_assert_str_eq(op("=", "int2", "1", "int8", "1"), "t");
    EXPECT_ERROR(op("+", "int4", "2147483647", "int4", "1"), "22003 integer out of range");
    EXPECT_ERROR(op("*", "int2", "300", "int2", "300"), "22003 smallint out of range");
    EXPECT_ERROR(op("*", "int8", "9223372036854775807", "int8", "2"), "22003 bigint out of range");
    EXPECT_ERROR(op("/", "int4", "1", "int4", "0"), "22012 division by zero");
    EXPECT_ERROR(op("%", "int8", "1", "int8", "0"), "22012 division by zero");
    EXPECT_ERROR(op("/", "int4", "-2147483648", "int4", "-1"), "22003 integer out of range");
    ck_assert_str_eq(op("%", "int4", "-2147483648", "int4", "-1"), "0");
    ck_assert_str_eq(fn("abs", 1, "int4", "-3"), "3");
}
END_TEST

START_TEST(int_casts)
{
    ck_assert_str_eq(cast("int8", "42", "int4"), "42");
    EXPECT_ERROR(cast("int8", "9999999999", "int4"), "22003 integer out of range");
    ck_assert_str_eq(cast("int4", "0", "bool"), "f");
    ck_assert_str_eq(cast("float8", "2.5", "int4"), "2");
    ck_assert_str_eq(cast("float8", "3.5", "int4"), "4");
    ck_assert_str_eq(cast("float8", "-2.5", "int2"), "-2");
    EXPECT_ERROR(cast("float8", "1e10", "int4"), "22003 integer out of range");
    ck_assert_str_eq(cast("numeric", "2.5", "int4"), "3");
    ck_assert_str_eq(cast("numeric", "-2.5", "int8"), "-3");
    EXPECT_ERROR(cast("numeric", "1e20", "int8"), "22003 bigint out of range");
}
END_TEST

/* ---------- bool ---------- */

START_TEST(bool_io)
{
    ck_assert_str_eq(io("bool", "true", -1), "t");
    ck_assert_str_eq(io("bool", " YES ", -1), "t");
    ck_assert_str_eq(io("bool", "of", -1), "f");
    ck_assert_str_eq(io("bool", "0", -1), "f");
    EXPECT_ERROR(io("bool", "o", -1), "22P02 invalid input syntax for type boolean: \"o\"");
    EXPECT_ERROR(io("bool", "truex", -1), "22P02 invalid input syntax for type boolean: \"truex\"");
    ck_assert_str_eq(cast("bool", "t", "text"), "true");
    ck_assert_str_eq(cast("int4", "42", "text"), "42");
    ck_assert_str_eq(cast("text", "2020-1-2", "date"), "2020-01-02");
    ck_assert_int_eq(CastLookup(INT4OID, TEXTOID)->context, 'a');
    ck_assert_int_eq(CastLookup(TEXTOID, INT4OID)->context, 'e');
    EXPECT_ERROR(cast("text", "x", "int4"), "22P02 invalid input syntax for type integer: \"x\"");
}
END_TEST

/* ---------- floats ---------- */

START_TEST(float_output_is_shortest)
{
    ck_assert_str_eq(io("float8", "1e14", -1), "100000000000000");
    ck_assert_str_eq(io("float8", "1e15", -1), "1e+15");
    ck_assert_str_eq(io("float8", "123456789012345678", -1), "1.2345678901234568e+17");
    ck_assert_str_eq(io("float8", "0.0001", -1), "0.0001");
    ck_assert_str_eq(io("float8", "0.00001", -1), "1e-05");
    ck_assert_str_eq(io("float4", "1e6", -1), "1e+06");
    ck_assert_str_eq(io("float4", "100000", -1), "100000");
    ck_assert_str_eq(io("float4", "1234567", -1), "1.234567e+06");
    ck_assert_str_eq(io("float4", "0.1", -1), "0.1");
    ck_assert_str_eq(io("float8", "nan", -1), "NaN");
    ck_assert_str_eq(io("float8", "-inf", -1), "-Infinity");
    ck_assert_str_eq(io("float8", "-0", -1), "-0");
    ck_assert_str_eq(io("float8", "1e-310", -1), "1e-310");
    ck_assert_str_eq(op("+", "float4", "1", "float8", "0.1"), "1.1");
    ck_assert_str_eq(op("+", "float8", "0.1", "float8", "0.2"), "0.30000000000000004");
    EXPECT_ERROR(io("float8", "1e400", -1), "22003 \"1e400\" is out of range for type double precision");
    EXPECT_ERROR(io("float4", "abc", -1), "22P02 invalid input syntax for type real: \"abc\"");
    EXPECT_ERROR(io("float4", "1e39", -1), "22003 \"1e39\" is out of range for type real");
    EXPECT_ERROR(op("*", "float8", "1e308", "float8", "10"), "22003 value out of range: overflow");
    EXPECT_ERROR(op("/", "float8", "1", "float8", "0"), "22012 division by zero");
    ck_assert_str_eq(fn("round", 1, "float8", "2.5"), "2");
    ck_assert_str_eq(fn("round", 1, "float8", "-2.5"), "-2");
    EXPECT_ERROR(fn("sqrt", 1, "float8", "-1"), "2201F cannot take square root of a negative number");
    EXPECT_ERROR(fn("ln", 1, "float8", "0"), "2201E cannot take logarithm of zero");
    ck_assert_str_eq(op("=", "float8", "NaN", "float8", "NaN"), "t");
    ck_assert_str_eq(op(">", "float8", "NaN", "float8", "Infinity"), "t");
}
END_TEST

/* ---------- numeric ---------- */

START_TEST(numeric_io_and_typmod)
{
    ck_assert_str_eq(io("numeric", "  1.5e3 ", -1), "1500");
    ck_assert_str_eq(io("numeric", "1e-3", -1), "0.001");
    ck_assert_str_eq(io("numeric", "-0.0", -1), "0.0");
    ck_assert_str_eq(io("numeric", "nan", -1), "NaN");
    ck_assert_str_eq(io("numeric", ".5", -1), "0.5");
    ck_assert_str_eq(io("numeric", "5.", -1), "5");
    ck_assert_str_eq(io("numeric", "0.00001", NUMERIC_TYPMOD(10, 3)), "0.000");
    ck_assert_str_eq(io("numeric", "12345678901234567890.123456789", -1), "12345678901234567890.123456789");
    ck_assert_str_eq(io("numeric", "0.000000012", -1), "0.000000012");
    EXPECT_ERROR(io("numeric", "1.2.3", -1), "22P02 invalid input syntax for type numeric: \"1.2.3\"");
    EXPECT_ERROR(io("numeric", "123.456", NUMERIC_TYPMOD(4, 2)), "22003 numeric field overflow");
    EXPECT_ERROR(io("numeric", "1234567.891", NUMERIC_TYPMOD(5, 2)), "22003 numeric field overflow");
}
END_TEST

START_TEST(numeric_arithmetic)
{
    ck_assert_str_eq(op("/", "numeric", "1", "numeric", "3"), "0.33333333333333333333");
    ck_assert_str_eq(op("/", "numeric", "10", "numeric", "4"), "2.5000000000000000");
    ck_assert_str_eq(op("/", "numeric", "1.5", "numeric", "1000000"), "0.000001500000000000000000");
    ck_assert_str_eq(op("/", "numeric", "123456789", "numeric", "7"), "17636684.142857142857");
    ck_assert_str_eq(op("/", "numeric", "1e-20", "numeric", "3"), "0.0000000000000000000033333333333333333333");
    ck_assert_str_eq(op("/", "numeric", "100000", "numeric", "0.0003"), "333333333.33333333");
    ck_assert_str_eq(op("*", "numeric", "2.0", "numeric", "3.25"), "6.500");
    ck_assert_str_eq(op("+", "numeric", "0.1", "numeric", "0.2"), "0.3");
    ck_assert_str_eq(op("-", "numeric", "1", "numeric", "1.001"), "-0.001");
    ck_assert_str_eq(op("+", "numeric", "99999999.99", "numeric", "0.01"), "100000000.00");
    ck_assert_str_eq(op("%", "numeric", "10.5", "numeric", "3"), "1.5");
    ck_assert_str_eq(op("<", "numeric", "-1", "numeric", "0.5"), "t");
    ck_assert_str_eq(op("=", "numeric", "1.0", "numeric", "1.00"), "t");
    EXPECT_ERROR(op("/", "numeric", "1", "numeric", "0"), "22012 division by zero");
    ck_assert_str_eq(fn("sqrt", 1, "numeric", "2"), "1.414213562373095");
    ck_assert_str_eq(fn("sqrt", 1, "numeric", "100"), "10.000000000000000");
    ck_assert_str_eq(fn("sqrt", 1, "numeric", "1000000"), "1000.0000000000000");
    ck_assert_str_eq(fn("sqrt", 1, "numeric", "0.0002"), "0.01414213562373095");
    ck_assert_str_eq(fn("sqrt", 1, "numeric", "123456789.123"), "11111.11106609056");
    ck_assert_str_eq(fn("power", 2, "numeric", "2", "numeric", "10"), "1024.0000000000000000");
    ck_assert_str_eq(fn("power", 2, "numeric", "123.45", "numeric", "3"), "1881365.9636250000000000");
    ck_assert_str_eq(fn("power", 2, "numeric", "2", "numeric", "-2"), "0.2500000000000000");
    ck_assert_str_eq(fn("round", 2, "numeric", "1234.5678", "int4", "-2"), "1200");
    ck_assert_str_eq(fn("round", 1, "numeric", "2.5"), "3");
    ck_assert_str_eq(fn("round", 1, "numeric", "-2.5"), "-3");
    ck_assert_str_eq(fn("round", 2, "numeric", "1.5", "int4", "3"), "1.500");
    ck_assert_str_eq(fn("trunc", 2, "numeric", "-2.57", "int4", "1"), "-2.5");
    ck_assert_str_eq(fn("abs", 1, "numeric", "-1.50"), "1.50");
    ck_assert_str_eq(fn("sign", 1, "numeric", "-3.2"), "-1");
    ck_assert_str_eq(fn("ceil", 1, "numeric", "1.2"), "2");
    ck_assert_str_eq(fn("floor", 1, "numeric", "-1.2"), "-2");
    ck_assert_str_eq(fn("floor", 1, "numeric", "-1.0"), "-1");
    ck_assert_str_eq(cast("float8", "0.1", "numeric"), "0.1");
    ck_assert_str_eq(cast("float8", "0.333333333333333333", "numeric"), "0.333333333333333");
    ck_assert_str_eq(cast("numeric", "0.1", "float8"), "0.1");
}
END_TEST

/* ---------- date / time ---------- */

START_TEST(date_io)
{
    ck_assert_str_eq(io("date", "Jan 5 2020", -1), "2020-01-05");
    ck_assert_str_eq(io("date", "5 Jan 2020", -1), "2020-01-05");
    ck_assert_str_eq(io("date", "20200105", -1), "2020-01-05");
    ck_assert_str_eq(io("date", "01/05/2020", -1), "2020-01-05");
    ck_assert_str_eq(io("date", "January 5, 2020", -1), "2020-01-05");
    ck_assert_str_eq(io("date", " 2020-1-5 ", -1), "2020-01-05");
    ck_assert_str_eq(io("date", "0044-03-15 BC", -1), "0044-03-15 BC");
    ck_assert_str_eq(io("date", "10000-01-01", -1), "10000-01-01");
    ck_assert_str_eq(io("date", "infinity", -1), "infinity");
    ck_assert_str_eq(io("date", "epoch", -1), "1970-01-01");
    ck_assert_str_eq(io("date", "2000-02-29", -1), "2000-02-29");
    EXPECT_ERROR(io("date", "2021-02-30", -1), "22008 date/time field value out of range: \"2021-02-30\"");
    EXPECT_ERROR(io("date", "2020-13-01", -1), "22008 date/time field value out of range: \"2020-13-01\"");
    EXPECT_ERROR(io("date", "abc", -1), "22007 invalid input syntax for type date: \"abc\"");
    ck_assert_str_eq(op("-", "date", "2020-03-01", "date", "2020-01-01"), "60");
    ck_assert_str_eq(op("+", "date", "2020-01-01", "int4", "30"), "2020-01-31");
    ck_assert_str_eq(op("+", "date", "2020-01-31", "interval", "1 month"), "2020-02-29 00:00:00");
    ck_assert_str_eq(fn("make_date", 3, "int4", "2020", "int4", "2", "int4", "29"), "2020-02-29");
}
END_TEST

START_TEST(timestamp_io)
{
    ck_assert_str_eq(io("timestamptz", "2020-01-05T10:11:12.5Z", -1), "2020-01-05 10:11:12.5+00");
    ck_assert_str_eq(io("timestamp", "2020-01-05 10:11:12+05:30", -1), "2020-01-05 10:11:12");
    ck_assert_str_eq(io("timestamptz", "2020-01-05 10:11:12+05:30", -1), "2020-01-05 04:41:12+00");
    ck_assert_str_eq(io("timestamp", "epoch", -1), "1970-01-01 00:00:00");
    ck_assert_str_eq(io("timestamp", "2020-01-05 24:00:00", -1), "2020-01-06 00:00:00");
    ck_assert_str_eq(io("timestamp", "2020-01-05 10:11 pm", -1), "2020-01-05 22:11:00");
    ck_assert_str_eq(io("timestamptz", "-infinity", -1), "-infinity");
    ck_assert_str_eq(io("timestamp", "2020-01-05 10:11:12.123456789", -1), "2020-01-05 10:11:12.123457");
    ck_assert_str_eq(io("timestamp", "2020-01-05 10:11:12.5", 0), "2020-01-05 10:11:13");
    EXPECT_ERROR(io("timestamp", "2020-01-01 25:00", -1),
                 "22008 date/time field value out of range: \"2020-01-01 25:00\"");
    ck_assert_str_eq(io("time", "12:34:56.789", -1), "12:34:56.789");
    ck_assert_str_eq(io("time", "24:00", -1), "24:00:00");
    ck_assert_str_eq(io("time", "allballs", -1), "00:00:00");
    EXPECT_ERROR(io("time", "10:60", -1), "22008 date/time field value out of range: \"10:60\"");
    ck_assert(SessionTimeZoneSet("Asia/Kolkata"));
    ck_assert_str_eq(io("timestamptz", "2020-01-01 10:00:00+00", -1), "2020-01-01 15:30:00+05:30");
    ck_assert(SessionTimeZoneSet("+02"));
    ck_assert_str_eq(io("timestamptz", "2020-01-01 10:00:00+00", -1), "2020-01-01 12:00:00+02");
    ck_assert(SessionTimeZoneSet("UTC+3"));
    ck_assert_str_eq(io("timestamptz", "2020-01-01 10:00:00+00", -1), "2020-01-01 07:00:00-03");
    ck_assert(SessionTimeZoneSet("Europe/Paris"));
    ck_assert_str_eq(io("timestamptz", "2020-07-01 12:00", -1), "2020-07-01 12:00:00+02");
    ck_assert(!SessionTimeZoneSet("No/Such_Zone"));
    ck_assert(SessionTimeZoneSet("UTC"));
}
END_TEST

START_TEST(timestamp_arithmetic)
{
    ck_assert_str_eq(op("+", "timestamp", "2020-01-31", "interval", "1 month"), "2020-02-29 00:00:00");
    ck_assert_str_eq(op("-", "timestamp", "2020-03-01", "timestamp", "2020-01-01 01:00"), "59 days 23:00:00");
    ck_assert_str_eq(op("-", "timestamptz", "2020-03-01 00:00+00", "interval", "30 days"), "2020-01-31 00:00:00+00");
    ck_assert_str_eq(op("<", "date", "2020-01-01", "timestamp", "2020-01-01 00:00:01"), "t");
    ck_assert_str_eq(fn("date_trunc", 2, "text", "month", "timestamp", "2020-05-17 10:11:12"), "2020-05-01 00:00:00");
    ck_assert_str_eq(fn("date_trunc", 2, "text", "week", "timestamp", "2020-05-17 10:11:12"), "2020-05-11 00:00:00");
    ck_assert_str_eq(fn("date_trunc", 2, "text", "hour", "timestamptz", "2020-05-17 10:11:12+00"),
                     "2020-05-17 10:00:00+00");
    ck_assert_str_eq(fn("extract", 2, "text", "second", "timestamp", "2020-01-01 10:00:05.5"), "5.500000");
    ck_assert_str_eq(fn("extract", 2, "text", "epoch", "timestamp", "2020-01-01"), "1577836800.000000");
    ck_assert_str_eq(fn("extract", 2, "text", "epoch", "date", "2020-01-01"), "1577836800");
    ck_assert_str_eq(fn("extract", 2, "text", "dow", "date", "2020-01-05"), "0");
    ck_assert_str_eq(fn("date_part", 2, "text", "year", "timestamp", "2020-01-01"), "2020");
    ck_assert_str_eq(fn("age", 2, "timestamp", "2020-03-15", "timestamp", "2019-01-20 10:00"),
                     "1 year 1 mon 25 days 14:00:00");
    ck_assert_str_eq(fn("extract", 2, "text", "week", "timestamp", "2021-01-01"), "53");
    EXPECT_ERROR(fn("date_trunc", 2, "text", "fortnight", "timestamp", "2020-01-01"),
                 "22023 unit \"fortnight\" not recognized for type timestamp without time zone");
}
END_TEST

START_TEST(interval_io_and_arithmetic)
{
    ck_assert_str_eq(io("interval", "-1 day 2 hours", -1), "-1 days +02:00:00");
    ck_assert_str_eq(io("interval", "1 year 2 months 3 days 04:05:06.5", -1), "1 year 2 mons 3 days 04:05:06.5");
    ck_assert_str_eq(io("interval", "1.5 months", -1), "1 mon 15 days");
    ck_assert_str_eq(io("interval", "1.5 days", -1), "1 day 12:00:00");
    ck_assert_str_eq(io("interval", "100 hours", -1), "100:00:00");
    ck_assert_str_eq(io("interval", "-1:30", -1), "-01:30:00");
    ck_assert_str_eq(io("interval", "0", -1), "00:00:00");
    ck_assert_str_eq(io("interval", "@ 1 day ago", -1), "-1 days");
    ck_assert_str_eq(io("interval", "1 week", -1), "7 days");
    ck_assert_str_eq(io("interval", "10", -1), "00:00:10");
    ck_assert_str_eq(io("interval", "1.5 years", -1), "1 year 6 mons");
    ck_assert_str_eq(io("interval", "1.3 months", -1), "1 mon 9 days");
    ck_assert_str_eq(io("interval", "P1Y2M3DT4H5M6S", -1), "1 year 2 mons 3 days 04:05:06");
    ck_assert_str_eq(io("interval", "1 day -1 hour", -1), "1 day -01:00:00");
    ck_assert_str_eq(io("interval", "2 hours 30 minutes ago", -1), "-02:30:00");
    ck_assert_str_eq(io("interval", "1 year -1 mon", -1), "11 mons");
    ck_assert_str_eq(io("interval", "-1 mon +2 days", -1), "-1 mons +2 days");
    EXPECT_ERROR(io("interval", "1 foo", -1), "22007 invalid input syntax for type interval: \"1 foo\"");
    ck_assert_str_eq(op("*", "interval", "1 day", "float8", "1.5"), "1 day 12:00:00");
    ck_assert_str_eq(op("/", "interval", "1 mon", "float8", "7"), "4 days 06:51:25.6896");
    ck_assert_str_eq(op("=", "interval", "1 mon", "interval", "30 days"), "t");
    ck_assert_str_eq(fn("justify_hours", 1, "interval", "36 hours"), "1 day 12:00:00");
    ck_assert_str_eq(fn("justify_days", 1, "interval", "45 days"), "1 mon 15 days");
    ck_assert_str_eq(fn("extract", 2, "text", "epoch", "interval", "1 year 1 mon 1 day 1 second"), "34236001.000000");
    ck_assert_str_eq(fn("date_part", 2, "text", "hour", "interval", "36 hours"), "36");
}
END_TEST

/* ---------- character types and string functions ---------- */

START_TEST(char_types)
{
    ck_assert_str_eq(io("varchar", "abc", 7), "abc");
    EXPECT_ERROR(io("varchar", "abcd", 7), "22001 value too long for type character varying(3)");
    ck_assert_str_eq(io("varchar", "ab   ", 7), "ab ");
    ck_assert_str_eq(io("bpchar", "ab", 8), "ab  ");
    EXPECT_ERROR(io("bpchar", "abcd", 7), "22001 value too long for type character(3)");
    ck_assert_str_eq(op("=", "bpchar", "abc  ", "bpchar", "abc"), "t");
    ck_assert_str_eq(fn("length", 1, "bpchar", "ab  "), "2");
    ck_assert_str_eq(cast("bpchar", "ab  ", "text"), "ab");
    ck_assert_str_eq(op("||", "text", "ab", "text", "c"), "abc");
    ck_assert_str_eq(fn("textanycat", 2, "text", "n=", "int4", "5"), "n=5");
    ck_assert_str_eq(op("<", "text", "B", "text", "a"), "t");
    ck_assert_str_eq(io("name", "abc", -1), "abc");
    ck_assert_str_eq(io("bytea", "\\x41", -1), "\\x41");
    ck_assert_str_eq(io("bytea", "abc", -1), "\\x616263");
    ck_assert_str_eq(io("bytea", "a\\\\b\\001", -1), "\\x615c6201");
    EXPECT_ERROR(io("bytea", "\\x4", -1), "22023 invalid hexadecimal data: odd number of digits");
}
END_TEST

START_TEST(string_functions)
{
    ck_assert_str_eq(fn("initcap", 1, "text", "hello wORLD-foo bar_baz"), "Hello World-Foo Bar_Baz");
    ck_assert_str_eq(fn("split_part", 3, "text", "a,b,c", "text", ",", "int4", "-1"), "c");
    ck_assert_str_eq(fn("split_part", 3, "text", "a,b,c", "text", ",", "int4", "2"), "b");
    ck_assert_str_eq(fn("lpad", 3, "text", "hi", "int4", "5", "text", "xy"), "xyxhi");
    ck_assert_str_eq(fn("rpad", 2, "text", "hello", "int4", "3"), "hel");
    ck_assert_str_eq(fn("left", 2, "text", "abc", "int4", "-1"), "ab");
    ck_assert_str_eq(fn("right", 2, "text", "abc", "int4", "-1"), "bc");
    ck_assert_str_eq(fn("substr", 3, "text", "hello", "int4", "0", "int4", "3"), "he");
    ck_assert_str_eq(fn("substr", 2, "text", "hello", "int4", "2"), "ello");
    EXPECT_ERROR(fn("substr", 3, "text", "hello", "int4", "1", "int4", "-1"),
                 "22011 negative substring length not allowed");
    ck_assert_str_eq(fn("strpos", 2, "text", "hello", "text", "lo"), "4");
    ck_assert_str_eq(fn("btrim", 2, "text", "xxhixx", "text", "x"), "hi");
    ck_assert_str_eq(fn("btrim", 1, "text", "  hi  "), "hi");
    ck_assert_str_eq(fn("repeat", 2, "text", "ab", "int4", "0"), "");
    ck_assert_str_eq(fn("repeat", 2, "text", "ab", "int4", "3"), "ababab");
    ck_assert_str_eq(fn("reverse", 1, "text", "abc"), "cba");
    ck_assert_str_eq(fn("translate", 3, "text", "hello", "text", "el", "text", "ip"), "hippo");
    ck_assert_str_eq(fn("replace", 3, "text", "aaa", "text", "a", "text", "bb"), "bbbbbb");
    ck_assert_str_eq(fn("to_hex", 1, "int4", "255"), "ff");
    ck_assert_str_eq(fn("chr", 1, "int4", "65"), "A");
    ck_assert_str_eq(fn("ascii", 1, "text", "A"), "65");
    ck_assert_str_eq(fn("upper", 1, "text", "abc"), "ABC");
    ck_assert_str_eq(fn("length", 1, "text", "h\xc3\xa9llo"), "5");
    ck_assert_str_eq(fn("octet_length", 1, "text", "h\xc3\xa9llo"), "6");
    ck_assert_str_eq(fn("overlay", 4, "text", "Txxxxas", "text", "hom", "int4", "2", "int4", "4"), "Thomas");
    ck_assert_str_eq(fn("md5", 1, "text", "abc"), "900150983cd24fb0d6963f7d28e17f72");
    ck_assert_str_eq(fn("md5", 1, "text", ""), "d41d8cd98f00b204e9800998ecf8427e");
    ck_assert_str_eq(fn("quote_ident", 1, "text", "Foo"), "\"Foo\"");
    ck_assert_str_eq(fn("quote_ident", 1, "text", "foo"), "foo");
    ck_assert_str_eq(fn("quote_ident", 1, "text", "select"), "\"select\"");
    ck_assert_str_eq(fn("quote_literal", 1, "text", "it's"), "'it''s'");
    ck_assert_str_eq(fn("quote_literal", 1, "text", "a\\b"), "E'a\\\\b'");
    ck_assert_str_eq(fn("starts_with", 2, "text", "abc", "text", "ab"), "t");
    ck_assert_str_eq(fn("concat", 4, "text", "a", "text", NULL, "int4", "1", "bool", "t"), "a1t");
    ck_assert_str_eq(fn("concat_ws", 4, "text", ",", "text", "a", "text", NULL, "text", "b"), "a,b");
    ck_assert_str_eq(fn("pg_typeof", 1, "numeric", "1.5"), "numeric");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "int8", "10239"), "10239 bytes");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "int8", "10752"), "11 kB");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "int8", "-10752"), "-11 kB");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "int8", "20971519"), "20 MB");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "int8", "12345678901234"), "11 TB");
    ck_assert_str_eq(fn("pg_size_pretty", 1, "numeric", "1e20"), "88818 PB");
    ck_assert_str_eq(fn("version", 0), "PostgreSQL 15.0 (RustyDB 0.1.0) on x86_64-pc-linux-gnu");
}
END_TEST

START_TEST(like_and_regex)
{
    ck_assert_str_eq(op("~~", "bpchar", "ab", "text", "ab"), "t");
    ck_assert_str_eq(op("~~", "text", "abc", "text", "a%"), "t");
    ck_assert_str_eq(op("~~", "text", "abc", "text", "a_c"), "t");
    ck_assert_str_eq(op("~~", "text", "abc", "text", "a_"), "f");
    ck_assert_str_eq(op("~~", "text", "a%c", "text", "a\\%c"), "t");
    ck_assert_str_eq(op("~~", "text", "abXc", "text", "a\\%c"), "f");
    ck_assert_str_eq(op("~~*", "text", "AbC", "text", "a_c"), "t");
    ck_assert_str_eq(op("!~~", "text", "abc", "text", "%d%"), "t");
    ck_assert_str_eq(op("~~", "text", "", "text", "%"), "t");
    ck_assert_str_eq(op("~~", "text", "h\xc3\xa9", "text", "h_"), "t");
    EXPECT_ERROR(op("~~", "text", "abc", "text", "ab\\"), "22025 LIKE pattern must not end with escape character");
    ck_assert_str_eq(fn("like_escape", 2, "text", "a#_b", "text", "#"), "a\\_b");
    EXPECT_ERROR(fn("like_escape", 2, "text", "a", "text", "xy"), "22025 invalid escape string");
    ck_assert_str_eq(op("~", "text", "abc", "text", "^a.c$"), "t");
    ck_assert_str_eq(op("~", "text", "abc", "text", "B"), "f");
    ck_assert_str_eq(op("~*", "text", "abc", "text", "B"), "t");
    ck_assert_str_eq(op("!~", "text", "abc", "text", "x"), "t");
    ck_assert(strncmp(op("!~*", "text", "abc", "text", "X"), "t", 1) == 0);
    EXPECT_ERROR(op("~", "text", "abc", "text", "("),
                 "2201B invalid regular expression: missing closing parenthesis");
    ck_assert_str_eq(fn("regexp_replace", 4, "text", "foobarbaz", "text", "b(..)", "text", "X\\1Y", "text", "g"),
                     "fooXarYXazY");
    ck_assert_str_eq(fn("regexp_replace", 3, "text", "abc", "text", "b", "text", "X"), "aXc");
    ck_assert_str_eq(fn("regexp_match", 2, "text", "foobarbequebaz", "text", "(bar)(beque)"), "{bar,beque}");
    ck_assert_str_eq(fn("regexp_split_to_array", 2, "text", "hello world", "text", "\\s+"), "{hello,world}");
    ck_assert_str_eq(fn("substring", 2, "text", "foobar", "text", "o.b"), "oob");
    ck_assert_str_eq(fn("substring", 2, "text", "foobar", "text", "o(.)b"), "o");
    ck_assert_str_eq(fn("similar_to_escape", 1, "text", "a_b%"), "^(?:a.b.*)$");
}
END_TEST

START_TEST(to_char_and_friends)
{
    ck_assert_str_eq(fn("to_char", 2, "timestamp", "2020-03-05 14:07:09.123456", "text",
                        "YYYY-MM-DD HH24:MI:SS.MS.US HH12 AM pm Mon Month Dy Day FMMonth FMDD DD D DDD Q J yy YYY"),
                     "2020-03-05 14:07:09.123.123456 02 PM pm Mar March     Thu Thursday  March 5 05 5 065 1 2458914 20 020");
    ck_assert_str_eq(fn("to_char", 2, "numeric", "1234.5", "text", "9999.99"), " 1234.50");
    ck_assert_str_eq(fn("to_char", 2, "numeric", "-1234.5", "text", "9,999.99"), "-1,234.50");
    ck_assert_str_eq(fn("to_char", 2, "numeric", "0.5", "text", "0.99"), " 0.50");
    ck_assert_str_eq(fn("to_char", 2, "int4", "12", "text", "0000"), " 0012");
    ck_assert_str_eq(fn("to_char", 2, "numeric", "1234567.891", "text", "FM9,999,999.00"), "1,234,567.89");
    ck_assert_str_eq(fn("to_char", 2, "int4", "5", "text", "9"), " 5");
    ck_assert_str_eq(fn("to_char", 2, "int4", "123", "text", "99"), " ##");
    ck_assert_str_eq(fn("to_char", 2, "numeric", "-5.5", "text", "FM999.9"), "-5.5");
    ck_assert_str_eq(fn("to_char", 2, "float8", "3.14159", "text", "9.99"), " 3.14");
    ck_assert_str_eq(fn("to_char", 2, "int4", "42", "text", "FM999"), "42");
    ck_assert_str_eq(fn("to_char", 2, "int4", "0", "text", "9.99"), "  .00");
    ck_assert_str_eq(fn("to_char", 2, "int4", "-5", "text", "9999"), "   -5");
    ck_assert_str_eq(fn("to_char", 2, "interval", "1 day 02:03:04", "text", "HH24:MI:SS"), "02:03:04");
    ck_assert_str_eq(fn("to_date", 2, "text", "05 Mar 2020", "text", "DD Mon YYYY"), "2020-03-05");
    ck_assert_str_eq(fn("to_date", 2, "text", "20200305", "text", "YYYYMMDD"), "2020-03-05");
    ck_assert_str_eq(fn("to_timestamp", 2, "text", "2020-03-05 14:07:09", "text", "YYYY-MM-DD HH24:MI:SS"),
                     "2020-03-05 14:07:09+00");
    ck_assert_str_eq(fn("to_timestamp", 1, "float8", "1583417229.5"), "2020-03-05 14:07:09.5+00");
}
END_TEST

/* Drive a set-returning function to completion; rows joined with ','. */
static char *
srf(const char *name, int nargs, const char *t1, const char *v1, const char *t2, const char *v2,
    const char *t3, const char *v3)
{
    int         n;
    const FuncInfo *const *c = FuncCandidatesByName(name, &n);
    const char *types[3] = {t1, t2, t3};
    const char *vals[3] = {v1, v2, v3};
    Oid        *oids = palloc(sizeof(Oid) * 3);

    for (int i = 0; i < nargs; i++)
        oids[i] = type_oid(types[i]);
    for (int i = 0; i < n; i++)
    {
        bool        match = c[i]->nargs == nargs && c[i]->retset;
        ReturnSetInfo *rsi;
        FunctionCallInfo fcinfo;
        StringInfoData out;

        for (int k = 0; match && k < nargs; k++)
            match = c[i]->argtypes[k] == oids[k] || c[i]->argtypes[k] == ANYARRAYOID;
        if (!match)
            continue;
        rsi = palloc0(sizeof(ReturnSetInfo));
        rsi->type = T_ReturnSetInfo;
        rsi->multi_call_mcxt = CurrentMemoryContext;
        fcinfo = palloc0(SizeForFunctionCallInfo(nargs));
        fcinfo->nargs = (short) nargs;
        fcinfo->argtypes = oids;
        fcinfo->context = (Node *) rsi;
        for (int k = 0; k < nargs; k++)
            fcinfo->args[k].value = InputFunctionCall(oids[k], vals[k], -1);
        initStringInfo(&out);
        for (int row = 0; row < 1000; row++)
        {
            Datum       d;

            fcinfo->isnull = false;
            d = c[i]->fn(fcinfo);
            if (rsi->is_done)
                break;
            if (row > 0)
                appendStringInfoChar(&out, ',');
            appendStringInfoString(&out, fcinfo->isnull ? "NULL" :
                                   OutputFunctionCall(c[i]->rettype == ANYELEMENTOID ? TypeElementOf(oids[0]) :
                                                      c[i]->rettype, d));
        }
        return out.data;
    }
    ck_abort_msg("no SRF %s", name);
    return NULL;
}

START_TEST(set_returning_functions)
{
    ck_assert_str_eq(srf("generate_series", 2, "int4", "1", "int4", "3", NULL, NULL), "1,2,3");
    ck_assert_str_eq(srf("generate_series", 3, "int4", "10", "int4", "1", "int4", "-4"), "10,6,2");
    ck_assert_str_eq(srf("generate_series", 2, "int4", "3", "int4", "1", NULL, NULL), "");
    ck_assert_str_eq(srf("generate_series", 3, "int8", "9223372036854775806", "int8", "9223372036854775807",
                         "int8", "1"), "9223372036854775806,9223372036854775807");
    ck_assert_str_eq(srf("generate_series", 3, "numeric", "0.5", "numeric", "2", "numeric", "0.5"), "0.5,1.0,1.5,2.0");
    ck_assert_str_eq(srf("generate_series", 3, "timestamp", "2020-01-31", "timestamp", "2020-04-30",
                         "interval", "1 month"),
                     "2020-01-31 00:00:00,2020-02-29 00:00:00,2020-03-29 00:00:00,2020-04-29 00:00:00");
    ck_assert_str_eq(srf("unnest", 1, "_int4", "{1,NULL,3}", NULL, NULL, NULL, NULL), "1,NULL,3");
    EXPECT_ERROR(srf("generate_series", 3, "int4", "1", "int4", "3", "int4", "0"),
                 "22023 step size cannot equal zero");
}
END_TEST

/* ---------- arrays ---------- */

START_TEST(arrays)
{
    ck_assert_str_eq(io("_int4", "{1,2,3}", -1), "{1,2,3}");
    ck_assert_str_eq(io("_int4", " { 1 , NULL ,3 } ", -1), "{1,NULL,3}");
    ck_assert_str_eq(io("_text", "{a,\"b c\",\"NULL\",\"\",\"x\\\"y\"}", -1), "{a,\"b c\",\"NULL\",\"\",\"x\\\"y\"}");
    ck_assert_str_eq(io("_text", "{}", -1), "{}");
    ck_assert_str_eq(io("_numeric", "{1.50,2}", -1), "{1.50,2}");
    ck_assert_str_eq(io("_float8", "{1.5,NaN}", -1), "{1.5,NaN}");
    EXPECT_ERROR(io("_int4", "1,2", -1), "22P02 malformed array literal: \"1,2\"");
    EXPECT_ERROR(io("_int4", "{1,2", -1), "22P02 malformed array literal: \"{1,2\"");
    EXPECT_ERROR(io("_int4", "{1,x}", -1), "22P02 invalid input syntax for type integer: \"x\"");
    ck_assert_str_eq(fn("array_length", 2, "_int4", "{1,2,3}", "int4", "1"), "3");
    ck_assert_str_eq(fn("array_length", 2, "_int4", "{}", "int4", "1"), "NULL");
    ck_assert_str_eq(fn("cardinality", 1, "_text", "{a,b}"), "2");
    ck_assert_str_eq(fn("array_to_string", 2, "_int4", "{1,NULL,3}", "text", ","), "1,3");
    ck_assert_str_eq(fn("array_to_string", 3, "_int4", "{1,NULL,3}", "text", ",", "text", "*"), "1,*,3");
    ck_assert_str_eq(op("=", "_int4", "{1,2}", "_int4", "{1,2}"), "t");
    ck_assert_str_eq(op("<", "_int4", "{1,2}", "_int4", "{1,3}"), "t");
    ck_assert_str_eq(op("<", "_int4", "{1,2}", "_int4", "{1,2,0}"), "t");
}
END_TEST

START_TEST(multidimensional_arrays)
{
    ck_assert_str_eq(io("_int4", " { {1, 2} , {3,NULL} } ", -1), "{{1,2},{3,NULL}}");
    ck_assert_str_eq(io("_text", "{{{a},{\"b c\"}},{{\"\"},{NULL}}}", -1),
                     "{{{a},{\"b c\"}},{{\"\"},{NULL}}}");
    ck_assert_str_eq(io("_int4", "{{},{}}", -1), "{}");
    EXPECT_ERROR(io("_int4", "{{1,2},{3}}", -1), "22P02 malformed array literal: \"{{1,2},{3}}\"");
    EXPECT_ERROR(io("_int4", "{{1,2},3}", -1), "22P02 malformed array literal: \"{{1,2},3}\"");
    EXPECT_ERROR(io("_int4", "{1,{2}}", -1), "22P02 malformed array literal: \"{1,{2}}\"");
    EXPECT_ERROR(io("_int4", "{{},1}", -1), "22P02 malformed array literal: \"{{},1}\"");
    EXPECT_ERROR(io("_int4", "{{{{{{{1}}}}}}}", -1),
                 "54000 number of array dimensions (7) exceeds the maximum allowed (6)");
    ck_assert_str_eq(fn("array_ndims", 1, "_int4", "{{1,2},{3,4},{5,6}}"), "2");
    ck_assert_str_eq(fn("array_length", 2, "_int4", "{{1,2},{3,4},{5,6}}", "int4", "1"), "3");
    ck_assert_str_eq(fn("array_length", 2, "_int4", "{{1,2},{3,4},{5,6}}", "int4", "2"), "2");
    ck_assert_str_eq(fn("array_length", 2, "_int4", "{{1,2},{3,4},{5,6}}", "int4", "3"), "NULL");
    ck_assert_str_eq(fn("array_upper", 2, "_int4", "{{1,2,3}}", "int4", "2"), "3");
    ck_assert_str_eq(fn("cardinality", 1, "_int4", "{{1,2},{3,4}}"), "4");
    ck_assert_str_eq(fn("array_to_string", 2, "_int4", "{{1,2},{3,4}}", "text", ","), "1,2,3,4");
    /* same elements, different shape: never equal; fewer dimensions sort first */
    ck_assert_str_eq(op("=", "_int4", "{{1,2},{3,4}}", "_int4", "{{1,2},{3,4}}"), "t");
    ck_assert_str_eq(op("=", "_int4", "{{1,2},{3,4}}", "_int4", "{1,2,3,4}"), "f");
    ck_assert_str_eq(op("<", "_int4", "{1,2,3,4}", "_int4", "{{1,2},{3,4}}"), "t");
    ck_assert_str_eq(op("<", "_int4", "{{1,2,3,4}}", "_int4", "{{1,2},{3,4}}"), "t");
    EXPECT_ERROR(fn("array_append", 2, "_int4", "{{1}}", "int4", "2"),
                 "22000 argument must be empty or one-dimensional array");
}
END_TEST

START_TEST(arrays_from_subarrays)
{
    int32       dims[2] = {2, 2};
    Datum       vals[4] = {Int32GetDatum(1), Int32GetDatum(2), Int32GetDatum(3), Int32GetDatum(4)};
    Datum       subs[3];
    bool        nulls[3] = {false, false, false};
    ArrayType  *a = ArrayConstructMD(INT4OID, vals, NULL, 2, dims, NULL);
    ArrayType  *b;

    ck_assert_str_eq(OutputFunctionCall(INT4ARRAYOID, PointerGetDatum(a)), "{{1,2},{3,4}}");
    subs[0] = subs[1] = PointerGetDatum(a);
    b = ArrayConstructFromSubarrays(INT4OID, subs, nulls, 2);
    ck_assert_int_eq(ARR_NDIM(b), 3);
    ck_assert_int_eq(ARR_NELEMS(b), 8);
    ck_assert_str_eq(OutputFunctionCall(INT4ARRAYOID, PointerGetDatum(b)),
                     "{{{1,2},{3,4}},{{1,2},{3,4}}}");
    /* NULL and empty sub-arrays alone give the empty array */
    subs[0] = PointerGetDatum(ArrayConstructEmpty(INT4OID));
    nulls[1] = true;
    b = ArrayConstructFromSubarrays(INT4OID, subs, nulls, 2);
    ck_assert_int_eq(ARR_NDIM(b), 0);
    /* mixed with a non-empty one, or with different dimensions: 2202E */
    subs[2] = PointerGetDatum(a);
    EXPECT_ERROR(ArrayConstructFromSubarrays(INT4OID, subs, nulls, 3),
                 "2202E multidimensional arrays must have array expressions with matching "
                 "dimensions");
    subs[0] = PointerGetDatum(ArrayConstruct(INT4OID, vals, NULL, 3));
    nulls[1] = false;
    subs[1] = PointerGetDatum(ArrayConstruct(INT4OID, vals, NULL, 2));
    EXPECT_ERROR(ArrayConstructFromSubarrays(INT4OID, subs, nulls, 2),
                 "2202E multidimensional arrays must have array expressions with matching "
                 "dimensions");
}
END_TEST

/* ---------- binary I/O and hashing ---------- */

static char *
binary_roundtrip(const char *type, const char *val)
{
    Oid         t = type_oid(type);
    bytea      *b = SendFunctionCall(t, InputFunctionCall(t, val, -1));
    StringInfoData buf;

    initStringInfo(&buf);
    appendBinaryStringInfo(&buf, VARDATA(b), (int) VARSIZE_EXHDR(b));
    return OutputFunctionCall(t, ReceiveFunctionCall(t, &buf, -1));
}

START_TEST(binary_io_roundtrips)
{
    static const char *const cases[][2] = {
        {"bool", "t"}, {"int2", "-32768"}, {"int4", "123456"}, {"int8", "-9223372036854775807"},
        {"float4", "1.5"}, {"float8", "-0.1"}, {"text", "h\xc3\xa9llo"}, {"varchar", "abc"},
        {"bpchar", "ab  "}, {"bytea", "\\x00ff"}, {"date", "2020-02-29"}, {"time", "12:34:56.5"},
        {"timestamp", "2020-01-01 10:00:00.25"}, {"timestamptz", "2020-01-01 10:00:00+00"},
        {"interval", "1 year 2 days 03:04:05"}, {"numeric", "-12345.6789"}, {"numeric", "0.000001"},
        {"numeric", "NaN"}, {"oid", "4294967295"}, {"name", "pg_class"},
    };

    for (size_t i = 0; i < lengthof(cases); i++)
        ck_assert_str_eq(binary_roundtrip(cases[i][0], cases[i][1]), io(cases[i][0], cases[i][1], -1));
    /* int4 on the wire is big-endian */
    {
        bytea      *b = SendFunctionCall(INT4OID, Int32GetDatum(258));

        ck_assert_int_eq(VARSIZE_EXHDR(b), 4);
        ck_assert_int_eq((unsigned char) VARDATA(b)[2], 1);
        ck_assert_int_eq((unsigned char) VARDATA(b)[3], 2);
    }
}
END_TEST

START_TEST(equal_values_hash_equal)
{
    RdbFunction h4 = TypeHashFunction(INT4OID), h8 = TypeHashFunction(INT8OID);
    RdbFunction hn = TypeHashFunction(NUMERICOID), hb = TypeHashFunction(BPCHAROID);
    RdbFunction hf4 = TypeHashFunction(FLOAT4OID), hf8 = TypeHashFunction(FLOAT8OID);

    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall1(h4, Int32GetDatum(42))),
                     DatumGetInt32(DirectFunctionCall1(h8, Int64GetDatum(42))));
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall1(hn, InputFunctionCall(NUMERICOID, "1.0", -1))),
                     DatumGetInt32(DirectFunctionCall1(hn, InputFunctionCall(NUMERICOID, "1.000", -1))));
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall1(hb, InputFunctionCall(BPCHAROID, "ab  ", -1))),
                     DatumGetInt32(DirectFunctionCall1(hb, InputFunctionCall(BPCHAROID, "ab", -1))));
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall1(hf4, Float4GetDatum(1.5f))),
                     DatumGetInt32(DirectFunctionCall1(hf8, Float8GetDatum(1.5))));
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall1(hf8, Float8GetDatum(0.0))),
                     DatumGetInt32(DirectFunctionCall1(hf8, Float8GetDatum(-0.0))));
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall2(TypeCompareFunction(TEXTOID),
                                                       CStringGetTextDatum("a"), CStringGetTextDatum("b"))), -1);
    ck_assert_int_eq(DatumGetInt32(DirectFunctionCall2(TypeCompareFunction(INTERVALOID),
                                                       InputFunctionCall(INTERVALOID, "1 mon", -1),
                                                       InputFunctionCall(INTERVALOID, "30 days", -1))), 0);
}
END_TEST

START_TEST(typmod_coercion)
{
    ck_assert_str_eq(OutputFunctionCall(VARCHAROID, ApplyTypmod(VARCHAROID, CStringGetTextDatum("abcdef"), 7, true)),
                     "abc");
    EXPECT_ERROR(ApplyTypmod(VARCHAROID, CStringGetTextDatum("abcdef"), 7, false),
                 "22001 value too long for type character varying(3)");
    ck_assert_str_eq(OutputFunctionCall(BPCHAROID, ApplyTypmod(BPCHAROID, CStringGetTextDatum("a"), 7, false)),
                     "a  ");
    ck_assert_str_eq(OutputFunctionCall(NUMERICOID, ApplyTypmod(NUMERICOID, InputFunctionCall(NUMERICOID, "2.345", -1),
                                                                NUMERIC_TYPMOD(5, 2), false)), "2.35");
    ck_assert_str_eq(OutputFunctionCall(TIMESTAMPOID,
                                        ApplyTypmod(TIMESTAMPOID, InputFunctionCall(TIMESTAMPOID, "2020-01-01 00:00:00.123456", -1),
                                                    2, false)), "2020-01-01 00:00:00.12");
}
END_TEST

/* ---------- aggregates ---------- */

START_TEST(aggregates)
{
    const char *ints[] = {"1", "2", NULL};
    const char *none[] = {NULL};
    const char *texts[] = {"a", NULL, "b", "c"};
    const char *nums[] = {"1.5", "2.25"};
    const char *bools[] = {"t", "f"};
    const char *ivs[] = {"1 day", "2 hours"};

    ck_assert_str_eq(agg("count", NULL, ints, 3), "3");
    ck_assert_str_eq(agg("count", "int4", ints, 3), "2");
    ck_assert_str_eq(agg("sum", "int4", ints, 3), "3");
    ck_assert_str_eq(agg("avg", "int4", ints, 3), "1.5000000000000000");
    ck_assert_str_eq(agg("sum", "int8", ints, 3), "3");
    ck_assert_str_eq(agg("sum", "int4", none, 1), "NULL");
    ck_assert_str_eq(agg("avg", "int4", none, 1), "NULL");
    ck_assert_str_eq(agg("count", "int4", none, 1), "0");
    ck_assert_str_eq(agg("max", "int4", ints, 3), "2");
    ck_assert_str_eq(agg("min", "text", texts, 4), "a");
    ck_assert_str_eq(agg("max", "text", texts, 4), "c");
    ck_assert_str_eq(agg("sum", "numeric", nums, 2), "3.75");
    ck_assert_str_eq(agg("avg", "numeric", nums, 2), "1.8750000000000000");
    ck_assert_str_eq(agg("avg", "float8", nums, 2), "1.875");
    ck_assert_str_eq(agg("bool_and", "bool", bools, 2), "f");
    ck_assert_str_eq(agg("bool_or", "bool", bools, 2), "t");
    ck_assert_str_eq(agg("array_agg", "text", texts, 4), "{a,NULL,b,c}");
    ck_assert_str_eq(agg("array_agg", "int4", ints, 3), "{1,2,NULL}");
    ck_assert_str_eq(agg("avg", "interval", ivs, 2), "13:00:00");
    ck_assert_str_eq(agg("sum", "interval", ivs, 2), "1 day 02:00:00");
}
END_TEST

/* the window functions are in the catalog and refuse to run outside a WindowAgg */
START_TEST(window_functions_catalog)
{
    const char *names[] = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
                           "ntile", "lag", "lead", "first_value", "last_value", "nth_value"};
    int         n;

    for (size_t i = 0; i < lengthof(names); i++)
    {
        const FuncInfo *const *c = FuncCandidatesByName(names[i], &n);

        ck_assert_int_gt(n, 0);
        for (int j = 0; j < n; j++)
        {
            ck_assert_msg(FuncIsWindow(c[j]->oid), "%s is a window function", names[i]);
            ck_assert(!FuncIsAggregate(c[j]->oid));
            ck_assert(!c[j]->strict);
        }
    }
    (void) FuncCandidatesByName("lag", &n);
    ck_assert_int_eq(n, 3);
    ck_assert(!FuncIsWindow(FuncCandidatesByName("count", &n)[0]->oid));
    ck_assert(!FuncIsWindow(FuncCandidatesByName("abs", &n)[0]->oid));
    {
        const FuncInfo *rn = FuncCandidatesByName("row_number", &n)[0];
        union
        {
            FunctionCallInfoBaseData fcinfo;
            char        space[SizeForFunctionCallInfo(0)];
        }           u;

        memset(&u, 0, sizeof(u));
        EXPECT_ERROR(rn->fn(&u.fcinfo), "XX000 window function called in non-window context");
    }
}
END_TEST

static Suite *
adt_suite(void)
{
    Suite      *s = suite_create("adt");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, catalog_lookups);
    tcase_add_test(tc, operator_commutators_and_negators_resolve);
    tcase_add_test(tc, int_io);
    tcase_add_test(tc, int_arithmetic);
    tcase_add_test(tc, int_casts);
    tcase_add_test(tc, bool_io);
    tcase_add_test(tc, float_output_is_shortest);
    tcase_add_test(tc, numeric_io_and_typmod);
    tcase_add_test(tc, numeric_arithmetic);
    tcase_add_test(tc, date_io);
    tcase_add_test(tc, timestamp_io);
    tcase_add_test(tc, timestamp_arithmetic);
    tcase_add_test(tc, interval_io_and_arithmetic);
    tcase_add_test(tc, char_types);
    tcase_add_test(tc, string_functions);
    tcase_add_test(tc, like_and_regex);
    tcase_add_test(tc, to_char_and_friends);
    tcase_add_test(tc, set_returning_functions);
    tcase_add_test(tc, arrays);
    tcase_add_test(tc, multidimensional_arrays);
    tcase_add_test(tc, arrays_from_subarrays);
    tcase_add_test(tc, binary_io_roundtrips);
    tcase_add_test(tc, equal_values_hash_equal);
    tcase_add_test(tc, typmod_coercion);
    tcase_add_test(tc, aggregates);
    tcase_add_test(tc, window_functions_catalog);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(adt_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
