/*
 * nbtvacuum.c
 *     Removing index entries of dead heap tuples (VACUUM): a scan of the
 *     index in physical block order, deleting on each leaf the entries
 *     whose heap TID the caller's callback reports dead.
 * Entry point: BTreeBulkDelete().
 *
 * Pages are never deleted or recycled, so new pages always get higher
 * block numbers than any existing page: an entry moved right by a
 * concurrent split lands on a page this scan has not visited yet -- one
 * created after the scan started included: the scan goes on until the
 * index stops growing -- and is still seen.  Empty leaf pages stay in the
 * tree (README "Deletion").
 *
 * Every leaf page is taken with a cleanup lock (no other pin), even one
 * with nothing to delete: an index-only scan keeps the leaf whose entries
 * it is returning pinned (IndexScanDesc.keep_pin), so the bulk delete
 * cannot finish -- and VACUUM cannot free the heap line pointers and mark
 * their page all-visible -- while such a scan holds a copy of an entry of
 * a dead version that it has not yet checked against the visibility map.
 * An entry can only move to a newer page, which the scan visits later, so
 * passing a page early is no hole (README "Deletion").
 */
#include "rustydb.h"

#include "access/xlog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "nbtree_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

int64
BTreeBulkDelete(Relation indexrel, IndexBulkDeleteCallback callback, void *callback_state,
                int64 *remaining)
{
    BlockNumber nblocks = RelationGetNumberOfBlocks(indexrel);
    int64       removed = 0;
    int64       kept = 0;
    OffsetNumber *dead = palloc(sizeof(OffsetNumber) * MaxOffsetNumber);

    for (BlockNumber blkno = BTREE_METAPAGE + 1;; blkno++)
    {
        Buffer      buf;
        Page        page;
        BTPageOpaque op;
        uint16      ndead = 0;

        if (blkno >= nblocks)
        {
            /* splits may have added pages since (holding moved entries): go on to them */
            nblocks = RelationGetNumberOfBlocks(indexrel);
            if (blkno >= nblocks)
                break;
        }
        CHECK_FOR_INTERRUPTS();
        buf = ReadBuffer(indexrel, blkno);
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        if (PageIsNew(page))
        {
            /* allocated by a build or extension that did not finish: nothing to do */
            UnlockReleaseBuffer(buf);
            continue;
        }
        BTCheckPage(indexrel, page, blkno);
        op = BTPageGetOpaque(page);
        if (!P_ISLEAF(op))
        {
            UnlockReleaseBuffer(buf);
            continue;
        }
        /* a leaf stays a leaf; wait until no scan holds it pinned (see above) */
        LockBuffer(buf, BUFFER_LOCK_UNLOCK);
        LockBufferForCleanup(buf);
        page = BufferGetPage(buf);
        op = BTPageGetOpaque(page);
        {
            OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

            for (OffsetNumber off = P_FIRSTDATAKEY(op); off <= maxoff; off++)
            {
                IndexTuple  itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, off));

                if (callback(&itup->t_tid, callback_state))
                    dead[ndead++] = off;
                else
                    kept++;
            }
        }
        if (ndead > 0)
        {
            XLogRecPtr  lsn;
            IndexSpaceMark mark;

            IndexSpacePageBegin(indexrel, page, blkno, &mark);
            START_CRIT_SECTION();
            /* maintenance engine: one pass instead of one per entry (was O(n^2)) */
            PageIndexMultiDelete(page, dead, ndead);
            MarkBufferDirty(buf);
            XLogBeginInsert();
            XLogRegisterBuffer(0, buf, REGBUF_STANDARD);
            XLogRegisterBufData(0, &ndead, sizeof(ndead));
            XLogRegisterBufData(0, dead, sizeof(OffsetNumber) * ndead);
            lsn = XLogInsert(RM_BTREE_ID, XLOG_BTREE_DELETE);
            PageSetLSN(page, lsn);
            END_CRIT_SECTION();
            IndexSpacePageEnd(indexrel, page, blkno, &mark);  /* exact space: entries gone */
            removed += ndead;
        }
        UnlockReleaseBuffer(buf);
    }
    pfree(dead);
    if (remaining != NULL)
        *remaining = kept;
    return removed;
}
