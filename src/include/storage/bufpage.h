/*
 * bufpage.h
 *     The 8 KiB slotted page shared by heap and index pages: header, array of
 *     line pointers growing up, items growing down, optional special space
 *     at the end; CRC32C checksum over the page.
 * Implemented in src/backend/storage/page/bufpage.c; the on-disk format is
 * tabulated in src/backend/storage/page/README.
 *
 *   +----------------+----------------------------------------+
 *   | PageHeaderData | linp1 linp2 linp3 ...                  |
 *   +-----------+----+----------------------------------------+
 *   | ... linpN |                                             |
 *   +-----------+---------------------------------------------+
 *   |           ^ pd_lower                                    |
 *   |                  free space                             |
 *   |                         v pd_upper                      |
 *   +-------------+-------------------------------------------+
 *   |             | itemN ...                                 |
 *   +-------------+------------------+------------------------+
 *   |       ... item3 item2 item1    | "special space"        |
 *   +--------------------------------+------------------------+
 *                                    ^ pd_special
 *
 * Pages are only modified with the buffer's content lock held exclusively
 * (see bufmgr.h); hint bits may also be set under a share lock.
 */
#ifndef STORAGE_BUFPAGE_H
#define STORAGE_BUFPAGE_H

#include "rustydb.h"

typedef char *Page;

/* ---------- line pointers ---------- */

/*
 * ItemIdData: 32 bits = lp_off (bits 0..14, byte offset of the item from
 * the page start), lp_flags (bits 15..16), lp_len (bits 17..31, item length
 * in bytes).  For LP_REDIRECT, lp_off holds the target line pointer number
 * and lp_len is 0.
 */
typedef struct ItemIdData
{
    uint32      lp_word;
} ItemIdData;

typedef ItemIdData *ItemId;

#define LP_UNUSED 0             /* free; lp_len 0 */
#define LP_NORMAL 1             /* points to an item */
#define LP_REDIRECT 2           /* HOT redirect to another line pointer */
#define LP_DEAD 3               /* dead; storage may already be reclaimed */

static inline unsigned
ItemIdGetOffset(const ItemIdData *id)
{
    return id->lp_word & 0x7FFF;
}

static inline unsigned
ItemIdGetFlags(const ItemIdData *id)
{
    return (id->lp_word >> 15) & 0x3;
}

static inline unsigned
ItemIdGetLength(const ItemIdData *id)
{
    return id->lp_word >> 17;
}

static inline void
ItemIdSet(ItemIdData *id, unsigned off, unsigned flags, unsigned len)
{
    id->lp_word = (uint32) (off & 0x7FFF) | ((uint32) (flags & 0x3) << 15) |
        ((uint32) (len & 0x7FFF) << 17);
}

#define ItemIdIsUsed(id) (ItemIdGetFlags(id) != LP_UNUSED)
#define ItemIdIsNormal(id) (ItemIdGetFlags(id) == LP_NORMAL)
#define ItemIdIsRedirected(id) (ItemIdGetFlags(id) == LP_REDIRECT)
#define ItemIdIsDead(id) (ItemIdGetFlags(id) == LP_DEAD)
#define ItemIdHasStorage(id) (ItemIdGetLength(id) != 0)
#define ItemIdGetRedirect(id) ((OffsetNumber) ItemIdGetOffset(id))
#define ItemIdSetUnused(id) ItemIdSet((id), 0, LP_UNUSED, 0)
#define ItemIdSetNormal(id, off, len) ItemIdSet((id), (off), LP_NORMAL, (len))
#define ItemIdSetRedirect(id, target) ItemIdSet((id), (target), LP_REDIRECT, 0)
/* Dead with storage gone (after compaction). */
#define ItemIdSetDead(id) ItemIdSet((id), 0, LP_DEAD, 0)
/* Dead but storage kept until PageRepairFragmentation. */
#define ItemIdMarkDead(id) ItemIdSet((id), ItemIdGetOffset(id), LP_DEAD, ItemIdGetLength(id))

/* ---------- page header ---------- */

typedef struct PageHeaderData
{
    XLogRecPtr  pd_lsn;         /* LSN of the last WAL record changing the page */
    uint32      pd_checksum;    /* CRC32C of the page (this field as 0) and block number */
    uint16      pd_flags;       /* PD_* bits */
    uint16      pd_lower;       /* offset to start of free space */
    uint16      pd_upper;       /* offset to end of free space */
    uint16      pd_special;     /* offset to start of special space */
    uint16      pd_version;     /* PG_PAGE_LAYOUT_VERSION */
    uint16      pd_reserved;    /* zero */
    TransactionId pd_prune_xid; /* oldest unpruned deleting xid, or 0 */
    ItemIdData  pd_linp[FLEXIBLE_ARRAY_MEMBER];
} PageHeaderData;

typedef PageHeaderData *PageHeader;

#define SizeOfPageHeaderData (offsetof(PageHeaderData, pd_linp))
StaticAssertDecl(offsetof(PageHeaderData, pd_linp) == 32, "page header is 32 bytes");

#define PD_HAS_FREE_LINES 0x0001    /* hint: some line pointer is LP_UNUSED */
#define PD_PAGE_FULL 0x0002         /* hint: last insert attempt found no room */
#define PD_ALL_VISIBLE 0x0004       /* all tuples visible to everyone */
#define PD_VALID_FLAG_BITS 0x0007

#define PG_PAGE_LAYOUT_VERSION 1

/*
 * Upper bound on line pointers on a heap page: a tuple takes at least its
 * 27-byte header, MAXALIGNed to 32 on the page.
 */
#define MaxHeapTuplesPerPage \
    ((int) ((BLCKSZ - SizeOfPageHeaderData) / (MAXALIGN(32) + sizeof(ItemIdData))))
/* Upper bound on line pointers on any page (zero-length items are not allowed). */
#define MaxOffsetNumber ((OffsetNumber) (BLCKSZ / sizeof(ItemIdData)))

static inline bool
PageIsNew(const char *page)
{
    return ((const PageHeaderData *) page)->pd_upper == 0;
}

static inline OffsetNumber
PageGetMaxOffsetNumber(const char *page)
{
    const PageHeaderData *ph = (const PageHeaderData *) page;

    if (ph->pd_lower <= SizeOfPageHeaderData)
        return 0;
    return (OffsetNumber) ((ph->pd_lower - SizeOfPageHeaderData) / sizeof(ItemIdData));
}

static inline ItemId
PageGetItemId(Page page, OffsetNumber offnum)
{
    Assert(offnum >= FirstOffsetNumber);
    return &((PageHeader) page)->pd_linp[offnum - 1];
}

/* Pointer to the item of a LP_NORMAL (or dead-with-storage) line pointer. */
static inline void *
PageGetItem(Page page, const ItemIdData *id)
{
    Assert(ItemIdHasStorage(id));
    return page + ItemIdGetOffset(id);
}

static inline char *
PageGetSpecialPointer(Page page)
{
    return page + ((PageHeader) page)->pd_special;
}

static inline Size
PageGetSpecialSize(const char *page)
{
    return BLCKSZ - ((const PageHeaderData *) page)->pd_special;
}

static inline XLogRecPtr
PageGetLSN(const char *page)
{
    return ((const PageHeaderData *) page)->pd_lsn;
}

static inline void
PageSetLSN(Page page, XLogRecPtr lsn)
{
    ((PageHeader) page)->pd_lsn = lsn;
}

#define PageHasFreeLinePointers(p) ((((PageHeader) (p))->pd_flags & PD_HAS_FREE_LINES) != 0)
#define PageIsFull(p) ((((PageHeader) (p))->pd_flags & PD_PAGE_FULL) != 0)
#define PageSetFull(p) (((PageHeader) (p))->pd_flags |= PD_PAGE_FULL)
#define PageClearFull(p) (((PageHeader) (p))->pd_flags &= ~PD_PAGE_FULL)
#define PageIsAllVisible(p) ((((PageHeader) (p))->pd_flags & PD_ALL_VISIBLE) != 0)
#define PageSetAllVisible(p) (((PageHeader) (p))->pd_flags |= PD_ALL_VISIBLE)
#define PageClearAllVisible(p) (((PageHeader) (p))->pd_flags &= ~PD_ALL_VISIBLE)

/* Flags for PageAddItem. */
#define PAI_OVERWRITE 0x01      /* offnum must be an unused slot to fill */
#define PAI_IS_HEAP 0x02        /* enforce MaxHeapTuplesPerPage */

/* bufpage.c */
/* Format a page: header, no items, specialSize bytes (MAXALIGNed) reserved at the end. */
extern void PageInit(Page page, Size pageSize, Size specialSize);
/*
 * PageAddItem -- copy item (size bytes) into the page.  offnum
 * InvalidOffsetNumber: reuse a free line pointer or append one.  Otherwise
 * place at offnum: with PAI_OVERWRITE the slot must be unused; without it
 * later line pointers shift up (index pages).  Returns the offset number, or
 * InvalidOffsetNumber if there is no room (the page is unchanged).
 * Caller holds the buffer's exclusive content lock.
 */
extern OffsetNumber PageAddItem(Page page, const void *item, Size size,
                                OffsetNumber offnum, int flags);
/* Free bytes for one more item, minus the line pointer it needs; 0 if none. */
extern Size PageGetFreeSpace(const char *page);
/*
 * Free bytes for one more heap item added with PageAddItem(...,
 * InvalidOffsetNumber, PAI_IS_HEAP): the exact free space if it would reuse
 * a free line pointer, else as PageGetFreeSpace, but 0 when the page has
 * MaxHeapTuplesPerPage pointers and none is free.
 */
extern Size PageGetHeapFreeSpace(const char *page);
/* Free bytes between pd_lower and pd_upper, no deduction. */
extern Size PageGetExactFreeSpace(const char *page);
/*
 * PageRepairFragmentation -- compact item storage towards the end of the page
 * so that free space is contiguous.  Items of LP_NORMAL/LP_DEAD-with-storage
 * are kept at the same line pointer numbers; LP_DEAD pointers lose their
 * storage; trailing LP_UNUSED pointers are truncated.  ERROR (data corrupted)
 * if the line pointers are inconsistent.  Caller holds an exclusive lock.
 */
extern void PageRepairFragmentation(Page page);
/*
 * PageIndexTupleDelete -- remove the item at offnum and its line pointer,
 * shifting later pointers down (index pages: numbers change).
 */
extern void PageIndexTupleDelete(Page page, OffsetNumber offnum);
/*
 * PageIndexMultiDelete -- delete the items at offnums (ascending, distinct)
 * at once; the page ends as after PageIndexTupleDelete of each, last first
 * (maintenance engine: B-tree bulk delete and its redo).
 */
extern void PageIndexMultiDelete(Page page, const OffsetNumber *offnums, int n);
/*
 * Checksums.  The checksum covers the whole page with pd_checksum taken as
 * zero, seeded with the block number so a page written to the wrong place
 * is detected.  PageSetChecksumCopy writes into a copy (shared pages may be
 * hint-bit-updated concurrently under share locks; never checksum in place
 * while others can modify).
 */
extern uint32 PageComputeChecksum(const char *page, BlockNumber blkno);
extern void PageSetChecksumInplace(Page page, BlockNumber blkno);
/*
 * PageIsVerified -- true if the page is all zeroes (a new page) or its header
 * is sane, the checksum matches and every line pointer is consistent
 * (storage MAXALIGNed inside [pd_upper, pd_special), redirects in range), so
 * that callers may follow line pointers without further bounds checks.
 */
extern bool PageIsVerified(const char *page, BlockNumber blkno);
/* Header sanity only (lower/upper/special ordering, flags, version). */
extern bool PageHeaderIsSane(const char *page);

#endif                          /* STORAGE_BUFPAGE_H */
