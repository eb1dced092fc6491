/*
 * catalog.h
 *     The system catalogs: their fixed OIDs, the OID counter, and the
 *     generic row <-> heap tuple mapping every catalog uses.
 * Implemented in src/backend/catalog/{catalog.c,catalog_desc.c,oid.c};
 * the catalogs, their columns and the invariants are described in
 * src/backend/catalog/README.md.
 *
 * Catalogs are ordinary heap tables.  Their OID is also their relfile
 * number; shared catalogs live in data/global/, the others in each
 * database's data/base/<db oid>/.  Each catalog's row is a C struct
 * (catalog/catalog_rows.h) described by one column table (catalog_desc.c),
 * from which both its TupleDesc and the struct <-> tuple conversion are
 * derived: no per-catalog tuple code.
 */
#ifndef CATALOG_CATALOG_H
#define CATALOG_CATALOG_H

#include "rustydb.h"
#include "access/htup.h"
#include "access/tupdesc.h"
#include "storage/itemptr.h"
#include "utils/rel.h"

/* ---------- catalog relation OIDs (= relfile numbers), PostgreSQL's ---------- */
#define TypeRelationId 1247         /* pg_type */
#define AttributeRelationId 1249    /* pg_attribute */
#define ProcedureRelationId 1255    /* pg_proc */
#define RelationRelationId 1259     /* pg_class */
#define AuthIdRelationId 1260       /* pg_authid (shared) */
#define DatabaseRelationId 1262     /* pg_database (shared) */
#define AccessMethodRelationId 2601 /* pg_am */
#define AttrDefaultRelationId 2604  /* pg_attrdef */
#define ConstraintRelationId 2606   /* pg_constraint */
#define DescriptionRelationId 2609  /* pg_description */
#define IndexRelationId 2610        /* pg_index */
#define InheritsRelationId 2611     /* pg_inherits (partitions) */
#define NamespaceRelationId 2615    /* pg_namespace */
#define RewriteRelationId 2618      /* pg_rewrite (view definitions) */
#define StatisticRelationId 2619    /* pg_statistic (ANALYZE; maintenance engine) */
#define PartitionedRelationId 3350  /* pg_partitioned_table */

/* ---------- well-known object OIDs ---------- */
#define BOOTSTRAP_SUPERUSERID 10    /* the superuser created by initdb */
#define Template1DbOid 1            /* template1 */
#define RustydbDbOid 5              /* rustydb, the default database */
#define PostgresDbOid 6             /* postgres, for tools that assume it exists */
#define PG_CATALOG_NAMESPACE 11
#define PG_TOAST_NAMESPACE 99       /* reserved; no TOAST tables yet */
#define PG_PUBLIC_NAMESPACE 2200
#define PG_INFORMATION_SCHEMA_NAMESPACE 13000
#define HEAP_TABLE_AM_OID 2         /* pg_am "heap" */
#define BTREE_AM_OID 403            /* pg_am "btree" */
#define HASH_AM_OID 405             /* pg_am "hash" */
#define DEFAULTTABLESPACE_OID 1663  /* pg_default (no tablespaces yet) */
#define GLOBALTABLESPACE_OID 1664   /* pg_global */
#define DEFAULT_COLLATION_OID 100   /* "default" collation */
#define C_COLLATION_OID 950         /* "C" (pg_collation, bootstrap.c) */
#define POSIX_COLLATION_OID 951     /* "POSIX" */
#define INTERNAL_LANGUAGE_ID 12     /* pg_proc.prolang of built-in functions */
#define PG_ENCODING_UTF8 6          /* pg_database.encoding */

/*
 * OID ranges, as PostgreSQL: below FirstBootstrapObjectId fixed ids from
 * this header and the built-in table; [FirstBootstrapObjectId,
 * FirstNormalObjectId) objects created by bootstrap (system views, ...);
 * from FirstNormalObjectId user objects.  "oid < FirstNormalObjectId" is
 * how tools recognise system objects.
 */
#define FirstBootstrapObjectId 12000
#define FirstNormalObjectId 16384

/* ---------- the generic row description ---------- */

/* How a catalog column is stored in its C struct. */
typedef enum CatalogFieldKind
{
    CATF_BOOL,                  /* bool */
    CATF_CHAR,                  /* char ("char" type) */
    CATF_INT16,                 /* int16 */
    CATF_INT32,                 /* int32 */
    CATF_INT64,                 /* int64 */
    CATF_OID,                   /* Oid */
    CATF_FLOAT4,                /* float4 */
    CATF_NAME,                  /* NameData, inline */
    CATF_TEXT,                  /* char *, NULL = SQL NULL; a non-text column type (text[]) is
                                 * stored through its input/output functions */
    CATF_TIMESTAMPTZ,           /* TimestampTz (int64 microseconds) */
    CATF_INT2VECTOR             /* CatalogInt2Array, stored as int2[] */
} CatalogFieldKind;

/* One column of a catalog: name, SQL type, where it sits in the struct. */
typedef struct CatalogColumn
{
    const char *name;
    Oid         typid;
    CatalogFieldKind kind;
    size_t      offset;         /* offsetof(FormData_pg_xxx, field) */
    bool        notnull;        /* attnotnull; CATF_TEXT columns may be NULL if false */
} CatalogColumn;

/* One catalog. */
typedef struct CatalogDesc
{
    Oid         relid;          /* also the relfile number */
    const char *relname;
    bool        shared;         /* in data/global */
    size_t      row_size;       /* sizeof(FormData_pg_xxx) */
    int         ncolumns;
    const CatalogColumn *columns;
} CatalogDesc;

/* A nullable CATF_TIMESTAMPTZ column holds this for SQL NULL. */
#define CATALOG_NULL_TIMESTAMP INT64_MAX

/* A small int2[] value (pg_constraint.conkey). */
#define CATALOG_INT2ARRAY_MAX 32
typedef struct CatalogInt2Array
{
    int         n;              /* -1 = SQL NULL */
    int16       values[CATALOG_INT2ARRAY_MAX];
} CatalogInt2Array;

/* catalog_desc.c */
/* All catalogs in creation order; *count set. Static data. */
extern const CatalogDesc *const *CatalogDescAll(int *count);
/* The description of catalog relid, or NULL if relid is not a catalog. */
extern const CatalogDesc *CatalogDescById(Oid relid);
extern bool IsCatalogRelationId(Oid relid);
extern bool IsSharedRelationId(Oid relid);

/* catalog.c */
/* The TupleDesc of a catalog, allocated in CurrentMemoryContext. */
extern TupleDesc CatalogTupleDesc(const CatalogDesc *desc);
/*
 * CatalogFormTuple -- a heap tuple from row (a FormData_pg_xxx).  Allocated
 * in CurrentMemoryContext (heap_freetuple).
 */
extern HeapTuple CatalogFormTuple(const CatalogDesc *desc, const void *row);
/*
 * CatalogDeformTuple -- fill row from tup.  Text values are palloc'd in
 * CurrentMemoryContext; nothing points into the tuple afterwards.
 */
extern void CatalogDeformTuple(const CatalogDesc *desc, HeapTuple tup, void *row);

/*
 * Catalog scans: every visible row of a catalog, deformed.  The snapshot
 * is a fresh catalog snapshot (own earlier commands included: callers do
 * CommandCounterIncrement() between a change and a scan that must see it).
 * Requires a transaction.  rel must stay open during the scan.
 */
typedef struct CatalogScanData *CatalogScan;
extern CatalogScan CatalogBeginScan(Relation rel);
/*
 * A scan of the rows whose column (named; an OID or name column) equals key
 * (an Oid * or a char *), in the same order as CatalogBeginScan's.
 */
extern CatalogScan CatalogBeginKeyScan(Relation rel, const char *column, const void *key);
/* Next row into *row (deformed as CatalogDeformTuple) and its tid; false at end. */
extern bool CatalogGetNext(CatalogScan scan, void *row, ItemPointer tid);
extern void CatalogEndScan(CatalogScan scan);
/*
 * Scans are served from a per-backend copy of the catalog while nothing can
 * have changed it (catcache.c, README "catalog cache"); copies replaced
 * during a transaction are freed here, at its end (called by inval.c).
 */
extern void CatalogCacheAtEOXact(void);

/*
 * Catalog changes: insert/update/delete one row with the current command
 * id.  They mark the transaction as having changed the catalog, so that
 * committing it bumps the shared catalog version (relcache.h) and other
 * backends drop their caches.  ERROR on a concurrent change.
 */
extern void CatalogInsertRow(Relation rel, const void *row);
extern void CatalogUpdateRow(Relation rel, ItemPointer tid, const void *row);
extern void CatalogDeleteRow(Relation rel, ItemPointer tid);

/* oid.c */
/*
 * GetNewObjectId -- the next free OID (>= FirstNormalObjectId after
 * bootstrap).  The counter lives in shared memory and is persisted to the
 * control file in batches, so an OID is never handed out twice across a
 * crash.  After wraparound (2^32) it restarts at FirstNormalObjectId.
 * Callers that need uniqueness within a catalog check it
 * (GetNewRelationId does for pg_class).
 */
extern Oid GetNewObjectId(void);
/* An OID not used by any pg_class row, nor as a relfile in the database. */
extern Oid GetNewRelationId(void);
/* Bootstrap only: set the counter (to FirstBootstrapObjectId, then FirstNormalObjectId). */
extern void SetNextObjectId(Oid next);

/*
 * The shared catalog version: bumped (by inval.c) when a transaction that
 * changed a catalog commits; read by every backend at statement start
 * (CatalogVersionGet, utils/relcache.h).  Returns the new value.
 */
extern uint64 CatalogVersionBump(void);

/* Shared memory area of the catalog module (OID counter, catalog version). */
extern Size CatalogShmemSize(void);
extern void CatalogShmemInit(void);

#endif                          /* CATALOG_CATALOG_H */
