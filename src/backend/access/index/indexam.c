/*
 * indexam.c
 *     The generic index interface over the B-tree access method: opening,
 *     scans (TIDs or visible heap tuples), insert, build, bulk delete and
 *     verification.
 * Entry points: index_open(), index_close(), index_beginscan(),
 * index_rescan(), index_getnext_tid(), index_fetch_heap(), index_getnext_tuple(),
 * index_deform_entry(), index_endscan(), index_insert(), index_build(),
 * index_bulk_delete(), IndexVerify(), ScanKeyInit().
 * Only B-tree exists (pg_class.relam = BTREE_AM_OID): calls go straight to
 * nbtree; a second access method would add a dispatch table here.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/nbtree.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

void
ScanKeyInit(ScanKey key, int attno, int strategy, Datum argument)
{
    key->sk_attno = (int16) attno;
    key->sk_strategy = (uint16) strategy;
    key->sk_flags = 0;
    key->sk_argument = argument;
}

Relation
index_open(Oid relid, LOCKMODE lockmode)
{
    Relation    rel = table_open(relid, lockmode);

    if (rel->rd_relkind != RELKIND_INDEX)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not an index", RelationGetRelationName(rel)));
    return rel;
}

void
index_close(Relation rel, LOCKMODE lockmode)
{
    table_close(rel, lockmode);
}

IndexScanDesc
index_beginscan(Relation heaprel, Relation indexrel, Snapshot snapshot, int nkeys)
{
    MemoryContext cxt = MemoryContextCreate(CurrentMemoryContext, "index scan");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    IndexScanDesc scan = palloc0(sizeof(IndexScanDescData));

    scan->heap_rel = heaprel;
    scan->index_rel = indexrel;
    scan->snapshot = snapshot;
    scan->mcxt = cxt;
    scan->nkeys = 0;
    scan->keys = palloc0(sizeof(ScanKeyData) * Max(nkeys, 1));
    scan->itup_desc = RelationGetDescr(indexrel);
    ItemPointerSetInvalid(&scan->heap_tid);
    BTreeBeginScan(scan);
    MemoryContextSwitchTo(old);
    (void) nkeys;
    return scan;
}

void
index_rescan(IndexScanDesc scan, const ScanKeyData *keys, int nkeys)
{
    MemoryContext old = MemoryContextSwitchTo(scan->mcxt);

    if (nkeys > 0)
    {
        pfree(scan->keys);
        scan->keys = palloc(sizeof(ScanKeyData) * nkeys);
        memcpy(scan->keys, keys, sizeof(ScanKeyData) * nkeys);
    }
    scan->nkeys = nkeys;
    scan->itup = NULL;
    if (scan->heap_tuple != NULL)
    {
        heap_freetuple(scan->heap_tuple);
        scan->heap_tuple = NULL;
    }
    BTreeRescan(scan);
    MemoryContextSwitchTo(old);
}

ItemPointer
index_getnext_tid(IndexScanDesc scan, ScanDirection direction)
{
    MemoryContext old = MemoryContextSwitchTo(scan->mcxt);
    bool        found;

    if (direction == NoMovementScanDirection)
        elog(ERROR, "index scans need a direction");
    found = BTreeGetNext(scan, direction);
    MemoryContextSwitchTo(old);
    if (!found)
    {
        ItemPointerSetInvalid(&scan->heap_tid);
        scan->itup = NULL;
        return NULL;
    }
    scan->entries_returned++;
    return &scan->heap_tid;
}

HeapTuple
index_fetch_heap(IndexScanDesc scan)
{
    MemoryContext old;
    HeapTuple   tup = NULL;
    bool        visible;

    if (scan->heap_rel == NULL)
        elog(ERROR, "index scan of \"%s\" has no table to fetch from",
             RelationGetRelationName(scan->index_rel));
    if (scan->heap_tuple != NULL)
    {
        heap_freetuple(scan->heap_tuple);
        scan->heap_tuple = NULL;
    }
    old = MemoryContextSwitchTo(scan->mcxt);
    /* the entry names a HOT chain's root: find the member our snapshot sees */
    visible = heap_hot_search(scan->heap_rel, scan->snapshot, &scan->heap_tid, true, &tup);
    MemoryContextSwitchTo(old);
    scan->heap_fetches++;
    if (!visible)
        return NULL;
    scan->heap_tuple = tup;
    return tup;
}

HeapTuple
index_getnext_tuple(IndexScanDesc scan, ScanDirection direction)
{
    if (scan->heap_rel == NULL)
        elog(ERROR, "index scan of \"%s\" has no table to fetch from",
             RelationGetRelationName(scan->index_rel));
    while (index_getnext_tid(scan, direction) != NULL)
    {
        HeapTuple   tup = index_fetch_heap(scan);

        if (tup != NULL)
            return tup;
    }
    return NULL;
}

void
index_deform_entry(IndexScanDesc scan, Datum *values, bool *isnull)
{
    if (scan->itup == NULL)
        elog(ERROR, "no current index entry");
    BTDeformTuple(scan->itup_desc, scan->itup, values, isnull);
}

void
index_endscan(IndexScanDesc scan)
{
    BTreeEndScan(scan);
    MemoryContextDelete(scan->mcxt);
}

bool
index_insert(Relation indexrel, const Datum *values, const bool *isnull, ItemPointer heap_tid,
             Relation heaprel, IndexUniqueCheck check_unique)
{
    return BTreeInsert(indexrel, values, isnull, heap_tid, heaprel, check_unique);
}

double
index_build(Relation heaprel, Relation indexrel, IndexInfo *info, Snapshot snapshot)
{
    return BTreeBuild(heaprel, indexrel, info, snapshot);
}

int64
index_bulk_delete(Relation indexrel, IndexBulkDeleteCallback callback, void *callback_state,
                  int64 *remaining)
{
    return BTreeBulkDelete(indexrel, callback, callback_state, remaining);
}

void
IndexVerify(Relation indexrel, Relation heaprel, IndexInfo *info, bool full)
{
    BTreeVerify(indexrel, heaprel, info, full);
}
