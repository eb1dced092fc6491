/*
 * pruneheap.h
 *     Page-level removal of dead tuple versions: used by VACUUM for every
 *     page it scans and by ordinary scans when a page is nearly full of
 *     versions that no snapshot can see any more.
 * Implemented in src/backend/access/heap/pruneheap.c; see the heap README
 * ("Pruning and VACUUM").
 */
#ifndef ACCESS_PRUNEHEAP_H
#define ACCESS_PRUNEHEAP_H

#include "rustydb.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

/* What heap_page_prune found and did on one page. */
typedef struct PruneResult
{
    int         ndeleted;       /* tuples found dead and removed now */
    int         nlive;          /* live tuples (incl. delete-in-progress) */
    int         nrecently_dead; /* deleted, but some snapshot may still see them */
    int         ninserting;     /* inserts in progress */
    int         ndead_items;    /* LP_DEAD line pointers left on the page (need index cleanup) */
    OffsetNumber dead_items[MaxHeapTuplesPerPage];
    bool        all_visible;    /* every remaining tuple is visible to everyone (ignores dead items) */
    bool        changed;        /* the page was modified (and WAL-logged) */
    Size        live_bytes;     /* stored bytes of live / in-progress tuples */
    Size        dead_bytes;     /* stored bytes of recently dead tuples */
    TransactionId oldest_xmax;  /* oldest xmax among recently dead (next prune point) */
} PruneResult;

/*
 * PageSetPrunable -- heapam calls this when it deletes or updates a tuple
 * on the page (exclusive lock held): remember the oldest such xid, so that
 * scans know the page may become worth pruning once xid is old enough.
 */
static inline void
PageSetPrunable(Page page, TransactionId xid)
{
    PageHeader  ph = (PageHeader) page;

    if (ph->pd_prune_xid == InvalidTransactionId || xid < ph->pd_prune_xid)
        ph->pd_prune_xid = xid;
}

/* pruneheap.c */
/*
 * heap_page_prune -- remove the storage of every tuple on the page that
 * is dead to all transactions older than oldest_xmin.  Their line pointers
 * become LP_DEAD (index entries still point at them; VACUUM's second pass
 * makes them unused) or, with mark_unused (the table has no indexes),
 * LP_UNUSED at once.  The page is compacted and, if changed, WAL-logged as
 * an XLOG_HEAP2_PRUNE record (access/vacuum_xlog.h).  Caller holds a
 * cleanup lock on buffer.
 */
extern void heap_page_prune(Relation rel, Buffer buffer, TransactionId oldest_xmin,
                            bool mark_unused, PruneResult *result);
/*
 * heap_page_prune_opt -- opportunistic pruning during a scan, an index
 * fetch or an update: if the page (pinned by the caller, not locked) has
 * prunable versions older than the current horizon and little free space
 * (less than a tenth of the page, or less than needed bytes), and the
 * cleanup lock can be had without waiting -- the caller's pin is this
 * process's only one and no other process pins the page -- prune it.  So
 * nobody can hold a pointer into the page while its tuples move.  Never
 * waits, never ERRORs for lock reasons.
 */
extern void heap_page_prune_opt(Relation rel, Buffer buffer, Size needed);

#endif                          /* ACCESS_PRUNEHEAP_H */
