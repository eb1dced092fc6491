/*
 * namespace_temp.c
 *     The session's temporary schema.  Temporary relations of the backend
 *     in proc slot N live in the schema pg_temp_<N+1> of the database,
 *     created by the session's first CREATE TEMP and searched before every
 *     other schema (README "temporary tables").  The session drops the
 *     schema with everything in it when it ends; a schema left behind by a
 *     session that crashed is dropped by the next session of the same slot
 *     when it connects to that database.
 * Entry points: TempNamespace(), TempNamespaceForCreate(),
 * IsTempNamespaceName(), IsOtherTempNamespaceName(), IsTempNamespace(),
 * TempNamespaceRemove(), TempNamespaceAtConnect().
 */
#include "rustydb.h"

#include <ctype.h>
#include <stdio.h>

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/*
 * The schema's OID once this session created (or found) it.  It may name
 * a schema whose creating transaction rolled back: lookups in it then find
 * nothing, and TempNamespaceForCreate() checks the catalog before reuse.
 */
static Oid  my_temp_nsp = InvalidOid;

static void
temp_namespace_name(char *buf)
{
    snprintf(buf, NAMEDATALEN, "pg_temp_%d", MyProcNumber + 1);
}

Oid
TempNamespace(void)
{
    return my_temp_nsp;
}

bool
IsTempNamespace(Oid nspid)
{
    return OidIsValid(nspid) && nspid == my_temp_nsp;
}

Oid
TempNamespaceForCreate(void)
{
    char        name[NAMEDATALEN];
    Oid         nspid;

    if (MyProcNumber < 0)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot create temporary tables in this process"));
    temp_namespace_name(name);
    nspid = LookupNamespace(name, true);
    if (!OidIsValid(nspid))
    {
        nspid = NamespaceCreate(name, BOOTSTRAP_SUPERUSERID);
        CommandCounterIncrement();
    }
    my_temp_nsp = nspid;
    return nspid;
}

bool
IsTempNamespaceName(const char *nspname)
{
    char        name[NAMEDATALEN];

    if (strcmp(nspname, "pg_temp") == 0)
        return true;
    temp_namespace_name(name);
    return MyProcNumber >= 0 && strcmp(nspname, name) == 0;
}

bool
IsOtherTempNamespaceName(const char *nspname)
{
    const char *p;

    if (strncmp(nspname, "pg_temp_", 8) != 0 || nspname[8] == '\0')
        return false;
    for (p = nspname + 8; *p != '\0'; p++)
        if (!isdigit((unsigned char) *p))
            return false;
    return !IsTempNamespaceName(nspname);
}

/* Drop the relations of schema nspid (indexes go with their tables), then the schema. */
static void
drop_namespace_contents(Oid nspid)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_class classrow;
    FormData_pg_namespace nsp;
    ItemPointerData tid;
    List       *members = NIL;
    ListCell   *lc;

    rel = table_open(RelationRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &classrow, NULL))
    {
        if (classrow.relnamespace == nspid && classrow.relkind != RELKIND_INDEX)
            members = lappend_oid(members, classrow.oid);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    foreach(lc, members)
    {
        RelationDrop(lfirst_oid(lc));
        CommandCounterIncrement();
    }

    rel = table_open(NamespaceRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &nsp, &tid))
    {
        if (nsp.oid == nspid)
            CatalogDeleteRow(rel, &tid);
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateCatalog();
    CommandCounterIncrement();
}

void
TempNamespaceRemove(void)
{
    char        name[NAMEDATALEN];
    Oid         nspid;

    temp_namespace_name(name);
    nspid = LookupNamespace(name, true);
    if (OidIsValid(nspid))
        drop_namespace_contents(nspid);
    /* my_temp_nsp stays: if this transaction rolls back, the schema is back */
}

/*
 * temp_namespace_at_exit -- exit callback: drop the session's temporary
 * objects in a transaction of their own (after aborting any open one).
 */
static void
temp_namespace_at_exit(int code, Datum arg)
{
    (void) code;
    (void) arg;
    if (!OidIsValid(my_temp_nsp))
        return;
    AbortOutOfAnyTransaction();
    StartTransactionCommand();
    TempNamespaceRemove();
    CommitTransactionCommand();
}

void
TempNamespaceAtConnect(void)
{
    char        name[NAMEDATALEN];

    if (MyProcNumber < 0)
        return;
    temp_namespace_name(name);
    StartTransactionCommand();
    if (OidIsValid(LookupNamespace(name, true)))
        TempNamespaceRemove();
    CommitTransactionCommand();
    OnProcExit(temp_namespace_at_exit, (Datum) 0);
}
