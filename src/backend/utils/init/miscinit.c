/*
 * miscinit.c
 *     Per-process set-up shared by every kind of process: identity
 *     (pid, start time), the standard signal handlers of backends and
 *     auxiliary processes, and the cancellable sleep.
 * Entry points: InitProcessGlobals(), InstallBackendSignalHandlers(),
 * SleepMs().
 */
#include "rustydb.h"

#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "miscadmin.h"
#include "storage/proc.h"

void
InitProcessGlobals(void)
{
    struct timeval tv;

    MyProcPid = getpid();
    gettimeofday(&tv, NULL);
    MyStartTimeUs = (int64) tv.tv_sec * 1000000 + tv.tv_usec;
}

/*
 * Signal handlers: save errno, set flags, return (STYLE.md §6).  The proc
 * slot's cancel/terminate flags are set too, so that code waiting in the
 * storage layer (lock waits on the proc semaphore, which the signal also
 * interrupts) sees the request without polling our globals.
 */
static void
handle_sigint(int signo)
{
    int         save_errno = errno;

    (void) signo;
    QueryCancelPending = true;
    InterruptPending = true;
    if (MyProc != NULL)
        atomic_store(&MyProc->cancel_pending, true);
    errno = save_errno;
}

static void
handle_sigterm(int signo)
{
    int         save_errno = errno;

    (void) signo;
    ProcDiePending = true;
    InterruptPending = true;
    if (MyProc != NULL)
        atomic_store(&MyProc->terminate_pending, true);
    errno = save_errno;
}

static void
handle_sighup(int signo)
{
    int         save_errno = errno;

    (void) signo;
    ConfigReloadPending = true;
    errno = save_errno;
}

/*
 * handle_sigquit -- immediate shutdown or crash restart: shared memory may
 * be corrupt, so run no exit callbacks and touch nothing; exit status 2
 * tells the postmaster this was an ordered quick exit.  _exit() is
 * async-signal-safe, the one exception to "handlers only set flags".
 */
static void
handle_sigquit(int signo)
{
    (void) signo;
    _exit(2);
}

static void
set_handler(int signo, void (*handler) (int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;            /* no SA_RESTART: blocking calls return EINTR */
    (void) sigaction(signo, &sa, NULL);
}

void
InstallBackendSignalHandlers(void)
{
    sigset_t    none;

    set_handler(SIGINT, handle_sigint);
    set_handler(SIGTERM, handle_sigterm);
    set_handler(SIGQUIT, handle_sigquit);
    set_handler(SIGHUP, handle_sighup);
    set_handler(SIGPIPE, SIG_IGN);
    set_handler(SIGCHLD, SIG_DFL);
    set_handler(SIGUSR1, SIG_IGN);
    set_handler(SIGUSR2, SIG_IGN);
    /* The postmaster's event loop may have blocked signals around fork. */
    sigemptyset(&none);
    (void) sigprocmask(SIG_SETMASK, &none, NULL);
}

void
SleepMs(long ms)
{
    struct timespec ts;

    if (ms <= 0)
        return;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    /* One attempt: EINTR ends the sleep early so the caller can check interrupts. */
    (void) nanosleep(&ts, NULL);
}
