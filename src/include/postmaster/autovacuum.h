/*
 * autovacuum.h
 *     Autovacuum: the auxiliary process that decides from the statistics
 *     which tables need VACUUM or ANALYZE, runs them with cost-based
 *     throttling, and executes maintenance jobs queued from SQL
 *     (rustydb_queue_maintenance) or the admin API.
 * Implemented in src/postmaster/autovacuum.c; design and limits in
 * src/backend/commands/README.md ("Autovacuum").
 */
#ifndef POSTMASTER_AUTOVACUUM_H
#define POSTMASTER_AUTOVACUUM_H

#include "rustydb.h"

/* Worker slots in shared memory: autovacuum_max_workers is capped at this. */
#define AV_MAX_WORKERS 8

/* autovacuum.c */
extern Size AutoVacuumShmemSize(void);
extern void AutoVacuumShmemInit(void);
/*
 * Main of the "autovacuum launcher" auxiliary process (auxprocess.c table):
 * threshold checks and bulk-change requests become tasks for the workers.
 */
extern void AutoVacuumMain(void);
/*
 * Main of an "autovacuum worker" auxiliary process: runs queued maintenance
 * jobs and the launcher's tasks.  The postmaster keeps
 * AutoVacuumWorkerCount() of them running.
 */
extern void AutoVacuumWorkerMain(void);
/* Worker processes to run: autovacuum_max_workers, capped at AV_MAX_WORKERS. */
extern int  AutoVacuumWorkerCount(void);
/*
 * AutoVacuumRequestAnalyze -- ask for an ANALYZE of (db, relid) as soon as
 * possible (bulk-change detection at commit).  Never ERRORs; a full request
 * ring drops the request (the regular thresholds still apply).
 */
extern void AutoVacuumRequestAnalyze(Oid db, Oid relid);
/* Wake the launcher and the workers (a job was queued). */
extern void AutoVacuumWakeup(void);

#endif                          /* POSTMASTER_AUTOVACUUM_H */
