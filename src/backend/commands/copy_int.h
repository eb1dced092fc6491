/*
 * copy_int.h
 *     Private interface between copy.c (statement, options), copyfrom.c
 *     and copyto.c.  Not for use outside src/backend/commands/copy*.c.
 */
#ifndef COMMANDS_COPY_INT_H
#define COMMANDS_COPY_INT_H

#include "commands/copy.h"
#include "nodes/pg_list.h"
#include "utils/rel.h"

/* The options of one COPY, with PostgreSQL's defaults filled in. */
typedef struct CopyOptions
{
    bool        csv;            /* FORMAT csv (else text) */
    bool        header;
    char        delim;          /* text: '\t', csv: ',' */
    char       *null_print;     /* text: "\N", csv: "" */
    int         null_len;
    char        quote;          /* csv only, '"' */
    char        escape;         /* csv only, defaults to quote */
    bool        force_quote_all;
    List       *force_quote;    /* String: column names (COPY TO, csv) */
    List       *force_notnull;  /* String: column names (COPY FROM, csv) */
} CopyOptions;

/* copy.c */
extern void CopyParseOptions(CopyStmt *stmt, const char *query_string, CopyOptions *opts);
/* Column numbers (1-based) of attlist in rel, or all live columns; errors 42703 / 42701. */
extern List *CopyColumnList(Relation rel, List *attlist);

/* copyfrom.c */
extern uint64 CopyFrom(CopyStmt *stmt, CopyOptions *opts);

/* copyto.c */
extern uint64 CopyTo(CopyStmt *stmt, const char *query_string, CopyOptions *opts);

#endif                          /* COMMANDS_COPY_INT_H */
