/*
 * procarray.h
 *     Queries over the proc slots: running transaction ids for snapshots,
 *     "is this xid still running", the oldest xmin for VACUUM, lookup by pid.
 * Implemented in src/backend/storage/ipc/procarray.c.
 */
#ifndef STORAGE_PROCARRAY_H
#define STORAGE_PROCARRAY_H

#include "rustydb.h"
#include "storage/proc.h"

struct SnapshotData;

/*
 * ProcArrayFillSnapshot -- fill snapshot->xmin/xmax/xip/xcnt from the proc
 * array under ProcArrayLock (shared).  snapshot->xip must have room for
 * ProcGlobalSlotCount() entries.  Also advances MyProc->xmin if unset.
 */
extern void ProcArrayFillSnapshot(struct SnapshotData *snapshot);
/* True if xid is the current xid of some live slot (ours included). */
extern bool TransactionIdIsInProgress(TransactionId xid);
/*
 * Oldest xid that any running transaction may still consider running
 * (min over slots of xmin and xid, bounded by next xid).  Tuples deleted by
 * transactions committed before this are dead to everyone (VACUUM).
 * If all_databases is false, only slots of database_id (and shared-catalog
 * users) count.
 */
extern TransactionId GetOldestXmin(Oid database_id, bool all_databases);
/*
 * The horizon for opportunistic pruning of a relation of MyDatabaseId
 * (catalog: a system catalog; shared: a shared one): GetOldestXmin's, except
 * that for user tables the xmin of a process marked in maintenance
 * (ProcArraySetInMaintenance) does not count (its xid does).  Such a
 * process reads user tables only with HeapTupleSatisfiesVacuum, never with
 * its snapshots, and takes a fresh snapshot for each catalog access (which
 * counts); so, as in PostgreSQL (PROC_IN_VACUUM), a long VACUUM or ANALYZE
 * of one table does not stop pruning of the others.
 */
extern TransactionId GetPruneHorizon(bool catalog, bool shared);
/*
 * GetPruneHorizon's value when this backend last filled a snapshot
 * (computed in the same pass over the slots, so free: fresh at every
 * statement of READ COMMITTED), or InvalidTransactionId if it has taken
 * none in this database.  A value computed earlier stays a safe, if aging,
 * bound: every snapshot taken later has an xmin at least as new (running
 * xids always count, and new xids are higher).
 */
extern TransactionId GetSnapshotPruneHorizon(bool catalog, bool shared);
/*
 * Mark this process as in maintenance (or not): lazy VACUUM's heap and
 * index passes, or an ANALYZE in a transaction that has used no snapshot
 * before it and runs nothing after it (commands/vacuum.c).  Built-in code
 * only: ANALYZE runs no user-defined functions (there are none), which
 * could read tables with a snapshot.  Cleared at transaction end in any
 * case.
 */
extern void ProcArraySetInMaintenance(bool on);
/*
 * Clears MyProc->xid (and xmin) at transaction end.  Must be called after the
 * commit log records the outcome, under ProcArrayLock exclusive, so that a
 * snapshot never sees the xid as neither running nor finished.
 */
extern void ProcArrayEndTransaction(void);
/* Forget aborted subtransaction xids of MyProc (their abort is in the commit log). */
extern void ProcArrayRemoveSubXids(const TransactionId *xids, int nxids);
/* The slot of a live process by pid, or NULL.  Racy by nature. */
extern PGPROC *ProcArrayFindByPid(pid_t pid);
/* Number of slots in use with the given type (B_INVALID = any). */
extern int  ProcArrayCountBackends(BackendType type);
/* Number of client backends connected to a database (DROP DATABASE checks). */
extern int  ProcArrayCountDatabaseBackends(Oid database_id);

#endif                          /* STORAGE_PROCARRAY_H */
