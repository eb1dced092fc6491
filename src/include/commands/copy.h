/*
 * copy.h
 *     COPY table [(columns)] FROM STDIN / TO STDOUT and COPY (query) TO
 *     STDOUT, text and CSV formats.
 * Implemented in src/backend/commands/copy.c (statement, options),
 * copyfrom.c (loading) and copyto.c (dumping); the wire side (CopyIn /
 * CopyOut responses, CopyData) in src/backend/libpq/pqcopy.c.
 */
#ifndef COMMANDS_COPY_H
#define COMMANDS_COPY_H

#include "rustydb.h"
#include "nodes/parsenodes.h"
#include "tcop/dest.h"

/*
 * ExecCopyStmt -- run a COPY statement; qc gets "COPY n".  Rows of COPY TO
 * go to the client as CopyData (dest is unused: COPY has its own
 * sub-protocol).  COPY FROM loads everything or nothing: a malformed line
 * raises 22P04 (or the input function's error) with the context
 * "COPY t, line N[, column c]: ..." and the statement's transaction aborts.
 * File and PROGRAM forms raise 0A000.
 */
extern void ExecCopyStmt(CopyStmt *stmt, const char *query_string, DestReceiver *dest,
                         QueryCompletion *qc);

#endif                          /* COMMANDS_COPY_H */
