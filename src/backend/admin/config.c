/*
 * config.c
 *     GET /api/v1/admin/config (every setting's live value) and
 *     PUT /api/v1/admin/config (ALTER SYSTEM SET for each key of a JSON
 *     object, validated all-or-nothing, then a configuration reload).
 * Entry points: AdminHandleConfigGet(), AdminHandleConfigPut() (router.c).
 *
 * PUT reuses the configuration module: GucSetOption() with GUC_SRC_TEST to
 * validate, ExecAlterSystemStmt() to write rustydb.auto.conf exactly as the
 * SQL command does (same checks, same file lock, same atomic rewrite).
 * All keys are validated before the first is written, so a bad key or value
 * changes nothing.  XXX: the writes are one ALTER SYSTEM per key; an I/O
 * error part-way leaves the earlier keys written.  A GUC entry point taking
 * several items at once would close that gap (asked of the GUC owner).
 */
#include "rustydb.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin_int.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "nodes/value.h"
#include "storage/fd.h"
#include "storage/lwlock.h"
#include "utils/elog.h"
#include "utils/guc.h"

#define SECRET_PLACEHOLDER "********"

/* setting_flags -- the table flags of a setting by (any-case) name, -1 if unknown. */
static int
setting_flags(const char *name)
{
    const char *canonical = GucCanonicalName(name);

    if (canonical == NULL)
        return -1;
    for (int i = 0; i < GucSettingCount(); i++)
        if (strcmp(GucSettingName(i), canonical) == 0)
            return GucSettingFlags(i);
    return -1;
}

/* config_mtime_us -- the later modification time of the two configuration files. */
static int64
config_mtime_us(void)
{
    const char *files[] = {INSTANCE_CONFIG_FILE, INSTANCE_AUTO_CONFIG_FILE};
    int64       latest = 0;

    for (size_t i = 0; i < lengthof(files); i++)
    {
        char        path[1024];
        struct stat st;

        snprintf(path, sizeof(path), "%s/%s", DataDir, files[i]);
        if (stat(path, &st) == 0)
        {
            int64       t = (int64) st.st_mtim.tv_sec * 1000000 + st.st_mtim.tv_nsec / 1000;

            latest = Max(latest, t);
        }
    }
    return latest;
}

static json_t *
setting_value_json(const char *name, int flags)
{
    char       *value = GucGetOption(name, true);
    json_t     *v;

    if (value == NULL)
        return json_null();
    if ((flags & GUC_SUPERUSER_ONLY) && value[0] != '\0')
        v = json_string(SECRET_PLACEHOLDER);
    else
        v = json_string(value);
    pfree(value);
    return v;
}

void
AdminHandleConfigGet(AdminRequest *req, AdminResponse *resp, char **params)
{
    json_t     *settings = json_object();
    json_t     *obj;

    (void) req;
    (void) params;
    for (int i = 0; i < GucSettingCount(); i++)
    {
        const char *name = GucSettingName(i);

        json_object_set_new(settings, name, setting_value_json(name, GucSettingFlags(i)));
    }
    obj = json_object();
    json_object_set_new(obj, "settings", settings);
    json_object_set_new(obj, "version", json_string(RDB_VERSION_STR));
    json_object_set_new(obj, "updated_at", AdminJsonTimestamp(config_mtime_us()));
    json_object_set_new(obj, "source", json_string("live values of the admin API process, reloaded on SIGHUP"));
    AdminRespondJson(resp, 200, obj);
}

/* value_text -- a JSON scalar as the text a setting parses; NULL for JSON null (= reset); false if unusable. */
static bool
value_text(json_t *value, char **out)
{
    *out = NULL;
    switch (json_typeof(value))
    {
        case JSON_STRING:
            if (strlen(json_string_value(value)) != json_string_length(value))
                return false;   /* embedded NUL */
            *out = pstrdup(json_string_value(value));
            return true;
        case JSON_INTEGER:
            *out = psprintf("%lld", (long long) json_integer_value(value));
            return true;
        case JSON_REAL:
            *out = psprintf("%.17g", json_real_value(value));
            return true;
        case JSON_TRUE:
            *out = pstrdup("on");
            return true;
        case JSON_FALSE:
            *out = pstrdup("off");
            return true;
        case JSON_NULL:
            return true;
        default:
            return false;
    }
}

/*
 * validate_setting -- would ALTER SYSTEM SET name = value be accepted?
 * On failure fills err from the configuration module's own message.
 */
static bool
validate_setting(const char *name, const char *value, AdminInputError *err)
{
    int         flags = setting_flags(name);
    MemoryContext cxt = CurrentMemoryContext;
    bool        ok = true;
    json_t     *details = json_pack("{s:s, s:s?}", "setting", name, "value", value);
    char       *dtext = json_dumps(details, JSON_COMPACT);

    json_decref(details);
    if (flags < 0)
    {
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, dtext,
                           "unrecognized configuration parameter \"%s\"", name);
        return false;
    }
    if (flags & GUC_DISALLOW_IN_FILE)
    {
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, dtext, "parameter \"%s\" cannot be changed", name);
        return false;
    }
    if (value == NULL)
        return true;            /* a reset: the name is all there is to check */
    RDB_TRY();
    {
        /* POSTMASTER context: anything ALTER SYSTEM may write (restart-only included). */
        (void) GucSetOption(name, value, GUC_CTX_POSTMASTER, GUC_SRC_TEST, GUC_ACTION_SET, ERROR);
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, dtext, "%s%s%s",
                           edata->message ? edata->message : "invalid value",
                           edata->hint ? ": " : "", edata->hint ? edata->hint : "");
        FreeErrorData(edata);
        ok = false;
    }
    RDB_END_TRY();
    return ok;
}

/* alter_system -- ALTER SYSTEM SET name = 'value' (value NULL: ALTER SYSTEM RESET name). */
static void
alter_system(const char *name, const char *value)
{
    AlterSystemStmt *stmt = makeNode(AlterSystemStmt);
    VariableSetStmt *set = makeNode(VariableSetStmt);

    set->name = pstrdup(name);
    set->location = -1;
    if (value == NULL)
        set->kind = VAR_RESET;
    else
    {
        A_Const    *arg = makeNode(A_Const);

        arg->val = (Node *) makeString(pstrdup(value));
        arg->location = -1;
        set->kind = VAR_SET_VALUE;
        set->args = list_make1(arg);
    }
    stmt->setstmt = set;
    ExecAlterSystemStmt(stmt);
}

void
AdminHandleConfigPut(AdminRequest *req, AdminResponse *resp, char **params)
{
    AdminInputError err;
    json_t     *body = AdminReadJsonBody(req, &err);
    json_t     *settings;
    json_t     *changed;
    json_t     *obj;
    const char *key;
    json_t     *value;
    int         n = 0;

    (void) params;
    if (body == NULL)
    {
        AdminRespondInputError(resp, req, &err);
        return;
    }
    /* Accept {"settings": {...}} (the GET shape) as well as a bare object. */
    settings = json_object_get(body, "settings");
    if (settings == NULL)
        settings = body;
    if (!json_is_object(settings) || json_object_size(settings) == 0)
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                              "request body must be a non-empty JSON object of setting names and values");
        return;
    }
    json_object_foreach(settings, key, value)
    {
        char       *text;

        if (!value_text(value, &text))
        {
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                                  "value of \"%s\" must be a string, number, boolean or null", key);
            return;
        }
        if (!validate_setting(key, text, &err))
        {
            AdminRespondInputError(resp, req, &err);
            return;
        }
    }
    json_object_foreach(settings, key, value)
    {
        char       *text;

        (void) value_text(value, &text);
        alter_system(key, text);
        n++;
    }
    /* Apply in this process now, and ask the postmaster to reload everyone. */
    (void) GucProcessConfigFiles(GUC_CTX_SIGHUP);
    if (IsUnderPostmaster && getppid() > 1 && kill(getppid(), SIGHUP) != 0)
        ereport(WARNING, errmsg("could not signal the postmaster to reload the configuration: %m"));
    changed = json_object();
    json_object_foreach(settings, key, value)
    {
        const char *canonical = GucCanonicalName(key);

        json_object_set_new(changed, canonical ? canonical : key, setting_value_json(key, setting_flags(key)));
    }
    obj = json_object();
    json_object_set_new(obj, "settings", changed);
    json_object_set_new(obj, "updated", json_integer(n));
    json_object_set_new(obj, "updated_at", AdminJsonTimestamp(config_mtime_us()));
    json_object_set_new(obj, "message",
                        json_string("written to rustydb.auto.conf and reloaded; settings that need a restart "
                                    "keep their current value until the server restarts"));
    ereport(LOG, errmsg("admin API changed %d setting(s) in %s", n, INSTANCE_AUTO_CONFIG_FILE));
    AdminRespondJson(resp, 200, obj);
}
