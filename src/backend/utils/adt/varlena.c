/*
 * varlena.c
 *     The character types: text, varchar(n), char(n) (bpchar), name,
 *     "char", unknown; input/output, binary I/O, typmod coercion,
 *     comparison (bytewise: the C collation is the only one we have),
 *     hashing, concatenation, and the text <-> C string helpers.
 *
 * Lengths in typmods and character functions count characters of the
 * server encoding, UTF-8.  char(n) values are stored padded with spaces;
 * trailing spaces are insignificant in comparison, hashing, length() and
 * the cast to text.
 */
#include "rustydb.h"

#include "adt_int.h"

/* ---------- helpers ---------- */

text *
cstring_to_text_with_len(const char *s, int len)
{
    text       *t = (text *) palloc(len + VARHDRSZ);

    SET_VARSIZE(t, len + VARHDRSZ);
    memcpy(VARDATA(t), s, len);
    return t;
}

text *
cstring_to_text(const char *s)
{
    return cstring_to_text_with_len(s, (int) strlen(s));
}

text *
AdtTextFromBytes(const char *data, int len)
{
    return cstring_to_text_with_len(data, len);
}

char *
text_to_cstring(const text *t)
{
    int         len = (int) VARSIZE_EXHDR(t);
    char       *s = palloc(len + 1);

    memcpy(s, VARDATA((text *) t), len);
    s[len] = '\0';
    return s;
}

void
text_to_cstring_buffer(const text *src, char *dst, size_t dst_len)
{
    size_t      len = VARSIZE_EXHDR(src);

    Assert(dst_len > 0);
    if (len >= dst_len)
        len = dst_len - 1;
    memcpy(dst, VARDATA((text *) src), len);
    dst[len] = '\0';
}

/* Bytes of the UTF-8 character starting with byte c (1 for invalid lead bytes). */
int
AdtUtf8CharLen(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

/* Characters in len bytes of UTF-8. */
int
AdtUtf8Len(const char *s, int len)
{
    int         n = 0;

    for (int i = 0; i < len; n++)
        i += AdtUtf8CharLen((unsigned char) s[i]);
    return n;
}

/* Byte offset of character number nchars (or len if the string is shorter). */
int
AdtUtf8Offset(const char *s, int len, int nchars)
{
    int         i = 0;

    while (nchars-- > 0 && i < len)
        i += AdtUtf8CharLen((unsigned char) s[i]);
    return Min(i, len);
}

int
AdtBpcharTrueLen(const char *data, int len)
{
    while (len > 0 && data[len - 1] == ' ')
        len--;
    return len;
}

int
TextCompare(const text *a, const text *b)
{
    int         la = (int) VARSIZE_EXHDR(a), lb = (int) VARSIZE_EXHDR(b);
    int         c = memcmp(VARDATA((text *) a), VARDATA((text *) b), Min(la, lb));

    if (c != 0)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

static int
bytes_compare(const char *a, int la, const char *b, int lb)
{
    int         c = memcmp(a, b, Min(la, lb));

    if (c != 0)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

/* ---------- text ---------- */

Datum
textin(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(RDB_GETARG_CSTRING(0)));
}

Datum
textout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(text_to_cstring(RDB_GETARG_TEXT_P(0)));
}

Datum
textrecv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         n = buf->len - buf->cursor;

    RDB_RETURN_TEXT_P(cstring_to_text_with_len(AdtRecvBytes(buf, n), n));
}

Datum
textsend(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);
    bytea      *b = palloc(VARSIZE(t));

    memcpy(b, t, VARSIZE(t));
    RDB_RETURN_BYTEA_P(b);
}

#define TEXT_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) \
{ \
    int c = TextCompare(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1)); \
    RDB_RETURN_BOOL(expr); \
}
TEXT_CMP(texteq, c == 0)
TEXT_CMP(textne, c != 0)
TEXT_CMP(text_lt, c < 0)
TEXT_CMP(text_le, c <= 0)
TEXT_CMP(text_gt, c > 0)
TEXT_CMP(text_ge, c >= 0)

Datum
bttextcmp(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(TextCompare(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1)));
}

Datum
text_larger(RDB_FUNCTION_ARGS)
{
    return TextCompare(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
text_smaller(RDB_FUNCTION_ARGS)
{
    return TextCompare(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
hashtext(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);

    RDB_RETURN_INT32((int32) HashBytes(VARDATA(t), VARSIZE_EXHDR(t)));
}

Datum
hashvarlena(RDB_FUNCTION_ARGS)
{
    varlena    *t = (varlena *) RDB_GETARG_POINTER(0);

    RDB_RETURN_INT32((int32) HashBytes(VARDATA(t), VARSIZE_EXHDR(t)));
}

static text *
concat2(const char *a, int la, const char *b, int lb)
{
    text       *r = palloc(VARHDRSZ + la + lb);

    SET_VARSIZE(r, VARHDRSZ + la + lb);
    memcpy(VARDATA(r), a, la);
    memcpy(VARDATA(r) + la, b, lb);
    return r;
}

/* text || text */
Datum
textcat(RDB_FUNCTION_ARGS)
{
    text       *a = RDB_GETARG_TEXT_P(0), *b = RDB_GETARG_TEXT_P(1);

    RDB_RETURN_TEXT_P(concat2(VARDATA(a), VARSIZE_EXHDR(a), VARDATA(b), VARSIZE_EXHDR(b)));
}

/* Text form of argument n of any type (uses fcinfo->argtypes). */
char *
AdtArgAsCString(FunctionCallInfo fcinfo, int n)
{
    Oid         typid = RDB_GETARG_TYPE(n);

    if (!OidIsValid(typid))
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR),
                errmsg_internal("could not determine data type of argument %d", n + 1));
    if (typid == TEXTOID || typid == VARCHAROID)
        return text_to_cstring(RDB_GETARG_TEXT_P(n));
    if (typid == UNKNOWNOID || typid == CSTRINGOID)
        return pstrdup(RDB_GETARG_CSTRING(n));
    return OutputFunctionCall(typid, RDB_GETARG_DATUM(n));
}

/* text || anynonarray, anynonarray || text */
Datum
textanycat(RDB_FUNCTION_ARGS)
{
    char       *a = AdtArgAsCString(fcinfo, 0);
    char       *b = AdtArgAsCString(fcinfo, 1);

    RDB_RETURN_TEXT_P(concat2(a, (int) strlen(a), b, (int) strlen(b)));
}

/* ---------- varchar ---------- */

/*
 * coerce_length -- apply a varchar(n)/char(n) typmod to len bytes of UTF-8.
 * Returns the number of bytes to keep; raises 22001 (unless explicit or
 * the excess is only spaces).  *nchars gets the character count kept.
 */
static int
coerce_length(const char *s, int len, int32 typmod, bool explicit_cast, const char *type_sql, int *nchars)
{
    int         maxlen = typmod - VARHDRSZ;
    int         cut;

    *nchars = AdtUtf8Len(s, len);
    if (typmod < (int32) VARHDRSZ || *nchars <= maxlen)
        return len;
    cut = AdtUtf8Offset(s, len, maxlen);
    if (!explicit_cast)
    {
        for (int i = cut; i < len; i++)
            if (s[i] != ' ')
                ereport(ERROR, errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
                        errmsg("value too long for type %s(%d)", type_sql, maxlen));
    }
    *nchars = maxlen;
    return cut;
}

static text *
make_varchar(const char *s, int len, int32 typmod, bool explicit_cast)
{
    int         nchars;

    len = coerce_length(s, len, typmod, explicit_cast, "character varying", &nchars);
    return cstring_to_text_with_len(s, len);
}

Datum
varcharin(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);

    RDB_RETURN_TEXT_P(make_varchar(s, (int) strlen(s), RDB_GETARG_INT32(1), false));
}

Datum
varcharout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(text_to_cstring(RDB_GETARG_TEXT_P(0)));
}

Datum
varcharrecv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         n = buf->len - buf->cursor;

    RDB_RETURN_TEXT_P(make_varchar(AdtRecvBytes(buf, n), n, RDB_GETARG_INT32(1), false));
}

Datum
varcharsend(RDB_FUNCTION_ARGS)
{
    return textsend(fcinfo);
}

/* varchar(value, typmod, explicit): the length-coercion cast */
Datum
varchar(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);
    int32       typmod = RDB_GETARG_INT32(1);
    bool        explicit_cast = RDB_NARGS() > 2 && RDB_GETARG_BOOL(2);
    int         nchars;
    int         len = coerce_length(VARDATA(t), VARSIZE_EXHDR(t), typmod, explicit_cast,
                                    "character varying", &nchars);

    if (len == (int) VARSIZE_EXHDR(t))
        RDB_RETURN_TEXT_P(t);
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(VARDATA(t), len));
}

static int32
char_typmodin(FunctionCallInfo fcinfo, const char *type_name)
{
    Datum      *values;
    bool       *nulls;
    int         n;
    int32       len;

    ArrayDeconstruct((ArrayType *) RDB_GETARG_POINTER(0), &values, &nulls, &n);
    if (n != 1 || nulls[0])
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid type modifier"));
    len = DatumGetInt32(values[0]);
    if (len < 1)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("length for type %s must be at least 1", type_name));
    if (len > 10485760)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("length for type %s cannot exceed %d", type_name, 10485760));
    return len + VARHDRSZ;
}

Datum varchartypmodin(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(char_typmodin(fcinfo, "varchar")); }
Datum bpchartypmodin(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(char_typmodin(fcinfo, "char")); }

Datum
varchartypmodout(RDB_FUNCTION_ARGS)
{
    int32       typmod = RDB_GETARG_INT32(0);

    RDB_RETURN_CSTRING(typmod > VARHDRSZ ? psprintf("(%d)", typmod - VARHDRSZ) : pstrdup(""));
}

Datum
bpchartypmodout(RDB_FUNCTION_ARGS)
{
    return varchartypmodout(fcinfo);
}

/* ---------- bpchar: char(n) ---------- */

static BpChar *
make_bpchar(const char *s, int len, int32 typmod, bool explicit_cast)
{
    int         nchars;
    int         maxlen = typmod - VARHDRSZ;
    BpChar     *r;
    int         pad;

    len = coerce_length(s, len, typmod, explicit_cast, "character", &nchars);
    pad = (typmod >= (int32) VARHDRSZ && nchars < maxlen) ? maxlen - nchars : 0;
    r = palloc(VARHDRSZ + len + pad);
    SET_VARSIZE(r, VARHDRSZ + len + pad);
    memcpy(VARDATA(r), s, len);
    memset(VARDATA(r) + len, ' ', pad);
    return r;
}

Datum
bpcharin(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);

    RDB_RETURN_POINTER(make_bpchar(s, (int) strlen(s), RDB_GETARG_INT32(1), false));
}

Datum
bpcharout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(text_to_cstring(RDB_GETARG_TEXT_P(0)));
}

Datum
bpcharrecv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         n = buf->len - buf->cursor;

    RDB_RETURN_POINTER(make_bpchar(AdtRecvBytes(buf, n), n, RDB_GETARG_INT32(1), false));
}

Datum
bpcharsend(RDB_FUNCTION_ARGS)
{
    return textsend(fcinfo);
}

/* bpchar(value, typmod, explicit): the length-coercion cast */
Datum
bpchar(RDB_FUNCTION_ARGS)
{
    BpChar     *t = (BpChar *) RDB_GETARG_POINTER(0);
    bool        explicit_cast = RDB_NARGS() > 2 && RDB_GETARG_BOOL(2);

    RDB_RETURN_POINTER(make_bpchar(VARDATA(t), VARSIZE_EXHDR(t), RDB_GETARG_INT32(1), explicit_cast));
}

static int
bpchar_compare(FunctionCallInfo fcinfo)
{
    BpChar     *a = (BpChar *) RDB_GETARG_POINTER(0), *b = (BpChar *) RDB_GETARG_POINTER(1);

    return bytes_compare(VARDATA(a), AdtBpcharTrueLen(VARDATA(a), VARSIZE_EXHDR(a)),
                         VARDATA(b), AdtBpcharTrueLen(VARDATA(b), VARSIZE_EXHDR(b)));
}

#define BPCHAR_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = bpchar_compare(fcinfo); RDB_RETURN_BOOL(expr); }
BPCHAR_CMP(bpchareq, c == 0)
BPCHAR_CMP(bpcharne, c != 0)
BPCHAR_CMP(bpcharlt, c < 0)
BPCHAR_CMP(bpcharle, c <= 0)
BPCHAR_CMP(bpchargt, c > 0)
BPCHAR_CMP(bpcharge, c >= 0)

Datum
bpcharcmp(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(bpchar_compare(fcinfo));
}

Datum
bpchar_larger(RDB_FUNCTION_ARGS)
{
    return bpchar_compare(fcinfo) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
bpchar_smaller(RDB_FUNCTION_ARGS)
{
    return bpchar_compare(fcinfo) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
hashbpchar(RDB_FUNCTION_ARGS)
{
    BpChar     *t = (BpChar *) RDB_GETARG_POINTER(0);

    RDB_RETURN_INT32((int32) HashBytes(VARDATA(t), AdtBpcharTrueLen(VARDATA(t), VARSIZE_EXHDR(t))));
}

/* char(n) -> text / varchar: trailing spaces are dropped */
Datum
rtrim1(RDB_FUNCTION_ARGS)
{
    BpChar     *t = (BpChar *) RDB_GETARG_POINTER(0);

    RDB_RETURN_TEXT_P(cstring_to_text_with_len(VARDATA(t), AdtBpcharTrueLen(VARDATA(t), VARSIZE_EXHDR(t))));
}

/* ---------- name ---------- */

static char *
make_name(const char *s, int len)
{
    char       *n = palloc0(NAMEDATALEN);

    if (len >= NAMEDATALEN)
    {
        /* truncate on a character boundary */
        len = 0;
        while (s[len])
        {
            int         cl = AdtUtf8CharLen((unsigned char) s[len]);

            if (len + cl >= NAMEDATALEN)
                break;
            len += cl;
        }
    }
    memcpy(n, s, len);
    return n;
}

Datum
namein(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);

    RDB_RETURN_POINTER(make_name(s, (int) strlen(s)));
}

Datum
nameout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(pnstrdup(RDB_GETARG_POINTER(0), NAMEDATALEN));
}

Datum
namerecv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         n = buf->len - buf->cursor;

    RDB_RETURN_POINTER(make_name(AdtRecvBytes(buf, n), n));
}

Datum
namesend(RDB_FUNCTION_ARGS)
{
    const char *n = RDB_GETARG_POINTER(0);
    int         len = (int) strnlen(n, NAMEDATALEN);
    bytea      *b = palloc(VARHDRSZ + len);

    SET_VARSIZE(b, VARHDRSZ + len);
    memcpy(VARDATA(b), n, len);
    RDB_RETURN_BYTEA_P(b);
}

static int
name_compare(FunctionCallInfo fcinfo)
{
    const char *a = RDB_GETARG_POINTER(0), *b = RDB_GETARG_POINTER(1);
    int         c = strncmp(a, b, NAMEDATALEN);

    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

#define NAME_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = name_compare(fcinfo); RDB_RETURN_BOOL(expr); }
NAME_CMP(nameeq, c == 0)
NAME_CMP(namene, c != 0)
NAME_CMP(namelt, c < 0)
NAME_CMP(namele, c <= 0)
NAME_CMP(namegt, c > 0)
NAME_CMP(namege, c >= 0)

Datum
btnamecmp(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(name_compare(fcinfo));
}

Datum
hashname(RDB_FUNCTION_ARGS)
{
    const char *n = RDB_GETARG_POINTER(0);

    RDB_RETURN_INT32((int32) HashBytes(n, strnlen(n, NAMEDATALEN)));
}

Datum
name_text(RDB_FUNCTION_ARGS)
{
    const char *n = RDB_GETARG_POINTER(0);

    RDB_RETURN_TEXT_P(cstring_to_text_with_len(n, (int) strnlen(n, NAMEDATALEN)));
}

Datum
text_name(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);
    char       *s = text_to_cstring(t);

    RDB_RETURN_POINTER(make_name(s, (int) strlen(s)));
}

/* ---------- "char" ---------- */

Datum
charin(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CHAR(RDB_GETARG_CSTRING(0)[0]);
}

Datum
charout(RDB_FUNCTION_ARGS)
{
    char       *s = palloc(2);

    s[0] = RDB_GETARG_CHAR(0);
    s[1] = '\0';
    RDB_RETURN_CSTRING(s);
}

#define CHAR_CMP(name, op) \
Datum name(RDB_FUNCTION_ARGS) \
{ RDB_RETURN_BOOL((uint8) RDB_GETARG_CHAR(0) op (uint8) RDB_GETARG_CHAR(1)); }
CHAR_CMP(chareq, ==)
CHAR_CMP(charne, !=)
CHAR_CMP(charlt, <)
CHAR_CMP(charle, <=)
CHAR_CMP(chargt, >)
CHAR_CMP(charge, >=)

Datum
btcharcmp(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) (uint8) RDB_GETARG_CHAR(0) - (int32) (uint8) RDB_GETARG_CHAR(1));
}

Datum
hashchar(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) HashUint64((uint8) RDB_GETARG_CHAR(0)));
}

/* ---------- unknown (untyped literals, stored as C strings) ---------- */

Datum
unknownin(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(pstrdup(RDB_GETARG_CSTRING(0)));
}

Datum
unknownout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(pstrdup(RDB_GETARG_CSTRING(0)));
}

Datum
voidout(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_CSTRING(pstrdup(""));
}

/*
 * Casts through text I/O: <any> -> text / varchar / bpchar uses the source
 * type's output function; text -> <any> uses the target's input function
 * (with fcinfo->result_typmod).  The executor must set argtypes and
 * result_type for these (see fmgr.h).
 */
Datum
cast_to_text_via_io(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(AdtArgAsCString(fcinfo, 0)));
}

Datum
cast_from_text_via_io(RDB_FUNCTION_ARGS)
{
    char       *s = text_to_cstring(RDB_GETARG_TEXT_P(0));

    if (!OidIsValid(fcinfo->result_type))
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("I/O cast without result type"));
    return InputFunctionCall(fcinfo->result_type, s, fcinfo->result_typmod);
}
