/*
 * check_nbtree.c
 *     Unit tests for the B-tree access method: random-order inserts with
 *     splits at every level, searches and scans in both directions,
 *     duplicates, DESC / NULLS FIRST ordering, bottom-up builds, bulk
 *     deletion, uniqueness against real heap tuples, the verifier catching
 *     a corrupted page, and WAL replay rebuilding an index from its records.
 * Indexes are transient relations in a scratch instance (no catalog).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "rustydb.h"

#include <stdlib.h>

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/xlog.h"
#include "access/xlogreader.h"
#include "check_storage_support.h"
#include "storage/bufmgr.h"
#include "storage/smgr.h"

static Relation heap_rel;
static TupleDesc heap_desc;

static void
nbtree_setup(void)
{
    test_nbuffers = 256;
    storage_setup();
    heap_desc = make_int_text_desc();
    heap_rel = make_test_relation(40001, heap_desc, "nbt_heap");
}

/* A fresh index relation with the given columns (int4 unless text_second). */
static Relation
make_index(Oid relnumber, int natts, bool text_second, const char *name)
{
    TupleDesc   desc = CreateTemplateTupleDesc(natts);

    set_att(desc, 1, "k", INT4OID, 4, true, 'i');
    if (natts > 1)
    {
        if (text_second)
            set_att(desc, 2, "t", TEXTOID, -1, false, 'i');
        else
            set_att(desc, 2, "k2", INT4OID, 4, true, 'i');
    }
    return make_test_relation(relnumber, desc, name);
}

static ItemPointerData
tid_of(int i)
{
    ItemPointerData tid;

    ItemPointerSet(&tid, (BlockNumber) (i / 100), (OffsetNumber) (i % 100 + 1));
    return tid;
}

static void
insert_int(Relation idx, int32 key, bool null, ItemPointerData tid)
{
    Datum       v = Int32GetDatum(key);
    bool        n = null;

    BTreeInsert(idx, &v, &n, &tid, NULL, UNIQUE_CHECK_NO);
}

/* Count entries returned for one scan key (strategy, value) in direction; check order. */
static bool scan_desc_column = false;

static int
scan_count(Relation idx, int strategy, int32 value, ScanDirection dir, int nkeys)
{
    IndexScanDesc scan = index_beginscan(NULL, idx, NULL, 1);
    ScanKeyData key;
    int         n = 0;
    bool        have_prev = false;
    int32       prev = 0;

    ScanKeyInit(&key, 1, strategy, Int32GetDatum(value));
    index_rescan(scan, &key, nkeys);
    while (index_getnext_tid(scan, dir) != NULL)
    {
        Datum       v[2];
        bool        isnull[2];

        index_deform_entry(scan, v, isnull);
        if (!isnull[0])
        {
            if (have_prev)
                ck_assert((dir == ForwardScanDirection) != scan_desc_column ?
                          prev <= DatumGetInt32(v[0]) : prev >= DatumGetInt32(v[0]));
            prev = DatumGetInt32(v[0]);
            have_prev = true;
        }
        n++;
    }
    index_endscan(scan);
    return n;
}

static int *
shuffled(int n, unsigned seed)
{
    int        *a = palloc(sizeof(int) * n);

    srand(seed);
    for (int i = 0; i < n; i++)
        a[i] = i;
    for (int i = n - 1; i > 0; i--)
    {
        int         j = rand() % (i + 1);
        int         t = a[i];

        a[i] = a[j];
        a[j] = t;
    }
    return a;
}

START_TEST(random_inserts_then_search_each)
{
    const int   n = 100000;
    Relation    idx = make_index(40010, 1, false, "nbt_rand");
    int16       opt = 0;
    int        *order = shuffled(n, 42);
    BTMetaPageData meta;

    BTreeInitMetapage(idx, 1, 1, &opt);
    for (int i = 0; i < n; i++)
        insert_int(idx, order[i], false, tid_of(order[i]));
    BTreeReadMeta(idx, &meta);
    ck_assert_uint_ge(meta.btm_level, 2);   /* splits happened at leaf and internal levels */
    BTreeVerify(idx, NULL, NULL, false);

    for (int i = 0; i < n; i += 7)
    {
        IndexScanDesc scan = index_beginscan(NULL, idx, NULL, 1);
        ScanKeyData key;
        ItemPointer tid;
        ItemPointerData want = tid_of(i);

        ScanKeyInit(&key, 1, BTEqualStrategyNumber, Int32GetDatum(i));
        index_rescan(scan, &key, 1);
        tid = index_getnext_tid(scan, ForwardScanDirection);
        ck_assert_ptr_nonnull(tid);
        ck_assert(ItemPointerEquals(tid, &want));
        ck_assert_ptr_null(index_getnext_tid(scan, ForwardScanDirection));
        index_endscan(scan);
    }
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 0, ForwardScanDirection, 0), n);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 0, BackwardScanDirection, 0), n);
    ck_assert_int_eq(scan_count(idx, BTLessStrategyNumber, 1000, ForwardScanDirection, 1), 1000);
    ck_assert_int_eq(scan_count(idx, BTLessEqualStrategyNumber, 1000, BackwardScanDirection, 1), 1001);
    ck_assert_int_eq(scan_count(idx, BTGreaterStrategyNumber, n - 500, ForwardScanDirection, 1), 499);
    ck_assert_int_eq(scan_count(idx, BTGreaterEqualStrategyNumber, n - 500, BackwardScanDirection, 1), 500);
}
END_TEST

START_TEST(duplicates_are_ordered_by_tid)
{
    Relation    idx = make_index(40011, 1, false, "nbt_dup");
    int        *order = shuffled(6000, 7);
    IndexScanDesc scan;
    ScanKeyData key;
    ItemPointer tid;
    ItemPointerData prev;
    int         n = 0;

    BTreeInitMetapage(idx, 1, 1, NULL);
    for (int i = 0; i < 6000; i++)
        insert_int(idx, order[i] % 10, false, tid_of(order[i]));
    BTreeVerify(idx, NULL, NULL, false);
    scan = index_beginscan(NULL, idx, NULL, 1);
    ScanKeyInit(&key, 1, BTEqualStrategyNumber, Int32GetDatum(3));
    index_rescan(scan, &key, 1);
    while ((tid = index_getnext_tid(scan, ForwardScanDirection)) != NULL)
    {
        if (n > 0)
            ck_assert(ItemPointerGetBlockNumber(&prev) < ItemPointerGetBlockNumber(tid) ||
                      (ItemPointerGetBlockNumber(&prev) == ItemPointerGetBlockNumber(tid) &&
                       prev.ip_posid < tid->ip_posid));
        prev = *tid;
        n++;
    }
    index_endscan(scan);
    ck_assert_int_eq(n, 600);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 3, BackwardScanDirection, 1), 600);
}
END_TEST

START_TEST(desc_and_nulls_first_ordering)
{
    Relation    idx = make_index(40012, 2, false, "nbt_desc");
    int16       opts[2] = {INDOPTION_DESC | INDOPTION_NULLS_FIRST, 0};
    IndexScanDesc scan;
    int         n = 0;
    int         nulls_seen = 0;
    int32       prev = INT32_MAX;

    BTreeInitMetapage(idx, 2, 2, opts);
    for (int i = 0; i < 3000; i++)
    {
        Datum       v[2] = {Int32GetDatum(i % 300), Int32GetDatum(i)};
        bool        nulls[2] = {i % 50 == 0, false};
        ItemPointerData tid = tid_of(i);

        BTreeInsert(idx, v, nulls, &tid, NULL, UNIQUE_CHECK_NO);
    }
    BTreeVerify(idx, NULL, NULL, false);
    scan = index_beginscan(NULL, idx, NULL, 0);
    index_rescan(scan, NULL, 0);
    while (index_getnext_tid(scan, ForwardScanDirection) != NULL)
    {
        Datum       v[2];
        bool        isnull[2];

        index_deform_entry(scan, v, isnull);
        if (isnull[0])
        {
            ck_assert_int_eq(n, nulls_seen);    /* all NULLs come first */
            nulls_seen++;
        }
        else
        {
            ck_assert_int_le(DatumGetInt32(v[0]), prev);    /* descending */
            prev = DatumGetInt32(v[0]);
        }
        n++;
    }
    index_endscan(scan);
    ck_assert_int_eq(n, 3000);
    ck_assert_int_eq(nulls_seen, 60);
    /* "k < 10" on a DESC column: the end of the index */
    scan_desc_column = true;
    ck_assert_int_eq(scan_count(idx, BTLessStrategyNumber, 10, ForwardScanDirection, 1), 9 * 10);
    ck_assert_int_eq(scan_count(idx, BTGreaterEqualStrategyNumber, 290, BackwardScanDirection, 1), 100);
    scan_desc_column = false;
}
END_TEST

START_TEST(bottom_up_build_matches_inserts)
{
    const int   n = 50000;
    Relation    idx = make_index(40013, 2, true, "nbt_build");
    BTBuildEntry *entries = palloc(sizeof(BTBuildEntry) * n);
    int        *order = shuffled(n, 99);
    BTMetaPageData meta;

    for (int i = 0; i < n; i++)
    {
        char        buf[32];

        entries[i].values = palloc(sizeof(Datum) * 2);
        entries[i].isnull = palloc0(sizeof(bool) * 2);
        entries[i].values[0] = Int32GetDatum(order[i]);
        snprintf(buf, sizeof(buf), "value %d", order[i]);
        entries[i].values[1] = PointerGetDatum(make_text(buf));
        entries[i].tid = tid_of(order[i]);
    }
    BTreeBuildFromEntries(idx, entries, n, 2, 1, NULL, true, "nbt_heap");
    BTreeReadMeta(idx, &meta);
    ck_assert_uint_ge(meta.btm_level, 1);
    BTreeVerify(idx, NULL, NULL, false);
    ck_assert_int_eq(scan_count(idx, BTGreaterEqualStrategyNumber, 0, ForwardScanDirection, 1), n);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 12345, BackwardScanDirection, 1), 1);
    /* inserts after a build keep working */
    for (int i = 0; i < 2000; i++)
    {
        Datum       v[2] = {Int32GetDatum(n + i), PointerGetDatum(make_text("later"))};
        bool        nulls[2] = {false, false};
        ItemPointerData tid = tid_of(n + i);

        BTreeInsert(idx, v, nulls, &tid, NULL, UNIQUE_CHECK_NO);
    }
    BTreeVerify(idx, NULL, NULL, false);
    ck_assert_int_eq(scan_count(idx, BTGreaterEqualStrategyNumber, 0, ForwardScanDirection, 1), n + 2000);
}
END_TEST

START_TEST(build_rejects_duplicates_for_unique)
{
    Relation    idx = make_index(40014, 1, false, "nbt_uniqbuild");
    BTBuildEntry entries[3];
    Datum       vals[3] = {Int32GetDatum(1), Int32GetDatum(2), Int32GetDatum(1)};
    bool        nulls[3] = {false, false, false};

    for (int i = 0; i < 3; i++)
    {
        entries[i].values = &vals[i];
        entries[i].isnull = &nulls[i];
        entries[i].tid = tid_of(i);
    }
    StartTransactionCommand();
    EXPECT_ERROR(BTreeBuildFromEntries(idx, entries, 3, 1, 1, NULL, true, "t"),
                 ERRCODE_UNIQUE_VIOLATION);
    ck_assert_str_eq(caught_message, "could not create unique index \"nbt_uniqbuild\"");
}
END_TEST

static bool
even_tid_is_dead(ItemPointer tid, void *arg)
{
    int         i = (int) (ItemPointerGetBlockNumber(tid) * 100 + ItemPointerGetOffsetNumber(tid) - 1);

    (*(int *) arg)++;
    return i % 2 == 0;
}

START_TEST(bulkdelete_removes_dead_tids)
{
    Relation    idx = make_index(40015, 1, false, "nbt_vac");
    int        *order = shuffled(20000, 5);
    int         calls = 0;
    int64       remaining;
    int64       removed;

    BTreeInitMetapage(idx, 1, 1, NULL);
    for (int i = 0; i < 20000; i++)
        insert_int(idx, order[i], false, tid_of(order[i]));
    removed = BTreeBulkDelete(idx, even_tid_is_dead, &calls, &remaining);
    ck_assert_int_eq(calls, 20000);
    ck_assert_int_eq(removed, 10000);
    ck_assert_int_eq(remaining, 10000);
    BTreeVerify(idx, NULL, NULL, false);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 0, ForwardScanDirection, 0), 10000);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 4, ForwardScanDirection, 1), 0);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 5, ForwardScanDirection, 1), 1);
    /* reinserting into emptied pages works */
    for (int i = 0; i < 20000; i += 2)
        insert_int(idx, i, false, tid_of(i));
    BTreeVerify(idx, NULL, NULL, false);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 0, BackwardScanDirection, 0), 20000);
}
END_TEST

START_TEST(verify_reports_corrupted_page)
{
    Relation    idx = make_index(40016, 1, false, "nbt_corrupt");
    BTMetaPageData meta;
    Buffer      buf;
    Page        page;
    IndexTuple  itup;
    int32       huge = INT32_MAX;
    char        want[128];
    BlockNumber leaf;

    BTreeInitMetapage(idx, 1, 1, NULL);
    for (int i = 0; i < 5000; i++)
        insert_int(idx, i, false, tid_of(i));
    BTreeVerify(idx, NULL, NULL, false);
    BTreeReadMeta(idx, &meta);
    /* The leftmost leaf: follow first downlinks from the root. */
    leaf = meta.btm_root;
    for (;;)
    {
        buf = ReadBuffer(idx, leaf);
        page = BufferGetPage(buf);
        if (P_ISLEAF(BTPageGetOpaque(page)))
            break;
        itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, P_FIRSTDATAKEY(BTPageGetOpaque(page))));
        leaf = ItemPointerGetBlockNumber(&itup->t_tid);
        ReleaseBuffer(buf);
    }
    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, P_FIRSTKEY + 5));
    /* the int4 key starts at the header rounded up to int alignment */
    memcpy((char *) itup + INTALIGN(SizeOfIndexTupleHeader), &huge, sizeof(huge));
    MarkBufferDirty(buf);
    UnlockReleaseBuffer(buf);

    StartTransactionCommand();
    EXPECT_ERROR(BTreeVerify(idx, NULL, NULL, false), ERRCODE_INDEX_CORRUPTED);
    snprintf(want, sizeof(want), "at block %u", leaf);
    ck_assert_msg(strstr(caught_message, want) != NULL, "message: %s", caught_message);
    ck_assert_msg(strstr(caught_message, "index \"nbt_corrupt\" is corrupted") != NULL,
                  "message: %s", caught_message);
}
END_TEST

static ItemPointerData
heap_row(int32 id)
{
    Datum       values[2] = {Int32GetDatum(id), PointerGetDatum(make_text("row"))};
    bool        nulls[2] = {false, false};
    HeapTuple   tup = heap_form_tuple(heap_desc, values, nulls);

    heap_insert(heap_rel, tup, GetCurrentCommandId(true));
    return tup->t_self;
}

START_TEST(unique_insert_detects_live_duplicate)
{
    Relation    idx = make_index(40017, 1, false, "users_email_key");
    ItemPointerData t1;
    ItemPointerData t2;
    ItemPointerData t3;
    Datum       v = Int32GetDatum(7);
    bool        n = false;

    BTreeInitMetapage(idx, 1, 1, NULL);
    StartTransactionCommand();
    t1 = heap_row(7);
    BTreeInsert(idx, &v, &n, &t1, heap_rel, UNIQUE_CHECK_YES);
    CommitTransactionCommand();

    StartTransactionCommand();
    t2 = heap_row(7);
    EXPECT_ERROR(BTreeInsert(idx, &v, &n, &t2, heap_rel, UNIQUE_CHECK_YES),
                 ERRCODE_UNIQUE_VIOLATION);
    ck_assert_str_eq(caught_message,
                     "duplicate key value violates unique constraint \"users_email_key\"");

    /* NULLs never conflict */
    StartTransactionCommand();
    n = true;
    t3 = heap_row(8);
    BTreeInsert(idx, &v, &n, &t3, heap_rel, UNIQUE_CHECK_YES);
    t3 = heap_row(9);
    BTreeInsert(idx, &v, &n, &t3, heap_rel, UNIQUE_CHECK_YES);
    CommitTransactionCommand();
}
END_TEST

/*
 * Insert and bulk-delete, flush the WAL, throw the index's buffers away
 * (the file keeps only what reached disk), then replay every B-tree record written since the start: the index comes
 * back and verifies.
 */
START_TEST(wal_replay_rebuilds_index)
{
    Relation    idx = make_index(40018, 1, false, "nbt_wal");
    XLogRecPtr  start = GetXLogInsertRecPtr();
    XLogRecPtr  end;
    XLogReaderState *reader;
    XLogRecPtr  lsn = start;
    int         btree_records = 0;
    int        *order = shuffled(30000, 11);

    BTreeInitMetapage(idx, 1, 1, NULL);
    for (int i = 0; i < 30000; i++)
        insert_int(idx, order[i], false, tid_of(order[i]));
    BTreeBulkDelete(idx, even_tid_is_dead, &(int) {0}, NULL);
    end = GetXLogInsertRecPtr();
    XLogFlush(end);

    /* A crash: every buffered change is lost; the file keeps what reached disk. */
    DropRelationBuffers(idx->rd_locator, InvalidForkNumber, 0);
    RelationCloseSmgr(idx);
    idx->rd_nblocks_cache = InvalidBlockNumber;

    reader = XLogReaderAllocate();
    while (lsn < end && XLogReadRecord(reader, lsn, InvalidXLogRecPtr))
    {
        if (XLogRecGetRmid(reader) == RM_BTREE_ID)
        {
            BtreeRedo(reader);
            btree_records++;
        }
        lsn = reader->EndRecPtr;
    }
    XLogReaderFree(reader);
    ck_assert_int_gt(btree_records, 30000);
    RelationCloseSmgr(idx);
    idx->rd_nblocks_cache = InvalidBlockNumber;
    BTreeVerify(idx, NULL, NULL, false);
    ck_assert_int_eq(scan_count(idx, BTEqualStrategyNumber, 0, ForwardScanDirection, 0), 15000);
}
END_TEST

static Suite *
nbtree_suite(void)
{
    Suite      *s = suite_create("nbtree");
    TCase      *tc = tcase_create("btree");

    tcase_add_checked_fixture(tc, nbtree_setup, storage_teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, random_inserts_then_search_each);
    tcase_add_test(tc, duplicates_are_ordered_by_tid);
    tcase_add_test(tc, desc_and_nulls_first_ordering);
    tcase_add_test(tc, bottom_up_build_matches_inserts);
    tcase_add_test(tc, build_rejects_duplicates_for_unique);
    tcase_add_test(tc, bulkdelete_removes_dead_tids);
    tcase_add_test(tc, verify_reports_corrupted_page);
    tcase_add_test(tc, unique_insert_detects_live_duplicate);
    tcase_add_test(tc, wal_replay_rebuilds_index);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(nbtree_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
