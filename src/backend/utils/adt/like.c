/*
 * like.c
 *     LIKE / NOT LIKE / ILIKE / NOT ILIKE (operators ~~ !~~ ~~* !~~*) and
 *     like_escape(), which rewrites a pattern with a custom ESCAPE character
 *     into one that uses backslash, the escape the matcher understands.
 *
 * Matching is recursive over UTF-8 characters with a fast path for '%':
 * it tries each suffix, which is O(n*m) in the worst case but needs no
 * allocation.  ILIKE folds ASCII letters only (C locale).
 */
#include "rustydb.h"

#include <ctype.h>

#include "adt_int.h"

typedef enum
{
    LIKE_FALSE, LIKE_TRUE, LIKE_ABORT
} LikeResult;

static inline bool
chars_equal(const char *a, const char *b, int len, bool icase)
{
    if (!icase)
        return memcmp(a, b, len) == 0;
    for (int i = 0; i < len; i++)
        if (tolower((unsigned char) a[i]) != tolower((unsigned char) b[i]))
            return false;
    return true;
}

static LikeResult
match(const char *s, int slen, const char *p, int plen, bool icase)
{
    while (plen > 0)
    {
        if (*p == '\\')
        {
            int         cl;

            p++, plen--;
            if (plen <= 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_ESCAPE_SEQUENCE),
                        errmsg("LIKE pattern must not end with escape character"));
            cl = AdtUtf8CharLen((unsigned char) *p);
            if (slen < cl || !chars_equal(s, p, cl, icase))
                return LIKE_FALSE;
            s += cl, slen -= cl, p += cl, plen -= cl;
        }
        else if (*p == '%')
        {
            /* collapse %% and %_ runs: each _ must consume one character */
            while (plen > 0 && (*p == '%' || *p == '_'))
            {
                if (*p == '_')
                {
                    int         cl;

                    if (slen <= 0)
                        return LIKE_ABORT;
                    cl = AdtUtf8CharLen((unsigned char) *s);
                    s += cl, slen -= cl;
                }
                p++, plen--;
            }
            if (plen == 0)
                return LIKE_TRUE;
            while (slen > 0)
            {
                LikeResult  r;

                /* a literal next pattern char lets us skip non-matching positions */
                if (*p != '\\' && !chars_equal(s, p, 1, icase))
                {
                    int         cl = AdtUtf8CharLen((unsigned char) *s);

                    s += cl, slen -= cl;
                    continue;
                }
                r = match(s, slen, p, plen, icase);
                if (r != LIKE_FALSE)
                    return r;
                {
                    int         cl = AdtUtf8CharLen((unsigned char) *s);

                    s += cl, slen -= cl;
                }
            }
            return LIKE_ABORT;
        }
        else if (*p == '_')
        {
            int         cl;

            if (slen <= 0)
                return LIKE_ABORT;
            cl = AdtUtf8CharLen((unsigned char) *s);
            s += cl, slen -= cl;
            p++, plen--;
        }
        else
        {
            int         cl = AdtUtf8CharLen((unsigned char) *p);

            if (slen < cl || !chars_equal(s, p, cl, icase))
                return LIKE_FALSE;
            s += cl, slen -= cl, p += cl, plen -= cl;
        }
    }
    return slen == 0 ? LIKE_TRUE : LIKE_FALSE;
}

static bool
like_internal(text *str, text *pat, bool icase)
{
    return match(VARDATA(str), (int) VARSIZE_EXHDR(str), VARDATA(pat), (int) VARSIZE_EXHDR(pat), icase) == LIKE_TRUE;
}

Datum textlike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(like_internal(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1), false)); }
Datum textnlike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(!like_internal(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1), false)); }
Datum texticlike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(like_internal(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1), true)); }
Datum texticnlike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(!like_internal(RDB_GETARG_TEXT_P(0), RDB_GETARG_TEXT_P(1), true)); }

/* name LIKE text */
static text *
name_as_text(FunctionCallInfo fcinfo)
{
    const char *n = RDB_GETARG_POINTER(0);

    return cstring_to_text_with_len(n, (int) strnlen(n, NAMEDATALEN));
}

Datum namelike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(like_internal(name_as_text(fcinfo), RDB_GETARG_TEXT_P(1), false)); }
Datum namenlike(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(!like_internal(name_as_text(fcinfo), RDB_GETARG_TEXT_P(1), false)); }

/*
 * like_escape(pattern, escape) -- rewrite pattern so that escape plays the
 * role of backslash.  An empty escape disables escaping (literal
 * backslashes are doubled).
 */
Datum
like_escape(RDB_FUNCTION_ARGS)
{
    text       *pat = RDB_GETARG_TEXT_P(0), *esc = RDB_GETARG_TEXT_P(1);
    const char *p = VARDATA(pat);
    int         plen = (int) VARSIZE_EXHDR(pat);
    int         elen = (int) VARSIZE_EXHDR(esc);
    StringInfoData out;

    if (elen > 0 && AdtUtf8Len(VARDATA(esc), elen) != 1)
        ereport(ERROR, errcode(ERRCODE_INVALID_ESCAPE_SEQUENCE), errmsg("invalid escape string"),
                errhint("Escape string must be empty or one character."));
    initStringInfo(&out);
    for (int i = 0; i < plen;)
    {
        int         cl = AdtUtf8CharLen((unsigned char) p[i]);

        if (elen == 0)
        {
            if (p[i] == '\\')
                appendStringInfoChar(&out, '\\');
            appendBinaryStringInfo(&out, p + i, cl);
        }
        else if (cl == elen && memcmp(p + i, VARDATA(esc), elen) == 0)
        {
            i += cl;
            if (i >= plen)
                ereport(ERROR, errcode(ERRCODE_INVALID_ESCAPE_SEQUENCE),
                        errmsg("LIKE pattern must not end with escape character"));
            cl = AdtUtf8CharLen((unsigned char) p[i]);
            appendStringInfoChar(&out, '\\');
            appendBinaryStringInfo(&out, p + i, cl);
        }
        else if (p[i] == '\\')
        {
            appendStringInfoString(&out, "\\\\");
        }
        else
            appendBinaryStringInfo(&out, p + i, cl);
        i += cl;
    }
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}
