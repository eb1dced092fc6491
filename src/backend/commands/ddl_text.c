/*
 * ddl_text.c
 *     Cutting the SQL text of expressions and view queries out of the
 *     client's query string, for the catalogs that store SQL text
 *     (pg_attrdef.adbin, pg_constraint.conbin, pg_rewrite.ev_action).
 * Entry points: RawExprSourceText(), StripOuterParens(), ViewSelectText(),
 * QueryErrorPosition().
 *
 * Why text and not a deparsed tree: the raw tree already lost parentheses
 * and spelling; the user's own text is what PostgreSQL's pg_get_expr shows
 * closest to, and the analyzer re-parses it anyway.  The scanner here only
 * needs token boundaries: quoted identifiers, string literals (standard,
 * E'' and dollar-quoted), comments, parentheses.
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>

#include "commands_int.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"

int
QueryErrorPosition(const char *query, int location)
{
    if (query == NULL || location < 0)
        return 0;
    return ParserErrorPosition(query, location);
}

/* Skip blanks and comments. */
static const char *
skip_space(const char *p)
{
    for (;;)
    {
        while (isspace((unsigned char) *p))
            p++;
        if (p[0] == '-' && p[1] == '-')
        {
            while (*p != '\0' && *p != '\n')
                p++;
        }
        else if (p[0] == '/' && p[1] == '*')
        {
            int         depth = 1;

            p += 2;
            while (*p != '\0' && depth > 0)
            {
                if (p[0] == '/' && p[1] == '*')
                    depth++, p += 2;
                else if (p[0] == '*' && p[1] == '/')
                    depth--, p += 2;
                else
                    p++;
            }
        }
        else
            return p;
    }
}

/* p at a token start (not blank): return the position after the token. */
static const char *
skip_token(const char *p)
{
    if (*p == '\0')
        return p;
    if ((p[0] == 'E' || p[0] == 'e') && p[1] == '\'')
    {
        p += 2;
        while (*p != '\0')
        {
            if (*p == '\\' && p[1] != '\0')
                p += 2;
            else if (*p == '\'' && p[1] == '\'')
                p += 2;
            else if (*p == '\'')
                return p + 1;
            else
                p++;
        }
        return p;
    }
    if (*p == '\'' || *p == '"')
    {
        char        q = *p++;

        while (*p != '\0')
        {
            if (*p == q && p[1] == q)
                p += 2;
            else if (*p == q)
                return p + 1;
            else
                p++;
        }
        return p;
    }
    if (*p == '$')
    {
        /* $tag$ ... $tag$ or a parameter $1 */
        const char *t = p + 1;

        while (isalnum((unsigned char) *t) || *t == '_')
            t++;
        if (*t == '$' && !isdigit((unsigned char) p[1]))
        {
            size_t      taglen = (size_t) (t - p) + 1;
            const char *end;

            for (end = t + 1; *end != '\0'; end++)
            {
                if (strncmp(end, p, taglen) == 0)
                    return end + taglen;
            }
            return end;
        }
        return t;
    }
    if (isalnum((unsigned char) *p) || *p == '_' || (unsigned char) *p >= 0x80)
    {
        while (isalnum((unsigned char) *p) || *p == '_' || *p == '$' || (unsigned char) *p >= 0x80 ||
               *p == '.')
            p++;
        return p;
    }
    return p + 1;
}

/* Leftmost location in a raw expression tree (-1 if none found). */
static int
leftmost_location(const Node *node)
{
    int         loc = -1;
    const List *children = NIL;
    const Node *extra[3] = {NULL, NULL, NULL};

#define TAKE(l) do { int l_ = (l); if (l_ >= 0 && (loc < 0 || l_ < loc)) loc = l_; } while (0)
    if (node == NULL)
        return -1;
    switch (nodeTag(node))
    {
        case T_A_Const:
            TAKE(((const A_Const *) node)->location);
            break;
        case T_ColumnRef:
            TAKE(((const ColumnRef *) node)->location);
            break;
        case T_ParamRef:
            TAKE(((const ParamRef *) node)->location);
            break;
        case T_FuncCall:
            TAKE(((const FuncCall *) node)->location);
            children = ((const FuncCall *) node)->args;
            break;
        case T_A_Expr:
            TAKE(((const A_Expr *) node)->location);
            extra[0] = ((const A_Expr *) node)->lexpr;
            break;
        case T_TypeCast:
            TAKE(((const TypeCast *) node)->location);
            extra[0] = ((const TypeCast *) node)->arg;
            if (((const TypeCast *) node)->typeName)
                TAKE(((const TypeCast *) node)->typeName->location);
            break;
        case T_CollateClause:
            extra[0] = ((const CollateClause *) node)->arg;
            break;
        case T_RawBoolExpr:
            TAKE(((const RawBoolExpr *) node)->location);
            children = ((const RawBoolExpr *) node)->args;
            break;
        case T_RawCaseExpr:
            TAKE(((const RawCaseExpr *) node)->location);
            break;
        case T_RawSubLink:
            TAKE(((const RawSubLink *) node)->location);
            extra[0] = ((const RawSubLink *) node)->testexpr;
            break;
        case T_RawNullTest:
            TAKE(((const RawNullTest *) node)->location);
            extra[0] = ((const RawNullTest *) node)->arg;
            break;
        case T_RawBooleanTest:
            TAKE(((const RawBooleanTest *) node)->location);
            extra[0] = ((const RawBooleanTest *) node)->arg;
            break;
        case T_RawCoalesceExpr:
            TAKE(((const RawCoalesceExpr *) node)->location);
            break;
        case T_RawMinMaxExpr:
            TAKE(((const RawMinMaxExpr *) node)->location);
            break;
        case T_RawNullIfExpr:
            TAKE(((const RawNullIfExpr *) node)->location);
            break;
        case T_RawRowExpr:
            TAKE(((const RawRowExpr *) node)->location);
            children = ((const RawRowExpr *) node)->args;
            break;
        case T_RawSQLValueFunction:
            TAKE(((const RawSQLValueFunction *) node)->location);
            break;
        case T_A_ArrayExpr:
            TAKE(((const A_ArrayExpr *) node)->location);
            children = ((const A_ArrayExpr *) node)->elements;
            break;
        case T_A_Indirection:
            extra[0] = ((const A_Indirection *) node)->arg;
            break;
        default:
            break;
    }
    for (int i = 0; i < 3; i++)
    {
        if (extra[i] != NULL)
            TAKE(leftmost_location(extra[i]));
    }
    for (int i = 0; i < list_length(children); i++)
        TAKE(leftmost_location(list_nth(children, i)));
#undef TAKE
    return loc;
}

char *
RawExprSourceText(const char *query, const Node *expr, int end_offset)
{
    int         start = leftmost_location(expr);
    const char *p;
    const char *end;
    int         depth = 0;

    if (query == NULL || start < 0 || start > (int) strlen(query))
        elog(ERROR, "cannot find the source text of an expression");
    /* Include parentheses opened right before the leftmost token. */
    for (;;)
    {
        int         s = start;

        while (s > 0 && isspace((unsigned char) query[s - 1]))
            s--;
        if (s > 0 && query[s - 1] == '(')
            start = s - 1;
        else
            break;
    }
    p = query + start;
    end = p;
    for (;;)
    {
        p = skip_space(p);
        if (*p == '\0' || (end_offset >= 0 && p - query >= end_offset))
            break;
        if (depth == 0 && (*p == ',' || *p == ';'))
            break;
        if (*p == '(' || *p == '[')
            depth++;
        else if (*p == ')' || *p == ']')
        {
            if (depth == 0)
                break;
            depth--;
        }
        p = skip_token(p);
        end = p;
    }
    return pnstrdup(query + start, (Size) (end - (query + start)));
}

void
StripOuterParens(char *text)
{
    size_t      len = strlen(text);
    int         depth = 0;
    const char *p = text;
    char       *inner;

    if (len < 2 || text[0] != '(' || text[len - 1] != ')')
        return;
    /* The first '(' must close at the very end. */
    while (*p != '\0')
    {
        const char *next = skip_token(p);

        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0 && *skip_space(next) != '\0')
            return;
        p = skip_space(next);
    }
    inner = pnstrdup(text + 1, len - 2);
    p = inner;
    while (isspace((unsigned char) *p))
        p++;
    len = strlen(p);
    while (len > 0 && isspace((unsigned char) p[len - 1]))
        len--;
    memmove(text, p, len);
    text[len] = '\0';
    pfree(inner);
}

static bool
token_is(const char *p, const char *end, const char *word)
{
    size_t      len = strlen(word);

    return (size_t) (end - p) == len && strncasecmp(p, word, len) == 0;
}

char *
ViewSelectText(const char *query, int name_location)
{
    const char *p;
    int         depth = 0;
    const char *start = NULL;
    const char *end;
    const char *last_top_level[4] = {NULL, NULL, NULL, NULL};

    if (query == NULL || name_location < 0 || name_location > (int) strlen(query))
        elog(ERROR, "cannot find the query of CREATE VIEW");
    p = query + name_location;
    /* Find the top-level AS after the name (column lists and WITH (...) are nested). */
    for (;;)
    {
        const char *tok_end;

        p = skip_space(p);
        if (*p == '\0')
            elog(ERROR, "cannot find the query of CREATE VIEW");
        tok_end = skip_token(p);
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (depth == 0 && token_is(p, tok_end, "as"))
        {
            start = skip_space(tok_end);
            break;
        }
        p = tok_end;
    }
    /* The query runs to a top-level ';' or the end, minus WITH [..] CHECK OPTION. */
    p = start;
    end = start;
    depth = 0;
    for (;;)
    {
        const char *tok_end;

        p = skip_space(p);
        if (*p == '\0' || (depth == 0 && *p == ';'))
            break;
        tok_end = skip_token(p);
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        if (depth == 0)
        {
            last_top_level[0] = last_top_level[1];
            last_top_level[1] = last_top_level[2];
            last_top_level[2] = last_top_level[3];
            last_top_level[3] = p;
        }
        p = tok_end;
        end = p;
    }
    /* "... WITH [CASCADED|LOCAL] CHECK OPTION": cut it off. */
    if (last_top_level[3] && token_is(last_top_level[3], skip_token(last_top_level[3]), "option") &&
        last_top_level[2] && token_is(last_top_level[2], skip_token(last_top_level[2]), "check"))
    {
        const char *with = last_top_level[1];

        if (with && !token_is(with, skip_token(with), "with"))
            with = last_top_level[0];
        if (with)
        {
            end = with;
            while (end > start && isspace((unsigned char) end[-1]))
                end--;
        }
    }
    return pnstrdup(start, (Size) (end - start));
}
