/*
 * deadlock.c
 *     Deadlock detection for the heavyweight lock manager: a depth-first
 *     search of the waits-for graph starting at the process whose wait
 *     exceeded deadlock_timeout.
 * Entry points: DeadLockCheck(), DeadLockReport().
 *
 * Edges: a waiting process P (request mode M on entry E) waits for every
 * other process that holds a mode on E conflicting with M, and for every
 * process queued ahead of it on E whose requested mode conflicts with M.
 * A cycle through the starting process means it can never be granted: it
 * becomes the victim (PostgreSQL's choice too: the process that detects the
 * cycle aborts, the others proceed).  The whole lock table is frozen during
 * the search by taking every partition lock in ascending order, the only
 * order in which more than one partition lock is ever held.
 */
#include "rustydb.h"

#include "lib/stringinfo.h"
#include "lock_int.h"
#include "storage/proc.h"
#include "utils/palloc.h"

typedef struct DeadlockEdge
{
    int         waiter;         /* proc number */
    int         blocker;
    LOCKMODE    mode;
    LockTag     tag;
} DeadlockEdge;

static DeadlockEdge *path = NULL;   /* in TopMemoryContext, nprocs long */
static int  path_len = 0;
static bool *visited = NULL;

static bool search(int start, int proc, int depth);

static bool
waits_for(int waiter, int blocker, LockEntry **entry_out)
{
    LockProcState *ws = &LockShmem->procs[waiter];
    LockEntry  *e;
    uint16      conflicts;

    if (ws->wait_entry < 0 || atomic_load(&ws->granted))
        return false;
    e = LockEntryAt(ws->wait_entry);
    conflicts = LockConflicts[ws->wait_mode];
    *entry_out = e;
    if (blocker != waiter && (e->holders[blocker] & conflicts))
        return true;
    for (int p = e->wait_head; p >= 0 && p != waiter; p = LockShmem->procs[p].next_waiter)
    {
        if (p == blocker && (conflicts & LOCKBIT(LockShmem->procs[p].wait_mode)))
            return true;
    }
    return false;
}

static bool
search(int start, int proc, int depth)
{
    for (int q = 0; q < LockShmem->nprocs; q++)
    {
        LockEntry  *e = NULL;

        if (!waits_for(proc, q, &e))
            continue;
        path[depth] = (DeadlockEdge) {proc, q, LockShmem->procs[proc].wait_mode, e->tag};
        if (q == start)
        {
            path_len = depth + 1;
            return true;
        }
        if (visited[q])
            continue;
        visited[q] = true;
        if (depth + 1 < LockShmem->nprocs && search(start, q, depth + 1))
            return true;
    }
    return false;
}

bool
DeadLockCheck(int procno)
{
    bool        found;

    if (path == NULL)
    {
        path = MemoryContextAllocZero(TopMemoryContext, sizeof(DeadlockEdge) * (Size) LockShmem->nprocs);
        visited = MemoryContextAllocZero(TopMemoryContext, sizeof(bool) * (Size) LockShmem->nprocs);
    }
    memset(visited, 0, sizeof(bool) * (Size) LockShmem->nprocs);
    path_len = 0;
    for (int i = 0; i < NUM_LOCK_PARTITIONS; i++)
        LWLockAcquire(&LockShmem->partition_locks[i], LW_EXCLUSIVE);
    visited[procno] = true;
    found = search(procno, procno, 0);
    for (int i = NUM_LOCK_PARTITIONS - 1; i >= 0; i--)
        LWLockRelease(&LockShmem->partition_locks[i]);
    return found;
}

/* DeadLockReport -- "Process A waits for M on X; blocked by process B." per edge. */
char *
DeadLockReport(void)
{
    StringInfoData buf;

    initStringInfo(&buf);
    for (int i = 0; i < path_len; i++)
    {
        char       *what = LockTagDescribe(&path[i].tag);

        if (i > 0)
            appendStringInfoChar(&buf, '\n');
        appendStringInfo(&buf, "Process %d waits for %s on %s; blocked by process %d.",
                         (int) ProcGetSlot(path[i].waiter)->pid, LockModeName(path[i].mode),
                         what, (int) ProcGetSlot(path[i].blocker)->pid);
        pfree(what);
    }
    return buf.data;
}
