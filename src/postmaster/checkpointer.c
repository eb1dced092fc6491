/*
 * checkpointer.c
 *     The checkpointer: an auxiliary process that runs a checkpoint every
 *     checkpoint_timeout, when the WAL written since the last one exceeds
 *     max_wal_size, and whenever a backend asks (CHECKPOINT).
 * Entry points: CheckpointerMain(), RequestCheckpoint(),
 * CheckpointerShmemSize()/CheckpointerShmemInit().
 *
 * Requests are counted: a requester increments `requested` and waits until
 * `completed` (or `failed`) reaches its number.  The checkpointer snapshots
 * `requested` before starting, so one checkpoint serves every request made
 * before it began.  It polls every 100 ms, so a request waits at most that
 * long to start.
 * Timed checkpoints spread their writes over checkpoint_completion_target
 * of checkpoint_timeout (FlushAllBuffersPaced); a request that arrives
 * meanwhile makes the running one finish at full speed (CheckpointerHurry),
 * then is served by the next.
 */
#include "rustydb.h"

#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "access/xlog.h"
#include "commands/jobqueue.h"
#include "miscadmin.h"
#include "postmaster/checkpointer.h"
#include "storage/bufmgr.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/guc.h"

typedef struct CheckpointerShared
{
    atomic_int  pid;            /* checkpointer's pid, 0 if not running */
    _Atomic uint64 requested;   /* requests made so far */
    _Atomic uint64 completed;   /* highest request number served successfully */
    _Atomic uint64 failed;      /* highest request number whose checkpoint failed */
} CheckpointerShared;

static CheckpointerShared *Ckpt = NULL;

Size
CheckpointerShmemSize(void)
{
    return sizeof(CheckpointerShared);
}

void
CheckpointerShmemInit(void)
{
    bool        found;

    Ckpt = ShmemInitStruct("checkpointer", sizeof(CheckpointerShared), &found);
    if (!found)
        memset(Ckpt, 0, sizeof(CheckpointerShared));
}

static int64
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
clear_pid(int code, Datum arg)
{
    (void) code;
    (void) arg;
    atomic_store(&Ckpt->pid, 0);
}

/*
 * run_checkpoint -- one checkpoint, errors caught: a failed checkpoint is
 * logged and reported to its requesters, and the next one is tried later.
 */
static bool
run_checkpoint(int flags)
{
    volatile bool ok = true;

    RDB_TRY();
    {
        CreateCheckPoint(flags);
    }
    RDB_CATCH();
    {
        EmitErrorReport();
        AtAbort_Buffers();
        LWLockReleaseAll();
        FlushErrorState();
        ok = false;
    }
    RDB_END_TRY();
    return ok;
}

void
CheckpointerMain(void)
{
    int64       last = now_ms();

    if (!StorageAttachProcess(B_CHECKPOINTER))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the checkpointer"));
    atomic_store(&Ckpt->pid, (int) getpid());
    OnProcExit(clear_pid, (Datum) 0);
    /* CHECKPOINT jobs queued through the admin API or SQL run here. */
    JobQueueAnnounceExecutor(JOB_OP_BIT(JOB_OP_CHECKPOINT));
    while (!ProcDiePending)
    {
        JobSnapshot job;
        uint64      requested = atomic_load(&Ckpt->requested);
        bool        asked = requested > atomic_load(&Ckpt->completed) &&
            requested > atomic_load(&Ckpt->failed);
        bool        timed = now_ms() - last >= (int64) CheckpointTimeoutS * 1000;
        bool        wal_full = WalSinceLastCheckpoint() >= (uint64) MaxWalSizeMb * 1024 * 1024;

        if (ConfigReloadPending)
            GucProcessPendingReload();
        if (asked || timed || wal_full)
        {
            bool        ok = run_checkpoint((asked || wal_full) ? CHECKPOINT_REQUESTED : 0);

            atomic_store(ok ? &Ckpt->completed : &Ckpt->failed, requested);
            last = now_ms();
            continue;
        }
        if (JobClaimNext(JOB_OP_BIT(JOB_OP_CHECKPOINT), InvalidOid, &job))
        {
            bool        ok = run_checkpoint(CHECKPOINT_REQUESTED);

            JobFinish(job.id, ok ? JOB_STATUS_SUCCEEDED : JOB_STATUS_FAILED,
                      ok ? NULL : "checkpoint failed: see the server log", NULL);
            last = now_ms();
            continue;
        }
        SleepMs(100);
    }
}

bool
CheckpointerHurry(void)
{
    return ProcDiePending ||
        atomic_load(&Ckpt->requested) > Max(atomic_load(&Ckpt->completed),
                                            atomic_load(&Ckpt->failed));
}

void
RequestCheckpoint(void)
{
    uint64      mine;

    if (atomic_load(&Ckpt->pid) == 0)
    {
        CreateCheckPoint(CHECKPOINT_REQUESTED);
        return;
    }
    mine = atomic_fetch_add(&Ckpt->requested, 1) + 1;
    for (;;)
    {
        if (atomic_load(&Ckpt->completed) >= mine)
            return;
        if (atomic_load(&Ckpt->failed) >= mine)
            ereport(ERROR, errcode(ERRCODE_SYSTEM_ERROR),
                    errmsg("checkpoint request failed"),
                    errhint("Consult recent messages in the server log for details."));
        if (atomic_load(&Ckpt->pid) == 0)
        {
            /* The checkpointer died; it is restarted, and counters survive. */
            SleepMs(100);
            continue;
        }
        CHECK_FOR_INTERRUPTS();
        SleepMs(10);
    }
}
