/*
 * multixact.h
 *     Lock-only multi-transaction ids: a value stored in a tuple's xmax
 *     (with HEAP_XMAX_IS_MULTI) that names a set of transactions each
 *     holding a row lock of some strength on that tuple, so that several
 *     transactions can hold FOR SHARE / FOR KEY SHARE / FOR NO KEY UPDATE
 *     on one row at once.
 * Implemented in src/backend/access/transam/multixact.c; the crash,
 * VACUUM and visibility rules are in the README there ("Multixacts").
 */
#ifndef ACCESS_MULTIXACT_H
#define ACCESS_MULTIXACT_H

#include "rustydb.h"
#include "access/transam.h"

/*
 * Multi ids are drawn from the transaction id counter (never assigned to a
 * transaction, never committed), so they are unique across crashes and
 * can never be mistaken for a real xid.
 */
typedef TransactionId MultiXactId;

/* One locker: its (sub)transaction id and its row-lock strength (LockTupleMode). */
typedef struct MultiXactMember
{
    TransactionId xid;
    uint8       mode;           /* LockTupleMode of access/heapam.h */
} MultiXactMember;

/* multixact.c */
extern Size MultiXactShmemSize(void);
extern void MultiXactShmemInit(void);
/*
 * MultiXactCreate -- a new multi with these n (>= 1) members, copied into
 * shared memory.  Members need not be running (the caller decides).  ERROR
 * 53200 when the table has no free slot or n exceeds MultiXactMaxMembers().
 * Takes the multixact LWLock (and, to recycle slots, ProcArrayLock inside it).
 */
extern MultiXactId MultiXactCreate(const MultiXactMember *members, int n);
/*
 * MultiXactGetMembers -- copy up to max members of multi into out and
 * return how many there are (may exceed max: then only max are copied).
 * A multi whose slot is gone (recycled, or lost in a crash) has no members:
 * every one of its lockers has ended.  With only_running, members whose
 * transaction is no longer in progress are left out.
 */
extern int  MultiXactGetMembers(MultiXactId multi, MultiXactMember *out, int max,
                                bool only_running);
/* MultiXactIsRunning -- does any member of multi still run? */
extern bool MultiXactIsRunning(MultiXactId multi);
/* Largest member count a multi can have (sized from the process slots). */
extern int  MultiXactMaxMembers(void);
/* Live (any member running) multis in the table; for tests and monitoring. */
extern int  MultiXactCountLive(void);

#endif                          /* ACCESS_MULTIXACT_H */
