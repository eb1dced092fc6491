/*
 * vacuum_xlog.h
 *     WAL records of page cleaning (resource manager RM_HEAP2_ID): pruning,
 *     VACUUM's second heap pass, all-visible marking, and visibility-map
 *     bit changes.  Each record names line pointers and map bits, not page
 *     images; a full-page image is added only by the first-change-after-
 *     checkpoint rule (REGBUF_STANDARD).
 * Implemented in src/backend/access/heap/vacuum_xlog.c (apply, log, redo,
 * describe); pruneheap.c, vacuumlazy.c and visibilitymap.c write the
 * records.  Layouts: src/backend/access/heap/README.md ("WAL of page
 * cleaning").
 *
 * Exactness: the page change is made by the same function
 * (HeapPageCleanApply) when the record is written and when it is
 * replayed, and every step of it (PageRepairFragmentation included) is a
 * deterministic function of the line pointer array, so redo rebuilds the
 * page byte for byte, up to hint bits inside tuples.
 */
#ifndef ACCESS_VACUUM_XLOG_H
#define ACCESS_VACUUM_XLOG_H

#include "rustydb.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

struct XLogReaderState;
struct StringInfoData;

/*
 * RM_HEAP2_ID record kinds.  PRUNE, VACUUM and VISIBLE share the main data
 * XLogHeapClean; block 0 is the heap page, its data the offsets
 * (nredirected pairs root, target of PRUNE's new LP_REDIRECTs, then ndead
 * LP_DEAD ones, then nunused LP_UNUSED ones).  With HEAP_CLEAN_ALL_VISIBLE
 * the page gets PD_ALL_VISIBLE and block 1 is the visibility-map page whose
 * bit for block 0 is set in the same record (flag and bit cannot disagree).
 */
#define XLOG_HEAP2_PRUNE 0x00   /* redirect / mark dead / unused, then PageRepairFragmentation */
#define XLOG_HEAP2_VACUUM 0x10  /* LP_DEAD -> LP_UNUSED, drop trailing unused pointers */
#define XLOG_HEAP2_VISIBLE 0x20 /* only PD_ALL_VISIBLE + the map bit */
#define XLOG_HEAP2_VM_BITS 0x30 /* block 0: a VM page; main data XLogVmBits */

#define HEAP_CLEAN_ALL_VISIBLE 0x01

typedef struct XLogHeapClean
{
    TransactionId prune_xid;    /* PRUNE: the page's new pd_prune_xid */
    uint16      ndead;          /* PRUNE: line pointers made LP_DEAD */
    uint16      nunused;        /* line pointers made LP_UNUSED */
    uint8       flags;          /* HEAP_CLEAN_* */
    uint8       pad;
    uint16      nredirected;    /* PRUNE: (root, target) pairs made LP_REDIRECT */
} XLogHeapClean;

/* XLOG_HEAP2_VM_BITS: set or clear the bits of nblocks heap blocks from first_block. */
typedef struct XLogVmBits
{
    BlockNumber first_block;    /* heap block of the first bit; all bits on block 0's page */
    uint32      nblocks;
    uint8       set;            /* 1: set, 0: clear */
    uint8       pad[3];
} XLogVmBits;

/* vacuum_xlog.c */
/*
 * HeapPageCleanApply -- make the change a PRUNE, VACUUM or VISIBLE record
 * describes on a heap page (offsets: ndead then nunused entries).  Used by
 * HeapPageClean and by redo, so both produce the same page.  Raises ERROR
 * (PANIC in a critical section) if the page contradicts the record.
 */
extern void HeapPageCleanApply(Page page, uint8 info, const XLogHeapClean *xl,
                               const OffsetNumber *offsets);
/*
 * HeapPageClean -- apply and WAL-log one cleaning step on buf.  Caller
 * holds a cleanup lock (PRUNE) or an exclusive lock (VACUUM, VISIBLE) on
 * buf and, with HEAP_CLEAN_ALL_VISIBLE, a pin on the VM page covering it
 * (VisibilityMapPin) in vmbuf, which is locked here (heap before VM).
 * Runs the change in a critical section; returns the record's end LSN.
 */
extern XLogRecPtr HeapPageClean(Relation rel, Buffer buf, uint8 info, const XLogHeapClean *xl,
                                const OffsetNumber *offsets, Buffer vmbuf);
extern void Heap2Redo(struct XLogReaderState *record);
extern void Heap2Desc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_VACUUM_XLOG_H */
