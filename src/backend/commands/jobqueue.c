/*
 * jobqueue.c
 *     The shared-memory table of maintenance jobs: submit, look up, list,
 *     cancel; claim, progress and finish for the processes that run them.
 * Entry points: see commands/jobqueue.h (the life cycle and the locking rule
 * are described there; the admin API's use of it in src/backend/admin/README.md).
 *
 * Why a flat array scanned linearly: the table is small (hundreds of slots),
 * operations are rare (a few per second at most), and a pointer-free array
 * can be written to a history file unchanged.  A hash by id was rejected as
 * needless complexity at this size.
 */
#include "rustydb.h"

#include <strings.h>
#include <time.h>

#include "commands/jobqueue.h"
#include "miscadmin.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef struct JobSlot
{
    bool        in_use;         /* protected by lock */
    JobSnapshot job;            /* protected by lock */
} JobSlot;

typedef struct JobQueueHeader
{
    LWLock      lock;           /* protects everything below; leaf lock */
    int         nslots;         /* set at init, immutable: no lock */
    JobId       next_id;        /* next id to hand out, >= 1 */
    uint32      executor_mask;  /* JOB_OP_BITs announced by executors */
    JobSlot     slots[FLEXIBLE_ARRAY_MEMBER];
} JobQueueHeader;

int         JobQueueSlots = JOB_QUEUE_DEFAULT_SLOTS;

/* This process's view of the table (shared memory or a test area). */
static JobQueueHeader *job_queue = NULL;

/* The job this process claimed and has not finished yet (workers). */
static JobId my_current_job = InvalidJobId;

static const char *const operation_names[JOB_OP_COUNT] = {
    [JOB_OP_VACUUM] = "vacuum",
    [JOB_OP_ANALYZE] = "analyze",
    [JOB_OP_REINDEX] = "reindex",
    [JOB_OP_CHECKPOINT] = "checkpoint",
};

static const char *const status_names[JOB_STATUS_COUNT] = {
    [JOB_STATUS_QUEUED] = "queued",
    [JOB_STATUS_RUNNING] = "running",
    [JOB_STATUS_SUCCEEDED] = "succeeded",
    [JOB_STATUS_FAILED] = "failed",
    [JOB_STATUS_CANCELLED] = "cancelled",
};

static const char *const origin_names[JOB_ORIGIN_COUNT] = {
    [JOB_ORIGIN_SQL] = "sql",
    [JOB_ORIGIN_AUTOVACUUM] = "autovacuum",
    [JOB_ORIGIN_API] = "api",
};

/* now_us -- wall clock, Unix microseconds. */
static int64
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* copy_text -- bounded copy that always NUL-terminates (no allocation, safe under the lock). */
static void
copy_text(char *dst, size_t dstlen, const char *src)
{
    size_t      n = src ? strnlen(src, dstlen - 1) : 0;

    if (n > 0)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

#ifdef USE_ASSERT_CHECKING
static bool
job_request_is_sane(const JobRequest *req)
{
    if ((unsigned) req->operation >= JOB_OP_COUNT || (unsigned) req->origin >= JOB_ORIGIN_COUNT)
        return false;
    if (req->ntables < 0 || req->ntables > JOB_MAX_TABLES)
        return false;
    if (req->options & ~(uint32) (JOB_OPT_FULL | JOB_OPT_VERBOSE | JOB_OPT_ANALYZE | JOB_OPT_CONCURRENTLY))
        return false;
    for (int i = 0; i < req->ntables; i++)
        if (strnlen(req->tables[i], JOB_TABLE_NAME_LEN) == JOB_TABLE_NAME_LEN)
            return false;
    if (strnlen(req->database_name, NAMEDATALEN) == NAMEDATALEN)
        return false;
    return true;
}
#endif

/*
 * find_slot -- the slot holding job id, or NULL.  Caller holds the lock.
 */
static JobSlot *
find_slot(JobId id)
{
    Assert(LWLockHeldByMe(&job_queue->lock));
    if (id == InvalidJobId)
        return NULL;
    for (int i = 0; i < job_queue->nslots; i++)
    {
        JobSlot    *slot = &job_queue->slots[i];

        if (slot->in_use && slot->job.id == id)
            return slot;
    }
    return NULL;
}

static void
check_attached(void)
{
    if (job_queue == NULL)
        elog(ERROR, "maintenance job table is not initialised in this process");
}

Size
JobQueueAreaSize(int nslots)
{
    Assert(nslots > 0);
    return add_size(offsetof(JobQueueHeader, slots), mul_size(sizeof(JobSlot), (Size) nslots));
}

void
JobQueueInitArea(void *area, int nslots)
{
    JobQueueHeader *hdr = (JobQueueHeader *) area;

    Assert(nslots > 0);
    memset(hdr, 0, JobQueueAreaSize(nslots));
    LWLockInitialize(&hdr->lock, LWTRANCHE_JOBS);
    hdr->nslots = nslots;
    hdr->next_id = 1;
    job_queue = hdr;
    my_current_job = InvalidJobId;
}

Size
JobQueueShmemSize(void)
{
    return JobQueueAreaSize(Max(JobQueueSlots, 1));
}

void
JobQueueShmemInit(void)
{
    bool        found;
    int         nslots = Max(JobQueueSlots, 1);
    void       *area = ShmemInitStruct("maintenance job table", JobQueueAreaSize(nslots), &found);

    if (!found)
        JobQueueInitArea(area, nslots);
    else
        job_queue = (JobQueueHeader *) area;
}

/*
 * submit_job -- put request in a free slot (else the finished job that
 * finished longest ago), queued, or running in the calling process when
 * running is set: one critical section, so that no worker can claim a job
 * its submitter runs itself.
 */
static JobId
submit_job(const JobRequest *request, bool running)
{
    JobSlot    *target = NULL;
    JobId       id;
    int64       now = now_us();

    check_attached();
    Assert(job_request_is_sane(request));
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    for (int i = 0; i < job_queue->nslots; i++)
    {
        JobSlot    *slot = &job_queue->slots[i];

        if (!slot->in_use)
        {
            target = slot;
            break;
        }
        if (JobStatusIsFinal(slot->job.status) &&
            (target == NULL || slot->job.finished_at_us < target->job.finished_at_us ||
             (slot->job.finished_at_us == target->job.finished_at_us && slot->job.id < target->job.id)))
            target = slot;
    }
    if (target == NULL)
    {
        LWLockRelease(&job_queue->lock);
        return InvalidJobId;
    }
    id = job_queue->next_id++;
    memset(target, 0, sizeof(*target));
    target->in_use = true;
    target->job.id = id;
    target->job.request = *request;
    target->job.submitted_at_us = now;
    target->job.progress.tables_total = (uint32) request->ntables;
    if (running)
    {
        target->job.status = JOB_STATUS_RUNNING;
        target->job.started_at_us = now;
        target->job.worker_pid = MyProcPid;
        copy_text(target->job.progress.phase, JOB_PHASE_LEN, "starting");
        my_current_job = id;
    }
    else
    {
        target->job.status = JOB_STATUS_QUEUED;
        copy_text(target->job.progress.phase, JOB_PHASE_LEN, "queued");
    }
    LWLockRelease(&job_queue->lock);
    return id;
}

JobId
JobSubmit(const JobRequest *request)
{
    return submit_job(request, false);
}

/*
 * JobSubmitRunning -- (maintenance engine hook) queue a job that the calling
 * process runs itself right away (SQL VACUUM/ANALYZE, autovacuum's own
 * runs): submitted and claimed atomically, so no worker can take it.
 */
JobId
JobSubmitRunning(const JobRequest *request)
{
    return submit_job(request, true);
}

bool
JobGet(JobId id, JobSnapshot *out)
{
    JobSlot    *slot;

    check_attached();
    LWLockAcquire(&job_queue->lock, LW_SHARED);
    slot = find_slot(id);
    if (slot != NULL)
        *out = slot->job;
    LWLockRelease(&job_queue->lock);
    return slot != NULL;
}

typedef struct JobOrder
{
    JobId       id;
    int         slotno;
} JobOrder;

static int
job_order_newest_first(const void *a, const void *b)
{
    JobId       ia = ((const JobOrder *) a)->id;
    JobId       ib = ((const JobOrder *) b)->id;

    return ia < ib ? 1 : (ia > ib ? -1 : 0);
}

int
JobList(JobSnapshot *out, int max)
{
    JobOrder   *order;
    int         n = 0;
    int         nout;

    check_attached();
    if (max <= 0)
        return 0;
    /* Allocate before locking: nothing under the lock may ERROR. */
    order = palloc(sizeof(JobOrder) * (Size) job_queue->nslots);
    LWLockAcquire(&job_queue->lock, LW_SHARED);
    for (int i = 0; i < job_queue->nslots; i++)
        if (job_queue->slots[i].in_use)
        {
            order[n].id = job_queue->slots[i].job.id;
            order[n].slotno = i;
            n++;
        }
    qsort(order, (size_t) n, sizeof(JobOrder), job_order_newest_first);
    nout = Min(n, max);
    for (int i = 0; i < nout; i++)
        out[i] = job_queue->slots[order[i].slotno].job;
    LWLockRelease(&job_queue->lock);
    pfree(order);
    return nout;
}

void
JobCount(int *counts)
{
    check_attached();
    memset(counts, 0, sizeof(int) * JOB_STATUS_COUNT);
    LWLockAcquire(&job_queue->lock, LW_SHARED);
    for (int i = 0; i < job_queue->nslots; i++)
        if (job_queue->slots[i].in_use)
            counts[job_queue->slots[i].job.status]++;
    LWLockRelease(&job_queue->lock);
}

JobCancelResult
JobCancel(JobId id)
{
    JobSlot    *slot;
    JobCancelResult result;
    int64       now = now_us();

    check_attached();
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    slot = find_slot(id);
    if (slot == NULL)
        result = JOB_CANCEL_NOT_FOUND;
    else if (JobStatusIsFinal(slot->job.status))
        result = JOB_CANCEL_ALREADY_FINISHED;
    else if (slot->job.status == JOB_STATUS_QUEUED)
    {
        slot->job.status = JOB_STATUS_CANCELLED;
        slot->job.cancel_requested = true;
        slot->job.finished_at_us = now;
        copy_text(slot->job.progress.phase, JOB_PHASE_LEN, "cancelled");
        copy_text(slot->job.error, JOB_ERROR_LEN, "cancelled before it started");
        result = JOB_CANCEL_DONE;
    }
    else
    {
        slot->job.cancel_requested = true;
        result = JOB_CANCEL_REQUESTED;
    }
    LWLockRelease(&job_queue->lock);
    return result;
}

bool
JobClaimNext(int operation_mask, Oid database_id, JobSnapshot *out)
{
    JobSlot    *best = NULL;
    int64       now = now_us();

    check_attached();
    Assert(my_current_job == InvalidJobId);
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    for (int i = 0; i < job_queue->nslots; i++)
    {
        JobSlot    *slot = &job_queue->slots[i];

        if (!slot->in_use || slot->job.status != JOB_STATUS_QUEUED)
            continue;
        if (!(operation_mask & JOB_OP_BIT(slot->job.request.operation)))
            continue;
        if (OidIsValid(database_id) && OidIsValid(slot->job.request.database_id) &&
            slot->job.request.database_id != database_id)
            continue;
        if (best == NULL || slot->job.id < best->job.id)
            best = slot;
    }
    if (best != NULL)
    {
        best->job.status = JOB_STATUS_RUNNING;
        best->job.started_at_us = now;
        best->job.worker_pid = MyProcPid;
        copy_text(best->job.progress.phase, JOB_PHASE_LEN, "starting");
        *out = best->job;
        my_current_job = best->job.id;
    }
    LWLockRelease(&job_queue->lock);
    return best != NULL;
}

void
JobSetProgress(JobId id, const JobProgress *progress)
{
    JobSlot    *slot;

    check_attached();
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    slot = find_slot(id);
    if (slot != NULL && slot->job.status == JOB_STATUS_RUNNING)
    {
        Assert(slot->job.worker_pid == MyProcPid);
        slot->job.progress = *progress;
        slot->job.progress.phase[JOB_PHASE_LEN - 1] = '\0';
    }
    LWLockRelease(&job_queue->lock);
}

void
JobFinish(JobId id, JobStatus status, const char *error, const JobResult *result)
{
    JobSlot    *slot;
    int64       now = now_us();

    check_attached();
    Assert(JobStatusIsFinal(status));
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    slot = find_slot(id);
    if (slot != NULL && slot->job.status == JOB_STATUS_RUNNING)
    {
        slot->job.status = status;
        slot->job.finished_at_us = now;
        copy_text(slot->job.progress.phase, JOB_PHASE_LEN, status_names[status]);
        copy_text(slot->job.error, JOB_ERROR_LEN, error);
        if (result != NULL)
        {
            slot->job.result = *result;
            slot->job.result.ntables = Max(0, Min(result->ntables, JOB_MAX_RESULTS));
            for (int i = 0; i < slot->job.result.ntables; i++)
                slot->job.result.tables[i].table_name[JOB_TABLE_NAME_LEN - 1] = '\0';
        }
    }
    LWLockRelease(&job_queue->lock);
    if (my_current_job == id)
        my_current_job = InvalidJobId;
}

bool
JobCancelRequested(void)
{
    bool        requested = false;
    JobSlot    *slot;

    if (job_queue == NULL || my_current_job == InvalidJobId)
        return false;
    LWLockAcquire(&job_queue->lock, LW_SHARED);
    slot = find_slot(my_current_job);
    if (slot != NULL)
        requested = slot->job.cancel_requested;
    LWLockRelease(&job_queue->lock);
    return requested;
}

void
JobQueueAnnounceExecutor(int operation_mask)
{
    check_attached();
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    job_queue->executor_mask |= (uint32) operation_mask & JOB_OP_MASK_ALL;
    LWLockRelease(&job_queue->lock);
}

int
JobQueueExecutorMask(void)
{
    int         mask;

    check_attached();
    LWLockAcquire(&job_queue->lock, LW_SHARED);
    mask = (int) job_queue->executor_mask;
    LWLockRelease(&job_queue->lock);
    return mask;
}

void
JobReapWorker(pid_t pid)
{
    int64       now = now_us();

    check_attached();
    LWLockAcquire(&job_queue->lock, LW_EXCLUSIVE);
    for (int i = 0; i < job_queue->nslots; i++)
    {
        JobSlot    *slot = &job_queue->slots[i];

        if (slot->in_use && slot->job.status == JOB_STATUS_RUNNING && slot->job.worker_pid == pid)
        {
            slot->job.status = JOB_STATUS_FAILED;
            slot->job.finished_at_us = now;
            copy_text(slot->job.progress.phase, JOB_PHASE_LEN, "failed");
            copy_text(slot->job.error, JOB_ERROR_LEN, "worker process exited unexpectedly");
        }
    }
    LWLockRelease(&job_queue->lock);
}

const char *
JobOperationName(JobOperation op)
{
    return (unsigned) op < JOB_OP_COUNT ? operation_names[op] : "unknown";
}

const char *
JobStatusName(JobStatus status)
{
    return (unsigned) status < JOB_STATUS_COUNT ? status_names[status] : "unknown";
}

const char *
JobOriginName(JobOrigin origin)
{
    return (unsigned) origin < JOB_ORIGIN_COUNT ? origin_names[origin] : "unknown";
}

bool
JobOperationFromName(const char *name, JobOperation *out)
{
    for (int i = 0; i < JOB_OP_COUNT; i++)
        if (strcasecmp(name, operation_names[i]) == 0)
        {
            *out = (JobOperation) i;
            return true;
        }
    return false;
}

bool
JobStatusFromName(const char *name, JobStatus *out)
{
    for (int i = 0; i < JOB_STATUS_COUNT; i++)
        if (strcasecmp(name, status_names[i]) == 0)
        {
            *out = (JobStatus) i;
            return true;
        }
    return false;
}
