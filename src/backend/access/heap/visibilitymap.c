/*
 * visibilitymap.c
 *     The visibility map fork: one all-visible bit per heap page.
 * Entry points: VisibilityMapTest(), VisibilityMapSet(),
 * VisibilityMapClear(), HeapPageClearAllVisible(), VisibilityMapTruncate(),
 * VisibilityMapCountAllVisible().
 *
 * Page format: a standard page header (LSN, checksum), no line pointers,
 * and the bitmap as the page's special space: bit
 * (blkno % VM_HEAPBLOCKS_PER_PAGE) of VM page (blkno / VM_HEAPBLOCKS_PER_PAGE),
 * least significant bit first.  Every change of a bit is WAL-logged as a
 * full-page image of the VM page (XLOG_FPI), which is simple and
 * idempotent; bits change rarely (once per VACUUM of a page, once on the
 * first modification after it).
 *
 * Why the map may lag behind the heap after a crash, and why that is safe:
 * a set bit is written only after the heap page was made all-visible by
 * VACUUM; clearing happens before the heap change is logged.  See the heap
 * README.
 */
#include "rustydb.h"

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

/* Change blkno's bit to value; WAL-log the VM page if it changed. */
static void
vm_change(Relation rel, BlockNumber blkno, bool value)
{
    BlockNumber vmblk = blkno / VM_HEAPBLOCKS_PER_PAGE;
    uint32      bit = blkno % VM_HEAPBLOCKS_PER_PAGE;
    uint8       mask = (uint8) (1u << (bit % 8));
    Buffer      buf;
    Page        page;
    bool        isset;

    if (vm_nblocks(rel) <= vmblk)
    {
        if (!value)
            return;
        vm_extend_to(rel, vmblk);
    }
    buf = ReadBufferExtended(rel, VISIBILITYMAP_FORKNUM, vmblk, RBM_NORMAL);
    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    page = BufferGetPage(buf);
    if (PageIsNew(page))
        vm_init_page(page);
    isset = (VM_DATA(page)[bit / 8] & mask) != 0;
    if (isset != value)
    {
        XLogRecPtr  lsn;

        START_CRIT_SECTION();
        if (value)
            VM_DATA(page)[bit / 8] |= mask;
        else
            VM_DATA(page)[bit / 8] &= (uint8) ~mask;
        MarkBufferDirty(buf);
        XLogBeginInsert();
        XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE);
        lsn = XLogInsert(RM_XLOG_ID, XLOG_FPI);
        PageSetLSN(page, lsn);
        END_CRIT_SECTION();
    }
    UnlockReleaseBuffer(buf);
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
        Page        page;
        BlockNumber first = p * VM_HEAPBLOCKS_PER_PAGE;
        uint32      from = nblocks > first ? nblocks - first : 0;
        bool        changed = false;

        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        page = BufferGetPage(buf);
        if (!PageIsNew(page))
        {
            for (uint32 b = from; b < VM_HEAPBLOCKS_PER_PAGE; b++)
            {
                uint8       mask = (uint8) (1u << (b % 8));

                if ((b % 8) == 0 && b + 8 <= VM_HEAPBLOCKS_PER_PAGE && VM_DATA(page)[b / 8] == 0)
                {
                    b += 7;
                    continue;
                }
                if (VM_DATA(page)[b / 8] & mask)
                {
                    VM_DATA(page)[b / 8] &= (uint8) ~mask;
                    changed = true;
                }
            }
        }
        if (changed)
        {
            XLogRecPtr  lsn;

            START_CRIT_SECTION();
            MarkBufferDirty(buf);
            XLogBeginInsert();
            XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE);
            lsn = XLogInsert(RM_XLOG_ID, XLOG_FPI);
            PageSetLSN(page, lsn);
            END_CRIT_SECTION();
        }
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
