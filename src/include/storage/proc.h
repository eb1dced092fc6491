/*
 * proc.h
 *     Proc slots: one per process attached to shared memory (backends and
 *     auxiliary processes), holding identity, transaction state for
 *     snapshots, wait state, a semaphore to sleep on and a cancel flag.
 * Implemented in src/backend/storage/lmgr/proc.c; see the README there.
 */
#ifndef STORAGE_PROC_H
#define STORAGE_PROC_H

#include <semaphore.h>
#include <stdatomic.h>
#include <sys/types.h>

#include "rustydb.h"
#include "storage/lwlock.h"

/* The kind of process occupying a slot (pg_stat_activity.backend_type). */
typedef enum BackendType
{
    B_INVALID = 0,
    B_BACKEND,                  /* client connection */
    B_STANDALONE,               /* single-user mode, initdb, unit tests */
    B_STARTUP,                  /* recovery */
    B_CHECKPOINTER,
    B_WAL_WRITER,
    B_AUTOVAC_LAUNCHER,
    B_AUTOVAC_WORKER,
    B_STATS_COLLECTOR,
    B_ADMIN_API,
    B_BACKEND_TYPE_COUNT
} BackendType;

/*
 * Slots beyond max_connections reserved for auxiliary processes and
 * autovacuum workers (so that client connections can never starve them).
 */
#define NUM_AUXILIARY_PROC_SLOTS 16

/*
 * Subtransactions (savepoints) that write get xids of their own; at most
 * this many per transaction (ERROR 54000 beyond: there is no overflow
 * area like PostgreSQL's pg_subtrans).
 */
#define PGPROC_MAX_SUBXIDS 64

/* What a process is waiting for (v$ / pg_stat_activity.wait_event_type). */
typedef enum ProcWaitType
{
    PROC_WAIT_NONE = 0,
    PROC_WAIT_LWLOCK,           /* wait_detail = tranche */
    PROC_WAIT_LOCK,             /* heavyweight lock (lock manager) */
    PROC_WAIT_TRANSACTION,      /* waiting for another xid to end; detail unused */
    PROC_WAIT_IO,               /* buffer I/O in progress by another process */
    PROC_WAIT_CLIENT,           /* idle, reading from the client */
    PROC_WAIT_TIMEOUT           /* sleeping (pg_sleep, vacuum delay) */
} ProcWaitType;

/*
 * One slot.  Fields are written only by the owning process unless noted;
 * readers that need a consistent (xid, xmin) pair hold ProcArrayLock.
 */
typedef struct PGPROC
{
    int         procno;         /* index in the array: immutable */
    atomic_bool in_use;         /* set/cleared under ProcArrayLock */
    pid_t       pid;            /* 0 when free; under ProcArrayLock */
    BackendType backend_type;
    Oid         database_id;    /* InvalidOid until connected to a database */
    Oid         role_id;
    int64       start_time_us;  /* process start, Unix microseconds */

    /*
     * Transaction state.  xid is written under ProcArrayLock (exclusive for
     * clearing at end of transaction, shared is enough for assignment, see
     * README); xmin is written by the owner alone and read by snapshot
     * takers for GetOldestXmin().  Both InvalidTransactionId when idle.
     */
    _Atomic uint64 xid;
    _Atomic uint64 xmin;

    /*
     * True while the owner runs lazy VACUUM's heap and index passes or an
     * ANALYZE in a transaction of its own (ProcArraySetInMaintenance):
     * work that reads user tables with HeapTupleSatisfiesVacuum, never
     * with a snapshot, so its xmin does not hold back the pruning horizon
     * of user tables (GetPruneHorizon).  Written by the owner, cleared at
     * transaction end.
     */
    atomic_bool in_maintenance;

    /*
     * Xids of this transaction's subtransactions that wrote (running, or
     * committed into their parent): snapshots and TransactionIdIsInProgress
     * treat them like xid.  Appended by the owner without a lock (entry
     * first, then the count, both before the xid counter advances);
     * removed by the owner under ProcArrayLock exclusive; read under
     * ProcArrayLock shared.
     */
    _Atomic uint64 subxids[PGPROC_MAX_SUBXIDS];
    atomic_int  nsubxids;

    /* Wait state: written by the owner, read racily by monitoring. */
    atomic_int  wait_type;      /* ProcWaitType */
    atomic_int  wait_detail;

    /* LWLock wait queue linkage; protected by the lock's wait_mutex. */
    bool        lw_waiting;     /* true while queued on an LWLock */
    uint8       lw_wait_mode;   /* LWLockMode requested */
    int32       lw_next;        /* next proc number in the queue, -1 = end */

    sem_t       sem;            /* process-shared; the only thing we sleep on */

    /*
     * Set by another process (or the signal handler) to ask this one to
     * cancel its current query; polled by CHECK_FOR_INTERRUPTS-style code.
     */
    atomic_bool cancel_pending;
    atomic_bool terminate_pending;
} PGPROC;

/* Defined in proc.c; bound to settings by the configuration module. */
extern int  MaxConnections;     /* max_connections, default 100 (restart) */

extern PGPROC *MyProc;          /* this process's slot, NULL before attach */
extern int  MyProcNumber;       /* MyProc->procno or -1 */

/* proc.c */
extern Size ProcGlobalShmemSize(void);
extern void ProcGlobalShmemInit(void);
extern int  ProcGlobalSlotCount(void);  /* MaxConnections + NUM_AUXILIARY_PROC_SLOTS */
extern PGPROC *ProcGetSlot(int procno);
/*
 * ProcSlotAcquire -- claim a free slot for this process and set MyProc.
 * Returns NULL if none is free: the caller reports ERRCODE_TOO_MANY_CONNECTIONS
 * "sorry, too many clients already".  Client backends use only the first
 * MaxConnections slots; other types may use the reserved auxiliary ones.
 * Registers ProcSlotRelease() to run at process exit.
 */
extern PGPROC *ProcSlotAcquire(BackendType type);
/* Releases LWLocks still held, clears xid/xmin and frees MyProc's slot. */
extern void ProcSlotRelease(void);
/* Sleep on MyProc->sem until another process calls ProcWakeup(). */
extern void ProcSemWait(void);
extern void ProcSemPost(PGPROC *proc);
/* Convenience for ProcSemPost on a proc number. */
extern void ProcWakeup(int procno);
extern void ProcSetWait(ProcWaitType type, int detail);
extern const char *BackendTypeName(BackendType type);

#endif                          /* STORAGE_PROC_H */
