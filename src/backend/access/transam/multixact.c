/*
 * multixact.c
 *     Lock-only multi-transaction ids: the shared table that maps a multi
 *     id (stored in a tuple's xmax with HEAP_XMAX_IS_MULTI) to its members,
 *     the transactions holding a row lock on that tuple.
 * Entry points: MultiXactCreate(), MultiXactGetMembers(),
 * MultiXactIsRunning(); see access/multixact.h.  Crash behaviour, VACUUM
 * and visibility rules: README in this directory ("Multixacts").
 *
 * Table: a fixed array of slots in shared memory; multi id m lives in slot
 * m % nslots.  Ids come from the xid counter, so creation draws ids until
 * one maps to a free slot (a slot is free when empty or when none of its
 * members is running any more: such a multi locks nothing, and a lookup
 * that finds its slot taken by another id reads it as "no members", which
 * is the same answer).  A multi is immutable: adding a locker creates a
 * new multi and the tuple's xmax is switched to it.
 *
 * Locking: multixact_lock (one LWLock) guards every slot.  Lock order:
 * buffer content lock -> multixact_lock -> ProcArrayLock (creation checks
 * whether a slot's members still run while holding multixact_lock).
 */
#include "rustydb.h"

#include "access/multixact.h"
#include "access/transam.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "storage/shmem.h"
#include "utils/elog.h"

/*
 * Sizing: max(1024, 4 * process slots) multis, each with room for one
 * member per process slot plus 32 (subtransactions), at most 256.  About
 * 2.4 MB with max_connections = 100, 9.5 MB with 1000.
 */
#define MULTIXACT_MIN_SLOTS 1024
#define MULTIXACT_SLOTS_PER_PROC 4
#define MULTIXACT_EXTRA_MEMBERS 32
#define MULTIXACT_MAX_MEMBERS 256
/* Ids drawn before giving up on finding a free slot. */
#define MULTIXACT_CREATE_TRIES 64

typedef struct MultiXactSlot
{
    MultiXactId id;             /* InvalidTransactionId: empty; guarded by multixact_lock */
    int32       nmembers;       /* guarded by multixact_lock */
    MultiXactMember members[FLEXIBLE_ARRAY_MEMBER]; /* max_members of them */
} MultiXactSlot;

typedef struct MultiXactShared
{
    LWLock      multixact_lock;
    int         nslots;         /* set at init, immutable */
    int         max_members;    /* set at init, immutable */
    Size        slot_stride;    /* set at init, immutable */
    char       *slots;          /* nslots slots of slot_stride bytes */
} MultiXactShared;

static MultiXactShared *MultiXactState = NULL;

static int
table_slots(void)
{
    return Max(MULTIXACT_MIN_SLOTS, MULTIXACT_SLOTS_PER_PROC * ProcGlobalSlotCount());
}

static int
table_members(void)
{
    return Min(ProcGlobalSlotCount() + MULTIXACT_EXTRA_MEMBERS, MULTIXACT_MAX_MEMBERS);
}

static Size
slot_stride(int max_members)
{
    return MAXALIGN(offsetof(MultiXactSlot, members) +
                    sizeof(MultiXactMember) * (Size) max_members);
}

static MultiXactSlot *
slot_at(int i)
{
    return (MultiXactSlot *) (MultiXactState->slots + MultiXactState->slot_stride * (Size) i);
}

static MultiXactSlot *
slot_for(MultiXactId multi)
{
    return slot_at((int) (multi % (uint64) MultiXactState->nslots));
}

Size
MultiXactShmemSize(void)
{
    return MAXALIGN(sizeof(MultiXactShared)) +
        slot_stride(table_members()) * (Size) table_slots();
}

void
MultiXactShmemInit(void)
{
    bool        found;
    char       *base = ShmemInitStruct("multixact table", MultiXactShmemSize(), &found);

    MultiXactState = (MultiXactShared *) base;
    if (found)
        return;
    memset(base, 0, MultiXactShmemSize());
    LWLockInitialize(&MultiXactState->multixact_lock, LWTRANCHE_OTHER);
    MultiXactState->nslots = table_slots();
    MultiXactState->max_members = table_members();
    MultiXactState->slot_stride = slot_stride(MultiXactState->max_members);
    MultiXactState->slots = base + MAXALIGN(sizeof(MultiXactShared));
}

int
MultiXactMaxMembers(void)
{
    return MultiXactState->max_members;
}

/* Does any member of the slot still run?  Caller holds multixact_lock. */
static bool
slot_is_live(const MultiXactSlot *slot)
{
    if (!TransactionIdIsValid(slot->id))
        return false;
    for (int i = 0; i < slot->nmembers; i++)
        if (TransactionIdIsInProgress(slot->members[i].xid))
            return true;
    return false;
}

MultiXactId
MultiXactCreate(const MultiXactMember *members, int n)
{
    if (n < 1)
        elog(ERROR, "a multixact needs at least one member");
    if (n > MultiXactState->max_members)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY),
                errmsg("too many transactions lock the same row"),
                errdetail("At most %d row lockers per row are supported.",
                          MultiXactState->max_members),
                errhint("You might need to increase max_connections."));
    for (int tries = 0; tries < MULTIXACT_CREATE_TRIES; tries++)
    {
        MultiXactId multi = GetNewMultiXactIdValue();
        MultiXactSlot *slot;

        LWLockAcquire(&MultiXactState->multixact_lock, LW_EXCLUSIVE);
        slot = slot_for(multi);
        if (!slot_is_live(slot))
        {
            slot->id = multi;
            slot->nmembers = n;
            memcpy(slot->members, members, sizeof(MultiXactMember) * (Size) n);
            LWLockRelease(&MultiXactState->multixact_lock);
            return multi;
        }
        LWLockRelease(&MultiXactState->multixact_lock);
    }
    ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY),
            errmsg("out of shared memory for row lockers"),
            errdetail("No free multixact slot was found."),
            errhint("You might need to increase max_connections."));
    return InvalidTransactionId;    /* keep the compiler quiet */
}

int
MultiXactGetMembers(MultiXactId multi, MultiXactMember *out, int max, bool only_running)
{
    MultiXactSlot *slot;
    int         n = 0;

    if (!TransactionIdIsValid(multi))
        return 0;
    LWLockAcquire(&MultiXactState->multixact_lock, LW_SHARED);
    slot = slot_for(multi);
    if (slot->id == multi)
    {
        for (int i = 0; i < slot->nmembers; i++)
        {
            if (only_running && !TransactionIdIsInProgress(slot->members[i].xid))
                continue;
            if (n < max)
                out[n] = slot->members[i];
            n++;
        }
    }
    LWLockRelease(&MultiXactState->multixact_lock);
    return n;
}

bool
MultiXactIsRunning(MultiXactId multi)
{
    MultiXactSlot *slot;
    bool        live = false;

    if (!TransactionIdIsValid(multi))
        return false;
    LWLockAcquire(&MultiXactState->multixact_lock, LW_SHARED);
    slot = slot_for(multi);
    if (slot->id == multi)
        live = slot_is_live(slot);
    LWLockRelease(&MultiXactState->multixact_lock);
    return live;
}

int
MultiXactCountLive(void)
{
    int         n = 0;

    LWLockAcquire(&MultiXactState->multixact_lock, LW_SHARED);
    for (int i = 0; i < MultiXactState->nslots; i++)
        if (slot_is_live(slot_at(i)))
            n++;
    LWLockRelease(&MultiXactState->multixact_lock);
    return n;
}
