/*
 * lwlock.c
 *     Lightweight reader/writer locks: an atomic state word for the fast
 *     path, a FIFO queue of proc slots and per-proc semaphores for waiting.
 * Entry points: LWLockAcquire(), LWLockConditionalAcquire(), LWLockRelease(),
 * LWLockReleaseAll(), LWLockInitialize(), LWLockShmemInit().
 * Invariants, lock order and crash behaviour: see README in this directory.
 *
 * Protocol (why no wakeup is lost): a waiter first sets LW_FLAG_HAS_WAITERS
 * and queues itself under wait_mutex, then retries the lock once before
 * sleeping.  A releaser that sees the flag after its release takes
 * wait_mutex and dequeues/wakes waiters.  Since both sides touch the flag
 * with sequentially consistent atomics, either the waiter's retry sees the
 * release, or the releaser sees the flag and the queued waiter.
 */
#include "rustydb.h"

#include <errno.h>
#include <time.h>

#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "utils/elog.h"

#define LW_VAL_EXCLUSIVE (1U << 24)
#define LW_SHARED_MASK ((1U << 24) - 1)
#define LW_LOCK_MASK (LW_VAL_EXCLUSIVE | LW_SHARED_MASK)
#define LW_FLAG_HAS_WAITERS (1U << 30)

/* Locks held by this process, in acquisition order. */
#define MAX_HELD_LWLOCKS 200

typedef struct HeldLWLock
{
    LWLock     *lock;
    LWLockMode  mode;
} HeldLWLock;

static int  num_held_lwlocks = 0;
static HeldLWLock held_lwlocks[MAX_HELD_LWLOCKS];

LWLock     *MainLWLockArray = NULL;

static const char *const tranche_names[LWTRANCHE_COUNT] = {
    [LWTRANCHE_MAIN] = "main",
    [LWTRANCHE_BUFFER_MAPPING] = "BufferMapping",
    [LWTRANCHE_BUFFER_CONTENT] = "BufferContent",
    [LWTRANCHE_BUFFER_IO] = "BufferIO",
    [LWTRANCHE_RELATION_EXTENSION] = "RelationExtension",
    [LWTRANCHE_CLOG] = "CommitLog",
    [LWTRANCHE_LOCK_MANAGER] = "LockManager",
    [LWTRANCHE_WAL] = "WAL",
    [LWTRANCHE_STATS] = "Stats",
    [LWTRANCHE_JOBS] = "Jobs",
    [LWTRANCHE_OTHER] = "Other",
};

Size
LWLockShmemSize(void)
{
    return mul_size(NUM_MAIN_LWLOCKS, sizeof(LWLock));
}

void
LWLockShmemInit(void)
{
    bool        found;

    MainLWLockArray = ShmemInitStruct("Main LWLocks", LWLockShmemSize(), &found);
    if (!found)
    {
        for (int i = 0; i < NUM_MAIN_LWLOCKS; i++)
            LWLockInitialize(&MainLWLockArray[i], LWTRANCHE_MAIN);
    }
    /* After a crash restart the old holders are gone: forget our own list. */
    num_held_lwlocks = 0;
}

void
LWLockInitialize(LWLock *lock, LWLockTranche tranche)
{
    atomic_init(&lock->state, 0);
    lock->tranche = (uint16) tranche;
    SpinLockInit(&lock->wait_mutex);
    lock->wait_head = -1;
    lock->wait_tail = -1;
}

const char *
LWLockTrancheName(int tranche)
{
    if (tranche < 0 || tranche >= LWTRANCHE_COUNT || tranche_names[tranche] == NULL)
        return "unknown";
    return tranche_names[tranche];
}

/*
 * attempt_lock -- one CAS loop; true if we got the lock in mode.
 */
static bool
attempt_lock(LWLock *lock, LWLockMode mode)
{
    uint32      old = atomic_load(&lock->state);

    for (;;)
    {
        uint32      desired;

        if (mode == LW_EXCLUSIVE)
        {
            if ((old & LW_LOCK_MASK) != 0)
                return false;
            desired = old | LW_VAL_EXCLUSIVE;
        }
        else
        {
            if ((old & LW_VAL_EXCLUSIVE) != 0)
                return false;
            desired = old + 1;
        }
        if (atomic_compare_exchange_weak(&lock->state, &old, desired))
            return true;
    }
}

static void
remember_held(LWLock *lock, LWLockMode mode)
{
    if (num_held_lwlocks >= MAX_HELD_LWLOCKS)
    {
        /* Give the lock back first so the error path does not leak it. */
        if (mode == LW_EXCLUSIVE)
            atomic_fetch_sub(&lock->state, LW_VAL_EXCLUSIVE);
        else
            atomic_fetch_sub(&lock->state, 1);
        elog(ERROR, "too many LWLocks taken");
    }
    held_lwlocks[num_held_lwlocks].lock = lock;
    held_lwlocks[num_held_lwlocks].mode = mode;
    num_held_lwlocks++;
}

/* Append MyProc to the lock's queue.  Caller holds wait_mutex. */
static void
queue_self(LWLock *lock, LWLockMode mode)
{
    MyProc->lw_wait_mode = (uint8) mode;
    MyProc->lw_next = -1;
    __atomic_store_n(&MyProc->lw_waiting, true, __ATOMIC_SEQ_CST);
    if (lock->wait_tail < 0)
        lock->wait_head = MyProcNumber;
    else
        ProcGetSlot(lock->wait_tail)->lw_next = MyProcNumber;
    lock->wait_tail = MyProcNumber;
}

/*
 * dequeue_self -- remove MyProc from the queue if it is still there.
 * Returns false if a releaser already dequeued us (a semaphore post is then
 * on its way and must be absorbed).  Caller holds wait_mutex.
 */
static bool
dequeue_self(LWLock *lock)
{
    int         prev = -1;
    int         cur = lock->wait_head;

    if (!__atomic_load_n(&MyProc->lw_waiting, __ATOMIC_SEQ_CST))
        return false;
    while (cur >= 0 && cur != MyProcNumber)
    {
        prev = cur;
        cur = ProcGetSlot(cur)->lw_next;
    }
    /*
     * Not in the queue although lw_waiting is still set: a releaser took us
     * off (wake_waiters) and has not yet cleared the flag and posted -- the
     * post is on its way, exactly as if the flag were already clear.
     * (Fix for the -S pgbench crash: this used to be an Assert.)
     */
    if (cur < 0)
        return false;
    if (prev < 0)
        lock->wait_head = MyProc->lw_next;
    else
        ProcGetSlot(prev)->lw_next = MyProc->lw_next;
    if (lock->wait_tail == MyProcNumber)
        lock->wait_tail = prev;
    if (lock->wait_head < 0)
        atomic_fetch_and(&lock->state, ~LW_FLAG_HAS_WAITERS);
    __atomic_store_n(&MyProc->lw_waiting, false, __ATOMIC_SEQ_CST);
    return true;
}

/*
 * wake_waiters -- dequeue the first waiter if it wants exclusive, else every
 * shared waiter in the queue; then post their semaphores.  Each woken
 * process retries the lock (it may lose to a newcomer; that is fine).
 */
static void
wake_waiters(LWLock *lock)
{
    int         wake_head = -1;
    int         wake_tail = -1;

    SpinLockAcquire(&lock->wait_mutex);
    if (lock->wait_head >= 0)
    {
        PGPROC     *first = ProcGetSlot(lock->wait_head);

        if (first->lw_wait_mode == LW_EXCLUSIVE)
        {
            wake_head = wake_tail = lock->wait_head;
            lock->wait_head = first->lw_next;
            if (lock->wait_head < 0)
                lock->wait_tail = -1;
            first->lw_next = -1;
        }
        else
        {
            int         prev = -1;
            int         cur = lock->wait_head;

            while (cur >= 0)
            {
                PGPROC     *proc = ProcGetSlot(cur);
                int         next = proc->lw_next;

                if (proc->lw_wait_mode == LW_SHARED)
                {
                    if (prev < 0)
                        lock->wait_head = next;
                    else
                        ProcGetSlot(prev)->lw_next = next;
                    if (lock->wait_tail == cur)
                        lock->wait_tail = prev;
                    proc->lw_next = -1;
                    if (wake_tail < 0)
                        wake_head = cur;
                    else
                        ProcGetSlot(wake_tail)->lw_next = cur;
                    wake_tail = cur;
                }
                else
                    prev = cur;
                cur = next;
            }
        }
    }
    if (lock->wait_head < 0)
        atomic_fetch_and(&lock->state, ~LW_FLAG_HAS_WAITERS);
    SpinLockRelease(&lock->wait_mutex);

    while (wake_head >= 0)
    {
        PGPROC     *proc = ProcGetSlot(wake_head);

        /* Read the link before the proc can run and reuse it. */
        wake_head = proc->lw_next;
        __atomic_store_n(&proc->lw_waiting, false, __ATOMIC_SEQ_CST);
        ProcSemPost(proc);
    }
}

/* Waiting without a proc slot (only during start-up): poll politely. */
static void
poll_until_acquired(LWLock *lock, LWLockMode mode)
{
    long        delay_us = 10;

    while (!attempt_lock(lock, mode))
    {
        struct timespec ts = {.tv_sec = 0, .tv_nsec = delay_us * 1000};

        (void) nanosleep(&ts, NULL);
        delay_us = Min(delay_us * 2, 10000);
    }
}

/*
 * LWLockAcquire -- see lwlock.h.  May be called while holding other LWLocks
 * (respect the documented order); must not be called holding a spinlock.
 */
bool
LWLockAcquire(LWLock *lock, LWLockMode mode)
{
    bool        waited = false;
    int         extra_posts = 0;

    Assert(mode == LW_SHARED || mode == LW_EXCLUSIVE);
    Assert(!LWLockHeldByMeInMode(lock, LW_EXCLUSIVE));
    Assert(mode == LW_SHARED || !LWLockHeldByMe(lock));
    if (num_held_lwlocks >= MAX_HELD_LWLOCKS)
        elog(ERROR, "too many LWLocks taken");

    for (;;)
    {
        if (attempt_lock(lock, mode))
            break;
        if (MyProc == NULL)
        {
            poll_until_acquired(lock, mode);
            break;
        }

        SpinLockAcquire(&lock->wait_mutex);
        atomic_fetch_or(&lock->state, LW_FLAG_HAS_WAITERS);
        queue_self(lock, mode);
        SpinLockRelease(&lock->wait_mutex);

        if (attempt_lock(lock, mode))
        {
            bool        still_queued;

            SpinLockAcquire(&lock->wait_mutex);
            still_queued = dequeue_self(lock);
            SpinLockRelease(&lock->wait_mutex);
            if (!still_queued)
                extra_posts--;  /* a releaser dequeued us and posts: absorb it */
            break;
        }

        waited = true;
        ProcSetWait(PROC_WAIT_LWLOCK, lock->tranche);
        for (;;)
        {
            ProcSemWait();
            if (!__atomic_load_n(&MyProc->lw_waiting, __ATOMIC_SEQ_CST))
                break;
            /* A post meant for something else (e.g. a lock-manager wakeup). */
            extra_posts++;
        }
        ProcSetWait(PROC_WAIT_NONE, 0);
    }

    /*
     * Balance the semaphore: re-post posts we consumed for others, and
     * consume the one we still owe from the dequeue race above.
     */
    for (; extra_posts > 0; extra_posts--)
        ProcSemPost(MyProc);
    for (; extra_posts < 0; extra_posts++)
        ProcSemWait();

    remember_held(lock, mode);
    return waited;
}

bool
LWLockConditionalAcquire(LWLock *lock, LWLockMode mode)
{
    if (num_held_lwlocks >= MAX_HELD_LWLOCKS)
        elog(ERROR, "too many LWLocks taken");
    if (!attempt_lock(lock, mode))
        return false;
    remember_held(lock, mode);
    return true;
}

static void
release_internal(LWLock *lock, LWLockMode mode)
{
    uint32      new_state;

    if (mode == LW_EXCLUSIVE)
        new_state = atomic_fetch_sub(&lock->state, LW_VAL_EXCLUSIVE) - LW_VAL_EXCLUSIVE;
    else
        new_state = atomic_fetch_sub(&lock->state, 1) - 1;
    if ((new_state & LW_FLAG_HAS_WAITERS) != 0 && (new_state & LW_LOCK_MASK) == 0)
        wake_waiters(lock);
}

/*
 * LWLockRelease -- release the most recent acquisition of lock by this
 * process.  ERROR (internal) if we do not hold it.
 */
void
LWLockRelease(LWLock *lock)
{
    int         i;
    LWLockMode  mode;

    for (i = num_held_lwlocks - 1; i >= 0; i--)
        if (held_lwlocks[i].lock == lock)
            break;
    if (i < 0)
        elog(ERROR, "lock %s is not held", LWLockTrancheName(lock->tranche));
    mode = held_lwlocks[i].mode;
    num_held_lwlocks--;
    for (; i < num_held_lwlocks; i++)
        held_lwlocks[i] = held_lwlocks[i + 1];
    release_internal(lock, mode);
}

void
LWLockReleaseAll(void)
{
    while (num_held_lwlocks > 0)
    {
        num_held_lwlocks--;
        release_internal(held_lwlocks[num_held_lwlocks].lock,
                         held_lwlocks[num_held_lwlocks].mode);
    }
}

bool
LWLockHeldByMe(LWLock *lock)
{
    for (int i = 0; i < num_held_lwlocks; i++)
        if (held_lwlocks[i].lock == lock)
            return true;
    return false;
}

bool
LWLockHeldByMeInMode(LWLock *lock, LWLockMode mode)
{
    for (int i = 0; i < num_held_lwlocks; i++)
        if (held_lwlocks[i].lock == lock && held_lwlocks[i].mode == mode)
            return true;
    return false;
}

int
LWLockNumHeldByMe(void)
{
    return num_held_lwlocks;
}
