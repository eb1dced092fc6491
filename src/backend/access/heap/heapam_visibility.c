/*
 * heapam_visibility.c
 *     Tuple visibility: MVCC, self, dirty and any snapshots; the update
 *     check used by heap_update/heap_delete; the VACUUM verdict; hint bits.
 * Entry points: see access/heapam.h.
 *
 * Order of tests for a foreign xid, everywhere: our own xid first, then
 * "running" (snapshot's xip, or the proc array), then the commit log.  The
 * commit log is written before a transaction leaves the proc array, so a
 * transaction that is not running has its outcome in the log; one with no
 * outcome there crashed and counts as aborted.
 *
 * Hint bits (XMIN_COMMITTED/INVALID, XMAX_COMMITTED/INVALID) cache final
 * outcomes on the tuple.  They are set under a share lock too: a lost hint
 * update is harmless.  Buffers with new hints are marked dirty through
 * MarkBufferDirtyHint().
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/multixact.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "storage/bufmgr.h"
#include "storage/procarray.h"
#include "utils/elog.h"

void
HeapTupleSetHintBits(HeapTupleHeader tuple, Buffer buffer, uint16 infomask, TransactionId xid)
{
    (void) xid;
    if ((tuple->t_infomask & infomask) == infomask)
        return;
    /* A commit hint must not reach disk before the commit record does. */
    if ((infomask & (HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED)) != 0 && !XLogAsyncCommitsFlushed())
        return;
    tuple->t_infomask |= infomask;
    if (BufferIsValid(buffer))
        MarkBufferDirtyHint(buffer);
}

static inline bool
xmax_is_invalid(HeapTupleHeader t)
{
    return (t->t_infomask & HEAP_XMAX_INVALID) != 0 ||
        !TransactionIdIsValid(HeapTupleHeaderGetRawXmax(t));
}

static inline bool
xmax_is_lock_only(HeapTupleHeader t)
{
    return (t->t_infomask & HEAP_XMAX_LOCK_ONLY) != 0;
}

/* "Still running?" as the snapshot kind sees it. */
typedef bool (*RunningTest) (TransactionId xid, Snapshot snapshot);

static bool
running_in_snapshot(TransactionId xid, Snapshot snapshot)
{
    return XidInMVCCSnapshot(xid, snapshot);
}

static bool
running_now(TransactionId xid, Snapshot snapshot)
{
    (void) snapshot;
    return TransactionIdIsInProgress(xid);
}

/*
 * satisfies_common -- MVCC (running = in snapshot; own changes seen up to
 * curcid) and SELF (running = in proc array; own changes all seen).
 */
static bool
satisfies_common(HeapTuple htup, Snapshot snapshot, Buffer buffer, RunningTest running,
                 bool use_cid)
{
    HeapTupleHeader t = htup->t_data;
    TransactionId xmin = HeapTupleHeaderGetXmin(t);
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);
    CommandId   curcid = use_cid ? snapshot->curcid : InvalidCommandId;

    if ((t->t_infomask & HEAP_XMIN_COMMITTED) == 0)
    {
        if ((t->t_infomask & HEAP_XMIN_INVALID) != 0)
            return false;
        if (TransactionIdIsCurrentTransactionId(xmin))
        {
            if (use_cid && HeapTupleHeaderGetCmin(t) >= curcid)
                return false;   /* inserted after the scan started */
            if (xmax_is_invalid(t) || xmax_is_lock_only(t))
                return true;
            if (!TransactionIdIsCurrentTransactionId(xmax))
            {
                /* Deleter aborted (only possible with subtransactions): ignore it. */
                HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
                return true;
            }
            if (!use_cid)
                return false;   /* SELF: deleted by us */
            return HeapTupleHeaderGetCmax(t) >= curcid;  /* deleted after scan start */
        }
        if (running(xmin, snapshot))
            return false;
        if (TransactionIdDidCommit(xmin))
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
        else
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_INVALID, InvalidTransactionId);
            return false;
        }
    }
    else if (snapshot->snapshot_type == SNAPSHOT_MVCC && XidInMVCCSnapshot(xmin, snapshot))
        return false;           /* committed, but after our snapshot */

    /* Inserter is visible; now the deleter. */
    if (xmax_is_invalid(t) || xmax_is_lock_only(t))
        return true;
    if ((t->t_infomask & HEAP_XMAX_COMMITTED) == 0)
    {
        if (TransactionIdIsCurrentTransactionId(xmax))
        {
            if (!use_cid)
                return false;
            return HeapTupleHeaderGetCmax(t) >= curcid;
        }
        if (running(xmax, snapshot))
            return true;
        if (!TransactionIdDidCommit(xmax))
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
            return true;
        }
        HeapTupleSetHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
    }
    else if (snapshot->snapshot_type == SNAPSHOT_MVCC && XidInMVCCSnapshot(xmax, snapshot))
        return true;            /* deleter committed after our snapshot */
    return false;
}

bool
HeapTupleSatisfiesMVCC(HeapTuple tup, Snapshot snapshot, Buffer buffer)
{
    return satisfies_common(tup, snapshot, buffer, running_in_snapshot, true);
}

/*
 * Dirty: committed and in-progress inserts are visible (the inserter is
 * reported in dirty_xmin); an in-progress delete leaves the tuple visible
 * (deleter in dirty_xmax).  For unique checks: "would this conflict?".
 */
static bool
satisfies_dirty(HeapTuple htup, Snapshot snapshot, Buffer buffer)
{
    HeapTupleHeader t = htup->t_data;
    TransactionId xmin = HeapTupleHeaderGetXmin(t);
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);

    snapshot->dirty_xmin = InvalidTransactionId;
    snapshot->dirty_xmax = InvalidTransactionId;
    if ((t->t_infomask & HEAP_XMIN_COMMITTED) == 0)
    {
        if ((t->t_infomask & HEAP_XMIN_INVALID) != 0)
            return false;
        if (TransactionIdIsCurrentTransactionId(xmin))
        {
            if (xmax_is_invalid(t) || xmax_is_lock_only(t))
                return true;
            return !TransactionIdIsCurrentTransactionId(xmax);
        }
        if (TransactionIdIsInProgress(xmin))
        {
            snapshot->dirty_xmin = xmin;
            return true;
        }
        if (TransactionIdDidCommit(xmin))
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
        else
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_INVALID, InvalidTransactionId);
            return false;
        }
    }
    if (xmax_is_invalid(t) || xmax_is_lock_only(t))
        return true;
    if ((t->t_infomask & HEAP_XMAX_COMMITTED) != 0)
        return false;
    if (TransactionIdIsCurrentTransactionId(xmax))
        return false;
    if (TransactionIdIsInProgress(xmax))
    {
        snapshot->dirty_xmax = xmax;
        return true;
    }
    if (!TransactionIdDidCommit(xmax))
    {
        HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
        return true;
    }
    HeapTupleSetHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
    return false;
}

bool
HeapTupleSatisfiesVisibility(HeapTuple tup, Snapshot snapshot, Buffer buffer)
{
    switch (snapshot->snapshot_type)
    {
        case SNAPSHOT_MVCC:
            return satisfies_common(tup, snapshot, buffer, running_in_snapshot, true);
        case SNAPSHOT_SELF:
            return satisfies_common(tup, snapshot, buffer, running_now, false);
        case SNAPSHOT_ANY:
            return true;
        case SNAPSHOT_DIRTY:
            return satisfies_dirty(tup, snapshot, buffer);
    }
    elog(ERROR, "unrecognized snapshot type %d", (int) snapshot->snapshot_type);
    return false;               /* keep the compiler quiet */
}

static TM_Result
updated_or_deleted(HeapTuple htup)
{
    return ItemPointerEquals(&htup->t_self, &htup->t_data->t_ctid) ? TM_Deleted : TM_Updated;
}

TM_Result
HeapTupleSatisfiesUpdate(HeapTuple htup, CommandId curcid, Buffer buffer)
{
    HeapTupleHeader t = htup->t_data;
    TransactionId xmin = HeapTupleHeaderGetXmin(t);
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);

    if ((t->t_infomask & HEAP_XMIN_COMMITTED) == 0)
    {
        if ((t->t_infomask & HEAP_XMIN_INVALID) != 0)
            return TM_Invisible;
        if (TransactionIdIsCurrentTransactionId(xmin))
        {
            if (HeapTupleHeaderGetCmin(t) >= curcid)
                return TM_Invisible;
            if (xmax_is_invalid(t))
                return TM_Ok;
            if (xmax_is_lock_only(t))
            {
                /*
                 * Our own new version can carry other transactions' FOR
                 * KEY SHARE locks (a no-key update moved them here).
                 */
                if ((t->t_infomask & HEAP_XMAX_IS_MULTI) != 0 ? MultiXactIsRunning(xmax)
                    : (!TransactionIdIsCurrentTransactionId(xmax) &&
                       TransactionIdIsInProgress(xmax)))
                    return TM_BeingModified;
                return TM_Ok;
            }
            if (!TransactionIdIsCurrentTransactionId(xmax))
            {
                HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
                return TM_Ok;
            }
            return HeapTupleHeaderGetCmax(t) >= curcid ? TM_SelfModified : TM_Invisible;
        }
        if (TransactionIdIsInProgress(xmin))
            return TM_Invisible;
        if (TransactionIdDidCommit(xmin))
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
        else
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_INVALID, InvalidTransactionId);
            return TM_Invisible;
        }
    }

    if (xmax_is_invalid(t))
        return TM_Ok;
    if ((t->t_infomask & HEAP_XMAX_IS_MULTI) != 0)
    {
        /* lock-only multixact: the caller sorts the running lockers out (heaplock.c) */
        if (MultiXactIsRunning(xmax))
            return TM_BeingModified;
        HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
        return TM_Ok;
    }
    if ((t->t_infomask & HEAP_XMAX_COMMITTED) != 0)
        return xmax_is_lock_only(t) ? TM_Ok : updated_or_deleted(htup);
    if (TransactionIdIsCurrentTransactionId(xmax))
    {
        if (xmax_is_lock_only(t))
            return TM_Ok;       /* our own in-flight update marker: we may proceed */
        return HeapTupleHeaderGetCmax(t) >= curcid ? TM_SelfModified : TM_Invisible;
    }
    if (TransactionIdIsInProgress(xmax))
        return TM_BeingModified;
    if (!TransactionIdDidCommit(xmax))
    {
        HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
        return TM_Ok;
    }
    if (xmax_is_lock_only(t))
    {
        /* A committed locker does not block anyone any more. */
        HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
        return TM_Ok;
    }
    HeapTupleSetHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
    return updated_or_deleted(htup);
}

HTSV_Result
HeapTupleSatisfiesVacuum(HeapTuple htup, TransactionId oldest_xmin, Buffer buffer)
{
    HeapTupleHeader t = htup->t_data;
    TransactionId xmin = HeapTupleHeaderGetXmin(t);
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);

    if ((t->t_infomask & HEAP_XMIN_COMMITTED) == 0)
    {
        if ((t->t_infomask & HEAP_XMIN_INVALID) != 0)
            return HEAPTUPLE_DEAD;
        if (TransactionIdIsCurrentTransactionId(xmin))
        {
            if (xmax_is_invalid(t) || xmax_is_lock_only(t))
                return HEAPTUPLE_INSERT_IN_PROGRESS;
            /*
             * Deleted or updated by us -- unless by a subtransaction that
             * has rolled back: then the version stands (and a HOT
             * successor it made is dead, so its chain ends here).
             */
            if (TransactionIdIsCurrentTransactionId(xmax))
                return HEAPTUPLE_DELETE_IN_PROGRESS;
            return HEAPTUPLE_INSERT_IN_PROGRESS;
        }
        if (TransactionIdIsInProgress(xmin))
            return HEAPTUPLE_INSERT_IN_PROGRESS;
        if (TransactionIdDidCommit(xmin))
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
        else
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMIN_INVALID, InvalidTransactionId);
            return HEAPTUPLE_DEAD;
        }
    }
    if (xmax_is_invalid(t))
        return HEAPTUPLE_LIVE;
    if (xmax_is_lock_only(t))
    {
        if ((t->t_infomask & HEAP_XMAX_IS_MULTI) != 0 ? !MultiXactIsRunning(xmax)
            : !TransactionIdIsInProgress(xmax))
            HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
        return HEAPTUPLE_LIVE;
    }
    if ((t->t_infomask & HEAP_XMAX_COMMITTED) == 0)
    {
        if (TransactionIdIsInProgress(xmax))
            return HEAPTUPLE_DELETE_IN_PROGRESS;
        if (TransactionIdDidCommit(xmax))
            HeapTupleSetHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
        else
        {
            HeapTupleSetHintBits(t, buffer, HEAP_XMAX_INVALID, InvalidTransactionId);
            return HEAPTUPLE_LIVE;
        }
    }
    if (xmax >= oldest_xmin)
        return HEAPTUPLE_RECENTLY_DEAD;
    return HEAPTUPLE_DEAD;
}
