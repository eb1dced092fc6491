/*
 * pquery.h
 *     Running one parsed statement: the boundary between the protocol loop
 *     (tcop/postgres.c) and query processing (analyze, plan, execute or
 *     utility dispatch).  Implemented in src/backend/tcop/pquery.c.
 */
#ifndef TCOP_PQUERY_H
#define TCOP_PQUERY_H

#include "tcop/dest.h"

struct RawStmt;

/*
 * ExecStatement -- analyze, plan and run one raw statement, sending rows to
 * dest and filling qc with the command tag.  query_string is the whole
 * client string (for error positions).  The caller has started a transaction
 * command (StartTransactionCommand) and commits or aborts it; this function
 * raises ERROR on failure.  Memory: allocates in CurrentMemoryContext (the
 * caller's per-message context).
 */
extern void ExecStatement(struct RawStmt *raw, const char *query_string,
                          DestReceiver *dest, QueryCompletion *qc);

/* True if the statement must run outside a transaction block (VACUUM, CREATE DATABASE, ...). */
extern bool StatementNeedsNoTransactionBlock(struct RawStmt *raw);

#endif                          /* TCOP_PQUERY_H */
