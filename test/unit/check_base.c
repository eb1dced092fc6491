/*
 * check_base.c
 *     Unit tests for the base layer: memory contexts, List, StringInfo, and
 *     the error reporter's TRY/CATCH unwinding.
 */
#include "rustydb.h"

#include <check.h>
#include <errno.h>

#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "nodes/value.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void
setup(void)
{
    MemoryContextInit();
    LogMinMessages = PANIC;     /* keep test output quiet */
}

START_TEST(palloc_zero_and_free)
{
    MemoryContext cxt = MemoryContextCreate(TopMemoryContext, "test");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    char       *p = palloc0(100);

    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(p[i], 0);
    ck_assert_ptr_eq(GetMemoryChunkContext(p), cxt);
    pfree(p);
    MemoryContextSwitchTo(old);
    MemoryContextDelete(cxt);
}
END_TEST

START_TEST(repalloc_keeps_contents_and_context)
{
    MemoryContext cxt = MemoryContextCreate(TopMemoryContext, "test");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    char       *p = pstrdup("hello");

    MemoryContextSwitchTo(old);
    p = repalloc(p, 100000);
    ck_assert_str_eq(p, "hello");
    ck_assert_ptr_eq(GetMemoryChunkContext(p), cxt);
    MemoryContextDelete(cxt);
}
END_TEST

START_TEST(reset_frees_children_and_accounting)
{
    MemoryContext parent = MemoryContextCreate(TopMemoryContext, "parent");
    MemoryContext child = MemoryContextCreate(parent, "child");

    MemoryContextAlloc(child, 50000);
    MemoryContextAlloc(parent, 100);
    ck_assert_uint_gt(MemoryContextMemAllocated(parent, true), 50000);
    MemoryContextReset(parent);
    ck_assert_uint_eq(MemoryContextMemAllocated(parent, true), 0);
    MemoryContextDelete(parent);
}
END_TEST

START_TEST(small_chunks_are_recycled)
{
    MemoryContext cxt = MemoryContextCreate(TopMemoryContext, "recycle");
    void       *a = MemoryContextAlloc(cxt, 24);
    Size        before;

    pfree(a);
    before = MemoryContextMemAllocated(cxt, false);
    for (int i = 0; i < 1000; i++)
        pfree(MemoryContextAlloc(cxt, 24));
    ck_assert_uint_eq(MemoryContextMemAllocated(cxt, false), before);
    MemoryContextDelete(cxt);
}
END_TEST

START_TEST(psprintf_formats)
{
    char       *s = psprintf("%d-%s-%.2f", 42, "x", 1.5);

    ck_assert_str_eq(s, "42-x-1.50");
    pfree(s);
}
END_TEST

START_TEST(list_append_grow_and_delete)
{
    List       *l = NIL;
    ListCell   *lc;
    int         sum = 0;

    for (int i = 0; i < 100; i++)
        l = lappend_int(l, i);
    ck_assert_int_eq(list_length(l), 100);
    foreach(lc, l)
        sum += lfirst_int(lc);
    ck_assert_int_eq(sum, 4950);
    l = list_delete_first(l);
    ck_assert_int_eq(linitial_int(l), 1);
    ck_assert(list_member_int(l, 99));
    ck_assert(!list_member_int(l, 0));
    l = list_truncate(l, 0);
    ck_assert_ptr_null(l);
}
END_TEST

START_TEST(list_concat_copy_and_make)
{
    List       *a = list_make2(makeString("a"), makeString("b"));
    List       *b = list_make1(makeString("c"));
    List       *c = list_concat(list_copy(a), b);

    ck_assert_int_eq(list_length(a), 2);
    ck_assert_int_eq(list_length(c), 3);
    ck_assert_str_eq(strVal(llast(c)), "c");
    c = lcons(makeString("z"), c);
    ck_assert_str_eq(strVal(linitial(c)), "z");
}
END_TEST

START_TEST(stringinfo_grows)
{
    StringInfoData buf;

    initStringInfo(&buf);
    for (int i = 0; i < 1000; i++)
        appendStringInfo(&buf, "%04d", i);
    ck_assert_int_eq(buf.len, 4000);
    ck_assert_int_eq(buf.data[buf.len], '\0');
    ck_assert(strncmp(buf.data + 3996, "0999", 4) == 0);
    appendStringInfoSpaces(&buf, 3);
    ck_assert_int_eq(buf.len, 4003);
}
END_TEST

START_TEST(error_unwinds_to_catch_with_fields)
{
    volatile bool caught = false;
    MemoryContext cxt = MemoryContextCreate(TopMemoryContext, "err");
    MemoryContext old = MemoryContextSwitchTo(cxt);

    RDB_TRY();
    {
        errno = ENOENT;
        ereport(ERROR, errcode(ERRCODE_DIVISION_BY_ZERO), errmsg("boom %d: %m", 7),
                errdetail("d"), errhint("h"), errposition(5));
        ck_abort_msg("ereport(ERROR) returned");
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
        ck_assert_int_eq(edata->sqlerrcode, ERRCODE_DIVISION_BY_ZERO);
        ck_assert_str_eq(edata->message, "boom 7: No such file or directory");
        ck_assert_str_eq(edata->detail, "d");
        ck_assert_str_eq(edata->hint, "h");
        ck_assert_int_eq(edata->cursorpos, 5);
        caught = true;
    }
    RDB_END_TRY();
    ck_assert(caught);
    MemoryContextSwitchTo(old);
    MemoryContextDelete(cxt);
}
END_TEST

START_TEST(nested_try_rethrows_outward)
{
    volatile int stage = 0;

    RDB_TRY();
    {
        RDB_TRY();
        {
            elog(ERROR, "inner");
        }
        RDB_CATCH();
        {
            stage = 1;
            RDB_RE_THROW();
        }
        RDB_END_TRY();
    }
    RDB_CATCH();
    {
        stage = stage == 1 ? 2 : -1;
        FlushErrorState();
    }
    RDB_END_TRY();
    ck_assert_int_eq(stage, 2);
}
END_TEST

START_TEST(warning_returns_and_leaves_no_error_pending)
{
    volatile bool caught = false;

    ereport(WARNING, errmsg("just a warning"));
    ck_assert(!InErrorRecursion());
    RDB_TRY();
    {
        elog(ERROR, "after %s", "warning");
    }
    RDB_CATCH();
    {
        ErrorData  *edata = CopyErrorData();

        FlushErrorState();
        ck_assert_str_eq(edata->message, "after warning");
        caught = true;
    }
    RDB_END_TRY();
    ck_assert(caught);
}
END_TEST

START_TEST(sqlstate_round_trip)
{
    char        code[6];

    SqlstateToString(ERRCODE_UNDEFINED_TABLE, code);
    ck_assert_str_eq(code, "42P01");
    ck_assert_int_eq(SqlstateFromString("42P01"), ERRCODE_UNDEFINED_TABLE);
    ck_assert_int_eq(SqlstateFromString("4"), 0);
    ck_assert_str_eq(SqlstateName(ERRCODE_UNIQUE_VIOLATION), "unique_violation");
}
END_TEST

static Suite *
base_suite(void)
{
    Suite      *s = suite_create("base");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, palloc_zero_and_free);
    tcase_add_test(tc, repalloc_keeps_contents_and_context);
    tcase_add_test(tc, reset_frees_children_and_accounting);
    tcase_add_test(tc, small_chunks_are_recycled);
    tcase_add_test(tc, psprintf_formats);
    tcase_add_test(tc, list_append_grow_and_delete);
    tcase_add_test(tc, list_concat_copy_and_make);
    tcase_add_test(tc, stringinfo_grows);
    tcase_add_test(tc, error_unwinds_to_catch_with_fields);
    tcase_add_test(tc, nested_try_rethrows_outward);
    tcase_add_test(tc, warning_returns_and_leaves_no_error_pending);
    tcase_add_test(tc, sqlstate_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(base_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
