/*
 * varsup.c
 *     Transaction id assignment: the shared next-xid counter and the
 *     persisted prefetch limit that keeps xids unique across crashes.
 * Entry points: GetNewTransactionId(), ReadNextTransactionId(),
 * StartupTransactionIds().
 *
 * Crash safety without WAL: before handing out xid X >= xid_limit, the
 * control file is rewritten (durably) with xid_limit = X + XID_PREFETCH.
 * After a crash the counter restarts at the persisted limit, above every xid
 * that was ever handed out; the skipped xids never committed.  After a clean
 * shutdown it restarts at the exact next xid.
 */
#include "rustydb.h"

#include "access/transam.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "utils/elog.h"

#define XID_PREFETCH 65536

typedef struct XidShared
{
    _Atomic uint64 next_xid;    /* written under XidGenLock; read lock-free */
    TransactionId xid_limit;    /* protected by XidGenLock */
} XidShared;

static XidShared *XidState = NULL;

Size
VarsupShmemSize(void)
{
    return sizeof(XidShared);
}

void
VarsupShmemInit(void)
{
    bool        found;

    XidState = ShmemInitStruct("Transaction Ids", sizeof(XidShared), &found);
    if (!found)
    {
        atomic_init(&XidState->next_xid, FirstNormalTransactionId);
        XidState->xid_limit = FirstNormalTransactionId;
    }
}

TransactionId
ReadNextTransactionId(void)
{
    return atomic_load(&XidState->next_xid);
}

void
StartupTransactionIds(void)
{
    TransactionId next;

    LWLockAcquire(MainLWLock(XidGenLock), LW_EXCLUSIVE);
    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    if (ControlFile->state == DB_STATE_SHUTDOWNED)
        next = ControlFile->next_xid;
    else
    {
        next = ControlFile->xid_limit;
        ereport(LOG, errmsg("instance was not shut down cleanly; next transaction id set to %llu",
                            (unsigned long long) next));
    }
    if (next < FirstNormalTransactionId)
        next = FirstNormalTransactionId;
    ControlFile->next_xid = next;
    ControlFile->xid_limit = next + XID_PREFETCH;
    /*
     * With WAL (a checkpoint exists) StartupXLOG() decides from the state
     * whether to recover, and moves it to "in production" itself.
     */
    if (ControlFile->checkpoint_lsn == InvalidXLogRecPtr)
        ControlFile->state = DB_STATE_IN_PRODUCTION;
    ControlFileUpdate();
    XidState->xid_limit = ControlFile->xid_limit;
    atomic_store(&XidState->next_xid, next);
    LWLockRelease(MainLWLock(ControlFileLock));
    LWLockRelease(MainLWLock(XidGenLock));
}

/*
 * GetNewTransactionId -- see transam.h.  Lock order: XidGenLock ->
 * ClogControlLock (ClogExtend) -> ControlFileLock.  The slot's xid is stored
 * before next_xid advances; procarray.c relies on that order.
 */
static TransactionId assign_xid(bool subxact);
static TransactionId advance_counter(void);

TransactionId
GetNewTransactionId(void)
{
    return assign_xid(false);
}

TransactionId
GetNewSubTransactionId(void)
{
    return assign_xid(true);
}

static TransactionId
assign_xid(bool subxact)
{
    TransactionId xid;
    int         nsub = 0;

    if (MyProc == NULL)
        elog(ERROR, "cannot assign a transaction id without a proc slot");
    if (subxact)
    {
        nsub = atomic_load(&MyProc->nsubxids);
        if (nsub >= PGPROC_MAX_SUBXIDS)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("too many subtransactions that write in one transaction"),
                    errdetail("At most %d are supported.", PGPROC_MAX_SUBXIDS));
    }

    LWLockAcquire(MainLWLock(XidGenLock), LW_EXCLUSIVE);
    xid = advance_counter();
    if (subxact)
    {
        atomic_store(&MyProc->subxids[nsub], xid);
        atomic_store(&MyProc->nsubxids, nsub + 1);
    }
    else
        atomic_store(&MyProc->xid, xid);
    atomic_store(&XidState->next_xid, xid + 1);
    LWLockRelease(MainLWLock(XidGenLock));
    return xid;
}

/*
 * GetNewMultiXactIdValue -- see transam.h.  The value goes through the
 * same prefetch limit as xids, so it is never handed out again after a
 * crash; no proc slot publishes it and the commit log never records it
 * committed.
 */
TransactionId
GetNewMultiXactIdValue(void)
{
    TransactionId xid;

    LWLockAcquire(MainLWLock(XidGenLock), LW_EXCLUSIVE);
    xid = advance_counter();
    atomic_store(&XidState->next_xid, xid + 1);
    LWLockRelease(MainLWLock(XidGenLock));
    return xid;
}

/*
 * advance_counter -- the next value of the counter, with the persisted
 * prefetch limit and the commit log extended to cover it.  Caller holds
 * XidGenLock exclusively and stores value + 1 into next_xid.
 */
static TransactionId
advance_counter(void)
{
    TransactionId xid = atomic_load(&XidState->next_xid);

    TransactionIdCounterCheck(xid);
    if (xid >= XidState->xid_limit)
    {
        LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
        ControlFile->xid_limit = xid + XID_PREFETCH;
        ControlFileUpdate();
        LWLockRelease(MainLWLock(ControlFileLock));
        XidState->xid_limit = xid + XID_PREFETCH;
    }
    ClogExtend(xid);
    return xid;
}

void
TransactionIdCounterCheck(TransactionId next)
{
    if (next >= XidStopLimit)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("database is not accepting commands that assign new transaction IDs: "
                       "the 48-bit transaction ID space is nearly exhausted"),
                errdetail("The next transaction ID is %llu; at most %llu can be stored.",
                          (unsigned long long) next, (unsigned long long) MaxTransactionId),
                errhint("Dump the databases and restore them into a new instance."));
}
