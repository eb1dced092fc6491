/*
 * tempcmds.c
 *     What temporary tables do at commit (ON COMMIT DELETE ROWS / DROP) and
 *     DISCARD { ALL | PLANS | SEQUENCES | TEMP }.
 * Entry points: RegisterOnCommitAction(), ExecDiscardStmt().
 *
 * ON COMMIT actions are a backend-local list of (table, action).  Every
 * commit runs them before the commit record (a pre-commit callback, so a
 * failure turns the commit into an abort): DELETE ROWS gives a table that
 * has any pages a new empty file, but only in a transaction that wrote
 * something (only such a transaction can have put rows there); DROP drops
 * the table.  Entries whose table no longer exists (dropped, or created by
 * a transaction that rolled back) are forgotten at the next commit.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "commands/tempcmds.h"
#include "storage/bufmgr.h"
#include "commands/tablecmds.h"
#include "tcop/portal.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

typedef struct OnCommitItem
{
    Oid         relid;
    RawOnCommitAction action;
} OnCommitItem;

static List *on_commit_items = NIL;     /* OnCommitItem, in TopMemoryContext */
static bool callback_registered = false;

static void
run_on_commit_actions(void)
{
    List       *keep = NIL;
    ListCell   *lc;
    bool        wrote = GetCurrentTransactionIdIfAny() != InvalidTransactionId;

    foreach(lc, on_commit_items)
    {
        OnCommitItem *item = lfirst(lc);
        FormData_pg_class row;

        if (!RelationClassRowById(item->relid, &row))
        {
            pfree(item);
            continue;
        }
        if (item->action == RAW_ONCOMMIT_DROP)
        {
            RelationDrop(item->relid);
            CommandCounterIncrement();
            pfree(item);
            continue;
        }
        if (wrote)
        {
            Relation    rel = table_open(item->relid, AccessExclusiveLock);

            if (RelationGetNumberOfBlocks(rel) > 0)
            {
                RelationSetNewRelfilenode(rel);
                CommandCounterIncrement();
            }
            table_close(rel, NoLock);
        }
        keep = lappend(keep, item);
    }
    list_free(on_commit_items);
    on_commit_items = NIL;
    if (keep != NIL)
    {
        MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

        on_commit_items = list_copy(keep);
        MemoryContextSwitchTo(old);
        list_free(keep);
    }
}

static void
on_commit_callback(XactEvent event, void *arg)
{
    (void) arg;
    if (event == XACT_EVENT_PRE_COMMIT && on_commit_items != NIL)
        run_on_commit_actions();
}

void
RegisterOnCommitAction(Oid relid, RawOnCommitAction action)
{
    MemoryContext old;
    OnCommitItem *item;

    if (action == RAW_ONCOMMIT_NOOP || action == RAW_ONCOMMIT_PRESERVE_ROWS)
        return;
    if (!callback_registered)
    {
        RegisterXactCallback(on_commit_callback, NULL);
        callback_registered = true;
    }
    old = MemoryContextSwitchTo(TopMemoryContext);
    item = palloc(sizeof(OnCommitItem));
    item->relid = relid;
    item->action = action;
    on_commit_items = lappend(on_commit_items, item);
    MemoryContextSwitchTo(old);
}

void
ExecDiscardStmt(DiscardStmt *stmt)
{
    switch (stmt->target)
    {
        case DISCARD_ALL:
            {
                VariableSetStmt reset;

                PreventInTransactionBlock(true, "DISCARD ALL");
                PortalDropAll();
                memset(&reset, 0, sizeof(reset));
                reset.type = T_VariableSetStmt;
                reset.kind = VAR_RESET_ALL;
                ExecSetVariableStmt(&reset);
                PreparedStatementDropAll();
                CacheResetLocal();
                if (OidIsValid(TempNamespace()))
                    TempNamespaceRemove();
            }
            break;
        case DISCARD_PLANS:
            CacheResetLocal();
            break;
        case DISCARD_SEQUENCES:
            /* no per-session sequence state is kept */
            break;
        case DISCARD_TEMP:
            if (OidIsValid(TempNamespace()))
                TempNamespaceRemove();
            break;
    }
}
