/*
 * schemacmds.c
 *     CREATE SCHEMA.
 * Entry points: ExecCreateSchemaStmt().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "commands/schemacmds.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

void
ExecCreateSchemaStmt(CreateSchemaStmt *stmt)
{
    Oid         owner = MyRoleId;
    const char *name = stmt->schemaname;

    if (stmt->authrole != NULL)
    {
        const char *rolname = stmt->authrole->roletype == ROLESPEC_CSTRING ?
            stmt->authrole->rolename : MyRoleName;

        if (stmt->authrole->roletype == ROLESPEC_PUBLIC)
            ereport(ERROR, errcode(ERRCODE_RESERVED_NAME),
                    errmsg("role \"public\" does not exist"));
        owner = RoleOidByName(rolname);
        if (!OidIsValid(owner))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("role \"%s\" does not exist", rolname));
        if (name == NULL)
            name = rolname;
        if (owner != MyRoleId && !RoleIsSuperuser(MyRoleId))
            ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                    errmsg("must be able to SET ROLE \"%s\"", rolname));
    }
    if (stmt->schemaElts != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("CREATE SCHEMA with schema elements is not supported yet"));
    if (strncmp(name, "pg_", 3) == 0)
        ereport(ERROR, errcode(ERRCODE_RESERVED_NAME),
                errmsg("unacceptable schema name \"%s\"", name),
                errdetail("The prefix \"pg_\" is reserved for system schemas."));
    if (OidIsValid(LookupNamespace(name, true)))
    {
        if (stmt->if_not_exists)
        {
            ereport(NOTICE, errcode(ERRCODE_DUPLICATE_SCHEMA),
                    errmsg("schema \"%s\" already exists, skipping", name));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_SCHEMA),
                errmsg("schema \"%s\" already exists", name));
    }
    (void) NamespaceCreate(name, owner);
    CommandCounterIncrement();
}
