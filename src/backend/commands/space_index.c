/*
 * space_index.c
 *     Exact space accounting of B-tree indexes: the measurement's view of
 *     an index page, the hooks nbtree calls as it changes pages (applied
 *     to the index file's shared counters at once), and the page-by-page
 *     measurement.
 * Entry points: see commands/maintenance.h ("exact space of B-tree indexes").
 * Design, definitions and locking: src/backend/commands/README.md
 * ("Exact space", "Indexes").
 *
 * Why at once and not at transaction end, as for tables: an index entry is
 * physical.  An aborted transaction's entry stays on its leaf (live, as
 * far as the page says) until VACUUM's bulk delete removes it, and a split
 * or a bulk delete is never undone.  So the counters follow the pages:
 * every change adds its difference while the changed page is still
 * exclusively locked, through atomic additions on the index file's slot
 * (found once per relcache entry, then checked against the file with one
 * atomic read).  No extra buffer lock, no allocation: an insert that needs
 * no split costs two atomic additions.
 */
#include "rustydb.h"

#include "access/nbtree.h"
#include "access/xlog.h"
#include "catalog/catalog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

static bool
tracked(Relation rel)
{
    return rel != NULL && rel->rd_relkind == RELKIND_INDEX &&
        RelationGetRelid(rel) >= FirstNormalObjectId && !rel->rd_istransient;
}

/*
 * index_slot -- the shared slot of rel's current file, or -1.  The cached
 * slot is trusted only while its key still names the file; a "none" is
 * retried when a slot was created since (a baseline may have created it).
 * A missing slot is created (invalid until a baseline), so that every
 * change made from now on is counted.
 */
static int
index_slot(Relation rel)
{
    Oid         db = rel->rd_locator.dbOid;
    Oid         relfilenode = rel->rd_locator.relNumber;
    int         cached = rel->rd_space_slot;
    uint64      epoch;
    int         slot;

    if (cached > 0 && MaintenanceIndexSpaceSlotIs(cached - 1, db, relfilenode))
        return cached - 1;
    epoch = MaintenanceIndexSpaceEpoch();
    if (cached < 0 && rel->rd_space_epoch == epoch)
        return -1;
    slot = MaintenanceIndexSpaceSlot(db, relfilenode, RelationGetRelid(rel), true);
    rel->rd_space_slot = slot >= 0 ? slot + 1 : -1;
    rel->rd_space_epoch = epoch;
    return slot;
}

/* ---------- the measurement's view of a page (pure) ---------- */

void
IndexSpacePageTotals(Page page, BlockNumber blkno, IndexSpaceTotals *out)
{
    OffsetNumber maxoff;

    memset(out, 0, sizeof(*out));
    if (blkno == BTREE_METAPAGE)
        return;                 /* the metapage is overhead, whatever it holds */
    if (PageIsNew(page))
    {
        out->free_bytes = BLCKSZ - SizeOfPageHeaderData;
        return;
    }
    out->free_bytes = (int64) PageGetExactFreeSpace(page);
    maxoff = PageGetMaxOffsetNumber(page);
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);

        if (ItemIdIsDead(lp))
            out->dead_bytes += (int64) (sizeof(ItemIdData) + ItemIdGetLength(lp));
        else if (ItemIdIsNormal(lp))
            out->live_bytes += (int64) ItemIdGetLength(lp);
    }
}

/* ---------- hooks (nbtree) ---------- */

void
IndexSpaceNoteNewFile(Relation rel)
{
    if (!tracked(rel) || RecoveryInProgress())
        return;
    /* only the metapage: nothing counted yet */
    (void) MaintenanceIndexSpaceInstall(rel->rd_locator.dbOid, rel->rd_locator.relNumber,
                                        RelationGetRelid(rel), 0, 0, 0);
}

void
IndexSpaceNoteChange(Relation rel, int64 live_delta, int64 dead_delta, int64 free_delta)
{
    int         slot;

    if (!tracked(rel) || (live_delta == 0 && dead_delta == 0 && free_delta == 0))
        return;
    slot = index_slot(rel);
    if (slot >= 0)
        MaintenanceIndexSpaceSlotAdd(slot, live_delta, dead_delta, free_delta);
}

void
IndexSpaceNoteNewPage(Relation rel)
{
    IndexSpaceNoteChange(rel, 0, 0, BLCKSZ - SizeOfPageHeaderData);
}

void
IndexSpacePageBegin(Relation rel, Page page, BlockNumber blkno, IndexSpaceMark *mark)
{
    mark->tracked = tracked(rel);
    if (mark->tracked)
        IndexSpacePageTotals(page, blkno, &mark->before);
}

void
IndexSpacePageEnd(Relation rel, Page page, BlockNumber blkno, const IndexSpaceMark *mark)
{
    IndexSpaceTotals after;

    if (!mark->tracked)
        return;
    IndexSpacePageTotals(page, blkno, &after);
    IndexSpaceNoteChange(rel, after.live_bytes - mark->before.live_bytes,
                         after.dead_bytes - mark->before.dead_bytes,
                         after.free_bytes - mark->before.free_bytes);
}

/* ---------- the measurement ---------- */

void
RelationMeasureIndexSpace(Relation rel, RelationSpace *out)
{
    BlockNumber nblocks = RelationGetNumberOfBlocks(rel);

    memset(out, 0, sizeof(*out));
    out->pages = nblocks;
    for (BlockNumber blk = 0; blk < nblocks; blk++)
    {
        Buffer      buf;
        IndexSpaceTotals t;

        if (blk == BTREE_METAPAGE)
            continue;           /* overhead */
        CHECK_FOR_INTERRUPTS();
        buf = ReadBuffer(rel, blk);
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        IndexSpacePageTotals(BufferGetPage(buf), blk, &t);
        UnlockReleaseBuffer(buf);
        out->live_bytes += t.live_bytes;
        out->dead_bytes += t.dead_bytes;
        out->free_bytes += t.free_bytes;
    }
    out->overhead_bytes = (int64) nblocks * BLCKSZ - out->live_bytes - out->dead_bytes -
        out->free_bytes;
}
