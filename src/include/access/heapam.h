/*
 * heapam.h
 *     Heap access: insert, sequential scan, fetch by tid, delete, update,
 *     truncate.  Rows are stored in slotted pages (bufpage.h) with MVCC
 *     headers (htup.h); visibility follows the given snapshot.
 * Implemented in src/backend/access/heap/{heapam,heapam_visibility,combocid}.c;
 * see the README there.
 */
#ifndef ACCESS_HEAPAM_H
#define ACCESS_HEAPAM_H

#include "rustydb.h"
#include "access/htup.h"
#include "access/snapshot.h"
#include "nodes/primnodes.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

/* Outcome of a modification attempt on a tuple version. */
typedef enum TM_Result
{
    TM_Ok,                      /* done */
    TM_Invisible,               /* the tuple is not visible to us at all (can't happen for a scanned row) */
    TM_SelfModified,            /* already changed by this transaction's current or later command */
    TM_Updated,                 /* concurrently updated by a committed transaction: see ctid */
    TM_Deleted,                 /* concurrently deleted by a committed transaction */
    TM_BeingModified,           /* another transaction is changing it and wait == false */
    TM_WouldBlock               /* reserved: lock not available (NOWAIT / SKIP LOCKED) */
} TM_Result;

/* Details when the result is not TM_Ok. */
typedef struct TM_FailureData
{
    ItemPointerData ctid;       /* the newer version (TM_Updated), else the tuple itself */
    TransactionId xmax;         /* the modifying transaction */
    CommandId   cmax;           /* for TM_SelfModified: the modifying command */
    bool        traversed;      /* reserved */
} TM_FailureData;

/* Visibility verdict for VACUUM (HeapTupleSatisfiesVacuum). */
typedef enum HTSV_Result
{
    HEAPTUPLE_DEAD,             /* dead to everyone: removable */
    HEAPTUPLE_LIVE,             /* visible to everyone who can see committed rows */
    HEAPTUPLE_RECENTLY_DEAD,    /* deleted, but some snapshot may still see it */
    HEAPTUPLE_INSERT_IN_PROGRESS,
    HEAPTUPLE_DELETE_IN_PROGRESS
} HTSV_Result;

/* A sequential scan; fields are read-only for callers. */
typedef struct TableScanDescData
{
    Relation    rs_rd;
    Snapshot    rs_snapshot;    /* not copied: must outlive the scan */
    BlockNumber rs_nblocks;     /* blocks at scan start (later inserts are invisible anyway) */
    BlockNumber rs_cblock;      /* current block or InvalidBlockNumber */
    Buffer      rs_cbuf;        /* pinned current buffer or InvalidBuffer */
    Page        rs_cpage;       /* its page (valid while rs_cbuf is pinned) */
    OffsetNumber rs_cindex;     /* position in rs_vistuples */
    int         rs_ntuples;     /* visible tuples on the current page */
    OffsetNumber rs_vistuples[1024];    /* their offsets (page-at-a-time visibility) */
    bool        rs_inited;
    bool        rs_finished;
    HeapTupleData rs_ctup;      /* the current tuple; points into rs_cbuf */
    uint64      rs_tuples_returned; /* statistics */
    bool        rs_roots_valid; /* rs_roots describes rs_cblock (heap_scan_root_tid) */
    OffsetNumber rs_roots_maxoff;
    OffsetNumber rs_roots[MaxOffsetNumber + 1]; /* HOT chain root of each line pointer */
} TableScanDescData;

typedef TableScanDescData *TableScanDesc;

/* heapam.c */
/*
 * heap_insert -- store tup in rel.  Sets t_xmin = current xid (assigning one),
 * t_cid = cid, clears xmax (invalid), t_ctid = t_self = the new location.
 * Chooses the last page if it has room, else extends the relation.  The tuple's
 * MVCC header fields in *tup are overwritten.  ERROR (54000) if the tuple is
 * larger than MaxHeapTupleSize.
 */
extern void heap_insert(Relation rel, HeapTuple tup, CommandId cid);
/* Insert with the current command id; for catalog code. */
extern void simple_heap_insert(Relation rel, HeapTuple tup);
/*
 * heap_beginscan -- a forward sequential scan under snapshot.  The scan
 * struct is palloc'd in CurrentMemoryContext; pins go to CurrentResourceOwner.
 */
extern TableScanDesc heap_beginscan(Relation rel, Snapshot snapshot);
/*
 * heap_getnext -- the next visible tuple, or NULL at the end.  The result
 * points into the scan (and a pinned shared buffer): valid until the next
 * heap_getnext/heap_rescan/heap_endscan.  t_self and t_tableOid are set.
 */
extern HeapTuple heap_getnext(TableScanDesc scan);
extern void heap_rescan(TableScanDesc scan);
extern void heap_endscan(TableScanDesc scan);
/*
 * heap_fetch -- the tuple at tid if visible to snapshot.  On success *out
 * is a palloc'd copy (CurrentMemoryContext, free with heap_freetuple) and the
 * result is true.  Otherwise *out = NULL.  A tid beyond the relation or
 * pointing to an unused slot is simply not visible.
 */
extern bool heap_fetch(Relation rel, Snapshot snapshot, ItemPointer tid, HeapTuple *out);
/*
 * heap_hot_search -- the member of the HOT chain rooted at tid (an index
 * entry's TID: a normal tuple that is not heap-only, or a redirect) that is
 * visible to snapshot, or false.  Walks the chain on that page, each member's
 * xmin matching its predecessor's xmax, and returns the first visible one
 * (an MVCC snapshot sees at most one).  On success *out is a palloc'd copy
 * (CurrentMemoryContext) whose t_self is the member's own TID; otherwise
 * *out = NULL.  A tid naming a heap-only tuple, a dead or unused slot, or
 * beyond the table finds nothing.  With prune, the page is first pruned
 * opportunistically (heap_page_prune_opt): only callers holding no buffer
 * lock may ask for that.
 */
extern bool heap_hot_search(Relation rel, Snapshot snapshot, ItemPointer tid, bool prune,
                            HeapTuple *out);
/*
 * heap_get_root_tuples -- for each line pointer of page (block blkno) that
 * holds a member of a HOT chain, the chain's root line pointer (the offset
 * an index entry names), else InvalidOffsetNumber; roots has room for
 * MaxOffsetNumber + 1 entries.  Caller holds at least a share lock.
 */
extern void heap_get_root_tuples(Page page, BlockNumber blkno, OffsetNumber *roots);
/*
 * heap_scan_root_tid -- the TID an index entry for tup (just returned by
 * heap_getnext on scan) must carry: its own for a tuple that is not
 * heap-only, else its chain's root.  False if the heap-only tuple belongs to
 * no chain (its predecessor's update aborted: nobody sees it).
 */
extern bool heap_scan_root_tid(TableScanDesc scan, HeapTuple tup, ItemPointer root);
/*
 * heap_delete -- mark the tuple at tid deleted by the current transaction
 * (command cid).  If another transaction is modifying it: with wait, sleep
 * until it ends and then re-check; without wait, TM_BeingModified.  If it was
 * concurrently updated/deleted by a committed transaction: TM_Updated /
 * TM_Deleted with *tmfd filled (READ COMMITTED callers re-fetch the newer
 * version through tmfd->ctid).  crosscheck: reserved for REPEATABLE READ
 * (must be InvalidSnapshot for now).
 */
extern TM_Result heap_delete(Relation rel, ItemPointer tid, CommandId cid,
                             Snapshot crosscheck, bool wait, TM_FailureData *tmfd);
/*
 * heap_update -- replace the tuple at otid with newtup: sets the old
 * version's xmax and t_ctid -> new version, inserts newtup (same page if it
 * fits, else another) with HEAP_UPDATED.  newtup->t_self is set.  Results as
 * heap_delete.
 */
extern TM_Result heap_update(Relation rel, ItemPointer otid, HeapTuple newtup,
                             CommandId cid, Snapshot crosscheck, bool wait,
                             TM_FailureData *tmfd);
/*
 * heap_update_hot -- heap_update that knows which columns are keys and
 * which are indexed, and may write a heap-only tuple (HOT).
 *
 * key_attrs[attnum - 1]: a column of a unique, non-partial index
 * (access/genam.h IndexInsertKeyAttrs).  An update that leaves every key
 * column's bytes unchanged is a "no key" update, as in PostgreSQL: it does
 * not wait for FOR KEY SHARE lockers (foreign-key checks), whose locks
 * move to the new version.  key_attrs NULL: every update changes keys.
 *
 * indexed_attrs[attnum - 1]: the column is used by some index of rel, ready
 * or not, as a key, INCLUDE or predicate column.  When no flagged column's
 * stored image changes and the new version fits on the old version's page
 * (pruned opportunistically first if possible), the new version goes there
 * flagged HEAP_ONLY_TUPLE and the old one HEAP_HOT_UPDATED.  *hot_update
 * (may be NULL) tells the caller, which must then insert no index entries
 * for the new version.  indexed_attrs NULL: never HOT.
 *
 * heap_update is heap_update_hot with all three NULL (catalog updates).
 */
extern TM_Result heap_update_hot(Relation rel, ItemPointer otid, HeapTuple newtup,
                                 CommandId cid, Snapshot crosscheck, bool wait,
                                 TM_FailureData *tmfd, const bool *key_attrs,
                                 const bool *indexed_attrs, bool *hot_update);
/*
 * Row lock strength (SELECT FOR KEY SHARE / SHARE / NO KEY UPDATE /
 * UPDATE), weakest first (heaplock.c relies on the order: a held mode
 * covers every weaker one).  Conflicts, as in PostgreSQL: KEY SHARE only
 * with UPDATE; SHARE with NO KEY UPDATE and UPDATE; NO KEY UPDATE with
 * SHARE, NO KEY UPDATE and UPDATE; UPDATE with all.  DELETE and
 * key-changing UPDATE statements conflict with every strength, other
 * UPDATEs like NO KEY UPDATE (heap_update_hot, key_attrs).
 */
typedef enum LockTupleMode
{
    LockTupleKeyShare,
    LockTupleShare,
    LockTupleNoKeyExclusive,
    LockTupleExclusive
} LockTupleMode;

/*
 * heap_lock_tuple -- lock the row version at *tid for the current
 * transaction: FOR UPDATE/SHARE (the executor's LockRows node) and READ
 * COMMITTED's re-check of a concurrently updated row.
 *   wait_policy: LockWaitBlock waits for a transaction modifying or
 *     locking the row (deadlock detection, lock_timeout apply);
 *     LockWaitSkip returns TM_WouldBlock instead (SKIP LOCKED);
 *     LockWaitError raises 55P03 "could not obtain lock on row in
 *     relation \"%s\"" (NOWAIT).
 *   follow_updates: if the version was updated by a committed transaction,
 *     follow the update chain to the newest version and lock that one;
 *     *tid is then set to it and tmfd->traversed is true.  Without it such
 *     a version gives TM_Updated (REPEATABLE READ: the caller raises 40001).
 * Returns TM_Ok (locked; also when this transaction already locked or
 * inserted it), TM_SelfModified (changed by this transaction: skip it),
 * TM_Updated, TM_Deleted (row gone: skip it) or TM_WouldBlock; tmfd is
 * filled when not TM_Ok.  With out != NULL, *out receives a palloc'd copy
 * (CurrentMemoryContext) of the locked version on TM_Ok.  The lock is a
 * lock-only xmax (HEAP_XMAX_LOCK_ONLY; a multixact when several
 * transactions hold compatible locks), WAL-logged, held until the
 * (sub)transaction that took it ends.  ERROR 53200 if the multixact table
 * is full.  Caller holds at least RowShareLock on rel.
 */
extern TM_Result heap_lock_tuple(Relation rel, ItemPointer tid, CommandId cid,
                                 LockTupleMode mode, LockWaitPolicy wait_policy,
                                 bool follow_updates, HeapTuple *out, TM_FailureData *tmfd);

/*
 * heap_super_delete -- make the tuple at tid, inserted by this transaction
 * and neither deleted nor locked, dead to everyone at once: its xmin
 * becomes InvalidTransactionId with HEAP_XMIN_INVALID (WAL-logged as
 * XLOG_HEAP_SUPER_DELETE), so every snapshot, unique check, pruning and
 * VACUUM treat it as never inserted, before and after a crash, whatever
 * becomes of the transaction.  INSERT ... ON CONFLICT calls it when a
 * concurrent insertion of the same key won the race (executor README).
 */
extern void heap_super_delete(Relation rel, ItemPointer tid);
/* Delete/update with the current command id; ERROR on any concurrent change (catalogs). */
extern void simple_heap_delete(Relation rel, ItemPointer tid);
extern void simple_heap_update(Relation rel, ItemPointer otid, HeapTuple newtup);
/*
 * heap_truncate_all -- remove every block of every fork in place: drops the
 * buffers and truncates the files to zero length.  Not MVCC-safe and not
 * crash-atomic: the caller holds an exclusive lock and normally prefers a new
 * relfilenumber (TRUNCATE); used for relations created in the same
 * transaction and for tests.
 */
extern void heap_truncate_all(Relation rel);
/* Create the main fork's file for a new relation (ERROR if it exists). */
extern void heap_create_storage(RelFileLocator locator);
/* Remove all forks' files of a relation and its buffers (DROP, after commit). */
extern void heap_drop_storage(RelFileLocator locator);

/* heapam_visibility.c: tests on a tuple in buffer (held pinned and at least share-locked). */
extern bool HeapTupleSatisfiesVisibility(HeapTuple tup, Snapshot snapshot, Buffer buffer);
extern bool HeapTupleSatisfiesMVCC(HeapTuple tup, Snapshot snapshot, Buffer buffer);
/* May the current command (curcid) modify the tuple? (heap_update/delete) */
extern TM_Result HeapTupleSatisfiesUpdate(HeapTuple tup, CommandId curcid, Buffer buffer);
extern HTSV_Result HeapTupleSatisfiesVacuum(HeapTuple tup, TransactionId oldest_xmin,
                                            Buffer buffer);
/* Set hint bits on tup if allowed (status known final); buffer may be InvalidBuffer. */
extern void HeapTupleSetHintBits(HeapTupleHeader tuple, Buffer buffer, uint16 infomask,
                                 TransactionId xid);

/* combocid.c: cmin/cmax when one transaction inserts and deletes the same tuple */
extern CommandId HeapTupleHeaderGetCmin(HeapTupleHeader tup);
extern CommandId HeapTupleHeaderGetCmax(HeapTupleHeader tup);
/* Compute t_cid and combo flag for setting cmax on a tuple (caller holds exclusive lock). */
extern void HeapTupleHeaderAdjustCmax(HeapTupleHeader tup, CommandId *cmax, bool *iscombo);
extern void AtEOXact_ComboCid(void);

#endif                          /* ACCESS_HEAPAM_H */
