/*
 * xact.h
 *     Transaction control: the per-statement StartTransactionCommand /
 *     CommitTransactionCommand cycle, BEGIN/COMMIT/ROLLBACK blocks, the
 *     failed-transaction state, xid and command id assignment.
 * Implemented in src/backend/access/transam/xact.c; see the README there.
 *
 * The traffic cop calls, per statement (simple query):
 *     StartTransactionCommand();
 *     ... if IsAbortedTransactionBlockState() and the statement is not
 *         ROLLBACK/COMMIT: ereport(ERROR, 25P02 ...)
 *     ... BEGIN -> BeginTransactionBlock(); COMMIT -> EndTransactionBlock();
 *         ROLLBACK -> UserAbortTransactionBlock() ...
 *     CommitTransactionCommand();
 * and, after catching an ERROR, AbortCurrentTransaction().  Between statements
 * of a block CommandCounterIncrement() makes earlier changes visible.
 *
 * Memory: StartTransactionCommand() leaves CurrentMemoryContext =
 * TopTransactionContext (created at transaction start).  When a transaction
 * ends (commit, or cleanup after abort) TopTransactionContext is deleted and
 * CurrentMemoryContext becomes TopMemoryContext: callers switch to their own
 * per-message context afterwards.  CurrentResourceOwner is the transaction's
 * owner while it runs and NULL outside transactions.
 *
 * Transaction start/statement timestamps are not set here: register an
 * XACT_EVENT_START callback (utils/adt does) to stamp them.
 */
#ifndef ACCESS_XACT_H
#define ACCESS_XACT_H

#include "rustydb.h"

/* Isolation levels (only READ COMMITTED is implemented so far). */
#define XACT_READ_UNCOMMITTED 0
#define XACT_READ_COMMITTED 1
#define XACT_REPEATABLE_READ 2
#define XACT_SERIALIZABLE 3

extern int  DefaultXactIsoLevel;    /* setting default_transaction_isolation */
extern int  XactIsoLevel;           /* current transaction's level */
extern bool DefaultXactReadOnly;    /* setting default_transaction_read_only */
extern bool XactReadOnly;

#define IsolationUsesXactSnapshot() (XactIsoLevel >= XACT_REPEATABLE_READ)

/* Events for RegisterXactCallback (run in registration order). */
typedef enum XactEvent
{
    XACT_EVENT_START,           /* after the transaction state is set up */
    XACT_EVENT_PRE_COMMIT,      /* may ERROR (turns the commit into an abort) */
    XACT_EVENT_COMMIT,          /* after the commit is recorded; must not ERROR */
    XACT_EVENT_ABORT            /* during abort cleanup; must not ERROR */
} XactEvent;

typedef void (*XactCallback) (XactEvent event, void *arg);

/* xact.c: the statement cycle */
extern void StartTransactionCommand(void);
extern void CommitTransactionCommand(void);
/*
 * AbortCurrentTransaction -- after an ERROR was caught at top level.  Releases
 * LWLocks, buffer pins (resource owner), resets TopTransactionContext and
 * marks the xid aborted.  Inside a BEGIN block the block enters the failed
 * state ('E') until ROLLBACK; otherwise the state returns to idle.
 */
extern void AbortCurrentTransaction(void);
/* Called at process exit: abort whatever is open, quietly. */
extern void AbortOutOfAnyTransaction(void);

/* xact.c: transaction blocks */
/* BEGIN.  WARNING 25001 "there is already a transaction in progress" if in a block. */
extern void BeginTransactionBlock(void);
/*
 * COMMIT / END.  Returns true if the block committed, false if it was in the
 * failed state and was rolled back instead (the caller reports "ROLLBACK").
 * Outside a block: WARNING 25P01 "there is no transaction in progress".
 */
extern bool EndTransactionBlock(void);
/* ROLLBACK / ABORT.  Outside a block: WARNING 25P01. */
extern void UserAbortTransactionBlock(void);
/* True between BEGIN and COMMIT/ROLLBACK, including the failed state. */
extern bool IsTransactionBlock(void);
/* True while a transaction is active and not failed (catalog access allowed). */
extern bool IsTransactionState(void);
/*
 * Savepoints (subtransactions).  The traffic cop calls these for SAVEPOINT,
 * RELEASE [SAVEPOINT] and ROLLBACK TO [SAVEPOINT] between
 * StartTransactionCommand() and CommitTransactionCommand(); each does its
 * work at once.  Outside a block: ERROR 25P01 "SAVEPOINT can only be used
 * in transaction blocks" (resp. RELEASE SAVEPOINT, ROLLBACK TO SAVEPOINT).
 * Unknown name: ERROR 3B001 'savepoint "%s" does not exist'.  SAVEPOINT
 * and RELEASE in a failed block: 25P02.  ROLLBACK TO works in a failed
 * block (it is the way out of one): it undoes everything since the
 * savepoint, which stays defined, and the block is usable again.  An ERROR
 * inside a savepoint fails only the subtransaction ('E' until ROLLBACK TO
 * or ROLLBACK).  COMMIT releases all savepoints (or, in a failed one, rolls
 * everything back and returns false).
 */
extern void DefineSavepoint(const char *name);
extern void ReleaseSavepoint(const char *name);
extern void RollbackToSavepoint(const char *name);
/* 1 at top level, +1 per open savepoint. */
extern int  GetCurrentTransactionNestLevel(void);
/* In a block that hit an error and awaits ROLLBACK (or ROLLBACK TO). */
extern bool IsAbortedTransactionBlockState(void);
/* 'I' idle, 'T' in a block, 'E' failed block: for ReadyForQuery. */
extern char TransactionBlockStatusCode(void);
/*
 * PreventInTransactionBlock -- ERROR 25001 "%s cannot run inside a
 * transaction block" (VACUUM, CREATE DATABASE, ...).  is_top_level false
 * (called from a function) also errors.
 */
extern void PreventInTransactionBlock(bool is_top_level, const char *stmt_type);
/* ERROR 25P01 "%s can only be used in transaction blocks" if not in a block (SAVEPOINT, LOCK). */
extern void RequireTransactionBlock(bool is_top_level, const char *stmt_type);

/* Per-process set-up (session resource owner); called by StorageAttachProcess(). */
extern void XactInitProcess(void);

/* xact.c: ids */
/* The transaction's xid, assigning one if it has none (first write). */
extern TransactionId GetCurrentTransactionId(void);
/* The xid or InvalidTransactionId if none was assigned yet. */
extern TransactionId GetCurrentTransactionIdIfAny(void);
/* Is xid ours (the top-level transaction or one of its live subtransactions)? */
extern bool TransactionIdIsCurrentTransactionId(TransactionId xid);
/*
 * GetCurrentCommandId -- the current command id; used = true when the caller
 * will stamp it on tuples (then CommandCounterIncrement really advances).
 */
extern CommandId GetCurrentCommandId(bool used);
/*
 * CommandCounterIncrement -- make this transaction's changes so far visible
 * to its later commands.  ERROR 54000 after 2^32-2 commands.
 */
extern void CommandCounterIncrement(void);
extern void RegisterXactCallback(XactCallback callback, void *arg);
extern void UnregisterXactCallback(XactCallback callback, void *arg);
/* Did this transaction write (has an xid)? */
extern bool TransactionDidWrite(void);


#endif                          /* ACCESS_XACT_H */
