/*
 * partbounds.c
 *     Partition bound logic without catalog access: comparing range
 *     bounds, deciding whether a row belongs to a bound, finding a row's
 *     partition, overlap between bounds, hashing a key, and the texts
 *     PostgreSQL shows for bounds, keys and partition constraints.
 * Entry points: PartitionRangeCompare(), PartitionBoundContains(),
 * PartitionFindForValues(), PartitionExtractKey(), PartitionBoundsOverlap(),
 * PartitionHashValues(), PartitionBoundDeparse(), PartitionKeyDeparse(),
 * PartitionConstraintDeparse(), PartitionKeyValuesDescribe().
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
        case INT2OID:
        case INT4OID:
        case INT8OID:
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

/* Conjuncts of a range side for key column k: "(col >= v)" / "(col < v)". */
static void
append_range_side(StringInfo buf, const PartitionKeyData *key, const PartitionRangeDatumKind *kind,
                  const Datum *vals, const char *op, bool *first)
{
    /* XXX: multi-column bounds are printed column by column (PostgreSQL nests ORs) */
    for (int k = 0; k < key->nkeys; k++)
    {
        if (kind[k] != PARTITION_RANGE_DATUM_VALUE)
            break;
        appendStringInfoString(buf, *first ? "" : " AND ");
        *first = false;
        appendStringInfo(buf, "(%s %s ", key->colnames[k], op);
        append_typed_constant(buf, key->typids[k], key->typmods[k], vals[k]);
        appendStringInfoChar(buf, ')');
        if (key->nkeys > 1)
            break;
    }
}

char *
PartitionConstraintDeparse(const PartitionKeyData *key, const PartitionBoundData *bound,
                           const PartitionDescData *siblings)
{
    StringInfoData buf;
    bool        first = true;

    initStringInfo(&buf);
    if (bound->is_default)
    {
        bool        any = false;

        appendStringInfoString(&buf, "(NOT (");
        for (int i = 0; siblings != NULL && i < siblings->nparts; i++)
        {
            char       *c;

            if (siblings->bounds[i]->is_default)
                continue;
            c = PartitionConstraintDeparse(key, siblings->bounds[i], NULL);
            appendStringInfo(&buf, "%s%s", any ? " OR " : "", c);
            any = true;
        }
        if (!any)
            return NULL;
        appendStringInfoString(&buf, "))");
        return buf.data;
    }
    appendStringInfoChar(&buf, '(');
    switch (bound->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            for (int k = 0; k < key->nkeys; k++)
            {
                appendStringInfo(&buf, "%s(%s IS NOT NULL)", first ? "" : " AND ",
                                 key->colnames[k]);
                first = false;
            }
            append_range_side(&buf, key, bound->lokind, bound->lo, ">=", &first);
            append_range_side(&buf, key, bound->hikind, bound->hi, "<", &first);
            break;
        case PARTITION_STRATEGY_LIST:
            if (bound->nvalues > 0)
            {
                if (!bound->has_null)
                    appendStringInfo(&buf, "(%s IS NOT NULL) AND ", key->colnames[0]);
                else
                    appendStringInfoString(&buf, "(");
                appendStringInfo(&buf, "(%s = ANY (ARRAY[", key->colnames[0]);
                for (int i = 0; i < bound->nvalues; i++)
                {
                    if (i > 0)
                        appendStringInfoString(&buf, ", ");
                    append_typed_constant(&buf, key->typids[0], key->typmods[0],
                                          bound->values[i]);
                }
                appendStringInfoString(&buf, "]))");
                if (bound->has_null)
                    appendStringInfo(&buf, " OR (%s IS NULL))", key->colnames[0]);
            }
            else
                appendStringInfo(&buf, "%s IS NULL", key->colnames[0]);
            break;
        case PARTITION_STRATEGY_HASH:
            appendStringInfo(&buf, "satisfies_hash_partition(%d, %d", bound->modulus,
                             bound->remainder);
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
