/*
 * check_vacuum.c
 *     Unit tests for the maintenance engine pieces that work without a
 *     running instance: free-space categories, the pruning hint, the
 *     array-literal text of pg_statistic value lists.  VACUUM, ANALYZE and
 *     jobs end to end are covered by test/regress/sql/{vacuum,analyze,
 *     maintenance}.sql.
 */
#include "rustydb.h"

#include <check.h>

#include "access/pruneheap.h"
#include "catalog/pg_builtin.h"
#include "commands/analyze.h"
#include "storage/bufpage.h"
#include "storage/freespace.h"
#include "utils/builtins.h"
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

static Suite *
vacuum_suite(void)
{
    Suite      *s = suite_create("vacuum");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, fsm_category_rounds_down);
    tcase_add_test(tc, prune_hint_keeps_oldest_xid);
    tcase_add_test(tc, stats_array_text_roundtrip);
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
