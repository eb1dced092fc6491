/*
 * fd.h
 *     File access helpers for the storage layer: the instance directory,
 *     full reads/writes that handle short transfers and EINTR, fsync of files
 *     and directories, atomic durable file replacement.
 * Implemented in src/backend/storage/smgr/fd.c.
 *
 * Every function here that can fail reports with errcode_for_file_access()
 * and %m at the given elevel (normally ERROR); none ignores an error.
 */
#ifndef STORAGE_FD_H
#define STORAGE_FD_H

#include <sys/types.h>

#include "rustydb.h"

/*
 * The instance directory (-D): configuration files at the top, relation
 * files under DataDir/data/.  Defined in fd.c, set by the postmaster before
 * anything opens a file; allocated in TopMemoryContext (or static).
 */
extern char *DataDir;

/* Path of a file under DataDir/data/, palloc'd in CurrentMemoryContext. */
extern char *DataFilePath(const char *relative);

/*
 * FileReadFull / FileWriteFull -- pread/pwrite exactly len bytes at offset,
 * retrying short transfers and EINTR.  FileReadFull returns the number of
 * bytes read, less than len only at end of file.  FileWriteFull ERRORs
 * (ERRCODE_DISK_FULL for ENOSPC) on failure.  path is for messages only.
 */
extern Size FileReadFull(int fd, void *buf, Size len, off_t offset, const char *path);
extern void FileWriteFull(int fd, const void *buf, Size len, off_t offset, const char *path);
/* fsync a file or directory by path; reports at elevel (ERROR or PANIC). */
extern void FileSyncPath(const char *path, bool is_dir, int elevel);
/*
 * FileWriteAtomic -- replace path with data: write path.tmp, fsync it, rename
 * over path, fsync the directory.  ERROR on failure (the old file survives).
 */
extern void FileWriteAtomic(const char *path, const void *data, Size len);
/* mkdir -p with mode 0700; ERROR on failure other than EEXIST. */
extern void DirectoryCreateRecursive(const char *path);

#endif                          /* STORAGE_FD_H */
