/*
 * heaplock.c
 *     Row locks: SELECT ... FOR KEY SHARE / FOR SHARE / FOR NO KEY UPDATE /
 *     FOR UPDATE, with PostgreSQL's conflict table between the strengths,
 *     several lockers per row through lock-only multixacts, and the
 *     "who blocks this change?" test used by heap_update/heap_delete.
 * Entry points: heap_lock_tuple() (access/heapam.h), heap_xmax_blocker()
 * (heapam_int.h).  Rules: README in this directory ("Row locks").
 *
 * A row's lockers live in its xmax with HEAP_XMAX_LOCK_ONLY: one locking
 * (sub)transaction id with its strength in HEAP_XMAX_LOCK_MASK, or, with
 * HEAP_XMAX_IS_MULTI, a multixact id whose members are the lockers
 * (access/multixact.h).  Adding a locker rewrites xmax: the running
 * lockers, plus us, form the new value.  The page's exclusive content lock
 * is held from reading the old lockers to writing the new xmax, so two
 * lockers cannot lose each other.
 */
#include "rustydb.h"

#include "heapam_int.h"
#include "access/heapam_xlog.h"
#include "access/multixact.h"
#include "access/transam.h"
#include "access/xact.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/lock.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* Bit m of lock_conflicts[h]: a lock of strength h blocks a request for m. */
#define MODEBIT(m) (1 << (m))
static const uint8 lock_conflicts[4] = {
    [LockTupleKeyShare] = MODEBIT(LockTupleExclusive),
    [LockTupleShare] = MODEBIT(LockTupleNoKeyExclusive) | MODEBIT(LockTupleExclusive),
    [LockTupleNoKeyExclusive] = MODEBIT(LockTupleShare) | MODEBIT(LockTupleNoKeyExclusive) |
        MODEBIT(LockTupleExclusive),
    [LockTupleExclusive] = MODEBIT(LockTupleKeyShare) | MODEBIT(LockTupleShare) |
        MODEBIT(LockTupleNoKeyExclusive) | MODEBIT(LockTupleExclusive),
};

static bool
modes_conflict(LockTupleMode held, LockTupleMode requested)
{
    return (lock_conflicts[held] & MODEBIT(requested)) != 0;
}

/* Strength of a single-xid lock-only xmax. */
static LockTupleMode
single_lock_mode(HeapTupleHeader t)
{
    switch (t->t_infomask & HEAP_XMAX_LOCK_MASK)
    {
        case HEAP_XMAX_KEYSHR_LOCK:
            return LockTupleKeyShare;
        case HEAP_XMAX_SHR_LOCK:
            return LockTupleShare;
        case HEAP_XMAX_NOKEYEXCL_LOCK:
            return LockTupleNoKeyExclusive;
        default:
            return LockTupleExclusive;
    }
}

static uint16
single_lock_bits(LockTupleMode mode)
{
    switch (mode)
    {
        case LockTupleKeyShare:
            return HEAP_XMAX_KEYSHR_LOCK;
        case LockTupleShare:
            return HEAP_XMAX_SHR_LOCK;
        case LockTupleNoKeyExclusive:
            return HEAP_XMAX_NOKEYEXCL_LOCK;
        case LockTupleExclusive:
            break;
    }
    return 0;
}

static bool
xid_is_running(TransactionId xid)
{
    return TransactionIdIsCurrentTransactionId(xid) || TransactionIdIsInProgress(xid);
}

/*
 * running_lockers -- the running lockers recorded in t's lock-only xmax,
 * into out (room for MultiXactMaxMembers()); returns their number (0 if
 * xmax is not lock-only, invalid, or every locker has ended).  Caller
 * holds the page's content lock.
 */
static int
running_lockers(HeapTupleHeader t, MultiXactMember *out)
{
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);

    if ((t->t_infomask & HEAP_XMAX_INVALID) != 0 || !TransactionIdIsValid(xmax) ||
        (t->t_infomask & HEAP_XMAX_LOCK_ONLY) == 0)
        return 0;
    if ((t->t_infomask & HEAP_XMAX_IS_MULTI) != 0)
    {
        int         n = MultiXactGetMembers(xmax, out, MultiXactMaxMembers(), true);

        return Min(n, MultiXactMaxMembers());
    }
    if (!xid_is_running(xmax))
        return 0;
    out[0].xid = xmax;
    out[0].mode = (uint8) single_lock_mode(t);
    return 1;
}

TransactionId
heap_xmax_blocker(HeapTupleHeader t, LockTupleMode mode)
{
    MultiXactMember *lockers;
    TransactionId blocker = InvalidTransactionId;
    TransactionId xmax = HeapTupleHeaderGetRawXmax(t);
    int         n;

    if ((t->t_infomask & HEAP_XMAX_INVALID) != 0 || !TransactionIdIsValid(xmax))
        return InvalidTransactionId;
    if ((t->t_infomask & HEAP_XMAX_LOCK_ONLY) == 0)
    {
        /* an updater or deleter: blocks every strength while it runs */
        if (!TransactionIdIsCurrentTransactionId(xmax) && TransactionIdIsInProgress(xmax))
            return xmax;
        return InvalidTransactionId;
    }
    lockers = palloc(sizeof(MultiXactMember) * (Size) MultiXactMaxMembers());
    n = running_lockers(t, lockers);
    for (int i = 0; i < n; i++)
    {
        if (TransactionIdIsCurrentTransactionId(lockers[i].xid))
            continue;
        if (modes_conflict((LockTupleMode) lockers[i].mode, mode))
        {
            blocker = lockers[i].xid;
            break;
        }
    }
    pfree(lockers);
    return blocker;
}

void
heap_carry_key_share_lockers(HeapTupleHeader t, TransactionId *xmax, uint16 *bits)
{
    MultiXactMember *lockers = palloc(sizeof(MultiXactMember) * (Size) MultiXactMaxMembers());
    int         n = running_lockers(t, lockers);
    int         kept = 0;

    *xmax = InvalidTransactionId;
    *bits = 0;
    for (int i = 0; i < n; i++)
    {
        /* ours are covered by our update; others can only be KEY SHARE now */
        if (TransactionIdIsCurrentTransactionId(lockers[i].xid))
            continue;
        Assert(lockers[i].mode == LockTupleKeyShare);
        lockers[kept++] = lockers[i];
    }
    if (kept == 1)
    {
        *xmax = lockers[0].xid;
        *bits = HEAP_XMAX_LOCK_ONLY | single_lock_bits((LockTupleMode) lockers[0].mode);
    }
    else if (kept > 1)
    {
        *xmax = MultiXactCreate(lockers, kept);
        *bits = HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_IS_MULTI;
    }
    pfree(lockers);
}

static void
fill_failure(TM_FailureData *tmfd, HeapTuple tup, TM_Result result)
{
    if (tmfd == NULL)
        return;
    tmfd->ctid = tup->t_data->t_ctid;
    tmfd->xmax = HeapTupleHeaderGetRawXmax(tup->t_data);
    tmfd->cmax = result == TM_SelfModified ? HeapTupleHeaderGetCmax(tup->t_data)
        : InvalidCommandId;
}

/*
 * add_locker -- make (xid, mode) one of t's lockers, keeping the other
 * running ones.  Returns false when nothing needs to change (this
 * transaction, at any level, already holds at least mode).  Otherwise sets
 * *new_xmax and *new_bits (the HEAP_XMAX_* bits to store); may create a
 * multixact (ERROR 53200 when the multixact table is full).  Caller holds
 * the exclusive content lock and has checked that no locker conflicts.
 */
static bool
add_locker(HeapTupleHeader t, TransactionId xid, LockTupleMode mode, TransactionId *new_xmax,
           uint16 *new_bits)
{
    MultiXactMember *lockers = palloc(sizeof(MultiXactMember) * (Size) (MultiXactMaxMembers() + 1));
    int         n = running_lockers(t, lockers);
    int         kept = 0;
    bool        change = true;

    for (int i = 0; i < n; i++)
    {
        if (TransactionIdIsCurrentTransactionId(lockers[i].xid) &&
            (LockTupleMode) lockers[i].mode >= mode)
        {
            change = false;     /* strengths are ordered: a stronger lock covers a weaker one */
            break;
        }
        if (lockers[i].xid == xid)
            continue;           /* our weaker lock at this level: replaced below */
        lockers[kept++] = lockers[i];
    }
    if (change)
    {
        lockers[kept].xid = xid;
        lockers[kept].mode = (uint8) mode;
        kept++;
        if (kept == 1)
        {
            *new_xmax = xid;
            *new_bits = HEAP_XMAX_LOCK_ONLY | single_lock_bits(mode);
        }
        else
        {
            *new_xmax = MultiXactCreate(lockers, kept);
            *new_bits = HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_IS_MULTI;
        }
    }
    pfree(lockers);
    return change;
}

TM_Result
heap_lock_tuple(Relation rel, ItemPointer tid, CommandId cid, LockTupleMode mode,
                LockWaitPolicy wait_policy, bool follow_updates, HeapTuple *out,
                TM_FailureData *tmfd)
{
    TransactionId xid = GetCurrentTransactionId();
    TransactionId chain_xmin = InvalidTransactionId;   /* expected xmin when following */

    if (out)
        *out = NULL;
    if (tmfd)
        tmfd->traversed = false;
    for (;;)
    {
        HeapTupleData tup;
        Buffer      buffer;
        TM_Result   result;
        TransactionId new_xmax;
        uint16      new_bits;

        buffer = heap_fetch_for_modify(rel, tid, &tup);
        /* Following an update chain: the slot must hold the successor. */
        if (TransactionIdIsValid(chain_xmin) && HeapTupleHeaderGetXmin(tup.t_data) != chain_xmin)
        {
            fill_failure(tmfd, &tup, TM_Deleted);
            UnlockReleaseBuffer(buffer);
            return TM_Deleted;
        }
        result = HeapTupleSatisfiesUpdate(&tup, cid, buffer);
        if (result == TM_Invisible)
        {
            UnlockReleaseBuffer(buffer);
            elog(ERROR, "attempted to lock invisible tuple (%u,%u) in relation \"%s\"",
                 ItemPointerGetBlockNumber(tid), ItemPointerGetOffsetNumber(tid),
                 RelationGetRelationName(rel));
        }
        if (result == TM_BeingModified)
        {
            TransactionId xwait = heap_xmax_blocker(tup.t_data, mode);

            if (TransactionIdIsValid(xwait))
            {
                if (wait_policy == LockWaitSkip)
                {
                    fill_failure(tmfd, &tup, TM_WouldBlock);
                    UnlockReleaseBuffer(buffer);
                    return TM_WouldBlock;
                }
                UnlockReleaseBuffer(buffer);
                if (wait_policy == LockWaitError)
                    ereport(ERROR, errcode(ERRCODE_LOCK_NOT_AVAILABLE),
                            errmsg("could not obtain lock on row in relation \"%s\"",
                                   RelationGetRelationName(rel)));
                XactLockTableWait(xwait);
                continue;
            }
            if ((tup.t_data->t_infomask & HEAP_XMAX_LOCK_ONLY) == 0)
            {
                /* the updater ended after HeapTupleSatisfiesUpdate looked: look again */
                UnlockReleaseBuffer(buffer);
                continue;
            }
            result = TM_Ok;     /* only compatible lockers */
        }
        if (result == TM_Updated && follow_updates)
        {
            chain_xmin = HeapTupleHeaderGetRawXmax(tup.t_data);
            *tid = tup.t_data->t_ctid;
            if (tmfd)
                tmfd->traversed = true;
            UnlockReleaseBuffer(buffer);
            continue;
        }
        if (result != TM_Ok)
        {
            fill_failure(tmfd, &tup, result);
            UnlockReleaseBuffer(buffer);
            return result;
        }

        /*
         * Lock it, unless it is ours already: inserted by us (nobody else
         * can see it before we commit) or locked by us at least as strongly.
         */
        if (!TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup.t_data)) &&
            add_locker(tup.t_data, xid, mode, &new_xmax, &new_bits))
        {
            START_CRIT_SECTION();
            HeapTupleHeaderSetXmax(tup.t_data, new_xmax);
            tup.t_data->t_infomask &= (uint16) ~(HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID |
                                                 HEAP_COMBOCID | HEAP_KEYS_UPDATED |
                                                 HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_IS_MULTI |
                                                 HEAP_XMAX_LOCK_MASK);
            tup.t_data->t_infomask |= new_bits;
            MarkBufferDirty(buffer);
            heap_log_tuple_header(buffer, &tup.t_self, tup.t_data, XLOG_HEAP_LOCK);
            END_CRIT_SECTION();
        }
        if (out)
            *out = heap_copytuple(&tup);
        UnlockReleaseBuffer(buffer);
        return TM_Ok;
    }
}
