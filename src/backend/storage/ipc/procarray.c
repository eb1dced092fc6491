/*
 * procarray.c
 *     Transaction-state queries over the proc slots.
 * Entry points: ProcArrayFillSnapshot(), TransactionIdIsInProgress(),
 * GetOldestXmin(), ProcArrayEndTransaction(), ProcArrayFindByPid().
 *
 * Why snapshots are consistent without a "latest completed xid": xid
 * assignment (varsup.c) stores the new xid in the slot *before* advancing the
 * shared next-xid counter (both sequentially consistent), and a snapshot
 * reads the counter *before* scanning the slots.  So every xid below the
 * snapshot's xmax is either visible in a slot or already finished, and a
 * finished xid has its outcome in the commit log (clog is written before the
 * slot is cleared, under ProcArrayLock exclusive).
 */
#include "rustydb.h"

#include "access/snapshot.h"
#include "access/transam.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/elog.h"

void
ProcArrayFillSnapshot(struct SnapshotData *snapshot)
{
    int         nslots = ProcGlobalSlotCount();
    TransactionId xmax;
    TransactionId xmin;
    uint32      count = 0;

    LWLockAcquire(MainLWLock(ProcArrayLock), LW_SHARED);
    xmax = ReadNextTransactionId();
    xmin = xmax;
    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        TransactionId xid;

        if (!atomic_load(&proc->in_use) || proc == MyProc)
            continue;
        xid = atomic_load(&proc->xid);
        if (!TransactionIdIsNormal(xid) || xid >= xmax)
            continue;
        snapshot->xip[count++] = xid;
        if (xid < xmin)
            xmin = xid;
        /* Subtransaction xids follow their top-level xid (assigned after it). */
        for (int k = 0, n = atomic_load(&proc->nsubxids); k < n; k++)
        {
            TransactionId sub = atomic_load(&proc->subxids[k]);

            if (TransactionIdIsNormal(sub) && sub < xmax)
                snapshot->xip[count++] = sub;
        }
    }
    if (MyProc != NULL)
    {
        TransactionId own = atomic_load(&MyProc->xid);

        if (TransactionIdIsNormal(own) && own < xmin)
            xmin = own;
        /* Advertise our horizon for GetOldestXmin (first snapshot of the xact). */
        if (atomic_load(&MyProc->xmin) == InvalidTransactionId)
            atomic_store(&MyProc->xmin, xmin);
    }
    LWLockRelease(MainLWLock(ProcArrayLock));

    snapshot->xmin = xmin;
    snapshot->xmax = xmax;
    snapshot->xcnt = count;
}

bool
TransactionIdIsInProgress(TransactionId xid)
{
    int         nslots = ProcGlobalSlotCount();
    bool        result = false;

    if (!TransactionIdIsNormal(xid))
        return false;
    if (xid >= ReadNextTransactionId())
        return false;           /* never assigned: treat as not running */
    /* Shared lock: subtransaction xids are compacted under the exclusive lock. */
    LWLockAcquire(MainLWLock(ProcArrayLock), LW_SHARED);
    for (int i = 0; i < nslots && !result; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);

        if (!atomic_load(&proc->in_use))
            continue;
        if (atomic_load(&proc->xid) == xid)
            result = true;
        for (int k = 0, n = atomic_load(&proc->nsubxids); k < n && !result; k++)
            if (atomic_load(&proc->subxids[k]) == xid)
                result = true;
    }
    LWLockRelease(MainLWLock(ProcArrayLock));
    return result;
}

TransactionId
GetOldestXmin(Oid database_id, bool all_databases)
{
    int         nslots = ProcGlobalSlotCount();
    TransactionId result;

    LWLockAcquire(MainLWLock(ProcArrayLock), LW_SHARED);
    result = ReadNextTransactionId();
    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        TransactionId xid;
        TransactionId xmin;

        if (!atomic_load(&proc->in_use))
            continue;
        if (!all_databases && proc->database_id != database_id &&
            OidIsValid(proc->database_id))
            continue;
        xid = atomic_load(&proc->xid);
        xmin = atomic_load(&proc->xmin);
        if (TransactionIdIsNormal(xid) && xid < result)
            result = xid;
        if (TransactionIdIsNormal(xmin) && xmin < result)
            result = xmin;
    }
    LWLockRelease(MainLWLock(ProcArrayLock));
    return result;
}

void
ProcArrayEndTransaction(void)
{
    if (MyProc == NULL)
        return;
    LWLockAcquire(MainLWLock(ProcArrayLock), LW_EXCLUSIVE);
    atomic_store(&MyProc->xid, InvalidTransactionId);
    atomic_store(&MyProc->nsubxids, 0);
    atomic_store(&MyProc->xmin, InvalidTransactionId);
    LWLockRelease(MainLWLock(ProcArrayLock));
}

PGPROC *
ProcArrayFindByPid(pid_t pid)
{
    int         nslots = ProcGlobalSlotCount();

    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);

        if (atomic_load(&proc->in_use) && proc->pid == pid)
            return proc;
    }
    return NULL;
}

int
ProcArrayCountBackends(BackendType type)
{
    int         nslots = ProcGlobalSlotCount();
    int         count = 0;

    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);

        if (atomic_load(&proc->in_use) && (type == B_INVALID || proc->backend_type == type))
            count++;
    }
    return count;
}

int
ProcArrayCountDatabaseBackends(Oid database_id)
{
    int         nslots = ProcGlobalSlotCount();
    int         count = 0;

    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);

        if (atomic_load(&proc->in_use) && proc->backend_type == B_BACKEND &&
            proc->database_id == database_id)
            count++;
    }
    return count;
}

/*
 * ProcArrayRemoveSubXids -- forget aborted subtransaction xids (their abort
 * is already in the commit log).  Compacts MyProc->subxids under
 * ProcArrayLock exclusive.
 */
void
ProcArrayRemoveSubXids(const TransactionId *xids, int nxids)
{
    int         n;
    int         kept = 0;

    if (MyProc == NULL || nxids == 0)
        return;
    LWLockAcquire(MainLWLock(ProcArrayLock), LW_EXCLUSIVE);
    n = atomic_load(&MyProc->nsubxids);
    for (int k = 0; k < n; k++)
    {
        TransactionId sub = atomic_load(&MyProc->subxids[k]);
        bool        drop = false;

        for (int j = 0; j < nxids && !drop; j++)
            drop = xids[j] == sub;
        if (!drop)
            atomic_store(&MyProc->subxids[kept++], sub);
    }
    atomic_store(&MyProc->nsubxids, kept);
    LWLockRelease(MainLWLock(ProcArrayLock));
}
