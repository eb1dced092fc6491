/*
 * gram_ddl.c
 *     Data definition: CREATE TABLE (columns, constraints, partitioning,
 *     PARTITION OF, AS query), CREATE INDEX/VIEW/SCHEMA/DATABASE/ROLE/
 *     SEQUENCE, DROP, ALTER TABLE/INDEX/VIEW/SEQUENCE/ROLE/SCHEMA/DATABASE,
 *     TRUNCATE.
 * Entry points: ParseCreateStmt(), ParseDropStmt(), ParseAlterStmt(),
 * ParseTruncateStmt(), ParseIndexParams(), ParseOptDropBehavior().
 */
#include "rustydb.h"

#include "parser_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

DropBehavior
ParseOptDropBehavior(Parser *p)
{
    if (AcceptKeyword(p, KW_CASCADE))
        return DROP_CASCADE;
    AcceptKeyword(p, KW_RESTRICT);
    return DROP_RESTRICT;
}

static bool
parse_if_not_exists(Parser *p)
{
    if (PeekKeyword(p, 0, KW_IF) && PeekKeyword(p, 1, KW_NOT) && PeekKeyword(p, 2, KW_EXISTS))
    {
        NextToken(p);
        NextToken(p);
        NextToken(p);
        return true;
    }
    return false;
}

static bool
parse_if_exists(Parser *p)
{
    if (PeekKeyword(p, 0, KW_IF))
    {
        NextToken(p);
        ExpectKeyword(p, KW_EXISTS);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- constraints */

/* ON DELETE/UPDATE action */
static char
parse_key_action(Parser *p)
{
    if (AcceptKeyword(p, KW_NO))
    {
        ExpectKeyword(p, KW_ACTION);
        return FKCONSTR_ACTION_NOACTION;
    }
    if (AcceptKeyword(p, KW_RESTRICT))
        return FKCONSTR_ACTION_RESTRICT;
    if (AcceptKeyword(p, KW_CASCADE))
        return FKCONSTR_ACTION_CASCADE;
    ExpectKeyword(p, KW_SET);
    if (AcceptKeyword(p, KW_NULL))
        return FKCONSTR_ACTION_SETNULL;
    ExpectKeyword(p, KW_DEFAULT);
    return FKCONSTR_ACTION_SETDEFAULT;
}

/* REFERENCES t [(col)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...] */
static void
parse_references(Parser *p, Constraint *c)
{
    ExpectKeyword(p, KW_REFERENCES);
    c->pktable = ParseQualifiedName(p);
    if (PeekChar(p, 0, '('))
        c->pk_attrs = ParseParenNameList(p);
    c->fk_matchtype = FKCONSTR_MATCH_SIMPLE;
    c->fk_upd_action = FKCONSTR_ACTION_NOACTION;
    c->fk_del_action = FKCONSTR_ACTION_NOACTION;
    if (AcceptKeyword(p, KW_MATCH))
    {
        if (AcceptKeyword(p, KW_FULL))
            c->fk_matchtype = FKCONSTR_MATCH_FULL;
        else if (AcceptKeyword(p, KW_PARTIAL))
            c->fk_matchtype = FKCONSTR_MATCH_PARTIAL;
        else
        {
            ExpectKeyword(p, KW_SIMPLE);
            c->fk_matchtype = FKCONSTR_MATCH_SIMPLE;
        }
    }
    while (PeekKeyword(p, 0, KW_ON) &&
           (PeekKeyword(p, 1, KW_DELETE) || PeekKeyword(p, 1, KW_UPDATE)))
    {
        NextToken(p);
        if (TokIsKeyword(NextToken(p), KW_DELETE))
            c->fk_del_action = parse_key_action(p);
        else
            c->fk_upd_action = parse_key_action(p);
    }
}

/* WITH (opts) and USING INDEX TABLESPACE name after UNIQUE/PRIMARY KEY */
static void
parse_index_options(Parser *p, Constraint *c)
{
    if (PeekKeyword(p, 0, KW_WITH) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        c->options = ParseRelOptions(p);
    }
    if (PeekKeyword(p, 0, KW_USING) && PeekKeyword(p, 1, KW_INDEX))
    {
        NextToken(p);
        NextToken(p);
        ExpectKeyword(p, KW_TABLESPACE);
        c->indexspace = ParseColId(p);
    }
}

static void
parse_nulls_distinct(Parser *p, Constraint *c)
{
    if (PeekKeyword(p, 0, KW_NULLS))
    {
        NextToken(p);
        c->nulls_not_distinct = AcceptKeyword(p, KW_NOT);
        ExpectKeyword(p, KW_DISTINCT);
    }
}

/* DEFERRABLE / NOT DEFERRABLE / INITIALLY DEFERRED|IMMEDIATE / NOT VALID / NO INHERIT */
static void
parse_constraint_attrs(Parser *p, Constraint *c)
{
    for (;;)
    {
        if (AcceptKeyword(p, KW_DEFERRABLE))
            c->deferrable = true;
        else if (PeekKeyword(p, 0, KW_NOT) && PeekKeyword(p, 1, KW_DEFERRABLE))
        {
            NextToken(p);
            NextToken(p);
            c->deferrable = false;
        }
        else if (PeekKeyword(p, 0, KW_NOT) && PeekKeyword(p, 1, KW_VALID))
        {
            NextToken(p);
            NextToken(p);
            c->skip_validation = true;
            c->initially_valid = false;
        }
        else if (AcceptKeyword(p, KW_INITIALLY))
        {
            if (AcceptKeyword(p, KW_DEFERRED))
                c->initdeferred = true;
            else
            {
                ExpectKeyword(p, KW_IMMEDIATE);
                c->initdeferred = false;
            }
        }
        else if (PeekKeyword(p, 0, KW_NO) && PeekKeyword(p, 1, KW_INHERIT))
        {
            NextToken(p);
            NextToken(p);
            c->is_no_inherit = true;
        }
        else
            return;
    }
}

static Constraint *
make_constraint(ConstrType type, char *name, int loc)
{
    Constraint *c = makeNode(Constraint);

    c->contype = type;
    c->conname = name;
    c->location = loc;
    c->initially_valid = true;
    return c;
}

static bool
at_table_constraint(Parser *p)
{
    Token      *tok = CurToken(p);

    return TokIsKeyword(tok, KW_CONSTRAINT) || TokIsKeyword(tok, KW_CHECK) ||
        TokIsKeyword(tok, KW_UNIQUE) || TokIsKeyword(tok, KW_PRIMARY) ||
        TokIsKeyword(tok, KW_FOREIGN) || TokIsKeyword(tok, KW_EXCLUDE);
}

static List *
parse_opt_include(Parser *p)
{
    if (!AcceptKeyword(p, KW_INCLUDE))
        return NIL;
    return ParseParenNameList(p);
}

static Constraint *
parse_table_constraint(Parser *p)
{
    int         loc = CurToken(p)->loc;
    char       *name = NULL;
    Token      *tok;
    Constraint *c;

    if (AcceptKeyword(p, KW_CONSTRAINT))
        name = ParseColId(p);
    tok = CurToken(p);
    if (TokIsKeyword(tok, KW_CHECK))
    {
        NextToken(p);
        c = make_constraint(CONSTR_CHECK, name, loc);
        ExpectChar(p, '(');
        c->raw_expr = ParseExpr(p);
        ExpectChar(p, ')');
    }
    else if (TokIsKeyword(tok, KW_UNIQUE))
    {
        NextToken(p);
        c = make_constraint(CONSTR_UNIQUE, name, loc);
        parse_nulls_distinct(p, c);
        c->keys = ParseParenNameList(p);
        c->including = parse_opt_include(p);
        parse_index_options(p, c);
    }
    else if (TokIsKeyword(tok, KW_PRIMARY))
    {
        NextToken(p);
        ExpectKeyword(p, KW_KEY);
        c = make_constraint(CONSTR_PRIMARY, name, loc);
        c->keys = ParseParenNameList(p);
        c->including = parse_opt_include(p);
        parse_index_options(p, c);
    }
    else if (TokIsKeyword(tok, KW_FOREIGN))
    {
        NextToken(p);
        ExpectKeyword(p, KW_KEY);
        c = make_constraint(CONSTR_FOREIGN, name, loc);
        c->fk_attrs = ParseParenNameList(p);
        parse_references(p, c);
    }
    else
        SyntaxError(p, tok);
    parse_constraint_attrs(p, c);
    return c;
}

/* GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(opts)] | GENERATED ALWAYS AS (expr) STORED */
static Constraint *
parse_generated(Parser *p, char *name, int loc)
{
    char        when;

    ExpectKeyword(p, KW_GENERATED);
    if (AcceptKeyword(p, KW_ALWAYS))
        when = ATTRIBUTE_IDENTITY_ALWAYS;
    else
    {
        ExpectKeyword(p, KW_BY);
        ExpectKeyword(p, KW_DEFAULT);
        when = ATTRIBUTE_IDENTITY_BY_DEFAULT;
    }
    ExpectKeyword(p, KW_AS);
    if (AcceptKeyword(p, KW_IDENTITY))
    {
        Constraint *c = make_constraint(CONSTR_IDENTITY, name, loc);

        c->generated_when = when;
        if (AcceptChar(p, '('))
        {
            c->options = ParseSeqOptions(p, true);
            ExpectChar(p, ')');
        }
        return c;
    }
    {
        Constraint *c = make_constraint(CONSTR_GENERATED, name, loc);

        if (when != ATTRIBUTE_IDENTITY_ALWAYS)
            ParserErrorAt(p, loc, ERRCODE_SYNTAX_ERROR,
                          "for a generated column, GENERATED ALWAYS must be specified");
        c->generated_when = ATTRIBUTE_IDENTITY_ALWAYS;
        ExpectChar(p, '(');
        c->raw_expr = ParseExpr(p);
        ExpectChar(p, ')');
        ExpectKeyword(p, KW_STORED);
        return c;
    }
}

/* ColId Typename [COLLATE name] [column constraints] */
static ColumnDef *
parse_column_def(Parser *p)
{
    ColumnDef  *cd = makeNode(ColumnDef);

    cd->location = CurToken(p)->loc;
    cd->colname = ParseColId(p);
    cd->typeName = ParseTypeName(p);
    for (;;)
    {
        Token      *tok = CurToken(p);
        int         loc = tok->loc;
        char       *name = NULL;
        Constraint *c;

        if (TokIsKeyword(tok, KW_COLLATE))
        {
            NextToken(p);
            cd->collClause = makeNode(CollateClause);
            cd->collClause->collname = ParseAnyName(p);
            cd->collClause->location = loc;
            continue;
        }
        if (TokIsKeyword(tok, KW_DEFERRABLE) || TokIsKeyword(tok, KW_INITIALLY) ||
            (TokIsKeyword(tok, KW_NOT) && PeekKeyword(p, 1, KW_DEFERRABLE)))
        {
            ConstrType  t;

            if (AcceptKeyword(p, KW_DEFERRABLE))
                t = CONSTR_ATTR_DEFERRABLE;
            else if (AcceptKeyword(p, KW_INITIALLY))
                t = AcceptKeyword(p, KW_DEFERRED) ? CONSTR_ATTR_DEFERRED :
                    (ExpectKeyword(p, KW_IMMEDIATE), CONSTR_ATTR_IMMEDIATE);
            else
            {
                NextToken(p);
                NextToken(p);
                t = CONSTR_ATTR_NOT_DEFERRABLE;
            }
            cd->constraints = lappend(cd->constraints, make_constraint(t, NULL, loc));
            continue;
        }
        if (AcceptKeyword(p, KW_CONSTRAINT))
        {
            name = ParseColId(p);
            tok = CurToken(p);
        }
        if (TokIsKeyword(tok, KW_NOT))
        {
            NextToken(p);
            ExpectKeyword(p, KW_NULL);
            c = make_constraint(CONSTR_NOTNULL, name, loc);
        }
        else if (TokIsKeyword(tok, KW_NULL))
        {
            NextToken(p);
            c = make_constraint(CONSTR_NULL, name, loc);
        }
        else if (TokIsKeyword(tok, KW_DEFAULT))
        {
            NextToken(p);
            c = make_constraint(CONSTR_DEFAULT, name, loc);
            c->raw_expr = ParseBExpr(p);
        }
        else if (TokIsKeyword(tok, KW_UNIQUE))
        {
            NextToken(p);
            c = make_constraint(CONSTR_UNIQUE, name, loc);
            parse_nulls_distinct(p, c);
            parse_index_options(p, c);
        }
        else if (TokIsKeyword(tok, KW_PRIMARY))
        {
            NextToken(p);
            ExpectKeyword(p, KW_KEY);
            c = make_constraint(CONSTR_PRIMARY, name, loc);
            parse_index_options(p, c);
        }
        else if (TokIsKeyword(tok, KW_CHECK))
        {
            NextToken(p);
            c = make_constraint(CONSTR_CHECK, name, loc);
            ExpectChar(p, '(');
            c->raw_expr = ParseExpr(p);
            ExpectChar(p, ')');
            if (PeekKeyword(p, 0, KW_NO) && PeekKeyword(p, 1, KW_INHERIT))
            {
                NextToken(p);
                NextToken(p);
                c->is_no_inherit = true;
            }
        }
        else if (TokIsKeyword(tok, KW_REFERENCES))
        {
            c = make_constraint(CONSTR_FOREIGN, name, loc);
            parse_references(p, c);
        }
        else if (TokIsKeyword(tok, KW_GENERATED))
            c = parse_generated(p, name, loc);
        else if (name != NULL)
            SyntaxError(p, tok);
        else
            break;
        cd->constraints = lappend(cd->constraints, c);
    }
    return cd;
}

/* ---------------------------------------------------------------- partitioning */

/* PARTITION BY strategy ( elems ) [ ( PARTITION p VALUES LESS THAN (...), ... ) ] */
static PartitionSpec *
parse_partition_spec(Parser *p)
{
    PartitionSpec *ps = makeNode(PartitionSpec);

    ps->location = CurToken(p)->loc;
    ExpectKeyword(p, KW_PARTITION);
    ExpectKeyword(p, KW_BY);
    ps->strategy = ParseColId(p);
    ExpectChar(p, '(');
    do
    {
        PartitionElem *pe = makeNode(PartitionElem);
        Token      *tok = CurToken(p);

        pe->location = tok->loc;
        if (TokIsChar(tok, '('))
        {
            NextToken(p);
            pe->expr = ParseExpr(p);
            ExpectChar(p, ')');
        }
        else if (PeekChar(p, 1, '('))
            pe->expr = ParseExprPrec(p, PREC_TYPECAST, 0);
        else
            pe->name = ParseColId(p);
        if (AcceptKeyword(p, KW_COLLATE))
            pe->collation = ParseAnyName(p);
        if (TokIsColId(CurToken(p)))
            pe->opclass = ParseAnyName(p);
        ps->partParams = lappend(ps->partParams, pe);
    } while (AcceptChar(p, ','));
    ExpectChar(p, ')');

    /* RustyDB dialect: inline partition list */
    if (PeekChar(p, 0, '(') && PeekKeyword(p, 1, KW_PARTITION))
    {
        NextToken(p);
        do
        {
            PartitionDef *pd = makeNode(PartitionDef);
            Token      *tok;

            pd->location = CurToken(p)->loc;
            ExpectKeyword(p, KW_PARTITION);
            pd->name = ParseColId(p);
            ExpectKeyword(p, KW_VALUES);
            tok = CurToken(p);
            if (tok->type != TOK_IDENT || strcmp(tok->str, "less") != 0)
                SyntaxError(p, tok);
            NextToken(p);
            tok = CurToken(p);
            if (tok->type != TOK_IDENT || strcmp(tok->str, "than") != 0)
                SyntaxError(p, tok);
            NextToken(p);
            if (PeekKeyword(p, 0, KW_MAXVALUE))
            {
                PartitionRangeDatum *d = makeNode(PartitionRangeDatum);

                d->kind = PARTITION_RANGE_DATUM_MAXVALUE;
                d->location = NextToken(p)->loc;
                pd->upperdatums = list_make1(d);
            }
            else
                pd->upperdatums = ParseRangeDatumList(p);
            ps->partitions = lappend(ps->partitions, pd);
        } while (AcceptChar(p, ','));
        ExpectChar(p, ')');
    }
    return ps;
}

/* '(' {MINVALUE | MAXVALUE | a_expr}, ... ')' as PartitionRangeDatum */
List *
ParseRangeDatumList(Parser *p)
{
    List       *list = NIL;

    ExpectChar(p, '(');
    do
    {
        PartitionRangeDatum *d = makeNode(PartitionRangeDatum);
        Token      *tok = CurToken(p);

        d->location = tok->loc;
        if ((TokIsKeyword(tok, KW_MINVALUE) || TokIsKeyword(tok, KW_MAXVALUE)) &&
            (PeekChar(p, 1, ',') || PeekChar(p, 1, ')')))
        {
            NextToken(p);
            d->kind = tok->kw == KW_MINVALUE ? PARTITION_RANGE_DATUM_MINVALUE
                : PARTITION_RANGE_DATUM_MAXVALUE;
        }
        else
        {
            d->kind = PARTITION_RANGE_DATUM_VALUE;
            d->value = ParseExpr(p);
        }
        list = lappend(list, d);
    } while (AcceptChar(p, ','));
    ExpectChar(p, ')');
    return list;
}

/* FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r) | DEFAULT */
static PartitionBoundSpec *
parse_partition_bound(Parser *p)
{
    PartitionBoundSpec *b = makeNode(PartitionBoundSpec);

    b->location = CurToken(p)->loc;
    if (AcceptKeyword(p, KW_DEFAULT))
    {
        b->is_default = true;
        return b;
    }
    ExpectKeyword(p, KW_FOR);
    ExpectKeyword(p, KW_VALUES);
    b->location = CurToken(p)->loc;     /* IN / FROM / WITH, where PostgreSQL points */
    if (AcceptKeyword(p, KW_IN))
    {
        b->strategy = 'l';
        ExpectChar(p, '(');
        b->listdatums = ParseExprList(p);
        ExpectChar(p, ')');
    }
    else if (AcceptKeyword(p, KW_FROM))
    {
        b->strategy = 'r';
        b->lowerdatums = ParseRangeDatumList(p);
        ExpectKeyword(p, KW_TO);
        b->upperdatums = ParseRangeDatumList(p);
    }
    else
    {
        ExpectKeyword(p, KW_WITH);
        b->strategy = 'h';
        ExpectChar(p, '(');
        do
        {
            Token      *tok = CurToken(p);
            int64       v;

            if (tok->type != TOK_IDENT)
                SyntaxError(p, tok);
            NextToken(p);
            v = ParseSignedIconst(p);
            if (strcmp(tok->str, "modulus") == 0)
                b->modulus = (int) v;
            else if (strcmp(tok->str, "remainder") == 0)
                b->remainder = (int) v;
            else
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("unrecognized hash partition bound specification \"%s\"", tok->str),
                        errposition(ParserErrorPosition(p->scan.query, tok->loc)));
        } while (AcceptChar(p, ','));
        ExpectChar(p, ')');
    }
    return b;
}

/* ---------------------------------------------------------------- CREATE TABLE */

/* [WITH (...) | WITHOUT OIDS] [ON COMMIT ...] [TABLESPACE name] */
static void
parse_table_tail(Parser *p, List **options, RawOnCommitAction *oncommit, char **tablespace)
{
    if (PeekKeyword(p, 0, KW_WITH) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        *options = ParseRelOptions(p);
    }
    else if (PeekKeyword(p, 0, KW_WITHOUT) && PeekKeyword(p, 1, KW_OIDS))
    {
        NextToken(p);
        NextToken(p);
    }
    if (PeekKeyword(p, 0, KW_ON) && PeekKeyword(p, 1, KW_COMMIT))
    {
        NextToken(p);
        NextToken(p);
        if (AcceptKeyword(p, KW_DROP))
            *oncommit = RAW_ONCOMMIT_DROP;
        else if (AcceptKeyword(p, KW_DELETE))
        {
            ExpectKeyword(p, KW_ROWS);
            *oncommit = RAW_ONCOMMIT_DELETE_ROWS;
        }
        else
        {
            ExpectKeyword(p, KW_PRESERVE);
            ExpectKeyword(p, KW_ROWS);
            *oncommit = RAW_ONCOMMIT_PRESERVE_ROWS;
        }
    }
    if (AcceptKeyword(p, KW_TABLESPACE))
        *tablespace = ParseColId(p);
}

static Node *
parse_create_table_as(Parser *p, RangeVar *rel, List *colnames, bool if_not_exists)
{
    CreateTableAsStmt *ctas = makeNode(CreateTableAsStmt);
    IntoClause *into = makeNode(IntoClause);

    into->rel = rel;
    into->colNames = colnames;
    into->onCommit = RAW_ONCOMMIT_NOOP;
    if (AcceptKeyword(p, KW_USING))
        into->accessMethod = ParseColId(p);
    parse_table_tail(p, &into->options, &into->onCommit, &into->tableSpaceName);
    ExpectKeyword(p, KW_AS);
    ctas->query = ParseSelectStmt(p);
    if (PeekKeyword(p, 0, KW_WITH) &&
        (PeekKeyword(p, 1, KW_DATA) || PeekKeyword(p, 1, KW_NO)))
    {
        NextToken(p);
        if (AcceptKeyword(p, KW_NO))
            into->skipData = true;
        ExpectKeyword(p, KW_DATA);
    }
    ctas->into = into;
    ctas->objtype = OBJECT_TABLE;
    ctas->if_not_exists = if_not_exists;
    return (Node *) ctas;
}

static Node *
parse_create_table(Parser *p, char persistence)
{
    CreateStmt *cs = makeNode(CreateStmt);

    ExpectKeyword(p, KW_TABLE);
    cs->if_not_exists = parse_if_not_exists(p);
    cs->relation = ParseQualifiedName(p);
    cs->relation->relpersistence = persistence;
    cs->oncommit = RAW_ONCOMMIT_NOOP;

    if (PeekKeyword(p, 0, KW_AS))
        return parse_create_table_as(p, cs->relation, NIL, cs->if_not_exists);
    /* "(a, b)" of names only is CREATE TABLE AS's column list, as in PostgreSQL */
    if (PeekChar(p, 0, '(') && TokIsColId(PeekToken(p, 1)) &&
        (PeekChar(p, 2, ',') || PeekChar(p, 2, ')')))
    {
        List       *cols = ParseParenNameList(p);

        return parse_create_table_as(p, cs->relation, cols, cs->if_not_exists);
    }

    if (AcceptKeyword(p, KW_PARTITION))
    {
        ExpectKeyword(p, KW_OF);
        cs->inhRelations = list_make1(ParseQualifiedName(p));
        if (PeekChar(p, 0, '('))
        {
            NextToken(p);
            do
            {
                if (at_table_constraint(p))
                    cs->tableElts = lappend(cs->tableElts, parse_table_constraint(p));
                else
                    cs->tableElts = lappend(cs->tableElts, parse_column_def(p));
            } while (AcceptChar(p, ','));
            ExpectChar(p, ')');
        }
        cs->partbound = parse_partition_bound(p);
    }
    else
    {
        ExpectChar(p, '(');
        if (!PeekChar(p, 0, ')'))
        {
            do
            {
                if (at_table_constraint(p))
                    cs->tableElts = lappend(cs->tableElts, parse_table_constraint(p));
                else
                    cs->tableElts = lappend(cs->tableElts, parse_column_def(p));
            } while (AcceptChar(p, ','));
        }
        ExpectChar(p, ')');
        if (AcceptKeyword(p, KW_INHERITS))
        {
            ExpectChar(p, '(');
            cs->inhRelations = ParseQualifiedNameList(p);
            ExpectChar(p, ')');
        }
    }
    if (PeekKeyword(p, 0, KW_PARTITION))
        cs->partspec = parse_partition_spec(p);
    if (AcceptKeyword(p, KW_USING))
        cs->accessMethod = ParseColId(p);
    parse_table_tail(p, &cs->options, &cs->oncommit, &cs->tablespacename);
    return (Node *) cs;
}

/* ---------------------------------------------------------------- CREATE INDEX */

static IndexElem *
parse_index_elem(Parser *p)
{
    IndexElem  *ie = makeNode(IndexElem);
    Token      *tok = CurToken(p);

    ie->location = tok->loc;
    if (TokIsChar(tok, '('))
    {
        NextToken(p);
        ie->expr = ParseExpr(p);
        ExpectChar(p, ')');
    }
    else if (PeekChar(p, 1, '(') || (PeekChar(p, 1, '.') && PeekChar(p, 3, '(')))
        ie->expr = ParseExprPrec(p, PREC_TYPECAST, 0);
    else
        ie->name = ParseColId(p);
    if (AcceptKeyword(p, KW_COLLATE))
        ie->collation = ParseAnyName(p);
    tok = CurToken(p);
    if (TokIsColId(tok) && !(TokIsKeyword(tok, KW_NULLS) &&
                             (PeekKeyword(p, 1, KW_FIRST) || PeekKeyword(p, 1, KW_LAST))))
    {
        ie->opclass = ParseAnyName(p);
        if (PeekChar(p, 0, '('))
            ie->opclassopts = ParseRelOptions(p);
    }
    if (AcceptKeyword(p, KW_ASC))
        ie->ordering = SORTBY_ASC;
    else if (AcceptKeyword(p, KW_DESC))
        ie->ordering = SORTBY_DESC;
    if (PeekKeyword(p, 0, KW_NULLS) && (PeekKeyword(p, 1, KW_FIRST) || PeekKeyword(p, 1, KW_LAST)))
    {
        NextToken(p);
        ie->nulls_ordering = TokIsKeyword(NextToken(p), KW_FIRST) ? SORTBY_NULLS_FIRST
            : SORTBY_NULLS_LAST;
    }
    return ie;
}

List *
ParseIndexParams(Parser *p)
{
    List       *list = NIL;

    ExpectChar(p, '(');
    do
    {
        list = lappend(list, parse_index_elem(p));
    } while (AcceptChar(p, ','));
    ExpectChar(p, ')');
    return list;
}

static Node *
parse_create_index(Parser *p, bool unique)
{
    IndexStmt  *is = makeNode(IndexStmt);

    ExpectKeyword(p, KW_INDEX);
    is->unique = unique;
    is->concurrent = AcceptKeyword(p, KW_CONCURRENTLY);
    is->if_not_exists = parse_if_not_exists(p);
    if (is->if_not_exists || !PeekKeyword(p, 0, KW_ON))
        is->idxname = ParseColId(p);
    ExpectKeyword(p, KW_ON);
    is->relation = ParseRelationExpr(p);
    is->accessMethod = pstrdup("btree");
    if (AcceptKeyword(p, KW_USING))
        is->accessMethod = ParseColId(p);
    is->indexParams = ParseIndexParams(p);
    if (AcceptKeyword(p, KW_INCLUDE))
        is->indexIncludingParams = ParseIndexParams(p);
    if (PeekKeyword(p, 0, KW_NULLS))
    {
        NextToken(p);
        is->nulls_not_distinct = AcceptKeyword(p, KW_NOT);
        ExpectKeyword(p, KW_DISTINCT);
    }
    if (PeekKeyword(p, 0, KW_WITH) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        is->options = ParseRelOptions(p);
    }
    if (AcceptKeyword(p, KW_TABLESPACE))
        is->tableSpace = ParseColId(p);
    if (AcceptKeyword(p, KW_WHERE))
        is->whereClause = ParseExpr(p);
    return (Node *) is;
}

/* ---------------------------------------------------------------- other CREATEs */

static Node *
parse_create_view(Parser *p, bool replace, char persistence)
{
    ViewStmt   *v = makeNode(ViewStmt);

    ExpectKeyword(p, KW_VIEW);
    v->replace = replace;
    v->view = ParseQualifiedName(p);
    v->view->relpersistence = persistence;
    if (PeekChar(p, 0, '('))
        v->aliases = ParseParenNameList(p);
    if (PeekKeyword(p, 0, KW_WITH) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        v->options = ParseRelOptions(p);
    }
    ExpectKeyword(p, KW_AS);
    v->query = ParseSelectStmt(p);
    if (PeekKeyword(p, 0, KW_WITH))
    {
        NextToken(p);
        if (AcceptKeyword(p, KW_LOCAL))
            v->withCheckOption = LOCAL_CHECK_OPTION;
        else
        {
            AcceptKeyword(p, KW_CASCADED);
            v->withCheckOption = CASCADED_CHECK_OPTION;
        }
        ExpectKeyword(p, KW_CHECK);
        ExpectKeyword(p, KW_OPTION);
    }
    return (Node *) v;
}

static RoleSpec *
parse_role_spec(Parser *p)
{
    RoleSpec   *r = makeNode(RoleSpec);
    Token      *tok = CurToken(p);

    r->location = tok->loc;
    if (TokIsKeyword(tok, KW_CURRENT_USER))
        r->roletype = ROLESPEC_CURRENT_USER;
    else if (TokIsKeyword(tok, KW_CURRENT_ROLE))
        r->roletype = ROLESPEC_CURRENT_ROLE;
    else if (TokIsKeyword(tok, KW_SESSION_USER))
        r->roletype = ROLESPEC_SESSION_USER;
    else if (tok->type == TOK_IDENT && !tok->quoted && strcmp(tok->str, "public") == 0)
        r->roletype = ROLESPEC_PUBLIC;
    else if (TokIsNonReservedWord(tok))
    {
        r->roletype = ROLESPEC_CSTRING;
        r->rolename = tok->str;
    }
    else
        SyntaxError(p, tok);
    NextToken(p);
    return r;
}

static List *
parse_role_list(Parser *p)
{
    List       *list = NIL;

    do
    {
        list = lappend(list, parse_role_spec(p));
    } while (AcceptChar(p, ','));
    return list;
}

/* One option of CREATE/ALTER ROLE; NULL at the end of the option list. */
static DefElem *
parse_role_option(Parser *p, bool create)
{
    Token      *tok = CurToken(p);
    int         loc = tok->loc;
    static const struct
    {
        const char *word;
        const char *defname;
        bool        value;
    }           flags[] = {
        {"superuser", "superuser", true}, {"nosuperuser", "superuser", false},
        {"createdb", "createdb", true}, {"nocreatedb", "createdb", false},
        {"createrole", "createrole", true}, {"nocreaterole", "createrole", false},
        {"inherit", "inherit", true}, {"noinherit", "inherit", false},
        {"login", "canlogin", true}, {"nologin", "canlogin", false},
        {"replication", "isreplication", true}, {"noreplication", "isreplication", false},
        {"bypassrls", "bypassrls", true}, {"nobypassrls", "bypassrls", false},
    };

    if (tok->type != TOK_IDENT && tok->type != TOK_KEYWORD)
        return NULL;
    if (TokIsKeyword(tok, KW_PASSWORD) || TokIsKeyword(tok, KW_ENCRYPTED))
    {
        Token      *val;

        NextToken(p);
        if (tok->kw == KW_ENCRYPTED)
            ExpectKeyword(p, KW_PASSWORD);
        val = CurToken(p);
        if (TokIsKeyword(val, KW_NULL))
        {
            NextToken(p);
            return MakeDefElem("password", NULL, loc);
        }
        if (val->type != TOK_SCONST)
            SyntaxError(p, val);
        NextToken(p);
        return MakeDefElem("password", (Node *) makeString(val->str), loc);
    }
    if (TokIsKeyword(tok, KW_CONNECTION))
    {
        NextToken(p);
        ExpectKeyword(p, KW_LIMIT);
        return MakeDefElem("connectionlimit", (Node *) makeInteger((int32) ParseSignedIconst(p)),
                           loc);
    }
    if (TokIsKeyword(tok, KW_VALID))
    {
        Token      *val;

        NextToken(p);
        ExpectKeyword(p, KW_UNTIL);
        val = CurToken(p);
        if (val->type != TOK_SCONST)
            SyntaxError(p, val);
        NextToken(p);
        return MakeDefElem("validUntil", (Node *) makeString(val->str), loc);
    }
    if (create && TokIsKeyword(tok, KW_SYSID))
    {
        NextToken(p);
        return MakeDefElem("sysid", (Node *) makeInteger((int32) ParseSignedIconst(p)), loc);
    }
    if (create && TokIsKeyword(tok, KW_IN) && PeekKeyword(p, 1, KW_ROLE))
    {
        NextToken(p);
        NextToken(p);
        return MakeDefElem("addroleto", (Node *) parse_role_list(p), loc);
    }
    if (create && (TokIsKeyword(tok, KW_ROLE) || TokIsKeyword(tok, KW_USER)))
    {
        NextToken(p);
        return MakeDefElem("rolemembers", (Node *) parse_role_list(p), loc);
    }
    if (create && TokIsKeyword(tok, KW_ADMIN))
    {
        NextToken(p);
        return MakeDefElem("adminmembers", (Node *) parse_role_list(p), loc);
    }
    if (tok->type == TOK_IDENT || TokIsKeyword(tok, KW_INHERIT))
    {
        for (size_t i = 0; i < lengthof(flags); i++)
        {
            if (strcmp(tok->str, flags[i].word) == 0)
            {
                NextToken(p);
                return MakeDefElem(flags[i].defname, (Node *) makeBoolean(flags[i].value), loc);
            }
        }
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("unrecognized role option \"%s\"", tok->str),
                errposition(ParserErrorPosition(p->scan.query, loc)));
    }
    return NULL;
}

static List *
parse_role_options(Parser *p, bool create)
{
    List       *opts = NIL;
    DefElem    *d;

    AcceptKeyword(p, KW_WITH);
    while ((d = parse_role_option(p, create)) != NULL)
        opts = lappend(opts, d);
    return opts;
}

static Node *
parse_create_role(Parser *p)
{
    CreateRoleStmt *r = makeNode(CreateRoleStmt);
    Token      *tok = NextToken(p);
    Token      *name;

    r->stmt_type = tok->kw == KW_USER ? ROLESTMT_USER :
        tok->kw == KW_GROUP ? ROLESTMT_GROUP : ROLESTMT_ROLE;
    name = CurToken(p);
    if (!TokIsNonReservedWord(name))
        SyntaxError(p, name);
    NextToken(p);
    r->role = name->str;
    r->options = parse_role_options(p, true);
    return (Node *) r;
}

static Node *
parse_create_schema(Parser *p)
{
    CreateSchemaStmt *s = makeNode(CreateSchemaStmt);

    ExpectKeyword(p, KW_SCHEMA);
    s->if_not_exists = parse_if_not_exists(p);
    if (!PeekKeyword(p, 0, KW_AUTHORIZATION))
        s->schemaname = ParseColId(p);
    if (AcceptKeyword(p, KW_AUTHORIZATION))
        s->authrole = parse_role_spec(p);
    return (Node *) s;
}

static Node *
parse_create_database(Parser *p)
{
    CreatedbStmt *db = makeNode(CreatedbStmt);

    ExpectKeyword(p, KW_DATABASE);
    db->dbname = ParseColId(p);
    AcceptKeyword(p, KW_WITH);
    for (;;)
    {
        Token      *tok = CurToken(p);
        DefElem    *d;

        if (TokIsKeyword(tok, KW_CONNECTION))
        {
            NextToken(p);
            ExpectKeyword(p, KW_LIMIT);
            d = MakeDefElem("connection_limit", NULL, tok->loc);
        }
        else if (tok->type == TOK_IDENT || TokIsKeyword(tok, KW_ENCODING) ||
                 TokIsKeyword(tok, KW_LOCATION) || TokIsKeyword(tok, KW_OWNER) ||
                 TokIsKeyword(tok, KW_TABLESPACE) || TokIsKeyword(tok, KW_TEMPLATE))
        {
            NextToken(p);
            d = MakeDefElem(tok->str, NULL, tok->loc);
        }
        else
            break;
        AcceptChar(p, '=');
        if (AcceptKeyword(p, KW_DEFAULT))
            d->arg = NULL;
        else
            d->arg = ParseDefArg(p);
        db->options = lappend(db->options, d);
    }
    return (Node *) db;
}

/*
 * ParseSeqOptions -- sequence options (CREATE/ALTER SEQUENCE, identity
 * columns).  in_parens: stop at ')'.
 */
List *
ParseSeqOptions(Parser *p, bool in_parens)
{
    List       *opts = NIL;

    (void) in_parens;
    for (;;)
    {
        Token      *tok = CurToken(p);
        int         loc = tok->loc;
        Node       *num;

        if (AcceptKeyword(p, KW_AS))
            opts = lappend(opts, MakeDefElem("as", (Node *) ParseSimpleTypeName(p), loc));
        else if (AcceptKeyword(p, KW_INCREMENT))
        {
            AcceptKeyword(p, KW_BY);
            num = ParseDefArg(p);
            opts = lappend(opts, MakeDefElem("increment", num, loc));
        }
        else if (AcceptKeyword(p, KW_MINVALUE))
            opts = lappend(opts, MakeDefElem("minvalue", ParseDefArg(p), loc));
        else if (AcceptKeyword(p, KW_MAXVALUE))
            opts = lappend(opts, MakeDefElem("maxvalue", ParseDefArg(p), loc));
        else if (TokIsKeyword(tok, KW_NO))
        {
            NextToken(p);
            if (AcceptKeyword(p, KW_MINVALUE))
                opts = lappend(opts, MakeDefElem("minvalue", NULL, loc));
            else if (AcceptKeyword(p, KW_MAXVALUE))
                opts = lappend(opts, MakeDefElem("maxvalue", NULL, loc));
            else
            {
                ExpectKeyword(p, KW_CYCLE);
                opts = lappend(opts, MakeDefElem("cycle", (Node *) makeBoolean(false), loc));
            }
        }
        else if (AcceptKeyword(p, KW_START))
        {
            AcceptKeyword(p, KW_WITH);
            opts = lappend(opts, MakeDefElem("start", ParseDefArg(p), loc));
        }
        else if (AcceptKeyword(p, KW_RESTART))
        {
            Node       *arg = NULL;

            if (AcceptKeyword(p, KW_WITH) || CurToken(p)->type == TOK_ICONST ||
                PeekChar(p, 0, '-'))
                arg = ParseDefArg(p);
            opts = lappend(opts, MakeDefElem("restart", arg, loc));
        }
        else if (AcceptKeyword(p, KW_CACHE))
            opts = lappend(opts, MakeDefElem("cache", ParseDefArg(p), loc));
        else if (AcceptKeyword(p, KW_CYCLE))
            opts = lappend(opts, MakeDefElem("cycle", (Node *) makeBoolean(true), loc));
        else if (AcceptKeyword(p, KW_OWNED))
        {
            ExpectKeyword(p, KW_BY);
            opts = lappend(opts, MakeDefElem("owned_by", (Node *) ParseAnyName(p), loc));
        }
        else
            return opts;
    }
}

static Node *
parse_create_sequence(Parser *p, char persistence)
{
    CreateSeqStmt *s = makeNode(CreateSeqStmt);

    ExpectKeyword(p, KW_SEQUENCE);
    s->if_not_exists = parse_if_not_exists(p);
    s->sequence = ParseQualifiedName(p);
    s->sequence->relpersistence = persistence;
    s->options = ParseSeqOptions(p, false);
    return (Node *) s;
}

Node *
ParseCreateStmt(Parser *p)
{
    char        persistence = RELPERSISTENCE_PERMANENT;
    bool        replace = false;
    Token      *tok;

    ExpectKeyword(p, KW_CREATE);
    if (PeekKeyword(p, 0, KW_OR))
    {
        NextToken(p);
        ExpectKeyword(p, KW_REPLACE);
        replace = true;
    }
    if ((PeekKeyword(p, 0, KW_LOCAL) || PeekKeyword(p, 0, KW_GLOBAL)) &&
        (PeekKeyword(p, 1, KW_TEMP) || PeekKeyword(p, 1, KW_TEMPORARY)))
        NextToken(p);
    if (AcceptKeyword(p, KW_TEMP) || AcceptKeyword(p, KW_TEMPORARY))
        persistence = RELPERSISTENCE_TEMP;
    else if (AcceptKeyword(p, KW_UNLOGGED))
        persistence = RELPERSISTENCE_UNLOGGED;

    tok = CurToken(p);
    if (TokIsKeyword(tok, KW_VIEW))
        return parse_create_view(p, replace, persistence);
    if (replace)
        SyntaxError(p, tok);
    if (TokIsKeyword(tok, KW_TABLE))
        return parse_create_table(p, persistence);
    if (TokIsKeyword(tok, KW_SEQUENCE))
        return parse_create_sequence(p, persistence);
    if (persistence != RELPERSISTENCE_PERMANENT)
        SyntaxError(p, tok);
    if (TokIsKeyword(tok, KW_UNIQUE))
    {
        NextToken(p);
        return parse_create_index(p, true);
    }
    if (TokIsKeyword(tok, KW_INDEX))
        return parse_create_index(p, false);
    if (TokIsKeyword(tok, KW_SCHEMA))
        return parse_create_schema(p);
    if (TokIsKeyword(tok, KW_DATABASE))
        return parse_create_database(p);
    if (TokIsKeyword(tok, KW_ROLE) || TokIsKeyword(tok, KW_USER) || TokIsKeyword(tok, KW_GROUP))
        return parse_create_role(p);
    SyntaxError(p, tok);
}

/* ---------------------------------------------------------------- DROP */

Node *
ParseDropStmt(Parser *p)
{
    DropStmt   *d = makeNode(DropStmt);
    Token      *tok;

    ExpectKeyword(p, KW_DROP);
    tok = NextToken(p);
    switch (tok->type == TOK_KEYWORD ? tok->kw : -1)
    {
        case KW_TABLE:
            d->removeType = OBJECT_TABLE;
            break;
        case KW_SEQUENCE:
            d->removeType = OBJECT_SEQUENCE;
            break;
        case KW_VIEW:
            d->removeType = OBJECT_VIEW;
            break;
        case KW_MATERIALIZED:
            ExpectKeyword(p, KW_VIEW);
            d->removeType = OBJECT_MATVIEW;
            break;
        case KW_INDEX:
            d->removeType = OBJECT_INDEX;
            d->concurrent = AcceptKeyword(p, KW_CONCURRENTLY);
            break;
        case KW_TYPE:
            d->removeType = OBJECT_TYPE;
            break;
        case KW_SCHEMA:
            d->removeType = OBJECT_SCHEMA;
            break;
        case KW_DATABASE:
            d->removeType = OBJECT_DATABASE;
            break;
        case KW_ROLE:
        case KW_USER:
        case KW_GROUP:
            d->removeType = OBJECT_ROLE;
            break;
        default:
            SyntaxError(p, tok);
    }
    d->missing_ok = parse_if_exists(p);
    switch (d->removeType)
    {
        case OBJECT_SCHEMA:
            d->objects = NIL;
            do
            {
                d->objects = lappend(d->objects, list_make1(makeString(ParseColId(p))));
            } while (AcceptChar(p, ','));
            d->behavior = ParseOptDropBehavior(p);
            break;
        case OBJECT_DATABASE:
            d->objects = list_make1(list_make1(makeString(ParseColId(p))));
            if (PeekKeyword(p, 0, KW_WITH) || PeekChar(p, 0, '('))
            {
                AcceptKeyword(p, KW_WITH);
                ExpectChar(p, '(');
                do
                {
                    Token      *opt = CurToken(p);

                    if (!TokIsKeyword(opt, KW_FORCE))
                        SyntaxError(p, opt);
                    NextToken(p);
                    d->options = lappend(d->options, MakeDefElem("force", NULL, opt->loc));
                } while (AcceptChar(p, ','));
                ExpectChar(p, ')');
            }
            break;
        case OBJECT_ROLE:
            do
            {
                Token      *name = CurToken(p);

                if (!TokIsNonReservedWord(name))
                    SyntaxError(p, name);
                NextToken(p);
                d->objects = lappend(d->objects, list_make1(makeString(name->str)));
            } while (AcceptChar(p, ','));
            break;
        default:
            d->objects = ParseAnyNameList(p);
            d->behavior = ParseOptDropBehavior(p);
            break;
    }
    return (Node *) d;
}

/* ---------------------------------------------------------------- TRUNCATE */

Node *
ParseTruncateStmt(Parser *p)
{
    TruncateStmt *t = makeNode(TruncateStmt);

    ExpectKeyword(p, KW_TRUNCATE);
    AcceptKeyword(p, KW_TABLE);
    do
    {
        t->relations = lappend(t->relations, ParseRelationExpr(p));
    } while (AcceptChar(p, ','));
    if (AcceptKeyword(p, KW_RESTART))
    {
        ExpectKeyword(p, KW_IDENTITY);
        t->restart_seqs = true;
    }
    else if (AcceptKeyword(p, KW_CONTINUE))
        ExpectKeyword(p, KW_IDENTITY);
    t->behavior = ParseOptDropBehavior(p);
    return (Node *) t;
}

/* ---------------------------------------------------------------- ALTER */

static AlterTableCmd *
make_cmd(AlterTableType type)
{
    AlterTableCmd *c = makeNode(AlterTableCmd);

    c->subtype = type;
    c->recurse = true;
    return c;
}

/* ALTER [COLUMN] col ... */
static AlterTableCmd *
parse_alter_column(Parser *p)
{
    char       *col;
    AlterTableCmd *c;

    AcceptKeyword(p, KW_COLUMN);
    col = ParseColId(p);
    if (AcceptKeyword(p, KW_SET))
    {
        if (AcceptKeyword(p, KW_DEFAULT))
        {
            c = make_cmd(AT_ColumnDefault);
            c->def = ParseExpr(p);
        }
        else if (AcceptKeyword(p, KW_NOT))
        {
            ExpectKeyword(p, KW_NULL);
            c = make_cmd(AT_SetNotNull);
        }
        else if (AcceptKeyword(p, KW_STATISTICS))
        {
            c = make_cmd(AT_SetStatistics);
            c->def = (Node *) makeInteger((int32) ParseSignedIconst(p));
        }
        else if (AcceptKeyword(p, KW_STORAGE))
        {
            c = make_cmd(AT_SetStorage);
            c->def = (Node *) makeString(ParseColId(p));
        }
        else if (AcceptKeyword(p, KW_DATA))
        {
            ExpectKeyword(p, KW_TYPE);
            goto alter_type;
        }
        else
            SyntaxErrorAtCurrent(p);
    }
    else if (AcceptKeyword(p, KW_DROP))
    {
        if (AcceptKeyword(p, KW_DEFAULT))
            c = make_cmd(AT_ColumnDefault);
        else
        {
            ExpectKeyword(p, KW_NOT);
            ExpectKeyword(p, KW_NULL);
            c = make_cmd(AT_DropNotNull);
        }
    }
    else if (AcceptKeyword(p, KW_TYPE))
    {
        ColumnDef  *cd;

alter_type:
        c = make_cmd(AT_AlterColumnType);
        cd = makeNode(ColumnDef);
        cd->location = CurToken(p)->loc;
        cd->typeName = ParseTypeName(p);
        if (AcceptKeyword(p, KW_COLLATE))
        {
            cd->collClause = makeNode(CollateClause);
            cd->collClause->collname = ParseAnyName(p);
            cd->collClause->location = -1;
        }
        if (AcceptKeyword(p, KW_USING))
            cd->raw_default = ParseExpr(p);
        c->def = (Node *) cd;
    }
    else
        SyntaxErrorAtCurrent(p);
    c->name = col;
    return c;
}

/* RENAME ...: returns a RenameStmt for relation rv of kind objtype */
static Node *
parse_rename(Parser *p, RangeVar *rv, ObjectType objtype, bool missing_ok)
{
    RenameStmt *r = makeNode(RenameStmt);

    ExpectKeyword(p, KW_RENAME);
    r->relation = rv;
    r->relationType = objtype;
    r->missing_ok = missing_ok;
    if (AcceptKeyword(p, KW_TO))
    {
        r->renameType = objtype;
        r->newname = ParseColId(p);
        return (Node *) r;
    }
    if (AcceptKeyword(p, KW_CONSTRAINT))
        r->renameType = OBJECT_TABCONSTRAINT;
    else
    {
        AcceptKeyword(p, KW_COLUMN);
        r->renameType = OBJECT_COLUMN;
    }
    r->subname = ParseColId(p);
    ExpectKeyword(p, KW_TO);
    r->newname = ParseColId(p);
    return (Node *) r;
}

static AlterTableCmd *
parse_alter_table_cmd(Parser *p)
{
    Token      *tok = CurToken(p);
    AlterTableCmd *c;

    if (AcceptKeyword(p, KW_ADD))
    {
        if (at_table_constraint(p))
        {
            c = make_cmd(AT_AddConstraint);
            c->def = (Node *) parse_table_constraint(p);
            return c;
        }
        AcceptKeyword(p, KW_COLUMN);
        c = make_cmd(AT_AddColumn);
        c->missing_ok = parse_if_not_exists(p);
        c->def = (Node *) parse_column_def(p);
        return c;
    }
    if (AcceptKeyword(p, KW_DROP))
    {
        if (AcceptKeyword(p, KW_CONSTRAINT))
        {
            c = make_cmd(AT_DropConstraint);
            c->missing_ok = parse_if_exists(p);
            c->name = ParseColId(p);
            c->behavior = ParseOptDropBehavior(p);
            return c;
        }
        AcceptKeyword(p, KW_COLUMN);
        c = make_cmd(AT_DropColumn);
        c->missing_ok = parse_if_exists(p);
        c->name = ParseColId(p);
        c->behavior = ParseOptDropBehavior(p);
        return c;
    }
    if (AcceptKeyword(p, KW_ALTER))
    {
        if (PeekKeyword(p, 0, KW_CONSTRAINT))
            SyntaxErrorAtCurrent(p);
        return parse_alter_column(p);
    }
    if (TokIsKeyword(tok, KW_SET) && PeekChar(p, 1, '('))
    {
        NextToken(p);
        c = make_cmd(AT_SetRelOptions);
        c->def = (Node *) ParseRelOptions(p);
        return c;
    }
    if (TokIsKeyword(tok, KW_SET) && (PeekKeyword(p, 1, KW_LOGGED) || PeekKeyword(p, 1, KW_UNLOGGED)))
    {
        NextToken(p);
        return make_cmd(TokIsKeyword(NextToken(p), KW_LOGGED) ? AT_SetLogged : AT_SetUnLogged);
    }
    if (AcceptKeyword(p, KW_RESET))
    {
        c = make_cmd(AT_ResetRelOptions);
        c->def = (Node *) ParseRelOptions(p);
        return c;
    }
    if (AcceptKeyword(p, KW_OWNER))
    {
        ExpectKeyword(p, KW_TO);
        c = make_cmd(AT_ChangeOwner);
        c->newowner = parse_role_spec(p);
        return c;
    }
    if (AcceptKeyword(p, KW_VALIDATE))
    {
        ExpectKeyword(p, KW_CONSTRAINT);
        c = make_cmd(AT_ValidateConstraint);
        c->name = ParseColId(p);
        return c;
    }
    if (TokIsKeyword(tok, KW_PARTITION) && PeekKeyword(p, 1, KW_BY))
    {
        c = make_cmd(AT_PartitionBy);
        c->def = (Node *) parse_partition_spec(p);
        return c;
    }
    /* ATTACH PARTITION name FOR VALUES ... | DEFAULT; DETACH PARTITION name [CONCURRENTLY | FINALIZE] */
    if ((TokIsKeyword(tok, KW_ATTACH) || TokIsKeyword(tok, KW_DETACH)) &&
        PeekKeyword(p, 1, KW_PARTITION))
    {
        bool        attach = TokIsKeyword(tok, KW_ATTACH);
        RangeVar   *part;

        NextToken(p);
        NextToken(p);
        part = ParseQualifiedName(p);
        c = make_cmd(attach ? AT_AttachPartition : AT_DetachPartition);
        if (attach)
            c->def = (Node *) list_make2(part, parse_partition_bound(p));
        else
        {
            c->def = (Node *) list_make1(part);
            if (AcceptKeyword(p, KW_CONCURRENTLY))
                c->name = pstrdup("concurrently");
            else if (AcceptKeyword(p, KW_FINALIZE))
                c->name = pstrdup("finalize");
        }
        return c;
    }
    SyntaxError(p, tok);
}

static Node *
parse_alter_relation(Parser *p, ObjectType objtype)
{
    AlterTableStmt *a = makeNode(AlterTableStmt);

    a->objtype = objtype;
    a->missing_ok = parse_if_exists(p);
    a->relation = ParseRelationExpr(p);
    if (PeekKeyword(p, 0, KW_RENAME))
        return parse_rename(p, a->relation, objtype, a->missing_ok);
    if (objtype == OBJECT_SEQUENCE)
    {
        AlterSeqStmt *s = makeNode(AlterSeqStmt);

        s->sequence = a->relation;
        s->missing_ok = a->missing_ok;
        s->options = ParseSeqOptions(p, false);
        if (s->options == NIL)
            SyntaxErrorAtCurrent(p);
        return (Node *) s;
    }
    do
    {
        a->cmds = lappend(a->cmds, parse_alter_table_cmd(p));
    } while (AcceptChar(p, ','));
    return (Node *) a;
}

/* ALTER SCHEMA|DATABASE name RENAME TO n / OWNER TO r */
static Node *
parse_alter_named(Parser *p, ObjectType objtype)
{
    RenameStmt *r = makeNode(RenameStmt);
    char       *name = ParseColId(p);

    ExpectKeyword(p, KW_RENAME);
    ExpectKeyword(p, KW_TO);
    r->renameType = objtype;
    r->object = (Node *) makeString(name);
    r->subname = name;
    r->newname = ParseColId(p);
    return (Node *) r;
}

static Node *
parse_alter_role(Parser *p)
{
    AlterRoleStmt *a = makeNode(AlterRoleStmt);

    NextToken(p);
    a->role = parse_role_spec(p);
    if (PeekKeyword(p, 0, KW_RENAME))
    {
        RenameStmt *r = makeNode(RenameStmt);

        if (a->role->roletype != ROLESPEC_CSTRING)
            SyntaxErrorAtCurrent(p);
        NextToken(p);
        ExpectKeyword(p, KW_TO);
        r->renameType = OBJECT_ROLE;
        r->object = (Node *) makeString(a->role->rolename);
        r->subname = a->role->rolename;
        r->newname = ParseNonReservedWord(p);
        return (Node *) r;
    }
    a->action = 1;
    a->options = parse_role_options(p, false);
    if (a->options == NIL)
        SyntaxErrorAtCurrent(p);
    return (Node *) a;
}

Node *
ParseAlterStmt(Parser *p)
{
    Token      *tok;

    ExpectKeyword(p, KW_ALTER);
    tok = NextToken(p);
    switch (tok->type == TOK_KEYWORD ? tok->kw : -1)
    {
        case KW_TABLE:
            return parse_alter_relation(p, OBJECT_TABLE);
        case KW_INDEX:
            return parse_alter_relation(p, OBJECT_INDEX);
        case KW_VIEW:
            return parse_alter_relation(p, OBJECT_VIEW);
        case KW_SEQUENCE:
            return parse_alter_relation(p, OBJECT_SEQUENCE);
        case KW_SCHEMA:
            return parse_alter_named(p, OBJECT_SCHEMA);
        case KW_DATABASE:
            return parse_alter_named(p, OBJECT_DATABASE);
        case KW_ROLE:
        case KW_USER:
        case KW_GROUP:
            p->pos--;
            return parse_alter_role(p);
        default:
            SyntaxError(p, tok);
    }
}
