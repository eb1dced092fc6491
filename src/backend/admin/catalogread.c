/*
 * catalogread.c
 *     Read-only catalog access for the admin API process: short
 *     transactions bound to one database, in which handlers look names up
 *     (tables to maintain, roles, relation and database names for
 *     statistics).  The API still never runs SQL and never writes.
 * Entry points: AdminCatalogRead(), AdminResolveTable(), AdminListRoles(),
 * AdminRelationNames(), AdminDatabaseList(), AdminSplitTableName(); see
 * admin_int.h and the README ("Catalog access").
 *
 * Why in-process lookups rather than a shared-memory name cache kept by
 * backends: the catalogs are the single source of truth, a cache would need
 * invalidation on every DDL, rename, schema and role change and could
 * answer "exists" for a table dropped a second ago.  A lookup here is a
 * sequential scan of a small catalog (pg_class, pg_namespace, pg_authid,
 * pg_database: no catalog has indexes) under AccessShareLock, so it takes
 * microseconds to a few milliseconds.  What could stall the event loop is
 * a lock wait behind an AccessExclusiveLock on a catalog (VACUUM FULL of a
 * catalog): we bound that with a process-local lock_timeout of
 * ADMIN_CATALOG_LOCK_TIMEOUT_MS; the handler then answers 503 and the
 * client retries.
 *
 * Binding: like the autovacuum launcher, this process switches its
 * database by setting MyDatabaseId (and its proc slot's database_id, which
 * DROP DATABASE does not count: only client backends block it) and
 * dropping its relation cache.  It stays bound between requests; the next
 * request for another database switches again (no transaction open).
 *
 * Identity: the bootstrap superuser's OID under the name "admin API" (so a
 * "$user" entry of search_path finds no schema, as for the autovacuum
 * launcher that executes the jobs: both resolve unqualified names along
 * the same default search_path).
 *
 * Memory: the callback runs with the caller's context current (the
 * per-request context), so whatever it allocates survives the commit.
 */
#include "rustydb.h"

#include <ctype.h>

#include "access/xact.h"
#include "admin_int.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/rel.h"
#include "utils/relcache.h"

/* Longest a catalog lookup may wait for a lock before giving up (55P03 -> 503). */
#define ADMIN_CATALOG_LOCK_TIMEOUT_MS "1000"

static bool identity_set = false;
static Oid  bound_db = InvalidOid;

/* set_identity -- once per process: who we are for the catalogs, and the lock wait bound. */
static void
set_identity(void)
{
    if (identity_set)
        return;
    MyRoleId = BOOTSTRAP_SUPERUSERID;
    MyRoleIsSuperuser = true;
    MyRoleName = MemoryContextStrdup(TopMemoryContext, "admin API");
    if (MyProc != NULL)
        MyProc->role_id = BOOTSTRAP_SUPERUSERID;
    /* A session-level value: a reload of rustydb.conf does not override it. */
    (void) GucSetOption("lock_timeout", ADMIN_CATALOG_LOCK_TIMEOUT_MS, GUC_CTX_SUSET, GUC_SRC_SESSION,
                        GUC_ACTION_SET, WARNING);
    identity_set = true;
}

/* bind_database -- make dbid this process's database (no transaction may be open). */
static void
bind_database(Oid dbid, const char *name)
{
    Assert(!IsTransactionState());
    if (dbid == bound_db)
        return;
    MyDatabaseId = dbid;
    if (MyDatabaseName != NULL)
        pfree(MyDatabaseName);
    MyDatabaseName = MemoryContextStrdup(TopMemoryContext, name);
    if (MyProc != NULL)
        MyProc->database_id = dbid;
    RelationCacheInvalidate();
    bound_db = dbid;
}

/* read_in_database -- AdminCatalogRead's body, without the error handling. */
static bool
read_in_database(const char *name, AdminCatalogFn fn, void *arg, Oid *dbid_out, MemoryContext caller)
{
    Oid         dbid;
    bool        found = false;

    /* Shared catalog first: which database?  Usually the bound one, one transaction. */
    StartTransactionCommand();
    MemoryContextSwitchTo(caller);
    dbid = DatabaseOidByName(name);
    if (OidIsValid(dbid) && dbid != bound_db)
    {
        CommitTransactionCommand();
        bind_database(dbid, name);
        StartTransactionCommand();
        MemoryContextSwitchTo(caller);
        /* dropped between the two transactions? */
        if (DatabaseOidByName(name) != dbid)
            dbid = InvalidOid;
    }
    if (OidIsValid(dbid))
    {
        found = true;
        if (dbid_out != NULL)
            *dbid_out = dbid;
        if (fn != NULL)
            fn(arg);
    }
    CommitTransactionCommand();
    MemoryContextSwitchTo(caller);
    return found;
}

typedef struct CatalogReadArgs
{
    const char *name;
    AdminCatalogFn fn;
    void       *arg;
    Oid        *dbid_out;
    MemoryContext caller;
    bool        found;
} CatalogReadArgs;

/* guarded_read -- read_in_database() with the transaction aborted on ERROR (re-thrown). */
static void
guarded_read(CatalogReadArgs *a)
{
    RDB_TRY();
    {
        a->found = read_in_database(a->name, a->fn, a->arg, a->dbid_out, a->caller);
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(a->caller);
        edata = CopyErrorData();
        FlushErrorState();
        AbortOutOfAnyTransaction();
        MemoryContextSwitchTo(a->caller);
        ReThrowError(edata);
    }
    RDB_END_TRY();
}

bool
AdminCatalogRead(const char *dbname, AdminCatalogFn fn, void *arg, Oid *dbid_out)
{
    CatalogReadArgs a;

    a.name = (dbname != NULL && dbname[0] != '\0') ? dbname : ADMIN_DEFAULT_DATABASE;
    a.fn = fn;
    a.arg = arg;
    a.dbid_out = dbid_out;
    a.caller = CurrentMemoryContext;
    a.found = false;
    set_identity();
    guarded_read(&a);
    return a.found;
}

/* ---------- table names ---------- */

/*
 * take_ident -- copy one identifier at *p into out (NAMEDATALEN): a
 * double-quoted one verbatim without the quotes ("" -> "), a plain one
 * folded to lower case (ASCII only, as PostgreSQL).  Advances *p.  False
 * if there is none or it is too long.
 */
static bool
take_ident(const char **p, char *out)
{
    const char *s = *p;
    size_t      n = 0;

    if (*s == '"')
    {
        s++;
        for (;;)
        {
            if (*s == '\0')
                return false;
            if (*s == '"')
            {
                if (s[1] != '"')
                    break;
                s++;
            }
            if (n >= NAMEDATALEN - 1)
                return false;
            out[n++] = *s++;
        }
        s++;
    }
    else
    {
        while (*s != '\0' && *s != '.')
        {
            if (n >= NAMEDATALEN - 1)
                return false;
            out[n++] = (char) ((*s >= 'A' && *s <= 'Z') ? *s + ('a' - 'A') : *s);
            s++;
        }
    }
    out[n] = '\0';
    *p = s;
    return n > 0;
}

bool
AdminSplitTableName(const char *name, char *schema, char *relname)
{
    const char *p = name;
    char        first[NAMEDATALEN];

    if (!AdminValidateTableName(name) || !take_ident(&p, first))
        return false;
    if (*p == '\0')
    {
        schema[0] = '\0';
        strcpy(relname, first);
        return true;
    }
    if (*p != '.')
        return false;
    p++;
    if (!take_ident(&p, relname) || *p != '\0')
        return false;
    strcpy(schema, first);
    return true;
}

Oid
AdminResolveTable(const char *schema, const char *relname, char *relkind)
{
    Oid         relid;
    FormData_pg_class row;

    Assert(IsTransactionState());
    if (schema[0] != '\0')
    {
        Oid         nspid = LookupNamespace(schema, true);

        relid = OidIsValid(nspid) ? RelnameGetRelidInNamespace(nspid, relname) : InvalidOid;
    }
    else
        relid = RelnameGetRelid(NULL, relname);
    *relkind = '\0';
    if (OidIsValid(relid) && RelationClassRowById(relid, &row))
        *relkind = row.relkind;
    return relid;
}

/* ---------- roles ---------- */

AdminRoleRow *
AdminListRoles(int *count)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_authid row;
    int         n = 0;
    int         cap = 16;
    AdminRoleRow *rows = palloc(sizeof(AdminRoleRow) * (Size) cap);

    Assert(IsTransactionState());
    rel = table_open(AuthIdRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        if (n == cap)
        {
            cap *= 2;
            rows = repalloc(rows, sizeof(AdminRoleRow) * (Size) cap);
        }
        rows[n].oid = row.oid;
        snprintf(rows[n].name, NAMEDATALEN, "%s", NameStr(row.rolname));
        rows[n].superuser = row.rolsuper;
        rows[n].createrole = row.rolcreaterole;
        rows[n].createdb = row.rolcreatedb;
        rows[n].canlogin = row.rolcanlogin;
        rows[n].replication = row.rolreplication;
        rows[n].bypassrls = row.rolbypassrls;
        rows[n].valid_until = row.rolvaliduntil == CATALOG_NULL_TIMESTAMP ? 0 : row.rolvaliduntil;
        rows[n].created_at = row.created_at == CATALOG_NULL_TIMESTAMP ? 0 : row.created_at;
        if (row.rolpassword != NULL)
            pfree(row.rolpassword);     /* never kept: the API does not show secrets */
        n++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    *count = n;
    return rows;
}

/* ---------- relation and database names ---------- */

AdminRelName *
AdminRelationNames(int *count)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_class row;
    FormData_pg_namespace nsp;
    int         n = 0;
    int         cap = 64;
    int         nnsp = 0;
    int         nspcap = 16;
    AdminRelName *rows = palloc(sizeof(AdminRelName) * (Size) cap);
    Oid        *nsp_oids = palloc(sizeof(Oid) * (Size) nspcap);
    char      (*nsp_names)[NAMEDATALEN] = palloc(NAMEDATALEN * (Size) nspcap);

    Assert(IsTransactionState());
    /* One scan of each catalog (no per-relation lookups: those rescan pg_class). */
    rel = table_open(NamespaceRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &nsp, NULL))
    {
        if (nnsp == nspcap)
        {
            nspcap *= 2;
            nsp_oids = repalloc(nsp_oids, sizeof(Oid) * (Size) nspcap);
            nsp_names = repalloc(nsp_names, NAMEDATALEN * (Size) nspcap);
        }
        nsp_oids[nnsp] = nsp.oid;
        snprintf(nsp_names[nnsp], NAMEDATALEN, "%s", NameStr(nsp.nspname));
        nnsp++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);

    rel = table_open(RelationRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        if (n == cap)
        {
            cap *= 2;
            rows = repalloc(rows, sizeof(AdminRelName) * (Size) cap);
        }
        rows[n].oid = row.oid;
        rows[n].relkind = row.relkind;
        snprintf(rows[n].relname, NAMEDATALEN, "%s", NameStr(row.relname));
        rows[n].schema[0] = '\0';
        for (int i = 0; i < nnsp; i++)
            if (nsp_oids[i] == row.relnamespace)
            {
                memcpy(rows[n].schema, nsp_names[i], NAMEDATALEN);
                break;
            }
        if (row.reloptions != NULL)
            pfree(row.reloptions);
        n++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    pfree(nsp_oids);
    pfree(nsp_names);
    *count = n;
    return rows;
}

const AdminRelName *
AdminRelNameFind(const AdminRelName *names, int count, Oid relid)
{
    for (int i = 0; i < count; i++)
        if (names[i].oid == relid)
            return &names[i];
    return NULL;
}

AdminDbName *
AdminDatabaseList(int *count)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_database row;
    int         n = 0;
    int         cap = 8;
    AdminDbName *rows = palloc(sizeof(AdminDbName) * (Size) cap);

    Assert(IsTransactionState());
    rel = table_open(DatabaseRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        if (n == cap)
        {
            cap *= 2;
            rows = repalloc(rows, sizeof(AdminDbName) * (Size) cap);
        }
        rows[n].oid = row.oid;
        rows[n].allow_connections = row.datallowconn;
        snprintf(rows[n].name, NAMEDATALEN, "%s", NameStr(row.datname));
        n++;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    *count = n;
    return rows;
}
