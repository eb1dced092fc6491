/*
 * execTuples.c
 *     Tuple slots, one-chunk row copies (MinimalRow) and in-memory row stores.
 * Entry points: MakeTupleTableSlot(), ExecStore*(), ExecMaterializeSlot(),
 * ExecCopySlotMinimalRow(), RowStore*().
 * Ownership rules for by-reference values: see TupleTableSlot in
 * nodes/execnodes.h and the README in this directory.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "executor/executor.h"
#include "utils/elog.h"

/*
 * MakeTupleTableSlot -- an empty slot for rows of desc (NULL desc: a slot
 * with no columns).  Allocated in CurrentMemoryContext, which must live as
 * long as the slot (normally the query context).
 */
TupleTableSlot *
MakeTupleTableSlot(TupleDesc desc)
{
    TupleTableSlot *slot = (TupleTableSlot *) newNode(sizeof(TupleTableSlot), T_TupleTableSlot);
    int         natts = desc ? desc->natts : 0;

    slot->empty = true;
    slot->natts = natts;
    slot->desc = desc;
    slot->values = (Datum *) palloc0(sizeof(Datum) * (natts + 1));
    slot->isnull = (bool *) palloc0(sizeof(bool) * (natts + 1));
    slot->mcxt = CurrentMemoryContext;
    ItemPointerSetInvalid(&slot->tid);
    return slot;
}

static void
free_slot_data(TupleTableSlot *slot)
{
    if (slot->data)
    {
        pfree(slot->data);
        slot->data = NULL;
    }
}

TupleTableSlot *
ExecClearTuple(TupleTableSlot *slot)
{
    free_slot_data(slot);
    slot->empty = true;
    ItemPointerSetInvalid(&slot->tid);
    slot->tableOid = InvalidOid;
    return slot;
}

TupleTableSlot *
ExecStoreVirtualTuple(TupleTableSlot *slot)
{
    slot->empty = false;
    return slot;
}

/*
 * ExecStoreHeapTuple -- deform tuple into the slot.  By-reference values
 * point into tuple's storage (a pinned page for scans): valid until the
 * producer moves on.  The tuple's identity is kept for ctid references.
 */
TupleTableSlot *
ExecStoreHeapTuple(HeapTuple tuple, TupleTableSlot *slot)
{
    free_slot_data(slot);
    heap_deform_tuple(tuple, slot->desc, slot->values, slot->isnull);
    slot->tid = tuple->t_self;
    slot->tableOid = tuple->t_tableOid;
    slot->empty = false;
    return slot;
}

/* Bytes needed to hold copies of the slot's by-reference values. */
static Size
byref_data_size(TupleDesc desc, int natts, const Datum *values, const bool *isnull)
{
    Size        size = 0;

    for (int i = 0; i < natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (isnull[i] || att->attbyval)
            continue;
        size = MAXALIGN(size) + datumGetSize(values[i], false, att->attlen);
    }
    return size;
}

/* Copy by-reference values into dst, rewriting values[] to point there. */
static void
copy_byref_data(TupleDesc desc, int natts, Datum *values, const bool *isnull, char *dst)
{
    Size        off = 0;

    for (int i = 0; i < natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);
        Size        len;

        if (isnull[i] || att->attbyval)
            continue;
        off = MAXALIGN(off);
        len = datumGetSize(values[i], false, att->attlen);
        memcpy(dst + off, DatumGetPointer(values[i]), len);
        values[i] = PointerGetDatum(dst + off);
        off += len;
    }
}

/*
 * ExecMaterializeSlot -- make the slot independent of its producer by
 * copying by-reference values into the slot's own chunk (slot->mcxt).
 */
void
ExecMaterializeSlot(TupleTableSlot *slot)
{
    Size        size;
    char       *old = slot->data;

    if (slot->empty || slot->desc == NULL)
        return;
    size = byref_data_size(slot->desc, slot->natts, slot->values, slot->isnull);
    if (size == 0)
    {
        if (old)
            pfree(old);
        slot->data = NULL;
        return;
    }
    slot->data = MemoryContextAlloc(slot->mcxt, size);
    copy_byref_data(slot->desc, slot->natts, slot->values, slot->isnull, slot->data);
    if (old)
        pfree(old);
}

/* ExecCopySlot -- dst becomes a materialized copy of src (same layout). */
void
ExecCopySlot(TupleTableSlot *dst, TupleTableSlot *src)
{
    int         n = Min(dst->natts, src->natts);

    if (TupIsNull(src))
    {
        ExecClearTuple(dst);
        return;
    }
    free_slot_data(dst);
    memcpy(dst->values, src->values, sizeof(Datum) * n);
    memcpy(dst->isnull, src->isnull, sizeof(bool) * n);
    for (int i = n; i < dst->natts; i++)
        dst->isnull[i] = true;
    dst->tid = src->tid;
    dst->tableOid = src->tableOid;
    dst->empty = false;
    ExecMaterializeSlot(dst);
}

/*
 * ExecCopySlotMinimalRow -- the slot's row as one chunk in
 * CurrentMemoryContext (see MinimalRowData).
 */
MinimalRow
ExecCopySlotMinimalRow(TupleTableSlot *slot)
{
    int         natts = slot->natts;
    Size        head = MAXALIGN(offsetof(MinimalRowData, values) + sizeof(Datum) * natts +
                                sizeof(bool) * natts);
    Size        data = byref_data_size(slot->desc, natts, slot->values, slot->isnull);
    MinimalRow  row = (MinimalRow) palloc(head + data);

    row->natts = natts;
    row->hash = 0;
    row->flags = 0;
    row->next = NULL;
    memcpy(row->values, slot->values, sizeof(Datum) * natts);
    memcpy(MinimalRowIsNull(row), slot->isnull, sizeof(bool) * natts);
    if (data > 0)
        copy_byref_data(slot->desc, natts, row->values, MinimalRowIsNull(row),
                        (char *) row + head);
    return row;
}

/* ExecStoreMinimalRow -- values point into row, which must outlive the slot's use. */
TupleTableSlot *
ExecStoreMinimalRow(MinimalRow row, TupleTableSlot *slot)
{
    int         n = Min(row->natts, slot->natts);

    free_slot_data(slot);
    memcpy(slot->values, row->values, sizeof(Datum) * n);
    memcpy(slot->isnull, MinimalRowIsNull(row), sizeof(bool) * n);
    for (int i = n; i < slot->natts; i++)
        slot->isnull[i] = true;
    ItemPointerSetInvalid(&slot->tid);
    slot->empty = false;
    return slot;
}

/* ExecCopySlotHeapTuple -- heap_form_tuple of the slot's row (CurrentMemoryContext). */
HeapTuple
ExecCopySlotHeapTuple(TupleTableSlot *slot)
{
    return heap_form_tuple(slot->desc, slot->values, slot->isnull);
}

/* ---------------- row stores ---------------- */

RowStore *
RowStoreCreate(MemoryContext parent)
{
    RowStore   *store = (RowStore *) MemoryContextAllocZero(parent, sizeof(RowStore));

    store->mcxt = MemoryContextCreate(parent, "RowStore");
    return store;
}

/* RowStorePut -- append a copy of the slot's row. */
void
RowStorePut(RowStore *store, TupleTableSlot *slot)
{
    MemoryContext old = MemoryContextSwitchTo(store->mcxt);

    if (store->nrows >= store->maxrows)
    {
        int64       newmax = store->maxrows ? store->maxrows * 2 : 64;

        if ((Size) newmax * sizeof(MinimalRow) > MaxAllocSize)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("too many rows in an in-memory row store"));
        store->rows = store->rows ? repalloc(store->rows, sizeof(MinimalRow) * newmax)
            : palloc(sizeof(MinimalRow) * newmax);
        store->maxrows = newmax;
    }
    store->rows[store->nrows++] = ExecCopySlotMinimalRow(slot);
    MemoryContextSwitchTo(old);
}

/* RowStoreGet -- row pos (0-based) into slot; false past the end. */
bool
RowStoreGet(RowStore *store, int64 pos, TupleTableSlot *slot)
{
    if (pos < 0 || pos >= store->nrows)
    {
        ExecClearTuple(slot);
        return false;
    }
    ExecStoreMinimalRow(store->rows[pos], slot);
    return true;
}

void
RowStoreClear(RowStore *store)
{
    MemoryContextReset(store->mcxt);
    store->rows = NULL;
    store->nrows = 0;
    store->maxrows = 0;
    store->eof_reached = false;
}
