/*
 * heapam_xlog.c
 *     Redo and description of heap WAL records (RM_HEAP_ID).  heapam.c
 *     writes them; the layouts are in access/heapam_xlog.h and the README.
 * Entry points: HeapRedo(), HeapDesc() (rmgr.c).
 *
 * Every change is addressed by line pointer number.  A block whose record
 * carries a full-page image is restored from it and its delta ignored; a
 * block already newer than the record (page LSN >= record end) is left
 * alone, so replaying a record twice changes nothing.
 *
 * Insert, update, delete and super-delete clear PD_ALL_VISIBLE on every page they change,
 * unconditionally: the writer always clears it (HeapPageClearAllVisible)
 * before making such a change, unlogged, so after the change the flag is
 * clear on the writer's page whatever it was before (README "Pruning,
 * VACUUM and the visibility map").  A lock record leaves it alone: locking
 * a row changes no visibility.
 */
#include "rustydb.h"

#include "access/heapam_xlog.h"
#include "access/htup.h"
#include "access/xlogreader.h"
#include "lib/stringinfo.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "utils/elog.h"

static void
redo_corrupt(XLogReaderState *record, const char *why)
{
    elog(PANIC, "heap WAL record at %X/%X cannot be replayed: %s",
         (unsigned) (record->ReadRecPtr >> 32), (unsigned) record->ReadRecPtr, why);
}

/* Put a stored tuple at offnum of a page (insert and update redo). */
static void
redo_add_tuple(XLogReaderState *record, Page page, OffsetNumber offnum, const char *data,
               Size len)
{
    if (PageIsNew(page))
        PageInit(page, BLCKSZ, 0);
    if (len < SizeofHeapTupleHeader)
        redo_corrupt(record, "tuple too short");
    if (PageAddItem(page, data, len, offnum, PAI_OVERWRITE | PAI_IS_HEAP) != offnum)
        redo_corrupt(record, "could not add tuple at its line pointer");
}

/* Overwrite the fixed header of the tuple at offnum (delete, lock, update's old version). */
static void
redo_set_header(XLogReaderState *record, Page page, OffsetNumber offnum, const char *hdr)
{
    ItemId      lp;

    if (PageIsNew(page) || offnum < FirstOffsetNumber || offnum > PageGetMaxOffsetNumber(page))
        redo_corrupt(record, "line pointer out of range");
    lp = PageGetItemId(page, offnum);
    if (!ItemIdIsNormal(lp) || ItemIdGetLength(lp) < SizeofHeapTupleHeader)
        redo_corrupt(record, "line pointer does not hold a tuple");
    memcpy(PageGetItem(page, lp), hdr, SizeofHeapTupleHeader);
}

static void
finish_block(XLogReaderState *record, Buffer buffer)
{
    PageSetLSN(BufferGetPage(buffer), record->EndRecPtr);
    MarkBufferDirty(buffer);
}

static void
release_block(XLogRedoAction action, Buffer buffer)
{
    if (action != BLK_NOTFOUND)
        UnlockReleaseBuffer(buffer);
}

/* block data: offnum (2 bytes) + payload */
static const char *
block_payload(XLogReaderState *record, int block_id, OffsetNumber *offnum, Size *len)
{
    Size        total;
    const char *data = XLogRecGetBlockData(record, block_id, &total);

    if (data == NULL || total < sizeof(OffsetNumber))
        redo_corrupt(record, "block data missing");
    memcpy(offnum, data, sizeof(OffsetNumber));
    *len = total - sizeof(OffsetNumber);
    return data + sizeof(OffsetNumber);
}

static void
redo_insert(XLogReaderState *record)
{
    Buffer      buffer;
    XLogRedoAction action = XLogReadBufferForRedo(record, 0, &buffer);

    if (action == BLK_NEEDS_REDO)
    {
        OffsetNumber offnum;
        Size        len;
        const char *tuple = block_payload(record, 0, &offnum, &len);

        redo_add_tuple(record, BufferGetPage(buffer), offnum, tuple, len);
        PageClearAllVisible(BufferGetPage(buffer));
        finish_block(record, buffer);
    }
    release_block(action, buffer);
}

static void
redo_set_header_record(XLogReaderState *record)
{
    Buffer      buffer;
    XLogRedoAction action = XLogReadBufferForRedo(record, 0, &buffer);

    if (action == BLK_NEEDS_REDO)
    {
        OffsetNumber offnum;
        Size        len;
        const char *hdr = block_payload(record, 0, &offnum, &len);

        if (len != SizeofHeapTupleHeader)
            redo_corrupt(record, "wrong header length");
        redo_set_header(record, BufferGetPage(buffer), offnum, hdr);
        if (XLogRecGetInfo(record) == XLOG_HEAP_DELETE ||
            XLogRecGetInfo(record) == XLOG_HEAP_SUPER_DELETE)
            PageClearAllVisible(BufferGetPage(buffer));
        finish_block(record, buffer);
    }
    release_block(action, buffer);
}

static void
redo_update(XLogReaderState *record)
{
    XLogHeapUpdate xl;
    Buffer      oldbuf;
    Buffer      newbuf;
    XLogRedoAction action;
    Size        len;
    const char *data;

    if (XLogRecGetDataLen(record) != sizeof(xl))
        redo_corrupt(record, "wrong main data length");
    memcpy(&xl, XLogRecGetData(record), sizeof(xl));

    /* Redo runs alone: the two pages need no particular lock order. */
    action = XLogReadBufferForRedo(record, 0, &oldbuf);
    if (action == BLK_NEEDS_REDO)
    {
        data = XLogRecGetBlockData(record, 0, &len);
        if (data == NULL || len < SizeofHeapTupleHeader)
            redo_corrupt(record, "old header missing");
        redo_set_header(record, BufferGetPage(oldbuf), xl.old_offnum, data);
        if (xl.same_page)
            redo_add_tuple(record, BufferGetPage(oldbuf), xl.new_offnum,
                           data + SizeofHeapTupleHeader, len - SizeofHeapTupleHeader);
        PageClearAllVisible(BufferGetPage(oldbuf));
        finish_block(record, oldbuf);
    }
    release_block(action, oldbuf);
    if (xl.same_page)
        return;

    action = XLogReadBufferForRedo(record, 1, &newbuf);
    if (action == BLK_NEEDS_REDO)
    {
        data = XLogRecGetBlockData(record, 1, &len);
        if (data == NULL)
            redo_corrupt(record, "new tuple missing");
        redo_add_tuple(record, BufferGetPage(newbuf), xl.new_offnum, data, len);
        PageClearAllVisible(BufferGetPage(newbuf));
        finish_block(record, newbuf);
    }
    release_block(action, newbuf);
}

void
HeapRedo(XLogReaderState *record)
{
    switch (XLogRecGetInfo(record))
    {
        case XLOG_HEAP_INSERT:
            redo_insert(record);
            break;
        case XLOG_HEAP_DELETE:
        case XLOG_HEAP_LOCK:
        case XLOG_HEAP_SUPER_DELETE:
            redo_set_header_record(record);
            break;
        case XLOG_HEAP_UPDATE:
            redo_update(record);
            break;
        default:
            elog(PANIC, "unknown heap WAL record kind %d", XLogRecGetInfo(record));
    }
}

void
HeapDesc(StringInfo buf, XLogReaderState *record)
{
    RelFileLocator loc = {0};
    BlockNumber blkno = 0;

    (void) XLogRecGetBlockTag(record, 0, &loc, NULL, &blkno);
    switch (XLogRecGetInfo(record))
    {
        case XLOG_HEAP_INSERT:
            appendStringInfo(buf, "insert into %u/%u block %u", loc.dbOid, loc.relNumber, blkno);
            break;
        case XLOG_HEAP_DELETE:
            appendStringInfo(buf, "delete in %u/%u block %u", loc.dbOid, loc.relNumber, blkno);
            break;
        case XLOG_HEAP_LOCK:
            appendStringInfo(buf, "lock in %u/%u block %u", loc.dbOid, loc.relNumber, blkno);
            break;
        case XLOG_HEAP_SUPER_DELETE:
            appendStringInfo(buf, "super-delete in %u/%u block %u", loc.dbOid, loc.relNumber,
                             blkno);
            break;
        case XLOG_HEAP_UPDATE:
            appendStringInfo(buf, "update in %u/%u block %u", loc.dbOid, loc.relNumber, blkno);
            break;
        default:
            appendStringInfoString(buf, "unknown heap record");
    }
}
