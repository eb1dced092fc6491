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
 * Savepoints push subtransaction states (TBLOCK_SUBINPROGRESS /
 * TBLOCK_SUBABORT) on top of the top-level one: each has its own resource
 * owner and, once it writes, its own xid (GetNewSubTransactionId, listed in
 * MyProc->subxids).  RELEASE merges a subtransaction's xids into its
 * parent's list of committed children; ROLLBACK TO aborts them (commit log,
 * abort record, proc array, their transaction locks).  The top-level commit
 * record carries every committed child, so they commit atomically with it.
 * Heavyweight locks (table locks too) first taken inside a subtransaction
 * are released when it aborts and pass to the parent when it is released;
 * row locks it took die with its xid.  Unlike PostgreSQL, savepoint
 * commands do their work at once rather than at the next
 * CommitTransactionCommand().
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "access/xactwal.h"
#include "access/xact.h"
#include "commands/maintenance.h"
#include "admin/admin.h"
#include "catalog/storage.h"
#include "access/xlog.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/lock.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"
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
    TBLOCK_ABORT_PENDING,       /* live block, ROLLBACK received */
    TBLOCK_SUBINPROGRESS,       /* inside a savepoint (subtransaction) */
    TBLOCK_SUBABORT             /* failed subtransaction, waiting for ROLLBACK [TO] */
} TBlockState;

typedef struct TransactionStateData
{
    TransState  state;
    TBlockState block_state;
    TransactionId xid;          /* InvalidTransactionId until the first write */
    int         nesting_level;  /* 1: top level */
    char       *name;           /* savepoint name (TopTransactionContext), NULL at top */
    ResourceOwner owner;        /* this level's resource owner */
    int         snapshot_depth; /* active snapshot stack depth when it started */
    TransactionId *children;    /* committed subtransaction xids (TopTransactionContext) */
    int         nchildren;
    int         maxchildren;
    struct TransactionStateData *parent;    /* NULL at top */
} TransactionStateData;

/* Command ids are shared by the whole transaction, subtransactions included. */
static CommandId current_cid = FirstCommandId;
static bool current_cid_used = false;   /* current_cid was stamped on a tuple */

static TransactionStateData TopTransactionState = {
    .state = TRANS_DEFAULT,
    .block_state = TBLOCK_DEFAULT,
    .nesting_level = 1,
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
        case TBLOCK_SUBINPROGRESS:
            return "SUBINPROGRESS";
        case TBLOCK_SUBABORT:
            return "SUBABORT";
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
    s->children = NULL;
    s->nchildren = 0;
    s->maxchildren = 0;
    current_cid = FirstCommandId;
    current_cid_used = false;
    XactIsoLevel = DefaultXactIsoLevel;
    XactReadOnly = DefaultXactReadOnly;

    Assert(TopTransactionContext == NULL);
    TopTransactionContext = MemoryContextCreate(TopMemoryContext, "TopTransactionContext");
    MemoryContextSwitchTo(TopTransactionContext);
    TopTransactionResourceOwner = ResourceOwnerCreate(NULL, "TopTransaction");
    CurrentResourceOwner = TopTransactionResourceOwner;
    s->owner = TopTransactionResourceOwner;

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
    s->owner = NULL;
    s->children = NULL;
    s->nchildren = 0;
    s->maxchildren = 0;
    current_cid = FirstCommandId;
    current_cid_used = false;
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
     * Make the commit durable (the commit record, flushed unless
     * synchronous_commit is off), then record it in the commit log, then
     * leave the proc array: a snapshot that no longer sees us running must
     * find the commit in the commit log.  Last, release the heavyweight
     * locks, among them our transaction lock: a writer waiting for our row
     * re-checks it only once we have left the proc array.  A failure to
     * write the commit record must not leave a half-committed state behind.
     */
    if (TransactionIdIsValid(s->xid))
    {
        START_CRIT_SECTION();
        XLogDelayCheckpointStart();
        (void) XactLogCommit(s->xid, s->nchildren, s->children,
                             SynchronousCommit != GUC_SYNC_COMMIT_OFF);
        for (int i = 0; i < s->nchildren; i++)
            TransactionIdCommit(s->children[i]);
        TransactionIdCommit(s->xid);
        XLogDelayCheckpointEnd();
        END_CRIT_SECTION();
    }
    /* exact space: the outcome is in the commit log, our table locks still held */
    AtEOXact_Space(true);
    ProcArrayEndTransaction();
    /*
     * Still holding our locks: publish catalog changes to the other
     * backends' caches and remove replaced files, so a backend that gets
     * one of our locks next cannot use a cached relation that we changed.
     */
    AtCommit_Inval();
    AtCommit_Storage();
    LockReleaseAll();
    XLogSetRecordXid(InvalidTransactionId);

    release_transaction_resources(true);
    call_xact_callbacks(XACT_EVENT_COMMIT);
    AdminReportTransactionEnd(true);    /* transactions_per_second of the admin API */
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
    XLogResetInsertion();
    ProcSetWait(PROC_WAIT_NONE, 0);
    if (s->state != TRANS_INPROGRESS && s->state != TRANS_START && s->state != TRANS_COMMIT)
        elog(WARNING, "abort_transaction while in %d state", (int) s->state);
    s->state = TRANS_ABORT;

    /* The abort record is not flushed: a lost one reads as aborted anyway. */
    if (TransactionIdIsValid(s->xid))
    {
        (void) XactLogAbort(s->xid, s->nchildren, s->children);
        for (int i = 0; i < s->nchildren; i++)
            TransactionIdAbort(s->children[i]);
        TransactionIdAbort(s->xid);
    }
    AtEOXact_Space(false);
    ProcArrayEndTransaction();
    LockReleaseAll();
    XLogSetRecordXid(InvalidTransactionId);
    release_transaction_resources(false);
    call_xact_callbacks(XACT_EVENT_ABORT);
    AdminReportTransactionEnd(false);
}

/* ---------- subtransactions ---------- */

/* The xid records of this process are stamped with: the innermost live one. */
static TransactionId
record_xid(void)
{
    for (TransactionStateData *s = CurrentTransactionState; s != NULL; s = s->parent)
        if (s->state != TRANS_ABORT && TransactionIdIsValid(s->xid))
            return s->xid;
    return InvalidTransactionId;
}

static void
add_children(TransactionStateData *parent, TransactionId xid, const TransactionId *more, int nmore)
{
    int         need = parent->nchildren + nmore + (TransactionIdIsValid(xid) ? 1 : 0);

    if (need > parent->maxchildren)
    {
        int         newmax = Max(need, Max(8, parent->maxchildren * 2));

        if (parent->children == NULL)
            parent->children = MemoryContextAlloc(TopTransactionContext,
                                                  sizeof(TransactionId) * (Size) newmax);
        else
            parent->children = repalloc(parent->children, sizeof(TransactionId) * (Size) newmax);
        parent->maxchildren = newmax;
    }
    if (TransactionIdIsValid(xid))
        parent->children[parent->nchildren++] = xid;
    for (int i = 0; i < nmore; i++)
        parent->children[parent->nchildren++] = more[i];
}

static void
start_subtransaction(const char *name)
{
    TransactionStateData *parent = CurrentTransactionState;
    TransactionStateData *s = MemoryContextAllocZero(TopTransactionContext,
                                                     sizeof(TransactionStateData));

    s->parent = parent;
    s->nesting_level = parent->nesting_level + 1;
    s->name = MemoryContextStrdup(TopTransactionContext, name);
    s->xid = InvalidTransactionId;
    s->owner = ResourceOwnerCreate(parent->owner, "SubTransaction");
    s->snapshot_depth = ActiveSnapshotDepth();
    s->state = TRANS_INPROGRESS;
    s->block_state = TBLOCK_SUBINPROGRESS;
    CurrentResourceOwner = s->owner;
    CurrentTransactionState = s;
}

/*
 * abort_subtransaction -- undo the current subtransaction: release what it
 * holds, record its xid and its committed children as aborted (commit log,
 * abort record), drop them from the proc array and release their
 * transaction locks so that writers waiting for their rows proceed.  It
 * stays on the stack (TRANS_ABORT) until cleanup_subtransaction().  Must
 * not ERROR for ordinary reasons: it runs on the error path.
 */
static void
abort_subtransaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    Assert(s->parent != NULL);
    AtAbort_Buffers();
    LWLockReleaseAll();
    XLogResetInsertion();
    ProcSetWait(PROC_WAIT_NONE, 0);
    s->state = TRANS_ABORT;
    if (TransactionIdIsValid(s->xid))
    {
        (void) XactLogAbort(s->xid, s->nchildren, s->children);
        for (int i = 0; i < s->nchildren; i++)
            TransactionIdAbort(s->children[i]);
        TransactionIdAbort(s->xid);
        add_children(s, s->xid, NULL, 0);   /* the whole set, for the next two steps */
        ProcArrayRemoveSubXids(s->children, s->nchildren);
        for (int i = 0; i < s->nchildren; i++)
        {
            LockTag     tag = LockTagTransaction(s->children[i]);

            if (LockHeldByMe(&tag, ExclusiveLock))
                (void) LockRelease(&tag, ExclusiveLock);
        }
        s->nchildren = 0;
    }
    AtEOSubXact_Space(false, s->nesting_level);    /* before its table locks go */
    /* table (and other heavyweight) locks taken since the savepoint, as in PostgreSQL */
    LockReleaseSubxact(s->nesting_level);
    CurrentResourceOwner = s->owner;
    ResourceOwnerRelease(s->owner, false);
    AtSubAbort_Snapshot(s->snapshot_depth);
    /* files created since the savepoint go now (pins released); its drops are cancelled */
    AtSubAbort_Storage(s->nesting_level);
    XLogSetRecordXid(record_xid());
}

/* Pop the current (aborted or committed) subtransaction. */
static void
cleanup_subtransaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    Assert(s->parent != NULL);
    ResourceOwnerDelete(s->owner);
    CurrentTransactionState = s->parent;
    CurrentResourceOwner = s->parent->owner;
    pfree(s->name);
    if (s->children)
        pfree(s->children);
    pfree(s);
    XLogSetRecordXid(record_xid());
}

/* RELEASE: the subtransaction's xids become committed children of its parent. */
static void
commit_subtransaction(void)
{
    TransactionStateData *s = CurrentTransactionState;

    Assert(s->parent != NULL && s->state == TRANS_INPROGRESS);
    ResourceOwnerRelease(s->owner, true);
    AtEOSubXact_Space(true, s->nesting_level);
    LockReassignSubxact(s->nesting_level);
    AtSubCommit_Storage(s->nesting_level);
    add_children(s->parent, s->xid, s->children, s->nchildren);
    cleanup_subtransaction();
}

/* Abort and pop every subtransaction level (ROLLBACK, COMMIT of a failed block, exit). */
static void
unwind_subtransactions(bool commit)
{
    while (CurrentTransactionState->parent != NULL)
    {
        if (commit && CurrentTransactionState->state == TRANS_INPROGRESS)
        {
            commit_subtransaction();
            continue;
        }
        if (CurrentTransactionState->state != TRANS_ABORT)
            abort_subtransaction();
        cleanup_subtransaction();
    }
}

static TransactionStateData *
find_savepoint(const char *name)
{
    for (TransactionStateData *s = CurrentTransactionState; s->parent != NULL; s = s->parent)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static void
require_block(const char *what)
{
    TBlockState b = TopTransactionState.block_state;

    if (b == TBLOCK_DEFAULT || b == TBLOCK_STARTED)
        ereport(ERROR, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                errmsg("%s can only be used in transaction blocks", what));
}

static RDB_NORETURN void
no_such_savepoint(const char *name)
{
    ereport(ERROR, errcode(ERRCODE_S_E_INVALID_SPECIFICATION),
            errmsg("savepoint \"%s\" does not exist", name));
}

void
DefineSavepoint(const char *name)
{
    TBlockState b = CurrentTransactionState->block_state;

    require_block("SAVEPOINT");
    if (b != TBLOCK_INPROGRESS && b != TBLOCK_SUBINPROGRESS)
        ereport(ERROR, errcode(ERRCODE_IN_FAILED_SQL_TRANSACTION),
                errmsg("current transaction is aborted, commands ignored until end of transaction block"));
    start_subtransaction(name);
}

void
ReleaseSavepoint(const char *name)
{
    TransactionStateData *target;
    TBlockState b = CurrentTransactionState->block_state;

    require_block("RELEASE SAVEPOINT");
    if (b == TBLOCK_ABORT || b == TBLOCK_SUBABORT)
        ereport(ERROR, errcode(ERRCODE_IN_FAILED_SQL_TRANSACTION),
                errmsg("current transaction is aborted, commands ignored until end of transaction block"));
    target = find_savepoint(name);
    if (target == NULL)
        no_such_savepoint(name);
    while (CurrentTransactionState != target)
        commit_subtransaction();
    commit_subtransaction();
}

void
RollbackToSavepoint(const char *name)
{
    TransactionStateData *target;
    char       *keep;

    require_block("ROLLBACK TO SAVEPOINT");
    target = find_savepoint(name);
    if (target == NULL)
        no_such_savepoint(name);
    while (CurrentTransactionState != target)
    {
        if (CurrentTransactionState->state != TRANS_ABORT)
            abort_subtransaction();
        cleanup_subtransaction();
    }
    if (target->state != TRANS_ABORT)
        abort_subtransaction();
    /* The savepoint stays defined: a fresh subtransaction of the same name. */
    keep = pstrdup(name);
    cleanup_subtransaction();
    start_subtransaction(keep);
    pfree(keep);
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
        case TBLOCK_SUBINPROGRESS:
        case TBLOCK_SUBABORT:
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
        case TBLOCK_SUBINPROGRESS:
            CommandCounterIncrement();
            break;
        case TBLOCK_SUBABORT:
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
        case TBLOCK_SUBINPROGRESS:
            /* Only the subtransaction fails: ROLLBACK TO can resume the block. */
            abort_subtransaction();
            s->block_state = TBLOCK_SUBABORT;
            break;
        case TBLOCK_SUBABORT:
            break;
    }
}

void
AbortOutOfAnyTransaction(void)
{
    TransactionStateData *s;

    unwind_subtransactions(false);
    s = CurrentTransactionState;
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
        case TBLOCK_SUBINPROGRESS:
        case TBLOCK_SUBABORT:
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

    /* Inside savepoints: COMMIT releases them all, or rolls back a failed block. */
    if (s->block_state == TBLOCK_SUBINPROGRESS)
        unwind_subtransactions(true);
    else if (s->block_state == TBLOCK_SUBABORT)
    {
        unwind_subtransactions(false);
        CurrentTransactionState->block_state = TBLOCK_ABORT_PENDING;
        return false;
    }
    s = CurrentTransactionState;
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

    if (s->block_state == TBLOCK_SUBINPROGRESS || s->block_state == TBLOCK_SUBABORT)
    {
        unwind_subtransactions(false);
        s = CurrentTransactionState;
    }
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
    TBlockState b = TopTransactionState.block_state;

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

    return b == TBLOCK_ABORT || b == TBLOCK_SUBABORT;
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
        case TBLOCK_SUBINPROGRESS:
            return 'T';
        case TBLOCK_ABORT:
        case TBLOCK_ABORT_END:
        case TBLOCK_SUBABORT:
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

/*
 * assign_xid -- give level s an xid: a subtransaction's parent gets one
 * first, so a parent's xid is always older than its children's.
 */
static void
assign_xid(TransactionStateData *s)
{
    if (s->parent != NULL && !TransactionIdIsValid(s->parent->xid))
        assign_xid(s->parent);
    s->xid = s->parent == NULL ? GetNewTransactionId() : GetNewSubTransactionId();
    /* Writers that meet our rows wait on this lock (XactLockTableWait). */
    XactLockTableInsert(s->xid);
    {
        /* level s owns it, even when a child is current (ROLLBACK TO must keep it) */
        LockTag     tag = LockTagTransaction(s->xid);

        LockSetOwnerLevel(&tag, ExclusiveLock, s->nesting_level);
    }
    XLogSetRecordXid(s->xid);
}

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
        assign_xid(s);
    }
    return s->xid;
}

TransactionId
GetCurrentTransactionIdIfAny(void)
{
    return CurrentTransactionState->xid;
}

/*
 * TransactionIdIsCurrentTransactionId -- is xid ours: the top-level xid,
 * or a subtransaction's that is still live (on the stack, not aborted) or
 * was released into a live level.
 */
bool
TransactionIdIsCurrentTransactionId(TransactionId xid)
{
    if (!TransactionIdIsValid(xid))
        return false;
    for (TransactionStateData *s = CurrentTransactionState; s != NULL; s = s->parent)
    {
        if (s->state == TRANS_ABORT)
            continue;
        if (s->xid == xid)
            return true;
        for (int i = 0; i < s->nchildren; i++)
            if (s->children[i] == xid)
                return true;
    }
    return false;
}

bool
TransactionDidWrite(void)
{
    return TransactionIdIsValid(TopTransactionState.xid);
}

int
GetCurrentTransactionNestLevel(void)
{
    return CurrentTransactionState->nesting_level;
}

CommandId
GetCurrentCommandId(bool used)
{
    if (used)
        current_cid_used = true;
    return current_cid;
}

void
CommandCounterIncrement(void)
{
    if (!current_cid_used)
        return;
    if (current_cid + 1 == InvalidCommandId)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("cannot have more than 2^32-2 commands in a transaction"));
    current_cid++;
    current_cid_used = false;
    UpdateActiveSnapshotCommandId();
}
