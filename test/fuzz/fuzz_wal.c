/*
 * fuzz_wal.c
 *     libFuzzer target for WAL decoding: the input becomes the start of WAL
 *     segment 1 (data/wal/0000000000000001 in a scratch instance directory)
 *     and XLogReadRecord reads records from WAL_FIRST_LSN on, following the
 *     prev-links, as crash recovery does.  Every decoded block reference is
 *     looked at (XLogRecGetBlockTag / XLogRecGetBlockData) and its image
 *     restored with RestoreBlockImage into a scratch page; the resource
 *     manager's desc routine describes the record.  Garbage must end the
 *     WAL ("end of valid WAL" with errormsg set), never crash.
 *
 * Input layout: byte 0 is a mode byte, the rest is the segment's contents.
 * Mode bit 0 set: before writing, walk the records that the bytes describe
 * and store correct prev-links and CRC32Cs in them, so that mutations reach
 * the decoding behind the CRC check (random bytes never pass it).  Mode bit 0
 * clear: the bytes are written as they are (the CRC/prev-link checks
 * themselves).
 *
 * Block data and main data are checked to lie inside the record, and the
 * main data is handed to the desc routine as an exact-size copy so that
 * reading past it is a sanitizer report rather than a silent overread of
 * the reader's buffer.
 *
 * ERROR is fine; crashes, sanitizer reports and failed Asserts are bugs.
 * Build: make fuzz.  Run: build-fuzz/fuzz_wal test/fuzz/corpus/wal
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/rmgr.h"
#include "access/xlogreader.h"
#include "access/xlogrecord.h"
#include "common/crc32c.h"
#include "fuzz_common.h"
#include "lib/stringinfo.h"
#include "storage/bufpage.h"
#include "storage/fd.h"

#define FUZZ_MODE_FIX_CRC 0x01
/* Records followed per input, to bound the run on pathological inputs. */
#define FUZZ_MAX_RECORDS 1000

static char instance_dir[64];
static char segment_path[128];

static void
remove_instance(void)
{
    char        path[160];

    unlink(segment_path);
    snprintf(path, sizeof(path), "%s/data/wal", instance_dir);
    rmdir(path);
    snprintf(path, sizeof(path), "%s/data", instance_dir);
    rmdir(path);
    rmdir(instance_dir);
}

/* make_instance -- scratch DataDir with data/wal/, removed at exit. */
static void
make_instance(void)
{
    char        path[160];

    snprintf(instance_dir, sizeof(instance_dir), "/tmp/rdb-fuzz-wal-XXXXXX");
    if (mkdtemp(instance_dir) == NULL)
    {
        perror("mkdtemp");
        abort();
    }
    snprintf(path, sizeof(path), "%s/data", instance_dir);
    if (mkdir(path, 0700) != 0)
    {
        perror("mkdir");
        abort();
    }
    snprintf(path, sizeof(path), "%s/data/wal", instance_dir);
    if (mkdir(path, 0700) != 0)
    {
        perror("mkdir");
        abort();
    }
    DataDir = MemoryContextStrdup(TopMemoryContext, instance_dir);
    snprintf(segment_path, sizeof(segment_path), "%s/data/wal/%016llX", instance_dir,
             (unsigned long long) WalSegmentOf(WAL_FIRST_LSN));
    atexit(remove_instance);
}

/*
 * fix_records -- walk the records laid out in seg[0..len) and give each the
 * prev-link and CRC32C the reader expects (record layout: xlogrecord.h).
 */
static void
fix_records(char *seg, size_t len)
{
    size_t      off = 0;
    XLogRecPtr  prev = InvalidXLogRecPtr;

    while (off + SizeOfXLogRecordHeader <= len)
    {
        XLogRecordHeader hdr;
        uint32      crc;

        memcpy(&hdr, seg + off, sizeof(hdr));
        if (hdr.tot_len < SizeOfXLogRecordHeader || hdr.tot_len > len - off)
            break;
        if (prev != InvalidXLogRecPtr)
            hdr.prev = prev;
        hdr.crc = 0;
        memcpy(seg + off, &hdr, sizeof(hdr));
        crc = Crc32cUpdate(CRC32C_INIT, seg + off + SizeOfXLogRecordHeader,
                           hdr.tot_len - SizeOfXLogRecordHeader);
        crc = CRC32C_FINISH(Crc32cUpdate(crc, seg + off, SizeOfXLogRecordHeader));
        hdr.crc = crc;
        memcpy(seg + off, &hdr, sizeof(hdr));
        prev = WAL_FIRST_LSN + off;
        off += MAXALIGN(hdr.tot_len);
    }
}

static void
write_segment(const char *seg, size_t len)
{
    int         fd = open(segment_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd < 0)
    {
        perror("open");
        abort();
    }
    for (size_t done = 0; done < len;)
    {
        ssize_t     n = write(fd, seg + done, len - done);

        if (n <= 0)
        {
            perror("write");
            abort();
        }
        done += (size_t) n;
    }
    close(fd);
}

/* Is [p, p + len) inside the record the reader holds? */
static bool
inside_record(XLogReaderState *reader, const char *p, Size len)
{
    const char *start = reader->buf;
    const char *end = reader->buf + reader->header.tot_len;

    return p >= start && p <= end && len <= (Size) (end - p);
}

/* examine_record -- everything recovery and tools do with a decoded record. */
static void
examine_record(XLogReaderState *reader, char *scratch_page)
{
    const RmgrData *rmgr;

    Assert(reader->EndRecPtr > reader->ReadRecPtr);
    Assert(reader->header.rmid < RM_MAX_ID);
    Assert(reader->main_len == 0 || inside_record(reader, reader->main_data, reader->main_len));

    for (int id = 0; id < XLR_MAX_BLOCKS; id++)
    {
        RelFileLocator locator;
        ForkNumber  fork;
        BlockNumber blkno;
        const char *data;
        Size        len;

        if (!XLogRecHasBlockRef(reader, id))
            continue;
        if (!XLogRecGetBlockTag(reader, id, &locator, &fork, &blkno))
            abort();            /* in_use but no tag: decoder inconsistency */
        data = XLogRecGetBlockData(reader, id, &len);
        if (data != NULL)
            Assert(inside_record(reader, data, len));
        if (reader->blocks[id].image != NULL)
            Assert(inside_record(reader, reader->blocks[id].image, reader->blocks[id].ref.image_len));
        memset(scratch_page, 0x7F, BLCKSZ);
        if (RestoreBlockImage(reader, id, scratch_page))
            (void) PageIsVerified(scratch_page, blkno);
    }

    rmgr = &RmgrTable[reader->header.rmid];
    if (rmgr->desc != NULL)
    {
        StringInfoData buf;
        char       *main_copy = NULL;
        const char *saved = reader->main_data;

        if (reader->main_len > 0)
        {
            main_copy = palloc(reader->main_len);
            memcpy(main_copy, reader->main_data, reader->main_len);
            reader->main_data = main_copy;
        }
        initStringInfo(&buf);
        RDB_TRY();
        {
            rmgr->desc(&buf, reader);
        }
        RDB_CATCH();
        {
            FlushErrorState();
        }
        RDB_END_TRY();
        reader->main_data = saved;
        pfree(buf.data);
        if (main_copy)
            pfree(main_copy);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemoryContext context = fuzz_setup("fuzz_wal");
    MemoryContext old = MemoryContextSwitchTo(context);
    char       *seg;
    size_t      seg_len;
    char       *scratch_page;
    XLogReaderState *reader;
    XLogRecPtr  lsn = WAL_FIRST_LSN;
    XLogRecPtr  prev = InvalidXLogRecPtr;

    if (DataDir == NULL)
        make_instance();
    if (size == 0)
        goto done;

    seg_len = size - 1;
    seg = palloc(seg_len + 1);
    memcpy(seg, data + 1, seg_len);
    if (data[0] & FUZZ_MODE_FIX_CRC)
        fix_records(seg, seg_len);
    write_segment(seg, seg_len);

    scratch_page = palloc(BLCKSZ);
    reader = XLogReaderAllocate();
    RDB_TRY();
    {
        for (int n = 0; n < FUZZ_MAX_RECORDS; n++)
        {
            if (!XLogReadRecord(reader, lsn, prev))
            {
                Assert(reader->errormsg[0] != '\0');
                break;
            }
            Assert(reader->ReadRecPtr == lsn);
            examine_record(reader, scratch_page);
            prev = lsn;
            lsn = reader->EndRecPtr;
        }
    }
    RDB_CATCH();
    {
        FlushErrorState();
    }
    RDB_END_TRY();
    XLogReaderFree(reader);

done:
    MemoryContextSwitchTo(old);
    MemoryContextReset(context);
    return 0;
}
