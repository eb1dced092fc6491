/*
 * gram.c
 *     The parser's driver: RawParser(), the token stream with lookahead,
 *     syntax-error reporting, statement dispatch, and the small productions
 *     shared by every grammar area (names, option lists, constants).
 * Entry points: RawParser(), ParserErrorPosition().
 * The grammar is hand-written recursive descent, with a Pratt loop for
 * expressions (gram_expr.c); see README.md for conventions.
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#define INITIAL_TOKEN_CHUNKS 8

int
ParserErrorPosition(const char *query, int byte_offset)
{
    int         chars = 0;

    if (byte_offset < 0 || query == NULL)
        return 0;
    for (int i = 0; i < byte_offset && query[i] != '\0'; i++)
    {
        if (((unsigned char) query[i] & 0xC0) != 0x80)
            chars++;
    }
    return chars + 1;
}

/* ---------------------------------------------------------------- tokens */

static Token *
token_at(Parser *p, int index)
{
    return &p->chunks[index / PARSER_TOKEN_CHUNK][index % PARSER_TOKEN_CHUNK];
}

/*
 * PeekToken -- the token ahead positions after the current one, scanning
 * on demand.  Past the end, the EOF token repeats.  The pointer stays
 * valid until RawParser() returns.
 */
Token *
PeekToken(Parser *p, int ahead)
{
    int         want = p->pos + ahead;

    while (p->ntoks <= want)
    {
        if (p->ntoks > 0 && token_at(p, p->ntoks - 1)->type == TOK_EOF)
            return token_at(p, p->ntoks - 1);
        if (p->ntoks == p->nchunks * PARSER_TOKEN_CHUNK)
        {
            if (p->nchunks == p->maxchunks)
            {
                p->maxchunks *= 2;
                p->chunks = repalloc(p->chunks, sizeof(Token *) * p->maxchunks);
            }
            p->chunks[p->nchunks++] = palloc(sizeof(Token) * PARSER_TOKEN_CHUNK);
        }
        ScanNextToken(&p->scan, token_at(p, p->ntoks));
        p->ntoks++;
    }
    return token_at(p, want);
}

/* NextToken -- consume the current token and return it (a copy stays valid). */
Token *
NextToken(Parser *p)
{
    Token      *tok = PeekToken(p, 0);

    if (tok->type != TOK_EOF)
        p->pos++;
    return tok;
}

bool
TokIsKeyword(const Token *tok, int kw)
{
    return tok->type == TOK_KEYWORD && tok->kw == kw;
}

bool
TokIsChar(const Token *tok, char ch)
{
    return tok->type == TOK_CHAR && tok->ch == ch;
}

bool
PeekKeyword(Parser *p, int ahead, int kw)
{
    return TokIsKeyword(PeekToken(p, ahead), kw);
}

bool
PeekChar(Parser *p, int ahead, char ch)
{
    return TokIsChar(PeekToken(p, ahead), ch);
}

bool
AcceptKeyword(Parser *p, int kw)
{
    if (!TokIsKeyword(CurToken(p), kw))
        return false;
    NextToken(p);
    return true;
}

void
ExpectKeyword(Parser *p, int kw)
{
    if (!AcceptKeyword(p, kw))
        SyntaxErrorAtCurrent(p);
}

bool
AcceptChar(Parser *p, char ch)
{
    if (!TokIsChar(CurToken(p), ch))
        return false;
    NextToken(p);
    return true;
}

void
ExpectChar(Parser *p, char ch)
{
    if (!AcceptChar(p, ch))
        SyntaxErrorAtCurrent(p);
}

/*
 * SyntaxError -- PostgreSQL's message: the token's text as written, or
 * "end of input", with the token's position.
 */
void
SyntaxError(Parser *p, const Token *tok)
{
    if (tok->type == TOK_EOF)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("syntax error at end of input"),
                errposition(ParserErrorPosition(p->scan.query, tok->loc)));
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("syntax error at or near \"%.*s\"", tok->end - tok->loc,
                   p->scan.query + tok->loc),
            errposition(ParserErrorPosition(p->scan.query, tok->loc)));
    rdb_unreachable();
}

void
SyntaxErrorAtCurrent(Parser *p)
{
    SyntaxError(p, CurToken(p));
}

void
ParserErrorAt(Parser *p, int loc, int sqlstate, const char *msg)
{
    ereport(ERROR, errcode(sqlstate), errmsg("%s", msg),
            errposition(ParserErrorPosition(p->scan.query, loc)));
    rdb_unreachable();
}

/*
 * ParserEnterNesting -- count one level of recursive descent.  The limit
 * keeps hostile input ("((((...", "NOT NOT NOT ...") from overflowing the
 * C stack; each level uses a bounded number of frames.
 */
void
ParserEnterNesting(Parser *p)
{
    if (++p->depth > PARSER_MAX_NESTING_DEPTH)
        ereport(ERROR, errcode(ERRCODE_STATEMENT_TOO_COMPLEX),
                errmsg("stack depth limit exceeded"),
                errdetail("The statement nests expressions or subqueries more than %d levels deep.",
                          PARSER_MAX_NESTING_DEPTH),
                errposition(ParserErrorPosition(p->scan.query, CurToken(p)->loc)));
}

void
ParserLeaveNesting(Parser *p)
{
    Assert(p->depth > 0);
    p->depth--;
}

/* ---------------------------------------------------------------- names */

static int
keyword_category(const Token *tok)
{
    return tok->type == TOK_KEYWORD ? (int) ParserKeywords[tok->kw].category : -1;
}

bool
TokIsColId(const Token *tok)
{
    int         cat = keyword_category(tok);

    return tok->type == TOK_IDENT || cat == KEYWORD_UNRESERVED || cat == KEYWORD_COL_NAME;
}

bool
TokIsTypeFuncName(const Token *tok)
{
    int         cat = keyword_category(tok);

    return tok->type == TOK_IDENT || cat == KEYWORD_UNRESERVED || cat == KEYWORD_TYPE_FUNC_NAME;
}

bool
TokIsNonReservedWord(const Token *tok)
{
    int         cat = keyword_category(tok);

    return tok->type == TOK_IDENT || (cat >= 0 && cat != KEYWORD_RESERVED);
}

bool
TokIsColLabel(const Token *tok)
{
    return tok->type == TOK_IDENT || tok->type == TOK_KEYWORD;
}

bool
TokIsBareLabel(const Token *tok)
{
    return tok->type == TOK_IDENT ||
        (tok->type == TOK_KEYWORD && ParserKeywords[tok->kw].bare_label);
}

char *
ParseColId(Parser *p)
{
    if (!TokIsColId(CurToken(p)))
        SyntaxErrorAtCurrent(p);
    return NextToken(p)->str;
}

char *
ParseColLabel(Parser *p)
{
    if (!TokIsColLabel(CurToken(p)))
        SyntaxErrorAtCurrent(p);
    return NextToken(p)->str;
}

char *
ParseNonReservedWord(Parser *p)
{
    if (!TokIsNonReservedWord(CurToken(p)))
        SyntaxErrorAtCurrent(p);
    return NextToken(p)->str;
}

char *
ParseTypeFuncName(Parser *p)
{
    if (!TokIsTypeFuncName(CurToken(p)))
        SyntaxErrorAtCurrent(p);
    return NextToken(p)->str;
}

List *
ParseNameList(Parser *p)
{
    List       *names = NIL;

    do
    {
        names = lappend(names, makeString(ParseColId(p)));
    } while (AcceptChar(p, ','));
    return names;
}

List *
ParseParenNameList(Parser *p)
{
    List       *names;

    ExpectChar(p, '(');
    names = ParseNameList(p);
    ExpectChar(p, ')');
    return names;
}

List *
ParseAnyName(Parser *p)
{
    List       *names = list_make1(makeString(ParseColId(p)));

    while (PeekChar(p, 0, '.'))
    {
        NextToken(p);
        names = lappend(names, makeString(ParseColLabel(p)));
    }
    return names;
}

List *
ParseAnyNameList(Parser *p)
{
    List       *result = NIL;

    do
    {
        result = lappend(result, ParseAnyName(p));
    } while (AcceptChar(p, ','));
    return result;
}

/* Join a name list with dots for messages. */
static char *
name_list_to_string(List *names)
{
    StringInfoData buf;
    ListCell   *lc;

    initStringInfo(&buf);
    foreach(lc, names)
    {
        if (buf.len > 0)
            appendStringInfoChar(&buf, '.');
        appendStringInfoString(&buf, strVal(lfirst(lc)));
    }
    return buf.data;
}

RangeVar *
MakeRangeVarFromNames(Parser *p, List *names, int location)
{
    RangeVar   *rv = makeNode(RangeVar);

    rv->inh = true;
    rv->relpersistence = RELPERSISTENCE_PERMANENT;
    rv->location = location;
    switch (list_length(names))
    {
        case 1:
            rv->relname = strVal(linitial(names));
            break;
        case 2:
            rv->schemaname = strVal(linitial(names));
            rv->relname = strVal(lsecond(names));
            break;
        case 3:
            rv->catalogname = strVal(linitial(names));
            rv->schemaname = strVal(lsecond(names));
            rv->relname = strVal(lthird(names));
            break;
        default:
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("improper qualified name (too many dotted names): %s",
                           name_list_to_string(names)),
                    errposition(ParserErrorPosition(p->scan.query, location)));
    }
    return rv;
}

RangeVar *
ParseQualifiedName(Parser *p)
{
    int         loc = CurToken(p)->loc;

    return MakeRangeVarFromNames(p, ParseAnyName(p), loc);
}

List *
ParseQualifiedNameList(Parser *p)
{
    List       *result = NIL;

    do
    {
        result = lappend(result, ParseQualifiedName(p));
    } while (AcceptChar(p, ','));
    return result;
}

/* relation_expr: name | name * | ONLY name | ONLY ( name ) */
RangeVar *
ParseRelationExpr(Parser *p)
{
    RangeVar   *rv;

    if (AcceptKeyword(p, KW_ONLY))
    {
        if (AcceptChar(p, '('))
        {
            rv = ParseQualifiedName(p);
            ExpectChar(p, ')');
        }
        else
            rv = ParseQualifiedName(p);
        rv->inh = false;
        return rv;
    }
    rv = ParseQualifiedName(p);
    AcceptChar(p, '*');
    return rv;
}

int64
ParseSignedIconst(Parser *p)
{
    bool        neg = false;
    Token      *tok;

    if (AcceptChar(p, '-'))
        neg = true;
    else
        AcceptChar(p, '+');
    tok = CurToken(p);
    if (tok->type != TOK_ICONST)
        SyntaxErrorAtCurrent(p);
    NextToken(p);
    return neg ? -(int64) tok->ival : (int64) tok->ival;
}

/* ---------------------------------------------------------------- constants */

Node *
MakeStringConst(char *str, int location)
{
    A_Const    *c = makeNode(A_Const);

    c->val = (Node *) makeString(str);
    c->location = location;
    return (Node *) c;
}

Node *
MakeIntConst(int32 val, int location)
{
    A_Const    *c = makeNode(A_Const);

    c->val = (Node *) makeInteger(val);
    c->location = location;
    return (Node *) c;
}

Node *
MakeBoolConst(bool val, int location)
{
    A_Const    *c = makeNode(A_Const);

    c->val = (Node *) makeBoolean(val);
    c->location = location;
    return (Node *) c;
}

Node *
MakeNullConst(int location)
{
    A_Const    *c = makeNode(A_Const);

    c->isnull = true;
    c->location = location;
    return (Node *) c;
}

DefElem *
MakeDefElem(const char *name, Node *arg, int location)
{
    DefElem    *d = makeNode(DefElem);

    d->defname = pstrdup(name);
    d->arg = arg;
    d->defaction = DEFELEM_UNSPEC;
    d->location = location;
    return d;
}

/* A signed number as a value node (Integer or Float), or NULL if none here. */
static Node *
parse_numeric_only(Parser *p)
{
    Token      *tok = CurToken(p);
    bool        neg = false;

    if (TokIsChar(tok, '-') || TokIsChar(tok, '+'))
    {
        Token      *num = PeekToken(p, 1);

        if (num->type != TOK_ICONST && num->type != TOK_FCONST)
            return NULL;
        neg = TokIsChar(tok, '-');
        NextToken(p);
        tok = CurToken(p);
    }
    if (tok->type == TOK_ICONST)
    {
        NextToken(p);
        if (neg && tok->ival == 0)
            return (Node *) makeInteger(0);
        return (Node *) makeInteger(neg ? -tok->ival : tok->ival);
    }
    if (tok->type == TOK_FCONST)
    {
        NextToken(p);
        return (Node *) makeFloat(neg ? psprintf("-%s", tok->str) : tok->str);
    }
    return NULL;
}

/*
 * ParseDefArg -- the value of "name = value" options: a number (Integer or
 * Float), a string constant, or any word (keyword or identifier) as a
 * String holding its lowercase text.
 */
Node *
ParseDefArg(Parser *p)
{
    Token      *tok = CurToken(p);
    Node       *num = parse_numeric_only(p);

    if (num != NULL)
        return num;
    if (tok->type == TOK_SCONST || tok->type == TOK_IDENT || tok->type == TOK_KEYWORD)
    {
        NextToken(p);
        return (Node *) makeString(tok->str);
    }
    SyntaxErrorAtCurrent(p);
}

/* reloptions: '(' name [. name] [= value], ... ')' */
List *
ParseRelOptions(Parser *p)
{
    List       *opts = NIL;

    ExpectChar(p, '(');
    do
    {
        int         loc = CurToken(p)->loc;
        char       *name = ParseColLabel(p);
        char       *ns = NULL;
        DefElem    *d;

        if (AcceptChar(p, '.'))
        {
            ns = name;
            name = ParseColLabel(p);
        }
        d = MakeDefElem(name, NULL, loc);
        d->defnamespace = ns;
        if (AcceptChar(p, '='))
            d->arg = ParseDefArg(p);
        opts = lappend(opts, d);
    } while (AcceptChar(p, ','));
    ExpectChar(p, ')');
    return opts;
}

/*
 * ParseUtilityOptionList -- '(' name [value], ... ')' of VACUUM, ANALYZE,
 * EXPLAIN, REINDEX and COPY.  Values: numbers (Integer/Float), strings and
 * words (String, lowercase), '*' (A_Star) or a parenthesised list of
 * words (List of String, for COPY's FORCE_QUOTE (a, b)).
 */
List *
ParseUtilityOptionList(Parser *p)
{
    List       *opts = NIL;

    ExpectChar(p, '(');
    do
    {
        Token      *tok = CurToken(p);
        DefElem    *d;

        if (!TokIsColLabel(tok))
            SyntaxErrorAtCurrent(p);
        NextToken(p);
        d = MakeDefElem(TokIsKeyword(tok, KW_ANALYSE) ? "analyze" : tok->str, NULL, tok->loc);
        tok = CurToken(p);
        if (TokIsChar(tok, '*'))
        {
            NextToken(p);
            d->arg = (Node *) makeNode(A_Star);
        }
        else if (TokIsChar(tok, '('))
        {
            List       *words = NIL;

            NextToken(p);
            do
            {
                words = lappend(words, makeString(ParseColLabel(p)));
            } while (AcceptChar(p, ','));
            ExpectChar(p, ')');
            d->arg = (Node *) words;
        }
        else if (!TokIsChar(tok, ',') && !TokIsChar(tok, ')'))
            d->arg = ParseDefArg(p);
        opts = lappend(opts, d);
    } while (AcceptChar(p, ','));
    ExpectChar(p, ')');
    return opts;
}

bool
TokStartsSelect(const Token *tok)
{
    return TokIsKeyword(tok, KW_SELECT) || TokIsKeyword(tok, KW_VALUES) ||
        TokIsKeyword(tok, KW_WITH) || TokIsKeyword(tok, KW_TABLE);
}

/* ---------------------------------------------------------------- statements */

static Node *
parse_with_stmt(Parser *p)
{
    Token      *tok;
    WithClause *with;

    /* WITH ... followed by SELECT/VALUES/TABLE/( is a query; else DML */
    {
        int         save = p->pos;

        with = ParseWithClause(p);
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_INSERT))
            return ParseInsertStmt(p, with);
        if (TokIsKeyword(tok, KW_UPDATE))
            return ParseUpdateStmt(p, with);
        if (TokIsKeyword(tok, KW_DELETE))
            return ParseDeleteStmt(p, with);
        /* re-parse as a query so that the WITH attaches to the right level */
        p->pos = save;
        return ParseSelectStmt(p);
    }
}

static Node *
parse_stmt(Parser *p)
{
    Token      *tok = CurToken(p);

    if (TokIsChar(tok, '('))
        return ParseSelectStmt(p);
    if (tok->type != TOK_KEYWORD)
        SyntaxError(p, tok);

    switch (tok->kw)
    {
        case KW_SELECT:
        case KW_VALUES:
        case KW_TABLE:
            return ParseSelectStmt(p);
        case KW_WITH:
            return parse_with_stmt(p);
        case KW_INSERT:
            return ParseInsertStmt(p, NULL);
        case KW_UPDATE:
            return ParseUpdateStmt(p, NULL);
        case KW_DELETE:
            return ParseDeleteStmt(p, NULL);
        case KW_CREATE:
            return ParseCreateStmt(p);
        case KW_DROP:
            return ParseDropStmt(p);
        case KW_ALTER:
            if (PeekKeyword(p, 1, KW_SYSTEM))
                return ParseAlterSystemStmt(p);
            return ParseAlterStmt(p);
        case KW_TRUNCATE:
            return ParseTruncateStmt(p);
        case KW_VACUUM:
            return ParseVacuumStmt(p);
        case KW_ANALYZE:
        case KW_ANALYSE:
            return ParseAnalyzeStmt(p);
        case KW_REINDEX:
            return ParseReindexStmt(p);
        case KW_CHECKPOINT:
            return ParseCheckpointStmt(p);
        case KW_EXPLAIN:
            return ParseExplainStmt(p);
        case KW_BEGIN:
        case KW_START:
        case KW_COMMIT:
        case KW_END:
        case KW_ROLLBACK:
        case KW_ABORT:
        case KW_SAVEPOINT:
        case KW_RELEASE:
            return ParseTransactionStmt(p);
        case KW_PREPARE:
            if (PeekKeyword(p, 1, KW_TRANSACTION))
                return ParseTransactionStmt(p);
            return ParsePrepareStmt(p);
        case KW_SET:
            return ParseSetStmt(p);
        case KW_RESET:
            return ParseResetStmt(p);
        case KW_SHOW:
            return ParseShowStmt(p);
        case KW_LOCK:
            return ParseLockStmt(p);
        case KW_COPY:
            return ParseCopyStmt(p);
        case KW_EXECUTE:
            return ParseExecuteStmt(p);
        case KW_DEALLOCATE:
            return ParseDeallocateStmt(p);
        case KW_DISCARD:
            return ParseDiscardStmt(p);
        case KW_LISTEN:
            return ParseListenStmt(p);
        case KW_UNLISTEN:
            return ParseUnlistenStmt(p);
        case KW_NOTIFY:
            return ParseNotifyStmt(p);
        case KW_DO:
            return ParseDoStmt(p);
        default:
            SyntaxError(p, tok);
    }
}

List *
RawParser(const char *query_string)
{
    Parser      p;
    List       *result = NIL;

    memset(&p, 0, sizeof(p));
    ScanInit(&p.scan, query_string);
    p.maxchunks = INITIAL_TOKEN_CHUNKS;
    p.chunks = palloc(sizeof(Token *) * p.maxchunks);

    for (;;)
    {
        Token      *tok;
        RawStmt    *raw;
        int         start;

        while (AcceptChar(&p, ';'))
            ;
        tok = CurToken(&p);
        if (tok->type == TOK_EOF)
            break;
        start = tok->loc;
        raw = makeNode(RawStmt);
        raw->stmt = parse_stmt(&p);
        raw->stmt_location = start;
        raw->stmt_len = token_at(&p, p.pos - 1)->end - start;
        Assert(p.depth == 0);
        tok = CurToken(&p);
        if (tok->type != TOK_EOF && !TokIsChar(tok, ';'))
            SyntaxError(&p, tok);
        result = lappend(result, raw);
    }
    for (int i = 0; i < p.nchunks; i++)
        pfree(p.chunks[i]);
    pfree(p.chunks);
    return result;
}
