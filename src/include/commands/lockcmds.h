/*
 * lockcmds.h
 *     LOCK [TABLE] name [, ...] [IN mode MODE] [NOWAIT].
 * Implemented in src/backend/commands/lockcmds.c.
 */
#ifndef COMMANDS_LOCKCMDS_H
#define COMMANDS_LOCKCMDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecLockStmt -- take the table lock in the given mode (ACCESS EXCLUSIVE
 * when omitted) on each relation, in list order, held until the end of the
 * transaction.  Errors: 25P01 "LOCK TABLE can only be used in transaction
 * blocks" outside BEGIN ... COMMIT; 42P01 for a missing relation; 55P03
 * 'could not obtain lock on relation "t"' with NOWAIT when it conflicts;
 * while waiting, lock_timeout (55P03), deadlock (40P01), cancel and
 * statement_timeout (57014).
 */
extern void ExecLockStmt(LockStmt *stmt);

#endif                          /* COMMANDS_LOCKCMDS_H */
