/*
 * guc_commands.c
 *     The SQL side of settings: SET / SET LOCAL / RESET / RESET ALL /
 *     SET TRANSACTION ..., and SHOW name | ALL.  ALTER SYSTEM is in
 *     guc_file.c (it writes files).
 * Entry points: ExecSetVariableStmt(), ExecShowStmt(), ShowStmtResultDesc().
 * Called by the executor engineer's utility dispatcher inside a
 * transaction command.
 */
#include "rustydb.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "access/tupdesc.h"
#include "access/xact.h"
#include "catalog/pg_builtin.h"
#include "guc_int.h"
#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "nodes/value.h"
#include "tcop/dest.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* Quote an identifier for a list setting unless it is a plain lowercase name. */
static void
append_list_identifier(StringInfo buf, const char *ident)
{
    bool        plain = ident[0] != '\0' && (islower((unsigned char) ident[0]) || ident[0] == '_');

    for (const char *p = ident; plain && *p; p++)
        if (!(islower((unsigned char) *p) || isdigit((unsigned char) *p) || *p == '_'))
            plain = false;
    if (plain)
    {
        appendStringInfoString(buf, ident);
        return;
    }
    appendStringInfoChar(buf, '"');
    for (const char *p = ident; *p; p++)
    {
        if (*p == '"')
            appendStringInfoChar(buf, '"');
        appendStringInfoChar(buf, *p);
    }
    appendStringInfoChar(buf, '"');
}

/*
 * GucFlattenSetArgs -- the SET value as the string the setting parses.
 * Numbers keep their source spelling; several arguments are allowed only
 * for list settings and are joined with ", ".  Allocated in the current
 * context.
 */
char *
GucFlattenSetArgs(const GucDefinition *def, const char *name, List *args)
{
    StringInfoData buf;
    ListCell   *lc;

    if (args == NIL)
        return pstrdup("");
    if (list_length(args) > 1 && (def == NULL || !(def->flags & GUC_LIST_INPUT)))
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("SET %s takes only one argument", name));
    initStringInfo(&buf);
    foreach(lc, args)
    {
        Node       *arg = (Node *) lfirst(lc);
        Node       *val;

        if (buf.len > 0)
            appendStringInfoString(&buf, ", ");
        if (IsA(arg, TypeCast))
            arg = ((TypeCast *) arg)->arg;     /* SET TIME ZONE INTERVAL '...': use the text */
        if (!IsA(arg, A_Const) || ((A_Const *) arg)->isnull)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("SET %s: unsupported value expression", name));
        val = ((A_Const *) arg)->val;
        switch (nodeTag(val))
        {
            case T_Integer:
                /* SET TIME ZONE -7: hours east of UTC, as an ISO offset the zone code accepts. */
                if (def && strcmp(def->name, "TimeZone") == 0)
                    appendStringInfo(&buf, "%c%02d", intVal(val) < 0 ? '-' : '+', abs(intVal(val)));
                else
                    appendStringInfo(&buf, "%d", intVal(val));
                break;
            case T_Float:
                appendStringInfoString(&buf, castNode(Float, val)->fval);
                break;
            case T_Boolean:
                appendStringInfoString(&buf, boolVal(val) ? "on" : "off");
                break;
            case T_String:
                if (def && (def->flags & GUC_LIST_QUOTE))
                    append_list_identifier(&buf, strVal(val));
                else
                    appendStringInfoString(&buf, strVal(val));
                break;
            default:
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("SET %s: unsupported value expression", name));
        }
    }
    return buf.data;
}

/* The privilege SET runs with. */
static GucContext
set_context(void)
{
    return GucCallerIsSuperuser() ? GUC_CTX_SUSET : GUC_CTX_USERSET;
}

/* SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: DefElem list. */
static void
set_transaction_modes(VariableSetStmt *stmt)
{
    bool        session = strcasecmp(stmt->name, "TRANSACTION") != 0;
    ListCell   *lc;

    foreach(lc, stmt->args)
    {
        DefElem    *opt = (DefElem *) lfirst(lc);
        const char *target;
        const char *value;

        if (strcmp(opt->defname, "transaction_isolation") == 0)
        {
            target = session ? "default_transaction_isolation" : "transaction_isolation";
            value = strVal(opt->arg);
        }
        else if (strcmp(opt->defname, "transaction_read_only") == 0)
        {
            target = session ? "default_transaction_read_only" : "transaction_read_only";
            value = boolVal(opt->arg) ? "on" : "off";
        }
        else if (strcmp(opt->defname, "transaction_deferrable") == 0)
        {
            /* Only meaningful for SERIALIZABLE READ ONLY, which we do not have yet. */
            continue;
        }
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("unexpected SET TRANSACTION option \"%s\"", opt->defname));
        (void) GucSetOption(target, value, set_context(), GUC_SRC_SESSION,
                            session ? GUC_ACTION_SET : GUC_ACTION_LOCAL, ERROR);
    }
}

void
ExecSetVariableStmt(struct VariableSetStmt *stmt)
{
    GucAction   action = stmt->is_local ? GUC_ACTION_LOCAL : GUC_ACTION_SET;

    /* As PostgreSQL: SET LOCAL outside a block only lasts for the implicit transaction. */
    if (stmt->is_local && !IsTransactionBlock())
        ereport(WARNING, errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
                errmsg("SET LOCAL can only be used in transaction blocks"));

    switch (stmt->kind)
    {
        case VAR_SET_VALUE:
            {
                GucState   *state = GucFindState(stmt->name);
                char       *value;

                if (state == NULL)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                            errmsg("unrecognized configuration parameter \"%s\"", stmt->name));
                value = GucFlattenSetArgs(state->def, state->def->name, stmt->args);
                (void) GucSetOption(state->def->name, value, set_context(), GUC_SRC_SESSION,
                                    action, ERROR);
            }
            break;
        case VAR_SET_DEFAULT:
        case VAR_RESET:
            (void) GucSetOption(stmt->name, NULL, set_context(), GUC_SRC_SESSION, action, ERROR);
            break;
        case VAR_SET_MULTI:
            set_transaction_modes(stmt);
            break;
        case VAR_SET_CURRENT:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("SET ... FROM CURRENT is not supported"));
            break;
        case VAR_RESET_ALL:
            {
                GucState   *states = GucStates();

                for (int i = 0; i < GucDefinitionCount; i++)
                {
                    const GucDefinition *def = states[i].def;

                    if (def->context < GUC_CTX_SUSET || (def->flags & GUC_DISALLOW_IN_FILE))
                        continue;       /* not SET-able, or per-transaction */
                    if (def->context == GUC_CTX_SUSET && !GucCallerIsSuperuser())
                        continue;
                    (void) GucSetOption(def->name, NULL, set_context(), GUC_SRC_SESSION, action, ERROR);
                }
            }
            break;
    }
}

/* Is this SHOW ALL? */
static bool
show_is_all(const VariableShowStmt *stmt)
{
    return strcasecmp(stmt->name, "all") == 0;
}

struct TupleDescData *
ShowStmtResultDesc(struct VariableShowStmt *stmt)
{
    TupleDesc   desc;

    if (show_is_all(stmt))
    {
        desc = CreateTemplateTupleDesc(3);
        TupleDescInitEntry(desc, 1, "name", TEXTOID, -1);
        TupleDescInitEntry(desc, 2, "setting", TEXTOID, -1);
        TupleDescInitEntry(desc, 3, "description", TEXTOID, -1);
    }
    else
    {
        const char *name = GucCanonicalName(stmt->name);

        if (name == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("unrecognized configuration parameter \"%s\"", stmt->name));
        desc = CreateTemplateTupleDesc(1);
        TupleDescInitEntry(desc, 1, name, TEXTOID, -1);
    }
    return desc;
}

void
ExecShowStmt(struct VariableShowStmt *stmt, struct DestReceiver *dest)
{
    TupleDesc   desc = ShowStmtResultDesc(stmt);

    if (show_is_all(stmt))
    {
        GucState   *states = GucStates();
        Datum       values[3];
        bool        nulls[3] = {false, false, false};
        const GucDefinition **sorted = palloc(sizeof(GucDefinition *) * (Size) GucDefinitionCount);
        int         n = 0;

        /* PostgreSQL lists SHOW ALL by name, case-insensitively. */
        for (int i = 0; i < GucDefinitionCount; i++)
        {
            const GucDefinition *def = states[i].def;
            int         j = n;

            if (def->flags & GUC_NO_SHOW_ALL)
                continue;
            if ((def->flags & GUC_SUPERUSER_ONLY) && !GucCallerIsSuperuser())
                continue;
            while (j > 0 && strcasecmp(sorted[j - 1]->name, def->name) > 0)
            {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = def;
            n++;
        }
        dest->startup(dest, desc);
        for (int i = 0; i < n; i++)
        {
            GucState   *state = GucFindState(sorted[i]->name);

            values[0] = CStringGetTextDatum(sorted[i]->name);
            values[1] = CStringGetTextDatum(GucShowText(state));
            values[2] = CStringGetTextDatum(sorted[i]->description);
            if (!dest->receive(dest, values, nulls))
                break;
        }
        dest->shutdown(dest);
    }
    else
    {
        Datum       value;
        bool        isnull = false;

        value = CStringGetTextDatum(GucGetOption(stmt->name, false));
        dest->startup(dest, desc);
        (void) dest->receive(dest, &value, &isnull);
        dest->shutdown(dest);
    }
}
