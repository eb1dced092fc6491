/*
 * logrotate.c
 *     Rotation of logs/rustydb.log by log_rotation_size / log_rotation_age.
 * Entry points: LogRotateCheck() (stats collector), LogReopenIfRotated()
 * (error reporter, every process).
 *
 * Every process appends to the log with O_APPEND and one write(2) per entry,
 * so entries never interleave.  Rotation is rename + reopen:
 *   1. the collector renames rustydb.log to rustydb.log.<UTC time> and
 *      creates an empty rustydb.log;
 *   2. each process, before writing an entry, checks (at most once a
 *      second) whether the path still names the file its fd is open on
 *      (st_dev/st_ino); if not, it opens the path and dup2()s it onto its
 *      log fd.
 * A process that has not noticed yet keeps appending to the renamed file:
 * its lines land in the older file, none is lost, and none is written twice.
 * The rename is atomic, so a reader never sees the log missing.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/logrotate.h"

static time_t last_check = 0;
static time_t rotation_start = 0;     /* collector: when the current file was started */

static void
log_path(char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s/%s", DataDir, INSTANCE_LOG_SUBDIR, INSTANCE_LOG_FILE);
}

void
LogReopenIfRotated(int fd)
{
    char        path[4096];
    struct stat fst;
    struct stat pst;
    time_t      now = time(NULL);
    int         newfd;

    if (DataDir == NULL || now == last_check)
        return;
    last_check = now;
    if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode))
        return;
    log_path(path, sizeof(path));
    if (stat(path, &pst) == 0 && pst.st_dev == fst.st_dev && pst.st_ino == fst.st_ino)
        return;
    newfd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (newfd < 0)
        return;
    if (newfd != fd)
    {
        (void) dup2(newfd, fd);
        close(newfd);
    }
}

void
LogRotateCheck(void)
{
    char        path[4096];
    char        target[4200];
    struct stat st;
    time_t      now = time(NULL);
    bool        by_size;
    bool        by_age;
    struct tm   tm;
    int         fd;

    if (DataDir == NULL)
        return;
    if (rotation_start == 0)
        rotation_start = now;
    log_path(path, sizeof(path));
    if (stat(path, &st) != 0)
        return;
    by_size = LogRotationSizeKb > 0 && st.st_size >= (off_t) LogRotationSizeKb * 1024;
    by_age = LogRotationAgeMin > 0 && now - rotation_start >= (time_t) LogRotationAgeMin * 60 && st.st_size > 0;
    if (!by_size && !by_age)
        return;
    gmtime_r(&now, &tm);
    snprintf(target, sizeof(target), "%s.%04d%02d%02d-%02d%02d%02d", path, tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    for (int i = 1; access(target, F_OK) == 0 && i < 1000; i++)
        snprintf(target, sizeof(target), "%s.%04d%02d%02d-%02d%02d%02d.%d", path, tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, i);
    if (rename(path, target) != 0)
    {
        ereport(LOG, errcode_for_file_access(), errmsg("could not rotate \"%s\": %m", path));
        rotation_start = now;
        return;
    }
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    rotation_start = now;
    /* this line goes to the new file: our own fd is switched first */
    last_check = 0;
    ereport(LOG, errmsg("log file rotated (%s); previous file is \"%s\"",
                        by_size ? "log_rotation_size reached" : "log_rotation_age reached",
                        strrchr(target, '/') ? strrchr(target, '/') + 1 : target));
}
