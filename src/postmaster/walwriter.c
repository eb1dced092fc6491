/*
 * walwriter.c
 *     The WAL writer: flushes WAL in the background every 200 ms, so that
 *     with synchronous_commit = off a commit reaches disk within about three
 *     times that delay even if nothing else flushes.
 * Entry point: WalWriterMain().
 */
#include "rustydb.h"

#include "access/xlog.h"
#include "miscadmin.h"
#include "postmaster/checkpointer.h"
#include "storage/ipc.h"
#include "utils/elog.h"
#include "utils/guc.h"

#define WAL_WRITER_DELAY_MS 200

void
WalWriterMain(void)
{
    if (!StorageAttachProcess(B_WAL_WRITER))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the WAL writer"));
    while (!ProcDiePending)
    {
        if (ConfigReloadPending)
            GucProcessPendingReload();
        XLogBackgroundFlush();
        SleepMs(WAL_WRITER_DELAY_MS);
    }
}
