/*
 * elog.h
 *     The one error reporter: ereport()/elog(), SQLSTATE codes, and the
 *     sigsetjmp-based exception stack (RDB_TRY / RDB_CATCH).
 * Implemented in src/backend/utils/error/elog.c; see the README there.
 */
#ifndef UTILS_ELOG_H
#define UTILS_ELOG_H

#include <setjmp.h>

#include "rustydb.h"
#include "utils/errcodes.h"

/* Severity levels, in increasing order (PostgreSQL's ordering). */
#define DEBUG5 10
#define DEBUG4 11
#define DEBUG3 12
#define DEBUG2 13
#define DEBUG1 14
#define LOG 15                  /* server log only */
#define LOG_SERVER_ONLY 16
#define INFO 17                 /* always sent to the client */
#define NOTICE 18
#define WARNING 19
#define ERROR 21                /* aborts the transaction, longjmps */
#define FATAL 22                /* ends the process */
#define PANIC 23                /* ends every process: shared state is suspect */

/* SQLSTATEs packed in 30 bits, 6 bits per character. */
#define RDB_SIXBIT(ch) (((ch) - '0') & 0x3F)
#define RDB_UNSIXBIT(v) (((v) & 0x3F) + '0')
#define MAKE_SQLSTATE(c1, c2, c3, c4, c5) \
    (RDB_SIXBIT(c1) + (RDB_SIXBIT(c2) << 6) + (RDB_SIXBIT(c3) << 12) + \
     (RDB_SIXBIT(c4) << 18) + (RDB_SIXBIT(c5) << 24))

/*
 * ereport(level, errcode(...), errmsg(...), errdetail(...), ...)
 * At ERROR and above it does not return.  level is evaluated more than
 * once: pass a constant or a plain variable.  (No local variable in the
 * macro: it would hide the no-return from -Wimplicit-fallthrough.)
 */
#define ereport(elevel, ...) \
    do { \
        if (errstart((elevel), __FILE__, __LINE__, __func__)) \
        { \
            __VA_ARGS__; \
            errfinish(); \
        } \
        if (__builtin_constant_p(elevel) && (elevel) >= ERROR) \
            rdb_unreachable(); \
    } while (0)

#define elog(elevel, ...) ereport((elevel), errmsg_internal(__VA_ARGS__))

extern bool errstart(int elevel, const char *filename, int lineno, const char *funcname);
extern void errfinish(void);
extern int errcode(int sqlerrcode);
extern int errcode_for_file_access(void);   /* maps saved errno to a SQLSTATE */
extern int errmsg(const char *fmt, ...) RDB_PRINTF(1, 2);
extern int errmsg_internal(const char *fmt, ...) RDB_PRINTF(1, 2);
extern int errdetail(const char *fmt, ...) RDB_PRINTF(1, 2);
extern int errhint(const char *fmt, ...) RDB_PRINTF(1, 2);
extern int errcontext_msg(const char *fmt, ...) RDB_PRINTF(1, 2);
extern int errposition(int cursorpos);      /* 1-based character position in the query */
extern int errhidestmt(bool hide);

/* Everything known about one error; lives in ErrorContext until flushed. */
typedef struct ErrorData
{
    int         elevel;
    bool        output_to_server;
    bool        output_to_client;
    bool        hide_stmt;
    const char *filename;
    int         lineno;
    const char *funcname;
    int         sqlerrcode;
    char       *message;
    char       *detail;
    char       *hint;
    char       *context;
    int         cursorpos;      /* 0 if none */
    int         saved_errno;
} ErrorData;

/* Exception stack. */
extern sigjmp_buf *RdbExceptionStack;

#define RDB_TRY() \
    do { \
        sigjmp_buf *save_exception_stack_ = RdbExceptionStack; \
        sigjmp_buf local_sigjmp_buf_; \
        bool do_rethrow_ = false; \
        if (sigsetjmp(local_sigjmp_buf_, 0) == 0) \
        { \
            RdbExceptionStack = &local_sigjmp_buf_;

#define RDB_CATCH() \
        } \
        else \
        { \
            RdbExceptionStack = save_exception_stack_;

#define RDB_FINALLY() \
        } \
        else \
            do_rethrow_ = true; \
        { \
            RdbExceptionStack = save_exception_stack_;

#define RDB_END_TRY() \
        } \
        if (do_rethrow_) \
            ReThrowCurrentError(); \
        RdbExceptionStack = save_exception_stack_; \
    } while (0)

extern RDB_NORETURN void ReThrowCurrentError(void);
#define RDB_RE_THROW() ReThrowCurrentError()
extern ErrorData *CopyErrorData(void);          /* copy in CurrentMemoryContext */
extern void FlushErrorState(void);
extern RDB_NORETURN void ReThrowError(ErrorData *edata);
extern void FreeErrorData(ErrorData *edata);
extern bool InErrorRecursion(void);

/*
 * Output.  The server log gets every message at or above log_min_messages;
 * the client gets messages at or above client_min_messages (INFO and above
 * always) through ErrorSendToClientHook, set by the protocol layer.
 */
typedef void (*ErrorSendHook) (const ErrorData *edata);
extern ErrorSendHook ErrorSendToClientHook;
extern int LogMinMessages;          /* setting log_min_messages */
extern int ClientMinMessages;       /* setting client_min_messages */
extern const char *ProcessRoleName; /* "postmaster", "backend", ... for log lines */
extern const char *DebugQueryString;    /* statement being run, for STATEMENT: log lines */
/*
 * Returns the prefix of one server log line (log_line_prefix expanded for the
 * entry edata, whose SQLSTATE %e prints; first_line: a new entry) or NULL for
 * the default.
 */
extern const char *(*LogLinePrefixHook) (const ErrorData *edata, bool first_line);

/* log_error_verbosity, as PostgreSQL: what the server log shows of an entry. */
typedef enum LogErrorVerbosityLevel
{
    LOG_ERROR_TERSE,            /* no DETAIL, HINT, CONTEXT */
    LOG_ERROR_DEFAULT,
    LOG_ERROR_VERBOSE           /* also the SQLSTATE after the severity, and LOCATION */
} LogErrorVerbosityLevel;
extern int LogErrorVerbosity;       /* setting log_error_verbosity */

extern void ElogSetLogFile(int fd);         /* fd the server log is written to (default 2) */
extern void EmitErrorReport(void);          /* send the top error to log and client */
extern const char *ErrorLevelName(int elevel);
extern void SqlstateToString(int sqlerrcode, char out[6]);
extern int SqlstateFromString(const char *code);    /* 0 if malformed */
extern const char *SqlstateName(int sqlerrcode);    /* "unique_violation"; NULL if unknown */

/* Called for FATAL (and at normal exit) to run exit callbacks and exit. */
typedef void (*ExitCallback) (int code, Datum arg);
extern void OnProcExit(ExitCallback fn, Datum arg);
extern RDB_NORETURN void ProcExit(int code);

#endif                          /* UTILS_ELOG_H */
