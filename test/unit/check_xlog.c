/*
 * check_xlog.c
 *     Unit tests for the write-ahead log: records written with
 *     XLogInsert() and read back with XLogReadRecord() (CRC, prev-links,
 *     block references, full-page images with and without lz4), a torn or
 *     garbled tail ending the WAL cleanly (also across a simulated crash),
 *     records crossing segment files, and redo of heap changes after a
 *     crash (which also clears PD_ALL_VISIBLE on the pages they change).
 */
#include "rustydb.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_storage_support.h"

#include "access/transam.h"
#include "access/vacuum_xlog.h"
#include "access/visibilitymap.h"
#include "access/xlog.h"
#include "access/xlogreader.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/guc.h"

#define MAX_TEST_RECORDS 64

static XLogRecPtr starts[MAX_TEST_RECORDS];
static XLogRecPtr ends[MAX_TEST_RECORDS];

/* Deterministic pseudo-random bytes (xorshift). */
static void
fill_random(char *buf, Size len, uint64 seed)
{
    uint64      x = seed * 2654435761ULL + 1;

    for (Size i = 0; i < len; i++)
    {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (char) x;
    }
}

/* Insert a no-op record carrying len bytes of main data; returns its start. */
static XLogRecPtr
insert_noop(const char *data, uint32 len, XLogRecPtr *end_out)
{
    XLogRecPtr  start = GetXLogInsertRecPtr();  /* one process: the next record starts here */
    XLogRecPtr  end;

    XLogBeginInsert();
    if (len > 0)
        XLogRegisterData(data, len);
    end = XLogInsert(RM_XLOG_ID, XLOG_NOOP);
    ck_assert_uint_gt(end, start);
    ck_assert_uint_eq(end % MAXIMUM_ALIGNOF, 0);
    if (end_out)
        *end_out = end;
    return start;
}

static char *
segment_path(XLogRecPtr lsn)
{
    char        rel[64];

    snprintf(rel, sizeof(rel), "wal/%016llX", (unsigned long long) WalSegmentOf(lsn));
    return DataFilePath(rel);
}

/* Overwrite len bytes of the WAL stream at lsn (one segment) with data. */
static void
poke_wal(XLogRecPtr lsn, const void *data, Size len)
{
    char       *path = segment_path(lsn);
    int         fd = open(path, O_WRONLY);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, data, len, WalSegmentOffset(lsn)), (ssize_t) len);
    close(fd);
    pfree(path);
}

/* Simulated crash: shared memory vanishes without a shutdown checkpoint. */
static void
crash_and_restart(void)
{
    ReleaseAllBufferPins();
    ProcSlotRelease();
    SharedMemoryDestroy();
    StorageInitForTests(test_dir, test_nbuffers);
}

START_TEST(records_read_back_with_crc_and_prev_links)
{
    char        data[4096];
    char        got[4096];
    XLogReaderState *reader;
    int         n = 40;

    for (int i = 0; i < n; i++)
    {
        uint32      len = (uint32) ((i * 97) % 3000);

        fill_random(data, len, (uint64) i);
        starts[i] = insert_noop(data, len, &ends[i]);
        if (i > 0)
            ck_assert_uint_eq(starts[i], ends[i - 1]);
    }
    XLogFlush(ends[n - 1]);
    ck_assert_uint_ge(GetFlushRecPtr(), ends[n - 1]);

    reader = XLogReaderAllocate();
    for (int i = 0; i < n; i++)
    {
        uint32      len = (uint32) ((i * 97) % 3000);

        ck_assert_msg(XLogReadRecord(reader, starts[i], i > 0 ? starts[i - 1] : InvalidXLogRecPtr),
                      "record %d: %s", i, reader->errormsg);
        ck_assert_int_eq(XLogRecGetRmid(reader), RM_XLOG_ID);
        ck_assert_int_eq(XLogRecGetInfo(reader), XLOG_NOOP);
        ck_assert_uint_eq(reader->ReadRecPtr, starts[i]);
        ck_assert_uint_eq(reader->EndRecPtr, ends[i]);
        ck_assert_uint_eq(XLogRecGetDataLen(reader), len);
        fill_random(got, len, (uint64) i);
        ck_assert(len == 0 || memcmp(XLogRecGetData(reader), got, len) == 0);
        if (i > 0)
            ck_assert_uint_eq(reader->header.prev, starts[i - 1]);
    }
    /* A wrong expected prev-link is refused. */
    ck_assert(!XLogReadRecord(reader, starts[5], starts[3]));
    ck_assert_ptr_nonnull(strstr(reader->errormsg, "prev-link"));
    /* Past the last record: the end of WAL, cleanly. */
    ck_assert(!XLogReadRecord(reader, ends[n - 1], starts[n - 1]));
    ck_assert(reader->errormsg[0] != '\0');
    XLogReaderFree(reader);
}
END_TEST

/* A heap-like page: header, some items of random bytes, a free-space hole. */
static void
make_test_page(char *page, uint64 seed, bool compressible)
{
    char        item[200];

    PageInit(page, BLCKSZ, 0);
    /* Random items fill most of the page (incompressible); repeated ones leave a hole. */
    for (int i = 0; i < (compressible ? 20 : 38); i++)
    {
        if (compressible)
            memset(item, 'a' + i % 3, sizeof(item));
        else
            fill_random(item, sizeof(item), seed + (uint64) i);
        ck_assert_int_ne(PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, 0),
                         InvalidOffsetNumber);
    }
}

static void
check_image_round_trip(int compression, bool compressible, bool expect_lz4)
{
    static char page[BLCKSZ] __attribute__((aligned(8)));
    static char restored[BLCKSZ] __attribute__((aligned(8)));
    RelFileLocator loc = {.dbOid = 5, .relNumber = 7777, .shared = false};
    const char  delta[] = "block data after the image";
    XLogReaderState *reader;
    XLogRecPtr  start;
    XLogRecPtr  end;
    RelFileLocator got_loc;
    ForkNumber  got_fork;
    BlockNumber got_blkno;
    Size        got_len;
    const char *got_data;

    WalCompression = compression;
    make_test_page(page, 99, compressible);
    start = GetXLogInsertRecPtr();
    XLogBeginInsert();
    XLogRegisterBlock(0, loc, MAIN_FORKNUM, 42, page, REGBUF_FORCE_IMAGE);
    XLogRegisterBufData(0, delta, sizeof(delta));
    XLogRegisterData("main", 4);
    end = XLogInsert(RM_XLOG_ID, XLOG_FPI);
    XLogFlush(end);

    reader = XLogReaderAllocate();
    ck_assert_msg(XLogReadRecord(reader, start, InvalidXLogRecPtr), "%s", reader->errormsg);
    ck_assert(XLogRecHasBlockRef(reader, 0));
    ck_assert(!XLogRecHasBlockRef(reader, 1));
    ck_assert(reader->blocks[0].ref.flags & BKP_HAS_IMAGE);
    ck_assert_int_eq((reader->blocks[0].ref.flags & BKP_IMAGE_LZ4) != 0, expect_lz4);
    /* The free-space hole is left out of the image. */
    ck_assert_uint_gt(reader->blocks[0].ref.hole_length, 0);
    ck_assert(XLogRecGetBlockTag(reader, 0, &got_loc, &got_fork, &got_blkno));
    ck_assert_uint_eq(got_loc.relNumber, 7777);
    ck_assert_int_eq(got_fork, MAIN_FORKNUM);
    ck_assert_uint_eq(got_blkno, 42);
    got_data = XLogRecGetBlockData(reader, 0, &got_len);
    ck_assert_uint_eq(got_len, sizeof(delta));
    ck_assert_str_eq(got_data, delta);
    ck_assert_uint_eq(XLogRecGetDataLen(reader), 4);
    ck_assert(memcmp(XLogRecGetData(reader), "main", 4) == 0);

    memset(restored, 0x5a, BLCKSZ);
    ck_assert(RestoreBlockImage(reader, 0, restored));
    ck_assert(memcmp(restored, page, BLCKSZ) == 0);     /* PageInit zeroed the hole */
    XLogReaderFree(reader);
}

START_TEST(image_round_trip_uncompressed)
{
    check_image_round_trip(GUC_WAL_COMPRESSION_OFF, true, false);
}
END_TEST

START_TEST(image_round_trip_lz4)
{
    check_image_round_trip(GUC_WAL_COMPRESSION_LZ4, true, true);
}
END_TEST

START_TEST(image_incompressible_stored_raw_even_with_lz4)
{
    check_image_round_trip(GUC_WAL_COMPRESSION_LZ4, false, false);
}
END_TEST

START_TEST(garbled_last_record_ends_wal)
{
    char        data[512];
    XLogReaderState *reader;
    int         n = 10;
    char        flipped;

    for (int i = 0; i < n; i++)
    {
        fill_random(data, sizeof(data), (uint64) i + 100);
        starts[i] = insert_noop(data, sizeof(data), &ends[i]);
    }
    XLogFlush(ends[n - 1]);

    /* Flip one byte inside the last record's payload. */
    fill_random(data, sizeof(data), (uint64) (n - 1) + 100);
    flipped = (char) ~data[100];
    poke_wal(starts[n - 1] + SizeOfXLogRecordHeader + 100, &flipped, 1);

    reader = XLogReaderAllocate();
    for (int i = 0; i < n - 1; i++)
        ck_assert_msg(XLogReadRecord(reader, starts[i], i > 0 ? starts[i - 1] : InvalidXLogRecPtr),
                      "record %d: %s", i, reader->errormsg);
    ck_assert(!XLogReadRecord(reader, starts[n - 1], starts[n - 2]));
    ck_assert_ptr_nonnull(strstr(reader->errormsg, "checksum"));
    XLogReaderFree(reader);
}
END_TEST

START_TEST(torn_tail_ends_recovery_cleanly)
{
    char        data[700];
    char        zeros[400];
    XLogReaderState *reader;
    XLogRecPtr  new_end;
    int         n = 12;

    for (int i = 0; i < n; i++)
    {
        fill_random(data, sizeof(data), (uint64) i + 7);
        starts[i] = insert_noop(data, sizeof(data), &ends[i]);
    }
    XLogFlush(ends[n - 1]);

    /* Tear the last record: its second half never reached the disk. */
    memset(zeros, 0, sizeof(zeros));
    poke_wal(starts[n - 1] + 360, zeros, sizeof(zeros));

    /* Recovery replays up to record n-2 and continues the stream there. */
    crash_and_restart();
    ck_assert_uint_gt(GetXLogInsertRecPtr(), starts[n - 1]);
    {
        XLogRecPtr  s = insert_noop("after", 5, &new_end);

        XLogFlush(new_end);
        reader = XLogReaderAllocate();
        /*
         * The end-of-recovery checkpoint was written where the torn record
         * was; walk from the last good record through it to the new one.
         */
        ck_assert_msg(XLogReadRecord(reader, starts[n - 2], starts[n - 3]), "%s", reader->errormsg);
        ck_assert_uint_eq(reader->EndRecPtr, starts[n - 1]);
        ck_assert_msg(XLogReadRecord(reader, starts[n - 1], starts[n - 2]), "%s", reader->errormsg);
        ck_assert_int_eq(XLogRecGetRmid(reader), RM_XLOG_ID);
        ck_assert_int_eq(XLogRecGetInfo(reader), XLOG_CHECKPOINT_ONLINE);
        ck_assert_uint_eq(reader->EndRecPtr, s);
        ck_assert_msg(XLogReadRecord(reader, s, starts[n - 1]), "%s", reader->errormsg);
        ck_assert_uint_eq(XLogRecGetDataLen(reader), 5);
        ck_assert(!XLogReadRecord(reader, new_end, s));
        XLogReaderFree(reader);
    }
}
END_TEST

START_TEST(truncated_segment_ends_wal)
{
    char        data[300];
    XLogReaderState *reader;
    char       *path;
    int         n = 5;

    for (int i = 0; i < n; i++)
    {
        fill_random(data, sizeof(data), (uint64) i);
        starts[i] = insert_noop(data, sizeof(data), &ends[i]);
    }
    XLogFlush(ends[n - 1]);
    path = segment_path(starts[n - 1]);
    ck_assert_int_eq(truncate(path, WalSegmentOffset(starts[n - 1]) + 20), 0);
    pfree(path);
    reader = XLogReaderAllocate();
    ck_assert(XLogReadRecord(reader, starts[n - 2], InvalidXLogRecPtr));
    ck_assert(!XLogReadRecord(reader, starts[n - 1], starts[n - 2]));
    ck_assert_ptr_nonnull(strstr(reader->errormsg, "could not read"));
    XLogReaderFree(reader);

    /* Recovery copes too, and the segment is usable afterwards. */
    crash_and_restart();
    {
        XLogRecPtr  end;
        XLogRecPtr  s = insert_noop("x", 1, &end);

        XLogFlush(end);
        reader = XLogReaderAllocate();
        ck_assert_msg(XLogReadRecord(reader, s, InvalidXLogRecPtr), "%s", reader->errormsg);
        XLogReaderFree(reader);
    }
}
END_TEST

START_TEST(records_cross_segment_boundary)
{
    const uint32 big = 1024 * 1024 + 333;  /* not a divisor of the segment size */
    char       *data = palloc(big);
    XLogReaderState *reader;
    int         n = 0;
    int         crossing = -1;
    struct stat st;
    char       *path;

    EnableFsync = false;        /* 20 MB of WAL: keep the test fast */
    while (n < MAX_TEST_RECORDS && GetXLogInsertRecPtr() < WAL_FIRST_LSN + WAL_SEG_SIZE + 3 * big)
    {
        fill_random(data, big, (uint64) n + 1000);
        starts[n] = insert_noop(data, big, &ends[n]);
        if (WalSegmentOf(starts[n]) != WalSegmentOf(ends[n] - 1))
            crossing = n;
        n++;
    }
    XLogFlush(ends[n - 1]);
    ck_assert_int_ge(crossing, 0);
    path = segment_path(ends[n - 1]);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, WAL_SEG_SIZE);
    pfree(path);

    reader = XLogReaderAllocate();
    for (int i = 0; i < n; i++)
    {
        char       *expect = palloc(big);

        ck_assert_msg(XLogReadRecord(reader, starts[i], i > 0 ? starts[i - 1] : InvalidXLogRecPtr),
                      "record %d: %s", i, reader->errormsg);
        fill_random(expect, big, (uint64) i + 1000);
        ck_assert_uint_eq(XLogRecGetDataLen(reader), big);
        ck_assert(memcmp(XLogRecGetData(reader), expect, big) == 0);
        pfree(expect);
    }
    XLogReaderFree(reader);
    pfree(data);
}
END_TEST

/* ---- redo of heap changes ---- */

static int
count_rows(Relation rel, int *sum_ids)
{
    TableScanDesc scan;
    HeapTuple   tup;
    int         n = 0;

    StartTransactionCommand();
    scan = heap_beginscan(rel, GetTransactionSnapshot());
    *sum_ids = 0;
    while ((tup = heap_getnext(scan)) != NULL)
    {
        bool        isnull;
        Datum       d = heap_getattr(tup, 1, rel->rd_att, &isnull);

        *sum_ids += DatumGetInt32(d);
        n++;
    }
    heap_endscan(scan);
    CommitTransactionCommand();
    return n;
}

static HeapTuple
make_row(TupleDesc desc, int id, const char *name)
{
    Datum       values[2] = {Int32GetDatum(id), PointerGetDatum(make_text(name))};
    bool        nulls[2] = {false, false};

    return heap_form_tuple(desc, values, nulls);
}

START_TEST(heap_changes_survive_crash)
{
    TupleDesc   desc = make_int_text_desc();
    Relation    rel;
    int         sum;
    int         expected_sum = 0;
    pid_t       pid;
    int         status;

    rel = make_test_relation(16500, desc, "wal_t");
    /* Committed: 300 inserts over several pages, then an update and a delete. */
    StartTransactionCommand();
    for (int i = 1; i <= 300; i++)
    {
        heap_insert(rel, make_row(desc, i, "some text to fill the pages a little faster"),
                    GetCurrentCommandId(true));
        expected_sum += i;
    }
    CommitTransactionCommand();
    StartTransactionCommand();
    {
        ItemPointerData tid;

        ItemPointerSet(&tid, 0, 1);     /* id 1 -> 1001 */
        simple_heap_update(rel, &tid, make_row(desc, 1001, "updated"));
        ItemPointerSet(&tid, 0, 2);     /* id 2 deleted */
        simple_heap_delete(rel, &tid);
        expected_sum += 1000 - 2;
    }
    CommitTransactionCommand();
    ck_assert_int_eq(count_rows(rel, &sum), 299);
    ck_assert_int_eq(sum, expected_sum);

    /* A backend that inserts, flushes its WAL and dies before committing. */
    pid = fork();
    if (pid == 0)
    {
        MyProc = NULL;
        MyProcNumber = -1;
        if (!StorageAttachProcess(B_BACKEND))
            _exit(90);
        StartTransactionCommand();
        heap_insert(rel, make_row(desc, 100000, "never committed"), GetCurrentCommandId(true));
        XLogFlush(GetXLogInsertRecPtr());
        _exit(0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    /* No page was written (16 buffers, 5 pages): only WAL can bring them back. */
    crash_and_restart();
    rel = RelationBuildTransient(rel->rd_locator, desc, "wal_t");
    ck_assert_int_eq(count_rows(rel, &sum), 299);
    ck_assert_int_eq(sum, expected_sum);

    /* Replay is idempotent: crash again right away and recount. */
    crash_and_restart();
    rel = RelationBuildTransient(rel->rd_locator, desc, "wal_t");
    ck_assert_int_eq(count_rows(rel, &sum), 299);
    ck_assert_int_eq(sum, expected_sum);

    /* And after a clean shutdown nothing is replayed and nothing is lost. */
    StorageShutdownForTests();
    StorageInitForTests(test_dir, test_nbuffers);
    rel = RelationBuildTransient(rel->rd_locator, desc, "wal_t");
    ck_assert_int_eq(count_rows(rel, &sum), 299);
    ck_assert_int_eq(sum, expected_sum);
}
END_TEST

/*
 * What VACUUM does to block 0 as its first change after a checkpoint: one
 * XLOG_HEAP2_VISIBLE record sets PD_ALL_VISIBLE and the map bit and carries
 * the heap page's image (with the flag set) -- redo starts from that image.
 */
static void
vacuum_marks_block0_all_visible(Relation rel)
{
    Buffer      buf = ReadBuffer(rel, 0);
    Buffer      vmbuf = InvalidBuffer;
    XLogHeapClean xl;

    CreateCheckPoint(CHECKPOINT_REQUESTED);
    VisibilityMapPin(rel, 0, &vmbuf);
    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    memset(&xl, 0, sizeof(xl));
    xl.flags = HEAP_CLEAN_ALL_VISIBLE;
    (void) HeapPageClean(rel, buf, XLOG_HEAP2_VISIBLE, &xl, NULL, vmbuf);
    UnlockReleaseBuffer(buf);
    ReleaseBuffer(vmbuf);
}

static bool
block0_all_visible(Relation rel)
{
    Buffer      buf = ReadBuffer(rel, 0);
    bool        result;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    result = PageIsAllVisible(BufferGetPage(buf));
    UnlockReleaseBuffer(buf);
    return result;
}

/*
 * The writer clears PD_ALL_VISIBLE without WAL just before its insert,
 * update or delete record.  Redo restores VACUUM's image (flag set), then
 * replays the change (no image of its own: the page changed since the
 * checkpoint) and must clear the flag again, else the page keeps a stale
 * flag while its map bit is clear.  Fails without the clearing in
 * heapam_xlog.c.
 */
START_TEST(heap_redo_clears_all_visible)
{
    TupleDesc   desc = make_int_text_desc();
    Relation    rel = make_test_relation(16501, desc, "wal_vis");
    ItemPointerData tid;
    int         sum;

    StartTransactionCommand();
    for (int i = 1; i <= 10; i++)
        heap_insert(rel, make_row(desc, i, "row"), GetCurrentCommandId(true));
    CommitTransactionCommand();

    for (int op = 0; op < 3; op++)
    {
        vacuum_marks_block0_all_visible(rel);
        ck_assert(block0_all_visible(rel));
        ck_assert_uint_eq(VisibilityMapCountAllVisible(rel), 1);
        StartTransactionCommand();
        if (op == 0)
            heap_insert(rel, make_row(desc, 11, "inserted"), GetCurrentCommandId(true));
        else if (op == 1)
        {
            ItemPointerSet(&tid, 0, 3);     /* id 3 -> 103, on the same page */
            simple_heap_update(rel, &tid, make_row(desc, 103, "updated"));
        }
        else
        {
            ItemPointerSet(&tid, 0, 4);     /* id 4 deleted */
            simple_heap_delete(rel, &tid);
        }
        CommitTransactionCommand();
        ck_assert(!block0_all_visible(rel));
        ck_assert_uint_eq(VisibilityMapCountAllVisible(rel), 0);

        /* redo restores the all-visible image, then must clear the flag again */
        XLogFlush(GetXLogInsertRecPtr());
        crash_and_restart();
        rel = RelationBuildTransient(rel->rd_locator, desc, "wal_vis");
        ck_assert_msg(!block0_all_visible(rel), "PD_ALL_VISIBLE survived redo of operation %d", op);
        ck_assert_msg(VisibilityMapCountAllVisible(rel) == 0, "map bit set after redo of operation %d", op);
    }
    ck_assert_int_eq(count_rows(rel, &sum), 10);
    ck_assert_int_eq(sum, 55 + 11 + 100 - 4);
}
END_TEST

static bool
always_hurry(void)
{
    return true;
}

static double
elapsed_s(struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

START_TEST(spread_flush_follows_schedule_unless_hurried)
{
    TupleDesc   desc = make_int_text_desc();
    Relation    rel = make_test_relation(16600, desc, "spread_t");
    struct timespec t0;
    int         sum;

    StartTransactionCommand();
    for (int i = 1; i <= 300; i++)
        heap_insert(rel, make_row(desc, i, "padding padding padding padding padding"),
                    GetCurrentCommandId(true));
    CommitTransactionCommand();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FlushAllBuffersPaced(0.4, NULL);
    ck_assert(elapsed_s(&t0) >= 0.3);

    StartTransactionCommand();
    for (int i = 301; i <= 600; i++)
        heap_insert(rel, make_row(desc, i, "more padding"), GetCurrentCommandId(true));
    CommitTransactionCommand();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FlushAllBuffersPaced(30, always_hurry);
    ck_assert(elapsed_s(&t0) < 5);
    ck_assert_int_eq(count_rows(rel, &sum), 600);
}
END_TEST

int
main(void)
{
    Suite      *s = suite_create("xlog");
    TCase      *tc = tcase_create("wal");
    SRunner    *sr;
    int         failed;

    tcase_add_checked_fixture(tc, storage_setup, storage_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, records_read_back_with_crc_and_prev_links);
    tcase_add_test(tc, image_round_trip_uncompressed);
    tcase_add_test(tc, image_round_trip_lz4);
    tcase_add_test(tc, image_incompressible_stored_raw_even_with_lz4);
    tcase_add_test(tc, garbled_last_record_ends_wal);
    tcase_add_test(tc, torn_tail_ends_recovery_cleanly);
    tcase_add_test(tc, truncated_segment_ends_wal);
    tcase_add_test(tc, records_cross_segment_boundary);
    tcase_add_test(tc, heap_changes_survive_crash);
    tcase_add_test(tc, heap_redo_clears_all_visible);
    tcase_add_test(tc, spread_flush_follows_schedule_unless_hurried);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
