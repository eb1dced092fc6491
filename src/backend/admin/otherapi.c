/*
 * otherapi.c
 *     Endpoints whose backing feature does not exist yet, answered honestly:
 *     GET /api/v1/admin/users (roles need catalog access, which the admin
 *     process does not have) and POST /api/v1/admin/backup (validated, then
 *     501 until the backup issue lands).  Never a fake success.
 * Entry points: AdminHandleUsers(), AdminHandleBackup() (router.c),
 * AdminValidateBackupRequest() (admin/adminapi.h).
 */
#include "rustydb.h"

#include "admin_int.h"

void
AdminHandleUsers(AdminRequest *req, AdminResponse *resp, char **params)
{
    char       *page = AdminRequestQueryParam(req, "page");
    char       *page_size = AdminRequestQueryParam(req, "page_size");
    char       *end;

    (void) params;
    /* Validate what we can, so clients learn about bad input first. */
    if (page != NULL && (page[0] == '\0' || strtol(page, &end, 10) < 1 || *end != '\0'))
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL, "page must be a positive integer");
        return;
    }
    if (page_size != NULL &&
        (page_size[0] == '\0' || strtol(page_size, &end, 10) < 1 || strtol(page_size, NULL, 10) > 1000 || *end != '\0'))
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                              "page_size must be an integer between 1 and 1000");
        return;
    }
    AdminResponseSetError(resp, req, 501, ADMIN_ERR_NOT_IMPLEMENTED, NULL,
                          "listing roles is not implemented yet: the admin API process cannot read the pg_authid "
                          "catalog; use SELECT rolname FROM pg_authid (or \\du in rusty-db-cli) meanwhile");
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
