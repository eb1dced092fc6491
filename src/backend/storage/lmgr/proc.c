/*
 * proc.c
 *     Proc slots: allocation at process start, release at exit, the
 *     per-process semaphore used for every sleep on shared state.
 * Entry points: ProcGlobalShmemSize/Init(), ProcSlotAcquire(),
 * ProcSlotRelease(), ProcSemWait(), ProcSemPost(), ProcWakeup().
 * Invariants, lock order and crash behaviour: see README in this directory.
 */
#include "rustydb.h"

#include <errno.h>
#include <sys/time.h>
#include <unistd.h>

#include "storage/lock.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "utils/elog.h"

int         MaxConnections = 100;

PGPROC     *MyProc = NULL;
int         MyProcNumber = -1;

/* Shared header before the slot array. */
typedef struct ProcGlobalData
{
    int         slot_count;     /* immutable after init */
    int         client_slots;   /* MaxConnections at init: immutable */
    PGPROC      procs[FLEXIBLE_ARRAY_MEMBER];
} ProcGlobalData;

static ProcGlobalData *ProcGlobal = NULL;
static bool exit_callback_registered = false;

static void proc_exit_callback(int code, Datum arg);

/*
 * From the setting, never from shared memory: size functions call this in
 * the postmaster after a crash, when the old segment is already unmapped.
 * max_connections is restart-only, so the two always agree.
 */
int
ProcGlobalSlotCount(void)
{
    return MaxConnections + NUM_AUXILIARY_PROC_SLOTS;
}

Size
ProcGlobalShmemSize(void)
{
    return add_size(offsetof(ProcGlobalData, procs),
                    mul_size((Size) (MaxConnections + NUM_AUXILIARY_PROC_SLOTS),
                             sizeof(PGPROC)));
}

void
ProcGlobalShmemInit(void)
{
    bool        found;

    if (MaxConnections < 1)
        ereport(FATAL, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("max_connections must be at least 1"));
    ProcGlobal = ShmemInitStruct("Proc Global", ProcGlobalShmemSize(), &found);
    if (found)
        return;
    ProcGlobal->slot_count = MaxConnections + NUM_AUXILIARY_PROC_SLOTS;
    ProcGlobal->client_slots = MaxConnections;
    for (int i = 0; i < ProcGlobal->slot_count; i++)
    {
        PGPROC     *proc = &ProcGlobal->procs[i];

        proc->procno = i;
        atomic_init(&proc->in_use, false);
        atomic_init(&proc->xid, InvalidTransactionId);
        atomic_init(&proc->nsubxids, 0);
        atomic_init(&proc->xmin, InvalidTransactionId);
        atomic_init(&proc->in_maintenance, false);
        atomic_init(&proc->wait_type, PROC_WAIT_NONE);
        atomic_init(&proc->wait_detail, 0);
        atomic_init(&proc->cancel_pending, false);
        atomic_init(&proc->terminate_pending, false);
        proc->lw_next = -1;
        if (sem_init(&proc->sem, 1, 0) != 0)
            ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR),
                    errmsg("could not create semaphore: %m"));
    }
    MyProc = NULL;
    MyProcNumber = -1;
}

PGPROC *
ProcGetSlot(int procno)
{
    Assert(ProcGlobal != NULL && procno >= 0 && procno < ProcGlobal->slot_count);
    return &ProcGlobal->procs[procno];
}

static int64
now_us(void)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return (int64) tv.tv_sec * 1000000 + tv.tv_usec;
}

/*
 * ProcSlotAcquire -- see proc.h.  Client backends take slots
 * [0, client_slots); auxiliary processes take the reserved tail first and
 * fall back to client slots; B_STANDALONE takes any.
 */
PGPROC *
ProcSlotAcquire(BackendType type)
{
    int         first;
    int         last;
    PGPROC     *result = NULL;

    Assert(ProcGlobal != NULL);
    Assert(MyProc == NULL);
    if (type == B_BACKEND)
    {
        first = 0;
        last = ProcGlobal->client_slots;
    }
    else
    {
        first = 0;
        last = ProcGlobal->slot_count;
    }

    LWLockAcquire(MainLWLock(ProcArrayLock), LW_EXCLUSIVE);
    if (type != B_BACKEND)
    {
        for (int i = ProcGlobal->client_slots; i < ProcGlobal->slot_count && result == NULL; i++)
            if (!atomic_load(&ProcGlobal->procs[i].in_use))
                result = &ProcGlobal->procs[i];
    }
    for (int i = first; i < last && result == NULL; i++)
        if (!atomic_load(&ProcGlobal->procs[i].in_use))
            result = &ProcGlobal->procs[i];
    if (result != NULL)
    {
        result->pid = getpid();
        result->backend_type = type;
        result->database_id = InvalidOid;
        result->role_id = InvalidOid;
        result->start_time_us = now_us();
        atomic_store(&result->xid, InvalidTransactionId);
        atomic_store(&result->nsubxids, 0);
        atomic_store(&result->xmin, InvalidTransactionId);
        atomic_store(&result->in_maintenance, false);
        atomic_store(&result->wait_type, PROC_WAIT_NONE);
        atomic_store(&result->wait_detail, 0);
        atomic_store(&result->cancel_pending, false);
        atomic_store(&result->terminate_pending, false);
        result->lw_waiting = false;
        result->lw_next = -1;
        atomic_store(&result->in_use, true);
    }
    LWLockRelease(MainLWLock(ProcArrayLock));
    if (result == NULL)
        return NULL;

    /* A previous owner may have left posts behind: start from zero. */
    while (sem_trywait(&result->sem) == 0)
        ;
    MyProc = result;
    MyProcNumber = result->procno;
    if (!exit_callback_registered)
    {
        OnProcExit(proc_exit_callback, (Datum) 0);
        exit_callback_registered = true;
    }
    return result;
}

void
ProcSlotRelease(void)
{
    PGPROC     *proc = MyProc;

    if (proc == NULL)
        return;
    LWLockReleaseAll();
    /* Heavyweight locks of a process that exits without ending its transaction. */
    LockReleaseAll();
    LWLockAcquire(MainLWLock(ProcArrayLock), LW_EXCLUSIVE);
    atomic_store(&proc->xid, InvalidTransactionId);
    atomic_store(&proc->nsubxids, 0);
    atomic_store(&proc->xmin, InvalidTransactionId);
    atomic_store(&proc->in_maintenance, false);
    proc->pid = 0;
    proc->backend_type = B_INVALID;
    proc->database_id = InvalidOid;
    proc->role_id = InvalidOid;
    atomic_store(&proc->in_use, false);
    LWLockRelease(MainLWLock(ProcArrayLock));
    MyProc = NULL;
    MyProcNumber = -1;
}

static void
proc_exit_callback(int code, Datum arg)
{
    (void) code;
    (void) arg;
    ProcSlotRelease();
}

/*
 * ProcSemWait -- sleep until our semaphore is posted.  EINTR (signals for
 * cancel, SIGHUP) is retried: callers re-check their condition themselves.
 */
void
ProcSemWait(void)
{
    Assert(MyProc != NULL);
    while (sem_wait(&MyProc->sem) != 0)
    {
        if (errno != EINTR)
            ereport(PANIC, errcode(ERRCODE_SYSTEM_ERROR),
                    errmsg("could not wait on semaphore: %m"));
    }
}

void
ProcSemPost(PGPROC *proc)
{
    if (sem_post(&proc->sem) != 0)
        ereport(PANIC, errcode(ERRCODE_SYSTEM_ERROR),
                errmsg("could not post semaphore: %m"));
}

void
ProcWakeup(int procno)
{
    ProcSemPost(ProcGetSlot(procno));
}

void
ProcSetWait(ProcWaitType type, int detail)
{
    if (MyProc == NULL)
        return;
    atomic_store_explicit(&MyProc->wait_detail, detail, memory_order_relaxed);
    atomic_store_explicit(&MyProc->wait_type, (int) type, memory_order_relaxed);
}

const char *
BackendTypeName(BackendType type)
{
    switch (type)
    {
        case B_BACKEND:
            return "client backend";
        case B_STANDALONE:
            return "standalone backend";
        case B_STARTUP:
            return "startup";
        case B_CHECKPOINTER:
            return "checkpointer";
        case B_WAL_WRITER:
            return "walwriter";
        case B_AUTOVAC_LAUNCHER:
            return "autovacuum launcher";
        case B_AUTOVAC_WORKER:
            return "autovacuum worker";
        case B_STATS_COLLECTOR:
            return "stats collector";
        case B_ADMIN_API:
            return "admin api";
        case B_INVALID:
        case B_BACKEND_TYPE_COUNT:
            break;
    }
    return "unknown";
}
