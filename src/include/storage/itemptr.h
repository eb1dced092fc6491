/*
 * itemptr.h
 *     Tuple identifiers (ctid): block number + line pointer number.
 */
#ifndef STORAGE_ITEMPTR_H
#define STORAGE_ITEMPTR_H

#include "rustydb.h"

/*
 * 6 bytes, 2-byte aligned, so that it packs into tuple headers.  The block
 * number is split into two 16-bit halves for that reason; use the accessors.
 */
typedef struct ItemPointerData
{
    uint16      ip_blk_hi;
    uint16      ip_blk_lo;
    OffsetNumber ip_posid;
} ItemPointerData;

typedef ItemPointerData *ItemPointer;

StaticAssertDecl(sizeof(ItemPointerData) == 6, "ItemPointerData must be 6 bytes");

static inline BlockNumber
ItemPointerGetBlockNumber(const ItemPointerData *ip)
{
    return ((BlockNumber) ip->ip_blk_hi << 16) | ip->ip_blk_lo;
}

static inline OffsetNumber
ItemPointerGetOffsetNumber(const ItemPointerData *ip)
{
    return ip->ip_posid;
}

static inline void
ItemPointerSet(ItemPointerData *ip, BlockNumber blkno, OffsetNumber off)
{
    ip->ip_blk_hi = (uint16) (blkno >> 16);
    ip->ip_blk_lo = (uint16) (blkno & 0xFFFF);
    ip->ip_posid = off;
}

static inline void
ItemPointerSetInvalid(ItemPointerData *ip)
{
    ItemPointerSet(ip, InvalidBlockNumber, InvalidOffsetNumber);
}

static inline bool
ItemPointerIsValid(const ItemPointerData *ip)
{
    return ip != NULL && ip->ip_posid != InvalidOffsetNumber;
}

static inline bool
ItemPointerEquals(const ItemPointerData *a, const ItemPointerData *b)
{
    return ItemPointerGetBlockNumber(a) == ItemPointerGetBlockNumber(b) &&
        a->ip_posid == b->ip_posid;
}

/* <0, 0, >0 ordering by (block, offset). */
static inline int
ItemPointerCompare(const ItemPointerData *a, const ItemPointerData *b)
{
    BlockNumber ba = ItemPointerGetBlockNumber(a);
    BlockNumber bb = ItemPointerGetBlockNumber(b);

    if (ba != bb)
        return ba < bb ? -1 : 1;
    if (a->ip_posid != b->ip_posid)
        return a->ip_posid < b->ip_posid ? -1 : 1;
    return 0;
}

#endif                          /* STORAGE_ITEMPTR_H */
