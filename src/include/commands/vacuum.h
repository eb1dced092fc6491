/*
 * vacuum.h
 *     VACUUM: lazy (online) vacuum of heap tables and their indexes, VACUUM
 *     FULL (rewrite), the statement dispatcher for VACUUM/ANALYZE, and the
 *     cost-based delay shared with autovacuum.
 * Implemented in src/backend/commands/{vacuum.c,vacuumfull.c} and
 * src/backend/access/heap/vacuumlazy.c; see src/backend/commands/README.md.
 *
 * Locks: lazy VACUUM holds ShareUpdateExclusiveLock on the table (reads
 * and writes go on; a second VACUUM/ANALYZE of the same table waits) and
 * briefly tries AccessExclusiveLock to truncate empty tail pages.  VACUUM
 * FULL holds AccessExclusiveLock.  Each table is processed in its own
 * transaction, so VACUUM cannot run inside a transaction block.
 */
#ifndef COMMANDS_VACUUM_H
#define COMMANDS_VACUUM_H

#include "rustydb.h"
#include "commands/jobqueue.h"
#include "nodes/parsenodes.h"
#include "utils/rel.h"

/* VacuumParams.options */
#define VACOPT_VACUUM 0x01
#define VACOPT_ANALYZE 0x02
#define VACOPT_VERBOSE 0x04
#define VACOPT_FULL 0x08
#define VACOPT_SKIP_LOCKED 0x10
#define VACOPT_DISABLE_PAGE_SKIPPING 0x20
#define VACOPT_FREEZE 0x40          /* accepted; xids never wrap, nothing to freeze */

typedef enum VacOptValue
{
    VACOPTVALUE_AUTO = 0,
    VACOPTVALUE_DISABLED,
    VACOPTVALUE_ENABLED
} VacOptValue;

typedef struct VacuumParams
{
    uint32      options;        /* VACOPT_* */
    VacOptValue index_cleanup;  /* INDEX_CLEANUP: AUTO = on */
    VacOptValue truncate;       /* TRUNCATE: AUTO = on */
    JobOrigin   origin;         /* sql, autovacuum, api */
    int         cost_limit;     /* cost-based delay: work units per nap; 0 = none */
    double      cost_delay_ms;  /* nap length; 0 = no delay */
    List       *va_cols;        /* ANALYZE column names (String) or NIL */
} VacuumParams;

/* Figures of one lazy or full VACUUM of one table. */
typedef struct VacuumStats
{
    BlockNumber rel_pages;          /* pages at start */
    BlockNumber scanned_pages;
    BlockNumber skipped_all_visible;
    BlockNumber skipped_pinned;     /* cleanup lock not available: left for next time */
    BlockNumber removed_pages;      /* truncated at the end (or freed by FULL) */
    BlockNumber new_rel_pages;
    BlockNumber pages_with_dead_items;
    BlockNumber all_visible_pages;
    int64       tuples_removed;     /* dead versions removed this run */
    int64       live_tuples;        /* remaining live tuples (estimate for skipped pages) */
    int64       recently_dead;      /* dead but not yet removable */
    int64       dead_items_removed; /* LP_DEAD line pointers made unused */
    int64       index_entries_removed;
    int         nindexes;
    int         index_passes;
    TransactionId oldest_xmin;
    int64       duration_ms;
} VacuumStats;

/* vacuum.c */
/*
 * ExecVacuum -- VACUUM and ANALYZE statements (all forms, including
 * ANALYZE TABLE t / ANALYZE SCHEMA s).  VACUUM: 25001 inside a
 * transaction block; commits the caller's transaction and runs one
 * transaction per table, leaving a fresh one open on return.
 */
extern void ExecVacuum(VacuumStmt *stmt, bool is_top_level);
/*
 * VacuumRelationById -- VACUUM (and/or ANALYZE per params) one table in the
 * current transaction; used by ExecVacuum, the job executor and
 * autovacuum.  Returns false (NOTICE/skip) if the table vanished.
 * Results go to *stats (may be NULL).
 */
extern bool VacuumRelationById(Oid relid, const VacuumParams *params, VacuumStats *stats);
/*
 * VacuumRelationInOwnXacts -- VacuumRelationById for a caller that started
 * a transaction for this call alone and commits the one open on return
 * (autovacuum, VACUUM statements).  VACUUM ANALYZE commits after the VACUUM
 * and runs the ANALYZE in a new transaction (as PostgreSQL does), so that
 * it does not keep the xid the VACUUM took for its pg_class update; the
 * ANALYZE is marked in maintenance (ProcArraySetInMaintenance): its xmin
 * does not hold back pruning of user tables while it samples.  *stats: the
 * VACUUM's, or the ANALYZE's when there is no VACUUM.
 */
extern bool VacuumRelationInOwnXacts(Oid relid, const VacuumParams *params, VacuumStats *stats);
/*
 * VacuumDelayPoint -- call once per page of work: interrupts, job
 * cancellation, and the cost-based nap (params->cost_limit/cost_delay_ms
 * of the VACUUM in progress).
 */
extern void VacuumDelayPoint(int cost);
/* The parameters of the VACUUM/ANALYZE running in this process (delay point). */
extern void VacuumSetActiveParams(const VacuumParams *params);
/*
 * ExecCheckPoint -- CHECKPOINT: superuser only (42501), recorded as a job,
 * performed by the checkpointer (waits for it).
 */
extern void ExecCheckPoint(void);
/* Parse a statement's option list into params (errors as PostgreSQL). */
extern void VacuumParseOptions(VacuumStmt *stmt, VacuumParams *params);

/* vacuumlazy.c */
/*
 * LazyVacuumRelation -- the online VACUUM of rel (locked
 * ShareUpdateExclusiveLock by the caller): prune every page not marked
 * all-visible, remove index entries of dead tuples, free their line
 * pointers, record free space and visibility, truncate empty tail pages,
 * update pg_class.  Cancellable between pages; work done stays.
 */
extern void LazyVacuumRelation(Relation rel, const VacuumParams *params, VacuumStats *stats);

/* vacuumfull.c */
/*
 * FullVacuumRelation -- VACUUM FULL: copy every tuple some snapshot may
 * still see into a new relfile, rebuild the indexes, drop the old files at
 * commit.  Caller holds AccessExclusiveLock.
 */
extern void FullVacuumRelation(Relation rel, const VacuumParams *params, VacuumStats *stats);

#endif                          /* COMMANDS_VACUUM_H */
