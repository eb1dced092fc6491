/*
 * lwlock.h
 *     Lightweight reader/writer locks in shared memory: an atomic state word
 *     (exclusive bit + shared count + has-waiters flag) and a FIFO wait queue
 *     of proc slots; waiters sleep on their proc's semaphore.
 * Implemented in src/backend/storage/lmgr/lwlock.c; see the README there.
 *
 * LWLocks are not deadlock-checked: take them in the documented order.  An
 * ERROR releases every LWLock the process holds (LWLockReleaseAll() from
 * transaction abort), so code between acquire and release may ereport.
 * They are not interruptible by query cancel while waiting.
 */
#ifndef STORAGE_LWLOCK_H
#define STORAGE_LWLOCK_H

#include <stdatomic.h>

#include "rustydb.h"
#include "storage/spin.h"

typedef enum LWLockMode
{
    LW_EXCLUSIVE,
    LW_SHARED
} LWLockMode;

/*
 * Tranche ids name the kind of lock for wait-event reporting (v$ views) and
 * debugging.  Add new kinds at the end; LWLockTrancheName() knows them.
 */
typedef enum LWLockTranche
{
    LWTRANCHE_MAIN = 0,         /* the individually named locks below */
    LWTRANCHE_BUFFER_MAPPING,
    LWTRANCHE_BUFFER_CONTENT,
    LWTRANCHE_BUFFER_IO,
    LWTRANCHE_RELATION_EXTENSION,
    LWTRANCHE_CLOG,
    LWTRANCHE_LOCK_MANAGER,     /* reserved for the heavyweight lock table */
    LWTRANCHE_WAL,              /* reserved for WAL insertion/flush */
    LWTRANCHE_STATS,            /* reserved for the stats area */
    LWTRANCHE_JOBS,             /* reserved for the maintenance job table */
    LWTRANCHE_OTHER,            /* any other subsystem-embedded lock */
    LWTRANCHE_COUNT
} LWLockTranche;

/*
 * An LWLock.  Lives in shared memory, typically embedded in a subsystem's
 * shared struct and set up with LWLockInitialize() from its XxxShmemInit().
 * state and the queue are private to lwlock.c.
 */
typedef struct LWLock
{
    atomic_uint state;          /* LW_VAL_EXCLUSIVE | shared count | flags */
    uint16      tranche;        /* LWLockTranche: immutable after init */
    slock_t     wait_mutex;     /* protects wait_head/wait_tail */
    int32       wait_head;      /* proc number of the first waiter, -1 if none */
    int32       wait_tail;      /* proc number of the last waiter, -1 if none */
} LWLock;

/*
 * Individually named locks, in MainLWLockArray (shared memory).  Other
 * subsystems may append ids here (before NUM_MAIN_LWLOCKS) or embed their
 * own LWLocks in their shared areas.
 */
typedef enum MainLWLockId
{
    ShmemIndexLock = 0,         /* directory of named shared memory areas */
    XidGenLock,                 /* next transaction id, xid prefetch limit */
    ProcArrayLock,              /* proc slots' xid/xmin and slot allocation */
    ControlFileLock,            /* data/global/rustydb_control read/write */
    ClogControlLock,            /* commit-log page cache */
    NUM_MAIN_LWLOCKS_BUILTIN,
    NUM_MAIN_LWLOCKS = 32       /* room for other subsystems' named locks */
} MainLWLockId;

extern LWLock *MainLWLockArray;

#define MainLWLock(id) (&MainLWLockArray[(id)])

/* lwlock.c */
extern Size LWLockShmemSize(void);
extern void LWLockShmemInit(void);
extern void LWLockInitialize(LWLock *lock, LWLockTranche tranche);
/* Blocks until acquired.  Returns true if we had to wait. */
extern bool LWLockAcquire(LWLock *lock, LWLockMode mode);
/* Returns false immediately if the lock is not free in that mode. */
extern bool LWLockConditionalAcquire(LWLock *lock, LWLockMode mode);
extern void LWLockRelease(LWLock *lock);
/* Releases everything this process holds: error recovery and exit. */
extern void LWLockReleaseAll(void);
extern bool LWLockHeldByMe(LWLock *lock);
extern bool LWLockHeldByMeInMode(LWLock *lock, LWLockMode mode);
extern int  LWLockNumHeldByMe(void);
extern const char *LWLockTrancheName(int tranche);

#endif                          /* STORAGE_LWLOCK_H */
