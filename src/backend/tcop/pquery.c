/*
 * pquery.c
 *     Running one statement: analyze, then either dispatch a utility
 *     statement or plan and execute an optimizable one, sending its rows to
 *     the destination and filling the command tag.
 * Entry points: ExecStatement(), StatementNeedsNoTransactionBlock().
 *
 * Visibility: a DML statement runs under a fresh snapshot pushed as the
 * active snapshot; the rows it writes carry the current command id, which
 * that snapshot does not see.  Afterwards CommandCounterIncrement() makes
 * them visible to the next statement of the transaction.
 */
#include "rustydb.h"

#include <string.h>

#include "access/snapshot.h"
#include "access/xact.h"
#include "executor/executor.h"
#include "nodes/parsenodes.h"
#include "optimizer/planner.h"
#include "pgstat.h"
#include "parser/analyze.h"
#include "tcop/pquery.h"
#include "tcop/utility.h"
#include "utils/elog.h"

/*
 * ExecPlannedStatement -- run a planned optimizable statement to dest and
 * set the command tag.  The caller holds a transaction.
 */
static void
exec_planned(PlannedStmt *stmt, DestReceiver *dest, QueryCompletion *qc)
{
    QueryDesc  *qd;
    uint64      n;

    PushActiveSnapshot(GetTransactionSnapshot());
    qd = CreateQueryDesc(stmt, dest, NULL);
    ExecutorStart(qd, 0);
    n = ExecutorRun(qd, 0);
    ExecutorEnd(qd);
    PopActiveSnapshot();

    qc->nprocessed = n;
    switch (stmt->commandType)
    {
        case CMD_SELECT:
            snprintf(qc->tag, sizeof(qc->tag), "SELECT %llu", (unsigned long long) n);
            break;
        case CMD_INSERT:
            snprintf(qc->tag, sizeof(qc->tag), "INSERT 0 %llu", (unsigned long long) n);
            break;
        case CMD_UPDATE:
            snprintf(qc->tag, sizeof(qc->tag), "UPDATE %llu", (unsigned long long) n);
            break;
        case CMD_DELETE:
            snprintf(qc->tag, sizeof(qc->tag), "DELETE %llu", (unsigned long long) n);
            break;
        default:
            elog(ERROR, "unexpected command type %d", (int) stmt->commandType);
    }
}

void
ExecStatement(RawStmt *raw, const char *query_string, DestReceiver *dest, QueryCompletion *qc)
{
    Query      *query;
    PgStat_StatementTimer stat_timer;   /* pgstat.h: statement statistics */
    size_t      stmt_len = raw->stmt_len > 0 ? (size_t) raw->stmt_len
        : strlen(query_string + raw->stmt_location);

    DebugQueryString = query_string;
    pgstat_statement_start(&stat_timer, query_string + raw->stmt_location, stmt_len);
    query = parse_analyze(raw, query_string, NULL, 0);
    if (query->commandType == CMD_UTILITY)
    {
        ProcessUtility(query->utilityStmt, query_string, dest, qc);
        if (!IsA(query->utilityStmt, TransactionStmt) && IsTransactionState())
            CommandCounterIncrement();
        pgstat_statement_end(&stat_timer, (int64) qc->nprocessed);
        return;
    }
    exec_planned(planner(query), dest, qc);
    if (query->commandType != CMD_SELECT)
        CommandCounterIncrement();
    pgstat_statement_end(&stat_timer, (int64) qc->nprocessed);
}

/*
 * StatementNeedsNoTransactionBlock -- VACUUM, CREATE/DROP DATABASE, REINDEX
 * ... CONCURRENTLY and CREATE/DROP INDEX CONCURRENTLY manage transactions
 * themselves (PostgreSQL's PreventInTransactionBlock list).
 */
bool
StatementNeedsNoTransactionBlock(RawStmt *raw)
{
    Node       *stmt = raw->stmt;

    switch (nodeTag(stmt))
    {
        case T_VacuumStmt:
            return ((VacuumStmt *) stmt)->is_vacuumcmd;
        case T_CreatedbStmt:
            return true;
        case T_DropStmt:
            return ((DropStmt *) stmt)->removeType == OBJECT_DATABASE ||
                (((DropStmt *) stmt)->removeType == OBJECT_INDEX && ((DropStmt *) stmt)->concurrent);
        case T_ReindexStmt:
            return ((ReindexStmt *) stmt)->concurrent ||
                ((ReindexStmt *) stmt)->kind == REINDEX_OBJECT_SYSTEM ||
                ((ReindexStmt *) stmt)->kind == REINDEX_OBJECT_DATABASE;
        case T_IndexStmt:
            return ((IndexStmt *) stmt)->concurrent;
        default:
            return false;
    }
}
