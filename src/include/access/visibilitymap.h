/*
 * visibilitymap.h
 *     The visibility map: one bit per heap page in the relation's VM fork,
 *     set when every tuple on the page is visible to every transaction
 *     (VACUUM then skips the page; index-only scans may skip the heap).
 * Implemented in src/backend/access/heap/visibilitymap.c; see the heap
 * README ("Visibility map") for the invariants and WAL rules.
 *
 * Invariant: a set bit implies the heap page's PD_ALL_VISIBLE flag and that
 * every tuple on it is visible to all.  Whoever adds, deletes or locks a
 * tuple on a page whose PD_ALL_VISIBLE is set must clear both first
 * (HeapPageClearAllVisible).  Lock order: heap page, then VM page.
 */
#ifndef ACCESS_VISIBILITYMAP_H
#define ACCESS_VISIBILITYMAP_H

#include "rustydb.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

/* Heap pages covered by one VM page (header, then one bit each). */
#define VM_HEAPBLOCKS_PER_PAGE ((BLCKSZ - 32) * 8)

/* visibilitymap.c */
/*
 * VisibilityMapTest -- is blkno's bit set?  *vmbuf caches a pinned VM page
 * between calls (InvalidBuffer at first; the caller releases it with
 * ReleaseBuffer when valid).  False if the fork does not cover blkno.
 */
extern bool VisibilityMapTest(Relation rel, BlockNumber blkno, Buffer *vmbuf);
/*
 * VisibilityMapPin -- make sure the VM page covering heap block blkno
 * exists (extending the fork) and leave it pinned in *vmbuf, releasing a
 * different page pinned there before.  Call it before locking the heap
 * page: extending must not happen under a heap content lock.
 */
extern void VisibilityMapPin(Relation rel, BlockNumber blkno, Buffer *vmbuf);
/*
 * VisibilityMapSet -- set blkno's bit (the caller holds the heap page's
 * exclusive lock and has set PD_ALL_VISIBLE, WAL-logged).  Extends the fork
 * as needed; logged as XLOG_HEAP2_VM_BITS.  VACUUM instead sets the bit in
 * the heap page's own record (HeapPageClean with HEAP_CLEAN_ALL_VISIBLE).
 */
extern void VisibilityMapSet(Relation rel, BlockNumber blkno);
/* VisibilityMapClear -- clear blkno's bit if set (WAL-logged as above). */
extern void VisibilityMapClear(Relation rel, BlockNumber blkno);
/*
 * HeapPageClearAllVisible -- for heapam before it changes a page: if the
 * page (buffer exclusively locked by the caller) is marked all-visible,
 * clear the flag and the map bit.  Must be called outside a critical
 * section (it may read the VM page).
 */
extern void HeapPageClearAllVisible(Relation rel, Buffer buffer);
/* Forget bits of blocks >= nblocks (heap truncation). */
extern void VisibilityMapTruncate(Relation rel, BlockNumber nblocks);
/* Number of set bits (pg_class.relallvisible). */
extern BlockNumber VisibilityMapCountAllVisible(Relation rel);
/*
 * VisibilityMapCoveredBlocks -- heap blocks the existing VM pages cover
 * (bits of blocks at or beyond it read as clear).  Only VACUUM sets bits,
 * one at a time per table, so a VACUUM may trust the value it read at its
 * start for the blocks beyond it that it has not processed yet.
 */
extern BlockNumber VisibilityMapCoveredBlocks(Relation rel);
/*
 * VisibilityMapPageSetBits -- set (value) or clear the bits of nblocks heap
 * blocks from first_block on VM page `page` (initialising a new page);
 * true if any bit changed.  The range must lie on one VM page.  The caller
 * holds the page exclusively and WAL-logs the change (used by redo too).
 */
extern bool VisibilityMapPageSetBits(Page page, BlockNumber first_block, uint32 nblocks,
                                     bool value);

#endif                          /* ACCESS_VISIBILITYMAP_H */
