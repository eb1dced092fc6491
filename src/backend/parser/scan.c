/*
 * scan.c
 *     The SQL scanner: query text -> tokens, following PostgreSQL's lexical
 *     rules (identifiers, keywords, string and bit-string constants, dollar
 *     quoting, numbers, parameters, operators, comments).
 * Entry points: ScanInit(), ScanNextToken(), IdentifierDowncase(),
 * IdentifierTruncate().  Hand-written; see README.md for the rules.
 */
#include "rustydb.h"

#include <errno.h>

#include "lib/stringinfo.h"
#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static bool
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static bool
is_horiz_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v';
}

static bool
is_ident_start(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
        (unsigned char) ch >= 0x80;
}

static bool
is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool
is_ident_cont(char ch)
{
    return is_ident_start(ch) || is_digit(ch) || ch == '$';
}

static bool
is_op_char(char ch)
{
    return ch != '\0' && strchr("~!@#^&|`?+-*/%<>=", ch) != NULL;
}

static bool
is_self_char(char ch)
{
    return ch != '\0' && strchr(",()[].;:+-*/%^<>=", ch) != NULL;
}

static int
hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

void
ScanInit(ScanState *scan, const char *query)
{
    scan->query = query;
    scan->len = (int) strlen(query);
    scan->pos = 0;
}

void
ScanError(const ScanState *scan, int loc, int end, int sqlstate, const char *msg)
{
    ereport(ERROR, errcode(sqlstate),
            errmsg("%s at or near \"%.*s\"", msg, end - loc, scan->query + loc),
            errposition(ParserErrorPosition(scan->query, loc)));
    rdb_unreachable();
}

/*
 * clip_length -- the largest byte length <= max that does not split a
 * UTF-8 character of s (len bytes).
 */
static int
clip_length(const char *s, int len, int max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

void
IdentifierTruncate(char *ident, int len, bool warn)
{
    int         newlen;

    if (len < NAMEDATALEN)
        return;
    newlen = clip_length(ident, len, NAMEDATALEN - 1);
    if (warn)
        ereport(NOTICE, errcode(ERRCODE_NAME_TOO_LONG),
                errmsg("identifier \"%s\" will be truncated to \"%.*s\"", ident, newlen, ident));
    ident[newlen] = '\0';
}

char *
IdentifierDowncase(const char *ident, int len, bool truncate)
{
    char       *result = palloc(len + 1);

    for (int i = 0; i < len; i++)
    {
        char        ch = ident[i];

        if (ch >= 'A' && ch <= 'Z')
            ch = (char) (ch + ('a' - 'A'));
        result[i] = ch;
    }
    result[len] = '\0';
    if (truncate)
        IdentifierTruncate(result, len, true);
    return result;
}

/* Skip whitespace and comments; raise on an unterminated block comment. */
static void
skip_whitespace(ScanState *scan)
{
    const char *q = scan->query;

    for (;;)
    {
        int         pos = scan->pos;

        if (is_space(q[pos]))
        {
            scan->pos++;
            continue;
        }
        if (q[pos] == '-' && q[pos + 1] == '-')
        {
            while (q[pos] != '\0' && q[pos] != '\n' && q[pos] != '\r')
                pos++;
            scan->pos = pos;
            continue;
        }
        if (q[pos] == '/' && q[pos + 1] == '*')
        {
            int         start = pos;
            int         depth = 1;

            pos += 2;
            while (depth > 0)
            {
                if (q[pos] == '\0')
                    ScanError(scan, start, scan->len, ERRCODE_SYNTAX_ERROR,
                              "unterminated /* comment");
                if (q[pos] == '/' && q[pos + 1] == '*')
                {
                    depth++;
                    pos += 2;
                }
                else if (q[pos] == '*' && q[pos + 1] == '/')
                {
                    depth--;
                    pos += 2;
                }
                else
                    pos++;
            }
            scan->pos = pos;
            continue;
        }
        return;
    }
}

/*
 * quote_continues -- after a closing quote at pos, is the literal
 * continued?  SQL: the next segment must follow after whitespace that
 * contains at least one newline (-- comments allowed after the newline).
 * Returns the offset of the continuing quote, or -1.
 */
static int
quote_continues(const char *q, int pos)
{
    bool        newline = false;

    while (is_horiz_space(q[pos]))
        pos++;
    if (q[pos] != '\n' && q[pos] != '\r')
        return -1;
    for (;;)
    {
        if (q[pos] == '\n' || q[pos] == '\r')
        {
            newline = true;
            pos++;
        }
        else if (is_space(q[pos]))
            pos++;
        else if (q[pos] == '-' && q[pos + 1] == '-')
        {
            while (q[pos] != '\0' && q[pos] != '\n' && q[pos] != '\r')
                pos++;
        }
        else
            break;
    }
    return (newline && q[pos] == '\'') ? pos : -1;
}

/* Append code point cp as UTF-8. */
static void
append_utf8(StringInfo buf, uint32 cp)
{
    if (cp < 0x80)
        appendStringInfoChar(buf, (char) cp);
    else if (cp < 0x800)
    {
        appendStringInfoChar(buf, (char) (0xC0 | (cp >> 6)));
        appendStringInfoChar(buf, (char) (0x80 | (cp & 0x3F)));
    }
    else if (cp < 0x10000)
    {
        appendStringInfoChar(buf, (char) (0xE0 | (cp >> 12)));
        appendStringInfoChar(buf, (char) (0x80 | ((cp >> 6) & 0x3F)));
        appendStringInfoChar(buf, (char) (0x80 | (cp & 0x3F)));
    }
    else
    {
        appendStringInfoChar(buf, (char) (0xF0 | (cp >> 18)));
        appendStringInfoChar(buf, (char) (0x80 | ((cp >> 12) & 0x3F)));
        appendStringInfoChar(buf, (char) (0x80 | ((cp >> 6) & 0x3F)));
        appendStringInfoChar(buf, (char) (0x80 | (cp & 0x3F)));
    }
}

/* Length of the valid UTF-8 sequence at s, or 0 if invalid. */
static int
utf8_sequence_length(const unsigned char *s)
{
    int         n;
    uint32      cp;

    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0)
        n = 2, cp = s[0] & 0x1F;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3, cp = s[0] & 0x0F;
    else if ((s[0] & 0xF8) == 0xF0)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (int i = 1; i < n; i++)
    {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Raise 22021 if buf (from escapes) is not valid UTF-8 or holds a NUL. */
static void
check_utf8(const StringInfo buf)
{
    const unsigned char *s = (const unsigned char *) buf->data;
    int         i = 0;

    while (i < buf->len)
    {
        int         n = s[i] == 0 ? 0 : utf8_sequence_length(s + i);

        if (n == 0)
            ereport(ERROR, errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
                    errmsg("invalid byte sequence for encoding \"UTF8\": 0x%02x", s[i]));
        i += n;
    }
}

static void
add_code_point(ScanState *scan, StringInfo buf, uint32 cp, int loc, int end)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        ScanError(scan, loc, end, ERRCODE_SYNTAX_ERROR, "invalid Unicode escape value");
    append_utf8(buf, cp);
}

typedef enum StringKind
{
    STR_STANDARD,               /* '...' */
    STR_EXTENDED,               /* E'...' */
    STR_UNICODE,                /* U&'...' */
    STR_BIT,                    /* B'...' */
    STR_HEX                     /* X'...' */
} StringKind;

/*
 * scan_escape -- one backslash escape of an E'' string at q[pos] == '\\';
 * returns the offset after it.  Sets *had_byte_escape for \ooo / \xhh.
 */
static int
scan_escape(ScanState *scan, StringInfo buf, int pos, bool *had_byte_escape)
{
    const char *q = scan->query;
    char        ch = q[pos + 1];

    switch (ch)
    {
        case 'b':
            appendStringInfoChar(buf, '\b');
            return pos + 2;
        case 'f':
            appendStringInfoChar(buf, '\f');
            return pos + 2;
        case 'n':
            appendStringInfoChar(buf, '\n');
            return pos + 2;
        case 'r':
            appendStringInfoChar(buf, '\r');
            return pos + 2;
        case 't':
            appendStringInfoChar(buf, '\t');
            return pos + 2;
        case 'v':
            appendStringInfoChar(buf, '\v');
            return pos + 2;
        case 'x':
            if (hex_value(q[pos + 2]) >= 0)
            {
                int         v = hex_value(q[pos + 2]);
                int         n = 3;

                if (hex_value(q[pos + 3]) >= 0)
                {
                    v = v * 16 + hex_value(q[pos + 3]);
                    n = 4;
                }
                appendStringInfoChar(buf, (char) v);
                *had_byte_escape = true;
                return pos + n;
            }
            appendStringInfoChar(buf, 'x');
            return pos + 2;
        case 'u':
        case 'U':
            {
                int         ndigits = ch == 'u' ? 4 : 8;
                uint32      cp = 0;

                for (int i = 0; i < ndigits; i++)
                {
                    int         v = hex_value(q[pos + 2 + i]);

                    if (v < 0)
                        ereport(ERROR, errcode(ERRCODE_INVALID_ESCAPE_SEQUENCE),
                                errmsg("invalid Unicode escape"),
                                errhint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX."),
                                errposition(ParserErrorPosition(q, pos)));
                    cp = cp * 16 + (uint32) v;
                }
                /* a surrogate pair written as two \u escapes */
                if (cp >= 0xD800 && cp <= 0xDBFF && q[pos + 2 + ndigits] == '\\' &&
                    q[pos + 3 + ndigits] == 'u')
                {
                    uint32      lo = 0;
                    bool        ok = true;

                    for (int i = 0; i < 4; i++)
                    {
                        int         v = hex_value(q[pos + 4 + ndigits + i]);

                        if (v < 0)
                            ok = false;
                        else
                            lo = lo * 16 + (uint32) v;
                    }
                    if (ok && lo >= 0xDC00 && lo <= 0xDFFF)
                    {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        add_code_point(scan, buf, cp, pos, pos + 8 + ndigits);
                        return pos + 8 + ndigits;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF)
                    ScanError(scan, pos, pos + 2 + ndigits, ERRCODE_SYNTAX_ERROR,
                              "invalid Unicode surrogate pair");
                add_code_point(scan, buf, cp, pos, pos + 2 + ndigits);
                return pos + 2 + ndigits;
            }
        case '\0':
            /* backslash at end of input: the string is unterminated */
            return pos + 1;
        default:
            if (ch >= '0' && ch <= '7')
            {
                int         v = 0;
                int         n = 1;

                while (n <= 3 && q[pos + n] >= '0' && q[pos + n] <= '7')
                {
                    v = v * 8 + (q[pos + n] - '0');
                    n++;
                }
                appendStringInfoChar(buf, (char) (v & 0xFF));
                *had_byte_escape = true;
                return pos + n;
            }
            /* any other character stands for itself (including ' and \) */
            appendStringInfoChar(buf, ch);
            return pos + 2;
    }
}

/* Decode U&'...' escapes in place (escape character '\'). */
static char *
decode_unicode_escapes(ScanState *scan, const char *raw, int loc)
{
    StringInfoData buf;
    int         i = 0;

    initStringInfo(&buf);
    while (raw[i] != '\0')
    {
        if (raw[i] != '\\')
        {
            appendStringInfoChar(&buf, raw[i++]);
            continue;
        }
        if (raw[i + 1] == '\\')
        {
            appendStringInfoChar(&buf, '\\');
            i += 2;
            continue;
        }
        {
            int         ndigits = raw[i + 1] == '+' ? 6 : 4;
            int         first = raw[i + 1] == '+' ? i + 2 : i + 1;
            uint32      cp = 0;

            for (int k = 0; k < ndigits; k++)
            {
                int         v = hex_value(raw[first + k]);

                if (v < 0)
                    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                            errmsg("invalid Unicode escape"),
                            errhint("Unicode escapes must be \\XXXX or \\+XXXXXX."),
                            errposition(ParserErrorPosition(scan->query, loc)));
                cp = cp * 16 + (uint32) v;
            }
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("invalid Unicode escape value"),
                        errposition(ParserErrorPosition(scan->query, loc)));
            append_utf8(&buf, cp);
            i = first + ndigits;
        }
    }
    return buf.data;
}

/*
 * scan_string -- a quoted literal whose opening quote is at q[quote]; loc
 * is the start of the token (prefix included).
 */
static void
scan_string(ScanState *scan, Token *tok, int loc, int quote, StringKind kind)
{
    const char *q = scan->query;
    StringInfoData buf;
    int         pos = quote + 1;
    bool        had_byte_escape = false;

    initStringInfo(&buf);
    if (kind == STR_BIT)
        appendStringInfoChar(&buf, 'b');
    else if (kind == STR_HEX)
        appendStringInfoChar(&buf, 'x');

    for (;;)
    {
        char        ch = q[pos];

        if (ch == '\0')
        {
            const char *msg = kind == STR_BIT ? "unterminated bit string literal" :
                kind == STR_HEX ? "unterminated hexadecimal string literal" :
                "unterminated quoted string";

            ScanError(scan, loc, scan->len, ERRCODE_SYNTAX_ERROR, msg);
        }
        if (ch == '\'')
        {
            int         next;

            if (q[pos + 1] == '\'' && kind != STR_BIT && kind != STR_HEX)
            {
                appendStringInfoChar(&buf, '\'');
                pos += 2;
                continue;
            }
            next = quote_continues(q, pos + 1);
            if (next >= 0)
            {
                pos = next + 1;
                continue;
            }
            pos++;
            break;
        }
        if (ch == '\\' && kind == STR_EXTENDED)
        {
            pos = scan_escape(scan, &buf, pos, &had_byte_escape);
            continue;
        }
        appendStringInfoChar(&buf, ch);
        pos++;
    }

    if (had_byte_escape)
        check_utf8(&buf);
    scan->pos = pos;
    tok->loc = loc;
    tok->end = pos;
    if (kind == STR_BIT)
        tok->type = TOK_BCONST;
    else if (kind == STR_HEX)
        tok->type = TOK_XCONST;
    else
        tok->type = TOK_SCONST;
    tok->str = kind == STR_UNICODE ? decode_unicode_escapes(scan, buf.data, loc) : buf.data;
}

/* "..." identifiers; U&"..." when unicode. */
static void
scan_quoted_ident(ScanState *scan, Token *tok, int loc, int quote, bool unicode)
{
    const char *q = scan->query;
    StringInfoData buf;
    int         pos = quote + 1;

    initStringInfo(&buf);
    for (;;)
    {
        if (q[pos] == '\0')
            ScanError(scan, loc, scan->len, ERRCODE_SYNTAX_ERROR, "unterminated quoted identifier");
        if (q[pos] == '"')
        {
            if (q[pos + 1] == '"')
            {
                appendStringInfoChar(&buf, '"');
                pos += 2;
                continue;
            }
            pos++;
            break;
        }
        appendStringInfoChar(&buf, q[pos]);
        pos++;
    }
    if (buf.len == 0)
        ScanError(scan, loc, pos, ERRCODE_SYNTAX_ERROR, "zero-length delimited identifier");
    tok->type = TOK_IDENT;
    tok->quoted = true;
    tok->str = unicode ? decode_unicode_escapes(scan, buf.data, loc) : buf.data;
    IdentifierTruncate(tok->str, (int) strlen(tok->str), true);
    tok->loc = loc;
    tok->end = pos;
    scan->pos = pos;
}

/* Offset just past an {identifier} starting at pos (pos itself if none). */
static int
skip_identifier(const char *q, int pos)
{
    if (!is_ident_start(q[pos]))
        return pos;
    while (is_ident_cont(q[pos]))
        pos++;
    return pos;
}

static void
scan_number(ScanState *scan, Token *tok)
{
    const char *q = scan->query;
    int         loc = scan->pos;
    int         pos = loc;
    bool        is_float = false;

    while (is_digit(q[pos]))
        pos++;
    /* "1..10" is an integer followed by "..", not a decimal */
    if (q[pos] == '.' && q[pos + 1] != '.')
    {
        is_float = true;
        pos++;
        while (is_digit(q[pos]))
            pos++;
    }
    if (q[pos] == 'e' || q[pos] == 'E')
    {
        int         epos = pos + 1;

        if (q[epos] == '+' || q[epos] == '-')
            epos++;
        if (!is_digit(q[epos]))
            ScanError(scan, loc, skip_identifier(q, epos) > epos ? skip_identifier(q, epos) : epos,
                      ERRCODE_SYNTAX_ERROR, "trailing junk after numeric literal");
        pos = epos;
        while (is_digit(q[pos]))
            pos++;
        is_float = true;
    }
    if (is_ident_start(q[pos]))
        ScanError(scan, loc, skip_identifier(q, pos), ERRCODE_SYNTAX_ERROR,
                  "trailing junk after numeric literal");

    tok->loc = loc;
    tok->end = pos;
    tok->str = pnstrdup(q + loc, pos - loc);
    scan->pos = pos;
    if (!is_float)
    {
        char       *endp;
        long long   v;

        errno = 0;
        v = strtoll(tok->str, &endp, 10);
        if (errno == 0 && *endp == '\0' && v <= RDB_INT32_MAX)
        {
            tok->type = TOK_ICONST;
            tok->ival = (int32) v;
            return;
        }
    }
    tok->type = TOK_FCONST;
}

static void
scan_operator(ScanState *scan, Token *tok)
{
    const char *q = scan->query;
    int         loc = scan->pos;
    int         n = 0;

    while (is_op_char(q[loc + n]))
    {
        /* a comment start ends the operator */
        if (n > 0 && ((q[loc + n] == '*' && q[loc + n - 1] == '/') ||
                      (q[loc + n] == '-' && q[loc + n - 1] == '-')))
        {
            n--;
            break;
        }
        n++;
    }
    /*
     * A multi-character operator may end in + or - only if it contains one
     * of ~ ! @ # ^ & | ` ? %, so that "a*-1" is a * (-1).
     */
    if (n > 1 && (q[loc + n - 1] == '+' || q[loc + n - 1] == '-'))
    {
        bool        keep = false;

        for (int i = 0; i < n - 1; i++)
            if (strchr("~!@#^&|`?%", q[loc + i]) != NULL)
                keep = true;
        if (!keep)
        {
            while (n > 1 && (q[loc + n - 1] == '+' || q[loc + n - 1] == '-'))
                n--;
        }
    }
    tok->loc = loc;
    tok->end = loc + n;
    scan->pos = loc + n;
    if (n == 1 && is_self_char(q[loc]))
    {
        tok->type = TOK_CHAR;
        tok->ch = q[loc];
        tok->str = pnstrdup(q + loc, 1);
        return;
    }
    tok->str = pnstrdup(q + loc, n);
    if (n == 2)
    {
        if (strcmp(tok->str, "=>") == 0)
            tok->type = TOK_EQUALS_GREATER;
        else if (strcmp(tok->str, ">=") == 0)
            tok->type = TOK_GREATER_EQUALS;
        else if (strcmp(tok->str, "<=") == 0)
            tok->type = TOK_LESS_EQUALS;
        else if (strcmp(tok->str, "<>") == 0 || strcmp(tok->str, "!=") == 0)
        {
            tok->type = TOK_NOT_EQUALS;
            tok->str = pstrdup("<>");
        }
        else
            tok->type = TOK_OP;
        return;
    }
    if (n >= NAMEDATALEN)
        ScanError(scan, loc, loc + n, ERRCODE_NAME_TOO_LONG, "operator too long");
    tok->type = TOK_OP;
}

/*
 * scan_dollar -- at '$': a parameter $n, a dollar-quoted string, or a
 * stray '$' character.
 */
static void
scan_dollar(ScanState *scan, Token *tok)
{
    const char *q = scan->query;
    int         loc = scan->pos;
    int         pos = loc + 1;

    if (is_digit(q[pos]))
    {
        long long   v = 0;

        while (is_digit(q[pos]))
        {
            if (v <= RDB_INT32_MAX)
                v = v * 10 + (q[pos] - '0');
            pos++;
        }
        if (is_ident_start(q[pos]))
            ScanError(scan, loc, skip_identifier(q, pos), ERRCODE_SYNTAX_ERROR,
                      "trailing junk after parameter");
        if (v > RDB_INT32_MAX)
            v = RDB_INT32_MAX;
        tok->type = TOK_PARAM;
        tok->ival = (int32) v;
        tok->loc = loc;
        tok->end = pos;
        tok->str = pnstrdup(q + loc, pos - loc);
        scan->pos = pos;
        return;
    }

    /* $tag$: tag is an identifier without '$' */
    if (is_ident_start(q[pos]))
    {
        while (is_ident_start(q[pos]) || is_digit(q[pos]))
            pos++;
    }
    if (q[pos] == '$')
    {
        int         taglen = pos + 1 - loc;
        const char *tag = q + loc;
        int         body = pos + 1;
        const char *close = NULL;

        for (const char *s = q + body; (s = strchr(s, '$')) != NULL; s++)
        {
            if (strncmp(s, tag, taglen) == 0)
            {
                close = s;
                break;
            }
        }
        if (close == NULL)
            ScanError(scan, loc, scan->len, ERRCODE_SYNTAX_ERROR,
                      "unterminated dollar-quoted string");
        tok->type = TOK_SCONST;
        tok->str = pnstrdup(q + body, close - (q + body));
        tok->loc = loc;
        tok->end = (int) (close - q) + taglen;
        scan->pos = tok->end;
        return;
    }

    /* not a dollar quote: the '$' alone, which no grammar rule accepts */
    tok->type = TOK_CHAR;
    tok->ch = '$';
    tok->str = pstrdup("$");
    tok->loc = loc;
    tok->end = loc + 1;
    scan->pos = loc + 1;
}

/*
 * ScanNextToken -- fill *tok with the next token of scan (TOK_EOF at the
 * end; its loc is the string's length).  Raises ERROR on lexical errors.
 */
void
ScanNextToken(ScanState *scan, Token *tok)
{
    const char *q;
    int         loc;
    char        ch;

    memset(tok, 0, sizeof(*tok));
    tok->kw = -1;
    skip_whitespace(scan);
    q = scan->query;
    loc = scan->pos;
    ch = q[loc];

    if (ch == '\0')
    {
        tok->type = TOK_EOF;
        tok->loc = tok->end = loc;
        return;
    }

    /* prefixed literals: E'' B'' X'' N'' U&'' U&"" */
    if (q[loc + 1] == '\'')
    {
        switch (ch)
        {
            case 'e':
            case 'E':
                scan_string(scan, tok, loc, loc + 1, STR_EXTENDED);
                return;
            case 'b':
            case 'B':
                scan_string(scan, tok, loc, loc + 1, STR_BIT);
                return;
            case 'x':
            case 'X':
                scan_string(scan, tok, loc, loc + 1, STR_HEX);
                return;
            case 'n':
            case 'N':
                /* N'...' is NCHAR '...': return the type keyword, then the string */
                tok->type = TOK_KEYWORD;
                tok->kw = KW_NCHAR;
                tok->str = pstrdup("nchar");
                tok->loc = loc;
                tok->end = loc + 1;
                scan->pos = loc + 1;
                return;
            default:
                break;
        }
    }
    if ((ch == 'u' || ch == 'U') && q[loc + 1] == '&' && (q[loc + 2] == '\'' || q[loc + 2] == '"'))
    {
        if (q[loc + 2] == '\'')
            scan_string(scan, tok, loc, loc + 2, STR_UNICODE);
        else
            scan_quoted_ident(scan, tok, loc, loc + 2, true);
        return;
    }

    if (is_ident_start(ch))
    {
        int         end = skip_identifier(q, loc);
        int         kw = KeywordIdLookup(q + loc, end - loc);

        tok->loc = loc;
        tok->end = end;
        scan->pos = end;
        if (kw >= 0)
        {
            tok->type = TOK_KEYWORD;
            tok->kw = kw;
            tok->str = pstrdup(ParserKeywords[kw].word);
        }
        else
        {
            tok->type = TOK_IDENT;
            tok->str = IdentifierDowncase(q + loc, end - loc, true);
        }
        return;
    }
    if (is_digit(ch) || (ch == '.' && is_digit(q[loc + 1])))
    {
        scan_number(scan, tok);
        return;
    }
    if (ch == '\'')
    {
        scan_string(scan, tok, loc, loc, STR_STANDARD);
        return;
    }
    if (ch == '"')
    {
        scan_quoted_ident(scan, tok, loc, loc, false);
        return;
    }
    if (ch == '$')
    {
        scan_dollar(scan, tok);
        return;
    }
    if (ch == ':' && q[loc + 1] == ':')
    {
        tok->type = TOK_TYPECAST;
        tok->str = pstrdup("::");
        tok->loc = loc;
        tok->end = scan->pos = loc + 2;
        return;
    }
    if (ch == ':' && q[loc + 1] == '=')
    {
        tok->type = TOK_COLON_EQUALS;
        tok->str = pstrdup(":=");
        tok->loc = loc;
        tok->end = scan->pos = loc + 2;
        return;
    }
    if (ch == '.' && q[loc + 1] == '.')
    {
        tok->type = TOK_DOT_DOT;
        tok->str = pstrdup("..");
        tok->loc = loc;
        tok->end = scan->pos = loc + 2;
        return;
    }
    if (is_op_char(ch))
    {
        scan_operator(scan, tok);
        return;
    }

    /* self characters that are not operator characters, and strays */
    {
        int         n = 1;

        /* keep a stray multibyte character whole for the error message */
        if ((unsigned char) ch >= 0x80)
        {
            while (((unsigned char) q[loc + n] & 0xC0) == 0x80)
                n++;
        }
        tok->type = TOK_CHAR;
        tok->ch = ch;
        tok->str = pnstrdup(q + loc, n);
        tok->loc = loc;
        tok->end = scan->pos = loc + n;
    }
}
