/*
 * perfstats.c
 *     GET /api/v1/stats/performance, GET /api/v1/stats/queries and
 *     GET /metrics (Prometheus text format 0.0.4).
 * Entry points: AdminHandlePerformance(), AdminHandleQueries(),
 * AdminHandleMetrics() (router.c).
 *
 * Every figure is live.  A figure nobody measures yet is JSON null, with the
 * reason under "unavailable" (and simply absent from /metrics), never a
 * made-up 0: the guide's scripts compare these values against thresholds.
 */
#include "rustydb.h"

#include <inttypes.h>

#include "access/xlog.h"
#include "admin/admin.h"
#include "admin_int.h"
#include "commands/jobqueue.h"
#include "lib/stringinfo.h"
#include "storage/lock.h"
#include "storage/proc.h"

void
AdminHandlePerformance(AdminRequest *req, AdminResponse *resp, char **params)
{
    AdminProcStats ps;
    AdminCounters c;
    double      window;
    double      tps = AdminTransactionsPerSecond(&window);
    json_t     *obj = json_object();
    json_t     *unavailable = json_object();
    uint64      lookups;

    (void) req;
    (void) params;
    AdminGetProcStats(&ps);
    AdminGetCounters(&c);

    if (ps.valid && ps.cpu_usage_percent >= 0)
        json_object_set_new(obj, "cpu_usage_percent", json_real(ps.cpu_usage_percent));
    else
    {
        json_object_set_new(obj, "cpu_usage_percent", json_null());
        json_object_set_new(unavailable, "cpu_usage_percent",
                            json_string(ps.valid ? "measured over a window that has not elapsed yet; retry in a second"
                                        : "/proc is not readable"));
    }
    if (ps.valid)
    {
        json_object_set_new(obj, "memory_usage_bytes", json_integer((json_int_t) ps.memory_bytes));
        json_object_set_new(obj, "memory_usage_percent", json_real(ps.memory_percent));
    }
    else
    {
        json_object_set_new(obj, "memory_usage_bytes", json_null());
        json_object_set_new(obj, "memory_usage_percent", json_null());
        json_object_set_new(unavailable, "memory_usage_bytes", json_string("/proc is not readable"));
    }
    if (ps.valid && ps.io_valid)
    {
        json_object_set_new(obj, "disk_io_read_bytes", json_integer((json_int_t) ps.io_read_bytes));
        json_object_set_new(obj, "disk_io_write_bytes", json_integer((json_int_t) ps.io_write_bytes));
    }
    else
    {
        json_object_set_new(obj, "disk_io_read_bytes", json_null());
        json_object_set_new(obj, "disk_io_write_bytes", json_null());
        json_object_set_new(unavailable, "disk_io_read_bytes",
                            json_string("/proc/<pid>/io is not readable for every server process"));
    }

    lookups = c.buffer_hits + c.buffer_reads;
    if (c.transaction_counts_wired && lookups > 0)
        json_object_set_new(obj, "cache_hit_ratio", json_real((double) c.buffer_hits / (double) lookups));
    else
    {
        json_object_set_new(obj, "cache_hit_ratio", json_null());
        json_object_set_new(unavailable, "cache_hit_ratio",
                            json_string(c.transaction_counts_wired ? "no buffer lookups yet"
                                        : "buffer statistics are not reported to shared memory in this build"));
    }
    if (c.transaction_counts_wired && tps >= 0)
        json_object_set_new(obj, "transactions_per_second", json_real(tps));
    else
    {
        json_object_set_new(obj, "transactions_per_second", json_null());
        json_object_set_new(unavailable, "transactions_per_second",
                            json_string(c.transaction_counts_wired ? "measured over a window that has not elapsed yet"
                                        : "transaction counts are not reported to shared memory in this build"));
    }
    json_object_set_new(obj, "locks_held", json_integer(LockCountHeld()));
    json_object_set_new(obj, "lock_waiters", json_integer(LockWaitingCount()));
    json_object_set_new(obj, "deadlocks", json_integer((json_int_t) LockDeadlockCount()));
    json_object_set_new(obj, "server_processes", ps.valid ? json_integer(ps.nprocesses) : json_null());
    json_object_set_new(obj, "sampling_window_seconds", json_real(window));
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(AdminNowUs()));
    json_object_set_new(obj, "unavailable", unavailable);
    AdminRespondJson(resp, 200, obj);
}

void
AdminHandleQueries(AdminRequest *req, AdminResponse *resp, char **params)
{
    (void) params;
    AdminResponseSetError(resp, req, 501, ADMIN_ERR_NOT_IMPLEMENTED, NULL,
                          "statement statistics are not collected yet: the statistics collector does not exist "
                          "in this build (slow statements are written to the server log per log_min_duration_statement)");
}

/* metric -- one HELP/TYPE block with a single unlabelled sample. */
static void
metric(StringInfo out, const char *name, const char *type, const char *help, const char *value_fmt, ...)
    RDB_PRINTF(5, 6);

static void
metric(StringInfo out, const char *name, const char *type, const char *help, const char *value_fmt, ...)
{
    va_list     ap;

    appendStringInfo(out, "# HELP %s %s\n# TYPE %s %s\n%s ", name, help, name, type, name);
    va_start(ap, value_fmt);
    for (;;)
    {
        va_list     ap2;
        bool        done;

        va_copy(ap2, ap);
        done = appendStringInfoVA(out, value_fmt, ap2);
        va_end(ap2);
        if (done)
            break;
    }
    va_end(ap);
    appendStringInfoChar(out, '\n');
}

void
AdminHandleMetrics(AdminRequest *req, AdminResponse *resp, char **params)
{
    StringInfoData out;
    AdminCounters c;
    AdminProcStats ps;
    WalStats    ws;
    int         counts[JOB_STATUS_COUNT];
    int         active,
                idle,
                waiting,
                total;
    pid_t       pm_pid;
    int64       start_time;
    char        status[32];

    (void) req;
    (void) params;
    initStringInfo(&out);
    AdminGetCounters(&c);
    AdminGetProcStats(&ps);
    GetWalStats(&ws);
    JobCount(counts);
    AdminCountConnections(&active, &idle, &waiting, &total);

    metric(&out, "rustydb_up", "gauge", "1 while the admin API answers.", "1");
    if (AdminReadPidFile(&pm_pid, &start_time, status, sizeof(status)) && start_time > 0)
        metric(&out, "rustydb_start_time_seconds", "gauge", "Postmaster start, Unix seconds.", "%lld",
               (long long) start_time);
    if (c.transaction_counts_wired)
    {
        metric(&out, "rustydb_xact_commit_total", "counter", "Transactions committed.", "%" PRIu64, c.commits);
        metric(&out, "rustydb_xact_rollback_total", "counter", "Transactions rolled back.", "%" PRIu64, c.rollbacks);
        metric(&out, "rustydb_buffer_hits_total", "counter", "Shared buffer lookups found in the pool.", "%" PRIu64,
               c.buffer_hits);
        metric(&out, "rustydb_buffer_reads_total", "counter", "Shared buffer lookups read from disk.", "%" PRIu64,
               c.buffer_reads);
    }
    metric(&out, "rustydb_deadlocks_total", "counter", "Deadlocks detected since start.", "%" PRIu64,
           LockDeadlockCount());
    metric(&out, "rustydb_locks_held", "gauge", "Heavyweight locks granted now.", "%d", LockCountHeld());
    metric(&out, "rustydb_lock_waiters", "gauge", "Processes waiting for a heavyweight lock.", "%d",
           LockWaitingCount());

    appendStringInfoString(&out, "# HELP rustydb_connections Client connections by state.\n"
                           "# TYPE rustydb_connections gauge\n");
    appendStringInfo(&out, "rustydb_connections{state=\"active\"} %d\n", active);
    appendStringInfo(&out, "rustydb_connections{state=\"idle\"} %d\n", idle);
    appendStringInfo(&out, "rustydb_connections{state=\"waiting\"} %d\n", waiting);
    metric(&out, "rustydb_max_connections", "gauge", "Setting max_connections.", "%d", MaxConnections);

    appendStringInfoString(&out, "# HELP rustydb_checkpoints_total Checkpoints completed.\n"
                           "# TYPE rustydb_checkpoints_total counter\n");
    appendStringInfo(&out, "rustydb_checkpoints_total{kind=\"timed\"} %" PRIu64 "\n", ws.checkpoints_timed);
    appendStringInfo(&out, "rustydb_checkpoints_total{kind=\"requested\"} %" PRIu64 "\n", ws.checkpoints_req);
    metric(&out, "rustydb_checkpoint_write_seconds_total", "counter", "Time checkpoints spent writing buffers.",
           "%.3f", ws.checkpoint_write_ms / 1000.0);
    metric(&out, "rustydb_checkpoint_sync_seconds_total", "counter", "Time checkpoints spent syncing files.",
           "%.3f", ws.checkpoint_sync_ms / 1000.0);
    metric(&out, "rustydb_checkpoint_buffers_written_total", "counter", "Buffers written by checkpoints.",
           "%" PRIu64, ws.buffers_checkpoint);
    if (ws.last_checkpoint_us != 0)
        metric(&out, "rustydb_last_checkpoint_time_seconds", "gauge", "End of the last checkpoint, Unix seconds.",
               "%.3f", (double) ws.last_checkpoint_us / 1e6);
    metric(&out, "rustydb_wal_records_total", "counter", "WAL records inserted.", "%" PRIu64, ws.records);
    metric(&out, "rustydb_wal_fpi_total", "counter", "WAL full-page images.", "%" PRIu64, ws.fpi);
    metric(&out, "rustydb_wal_bytes_total", "counter", "WAL bytes inserted.", "%" PRIu64, ws.bytes);

    appendStringInfoString(&out, "# HELP rustydb_maintenance_jobs Maintenance jobs in the job table by status.\n"
                           "# TYPE rustydb_maintenance_jobs gauge\n");
    for (int s = 0; s < JOB_STATUS_COUNT; s++)
        appendStringInfo(&out, "rustydb_maintenance_jobs{status=\"%s\"} %d\n", JobStatusName((JobStatus) s), counts[s]);

    if (ps.valid)
    {
        metric(&out, "rustydb_server_processes", "gauge", "Postmaster and child processes.", "%d", ps.nprocesses);
        metric(&out, "rustydb_memory_bytes", "gauge", "Proportional set size of all server processes.",
               "%" PRIu64, ps.memory_bytes);
        if (ps.cpu_usage_percent >= 0)
            metric(&out, "rustydb_cpu_usage_percent", "gauge", "CPU use of the server, percent of the machine.",
                   "%.2f", ps.cpu_usage_percent);
    }
    /*
     * Dead tuples per table and autovacuum runs need the statistics
     * collector; they are added when it exists rather than shown as 0.
     */
    AdminResponseSetBody(resp, 200, "text/plain; version=0.0.4; charset=utf-8", out.data, (size_t) out.len);
    pfree(out.data);
}
