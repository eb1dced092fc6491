/*
 * genam.h
 *     The generic index API the executor, the DDL commands and VACUUM call:
 *     open an index, scan it with scan keys (forward or backward) returning
 *     heap TIDs or visible heap tuples, insert entries (with uniqueness
 *     checks), build an index from its table, bulk-delete entries by TID,
 *     and keep every index of a table current on INSERT/UPDATE.
 * Implemented in src/backend/access/index/{genam.c,indexam.c}; the only
 * access method is the B-tree (access/nbtree.h, README in
 * src/backend/access/nbtree/).  Catalog-level operations (creating,
 * dropping, listing indexes) are in catalog/index.h.
 */
#ifndef ACCESS_GENAM_H
#define ACCESS_GENAM_H

#include "rustydb.h"
#include "access/htup.h"
#include "access/snapshot.h"
#include "nodes/pg_list.h"
#include "storage/itemptr.h"
#include "storage/lockdefs.h"
#include "utils/palloc.h"
#include "utils/rel.h"

/* Maximum number of columns in an index (key + INCLUDE), as PostgreSQL. */
#ifndef INDEX_MAX_KEYS
#define INDEX_MAX_KEYS 32
#endif

typedef struct IndexTupleData *IndexTuple;

#ifndef RDB_SCANDIRECTION_DEFINED
#define RDB_SCANDIRECTION_DEFINED
typedef enum ScanDirection
{
    BackwardScanDirection = -1,
    NoMovementScanDirection = 0,
    ForwardScanDirection = 1
} ScanDirection;
#endif

/* pg_index.indoption bits per key column (PostgreSQL's values). */
#define INDOPTION_DESC 0x0001
#define INDOPTION_NULLS_FIRST 0x0002

/* B-tree strategy numbers: the operator of a scan key, in the type's own order. */
#define BTLessStrategyNumber 1
#define BTLessEqualStrategyNumber 2
#define BTEqualStrategyNumber 3
#define BTGreaterEqualStrategyNumber 4
#define BTGreaterStrategyNumber 5

/* ScanKeyData.sk_flags */
#define SK_ISNULL 0x0001        /* "col IS NULL" (strategy must be BTEqualStrategyNumber) */
#define SK_SEARCHNOTNULL 0x0002 /* "col IS NOT NULL" (strategy and argument ignored) */

/*
 * ScanKeyData -- one condition "index column sk_attno <op> sk_argument".
 * The argument has the column's type (the planner coerces).  NULL never
 * satisfies a comparison (operators are strict).  By-reference arguments
 * must stay valid until the next index_rescan/index_endscan.
 */
typedef struct ScanKeyData
{
    int16       sk_attno;       /* index column, 1-based; key columns only */
    uint16      sk_strategy;    /* BT*StrategyNumber */
    uint16      sk_flags;       /* SK_* */
    Datum       sk_argument;
} ScanKeyData;

typedef ScanKeyData *ScanKey;

extern void ScanKeyInit(ScanKey key, int attno, int strategy, Datum argument);

/*
 * IndexInfo -- what index creation, insertion and verification need to know
 * about an index, as stored in pg_index (built by IndexInfoFromCatalog in
 * catalog/index.h, or by hand in tests).  Allocated in the caller's
 * context.
 */
typedef struct IndexInfo
{
    Oid         index_relid;    /* InvalidOid for transient (test) indexes */
    Oid         heap_relid;
    int         natts;          /* key + INCLUDE columns */
    int         nkeyatts;       /* key columns (first nkeyatts of attnums) */
    int16       attnums[INDEX_MAX_KEYS];    /* heap column of each index column (1-based) */
    int16       indoption[INDEX_MAX_KEYS];  /* INDOPTION_* per key column */
    bool        unique;
    bool        primary;
    bool        ready;          /* indisready: inserts must maintain it */
    bool        valid;          /* indisvalid: scans may use it */
    bool        checkxmin;      /* indcheckxmin: only for transactions whose TransactionXmin > buildxid */
    TransactionId buildxid;     /* indbuildxid */
    bool        broken_hot_chain;   /* set by a SnapshotAny build that left out a recently dead HOT chain member */
    char       *predicate;      /* partial index: WHERE clause as SQL text, or NULL */
    void       *predicate_state;    /* evaluation state (index.c), built lazily */
} IndexInfo;

/* Uniqueness checking requested of index_insert. */
typedef enum IndexUniqueCheck
{
    UNIQUE_CHECK_NO,            /* plain insert */
    UNIQUE_CHECK_YES,           /* ERROR 23505 on a live or committed-in-progress duplicate */
    UNIQUE_CHECK_SPECULATIVE    /* as YES, but a duplicate makes index_insert insert
                                 * nothing and return false (INSERT ... ON CONFLICT) */
} IndexUniqueCheck;

/*
 * IndexScanDescData -- an index scan.  Fields other than the results are
 * private to the access method.
 */
typedef struct IndexScanDescData
{
    Relation    heap_rel;       /* for index_getnext_tuple; may be NULL otherwise */
    Relation    index_rel;
    Snapshot    snapshot;       /* not copied: must outlive the scan */
    int         nkeys;
    ScanKey     keys;           /* copy of the rescan keys, in mcxt */
    MemoryContext mcxt;         /* owns the scan and everything it returns */

    /*
     * Index-only scans set this before the first index_rescan: the access
     * method then keeps the index page whose entries it is returning
     * pinned until it moves on, and VACUUM cannot remove those entries (nor
     * free their heap line pointers and mark the heap page all-visible)
     * meanwhile, so the visibility map may be trusted for an entry just
     * returned (nbtree README "Deletion").
     */
    bool        keep_pin;
    /* results */
    ItemPointerData heap_tid;   /* of the last entry returned */
    IndexTuple  itup;           /* that entry (index-only scans); valid until the next call */
    TupleDesc   itup_desc;      /* = RelationGetDescr(index_rel) */
    HeapTuple   heap_tuple;     /* last tuple from index_getnext_tuple; freed by the next call */
    /* statistics (the executor adds them to its counters) */
    uint64      entries_returned;
    uint64      heap_fetches;
    void       *opaque;         /* access-method state */
} IndexScanDescData;

typedef IndexScanDescData *IndexScanDesc;

/* VACUUM: true if the heap TID is dead and its index entries must go. */
typedef bool (*IndexBulkDeleteCallback) (ItemPointer tid, void *state);

/* indexam.c: opening */
/* table_open() + check that it is an index (42809 otherwise). */
extern Relation index_open(Oid relid, LOCKMODE lockmode);
extern void index_close(Relation rel, LOCKMODE lockmode);

/* indexam.c: scans */
/*
 * index_beginscan -- prepare a scan of indexrel (whose table heaprel is
 * used by index_getnext_tuple; NULL if only TIDs are wanted) under
 * snapshot, for up to nkeys scan keys.  Allocated in a child context of
 * CurrentMemoryContext.  Call index_rescan before fetching.
 */
extern IndexScanDesc index_beginscan(Relation heaprel, Relation indexrel, Snapshot snapshot,
                                     int nkeys);
/* (Re)start with keys[0..nkeys-1] (copied); nkeys <= the count given to beginscan. */
extern void index_rescan(IndexScanDesc scan, const ScanKeyData *keys, int nkeys);
/*
 * index_getnext_tid -- the heap TID of the next matching entry in
 * direction (key order for Forward, reverse for Backward), or NULL at the
 * end.  The result points into the scan (scan->heap_tid).  No lock is
 * held between calls, and no pin unless scan->keep_pin: the scan copies
 * one page's matches at a time (nbtree README "Locking").  Visibility is
 * not checked: entries of dead and uncommitted row versions are returned
 * too.
 */
extern ItemPointer index_getnext_tid(IndexScanDesc scan, ScanDirection direction);
/*
 * index_fetch_heap -- the heap tuple of the entry index_getnext_tid just
 * returned (scan->heap_tid) if it is visible to the scan's snapshot, else
 * NULL.  Counts a heap fetch.  The tuple is a copy owned by the scan,
 * freed at the next fetch.  Index-only scans call it only when the heap
 * page is not all-visible.
 */
extern HeapTuple index_fetch_heap(IndexScanDesc scan);
/*
 * index_getnext_tuple -- the next heap tuple visible to the scan's
 * snapshot (heap_fetch of each TID), or NULL at the end.  The tuple is a
 * copy owned by the scan, freed at the next call.
 */
extern HeapTuple index_getnext_tuple(IndexScanDesc scan, ScanDirection direction);
/* Deform the last returned entry's columns (index-only scans); by-ref values point into it. */
extern void index_deform_entry(IndexScanDesc scan, Datum *values, bool *isnull);
extern void index_endscan(IndexScanDesc scan);

/* indexam.c: maintenance */
/*
 * index_insert -- insert one entry: values/isnull are the index columns
 * (FormIndexDatum), heap_tid the row version.  With UNIQUE_CHECK_YES an
 * entry with equal key columns (none NULL) whose heap tuple is live or
 * inserted by a committed transaction raises 23505 'duplicate key value
 * violates unique constraint "idx"' with DETAIL 'Key (cols)=(vals) already
 * exists.'; one inserted by an in-progress transaction makes us wait for it
 * (XactLockTableWait) and check again.  With UNIQUE_CHECK_SPECULATIVE the
 * duplicate that would raise 23505 instead makes it return false without
 * inserting (the caller super-deletes its heap tuple, executor README
 * "INSERT ... ON CONFLICT"); true otherwise.  Caller holds
 * RowExclusiveLock (or stronger) on the table.
 */
extern bool index_insert(Relation indexrel, const Datum *values, const bool *isnull,
                         ItemPointer heap_tid, Relation heaprel, IndexUniqueCheck check_unique);
/*
 * index_build -- fill a new, empty index from its table: every tuple of
 * heaprel visible to snapshot, or with snapshot NULL every tuple that is
 * not dead to everyone (as PostgreSQL's build: recently dead versions get
 * entries too so old snapshots still find them, except HOT chain members
 * replaced within their chain: the chain gets one entry, and
 * info->broken_hot_chain is set -- the caller must keep the index from
 * older snapshots, catalog/index.h).  Rows failing the partial index
 * predicate are skipped.  WAL-logs the pages.  Returns the number of
 * entries.
 */
extern double index_build(Relation heaprel, Relation indexrel, IndexInfo *info,
                          Snapshot snapshot);
/* index_bulk_delete -- VACUUM: remove entries whose TID callback reports dead; returns count. */
extern int64 index_bulk_delete(Relation indexrel, IndexBulkDeleteCallback callback,
                               void *callback_state, int64 *remaining);

/* genam.c: forming entries, verification, maintenance on INSERT/UPDATE */
/*
 * FormIndexDatum -- the index columns of a heap row: values[i] =
 * heap_values[attnums[i] - 1].  By-reference values are not copied.
 */
extern void FormIndexDatum(const IndexInfo *info, const Datum *heap_values,
                           const bool *heap_isnull, Datum *values, bool *isnull);
/*
 * IndexPredicateMatches -- true if the heap row (values/isnull of every
 * heap column) satisfies the partial-index predicate (true if none).  The
 * predicate is analyzed and compiled on first use, in the caller's
 * context (keep info in a context that lives as long as the statement).
 */
extern bool IndexPredicateMatches(IndexInfo *info, Relation heaprel, const Datum *heap_values,
                                  const bool *heap_isnull);

/*
 * IndexInsertState -- the ready indexes of one table, opened once per
 * statement by the executor's INSERT/UPDATE (and COPY):
 *     st = IndexInsertBegin(heaprel);               -- at executor start
 *     IndexInsertRow(st, &tuple->t_self, values, isnull);   -- per new row version
 *     IndexInsertEnd(st);                           -- at executor end
 * values/isnull are the heap row's columns (all of them).  Every new row
 * version needs entries in every index, except the heap-only tuple of a HOT
 * update (heap_update_hot), which is reached through its chain's root.
 * Allocated in CurrentMemoryContext; the
 * indexes stay locked (RowExclusiveLock) to transaction end.
 */
typedef struct IndexInsertState IndexInsertState;
extern IndexInsertState *IndexInsertBegin(Relation heaprel);
extern void IndexInsertRow(IndexInsertState *state, ItemPointer heap_tid, const Datum *values,
                           const bool *isnull);
extern int  IndexInsertCount(const IndexInsertState *state);   /* indexes maintained */
/*
 * IndexInsertKeyAttrs -- set attrs[attnum - 1] for every key column of a
 * unique, non-partial index (the columns a foreign key can reference:
 * what makes an UPDATE "key-changing" for row locks, access/heapam.h).
 */
extern void IndexInsertKeyAttrs(const IndexInsertState *state, bool *attrs, int natts);
extern void IndexInsertEnd(IndexInsertState *state);
/*
 * IndexInsertIndexedAttrs -- one flag per column of the table ([attno - 1]):
 * used by some index of it, ready or not (key and INCLUDE columns, columns
 * read by a partial index's predicate).  heap_update_hot's input: an UPDATE
 * changing none of them may be HOT.  Owned by the state (freed by
 * IndexInsertEnd).
 */
extern const bool *IndexInsertIndexedAttrs(const IndexInsertState *state);
/*
 * INSERT ... ON CONFLICT (executor README, "INSERT ... ON CONFLICT"):
 * IndexInsertSetArbiters marks the arbiter indexes (OIDs; NIL: every
 * ready unique index); 55000 if one belongs to a DEFERRABLE constraint.  IndexInsertFindConflict looks the row's key up in
 * each arbiter index that applies to it (no NULL key column, partial
 * predicate true) under a dirty snapshot: a row version that is live,
 * committed or this transaction's is a conflict (true, *conflict = its
 * TID); one another running transaction inserts or deletes is waited for
 * (XactLockTableWait) and the lookup repeated.  IndexInsertRowSpeculative
 * is IndexInsertRow for a tuple inserted after a lookup found nothing:
 * arbiter indexes first, with UNIQUE_CHECK_SPECULATIVE; false when one of
 * them already holds the key (a concurrent insertion won; the caller
 * super-deletes the tuple and starts over), after inserting no entry in
 * the remaining indexes.  Other unique indexes raise 23505 as usual.
 */
extern void IndexInsertSetArbiters(IndexInsertState *state, List *arbiters);
extern bool IndexInsertFindConflict(IndexInsertState *state, const Datum *values,
                                    const bool *isnull, ItemPointer conflict);
extern bool IndexInsertRowSpeculative(IndexInsertState *state, ItemPointer heap_tid,
                                      const Datum *values, const bool *isnull);
/* One-shot form of the above for a single row. */
extern void ExecInsertIndexTuples(Relation heaprel, ItemPointer heap_tid, const Datum *values,
                                  const bool *isnull);

/*
 * IndexVerify -- rustydb_verify_index: structural checks of the B-tree and
 * heap pointers (full: also every live heap tuple has exactly one entry).
 * ERROR XX002 on the first problem found.
 */
extern void IndexVerify(Relation indexrel, Relation heaprel, IndexInfo *info, bool full);

#endif                          /* ACCESS_GENAM_H */
