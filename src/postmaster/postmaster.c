/*
 * postmaster.c
 *     The postmaster: command line, configuration, instance lock, shared
 *     memory creation, the libuv event loop that accepts connections and
 *     forks backends, reaping children, crash restart and the three
 *     shutdown modes.
 * Entry points: PostmasterMain(), ForkChild().
 * State machine, child table and signal handling: see README.md here.
 *
 * The postmaster never touches shared memory contents: it creates and
 * destroys the segment, and everything that reads or writes it runs in a
 * child (startup and shutdown work included), so no child's fault can
 * corrupt the postmaster's own state.
 */
#include "rustydb.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <uv.h>

#include "libpq/libpq-be.h"
#include "libpq/libpq.h"
#include "miscadmin.h"
#include "postmaster/auxprocess.h"
#include "postmaster/postmaster.h"
#include "postmaster_int.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/logrotate.h"
#include "utils/palloc.h"

/* How long children get to obey SIGQUIT before SIGKILL (crash, immediate shutdown). */
#define SIGKILL_CHILDREN_AFTER_MS 5000

typedef enum PmState
{
    PM_STARTUP,                 /* startup process running */
    PM_RUN,                     /* accepting connections */
    PM_STOP_BACKENDS,           /* shutdown: waiting for backends to exit */
    PM_STOP_AUX,                /* shutdown: waiting for auxiliary processes */
    PM_SHUTDOWN,                /* shutdown process running */
    PM_WAIT_DEAD,               /* crash or immediate: waiting for every child to die */
    PM_EXIT                     /* leave the loop */
} PmState;

typedef enum ShutdownMode
{
    SHUTDOWN_NONE,
    SHUTDOWN_SMART,
    SHUTDOWN_FAST,
    SHUTDOWN_IMMEDIATE
} ShutdownMode;

typedef enum ChildKind
{
    CHILD_BACKEND,              /* client session */
    CHILD_DEAD_END,             /* refused connection, only reports the reason */
    CHILD_AUX                   /* auxiliary process (aux_type) */
} ChildKind;

/* The postmaster's private child table; copied into each child by fork. */
typedef struct ChildEntry
{
    pid_t       pid;
    ChildKind   kind;
    AuxProcType aux_type;
    int32       cancel_key;
} ChildEntry;

static ChildEntry *children = NULL;
static int  n_children = 0;
static int  max_children = 0;

static uv_loop_t pm_loop;
static uv_signal_t sig_handles[5];
static uv_timer_t kill_timer;
static PmState pm_state = PM_STARTUP;
static ShutdownMode shutdown_mode = SHUTDOWN_NONE;
static bool fatal_error = false;        /* a child crashed: reinitialise when all are gone */
static int  exit_status = 0;
static int  log_mirror_fd = -1;         /* read end of the log pipe, postmaster side */

static void pm_state_advance(void);

/* ---------- child table ---------- */

static void
child_add(pid_t pid, ChildKind kind, AuxProcType aux_type, int32 key)
{
    if (n_children == max_children)
    {
        max_children = max_children ? max_children * 2 : 64;
        children = children ? repalloc(children, sizeof(ChildEntry) * (Size) max_children)
            : MemoryContextAlloc(TopMemoryContext, sizeof(ChildEntry) * (Size) max_children);
    }
    children[n_children].pid = pid;
    children[n_children].kind = kind;
    children[n_children].aux_type = aux_type;
    children[n_children].cancel_key = key;
    n_children++;
}

static ChildEntry *
child_find(pid_t pid)
{
    for (int i = 0; i < n_children; i++)
        if (children[i].pid == pid)
            return &children[i];
    return NULL;
}

static void
child_remove(ChildEntry *entry)
{
    *entry = children[--n_children];
}

static int
count_children(bool (*pred) (const ChildEntry *))
{
    int         n = 0;

    for (int i = 0; i < n_children; i++)
        if (pred == NULL || pred(&children[i]))
            n++;
    return n;
}

static bool
is_backend(const ChildEntry *c)
{
    return c->kind == CHILD_BACKEND;
}

static bool
is_dead_end(const ChildEntry *c)
{
    return c->kind == CHILD_DEAD_END;
}

static bool
is_running_aux(const ChildEntry *c)
{
    return c->kind == CHILD_AUX && c->aux_type != AUX_PROC_SHUTDOWN && c->aux_type != AUX_PROC_STARTUP;
}

/* Running children of an auxiliary kind (maintenance engine: kinds may have several). */
static int
aux_count(AuxProcType type)
{
    int         n = 0;

    for (int i = 0; i < n_children; i++)
        if (children[i].kind == CHILD_AUX && children[i].aux_type == type)
            n++;
    return n;
}

static bool
aux_running(AuxProcType type)
{
    return aux_count(type) > 0;
}

/* signal_children -- send sig to every child matching pred (NULL: all). */
static void
signal_children(int sig, bool (*pred) (const ChildEntry *))
{
    for (int i = 0; i < n_children; i++)
        if (pred == NULL || pred(&children[i]))
            (void) kill(children[i].pid, sig);
}

/*
 * cancel_lookup -- CancelRequestHandler in a backend child: the child's
 * copy of the postmaster's table (taken at fork) holds every backend
 * started before it, which includes any backend whose key the client could
 * know.  On a match, SIGINT the target.
 */
static bool
cancel_lookup(int32 pid, int32 key)
{
    for (int i = 0; i < n_children; i++)
    {
        if (children[i].pid == pid && children[i].kind == CHILD_BACKEND)
        {
            /* Constant-time comparison: do not leak how much of the key matched. */
            if (sodium_memcmp(&children[i].cancel_key, &key, sizeof(key)) != 0)
            {
                ereport(LOG, errmsg("wrong key in cancel request for process %d", (int) pid));
                return true;
            }
            if (kill(pid, SIGINT) < 0)
                ereport(LOG, errmsg("could not send signal to process %d: %m", (int) pid));
            return true;
        }
    }
    return false;
}

/* ---------- forking ---------- */

pid_t
ForkChild(void)
{
    pid_t       pid;
    pid_t       postmaster_pid = getpid();

    fflush(NULL);
    pid = fork();
    if (pid != 0)
        return pid;
    /* Child. */
    IsPostmaster = false;
    IsUnderPostmaster = true;

    /*
     * If the postmaster dies (kill -9), its children must not live on:
     * nobody would reap them, and a backend could hold locks forever while a
     * new postmaster starts on the same instance.  The kernel kills us then;
     * the getppid() check closes the race with a postmaster that died before
     * the request was made.
     */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != postmaster_pid)
        _exit(1);
    InitProcessGlobals();
    InstallBackendSignalHandlers();
    ListenSocketsCloseInChild();
    if (log_mirror_fd >= 0)
        close(log_mirror_fd);
    /* libuv's own descriptors (epoll, signal pipe) are left alone: the child never runs the loop. */
    return 0;
}

/* The remote address as text, for the log and Port. */
static void
describe_peer(int fd, bool is_unix, Port *port)
{
    struct sockaddr_storage addr;
    socklen_t   len = sizeof(addr);
    char        host[INET6_ADDRSTRLEN + 2];

    port->is_unix = is_unix;
    if (is_unix || getpeername(fd, (struct sockaddr *) &addr, &len) != 0)
    {
        port->remote_host = pstrdup("[local]");
        port->remote_port = pstrdup("");
        return;
    }
    if (addr.ss_family == AF_INET6)
    {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *) &addr;

        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof(host));
        port->remote_port = psprintf("%d", ntohs(a->sin6_port));
    }
    else
    {
        struct sockaddr_in *a = (struct sockaddr_in *) &addr;

        inet_ntop(AF_INET, &a->sin_addr, host, sizeof(host));
        port->remote_port = psprintf("%d", ntohs(a->sin_port));
    }
    port->remote_host = pstrdup(host);
}

/* admission -- may a new connection proceed, given the state and the number of sessions? */
static PortAdmission
admission(void)
{
    if (fatal_error || pm_state == PM_WAIT_DEAD)
        return PORT_ADMIT_RECOVERY;
    if (shutdown_mode != SHUTDOWN_NONE || pm_state > PM_RUN)
        return PORT_ADMIT_SHUTDOWN;
    if (pm_state == PM_STARTUP)
        return PORT_ADMIT_STARTUP;
    if (count_children(is_backend) >= MaxConnections)
        return PORT_ADMIT_TOO_MANY;
    return PORT_ADMIT_OK;
}

/*
 * on_accept -- fork a backend for the connection on fd (ours: close it in
 * the parent).  Refused connections still get a child, which reads the
 * start-up packet (so CancelRequest works even when we are full) and sends
 * the reason; their number is bounded so a flood cannot fork-bomb us.
 */
static void
on_accept(int fd, bool is_unix)
{
    PortAdmission adm = admission();
    ChildKind   kind = adm == PORT_ADMIT_OK ? CHILD_BACKEND : CHILD_DEAD_END;
    int32       key;
    pid_t       pid;

    if (kind == CHILD_DEAD_END && count_children(is_dead_end) >= 2 * MaxConnections + 10)
    {
        close(fd);
        return;
    }
    randombytes_buf(&key, sizeof(key));
    pid = ForkChild();
    if (pid < 0)
    {
        ereport(LOG, errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                errmsg("could not fork new process for connection: %m"));
        close(fd);
        return;
    }
    if (pid == 0)
    {
        Port       *port;

        MemoryContextSwitchTo(TopMemoryContext);
        port = palloc0(sizeof(Port));
        port->sock = fd;
        port->admission = adm;
        port->cancel_key = key;
        port->connect_time_us = MyStartTimeUs;
        describe_peer(fd, is_unix, port);
        CancelRequestHandler = cancel_lookup;
        if (LogConnections)
            ereport(LOG, errmsg("connection received: host=%s%s%s", port->remote_host,
                                is_unix ? "" : " port=", port->remote_port));
        BackendMain(port);
    }
    child_add(pid, kind, AUX_PROC_COUNT, key);
    close(fd);
}

/* ---------- auxiliary processes ---------- */

static void
start_aux(AuxProcType type)
{
    pid_t       pid = StartAuxProcess(type);

    if (pid > 0)
        child_add(pid, CHILD_AUX, type, 0);
}

static void
start_running_aux(void)
{
    for (int t = 0; t < AUX_PROC_COUNT; t++)
    {
        const AuxProcInfo *info = AuxProcGetInfo((AuxProcType) t);

        int         want = info->instances != NULL ? info->instances() : 1;

        /* maintenance engine: kinds with instances() run that many (autovacuum workers) */
        if (info->always_running && info->main != NULL)
            for (int n = aux_count((AuxProcType) t); n < want; n++)
                start_aux((AuxProcType) t);
    }
}

/* ---------- crash handling ---------- */

static void
kill_timer_fired(uv_timer_t *timer)
{
    (void) timer;
    if (n_children > 0)
    {
        ereport(LOG, errmsg("issuing SIGKILL to recalcitrant children"));
        signal_children(SIGKILL, NULL);
    }
}

static void
arm_kill_timer(void)
{
    int         rc = uv_timer_start(&kill_timer, kill_timer_fired, SIGKILL_CHILDREN_AFTER_MS, 0);

    if (rc < 0)
        ereport(LOG, errmsg("could not start timer: %s", uv_strerror(rc)));
}

static const char *
child_name(const ChildEntry *c)
{
    switch (c->kind)
    {
        case CHILD_BACKEND:
        case CHILD_DEAD_END:
            return "server process";
        case CHILD_AUX:
            return AuxProcGetInfo(c->aux_type)->name;
    }
    return "process";
}

static void
log_child_exit(int elevel, const char *name, pid_t pid, int status)
{
    if (WIFSIGNALED(status))
        ereport(elevel, errmsg("%s (PID %d) was terminated by signal %d: %s", name, (int) pid,
                               WTERMSIG(status), strsignal(WTERMSIG(status))));
    else
        ereport(elevel, errmsg("%s (PID %d) exited with exit code %d", name, (int) pid,
                               WEXITSTATUS(status)));
}

/*
 * handle_child_crash -- a child died in a way that may have left shared
 * memory inconsistent: stop everyone, then (in pm_state_advance, once all
 * are gone) recreate shared memory and start over.
 */
static void
handle_child_crash(void)
{
    if (fatal_error || shutdown_mode == SHUTDOWN_IMMEDIATE)
        return;
    fatal_error = true;
    if (n_children > 0)
    {
        ereport(LOG, errmsg("terminating any other active server processes"));
        signal_children(SIGQUIT, NULL);
        arm_kill_timer();
    }
    pm_state = PM_WAIT_DEAD;
}

/* ---------- reaping ---------- */

static void
reap_children(void)
{
    int         status;
    pid_t       pid;

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
    {
        ChildEntry *c = child_find(pid);
        ChildEntry  entry;
        bool        clean;

        if (c == NULL)
            continue;           /* not ours (e.g. a log mirror already gone) */
        entry = *c;
        child_remove(c);
        clean = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);

        if (entry.kind == CHILD_DEAD_END)
            continue;

        if (entry.kind == CHILD_AUX && entry.aux_type == AUX_PROC_STARTUP)
        {
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !fatal_error)
            {
                if (pm_state == PM_STARTUP)
                {
                    pm_state = PM_RUN;
                    ereport(LOG, errmsg("database system is ready to accept connections"));
                    PidFileWrite(PM_STATUS_READY);
                    start_running_aux();
                }
                continue;
            }
            if (fatal_error || shutdown_mode == SHUTDOWN_IMMEDIATE)
                continue;       /* killed on purpose */
            log_child_exit(LOG, "startup process", pid, status);
            ereport(LOG, errmsg("aborting startup due to startup process failure"));
            exit_status = 1;
            shutdown_mode = SHUTDOWN_IMMEDIATE;
            signal_children(SIGQUIT, NULL);
            pm_state = PM_WAIT_DEAD;
            continue;
        }

        if (entry.kind == CHILD_AUX && entry.aux_type == AUX_PROC_SHUTDOWN)
        {
            if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            {
                log_child_exit(LOG, "shutdown process", pid, status);
                exit_status = 1;
            }
            pm_state = PM_EXIT;
            continue;
        }

        if (!clean)
        {
            if (!fatal_error && shutdown_mode != SHUTDOWN_IMMEDIATE)
            {
                log_child_exit(LOG, child_name(&entry), pid, status);
                handle_child_crash();
            }
            continue;
        }
        if (entry.kind == CHILD_AUX && pm_state == PM_RUN && !fatal_error &&
            AuxProcGetInfo(entry.aux_type)->always_running)
        {
            /* Left on its own (not asked to): start a new one. */
            log_child_exit(LOG, child_name(&entry), pid, status);
            start_aux(entry.aux_type);
        }
    }
}

/*
 * pm_state_advance -- move the state machine on after children exited or
 * a shutdown was requested.
 */
static void
pm_state_advance(void)
{
    if (pm_state == PM_WAIT_DEAD && n_children - count_children(is_dead_end) == 0)
    {
        uv_timer_stop(&kill_timer);
        if (shutdown_mode != SHUTDOWN_NONE || exit_status != 0)
        {
            pm_state = PM_EXIT;
            return;
        }
        ereport(LOG, errmsg("all server processes terminated; reinitializing"));
        SharedMemoryDestroy();
        SharedMemoryCreate();
        fatal_error = false;
        pm_state = PM_STARTUP;
        PidFileWrite(PM_STATUS_STARTING);
        start_aux(AUX_PROC_STARTUP);
        return;
    }
    if (pm_state == PM_RUN && shutdown_mode != SHUTDOWN_NONE)
        pm_state = PM_STOP_BACKENDS;
    if (pm_state == PM_STOP_BACKENDS && count_children(is_backend) == 0)
    {
        pm_state = PM_STOP_AUX;
        signal_children(SIGTERM, is_running_aux);
    }
    if (pm_state == PM_STOP_AUX && count_children(is_running_aux) == 0)
    {
        pm_state = PM_SHUTDOWN;
        start_aux(AUX_PROC_SHUTDOWN);
        if (!aux_running(AUX_PROC_SHUTDOWN))
        {
            ereport(LOG, errmsg("could not start the shutdown process"));
            exit_status = 1;
            pm_state = PM_EXIT;
        }
    }
}

/* ---------- signals (libuv callbacks: ordinary code, not signal context) ---------- */

static void
on_signal(uv_signal_t *handle, int signo)
{
    (void) handle;
    switch (signo)
    {
        case SIGCHLD:
            reap_children();
            break;
        case SIGHUP:
            ereport(LOG, errmsg("received SIGHUP, reloading configuration files"));
            (void) GucProcessConfigFiles(GUC_CTX_SIGHUP);
            signal_children(SIGHUP, NULL);
            break;
        case SIGTERM:
            if (shutdown_mode >= SHUTDOWN_SMART)
                break;
            ereport(LOG, errmsg("received smart shutdown request"));
            shutdown_mode = SHUTDOWN_SMART;
            PidFileWrite(PM_STATUS_STOPPING);
            break;
        case SIGINT:
            if (shutdown_mode >= SHUTDOWN_FAST)
                break;
            ereport(LOG, errmsg("received fast shutdown request"));
            shutdown_mode = SHUTDOWN_FAST;
            PidFileWrite(PM_STATUS_STOPPING);
            if (pm_state == PM_RUN || pm_state == PM_STOP_BACKENDS)
            {
                ereport(LOG, errmsg("aborting any active transactions"));
                signal_children(SIGTERM, is_backend);
            }
            break;
        case SIGQUIT:
            if (shutdown_mode >= SHUTDOWN_IMMEDIATE)
                break;
            ereport(LOG, errmsg("received immediate shutdown request"));
            shutdown_mode = SHUTDOWN_IMMEDIATE;
            PidFileWrite(PM_STATUS_STOPPING);
            signal_children(SIGQUIT, NULL);
            arm_kill_timer();
            pm_state = PM_WAIT_DEAD;
            break;
    }
    pm_state_advance();
    if (pm_state == PM_EXIT)
        uv_stop(&pm_loop);
}

/* ---------- logging set-up ---------- */

/*
 * start_log_mirror -- when stderr is a terminal, log lines go both to
 * logs/rustydb.log and to the terminal.  The error reporter writes one fd,
 * so it gets the write end of a pipe, and a small child copies each chunk
 * to both places.  The child holds no shared state and outlives crash
 * restarts; it ends when every writer has closed the pipe (at exit).
 */
static int
start_log_mirror(int file_fd)
{
    int         pipefd[2];
    pid_t       pid;

    if (pipe(pipefd) < 0)
    {
        ereport(LOG, errmsg("could not create pipe for the log mirror: %m"));
        return file_fd;
    }
    pid = fork();
    if (pid < 0)
    {
        ereport(LOG, errmsg("could not fork the log mirror: %m"));
        close(pipefd[0]);
        close(pipefd[1]);
        return file_fd;
    }
    if (pid == 0)
    {
        char        buf[8192];

        /* Child: ignore every shutdown signal; EOF on the pipe ends us. */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        close(pipefd[1]);
        for (;;)
        {
            ssize_t     n = read(pipefd[0], buf, sizeof(buf));

            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                _exit(0);
            /* Follow the stats collector's log rotation; failures cannot be reported anywhere. */
            LogReopenIfRotated(file_fd);
            if (write(file_fd, buf, (size_t) n) < 0 || write(2, buf, (size_t) n) < 0)
                continue;
        }
    }
    close(pipefd[0]);
    close(file_fd);
    log_mirror_fd = -1;
    return pipefd[1];
}

static void
open_server_log(void)
{
    char       *dir = psprintf("%s/%s", DataDir, INSTANCE_LOG_SUBDIR);
    char       *path = psprintf("%s/%s", dir, INSTANCE_LOG_FILE);
    int         fd;

    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        ereport(FATAL, errcode_for_file_access(), errmsg("could not create directory \"%s\": %m", dir));
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        ereport(FATAL, errcode_for_file_access(), errmsg("could not open log file \"%s\": %m", path));
    /* Children inherit the descriptor across fork (no exec), so CLOEXEC is harmless. */
    if (isatty(2))
        fd = start_log_mirror(fd);
    ElogSetLogFile(fd);
}

/* ---------- command line ---------- */

static void
usage(FILE *out, const char *progname)
{
    fprintf(out,
            "%s is the RustyDB server.\n\n"
            "Usage:\n"
            "  %s -D DIR [OPTION]...\n\n"
            "Options:\n"
            "  -D DIR             instance directory (configuration, data/, logs/)\n"
            "  -p PORT            port number to listen on\n"
            "  -c NAME=VALUE      set a configuration parameter (also --NAME=VALUE)\n"
            "  -k DIRECTORY       Unix-domain socket directory\n"
            "  -h ADDRESSES       TCP listen addresses\n"
            "  --describe-config  print the configuration sample file and exit\n"
            "  -V, --version      print the version and exit\n"
            "  -?, --help         show this help and exit\n",
            progname, progname);
}

/* A -c / --name=value pair, applied after the configuration files. */
typedef struct ArgSetting
{
    char       *name;
    char       *value;
} ArgSetting;

static bool
split_setting(const char *arg, ArgSetting *out)
{
    const char *eq = strchr(arg, '=');

    if (eq == NULL || eq == arg)
        return false;
    out->name = pnstrdup(arg, (Size) (eq - arg));
    for (char *c = out->name; *c; c++)
        if (*c == '-')
            *c = '_';
    out->value = pstrdup(eq + 1);
    return true;
}

/* ---------- main ---------- */

int
PostmasterMain(int argc, char *argv[])
{
    const char *progname = argc > 0 ? argv[0] : "rustydb";
    const char *dir = NULL;
    ArgSetting *settings;
    int         n_settings = 0;
    char       *pid_path;
    static const int signals[] = {SIGCHLD, SIGHUP, SIGTERM, SIGINT, SIGQUIT};
    char        resolved[PATH_MAX];
    int         rc;

    IsPostmaster = true;
    ProcessRoleName = "postmaster";
    InitProcessGlobals();
    MemoryContextInit();
    GucInitialize();
    settings = palloc(sizeof(ArgSetting) * (Size) (argc + 1));

    /* Only here may we write to stderr directly (STYLE.md §4): nothing is set up yet. */
    for (int i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        const char *val = NULL;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0)
        {
            usage(stdout, progname);
            return 0;
        }
        if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0)
        {
            printf("rustydb (RustyDB) %s\n", RDB_VERSION_STR);
            return 0;
        }
        if (strncmp(a, "--", 2) == 0 && strchr(a, '='))
        {
            if (!split_setting(a + 2, &settings[n_settings]))
                goto bad_arg;
            n_settings++;
            continue;
        }
        if (a[0] != '-' || a[1] == '\0' || strchr("Dpckh", a[1]) == NULL)
            goto bad_arg;
        val = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
        if (val == NULL)
        {
            fprintf(stderr, "%s: option %s requires an argument\n", progname, a);
            return 1;
        }
        switch (a[1])
        {
            case 'D':
                dir = val;
                break;
            case 'c':
                if (!split_setting(val, &settings[n_settings]))
                {
                    fprintf(stderr, "%s: -c %s requires a value\n", progname, val);
                    return 1;
                }
                n_settings++;
                break;
            case 'p':
                settings[n_settings].name = pstrdup("port");
                settings[n_settings++].value = pstrdup(val);
                break;
            case 'k':
                settings[n_settings].name = pstrdup("unix_socket_directories");
                settings[n_settings++].value = pstrdup(val);
                break;
            case 'h':
                settings[n_settings].name = pstrdup("listen_addresses");
                settings[n_settings++].value = pstrdup(val);
                break;
        }
        continue;
bad_arg:
        fprintf(stderr, "%s: invalid argument: \"%s\"\nTry \"%s --help\" for more information.\n",
                progname, a, progname);
        return 1;
    }
    if (dir == NULL)
        dir = getenv("RUSTYDB_DATA");
    if (dir == NULL)
    {
        fprintf(stderr, "%s: no instance directory specified\n"
                "Use -D DIR or set RUSTYDB_DATA.\n", progname);
        return 1;
    }
    if (realpath(dir, resolved) == NULL)
    {
        fprintf(stderr, "%s: could not access directory \"%s\": %s\n", progname, dir, strerror(errno));
        return 1;
    }
    {
        struct stat st;

        if (stat(resolved, &st) != 0 || !S_ISDIR(st.st_mode))
        {
            fprintf(stderr, "%s: \"%s\" is not a directory\n", progname, resolved);
            return 1;
        }
    }
    DataDir = MemoryContextStrdup(TopMemoryContext, resolved);

    /* Configuration: files, then the command line (which wins). */
    (void) GucProcessConfigFiles(GUC_CTX_POSTMASTER);
    for (int i = 0; i < n_settings; i++)
        (void) GucSetOption(settings[i].name, settings[i].value, GUC_CTX_POSTMASTER,
                            GUC_SRC_ARGV, GUC_ACTION_SET, FATAL);

    if (sodium_init() < 0)
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR), errmsg("could not initialize libsodium"));

    pid_path = psprintf("%s/%s", DataDir, INSTANCE_PID_FILE);
    LockFileCreate(pid_path, DataDir, false);
    open_server_log();
    ereport(LOG, errmsg("starting RustyDB %s (PostgreSQL %s compatible)", RDB_VERSION_STR,
                        RDB_PG_COMPAT_VERSION));

    rc = uv_loop_init(&pm_loop);
    if (rc < 0)
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR), errmsg("could not initialize event loop: %s",
                                                             uv_strerror(rc)));
    ListenSocketsOpen(&pm_loop, on_accept);
    PidFileWrite(PM_STATUS_STARTING);

    for (size_t i = 0; i < lengthof(signals); i++)
    {
        rc = uv_signal_init(&pm_loop, &sig_handles[i]);
        if (rc == 0)
            rc = uv_signal_start(&sig_handles[i], on_signal, signals[i]);
        if (rc < 0)
            ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR),
                    errmsg("could not install signal handler: %s", uv_strerror(rc)));
    }
    signal(SIGPIPE, SIG_IGN);
    rc = uv_timer_init(&pm_loop, &kill_timer);
    if (rc < 0)
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR), errmsg("could not create timer: %s", uv_strerror(rc)));

    SharedMemoryCreate();
    pm_state = PM_STARTUP;
    start_aux(AUX_PROC_STARTUP);
    if (!aux_running(AUX_PROC_STARTUP))
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR), errmsg("could not start the startup process"));

    rc = uv_run(&pm_loop, UV_RUN_DEFAULT);
    (void) rc;

    /* Orderly exit: everything has stopped. */
    ListenSocketsClose();
    for (size_t i = 0; i < lengthof(signals); i++)
        uv_close((uv_handle_t *) &sig_handles[i], NULL);
    uv_close((uv_handle_t *) &kill_timer, NULL);
    (void) uv_run(&pm_loop, UV_RUN_NOWAIT);
    (void) uv_loop_close(&pm_loop);
    SharedMemoryDestroy();
    if (exit_status == 0 && shutdown_mode != SHUTDOWN_IMMEDIATE)
        ereport(LOG, errmsg("database system is shut down"));
    LockFilesRemove();
    return exit_status;
}
