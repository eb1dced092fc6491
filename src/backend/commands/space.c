/*
 * space.c
 *     Exact space accounting, the backend side: the current transaction's
 *     pending changes per table, their publication into the shared
 *     counters (maintenance.c) when the (sub)transaction ends, the heap
 *     hooks, and baselines for tables whose counters are not valid.
 * Entry points: see commands/maintenance.h ("exact space accounting").
 * Design, publication points and locking: src/backend/commands/README.md
 * ("Exact space").
 *
 * Pending changes are kept per (relation, subtransaction nesting level) in
 * an array in TopMemoryContext.  A transaction that touches no tracked
 * table has no entries and does no shared-memory work at its end.  If an
 * entry cannot be allocated, pending_lost makes the end of the transaction
 * invalidate every counter of the database (then the next reader takes a
 * new baseline) instead of leaving one silently wrong.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/catalog.h"
#include "catalog/index.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"

#define SPACE_NEW_FILE 0x01     /* a new, empty file this transaction: counters restart at commit */
#define SPACE_INVALIDATE 0x02   /* the file was changed untracked: counters invalid at the end */
#define SPACE_DROPPED 0x04      /* DROP TABLE: forget the counters at commit */

typedef struct SpacePending
{
    Oid         relid;
    int         nest_level;
    uint8       flags;
    SpacePendingDelta d;
} SpacePending;

static SpacePending *pending = NULL;
static int  npending = 0;
static int  maxpending = 0;
static int  last_hit = -1;
static bool pending_lost = false;
static int  measuring_slot = -1;    /* MaintenanceSpaceBeginMeasure slot held by us */

/* ---------- the arithmetic (pure) ---------- */

void
SpaceDeltaOutcome(const SpacePendingDelta *d, bool is_commit, int64 *live, int64 *dead,
                  int64 *free_bytes)
{
    if (is_commit)
    {
        /* inserted versions are live; deleted ones were live and are now dead */
        *live = d->inserted - d->deleted;
        *dead = d->deleted + d->dead_final;
    }
    else
    {
        /* inserted versions are dead; deleted ones stay live (nothing to do) */
        *live = 0;
        *dead = d->inserted + d->dead_final;
    }
    *free_bytes = d->free_delta;
}

void
SpaceDeltaSubxactEnd(SpacePendingDelta *parent, const SpacePendingDelta *child, bool is_commit)
{
    if (is_commit)
    {
        parent->inserted += child->inserted;
        parent->deleted += child->deleted;
    }
    else
        parent->dead_final += child->inserted;
    parent->dead_final += child->dead_final;
    parent->free_delta += child->free_delta;
}

/* ---------- pending entries ---------- */

static bool
tracked_oid(Oid relid, char relkind)
{
    return relkind == RELKIND_RELATION && relid >= FirstNormalObjectId;
}

static bool
tracked(Relation rel)
{
    return rel != NULL && tracked_oid(RelationGetRelid(rel), rel->rd_relkind);
}

static SpacePending *
pending_entry(Oid relid, int level, bool create)
{
    SpacePending *e;

    if (last_hit >= 0 && last_hit < npending && pending[last_hit].relid == relid &&
        pending[last_hit].nest_level == level)
        return &pending[last_hit];
    for (int i = npending - 1; i >= 0; i--)
        if (pending[i].relid == relid && pending[i].nest_level == level)
        {
            last_hit = i;
            return &pending[i];
        }
    if (!create)
        return NULL;
    if (npending == maxpending)
    {
        int         newmax = Max(16, maxpending * 2);
        bool        was_lost = pending_lost;

        /* an ERROR here must not leave the page change unaccounted for */
        pending_lost = true;
        if (pending == NULL)
            pending = MemoryContextAlloc(TopMemoryContext, sizeof(SpacePending) * (Size) newmax);
        else
            pending = repalloc(pending, sizeof(SpacePending) * (Size) newmax);
        maxpending = newmax;
        pending_lost = was_lost;
    }
    e = &pending[npending];
    memset(e, 0, sizeof(*e));
    e->relid = relid;
    e->nest_level = level;
    last_hit = npending++;
    return e;
}

/* Does this transaction have a new file of relid pending below nesting level `below`? */
static bool
new_file_pending(Oid relid, int below)
{
    for (int i = 0; i < npending; i++)
        if (pending[i].relid == relid && (pending[i].flags & SPACE_NEW_FILE) &&
            pending[i].nest_level < below)
            return true;
    return false;
}

static bool
has_pending(Oid relid)
{
    for (int i = 0; i < npending; i++)
        if (pending[i].relid == relid)
            return true;
    return false;
}

/*
 * Merge entries of the same relation and level (after relabelling a
 * finished subtransaction's entries to its parent's level).  The deltas
 * are folded as by a subcommit: callers have already turned an aborted
 * child's delta into what survives.  No allocation: runs on abort paths.
 */
static void
merge_duplicates(int level)
{
    int         n = 0;

    for (int i = 0; i < npending; i++)
    {
        SpacePending *e = &pending[i];
        bool        merged = false;

        if (e->nest_level == level)
        {
            for (int j = 0; j < n; j++)
                if (pending[j].relid == e->relid && pending[j].nest_level == level)
                {
                    SpaceDeltaSubxactEnd(&pending[j].d, &e->d, true);
                    pending[j].flags |= e->flags;
                    merged = true;
                    break;
                }
        }
        if (!merged)
        {
            if (n != i)
                pending[n] = *e;
            n++;
        }
    }
    npending = n;
    last_hit = -1;
}

/* ---------- heap hooks ---------- */

void
HeapSpaceNoteChange(Relation rel, int64 inserted, int64 deleted, int64 free_delta)
{
    SpacePending *e;

    if (!tracked(rel))
        return;
    e = pending_entry(RelationGetRelid(rel), GetCurrentTransactionNestLevel(), true);
    e->d.inserted += inserted;
    e->d.deleted += deleted;
    e->d.free_delta += free_delta;
}

void
HeapSpaceNoteClean(Relation rel, int64 dead_delta, int64 free_delta)
{
    Oid         relid;

    if (!tracked(rel) || (dead_delta == 0 && free_delta == 0))
        return;
    relid = RelationGetRelid(rel);
    if (npending > 0 && new_file_pending(relid, INT32_MAX))
    {
        /* our own new file: nobody else sees it, it is published with the transaction */
        SpacePending *e = pending_entry(relid, GetCurrentTransactionNestLevel(), true);

        e->d.dead_final += dead_delta;
        e->d.free_delta += free_delta;
        return;
    }
    MaintenanceSpaceAdd(MyDatabaseId, relid, 0, dead_delta, free_delta);
}

/* The measurement's view of one page: dead line pointers, stored tuples, free bytes. */
static void
page_totals(Page page, int64 *stored, int64 *free_bytes)
{
    OffsetNumber maxoff;

    *stored = 0;
    if (PageIsNew(page))
    {
        *free_bytes = BLCKSZ - SizeOfPageHeaderData;
        return;
    }
    *free_bytes = (int64) PageGetExactFreeSpace(page);
    maxoff = PageGetMaxOffsetNumber(page);
    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);

        if (ItemIdIsDead(lp))
            *stored += (int64) (sizeof(ItemIdData) + ItemIdGetLength(lp));
        else if (ItemIdIsNormal(lp))
            *stored += (int64) ItemIdGetLength(lp);
    }
}

void
HeapSpaceCleanBegin(Relation rel, Page page, HeapSpaceMark *mark)
{
    mark->tracked = tracked(rel);
    if (mark->tracked)
        page_totals(page, &mark->stored, &mark->free_bytes);
}

void
HeapSpaceCleanEnd(Relation rel, Page page, const HeapSpaceMark *mark)
{
    int64       stored;
    int64       free_bytes;

    if (!mark->tracked)
        return;
    /*
     * Cleaning removes only tuples that are dead to everyone (counted as
     * dead when their transaction ended) and turns line pointers LP_DEAD
     * or unused: the change of (stored tuples + dead pointers) is the
     * change of dead bytes.
     */
    page_totals(page, &stored, &free_bytes);
    HeapSpaceNoteClean(rel, stored - mark->stored, free_bytes - mark->free_bytes);
}

void
HeapSpaceNoteTruncate(Relation rel, BlockNumber new_end, BlockNumber old_end)
{
    int64       dead = 0;
    int64       free_bytes = 0;

    if (!tracked(rel))
        return;
    for (BlockNumber blk = new_end; blk < old_end; blk++)
    {
        Buffer      buf = ReadBuffer(rel, blk);
        int64       s;
        int64       f;

        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page_totals(BufferGetPage(buf), &s, &f);
        UnlockReleaseBuffer(buf);
        dead += s;              /* VACUUM cuts only pages without tuples */
        free_bytes += f;
    }
    HeapSpaceNoteClean(rel, -dead, -free_bytes);
}

void
HeapSpaceNoteNewFile(Oid relid, char relkind)
{
    SpacePending *e;

    if (!tracked_oid(relid, relkind))
        return;
    /* what was pending concerned the old file */
    for (int i = 0; i < npending; i++)
        if (pending[i].relid == relid)
            memset(&pending[i].d, 0, sizeof(pending[i].d));
    e = pending_entry(relid, GetCurrentTransactionNestLevel(), true);
    e->flags |= SPACE_NEW_FILE;
}

void
HeapSpaceNoteInvalidate(Relation rel)
{
    SpacePending *e;

    if (!tracked(rel))
        return;
    e = pending_entry(RelationGetRelid(rel), GetCurrentTransactionNestLevel(), true);
    e->flags |= SPACE_INVALIDATE;
}

void
HeapSpaceNoteDrop(Oid relid, char relkind)
{
    SpacePending *e;

    if (!tracked_oid(relid, relkind))
        return;
    e = pending_entry(relid, GetCurrentTransactionNestLevel(), true);
    e->flags |= SPACE_DROPPED;
}

bool
HeapSpaceMayPrune(Relation rel)
{
    return !tracked(rel) || !MaintenanceSpaceMeasuring(MyDatabaseId, RelationGetRelid(rel));
}

/* ---------- transaction ends ---------- */

void
AtEOSubXact_Space(bool is_commit, int nest_level)
{
    bool        any = false;

    for (int i = 0; i < npending; i++)
    {
        SpacePending *e = &pending[i];

        if (e->nest_level != nest_level)
            continue;
        any = true;
        e->nest_level = nest_level - 1;
        if (is_commit)
            continue;
        e->flags &= (uint8) ~SPACE_DROPPED;     /* the DROP is undone */
        if (e->flags & SPACE_NEW_FILE)
        {
            /* the new file is gone; the parent's figures were for the old one */
            memset(&e->d, 0, sizeof(e->d));
            e->flags = SPACE_INVALIDATE;
        }
        else if (new_file_pending(e->relid, nest_level))
        {
            /* an outer level's new file: still private, keep what survives */
            SpacePendingDelta survive;

            memset(&survive, 0, sizeof(survive));
            SpaceDeltaSubxactEnd(&survive, &e->d, false);
            e->d = survive;
        }
        else
        {
            /*
             * Publish now: the subtransaction's outcome is final, and the
             * table locks it took are released right after this.
             */
            int64       live;
            int64       dead;
            int64       free_bytes;

            SpaceDeltaOutcome(&e->d, false, &live, &dead, &free_bytes);
            MaintenanceSpaceAdd(MyDatabaseId, e->relid, live, dead, free_bytes);
            memset(&e->d, 0, sizeof(e->d));
            if (e->flags & SPACE_INVALIDATE)
                MaintenanceSpaceInvalidate(MyDatabaseId, e->relid);
        }
    }
    if (any)
        merge_duplicates(nest_level - 1);
}

void
AtEOXact_Space(bool is_commit)
{
    if (measuring_slot >= 0)
    {
        MaintenanceSpaceEndMeasure(measuring_slot);
        measuring_slot = -1;
    }
    if (npending == 0 && !pending_lost)
        return;
    /* levels still open (an abort out of subtransactions): fold into one entry per table */
    for (int i = 0; i < npending; i++)
        pending[i].nest_level = 1;
    merge_duplicates(1);
    for (int i = 0; i < npending; i++)
    {
        SpacePending *e = &pending[i];
        int64       live;
        int64       dead;
        int64       free_bytes;

        SpaceDeltaOutcome(&e->d, is_commit, &live, &dead, &free_bytes);
        if (is_commit && (e->flags & SPACE_DROPPED))
            MaintenanceForgetTable(MyDatabaseId, e->relid);
        else if ((e->flags & SPACE_INVALIDATE) || (!is_commit && (e->flags & SPACE_NEW_FILE)))
            MaintenanceSpaceInvalidate(MyDatabaseId, e->relid);
        else if (e->flags & SPACE_NEW_FILE)
            MaintenanceSpaceInstall(MyDatabaseId, e->relid, live, dead, free_bytes);
        else
            MaintenanceSpaceAdd(MyDatabaseId, e->relid, live, dead, free_bytes);
    }
    if (pending_lost)
        MaintenanceSpaceInvalidate(MyDatabaseId, InvalidOid);
    npending = 0;
    last_hit = -1;
    pending_lost = false;
}

/* ---------- reading, baselines ---------- */

/*
 * index_get_space -- RelationGetSpace for a B-tree index.  Every writer of
 * an index (inserts: RowExclusiveLock on its table; VACUUM and CREATE
 * INDEX CONCURRENTLY: ShareUpdateExclusiveLock; builds into a new file:
 * ShareLock plus AccessExclusiveLock on the index) adds its changes at
 * once, so while a ShareLock on the table is held -- it conflicts with the
 * first two, and the third holds a lock on the index that our
 * AccessShareLock waited for -- the index holds still and its counters
 * have nothing outstanding: a measurement then is a baseline.  Our own
 * transaction's changes are already counted too.
 */
static RelationSpaceSource
index_get_space(Relation rel, RelationSpace *out)
{
    Oid         db = rel->rd_locator.dbOid;
    Oid         relfilenode = rel->rd_locator.relNumber;
    Oid         heapid;

    if (RelationGetRelid(rel) >= FirstNormalObjectId && !RecoveryInProgress())
    {
        if (MaintenanceIndexSpaceRead(db, relfilenode, out))
        {
            out->pages = RelationGetNumberOfBlocks(rel);
            out->overhead_bytes = out->pages * BLCKSZ - out->live_bytes - out->dead_bytes -
                out->free_bytes;
            return SPACE_FROM_COUNTERS;
        }
        heapid = IndexGetTable(RelationGetRelid(rel));
        if (OidIsValid(heapid) && ConditionalLockRelationOid(heapid, ShareLock))
        {
            bool        installed;

            RelationMeasureIndexSpace(rel, out);
            installed = MaintenanceIndexSpaceInstall(db, relfilenode, RelationGetRelid(rel),
                                                     out->live_bytes, out->dead_bytes,
                                                     out->free_bytes);
            UnlockRelationOid(heapid, ShareLock);
            return installed ? SPACE_NEW_BASELINE : SPACE_MEASURED;
        }
    }
    RelationMeasureIndexSpace(rel, out);
    return SPACE_MEASURED;
}

RelationSpaceSource
RelationGetSpace(Relation rel, RelationSpace *out)
{
    Oid         relid = RelationGetRelid(rel);
    bool        installed = false;

    memset(out, 0, sizeof(*out));
    if (rel->rd_relkind == RELKIND_INDEX)
        return index_get_space(rel, out);
    if (tracked(rel) && !RecoveryInProgress())
    {
        if (MaintenanceSpaceRead(MyDatabaseId, relid, out))
        {
            out->pages = RelationGetNumberOfBlocks(rel);
            out->overhead_bytes = out->pages * BLCKSZ - out->live_bytes - out->dead_bytes -
                out->free_bytes;
            return SPACE_FROM_COUNTERS;
        }

        /*
         * A baseline needs a moment without pending changes of the table:
         * ShareLock conflicts with every writer (they publish before
         * releasing their locks) and with VACUUM; our own transaction must
         * not have changed it either.  Opportunistic pruning skips the table
         * while the measuring slot is held.
         */
        if (!has_pending(relid) && !pending_lost && measuring_slot < 0 &&
            ConditionalLockRelationOid(relid, ShareLock))
        {
            measuring_slot = MaintenanceSpaceBeginMeasure(MyDatabaseId, relid);
            if (measuring_slot >= 0)
            {
                RelationMeasureSpace(rel, out);
                MaintenanceSpaceInstall(MyDatabaseId, relid, out->live_bytes, out->dead_bytes,
                                        out->free_bytes);
                MaintenanceSpaceEndMeasure(measuring_slot);
                measuring_slot = -1;
                installed = true;
            }
            UnlockRelationOid(relid, ShareLock);
            if (installed)
                return SPACE_NEW_BASELINE;
        }
    }
    RelationMeasureSpace(rel, out);
    return SPACE_MEASURED;
}
