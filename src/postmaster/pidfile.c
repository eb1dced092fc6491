/*
 * pidfile.c
 *     Lock files: DIR/postmaster.pid (the instance lock, read by
 *     rustydb-ctl) and SOCKETDIR/.s.PGSQL.PORT.lock (one per Unix socket).
 * Entry points: LockFileCreate(), PidFileWrite(), LockFilesRemove().
 *
 * postmaster.pid format, one item per line (PIDFILE_LINE_* in
 * postmaster.h): pid, instance directory, start time (Unix seconds), port,
 * first socket directory, first listen address, status
 * (starting/ready/stopping).
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "miscadmin.h"
#include "postmaster/postmaster.h"
#include "postmaster_int.h"
#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

/* XXX: PostgreSQL reports F0001 lock_file_exists, which sqlstates.list lacks; F0000 meanwhile. */
#define MAX_LOCK_FILES 16
#define LOCK_FILE_ATTEMPTS 100

static char *lock_files[MAX_LOCK_FILES];
static int  n_lock_files = 0;
static pid_t lock_owner = 0;        /* only this process removes the files */
static char *pid_file_path = NULL;

static void
lock_files_at_exit(int code, Datum arg)
{
    (void) code;
    (void) arg;
    LockFilesRemove();
}

/* read_lock_pid -- pid on line 1 of path; 0 if unreadable or empty; -1 if the file vanished. */
static pid_t
read_lock_pid(const char *path)
{
    char        buf[64];
    int         fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t     n;

    if (fd < 0)
        return errno == ENOENT ? -1 : 0;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return (pid_t) strtol(buf, NULL, 10);
}

void
LockFileCreate(const char *path, const char *dir, bool is_socket_lock)
{
    for (int attempt = 0; attempt < LOCK_FILE_ATTEMPTS; attempt++)
    {
        int         fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        pid_t       other;

        if (fd >= 0)
        {
            char        content[1024];
            int         len = snprintf(content, sizeof(content), "%d\n%s\n", (int) getpid(), dir ? dir : "");
            ssize_t     w = write(fd, content, (size_t) len);

            if (w != len || fsync(fd) != 0)
            {
                int         save = errno ? errno : ENOSPC;

                close(fd);
                unlink(path);
                errno = save;
                ereport(FATAL, errcode_for_file_access(),
                        errmsg("could not write lock file \"%s\": %m", path));
            }
            close(fd);
            if (n_lock_files == 0)
            {
                lock_owner = getpid();
                OnProcExit(lock_files_at_exit, (Datum) 0);
            }
            if (n_lock_files >= MAX_LOCK_FILES)
                ereport(FATAL, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("too many lock files"));
            lock_files[n_lock_files++] = MemoryContextStrdup(TopMemoryContext, path);
            if (!is_socket_lock)
                pid_file_path = lock_files[n_lock_files - 1];
            return;
        }
        if (errno != EEXIST)
            ereport(FATAL, errcode_for_file_access(),
                    errmsg("could not create lock file \"%s\": %m", path));

        other = read_lock_pid(path);
        if (other == -1)
            continue;           /* removed meanwhile: try again */
        /*
         * A live process other than us (and our parent, which is what a
         * recycled pid in a container looks like) holds the lock.
         */
        if (other > 0 && other != getpid() && other != getppid() &&
            (kill(other, 0) == 0 || errno == EPERM))
        {
            const char *shown = strrchr(path, '/');

            if (is_socket_lock)
                ereport(FATAL, errcode(ERRCODE_CONFIG_FILE_ERROR),
                        errmsg("lock file \"%s\" already exists", path),
                        errhint("Is another postmaster (PID %d) using socket file \"%.*s\"?",
                                (int) other, (int) (strlen(path) - 5), path));
            ereport(FATAL, errcode(ERRCODE_CONFIG_FILE_ERROR),
                    errmsg("lock file \"%s\" already exists", shown ? shown + 1 : path),
                    errhint("Is another postmaster (PID %d) running in data directory \"%s\"?",
                            (int) other, dir ? dir : ""));
        }
        /* Stale: its owner is gone. */
        if (unlink(path) < 0 && errno != ENOENT)
            ereport(FATAL, errcode_for_file_access(),
                    errmsg("could not remove old lock file \"%s\": %m", path),
                    errhint("The file seems accidentally left over, but it could not be removed. "
                            "Please remove the file by hand and try again."));
    }
    ereport(FATAL, errcode(ERRCODE_CONFIG_FILE_ERROR),
            errmsg("could not create lock file \"%s\": too many attempts", path));
}

void
PidFileWrite(const char *status)
{
    char        content[4096];
    char       *tmp;
    int         len;
    int         fd;
    pid_t       pid = lock_owner ? lock_owner : getpid();

    if (pid_file_path == NULL)
        return;
    len = snprintf(content, sizeof(content), "%d\n%s\n%lld\n%d\n%s\n%s\n%s\n",
                   (int) pid, DataDir ? DataDir : "", (long long) (MyStartTimeUs / 1000000),
                   PostPortNumber, ListenSocketDirForPidFile(), ListenAddressForPidFile(), status);
    if (len < 0 || (size_t) len >= sizeof(content))
        ereport(LOG, errmsg("postmaster.pid contents too long"));
    tmp = psprintf("%s.tmp", pid_file_path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, content, (size_t) len) != len || fsync(fd) != 0 || close(fd) != 0 ||
        rename(tmp, pid_file_path) != 0)
    {
        int         save = errno;

        if (fd >= 0)
            (void) unlink(tmp);
        errno = save;
        ereport(LOG, errcode_for_file_access(),
                errmsg("could not update lock file \"%s\": %m", pid_file_path));
    }
    pfree(tmp);
}

void
LockFilesRemove(void)
{
    if (lock_owner != getpid())
        return;                 /* a child inherited our exit callbacks */
    for (int i = n_lock_files - 1; i >= 0; i--)
        (void) unlink(lock_files[i]);
    n_lock_files = 0;
    pid_file_path = NULL;
}
