/*
 * lmgr.c
 *     Conveniences over the heavyweight lock manager for the rest of the
 *     tree: relation locks in the current database (shared catalogs use
 *     database InvalidOid), relation extension locks, and transaction locks
 *     (how a writer waits for another transaction that touched its row).
 * Entry points: see src/include/storage/lock.h (lmgr.c section).
 */
#include "rustydb.h"

#include "catalog/catalog.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/elog.h"

static LockTag
relation_tag(Oid relid, uint8 type)
{
    LockTag     tag = LockTagRelation(IsSharedRelationId(relid) ? InvalidOid : MyDatabaseId, relid);

    tag.type = type;
    return tag;
}

void
LockRelationOid(Oid relid, LOCKMODE mode)
{
    LockTag     tag = relation_tag(relid, LOCKTAG_RELATION);

    (void) LockAcquire(&tag, mode, false);
}

bool
ConditionalLockRelationOid(Oid relid, LOCKMODE mode)
{
    LockTag     tag = relation_tag(relid, LOCKTAG_RELATION);

    return LockAcquire(&tag, mode, true) != LOCKACQUIRE_NOT_AVAIL;
}

void
UnlockRelationOid(Oid relid, LOCKMODE mode)
{
    LockTag     tag = relation_tag(relid, LOCKTAG_RELATION);

    (void) LockRelease(&tag, mode);
}

void
LockRelationForExtension(Oid relid, LOCKMODE mode)
{
    LockTag     tag = relation_tag(relid, LOCKTAG_RELATION_EXTEND);

    (void) LockAcquire(&tag, mode, false);
}

void
UnlockRelationForExtension(Oid relid, LOCKMODE mode)
{
    LockTag     tag = relation_tag(relid, LOCKTAG_RELATION_EXTEND);

    (void) LockRelease(&tag, mode);
}

/* XactLockTableInsert -- called once when a transaction gets its xid. */
void
XactLockTableInsert(TransactionId xid)
{
    LockTag     tag = LockTagTransaction(xid);

    (void) LockAcquire(&tag, ExclusiveLock, false);
}

/*
 * XactLockTableWait -- wait until xid has ended (committed or aborted):
 * its owner holds the transaction lock exclusively until then.  The lock
 * is released again at once; the caller re-checks the row.
 */
void
XactLockTableWait(TransactionId xid)
{
    LockTag     tag = LockTagTransaction(xid);

    (void) LockAcquire(&tag, ShareLock, false);
    (void) LockRelease(&tag, ShareLock);
}

bool
ConditionalXactLockTableWait(TransactionId xid)
{
    LockTag     tag = LockTagTransaction(xid);

    if (LockAcquire(&tag, ShareLock, true) == LOCKACQUIRE_NOT_AVAIL)
        return false;
    (void) LockRelease(&tag, ShareLock);
    return true;
}
