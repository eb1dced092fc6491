/*
 * lock_int.h
 *     Private layout of the heavyweight lock table (lock.c, deadlock.c).
 *     Nothing outside src/backend/storage/lmgr includes this file.
 *
 * Shared memory layout (one area, "lock table"):
 *   LockShared header | LockProcState[nprocs] | LockEntry[entries]
 * Each LockEntry is followed by uint16 holders[nprocs] (its size is
 * entry_stride).  Entries are split into NUM_LOCK_PARTITIONS equal slices;
 * a tag lives in the slice of its hash, guarded by that slice's LWLock.
 */
#ifndef STORAGE_LOCK_INT_H
#define STORAGE_LOCK_INT_H

#include <stdatomic.h>

#include "storage/lock.h"
#include "storage/lwlock.h"

#define NUM_LOCK_PARTITIONS 16
#define LOCK_ENTRIES_PER_PROC 64    /* like max_locks_per_transaction */
#define LOCKBIT(mode) ((uint16) (1U << (mode)))

typedef enum LockEntryState
{
    LOCK_ENTRY_EMPTY = 0,
    LOCK_ENTRY_USED,
    LOCK_ENTRY_TOMBSTONE
} LockEntryState;

typedef struct LockEntry
{
    uint8       state;          /* LockEntryState; partition lock */
    LockTag     tag;            /* partition lock */
    uint16      grant_mask;     /* modes with granted[m] > 0 */
    int32       granted[MaxLockMode + 1];   /* holders per mode */
    int32       wait_head;      /* first waiting proc number, -1 if none */
    int32       wait_tail;
    uint16      holders[FLEXIBLE_ARRAY_MEMBER]; /* per proc: modes it holds */
} LockEntry;

/* Per proc slot; fields written under the partition lock of wait_entry. */
typedef struct LockProcState
{
    int32       wait_entry;     /* entry index waited on, -1 if not waiting */
    int32       wait_mode;
    int32       next_waiter;    /* next proc in the same queue, -1 at the end */
    atomic_bool granted;        /* set by the process that granted our request */
} LockProcState;

typedef struct LockShared
{
    LWLock      partition_locks[NUM_LOCK_PARTITIONS];
    int         nprocs;
    int         entries_per_partition;
    Size        entry_stride;
    LockProcState *procs;
    char       *entries;
    atomic_ullong deadlocks;    /* deadlocks detected since start */
    atomic_int  waiting;        /* processes in wait_for_lock now */
} LockShared;

extern LockShared *LockShmem;
extern const uint16 LockConflicts[MaxLockMode + 1];

static inline Size
LockEntryStride(int nprocs)
{
    return MAXALIGN(offsetof(LockEntry, holders) + sizeof(uint16) * (Size) nprocs);
}

static inline LockEntry *
LockEntryAt(int index)
{
    return (LockEntry *) (LockShmem->entries + (Size) index * LockShmem->entry_stride);
}

extern int  LockTagPartition(const LockTag *tag);

/* deadlock.c */
/*
 * DeadLockCheck -- is procno (waiting, its partition lock released) part of
 * a waits-for cycle?  Takes every partition lock in ascending order while
 * searching.  On true, DeadLockReport() describes the cycle.
 */
extern bool DeadLockCheck(int procno);
extern char *DeadLockReport(void);  /* palloc'd, one line per edge */

#endif                          /* STORAGE_LOCK_INT_H */
