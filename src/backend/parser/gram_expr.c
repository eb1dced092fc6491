/*
 * gram_expr.c
 *     Expressions: a Pratt (precedence-climbing) loop over PostgreSQL 15's
 *     operator precedence table, and the primary expressions (constants,
 *     column references, function calls, CASE, CAST, ARRAY, subqueries,
 *     the SQL-standard special functions).
 * Entry points: ParseExpr(), ParseBExpr(), ParseExprPrec(), ParseExprList(),
 * ParseFuncCallTail(), ParseSortClause(), ParseWindowSpec(), ParseAConst().
 *
 * PostgreSQL's grammar declares most comparison-like operators
 * %nonassoc: "a < b < c" is a syntax error at the second "<".  Bison only
 * reports that when the previous rule ended with an operand, so
 * "a IS NULL IS NULL" is accepted while "a IS DISTINCT FROM b IS NULL" is
 * not; the loop below mirrors this with last_nonassoc.
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static Node *parse_primary(Parser *p, int flags);

List *
SystemFuncName(const char *name)
{
    return list_make2(makeString(pstrdup("pg_catalog")), makeString(pstrdup(name)));
}

FuncCall *
MakeFuncCall(List *name, List *args, int location)
{
    FuncCall   *f = makeNode(FuncCall);

    f->funcname = name;
    f->args = args;
    f->funcformat = RAW_FUNC_PLAIN;
    f->location = location;
    return f;
}

static FuncCall *
make_sql_func(const char *name, List *args, int location)
{
    FuncCall   *f = MakeFuncCall(SystemFuncName(name), args, location);

    f->funcformat = RAW_FUNC_SQL_SYNTAX;
    return f;
}

static A_Expr *
make_a_expr(A_Expr_Kind kind, const char *op, Node *l, Node *r, int location)
{
    A_Expr     *e = makeNode(A_Expr);

    e->kind = kind;
    e->name = list_make1(makeString(pstrdup(op)));
    e->lexpr = l;
    e->rexpr = r;
    e->location = location;
    return e;
}

static Node *
make_not(Node *arg, int location)
{
    RawBoolExpr *b = makeNode(RawBoolExpr);

    b->boolop = RAW_NOT_EXPR;
    b->args = list_make1(arg);
    b->location = location;
    return (Node *) b;
}

/* AND/OR, flattening "a AND b AND c" into one node as PostgreSQL does. */
static Node *
make_bool(RawBoolExprType op, Node *l, Node *r, int location)
{
    RawBoolExpr *b;

    if (IsA(l, RawBoolExpr) && castNode(RawBoolExpr, l)->boolop == op)
    {
        b = castNode(RawBoolExpr, l);
        b->args = lappend(b->args, r);
        return l;
    }
    b = makeNode(RawBoolExpr);
    b->boolop = op;
    b->args = list_make2(l, r);
    b->location = location;
    return (Node *) b;
}

static Node *
make_sublink(RawSubLinkType kind, Node *test, List *oper, Node *sub, int location)
{
    RawSubLink *s = makeNode(RawSubLink);

    s->subLinkType = kind;
    s->testexpr = test;
    s->operName = oper;
    s->subselect = sub;
    s->location = location;
    return (Node *) s;
}

/* Unary minus: fold into numeric constants (so -2147483648 stays a number). */
static Node *
make_negation(Node *arg, int location)
{
    if (IsA(arg, A_Const))
    {
        A_Const    *c = castNode(A_Const, arg);

        if (c->val != NULL && IsA(c->val, Integer))
        {
            castNode(Integer, c->val)->ival = -intVal(c->val);
            c->location = location;
            return arg;
        }
        if (c->val != NULL && IsA(c->val, Float))
        {
            Float      *f = castNode(Float, c->val);

            f->fval = f->fval[0] == '-' ? f->fval + 1 : psprintf("-%s", f->fval);
            c->location = location;
            return arg;
        }
    }
    return (Node *) make_a_expr(AEXPR_OP, "-", NULL, arg, location);
}

/* ---------------------------------------------------------------- operators */

typedef enum InfixKind
{
    INFIX_NONE,
    INFIX_OR,
    INFIX_AND,
    INFIX_IS,
    INFIX_ISNULL,
    INFIX_NOTNULL,
    INFIX_MATH,                 /* comparison and arithmetic "self" operators, generic Op */
    INFIX_OPERATOR,             /* OPERATOR(schema.op) */
    INFIX_BETWEEN,
    INFIX_IN,
    INFIX_LIKE,                 /* LIKE ILIKE SIMILAR, maybe after NOT */
    INFIX_AT,
    INFIX_COLLATE,
    INFIX_TYPECAST
} InfixKind;

/*
 * classify_infix -- what operator (if any) the current token starts, and
 * its precedence level.  *negated is set for NOT LIKE / NOT IN / ...
 */
static InfixKind
classify_infix(Parser *p, int flags, int *prec, bool *negated)
{
    Token      *tok = CurToken(p);
    bool        b = (flags & EXPR_B) != 0;

    *negated = false;
    switch (tok->type)
    {
        case TOK_CHAR:
            switch (tok->ch)
            {
                case '<':
                case '>':
                case '=':
                    *prec = PREC_CMP;
                    return INFIX_MATH;
                case '+':
                case '-':
                    *prec = PREC_ADD;
                    return INFIX_MATH;
                case '*':
                case '/':
                case '%':
                    *prec = PREC_MUL;
                    return INFIX_MATH;
                case '^':
                    *prec = PREC_EXP;
                    return INFIX_MATH;
                default:
                    return INFIX_NONE;
            }
        case TOK_LESS_EQUALS:
        case TOK_GREATER_EQUALS:
        case TOK_NOT_EQUALS:
            *prec = PREC_CMP;
            return INFIX_MATH;
        case TOK_OP:
            *prec = PREC_OP;
            return INFIX_MATH;
        case TOK_TYPECAST:
            *prec = PREC_TYPECAST;
            return INFIX_TYPECAST;
        case TOK_KEYWORD:
            break;
        default:
            return INFIX_NONE;
    }

    switch (tok->kw)
    {
        case KW_OPERATOR:
            *prec = PREC_OP;
            return INFIX_OPERATOR;
        case KW_IS:
            *prec = PREC_IS;
            if (b)
            {
                /* b_expr only has IS [NOT] DISTINCT FROM */
                int         k = PeekKeyword(p, 1, KW_NOT) ? 2 : 1;

                if (!PeekKeyword(p, k, KW_DISTINCT))
                    return INFIX_NONE;
            }
            return INFIX_IS;
        default:
            break;
    }
    if (b)
        return INFIX_NONE;
    switch (tok->kw)
    {
        case KW_OR:
            *prec = PREC_OR;
            return INFIX_OR;
        case KW_AND:
            *prec = PREC_AND;
            return INFIX_AND;
        case KW_ISNULL:
            *prec = PREC_IS;
            return INFIX_ISNULL;
        case KW_NOTNULL:
            *prec = PREC_IS;
            return INFIX_NOTNULL;
        case KW_BETWEEN:
            *prec = PREC_LIKE;
            return INFIX_BETWEEN;
        case KW_IN:
            *prec = PREC_LIKE;
            return INFIX_IN;
        case KW_LIKE:
        case KW_ILIKE:
        case KW_SIMILAR:
            *prec = PREC_LIKE;
            return INFIX_LIKE;
        case KW_NOT:
            {
                Token      *next = PeekToken(p, 1);

                *prec = PREC_LIKE;
                *negated = true;
                if (TokIsKeyword(next, KW_BETWEEN))
                    return INFIX_BETWEEN;
                if (TokIsKeyword(next, KW_IN))
                    return INFIX_IN;
                if (TokIsKeyword(next, KW_LIKE) || TokIsKeyword(next, KW_ILIKE) ||
                    TokIsKeyword(next, KW_SIMILAR))
                    return INFIX_LIKE;
                *negated = false;
                return INFIX_NONE;
            }
        case KW_AT:
            if (PeekKeyword(p, 1, KW_TIME) && PeekKeyword(p, 2, KW_ZONE))
            {
                *prec = PREC_AT;
                return INFIX_AT;
            }
            return INFIX_NONE;
        case KW_COLLATE:
            *prec = PREC_COLLATE;
            return INFIX_COLLATE;
        default:
            return INFIX_NONE;
    }
}

/* OPERATOR ( [schema .]* op ): returns the qualified operator name. */
static List *
parse_operator_clause(Parser *p)
{
    List       *name = NIL;
    Token      *tok;

    ExpectKeyword(p, KW_OPERATOR);
    ExpectChar(p, '(');
    while (TokIsColId(CurToken(p)) && PeekChar(p, 1, '.'))
    {
        name = lappend(name, makeString(NextToken(p)->str));
        NextToken(p);
    }
    tok = CurToken(p);
    if (tok->type == TOK_OP || tok->type == TOK_LESS_EQUALS || tok->type == TOK_GREATER_EQUALS ||
        tok->type == TOK_NOT_EQUALS ||
        (tok->type == TOK_CHAR && strchr("+-*/%^<>=", tok->ch) != NULL))
        name = lappend(name, makeString(NextToken(p)->str));
    else
        SyntaxErrorAtCurrent(p);
    ExpectChar(p, ')');
    return name;
}

/*
 * parse_paren_query -- at '(' known to hold a query: "( query )".
 * Returns the SelectStmt (or other preparable statement) inside.
 */
static Node *
parse_paren_query(Parser *p)
{
    Node       *sel;

    ExpectChar(p, '(');
    sel = ParseSelectStmt(p);
    ExpectChar(p, ')');
    return sel;
}

/*
 * parse_in_or_sublink_arg -- after IN / op ANY / EXISTS / ARRAY: "( query )"
 * returns the query in *query; "( expr, ... )" returns the list.
 */
static List *
parse_paren_list_or_query(Parser *p, Node **query)
{
    List       *list;

    *query = NULL;
    if (PeekChar(p, 0, '(') && TokStartsSelect(PeekToken(p, 1)))
    {
        *query = parse_paren_query(p);
        return NIL;
    }
    ExpectChar(p, '(');
    list = ParseExprList(p);
    ExpectChar(p, ')');
    if (list_length(list) == 1 && linitial(list) == p->last_paren_select && p->last_paren_select)
    {
        *query = castNode(RawSubLink, linitial(list))->subselect;
        return NIL;
    }
    return list;
}

/* True if the current token is ANY/SOME/ALL followed by '(' (a sublink or array op). */
static bool
at_quantifier(Parser *p)
{
    Token      *tok = CurToken(p);

    return (TokIsKeyword(tok, KW_ANY) || TokIsKeyword(tok, KW_SOME) || TokIsKeyword(tok, KW_ALL)) &&
        PeekChar(p, 1, '(');
}

/* lhs op ANY|SOME|ALL ( query | array ) */
static Node *
parse_quantified(Parser *p, Node *lhs, List *opname, int location)
{
    bool        all = TokIsKeyword(NextToken(p), KW_ALL);
    Node       *query;
    Node       *arr;

    if (PeekChar(p, 0, '(') && TokStartsSelect(PeekToken(p, 1)))
    {
        query = parse_paren_query(p);
        return make_sublink(all ? RAW_ALL_SUBLINK : RAW_ANY_SUBLINK, lhs, opname, query, location);
    }
    ExpectChar(p, '(');
    arr = ParseExpr(p);
    ExpectChar(p, ')');
    if (arr == p->last_paren_select && arr != NULL)
        return make_sublink(all ? RAW_ALL_SUBLINK : RAW_ANY_SUBLINK, lhs, opname,
                            castNode(RawSubLink, arr)->subselect, location);
    {
        A_Expr     *e = makeNode(A_Expr);

        e->kind = all ? AEXPR_OP_ALL : AEXPR_OP_ANY;
        e->name = opname;
        e->lexpr = lhs;
        e->rexpr = arr;
        e->location = location;
        return (Node *) e;
    }
}

/*
 * ParseExprPrec -- an expression whose infix operators all bind tighter
 * than min_prec.  flags: EXPR_B for b_expr.
 */
Node *
ParseExprPrec(Parser *p, int min_prec, int flags)
{
    Node       *left;
    int         last_nonassoc = -1;

    ParserEnterNesting(p);
    left = parse_primary(p, flags);

    for (;;)
    {
        Token      *tok = CurToken(p);
        int         loc = tok->loc;
        int         prec = PREC_NONE;
        bool        negated;
        InfixKind   kind = classify_infix(p, flags, &prec, &negated);

        if (kind == INFIX_NONE || prec <= min_prec)
            break;
        if (prec == last_nonassoc)
            SyntaxError(p, tok);
        last_nonassoc = -1;

        switch (kind)
        {
            case INFIX_OR:
            case INFIX_AND:
                NextToken(p);
                left = make_bool(kind == INFIX_OR ? RAW_OR_EXPR : RAW_AND_EXPR, left,
                                 ParseExprPrec(p, prec, flags), loc);
                break;

            case INFIX_IS:
                {
                    bool        not;

                    NextToken(p);
                    not = AcceptKeyword(p, KW_NOT);
                    tok = CurToken(p);
                    if (TokIsKeyword(tok, KW_NULL))
                    {
                        RawNullTest *n = makeNode(RawNullTest);

                        NextToken(p);
                        n->arg = left;
                        n->nulltesttype = not ? RAW_IS_NOT_NULL : RAW_IS_NULL;
                        n->location = loc;
                        left = (Node *) n;
                    }
                    else if (TokIsKeyword(tok, KW_TRUE) || TokIsKeyword(tok, KW_FALSE) ||
                             TokIsKeyword(tok, KW_UNKNOWN))
                    {
                        RawBooleanTest *b = makeNode(RawBooleanTest);

                        NextToken(p);
                        b->arg = left;
                        if (tok->kw == KW_TRUE)
                            b->booltesttype = not ? RAW_IS_NOT_TRUE : RAW_IS_TRUE;
                        else if (tok->kw == KW_FALSE)
                            b->booltesttype = not ? RAW_IS_NOT_FALSE : RAW_IS_FALSE;
                        else
                            b->booltesttype = not ? RAW_IS_NOT_UNKNOWN : RAW_IS_UNKNOWN;
                        b->location = loc;
                        left = (Node *) b;
                    }
                    else if (TokIsKeyword(tok, KW_DISTINCT))
                    {
                        NextToken(p);
                        ExpectKeyword(p, KW_FROM);
                        left = (Node *) make_a_expr(not ? AEXPR_NOT_DISTINCT : AEXPR_DISTINCT, "=",
                                                    left, ParseExprPrec(p, PREC_IS, flags), loc);
                        last_nonassoc = PREC_IS;
                    }
                    else
                        SyntaxError(p, tok);
                    break;
                }

            case INFIX_ISNULL:
            case INFIX_NOTNULL:
                {
                    RawNullTest *n = makeNode(RawNullTest);

                    NextToken(p);
                    n->arg = left;
                    n->nulltesttype = kind == INFIX_ISNULL ? RAW_IS_NULL : RAW_IS_NOT_NULL;
                    n->location = loc;
                    left = (Node *) n;
                    break;
                }

            case INFIX_MATH:
            case INFIX_OPERATOR:
                {
                    List       *opname;

                    if (kind == INFIX_OPERATOR)
                        opname = parse_operator_clause(p);
                    else
                        opname = list_make1(makeString(NextToken(p)->str));
                    if (at_quantifier(p))
                    {
                        left = parse_quantified(p, left, opname, loc);
                        break;
                    }
                    {
                        A_Expr     *e = makeNode(A_Expr);

                        e->kind = AEXPR_OP;
                        e->name = opname;
                        e->lexpr = left;
                        e->rexpr = ParseExprPrec(p, prec, flags);
                        e->location = loc;
                        left = (Node *) e;
                    }
                    if (prec == PREC_CMP)
                        last_nonassoc = PREC_CMP;
                    break;
                }

            case INFIX_BETWEEN:
                {
                    A_Expr_Kind k;
                    bool        symmetric = false;
                    Node       *lower;
                    Node       *upper;

                    if (negated)
                        NextToken(p);
                    NextToken(p);
                    if (AcceptKeyword(p, KW_SYMMETRIC))
                        symmetric = true;
                    else
                        AcceptKeyword(p, KW_ASYMMETRIC);
                    lower = ParseExprPrec(p, PREC_NONE, EXPR_B);
                    ExpectKeyword(p, KW_AND);
                    upper = ParseExprPrec(p, PREC_LIKE, flags);
                    if (symmetric)
                        k = negated ? AEXPR_NOT_BETWEEN_SYM : AEXPR_BETWEEN_SYM;
                    else
                        k = negated ? AEXPR_NOT_BETWEEN : AEXPR_BETWEEN;
                    left = (Node *) make_a_expr(k, negated ? "NOT BETWEEN" : "BETWEEN", left,
                                                (Node *) list_make2(lower, upper), loc);
                    last_nonassoc = PREC_LIKE;
                    break;
                }

            case INFIX_IN:
                {
                    Node       *query;
                    List       *list;

                    if (negated)
                        NextToken(p);
                    NextToken(p);
                    if (!PeekChar(p, 0, '('))
                        SyntaxErrorAtCurrent(p);
                    list = parse_paren_list_or_query(p, &query);
                    if (query != NULL)
                    {
                        Node       *s = make_sublink(RAW_ANY_SUBLINK, left,
                                                     list_make1(makeString(pstrdup("="))),
                                                     query, loc);

                        left = negated ? make_not(s, loc) : s;
                    }
                    else
                        left = (Node *) make_a_expr(AEXPR_IN, negated ? "<>" : "=", left,
                                                    (Node *) list, loc);
                    break;
                }

            case INFIX_LIKE:
                {
                    Token      *optok;
                    A_Expr_Kind k;
                    const char *op;
                    Node       *pattern;

                    if (negated)
                        NextToken(p);
                    optok = NextToken(p);
                    if (optok->kw == KW_SIMILAR)
                        ExpectKeyword(p, KW_TO);
                    if (optok->kw == KW_LIKE)
                        k = AEXPR_LIKE, op = negated ? "!~~" : "~~";
                    else if (optok->kw == KW_ILIKE)
                        k = AEXPR_ILIKE, op = negated ? "!~~*" : "~~*";
                    else
                        k = AEXPR_SIMILAR, op = negated ? "!~" : "~";
                    if (k != AEXPR_SIMILAR && at_quantifier(p))
                    {
                        left = parse_quantified(p, left, list_make1(makeString(pstrdup(op))), loc);
                        break;
                    }
                    pattern = ParseExprPrec(p, PREC_LIKE, flags);
                    if (AcceptKeyword(p, KW_ESCAPE))
                    {
                        Node       *esc = ParseExprPrec(p, PREC_LIKE, flags);

                        pattern = (Node *) MakeFuncCall(
                            SystemFuncName(k == AEXPR_SIMILAR ? "similar_to_escape" : "like_escape"),
                            list_make2(pattern, esc), loc);
                    }
                    else if (k == AEXPR_SIMILAR)
                        pattern = (Node *) MakeFuncCall(SystemFuncName("similar_to_escape"),
                                                        list_make1(pattern), loc);
                    left = (Node *) make_a_expr(k, op, left, pattern, loc);
                    last_nonassoc = PREC_LIKE;
                    break;
                }

            case INFIX_AT:
                {
                    Node       *zone;

                    NextToken(p);
                    NextToken(p);
                    NextToken(p);
                    zone = ParseExprPrec(p, PREC_AT, flags);
                    left = (Node *) make_sql_func("timezone", list_make2(zone, left), loc);
                    break;
                }

            case INFIX_COLLATE:
                {
                    CollateClause *c = makeNode(CollateClause);

                    NextToken(p);
                    c->arg = left;
                    c->collname = ParseAnyName(p);
                    c->location = loc;
                    left = (Node *) c;
                    break;
                }

            case INFIX_TYPECAST:
                {
                    TypeCast   *c = makeNode(TypeCast);

                    NextToken(p);
                    c->arg = left;
                    c->typeName = ParseTypeName(p);
                    c->location = loc;
                    left = (Node *) c;
                    break;
                }

            case INFIX_NONE:
                break;
        }
    }
    ParserLeaveNesting(p);
    return left;
}

Node *
ParseExpr(Parser *p)
{
    return ParseExprPrec(p, PREC_NONE, 0);
}

Node *
ParseBExpr(Parser *p)
{
    return ParseExprPrec(p, PREC_NONE, EXPR_B);
}

List *
ParseExprList(Parser *p)
{
    List       *list = NIL;

    do
    {
        list = lappend(list, ParseExpr(p));
    } while (AcceptChar(p, ','));
    return list;
}

/* ---------------------------------------------------------------- primaries */

/* opt_indirection: ( '.' name | '.' '*' | '[' a ']' | '[' a : b ']' )* */
static List *
parse_indirection(Parser *p, List *ind, bool allow_dot)
{
    for (;;)
    {
        if (allow_dot && PeekChar(p, 0, '.'))
        {
            NextToken(p);
            if (AcceptChar(p, '*'))
                ind = lappend(ind, makeNode(A_Star));
            else
                ind = lappend(ind, makeString(ParseColLabel(p)));
        }
        else if (PeekChar(p, 0, '['))
        {
            A_Indices  *ai = makeNode(A_Indices);

            NextToken(p);
            if (!PeekChar(p, 0, ':'))
                ai->uidx = ParseExpr(p);
            if (AcceptChar(p, ':'))
            {
                ai->is_slice = true;
                ai->lidx = ai->uidx;
                ai->uidx = NULL;
                if (!PeekChar(p, 0, ']'))
                    ai->uidx = ParseExpr(p);
            }
            ExpectChar(p, ']');
            ind = lappend(ind, ai);
        }
        else
            return ind;
    }
}

static Node *
wrap_indirection(Node *arg, List *ind)
{
    A_Indirection *ai;

    if (ind == NIL)
        return arg;
    ai = makeNode(A_Indirection);
    ai->arg = arg;
    ai->indirection = ind;
    return (Node *) ai;
}

/*
 * parse_paren_expr -- "( ... )" as an expression: a scalar subquery, a
 * row constructor "(a, b)", or a parenthesised expression, then optional
 * indirection.
 */
static Node *
parse_paren_expr(Parser *p)
{
    int         loc = CurToken(p)->loc;
    Node       *result;

    if (TokStartsSelect(PeekToken(p, 1)))
    {
        Node       *sel = parse_paren_query(p);

        result = make_sublink(RAW_EXPR_SUBLINK, NULL, NIL, sel, loc);
        p->last_paren_select = result;
    }
    else
    {
        Node       *e;

        ExpectChar(p, '(');
        e = ParseExpr(p);
        if (e == p->last_paren_select && e != NULL)
        {
            Token      *tok = CurToken(p);

            /* "((SELECT ...) UNION ...)": the inner parens were a query operand */
            if (TokIsKeyword(tok, KW_UNION) || TokIsKeyword(tok, KW_INTERSECT) ||
                TokIsKeyword(tok, KW_EXCEPT) || TokIsKeyword(tok, KW_ORDER) ||
                TokIsKeyword(tok, KW_LIMIT) || TokIsKeyword(tok, KW_OFFSET) ||
                TokIsKeyword(tok, KW_FETCH) || TokIsKeyword(tok, KW_FOR))
            {
                Node       *sel = ParseSelectTail(p, castNode(SelectStmt,
                                                              castNode(RawSubLink, e)->subselect),
                                                  true);

                e = make_sublink(RAW_EXPR_SUBLINK, NULL, NIL, sel, loc);
                p->last_paren_select = e;
            }
        }
        if (AcceptChar(p, ','))
        {
            RawRowExpr *row = makeNode(RawRowExpr);

            row->args = lcons(e, ParseExprList(p));
            row->explicit_row = false;
            row->location = loc;
            e = (Node *) row;
        }
        ExpectChar(p, ')');
        result = e;
    }
    if (PeekChar(p, 0, '.') || PeekChar(p, 0, '['))
        result = wrap_indirection(result, parse_indirection(p, NIL, true));
    return result;
}

/* ARRAY[...] contents after '[' (nested bare [..] allowed). */
static Node *
parse_array_brackets(Parser *p, int loc)
{
    A_ArrayExpr *arr = makeNode(A_ArrayExpr);

    ExpectChar(p, '[');
    arr->location = loc;
    if (AcceptChar(p, ']'))
        return (Node *) arr;
    ParserEnterNesting(p);
    if (PeekChar(p, 0, '['))
    {
        do
        {
            arr->elements = lappend(arr->elements, parse_array_brackets(p, CurToken(p)->loc));
        } while (AcceptChar(p, ','));
    }
    else
        arr->elements = ParseExprList(p);
    ParserLeaveNesting(p);
    ExpectChar(p, ']');
    return (Node *) arr;
}

static Node *
parse_case(Parser *p)
{
    RawCaseExpr *c = makeNode(RawCaseExpr);

    c->location = NextToken(p)->loc;
    if (!PeekKeyword(p, 0, KW_WHEN))
        c->arg = ParseExpr(p);
    if (!PeekKeyword(p, 0, KW_WHEN))
        SyntaxErrorAtCurrent(p);
    while (PeekKeyword(p, 0, KW_WHEN))
    {
        RawCaseWhen *w = makeNode(RawCaseWhen);

        w->location = NextToken(p)->loc;
        w->expr = ParseExpr(p);
        ExpectKeyword(p, KW_THEN);
        w->result = ParseExpr(p);
        c->args = lappend(c->args, w);
    }
    if (AcceptKeyword(p, KW_ELSE))
        c->defresult = ParseExpr(p);
    ExpectKeyword(p, KW_END);
    return (Node *) c;
}

/* CURRENT_TIME and friends, with optional "(precision)". */
static Node *
parse_sql_value_function(Parser *p, RawSVFOp op, bool has_precision)
{
    RawSQLValueFunction *f = makeNode(RawSQLValueFunction);

    f->location = NextToken(p)->loc;
    f->op = op;
    f->typmod = -1;
    if (has_precision && PeekChar(p, 0, '('))
    {
        Token      *tok;

        NextToken(p);
        tok = CurToken(p);
        if (tok->type != TOK_ICONST)
            SyntaxErrorAtCurrent(p);
        NextToken(p);
        f->typmod = tok->ival;
        f->op = (RawSVFOp) (op + 1);    /* the _N variant follows each op */
        ExpectChar(p, ')');
    }
    return (Node *) f;
}

/* EXTRACT ( field FROM expr ) */
static Node *
parse_extract(Parser *p, int loc)
{
    Token      *tok;
    Node       *field;
    Node       *arg;

    ExpectChar(p, '(');
    tok = CurToken(p);
    if (tok->type == TOK_IDENT || tok->type == TOK_SCONST || TokIsKeyword(tok, KW_YEAR) ||
        TokIsKeyword(tok, KW_MONTH) || TokIsKeyword(tok, KW_DAY) || TokIsKeyword(tok, KW_HOUR) ||
        TokIsKeyword(tok, KW_MINUTE) || TokIsKeyword(tok, KW_SECOND))
        field = MakeStringConst(NextToken(p)->str, tok->loc);
    else
        SyntaxErrorAtCurrent(p);
    ExpectKeyword(p, KW_FROM);
    arg = ParseExpr(p);
    ExpectChar(p, ')');
    return (Node *) make_sql_func("extract", list_make2(field, arg), loc);
}

/* SUBSTRING ( x FROM a [FOR b] | x FOR b [FROM a] | x SIMILAR p ESCAPE e | args ) */
static Node *
parse_substring(Parser *p, int loc)
{
    Node       *x;
    Node       *from = NULL;
    Node       *for_ = NULL;
    FuncCall   *f;

    ExpectChar(p, '(');
    if (AcceptChar(p, ')'))
        return (Node *) make_sql_func("substring", NIL, loc);
    x = ParseExpr(p);
    if (AcceptKeyword(p, KW_SIMILAR))
    {
        Node       *pat = ParseExpr(p);
        Node       *esc;

        ExpectKeyword(p, KW_ESCAPE);
        esc = ParseExpr(p);
        ExpectChar(p, ')');
        return (Node *) make_sql_func("substring", list_make3(x, pat, esc), loc);
    }
    if (AcceptKeyword(p, KW_FROM))
    {
        from = ParseExpr(p);
        if (AcceptKeyword(p, KW_FOR))
            for_ = ParseExpr(p);
    }
    else if (AcceptKeyword(p, KW_FOR))
    {
        for_ = ParseExpr(p);
        if (AcceptKeyword(p, KW_FROM))
            from = ParseExpr(p);
    }
    else
    {
        List       *args = list_make1(x);

        while (AcceptChar(p, ','))
            args = lappend(args, ParseExpr(p));
        ExpectChar(p, ')');
        f = make_sql_func("substring", args, loc);
        f->funcformat = RAW_FUNC_PLAIN;
        return (Node *) f;
    }
    ExpectChar(p, ')');
    if (from == NULL)
        from = MakeIntConst(1, -1);
    return (Node *) make_sql_func("substring",
                                  for_ ? list_make3(x, from, for_) : list_make2(x, from), loc);
}

/* TRIM ( [BOTH|LEADING|TRAILING] [chars] FROM x | [..] x [, chars] ) */
static Node *
parse_trim(Parser *p, int loc)
{
    const char *fn = "btrim";
    List       *args;

    ExpectChar(p, '(');
    if (AcceptKeyword(p, KW_LEADING))
        fn = "ltrim";
    else if (AcceptKeyword(p, KW_TRAILING))
        fn = "rtrim";
    else
        AcceptKeyword(p, KW_BOTH);

    if (AcceptKeyword(p, KW_FROM))
        args = ParseExprList(p);
    else
    {
        Node       *first = ParseExpr(p);

        if (AcceptKeyword(p, KW_FROM))
        {
            args = ParseExprList(p);
            args = lappend(args, first);
        }
        else
        {
            args = list_make1(first);
            while (AcceptChar(p, ','))
                args = lappend(args, ParseExpr(p));
        }
    }
    ExpectChar(p, ')');
    return (Node *) make_sql_func(fn, args, loc);
}

/* OVERLAY ( x PLACING y FROM a [FOR b] ) or overlay(args) */
static Node *
parse_overlay(Parser *p, int loc)
{
    Node       *x;
    List       *args;

    ExpectChar(p, '(');
    if (AcceptChar(p, ')'))
        return (Node *) MakeFuncCall(SystemFuncName("overlay"), NIL, loc);
    x = ParseExpr(p);
    if (AcceptKeyword(p, KW_PLACING))
    {
        args = list_make1(x);
        args = lappend(args, ParseExpr(p));
        ExpectKeyword(p, KW_FROM);
        args = lappend(args, ParseExpr(p));
        if (AcceptKeyword(p, KW_FOR))
            args = lappend(args, ParseExpr(p));
        ExpectChar(p, ')');
        return (Node *) make_sql_func("overlay", args, loc);
    }
    args = list_make1(x);
    while (AcceptChar(p, ','))
        args = lappend(args, ParseExpr(p));
    ExpectChar(p, ')');
    return (Node *) MakeFuncCall(SystemFuncName("overlay"), args, loc);
}

/* POSITION ( b_expr IN b_expr ) -> position(haystack, needle) */
static Node *
parse_position(Parser *p, int loc)
{
    Node       *needle;
    Node       *haystack;

    ExpectChar(p, '(');
    if (AcceptChar(p, ')'))
        return (Node *) make_sql_func("position", NIL, loc);
    needle = ParseBExpr(p);
    ExpectKeyword(p, KW_IN);
    haystack = ParseBExpr(p);
    ExpectChar(p, ')');
    return (Node *) make_sql_func("position", list_make2(haystack, needle), loc);
}

/*
 * parse_special_keyword -- primaries introduced by a keyword with its own
 * syntax.  Returns NULL if tok is not one of them (in this position).
 */
static Node *
parse_special_keyword(Parser *p, Token *tok)
{
    int         loc = tok->loc;
    bool        paren = PeekChar(p, 1, '(');

    switch (tok->kw)
    {
        case KW_TRUE:
        case KW_FALSE:
            NextToken(p);
            return MakeBoolConst(tok->kw == KW_TRUE, loc);
        case KW_NULL:
            NextToken(p);
            return MakeNullConst(loc);
        case KW_DEFAULT:
            {
                RawSetToDefault *d = makeNode(RawSetToDefault);

                NextToken(p);
                d->location = loc;
                return (Node *) d;
            }
        case KW_CASE:
            return parse_case(p);
        case KW_CAST:
            {
                TypeCast   *c = makeNode(TypeCast);

                NextToken(p);
                ExpectChar(p, '(');
                c->arg = ParseExpr(p);
                ExpectKeyword(p, KW_AS);
                c->typeName = ParseTypeName(p);
                ExpectChar(p, ')');
                c->location = loc;
                return (Node *) c;
            }
        case KW_ARRAY:
            NextToken(p);
            if (PeekChar(p, 0, '('))
            {
                Node       *q;
                Node       *sub;

                if (!TokStartsSelect(PeekToken(p, 1)) && !PeekChar(p, 1, '('))
                    SyntaxError(p, PeekToken(p, 1));
                sub = parse_paren_expr(p);
                if (sub != p->last_paren_select)
                    SyntaxErrorAtCurrent(p);
                q = castNode(RawSubLink, sub)->subselect;
                return make_sublink(RAW_ARRAY_SUBLINK, NULL, NIL, q, loc);
            }
            {
                Node       *arr = parse_array_brackets(p, loc);

                if (PeekChar(p, 0, '['))
                    arr = wrap_indirection(arr, parse_indirection(p, NIL, false));
                return arr;
            }
        case KW_EXISTS:
            if (paren && TokStartsSelect(PeekToken(p, 2)))
            {
                NextToken(p);
                return make_sublink(RAW_EXISTS_SUBLINK, NULL, NIL, parse_paren_query(p), loc);
            }
            if (paren)
            {
                Node       *sub;

                NextToken(p);
                sub = parse_paren_expr(p);
                if (sub != p->last_paren_select)
                    SyntaxError(p, PeekToken(p, 0));
                return make_sublink(RAW_EXISTS_SUBLINK, NULL, NIL,
                                    castNode(RawSubLink, sub)->subselect, loc);
            }
            return NULL;
        case KW_ROW:
            if (!paren)
                return NULL;
            {
                RawRowExpr *row = makeNode(RawRowExpr);

                NextToken(p);
                NextToken(p);
                if (!PeekChar(p, 0, ')'))
                    row->args = ParseExprList(p);
                ExpectChar(p, ')');
                row->explicit_row = true;
                row->location = loc;
                return (Node *) row;
            }
        case KW_COALESCE:
        case KW_GREATEST:
        case KW_LEAST:
            if (!paren)
                return NULL;
            {
                List       *args;

                NextToken(p);
                NextToken(p);
                args = ParseExprList(p);
                ExpectChar(p, ')');
                if (tok->kw == KW_COALESCE)
                {
                    RawCoalesceExpr *c = makeNode(RawCoalesceExpr);

                    c->args = args;
                    c->location = loc;
                    return (Node *) c;
                }
                {
                    RawMinMaxExpr *m = makeNode(RawMinMaxExpr);

                    m->op = tok->kw == KW_GREATEST ? RAW_IS_GREATEST : RAW_IS_LEAST;
                    m->args = args;
                    m->location = loc;
                    return (Node *) m;
                }
            }
        case KW_NULLIF:
            if (!paren)
                return NULL;
            {
                RawNullIfExpr *n = makeNode(RawNullIfExpr);

                NextToken(p);
                NextToken(p);
                n->arg1 = ParseExpr(p);
                ExpectChar(p, ',');
                n->arg2 = ParseExpr(p);
                ExpectChar(p, ')');
                n->location = loc;
                return (Node *) n;
            }
        case KW_EXTRACT:
            if (!paren)
                return NULL;
            NextToken(p);
            return parse_extract(p, loc);
        case KW_SUBSTRING:
            if (!paren)
                return NULL;
            NextToken(p);
            return parse_substring(p, loc);
        case KW_TRIM:
            if (!paren)
                return NULL;
            NextToken(p);
            return parse_trim(p, loc);
        case KW_OVERLAY:
            if (!paren)
                return NULL;
            NextToken(p);
            return parse_overlay(p, loc);
        case KW_POSITION:
            if (!paren)
                return NULL;
            NextToken(p);
            return parse_position(p, loc);
        case KW_CURRENT_DATE:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_DATE, false);
        case KW_CURRENT_TIME:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_TIME, true);
        case KW_CURRENT_TIMESTAMP:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_TIMESTAMP, true);
        case KW_LOCALTIME:
            return parse_sql_value_function(p, RAW_SVFOP_LOCALTIME, true);
        case KW_LOCALTIMESTAMP:
            return parse_sql_value_function(p, RAW_SVFOP_LOCALTIMESTAMP, true);
        case KW_CURRENT_ROLE:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_ROLE, false);
        case KW_CURRENT_USER:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_USER, false);
        case KW_SESSION_USER:
            return parse_sql_value_function(p, RAW_SVFOP_SESSION_USER, false);
        case KW_USER:
            return parse_sql_value_function(p, RAW_SVFOP_USER, false);
        case KW_CURRENT_CATALOG:
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_CATALOG, false);
        case KW_CURRENT_SCHEMA:
            if (paren)
                return NULL;    /* current_schema() is an ordinary function */
            return parse_sql_value_function(p, RAW_SVFOP_CURRENT_SCHEMA, false);
        default:
            return NULL;
    }
}

/*
 * ParseFuncCallTail -- after the function name, at '(': arguments,
 * WITHIN GROUP, FILTER and OVER.
 */
Node *
ParseFuncCallTail(Parser *p, List *name, int location)
{
    FuncCall   *f = MakeFuncCall(name, NIL, location);

    ExpectChar(p, '(');
    if (AcceptChar(p, '*'))
        f->agg_star = true;
    else if (!PeekChar(p, 0, ')'))
    {
        if (AcceptKeyword(p, KW_DISTINCT))
            f->agg_distinct = true;
        else
            AcceptKeyword(p, KW_ALL);
        for (;;)
        {
            if (AcceptKeyword(p, KW_VARIADIC))
            {
                f->func_variadic = true;
                f->args = lappend(f->args, ParseExpr(p));
                break;
            }
            f->args = lappend(f->args, ParseExpr(p));
            if (!AcceptChar(p, ','))
                break;
        }
        if (PeekKeyword(p, 0, KW_ORDER))
        {
            NextToken(p);
            ExpectKeyword(p, KW_BY);
            f->agg_order = ParseSortClause(p);
        }
    }
    ExpectChar(p, ')');

    if (PeekKeyword(p, 0, KW_WITHIN) && PeekKeyword(p, 1, KW_GROUP))
    {
        NextToken(p);
        NextToken(p);
        ExpectChar(p, '(');
        ExpectKeyword(p, KW_ORDER);
        ExpectKeyword(p, KW_BY);
        f->agg_order = ParseSortClause(p);
        f->agg_within_group = true;
        ExpectChar(p, ')');
    }
    if (PeekKeyword(p, 0, KW_FILTER) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        NextToken(p);
        ExpectKeyword(p, KW_WHERE);
        f->agg_filter = ParseExpr(p);
        ExpectChar(p, ')');
    }
    if (AcceptKeyword(p, KW_OVER))
    {
        if (PeekChar(p, 0, '('))
            f->over = ParseWindowSpec(p);
        else
        {
            RawWindowDef *w = makeNode(RawWindowDef);

            w->location = CurToken(p)->loc;
            w->name = ParseColId(p);
            w->frameOptions = FRAMEOPTION_DEFAULTS;
            f->over = w;
        }
    }
    return (Node *) f;
}

/* A typed literal: type 'string' (TypeCast of a String A_Const, location -1). */
static Node *
make_string_const_cast(Parser *p, TypeName *tn)
{
    Token      *tok = CurToken(p);
    TypeCast   *c = makeNode(TypeCast);

    if (tok->type != TOK_SCONST)
        SyntaxErrorAtCurrent(p);
    NextToken(p);
    c->arg = MakeStringConst(tok->str, tok->loc);
    c->typeName = tn;
    c->location = -1;
    return (Node *) c;
}

/*
 * parse_name_primary -- a primary starting with a name: column reference,
 * function call, or generic typed literal ("date '2024-01-01'").
 */
static Node *
parse_name_primary(Parser *p)
{
    Token      *first = NextToken(p);
    int         loc = first->loc;
    bool        colid = TokIsColId(first);
    bool        funcname = TokIsTypeFuncName(first);
    List       *names = list_make1(makeString(first->str));
    List       *ind = NIL;
    ColumnRef  *cref;

    if (PeekChar(p, 0, '(') && funcname)
        return ParseFuncCallTail(p, names, loc);
    if (CurToken(p)->type == TOK_SCONST && funcname)
    {
        TypeName   *tn = MakeTypeNameFromNameList(names);

        tn->location = loc;
        return make_string_const_cast(p, tn);
    }
    if (!colid)
        SyntaxErrorAtCurrent(p);

    /* dotted names: a.b.c, maybe a qualified function or type */
    while (PeekChar(p, 0, '.'))
    {
        Token      *next = PeekToken(p, 1);

        if (TokIsChar(next, '*'))
            break;
        if (!TokIsColLabel(next))
            SyntaxError(p, next);
        NextToken(p);
        names = lappend(names, makeString(NextToken(p)->str));
    }
    if (list_length(names) > 1 && PeekChar(p, 0, '('))
        return ParseFuncCallTail(p, names, loc);
    if (list_length(names) > 1 && CurToken(p)->type == TOK_SCONST)
    {
        TypeName   *tn = MakeTypeNameFromNameList(names);

        tn->location = loc;
        return make_string_const_cast(p, tn);
    }

    cref = makeNode(ColumnRef);
    cref->fields = names;
    cref->location = loc;
    if (PeekChar(p, 0, '.') && PeekChar(p, 1, '*'))
    {
        NextToken(p);
        NextToken(p);
        cref->fields = lappend(cref->fields, makeNode(A_Star));
        return (Node *) cref;
    }
    if (PeekChar(p, 0, '['))
        ind = parse_indirection(p, NIL, true);
    return wrap_indirection((Node *) cref, ind);
}

static Node *
parse_primary(Parser *p, int flags)
{
    Token      *tok = CurToken(p);
    Node       *n;

    switch (tok->type)
    {
        case TOK_ICONST:
            NextToken(p);
            return MakeIntConst(tok->ival, tok->loc);
        case TOK_FCONST:
            {
                A_Const    *c = makeNode(A_Const);

                NextToken(p);
                c->val = (Node *) makeFloat(tok->str);
                c->location = tok->loc;
                return (Node *) c;
            }
        case TOK_SCONST:
            NextToken(p);
            return MakeStringConst(tok->str, tok->loc);
        case TOK_BCONST:
        case TOK_XCONST:
            {
                A_Const    *c = makeNode(A_Const);

                NextToken(p);
                c->val = (Node *) makeBitString(tok->str);
                c->location = tok->loc;
                return (Node *) c;
            }
        case TOK_PARAM:
            {
                ParamRef   *pr = makeNode(ParamRef);

                NextToken(p);
                pr->number = tok->ival;
                pr->location = tok->loc;
                if (PeekChar(p, 0, '.') || PeekChar(p, 0, '['))
                    return wrap_indirection((Node *) pr, parse_indirection(p, NIL, true));
                return (Node *) pr;
            }
        case TOK_CHAR:
            if (tok->ch == '(')
                return parse_paren_expr(p);
            if (tok->ch == '-' || tok->ch == '+')
            {
                Node       *arg;

                NextToken(p);
                arg = ParseExprPrec(p, PREC_UMINUS, flags);
                if (tok->ch == '-')
                    return make_negation(arg, tok->loc);
                return (Node *) make_a_expr(AEXPR_OP, "+", NULL, arg, tok->loc);
            }
            SyntaxError(p, tok);
        case TOK_OP:
            {
                NextToken(p);
                return (Node *) make_a_expr(AEXPR_OP, tok->str, NULL,
                                            ParseExprPrec(p, PREC_OP, flags), tok->loc);
            }
        case TOK_IDENT:
            return parse_name_primary(p);
        case TOK_KEYWORD:
            break;
        default:
            SyntaxError(p, tok);
    }

    /* keywords */
    if (tok->kw == KW_NOT && !(flags & EXPR_B))
    {
        NextToken(p);
        return make_not(ParseExprPrec(p, PREC_NOT, flags), tok->loc);
    }
    if (tok->kw == KW_OPERATOR && PeekChar(p, 1, '('))
    {
        List       *op = parse_operator_clause(p);
        A_Expr     *e = makeNode(A_Expr);

        e->kind = AEXPR_OP;
        e->name = op;
        e->rexpr = ParseExprPrec(p, PREC_OP, flags);
        e->location = tok->loc;
        return (Node *) e;
    }
    n = parse_special_keyword(p, tok);
    if (n != NULL)
        return n;
    if (TokStartsConstTypeName(p))
    {
        TypeName   *tn;

        if (TokIsKeyword(tok, KW_INTERVAL))
        {
            Node       *c;
            List       *fields;
            int         floc;

            NextToken(p);
            tn = MakeTypeNameFromNameList(SystemFuncName("interval"));
            tn->location = tok->loc;
            if (AcceptChar(p, '('))
            {
                Token      *prec = CurToken(p);

                if (prec->type != TOK_ICONST)
                    SyntaxErrorAtCurrent(p);
                NextToken(p);
                ExpectChar(p, ')');
                tn->typmods = list_make2(MakeIntConst(RAW_INTERVAL_FULL_RANGE, -1),
                                         MakeIntConst(prec->ival, prec->loc));
                return make_string_const_cast(p, tn);
            }
            c = make_string_const_cast(p, tn);
            fields = ParseOptInterval(p, &floc);
            if (fields != NIL)
                tn->typmods = fields;
            return c;
        }
        tn = ParseConstTypeName(p);
        return make_string_const_cast(p, tn);
    }
    if (TokIsColId(tok) || TokIsTypeFuncName(tok))
        return parse_name_primary(p);
    SyntaxError(p, tok);
}

/* ---------------------------------------------------------------- constants */

/*
 * ParseAConst -- AexprConst with an optional sign on numbers: used where
 * PostgreSQL wants a literal (partition bounds, defaults of options).
 */
Node *
ParseAConst(Parser *p)
{
    Token      *tok = CurToken(p);

    if ((TokIsChar(tok, '-') || TokIsChar(tok, '+')) &&
        (PeekToken(p, 1)->type == TOK_ICONST || PeekToken(p, 1)->type == TOK_FCONST))
    {
        Node       *c;

        NextToken(p);
        c = parse_primary(p, 0);
        return TokIsChar(tok, '-') ? make_negation(c, tok->loc) : c;
    }
    switch (tok->type)
    {
        case TOK_ICONST:
        case TOK_FCONST:
        case TOK_SCONST:
        case TOK_BCONST:
        case TOK_XCONST:
            return parse_primary(p, 0);
        default:
            if (TokIsKeyword(tok, KW_TRUE) || TokIsKeyword(tok, KW_FALSE) ||
                TokIsKeyword(tok, KW_NULL))
                return parse_primary(p, 0);
            SyntaxError(p, tok);
    }
}

/* ---------------------------------------------------------------- ORDER BY, windows */

List *
ParseSortClause(Parser *p)
{
    List       *list = NIL;

    do
    {
        SortBy     *s = makeNode(SortBy);

        s->node = ParseExpr(p);
        s->location = -1;
        if (AcceptKeyword(p, KW_ASC))
            s->sortby_dir = SORTBY_ASC;
        else if (AcceptKeyword(p, KW_DESC))
            s->sortby_dir = SORTBY_DESC;
        else if (PeekKeyword(p, 0, KW_USING))
        {
            Token      *tok;

            NextToken(p);
            tok = CurToken(p);
            s->sortby_dir = SORTBY_USING;
            s->location = tok->loc;
            if (TokIsKeyword(tok, KW_OPERATOR))
                s->useOp = parse_operator_clause(p);
            else if (tok->type == TOK_OP || tok->type == TOK_LESS_EQUALS ||
                     tok->type == TOK_GREATER_EQUALS || tok->type == TOK_NOT_EQUALS ||
                     (tok->type == TOK_CHAR && strchr("+-*/%^<>=", tok->ch) != NULL))
                s->useOp = list_make1(makeString(NextToken(p)->str));
            else
                SyntaxError(p, tok);
        }
        if (PeekKeyword(p, 0, KW_NULLS) &&
            (PeekKeyword(p, 1, KW_FIRST) || PeekKeyword(p, 1, KW_LAST)))
        {
            NextToken(p);
            s->sortby_nulls = TokIsKeyword(NextToken(p), KW_FIRST) ? SORTBY_NULLS_FIRST
                : SORTBY_NULLS_LAST;
        }
        list = lappend(list, s);
    } while (AcceptChar(p, ','));
    return list;
}

static void
window_error(Parser *p, int loc, const char *msg)
{
    ParserErrorAt(p, loc, ERRCODE_WINDOWING_ERROR, msg);
}

/* One frame bound; returns START_* flags (caller shifts for END). */
static int
parse_frame_bound(Parser *p, Node **offset)
{
    *offset = NULL;
    if (PeekKeyword(p, 0, KW_UNBOUNDED) &&
        (PeekKeyword(p, 1, KW_PRECEDING) || PeekKeyword(p, 1, KW_FOLLOWING)))
    {
        NextToken(p);
        return TokIsKeyword(NextToken(p), KW_PRECEDING) ? FRAMEOPTION_START_UNBOUNDED_PRECEDING
            : FRAMEOPTION_START_UNBOUNDED_FOLLOWING;
    }
    if (PeekKeyword(p, 0, KW_CURRENT) && PeekKeyword(p, 1, KW_ROW))
    {
        NextToken(p);
        NextToken(p);
        return FRAMEOPTION_START_CURRENT_ROW;
    }
    *offset = ParseExpr(p);
    if (AcceptKeyword(p, KW_PRECEDING))
        return FRAMEOPTION_START_OFFSET_PRECEDING;
    ExpectKeyword(p, KW_FOLLOWING);
    return FRAMEOPTION_START_OFFSET_FOLLOWING;
}

/* START_* flag -> matching END_* flag */
static int
frame_start_to_end(int start)
{
    switch (start)
    {
        case FRAMEOPTION_START_UNBOUNDED_PRECEDING:
            return FRAMEOPTION_END_UNBOUNDED_PRECEDING;
        case FRAMEOPTION_START_UNBOUNDED_FOLLOWING:
            return FRAMEOPTION_END_UNBOUNDED_FOLLOWING;
        case FRAMEOPTION_START_CURRENT_ROW:
            return FRAMEOPTION_END_CURRENT_ROW;
        case FRAMEOPTION_START_OFFSET_PRECEDING:
            return FRAMEOPTION_END_OFFSET_PRECEDING;
        default:
            return FRAMEOPTION_END_OFFSET_FOLLOWING;
    }
}

static void
parse_frame_clause(Parser *p, RawWindowDef *w)
{
    Token      *tok = NextToken(p);
    int         opts = FRAMEOPTION_NONDEFAULT;
    int         extent_loc = CurToken(p)->loc;
    int         start;
    int         end;

    if (tok->kw == KW_RANGE)
        opts |= FRAMEOPTION_RANGE;
    else if (tok->kw == KW_ROWS)
        opts |= FRAMEOPTION_ROWS;
    else
        opts |= FRAMEOPTION_GROUPS;

    if (AcceptKeyword(p, KW_BETWEEN))
    {
        int         start_loc = CurToken(p)->loc;
        int         end_loc;

        start = parse_frame_bound(p, &w->startOffset);
        ExpectKeyword(p, KW_AND);
        end_loc = CurToken(p)->loc;
        end = frame_start_to_end(parse_frame_bound(p, &w->endOffset));
        opts |= FRAMEOPTION_BETWEEN;
        if (start == FRAMEOPTION_START_UNBOUNDED_FOLLOWING)
            window_error(p, start_loc, "frame start cannot be UNBOUNDED FOLLOWING");
        if (end == FRAMEOPTION_END_UNBOUNDED_PRECEDING)
            window_error(p, end_loc, "frame end cannot be UNBOUNDED PRECEDING");
        if (start == FRAMEOPTION_START_CURRENT_ROW && end == FRAMEOPTION_END_OFFSET_PRECEDING)
            window_error(p, end_loc, "frame starting from current row cannot have preceding rows");
        if (start == FRAMEOPTION_START_OFFSET_FOLLOWING &&
            (end == FRAMEOPTION_END_OFFSET_PRECEDING || end == FRAMEOPTION_END_CURRENT_ROW))
            window_error(p, end_loc, "frame starting from following row cannot have preceding rows");
    }
    else
    {
        start = parse_frame_bound(p, &w->startOffset);
        end = FRAMEOPTION_END_CURRENT_ROW;
        if (start == FRAMEOPTION_START_UNBOUNDED_FOLLOWING)
            window_error(p, extent_loc, "frame start cannot be UNBOUNDED FOLLOWING");
        if (start == FRAMEOPTION_START_OFFSET_FOLLOWING)
            window_error(p, extent_loc, "frame starting from following row cannot end with current row");
    }
    opts |= start | end;

    if (AcceptKeyword(p, KW_EXCLUDE))
    {
        if (PeekKeyword(p, 0, KW_CURRENT))
        {
            NextToken(p);
            ExpectKeyword(p, KW_ROW);
            opts |= FRAMEOPTION_EXCLUDE_CURRENT_ROW;
        }
        else if (AcceptKeyword(p, KW_GROUP))
            opts |= FRAMEOPTION_EXCLUDE_GROUP;
        else if (AcceptKeyword(p, KW_TIES))
            opts |= FRAMEOPTION_EXCLUDE_TIES;
        else
        {
            ExpectKeyword(p, KW_NO);
            ExpectKeyword(p, KW_OTHERS);
        }
    }
    w->frameOptions = opts;
}

/* '(' [existing] [PARTITION BY ...] [ORDER BY ...] [frame] ')' */
RawWindowDef *
ParseWindowSpec(Parser *p)
{
    RawWindowDef *w = makeNode(RawWindowDef);
    Token      *tok;

    w->location = CurToken(p)->loc;
    w->frameOptions = FRAMEOPTION_DEFAULTS;
    ExpectChar(p, '(');
    tok = CurToken(p);
    if (TokIsColId(tok) && !TokIsKeyword(tok, KW_PARTITION) && !TokIsKeyword(tok, KW_RANGE) &&
        !TokIsKeyword(tok, KW_ROWS) && !TokIsKeyword(tok, KW_GROUPS))
        w->refname = NextToken(p)->str;
    if (PeekKeyword(p, 0, KW_PARTITION))
    {
        NextToken(p);
        ExpectKeyword(p, KW_BY);
        w->partitionClause = ParseExprList(p);
    }
    if (PeekKeyword(p, 0, KW_ORDER))
    {
        NextToken(p);
        ExpectKeyword(p, KW_BY);
        w->orderClause = ParseSortClause(p);
    }
    tok = CurToken(p);
    if (TokIsKeyword(tok, KW_RANGE) || TokIsKeyword(tok, KW_ROWS) || TokIsKeyword(tok, KW_GROUPS))
        parse_frame_clause(p, w);
    ExpectChar(p, ')');
    return w;
}
