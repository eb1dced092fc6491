/*
 * heap_int.h
 *     Private helpers of the heap access method shared by heapam.c and
 *     pruneheap.c: walking a HOT chain on one page.
 * Only files in src/backend/access/heap include this; the chain rules are
 * in the README ("HOT chains").
 */
#ifndef ACCESS_HEAP_HEAP_INT_H
#define ACCESS_HEAP_HEAP_INT_H

#include "rustydb.h"
#include "access/htup.h"
#include "storage/bufpage.h"

/*
 * heap_chain_next -- the line pointer of the heap-only successor of the
 * chain member h (a normal item of page, block blkno), or
 * InvalidOffsetNumber when the chain ends at h: h is not HOT-updated (or
 * only locked, or its updater is known aborted), its t_ctid leaves the
 * page, or the slot named by t_ctid no longer holds h's successor (not a
 * normal heap-only item whose xmin is h's xmax: pruning freed it and the
 * slot was reused).  Caller holds at least a share lock on the page.
 */
static inline OffsetNumber
heap_chain_next(Page page, BlockNumber blkno, HeapTupleHeader h)
{
    OffsetNumber next;
    ItemId      lp;
    HeapTupleHeader succ;

    if (!HeapTupleHeaderIsHotUpdated(h) || ItemPointerGetBlockNumber(&h->t_ctid) != blkno)
        return InvalidOffsetNumber;
    next = ItemPointerGetOffsetNumber(&h->t_ctid);
    if (next < FirstOffsetNumber || next > PageGetMaxOffsetNumber(page))
        return InvalidOffsetNumber;
    lp = PageGetItemId(page, next);
    if (!ItemIdIsNormal(lp))
        return InvalidOffsetNumber;
    succ = (HeapTupleHeader) PageGetItem(page, lp);
    if (!HeapTupleHeaderIsHeapOnly(succ) ||
        HeapTupleHeaderGetXmin(succ) != HeapTupleHeaderGetRawXmax(h))
        return InvalidOffsetNumber;
    return next;
}

/*
 * heap_chain_start -- the first member of the chain whose root is off:
 * off itself for a normal item that is not heap-only, the target of a
 * redirect, InvalidOffsetNumber otherwise (unused, dead, a heap-only item:
 * no chain starts there).
 */
static inline OffsetNumber
heap_chain_start(Page page, OffsetNumber off)
{
    ItemId      lp;

    if (off < FirstOffsetNumber || off > PageGetMaxOffsetNumber(page))
        return InvalidOffsetNumber;
    lp = PageGetItemId(page, off);
    if (ItemIdIsRedirected(lp))
    {
        OffsetNumber target = (OffsetNumber) ItemIdGetOffset(lp);

        if (target < FirstOffsetNumber || target > PageGetMaxOffsetNumber(page) ||
            !ItemIdIsNormal(PageGetItemId(page, target)))
            return InvalidOffsetNumber;
        return target;
    }
    if (!ItemIdIsNormal(lp) ||
        HeapTupleHeaderIsHeapOnly((HeapTupleHeader) PageGetItem(page, lp)))
        return InvalidOffsetNumber;
    return off;
}

#endif                          /* ACCESS_HEAP_HEAP_INT_H */
