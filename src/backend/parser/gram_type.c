/*
 * gram_type.c
 *     Type names: SQL keyword types (INT, DOUBLE PRECISION, CHARACTER
 *     VARYING(n), TIMESTAMP(p) WITH TIME ZONE, INTERVAL fields, ...),
 *     generic (user) type names with modifiers, and array bounds.
 * Entry points: ParseTypeName(), ParseConstTypeName(), ParseOptInterval(),
 * MakeTypeNameFromNameList().
 *
 * SQL keyword types map to the internal names PostgreSQL uses, qualified
 * by pg_catalog (INT -> pg_catalog.int4); names written as identifiers
 * ("int4", "text", "date") are kept as written, unqualified.
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

TypeName *
MakeTypeNameFromNameList(List *names)
{
    TypeName   *tn = makeNode(TypeName);

    tn->names = names;
    tn->typemod = -1;
    tn->location = -1;
    return tn;
}

static TypeName *
system_type(const char *name, int location)
{
    TypeName   *tn = MakeTypeNameFromNameList(SystemFuncName(name));

    tn->location = location;
    return tn;
}

/* '(' expr_list ')' if present, else NIL */
static List *
parse_opt_type_modifiers(Parser *p)
{
    List       *mods;

    if (!PeekChar(p, 0, '('))
        return NIL;
    NextToken(p);
    mods = ParseExprList(p);
    ExpectChar(p, ')');
    return mods;
}

/* '(' Iconst ')' if present; returns the token (NULL if absent). */
static Token *
parse_opt_paren_iconst(Parser *p)
{
    Token      *tok;

    if (!PeekChar(p, 0, '('))
        return NULL;
    NextToken(p);
    tok = CurToken(p);
    if (tok->type != TOK_ICONST)
        SyntaxErrorAtCurrent(p);
    NextToken(p);
    ExpectChar(p, ')');
    return tok;
}

/* [WITH | WITHOUT] TIME ZONE; returns true for WITH TIME ZONE */
static bool
parse_opt_timezone(Parser *p)
{
    if (PeekKeyword(p, 0, KW_WITH) && PeekKeyword(p, 1, KW_TIME))
    {
        NextToken(p);
        NextToken(p);
        ExpectKeyword(p, KW_ZONE);
        return true;
    }
    if (AcceptKeyword(p, KW_WITHOUT))
    {
        ExpectKeyword(p, KW_TIME);
        ExpectKeyword(p, KW_ZONE);
    }
    return false;
}

/*
 * ParseOptInterval -- interval field restriction after INTERVAL or
 * INTERVAL 'literal'.  Returns the typmod list ([mask] or [mask, precision]),
 * NIL if none written.
 */
List *
ParseOptInterval(Parser *p, int *loc)
{
    Token      *tok = CurToken(p);
    int         mask;
    Token      *prec = NULL;

    *loc = tok->loc;
    if (TokIsKeyword(tok, KW_YEAR))
    {
        NextToken(p);
        mask = RAW_INTERVAL_YEAR;
        if (AcceptKeyword(p, KW_TO))
        {
            ExpectKeyword(p, KW_MONTH);
            mask |= RAW_INTERVAL_MONTH;
        }
    }
    else if (TokIsKeyword(tok, KW_MONTH))
    {
        NextToken(p);
        mask = RAW_INTERVAL_MONTH;
    }
    else if (TokIsKeyword(tok, KW_DAY) || TokIsKeyword(tok, KW_HOUR) ||
             TokIsKeyword(tok, KW_MINUTE))
    {
        int         first = tok->kw;

        NextToken(p);
        mask = first == KW_DAY ? RAW_INTERVAL_DAY :
            first == KW_HOUR ? RAW_INTERVAL_HOUR : RAW_INTERVAL_MINUTE;
        if (AcceptKeyword(p, KW_TO))
        {
            Token      *to = CurToken(p);

            if (TokIsKeyword(to, KW_HOUR) && first == KW_DAY)
                mask |= RAW_INTERVAL_HOUR;
            else if (TokIsKeyword(to, KW_MINUTE) && first != KW_MINUTE)
                mask |= RAW_INTERVAL_MINUTE | (first == KW_DAY ? RAW_INTERVAL_HOUR : 0);
            else if (TokIsKeyword(to, KW_SECOND))
                mask |= RAW_INTERVAL_SECOND | RAW_INTERVAL_MINUTE |
                    (first == KW_DAY ? RAW_INTERVAL_HOUR : 0);
            else
                SyntaxError(p, to);
            NextToken(p);
            if (TokIsKeyword(to, KW_SECOND))
                prec = parse_opt_paren_iconst(p);
        }
    }
    else if (TokIsKeyword(tok, KW_SECOND))
    {
        NextToken(p);
        mask = RAW_INTERVAL_SECOND;
        prec = parse_opt_paren_iconst(p);
    }
    else
        return NIL;

    if (prec != NULL)
        return list_make2(MakeIntConst(mask, tok->loc), MakeIntConst(prec->ival, prec->loc));
    return list_make1(MakeIntConst(mask, tok->loc));
}

/*
 * TokStartsConstTypeName -- does the current keyword begin a SQL type
 * name that is followed by a string literal (a typed literal such as
 * TIMESTAMP '...'), rather than being used as a column name?
 */
bool
TokStartsConstTypeName(Parser *p)
{
    Token      *tok = CurToken(p);
    Token      *next = PeekToken(p, 1);

    if (tok->type != TOK_KEYWORD)
        return false;
    switch (tok->kw)
    {
        case KW_INT:
        case KW_INTEGER:
        case KW_SMALLINT:
        case KW_BIGINT:
        case KW_REAL:
        case KW_FLOAT:
        case KW_DECIMAL:
        case KW_DEC:
        case KW_NUMERIC:
        case KW_BOOLEAN:
        case KW_INTERVAL:
            return next->type == TOK_SCONST || TokIsChar(next, '(');
        case KW_DOUBLE:
            return TokIsKeyword(next, KW_PRECISION);
        case KW_BIT:
        case KW_CHARACTER:
        case KW_CHAR:
        case KW_NCHAR:
        case KW_VARCHAR:
            return next->type == TOK_SCONST || TokIsChar(next, '(') ||
                TokIsKeyword(next, KW_VARYING);
        case KW_NATIONAL:
            return TokIsKeyword(next, KW_CHARACTER) || TokIsKeyword(next, KW_CHAR);
        case KW_TIME:
        case KW_TIMESTAMP:
            return next->type == TOK_SCONST || TokIsChar(next, '(') ||
                TokIsKeyword(next, KW_WITH) || TokIsKeyword(next, KW_WITHOUT);
        default:
            return false;
    }
}

/*
 * parse_keyword_type -- a type spelled with SQL keywords, or NULL if the
 * current token is not one.  for_literal: typed-literal context, where
 * CHAR and BIT without a length get no default length.
 */
static TypeName *
parse_keyword_type(Parser *p, bool for_literal)
{
    Token      *tok = CurToken(p);
    int         loc = tok->loc;
    TypeName   *tn;

    if (tok->type != TOK_KEYWORD)
        return NULL;
    switch (tok->kw)
    {
        case KW_INT:
        case KW_INTEGER:
            NextToken(p);
            return system_type("int4", loc);
        case KW_SMALLINT:
            NextToken(p);
            return system_type("int2", loc);
        case KW_BIGINT:
            NextToken(p);
            return system_type("int8", loc);
        case KW_REAL:
            NextToken(p);
            return system_type("float4", loc);
        case KW_BOOLEAN:
            NextToken(p);
            return system_type("bool", loc);
        case KW_FLOAT:
            {
                Token      *prec;

                NextToken(p);
                prec = parse_opt_paren_iconst(p);
                if (prec == NULL)
                    return system_type("float8", loc);
                if (prec->ival < 1)
                    ParserErrorAt(p, prec->loc, ERRCODE_INVALID_PARAMETER_VALUE,
                                  "precision for type float must be at least 1 bit");
                if (prec->ival > 53)
                    ParserErrorAt(p, prec->loc, ERRCODE_INVALID_PARAMETER_VALUE,
                                  "precision for type float must be less than 54 bits");
                return system_type(prec->ival <= 24 ? "float4" : "float8", loc);
            }
        case KW_DOUBLE:
            if (!PeekKeyword(p, 1, KW_PRECISION))
                return NULL;
            NextToken(p);
            NextToken(p);
            return system_type("float8", loc);
        case KW_DECIMAL:
        case KW_DEC:
        case KW_NUMERIC:
            NextToken(p);
            tn = system_type("numeric", loc);
            tn->typmods = parse_opt_type_modifiers(p);
            return tn;
        case KW_BIT:
            {
                bool        varying;

                NextToken(p);
                varying = AcceptKeyword(p, KW_VARYING);
                tn = system_type(varying ? "varbit" : "bit", loc);
                tn->typmods = parse_opt_type_modifiers(p);
                if (tn->typmods == NIL && !varying && !for_literal)
                    tn->typmods = list_make1(MakeIntConst(1, -1));
                return tn;
            }
        case KW_CHARACTER:
        case KW_CHAR:
        case KW_NCHAR:
        case KW_VARCHAR:
        case KW_NATIONAL:
            {
                bool        varying;
                Token      *len;

                NextToken(p);
                if (tok->kw == KW_NATIONAL)
                {
                    if (!AcceptKeyword(p, KW_CHARACTER))
                        ExpectKeyword(p, KW_CHAR);
                }
                varying = tok->kw == KW_VARCHAR || AcceptKeyword(p, KW_VARYING);
                tn = system_type(varying ? "varchar" : "bpchar", loc);
                len = parse_opt_paren_iconst(p);
                if (len != NULL)
                    tn->typmods = list_make1(MakeIntConst(len->ival, len->loc));
                else if (!varying && !for_literal)
                    tn->typmods = list_make1(MakeIntConst(1, -1));
                return tn;
            }
        case KW_TIMESTAMP:
        case KW_TIME:
            {
                Token      *prec;
                bool        tz;

                NextToken(p);
                prec = parse_opt_paren_iconst(p);
                tz = parse_opt_timezone(p);
                if (tok->kw == KW_TIMESTAMP)
                    tn = system_type(tz ? "timestamptz" : "timestamp", loc);
                else
                    tn = system_type(tz ? "timetz" : "time", loc);
                if (prec != NULL)
                    tn->typmods = list_make1(MakeIntConst(prec->ival, prec->loc));
                return tn;
            }
        case KW_INTERVAL:
            {
                Token      *prec;
                int         floc;

                NextToken(p);
                tn = system_type("interval", loc);
                prec = parse_opt_paren_iconst(p);
                if (prec != NULL)
                    tn->typmods = list_make2(MakeIntConst(RAW_INTERVAL_FULL_RANGE, -1),
                                             MakeIntConst(prec->ival, prec->loc));
                else if (!for_literal)
                    tn->typmods = ParseOptInterval(p, &floc);
                return tn;
            }
        default:
            return NULL;
    }
}

TypeName *
ParseConstTypeName(Parser *p)
{
    TypeName   *tn = parse_keyword_type(p, true);

    if (tn == NULL)
        SyntaxErrorAtCurrent(p);
    return tn;
}

TypeName *
ParseSimpleTypeName(Parser *p)
{
    TypeName   *tn = parse_keyword_type(p, false);
    Token      *tok;
    List       *names;

    if (tn != NULL)
        return tn;
    tok = CurToken(p);
    if (!TokIsTypeFuncName(tok))
        SyntaxError(p, tok);
    NextToken(p);
    names = list_make1(makeString(tok->str));
    while (PeekChar(p, 0, '.'))
    {
        NextToken(p);
        names = lappend(names, makeString(ParseColLabel(p)));
    }
    tn = MakeTypeNameFromNameList(names);
    tn->location = tok->loc;
    tn->typmods = parse_opt_type_modifiers(p);
    return tn;
}

/* Typename: [SETOF] SimpleTypename [ '[' [n] ']' ... | ARRAY [ '[' n ']' ] ] */
TypeName *
ParseTypeName(Parser *p)
{
    bool        setof = AcceptKeyword(p, KW_SETOF);
    TypeName   *tn = ParseSimpleTypeName(p);

    tn->setof = setof;
    if (AcceptKeyword(p, KW_ARRAY))
    {
        int         bound = -1;

        if (AcceptChar(p, '['))
        {
            Token      *tok = CurToken(p);

            if (tok->type != TOK_ICONST)
                SyntaxErrorAtCurrent(p);
            NextToken(p);
            bound = tok->ival;
            ExpectChar(p, ']');
        }
        tn->arrayBounds = list_make1(makeInteger(bound));
        return tn;
    }
    while (AcceptChar(p, '['))
    {
        int         bound = -1;
        Token      *tok = CurToken(p);

        if (tok->type == TOK_ICONST)
        {
            NextToken(p);
            bound = tok->ival;
        }
        ExpectChar(p, ']');
        tn->arrayBounds = lappend(tn->arrayBounds, makeInteger(bound));
    }
    return tn;
}

List *
ParseTypeNameList(Parser *p)
{
    List       *list = NIL;

    do
    {
        list = lappend(list, ParseTypeName(p));
    } while (AcceptChar(p, ','));
    return list;
}
