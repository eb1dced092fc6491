/*
 * otherapi.c
 *     GET /api/v1/admin/users (the roles of pg_authid, paginated) and
 *     POST /api/v1/admin/backup (validated, then 501 until the backup issue
 *     lands).  Never a fake success.
 * Entry points: AdminHandleUsers(), AdminHandleBackup() (router.c),
 * AdminValidateBackupRequest(), AdminPaginate() (admin/adminapi.h).
 *
 * Users: there is no role-membership catalog, so "roles" lists the role's
 * attributes as PostgreSQL names them (superuser, createrole, createdb,
 * replication, bypassrls, login).  "enabled" is rolcanlogin and not past
 * rolvaliduntil.  "last_login" is the last successful login since the
 * server started (adminshmem.c), null when there was none since then: it
 * is not persisted.
 */
#include "rustydb.h"

#include "admin/admin.h"
#include "admin_int.h"
#include "utils/datetime.h"
#include "utils/elog.h"

#define USERS_DEFAULT_PAGE_SIZE 50
#define USERS_MAX_PAGE_SIZE 1000

bool
AdminPaginate(int total, int page, int page_size, AdminPage *out)
{
    if (page < 1 || page_size < 1)
        return false;
    out->page = page;
    out->page_size = page_size;
    out->total_count = total;
    out->total_pages = total == 0 ? 0 : (total + page_size - 1) / page_size;
    /* a page past the end is empty, not an error (as most REST APIs) */
    out->first = (int64) (page - 1) * page_size >= total ? total : (page - 1) * page_size;
    out->count = Min(page_size, total - out->first);
    out->has_next = page < out->total_pages;
    out->has_prev = page > 1 && out->total_pages > 0;
    return true;
}

/* parse_positive -- query parameter as an integer in [1, max]; dflt if absent; -1 if invalid. */
static int
parse_positive(const char *text, int dflt, int max)
{
    char       *end;
    long        v;

    if (text == NULL)
        return dflt;
    v = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || v < 1 || v > max)
        return -1;
    return (int) v;
}

typedef struct RolesLookup
{
    AdminRoleRow *rows;
    int         count;
} RolesLookup;

static void
read_roles(void *arg)
{
    RolesLookup *lk = arg;

    lk->rows = AdminListRoles(&lk->count);
}

static int
role_cmp(const void *a, const void *b)
{
    Oid         x = ((const AdminRoleRow *) a)->oid;
    Oid         y = ((const AdminRoleRow *) b)->oid;

    return x < y ? -1 : x > y;
}

static json_t *
role_json(const AdminRoleRow *r, TimestampTz now)
{
    json_t     *obj = json_object();
    json_t     *roles = json_array();
    int64       last_login = AdminGetLastLogin(r->oid);

    if (r->superuser)
        json_array_append_new(roles, json_string("superuser"));
    if (r->createrole)
        json_array_append_new(roles, json_string("createrole"));
    if (r->createdb)
        json_array_append_new(roles, json_string("createdb"));
    if (r->replication)
        json_array_append_new(roles, json_string("replication"));
    if (r->bypassrls)
        json_array_append_new(roles, json_string("bypassrls"));
    if (r->canlogin)
        json_array_append_new(roles, json_string("login"));
    json_object_set_new(obj, "user_id", json_integer(r->oid));
    json_object_set_new(obj, "username", json_string(r->name));
    json_object_set_new(obj, "roles", roles);
    json_object_set_new(obj, "enabled", json_boolean(r->canlogin && (r->valid_until == 0 || r->valid_until > now)));
    json_object_set_new(obj, "created_at", r->created_at != 0 ?
                        AdminJsonTimestamp(r->created_at + EPOCH_DIFF_SECS * USECS_PER_SEC) : json_null());
    json_object_set_new(obj, "last_login", AdminJsonTimestamp(last_login));
    json_object_set_new(obj, "valid_until", r->valid_until != 0 ?
                        AdminJsonTimestamp(r->valid_until + EPOCH_DIFF_SECS * USECS_PER_SEC) : json_null());
    return obj;
}

void
AdminHandleUsers(AdminRequest *req, AdminResponse *resp, char **params)
{
    int         page = parse_positive(AdminRequestQueryParam(req, "page"), 1, INT32_MAX / USERS_MAX_PAGE_SIZE);
    int         page_size = parse_positive(AdminRequestQueryParam(req, "page_size"), USERS_DEFAULT_PAGE_SIZE,
                                           USERS_MAX_PAGE_SIZE);
    RolesLookup lk = {NULL, 0};
    AdminPage   pg;
    json_t     *data = json_array();
    json_t     *obj;
    TimestampTz now = GetCurrentTimestamp();

    (void) params;
    if (page < 0)
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL, "page must be a positive integer");
        return;
    }
    if (page_size < 0)
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                              "page_size must be an integer between 1 and %d", USERS_MAX_PAGE_SIZE);
        return;
    }
    /* pg_authid is a shared catalog: any database will do, the default one is always there */
    if (!AdminCatalogRead(NULL, read_roles, &lk, NULL))
        elog(ERROR, "default database \"%s\" does not exist", ADMIN_DEFAULT_DATABASE);
    if (lk.count > 1)
        qsort(lk.rows, (size_t) lk.count, sizeof(AdminRoleRow), role_cmp);
    (void) AdminPaginate(lk.count, page, page_size, &pg);
    for (int i = pg.first; i < pg.first + pg.count; i++)
        json_array_append_new(data, role_json(&lk.rows[i], now));
    obj = json_pack("{s:o, s:i, s:i, s:i, s:i, s:b, s:b}", "data", data, "page", pg.page,
                    "page_size", pg.page_size, "total_pages", pg.total_pages, "total_count", pg.total_count,
                    "has_next", pg.has_next, "has_prev", pg.has_prev);
    AdminRespondJson(resp, 200, obj);
}

static bool
backup_field_error(AdminInputError *err, const char *field, const char *message)
{
    char        details[128];

    snprintf(details, sizeof(details), "{\"field\": \"%s\"}", field);
    AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, details, "%s", message);
    return false;
}

bool
AdminValidateBackupRequest(const char *body, size_t len, AdminInputError *err)
{
    json_t     *root;
    json_t     *v;
    bool        ok = false;

    /* An empty body means "all defaults". */
    if (len == 0)
        return true;
    if ((root = AdminParseJsonObject(body, len, err)) == NULL)
        return false;
    if ((v = json_object_get(root, "backup_type")) != NULL && !json_is_null(v))
    {
        const char *t = json_string_value(v);

        if (t == NULL || (strcmp(t, "full") != 0 && strcmp(t, "incremental") != 0 && strcmp(t, "differential") != 0))
        {
            backup_field_error(err, "backup_type", "backup_type must be \"full\", \"incremental\" or \"differential\"");
            goto done;
        }
    }
    if ((v = json_object_get(root, "compression")) != NULL && !json_is_null(v) && !json_is_boolean(v))
    {
        backup_field_error(err, "compression", "compression must be true or false");
        goto done;
    }
    if ((v = json_object_get(root, "encryption")) != NULL && !json_is_null(v) && !json_is_boolean(v))
    {
        backup_field_error(err, "encryption", "encryption must be true or false");
        goto done;
    }
    if ((v = json_object_get(root, "destination")) != NULL && !json_is_null(v) &&
        (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > 1024 ||
         strlen(json_string_value(v)) != json_string_length(v)))
    {
        backup_field_error(err, "destination", "destination must be a non-empty path");
        goto done;
    }
    if ((v = json_object_get(root, "retention_days")) != NULL && !json_is_null(v) &&
        (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 36500))
    {
        backup_field_error(err, "retention_days", "retention_days must be an integer between 0 and 36500");
        goto done;
    }
    ok = true;
done:
    json_decref(root);
    return ok;
}

void
AdminHandleBackup(AdminRequest *req, AdminResponse *resp, char **params)
{
    AdminInputError err;

    (void) params;
    if (req->body.len > 0 || AdminRequestHeader(req, "Content-Type") != NULL)
    {
        json_t     *probe = AdminReadJsonBody(req, &err);

        if (probe == NULL)
        {
            AdminRespondInputError(resp, req, &err);
            return;
        }
        json_decref(probe);
    }
    if (!AdminValidateBackupRequest(req->body.data, (size_t) req->body.len, &err))
    {
        AdminRespondInputError(resp, req, &err);
        return;
    }
    AdminResponseSetError(resp, req, 501, ADMIN_ERR_NOT_IMPLEMENTED, NULL,
                          "backups are not implemented yet: the request is valid, but no backup was taken");
}
