/*
 * postgres.c
 *     The backend's main loop: start-up of a client session, reading
 *     messages, running simple queries statement by statement, dispatching
 *     the extended query protocol's messages (extended.c) and keeping its
 *     transaction command open until Sync, error recovery (the top-level
 *     sigsetjmp), interrupts and timeouts.
 * Entry points: BackendMain(), ExecSimpleQuery(), ProcessInterrupts(); for
 * extended.c the Tcop* functions of tcop_int.h.
 * See README.md in this directory for the transaction rules of a
 * simple-query string and of an extended-protocol batch, and the
 * error-recovery sequence.
 */
#include "rustydb.h"

#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "access/xact.h"
#include "admin/admin.h"
#include "lib/stringinfo.h"
#include "libpq/libpq-be.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "parser/parser.h"
#include "pgstat.h"
#include "storage/proc.h"
#include "tcop/dest.h"
#include "tcop/portal.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"
#include "tcop_int.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

/*
 * Timeout state: one SIGALRM timer serves authentication, statement_timeout
 * and, while idle, the statistics publication (timer_use says which).  A
 * signal of a statistics timer that a timeout's setitimer() replaced may
 * still arrive after timer_use changed, so a timeout is recognised by its
 * deadline (CLOCK_MONOTONIC, read in the handler: async-signal-safe), never
 * by timer_use alone; any other SIGALRM just marks the statistics due.
 */
typedef enum TimerUse
{
    TIMER_OFF,
    TIMER_TIMEOUT,              /* authentication_timeout or statement_timeout */
    TIMER_IDLE_STATS            /* pgstat_idle_flush() asked to be called again */
} TimerUse;

static volatile sig_atomic_t timer_use = TIMER_OFF;
static _Atomic int64 timeout_deadline_ns = 0;   /* 0: no timeout armed */
static volatile sig_atomic_t idle_stats_due = false;
static volatile sig_atomic_t auth_timeout_active = false;
static volatile sig_atomic_t auth_timeout_pending = false;

/* Main-loop state that error recovery needs. */
static bool doing_extended_query = false;   /* current message is P/B/D/E/C */
static bool ignore_till_sync = false;       /* after an error in extended protocol */
static bool implicit_block = false;         /* multi-statement string wrapped in a block */
static bool xact_started = false;           /* extended protocol: transaction command open until Sync */
static bool send_ready = true;              /* ReadyForQuery due before the next read */
static int64 session_start_us = 0;

static void start_xact_command(void);

/* ---------- timeouts ---------- */

static int64
monotonic_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
handle_sigalrm(int signo)
{
    int         save_errno = errno;
    int64       deadline = atomic_load_explicit(&timeout_deadline_ns, memory_order_relaxed);

    (void) signo;
    /* a timer expires no earlier than asked; 1 ms for clock granularity */
    if (deadline != 0 && monotonic_now_ns() >= deadline - 1000000)
    {
        atomic_store_explicit(&timeout_deadline_ns, 0, memory_order_relaxed);
        timer_use = TIMER_OFF;
        if (auth_timeout_active)
        {
            auth_timeout_pending = true;
            ProcDiePending = true;
        }
        else
            StatementTimeoutPending = true;
        InterruptPending = true;
    }
    else
    {
        /* the statistics timer (no interrupt: handled at or while idle) */
        if (timer_use == TIMER_IDLE_STATS)
            timer_use = TIMER_OFF;
        idle_stats_due = true;
    }
    errno = save_errno;
}

static void
set_timer(int ms, TimerUse use)
{
    struct itimerval it;

    atomic_store_explicit(&timeout_deadline_ns,
                          use == TIMER_TIMEOUT ? monotonic_now_ns() + (int64) ms * 1000000 : 0,
                          memory_order_relaxed);
    timer_use = use;
    memset(&it, 0, sizeof(it));
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    if (setitimer(ITIMER_REAL, &it, NULL) < 0)
        ereport(LOG, errmsg("could not set timer: %m"));
}

/*
 * arm_timer -- SIGALRM after ms milliseconds for a timeout (authentication,
 * statement); 0 disarms it.  Disarming makes no system call when no timeout
 * is armed: statements without statement_timeout make no timer system
 * calls, and a statistics timer armed while idle is left running (when it
 * fires during a statement it only marks the publication due).
 */
static void
arm_timer(int ms)
{
    if (ms > 0)
        set_timer(ms, TIMER_TIMEOUT);
    else if (timer_use == TIMER_TIMEOUT)
        set_timer(0, TIMER_OFF);
}

/*
 * idle_stats_flush -- before (and while) waiting for the client: publish
 * pending statistics if due (pgstat.h), else make sure the timer will bring
 * us back when they are.  An armed statistics timer is kept (it may fire
 * early; then this runs again), so a busy session makes no timer system
 * call per statement.
 */
static void
idle_stats_flush(void)
{
    int         ms;

    idle_stats_due = false;
    ms = pgstat_idle_flush();
    if (ms > 0 && timer_use == TIMER_OFF)
        set_timer(ms, TIMER_IDLE_STATS);
}

/* pqcomm.c: a signal interrupted the wait for the client while idle. */
static void
idle_read_interrupted(void)
{
    if (idle_stats_due)
        idle_stats_flush();
}

static void
install_timeout_handler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handle_sigalrm;
    sigemptyset(&sa.sa_mask);
    (void) sigaction(SIGALRM, &sa, NULL);
}

/* ---------- interrupts ---------- */

void
ProcessInterrupts(void)
{
    if (InterruptHoldoffCount != 0 || CritSectionCount != 0)
        return;
    InterruptPending = false;
    if (ProcDiePending)
    {
        ProcDiePending = false;
        QueryCancelPending = false;
        if (auth_timeout_pending)
            ereport(FATAL, errcode(ERRCODE_QUERY_CANCELED),
                    errmsg("canceling authentication due to timeout"));
        ereport(FATAL, errcode(ERRCODE_ADMIN_SHUTDOWN),
                errmsg("terminating connection due to administrator command"));
    }
    if (StatementTimeoutPending)
    {
        StatementTimeoutPending = false;
        QueryCancelPending = false;
        if (MyProc != NULL)
            atomic_store(&MyProc->cancel_pending, false);
        ereport(ERROR, errcode(ERRCODE_QUERY_CANCELED),
                errmsg("canceling statement due to statement timeout"));
    }
    if (QueryCancelPending)
    {
        QueryCancelPending = false;
        if (MyProc != NULL)
            atomic_store(&MyProc->cancel_pending, false);
        ereport(ERROR, errcode(ERRCODE_QUERY_CANCELED),
                errmsg("canceling statement due to user request"));
    }
}

/* ---------- start-up ---------- */

/*
 * apply_command_line_options -- the start-up packet's "options" value:
 * "-c name=value" and "--name=value" tokens, blank-separated, backslash
 * escapes a blank (as libpq's PGOPTIONS).  Errors are FATAL.
 */
static void
apply_command_line_options(const char *options)
{
    const char *p = options;
    bool        expect_c_value = false;

    while (*p)
    {
        StringInfoData tok;

        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        initStringInfo(&tok);
        while (*p && *p != ' ' && *p != '\t')
        {
            if (*p == '\\' && p[1])
                p++;
            appendStringInfoChar(&tok, *p++);
        }
        if (expect_c_value || strncmp(tok.data, "--", 2) == 0 ||
            (strncmp(tok.data, "-c", 2) == 0 && tok.data[2] != '\0'))
        {
            const char *assign = expect_c_value ? tok.data :
                (tok.data[1] == '-' ? tok.data + 2 : tok.data + 2);
            char       *name = pstrdup(assign);
            char       *eq = strchr(name, '=');

            expect_c_value = false;
            if (eq == NULL)
                ereport(FATAL, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("--%s requires a value", name));
            *eq = '\0';
            for (char *c = name; *c; c++)
                if (*c == '-')
                    *c = '_';
            (void) GucSetOption(name, eq + 1, GUC_CTX_BACKEND, GUC_SRC_CLIENT, GUC_ACTION_SET, FATAL);
        }
        else if (strcmp(tok.data, "-c") == 0)
            expect_c_value = true;
        else
            ereport(FATAL, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("invalid command-line argument for server process: %s", tok.data),
                    errhint("Try \"-c name=value\" or \"--name=value\"."));
        pfree(tok.data);
    }
}

static void
log_disconnection(int code, Datum arg)
{
    struct timeval tv;
    int64       elapsed_ms;
    Port       *port = MyProcPort;

    (void) code;
    (void) arg;
    if (!LogDisconnections || port == NULL)
        return;
    gettimeofday(&tv, NULL);
    elapsed_ms = ((int64) tv.tv_sec * 1000000 + tv.tv_usec - session_start_us) / 1000;
    ereport(LOG, errmsg("disconnection: session time: %d:%02d:%02d.%03d user=%s database=%s host=%s%s%s",
                        (int) (elapsed_ms / 3600000), (int) (elapsed_ms / 60000 % 60),
                        (int) (elapsed_ms / 1000 % 60), (int) (elapsed_ms % 1000),
                        port->user_name ? port->user_name : "", port->database_name ? port->database_name : "",
                        port->remote_host, port->is_unix ? "" : " port=",
                        port->is_unix ? "" : port->remote_port));
}

/* ---------- simple query ---------- */

void
TcopSendCommandComplete(const char *tag)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_COMMAND_COMPLETE);
    pq_sendstring(&msg, tag);
    pq_endmessage(&msg);
}

bool
TcopIsTransactionExitStmt(const Node *stmt)
{
    if (stmt == NULL || !IsA(stmt, TransactionStmt))
        return false;
    switch (((const TransactionStmt *) stmt)->kind)
    {
        case TRANS_STMT_COMMIT:
        case TRANS_STMT_ROLLBACK:
        case TRANS_STMT_ROLLBACK_TO:
        case TRANS_STMT_PREPARE:
        case TRANS_STMT_COMMIT_PREPARED:
        case TRANS_STMT_ROLLBACK_PREPARED:
            return true;
        default:
            return false;
    }
}

/* Apply BEGIN / START TRANSACTION modes to the new block (SET TRANSACTION semantics). */
static void
apply_transaction_modes(List *options)
{
    ListCell   *lc;

    foreach(lc, options)
    {
        DefElem    *opt = (DefElem *) lfirst(lc);

        if (strcmp(opt->defname, "transaction_isolation") == 0)
            (void) GucSetOption("transaction_isolation", strVal(opt->arg), GUC_CTX_USERSET,
                                GUC_SRC_SESSION, GUC_ACTION_LOCAL, ERROR);
        else if (strcmp(opt->defname, "transaction_read_only") == 0)
            (void) GucSetOption("transaction_read_only", boolVal(opt->arg) ? "on" : "off",
                                GUC_CTX_USERSET, GUC_SRC_SESSION, GUC_ACTION_LOCAL, ERROR);
    }
}

/*
 * TcopExecTransactionStmt -- BEGIN / COMMIT / ROLLBACK, which the traffic
 * cop handles itself (access/xact.h): they change the block state around
 * the statement cycle, so they never reach ExecStatement().
 */
void
TcopExecTransactionStmt(TransactionStmt *stmt, QueryCompletion *qc)
{
    switch (stmt->kind)
    {
        case TRANS_STMT_BEGIN:
        case TRANS_STMT_START:
            BeginTransactionBlock();
            apply_transaction_modes(stmt->options);
            strcpy(qc->tag, stmt->kind == TRANS_STMT_BEGIN ? "BEGIN" : "START TRANSACTION");
            break;
        case TRANS_STMT_COMMIT:
            {
                bool        committed = EndTransactionBlock();

                strcpy(qc->tag, committed ? "COMMIT" : "ROLLBACK");
            }
            break;
        case TRANS_STMT_ROLLBACK:
            UserAbortTransactionBlock();
            strcpy(qc->tag, "ROLLBACK");
            break;
        /* (transactions issue) savepoints: access/xact.h */
        case TRANS_STMT_SAVEPOINT:
            DefineSavepoint(stmt->savepoint_name);
            strcpy(qc->tag, "SAVEPOINT");
            break;
        case TRANS_STMT_RELEASE:
            ReleaseSavepoint(stmt->savepoint_name);
            strcpy(qc->tag, "RELEASE");
            break;
        case TRANS_STMT_ROLLBACK_TO:
            RollbackToSavepoint(stmt->savepoint_name);
            strcpy(qc->tag, "ROLLBACK");
            break;
        case TRANS_STMT_PREPARE:
        case TRANS_STMT_COMMIT_PREPARED:
        case TRANS_STMT_ROLLBACK_PREPARED:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("prepared transactions are not supported"));
            break;
    }
}

/*
 * finish_statement -- the end of one statement's transaction command, and
 * of the whole transaction if no block is open (settings made by SET LOCAL
 * revert then; AtEOXact_GUC is idempotent, so it is harmless if the
 * transaction code also calls it).
 */
static void
finish_statement(const Node *stmt)
{
    bool        rollback = stmt && IsA(stmt, TransactionStmt) &&
        ((const TransactionStmt *) stmt)->kind == TRANS_STMT_ROLLBACK;

    CommitTransactionCommand();
    MemoryContextSwitchTo(MessageContext);
    if (!IsTransactionBlock())
        AtEOXact_GUC(!rollback);
}

/*
 * start_xact_command -- StartTransactionCommand, then back to
 * MessageContext: the transaction code switches to TopTransactionContext,
 * but parse trees, receivers and everything ExecStatement allocates belong
 * to the message (the parse trees of later statements in the string must
 * survive this statement's commit).
 */
static void
start_xact_command(void)
{
    StartTransactionCommand();
    MemoryContextSwitchTo(MessageContext);
}

/*
 * TcopStartXactCommand / TcopFinishXactCommand -- the extended protocol's
 * transaction command (tcop_int.h).  StartTransactionCommand may be called
 * only once per command, hence xact_started.
 */
void
TcopStartXactCommand(void)
{
    if (!xact_started)
    {
        StartTransactionCommand();
        xact_started = true;
    }
    MemoryContextSwitchTo(MessageContext);
}

void
TcopFinishXactCommand(bool rolled_back)
{
    if (xact_started)
    {
        xact_started = false;
        CommitTransactionCommand();
        MemoryContextSwitchTo(MessageContext);
        if (!IsTransactionBlock())
            AtEOXact_GUC(!rolled_back);
    }
    MemoryContextSwitchTo(MessageContext);
}

/*
 * Implicit blocks: as in PostgreSQL, every statement of a simple-query
 * string with more than one statement that finds no block open runs in an
 * implicit one, which the end of the string commits (an error aborts it
 * and skips the rest).  BEGIN inside it makes the block explicit, so the
 * statements before BEGIN belong to the client's transaction; COMMIT and
 * ROLLBACK end it with PostgreSQL's warning that no transaction was in
 * progress; savepoints need an explicit block; and statements that must run
 * outside any block (VACUUM ...) fail with 25001 as they would after BEGIN.
 */
static void
begin_implicit_block(void)
{
    BeginTransactionBlock();
    CommitTransactionCommand();
    start_xact_command();
    implicit_block = true;
}

static void
end_implicit_block(void)
{
    implicit_block = false;
    start_xact_command();
    (void) EndTransactionBlock();
    CommitTransactionCommand();
    MemoryContextSwitchTo(MessageContext);
    AtEOXact_GUC(true);
}

/*
 * implicit_block_transaction_stmt -- a transaction statement met inside
 * an implicit block; true when it still has to run as usual.
 */
static bool
implicit_block_transaction_stmt(TransactionStmt *stmt, QueryCompletion *qc)
{
    switch (stmt->kind)
    {
        case TRANS_STMT_BEGIN:
        case TRANS_STMT_START:
            /* a failing mode aborts the whole string, as in PostgreSQL */
            apply_transaction_modes(stmt->options);
            implicit_block = false;
            strcpy(qc->tag, stmt->kind == TRANS_STMT_BEGIN ? "BEGIN" : "START TRANSACTION");
            return false;
        case TRANS_STMT_COMMIT:
        case TRANS_STMT_ROLLBACK:
            ereport(WARNING, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                    errmsg("there is no transaction in progress"));
            implicit_block = false;
            return true;
        case TRANS_STMT_SAVEPOINT:
        case TRANS_STMT_RELEASE:
        case TRANS_STMT_ROLLBACK_TO:
            ereport(ERROR, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                    errmsg("%s can only be used in transaction blocks",
                           stmt->kind == TRANS_STMT_SAVEPOINT ? "SAVEPOINT" :
                           stmt->kind == TRANS_STMT_RELEASE ? "RELEASE SAVEPOINT" :
                           "ROLLBACK TO SAVEPOINT"));
            return false;
        default:
            return true;
    }
}

void
ExecSimpleQuery(const char *query_string)
{
    List       *stmts;
    ListCell   *lc;
    bool        multi;

    /*
     * Extended-protocol work not yet ended by a Sync is committed first
     * (PostgreSQL would fold it into this string's transaction); as in
     * PostgreSQL, a simple query drops the unnamed prepared statement.
     */
    TcopFinishXactCommand(false);
    PreparedStatementDrop("", true);

    /* The raw parser needs no transaction; its trees live in MessageContext. */
    MemoryContextSwitchTo(MessageContext);
    stmts = RawParser(query_string);

    if (stmts == NIL)
    {
        (void) pq_putmessage(PQ_MSG_EMPTY_QUERY_RESPONSE, NULL, 0);
        return;
    }

    multi = list_length(stmts) > 1;
    foreach(lc, stmts)
    {
        RawStmt    *raw = (RawStmt *) lfirst(lc);
        QueryCompletion qc;

        CHECK_FOR_INTERRUPTS();
        memset(&qc, 0, sizeof(qc));
        start_xact_command();
        if (multi && !IsTransactionBlock())
            begin_implicit_block();
        if (IsAbortedTransactionBlockState() && !TcopIsTransactionExitStmt(raw->stmt))
            ereport(ERROR, errcode(ERRCODE_IN_FAILED_SQL_TRANSACTION),
                    errmsg("current transaction is aborted, commands ignored until end of transaction block"));
        if (IsA(raw->stmt, TransactionStmt))
        {
            if (!implicit_block ||
                implicit_block_transaction_stmt((TransactionStmt *) raw->stmt, &qc))
                TcopExecTransactionStmt((TransactionStmt *) raw->stmt, &qc);
        }
        else
        {
            DestReceiver *dest = CreateDestReceiver(DestRemote);

            ExecStatement(raw, query_string, dest, &qc);
            dest->destroy(dest);
        }
        finish_statement(raw->stmt);
        TcopSendCommandComplete(qc.tag);
    }

    if (implicit_block)
        end_implicit_block();
}

int64
TcopNowMicros(void)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return (int64) tv.tv_sec * 1000000 + tv.tv_usec;
}

/*
 * TcopLogDuration -- log_min_duration_statement: 0 logs all, -1 none.
 * Also log_statement = all at the start (done by the caller).  what is
 * "statement" for a simple query, "execute <name>" for an Execute.
 */
int64
TcopDurationToLog(int64 start_us)
{
    int64       elapsed_us;

    if (LogMinDurationStatementMs < 0)
        return -1;
    elapsed_us = TcopNowMicros() - start_us;
    return elapsed_us >= (int64) LogMinDurationStatementMs * 1000 ? elapsed_us : -1;
}

void
TcopLogDurationLine(const char *what, const char *query, int64 elapsed_us)
{
    ereport(LOG, errmsg("duration: %.3f ms  %s: %s", (double) elapsed_us / 1000.0, what, query),
            errhidestmt(true));
}

void
TcopLogDuration(const char *what, const char *query, int64 start_us)
{
    int64       elapsed_us = TcopDurationToLog(start_us);

    if (elapsed_us >= 0)
        TcopLogDurationLine(what, query, elapsed_us);
}

/* Run one extended-protocol message handler under statement_timeout. */
static void
exec_extended_message(void (*handler) (StringInfo), StringInfo msg)
{
    doing_extended_query = true;
    SetCurrentStatementStartTimestamp(GetCurrentTimestamp());
    if (StatementTimeoutMs > 0)
        arm_timer(StatementTimeoutMs);
    handler(msg);
    arm_timer(0);
    StatementTimeoutPending = false;
    DebugQueryString = NULL;
    doing_extended_query = false;
}

/* ---------- the main loop ---------- */

/*
 * read_command -- wait for the next message; its type in *msgtype and body
 * in buf.  Returns false when the session should end quietly (EOF,
 * Terminate).  A broken frame is FATAL: the stream cannot be resynchronised.
 */
static bool
read_command(StringInfo buf, int *msgtype)
{
    bool        bad_length;
    int         c;

    pq_set_idle(true);
    if (ConfigReloadPending)
        GucProcessPendingReload();
    idle_stats_flush();
    /* pg_stat_activity: idle / idle in transaction (pgstat.h) */
    pgstat_report_idle(IsTransactionBlock(), IsAbortedTransactionBlockState());
    if (MyProc)
        ProcSetWait(PROC_WAIT_CLIENT, 0);
    c = pq_getbyte();
    if (MyProc)
        ProcSetWait(PROC_WAIT_NONE, 0);
    pq_set_idle(false);
    if (c == EOF)
    {
        if (IsTransactionBlock())
            ereport(LOG_SERVER_ONLY, errcode(ERRCODE_CONNECTION_FAILURE),
                    errmsg("unexpected EOF on client connection with an open transaction"));
        return false;
    }
    *msgtype = c;
    if (!pq_getmessage(buf, PQ_MAX_MESSAGE_LENGTH, &bad_length))
    {
        if (bad_length)
            ereport(FATAL, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("invalid message length"),
                    errdetail("Message type %d; lengths must be between 4 and %d bytes.", c,
                              PQ_MAX_MESSAGE_LENGTH + 4));
        return false;           /* EOF mid-message: already logged */
    }
    return true;
}

/*
 * BackendMain -- see tcopprot.h.  Error recovery: an ERROR anywhere below
 * longjmps to the sigsetjmp here; we report it, abort the transaction,
 * revert settings, reset per-message memory and go back to reading, with
 * ReadyForQuery (or, in the extended protocol, skipping to Sync).
 */
void
BackendMain(Port *port)
{
    sigjmp_buf  local_sigjmp_buf;
    StringInfoData input;
    struct timeval tv;

    MyProcPort = port;
    MyCancelKey = port->cancel_key;
    ProcessRoleName = "backend";
    gettimeofday(&tv, NULL);
    session_start_us = (int64) tv.tv_sec * 1000000 + tv.tv_usec;
    install_timeout_handler();
    pq_init(port->sock);
    pq_idle_interrupt_hook = idle_read_interrupted;
    ErrorSendToClientHook = SendErrorToClient;

    /* Start-up and authentication, bounded by authentication_timeout. */
    auth_timeout_active = true;
    arm_timer(AuthenticationTimeoutS * 1000);
    if (!ProcessStartupPacket(port))
        ProcExit(0);
    ClientAuthentication(port);
    InitPostgres(port->database_name, port->user_name);
    pgstat_enable_interval_flush();
    AdminReportBackendStart();  /* connection counters of the admin API's /pools */
    for (int i = 0; i < port->noptions; i++)
        (void) GucSetOption(port->options[i].name, port->options[i].value, GUC_CTX_BACKEND,
                            GUC_SRC_CLIENT, GUC_ACTION_SET, FATAL);
    if (port->cmdline_options)
        apply_command_line_options(port->cmdline_options);
    arm_timer(0);
    auth_timeout_active = false;
    if (auth_timeout_pending)
        ProcessInterrupts();

    OnProcExit(log_disconnection, (Datum) 0);
    if (LogConnections)
        ereport(LOG, errmsg("connection authorized: user=%s database=%s%s%s",
                            port->user_name, port->database_name,
                            port->application_name ? " application_name=" : "",
                            port->application_name ? port->application_name : ""));

    GucReportAllSettings();
    SendBackendKeyData(MyProcPid, port->cancel_key);

    MessageContext = MemoryContextCreate(TopMemoryContext, "MessageContext");
    initStringInfo(&input);

    if (sigsetjmp(local_sigjmp_buf, 1) != 0)
    {
        /* ---- error recovery ---- */
        HOLD_INTERRUPTS();
        arm_timer(0);
        StatementTimeoutPending = false;
        QueryCancelPending = false;
        pq_comm_reset();
        EmitErrorReport();
        DebugQueryString = NULL;
        AbortCurrentTransaction();
        xact_started = false;
        PortalErrorCleanup();
        AtEOXact_GUC(false);
        if (implicit_block)
        {
            /* Leave the implicit block's failed state as a client ROLLBACK would. */
            implicit_block = false;
            StartTransactionCommand();
            UserAbortTransactionBlock();
            CommitTransactionCommand();
            MemoryContextSwitchTo(TopMemoryContext);
        }
        MemoryContextSwitchTo(TopMemoryContext);
        FlushErrorState();
        if (doing_extended_query)
            ignore_till_sync = true;
        doing_extended_query = false;
        RESUME_INTERRUPTS();
        send_ready = !ignore_till_sync;
    }
    RdbExceptionStack = &local_sigjmp_buf;

    for (;;)
    {
        int         msgtype = 0;

        MemoryContextSwitchTo(MessageContext);
        MemoryContextReset(MessageContext);
        /* The input buffer lives in TopMemoryContext; keep it from growing without bound. */
        if (input.maxlen > 1024 * 1024)
        {
            pfree(input.data);
            MemoryContextSwitchTo(TopMemoryContext);
            initStringInfo(&input);
            MemoryContextSwitchTo(MessageContext);
        }
        if (send_ready)
        {
            GucReportChangedSettings();
            SendReadyForQuery(TransactionBlockStatusCode());
            send_ready = false;
        }
        /* Otherwise output waits for Sync/Flush or for the next blocking read (pqcomm.c). */

        {
            MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
            bool        got = read_command(&input, &msgtype);

            MemoryContextSwitchTo(old);
            if (!got)
                ProcExit(0);
        }
        CHECK_FOR_INTERRUPTS();
        /* A cancel that arrived while idle applies to nothing. */
        QueryCancelPending = false;
        if (MyProc != NULL)
            atomic_store(&MyProc->cancel_pending, false);

        if (ignore_till_sync && msgtype != PQ_MSG_SYNC && msgtype != PQ_MSG_TERMINATE)
            continue;

        switch (msgtype)
        {
            case PQ_MSG_QUERY:
                {
                    const char *query = pq_getmsgstring(&input);
                    char       *copy;
                    int64       start_us;

                    pq_getmsgend(&input);
                    copy = pstrdup(query);
                    pq_verify_utf8(copy, (int) strlen(copy));
                    DebugQueryString = copy;
                    gettimeofday(&tv, NULL);
                    start_us = (int64) tv.tv_sec * 1000000 + tv.tv_usec;
                    SetCurrentStatementStartTimestamp(GetCurrentTimestamp());
                    if (LogStatement == GUC_LOGSTMT_ALL)
                        ereport(LOG, errmsg("statement: %s", copy), errhidestmt(true));
                    if (StatementTimeoutMs > 0)
                        arm_timer(StatementTimeoutMs);
                    ExecSimpleQuery(copy);
                    arm_timer(0);
                    StatementTimeoutPending = false;
                    TcopLogDuration("statement", copy, start_us);
                    DebugQueryString = NULL;
                    send_ready = true;
                }
                break;
            case PQ_MSG_PARSE:
                exec_extended_message(ExtendedParse, &input);
                break;
            case PQ_MSG_BIND:
                exec_extended_message(ExtendedBind, &input);
                break;
            case PQ_MSG_DESCRIBE:
                exec_extended_message(ExtendedDescribe, &input);
                break;
            case PQ_MSG_EXECUTE:
                exec_extended_message(ExtendedExecute, &input);
                break;
            case PQ_MSG_CLOSE:
                exec_extended_message(ExtendedClose, &input);
                break;
            case PQ_MSG_FUNCTION_CALL:
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("fastpath function calls are not supported"));
                break;
            case PQ_MSG_FLUSH:
                pq_getmsgend(&input);
                (void) pq_flush();
                break;
            case PQ_MSG_SYNC:
                pq_getmsgend(&input);
                /* The end of an extended-protocol batch: commit its implicit transaction. */
                TcopFinishXactCommand(false);
                ignore_till_sync = false;
                send_ready = true;
                break;
            case PQ_MSG_TERMINATE:
                ProcExit(0);
                break;
            case PQ_MSG_COPY_DATA:
            case PQ_MSG_COPY_DONE:
            case PQ_MSG_COPY_FAIL:
                /* Left over from a failed COPY: ignored, as the protocol specifies. */
                break;
            default:
                ereport(FATAL, errcode(ERRCODE_PROTOCOL_VIOLATION),
                        errmsg("invalid frontend message type %d", msgtype));
        }
    }
}
