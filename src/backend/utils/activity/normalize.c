/*
 * normalize.c
 *     Statement normalisation and the 64-bit query id.
 * Entry points: PgStatNormalizeQuery(), PgStatQueryId(), pgstat_normalize().
 *
 * A small SQL lexer, not the parser: statements that do not parse still get
 * an id, and the cost is one pass over the text (pg_stat_statements hashes
 * the parse tree; we have no post-analysis jumble yet, see README).
 *   - numeric and string constants (including E'', B'', X'', N'', U&'' and
 *     dollar-quoted strings) become $1, $2, ... numbered after the highest
 *     $n already in the text;
 *   - comments are dropped, runs of white space become one space, a
 *     trailing semicolon is dropped;
 *   - the id is FNV-1a 64 over the token sequence, keywords and unquoted
 *     identifiers folded to lower case, constants as one placeholder, so
 *     spacing, case and constant values do not change it.
 */
#include "rustydb.h"

#include <string.h>

#include "pgstat_int.h"
#include "utils/palloc.h"

typedef enum TokKind
{
    TOK_END,
    TOK_SPACE,                  /* white space or comment */
    TOK_WORD,                   /* keyword or unquoted identifier */
    TOK_QUOTED_IDENT,
    TOK_CONST,                  /* number or string */
    TOK_PARAM,                  /* $n */
    TOK_OTHER                   /* operator / punctuation: one or more chars */
} TokKind;

typedef struct Tok
{
    TokKind     kind;
    size_t      start;
    size_t      len;
    int         param;          /* TOK_PARAM: n */
} Tok;

/*
 * ASCII character classes: inline (the lexer runs for every statement) and
 * independent of the process locale, so the id is too.
 */
static inline bool
ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool
ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline bool
ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline unsigned char
ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + ('a' - 'A')) : c;
}

static inline bool
is_ident_start(unsigned char c)
{
    return ascii_alpha(c) || c == '_' || c >= 0x80;
}

static inline bool
is_ident_cont(unsigned char c)
{
    return ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skip a '...' body starting at the opening quote; backslash escapes if esc. */
static size_t
skip_string(const char *s, size_t len, size_t i, bool esc)
{
    i++;                        /* opening quote */
    while (i < len)
    {
        if (esc && s[i] == '\\' && i + 1 < len)
            i += 2;
        else if (s[i] == '\'')
        {
            if (i + 1 < len && s[i + 1] == '\'')
                i += 2;
            else
                return i + 1;
        }
        else
            i++;
    }
    return len;
}

static Tok
next_token(const char *s, size_t len, size_t i)
{
    Tok         t = {TOK_END, i, 0, 0};
    unsigned char c;

    if (i >= len)
        return t;
    c = (unsigned char) s[i];
    if (ascii_space(c))
    {
        size_t      j = i;

        while (j < len && ascii_space((unsigned char) s[j]))
            j++;
        t.kind = TOK_SPACE;
        t.len = j - i;
        return t;
    }
    if (c == '-' && i + 1 < len && s[i + 1] == '-')
    {
        size_t      j = i;

        while (j < len && s[j] != '\n')
            j++;
        t.kind = TOK_SPACE;
        t.len = j - i;
        return t;
    }
    if (c == '/' && i + 1 < len && s[i + 1] == '*')
    {
        size_t      j = i + 2;
        int         depth = 1;

        while (j < len && depth > 0)
        {
            if (s[j] == '/' && j + 1 < len && s[j + 1] == '*')
                depth++, j += 2;
            else if (s[j] == '*' && j + 1 < len && s[j + 1] == '/')
                depth--, j += 2;
            else
                j++;
        }
        t.kind = TOK_SPACE;
        t.len = j - i;
        return t;
    }
    if (c == '\'')
    {
        t.kind = TOK_CONST;
        t.len = skip_string(s, len, i, false) - i;
        return t;
    }
    /* E'..', B'..', X'..', N'..' and U&'..' */
    if ((c == 'e' || c == 'E' || c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') &&
        i + 1 < len && s[i + 1] == '\'')
    {
        t.kind = TOK_CONST;
        t.len = skip_string(s, len, i + 1, c == 'e' || c == 'E') - i;
        return t;
    }
    if ((c == 'u' || c == 'U') && i + 2 < len && s[i + 1] == '&' && s[i + 2] == '\'')
    {
        t.kind = TOK_CONST;
        t.len = skip_string(s, len, i + 2, false) - i;
        return t;
    }
    if (c == '"')
    {
        size_t      j = i + 1;

        while (j < len)
        {
            if (s[j] == '"')
            {
                if (j + 1 < len && s[j + 1] == '"')
                    j += 2;
                else
                {
                    j++;
                    break;
                }
            }
            else
                j++;
        }
        t.kind = TOK_QUOTED_IDENT;
        t.len = j - i;
        return t;
    }
    if (c == '$')
    {
        size_t      j = i + 1;

        if (j < len && ascii_digit((unsigned char) s[j]))
        {
            int         n = 0;

            while (j < len && ascii_digit((unsigned char) s[j]))
            {
                if (n < 100000)
                    n = n * 10 + (s[j] - '0');
                j++;
            }
            t.kind = TOK_PARAM;
            t.param = n;
            t.len = j - i;
            return t;
        }
        /* dollar quoting: $tag$ ... $tag$ */
        while (j < len && (ascii_alpha((unsigned char) s[j]) || ascii_digit((unsigned char) s[j]) || s[j] == '_' || (unsigned char) s[j] >= 0x80))
            j++;
        if (j < len && s[j] == '$')
        {
            size_t      taglen = j - i + 1;
            size_t      k = j + 1;

            while (k + taglen <= len && memcmp(s + k, s + i, taglen) != 0)
                k++;
            t.kind = TOK_CONST;
            t.len = (k + taglen <= len ? k + taglen : len) - i;
            return t;
        }
        t.kind = TOK_OTHER;
        t.len = 1;
        return t;
    }
    if (ascii_digit(c) || (c == '.' && i + 1 < len && ascii_digit((unsigned char) s[i + 1])))
    {
        size_t      j = i;

        while (j < len && ascii_digit((unsigned char) s[j]))
            j++;
        if (j < len && s[j] == '.' && !(j + 1 < len && s[j + 1] == '.'))
        {
            j++;
            while (j < len && ascii_digit((unsigned char) s[j]))
                j++;
        }
        if (j < len && (s[j] == 'e' || s[j] == 'E'))
        {
            size_t      k = j + 1;

            if (k < len && (s[k] == '+' || s[k] == '-'))
                k++;
            if (k < len && ascii_digit((unsigned char) s[k]))
            {
                j = k;
                while (j < len && ascii_digit((unsigned char) s[j]))
                    j++;
            }
        }
        t.kind = TOK_CONST;
        t.len = j - i;
        return t;
    }
    if (is_ident_start(c))
    {
        size_t      j = i;

        while (j < len && is_ident_cont((unsigned char) s[j]))
            j++;
        t.kind = TOK_WORD;
        t.len = j - i;
        return t;
    }
    t.kind = TOK_OTHER;
    t.len = 1;
    return t;
}

#define FNV_OFFSET UINT64_C(14695981039346656037)
#define FNV_PRIME UINT64_C(1099511628211)

static inline uint64
fnv_byte(uint64 h, unsigned char b)
{
    return (h ^ b) * FNV_PRIME;
}

/* Output buffer that stops (at a character boundary) when full. */
typedef struct OutBuf
{
    char       *buf;
    size_t      size;
    size_t      len;
    bool        full;
} OutBuf;

static void
out_append(OutBuf *o, const char *s, size_t n)
{
    if (o->full || o->size == 0)
        return;
    if (o->len + n >= o->size)
    {
        size_t      room = o->size - 1 - o->len;

        /* cut before a UTF-8 continuation byte sequence */
        while (room > 0 && ((unsigned char) s[room] & 0xC0) == 0x80)
            room--;
        memcpy(o->buf + o->len, s, room);
        o->len += room;
        o->full = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

uint64
pgstat_normalize(const char *query, size_t len, char *out, size_t outsize)
{
    OutBuf      o = {out, outsize, 0, false};
    uint64      h = FNV_OFFSET;
    int         max_param = 0;
    int         next_param;
    size_t      i;
    size_t      end = len;
    bool        pending_space = false;

    /* trailing white space, comments and semicolons do not count */
    for (;;)
    {
        size_t      last_end = 0;
        size_t      last_start = 0;
        TokKind     last_kind = TOK_END;

        for (i = 0; i < end;)
        {
            Tok         t = next_token(query, end, i);

            if (t.kind == TOK_PARAM && t.param > max_param)
                max_param = t.param;
            if (t.kind != TOK_SPACE)
            {
                last_start = t.start;
                last_end = t.start + t.len;
                last_kind = t.kind;
            }
            i += t.len;
        }
        if (last_kind == TOK_OTHER && query[last_start] == ';')
        {
            end = last_start;
            continue;
        }
        end = last_end;
        break;
    }

    next_param = max_param + 1;
    for (i = 0; i < end;)
    {
        Tok         t = next_token(query, end, i);

        i += t.len;
        if (t.kind == TOK_SPACE)
        {
            pending_space = o.len > 0;
            continue;
        }
        if (pending_space)
            out_append(&o, " ", 1);
        pending_space = false;
        h = fnv_byte(h, 0x1F);
        switch (t.kind)
        {
            case TOK_CONST:
                {
                    char        ph[16];
                    int         n = snprintf(ph, sizeof(ph), "$%d", next_param++);

                    out_append(&o, ph, (size_t) n);
                    h = fnv_byte(h, '?');
                    break;
                }
            case TOK_WORD:
                out_append(&o, query + t.start, t.len);
                for (size_t k = 0; k < t.len; k++)
                    h = fnv_byte(h, ascii_lower((unsigned char) query[t.start + k]));
                break;
            default:
                out_append(&o, query + t.start, t.len);
                for (size_t k = 0; k < t.len; k++)
                    h = fnv_byte(h, (unsigned char) query[t.start + k]);
                break;
        }
    }
    if (outsize > 0)
        out[o.len] = '\0';
    return h == 0 ? 1 : h;
}

/*
 * pgstat_query_id -- the id pgstat_normalize() returns, without building
 * the text: one pass, and the hash of a run of ';' is kept apart until a
 * later token shows it is not the trailing one.  This is what every
 * statement pays; the text is built only when a statistics entry is new.
 */
uint64
pgstat_query_id(const char *query, size_t len)
{
    uint64      h = FNV_OFFSET;
    uint64      h_kept = FNV_OFFSET;    /* h before a trailing run of ';' */

    for (size_t i = 0; i < len;)
    {
        unsigned char c = (unsigned char) query[i];
        Tok         t;

        /* fast paths for the common tokens: white space, a plain word */
        if (c == ' ' || c == '\n')
        {
            i++;
            continue;
        }
        if (is_ident_start(c) && !(i + 1 < len && (query[i + 1] == '\'' || query[i + 1] == '&')))
        {
            h = fnv_byte(h, 0x1F);
            do
                h = fnv_byte(h, ascii_lower(c));
            while (++i < len && is_ident_cont(c = (unsigned char) query[i]));
            h_kept = h;
            continue;
        }
        t = next_token(query, len, i);
        i += t.len;
        switch (t.kind)
        {
            case TOK_SPACE:
                continue;
            case TOK_CONST:
                h = fnv_byte(fnv_byte(h, 0x1F), '?');
                break;
            case TOK_WORD:
                h = fnv_byte(h, 0x1F);
                for (size_t k = 0; k < t.len; k++)
                    h = fnv_byte(h, ascii_lower((unsigned char) query[t.start + k]));
                break;
            default:
                h = fnv_byte(h, 0x1F);
                for (size_t k = 0; k < t.len; k++)
                    h = fnv_byte(h, (unsigned char) query[t.start + k]);
                if (t.kind == TOK_OTHER && query[t.start] == ';')
                    continue;   /* h_kept stays before the ';' */
                break;
        }
        h_kept = h;
    }
    return h_kept == 0 ? 1 : h_kept;
}

char *
PgStatNormalizeQuery(const char *query)
{
    size_t      len = strlen(query);
    size_t      size = len * 2 + 16;    /* "$12345" can be longer than "1" */
    char       *out = palloc(size);

    (void) pgstat_normalize(query, len, out, size);
    return out;
}

uint64
PgStatQueryId(const char *query)
{
    return pgstat_query_id(query, strlen(query));
}
