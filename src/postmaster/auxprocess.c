/*
 * auxprocess.c
 *     The table of auxiliary process kinds and their launch: fork, name the
 *     process for the log, run the kind's main function, exit.
 * Entry points: StartAuxProcess(), AuxProcGetInfo(); StartupProcessMain()
 * and ShutdownProcessMain() (the two kinds this directory implements).
 *
 * The postmaster starts AUX_PROC_STARTUP after creating shared memory (and
 * after every crash restart), the always_running kinds once start-up has
 * finished, and AUX_PROC_SHUTDOWN once a smart or fast shutdown has
 * stopped every other child.  See README.md for the restart rules.
 */
#include "rustydb.h"

#include <errno.h>
#include <unistd.h>

#include "admin/admin.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/autovacuum.h"
#include "postmaster/auxprocess.h"
#include "postmaster/checkpointer.h"
#include "postmaster/checkpointer.h"
#include "postmaster_int.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "utils/elog.h"

/*
 * One line per kind.  A NULL main means the feature does not exist yet:
 * the kind is never started (later issues fill these in).
 */
static const AuxProcInfo aux_procs[AUX_PROC_COUNT] = {
    [AUX_PROC_STARTUP] = {AUX_PROC_STARTUP, "startup", B_STARTUP, StartupProcessMain, false},
    [AUX_PROC_SHUTDOWN] = {AUX_PROC_SHUTDOWN, "shutdown", B_CHECKPOINTER, ShutdownProcessMain, false},
    [AUX_PROC_CHECKPOINTER] = {AUX_PROC_CHECKPOINTER, "checkpointer", B_CHECKPOINTER, CheckpointerMain, true},
    [AUX_PROC_WAL_WRITER] = {AUX_PROC_WAL_WRITER, "walwriter", B_WAL_WRITER, WalWriterMain, true},
    [AUX_PROC_AUTOVAC_LAUNCHER] = {AUX_PROC_AUTOVAC_LAUNCHER, "autovacuum launcher", B_AUTOVAC_LAUNCHER, AutoVacuumMain, true},
    /* maintenance engine: a pool of autovacuum_max_workers workers (autovacuum.c) */
    [AUX_PROC_AUTOVAC_WORKER] = {AUX_PROC_AUTOVAC_WORKER, "autovacuum worker", B_AUTOVAC_WORKER, AutoVacuumWorkerMain, true, AutoVacuumWorkerCount},
    [AUX_PROC_STATS_COLLECTOR] = {AUX_PROC_STATS_COLLECTOR, "stats collector", B_STATS_COLLECTOR, PgStatCollectorMain, true},
    [AUX_PROC_ADMIN_API] = {AUX_PROC_ADMIN_API, "admin API", B_ADMIN_API, AdminApiMain, true},
};

const AuxProcInfo *
AuxProcGetInfo(AuxProcType type)
{
    Assert(type >= 0 && type < AUX_PROC_COUNT);
    return &aux_procs[type];
}

pid_t
StartAuxProcess(AuxProcType type)
{
    const AuxProcInfo *info = AuxProcGetInfo(type);
    pid_t       pid;

    if (info->main == NULL)
        return 0;
    pid = ForkChild();
    if (pid < 0)
    {
        ereport(LOG, errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                errmsg("could not fork %s process: %m", info->name));
        return 0;
    }
    if (pid == 0)
    {
        ProcessRoleName = info->name;
        /* An ERROR with no handler in an auxiliary process ends it (FATAL). */
        ExitOnAnyError = true;
        info->main();
        ProcExit(0);
    }
    return pid;
}

/*
 * StartupProcessMain -- bring the storage layer up for this instance
 * start: control file, next xid, commit log, and WAL replay if the last
 * shutdown was not clean (all inside StorageStartup); then reload the
 * saved statistics into the new shared memory.  Exit 0; a non-zero exit
 * makes the postmaster give up.
 */
void
StartupProcessMain(void)
{
    if (!StorageAttachProcess(B_STARTUP))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the startup process"));
    StorageStartup();
    /* statistics of the last clean shutdown or last periodic write (pgstat.h) */
    (void) PgStatReadFile();
    /* exact space counters of the last clean shutdown (commands/maintenance.h) */
    MaintenanceSpaceRestore();
}

/*
 * ShutdownProcessMain -- the clean-shutdown work the postmaster itself must
 * not do (it never touches shared memory): StorageShutdown writes the
 * shutdown checkpoint (dirty buffers, commit log, checkpoint record) and
 * marks the control file shut down.  Runs when no other child is left.
 */
void
ShutdownProcessMain(void)
{
    if (!StorageAttachProcess(B_CHECKPOINTER))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the shutdown process"));
    StorageShutdown();
    MaintenanceSpaceSave();     /* after the checkpoint: its LSN validates the file */
}
