/*
 * postinit.c
 *     Backend initialisation after authentication: attach to shared memory,
 *     find the role and the database, publish the session identity.
 * Entry point: InitPostgres().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

/* Exit callback: leave no transaction open behind us (runs before the slot is released). */
static void
abort_at_exit(int code, Datum arg)
{
    (void) code;
    (void) arg;
    AbortOutOfAnyTransaction();
}

void
InitPostgres(const char *dbname, const char *username)
{
    Oid         roleid;
    Oid         dbid = InvalidOid;
    bool        superuser;

    if (!StorageAttachProcess(B_BACKEND))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("sorry, too many clients already"));
    OnProcExit(abort_at_exit, (Datum) 0);

    /* Catalog lookups need a transaction; an ERROR here has no handler and becomes FATAL. */
    StartTransactionCommand();
    roleid = RoleOidByName(username);
    if (!OidIsValid(roleid))
        ereport(FATAL, errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
                errmsg("role \"%s\" does not exist", username));
    superuser = RoleIsSuperuser(roleid);
    if (dbname != NULL)
    {
        dbid = DatabaseOidByName(dbname);
        if (!OidIsValid(dbid))
            ereport(FATAL, errcode(ERRCODE_INVALID_CATALOG_NAME),
                    errmsg("database \"%s\" does not exist", dbname));
    }
    CommitTransactionCommand();

    MyRoleId = roleid;
    MyRoleName = MemoryContextStrdup(TopMemoryContext, username);
    MyRoleIsSuperuser = superuser;
    MyDatabaseId = dbid;
    MyDatabaseName = dbname ? MemoryContextStrdup(TopMemoryContext, dbname) : NULL;
    if (MyProc != NULL)
    {
        MyProc->database_id = dbid;
        MyProc->role_id = roleid;
    }
    (void) GucSetOption("is_superuser", superuser ? "on" : "off", GUC_CTX_INTERNAL,
                        GUC_SRC_CLIENT, GUC_ACTION_SET, FATAL);
    (void) GucSetOption("session_authorization", username, GUC_CTX_INTERNAL,
                        GUC_SRC_CLIENT, GUC_ACTION_SET, FATAL);
    /* activity statistics: xact callback, exit flush, pg_stat_activity slot */
    pgstat_initialize();
    /* a client session owns the temporary schema of its slot (catalog/namespace.h) */
    if (MyProc != NULL && MyProc->backend_type == B_BACKEND && OidIsValid(dbid))
        TempNamespaceAtConnect();
}
