/*
 * dbcommands.c
 *     CREATE DATABASE (copy a template's directory) and DROP DATABASE.
 * Entry points: ExecCreatedbStmt(), ExecDropdbStmt().
 *
 * XXX: without database-level locks, a session connecting to the template
 * (or to a database being dropped) between our check and our commit is
 * not prevented; the lock manager issue closes this window.
 */
#include "rustydb.h"

#include <strings.h>

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/storage.h"
#include "commands/dbcommands.h"
#include "commands_int.h"
#include "miscadmin.h"
#include "postmaster/checkpointer.h"
#include "storage/bufmgr.h"
#include "storage/procarray.h"
#include "storage/smgr_xlog.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static const char *
defelem_string(DefElem *def)
{
    if (def->arg == NULL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("%s requires a value", def->defname));
    if (IsA(def->arg, String))
        return strVal(def->arg);
    if (IsA(def->arg, Integer))
        return psprintf("%d", intVal(def->arg));
    if (IsA(def->arg, Boolean))
        return boolVal(def->arg) ? "true" : "false";
    if (IsA(def->arg, Float))
        return castNode(Float, def->arg)->fval;
    ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
            errmsg("invalid value for option \"%s\"", def->defname));
    return NULL;
}

static bool
defelem_bool(DefElem *def)
{
    bool        b;

    if (def->arg == NULL)
        return true;
    if (!GucParseBool(defelem_string(def), &b))
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("%s requires a Boolean value", def->defname));
    return b;
}

static void
report_other_sessions(const char *fmt, const char *dbname, int others)
{
    ereport(ERROR, errcode(ERRCODE_OBJECT_IN_USE),
            errmsg(fmt, dbname),
            others == 1 ? errdetail("There is 1 other session using the database.") :
            errdetail("There are %d other sessions using the database.", others));
}

void
ExecCreatedbStmt(CreatedbStmt *stmt)
{
    const char *template_name = "template1";
    Oid         owner = MyRoleId;
    int32       connlimit = -1;
    bool        is_template = false;
    bool        allow_conn = true;
    FormData_pg_database tmpl;
    FormData_pg_database row;
    FormData_pg_authid me;
    Relation    rel;
    ListCell   *lc;
    Oid         dboid;
    int         others;

    PreventInTransactionBlock(true, "CREATE DATABASE");
    foreach(lc, stmt->options)
    {
        DefElem    *def = lfirst(lc);
        const char *name = def->defname;

        if (strcmp(name, "owner") == 0)
        {
            const char *rolname = defelem_string(def);

            owner = RoleOidByName(rolname);
            if (!OidIsValid(owner))
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("role \"%s\" does not exist", rolname));
        }
        else if (strcmp(name, "template") == 0)
            template_name = defelem_string(def);
        else if (strcmp(name, "encoding") == 0)
        {
            const char *enc = defelem_string(def);

            if (strcasecmp(enc, "UTF8") != 0 && strcasecmp(enc, "UTF-8") != 0 &&
                strcmp(enc, "6") != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("encoding \"%s\" is not supported: databases are always UTF8", enc));
        }
        else if (strcmp(name, "locale") == 0 || strcmp(name, "lc_collate") == 0 ||
                 strcmp(name, "lc_ctype") == 0)
        {
            const char *loc = defelem_string(def);

            if (strcmp(loc, "C") != 0 && strcmp(loc, "POSIX") != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("locale \"%s\" is not supported: only \"C\" is", loc));
        }
        else if (strcmp(name, "connection_limit") == 0 || strcmp(name, "connectionlimit") == 0)
            connlimit = atoi(defelem_string(def));
        else if (strcmp(name, "is_template") == 0)
            is_template = defelem_bool(def);
        else if (strcmp(name, "allow_connections") == 0)
            allow_conn = defelem_bool(def);
        else if (strcmp(name, "tablespace") == 0)
        {
            if (strcmp(defelem_string(def), "pg_default") != 0)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("tablespace \"%s\" does not exist", defelem_string(def)));
        }
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("option \"%s\" not recognized", name));
    }
    if (!RoleRowByName(MyRoleName ? MyRoleName : "", &me) || (!me.rolsuper && !me.rolcreatedb))
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied to create database"));
    if (OidIsValid(DatabaseOidByName(stmt->dbname)))
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_DATABASE),
                errmsg("database \"%s\" already exists", stmt->dbname));
    if (!DatabaseRowByName(template_name, &tmpl))
        ereport(ERROR, errcode(ERRCODE_INVALID_CATALOG_NAME),
                errmsg("template database \"%s\" does not exist", template_name));
    if (!tmpl.datistemplate && tmpl.datdba != MyRoleId && !me.rolsuper)
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied to copy database \"%s\"", template_name));
    others = ProcArrayCountDatabaseBackends(tmpl.oid) - (MyDatabaseId == tmpl.oid ? 1 : 0);
    if (others > 0)
        report_other_sessions("source database \"%s\" is being accessed by other users",
                              template_name, others);

    dboid = GetNewObjectId();
    /* The copy must see every committed change of the template on disk. */
    FlushAllBuffers();
    DatabaseDirectoryRemoveAtAbort(dboid);
    DatabaseDirectoryCopy(tmpl.oid, dboid);
    /*
     * (transactions issue, WAL) Log the copy, then checkpoint: redo of the
     * record copies the template as it is on disk at that time, so recovery
     * must never have to replay template changes older than the copy.
     */
    XLogDbaseCreate(dboid, tmpl.oid);
    RequestCheckpoint();

    memset(&row, 0, sizeof(row));
    row.oid = dboid;
    snprintf(row.datname.data, NAMEDATALEN, "%s", stmt->dbname);
    row.datdba = owner;
    row.encoding = PG_ENCODING_UTF8;
    row.datlocprovider = 'c';
    row.datistemplate = is_template;
    row.datallowconn = allow_conn;
    row.datconnlimit = connlimit;
    row.dattablespace = DEFAULTTABLESPACE_OID;
    row.datcollate = "C";
    row.datctype = "C";
    row.daticulocale = NULL;
    row.created_at = GetCurrentTransactionStartTimestamp();
    rel = table_open(DatabaseRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateCatalog();
}

void
ExecDropdbStmt(DropStmt *stmt)
{
    const char *dbname;
    FormData_pg_database row;
    Relation    rel;
    CatalogScan scan;
    ItemPointerData tid;
    ListCell   *lc;
    int         others;

    PreventInTransactionBlock(true, "DROP DATABASE");
    if (list_length(stmt->objects) != 1)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("DROP DATABASE drops one database at a time"));
    foreach(lc, stmt->options)
    {
        if (strcmp(((DefElem *) lfirst(lc))->defname, "force") == 0)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("DROP DATABASE ... WITH (FORCE) is not supported yet"));
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("unrecognized DROP DATABASE option \"%s\"",
                       ((DefElem *) lfirst(lc))->defname));
    }
    dbname = strVal(llast((List *) linitial(stmt->objects)));
    if (!DatabaseRowByName(dbname, &row))
    {
        if (stmt->missing_ok)
        {
            ereport(NOTICE, errmsg("database \"%s\" does not exist, skipping", dbname));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_INVALID_CATALOG_NAME),
                errmsg("database \"%s\" does not exist", dbname));
    }
    CheckOwnership(row.datdba, "database", dbname);
    if (row.datistemplate)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot drop a template database"));
    if (row.oid == MyDatabaseId)
        ereport(ERROR, errcode(ERRCODE_OBJECT_IN_USE),
                errmsg("cannot drop the currently open database"));
    others = ProcArrayCountDatabaseBackends(row.oid);
    if (others > 0)
        report_other_sessions("database \"%s\" is being accessed by other users", dbname, others);

    rel = table_open(DatabaseRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, &tid))
    {
        if (strcmp(NameStr(row.datname), dbname) == 0)
        {
            CatalogDeleteRow(rel, &tid);
            DatabaseDirectoryRemoveAtCommit(row.oid);
        }
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateCatalog();
}
