/*
 * ipci.c
 *     The single list of subsystems that live in shared memory, segment
 *     creation and destruction, and storage start-up/shutdown sequencing.
 * Entry points: ShmemTotalSize(), SharedMemoryCreate(), SharedMemoryDestroy(),
 * StorageAttachProcess(), StorageStartup(), StorageShutdown(),
 * StorageInitForTests().
 *
 * To add a shared area: write XxxShmemSize()/XxxShmemInit() in your module
 * and add one line to shmem_subsystems[] below.  Order matters only in that
 * LWLocks come first (others may initialise locks in their areas) and the
 * proc array second.
 */
#include "rustydb.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/multixact.h"
#include "access/transam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "admin/admin.h"
#include "commands/jobqueue.h"
#include "commands/maintenance.h"
#include "catalog/catalog.h"
#include "pgstat.h"
#include "postmaster/autovacuum.h"
#include "postmaster/checkpointer.h"
#include "shmem_int.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lock.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/smgr.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef struct ShmemSubsystem
{
    const char *name;
    Size        (*size) (void);
    void        (*init) (void);
} ShmemSubsystem;

static const ShmemSubsystem shmem_subsystems[] = {
    {"lwlocks", LWLockShmemSize, LWLockShmemInit},
    {"proc array", ProcGlobalShmemSize, ProcGlobalShmemInit},
    {"control file", ControlFileShmemSize, ControlFileShmemInit},
    {"transaction ids", VarsupShmemSize, VarsupShmemInit},
    {"commit log", ClogShmemSize, ClogShmemInit},
    {"buffer pool", BufferShmemSize, BufferShmemInit},
    {"catalog", CatalogShmemSize, CatalogShmemInit},
    {"lock table", LockShmemSize, LockShmemInit},
    {"multixact table", MultiXactShmemSize, MultiXactShmemInit},    /* access/multixact.h */
    {"WAL", XLogShmemSize, XLogShmemInit},
    {"checkpointer", CheckpointerShmemSize, CheckpointerShmemInit},
    {"statistics", PgStatShmemSize, PgStatShmemInit},   /* pgstat.h: activity statistics */
    {"maintenance job table", JobQueueShmemSize, JobQueueShmemInit},
    {"admin API counters", AdminShmemSize, AdminShmemInit},
    /* maintenance engine: commands/maintenance.h, postmaster/autovacuum.h */
    {"maintenance table stats", MaintenanceShmemSize, MaintenanceShmemInit},
    {"autovacuum", AutoVacuumShmemSize, AutoVacuumShmemInit},
};

/* Extra room for small areas allocated by modules outside the list. */
#define SHMEM_SLACK (256 * 1024)

Size
ShmemTotalSize(void)
{
    Size        size = ShmemHeaderSize();

    for (size_t i = 0; i < lengthof(shmem_subsystems); i++)
    {
        size = add_size(size, shmem_subsystems[i].size());
        size = add_size(size, ShmemAreaOverhead());
    }
    return add_size(size, SHMEM_SLACK);
}

void
SharedMemoryCreate(void)
{
    Size        size = ShmemTotalSize();

    ShmemSegmentCreate(size);
    XLogResetProcessState();
    for (size_t i = 0; i < lengthof(shmem_subsystems); i++)
        shmem_subsystems[i].init();
    ereport(DEBUG1, errmsg_internal("created shared memory segment of %zu bytes", size));
}

void
SharedMemoryDestroy(void)
{
    ShmemSegmentDestroy();
}

bool
SharedMemoryIsAttached(void)
{
    return ShmemBase != NULL;
}

bool
StorageAttachProcess(BackendType backend_type)
{
    if (ProcSlotAcquire(backend_type) == NULL)
        return false;
    BufferInitBackend();
    LockInitBackend();
    XactInitProcess();
    return true;
}

/*
 * StorageStartup -- control file, next xid, commit log, then WAL: crash
 * recovery if the instance was not shut down cleanly (StartupXLOG).  An
 * instance with no checkpoint yet (initdb's bootstrap, before its final
 * shutdown checkpoint) has nothing to replay.  The caller is attached
 * (StorageAttachProcess) whenever the instance has a checkpoint, since
 * redo uses the buffer pool.
 */
void
StorageStartup(void)
{
    char       *path = DataFilePath("wal");

    DirectoryCreateRecursive(path);
    pfree(path);
    ControlFileRead();
    StartupTransactionIds();
    ClogStartup();
    if (ControlFile->checkpoint_lsn != InvalidXLogRecPtr)
    {
        if (MyProc == NULL)
            elog(ERROR, "WAL start-up needs an attached process");
        StartupXLOG();
    }
}

/*
 * StorageShutdown -- clean shutdown: a shutdown checkpoint writes every
 * dirty buffer and the commit log, logs the checkpoint record, and marks
 * the control file "shut down" with the exact next xid.  The next start
 * then replays nothing.
 */
void
StorageShutdown(void)
{
    CreateCheckPoint(CHECKPOINT_IS_SHUTDOWN);
    SmgrCloseAll();
}

void
StorageInitForTests(const char *tmpdir, int nbuffers)
{
    char       *path;
    bool        have_control;

    if (TopMemoryContext == NULL)
        MemoryContextInit();
    DataDir = MemoryContextStrdup(TopMemoryContext, tmpdir);
    path = DataFilePath("base");
    DirectoryCreateRecursive(path);
    pfree(path);
    path = DataFilePath("global");
    DirectoryCreateRecursive(path);
    pfree(path);
    path = DataFilePath("wal");
    DirectoryCreateRecursive(path);
    pfree(path);
    path = DataFilePath(RDB_CONTROL_FILE);
    have_control = access(path, F_OK) == 0;
    pfree(path);

    SharedBuffers = nbuffers;
    SharedMemoryCreate();
    if (!have_control)
        ControlFileCreate();
    if (!StorageAttachProcess(B_STANDALONE))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("sorry, too many clients already"));
    StorageStartup();
    /* A new test instance starts like an initdb'ed one that is then started. */
    if (!have_control)
    {
        BootstrapXLOG();
        StartupXLOG();
    }
}

void
StorageShutdownForTests(void)
{
    AbortOutOfAnyTransaction();
    StorageShutdown();
    ReleaseAllBufferPins();
    ProcSlotRelease();
    SharedMemoryDestroy();
}
