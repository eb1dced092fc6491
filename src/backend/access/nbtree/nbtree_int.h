/*
 * nbtree_int.h
 *     Private to src/backend/access/nbtree: key descriptions, search keys,
 *     tuple helpers, page helpers and the descent used by insert and scan.
 * Public API: access/nbtree.h (the access method) and access/genam.h.
 */
#ifndef NBTREE_INT_H
#define NBTREE_INT_H

#include "rustydb.h"
#include "access/genam.h"
#include "access/nbtree.h"
#include "fmgr.h"
#include "storage/bufmgr.h"

/*
 * BTKeyDesc -- how to order the entries of one index: the comparison
 * function of each key column's type and its ASC/DESC, NULLS FIRST/LAST
 * option (from the metapage).  Lives in the caller's memory; the TupleDesc
 * is the index relation's.
 */
typedef struct BTKeyDesc
{
    TupleDesc   tupdesc;
    int         natts;          /* columns in leaf tuples */
    int         nkeyatts;       /* key columns */
    RdbFunction cmp[INDEX_MAX_KEYS];
    int16       options[INDEX_MAX_KEYS];
} BTKeyDesc;

/*
 * BTSearchKey -- a position to search for: values of the first nkeys key
 * columns and, optionally, a heap TID (the final tie-breaker).  Columns not
 * given and a missing TID compare as minus infinity, or as plus infinity
 * when nextkey is set (search for the first entry strictly after the key).
 */
typedef struct BTSearchKey
{
    const BTKeyDesc *desc;
    int         nkeys;
    bool        nextkey;
    bool        has_tid;
    ItemPointerData tid;
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];
} BTSearchKey;

/* Downlink / high-key bookkeeping: a stack is not needed (README "Insertion"). */

/* nbtutils.c */
extern void BTKeyDescInit(BTKeyDesc *desc, Relation rel);
extern void BTKeyDescFromOptions(BTKeyDesc *desc, TupleDesc tupdesc, int natts, int nkeyatts,
                                 const int16 *options, const char *relname);
/* Leaf tuple of natts columns, t_tid = heap_tid; palloc'd. ERROR 54000 if too large. */
extern IndexTuple BTFormTuple(TupleDesc tupdesc, int natts, const Datum *values,
                              const bool *isnull, ItemPointer heap_tid);
/* A pivot (high key / separator) from a leaf or pivot tuple: key columns + heap TID. */
extern IndexTuple BTMakePivot(const BTKeyDesc *desc, IndexTuple src);
/* A "minus infinity" internal item: no attributes, downlink only. */
extern IndexTuple BTMakeMinusInfinity(BlockNumber child);
extern IndexTuple BTCopyTuple(IndexTuple src);
extern Datum BTGetAttr(TupleDesc tupdesc, IndexTuple itup, int attnum, bool *isnull);
/* The heap TID a tuple sorts by (leaf: t_tid; pivot: the stored separator TID). */
extern bool BTTupleGetHeapTid(IndexTuple itup, bool leaf, ItemPointer out);
extern BlockNumber BTTupleGetDownlink(IndexTuple itup);
extern void BTTupleSetDownlink(IndexTuple itup, BlockNumber child);
/* Compare two values of key column i (0-based) in index order. */
extern int  BTCompareColumn(const BTKeyDesc *desc, int i, Datum a, bool anull, Datum b,
                            bool bnull);
/* Compare the search key with the item at off (negative: key sorts before item). */
extern int  BTCompareItem(const BTSearchKey *key, Page page, OffsetNumber off);
/* Total order of two tuples (key columns, then heap TID when both have one). */
extern int  BTCompareTuples(const BTKeyDesc *desc, IndexTuple a, bool a_leaf, IndexTuple b,
                            bool b_leaf, bool *tid_compared);
extern int  BTCompareTids(const ItemPointerData *a, const ItemPointerData *b);
/* A search key from a tuple's key columns (+ its heap TID if with_tid). */
extern void BTSearchKeyFromTuple(BTSearchKey *key, const BTKeyDesc *desc, IndexTuple itup,
                                 bool leaf, bool with_tid);
/* "(a, b)=(1, x)" for messages; palloc'd. */
extern char *BTKeyDescription(const BTKeyDesc *desc, const Datum *values, const bool *isnull,
                              int nkeys);
/* Format a fresh page. */
extern void BTPageInit(Page page, uint16 flags, uint32 level);
/* ERROR XX002 unless page is a sane B-tree page (not the metapage). */
extern void BTCheckPage(Relation rel, Page page, BlockNumber blkno);
/* The standard corruption report. */
extern RDB_NORETURN void BTReportCorruption(Relation rel, BlockNumber blkno, const char *fmt, ...)
    RDB_PRINTF(3, 4);

/* nbtpage.c */
/*
 * BTGetRoot -- the root page locked in mode (BUFFER_LOCK_SHARE or
 * EXCLUSIVE), or InvalidBuffer if the index is empty and create is false.
 * With create, an empty index gets a root leaf first.
 */
extern Buffer BTGetRoot(Relation rel, int mode, bool create);
/* A new page at the end of the relation: pinned, exclusively locked, zeroed. */
extern Buffer BTNewPage(Relation rel);
/* Release buf (locked) and return blkno locked in mode. */
extern Buffer BTRelAndGetBuf(Relation rel, Buffer buf, BlockNumber blkno, int mode);
extern Buffer BTGetBuf(Relation rel, BlockNumber blkno, int mode);
/* WAL-log a whole page (XLOG_BTREE_NEWPAGE); caller is in a critical section. */
extern XLogRecPtr BTLogNewPage(Buffer buf);

/* nbtsearch.c */
/*
 * BTSearch -- descend from the root to the page at level target_level
 * where key belongs, moving right past concurrent splits.  Internal pages
 * are share-locked one at a time; the returned page is locked in mode.
 * InvalidBuffer if the index is empty.
 */
extern Buffer BTSearch(Relation rel, const BTSearchKey *key, int mode, uint32 target_level);
/* Move right while the key belongs beyond the page's high key; returns the page locked in mode. */
extern Buffer BTMoveRight(Relation rel, const BTSearchKey *key, Buffer buf, int mode);
/*
 * BTBinarySearch -- on a leaf: the first offset whose item sorts after
 * the key (>= key, or > key with nextkey); maxoff + 1 if none.  On an
 * internal page: the item whose downlink to follow.
 */
extern OffsetNumber BTBinarySearch(const BTSearchKey *key, Page page);

/* nbtinsert.c */
/*
 * BTInsertOnLevel -- insert the already formed tuple itup (leaf entry or
 * downlink) at the right place of level `level`, splitting as needed.
 */
extern void BTInsertOnLevel(Relation rel, const BTKeyDesc *desc, IndexTuple itup, uint32 level);

#endif                          /* NBTREE_INT_H */
