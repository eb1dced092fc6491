/*
 * heap.c
 *     Creating and dropping relations: pg_class, pg_attribute and
 *     pg_attrdef rows plus storage, in one place for every caller (CREATE
 *     TABLE, CREATE VIEW, bootstrap, DROP).
 * Entry points: RelationCreate(), RelationDrop(), StoreColumnDefault(),
 * AttributeRowGet(), AttributeRowUpdate(), AttributeRowFromDesc(),
 * DeleteCatalogRows().
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/pg_builtin.h"
#include "catalog/storage.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Types whose values sort by collation (PostgreSQL's collatable built-ins). */
static Oid
type_collation(Oid typid)
{
    switch (typid)
    {
        case TEXTOID:
        case VARCHAROID:
        case BPCHAROID:
            return DEFAULT_COLLATION_OID;
        default:
            return InvalidOid;
    }
}

void
AttributeRowFromDesc(Oid relid, const AttributeData *att, int attnum, FormData_pg_attribute *out)
{
    const TypeInfo *type = TypeInfoById(att->atttypid);

    memset(out, 0, sizeof(*out));
    out->attrelid = relid;
    out->attname = att->attname;
    out->atttypid = att->atttypid;
    out->attstattarget = att->attstattarget;
    out->attlen = att->attlen;
    out->attnum = (int16) attnum;
    out->attndims = (type != NULL && OidIsValid(type->elem_type)) ? 1 : 0;
    out->atttypmod = att->atttypmod;
    out->attbyval = att->attbyval;
    out->attalign = att->attalign;
    out->attstorage = att->attlen == -1 ? 'x' : 'p';
    out->attnotnull = att->attnotnull;
    out->atthasdef = att->atthasdef;
    out->atthasmissing = false;
    out->attisdropped = att->attisdropped;
    out->attislocal = true;
    out->attcollation = type_collation(att->atttypid);
    out->attmissingval = NULL;
}

Oid
RelationCreate(const char *relname, Oid nspid, char relkind, char relpersistence,
               TupleDesc desc, const char *const *defaults, Oid owner, const char *reloptions)
{
    Oid         relid = GetNewRelationId();
    FormData_pg_class classrow;
    Relation    rel;

    bool        has_storage = relkind == RELKIND_RELATION || relkind == RELKIND_INDEX;

    Assert(relkind == RELKIND_RELATION || relkind == RELKIND_VIEW || relkind == RELKIND_INDEX ||
           relkind == RELKIND_PARTITIONED_TABLE || relkind == RELKIND_PARTITIONED_INDEX);
    memset(&classrow, 0, sizeof(classrow));
    classrow.oid = relid;
    snprintf(classrow.relname.data, NAMEDATALEN, "%s", relname);
    classrow.relnamespace = nspid;
    classrow.relowner = owner;
    classrow.relam = relkind == RELKIND_RELATION ? HEAP_TABLE_AM_OID :
        relkind == RELKIND_INDEX || relkind == RELKIND_PARTITIONED_INDEX ? BTREE_AM_OID : InvalidOid;
    classrow.relfilenode = has_storage ? relid : InvalidOid;
    classrow.relpages = 0;
    classrow.reltuples = -1;
    classrow.relpersistence = relpersistence;
    classrow.relkind = relkind;
    classrow.relnatts = (int16) desc->natts;
    classrow.relhasrules = relkind == RELKIND_VIEW;
    classrow.relispopulated = true;
    classrow.relreplident = relkind == RELKIND_RELATION ||
        relkind == RELKIND_PARTITIONED_TABLE ? 'd' : 'n';
    classrow.reloptions = (char *) reloptions;
    classrow.created_at = GetCurrentTransactionStartTimestamp();

    rel = table_open(RelationRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &classrow);
    table_close(rel, RowExclusiveLock);

    rel = table_open(AttributeRelationId, RowExclusiveLock);
    for (int i = 0; i < desc->natts; i++)
    {
        FormData_pg_attribute attrow;
        AttributeData att = *TupleDescAttr(desc, i);

        att.atthasdef = defaults != NULL && defaults[i] != NULL;
        AttributeRowFromDesc(relid, &att, i + 1, &attrow);
        CatalogInsertRow(rel, &attrow);
    }
    table_close(rel, RowExclusiveLock);

    if (defaults != NULL)
    {
        rel = table_open(AttrDefaultRelationId, RowExclusiveLock);
        for (int i = 0; i < desc->natts; i++)
        {
            FormData_pg_attrdef def;

            if (defaults[i] == NULL)
                continue;
            def.oid = GetNewObjectId();
            def.adrelid = relid;
            def.adnum = (int16) (i + 1);
            def.adbin = (char *) defaults[i];
            CatalogInsertRow(rel, &def);
        }
        table_close(rel, RowExclusiveLock);
    }

    if (has_storage)
    {
        RelFileLocator locator = {MyDatabaseId, relid, false};

        RelationCreateStorage(locator);
        HeapSpaceNoteNewFile(relid, relkind);  /* exact space: valid from 0 at commit */
    }
    CacheInvalidateRelation(relid);
    return relid;
}

int
DeleteCatalogRows(Oid catid, size_t key_offset, Oid key)
{
    const CatalogDesc *desc = CatalogDescById(catid);
    Relation    rel = table_open(catid, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    void       *row = palloc(desc->row_size);
    ItemPointerData tid;
    int         count = 0;

    while (CatalogGetNext(scan, row, &tid))
    {
        if (*(const Oid *) ((const char *) row + key_offset) == key)
        {
            CatalogDeleteRow(rel, &tid);
            count++;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    pfree(row);
    return count;
}

void
RelationDrop(Oid relid)
{
    FormData_pg_class classrow;
    Relation    rel;
    CatalogScan scan;
    ItemPointerData tid;
    bool        found = false;

    rel = table_open(RelationRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &classrow, &tid))
    {
        if (classrow.oid == relid)
        {
            CatalogDeleteRow(rel, &tid);
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    if (!found)
        elog(ERROR, "cache lookup failed for relation %u", relid);

    DeleteCatalogRows(AttributeRelationId, offsetof(FormData_pg_attribute, attrelid), relid);
    DeleteCatalogRows(AttrDefaultRelationId, offsetof(FormData_pg_attrdef, adrelid), relid);
    DeleteCatalogRows(ConstraintRelationId, offsetof(FormData_pg_constraint, conrelid), relid);
    DeleteCatalogRows(RewriteRelationId, offsetof(FormData_pg_rewrite, ev_class), relid);
    DeleteCatalogRows(DescriptionRelationId, offsetof(FormData_pg_description, objoid), relid);
    /* partitioning: its link to a parent, its key (callers drop the partitions first) */
    DeleteCatalogRows(InheritsRelationId, offsetof(FormData_pg_inherits, inhrelid), relid);
    DeleteCatalogRows(PartitionedRelationId, offsetof(FormData_pg_partitioned_table, partrelid),
                      relid);
    /* An index's own pg_index row; a table's indexes go with it. */
    DeleteCatalogRows(IndexRelationId, offsetof(FormData_pg_index, indexrelid), relid);
    if (classrow.relkind == RELKIND_RELATION || classrow.relkind == RELKIND_PARTITIONED_TABLE)
    {
        FormData_pg_index idx;
        List       *indexes = NIL;
        ListCell   *lc;

        rel = table_open(IndexRelationId, AccessShareLock);
        scan = CatalogBeginScan(rel);
        while (CatalogGetNext(scan, &idx, NULL))
        {
            if (idx.indrelid == relid)
                indexes = lappend_oid(indexes, idx.indexrelid);
        }
        CatalogEndScan(scan);
        table_close(rel, AccessShareLock);
        foreach(lc, indexes)
            RelationDrop(lfirst_oid(lc));
    }

    if (OidIsValid(classrow.relfilenode))
    {
        RelFileLocator locator = {MyDatabaseId, classrow.relfilenode, false};

        RelationDropStorageAtCommit(locator);
    }
    pgstat_drop_relation_at_commit(relid);
    HeapSpaceNoteDrop(relid, classrow.relkind);    /* exact space: forget at commit */
    CacheInvalidateRelation(relid);
}

bool
AttributeRowGet(Oid relid, int attnum, FormData_pg_attribute *out, ItemPointer tid)
{
    Relation    rel = table_open(AttributeRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    bool        found = false;

    while (CatalogGetNext(scan, out, tid))
    {
        if (out->attrelid == relid && out->attnum == attnum)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

void
AttributeRowUpdate(ItemPointer tid, const FormData_pg_attribute *row)
{
    Relation    rel = table_open(AttributeRelationId, RowExclusiveLock);

    CatalogUpdateRow(rel, tid, row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(row->attrelid);
}

void
StoreColumnDefault(Oid relid, int attnum, const char *text)
{
    FormData_pg_attribute att;
    ItemPointerData tid;
    Relation    rel = table_open(AttrDefaultRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_attrdef def;
    ItemPointerData deftid;

    while (CatalogGetNext(scan, &def, &deftid))
    {
        if (def.adrelid == relid && def.adnum == attnum)
            CatalogDeleteRow(rel, &deftid);
    }
    CatalogEndScan(scan);
    if (text != NULL)
    {
        def.oid = GetNewObjectId();
        def.adrelid = relid;
        def.adnum = (int16) attnum;
        def.adbin = (char *) text;
        CatalogInsertRow(rel, &def);
    }
    table_close(rel, RowExclusiveLock);

    if (!AttributeRowGet(relid, attnum, &att, &tid))
        elog(ERROR, "cache lookup failed for attribute %d of relation %u", attnum, relid);
    if (att.atthasdef != (text != NULL))
    {
        att.atthasdef = text != NULL;
        AttributeRowUpdate(&tid, &att);
    }
    CacheInvalidateRelation(relid);
}
