/*
 * auxprocess.h
 *     Auxiliary processes the postmaster starts besides client backends:
 *     the table of kinds, their main functions, and the launch framework.
 * Implemented in src/postmaster/auxprocess.c; one file per process kind
 * (checkpointer.c, walwriter.c, ...) provides its XxxMain().
 *
 * To add a process: write its main function (it is called in the child
 * after fork, with signals set up and the listen sockets closed; it attaches
 * to shared memory itself with StorageAttachProcess(), runs until
 * ProcDiePending / shutdown and then returns or calls ProcExit(0)), and
 * put it in the table in auxprocess.c.  An entry whose main is NULL is
 * never started.
 */
#ifndef POSTMASTER_AUXPROCESS_H
#define POSTMASTER_AUXPROCESS_H

#include <sys/types.h>

#include "rustydb.h"

typedef enum AuxProcType
{
    AUX_PROC_STARTUP,           /* storage start-up / recovery; exits when done */
    AUX_PROC_SHUTDOWN,          /* clean-shutdown work (flush buffers, control file) */
    AUX_PROC_CHECKPOINTER,
    AUX_PROC_WAL_WRITER,
    AUX_PROC_AUTOVAC_LAUNCHER,
    AUX_PROC_AUTOVAC_WORKER,    /* maintenance engine: several instances (see instances) */
    AUX_PROC_STATS_COLLECTOR,
    AUX_PROC_ADMIN_API,
    AUX_PROC_COUNT
} AuxProcType;

typedef void (*AuxProcMainFn) (void);

typedef struct AuxProcInfo
{
    AuxProcType type;
    const char *name;           /* process title / log name: "checkpointer" */
    int         backend_type;   /* BackendType (storage/proc.h) for its proc slot */
    AuxProcMainFn main;         /* NULL: not implemented yet, never started */
    bool        always_running; /* started after start-up and restarted if it dies */
    int         (*instances) (void);    /* always_running: how many to run (NULL: one) */
} AuxProcInfo;

extern const AuxProcInfo *AuxProcGetInfo(AuxProcType type);

/*
 * StartAuxProcess -- fork a child that runs the type's main function.
 * Called only by the postmaster.  Returns the child's pid, or 0 if the kind
 * has no main function or fork failed (logged).
 */
extern pid_t StartAuxProcess(AuxProcType type);

/* Main functions provided by this directory. */
extern void StartupProcessMain(void);       /* StorageStartup(), then exit 0 */
extern void ShutdownProcessMain(void);      /* StorageShutdown(), then exit 0 */

#endif                          /* POSTMASTER_AUXPROCESS_H */
