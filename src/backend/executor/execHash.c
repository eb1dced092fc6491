/*
 * execHash.c
 *     In-memory hash table of rows keyed on some columns: used by hash
 *     joins, hashed aggregation, hashed set operations, hashed subplans and
 *     recursive UNION.
 * Entry points: ExecHashTableCreate(), ExecHashTableInsert(),
 * ExecHashTableLookup(), ExecHashTableReset(), ExecHashValues().
 *
 * Keys are compared with the types' comparison functions (equal = 0), so
 * two NULL keys are equal here; hash joins skip NULL keys themselves.  The
 * table grows by doubling its bucket array when it holds more entries than
 * buckets.  Everything lives in the table's own context: the whole table is
 * in memory (no spilling to disk yet; see README).
 */
#include "rustydb.h"

#include "executor/executor.h"
#include "miscadmin.h"
#include "utils/elog.h"

ExecHashTable *
ExecHashTableCreate(MemoryContext parent, int nkeys, const SortSupportData *keys,
                    bool track_matched)
{
    MemoryContext cxt = MemoryContextCreate(parent, "ExecHashTable");
    /* the header lives in parent so that a reset of cxt keeps it */
    ExecHashTable *ht = (ExecHashTable *) MemoryContextAllocZero(parent, sizeof(ExecHashTable));

    ht->mcxt = cxt;
    ht->nkeys = nkeys;
    ht->keys = keys;
    ht->track_matched = track_matched;
    ht->nbuckets = 256;
    ht->buckets = (MinimalRow *) MemoryContextAllocZero(cxt, sizeof(MinimalRow) * ht->nbuckets);
    return ht;
}

/* ExecHashValues -- hash of key values given in key order (not column order). */
uint32
ExecHashValues(const SortSupportData *keys, int nkeys, const Datum *keyvals,
               const bool *keynulls)
{
    uint32      h = 0;

    for (int k = 0; k < nkeys; k++)
    {
        SortSupportData one = keys[k];

        one.colidx = k;
        h = (h << 1) | (h >> 31);
        h ^= ExecHashKeys(&one, 1, keyvals, keynulls);
    }
    return h;
}

static void
grow_buckets(ExecHashTable *ht)
{
    int64       newn = ht->nbuckets * 2;
    MinimalRow *nb;

    if ((Size) newn * sizeof(MinimalRow) > MaxAllocSize)
        return;                 /* keep longer chains rather than fail */
    nb = (MinimalRow *) MemoryContextAllocZero(ht->mcxt, sizeof(MinimalRow) * newn);
    for (int64 i = 0; i < ht->nbuckets; i++)
    {
        MinimalRow  row = ht->buckets[i];

        while (row)
        {
            MinimalRow  next = row->next;
            int64       b = row->hash & (newn - 1);

            row->next = nb[b];
            nb[b] = row;
            row = next;
        }
    }
    pfree(ht->buckets);
    ht->buckets = nb;
    ht->nbuckets = newn;
}

/*
 * ExecHashTableInsert -- copy the row (natts values laid out as desc) into
 * the table under hash.  Rows with equal keys end up adjacent in their
 * chain, so a lookup followed by "after" iteration sees all of them.
 */
MinimalRow
ExecHashTableInsert(ExecHashTable *ht, const Datum *values, const bool *isnull, int natts,
                    TupleDesc desc, uint32 hash)
{
    MemoryContext old = MemoryContextSwitchTo(ht->mcxt);
    TupleTableSlot tmp;
    MinimalRow  row;
    int64       b;

    memset(&tmp, 0, sizeof(tmp));
    tmp.type = T_TupleTableSlot;
    tmp.natts = natts;
    tmp.desc = desc;
    tmp.values = (Datum *) values;
    tmp.isnull = (bool *) isnull;
    row = ExecCopySlotMinimalRow(&tmp);
    row->hash = hash;

    if (ht->nentries >= ht->nbuckets)
        grow_buckets(ht);
    b = hash & (ht->nbuckets - 1);
    row->next = ht->buckets[b];
    ht->buckets[b] = row;
    ht->nentries++;

    if (ht->nall >= ht->maxall)
    {
        int64       newmax = ht->maxall ? ht->maxall * 2 : 256;

        if ((Size) newmax * sizeof(MinimalRow) > MaxAllocSize)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("hash table too large"));
        ht->all = ht->all ? repalloc(ht->all, sizeof(MinimalRow) * newmax)
            : palloc(sizeof(MinimalRow) * newmax);
        if (ht->track_matched)
        {
            ht->matched = ht->matched ? repalloc(ht->matched, sizeof(bool) * newmax)
                : palloc(sizeof(bool) * newmax);
        }
        ht->maxall = newmax;
    }
    if (ht->track_matched)
        ht->matched[ht->nall] = false;
    ht->all[ht->nall++] = row;
    MemoryContextSwitchTo(old);
    return row;
}

static bool
keys_match(ExecHashTable *ht, MinimalRow row, const Datum *keyvals, const bool *keynulls)
{
    const bool *rn = MinimalRowIsNull(row);

    for (int k = 0; k < ht->nkeys; k++)
    {
        const SortSupportData *key = &ht->keys[k];
        SortSupportData one = *key;
        Datum       a[1];
        bool        an[1];
        Datum       b[1];
        bool        bn[1];

        a[0] = row->values[key->colidx];
        an[0] = rn[key->colidx];
        b[0] = keyvals[k];
        bn[0] = keynulls[k];
        one.colidx = 0;
        one.desc = false;
        one.nulls_first = false;
        if (ExecCompareKeys(&one, 1, a, an, b, bn) != 0)
            return false;
    }
    return true;
}

/*
 * ExecHashTableLookup -- the next row after "after" (NULL: from the start of
 * the chain) whose key columns equal keyvals.
 */
MinimalRow
ExecHashTableLookup(ExecHashTable *ht, const Datum *keyvals, const bool *keynulls,
                    uint32 hash, MinimalRow after)
{
    MinimalRow  row = after ? after->next : ht->buckets[hash & (ht->nbuckets - 1)];

    for (; row; row = row->next)
    {
        if (row->hash == hash && keys_match(ht, row, keyvals, keynulls))
            return row;
    }
    return NULL;
}

/* ExecHashTableReset -- empty the table (for rescans); the header survives. */
void
ExecHashTableReset(ExecHashTable *ht)
{
    MemoryContextReset(ht->mcxt);
    ht->nbuckets = 256;
    ht->buckets = (MinimalRow *) MemoryContextAllocZero(ht->mcxt, sizeof(MinimalRow) * ht->nbuckets);
    ht->nentries = 0;
    ht->all = NULL;
    ht->matched = NULL;
    ht->nall = 0;
    ht->maxall = 0;
}
