/*
 * lock.c
 *     The heavyweight lock table: acquire, release, wait queues, timeouts.
 * Entry points: LockAcquire(), LockRelease(), LockReleaseAll(),
 * LockGetStatus(); LockShmemSize()/LockShmemInit().
 * Invariants, lock order and the deadlock algorithm: README.md here.
 */
#include "rustydb.h"

#include <errno.h>
#include <semaphore.h>
#include <time.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/lock.h"
#include "lock_int.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "access/xact.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

LockShared *LockShmem = NULL;

/* Bit i set: mode i conflicts with the mode indexing the array (PostgreSQL's table). */
const uint16 LockConflicts[MaxLockMode + 1] = {
    0,
    LOCKBIT(AccessExclusiveLock),
    LOCKBIT(ExclusiveLock) | LOCKBIT(AccessExclusiveLock),
    LOCKBIT(ShareLock) | LOCKBIT(ShareRowExclusiveLock) | LOCKBIT(ExclusiveLock) |
    LOCKBIT(AccessExclusiveLock),
    LOCKBIT(ShareUpdateExclusiveLock) | LOCKBIT(ShareLock) | LOCKBIT(ShareRowExclusiveLock) |
    LOCKBIT(ExclusiveLock) | LOCKBIT(AccessExclusiveLock),
    LOCKBIT(RowExclusiveLock) | LOCKBIT(ShareUpdateExclusiveLock) |
    LOCKBIT(ShareRowExclusiveLock) | LOCKBIT(ExclusiveLock) | LOCKBIT(AccessExclusiveLock),
    LOCKBIT(RowExclusiveLock) | LOCKBIT(ShareUpdateExclusiveLock) | LOCKBIT(ShareLock) |
    LOCKBIT(ShareRowExclusiveLock) | LOCKBIT(ExclusiveLock) | LOCKBIT(AccessExclusiveLock),
    LOCKBIT(RowShareLock) | LOCKBIT(RowExclusiveLock) | LOCKBIT(ShareUpdateExclusiveLock) |
    LOCKBIT(ShareLock) | LOCKBIT(ShareRowExclusiveLock) | LOCKBIT(ExclusiveLock) |
    LOCKBIT(AccessExclusiveLock),
    LOCKBIT(AccessShareLock) | LOCKBIT(RowShareLock) | LOCKBIT(RowExclusiveLock) |
    LOCKBIT(ShareUpdateExclusiveLock) | LOCKBIT(ShareLock) | LOCKBIT(ShareRowExclusiveLock) |
    LOCKBIT(ExclusiveLock) | LOCKBIT(AccessExclusiveLock),
};

static const char *const lock_mode_names[MaxLockMode + 1] = {
    "INVALID", "AccessShareLock", "RowShareLock", "RowExclusiveLock",
    "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
    "ExclusiveLock", "AccessExclusiveLock"
};

/*
 * The process-local lock table: what this process holds, with a count per
 * (tag, mode) so repeated acquisitions need no shared-memory work.  A small
 * array searched linearly: transactions hold few distinct locks.
 */
typedef struct LocalLock
{
    LockTag     tag;
    int         entry;          /* index of the shared entry */
    uint32      counts[MaxLockMode + 1];
    /*
     * Per held mode, the outermost transaction nesting level that holds it
     * (1: top level): a subtransaction's abort releases the modes of its
     * level and deeper, its commit hands them to the parent level.
     */
    int         levels[MaxLockMode + 1];
} LocalLock;

static LocalLock *local_locks = NULL;
static int  n_local_locks = 0;
static int  max_local_locks = 0;

static uint32 tag_hash(const LockTag *tag);
static bool tags_equal(const LockTag *a, const LockTag *b);
static int  find_entry(int partition, const LockTag *tag, bool create);
static bool conflicts_with_holders(LockEntry *e, int procno, LOCKMODE mode);
static bool conflicts_with_waiters_before(LockEntry *e, int procno, LOCKMODE mode, int stop_procno);
static void grant_lock(LockEntry *e, int procno, LOCKMODE mode);
static void wake_waiters(LockEntry *e);
static void dequeue_waiter(LockEntry *e, int procno);
static void maybe_free_entry(int partition, int index);
static LocalLock *local_lookup(const LockTag *tag, bool create);
static void wait_for_lock(const LockTag *tag, int partition, int index, LOCKMODE mode);

/*
 * Sized from the settings, never from shared memory: the postmaster calls
 * this again after a crash, when the old segment is already unmapped.
 */
static int
lock_proc_slots(void)
{
    return MaxConnections + NUM_AUXILIARY_PROC_SLOTS;
}

Size
LockShmemSize(void)
{
    int         nprocs = lock_proc_slots();
    Size        entries = (Size) LOCK_ENTRIES_PER_PROC * nprocs;

    entries = ((entries + NUM_LOCK_PARTITIONS - 1) / NUM_LOCK_PARTITIONS) * NUM_LOCK_PARTITIONS;
    return MAXALIGN(sizeof(LockShared)) +
        MAXALIGN(sizeof(LockProcState) * (Size) nprocs) +
        entries * LockEntryStride(nprocs);
}

void
LockShmemInit(void)
{
    bool        found;
    int         nprocs = lock_proc_slots();
    Size        entries = (Size) LOCK_ENTRIES_PER_PROC * nprocs;
    char       *base;

    entries = ((entries + NUM_LOCK_PARTITIONS - 1) / NUM_LOCK_PARTITIONS) * NUM_LOCK_PARTITIONS;
    base = ShmemInitStruct("lock table", LockShmemSize(), &found);
    LockShmem = (LockShared *) base;
    if (found)
        return;
    memset(base, 0, LockShmemSize());
    LockShmem->nprocs = nprocs;
    LockShmem->entries_per_partition = (int) (entries / NUM_LOCK_PARTITIONS);
    LockShmem->entry_stride = LockEntryStride(nprocs);
    LockShmem->procs = (LockProcState *) (base + MAXALIGN(sizeof(LockShared)));
    LockShmem->entries = (char *) LockShmem->procs + MAXALIGN(sizeof(LockProcState) * (Size) nprocs);
    for (int i = 0; i < NUM_LOCK_PARTITIONS; i++)
        LWLockInitialize(&LockShmem->partition_locks[i], LWTRANCHE_LOCK_MANAGER);
    for (int i = 0; i < nprocs; i++)
    {
        LockShmem->procs[i].wait_entry = -1;
        LockShmem->procs[i].next_waiter = -1;
    }
    atomic_init(&LockShmem->deadlocks, 0);
}

const char *
LockModeName(LOCKMODE mode)
{
    if (mode < 1 || mode > MaxLockMode)
        return "INVALID";
    return lock_mode_names[mode];
}

bool
LockModesConflict(LOCKMODE a, LOCKMODE b)
{
    return (LockConflicts[a] & LOCKBIT(b)) != 0;
}

char *
LockTagDescribe(const LockTag *tag)
{
    switch ((LockTagType) tag->type)
    {
        case LOCKTAG_RELATION:
            return psprintf("relation %u of database %u", tag->rel, tag->db);
        case LOCKTAG_RELATION_EXTEND:
            return psprintf("extension of relation %u of database %u", tag->rel, tag->db);
        case LOCKTAG_TUPLE:
            return psprintf("tuple (%u,%u) of relation %u of database %u",
                            (unsigned) (tag->id >> 16), (unsigned) (tag->id & 0xFFFF),
                            tag->rel, tag->db);
        case LOCKTAG_TRANSACTION:
            return psprintf("transaction %llu", (unsigned long long) tag->id);
        case LOCKTAG_DATABASE:
            return psprintf("database %u", tag->db);
        case LOCKTAG_OBJECT:
            return psprintf("object %llu of class %u of database %u",
                            (unsigned long long) tag->id, tag->rel, tag->db);
        case LOCKTAG_ADVISORY:
            return psprintf("advisory lock [%u,%llu]", tag->db, (unsigned long long) tag->id);
        case LOCKTAG_UNIQUE_KEY:
            return psprintf("key %016llx of unique constraint %u of database %u",
                            (unsigned long long) tag->id, tag->rel, tag->db);
        case LOCKTAG_TYPE_COUNT:
            break;
    }
    return psprintf("unknown lock tag type %d", tag->type);
}

/* ---------------- hashing and the shared table ---------------- */

static uint32
tag_hash(const LockTag *tag)
{
    uint64      h = 1469598103934665603ULL;
    uint64      parts[4] = {tag->db, tag->rel, tag->id, tag->type};

    for (int i = 0; i < 4; i++)
    {
        h ^= parts[i];
        h *= 1099511628211ULL;
        h ^= h >> 29;
    }
    return (uint32) (h ^ (h >> 32));
}

static bool
tags_equal(const LockTag *a, const LockTag *b)
{
    return a->db == b->db && a->rel == b->rel && a->id == b->id && a->type == b->type;
}

int
LockTagPartition(const LockTag *tag)
{
    return (int) (tag_hash(tag) % NUM_LOCK_PARTITIONS);
}

/*
 * find_entry -- index (global) of tag's entry in its partition, creating it
 * if asked; -1 if absent (or the partition is full: ERROR 53200 on create).
 * Open addressing with linear probing inside the partition's slots; freed
 * entries become tombstones that inserts reuse.  Caller holds the
 * partition lock exclusively when create is true, at least shared otherwise.
 */
static int
find_entry(int partition, const LockTag *tag, bool create)
{
    int         per = LockShmem->entries_per_partition;
    int         start = (int) ((tag_hash(tag) / NUM_LOCK_PARTITIONS) % (uint32) per);
    int         first_free = -1;

    for (int probe = 0; probe < per; probe++)
    {
        int         index = partition * per + (start + probe) % per;
        LockEntry  *e = LockEntryAt(index);

        if (e->state == LOCK_ENTRY_EMPTY)
        {
            if (first_free < 0)
                first_free = index;
            break;
        }
        if (e->state == LOCK_ENTRY_TOMBSTONE)
        {
            if (first_free < 0)
                first_free = index;
            continue;
        }
        if (tags_equal(&e->tag, tag))
            return index;
    }
    if (!create)
        return -1;
    if (first_free < 0)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY),
                errmsg("out of shared memory"),
                errhint("The lock table is full; too many objects are locked at once."));
    {
        LockEntry  *e = LockEntryAt(first_free);

        memset(e, 0, LockShmem->entry_stride);
        e->state = LOCK_ENTRY_USED;
        e->tag = *tag;
        e->wait_head = -1;
        e->wait_tail = -1;
    }
    return first_free;
}

/* Does mode conflict with locks granted to processes other than procno? */
static bool
conflicts_with_holders(LockEntry *e, int procno, LOCKMODE mode)
{
    uint16      conflict_mask = LockConflicts[mode];
    uint16      mine = e->holders[procno];

    if ((e->grant_mask & conflict_mask) == 0)
        return false;
    for (int m = 1; m <= MaxLockMode; m++)
    {
        if (!(conflict_mask & LOCKBIT(m)))
            continue;
        if (e->granted[m] - ((mine & LOCKBIT(m)) ? 1 : 0) > 0)
            return true;
    }
    return false;
}

/*
 * Does mode conflict with the request of any waiter queued before
 * stop_procno (or with any waiter at all when stop_procno is -1)?  Keeps the
 * queue fair: a new request does not jump over a waiting one it conflicts
 * with.
 */
static bool
conflicts_with_waiters_before(LockEntry *e, int procno, LOCKMODE mode, int stop_procno)
{
    for (int p = e->wait_head; p >= 0 && p != stop_procno; p = LockShmem->procs[p].next_waiter)
    {
        if (p != procno && LockModesConflict(mode, LockShmem->procs[p].wait_mode))
            return true;
    }
    return false;
}

static void
grant_lock(LockEntry *e, int procno, LOCKMODE mode)
{
    Assert(!(e->holders[procno] & LOCKBIT(mode)));
    e->granted[mode]++;
    e->grant_mask |= LOCKBIT(mode);
    e->holders[procno] |= LOCKBIT(mode);
}

static void
dequeue_waiter(LockEntry *e, int procno)
{
    int         prev = -1;

    for (int p = e->wait_head; p >= 0; prev = p, p = LockShmem->procs[p].next_waiter)
    {
        if (p != procno)
            continue;
        if (prev < 0)
            e->wait_head = LockShmem->procs[p].next_waiter;
        else
            LockShmem->procs[prev].next_waiter = LockShmem->procs[p].next_waiter;
        if (e->wait_tail == p)
            e->wait_tail = prev;
        LockShmem->procs[p].next_waiter = -1;
        return;
    }
}

/*
 * wake_waiters -- grant, in queue order, every waiter whose request no
 * longer conflicts with holders or with a still-waiting request ahead of
 * it, and post its semaphore.  Caller holds the partition lock exclusively.
 */
static void
wake_waiters(LockEntry *e)
{
    int         p = e->wait_head;

    while (p >= 0)
    {
        LockProcState *ps = &LockShmem->procs[p];
        int         next = ps->next_waiter;

        if (!conflicts_with_holders(e, p, ps->wait_mode) &&
            !conflicts_with_waiters_before(e, p, ps->wait_mode, p))
        {
            dequeue_waiter(e, p);
            grant_lock(e, p, ps->wait_mode);
            atomic_store(&ps->granted, true);
            ps->wait_entry = -1;
            ProcWakeup(p);
        }
        p = next;
    }
}

static void
maybe_free_entry(int partition, int index)
{
    LockEntry  *e = LockEntryAt(index);
    int         per = LockShmem->entries_per_partition;
    int         next = partition * per + ((index - partition * per) + 1) % per;

    if (e->grant_mask != 0 || e->wait_head >= 0)
        return;
    /* An entry followed by an empty slot can become empty itself: shorter probes. */
    e->state = LockEntryAt(next)->state == LOCK_ENTRY_EMPTY ? LOCK_ENTRY_EMPTY : LOCK_ENTRY_TOMBSTONE;
}

/* ---------------- the local table ---------------- */

static LocalLock *
local_lookup(const LockTag *tag, bool create)
{
    for (int i = 0; i < n_local_locks; i++)
        if (tags_equal(&local_locks[i].tag, tag))
            return &local_locks[i];
    if (!create)
        return NULL;
    if (n_local_locks == max_local_locks)
    {
        int         newmax = max_local_locks ? max_local_locks * 2 : 16;

        if (local_locks == NULL)
            local_locks = MemoryContextAlloc(TopMemoryContext, sizeof(LocalLock) * (Size) newmax);
        else
            local_locks = repalloc(local_locks, sizeof(LocalLock) * (Size) newmax);
        max_local_locks = newmax;
    }
    memset(&local_locks[n_local_locks], 0, sizeof(LocalLock));
    local_locks[n_local_locks].tag = *tag;
    local_locks[n_local_locks].entry = -1;
    return &local_locks[n_local_locks++];
}

static void
local_forget(LocalLock *ll)
{
    for (int m = 1; m <= MaxLockMode; m++)
        if (ll->counts[m] > 0)
            return;
    *ll = local_locks[--n_local_locks];
}

/* ---------------- acquire / release ---------------- */

LockAcquireResult
LockAcquire(const LockTag *tag, LOCKMODE mode, bool dontWait)
{
    LocalLock  *ll;
    int         partition;
    int         index;
    LockEntry  *e;
    int         me;

    Assert(mode >= 1 && mode <= MaxLockMode);
    if (MyProc == NULL)
        elog(ERROR, "cannot acquire a lock without a process slot");
    me = MyProc->procno;
    ll = local_lookup(tag, true);
    if (ll->counts[mode] > 0)
    {
        ll->counts[mode]++;
        return LOCKACQUIRE_ALREADY_HELD;
    }

    partition = LockTagPartition(tag);
    LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
    index = find_entry(partition, tag, true);
    e = LockEntryAt(index);
    /*
     * Wait if it conflicts with a holder, or with a waiter ahead in the
     * queue -- unless we already hold some lock on the object, in which
     * case queueing behind a waiter that waits for us would deadlock.
     */
    if (!conflicts_with_holders(e, me, mode) &&
        (e->holders[me] != 0 || !conflicts_with_waiters_before(e, me, mode, -1)))
    {
        grant_lock(e, me, mode);
        LWLockRelease(&LockShmem->partition_locks[partition]);
        ll->entry = index;
        ll->counts[mode] = 1;
        ll->levels[mode] = GetCurrentTransactionNestLevel();
        return LOCKACQUIRE_OK;
    }
    if (dontWait)
    {
        maybe_free_entry(partition, index);
        LWLockRelease(&LockShmem->partition_locks[partition]);
        local_forget(ll);
        return LOCKACQUIRE_NOT_AVAIL;
    }

    /* Queue at the tail and sleep; wait_for_lock releases the partition lock. */
    {
        LockProcState *ps = &LockShmem->procs[me];

        ps->wait_entry = index;
        ps->wait_mode = mode;
        ps->next_waiter = -1;
        atomic_store(&ps->granted, false);
        if (e->wait_tail < 0)
            e->wait_head = me;
        else
            LockShmem->procs[e->wait_tail].next_waiter = me;
        e->wait_tail = me;
    }
    ll->entry = index;
    wait_for_lock(tag, partition, index, mode);
    ll = local_lookup(tag, true);
    ll->entry = index;
    ll->counts[mode] = 1;
    ll->levels[mode] = GetCurrentTransactionNestLevel();
    return LOCKACQUIRE_OK;
}

/*
 * abandon_wait -- leave the wait queue (timeout, cancel, deadlock victim).
 * Returns true if the lock was granted meanwhile (then we hold it).
 * Caller holds the partition lock exclusively.
 */
static bool
abandon_wait(int partition, int index, int me)
{
    LockProcState *ps = &LockShmem->procs[me];
    LockEntry  *e = LockEntryAt(index);

    if (atomic_load(&ps->granted))
        return true;
    dequeue_waiter(e, me);
    ps->wait_entry = -1;
    /* Our leaving may unblock those queued behind us. */
    wake_waiters(e);
    maybe_free_entry(partition, index);
    return false;
}

static int64
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * wait_for_lock -- sleep until granted.  On entry the caller holds the
 * partition lock exclusively and is queued; it is released here.  Sleeps in
 * slices of at most 100 ms on the process semaphore (a wake-up posted while
 * we were in an LWLock wait is therefore never lost for long), checking the
 * granted flag, interrupts, lock_timeout and, once, deadlock_timeout.
 */
static void
wait_for_lock(const LockTag *tag, int partition, int index, LOCKMODE mode)
{
    int         me = MyProc->procno;
    LockProcState *ps = &LockShmem->procs[me];
    int64       start = now_ms();
    bool        deadlock_checked = false;

    LWLockRelease(&LockShmem->partition_locks[partition]);
    ProcSetWait(PROC_WAIT_LOCK, tag->type);
    atomic_fetch_add(&LockShmem->waiting, 1);
    for (;;)
    {
        int64       elapsed;
        struct timespec deadline;
        char       *failure = NULL;
        bool        cancel = false;
        bool        deadlock = false;

        if (atomic_load(&ps->granted))
            break;
        elapsed = now_ms() - start;
        if (InterruptPending && (QueryCancelPending || ProcDiePending || StatementTimeoutPending))
            cancel = true;
        else if (LockTimeoutMs > 0 && elapsed >= LockTimeoutMs)
            failure = "lock timeout";
        else if (!deadlock_checked && elapsed >= DeadlockTimeoutMs)
        {
            deadlock_checked = true;
            deadlock = DeadLockCheck(me);
        }
        if (cancel || failure || deadlock)
        {
            bool        granted;
            char       *report = deadlock ? DeadLockReport() : NULL;

            LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
            granted = abandon_wait(partition, index, me);
            LWLockRelease(&LockShmem->partition_locks[partition]);
            if (granted)
                break;
            atomic_fetch_sub(&LockShmem->waiting, 1);
            ProcSetWait(PROC_WAIT_NONE, 0);
            {
                LocalLock  *ll = local_lookup(tag, false);

                if (ll)
                    local_forget(ll);
            }
            if (cancel)
            {
                CHECK_FOR_INTERRUPTS();
                /* Interrupts held off: still leave with the cancel error. */
                ereport(ERROR, errcode(ERRCODE_QUERY_CANCELED),
                        errmsg("canceling statement due to user request"));
            }
            if (deadlock)
            {
                atomic_fetch_add(&LockShmem->deadlocks, 1);
                pgstat_report_deadlock();   /* pgstat.h: pg_stat_database.deadlocks */
                ereport(ERROR, errcode(ERRCODE_T_R_DEADLOCK_DETECTED),
                        errmsg("deadlock detected"),
                        errdetail("%s", report),
                        errhint("See server log for query details."));
            }
            ereport(ERROR, errcode(ERRCODE_LOCK_NOT_AVAILABLE),
                    errmsg("canceling statement due to %s", failure));
        }
        /*
         * Sleep at most 100 ms, and wake exactly when deadlock_timeout or
         * lock_timeout expires, so that those checks are punctual (the
         * process that started waiting first runs the detector first).
         */
        {
            int64       slice_ms = 100;

            if (!deadlock_checked)
                slice_ms = Min(slice_ms, Max((int64) DeadlockTimeoutMs - elapsed, 1));
            if (LockTimeoutMs > 0)
                slice_ms = Min(slice_ms, Max((int64) LockTimeoutMs - elapsed, 1));
            clock_gettime(CLOCK_REALTIME, &deadline);
            deadline.tv_nsec += slice_ms * 1000000L;
            while (deadline.tv_nsec >= 1000000000L)
            {
                deadline.tv_sec++;
                deadline.tv_nsec -= 1000000000L;
            }
        }
        if (sem_timedwait(&MyProc->sem, &deadline) != 0 &&
            errno != EINTR && errno != ETIMEDOUT)
            ereport(PANIC, errcode(ERRCODE_SYSTEM_ERROR),
                    errmsg("could not wait on semaphore: %m"));
    }
    atomic_fetch_sub(&LockShmem->waiting, 1);
    ProcSetWait(PROC_WAIT_NONE, 0);
    (void) mode;
}

bool
LockRelease(const LockTag *tag, LOCKMODE mode)
{
    LocalLock  *ll = local_lookup(tag, false);
    int         partition;
    LockEntry  *e;
    int         me;

    if (ll == NULL || ll->counts[mode] == 0)
    {
        elog(WARNING, "you don't own a lock of type %s", LockModeName(mode));
        return false;
    }
    if (--ll->counts[mode] > 0)
        return true;
    me = MyProc->procno;
    partition = LockTagPartition(tag);
    LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
    e = LockEntryAt(ll->entry);
    Assert(e->holders[me] & LOCKBIT(mode));
    e->holders[me] &= (uint16) ~LOCKBIT(mode);
    if (--e->granted[mode] == 0)
        e->grant_mask &= (uint16) ~LOCKBIT(mode);
    wake_waiters(e);
    maybe_free_entry(partition, ll->entry);
    LWLockRelease(&LockShmem->partition_locks[partition]);
    local_forget(ll);
    return true;
}

/*
 * LockInitBackend -- forget the process-local lock table inherited through
 * fork() (a child never holds its parent's locks).  Called when a process
 * attaches to shared memory.
 */
void
LockInitBackend(void)
{
    n_local_locks = 0;
}

/*
 * LockReleaseAll -- drop every lock this process holds (end of transaction
 * or abort).  Safe to call when nothing is held, or before shared memory
 * exists.
 */
void
LockReleaseAll(void)
{
    int         me;

    if (LockShmem == NULL || MyProc == NULL)
        return;
    me = MyProc->procno;
    /* An ERROR raised while queued (it cannot normally happen) must not leave us queued. */
    if (LockShmem->procs[me].wait_entry >= 0)
    {
        int         index = LockShmem->procs[me].wait_entry;
        int         partition = index / LockShmem->entries_per_partition;

        LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
        if (LockShmem->procs[me].wait_entry == index)
            (void) abandon_wait(partition, index, me);
        LWLockRelease(&LockShmem->partition_locks[partition]);
    }
    while (n_local_locks > 0)
    {
        LocalLock  *ll = &local_locks[n_local_locks - 1];
        int         partition = LockTagPartition(&ll->tag);

        if (ll->entry >= 0)
        {
            LockEntry  *e = LockEntryAt(ll->entry);

            LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
            for (int m = 1; m <= MaxLockMode; m++)
            {
                if (ll->counts[m] == 0 || !(e->holders[me] & LOCKBIT(m)))
                    continue;
                e->holders[me] &= (uint16) ~LOCKBIT(m);
                if (--e->granted[m] == 0)
                    e->grant_mask &= (uint16) ~LOCKBIT(m);
            }
            wake_waiters(e);
            maybe_free_entry(partition, ll->entry);
            LWLockRelease(&LockShmem->partition_locks[partition]);
        }
        n_local_locks--;
    }
}

/*
 * LockReleaseSubxact -- a subtransaction at nesting level `level` aborted
 * (ROLLBACK TO SAVEPOINT, or an error inside it): drop every lock mode
 * first taken at that level or deeper, whatever its count.  Modes the
 * process held before the savepoint stay.  Must not ERROR (abort path).
 */
void
LockReleaseSubxact(int level)
{
    int         me;

    if (LockShmem == NULL || MyProc == NULL)
        return;
    me = MyProc->procno;
    for (int i = n_local_locks - 1; i >= 0; i--)
    {
        LocalLock  *ll = &local_locks[i];
        int         partition;
        LockEntry  *e;
        bool        any = false;

        for (int m = 1; m <= MaxLockMode; m++)
            if (ll->counts[m] > 0 && ll->levels[m] >= level)
                any = true;
        if (!any)
            continue;
        partition = LockTagPartition(&ll->tag);
        LWLockAcquire(&LockShmem->partition_locks[partition], LW_EXCLUSIVE);
        e = LockEntryAt(ll->entry);
        for (int m = 1; m <= MaxLockMode; m++)
        {
            if (ll->counts[m] == 0 || ll->levels[m] < level)
                continue;
            ll->counts[m] = 0;
            if (!(e->holders[me] & LOCKBIT(m)))
                continue;
            e->holders[me] &= (uint16) ~LOCKBIT(m);
            if (--e->granted[m] == 0)
                e->grant_mask &= (uint16) ~LOCKBIT(m);
        }
        wake_waiters(e);
        maybe_free_entry(partition, ll->entry);
        LWLockRelease(&LockShmem->partition_locks[partition]);
        local_forget(ll);       /* moves the last entry here: we walk downwards */
    }
}

/*
 * LockReassignSubxact -- a subtransaction at nesting level `level`
 * committed (RELEASE SAVEPOINT): its locks now belong to the parent level.
 */
void
LockReassignSubxact(int level)
{
    for (int i = 0; i < n_local_locks; i++)
        for (int m = 1; m <= MaxLockMode; m++)
            if (local_locks[i].counts[m] > 0 && local_locks[i].levels[m] >= level)
                local_locks[i].levels[m] = level - 1;
}

/*
 * LockSetOwnerLevel -- the held (tag, mode) belongs to nesting level
 * `level` (outer levels only: never deeper than it already is).  Used for
 * a transaction lock taken while a deeper subtransaction is current (a
 * parent's xid assigned on behalf of its child).
 */
void
LockSetOwnerLevel(const LockTag *tag, LOCKMODE mode, int level)
{
    LocalLock  *ll = local_lookup(tag, false);

    if (ll != NULL && ll->counts[mode] > 0 && level < ll->levels[mode])
        ll->levels[mode] = level;
}

bool
LockHeldByMe(const LockTag *tag, LOCKMODE mode)
{
    LocalLock  *ll = local_lookup(tag, false);

    return ll != NULL && ll->counts[mode] > 0;
}

/* ---------------- monitoring ---------------- */

LockStatusRow *
LockGetStatus(int *count)
{
    int         total = LockShmem->entries_per_partition * NUM_LOCK_PARTITIONS;
    int         n = 0;
    int         max = 64;
    LockStatusRow *rows = palloc(sizeof(LockStatusRow) * (Size) max);

    for (int i = 0; i < NUM_LOCK_PARTITIONS; i++)
        LWLockAcquire(&LockShmem->partition_locks[i], LW_SHARED);
    for (int index = 0; index < total; index++)
    {
        LockEntry  *e = LockEntryAt(index);

        if (e->state != LOCK_ENTRY_USED)
            continue;
        for (int p = 0; p < LockShmem->nprocs; p++)
        {
            for (int m = 1; m <= MaxLockMode; m++)
            {
                if (!(e->holders[p] & LOCKBIT(m)))
                    continue;
                if (n == max)
                {
                    max *= 2;
                    rows = repalloc(rows, sizeof(LockStatusRow) * (Size) max);
                }
                rows[n++] = (LockStatusRow) {e->tag, m, (int) ProcGetSlot(p)->pid, true};
            }
        }
        for (int p = e->wait_head; p >= 0; p = LockShmem->procs[p].next_waiter)
        {
            if (n == max)
            {
                max *= 2;
                rows = repalloc(rows, sizeof(LockStatusRow) * (Size) max);
            }
            rows[n++] = (LockStatusRow) {e->tag, LockShmem->procs[p].wait_mode,
                                         (int) ProcGetSlot(p)->pid, false};
        }
    }
    for (int i = NUM_LOCK_PARTITIONS - 1; i >= 0; i--)
        LWLockRelease(&LockShmem->partition_locks[i]);
    *count = n;
    return rows;
}

int
LockCountHeld(void)
{
    int         count;
    int         held = 0;
    LockStatusRow *rows = LockGetStatus(&count);

    for (int i = 0; i < count; i++)
        held += rows[i].granted ? 1 : 0;
    pfree(rows);
    return held;
}

uint64
LockDeadlockCount(void)
{
    return LockShmem ? atomic_load(&LockShmem->deadlocks) : 0;
}

int
LockWaitingCount(void)
{
    return LockShmem ? atomic_load(&LockShmem->waiting) : 0;
}
