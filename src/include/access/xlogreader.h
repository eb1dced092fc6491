/*
 * xlogreader.h
 *     Reading and decoding WAL records (recovery, tools, tests), and the
 *     helpers redo functions use to get at the blocks a record changes.
 * Implemented in src/backend/access/transam/xlogreader.c and xlogutils.c.
 */
#ifndef ACCESS_XLOGREADER_H
#define ACCESS_XLOGREADER_H

#include "access/xlogrecord.h"
#include "storage/buf.h"

typedef struct DecodedBlock
{
    bool        in_use;
    XLogBlockRef ref;
    const char *image;          /* stored image bytes (maybe compressed) or NULL */
    const char *data;           /* block data, data_len bytes, or NULL */
} DecodedBlock;

typedef struct XLogReaderState
{
    /* the current record */
    XLogRecPtr  ReadRecPtr;     /* start of the record */
    XLogRecPtr  EndRecPtr;      /* end (start of the next record, 8-aligned) */
    XLogRecordHeader header;
    DecodedBlock blocks[XLR_MAX_BLOCKS];
    const char *main_data;
    uint32      main_len;
    /* private */
    char       *buf;            /* whole record */
    Size        buf_size;
    int         seg_fd;
    uint64      seg_no;
    char        errormsg[256];  /* why the last read stopped, if it did */
} XLogReaderState;

#define XLogRecGetInfo(r) ((r)->header.info)
#define XLogRecGetRmid(r) ((r)->header.rmid)
#define XLogRecGetXid(r) ((r)->header.xid)
#define XLogRecGetData(r) ((r)->main_data)
#define XLogRecGetDataLen(r) ((r)->main_len)
#define XLogRecHasBlockRef(r, id) ((id) < XLR_MAX_BLOCKS && (r)->blocks[id].in_use)

/* xlogreader.c */
extern XLogReaderState *XLogReaderAllocate(void);   /* in CurrentMemoryContext */
extern void XLogReaderFree(XLogReaderState *reader);
/*
 * XLogReadRecord -- read and validate the record at lsn whose prev-link must
 * be expected_prev (InvalidXLogRecPtr: don't check).  Returns false at the
 * end of valid WAL (missing file, zero/garbage length, bad CRC, broken
 * prev-link) with the reason in reader->errormsg.
 */
extern bool XLogReadRecord(XLogReaderState *reader, XLogRecPtr lsn, XLogRecPtr expected_prev);
extern const char *XLogRecGetBlockData(XLogReaderState *record, int block_id, Size *len);
extern bool XLogRecGetBlockTag(XLogReaderState *record, int block_id, RelFileLocator *locator,
                               ForkNumber *fork, BlockNumber *blkno);
/* Decompress/restore a block image into page (BLCKSZ bytes); false if corrupt. */
extern bool RestoreBlockImage(XLogReaderState *record, int block_id, char *page);

/* xlogutils.c: for redo functions */
typedef enum XLogRedoAction
{
    BLK_NEEDS_REDO,             /* page locked exclusively; apply the change */
    BLK_DONE,                   /* page already newer than the record: nothing to do */
    BLK_RESTORED,               /* full-page image restored; nothing more to do */
    BLK_NOTFOUND                /* relation gone (dropped later): skip */
} XLogRedoAction;

/*
 * XLogReadBufferForRedo -- pin and exclusively lock the record's block
 * block_id, restoring its image if it carries one.  *buffer is valid (and
 * must be UnlockReleaseBuffer()ed) for NEEDS_REDO, DONE and RESTORED.
 * For BLK_WILL_INIT blocks the page comes back zeroed (NEEDS_REDO).
 */
extern XLogRedoAction XLogReadBufferForRedo(XLogReaderState *record, int block_id, Buffer *buffer);

#endif                          /* ACCESS_XLOGREADER_H */
