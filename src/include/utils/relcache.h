/*
 * relcache.h
 *     The relation cache: open relations by OID, with their column layout,
 *     defaults, view definition and options read from the catalogs; and
 *     cache invalidation after DDL (local and across backends).
 * Implemented in src/backend/utils/cache/{relcache.c,inval.c}; see the
 * README there.
 *
 * Locking: table_open() does NOT lock yet (the lock manager comes with the
 * transactions issue).  Every caller nevertheless passes the mode it needs
 * (storage/lockdefs.h) so that locking starts without touching call sites.
 *
 * Lifetime: a Relation returned by table_open()/RelationIdGetRelation()
 * stays valid (same pointer, same rd_att contents) until the matching
 * table_close()/RelationClose() and in any case until the end of the
 * transaction; every reference is dropped at transaction end.  An
 * invalidation that arrives while a relation is open rebuilds the entry at
 * the next open; the old descriptor memory lives until transaction end.
 */
#ifndef UTILS_RELCACHE_H
#define UTILS_RELCACHE_H

#include "rustydb.h"
#include "access/htup.h"
#include "nodes/parsenodes.h"
#include "storage/lockdefs.h"
#include "utils/rel.h"

/* relcache.c: opening and closing */

/*
 * RelationIdGetRelation -- the relation with pg_class oid relid (tables,
 * views, indexes, sequences, catalogs), or NULL if there is none visible
 * to the current catalog snapshot.  Increments the reference count.
 * Requires a transaction.
 */
extern Relation RelationIdGetRelation(Oid relid);
/* Drop one reference taken by RelationIdGetRelation(). */
extern void RelationClose(Relation rel);

/*
 * table_open -- RelationIdGetRelation() + lock (see above); ERROR 42P01
 * 'relation with OID %u does not exist' if missing.  Processes pending
 * invalidations first (AcceptInvalidationMessages).
 */
extern Relation table_open(Oid relid, LOCKMODE lockmode);
/* Like table_open, but NULL instead of an error when missing. */
extern Relation try_table_open(Oid relid, LOCKMODE lockmode);
/*
 * table_openrv -- look rv up (catalog/namespace.h: search_path unless
 * qualified) and open it.  ERROR 42P01 'relation "%s" does not exist' with
 * rv->location as error position (a byte offset into DebugQueryString,
 * the client's query string), 3F000 for a missing schema.
 * table_openrv_extended with missing_ok returns NULL instead.
 */
extern Relation table_openrv(const RangeVar *rv, LOCKMODE lockmode);
extern Relation table_openrv_extended(const RangeVar *rv, LOCKMODE lockmode, bool missing_ok);
/* Release the reference; lockmode NoLock keeps the lock to transaction end (later). */
extern void table_close(Relation rel, LOCKMODE lockmode);

/* relcache.c: what the catalogs say about an open relation */

/* Column default as SQL text (attnum 1-based), or NULL if none. Points into the cache entry. */
extern const char *RelationGetColumnDefault(Relation rel, int attnum);
/* A view's SELECT as SQL text, or NULL for other relkinds. Points into the cache entry. */
extern const char *RelationGetViewDefinition(Relation rel);
/* reloptions as stored ("{autovacuum_enabled=false}") or NULL. Points into the cache entry. */
extern const char *RelationGetRelOptions(Relation rel);
/* One option's value ("false") or NULL if not set; palloc'd in CurrentMemoryContext. */
extern char *RelationGetOption(Relation rel, const char *name);
extern Oid  RelationGetOwner(Relation rel);
extern char RelationGetPersistence(Relation rel);  /* RELPERSISTENCE_* */
/* CHECK constraints' expressions (SQL text) as a List of char *, in the entry; NIL if none. */
extern List *RelationGetCheckConstraints(Relation rel);

/*
 * Rows stored before ALTER TABLE ADD COLUMN have fewer attributes than the
 * relation; heap_deform_tuple() returns NULL for the missing ones.
 * RelationFillMissing() replaces those NULLs by the column's "missing
 * value" (the DEFAULT evaluated once by ADD COLUMN), for columns
 * stored_natts+1 .. natts.  Scans over a relation must use
 * RelationDeformTuple() (or call RelationFillMissing after deforming), not
 * heap_deform_tuple() alone.  By-reference values point into the cache
 * entry: valid while the relation is open.
 */
extern void RelationFillMissing(Relation rel, int stored_natts, Datum *values, bool *isnull);
extern void RelationDeformTuple(Relation rel, HeapTuple tuple, Datum *values, bool *isnull);
/* True if some column has a missing value (cheap test for the fast path). */
extern bool RelationHasMissingValues(Relation rel);

/* inval.c: invalidation */

/*
 * CacheInvalidateRelation -- this transaction changed relid's catalog rows:
 * drop our own entry now (rebuilt at the next open) and make every other
 * backend drop its entries when this transaction commits.
 */
extern void CacheInvalidateRelation(Oid relid);
/* Same for changes not tied to one relation (schemas, roles, databases). */
extern void CacheInvalidateCatalog(void);
/*
 * CacheNoteCatalogChange -- the transaction wrote a catalog row: bump the
 * shared version at commit (called by CatalogInsertRow & co.).
 */
extern void CacheNoteCatalogChange(void);
/*
 * AcceptInvalidationMessages -- if another backend committed a catalog
 * change since we last looked (the shared catalog version moved), drop
 * every cached entry.  Cheap (one atomic read) when nothing changed.  The
 * traffic cop calls it at the start of every statement; table_open() and
 * the name lookups call it too.
 */
extern void AcceptInvalidationMessages(void);

/*
 * AtCommit_Inval -- commit only (access/xact.c): make this transaction's
 * catalog changes visible to the other backends' caches; before the
 * transaction's locks are released.
 */
extern void AtCommit_Inval(void);
/* Drop every entry not currently open (and mark open ones for rebuild). */
extern void RelationCacheInvalidate(void);
/* Same, and make this backend's cached plans stale (DISCARD PLANS). */
extern void CacheResetLocal(void);
/* The shared catalog version (bumped at each commit that changed a catalog). */
extern uint64 CatalogVersionGet(void);
/*
 * CacheInvalidationCounter -- a per-backend counter that moves whenever
 * anything derived from the catalogs may be stale here: our own catalog
 * writes (also uncommitted ones), an abort after such writes, or another
 * backend's committed change seen by AcceptInvalidationMessages().  Cached
 * plans (tcop/portal.h) are rebuilt when it differs from the value they
 * were built under; call AcceptInvalidationMessages() first.
 */
extern uint64 CacheInvalidationCounter(void);
/* Has the current transaction written a catalog row (CacheNoteCatalogChange)? */
extern bool CacheTransactionChangedCatalogs(void);

#endif                          /* UTILS_RELCACHE_H */
