/*
 * catalog_desc.c
 *     The one description table per system catalog: column names, SQL
 *     types and the struct fields they map to (catalog/catalog_rows.h).
 * Entry points: CatalogDescAll(), CatalogDescById(), IsCatalogRelationId(),
 * IsSharedRelationId().
 * Adding a column: add the field to the struct and one line here, in the
 * same position; bootstrap builds pg_attribute from these tables.
 */
#include "rustydb.h"

#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/pg_builtin.h"

/* One column: struct type S, field F, SQL type T, storage kind K. */
#define COL(S, F, T, K) {#F, T, K, offsetof(S, F), true}
/* A column that may be NULL (text, nullable timestamps, arrays). */
#define NCOL(S, F, T, K) {#F, T, K, offsetof(S, F), false}

#define DB FormData_pg_database
static const CatalogColumn pg_database_cols[] = {
    COL(DB, oid, OIDOID, CATF_OID),
    COL(DB, datname, NAMEOID, CATF_NAME),
    COL(DB, datdba, OIDOID, CATF_OID),
    COL(DB, encoding, INT4OID, CATF_INT32),
    COL(DB, datlocprovider, CHAROID, CATF_CHAR),
    COL(DB, datistemplate, BOOLOID, CATF_BOOL),
    COL(DB, datallowconn, BOOLOID, CATF_BOOL),
    COL(DB, datconnlimit, INT4OID, CATF_INT32),
    COL(DB, dattablespace, OIDOID, CATF_OID),
    COL(DB, datcollate, TEXTOID, CATF_TEXT),
    COL(DB, datctype, TEXTOID, CATF_TEXT),
    NCOL(DB, daticulocale, TEXTOID, CATF_TEXT),
    COL(DB, created_at, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
    NCOL(DB, datacl, TEXTARRAYOID, CATF_TEXT),
};
#undef DB

#define AU FormData_pg_authid
static const CatalogColumn pg_authid_cols[] = {
    COL(AU, oid, OIDOID, CATF_OID),
    COL(AU, rolname, NAMEOID, CATF_NAME),
    COL(AU, rolsuper, BOOLOID, CATF_BOOL),
    COL(AU, rolinherit, BOOLOID, CATF_BOOL),
    COL(AU, rolcreaterole, BOOLOID, CATF_BOOL),
    COL(AU, rolcreatedb, BOOLOID, CATF_BOOL),
    COL(AU, rolcanlogin, BOOLOID, CATF_BOOL),
    COL(AU, rolreplication, BOOLOID, CATF_BOOL),
    COL(AU, rolbypassrls, BOOLOID, CATF_BOOL),
    COL(AU, rolconnlimit, INT4OID, CATF_INT32),
    NCOL(AU, rolpassword, TEXTOID, CATF_TEXT),
    NCOL(AU, rolvaliduntil, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
    COL(AU, created_at, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
};
#undef AU

#define NS FormData_pg_namespace
static const CatalogColumn pg_namespace_cols[] = {
    COL(NS, oid, OIDOID, CATF_OID),
    COL(NS, nspname, NAMEOID, CATF_NAME),
    COL(NS, nspowner, OIDOID, CATF_OID),
};
#undef NS

#define AM FormData_pg_am
static const CatalogColumn pg_am_cols[] = {
    COL(AM, oid, OIDOID, CATF_OID),
    COL(AM, amname, NAMEOID, CATF_NAME),
    COL(AM, amhandler, OIDOID, CATF_OID),
    COL(AM, amtype, CHAROID, CATF_CHAR),
};
#undef AM

#define CL FormData_pg_class
static const CatalogColumn pg_class_cols[] = {
    COL(CL, oid, OIDOID, CATF_OID),
    COL(CL, relname, NAMEOID, CATF_NAME),
    COL(CL, relnamespace, OIDOID, CATF_OID),
    COL(CL, reltype, OIDOID, CATF_OID),
    COL(CL, relowner, OIDOID, CATF_OID),
    COL(CL, relam, OIDOID, CATF_OID),
    COL(CL, relfilenode, OIDOID, CATF_OID),
    COL(CL, reltablespace, OIDOID, CATF_OID),
    COL(CL, relpages, INT4OID, CATF_INT32),
    COL(CL, reltuples, FLOAT4OID, CATF_FLOAT4),
    COL(CL, relallvisible, INT4OID, CATF_INT32),
    COL(CL, reltoastrelid, OIDOID, CATF_OID),
    COL(CL, relhasindex, BOOLOID, CATF_BOOL),
    COL(CL, relisshared, BOOLOID, CATF_BOOL),
    COL(CL, relpersistence, CHAROID, CATF_CHAR),
    COL(CL, relkind, CHAROID, CATF_CHAR),
    COL(CL, relnatts, INT2OID, CATF_INT16),
    COL(CL, relchecks, INT2OID, CATF_INT16),
    COL(CL, relhasrules, BOOLOID, CATF_BOOL),
    COL(CL, relhastriggers, BOOLOID, CATF_BOOL),
    COL(CL, relhassubclass, BOOLOID, CATF_BOOL),
    COL(CL, relrowsecurity, BOOLOID, CATF_BOOL),
    COL(CL, relforcerowsecurity, BOOLOID, CATF_BOOL),
    COL(CL, relispopulated, BOOLOID, CATF_BOOL),
    COL(CL, relreplident, CHAROID, CATF_CHAR),
    COL(CL, relispartition, BOOLOID, CATF_BOOL),
    NCOL(CL, reloptions, TEXTARRAYOID, CATF_TEXT),
    COL(CL, created_at, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
    COL(CL, reloftype, OIDOID, CATF_OID),
    NCOL(CL, relpartbound, TEXTOID, CATF_TEXT),
};
#undef CL

#define AT FormData_pg_attribute
static const CatalogColumn pg_attribute_cols[] = {
    COL(AT, attrelid, OIDOID, CATF_OID),
    COL(AT, attname, NAMEOID, CATF_NAME),
    COL(AT, atttypid, OIDOID, CATF_OID),
    COL(AT, attstattarget, INT4OID, CATF_INT32),
    COL(AT, attlen, INT2OID, CATF_INT16),
    COL(AT, attnum, INT2OID, CATF_INT16),
    COL(AT, attndims, INT4OID, CATF_INT32),
    COL(AT, atttypmod, INT4OID, CATF_INT32),
    COL(AT, attbyval, BOOLOID, CATF_BOOL),
    COL(AT, attalign, CHAROID, CATF_CHAR),
    COL(AT, attstorage, CHAROID, CATF_CHAR),
    COL(AT, attnotnull, BOOLOID, CATF_BOOL),
    COL(AT, atthasdef, BOOLOID, CATF_BOOL),
    COL(AT, atthasmissing, BOOLOID, CATF_BOOL),
    COL(AT, attidentity, CHAROID, CATF_CHAR),
    COL(AT, attgenerated, CHAROID, CATF_CHAR),
    COL(AT, attisdropped, BOOLOID, CATF_BOOL),
    COL(AT, attislocal, BOOLOID, CATF_BOOL),
    COL(AT, attinhcount, INT4OID, CATF_INT32),
    COL(AT, attcollation, OIDOID, CATF_OID),
    NCOL(AT, attmissingval, TEXTOID, CATF_TEXT),
    COL(AT, attcompression, CHAROID, CATF_CHAR),
};
#undef AT

#define AD FormData_pg_attrdef
static const CatalogColumn pg_attrdef_cols[] = {
    COL(AD, oid, OIDOID, CATF_OID),
    COL(AD, adrelid, OIDOID, CATF_OID),
    COL(AD, adnum, INT2OID, CATF_INT16),
    COL(AD, adbin, TEXTOID, CATF_TEXT),
};
#undef AD

#define CO FormData_pg_constraint
static const CatalogColumn pg_constraint_cols[] = {
    COL(CO, oid, OIDOID, CATF_OID),
    COL(CO, conname, NAMEOID, CATF_NAME),
    COL(CO, connamespace, OIDOID, CATF_OID),
    COL(CO, contype, CHAROID, CATF_CHAR),
    COL(CO, condeferrable, BOOLOID, CATF_BOOL),
    COL(CO, condeferred, BOOLOID, CATF_BOOL),
    COL(CO, convalidated, BOOLOID, CATF_BOOL),
    COL(CO, conrelid, OIDOID, CATF_OID),
    COL(CO, contypid, OIDOID, CATF_OID),
    COL(CO, conindid, OIDOID, CATF_OID),
    COL(CO, confrelid, OIDOID, CATF_OID),
    COL(CO, confupdtype, CHAROID, CATF_CHAR),
    COL(CO, confdeltype, CHAROID, CATF_CHAR),
    COL(CO, confmatchtype, CHAROID, CATF_CHAR),
    COL(CO, conislocal, BOOLOID, CATF_BOOL),
    COL(CO, coninhcount, INT4OID, CATF_INT32),
    COL(CO, connoinherit, BOOLOID, CATF_BOOL),
    NCOL(CO, conkey, INT2ARRAYOID, CATF_INT2VECTOR),
    NCOL(CO, confkey, INT2ARRAYOID, CATF_INT2VECTOR),
    NCOL(CO, conbin, TEXTOID, CATF_TEXT),
    COL(CO, conparentid, OIDOID, CATF_OID),
};
#undef CO

#define RW FormData_pg_rewrite
static const CatalogColumn pg_rewrite_cols[] = {
    COL(RW, oid, OIDOID, CATF_OID),
    COL(RW, rulename, NAMEOID, CATF_NAME),
    COL(RW, ev_class, OIDOID, CATF_OID),
    COL(RW, ev_type, CHAROID, CATF_CHAR),
    COL(RW, ev_enabled, CHAROID, CATF_CHAR),
    COL(RW, is_instead, BOOLOID, CATF_BOOL),
    COL(RW, ev_action, TEXTOID, CATF_TEXT),
};
#undef RW

#define TY FormData_pg_type
static const CatalogColumn pg_type_cols[] = {
    COL(TY, oid, OIDOID, CATF_OID),
    COL(TY, typname, NAMEOID, CATF_NAME),
    COL(TY, typnamespace, OIDOID, CATF_OID),
    COL(TY, typowner, OIDOID, CATF_OID),
    COL(TY, typlen, INT2OID, CATF_INT16),
    COL(TY, typbyval, BOOLOID, CATF_BOOL),
    COL(TY, typtype, CHAROID, CATF_CHAR),
    COL(TY, typcategory, CHAROID, CATF_CHAR),
    COL(TY, typispreferred, BOOLOID, CATF_BOOL),
    COL(TY, typisdefined, BOOLOID, CATF_BOOL),
    COL(TY, typdelim, CHAROID, CATF_CHAR),
    COL(TY, typrelid, OIDOID, CATF_OID),
    COL(TY, typelem, OIDOID, CATF_OID),
    COL(TY, typarray, OIDOID, CATF_OID),
    COL(TY, typalign, CHAROID, CATF_CHAR),
    COL(TY, typstorage, CHAROID, CATF_CHAR),
    COL(TY, typnotnull, BOOLOID, CATF_BOOL),
    COL(TY, typbasetype, OIDOID, CATF_OID),
    COL(TY, typtypmod, INT4OID, CATF_INT32),
    COL(TY, typndims, INT4OID, CATF_INT32),
    COL(TY, typcollation, OIDOID, CATF_OID),
    NCOL(TY, typdefault, TEXTOID, CATF_TEXT),
    NCOL(TY, typacl, TEXTARRAYOID, CATF_TEXT),
};
#undef TY

#define PR FormData_pg_proc
static const CatalogColumn pg_proc_cols[] = {
    COL(PR, oid, OIDOID, CATF_OID),
    COL(PR, proname, NAMEOID, CATF_NAME),
    COL(PR, pronamespace, OIDOID, CATF_OID),
    COL(PR, proowner, OIDOID, CATF_OID),
    COL(PR, prolang, OIDOID, CATF_OID),
    COL(PR, prokind, CHAROID, CATF_CHAR),
    COL(PR, proisstrict, BOOLOID, CATF_BOOL),
    COL(PR, proretset, BOOLOID, CATF_BOOL),
    COL(PR, provolatile, CHAROID, CATF_CHAR),
    COL(PR, pronargs, INT2OID, CATF_INT16),
    COL(PR, prorettype, OIDOID, CATF_OID),
    COL(PR, proargtypes, TEXTOID, CATF_TEXT),
    COL(PR, proparallel, CHAROID, CATF_CHAR),
    COL(PR, prosecdef, BOOLOID, CATF_BOOL),
    COL(PR, proleakproof, BOOLOID, CATF_BOOL),
    COL(PR, prosrc, TEXTOID, CATF_TEXT),
    NCOL(PR, proacl, TEXTARRAYOID, CATF_TEXT),
};
#undef PR

#define DS FormData_pg_description
static const CatalogColumn pg_description_cols[] = {
    COL(DS, objoid, OIDOID, CATF_OID),
    COL(DS, classoid, OIDOID, CATF_OID),
    COL(DS, objsubid, INT4OID, CATF_INT32),
    COL(DS, description, TEXTOID, CATF_TEXT),
};
#undef DS

#define IX FormData_pg_index
static const CatalogColumn pg_index_cols[] = {
    COL(IX, indexrelid, OIDOID, CATF_OID),
    COL(IX, indrelid, OIDOID, CATF_OID),
    COL(IX, indnatts, INT2OID, CATF_INT16),
    COL(IX, indnkeyatts, INT2OID, CATF_INT16),
    COL(IX, indisunique, BOOLOID, CATF_BOOL),
    COL(IX, indisprimary, BOOLOID, CATF_BOOL),
    COL(IX, indisvalid, BOOLOID, CATF_BOOL),
    COL(IX, indcheckxmin, BOOLOID, CATF_BOOL),
    COL(IX, indisready, BOOLOID, CATF_BOOL),
    COL(IX, indkey, INT2ARRAYOID, CATF_INT2VECTOR),
    COL(IX, indoption, INT2ARRAYOID, CATF_INT2VECTOR),
    NCOL(IX, indpred, TEXTOID, CATF_TEXT),
    COL(IX, created_at, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
    COL(IX, indbuildxid, INT8OID, CATF_INT64),
    COL(IX, indisclustered, BOOLOID, CATF_BOOL),
    COL(IX, indimmediate, BOOLOID, CATF_BOOL),
    COL(IX, indisreplident, BOOLOID, CATF_BOOL),
    COL(IX, indnullsnotdistinct, BOOLOID, CATF_BOOL),
};
#undef IX

/* pg_statistic: written by ANALYZE (maintenance engine, commands/analyze.c) */
#define ST FormData_pg_statistic
static const CatalogColumn pg_statistic_cols[] = {
    COL(ST, starelid, OIDOID, CATF_OID),
    COL(ST, staattnum, INT2OID, CATF_INT16),
    COL(ST, stainherit, BOOLOID, CATF_BOOL),
    COL(ST, stanullfrac, FLOAT4OID, CATF_FLOAT4),
    COL(ST, stawidth, INT4OID, CATF_INT32),
    COL(ST, stadistinct, FLOAT4OID, CATF_FLOAT4),
    COL(ST, staatttypid, OIDOID, CATF_OID),
    NCOL(ST, stamcv, TEXTOID, CATF_TEXT),
    NCOL(ST, stamcf, TEXTOID, CATF_TEXT),
    NCOL(ST, stahistogram, TEXTOID, CATF_TEXT),
    COL(ST, stacorrelation, FLOAT4OID, CATF_FLOAT4),
    COL(ST, staanalyzed, TIMESTAMPTZOID, CATF_TIMESTAMPTZ),
};
#undef ST

/* pg_partitioned_table, pg_inherits: declarative partitioning (src/backend/partitioning) */
#define PT FormData_pg_partitioned_table
static const CatalogColumn pg_partitioned_table_cols[] = {
    COL(PT, partrelid, OIDOID, CATF_OID),
    COL(PT, partstrat, CHAROID, CATF_CHAR),
    COL(PT, partnatts, INT2OID, CATF_INT16),
    COL(PT, partdefid, OIDOID, CATF_OID),
    COL(PT, partattrs, INT2ARRAYOID, CATF_INT2VECTOR),
    NCOL(PT, partexprs, TEXTOID, CATF_TEXT),
};
#undef PT

#define IH FormData_pg_inherits
static const CatalogColumn pg_inherits_cols[] = {
    COL(IH, inhrelid, OIDOID, CATF_OID),
    COL(IH, inhparent, OIDOID, CATF_OID),
    COL(IH, inhseqno, INT4OID, CATF_INT32),
    COL(IH, inhdetachpending, BOOLOID, CATF_BOOL),
};
#undef IH

#define CATALOG(id, name, shared, S, cols) \
    static const CatalogDesc name##_desc = {id, #name, shared, sizeof(S), (int) lengthof(cols), cols}

CATALOG(DatabaseRelationId, pg_database, true, FormData_pg_database, pg_database_cols);
CATALOG(AuthIdRelationId, pg_authid, true, FormData_pg_authid, pg_authid_cols);
CATALOG(NamespaceRelationId, pg_namespace, false, FormData_pg_namespace, pg_namespace_cols);
CATALOG(AccessMethodRelationId, pg_am, false, FormData_pg_am, pg_am_cols);
CATALOG(RelationRelationId, pg_class, false, FormData_pg_class, pg_class_cols);
CATALOG(AttributeRelationId, pg_attribute, false, FormData_pg_attribute, pg_attribute_cols);
CATALOG(AttrDefaultRelationId, pg_attrdef, false, FormData_pg_attrdef, pg_attrdef_cols);
CATALOG(ConstraintRelationId, pg_constraint, false, FormData_pg_constraint, pg_constraint_cols);
CATALOG(RewriteRelationId, pg_rewrite, false, FormData_pg_rewrite, pg_rewrite_cols);
CATALOG(TypeRelationId, pg_type, false, FormData_pg_type, pg_type_cols);
CATALOG(ProcedureRelationId, pg_proc, false, FormData_pg_proc, pg_proc_cols);
CATALOG(DescriptionRelationId, pg_description, false, FormData_pg_description,
        pg_description_cols);
CATALOG(IndexRelationId, pg_index, false, FormData_pg_index, pg_index_cols);
CATALOG(StatisticRelationId, pg_statistic, false, FormData_pg_statistic, pg_statistic_cols);
CATALOG(PartitionedRelationId, pg_partitioned_table, false, FormData_pg_partitioned_table,
        pg_partitioned_table_cols);
CATALOG(InheritsRelationId, pg_inherits, false, FormData_pg_inherits, pg_inherits_cols);

static const CatalogDesc *const all_catalogs[] = {
    &pg_database_desc, &pg_authid_desc, &pg_namespace_desc, &pg_am_desc,
    &pg_class_desc, &pg_attribute_desc, &pg_attrdef_desc, &pg_constraint_desc,
    &pg_rewrite_desc, &pg_type_desc, &pg_proc_desc, &pg_description_desc, &pg_index_desc,
    &pg_statistic_desc, &pg_partitioned_table_desc, &pg_inherits_desc,
};

const CatalogDesc *const *
CatalogDescAll(int *count)
{
    *count = (int) lengthof(all_catalogs);
    return all_catalogs;
}

const CatalogDesc *
CatalogDescById(Oid relid)
{
    for (size_t i = 0; i < lengthof(all_catalogs); i++)
    {
        if (all_catalogs[i]->relid == relid)
            return all_catalogs[i];
    }
    return NULL;
}

bool
IsCatalogRelationId(Oid relid)
{
    return CatalogDescById(relid) != NULL;
}

bool
IsSharedRelationId(Oid relid)
{
    const CatalogDesc *desc = CatalogDescById(relid);

    return desc != NULL && desc->shared;
}
