/*
 * index.c
 *     Index relations in the catalog: create (pg_class 'i', pg_attribute,
 *     pg_index, storage, metapage, build), drop, list, describe, the
 *     ready/valid flags, rebuild, truncate, and constraint-backing indexes.
 * Entry points: IndexCreate(), IndexDrop(), RelationGetIndexList(),
 * IndexRowGet(), IndexInfoFromCatalog(), IndexGetTable(), IndexSetState(),
 * IndexRebuild(), RelationTruncateIndexes(), IndexCreateForConstraints(),
 * IndexGetConstraint().
 * pg_index is described in README.md (this directory); the B-tree itself
 * in src/backend/access/nbtree/README.md.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "commands/tablecmds.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/*
 * set_check_xmin -- set or clear indcheckxmin of indexoid's pg_index row.
 * Set: the build left out HOT chain members that older snapshots may still
 * see (heap README "HOT chains and new indexes"), so only transactions
 * whose TransactionXmin follows this one may use the index; the building
 * transaction's xid goes into indbuildxid (PostgreSQL reads it from the
 * row's xmin).
 */
static void
set_check_xmin(Oid indexoid, bool check)
{
    FormData_pg_index row;
    ItemPointerData tid;
    Relation    rel;

    if (!IndexRowGet(indexoid, &row, &tid))
        elog(ERROR, "cache lookup failed for index %u", indexoid);
    row.indcheckxmin = check;
    row.indbuildxid = check ? (int64) GetCurrentTransactionId() : 0;
    rel = table_open(IndexRelationId, RowExclusiveLock);
    CatalogUpdateRow(rel, &tid, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(indexoid);
    CacheInvalidateRelation(row.indrelid);
    CommandCounterIncrement();
}

Oid
IndexCreate(Relation heaprel, const char *indexname, Oid nspid, IndexInfo *info, bool build)
{
    TupleDesc   hdesc = RelationGetDescr(heaprel);
    TupleDesc   idesc = CreateTemplateTupleDesc(info->natts);
    FormData_pg_index row;
    Relation    catrel;
    Relation    indexrel;
    Oid         relid;

    for (int i = 0; i < info->natts; i++)
    {
        const AttributeData *hatt = TupleDescAttr(hdesc, info->attnums[i] - 1);

        TupleDescInitEntry(idesc, i + 1, hatt->attname.data, hatt->atttypid, hatt->atttypmod);
    }
    bool        partitioned = heaprel->rd_relkind == RELKIND_PARTITIONED_TABLE;

    relid = RelationCreate(indexname, nspid,
                           partitioned ? RELKIND_PARTITIONED_INDEX : RELKIND_INDEX,
                           RelationGetPersistence(heaprel), idesc, NULL,
                           RelationGetOwner(heaprel), NULL);

    memset(&row, 0, sizeof(row));
    row.indexrelid = relid;
    row.indrelid = RelationGetRelid(heaprel);
    row.indnatts = (int16) info->natts;
    row.indnkeyatts = (int16) info->nkeyatts;
    row.indisunique = info->unique;
    row.indimmediate = true;
    row.indisprimary = info->primary;
    row.indisvalid = build || partitioned;
    row.indisready = build || partitioned;
    row.indkey.n = info->natts;
    memcpy(row.indkey.values, info->attnums, sizeof(int16) * info->natts);
    row.indoption.n = info->nkeyatts;
    memcpy(row.indoption.values, info->indoption, sizeof(int16) * info->nkeyatts);
    row.indpred = info->predicate;
    row.created_at = GetCurrentTransactionStartTimestamp();
    catrel = table_open(IndexRelationId, RowExclusiveLock);
    CatalogInsertRow(catrel, &row);
    table_close(catrel, RowExclusiveLock);
    RelationSetHasIndex(RelationGetRelid(heaprel), true);
    CacheInvalidateRelation(RelationGetRelid(heaprel));
    CommandCounterIncrement();

    info->index_relid = relid;
    info->heap_relid = RelationGetRelid(heaprel);
    info->ready = info->valid = build || partitioned;
    if (partitioned)
        return relid;           /* no storage: the partitions' indexes hold the entries */
    indexrel = index_open(relid, AccessExclusiveLock);
    BTreeInitMetapage(indexrel, info->natts, info->nkeyatts, info->indoption);
    if (build)
    {
        info->broken_hot_chain = false;
        index_build(heaprel, indexrel, info, NULL);
        if (info->broken_hot_chain)
            set_check_xmin(relid, true);
    }
    index_close(indexrel, NoLock);
    return relid;
}

void
IndexDrop(Oid indexoid)
{
    Oid         heapoid = IndexGetTable(indexoid);

    RelationDrop(indexoid);
    if (OidIsValid(heapoid))
        CacheInvalidateRelation(heapoid);
    CommandCounterIncrement();
}

static int
oid_cmp(const void *a, const void *b)
{
    Oid         x = *(const Oid *) a;
    Oid         y = *(const Oid *) b;

    return x < y ? -1 : (x > y ? 1 : 0);
}

List *
RelationGetIndexList(Relation heaprel)
{
    Oid         heaprelid = RelationGetRelid(heaprel);
    Relation    rel = table_open(IndexRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "indrelid", &heaprelid);
    FormData_pg_index row;
    Oid         found[256];
    int         n = 0;
    List       *result = NIL;
    List       *extra = NIL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.indrelid != RelationGetRelid(heaprel))
            continue;
        if (n < (int) lengthof(found))
            found[n++] = row.indexrelid;
        else
            extra = lappend_oid(extra, row.indexrelid);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (extra != NIL)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("table \"%s\" has more than %d indexes", RelationGetRelationName(heaprel),
                       (int) lengthof(found)));
    qsort(found, (size_t) n, sizeof(Oid), oid_cmp);
    for (int i = 0; i < n; i++)
        result = lappend_oid(result, found[i]);
    return result;
}

bool
IndexRowGet(Oid indexoid, FormData_pg_index *out, ItemPointer tid)
{
    Relation    rel = table_open(IndexRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "indexrelid", &indexoid);
    bool        found = false;

    while (CatalogGetNext(scan, out, tid))
    {
        if (out->indexrelid == indexoid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

IndexInfo *
IndexInfoFromCatalog(Oid indexoid)
{
    FormData_pg_index row;
    IndexInfo  *info;

    if (!IndexRowGet(indexoid, &row, NULL))
        elog(ERROR, "cache lookup failed for index %u", indexoid);
    if (row.indnatts < 1 || row.indnatts > INDEX_MAX_KEYS || row.indkey.n != row.indnatts ||
        row.indnkeyatts < 1 || row.indnkeyatts > row.indnatts)
        elog(ERROR, "pg_index row of index %u is malformed", indexoid);
    info = palloc0(sizeof(IndexInfo));
    info->index_relid = indexoid;
    info->heap_relid = row.indrelid;
    info->natts = row.indnatts;
    info->nkeyatts = row.indnkeyatts;
    memcpy(info->attnums, row.indkey.values, sizeof(int16) * row.indnatts);
    for (int i = 0; i < row.indnkeyatts && i < row.indoption.n; i++)
        info->indoption[i] = row.indoption.values[i];
    info->unique = row.indisunique;
    info->primary = row.indisprimary;
    info->ready = row.indisready;
    info->valid = row.indisvalid;
    info->checkxmin = row.indcheckxmin;
    info->buildxid = (TransactionId) row.indbuildxid;
    info->predicate = row.indpred;
    return info;
}

Oid
IndexGetTable(Oid indexoid)
{
    FormData_pg_index row;

    return IndexRowGet(indexoid, &row, NULL) ? row.indrelid : InvalidOid;
}

void
IndexSetState(Oid indexoid, bool ready, bool valid)
{
    FormData_pg_index row;
    ItemPointerData tid;
    Relation    rel;

    if (!IndexRowGet(indexoid, &row, &tid))
        elog(ERROR, "cache lookup failed for index %u", indexoid);
    row.indisready = ready;
    row.indisvalid = valid;
    rel = table_open(IndexRelationId, RowExclusiveLock);
    CatalogUpdateRow(rel, &tid, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(indexoid);
    CacheInvalidateRelation(row.indrelid);
    CommandCounterIncrement();
}

void
IndexRebuild(Oid indexoid)
{
    IndexInfo  *info = IndexInfoFromCatalog(indexoid);
    Relation    heaprel = table_open(info->heap_relid, ShareLock);
    Relation    indexrel = index_open(indexoid, AccessExclusiveLock);

    RelationSetNewRelfilenode(indexrel);
    CommandCounterIncrement();
    BTreeInitMetapage(indexrel, info->natts, info->nkeyatts, info->indoption);
    info->broken_hot_chain = false;
    index_build(heaprel, indexrel, info, NULL);
    if (!info->ready || !info->valid)
    {
        /*
         * Never valid before (a failed CREATE INDEX CONCURRENTLY): nothing
         * restricted old snapshots yet, so this build is like a creation.
         */
        IndexSetState(indexoid, true, true);
        if (info->broken_hot_chain)
            set_check_xmin(indexoid, true);
    }
    else if (info->checkxmin && !info->broken_hot_chain)
    {
        /*
         * A chain broken for a valid index predates the index itself (every
         * HOT update since its creation compared its columns), so its
         * creation already kept the snapshots that may see such members
         * away, and indcheckxmin stays as it is.  With no broken chain
         * left, no running snapshot sees a member the index lacks: the
         * restriction can go (as PostgreSQL's REINDEX).
         */
        set_check_xmin(indexoid, false);
    }
    index_close(indexrel, NoLock);
    table_close(heaprel, NoLock);
}

void
RelationTruncateIndexes(Relation heaprel)
{
    ListCell   *lc;

    foreach(lc, RelationGetIndexList(heaprel))
    {
        IndexInfo  *info = IndexInfoFromCatalog(lfirst_oid(lc));
        Relation    indexrel = index_open(lfirst_oid(lc), AccessExclusiveLock);

        RelationSetNewRelfilenode(indexrel);
        BTreeInitMetapage(indexrel, info->natts, info->nkeyatts, info->indoption);
        index_close(indexrel, NoLock);
    }
}

Oid
IndexGetConstraint(Oid indexoid, char *conname)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;
    Oid         result = InvalidOid;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.conindid == indexoid && (row.contype == 'p' || row.contype == 'u'))
        {
            result = row.oid;
            if (conname != NULL)
                snprintf(conname, NAMEDATALEN, "%s", row.conname.data);
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

bool
IndexConstraintDeferrable(Oid indexoid)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;
    bool        result = false;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.conindid == indexoid && (row.contype == 'p' || row.contype == 'u'))
        {
            result = row.condeferrable;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

void
IndexCreateForConstraints(Oid heapoid)
{
    Relation    conrel;
    CatalogScan scan;
    FormData_pg_constraint row;
    ItemPointerData tid;
    List       *todo = NIL;
    ListCell   *lc;

    /* a partitioned table's constraints get partitioned indexes (IndexCreate) */
    conrel = table_open(ConstraintRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(conrel);

    while (CatalogGetNext(scan, &row, &tid))
    {
        FormData_pg_constraint *copy;

        if (row.conrelid != heapoid || (row.contype != 'p' && row.contype != 'u') ||
            OidIsValid(row.conindid))
            continue;
        copy = palloc(sizeof(*copy) + sizeof(ItemPointerData));
        *copy = row;
        memcpy(copy + 1, &tid, sizeof(tid));
        todo = lappend(todo, copy);
    }
    CatalogEndScan(scan);
    if (todo == NIL)
    {
        table_close(conrel, RowExclusiveLock);
        return;
    }
    foreach(lc, todo)
    {
        FormData_pg_constraint *con = lfirst(lc);
        Relation    heaprel = table_open(heapoid, ShareLock);
        IndexInfo   info;

        if (OidIsValid(RelnameGetRelidInNamespace(RelationGetNamespace(heaprel),
                                                  con->conname.data)))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", con->conname.data));
        if (con->conkey.n < 1 || con->conkey.n > INDEX_MAX_KEYS)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("cannot use more than %d columns in an index", INDEX_MAX_KEYS));
        memset(&info, 0, sizeof(info));
        info.natts = info.nkeyatts = con->conkey.n;
        memcpy(info.attnums, con->conkey.values, sizeof(int16) * con->conkey.n);
        info.unique = true;
        info.primary = con->contype == 'p';
        con->conindid = IndexCreate(heaprel, con->conname.data, RelationGetNamespace(heaprel),
                                    &info, true);
        CatalogUpdateRow(conrel, (ItemPointer) (con + 1), con);
        table_close(heaprel, NoLock);
    }
    table_close(conrel, RowExclusiveLock);
    CacheInvalidateRelation(heapoid);
    CommandCounterIncrement();
}
