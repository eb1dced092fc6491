/*
 * visibilitymap.c
 *     The visibility map fork: one all-visible bit per heap page.
 * Entry points: VisibilityMapTest(), VisibilityMapPin(), VisibilityMapSet(),
 * VisibilityMapClear(), HeapPageClearAllVisible(), VisibilityMapTruncate(),
 * VisibilityMapCountAllVisible(), VisibilityMapPageSetBits(),
 * VisibilityMapCoveredBlocks().
 *
 * Page format: a standard page header (LSN, checksum), no line pointers,
 * and the bitmap as the page's special space: bit
 * (blkno % VM_HEAPBLOCKS_PER_PAGE) of VM page (blkno / VM_HEAPBLOCKS_PER_PAGE),
 * least significant bit first.  Bit changes are WAL-logged as
 * XLOG_HEAP2_VM_BITS records (a range of bits of one VM page), or, when
 * VACUUM sets a bit together with the heap page's PD_ALL_VISIBLE, as block
 * 1 of the heap page's record (access/vacuum_xlog.h).  A new VM page is
 * created without WAL; its first record carries its image (LSN 0 is older
 * than any checkpoint).
 *
 * Why the map may lag behind the heap after a crash, and why that is safe:
 * a set bit is written only after the heap page was made all-visible by
 * VACUUM; clearing happens before the heap change is logged.  See the heap
 * README.
 */
#include "rustydb.h"

#include "access/vacuum_xlog.h"
#include "access/visibilitymap.h"
#include "access/xlog.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/smgr.h"
#include "utils/elog.h"

#define VM_DATA(page) ((uint8 *) (page) + SizeOfPageHeaderData)

StaticAssertDecl(VM_HEAPBLOCKS_PER_PAGE == (BLCKSZ - SizeOfPageHeaderData) * 8, "VM page layout");

/* The bitmap is the page's special space, right after the header (as the FSM's). */
static void
vm_init_page(Page page)
{
    PageInit(page, BLCKSZ, BLCKSZ - SizeOfPageHeaderData);
}

static BlockNumber
vm_nblocks(Relation rel)
{
    SMgrRelation reln = RelationGetSmgr(rel);

    if (!SmgrExists(reln, VISIBILITYMAP_FORKNUM))
        return 0;
    return SmgrNblocks(reln, VISIBILITYMAP_FORKNUM);
}

static void
vm_extend_to(Relation rel, BlockNumber vmblk)
{
    SMgrRelation reln = RelationGetSmgr(rel);

    if (!SmgrExists(reln, VISIBILITYMAP_FORKNUM))
        SmgrCreate(reln, VISIBILITYMAP_FORKNUM, true);
    while (SmgrNblocks(reln, VISIBILITYMAP_FORKNUM) <= vmblk)
    {
        Buffer      buf = ExtendRelationBuffered(rel, VISIBILITYMAP_FORKNUM);

        vm_init_page(BufferGetPage(buf));
        MarkBufferDirty(buf);
        UnlockReleaseBuffer(buf);
    }
}

bool
VisibilityMapTest(Relation rel, BlockNumber blkno, Buffer *vmbuf)
{
    BlockNumber vmblk = blkno / VM_HEAPBLOCKS_PER_PAGE;
    uint32      bit = blkno % VM_HEAPBLOCKS_PER_PAGE;
    bool        result = false;
    Page        page;

    if (BufferIsValid(*vmbuf) && BufferGetBlockNumber(*vmbuf) != vmblk)
    {
        ReleaseBuffer(*vmbuf);
        *vmbuf = InvalidBuffer;
    }
    if (!BufferIsValid(*vmbuf))
    {
        if (vm_nblocks(rel) <= vmblk)
            return false;
        *vmbuf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, vmblk, RBM_NORMAL);
    }
    LockBuffer(*vmbuf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(*vmbuf);
    if (!PageIsNew(page))
        result = (VM_DATA(page)[bit / 8] & (1u << (bit % 8))) != 0;
    LockBuffer(*vmbuf, BUFFER_LOCK_UNLOCK);
    return result;
}

bool
VisibilityMapPageSetBits(Page page, BlockNumber first_block, uint32 nblocks, bool value)
{
    uint32      bit = first_block % VM_HEAPBLOCKS_PER_PAGE;
    bool        changed = false;

    if (nblocks == 0)
        return false;
    if (bit + nblocks > VM_HEAPBLOCKS_PER_PAGE)
        elog(ERROR, "visibility map range %u+%u crosses a map page", first_block, nblocks);
    if (PageIsNew(page))
        vm_init_page(page);
    for (uint32 b = bit; b < bit + nblocks; b++)
    {
        uint8      *byte = &VM_DATA(page)[b / 8];
        uint8       mask = (uint8) (1u << (b % 8));

        if (((*byte & mask) != 0) != value)
        {
            *byte = value ? (uint8) (*byte | mask) : (uint8) (*byte & ~mask);
            changed = true;
        }
    }
    return changed;
}

/*
 * vm_log_bits -- set or clear nblocks bits from first_block on the VM page
 * in buf (pinned and exclusively locked by the caller) and WAL-log the
 * change as XLOG_HEAP2_VM_BITS if anything changed.
 */
static void
vm_log_bits(Buffer buf, BlockNumber first_block, uint32 nblocks, bool value)
{
    Page        page = BufferGetPage(buf);
    XLogVmBits  xl;
    XLogRecPtr  lsn;

    START_CRIT_SECTION();
    if (!VisibilityMapPageSetBits(page, first_block, nblocks, value))
    {
        END_CRIT_SECTION();
        return;
    }
    MarkBufferDirty(buf);
    memset(&xl, 0, sizeof(xl));
    xl.first_block = first_block;
    xl.nblocks = nblocks;
    xl.set = value ? 1 : 0;
    XLogBeginInsert();
    XLogRegisterBuffer(0, buf, REGBUF_STANDARD);
    XLogRegisterData(&xl, sizeof(xl));
    lsn = XLogInsert(RM_HEAP2_ID, XLOG_HEAP2_VM_BITS);
    PageSetLSN(page, lsn);
    END_CRIT_SECTION();
}

/* Change blkno's bit to value; WAL-logged if it changed. */
static void
vm_change(Relation rel, BlockNumber blkno, bool value)
{
    BlockNumber vmblk = blkno / VM_HEAPBLOCKS_PER_PAGE;
    Buffer      buf;

    if (vm_nblocks(rel) <= vmblk)
    {
        if (!value)
            return;
        vm_extend_to(rel, vmblk);
    }
    buf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, vmblk, RBM_NORMAL);
    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    vm_log_bits(buf, blkno, 1, value);
    UnlockReleaseBuffer(buf);
}

void
VisibilityMapPin(Relation rel, BlockNumber blkno, Buffer *vmbuf)
{
    BlockNumber vmblk = blkno / VM_HEAPBLOCKS_PER_PAGE;

    if (BufferIsValid(*vmbuf))
    {
        if (BufferGetBlockNumber(*vmbuf) == vmblk)
            return;
        ReleaseBuffer(*vmbuf);
        *vmbuf = InvalidBuffer;
    }
    if (vm_nblocks(rel) <= vmblk)
        vm_extend_to(rel, vmblk);
    *vmbuf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, vmblk, RBM_NORMAL);
}

BlockNumber
VisibilityMapCoveredBlocks(Relation rel)
{
    return vm_nblocks(rel) * (BlockNumber) VM_HEAPBLOCKS_PER_PAGE;
}

void
VisibilityMapSet(Relation rel, BlockNumber blkno)
{
    vm_change(rel, blkno, true);
}

void
VisibilityMapClear(Relation rel, BlockNumber blkno)
{
    vm_change(rel, blkno, false);
}

void
HeapPageClearAllVisible(Relation rel, Buffer buffer)
{
    Page        page = BufferGetPage(buffer);

    if (!PageIsAllVisible(page))
        return;
    Assert(CritSectionCount == 0);
    PageClearAllVisible(page);
    MarkBufferDirty(buffer);
    VisibilityMapClear(rel, BufferGetBlockNumber(buffer));
}

void
VisibilityMapTruncate(Relation rel, BlockNumber nblocks)
{
    BlockNumber nvm = vm_nblocks(rel);

    for (BlockNumber p = nblocks / VM_HEAPBLOCKS_PER_PAGE; p < nvm; p++)
    {
        Buffer      buf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, p, RBM_NORMAL);
        BlockNumber first = p * VM_HEAPBLOCKS_PER_PAGE;
        BlockNumber from = Max(nblocks, first);

        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        if (!PageIsNew(BufferGetPage(buf)))
            vm_log_bits(buf, from, first + VM_HEAPBLOCKS_PER_PAGE - from, false);
        UnlockReleaseBuffer(buf);
    }
}

BlockNumber
VisibilityMapCountAllVisible(Relation rel)
{
    BlockNumber nvm = vm_nblocks(rel);
    BlockNumber count = 0;

    for (BlockNumber p = 0; p < nvm; p++)
    {
        Buffer      buf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, p, RBM_NORMAL);
        Page        page;

        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        if (!PageIsNew(page))
            for (int i = 0; i < BLCKSZ - (int) SizeOfPageHeaderData; i++)
                count += (BlockNumber) __builtin_popcount(VM_DATA(page)[i]);
        UnlockReleaseBuffer(buf);
    }
    return count;
}
