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
#include "storage/bufpage.h"
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
    /*
     * Exact space (bytes).  With space_valid, maintained incrementally from a
     * baseline taken at space_measured_us (README "Exact space"); without
     * it, the figures of the last VACUUM scan, if any (informational only).
     */
    int64       live_bytes;
    int64       dead_bytes;
    int64       free_bytes;
    int64       space_measured_us;
    bool        space_valid;
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

/*
 * ---------- exact space accounting (README "Exact space") ----------
 *
 * RelationMeasureSpace -- count every page of rel under share locks (the
 * on-demand measurement; maintenance.c; an index: RelationMeasureIndexSpace).
 *
 * RelationGetSpace -- the space of a heap table or B-tree index: the
 * incrementally kept counters when they are valid (O(1)); otherwise a
 * measurement, installed as the new baseline when a ShareLock on the table
 * (an index's table) is available at once and, for a table, this
 * transaction has no pending changes of it.  Returns where the figures
 * came from.  (space.c)
 */
typedef enum RelationSpaceSource
{
    SPACE_FROM_COUNTERS = 0,    /* the maintained counters (committed changes) */
    SPACE_NEW_BASELINE = 1,     /* measured now and installed as the counters' baseline */
    SPACE_MEASURED = 2          /* measured now; the counters stay invalid */
} RelationSpaceSource;

extern void RelationMeasureSpace(Relation rel, RelationSpace *out);
extern RelationSpaceSource RelationGetSpace(Relation rel, RelationSpace *out);

/*
 * Heap hooks (space.c).  Only user tables (relkind 'r', OID >=
 * FirstNormalObjectId) are tracked; the calls are no-ops for the rest.
 * Must not be called inside a critical section.
 *  HeapSpaceNoteChange -- this transaction inserted and deleted tuple
 *      versions of these stored lengths and changed the pages' exact free
 *      space by free_delta (a new page: +BLCKSZ - page header).  Pending
 *      until the (sub)transaction ends.
 *  HeapSpaceNoteClean -- a page was pruned or vacuumed (or the end of the
 *      relation truncated): dead and free bytes change now, whatever
 *      happens to the transaction.  Published at once; the caller still
 *      holds the page's buffer lock.
 *  HeapSpaceCleanBegin/End -- around a page cleaning (pruneheap.c,
 *      VACUUM's second pass; vacuum_xlog.c HeapPageClean): the change of the
 *      page's stored tuples plus dead line pointers is the change of dead
 *      bytes, its exact free space change that of free bytes; both go to
 *      HeapSpaceNoteClean.
 *  HeapSpaceNoteTruncate -- VACUUM is about to cut blocks [new_end, old_end)
 *      (their buffers still present): their free space (and any dead line
 *      pointers) leave the counters.
 *  HeapSpaceNoteNewFile -- rel got a new, empty file (CREATE TABLE,
 *      TRUNCATE): at commit the counters restart from it.
 *  HeapSpaceNoteInvalidate -- the file was written without the hooks
 *      (VACUUM FULL): the counters become invalid when the transaction ends.
 *  HeapSpaceNoteDrop -- DROP TABLE: its shared entry is freed at commit.
 *  HeapSpaceMayPrune -- false while a baseline measurement of rel runs:
 *      opportunistic pruning must skip it (checked under the cleanup lock).
 */
extern void HeapSpaceNoteChange(Relation rel, int64 inserted, int64 deleted, int64 free_delta);
extern void HeapSpaceNoteClean(Relation rel, int64 dead_delta, int64 free_delta);
typedef struct HeapSpaceMark
{
    bool        tracked;
    int64       stored;
    int64       free_bytes;
} HeapSpaceMark;
extern void HeapSpaceCleanBegin(Relation rel, Page page, HeapSpaceMark *mark);
extern void HeapSpaceCleanEnd(Relation rel, Page page, const HeapSpaceMark *mark);
extern void HeapSpaceNoteTruncate(Relation rel, BlockNumber new_end, BlockNumber old_end);
extern void HeapSpaceNoteNewFile(Oid relid, char relkind);
extern void HeapSpaceNoteInvalidate(Relation rel);
extern void HeapSpaceNoteDrop(Oid relid, char relkind);    /* DROP TABLE: the entry goes at commit */
extern bool HeapSpaceMayPrune(Relation rel);

/*
 * Transaction ends (called by access/transam/xact.c after the outcome is in
 * the commit log and before the heavyweight locks are released; must not
 * ERROR).  A transaction that changed no tracked table does no work here.
 */
extern void AtEOXact_Space(bool is_commit);
extern void AtEOSubXact_Space(bool is_commit, int nest_level);

/*
 * The arithmetic of publication (pure, space.c; unit-tested): what a
 * relation's pending changes add to its counters when the transaction
 * commits or aborts.
 */
typedef struct SpacePendingDelta
{
    int64       inserted;       /* tuple bytes inserted (outcome pending) */
    int64       deleted;        /* tuple bytes deleted (outcome pending) */
    int64       dead_final;     /* bytes dead whatever the outcome (aborted subtransactions, cleaning) */
    int64       free_delta;     /* change of free bytes (permanent) */
} SpacePendingDelta;

extern void SpaceDeltaOutcome(const SpacePendingDelta *d, bool is_commit,
                              int64 *live, int64 *dead, int64 *free_bytes);
/* A subtransaction ended: fold child into parent (commit), or its inserts become dead (abort). */
extern void SpaceDeltaSubxactEnd(SpacePendingDelta *parent, const SpacePendingDelta *child,
                                 bool is_commit);

/* Shared counters (maintenance.c), under the maintenance lock. */
extern void MaintenanceSpaceAdd(Oid db, Oid relid, int64 live, int64 dead, int64 free_bytes);
extern void MaintenanceSpaceInstall(Oid db, Oid relid, int64 live, int64 dead, int64 free_bytes);
extern void MaintenanceSpaceInvalidate(Oid db, Oid relid);    /* InvalidOid relid: every table of db */
extern bool MaintenanceSpaceRead(Oid db, Oid relid, RelationSpace *out);   /* false unless valid */
extern int  MaintenanceSpaceBeginMeasure(Oid db, Oid relid);  /* slot, or -1 if none free */
extern void MaintenanceSpaceEndMeasure(int slot);
extern bool MaintenanceSpaceMeasuring(Oid db, Oid relid);

/*
 * ---------- exact space of B-tree indexes (README "Exact space", "Indexes") ----------
 *
 * Index pages change physically and at once (an aborted insert's entry
 * stays on its leaf until VACUUM removes it), so an index's counters are
 * changed at once too, whatever becomes of the transaction: one shared
 * slot per index file, keyed by (database, relfilenode), whose counters the
 * index's writers add to with atomic operations while they still hold the
 * changed page's buffer lock.  What the figures mean is what
 * IndexSpacePageTotals counts.  Only user indexes (relkind 'i', OID >=
 * FirstNormalObjectId) are tracked; the hooks are no-ops for the rest and
 * during recovery.  They neither ERROR nor allocate; call them after the
 * page's critical section, before its buffer lock is released (finding
 * the slot the first time takes the maintenance lock).  (space_index.c)
 *
 *  IndexSpacePageTotals -- the measurement's view of one page (pure):
 *      block 0 (the metapage) counts nothing; a new, all-zero page is
 *      BLCKSZ - page header free; otherwise free = PageGetExactFreeSpace,
 *      live = stored length of every normal item (leaf entries, pivots, high
 *      keys), dead = line pointer + stored length of every LP_DEAD item.
 *  IndexSpaceNoteNewFile -- rel's file was just created with only its
 *      metapage (BTreeInitMetapage: CREATE INDEX, REINDEX, TRUNCATE,
 *      VACUUM FULL): its counters are valid from 0.  The slot goes when the
 *      file is removed (catalog/storage.c calls MaintenanceIndexSpaceForget).
 *  IndexSpaceNoteNewPage -- rel was extended by one zeroed page (its free space).
 *  IndexSpaceNoteChange -- the page changed by these deltas (an insert
 *      that needed no split: live + item length, free by the exact free
 *      space difference).
 *  IndexSpacePageBegin/End -- around any other change of one page (split
 *      halves, a new root, a build page, a bulk delete): the difference of
 *      IndexSpacePageTotals goes to the counters.
 *  RelationMeasureIndexSpace -- every page of the index under share locks.
 */
typedef struct IndexSpaceTotals
{
    int64       live_bytes;
    int64       dead_bytes;
    int64       free_bytes;
} IndexSpaceTotals;

typedef struct IndexSpaceMark
{
    bool        tracked;
    IndexSpaceTotals before;
} IndexSpaceMark;

extern void IndexSpacePageTotals(Page page, BlockNumber blkno, IndexSpaceTotals *out);
extern void IndexSpaceNoteNewFile(Relation rel);
extern void IndexSpaceNoteNewPage(Relation rel);
extern void IndexSpaceNoteChange(Relation rel, int64 live_delta, int64 dead_delta, int64 free_delta);
extern void IndexSpacePageBegin(Relation rel, Page page, BlockNumber blkno, IndexSpaceMark *mark);
extern void IndexSpacePageEnd(Relation rel, Page page, BlockNumber blkno, const IndexSpaceMark *mark);
extern void RelationMeasureIndexSpace(Relation rel, RelationSpace *out);

/*
 * Shared index slots (maintenance.c).  MaintenanceIndexSpaceSlot -- the
 * slot of an index file, created (invalid, counters 0) if create; -1 if
 * absent or no room.  MaintenanceIndexSpaceSlotIs -- does the slot still
 * belong to that file (lock-free).  MaintenanceIndexSpaceEpoch -- counts
 * slot creations (a writer that found no slot looks again when it
 * changes).  MaintenanceIndexSpaceSlotAdd -- atomic additions, no lock.
 * Install sets the counters and makes them valid (a baseline, a new file;
 * false if the area is full);
 * Read copies them if valid; Forget frees the slot of a removed file
 * (InvalidOid relfilenode: every index file of db).
 */
extern int  MaintenanceIndexSpaceSlot(Oid db, Oid relfilenode, Oid relid, bool create);
extern bool MaintenanceIndexSpaceSlotIs(int slot, Oid db, Oid relfilenode);
extern uint64 MaintenanceIndexSpaceEpoch(void);
extern void MaintenanceIndexSpaceSlotAdd(int slot, int64 live, int64 dead, int64 free_bytes);
extern bool MaintenanceIndexSpaceInstall(Oid db, Oid relfilenode, Oid relid, int64 live,
                                         int64 dead, int64 free_bytes);
extern bool MaintenanceIndexSpaceRead(Oid db, Oid relfilenode, RelationSpace *out);
extern void MaintenanceIndexSpaceForget(Oid db, Oid relfilenode);

/*
 * Across a clean restart (maintenance.c): the shutdown process saves the
 * valid counters after the shutdown checkpoint; the startup process
 * restores them only if no WAL was replayed since (never after a crash).
 */
extern void MaintenanceSpaceSave(void);
extern void MaintenanceSpaceRestore(void);

#endif                          /* COMMANDS_MAINTENANCE_H */
