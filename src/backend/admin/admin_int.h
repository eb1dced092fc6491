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

/* ---------- catalogread.c: read-only catalog access (README, "Catalog access") ---------- */

/* The database maintenance jobs and lookups use when the request names none. */
#define ADMIN_DEFAULT_DATABASE "rustydb"

typedef void (*AdminCatalogFn) (void *arg);

/*
 * AdminCatalogRead -- bind this process to database dbname (NULL or "":
 * ADMIN_DEFAULT_DATABASE) and run fn(arg) (may be NULL) inside a short
 * read-only transaction, with the caller's memory context current.  False,
 * without calling fn, if there is no such database; *dbid_out (may be NULL)
 * gets its OID.  No transaction is open on return, also when fn raises an
 * ERROR (the transaction is aborted and the ERROR re-thrown).  Lock waits
 * are bounded by a process-local lock_timeout (ERROR 55P03).
 */
extern bool AdminCatalogRead(const char *dbname, AdminCatalogFn fn, void *arg, Oid *dbid_out);

/*
 * AdminResolveTable -- inside AdminCatalogRead: the relation schema.relname
 * (schema "": along search_path), InvalidOid if absent; *relkind gets its
 * RELKIND_* ('\0' if absent).
 */
extern Oid  AdminResolveTable(const char *schema, const char *relname, char *relkind);

typedef struct AdminRoleRow
{
    Oid         oid;
    char        name[NAMEDATALEN];
    bool        superuser;
    bool        createrole;
    bool        createdb;
    bool        canlogin;
    bool        replication;
    bool        bypassrls;
    int64       valid_until;    /* TimestampTz (2000 epoch); 0: no limit */
    int64       created_at;     /* TimestampTz (2000 epoch); 0: unknown */
} AdminRoleRow;

/* Inside AdminCatalogRead: every role (pg_authid, no secrets), palloc'd array. */
extern AdminRoleRow *AdminListRoles(int *count);

typedef struct AdminRelName
{
    Oid         oid;
    char        relkind;
    char        schema[NAMEDATALEN];    /* "" if its schema vanished */
    char        relname[NAMEDATALEN];
} AdminRelName;

/* Inside AdminCatalogRead: every relation of the bound database (one scan each of pg_namespace, pg_class). */
extern AdminRelName *AdminRelationNames(int *count);
extern const AdminRelName *AdminRelNameFind(const AdminRelName *names, int count, Oid relid);

typedef struct AdminDbName
{
    Oid         oid;
    bool        allow_connections;
    char        name[NAMEDATALEN];
} AdminDbName;

/* Inside AdminCatalogRead: every database (pg_database), palloc'd array. */
extern AdminDbName *AdminDatabaseList(int *count);

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
