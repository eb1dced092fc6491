/*
 * lockcmds.c
 *     LOCK TABLE: explicit table locks through the heavyweight lock
 *     manager (storage/lock.h).
 * Entry point: ExecLockStmt().
 *
 * The mode numbers of the grammar (RAW_LOCKMODE_*) are the lock manager's
 * (lockdefs.h): both follow PostgreSQL's numbering.  After the lock is
 * granted the name is resolved again: if the table was dropped or renamed
 * while we waited, the statement fails as if it had not existed.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/lockcmds.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/relcache.h"

StaticAssertDecl(RAW_LOCKMODE_ACCESS_SHARE == AccessShareLock &&
                 RAW_LOCKMODE_ACCESS_EXCLUSIVE == AccessExclusiveLock,
                 "grammar lock modes are the lock manager's");

void
ExecLockStmt(LockStmt *stmt)
{
    LOCKMODE    mode = stmt->mode > 0 ? (LOCKMODE) stmt->mode : AccessExclusiveLock;
    ListCell   *lc;

    RequireTransactionBlock(true, "LOCK TABLE");
    if (mode < AccessShareLock || mode > AccessExclusiveLock)
        elog(ERROR, "unrecognized lock mode %d", mode);
    foreach(lc, stmt->relations)
    {
        RangeVar   *rv = (RangeVar *) lfirst(lc);
        Oid         relid = RangeVarGetRelid(rv, false);

        if (stmt->nowait)
        {
            if (!ConditionalLockRelationOid(relid, mode))
                ereport(ERROR, errcode(ERRCODE_LOCK_NOT_AVAILABLE),
                        errmsg("could not obtain lock on relation \"%s\"", rv->relname));
        }
        else
            LockRelationOid(relid, mode);
        /* The name may now denote another relation, or none. */
        AcceptInvalidationMessages();
        if (RangeVarGetRelid(rv, false) != relid)
            ereport(ERROR, errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                    errmsg("relation \"%s\" was changed while waiting for its lock",
                           rv->relname));
    }
}
