/*
 * check_heap_hot.c
 *     Unit tests of the heap suite for heap-only tuples: HOT updates,
 *     following a chain from its root (heap_hot_search), chain roots
 *     (heap_get_root_tuples), and pruning chains into redirects, dead roots
 *     and freed members.  One session; see check_heap.c for the
 *     two-session tests of the rest of the heap.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/htup.h"
#include "access/pruneheap.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xact.h"
#include "check_storage_support.h"
#include "storage/bufmgr.h"
#include "storage/procarray.h"
#include "utils/builtins.h"

static Relation test_rel;
static TupleDesc test_desc;

/* Column 1 (id) is "indexed", column 2 (name) is not. */
static const bool id_indexed[2] = {true, false};

static void
hot_setup(void)
{
    storage_setup();
    test_desc = make_int_text_desc();
    test_rel = make_test_relation(30101, test_desc, "hottest");
}

static HeapTuple
make_row(int32 id, const char *name)
{
    Datum       values[2] = {Int32GetDatum(id), PointerGetDatum(make_text(name))};
    bool        nulls[2] = {false, false};

    return heap_form_tuple(test_desc, values, nulls);
}

static int32
row_id(HeapTuple tup)
{
    bool        isnull;

    return DatumGetInt32(heap_getattr(tup, 1, test_desc, &isnull));
}

static char *
row_name(HeapTuple tup)
{
    bool        isnull;

    return text_to_cstring((text *) DatumGetPointer(heap_getattr(tup, 2, test_desc, &isnull)));
}

/* Insert one row in its own transaction; its tid. */
static ItemPointerData
insert_committed(int32 id, const char *name)
{
    HeapTuple   tup = make_row(id, name);

    StartTransactionCommand();
    heap_insert(test_rel, tup, GetCurrentCommandId(true));
    CommitTransactionCommand();
    return tup->t_self;
}

/* Update *tid to (id, name); returns whether it was HOT and sets *tid to the new version. */
static bool
update_row(ItemPointer tid, int32 id, const char *name, bool commit)
{
    HeapTuple   tup = make_row(id, name);
    TM_FailureData tmfd;
    bool        hot = false;

    StartTransactionCommand();
    if (!commit)
        BeginTransactionBlock();
    ck_assert_int_eq(heap_update_hot(test_rel, tid, tup, GetCurrentCommandId(true),
                                     InvalidSnapshot, true, &tmfd, NULL, id_indexed, &hot), TM_Ok);
    if (!commit)
    {
        CommitTransactionCommand();
        StartTransactionCommand();
        UserAbortTransactionBlock();
    }
    CommitTransactionCommand();
    if (commit)
        *tid = tup->t_self;
    return hot;
}

/*
 * The version of the chain rooted at root that a fresh snapshot sees, or
 * NULL.  heap_hot_search copies it into transaction memory, which the commit
 * frees: the caller gets a copy in the memory current before the call.
 */
static HeapTuple
search_latest(ItemPointer root)
{
    MemoryContext outer = CurrentMemoryContext;
    HeapTuple   tup;

    StartTransactionCommand();
    if (heap_hot_search(test_rel, GetTransactionSnapshot(), root, false, &tup))
    {
        MemoryContext old = MemoryContextSwitchTo(outer);

        tup = heap_copytuple(tup);
        MemoryContextSwitchTo(old);
    }
    else
        tup = NULL;
    CommitTransactionCommand();
    return tup;
}

static ItemIdData
line_pointer(ItemPointer tid)
{
    Buffer      buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(tid));
    ItemIdData  lp;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    lp = *PageGetItemId(BufferGetPage(buf), ItemPointerGetOffsetNumber(tid));
    UnlockReleaseBuffer(buf);
    return lp;
}

static uint16
stored_infomask(ItemPointer tid)
{
    Buffer      buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(tid));
    Page        page;
    uint16      mask;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    mask = ((HeapTupleHeader) PageGetItem(page, PageGetItemId(page,
                                                              ItemPointerGetOffsetNumber(tid))))->t_infomask;
    UnlockReleaseBuffer(buf);
    return mask;
}

/* Prune block 0 with the current horizon (cleanup lock), as VACUUM does. */
static void
prune_block0(bool mark_unused, PruneResult *res)
{
    Buffer      buf;

    StartTransactionCommand();
    buf = ReadBuffer(test_rel, 0);
    LockBufferForCleanup(buf);
    heap_page_prune(test_rel, buf, GetOldestXmin(InvalidOid, true), mark_unused, res);
    UnlockReleaseBuffer(buf);
    CommitTransactionCommand();
}

START_TEST(update_of_unindexed_column_is_hot)
{
    ItemPointerData root = insert_committed(1, "a");
    ItemPointerData tid = root;
    HeapTuple   tup;

    ck_assert(update_row(&tid, 1, "b", true));
    ck_assert_uint_eq(ItemPointerGetBlockNumber(&tid), 0);
    ck_assert((stored_infomask(&root) & HEAP_HOT_UPDATED) != 0);
    ck_assert((stored_infomask(&tid) & HEAP_ONLY_TUPLE) != 0);
    ck_assert((stored_infomask(&root) & HEAP_ONLY_TUPLE) == 0);

    /* the root finds the newest version, with its own tid */
    tup = search_latest(&root);
    ck_assert_ptr_nonnull(tup);
    ck_assert(ItemPointerEquals(&tup->t_self, &tid));
    ck_assert_str_eq(row_name(tup), "b");
    /* a heap-only tuple is no chain start: an index never names it */
    ck_assert_ptr_null(search_latest(&tid));
    /* SnapshotAny sees the first member */
    StartTransactionCommand();
    ck_assert(heap_hot_search(test_rel, SnapshotAny, &root, false, &tup));
    ck_assert(ItemPointerEquals(&tup->t_self, &root));
    CommitTransactionCommand();
}
END_TEST

START_TEST(update_of_indexed_column_is_not_hot)
{
    ItemPointerData root = insert_committed(1, "a");
    ItemPointerData tid = root;
    HeapTuple   tup;
    TM_FailureData tmfd;
    bool        hot = true;

    ck_assert(!update_row(&tid, 2, "a", true));
    ck_assert((stored_infomask(&root) & HEAP_HOT_UPDATED) == 0);
    ck_assert((stored_infomask(&tid) & HEAP_ONLY_TUPLE) == 0);
    /* the old root's chain ends at the old version: invisible now */
    ck_assert_ptr_null(search_latest(&root));
    tup = search_latest(&tid);
    ck_assert_ptr_nonnull(tup);
    ck_assert_int_eq(row_id(tup), 2);
    /* without the indexed-columns map (catalog updates) never HOT */
    StartTransactionCommand();
    ck_assert_int_eq(heap_update_hot(test_rel, &tid, make_row(2, "z"), GetCurrentCommandId(true),
                                     InvalidSnapshot, true, &tmfd, NULL, NULL, &hot), TM_Ok);
    CommitTransactionCommand();
    ck_assert(!hot);
}
END_TEST

START_TEST(many_hot_updates_then_prune_redirects_root)
{
    ItemPointerData root = insert_committed(7, "v0");
    ItemPointerData tid = root;
    ItemPointerData members[20];
    PruneResult res;
    HeapTuple   tup;
    char        name[16];
    OffsetNumber roots[MaxOffsetNumber + 1];
    Buffer      buf;

    for (int i = 1; i <= 20; i++)
    {
        snprintf(name, sizeof(name), "v%d", i);
        ck_assert(update_row(&tid, 7, name, true));
        members[i - 1] = tid;
    }
    /* every member maps to the root */
    buf = ReadBuffer(test_rel, 0);
    LockBuffer(buf, BUFFER_LOCK_SHARE);
    heap_get_root_tuples(BufferGetPage(buf), 0, roots);
    UnlockReleaseBuffer(buf);
    for (int i = 0; i < 20; i++)
        ck_assert_uint_eq(roots[ItemPointerGetOffsetNumber(&members[i])],
                          ItemPointerGetOffsetNumber(&root));

    prune_block0(false, &res);
    ck_assert(res.changed);
    ck_assert_int_eq(res.ndeleted, 20);
    ck_assert_int_eq(res.ndead_items, 0);
    ck_assert_int_eq(res.nlive, 1);
    {
        ItemIdData  lp = line_pointer(&root);

        ck_assert(ItemIdIsRedirected(&lp));
        ck_assert_uint_eq(ItemIdGetRedirect(&lp), ItemPointerGetOffsetNumber(&tid));
    }
    for (int i = 0; i < 19; i++)
    {
        ItemIdData  lp = line_pointer(&members[i]);

        ck_assert(!ItemIdIsUsed(&lp));
    }
    tup = search_latest(&root);
    ck_assert_ptr_nonnull(tup);
    ck_assert(ItemPointerEquals(&tup->t_self, &tid));

    /* more HOT updates reuse the freed slots; pruning moves the redirect */
    for (int i = 21; i <= 25; i++)
    {
        snprintf(name, sizeof(name), "v%d", i);
        ck_assert(update_row(&tid, 7, name, true));
    }
    prune_block0(false, &res);
    ck_assert_int_eq(res.ndeleted, 5);
    {
        ItemIdData  lp = line_pointer(&root);

        ck_assert(ItemIdIsRedirected(&lp));
        ck_assert_uint_eq(ItemIdGetRedirect(&lp), ItemPointerGetOffsetNumber(&tid));
    }
    tup = search_latest(&root);
    ck_assert_ptr_nonnull(tup);
    ck_assert_str_eq(row_name(tup), "v25");
    /* pruning again changes nothing (idempotent) */
    prune_block0(false, &res);
    ck_assert(!res.changed);
}
END_TEST

START_TEST(deleted_chain_leaves_dead_root)
{
    ItemPointerData root = insert_committed(3, "a");
    ItemPointerData tid = root;
    ItemPointerData member;
    PruneResult res;
    TM_FailureData tmfd;

    ck_assert(update_row(&tid, 3, "b", true));
    member = tid;
    ck_assert(update_row(&tid, 3, "c", true));
    StartTransactionCommand();
    ck_assert_int_eq(heap_delete(test_rel, &tid, GetCurrentCommandId(true), InvalidSnapshot,
                                 true, &tmfd), TM_Ok);
    CommitTransactionCommand();
    ck_assert_ptr_null(search_latest(&root));

    prune_block0(false, &res);
    ck_assert_int_eq(res.ndeleted, 3);
    ck_assert_int_eq(res.ndead_items, 1);
    ck_assert_uint_eq(res.dead_items[0], ItemPointerGetOffsetNumber(&root));
    {
        ItemIdData  lp = line_pointer(&root);

        ck_assert(ItemIdIsDead(&lp));
        ck_assert(!ItemIdHasStorage(&lp));
        lp = line_pointer(&member);
        ck_assert(!ItemIdIsUsed(&lp));
    }
    /* without indexes the dead root is freed at once */
    prune_block0(true, &res);
    {
        ItemIdData  lp = line_pointer(&root);

        ck_assert(!ItemIdIsUsed(&lp));
    }
}
END_TEST

START_TEST(aborted_hot_update_is_pruned_and_chain_stays)
{
    ItemPointerData root = insert_committed(5, "a");
    ItemPointerData tid = root;
    PruneResult res;
    HeapTuple   tup;

    ck_assert(update_row(&tid, 5, "aborted", false));   /* rolled back */
    tup = search_latest(&root);
    ck_assert_ptr_nonnull(tup);
    ck_assert(ItemPointerEquals(&tup->t_self, &root));

    prune_block0(false, &res);
    ck_assert_int_eq(res.ndeleted, 1);      /* the aborted heap-only version */
    ck_assert_int_eq(res.ndead_items, 0);
    {
        ItemIdData  lp = line_pointer(&root);

        ck_assert(ItemIdIsNormal(&lp));
    }
    /* the root version is still live and can be HOT-updated again */
    ck_assert(update_row(&tid, 5, "b", true));
    tup = search_latest(&root);
    ck_assert_ptr_nonnull(tup);
    ck_assert(ItemPointerEquals(&tup->t_self, &tid));
}
END_TEST

START_TEST(recently_dead_member_survives_pruning)
{
    ItemPointerData root = insert_committed(9, "a");
    ItemPointerData tid = root;
    PruneResult res;
    Buffer      buf;
    HeapTuple   tup;

    ck_assert(update_row(&tid, 9, "b", true));
    /* a horizon older than the update: the old version may still be seen */
    StartTransactionCommand();
    buf = ReadBuffer(test_rel, 0);
    LockBufferForCleanup(buf);
    {
        Page        page = BufferGetPage(buf);
        ItemId      lp = PageGetItemId(page, ItemPointerGetOffsetNumber(&root));
        HeapTupleHeader h = (HeapTupleHeader) PageGetItem(page, lp);

        heap_page_prune(test_rel, buf, HeapTupleHeaderGetRawXmax(h), false, &res);
    }
    UnlockReleaseBuffer(buf);
    CommitTransactionCommand();
    ck_assert(!res.changed);
    ck_assert_int_eq(res.nrecently_dead, 1);
    ck_assert(!res.all_visible);
    StartTransactionCommand();
    ck_assert(heap_hot_search(test_rel, SnapshotAny, &root, false, &tup));
    ck_assert(ItemPointerEquals(&tup->t_self, &root));
    CommitTransactionCommand();
}
END_TEST

static Suite *
heap_hot_suite(void)
{
    Suite      *s = suite_create("heap");
    TCase      *tc = tcase_create("HOT chains and pruning");

    tcase_add_checked_fixture(tc, hot_setup, storage_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, update_of_unindexed_column_is_hot);
    tcase_add_test(tc, update_of_indexed_column_is_not_hot);
    tcase_add_test(tc, many_hot_updates_then_prune_redirects_root);
    tcase_add_test(tc, deleted_chain_leaves_dead_root);
    tcase_add_test(tc, aborted_hot_update_is_pruned_and_chain_stays);
    tcase_add_test(tc, recently_dead_member_survives_pruning);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(heap_hot_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
