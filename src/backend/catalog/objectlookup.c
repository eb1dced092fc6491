/*
 * objectlookup.c
 *     Databases and roles by name and OID (the shared catalogs pg_database
 *     and pg_authid).
 * Entry points: DatabaseOidByName(), DatabaseNameById(), DatabaseRowByName(),
 * RoleOidByName(), RoleNameById(), RoleIsSuperuser(), RoleRowByName().
 * These work before a database is chosen (InitPostgres), inside a
 * transaction: shared catalogs do not depend on MyDatabaseId.
 */
#include "rustydb.h"

#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Find the pg_database row matching name (if non-NULL) or oid. */
static bool
find_database(const char *name, Oid oid, FormData_pg_database *out)
{
    Relation    rel = table_open(DatabaseRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    bool        found = false;

    while (CatalogGetNext(scan, out, NULL))
    {
        if (name != NULL ? strcmp(NameStr(out->datname), name) == 0 : out->oid == oid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

static bool
find_role(const char *name, Oid oid, FormData_pg_authid *out)
{
    Relation    rel = table_open(AuthIdRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    bool        found = false;

    while (CatalogGetNext(scan, out, NULL))
    {
        if (name != NULL ? strcmp(NameStr(out->rolname), name) == 0 : out->oid == oid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

Oid
DatabaseOidByName(const char *dbname)
{
    FormData_pg_database row;

    return find_database(dbname, InvalidOid, &row) ? row.oid : InvalidOid;
}

char *
DatabaseNameById(Oid dbid)
{
    FormData_pg_database row;

    return find_database(NULL, dbid, &row) ? pstrdup(NameStr(row.datname)) : NULL;
}

bool
DatabaseRowByName(const char *dbname, FormData_pg_database *out)
{
    return find_database(dbname, InvalidOid, out);
}

Oid
RoleOidByName(const char *rolname)
{
    FormData_pg_authid row;

    return find_role(rolname, InvalidOid, &row) ? row.oid : InvalidOid;
}

char *
RoleNameById(Oid roleid)
{
    FormData_pg_authid row;

    return find_role(NULL, roleid, &row) ? pstrdup(NameStr(row.rolname)) : NULL;
}

bool
RoleIsSuperuser(Oid roleid)
{
    FormData_pg_authid row;

    return find_role(NULL, roleid, &row) && row.rolsuper;
}

bool
RoleRowByName(const char *rolname, FormData_pg_authid *out)
{
    return find_role(rolname, InvalidOid, out);
}
