/*
 * xlogutils.c
 *     Helpers for redo routines: fetching the blocks a WAL record changes,
 *     restoring full-page images, and deciding whether a change is already
 *     on the page (page LSN >= record end).
 * Entry point: XLogReadBufferForRedo().
 */
#include "rustydb.h"

#include "access/xlogreader.h"
#include "storage/bufmgr.h"
#include "storage/smgr.h"
#include "utils/elog.h"

/*
 * XLogReadBufferForRedo -- see xlogreader.h.  A block with an image or
 * BKP_WILL_INIT is not read from disk (it may be torn or missing): its
 * file is created if needed and the buffer zeroed.  Any other block must
 * exist; if its file or block is gone the relation was dropped or truncated
 * later in the WAL, and the change is skipped (BLK_NOTFOUND).
 */
XLogRedoAction
XLogReadBufferForRedo(XLogReaderState *record, int block_id, Buffer *buffer)
{
    DecodedBlock *b = &record->blocks[block_id];
    ForkNumber  fork = (ForkNumber) b->ref.fork;
    SMgrRelation reln;
    Page        page;

    *buffer = InvalidBuffer;
    if (!b->in_use)
        elog(PANIC, "WAL record at %X/%X has no block %d",
             (unsigned) (record->ReadRecPtr >> 32), (unsigned) record->ReadRecPtr, block_id);
    reln = SmgrOpen(b->ref.locator);
    if (b->ref.flags & (BKP_HAS_IMAGE | BKP_WILL_INIT))
    {
        if (!SmgrExists(reln, fork))
            SmgrCreate(reln, fork, true);

        /*
         * The extension that created this block may not have reached disk
         * before the crash.  Extend with zero blocks first, so the file
         * length covers every block in the buffer pool (later records for
         * the block then find it, and the file-length invariant of the
         * buffer manager holds).
         */
        {
            static const union
            {
                char        data[BLCKSZ];
                uint64      force_align;
            }           zero_page;

            for (BlockNumber n = SmgrNblocks(reln, fork); n <= b->ref.blkno; n++)
                SmgrExtend(reln, fork, n, zero_page.data);
        }
        *buffer = ReadBufferWithoutRelcache(b->ref.locator, fork, b->ref.blkno,
                                            RBM_ZERO_AND_LOCK, NULL);
        page = BufferGetPage(*buffer);
        if (b->ref.flags & BKP_HAS_IMAGE)
        {
            if (!RestoreBlockImage(record, block_id, page))
                elog(PANIC, "could not restore the block image in WAL record at %X/%X",
                     (unsigned) (record->ReadRecPtr >> 32), (unsigned) record->ReadRecPtr);
            PageSetLSN(page, record->EndRecPtr);
            MarkBufferDirty(*buffer);
            return BLK_RESTORED;
        }
        return BLK_NEEDS_REDO;
    }
    if (!SmgrExists(reln, fork) || b->ref.blkno >= SmgrNblocks(reln, fork))
        return BLK_NOTFOUND;
    *buffer = ReadBufferWithoutRelcache(b->ref.locator, fork, b->ref.blkno, RBM_NORMAL, NULL);
    LockBuffer(*buffer, BUFFER_LOCK_EXCLUSIVE);
    page = BufferGetPage(*buffer);
    if (PageGetLSN(page) >= record->EndRecPtr)
        return BLK_DONE;
    return BLK_NEEDS_REDO;
}
