/*
 * miscadmin.h
 *     Process-global state every subsystem may read: who this process is
 *     (pid, role, database, instance directory), and the interrupt machinery
 *     (CHECK_FOR_INTERRUPTS, holdoff and critical sections, cancellable
 *     sleeps).
 * Implemented in src/backend/utils/init/globals.c (variables),
 * src/backend/utils/init/miscinit.c (SleepMs, signal set-up) and
 * src/backend/tcop/postgres.c (ProcessInterrupts).  See the README in
 * src/backend/utils/init/.
 *
 * How interrupts work: signal handlers only set the *Pending flags below
 * (and InterruptPending).  Long-running loops call CHECK_FOR_INTERRUPTS() at
 * points where an ERROR is safe; ProcessInterrupts() then raises
 *   57014 "canceling statement due to user request"        (SIGINT, cancel)
 *   57P01 "terminating connection due to administrator command" (SIGTERM, FATAL)
 * or applies a pending configuration reload (SIGHUP) when the backend is
 * idle.  Nothing is raised while InterruptHoldoffCount or CritSectionCount
 * is non-zero; the flags stay set until the holdoff ends.
 */
#ifndef MISCADMIN_H
#define MISCADMIN_H

#include <signal.h>
#include <sys/types.h>

#include "rustydb.h"

/* ---------- interrupts (globals.c; handled in tcop/postgres.c) ---------- */
extern volatile sig_atomic_t InterruptPending;   /* any of the below is set */
extern volatile sig_atomic_t QueryCancelPending; /* SIGINT: cancel the current statement */
extern volatile sig_atomic_t ProcDiePending;     /* SIGTERM: end the session */
extern volatile sig_atomic_t ConfigReloadPending; /* SIGHUP: reread the config files */
extern volatile sig_atomic_t StatementTimeoutPending; /* statement_timeout expired */
extern volatile uint32 InterruptHoldoffCount;
extern volatile uint32 CritSectionCount;

/*
 * ProcessInterrupts -- act on the pending flags: ERROR 57014 for a cancel or
 * statement timeout, FATAL 57P01 for termination.  Returns normally when
 * interrupts are held off or nothing is pending.  Only called through
 * CHECK_FOR_INTERRUPTS().
 */
extern void ProcessInterrupts(void);

#define CHECK_FOR_INTERRUPTS() \
    do { \
        if (unlikely(InterruptPending)) \
            ProcessInterrupts(); \
    } while (0)

#define HOLD_INTERRUPTS() (InterruptHoldoffCount++)
#define RESUME_INTERRUPTS() \
    do { \
        Assert(InterruptHoldoffCount > 0); \
        InterruptHoldoffCount--; \
    } while (0)

/*
 * Critical sections: code that must not be interrupted by an ERROR (e.g.
 * between changing a shared page and writing its WAL record).  An ERROR
 * inside one is promoted to PANIC by the error reporter.
 */
#define START_CRIT_SECTION() (CritSectionCount++)
#define END_CRIT_SECTION() \
    do { \
        Assert(CritSectionCount > 0); \
        CritSectionCount--; \
    } while (0)

/*
 * SleepMs -- sleep for up to ms milliseconds, returning early when a signal
 * arrives (so that a cancel or terminate is noticed promptly).  Callers loop
 * with CHECK_FOR_INTERRUPTS(), e.g. pg_sleep:
 *     while (remaining > 0) { CHECK_FOR_INTERRUPTS(); SleepMs(Min(remaining, 1000)); ... }
 * Our signal handlers are installed without SA_RESTART, so blocking reads,
 * writes and sleeps return EINTR instead of restarting.
 */
extern void SleepMs(long ms);

/* ---------- who this process is (globals.c) ---------- */
extern pid_t MyProcPid;
extern int64 MyStartTimeUs;         /* process start, Unix microseconds */
extern int32 MyCancelKey;           /* secret sent in BackendKeyData; 0 for non-backends */
extern bool IsPostmaster;           /* true only in the postmaster process itself */
extern bool IsUnderPostmaster;      /* true in every child of the postmaster */
extern bool ExitOnAnyError;         /* promote ERROR to FATAL (bootstrap, aux processes) */

/* The connected database and role; InvalidOid / NULL until InitPostgres(). */
extern Oid  MyDatabaseId;
extern char *MyDatabaseName;        /* in TopMemoryContext */
extern Oid  MyRoleId;
extern char *MyRoleName;            /* session user, in TopMemoryContext */
extern bool MyRoleIsSuperuser;

/*
 * Instance layout (DESIGN.md §5).  The instance directory itself is DataDir
 * (storage/fd.h), an absolute path set by the postmaster from -D; it holds
 * these files and subdirectories:
 */
#define INSTANCE_CONFIG_FILE "rustydb.conf"
#define INSTANCE_AUTO_CONFIG_FILE "rustydb.auto.conf"
#define INSTANCE_HBA_FILE "rustydb_hba.conf"
#define INSTANCE_PID_FILE "postmaster.pid"
#define INSTANCE_DATA_SUBDIR "data"
#define INSTANCE_LOG_SUBDIR "logs"
#define INSTANCE_LOG_FILE "rustydb.log"

/* ---------- miscinit.c ---------- */

/*
 * InitProcessGlobals -- set MyProcPid and MyStartTimeUs; called at the start
 * of every process (postmaster, and again in each child after fork).
 */
extern void InitProcessGlobals(void);

/*
 * InstallBackendSignalHandlers -- SIGINT -> cancel, SIGTERM -> die,
 * SIGQUIT -> immediate _exit(2), SIGHUP -> reload flag, SIGPIPE ignored,
 * SIGCHLD default.  Used by backends and auxiliary processes.
 */
extern void InstallBackendSignalHandlers(void);

/* ---------- postinit.c ---------- */

/*
 * InitPostgres -- finish backend start-up after authentication: attach to
 * shared memory (a proc slot; FATAL 53300 if none), look up the database
 * (FATAL 3D000 'database "%s" does not exist') and role (FATAL 28000
 * 'role "%s" does not exist'), set MyDatabaseId / MyRoleId and the session
 * settings that depend on them.  dbname NULL: connect to no database
 * (auxiliary processes).
 */
extern void InitPostgres(const char *dbname, const char *username);

#endif                          /* MISCADMIN_H */
