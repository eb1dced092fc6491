/*
 * catcache.c
 *     Per-backend copies of catalog contents, serving catalog scans.
 * Entry points (catalog_int.h): CatalogCacheGet(); (catalog/catalog.h):
 * CatalogCacheAtEOXact().
 *
 * Every name and OID lookup in the catalog module is a scan of a catalog
 * heap (catalogs have no indexes).  A backend that runs the same few
 * statements over and over -- pgbench, an application -- would scan
 * pg_class and pg_namespace and deform every row several times per
 * statement.  Instead, the first CatalogBeginScan() of a catalog reads it
 * once into a row set (rows deformed, with their tids) and later scans
 * iterate over the copy.  README.md "catalog cache" states the rules; in
 * short, a row set is used only while
 *  1. the shared catalog version (CatalogVersionGet) is the one read just
 *     before the set was loaded: every commit that wrote a catalog row bumps
 *     it after the commit is visible, so a set loaded from an older snapshot
 *     is never used after that commit is visible to a fresh snapshot;
 *  2. this backend's invalidation counter (CacheInvalidationCounter) and
 *     database (autovacuum workers switch databases) are unchanged; and
 *  3. the current transaction has written no catalog row: such a transaction
 *     sees its own uncommitted rows, changing with every command, so it scans
 *     the heap as before (DDL is rare; the cache is for everything else).
 * A set that fails the test is replaced.  The old one may still be iterated
 * by an open scan (a nested scan of the same catalog can trigger the
 * reload), so it is kept until transaction end.  Rows are copied out to the
 * caller (text columns palloc'd), never handed out by reference.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/snapshot.h"
#include "catalog/catalog.h"
#include "catalog_int.h"
#include "miscadmin.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#define MAX_CACHED_CATALOGS 64

typedef struct CachedCatalog
{
    Oid         relid;
    CatalogRowSet *set;         /* NULL until loaded */
} CachedCatalog;

static MemoryContext CatalogCacheContext = NULL;
static CachedCatalog cached[MAX_CACHED_CATALOGS];
static int  n_cached = 0;
static List *stale_sets = NIL;  /* replaced sets, freed at transaction end */

static bool
set_is_current(const CatalogRowSet *set)
{
    return set->version == CatalogVersionGet() &&
        set->inval_count == CacheInvalidationCounter() &&
        set->dbid == MyDatabaseId;
}

static CatalogRowSet *
load_set(Relation rel, const CatalogDesc *desc)
{
    MemoryContext cxt;

    MemoryContext old;
    CatalogRowSet *set;
    int         cap = 64;
    Snapshot    snapshot;
    TableScanDesc scan;
    HeapTuple   tup;

    if (CatalogCacheContext == NULL)
        CatalogCacheContext = MemoryContextCreate(TopMemoryContext, "catalog cache");
    cxt = MemoryContextCreate(CatalogCacheContext, "catalog row set");
    old = MemoryContextSwitchTo(cxt);
    set = palloc0(sizeof(CatalogRowSet));

    /* Rule 1: the version is read before the snapshot is taken. */
    set->version = CatalogVersionGet();
    set->inval_count = CacheInvalidationCounter();
    set->dbid = MyDatabaseId;
    set->cxt = cxt;
    set->row_size = desc->row_size;
    set->rows = palloc((Size) cap * desc->row_size);
    set->tids = palloc((Size) cap * sizeof(ItemPointerData));
    MemoryContextSwitchTo(old);

    snapshot = CopySnapshot(GetCatalogSnapshot());
    scan = heap_beginscan(rel, snapshot);
    while ((tup = heap_getnext(scan)) != NULL)
    {
        if (set->nrows == cap)
        {
            cap *= 2;
            set->rows = repalloc(set->rows, (Size) cap * desc->row_size);
            set->tids = repalloc(set->tids, (Size) cap * sizeof(ItemPointerData));
        }
        old = MemoryContextSwitchTo(cxt);
        CatalogDeformTuple(desc, tup, set->rows + (Size) set->nrows * desc->row_size);
        MemoryContextSwitchTo(old);
        set->tids[set->nrows] = tup->t_self;
        set->nrows++;
    }
    heap_endscan(scan);
    FreeSnapshot(snapshot);
    return set;
}

CatalogRowSet *
CatalogCacheGet(Relation rel, const CatalogDesc *desc)
{
    CachedCatalog *entry = NULL;

    /* No shared catalog version (bootstrap, unit tests) or rule 3: scan the heap. */
    if (!CatalogVersionAvailable() || CacheTransactionChangedCatalogs())
        return NULL;
    for (int i = 0; i < n_cached; i++)
    {
        if (cached[i].relid == desc->relid)
        {
            entry = &cached[i];
            break;
        }
    }
    if (entry == NULL)
    {
        if (n_cached == MAX_CACHED_CATALOGS)
            return NULL;
        entry = &cached[n_cached++];
        entry->relid = desc->relid;
        entry->set = NULL;
    }
    if (entry->set != NULL && set_is_current(entry->set))
        return entry->set;
    if (entry->set != NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

        stale_sets = lappend(stale_sets, entry->set->cxt);
        MemoryContextSwitchTo(old);
        entry->set = NULL;
    }
    entry->set = load_set(rel, desc);
    return entry->set;
}

uint32
CatalogKeyHash(const CatalogColumn *col, const void *key)
{
    uint32      h = 2166136261u;    /* FNV-1a */

    if (col->kind == CATF_OID)
    {
        Oid         oid = *(const Oid *) key;

        for (int i = 0; i < 4; i++)
            h = (h ^ ((oid >> (8 * i)) & 0xff)) * 16777619u;
        return h;
    }
    Assert(col->kind == CATF_NAME);
    for (const unsigned char *p = key; *p != '\0'; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

bool
CatalogRowMatches(const CatalogColumn *col, const void *row, const void *key)
{
    const char *field = (const char *) row + col->offset;

    if (col->kind == CATF_OID)
        return *(const Oid *) field == *(const Oid *) key;
    return strncmp(field, key, NAMEDATALEN) == 0;
}

const CatalogSetIndex *
CatalogCacheIndex(const CatalogDesc *desc, CatalogRowSet *set, int column)
{
    const CatalogColumn *col = &desc->columns[column];
    CatalogSetIndex *idx;
    MemoryContext old;

    for (int i = 0; i < set->nindexes; i++)
    {
        if (set->indexes[i].column == column)
            return &set->indexes[i];
    }
    if (set->nindexes == CATALOG_SET_MAX_INDEXES)
        return NULL;
    idx = &set->indexes[set->nindexes];
    idx->column = column;
    idx->nbuckets = 16;
    while (idx->nbuckets < (uint32) set->nrows * 2)
        idx->nbuckets *= 2;
    old = MemoryContextSwitchTo(set->cxt);
    idx->heads = palloc(sizeof(int) * idx->nbuckets);
    idx->next = palloc(sizeof(int) * (Size) Max(set->nrows, 1));
    MemoryContextSwitchTo(old);
    for (uint32 b = 0; b < idx->nbuckets; b++)
        idx->heads[b] = -1;
    /* Insert from the last row down, so each chain lists rows in scan order. */
    for (int r = set->nrows - 1; r >= 0; r--)
    {
        const char *field = set->rows + (Size) r * set->row_size + col->offset;
        uint32      b = CatalogKeyHash(col, field) & (idx->nbuckets - 1);

        idx->next[r] = idx->heads[b];
        idx->heads[b] = r;
    }
    set->nindexes++;
    return idx;
}

void
CatalogCacheCopyRow(const CatalogDesc *desc, const CatalogRowSet *set, int i, void *row)
{
    char       *base = row;

    memcpy(row, set->rows + (Size) i * set->row_size, set->row_size);
    for (int c = 0; c < desc->ncolumns; c++)
    {
        const CatalogColumn *col = &desc->columns[c];

        if (col->kind == CATF_TEXT)
        {
            char      **field = (char **) (base + col->offset);

            if (*field != NULL)
                *field = pstrdup(*field);
        }
    }
}

void
CatalogCacheAtEOXact(void)
{
    ListCell   *lc;

    foreach(lc, stale_sets)
        MemoryContextDelete((MemoryContext) lfirst(lc));
    list_free(stale_sets);
    stale_sets = NIL;
}
