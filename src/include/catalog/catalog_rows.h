/*
 * catalog_rows.h
 *     The row of each system catalog as a C struct (FormData_pg_xxx).
 * Column names and types are PostgreSQL's where PostgreSQL has the column;
 * RustyDB additions are marked.  The column order of the SQL tables is the
 * order of the description tables in src/backend/catalog/catalog_desc.c,
 * which is the field order here.  Text fields are char * (NULL = SQL NULL),
 * allocated in whatever context CatalogDeformTuple() ran in.
 */
#ifndef CATALOG_CATALOG_ROWS_H
#define CATALOG_CATALOG_ROWS_H

#include "rustydb.h"
#include "access/tupdesc.h"
#include "catalog/catalog.h"
#include "utils/datetime.h"

#ifndef NameStr
#define NameStr(name) ((name).data)
#endif

/* pg_database (shared) */
typedef struct FormData_pg_database
{
    Oid         oid;
    NameData    datname;
    Oid         datdba;         /* owner */
    int32       encoding;       /* PG_ENCODING_UTF8 */
    char        datlocprovider; /* 'c' */
    bool        datistemplate;
    bool        datallowconn;
    int32       datconnlimit;   /* -1 = no limit */
    Oid         dattablespace;
    char       *datcollate;
    char       *datctype;
    char       *daticulocale;   /* NULL */
    TimestampTz created_at;     /* RustyDB */
    char       *datacl;         /* text[] ("{...}"); NULL: default privileges (no GRANT ON DATABASE yet) */
} FormData_pg_database;

/* pg_authid (shared): roles */
typedef struct FormData_pg_authid
{
    Oid         oid;
    NameData    rolname;
    bool        rolsuper;
    bool        rolinherit;
    bool        rolcreaterole;
    bool        rolcreatedb;
    bool        rolcanlogin;
    bool        rolreplication;
    bool        rolbypassrls;
    int32       rolconnlimit;
    char       *rolpassword;    /* SCRAM verifier text, or NULL */
    TimestampTz rolvaliduntil;  /* CATALOG_NULL_TIMESTAMP = SQL NULL (no limit) */
    TimestampTz created_at;     /* RustyDB */
} FormData_pg_authid;

/* pg_namespace: schemas */
typedef struct FormData_pg_namespace
{
    Oid         oid;
    NameData    nspname;
    Oid         nspowner;
} FormData_pg_namespace;

/* pg_am: access methods (fixed rows) */
typedef struct FormData_pg_am
{
    Oid         oid;
    NameData    amname;
    Oid         amhandler;
    char        amtype;         /* 't' table, 'i' index */
} FormData_pg_am;

/* pg_class: tables, views, indexes, sequences */
typedef struct FormData_pg_class
{
    Oid         oid;
    NameData    relname;
    Oid         relnamespace;
    Oid         reltype;        /* 0: no composite row types yet */
    Oid         relowner;
    Oid         relam;          /* HEAP_TABLE_AM_OID for tables, BTREE_AM_OID for indexes, 0 for views */
    Oid         relfilenode;    /* relfile number; 0 for views */
    Oid         reltablespace;  /* 0 = database default */
    int32       relpages;       /* as of the last VACUUM/ANALYZE */
    float4      reltuples;      /* -1 = never analyzed (PostgreSQL 14+) */
    int32       relallvisible;
    Oid         reltoastrelid;  /* 0 */
    bool        relhasindex;
    bool        relisshared;
    char        relpersistence; /* 'p', 'u', 't' */
    char        relkind;        /* RELKIND_* (utils/rel.h) */
    int16       relnatts;       /* user columns, dropped ones included */
    int16       relchecks;      /* CHECK constraints */
    bool        relhasrules;    /* views: true (as PostgreSQL) */
    bool        relhastriggers;
    bool        relhassubclass;
    bool        relrowsecurity;
    bool        relforcerowsecurity;
    bool        relispopulated;
    char        relreplident;   /* 'd' */
    bool        relispartition;
    char       *reloptions;     /* text[] "{autovacuum_enabled=false,fillfactor=70}" or NULL */
    TimestampTz created_at;     /* RustyDB */
    Oid         reloftype;      /* 0: no typed tables */
    char       *relpartbound;   /* NULL: no partitioning */
} FormData_pg_class;

/* pg_attribute: columns */
typedef struct FormData_pg_attribute
{
    Oid         attrelid;
    NameData    attname;
    Oid         atttypid;
    int32       attstattarget;  /* -1 = default_statistics_target */
    int16       attlen;
    int16       attnum;         /* 1-based; no system columns are stored */
    int32       attndims;
    int32       atttypmod;
    bool        attbyval;
    char        attalign;
    char        attstorage;     /* 'p' plain, 'x' extended */
    bool        attnotnull;
    bool        atthasdef;
    bool        atthasmissing;
    char        attidentity;    /* '\0' */
    char        attgenerated;   /* '\0' */
    bool        attisdropped;
    bool        attislocal;
    int32       attinhcount;
    Oid         attcollation;
    char       *attmissingval;  /* text form of the value rows stored before ADD COLUMN read */
    char        attcompression; /* '\0': the default method */
} FormData_pg_attribute;

/* pg_attrdef: column defaults, as SQL expression text */
typedef struct FormData_pg_attrdef
{
    Oid         oid;
    Oid         adrelid;
    int16       adnum;
    char       *adbin;          /* SQL text (PostgreSQL: a node tree) */
} FormData_pg_attrdef;

/* pg_constraint: CHECK, PRIMARY KEY, UNIQUE, FOREIGN KEY */
typedef struct FormData_pg_constraint
{
    Oid         oid;
    NameData    conname;
    Oid         connamespace;
    char        contype;        /* 'c' check, 'p' primary, 'u' unique, 'f' foreign */
    bool        condeferrable;
    bool        condeferred;
    bool        convalidated;
    Oid         conrelid;
    Oid         contypid;       /* 0 */
    Oid         conindid;       /* supporting index, 0 until the indexes issue */
    Oid         confrelid;      /* referenced table (FK) */
    char        confupdtype;    /* FKCONSTR_ACTION_* or ' ' */
    char        confdeltype;
    char        confmatchtype;
    bool        conislocal;
    int32       coninhcount;
    bool        connoinherit;
    CatalogInt2Array conkey;    /* constrained columns */
    CatalogInt2Array confkey;   /* referenced columns (FK) */
    char       *conbin;         /* CHECK expression, SQL text */
    Oid         conparentid;    /* 0: no partitioning */
} FormData_pg_constraint;

/* pg_rewrite: one "_RETURN" rule per view, holding the SELECT text */
typedef struct FormData_pg_rewrite
{
    Oid         oid;
    NameData    rulename;       /* "_RETURN" */
    Oid         ev_class;       /* the view */
    char        ev_type;        /* '1' = SELECT */
    char        ev_enabled;     /* 'O' */
    bool        is_instead;
    char       *ev_action;      /* the SELECT, SQL text (PostgreSQL: a node tree) */
} FormData_pg_rewrite;

/* pg_type: filled at bootstrap from the built-in table */
typedef struct FormData_pg_type
{
    Oid         oid;
    NameData    typname;
    Oid         typnamespace;
    Oid         typowner;
    int16       typlen;
    bool        typbyval;
    char        typtype;        /* 'b' base, 'p' pseudo */
    char        typcategory;
    bool        typispreferred;
    bool        typisdefined;
    char        typdelim;
    Oid         typrelid;
    Oid         typelem;
    Oid         typarray;
    char        typalign;
    char        typstorage;
    bool        typnotnull;
    Oid         typbasetype;
    int32       typtypmod;
    int32       typndims;
    Oid         typcollation;
    char       *typdefault;     /* NULL: no domains, no type defaults */
    char       *typacl;         /* text[]; NULL: default privileges (no GRANT ON TYPE) */
} FormData_pg_type;

/* pg_proc: filled at bootstrap from the built-in table */
typedef struct FormData_pg_proc
{
    Oid         oid;
    NameData    proname;
    Oid         pronamespace;
    Oid         proowner;
    Oid         prolang;
    char        prokind;        /* 'f' function, 'a' aggregate, 'w' window function */
    bool        proisstrict;
    bool        proretset;
    char        provolatile;
    int16       pronargs;
    Oid         prorettype;
    char       *proargtypes;    /* "23 25": oidvector's text form */
    char        proparallel;    /* 's' safe: no parallel query, every function is safe to call anywhere */
    bool        prosecdef;      /* false: no SECURITY DEFINER functions */
    bool        proleakproof;
    char       *prosrc;         /* the C function's name (language internal) */
    char       *proacl;         /* text[]; NULL: default privileges (no GRANT ON FUNCTION) */
} FormData_pg_proc;

/* pg_description: comments */
typedef struct FormData_pg_description
{
    Oid         objoid;
    Oid         classoid;
    int32       objsubid;
    char       *description;
} FormData_pg_description;

/* pg_partitioned_table: the partition key of each partitioned table (relkind 'p') */
typedef struct FormData_pg_partitioned_table
{
    Oid         partrelid;
    char        partstrat;      /* 'r' range, 'l' list, 'h' hash */
    int16       partnatts;
    Oid         partdefid;      /* the DEFAULT partition, or 0 */
    CatalogInt2Array partattrs; /* key columns */
    char       *partexprs;      /* NULL: no key expressions yet */
} FormData_pg_partitioned_table;

/* pg_inherits: one row per partition (no table inheritance yet) */
typedef struct FormData_pg_inherits
{
    Oid         inhrelid;
    Oid         inhparent;
    int32       inhseqno;
    bool        inhdetachpending;
} FormData_pg_inherits;

/* pg_index: one row per index (the pg_class row has relkind 'i') */
typedef struct FormData_pg_index
{
    Oid         indexrelid;     /* the index's pg_class oid */
    Oid         indrelid;       /* its table */
    int16       indnatts;       /* key + INCLUDE columns */
    int16       indnkeyatts;    /* key columns */
    bool        indisunique;
    bool        indisprimary;
    bool        indisvalid;     /* usable by queries (false while CONCURRENTLY builds, or after it failed) */
    bool        indcheckxmin;   /* usable only by transactions whose TransactionXmin follows indbuildxid */
    bool        indisready;     /* inserts must maintain it */
    CatalogInt2Array indkey;    /* table column number of each index column */
    CatalogInt2Array indoption; /* per key column: INDOPTION_DESC | INDOPTION_NULLS_FIRST (access/genam.h) */
    char       *indpred;        /* partial-index predicate, SQL text (PostgreSQL: a node tree), or NULL */
    TimestampTz created_at;     /* RustyDB */
    int64       indbuildxid;    /* RustyDB: with indcheckxmin, the building transaction (PostgreSQL: the row's xmin); else 0 */
    bool        indisclustered; /* false: no CLUSTER yet */
    bool        indimmediate;   /* true: no deferrable uniqueness */
    bool        indisreplident; /* false */
    bool        indnullsnotdistinct;    /* false */
} FormData_pg_index;

/*
 * pg_statistic: optimizer statistics per column, written by ANALYZE
 * (maintenance engine, src/backend/commands/analyze.c).  RustyDB's layout:
 * instead of PostgreSQL's five generic stakind slots, the kinds we compute
 * have their own columns, and value lists are array literals in text form
 * ("{1,2,3}", "{\"a b\",c}") of the column's type (staatttypid), read back
 * with the type's input function.
 */
typedef struct FormData_pg_statistic
{
    Oid         starelid;
    int16       staattnum;
    bool        stainherit;
    float4      stanullfrac;    /* fraction of NULLs */
    int32       stawidth;       /* average stored width of non-NULL values, bytes */
    float4      stadistinct;    /* > 0 distinct count; < 0 minus the fraction of rows; 0 unknown */
    Oid         staatttypid;    /* RustyDB: type of the values below */
    char       *stamcv;         /* RustyDB: most common values, array literal, or NULL */
    char       *stamcf;         /* RustyDB: their frequencies, float4 array literal */
    char       *stahistogram;   /* RustyDB: equi-depth histogram bounds (values not in stamcv) */
    float4      stacorrelation; /* physical vs logical order, -1..1; 0 if unknown */
    TimestampTz staanalyzed;    /* RustyDB: when ANALYZE computed the row */
} FormData_pg_statistic;

#endif                          /* CATALOG_CATALOG_ROWS_H */
