/*
 * catalog.c
 *     Generic catalog row handling: TupleDesc from a description table,
 *     struct <-> heap tuple conversion, scans, and row changes.
 * Entry points: CatalogTupleDesc(), CatalogFormTuple(), CatalogDeformTuple(),
 * CatalogBeginScan()/CatalogGetNext()/CatalogEndScan(), CatalogInsertRow(),
 * CatalogUpdateRow(), CatalogDeleteRow().
 * See README.md in this directory for the catalogs and their invariants.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/snapshot.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/pg_builtin.h"
#include "catalog_int.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

struct CatalogScanData
{
    const CatalogDesc *desc;
    CatalogRowSet *cached;      /* rows from catcache.c, or NULL: */
    int         next_row;       /* next row of cached (or of index's chain) */
    const CatalogColumn *key_col;   /* keyed scans: only rows with key here */
    const void *key;            /* points to key_oid or key_name */
    Oid         key_oid;
    NameData    key_name;
    const CatalogSetIndex *index;   /* cached->index on key_col, if any */
    TableScanDesc heap_scan;    /* ... a heap scan */
    Snapshot    snapshot;       /* our copy: catalog snapshots are static storage */
};

static const CatalogDesc *
desc_for_relation(Relation rel)
{
    const CatalogDesc *desc = CatalogDescById(RelationGetRelid(rel));

    if (desc == NULL)
        elog(ERROR, "relation %u is not a system catalog", RelationGetRelid(rel));
    return desc;
}

TupleDesc
CatalogTupleDesc(const CatalogDesc *desc)
{
    TupleDesc   tupdesc = CreateTemplateTupleDesc(desc->ncolumns);

    for (int i = 0; i < desc->ncolumns; i++)
    {
        const CatalogColumn *col = &desc->columns[i];

        TupleDescInitEntry(tupdesc, i + 1, col->name, col->typid, -1);
        TupleDescAttr(tupdesc, i)->attnotnull = col->notnull;
        TupleDescAttr(tupdesc, i)->attrelid = desc->relid;
    }
    return tupdesc;
}

/*
 * copy_varlena -- an aligned, palloc'd copy of a varlena that may sit
 * unaligned inside a tuple.  Catalog values are never compressed or
 * external (catalog rows are small; see README): anything else is
 * corruption.
 */
static varlena *
copy_varlena(Datum value)
{
    const char *src = DatumGetPointer(value);
    uint32      header;
    varlena    *copy;

    memcpy(&header, src, sizeof(header));
    if ((header & ~VARLEN_MASK) != 0)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("unexpected compressed or external value in a system catalog"));
    if ((header & VARLEN_MASK) < (uint32) VARHDRSZ)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("invalid varlena length %u in a system catalog", header & VARLEN_MASK));
    copy = palloc(header & VARLEN_MASK);
    memcpy(copy, src, header & VARLEN_MASK);
    return copy;
}

/*
 * cached_tupdesc -- the catalog's TupleDesc, built once per process in
 * TopMemoryContext (form/deform run per row; catalogs never change shape
 * at run time).
 */
static TupleDesc
cached_tupdesc(const CatalogDesc *desc)
{
    static const CatalogDesc *keys[32];
    static TupleDesc values[32];
    static int  count = 0;
    MemoryContext old;
    TupleDesc   result;

    for (int i = 0; i < count; i++)
    {
        if (keys[i] == desc)
            return values[i];
    }
    old = MemoryContextSwitchTo(TopMemoryContext);
    result = CatalogTupleDesc(desc);
    MemoryContextSwitchTo(old);
    if (count < (int) lengthof(keys))
    {
        keys[count] = desc;
        values[count++] = result;
    }
    return result;
}

HeapTuple
CatalogFormTuple(const CatalogDesc *desc, const void *row)
{
    Datum       values[64];
    bool        isnull[64];
    TupleDesc   tupdesc = cached_tupdesc(desc);
    const char *base = row;
    HeapTuple   tuple;

    Assert(desc->ncolumns <= (int) lengthof(values));
    for (int i = 0; i < desc->ncolumns; i++)
    {
        const CatalogColumn *col = &desc->columns[i];
        const void *field = base + col->offset;

        isnull[i] = false;
        switch (col->kind)
        {
            case CATF_BOOL:
                values[i] = BoolGetDatum(*(const bool *) field);
                break;
            case CATF_CHAR:
                values[i] = CharGetDatum(*(const char *) field);
                break;
            case CATF_INT16:
                values[i] = Int16GetDatum(*(const int16 *) field);
                break;
            case CATF_INT32:
                values[i] = Int32GetDatum(*(const int32 *) field);
                break;
            case CATF_INT64:
                values[i] = Int64GetDatum(*(const int64 *) field);
                break;
            case CATF_OID:
                values[i] = ObjectIdGetDatum(*(const Oid *) field);
                break;
            case CATF_FLOAT4:
                values[i] = Float4GetDatum(*(const float4 *) field);
                break;
            case CATF_NAME:
                values[i] = PointerGetDatum(field);
                break;
            case CATF_TEXT:
                {
                    const char *s = *(char *const *) field;

                    if (s == NULL)
                        isnull[i] = true;
                    else if (col->typid != TEXTOID)
                        values[i] = InputFunctionCall(col->typid, s, -1);   /* e.g. text[] */
                    else
                        values[i] = PointerGetDatum(cstring_to_text(s));
                    break;
                }
            case CATF_TIMESTAMPTZ:
                {
                    TimestampTz ts = *(const int64 *) field;

                    if (ts == CATALOG_NULL_TIMESTAMP)
                        isnull[i] = true;
                    else
                        values[i] = Int64GetDatum(ts);
                    break;
                }
            case CATF_INT2VECTOR:
                {
                    const CatalogInt2Array *arr = field;
                    Datum       elems[CATALOG_INT2ARRAY_MAX];

                    if (arr->n < 0)
                    {
                        isnull[i] = true;
                        break;
                    }
                    Assert(arr->n <= CATALOG_INT2ARRAY_MAX);
                    for (int j = 0; j < arr->n; j++)
                        elems[j] = Int16GetDatum(arr->values[j]);
                    values[i] = PointerGetDatum(arr->n == 0 ? ArrayConstructEmpty(INT2OID) :
                                                ArrayConstruct(INT2OID, elems, NULL, arr->n));
                    break;
                }
        }
        if (isnull[i] && col->notnull)
            elog(ERROR, "null value in column \"%s\" of system catalog %s",
                 col->name, desc->relname);
    }
    tuple = heap_form_tuple(tupdesc, values, isnull);
    tuple->t_tableOid = desc->relid;
    return tuple;
}

void
CatalogDeformTuple(const CatalogDesc *desc, HeapTuple tup, void *row)
{
    Datum       values[64];
    bool        isnull[64];
    TupleDesc   tupdesc = cached_tupdesc(desc);
    char       *base = row;

    Assert(desc->ncolumns <= (int) lengthof(values));
    heap_deform_tuple(tup, tupdesc, values, isnull);
    memset(row, 0, desc->row_size);
    for (int i = 0; i < desc->ncolumns; i++)
    {
        const CatalogColumn *col = &desc->columns[i];
        void       *field = base + col->offset;

        if (isnull[i])
        {
            /* Columns added later read as NULL in older rows: zero values. */
            if (col->kind == CATF_TIMESTAMPTZ)
                *(int64 *) field = CATALOG_NULL_TIMESTAMP;
            else if (col->kind == CATF_INT2VECTOR)
                ((CatalogInt2Array *) field)->n = -1;
            continue;
        }
        switch (col->kind)
        {
            case CATF_BOOL:
                *(bool *) field = DatumGetBool(values[i]);
                break;
            case CATF_CHAR:
                *(char *) field = DatumGetChar(values[i]);
                break;
            case CATF_INT16:
                *(int16 *) field = DatumGetInt16(values[i]);
                break;
            case CATF_INT32:
                *(int32 *) field = DatumGetInt32(values[i]);
                break;
            case CATF_INT64:
            case CATF_TIMESTAMPTZ:
                *(int64 *) field = DatumGetInt64(values[i]);
                break;
            case CATF_OID:
                *(Oid *) field = DatumGetObjectId(values[i]);
                break;
            case CATF_FLOAT4:
                *(float4 *) field = DatumGetFloat4(values[i]);
                break;
            case CATF_NAME:
                memcpy(field, DatumGetPointer(values[i]), sizeof(NameData));
                ((NameData *) field)->data[NAMEDATALEN - 1] = '\0';
                break;
            case CATF_TEXT:
                if (col->typid != TEXTOID)
                {
                    *(char **) field = OutputFunctionCall(col->typid, values[i]);
                    break;
                }
                {
                    varlena    *t = copy_varlena(values[i]);

                    *(char **) field = pnstrdup(VARDATA(t), VARSIZE_EXHDR(t));
                    pfree(t);
                    break;
                }
            case CATF_INT2VECTOR:
                {
                    CatalogInt2Array *arr = field;
                    varlena    *copy = copy_varlena(values[i]);
                    Datum      *elems;
                    bool       *nulls;
                    int         n;

                    ArrayDeconstruct((ArrayType *) copy, &elems, &nulls, &n);
                    if (n > CATALOG_INT2ARRAY_MAX)
                        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                                errmsg("too many elements (%d) in column \"%s\" of %s",
                                       n, col->name, desc->relname));
                    arr->n = n;
                    for (int j = 0; j < n; j++)
                        arr->values[j] = nulls[j] ? 0 : DatumGetInt16(elems[j]);
                    break;
                }
        }
    }
}

CatalogScan
CatalogBeginScan(Relation rel)
{
    CatalogScan scan = palloc0(sizeof(struct CatalogScanData));

    scan->desc = desc_for_relation(rel);
    scan->cached = CatalogCacheGet(rel, scan->desc);
    if (scan->cached != NULL)
        return scan;
    scan->snapshot = CopySnapshot(GetCatalogSnapshot());
    scan->heap_scan = heap_beginscan(rel, scan->snapshot);
    return scan;
}

CatalogScan
CatalogBeginKeyScan(Relation rel, const char *column, const void *key)
{
    CatalogScan scan = CatalogBeginScan(rel);
    const CatalogDesc *desc = scan->desc;
    int         c;

    for (c = 0; c < desc->ncolumns; c++)
    {
        if (strcmp(desc->columns[c].name, column) == 0)
            break;
    }
    if (c == desc->ncolumns ||
        (desc->columns[c].kind != CATF_OID && desc->columns[c].kind != CATF_NAME))
        elog(ERROR, "catalog %s has no OID or name column \"%s\"", desc->relname, column);
    scan->key_col = &desc->columns[c];
    if (scan->key_col->kind == CATF_OID)
    {
        scan->key_oid = *(const Oid *) key;
        scan->key = &scan->key_oid;
    }
    else
    {
        size_t      len = strnlen(key, NAMEDATALEN - 1);

        memcpy(scan->key_name.data, key, len);
        scan->key_name.data[len] = '\0';
        scan->key = scan->key_name.data;
    }
    if (scan->cached != NULL)
    {
        scan->index = CatalogCacheIndex(desc, scan->cached, c);
        if (scan->index != NULL)
            scan->next_row = scan->index->heads[CatalogKeyHash(scan->key_col, scan->key) &
                                                (scan->index->nbuckets - 1)];
    }
    return scan;
}

/* The next row of a cached scan that passes its key, or -1. */
static int
next_cached_row(CatalogScan scan)
{
    const CatalogRowSet *set = scan->cached;

    while (scan->next_row >= 0 && scan->next_row < set->nrows)
    {
        int         r = scan->next_row;

        scan->next_row = scan->index != NULL ? scan->index->next[r] : r + 1;
        if (scan->key_col == NULL ||
            CatalogRowMatches(scan->key_col, set->rows + (Size) r * set->row_size, scan->key))
            return r;
    }
    return -1;
}

bool
CatalogGetNext(CatalogScan scan, void *row, ItemPointer tid)
{
    HeapTuple   tup;

    if (scan->cached != NULL)
    {
        int         r = next_cached_row(scan);

        if (r < 0)
            return false;
        CatalogCacheCopyRow(scan->desc, scan->cached, r, row);
        if (tid != NULL)
            *tid = scan->cached->tids[r];
        return true;
    }
    for (;;)
    {
        tup = heap_getnext(scan->heap_scan);
        if (tup == NULL)
            return false;
        if (scan->key_col != NULL)
        {
            /* Keyed heap scan: test the key before deforming the whole row. */
            Datum       value;
            bool        isnull;

            value = heap_getattr(tup, (int) (scan->key_col - scan->desc->columns) + 1,
                                 cached_tupdesc(scan->desc), &isnull);
            if (isnull)
                continue;
            if (scan->key_col->kind == CATF_OID
                ? DatumGetObjectId(value) != scan->key_oid
                : strncmp(DatumGetPointer(value), scan->key_name.data, NAMEDATALEN) != 0)
                continue;
        }
        break;
    }
    CatalogDeformTuple(scan->desc, tup, row);
    if (tid != NULL)
        *tid = tup->t_self;
    return true;
}

void
CatalogEndScan(CatalogScan scan)
{
    if (scan->cached == NULL)
    {
        heap_endscan(scan->heap_scan);
        FreeSnapshot(scan->snapshot);
    }
    pfree(scan);
}

void
CatalogInsertRow(Relation rel, const void *row)
{
    HeapTuple   tup = CatalogFormTuple(desc_for_relation(rel), row);

    simple_heap_insert(rel, tup);
    heap_freetuple(tup);
    CacheNoteCatalogChange();
}

void
CatalogUpdateRow(Relation rel, ItemPointer tid, const void *row)
{
    HeapTuple   tup = CatalogFormTuple(desc_for_relation(rel), row);

    simple_heap_update(rel, tid, tup);
    heap_freetuple(tup);
    CacheNoteCatalogChange();
}

void
CatalogDeleteRow(Relation rel, ItemPointer tid)
{
    (void) desc_for_relation(rel);
    simple_heap_delete(rel, tid);
    CacheNoteCatalogChange();
}
