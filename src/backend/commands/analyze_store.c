/*
 * analyze_store.c
 *     pg_statistic rows and the text form of their value lists.
 * Entry points: StatisticInsert(), StatisticDelete(), StatsArrayToText(),
 * StatsArrayFromText(), StatsFloatArrayToText(), StatsFloatArrayFromText().
 *
 * Value lists are stored as array literals in the column type's text form,
 * which is also what pg_stats shows, so a user reads them as PostgreSQL's
 * anyarray columns: elements are quoted when empty, when they contain
 * braces, commas, quotes, backslashes or white space, or spell NULL; inside
 * quotes '"' and '\' are escaped with a backslash.
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/pg_builtin.h"
#include "commands/analyze.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static bool
needs_quotes(const char *s)
{
    if (*s == '\0' || strcasecmp(s, "NULL") == 0)
        return true;
    for (const char *p = s; *p; p++)
        if (*p == '{' || *p == '}' || *p == ',' || *p == '"' || *p == '\\' ||
            isspace((unsigned char) *p))
            return true;
    return false;
}

static void
append_element(StringInfo buf, const char *s)
{
    if (!needs_quotes(s))
    {
        appendStringInfoString(buf, s);
        return;
    }
    appendStringInfoChar(buf, '"');
    for (const char *p = s; *p; p++)
    {
        if (*p == '"' || *p == '\\')
            appendStringInfoChar(buf, '\\');
        appendStringInfoChar(buf, *p);
    }
    appendStringInfoChar(buf, '"');
}

char *
StatsArrayToText(Oid typid, const Datum *values, int n)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    for (int i = 0; i < n; i++)
    {
        char       *s = OutputFunctionCall(typid, values[i]);

        if (i > 0)
            appendStringInfoChar(&buf, ',');
        append_element(&buf, s);
        pfree(s);
    }
    appendStringInfoChar(&buf, '}');
    return buf.data;
}

char *
StatsFloatArrayToText(const double *values, int n)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    for (int i = 0; i < n; i++)
    {
        char       *s = Float4ToCString((float4) values[i]);

        if (i > 0)
            appendStringInfoChar(&buf, ',');
        appendStringInfoString(&buf, s);
        pfree(s);
    }
    appendStringInfoChar(&buf, '}');
    return buf.data;
}

/* Split an array literal into element strings; -1 if malformed. */
static int
split_literal(const char *text, char ***out)
{
    const char *p = text;
    int         cap = 16;
    int         n = 0;
    char      **elems = palloc(sizeof(char *) * (Size) cap);
    StringInfoData buf;

    *out = elems;
    if (text == NULL || *p++ != '{')
        return -1;
    if (*p == '}')
        return p[1] == '\0' ? 0 : -1;
    initStringInfo(&buf);
    for (;;)
    {
        resetStringInfo(&buf);
        if (*p == '"')
        {
            p++;
            while (*p && *p != '"')
            {
                if (*p == '\\' && p[1])
                    p++;
                appendStringInfoChar(&buf, *p++);
            }
            if (*p++ != '"')
                return -1;
        }
        else
            while (*p && *p != ',' && *p != '}')
                appendStringInfoChar(&buf, *p++);
        if (n == cap)
        {
            cap *= 2;
            elems = repalloc(elems, sizeof(char *) * (Size) cap);
            *out = elems;
        }
        elems[n++] = pstrdup(buf.data);
        if (*p == ',')
        {
            p++;
            continue;
        }
        if (*p == '}' && p[1] == '\0')
            break;
        return -1;
    }
    return n;
}

int
StatsArrayFromText(Oid typid, const char *text, Datum **values)
{
    char      **elems;
    int         n = split_literal(text, &elems);

    *values = NULL;
    if (n < 0)
        return -1;
    *values = palloc(sizeof(Datum) * (Size) Max(n, 1));
    for (int i = 0; i < n; i++)
        (*values)[i] = InputFunctionCall(typid, elems[i], -1);
    return n;
}

int
StatsFloatArrayFromText(const char *text, double **values)
{
    char      **elems;
    int         n = split_literal(text, &elems);

    *values = NULL;
    if (n < 0)
        return -1;
    *values = palloc(sizeof(double) * (Size) Max(n, 1));
    for (int i = 0; i < n; i++)
        (*values)[i] = strtod(elems[i], NULL);
    return n;
}

void
StatisticInsert(const FormData_pg_statistic *row)
{
    Relation    rel = table_open(StatisticRelationId, RowExclusiveLock);

    CatalogInsertRow(rel, row);
    table_close(rel, RowExclusiveLock);
}

void
StatisticDelete(Oid relid, int16 attnum)
{
    Relation    rel = table_open(StatisticRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_statistic row;
    ItemPointerData tid;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.starelid == relid && (attnum == 0 || row.staattnum == attnum))
            CatalogDeleteRow(rel, &tid);
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
}
