/*
 * maintenance.h
 *     The maintenance engine's shared state and glue: per-table maintenance
 *     counters (DML counts since the last VACUUM/ANALYZE, last run times,
 *     tuples removed, pages freed, exact space figures), running
 *     VACUUM/ANALYZE as jobs of the job table (commands/jobqueue.h) with
 *     progress and cancellation, and the SQL functions behind
 *     v$maintenance_jobs, v$vacuum_horizon and rustydb_relation_space().
 * Implemented in src/backend/commands/{maintenance.c,maintenance_funcs.c};
 * see src/backend/commands/README.md ("Maintenance engine").
 *
 * The statistics collector (pgstat.h) keeps DML counts, live/dead
 * estimates and last (auto)vacuum/analyze times; VACUUM and ANALYZE report
 * to it.  What it does not keep -- pages freed, tuples pruned, analyze
 * duration, exact space -- lives here, in the shared area "maintenance
 * table stats", keyed by (database, relation): MaintenanceGetTableStats() /
 * MaintenanceListTableStats().
 */
#ifndef COMMANDS_MAINTENANCE_H
#define COMMANDS_MAINTENANCE_H

#include "rustydb.h"
#include "commands/jobqueue.h"
#include "utils/rel.h"

/* Per-table counters.  Times are Unix microseconds (0 = never). */
typedef struct MaintTableStats
{
    Oid         db_id;
    Oid         relid;
    /* DML counts, live/dead estimates: the statistics collector's (pgstat.h) */
    /* VACUUM */
    int64       last_vacuum_us;
    int64       last_autovacuum_us;
    int64       vacuum_count;
    int64       autovacuum_count;
    int64       last_vacuum_tuples_removed;
    int64       last_vacuum_pages_freed;
    int64       last_vacuum_duration_ms;
    int64       tuples_removed_total;
    int64       pages_freed_total;
    int64       pruned_tuples_total;    /* by opportunistic page pruning */
    /* ANALYZE */
    int64       last_analyze_us;
    int64       last_autoanalyze_us;
    int64       analyze_count;
    int64       autoanalyze_count;
    int64       last_analyze_duration_ms;
    /* exact space (bytes), as measured at space_measured_us (see README) */
    int64       live_bytes;
    int64       dead_bytes;
    int64       free_bytes;
    int64       space_measured_us;
} MaintTableStats;

/* Exact space of one relation, counted page by page (rustydb_relation_space). */
typedef struct RelationSpace
{
    int64       live_bytes;     /* tuples some snapshot may see as live (incl. in-progress) */
    int64       dead_bytes;     /* dead or recently dead tuple versions, and dead line pointers */
    int64       free_bytes;     /* free space inside pages (between line pointers and tuples) */
    int64       overhead_bytes; /* page headers, line pointers of live tuples, alignment */
    int64       pages;
} RelationSpace;

/* maintenance.c: shared area */
extern Size MaintenanceShmemSize(void);
extern void MaintenanceShmemInit(void);

/* A copy of one table's counters; false if nothing is recorded for it. */
extern bool MaintenanceGetTableStats(Oid db, Oid relid, MaintTableStats *out);
/* Copies of up to max entries of database db (InvalidOid: all); returns the count. */
extern int  MaintenanceListTableStats(Oid db, MaintTableStats *out, int max);
/* Forget a dropped table. */
extern void MaintenanceForgetTable(Oid db, Oid relid);

/*
 * MaintenanceCountChanges -- executor hook: the current statement (command
 * id) inserted, updated and deleted these numbers of rows of rel (called per
 * row or per statement; counts add up per command id).  If, when the
 * transaction commits, one statement changed more than
 * bulk_change_analyze_fraction of the table (and at least
 * autovacuum_analyze_threshold and 10000 rows), an autovacuum worker re-analyzes the
 * table right away.  (The DML counts themselves are pgstat's.)
 */
extern void MaintenanceCountChanges(Relation rel, int64 inserted, int64 updated, int64 deleted);

/* Results reported by VACUUM, ANALYZE and pruning. */
extern void MaintenanceReportVacuum(Oid db, Oid relid, bool autovacuum, int64 tuples_removed,
                                    int64 pages_freed, int64 live_tuples, int64 dead_tuples,
                                    int64 duration_ms, const RelationSpace *space);
extern void MaintenanceReportAnalyze(Oid db, Oid relid, bool autoanalyze, int64 live_tuples,
                                     int64 dead_tuples, int64 duration_ms);
extern void MaintenanceReportPrune(Oid db, Oid relid, int64 tuples_removed);
extern void MaintenanceReportSpace(Oid db, Oid relid, const RelationSpace *space);

/*
 * Jobs.  MaintenanceJobBegin -- record a VACUUM/ANALYZE/CHECKPOINT started
 * from SQL (or autovacuum) as a running job of this process; returns its id
 * (InvalidJobId if the job table is full: the work still runs, untracked).
 * MaintenanceJobProgress -- update phase and counters of this process's job
 * (cheap; rate-limited).  MaintenanceJobEnd -- final state.
 * MaintenanceCheckCancel -- CHECK_FOR_INTERRUPTS plus the job's cancel flag
 * (ERROR 57014 "canceling maintenance job N due to user request").
 */
extern JobId MaintenanceJobBegin(JobOperation op, JobOrigin origin, uint32 options,
                                 const char *const *tables, int ntables);
extern void MaintenanceJobAdopt(JobId id);      /* a claimed job (JobClaimNext) */
extern JobId MaintenanceCurrentJob(void);
extern void MaintenanceJobProgress(const char *phase, uint64 pages_done, uint64 pages_total,
                                   uint32 indexes_done, uint32 indexes_total);
extern void MaintenanceJobTableDone(const JobTableResult *result);
extern void MaintenanceJobEnd(JobStatus status, const char *error);
extern void MaintenanceCheckCancel(void);

/* Exact space accounting (maintenance.c): scans every page of rel under share locks. */
extern void RelationMeasureSpace(Relation rel, RelationSpace *out);

#endif                          /* COMMANDS_MAINTENANCE_H */
