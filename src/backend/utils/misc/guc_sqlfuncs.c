/*
 * guc_sqlfuncs.c
 *     SQL-callable access to the settings: current_setting(), set_config(),
 *     pg_reload_conf() / rustydb_reload_conf(), and rustydb_settings(), the
 *     set-returning function behind the pg_settings view.
 * Entry points: the functions of the "statistics functions" block of
 * catalog/builtins.list.
 *
 * pending_restart: a restart-only setting whose value in the configuration
 * files (rustydb.conf, then rustydb.auto.conf; the last line wins) differs
 * from the running value, and the running value does not come from a higher
 * source (the command line).  Computed on each call by parsing the files, so
 * it is right even before a reload.  A file that does not parse leaves
 * pending_restart false for every setting.
 */
#include "rustydb.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "guc_int.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

Datum
current_setting(RDB_FUNCTION_ARGS)
{
    char       *name = text_to_cstring(RDB_GETARG_TEXT_P(0));
    bool        missing_ok = RDB_NARGS() > 1 && !RDB_ARGISNULL(1) && RDB_GETARG_BOOL(1);
    char       *value = GucGetOption(name, missing_ok);

    if (value == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(value));
}

/* set_config(name, value, is_local): SET [LOCAL] name = value; returns the new value. */
Datum
set_config(RDB_FUNCTION_ARGS)
{
    char       *name;
    char       *value;
    bool        is_local;

    if (RDB_ARGISNULL(0))
        ereport(ERROR, errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                errmsg("SET requires parameter name"));
    name = text_to_cstring(RDB_GETARG_TEXT_P(0));
    value = RDB_ARGISNULL(1) ? NULL : text_to_cstring(RDB_GETARG_TEXT_P(1));
    is_local = !RDB_ARGISNULL(2) && RDB_GETARG_BOOL(2);
    (void) GucSetOption(name, value, GucCallerIsSuperuser() ? GUC_CTX_SUSET : GUC_CTX_USERSET,
                        GUC_SRC_SESSION, is_local ? GUC_ACTION_LOCAL : GUC_ACTION_SET, ERROR);
    RDB_RETURN_TEXT_P(cstring_to_text(GucGetOption(name, false)));
}

/* pg_reload_conf() / rustydb_reload_conf(): SIGHUP to the postmaster (superuser). */
Datum
rustydb_reload_conf(RDB_FUNCTION_ARGS)
{
    pid_t       pm = getppid();

    (void) fcinfo;
    if (!GucCallerIsSuperuser())
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied to reload the configuration"),
                errhint("Only superusers can reload the server configuration."));
    if (!IsUnderPostmaster || pm <= 1)
    {
        ereport(WARNING, errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                errmsg("no postmaster to signal"));
        RDB_RETURN_BOOL(false);
    }
    if (kill(pm, SIGHUP) != 0)
    {
        ereport(WARNING, errcode(ERRCODE_SYSTEM_ERROR),
                errmsg("failed to send signal to postmaster: %m"));
        RDB_RETURN_BOOL(false);
    }
    RDB_RETURN_BOOL(true);
}

static const char *
context_name(GucContext c)
{
    switch (c)
    {
        case GUC_CTX_INTERNAL:
            return "internal";
        case GUC_CTX_POSTMASTER:
            return "postmaster";
        case GUC_CTX_SIGHUP:
            return "sighup";
        case GUC_CTX_BACKEND:
            return "backend";
        case GUC_CTX_SUSET:
            return "superuser";
        case GUC_CTX_USERSET:
            return "user";
    }
    return "unknown";
}

static const char *
source_name(GucSource s)
{
    switch (s)
    {
        case GUC_SRC_DEFAULT:
            return "default";
        case GUC_SRC_FILE:
            return "configuration file";
        case GUC_SRC_ARGV:
            return "command line";
        case GUC_SRC_CLIENT:
            return "client";
        case GUC_SRC_SESSION:
            return "session";
        case GUC_SRC_TEST:
            return "test";
    }
    return "unknown";
}

static const char *
type_name(GucType t)
{
    switch (t)
    {
        case GUC_TYPE_BOOL:
            return "bool";
        case GUC_TYPE_INT:
            return "integer";
        case GUC_TYPE_REAL:
            return "real";
        case GUC_TYPE_STRING:
            return "string";
        case GUC_TYPE_ENUM:
            return "enum";
    }
    return "unknown";
}

static const char *
unit_name(int flags)
{
    switch (flags & GUC_UNIT)
    {
        case GUC_UNIT_KB:
            return "kB";
        case GUC_UNIT_BLOCKS:
            return "8kB";
        case GUC_UNIT_MB:
            return "MB";
        case GUC_UNIT_MS:
            return "ms";
        case GUC_UNIT_S:
            return "s";
        case GUC_UNIT_MIN:
            return "min";
        default:
            return NULL;
    }
}

/* The raw value (no unit) pg_settings.setting shows: ints in the base unit. */
static char *
raw_value(const GucDefinition *def, const GucValue *v)
{
    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            return pstrdup(v->boolval ? "on" : "off");
        case GUC_TYPE_INT:
            return psprintf("%d", v->intval);
        case GUC_TYPE_REAL:
            return psprintf("%g", v->realval);
        case GUC_TYPE_STRING:
            return pstrdup(v->stringval ? v->stringval : "");
        case GUC_TYPE_ENUM:
            return pstrdup(GucEnumName(def, v->intval));
    }
    return pstrdup("");
}

static bool
values_equal(const GucDefinition *def, const GucValue *a, const GucValue *b)
{
    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            return a->boolval == b->boolval;
        case GUC_TYPE_INT:
        case GUC_TYPE_ENUM:
            return a->intval == b->intval;
        case GUC_TYPE_REAL:
            return a->realval == b->realval;
        case GUC_TYPE_STRING:
            return strcmp(a->stringval ? a->stringval : "", b->stringval ? b->stringval : "") == 0;
    }
    return true;
}

/* Restart-only settings whose file value differs from the running one. */
static bool *
compute_pending_restart(void)
{
    bool       *pending = palloc0(sizeof(bool) * (Size) GucDefinitionCount);
    GucFileItem *items[2] = {NULL, NULL};
    char        path[4096];
    GucState   *states = GucStates();

    if (DataDir == NULL || states == NULL)
        return pending;
    snprintf(path, sizeof(path), "%s/%s", DataDir, INSTANCE_CONFIG_FILE);
    if (!GucParseConfigFile(path, true, DEBUG1, &items[0]))
        return pending;
    snprintf(path, sizeof(path), "%s/%s", DataDir, INSTANCE_AUTO_CONFIG_FILE);
    if (!GucParseConfigFile(path, true, DEBUG1, &items[1]))
        return pending;
    for (int i = 0; i < GucDefinitionCount; i++)
    {
        const GucDefinition *def = &GucDefinitions[i];
        const char *file_value = NULL;
        GucValue    parsed;
        GucValueError err;

        if (def->context != GUC_CTX_POSTMASTER || states[i].source > GUC_SRC_FILE)
            continue;
        for (int f = 0; f < 2; f++)
            for (GucFileItem *it = items[f]; it; it = it->next)
                if (strcasecmp(it->name, def->name) == 0)
                    file_value = it->value;
        if (file_value == NULL)
        {
            /* line removed: the default applies after a restart */
            if (states[i].source == GUC_SRC_FILE)
                file_value = def->boot_value;
            else
                continue;
        }
        if (!GucParseValue(def, file_value, GUC_SRC_TEST, &parsed, &err))
            continue;
        pending[i] = !values_equal(def, &parsed, &states[i].value);
        GucFreeValue(def, &parsed);
    }
    return pending;
}

typedef struct SettingsState
{
    int         next;
    bool       *pending;
} SettingsState;

static void
put(Datum *vals, bool *nulls, int i, const char *s)
{
    nulls[i] = s == NULL;
    vals[i] = s ? CStringGetTextDatum(s) : (Datum) 0;
}

/*
 * rustydb_settings() -- one text[] per setting: name, setting, unit,
 * category, short_desc, context, vartype, source, min_val, max_val,
 * enumvals, boot_val, reset_val, pending_restart (pg_settings order).
 */
Datum
rustydb_settings(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;
    SettingsState *st;
    GucState   *states = GucStates();

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    st = rsi->state;
    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);

        st = palloc0(sizeof(SettingsState));
        st->pending = compute_pending_restart();
        rsi->state = st;
        MemoryContextSwitchTo(old);
    }
    while (st->next < GucDefinitionCount)
    {
        int         i = st->next++;
        const GucDefinition *def = &GucDefinitions[i];
        GucState   *s = &states[i];
        Datum       vals[14];
        bool        nulls[14];
        bool        hidden = (def->flags & GUC_SUPERUSER_ONLY) && !GucCallerIsSuperuser();
        char       *enumvals = NULL;

        if (def->flags & GUC_NO_SHOW_ALL)
            continue;
        if (def->type == GUC_TYPE_ENUM)
        {
            StringInfoData buf;

            initStringInfo(&buf);
            appendStringInfoChar(&buf, '{');
            for (const GucEnumOption *o = def->options; o->name; o++)
                if (!o->hidden)
                    appendStringInfo(&buf, "%s%s", buf.len > 1 ? "," : "", o->name);
            appendStringInfoChar(&buf, '}');
            enumvals = buf.data;
        }
        put(vals, nulls, 0, def->name);
        put(vals, nulls, 1, hidden ? "********" : raw_value(def, &s->value));
        put(vals, nulls, 2, unit_name(def->flags));
        put(vals, nulls, 3, def->category);
        put(vals, nulls, 4, def->description);
        put(vals, nulls, 5, context_name(def->context));
        put(vals, nulls, 6, type_name(def->type));
        put(vals, nulls, 7, source_name(s->source));
        put(vals, nulls, 8, def->type == GUC_TYPE_INT ? psprintf("%.0f", def->min)
            : def->type == GUC_TYPE_REAL ? psprintf("%g", def->min) : NULL);
        put(vals, nulls, 9, def->type == GUC_TYPE_INT ? psprintf("%.0f", def->max)
            : def->type == GUC_TYPE_REAL ? psprintf("%g", def->max) : NULL);
        put(vals, nulls, 10, enumvals);
        put(vals, nulls, 11, def->boot_value);
        put(vals, nulls, 12, hidden ? "********" : raw_value(def, &s->reset_value));
        put(vals, nulls, 13, st->pending[i] ? "true" : "false");
        return PointerGetDatum(ArrayConstruct(TEXTOID, vals, nulls, 14));
    }
    rsi->is_done = true;
    RDB_RETURN_NULL();
}
