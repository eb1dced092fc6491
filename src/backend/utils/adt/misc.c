/*
 * misc.c
 *     Functions that need argument types or the catalog: concat,
 *     concat_ws, pg_typeof, version, quote_ident,
 *     quote_literal, quote_nullable, and md5 (our own RFC 1321
 *     implementation: libsodium has no md5).
 */
#include "rustydb.h"

#include <ctype.h>

#include "adt_int.h"
#include "parser/parser.h"

/* concat(VARIADIC "any"): NULLs are ignored; needs fcinfo->argtypes. */
Datum
text_concat(RDB_FUNCTION_ARGS)
{
    StringInfoData out;

    initStringInfo(&out);
    for (int i = 0; i < RDB_NARGS(); i++)
        if (!RDB_ARGISNULL(i))
            appendStringInfoString(&out, AdtArgAsCString(fcinfo, i));
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* concat_ws(sep, VARIADIC "any"): NULL separator -> NULL; NULL values skipped. */
Datum
text_concat_ws(RDB_FUNCTION_ARGS)
{
    StringInfoData out;
    char       *sep;
    bool        first = true;

    if (RDB_ARGISNULL(0))
        RDB_RETURN_NULL();
    sep = AdtArgAsCString(fcinfo, 0);
    initStringInfo(&out);
    for (int i = 1; i < RDB_NARGS(); i++)
    {
        if (RDB_ARGISNULL(i))
            continue;
        if (!first)
            appendStringInfoString(&out, sep);
        first = false;
        appendStringInfoString(&out, AdtArgAsCString(fcinfo, i));
    }
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/*
 * pg_typeof("any") -> regtype.  We have no regtype type, so it returns
 * the type's format_type name as text; psql prints the same string.
 */
Datum
pg_typeof(RDB_FUNCTION_ARGS)
{
    Oid         t = RDB_GETARG_TYPE(0);

    if (!OidIsValid(t))
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("pg_typeof without argument types"));
    RDB_RETURN_TEXT_P(cstring_to_text(FormatTypeWithTypmod(t, -1)));
}

Datum
pgsql_version(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_TEXT_P(cstring_to_text(RDB_VERSION_BANNER));
}

char *
QuoteLiteral(const char *literal)
{
    StringInfoData out;

    initStringInfo(&out);
    if (strchr(literal, '\\'))
        appendStringInfoChar(&out, 'E');
    appendStringInfoChar(&out, '\'');
    for (const char *p = literal; *p; p++)
    {
        if (*p == '\'' || *p == '\\')
            appendStringInfoChar(&out, *p);
        appendStringInfoChar(&out, *p);
    }
    appendStringInfoChar(&out, '\'');
    return out.data;
}

/* quote_ident(text): the parser's rule (keywords.c), so it agrees with what we accept */
Datum
quote_ident(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(QuoteIdentifier(text_to_cstring(RDB_GETARG_TEXT_P(0)))));
}

Datum
quote_literal(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(QuoteLiteral(text_to_cstring(RDB_GETARG_TEXT_P(0)))));
}

/* quote_literal(anyelement) / quote_nullable(anyelement): via the output function */
Datum
quote_literal_any(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(QuoteLiteral(AdtArgAsCString(fcinfo, 0))));
}

Datum
quote_nullable(RDB_FUNCTION_ARGS)
{
    if (RDB_ARGISNULL(0))
        RDB_RETURN_TEXT_P(cstring_to_text("NULL"));
    return quote_literal_any(fcinfo);
}

/* ---------- md5 (RFC 1321) ---------- */

typedef struct Md5State
{
    uint32      a, b, c, d;
} Md5State;

static const uint32 md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static const int md5_r[64] = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static void
md5_block(Md5State *st, const unsigned char *blk)
{
    uint32      w[16];
    uint32      a = st->a, b = st->b, c = st->c, d = st->d;

    for (int i = 0; i < 16; i++)
        w[i] = (uint32) blk[i * 4] | (uint32) blk[i * 4 + 1] << 8 | (uint32) blk[i * 4 + 2] << 16 |
            (uint32) blk[i * 4 + 3] << 24;
    for (int i = 0; i < 64; i++)
    {
        uint32      f, tmp;
        int         g;

        if (i < 16)
            f = (b & c) | (~b & d), g = i;
        else if (i < 32)
            f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
        else if (i < 48)
            f = b ^ c ^ d, g = (3 * i + 5) % 16;
        else
            f = c ^ (b | ~d), g = (7 * i) % 16;
        tmp = d;
        d = c;
        c = b;
        f = a + f + md5_k[i] + w[g];
        b = b + ((f << md5_r[i]) | (f >> (32 - md5_r[i])));
        a = tmp;
    }
    st->a += a;
    st->b += b;
    st->c += c;
    st->d += d;
}

/* Hex md5 of len bytes into out[33]. */
void
AdtMd5Hex(const void *data, size_t len, char out[33])
{
    Md5State    st = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    const unsigned char *p = data;
    unsigned char tail[128];
    size_t      full = len / 64 * 64, rest = len - full, tail_len;
    uint64      bits = (uint64) len * 8;
    uint32      words[4];

    for (size_t i = 0; i < full; i += 64)
        md5_block(&st, p + i);
    memset(tail, 0, sizeof(tail));
    memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
    for (int i = 0; i < 8; i++)
        tail[tail_len - 8 + i] = (unsigned char) (bits >> (8 * i));
    for (size_t i = 0; i < tail_len; i += 64)
        md5_block(&st, tail + i);
    words[0] = st.a;
    words[1] = st.b;
    words[2] = st.c;
    words[3] = st.d;
    for (int w = 0; w < 4; w++)
        for (int i = 0; i < 4; i++)
            snprintf(out + w * 8 + i * 2, 3, "%02x", (words[w] >> (8 * i)) & 0xFF);
}

Datum
md5_text(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);
    char        hex[33];

    AdtMd5Hex(VARDATA(t), VARSIZE_EXHDR(t), hex);
    RDB_RETURN_TEXT_P(cstring_to_text(hex));
}

/* ---------- pg_size_pretty ---------- */

/*
 * size_pretty -- bytes below 10 kB, then the largest of kB, MB, GB, TB, PB
 * that keeps the value under 10240 units; halves are rounded away from
 * zero.  Matches PostgreSQL's output ("10 kB", "-11 kB", "88818 PB").
 */
static char *
size_pretty(__int128 size)
{
    static const char *const units[] = {"kB", "MB", "GB", "TB", "PB"};
    __int128    a = size < 0 ? -size : size;

    if (a < 10 * 1024)
        return psprintf("%lld bytes", (long long) size);
    for (int u = 0; u < (int) lengthof(units); u++)
    {
        int         shift = 10 * (u + 1) - 1;
        __int128    half = size >> shift;   /* arithmetic: floors for negatives */
        __int128    ahalf = half < 0 ? -half : half;

        if (ahalf < 20 * 1024 - 1 || u == (int) lengthof(units) - 1)
        {
            __int128    rounded = (half + (half < 0 ? -1 : 1)) / 2;

            return psprintf("%lld %s", (long long) rounded, units[u]);
        }
    }
    return pstrdup("");         /* not reached */
}

Datum
pg_size_pretty(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(size_pretty(RDB_GETARG_INT64(0))));
}

Datum
pg_size_pretty_numeric(RDB_FUNCTION_ARGS)
{
    Numeric     n = DatumGetNumeric(RDB_GETARG_DATUM(0));
    Numeric     r = DatumGetNumeric(DirectFunctionCall1(numeric_round0, NumericGetDatum(n)));
    char       *s = NumericToCString(r);
    __int128    v = 0;
    bool        neg = s[0] == '-';

    if (NumericIsNaN(n) || strlen(s) > 36)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("pg_size_pretty() argument is too large"));
    for (const char *p = s + (neg ? 1 : 0); *p; p++)
        v = v * 10 + (*p - '0');
    RDB_RETURN_TEXT_P(cstring_to_text(size_pretty(neg ? -v : v)));
}
