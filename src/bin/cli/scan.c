/*
 * scan.c
 *     Split SQL text into statements the way psql does: a statement ends at a
 *     semicolon that is outside quotes ('...', E'...', "..."), dollar quotes
 *     ($tag$...$tag$), comments (-- and nested slash-star) and parentheses.
 * Entry points: CliScanStatement(), CliSplitStatements(), CliFreeStatements(),
 * CliTextIsBlank().  All are pure functions of their input (no I/O, no
 * globals), so test/unit/check_cli.c exercises them directly.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

static bool is_ident_start(unsigned char c);
static bool is_ident_char(unsigned char c);
static size_t skip_blank_prefix(const char *text, size_t len);
static int  count_newlines(const char *text, size_t len);

/* Letters, underscore and any byte of a multibyte character start an identifier. */
static bool
is_ident_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c >= 0x80;
}

/* Identifiers may continue with digits and '$' (PostgreSQL allows foo$bar). */
static bool
is_ident_char(unsigned char c)
{
    return is_ident_start(c) || isdigit(c) || c == '$';
}

/*
 * skip_blank_prefix -- length of leading whitespace and "--" comments.
 * psql drops these when nothing has been collected yet, so the statement it
 * sends (and the LINE shown in error messages) starts at the first real token.
 */
static size_t
skip_blank_prefix(const char *text, size_t len)
{
    size_t      i = 0;

    while (i < len)
    {
        if (isspace((unsigned char) text[i]))
            i++;
        else if (text[i] == '-' && i + 1 < len && text[i + 1] == '-')
        {
            while (i < len && text[i] != '\n')
                i++;
        }
        else
            break;
    }
    return i;
}

static int
count_newlines(const char *text, size_t len)
{
    int         n = 0;

    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            n++;
    return n;
}

/*
 * CliScanStatement -- find the end of the first complete statement in
 * text[0..len).  text need not be NUL-terminated.
 * Returns statement_len > 0 (bytes up to and including the terminating ';')
 * when a statement is complete; otherwise statement_len is 0 and mode and
 * paren_depth describe where the text stopped (for continuation prompts).
 * skip_len is the number of leading blank/"--" bytes the caller should drop;
 * has_content tells whether anything but blanks and comments was seen.
 */
CliScanResult
CliScanStatement(const char *text, size_t len)
{
    CliScanResult r;
    CliScanMode mode = CLI_SCAN_NORMAL;
    bool        escape_string = false;  /* inside E'...': backslash escapes */
    int         comment_depth = 0;
    const char *dollar_tag = NULL;      /* "$tag$" including both dollars */
    size_t      dollar_tag_len = 0;
    size_t      i;

    memset(&r, 0, sizeof(r));
    r.skip_len = skip_blank_prefix(text, len);

    for (i = r.skip_len; i < len; i++)
    {
        unsigned char c = (unsigned char) text[i];
        unsigned char next = (i + 1 < len) ? (unsigned char) text[i + 1] : '\0';

        switch (mode)
        {
            case CLI_SCAN_NORMAL:
                if (c == '\'')
                {
                    /* E'...' only when the E is not the tail of an identifier */
                    escape_string = (i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') &&
                                     (i < 2 || !is_ident_char((unsigned char) text[i - 2])));
                    mode = CLI_SCAN_SQUOTE;
                    r.has_content = true;
                }
                else if (c == '"')
                {
                    mode = CLI_SCAN_DQUOTE;
                    r.has_content = true;
                }
                else if (c == '$' && (i == 0 || !is_ident_char((unsigned char) text[i - 1])))
                {
                    size_t      j = i + 1;

                    if (j < len && is_ident_start((unsigned char) text[j]))
                        while (j < len && is_ident_char((unsigned char) text[j]) && text[j] != '$')
                            j++;
                    r.has_content = true;
                    if (j < len && text[j] == '$')
                    {
                        dollar_tag = text + i;
                        dollar_tag_len = j - i + 1;
                        mode = CLI_SCAN_DOLLAR;
                        i = j;
                    }
                    /* else a positional parameter such as $1: ordinary text */
                }
                else if (c == '-' && next == '-')
                {
                    while (i < len && text[i] != '\n')
                        i++;
                }
                else if (c == '/' && next == '*')
                {
                    mode = CLI_SCAN_COMMENT;
                    comment_depth = 1;
                    i++;
                }
                else if (c == '(')
                {
                    r.paren_depth++;
                    r.has_content = true;
                }
                else if (c == ')')
                {
                    if (r.paren_depth > 0)
                        r.paren_depth--;
                    r.has_content = true;
                }
                else if (c == ';' && r.paren_depth == 0)
                {
                    r.statement_len = i + 1;
                    r.mode = CLI_SCAN_NORMAL;
                    return r;
                }
                else if (!isspace(c))
                    r.has_content = true;
                break;

            case CLI_SCAN_SQUOTE:
                if (escape_string && c == '\\' && i + 1 < len)
                    i++;
                else if (c == '\'')
                {
                    if (next == '\'')
                        i++;
                    else
                        mode = CLI_SCAN_NORMAL;
                }
                break;

            case CLI_SCAN_DQUOTE:
                if (c == '"')
                {
                    if (next == '"')
                        i++;
                    else
                        mode = CLI_SCAN_NORMAL;
                }
                break;

            case CLI_SCAN_DOLLAR:
                if (c == '$' && len - i >= dollar_tag_len &&
                    memcmp(text + i, dollar_tag, dollar_tag_len) == 0)
                {
                    i += dollar_tag_len - 1;
                    mode = CLI_SCAN_NORMAL;
                }
                break;

            case CLI_SCAN_COMMENT:
                if (c == '/' && next == '*')
                {
                    comment_depth++;
                    i++;
                }
                else if (c == '*' && next == '/')
                {
                    i++;
                    if (--comment_depth == 0)
                        mode = CLI_SCAN_NORMAL;
                }
                break;
        }
    }
    r.mode = mode;
    return r;
}

/*
 * CliTextIsBlank -- true if text holds only whitespace and comments.
 */
bool
CliTextIsBlank(const char *text)
{
    CliScanResult r = CliScanStatement(text, strlen(text));

    return !r.has_content && r.mode != CLI_SCAN_SQUOTE &&
        r.mode != CLI_SCAN_DQUOTE && r.mode != CLI_SCAN_DOLLAR;
}

/*
 * CliSplitStatements -- cut a whole script into statements.
 * Each statement keeps its terminating ';' and omits leading blanks and "--"
 * comments; a final statement without ';' is returned with trailing
 * whitespace removed.  Statements with no content (";;", comment-only) are
 * dropped.  Returns a malloc'd array of *count entries (NULL when *count is
 * 0); free it with CliFreeStatements().  Returns NULL with *count 0 on
 * allocation failure as well; callers treat that as "nothing to run" only
 * after checking errno.
 */
CliStatement *
CliSplitStatements(const char *text, size_t *count)
{
    size_t      len = strlen(text);
    size_t      pos = 0;
    size_t      n = 0;
    size_t      cap = 0;
    int         line = 1;
    CliStatement *out = NULL;

    *count = 0;
    while (pos < len)
    {
        CliScanResult r = CliScanStatement(text + pos, len - pos);
        size_t      start = pos + r.skip_len;
        size_t      end;        /* exclusive */
        size_t      consumed;

        if (r.statement_len > 0)
        {
            end = pos + r.statement_len;
            consumed = r.statement_len;
        }
        else
        {
            end = len;
            while (end > start && isspace((unsigned char) text[end - 1]))
                end--;
            consumed = len - pos;
        }

        if (r.has_content)
        {
            if (n == cap)
            {
                size_t      new_cap = cap ? cap * 2 : 8;
                CliStatement *grown = realloc(out, new_cap * sizeof(*out));

                if (grown == NULL)
                {
                    CliFreeStatements(out, n);
                    return NULL;
                }
                out = grown;
                cap = new_cap;
            }
            out[n].text = malloc(end - start + 1);
            if (out[n].text == NULL)
            {
                CliFreeStatements(out, n);
                return NULL;
            }
            memcpy(out[n].text, text + start, end - start);
            out[n].text[end - start] = '\0';
            out[n].first_line = line + count_newlines(text + pos, start - pos);
            out[n].last_line = out[n].first_line + count_newlines(text + start, end - start);
            n++;
        }
        line += count_newlines(text + pos, consumed);
        pos += consumed;
    }
    *count = n;
    return out;
}

/* CliFreeStatements -- release an array from CliSplitStatements(). */
void
CliFreeStatements(CliStatement *statements, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(statements[i].text);
    free(statements);
}
