/*
 * health.c
 *     GET /api/v1/admin/health: the server's state from what is really
 *     known — the postmaster and its pid file, free space where the data
 *     lives, WAL and checkpoints, the autovacuum launcher.
 * Entry point: AdminHandleHealth() (router.c).
 *
 * Each check reports "ok", "degraded" or "unhealthy" when it has a verdict,
 * or "disabled" / "not_implemented" when the thing it would check is off or
 * does not exist in this build (with a message saying so).  Only verdicts
 * count towards the overall status, so a missing feature is never reported
 * as healthy, and never makes a working server look broken either.
 * HTTP 200 for healthy and degraded, 503 for unhealthy.
 */
#include "rustydb.h"

#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/statvfs.h>

#include "access/xlog.h"
#include "admin_int.h"
#include "miscadmin.h"
#include "postmaster/auxprocess.h"
#include "postmaster/postmaster.h"
#include "storage/fd.h"
#include "storage/procarray.h"
#include "utils/guc.h"

/* Free-space thresholds of the storage check, percent of the file system. */
#define STORAGE_DEGRADED_FREE_PCT 10.0
#define STORAGE_UNHEALTHY_FREE_PCT 2.0

typedef enum CheckStatus
{
    CHECK_OK,
    CHECK_DEGRADED,
    CHECK_UNHEALTHY,
    CHECK_DISABLED,             /* no verdict: switched off */
    CHECK_NOT_IMPLEMENTED       /* no verdict: the feature does not exist yet */
} CheckStatus;

static const char *const check_status_names[] = {"ok", "degraded", "unhealthy", "disabled", "not_implemented"};

/* add_check -- checks.<name> = {status, message, last_check, extra...}; returns status. */
static CheckStatus
add_check(json_t *checks, const char *name, CheckStatus status, json_t *extra, const char *fmt, ...)
    RDB_PRINTF(5, 6);

static CheckStatus
add_check(json_t *checks, const char *name, CheckStatus status, json_t *extra, const char *fmt, ...)
{
    json_t     *obj = extra ? extra : json_object();
    char        message[512];
    va_list     ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    json_object_set_new(obj, "status", json_string(check_status_names[status]));
    json_object_set_new(obj, "message", json_string(message));
    json_object_set_new(obj, "last_check", AdminJsonTimestamp(AdminNowUs()));
    json_object_set_new(checks, name, obj);
    return status;
}

static CheckStatus
check_database(json_t *checks, const char *pm_status, pid_t pm_pid, bool have_pidfile)
{
    if (!have_pidfile)
        return add_check(checks, "database", CHECK_UNHEALTHY, NULL,
                         "cannot read %s in the instance directory", INSTANCE_PID_FILE);
    if (kill(pm_pid, 0) != 0 && errno == ESRCH)
        return add_check(checks, "database", CHECK_UNHEALTHY, NULL,
                         "the postmaster (pid %d) is not running", (int) pm_pid);
    if (strcmp(pm_status, PM_STATUS_STOPPING) == 0)
        return add_check(checks, "database", CHECK_UNHEALTHY, NULL, "the server is shutting down");
    if (RecoveryInProgress())
        return add_check(checks, "database", CHECK_DEGRADED, NULL, "recovery is in progress");
    if (strcmp(pm_status, PM_STATUS_READY) != 0)
        return add_check(checks, "database", CHECK_DEGRADED, NULL,
                         "the server is %s", pm_status[0] ? pm_status : "not ready");
    return add_check(checks, "database", CHECK_OK,
                     json_pack("{s:i}", "connections", ProcArrayCountBackends(B_BACKEND)),
                     "accepting connections");
}

static CheckStatus
check_storage(json_t *checks)
{
    char        path[1024];
    struct statvfs vfs;
    double      free_pct;
    uint64      free_bytes,
                total_bytes;
    json_t     *extra;
    CheckStatus status;

    snprintf(path, sizeof(path), "%s/%s", DataDir, INSTANCE_DATA_SUBDIR);
    if (statvfs(path, &vfs) != 0)
        return add_check(checks, "storage", CHECK_UNHEALTHY, NULL,
                         "could not examine file system of \"%s\": %s", path, strerror(errno));
    total_bytes = (uint64) vfs.f_blocks * vfs.f_frsize;
    free_bytes = (uint64) vfs.f_bavail * vfs.f_frsize;
    free_pct = total_bytes > 0 ? 100.0 * (double) free_bytes / (double) total_bytes : 0;
    extra = json_pack("{s:s, s:I, s:I, s:f}", "path", path, "free_bytes", (json_int_t) free_bytes,
                      "total_bytes", (json_int_t) total_bytes, "free_percent", free_pct);
    if (free_pct < STORAGE_UNHEALTHY_FREE_PCT)
        status = CHECK_UNHEALTHY;
    else if (free_pct < STORAGE_DEGRADED_FREE_PCT)
        status = CHECK_DEGRADED;
    else
        status = CHECK_OK;
    return add_check(checks, "storage", status, extra, "%.1f%% free on the data file system%s", free_pct,
                     status == CHECK_OK ? "" : status == CHECK_DEGRADED ? " (below 10%)" : " (below 2%)");
}

static CheckStatus
check_wal(json_t *checks)
{
    WalStats    ws;
    const AuxProcInfo *ckpt = AuxProcGetInfo(AUX_PROC_CHECKPOINTER);
    int64       now = AdminNowUs();
    json_t     *extra;

    GetWalStats(&ws);
    extra = json_pack("{s:o, s:I, s:I}", "last_checkpoint", AdminJsonTimestamp(ws.last_checkpoint_us),
                      "wal_bytes_since_checkpoint", (json_int_t) WalSinceLastCheckpoint(),
                      "checkpoints", (json_int_t) (ws.checkpoints_timed + ws.checkpoints_req));
    if (ws.last_checkpoint_failed)
        return add_check(checks, "wal", CHECK_DEGRADED, extra, "the last checkpoint failed");
    if (ckpt->main == NULL)
        return add_check(checks, "wal", CHECK_NOT_IMPLEMENTED, extra,
                         "no checkpointer process exists in this build: checkpoint scheduling is not monitored");
    if (ProcArrayCountBackends(B_CHECKPOINTER) == 0)
        return add_check(checks, "wal", CHECK_DEGRADED, extra, "the checkpointer process is not running");
    /* Timed checkpoints come every checkpoint_timeout; allow one missed round. */
    if (ws.last_checkpoint_us != 0 &&
        now - ws.last_checkpoint_us > (int64) CheckpointTimeoutS * 2 * 1000000 + 60 * 1000000)
        return add_check(checks, "wal", CHECK_DEGRADED, extra,
                         "no checkpoint for %lld s (checkpoint_timeout is %d s)",
                         (long long) ((now - ws.last_checkpoint_us) / 1000000), CheckpointTimeoutS);
    return add_check(checks, "wal", CHECK_OK, extra, "checkpointer running");
}

static CheckStatus
check_autovacuum(json_t *checks)
{
    if (!AutovacuumEnabled)
        return add_check(checks, "autovacuum", CHECK_DISABLED, NULL, "autovacuum is off (setting autovacuum)");
    if (ProcArrayCountBackends(B_AUTOVAC_LAUNCHER) == 0)
        return add_check(checks, "autovacuum", CHECK_DEGRADED, NULL, "the autovacuum launcher is not running");
    return add_check(checks, "autovacuum", CHECK_OK,
                     json_pack("{s:i}", "workers", ProcArrayCountBackends(B_AUTOVAC_WORKER)),
                     "launcher running");
}

void
AdminHandleHealth(AdminRequest *req, AdminResponse *resp, char **params)
{
    json_t     *checks = json_object();
    json_t     *obj;
    pid_t       pm_pid = 0;
    int64       start_time = 0;
    char        pm_status[32] = "";
    bool        have_pidfile = AdminReadPidFile(&pm_pid, &start_time, pm_status, sizeof(pm_status));
    CheckStatus results[4];
    CheckStatus overall = CHECK_OK;
    const char *overall_name;
    int64       now = AdminNowUs();

    (void) req;
    (void) params;
    results[0] = check_database(checks, pm_status, pm_pid, have_pidfile);
    results[1] = check_storage(checks);
    results[2] = check_wal(checks);
    results[3] = check_autovacuum(checks);
    for (size_t i = 0; i < lengthof(results); i++)
        if (results[i] <= CHECK_UNHEALTHY && results[i] > overall)
            overall = results[i];
    overall_name = overall == CHECK_OK ? "healthy" : overall == CHECK_DEGRADED ? "degraded" : "unhealthy";

    obj = json_object();
    json_object_set_new(obj, "status", json_string(overall_name));
    json_object_set_new(obj, "version", json_string(RDB_VERSION_STR));
    json_object_set_new(obj, "postgresql_version", json_string(RDB_PG_COMPAT_VERSION));
    json_object_set_new(obj, "uptime_seconds",
                        have_pidfile && start_time > 0 ? json_integer(now / 1000000 - start_time) : json_null());
    json_object_set_new(obj, "started_at",
                        have_pidfile && start_time > 0 ? AdminJsonTimestamp(start_time * 1000000) : json_null());
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(now));
    json_object_set_new(obj, "checks", checks);
    AdminRespondJson(resp, overall == CHECK_UNHEALTHY ? 503 : 200, obj);
}
