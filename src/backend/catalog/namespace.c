/*
 * namespace.c
 *     Schemas, search_path and relation name lookup.
 * Entry points: LookupNamespace(), NamespaceNameById(),
 * SearchPathGetNamespaces(), SearchPathCreationNamespace(),
 * RelnameGetRelid(), RangeVarGetRelid(), RangeVarGetCreationNamespace(),
 * RelationIsVisible(), RelationNameById(), RelationClassRowById(),
 * NamespaceCreate(), CheckNotOtherTempNamespace().  The session's
 * temporary schema: namespace_temp.c.
 *
 * Lookups are keyed catalog scans (CatalogBeginKeyScan), which the
 * per-backend catalog cache answers from a hash index (README "catalog
 * cache").  search_path is re-parsed on each call, so SET search_path needs
 * no invalidation.
 */
#include "rustydb.h"

#include <ctype.h>

#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* ---------- schemas ---------- */

Oid
LookupNamespace(const char *nspname, bool missing_ok)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_namespace row;
    Oid         result = InvalidOid;

    /* "pg_temp" is the session's temporary schema, if it has one */
    if (strcmp(nspname, "pg_temp") == 0)
    {
        if (!OidIsValid(TempNamespace()) && !missing_ok)
            ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                    errmsg("schema \"%s\" does not exist", nspname));
        return TempNamespace();
    }
    rel = table_open(NamespaceRelationId, AccessShareLock);
    scan = CatalogBeginKeyScan(rel, "nspname", nspname);

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (strcmp(NameStr(row.nspname), nspname) == 0)
        {
            result = row.oid;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (!OidIsValid(result) && !missing_ok)
        ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                errmsg("schema \"%s\" does not exist", nspname));
    return result;
}

char *
NamespaceNameById(Oid nspid)
{
    Relation    rel = table_open(NamespaceRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &nspid);
    FormData_pg_namespace row;
    char       *result = NULL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.oid == nspid)
        {
            result = pstrdup(NameStr(row.nspname));
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

Oid
NamespaceCreate(const char *nspname, Oid owner)
{
    FormData_pg_namespace row;
    Relation    rel;

    memset(&row, 0, sizeof(row));
    row.oid = GetNewObjectId();
    snprintf(row.nspname.data, NAMEDATALEN, "%s", nspname);
    row.nspowner = owner;
    rel = table_open(NamespaceRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateCatalog();
    return row.oid;
}

bool
IsSystemNamespace(Oid nspid)
{
    return nspid == PG_CATALOG_NAMESPACE || nspid == PG_TOAST_NAMESPACE ||
        nspid == PG_INFORMATION_SCHEMA_NAMESPACE;
}

/*
 * parse_search_path -- split the setting into schema names (List of
 * palloc'd strings): comma-separated, blanks ignored, double quotes keep
 * case and commas, unquoted names are downcased.
 */
static List *
parse_search_path(const char *setting)
{
    List       *names = NIL;
    const char *p = setting != NULL ? setting : "\"$user\", public";

    for (;;)
    {
        char        buf[NAMEDATALEN * 2];
        int         len = 0;

        while (isspace((unsigned char) *p))
            p++;
        if (*p == '\0')
            break;
        if (*p == '"')
        {
            p++;
            while (*p != '\0')
            {
                if (*p == '"' && p[1] == '"')
                    p++;
                else if (*p == '"')
                {
                    p++;
                    break;
                }
                if (len < (int) sizeof(buf) - 1)
                    buf[len++] = *p;
                p++;
            }
        }
        else
        {
            while (*p != '\0' && *p != ',' && !isspace((unsigned char) *p))
            {
                if (len < (int) sizeof(buf) - 1)
                    buf[len++] = (char) tolower((unsigned char) *p);
                p++;
            }
        }
        buf[Min(len, NAMEDATALEN - 1)] = '\0';
        if (buf[0] != '\0')
            names = lappend(names, pstrdup(buf));
        while (isspace((unsigned char) *p))
            p++;
        if (*p == ',')
            p++;
        else if (*p != '\0')
        {
            /* junk after a name: skip to the next comma */
            while (*p != '\0' && *p != ',')
                p++;
        }
    }
    return names;
}

/*
 * explicit_path -- OIDs of the existing schemas named in search_path, in
 * order, without duplicates; *catalog_listed and *temp_listed say whether
 * pg_catalog and the temporary schema ("pg_temp") were among them.
 */
static List *
explicit_path(bool *catalog_listed, bool *temp_listed)
{
    List       *names = parse_search_path(SearchPath);
    List       *oids = NIL;
    ListCell   *lc;

    *catalog_listed = false;
    *temp_listed = false;
    foreach(lc, names)
    {
        const char *name = lfirst(lc);
        Oid         nspid;

        if (strcmp(name, "$user") == 0)
        {
            if (MyRoleName == NULL)
                continue;
            name = MyRoleName;
        }
        if (IsTempNamespaceName(name))
            *temp_listed = true;
        nspid = LookupNamespace(name, true);
        if (!OidIsValid(nspid) || list_member_oid(oids, nspid))
            continue;
        if (nspid == PG_CATALOG_NAMESPACE)
            *catalog_listed = true;
        oids = lappend_oid(oids, nspid);
    }
    list_free_deep(names);
    return oids;
}

List *
SearchPathGetNamespaces(void)
{
    bool        catalog_listed;
    bool        temp_listed;
    List       *oids = explicit_path(&catalog_listed, &temp_listed);

    if (!catalog_listed)
        oids = list_concat(list_make1_oid(PG_CATALOG_NAMESPACE), oids);
    /* the session's temporary schema comes first unless placed explicitly */
    if (!temp_listed && OidIsValid(TempNamespace()))
        oids = list_concat(list_make1_oid(TempNamespace()), oids);
    return oids;
}

List *
SearchPathGetExplicitNamespaces(void)
{
    bool        catalog_listed;
    bool        temp_listed;

    return explicit_path(&catalog_listed, &temp_listed);
}

Oid
SearchPathCreationNamespace(void)
{
    bool        catalog_listed;
    bool        temp_listed;
    List       *oids = explicit_path(&catalog_listed, &temp_listed);
    Oid         result = InvalidOid;
    ListCell   *lc;

    /* only CREATE TEMP (or a pg_temp-qualified name) creates in the temporary schema */
    foreach(lc, oids)
    {
        if (!IsTempNamespace(lfirst_oid(lc)))
        {
            result = lfirst_oid(lc);
            break;
        }
    }
    list_free(oids);
    if (!OidIsValid(result))
        ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                errmsg("no schema has been selected to create in"));
    return result;
}

/* ---------- relations ---------- */

bool
RelationClassRowById(Oid relid, FormData_pg_class *out)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &relid);
    bool        found = false;

    while (CatalogGetNext(scan, out, NULL))
    {
        if (out->oid == relid)
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
RelnameGetRelidInNamespace(Oid nspid, const char *relname)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "relname", relname);
    FormData_pg_class row;
    Oid         result = InvalidOid;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.relnamespace == nspid && strcmp(NameStr(row.relname), relname) == 0)
        {
            result = row.oid;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

/* First relation named relname along path (OID list); *nspid_out its schema. */
static Oid
lookup_in_path(List *path, const char *relname, Oid *nspid_out)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "relname", relname);
    FormData_pg_class row;
    Oid         best = InvalidOid;
    int         best_pos = list_length(path);

    while (CatalogGetNext(scan, &row, NULL))
    {
        ListCell   *lc;

        if (strcmp(NameStr(row.relname), relname) != 0)
            continue;
        foreach(lc, path)
        {
            int         pos = foreach_current_index(lc);

            if (pos >= best_pos)
                break;
            if (lfirst_oid(lc) == row.relnamespace)
            {
                best = row.oid;
                best_pos = pos;
                if (nspid_out)
                    *nspid_out = row.relnamespace;
                break;
            }
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return best;
}

Oid
RelnameGetRelid(const char *schemaname, const char *relname)
{
    List       *path;
    Oid         result;

    AcceptInvalidationMessages();
    if (schemaname != NULL)
        return RelnameGetRelidInNamespace(LookupNamespace(schemaname, false), relname);
    path = SearchPathGetNamespaces();
    result = lookup_in_path(path, relname, NULL);
    list_free(path);
    return result;
}

static int
rangevar_position(const RangeVar *rv)
{
    if (rv->location < 0 || DebugQueryString == NULL)
        return 0;
    return ParserErrorPosition(DebugQueryString, rv->location);
}

Oid
RangeVarGetRelid(const RangeVar *rv, bool missing_ok)
{
    Oid         relid;

    if (rv->catalogname != NULL && (MyDatabaseName == NULL ||
                                    strcmp(rv->catalogname, MyDatabaseName) != 0))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cross-database references are not implemented: \"%s.%s.%s\"",
                       rv->catalogname, rv->schemaname ? rv->schemaname : "", rv->relname),
                errposition(rangevar_position(rv)));
    if (rv->schemaname != NULL)
    {
        Oid         nspid;

        CheckNotOtherTempNamespace(rv->schemaname, rangevar_position(rv));
        nspid = LookupNamespace(rv->schemaname, missing_ok);
        relid = OidIsValid(nspid) ? RelnameGetRelidInNamespace(nspid, rv->relname) : InvalidOid;
    }
    else
        relid = RelnameGetRelid(NULL, rv->relname);
    if (!OidIsValid(relid) && !missing_ok)
    {
        if (rv->schemaname != NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                    errmsg("relation \"%s.%s\" does not exist", rv->schemaname, rv->relname),
                    errposition(rangevar_position(rv)));
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation \"%s\" does not exist", rv->relname),
                errposition(rangevar_position(rv)));
    }
    return relid;
}

void
CheckNotOtherTempNamespace(const char *nspname, int position)
{
    if (nspname != NULL && IsOtherTempNamespaceName(nspname))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot access temporary tables of other sessions"),
                errposition(position));
}

Oid
RangeVarGetCreationNamespace(RangeVar *rv)
{
    /* a pg_temp-qualified name makes the relation temporary, as in PostgreSQL */
    if (rv->schemaname != NULL && IsTempNamespaceName(rv->schemaname))
        rv->relpersistence = RELPERSISTENCE_TEMP;
    if (rv->relpersistence == RELPERSISTENCE_TEMP)
    {
        if (rv->schemaname != NULL && !IsTempNamespaceName(rv->schemaname))
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("cannot create temporary relation in non-temporary schema"),
                    errposition(rangevar_position(rv)));
        return TempNamespaceForCreate();
    }
    CheckNotOtherTempNamespace(rv->schemaname, rangevar_position(rv));
    if (rv->catalogname != NULL && (MyDatabaseName == NULL ||
                                    strcmp(rv->catalogname, MyDatabaseName) != 0))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cross-database references are not implemented: \"%s.%s.%s\"",
                       rv->catalogname, rv->schemaname ? rv->schemaname : "", rv->relname),
                errposition(rangevar_position(rv)));
    if (rv->schemaname != NULL)
        return LookupNamespace(rv->schemaname, false);
    return SearchPathCreationNamespace();
}

bool
RelationIsVisible(Oid relid)
{
    FormData_pg_class row;
    List       *path;
    Oid         first;
    bool        in_path;

    if (!RelationClassRowById(relid, &row))
        return false;
    path = SearchPathGetNamespaces();
    in_path = list_member_oid(path, row.relnamespace);
    first = in_path ? lookup_in_path(path, NameStr(row.relname), NULL) : InvalidOid;
    list_free(path);
    return in_path && first == relid;
}

char *
RelationNameById(Oid relid)
{
    FormData_pg_class row;

    return RelationClassRowById(relid, &row) ? pstrdup(NameStr(row.relname)) : NULL;
}

Oid
RelationNamespaceById(Oid relid)
{
    FormData_pg_class row;

    return RelationClassRowById(relid, &row) ? row.relnamespace : InvalidOid;
}

char *
RelationQualifiedNameById(Oid relid)
{
    FormData_pg_class row;
    char       *nspname;

    if (!RelationClassRowById(relid, &row))
        return NULL;
    if (RelationIsVisible(relid))
        return pstrdup(QuoteIdentifier(NameStr(row.relname)));
    nspname = NamespaceNameById(row.relnamespace);
    return psprintf("%s.%s", QuoteIdentifier(nspname ? nspname : "?"),
                    QuoteIdentifier(NameStr(row.relname)));
}
