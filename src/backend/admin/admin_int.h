/*
 * admin_int.h
 *     Private declarations shared by the files of src/backend/admin/: the
 *     JSON helpers built on jansson, the handler signature and the handlers.
 * Nothing outside this directory includes it (STYLE.md §2).
 */
#ifndef ADMIN_INT_H
#define ADMIN_INT_H

#include <jansson.h>

#include "rustydb.h"
#include "admin/adminapi.h"
#include "admin/adminhttp.h"

/* Path parameters of a route ("{id}" segments), in order. */
#define ADMIN_MAX_PATH_PARAMS 2

typedef void (*AdminHandler) (AdminRequest *req, AdminResponse *resp, char **params);

/* ---------- httpresponse.c: JSON glue ---------- */

/* Make jansson allocate with palloc in the current context (once per process). */
extern void AdminJsonInit(void);
/* resp = status + JSON of obj (compact, UTF-8); steals the reference to obj. */
extern void AdminRespondJson(AdminResponse *resp, int status, json_t *obj);
/* An AdminInputError as the error envelope. */
extern void AdminRespondInputError(AdminResponse *resp, const AdminRequest *req,
                                   const AdminInputError *err);
/* Timestamp as RFC 3339 string, or JSON null for 0. */
extern json_t *AdminJsonTimestamp(int64 unix_us);
/* Set an AdminInputError (message formatted; details_json may be NULL). */
extern void AdminSetInputError(AdminInputError *err, int status, const char *code,
                               const char *details_json, const char *fmt, ...) RDB_PRINTF(5, 6);
/*
 * AdminReadJsonBody -- check Content-Type (application/json or +json; 415
 * otherwise) and parse the body as a JSON object (400 with line/column on a
 * syntax error, 400 if it is not an object).  NULL with *err on failure; the
 * result is owned by the caller (json_decref, or the request context).
 */
extern json_t *AdminReadJsonBody(const AdminRequest *req, AdminInputError *err);
/* Same without the Content-Type check (for the unit-testable parsers). */
extern json_t *AdminParseJsonObject(const char *body, size_t len, AdminInputError *err);

/* ---------- handlers ---------- */
/* maintenance.c */
extern void AdminHandleMaintenanceSubmit(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleMaintenanceList(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleMaintenanceGet(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleMaintenanceCancel(AdminRequest *req, AdminResponse *resp, char **params);
/* health.c */
extern void AdminHandleHealth(AdminRequest *req, AdminResponse *resp, char **params);
/* perfstats.c */
extern void AdminHandlePerformance(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleQueries(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleMetrics(AdminRequest *req, AdminResponse *resp, char **params);
/* pools.c */
extern void AdminHandlePoolList(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandlePoolGet(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandlePoolStats(AdminRequest *req, AdminResponse *resp, char **params);
/* config.c */
extern void AdminHandleConfigGet(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleConfigPut(AdminRequest *req, AdminResponse *resp, char **params);
/* otherapi.c */
extern void AdminHandleUsers(AdminRequest *req, AdminResponse *resp, char **params);
extern void AdminHandleBackup(AdminRequest *req, AdminResponse *resp, char **params);

/* ---------- pools.c ---------- */
/* Client backends now: running a statement, idle, waiting for a lock, all. */
extern void AdminCountConnections(int *active, int *idle, int *waiting, int *total);

/* ---------- sysstats.c: figures sampled by the admin process ---------- */

/* Process-wide figures from /proc for the postmaster and all its children. */
typedef struct AdminProcStats
{
    bool        valid;              /* /proc could be read */
    int         nprocesses;
    double      cpu_usage_percent;  /* over the last sampling window; < 0 until two samples */
    uint64      memory_bytes;       /* sum of proportional set sizes (PSS), RSS if unavailable */
    double      memory_percent;     /* of MemTotal */
    bool        io_valid;           /* /proc/<pid>/io readable */
    uint64      io_read_bytes;      /* storage reads of the live server processes */
    uint64      io_write_bytes;
} AdminProcStats;

/*
 * AdminSampleTick -- take one sample (CPU ticks of the server processes,
 * transaction counters) into the ring; called every second by the event
 * loop, and once at start.
 */
extern void AdminSampleTick(void);
extern void AdminGetProcStats(AdminProcStats *out);
/* Transactions per second over the last window; < 0 if not measurable yet. */
extern double AdminTransactionsPerSecond(double *window_seconds);
/* Postmaster pid and start time (Unix seconds) from postmaster.pid; false if unreadable. */
extern bool AdminReadPidFile(pid_t *pm_pid, int64 *start_time, char *status, size_t status_len);

#endif                          /* ADMIN_INT_H */
