/*
 * pruneheap.c
 *     Removing dead tuple versions from one heap page: the first step of
 *     VACUUM on every page, and opportunistic pruning by ordinary scans.
 * Entry points: heap_page_prune(), heap_page_prune_opt().
 * Locking, WAL and the interplay with index entries: the heap README
 * ("Pruning and VACUUM").
 *
 * Without HOT every tuple version has its own index entries, so a pruned
 * tuple's line pointer cannot be reused before VACUUM has removed those
 * entries: pruning keeps it as LP_DEAD (no storage).  Only a table without
 * indexes may have its line pointers freed at once.
 */
#include "rustydb.h"

#include <time.h>

#include "access/heapam.h"
#include "access/pruneheap.h"
#include "access/transam.h"
#include "access/vacuum_xlog.h"
#include "access/xlog.h"
#include "catalog/catalog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/freespace.h"
#include "storage/procarray.h"
#include "utils/elog.h"

/* What to do with each line pointer, decided before the critical section. */
typedef enum PruneAction
{
    PRUNE_KEEP,
    PRUNE_MARK_DEAD,
    PRUNE_MARK_UNUSED
} PruneAction;

void
heap_page_prune(Relation rel, Buffer buffer, TransactionId oldest_xmin, bool mark_unused,
                PruneResult *res)
{
    Page        page = BufferGetPage(buffer);
    OffsetNumber maxoff;
    uint8       action[MaxOffsetNumber + 1];
    bool        any_change = false;
    TransactionId oldest_xmax = InvalidTransactionId;

    memset(res, 0, sizeof(*res));
    res->all_visible = true;
    res->oldest_xmax = InvalidTransactionId;
    if (PageIsNew(page))
        return;
    maxoff = PageGetMaxOffsetNumber(page);
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        action[off] = PRUNE_KEEP;
        if (!ItemIdIsUsed(lp))
            continue;
        if (ItemIdIsDead(lp))
        {
            if (mark_unused)
            {
                action[off] = PRUNE_MARK_UNUSED;
                any_change = true;
            }
            else
                res->dead_items[res->ndead_items++] = off;
            continue;
        }
        if (!ItemIdIsNormal(lp))
            continue;           /* redirects are not used (no HOT) */
        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        tup.t_tableOid = RelationGetRelid(rel);
        ItemPointerSet(&tup.t_self, BufferGetBlockNumber(buffer), off);
        switch (HeapTupleSatisfiesVacuum(&tup, oldest_xmin, buffer))
        {
            case HEAPTUPLE_DEAD:
                res->ndeleted++;
                any_change = true;
                if (mark_unused)
                    action[off] = PRUNE_MARK_UNUSED;
                else
                {
                    action[off] = PRUNE_MARK_DEAD;
                    res->dead_items[res->ndead_items++] = off;
                }
                break;
            case HEAPTUPLE_LIVE:
                res->nlive++;
                res->live_bytes += tup.t_len;
                /* visible to all: inserter committed before every running snapshot */
                if (!HeapTupleHeaderXminCommitted(tup.t_data) || tup.t_data->t_xmin >= oldest_xmin)
                    res->all_visible = false;
                break;
            case HEAPTUPLE_RECENTLY_DEAD:
                res->nrecently_dead++;
                res->dead_bytes += tup.t_len;
                res->all_visible = false;
                if (oldest_xmax == InvalidTransactionId || tup.t_data->t_xmax < oldest_xmax)
                    oldest_xmax = tup.t_data->t_xmax;
                break;
            case HEAPTUPLE_INSERT_IN_PROGRESS:
                res->ninserting++;
                res->live_bytes += tup.t_len;
                res->all_visible = false;
                break;
            case HEAPTUPLE_DELETE_IN_PROGRESS:
                res->nlive++;
                res->live_bytes += tup.t_len;
                res->all_visible = false;
                if (oldest_xmax == InvalidTransactionId || tup.t_data->t_xmax < oldest_xmax)
                    oldest_xmax = tup.t_data->t_xmax;
                break;
        }
    }
    res->oldest_xmax = oldest_xmax;

    if (any_change)
    {
        /* offsets for the record: the new LP_DEAD ones, then the new LP_UNUSED ones */
        OffsetNumber offsets[MaxOffsetNumber];
        XLogHeapClean xl;
        int         n = 0;

        memset(&xl, 0, sizeof(xl));
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
            if (action[off] == PRUNE_MARK_DEAD)
                offsets[n++] = off;
        xl.ndead = (uint16) n;
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
            if (action[off] == PRUNE_MARK_UNUSED)
                offsets[n++] = off;
        xl.nunused = (uint16) (n - xl.ndead);
        xl.prune_xid = oldest_xmax;
        (void) HeapPageClean(rel, buffer, XLOG_HEAP2_PRUNE, &xl, offsets, InvalidBuffer);
        res->changed = true;
    }
    else if (((PageHeader) page)->pd_prune_xid != oldest_xmax)
    {
        /* only a hint: nothing to prune before oldest_xmax */
        ((PageHeader) page)->pd_prune_xid = oldest_xmax;
        MarkBufferDirtyHint(buffer);
    }
}

/*
 * prune_horizon -- the horizon for opportunistic pruning, recomputed at
 * most every PRUNE_HORIZON_REFRESH_US per process unless the cached value
 * already makes the page prunable.  GetOldestXmin scans the proc array
 * under its lock; calling it on every read of a hot, full page (index
 * fetches of pgbench's tellers) would serialise readers.  An older horizon
 * is never wrong, only less effective: every snapshot taken since it was
 * computed has an xmin at least as new (xids are assigned in order).
 */
#define PRUNE_HORIZON_REFRESH_US 10000

static TransactionId
prune_horizon(Relation rel, TransactionId prune_xid)
{
    static TransactionId cached[2];
    static Oid  cached_db[2];
    static int64 cached_at_us[2];
    bool        shared = IsSharedRelationId(RelationGetRelid(rel));
    struct timespec ts;
    int64       now_us;

    if (cached_db[shared] == MyDatabaseId && prune_xid < cached[shared])
        return cached[shared];
    clock_gettime(CLOCK_MONOTONIC, &ts);
    now_us = (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    if (cached_db[shared] != MyDatabaseId || now_us - cached_at_us[shared] >= PRUNE_HORIZON_REFRESH_US)
    {
        cached[shared] = GetOldestXmin(MyDatabaseId, shared);
        cached_db[shared] = MyDatabaseId;
        cached_at_us[shared] = now_us;
    }
    return cached[shared];
}

void
heap_page_prune_opt(Relation rel, Buffer buffer)
{
    Page        page = BufferGetPage(buffer);
    TransactionId prune_xid = ((PageHeader) page)->pd_prune_xid;
    TransactionId horizon;
    PruneResult res;
    Size        minfree = BLCKSZ / 10;

    if (prune_xid == InvalidTransactionId || RecoveryInProgress() || CritSectionCount > 0)
        return;
    if (!PageIsFull(page) && PageGetHeapFreeSpace(page) >= minfree)
        return;
    horizon = prune_horizon(rel, prune_xid);
    if (prune_xid >= horizon)
        return;
    if (!ConditionalLockBufferForCleanup(buffer))
        return;
    /* re-check under the lock: someone may have pruned it meanwhile */
    prune_xid = ((PageHeader) page)->pd_prune_xid;
    res.changed = false;
    if (prune_xid != InvalidTransactionId && prune_xid < horizon)
        heap_page_prune(rel, buffer, horizon, false, &res);
    if (res.changed)
    {
        Size        avail = PageGetHeapFreeSpace(page);

        /* no content lock while the FSM may take the extension lock (buffer README) */
        LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
        RecordPageWithFreeSpace(rel, BufferGetBlockNumber(buffer), avail);
        MaintenanceReportPrune(MyDatabaseId, RelationGetRelid(rel), res.ndeleted);
        return;
    }
    LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
}
