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
#include "access/vacuum_xlog.h"
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

/*
 * What phase 1 learnt about a page whose dead line pointers wait for the
 * heap pass: its LSN right after pruning and whether every remaining tuple
 * was visible to all.  If the LSN is unchanged when phase 3 comes back, no
 * tuple on the page changed meanwhile (every tuple change is WAL-logged),
 * and the verdict still holds: no second visibility check per tuple.
 */
typedef struct DeadPage
{
    BlockNumber blkno;
    bool        all_visible;
    XLogRecPtr  lsn;
} DeadPage;

/* Free-space entries recorded in the FSM at once (RecordPagesWithFreeSpace). */
#define FREE_BATCH 1024

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
    uint64     *dead;               /* collected TIDs as tid_key(), ascending */
    int64       ndead;
    int64       maxdead;
    DeadPage   *dead_pages;         /* one per page with entries in dead, ascending */
    int         ndead_pages;
    int         maxdead_pages;
    Buffer      vmbuf;              /* pinned VM page (VisibilityMapPin/Test), or invalid */
    uint64     *dead_bits;          /* during phase 2, if not NULL: DEAD_BITS_WORDS words per
                                     * block from dead_bits_first, bit = offset */
    BlockNumber dead_bits_first;
    BlockNumber dead_bits_nblocks;
    int         nfree;              /* free space to record, ascending blocks */
    BlockNumber free_blk[FREE_BATCH];
    Size        free_avail[FREE_BATCH];
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

/*
 * A TID as one integer ordered as ItemPointerCompare orders TIDs: the
 * block number above the offset.  The dead TID array holds these, so the
 * index callback's binary search compares integers, not ItemPointers
 * through a function pointer (it runs once per index entry).
 */
static inline uint64
tid_key(BlockNumber blk, OffsetNumber off)
{
    return ((uint64) blk << 16) | off;
}

/* Bitmap words per heap block: one bit per possible offset (1..MaxHeapTuplesPerPage). */
#define DEAD_BITS_WORDS ((MaxHeapTuplesPerPage + 1 + 63) / 64)

/* index_bulk_delete callback: is tid one of the collected dead TIDs? */
static bool
tid_is_dead(ItemPointer tid, void *arg)
{
    LVState    *vs = arg;
    BlockNumber blk = ItemPointerGetBlockNumber(tid);
    OffsetNumber off = ItemPointerGetOffsetNumber(tid);
    uint64      key;
    const uint64 *dead = vs->dead;
    size_t      lo = 0;
    size_t      n = (size_t) vs->ndead;

    if (vs->dead_bits != NULL)
    {
        BlockNumber rel_blk = blk - vs->dead_bits_first;

        /* unsigned: blocks before the first wrap around to large values */
        if (rel_blk >= vs->dead_bits_nblocks || off > MaxHeapTuplesPerPage)
            return false;
        return (vs->dead_bits[(Size) rel_blk * DEAD_BITS_WORDS + off / 64] >> (off % 64)) & 1;
    }
    key = tid_key(blk, off);
    if (n == 0 || key < dead[0] || key > dead[n - 1])
        return false;
    /* branch-light lower bound: lo ends at the first element >= key */
    while (n > 1)
    {
        size_t      half = n / 2;

        lo = dead[lo + half - 1] < key ? lo + half : lo;
        n -= half;
    }
    return dead[lo] == key;
}

/*
 * build_dead_bits -- for phase 2, a bitmap of the collected TIDs over the
 * block range they span: the index callback runs once per index entry, and
 * a bit test beats a binary search over a large array (cache misses).  Only
 * when the bitmap is at most 8 times the size of the TID array and within
 * maintenance_work_mem (dead items spread thinly over many blocks keep the
 * binary search); freed by free_dead_bits.
 */
static void
build_dead_bits(LVState *vs)
{
    BlockNumber first;
    BlockNumber nblocks;
    Size        words;

    vs->dead_bits = NULL;
    if (vs->ndead_pages == 0)
        return;
    first = vs->dead_pages[0].blkno;
    nblocks = vs->dead_pages[vs->ndead_pages - 1].blkno - first + 1;
    words = (Size) nblocks * DEAD_BITS_WORDS;
    if (words > (Size) vs->ndead * 8 ||
        words * sizeof(uint64) > (Size) MaintenanceWorkMemKb * 1024)
        return;
    vs->dead_bits = palloc0(words * sizeof(uint64));
    vs->dead_bits_first = first;
    vs->dead_bits_nblocks = nblocks;
    for (int64 i = 0; i < vs->ndead; i++)
    {
        Size        rel_blk = (Size) ((vs->dead[i] >> 16) - first);
        uint32      off = (uint32) (vs->dead[i] & 0xFFFF);

        vs->dead_bits[rel_blk * DEAD_BITS_WORDS + off / 64] |= (uint64) 1 << (off % 64);
    }
}

static void
free_dead_bits(LVState *vs)
{
    if (vs->dead_bits != NULL)
        pfree(vs->dead_bits);
    vs->dead_bits = NULL;
}

/* Send the batched free-space entries to the FSM. */
static void
flush_free_space(LVState *vs)
{
    if (vs->nfree > 0)
        RecordPagesWithFreeSpace(vs->rel, vs->free_blk, vs->free_avail, vs->nfree);
    vs->nfree = 0;
}

/*
 * remember_free_space -- record blk's free space in the FSM soon.  Called
 * after the page is unlocked; batching saves an FSM page lookup and lock
 * per heap page (the map is a hint, a short delay is harmless).
 */
static void
remember_free_space(LVState *vs, BlockNumber blk, Size avail)
{
    if (vs->nfree == FREE_BATCH || (vs->nfree > 0 && blk <= vs->free_blk[vs->nfree - 1]))
        flush_free_space(vs);
    vs->free_blk[vs->nfree] = blk;
    vs->free_avail[vs->nfree] = avail;
    vs->nfree++;
}

/*
 * page_all_visible -- is every tuple on the page visible to everyone,
 * ignoring the line pointers marked in `freeing` (LP_DEAD ones about to
 * become unused; NULL: none)?  Caller holds the content lock.
 */
static bool
page_all_visible(LVState *vs, Buffer buf, const bool *freeing)
{
    Page        page = BufferGetPage(buf);
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);
        HeapTupleData tup;

        /* a redirect has no tuple of its own: its chain's members are checked */
        if (!ItemIdIsUsed(lp) || ItemIdIsRedirected(lp) || (freeing != NULL && freeing[off]))
            continue;
        if (!ItemIdIsNormal(lp))
            return false;
        tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
        tup.t_len = ItemIdGetLength(lp);
        tup.t_tableOid = RelationGetRelid(vs->rel);
        ItemPointerSet(&tup.t_self, BufferGetBlockNumber(buf), off);
        if (HeapTupleSatisfiesVacuum(&tup, vs->oldest_xmin, buf) != HEAPTUPLE_LIVE ||
            !HeapTupleHeaderXminCommitted(tup.t_data) ||
            HeapTupleHeaderGetXmin(tup.t_data) >= vs->oldest_xmin)
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
 * mark_all_visible -- set PD_ALL_VISIBLE and the map bit in one
 * XLOG_HEAP2_VISIBLE record (flag and bit cannot disagree after a crash).
 * Caller holds the page exclusively and vs->vmbuf pins its VM page.
 */
static void
mark_all_visible(LVState *vs, Buffer buf)
{
    XLogHeapClean xl;

    memset(&xl, 0, sizeof(xl));
    xl.flags = HEAP_CLEAN_ALL_VISIBLE;
    (void) HeapPageClean(vs->rel, buf, XLOG_HEAP2_VISIBLE, &xl, NULL, vs->vmbuf);
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
    for (int p = 0; p < vs->ndead_pages; p++)
    {
        const DeadPage *dp = &vs->dead_pages[p];
        BlockNumber blk = dp->blkno;
        Buffer      buf;
        Page        page;
        OffsetNumber unused[MaxHeapTuplesPerPage];
        XLogHeapClean xl;
        Size        avail;
        bool        all_visible;

        VacuumDelayPoint(0);
        memset(&xl, 0, sizeof(xl));
        for (; i < vs->ndead && (BlockNumber) (vs->dead[i] >> 16) == blk; i++)
            unused[xl.nunused++] = (OffsetNumber) (vs->dead[i] & 0xFFFF);
        Assert(xl.nunused > 0);
        VisibilityMapPin(vs->rel, blk, &vs->vmbuf);
        buf = ReadBuffer(vs->rel, blk);
        LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
        page = BufferGetPage(buf);
        if (PageGetLSN(page) == dp->lsn)
            all_visible = dp->all_visible;  /* nothing changed since phase 1 */
        else
        {
            bool        freeing[MaxOffsetNumber + 1];

            memset(freeing, 0, sizeof(freeing));
            for (int k = 0; k < xl.nunused; k++)
                freeing[unused[k]] = true;
            all_visible = page_all_visible(vs, buf, freeing);
        }
        if (all_visible)
            xl.flags |= HEAP_CLEAN_ALL_VISIBLE;
        (void) HeapPageClean(vs->rel, buf, XLOG_HEAP2_VACUUM, &xl, unused, vs->vmbuf);
        vs->stats->dead_items_removed += xl.nunused;
        if (all_visible)
            vs->stats->all_visible_pages++;
        if (page_has_used_items(page) && blk + 1 > vs->nonempty_pages)
            vs->nonempty_pages = blk + 1;
        avail = PageGetHeapFreeSpace(page);
        UnlockReleaseBuffer(buf);
        remember_free_space(vs, blk, avail);
        npages++;
    }
    flush_free_space(vs);
    Assert(i == vs->ndead);
    ereport(vs->elevel,
            errmsg("table \"%s\": removed %lld dead item identifiers in %u pages",
                   RelationGetRelationName(vs->rel), (long long) vs->ndead, npages));
    vs->ndead = 0;
    vs->ndead_pages = 0;
}

/*
 * Phases 2 and 3 for what has been collected so far.  Only called with
 * do_index_cleanup: without it nothing is collected (a dead line pointer
 * must not become reusable while index entries may point at it).
 */
static void
flush_dead_items(LVState *vs)
{
    Assert(vs->do_index_cleanup || vs->ndead == 0);
    if (vs->ndead == 0)
        return;
    build_dead_bits(vs);
    vacuum_indexes(vs);
    free_dead_bits(vs);
    vacuum_heap_pages(vs);
}

/* Remember a pruned page's dead line pointers for phases 2 and 3. */
static void
remember_dead_items(LVState *vs, Buffer buf, const PruneResult *pr)
{
    BlockNumber blk = BufferGetBlockNumber(buf);
    DeadPage   *dp;

    if (vs->ndead_pages == vs->maxdead_pages)
    {
        vs->maxdead_pages = vs->maxdead_pages ? vs->maxdead_pages * 2 : 256;
        vs->dead_pages = vs->dead_pages
            ? repalloc(vs->dead_pages, sizeof(DeadPage) * (Size) vs->maxdead_pages)
            : palloc(sizeof(DeadPage) * (Size) vs->maxdead_pages);
    }
    dp = &vs->dead_pages[vs->ndead_pages++];
    dp->blkno = blk;
    dp->all_visible = pr->all_visible;
    dp->lsn = PageGetLSN(BufferGetPage(buf));
    /* heap_page_prune reports dead items in ascending offset order */
    for (int i = 0; i < pr->ndead_items; i++)
        vs->dead[vs->ndead++] = tid_key(blk, pr->dead_items[i]);
}

/*
 * may_truncate -- the table's tail may be cut only under
 * AccessExclusiveLock, which keeps every reader and writer away: they hold
 * their table lock until the end of their transaction (table_open and the
 * portal's plan locks).  Catalogs keep an extra condition, no other client
 * backend connected to this database, because not every internal catalog
 * update is known to open its catalog with a lock; catalogs rarely have an
 * empty tail worth cutting.
 */
static bool
may_truncate(Relation rel)
{
    int         others;

    if (!IsCatalogRelationId(RelationGetRelid(rel)))
        return true;
    others = ProcArrayCountDatabaseBackends(MyDatabaseId);
    if (MyProc != NULL && MyProc->backend_type == B_BACKEND)
        others--;
    return others <= 0;
}

/* Tries for the lock to truncate: every 50 ms for up to 5 s, as PostgreSQL. */
#define TRUNCATE_LOCK_RETRY_MS 50
#define TRUNCATE_LOCK_TRIES 100

/* Phase 4: cut empty pages off the end of the table. */
static void
truncate_heap(LVState *vs)
{
    Relation    rel = vs->rel;
    BlockNumber old_end;
    BlockNumber new_end;
    int         tries = 0;

    /*
     * Conditional attempts only: waiting in the lock queue would block every
     * new reader and writer behind us.  A busy table is tried for a while.
     */
    while (!may_truncate(rel) ||
           !ConditionalLockRelationOid(RelationGetRelid(rel), AccessExclusiveLock))
    {
        if (++tries >= TRUNCATE_LOCK_TRIES || !may_truncate(rel))
        {
            ereport(vs->elevel,
                    errmsg("\"%s\": stopping truncate due to conflicting lock request",
                           RelationGetRelationName(rel)));
            return;
        }
        MaintenanceCheckCancel();
        SleepMs(TRUNCATE_LOCK_RETRY_MS);
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
        HeapSpaceNoteTruncate(rel, new_end, old_end);   /* exact space: before the buffers go */
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
    BlockNumber vm_covered;
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

    vs.maxdead = (int64) MaintenanceWorkMemKb * 1024 / (int64) sizeof(uint64);
    vs.maxdead = Max(vs.maxdead, (int64) MaxHeapTuplesPerPage * 4);
    nblocks = RelationGetNumberOfBlocks(rel);
    /* no need for more room than the table can have dead tuples */
    vs.maxdead = Min(vs.maxdead, (int64) Max(nblocks, 1) * MaxHeapTuplesPerPage);
    vs.dead = palloc(sizeof(uint64) * (Size) vs.maxdead);
    vs.vmbuf = InvalidBuffer;
    vm_covered = VisibilityMapCoveredBlocks(rel);

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
        bool        vm_bit;

        VacuumDelayPoint(0);
        if ((blk & 31) == 0)
            MaintenanceJobProgress("scanning heap", blk, nblocks, 0, (uint32) vs.nindexes);
        /* blocks beyond the map's pages at the start cannot have a bit yet (see
         * VisibilityMapCoveredBlocks): no map lookup for them */
        vm_bit = blk < vm_covered && VisibilityMapTest(rel, blk, &vs.vmbuf);
        if (vm_bit && !(params->options & VACOPT_DISABLE_PAGE_SKIPPING))
        {
            stats->skipped_all_visible++;
            vs.nonempty_pages = blk + 1;
            continue;
        }
        if (vs.ndead + MaxHeapTuplesPerPage > vs.maxdead)
            flush_dead_items(&vs);

        VisibilityMapPin(rel, blk, &vs.vmbuf);     /* before the heap lock: may extend */
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
            remember_free_space(&vs, blk, BLCKSZ - SizeOfPageHeaderData);
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
            if (vs.do_index_cleanup)
                remember_dead_items(&vs, buf, &pr);
        }
        if (page_has_used_items(page))
            vs.nonempty_pages = blk + 1;
        if (pr.all_visible && pr.ndead_items == 0)
        {
            if (!PageIsAllVisible(page) || !vm_bit)
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
            remember_free_space(&vs, blk, avail);
    }
    flush_free_space(&vs);
    /* INDEX_CLEANUP off: nothing was collected; dead line pointers stay for a later VACUUM */
    flush_dead_items(&vs);
    if (BufferIsValid(vs.vmbuf))
        ReleaseBuffer(vs.vmbuf);
    vs.vmbuf = InvalidBuffer;
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
    if (vs.dead_pages != NULL)
        pfree(vs.dead_pages);
}
