/*
 * xact.c
 *     Top-level transaction control: the per-statement start/commit cycle,
 *     BEGIN/COMMIT/ROLLBACK blocks and the failed-block state, xid and
 *     command id assignment, commit and abort processing.
 * Entry points: see access/xact.h.  State machine: README in this directory.
 *
 * Two state variables, as in PostgreSQL's design:
 *   trans_state  -- the low-level transaction (default, in progress, commit,
 *                   abort);
 *   block_state  -- what the client asked for (implicit single statement,
 *                   explicit block, failed block, pending end/abort).
 * Savepoints will add a stack of nested states; this file keeps the
 * top-level state in one struct so that the stack can be introduced
 * without changing the entry points.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xact.h"
#include "storage/bufmgr.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/resowner.h"

typedef enum TransState
{
    TRANS_DEFAULT,              /* idle */
    TRANS_START,                /* starting */
    TRANS_INPROGRESS,           /* running */
    TRANS_COMMIT,               /* committing */
    TRANS_ABORT                 /* aborted, awaiting cleanup */
} TransState;

typedef enum TBlockState
{
    TBLOCK_DEFAULT,             /* idle, no transaction */
    TBLOCK_STARTED,             /* single-statement transaction */
    TBLOCK_BEGIN,               /* BEGIN just executed */
    TBLOCK_INPROGRESS,          /* inside a block */
    TBLOCK_END,                 /* COMMIT received */
    TBLOCK_ABORT,               /* failed block, waiting for ROLLBACK */
    TBLOCK_ABORT_END,           /* failed block, ROLLBACK received */
    TBLOCK_ABORT_PENDING        /* live block, ROLLBACK received */
} TBlockState;

typedef struct TransactionStateData
{
    TransState  state;
    TBlockState block_state;
    TransactionId xid;          /* InvalidTransactionId until the first write */
    CommandId   cid;
    bool        cid_used;       /* cid was stamped on a tuple */
} TransactionStateData;

static TransactionStateData TopTransactionState = {
    .state = TRANS_DEFAULT,
    .block_state = TBLOCK_DEFAULT,
};
static TransactionStateData *CurrentTransactionState = &TopTransactionState;

int         DefaultXactIsoLevel = XACT_READ_COMMITTED;
int         XactIsoLevel = XACT_READ_COMMITTED;
bool        DefaultXactReadOnly = false;
bool        XactReadOnly = false;

#define MAX_XACT_CALLBACKS 32

typedef struct XactCallbackItem
{
    XactCallback callback;
    void       *arg;
} XactCallbackItem;

static XactCallbackItem xact_callbacks[MAX_XACT_CALLBACKS];
static int  num_xact_callbacks = 0;

static const char *
block_state_name(TBlockState state)
{
    switch (state)
    {
        case TBLOCK_DEFAULT:
            return "DEFAULT";
        case TBLOCK_STARTED:
            return "STARTED";
        case TBLOCK_BEGIN:
            return "BEGIN";
        case TBLOCK_INPROGRESS:
            return "INPROGRESS";
        case TBLOCK_END:
            return "END";
        case TBLOCK_ABORT:
            return "ABORT";
        case TBLOCK_ABORT_END:
            return "ABORT_END";
        case TBLOCK_ABORT_PENDING:
            return "ABORT_PENDING";
    }
    return "UNRECOGNIZED";
}

static void
call_xact_callbacks(XactEvent event)
{
    for (int i = 0; i < num_xact_callbacks; i++)
        xact_callbacks[i].callback(event, xact_callbacks[i].arg);
}

void
RegisterXactCallback(XactCallback callback, void *arg)
{
    if (num_xact_callbacks >= MAX_XACT_CALLBACKS)
        elog(ERROR, "too many transaction callbacks");
    xact_callbacks[num_xact_callbacks].callback = callback;
    xact_callbacks[num_xact_callbacks].arg = arg;
    num_xact_callbacks++;
}

void
UnregisterXactCallback(XactCallback callback, void *arg)
{
    for (int i = 0; i < num_xact_callbacks; i++)
    {
        if (xact_callbacks[i].callback == callback && xact_callbacks[i].arg == arg)
        {
            num_xact_callbacks--;
            memmove(&xact_callbacks[i], &xact_callbacks[i + 1],
                    sizeof(XactCallbackItem) * (Size) (num_xact_callbacks - i));
            return;
        }
    }
}

void
XactInitProcess(void)
{
    if (SessionResourceOwner == NULL)
        SessionResourceOwner = ResourceOwnerCreate(NULL, "Session");
    TopTransactionState.state = TRANS_DEFAULT;
    TopTransactionState.block_state = TBLOCK_DEFAULT;
    TopTransactionState.xid = InvalidTransactionId;
}

/* ---------- low-level transaction ---------- */

static void
start_transaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (s->state != TRANS_DEFAULT)
        elog(WARNING, "start_transaction while in %d state", (int) s->state);
    if (MyProc == NULL)
        elog(ERROR, "cannot start a transaction without a proc slot");
    s->state = TRANS_START;
    s->xid = InvalidTransactionId;
    s->cid = FirstCommandId;
    s->cid_used = false;
    XactIsoLevel = DefaultXactIsoLevel;
    XactReadOnly = DefaultXactReadOnly;

    Assert(TopTransactionContext == NULL);
    TopTransactionContext = MemoryContextCreate(TopMemoryContext, "TopTransactionContext");
    MemoryContextSwitchTo(TopTransactionContext);
    TopTransactionResourceOwner = ResourceOwnerCreate(NULL, "TopTransaction");
    CurrentResourceOwner = TopTransactionResourceOwner;

    s->state = TRANS_INPROGRESS;
    call_xact_callbacks(XACT_EVENT_START);
}

/* Release what the transaction holds; the xid's outcome is recorded by the caller. */
static void
release_transaction_resources(bool is_commit)
{
    ResourceOwnerRelease(TopTransactionResourceOwner, is_commit);
    AtEOXact_Snapshot();
    AtEOXact_ComboCid();
}

static void
cleanup_transaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (TopTransactionResourceOwner != NULL)
        ResourceOwnerDelete(TopTransactionResourceOwner);
    TopTransactionResourceOwner = NULL;
    CurrentResourceOwner = NULL;
    MemoryContextSwitchTo(TopMemoryContext);
    if (TopTransactionContext != NULL)
        MemoryContextDelete(TopTransactionContext);
    TopTransactionContext = NULL;
    s->xid = InvalidTransactionId;
    s->cid = FirstCommandId;
    s->cid_used = false;
    s->state = TRANS_DEFAULT;
}

static void
commit_transaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (s->state != TRANS_INPROGRESS)
        elog(WARNING, "commit_transaction while in %d state", (int) s->state);

    /* May ERROR: the caller's abort path then handles the transaction. */
    call_xact_callbacks(XACT_EVENT_PRE_COMMIT);

    if (LWLockNumHeldByMe() > 0)
    {
        elog(WARNING, "%d lightweight locks still held at commit", LWLockNumHeldByMe());
        LWLockReleaseAll();
    }
    s->state = TRANS_COMMIT;

    /*
     * Record the outcome, then leave the proc array: a snapshot that no
     * longer sees us running must find the commit in the commit log.
     * XXX: without WAL a committed transaction is durable only after a clean
     * shutdown or checkpoint (FlushAllBuffers + ClogFlush).
     */
    if (TransactionIdIsValid(s->xid))
        TransactionIdCommit(s->xid);
    ProcArrayEndTransaction();

    release_transaction_resources(true);
    call_xact_callbacks(XACT_EVENT_COMMIT);
    cleanup_transaction();
}

/*
 * abort_transaction -- undo everything the transaction holds.  Must not
 * ERROR for ordinary reasons: it runs on the error path.
 */
static void
abort_transaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    AtAbort_Buffers();
    LWLockReleaseAll();
    ProcSetWait(PROC_WAIT_NONE, 0);
    if (s->state != TRANS_INPROGRESS && s->state != TRANS_START && s->state != TRANS_COMMIT)
        elog(WARNING, "abort_transaction while in %d state", (int) s->state);
    s->state = TRANS_ABORT;

    if (TransactionIdIsValid(s->xid))
        TransactionIdAbort(s->xid);
    ProcArrayEndTransaction();
    release_transaction_resources(false);
    call_xact_callbacks(XACT_EVENT_ABORT);
}

/* ---------- the statement cycle ---------- */

void
StartTransactionCommand(void)
{
    TransactionStateData *s = CurrentTransactionState;

    switch (s->block_state)
    {
        case TBLOCK_DEFAULT:
            start_transaction();
            s->block_state = TBLOCK_STARTED;
            break;
        case TBLOCK_INPROGRESS:
        case TBLOCK_ABORT:
            /* Inside a block: the caller rejects statements in the failed state. */
            break;
        default:
            elog(ERROR, "StartTransactionCommand: unexpected state %s",
                 block_state_name(s->block_state));
    }
    if (TopTransactionContext != NULL)
        MemoryContextSwitchTo(TopTransactionContext);
}

void
CommitTransactionCommand(void)
{
    TransactionStateData *s = CurrentTransactionState;

    switch (s->block_state)
    {
        case TBLOCK_DEFAULT:
            elog(ERROR, "CommitTransactionCommand: no transaction");
            break;
        case TBLOCK_STARTED:
            commit_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
        case TBLOCK_BEGIN:
            s->block_state = TBLOCK_INPROGRESS;
            break;
        case TBLOCK_INPROGRESS:
            CommandCounterIncrement();
            break;
        case TBLOCK_END:
            commit_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
        case TBLOCK_ABORT:
            /* Failed block: nothing until ROLLBACK. */
            break;
        case TBLOCK_ABORT_END:
            cleanup_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
        case TBLOCK_ABORT_PENDING:
            abort_transaction();
            cleanup_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
    }
}

void
AbortCurrentTransaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    switch (s->block_state)
    {
        case TBLOCK_DEFAULT:
            if (s->state != TRANS_DEFAULT)
            {
                /* Error while starting: clean up what exists. */
                abort_transaction();
                cleanup_transaction();
            }
            break;
        case TBLOCK_STARTED:
        case TBLOCK_BEGIN:
        case TBLOCK_END:
        case TBLOCK_ABORT_PENDING:
            if (s->state != TRANS_ABORT)
                abort_transaction();
            cleanup_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
        case TBLOCK_INPROGRESS:
            abort_transaction();
            s->block_state = TBLOCK_ABORT;
            break;
        case TBLOCK_ABORT:
            /* Already aborted (e.g. the 25P02 error itself). */
            break;
        case TBLOCK_ABORT_END:
            cleanup_transaction();
            s->block_state = TBLOCK_DEFAULT;
            break;
    }
}

void
AbortOutOfAnyTransaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (s->state == TRANS_DEFAULT && s->block_state == TBLOCK_DEFAULT)
        return;
    if (s->state != TRANS_ABORT && s->state != TRANS_DEFAULT)
        abort_transaction();
    if (s->state != TRANS_DEFAULT)
        cleanup_transaction();
    s->block_state = TBLOCK_DEFAULT;
}

/* ---------- transaction blocks ---------- */

void
BeginTransactionBlock(void)
{
    TransactionStateData *s = CurrentTransactionState;

    switch (s->block_state)
    {
        case TBLOCK_STARTED:
            s->block_state = TBLOCK_BEGIN;
            break;
        case TBLOCK_INPROGRESS:
        case TBLOCK_ABORT:
            ereport(WARNING, errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                    errmsg("there is already a transaction in progress"));
            break;
        default:
            elog(ERROR, "BeginTransactionBlock: unexpected state %s",
                 block_state_name(s->block_state));
    }
}

bool
EndTransactionBlock(void)
{
    TransactionStateData *s = CurrentTransactionState;
    bool        result = false;

    switch (s->block_state)
    {
        case TBLOCK_INPROGRESS:
            s->block_state = TBLOCK_END;
            result = true;
            break;
        case TBLOCK_ABORT:
            s->block_state = TBLOCK_ABORT_END;
            result = false;
            break;
        case TBLOCK_STARTED:
            ereport(WARNING, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                    errmsg("there is no transaction in progress"));
            s->block_state = TBLOCK_END;
            result = true;
            break;
        default:
            elog(ERROR, "EndTransactionBlock: unexpected state %s",
                 block_state_name(s->block_state));
    }
    return result;
}

void
UserAbortTransactionBlock(void)
{
    TransactionStateData *s = CurrentTransactionState;

    switch (s->block_state)
    {
        case TBLOCK_INPROGRESS:
            s->block_state = TBLOCK_ABORT_PENDING;
            break;
        case TBLOCK_ABORT:
            s->block_state = TBLOCK_ABORT_END;
            break;
        case TBLOCK_STARTED:
            ereport(WARNING, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                    errmsg("there is no transaction in progress"));
            s->block_state = TBLOCK_ABORT_PENDING;
            break;
        default:
            elog(ERROR, "UserAbortTransactionBlock: unexpected state %s",
                 block_state_name(s->block_state));
    }
}

bool
IsTransactionBlock(void)
{
    TBlockState b = CurrentTransactionState->block_state;

    return b != TBLOCK_DEFAULT && b != TBLOCK_STARTED;
}

bool
IsTransactionState(void)
{
    return CurrentTransactionState->state == TRANS_INPROGRESS;
}

bool
IsAbortedTransactionBlockState(void)
{
    TBlockState b = CurrentTransactionState->block_state;

    return b == TBLOCK_ABORT;
}

char
TransactionBlockStatusCode(void)
{
    switch (CurrentTransactionState->block_state)
    {
        case TBLOCK_DEFAULT:
        case TBLOCK_STARTED:
            return 'I';
        case TBLOCK_BEGIN:
        case TBLOCK_INPROGRESS:
        case TBLOCK_END:
        case TBLOCK_ABORT_PENDING:
            return 'T';
        case TBLOCK_ABORT:
        case TBLOCK_ABORT_END:
            return 'E';
    }
    return 'I';
}

void
PreventInTransactionBlock(bool is_top_level, const char *stmt_type)
{
    if (IsTransactionBlock())
        ereport(ERROR, errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                errmsg("%s cannot run inside a transaction block", stmt_type));
    if (!is_top_level)
        ereport(ERROR, errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                errmsg("%s cannot be executed from a function", stmt_type));
}

void
RequireTransactionBlock(bool is_top_level, const char *stmt_type)
{
    if (IsTransactionBlock() || !is_top_level)
        return;
    ereport(ERROR, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
            errmsg("%s can only be used in transaction blocks", stmt_type));
}

/* ---------- ids ---------- */

TransactionId
GetCurrentTransactionId(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (s->state != TRANS_INPROGRESS)
        elog(ERROR, "cannot assign a transaction id outside a valid transaction");
    if (!TransactionIdIsValid(s->xid))
    {
        if (XactReadOnly)
            ereport(ERROR, errcode(ERRCODE_READ_ONLY_SQL_TRANSACTION),
                    errmsg("cannot execute a write in a read-only transaction"));
        s->xid = GetNewTransactionId();
    }
    return s->xid;
}

TransactionId
GetCurrentTransactionIdIfAny(void)
{
    return CurrentTransactionState->xid;
}

bool
TransactionIdIsCurrentTransactionId(TransactionId xid)
{
    return TransactionIdIsValid(xid) && xid == CurrentTransactionState->xid;
}

bool
TransactionDidWrite(void)
{
    return TransactionIdIsValid(CurrentTransactionState->xid);
}

CommandId
GetCurrentCommandId(bool used)
{
    if (used)
        CurrentTransactionState->cid_used = true;
    return CurrentTransactionState->cid;
}

void
CommandCounterIncrement(void)
{
    TransactionStateData *s = CurrentTransactionState;

    if (!s->cid_used)
        return;
    if (s->cid + 1 == InvalidCommandId)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("cannot have more than 2^32-2 commands in a transaction"));
    s->cid++;
    s->cid_used = false;
    UpdateActiveSnapshotCommandId();
}
