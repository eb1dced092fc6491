/*
 * gram_utility.c
 *     Maintenance and utility statements: VACUUM, ANALYZE (with RustyDB's
 *     ANALYZE TABLE / ANALYZE SCHEMA), REINDEX, CHECKPOINT, EXPLAIN,
 *     transaction control, SET/RESET/SHOW, ALTER SYSTEM, LOCK, COPY,
 *     PREPARE/EXECUTE/DEALLOCATE, DISCARD, LISTEN/UNLISTEN/NOTIFY, DO.
 * Entry points: the Parse*Stmt functions declared in parser_int.h.
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* ---------------------------------------------------------------- VACUUM / ANALYZE */

static bool
at_statement_end(Parser *p)
{
    Token      *tok = CurToken(p);

    return tok->type == TOK_EOF || TokIsChar(tok, ';');
}

/* qualified_name [ ( cols ) ] [, ...] */
static List *
parse_vacuum_relations(Parser *p)
{
    List       *rels = NIL;

    do
    {
        VacuumRelation *vr = makeNode(VacuumRelation);

        vr->relation = ParseQualifiedName(p);
        if (PeekChar(p, 0, '('))
            vr->va_cols = ParseParenNameList(p);
        rels = lappend(rels, vr);
    } while (AcceptChar(p, ','));
    return rels;
}

static DefElem *
flag_option(const char *name, Token *tok)
{
    return MakeDefElem(name, NULL, tok->loc);
}

Node *
ParseVacuumStmt(Parser *p)
{
    VacuumStmt *v = makeNode(VacuumStmt);

    ExpectKeyword(p, KW_VACUUM);
    v->is_vacuumcmd = true;
    v->target_kind = VACUUM_TARGET_RELATIONS;
    if (PeekChar(p, 0, '('))
        v->options = ParseUtilityOptionList(p);
    else
    {
        Token      *tok = CurToken(p);

        if (TokIsKeyword(tok, KW_FULL))
            v->options = lappend(v->options, flag_option("full", NextToken(p)));
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_FREEZE))
            v->options = lappend(v->options, flag_option("freeze", NextToken(p)));
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_VERBOSE))
            v->options = lappend(v->options, flag_option("verbose", NextToken(p)));
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_ANALYZE) || TokIsKeyword(tok, KW_ANALYSE))
            v->options = lappend(v->options, flag_option("analyze", NextToken(p)));
    }
    if (!at_statement_end(p))
        v->rels = parse_vacuum_relations(p);
    return (Node *) v;
}

/*
 * ANALYZE [VERBOSE] [rels] | ANALYZE (opts) [rels], and the dialect forms
 * ANALYZE [VERBOSE] TABLE rels, ANALYZE [VERBOSE] SCHEMA name.  "ANALYZE
 * schema" alone still names a table called schema, as in PostgreSQL.
 */
Node *
ParseAnalyzeStmt(Parser *p)
{
    VacuumStmt *v = makeNode(VacuumStmt);

    NextToken(p);               /* ANALYZE or ANALYSE */
    v->is_vacuumcmd = false;
    v->target_kind = VACUUM_TARGET_RELATIONS;
    if (PeekChar(p, 0, '('))
        v->options = ParseUtilityOptionList(p);
    else if (PeekKeyword(p, 0, KW_VERBOSE))
        v->options = list_make1(flag_option("verbose", NextToken(p)));

    if (AcceptKeyword(p, KW_TABLE))
    {
        v->target_kind = VACUUM_TARGET_TABLE;
        v->rels = parse_vacuum_relations(p);
    }
    else if (PeekKeyword(p, 0, KW_SCHEMA) && TokIsColId(PeekToken(p, 1)))
    {
        NextToken(p);
        v->target_kind = VACUUM_TARGET_SCHEMA;
        v->schemaname = ParseColId(p);
    }
    else if (!at_statement_end(p))
        v->rels = parse_vacuum_relations(p);
    return (Node *) v;
}

Node *
ParseReindexStmt(Parser *p)
{
    ReindexStmt *r = makeNode(ReindexStmt);
    Token      *tok;
    ListCell   *lc;

    ExpectKeyword(p, KW_REINDEX);
    if (PeekChar(p, 0, '('))
        r->params = ParseUtilityOptionList(p);
    tok = NextToken(p);
    switch (tok->type == TOK_KEYWORD ? tok->kw : -1)
    {
        case KW_INDEX:
            r->kind = REINDEX_OBJECT_INDEX;
            break;
        case KW_TABLE:
            r->kind = REINDEX_OBJECT_TABLE;
            break;
        case KW_SCHEMA:
            r->kind = REINDEX_OBJECT_SCHEMA;
            break;
        case KW_DATABASE:
            r->kind = REINDEX_OBJECT_DATABASE;
            break;
        case KW_SYSTEM:
            r->kind = REINDEX_OBJECT_SYSTEM;
            break;
        default:
            SyntaxError(p, tok);
    }
    r->concurrent = AcceptKeyword(p, KW_CONCURRENTLY);
    foreach(lc, r->params)
    {
        DefElem    *d = lfirst(lc);

        if (strcmp(d->defname, "concurrently") == 0 &&
            (d->arg == NULL || (IsA(d->arg, String) && (strcmp(strVal(d->arg), "true") == 0 ||
                                                        strcmp(strVal(d->arg), "on") == 0)) ||
             (IsA(d->arg, Integer) && intVal(d->arg) != 0)))
            r->concurrent = true;
    }
    if (r->kind == REINDEX_OBJECT_INDEX || r->kind == REINDEX_OBJECT_TABLE)
        r->relation = ParseQualifiedName(p);
    else if (r->kind == REINDEX_OBJECT_SCHEMA || !at_statement_end(p))
        r->name = ParseColId(p);
    return (Node *) r;
}

Node *
ParseCheckpointStmt(Parser *p)
{
    ExpectKeyword(p, KW_CHECKPOINT);
    return (Node *) makeNode(CheckPointStmt);
}

/* ---------------------------------------------------------------- EXPLAIN */

static Node *
parse_explainable(Parser *p)
{
    Token      *tok = CurToken(p);

    if (TokIsKeyword(tok, KW_EXECUTE))
        return ParseExecuteStmt(p);
    if (TokIsKeyword(tok, KW_CREATE))
    {
        Node       *n = ParseCreateStmt(p);

        if (!IsA(n, CreateTableAsStmt))
            SyntaxError(p, tok);
        return n;
    }
    return ParsePreparableStmt(p);
}

Node *
ParseExplainStmt(Parser *p)
{
    ExplainStmt *e = makeNode(ExplainStmt);
    Token      *tok;

    ExpectKeyword(p, KW_EXPLAIN);
    if (PeekChar(p, 0, '(') && !TokStartsSelect(PeekToken(p, 1)) && !PeekChar(p, 1, '('))
        e->options = ParseUtilityOptionList(p);
    else
    {
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_ANALYZE) || TokIsKeyword(tok, KW_ANALYSE))
            e->options = lappend(e->options, flag_option("analyze", NextToken(p)));
        tok = CurToken(p);
        if (TokIsKeyword(tok, KW_VERBOSE))
            e->options = lappend(e->options, flag_option("verbose", NextToken(p)));
    }
    ParserEnterNesting(p);
    e->query = parse_explainable(p);
    ParserLeaveNesting(p);
    return (Node *) e;
}

/* ---------------------------------------------------------------- transactions */

/* transaction modes, separated by commas or blanks; NIL if none */
static List *
parse_transaction_modes(Parser *p)
{
    List       *modes = NIL;

    for (;;)
    {
        Token      *tok = CurToken(p);

        if (TokIsKeyword(tok, KW_ISOLATION))
        {
            const char *level;

            NextToken(p);
            ExpectKeyword(p, KW_LEVEL);
            if (AcceptKeyword(p, KW_SERIALIZABLE))
                level = "serializable";
            else if (AcceptKeyword(p, KW_REPEATABLE))
            {
                ExpectKeyword(p, KW_READ);
                level = "repeatable read";
            }
            else
            {
                ExpectKeyword(p, KW_READ);
                if (AcceptKeyword(p, KW_COMMITTED))
                    level = "read committed";
                else
                {
                    ExpectKeyword(p, KW_UNCOMMITTED);
                    level = "read uncommitted";
                }
            }
            modes = lappend(modes, MakeDefElem("transaction_isolation",
                                               (Node *) makeString(pstrdup(level)), tok->loc));
        }
        else if (TokIsKeyword(tok, KW_READ))
        {
            bool        ro;

            NextToken(p);
            if (AcceptKeyword(p, KW_ONLY))
                ro = true;
            else
            {
                ExpectKeyword(p, KW_WRITE);
                ro = false;
            }
            modes = lappend(modes, MakeDefElem("transaction_read_only",
                                               (Node *) makeBoolean(ro), tok->loc));
        }
        else if (TokIsKeyword(tok, KW_DEFERRABLE) ||
                 (TokIsKeyword(tok, KW_NOT) && PeekKeyword(p, 1, KW_DEFERRABLE)))
        {
            bool        d = TokIsKeyword(tok, KW_DEFERRABLE);

            NextToken(p);
            if (!d)
                NextToken(p);
            modes = lappend(modes, MakeDefElem("transaction_deferrable",
                                               (Node *) makeBoolean(d), tok->loc));
        }
        else
        {
            if (modes != NIL && TokIsChar(tok, ','))
                SyntaxError(p, PeekToken(p, 1));
            return modes;
        }
        if (PeekChar(p, 0, ',') &&
            (PeekKeyword(p, 1, KW_ISOLATION) || PeekKeyword(p, 1, KW_READ) ||
             PeekKeyword(p, 1, KW_DEFERRABLE) || PeekKeyword(p, 1, KW_NOT)))
            NextToken(p);
    }
}

static bool
parse_opt_chain(Parser *p)
{
    if (!AcceptKeyword(p, KW_AND))
        return false;
    if (AcceptKeyword(p, KW_NO))
    {
        ExpectKeyword(p, KW_CHAIN);
        return false;
    }
    ExpectKeyword(p, KW_CHAIN);
    return true;
}

static char *
parse_gid(Parser *p)
{
    Token      *tok = CurToken(p);

    if (tok->type != TOK_SCONST)
        SyntaxError(p, tok);
    NextToken(p);
    return tok->str;
}

Node *
ParseTransactionStmt(Parser *p)
{
    TransactionStmt *t = makeNode(TransactionStmt);
    Token      *tok = NextToken(p);

    t->location = tok->loc;
    switch (tok->kw)
    {
        case KW_BEGIN:
            t->kind = TRANS_STMT_BEGIN;
            if (!AcceptKeyword(p, KW_WORK))
                AcceptKeyword(p, KW_TRANSACTION);
            t->options = parse_transaction_modes(p);
            break;
        case KW_START:
            ExpectKeyword(p, KW_TRANSACTION);
            t->kind = TRANS_STMT_START;
            t->options = parse_transaction_modes(p);
            break;
        case KW_COMMIT:
        case KW_END:
            if (tok->kw == KW_COMMIT && AcceptKeyword(p, KW_PREPARED))
            {
                t->kind = TRANS_STMT_COMMIT_PREPARED;
                t->gid = parse_gid(p);
                break;
            }
            t->kind = TRANS_STMT_COMMIT;
            if (!AcceptKeyword(p, KW_WORK))
                AcceptKeyword(p, KW_TRANSACTION);
            t->chain = parse_opt_chain(p);
            break;
        case KW_ROLLBACK:
        case KW_ABORT:
            if (tok->kw == KW_ROLLBACK && AcceptKeyword(p, KW_PREPARED))
            {
                t->kind = TRANS_STMT_ROLLBACK_PREPARED;
                t->gid = parse_gid(p);
                break;
            }
            t->kind = TRANS_STMT_ROLLBACK;
            if (!AcceptKeyword(p, KW_WORK))
                AcceptKeyword(p, KW_TRANSACTION);
            if (tok->kw == KW_ROLLBACK && AcceptKeyword(p, KW_TO))
            {
                AcceptKeyword(p, KW_SAVEPOINT);
                t->kind = TRANS_STMT_ROLLBACK_TO;
                t->savepoint_name = ParseColId(p);
                break;
            }
            t->chain = parse_opt_chain(p);
            break;
        case KW_SAVEPOINT:
            t->kind = TRANS_STMT_SAVEPOINT;
            t->savepoint_name = ParseColId(p);
            break;
        case KW_RELEASE:
            t->kind = TRANS_STMT_RELEASE;
            AcceptKeyword(p, KW_SAVEPOINT);
            t->savepoint_name = ParseColId(p);
            break;
        case KW_PREPARE:
            ExpectKeyword(p, KW_TRANSACTION);
            t->kind = TRANS_STMT_PREPARE;
            t->gid = parse_gid(p);
            break;
        default:
            SyntaxError(p, tok);
    }
    return (Node *) t;
}

/* ---------------------------------------------------------------- SET / SHOW / RESET */

/* var_name: ColId [. ColId ...] joined with dots */
static char *
parse_var_name(Parser *p)
{
    char       *name = ParseColId(p);

    while (AcceptChar(p, '.'))
        name = psprintf("%s.%s", name, ParseColId(p));
    return name;
}

/* var_value: a word or string (String A_Const) or a signed number */
static Node *
parse_var_value(Parser *p)
{
    Token      *tok = CurToken(p);

    if ((TokIsChar(tok, '-') || TokIsChar(tok, '+')) ||
        tok->type == TOK_ICONST || tok->type == TOK_FCONST)
    {
        Node       *v = ParseDefArg(p);
        A_Const    *c = makeNode(A_Const);

        if (IsA(v, String))
            SyntaxError(p, tok);
        c->val = v;
        c->location = tok->loc;
        return (Node *) c;
    }
    if (tok->type == TOK_SCONST || TokIsNonReservedWord(tok) || TokIsKeyword(tok, KW_TRUE) ||
        TokIsKeyword(tok, KW_FALSE) || TokIsKeyword(tok, KW_ON))
    {
        NextToken(p);
        return MakeStringConst(tok->str, tok->loc);
    }
    SyntaxError(p, tok);
}

/* After SET [LOCAL|SESSION]: fills stmt. */
static void
parse_set_rest(Parser *p, VariableSetStmt *s)
{
    Token      *tok = CurToken(p);

    if (TokIsKeyword(tok, KW_TRANSACTION))
    {
        NextToken(p);
        s->kind = VAR_SET_MULTI;
        s->name = pstrdup("TRANSACTION");
        s->args = parse_transaction_modes(p);
        if (s->args == NIL)
            SyntaxErrorAtCurrent(p);
        return;
    }
    if (TokIsKeyword(tok, KW_SESSION) && PeekKeyword(p, 1, KW_CHARACTERISTICS))
    {
        NextToken(p);
        NextToken(p);
        ExpectKeyword(p, KW_AS);
        ExpectKeyword(p, KW_TRANSACTION);
        s->kind = VAR_SET_MULTI;
        s->name = pstrdup("SESSION CHARACTERISTICS");
        s->args = parse_transaction_modes(p);
        if (s->args == NIL)
            SyntaxErrorAtCurrent(p);
        return;
    }
    if (TokIsKeyword(tok, KW_SESSION) && PeekKeyword(p, 1, KW_AUTHORIZATION))
    {
        NextToken(p);
        NextToken(p);
        s->name = pstrdup("session_authorization");
        if (AcceptKeyword(p, KW_DEFAULT))
            s->kind = VAR_SET_DEFAULT;
        else
        {
            s->kind = VAR_SET_VALUE;
            s->args = list_make1(parse_var_value(p));
        }
        return;
    }
    if (TokIsKeyword(tok, KW_TIME) && PeekKeyword(p, 1, KW_ZONE))
    {
        Token      *v;

        NextToken(p);
        NextToken(p);
        s->name = pstrdup("timezone");
        v = CurToken(p);
        if (TokIsKeyword(v, KW_DEFAULT) || TokIsKeyword(v, KW_LOCAL))
        {
            NextToken(p);
            s->kind = VAR_SET_DEFAULT;
            return;
        }
        s->kind = VAR_SET_VALUE;
        if (TokIsKeyword(v, KW_INTERVAL))
            s->args = list_make1(ParseExprPrec(p, PREC_TYPECAST, 0));
        else if (v->type == TOK_SCONST || v->type == TOK_IDENT || TokIsChar(v, '-') ||
                 TokIsChar(v, '+') || v->type == TOK_ICONST || v->type == TOK_FCONST)
            s->args = list_make1(parse_var_value(p));
        else
            SyntaxError(p, v);
        return;
    }
    if (TokIsKeyword(tok, KW_NAMES))
    {
        NextToken(p);
        s->name = pstrdup("client_encoding");
        if (AcceptKeyword(p, KW_DEFAULT) || at_statement_end(p))
            s->kind = VAR_SET_DEFAULT;
        else
        {
            s->kind = VAR_SET_VALUE;
            s->args = list_make1(parse_var_value(p));
        }
        return;
    }
    if (TokIsKeyword(tok, KW_SCHEMA) && PeekToken(p, 1)->type == TOK_SCONST)
    {
        NextToken(p);
        s->kind = VAR_SET_VALUE;
        s->name = pstrdup("search_path");
        s->args = list_make1(parse_var_value(p));
        return;
    }
    if (TokIsKeyword(tok, KW_ROLE) && !PeekKeyword(p, 1, KW_TO) && !PeekChar(p, 1, '='))
    {
        NextToken(p);
        s->kind = VAR_SET_VALUE;
        s->name = pstrdup("role");
        s->args = list_make1(parse_var_value(p));
        return;
    }

    s->name = parse_var_name(p);
    if (AcceptKeyword(p, KW_FROM))
    {
        ExpectKeyword(p, KW_CURRENT);
        s->kind = VAR_SET_CURRENT;
        return;
    }
    if (!AcceptKeyword(p, KW_TO))
        ExpectChar(p, '=');
    if (AcceptKeyword(p, KW_DEFAULT))
    {
        s->kind = VAR_SET_DEFAULT;
        return;
    }
    s->kind = VAR_SET_VALUE;
    do
    {
        s->args = lappend(s->args, parse_var_value(p));
    } while (AcceptChar(p, ','));
}

Node *
ParseSetStmt(Parser *p)
{
    VariableSetStmt *s = makeNode(VariableSetStmt);

    s->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_SET);
    if (AcceptKeyword(p, KW_LOCAL))
        s->is_local = true;
    else if (PeekKeyword(p, 0, KW_SESSION) && !PeekKeyword(p, 1, KW_CHARACTERISTICS) &&
             !PeekKeyword(p, 1, KW_AUTHORIZATION) && !PeekKeyword(p, 1, KW_TO) &&
             !PeekChar(p, 1, '='))
        NextToken(p);
    parse_set_rest(p, s);
    return (Node *) s;
}

/* The name of RESET/SHOW targets, with the multi-word special forms. */
static char *
parse_reset_or_show_name(Parser *p, bool *all)
{
    *all = false;
    if (AcceptKeyword(p, KW_ALL))
    {
        *all = true;
        return pstrdup("all");
    }
    if (PeekKeyword(p, 0, KW_TIME) && PeekKeyword(p, 1, KW_ZONE))
    {
        NextToken(p);
        NextToken(p);
        return pstrdup("timezone");
    }
    if (PeekKeyword(p, 0, KW_TRANSACTION) && PeekKeyword(p, 1, KW_ISOLATION))
    {
        NextToken(p);
        NextToken(p);
        ExpectKeyword(p, KW_LEVEL);
        return pstrdup("transaction_isolation");
    }
    if (PeekKeyword(p, 0, KW_SESSION) && PeekKeyword(p, 1, KW_AUTHORIZATION))
    {
        NextToken(p);
        NextToken(p);
        return pstrdup("session_authorization");
    }
    return parse_var_name(p);
}

Node *
ParseResetStmt(Parser *p)
{
    VariableSetStmt *s = makeNode(VariableSetStmt);
    bool        all;

    s->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_RESET);
    s->name = parse_reset_or_show_name(p, &all);
    s->kind = all ? VAR_RESET_ALL : VAR_RESET;
    if (all)
        s->name = NULL;
    return (Node *) s;
}

Node *
ParseShowStmt(Parser *p)
{
    VariableShowStmt *s = makeNode(VariableShowStmt);
    bool        all;

    s->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_SHOW);
    s->name = parse_reset_or_show_name(p, &all);
    return (Node *) s;
}

Node *
ParseAlterSystemStmt(Parser *p)
{
    AlterSystemStmt *a = makeNode(AlterSystemStmt);
    VariableSetStmt *s = makeNode(VariableSetStmt);

    s->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_ALTER);
    ExpectKeyword(p, KW_SYSTEM);
    if (AcceptKeyword(p, KW_RESET))
    {
        if (AcceptKeyword(p, KW_ALL))
            s->kind = VAR_RESET_ALL;
        else
        {
            s->kind = VAR_RESET;
            s->name = parse_var_name(p);
        }
    }
    else
    {
        ExpectKeyword(p, KW_SET);
        s->name = parse_var_name(p);
        if (!AcceptKeyword(p, KW_TO))
            ExpectChar(p, '=');
        if (AcceptKeyword(p, KW_DEFAULT))
            s->kind = VAR_SET_DEFAULT;
        else
        {
            s->kind = VAR_SET_VALUE;
            do
            {
                s->args = lappend(s->args, parse_var_value(p));
            } while (AcceptChar(p, ','));
        }
    }
    a->setstmt = s;
    return (Node *) a;
}

/* ---------------------------------------------------------------- LOCK */

Node *
ParseLockStmt(Parser *p)
{
    LockStmt   *l = makeNode(LockStmt);

    ExpectKeyword(p, KW_LOCK);
    AcceptKeyword(p, KW_TABLE);
    do
    {
        l->relations = lappend(l->relations, ParseRelationExpr(p));
    } while (AcceptChar(p, ','));
    l->mode = RAW_LOCKMODE_ACCESS_EXCLUSIVE;
    if (AcceptKeyword(p, KW_IN))
    {
        if (AcceptKeyword(p, KW_ACCESS))
        {
            if (AcceptKeyword(p, KW_SHARE))
                l->mode = RAW_LOCKMODE_ACCESS_SHARE;
            else
            {
                ExpectKeyword(p, KW_EXCLUSIVE);
                l->mode = RAW_LOCKMODE_ACCESS_EXCLUSIVE;
            }
        }
        else if (AcceptKeyword(p, KW_ROW))
        {
            if (AcceptKeyword(p, KW_SHARE))
                l->mode = RAW_LOCKMODE_ROW_SHARE;
            else
            {
                ExpectKeyword(p, KW_EXCLUSIVE);
                l->mode = RAW_LOCKMODE_ROW_EXCLUSIVE;
            }
        }
        else if (AcceptKeyword(p, KW_SHARE))
        {
            if (AcceptKeyword(p, KW_UPDATE))
            {
                ExpectKeyword(p, KW_EXCLUSIVE);
                l->mode = RAW_LOCKMODE_SHARE_UPDATE_EXCLUSIVE;
            }
            else if (AcceptKeyword(p, KW_ROW))
            {
                ExpectKeyword(p, KW_EXCLUSIVE);
                l->mode = RAW_LOCKMODE_SHARE_ROW_EXCLUSIVE;
            }
            else
                l->mode = RAW_LOCKMODE_SHARE;
        }
        else
        {
            ExpectKeyword(p, KW_EXCLUSIVE);
            l->mode = RAW_LOCKMODE_EXCLUSIVE;
        }
        ExpectKeyword(p, KW_MODE);
    }
    l->nowait = AcceptKeyword(p, KW_NOWAIT);
    return (Node *) l;
}

/* ---------------------------------------------------------------- COPY */

static Node *
parse_sconst_value(Parser *p)
{
    Token      *tok = CurToken(p);

    if (tok->type != TOK_SCONST)
        SyntaxError(p, tok);
    NextToken(p);
    return (Node *) makeString(tok->str);
}

/* Old-style COPY options, converted to the DefElems of the new syntax. */
static List *
parse_copy_old_options(Parser *p)
{
    List       *opts = NIL;

    for (;;)
    {
        Token      *tok = CurToken(p);
        int         loc = tok->loc;

        if (AcceptKeyword(p, KW_BINARY))
            opts = lappend(opts, MakeDefElem("format", (Node *) makeString(pstrdup("binary")), loc));
        else if (AcceptKeyword(p, KW_CSV))
            opts = lappend(opts, MakeDefElem("format", (Node *) makeString(pstrdup("csv")), loc));
        else if (AcceptKeyword(p, KW_FREEZE))
            opts = lappend(opts, MakeDefElem("freeze", (Node *) makeBoolean(true), loc));
        else if (AcceptKeyword(p, KW_HEADER))
            opts = lappend(opts, MakeDefElem("header", (Node *) makeBoolean(true), loc));
        else if (AcceptKeyword(p, KW_DELIMITER) || AcceptKeyword(p, KW_NULL) ||
                 AcceptKeyword(p, KW_QUOTE) || AcceptKeyword(p, KW_ESCAPE) ||
                 AcceptKeyword(p, KW_ENCODING))
        {
            AcceptKeyword(p, KW_AS);
            opts = lappend(opts, MakeDefElem(tok->str, parse_sconst_value(p), loc));
        }
        else if (AcceptKeyword(p, KW_FORCE))
        {
            const char *name;
            Node       *arg;

            if (AcceptKeyword(p, KW_QUOTE))
                name = "force_quote";
            else if (AcceptKeyword(p, KW_NOT))
            {
                ExpectKeyword(p, KW_NULL);
                name = "force_not_null";
            }
            else
            {
                ExpectKeyword(p, KW_NULL);
                name = "force_null";
            }
            if (AcceptChar(p, '*'))
                arg = (Node *) makeNode(A_Star);
            else
                arg = (Node *) ParseNameList(p);
            opts = lappend(opts, MakeDefElem(name, arg, loc));
        }
        else
            return opts;
    }
}

Node *
ParseCopyStmt(Parser *p)
{
    CopyStmt   *c = makeNode(CopyStmt);
    Token      *tok;
    bool        binary;

    ExpectKeyword(p, KW_COPY);
    binary = PeekKeyword(p, 0, KW_BINARY);
    if (binary)
        NextToken(p);
    if (PeekChar(p, 0, '(') && !binary)
    {
        NextToken(p);
        ParserEnterNesting(p);
        c->query = ParsePreparableStmt(p);
        ParserLeaveNesting(p);
        ExpectChar(p, ')');
        ExpectKeyword(p, KW_TO);
        c->is_from = false;
    }
    else
    {
        c->relation = ParseQualifiedName(p);
        if (PeekChar(p, 0, '('))
            c->attlist = ParseParenNameList(p);
        if (AcceptKeyword(p, KW_FROM))
            c->is_from = true;
        else
            ExpectKeyword(p, KW_TO);
    }
    c->is_program = AcceptKeyword(p, KW_PROGRAM);
    tok = CurToken(p);
    if (tok->type == TOK_SCONST)
        c->filename = NextToken(p)->str;
    else if (!c->is_program && (TokIsKeyword(tok, KW_STDIN) || TokIsKeyword(tok, KW_STDOUT)))
        NextToken(p);
    else
        SyntaxError(p, tok);
    if (binary)
        c->options = list_make1(MakeDefElem("format", (Node *) makeString(pstrdup("binary")), -1));
    if (PeekKeyword(p, 0, KW_USING) && PeekKeyword(p, 1, KW_DELIMITERS))
    {
        Token      *d;

        NextToken(p);
        d = NextToken(p);
        c->options = lappend(c->options, MakeDefElem("delimiter", parse_sconst_value(p), d->loc));
    }
    AcceptKeyword(p, KW_WITH);
    if (PeekChar(p, 0, '('))
        c->options = list_concat(c->options, ParseUtilityOptionList(p));
    else
        c->options = list_concat(c->options, parse_copy_old_options(p));
    if (c->is_from && AcceptKeyword(p, KW_WHERE))
        c->whereClause = ParseExpr(p);
    return (Node *) c;
}

/* ---------------------------------------------------------------- prepared statements */

Node *
ParsePrepareStmt(Parser *p)
{
    PrepareStmt *s = makeNode(PrepareStmt);

    ExpectKeyword(p, KW_PREPARE);
    s->name = ParseColId(p);
    if (AcceptChar(p, '('))
    {
        s->argtypes = ParseTypeNameList(p);
        ExpectChar(p, ')');
    }
    ExpectKeyword(p, KW_AS);
    s->query = ParsePreparableStmt(p);
    return (Node *) s;
}

Node *
ParseExecuteStmt(Parser *p)
{
    ExecuteStmt *s = makeNode(ExecuteStmt);

    ExpectKeyword(p, KW_EXECUTE);
    s->name = ParseColId(p);
    if (AcceptChar(p, '('))
    {
        s->params = ParseExprList(p);
        ExpectChar(p, ')');
    }
    return (Node *) s;
}

Node *
ParseDeallocateStmt(Parser *p)
{
    DeallocateStmt *s = makeNode(DeallocateStmt);

    ExpectKeyword(p, KW_DEALLOCATE);
    AcceptKeyword(p, KW_PREPARE);
    if (!AcceptKeyword(p, KW_ALL))
        s->name = ParseColId(p);
    return (Node *) s;
}

Node *
ParseDiscardStmt(Parser *p)
{
    DiscardStmt *s = makeNode(DiscardStmt);

    ExpectKeyword(p, KW_DISCARD);
    if (AcceptKeyword(p, KW_ALL))
        s->target = DISCARD_ALL;
    else if (AcceptKeyword(p, KW_PLANS))
        s->target = DISCARD_PLANS;
    else if (AcceptKeyword(p, KW_SEQUENCES))
        s->target = DISCARD_SEQUENCES;
    else if (AcceptKeyword(p, KW_TEMP) || AcceptKeyword(p, KW_TEMPORARY))
        s->target = DISCARD_TEMP;
    else
        SyntaxErrorAtCurrent(p);
    return (Node *) s;
}

/* ---------------------------------------------------------------- LISTEN / NOTIFY / DO */

Node *
ParseListenStmt(Parser *p)
{
    ListenStmt *s = makeNode(ListenStmt);

    ExpectKeyword(p, KW_LISTEN);
    s->conditionname = ParseColId(p);
    return (Node *) s;
}

Node *
ParseUnlistenStmt(Parser *p)
{
    UnlistenStmt *s = makeNode(UnlistenStmt);

    ExpectKeyword(p, KW_UNLISTEN);
    if (!AcceptChar(p, '*'))
        s->conditionname = ParseColId(p);
    return (Node *) s;
}

Node *
ParseNotifyStmt(Parser *p)
{
    NotifyStmt *s = makeNode(NotifyStmt);

    ExpectKeyword(p, KW_NOTIFY);
    s->conditionname = ParseColId(p);
    if (AcceptChar(p, ','))
        s->payload = strVal(parse_sconst_value(p));
    return (Node *) s;
}

Node *
ParseDoStmt(Parser *p)
{
    DoStmt     *s = makeNode(DoStmt);
    bool        have_code = false;

    ExpectKeyword(p, KW_DO);
    for (;;)
    {
        Token      *tok = CurToken(p);

        if (tok->type == TOK_SCONST && !have_code)
        {
            NextToken(p);
            s->args = lappend(s->args, MakeDefElem("as", (Node *) makeString(tok->str), tok->loc));
            have_code = true;
        }
        else if (TokIsKeyword(tok, KW_LANGUAGE))
        {
            NextToken(p);
            s->args = lappend(s->args, MakeDefElem("language",
                                                   (Node *) makeString(ParseNonReservedWord(p)),
                                                   tok->loc));
        }
        else
            break;
    }
    if (!have_code)
        SyntaxErrorAtCurrent(p);
    return (Node *) s;
}
