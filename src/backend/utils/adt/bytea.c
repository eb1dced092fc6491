/*
 * bytea.c
 *     bytea: binary strings.  Input accepts the hex format (\x0a1b...,
 *     whitespace between digit pairs allowed) and the escape format
 *     (\\ and \ooo octal escapes); output is always hex, PostgreSQL's
 *     default bytea_output.  Also comparison, ||, length, and
 *     encode/decode (hex, base64, escape).
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>

#include "adt_int.h"

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bytea *
hex_decode(const char *s, size_t len)
{
    bytea      *r = palloc(VARHDRSZ + len / 2 + 1);
    char       *out = VARDATA(r);
    size_t      i = 0;

    while (i < len)
    {
        int         hi, lo;

        if (isspace((unsigned char) s[i]))
        {
            i++;
            continue;
        }
        hi = hex_value(s[i]);
        if (hi < 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("invalid hexadecimal digit: \"%.*s\"", AdtUtf8CharLen((unsigned char) s[i]), s + i));
        if (i + 1 >= len)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("invalid hexadecimal data: odd number of digits"));
        lo = hex_value(s[i + 1]);
        if (lo < 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("invalid hexadecimal digit: \"%.*s\"", AdtUtf8CharLen((unsigned char) s[i + 1]), s + i + 1));
        *out++ = (char) (hi << 4 | lo);
        i += 2;
    }
    SET_VARSIZE(r, out - (char *) r);
    return r;
}

static bytea *
escape_decode(const char *s, size_t len)
{
    bytea      *r = palloc(VARHDRSZ + len + 1);
    char       *out = VARDATA(r);

    for (size_t i = 0; i < len;)
    {
        if (s[i] != '\\')
            *out++ = s[i++];
        else if (i + 1 < len && s[i + 1] == '\\')
        {
            *out++ = '\\';
            i += 2;
        }
        else if (i + 3 < len + 0 + 1 && i + 3 <= len - 0 &&
                 s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
                 s[i + 3] >= '0' && s[i + 3] <= '7')
        {
            *out++ = (char) (((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
            i += 4;
        }
        else
            ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                    errmsg("invalid input syntax for type %s", "bytea"));
    }
    SET_VARSIZE(r, out - (char *) r);
    return r;
}

Datum
byteain(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    size_t      len = strlen(s);

    if (len >= 2 && s[0] == '\\' && s[1] == 'x')
        RDB_RETURN_BYTEA_P(hex_decode(s + 2, len - 2));
    RDB_RETURN_BYTEA_P(escape_decode(s, len));
}

static char *
hex_encode(const bytea *b, bool prefix)
{
    static const char digits[] = "0123456789abcdef";
    int         n = (int) VARSIZE_EXHDR(b);
    const unsigned char *p = (const unsigned char *) VARDATA((bytea *) b);
    char       *out = palloc(2 * n + 3);
    char       *o = out;

    if (prefix)
    {
        *o++ = '\\';
        *o++ = 'x';
    }
    for (int i = 0; i < n; i++)
    {
        *o++ = digits[p[i] >> 4];
        *o++ = digits[p[i] & 0xF];
    }
    *o = '\0';
    return out;
}

Datum
byteaout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(hex_encode(RDB_GETARG_BYTEA_P(0), true));
}

Datum
bytearecv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         n = buf->len - buf->cursor;

    RDB_RETURN_BYTEA_P(AdtTextFromBytes(AdtRecvBytes(buf, n), n));
}

Datum
byteasend(RDB_FUNCTION_ARGS)
{
    bytea      *b = RDB_GETARG_BYTEA_P(0);
    bytea      *r = palloc(VARSIZE(b));

    memcpy(r, b, VARSIZE(b));
    RDB_RETURN_BYTEA_P(r);
}

static int
bytea_compare(FunctionCallInfo fcinfo)
{
    return TextCompare(RDB_GETARG_BYTEA_P(0), RDB_GETARG_BYTEA_P(1));
}

#define BYTEA_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = bytea_compare(fcinfo); RDB_RETURN_BOOL(expr); }
BYTEA_CMP(byteaeq, c == 0)
BYTEA_CMP(byteane, c != 0)
BYTEA_CMP(bytealt, c < 0)
BYTEA_CMP(byteale, c <= 0)
BYTEA_CMP(byteagt, c > 0)
BYTEA_CMP(byteage, c >= 0)

Datum byteacmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(bytea_compare(fcinfo)); }

Datum
byteacat(RDB_FUNCTION_ARGS)
{
    return textcat(fcinfo);
}

Datum
byteaoctetlen(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) VARSIZE_EXHDR(RDB_GETARG_BYTEA_P(0)));
}

static const char b64_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* encode(bytea, format): hex, base64 (76-column lines as PostgreSQL), escape */
Datum
binary_encode(RDB_FUNCTION_ARGS)
{
    bytea      *b = RDB_GETARG_BYTEA_P(0);
    char       *fmt = text_to_cstring(RDB_GETARG_TEXT_P(1));
    const unsigned char *p = (const unsigned char *) VARDATA(b);
    int         n = (int) VARSIZE_EXHDR(b);
    StringInfoData out;

    if (strcasecmp(fmt, "hex") == 0)
        RDB_RETURN_TEXT_P(cstring_to_text(hex_encode(b, false)));
    initStringInfo(&out);
    if (strcasecmp(fmt, "base64") == 0)
    {
        int         linelen = 0;

        for (int i = 0; i < n; i += 3)
        {
            uint32      v = (uint32) p[i] << 16 | (i + 1 < n ? (uint32) p[i + 1] << 8 : 0) |
                (i + 2 < n ? p[i + 2] : 0);

            if (linelen >= 76)
            {
                appendStringInfoChar(&out, '\n');
                linelen = 0;
            }
            appendStringInfoChar(&out, b64_chars[(v >> 18) & 63]);
            appendStringInfoChar(&out, b64_chars[(v >> 12) & 63]);
            appendStringInfoChar(&out, i + 1 < n ? b64_chars[(v >> 6) & 63] : '=');
            appendStringInfoChar(&out, i + 2 < n ? b64_chars[v & 63] : '=');
            linelen += 4;
        }
    }
    else if (strcasecmp(fmt, "escape") == 0)
    {
        for (int i = 0; i < n; i++)
        {
            if (p[i] == '\\')
                appendStringInfoString(&out, "\\\\");
            else if (p[i] == 0 || p[i] >= 0x80)
                appendStringInfo(&out, "\\%03o", p[i]);
            else
                appendStringInfoChar(&out, (char) p[i]);
        }
    }
    else
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unrecognized encoding: \"%s\"", fmt));
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* decode(text, format) */
Datum
binary_decode(RDB_FUNCTION_ARGS)
{
    text       *t = RDB_GETARG_TEXT_P(0);
    char       *fmt = text_to_cstring(RDB_GETARG_TEXT_P(1));
    const char *s = VARDATA(t);
    int         n = (int) VARSIZE_EXHDR(t);

    if (strcasecmp(fmt, "hex") == 0)
        RDB_RETURN_BYTEA_P(hex_decode(s, n));
    if (strcasecmp(fmt, "escape") == 0)
        RDB_RETURN_BYTEA_P(escape_decode(s, n));
    if (strcasecmp(fmt, "base64") == 0)
    {
        bytea      *r = palloc(VARHDRSZ + n);
        char       *o = VARDATA(r);
        uint32      acc = 0;
        int         bits = 0, pad = 0;

        for (int i = 0; i < n; i++)
        {
            const char *pos;

            if (isspace((unsigned char) s[i]))
                continue;
            if (s[i] == '=')
            {
                pad++;
                continue;
            }
            pos = strchr(b64_chars, s[i]);
            if (pos == NULL || s[i] == '\0' || pad)
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("invalid symbol \"%.*s\" found while decoding base64 sequence",
                               AdtUtf8CharLen((unsigned char) s[i]), s + i));
            acc = (acc << 6) | (uint32) (pos - b64_chars);
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                *o++ = (char) ((acc >> bits) & 0xFF);
            }
        }
        SET_VARSIZE(r, o - (char *) r);
        RDB_RETURN_BYTEA_P(r);
    }
    ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
            errmsg("unrecognized encoding: \"%s\"", fmt));
    RDB_RETURN_NULL();
}
