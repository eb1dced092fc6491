/*
 * lock.h
 *     The heavyweight lock manager: PostgreSQL's eight lock modes on
 *     relations, transactions, tuples and other objects, held until the end
 *     of the transaction, with FIFO wait queues, lock_timeout and deadlock
 *     detection after deadlock_timeout.
 * Implemented in src/backend/storage/lmgr/lock.c (table, acquire, release),
 * deadlock.c (waits-for graph search) and lmgr.c (relation / transaction
 * convenience calls).  Design, invariants and lock order: README.md there.
 */
#ifndef STORAGE_LOCK_H
#define STORAGE_LOCK_H

#include "rustydb.h"
#include "storage/lockdefs.h"

typedef enum LockTagType
{
    LOCKTAG_RELATION,           /* db, relation */
    LOCKTAG_RELATION_EXTEND,    /* db, relation: extending the file */
    LOCKTAG_TUPLE,              /* db, relation, (block << 16 | offset) */
    LOCKTAG_TRANSACTION,        /* xid: held exclusively by its owner until it ends */
    LOCKTAG_DATABASE,           /* db */
    LOCKTAG_OBJECT,             /* db, class oid, object oid */
    LOCKTAG_ADVISORY,           /* db, key */
    LOCKTAG_UNIQUE_KEY,         /* db, constraint oid, key hash: global unique constraints */
    LOCKTAG_TYPE_COUNT
} LockTagType;

typedef struct LockTag
{
    Oid         db;
    Oid         rel;            /* relation, or class oid for LOCKTAG_OBJECT */
    uint64      id;             /* xid, tuple position, object oid, advisory key */
    uint8       type;           /* LockTagType */
} LockTag;

typedef enum LockAcquireResult
{
    LOCKACQUIRE_NOT_AVAIL,      /* dontWait and it conflicts */
    LOCKACQUIRE_OK,             /* newly granted */
    LOCKACQUIRE_ALREADY_HELD    /* this process already held it in that mode */
} LockAcquireResult;

static inline LockTag
LockTagRelation(Oid db, Oid rel)
{
    return (LockTag) {.db = db, .rel = rel, .id = 0, .type = LOCKTAG_RELATION};
}

static inline LockTag
LockTagTransaction(TransactionId xid)
{
    return (LockTag) {.db = InvalidOid, .rel = InvalidOid, .id = xid, .type = LOCKTAG_TRANSACTION};
}

/* lock.c */
extern Size LockShmemSize(void);
extern void LockShmemInit(void);

/*
 * LockAcquire -- take tag in mode for the current transaction.  Waits for
 * conflicting holders (and for earlier conflicting waiters) unless dontWait.
 * While waiting: checks for deadlock after deadlock_timeout (ERROR 40P01 for
 * the process that closes the cycle), honours lock_timeout (ERROR 55P03) and
 * query cancel / statement_timeout (57014).  Needs MyProc.
 */
extern LockAcquireResult LockAcquire(const LockTag *tag, LOCKMODE mode, bool dontWait);
/* LockRelease -- drop one acquisition; false if it was not held. */
extern bool LockRelease(const LockTag *tag, LOCKMODE mode);
/* A new process (after fork) starts with an empty local lock table. */
extern void LockInitBackend(void);
/* Release everything this process holds and leave any wait queue (transaction end, abort). */
/*
 * Subtransactions: LockReleaseSubxact(level) drops the lock modes first
 * taken at nesting level `level` or deeper (ROLLBACK TO SAVEPOINT);
 * LockReassignSubxact(level) gives them to level - 1 (RELEASE SAVEPOINT).
 */
extern void LockReleaseSubxact(int level);
extern void LockReassignSubxact(int level);
/* Make a held lock belong to an outer nesting level (see lock.c). */
extern void LockSetOwnerLevel(const LockTag *tag, LOCKMODE mode, int level);
extern void LockReleaseAll(void);
extern bool LockHeldByMe(const LockTag *tag, LOCKMODE mode);
extern const char *LockModeName(LOCKMODE mode);
extern bool LockModesConflict(LOCKMODE a, LOCKMODE b);
extern char *LockTagDescribe(const LockTag *tag);   /* palloc'd: "relation 16384 of database 5" */

/* For monitoring: pg_locks, the admin API, statistics. */
typedef struct LockStatusRow
{
    LockTag     tag;
    LOCKMODE    mode;
    int         pid;
    bool        granted;
} LockStatusRow;

/* Snapshot of all granted and awaited locks; *count set; palloc'd array. */
extern LockStatusRow *LockGetStatus(int *count);
extern int  LockCountHeld(void);        /* granted (lock, process, mode) triples */
extern uint64 LockDeadlockCount(void);  /* deadlocks detected since start */
extern int  LockWaitingCount(void);     /* processes waiting for a lock now */

/* lmgr.c: conveniences used across the tree. */
extern void LockRelationOid(Oid relid, LOCKMODE mode);
extern bool ConditionalLockRelationOid(Oid relid, LOCKMODE mode);
extern void UnlockRelationOid(Oid relid, LOCKMODE mode);
extern void LockRelationForExtension(Oid relid, LOCKMODE mode);
extern void UnlockRelationForExtension(Oid relid, LOCKMODE mode);
/* The owner of xid holds its transaction lock exclusively; waiters take it shared. */
extern void XactLockTableInsert(TransactionId xid);
extern void XactLockTableWait(TransactionId xid);
extern bool ConditionalXactLockTableWait(TransactionId xid);

#endif                          /* STORAGE_LOCK_H */
