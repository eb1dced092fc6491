/*
 * xloginsert.c
 *     Assembling WAL records: registered main data, block references,
 *     full-page images (hole removed, lz4-compressed when wal_compression is
 *     on), then handing the record to xlog.c.
 * Entry points: XLogBeginInsert(), XLogRegisterData(), XLogRegisterBuffer(),
 * XLogRegisterBlock(), XLogRegisterBufData(), XLogInsert(),
 * XLogSaveBufferForHint().
 *
 * State is process-local and reset by every XLogInsert().  The assembly
 * buffer is allocated once (TopMemoryContext) so that inserting inside a
 * critical section does not allocate except for unusually large records.
 */
#include "rustydb.h"

#include <lz4.h>

#include "access/xlog.h"
#include "common/crc32c.h"
#include "storage/bufmgr.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "xlog_int.h"

#define MAX_DATA_CHUNKS 16

typedef struct DataChunk
{
    const char *data;
    uint32      len;
} DataChunk;

typedef struct RegisteredBlock
{
    bool        in_use;
    RelFileLocator locator;
    ForkNumber  fork;
    BlockNumber blkno;
    const char *page;
    uint8       flags;
    int         nchunks;
    DataChunk   chunks[MAX_DATA_CHUNKS];
} RegisteredBlock;

static bool begun = false;
static RegisteredBlock blocks[XLR_MAX_BLOCKS];
static int  n_main_chunks = 0;
static DataChunk main_chunks[MAX_DATA_CHUNKS];
static TransactionId record_xid = InvalidTransactionId;

static char *assembly = NULL;
static Size assembly_size = 0;
static char image_tmp[BLCKSZ];
static char compressed_tmp[LZ4_COMPRESSBOUND(BLCKSZ)];

void
XLogSetRecordXid(TransactionId xid)
{
    record_xid = xid;
}

void
XLogResetInsertion(void)
{
    begun = false;
    n_main_chunks = 0;
    for (int i = 0; i < XLR_MAX_BLOCKS; i++)
        blocks[i].in_use = false;
}

void
XLogBeginInsert(void)
{
    if (begun)
        elog(ERROR, "XLogBeginInsert was already called");
    begun = true;
    n_main_chunks = 0;
    for (int i = 0; i < XLR_MAX_BLOCKS; i++)
        blocks[i].in_use = false;
}

void
XLogRegisterData(const void *data, uint32 len)
{
    Assert(begun);
    if (n_main_chunks >= MAX_DATA_CHUNKS)
        elog(ERROR, "too much WAL data registered");
    main_chunks[n_main_chunks++] = (DataChunk) {data, len};
}

void
XLogRegisterBlock(int block_id, RelFileLocator locator, ForkNumber fork, BlockNumber blkno,
                  const char *page, uint8 flags)
{
    RegisteredBlock *b;

    Assert(begun && block_id >= 0 && block_id < XLR_MAX_BLOCKS);
    b = &blocks[block_id];
    b->in_use = true;
    b->locator = locator;
    b->fork = fork;
    b->blkno = blkno;
    b->page = page;
    b->flags = flags;
    b->nchunks = 0;
}

void
XLogRegisterBuffer(int block_id, Buffer buffer, uint8 flags)
{
    RelFileLocator locator;
    ForkNumber  fork;
    BlockNumber blkno;

    BufferGetTag(buffer, &locator, &fork, &blkno);
    XLogRegisterBlock(block_id, locator, fork, blkno, BufferGetPage(buffer), flags);
}

void
XLogRegisterBufData(int block_id, const void *data, uint32 len)
{
    RegisteredBlock *b = &blocks[block_id];

    Assert(begun && b->in_use);
    if (b->nchunks >= MAX_DATA_CHUNKS)
        elog(ERROR, "too much WAL data registered for block %d", block_id);
    b->chunks[b->nchunks++] = (DataChunk) {data, len};
}

static void
ensure_assembly(Size needed)
{
    if (needed <= assembly_size)
        return;
    if (assembly == NULL)
    {
        assembly_size = Max(needed, (Size) 256 * 1024);
        assembly = MemoryContextAlloc(TopMemoryContext, assembly_size);
    }
    else
    {
        assembly_size = Max(needed, assembly_size * 2);
        assembly = repalloc(assembly, assembly_size);
    }
}

/*
 * make_image -- the page without its free-space hole, compressed if that
 * helps; fills the ref's image fields and returns the bytes (static buffer).
 */
static const char *
make_image(const RegisteredBlock *b, XLogBlockRef *ref)
{
    const PageHeaderData *ph = (const PageHeaderData *) b->page;
    uint16      hole_off = 0;
    uint16      hole_len = 0;
    Size        raw_len;

    if (!(b->flags & REGBUF_NO_IMAGE) && ph->pd_lower >= SizeOfPageHeaderData &&
        ph->pd_lower < ph->pd_upper && ph->pd_upper <= BLCKSZ)
    {
        hole_off = ph->pd_lower;
        hole_len = (uint16) (ph->pd_upper - ph->pd_lower);
    }
    memcpy(image_tmp, b->page, hole_off ? hole_off : BLCKSZ);
    if (hole_off)
        memcpy(image_tmp + hole_off, b->page + hole_off + hole_len, BLCKSZ - hole_off - hole_len);
    raw_len = BLCKSZ - hole_len;
    ref->flags |= BKP_HAS_IMAGE;
    ref->hole_offset = hole_off;
    ref->hole_length = hole_len;
    ref->image_len = (uint16) raw_len;
    if (WalCompression != GUC_WAL_COMPRESSION_OFF)
    {
        int         clen = LZ4_compress_default(image_tmp, compressed_tmp, (int) raw_len,
                                                (int) sizeof(compressed_tmp));

        if (clen > 0 && (Size) clen < raw_len)
        {
            ref->flags |= BKP_IMAGE_LZ4;
            ref->image_len = (uint16) clen;
            return compressed_tmp;
        }
    }
    return image_tmp;
}

/*
 * assemble -- lay the record out in the assembly buffer; returns its
 * length.  hdr->crc receives the running CRC of everything after the
 * header.  Images are taken for blocks whose page LSN is not after
 * redo_seen (first change since that checkpoint); *any_without_image tells
 * whether a later redo pointer could require more images.
 */
static uint32
assemble(RmgrId rmid, uint8 info, XLogRecPtr redo_seen, bool *any_without_image)
{
    Size        total = SizeOfXLogRecordHeader;
    XLogRecordHeader *hdr;
    char       *p;
    uint32      crc;
    int         nblocks = 0;
    uint32      main_len = 0;

    *any_without_image = false;
    for (int i = 0; i < XLR_MAX_BLOCKS; i++)
    {
        if (!blocks[i].in_use)
            continue;
        total += sizeof(XLogBlockRef) + BLCKSZ + LZ4_COMPRESSBOUND(BLCKSZ);
        for (int c = 0; c < blocks[i].nchunks; c++)
            total += blocks[i].chunks[c].len;
    }
    for (int c = 0; c < n_main_chunks; c++)
        total += main_chunks[c].len;
    ensure_assembly(total);

    hdr = (XLogRecordHeader *) assembly;
    memset(hdr, 0, SizeOfXLogRecordHeader);
    p = assembly + SizeOfXLogRecordHeader;
    /* block refs first, then their payloads: fill refs, remember where they go */
    for (int i = 0; i < XLR_MAX_BLOCKS; i++)
        if (blocks[i].in_use)
            nblocks++;
    {
        char       *refs = p;
        char       *payload = p + sizeof(XLogBlockRef) * (Size) nblocks;
        int         k = 0;

        for (int i = 0; i < XLR_MAX_BLOCKS; i++)
        {
            RegisteredBlock *b = &blocks[i];
            XLogBlockRef ref;
            bool        want_image;

            if (!b->in_use)
                continue;
            memset(&ref, 0, sizeof(ref));
            ref.locator = b->locator;
            ref.fork = (int8) b->fork;
            ref.blkno = b->blkno;
            if (b->flags & REGBUF_WILL_INIT)
                ref.flags |= BKP_WILL_INIT;
            want_image = (b->flags & REGBUF_FORCE_IMAGE) ||
                (!(b->flags & (REGBUF_WILL_INIT | REGBUF_NO_IMAGE)) &&
                 PageGetLSN(b->page) <= redo_seen);
            if (!want_image && !(b->flags & (REGBUF_WILL_INIT | REGBUF_NO_IMAGE)))
                *any_without_image = true;
            if (want_image)
            {
                const char *img = make_image(b, &ref);

                memcpy(payload, img, ref.image_len);
                payload += ref.image_len;
                XLogCountImage();
            }
            for (int c = 0; c < b->nchunks; c++)
            {
                memcpy(payload, b->chunks[c].data, b->chunks[c].len);
                payload += b->chunks[c].len;
                ref.data_len += b->chunks[c].len;
            }
            ref.block_id = (uint8) i;
            memcpy(refs + sizeof(XLogBlockRef) * (Size) k, &ref, sizeof(ref));
            k++;
        }
        p = payload;
    }
    for (int c = 0; c < n_main_chunks; c++)
    {
        memcpy(p, main_chunks[c].data, main_chunks[c].len);
        p += main_chunks[c].len;
        main_len += main_chunks[c].len;
    }
    hdr->tot_len = (uint32) (p - assembly);
    hdr->xid = record_xid;
    hdr->rmid = rmid;
    hdr->info = info;
    hdr->nblocks = (uint8) nblocks;
    hdr->main_len = main_len;
    crc = Crc32cUpdate(CRC32C_INIT, assembly + SizeOfXLogRecordHeader,
                       hdr->tot_len - SizeOfXLogRecordHeader);
    hdr->crc = crc;
    return hdr->tot_len;
}

XLogRecPtr
XLogInsertWithStart(RmgrId rmid, uint8 info, XLogRecPtr *start_out)
{
    XLogRecPtr  end;

    if (!begun)
        elog(ERROR, "XLogBeginInsert was not called");
    for (;;)
    {
        XLogRecPtr  redo_seen = XLogGetRedoShadow();
        bool        any_without_image;
        uint32      len = assemble(rmid, info, redo_seen, &any_without_image);

        end = XLogInsertRecord(assembly, len, redo_seen, any_without_image, start_out);
        if (end != InvalidXLogRecPtr)
            break;
        /* a checkpoint started meanwhile: some block may now need an image */
    }
    begun = false;
    return end;
}

XLogRecPtr
XLogInsert(RmgrId rmid, uint8 info)
{
    return XLogInsertWithStart(rmid, info, NULL);
}

/*
 * XLogSaveBufferForHint -- before a hint-bit-only change makes a page
 * dirty: if this is the page's first change since the last checkpoint, log
 * its image, so a torn write of it can be repaired (pages carry checksums).
 * Returns the record's end, or InvalidXLogRecPtr if no image was needed.
 */
XLogRecPtr
XLogSaveBufferForHint(Buffer buffer)
{
    const char *page = BufferGetPage(buffer);
    XLogRecPtr  end;

    if (RecoveryInProgress() || PageGetLSN(page) > XLogGetRedoShadow())
        return InvalidXLogRecPtr;
    XLogBeginInsert();
    XLogRegisterBuffer(0, buffer, REGBUF_FORCE_IMAGE);
    end = XLogInsert(RM_XLOG_ID, XLOG_FPI);
    return end;
}
