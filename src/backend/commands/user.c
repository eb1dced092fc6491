/*
 * user.c
 *     CREATE ROLE / USER, DROP ROLE / USER.
 * Entry points: ExecCreateRoleStmt(), ExecDropRoleStmt().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/user.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static bool
opt_bool(DefElem *def)
{
    return def->arg == NULL || (IsA(def->arg, Boolean) ? boolVal(def->arg) :
                                IsA(def->arg, Integer) ? intVal(def->arg) != 0 : true);
}

static void
require_createrole(void)
{
    FormData_pg_authid me;

    if (!RoleRowByName(MyRoleName ? MyRoleName : "", &me) || (!me.rolsuper && !me.rolcreaterole))
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied to create role"));
}

void
ExecCreateRoleStmt(CreateRoleStmt *stmt)
{
    FormData_pg_authid row;
    Relation    rel;
    ListCell   *lc;

    require_createrole();
    if (strcmp(stmt->role, "public") == 0 || strcmp(stmt->role, "none") == 0)
        ereport(ERROR, errcode(ERRCODE_RESERVED_NAME),
                errmsg("role name \"%s\" is reserved", stmt->role));
    if (strncmp(stmt->role, "pg_", 3) == 0)
        ereport(ERROR, errcode(ERRCODE_RESERVED_NAME),
                errmsg("role name \"%s\" is reserved", stmt->role),
                errdetail("Role names starting with \"pg_\" are reserved."));
    if (OidIsValid(RoleOidByName(stmt->role)))
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_OBJECT),
                errmsg("role \"%s\" already exists", stmt->role));
    memset(&row, 0, sizeof(row));
    row.oid = GetNewObjectId();
    snprintf(row.rolname.data, NAMEDATALEN, "%s", stmt->role);
    row.rolinherit = true;
    row.rolcanlogin = stmt->stmt_type == ROLESTMT_USER;
    row.rolconnlimit = -1;
    row.rolpassword = NULL;
    row.rolvaliduntil = CATALOG_NULL_TIMESTAMP;
    row.created_at = GetCurrentTransactionStartTimestamp();
    foreach(lc, stmt->options)
    {
        DefElem    *def = lfirst(lc);

        if (strcmp(def->defname, "superuser") == 0)
        {
            if (!RoleIsSuperuser(MyRoleId))
                ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                        errmsg("must be superuser to create superusers"));
            row.rolsuper = opt_bool(def);
        }
        else if (strcmp(def->defname, "createdb") == 0)
            row.rolcreatedb = opt_bool(def);
        else if (strcmp(def->defname, "createrole") == 0)
            row.rolcreaterole = opt_bool(def);
        else if (strcmp(def->defname, "inherit") == 0)
            row.rolinherit = opt_bool(def);
        else if (strcmp(def->defname, "canlogin") == 0)
            row.rolcanlogin = opt_bool(def);
        else if (strcmp(def->defname, "isreplication") == 0)
            row.rolreplication = opt_bool(def);
        else if (strcmp(def->defname, "bypassrls") == 0)
            row.rolbypassrls = opt_bool(def);
        else if (strcmp(def->defname, "connectionlimit") == 0)
            row.rolconnlimit = intVal(def->arg);
        else if (strcmp(def->defname, "validUntil") == 0)
            row.rolvaliduntil = DatumGetInt64(InputFunctionCall(TIMESTAMPTZOID,
                                                                strVal(def->arg), -1));
        else if (strcmp(def->defname, "password") == 0)
        {
            if (def->arg != NULL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("passwords cannot be set by CREATE ROLE yet"),
                        errhint("Use trust or peer authentication for this role for now."));
        }
        else
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("role option \"%s\" is not supported yet", def->defname));
    }
    rel = table_open(AuthIdRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateCatalog();
    CommandCounterIncrement();
}

/* Does role own anything in the current database or any database? */
static const char *
role_owns_objects(Oid roleid)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_class c;
    FormData_pg_database d;
    FormData_pg_namespace n;
    const char *what = NULL;

    while (what == NULL && CatalogGetNext(scan, &c, NULL))
        if (c.relowner == roleid)
            what = psprintf("owner of %s %s", c.relkind == 'v' ? "view" : "table",
                            NameStr(c.relname));
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    rel = table_open(NamespaceRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (what == NULL && CatalogGetNext(scan, &n, NULL))
        if (n.nspowner == roleid)
            what = psprintf("owner of schema %s", NameStr(n.nspname));
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    rel = table_open(DatabaseRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (what == NULL && CatalogGetNext(scan, &d, NULL))
        if (d.datdba == roleid)
            what = psprintf("owner of database %s", NameStr(d.datname));
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return what;
}

void
ExecDropRoleStmt(DropStmt *stmt)
{
    ListCell   *lc;

    require_createrole();
    foreach(lc, stmt->objects)
    {
        const char *name = strVal(llast((List *) lfirst(lc)));
        Oid         roleid = RoleOidByName(name);
        const char *owned;

        if (!OidIsValid(roleid))
        {
            if (stmt->missing_ok)
            {
                ereport(NOTICE, errmsg("role \"%s\" does not exist, skipping", name));
                continue;
            }
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("role \"%s\" does not exist", name));
        }
        if (roleid == MyRoleId)
            ereport(ERROR, errcode(ERRCODE_OBJECT_IN_USE),
                    errmsg("current user cannot be dropped"));
        if (roleid == BOOTSTRAP_SUPERUSERID)
            ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                    errmsg("cannot drop role %s because it is required by the database system",
                           name));
        if (RoleIsSuperuser(roleid) && !RoleIsSuperuser(MyRoleId))
            ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                    errmsg("must be superuser to drop superusers"));
        owned = role_owns_objects(roleid);
        if (owned != NULL)
            ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                    errmsg("role \"%s\" cannot be dropped because some objects depend on it",
                           name),
                    errdetail("%s", owned));
        {
            Relation    rel = table_open(AuthIdRelationId, RowExclusiveLock);
            CatalogScan scan = CatalogBeginScan(rel);
            FormData_pg_authid row;
            ItemPointerData tid;

            while (CatalogGetNext(scan, &row, &tid))
                if (row.oid == roleid)
                    CatalogDeleteRow(rel, &tid);
            CatalogEndScan(scan);
            table_close(rel, RowExclusiveLock);
        }
        CommandCounterIncrement();
    }
    CacheInvalidateCatalog();
}
