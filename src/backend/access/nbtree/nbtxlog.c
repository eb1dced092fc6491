/*
 * nbtxlog.c
 *     WAL redo and description of B-tree records (RM_BTREE_ID).
 * Entry points: BtreeRedo(), BtreeDesc() (registered in rmgr.c).
 * Every redo routine is idempotent: XLogReadBufferForRedo() skips blocks
 * whose LSN shows the change is already there (BLK_DONE) and restores
 * full-page images (BLK_RESTORED).  Record layouts: README "WAL".
 */
#include "rustydb.h"

#include "access/nbtree.h"
#include "access/xlogreader.h"
#include "lib/stringinfo.h"
#include "storage/bufmgr.h"
#include "utils/elog.h"

static void
redo_insert(XLogReaderState *record)
{
    Buffer      buf;

    if (XLogReadBufferForRedo(record, 0, &buf) == BLK_NEEDS_REDO)
    {
        Size        len;
        const char *data = XLogRecGetBlockData(record, 0, &len);
        OffsetNumber off;
        Page        page = BufferGetPage(buf);

        if (data == NULL || len <= sizeof(OffsetNumber))
            elog(PANIC, "B-tree insert record without an item");
        memcpy(&off, data, sizeof(off));
        if (PageAddItem(page, data + sizeof(off), len - sizeof(off), off, 0) == InvalidOffsetNumber)
            elog(PANIC, "B-tree insert redo: could not add the item at offset %u", off);
        PageSetLSN(page, record->EndRecPtr);
        MarkBufferDirty(buf);
    }
    if (BufferIsValid(buf))
        UnlockReleaseBuffer(buf);
}

/* Blocks carrying images (or will-init pages without data): restore and release. */
static void
redo_image(XLogReaderState *record, int block_id)
{
    Buffer      buf;
    XLogRedoAction action = XLogReadBufferForRedo(record, block_id, &buf);

    if (action == BLK_NEEDS_REDO)
        elog(PANIC, "B-tree record block %d should carry a page image", block_id);
    if (BufferIsValid(buf))
        UnlockReleaseBuffer(buf);
}

static void
redo_split(XLogReaderState *record)
{
    Buffer      buf;

    redo_image(record, 0);
    redo_image(record, 1);
    if (!XLogRecHasBlockRef(record, 2))
        return;
    if (XLogReadBufferForRedo(record, 2, &buf) == BLK_NEEDS_REDO)
    {
        Size        len;
        const char *data = XLogRecGetBlockData(record, 2, &len);
        XlBtreeSplitSibling sib;
        Page        page = BufferGetPage(buf);

        if (data == NULL || len != sizeof(sib))
            elog(PANIC, "B-tree split record with a malformed sibling update");
        memcpy(&sib, data, sizeof(sib));
        BTPageGetOpaque(page)->btpo_prev = sib.new_prev;
        PageSetLSN(page, record->EndRecPtr);
        MarkBufferDirty(buf);
    }
    if (BufferIsValid(buf))
        UnlockReleaseBuffer(buf);
}

static void
redo_newroot(XLogReaderState *record)
{
    Buffer      buf;

    redo_image(record, 0);
    if (XLogReadBufferForRedo(record, 1, &buf) == BLK_NEEDS_REDO)
    {
        Size        len;
        const char *data = XLogRecGetBlockData(record, 1, &len);
        Page        page = BufferGetPage(buf);

        if (data == NULL || len != sizeof(BTMetaPageData))
            elog(PANIC, "B-tree new-root record with malformed metadata");
        memcpy(BTPageGetMeta(page), data, sizeof(BTMetaPageData));
        PageSetLSN(page, record->EndRecPtr);
        MarkBufferDirty(buf);
    }
    if (BufferIsValid(buf))
        UnlockReleaseBuffer(buf);
}

static void
redo_delete(XLogReaderState *record)
{
    Buffer      buf;

    if (XLogReadBufferForRedo(record, 0, &buf) == BLK_NEEDS_REDO)
    {
        Size        len;
        const char *data = XLogRecGetBlockData(record, 0, &len);
        uint16      n;
        Page        page = BufferGetPage(buf);

        if (data == NULL || len < sizeof(n))
            elog(PANIC, "B-tree delete record without offsets");
        memcpy(&n, data, sizeof(n));
        if (len != sizeof(n) + n * sizeof(OffsetNumber))
            elog(PANIC, "B-tree delete record with a malformed offset list");
        {
            /* maintenance engine: as BTreeBulkDelete, all at once (same page result) */
            OffsetNumber offs[MaxOffsetNumber];

            if (n > MaxOffsetNumber)
                elog(PANIC, "B-tree delete record with a malformed offset list");
            memcpy(offs, data + sizeof(n), n * sizeof(OffsetNumber));
            PageIndexMultiDelete(page, offs, n);
        }
        PageSetLSN(page, record->EndRecPtr);
        MarkBufferDirty(buf);
    }
    if (BufferIsValid(buf))
        UnlockReleaseBuffer(buf);
}

void
BtreeRedo(XLogReaderState *record)
{
    uint8       info = XLogRecGetInfo(record) & 0xF0;

    switch (info)
    {
        case XLOG_BTREE_INSERT_LEAF:
        case XLOG_BTREE_INSERT_UPPER:
            redo_insert(record);
            break;
        case XLOG_BTREE_SPLIT:
            redo_split(record);
            break;
        case XLOG_BTREE_NEWROOT:
            redo_newroot(record);
            break;
        case XLOG_BTREE_NEWPAGE:
            redo_image(record, 0);
            break;
        case XLOG_BTREE_DELETE:
            redo_delete(record);
            break;
        default:
            elog(PANIC, "B-tree redo: unknown record kind 0x%02X", info);
    }
}

void
BtreeDesc(StringInfo buf, XLogReaderState *record)
{
    uint8       info = XLogRecGetInfo(record) & 0xF0;
    RelFileLocator loc = {0};
    ForkNumber  fork;
    BlockNumber blkno = InvalidBlockNumber;
    const char *kind;

    switch (info)
    {
        case XLOG_BTREE_INSERT_LEAF:
            kind = "INSERT_LEAF";
            break;
        case XLOG_BTREE_INSERT_UPPER:
            kind = "INSERT_UPPER";
            break;
        case XLOG_BTREE_SPLIT:
            kind = "SPLIT";
            break;
        case XLOG_BTREE_NEWROOT:
            kind = "NEWROOT";
            break;
        case XLOG_BTREE_NEWPAGE:
            kind = "NEWPAGE";
            break;
        case XLOG_BTREE_DELETE:
            kind = "DELETE";
            break;
        default:
            kind = "UNKNOWN";
            break;
    }
    if (XLogRecHasBlockRef(record, 0))
        XLogRecGetBlockTag(record, 0, &loc, &fork, &blkno);
    appendStringInfo(buf, "%s rel %u/%u blk %u", kind, loc.dbOid, loc.relNumber, blkno);
    if (info == XLOG_BTREE_SPLIT && XLogRecHasBlockRef(record, 1))
    {
        XLogRecGetBlockTag(record, 1, &loc, &fork, &blkno);
        appendStringInfo(buf, " right %u", blkno);
    }
}
