/*
 * pruneheap.c
 *     Removing dead tuple versions from one heap page: the first step of
 *     VACUUM on every page, and opportunistic pruning by ordinary scans.
 * Entry points: heap_page_prune(), heap_page_prune_opt().
 * Locking, WAL and the interplay with index entries: the heap README
 * ("Pruning and VACUUM").
 *
 * Index entries point at HOT chain roots only.  A dead heap-only chain
 * member has no index entry, so its line pointer is freed at once; a root
 * whose prefix of the chain is dead becomes a redirect to the first
 * surviving member; a root whose whole chain is dead keeps an LP_DEAD line
 * pointer (no storage) until VACUUM has removed its index entries.  Only a
 * table without indexes may have such roots freed at once.
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

#include "heap_int.h"

/* What to do with each line pointer, decided before the critical section. */
typedef enum PruneAction
{
    PRUNE_KEEP,
    PRUNE_MARK_DEAD,
    PRUNE_MARK_UNUSED,
    PRUNE_REDIRECT
} PruneAction;

#define HTSV_NONE (-1)          /* not a normal item */

typedef struct PruneState
{
    Page        page;
    BlockNumber blkno;
    bool        mark_unused;
    int8        htsv[MaxOffsetNumber + 1];
    uint8       action[MaxOffsetNumber + 1];
    OffsetNumber redirect_to[MaxOffsetNumber + 1];
    bool        in_chain[MaxOffsetNumber + 1];
    int         ndeleted;
    bool        any_change;
} PruneState;

/* Does the chain continue past a member with this verdict?  Only if its xmax updated it for real. */
static bool
updater_not_aborted(int htsv)
{
    return htsv == HEAPTUPLE_DEAD || htsv == HEAPTUPLE_RECENTLY_DEAD ||
        htsv == HEAPTUPLE_DELETE_IN_PROGRESS;
}

/*
 * prune_chain -- decide the fate of the HOT chain rooted at root (a redirect,
 * or a normal tuple that is not heap-only).  Every member up to the last
 * DEAD one is dead to everyone (its successor's xmin is its xmax, which
 * committed before the horizon), so that prefix goes: heap-only members
 * become unused, and the root becomes a redirect to the first survivor, or
 * LP_DEAD (unused without indexes) when no member survives.
 */
static void
prune_chain(PruneState *ps, OffsetNumber root)
{
    OffsetNumber members[MaxHeapTuplesPerPage + 1];
    int         nmembers = 0;
    int         last_dead = -1;
    OffsetNumber off = heap_chain_start(ps->page, root);

    while (off != InvalidOffsetNumber && nmembers <= MaxHeapTuplesPerPage && !ps->in_chain[off])
    {
        HeapTupleHeader h = (HeapTupleHeader) PageGetItem(ps->page, PageGetItemId(ps->page, off));

        ps->in_chain[off] = true;
        members[nmembers] = off;
        if (ps->htsv[off] == HEAPTUPLE_DEAD)
            last_dead = nmembers;
        nmembers++;
        if (!updater_not_aborted(ps->htsv[off]))
            break;
        off = heap_chain_next(ps->page, ps->blkno, h);
    }
    if (last_dead < 0)
        return;
    ps->any_change = true;
    for (int i = 0; i <= last_dead; i++)
    {
        ps->ndeleted++;
        if (members[i] != root)
            ps->action[members[i]] = PRUNE_MARK_UNUSED;
    }
    if (last_dead == nmembers - 1)
        ps->action[root] = ps->mark_unused ? PRUNE_MARK_UNUSED : PRUNE_MARK_DEAD;
    else
    {
        ps->action[root] = PRUNE_REDIRECT;
        ps->redirect_to[root] = members[last_dead + 1];
    }
}

void
heap_page_prune(Relation rel, Buffer buffer, TransactionId oldest_xmin, bool mark_unused,
                PruneResult *res)
{
    Page        page = BufferGetPage(buffer);
    OffsetNumber maxoff;
    PruneState *ps;
    TransactionId oldest_xmax = InvalidTransactionId;

    memset(res, 0, sizeof(*res));
    res->all_visible = true;
    res->oldest_xmax = InvalidTransactionId;
    if (PageIsNew(page))
        return;
    ps = palloc(sizeof(PruneState));
    ps->page = page;
    ps->blkno = BufferGetBlockNumber(buffer);
    ps->mark_unused = mark_unused;
    ps->ndeleted = 0;
    ps->any_change = false;
    maxoff = PageGetMaxOffsetNumber(page);

    /* 1: every normal tuple's verdict */
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        ps->action[off] = PRUNE_KEEP;
        ps->in_chain[off] = false;
        ps->htsv[off] = HTSV_NONE;
        if (!ItemIdIsNormal(lp))
            continue;
        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        tup.t_tableOid = RelationGetRelid(rel);
        ItemPointerSet(&tup.t_self, ps->blkno, off);
        ps->htsv[off] = (int8) HeapTupleSatisfiesVacuum(&tup, oldest_xmin, buffer);
    }

    /* 2: chains, from each root (a redirect or a tuple that is not heap-only) */
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);

        if (ItemIdIsDead(lp))
        {
            if (mark_unused)
            {
                ps->action[off] = PRUNE_MARK_UNUSED;
                ps->any_change = true;
            }
            continue;
        }
        if (ItemIdIsRedirected(lp) ||
            (ItemIdIsNormal(lp) &&
             !HeapTupleHeaderIsHeapOnly((HeapTupleHeader) PageGetItem(page, lp))))
            prune_chain(ps, off);
    }

    /* 3: heap-only tuples in no chain (their creating update aborted) */
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        if (ps->htsv[off] == HEAPTUPLE_DEAD && !ps->in_chain[off] &&
            ps->action[off] == PRUNE_KEEP)
        {
            ps->action[off] = PRUNE_MARK_UNUSED;
            ps->ndeleted++;
            ps->any_change = true;
        }
    }

    /* 4: what stays */
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        Size        len;

        if (ps->action[off] == PRUNE_MARK_DEAD ||
            (ps->action[off] == PRUNE_KEEP && ItemIdIsDead(lp)))
        {
            res->dead_items[res->ndead_items++] = off;
            continue;
        }
        if (ps->action[off] != PRUNE_KEEP || ps->htsv[off] == HTSV_NONE)
            continue;
        len = ItemIdGetLength(lp);
        switch ((HTSV_Result) ps->htsv[off])
        {
            case HEAPTUPLE_DEAD:
                /* a dead member after a live one: cannot happen; keep it, it is harmless */
                res->all_visible = false;
                break;
            case HEAPTUPLE_LIVE:
                {
                    HeapTupleHeader h = (HeapTupleHeader) PageGetItem(page, lp);

                    res->nlive++;
                    res->live_bytes += len;
                    /* visible to all: inserter committed before every running snapshot */
                    if (!HeapTupleHeaderXminCommitted(h) ||
                        HeapTupleHeaderGetXmin(h) >= oldest_xmin)
                        res->all_visible = false;
                    break;
                }
            case HEAPTUPLE_RECENTLY_DEAD:
                {
                    HeapTupleHeader h = (HeapTupleHeader) PageGetItem(page, lp);
                    TransactionId xmax = HeapTupleHeaderGetRawXmax(h);

                    res->nrecently_dead++;
                    res->dead_bytes += len;
                    res->all_visible = false;
                    if (oldest_xmax == InvalidTransactionId || xmax < oldest_xmax)
                        oldest_xmax = xmax;
                    break;
                }
            case HEAPTUPLE_INSERT_IN_PROGRESS:
                res->ninserting++;
                res->live_bytes += len;
                res->all_visible = false;
                break;
            case HEAPTUPLE_DELETE_IN_PROGRESS:
                {
                    HeapTupleHeader h = (HeapTupleHeader) PageGetItem(page, lp);
                    TransactionId xmax = HeapTupleHeaderGetRawXmax(h);

                    res->nlive++;
                    res->live_bytes += len;
                    res->all_visible = false;
                    if (oldest_xmax == InvalidTransactionId || xmax < oldest_xmax)
                        oldest_xmax = xmax;
                    break;
                }
        }
    }
    res->oldest_xmax = oldest_xmax;
    res->ndeleted = ps->ndeleted;

    if (ps->any_change)
    {
        /* record layout: redirect pairs, then new LP_DEAD, then new LP_UNUSED offsets */
        OffsetNumber offsets[MaxOffsetNumber * 2];
        XLogHeapClean xl;
        int         n = 0;

        memset(&xl, 0, sizeof(xl));
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
            if (ps->action[off] == PRUNE_REDIRECT)
            {
                offsets[n++] = off;
                offsets[n++] = ps->redirect_to[off];
            }
        xl.nredirected = (uint16) (n / 2);
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
            if (ps->action[off] == PRUNE_MARK_DEAD)
                offsets[n++] = off;
        xl.ndead = (uint16) (n - 2 * xl.nredirected);
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
            if (ps->action[off] == PRUNE_MARK_UNUSED)
                offsets[n++] = off;
        xl.nunused = (uint16) (n - 2 * xl.nredirected - xl.ndead);
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
    pfree(ps);
}

/*
 * prune_horizon -- the horizon for opportunistic pruning (GetPruneHorizon,
 * storage/procarray.h): the newer of the value computed with this
 * backend's latest snapshot (free, and fresh at every statement of READ
 * COMMITTED) and one from GetPruneHorizon, recomputed at most every
 * PRUNE_HORIZON_REFRESH_US per process (a long statement takes no new
 * snapshots) unless the newer of the two already makes the page prunable.
 * GetPruneHorizon scans the proc array under its lock; calling it on
 * every read of a hot, full page would serialise readers.  An older
 * horizon is never wrong, only less effective: every snapshot taken since
 * it was computed has an xmin at least as new (running xids always count,
 * and xids are assigned in order).  With fresh (an update about to leave
 * its page for want of space, heap_update_hot) the cached value is not
 * trusted: one proc-array scan is cheaper than a non-HOT update.
 */
#define PRUNE_HORIZON_REFRESH_US 10000

static TransactionId
prune_horizon(Relation rel, TransactionId prune_xid, bool fresh)
{
    static TransactionId cached[3];
    static Oid  cached_db[3];
    static int64 cached_at_us[3];
    const CatalogDesc *desc = CatalogDescById(RelationGetRelid(rel));
    bool        catalog = desc != NULL;
    bool        shared = desc != NULL && desc->shared;
    int         kind = shared ? 2 : catalog ? 1 : 0;
    TransactionId horizon = GetSnapshotPruneHorizon(catalog, shared);
    struct timespec ts;
    int64       now_us;

    if (cached_db[kind] == MyDatabaseId && cached[kind] > horizon)
        horizon = cached[kind];
    if (prune_xid < horizon)
        return horizon;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    now_us = (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    if (fresh || cached_db[kind] != MyDatabaseId ||
        now_us - cached_at_us[kind] >= PRUNE_HORIZON_REFRESH_US)
    {
        cached[kind] = GetPruneHorizon(catalog, shared);
        cached_db[kind] = MyDatabaseId;
        cached_at_us[kind] = now_us;
    }
    return Max(cached[kind], horizon);
}

void
heap_page_prune_opt(Relation rel, Buffer buffer, Size needed)
{
    Page        page = BufferGetPage(buffer);
    TransactionId prune_xid = ((PageHeader) page)->pd_prune_xid;
    TransactionId horizon;
    PruneResult res;
    Size        minfree = BLCKSZ / 10;

    if (prune_xid == InvalidTransactionId || RecoveryInProgress() || CritSectionCount > 0)
        return;
    if (!PageIsFull(page) && PageGetHeapFreeSpace(page) >= Max(minfree, needed))
        return;
    horizon = prune_horizon(rel, prune_xid, needed > 0);
    if (prune_xid >= horizon)
        return;
    /*
     * Another pin of ours means the caller (or a scan further up) may hold
     * pointers into the page: compaction would move tuples under them.
     */
    if (BufferGetPrivateRefCount(buffer) != 1 || !ConditionalLockBufferForCleanup(buffer))
        return;
    /* re-check under the lock: someone may have pruned it meanwhile */
    prune_xid = ((PageHeader) page)->pd_prune_xid;
    res.changed = false;
    /* exact space: not while a baseline measurement reads the table (commands/README.md) */
    if (prune_xid != InvalidTransactionId && prune_xid < horizon && HeapSpaceMayPrune(rel))
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
