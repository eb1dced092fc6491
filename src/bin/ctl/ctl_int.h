/*
 * ctl_int.h
 *     Declarations shared by the files of rustydb-ctl (src/bin/ctl).
 * Nothing outside src/bin/ctl includes this header, except the unit test
 * test/unit/ctl/check_ctl.c for the pure functions (pid file parsing, option
 * splitting).  Behaviour decisions: README.md in this directory.
 */
#ifndef CTL_INT_H
#define CTL_INT_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#define CTL_PROGRAM_NAME "rustydb-ctl"
#define CTL_VERSION "0.1.0"
#define CTL_SERVER_BINARY "rustydb"
#define CTL_PID_FILE_NAME "postmaster.pid"
#define CTL_LOG_DIR_NAME "logs"
#define CTL_STARTUP_LOG_NAME "startup.log"
#define CTL_DEFAULT_INSTANCE_DIR "/var/lib/rustydb/instances/default"
#define CTL_INSTANCE_DIR_ENV "RUSTYDB_DATA"
#define CTL_DEFAULT_TIMEOUT_S 60

/* Exit statuses, following pg_ctl. */
#define CTL_EXIT_OK 0
#define CTL_EXIT_FAILURE 1
#define CTL_EXIT_NOT_RUNNING 3     /* status: no server running */
#define CTL_EXIT_NO_DIR 4          /* status: instance directory inaccessible */

/* Status words of postmaster.pid line 7. */
#define CTL_STATUS_STARTING "starting"
#define CTL_STATUS_READY "ready"
#define CTL_STATUS_STOPPING "stopping"

typedef enum CtlCommand
{
    CTL_CMD_NONE,
    CTL_CMD_START,
    CTL_CMD_STOP,
    CTL_CMD_RESTART,
    CTL_CMD_STATUS,
    CTL_CMD_RELOAD,
} CtlCommand;

typedef enum CtlShutdownMode
{
    CTL_MODE_SMART,             /* SIGTERM: wait for sessions to end */
    CTL_MODE_FAST,              /* SIGINT: roll back sessions, clean stop */
    CTL_MODE_IMMEDIATE,         /* SIGQUIT: stop now, recovery at next start */
} CtlShutdownMode;

/*
 * Contents of DIR/postmaster.pid (written by the postmaster; format fixed):
 *   1 PID  2 instance directory  3 start time (epoch s)  4 port
 *   5 Unix socket directory  6 listen address  7 status word
 * Lines after the first may be missing while the postmaster starts up.
 */
typedef struct CtlPidFile
{
    pid_t       pid;
    char        instance_dir[PATH_MAX];
    long long   start_time;     /* unix epoch seconds; 0 if absent */
    int         port;           /* 0 if absent */
    char        socket_dir[PATH_MAX];
    char        listen_addr[256];
    char        status[32];     /* "" if absent */
    int         nlines;         /* how many lines were present */
} CtlPidFile;

typedef enum CtlPidFileState
{
    CTL_PID_OK,
    CTL_PID_MISSING,            /* no file: no server (or not yet) */
    CTL_PID_INVALID,            /* present but unparseable (maybe half-written) */
    CTL_PID_UNREADABLE,         /* present, but open/read failed (errno set) */
} CtlPidFileState;

typedef struct CtlOptions
{
    CtlCommand  command;
    char        data_dir[PATH_MAX];     /* absolute */
    CtlShutdownMode mode;
    const char *log_file;       /* NULL: DIR/logs/startup.log */
    char      **server_args;    /* from -o, split like a shell; malloc'd */
    int         n_server_args;
    bool        have_server_args;       /* -o was given */
    bool        wait;
    int         timeout_s;
} CtlOptions;

/* pidfile.c */
extern bool CtlPidFileParse(const char *text, CtlPidFile *out);
extern CtlPidFileState CtlPidFileRead(const char *data_dir, CtlPidFile *out);
extern void CtlPidFilePath(const char *data_dir, char *path, size_t size);
extern bool CtlProcessIsAlive(pid_t pid);

/* args.c */
extern char **CtlSplitOptions(const char *options, int *count, const char **error);
extern void CtlFreeArgs(char **args, int count);

/* control.c */
extern int  CtlStart(CtlOptions *opts);
extern int  CtlStop(CtlOptions *opts);
extern int  CtlRestart(CtlOptions *opts);
extern int  CtlStatus(CtlOptions *opts);
extern int  CtlReload(CtlOptions *opts);

#endif                          /* CTL_INT_H */
