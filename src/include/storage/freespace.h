/*
 * freespace.h
 *     The free space map (FSM): one byte per heap page in the relation's
 *     FSM fork, the page's free space in units of FSM_CATEGORY_BYTES, so
 *     that inserts can find room freed by VACUUM anywhere in the table.
 * Implemented in src/backend/storage/freespace/freespace.c; on-disk format,
 * locking and crash behaviour are in the README there.
 *
 * The map is a hint: it may be stale (it is not WAL-logged), so a caller
 * that gets a block from GetPageWithFreeSpace() must check the page's real
 * free space under its content lock and, if it is too small, correct the
 * map with RecordPageWithFreeSpace() and ask again.
 */
#ifndef STORAGE_FREESPACE_H
#define STORAGE_FREESPACE_H

#include "rustydb.h"
#include "utils/rel.h"

/* Granularity of the map: free space is recorded in 32-byte steps (0..255). */
#define FSM_CATEGORY_BYTES 32
/* Heap pages described by one FSM page (page header, then one byte each). */
#define FSM_SLOTS_PER_PAGE (BLCKSZ - 32)

/* freespace.c */
/*
 * GetPageWithFreeSpace -- a heap block whose recorded free space is at
 * least len bytes, or InvalidBlockNumber if the map knows none.  Only
 * blocks below the relation's current length are returned.  Takes FSM
 * buffer share locks briefly; the caller may hold a heap buffer lock (lock
 * order: heap page, then FSM page).
 */
extern BlockNumber GetPageWithFreeSpace(Relation rel, Size len);
/*
 * RecordPageWithFreeSpace -- remember that heap block blkno has avail
 * bytes free (rounded down to the category).  Creates and extends the FSM
 * fork as needed.  Takes an FSM buffer exclusive lock briefly.
 */
extern void RecordPageWithFreeSpace(Relation rel, BlockNumber blkno, Size avail);
/*
 * RecordPagesWithFreeSpace -- RecordPageWithFreeSpace for n blocks given in
 * ascending order (VACUUM): each FSM page is read, locked and dirtied once
 * for all the blocks it describes.  Same locking rules.
 */
extern void RecordPagesWithFreeSpace(Relation rel, const BlockNumber *blknos, const Size *avail,
                                     int n);
/* The recorded free space of blkno in bytes (category lower bound); 0 if unknown. */
extern Size GetRecordedFreeSpace(Relation rel, BlockNumber blkno);
/*
 * FreeSpaceMapTruncateRel -- forget every block >= nblocks (the heap was
 * truncated to nblocks).  The fork keeps its length; entries are zeroed.
 */
extern void FreeSpaceMapTruncateRel(Relation rel, BlockNumber nblocks);
/* Bytes -> category and back (exposed for tests). */
extern uint8 FreeSpaceCategory(Size avail);
extern Size FreeSpaceCategoryBytes(uint8 category);

#endif                          /* STORAGE_FREESPACE_H */
