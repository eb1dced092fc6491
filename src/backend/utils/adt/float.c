/*
 * float.c
 *     real (float4) and double precision (float8): input, shortest-exact
 *     output, binary I/O, comparison (NaN equal to itself and above every
 *     number, as PostgreSQL), arithmetic with overflow/underflow checks,
 *     casts to and from integers, hashing, and the math functions.
 *
 * Output: we look for the fewest significant digits (1..17, 1..9 for real)
 * whose decimal form reads back as the same binary value, then lay it out
 * as PostgreSQL 15 does (fixed notation for decimal exponents -4 .. 14,
 * -4 .. 5 for real; otherwise "1.5e-05" style with at least 2 exponent
 * digits).  This matches PostgreSQL's default extra_float_digits = 1.
 */
#include "rustydb.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

#include "adt_int.h"

void
AdtFloatOverflow(void)
{
    ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("value out of range: overflow"));
}

void
AdtFloatUnderflow(void)
{
    ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("value out of range: underflow"));
}

/*
 * AdtFloat8In -- parse num (orig is the text quoted in errors).  Accepts
 * leading/trailing blanks, NaN, [+-]Infinity, [+-]inf.
 */
double
AdtFloat8In(const char *num, const char *type_name, const char *orig)
{
    const char *p = num;
    char       *end;
    double      val;

    while (isspace((unsigned char) *p))
        p++;
    if (*p == '\0')
        AdtInvalidSyntax(type_name, orig);
    errno = 0;
    val = strtod(p, &end);
    if (end == p)
        AdtInvalidSyntax(type_name, orig);
    /* strtod accepts hex floats and "nan(...)"; PostgreSQL does not */
    for (const char *q = p; q < end; q++)
        if (*q == 'x' || *q == 'X' || *q == '(')
            AdtInvalidSyntax(type_name, orig);
    if (errno == ERANGE)
    {
        /* overflow, or underflow all the way to zero; denormals are accepted */
        if (val == 0.0 || isinf(val))
            ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                    errmsg("\"%s\" is out of range for type %s", orig, type_name));
    }
    while (isspace((unsigned char) *end))
        end++;
    if (*end != '\0')
        AdtInvalidSyntax(type_name, orig);
    return val;
}

/* Format with 'digits' significant digits in PostgreSQL's layout. */
static char *
format_shortest(double v, int max_digits, int fixed_limit)
{
    char        buf[64];
    int         digits;
    char        mant[32];
    int         exp10, nd = 0;
    char       *e;
    StringInfoData out;

    if (isnan(v))
        return pstrdup("NaN");
    if (isinf(v))
        return pstrdup(v > 0 ? "Infinity" : "-Infinity");
    if (v == 0.0)
        return pstrdup(signbit(v) ? "-0" : "0");
    for (digits = 1; digits < max_digits; digits++)
    {
        snprintf(buf, sizeof(buf), "%.*e", digits - 1, v);
        if (max_digits <= 9 ? ((float) strtod(buf, NULL) == (float) v) : (strtod(buf, NULL) == v))
            break;
    }
    snprintf(buf, sizeof(buf), "%.*e", digits - 1, v);
    /* buf: [-]d.ddde[+-]XX ; split into mantissa digits and exponent */
    e = strchr(buf, 'e');
    exp10 = atoi(e + 1);
    for (char *p = buf; p < e; p++)
        if (isdigit((unsigned char) *p))
            mant[nd++] = *p;
    while (nd > 1 && mant[nd - 1] == '0')
        nd--;
    mant[nd] = '\0';
    initStringInfo(&out);
    if (v < 0)
        appendStringInfoChar(&out, '-');
    if (exp10 < -4 || exp10 >= fixed_limit)
    {
        appendStringInfoChar(&out, mant[0]);
        if (nd > 1)
        {
            appendStringInfoChar(&out, '.');
            appendStringInfoString(&out, mant + 1);
        }
        appendStringInfo(&out, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
    else if (exp10 < 0)
    {
        appendStringInfoString(&out, "0.");
        for (int i = -1; i > exp10; i--)
            appendStringInfoChar(&out, '0');
        appendStringInfoString(&out, mant);
    }
    else
    {
        for (int i = 0; i <= exp10 || i < nd; i++)
        {
            if (i == exp10 + 1)
                appendStringInfoChar(&out, '.');
            appendStringInfoChar(&out, i < nd ? mant[i] : '0');
        }
    }
    return out.data;
}

char *
Float8ToCString(float8 value)
{
    return format_shortest(value, 17, DBL_DIG);
}

char *
Float4ToCString(float4 value)
{
    return format_shortest(value, 9, FLT_DIG);
}

Datum
float8in(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);

    RDB_RETURN_FLOAT8(AdtFloat8In(s, "double precision", s));
}

Datum
float4in(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    double      v = AdtFloat8In(s, "real", s);
    float       f = (float) v;

    if ((isinf(f) && !isinf(v)) || (f == 0.0f && v != 0.0))
        ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                errmsg("\"%s\" is out of range for type real", s));
    RDB_RETURN_FLOAT4(f);
}

Datum
float8out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(Float8ToCString(RDB_GETARG_FLOAT8(0)));
}

Datum
float4out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(Float4ToCString(RDB_GETARG_FLOAT4(0)));
}

Datum
float8recv(RDB_FUNCTION_ARGS)
{
    int64       bits = AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 8);

    return (Datum) bits;
}

Datum
float4recv(RDB_FUNCTION_ARGS)
{
    int64       bits = AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 4);

    return (Datum) (uint32) bits;
}

Datum
float8send(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, (int64) RDB_GETARG_DATUM(0), 8);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

Datum
float4send(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, (int64) (uint32) RDB_GETARG_DATUM(0), 4);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

/* ---------- comparison: NaN = NaN, NaN > everything ---------- */

static inline int
float8_cmp_internal(double a, double b)
{
    if (isnan(a))
        return isnan(b) ? 0 : 1;
    if (isnan(b))
        return -1;
    return a < b ? -1 : (a > b ? 1 : 0);
}

#define F4(n) ((double) RDB_GETARG_FLOAT4(n))
#define F8(n) RDB_GETARG_FLOAT8(n)

#define FLOAT_CMP(prefix, A, B) \
Datum prefix##eq(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) == 0); } \
Datum prefix##ne(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) != 0); } \
Datum prefix##lt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) < 0); } \
Datum prefix##le(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) <= 0); } \
Datum prefix##gt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) > 0); } \
Datum prefix##ge(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(float8_cmp_internal(A(0), B(1)) >= 0); } \
Datum bt##prefix##cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(float8_cmp_internal(A(0), B(1))); }

FLOAT_CMP(float4, F4, F4)
FLOAT_CMP(float8, F8, F8)
FLOAT_CMP(float48, F4, F8)
FLOAT_CMP(float84, F8, F4)

/* ---------- arithmetic ---------- */

static inline double
check_f8(double r, bool inf_ok, bool zero_ok)
{
    if (isinf(r) && !inf_ok)
        AdtFloatOverflow();
    if (r == 0.0 && !zero_ok)
        AdtFloatUnderflow();
    return r;
}

static inline Datum
f4_result(double r, bool inf_ok, bool zero_ok)
{
    float       f = (float) r;

    if (isinf(f) && !inf_ok)
        AdtFloatOverflow();
    if (f == 0.0f && !zero_ok)
        AdtFloatUnderflow();
    return Float4GetDatum(f);
}

static inline double
f8_div(double a, double b)
{
    if (b == 0.0 && !isnan(a))
        AdtDivisionByZero();
    return a / b;
}

#define FLOAT_ARITH(prefix, A, B, RES) \
Datum prefix##pl(RDB_FUNCTION_ARGS) \
{ double a = A(0), b = B(1); return RES(a + b, isinf(a) || isinf(b), true); } \
Datum prefix##mi(RDB_FUNCTION_ARGS) \
{ double a = A(0), b = B(1); return RES(a - b, isinf(a) || isinf(b), true); } \
Datum prefix##mul(RDB_FUNCTION_ARGS) \
{ double a = A(0), b = B(1); return RES(a * b, isinf(a) || isinf(b), a == 0.0 || b == 0.0); } \
Datum prefix##div(RDB_FUNCTION_ARGS) \
{ double a = A(0), b = B(1); return RES(f8_div(a, b), isinf(a), a == 0.0 || isinf(b)); }

static inline Datum
f8_result(double r, bool inf_ok, bool zero_ok)
{
    return Float8GetDatum(check_f8(r, inf_ok, zero_ok));
}

FLOAT_ARITH(float4, F4, F4, f4_result)
FLOAT_ARITH(float8, F8, F8, f8_result)
FLOAT_ARITH(float48, F4, F8, f8_result)
FLOAT_ARITH(float84, F8, F4, f8_result)

Datum float4um(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT4(-RDB_GETARG_FLOAT4(0)); }
Datum float8um(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(-RDB_GETARG_FLOAT8(0)); }
Datum float4up(RDB_FUNCTION_ARGS) { return RDB_GETARG_DATUM(0); }
Datum float8up(RDB_FUNCTION_ARGS) { return RDB_GETARG_DATUM(0); }
Datum float4abs(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT4(fabsf(RDB_GETARG_FLOAT4(0))); }
Datum float8abs(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(fabs(RDB_GETARG_FLOAT8(0))); }

Datum
float4larger(RDB_FUNCTION_ARGS)
{
    return float8_cmp_internal(F4(0), F4(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
float4smaller(RDB_FUNCTION_ARGS)
{
    return float8_cmp_internal(F4(0), F4(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
float8larger(RDB_FUNCTION_ARGS)
{
    return float8_cmp_internal(F8(0), F8(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
float8smaller(RDB_FUNCTION_ARGS)
{
    return float8_cmp_internal(F8(0), F8(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

/* ---------- hashing: equal values hash equal (-0 = 0; all NaNs alike) ---------- */

Datum
hashfloat8(RDB_FUNCTION_ARGS)
{
    double      v = RDB_GETARG_FLOAT8(0);
    uint64      bits;

    if (v == 0.0)
        v = 0.0;
    if (isnan(v))
        v = NAN;
    memcpy(&bits, &v, sizeof(bits));
    RDB_RETURN_INT32((int32) HashUint64(bits));
}

Datum
hashfloat4(RDB_FUNCTION_ARGS)
{
    /* hash as float8 so that cross-type hash joins float4 = float8 agree */
    double      v = RDB_GETARG_FLOAT4(0);

    return DirectFunctionCall1(hashfloat8, Float8GetDatum(v));
}

/* ---------- casts ---------- */

Datum ftod(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8((double) RDB_GETARG_FLOAT4(0)); }

Datum
dtof(RDB_FUNCTION_ARGS)
{
    double      v = RDB_GETARG_FLOAT8(0);

    return f4_result(v, isinf(v), v == 0.0);
}

Datum i2tod(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8((double) RDB_GETARG_INT16(0)); }
Datum i4tod(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8((double) RDB_GETARG_INT32(0)); }
Datum i8tod(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8((double) RDB_GETARG_INT64(0)); }
Datum i2tof(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT4((float) RDB_GETARG_INT16(0)); }
Datum i4tof(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT4((float) RDB_GETARG_INT32(0)); }
Datum i8tof(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT4((float) RDB_GETARG_INT64(0)); }

/* float -> integer: round half to even (rint), then range check */
static int64
float_to_int(double v, double lo, double hi_exclusive, const char *what)
{
    double      r = rint(v);

    if (isnan(r) || r < lo || r >= hi_exclusive)
        AdtIntOutOfRange(what);
    return (int64) r;
}

Datum dtoi2(RDB_FUNCTION_ARGS) { RDB_RETURN_INT16((int16) float_to_int(F8(0), -32768.0, 32768.0, "smallint")); }
Datum dtoi4(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) float_to_int(F8(0), -2147483648.0, 2147483648.0, "integer")); }
Datum dtoi8(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(float_to_int(F8(0), -9223372036854775808.0, 9223372036854775808.0, "bigint")); }
Datum ftoi2(RDB_FUNCTION_ARGS) { RDB_RETURN_INT16((int16) float_to_int(F4(0), -32768.0, 32768.0, "smallint")); }
Datum ftoi4(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) float_to_int(F4(0), -2147483648.0, 2147483648.0, "integer")); }
Datum ftoi8(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(float_to_int(F4(0), -9223372036854775808.0, 9223372036854775808.0, "bigint")); }

/* ---------- math functions (float8) ---------- */

Datum dround(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(rint(F8(0))); }
Datum dtrunc(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(trunc(F8(0))); }
Datum dceil(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(ceil(F8(0))); }
Datum dfloor(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(floor(F8(0))); }
Datum dpi(RDB_FUNCTION_ARGS) { (void) fcinfo; RDB_RETURN_FLOAT8(M_PI); }
Datum degrees(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(F8(0) * (180.0 / M_PI)); }
Datum radians(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(F8(0) * (M_PI / 180.0)); }
Datum dsin(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(sin(F8(0))); }
Datum dcos(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(cos(F8(0))); }
Datum dtan(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(tan(F8(0))); }
Datum datan(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(atan(F8(0))); }
Datum datan2(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(atan2(F8(0), F8(1))); }

Datum
dsign(RDB_FUNCTION_ARGS)
{
    double      v = F8(0);

    RDB_RETURN_FLOAT8(v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0));
}

Datum
dsqrt(RDB_FUNCTION_ARGS)
{
    double      v = F8(0);

    if (v < 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("cannot take square root of a negative number"));
    RDB_RETURN_FLOAT8(sqrt(v));
}

Datum
dcbrt(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_FLOAT8(cbrt(F8(0)));
}

Datum
dpow(RDB_FUNCTION_ARGS)
{
    double      a = F8(0), b = F8(1), r;

    if (a == 0.0 && b < 0.0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("zero raised to a negative power is undefined"));
    if (a < 0.0 && floor(b) != b && !isinf(b))
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("a negative number raised to a non-integer power yields a complex result"));
    r = pow(a, b);
    if (isinf(r) && !isinf(a) && !isinf(b))
        AdtFloatOverflow();
    if (r == 0.0 && a != 0.0 && !isinf(b))
        AdtFloatUnderflow();
    RDB_RETURN_FLOAT8(r);
}

Datum
dexp(RDB_FUNCTION_ARGS)
{
    double      a = F8(0), r = exp(a);

    if (isinf(r) && !isinf(a))
        AdtFloatOverflow();
    if (r == 0.0 && !isinf(a))
        AdtFloatUnderflow();
    RDB_RETURN_FLOAT8(r);
}

static void
check_log_arg(double v)
{
    if (v == 0.0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_LOG), errmsg("cannot take logarithm of zero"));
    if (v < 0.0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_LOG),
                errmsg("cannot take logarithm of a negative number"));
}

Datum
dlog1(RDB_FUNCTION_ARGS)
{
    check_log_arg(F8(0));
    RDB_RETURN_FLOAT8(log(F8(0)));
}

Datum
dlog10(RDB_FUNCTION_ARGS)
{
    check_log_arg(F8(0));
    RDB_RETURN_FLOAT8(log10(F8(0)));
}

/*
 * random() -- uniform in [0, 1).  Seeded once per process from the clock
 * and pid; setseed() reseeds.  drand48 is adequate: this is not crypto.
 */
static bool random_seeded = false;

Datum
drandom(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    if (!random_seeded)
    {
        struct timespec ts;

        clock_gettime(CLOCK_REALTIME, &ts);
        srand48((long) (ts.tv_nsec ^ ts.tv_sec ^ ((long) getpid() << 16)));
        random_seeded = true;
    }
    RDB_RETURN_FLOAT8(drand48());
}

Datum
setseed(RDB_FUNCTION_ARGS)
{
    double      seed = F8(0);

    if (seed < -1 || seed > 1 || isnan(seed))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("setseed parameter %g is out of allowed range [-1,1]", seed));
    srand48((long) (seed * 2147483647.0));
    random_seeded = true;
    RDB_RETURN_VOID();
}
