/*
 * heapam.c
 *     Heap access methods: insert, sequential scan, fetch, delete, update,
 *     truncate, storage creation and removal.
 * Entry points: see access/heapam.h.  Invariants, locking and crash
 * behaviour: README in this directory.
 *
 * Locking summary: a page's content lock is held while reading line
 * pointers or tuple headers and exclusively while changing them.  At most
 * two content locks are held at once (heap_update), taken in ascending
 * block order.  No content lock is held while extending the relation or
 * waiting for another transaction.
 */
#include "rustydb.h"


#include "access/heapam.h"
#include "heapam_int.h"
#include "access/heapam_xlog.h"
#include "access/pruneheap.h"
#include "access/visibilitymap.h"
#include "access/transam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/lock.h"
#include "storage/freespace.h"
#include "storage/proc.h"
#include "storage/smgr.h"
#include "storage/smgr_xlog.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#include "heap_int.h"

/* ---------- helpers ---------- */

static void
check_tuple_size(Size len)
{
    if (len > MaxHeapTupleSize)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("row is too big: size %zu, maximum size %zu",
                       len, (Size) MaxHeapTupleSize));
}

/*
 * wait_for_xact -- sleep until xid has ended, by waiting for its
 * transaction lock (lock manager): the wait takes part in deadlock
 * detection (40P01), lock_timeout (55P03) and query cancel /
 * statement_timeout (57014).  Caller holds no buffer content lock.
 */
static void
wait_for_xact(TransactionId xid)
{
    XactLockTableWait(xid);
}

/* Initialise a new (all-zero) heap page in place.  Caller holds it exclusively. */
static void
init_if_new(Buffer buffer)
{
    Page        page = BufferGetPage(buffer);

    if (PageIsNew(page))
    {
        PageInit(page, BLCKSZ, 0);
        MarkBufferDirty(buffer);
    }
}

/* Lock two buffers in ascending block order (same buffer: once). */
static void
lock_two(Buffer a, Buffer b)
{
    if (a == b)
        LockBuffer(a, BUFFER_LOCK_EXCLUSIVE);
    else if (BufferGetBlockNumber(a) < BufferGetBlockNumber(b))
    {
        LockBuffer(a, BUFFER_LOCK_EXCLUSIVE);
        LockBuffer(b, BUFFER_LOCK_EXCLUSIVE);
    }
    else
    {
        LockBuffer(b, BUFFER_LOCK_EXCLUSIVE);
        LockBuffer(a, BUFFER_LOCK_EXCLUSIVE);
    }
}

static void
unlock_two(Buffer a, Buffer b)
{
    LockBuffer(a, BUFFER_LOCK_UNLOCK);
    if (b != a)
        LockBuffer(b, BUFFER_LOCK_UNLOCK);
}

/*
 * get_buffer_for_tuple -- a pinned, exclusively locked page with at least
 * len bytes (MAXALIGNed item size) free.  Tries the last page, then extends.
 * If other is valid (pinned, unlocked by the caller), it is locked too, in
 * block order; the result may be other itself (then pinned once more).
 * Then asks the free space map (storage/freespace.h) for an earlier page.
 */
static Buffer
get_buffer_for_tuple(Relation rel, Size len, Buffer other)
{
    for (;;)
    {
        BlockNumber nblocks = RelationGetNumberOfBlocks(rel);
        Buffer      buffer;

        if (nblocks > 0)
        {
            BlockNumber target = nblocks - 1;

            if (BufferIsValid(other) && BufferGetBlockNumber(other) == target)
            {
                IncrBufferRefCount(other);
                buffer = other;
            }
            else
                buffer = ReadBuffer(rel, target);
            if (BufferIsValid(other))
                lock_two(buffer, other);
            else
                LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
            init_if_new(buffer);
            if (PageGetHeapFreeSpace(BufferGetPage(buffer)) >= len)
                return buffer;
            if (BufferIsValid(other))
                unlock_two(buffer, other);
            else
                LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
            ReleaseBuffer(buffer);
        }

        /*
         * Maintenance engine hook: reuse space that VACUUM or pruning
         * recorded in the free space map before extending.  The map is a
         * hint: a page that turns out too full is corrected and skipped.
         */
        for (int tries = 0; tries < 8; tries++)
        {
            BlockNumber target = GetPageWithFreeSpace(rel, len);
            Size        avail;

            if (target == InvalidBlockNumber || target >= nblocks)
                break;
            if (BufferIsValid(other) && BufferGetBlockNumber(other) == target)
            {
                IncrBufferRefCount(other);
                buffer = other;
            }
            else
                buffer = ReadBuffer(rel, target);
            if (BufferIsValid(other))
                lock_two(buffer, other);
            else
                LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
            init_if_new(buffer);
            avail = PageGetHeapFreeSpace(BufferGetPage(buffer));
            if (avail >= len)
                return buffer;
            if (BufferIsValid(other))
                unlock_two(buffer, other);
            else
                LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
            ReleaseBuffer(buffer);
            RecordPageWithFreeSpace(rel, target, avail);
        }

        buffer = ExtendRelationBuffered(rel, MAIN_FORKNUM);
        HeapSpaceNoteChange(rel, 0, 0, BLCKSZ - SizeOfPageHeaderData);  /* exact space: new page */
        init_if_new(buffer);
        if (!BufferIsValid(other))
            return buffer;      /* a fresh page always has room for a legal tuple */

        /*
         * The new block is the highest, so other must be locked first:
         * release ours, take both in order, and re-check (someone may have
         * filled the new page in between).
         */
        LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
        lock_two(buffer, other);
        init_if_new(buffer);
        if (PageGetHeapFreeSpace(BufferGetPage(buffer)) >= len)
            return buffer;
        unlock_two(buffer, other);
        ReleaseBuffer(buffer);
    }
}

/*
 * Place tuple data on a locked page; sets t_self and the stored t_ctid.
 * Runs inside the caller's critical section: the page is checked for room
 * beforehand, so the ERROR below means a corrupted page (and PANICs).
 * Returns the change of the page's exact free space (for exact space
 * accounting, commands/maintenance.h).
 */
static int64
put_tuple(Relation rel, Buffer buffer, HeapTuple tup)
{
    Page        page = BufferGetPage(buffer);
    int64       free_before = (int64) PageGetExactFreeSpace(page);
    OffsetNumber off;
    HeapTupleHeader stored;

    off = PageAddItem(page, tup->t_data, tup->t_len, InvalidOffsetNumber, PAI_IS_HEAP);
    if (off == InvalidOffsetNumber)
        elog(ERROR, "failed to add tuple to page %u of relation \"%s\"",
             BufferGetBlockNumber(buffer), RelationGetRelationName(rel));
    ItemPointerSet(&tup->t_self, BufferGetBlockNumber(buffer), off);
    tup->t_data->t_ctid = tup->t_self;
    stored = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, off));
    stored->t_ctid = tup->t_self;
    return (int64) PageGetExactFreeSpace(page) - free_before;
}

/* Prepare a new tuple version's MVCC header. */
static void
prepare_new_tuple(Relation rel, HeapTuple tup, TransactionId xid, CommandId cid, bool updated)
{
    HeapTupleHeader t = tup->t_data;

    HeapTupleHeaderSetXmin(t, xid);
    HeapTupleHeaderSetXmax(t, InvalidTransactionId);
    t->t_cid = cid;
    t->t_infomask &= (uint16) ~(HEAP_XACT_MASK | HEAP_COMBOCID | HEAP_XMAX_LOCK_ONLY);
    t->t_infomask |= HEAP_XMAX_INVALID;
    if (updated)
        t->t_infomask |= HEAP_UPDATED;
    tup->t_tableOid = RelationGetRelid(rel);
}

/*
 * fetch_for_modify_ext -- pin and exclusively lock the page of tid and point
 * *tup at the tuple.  ERROR if the tid does not name a normal line pointer.
 * With prune_for > 0 (heap_update: the new version's size), the page is
 * first pruned opportunistically if that is possible without waiting
 * (heap_page_prune_opt: only when ours is the only pin), so that the new
 * version can stay on the page as a heap-only tuple.
 */
static Buffer
fetch_for_modify_ext(Relation rel, ItemPointer tid, HeapTuple tup, Size prune_for)
{
    BlockNumber blkno = ItemPointerGetBlockNumber(tid);
    OffsetNumber off = ItemPointerGetOffsetNumber(tid);
    Buffer      buffer;
    Page        page;
    ItemId      lp;

    if (!RelationBlockExists(rel, blkno))
        elog(ERROR, "tid (%u,%u) is beyond the end of relation \"%s\"",
             blkno, off, RelationGetRelationName(rel));
    buffer = ReadBuffer(rel, blkno);
    if (prune_for > 0)
        heap_page_prune_opt(rel, buffer, prune_for);
    LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
    page = BufferGetPage(buffer);
    if (off < FirstOffsetNumber || off > PageGetMaxOffsetNumber(page) ||
        !ItemIdIsNormal(PageGetItemId(page, off)))
    {
        UnlockReleaseBuffer(buffer);
        elog(ERROR, "attempted to modify a nonexistent tuple (%u,%u) in relation \"%s\"",
             blkno, off, RelationGetRelationName(rel));
    }
    lp = PageGetItemId(page, off);
    tup->t_data = (HeapTupleHeader) PageGetItem(page, lp);
    tup->t_len = ItemIdGetLength(lp);
    tup->t_self = *tid;
    tup->t_tableOid = RelationGetRelid(rel);
    return buffer;
}

static Buffer
fetch_for_modify(Relation rel, ItemPointer tid, HeapTuple tup)
{
    return fetch_for_modify_ext(rel, tid, tup, 0);
}

/*
 * check_modifiable -- run HeapTupleSatisfiesUpdate, waiting for concurrent
 * modifiers if asked.  On return the buffer is still exclusively locked.
 */
static TM_Result
check_modifiable(HeapTuple tup, CommandId cid, Buffer buffer, bool wait, TM_FailureData *tmfd,
                 Relation rel, LockTupleMode mode)
{
    for (;;)
    {
        TM_Result   result = HeapTupleSatisfiesUpdate(tup, cid, buffer);

        if (result == TM_Invisible)
        {
            UnlockReleaseBuffer(buffer);
            elog(ERROR, "attempted to modify invisible tuple (%u,%u) in relation \"%s\"",
                 ItemPointerGetBlockNumber(&tup->t_self),
                 ItemPointerGetOffsetNumber(&tup->t_self), RelationGetRelationName(rel));
        }
        if (result == TM_BeingModified)
        {
            /*
             * A running updater, or running row lockers whose strength
             * conflicts with mode (DELETE and key-changing UPDATE: every
             * strength; other UPDATEs: all but FOR KEY SHARE).  Our own
             * locks (this transaction's, any level) never block us.
             */
            TransactionId xwait = heap_xmax_blocker(tup->t_data, mode);

            if (!TransactionIdIsValid(xwait))
            {
                /*
                 * An updater that ended after HeapTupleSatisfiesUpdate
                 * looked: look again (committed -> TM_Updated, aborted ->
                 * TM_Ok).  Going on here would update a version that has a
                 * committed successor: a lost update and two live versions.
                 */
                if ((tup->t_data->t_infomask & HEAP_XMAX_LOCK_ONLY) == 0 &&
                    !TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetRawXmax(tup->t_data)))
                    continue;
                return TM_Ok;   /* only compatible lockers */
            }
            if (wait)
            {
                LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
                wait_for_xact(xwait);
                LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
                continue;
            }
        }
        if (result != TM_Ok && tmfd != NULL)
        {
            tmfd->ctid = tup->t_data->t_ctid;
            tmfd->xmax = HeapTupleHeaderGetRawXmax(tup->t_data);
            tmfd->cmax = result == TM_SelfModified ? HeapTupleHeaderGetCmax(tup->t_data)
                : InvalidCommandId;
            tmfd->traversed = false;
        }
        return result;
    }
}

/* Stamp xmax/cmax on the old version.  Caller holds the exclusive lock. */
static void
set_xmax(HeapTupleHeader t, TransactionId xid, CommandId cmax, bool iscombo, bool lock_only,
         bool keys_updated)
{
    HeapTupleHeaderSetXmax(t, xid);
    t->t_cid = cmax;
    t->t_infomask &= (uint16) ~(HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_LOCK_ONLY |
                                HEAP_COMBOCID | HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_MASK |
                                HEAP_HOT_UPDATED);
    if (iscombo)
        t->t_infomask |= HEAP_COMBOCID;
    if (lock_only)
        t->t_infomask |= HEAP_XMAX_LOCK_ONLY;
    else if (keys_updated)
        t->t_infomask |= HEAP_KEYS_UPDATED;
}

/* ---------- WAL ---------- */

/*
 * log_heap_insert -- XLOG_HEAP_INSERT for the tuple at tid (just placed
 * on buffer's page).  Caller holds the exclusive lock inside a critical
 * section; the page LSN is set here.
 */
static void
log_heap_insert(Buffer buffer, ItemPointer tid)
{
    Page        page = BufferGetPage(buffer);
    OffsetNumber off = ItemPointerGetOffsetNumber(tid);
    ItemId      lp = PageGetItemId(page, off);
    XLogRecPtr  lsn;

    XLogBeginInsert();
    XLogRegisterBuffer(0, buffer, REGBUF_STANDARD);
    XLogRegisterBufData(0, &off, sizeof(off));
    XLogRegisterBufData(0, PageGetItem(page, lp), ItemIdGetLength(lp));
    lsn = XLogInsert(RM_HEAP_ID, XLOG_HEAP_INSERT);
    PageSetLSN(page, lsn);
}

/*
 * log_heap_header -- a record replacing the fixed header of the tuple at
 * tid (XLOG_HEAP_DELETE or XLOG_HEAP_LOCK).  Same locking as above.
 */
static void
log_heap_header(Buffer buffer, ItemPointer tid, HeapTupleHeader hdr, uint8 info)
{
    OffsetNumber off = ItemPointerGetOffsetNumber(tid);
    XLogRecPtr  lsn;

    XLogBeginInsert();
    XLogRegisterBuffer(0, buffer, REGBUF_STANDARD);
    XLogRegisterBufData(0, &off, sizeof(off));
    XLogRegisterBufData(0, hdr, SizeofHeapTupleHeader);
    lsn = XLogInsert(RM_HEAP_ID, info);
    PageSetLSN(BufferGetPage(buffer), lsn);
}

/* XLOG_HEAP_UPDATE: old version's new header, new version's stored bytes. */
static void
log_heap_update(Buffer buffer, ItemPointer otid, HeapTupleHeader oldhdr, Buffer newbuf,
                ItemPointer ntid)
{
    Page        newpage = BufferGetPage(newbuf);
    ItemId      lp = PageGetItemId(newpage, ItemPointerGetOffsetNumber(ntid));
    XLogHeapUpdate xl;
    XLogRecPtr  lsn;

    memset(&xl, 0, sizeof(xl));
    xl.old_offnum = ItemPointerGetOffsetNumber(otid);
    xl.new_offnum = ItemPointerGetOffsetNumber(ntid);
    xl.same_page = newbuf == buffer;
    XLogBeginInsert();
    XLogRegisterData(&xl, sizeof(xl));
    XLogRegisterBuffer(0, buffer, REGBUF_STANDARD);
    XLogRegisterBufData(0, oldhdr, SizeofHeapTupleHeader);
    if (xl.same_page)
        XLogRegisterBufData(0, PageGetItem(newpage, lp), ItemIdGetLength(lp));
    else
    {
        XLogRegisterBuffer(1, newbuf, REGBUF_STANDARD);
        XLogRegisterBufData(1, PageGetItem(newpage, lp), ItemIdGetLength(lp));
    }
    lsn = XLogInsert(RM_HEAP_ID, XLOG_HEAP_UPDATE);
    PageSetLSN(BufferGetPage(buffer), lsn);
    if (!xl.same_page)
        PageSetLSN(newpage, lsn);
}

/* ---------- insert ---------- */

void
heap_insert(Relation rel, HeapTuple tup, CommandId cid)
{
    TransactionId xid = GetCurrentTransactionId();
    Buffer      buffer;
    int64       free_delta;

    check_tuple_size(tup->t_len);
    prepare_new_tuple(rel, tup, xid, cid, false);
    buffer = get_buffer_for_tuple(rel, MAXALIGN(tup->t_len), InvalidBuffer);
    HeapPageClearAllVisible(rel, buffer);   /* maintenance engine: visibility map */
    START_CRIT_SECTION();
    free_delta = put_tuple(rel, buffer, tup);
    MarkBufferDirty(buffer);
    log_heap_insert(buffer, &tup->t_self);
    END_CRIT_SECTION();
    UnlockReleaseBuffer(buffer);
    HeapSpaceNoteChange(rel, tup->t_len, 0, free_delta);   /* maintenance engine: exact space */
}

void
simple_heap_insert(Relation rel, HeapTuple tup)
{
    heap_insert(rel, tup, GetCurrentCommandId(true));
}

/* ---------- scans ---------- */

TableScanDesc
heap_beginscan(Relation rel, Snapshot snapshot)
{
    TableScanDesc scan = palloc0(sizeof(TableScanDescData));

    if (snapshot == NULL)
        elog(ERROR, "heap_beginscan needs a snapshot");
    scan->rs_rd = rel;
    scan->rs_snapshot = snapshot;
    scan->rs_cblock = InvalidBlockNumber;
    scan->rs_cbuf = InvalidBuffer;
    scan->rs_inited = false;
    scan->rs_finished = false;
    scan->rs_ctup.t_tableOid = RelationGetRelid(rel);
    return scan;
}

/* Collect the visible tuples of the current page (share lock held briefly). */
static void
scan_load_page(TableScanDesc scan)
{
    Buffer      buffer = scan->rs_cbuf;
    Page        page;
    OffsetNumber maxoff;
    int         n = 0;

    LockBuffer(buffer, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buffer);
    scan->rs_cpage = page;
    maxoff = PageIsNew(page) ? 0 : PageGetMaxOffsetNumber(page);
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        if (!ItemIdIsNormal(lp))
            continue;
        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        tup.t_tableOid = RelationGetRelid(scan->rs_rd);
        ItemPointerSet(&tup.t_self, scan->rs_cblock, off);
        if (HeapTupleSatisfiesVisibility(&tup, scan->rs_snapshot, buffer))
            scan->rs_vistuples[n++] = off;
    }
    LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
    scan->rs_ntuples = n;
    scan->rs_cindex = 0;
}

HeapTuple
heap_getnext(TableScanDesc scan)
{
    if (scan->rs_finished)
        return NULL;
    if (!scan->rs_inited)
    {
        scan->rs_nblocks = RelationGetNumberOfBlocks(scan->rs_rd);
        scan->rs_cblock = InvalidBlockNumber;
        scan->rs_ntuples = 0;
        scan->rs_cindex = 0;
        scan->rs_inited = true;
    }
    for (;;)
    {
        BlockNumber next;

        if (scan->rs_cindex < scan->rs_ntuples)
        {
            Page        page = scan->rs_cpage;
            OffsetNumber off = scan->rs_vistuples[scan->rs_cindex++];
            ItemId      lp = PageGetItemId(page, off);

            scan->rs_ctup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
            scan->rs_ctup.t_len = ItemIdGetLength(lp);
            ItemPointerSet(&scan->rs_ctup.t_self, scan->rs_cblock, off);
            scan->rs_tuples_returned++;
            return &scan->rs_ctup;
        }
        if (BufferIsValid(scan->rs_cbuf))
        {
            ReleaseBuffer(scan->rs_cbuf);
            scan->rs_cbuf = InvalidBuffer;
        }
        next = scan->rs_cblock == InvalidBlockNumber ? 0 : scan->rs_cblock + 1;
        if (next >= scan->rs_nblocks)
        {
            scan->rs_finished = true;
            scan->rs_cblock = InvalidBlockNumber;
            return NULL;
        }
        scan->rs_cblock = next;
        scan->rs_cbuf = ReadBuffer(scan->rs_rd, next);
        heap_page_prune_opt(scan->rs_rd, scan->rs_cbuf, 0); /* maintenance engine */
        scan->rs_roots_valid = false;
        scan_load_page(scan);
    }
}

void
heap_rescan(TableScanDesc scan)
{
    if (BufferIsValid(scan->rs_cbuf))
        ReleaseBuffer(scan->rs_cbuf);
    scan->rs_cbuf = InvalidBuffer;
    scan->rs_cblock = InvalidBlockNumber;
    scan->rs_inited = false;
    scan->rs_finished = false;
    scan->rs_ntuples = 0;
    scan->rs_cindex = 0;
}

void
heap_endscan(TableScanDesc scan)
{
    if (BufferIsValid(scan->rs_cbuf))
        ReleaseBuffer(scan->rs_cbuf);
    pfree(scan);
}

bool
heap_fetch(Relation rel, Snapshot snapshot, ItemPointer tid, HeapTuple *out)
{
    BlockNumber blkno = ItemPointerGetBlockNumber(tid);
    OffsetNumber off = ItemPointerGetOffsetNumber(tid);
    Buffer      buffer;
    Page        page;
    ItemId      lp;
    HeapTupleData tup;
    bool        visible;

    *out = NULL;
    if (!ItemPointerIsValid(tid) || !RelationBlockExists(rel, blkno))
        return false;
    buffer = ReadBuffer(rel, blkno);
    LockBuffer(buffer, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buffer);
    if (PageIsNew(page) || off > PageGetMaxOffsetNumber(page) ||
        !ItemIdIsNormal(PageGetItemId(page, off)))
    {
        UnlockReleaseBuffer(buffer);
        return false;
    }
    lp = PageGetItemId(page, off);
    tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
    tup.t_len = ItemIdGetLength(lp);
    tup.t_self = *tid;
    tup.t_tableOid = RelationGetRelid(rel);
    visible = HeapTupleSatisfiesVisibility(&tup, snapshot, buffer);
    if (visible)
        *out = heap_copytuple(&tup);
    UnlockReleaseBuffer(buffer);
    return visible;
}

/* ---------- HOT chains ---------- */

bool
heap_hot_search(Relation rel, Snapshot snapshot, ItemPointer tid, bool prune, HeapTuple *out)
{
    BlockNumber blkno = ItemPointerGetBlockNumber(tid);
    Buffer      buffer;
    Page        page;
    OffsetNumber off;
    TransactionId prev_xmax = InvalidTransactionId;
    bool        found = false;

    *out = NULL;
    if (!ItemPointerIsValid(tid) || !RelationBlockExists(rel, blkno))
        return false;
    buffer = ReadBuffer(rel, blkno);
    if (prune)
        heap_page_prune_opt(rel, buffer, 0);
    LockBuffer(buffer, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buffer);
    off = PageIsNew(page) ? InvalidOffsetNumber :
        heap_chain_start(page, ItemPointerGetOffsetNumber(tid));
    /* a chain has at most one member per line pointer: the bound stops a corrupt loop */
    for (int n = 0; off != InvalidOffsetNumber && n <= MaxHeapTuplesPerPage; n++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        ItemPointerSet(&tup.t_self, blkno, off);
        tup.t_tableOid = RelationGetRelid(rel);
        if (TransactionIdIsValid(prev_xmax) && HeapTupleHeaderGetXmin(tup.t_data) != prev_xmax)
            break;
        if (HeapTupleSatisfiesVisibility(&tup, snapshot, buffer))
        {
            *out = heap_copytuple(&tup);
            found = true;
            break;
        }
        prev_xmax = HeapTupleHeaderGetRawXmax(tup.t_data);
        off = heap_chain_next(page, blkno, tup.t_data);
    }
    UnlockReleaseBuffer(buffer);
    return found;
}

void
heap_get_root_tuples(Page page, BlockNumber blkno, OffsetNumber *roots)
{
    OffsetNumber maxoff = PageIsNew(page) ? 0 : PageGetMaxOffsetNumber(page);

    for (OffsetNumber off = 0; off <= MaxOffsetNumber && off <= maxoff; off++)
        roots[off] = InvalidOffsetNumber;
    for (OffsetNumber root = FirstOffsetNumber; root <= maxoff; root++)
    {
        OffsetNumber off = heap_chain_start(page, root);

        for (int n = 0; off != InvalidOffsetNumber && n <= MaxHeapTuplesPerPage; n++)
        {
            HeapTupleHeader h = (HeapTupleHeader) PageGetItem(page, PageGetItemId(page, off));

            if (roots[off] != InvalidOffsetNumber)
                break;          /* corrupt: two chains share a member */
            roots[off] = root;
            off = heap_chain_next(page, blkno, h);
        }
    }
}

bool
heap_scan_root_tid(TableScanDesc scan, HeapTuple tup, ItemPointer root)
{
    OffsetNumber off = ItemPointerGetOffsetNumber(&tup->t_self);

    Assert(BufferIsValid(scan->rs_cbuf) &&
           ItemPointerGetBlockNumber(&tup->t_self) == scan->rs_cblock);
    if (!HeapTupleHeaderIsHeapOnly(tup->t_data))
    {
        *root = tup->t_self;
        return true;
    }
    /*
     * Computed once per page; recomputed when the tuple is missing: a
     * concurrent HOT update may have extended a chain since (our pin keeps
     * existing members in place, but not new ones from appearing).
     */
    for (int attempt = 0; attempt < 2; attempt++)
    {
        if (!scan->rs_roots_valid || attempt > 0)
        {
            LockBuffer(scan->rs_cbuf, BUFFER_LOCK_SHARE);
            heap_get_root_tuples(BufferGetPage(scan->rs_cbuf), scan->rs_cblock, scan->rs_roots);
            scan->rs_roots_maxoff = PageGetMaxOffsetNumber(BufferGetPage(scan->rs_cbuf));
            LockBuffer(scan->rs_cbuf, BUFFER_LOCK_UNLOCK);
            scan->rs_roots_valid = true;
        }
        if (off <= scan->rs_roots_maxoff && scan->rs_roots[off] != InvalidOffsetNumber)
        {
            ItemPointerSet(root, scan->rs_cblock, scan->rs_roots[off]);
            return true;
        }
    }
    return false;
}

/* ---------- delete and update ---------- */

TM_Result
heap_delete(Relation rel, ItemPointer tid, CommandId cid, Snapshot crosscheck, bool wait,
            TM_FailureData *tmfd)
{
    TransactionId xid = GetCurrentTransactionId();
    HeapTupleData tup;
    Buffer      buffer;
    TM_Result   result;
    CommandId   cmax = cid;
    bool        iscombo;

    if (crosscheck != InvalidSnapshot)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("crosscheck snapshots are not supported yet"));
    buffer = fetch_for_modify(rel, tid, &tup);
    result = check_modifiable(&tup, cid, buffer, wait, tmfd, rel, LockTupleExclusive);
    if (result != TM_Ok)
    {
        UnlockReleaseBuffer(buffer);
        return result;
    }
    HeapTupleHeaderAdjustCmax(tup.t_data, &cmax, &iscombo);
    HeapPageClearAllVisible(rel, buffer);   /* maintenance engine: visibility map */
    START_CRIT_SECTION();
    set_xmax(tup.t_data, xid, cmax, iscombo, false, true);
    PageSetPrunable(BufferGetPage(buffer), xid);    /* maintenance engine: pruning hint */
    tup.t_data->t_ctid = tup.t_self;
    MarkBufferDirty(buffer);
    log_heap_header(buffer, &tup.t_self, tup.t_data, XLOG_HEAP_DELETE);
    END_CRIT_SECTION();
    UnlockReleaseBuffer(buffer);
    HeapSpaceNoteChange(rel, 0, tup.t_len, 0);  /* maintenance engine: exact space */
    return TM_Ok;
}

void
heap_super_delete(Relation rel, ItemPointer tid)
{
    HeapTupleData tup;
    Buffer      buffer = fetch_for_modify(rel, tid, &tup);
    HeapTupleHeader t = tup.t_data;

    if ((t->t_infomask & HEAP_XMIN_INVALID) != 0 ||
        !TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(t)) ||
        ((t->t_infomask & HEAP_XMAX_INVALID) == 0 &&
         TransactionIdIsValid(HeapTupleHeaderGetRawXmax(t))))
    {
        UnlockReleaseBuffer(buffer);
        elog(ERROR, "attempted to super-delete tuple (%u,%u) of relation \"%s\" not inserted "
             "by this transaction", ItemPointerGetBlockNumber(tid),
             ItemPointerGetOffsetNumber(tid), RelationGetRelationName(rel));
    }
    HeapPageClearAllVisible(rel, buffer);
    START_CRIT_SECTION();
    HeapTupleHeaderSetXmin(t, InvalidTransactionId);
    t->t_infomask &= ~HEAP_XMIN_COMMITTED;
    t->t_infomask |= HEAP_XMIN_INVALID;
    /* dead to everyone now: pruning may remove it at once */
    PageSetPrunable(BufferGetPage(buffer), FirstNormalTransactionId);
    MarkBufferDirty(buffer);
    log_heap_header(buffer, &tup.t_self, t, XLOG_HEAP_SUPER_DELETE);
    END_CRIT_SECTION();
    UnlockReleaseBuffer(buffer);
    HeapSpaceNoteChange(rel, 0, tup.t_len, 0);  /* exact space: dead whatever the outcome */
}

/*
 * datum_image_equal -- are two non-null values of att binary-identical?
 * Conservative on purpose: equal values with different representations
 * (e.g. a short and a long varlena header) count as changed.
 */
static bool
datum_image_equal(const AttributeData *att, Datum a, Datum b)
{
    Size        len;

    if (att->attbyval)
        return a == b;
    len = datumGetSize(a, false, att->attlen);
    if (len != datumGetSize(b, false, att->attlen))
        return false;
    return memcmp(DatumGetPointer(a), DatumGetPointer(b), len) == 0;
}

/*
 * indexed_columns_changed -- does newtup differ from the stored old version
 * in any column marked in indexed_attrs (1-based attno - 1)?  Caller holds
 * the old version's page locked.  Scratch memory in CurrentMemoryContext.
 */
static bool
indexed_columns_changed(Relation rel, HeapTuple oldtup, HeapTuple newtup,
                        const bool *indexed_attrs)
{
    TupleDesc   desc = RelationGetDescr(rel);
    int         natts = desc->natts;
    Datum      *ovalues;
    bool       *onulls;
    Datum      *nvalues;
    bool       *nnulls;
    bool        changed = false;
    int         last = -1;

    for (int i = 0; i < natts; i++)
        if (indexed_attrs[i])
            last = i;
    if (last < 0)
        return false;
    ovalues = palloc(sizeof(Datum) * natts * 2);
    nvalues = ovalues + natts;
    onulls = palloc(sizeof(bool) * natts * 2);
    nnulls = onulls + natts;
    heap_deform_tuple_prefix(oldtup, desc, last + 1, ovalues, onulls);
    heap_deform_tuple_prefix(newtup, desc, last + 1, nvalues, nnulls);
    for (int i = 0; i <= last && !changed; i++)
    {
        if (!indexed_attrs[i])
            continue;
        if (onulls[i] != nnulls[i])
            changed = true;
        else if (!onulls[i])
            changed = !datum_image_equal(TupleDescAttr(desc, i), ovalues[i], nvalues[i]);
    }
    pfree(ovalues);
    pfree(onulls);
    return changed;
}

TM_Result
heap_update(Relation rel, ItemPointer otid, HeapTuple newtup, CommandId cid,
            Snapshot crosscheck, bool wait, TM_FailureData *tmfd)
{
    return heap_update_hot(rel, otid, newtup, cid, crosscheck, wait, tmfd, NULL, NULL, NULL);
}

/*
 * keys_changed -- does newtup differ from the stored old version in a
 * column marked in key_attrs (binary comparison; NULL key_attrs: every
 * update counts as key-changing)?  Caller holds the old page's lock.
 */
static bool
keys_changed(Relation rel, HeapTuple oldtup, HeapTuple newtup, const bool *key_attrs)
{
    TupleDesc   desc = RelationGetDescr(rel);

    if (key_attrs == NULL)
        return true;
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);
        bool        oldnull;
        bool        newnull;
        Datum       oldval;
        Datum       newval;

        if (!key_attrs[i])
            continue;
        oldval = heap_getattr(oldtup, i + 1, desc, &oldnull);
        newval = heap_getattr(newtup, i + 1, desc, &newnull);
        if (oldnull != newnull ||
            (!oldnull && !DatumImageEqual(oldval, newval, att->attbyval, att->attlen)))
            return true;
    }
    return false;
}

TM_Result
heap_update_hot(Relation rel, ItemPointer otid, HeapTuple newtup, CommandId cid,
                Snapshot crosscheck, bool wait, TM_FailureData *tmfd,
                const bool *key_attrs, const bool *indexed_attrs, bool *hot_update)
{
    TransactionId xid = GetCurrentTransactionId();
    HeapTupleData oldtup;
    Buffer      buffer;
    Buffer      newbuf;
    TM_Result   result;
    CommandId   cmax = cid;
    bool        iscombo;
    bool        use_hot = false;
    Size        newlen;
    bool        key_update;
    TransactionId carried_xmax = InvalidTransactionId;
    uint16      carried_bits = 0;
    int64       free_delta;

    if (hot_update)
        *hot_update = false;
    if (crosscheck != InvalidSnapshot)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("crosscheck snapshots are not supported yet"));
    check_tuple_size(newtup->t_len);
    newlen = MAXALIGN(newtup->t_len);
    buffer = fetch_for_modify_ext(rel, otid, &oldtup, indexed_attrs != NULL ? newlen : 0);
    /* row locks: a non-key update does not wait for FOR KEY SHARE lockers */
    key_update = keys_changed(rel, &oldtup, newtup, key_attrs);
    result = check_modifiable(&oldtup, cid, buffer, wait, tmfd, rel,
                              key_update ? LockTupleExclusive : LockTupleNoKeyExclusive);
    if (result != TM_Ok)
    {
        UnlockReleaseBuffer(buffer);
        return result;
    }
    /* ... and their locks move to the new version (may ERROR: before any change) */
    if (!key_update)
        heap_carry_key_share_lockers(oldtup.t_data, &carried_xmax, &carried_bits);

    prepare_new_tuple(rel, newtup, xid, cid, true);
    if (TransactionIdIsValid(carried_xmax))
    {
        HeapTupleHeaderSetXmax(newtup->t_data, carried_xmax);
        newtup->t_data->t_infomask &= (uint16) ~HEAP_XMAX_INVALID;
        newtup->t_data->t_infomask |= carried_bits;
    }
    HeapTupleHeaderAdjustCmax(oldtup.t_data, &cmax, &iscombo);
    HeapPageClearAllVisible(rel, buffer);   /* maintenance engine: visibility map */

    if (PageGetHeapFreeSpace(BufferGetPage(buffer)) >= newlen)
    {
        IncrBufferRefCount(buffer);
        newbuf = buffer;
        /* HOT: same page and no indexed column changed (README "HOT chains") */
        use_hot = indexed_attrs != NULL &&
            !indexed_columns_changed(rel, &oldtup, newtup, indexed_attrs);
    }
    else
    {
        /*
         * Different page: mark the old version as being updated by us (a
         * lock-only xmax) so that nobody else modifies it while we look for
         * space without holding its lock.
         */
        START_CRIT_SECTION();
        set_xmax(oldtup.t_data, xid, cmax, iscombo, true, false);
        MarkBufferDirty(buffer);
        log_heap_header(buffer, &oldtup.t_self, oldtup.t_data, XLOG_HEAP_LOCK);
        END_CRIT_SECTION();
        LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
        newbuf = get_buffer_for_tuple(rel, newlen, buffer);
        HeapPageClearAllVisible(rel, newbuf);   /* maintenance engine: visibility map */
        /* VACUUM may have marked the old page all-visible while it was unlocked */
        HeapPageClearAllVisible(rel, buffer);
    }

    START_CRIT_SECTION();
    if (use_hot)
        newtup->t_data->t_infomask |= HEAP_ONLY_TUPLE;
    free_delta = put_tuple(rel, newbuf, newtup);
    set_xmax(oldtup.t_data, xid, cmax, iscombo, false, key_update);
    if (use_hot)
        oldtup.t_data->t_infomask |= HEAP_HOT_UPDATED;
    PageSetPrunable(BufferGetPage(buffer), xid);    /* maintenance engine: pruning hint */
    oldtup.t_data->t_ctid = newtup->t_self;
    MarkBufferDirty(buffer);
    if (newbuf != buffer)
        MarkBufferDirty(newbuf);
    log_heap_update(buffer, &oldtup.t_self, oldtup.t_data, newbuf, &newtup->t_self);
    END_CRIT_SECTION();
    unlock_two(buffer, newbuf);
    ReleaseBuffer(newbuf);
    ReleaseBuffer(buffer);
    HeapSpaceNoteChange(rel, newtup->t_len, oldtup.t_len, free_delta);    /* exact space */
    if (hot_update)
        *hot_update = use_hot;
    return TM_Ok;
}

static void
simple_result_check(TM_Result result, const char *what)
{
    switch (result)
    {
        case TM_Ok:
            return;
        case TM_SelfModified:
            elog(ERROR, "tuple already updated by self during %s", what);
            break;
        case TM_Updated:
        case TM_Deleted:
            ereport(ERROR, errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                    errmsg("tuple concurrently updated during %s", what));
            break;
        default:
            elog(ERROR, "unexpected result %d during %s", (int) result, what);
    }
}

void
simple_heap_delete(Relation rel, ItemPointer tid)
{
    TM_FailureData tmfd;

    simple_result_check(heap_delete(rel, tid, GetCurrentCommandId(true), InvalidSnapshot,
                                    true, &tmfd), "delete");
}

void
simple_heap_update(Relation rel, ItemPointer otid, HeapTuple newtup)
{
    TM_FailureData tmfd;

    simple_result_check(heap_update(rel, otid, newtup, GetCurrentCommandId(true),
                                    InvalidSnapshot, true, &tmfd), "update");
}

/* ---------- for heaplock.c (heapam_int.h) ---------- */

Buffer
heap_fetch_for_modify(Relation rel, ItemPointer tid, HeapTuple tup)
{
    return fetch_for_modify(rel, tid, tup);
}

void
heap_log_tuple_header(Buffer buffer, ItemPointer tid, HeapTupleHeader hdr, uint8 info)
{
    log_heap_header(buffer, tid, hdr, info);
}

/* ---------- storage ---------- */

void
heap_truncate_all(Relation rel)
{
    SMgrRelation reln = RelationGetSmgr(rel);

    XLogSmgrTruncate(rel->rd_locator, InvalidForkNumber, 0);
    DropRelationBuffers(rel->rd_locator, InvalidForkNumber, 0);
    for (int f = 0; f < NUM_FORKS; f++)
        if (SmgrExists(reln, (ForkNumber) f))
            SmgrTruncate(reln, (ForkNumber) f, 0);
    rel->rd_nblocks_cache = 0;
}

void
heap_create_storage(RelFileLocator locator)
{
    XLogSmgrCreate(locator, MAIN_FORKNUM);
    SmgrCreate(SmgrOpen(locator), MAIN_FORKNUM, false);
}

void
heap_drop_storage(RelFileLocator locator)
{
    XLogSmgrUnlink(locator);
    DropRelationBuffers(locator, InvalidForkNumber, 0);
    SmgrUnlink(locator, InvalidForkNumber);
}
