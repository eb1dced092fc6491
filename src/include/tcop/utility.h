/*
 * utility.h
 *     ProcessUtility: runs every statement that is not planned (DDL, SET,
 *     SHOW, transaction control, EXPLAIN, maintenance commands).
 * Implemented in src/backend/tcop/utility.c; EXPLAIN in
 * src/backend/commands/explain.c.
 */
#ifndef TCOP_UTILITY_H
#define TCOP_UTILITY_H

#include "nodes/nodes.h"
#include "tcop/dest.h"

struct ExplainStmt;
struct ParamListInfoData;

/*
 * ProcessUtility -- execute the raw utility statement parsetree, sending
 * any result rows (SHOW, EXPLAIN) to dest and filling qc with the command
 * tag.  query_string is the whole client string.  Unsupported statements
 * raise 0A000 "... is not supported yet"; nothing pretends success.
 */
extern void ProcessUtility(Node *parsetree, const char *query_string,
                           DestReceiver *dest, QueryCompletion *qc);

/* Does the statement send rows (SHOW, EXPLAIN)? */
extern bool UtilityReturnsTuples(Node *parsetree);

/* The row layout a row-returning utility statement sends; NULL if none. */
extern TupleDesc UtilityTupleDescriptor(Node *parsetree);

/* The command tag PostgreSQL reports for the statement ("CREATE TABLE", "SET"). */
extern const char *CreateCommandTag(Node *parsetree);

/* explain.c */
/* EXPLAIN [ANALYZE] [VERBOSE] [(options)] stmt: plan text rows to dest. */
extern void ExplainQuery(struct ExplainStmt *stmt, const char *query_string, DestReceiver *dest);
/* The one-column "QUERY PLAN" text descriptor. */
extern TupleDesc ExplainResultDesc(struct ExplainStmt *stmt);

#endif                          /* TCOP_UTILITY_H */
