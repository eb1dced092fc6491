/*
 * snapmgr.c
 *     Taking snapshots from the proc array, copying them, and the active
 *     snapshot stack used by the executor.
 * Entry points: see access/snapshot.h.
 *
 * The static snapshots returned by GetTransactionSnapshot(),
 * GetLatestSnapshot() and GetCatalogSnapshot() each have their own xip
 * array (TopMemoryContext, sized for every proc slot) and are overwritten
 * by the next call of the same function.  Copies live in
 * TopTransactionContext and die with the transaction.
 */
#include "rustydb.h"

#include "access/snapshot.h"
#include "access/xact.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/palloc.h"

SnapshotData SnapshotSelfData = {.snapshot_type = SNAPSHOT_SELF};
SnapshotData SnapshotAnyData = {.snapshot_type = SNAPSHOT_ANY};

static SnapshotData CurrentSnapshotData = {.snapshot_type = SNAPSHOT_MVCC};
static SnapshotData LatestSnapshotData = {.snapshot_type = SNAPSHOT_MVCC};
static SnapshotData CatalogSnapshotData = {.snapshot_type = SNAPSHOT_MVCC};
static int  xip_capacity = 0;
static uint64 snapshot_seq = 0;

#define ACTIVE_STACK_MAX 64
static Snapshot active_stack[ACTIVE_STACK_MAX];
static int  active_depth = 0;

static Snapshot
take_snapshot(SnapshotData *snap)
{
    /* Every slot's xid and its subtransaction xids. */
    int         slots = ProcGlobalSlotCount() * (1 + PGPROC_MAX_SUBXIDS);

    if (!IsTransactionState())
        elog(ERROR, "cannot take a snapshot outside a valid transaction");
    if (snap->xip == NULL || xip_capacity < slots)
    {
        /* Grow all three together so their capacities stay equal. */
        SnapshotData *all[] = {&CurrentSnapshotData, &LatestSnapshotData, &CatalogSnapshotData};

        for (size_t i = 0; i < lengthof(all); i++)
        {
            if (all[i]->xip != NULL)
                pfree(all[i]->xip);
            all[i]->xip = MemoryContextAlloc(TopMemoryContext,
                                             sizeof(TransactionId) * (Size) slots);
        }
        xip_capacity = slots;
    }
    snap->snapshot_type = SNAPSHOT_MVCC;
    ProcArrayFillSnapshot(snap);
    snap->curcid = GetCurrentCommandId(false);
    snap->active_count = 0;
    snap->copied = false;
    snap->taken_seq = ++snapshot_seq;
    return snap;
}

/*
 * The transaction snapshot of REPEATABLE READ / SERIALIZABLE: taken by the
 * first GetTransactionSnapshot() of the transaction, kept in
 * TopTransactionContext, forgotten at transaction end.
 */
static Snapshot xact_snapshot = NULL;

/* Has this transaction taken a statement or transaction snapshot yet? */
static bool first_snapshot_taken = false;

bool
TransactionSnapshotTaken(void)
{
    return first_snapshot_taken;
}

Snapshot
GetTransactionSnapshot(void)
{
    first_snapshot_taken = true;

    /* READ COMMITTED: a new snapshot for every statement. */
    if (!IsolationUsesXactSnapshot())
        return take_snapshot(&CurrentSnapshotData);

    /*
     * REPEATABLE READ (and SERIALIZABLE, which behaves the same for now):
     * every statement uses the first snapshot, with the current command id
     * so the transaction sees its own earlier changes.  A write conflict
     * with a transaction that committed after it is a serialization
     * failure (40001, raised by the writer on TM_Updated/TM_Deleted).
     */
    if (xact_snapshot == NULL)
    {
        xact_snapshot = CopySnapshot(take_snapshot(&CurrentSnapshotData));
        xact_snapshot->active_count = 1;    /* never freed by PopActiveSnapshot */
    }
    xact_snapshot->curcid = GetCurrentCommandId(false);
    return xact_snapshot;
}

Snapshot
GetLatestSnapshot(void)
{
    return take_snapshot(&LatestSnapshotData);
}

Snapshot
GetCatalogSnapshot(void)
{
    return take_snapshot(&CatalogSnapshotData);
}

Snapshot
CopySnapshot(Snapshot snapshot)
{
    Size        size = sizeof(SnapshotData) + sizeof(TransactionId) * snapshot->xcnt;
    Snapshot    copy;

    if (TopTransactionContext == NULL)
        elog(ERROR, "cannot copy a snapshot outside a transaction");
    copy = MemoryContextAlloc(TopTransactionContext, size);
    *copy = *snapshot;
    copy->xip = (TransactionId *) (copy + 1);
    if (snapshot->xcnt > 0)
        memcpy(copy->xip, snapshot->xip, sizeof(TransactionId) * snapshot->xcnt);
    copy->copied = true;
    copy->active_count = 0;
    return copy;
}

void
FreeSnapshot(Snapshot snapshot)
{
    if (snapshot == NULL || !snapshot->copied)
        return;
    Assert(snapshot->active_count == 0);
    pfree(snapshot);
}

void
PushActiveSnapshot(Snapshot snapshot)
{
    Snapshot    copy;

    if (active_depth >= ACTIVE_STACK_MAX)
        ereport(ERROR, errcode(ERRCODE_STATEMENT_TOO_COMPLEX),
                errmsg("active snapshot stack is too deep"));
    copy = (snapshot->copied || snapshot->snapshot_type != SNAPSHOT_MVCC) ?
        snapshot : CopySnapshot(snapshot);
    copy->active_count++;
    active_stack[active_depth++] = copy;
}

void
PopActiveSnapshot(void)
{
    Snapshot    top;

    if (active_depth == 0)
        elog(ERROR, "no active snapshot to pop");
    top = active_stack[--active_depth];
    top->active_count--;
    if (top->copied && top->active_count == 0)
        pfree(top);
}

Snapshot
GetActiveSnapshot(void)
{
    return active_depth > 0 ? active_stack[active_depth - 1] : NULL;
}

bool
ActiveSnapshotSet(void)
{
    return active_depth > 0;
}

void
UpdateActiveSnapshotCommandId(void)
{
    if (active_depth > 0 && active_stack[active_depth - 1]->snapshot_type == SNAPSHOT_MVCC)
        active_stack[active_depth - 1]->curcid = GetCurrentCommandId(false);
}

int
ActiveSnapshotDepth(void)
{
    return active_depth;
}

void
AtSubAbort_Snapshot(int depth)
{
    while (active_depth > depth)
        PopActiveSnapshot();
}

void
AtEOXact_Snapshot(void)
{
    /* Copies die with TopTransactionContext; just forget them. */
    active_depth = 0;
    xact_snapshot = NULL;
    first_snapshot_taken = false;
    if (MyProc != NULL)
        atomic_store(&MyProc->xmin, InvalidTransactionId);
}

bool
XidInMVCCSnapshot(TransactionId xid, Snapshot snapshot)
{
    if (xid < snapshot->xmin)
        return false;
    if (xid >= snapshot->xmax)
        return true;
    for (uint32 i = 0; i < snapshot->xcnt; i++)
        if (snapshot->xip[i] == xid)
            return true;
    return false;
}
