/*
 * vacuumfull.c
 *     VACUUM FULL: rewrite a table into a new relfile, keeping every tuple
 *     version some snapshot may still see, then rebuild its indexes.  The
 *     old files are removed when the transaction commits, so the space goes
 *     back to the operating system; an abort keeps the old files.
 * Entry point: FullVacuumRelation() (commands/vacuum.h).
 *
 * Tuples keep their MVCC headers.  Update chains (t_ctid of an updated
 * version pointing at its successor) are re-pointed at the successor's new
 * location; a successor that was not copied (dead) leaves the version
 * pointing at itself.  To know the new locations before writing, the copy
 * runs in two passes over the old file: the first decides what to keep and
 * computes where each kept tuple will land (placement is deterministic),
 * the second writes the pages.  New pages are WAL-logged as full images.
 *
 * Catalogs cannot get a new relfile (their OID is their file name), so
 * VACUUM FULL of a catalog falls back to lazy VACUUM.
 */
#include "rustydb.h"

#include <time.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/xlog.h"
#include "catalog/catalog.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "commands/vacuum.h"
#include "access/xact.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/freespace.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Kept tuples, in old-TID order, with their new TIDs. */
typedef struct TidMap
{
    ItemPointerData *old_tids;
    ItemPointerData *new_tids;
    int64       n;
    int64       max;
} TidMap;

/* Placement of tuples on new pages, replayed identically by both passes. */
typedef struct Placer
{
    char       *page;           /* BLCKSZ scratch page */
    BlockNumber blkno;          /* number of the page being filled */
    bool        started;
} Placer;

static int
tid_cmp(const void *a, const void *b)
{
    return ItemPointerCompare((ItemPointer) a, (ItemPointer) b);
}

static bool
keep_tuple(HTSV_Result r)
{
    return r != HEAPTUPLE_DEAD;
}

/* Place a tuple; returns false when the current page is full (caller flushes and retries). */
static bool
place(Placer *pl, HeapTuple tup, ItemPointer newtid)
{
    OffsetNumber off;

    if (!pl->started)
    {
        PageInit(pl->page, BLCKSZ, 0);
        pl->started = true;
    }
    off = PageAddItem(pl->page, tup->t_data, tup->t_len, InvalidOffsetNumber, PAI_IS_HEAP);
    if (off == InvalidOffsetNumber)
        return false;
    ItemPointerSet(newtid, pl->blkno, off);
    return true;
}

/* Write the scratch page as the next block of rel (pass 2). */
static void
write_page(Relation rel, Placer *pl)
{
    Buffer      buf = ExtendRelationBuffered(rel, MAIN_FORKNUM);
    Page        page = BufferGetPage(buf);
    XLogRecPtr  lsn;

    if (BufferGetBlockNumber(buf) != pl->blkno)
        elog(ERROR, "VACUUM FULL of \"%s\": new page %u written as block %u",
             RelationGetRelationName(rel), pl->blkno, BufferGetBlockNumber(buf));
    START_CRIT_SECTION();
    memcpy(page, pl->page, BLCKSZ);
    MarkBufferDirty(buf);
    XLogBeginInsert();
    XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE);
    lsn = XLogInsert(RM_XLOG_ID, XLOG_FPI);
    PageSetLSN(page, lsn);
    END_CRIT_SECTION();
    RecordPageWithFreeSpace(rel, pl->blkno, PageGetHeapFreeSpace(page));
    UnlockReleaseBuffer(buf);
}

/*
 * copy_pass -- walk the old file.  Pass 1 (map->old_tids filled as we go):
 * decide, place, record.  Pass 2: replay the decisions (every old TID in
 * the map is kept), fix ctids and write pages into rel.
 */
static void
copy_pass(Relation rel, RelFileLocator oldloc, BlockNumber oldblocks, TransactionId oldest_xmin,
          TidMap *map, int pass, VacuumStats *stats)
{
    Placer      pl;
    int64       next = 0;       /* pass 2: position in the map */

    pl.page = palloc(BLCKSZ);
    pl.blkno = 0;
    pl.started = false;
    for (BlockNumber blk = 0; blk < oldblocks; blk++)
    {
        Buffer      buf;
        Page        page;
        OffsetNumber maxoff;

        VacuumDelayPoint(0);
        if ((blk & 31) == 0)
            MaintenanceJobProgress(pass == 1 ? "scanning heap" : "writing new heap",
                                   blk, oldblocks, 0, 0);
        buf = ReadBufferWithoutRelcache(oldloc, MAIN_FORKNUM, blk, RBM_NORMAL,
                                        RelationGetRelationName(rel));
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        maxoff = PageIsNew(page) ? 0 : PageGetMaxOffsetNumber(page);
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
        {
            ItemId      lp = PageGetItemId(page, off);
            HeapTupleData tup;
            ItemPointerData self;
            ItemPointerData newtid;

            if (!ItemIdIsNormal(lp))
                continue;
            ItemPointerSet(&self, blk, off);
            tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
            tup.t_len = ItemIdGetLength(lp);
            tup.t_self = self;
            tup.t_tableOid = RelationGetRelid(rel);
            if (pass == 1)
            {
                HTSV_Result r = HeapTupleSatisfiesVacuum(&tup, oldest_xmin, buf);

                if (!keep_tuple(r))
                {
                    stats->tuples_removed++;
                    continue;
                }
                if (r == HEAPTUPLE_RECENTLY_DEAD)
                    stats->recently_dead++;
                else
                    stats->live_tuples++;
                if (map->n == map->max)
                {
                    map->max *= 2;
                    map->old_tids = repalloc(map->old_tids, sizeof(ItemPointerData) * (Size) map->max);
                    map->new_tids = repalloc(map->new_tids, sizeof(ItemPointerData) * (Size) map->max);
                }
                while (!place(&pl, &tup, &newtid))
                {
                    pl.blkno++;
                    pl.started = false;
                }
                map->old_tids[map->n] = self;
                map->new_tids[map->n] = newtid;
                map->n++;
            }
            else
            {
                HeapTupleHeader copy;
                ItemPointerData *target;
                HeapTupleData ctup;

                if (next >= map->n || !ItemPointerEquals(&map->old_tids[next], &self))
                    continue;   /* not kept in pass 1 */
                /* the header copy gets the new ctid; the old page stays untouched */
                copy = palloc(tup.t_len);
                memcpy(copy, tup.t_data, tup.t_len);
                /*
                 * Every copy gets its own index entries (the indexes are
                 * rebuilt from the new heap), so no HOT chain survives.
                 */
                copy->t_infomask &= (uint16) ~(HEAP_HOT_UPDATED | HEAP_ONLY_TUPLE);
                if (!ItemPointerEquals(&copy->t_ctid, &self))
                {
                    target = bsearch(&copy->t_ctid, map->old_tids, (size_t) map->n,
                                     sizeof(ItemPointerData), tid_cmp);
                    copy->t_ctid = target != NULL
                        ? map->new_tids[target - map->old_tids] : map->new_tids[next];
                }
                else
                    copy->t_ctid = map->new_tids[next];
                ctup = tup;
                ctup.t_data = copy;
                while (!place(&pl, &ctup, &newtid))
                {
                    write_page(rel, &pl);
                    pl.blkno++;
                    pl.started = false;
                }
                if (!ItemPointerEquals(&newtid, &map->new_tids[next]))
                    elog(ERROR, "VACUUM FULL of \"%s\": tuple placement differs between passes",
                         RelationGetRelationName(rel));
                pfree(copy);
                next++;
            }
        }
        UnlockReleaseBuffer(buf);
    }
    if (pass == 2 && pl.started)
        write_page(rel, &pl);
    pfree(pl.page);
}

void
FullVacuumRelation(Relation rel, const VacuumParams *params, VacuumStats *stats)
{
    struct timespec t0;
    struct timespec t1;
    RelFileLocator oldloc = rel->rd_locator;
    BlockNumber oldblocks = RelationGetNumberOfBlocks(rel);
    TransactionId oldest_xmin;
    TidMap      map;
    List       *indexoids;
    ListCell   *lc;
    int         elevel = (params->options & VACOPT_VERBOSE) ? INFO : DEBUG1;
    char       *qualname = psprintf("%s.%s", NamespaceNameById(RelationGetNamespace(rel)),
                                     RelationGetRelationName(rel));

    if (IsCatalogRelationId(RelationGetRelid(rel)))
    {
        LazyVacuumRelation(rel, params, stats);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(stats, 0, sizeof(*stats));
    oldest_xmin = GetOldestXmin(MyDatabaseId, false);
    stats->oldest_xmin = oldest_xmin;
    stats->rel_pages = oldblocks;
    ereport(elevel, errmsg("vacuuming \"%s\"", qualname));

    map.max = 1024;
    map.n = 0;
    map.old_tids = palloc(sizeof(ItemPointerData) * (Size) map.max);
    map.new_tids = palloc(sizeof(ItemPointerData) * (Size) map.max);
    copy_pass(rel, oldloc, oldblocks, oldest_xmin, &map, 1, stats);
    stats->scanned_pages = oldblocks;

    /* new, empty relfile (and empty indexes); the old files go at commit */
    FlushRelationBuffers(rel);
    (void) RelationSetNewRelfilenode(rel);
    HeapSpaceNoteInvalidate(rel);   /* written page by page below, not through heap_insert */
    CommandCounterIncrement();
    copy_pass(rel, oldloc, oldblocks, oldest_xmin, &map, 2, stats);
    stats->new_rel_pages = RelationGetNumberOfBlocks(rel);
    stats->removed_pages = oldblocks > stats->new_rel_pages ? oldblocks - stats->new_rel_pages : 0;

    /* rebuild every index from the new heap */
    indexoids = RelationGetIndexList(rel);
    stats->nindexes = list_length(indexoids);
    {
        int         i = 0;

        foreach(lc, indexoids)
        {
            Oid         indexoid = lfirst_oid(lc);
            IndexInfo  *info = IndexInfoFromCatalog(indexoid);
            Relation    indexrel = index_open(indexoid, AccessExclusiveLock);
            double      n;

            MaintenanceJobProgress("rebuilding indexes", oldblocks, oldblocks, (uint32) i,
                                   (uint32) stats->nindexes);
            n = index_build(rel, indexrel, info, NULL);
            RelationUpdateStats(indexoid, (int32) RelationGetNumberOfBlocks(indexrel), (float4) n, 0);
            index_close(indexrel, NoLock);
            i++;
        }
    }
    RelationUpdateStats(RelationGetRelid(rel), (int32) stats->new_rel_pages,
                        (float4) stats->live_tuples, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    stats->duration_ms = (int64) (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    MaintenanceReportVacuum(MyDatabaseId, RelationGetRelid(rel),
                            params->origin == JOB_ORIGIN_AUTOVACUUM, stats->tuples_removed,
                            stats->removed_pages, stats->live_tuples, stats->recently_dead,
                            stats->duration_ms, NULL);
    ereport(elevel,
            errmsg("\"%s\": found %lld removable, %lld nonremovable row versions in %u pages",
                   RelationGetRelationName(rel), (long long) stats->tuples_removed,
                   (long long) (stats->live_tuples + stats->recently_dead), oldblocks),
            errdetail("%lld dead row versions cannot be removed yet.\n"
                      "New relation has %u pages; %d indexes rebuilt.",
                      (long long) stats->recently_dead, stats->new_rel_pages, stats->nindexes));
    pfree(map.old_tids);
    pfree(map.new_tids);
}
