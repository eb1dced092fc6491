/*
 * combocid.c
 *     Combo command ids: when a transaction deletes (or updates) a tuple it
 *     inserted itself, the tuple needs both cmin and cmax but has room for
 *     one CommandId.  We store a backend-local "combo id" naming the pair.
 * Entry points: HeapTupleHeaderGetCmin/Cmax(), HeapTupleHeaderAdjustCmax(),
 * AtEOXact_ComboCid().
 *
 * Only the inserting transaction ever needs cmin/cmax (other transactions
 * decide visibility from xmin/xmax alone), so the mapping is process-local
 * and dies at transaction end.  Memory: TopTransactionContext.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/xact.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef struct ComboPair
{
    CommandId   cmin;
    CommandId   cmax;
} ComboPair;

static ComboPair *combo_pairs = NULL;   /* index = combo id */
static uint32 combo_count = 0;
static uint32 combo_capacity = 0;
static int32 *combo_hash = NULL;        /* open addressing: combo id or -1 */
static uint32 combo_hash_size = 0;      /* power of 2, > 2 * combo_capacity */

static uint32
pair_hash(CommandId cmin, CommandId cmax)
{
    uint64      h = ((uint64) cmin << 32 | cmax) * 0x9E3779B97F4A7C15ULL;

    return (uint32) (h >> 32);
}

static void
rebuild_hash(uint32 size)
{
    combo_hash = MemoryContextAlloc(TopTransactionContext, sizeof(int32) * size);
    for (uint32 i = 0; i < size; i++)
        combo_hash[i] = -1;
    combo_hash_size = size;
    for (uint32 id = 0; id < combo_count; id++)
    {
        uint32      pos = pair_hash(combo_pairs[id].cmin, combo_pairs[id].cmax) & (size - 1);

        while (combo_hash[pos] >= 0)
            pos = (pos + 1) & (size - 1);
        combo_hash[pos] = (int32) id;
    }
}

static CommandId
get_combo_id(CommandId cmin, CommandId cmax)
{
    uint32      pos;

    if (TopTransactionContext == NULL)
        elog(ERROR, "combo command ids need a transaction");
    if (combo_pairs == NULL)
    {
        combo_capacity = 64;
        combo_pairs = MemoryContextAlloc(TopTransactionContext, sizeof(ComboPair) * combo_capacity);
        combo_count = 0;
        rebuild_hash(256);
    }
    pos = pair_hash(cmin, cmax) & (combo_hash_size - 1);
    while (combo_hash[pos] >= 0)
    {
        ComboPair  *p = &combo_pairs[combo_hash[pos]];

        if (p->cmin == cmin && p->cmax == cmax)
            return (CommandId) combo_hash[pos];
        pos = (pos + 1) & (combo_hash_size - 1);
    }
    if (combo_count >= combo_capacity)
    {
        if (combo_capacity >= (uint32) INT32_MAX / 4)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("too many combo command ids in one transaction"));
        combo_capacity *= 2;
        combo_pairs = repalloc(combo_pairs, sizeof(ComboPair) * combo_capacity);
        pfree(combo_hash);
        rebuild_hash(combo_capacity * 4);
        pos = pair_hash(cmin, cmax) & (combo_hash_size - 1);
        while (combo_hash[pos] >= 0)
            pos = (pos + 1) & (combo_hash_size - 1);
    }
    combo_pairs[combo_count].cmin = cmin;
    combo_pairs[combo_count].cmax = cmax;
    combo_hash[pos] = (int32) combo_count;
    return (CommandId) combo_count++;
}

static const ComboPair *
combo_lookup(CommandId id)
{
    if (combo_pairs == NULL || id >= combo_count)
        elog(ERROR, "invalid combo command id %u", id);
    return &combo_pairs[id];
}

CommandId
HeapTupleHeaderGetCmin(HeapTupleHeader tup)
{
    Assert(TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup)));
    if ((tup->t_infomask & HEAP_COMBOCID) != 0)
        return combo_lookup(tup->t_cid)->cmin;
    return tup->t_cid;
}

CommandId
HeapTupleHeaderGetCmax(HeapTupleHeader tup)
{
    Assert(TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetRawXmax(tup)));
    if ((tup->t_infomask & HEAP_COMBOCID) != 0)
        return combo_lookup(tup->t_cid)->cmax;
    return tup->t_cid;
}

void
HeapTupleHeaderAdjustCmax(HeapTupleHeader tup, CommandId *cmax, bool *iscombo)
{
    if ((tup->t_infomask & HEAP_XMIN_INVALID) == 0 &&
        TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup)))
    {
        CommandId   cmin = (tup->t_infomask & HEAP_COMBOCID) != 0 ?
            combo_lookup(tup->t_cid)->cmin : tup->t_cid;

        *cmax = get_combo_id(cmin, *cmax);
        *iscombo = true;
    }
    else
        *iscombo = false;
}

void
AtEOXact_ComboCid(void)
{
    /* The memory goes with TopTransactionContext. */
    combo_pairs = NULL;
    combo_hash = NULL;
    combo_count = 0;
    combo_capacity = 0;
    combo_hash_size = 0;
}
