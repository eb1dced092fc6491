/*
 * elog.c
 *     The one error reporter: builds ErrorData for ereport(), writes the
 *     server log, hands client-visible messages to the protocol layer, and
 *     unwinds ERRORs to the innermost RDB_TRY via siglongjmp.
 * Entry points: errstart()/errfinish() (through ereport), EmitErrorReport(),
 * CopyErrorData(), FlushErrorState(), ProcExit().
 * Invariants and recursion rules: see README.md in this directory.
 */
#include "rustydb.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/logrotate.h"
#include "utils/palloc.h"

#define ERRORDATA_STACK_SIZE 5
#define MAX_EXIT_CALLBACKS 32

typedef struct SqlstateEntry
{
    int         code;
    const char *text;
    const char *name;
} SqlstateEntry;

static const SqlstateEntry sqlstate_table[] = {
#include "utils/errcodes_table.h"
};

sigjmp_buf *RdbExceptionStack = NULL;
ErrorSendHook ErrorSendToClientHook = NULL;
int         LogMinMessages = WARNING;
int         LogErrorVerbosity = LOG_ERROR_DEFAULT;
int         ClientMinMessages = NOTICE;
const char *ProcessRoleName = "rustydb";
const char *DebugQueryString = NULL;
const char *(*LogLinePrefixHook) (const ErrorData *edata, bool first_line) = NULL;

static ErrorData errordata[ERRORDATA_STACK_SIZE];
static int  errordata_depth = -1;
static int  recursion_depth = 0;
static int  log_fd = 2;

static struct
{
    ExitCallback fn;
    Datum       arg;
}           exit_callbacks[MAX_EXIT_CALLBACKS];
static int  n_exit_callbacks = 0;
static bool proc_exit_inprogress = false;

static char *format_message(const char *fmt, va_list args, int saved_errno);
static void write_server_log(const ErrorData *edata);

void
ElogSetLogFile(int fd)
{
    log_fd = fd;
}

bool
InErrorRecursion(void)
{
    return recursion_depth > 1;
}

/*
 * errstart -- begin an error report.  Returns false if the message would go
 * nowhere (below both thresholds and not an error), so its arguments are
 * never evaluated.
 */
bool
errstart(int elevel, const char *filename, int lineno, const char *funcname)
{
    ErrorData  *edata;
    bool        to_server;
    bool        to_client;

    /* An ERROR with nowhere to unwind to ends the process instead. */
    if (elevel == ERROR && RdbExceptionStack == NULL)
        elevel = FATAL;
    /* An ERROR during process exit cannot be unwound either. */
    if (elevel == ERROR && proc_exit_inprogress)
        elevel = FATAL;
    /* Shared state changed in a critical section may be half done: stop everything. */
    if (elevel >= ERROR && CritSectionCount > 0)
        elevel = PANIC;
    /*
     * (transactions issue, WAL) An ERROR inside a critical section would
     * leave a shared page changed but not WAL-logged: crash and recover.
     */
    if (elevel >= ERROR && elevel < PANIC && CritSectionCount > 0)
        elevel = PANIC;

    to_server = (elevel == LOG || elevel == LOG_SERVER_ONLY) ?
        (LogMinMessages <= LOG || LogMinMessages <= ERROR) : elevel >= LogMinMessages;
    if (elevel == LOG_SERVER_ONLY)
        to_client = false;
    else if (elevel == LOG)
        to_client = ClientMinMessages <= LOG && ClientMinMessages < INFO;
    else
        to_client = elevel >= INFO && (elevel >= ClientMinMessages || elevel == INFO);
    if (elevel < ERROR && !to_server && !to_client)
        return false;

    if (++errordata_depth >= ERRORDATA_STACK_SIZE)
    {
        /* Runaway recursion: drop everything and report that instead. */
        errordata_depth = -1;
        recursion_depth = 0;
        ereport(PANIC, errmsg_internal("ERRORDATA_STACK_SIZE exceeded"));
    }
    recursion_depth++;
    edata = &errordata[errordata_depth];
    memset(edata, 0, sizeof(ErrorData));
    edata->elevel = elevel;
    edata->output_to_server = to_server;
    edata->output_to_client = to_client;
    edata->filename = filename;
    edata->lineno = lineno;
    edata->funcname = funcname;
    edata->saved_errno = errno;
    if (elevel >= ERROR)
        edata->sqlerrcode = ERRCODE_INTERNAL_ERROR;
    else if (elevel == WARNING)
        edata->sqlerrcode = ERRCODE_WARNING;
    else
        edata->sqlerrcode = ERRCODE_SUCCESSFUL_COMPLETION;
    return true;
}

/*
 * errfinish -- complete the report: unwind for ERROR, exit for FATAL,
 * abort for PANIC, else emit and return.
 */
void
errfinish(void)
{
    ErrorData  *edata = &errordata[errordata_depth];
    int         elevel = edata->elevel;

    recursion_depth--;
    if (elevel == ERROR)
    {
        /* The catcher emits the report (after cleaning up) or rethrows it. */
        siglongjmp(*RdbExceptionStack, 1);
    }

    EmitErrorReport();
    if (elevel >= FATAL)
    {
        if (elevel == PANIC)
            abort();
        FlushErrorState();
        ProcExit(1);
    }
    /* Below ERROR: pop the entry and carry on. */
    if (edata->message)
        pfree(edata->message);
    if (edata->detail)
        pfree(edata->detail);
    if (edata->hint)
        pfree(edata->hint);
    if (edata->context)
        pfree(edata->context);
    errordata_depth--;
}

int
errcode(int sqlerrcode)
{
    errordata[errordata_depth].sqlerrcode = sqlerrcode;
    return 0;
}

/* errcode_for_file_access -- map the saved errno to PostgreSQL's SQLSTATEs. */
int
errcode_for_file_access(void)
{
    ErrorData  *edata = &errordata[errordata_depth];

    switch (edata->saved_errno)
    {
        case EPERM:
        case EACCES:
        case EROFS:
            edata->sqlerrcode = ERRCODE_INSUFFICIENT_PRIVILEGE;
            break;
        case ENOENT:
            edata->sqlerrcode = ERRCODE_UNDEFINED_FILE;
            break;
        case EEXIST:
            edata->sqlerrcode = ERRCODE_DUPLICATE_FILE;
            break;
        case ENOSPC:
            edata->sqlerrcode = ERRCODE_DISK_FULL;
            break;
        case ENFILE:
        case EMFILE:
            edata->sqlerrcode = ERRCODE_INSUFFICIENT_RESOURCES;
            break;
        default:
            edata->sqlerrcode = ERRCODE_IO_ERROR;
            break;
    }
    return 0;
}

/*
 * format_message -- vsnprintf into ErrorContext, expanding %m to the
 * message of saved_errno first (so %m works like glibc's everywhere).
 */
static char *
format_message(const char *fmt, va_list args, int saved_errno)
{
    StringInfoData fmtbuf;
    StringInfoData out;
    MemoryContext old = MemoryContextSwitchTo(ErrorContext);

    initStringInfo(&fmtbuf);
    for (const char *p = fmt; *p; p++)
    {
        if (p[0] == '%' && p[1] == '%')
        {
            appendStringInfoString(&fmtbuf, "%%");
            p++;
        }
        else if (p[0] == '%' && p[1] == 'm')
        {
            for (const char *e = strerror(saved_errno); *e; e++)
            {
                if (*e == '%')
                    appendStringInfoChar(&fmtbuf, '%');
                appendStringInfoChar(&fmtbuf, *e);
            }
            p++;
        }
        else
            appendStringInfoChar(&fmtbuf, *p);
    }
    initStringInfo(&out);
    for (;;)
    {
        va_list     copy;
        bool        done;

        va_copy(copy, args);
        done = appendStringInfoVA(&out, fmtbuf.data, copy);
        va_end(copy);
        if (done)
            break;
    }
    pfree(fmtbuf.data);
    MemoryContextSwitchTo(old);
    return out.data;
}

#define DEFINE_ERR_FIELD(fnname, field) \
int \
fnname(const char *fmt, ...) \
{ \
    ErrorData  *edata = &errordata[errordata_depth]; \
    va_list     args; \
    va_start(args, fmt); \
    if (edata->field) \
        pfree(edata->field); \
    edata->field = format_message(fmt, args, edata->saved_errno); \
    va_end(args); \
    return 0; \
}

DEFINE_ERR_FIELD(errmsg, message)
DEFINE_ERR_FIELD(errmsg_internal, message)
DEFINE_ERR_FIELD(errdetail, detail)
DEFINE_ERR_FIELD(errhint, hint)
DEFINE_ERR_FIELD(errcontext_msg, context)

int
errposition(int cursorpos)
{
    errordata[errordata_depth].cursorpos = cursorpos;
    return 0;
}

int
errhidestmt(bool hide)
{
    errordata[errordata_depth].hide_stmt = hide;
    return 0;
}

const char *
ErrorLevelName(int elevel)
{
    switch (elevel)
    {
        case DEBUG5:
        case DEBUG4:
        case DEBUG3:
        case DEBUG2:
        case DEBUG1:
            return "DEBUG";
        case LOG:
        case LOG_SERVER_ONLY:
            return "LOG";
        case INFO:
            return "INFO";
        case NOTICE:
            return "NOTICE";
        case WARNING:
            return "WARNING";
        case ERROR:
            return "ERROR";
        case FATAL:
            return "FATAL";
        case PANIC:
            return "PANIC";
    }
    return "???";
}

void
SqlstateToString(int sqlerrcode, char out[6])
{
    for (int i = 0; i < 5; i++)
    {
        out[i] = (char) RDB_UNSIXBIT(sqlerrcode);
        sqlerrcode >>= 6;
    }
    out[5] = '\0';
}

int
SqlstateFromString(const char *code)
{
    if (code == NULL || strlen(code) != 5)
        return 0;
    for (int i = 0; i < 5; i++)
        if (!((code[i] >= '0' && code[i] <= '9') || (code[i] >= 'A' && code[i] <= 'Z')))
            return 0;
    return MAKE_SQLSTATE(code[0], code[1], code[2], code[3], code[4]);
}

const char *
SqlstateName(int sqlerrcode)
{
    for (size_t i = 0; i < lengthof(sqlstate_table); i++)
        if (sqlstate_table[i].code == sqlerrcode)
            return sqlstate_table[i].name;
    return NULL;
}

/* write_all -- write(2) the whole buffer; a log write failure is not reportable. */
static void
write_all(int fd, const char *buf, size_t len)
{
    while (len > 0)
    {
        ssize_t     n = write(fd, buf, len);

        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            return;
        }
        buf += n;
        len -= (size_t) n;
    }
}

/*
 * write_server_log -- one entry in the server log, as PostgreSQL writes it:
 * each line starts with the prefix (log_line_prefix through
 * LogLinePrefixHook, else time and pid), then severity, the SQLSTATE only
 * with log_error_verbosity = verbose, the message (" at character N" when it
 * has a position), then DETAIL/HINT/CONTEXT (not with terse), LOCATION
 * (verbose) and STATEMENT lines.  Built in a plain buffer so it works even
 * when memory is short, and written with one write() so lines from
 * processes do not interleave.
 */
static void
write_server_log(const ErrorData *edata)
{
    char        buf[8192];
    char        default_prefix[64];
    size_t      len = 0;
    struct timeval tv;
    struct tm   tm;
    char        code[6];
    const char *prefix = LogLinePrefixHook ? LogLinePrefixHook(edata, true) : NULL;

#define APPEND(...) \
    do { \
        if (len < sizeof(buf)) \
        { \
            int n_ = snprintf(buf + len, sizeof(buf) - len, __VA_ARGS__); \
            if (n_ > 0) \
                len = Min(sizeof(buf) - 1, len + (size_t) n_); \
        } \
    } while (0)
/* the prefix of a continuation line: expanded again (%l counts lines, as PostgreSQL) */
#define NEXT_PREFIX() \
    APPEND("%s", LogLinePrefixHook && prefix != default_prefix \
           ? (LogLinePrefixHook(edata, false) ?: "") : default_prefix)

    if (prefix == NULL)
    {
        gettimeofday(&tv, NULL);
        gmtime_r(&tv.tv_sec, &tm);
        snprintf(default_prefix, sizeof(default_prefix), "%04d-%02d-%02d %02d:%02d:%02d.%03d UTC [%d] ",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                 tm.tm_sec, (int) (tv.tv_usec / 1000), (int) getpid());
        prefix = default_prefix;
    }
    APPEND("%s", prefix);
    APPEND("%s:  ", ErrorLevelName(edata->elevel));
    if (LogErrorVerbosity >= LOG_ERROR_VERBOSE)
    {
        SqlstateToString(edata->sqlerrcode, code);
        APPEND("%s: ", code);
    }
    APPEND("%s", edata->message ? edata->message : "missing error text");
    if (edata->cursorpos > 0)
        APPEND(" at character %d", edata->cursorpos);
    APPEND("\n");
    if (LogErrorVerbosity >= LOG_ERROR_DEFAULT)
    {
        if (edata->detail)
        {
            NEXT_PREFIX();
            APPEND("DETAIL:  %s\n", edata->detail);
        }
        if (edata->hint)
        {
            NEXT_PREFIX();
            APPEND("HINT:  %s\n", edata->hint);
        }
        if (edata->context)
        {
            NEXT_PREFIX();
            APPEND("CONTEXT:  %s\n", edata->context);
        }
    }
    if (LogErrorVerbosity >= LOG_ERROR_VERBOSE && edata->filename)
    {
        /* the file's base name, as PostgreSQL */
        const char *file = strrchr(edata->filename, '/') ? strrchr(edata->filename, '/') + 1
            : edata->filename;

        NEXT_PREFIX();
        if (edata->funcname)
            APPEND("LOCATION:  %s, %s:%d\n", edata->funcname, file, edata->lineno);
        else
            APPEND("LOCATION:  %s:%d\n", file, edata->lineno);
    }
    if (edata->elevel >= ERROR && DebugQueryString && !edata->hide_stmt)
    {
        NEXT_PREFIX();
        APPEND("STATEMENT:  %s\n", DebugQueryString);
    }
    if (len > 0 && buf[len - 1] != '\n')
        buf[len - 1] = '\n';
#undef NEXT_PREFIX
#undef APPEND
    LogReopenIfRotated(log_fd); /* follow a log rotation (logrotate.c) */
    write_all(log_fd, buf, len);
}

/* EmitErrorReport -- send the current (innermost) error to log and client. */
void
EmitErrorReport(void)
{
    ErrorData  *edata;

    if (errordata_depth < 0)
        return;
    edata = &errordata[errordata_depth];
    recursion_depth++;
    if (edata->output_to_server)
        write_server_log(edata);
    if (edata->output_to_client && ErrorSendToClientHook != NULL && recursion_depth <= 2)
        ErrorSendToClientHook(edata);
    recursion_depth--;
}

/* CopyErrorData -- copy the innermost error into CurrentMemoryContext. */
ErrorData *
CopyErrorData(void)
{
    ErrorData  *src = &errordata[errordata_depth];
    ErrorData  *copy;

    Assert(errordata_depth >= 0);
    Assert(CurrentMemoryContext != ErrorContext);
    copy = palloc(sizeof(ErrorData));
    *copy = *src;
    copy->message = src->message ? pstrdup(src->message) : NULL;
    copy->detail = src->detail ? pstrdup(src->detail) : NULL;
    copy->hint = src->hint ? pstrdup(src->hint) : NULL;
    copy->context = src->context ? pstrdup(src->context) : NULL;
    return copy;
}

void
FreeErrorData(ErrorData *edata)
{
    if (edata->message)
        pfree(edata->message);
    if (edata->detail)
        pfree(edata->detail);
    if (edata->hint)
        pfree(edata->hint);
    if (edata->context)
        pfree(edata->context);
    pfree(edata);
}

/* FlushErrorState -- forget all pending errors and reclaim ErrorContext. */
void
FlushErrorState(void)
{
    errordata_depth = -1;
    recursion_depth = 0;
    if (ErrorContext)
        MemoryContextReset(ErrorContext);
}

/* ReThrowCurrentError -- propagate the innermost error to the next handler. */
void
ReThrowCurrentError(void)
{
    ErrorData  *edata = &errordata[errordata_depth];

    Assert(errordata_depth >= 0 && edata->elevel == ERROR);
    if (RdbExceptionStack != NULL)
        siglongjmp(*RdbExceptionStack, 1);
    /* Nobody to catch it: it becomes FATAL. */
    edata->elevel = FATAL;
    EmitErrorReport();
    FlushErrorState();
    ProcExit(1);
}

/* ReThrowError -- re-raise a copied error (e.g. after cleanup in a CATCH). */
void
ReThrowError(ErrorData *edata)
{
    ErrorData  *newedata;

    Assert(edata->elevel == ERROR);
    if (++errordata_depth >= ERRORDATA_STACK_SIZE)
    {
        errordata_depth = -1;
        ereport(PANIC, errmsg_internal("ERRORDATA_STACK_SIZE exceeded"));
    }
    newedata = &errordata[errordata_depth];
    {
        MemoryContext old = MemoryContextSwitchTo(ErrorContext);

        *newedata = *edata;
        newedata->message = edata->message ? pstrdup(edata->message) : NULL;
        newedata->detail = edata->detail ? pstrdup(edata->detail) : NULL;
        newedata->hint = edata->hint ? pstrdup(edata->hint) : NULL;
        newedata->context = edata->context ? pstrdup(edata->context) : NULL;
        MemoryContextSwitchTo(old);
    }
    ReThrowCurrentError();
}

void
OnProcExit(ExitCallback fn, Datum arg)
{
    if (n_exit_callbacks >= MAX_EXIT_CALLBACKS)
        ereport(FATAL, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg_internal("out of on_proc_exit slots"));
    exit_callbacks[n_exit_callbacks].fn = fn;
    exit_callbacks[n_exit_callbacks].arg = arg;
    n_exit_callbacks++;
}

/*
 * ProcExit -- run exit callbacks newest first, then exit(code).  A callback
 * that raises ERROR is turned into FATAL by errstart; each callback runs at
 * most once even then.
 */
void
ProcExit(int code)
{
    proc_exit_inprogress = true;
    while (n_exit_callbacks > 0)
    {
        n_exit_callbacks--;
        exit_callbacks[n_exit_callbacks].fn(code, exit_callbacks[n_exit_callbacks].arg);
    }
    exit(code);
}

#ifdef USE_ASSERT_CHECKING
void
ExceptionalCondition(const char *condition, const char *file, int line)
{
    char        buf[1024];
    int         n = snprintf(buf, sizeof(buf), "TRAP: failed Assert(\"%s\"), File: \"%s\", Line: %d, PID: %d\n",
                             condition, file, line, (int) getpid());

    if (n > 0)
    {
        write_all(2, buf, Min((size_t) n, sizeof(buf) - 1));
        if (log_fd != 2)
            write_all(log_fd, buf, Min((size_t) n, sizeof(buf) - 1));
    }
    abort();
}
#endif
