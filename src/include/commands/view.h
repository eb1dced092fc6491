/*
 * view.h
 *     CREATE [OR REPLACE] VIEW.
 * Implemented in src/backend/commands/view.c.
 *
 * A view is a pg_class row of relkind 'v' with the columns of its query and
 * a pg_rewrite row holding the SELECT as SQL text; the analyzer expands a
 * view reference by parsing and analyzing that text
 * (RelationGetViewDefinition, utils/relcache.h).
 */
#ifndef COMMANDS_VIEW_H
#define COMMANDS_VIEW_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecCreateViewStmt -- the SELECT text is cut out of query_string (the
 * client's string, which the statement was parsed from) and analyzed for
 * the column names and types.  Errors: 42P07 exists (without OR REPLACE),
 * 42809 OR REPLACE on a non-view, 42P16 OR REPLACE dropping/changing
 * columns, 0A000 TEMP / WITH CHECK OPTION.
 */
extern void ExecCreateViewStmt(ViewStmt *stmt, const char *query_string);

/*
 * DefineViewFromText -- create (or replace) view relname in nspid from a
 * SELECT's SQL text (used by bootstrap for the system views, and by
 * ExecCreateViewStmt).  Returns the view's OID.
 */
extern Oid  DefineViewFromText(Oid nspid, const char *relname, const char *select_text,
                               List *aliases, bool replace);

#endif                          /* COMMANDS_VIEW_H */
