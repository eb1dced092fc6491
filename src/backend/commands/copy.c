/*
 * copy.c
 *     The COPY statement: option checking (PostgreSQL's rules and
 *     messages) and dispatch to COPY FROM (copyfrom.c) or COPY TO
 *     (copyto.c).
 * Entry points: ExecCopyStmt(), CopyParseOptions(), CopyColumnList().
 *
 * Supported: STDIN/STDOUT, FORMAT text and csv, HEADER, DELIMITER, NULL,
 * QUOTE, ESCAPE, FORCE_QUOTE, FORCE_NOT_NULL, ENCODING 'UTF8', FREEZE
 * (accepted, no effect).  Files, PROGRAM, FORMAT binary and WHERE raise
 * 0A000.
 */
#include "rustydb.h"

#include "commands_int.h"
#include "copy_int.h"
#include "nodes/value.h"
#include "utils/elog.h"

static const char *
def_string(DefElem *opt)
{
    if (opt->arg == NULL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("%s requires a parameter", opt->defname));
    if (IsA(opt->arg, String))
        return strVal(opt->arg);
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("%s requires a parameter", opt->defname));
    return NULL;
}

static bool
def_bool(DefElem *opt)
{
    if (opt->arg == NULL)
        return true;
    if (IsA(opt->arg, Boolean))
        return boolVal(opt->arg);
    if (IsA(opt->arg, Integer))
        return intVal(opt->arg) != 0;
    if (IsA(opt->arg, String))
    {
        const char *s = strVal(opt->arg);

        if (strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0)
            return true;
        if (strcasecmp(s, "false") == 0 || strcasecmp(s, "off") == 0)
            return false;
    }
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("%s requires a Boolean value", opt->defname));
    return false;
}

/* FORCE_QUOTE / FORCE_NOT_NULL argument: a list of column names or '*'. */
static List *
def_columns(DefElem *opt, bool *all)
{
    List       *names = NIL;
    ListCell   *lc;

    *all = false;
    if (opt->arg == NULL)
        return NIL;
    if (IsA(opt->arg, A_Star))
    {
        *all = true;
        return NIL;
    }
    if (!IsA(opt->arg, List))
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("argument to option \"%s\" must be a list of column names", opt->defname));
    foreach(lc, (List *) opt->arg)
    {
        Node       *n = (Node *) lfirst(lc);

        if (IsA(n, A_Star))
            *all = true;
        else
            names = lappend(names, n);
    }
    return names;
}

void
CopyParseOptions(CopyStmt *stmt, const char *query_string, CopyOptions *opts)
{
    ListCell   *lc;
    const char *delim = NULL;
    const char *null_print = NULL;
    const char *quote = NULL;
    const char *escape = NULL;
    bool        format_seen = false;

    memset(opts, 0, sizeof(*opts));
    foreach(lc, stmt->options)
    {
        DefElem    *opt = (DefElem *) lfirst(lc);

        if (strcmp(opt->defname, "format") == 0)
        {
            const char *f = def_string(opt);

            if (format_seen)
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("conflicting or redundant options"));
            format_seen = true;
            if (strcmp(f, "csv") == 0)
                opts->csv = true;
            else if (strcmp(f, "text") == 0)
                opts->csv = false;
            else if (strcmp(f, "binary") == 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("COPY format \"binary\" is not supported yet"));
            else
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("COPY format \"%s\" not recognized", f),
                        errposition(QueryErrorPosition(query_string, opt->location)));
        }
        else if (strcmp(opt->defname, "header") == 0)
        {
            if (opt->arg && IsA(opt->arg, String) && strcasecmp(strVal(opt->arg), "match") == 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("COPY HEADER MATCH is not supported yet"));
            opts->header = def_bool(opt);
        }
        else if (strcmp(opt->defname, "delimiter") == 0)
            delim = def_string(opt);
        else if (strcmp(opt->defname, "null") == 0)
            null_print = def_string(opt);
        else if (strcmp(opt->defname, "quote") == 0)
            quote = def_string(opt);
        else if (strcmp(opt->defname, "escape") == 0)
            escape = def_string(opt);
        else if (strcmp(opt->defname, "force_quote") == 0)
            opts->force_quote = def_columns(opt, &opts->force_quote_all);
        else if (strcmp(opt->defname, "force_not_null") == 0)
        {
            bool        all;

            opts->force_notnull = def_columns(opt, &all);
            if (all)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("FORCE_NOT_NULL * is not supported yet"));
        }
        else if (strcmp(opt->defname, "encoding") == 0)
        {
            const char *e = def_string(opt);

            if (strcasecmp(e, "utf8") != 0 && strcasecmp(e, "utf-8") != 0 &&
                strcasecmp(e, "sql_ascii") != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("COPY encodings other than UTF8 are not supported"));
        }
        else if (strcmp(opt->defname, "freeze") == 0)
            (void) def_bool(opt);
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("option \"%s\" not recognized", opt->defname));
    }

    opts->delim = delim ? delim[0] : (opts->csv ? ',' : '\t');
    if (delim && strlen(delim) != 1)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY delimiter must be a single one-byte character"));
    if (opts->delim == '\r' || opts->delim == '\n')
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("COPY delimiter cannot be newline or carriage return"));
    opts->null_print = pstrdup(null_print ? null_print : (opts->csv ? "" : "\\N"));
    opts->null_len = (int) strlen(opts->null_print);
    if (strchr(opts->null_print, '\r') || strchr(opts->null_print, '\n'))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("COPY null representation cannot use newline or carriage return"));
    if (!opts->csv && delim && strchr("\\.abcdefghijklmnopqrstuvwxyz0123456789", opts->delim))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("COPY delimiter cannot be \"%s\"", delim));
    if (!opts->csv && quote)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY quote available only in CSV mode"));
    if (!opts->csv && escape)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY escape available only in CSV mode"));
    if (!opts->csv && (opts->force_quote || opts->force_quote_all))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY force quote available only in CSV mode"));
    if (!opts->csv && opts->force_notnull)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY force not null available only in CSV mode"));
    if (quote && strlen(quote) != 1)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY quote must be a single one-byte character"));
    if (escape && strlen(escape) != 1)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY escape must be a single one-byte character"));
    opts->quote = quote ? quote[0] : '"';
    opts->escape = escape ? escape[0] : opts->quote;
    if (opts->csv && opts->delim == opts->quote)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("COPY delimiter and quote must be different"));
    if (strchr(opts->null_print, opts->delim) != NULL)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("COPY delimiter must not appear in the NULL specification"));
    if ((opts->force_quote || opts->force_quote_all) && stmt->is_from)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY force quote only available using COPY TO"));
    if (opts->force_notnull && !stmt->is_from)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY force not null only available using COPY FROM"));
}

List *
CopyColumnList(Relation rel, List *attlist)
{
    TupleDesc   desc = RelationGetDescr(rel);
    List       *cols = NIL;
    ListCell   *lc;

    if (attlist == NIL)
    {
        for (int i = 0; i < desc->natts; i++)
            if (!TupleDescAttr(desc, i)->attisdropped)
                cols = lappend_int(cols, i + 1);
        return cols;
    }
    foreach(lc, attlist)
    {
        const char *name = strVal(lfirst(lc));
        int         attno = 0;

        for (int i = 0; i < desc->natts; i++)
        {
            Attribute   att = TupleDescAttr(desc, i);

            if (!att->attisdropped && strcmp(att->attname.data, name) == 0)
                attno = i + 1;
        }
        if (attno == 0)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                    errmsg("column \"%s\" of relation \"%s\" does not exist", name,
                           RelationGetRelationName(rel)));
        if (list_member_int(cols, attno))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                    errmsg("column \"%s\" specified more than once", name));
        cols = lappend_int(cols, attno);
    }
    return cols;
}

void
ExecCopyStmt(CopyStmt *stmt, const char *query_string, DestReceiver *dest, QueryCompletion *qc)
{
    CopyOptions opts;
    uint64      n;

    (void) dest;                /* COPY speaks its own sub-protocol */
    if (stmt->filename != NULL || stmt->is_program)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY to or from a file or program is not supported"),
                errhint("Use COPY ... FROM STDIN or TO STDOUT (psql's \\copy)."));
    if (stmt->whereClause != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COPY FROM ... WHERE is not supported yet"));
    CopyParseOptions(stmt, query_string, &opts);
    if (stmt->is_from)
        n = CopyFrom(stmt, &opts);
    else
        n = CopyTo(stmt, query_string, &opts);
    snprintf(qc->tag, sizeof(qc->tag), "COPY %llu", (unsigned long long) n);
    qc->nprocessed = n;
}
