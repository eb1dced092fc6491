/*
 * control.c
 *     The control file, DataDir/data/global/rustydb_control: instance
 *     identity, clean-shutdown state, the next xid and the xid prefetch
 *     limit (and, later, checkpoint locations for WAL).
 * Entry points: ControlFileCreate(), ControlFileRead(), ControlFileUpdate().
 * Format: README in this directory.  Writes are atomic (write temp file,
 * fsync, rename, fsync directory) so a crash leaves the old or new version.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/time.h>
#include <unistd.h>

#include "access/transam.h"
#include "common/crc32c.h"
#include "storage/fd.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* Bytes written to disk: the struct, zero-padded (room to grow). */
#define CONTROL_FILE_SIZE 512
StaticAssertDecl(sizeof(ControlFileData) <= CONTROL_FILE_SIZE, "control file too large");

/* First OID the catalog hands out to user objects (as PostgreSQL). */
#define FIRST_NORMAL_OBJECT_ID 16384

ControlFileData *ControlFile = NULL;

Size
ControlFileShmemSize(void)
{
    return sizeof(ControlFileData);
}

void
ControlFileShmemInit(void)
{
    bool        found;

    ControlFile = ShmemInitStruct("Control File", sizeof(ControlFileData), &found);
}

static uint32
control_crc(const ControlFileData *cf)
{
    return Crc32c(cf, offsetof(ControlFileData, crc));
}

static int64
now_us(void)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return (int64) tv.tv_sec * 1000000 + tv.tv_usec;
}

void
ControlFileCreate(void)
{
    uint64      sysid;
    char       *dir = DataFilePath("global");

    DirectoryCreateRecursive(dir);
    pfree(dir);
    if (getrandom(&sysid, sizeof(sysid), 0) != (ssize_t) sizeof(sysid))
        sysid = ((uint64) now_us() << 12) ^ (uint64) getpid();

    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    memset(ControlFile, 0, sizeof(ControlFileData));
    ControlFile->magic = RDB_CONTROL_MAGIC;
    ControlFile->version = RDB_CONTROL_VERSION;
    ControlFile->system_identifier = sysid;
    ControlFile->state = DB_STATE_SHUTDOWNED;
    ControlFile->blcksz = BLCKSZ;
    ControlFile->next_xid = FirstNormalTransactionId;
    ControlFile->xid_limit = FirstNormalTransactionId;
    ControlFile->next_oid = FIRST_NORMAL_OBJECT_ID;
    ControlFileUpdate();
    LWLockRelease(MainLWLock(ControlFileLock));
}

void
ControlFileRead(void)
{
    char       *path = DataFilePath(RDB_CONTROL_FILE);
    char        raw[CONTROL_FILE_SIZE];
    ControlFileData cf;
    int         fd;
    Size        n;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not open control file \"%s\": %m", path),
                errhint("Is the instance initialised (rustydb-initdb)?"));
    RDB_TRY();
    {
        n = FileReadFull(fd, raw, sizeof(raw), 0, path);
    }
    RDB_CATCH();
    {
        close(fd);
        ReThrowCurrentError();
    }
    RDB_END_TRY();
    close(fd);
    if (n < sizeof(ControlFileData))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("control file \"%s\" is truncated: %zu bytes", path, n));
    memcpy(&cf, raw, sizeof(cf));
    if (cf.magic != RDB_CONTROL_MAGIC)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("\"%s\" is not a RustyDB control file", path));
    if (cf.crc != control_crc(&cf))
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("incorrect checksum in control file \"%s\"", path));
    if (cf.version != RDB_CONTROL_VERSION)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("control file version %u is not supported (expected %u)",
                       cf.version, RDB_CONTROL_VERSION),
                errdetail("The version also stands for the on-disk formats of heap tuples "
                          "and index entries, which differ between the two."),
                errhint("Create a new instance with rustydb-initdb and reload the data."));
    if (cf.blcksz != BLCKSZ)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("instance was initialised with block size %u, server uses %d",
                       cf.blcksz, BLCKSZ));
    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    *ControlFile = cf;
    LWLockRelease(MainLWLock(ControlFileLock));
    pfree(path);
}

void
ControlFileUpdate(void)
{
    char        raw[CONTROL_FILE_SIZE];
    char       *path = DataFilePath(RDB_CONTROL_FILE);

    Assert(LWLockHeldByMeInMode(MainLWLock(ControlFileLock), LW_EXCLUSIVE));
    ControlFile->time_us = now_us();
    ControlFile->crc = control_crc(ControlFile);
    memset(raw, 0, sizeof(raw));
    memcpy(raw, ControlFile, sizeof(ControlFileData));
    FileWriteAtomic(path, raw, sizeof(raw));
    pfree(path);
}
