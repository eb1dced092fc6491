/*
 * tempcmds.h
 *     Temporary tables at commit, and DISCARD.
 * Implemented in src/backend/commands/tempcmds.c; the temporary schema
 * itself is catalog/namespace.h's.  See src/backend/commands/README.md
 * "Temporary tables".
 */
#ifndef COMMANDS_TEMPCMDS_H
#define COMMANDS_TEMPCMDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * RegisterOnCommitAction -- CREATE TEMP TABLE ... ON COMMIT DELETE ROWS
 * or DROP: at every later commit of this session (the creating one
 * included) the table is emptied or dropped.  PRESERVE ROWS / none: nothing.
 */
extern void RegisterOnCommitAction(Oid relid, RawOnCommitAction action);

/*
 * ExecDiscardStmt -- DISCARD TEMP (drop the session's temporary schema),
 * PLANS (re-plan cached statements), SEQUENCES (no session state to drop),
 * ALL (25001 in a transaction block; drops portals, RESET ALL, DEALLOCATE
 * ALL, PLANS and TEMP).
 */
extern void ExecDiscardStmt(DiscardStmt *stmt);

#endif                          /* COMMANDS_TEMPCMDS_H */
