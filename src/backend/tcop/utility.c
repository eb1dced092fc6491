/*
 * utility.c
 *     ProcessUtility: the dispatcher for every statement that is not
 *     planned.  DDL goes to the catalog commands (commands/), settings to
 *     the GUC code (utils/guc.h), transaction control to access/xact.h,
 *     EXPLAIN to commands/explain.c.  Statements whose feature does not
 *     exist yet raise 0A000 "... is not supported yet": nothing pretends
 *     success.
 * Entry points: ProcessUtility(), UtilityReturnsTuples(),
 * UtilityTupleDescriptor(), CreateCommandTag().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "commands/copy.h"
#include "commands/dbcommands.h"
#include "commands/indexcmds.h"
#include "commands/lockcmds.h"
#include "commands/prepare.h"
#include "commands/schemacmds.h"
#include "commands/tablecmds.h"
#include "commands/tempcmds.h"
#include "commands/user.h"
#include "commands/vacuum.h"
#include "commands/view.h"
#include "nodes/parsenodes.h"
#include "tcop/portal.h"
#include "tcop/utility.h"
#include "utils/elog.h"
#include "utils/guc.h"

static const char *
drop_tag(ObjectType type)
{
    switch (type)
    {
        case OBJECT_TABLE:
            return "DROP TABLE";
        case OBJECT_INDEX:
            return "DROP INDEX";
        case OBJECT_VIEW:
            return "DROP VIEW";
        case OBJECT_MATVIEW:
            return "DROP MATERIALIZED VIEW";
        case OBJECT_SEQUENCE:
            return "DROP SEQUENCE";
        case OBJECT_SCHEMA:
            return "DROP SCHEMA";
        case OBJECT_DATABASE:
            return "DROP DATABASE";
        case OBJECT_ROLE:
            return "DROP ROLE";
        case OBJECT_TYPE:
            return "DROP TYPE";
        case OBJECT_FUNCTION:
            return "DROP FUNCTION";
        case OBJECT_TABLESPACE:
            return "DROP TABLESPACE";
        case OBJECT_EXTENSION:
            return "DROP EXTENSION";
        default:
            return "DROP";
    }
}

static const char *
alter_tag(ObjectType type)
{
    switch (type)
    {
        case OBJECT_INDEX:
            return "ALTER INDEX";
        case OBJECT_VIEW:
            return "ALTER VIEW";
        case OBJECT_SEQUENCE:
            return "ALTER SEQUENCE";
        case OBJECT_SCHEMA:
            return "ALTER SCHEMA";
        case OBJECT_DATABASE:
            return "ALTER DATABASE";
        case OBJECT_ROLE:
            return "ALTER ROLE";
        default:
            return "ALTER TABLE";
    }
}

/* CreateCommandTag -- PostgreSQL's command tag for a utility statement. */
const char *
CreateCommandTag(Node *parsetree)
{
    switch (nodeTag(parsetree))
    {
        case T_CreateStmt:
            return "CREATE TABLE";
        case T_CreateTableAsStmt:
            return "SELECT";
        case T_DropStmt:
            return drop_tag(((DropStmt *) parsetree)->removeType);
        case T_CreatedbStmt:
            return "CREATE DATABASE";
        case T_CreateSchemaStmt:
            return "CREATE SCHEMA";
        case T_ViewStmt:
            return "CREATE VIEW";
        case T_CreateRoleStmt:
            return "CREATE ROLE";
        case T_AlterRoleStmt:
            return "ALTER ROLE";
        case T_TruncateStmt:
            return "TRUNCATE TABLE";
        case T_AlterTableStmt:
            return alter_tag(((AlterTableStmt *) parsetree)->objtype);
        case T_RenameStmt:
            {
                RenameStmt *r = (RenameStmt *) parsetree;

                return alter_tag(r->renameType == OBJECT_COLUMN ||
                                 r->renameType == OBJECT_TABCONSTRAINT ?
                                 r->relationType : r->renameType);
            }
        case T_IndexStmt:
            return "CREATE INDEX";
        case T_CreateSeqStmt:
            return "CREATE SEQUENCE";
        case T_AlterSeqStmt:
            return "ALTER SEQUENCE";
        case T_VacuumStmt:
            return ((VacuumStmt *) parsetree)->is_vacuumcmd ? "VACUUM" : "ANALYZE";
        case T_ReindexStmt:
            return "REINDEX";
        case T_CheckPointStmt:
            return "CHECKPOINT";
        case T_ExplainStmt:
            return "EXPLAIN";
        case T_TransactionStmt:
            switch (((TransactionStmt *) parsetree)->kind)
            {
                case TRANS_STMT_BEGIN:
                    return "BEGIN";
                case TRANS_STMT_START:
                    return "START TRANSACTION";
                case TRANS_STMT_COMMIT:
                    return "COMMIT";
                case TRANS_STMT_ROLLBACK:
                case TRANS_STMT_ROLLBACK_TO:
                    return "ROLLBACK";
                case TRANS_STMT_SAVEPOINT:
                    return "SAVEPOINT";
                case TRANS_STMT_RELEASE:
                    return "RELEASE";
                case TRANS_STMT_PREPARE:
                    return "PREPARE TRANSACTION";
                case TRANS_STMT_COMMIT_PREPARED:
                    return "COMMIT PREPARED";
                case TRANS_STMT_ROLLBACK_PREPARED:
                    return "ROLLBACK PREPARED";
            }
            return "???";
        case T_VariableSetStmt:
            {
                VariableSetKind k = ((VariableSetStmt *) parsetree)->kind;

                return (k == VAR_RESET || k == VAR_RESET_ALL) ? "RESET" : "SET";
            }
        case T_VariableShowStmt:
            return "SHOW";
        case T_AlterSystemStmt:
            return "ALTER SYSTEM";
        case T_LockStmt:
            return "LOCK TABLE";
        case T_CopyStmt:
            return "COPY";
        case T_PrepareStmt:
            return "PREPARE";
        case T_ExecuteStmt:
            return "EXECUTE";
        case T_DeallocateStmt:
            return "DEALLOCATE";
        case T_DiscardStmt:
            return "DISCARD";
        case T_ListenStmt:
            return "LISTEN";
        case T_UnlistenStmt:
            return "UNLISTEN";
        case T_NotifyStmt:
            return "NOTIFY";
        case T_DoStmt:
            return "DO";
        case T_DropOwnedStmt:
            return "DROP OWNED";
        default:
            return "???";
    }
}

bool
UtilityReturnsTuples(Node *parsetree)
{
    if (IsA(parsetree, ExecuteStmt))
    {
        PreparedStatement *ps = PreparedStatementFetch(((ExecuteStmt *) parsetree)->name, true);

        return ps != NULL && ps->cq != NULL && ps->cq->result_desc != NULL;
    }
    return IsA(parsetree, VariableShowStmt) || IsA(parsetree, ExplainStmt);
}

TupleDesc
UtilityTupleDescriptor(Node *parsetree)
{
    if (IsA(parsetree, VariableShowStmt))
        return ShowStmtResultDesc((VariableShowStmt *) parsetree);
    if (IsA(parsetree, ExplainStmt))
        return ExplainResultDesc((ExplainStmt *) parsetree);
    if (IsA(parsetree, ExecuteStmt))
    {
        PreparedStatement *ps = PreparedStatementFetch(((ExecuteStmt *) parsetree)->name, true);

        return ps && ps->cq ? ps->cq->result_desc : NULL;
    }
    return NULL;
}

static RDB_NORETURN void
not_supported(const char *what)
{
    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
            errmsg("%s is not supported yet", what));
}

static void
set_tag(QueryCompletion *qc, const char *tag)
{
    snprintf(qc->tag, sizeof(qc->tag), "%s", tag);
    qc->nprocessed = 0;
}

static void
exec_transaction(TransactionStmt *stmt, QueryCompletion *qc)
{
    switch (stmt->kind)
    {
        case TRANS_STMT_BEGIN:
        case TRANS_STMT_START:
            BeginTransactionBlock();
            break;
        case TRANS_STMT_COMMIT:
            if (!EndTransactionBlock())
            {
                set_tag(qc, "ROLLBACK");
                return;
            }
            break;
        case TRANS_STMT_ROLLBACK:
            UserAbortTransactionBlock();
            break;
        case TRANS_STMT_SAVEPOINT:
        case TRANS_STMT_RELEASE:
        case TRANS_STMT_ROLLBACK_TO:
            not_supported("SAVEPOINT");
        case TRANS_STMT_PREPARE:
        case TRANS_STMT_COMMIT_PREPARED:
        case TRANS_STMT_ROLLBACK_PREPARED:
            not_supported("PREPARE TRANSACTION");
    }
    set_tag(qc, CreateCommandTag((Node *) stmt));
}

void
ProcessUtility(Node *parsetree, const char *query_string, DestReceiver *dest,
               QueryCompletion *qc)
{
    const char *tag = CreateCommandTag(parsetree);

    switch (nodeTag(parsetree))
    {
        case T_CreateStmt:
            ExecCreateTableStmt((CreateStmt *) parsetree, query_string);
            break;
        case T_DropStmt:
            {
                DropStmt   *ds = (DropStmt *) parsetree;

                if (ds->removeType == OBJECT_DATABASE)
                {
                    PreventInTransactionBlock(true, "DROP DATABASE");
                    ExecDropdbStmt(ds);
                }
                else if (ds->removeType == OBJECT_ROLE)
                    ExecDropRoleStmt(ds);
                else if (ds->removeType == OBJECT_INDEX)
                    ExecDropIndex(ds, true);
                else
                    ExecDropStmt(ds);
                break;
            }
        case T_CreatedbStmt:
            PreventInTransactionBlock(true, "CREATE DATABASE");
            ExecCreatedbStmt((CreatedbStmt *) parsetree);
            break;
        case T_CreateSchemaStmt:
            ExecCreateSchemaStmt((CreateSchemaStmt *) parsetree);
            break;
        case T_ViewStmt:
            ExecCreateViewStmt((ViewStmt *) parsetree, query_string);
            break;
        case T_CreateRoleStmt:
            ExecCreateRoleStmt((CreateRoleStmt *) parsetree);
            break;
        case T_TruncateStmt:
            ExecTruncateStmt((TruncateStmt *) parsetree);
            break;
        case T_AlterTableStmt:
            ExecAlterTableStmt((AlterTableStmt *) parsetree, query_string);
            break;
        case T_RenameStmt:
            ExecRenameStmt((RenameStmt *) parsetree);
            break;
        case T_TransactionStmt:
            exec_transaction((TransactionStmt *) parsetree, qc);
            return;
        case T_VariableSetStmt:
            ExecSetVariableStmt((VariableSetStmt *) parsetree);
            break;
        case T_VariableShowStmt:
            ExecShowStmt((VariableShowStmt *) parsetree, dest);
            break;
        case T_AlterSystemStmt:
            PreventInTransactionBlock(true, "ALTER SYSTEM");
            ExecAlterSystemStmt((AlterSystemStmt *) parsetree);
            break;
        case T_ExplainStmt:
            ExplainQuery((ExplainStmt *) parsetree, query_string, dest);
            break;
        case T_IndexStmt:
            /* is_top_level: ProcessUtility only runs statements sent by the client */
            ExecIndexStmt((IndexStmt *) parsetree, query_string, true);
            break;
        case T_ReindexStmt:
            ExecReindexStmt((ReindexStmt *) parsetree, true);
            break;
        case T_CopyStmt:
            ExecCopyStmt((CopyStmt *) parsetree, query_string, dest, qc);
            return;
        case T_PrepareStmt:
            ExecPrepareStmt((PrepareStmt *) parsetree, query_string);
            break;
        case T_ExecuteStmt:
            ExecExecuteStmt((ExecuteStmt *) parsetree, query_string, dest, qc);
            return;
        case T_DeallocateStmt:
            ExecDeallocateStmt((DeallocateStmt *) parsetree);
            break;
        case T_CreateTableAsStmt:
            not_supported("CREATE TABLE AS");
        case T_AlterRoleStmt:
            not_supported("ALTER ROLE");
        case T_CreateSeqStmt:
            not_supported("CREATE SEQUENCE");
        case T_AlterSeqStmt:
            not_supported("ALTER SEQUENCE");
        case T_VacuumStmt:
            /* maintenance engine: commands/vacuum.h */
            ExecVacuum((VacuumStmt *) parsetree, true);
            break;
        case T_CheckPointStmt:
            /* maintenance engine: a job, served by the checkpointer */
            ExecCheckPoint();
            break;
        case T_LockStmt:
            /* commands/lockcmds.h: table lock until transaction end */
            ExecLockStmt((LockStmt *) parsetree);
            break;
        case T_DiscardStmt:
            /* commands/tempcmds.h */
            ExecDiscardStmt((DiscardStmt *) parsetree);
            break;
        case T_ListenStmt:
            not_supported("LISTEN");
        case T_UnlistenStmt:
            not_supported("UNLISTEN");
        case T_NotifyStmt:
            not_supported("NOTIFY");
        case T_DoStmt:
            not_supported("DO");
        case T_DropOwnedStmt:
            not_supported("DROP OWNED");
        default:
            elog(ERROR, "unrecognized utility statement type %d", (int) nodeTag(parsetree));
    }
    set_tag(qc, tag);
}
