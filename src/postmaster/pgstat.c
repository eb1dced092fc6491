/*
 * pgstat.c
 *     The statistics collector auxiliary process.
 * Entry point: PgStatCollectorMain() (aux process table in auxprocess.c).
 *
 * Backends publish their counters into the shared statistics hash
 * themselves (src/backend/utils/activity), never waiting on this process.
 * The collector's jobs are the slow ones nobody should do in a query:
 *   - persist the shared hash to data/global/rustydb_stats every
 *     stats_persist_interval and once more at shutdown (SIGTERM), so a clean
 *     restart keeps every counter and a crash restart keeps those of the
 *     last periodic write;
 *   - rotate logs/rustydb.log by log_rotation_size / log_rotation_age
 *     (LogRotateCheck(), src/backend/utils/error/logrotate.c).
 * An ERROR here is FATAL (aux process); the postmaster restarts it.
 */
#include "rustydb.h"

#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/auxprocess.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/logrotate.h"

/* Wake-up period: shutdown, reload and rotation are noticed this fast. */
#define COLLECTOR_NAP_MS 200

void
PgStatCollectorMain(void)
{
    TimestampTz last_write;

    if (!StorageAttachProcess(B_STATS_COLLECTOR))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("no free process slot for the stats collector"));
    last_write = GetCurrentTimestamp();
    while (!ProcDiePending)
    {
        TimestampTz now;

        if (ConfigReloadPending)
            GucProcessPendingReload();
        SleepMs(COLLECTOR_NAP_MS);
        now = GetCurrentTimestamp();
        if (pgstat_persist_interval_ms > 0 &&
            now - last_write >= (int64) pgstat_persist_interval_ms * 1000)
        {
            (void) PgStatWriteFile();
            last_write = now;
        }
        LogRotateCheck();
    }
    /* shutdown (SIGTERM once every backend is gone): the final write */
    if (PgStatWriteFile())
        ereport(DEBUG1, errmsg("statistics written at shutdown"));
}
