/*
 * check_heap.c
 *     Unit tests for heap access and transactions: insert/scan/fetch,
 *     update/delete with ctid chains, MVCC visibility between two real
 *     processes sharing the segment, own-command visibility, waits and
 *     conflicts, transaction block states.
 *
 * The second session is a forked child attached to the same shared memory
 * with its own proc slot, driven over a pair of pipes: each command is one
 * statement in the child (StartTransactionCommand .. CommitTransactionCommand).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* nftw(), mkdtemp() */
#endif
#include "rustydb.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "access/heapam.h"
#include "access/htup.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xact.h"
#include "check_storage_support.h"
#include "storage/bufmgr.h"
#include "storage/ipc.h"
#include "storage/lock.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/guc.h"

static Relation test_rel;
static TupleDesc test_desc;

static void
heap_setup(void)
{
    storage_setup();
    test_desc = make_int_text_desc();
    test_rel = make_test_relation(30001, test_desc, "heaptest");
}

/* ---------- statement helpers (used by both sessions) ---------- */

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

static void
insert_row(int32 id)
{
    HeapTuple   tup = make_row(id, "row");

    heap_insert(test_rel, tup, GetCurrentCommandId(true));
}

/* count and sum of ids visible to a fresh statement snapshot */
static void
scan_stats(int *count, int64 *sum)
{
    TableScanDesc scan = heap_beginscan(test_rel, GetTransactionSnapshot());
    HeapTuple   tup;

    *count = 0;
    *sum = 0;
    while ((tup = heap_getnext(scan)) != NULL)
    {
        (*count)++;
        *sum += row_id(tup);
    }
    heap_endscan(scan);
}

/* Apply fn to every visible row; returns the first non-OK TM_Result (or TM_Ok). */
static TM_Result
modify_all(bool delete, int32 delta, bool wait)
{
    Snapshot    snap = GetTransactionSnapshot();
    TableScanDesc scan = heap_beginscan(test_rel, snap);
    HeapTuple   tup;
    ItemPointerData tids[64];
    int32       ids[64];
    int         n = 0;
    TM_Result   result = TM_Ok;

    while ((tup = heap_getnext(scan)) != NULL && n < 64)
    {
        tids[n] = tup->t_self;
        ids[n] = row_id(tup);
        n++;
    }
    heap_endscan(scan);
    for (int i = 0; i < n && result == TM_Ok; i++)
    {
        TM_FailureData tmfd;

        if (delete)
            result = heap_delete(test_rel, &tids[i], GetCurrentCommandId(true),
                                 InvalidSnapshot, wait, &tmfd);
        else
            result = heap_update(test_rel, &tids[i], make_row(ids[i] + delta, "updated"),
                                 GetCurrentCommandId(true), InvalidSnapshot, wait, &tmfd);
    }
    return result;
}

/* Lock every visible row (FOR UPDATE); returns the first non-OK result. */
static TM_Result
lock_all(LockWaitPolicy policy)
{
    TableScanDesc scan = heap_beginscan(test_rel, GetTransactionSnapshot());
    HeapTuple   tup;
    ItemPointerData tids[64];
    int         n = 0;
    TM_Result   result = TM_Ok;

    while ((tup = heap_getnext(scan)) != NULL && n < 64)
        tids[n++] = tup->t_self;
    heap_endscan(scan);
    for (int i = 0; i < n && result == TM_Ok; i++)
    {
        TM_FailureData tmfd;

        result = heap_lock_tuple(test_rel, &tids[i], GetCurrentCommandId(true),
                                 LockTupleExclusive, policy, false, NULL, &tmfd);
    }
    return result;
}

/* Update the visible row with the given id (+1000), waiting if needed. */
static TM_Result
update_id(int32 id)
{
    TableScanDesc scan = heap_beginscan(test_rel, GetTransactionSnapshot());
    HeapTuple   tup;
    ItemPointerData tid;
    bool        found = false;
    TM_FailureData tmfd;

    while ((tup = heap_getnext(scan)) != NULL)
    {
        if (row_id(tup) == id)
        {
            tid = tup->t_self;
            found = true;
            break;
        }
    }
    heap_endscan(scan);
    ck_assert(found);
    return heap_update(test_rel, &tid, make_row(id + 1000, "updated"),
                       GetCurrentCommandId(true), InvalidSnapshot, true, &tmfd);
}

/* ---------- the second session ---------- */

typedef enum SessionCmd
{
    SESS_BEGIN,
    SESS_COMMIT,
    SESS_ROLLBACK,
    SESS_COUNT,
    SESS_SUM,
    SESS_INSERT,
    SESS_UPDATE,                 /* arg: 0 = nowait, 1 = wait */
    SESS_DELETE,
    SESS_LOCK,                  /* arg: LockWaitPolicy; result: first non-OK TM_Result */
    SESS_UPDATE_ID,             /* arg: the id of the one row to update (waits) */
    SESS_EXIT
} SessionCmd;

typedef struct SessionMsg
{
    int         cmd;
    int         arg;
} SessionMsg;

typedef struct SessionReply
{
    int64       value;
    int         sqlstate;       /* 0 if no error */
} SessionReply;

typedef struct Session
{
    pid_t       pid;
    int         to_child;
    int         from_child;
} Session;

static int64
child_execute(const SessionMsg *msg)
{
    int         count;
    int64       sum;
    int64       result = 0;

    StartTransactionCommand();
    switch ((SessionCmd) msg->cmd)
    {
        case SESS_BEGIN:
            BeginTransactionBlock();
            break;
        case SESS_COMMIT:
            result = EndTransactionBlock();
            break;
        case SESS_ROLLBACK:
            UserAbortTransactionBlock();
            break;
        case SESS_COUNT:
            scan_stats(&count, &sum);
            result = count;
            break;
        case SESS_SUM:
            scan_stats(&count, &sum);
            result = sum;
            break;
        case SESS_INSERT:
            insert_row(msg->arg);
            break;
        case SESS_UPDATE:
            result = modify_all(false, 1000, msg->arg != 0);
            break;
        case SESS_DELETE:
            result = modify_all(true, 0, msg->arg != 0);
            break;
        case SESS_LOCK:
            result = lock_all((LockWaitPolicy) msg->arg);
            break;
        case SESS_UPDATE_ID:
            result = update_id(msg->arg);
            break;
        case SESS_EXIT:
            break;
    }
    CommitTransactionCommand();
    return result;
}

static RDB_NORETURN void
child_main(int in_fd, int out_fd)
{
    /* A new process: its own proc slot, pins and transaction state. */
    MyProc = NULL;
    MyProcNumber = -1;
    if (!StorageAttachProcess(B_BACKEND))
        _exit(3);
    for (;;)
    {
        SessionMsg  msg;
        SessionReply reply = {0, 0};

        if (read(in_fd, &msg, sizeof(msg)) != (ssize_t) sizeof(msg))
            break;
        if (msg.cmd == SESS_EXIT)
            break;
        RDB_TRY();
        {
            reply.value = child_execute(&msg);
        }
        RDB_CATCH();
        {
            ErrorData  *edata;

            MemoryContextSwitchTo(TopMemoryContext);
            edata = CopyErrorData();
            FlushErrorState();
            reply.sqlstate = edata->sqlerrcode;
            FreeErrorData(edata);
            AbortCurrentTransaction();
        }
        RDB_END_TRY();
        if (write(out_fd, &reply, sizeof(reply)) != (ssize_t) sizeof(reply))
            break;
    }
    AbortOutOfAnyTransaction();
    ReleaseAllBufferPins();
    ProcSlotRelease();
    _exit(0);
}

static Session
session_start(void)
{
    int         down[2];
    int         up[2];
    Session     s;

    ck_assert_int_eq(pipe(down), 0);
    ck_assert_int_eq(pipe(up), 0);
    s.pid = fork();
    ck_assert_int_ge(s.pid, 0);
    if (s.pid == 0)
    {
        close(down[1]);
        close(up[0]);
        child_main(down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    s.to_child = down[1];
    s.from_child = up[0];
    return s;
}

static void
session_send(Session *s, SessionCmd cmd, int arg)
{
    SessionMsg  msg = {cmd, arg};

    ck_assert_int_eq(write(s->to_child, &msg, sizeof(msg)), sizeof(msg));
}

static SessionReply
session_reply(Session *s)
{
    SessionReply reply;

    ck_assert_int_eq(read(s->from_child, &reply, sizeof(reply)), sizeof(reply));
    return reply;
}

/* Send and wait; the command must not fail. */
static int64
session_run(Session *s, SessionCmd cmd, int arg)
{
    SessionReply r;

    session_send(s, cmd, arg);
    r = session_reply(s);
    ck_assert_msg(r.sqlstate == 0, "session command %d failed", (int) cmd);
    return r.value;
}

static bool
session_reply_ready(Session *s, int timeout_ms)
{
    struct pollfd pfd = {.fd = s->from_child, .events = POLLIN};

    return poll(&pfd, 1, timeout_ms) == 1;
}

static void
session_stop(Session *s)
{
    int         status;

    session_send(s, SESS_EXIT, 0);
    ck_assert_int_eq(waitpid(s->pid, &status, 0), s->pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(s->to_child);
    close(s->from_child);
}

/* Parent-side statements. */
static void
stmt_begin(void)
{
    StartTransactionCommand();
    BeginTransactionBlock();
    CommitTransactionCommand();
}

static void
stmt_commit(void)
{
    StartTransactionCommand();
    EndTransactionBlock();
    CommitTransactionCommand();
}

static void
stmt_rollback(void)
{
    StartTransactionCommand();
    UserAbortTransactionBlock();
    CommitTransactionCommand();
}

static void
stmt_insert(int32 id)
{
    StartTransactionCommand();
    insert_row(id);
    CommitTransactionCommand();
}

static int
stmt_count(void)
{
    int         count;
    int64       sum;

    StartTransactionCommand();
    scan_stats(&count, &sum);
    CommitTransactionCommand();
    return count;
}

static int64
stmt_sum(void)
{
    int         count;
    int64       sum;

    StartTransactionCommand();
    scan_stats(&count, &sum);
    CommitTransactionCommand();
    return sum;
}

static TM_Result
stmt_modify(bool delete, int32 delta)
{
    TM_Result   r;

    StartTransactionCommand();
    r = modify_all(delete, delta, true);
    CommitTransactionCommand();
    return r;
}

/* ---------- single-session tests ---------- */

START_TEST(insert_scan_fetch_many_rows)
{
    ItemPointerData tids[2000];
    char        name[64];

    StartTransactionCommand();
    for (int i = 0; i < 2000; i++)
    {
        HeapTuple   tup;

        snprintf(name, sizeof(name), "row number %d %.*s", i, i % 40, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        tup = make_row(i, name);
        heap_insert(test_rel, tup, GetCurrentCommandId(true));
        ck_assert(ItemPointerIsValid(&tup->t_self));
        tids[i] = tup->t_self;
        heap_freetuple(tup);
    }
    CommitTransactionCommand();
    ck_assert_uint_gt(RelationGetNumberOfBlocks(test_rel), 5);
    ck_assert_int_eq(stmt_count(), 2000);
    ck_assert_int_eq(stmt_sum(), 1999 * 2000 / 2);

    StartTransactionCommand();
    for (int i = 0; i < 2000; i += 97)
    {
        HeapTuple   tup;
        bool        isnull;
        text       *t;

        ck_assert(heap_fetch(test_rel, GetTransactionSnapshot(), &tids[i], &tup));
        ck_assert_int_eq(row_id(tup), i);
        ck_assert(ItemPointerEquals(&tup->t_self, &tids[i]));
        t = DatumGetTextP(heap_getattr(tup, 2, test_desc, &isnull));
        snprintf(name, sizeof(name), "row number %d %.*s", i, i % 40, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        ck_assert_uint_eq(VARSIZE_EXHDR(t), strlen(name));
        ck_assert(memcmp(VARDATA(t), name, strlen(name)) == 0);
        heap_freetuple(tup);
    }
    {
        ItemPointerData bogus;
        HeapTuple   tup;

        ItemPointerSet(&bogus, 100000, 1);
        ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &bogus, &tup));
        ItemPointerSet(&bogus, 0, 250);
        ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &bogus, &tup));
        ck_assert_ptr_null(tup);
    }
    CommitTransactionCommand();
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);
}
END_TEST

START_TEST(rescan_returns_rows_again)
{
    TableScanDesc scan;
    int         n = 0;

    for (int i = 0; i < 10; i++)
        stmt_insert(i);
    StartTransactionCommand();
    scan = heap_beginscan(test_rel, GetTransactionSnapshot());
    while (heap_getnext(scan) != NULL)
        n++;
    ck_assert_ptr_null(heap_getnext(scan));
    heap_rescan(scan);
    while (heap_getnext(scan) != NULL)
        n++;
    heap_endscan(scan);
    CommitTransactionCommand();
    ck_assert_int_eq(n, 20);
}
END_TEST

START_TEST(oversized_tuple_is_rejected)
{
    char       *big = palloc(9000);
    HeapTuple   tup;

    memset(big, 'z', 8999);
    big[8999] = '\0';
    tup = make_row(1, big);
    StartTransactionCommand();
    EXPECT_ERROR(heap_insert(test_rel, tup, GetCurrentCommandId(true)),
                 ERRCODE_PROGRAM_LIMIT_EXCEEDED);
    ck_assert_int_eq(stmt_count(), 0);
}
END_TEST

START_TEST(own_changes_follow_command_ids)
{
    Snapshot    before;
    int         count;
    int64       sum;
    TableScanDesc scan;
    HeapTuple   tup;
    ItemPointerData tid;
    TM_FailureData tmfd;

    stmt_begin();
    StartTransactionCommand();
    before = CopySnapshot(GetTransactionSnapshot());
    tup = make_row(7, "mine");
    heap_insert(test_rel, tup, GetCurrentCommandId(true));
    tid = tup->t_self;
    /* Same command: not yet visible to a snapshot of that command. */
    scan = heap_beginscan(test_rel, before);
    ck_assert_ptr_null(heap_getnext(scan));
    heap_endscan(scan);
    scan_stats(&count, &sum);
    ck_assert_int_eq(count, 0);
    CommandCounterIncrement();
    scan_stats(&count, &sum);
    ck_assert_int_eq(count, 1);

    /* Delete it in a later command: combo cid keeps both cmin and cmax. */
    ck_assert_int_eq(heap_delete(test_rel, &tid, GetCurrentCommandId(true), InvalidSnapshot,
                                 true, &tmfd), TM_Ok);
    scan_stats(&count, &sum);
    ck_assert_int_eq(count, 1);         /* deleted by the current command: still seen */
    /* Deleting again in the same command: already modified by us. */
    ck_assert_int_eq(heap_delete(test_rel, &tid, GetCurrentCommandId(true), InvalidSnapshot,
                                 true, &tmfd), TM_SelfModified);
    CommandCounterIncrement();
    scan_stats(&count, &sum);
    ck_assert_int_eq(count, 0);
    CommitTransactionCommand();
    stmt_commit();
    ck_assert_int_eq(stmt_count(), 0);
}
END_TEST

START_TEST(aborted_insert_is_invisible_and_hinted)
{
    ItemPointerData tid;
    Buffer      buf;
    Page        page;
    HeapTupleHeader hdr;

    StartTransactionCommand();
    {
        HeapTuple   tup = make_row(1, "doomed");

        heap_insert(test_rel, tup, GetCurrentCommandId(true));
        tid = tup->t_self;
    }
    AbortCurrentTransaction();
    ck_assert_int_eq(stmt_count(), 0);

    StartTransactionCommand();
    buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(&tid));
    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    hdr = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, ItemPointerGetOffsetNumber(&tid)));
    ck_assert((hdr->t_infomask & HEAP_XMIN_INVALID) != 0);
    ck_assert(BufferIsDirty(buf));
    UnlockReleaseBuffer(buf);
    CommitTransactionCommand();
}
END_TEST

/*
 * heap_super_delete (INSERT ... ON CONFLICT): the tuple vanishes at once
 * for its own transaction, for dirty snapshots (unique checks) and for
 * VACUUM, and stays dead after the transaction commits; the row inserted
 * next to it is unaffected.
 */
START_TEST(super_deleted_tuple_is_dead_to_everyone)
{
    ItemPointerData tid;
    Buffer      buf;
    Page        page;
    HeapTupleData t;
    HeapTuple   out;
    SnapshotData dirty;

    StartTransactionCommand();
    insert_row(1);
    {
        HeapTuple   tup = make_row(2, "speculative");

        heap_insert(test_rel, tup, GetCurrentCommandId(true));
        tid = tup->t_self;
    }
    CommandCounterIncrement();
    ck_assert(heap_fetch(test_rel, GetTransactionSnapshot(), &tid, &out));
    heap_super_delete(test_rel, &tid);
    ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &tid, &out));
    InitDirtySnapshot(dirty);
    ck_assert(!heap_hot_search(test_rel, &dirty, &tid, false, &out));
    buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(&tid));
    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    t.t_data = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, ItemPointerGetOffsetNumber(&tid)));
    t.t_len = ItemIdGetLength(PageGetItemId(page, ItemPointerGetOffsetNumber(&tid)));
    t.t_self = tid;
    ck_assert(!TransactionIdIsValid(HeapTupleHeaderGetXmin(t.t_data)));
    ck_assert((t.t_data->t_infomask & HEAP_XMIN_INVALID) != 0);
    /* dead even while the inserting transaction is still running */
    ck_assert_int_eq(HeapTupleSatisfiesVacuum(&t, GetOldestXmin(InvalidOid, true), buf),
                     HEAPTUPLE_DEAD);
    UnlockReleaseBuffer(buf);
    CommitTransactionCommand();
    ck_assert_int_eq(stmt_count(), 1);
    ck_assert_int_eq(stmt_sum(), 1);
    StartTransactionCommand();
    ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &tid, &out));
    ck_assert(heap_fetch(test_rel, SnapshotAny, &tid, &out));
    CommitTransactionCommand();
}
END_TEST

START_TEST(update_builds_ctid_chain)
{
    ItemPointerData first;
    HeapTuple   tup;
    HeapTupleData old;
    Buffer      buf;
    Page        page;

    stmt_insert(1);
    StartTransactionCommand();
    {
        TableScanDesc scan = heap_beginscan(test_rel, GetTransactionSnapshot());

        first = heap_getnext(scan)->t_self;
        heap_endscan(scan);
    }
    CommitTransactionCommand();
    ck_assert_int_eq(stmt_modify(false, 10), TM_Ok);
    ck_assert_int_eq(stmt_modify(false, 10), TM_Ok);
    ck_assert_int_eq(stmt_count(), 1);
    ck_assert_int_eq(stmt_sum(), 21);

    /* Follow the chain from the first version with SnapshotAny. */
    StartTransactionCommand();
    ck_assert(heap_fetch(test_rel, SnapshotAny, &first, &tup));
    ck_assert(!ItemPointerEquals(&tup->t_data->t_ctid, &first));
    ck_assert_int_eq(row_id(tup), 1);
    ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &first, &tup));
    ck_assert(heap_fetch(test_rel, SnapshotAny, &first, &tup));
    {
        ItemPointerData second = tup->t_data->t_ctid;
        HeapTuple   t2;

        ck_assert(heap_fetch(test_rel, SnapshotAny, &second, &t2));
        ck_assert_int_eq(row_id(t2), 11);
        ck_assert((t2->t_data->t_infomask & HEAP_UPDATED) != 0);
        ck_assert(heap_fetch(test_rel, SnapshotAny, &t2->t_data->t_ctid, &t2));
        ck_assert_int_eq(row_id(t2), 21);
        ck_assert(ItemPointerEquals(&t2->t_data->t_ctid, &t2->t_self));
    }
    /* VACUUM's verdict on the first version: dead once nobody can see it. */
    buf = ReadBuffer(test_rel, ItemPointerGetBlockNumber(&first));
    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    old.t_data = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, ItemPointerGetOffsetNumber(&first)));
    old.t_len = ItemIdGetLength(PageGetItemId(page, ItemPointerGetOffsetNumber(&first)));
    old.t_self = first;
    ck_assert_int_eq(HeapTupleSatisfiesVacuum(&old, GetOldestXmin(InvalidOid, true), buf),
                     HEAPTUPLE_DEAD);
    ck_assert_int_eq(HeapTupleSatisfiesVacuum(&old, HeapTupleHeaderGetRawXmax(old.t_data), buf),
                     HEAPTUPLE_RECENTLY_DEAD);
    UnlockReleaseBuffer(buf);
    CommitTransactionCommand();
}
END_TEST

START_TEST(update_moves_to_another_page_when_full)
{
    char        name[400];
    ItemPointerData tid;
    BlockNumber nblocks;

    memset(name, 'q', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    StartTransactionCommand();
    for (int i = 0; i < 19; i++)
    {
        HeapTuple   tup = make_row(i, name);

        heap_insert(test_rel, tup, GetCurrentCommandId(true));
        if (i == 0)
            tid = tup->t_self;
    }
    CommitTransactionCommand();
    nblocks = RelationGetNumberOfBlocks(test_rel);
    StartTransactionCommand();
    {
        HeapTuple   newtup = make_row(500, name);
        TM_FailureData tmfd;

        ck_assert_int_eq(heap_update(test_rel, &tid, newtup, GetCurrentCommandId(true),
                                     InvalidSnapshot, true, &tmfd), TM_Ok);
        ck_assert_uint_ne(ItemPointerGetBlockNumber(&newtup->t_self),
                          ItemPointerGetBlockNumber(&tid));
    }
    CommitTransactionCommand();
    ck_assert_uint_ge(RelationGetNumberOfBlocks(test_rel), nblocks);
    ck_assert_int_eq(stmt_count(), 19);
    ck_assert_int_eq(stmt_sum(), 18 * 19 / 2 + 500);
}
END_TEST

START_TEST(transaction_block_states)
{
    ck_assert_int_eq(TransactionBlockStatusCode(), 'I');
    ck_assert(!IsTransactionBlock());
    stmt_begin();
    ck_assert_int_eq(TransactionBlockStatusCode(), 'T');
    ck_assert(IsTransactionBlock());
    stmt_begin();               /* WARNING 25001, still in the block */
    ck_assert_int_eq(TransactionBlockStatusCode(), 'T');

    StartTransactionCommand();
    EXPECT_ERROR(PreventInTransactionBlock(true, "VACUUM"), ERRCODE_ACTIVE_SQL_TRANSACTION);
    ck_assert_str_eq(caught_message, "VACUUM cannot run inside a transaction block");
    /* The error put the block into the failed state. */
    ck_assert_int_eq(TransactionBlockStatusCode(), 'E');
    ck_assert(IsAbortedTransactionBlockState());
    ck_assert(!IsTransactionState());
    StartTransactionCommand();
    ck_assert(IsAbortedTransactionBlockState());
    CommitTransactionCommand();
    ck_assert_int_eq(TransactionBlockStatusCode(), 'E');

    /* COMMIT of a failed block rolls back. */
    StartTransactionCommand();
    ck_assert(!EndTransactionBlock());
    CommitTransactionCommand();
    ck_assert_int_eq(TransactionBlockStatusCode(), 'I');

    /* ROLLBACK / COMMIT outside a block only warn. */
    stmt_rollback();
    stmt_commit();
    ck_assert_int_eq(TransactionBlockStatusCode(), 'I');

    /* A block's writes vanish on ROLLBACK. */
    stmt_begin();
    stmt_insert(1);
    stmt_insert(2);
    ck_assert_int_eq(stmt_count(), 2);
    stmt_rollback();
    ck_assert_int_eq(stmt_count(), 0);

    /* And persist on COMMIT. */
    stmt_begin();
    stmt_insert(3);
    stmt_commit();
    ck_assert_int_eq(stmt_count(), 1);
    StartTransactionCommand();
    PreventInTransactionBlock(true, "VACUUM");
    CommitTransactionCommand();
}
END_TEST

/* ---------- two sessions ---------- */

START_TEST(uncommitted_insert_invisible_to_other_session)
{
    Session     other = session_start();

    stmt_begin();
    stmt_insert(5);
    ck_assert_int_eq(stmt_count(), 1);                  /* we see our own row */
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 0);
    stmt_commit();
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 1);

    /* And the other way round. */
    session_run(&other, SESS_BEGIN, 0);
    session_run(&other, SESS_INSERT, 6);
    ck_assert_int_eq(stmt_count(), 1);
    session_run(&other, SESS_ROLLBACK, 0);
    ck_assert_int_eq(stmt_count(), 1);
    session_run(&other, SESS_INSERT, 6);
    ck_assert_int_eq(stmt_count(), 2);
    session_stop(&other);
}
END_TEST

START_TEST(update_and_delete_visibility_read_committed)
{
    Session     other = session_start();

    stmt_insert(1);
    session_run(&other, SESS_BEGIN, 0);
    ck_assert_int_eq(session_run(&other, SESS_SUM, 0), 1);

    stmt_begin();
    ck_assert_int_eq(stmt_modify(false, 100), TM_Ok);
    ck_assert_int_eq(stmt_sum(), 101);
    ck_assert_int_eq(session_run(&other, SESS_SUM, 0), 1);     /* old version */
    stmt_commit();
    ck_assert_int_eq(session_run(&other, SESS_SUM, 0), 101);   /* READ COMMITTED */
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 1);

    stmt_begin();
    ck_assert_int_eq(stmt_modify(true, 0), TM_Ok);
    ck_assert_int_eq(stmt_count(), 0);
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 1);
    stmt_rollback();
    ck_assert_int_eq(stmt_count(), 1);
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 1);

    ck_assert_int_eq(stmt_modify(true, 0), TM_Ok);
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 0);
    ck_assert_int_eq(session_run(&other, SESS_COMMIT, 0), 1);
    session_stop(&other);
}
END_TEST

START_TEST(concurrent_update_waits_then_reports_conflict)
{
    Session     other = session_start();
    SessionReply r;

    stmt_insert(1);
    stmt_begin();
    ck_assert_int_eq(stmt_modify(false, 10), TM_Ok);

    /* Without waiting: the row is being modified. */
    ck_assert_int_eq(session_run(&other, SESS_UPDATE, 0), TM_BeingModified);

    /* With waiting: blocks until we finish. */
    session_send(&other, SESS_UPDATE, 1);
    ck_assert(!session_reply_ready(&other, 300));
    stmt_commit();
    ck_assert(session_reply_ready(&other, 10000));
    r = session_reply(&other);
    ck_assert_int_eq(r.sqlstate, 0);
    ck_assert_int_eq(r.value, TM_Updated);      /* READ COMMITTED: re-find via ctid */

    /* A fresh statement sees the new version and can update it. */
    ck_assert_int_eq(session_run(&other, SESS_UPDATE, 1), TM_Ok);
    ck_assert_int_eq(stmt_sum(), 1 + 10 + 1000);

    /* If the holder rolls back instead, the waiter proceeds on the old row. */
    stmt_begin();
    ck_assert_int_eq(stmt_modify(true, 0), TM_Ok);
    session_send(&other, SESS_UPDATE, 1);
    ck_assert(!session_reply_ready(&other, 300));
    stmt_rollback();
    r = session_reply(&other);
    ck_assert_int_eq(r.sqlstate, 0);
    ck_assert_int_eq(r.value, TM_Ok);
    ck_assert_int_eq(stmt_sum(), 1011 + 1000);
    ck_assert_int_eq(stmt_count(), 1);
    session_stop(&other);
}
END_TEST

START_TEST(row_lock_skip_locked_nowait_and_wait)
{
    Session     other = session_start();
    SessionReply r;

    stmt_insert(1);
    stmt_begin();
    StartTransactionCommand();
    ck_assert_int_eq(lock_all(LockWaitBlock), TM_Ok);
    ck_assert_int_eq(lock_all(LockWaitError), TM_Ok);  /* our own lock: no conflict */
    CommitTransactionCommand();

    ck_assert_int_eq(session_run(&other, SESS_LOCK, LockWaitSkip), TM_WouldBlock);
    session_send(&other, SESS_LOCK, LockWaitError);
    r = session_reply(&other);
    ck_assert_int_eq(r.sqlstate, ERRCODE_LOCK_NOT_AVAILABLE);
    /* Writers wait for a row lock as for an update. */
    ck_assert_int_eq(session_run(&other, SESS_UPDATE, 0), TM_BeingModified);

    /* Readers are not blocked by row locks. */
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 1);

    session_send(&other, SESS_LOCK, LockWaitBlock);
    ck_assert(!session_reply_ready(&other, 300));
    stmt_commit();
    ck_assert(session_reply_ready(&other, 10000));
    r = session_reply(&other);
    ck_assert_int_eq(r.sqlstate, 0);
    ck_assert_int_eq(r.value, TM_Ok);
    /* A committed locker blocks nobody: we can update the row now. */
    ck_assert_int_eq(stmt_modify(false, 1), TM_Ok);
    ck_assert_int_eq(stmt_sum(), 2);
    session_stop(&other);
}
END_TEST

START_TEST(row_deadlock_gives_40P01)
{
    Session     other;
    SessionReply r;
    uint64      before = LockDeadlockCount();

    DeadlockTimeoutMs = 100;
    stmt_insert(1);
    stmt_insert(2);
    other = session_start();
    stmt_begin();
    StartTransactionCommand();
    ck_assert_int_eq(update_id(1), TM_Ok);
    CommitTransactionCommand();
    session_run(&other, SESS_BEGIN, 0);
    ck_assert_int_eq(session_run(&other, SESS_UPDATE_ID, 2), TM_Ok);
    session_send(&other, SESS_UPDATE_ID, 1);    /* waits for us */
    ck_assert(!session_reply_ready(&other, 50));
    /* Now we wait for it: a cycle.  It waited first, so it is the victim. */
    StartTransactionCommand();
    ck_assert_int_eq(update_id(2), TM_Ok);
    CommitTransactionCommand();
    r = session_reply(&other);
    ck_assert_int_eq(r.sqlstate, ERRCODE_T_R_DEADLOCK_DETECTED);
    ck_assert_uint_eq(LockDeadlockCount(), before + 1);
    session_run(&other, SESS_ROLLBACK, 0);
    stmt_commit();
    ck_assert_int_eq(stmt_sum(), 1001 + 1002);
    session_stop(&other);
}
END_TEST

START_TEST(lock_follows_update_chain_to_newest_version)
{
    ItemPointerData first;
    ItemPointerData tid;
    TM_FailureData tmfd;
    HeapTuple   latest;

    stmt_insert(7);
    StartTransactionCommand();
    {
        TableScanDesc scan = heap_beginscan(test_rel, GetTransactionSnapshot());

        first = heap_getnext(scan)->t_self;
        heap_endscan(scan);
    }
    CommitTransactionCommand();
    ck_assert_int_eq(stmt_modify(false, 1), TM_Ok);
    ck_assert_int_eq(stmt_modify(false, 1), TM_Ok);

    StartTransactionCommand();
    tid = first;
    ck_assert_int_eq(heap_lock_tuple(test_rel, &tid, GetCurrentCommandId(true), LockTupleExclusive,
                                     LockWaitBlock, false, NULL, &tmfd), TM_Updated);
    ck_assert_int_eq(heap_lock_tuple(test_rel, &tid, GetCurrentCommandId(true), LockTupleExclusive,
                                     LockWaitBlock, true, &latest, &tmfd), TM_Ok);
    ck_assert(tmfd.traversed);
    ck_assert(!ItemPointerEquals(&tid, &first));
    ck_assert_int_eq(row_id(latest), 9);
    CommitTransactionCommand();

    /* A deleted row ends the chain with TM_Deleted. */
    ck_assert_int_eq(stmt_modify(true, 0), TM_Ok);
    StartTransactionCommand();
    tid = first;
    ck_assert_int_eq(heap_lock_tuple(test_rel, &tid, GetCurrentCommandId(true), LockTupleExclusive,
                                     LockWaitBlock, true, &latest, &tmfd), TM_Deleted);
    CommitTransactionCommand();
}
END_TEST

START_TEST(repeatable_read_keeps_first_snapshot)
{
    Session     other = session_start();

    stmt_insert(1);
    stmt_begin();
    XactIsoLevel = XACT_REPEATABLE_READ;
    ck_assert_int_eq(stmt_count(), 1);
    session_run(&other, SESS_INSERT, 2);
    ck_assert_int_eq(stmt_count(), 1);          /* READ COMMITTED would see 2 */
    ck_assert_int_eq(session_run(&other, SESS_UPDATE, 1), TM_Ok);
    ck_assert_int_eq(stmt_sum(), 1);            /* still the old version */
    /* Writing a row changed after our snapshot: the caller raises 40001. */
    ck_assert_int_eq(stmt_modify(false, 5), TM_Updated);
    stmt_commit();
    ck_assert_int_eq(stmt_count(), 2);
    ck_assert_int_eq(stmt_sum(), 1001 + 1002);
    session_stop(&other);
}
END_TEST

static void
stmt_savepoint(int kind, const char *name)
{
    StartTransactionCommand();
    if (kind == 0)
        DefineSavepoint(name);
    else if (kind == 1)
        ReleaseSavepoint(name);
    else
        RollbackToSavepoint(name);
    CommitTransactionCommand();
}

START_TEST(savepoints_roll_back_and_release)
{
    Session     other = session_start();

    stmt_begin();
    stmt_insert(1);
    stmt_savepoint(0, "a");
    stmt_insert(2);
    stmt_savepoint(0, "b");
    stmt_insert(3);
    ck_assert_int_eq(stmt_sum(), 6);
    stmt_savepoint(2, "b");                 /* ROLLBACK TO b: row 3 is gone */
    ck_assert_int_eq(stmt_sum(), 3);
    ck_assert_int_eq(GetCurrentTransactionNestLevel(), 3);  /* b still defined */
    stmt_insert(4);
    stmt_savepoint(1, "a");                 /* RELEASE a (and b) */
    ck_assert_int_eq(GetCurrentTransactionNestLevel(), 1);
    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 0);   /* nothing committed yet */

    /* An error inside a savepoint fails only the savepoint. */
    stmt_savepoint(0, "c");
    stmt_insert(8);
    StartTransactionCommand();
    EXPECT_ERROR(RollbackToSavepoint("nosuch"), ERRCODE_S_E_INVALID_SPECIFICATION);
    ck_assert(IsAbortedTransactionBlockState());
    ck_assert_int_eq(TransactionBlockStatusCode(), 'E');
    stmt_savepoint(2, "c");
    ck_assert_int_eq(TransactionBlockStatusCode(), 'T');
    ck_assert_int_eq(stmt_sum(), 1 + 2 + 4);
    stmt_commit();

    ck_assert_int_eq(session_run(&other, SESS_COUNT, 0), 3);
    ck_assert_int_eq(session_run(&other, SESS_SUM, 0), 7);

    /* A waiter on a row changed in a savepoint proceeds when it is rolled back. */
    stmt_begin();
    stmt_savepoint(0, "d");
    ck_assert_int_eq(stmt_modify(false, 100), TM_Ok);
    session_send(&other, SESS_UPDATE, 1);
    ck_assert(!session_reply_ready(&other, 300));
    stmt_savepoint(2, "d");
    ck_assert(session_reply_ready(&other, 10000));
    ck_assert_int_eq(session_reply(&other).value, TM_Ok);
    stmt_commit();
    ck_assert_int_eq(stmt_sum(), 7 + 3 * 1000);
    session_stop(&other);
}
END_TEST

/*
 * Move the xid counter to next, as a clean restart would from a control
 * file that says so.
 */
static void
set_next_xid(TransactionId next)
{
    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    ControlFile->next_xid = next;
    ControlFile->state = DB_STATE_SHUTDOWNED;
    LWLockRelease(MainLWLock(ControlFileLock));
    StartupTransactionIds();
    ck_assert_uint_eq(ReadNextTransactionId(), next);
}

START_TEST(xids_near_the_48_bit_limit)
{
    const TransactionId first = XidStopLimit - 3;
    ItemPointerData tid;
    HeapTuple   tup;

    /* The limit check alone: the last assignable value, then refusal. */
    TransactionIdCounterCheck(XidStopLimit - 1);
    EXPECT_ERROR(TransactionIdCounterCheck(XidStopLimit), ERRCODE_PROGRAM_LIMIT_EXCEEDED);
    EXPECT_ERROR(TransactionIdCounterCheck(MaxTransactionId), ERRCODE_PROGRAM_LIMIT_EXCEEDED);
    ck_assert_uint_ge(MaxTransactionId - XidStopLimit, 1000000);

    /* Rows stored by and deleted by xids above 2^32 keep their full ids. */
    set_next_xid(first);
    StartTransactionCommand();
    tup = make_row(1, "one");
    heap_insert(test_rel, tup, GetCurrentCommandId(true));
    tid = tup->t_self;
    insert_row(2);
    ck_assert_uint_eq(GetCurrentTransactionId(), first);
    CommitTransactionCommand();
    ck_assert_int_eq(stmt_modify(false, 10), TM_Ok);   /* xid first + 1 */
    ck_assert_int_eq(stmt_count(), 2);
    ck_assert_int_eq(stmt_sum(), 23);

    StartTransactionCommand();
    ck_assert(!heap_fetch(test_rel, GetTransactionSnapshot(), &tid, &tup));
    ck_assert(heap_fetch(test_rel, SnapshotAny, &tid, &tup));
    ck_assert_uint_eq(HeapTupleHeaderGetXmin(tup->t_data), first);
    ck_assert_uint_eq(HeapTupleHeaderGetRawXmax(tup->t_data), first + 1);
    /* Multixact ids share the counter and its limit. */
    ck_assert_uint_eq(GetNewMultiXactIdValue(), XidStopLimit - 1);
    CommitTransactionCommand();

    /* The counter is at the stop limit: writes are refused, reads go on. */
    StartTransactionCommand();
    EXPECT_ERROR(insert_row(3), ERRCODE_PROGRAM_LIMIT_EXCEEDED);
    {
        const char *prefix = "database is not accepting commands that assign new transaction IDs";

        ck_assert_msg(strncmp(caught_message, prefix, strlen(prefix)) == 0, "%s",
                      caught_message);
    }
    StartTransactionCommand();
    EXPECT_ERROR(GetNewMultiXactIdValue(), ERRCODE_PROGRAM_LIMIT_EXCEEDED);
    ck_assert_uint_eq(ReadNextTransactionId(), XidStopLimit);
    ck_assert_int_eq(stmt_count(), 2);
    ck_assert_int_eq(stmt_sum(), 23);
}
END_TEST

START_TEST(snapshot_sees_running_xids)
{
    Session     other = session_start();
    Snapshot    snap;
    TransactionId mine;

    session_run(&other, SESS_BEGIN, 0);
    session_run(&other, SESS_INSERT, 1);     /* the other session now has an xid */
    StartTransactionCommand();
    mine = GetCurrentTransactionId();
    snap = GetTransactionSnapshot();
    ck_assert_uint_eq(snap->xcnt, 1);
    ck_assert(TransactionIdIsInProgress(snap->xip[0]));
    ck_assert_uint_lt(snap->xip[0], mine);
    ck_assert_uint_le(snap->xmin, snap->xip[0]);
    ck_assert_uint_gt(snap->xmax, mine);
    ck_assert_uint_le(GetOldestXmin(InvalidOid, true), snap->xip[0]);
    ck_assert_int_eq(ProcArrayCountBackends(B_BACKEND), 1);
    CommitTransactionCommand();
    session_run(&other, SESS_COMMIT, 0);
    StartTransactionCommand();
    snap = GetTransactionSnapshot();
    ck_assert_uint_eq(snap->xcnt, 0);
    CommitTransactionCommand();
    session_stop(&other);
    ck_assert_int_eq(ProcArrayCountBackends(B_BACKEND), 0);
}
END_TEST

static Suite *
heap_suite(void)
{
    Suite      *s = suite_create("heap");
    TCase      *tc_one = tcase_create("one session");
    TCase      *tc_two = tcase_create("two sessions");

    tcase_add_checked_fixture(tc_one, heap_setup, storage_teardown);
    tcase_set_timeout(tc_one, 60);
    tcase_add_test(tc_one, insert_scan_fetch_many_rows);
    tcase_add_test(tc_one, rescan_returns_rows_again);
    tcase_add_test(tc_one, oversized_tuple_is_rejected);
    tcase_add_test(tc_one, own_changes_follow_command_ids);
    tcase_add_test(tc_one, aborted_insert_is_invisible_and_hinted);
    tcase_add_test(tc_one, super_deleted_tuple_is_dead_to_everyone);
    tcase_add_test(tc_one, update_builds_ctid_chain);
    tcase_add_test(tc_one, update_moves_to_another_page_when_full);
    tcase_add_test(tc_one, transaction_block_states);
    tcase_add_test(tc_one, xids_near_the_48_bit_limit);
    suite_add_tcase(s, tc_one);

    tcase_add_checked_fixture(tc_two, heap_setup, storage_teardown);
    tcase_set_timeout(tc_two, 60);
    tcase_add_test(tc_two, uncommitted_insert_invisible_to_other_session);
    tcase_add_test(tc_two, update_and_delete_visibility_read_committed);
    tcase_add_test(tc_two, concurrent_update_waits_then_reports_conflict);
    tcase_add_test(tc_two, row_lock_skip_locked_nowait_and_wait);
    tcase_add_test(tc_two, row_deadlock_gives_40P01);
    tcase_add_test(tc_two, lock_follows_update_chain_to_newest_version);
    tcase_add_test(tc_two, repeatable_read_keeps_first_snapshot);
    tcase_add_test(tc_two, savepoints_roll_back_and_release);
    tcase_add_test(tc_two, snapshot_sees_running_xids);
    suite_add_tcase(s, tc_two);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(heap_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
