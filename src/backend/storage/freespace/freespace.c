/*
 * freespace.c
 *     The free space map: one byte of free-space category per heap page,
 *     stored in the relation's FSM fork.
 * Entry points: GetPageWithFreeSpace(), RecordPageWithFreeSpace(),
 * RecordPagesWithFreeSpace(), GetRecordedFreeSpace(), FreeSpaceMapTruncateRel().
 * Format, invariants, locking and crash behaviour: README in this directory.
 *
 * Why a flat array and not PostgreSQL's tree of max-heaps: one FSM page
 * covers 8160 heap pages (63 MiB of heap), and a search scans at most a
 * few such pages of bytes; the map is consulted only when the table's last
 * page is full.  A tree becomes worthwhile for tables of many GiB.
 * XXX: for very large tables add a per-FSM-page maximum (in the page
 * header's pd_prune_xid, unused on FSM pages) to skip full pages.
 */
#include "rustydb.h"

#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/freespace.h"
#include "storage/smgr.h"
#include "utils/elog.h"

/* Byte array of an FSM page: everything after the page header. */
#define FSM_DATA(page) ((uint8 *) (page) + SizeOfPageHeaderData)

StaticAssertDecl(FSM_SLOTS_PER_PAGE == BLCKSZ - SizeOfPageHeaderData, "FSM page layout");

uint8
FreeSpaceCategory(Size avail)
{
    Size        cat = avail / FSM_CATEGORY_BYTES;

    return (uint8) Min(cat, (Size) 255);
}

Size
FreeSpaceCategoryBytes(uint8 category)
{
    return (Size) category * FSM_CATEGORY_BYTES;
}

/*
 * fsm_init_page -- format an FSM page: a standard header and no line
 * pointers; the byte array is the page's "special space" (right after the
 * header), so page verification accepts it and a full-page image keeps it.
 */
static void
fsm_init_page(Page page)
{
    PageInit(page, BLCKSZ, BLCKSZ - SizeOfPageHeaderData);
}

/* Number of FSM pages that exist (0 if the fork does not). */
static BlockNumber
fsm_nblocks(Relation rel)
{
    SMgrRelation reln = RelationGetSmgr(rel);

    if (!SmgrExists(reln, FSM_FORKNUM))
        return 0;
    return SmgrNblocks(reln, FSM_FORKNUM);
}

/*
 * fsm_read -- pin FSM page fsmblk.  A page that fails its checksum (the map
 * is not WAL-logged, so a torn write is possible) reads as zeroes: every
 * category 0, which only makes inserts extend the table until the next
 * VACUUM rebuilds the entries.
 */
static Buffer
fsm_read(Relation rel, BlockNumber fsmblk)
{
    return ReadBufferExtended(rel, FSM_FORKNUM, fsmblk, RBM_ZERO_ON_ERROR);
}

/* Make sure FSM pages 0..fsmblk exist (create the fork first if needed). */
static void
fsm_extend_to(Relation rel, BlockNumber fsmblk)
{
    SMgrRelation reln = RelationGetSmgr(rel);

    if (!SmgrExists(reln, FSM_FORKNUM))
        SmgrCreate(reln, FSM_FORKNUM, true);    /* is_redo: a concurrent creator is fine */
    while (SmgrNblocks(reln, FSM_FORKNUM) <= fsmblk)
    {
        Buffer      buf = ExtendRelationBuffered(rel, FSM_FORKNUM);

        fsm_init_page(BufferGetPage(buf));
        MarkBufferDirty(buf);
        UnlockReleaseBuffer(buf);
    }
}

BlockNumber
GetPageWithFreeSpace(Relation rel, Size len)
{
    BlockNumber nfsm = fsm_nblocks(rel);
    BlockNumber heap_nblocks;
    Size        need = (len + FSM_CATEGORY_BYTES - 1) / FSM_CATEGORY_BYTES;
    uint8       want;

    if (nfsm == 0 || need > 255)
        return InvalidBlockNumber;
    want = (uint8) Max(need, (Size) 1);
    heap_nblocks = RelationGetNumberOfBlocks(rel);
    for (BlockNumber p = 0; p < nfsm; p++)
    {
        Buffer      buf;
        Page        page;
        const uint8 *data;
        int         found = -1;
        BlockNumber first = p * FSM_SLOTS_PER_PAGE;
        int         limit;

        if (first >= heap_nblocks)
            break;
        limit = (int) Min((BlockNumber) FSM_SLOTS_PER_PAGE, heap_nblocks - first);
        buf = fsm_read(rel, p);
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        if (!PageIsNew(page))
        {
            data = FSM_DATA(page);
            for (int i = 0; i < limit; i++)
            {
                if (data[i] >= want)
                {
                    found = i;
                    break;
                }
            }
        }
        UnlockReleaseBuffer(buf);
        if (found >= 0)
            return first + (BlockNumber) found;
    }
    return InvalidBlockNumber;
}

void
RecordPageWithFreeSpace(Relation rel, BlockNumber blkno, Size avail)
{
    BlockNumber fsmblk = blkno / FSM_SLOTS_PER_PAGE;
    int         slot = (int) (blkno % FSM_SLOTS_PER_PAGE);
    uint8       cat = FreeSpaceCategory(avail);
    Buffer      buf;
    Page        page;

    if (fsm_nblocks(rel) <= fsmblk)
    {
        if (cat == 0)
            return;             /* an absent entry already reads as 0 */
        fsm_extend_to(rel, fsmblk);
    }
    buf = fsm_read(rel, fsmblk);
    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    page = BufferGetPage(buf);
    if (PageIsNew(page))
        fsm_init_page(page);
    if (FSM_DATA(page)[slot] != cat)
    {
        FSM_DATA(page)[slot] = cat;
        MarkBufferDirty(buf);
    }
    UnlockReleaseBuffer(buf);
}

void
RecordPagesWithFreeSpace(Relation rel, const BlockNumber *blknos, const Size *avail, int n)
{
    BlockNumber nfsm = fsm_nblocks(rel);
    int         i = 0;

    while (i < n)
    {
        BlockNumber fsmblk = blknos[i] / FSM_SLOTS_PER_PAGE;
        Buffer      buf;
        Page        page;
        bool        dirty = false;
        int         j;

        Assert(i == 0 || blknos[i] > blknos[i - 1]);
        if (nfsm <= fsmblk)
        {
            bool        any = false;

            for (j = i; j < n && blknos[j] / FSM_SLOTS_PER_PAGE == fsmblk; j++)
                any |= FreeSpaceCategory(avail[j]) != 0;
            if (!any)
            {
                i = j;          /* absent entries already read as 0 */
                continue;
            }
            fsm_extend_to(rel, fsmblk);
            nfsm = fsmblk + 1;
        }
        buf = fsm_read(rel, fsmblk);
        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        page = BufferGetPage(buf);
        if (PageIsNew(page))
            fsm_init_page(page);
        for (; i < n && blknos[i] / FSM_SLOTS_PER_PAGE == fsmblk; i++)
        {
            uint8       cat = FreeSpaceCategory(avail[i]);
            uint8      *slot = &FSM_DATA(page)[blknos[i] % FSM_SLOTS_PER_PAGE];

            if (*slot != cat)
            {
                *slot = cat;
                dirty = true;
            }
        }
        if (dirty)
            MarkBufferDirty(buf);
        UnlockReleaseBuffer(buf);
    }
}

Size
GetRecordedFreeSpace(Relation rel, BlockNumber blkno)
{
    BlockNumber fsmblk = blkno / FSM_SLOTS_PER_PAGE;
    Buffer      buf;
    Page        page;
    uint8       cat = 0;

    if (fsm_nblocks(rel) <= fsmblk)
        return 0;
    buf = fsm_read(rel, fsmblk);
    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    if (!PageIsNew(page))
        cat = FSM_DATA(page)[blkno % FSM_SLOTS_PER_PAGE];
    UnlockReleaseBuffer(buf);
    return FreeSpaceCategoryBytes(cat);
}

void
FreeSpaceMapTruncateRel(Relation rel, BlockNumber nblocks)
{
    BlockNumber nfsm = fsm_nblocks(rel);

    for (BlockNumber p = nblocks / FSM_SLOTS_PER_PAGE; p < nfsm; p++)
    {
        Buffer      buf = fsm_read(rel, p);
        Page        page;
        BlockNumber first = p * FSM_SLOTS_PER_PAGE;
        int         from = nblocks > first ? (int) (nblocks - first) : 0;

        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        page = BufferGetPage(buf);
        if (!PageIsNew(page) && from < FSM_SLOTS_PER_PAGE)
        {
            memset(FSM_DATA(page) + from, 0, (size_t) (FSM_SLOTS_PER_PAGE - from));
            MarkBufferDirty(buf);
        }
        UnlockReleaseBuffer(buf);
    }
}
