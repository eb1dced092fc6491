/*
 * tcop_int.h
 *     Private interface between the main loop (postgres.c) and the
 *     extended query protocol's message handlers (extended.c).  Nothing
 *     outside src/backend/tcop includes this.
 */
#ifndef TCOP_INT_H
#define TCOP_INT_H

#include "rustydb.h"

#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "tcop/dest.h"

/* postgres.c */

/*
 * TcopStartXactCommand -- make sure a transaction command is open (start
 * one if not; the extended protocol keeps it open across messages until
 * Sync, so a batch without BEGIN is one implicit transaction), then switch
 * to MessageContext.
 */
extern void TcopStartXactCommand(void);

/*
 * TcopFinishXactCommand -- close the open transaction command, if any:
 * commit a single-statement (implicit) transaction, or advance the block
 * state after BEGIN/COMMIT/ROLLBACK.  rolled_back: the statement was a
 * ROLLBACK (settings made in the transaction revert).  Back in
 * MessageContext on return.
 */
extern void TcopFinishXactCommand(bool rolled_back);

/* BEGIN / COMMIT / ROLLBACK: change the block state, fill qc's tag. */
extern void TcopExecTransactionStmt(TransactionStmt *stmt, QueryCompletion *qc);

/* COMMIT, ROLLBACK and the like: allowed in a failed transaction block. */
extern bool TcopIsTransactionExitStmt(const Node *stmt);

extern void TcopSendCommandComplete(const char *tag);

/*
 * TcopLogDuration -- log_min_duration_statement: "duration: ... ms  <what>:
 * <query>" if the statement that started at start_us (gettimeofday
 * microseconds) took long enough.
 */
extern void TcopLogDuration(const char *what, const char *query, int64 start_us);
/*
 * The same in two steps, for callers whose <what> costs something to build:
 * the elapsed microseconds if the line is due (else -1), then the line.
 */
extern int64 TcopDurationToLog(int64 start_us);
extern void TcopLogDurationLine(const char *what, const char *query, int64 elapsed_us);

/* Microseconds since the epoch (gettimeofday). */
extern int64 TcopNowMicros(void);

/* extended.c: one function per message; each parses the whole body. */
extern void ExtendedParse(StringInfo msg);
extern void ExtendedBind(StringInfo msg);
extern void ExtendedDescribe(StringInfo msg);
extern void ExtendedExecute(StringInfo msg);
extern void ExtendedClose(StringInfo msg);

#endif                          /* TCOP_INT_H */
