/*
 * check_vacuum.c
 *     Unit tests for the maintenance engine pieces that work without a
 *     running instance: free-space categories, the pruning hint, the
 *     array-literal text of pg_statistic value lists, the page changes of
 *     the page-cleaning WAL records (applied the same way on redo), the
 *     visibility-map bit ranges, the B-tree multi-delete, and the
 *     publication arithmetic of exact space accounting.  VACUUM, ANALYZE and
 *     jobs end to end are covered by test/regress/sql/{vacuum,analyze,
 *     maintenance}.sql.
 */
#include "rustydb.h"

#include <check.h>

#include "access/pruneheap.h"
#include "access/vacuum_xlog.h"
#include "access/visibilitymap.h"
#include "catalog/pg_builtin.h"
#include "commands/analyze.h"
#include "commands/maintenance.h"
#include "storage/bufpage.h"
#include "storage/freespace.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void
setup(void)
{
    MemoryContextInit();
}

START_TEST(fsm_category_rounds_down)
{
    ck_assert_int_eq(FreeSpaceCategory(0), 0);
    ck_assert_int_eq(FreeSpaceCategory(31), 0);
    ck_assert_int_eq(FreeSpaceCategory(32), 1);
    ck_assert_int_eq(FreeSpaceCategory(8160), 255);
    ck_assert_int_eq(FreeSpaceCategory(100000), 255);
    ck_assert_uint_eq(FreeSpaceCategoryBytes(FreeSpaceCategory(1000)), 992);
    /* a recorded category never promises more than was free */
    for (Size avail = 0; avail < BLCKSZ; avail += 7)
        ck_assert_uint_le(FreeSpaceCategoryBytes(FreeSpaceCategory(avail)), avail);
}
END_TEST

START_TEST(prune_hint_keeps_oldest_xid)
{
    char       *page = palloc(BLCKSZ);

    PageInit(page, BLCKSZ, 0);
    ck_assert_uint_eq(((PageHeader) page)->pd_prune_xid, 0);
    PageSetPrunable(page, 500);
    PageSetPrunable(page, 700);
    ck_assert_uint_eq(((PageHeader) page)->pd_prune_xid, 500);
    PageSetPrunable(page, 300);
    ck_assert_uint_eq(((PageHeader) page)->pd_prune_xid, 300);
    pfree(page);
}
END_TEST

START_TEST(stats_array_text_roundtrip)
{
    Datum       ints[3] = {Int32GetDatum(1), Int32GetDatum(-20), Int32GetDatum(300)};
    Datum       texts[4];
    Datum      *back;
    double      freqs[2] = {0.5, 0.25};
    double     *fback;
    char       *s;

    s = StatsArrayToText(INT4OID, ints, 3);
    ck_assert_str_eq(s, "{1,-20,300}");
    ck_assert_int_eq(StatsArrayFromText(INT4OID, s, &back), 3);
    ck_assert_int_eq(DatumGetInt32(back[1]), -20);

    texts[0] = PointerGetDatum(cstring_to_text("plain"));
    texts[1] = PointerGetDatum(cstring_to_text("with space"));
    texts[2] = PointerGetDatum(cstring_to_text("q\"uote,comma\\"));
    texts[3] = PointerGetDatum(cstring_to_text("NULL"));
    s = StatsArrayToText(TEXTOID, texts, 4);
    ck_assert_str_eq(s, "{plain,\"with space\",\"q\\\"uote,comma\\\\\",\"NULL\"}");
    ck_assert_int_eq(StatsArrayFromText(TEXTOID, s, &back), 4);
    ck_assert_str_eq(text_to_cstring((text *) DatumGetPointer(back[2])), "q\"uote,comma\\");
    ck_assert_str_eq(text_to_cstring((text *) DatumGetPointer(back[3])), "NULL");

    s = StatsFloatArrayToText(freqs, 2);
    ck_assert_str_eq(s, "{0.5,0.25}");
    ck_assert_int_eq(StatsFloatArrayFromText(s, &fback), 2);
    ck_assert(fback[1] == 0.25);

    ck_assert_int_eq(StatsArrayFromText(INT4OID, "{}", &back), 0);
    ck_assert_int_eq(StatsArrayFromText(INT4OID, "1,2", &back), -1);
    ck_assert_int_eq(StatsArrayFromText(INT4OID, "{1,2", &back), -1);
}
END_TEST


/* A heap-like page with n items; item i has 40 + 8 * (i % 5) bytes filled with i. */
static char *
make_page(int n, Size special)
{
    char       *page = palloc(BLCKSZ);

    memset(page, 0x7f, BLCKSZ);     /* garbage in the hole must not matter */
    PageInit(page, BLCKSZ, special);
    for (int i = 1; i <= n; i++)
    {
        char        item[80];
        Size        len = 40 + 8 * (Size) (i % 5);

        memset(item, i, len);
        ck_assert_int_eq(PageAddItem(page, item, len, InvalidOffsetNumber, 0), i);
    }
    return page;
}

/* The item at off still holds its bytes (all equal to `fill`). */
static void
assert_item(char *page, OffsetNumber off, int fill)
{
    ItemId      lp = PageGetItemId(page, off);
    const unsigned char *data = (const unsigned char *) PageGetItem(page, lp);

    ck_assert(ItemIdIsNormal(lp));
    ck_assert_uint_eq(ItemIdGetLength(lp), 40 + 8 * (fill % 5));
    for (unsigned k = 0; k < ItemIdGetLength(lp); k++)
        ck_assert_int_eq(data[k], fill);
}

START_TEST(prune_record_compacts_page)
{
    char       *page = make_page(10, 0);
    Size        free_before = PageGetExactFreeSpace(page);
    OffsetNumber offsets[3] = {2, 4, 9};    /* dead: 2, 4; unused: 9 */
    XLogHeapClean xl;

    memset(&xl, 0, sizeof(xl));
    xl.ndead = 2;
    xl.nunused = 1;
    xl.prune_xid = 1234;
    HeapPageCleanApply(page, XLOG_HEAP2_PRUNE, &xl, offsets);
    ck_assert(ItemIdIsDead(PageGetItemId(page, 2)) && !ItemIdHasStorage(PageGetItemId(page, 2)));
    ck_assert(ItemIdIsDead(PageGetItemId(page, 4)) && !ItemIdHasStorage(PageGetItemId(page, 4)));
    ck_assert(!ItemIdIsUsed(PageGetItemId(page, 9)));
    ck_assert_uint_eq(PageGetMaxOffsetNumber(page), 10);
    for (int i = 1; i <= 10; i++)
        if (i != 2 && i != 4 && i != 9)
            assert_item(page, (OffsetNumber) i, i);
    ck_assert_uint_eq(PageGetExactFreeSpace(page),
                      free_before + MAXALIGN(40 + 8 * 2) + MAXALIGN(40 + 8 * 4) + MAXALIGN(40 + 8 * 4));
    ck_assert_uint_eq(((PageHeader) page)->pd_prune_xid, 1234);
    ck_assert(PageHasFreeLinePointers(page));
    ck_assert(!PageIsAllVisible(page));
}
END_TEST

START_TEST(clean_records_rebuild_identical_pages)
{
    /* what the writer and redo do: the same function on the same page state */
    char       *a = make_page(40, 0);
    char       *b = palloc(BLCKSZ);
    OffsetNumber prune[6] = {3, 17, 40, 5, 6, 39};  /* dead 3, 17, 40; unused 5, 6, 39 */
    OffsetNumber vac[3] = {3, 17, 40};
    XLogHeapClean xl;

    memcpy(b, a, BLCKSZ);
    memset(&xl, 0, sizeof(xl));
    xl.ndead = 3;
    xl.nunused = 3;
    xl.prune_xid = 77;
    HeapPageCleanApply(a, XLOG_HEAP2_PRUNE, &xl, prune);
    HeapPageCleanApply(b, XLOG_HEAP2_PRUNE, &xl, prune);
    ck_assert_int_eq(memcmp(a, b, BLCKSZ), 0);

    memset(&xl, 0, sizeof(xl));
    xl.nunused = 3;
    xl.flags = HEAP_CLEAN_ALL_VISIBLE;
    HeapPageCleanApply(a, XLOG_HEAP2_VACUUM, &xl, vac);
    HeapPageCleanApply(b, XLOG_HEAP2_VACUUM, &xl, vac);
    ck_assert_int_eq(memcmp(a, b, BLCKSZ), 0);
    /* 39 and 40 were the last pointers: trimmed; 38 is the last one left */
    ck_assert_uint_eq(PageGetMaxOffsetNumber(a), 38);
    ck_assert(!ItemIdIsUsed(PageGetItemId(a, 3)) && !ItemIdIsUsed(PageGetItemId(a, 17)));
    assert_item(a, 38, 38);
    ck_assert(PageIsAllVisible(a));
    ck_assert(PageHasFreeLinePointers(a));
}
END_TEST

START_TEST(prune_record_redirects_roots)
{
    /* HOT: root 2 -> survivor 7 (4 and 5, dead chain members, freed); root 3 dead */
    char       *a = make_page(10, 0);
    char       *b = palloc(BLCKSZ);
    OffsetNumber offsets[5] = {2, 7, 3, 4, 5};
    OffsetNumber bad[3] = {1, 6, 6};        /* redirect 1 -> 6, but 6 is freed */
    XLogHeapClean xl;

    memcpy(b, a, BLCKSZ);
    memset(&xl, 0, sizeof(xl));
    xl.nredirected = 1;
    xl.ndead = 1;
    xl.nunused = 2;
    HeapPageCleanApply(a, XLOG_HEAP2_PRUNE, &xl, offsets);
    ck_assert(ItemIdIsRedirected(PageGetItemId(a, 2)));
    ck_assert_uint_eq(ItemIdGetRedirect(PageGetItemId(a, 2)), 7);
    ck_assert(!ItemIdHasStorage(PageGetItemId(a, 2)));
    ck_assert(ItemIdIsDead(PageGetItemId(a, 3)) && !ItemIdHasStorage(PageGetItemId(a, 3)));
    ck_assert(!ItemIdIsUsed(PageGetItemId(a, 4)) && !ItemIdIsUsed(PageGetItemId(a, 5)));
    assert_item(a, 7, 7);
    assert_item(a, 10, 10);
    /* redo on the same page state rebuilds it byte for byte */
    HeapPageCleanApply(b, XLOG_HEAP2_PRUNE, &xl, offsets);
    ck_assert_int_eq(memcmp(a, b, BLCKSZ), 0);

    /* a record redirecting to a line pointer it frees is corruption */
    memset(&xl, 0, sizeof(xl));
    xl.nredirected = 1;
    xl.nunused = 1;
    {
        volatile bool raised = false;
        MemoryContext volatile cxt = CurrentMemoryContext;

        RDB_TRY();
        {
            HeapPageCleanApply(a, XLOG_HEAP2_PRUNE, &xl, bad);
        }
        RDB_CATCH();
        {
            ErrorData  *edata;

            MemoryContextSwitchTo(cxt);
            edata = CopyErrorData();
            FlushErrorState();
            ck_assert_int_eq(edata->sqlerrcode, ERRCODE_DATA_CORRUPTED);
            raised = true;
        }
        RDB_END_TRY();
        ck_assert(raised);
    }
}
END_TEST

START_TEST(vm_bit_ranges)
{
    char       *page = palloc0(BLCKSZ);     /* new page: initialised on first use */
    BlockNumber base = VM_HEAPBLOCKS_PER_PAGE * 3;  /* the 4th map page */

    ck_assert(VisibilityMapPageSetBits(page, base + 5, 20, true));
    ck_assert(!PageIsNew(page));
    ck_assert(!VisibilityMapPageSetBits(page, base + 5, 20, true));     /* already set */
    ck_assert(VisibilityMapPageSetBits(page, base + 24, 2, true));      /* 25 was clear */
    ck_assert(VisibilityMapPageSetBits(page, base + 10, 1, false));
    ck_assert(!VisibilityMapPageSetBits(page, base + 10, 1, false));
    ck_assert(!VisibilityMapPageSetBits(page, base + 100, 0, true));    /* empty range */
    /* the last bit of the page */
    ck_assert(VisibilityMapPageSetBits(page, base + VM_HEAPBLOCKS_PER_PAGE - 1, 1, true));
    ck_assert(VisibilityMapPageSetBits(page, base, VM_HEAPBLOCKS_PER_PAGE, false));
    ck_assert(!VisibilityMapPageSetBits(page, base, VM_HEAPBLOCKS_PER_PAGE, false));
}
END_TEST

START_TEST(multi_delete_matches_single_deletes)
{
    /* index-like pages (with special space), several deletion patterns */
    static const OffsetNumber patterns[][8] = {
        {1, 0}, {60, 0}, {1, 2, 3, 0}, {2, 7, 8, 30, 59, 60, 0}, {5, 15, 25, 35, 45, 55, 0},
    };

    for (size_t p = 0; p < lengthof(patterns); p++)
    {
        char       *a = make_page(60, 16);
        char       *b = palloc(BLCKSZ);
        int         n = 0;

        memcpy(b, a, BLCKSZ);
        while (n < 8 && patterns[p][n] != 0)
            n++;
        for (int i = n - 1; i >= 0; i--)
            PageIndexTupleDelete(a, patterns[p][i]);
        PageIndexMultiDelete(b, patterns[p], n);
        /* header and line pointers, then the items: equal (the freed hole may differ) */
        ck_assert_int_eq(memcmp(a, b, ((PageHeader) a)->pd_lower), 0);
        ck_assert_uint_eq(((PageHeader) a)->pd_upper, ((PageHeader) b)->pd_upper);
        ck_assert_int_eq(memcmp(a + ((PageHeader) a)->pd_upper, b + ((PageHeader) b)->pd_upper,
                                BLCKSZ - ((PageHeader) a)->pd_upper), 0);
        ck_assert_uint_eq(PageGetMaxOffsetNumber(b), 60 - n);
    }
}
END_TEST

/* Exact space: what a transaction's pending changes add at commit and abort. */
START_TEST(space_delta_outcomes)
{
    SpacePendingDelta top = {0};
    SpacePendingDelta sub = {0};
    SpacePendingDelta sub2 = {0};
    int64       live;
    int64       dead;
    int64       free_bytes;

    /* top level: inserted 100 bytes, deleted 40, pages lost 120 free bytes */
    top.inserted = 100;
    top.deleted = 40;
    top.free_delta = -120;
    /* a savepoint inserting 30 and deleting 20, rolled back: 30 dead, the deletion forgotten */
    sub.inserted = 30;
    sub.deleted = 20;
    sub.free_delta = -40;
    SpaceDeltaSubxactEnd(&top, &sub, false);
    ck_assert_int_eq(top.inserted, 100);
    ck_assert_int_eq(top.deleted, 40);
    ck_assert_int_eq(top.dead_final, 30);
    ck_assert_int_eq(top.free_delta, -160);     /* page changes are permanent */
    /* a released savepoint: its changes become the parent's */
    sub2.inserted = 7;
    sub2.deleted = 5;
    sub2.dead_final = 3;
    SpaceDeltaSubxactEnd(&top, &sub2, true);
    ck_assert_int_eq(top.inserted, 107);
    ck_assert_int_eq(top.deleted, 45);
    ck_assert_int_eq(top.dead_final, 33);

    SpaceDeltaOutcome(&top, true, &live, &dead, &free_bytes);
    ck_assert_int_eq(live, 107 - 45);           /* new versions live, deleted ones no longer */
    ck_assert_int_eq(dead, 45 + 33);            /* deleted versions and the rolled-back savepoint's */
    ck_assert_int_eq(free_bytes, -160);
    /* every stored byte is accounted for once: live + dead = inserted overall */
    ck_assert_int_eq(live + dead, 107 + 33);

    SpaceDeltaOutcome(&top, false, &live, &dead, &free_bytes);
    ck_assert_int_eq(live, 0);                  /* deletions undone: nothing changes hands */
    ck_assert_int_eq(dead, 107 + 33);           /* everything inserted is dead */
    ck_assert_int_eq(free_bytes, -160);
}
END_TEST

/*
 * Exact space of an index page: what IndexSpacePageTotals counts, and that
 * an insert's cheap delta (its length, the exact free space difference)
 * is the change of those totals.
 */
START_TEST(index_space_page_totals)
{
    char       *page = palloc0(BLCKSZ);
    IndexSpaceTotals t;
    IndexSpaceTotals before;
    static const Size sizes[] = {16, 21, 40, 9};
    char        item[64];
    int64       live = 0;
    OffsetNumber dead_off[1] = {2};

    /* a zeroed page: all free; the metapage: nothing, whatever it holds */
    IndexSpacePageTotals(page, 1, &t);
    ck_assert_int_eq(t.live_bytes, 0);
    ck_assert_int_eq(t.dead_bytes, 0);
    ck_assert_int_eq(t.free_bytes, BLCKSZ - SizeOfPageHeaderData);
    PageInit(page, BLCKSZ, 16);
    IndexSpacePageTotals(page, 0, &t);
    ck_assert_int_eq(t.live_bytes + t.dead_bytes + t.free_bytes, 0);
    /* an empty page: header and special space are overhead */
    IndexSpacePageTotals(page, 5, &t);
    ck_assert_int_eq(t.free_bytes, BLCKSZ - SizeOfPageHeaderData - 16);
    ck_assert_int_eq(t.live_bytes, 0);

    memset(item, 'x', sizeof(item));
    for (size_t i = 0; i < lengthof(sizes); i++)
    {
        Size        free_before = PageGetExactFreeSpace(page);

        IndexSpacePageTotals(page, 5, &before);
        ck_assert_uint_ne(PageAddItem(page, item, sizes[i], InvalidOffsetNumber, 0),
                          InvalidOffsetNumber);
        IndexSpacePageTotals(page, 5, &t);
        /* nbtinsert.c's fast path: + length, free by the exact difference */
        ck_assert_int_eq(t.live_bytes - before.live_bytes, (int64) sizes[i]);
        ck_assert_int_eq(t.free_bytes - before.free_bytes,
                         (int64) PageGetExactFreeSpace(page) - (int64) free_before);
        /* a line pointer and the aligned item */
        ck_assert_int_eq(before.free_bytes - t.free_bytes,
                         (int64) (sizeof(ItemIdData) + MAXALIGN(sizes[i])));
        live += (int64) sizes[i];
    }
    ck_assert_int_eq(t.live_bytes, live);
    ck_assert_int_eq(t.free_bytes, BLCKSZ - SizeOfPageHeaderData - 16 -
                     4 * (int64) sizeof(ItemIdData) - (16 + 24 + 40 + 16));

    /* an LP_DEAD item: dead (line pointer + length) instead of live; free unchanged */
    before = t;
    ItemIdMarkDead(PageGetItemId(page, 2));
    IndexSpacePageTotals(page, 5, &t);
    ck_assert_int_eq(t.live_bytes, live - 21);
    ck_assert_int_eq(t.dead_bytes, (int64) sizeof(ItemIdData) + 21);
    ck_assert_int_eq(t.free_bytes, before.free_bytes);

    /* removing it gives back its line pointer and aligned length */
    PageIndexMultiDelete(page, dead_off, 1);
    IndexSpacePageTotals(page, 5, &t);
    ck_assert_int_eq(t.dead_bytes, 0);
    ck_assert_int_eq(t.live_bytes, live - 21);
    ck_assert_int_eq(t.free_bytes - before.free_bytes, (int64) sizeof(ItemIdData) + 24);
    pfree(page);
}
END_TEST

static Suite *
vacuum_suite(void)
{
    Suite      *s = suite_create("vacuum");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, fsm_category_rounds_down);
    tcase_add_test(tc, prune_hint_keeps_oldest_xid);
    tcase_add_test(tc, stats_array_text_roundtrip);
    tcase_add_test(tc, prune_record_compacts_page);
    tcase_add_test(tc, clean_records_rebuild_identical_pages);
    tcase_add_test(tc, prune_record_redirects_roots);
    tcase_add_test(tc, vm_bit_ranges);
    tcase_add_test(tc, multi_delete_matches_single_deletes);
    tcase_add_test(tc, space_delta_outcomes);
    tcase_add_test(tc, index_space_page_totals);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(vacuum_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
