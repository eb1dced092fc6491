/*
 * check_multixact.c
 *     Unit tests for lock-only multixacts (access/multixact.h) and the row
 *     locks built on them (heap_lock_tuple strengths): members and their
 *     liveness, ids drawn from the xid counter, slot recycling, the
 *     member limit, and shared locks of a transaction and its savepoint
 *     forming a multixact that a ROLLBACK TO shrinks again.
 *     Heavyweight table locks released by ROLLBACK TO are covered too
 *     (LockReleaseSubxact).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* nftw(), mkdtemp() */
#endif
#include "rustydb.h"

#include <stdlib.h>

#include "access/heapam.h"
#include "access/htup.h"
#include "access/multixact.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xact.h"
#include "check_storage_support.h"
#include "storage/bufmgr.h"
#include "storage/lock.h"
#include "storage/procarray.h"

static Relation test_rel;
static TupleDesc test_desc;

static void
mx_setup(void)
{
    storage_setup();
    test_desc = make_int_text_desc();
    test_rel = make_test_relation(30101, test_desc, "mxtest");
}

static void
mx_teardown(void)
{
    AbortOutOfAnyTransaction();
    storage_teardown();
}

/* A committed transaction's xid: not running any more. */
static TransactionId
finished_xid(void)
{
    TransactionId xid;

    StartTransactionCommand();
    xid = GetCurrentTransactionId();
    CommitTransactionCommand();
    return xid;
}

START_TEST(members_and_liveness)
{
    MultiXactMember in[2];
    MultiXactMember out[4];
    TransactionId old = finished_xid();
    TransactionId mine;
    MultiXactId multi;

    StartTransactionCommand();
    mine = GetCurrentTransactionId();
    in[0] = (MultiXactMember) {.xid = old, .mode = LockTupleKeyShare};
    in[1] = (MultiXactMember) {.xid = mine, .mode = LockTupleShare};
    multi = MultiXactCreate(in, 2);
    ck_assert(multi > mine);    /* drawn from the xid counter */
    ck_assert_int_eq(MultiXactGetMembers(multi, out, 4, false), 2);
    ck_assert(out[0].xid == old && out[0].mode == LockTupleKeyShare);
    ck_assert(out[1].xid == mine && out[1].mode == LockTupleShare);
    ck_assert_int_eq(MultiXactGetMembers(multi, out, 4, true), 1);
    ck_assert(out[0].xid == mine);
    ck_assert(MultiXactIsRunning(multi));
    ck_assert_int_eq(MultiXactCountLive(), 1);
    /* too small an output array: the count, and only max copied */
    ck_assert_int_eq(MultiXactGetMembers(multi, out, 1, false), 2);
    CommitTransactionCommand();

    ck_assert(!MultiXactIsRunning(multi));
    ck_assert_int_eq(MultiXactGetMembers(multi, out, 4, true), 0);
    ck_assert_int_eq(MultiXactCountLive(), 0);
    /* the next transaction id is past the multi: never both */
    StartTransactionCommand();
    ck_assert(GetCurrentTransactionId() > multi);
    CommitTransactionCommand();
}
END_TEST

START_TEST(unknown_multi_has_no_members)
{
    MultiXactMember out[2];

    ck_assert_int_eq(MultiXactGetMembers(InvalidTransactionId, out, 2, false), 0);
    ck_assert_int_eq(MultiXactGetMembers(ReadNextTransactionId() + 1000, out, 2, false), 0);
    ck_assert(!MultiXactIsRunning(ReadNextTransactionId() + 1000));
}
END_TEST

START_TEST(dead_slots_are_recycled)
{
    TransactionId old = finished_xid();
    MultiXactMember m = {.xid = old, .mode = LockTupleShare};
    MultiXactMember out[2];
    MultiXactId first = MultiXactCreate(&m, 1);
    MultiXactId last = first;

    /* far more multis than slots: dead ones make room */
    for (int i = 0; i < 3 * Max(1024, 4 * ProcGlobalSlotCount()); i++)
        last = MultiXactCreate(&m, 1);
    ck_assert(last > first);
    ck_assert_int_eq(MultiXactGetMembers(last, out, 2, false), 1);
    /* the first one's slot was taken over: it reads as "no lockers" */
    ck_assert_int_eq(MultiXactGetMembers(first, out, 2, false), 0);
}
END_TEST

START_TEST(live_slot_is_not_recycled)
{
    MultiXactMember m;
    MultiXactMember dead = {.xid = finished_xid(), .mode = LockTupleShare};
    MultiXactMember out[2];
    MultiXactId live;

    StartTransactionCommand();
    m = (MultiXactMember) {.xid = GetCurrentTransactionId(), .mode = LockTupleKeyShare};
    live = MultiXactCreate(&m, 1);
    /* ids that map to the live slot are skipped, not stolen */
    for (int i = 0; i < 3 * Max(1024, 4 * ProcGlobalSlotCount()); i++)
        (void) MultiXactCreate(&dead, 1);
    ck_assert_int_eq(MultiXactGetMembers(live, out, 2, true), 1);
    CommitTransactionCommand();
}
END_TEST

START_TEST(too_many_members_is_an_error)
{
    int         n = MultiXactMaxMembers() + 1;
    MultiXactMember *m = calloc((size_t) n, sizeof(MultiXactMember));

    for (int i = 0; i < n; i++)
        m[i].xid = FirstNormalTransactionId + (TransactionId) i;
    StartTransactionCommand();
    EXPECT_ERROR(MultiXactCreate(m, n), ERRCODE_OUT_OF_MEMORY);
    free(m);
}
END_TEST

static ItemPointerData
insert_one(void)
{
    Datum       values[2] = {Int32GetDatum(1), PointerGetDatum(make_text("row"))};
    bool        nulls[2] = {false, false};
    HeapTuple   tup = heap_form_tuple(test_desc, values, nulls);

    StartTransactionCommand();
    heap_insert(test_rel, tup, GetCurrentCommandId(true));
    CommitTransactionCommand();
    return tup->t_self;
}

/* xmax and infomask of the stored tuple at tid */
static void
read_xmax(ItemPointerData tid, TransactionId *xmax, uint16 *infomask)
{
    Buffer      buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(&tid));
    Page        page;
    HeapTupleHeader t;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    t = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, ItemPointerGetOffsetNumber(&tid)));
    *xmax = HeapTupleHeaderGetRawXmax(t);
    *infomask = t->t_infomask;
    UnlockReleaseBuffer(buf);
}

static TM_Result
lock_row(ItemPointerData tid, LockTupleMode mode)
{
    TM_FailureData tmfd;

    return heap_lock_tuple(test_rel, &tid, GetCurrentCommandId(true), mode, LockWaitError,
                           false, NULL, &tmfd);
}

START_TEST(savepoint_lock_joins_then_leaves_a_multixact)
{
    ItemPointerData tid = insert_one();
    TransactionId xmax;
    uint16      mask;
    TransactionId top;
    MultiXactMember out[4];

    StartTransactionCommand();
    BeginTransactionBlock();
    CommitTransactionCommand();

    StartTransactionCommand();
    ck_assert_int_eq(lock_row(tid, LockTupleKeyShare), TM_Ok);
    top = GetCurrentTransactionId();
    read_xmax(tid, &xmax, &mask);
    ck_assert(xmax == top);
    ck_assert_int_eq(mask & (HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_MASK),
                     HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_KEYSHR_LOCK);
    /* a weaker or equal request changes nothing */
    ck_assert_int_eq(lock_row(tid, LockTupleKeyShare), TM_Ok);
    read_xmax(tid, &xmax, &mask);
    ck_assert(xmax == top && (mask & HEAP_XMAX_IS_MULTI) == 0);
    DefineSavepoint("s");
    CommitTransactionCommand();

    /* a stronger lock in the savepoint: a multixact of parent and child */
    StartTransactionCommand();
    ck_assert_int_eq(lock_row(tid, LockTupleShare), TM_Ok);
    read_xmax(tid, &xmax, &mask);
    ck_assert((mask & (HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY)) ==
              (HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY));
    ck_assert_int_eq(MultiXactGetMembers(xmax, out, 4, true), 2);
    ck_assert(out[0].xid == top && out[0].mode == LockTupleKeyShare);
    ck_assert(out[1].xid != top && out[1].mode == LockTupleShare);
    /* readers ignore it */
    {
        HeapTuple   seen;

        ck_assert(heap_fetch(test_rel, GetTransactionSnapshot(), &tid, &seen));
    }
    RollbackToSavepoint("s");
    CommitTransactionCommand();

    /* the child is gone, the parent's KEY SHARE stays */
    StartTransactionCommand();
    ck_assert_int_eq(MultiXactGetMembers(xmax, out, 4, true), 1);
    ck_assert(out[0].xid == top);
    EndTransactionBlock();
    CommitTransactionCommand();
    ck_assert(!MultiXactIsRunning(xmax));

    /* nobody runs any more: a new transaction locks it plainly */
    StartTransactionCommand();
    ck_assert_int_eq(lock_row(tid, LockTupleExclusive), TM_Ok);
    read_xmax(tid, &xmax, &mask);
    ck_assert(xmax == GetCurrentTransactionId());
    ck_assert_int_eq(mask & (HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_MASK), 0);
    CommitTransactionCommand();
}
END_TEST

START_TEST(rollback_to_savepoint_releases_table_locks)
{
    LockTag     t1 = LockTagRelation(5, 70001);
    LockTag     t2 = LockTagRelation(5, 70002);

    StartTransactionCommand();
    BeginTransactionBlock();
    CommitTransactionCommand();
    StartTransactionCommand();
    (void) LockAcquire(&t1, ExclusiveLock, false);
    DefineSavepoint("s");
    (void) LockAcquire(&t1, ExclusiveLock, false);  /* held before: must survive */
    (void) LockAcquire(&t2, AccessExclusiveLock, false);
    DefineSavepoint("inner");
    (void) LockAcquire(&t2, ShareLock, false);
    ReleaseSavepoint("inner");      /* its locks pass to "s" */
    ck_assert(LockHeldByMe(&t2, ShareLock));
    RollbackToSavepoint("s");
    ck_assert(LockHeldByMe(&t1, ExclusiveLock));
    ck_assert(!LockHeldByMe(&t2, AccessExclusiveLock));
    ck_assert(!LockHeldByMe(&t2, ShareLock));
    EndTransactionBlock();
    CommitTransactionCommand();
    ck_assert(!LockHeldByMe(&t1, ExclusiveLock));
}
END_TEST

static Suite *
multixact_suite(void)
{
    Suite      *s = suite_create("multixact");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, mx_setup, mx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, members_and_liveness);
    tcase_add_test(tc, unknown_multi_has_no_members);
    tcase_add_test(tc, dead_slots_are_recycled);
    tcase_add_test(tc, live_slot_is_not_recycled);
    tcase_add_test(tc, too_many_members_is_an_error);
    tcase_add_test(tc, savepoint_lock_joins_then_leaves_a_multixact);
    tcase_add_test(tc, rollback_to_savepoint_releases_table_locks);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(multixact_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
