/*
 * vacuum_xlog.c
 *     The WAL records of page cleaning (RM_HEAP2_ID): applying them when
 *     they are written and when they are replayed, writing them, and
 *     describing them.
 * Entry points: HeapPageCleanApply(), HeapPageClean(), Heap2Redo(),
 * Heap2Desc().  Record layouts: access/vacuum_xlog.h and the heap README
 * ("WAL of page cleaning").
 *
 * Why compact records instead of page images: VACUUM changes every page it
 * scans, twice (prune, then the heap pass), and sets a map bit for most;
 * logging each as an 8 KiB image made WAL volume, LZ4 compression and
 * writes the main cost of VACUUM.  The records below name only line
 * pointers; the first-change-after-checkpoint rule still adds an image
 * where torn-page protection needs it.
 *
 * Why redo rebuilds the exact page: the writer and redo both run
 * HeapPageCleanApply on the same page state (WAL order), and every step in
 * it is a deterministic function of the line pointer array; pd_prune_xid
 * is carried in the record.  Only hint bits inside tuples may differ, as
 * after any heap redo.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "access/vacuum_xlog.h"
#include "access/visibilitymap.h"
#include "access/xlog.h"
#include "access/xlogreader.h"
#include "commands/maintenance.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "utils/elog.h"

/* Offsets must name line pointers of the page; anything else is corruption. */
static ItemId
clean_item(Page page, OffsetNumber off)
{
    if (off < FirstOffsetNumber || off > PageGetMaxOffsetNumber(page))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("cleaning record names line pointer %u beyond the page's %u",
                       (unsigned) off, (unsigned) PageGetMaxOffsetNumber(page)));
    return PageGetItemId(page, off);
}

void
HeapPageCleanApply(Page page, uint8 info, const XLogHeapClean *xl, const OffsetNumber *offsets)
{
    PageHeader  ph = (PageHeader) page;
    const OffsetNumber *redirects = offsets;
    const OffsetNumber *dead = offsets + 2 * xl->nredirected;
    const OffsetNumber *unused = dead + xl->ndead;

    switch (info)
    {
        case XLOG_HEAP2_PRUNE:
            for (int i = 0; i < xl->nredirected; i++)
            {
                ItemId      root = clean_item(page, redirects[2 * i]);

                (void) clean_item(page, redirects[2 * i + 1]);
                ItemIdSetRedirect(root, redirects[2 * i + 1]);
            }
            for (int i = 0; i < xl->ndead; i++)
                ItemIdMarkDead(clean_item(page, dead[i]));
            for (int i = 0; i < xl->nunused; i++)
                ItemIdSetUnused(clean_item(page, unused[i]));
            /* a redirect must land on a surviving tuple (README "HOT chains", 3) */
            for (int i = 0; i < xl->nredirected; i++)
                if (!ItemIdIsNormal(PageGetItemId(page, redirects[2 * i + 1])))
                    ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                            errmsg("pruning redirects line pointer %u to %u, which holds no tuple",
                                   (unsigned) redirects[2 * i], (unsigned) redirects[2 * i + 1]));
            PageRepairFragmentation(page);
            ph->pd_prune_xid = xl->prune_xid;
            break;
        case XLOG_HEAP2_VACUUM:
            {
                OffsetNumber maxoff;

                Assert(xl->ndead == 0 && xl->nredirected == 0);
                for (int i = 0; i < xl->nunused; i++)
                {
                    ItemId      lp = clean_item(page, unused[i]);

                    /* index entries are gone: only storage-less LP_DEAD pointers come here */
                    if (!ItemIdIsDead(lp) || ItemIdHasStorage(lp))
                        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                                errmsg("line pointer %u to be freed is not dead",
                                       (unsigned) unused[i]));
                    ItemIdSetUnused(lp);
                }
                /* drop trailing unused pointers; nothing moves (no cleanup lock needed) */
                maxoff = PageGetMaxOffsetNumber(page);
                while (maxoff > 0 && !ItemIdIsUsed(PageGetItemId(page, maxoff)))
                    maxoff--;
                ph->pd_lower = (uint16) (SizeOfPageHeaderData + maxoff * sizeof(ItemIdData));
                ph->pd_flags |= PD_HAS_FREE_LINES;
                PageClearFull(page);
                break;
            }
        case XLOG_HEAP2_VISIBLE:
            Assert(xl->ndead == 0 && xl->nunused == 0 && xl->nredirected == 0);
            break;
        default:
            elog(ERROR, "unknown page cleaning record kind %d", info);
    }
    if (xl->flags & HEAP_CLEAN_ALL_VISIBLE)
        PageSetAllVisible(page);
}

XLogRecPtr
HeapPageClean(Relation rel, Buffer buf, uint8 info, const XLogHeapClean *xl,
              const OffsetNumber *offsets, Buffer vmbuf)
{
    Page        page = BufferGetPage(buf);
    bool        set_vm = (xl->flags & HEAP_CLEAN_ALL_VISIBLE) != 0;
    uint32      noffsets = 2 * (uint32) xl->nredirected + xl->ndead + xl->nunused;
    XLogRecPtr  lsn;
    HeapSpaceMark space;

    HeapSpaceCleanBegin(info == XLOG_HEAP2_VISIBLE ? NULL : rel, page, &space);  /* exact space */
    if (set_vm)
    {
        Assert(BufferIsValid(vmbuf) &&
               BufferGetBlockNumber(vmbuf) == BufferGetBlockNumber(buf) / VM_HEAPBLOCKS_PER_PAGE);
        LockBuffer(vmbuf, BUFFER_LOCK_EXCLUSIVE);   /* lock order: heap page, then VM page */
    }
    START_CRIT_SECTION();
    HeapPageCleanApply(page, info, xl, offsets);
    MarkBufferDirty(buf);
    if (set_vm)
    {
        (void) VisibilityMapPageSetBits(BufferGetPage(vmbuf), BufferGetBlockNumber(buf), 1, true);
        MarkBufferDirty(vmbuf);
    }
    XLogBeginInsert();
    XLogRegisterBuffer(0, buf, REGBUF_STANDARD);
    if (noffsets > 0)
        XLogRegisterBufData(0, offsets, noffsets * (uint32) sizeof(OffsetNumber));
    if (set_vm)
        XLogRegisterBuffer(1, vmbuf, REGBUF_STANDARD);
    XLogRegisterData(xl, sizeof(*xl));
    lsn = XLogInsert(RM_HEAP2_ID, info);
    PageSetLSN(page, lsn);
    if (set_vm)
        PageSetLSN(BufferGetPage(vmbuf), lsn);
    END_CRIT_SECTION();
    if (set_vm)
        LockBuffer(vmbuf, BUFFER_LOCK_UNLOCK);
    HeapSpaceCleanEnd(rel, page, &space);   /* published while the page is still locked */
    return lsn;
}

/* ---------- redo ---------- */

static void
redo_corrupt(XLogReaderState *record, const char *why)
{
    elog(PANIC, "heap2 WAL record at %X/%X cannot be replayed: %s",
         (unsigned) (record->ReadRecPtr >> 32), (unsigned) record->ReadRecPtr, why);
}

static void
redo_finish(XLogReaderState *record, Buffer buffer)
{
    PageSetLSN(BufferGetPage(buffer), record->EndRecPtr);
    MarkBufferDirty(buffer);
}

/* Set or clear map bits on a VM page (block block_id of the record). */
static void
redo_vm_bits(XLogReaderState *record, int block_id, BlockNumber first, uint32 n, bool value)
{
    Buffer      buffer;
    XLogRedoAction action = XLogReadBufferForRedo(record, block_id, &buffer);

    if (action == BLK_NEEDS_REDO)
    {
        if (first % VM_HEAPBLOCKS_PER_PAGE + (uint64) n > VM_HEAPBLOCKS_PER_PAGE)
            redo_corrupt(record, "map bit range crosses a page");
        (void) VisibilityMapPageSetBits(BufferGetPage(buffer), first, n, value);
        redo_finish(record, buffer);
    }
    if (action != BLK_NOTFOUND)
        UnlockReleaseBuffer(buffer);
}

static void
redo_clean(XLogReaderState *record, uint8 info)
{
    XLogHeapClean xl;
    Buffer      buffer;
    XLogRedoAction action;
    BlockNumber heapblk = InvalidBlockNumber;

    if (XLogRecGetDataLen(record) != sizeof(xl))
        redo_corrupt(record, "wrong main data length");
    memcpy(&xl, XLogRecGetData(record), sizeof(xl));
    (void) XLogRecGetBlockTag(record, 0, NULL, NULL, &heapblk);

    action = XLogReadBufferForRedo(record, 0, &buffer);
    if (action == BLK_NEEDS_REDO)
    {
        Size        len = 0;
        const char *data = XLogRecGetBlockData(record, 0, &len);
        Size        want = (2 * (Size) xl.nredirected + xl.ndead + xl.nunused) *
            sizeof(OffsetNumber);
        OffsetNumber offsets[MaxOffsetNumber * 2];

        if (len != want || want > sizeof(offsets) || (want > 0 && data == NULL))
            redo_corrupt(record, "offset array length does not match");
        if (want > 0)
            memcpy(offsets, data, want);    /* block data need not be aligned */
        if (PageIsNew(BufferGetPage(buffer)))
            redo_corrupt(record, "heap page is not initialised");
        HeapPageCleanApply(BufferGetPage(buffer), info, &xl, offsets);
        redo_finish(record, buffer);
    }
    if (action != BLK_NOTFOUND)
        UnlockReleaseBuffer(buffer);

    if (xl.flags & HEAP_CLEAN_ALL_VISIBLE)
    {
        if (!XLogRecHasBlockRef(record, 1))
            redo_corrupt(record, "all-visible record without its map page");
        redo_vm_bits(record, 1, heapblk, 1, true);
    }
}

void
Heap2Redo(XLogReaderState *record)
{
    uint8       info = XLogRecGetInfo(record);

    switch (info)
    {
        case XLOG_HEAP2_PRUNE:
        case XLOG_HEAP2_VACUUM:
        case XLOG_HEAP2_VISIBLE:
            redo_clean(record, info);
            break;
        case XLOG_HEAP2_VM_BITS:
            {
                XLogVmBits  xl;

                if (XLogRecGetDataLen(record) != sizeof(xl))
                    redo_corrupt(record, "wrong main data length");
                memcpy(&xl, XLogRecGetData(record), sizeof(xl));
                redo_vm_bits(record, 0, xl.first_block, xl.nblocks, xl.set != 0);
                break;
            }
        default:
            elog(PANIC, "unknown heap2 WAL record kind %d", info);
    }
}

void
Heap2Desc(StringInfo buf, XLogReaderState *record)
{
    RelFileLocator loc = {0};
    BlockNumber blkno = 0;
    uint8       info = XLogRecGetInfo(record);
    const char *kind = NULL;

    (void) XLogRecGetBlockTag(record, 0, &loc, NULL, &blkno);
    switch (info)
    {
        case XLOG_HEAP2_PRUNE:
            kind = "prune";
            break;
        case XLOG_HEAP2_VACUUM:
            kind = "vacuum";
            break;
        case XLOG_HEAP2_VISIBLE:
            kind = "visible";
            break;
        case XLOG_HEAP2_VM_BITS:
            {
                XLogVmBits  xl;

                memset(&xl, 0, sizeof(xl));
                if (XLogRecGetDataLen(record) == sizeof(xl))
                    memcpy(&xl, XLogRecGetData(record), sizeof(xl));
                appendStringInfo(buf, "vm %s %u/%u heap blocks %u..%u", xl.set ? "set" : "clear",
                                 loc.dbOid, loc.relNumber, xl.first_block,
                                 xl.first_block + xl.nblocks - 1);
                return;
            }
        default:
            appendStringInfoString(buf, "unknown heap2 record");
            return;
    }
    {
        XLogHeapClean xl;

        memset(&xl, 0, sizeof(xl));
        if (XLogRecGetDataLen(record) == sizeof(xl))
            memcpy(&xl, XLogRecGetData(record), sizeof(xl));
        appendStringInfo(buf, "%s %u/%u block %u: %u redirected, %u dead, %u unused%s", kind,
                         loc.dbOid, loc.relNumber, blkno, (unsigned) xl.nredirected,
                         (unsigned) xl.ndead, (unsigned) xl.nunused,
                         (xl.flags & HEAP_CLEAN_ALL_VISIBLE) ? ", all-visible" : "");
    }
}
