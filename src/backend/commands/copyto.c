/*
 * copyto.c
 *     COPY table [(columns)] TO STDOUT and COPY (query) TO STDOUT: the rows
 *     of a query sent as CopyData lines in text or CSV format.
 * Entry point: CopyTo().
 *
 * The table form runs "SELECT columns FROM ONLY table" through the normal
 * planner and executor (so it sees exactly what a SELECT would); a
 * DestReceiver formats each row.  Text format escapes backslash, the
 * delimiter and control characters; CSV quotes a value containing the
 * delimiter, the quote, CR or LF, one equal to the NULL string, and every
 * value of FORCE_QUOTE columns.
 */
#include "rustydb.h"

#include "access/snapshot.h"
#include "catalog/namespace.h"
#include "copy_int.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqcopy.h"
#include "nodes/value.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/relcache.h"

typedef struct CopyToReceiver
{
    DestReceiver pub;
    CopyOptions *opts;
    TupleDesc   desc;           /* the output columns (set at startup) */
    bool       *force_quote;    /* per output column */
    StringInfoData line;
    MemoryContext rowcxt;
    uint64      rows;
} CopyToReceiver;

static void
append_text_value(StringInfo out, const char *s, char delim)
{
    for (const char *p = s; *p; p++)
    {
        char        c = *p;

        switch (c)
        {
            case '\\':
                appendStringInfoString(out, "\\\\");
                break;
            case '\n':
                appendStringInfoString(out, "\\n");
                break;
            case '\r':
                appendStringInfoString(out, "\\r");
                break;
            case '\t':
                appendStringInfoString(out, delim == '\t' ? "\\t" : "\t");
                break;
            case '\b':
                appendStringInfoString(out, "\\b");
                break;
            case '\f':
                appendStringInfoString(out, "\\f");
                break;
            case '\v':
                appendStringInfoString(out, "\\v");
                break;
            default:
                if (c == delim)
                    appendStringInfoChar(out, '\\');
                appendStringInfoChar(out, c);
                break;
        }
    }
}

static void
append_csv_value(StringInfo out, const char *s, const CopyOptions *o, bool force)
{
    bool        quote = force || (o->null_len == (int) strlen(s) && strcmp(s, o->null_print) == 0);

    /* PostgreSQL also quotes a lone "\." so it is not read as end-of-data */
    if (!quote && s[0] == '\\' && s[1] == '.' && s[2] == '\0')
        quote = true;
    for (const char *p = s; *p && !quote; p++)
        if (*p == o->delim || *p == o->quote || *p == '\n' || *p == '\r')
            quote = true;
    if (!quote)
    {
        appendStringInfoString(out, s);
        return;
    }
    appendStringInfoChar(out, o->quote);
    for (const char *p = s; *p; p++)
    {
        if (*p == o->quote || *p == o->escape)
            appendStringInfoChar(out, o->escape);
        appendStringInfoChar(out, *p);
    }
    appendStringInfoChar(out, o->quote);
}

static void
copyto_startup(DestReceiver *self, TupleDesc desc)
{
    CopyToReceiver *r = (CopyToReceiver *) self;

    r->desc = desc;
    pq_copy_begin_out(desc->natts);
    if (r->opts->header)
    {
        resetStringInfo(&r->line);
        for (int i = 0; i < desc->natts; i++)
        {
            const char *name = TupleDescAttr(desc, i)->attname.data;

            if (i > 0)
                appendStringInfoChar(&r->line, r->opts->delim);
            if (r->opts->csv)
                append_csv_value(&r->line, name, r->opts, false);
            else
                append_text_value(&r->line, name, r->opts->delim);
        }
        appendStringInfoChar(&r->line, '\n');
        pq_copy_send_data(r->line.data, r->line.len);
    }
    r->force_quote = (bool *) palloc0(sizeof(bool) * (desc->natts + 1));
    for (int i = 0; i < desc->natts; i++)
    {
        ListCell   *lc;

        r->force_quote[i] = r->opts->force_quote_all;
        foreach(lc, r->opts->force_quote)
            if (strcmp(strVal(lfirst(lc)), TupleDescAttr(desc, i)->attname.data) == 0)
                r->force_quote[i] = true;
    }
}

static bool
copyto_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    CopyToReceiver *r = (CopyToReceiver *) self;
    MemoryContext old = MemoryContextSwitchTo(r->rowcxt);

    resetStringInfo(&r->line);
    for (int i = 0; i < r->desc->natts; i++)
    {
        if (i > 0)
            appendStringInfoChar(&r->line, r->opts->delim);
        if (isnull[i])
            appendStringInfoString(&r->line, r->opts->null_print);
        else
        {
            char       *s = OutputFunctionCall(TupleDescAttr(r->desc, i)->atttypid, values[i]);

            if (r->opts->csv)
                append_csv_value(&r->line, s, r->opts, r->force_quote[i]);
            else
                append_text_value(&r->line, s, r->opts->delim);
        }
    }
    appendStringInfoChar(&r->line, '\n');
    pq_copy_send_data(r->line.data, r->line.len);
    MemoryContextSwitchTo(old);
    MemoryContextReset(r->rowcxt);
    r->rows++;
    return true;
}

static void
copyto_shutdown(DestReceiver *self)
{
    (void) self;
    pq_copy_end_out();
}

static void
copyto_destroy(DestReceiver *self)
{
    (void) self;
}

/* The query COPY TO runs: the given one, or SELECT columns FROM ONLY table. */
static Query *
copy_query(CopyStmt *stmt, const char *query_string, CopyOptions *opts)
{
    RawStmt    *raw;
    Query      *query;

    if (stmt->relation != NULL)
    {
        Relation    rel = table_openrv(stmt->relation, AccessShareLock);
        List       *cols;
        StringInfoData sql;
        ListCell   *lc;
        List       *raws;

        if (rel->rd_relkind != RELKIND_RELATION)
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("cannot copy from %s \"%s\"",
                           rel->rd_relkind == RELKIND_VIEW ? "view" : "non-table relation",
                           RelationGetRelationName(rel)),
                    errhint("Try the COPY (SELECT ...) TO variant."));
        cols = CopyColumnList(rel, stmt->attlist);
        initStringInfo(&sql);
        appendStringInfoString(&sql, "SELECT ");
        foreach(lc, cols)
            appendStringInfo(&sql, "%s%s", foreach_current_index(lc) ? ", " : "",
                             QuoteIdentifier(TupleDescAttr(RelationGetDescr(rel),
                                                           lfirst_int(lc) - 1)->attname.data));
        appendStringInfo(&sql, " FROM ONLY %s.%s",
                         QuoteIdentifier(NamespaceNameById(RelationGetNamespace(rel))),
                         QuoteIdentifier(RelationGetRelationName(rel)));
        table_close(rel, NoLock);
        raws = RawParser(sql.data);
        query = parse_analyze((RawStmt *) linitial(raws), sql.data, NULL, 0);
    }
    else
    {
        raw = makeNode(RawStmt);
        raw->stmt = stmt->query;
        raw->stmt_location = 0;
        raw->stmt_len = 0;
        query = parse_analyze(raw, query_string, NULL, 0);
        if (query->commandType != CMD_SELECT)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("COPY (query) TO supports only SELECT queries"));
        if (stmt->attlist != NIL)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("column list is not allowed with COPY (query)"));
    }
    (void) opts;
    return query;
}

uint64
CopyTo(CopyStmt *stmt, const char *query_string, CopyOptions *opts)
{
    Query      *query = copy_query(stmt, query_string, opts);
    PlannedStmt *planned = planner(query);
    CopyToReceiver r;
    QueryDesc  *qd;

    memset(&r, 0, sizeof(r));
    r.pub.startup = copyto_startup;
    r.pub.receive = copyto_receive;
    r.pub.shutdown = copyto_shutdown;
    r.pub.destroy = copyto_destroy;
    r.pub.mydest = DestNone;
    r.opts = opts;
    r.rowcxt = MemoryContextCreate(CurrentMemoryContext, "COPY TO row");
    initStringInfo(&r.line);

    PushActiveSnapshot(GetTransactionSnapshot());
    qd = CreateQueryDesc(planned, &r.pub, NULL);
    ExecutorStart(qd, 0);
    (void) ExecutorRun(qd, 0);
    ExecutorEnd(qd);
    PopActiveSnapshot();
    MemoryContextDelete(r.rowcxt);
    return r.rows;
}
