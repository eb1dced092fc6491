/*
 * adminapi.h
 *     The admin API's endpoints: routing a parsed request to its handler,
 *     and the JSON conversions of maintenance jobs and requests.
 * Implemented in src/backend/admin/ (router.c: the route table and
 * dispatch; maintenance.c, health.c, perfstats.c, pools.c, config.c,
 * otherapi.c: the handlers); the endpoint list is doc/admin-api.yaml.
 */
#ifndef ADMIN_ADMINAPI_H
#define ADMIN_ADMINAPI_H

#include "rustydb.h"
#include "admin/adminhttp.h"
#include "commands/jobqueue.h"

/*
 * AdminDispatch -- authenticate req, find its route and run the handler,
 * filling resp.  Unknown path: 404; known path, other method: 405 with
 * Allow; HEAD is served as GET without a body, OPTIONS with 204 and Allow.
 * An ERROR raised by a handler is caught and answered with 500
 * INTERNAL_ERROR (LWLocks are released); the process keeps serving.
 * Allocates in the current (per-request) context.
 */
extern void AdminDispatch(AdminRequest *req, AdminResponse *resp);

/*
 * AdminAllowedMethods -- "GET, HEAD" style list of the methods routed for
 * path into buf; false if no route matches the path at all.
 */
extern bool AdminAllowedMethods(const char *path, char *buf, size_t buflen);

/* A client error found while reading a request body. */
typedef struct AdminInputError
{
    int         http_status;    /* 400, 404, 409, 415 */
    const char *code;           /* ADMIN_ERR_* */
    char        message[256];
    char        details[512];   /* JSON object text, or "" for null */
} AdminInputError;

/*
 * AdminParseMaintenanceRequest -- the body of POST /api/v1/admin/maintenance:
 *   {"operation": "vacuum"|"analyze"|"reindex"|"checkpoint",
 *    "tables": ["t", "s.t"] | "target": "t",
 *    "options": {"full", "verbose", "analyze", "concurrently": bool, "database": "name"}}
 * (options may also be given at the top level).  Fills *out with origin api;
 * *database_name gets options.database (palloc'd) or NULL.  False with *err
 * for anything invalid: unknown operation is 400 "Invalid maintenance
 * operation"; unknown keys are accepted and ignored (lenient, as the guide's
 * clients may send more).
 */
extern bool AdminParseMaintenanceRequest(const char *body, size_t len, JobRequest *out,
                                         char **database_name, AdminInputError *err);
/* AdminJobToJson -- the job as the API shows it (GET .../maintenance/<id>); palloc'd text. */
extern char *AdminJobToJson(const JobSnapshot *job);
/*
 * AdminValidateBackupRequest -- the body of POST /api/v1/admin/backup:
 * backup_type full|incremental|differential, compression/encryption
 * booleans, destination string, retention_days integer >= 0 (all optional).
 */
extern bool AdminValidateBackupRequest(const char *body, size_t len, AdminInputError *err);
/*
 * AdminValidateTableName -- "name" or "schema.name", each part a plain or
 * double-quoted identifier of at most NAMEDATALEN - 1 bytes.
 */
extern bool AdminValidateTableName(const char *name);
/*
 * AdminSplitTableName -- "t", "s.t", "\"T\"" into schema ("" if none) and
 * relation name (NAMEDATALEN each), with SQL's identifier rules: plain
 * parts folded to lower case, quoted parts verbatim.  False if name is not
 * a valid table name (AdminValidateTableName).
 */
extern bool AdminSplitTableName(const char *name, char *schema, char *relname);

/*
 * AdminPaginate -- the window of page (1-based) of page_size items out of
 * total: items [first, first + count); total_pages 0 for no items; a page
 * past the end is empty.  False if page or page_size is below 1.
 */
typedef struct AdminPage
{
    int         page;
    int         page_size;
    int         total_count;
    int         total_pages;
    int         first;
    int         count;
    bool        has_next;
    bool        has_prev;
} AdminPage;

extern bool AdminPaginate(int total, int page, int page_size, AdminPage *out);

#endif                          /* ADMIN_ADMINAPI_H */
