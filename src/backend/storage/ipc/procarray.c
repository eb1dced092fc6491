/*
 * procarray.c
 *     Transaction-state queries over the proc slots.
 * Entry points: ProcArrayFillSnapshot(), TransactionIdIsInProgress(),
 * GetOldestXmin(), GetPruneHorizon(), GetSnapshotPruneHorizon(),
 * ProcArraySetInMaintenance(), ProcArrayEndTransaction(), ProcArrayFindByPid().
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
#include "miscadmin.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/elog.h"

/*
 * The pruning horizons (GetPruneHorizon) as of this backend's latest
 * snapshot, computed in the same pass over the slots: [catalog][shared],
 * see GetSnapshotPruneHorizon.
 */
static TransactionId snapshot_horizon[2][2];
static Oid  snapshot_horizon_dbid = InvalidOid;

/* Lower *horizon to xid and xmin (GetOldestXmin's rule). */
static inline void
horizon_include(TransactionId *horizon, TransactionId xid, TransactionId xmin)
{
    if (TransactionIdIsNormal(xid) && xid < *horizon)
        *horizon = xid;
    if (TransactionIdIsNormal(xmin) && xmin < *horizon)
        *horizon = xmin;
}

/*
 * Lower the pruning horizons h[catalog][shared] by one slot: every slot
 * counts for shared catalogs (h[1][1]), slots of other databases do not
 * count for our database's relations, and the xmin of a lazy VACUUM does
 * not count for user tables (h[0][0]; its xid always does).  h[0][1] is
 * unused: shared relations are catalogs.
 */
static inline void
horizons_include(TransactionId h[2][2], const PGPROC *proc, TransactionId xid,
                 TransactionId xmin, Oid database_id)
{
    bool        ours = proc->database_id == database_id || !OidIsValid(proc->database_id);

    horizon_include(&h[1][1], xid, xmin);
    if (ours)
    {
        horizon_include(&h[1][0], xid, xmin);
        horizon_include(&h[0][0], xid,
                        atomic_load(&proc->in_maintenance) ? InvalidTransactionId : xmin);
    }
}

void
ProcArrayFillSnapshot(struct SnapshotData *snapshot)
{
    int         nslots = ProcGlobalSlotCount();
    TransactionId xmax;
    TransactionId xmin;
    TransactionId horizon[2][2];
    uint32      count = 0;

    LWLockAcquire(MainLWLock(ProcArrayLock), LW_SHARED);
    xmax = ReadNextTransactionId();
    xmin = xmax;
    horizon[0][0] = horizon[0][1] = horizon[1][0] = horizon[1][1] = xmax;
    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        TransactionId xid;

        if (!atomic_load(&proc->in_use) || proc == MyProc)
            continue;
        xid = atomic_load(&proc->xid);
        horizons_include(horizon, proc, xid, atomic_load(&proc->xmin), MyDatabaseId);
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
        horizons_include(horizon, MyProc, own, atomic_load(&MyProc->xmin), MyDatabaseId);
    }
    LWLockRelease(MainLWLock(ProcArrayLock));

    memcpy(snapshot_horizon, horizon, sizeof(horizon));
    snapshot_horizon_dbid = MyDatabaseId;
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

TransactionId
GetPruneHorizon(bool catalog, bool shared)
{
    int         nslots = ProcGlobalSlotCount();
    TransactionId h[2][2];

    LWLockAcquire(MainLWLock(ProcArrayLock), LW_SHARED);
    h[0][0] = h[0][1] = h[1][0] = h[1][1] = ReadNextTransactionId();
    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);

        if (!atomic_load(&proc->in_use))
            continue;
        horizons_include(h, proc, atomic_load(&proc->xid), atomic_load(&proc->xmin), MyDatabaseId);
    }
    LWLockRelease(MainLWLock(ProcArrayLock));
    return h[catalog || shared][shared];
}

TransactionId
GetSnapshotPruneHorizon(bool catalog, bool shared)
{
    if (snapshot_horizon_dbid != MyDatabaseId || !OidIsValid(MyDatabaseId))
        return InvalidTransactionId;
    return snapshot_horizon[catalog || shared][shared];
}

void
ProcArraySetInMaintenance(bool on)
{
    if (MyProc != NULL)
        atomic_store(&MyProc->in_maintenance, on);
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
    atomic_store(&MyProc->in_maintenance, false);
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

