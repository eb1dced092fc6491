/*
 * control.c
 *     The actions of rustydb-ctl: start, stop, restart, status, reload.
 * Entry points: CtlStart(), CtlStop(), CtlRestart(), CtlStatus(), CtlReload().
 * Messages and exit statuses follow pg_ctl so that scripts written for it
 * read naturally; differences are listed in README.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "ctl_int.h"

#define CTL_TICKS_PER_SECOND 10         /* poll every 100 ms, a dot per second */
#define CTL_TICK_NS 100000000L
#define CTL_LOG_TAIL_LINES 20
#define CTL_LOG_TAIL_BYTES 8192
#define CTL_PING_TIMEOUT_S "2"
#define CTL_MAX_CMDLINE 65536

static bool find_server_binary(char *path, size_t size);
static void sleep_tick(void);
static bool directory_exists(const char *path);
static int  open_log(const CtlOptions *opts, char *path, size_t size);
static void print_log_tail(const char *path, off_t from);
static bool server_answers(const CtlPidFile *pf);
static void first_of_list(char *dst, size_t size, const char *list);
static int  signal_for_mode(CtlShutdownMode mode);
static char **read_cmdline(pid_t pid, int *count);
static void report_missing_pid_file(const CtlOptions *opts);
static int  stop_server(CtlOptions *opts, bool restarting);
static int  wait_for_start(const CtlOptions *opts, pid_t child, time_t launched,
                           const char *log_path, off_t log_start);

static void
sleep_tick(void)
{
    struct timespec ts = {0, CTL_TICK_NS};

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static bool
directory_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * find_server_binary -- "rustydb" next to our own executable (so an
 * installed tree is self-consistent), else the first one on PATH.
 */
static bool
find_server_binary(char *path, size_t size)
{
    char        self[PATH_MAX];
    ssize_t     n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    const char *env_path = getenv("PATH");

    if (n > 0)
    {
        char       *slash;

        self[n] = '\0';
        slash = strrchr(self, '/');
        if (slash != NULL)
        {
            *slash = '\0';
            int         n_path = snprintf(path, size, "%s/%s", self, CTL_SERVER_BINARY);

            if (n_path > 0 && (size_t) n_path < size && access(path, X_OK) == 0)
                return true;
        }
    }
    while (env_path != NULL && *env_path != '\0')
    {
        const char *colon = strchr(env_path, ':');
        size_t      len = colon ? (size_t) (colon - env_path) : strlen(env_path);

        if (len > 0 && len < size)
        {
            int         n_path = snprintf(path, size, "%.*s/%s", (int) len, env_path,
                                          CTL_SERVER_BINARY);

            if (n_path > 0 && (size_t) n_path < size && access(path, X_OK) == 0)
                return true;
        }
        env_path = colon ? colon + 1 : NULL;
    }
    return false;
}

/*
 * open_log -- open the startup log for appending (creating DIR/logs for
 * the default location).  Returns the fd, or -1 after printing why.
 */
static int
open_log(const CtlOptions *opts, char *path, size_t size)
{
    int         fd;

    if (opts->log_file != NULL)
        snprintf(path, size, "%s", opts->log_file);
    else
    {
        snprintf(path, size, "%s/%s", opts->data_dir, CTL_LOG_DIR_NAME);
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
        {
            fprintf(stderr, "%s: could not create directory \"%s\": %m\n", CTL_PROGRAM_NAME, path);
            return -1;
        }
        snprintf(path, size, "%s/%s/%s", opts->data_dir, CTL_LOG_DIR_NAME, CTL_STARTUP_LOG_NAME);
    }
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        fprintf(stderr, "%s: could not open log file \"%s\": %m\n", CTL_PROGRAM_NAME, path);
    return fd;
}

/*
 * print_log_tail -- the last lines the server wrote to the log since
 * offset from, to stderr, so a failed start explains itself.
 */
static void
print_log_tail(const char *path, off_t from)
{
    char        buf[CTL_LOG_TAIL_BYTES + 1];
    FILE       *f = fopen(path, "r");
    struct stat st;
    off_t       start;
    size_t      n;
    const char *p;
    int         lines = 0;

    if (f == NULL)
        return;
    if (fstat(fileno(f), &st) != 0 || st.st_size <= from)
    {
        fclose(f);
        return;
    }
    start = st.st_size - from > CTL_LOG_TAIL_BYTES ? st.st_size - CTL_LOG_TAIL_BYTES : from;
    if (fseeko(f, start, SEEK_SET) != 0)
    {
        fclose(f);
        return;
    }
    n = fread(buf, 1, CTL_LOG_TAIL_BYTES, f);
    fclose(f);
    buf[n] = '\0';
    /* walk back CTL_LOG_TAIL_LINES newlines from the end */
    p = buf + n;
    while (p > buf)
    {
        p--;
        if (*p == '\n' && p != buf + n - 1 && ++lines == CTL_LOG_TAIL_LINES)
        {
            p++;
            break;
        }
    }
    fprintf(stderr, "Last lines of the log file \"%s\":\n%s", path, p);
    if (n > 0 && buf[n - 1] != '\n')
        fputc('\n', stderr);
}

/* first_of_list -- first entry of a comma-separated list, blanks trimmed. */
static void
first_of_list(char *dst, size_t size, const char *list)
{
    size_t      len = strcspn(list, ",");

    while (len > 0 && list[len - 1] == ' ')
        len--;
    while (len > 0 && *list == ' ')
    {
        list++;
        len--;
    }
    if (len >= size)
        len = size - 1;
    memcpy(dst, list, len);
    dst[len] = '\0';
}

/*
 * server_answers -- PQping the address the pid file advertises: the Unix
 * socket directory if there is one, else the listen address (wildcards
 * mapped to loopback).  Only PQPING_OK counts; PQPING_REJECT means the
 * server is up but not yet accepting connections.
 */
static bool
server_answers(const CtlPidFile *pf)
{
    char        host[PATH_MAX];
    char        port[16];
    const char *keywords[] = {"host", "port", "dbname", "connect_timeout", NULL};
    const char *values[5];

    if (pf->socket_dir[0] != '\0')
        first_of_list(host, sizeof(host), pf->socket_dir);
    else
    {
        first_of_list(host, sizeof(host), pf->listen_addr);
        if (host[0] == '\0' || strcmp(host, "*") == 0 || strcmp(host, "0.0.0.0") == 0)
            snprintf(host, sizeof(host), "127.0.0.1");
        else if (strcmp(host, "::") == 0)
            snprintf(host, sizeof(host), "::1");
    }
    snprintf(port, sizeof(port), "%d", pf->port);
    values[0] = host;
    values[1] = port;
    values[2] = "rustydb";
    values[3] = CTL_PING_TIMEOUT_S;
    values[4] = NULL;
    return PQpingParams(keywords, values, 0) == PQPING_OK;
}

/*
 * wait_for_start -- poll until the pid file names our child with status
 * "ready" and the server answers a ping; fail if the child exits first or
 * the timeout passes.  The pid and start-time checks keep a stale pid file
 * left by a crashed server from being mistaken for the new one.
 */
static int
wait_for_start(const CtlOptions *opts, pid_t child, time_t launched,
               const char *log_path, off_t log_start)
{
    printf("waiting for server to start...");
    fflush(stdout);
    for (int tick = 0; tick < opts->timeout_s * CTL_TICKS_PER_SECOND; tick++)
    {
        CtlPidFile  pf;
        int         wstatus;

        if (waitpid(child, &wstatus, WNOHANG) == child)
        {
            printf(" stopped waiting\n");
            fflush(stdout);
            fprintf(stderr, "%s: could not start server\n", CTL_PROGRAM_NAME);
            if (WIFEXITED(wstatus))
                fprintf(stderr, "The server exited with status %d.\n", WEXITSTATUS(wstatus));
            else if (WIFSIGNALED(wstatus))
                fprintf(stderr, "The server was terminated by signal %d.\n", WTERMSIG(wstatus));
            print_log_tail(log_path, log_start);
            fprintf(stderr, "Examine the log output.\n");
            return CTL_EXIT_FAILURE;
        }
        if (CtlPidFileRead(opts->data_dir, &pf) == CTL_PID_OK && pf.pid == child &&
            pf.start_time >= (long long) launched - 1 &&
            strcmp(pf.status, CTL_STATUS_READY) == 0 && server_answers(&pf))
        {
            printf(" done\nserver started\n");
            return CTL_EXIT_OK;
        }
        if (tick % CTL_TICKS_PER_SECOND == CTL_TICKS_PER_SECOND - 1)
        {
            printf(".");
            fflush(stdout);
        }
        sleep_tick();
    }
    printf(" stopped waiting\n");
    fflush(stdout);
    fprintf(stderr, "%s: server did not start in time\n", CTL_PROGRAM_NAME);
    return CTL_EXIT_FAILURE;
}

/*
 * CtlStart -- launch "rustydb -D DIR ARGS" detached (own session, stdin
 * from /dev/null, stdout/stderr to the log) and, with -w, wait for it.
 * Refuses when the pid file names a live process.
 */
int
CtlStart(CtlOptions *opts)
{
    char        binary[PATH_MAX];
    char        log_path[PATH_MAX + 64];
    CtlPidFile  pf;
    struct stat st;
    off_t       log_start;
    time_t      launched;
    char      **argv;
    int         log_fd;
    int         null_fd;
    pid_t       child;

    if (!directory_exists(opts->data_dir))
    {
        fprintf(stderr, "%s: directory \"%s\" does not exist\n", CTL_PROGRAM_NAME, opts->data_dir);
        return CTL_EXIT_FAILURE;
    }
    if (CtlPidFileRead(opts->data_dir, &pf) == CTL_PID_OK && CtlProcessIsAlive(pf.pid))
    {
        fprintf(stderr, "%s: another server is running in \"%s\" (PID: %d)\n",
                CTL_PROGRAM_NAME, opts->data_dir, (int) pf.pid);
        return CTL_EXIT_FAILURE;
    }
    if (!find_server_binary(binary, sizeof(binary)))
    {
        fprintf(stderr, "%s: program \"%s\" was not found next to %s or on PATH\n",
                CTL_PROGRAM_NAME, CTL_SERVER_BINARY, CTL_PROGRAM_NAME);
        return CTL_EXIT_FAILURE;
    }
    log_fd = open_log(opts, log_path, sizeof(log_path));
    if (log_fd < 0)
        return CTL_EXIT_FAILURE;
    log_start = fstat(log_fd, &st) == 0 ? st.st_size : 0;
    null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0)
    {
        fprintf(stderr, "%s: could not open /dev/null: %m\n", CTL_PROGRAM_NAME);
        close(log_fd);
        return CTL_EXIT_FAILURE;
    }

    argv = calloc(opts->n_server_args + 4, sizeof(char *));
    if (argv == NULL)
    {
        fprintf(stderr, "%s: out of memory\n", CTL_PROGRAM_NAME);
        return CTL_EXIT_FAILURE;
    }
    argv[0] = binary;
    argv[1] = "-D";
    argv[2] = opts->data_dir;
    for (int i = 0; i < opts->n_server_args; i++)
        argv[3 + i] = opts->server_args[i];

    fflush(stdout);
    fflush(stderr);
    launched = time(NULL);
    child = fork();
    if (child < 0)
    {
        fprintf(stderr, "%s: could not fork: %m\n", CTL_PROGRAM_NAME);
        free(argv);
        close(log_fd);
        close(null_fd);
        return CTL_EXIT_FAILURE;
    }
    if (child == 0)
    {
        /* own session: the terminal's Ctrl-C and hangup must not reach it */
        if (setsid() < 0 || dup2(null_fd, STDIN_FILENO) < 0 ||
            dup2(log_fd, STDOUT_FILENO) < 0 || dup2(log_fd, STDERR_FILENO) < 0)
            _exit(CTL_EXIT_FAILURE);
        execv(binary, argv);
        fprintf(stderr, "%s: could not execute \"%s\": %m\n", CTL_PROGRAM_NAME, binary);
        _exit(127);
    }
    free(argv);
    close(log_fd);
    close(null_fd);

    if (!opts->wait)
    {
        printf("server starting\n");
        return CTL_EXIT_OK;
    }
    return wait_for_start(opts, child, launched, log_path, log_start);
}

static int
signal_for_mode(CtlShutdownMode mode)
{
    switch (mode)
    {
        case CTL_MODE_SMART:
            return SIGTERM;
        case CTL_MODE_IMMEDIATE:
            return SIGQUIT;
        case CTL_MODE_FAST:
        default:
            return SIGINT;
    }
}

static void
report_missing_pid_file(const CtlOptions *opts)
{
    char        path[PATH_MAX + 32];

    CtlPidFilePath(opts->data_dir, path, sizeof(path));
    fprintf(stderr, "%s: PID file \"%s\" does not exist\nIs server running?\n",
            CTL_PROGRAM_NAME, path);
}

/*
 * stop_server -- signal the postmaster for the shutdown mode and, with -w,
 * wait until its pid file is gone or the process is dead.  When restarting,
 * a missing or stale pid file is reported but is not a failure.
 */
static int
stop_server(CtlOptions *opts, bool restarting)
{
    CtlPidFile  pf;
    CtlPidFileState state = CtlPidFileRead(opts->data_dir, &pf);

    if (state == CTL_PID_MISSING)
    {
        report_missing_pid_file(opts);
        if (restarting)
            fprintf(stderr, "trying to start server anyway\n");
        return restarting ? CTL_EXIT_OK : CTL_EXIT_FAILURE;
    }
    if (state != CTL_PID_OK)
    {
        fprintf(stderr, "%s: could not read PID file in \"%s\": %s\n", CTL_PROGRAM_NAME,
                opts->data_dir, state == CTL_PID_INVALID ? "invalid contents" : strerror(errno));
        return CTL_EXIT_FAILURE;
    }
    if (restarting && !CtlProcessIsAlive(pf.pid))
    {
        fprintf(stderr, "%s: old server process (PID: %d) seems to be gone\n"
                "starting server anyway\n", CTL_PROGRAM_NAME, (int) pf.pid);
        return CTL_EXIT_OK;
    }
    if (kill(pf.pid, signal_for_mode(opts->mode)) != 0)
    {
        fprintf(stderr, "%s: could not send stop signal (PID: %d): %m\n",
                CTL_PROGRAM_NAME, (int) pf.pid);
        return CTL_EXIT_FAILURE;
    }
    if (!opts->wait)
    {
        printf("server shutting down\n");
        return CTL_EXIT_OK;
    }

    printf("waiting for server to shut down...");
    fflush(stdout);
    for (int tick = 0; tick < opts->timeout_s * CTL_TICKS_PER_SECOND; tick++)
    {
        CtlPidFile  now;
        CtlPidFileState now_state = CtlPidFileRead(opts->data_dir, &now);

        if (now_state == CTL_PID_MISSING || !CtlProcessIsAlive(pf.pid) ||
            (now_state == CTL_PID_OK && now.pid != pf.pid))
        {
            printf(" done\nserver stopped\n");
            return CTL_EXIT_OK;
        }
        if (tick % CTL_TICKS_PER_SECOND == CTL_TICKS_PER_SECOND - 1)
        {
            printf(".");
            fflush(stdout);
        }
        sleep_tick();
    }
    printf(" failed\n");
    fflush(stdout);
    fprintf(stderr, "%s: server does not shut down\n", CTL_PROGRAM_NAME);
    if (opts->mode == CTL_MODE_SMART)
        fprintf(stderr, "HINT: The \"-m fast\" option immediately disconnects sessions "
                "rather than waiting for session-initiated disconnection.\n");
    return CTL_EXIT_FAILURE;
}

/* CtlStop -- the stop command. */
int
CtlStop(CtlOptions *opts)
{
    return stop_server(opts, false);
}

/*
 * read_cmdline -- argv of a running process from /proc/PID/cmdline as a
 * malloc'd array (free with CtlFreeArgs()); NULL if unavailable.
 */
static char **
read_cmdline(pid_t pid, int *count)
{
    char        path[64];
    char       *buf = malloc(CTL_MAX_CMDLINE);
    FILE       *f;
    size_t      n;
    char      **args;
    int         nargs = 0;

    *count = 0;
    snprintf(path, sizeof(path), "/proc/%d/cmdline", (int) pid);
    if (buf == NULL || (f = fopen(path, "r")) == NULL)
    {
        free(buf);
        return NULL;
    }
    n = fread(buf, 1, CTL_MAX_CMDLINE - 1, f);
    fclose(f);
    if (n == 0)
    {
        free(buf);
        return NULL;
    }
    if (buf[n - 1] != '\0')
        buf[n++] = '\0';
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\0')
            nargs++;
    args = calloc(nargs + 1, sizeof(char *));
    if (args == NULL)
    {
        free(buf);
        return NULL;
    }
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1)
    {
        args[*count] = strdup(buf + i);
        if (args[*count] == NULL)
            break;
        (*count)++;
    }
    free(buf);
    return args;
}

/*
 * CtlRestart -- stop (if running) then start.  Without -o, the old
 * server's own arguments (from /proc/PID/cmdline, minus -D DIR) are reused,
 * as pg_ctl reuses postmaster.opts.
 */
int
CtlRestart(CtlOptions *opts)
{
    CtlPidFile  pf;
    int         rc;

    if (!opts->have_server_args && CtlPidFileRead(opts->data_dir, &pf) == CTL_PID_OK &&
        CtlProcessIsAlive(pf.pid))
    {
        int         nargs;
        char      **old = read_cmdline(pf.pid, &nargs);
        char      **kept = old ? calloc(nargs + 1, sizeof(char *)) : NULL;
        int         n_kept = 0;
        int         first = 1;
        bool        has_our_dir = false;

        /*
         * Skip argv[0] and anything else before the first option (an
         * interpreter's script path).  Reuse the rest only if it still
         * names our directory after -D: a server that rewrites its argv
         * for ps would otherwise hand us garbage.
         */
        while (old != NULL && first < nargs && old[first][0] != '-')
            first++;
        for (int i = first; old != NULL && i + 1 < nargs; i++)
            if (strcmp(old[i], "-D") == 0 && strcmp(old[i + 1], opts->data_dir) == 0)
                has_our_dir = true;
        if (kept != NULL && has_our_dir)
        {
            for (int i = first; i < nargs; i++)
            {
                if (strcmp(old[i], "-D") == 0 && i + 1 < nargs)
                {
                    i++;        /* we pass -D DIR ourselves */
                    continue;
                }
                kept[n_kept] = strdup(old[i]);
                if (kept[n_kept] == NULL)
                    break;
                n_kept++;
            }
            CtlFreeArgs(opts->server_args, opts->n_server_args);
            opts->server_args = kept;
            opts->n_server_args = n_kept;
        }
        else
            free(kept);
        CtlFreeArgs(old, nargs);
    }
    rc = stop_server(opts, true);
    if (rc != CTL_EXIT_OK)
        return rc;
    return CtlStart(opts);
}

/*
 * CtlStatus -- "server is running (PID: N)" plus its command line, exit 0;
 * "no server running", exit 3; missing instance directory, exit 4.
 */
int
CtlStatus(CtlOptions *opts)
{
    CtlPidFile  pf;
    char      **args;
    int         nargs;

    if (!directory_exists(opts->data_dir))
    {
        fprintf(stderr, "%s: directory \"%s\" does not exist\n", CTL_PROGRAM_NAME, opts->data_dir);
        return CTL_EXIT_NO_DIR;
    }
    if (CtlPidFileRead(opts->data_dir, &pf) != CTL_PID_OK || !CtlProcessIsAlive(pf.pid))
    {
        printf("%s: no server running\n", CTL_PROGRAM_NAME);
        return CTL_EXIT_NOT_RUNNING;
    }
    printf("%s: server is running (PID: %d)\n", CTL_PROGRAM_NAME, (int) pf.pid);
    args = read_cmdline(pf.pid, &nargs);
    if (args != NULL)
    {
        printf("%s", args[0]);
        for (int i = 1; i < nargs; i++)
            printf(" \"%s\"", args[i]);
        printf("\n");
        CtlFreeArgs(args, nargs);
    }
    return CTL_EXIT_OK;
}

/* CtlReload -- SIGHUP: the postmaster rereads its configuration files. */
int
CtlReload(CtlOptions *opts)
{
    CtlPidFile  pf;
    CtlPidFileState state = CtlPidFileRead(opts->data_dir, &pf);

    if (state == CTL_PID_MISSING)
    {
        report_missing_pid_file(opts);
        return CTL_EXIT_FAILURE;
    }
    if (state != CTL_PID_OK)
    {
        fprintf(stderr, "%s: could not read PID file in \"%s\": %s\n", CTL_PROGRAM_NAME,
                opts->data_dir, state == CTL_PID_INVALID ? "invalid contents" : strerror(errno));
        return CTL_EXIT_FAILURE;
    }
    if (kill(pf.pid, SIGHUP) != 0)
    {
        fprintf(stderr, "%s: could not send reload signal (PID: %d): %m\n",
                CTL_PROGRAM_NAME, (int) pf.pid);
        return CTL_EXIT_FAILURE;
    }
    printf("server signaled\n");
    return CTL_EXIT_OK;
}
