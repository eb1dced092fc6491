/*
 * router.c
 *     The admin API's route table and request dispatch: authentication,
 *     path matching with {param} segments, 404 / 405 (+ Allow), HEAD and
 *     OPTIONS, and turning a handler's ERROR into a 500 envelope.
 * Entry points: AdminDispatch(), AdminAllowedMethods(); see admin/adminapi.h.
 *
 * The table below is the one list of endpoints; doc/admin-api.yaml
 * describes the same list for clients and must change with it.
 */
#include "rustydb.h"

#include <ctype.h>

#include "admin/adminapi.h"
#include "admin_int.h"
#include "storage/lwlock.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

typedef struct AdminRoute
{
    AdminHttpMethod method;
    const char *pattern;        /* "/api/v1/pools/{id}/stats" */
    AdminHandler handler;
} AdminRoute;

static const AdminRoute routes[] = {
    {ADMIN_HTTP_POST, "/api/v1/admin/maintenance", AdminHandleMaintenanceSubmit},
    {ADMIN_HTTP_GET, "/api/v1/admin/maintenance", AdminHandleMaintenanceList},
    {ADMIN_HTTP_GET, "/api/v1/admin/maintenance/{id}", AdminHandleMaintenanceGet},
    {ADMIN_HTTP_DELETE, "/api/v1/admin/maintenance/{id}", AdminHandleMaintenanceCancel},
    {ADMIN_HTTP_GET, "/api/v1/admin/health", AdminHandleHealth},
    {ADMIN_HTTP_GET, "/api/v1/admin/users", AdminHandleUsers},
    {ADMIN_HTTP_GET, "/api/v1/admin/config", AdminHandleConfigGet},
    {ADMIN_HTTP_PUT, "/api/v1/admin/config", AdminHandleConfigPut},
    {ADMIN_HTTP_POST, "/api/v1/admin/backup", AdminHandleBackup},
    {ADMIN_HTTP_GET, "/api/v1/stats/performance", AdminHandlePerformance},
    {ADMIN_HTTP_GET, "/api/v1/stats/queries", AdminHandleQueries},
    {ADMIN_HTTP_GET, "/api/v1/pools", AdminHandlePoolList},
    {ADMIN_HTTP_GET, "/api/v1/pools/{id}", AdminHandlePoolGet},
    {ADMIN_HTTP_GET, "/api/v1/pools/{id}/stats", AdminHandlePoolStats},
    {ADMIN_HTTP_GET, "/metrics", AdminHandleMetrics},
};

/*
 * match_route -- does path match pattern?  On success params[] point to
 * palloc'd copies of the {param} segments.  A parameter never matches an
 * empty segment or one containing '/'.
 */
static bool
match_route(const char *pattern, const char *path, char **params)
{
    const char *p = pattern;
    const char *s = path;
    int         nparams = 0;

    while (*p != '\0')
    {
        if (*p == '{')
        {
            const char *pend = strchr(p, '}');
            size_t      seglen = strcspn(s, "/");

            Assert(pend != NULL);
            if (seglen == 0)
                return false;
            if (params != NULL && nparams < ADMIN_MAX_PATH_PARAMS)
                params[nparams] = pnstrdup(s, seglen);
            nparams++;
            p = pend + 1;
            s += seglen;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *s == '\0';
}

/* The methods routed for path, GET implying HEAD; false if none. */
bool
AdminAllowedMethods(const char *path, char *buf, size_t buflen)
{
    bool        seen[ADMIN_HTTP_OTHER + 1] = {false};
    bool        any = false;
    static const AdminHttpMethod order[] = {ADMIN_HTTP_GET, ADMIN_HTTP_HEAD, ADMIN_HTTP_POST,
        ADMIN_HTTP_PUT, ADMIN_HTTP_PATCH, ADMIN_HTTP_DELETE, ADMIN_HTTP_OPTIONS};
    size_t      used = 0;

    for (size_t i = 0; i < lengthof(routes); i++)
        if (match_route(routes[i].pattern, path, NULL))
        {
            seen[routes[i].method] = true;
            if (routes[i].method == ADMIN_HTTP_GET)
                seen[ADMIN_HTTP_HEAD] = true;
            any = true;
        }
    if (buflen > 0)
        buf[0] = '\0';
    if (!any)
        return false;
    seen[ADMIN_HTTP_OPTIONS] = true;
    for (size_t i = 0; i < lengthof(order); i++)
        if (seen[order[i]])
        {
            int         n = snprintf(buf + used, buflen - used, "%s%s", used ? ", " : "",
                                     AdminHttpMethodName(order[i]));

            if (n < 0 || (size_t) n >= buflen - used)
                break;
            used += (size_t) n;
        }
    return true;
}

/* request_id_is_sane -- a client-supplied X-Request-Id we may echo in a header. */
static bool
request_id_is_sane(const char *id)
{
    size_t      n = strlen(id);

    if (n == 0 || n > 36)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char) id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
            return false;
    return true;
}

static void
run_handler(AdminHandler handler, AdminRequest *req, AdminResponse *resp, char **params)
{
    MemoryContext cxt = CurrentMemoryContext;

    RDB_TRY();
    {
        handler(req, resp, params);
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
        LWLockReleaseAll();
        ereport(LOG, errmsg("admin API request \"%s %s\" failed: %s",
                            req->method_name ? req->method_name : "?", req->path ? req->path : "?",
                            edata->message ? edata->message : "unknown error"));
        /* Start over: a half-built response must not leak out. */
        AdminResponseInit(resp);
        {
            char        sqlstate[6];
            char        details[64];

            SqlstateToString(edata->sqlerrcode, sqlstate);
            snprintf(details, sizeof(details), "{\"sqlstate\": \"%.5s\"}", sqlstate);
            if (edata->sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE)
            {
                /* a catalog lookup waited too long for a lock (catalogread.c): retry later */
                AdminResponseSetError(resp, req, 503, ADMIN_ERR_SERVICE_UNAVAILABLE, details,
                                      "the catalogs are locked by another operation: %s",
                                      edata->message ? edata->message : "lock not available");
                AdminResponseAddHeader(resp, "Retry-After", "1");
            }
            else
                AdminResponseSetError(resp, req, 500, ADMIN_ERR_INTERNAL_ERROR, details, "%s",
                                      edata->message ? edata->message : "internal error");
        }
        FreeErrorData(edata);
    }
    RDB_END_TRY();
}

void
AdminDispatch(AdminRequest *req, AdminResponse *resp)
{
    const char *rid = AdminRequestHeader(req, "X-Request-Id");
    AdminAuthDecision auth;
    char        allow[96];
    char       *params[ADMIN_MAX_PATH_PARAMS] = {NULL};
    AdminHttpMethod method = req->method;
    const AdminRoute *route = NULL;

    AdminJsonInit();
    AdminResponseInit(resp);
    if (req->request_id[0] == '\0')
    {
        if (rid != NULL && request_id_is_sane(rid))
            snprintf(req->request_id, sizeof(req->request_id), "%s", rid);
        else
            AdminNewRequestId(req->request_id, sizeof(req->request_id));
    }

    auth = AdminAuthDecide(req->client_is_loopback, AdminRequestHeader(req, "Authorization"),
                           AdminApiToken);
    if (auth != ADMIN_AUTH_ALLOW)
    {
        AdminResponseSetError(resp, req, 401, ADMIN_ERR_UNAUTHORIZED, NULL, "%s",
                              AdminAuthDenyMessage(auth));
        AdminResponseAddHeader(resp, "WWW-Authenticate",
                               auth == ADMIN_AUTH_DENY_BAD_TOKEN ?
                               "Bearer realm=\"rustydb-admin\", error=\"invalid_token\"" :
                               "Bearer realm=\"rustydb-admin\"");
        return;
    }

    if (!AdminAllowedMethods(req->path, allow, sizeof(allow)))
    {
        AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, NULL,
                              "no such endpoint: %s", req->path);
        resp->head_only = (method == ADMIN_HTTP_HEAD);
        return;
    }
    if (method == ADMIN_HTTP_OPTIONS)
    {
        AdminResponseSetBody(resp, 204, NULL, NULL, 0);
        AdminResponseAddHeader(resp, "Allow", allow);
        return;
    }
    if (method == ADMIN_HTTP_HEAD)
    {
        resp->head_only = true;
        method = ADMIN_HTTP_GET;
    }
    for (size_t i = 0; i < lengthof(routes) && route == NULL; i++)
        if (routes[i].method == method && match_route(routes[i].pattern, req->path, params))
            route = &routes[i];
    if (route == NULL)
    {
        AdminResponseSetError(resp, req, 405, ADMIN_ERR_METHOD_NOT_ALLOWED, NULL,
                              "method %s is not allowed for %s; allowed: %s",
                              req->method_name ? req->method_name : AdminHttpMethodName(req->method),
                              req->path, allow);
        AdminResponseAddHeader(resp, "Allow", allow);
        return;
    }
    run_handler(route->handler, req, resp, params);
    if (method == ADMIN_HTTP_GET && req->method == ADMIN_HTTP_HEAD)
        resp->head_only = true;
}
