/*
 * prepare.h
 *     SQL-level prepared statements: PREPARE name [(types)] AS stmt,
 *     EXECUTE name [(params)], DEALLOCATE [PREPARE] {name | ALL}.  The
 *     statements live in the session's cache of tcop/portal.h (shared with
 *     the extended protocol's named statements, as in PostgreSQL).
 * Implemented in src/backend/commands/prepare.c.
 */
#ifndef COMMANDS_PREPARE_H
#define COMMANDS_PREPARE_H

#include "rustydb.h"
#include "nodes/parsenodes.h"
#include "tcop/dest.h"

/* PREPARE: 42P05 if the name exists; errors of analysis are raised now. */
extern void ExecPrepareStmt(PrepareStmt *stmt, const char *query_string);
/* EXECUTE: 26000 if unknown; 42601 on a wrong parameter count; rows to dest. */
extern void ExecExecuteStmt(ExecuteStmt *stmt, const char *query_string, DestReceiver *dest,
                            QueryCompletion *qc);
/* DEALLOCATE: 26000 if unknown. */
extern void ExecDeallocateStmt(DeallocateStmt *stmt);

#endif                          /* COMMANDS_PREPARE_H */
