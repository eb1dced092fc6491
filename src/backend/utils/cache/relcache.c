/*
 * relcache.c
 *     The relation cache: one RelationData per relation OID, built from
 *     pg_class, pg_attribute, pg_attrdef, pg_constraint and pg_rewrite (or,
 *     for the system catalogs themselves, from their static description).
 * Entry points: RelationIdGetRelation(), RelationClose(), table_open(),
 * try_table_open(), table_openrv(), table_close(), the RelationGet*()
 * accessors, RelationDeformTuple().
 * Invariants, memory and the rebuild rules: README.md in this directory.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "relcache_int.h"
#include "storage/smgr.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#define RELCACHE_BUCKETS 256

MemoryContext CacheMemoryContext = NULL;

static RelCacheEntry *buckets[RELCACHE_BUCKETS];
/* Descriptor contexts replaced while their relation was open; freed at transaction end. */
static List *stale_contexts = NIL;

/*
 * Relations opened in this transaction (entry->opened), so transaction end
 * touches them instead of the whole hash table; and whether any entry was
 * marked invalid while open.
 */
static Relation *opened_rels = NULL;
static int  n_opened = 0;
static int  max_opened = 0;
static bool have_invalid = false;

static void
note_opened(RelCacheEntry *entry)
{
    if (entry->opened)
        return;
    if (n_opened == max_opened)
    {
        max_opened = max_opened == 0 ? 32 : max_opened * 2;
        opened_rels = opened_rels == NULL
            ? MemoryContextAlloc(CacheMemoryContext, sizeof(Relation) * (Size) max_opened)
            : repalloc(opened_rels, sizeof(Relation) * (Size) max_opened);
    }
    opened_rels[n_opened++] = entry->rel;
    entry->opened = true;
}

static inline RelCacheEntry *
entry_of(Relation rel)
{
    return (RelCacheEntry *) rel->rd_catalog_private;
}

static void
relcache_init(void)
{
    if (CacheMemoryContext == NULL)
        CacheMemoryContext = MemoryContextCreate(TopMemoryContext, "CacheMemoryContext");
    InvalRegisterCallbacks();
}

static RelCacheEntry *
lookup_entry(Oid relid)
{
    for (RelCacheEntry *e = buckets[relid % RELCACHE_BUCKETS]; e != NULL; e = e->next)
    {
        if (RelationGetRelid(e->rel) == relid)
            return e;
    }
    return NULL;
}

static void
unlink_entry(RelCacheEntry *entry)
{
    RelCacheEntry **link = &buckets[RelationGetRelid(entry->rel) % RELCACHE_BUCKETS];

    while (*link != entry)
        link = &(*link)->next;
    *link = entry->next;
}

/* Free an unreferenced entry completely. */
static void
free_entry(RelCacheEntry *entry)
{
    Relation    rel = entry->rel;

    Assert(rel->rd_refcnt == 0);
    if (entry->opened)
    {
        for (int i = 0; i < n_opened; i++)
        {
            if (opened_rels[i] == rel)
            {
                opened_rels[i] = opened_rels[--n_opened];
                break;
            }
        }
    }
    unlink_entry(entry);
    RelationCloseSmgr(rel);
    MemoryContextDelete(entry->mcxt);
    pfree(rel);
}

/* ---------- building ---------- */

/* A fresh, unlinked entry with its RelationData; descriptor data goes in entry->mcxt. */
static RelCacheEntry *
new_entry(Oid relid)
{
    MemoryContext mcxt = MemoryContextCreate(CacheMemoryContext, "relcache entry");
    RelCacheEntry *entry = MemoryContextAllocZero(mcxt, sizeof(RelCacheEntry));
    Relation    rel = MemoryContextAllocZero(CacheMemoryContext, sizeof(RelationData));

    entry->mcxt = mcxt;
    entry->rel = rel;
    rel->rd_id = relid;
    rel->rd_catalog_private = entry;
    rel->rd_nblocks_cache = InvalidBlockNumber;
    return entry;
}

/* A system catalog's descriptor comes from its static description: no scans. */
static RelCacheEntry *
build_catalog_entry(const CatalogDesc *desc)
{
    RelCacheEntry *entry = new_entry(desc->relid);
    Relation    rel = entry->rel;
    MemoryContext old = MemoryContextSwitchTo(entry->mcxt);

    rel->rd_att = CatalogTupleDesc(desc);
    rel->rd_att->tdrefcount = 1;
    MemoryContextSwitchTo(old);
    rel->rd_locator.shared = desc->shared;
    rel->rd_locator.dbOid = desc->shared ? InvalidOid : MyDatabaseId;
    rel->rd_locator.relNumber = desc->relid;
    rel->rd_relkind = RELKIND_RELATION;
    snprintf(rel->rd_relname, NAMEDATALEN, "%s", desc->relname);
    rel->rd_namespace = PG_CATALOG_NAMESPACE;
    entry->owner = BOOTSTRAP_SUPERUSERID;
    entry->persistence = RELPERSISTENCE_PERMANENT;
    return entry;
}

static int
cmp_attnum(const void *a, const void *b)
{
    const FormData_pg_attribute *x = a;
    const FormData_pg_attribute *y = b;

    return (x->attnum > y->attnum) - (x->attnum < y->attnum);
}

/*
 * Read the attributes of relid (sorted by attnum) into a palloc'd array in
 * the current context; *count set.
 */
static FormData_pg_attribute *
read_attributes(Oid relid, int natts, int *count)
{
    Relation    attrel = table_open(AttributeRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(attrel);
    FormData_pg_attribute *atts = palloc0(sizeof(FormData_pg_attribute) * Max(natts, 1));
    FormData_pg_attribute row;
    int         n = 0;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.attrelid != relid || row.attnum <= 0)
            continue;
        if (n >= natts)
            ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                    errmsg("relation %u has more pg_attribute rows than relnatts %d",
                           relid, natts));
        atts[n++] = row;
    }
    CatalogEndScan(scan);
    table_close(attrel, AccessShareLock);
    qsort(atts, n, sizeof(FormData_pg_attribute), cmp_attnum);
    for (int i = 0; i < n; i++)
    {
        if (atts[i].attnum != i + 1)
            ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                    errmsg("relation %u is missing column number %d in pg_attribute",
                           relid, i + 1));
    }
    *count = n;
    return atts;
}

static void
read_defaults(RelCacheEntry *entry, Oid relid, int natts)
{
    Relation    rel = table_open(AttrDefaultRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_attrdef row;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.adrelid != relid || row.adnum < 1 || row.adnum > natts)
            continue;
        if (entry->defaults == NULL)
            entry->defaults = MemoryContextAllocZero(entry->mcxt, sizeof(char *) * natts);
        entry->defaults[row.adnum - 1] = MemoryContextStrdup(entry->mcxt, row.adbin);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
}

static void
read_checks(RelCacheEntry *entry, Oid relid)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.conrelid != relid || row.contype != 'c' || row.conbin == NULL)
            continue;
        MemoryContext old = MemoryContextSwitchTo(entry->mcxt);

        entry->checks = lappend(entry->checks, pstrdup(row.conbin));
        MemoryContextSwitchTo(old);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
}

static void
read_viewdef(RelCacheEntry *entry, Oid relid)
{
    Relation    rel = table_open(RewriteRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_rewrite row;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.ev_class == relid && row.ev_type == '1')
            entry->viewdef = MemoryContextStrdup(entry->mcxt, row.ev_action);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (entry->viewdef == NULL)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("view %u has no definition in pg_rewrite", relid));
}

/*
 * build_entry -- a new unlinked entry for relid from the catalogs, or NULL
 * if pg_class has no such row.  Scratch allocations go to a temporary
 * context.
 */
static RelCacheEntry *
build_entry(Oid relid)
{
    const CatalogDesc *catdesc = CatalogDescById(relid);
    MemoryContext tmp;
    MemoryContext old;
    FormData_pg_class classrow;
    FormData_pg_attribute *atts;
    RelCacheEntry *entry;
    Relation    rel;
    int         natts;

    if (catdesc != NULL)
        return build_catalog_entry(catdesc);

    tmp = MemoryContextCreate(CurrentMemoryContext, "relcache build");
    old = MemoryContextSwitchTo(tmp);
    if (!RelationClassRowById(relid, &classrow))
    {
        MemoryContextSwitchTo(old);
        MemoryContextDelete(tmp);
        return NULL;
    }
    atts = read_attributes(relid, classrow.relnatts, &natts);

    entry = new_entry(relid);
    rel = entry->rel;
    MemoryContextSwitchTo(entry->mcxt);
    rel->rd_att = CreateTemplateTupleDesc(natts);
    for (int i = 0; i < natts; i++)
    {
        Attribute   att;

        TupleDescInitEntry(rel->rd_att, i + 1, NameStr(atts[i].attname), atts[i].atttypid,
                           atts[i].atttypmod);
        att = TupleDescAttr(rel->rd_att, i);
        att->attnotnull = atts[i].attnotnull;
        att->atthasdef = atts[i].atthasdef;
        att->attisdropped = atts[i].attisdropped;
        att->attstattarget = atts[i].attstattarget;
        att->attrelid = relid;
    }
    rel->rd_att->tdrefcount = 1;
    if (classrow.reloptions != NULL)
        entry->reloptions = pstrdup(classrow.reloptions);
    MemoryContextSwitchTo(tmp);

    rel->rd_locator.shared = false;
    rel->rd_locator.dbOid = MyDatabaseId;
    rel->rd_locator.relNumber = classrow.relfilenode;
    rel->rd_relkind = classrow.relkind;
    memcpy(rel->rd_relname, NameStr(classrow.relname), NAMEDATALEN);
    rel->rd_namespace = classrow.relnamespace;
    entry->owner = classrow.relowner;
    entry->persistence = classrow.relpersistence;

    for (int i = 0; i < natts; i++)
    {
        if (atts[i].atthasdef && entry->defaults == NULL)
            read_defaults(entry, relid, natts);
        if (atts[i].atthasmissing && atts[i].attmissingval != NULL && !atts[i].attisdropped)
        {
            Datum       value;

            if (entry->missing == NULL)
            {
                entry->missing = MemoryContextAllocZero(entry->mcxt,
                                                        sizeof(NullableDatum) * natts);
                for (int j = 0; j < natts; j++)
                    entry->missing[j].isnull = true;
            }
            MemoryContextSwitchTo(entry->mcxt);
            value = InputFunctionCall(atts[i].atttypid, atts[i].attmissingval,
                                      atts[i].atttypmod);
            MemoryContextSwitchTo(tmp);
            entry->missing[i].value = value;
            entry->missing[i].isnull = false;
        }
    }
    if (classrow.relchecks > 0)
        read_checks(entry, relid);
    if (classrow.relkind == RELKIND_VIEW)
        read_viewdef(entry, relid);

    MemoryContextSwitchTo(old);
    MemoryContextDelete(tmp);
    return entry;
}

/*
 * rebuild_in_place -- give the open relation entry->rel the contents of a
 * freshly built entry, keeping its address and reference count.  The old
 * descriptor memory stays until transaction end (callers may still point
 * into it).  Returns false if the relation no longer exists.
 */
static bool
rebuild_in_place(RelCacheEntry *entry)
{
    Relation    rel = entry->rel;
    RelCacheEntry *fresh = build_entry(RelationGetRelid(rel));
    Relation    fresh_rel;
    MemoryContext old_mcxt = entry->mcxt;
    MemoryContext prev;
    int         refcnt = rel->rd_refcnt;
    bool        same_storage;

    if (fresh == NULL)
        return false;
    fresh_rel = fresh->rel;
    same_storage = RelFileLocatorEquals(rel->rd_locator, fresh_rel->rd_locator);
    if (!same_storage)
        RelationCloseSmgr(rel);

    /* The old entry struct lives in old_mcxt; the chain link moves to the fresh one. */
    unlink_entry(entry);
    fresh_rel->rd_refcnt = refcnt;
    fresh_rel->rd_smgr = same_storage ? rel->rd_smgr : NULL;
    *rel = *fresh_rel;
    rel->rd_catalog_private = fresh;
    fresh->rel = rel;
    fresh->opened = entry->opened;
    pfree(fresh_rel);
    fresh->next = buckets[RelationGetRelid(rel) % RELCACHE_BUCKETS];
    buckets[RelationGetRelid(rel) % RELCACHE_BUCKETS] = fresh;

    MemoryContextSetParent(old_mcxt, TopMemoryContext);
    prev = MemoryContextSwitchTo(TopMemoryContext);
    stale_contexts = lappend(stale_contexts, old_mcxt);
    MemoryContextSwitchTo(prev);
    return true;
}

/* ---------- opening and closing ---------- */

Relation
RelationIdGetRelation(Oid relid)
{
    RelCacheEntry *entry;

    relcache_init();
    if (!OidIsValid(relid))
        return NULL;
    entry = lookup_entry(relid);
    if (entry != NULL && entry->invalid)
    {
        if (entry->rel->rd_refcnt == 0)
        {
            free_entry(entry);
            entry = NULL;
        }
        else if (!rebuild_in_place(entry))
            return NULL;
        else
            entry = lookup_entry(relid);
    }
    if (entry == NULL)
    {
        entry = build_entry(relid);
        if (entry == NULL)
            return NULL;
        entry->next = buckets[relid % RELCACHE_BUCKETS];
        buckets[relid % RELCACHE_BUCKETS] = entry;
    }
    entry->rel->rd_refcnt++;
    note_opened(entry);
    return entry->rel;
}

void
RelationClose(Relation rel)
{
    Assert(rel != NULL && rel->rd_refcnt > 0);
    if (rel->rd_refcnt > 0)
        rel->rd_refcnt--;
}

Relation
try_table_open(Oid relid, LOCKMODE lockmode)
{
    Relation    rel;

    Assert(lockmode >= NoLock && lockmode <= MaxLockMode);
    /*
     * (transactions issue) Lock first, then look at the catalogs: changes
     * committed by the lock's previous holder are then visible.  Locks are
     * held until the end of the transaction (table_close does not release
     * them); outside a transaction (start-up code) nothing is locked.
     */
    if (lockmode != NoLock && IsTransactionState())
        LockRelationOid(relid, lockmode);
    AcceptInvalidationMessages();
    rel = RelationIdGetRelation(relid);
    if (rel == NULL && lockmode != NoLock && IsTransactionState())
        UnlockRelationOid(relid, lockmode);
    return rel;
}

Relation
table_open(Oid relid, LOCKMODE lockmode)
{
    Relation    rel = try_table_open(relid, lockmode);

    if (rel == NULL)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation with OID %u does not exist", relid));
    return rel;
}

Relation
table_openrv_extended(const RangeVar *rv, LOCKMODE lockmode, bool missing_ok)
{
    Oid         relid = RangeVarGetRelid(rv, missing_ok);

    if (!OidIsValid(relid))
        return NULL;
    return table_open(relid, lockmode);
}

Relation
table_openrv(const RangeVar *rv, LOCKMODE lockmode)
{
    return table_openrv_extended(rv, lockmode, false);
}

void
table_close(Relation rel, LOCKMODE lockmode)
{
    Assert(lockmode >= NoLock && lockmode <= MaxLockMode);
    (void) lockmode;            /* the lock is kept until transaction end */
    RelationClose(rel);
}

/* ---------- accessors ---------- */

const char *
RelationGetColumnDefault(Relation rel, int attnum)
{
    RelCacheEntry *entry = entry_of(rel);

    if (entry == NULL || entry->defaults == NULL || attnum < 1 || attnum > rel->rd_att->natts)
        return NULL;
    return entry->defaults[attnum - 1];
}

const char *
RelationGetViewDefinition(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL ? entry->viewdef : NULL;
}

const char *
RelationGetRelOptions(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL ? entry->reloptions : NULL;
}

char *
RelationGetOption(Relation rel, const char *name)
{
    const char *opts = RelationGetRelOptions(rel);
    size_t      namelen = strlen(name);
    const char *p;

    if (opts == NULL || *opts != '{')
        return NULL;
    p = opts + 1;
    while (*p != '\0' && *p != '}')
    {
        const char *end = p;

        while (*end != '\0' && *end != ',' && *end != '}')
            end++;
        if ((size_t) (end - p) > namelen && strncmp(p, name, namelen) == 0 && p[namelen] == '=')
            return pnstrdup(p + namelen + 1, (Size) (end - p - (ptrdiff_t) namelen - 1));
        p = (*end == ',') ? end + 1 : end;
    }
    return NULL;
}

Oid
RelationGetOwner(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL ? entry->owner : BOOTSTRAP_SUPERUSERID;
}

char
RelationGetPersistence(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL ? entry->persistence : RELPERSISTENCE_PERMANENT;
}

List *
RelationGetCheckConstraints(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL ? entry->checks : NIL;
}

bool
RelationHasMissingValues(Relation rel)
{
    RelCacheEntry *entry = entry_of(rel);

    return entry != NULL && entry->missing != NULL;
}

void
RelationFillMissing(Relation rel, int stored_natts, Datum *values, bool *isnull)
{
    RelCacheEntry *entry = entry_of(rel);
    int         natts = rel->rd_att->natts;

    if (entry == NULL || entry->missing == NULL)
        return;
    for (int i = Max(stored_natts, 0); i < natts; i++)
    {
        if (!entry->missing[i].isnull)
        {
            values[i] = entry->missing[i].value;
            isnull[i] = false;
        }
    }
}

void
RelationDeformTuple(Relation rel, HeapTuple tuple, Datum *values, bool *isnull)
{
    heap_deform_tuple(tuple, rel->rd_att, values, isnull);
    if (RelationHasMissingValues(rel))
        RelationFillMissing(rel, HeapTupleHeaderGetNatts(tuple->t_data), values, isnull);
}

/* ---------- invalidation support (called from inval.c) ---------- */

void
RelationCacheInvalidateEntry(Oid relid)
{
    for (int b = 0; b < RELCACHE_BUCKETS; b++)
    {
        RelCacheEntry *e = buckets[b];

        while (e != NULL)
        {
            RelCacheEntry *next = e->next;

            if (!OidIsValid(relid) || RelationGetRelid(e->rel) == relid)
            {
                if (e->rel->rd_refcnt == 0)
                    free_entry(e);
                else
                {
                    e->invalid = true;
                    have_invalid = true;
                }
            }
            e = next;
        }
    }
}

void
RelationCacheAtEOXact(bool commit, bool changed_catalogs)
{
    ListCell   *lc;

    for (int i = 0; i < n_opened; i++)
    {
        opened_rels[i]->rd_refcnt = 0;
        entry_of(opened_rels[i])->opened = false;
    }
    n_opened = 0;
    /* After an abort, entries may describe the aborted transaction's catalog state. */
    if (!commit && changed_catalogs)
        RelationCacheInvalidateEntry(InvalidOid);
    else if (have_invalid)
    {
        /* Entries marked invalid while open can go now. */
        for (int b = 0; b < RELCACHE_BUCKETS; b++)
        {
            RelCacheEntry *e = buckets[b];

            while (e != NULL)
            {
                RelCacheEntry *next = e->next;

                if (e->invalid)
                    free_entry(e);
                e = next;
            }
        }
    }
    have_invalid = false;
    foreach(lc, stale_contexts)
        MemoryContextDelete((MemoryContext) lfirst(lc));
    list_free(stale_contexts);
    stale_contexts = NIL;
}
