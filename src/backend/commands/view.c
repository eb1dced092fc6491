/*
 * view.c
 *     CREATE [OR REPLACE] VIEW: a pg_class row (relkind 'v') with the
 *     query's columns and a pg_rewrite "_RETURN" row holding the SELECT's
 *     SQL text.
 * Entry points: ExecCreateViewStmt(), DefineViewFromText().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/view.h"
#include "commands_int.h"
#include "miscadmin.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Column layout of the query in select_text, with aliases applied. */
static TupleDesc
view_query_desc(const char *select_text, List *aliases)
{
    List       *raws = RawParser(select_text);
    RawStmt    *raw;
    Query      *query;
    TupleDesc   desc;
    ListCell   *lc;

    if (list_length(raws) != 1 || !IsA(((RawStmt *) linitial(raws))->stmt, SelectStmt))
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("a view must be defined by a single SELECT statement"));
    raw = linitial(raws);
    query = parse_analyze(raw, select_text, NULL, 0);
    if (query->commandType != CMD_SELECT)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("a view must be defined by a single SELECT statement"));
    desc = QueryResultDesc(query);
    if (desc == NULL)
        elog(ERROR, "view query returns no columns");
    desc = CreateTupleDescCopy(desc);
    if (list_length(aliases) > desc->natts)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("CREATE VIEW specifies more column names than columns"));
    foreach(lc, aliases)
        snprintf(TupleDescAttr(desc, foreach_current_index(lc))->attname.data, NAMEDATALEN, "%s",
                 strVal(lfirst(lc)));
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        /* As PostgreSQL 10+: unknown-type literals become text. */
        if (att->atttypid == UNKNOWNOID)
            TupleDescInitEntry(desc, i + 1, NameStr(att->attname), TEXTOID, -1);
        att = TupleDescAttr(desc, i);
        att->attnotnull = false;
        att->atthasdef = false;
        att->attisdropped = false;
        att->attstattarget = -1;
        for (int j = 0; j < i; j++)
        {
            if (strcmp(NameStr(TupleDescAttr(desc, j)->attname), NameStr(att->attname)) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                        errmsg("column \"%s\" specified more than once", NameStr(att->attname)));
        }
    }
    return desc;
}

static void
set_natts(FormData_pg_class *row, void *arg)
{
    row->relnatts = (int16) (intptr_t) arg;
}

/* OR REPLACE: the new query may only add columns at the end. */
static void
replace_view(Oid viewid, const char *relname, TupleDesc desc, const char *select_text)
{
    Relation    old = table_open(viewid, AccessExclusiveLock);
    TupleDesc   olddesc = RelationGetDescr(old);
    Relation    rel;
    FormData_pg_rewrite rule;

    CheckOwnership(RelationGetOwner(old), "view", relname);
    if (desc->natts < olddesc->natts)
        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                errmsg("cannot drop columns from view"));
    for (int i = 0; i < olddesc->natts; i++)
    {
        Attribute   o = TupleDescAttr(olddesc, i);
        Attribute   n = TupleDescAttr(desc, i);

        if (strcmp(NameStr(o->attname), NameStr(n->attname)) != 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("cannot change name of view column \"%s\" to \"%s\"",
                           NameStr(o->attname), NameStr(n->attname)),
                    errhint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead."));
        if (o->atttypid != n->atttypid || o->atttypmod != n->atttypmod)
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("cannot change data type of view column \"%s\" from %s to %s",
                           NameStr(o->attname), FormatTypeWithTypmod(o->atttypid, o->atttypmod),
                           FormatTypeWithTypmod(n->atttypid, n->atttypmod)));
    }
    rel = table_open(AttributeRelationId, RowExclusiveLock);
    for (int i = olddesc->natts; i < desc->natts; i++)
    {
        FormData_pg_attribute attrow;

        AttributeRowFromDesc(viewid, TupleDescAttr(desc, i), i + 1, &attrow);
        CatalogInsertRow(rel, &attrow);
    }
    table_close(rel, RowExclusiveLock);
    if (desc->natts != olddesc->natts)
        UpdateClassRow(viewid, set_natts, (void *) (intptr_t) desc->natts);
    table_close(old, NoLock);

    DeleteCatalogRows(RewriteRelationId, offsetof(FormData_pg_rewrite, ev_class), viewid);
    memset(&rule, 0, sizeof(rule));
    rule.oid = GetNewObjectId();
    snprintf(rule.rulename.data, NAMEDATALEN, "_RETURN");
    rule.ev_class = viewid;
    rule.ev_type = '1';
    rule.ev_enabled = 'O';
    rule.is_instead = true;
    rule.ev_action = (char *) select_text;
    rel = table_open(RewriteRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &rule);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(viewid);
}

Oid
DefineViewFromText(Oid nspid, const char *relname, const char *select_text, List *aliases,
                   bool replace)
{
    TupleDesc   desc = view_query_desc(select_text, aliases);
    Oid         existing = RelnameGetRelidInNamespace(nspid, relname);
    FormData_pg_rewrite rule;
    Relation    rel;
    Oid         viewid;

    if (OidIsValid(existing))
    {
        FormData_pg_class row;

        if (!replace)
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", relname));
        if (!RelationClassRowById(existing, &row) || row.relkind != RELKIND_VIEW)
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("\"%s\" is not a view", relname));
        replace_view(existing, relname, desc, select_text);
        CommandCounterIncrement();
        return existing;
    }
    viewid = RelationCreate(relname, nspid, RELKIND_VIEW,
                            IsTempNamespace(nspid) ? RELPERSISTENCE_TEMP : RELPERSISTENCE_PERMANENT,
                            desc, NULL, MyRoleId, NULL);
    memset(&rule, 0, sizeof(rule));
    rule.oid = GetNewObjectId();
    snprintf(rule.rulename.data, NAMEDATALEN, "_RETURN");
    rule.ev_class = viewid;
    rule.ev_type = '1';
    rule.ev_enabled = 'O';
    rule.is_instead = true;
    rule.ev_action = (char *) select_text;
    rel = table_open(RewriteRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &rule);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(viewid);
    CommandCounterIncrement();
    return viewid;
}

/* Does the analyzed query read a temporary relation (FROM lists, subqueries, WITH)? */
static bool
query_uses_temp(Query *query)
{
    ListCell   *lc;

    foreach(lc, query->rtable)
    {
        RangeTblEntry *rte = lfirst(lc);
        FormData_pg_class row;

        if (rte->rtekind == RTE_RELATION && RelationClassRowById(rte->relid, &row) &&
            row.relpersistence == RELPERSISTENCE_TEMP)
            return true;
        if (rte->rtekind == RTE_SUBQUERY && rte->subquery != NULL &&
            query_uses_temp(rte->subquery))
            return true;
    }
    foreach(lc, query->cteList)
    {
        CommonTableExpr *cte = lfirst(lc);

        if (cte->ctequery != NULL && IsA(cte->ctequery, Query) &&
            query_uses_temp((Query *) cte->ctequery))
            return true;
    }
    return false;
}

static bool
view_text_uses_temp(const char *select_text)
{
    List       *raws = RawParser(select_text);

    if (list_length(raws) != 1)
        return false;           /* view_query_desc reports it */
    return query_uses_temp(parse_analyze(linitial(raws), select_text, NULL, 0));
}

void
ExecCreateViewStmt(ViewStmt *stmt, const char *query_string)
{
    Oid         nspid;
    char       *select_text;

    if (stmt->withCheckOption != NO_CHECK_OPTION)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("WITH CHECK OPTION is not supported yet"));
    if (stmt->options != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("view options are not supported yet"));
    select_text = ViewSelectText(query_string, stmt->view->location);
    /* As PostgreSQL: a view over a temporary relation is temporary itself. */
    if (stmt->view->relpersistence != RELPERSISTENCE_TEMP && view_text_uses_temp(select_text))
    {
        ereport(NOTICE, errmsg("view \"%s\" will be a temporary view", stmt->view->relname));
        stmt->view->relpersistence = RELPERSISTENCE_TEMP;
    }
    /* PostgreSQL reports CREATE VIEW's namespace errors without a position */
    stmt->view->location = -1;
    nspid = RangeVarGetCreationNamespace(stmt->view);
    (void) DefineViewFromText(nspid, stmt->view->relname, select_text, stmt->aliases,
                              stmt->replace);
}
