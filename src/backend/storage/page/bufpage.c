/*
 * bufpage.c
 *     Slotted page operations: initialise, add items, free space, compaction,
 *     index item deletion, checksums and header verification.
 * Entry points: see storage/bufpage.h.  On-disk format and invariants: see
 * README in this directory.
 */
#include "rustydb.h"

#include "common/crc32c.h"
#include "storage/bufpage.h"
#include "utils/elog.h"
#include "utils/palloc.h"

void
PageInit(Page page, Size pageSize, Size specialSize)
{
    PageHeader  ph = (PageHeader) page;

    Assert(pageSize == BLCKSZ);
    specialSize = MAXALIGN(specialSize);
    Assert(specialSize + SizeOfPageHeaderData <= pageSize);
    memset(page, 0, pageSize);
    ph->pd_lower = (uint16) SizeOfPageHeaderData;
    ph->pd_upper = (uint16) (pageSize - specialSize);
    ph->pd_special = (uint16) (pageSize - specialSize);
    ph->pd_version = PG_PAGE_LAYOUT_VERSION;
}

bool
PageHeaderIsSane(const char *page)
{
    const PageHeaderData *ph = (const PageHeaderData *) page;

    return (ph->pd_flags & ~PD_VALID_FLAG_BITS) == 0 &&
        ph->pd_lower >= SizeOfPageHeaderData &&
        ph->pd_lower <= ph->pd_upper &&
        ph->pd_upper <= ph->pd_special &&
        ph->pd_special <= BLCKSZ &&
        ph->pd_special == MAXALIGN(ph->pd_special) &&
        ph->pd_version == PG_PAGE_LAYOUT_VERSION &&
        ph->pd_reserved == 0;
}

/* Slot number to fill for a new item: a free one if the hint says so, else append. */
static OffsetNumber
find_free_slot(Page page, OffsetNumber limit)
{
    if (PageHasFreeLinePointers(page))
    {
        for (OffsetNumber off = FirstOffsetNumber; off < limit; off++)
        {
            ItemId      id = PageGetItemId(page, off);

            if (!ItemIdIsUsed(id) && !ItemIdHasStorage(id))
                return off;
        }
        /* Hint was stale. */
        ((PageHeader) page)->pd_flags &= ~PD_HAS_FREE_LINES;
    }
    return limit;
}

OffsetNumber
PageAddItem(Page page, const void *item, Size size, OffsetNumber offnum, int flags)
{
    PageHeader  ph = (PageHeader) page;
    OffsetNumber limit = (OffsetNumber) (PageGetMaxOffsetNumber(page) + 1);
    bool        need_new_pointer;
    Size        aligned = MAXALIGN(size);
    int         lower;
    int         upper;

    if (!PageHeaderIsSane(page))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted page pointers: lower = %u, upper = %u, special = %u",
                       ph->pd_lower, ph->pd_upper, ph->pd_special));
    if (size == 0 || size > 0x7FFF)
        elog(ERROR, "invalid item size %zu", size);

    if (offnum != InvalidOffsetNumber)
    {
        if (offnum > limit)
        {
            elog(WARNING, "specified item offset %u is too large", offnum);
            return InvalidOffsetNumber;
        }
        if ((flags & PAI_OVERWRITE) != 0)
        {
            if (offnum < limit)
            {
                ItemId      id = PageGetItemId(page, offnum);

                if (ItemIdIsUsed(id) || ItemIdHasStorage(id))
                {
                    elog(WARNING, "will not overwrite a used line pointer %u", offnum);
                    return InvalidOffsetNumber;
                }
            }
            need_new_pointer = offnum == limit;
        }
        else
            need_new_pointer = true;    /* shift later pointers up */
    }
    else
    {
        offnum = find_free_slot(page, limit);
        need_new_pointer = offnum == limit;
    }

    if ((flags & PAI_IS_HEAP) != 0 && offnum > MaxHeapTuplesPerPage)
        return InvalidOffsetNumber;

    lower = ph->pd_lower + (need_new_pointer ? (int) sizeof(ItemIdData) : 0);
    upper = (int) ph->pd_upper - (int) aligned;
    if (lower > upper)
        return InvalidOffsetNumber;

    if (need_new_pointer && offnum < limit)
    {
        /* Insert in the middle: shift pointers offnum..limit-1 up by one. */
        memmove(PageGetItemId(page, offnum + 1), PageGetItemId(page, offnum),
                (limit - offnum) * sizeof(ItemIdData));
    }
    ItemIdSetNormal(PageGetItemId(page, offnum), (unsigned) upper, (unsigned) size);
    memcpy(page + upper, item, size);
    if (aligned > size)
        memset(page + upper + size, 0, aligned - size);
    ph->pd_lower = (uint16) lower;
    ph->pd_upper = (uint16) upper;
    return offnum;
}

Size
PageGetExactFreeSpace(const char *page)
{
    const PageHeaderData *ph = (const PageHeaderData *) page;
    int         space = (int) ph->pd_upper - (int) ph->pd_lower;

    return space > 0 ? (Size) space : 0;
}

Size
PageGetFreeSpace(const char *page)
{
    Size        space = PageGetExactFreeSpace(page);

    if (space < sizeof(ItemIdData))
        return 0;
    return space - sizeof(ItemIdData);
}

/*
 * A line pointer PageAddItem would reuse (find_free_slot's rule: only when
 * the PD_HAS_FREE_LINES hint is set), or InvalidOffsetNumber.
 */
static OffsetNumber
reusable_slot(const char *page)
{
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

    if (!PageHasFreeLinePointers(page))
        return InvalidOffsetNumber;
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      id = PageGetItemId((Page) page, off);

        if (!ItemIdIsUsed(id) && !ItemIdHasStorage(id))
            return off;
    }
    return InvalidOffsetNumber;
}

Size
PageGetHeapFreeSpace(const char *page)
{
    /*
     * A new heap item goes into a free line pointer when there is one
     * (PageAddItem with InvalidOffsetNumber), so then it needs no new one:
     * counting one anyway refused a tuple that fits exactly, which on
     * pages of equal-sized rows happened all the time (HOT updates of
     * pgbench_accounts failed by 4 bytes).
     */
    if (reusable_slot(page) != InvalidOffsetNumber)
        return PageGetExactFreeSpace(page);
    if (PageGetMaxOffsetNumber(page) >= MaxHeapTuplesPerPage)
        return 0;
    return PageGetFreeSpace(page);
}

typedef struct ItemSortEntry
{
    OffsetNumber offnum;
    uint16      item_off;
    uint16      aligned_len;
} ItemSortEntry;

static int
item_sort_desc(const void *a, const void *b)
{
    const ItemSortEntry *x = a;
    const ItemSortEntry *y = b;

    return (int) y->item_off - (int) x->item_off;
}

/*
 * sort_items_desc -- order entries by item_off, highest first: the order
 * qsort with item_sort_desc gives (items with storage never share an
 * offset), in linear time by bucketing the MAXALIGNed offsets.  Added for
 * the maintenance engine: the qsort was a tenth of VACUUM's time.  Small
 * arrays, and unaligned or duplicate offsets (a corrupt page, which the
 * callers then report), take the qsort; a sorted array returns at once.
 */
static void
sort_items_desc(ItemSortEntry *entries, int n)
{
    int16       slot_entry[BLCKSZ / MAXIMUM_ALIGNOF];
    ItemSortEntry sorted[MaxOffsetNumber];
    int         k = 0;
    int         i;

    /* common case: items stored in reverse line pointer order, already sorted */
    for (i = 1; i < n && entries[i - 1].item_off > entries[i].item_off; i++)
        ;
    if (i >= n)
        return;
    if (n < 32)
    {
        qsort(entries, (size_t) n, sizeof(ItemSortEntry), item_sort_desc);
        return;
    }
    memset(slot_entry, -1, sizeof(slot_entry));
    for (i = 0; i < n; i++)
    {
        unsigned    slot = entries[i].item_off / MAXIMUM_ALIGNOF;

        if (entries[i].item_off % MAXIMUM_ALIGNOF != 0 || slot_entry[slot] >= 0)
        {
            qsort(entries, (size_t) n, sizeof(ItemSortEntry), item_sort_desc);
            return;
        }
        slot_entry[slot] = (int16) i;
    }
    for (int slot = BLCKSZ / MAXIMUM_ALIGNOF - 1; slot >= 0; slot--)
        if (slot_entry[slot] >= 0)
            sorted[k++] = entries[slot_entry[slot]];
    memcpy(entries, sorted, sizeof(ItemSortEntry) * (Size) n);
}

/*
 * Compaction: collect items with storage, sort by current offset descending
 * and slide each as far towards the page end as possible.  Processing in that
 * order means a move never overwrites an item not yet moved.
 */
void
PageRepairFragmentation(Page page)
{
    PageHeader  ph = (PageHeader) page;
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    ItemSortEntry entries[MaxOffsetNumber];
    int         nentries = 0;
    Size        total = 0;
    int         upper;
    bool        has_unused = false;

    if (!PageHeaderIsSane(page))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted page pointers: lower = %u, upper = %u, special = %u",
                       ph->pd_lower, ph->pd_upper, ph->pd_special));

    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      id = PageGetItemId(page, off);
        unsigned    flags = ItemIdGetFlags(id);

        if (flags == LP_DEAD)
            ItemIdSetDead(id);
        else if (flags == LP_NORMAL)
        {
            unsigned    item_off = ItemIdGetOffset(id);
            unsigned    len = ItemIdGetLength(id);

            if (item_off < ph->pd_upper || item_off + len > ph->pd_special || len == 0)
                ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                        errmsg("corrupted line pointer: offset = %u, size = %u", item_off, len));
            entries[nentries].offnum = off;
            entries[nentries].item_off = (uint16) item_off;
            entries[nentries].aligned_len = (uint16) MAXALIGN(len);
            total += MAXALIGN(len);
            nentries++;
        }
        else if (flags == LP_UNUSED)
        {
            ItemIdSetUnused(id);
            has_unused = true;
        }
    }
    if (total > (Size) (ph->pd_special - ph->pd_lower))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted item lengths: total %zu, available space %u",
                       total, (unsigned) (ph->pd_special - ph->pd_lower)));

    sort_items_desc(entries, nentries);
    upper = ph->pd_special;
    for (int i = 0; i < nentries; i++)
    {
        ItemId      id = PageGetItemId(page, entries[i].offnum);

        upper -= entries[i].aligned_len;
        if (upper != entries[i].item_off)
            memmove(page + upper, page + entries[i].item_off, entries[i].aligned_len);
        ItemIdSetNormal(id, (unsigned) upper, ItemIdGetLength(id));
    }
    ph->pd_upper = (uint16) upper;

    /* Trailing unused pointers can go entirely. */
    while (maxoff > 0 && !ItemIdIsUsed(PageGetItemId(page, maxoff)))
        maxoff--;
    ph->pd_lower = (uint16) (SizeOfPageHeaderData + maxoff * sizeof(ItemIdData));
    has_unused = false;
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff && !has_unused; off++)
        has_unused = !ItemIdIsUsed(PageGetItemId(page, off));
    if (has_unused)
        ph->pd_flags |= PD_HAS_FREE_LINES;
    else
        ph->pd_flags &= ~PD_HAS_FREE_LINES;
    PageClearFull(page);
}

void
PageIndexTupleDelete(Page page, OffsetNumber offnum)
{
    PageHeader  ph = (PageHeader) page;
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    ItemId      id;
    unsigned    item_off;
    unsigned    size;

    if (!PageHeaderIsSane(page))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted page pointers: lower = %u, upper = %u, special = %u",
                       ph->pd_lower, ph->pd_upper, ph->pd_special));
    if (offnum < FirstOffsetNumber || offnum > maxoff)
        elog(ERROR, "invalid index offnum: %u", offnum);
    id = PageGetItemId(page, offnum);
    item_off = ItemIdGetOffset(id);
    size = MAXALIGN(ItemIdGetLength(id));
    if (!ItemIdHasStorage(id) || item_off < ph->pd_upper ||
        item_off + size > ph->pd_special)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted line pointer: offset = %u, size = %u", item_off, size));

    /* Drop the pointer, shifting later ones down. */
    memmove(id, id + 1, (maxoff - offnum) * sizeof(ItemIdData));
    ph->pd_lower -= sizeof(ItemIdData);

    /* Close the gap: items stored below the deleted one move up by size. */
    memmove(page + ph->pd_upper + size, page + ph->pd_upper, item_off - ph->pd_upper);
    for (OffsetNumber off = FirstOffsetNumber; off < maxoff; off++)
    {
        ItemId      other = PageGetItemId(page, off);

        if (ItemIdHasStorage(other) && ItemIdGetOffset(other) <= item_off)
            ItemIdSet(other, ItemIdGetOffset(other) + size, ItemIdGetFlags(other),
                      ItemIdGetLength(other));
    }
    ph->pd_upper += size;
}

/*
 * PageIndexMultiDelete -- added for the maintenance engine (B-tree bulk
 * delete by VACUUM): the same result as PageIndexTupleDelete on each of
 * offnums (ascending, distinct) from the last to the first -- every
 * remaining item ends at its old offset plus the sizes of the deleted items
 * stored above it, pointers keep their order -- but in one pass over the
 * page instead of one per deleted item (that was O(n^2) per leaf page).
 * Only the bytes of the freed hole may differ.
 */
void
PageIndexMultiDelete(Page page, const OffsetNumber *offnums, int n)
{
    PageHeader  ph = (PageHeader) page;
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    ItemSortEntry entries[MaxOffsetNumber];
    bool        deleted[MaxOffsetNumber + 1];
    int         nentries = 0;
    unsigned    shift = 0;
    int         kept = 0;

    if (n == 0)
        return;
    if (!PageHeaderIsSane(page))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted page pointers: lower = %u, upper = %u, special = %u",
                       ph->pd_lower, ph->pd_upper, ph->pd_special));
    memset(deleted, 0, sizeof(bool) * (Size) (maxoff + 1));
    for (int i = 0; i < n; i++)
    {
        if (offnums[i] < FirstOffsetNumber || offnums[i] > maxoff ||
            (i > 0 && offnums[i] <= offnums[i - 1]))
            elog(ERROR, "invalid index offnum: %u", offnums[i]);
        deleted[offnums[i]] = true;
    }
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      id = PageGetItemId(page, off);
        unsigned    item_off = ItemIdGetOffset(id);
        unsigned    size = MAXALIGN(ItemIdGetLength(id));

        if (!ItemIdHasStorage(id))
        {
            if (deleted[off])
                ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                        errmsg("corrupted line pointer: offset = %u, size = %u", item_off, size));
            continue;
        }
        if (item_off < ph->pd_upper || item_off + size > ph->pd_special)
            ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                    errmsg("corrupted line pointer: offset = %u, size = %u", item_off, size));
        entries[nentries].offnum = off;
        entries[nentries].item_off = (uint16) item_off;
        entries[nentries].aligned_len = (uint16) size;
        nentries++;
    }
    /* From the page end down: a kept item moves up by the deleted bytes above it. */
    sort_items_desc(entries, nentries);
    for (int i = 0; i < nentries; i++)
    {
        ItemId      id = PageGetItemId(page, entries[i].offnum);

        if (deleted[entries[i].offnum])
        {
            shift += entries[i].aligned_len;
            continue;
        }
        if (shift > 0)
        {
            memmove(page + entries[i].item_off + shift, page + entries[i].item_off,
                    entries[i].aligned_len);
            ItemIdSet(id, entries[i].item_off + shift, ItemIdGetFlags(id), ItemIdGetLength(id));
        }
    }
    /* Drop the deleted pointers, keeping the others in order. */
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
        if (!deleted[off])
            ((PageHeader) page)->pd_linp[kept++] = *PageGetItemId(page, off);
    ph->pd_lower = (uint16) (SizeOfPageHeaderData + kept * sizeof(ItemIdData));
    ph->pd_upper = (uint16) (ph->pd_upper + shift);
}

uint32
PageComputeChecksum(const char *page, BlockNumber blkno)
{
    uint32      crc = CRC32C_INIT;
    uint32      zero = 0;

    crc = Crc32cUpdate(crc, &blkno, sizeof(blkno));
    crc = Crc32cUpdate(crc, page, offsetof(PageHeaderData, pd_checksum));
    crc = Crc32cUpdate(crc, &zero, sizeof(zero));
    crc = Crc32cUpdate(crc, page + offsetof(PageHeaderData, pd_checksum) + sizeof(uint32),
                       BLCKSZ - offsetof(PageHeaderData, pd_checksum) - sizeof(uint32));
    return CRC32C_FINISH(crc);
}

void
PageSetChecksumInplace(Page page, BlockNumber blkno)
{
    if (PageIsNew(page))
        return;                 /* all-zero pages stay all-zero */
    ((PageHeader) page)->pd_checksum = PageComputeChecksum(page, blkno);
}

static bool
page_is_all_zero(const char *page)
{
    static const uint64 zeroes[64];

    for (int off = 0; off < BLCKSZ; off += (int) sizeof(zeroes))
        if (memcmp(page + off, zeroes, sizeof(zeroes)) != 0)
            return false;
    return true;
}

/*
 * line_pointers_are_sane -- README invariant 2 for every line pointer: an
 * item with storage is MAXALIGNed and lies within [pd_upper, pd_special); a
 * redirect names an existing line pointer and has no storage.
 *
 * Why here: once a page passes PageIsVerified the heap and index code trust
 * its line pointers (PageGetItem, ItemIdGetLength) without bounds checks, so
 * a page with a matching checksum but a line pointer past the end of the
 * page (written by a bug, or crafted) used to be served and read out of
 * bounds; test/fuzz/fuzz_page.c found it.  Checking every pointer costs at
 * most MaxOffsetNumber word tests per read from disk.
 */
static bool
line_pointers_are_sane(const char *page)
{
    const PageHeaderData *ph = (const PageHeaderData *) page;
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        const ItemIdData *id = &ph->pd_linp[off - 1];
        unsigned    item_off = ItemIdGetOffset(id);
        unsigned    len = ItemIdGetLength(id);

        if (ItemIdIsRedirected(id))
        {
            if (len != 0 || item_off < FirstOffsetNumber || item_off > maxoff)
                return false;
        }
        else if (len != 0)
        {
            if (item_off < ph->pd_upper || item_off + len > ph->pd_special ||
                item_off != MAXALIGN(item_off))
                return false;
        }
    }
    return true;
}

bool
PageIsVerified(const char *page, BlockNumber blkno)
{
    if (PageIsNew(page))
        return page_is_all_zero(page);
    if (!PageHeaderIsSane(page))
        return false;
    if (((const PageHeaderData *) page)->pd_checksum != PageComputeChecksum(page, blkno))
        return false;
    return line_pointers_are_sane(page);
}
