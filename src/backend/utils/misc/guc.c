/*
 * guc.c
 *     The settings machinery: parsing values (units, ranges, enums), the
 *     per-setting state with its sources and one-level transaction stack,
 *     SET / RESET, reporting changes to the client (ParameterStatus).
 * Entry points: GucInitialize(), GucSetOption(), GucGetOption(),
 * AtEOXact_GUC(), GucReportChangedSettings(); value parsers GucParseBool(),
 * GucParseInt(), GucParseReal(), GucFormatUnits().
 * The table itself is in guc_tables.c; files and ALTER SYSTEM in
 * guc_file.c; SQL commands in guc_commands.c.  See README.md.
 */
#include "rustydb.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <strings.h>

#include "guc_int.h"
#include "libpq/libpq.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/palloc.h"

MemoryContext GucMemoryContext = NULL;

static GucState *guc_states = NULL;

/* A unit a value may carry, with its size in the unit family's smallest unit. */
typedef struct UnitConversion
{
    const char *name;
    double      multiplier;     /* bytes for memory, microseconds for time */
    bool        case_insensitive;
} UnitConversion;

static const UnitConversion memory_units[] = {
    {"B", 1.0, false},
    {"kB", 1024.0, false},
    {"MB", 1024.0 * 1024.0, false},
    {"GB", 1024.0 * 1024.0 * 1024.0, false},
    {"TB", 1024.0 * 1024.0 * 1024.0 * 1024.0, false},
    {NULL, 0, false}
};

/* Short forms are PostgreSQL's; long forms ('1 day', '5 minutes') are RustyDB's leniency. */
static const UnitConversion time_units[] = {
    {"us", 1.0, false},
    {"ms", 1000.0, false},
    {"s", 1e6, false},
    {"min", 60e6, false},
    {"h", 3600e6, false},
    {"d", 86400e6, false},
    {"microsecond", 1.0, true}, {"microseconds", 1.0, true},
    {"millisecond", 1000.0, true}, {"milliseconds", 1000.0, true},
    {"sec", 1e6, true}, {"secs", 1e6, true}, {"second", 1e6, true}, {"seconds", 1e6, true},
    {"mins", 60e6, true}, {"minute", 60e6, true}, {"minutes", 60e6, true},
    {"hour", 3600e6, true}, {"hours", 3600e6, true},
    {"day", 86400e6, true}, {"days", 86400e6, true},
    {NULL, 0, false}
};

static const char memory_units_hint[] =
    "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
static const char time_units_hint[] =
    "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

static void set_current(GucState *state, const GucValue *newval, GucSource source);
static void copy_value(const GucDefinition *def, GucValue *dst, const GucValue *src);
static bool values_equal(const GucDefinition *def, const GucValue *a, const GucValue *b);
static bool report_value_error(const GucDefinition *def, const char *value,
                               const GucValueError *err, int elevel);

/* ---------- units ---------- */

/* Size of one base unit of flags, in the family's smallest unit (bytes or microseconds). */
static double
base_unit_size(int flags)
{
    switch (flags & GUC_UNIT)
    {
        case GUC_UNIT_KB:
            return 1024.0;
        case GUC_UNIT_BLOCKS:
            return (double) BLCKSZ;
        case GUC_UNIT_MB:
            return 1024.0 * 1024.0;
        case GUC_UNIT_MS:
            return 1000.0;
        case GUC_UNIT_S:
            return 1e6;
        case GUC_UNIT_MIN:
            return 60e6;
    }
    return 1.0;
}

/* The base unit's name as PostgreSQL prints it in range errors. */
static const char *
base_unit_name(int flags)
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
    }
    return NULL;
}

/*
 * parse_number_with_unit -- "<number>[ws][unit][ws]" -> value in the base
 * unit of flags (not rounded).  The number may be fractional or in hex
 * (integers).  Returns false on junk; *hint names the valid units when the
 * unit part was the problem.
 */
static bool
parse_number_with_unit(const char *value, int flags, double *result, const char **hint)
{
    const char *p = value;
    char       *end;
    double      number;
    const UnitConversion *table;
    char        unit[32];
    size_t      unit_len = 0;

    *hint = NULL;
    while (isspace((unsigned char) *p))
        p++;
    if (*p == '\0')
        return false;
    errno = 0;
    if ((p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ||
        ((p[0] == '-' || p[0] == '+') && p[1] == '0' && (p[2] == 'x' || p[2] == 'X')))
    {
        long long   v = strtoll(p, &end, 16);

        number = (double) v;
    }
    else
        number = strtod(p, &end);
    if (end == p || errno == ERANGE || isnan(number) || isinf(number))
        return false;
    p = end;
    while (isspace((unsigned char) *p))
        p++;
    while (*p && !isspace((unsigned char) *p) && unit_len < sizeof(unit) - 1)
        unit[unit_len++] = *p++;
    unit[unit_len] = '\0';
    while (isspace((unsigned char) *p))
        p++;
    if (*p != '\0')
    {
        if (flags & GUC_UNIT)
            *hint = (flags & GUC_UNIT_MEMORY) ? memory_units_hint : time_units_hint;
        return false;
    }
    if (unit_len == 0)
    {
        *result = number;
        return true;
    }
    if (!(flags & GUC_UNIT))
        return false;
    table = (flags & GUC_UNIT_MEMORY) ? memory_units : time_units;
    for (const UnitConversion *u = table; u->name; u++)
    {
        if (u->case_insensitive ? strcasecmp(unit, u->name) == 0 : strcmp(unit, u->name) == 0)
        {
            *result = number * u->multiplier / base_unit_size(flags);
            return true;
        }
    }
    *hint = (flags & GUC_UNIT_MEMORY) ? memory_units_hint : time_units_hint;
    return false;
}

bool
GucParseInt(const char *value, int flags, int *result, const char **hint)
{
    double      number;

    if (!parse_number_with_unit(value, flags, &number, hint))
        return false;
    number = rint(number);
    if (number > INT_MAX || number < INT_MIN)
    {
        *hint = "Value exceeds integer range.";
        return false;
    }
    *result = (int) number;
    return true;
}

bool
GucParseReal(const char *value, int flags, double *result, const char **hint)
{
    return parse_number_with_unit(value, flags, result, hint);
}

bool
GucParseBool(const char *value, bool *result)
{
    size_t      len;
    char        buf[8];

    while (isspace((unsigned char) *value))
        value++;
    len = strlen(value);
    while (len > 0 && isspace((unsigned char) value[len - 1]))
        len--;
    if (len == 0 || len >= sizeof(buf))
        return false;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char) tolower((unsigned char) value[i]);
    buf[len] = '\0';
    if (strncmp(buf, "true", len) == 0 || strncmp(buf, "yes", len) == 0 ||
        strcmp(buf, "on") == 0 || strcmp(buf, "1") == 0)
    {
        *result = true;
        return true;
    }
    if (strncmp(buf, "false", len) == 0 || strncmp(buf, "no", len) == 0 ||
        (len >= 2 && strncmp(buf, "off", len) == 0) || strcmp(buf, "0") == 0)
    {
        *result = false;
        return true;
    }
    return false;
}

/*
 * GucFormatUnits -- largest unit in which value is a whole number.
 * Zero and negative values are printed without a unit (as PostgreSQL:
 * "0", "-1").
 */
void
GucFormatUnits(int64 value, int flags, char *buf, size_t buflen)
{
    const UnitConversion *table;
    double      smallest;
    const char *best_name = NULL;
    double      best_value = 0;

    if (value <= 0 || !(flags & GUC_UNIT))
    {
        snprintf(buf, buflen, "%lld", (long long) value);
        return;
    }
    smallest = (double) value * base_unit_size(flags);
    table = (flags & GUC_UNIT_MEMORY) ? memory_units : time_units;
    for (const UnitConversion *u = table; u->name && !u->case_insensitive; u++)
    {
        double      v = smallest / u->multiplier;

        /* Memory is shown in kB at least, time in ms at least (as PostgreSQL). */
        if (u->multiplier < base_unit_size(flags) && u->multiplier < ((flags & GUC_UNIT_MEMORY) ? 1024.0 : 1000.0))
            continue;
        if (v >= 1.0 && v == rint(v))
        {
            best_name = u->name;
            best_value = v;
        }
    }
    if (best_name == NULL)
        snprintf(buf, buflen, "%lld%s", (long long) value, base_unit_name(flags));
    else
        snprintf(buf, buflen, "%.0f%s", best_value, best_name);
}

/* format_real -- %g, with the largest exact unit for unit-carrying settings. */
static void
format_real(double value, int flags, char *buf, size_t buflen)
{
    if (value > 0 && (flags & GUC_UNIT))
    {
        const UnitConversion *table = (flags & GUC_UNIT_MEMORY) ? memory_units : time_units;
        double      smallest = value * base_unit_size(flags);
        const char *best_name = base_unit_name(flags);
        double      best_value = value;

        for (const UnitConversion *u = table; u->name && !u->case_insensitive; u++)
        {
            double      v = smallest / u->multiplier;

            if (u->multiplier < base_unit_size(flags))
                continue;
            if (v >= 1.0 && v == rint(v))
            {
                best_name = u->name;
                best_value = v;
            }
        }
        snprintf(buf, buflen, "%g%s", best_value, best_name);
    }
    else
        snprintf(buf, buflen, "%g", value);
}

/* ---------- values ---------- */

const char *
GucEnumName(const GucDefinition *def, int value)
{
    for (const GucEnumOption *o = def->options; o->name; o++)
        if (o->value == value && !o->hidden)
            return o->name;
    for (const GucEnumOption *o = def->options; o->name; o++)
        if (o->value == value)
            return o->name;
    return "???";
}

/* "Available values: a, b, c." palloc'd. */
static char *
enum_hint(const GucDefinition *def)
{
    StringInfoData buf;
    bool        first = true;

    initStringInfo(&buf);
    appendStringInfoString(&buf, "Available values: ");
    for (const GucEnumOption *o = def->options; o->name; o++)
    {
        if (o->hidden)
            continue;
        if (!first)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, o->name);
        first = false;
    }
    appendStringInfoChar(&buf, '.');
    return buf.data;
}

bool
GucParseValue(const GucDefinition *def, const char *value, GucSource source,
              GucValue *out, GucValueError *err)
{
    const char *hint = NULL;

    memset(err, 0, sizeof(*err));
    err->sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
    memset(out, 0, sizeof(*out));
    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            if (!GucParseBool(value, &out->boolval))
            {
                err->message = psprintf("parameter \"%s\" requires a Boolean value", def->name);
                return false;
            }
            break;
        case GUC_TYPE_INT:
            if (!GucParseInt(value, def->flags, &out->intval, &hint))
            {
                err->message = psprintf("invalid value for parameter \"%s\": \"%s\"", def->name, value);
                err->hint = hint;
                return false;
            }
            if (out->intval < def->min || out->intval > def->max)
            {
                const char *unit = base_unit_name(def->flags);

                err->message = psprintf("%d%s%s is outside the valid range for parameter \"%s\" (%d .. %d)",
                                        out->intval, unit ? " " : "", unit ? unit : "", def->name,
                                        (int) def->min, (int) def->max);
                return false;
            }
            break;
        case GUC_TYPE_REAL:
            if (!GucParseReal(value, def->flags, &out->realval, &hint))
            {
                err->message = psprintf("invalid value for parameter \"%s\": \"%s\"", def->name, value);
                err->hint = hint;
                return false;
            }
            if (out->realval < def->min || out->realval > def->max)
            {
                const char *unit = base_unit_name(def->flags);

                err->message = psprintf("%g%s%s is outside the valid range for parameter \"%s\" (%g .. %g)",
                                        out->realval, unit ? " " : "", unit ? unit : "", def->name,
                                        def->min, def->max);
                return false;
            }
            break;
        case GUC_TYPE_ENUM:
            {
                bool        found = false;

                for (const GucEnumOption *o = def->options; o->name; o++)
                {
                    if (strcasecmp(value, o->name) == 0)
                    {
                        out->intval = o->value;
                        found = true;
                        break;
                    }
                }
                if (!found)
                {
                    err->message = psprintf("invalid value for parameter \"%s\": \"%s\"", def->name, value);
                    err->hint = enum_hint(def);
                    return false;
                }
            }
            break;
        case GUC_TYPE_STRING:
            out->stringval = MemoryContextStrdup(GucMemoryContext, value);
            break;
    }
    if (def->check)
    {
        const char *detail = NULL;

        if (!def->check(out, source, &detail))
        {
            err->message = psprintf("invalid value for parameter \"%s\": \"%s\"", def->name, value);
            err->detail = detail;
            GucFreeValue(def, out);
            return false;
        }
    }
    return true;
}

char *
GucFormatValue(const GucDefinition *def, const GucValue *value)
{
    char        buf[64];

    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            return pstrdup(value->boolval ? "on" : "off");
        case GUC_TYPE_INT:
            GucFormatUnits(value->intval, def->flags, buf, sizeof(buf));
            return pstrdup(buf);
        case GUC_TYPE_REAL:
            format_real(value->realval, def->flags, buf, sizeof(buf));
            return pstrdup(buf);
        case GUC_TYPE_ENUM:
            return pstrdup(GucEnumName(def, value->intval));
        case GUC_TYPE_STRING:
            return pstrdup(value->stringval ? value->stringval : "");
    }
    return pstrdup("");
}

void
GucFreeValue(const GucDefinition *def, GucValue *value)
{
    if (def->type == GUC_TYPE_STRING && value->stringval)
    {
        pfree(value->stringval);
        value->stringval = NULL;
    }
}

static void
copy_value(const GucDefinition *def, GucValue *dst, const GucValue *src)
{
    *dst = *src;
    if (def->type == GUC_TYPE_STRING)
        dst->stringval = MemoryContextStrdup(GucMemoryContext, src->stringval ? src->stringval : "");
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
    return false;
}

/*
 * set_current -- make newval (copied) the setting's value: update the C
 * variable, run the assign hook, flag a ParameterStatus if reportable.
 */
static void
set_current(GucState *state, const GucValue *newval, GucSource source)
{
    const GucDefinition *def = state->def;
    bool        changed = !values_equal(def, &state->value, newval);
    GucValue    old = state->value;

    copy_value(def, &state->value, newval);
    state->source = source;
    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            *(bool *) def->variable = state->value.boolval;
            break;
        case GUC_TYPE_INT:
        case GUC_TYPE_ENUM:
            *(int *) def->variable = state->value.intval;
            break;
        case GUC_TYPE_REAL:
            *(double *) def->variable = state->value.realval;
            break;
        case GUC_TYPE_STRING:
            *(char **) def->variable = state->value.stringval;
            break;
    }
    if (def->assign)
        def->assign(&state->value);
    GucFreeValue(def, &old);
    if (changed && (def->flags & GUC_REPORT))
        state->report_pending = true;
}

/* ---------- lookup and initialisation ---------- */

GucState *
GucFindState(const char *name)
{
    if (guc_states == NULL || name == NULL)
        return NULL;
    for (int i = 0; i < GucDefinitionCount; i++)
        if (strcasecmp(GucDefinitions[i].name, name) == 0)
            return &guc_states[i];
    return NULL;
}

GucState *
GucStates(void)
{
    return guc_states;
}

const char *
GucCanonicalName(const char *name)
{
    GucState   *state = GucFindState(name);

    return state ? state->def->name : NULL;
}

/*
 * GucInitialize -- every setting gets its built-in default.  A default that
 * does not parse is a bug in guc_tables.c: PANIC, caught by every test run.
 */
void
GucInitialize(void)
{
    if (guc_states != NULL)
        return;
    MemoryContextInit();
    GucMemoryContext = MemoryContextCreate(TopMemoryContext, "GucMemoryContext");
    guc_states = MemoryContextAllocZero(GucMemoryContext, sizeof(GucState) * (Size) GucDefinitionCount);
    for (int i = 0; i < GucDefinitionCount; i++)
    {
        GucState   *state = &guc_states[i];
        GucValueError err;
        GucValue    boot;

        state->def = &GucDefinitions[i];
        if (!GucParseValue(state->def, state->def->boot_value, GUC_SRC_DEFAULT, &boot, &err))
            elog(PANIC, "invalid built-in default for \"%s\": %s", state->def->name, err.message);
        if (state->def->type == GUC_TYPE_STRING)
            state->value.stringval = MemoryContextStrdup(GucMemoryContext, "");
        set_current(state, &boot, GUC_SRC_DEFAULT);
        copy_value(state->def, &state->reset_value, &boot);
        state->reset_source = GUC_SRC_DEFAULT;
        state->report_pending = false;
        GucFreeValue(state->def, &boot);
    }
    LogLinePrefixHook = GucLogLinePrefix;
}

/* ---------- setting ---------- */

/*
 * caller_is_superuser -- whether SET may change SUSET settings.  Before a
 * role is known (postmaster, start-up) the caller is the server itself.
 */
bool
GucCallerIsSuperuser(void)
{
    return MyRoleName == NULL || MyRoleIsSuperuser;
}

static bool
report_value_error(const GucDefinition *def, const char *value, const GucValueError *err, int elevel)
{
    (void) def;
    (void) value;
    ereport(elevel, errcode(err->sqlstate), errmsg("%s", err->message),
            err->detail ? errdetail("%s", err->detail) : 0,
            err->hint ? errhint("%s", err->hint) : 0);
    return false;
}

/*
 * context_allows -- may a caller at context change def now?  Reports at
 * elevel and returns false if not.  *silently_skip is set for the cases
 * where a reload must just leave the value alone.
 */
static bool
context_allows(GucState *state, const char *value, GucContext context, GucSource source,
               int elevel, bool *silently_skip)
{
    const GucDefinition *def = state->def;

    *silently_skip = false;
    switch (def->context)
    {
        case GUC_CTX_INTERNAL:
            if (context != GUC_CTX_INTERNAL)
            {
                ereport(elevel, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                        errmsg("parameter \"%s\" cannot be changed", def->name));
                return false;
            }
            break;
        case GUC_CTX_POSTMASTER:
            if (context == GUC_CTX_SIGHUP)
            {
                /* Reload: a changed restart-only value is logged and ignored. */
                GucValue    parsed;
                GucValueError err;
                bool        same = true;

                if (value != NULL && GucParseValue(def, value, GUC_SRC_TEST, &parsed, &err))
                {
                    same = values_equal(def, &parsed, &state->value);
                    GucFreeValue(def, &parsed);
                }
                *silently_skip = true;
                /* Only the postmaster says so; every backend would repeat it. */
                if (!same)
                    ereport(IsUnderPostmaster ? DEBUG2 : LOG, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                            errmsg("parameter \"%s\" cannot be changed without restarting the server",
                                   def->name));
                return false;
            }
            if (context > GUC_CTX_POSTMASTER)
            {
                ereport(elevel, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                        errmsg("parameter \"%s\" cannot be changed without restarting the server",
                               def->name));
                return false;
            }
            break;
        case GUC_CTX_SIGHUP:
            if (context > GUC_CTX_SIGHUP)
            {
                ereport(elevel, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                        errmsg("parameter \"%s\" cannot be changed now", def->name));
                return false;
            }
            break;
        case GUC_CTX_BACKEND:
            if (context == GUC_CTX_SIGHUP && IsUnderPostmaster)
            {
                /* Existing sessions keep their value; new ones get the new one. */
                *silently_skip = true;
                return false;
            }
            if (context > GUC_CTX_BACKEND)
            {
                ereport(elevel, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                        errmsg("parameter \"%s\" cannot be set after connection start", def->name));
                return false;
            }
            break;
        case GUC_CTX_SUSET:
            if (context == GUC_CTX_USERSET || (source >= GUC_SRC_CLIENT && !GucCallerIsSuperuser()))
            {
                ereport(elevel, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                        errmsg("permission denied to set parameter \"%s\"", def->name));
                return false;
            }
            break;
        case GUC_CTX_USERSET:
            break;
    }
    return true;
}

bool
GucSetOption(const char *name, const char *value, GucContext context,
             GucSource source, GucAction action, int elevel)
{
    GucState   *state = GucFindState(name);
    const GucDefinition *def;
    GucValue    newval;
    GucSource   newsource = source;
    bool        skip;

    if (state == NULL)
    {
        ereport(elevel, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("unrecognized configuration parameter \"%s\"", name));
        return false;
    }
    def = state->def;
    if (!context_allows(state, value, context, source, elevel, &skip))
        return skip;
    if ((def->flags & GUC_DISALLOW_IN_FILE) && source == GUC_SRC_FILE)
    {
        ereport(elevel, errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
                errmsg("parameter \"%s\" cannot be changed", def->name));
        return false;
    }

    if (value == NULL)
    {
        copy_value(def, &newval, &state->reset_value);
        newsource = state->reset_source;
    }
    else
    {
        GucValueError err;

        if (!GucParseValue(def, value, source, &newval, &err))
            return report_value_error(def, value, &err, elevel);
    }
    if (source == GUC_SRC_TEST)
    {
        GucFreeValue(def, &newval);
        return true;
    }

    if (source < GUC_SRC_SESSION)
    {
        /*
         * Configuration-level sources (file, command line, start-up packet)
         * set the value RESET returns to, and the current value unless a
         * higher source (SET) overrides it.
         */
        if (newsource >= state->reset_source)
        {
            GucFreeValue(def, &state->reset_value);
            copy_value(def, &state->reset_value, &newval);
            state->reset_source = newsource;
        }
        if (state->in_xact)
        {
            if (newsource >= state->prior_source)
            {
                GucFreeValue(def, &state->prior);
                copy_value(def, &state->prior, &newval);
                state->prior_source = newsource;
            }
            if (newsource >= state->pending_source)
            {
                GucFreeValue(def, &state->pending);
                copy_value(def, &state->pending, &newval);
                state->pending_source = newsource;
            }
        }
        if (newsource >= state->source)
            set_current(state, &newval, newsource);
    }
    else
    {
        /* SET / SET LOCAL / RESET inside the current transaction. */
        if (!state->in_xact)
        {
            copy_value(def, &state->prior, &state->value);
            state->prior_source = state->source;
            copy_value(def, &state->pending, &state->value);
            state->pending_source = state->source;
            state->in_xact = true;
        }
        if (action == GUC_ACTION_SET)
        {
            GucFreeValue(def, &state->pending);
            copy_value(def, &state->pending, &newval);
            state->pending_source = newsource;
        }
        set_current(state, &newval, newsource);
    }
    GucFreeValue(def, &newval);
    return true;
}

/*
 * GucRevertFileValue -- the setting's line disappeared from the files:
 * what came from a file goes back to the built-in default.
 */
void
GucRevertFileValue(GucState *state)
{
    const GucDefinition *def = state->def;
    GucValue    boot;
    GucValueError err;

    if (state->reset_source != GUC_SRC_FILE && state->source != GUC_SRC_FILE)
        return;
    if (!GucParseValue(def, def->boot_value, GUC_SRC_DEFAULT, &boot, &err))
        return;
    if (state->reset_source == GUC_SRC_FILE)
    {
        GucFreeValue(def, &state->reset_value);
        copy_value(def, &state->reset_value, &boot);
        state->reset_source = GUC_SRC_DEFAULT;
    }
    if (state->in_xact && state->prior_source == GUC_SRC_FILE)
    {
        GucFreeValue(def, &state->prior);
        copy_value(def, &state->prior, &boot);
        state->prior_source = GUC_SRC_DEFAULT;
    }
    if (state->in_xact && state->pending_source == GUC_SRC_FILE)
    {
        GucFreeValue(def, &state->pending);
        copy_value(def, &state->pending, &boot);
        state->pending_source = GUC_SRC_DEFAULT;
    }
    if (state->source == GUC_SRC_FILE)
    {
        set_current(state, &boot, GUC_SRC_DEFAULT);
        ereport(IsUnderPostmaster ? DEBUG2 : LOG,
                errmsg("parameter \"%s\" removed from configuration file, reset to default",
                       def->name));
    }
    GucFreeValue(def, &boot);
}

void
AtEOXact_GUC(bool commit)
{
    if (guc_states == NULL)
        return;
    for (int i = 0; i < GucDefinitionCount; i++)
    {
        GucState   *state = &guc_states[i];
        const GucDefinition *def = state->def;

        if (!state->in_xact)
            continue;
        if (commit)
        {
            if (!values_equal(def, &state->value, &state->pending) || state->source != state->pending_source)
                set_current(state, &state->pending, state->pending_source);
        }
        else
        {
            if (!values_equal(def, &state->value, &state->prior) || state->source != state->prior_source)
                set_current(state, &state->prior, state->prior_source);
        }
        GucFreeValue(def, &state->prior);
        GucFreeValue(def, &state->pending);
        state->in_xact = false;
    }
}

/* ---------- reading ---------- */

/*
 * show_text -- SHOW's text for a setting, palloc'd.  Read from the C
 * variable, not our copy: a few variables are also written by their owning
 * module (XactIsoLevel is reset at every transaction start).
 */
static char *
show_text(const GucState *state)
{
    const GucDefinition *def = state->def;
    GucValue    v;

    if (def->show)
        return pstrdup(def->show());
    switch (def->type)
    {
        case GUC_TYPE_BOOL:
            v.boolval = *(bool *) def->variable;
            break;
        case GUC_TYPE_INT:
        case GUC_TYPE_ENUM:
            v.intval = *(int *) def->variable;
            break;
        case GUC_TYPE_REAL:
            v.realval = *(double *) def->variable;
            break;
        case GUC_TYPE_STRING:
            v.stringval = *(char **) def->variable;
            break;
    }
    return GucFormatValue(def, &v);
}

char *
GucGetOption(const char *name, bool missing_ok)
{
    GucState   *state = GucFindState(name);

    if (state == NULL)
    {
        if (missing_ok)
            return NULL;
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("unrecognized configuration parameter \"%s\"", name));
    }
    if ((state->def->flags & GUC_SUPERUSER_ONLY) && !GucCallerIsSuperuser())
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("must be superuser or have privileges of pg_read_all_settings to examine \"%s\"",
                       state->def->name));
    return show_text(state);
}

/* GucShowText -- for SHOW ALL (guc_commands.c). */
char *
GucShowText(const GucState *state)
{
    return show_text(state);
}

/* ---------- reporting to the client ---------- */

static void
report_one(GucState *state)
{
    char       *text = show_text(state);

    SendParameterStatus(state->def->name, text);
    pfree(text);
    state->report_pending = false;
}

void
GucReportChangedSettings(void)
{
    if (guc_states == NULL)
        return;
    for (int i = 0; i < GucDefinitionCount; i++)
        if (guc_states[i].report_pending)
            report_one(&guc_states[i]);
}

void
GucReportAllSettings(void)
{
    if (guc_states == NULL)
        return;
    for (int i = 0; i < GucDefinitionCount; i++)
        if (guc_states[i].def->flags & GUC_REPORT)
            report_one(&guc_states[i]);
}

void
GucProcessPendingReload(void)
{
    if (!ConfigReloadPending)
        return;
    ConfigReloadPending = false;
    (void) GucProcessConfigFiles(GUC_CTX_SIGHUP);
}
