/*
 * gram_select.c
 *     Queries and DML: SELECT (set operations, ORDER BY, LIMIT/OFFSET/FETCH,
 *     FOR UPDATE...), VALUES, TABLE, WITH, FROM items and joins, and
 *     INSERT / UPDATE / DELETE.
 * Entry points: ParseSelectStmt(), ParseSelectTail(), ParseWithClause(),
 * ParseInsertStmt(), ParseUpdateStmt(), ParseDeleteStmt(),
 * ParsePreparableStmt(), ParseTargetList(), ParseFromList().
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static SelectStmt *parse_set_expr(Parser *p, SelectStmt *left, int min_prec);
static Node *parse_table_ref(Parser *p, bool *bare_select);

/* ---------------------------------------------------------------- SELECT */

static bool
ends_empty_target_list(const Token *tok)
{
    static const int stop_words[] = {
        KW_FROM, KW_WHERE, KW_GROUP, KW_HAVING, KW_WINDOW, KW_UNION, KW_INTERSECT,
        KW_EXCEPT, KW_ORDER, KW_LIMIT, KW_OFFSET, KW_FETCH, KW_FOR, KW_INTO
    };

    if (tok->type == TOK_EOF || TokIsChar(tok, ')') || TokIsChar(tok, ';'))
        return true;
    for (size_t i = 0; i < lengthof(stop_words); i++)
        if (TokIsKeyword(tok, stop_words[i]))
            return true;
    return false;
}

/* target_el: '*' | a_expr [AS ColLabel | BareColLabel] */
List *
ParseTargetList(Parser *p)
{
    List       *list = NIL;

    do
    {
        ResTarget  *rt = makeNode(ResTarget);
        Token      *tok = CurToken(p);

        rt->location = tok->loc;
        if (TokIsChar(tok, '*'))
        {
            ColumnRef  *star = makeNode(ColumnRef);

            NextToken(p);
            star->fields = list_make1(makeNode(A_Star));
            star->location = tok->loc;
            rt->val = (Node *) star;
        }
        else
        {
            rt->val = ParseExpr(p);
            if (AcceptKeyword(p, KW_AS))
                rt->name = ParseColLabel(p);
            else if (TokIsBareLabel(CurToken(p)))
                rt->name = NextToken(p)->str;
        }
        list = lappend(list, rt);
    } while (AcceptChar(p, ','));
    return list;
}

/* INTO [TEMP|TEMPORARY|UNLOGGED] [TABLE] name */
static IntoClause *
parse_into_clause(Parser *p)
{
    IntoClause *into = makeNode(IntoClause);
    char        persistence = RELPERSISTENCE_PERMANENT;

    if (AcceptKeyword(p, KW_TEMP) || AcceptKeyword(p, KW_TEMPORARY))
        persistence = RELPERSISTENCE_TEMP;
    else if (AcceptKeyword(p, KW_UNLOGGED))
        persistence = RELPERSISTENCE_UNLOGGED;
    AcceptKeyword(p, KW_TABLE);
    into->rel = ParseQualifiedName(p);
    into->rel->relpersistence = persistence;
    into->onCommit = RAW_ONCOMMIT_NOOP;
    return into;
}

static Node *
parse_window_clause_item(Parser *p, RawWindowDef **out)
{
    char       *name = ParseColId(p);
    RawWindowDef *w;

    ExpectKeyword(p, KW_AS);
    /* location: the specification's '(' (PostgreSQL's error positions) */
    w = ParseWindowSpec(p);
    w->name = name;
    *out = w;
    return (Node *) w;
}

static SelectStmt *
parse_simple_select(Parser *p)
{
    SelectStmt *s = makeNode(SelectStmt);
    bool        distinct = false;

    ExpectKeyword(p, KW_SELECT);
    s->limitOption = LIMIT_OPTION_DEFAULT;
    if (AcceptKeyword(p, KW_DISTINCT))
    {
        distinct = true;
        if (AcceptKeyword(p, KW_ON))
        {
            ExpectChar(p, '(');
            s->distinctClause = ParseExprList(p);
            ExpectChar(p, ')');
        }
        else
            s->distinctClause = list_make1(NULL);
    }
    else
        AcceptKeyword(p, KW_ALL);

    if (distinct || !ends_empty_target_list(CurToken(p)))
        s->targetList = ParseTargetList(p);
    if (AcceptKeyword(p, KW_INTO))
        s->intoClause = parse_into_clause(p);
    if (AcceptKeyword(p, KW_FROM))
        s->fromClause = ParseFromList(p);
    if (AcceptKeyword(p, KW_WHERE))
        s->whereClause = ParseExpr(p);
    if (PeekKeyword(p, 0, KW_GROUP))
    {
        NextToken(p);
        ExpectKeyword(p, KW_BY);
        if (AcceptKeyword(p, KW_DISTINCT))
            s->groupDistinct = true;
        else
            AcceptKeyword(p, KW_ALL);
        s->groupClause = ParseExprList(p);
    }
    if (AcceptKeyword(p, KW_HAVING))
        s->havingClause = ParseExpr(p);
    if (AcceptKeyword(p, KW_WINDOW))
    {
        do
        {
            RawWindowDef *w;

            parse_window_clause_item(p, &w);
            s->windowClause = lappend(s->windowClause, w);
        } while (AcceptChar(p, ','));
    }
    return s;
}

static SelectStmt *
parse_values(Parser *p)
{
    SelectStmt *s = makeNode(SelectStmt);

    ExpectKeyword(p, KW_VALUES);
    s->limitOption = LIMIT_OPTION_DEFAULT;
    do
    {
        List       *row;

        ExpectChar(p, '(');
        row = ParseExprList(p);
        ExpectChar(p, ')');
        s->valuesLists = lappend(s->valuesLists, row);
    } while (AcceptChar(p, ','));
    return s;
}

/* select_clause operand: SELECT..., VALUES..., TABLE t, or ( query ) */
static SelectStmt *
parse_set_primary(Parser *p)
{
    Token      *tok = CurToken(p);

    if (TokIsChar(tok, '('))
    {
        Node       *inner;

        NextToken(p);
        ParserEnterNesting(p);
        inner = ParseSelectStmt(p);
        ParserLeaveNesting(p);
        ExpectChar(p, ')');
        return castNode(SelectStmt, inner);
    }
    if (TokIsKeyword(tok, KW_SELECT))
        return parse_simple_select(p);
    if (TokIsKeyword(tok, KW_VALUES))
        return parse_values(p);
    if (TokIsKeyword(tok, KW_TABLE))
    {
        SelectStmt *s = makeNode(SelectStmt);
        ResTarget  *rt = makeNode(ResTarget);
        ColumnRef  *star = makeNode(ColumnRef);

        NextToken(p);
        s->limitOption = LIMIT_OPTION_DEFAULT;
        star->fields = list_make1(makeNode(A_Star));
        star->location = -1;
        rt->val = (Node *) star;
        rt->location = -1;
        s->targetList = list_make1(rt);
        s->fromClause = list_make1(ParseRelationExpr(p));
        return s;
    }
    SyntaxError(p, tok);
}

static int
setop_prec(const Token *tok)
{
    if (TokIsKeyword(tok, KW_UNION) || TokIsKeyword(tok, KW_EXCEPT))
        return 1;
    if (TokIsKeyword(tok, KW_INTERSECT))
        return 2;
    return 0;
}

/* UNION/EXCEPT bind looser than INTERSECT; all are left-associative. */
static SelectStmt *
parse_set_expr(Parser *p, SelectStmt *left, int min_prec)
{
    if (left == NULL)
        left = parse_set_primary(p);
    for (;;)
    {
        Token      *tok = CurToken(p);
        int         prec = setop_prec(tok);
        SelectStmt *s;

        if (prec == 0 || prec <= min_prec)
            return left;
        NextToken(p);
        s = makeNode(SelectStmt);
        s->limitOption = LIMIT_OPTION_DEFAULT;
        s->op = tok->kw == KW_UNION ? SETOP_UNION :
            tok->kw == KW_INTERSECT ? SETOP_INTERSECT : SETOP_EXCEPT;
        if (AcceptKeyword(p, KW_ALL))
            s->all = true;
        else
            AcceptKeyword(p, KW_DISTINCT);
        s->larg = left;
        ParserEnterNesting(p);
        s->rarg = parse_set_expr(p, NULL, prec);
        ParserLeaveNesting(p);
        left = s;
    }
}

static void
multiple_clause_error(Parser *p, int loc, const char *what)
{
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("multiple %s clauses not allowed", what),
            errposition(ParserErrorPosition(p->scan.query, loc)));
}

static bool
parse_limit_clause(Parser *p, SelectStmt *s)
{
    Token      *tok = CurToken(p);
    bool        any = false;

    for (;;)
    {
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_LIMIT))
        {
            NextToken(p);
            if (s->limitCount != NULL)
                multiple_clause_error(p, tok->loc, "LIMIT");
            if (PeekKeyword(p, 0, KW_ALL))
                s->limitCount = MakeNullConst(NextToken(p)->loc);
            else
                s->limitCount = ParseExpr(p);
            s->limitOption = LIMIT_OPTION_COUNT;
            if (PeekChar(p, 0, ','))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("LIMIT #,# syntax is not supported"),
                        errhint("Use separate LIMIT and OFFSET clauses."),
                        errposition(ParserErrorPosition(p->scan.query, tok->loc)));
        }
        else if (TokIsKeyword(tok, KW_OFFSET))
        {
            NextToken(p);
            if (s->limitOffset != NULL)
                multiple_clause_error(p, tok->loc, "OFFSET");
            s->limitOffset = ParseExpr(p);
            if (!AcceptKeyword(p, KW_ROW))
                AcceptKeyword(p, KW_ROWS);
        }
        else if (TokIsKeyword(tok, KW_FETCH))
        {
            NextToken(p);
            if (s->limitCount != NULL)
                multiple_clause_error(p, tok->loc, "LIMIT");
            if (!AcceptKeyword(p, KW_FIRST))
                ExpectKeyword(p, KW_NEXT);
            if (PeekKeyword(p, 0, KW_ROW) || PeekKeyword(p, 0, KW_ROWS))
                s->limitCount = MakeIntConst(1, -1);
            else
                s->limitCount = ParseExprPrec(p, PREC_UMINUS - 1, 0);
            if (!AcceptKeyword(p, KW_ROW))
                ExpectKeyword(p, KW_ROWS);
            if (AcceptKeyword(p, KW_ONLY))
                s->limitOption = LIMIT_OPTION_COUNT;
            else
            {
                ExpectKeyword(p, KW_WITH);
                ExpectKeyword(p, KW_TIES);
                s->limitOption = LIMIT_OPTION_WITH_TIES;
            }
        }
        else
            return any;
        any = true;
    }
}

static bool
parse_locking_clause(Parser *p, SelectStmt *s)
{
    bool        any = false;

    while (PeekKeyword(p, 0, KW_FOR))
    {
        LockingClause *lc = makeNode(LockingClause);

        NextToken(p);
        if (AcceptKeyword(p, KW_UPDATE))
            lc->strength = LCS_FORUPDATE;
        else if (AcceptKeyword(p, KW_SHARE))
            lc->strength = LCS_FORSHARE;
        else if (AcceptKeyword(p, KW_NO))
        {
            ExpectKeyword(p, KW_KEY);
            ExpectKeyword(p, KW_UPDATE);
            lc->strength = LCS_FORNOKEYUPDATE;
        }
        else if (AcceptKeyword(p, KW_KEY))
        {
            ExpectKeyword(p, KW_SHARE);
            lc->strength = LCS_FORKEYSHARE;
        }
        else if (AcceptKeyword(p, KW_READ))
        {
            ExpectKeyword(p, KW_ONLY);
            any = true;
            continue;
        }
        else
            SyntaxErrorAtCurrent(p);
        if (AcceptKeyword(p, KW_OF))
            lc->lockedRels = ParseQualifiedNameList(p);
        if (AcceptKeyword(p, KW_NOWAIT))
            lc->waitPolicy = LockWaitError;
        else if (PeekKeyword(p, 0, KW_SKIP))
        {
            NextToken(p);
            ExpectKeyword(p, KW_LOCKED);
            lc->waitPolicy = LockWaitSkip;
        }
        s->lockingClause = lappend(s->lockingClause, lc);
        any = true;
    }
    return any;
}

/*
 * parse_select_options -- ORDER BY, then LIMIT/OFFSET/FETCH and locking
 * in either order, applied to s (a leaf or a set operation).
 */
static SelectStmt *
parse_select_options(Parser *p, SelectStmt *s)
{
    if (PeekKeyword(p, 0, KW_ORDER))
    {
        Token      *tok = NextToken(p);

        ExpectKeyword(p, KW_BY);
        (void) tok;
        if (s->sortClause != NIL)
            multiple_clause_error(p, CurToken(p)->loc, "ORDER BY");
        s->sortClause = ParseSortClause(p);
    }
    if (parse_locking_clause(p, s))
        parse_limit_clause(p, s);
    else if (parse_limit_clause(p, s))
        parse_locking_clause(p, s);
    if (s->limitOption == LIMIT_OPTION_WITH_TIES && s->sortClause == NIL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("WITH TIES cannot be specified without ORDER BY clause"));
    return s;
}

Node *
ParseSelectTail(Parser *p, SelectStmt *first, bool in_parens)
{
    SelectStmt *s;

    (void) in_parens;
    s = parse_set_expr(p, first, 0);
    return (Node *) parse_select_options(p, s);
}

Node *
ParseSelectStmt(Parser *p)
{
    WithClause *with = NULL;
    SelectStmt *s;

    if (PeekKeyword(p, 0, KW_WITH))
        with = ParseWithClause(p);
    s = parse_set_expr(p, NULL, 0);
    s = parse_select_options(p, s);
    if (with != NULL)
    {
        if (s->withClause != NULL)
            multiple_clause_error(p, with->location, "WITH");
        s->withClause = with;
    }
    return (Node *) s;
}

/* WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] ( stmt ) [, ...] */
WithClause *
ParseWithClause(Parser *p)
{
    WithClause *w = makeNode(WithClause);

    w->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_WITH);
    w->recursive = AcceptKeyword(p, KW_RECURSIVE);
    do
    {
        RawCommonTableExpr *cte = makeNode(RawCommonTableExpr);

        cte->location = CurToken(p)->loc;
        cte->ctename = ParseColId(p);
        if (PeekChar(p, 0, '('))
            cte->aliascolnames = ParseParenNameList(p);
        ExpectKeyword(p, KW_AS);
        if (AcceptKeyword(p, KW_MATERIALIZED))
            cte->ctematerialized = RAW_CTE_MATERIALIZE_ALWAYS;
        else if (PeekKeyword(p, 0, KW_NOT) && PeekKeyword(p, 1, KW_MATERIALIZED))
        {
            NextToken(p);
            NextToken(p);
            cte->ctematerialized = RAW_CTE_MATERIALIZE_NEVER;
        }
        ExpectChar(p, '(');
        ParserEnterNesting(p);
        cte->ctequery = ParsePreparableStmt(p);
        ParserLeaveNesting(p);
        ExpectChar(p, ')');
        w->ctes = lappend(w->ctes, cte);
    } while (AcceptChar(p, ','));
    return w;
}

Node *
ParsePreparableStmt(Parser *p)
{
    Token      *tok = CurToken(p);

    if (TokIsKeyword(tok, KW_INSERT))
        return ParseInsertStmt(p, NULL);
    if (TokIsKeyword(tok, KW_UPDATE))
        return ParseUpdateStmt(p, NULL);
    if (TokIsKeyword(tok, KW_DELETE))
        return ParseDeleteStmt(p, NULL);
    if (TokIsKeyword(tok, KW_WITH))
    {
        int         save = p->pos;
        WithClause *with = ParseWithClause(p);

        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_INSERT))
            return ParseInsertStmt(p, with);
        if (TokIsKeyword(tok, KW_UPDATE))
            return ParseUpdateStmt(p, with);
        if (TokIsKeyword(tok, KW_DELETE))
            return ParseDeleteStmt(p, with);
        p->pos = save;
    }
    return ParseSelectStmt(p);
}

/* ---------------------------------------------------------------- FROM */

/* [AS] ColId [( names )]; NULL if none.  Without AS the name must be a ColId. */
Alias *
ParseOptAliasClause(Parser *p)
{
    Alias      *a;

    if (AcceptKeyword(p, KW_AS))
    {
        a = makeNode(Alias);
        a->aliasname = ParseColId(p);
    }
    else if (TokIsColId(CurToken(p)))
    {
        a = makeNode(Alias);
        a->aliasname = NextToken(p)->str;
    }
    else
        return NULL;
    if (PeekChar(p, 0, '('))
        a->colnames = ParseParenNameList(p);
    return a;
}

/* Function alias: alias_clause, or [AS] [name] ( col type, ... ). */
static void
parse_func_alias(Parser *p, RangeFunction *rf)
{
    bool        as = AcceptKeyword(p, KW_AS);
    Alias      *a = NULL;
    List       *names = NIL;
    List       *defs = NIL;
    bool        typed = false;

    if (TokIsColId(CurToken(p)) && !(as && PeekChar(p, 0, '(')))
    {
        a = makeNode(Alias);
        a->aliasname = NextToken(p)->str;
    }
    else if (as && !PeekChar(p, 0, '('))
        SyntaxErrorAtCurrent(p);
    if ((a != NULL || as) && PeekChar(p, 0, '('))
    {
        NextToken(p);
        do
        {
            Token      *tok = CurToken(p);
            char       *name = ParseColId(p);
            ColumnDef  *cd = makeNode(ColumnDef);

            cd->colname = name;
            cd->location = tok->loc;
            if (!PeekChar(p, 0, ',') && !PeekChar(p, 0, ')'))
            {
                cd->typeName = ParseTypeName(p);
                typed = true;
            }
            names = lappend(names, makeString(name));
            defs = lappend(defs, cd);
        } while (AcceptChar(p, ','));
        ExpectChar(p, ')');
        if (typed)
            rf->coldeflist = defs;
        else if (a != NULL)
            a->colnames = names;
        else
            SyntaxErrorAtCurrent(p);
    }
    rf->alias = a;
}

/* Does a function call start here (name[.name...] '(' or a special keyword)? */
static bool
at_function_call(Parser *p)
{
    Token      *tok = CurToken(p);
    int         i = 0;

    if (tok->type == TOK_KEYWORD)
    {
        switch (tok->kw)
        {
            case KW_COALESCE:
            case KW_NULLIF:
            case KW_GREATEST:
            case KW_LEAST:
            case KW_EXTRACT:
            case KW_SUBSTRING:
            case KW_TRIM:
            case KW_OVERLAY:
            case KW_POSITION:
                return PeekChar(p, 1, '(');
            case KW_CAST:
            case KW_CURRENT_DATE:
            case KW_CURRENT_TIME:
            case KW_CURRENT_TIMESTAMP:
            case KW_LOCALTIME:
            case KW_LOCALTIMESTAMP:
            case KW_CURRENT_USER:
            case KW_CURRENT_ROLE:
            case KW_SESSION_USER:
            case KW_USER:
                return true;
            default:
                break;
        }
    }
    if (!TokIsTypeFuncName(tok) && !TokIsColId(tok))
        return false;
    i = 1;
    while (PeekChar(p, i, '.') && TokIsColLabel(PeekToken(p, i + 1)))
        i += 2;
    return PeekChar(p, i, '(');
}

static bool
at_select_continuation(const Token *tok)
{
    return TokIsKeyword(tok, KW_UNION) || TokIsKeyword(tok, KW_INTERSECT) ||
        TokIsKeyword(tok, KW_EXCEPT) || TokIsKeyword(tok, KW_ORDER) ||
        TokIsKeyword(tok, KW_LIMIT) || TokIsKeyword(tok, KW_OFFSET) ||
        TokIsKeyword(tok, KW_FETCH) || TokIsKeyword(tok, KW_FOR);
}

static Node *
parse_table_primary(Parser *p, bool *bare_select)
{
    Token      *tok = CurToken(p);
    bool        lateral = false;

    *bare_select = false;
    if (TokIsKeyword(tok, KW_LATERAL))
    {
        NextToken(p);
        lateral = true;
        tok = CurToken(p);
    }

    if (TokIsChar(tok, '('))
    {
        RangeSubselect *rs;

        if (TokStartsSelect(PeekToken(p, 1)))
        {
            NextToken(p);
            rs = makeNode(RangeSubselect);
            ParserEnterNesting(p);
            rs->subquery = ParseSelectStmt(p);
            ParserLeaveNesting(p);
            ExpectChar(p, ')');
        }
        else if (!lateral)
        {
            Node       *inner;
            bool        inner_bare;

            NextToken(p);
            ParserEnterNesting(p);
            inner = parse_table_ref(p, &inner_bare);
            ParserLeaveNesting(p);
            if (inner_bare)
            {
                /* "((SELECT ...) UNION ...)" or "((SELECT ...))" */
                rs = castNode(RangeSubselect, inner);
                if (at_select_continuation(CurToken(p)))
                    rs->subquery = ParseSelectTail(p, castNode(SelectStmt, rs->subquery), true);
                ExpectChar(p, ')');
            }
            else
            {
                if (!IsA(inner, RawJoinExpr))
                    SyntaxErrorAtCurrent(p);
                ExpectChar(p, ')');
                castNode(RawJoinExpr, inner)->alias = ParseOptAliasClause(p);
                return inner;
            }
        }
        else
            SyntaxError(p, PeekToken(p, 1));
        rs->lateral = lateral;
        rs->location = tok->loc;    /* the outermost '(' also for "((SELECT ...))" */
        rs->alias = ParseOptAliasClause(p);
        *bare_select = (rs->alias == NULL && !lateral);
        return (Node *) rs;
    }

    if (at_function_call(p))
    {
        RangeFunction *rf = makeNode(RangeFunction);

        rf->lateral = lateral;
        rf->funccall = ParseExprPrec(p, PREC_TYPECAST, 0);
        if (PeekKeyword(p, 0, KW_WITH) && PeekKeyword(p, 1, KW_ORDINALITY))
        {
            NextToken(p);
            NextToken(p);
            rf->ordinality = true;
        }
        parse_func_alias(p, rf);
        return (Node *) rf;
    }
    if (lateral)
        SyntaxError(p, tok);

    {
        RangeVar   *rv = ParseRelationExpr(p);

        rv->alias = ParseOptAliasClause(p);
        return (Node *) rv;
    }
}

static RawJoinExpr *
make_join(JoinType type, Node *l, Node *r, int loc)
{
    RawJoinExpr *j = makeNode(RawJoinExpr);

    j->jointype = type;
    j->larg = l;
    j->rarg = r;
    j->location = loc;
    return j;
}

/* After the join keywords: ON expr | USING (cols) [AS alias] */
static void
parse_join_qual(Parser *p, RawJoinExpr *j)
{
    if (AcceptKeyword(p, KW_ON))
        j->quals = ParseExpr(p);
    else if (AcceptKeyword(p, KW_USING))
    {
        j->usingClause = ParseParenNameList(p);
        if (AcceptKeyword(p, KW_AS))
        {
            j->join_using_alias = makeNode(Alias);
            j->join_using_alias->aliasname = ParseColId(p);
        }
    }
    else
        SyntaxErrorAtCurrent(p);
}

/* [LEFT|RIGHT|FULL [OUTER] | INNER] JOIN; returns false if no join starts here. */
static bool
parse_join_type(Parser *p, JoinType *type)
{
    Token      *tok = CurToken(p);

    *type = JOIN_INNER;
    if (TokIsKeyword(tok, KW_JOIN))
    {
        NextToken(p);
        return true;
    }
    if (TokIsKeyword(tok, KW_INNER))
    {
        NextToken(p);
        ExpectKeyword(p, KW_JOIN);
        return true;
    }
    if (TokIsKeyword(tok, KW_LEFT) || TokIsKeyword(tok, KW_RIGHT) || TokIsKeyword(tok, KW_FULL))
    {
        NextToken(p);
        *type = tok->kw == KW_LEFT ? JOIN_LEFT : tok->kw == KW_RIGHT ? JOIN_RIGHT : JOIN_FULL;
        AcceptKeyword(p, KW_OUTER);
        ExpectKeyword(p, KW_JOIN);
        return true;
    }
    return false;
}

static bool
at_join(Parser *p)
{
    Token      *tok = CurToken(p);

    return TokIsKeyword(tok, KW_JOIN) || TokIsKeyword(tok, KW_INNER) ||
        TokIsKeyword(tok, KW_LEFT) || TokIsKeyword(tok, KW_RIGHT) ||
        TokIsKeyword(tok, KW_FULL) || TokIsKeyword(tok, KW_CROSS) ||
        TokIsKeyword(tok, KW_NATURAL);
}

static Node *
parse_join_chain(Parser *p, Node *left, bool *bare_select)
{
    while (at_join(p))
    {
        Token      *tok = CurToken(p);
        JoinType    type;
        RawJoinExpr *j;
        bool        dummy;

        *bare_select = false;
        if (TokIsKeyword(tok, KW_CROSS))
        {
            NextToken(p);
            ExpectKeyword(p, KW_JOIN);
            left = (Node *) make_join(JOIN_INNER, left, parse_table_primary(p, &dummy), tok->loc);
            continue;
        }
        if (TokIsKeyword(tok, KW_NATURAL))
        {
            NextToken(p);
            if (!parse_join_type(p, &type))
                SyntaxErrorAtCurrent(p);
            j = make_join(type, left, parse_table_primary(p, &dummy), tok->loc);
            j->isNatural = true;
            left = (Node *) j;
            continue;
        }
        parse_join_type(p, &type);
        {
            Node       *right = parse_table_primary(p, &dummy);

            /* "a JOIN b JOIN c ON x ON y" nests to the right, as in PostgreSQL */
            if (at_join(p))
            {
                ParserEnterNesting(p);
                right = parse_join_chain(p, right, &dummy);
                ParserLeaveNesting(p);
            }
            j = make_join(type, left, right, tok->loc);
            parse_join_qual(p, j);
            left = (Node *) j;
        }
    }
    return left;
}

static Node *
parse_table_ref(Parser *p, bool *bare_select)
{
    Node       *left = parse_table_primary(p, bare_select);

    return parse_join_chain(p, left, bare_select);
}

List *
ParseFromList(Parser *p)
{
    List       *list = NIL;

    do
    {
        bool        bare;

        list = lappend(list, parse_table_ref(p, &bare));
    } while (AcceptChar(p, ','));
    return list;
}

/* ---------------------------------------------------------------- DML */

/* ColId opt_indirection, for INSERT column lists and UPDATE SET targets */
static ResTarget *
parse_set_target(Parser *p)
{
    ResTarget  *rt = makeNode(ResTarget);

    rt->location = CurToken(p)->loc;
    rt->name = ParseColId(p);
    for (;;)
    {
        if (AcceptChar(p, '.'))
            rt->indirection = lappend(rt->indirection, makeString(ParseColLabel(p)));
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
                ai->uidx = PeekChar(p, 0, ']') ? NULL : ParseExpr(p);
            }
            ExpectChar(p, ']');
            rt->indirection = lappend(rt->indirection, ai);
        }
        else
            return rt;
    }
}

static List *
parse_set_clause_list(Parser *p)
{
    List       *list = NIL;

    do
    {
        if (PeekChar(p, 0, '('))
        {
            List       *targets = NIL;
            Node       *source;
            ListCell   *lc;
            int         n;

            NextToken(p);
            do
            {
                targets = lappend(targets, parse_set_target(p));
            } while (AcceptChar(p, ','));
            ExpectChar(p, ')');
            ExpectChar(p, '=');
            source = ParseExpr(p);
            if (IsA(source, RawSubLink) &&
                castNode(RawSubLink, source)->subLinkType == RAW_EXPR_SUBLINK)
                castNode(RawSubLink, source)->subLinkType = RAW_MULTIEXPR_SUBLINK;
            n = list_length(targets);
            foreach(lc, targets)
            {
                ResTarget  *rt = lfirst(lc);
                MultiAssignRef *m = makeNode(MultiAssignRef);

                m->source = source;
                m->colno = foreach_current_index(lc) + 1;
                m->ncolumns = n;
                rt->val = (Node *) m;
                list = lappend(list, rt);
            }
        }
        else
        {
            ResTarget  *rt = parse_set_target(p);

            ExpectChar(p, '=');
            rt->val = ParseExpr(p);
            list = lappend(list, rt);
        }
    } while (AcceptChar(p, ','));
    return list;
}

static List *
parse_opt_returning(Parser *p)
{
    if (!AcceptKeyword(p, KW_RETURNING))
        return NIL;
    return ParseTargetList(p);
}

static Node *
parse_where_or_current_of(Parser *p)
{
    if (!AcceptKeyword(p, KW_WHERE))
        return NULL;
    if (PeekKeyword(p, 0, KW_CURRENT) && PeekKeyword(p, 1, KW_OF))
        ParserErrorAt(p, CurToken(p)->loc, ERRCODE_FEATURE_NOT_SUPPORTED,
                      "WHERE CURRENT OF is not supported");
    return ParseExpr(p);
}

Node *
ParseInsertStmt(Parser *p, WithClause *with)
{
    InsertStmt *ins = makeNode(InsertStmt);

    ExpectKeyword(p, KW_INSERT);
    ExpectKeyword(p, KW_INTO);
    ins->withClause = with;
    ins->relation = ParseQualifiedName(p);
    if (AcceptKeyword(p, KW_AS))
    {
        ins->relation->alias = makeNode(Alias);
        ins->relation->alias->aliasname = ParseColId(p);
    }
    if (PeekChar(p, 0, '(') && !TokStartsSelect(PeekToken(p, 1)) && !PeekChar(p, 1, '('))
    {
        NextToken(p);
        do
        {
            ins->cols = lappend(ins->cols, parse_set_target(p));
        } while (AcceptChar(p, ','));
        ExpectChar(p, ')');
    }
    if (PeekKeyword(p, 0, KW_OVERRIDING))
    {
        NextToken(p);
        if (AcceptKeyword(p, KW_SYSTEM))
            ins->overridingSystem = true;
        else
            ExpectKeyword(p, KW_USER);
        ExpectKeyword(p, KW_VALUE);
    }
    if (PeekKeyword(p, 0, KW_DEFAULT))
    {
        NextToken(p);
        ExpectKeyword(p, KW_VALUES);
    }
    else
        ins->selectStmt = ParseSelectStmt(p);

    if (PeekKeyword(p, 0, KW_ON) && PeekKeyword(p, 1, KW_CONFLICT))
    {
        OnConflictClause *oc = makeNode(OnConflictClause);

        oc->location = NextToken(p)->loc;
        NextToken(p);
        if (PeekChar(p, 0, '('))
        {
            oc->infer = makeNode(InferClause);
            oc->infer->location = CurToken(p)->loc;
            oc->infer->indexElems = ParseIndexParams(p);
            if (AcceptKeyword(p, KW_WHERE))
                oc->infer->whereClause = ParseExpr(p);
        }
        else if (PeekKeyword(p, 0, KW_ON))
        {
            oc->infer = makeNode(InferClause);
            oc->infer->location = NextToken(p)->loc;
            ExpectKeyword(p, KW_CONSTRAINT);
            oc->infer->conname = ParseColId(p);
        }
        ExpectKeyword(p, KW_DO);
        if (AcceptKeyword(p, KW_NOTHING))
            oc->action = ONCONFLICT_NOTHING;
        else
        {
            ExpectKeyword(p, KW_UPDATE);
            ExpectKeyword(p, KW_SET);
            oc->action = ONCONFLICT_UPDATE;
            oc->targetList = parse_set_clause_list(p);
            if (AcceptKeyword(p, KW_WHERE))
                oc->whereClause = ParseExpr(p);
        }
        ins->onConflictClause = oc;
    }
    ins->returningList = parse_opt_returning(p);
    return (Node *) ins;
}

/* relation_expr [[AS] alias]; the alias may not be SET (UPDATE) */
static void
parse_dml_alias(Parser *p, RangeVar *rv, int stop_kw)
{
    if (AcceptKeyword(p, KW_AS))
    {
        rv->alias = makeNode(Alias);
        rv->alias->aliasname = ParseColId(p);
    }
    else if (TokIsColId(CurToken(p)) && !PeekKeyword(p, 0, stop_kw))
    {
        rv->alias = makeNode(Alias);
        rv->alias->aliasname = NextToken(p)->str;
    }
}

Node *
ParseUpdateStmt(Parser *p, WithClause *with)
{
    UpdateStmt *u = makeNode(UpdateStmt);

    ExpectKeyword(p, KW_UPDATE);
    u->withClause = with;
    u->relation = ParseRelationExpr(p);
    parse_dml_alias(p, u->relation, KW_SET);
    ExpectKeyword(p, KW_SET);
    u->targetList = parse_set_clause_list(p);
    if (AcceptKeyword(p, KW_FROM))
        u->fromClause = ParseFromList(p);
    u->whereClause = parse_where_or_current_of(p);
    u->returningList = parse_opt_returning(p);
    return (Node *) u;
}

Node *
ParseDeleteStmt(Parser *p, WithClause *with)
{
    DeleteStmt *d = makeNode(DeleteStmt);

    ExpectKeyword(p, KW_DELETE);
    ExpectKeyword(p, KW_FROM);
    d->withClause = with;
    d->relation = ParseRelationExpr(p);
    parse_dml_alias(p, d->relation, KW_USING);
    if (AcceptKeyword(p, KW_USING))
        d->usingClause = ParseFromList(p);
    d->whereClause = parse_where_or_current_of(p);
    d->returningList = parse_opt_returning(p);
    return (Node *) d;
}
