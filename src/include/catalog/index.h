/*
 * index.h
 *     Index relations in the catalog: creating them (pg_class relkind 'i',
 *     pg_attribute rows for the index columns, the pg_index row, storage
 *     and the initial build), dropping them, listing a table's indexes,
 *     reading pg_index into an IndexInfo, the ready/valid flags of
 *     concurrent builds, rebuilding (REINDEX) and the indexes that back
 *     PRIMARY KEY / UNIQUE constraints.
 * Implemented in src/backend/catalog/index.c; the access method is
 * access/nbtree.h, the generic API access/genam.h, the DDL commands
 * commands/indexcmds.h.
 */
#ifndef CATALOG_INDEX_H
#define CATALOG_INDEX_H

#include "rustydb.h"
#include "access/genam.h"
#include "catalog/catalog_rows.h"
#include "nodes/pg_list.h"
#include "utils/rel.h"

/*
 * IndexCreate -- create index indexname in nspid on heaprel as described
 * by info (columns, options, uniqueness, predicate), owned by the table's
 * owner.  Column names are the table columns' names.  With build, the
 * index is filled from the table (every tuple not dead to everyone) and
 * marked ready and valid (with indcheckxmin and indbuildxid = this
 * transaction if the build left out members of HOT chains: only later
 * transactions' plans may use it, access/heap/README.md); without (CREATE INDEX CONCURRENTLY, phase 1) it is
 * left empty, not ready and not valid.  The caller checked the name is free
 * and holds the table lock (ShareLock, or ShareUpdateExclusiveLock for
 * CONCURRENTLY).  Sets info->index_relid and returns the new OID; the new
 * rows are visible to the caller's later commands.
 */
extern Oid  IndexCreate(Relation heaprel, const char *indexname, Oid nspid, IndexInfo *info,
                        bool build);

/* IndexDrop -- drop the index (catalog rows, files at commit). Caller holds AccessExclusiveLock. */
extern void IndexDrop(Oid indexoid);

/*
 * RelationGetIndexList -- OIDs of every index of heaprel (whatever its
 * ready/valid state), ascending.  A List in CurrentMemoryContext; reads
 * pg_index under a catalog snapshot (own earlier commands included).
 */
extern List *RelationGetIndexList(Relation heaprel);

/* The pg_index row of indexoid and its tid; false if there is none. */
extern bool IndexRowGet(Oid indexoid, FormData_pg_index *out, ItemPointer tid);

/* IndexInfoFromCatalog -- the IndexInfo of an index, from pg_index; ERROR if missing. */
extern IndexInfo *IndexInfoFromCatalog(Oid indexoid);

/* The table an index belongs to; InvalidOid if indexoid is not an index. */
extern Oid  IndexGetTable(Oid indexoid);

/* Set indisready / indisvalid (transactional; other backends see it after commit). */
extern void IndexSetState(Oid indexoid, bool ready, bool valid);

/*
 * IndexRebuild -- REINDEX one index: a new, empty relfile, rebuilt from the
 * table, then ready and valid; indcheckxmin cleared if the build met no
 * broken HOT chain, set if it did and the index was never valid.  Caller holds ShareLock on the table and
 * AccessExclusiveLock on the index (this function takes them if not).
 */
extern void IndexRebuild(Oid indexoid);

/*
 * RelationTruncateIndexes -- every index of heaprel gets a new, empty
 * relfile with a fresh metapage (TRUNCATE; the table got a new relfile).
 */
extern void RelationTruncateIndexes(Relation heaprel);

/*
 * IndexCreateForConstraints -- give each PRIMARY KEY / UNIQUE constraint of
 * the table that has no index yet (pg_constraint.conindid = 0) its unique
 * index, named like the constraint (t_pkey, t_col_key), built now and
 * recorded in conindid.  Called after CREATE TABLE and ALTER TABLE ADD
 * CONSTRAINT / ADD COLUMN; existing duplicates raise 23505 as in PostgreSQL.
 */
extern void IndexCreateForConstraints(Oid heapoid);

/*
 * IndexConstraintDeferrable -- is indexoid the index of a DEFERRABLE
 * PRIMARY KEY / UNIQUE constraint?  (Uniqueness is still checked at once;
 * INSERT ... ON CONFLICT refuses such arbiters, as PostgreSQL.)
 */
extern bool IndexConstraintDeferrable(Oid indexoid);
/* The constraint that owns indexoid (pg_constraint.conindid), or InvalidOid; *conname set. */
extern Oid  IndexGetConstraint(Oid indexoid, char *conname);

#endif                          /* CATALOG_INDEX_H */
