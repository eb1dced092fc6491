/*
 * int.c
 *     smallint (int2), integer (int4) and bigint (int8): input/output,
 *     binary I/O, comparison (same- and cross-type), arithmetic with
 *     overflow checks, casts between them and to bool/oid, hashing.
 *
 * All three are by-value.  Cross-type operators widen both operands to
 * int64 (or __int128 for int8 multiplication) and check that the result
 * fits the result type, which is always the wider operand type, as in
 * PostgreSQL.  Functions are generated with macros because the 9 type
 * pairs differ only in their argument getters and result range.
 */
#include "rustydb.h"

#include <ctype.h>

#include "adt_int.h"

#define ARG_INT(n, bits) ((int64) RDB_GETARG_INT##bits(n))

/*
 * AdtParseInt64 -- parse [spaces][+|-]digits[spaces].  Returns false on a
 * syntax error; sets *overflow when the digits do not fit in int64.
 */
bool
AdtParseInt64(const char *s, int64 *result, bool *overflow)
{
    const char *p = s;
    bool        neg = false;
    uint64      acc = 0;
    bool        any = false;

    *overflow = false;
    while (isspace((unsigned char) *p))
        p++;
    if (*p == '-' || *p == '+')
        neg = (*p++ == '-');
    while (isdigit((unsigned char) *p))
    {
        int         d = *p++ - '0';

        any = true;
        if (acc > (UINT64_C(9223372036854775808) - (uint64) d) / 10)
            *overflow = true;
        else
            acc = acc * 10 + (uint64) d;
    }
    while (isspace((unsigned char) *p))
        p++;
    if (!any || *p != '\0')
        return false;
    if (*overflow)
        return true;
    if (!neg && acc > (uint64) INT64_MAX)
    {
        *overflow = true;
        return true;
    }
    *result = neg ? (int64) (0 - acc) : (int64) acc;
    return true;
}

static int64
parse_int_checked(const char *s, int64 min, int64 max, const char *type_name)
{
    int64       v = 0;
    bool        overflow;

    if (!AdtParseInt64(s, &v, &overflow))
        AdtInvalidSyntax(type_name, s);
    if (overflow || v < min || v > max)
        AdtOutOfRange(type_name, s);
    return v;
}

int32
Int32FromCString(const char *s)
{
    return (int32) parse_int_checked(s, INT32_MIN, INT32_MAX, "integer");
}

int64
Int64FromCString(const char *s)
{
    return parse_int_checked(s, INT64_MIN, INT64_MAX, "bigint");
}

/* ---------- I/O ---------- */

Datum
int2in(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT16((int16) parse_int_checked(RDB_GETARG_CSTRING(0), INT16_MIN, INT16_MAX, "smallint"));
}

Datum
int4in(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(Int32FromCString(RDB_GETARG_CSTRING(0)));
}

Datum
int8in(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(Int64FromCString(RDB_GETARG_CSTRING(0)));
}

/*
 * int64_to_cstring -- decimal text of v, palloc'd.  Output of every integer
 * column of every result row: digits are produced directly, without the
 * printf machinery.
 */
static char *
int64_to_cstring(int64 v)
{
    char        buf[24];
    char       *p = buf + sizeof(buf);
    uint64      u = v < 0 ? (uint64) 0 - (uint64) v : (uint64) v;
    char       *result;

    *--p = '\0';
    do
    {
        *--p = (char) ('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    result = palloc((Size) (buf + sizeof(buf) - p));
    memcpy(result, p, (Size) (buf + sizeof(buf) - p));
    return result;
}

Datum
int2out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(int64_to_cstring(RDB_GETARG_INT16(0)));
}

Datum
int4out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(int64_to_cstring(RDB_GETARG_INT32(0)));
}

Datum
int8out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(int64_to_cstring(RDB_GETARG_INT64(0)));
}

Datum
int2recv(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT16((int16) AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 2));
}

Datum
int4recv(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 4));
}

Datum
int8recv(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64(AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 8));
}

#define INT_SEND(name, bits, bytes) \
Datum \
name(RDB_FUNCTION_ARGS) \
{ \
    StringInfoData buf; \
    AdtSendBegin(&buf); \
    AdtSendInt(&buf, ARG_INT(0, bits), bytes); \
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf)); \
}
INT_SEND(int2send, 16, 2)
INT_SEND(int4send, 32, 4)
INT_SEND(int8send, 64, 8)

/* ---------- comparison ---------- */

#define INT_CMP(prefix, b1, b2) \
Datum prefix##eq(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) == ARG_INT(1, b2)); } \
Datum prefix##ne(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) != ARG_INT(1, b2)); } \
Datum prefix##lt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) < ARG_INT(1, b2)); } \
Datum prefix##le(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) <= ARG_INT(1, b2)); } \
Datum prefix##gt(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) > ARG_INT(1, b2)); } \
Datum prefix##ge(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(ARG_INT(0, b1) >= ARG_INT(1, b2)); } \
Datum bt##prefix##cmp(RDB_FUNCTION_ARGS) \
{ \
    int64 a = ARG_INT(0, b1), b = ARG_INT(1, b2); \
    RDB_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0)); \
}

INT_CMP(int2, 16, 16)
INT_CMP(int4, 32, 32)
INT_CMP(int8, 64, 64)
INT_CMP(int24, 16, 32)
INT_CMP(int42, 32, 16)
INT_CMP(int28, 16, 64)
INT_CMP(int82, 64, 16)
INT_CMP(int48, 32, 64)
INT_CMP(int84, 64, 32)

/* ---------- arithmetic ---------- */

static inline int64
check_range(int64 v, int rbits)
{
    if (rbits == 16 && (v < INT16_MIN || v > INT16_MAX))
        AdtIntOutOfRange("smallint");
    if (rbits == 32 && (v < INT32_MIN || v > INT32_MAX))
        AdtIntOutOfRange("integer");
    return v;
}

static inline RDB_NORETURN void
range_error(int rbits)
{
    AdtIntOutOfRange(rbits == 16 ? "smallint" : rbits == 32 ? "integer" : "bigint");
}

static inline Datum
int_result(int64 v, int rbits)
{
    check_range(v, rbits);
    return Int64GetDatum(v);        /* same bits for int16/int32 Datums */
}

static int64
int_add(int64 a, int64 b, int rbits)
{
    int64       r;

    if (ADD_OVERFLOWS(a, b, &r))
        range_error(rbits);
    return check_range(r, rbits);
}

static int64
int_sub(int64 a, int64 b, int rbits)
{
    int64       r;

    if (SUB_OVERFLOWS(a, b, &r))
        range_error(rbits);
    return check_range(r, rbits);
}

static int64
int_mul(int64 a, int64 b, int rbits)
{
    int64       r;

    if (MUL_OVERFLOWS(a, b, &r))
        range_error(rbits);
    return check_range(r, rbits);
}

static int64
int_div(int64 a, int64 b, int rbits)
{
    if (b == 0)
        AdtDivisionByZero();
    if (b == -1)
        return int_sub(0, a, rbits);
    return check_range(a / b, rbits);
}

static int64
int_mod(int64 a, int64 b)
{
    if (b == 0)
        AdtDivisionByZero();
    if (b == -1)
        return 0;
    return a % b;
}

#define INT_ARITH(prefix, b1, b2, rbits) \
Datum prefix##pl(RDB_FUNCTION_ARGS) { return int_result(int_add(ARG_INT(0, b1), ARG_INT(1, b2), rbits), rbits); } \
Datum prefix##mi(RDB_FUNCTION_ARGS) { return int_result(int_sub(ARG_INT(0, b1), ARG_INT(1, b2), rbits), rbits); } \
Datum prefix##mul(RDB_FUNCTION_ARGS) { return int_result(int_mul(ARG_INT(0, b1), ARG_INT(1, b2), rbits), rbits); } \
Datum prefix##div(RDB_FUNCTION_ARGS) { return int_result(int_div(ARG_INT(0, b1), ARG_INT(1, b2), rbits), rbits); }

INT_ARITH(int2, 16, 16, 16)
INT_ARITH(int4, 32, 32, 32)
INT_ARITH(int8, 64, 64, 64)
INT_ARITH(int24, 16, 32, 32)
INT_ARITH(int42, 32, 16, 32)
INT_ARITH(int28, 16, 64, 64)
INT_ARITH(int82, 64, 16, 64)
INT_ARITH(int48, 32, 64, 64)
INT_ARITH(int84, 64, 32, 64)

Datum int2mod(RDB_FUNCTION_ARGS) { return Int64GetDatum(int_mod(ARG_INT(0, 16), ARG_INT(1, 16))); }
Datum int4mod(RDB_FUNCTION_ARGS) { return Int64GetDatum(int_mod(ARG_INT(0, 32), ARG_INT(1, 32))); }
Datum int8mod(RDB_FUNCTION_ARGS) { return Int64GetDatum(int_mod(ARG_INT(0, 64), ARG_INT(1, 64))); }

#define INT_UNARY(t, bits) \
Datum t##um(RDB_FUNCTION_ARGS) { return int_result(int_sub(0, ARG_INT(0, bits), bits), bits); } \
Datum t##up(RDB_FUNCTION_ARGS) { return RDB_GETARG_DATUM(0); } \
Datum t##abs(RDB_FUNCTION_ARGS) \
{ \
    int64 v = ARG_INT(0, bits); \
    return int_result(v < 0 ? int_sub(0, v, bits) : v, bits); \
} \
Datum t##larger(RDB_FUNCTION_ARGS) \
{ RDB_RETURN_DATUM(ARG_INT(0, bits) >= ARG_INT(1, bits) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1)); } \
Datum t##smaller(RDB_FUNCTION_ARGS) \
{ RDB_RETURN_DATUM(ARG_INT(0, bits) <= ARG_INT(1, bits) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1)); } \
Datum t##and(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, bits) & ARG_INT(1, bits), bits); } \
Datum t##or(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, bits) | ARG_INT(1, bits), bits); } \
Datum t##xor(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, bits) ^ ARG_INT(1, bits), bits); } \
Datum t##not(RDB_FUNCTION_ARGS) { return int_result(~ARG_INT(0, bits), bits); } \
Datum t##shl(RDB_FUNCTION_ARGS) \
{ \
    int64 v = ARG_INT(0, bits); int32 s = RDB_GETARG_INT32(1); \
    uint64 r = (s >= 0 && s < 64) ? ((uint64) v << s) : 0; \
    if (bits == 16) return Int16GetDatum((int16) r); \
    if (bits == 32) return Int32GetDatum((int32) r); \
    return Int64GetDatum((int64) r); \
} \
Datum t##shr(RDB_FUNCTION_ARGS) \
{ \
    int64 v = ARG_INT(0, bits); int32 s = RDB_GETARG_INT32(1); \
    return int_result((s >= 0 && s < 64) ? (v >> s) : (v < 0 ? -1 : 0), bits); \
}

INT_UNARY(int2, 16)
INT_UNARY(int4, 32)
INT_UNARY(int8, 64)

/* ---------- casts ---------- */

Datum int24(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(RDB_GETARG_INT16(0)); }
Datum int28(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(RDB_GETARG_INT16(0)); }
Datum int48(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64(RDB_GETARG_INT32(0)); }
Datum int42(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, 32), 16); }
Datum int82(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, 64), 16); }
Datum int84(RDB_FUNCTION_ARGS) { return int_result(ARG_INT(0, 64), 32); }
Datum int4_bool(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(RDB_GETARG_INT32(0) != 0); }
Datum bool_int4(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(RDB_GETARG_BOOL(0) ? 1 : 0); }
Datum int4_oid(RDB_FUNCTION_ARGS) { RDB_RETURN_OID((Oid) RDB_GETARG_INT32(0)); }
Datum oid_int4(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) RDB_GETARG_OID(0)); }
Datum oid_int8(RDB_FUNCTION_ARGS) { RDB_RETURN_INT64((int64) RDB_GETARG_OID(0)); }

Datum
int8_oid(RDB_FUNCTION_ARGS)
{
    int64       v = RDB_GETARG_INT64(0);

    if (v < 0 || v > (int64) UINT32_MAX)
        ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("OID out of range"));
    RDB_RETURN_OID((Oid) v);
}

/* ---------- hashing ---------- */

Datum hashint2(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) HashUint64((uint64) ARG_INT(0, 16))); }
Datum hashint4(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) HashUint64((uint64) ARG_INT(0, 32))); }
Datum hashint8(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32((int32) HashUint64((uint64) ARG_INT(0, 64))); }
