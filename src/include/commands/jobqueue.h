/*
 * jobqueue.h
 *     The maintenance job table: every VACUUM, ANALYZE, REINDEX and
 *     CHECKPOINT requested through the admin API (and later from SQL and by
 *     autovacuum) is a job with an id, a state, progress and results, kept in
 *     a fixed table in shared memory.
 * Implemented in src/backend/commands/jobqueue.c; the job model is issue 5,
 * the admin API that feeds it is issue 7 (src/backend/admin/README.md).
 *
 * Life cycle:
 *
 *     JobSubmit()            -> queued
 *     JobClaimNext()         queued -> running      (a worker takes it)
 *     JobSetProgress()       running, any number of times
 *     JobFinish()            running -> succeeded | failed | cancelled
 *     JobCancel()            queued -> cancelled at once;
 *                            running -> cancel_requested set; the worker polls
 *                            JobCancelRequested() and finishes as cancelled
 *
 * Until the maintenance engine (issue 5) registers workers that call
 * JobClaimNext(), queued jobs simply stay queued: nothing here pretends to
 * run them, and the admin API reports "queued" truthfully.
 *
 * Layout: a header plus job_slots fixed-size JobSlot records without
 * pointers, so that the history can later be written to and read back from
 * a file as-is (persistence across restarts is a later issue).  When every
 * slot is taken, JobSubmit() recycles the slot of the job that finished
 * longest ago; queued and running jobs are never recycled.
 *
 * Locking: one LWLock (tranche LWTRANCHE_JOBS) in the header protects every
 * field of every slot and the id counter.  It is a leaf lock: no other lock
 * is taken while it is held, and nothing that can ERROR runs under it.
 */
#ifndef COMMANDS_JOBQUEUE_H
#define COMMANDS_JOBQUEUE_H

#include <sys/types.h>

#include "rustydb.h"

/* Job ids are positive, never reused while the table lives; 0 = none. */
typedef uint64 JobId;
#define InvalidJobId ((JobId) 0)

typedef enum JobOperation
{
    JOB_OP_VACUUM = 0,
    JOB_OP_ANALYZE,
    JOB_OP_REINDEX,
    JOB_OP_CHECKPOINT,
    JOB_OP_COUNT
} JobOperation;

/* Bit for an operation in JobClaimNext()'s operation_mask. */
#define JOB_OP_BIT(op) (1 << (op))
#define JOB_OP_MASK_ALL ((1 << JOB_OP_COUNT) - 1)

typedef enum JobOrigin
{
    JOB_ORIGIN_SQL = 0,
    JOB_ORIGIN_AUTOVACUUM,
    JOB_ORIGIN_API,
    JOB_ORIGIN_COUNT
} JobOrigin;

typedef enum JobStatus
{
    JOB_STATUS_QUEUED = 0,
    JOB_STATUS_RUNNING,
    JOB_STATUS_SUCCEEDED,
    JOB_STATUS_FAILED,
    JOB_STATUS_CANCELLED,
    JOB_STATUS_COUNT
} JobStatus;

#define JobStatusIsFinal(s) ((s) >= JOB_STATUS_SUCCEEDED)

/* Option bits (JobRequest.options). */
#define JOB_OPT_FULL          0x0001    /* VACUUM FULL */
#define JOB_OPT_VERBOSE       0x0002    /* VERBOSE */
#define JOB_OPT_ANALYZE       0x0004    /* VACUUM ANALYZE */
#define JOB_OPT_CONCURRENTLY  0x0008    /* REINDEX CONCURRENTLY */

/* Bounds of a job record (all sizes include the terminating NUL). */
#define JOB_MAX_TABLES 32               /* tables named in one request */
#define JOB_TABLE_NAME_LEN (2 * NAMEDATALEN)   /* "schema.table" */
#define JOB_PHASE_LEN 64
#define JOB_ERROR_LEN 512
#define JOB_MAX_RESULTS 32              /* per-table result rows kept */

/* Default number of slots; bound to a setting, see JobQueueSlots. */
#define JOB_QUEUE_DEFAULT_SLOTS 256

/*
 * What is asked for.  tables empty (ntables = 0) means every table of the
 * database.  Table names are as the user wrote them ("t", "s.t", "\"T\"";
 * validated as identifiers, not looked up): the executing worker resolves
 * them in its database and fails the job naming a table that does not exist.
 * The database is given by OID (SQL, autovacuum) or, from the admin API,
 * which cannot read catalogs, by name (database_id InvalidOid; "" = the
 * default database "rustydb"): the executor resolves it.
 */
typedef struct JobRequest
{
    JobOperation operation;
    JobOrigin   origin;
    Oid         database_id;    /* InvalidOid: resolve database_name */
    char        database_name[NAMEDATALEN];
    uint32      options;        /* JOB_OPT_* */
    int         ntables;
    char        tables[JOB_MAX_TABLES][JOB_TABLE_NAME_LEN];
} JobRequest;

/* Progress, written by the worker through JobSetProgress(). */
typedef struct JobProgress
{
    char        phase[JOB_PHASE_LEN];   /* "scanning heap", "vacuuming indexes", ... */
    uint32      tables_done;
    uint32      tables_total;
    uint64      pages_scanned;
    uint64      pages_total;
    uint32      indexes_done;
    uint32      indexes_total;
} JobProgress;

/* Result figures of one table; a figure that does not apply to the operation stays 0. */
typedef struct JobTableResult
{
    char        table_name[JOB_TABLE_NAME_LEN];
    uint64      dead_tuples_removed;    /* VACUUM */
    uint64      pages_scanned;          /* VACUUM, ANALYZE */
    uint64      pages_freed;            /* VACUUM (truncation, FULL rewrite) */
    uint64      rows_sampled;           /* ANALYZE */
    uint32      indexes_rebuilt;        /* REINDEX, VACUUM FULL */
    int64       duration_ms;
} JobTableResult;

typedef struct JobResult
{
    int         ntables;
    JobTableResult tables[JOB_MAX_RESULTS];
} JobResult;

/* A consistent copy of one job, taken under the lock. */
typedef struct JobSnapshot
{
    JobId       id;
    JobRequest  request;
    JobStatus   status;
    JobProgress progress;
    int64       submitted_at_us;        /* Unix microseconds */
    int64       started_at_us;          /* 0 until claimed */
    int64       finished_at_us;         /* 0 until final */
    bool        cancel_requested;
    pid_t       worker_pid;             /* 0 unless claimed */
    char        error[JOB_ERROR_LEN];   /* "" unless failed or cancelled */
    JobResult   result;
} JobSnapshot;

/* Result of JobCancel(). */
typedef enum JobCancelResult
{
    JOB_CANCEL_NOT_FOUND,       /* no such job (or recycled) */
    JOB_CANCEL_ALREADY_FINISHED,    /* succeeded, failed or cancelled before */
    JOB_CANCEL_DONE,            /* was queued: now cancelled */
    JOB_CANCEL_REQUESTED        /* is running: the worker was asked to stop */
} JobCancelResult;

/* ---------- jobqueue.c ---------- */

/*
 * Number of slots in the table; set before shared memory is created (bound
 * to the setting maintenance_job_history by the configuration module).
 */
extern int  JobQueueSlots;

/* Shared memory: the area for JobQueueSlots jobs, and its creation (ipci.c). */
extern Size JobQueueShmemSize(void);
extern void JobQueueShmemInit(void);

/*
 * JobQueueAreaSize / JobQueueInitArea -- the same for an area the caller
 * provides (unit tests; a future history file loader).  JobQueueInitArea
 * formats area (of JobQueueAreaSize(nslots) bytes, MAXALIGNed) as an empty
 * table and makes it the table this process uses.
 */
extern Size JobQueueAreaSize(int nslots);
extern void JobQueueInitArea(void *area, int nslots);

/*
 * JobSubmit -- queue a job; returns its id, or InvalidJobId when every slot
 * holds a queued or running job (the caller reports "queue full").  The
 * request must be valid (operation, option bits, ntables within bounds,
 * NUL-terminated names): Assert only, the caller validates user input.
 * Takes and releases the job lock.
 */
extern JobId JobSubmit(const JobRequest *request);

/*
 * JobSubmitRunning -- submit a job already claimed by the calling process
 * (it runs the work itself: SQL VACUUM/ANALYZE, autovacuum).  Returns the id
 * or InvalidJobId if the table is full.  Added by the maintenance engine.
 */
extern JobId JobSubmitRunning(const JobRequest *request);

/* JobGet -- copy job id into *out; false if there is no such job (any more). */
extern bool JobGet(JobId id, JobSnapshot *out);

/*
 * JobList -- copy up to max jobs, newest first, into out; returns how many.
 * JobCount -- number of jobs in the table per status (counts[JOB_STATUS_COUNT]).
 */
extern int  JobList(JobSnapshot *out, int max);
extern void JobCount(int *counts);

/* JobCancel -- see JobCancelResult.  Takes and releases the job lock. */
extern JobCancelResult JobCancel(JobId id);

/*
 * For the processes that execute jobs (maintenance engine, checkpointer).
 *
 * JobClaimNext -- take the oldest queued job whose operation is in
 * operation_mask (JOB_OP_BIT) and whose database is database_id (InvalidOid:
 * any database; jobs that name their database only by name match every
 * database_id, and the executor resolves the name), mark it running by this process and copy it into *out.
 * False if there is none.  The claiming process becomes its owner: it must
 * call JobFinish() (also on error; a worker that dies leaves the job
 * "running" until JobReapWorker() is called for its pid).
 */
extern bool JobClaimNext(int operation_mask, Oid database_id, JobSnapshot *out);
/* JobSetProgress -- replace the progress of running job id (owner only). */
extern void JobSetProgress(JobId id, const JobProgress *progress);
/*
 * JobFinish -- final state of running job id (owner only): status is
 * succeeded, failed or cancelled; error may be NULL; result may be NULL (no
 * figures).  Clears this process's current job.
 */
extern void JobFinish(JobId id, JobStatus status, const char *error, const JobResult *result);
/*
 * JobCancelRequested -- has the job this process claimed last (and not yet
 * finished) been asked to stop?  Cheap enough to call per page.
 */
extern bool JobCancelRequested(void);
/*
 * JobQueueAnnounceExecutor -- a process that executes jobs of the operations
 * in operation_mask (JOB_OP_BIT) calls it once at start, so that the admin
 * API can tell "queued, a worker will take it" from "queued, nothing runs
 * these jobs yet".  Bits are never cleared (a crash restart re-creates the
 * table).  JobQueueExecutorMask -- the bits announced so far.
 */
extern void JobQueueAnnounceExecutor(int operation_mask);
extern int  JobQueueExecutorMask(void);
/*
 * JobReapWorker -- mark every job still running in process pid as failed
 * ("worker process exited unexpectedly").  For whoever reaps workers.
 */
extern void JobReapWorker(pid_t pid);

/* Names for display and parsing ("vacuum", "succeeded", "api"). */
extern const char *JobOperationName(JobOperation op);
extern const char *JobStatusName(JobStatus status);
extern const char *JobOriginName(JobOrigin origin);
/* Case-insensitive; false if unknown. */
extern bool JobOperationFromName(const char *name, JobOperation *out);
extern bool JobStatusFromName(const char *name, JobStatus *out);

#endif                          /* COMMANDS_JOBQUEUE_H */
