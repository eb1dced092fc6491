/*
 * snapshot.h
 *     Snapshots: which transactions' effects a scan may see.
 * Implemented in src/backend/access/transam/snapmgr.c (taking snapshots)
 * and src/backend/access/heap/heapam_visibility.c (tuple tests).
 *
 * MVCC rule for a snapshot S taken by transaction T at command C:
 *   a tuple version is visible iff its inserter committed before S was
 *   taken (xid < S.xmax and not in S.xip) or is T itself with cmin < C,
 *   and its deleter (if any) is not such a transaction (T's own deletes
 *   count from cmax < C).
 */
#ifndef ACCESS_SNAPSHOT_H
#define ACCESS_SNAPSHOT_H

#include "rustydb.h"

typedef enum SnapshotType
{
    SNAPSHOT_MVCC = 0,          /* the normal kind */
    SNAPSHOT_SELF,              /* committed + own changes including the current command */
    SNAPSHOT_ANY,               /* every tuple version (VACUUM, debugging) */
    SNAPSHOT_DIRTY              /* committed + in-progress inserts (unique checks) */
} SnapshotType;

typedef struct SnapshotData
{
    SnapshotType snapshot_type;
    TransactionId xmin;         /* all xids < xmin are finished */
    TransactionId xmax;         /* all xids >= xmax are invisible (not started at snapshot time) */
    TransactionId *xip;         /* xids in [xmin, xmax) running at snapshot time */
    uint32      xcnt;
    CommandId   curcid;         /* own changes with cid < curcid are visible */
    uint32      active_count;   /* pushes on the active stack */
    bool        copied;         /* palloc'd by CopySnapshot (free with FreeSnapshot) */
    uint64      taken_seq;      /* per-process sequence number, for debugging */
    /* SNAPSHOT_DIRTY output: in-progress inserter/deleter seen by the last test */
    TransactionId dirty_xmin;
    TransactionId dirty_xmax;
} SnapshotData;

typedef SnapshotData *Snapshot;

#define InvalidSnapshot ((Snapshot) NULL)
#define IsMVCCSnapshot(s) ((s)->snapshot_type == SNAPSHOT_MVCC)

/* Static snapshots (no xip) for the non-MVCC kinds. */
extern SnapshotData SnapshotSelfData;
extern SnapshotData SnapshotAnyData;
#define SnapshotSelf (&SnapshotSelfData)
#define SnapshotAny (&SnapshotAnyData)
/* Initialise a caller-provided SnapshotData as a dirty snapshot. */
#define InitDirtySnapshot(sd) \
    (memset(&(sd), 0, sizeof(sd)), (sd).snapshot_type = SNAPSHOT_DIRTY)

/* snapmgr.c */
/*
 * GetTransactionSnapshot -- the snapshot for a new statement.  READ
 * COMMITTED: a fresh one each call (static per-process storage, valid until
 * the next call; CopySnapshot() to keep it).  REPEATABLE READ and
 * SERIALIZABLE: the transaction's first snapshot every time (curcid
 * advanced), valid until transaction end.  Requires a transaction (ERROR
 * otherwise).
 */
extern Snapshot GetTransactionSnapshot(void);
/* True once the current transaction has called GetTransactionSnapshot(). */
extern bool TransactionSnapshotTaken(void);
/* Always a fresh snapshot (static storage distinct from the above). */
extern Snapshot GetLatestSnapshot(void);
/* A fresh snapshot for catalog scans (static storage of its own). */
extern Snapshot GetCatalogSnapshot(void);
/* palloc'd copy in TopTransactionContext, curcid preserved. */
extern Snapshot CopySnapshot(Snapshot snapshot);
extern void FreeSnapshot(Snapshot snapshot);
/* Active snapshot stack: the executor pushes the statement's snapshot. */
extern void PushActiveSnapshot(Snapshot snapshot);    /* copies it */
extern void PopActiveSnapshot(void);
extern Snapshot GetActiveSnapshot(void);               /* NULL if the stack is empty */
extern bool ActiveSnapshotSet(void);
/* Set the active snapshot's curcid to the current command id (after CommandCounterIncrement). */
extern void UpdateActiveSnapshotCommandId(void);
/* Depth of the active stack; a subtransaction abort pops back to the depth at its start. */
extern int  ActiveSnapshotDepth(void);
extern void AtSubAbort_Snapshot(int depth);
/* Transaction end: forget everything, clear MyProc->xmin. */
extern void AtEOXact_Snapshot(void);
/* True if xid counts as running for snapshot (xid >= xmax or in xip). */
extern bool XidInMVCCSnapshot(TransactionId xid, Snapshot snapshot);

#endif                          /* ACCESS_SNAPSHOT_H */
