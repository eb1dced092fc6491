/*
 * namespace.h
 *     Name lookup: schemas and search_path, relations by name, databases
 *     and roles by name and OID.
 * Implemented in src/backend/catalog/namespace.c (schemas, relations) and
 * src/backend/catalog/objectlookup.c (databases, roles); see the README
 * in src/backend/catalog/.
 *
 * All functions need a transaction (they read catalogs under a catalog
 * snapshot), and see the current transaction's own earlier commands.
 * MyDatabaseId / MyRoleId / MyDatabaseName are in miscadmin.h.
 *
 * search_path: the setting (utils/guc.h SearchPath) is a comma-separated
 * list of schema names, "$user" meaning the schema named like the session
 * role.  Names of schemas that do not exist are skipped.  pg_catalog is
 * searched first unless the list names it explicitly (as PostgreSQL).
 * Objects are created in the first existing schema of the list
 * (pg_catalog only if named explicitly).  The session's temporary schema
 * is searched first unless the list names "pg_temp" somewhere; it is never
 * the default creation schema.
 */
#ifndef CATALOG_NAMESPACE_H
#define CATALOG_NAMESPACE_H

#include "rustydb.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

/* namespace.c: schemas */

/* The schema's OID; InvalidOid if missing_ok, else ERROR 3F000 'schema "%s" does not exist'. */
extern Oid  LookupNamespace(const char *nspname, bool missing_ok);
/* The schema's name (palloc'd) or NULL if there is no such schema. */
extern char *NamespaceNameById(Oid nspid);
/* The effective search path: OID list, pg_catalog included where it is searched. */
extern List *SearchPathGetNamespaces(void);
/* The existing schemas search_path names, without the implicit pg_catalog / pg_temp. */
extern List *SearchPathGetExplicitNamespaces(void);
/* Schema for new objects; ERROR 3F000 'no schema has been selected to create in'. */
extern Oid  SearchPathCreationNamespace(void);
/* True for pg_catalog, information_schema and pg_toast. */
extern bool IsSystemNamespace(Oid nspid);
/* Insert the pg_namespace row of a new schema (caller checked the name); its OID. */
extern Oid  NamespaceCreate(const char *nspname, Oid owner);

/*
 * namespace_temp.c: the session's temporary schema pg_temp_N (README
 * "temporary tables").  TempNamespace -- its OID, InvalidOid before the
 * session's first CREATE TEMP (it may name a schema whose creation rolled
 * back: lookups in it find nothing).  TempNamespaceForCreate -- the schema,
 * created if missing.  IsTempNamespaceName -- "pg_temp" or this session's
 * pg_temp_N; IsOtherTempNamespaceName -- another session's pg_temp_N.
 * TempNamespaceRemove -- drop the schema with every relation in it.
 * TempNamespaceAtConnect -- at session start: drop a schema a crashed
 * session of the same slot left behind, and arrange the drop at exit.
 */
extern Oid  TempNamespace(void);
extern bool IsTempNamespace(Oid nspid);
extern Oid  TempNamespaceForCreate(void);
extern bool IsTempNamespaceName(const char *nspname);
extern bool IsOtherTempNamespaceName(const char *nspname);
extern void TempNamespaceRemove(void);
extern void TempNamespaceAtConnect(void);
/* ERROR 0A000 "cannot access temporary tables of other sessions" for such a schema name. */
extern void CheckNotOtherTempNamespace(const char *nspname, int position);

/* namespace.c: relations */

/*
 * RelnameGetRelid -- the relation relname in schemaname, or with
 * schemaname NULL the first one found along the search path.  InvalidOid
 * if absent; ERROR 3F000 if schemaname names no schema.
 */
extern Oid  RelnameGetRelid(const char *schemaname, const char *relname);
/* Same, in one given schema; InvalidOid if absent. */
extern Oid  RelnameGetRelidInNamespace(Oid nspid, const char *relname);
/*
 * RangeVarGetRelid -- resolve rv (catalogname, if given, must be the
 * current database: else ERROR 0A000 'cross-database references are not
 * implemented').  InvalidOid if missing_ok, else ERROR 42P01 'relation
 * "%s" does not exist' (with rv->location as position into
 * DebugQueryString).
 */
extern Oid  RangeVarGetRelid(const RangeVar *rv, bool missing_ok);
/*
 * The schema a CREATE of rv goes to: its schemaname, else the creation
 * namespace; for rv->relpersistence TEMP (set here when the schema is
 * pg_temp) the session's temporary schema, created on first use; 42P16 for
 * TEMP in another named schema.
 */
extern Oid  RangeVarGetCreationNamespace(RangeVar *rv);
/* Would an unqualified reference to the relation's name find it (pg_table_is_visible)? */
extern bool RelationIsVisible(Oid relid);
/* The relation's name / schema; NULL / InvalidOid if there is no such relation. */
extern char *RelationNameById(Oid relid);
extern Oid  RelationNamespaceById(Oid relid);
/* The pg_class row of relid into *out (palloc'd text fields); false if none. */
extern bool RelationClassRowById(Oid relid, FormData_pg_class *out);
/* "schema.name" quoted as needed, or just "name" if visible (for messages); palloc'd. */
extern char *RelationQualifiedNameById(Oid relid);

/* objectlookup.c: databases and roles (shared catalogs) */

/* InvalidOid if there is no such database. */
extern Oid  DatabaseOidByName(const char *dbname);
extern char *DatabaseNameById(Oid dbid);           /* palloc'd, NULL if none */
/* The pg_database row into *out; false if none. */
extern bool DatabaseRowByName(const char *dbname, FormData_pg_database *out);

/* InvalidOid if there is no such role. */
extern Oid  RoleOidByName(const char *rolname);
extern char *RoleNameById(Oid roleid);             /* palloc'd, NULL if none */
extern bool RoleIsSuperuser(Oid roleid);           /* false for a missing role */
/* The pg_authid row (rolpassword palloc'd) for authentication; false if none. */
extern bool RoleRowByName(const char *rolname, FormData_pg_authid *out);

#endif                          /* CATALOG_NAMESPACE_H */
