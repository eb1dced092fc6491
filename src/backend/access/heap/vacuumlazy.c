/*
 * vacuumlazy.c
 *     Lazy (online) VACUUM of one heap table and its indexes.
 * Entry point: LazyVacuumRelation() (commands/vacuum.h).
 * The algorithm, its locking and WAL: heap README ("Pruning and VACUUM").
 *
 * Phases, as PostgreSQL's:
 *   1. scan the heap: every page not marked all-visible is pruned under a
 *      cleanup lock (dead versions lose their storage, their line pointers
 *      become LP_DEAD) and the TIDs of LP_DEAD pointers are collected;
 *   2. when the TID array is full, or at the end: remove the index entries
 *      of those TIDs from every index (index_bulk_delete), then
 *   3. revisit the pages and make those line pointers LP_UNUSED, mark pages
 *      all-visible, record their free space;
 *   4. truncate empty pages at the end of the table if the exclusive lock
 *      can be had at once; update pg_class.
 * A line pointer never becomes reusable while an index entry points at it,
 * so an index scan can never reach a different row through a stale entry.
 */
#include "rustydb.h"

#include <math.h>
#include <time.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/pruneheap.h"
#include "access/visibilitymap.h"
#include "access/xlog.h"
#include "catalog/catalog.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "commands/vacuum.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/freespace.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "storage/smgr.h"
#include "storage/smgr_xlog.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* State of one lazy VACUUM. */
typedef struct LVState
{
    Relation    rel;
    const VacuumParams *params;
    VacuumStats *stats;
    Relation   *indrels;
    int         nindexes;
    bool        do_index_cleanup;   /* INDEX_CLEANUP not off and there are indexes */
    TransactionId oldest_xmin;
    ItemPointerData *dead;          /* collected TIDs, ascending */
    int64       ndead;
    int64       maxdead;
    BlockNumber nonempty_pages;     /* 1 + last page that still has used line pointers */
    int64      *index_removed;      /* per index, over all passes */
    int64      *index_remaining;
    RelationSpace space;            /* exact, if every page was scanned */
    int         elevel;             /* INFO with VERBOSE, else DEBUG1 */
} LVState;

static int64
clock_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* bsearch comparator over ItemPointerData */
static int
tid_cmp(const void *a, const void *b)
{
    return ItemPointerCompare((ItemPointer) a, (ItemPointer) b);
}

/* index_bulk_delete callback: is tid one of the collected dead TIDs? */
static bool
tid_is_dead(ItemPointer tid, void *arg)
{
    LVState    *vs = arg;

    if (vs->ndead == 0)
        return false;
    return bsearch(tid, vs->dead, (size_t) vs->ndead, sizeof(ItemPointerData), tid_cmp) != NULL;
}

/*
 * page_all_visible -- after the dead items of a page were freed: is every
 * remaining tuple visible to everyone?  Caller holds the content lock.
 */
static bool
page_all_visible(LVState *vs, Buffer buf)
{
    Page        page = BufferGetPage(buf);
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        if (!ItemIdIsUsed(lp))
            continue;
        if (!ItemIdIsNormal(lp))
            return false;
        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        tup.t_tableOid = RelationGetRelid(vs->rel);
        ItemPointerSet(&tup.t_self, BufferGetBlockNumber(buf), off);
        if (HeapTupleSatisfiesVacuum(&tup, vs->oldest_xmin, buf) != HEAPTUPLE_LIVE ||
            !HeapTupleHeaderXminCommitted(tup.t_data) || tup.t_data->t_xmin >= vs->oldest_xmin)
            return false;
    }
    return true;
}

/* Does the page have any used line pointer? */
static bool
page_has_used_items(Page page)
{
    OffsetNumber maxoff;

    if (PageIsNew(page))
        return false;
    maxoff = PageGetMaxOffsetNumber(page);
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
        if (ItemIdIsUsed(PageGetItemId(page, off)))
            return true;
    return false;
}

/*
 * mark_all_visible -- set PD_ALL_VISIBLE (logged as an image of the heap
 * page, so the flag and the map bit cannot disagree after a crash) and the
 * map bit.  Caller holds the page exclusively.
 */
static void
mark_all_visible(LVState *vs, Buffer buf)
{
    Page        page = BufferGetPage(buf);
    XLogRecPtr  lsn;

    if (!PageIsAllVisible(page))
    {
        START_CRIT_SECTION();
        PageSetAllVisible(page);
        MarkBufferDirty(buf);
        XLogBeginInsert();
        XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE);
        lsn = XLogInsert(RM_XLOG_ID, XLOG_FPI);
        PageSetLSN(page, lsn);
        END_CRIT_SECTION();
    }
    VisibilityMapSet(vs->rel, BufferGetBlockNumber(buf));
}

/* Phase 2: remove the index entries of the collected TIDs from every index. */
static void
vacuum_indexes(LVState *vs)
{
    for (int i = 0; i < vs->nindexes; i++)
    {
        int64       remaining = 0;
        int64       removed;

        MaintenanceJobProgress("vacuuming indexes", vs->stats->scanned_pages,
                               vs->stats->rel_pages, (uint32) i, (uint32) vs->nindexes);
        removed = index_bulk_delete(vs->indrels[i], tid_is_dead, vs, &remaining);
        vs->index_removed[i] += removed;
        vs->index_remaining[i] = remaining;
        vs->stats->index_entries_removed += removed;
        ereport(vs->elevel,
                errmsg("scanned index \"%s\" to remove %lld row versions",
                       RelationGetRelationName(vs->indrels[i]), (long long) vs->ndead));
    }
    vs->stats->index_passes++;
}

/* Phase 3: make the collected dead line pointers unused, page by page. */
static void
vacuum_heap_pages(LVState *vs)
{
    int64       i = 0;
    BlockNumber npages = 0;

    MaintenanceJobProgress("vacuuming heap", vs->stats->scanned_pages, vs->stats->rel_pages,
                           (uint32) vs->nindexes, (uint32) vs->nindexes);
    while (i < vs->ndead)
    {
        BlockNumber blk = ItemPointerGetBlockNumber(&vs->dead[i]);
        Buffer      buf;
        Page        page;
        PageHeader  ph;
        OffsetNumber maxoff;
        XLogRecPtr  lsn;
        Size        avail;
        bool        all_visible;

        VacuumDelayPoint(0);
        buf = ReadBuffer(vs->rel, blk);
        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        page = BufferGetPage(buf);
        ph = (PageHeader) page;
        START_CRIT_SECTION();
        for (; i < vs->ndead && ItemPointerGetBlockNumber(&vs->dead[i]) == blk; i++)
        {
            ItemId      lp = PageGetItemId(page, ItemPointerGetOffsetNumber(&vs->dead[i]));

            Assert(ItemIdIsDead(lp) && !ItemIdHasStorage(lp));
            ItemIdSetUnused(lp);
            vs->stats->dead_items_removed++;
        }
        /* drop trailing unused pointers; nothing moves, so no cleanup lock is needed */
        maxoff = PageGetMaxOffsetNumber(page);
        while (maxoff > 0 && !ItemIdIsUsed(PageGetItemId(page, maxoff)))
            maxoff--;
        ph->pd_lower = (uint16) (SizeOfPageHeaderData + maxoff * sizeof(ItemIdData));
        ph->pd_flags |= PD_HAS_FREE_LINES;
        PageClearFull(page);
        all_visible = page_all_visible(vs, buf);
        if (all_visible)
            PageSetAllVisible(page);
        MarkBufferDirty(buf);
        XLogBeginInsert();
        XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE);
        lsn = XLogInsert(RM_XLOG_ID, XLOG_FPI);
        PageSetLSN(page, lsn);
        END_CRIT_SECTION();
        if (all_visible)
        {
            VisibilityMapSet(vs->rel, blk);
            vs->stats->all_visible_pages++;
        }
        if (page_has_used_items(page) && blk + 1 > vs->nonempty_pages)
            vs->nonempty_pages = blk + 1;
        avail = PageGetHeapFreeSpace(page);
        UnlockReleaseBuffer(buf);
        RecordPageWithFreeSpace(vs->rel, blk, avail);
        npages++;
    }
    ereport(vs->elevel,
            errmsg("table \"%s\": removed %lld dead item identifiers in %u pages",
                   RelationGetRelationName(vs->rel), (long long) vs->ndead, npages));
    vs->ndead = 0;
}

/* Phases 2 and 3 for what has been collected so far. */
static void
flush_dead_items(LVState *vs)
{
    if (vs->ndead == 0)
        return;
    if (vs->do_index_cleanup)
        vacuum_indexes(vs);
    vacuum_heap_pages(vs);
}

/*
 * may_truncate -- the table's tail may be cut only under
 * AccessExclusiveLock.  XXX: until table_open() takes heavyweight locks
 * (utils/cache/README), writers do not hold RowExclusiveLock, so the
 * lock alone does not keep them away: we also require that no other client
 * backend is connected to this database.  Drop that condition when
 * table_open locks.
 */
static bool
may_truncate(void)
{
    int         others = ProcArrayCountDatabaseBackends(MyDatabaseId);

    if (MyProc != NULL && MyProc->backend_type == B_BACKEND)
        others--;
    return others <= 0;
}

/* Phase 4: cut empty pages off the end of the table. */
static void
truncate_heap(LVState *vs)
{
    Relation    rel = vs->rel;
    BlockNumber old_end;
    BlockNumber new_end;

    if (!may_truncate() ||
        !ConditionalLockRelationOid(RelationGetRelid(rel), AccessExclusiveLock))
    {
        ereport(vs->elevel,
                errmsg("\"%s\": stopping truncate due to conflicting lock request",
                       RelationGetRelationName(rel)));
        return;
    }
    old_end = RelationGetNumberOfBlocks(rel);
    new_end = old_end;
    /* re-check backwards under the lock: pages may have been filled meanwhile */
    while (new_end > vs->nonempty_pages)
    {
        Buffer      buf = ReadBuffer(rel, new_end - 1);
        bool        used;

        LockBuffer(buf, BUFFER_LOCK_SHARE);
        used = page_has_used_items(BufferGetPage(buf));
        UnlockReleaseBuffer(buf);
        if (used)
            break;
        new_end--;
    }
    if (new_end < old_end)
    {
        FreeSpaceMapTruncateRel(rel, new_end);
        VisibilityMapTruncate(rel, new_end);
        DropRelationBuffers(rel->rd_locator, MAIN_FORKNUM, new_end);
        XLogSmgrTruncate(rel->rd_locator, MAIN_FORKNUM, new_end);
        SmgrTruncate(RelationGetSmgr(rel), MAIN_FORKNUM, new_end);
        rel->rd_nblocks_cache = InvalidBlockNumber;
        vs->stats->removed_pages = old_end - new_end;
        ereport(vs->elevel,
                errmsg("table \"%s\": truncated %u to %u pages",
                       RelationGetRelationName(rel), old_end, new_end));
    }
    UnlockRelationOid(RelationGetRelid(rel), AccessExclusiveLock);
}

void
LazyVacuumRelation(Relation rel, const VacuumParams *params, VacuumStats *stats)
{
    LVState     vs;
    List       *indexoids;
    ListCell   *lc;
    Buffer      vmbuf = InvalidBuffer;
    int64       start_ms = clock_ms();
    FormData_pg_class classrow;
    double      old_density = -1;
    BlockNumber nblocks;
    char       *qualname = psprintf("%s.%s", NamespaceNameById(RelationGetNamespace(rel)),
                                     RelationGetRelationName(rel));

    memset(&vs, 0, sizeof(vs));
    memset(stats, 0, sizeof(*stats));
    vs.rel = rel;
    vs.params = params;
    vs.stats = stats;
    vs.elevel = (params->options & VACOPT_VERBOSE) ? INFO : DEBUG1;
    vs.oldest_xmin = GetOldestXmin(MyDatabaseId, IsSharedRelationId(RelationGetRelid(rel)));
    stats->oldest_xmin = vs.oldest_xmin;

    ereport(vs.elevel, errmsg("vacuuming \"%s\"", qualname));

    indexoids = RelationGetIndexList(rel);
    vs.nindexes = list_length(indexoids);
    vs.indrels = palloc0(sizeof(Relation) * (Size) Max(vs.nindexes, 1));
    vs.index_removed = palloc0(sizeof(int64) * (Size) Max(vs.nindexes, 1));
    vs.index_remaining = palloc0(sizeof(int64) * (Size) Max(vs.nindexes, 1));
    {
        int         i = 0;

        foreach(lc, indexoids)
            vs.indrels[i++] = index_open(lfirst_oid(lc), RowExclusiveLock);
    }
    stats->nindexes = vs.nindexes;
    vs.do_index_cleanup = vs.nindexes > 0 && params->index_cleanup != VACOPTVALUE_DISABLED;

    vs.maxdead = (int64) MaintenanceWorkMemKb * 1024 / (int64) sizeof(ItemPointerData);
    vs.maxdead = Max(vs.maxdead, (int64) MaxHeapTuplesPerPage * 4);
    nblocks = RelationGetNumberOfBlocks(rel);
    /* no need for more room than the table can have dead tuples */
    vs.maxdead = Min(vs.maxdead, (int64) Max(nblocks, 1) * MaxHeapTuplesPerPage);
    vs.dead = palloc(sizeof(ItemPointerData) * (Size) vs.maxdead);

    if (RelationClassRowById(RelationGetRelid(rel), &classrow) && classrow.relpages > 0 &&
        classrow.reltuples >= 0)
        old_density = classrow.reltuples / classrow.relpages;

    stats->rel_pages = nblocks;
    for (BlockNumber blk = 0; blk < nblocks; blk++)
    {
        Buffer      buf;
        Page        page;
        PruneResult pr;
        Size        avail;
        bool        record_fsm;

        VacuumDelayPoint(0);
        if ((blk & 31) == 0)
            MaintenanceJobProgress("scanning heap", blk, nblocks, 0, (uint32) vs.nindexes);
        if (!(params->options & VACOPT_DISABLE_PAGE_SKIPPING) &&
            VisibilityMapTest(rel, blk, &vmbuf))
        {
            stats->skipped_all_visible++;
            vs.nonempty_pages = blk + 1;
            continue;
        }
        if (vs.ndead + MaxHeapTuplesPerPage > vs.maxdead)
            flush_dead_items(&vs);

        buf = ReadBuffer(rel, blk);
        if (!ConditionalLockBufferForCleanup(buf))
        {
            /* someone holds a pin (an open scan): leave the page for next time */
            ReleaseBuffer(buf);
            stats->skipped_pinned++;
            vs.nonempty_pages = blk + 1;
            continue;
        }
        stats->scanned_pages++;
        page = BufferGetPage(buf);
        if (PageIsNew(page))
        {
            /* extended but never initialised (a crash or failed insert): all free */
            UnlockReleaseBuffer(buf);
            RecordPageWithFreeSpace(rel, blk, BLCKSZ - SizeOfPageHeaderData);
            vs.space.free_bytes += BLCKSZ - SizeOfPageHeaderData;
            vs.space.pages++;
            continue;
        }
        heap_page_prune(rel, buf, vs.oldest_xmin, vs.nindexes == 0, &pr);
        stats->tuples_removed += pr.ndeleted;
        stats->live_tuples += pr.nlive;
        stats->recently_dead += pr.nrecently_dead;
        vs.space.live_bytes += (int64) pr.live_bytes;
        vs.space.dead_bytes += (int64) pr.dead_bytes;
        vs.space.pages++;
        if (pr.ndead_items > 0)
        {
            stats->pages_with_dead_items++;
            for (int i = 0; i < pr.ndead_items; i++)
                ItemPointerSet(&vs.dead[vs.ndead++], blk, pr.dead_items[i]);
        }
        if (page_has_used_items(page))
            vs.nonempty_pages = blk + 1;
        if (pr.all_visible && pr.ndead_items == 0)
        {
            mark_all_visible(&vs, buf);
            stats->all_visible_pages++;
        }
        else if (PageIsAllVisible(page))
            HeapPageClearAllVisible(rel, buf);  /* stale flag: cannot be trusted any more */
        avail = PageGetHeapFreeSpace(page);
        vs.space.free_bytes += (int64) PageGetExactFreeSpace(page);
        /* pages with dead items get their FSM entry after phase 3 */
        record_fsm = pr.ndead_items == 0 || !vs.do_index_cleanup;
        UnlockReleaseBuffer(buf);
        if (record_fsm)
            RecordPageWithFreeSpace(rel, blk, avail);
    }
    if (BufferIsValid(vmbuf))
        ReleaseBuffer(vmbuf);

    if (vs.do_index_cleanup)
        flush_dead_items(&vs);
    else
    {
        /* INDEX_CLEANUP off: the dead line pointers stay until a later VACUUM */
        vs.ndead = 0;
    }
    for (int i = 0; i < vs.nindexes; i++)
    {
        BlockNumber ipages = RelationGetNumberOfBlocks(vs.indrels[i]);

        if (vs.do_index_cleanup && vs.stats->index_passes > 0)
            RelationUpdateStats(RelationGetRelid(vs.indrels[i]), (int32) ipages,
                                (float4) vs.index_remaining[i], 0);
        ereport(vs.elevel,
                errmsg("index \"%s\": pages: %u in total, 0 newly deleted, 0 currently deleted, 0 reusable",
                       RelationGetRelationName(vs.indrels[i]), ipages),
                errdetail("%lld index row versions were removed; %lld remain.",
                          (long long) vs.index_removed[i], (long long) vs.index_remaining[i]));
        index_close(vs.indrels[i], RowExclusiveLock);
    }

    if (params->truncate != VACOPTVALUE_DISABLED && vs.nonempty_pages < nblocks)
        truncate_heap(&vs);

    stats->new_rel_pages = RelationGetNumberOfBlocks(rel);
    /* tuples on skipped pages: extrapolate from what pg_class said before */
    if (stats->skipped_all_visible + stats->skipped_pinned > 0 && old_density >= 0)
        stats->live_tuples += (int64) rint(old_density *
                                           (stats->skipped_all_visible + stats->skipped_pinned));
    RelationUpdateStats(RelationGetRelid(rel), (int32) stats->new_rel_pages,
                        (float4) stats->live_tuples,
                        (int32) VisibilityMapCountAllVisible(rel));
    stats->duration_ms = clock_ms() - start_ms;

    {
        bool        exact = stats->scanned_pages == nblocks;

        vs.space.overhead_bytes = (int64) vs.space.pages * BLCKSZ - vs.space.live_bytes -
            vs.space.dead_bytes - vs.space.free_bytes;
        MaintenanceReportVacuum(MyDatabaseId, RelationGetRelid(rel),
                                params->origin == JOB_ORIGIN_AUTOVACUUM,
                                stats->tuples_removed, stats->removed_pages, stats->live_tuples,
                                stats->recently_dead, stats->duration_ms,
                                exact && stats->removed_pages == 0 ? &vs.space : NULL);
    }

    ereport(vs.elevel,
            errmsg("finished vacuuming \"%s.%s\": index scans: %d",
                   MyDatabaseName ? MyDatabaseName : "", qualname, stats->index_passes),
            errdetail("pages: %u removed, %u remain, %u scanned (%.2f%% of total), "
                      "%u skipped all-visible, %u skipped due to pins\n"
                      "tuples: %lld removed, %lld remain, %lld are dead but not yet removable, "
                      "oldest xmin: %llu\n"
                      "index scan needed: %u pages from table had %lld dead item identifiers removed\n"
                      "elapsed: %lld ms",
                      stats->removed_pages, stats->new_rel_pages, stats->scanned_pages,
                      nblocks > 0 ? 100.0 * stats->scanned_pages / nblocks : 100.0,
                      stats->skipped_all_visible, stats->skipped_pinned,
                      (long long) stats->tuples_removed, (long long) stats->live_tuples,
                      (long long) stats->recently_dead, (unsigned long long) vs.oldest_xmin,
                      stats->pages_with_dead_items, (long long) stats->dead_items_removed,
                      (long long) stats->duration_ms));
    pfree(vs.dead);
}
