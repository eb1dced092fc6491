/*
 * fd.c
 *     File helpers for the storage layer: the instance directory, complete
 *     reads and writes, fsync, atomic durable replacement, mkdir -p.
 * Entry points: see storage/fd.h.  Every failure is reported through
 * ereport with errcode_for_file_access() and %m.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/palloc.h"

char       *DataDir = NULL;

char *
DataFilePath(const char *relative)
{
    if (DataDir == NULL)
        elog(ERROR, "data directory is not set");
    return psprintf("%s/data/%s", DataDir, relative);
}

Size
FileReadFull(int fd, void *buf, Size len, off_t offset, const char *path)
{
    Size        done = 0;

    while (done < len)
    {
        ssize_t     n = pread(fd, (char *) buf + done, len - done, offset + (off_t) done);

        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not read file \"%s\" at offset %lld: %m",
                           path, (long long) (offset + (off_t) done)));
        }
        if (n == 0)
            break;              /* end of file */
        done += (Size) n;
    }
    return done;
}

void
FileWriteFull(int fd, const void *buf, Size len, off_t offset, const char *path)
{
    Size        done = 0;

    while (done < len)
    {
        ssize_t     n = pwrite(fd, (const char *) buf + done, len - done,
                               offset + (off_t) done);

        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not write file \"%s\" at offset %lld: %m",
                           path, (long long) (offset + (off_t) done)));
        }
        if (n == 0)
        {
            /* No progress without an error: treat as out of space. */
            errno = ENOSPC;
            ereport(ERROR, errcode(ERRCODE_DISK_FULL),
                    errmsg("could not write file \"%s\" at offset %lld: %m",
                           path, (long long) (offset + (off_t) done)));
        }
        done += (Size) n;
    }
}

void
FileSyncPath(const char *path, bool is_dir, int elevel)
{
    int         fd = open(path, (is_dir ? O_RDONLY : O_RDWR) | O_CLOEXEC);

    if (fd < 0)
    {
        ereport(elevel, errcode_for_file_access(),
                errmsg("could not open \"%s\" for fsync: %m", path));
        return;
    }
    if (fsync(fd) != 0)
    {
        int         save_errno = errno;

        close(fd);
        errno = save_errno;
        ereport(elevel, errcode_for_file_access(),
                errmsg("could not fsync \"%s\": %m", path));
        return;
    }
    if (close(fd) != 0)
        ereport(elevel, errcode_for_file_access(),
                errmsg("could not close \"%s\": %m", path));
}

void
FileWriteAtomic(const char *path, const void *data, Size len)
{
    char       *tmp = psprintf("%s.tmp", path);
    char       *dir = pstrdup(path);
    char       *slash = strrchr(dir, '/');
    int         fd;

    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not create file \"%s\": %m", tmp));
    RDB_TRY();
    {
        FileWriteFull(fd, data, len, 0, tmp);
        if (fsync(fd) != 0)
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not fsync file \"%s\": %m", tmp));
    }
    RDB_CATCH();
    {
        close(fd);
        (void) unlink(tmp);
        ReThrowCurrentError();
    }
    RDB_END_TRY();
    if (close(fd) != 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not close file \"%s\": %m", tmp));
    if (rename(tmp, path) != 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not rename file \"%s\" to \"%s\": %m", tmp, path));
    if (slash != NULL)
    {
        *slash = '\0';
        /* The rename is done; failing to persist it must not be ignored. */
        FileSyncPath(dir[0] ? dir : "/", true, ERROR);
    }
    pfree(tmp);
    pfree(dir);
}

void
DirectoryCreateRecursive(const char *path)
{
    char       *copy = pstrdup(path);

    for (char *p = copy + 1; ; p++)
    {
        if (*p == '/' || *p == '\0')
        {
            char        saved = *p;

            *p = '\0';
            if (mkdir(copy, 0700) != 0 && errno != EEXIST)
                ereport(ERROR, errcode_for_file_access(),
                        errmsg("could not create directory \"%s\": %m", copy));
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    pfree(copy);
}
