/*
 * strfuncs.c
 *     SQL string functions over text: length family, case mapping,
 *     substring/position, trimming, padding, replace/translate/repeat/
 *     reverse/split_part/left/right/initcap/starts_with/overlay, chr/ascii,
 *     to_hex, and the char(n) variants that ignore trailing spaces.
 *
 * Positions and lengths count UTF-8 characters.  Case mapping is ASCII
 * only (the C locale, the only one we provide): non-ASCII letters pass
 * through unchanged.
 */
#include "rustydb.h"

#include <ctype.h>

#include "adt_int.h"

#define TXT(n) RDB_GETARG_TEXT_P(n)
#define TDATA(t) VARDATA(t)
#define TLEN(t) ((int) VARSIZE_EXHDR(t))

static text *
make_text(const char *s, int len)
{
    return cstring_to_text_with_len(s, len);
}

/* ---------- lengths ---------- */

Datum
textlen(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);

    RDB_RETURN_INT32(AdtUtf8Len(TDATA(t), TLEN(t)));
}

Datum
textoctetlen(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(TLEN(TXT(0)));
}

Datum
bpcharlen(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);

    RDB_RETURN_INT32(AdtUtf8Len(TDATA(t), AdtBpcharTrueLen(TDATA(t), TLEN(t))));
}

Datum
bit_length_text(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(TLEN(TXT(0)) * 8);
}

/* ---------- case ---------- */

static Datum
map_case(FunctionCallInfo fcinfo, int mode)
{
    text       *t = TXT(0);
    text       *r = make_text(TDATA(t), TLEN(t));
    char       *p = TDATA(r);
    bool        word_start = true;

    for (int i = 0; i < TLEN(r); i++)
    {
        unsigned char c = (unsigned char) p[i];

        if (mode == 0)
            p[i] = (char) (c < 0x80 ? tolower(c) : c);
        else if (mode == 1)
            p[i] = (char) (c < 0x80 ? toupper(c) : c);
        else
        {
            if (c < 0x80)
                p[i] = (char) (word_start ? toupper(c) : tolower(c));
            word_start = !(c >= 0x80 || isalnum(c));
        }
    }
    RDB_RETURN_TEXT_P(r);
}

Datum lower(RDB_FUNCTION_ARGS) { return map_case(fcinfo, 0); }
Datum upper(RDB_FUNCTION_ARGS) { return map_case(fcinfo, 1); }
Datum initcap(RDB_FUNCTION_ARGS) { return map_case(fcinfo, 2); }

/* ---------- substring / position ---------- */

/* Characters [start, start+count) (1-based, count < 0 = to the end), clamped. */
static text *
substr_chars(text *t, int64 start, int64 count, bool has_count)
{
    int64       end;
    int         bstart, bend;

    if (has_count && count < 0)
        ereport(ERROR, errcode(ERRCODE_SUBSTRING_ERROR), errmsg("negative substring length not allowed"));
    end = has_count ? start + count : INT64_MAX;
    if (start < 1)
        start = 1;
    if (end <= start)
        return make_text("", 0);
    bstart = AdtUtf8Offset(TDATA(t), TLEN(t), (int) Min(start - 1, INT32_MAX));
    bend = end == INT64_MAX ? TLEN(t) : AdtUtf8Offset(TDATA(t), TLEN(t), (int) Min(end - 1, INT32_MAX));
    return make_text(TDATA(t) + bstart, bend - bstart);
}

Datum
text_substr(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(substr_chars(TXT(0), RDB_GETARG_INT32(1), RDB_GETARG_INT32(2), true));
}

Datum
text_substr_no_len(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(substr_chars(TXT(0), RDB_GETARG_INT32(1), 0, false));
}

/* 1-based character position of needle in haystack, 0 if absent. */
static int
text_position(text *hay, text *needle)
{
    int         hl = TLEN(hay), nl = TLEN(needle);

    if (nl == 0)
        return 1;
    for (int i = 0; i + nl <= hl; i++)
        if (memcmp(TDATA(hay) + i, TDATA(needle), nl) == 0)
            return AdtUtf8Len(TDATA(hay), i) + 1;
    return 0;
}

Datum textpos(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(text_position(TXT(0), TXT(1))); }

Datum
text_starts_with(RDB_FUNCTION_ARGS)
{
    text       *a = TXT(0), *b = TXT(1);

    RDB_RETURN_BOOL(TLEN(b) <= TLEN(a) && memcmp(TDATA(a), TDATA(b), TLEN(b)) == 0);
}

Datum
text_left(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);
    int         n = RDB_GETARG_INT32(1);
    int         total = AdtUtf8Len(TDATA(t), TLEN(t));
    int         keep = n >= 0 ? n : Max(total + n, 0);

    RDB_RETURN_TEXT_P(make_text(TDATA(t), AdtUtf8Offset(TDATA(t), TLEN(t), keep)));
}

Datum
text_right(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);
    int         n = RDB_GETARG_INT32(1);
    int         total = AdtUtf8Len(TDATA(t), TLEN(t));
    int         skip = n >= 0 ? Max(total - n, 0) : Min(-(int64) n, total);
    int         off = AdtUtf8Offset(TDATA(t), TLEN(t), skip);

    RDB_RETURN_TEXT_P(make_text(TDATA(t) + off, TLEN(t) - off));
}

/* overlay(string placing new from start [for count]) */
Datum
text_overlay(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0), *repl = TXT(1);
    int         start = RDB_GETARG_INT32(2);
    int         count = RDB_NARGS() > 3 ? RDB_GETARG_INT32(3) : AdtUtf8Len(TDATA(repl), TLEN(repl));
    text       *head, *tail;
    StringInfoData out;

    if (start <= 0)
        ereport(ERROR, errcode(ERRCODE_SUBSTRING_ERROR), errmsg("negative substring length not allowed"));
    head = substr_chars(t, 1, start - 1, true);
    tail = substr_chars(t, (int64) start + count, 0, false);
    initStringInfo(&out);
    appendBinaryStringInfo(&out, TDATA(head), TLEN(head));
    appendBinaryStringInfo(&out, TDATA(repl), TLEN(repl));
    appendBinaryStringInfo(&out, TDATA(tail), TLEN(tail));
    RDB_RETURN_TEXT_P(make_text(out.data, out.len));
}

/* ---------- trimming ---------- */

/* Is the character at s (clen bytes) one of the characters in set? */
static bool
char_in_set(const char *s, int clen, const char *set, int setlen)
{
    for (int i = 0; i < setlen;)
    {
        int         l = AdtUtf8CharLen((unsigned char) set[i]);

        if (l == clen && memcmp(s, set + i, clen) == 0)
            return true;
        i += l;
    }
    return false;
}

static text *
do_trim(text *t, const char *set, int setlen, bool left, bool right)
{
    const char *s = TDATA(t);
    int         start = 0, end = TLEN(t);

    if (left)
        while (start < end)
        {
            int         l = AdtUtf8CharLen((unsigned char) s[start]);

            if (!char_in_set(s + start, l, set, setlen))
                break;
            start += l;
        }
    if (right)
        while (end > start)
        {
            int         b = end - 1;

            while (b > start && ((unsigned char) s[b] & 0xC0) == 0x80)
                b--;
            if (!char_in_set(s + b, end - b, set, setlen))
                break;
            end = b;
        }
    return make_text(s + start, end - start);
}

Datum btrim1(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), " ", 1, true, true)); }
Datum ltrim1(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), " ", 1, true, false)); }
Datum rtrim(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), TDATA(TXT(1)), TLEN(TXT(1)), false, true)); }
Datum btrim(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), TDATA(TXT(1)), TLEN(TXT(1)), true, true)); }
Datum ltrim(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), TDATA(TXT(1)), TLEN(TXT(1)), true, false)); }
Datum rtrim_text1(RDB_FUNCTION_ARGS) { RDB_RETURN_TEXT_P(do_trim(TXT(0), " ", 1, false, true)); }

/* ---------- padding ---------- */

static Datum
pad(FunctionCallInfo fcinfo, bool left)
{
    text       *t = TXT(0);
    int         len = RDB_GETARG_INT32(1);
    const char *fill = RDB_NARGS() > 2 ? TDATA(TXT(2)) : " ";
    int         fill_len = RDB_NARGS() > 2 ? TLEN(TXT(2)) : 1;
    int         have = AdtUtf8Len(TDATA(t), TLEN(t));
    StringInfoData out;

    if (len < 0)
        len = 0;
    if (have >= len)
        RDB_RETURN_TEXT_P(make_text(TDATA(t), AdtUtf8Offset(TDATA(t), TLEN(t), len)));
    if (fill_len == 0)
        RDB_RETURN_TEXT_P(make_text(TDATA(t), TLEN(t)));
    initStringInfo(&out);
    if (!left)
        appendBinaryStringInfo(&out, TDATA(t), TLEN(t));
    for (int n = 0, fi = 0; n < len - have; n++)
    {
        int         l = AdtUtf8CharLen((unsigned char) fill[fi]);

        appendBinaryStringInfo(&out, fill + fi, l);
        fi += l;
        if (fi >= fill_len)
            fi = 0;
    }
    if (left)
        appendBinaryStringInfo(&out, TDATA(t), TLEN(t));
    RDB_RETURN_TEXT_P(make_text(out.data, out.len));
}

Datum lpad(RDB_FUNCTION_ARGS) { return pad(fcinfo, true); }
Datum rpad(RDB_FUNCTION_ARGS) { return pad(fcinfo, false); }

/* ---------- replace / translate / repeat / reverse / split_part ---------- */

Datum
replace_text(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0), *from = TXT(1), *to = TXT(2);
    int         fl = TLEN(from);
    StringInfoData out;

    if (fl == 0 || TLEN(t) == 0)
        RDB_RETURN_TEXT_P(make_text(TDATA(t), TLEN(t)));
    initStringInfo(&out);
    for (int i = 0; i < TLEN(t);)
    {
        if (i + fl <= TLEN(t) && memcmp(TDATA(t) + i, TDATA(from), fl) == 0)
        {
            appendBinaryStringInfo(&out, TDATA(to), TLEN(to));
            i += fl;
        }
        else
            appendStringInfoChar(&out, TDATA(t)[i++]);
    }
    RDB_RETURN_TEXT_P(make_text(out.data, out.len));
}

Datum
translate(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0), *from = TXT(1), *to = TXT(2);
    StringInfoData out;

    initStringInfo(&out);
    for (int i = 0; i < TLEN(t);)
    {
        int         cl = AdtUtf8CharLen((unsigned char) TDATA(t)[i]);
        int         idx = 0, fpos = 0;
        bool        found = false;

        while (fpos < TLEN(from))
        {
            int         fcl = AdtUtf8CharLen((unsigned char) TDATA(from)[fpos]);

            if (fcl == cl && memcmp(TDATA(from) + fpos, TDATA(t) + i, cl) == 0)
            {
                found = true;
                break;
            }
            fpos += fcl;
            idx++;
        }
        if (!found)
            appendBinaryStringInfo(&out, TDATA(t) + i, cl);
        else
        {
            int         toff = AdtUtf8Offset(TDATA(to), TLEN(to), idx);

            if (toff < TLEN(to))
                appendBinaryStringInfo(&out, TDATA(to) + toff, AdtUtf8CharLen((unsigned char) TDATA(to)[toff]));
        }
        i += cl;
    }
    RDB_RETURN_TEXT_P(make_text(out.data, out.len));
}

Datum
repeat(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);
    int         n = RDB_GETARG_INT32(1);
    int64       total;
    text       *r;

    if (n < 0)
        n = 0;
    total = (int64) TLEN(t) * n;
    if (total > (int64) MaxAllocSize - VARHDRSZ)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("requested length too large"));
    r = palloc(VARHDRSZ + total);
    SET_VARSIZE(r, VARHDRSZ + total);
    for (int i = 0; i < n; i++)
        memcpy(VARDATA(r) + (int64) i * TLEN(t), TDATA(t), TLEN(t));
    RDB_RETURN_TEXT_P(r);
}

Datum
text_reverse(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);
    text       *r = make_text(TDATA(t), TLEN(t));
    char       *dst = VARDATA(r) + TLEN(t);

    for (int i = 0; i < TLEN(t);)
    {
        int         cl = AdtUtf8CharLen((unsigned char) TDATA(t)[i]);

        if (i + cl > TLEN(t))
            cl = TLEN(t) - i;
        dst -= cl;
        memcpy(dst, TDATA(t) + i, cl);
        i += cl;
    }
    RDB_RETURN_TEXT_P(r);
}

Datum
split_part(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0), *d = TXT(1);
    int         field = RDB_GETARG_INT32(2);
    int         starts[1024], ends[1024];
    int         n = 0, pos = 0;

    if (field == 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("field position must not be zero"));
    if (TLEN(t) == 0)
        RDB_RETURN_TEXT_P(make_text("", 0));
    if (TLEN(d) == 0)
        RDB_RETURN_TEXT_P((field == 1 || field == -1) ? make_text(TDATA(t), TLEN(t)) : make_text("", 0));
    /* collect field boundaries (bounded; extra fields beyond 1024 are merged into the last) */
    starts[0] = 0;
    for (int i = 0; i + TLEN(d) <= TLEN(t) && n < 1023;)
    {
        if (memcmp(TDATA(t) + i, TDATA(d), TLEN(d)) == 0)
        {
            ends[n++] = i;
            i += TLEN(d);
            starts[n] = i;
        }
        else
            i++;
    }
    ends[n++] = TLEN(t);
    (void) pos;
    if (field < 0)
        field = n + field + 1;
    if (field < 1 || field > n)
        RDB_RETURN_TEXT_P(make_text("", 0));
    RDB_RETURN_TEXT_P(make_text(TDATA(t) + starts[field - 1], ends[field - 1] - starts[field - 1]));
}

Datum
chr(RDB_FUNCTION_ARGS)
{
    int32       c = RDB_GETARG_INT32(0);
    char        buf[4];
    int         n;

    if (c <= 0)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg(c == 0 ? "null character not permitted" : "character number must be positive"));
    if (c < 0x80)
        buf[0] = (char) c, n = 1;
    else if (c < 0x800)
        buf[0] = (char) (0xC0 | (c >> 6)), buf[1] = (char) (0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
    {
        if (c >= 0xD800 && c <= 0xDFFF)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("requested character not valid for encoding: %d", c));
        buf[0] = (char) (0xE0 | (c >> 12)), buf[1] = (char) (0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char) (0x80 | (c & 0x3F)), n = 3;
    }
    else if (c <= 0x10FFFF)
    {
        buf[0] = (char) (0xF0 | (c >> 18)), buf[1] = (char) (0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char) (0x80 | ((c >> 6) & 0x3F)), buf[3] = (char) (0x80 | (c & 0x3F)), n = 4;
    }
    else
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("requested character too large for encoding: %d", c));
    RDB_RETURN_TEXT_P(make_text(buf, n));
}

Datum
ascii(RDB_FUNCTION_ARGS)
{
    text       *t = TXT(0);
    const unsigned char *s = (const unsigned char *) TDATA(t);
    int         cl;
    int32       v;

    if (TLEN(t) == 0)
        RDB_RETURN_INT32(0);
    cl = AdtUtf8CharLen(s[0]);
    if (cl > TLEN(t))
        cl = 1;
    v = cl == 1 ? s[0] : (s[0] & (0xFF >> (cl + 1)));
    for (int i = 1; i < cl; i++)
        v = (v << 6) | (s[i] & 0x3F);
    RDB_RETURN_INT32(v);
}

static Datum
to_hex(uint64 v)
{
    char        buf[24];

    snprintf(buf, sizeof(buf), "%llx", (unsigned long long) v);
    RDB_RETURN_TEXT_P(cstring_to_text(buf));
}

Datum to_hex32(RDB_FUNCTION_ARGS) { return to_hex((uint32) RDB_GETARG_INT32(0)); }
Datum to_hex64(RDB_FUNCTION_ARGS) { return to_hex((uint64) RDB_GETARG_INT64(0)); }
