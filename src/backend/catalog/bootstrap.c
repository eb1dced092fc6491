/*
 * bootstrap.c
 *     Bootstrap mode: create the catalogs of a new instance (template1),
 *     their built-in rows and the system views, then the databases
 *     rustydb and postgres as copies of template1.
 * Entry points: BootstrapMain() ("rustydb --boot"), BootstrapCreateInstance().
 * The steps and the OID ranges they use: README.md in this directory.
 */
#include "rustydb.h"

#include <string.h>

#include "access/heapam.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/bootstrap.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "catalog/storage.h"
#include "commands/view.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* The system views, created through the normal SQL pipeline. */
typedef struct SystemView
{
    Oid         nspid;
    const char *name;
    const char *sql;
} SystemView;

static const SystemView system_views[] = {
    {PG_CATALOG_NAMESPACE, "pg_tables",
     "SELECT n.nspname AS schemaname, c.relname AS tablename, "
     "pg_get_userbyid(c.relowner) AS tableowner, NULL::name AS tablespace, "
     "c.relhasindex AS hasindexes, c.relhasrules AS hasrules, "
     "c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity "
     "FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'p')"},
    {PG_CATALOG_NAMESPACE, "pg_views",
     "SELECT n.nspname AS schemaname, c.relname AS viewname, "
     "pg_get_userbyid(c.relowner) AS viewowner, pg_get_viewdef(c.oid) AS definition "
     "FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind = 'v'"},
    {PG_CATALOG_NAMESPACE, "pg_roles",
     "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, "
     "rolreplication, rolconnlimit, '********'::text AS rolpassword, rolvaliduntil, "
     "rolbypassrls, NULL::text AS rolconfig, oid FROM pg_authid"},
    {PG_CATALOG_NAMESPACE, "pg_user",
     "SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, "
     "rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls, "
     "'********'::text AS passwd, rolvaliduntil AS valuntil, NULL::text AS useconfig "
     "FROM pg_authid WHERE rolcanlogin"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "schemata",
     "SELECT current_database()::name AS catalog_name, n.nspname AS schema_name, "
     "pg_get_userbyid(n.nspowner) AS schema_owner FROM pg_namespace n"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "tables",
     "SELECT current_database()::name AS table_catalog, n.nspname AS table_schema, "
     "c.relname AS table_name, "
     "CASE WHEN n.nspname = 'pg_temp' THEN 'LOCAL TEMPORARY' "
     "WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type, "
     "CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into, "
     "'NO'::text AS is_typed "
     "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'v', 'p')"},
    {PG_INFORMATION_SCHEMA_NAMESPACE, "columns",
     "SELECT current_database()::name AS table_catalog, n.nspname AS table_schema, "
     "c.relname AS table_name, a.attname AS column_name, a.attnum::integer AS ordinal_position, "
     "pg_get_expr(d.adbin, d.adrelid) AS column_default, "
     "CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, "
     "format_type(a.atttypid, NULL) AS data_type, "
     "CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 0 THEN a.atttypmod - 4 END "
     "AS character_maximum_length, t.typname AS udt_name "
     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
     "JOIN pg_namespace n ON n.oid = c.relnamespace "
     "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
     "LEFT JOIN pg_type t ON t.oid = a.atttypid "
     "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p')"},
};

static void
insert_namespace(Relation rel, Oid oid, const char *name, Oid owner)
{
    FormData_pg_namespace row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.nspname.data, NAMEDATALEN, "%s", name);
    row.nspowner = owner;
    CatalogInsertRow(rel, &row);
}

static void
insert_database(Relation rel, Oid oid, const char *name, bool is_template)
{
    FormData_pg_database row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.datname.data, NAMEDATALEN, "%s", name);
    row.datdba = BOOTSTRAP_SUPERUSERID;
    row.encoding = PG_ENCODING_UTF8;
    row.datlocprovider = 'c';
    row.datistemplate = is_template;
    row.datallowconn = true;
    row.datconnlimit = -1;
    row.dattablespace = DEFAULTTABLESPACE_OID;
    row.datcollate = "C";
    row.datctype = "C";
    row.created_at = GetCurrentTransactionStartTimestamp();
    CatalogInsertRow(rel, &row);
}

static void
insert_am(Relation rel, Oid oid, const char *name, char type)
{
    FormData_pg_am row;

    memset(&row, 0, sizeof(row));
    row.oid = oid;
    snprintf(row.amname.data, NAMEDATALEN, "%s", name);
    row.amtype = type;
    CatalogInsertRow(rel, &row);
}

/* pg_class + pg_attribute rows describing the catalogs themselves. */
static void
insert_catalog_descriptions(void)
{
    int         ncat;
    const CatalogDesc *const *cats = CatalogDescAll(&ncat);
    Relation    classrel = table_open(RelationRelationId, RowExclusiveLock);
    Relation    attrel = table_open(AttributeRelationId, RowExclusiveLock);

    for (int i = 0; i < ncat; i++)
    {
        const CatalogDesc *desc = cats[i];
        TupleDesc   tupdesc = CatalogTupleDesc(desc);
        FormData_pg_class row;

        memset(&row, 0, sizeof(row));
        row.oid = desc->relid;
        snprintf(row.relname.data, NAMEDATALEN, "%s", desc->relname);
        row.relnamespace = PG_CATALOG_NAMESPACE;
        row.relowner = BOOTSTRAP_SUPERUSERID;
        row.relam = HEAP_TABLE_AM_OID;
        row.relfilenode = desc->relid;
        row.reltablespace = desc->shared ? GLOBALTABLESPACE_OID : InvalidOid;
        row.reltuples = -1;
        row.relisshared = desc->shared;
        row.relpersistence = RELPERSISTENCE_PERMANENT;
        row.relkind = RELKIND_RELATION;
        row.relnatts = (int16) desc->ncolumns;
        row.relispopulated = true;
        row.relreplident = 'n';
        row.created_at = GetCurrentTransactionStartTimestamp();
        CatalogInsertRow(classrel, &row);
        for (int a = 0; a < tupdesc->natts; a++)
        {
            FormData_pg_attribute att;

            AttributeRowFromDesc(desc->relid, TupleDescAttr(tupdesc, a), a + 1, &att);
            CatalogInsertRow(attrel, &att);
        }
    }
    table_close(attrel, RowExclusiveLock);
    table_close(classrel, RowExclusiveLock);
}

/* pg_type and pg_proc from the built-in table (catalog/pg_builtin.h). */
static void
insert_builtin_types_and_functions(void)
{
    Relation    rel = table_open(TypeRelationId, RowExclusiveLock);

    for (Oid oid = 1; oid < FirstBootstrapObjectId; oid++)
    {
        const TypeInfo *t = TypeInfoById(oid);
        FormData_pg_type row;

        if (t == NULL || t->oid != oid)
            continue;
        memset(&row, 0, sizeof(row));
        row.oid = oid;
        snprintf(row.typname.data, NAMEDATALEN, "%s", t->internal_name);
        row.typnamespace = PG_CATALOG_NAMESPACE;
        row.typowner = BOOTSTRAP_SUPERUSERID;
        row.typlen = t->len;
        row.typbyval = t->byval;
        row.typtype = t->category == TYPCATEGORY_PSEUDOTYPE ? 'p' : 'b';
        row.typcategory = t->category;
        row.typispreferred = t->preferred;
        row.typisdefined = true;
        row.typdelim = ',';
        row.typelem = t->elem_type;
        row.typarray = t->array_type;
        row.typalign = t->align;
        row.typstorage = t->len == -1 ? 'x' : 'p';
        row.typtypmod = -1;
        row.typcollation = (oid == TEXTOID || oid == VARCHAROID || oid == BPCHAROID) ?
            DEFAULT_COLLATION_OID : InvalidOid;
        CatalogInsertRow(rel, &row);
    }
    table_close(rel, RowExclusiveLock);

    rel = table_open(ProcedureRelationId, RowExclusiveLock);
    for (Oid oid = 1; oid < FirstNormalObjectId + 20000; oid++)
    {
        const FuncInfo *f = FuncInfoById(oid);
        FormData_pg_proc row;
        StringInfoData args;

        if (f == NULL || f->oid != oid)
            continue;
        initStringInfo(&args);
        for (int i = 0; i < f->nargs; i++)
            appendStringInfo(&args, "%s%u", i ? " " : "", f->argtypes[i]);
        memset(&row, 0, sizeof(row));
        row.oid = oid;
        snprintf(row.proname.data, NAMEDATALEN, "%s", f->name);
        row.pronamespace = PG_CATALOG_NAMESPACE;
        row.proowner = BOOTSTRAP_SUPERUSERID;
        row.prolang = INTERNAL_LANGUAGE_ID;
        row.prokind = FuncIsAggregate(oid) ? 'a' : 'f';
        row.proisstrict = f->strict;
        row.proretset = f->retset;
        row.provolatile = f->volatility;
        row.pronargs = (int16) f->nargs;
        row.prorettype = f->rettype;
        row.proargtypes = args.data;
        CatalogInsertRow(rel, &row);
        pfree(args.data);
    }
    table_close(rel, RowExclusiveLock);
}

static void
create_catalog_storage(void)
{
    int         ncat;
    const CatalogDesc *const *cats = CatalogDescAll(&ncat);

    for (int i = 0; i < ncat; i++)
    {
        RelFileLocator loc;

        loc.shared = cats[i]->shared;
        loc.dbOid = cats[i]->shared ? InvalidOid : Template1DbOid;
        loc.relNumber = cats[i]->relid;
        heap_create_storage(loc);
    }
}

/* Run one system view in its own transaction; a failure is a WARNING (initdb shows it). */
static void
create_system_view(const SystemView *view)
{
    MemoryContext oldcxt = CurrentMemoryContext;

    StartTransactionCommand();
    RDB_TRY();
    {
        (void) DefineViewFromText(view->nspid, view->name, view->sql, NIL, false);
        CommitTransactionCommand();
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(oldcxt);
        edata = CopyErrorData();
        FlushErrorState();
        AbortCurrentTransaction();
        ereport(WARNING, errmsg("could not create system view %s: %s", view->name,
                                edata->message));
        FreeErrorData(edata);
    }
    RDB_END_TRY();
}

void
BootstrapCreateInstance(const char *superuser)
{
    Relation    rel;
    FormData_pg_authid role;
    char       *dir;

    MyDatabaseId = Template1DbOid;
    MyDatabaseName = MemoryContextStrdup(TopMemoryContext, "template1");
    MyRoleId = BOOTSTRAP_SUPERUSERID;
    MyRoleName = MemoryContextStrdup(TopMemoryContext, superuser);
    MyRoleIsSuperuser = true;
    if (MyProc != NULL)
    {
        MyProc->database_id = MyDatabaseId;
        MyProc->role_id = MyRoleId;
    }

    dir = DataFilePath("base/1");
    DirectoryCreateRecursive(dir);
    pfree(dir);

    StartTransactionCommand();
    SetNextObjectId(FirstBootstrapObjectId);
    create_catalog_storage();
    insert_catalog_descriptions();

    rel = table_open(NamespaceRelationId, RowExclusiveLock);
    insert_namespace(rel, PG_CATALOG_NAMESPACE, "pg_catalog", BOOTSTRAP_SUPERUSERID);
    insert_namespace(rel, PG_PUBLIC_NAMESPACE, "public", BOOTSTRAP_SUPERUSERID);
    insert_namespace(rel, PG_INFORMATION_SCHEMA_NAMESPACE, "information_schema",
                     BOOTSTRAP_SUPERUSERID);
    table_close(rel, RowExclusiveLock);

    memset(&role, 0, sizeof(role));
    role.oid = BOOTSTRAP_SUPERUSERID;
    snprintf(role.rolname.data, NAMEDATALEN, "%s", superuser);
    role.rolsuper = role.rolinherit = role.rolcreaterole = role.rolcreatedb = true;
    role.rolcanlogin = role.rolreplication = role.rolbypassrls = true;
    role.rolconnlimit = -1;
    role.rolpassword = NULL;
    role.rolvaliduntil = CATALOG_NULL_TIMESTAMP;
    role.created_at = GetCurrentTransactionStartTimestamp();
    rel = table_open(AuthIdRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &role);
    table_close(rel, RowExclusiveLock);

    rel = table_open(DatabaseRelationId, RowExclusiveLock);
    insert_database(rel, Template1DbOid, "template1", true);
    insert_database(rel, RustydbDbOid, "rustydb", false);
    insert_database(rel, PostgresDbOid, "postgres", false);
    table_close(rel, RowExclusiveLock);

    rel = table_open(AccessMethodRelationId, RowExclusiveLock);
    insert_am(rel, HEAP_TABLE_AM_OID, "heap", 't');
    insert_am(rel, BTREE_AM_OID, "btree", 'i');
    insert_am(rel, HASH_AM_OID, "hash", 'i');
    table_close(rel, RowExclusiveLock);

    insert_builtin_types_and_functions();
    CommandCounterIncrement();
    CommitTransactionCommand();

    for (size_t i = 0; i < lengthof(system_views); i++)
        create_system_view(&system_views[i]);

    StartTransactionCommand();
    SetNextObjectId(FirstNormalObjectId);
    CommitTransactionCommand();

    FlushAllBuffers();
    DatabaseDirectoryCopy(Template1DbOid, RustydbDbOid);
    DatabaseDirectoryCopy(Template1DbOid, PostgresDbOid);
}

static void
boot_usage(void)
{
    fprintf(stderr, "usage: rustydb --boot -D DIR --superuser NAME\n");
}

int
BootstrapMain(int argc, char **argv)
{
    const char *datadir = NULL;
    const char *superuser = NULL;
    volatile int rc = 0;

    for (int i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--boot") == 0)
            continue;
        if (strcmp(argv[i], "-D") == 0 && i + 1 < argc)
            datadir = argv[++i];
        else if ((strcmp(argv[i], "--superuser") == 0 || strcmp(argv[i], "-U") == 0) &&
                 i + 1 < argc)
            superuser = argv[++i];
        else
        {
            boot_usage();
            return 1;
        }
    }
    if (datadir == NULL || superuser == NULL || superuser[0] == '\0' ||
        strlen(superuser) >= NAMEDATALEN)
    {
        boot_usage();
        return 1;
    }
    if (TopMemoryContext == NULL)
        MemoryContextInit();
    ProcessRoleName = "bootstrap";
    GucInitialize();
    DataDir = MemoryContextStrdup(TopMemoryContext, datadir);

    RDB_TRY();
    {
        char       *path;

        path = DataFilePath("base");
        DirectoryCreateRecursive(path);
        pfree(path);
        path = DataFilePath("global");
        DirectoryCreateRecursive(path);
        pfree(path);
        SharedMemoryCreate();
        ControlFileCreate();
        StorageStartup();
        if (!StorageAttachProcess(B_STANDALONE))
            ereport(ERROR, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                    errmsg("sorry, too many clients already"));
        BootstrapCreateInstance(superuser);
        StorageShutdown();
    }
    RDB_CATCH();
    {
        EmitErrorReport();
        FlushErrorState();
        rc = 1;
    }
    RDB_END_TRY();
    return rc;
}
