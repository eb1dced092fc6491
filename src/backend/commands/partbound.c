/*
 * partbound.c
 *     The partition key and the inline partition list of RustyDB's
 *     ALTER TABLE t PARTITION BY RANGE|LIST|HASH (cols)
 *         [(PARTITION p VALUES LESS THAN (v, ...) | (MAXVALUE), ...)]
 *     checked against the table, with the SQLSTATEs and messages PostgreSQL
 *     gives for the equivalent CREATE TABLE ... PARTITION BY and CREATE
 *     TABLE p PARTITION OF t FOR VALUES FROM (previous bound) TO (bound).
 * Entry point: CheckPartitionSpec().
 *
 * Partition i of the dialect's list holds [bound i-1, bound i), the first
 * one [MINVALUE, bound 0); so the bounds must ascend strictly, and a bound
 * that does not is reported as PostgreSQL reports the empty range
 * "FROM (bound i-1) TO (bound i)" (42P17).  Bound values are analyzed as
 * partition bound expressions (no column references, subqueries or
 * aggregates), coerced to the key column's type with assignment rules and
 * evaluated once, as PostgreSQL does.
 */
#include "rustydb.h"

#include <ctype.h>

#include "access/htup.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands_int.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "parser/analyze.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef struct PartKeyColumn
{
    const char *name;
    Oid         typid;
    int32       typmod;
    RdbFunction cmp;            /* (a, b) -> int4; range and list keys */
} PartKeyColumn;

/* One bound of the dialect's list, evaluated: kinds[k] and, for VALUE, values[k]. */
typedef struct RangeBound
{
    PartitionRangeDatumKind *kinds;
    Datum      *values;
} RangeBound;

static const char *const system_column_names[] = {
    "tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"
};

static char
partition_strategy(const char *name)
{
    if (strcmp(name, "range") == 0)
        return 'r';
    if (strcmp(name, "list") == 0)
        return 'l';
    if (strcmp(name, "hash") == 0)
        return 'h';
    ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
            errmsg("unrecognized partitioning strategy \"%s\"", name));
    return 0;                   /* not reached */
}

static void
check_key_column(Relation rel, const PartitionElem *pe, char strategy, const char *query,
                 PartKeyColumn *key)
{
    TupleDesc   desc = RelationGetDescr(rel);
    int         attnum = 0;

    if (pe->name == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("partition key expressions are not supported yet"),
                errposition(QueryErrorPosition(query, pe->location)));
    for (size_t i = 0; i < lengthof(system_column_names); i++)
        if (strcmp(pe->name, system_column_names[i]) == 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                    errmsg("cannot use system column \"%s\" in partition key", pe->name),
                    errposition(QueryErrorPosition(query, pe->location)));
    for (int i = 0; i < desc->natts && attnum == 0; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (!att->attisdropped && strcmp(NameStr(att->attname), pe->name) == 0)
            attnum = i + 1;
    }
    if (attnum == 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                errmsg("column \"%s\" named in partition key does not exist", pe->name),
                errposition(QueryErrorPosition(query, pe->location)));
    if (pe->collation != NIL || pe->opclass != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("COLLATE and operator classes in a partition key are not supported yet"),
                errposition(QueryErrorPosition(query, pe->location)));
    key->name = pe->name;
    key->typid = TupleDescAttr(desc, attnum - 1)->atttypid;
    key->typmod = TupleDescAttr(desc, attnum - 1)->atttypmod;
    key->cmp = TypeCompareFunction(key->typid);
    if (strategy == 'h' ? TypeHashFunction(key->typid) == NULL : key->cmp == NULL)
    {
        const char *am = strategy == 'h' ? "hash" : "btree";

        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("data type %s has no default operator class for access method \"%s\"",
                       FormatTypeWithTypmod(key->typid, -1), am),
                errhint("You must specify a %s operator class or define a default %s "
                        "operator class for the data type.", am, am));
    }
}

/* A bound value as PostgreSQL prints a constant in a partition bound. */
static void
append_bound_value(StringInfo buf, Oid typid, Datum value)
{
    char       *out = OutputFunctionCall(typid, value);
    bool        bare;

    switch (typid)
    {
        case INT4OID:
            bare = out[0] != '-';
            break;
        case NUMERICOID:
            bare = isdigit((unsigned char) out[0]) && strpbrk(out, ".eE") != NULL;
            break;
        case BOOLOID:
            appendStringInfoString(buf, DatumGetBool(value) ? "true" : "false");
            return;
        default:
            bare = false;
            break;
    }
    if (bare)
    {
        appendStringInfoString(buf, out);
        return;
    }
    appendStringInfoChar(buf, '\'');
    for (const char *c = out; *c; c++)
    {
        if (*c == '\'')
            appendStringInfoChar(buf, '\'');
        appendStringInfoChar(buf, *c);
    }
    appendStringInfoChar(buf, '\'');
}

static char *
format_bound(const RangeBound *b, const PartKeyColumn *keys, int nkeys)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int k = 0; k < nkeys; k++)
    {
        if (k > 0)
            appendStringInfoString(&buf, ", ");
        if (b->kinds[k] == PARTITION_RANGE_DATUM_MINVALUE)
            appendStringInfoString(&buf, "MINVALUE");
        else if (b->kinds[k] == PARTITION_RANGE_DATUM_MAXVALUE)
            appendStringInfoString(&buf, "MAXVALUE");
        else
            append_bound_value(&buf, keys[k].typid, b->values[k]);
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

/* <0, 0, >0: MINVALUE below every value, MAXVALUE above, column by column. */
static int
compare_bounds(const RangeBound *a, const RangeBound *b, const PartKeyColumn *keys, int nkeys)
{
    for (int k = 0; k < nkeys; k++)
    {
        int         c;

        if (a->kinds[k] != b->kinds[k])
            return a->kinds[k] < b->kinds[k] ? -1 : 1;
        if (a->kinds[k] != PARTITION_RANGE_DATUM_VALUE)
            return 0;           /* both infinite, and so is every later column */
        c = DatumGetInt32(DirectFunctionCall2(keys[k].cmp, a->values[k], b->values[k]));
        if (c != 0)
            return c;
    }
    return 0;
}

/* The constant value of bound datum d for key column key. */
static Datum
evaluate_bound_value(const PartitionRangeDatum *d, const PartKeyColumn *key, const char *query,
                     EState *estate, ExprContext *econtext)
{
    Node       *expr = AnalyzePartitionBoundValue(d->value, d->location, query, key->typid,
                                                  key->typmod, key->name);
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    ExprState  *state = ExecInitExpr(expr, NULL);
    Datum       value;
    bool        isnull;
    int16       len;
    bool        byval;
    char        align;

    MemoryContextSwitchTo(old);
    value = ExecEvalExprSwitchContext(state, econtext, &isnull);
    if (isnull)
        ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                errmsg("cannot specify NULL in range bound"));
    TypeGetLenByvalAlign(key->typid, &len, &byval, &align);
    return datumCopy(value, byval, len);
}

static RangeBound
evaluate_bound(const PartitionDef *pd, const PartKeyColumn *keys, int nkeys, const char *query,
               EState *estate, ExprContext *econtext)
{
    RangeBound  b;
    int         k = 0;
    ListCell   *lc;

    if (list_length(pd->upperdatums) != nkeys)
        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                errmsg("VALUES LESS THAN must specify exactly one value per partitioning column"));
    b.kinds = palloc(sizeof(PartitionRangeDatumKind) * nkeys);
    b.values = palloc0(sizeof(Datum) * nkeys);
    foreach(lc, pd->upperdatums)
    {
        const PartitionRangeDatum *d = lfirst(lc);

        b.kinds[k] = d->kind;
        if (d->kind == PARTITION_RANGE_DATUM_VALUE)
            b.values[k] = evaluate_bound_value(d, &keys[k], query, estate, econtext);
        k++;
    }
    /* after MINVALUE / MAXVALUE, later columns cannot matter: PostgreSQL insists they repeat it */
    k = 0;
    foreach(lc, pd->upperdatums)
    {
        const PartitionRangeDatum *d = lfirst(lc);

        if (k > 0 && b.kinds[k - 1] != PARTITION_RANGE_DATUM_VALUE && d->kind != b.kinds[k - 1])
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("every bound following %s must also be %s",
                           b.kinds[k - 1] == PARTITION_RANGE_DATUM_MAXVALUE ? "MAXVALUE" : "MINVALUE",
                           b.kinds[k - 1] == PARTITION_RANGE_DATUM_MAXVALUE ? "MAXVALUE" : "MINVALUE"),
                    errposition(QueryErrorPosition(query, d->location)));
        k++;
    }
    return b;
}

static void
check_partition_list(Relation rel, const PartitionSpec *ps, char strategy,
                     const PartKeyColumn *keys, int nkeys, const char *query)
{
    EState     *estate = CreateExecutorState();
    ExprContext *econtext = CreateExprContext(estate);
    RangeBound  lower;
    List       *names = NIL;
    ListCell   *lc;

    lower.kinds = palloc(sizeof(PartitionRangeDatumKind) * nkeys);
    lower.values = palloc0(sizeof(Datum) * nkeys);
    for (int k = 0; k < nkeys; k++)
        lower.kinds[k] = PARTITION_RANGE_DATUM_MINVALUE;
    foreach(lc, ps->partitions)
    {
        const PartitionDef *pd = lfirst(lc);
        RangeBound  upper;
        ListCell   *nc;

        if (strategy != 'r')
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("invalid bound specification for a %s partition",
                           strategy == 'l' ? "list" : "hash"),
                    errposition(QueryErrorPosition(query, pd->location)));
        foreach(nc, names)
            if (strcmp(lfirst(nc), pd->name) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                        errmsg("relation \"%s\" already exists", pd->name));
        if (OidIsValid(RelnameGetRelidInNamespace(RelationGetNamespace(rel), pd->name)))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", pd->name));
        names = lappend(names, pd->name);
        upper = evaluate_bound(pd, keys, nkeys, query, estate, econtext);
        if (compare_bounds(&lower, &upper, keys, nkeys) >= 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                    errmsg("empty range bound specified for partition \"%s\"", pd->name),
                    errdetail("Specified lower bound %s is greater than or equal to upper bound %s.",
                              format_bound(&lower, keys, nkeys), format_bound(&upper, keys, nkeys)),
                    errposition(QueryErrorPosition(query,
                                                   ((PartitionRangeDatum *) linitial(pd->upperdatums))->location)));
        lower = upper;
    }
    FreeExecutorState(estate);
}

void
CheckPartitionSpec(Relation rel, const PartitionSpec *ps, const char *query)
{
    char        strategy = partition_strategy(ps->strategy);
    int         nkeys = list_length(ps->partParams);
    PartKeyColumn *keys = palloc0(sizeof(PartKeyColumn) * nkeys);
    int         k = 0;
    ListCell   *lc;

    if (strategy == 'l' && nkeys > 1)
        ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                errmsg("cannot use \"list\" partition strategy with more than one column"));
    foreach(lc, ps->partParams)
        check_key_column(rel, lfirst(lc), strategy, query, &keys[k++]);
    check_partition_list(rel, ps, strategy, keys, nkeys, query);
}
