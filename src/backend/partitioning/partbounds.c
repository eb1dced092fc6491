/*
 * partbounds.c
 *     Partition bound logic without catalog access: comparing range
 *     bounds, deciding whether a row belongs to a bound, finding a row's
 *     partition, overlap between bounds, hashing a key, and the texts
 *     PostgreSQL shows for bounds, keys and partition constraints.
 * Entry points: PartitionRangeCompare(), PartitionBoundContains(),
 * PartitionFindForValues(), PartitionRouteRow(), PartitionExtractKey(),
 * PartitionBoundsOverlap(), PartitionHashValues(), PartitionBoundDeparse(),
 * PartitionKeyDeparse(), PartitionConstraintDeparse(),
 * PartitionKeyValuesDescribe().
 * See README.md in this directory.
 */
#include "rustydb.h"

#include <ctype.h>

#include "catalog/pg_builtin.h"
#include "lib/stringinfo.h"
#include "partitioning/partition.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static int
compare_values(const PartitionKeyData *key, int k, Datum a, Datum b)
{
    return DatumGetInt32(DirectFunctionCall2(key->cmp[k], a, b));
}

int
PartitionRangeCompare(const PartitionKeyData *key,
                      const PartitionRangeDatumKind *akind, const Datum *a,
                      const PartitionRangeDatumKind *bkind, const Datum *b)
{
    for (int k = 0; k < key->nkeys; k++)
    {
        int         c;

        if (akind[k] != bkind[k])
            return akind[k] < bkind[k] ? -1 : 1;
        if (akind[k] != PARTITION_RANGE_DATUM_VALUE)
            return 0;           /* both infinite: later columns do not matter */
        c = compare_values(key, k, a[k], b[k]);
        if (c != 0)
            return c;
    }
    return 0;
}

/* A row's key against a range bound: <0 row below, 0 equal, >0 row above. */
static int
compare_row_to_range(const PartitionKeyData *key, const Datum *values,
                     const PartitionRangeDatumKind *kind, const Datum *bound)
{
    for (int k = 0; k < key->nkeys; k++)
    {
        int         c;

        if (kind[k] == PARTITION_RANGE_DATUM_MINVALUE)
            return 1;
        if (kind[k] == PARTITION_RANGE_DATUM_MAXVALUE)
            return -1;
        c = compare_values(key, k, values[k], bound[k]);
        if (c != 0)
            return c;
    }
    return 0;
}

uint64
PartitionHashValues(const PartitionKeyData *key, const Datum *values, const bool *isnull)
{
    uint64      h = 0;

    for (int k = 0; k < key->nkeys; k++)
    {
        uint32      v = isnull[k] ? 0 : DatumGetUInt32(DirectFunctionCall1(key->hash[k], values[k]));

        /* combine as boost::hash_combine (64-bit variant) */
        h ^= (uint64) v + UINT64_C(0x49a0f4dd15e5a8e3) + (h << 54) + (h >> 7);
    }
    return h;
}

bool
PartitionBoundContains(const PartitionKeyData *key, const PartitionBoundData *bound,
                       const Datum *values, const bool *isnull)
{
    /* a DEFAULT partition's rows depend on its siblings: PartitionRowBelongsTo */
    if (bound->is_default)
        return false;
    switch (bound->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            for (int k = 0; k < key->nkeys; k++)
                if (isnull[k])
                    return false;   /* NULL keys go to the default partition only */
            return compare_row_to_range(key, values, bound->lokind, bound->lo) >= 0 &&
                compare_row_to_range(key, values, bound->hikind, bound->hi) < 0;
        case PARTITION_STRATEGY_LIST:
            if (isnull[0])
                return bound->has_null;
            for (int i = 0; i < bound->nvalues; i++)
                if (compare_values(key, 0, values[0], bound->values[i]) == 0)
                    return true;
            return false;
        case PARTITION_STRATEGY_HASH:
            return (int) (PartitionHashValues(key, values, isnull) % (uint64) bound->modulus) ==
                bound->remainder;
        default:
            elog(ERROR, "unrecognized partition strategy '%c'", bound->strategy);
    }
    return false;
}

int
PartitionFindForValues(const PartitionDescData *desc, const Datum *values, const bool *isnull)
{
    for (int i = 0; i < desc->nparts; i++)
    {
        if (desc->bounds[i]->is_default)
            continue;
        if (PartitionBoundContains(&desc->key, desc->bounds[i], values, isnull))
            return i;
    }
    return desc->default_index;
}

int
PartitionRouteRow(const PartitionDescData *desc, const char *parentname, const Datum *rowvalues,
                  const bool *rowisnull)
{
    Datum       kv[PARTITION_MAX_KEYS];
    bool        kn[PARTITION_MAX_KEYS];
    int         p;

    PartitionExtractKey(&desc->key, rowvalues, rowisnull, kv, kn);
    p = PartitionFindForValues(desc, kv, kn);
    if (p < 0)
        ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                errmsg("no partition of relation \"%s\" found for row", parentname),
                errdetail("Partition key of the failing row contains %s.",
                          PartitionKeyValuesDescribe(&desc->key, kv, kn)));
    return p;
}

bool
PartitionRowBelongsTo(const PartitionDescData *desc, Oid partoid, const Datum *rowvalues,
                      const bool *rowisnull)
{
    Datum       kv[PARTITION_MAX_KEYS];
    bool        kn[PARTITION_MAX_KEYS];
    int         p;

    PartitionExtractKey(&desc->key, rowvalues, rowisnull, kv, kn);
    p = PartitionFindForValues(desc, kv, kn);
    return p >= 0 && desc->oids[p] == partoid;
}

void
PartitionExtractKey(const PartitionKeyData *key, const Datum *rowvalues, const bool *rowisnull,
                    Datum *values, bool *isnull)
{
    for (int k = 0; k < key->nkeys; k++)
    {
        values[k] = rowvalues[key->attnums[k] - 1];
        isnull[k] = rowisnull[key->attnums[k] - 1];
    }
}

bool
PartitionBoundsOverlap(const PartitionKeyData *key, const PartitionBoundData *a,
                       const PartitionBoundData *b)
{
    if (a->is_default || b->is_default)
        return a->is_default && b->is_default;
    switch (key->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            return PartitionRangeCompare(key, a->lokind, a->lo, b->hikind, b->hi) < 0 &&
                PartitionRangeCompare(key, b->lokind, b->lo, a->hikind, a->hi) < 0;
        case PARTITION_STRATEGY_LIST:
            if (a->has_null && b->has_null)
                return true;
            for (int i = 0; i < a->nvalues; i++)
                for (int j = 0; j < b->nvalues; j++)
                    if (compare_values(key, 0, a->values[i], b->values[j]) == 0)
                        return true;
            return false;
        case PARTITION_STRATEGY_HASH:
            {
                int         m = Min(a->modulus, b->modulus);

                return a->remainder % m == b->remainder % m;
            }
        default:
            return false;
    }
}

/* ---------- texts ---------- */

static void
append_quoted(StringInfo buf, const char *s)
{
    appendStringInfoChar(buf, '\'');
    for (const char *c = s; *c; c++)
    {
        if (*c == '\'')
            appendStringInfoChar(buf, '\'');
        appendStringInfoChar(buf, *c);
    }
    appendStringInfoChar(buf, '\'');
}

void
PartitionAppendConstant(StringInfo buf, Oid typid, Datum value)
{
    char       *out = OutputFunctionCall(typid, value);
    bool        bare;

    switch (typid)
    {
        case INT4OID:           /* PostgreSQL prints only int4 and numeric bare */
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
        appendStringInfoString(buf, out);
    else
        append_quoted(buf, out);
}

/* A constant with its cast, as PostgreSQL's deparser prints it in an expression. */
static void
append_typed_constant(StringInfo buf, Oid typid, int32 typmod, Datum value)
{
    char       *out = OutputFunctionCall(typid, value);

    switch (typid)
    {
        case INT4OID:
            if (out[0] != '-')
            {
                appendStringInfoString(buf, out);
                return;
            }
            break;
        case NUMERICOID:
            if (isdigit((unsigned char) out[0]) && strpbrk(out, "eE") == NULL &&
                strchr(out, '.') != NULL)
            {
                appendStringInfoString(buf, out);
                return;
            }
            break;
        case BOOLOID:
            appendStringInfoString(buf, DatumGetBool(value) ? "true" : "false");
            return;
        default:
            break;
    }
    append_quoted(buf, out);
    appendStringInfo(buf, "::%s", FormatTypeWithTypmod(typid, typmod));
}

char *
PartitionRangeDatumsDeparse(const PartitionKeyData *key, const PartitionRangeDatumKind *kinds,
                            const Datum *values)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int k = 0; k < key->nkeys; k++)
    {
        if (k > 0)
            appendStringInfoString(&buf, ", ");
        if (kinds[k] == PARTITION_RANGE_DATUM_MINVALUE)
            appendStringInfoString(&buf, "MINVALUE");
        else if (kinds[k] == PARTITION_RANGE_DATUM_MAXVALUE)
            appendStringInfoString(&buf, "MAXVALUE");
        else
            PartitionAppendConstant(&buf, key->typids[k], values[k]);
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

char *
PartitionBoundDeparse(const PartitionKeyData *key, const PartitionBoundData *bound)
{
    StringInfoData buf;

    if (bound->is_default)
        return pstrdup("DEFAULT");
    initStringInfo(&buf);
    switch (bound->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            appendStringInfo(&buf, "FOR VALUES FROM %s TO %s",
                             PartitionRangeDatumsDeparse(key, bound->lokind, bound->lo),
                             PartitionRangeDatumsDeparse(key, bound->hikind, bound->hi));
            break;
        case PARTITION_STRATEGY_LIST:
            appendStringInfoString(&buf, "FOR VALUES IN (");
            for (int i = 0; i < bound->nvalues; i++)
            {
                if (i > 0)
                    appendStringInfoString(&buf, ", ");
                PartitionAppendConstant(&buf, key->typids[0], bound->values[i]);
            }
            if (bound->has_null)
                appendStringInfoString(&buf, bound->nvalues > 0 ? ", NULL" : "NULL");
            appendStringInfoChar(&buf, ')');
            break;
        case PARTITION_STRATEGY_HASH:
            appendStringInfo(&buf, "FOR VALUES WITH (modulus %d, remainder %d)",
                             bound->modulus, bound->remainder);
            break;
    }
    return buf.data;
}

char *
PartitionKeyDeparse(const PartitionKeyData *key)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoString(&buf, key->strategy == PARTITION_STRATEGY_RANGE ? "RANGE" :
                           key->strategy == PARTITION_STRATEGY_LIST ? "LIST" : "HASH");
    appendStringInfoString(&buf, " (");
    for (int k = 0; k < key->nkeys; k++)
    {
        if (k > 0)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, key->colnames[k]);
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

/* "(col op value)" for key column k. */
static void
append_comparison(StringInfo buf, const PartitionKeyData *key, int k, const char *op, Datum v)
{
    appendStringInfo(buf, "(%s %s ", key->colnames[k], op);
    append_typed_constant(buf, key->typids[k], key->typmods[k], v);
    appendStringInfoChar(buf, ')');
}

/*
 * One side of a range bound from key column k on, as PostgreSQL's
 * get_qual_for_range writes it: "(a >= 1)" for the last value column,
 * "((a > 1) OR ((a = 1) AND <rest>))" before further values; MINVALUE in a
 * lower bound / MAXVALUE in an upper bound leaves the remaining columns
 * unconstrained.  Returns false if the side constrains nothing.
 */
static bool
append_range_side(StringInfo buf, const PartitionKeyData *key, const PartitionRangeDatumKind *kind,
                  const Datum *vals, bool lower, int k)
{
    PartitionRangeDatumKind open = lower ? PARTITION_RANGE_DATUM_MINVALUE :
        PARTITION_RANGE_DATUM_MAXVALUE;

    if (k >= key->nkeys || kind[k] != PARTITION_RANGE_DATUM_VALUE)
        return false;
    if (k == key->nkeys - 1)
    {
        append_comparison(buf, key, k, lower ? ">=" : "<", vals[k]);
        return true;
    }
    if (kind[k + 1] != PARTITION_RANGE_DATUM_VALUE)
    {
        /* (v, MINVALUE) below / (v, MAXVALUE) above: v itself is in; the reverse: out */
        append_comparison(buf, key, k, kind[k + 1] == open ? (lower ? ">=" : "<=") :
                          (lower ? ">" : "<"), vals[k]);
        return true;
    }
    appendStringInfoChar(buf, '(');
    append_comparison(buf, key, k, lower ? ">" : "<", vals[k]);
    appendStringInfoString(buf, " OR (");
    append_comparison(buf, key, k, "=", vals[k]);
    appendStringInfoString(buf, " AND ");
    (void) append_range_side(buf, key, kind, vals, lower, k + 1);
    appendStringInfoString(buf, "))");
    return true;
}

/* The conjuncts of a range bound after the IS NOT NULL tests, as strings. */
static List *
range_conjuncts(const PartitionKeyData *key, const PartitionBoundData *bound)
{
    List       *result = NIL;
    StringInfoData side;
    int         k = 0;

    /* leading columns equal in both bounds: col = value */
    while (k < key->nkeys - 1 && bound->lokind[k] == PARTITION_RANGE_DATUM_VALUE &&
           bound->hikind[k] == PARTITION_RANGE_DATUM_VALUE &&
           compare_values(key, k, bound->lo[k], bound->hi[k]) == 0)
    {
        initStringInfo(&side);
        append_comparison(&side, key, k, "=", bound->lo[k]);
        result = lappend(result, side.data);
        k++;
    }
    initStringInfo(&side);
    if (append_range_side(&side, key, bound->lokind, bound->lo, true, k))
        result = lappend(result, side.data);
    initStringInfo(&side);
    if (append_range_side(&side, key, bound->hikind, bound->hi, false, k))
        result = lappend(result, side.data);
    return result;
}

static void
append_not_null_tests(StringInfo buf, const PartitionKeyData *key)
{
    for (int i = 0; i < key->nkeys; i++)
        appendStringInfo(buf, "%s(%s IS NOT NULL)", i > 0 ? " AND " : "", key->colnames[i]);
}

static void
append_joined(StringInfo buf, List *items, const char *sep)
{
    ListCell   *lc;

    foreach(lc, items)
        appendStringInfo(buf, "%s%s", foreach_current_index(lc) > 0 ? sep : "",
                         (char *) lfirst(lc));
}

static int
cmp_list_values(const PartitionKeyData *key, Datum a, Datum b)
{
    return compare_values(key, 0, a, b);
}

/*
 * "(col IS NOT NULL) AND (col = v)" / "... = ANY (ARRAY[...])" /
 * "(col IS NULL) OR ..." for list values (sorted, as PostgreSQL prints them).
 */
static void
append_list_condition(StringInfo buf, const PartitionKeyData *key, Datum *values, int n,
                      bool has_null)
{
    StringInfoData vals;

    /* insertion sort: lists are short */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && cmp_list_values(key, values[j - 1], values[j]) > 0; j--)
        {
            Datum       t = values[j];

            values[j] = values[j - 1];
            values[j - 1] = t;
        }
    initStringInfo(&vals);
    if (n == 1)
        append_comparison(&vals, key, 0, "=", values[0]);
    else if (n > 1)
    {
        appendStringInfo(&vals, "(%s = ANY (ARRAY[", key->colnames[0]);
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
                appendStringInfoString(&vals, ", ");
            append_typed_constant(&vals, key->typids[0], key->typmods[0], values[i]);
        }
        appendStringInfoString(&vals, "]))");
    }
    if (has_null && n > 0)
        appendStringInfo(buf, "(%s IS NULL) OR %s", key->colnames[0], vals.data);
    else if (has_null)
        appendStringInfo(buf, "%s IS NULL", key->colnames[0]);
    else
        appendStringInfo(buf, "(%s IS NOT NULL) AND %s", key->colnames[0], vals.data);
}

/* A DEFAULT partition: NOT (what the other partitions hold). */
static char *
default_constraint(const PartitionKeyData *key, const PartitionDescData *siblings)
{
    StringInfoData buf;
    int         nothers = 0;

    for (int i = 0; siblings != NULL && i < siblings->nparts; i++)
        nothers += !siblings->bounds[i]->is_default;
    if (nothers == 0)
        return NULL;
    initStringInfo(&buf);
    appendStringInfoString(&buf, "(NOT (");
    if (key->strategy == PARTITION_STRATEGY_LIST)
    {
        Datum      *all = palloc(sizeof(Datum) * 1);
        int         n = 0;
        int         cap = 1;
        bool        has_null = false;

        for (int i = 0; i < siblings->nparts; i++)
        {
            const PartitionBoundData *b = siblings->bounds[i];

            if (b->is_default)
                continue;
            has_null = has_null || b->has_null;
            for (int j = 0; j < b->nvalues; j++)
            {
                if (n == cap)
                {
                    cap *= 2;
                    all = repalloc(all, sizeof(Datum) * cap);
                }
                all[n++] = b->values[j];
            }
        }
        append_list_condition(&buf, key, all, n, has_null);
    }
    else
    {
        List       *arms = NIL;

        append_not_null_tests(&buf, key);
        for (int i = 0; i < siblings->nparts; i++)
        {
            List       *conj;
            StringInfoData arm;

            if (siblings->bounds[i]->is_default)
                continue;
            conj = range_conjuncts(key, siblings->bounds[i]);
            initStringInfo(&arm);
            if (list_length(conj) == 1)
                appendStringInfoString(&arm, linitial(conj));
            else
            {
                appendStringInfoChar(&arm, '(');
                append_joined(&arm, conj, " AND ");
                appendStringInfoChar(&arm, ')');
            }
            arms = lappend(arms, arm.data);
        }
        if (list_length(arms) == 1)
            appendStringInfo(&buf, " AND %s", (char *) linitial(arms));
        else if (arms != NIL)
        {
            appendStringInfoString(&buf, " AND (");
            append_joined(&buf, arms, " OR ");
            appendStringInfoChar(&buf, ')');
        }
    }
    appendStringInfoString(&buf, "))");
    return buf.data;
}

char *
PartitionConstraintDeparse(const PartitionKeyData *key, const PartitionBoundData *bound,
                           const PartitionDescData *siblings, Oid parent)
{
    StringInfoData buf;

    if (bound->is_default)
        return default_constraint(key, siblings);
    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    switch (bound->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            {
                List       *conj = range_conjuncts(key, bound);

                append_not_null_tests(&buf, key);
                if (conj != NIL)
                {
                    appendStringInfoString(&buf, " AND ");
                    append_joined(&buf, conj, " AND ");
                }
                break;
            }
        case PARTITION_STRATEGY_LIST:
            {
                Datum      *vals = palloc(sizeof(Datum) * Max(bound->nvalues, 1));

                memcpy(vals, bound->values, sizeof(Datum) * bound->nvalues);
                append_list_condition(&buf, key, vals, bound->nvalues, bound->has_null);
                break;
            }
        case PARTITION_STRATEGY_HASH:
            appendStringInfo(&buf, "satisfies_hash_partition('%u'::oid, %d, %d", parent,
                             bound->modulus, bound->remainder);
            for (int k = 0; k < key->nkeys; k++)
                appendStringInfo(&buf, ", %s", key->colnames[k]);
            appendStringInfoChar(&buf, ')');
            break;
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

char *
PartitionKeyValuesDescribe(const PartitionKeyData *key, const Datum *values, const bool *isnull)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int k = 0; k < key->nkeys; k++)
        appendStringInfo(&buf, "%s%s", k > 0 ? ", " : "", key->colnames[k]);
    appendStringInfoString(&buf, ") = (");
    for (int k = 0; k < key->nkeys; k++)
    {
        if (k > 0)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, isnull[k] ? "null" : OutputFunctionCall(key->typids[k],
                                                                               values[k]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}
