/*
 * regexp.c
 *     POSIX-style regular expression operators (~ ~* !~ !~*) and functions
 *     (regexp_replace, regexp_match, regexp_split_to_array, substring with
 *     a pattern, similar_to_escape) on top of PCRE2 (libpcre2-8).
 *
 * PostgreSQL's ARE dialect and PCRE agree on the common syntax (classes,
 * quantifiers, groups, anchors, \d \s \w); error texts for invalid
 * patterns come from PCRE and differ from PostgreSQL's, but the SQLSTATE
 * (2201B) is the same.
 *
 * Compiled patterns are cached per call site in fcinfo->fn_extra (one
 * entry: the last pattern + flags), allocated in fcinfo->fn_mcxt through a
 * PCRE2 general context that uses our allocator; a call without fn_extra
 * compiles in CurrentMemoryContext every time.
 */
#include "rustydb.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "adt_int.h"

typedef struct RegexCacheEntry
{
    char       *pattern;        /* copy of the pattern text */
    int         pattern_len;
    uint32      options;
    pcre2_code *code;
    pcre2_match_data *match_data;
} RegexCacheEntry;

static void *
pcre_alloc(size_t size, void *mcxt)
{
    return MemoryContextAlloc((MemoryContext) mcxt, size);
}

static void
pcre_free(void *ptr, void *mcxt)
{
    (void) mcxt;
    if (ptr)
        pfree(ptr);
}

static RDB_NORETURN void
regex_error(int errorcode)
{
    PCRE2_UCHAR msg[256];

    pcre2_get_error_message(errorcode, msg, sizeof(msg));
    ereport(ERROR, errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
            errmsg("invalid regular expression: %s", (const char *) msg));
    rdb_unreachable();
}

/* Compile (or fetch from the call-site cache) pattern with PCRE2 options. */
static RegexCacheEntry *
get_regex(FunctionCallInfo fcinfo, const char *pat, int len, uint32 options)
{
    RegexCacheEntry *e = fcinfo->fn_extra ? (RegexCacheEntry *) *fcinfo->fn_extra : NULL;
    MemoryContext mcxt = (fcinfo->fn_extra && fcinfo->fn_mcxt) ? fcinfo->fn_mcxt : CurrentMemoryContext;
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    int         err;
    PCRE2_SIZE  erroff;

    if (e && e->options == options && e->pattern_len == len && memcmp(e->pattern, pat, len) == 0)
        return e;
    if (e)
    {
        pcre2_match_data_free(e->match_data);
        pcre2_code_free(e->code);
        pfree(e->pattern);
        pfree(e);
    }
    e = MemoryContextAllocZero(mcxt, sizeof(RegexCacheEntry));
    e->pattern = MemoryContextAlloc(mcxt, len + 1);
    memcpy(e->pattern, pat, len);
    e->pattern[len] = '\0';
    e->pattern_len = len;
    e->options = options;
    gctx = pcre2_general_context_create(pcre_alloc, pcre_free, mcxt);
    if (gctx == NULL)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"));
    cctx = pcre2_compile_context_create(gctx);
    e->code = pcre2_compile((PCRE2_SPTR) pat, len, options | PCRE2_UTF | PCRE2_NO_UTF_CHECK, &err, &erroff, cctx);
    pcre2_compile_context_free(cctx);
    if (e->code == NULL)
    {
        pcre2_general_context_free(gctx);
        regex_error(err);
    }
    e->match_data = pcre2_match_data_create_from_pattern(e->code, gctx);
    pcre2_general_context_free(gctx);
    if (e->match_data == NULL)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"));
    if (fcinfo->fn_extra)
        *fcinfo->fn_extra = e;
    return e;
}

/* Match at offset; returns number of pairs (>0) or 0 for no match. */
static int
regex_exec(RegexCacheEntry *e, const char *s, int len, int offset)
{
    int         rc = pcre2_match(e->code, (PCRE2_SPTR) s, len, offset, 0, e->match_data, NULL);

    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
    {
        PCRE2_UCHAR msg[256];

        pcre2_get_error_message(rc, msg, sizeof(msg));
        ereport(ERROR, errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
                errmsg("regular expression failed: %s", (const char *) msg));
    }
    return rc == 0 ? (int) pcre2_get_ovector_count(e->match_data) : rc;
}

/* Options from a PostgreSQL flags string: i (caseless), g (global, reported), c, n, s, x. */
static uint32
parse_flags(text *flags, bool *global)
{
    uint32      opts = 0;

    *global = false;
    if (flags == NULL)
        return opts;
    for (int i = 0; i < (int) VARSIZE_EXHDR(flags); i++)
    {
        switch (VARDATA(flags)[i])
        {
            case 'i':
                opts |= PCRE2_CASELESS;
                break;
            case 'c':
                opts &= ~PCRE2_CASELESS;
                break;
            case 'g':
                *global = true;
                break;
            case 'n':
            case 'm':
                opts |= PCRE2_MULTILINE;
                break;
            case 's':
                opts |= PCRE2_DOTALL;
                break;
            case 'x':
                opts |= PCRE2_EXTENDED;
                break;
            default:
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("invalid regular expression option: \"%.*s\"", 1, VARDATA(flags) + i));
        }
    }
    return opts;
}

static bool
regex_matches(FunctionCallInfo fcinfo, uint32 options)
{
    text       *s = RDB_GETARG_TEXT_P(0), *p = RDB_GETARG_TEXT_P(1);
    RegexCacheEntry *e = get_regex(fcinfo, VARDATA(p), (int) VARSIZE_EXHDR(p), options);

    return regex_exec(e, VARDATA(s), (int) VARSIZE_EXHDR(s), 0) > 0;
}

Datum textregexeq(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(regex_matches(fcinfo, 0)); }
Datum textregexne(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(!regex_matches(fcinfo, 0)); }
Datum texticregexeq(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(regex_matches(fcinfo, PCRE2_CASELESS)); }
Datum texticregexne(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(!regex_matches(fcinfo, PCRE2_CASELESS)); }

/*
 * regexp_replace(source, pattern, replacement [, flags]): \1..\9 insert
 * groups, \& the whole match, \\ a backslash.
 */
Datum
textregexreplace(RDB_FUNCTION_ARGS)
{
    text       *src = RDB_GETARG_TEXT_P(0), *pat = RDB_GETARG_TEXT_P(1), *rep = RDB_GETARG_TEXT_P(2);
    bool        global;
    uint32      opts = parse_flags(RDB_NARGS() > 3 ? RDB_GETARG_TEXT_P(3) : NULL, &global);
    RegexCacheEntry *e = get_regex(fcinfo, VARDATA(pat), (int) VARSIZE_EXHDR(pat), opts);
    const char *s = VARDATA(src);
    int         len = (int) VARSIZE_EXHDR(src);
    const char *r = VARDATA(rep);
    int         rlen = (int) VARSIZE_EXHDR(rep);
    int         pos = 0;
    StringInfoData out;

    initStringInfo(&out);
    while (pos <= len)
    {
        int         n = regex_exec(e, s, len, pos);
        PCRE2_SIZE *ov;

        if (n == 0)
            break;
        ov = pcre2_get_ovector_pointer(e->match_data);
        appendBinaryStringInfo(&out, s + pos, (int) ov[0] - pos);
        for (int i = 0; i < rlen; i++)
        {
            if (r[i] == '\\' && i + 1 < rlen)
            {
                char        c = r[++i];

                if (c >= '1' && c <= '9')
                {
                    int         g = c - '0';

                    if (g < n && ov[2 * g] != PCRE2_UNSET)
                        appendBinaryStringInfo(&out, s + ov[2 * g], (int) (ov[2 * g + 1] - ov[2 * g]));
                }
                else if (c == '&')
                    appendBinaryStringInfo(&out, s + ov[0], (int) (ov[1] - ov[0]));
                else
                {
                    if (c != '\\')
                        appendStringInfoChar(&out, '\\');
                    appendStringInfoChar(&out, c);
                }
            }
            else
                appendStringInfoChar(&out, r[i]);
        }
        if (ov[1] == ov[0])
        {
            /* empty match: copy one character and move on */
            if ((int) ov[1] < len)
            {
                int         cl = AdtUtf8CharLen((unsigned char) s[ov[1]]);

                appendBinaryStringInfo(&out, s + ov[1], cl);
                pos = (int) ov[1] + cl;
            }
            else
                pos = len + 1;
        }
        else
            pos = (int) ov[1];
        if (!global)
            break;
    }
    if (pos < len)
        appendBinaryStringInfo(&out, s + pos, len - pos);
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* regexp_match(string, pattern [, flags]) -> text[] of groups (or the whole match), NULL if none */
Datum
regexp_match(RDB_FUNCTION_ARGS)
{
    text       *src = RDB_GETARG_TEXT_P(0), *pat = RDB_GETARG_TEXT_P(1);
    bool        global;
    uint32      opts = parse_flags(RDB_NARGS() > 2 ? RDB_GETARG_TEXT_P(2) : NULL, &global);
    RegexCacheEntry *e = get_regex(fcinfo, VARDATA(pat), (int) VARSIZE_EXHDR(pat), opts);
    int         n = regex_exec(e, VARDATA(src), (int) VARSIZE_EXHDR(src), 0);
    PCRE2_SIZE *ov;
    uint32      ngroups;
    Datum      *vals;
    bool       *nulls;

    if (global)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("%s does not support the \"global\" option", "regexp_match()"),
                errhint("Use the regexp_matches function instead."));
    if (n == 0)
        RDB_RETURN_NULL();
    ov = pcre2_get_ovector_pointer(e->match_data);
    pcre2_pattern_info(e->code, PCRE2_INFO_CAPTURECOUNT, &ngroups);
    if (ngroups == 0)
    {
        Datum       v = PointerGetDatum(cstring_to_text_with_len(VARDATA(src) + ov[0], (int) (ov[1] - ov[0])));

        RDB_RETURN_POINTER(ArrayConstruct(TEXTOID, &v, NULL, 1));
    }
    vals = palloc(sizeof(Datum) * ngroups);
    nulls = palloc(sizeof(bool) * ngroups);
    for (uint32 g = 1; g <= ngroups; g++)
    {
        nulls[g - 1] = (int) g >= n || ov[2 * g] == PCRE2_UNSET;
        vals[g - 1] = nulls[g - 1] ? 0 :
            PointerGetDatum(cstring_to_text_with_len(VARDATA(src) + ov[2 * g], (int) (ov[2 * g + 1] - ov[2 * g])));
    }
    RDB_RETURN_POINTER(ArrayConstruct(TEXTOID, vals, nulls, (int) ngroups));
}

/* substring(string from pattern): first group if any, else the match; NULL if none */
Datum
textregexsubstr(RDB_FUNCTION_ARGS)
{
    text       *src = RDB_GETARG_TEXT_P(0), *pat = RDB_GETARG_TEXT_P(1);
    RegexCacheEntry *e = get_regex(fcinfo, VARDATA(pat), (int) VARSIZE_EXHDR(pat), 0);
    int         n = regex_exec(e, VARDATA(src), (int) VARSIZE_EXHDR(src), 0);
    PCRE2_SIZE *ov;
    int         g;

    if (n == 0)
        RDB_RETURN_NULL();
    ov = pcre2_get_ovector_pointer(e->match_data);
    g = n > 1 ? 1 : 0;
    if (ov[2 * g] == PCRE2_UNSET)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(VARDATA(src) + ov[2 * g], (int) (ov[2 * g + 1] - ov[2 * g])));
}

/* regexp_split_to_array(string, pattern [, flags]) */
Datum
regexp_split_to_array(RDB_FUNCTION_ARGS)
{
    text       *src = RDB_GETARG_TEXT_P(0), *pat = RDB_GETARG_TEXT_P(1);
    bool        global;
    uint32      opts = parse_flags(RDB_NARGS() > 2 ? RDB_GETARG_TEXT_P(2) : NULL, &global);
    RegexCacheEntry *e = get_regex(fcinfo, VARDATA(pat), (int) VARSIZE_EXHDR(pat), opts);
    const char *s = VARDATA(src);
    int         len = (int) VARSIZE_EXHDR(src);
    int         cap = 16, n = 0, start = 0, search = 0;
    Datum      *vals = palloc(sizeof(Datum) * cap);

    while (search < len)
    {
        int         m = regex_exec(e, s, len, search);
        PCRE2_SIZE *ov;

        if (m == 0)
            break;
        ov = pcre2_get_ovector_pointer(e->match_data);
        if (ov[1] == ov[0])
        {
            /* empty match: split between characters */
            if ((int) ov[0] >= len)
                break;
            if ((int) ov[0] == start)
            {
                search = (int) ov[0] + AdtUtf8CharLen((unsigned char) s[ov[0]]);
                if (search >= len)
                    break;
                vals[n++] = PointerGetDatum(cstring_to_text_with_len(s + start, search - start));
                start = search;
                if (n == cap)
                    vals = repalloc(vals, sizeof(Datum) * (cap *= 2));
                continue;
            }
        }
        if (n == cap)
            vals = repalloc(vals, sizeof(Datum) * (cap *= 2));
        vals[n++] = PointerGetDatum(cstring_to_text_with_len(s + start, (int) ov[0] - start));
        start = (int) ov[1];
        search = ov[1] > ov[0] ? (int) ov[1] : (int) ov[1] + 1;
    }
    if (n == cap)
        vals = repalloc(vals, sizeof(Datum) * (cap + 1));
    vals[n++] = PointerGetDatum(cstring_to_text_with_len(s + start, len - start));
    RDB_RETURN_POINTER(ArrayConstruct(TEXTOID, vals, NULL, n));
}

/*
 * similar_to_escape(pattern [, escape]) -- translate SQL SIMILAR TO into a
 * regular expression anchored at both ends: % -> .*, _ -> ., the escape
 * character quotes the next one, '.' and other regex-only characters are
 * quoted, and SQL's |, *, +, ?, {}, (), [] pass through.
 */
Datum
similar_to_escape(RDB_FUNCTION_ARGS)
{
    text       *pat = RDB_GETARG_TEXT_P(0);
    const char *p = VARDATA(pat);
    int         plen = (int) VARSIZE_EXHDR(pat);
    char        esc = '\\';
    bool        have_esc = true;
    bool        in_bracket = false;
    StringInfoData out;

    if (RDB_NARGS() > 1)
    {
        text       *e = RDB_GETARG_TEXT_P(1);

        if (VARSIZE_EXHDR(e) == 0)
            have_esc = false;
        else if (AdtUtf8Len(VARDATA(e), (int) VARSIZE_EXHDR(e)) != 1)
            ereport(ERROR, errcode(ERRCODE_INVALID_ESCAPE_SEQUENCE), errmsg("invalid escape string"),
                    errhint("Escape string must be empty or one character."));
        else
            esc = VARDATA(e)[0];
    }
    initStringInfo(&out);
    appendStringInfoString(&out, "^(?:");
    for (int i = 0; i < plen; i++)
    {
        char        c = p[i];

        if (have_esc && c == esc && i + 1 < plen)
        {
            appendStringInfoChar(&out, '\\');
            appendStringInfoChar(&out, p[++i]);
        }
        else if (in_bracket)
        {
            if (c == ']')
                in_bracket = false;
            appendStringInfoChar(&out, c);
        }
        else if (c == '[')
        {
            in_bracket = true;
            appendStringInfoChar(&out, c);
        }
        else if (c == '%')
            appendStringInfoString(&out, ".*");
        else if (c == '_')
            appendStringInfoChar(&out, '.');
        else if (c == '.' || c == '^' || c == '$' || c == '\\')
        {
            appendStringInfoChar(&out, '\\');
            appendStringInfoChar(&out, c);
        }
        else
            appendStringInfoChar(&out, c);
    }
    appendStringInfoString(&out, ")$");
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}
