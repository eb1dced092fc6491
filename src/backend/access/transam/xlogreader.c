/*
 * xlogreader.c
 *     Reading WAL records from the segment files and decoding them into
 *     block references, images and data; restoring full-page images.
 * Entry points: XLogReaderAllocate(), XLogReadRecord(), RestoreBlockImage().
 *
 * The end of valid WAL is wherever a record fails validation: its segment
 * file is missing, its length is zero or impossible, its prev-link does not
 * point at the record before it, or its CRC does not match.  Stale bytes
 * left in a reused segment therefore never pass for records.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <lz4.h>
#include <unistd.h>

#include "access/xlogreader.h"
#include "common/crc32c.h"
#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "xlog_int.h"

#define MAX_RECORD_LEN (64 * 1024 * 1024)

XLogReaderState *
XLogReaderAllocate(void)
{
    XLogReaderState *reader = palloc0(sizeof(XLogReaderState));

    reader->seg_fd = -1;
    reader->buf_size = 64 * 1024;
    reader->buf = palloc(reader->buf_size);
    return reader;
}

void
XLogReaderFree(XLogReaderState *reader)
{
    if (reader->seg_fd >= 0)
        close(reader->seg_fd);
    pfree(reader->buf);
    pfree(reader);
}

/*
 * read_bytes -- len bytes of the WAL stream at lsn, across segment files.
 * False (with errormsg) if a file is missing or short.
 */
static bool
read_bytes(XLogReaderState *reader, XLogRecPtr lsn, char *out, Size len)
{
    while (len > 0)
    {
        uint64      segno = WalSegmentOf(lsn);
        uint32      off = WalSegmentOffset(lsn);
        Size        n = Min(len, (Size) (WAL_SEG_SIZE - off));
        ssize_t     got;

        if (reader->seg_fd < 0 || reader->seg_no != segno)
        {
            char       *path = WalSegmentPath(segno);

            if (reader->seg_fd >= 0)
                close(reader->seg_fd);
            reader->seg_fd = open(path, O_RDONLY);
            reader->seg_no = segno;
            if (reader->seg_fd < 0)
            {
                snprintf(reader->errormsg, sizeof(reader->errormsg),
                         "could not open WAL segment \"%s\": %s", path, strerror(errno));
                pfree(path);
                return false;
            }
            pfree(path);
        }
        got = pread(reader->seg_fd, out, n, off);
        if (got != (ssize_t) n)
        {
            snprintf(reader->errormsg, sizeof(reader->errormsg),
                     "could not read %zu bytes of WAL at %X/%X", n,
                     (unsigned) (lsn >> 32), (unsigned) lsn);
            return false;
        }
        out += n;
        lsn += n;
        len -= n;
    }
    return true;
}

static bool
fail(XLogReaderState *reader, XLogRecPtr lsn, const char *why)
{
    snprintf(reader->errormsg, sizeof(reader->errormsg), "%s at %X/%X", why,
             (unsigned) (lsn >> 32), (unsigned) lsn);
    return false;
}

bool
XLogReadRecord(XLogReaderState *reader, XLogRecPtr lsn, XLogRecPtr expected_prev)
{
    XLogRecordHeader hdr;
    uint32      crc;
    uint32      stored_crc;
    const char *p;
    const char *end;
    const char *payload;

    reader->errormsg[0] = '\0';
    if (lsn < WAL_FIRST_LSN || lsn % MAXIMUM_ALIGNOF != 0)
        return fail(reader, lsn, "invalid record position");
    if (!read_bytes(reader, lsn, (char *) &hdr, SizeOfXLogRecordHeader))
        return false;
    if (hdr.tot_len == 0)
        return fail(reader, lsn, "zero record length");
    if (hdr.tot_len < SizeOfXLogRecordHeader || hdr.tot_len > MAX_RECORD_LEN ||
        hdr.nblocks > XLR_MAX_BLOCKS || hdr.rmid >= RM_MAX_ID ||
        hdr.main_len > hdr.tot_len - SizeOfXLogRecordHeader)
        return fail(reader, lsn, "invalid record header");
    if (expected_prev != InvalidXLogRecPtr && hdr.prev != expected_prev)
        return fail(reader, lsn, "record with incorrect prev-link");
    if (hdr.tot_len > reader->buf_size)
    {
        pfree(reader->buf);
        reader->buf_size = hdr.tot_len;
        reader->buf = palloc(reader->buf_size);
    }
    if (!read_bytes(reader, lsn, reader->buf, hdr.tot_len))
        return false;
    stored_crc = hdr.crc;
    crc = Crc32cUpdate(CRC32C_INIT, reader->buf + SizeOfXLogRecordHeader,
                       hdr.tot_len - SizeOfXLogRecordHeader);
    ((XLogRecordHeader *) reader->buf)->crc = 0;
    crc = CRC32C_FINISH(Crc32cUpdate(crc, reader->buf, SizeOfXLogRecordHeader));
    if (crc != stored_crc)
        return fail(reader, lsn, "incorrect record checksum");

    /* decode */
    reader->header = hdr;
    reader->ReadRecPtr = lsn;
    reader->EndRecPtr = lsn + MAXALIGN(hdr.tot_len);
    memset(reader->blocks, 0, sizeof(reader->blocks));
    p = reader->buf + SizeOfXLogRecordHeader;
    end = reader->buf + hdr.tot_len;
    payload = p + sizeof(XLogBlockRef) * (Size) hdr.nblocks;
    if (payload > end)
        return fail(reader, lsn, "truncated block references");
    for (int i = 0; i < hdr.nblocks; i++)
    {
        XLogBlockRef ref;
        DecodedBlock *b;

        memcpy(&ref, p + sizeof(XLogBlockRef) * (Size) i, sizeof(ref));
        if (ref.block_id >= XLR_MAX_BLOCKS || reader->blocks[ref.block_id].in_use)
            return fail(reader, lsn, "invalid block id");
        b = &reader->blocks[ref.block_id];
        b->in_use = true;
        b->ref = ref;
        if (ref.flags & BKP_HAS_IMAGE)
        {
            if (payload + ref.image_len > end)
                return fail(reader, lsn, "truncated block image");
            b->image = payload;
            payload += ref.image_len;
        }
        if (ref.data_len > 0)
        {
            if (payload + ref.data_len > end)
                return fail(reader, lsn, "truncated block data");
            b->data = payload;
            payload += ref.data_len;
        }
    }
    if (payload + hdr.main_len != end)
        return fail(reader, lsn, "record length does not match its contents");
    reader->main_data = payload;
    reader->main_len = hdr.main_len;
    return true;
}

const char *
XLogRecGetBlockData(XLogReaderState *record, int block_id, Size *len)
{
    DecodedBlock *b = &record->blocks[block_id];

    if (!b->in_use || b->data == NULL)
    {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = b->ref.data_len;
    return b->data;
}

bool
XLogRecGetBlockTag(XLogReaderState *record, int block_id, RelFileLocator *locator,
                   ForkNumber *fork, BlockNumber *blkno)
{
    DecodedBlock *b = &record->blocks[block_id];

    if (!b->in_use)
        return false;
    if (locator)
        *locator = b->ref.locator;
    if (fork)
        *fork = (ForkNumber) b->ref.fork;
    if (blkno)
        *blkno = b->ref.blkno;
    return true;
}

/* RestoreBlockImage -- rebuild the full page (hole zero-filled). */
bool
RestoreBlockImage(XLogReaderState *record, int block_id, char *page)
{
    DecodedBlock *b = &record->blocks[block_id];
    char        raw[BLCKSZ];
    const char *src;
    Size        raw_len = BLCKSZ - b->ref.hole_length;

    if (!b->in_use || b->image == NULL || b->ref.hole_offset + b->ref.hole_length > BLCKSZ)
        return false;
    if (b->ref.flags & BKP_IMAGE_LZ4)
    {
        int         got = LZ4_decompress_safe(b->image, raw, b->ref.image_len, (int) raw_len);

        if (got != (int) raw_len)
            return false;
        src = raw;
    }
    else
    {
        if (b->ref.image_len != raw_len)
            return false;
        src = b->image;
    }
    if (b->ref.hole_length == 0)
        memcpy(page, src, BLCKSZ);
    else
    {
        memcpy(page, src, b->ref.hole_offset);
        memset(page + b->ref.hole_offset, 0, b->ref.hole_length);
        memcpy(page + b->ref.hole_offset + b->ref.hole_length, src + b->ref.hole_offset,
               BLCKSZ - b->ref.hole_offset - b->ref.hole_length);
    }
    return true;
}
