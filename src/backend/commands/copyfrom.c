/*
 * copyfrom.c
 *     COPY table [(columns)] FROM STDIN: parse text or CSV lines arriving
 *     as CopyData, convert each field with its type's input function, fill
 *     the other columns with their defaults, check constraints, insert the
 *     row and its index entries, and run foreign-key checks at the end.
 * Entry point: CopyFrom().
 *
 * Partitioned tables: each row goes to its partition (23514 if none, as
 * INSERT), whose constraints and indexes are opened on first use; a
 * partition copied into directly checks its bound; unique constraints
 * across partitions (executor/execPartition.c) are checked per row.
 *
 * All or nothing: any error aborts the statement's transaction, so no row
 * of a failed COPY is ever visible.  Errors carry PostgreSQL's context
 * line: "COPY t, line 3, column b: "abc"" for a bad value, "COPY t, line
 * 3: "<line>"" for a malformed line, "COPY t, line 3" for a constraint.
 *
 * Text format: one row per line (LF or CR LF), fields split on the
 * delimiter, the NULL string (default \N) compared before de-escaping,
 * backslash escapes \b \f \n \r \t \v \\ \ooo \xhh and \<c>; a line "\."
 * ends the data.  CSV: fields may be quoted (quote char doubled, or
 * preceded by ESCAPE, inside); a quoted field may span lines; an unquoted
 * field equal to the NULL string (default empty) is NULL unless its
 * column is in FORCE_NOT_NULL.
 */
#include "rustydb.h"

#include <ctype.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/xact.h"
#include "copy_int.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqcopy.h"
#include "miscadmin.h"
#include "nodes/value.h"
#include "parser/analyze.h"
#include "partitioning/partition.h"
#include "pgstat.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/relcache.h"

typedef struct CopyFromState
{
    Relation    rel;
    CopyOptions *opts;
    int         ncols;          /* columns in the input */
    int        *attnums;        /* 1-based table column of each input column */
    bool       *force_notnull;  /* per input column */
    StringInfoData raw;         /* unconsumed input */
    int         rawpos;         /* start of the next line in raw */
    bool        input_done;     /* CopyDone received */
    bool        eod_seen;       /* "\." read: ignore the rest */
    StringInfoData line;        /* the current line, without its terminator */
    char      **fields;         /* per input column (into fieldbuf), NULL = SQL NULL */
    StringInfoData fieldbuf;
    /* error context */
    uint64      lineno;
    int         curcol;         /* input column being converted, or -1 */
    bool        in_line;        /* parsing the line: show it in the context */
} CopyFromState;

/* Fill more input; false when the client has finished. */
static bool
fill_input(CopyFromState *cs)
{
    if (cs->input_done)
        return false;
    if (cs->rawpos > 0 && cs->rawpos == cs->raw.len)
    {
        resetStringInfo(&cs->raw);
        cs->rawpos = 0;
    }
    else if (cs->rawpos > 65536)
    {
        memmove(cs->raw.data, cs->raw.data + cs->rawpos, cs->raw.len - cs->rawpos);
        cs->raw.len -= cs->rawpos;
        cs->raw.data[cs->raw.len] = '\0';
        cs->rawpos = 0;
    }
    if (!pq_copy_get_data(&cs->raw))
    {
        cs->input_done = true;
        return false;
    }
    return true;
}

/*
 * next_line -- the next line (CSV: record, quoted newlines included) into
 * cs->line; false at the end of the data.
 */
static bool
next_line(CopyFromState *cs)
{
    bool        in_quote = false;
    int         scan;

    for (;;)
    {
        char       *buf = cs->raw.data;
        int         end = -1;

        in_quote = false;
        for (scan = cs->rawpos; scan < cs->raw.len; scan++)
        {
            char        c = buf[scan];

            if (cs->opts->csv)
            {
                if (in_quote && c == cs->opts->escape && cs->opts->escape != cs->opts->quote &&
                    scan + 1 < cs->raw.len &&
                    (buf[scan + 1] == cs->opts->quote || buf[scan + 1] == cs->opts->escape))
                {
                    scan++;
                    continue;
                }
                if (c == cs->opts->quote)
                {
                    in_quote = !in_quote;
                    continue;
                }
            }
            else if (c == '\\' && scan + 1 < cs->raw.len)
            {
                /* an escaped character never ends the line (\ followed by LF is data) */
                scan++;
                continue;
            }
            if (c == '\n' && !in_quote)
            {
                end = scan;
                break;
            }
        }
        if (end >= 0)
        {
            int         len = end - cs->rawpos;

            resetStringInfo(&cs->line);
            if (len > 0 && buf[end - 1] == '\r')
                len--;
            appendBinaryStringInfo(&cs->line, buf + cs->rawpos, len);
            cs->rawpos = end + 1;
            cs->lineno++;
            return true;
        }
        if (!fill_input(cs))
        {
            if (cs->rawpos < cs->raw.len)
            {
                /* last line without a newline */
                resetStringInfo(&cs->line);
                appendBinaryStringInfo(&cs->line, buf + cs->rawpos, cs->raw.len - cs->rawpos);
                if (cs->line.len > 0 && cs->line.data[cs->line.len - 1] == '\r')
                    cs->line.data[--cs->line.len] = '\0';
                cs->rawpos = cs->raw.len;
                cs->lineno++;
                if (cs->opts->csv && in_quote)
                    ereport(ERROR, errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                            errmsg("unterminated CSV quoted field"));
                return true;
            }
            return false;
        }
    }
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

/* Split a text-format line into cs->fields; returns the number of fields. */
static int
split_text(CopyFromState *cs)
{
    const char *p = cs->line.data;
    const char *end = p + cs->line.len;
    int         n = 0;
    char        delim = cs->opts->delim;

    resetStringInfo(&cs->fieldbuf);
    /* reserve: fields point into fieldbuf, which must not move while splitting */
    enlargeStringInfo(&cs->fieldbuf, cs->line.len + cs->ncols + 2);
    for (;;)
    {
        const char *start = p;
        int         outstart = cs->fieldbuf.len;
        bool        is_null;

        while (p < end && *p != delim)
        {
            char        c = *p++;

            if (c == '\\' && p < end)
            {
                c = *p++;
                switch (c)
                {
                    case 'b':
                        c = '\b';
                        break;
                    case 'f':
                        c = '\f';
                        break;
                    case 'n':
                        c = '\n';
                        break;
                    case 'r':
                        c = '\r';
                        break;
                    case 't':
                        c = '\t';
                        break;
                    case 'v':
                        c = '\v';
                        break;
                    case 'x':
                        if (p < end && isxdigit((unsigned char) *p))
                        {
                            int         v = hexval(*p++);

                            if (p < end && isxdigit((unsigned char) *p))
                                v = v * 16 + hexval(*p++);
                            c = (char) v;
                        }
                        break;
                    default:
                        if (c >= '0' && c <= '7')
                        {
                            int         v = c - '0';

                            if (p < end && *p >= '0' && *p <= '7')
                            {
                                v = v * 8 + (*p++ - '0');
                                if (p < end && *p >= '0' && *p <= '7')
                                    v = v * 8 + (*p++ - '0');
                            }
                            c = (char) v;
                        }
                        break;
                }
            }
            appendStringInfoChar(&cs->fieldbuf, c);
        }
        is_null = (p - start) == cs->opts->null_len &&
            strncmp(start, cs->opts->null_print, cs->opts->null_len) == 0;
        appendStringInfoChar(&cs->fieldbuf, '\0');
        if (n >= cs->ncols)
            ereport(ERROR, errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                    errmsg("extra data after last expected column"));
        cs->fields[n++] = is_null ? NULL : cs->fieldbuf.data + outstart;
        if (p >= end)
            break;
        p++;                    /* the delimiter */
    }
    return n;
}

/* Split a CSV record into cs->fields; returns the number of fields. */
static int
split_csv(CopyFromState *cs)
{
    const char *p = cs->line.data;
    const char *end = p + cs->line.len;
    const CopyOptions *o = cs->opts;
    int         n = 0;

    resetStringInfo(&cs->fieldbuf);
    enlargeStringInfo(&cs->fieldbuf, cs->line.len + cs->ncols + 2);
    for (;;)
    {
        const char *start = p;
        int         outstart = cs->fieldbuf.len;
        bool        quoted = false;
        bool        is_null;

        while (p < end && *p != o->delim)
        {
            if (*p == o->quote)
            {
                quoted = true;
                p++;
                for (;;)
                {
                    if (p >= end)
                        ereport(ERROR, errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                                errmsg("unterminated CSV quoted field"));
                    if (*p == o->escape && p + 1 < end &&
                        (p[1] == o->quote || p[1] == o->escape) &&
                        (o->escape != o->quote || p[1] == o->quote))
                    {
                        appendStringInfoChar(&cs->fieldbuf, p[1]);
                        p += 2;
                        continue;
                    }
                    if (*p == o->quote)
                    {
                        p++;
                        break;
                    }
                    appendStringInfoChar(&cs->fieldbuf, *p++);
                }
                continue;
            }
            appendStringInfoChar(&cs->fieldbuf, *p++);
        }
        is_null = !quoted && (p - start) == o->null_len &&
            strncmp(start, o->null_print, o->null_len) == 0;
        appendStringInfoChar(&cs->fieldbuf, '\0');
        if (n >= cs->ncols)
            ereport(ERROR, errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                    errmsg("extra data after last expected column"));
        if (is_null && cs->force_notnull[n])
            is_null = false;
        cs->fields[n++] = is_null ? NULL : cs->fieldbuf.data + outstart;
        if (p >= end)
            break;
        p++;
    }
    return n;
}

/* Add PostgreSQL's COPY context line to the error being raised and re-raise it. */
static RDB_NORETURN void
rethrow_with_context(CopyFromState *cs, MemoryContext cxt)
{
    ErrorData  *edata;
    char       *ctx;

    MemoryContextSwitchTo(cxt);
    edata = CopyErrorData();
    FlushErrorState();
    if (cs->curcol >= 0 && cs->fields != NULL)
    {
        const char *colname = TupleDescAttr(RelationGetDescr(cs->rel),
                                            cs->attnums[cs->curcol] - 1)->attname.data;
        const char *val = cs->fields[cs->curcol];

        if (val)
            ctx = psprintf("COPY %s, line %llu, column %s: \"%s\"", RelationGetRelationName(cs->rel),
                           (unsigned long long) cs->lineno, colname, val);
        else
            ctx = psprintf("COPY %s, line %llu, column %s: null input",
                           RelationGetRelationName(cs->rel), (unsigned long long) cs->lineno,
                           colname);
    }
    else if (cs->in_line)
        ctx = psprintf("COPY %s, line %llu: \"%s\"", RelationGetRelationName(cs->rel),
                       (unsigned long long) cs->lineno, cs->line.data);
    else if (cs->lineno > 0)
        ctx = psprintf("COPY %s, line %llu", RelationGetRelationName(cs->rel),
                       (unsigned long long) cs->lineno);
    else
        ctx = psprintf("COPY %s", RelationGetRelationName(cs->rel));
    edata->context = edata->context ? psprintf("%s\n%s", ctx, edata->context) : ctx;
    ReThrowError(edata);
}

/* Where COPY writes: the table, or one partition of a partitioned table. */
typedef struct CopyTarget
{
    Relation    rel;            /* NULL until first used */
    List       *checks;
    List       *checknames;
    IndexInsertState *indexstate;
    ExecFKState *fkstate;
    uint64      nrows;
} CopyTarget;

static void
open_target(CopyTarget *t, Relation rel)
{
    t->rel = rel;
    t->checks = ExecInitCheckConstraints(rel, NULL, &t->checknames);
    t->indexstate = IndexInsertBegin(rel);
    t->fkstate = ExecFKBegin(rel, CMD_INSERT);
}

/* The partition of desc for the row in slot (23514 if none), opened on first use. */
static CopyTarget *
route_copy_row(Relation parent, PartitionDesc desc, CopyTarget *targets, TupleTableSlot *slot,
               MemoryContext stmtcxt)
{
    int         p = PartitionRouteRow(desc, RelationGetRelationName(parent), slot->values,
                                  slot->isnull);

    if (targets[p].rel == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(stmtcxt);

        open_target(&targets[p], table_open(desc->oids[p], RowExclusiveLock));
        MemoryContextSwitchTo(old);
    }
    return &targets[p];
}

uint64
CopyFrom(CopyStmt *stmt, CopyOptions *opts)
{
    CopyFromState *cs = (CopyFromState *) palloc0(sizeof(CopyFromState));
    Relation    rel = table_openrv(stmt->relation, RowExclusiveLock);
    TupleDesc   desc = RelationGetDescr(rel);
    List       *cols;
    ListCell   *lc;
    EState     *estate;
    ExprContext *econtext;
    ExprState **defaults;
    CopyTarget *volatile targets;
    int         ntargets = 1;
    PartitionDesc partdesc = NULL;
    PartitionDesc own_desc = NULL;     /* a partition copied into: its parent's */
    GlobalUniqueState *global_unique = NULL;
    Oid         parent = InvalidOid;
    TupleTableSlot *slot;
    MemoryContext rowcxt;
    MemoryContext stmtcxt = CurrentMemoryContext;
    CommandId   cid;
    volatile uint64 nrows = 0;

    if (rel->rd_relkind != RELKIND_RELATION && rel->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot copy to %s \"%s\"",
                       rel->rd_relkind == RELKIND_VIEW ? "view" : "non-table relation",
                       RelationGetRelationName(rel)));
    cs->rel = rel;
    cs->opts = opts;
    cs->curcol = -1;
    cols = CopyColumnList(rel, stmt->attlist);
    cs->ncols = list_length(cols);
    cs->attnums = (int *) palloc0(sizeof(int) * (cs->ncols + 1));
    cs->force_notnull = (bool *) palloc0(sizeof(bool) * (cs->ncols + 1));
    cs->fields = (char **) palloc0(sizeof(char *) * (cs->ncols + 1));
    foreach(lc, cols)
        cs->attnums[foreach_current_index(lc)] = lfirst_int(lc);
    foreach(lc, opts->force_notnull)
    {
        const char *name = strVal(lfirst(lc));
        bool        found = false;

        for (int i = 0; i < cs->ncols; i++)
            if (strcmp(TupleDescAttr(desc, cs->attnums[i] - 1)->attname.data, name) == 0)
            {
                cs->force_notnull[i] = true;
                found = true;
            }
        if (!found)
            ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                    errmsg("FORCE_NOT_NULL column \"%s\" not referenced by COPY", name));
    }
    initStringInfo(&cs->raw);
    initStringInfo(&cs->line);
    initStringInfo(&cs->fieldbuf);

    /* executor pieces: defaults of the columns not read, constraints, indexes, FKs */
    estate = CreateExecutorState();
    econtext = CreateExprContext(estate);
    defaults = (ExprState **) palloc0(sizeof(ExprState *) * (desc->natts + 1));
    for (int a = 1; a <= desc->natts; a++)
    {
        Node       *def;

        if (TupleDescAttr(desc, a - 1)->attisdropped || list_member_int(cols, a))
            continue;
        def = AnalyzeColumnDefault(rel, a);
        if (def)
            defaults[a - 1] = ExecInitExpr(def, NULL);
    }
    if (rel->rd_relkind == RELKIND_PARTITIONED_TABLE)
    {
        parent = RelationGetRelid(rel);
        partdesc = RelationGetPartitionDesc(parent);
        ntargets = Max(partdesc->nparts, 1);
        targets = palloc0(sizeof(CopyTarget) * ntargets);
    }
    else
    {
        targets = palloc0(sizeof(CopyTarget));
        open_target(&targets[0], rel);
        parent = PartitionGetParent(RelationGetRelid(rel));
        if (OidIsValid(parent))
        {
            own_desc = RelationGetPartitionDesc(parent);
        }
    }
    if (OidIsValid(parent))
        global_unique = ExecGlobalUniqueBegin(parent);
    slot = MakeTupleTableSlot(desc);
    rowcxt = MemoryContextCreate(stmtcxt, "COPY FROM row");
    cid = GetCurrentCommandId(true);

    pq_copy_begin_in(cs->ncols);
    RDB_TRY();
    {
        bool        first = true;

        while (!cs->eod_seen && next_line(cs))
        {
            MemoryContext old;
            int         nfields;
            HeapTuple   tup;
            CopyTarget *t;

            CHECK_FOR_INTERRUPTS();
            if (first && opts->header)
            {
                first = false;
                continue;
            }
            first = false;
            if (!opts->csv && cs->line.len == 2 && cs->line.data[0] == '\\' && cs->line.data[1] == '.')
            {
                cs->eod_seen = true;
                break;
            }
            if (opts->csv && cs->line.len == 2 && cs->line.data[0] == '\\' && cs->line.data[1] == '.')
            {
                cs->eod_seen = true;
                break;
            }
            MemoryContextReset(rowcxt);
            ResetExprContext(econtext);
            old = MemoryContextSwitchTo(rowcxt);
            cs->in_line = true;
            nfields = opts->csv ? split_csv(cs) : split_text(cs);
            if (nfields < cs->ncols)
            {
                /* PostgreSQL: an empty line for a one-column table is one empty value */
                ereport(ERROR, errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                        errmsg("missing data for column \"%s\"",
                               TupleDescAttr(desc, cs->attnums[nfields] - 1)->attname.data));
            }
            cs->in_line = false;
            ExecClearTuple(slot);
            for (int a = 0; a < desc->natts; a++)
            {
                slot->isnull[a] = true;
                slot->values[a] = (Datum) 0;
            }
            for (int i = 0; i < cs->ncols; i++)
            {
                Attribute   att = TupleDescAttr(desc, cs->attnums[i] - 1);

                cs->curcol = i;
                if (cs->fields[i] != NULL)
                {
                    slot->values[cs->attnums[i] - 1] = InputFunctionCall(att->atttypid, cs->fields[i],
                                                                        att->atttypmod);
                    slot->isnull[cs->attnums[i] - 1] = false;
                }
            }
            cs->curcol = -1;
            for (int a = 0; a < desc->natts; a++)
                if (defaults[a] != NULL)
                    slot->values[a] = ExecEvalExpr(defaults[a], econtext, &slot->isnull[a]);
            ExecStoreVirtualTuple(slot);
            /* PostgreSQL routes each row as it is read: its errors show the line */
            cs->in_line = true;
            t = partdesc != NULL ?
                route_copy_row(rel, partdesc, targets, slot, stmtcxt) : &targets[0];
            cs->in_line = false;
            if (own_desc != NULL &&
                !PartitionRowBelongsTo(own_desc, RelationGetRelid(rel), slot->values, slot->isnull))
                ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                        errmsg("new row for relation \"%s\" violates partition constraint",
                               RelationGetRelationName(rel)),
                        errdetail("Failing row contains %s.",
                                  ExecRowText(desc, slot->values, slot->isnull)));
            ExecCheckRowConstraints(t->rel, t->checks, t->checknames, econtext, slot);
            if (global_unique)
                ExecGlobalUniqueCheck(global_unique, RelationGetRelid(t->rel), true, slot->values,
                                      slot->isnull);
            tup = heap_form_tuple(RelationGetDescr(t->rel), slot->values, slot->isnull);
            heap_insert(t->rel, tup, cid);
            if (IndexInsertCount(t->indexstate) > 0)
                IndexInsertRow(t->indexstate, &tup->t_self, slot->values, slot->isnull);
            ExecGlobalUniqueRelease(global_unique);
            if (t->fkstate)
                ExecFKNoteRow(t->fkstate, NULL, NULL, slot->values, slot->isnull);
            MemoryContextSwitchTo(old);
            t->nrows++;
            nrows++;
        }
        /* after "\." the client may still send data: read it to CopyDone */
        while (fill_input(cs))
            cs->rawpos = cs->raw.len;
        cs->lineno = 0;
        for (int i = 0; i < ntargets; i++)
            if (targets[i].rel != NULL)
                ExecFKEnd(targets[i].fkstate);
    }
    RDB_CATCH();
    {
        rethrow_with_context(cs, stmtcxt);
    }
    RDB_END_TRY();
    ExecGlobalUniqueEnd(global_unique);
    for (int i = 0; i < ntargets; i++)
    {
        if (targets[i].rel == NULL)
            continue;
        IndexInsertEnd(targets[i].indexstate);
        pgstat_count_heap_insert(RelationGetRelid(targets[i].rel), (int64) targets[i].nrows);
        if (targets[i].rel != rel)
            table_close(targets[i].rel, NoLock);
    }
    MemoryContextDelete(rowcxt);
    FreeExecutorState(estate);
    table_close(rel, NoLock);
    return nrows;
}
