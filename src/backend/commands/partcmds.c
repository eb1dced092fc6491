/*
 * partcmds.c
 *     DDL of declarative partitioning: the key of CREATE TABLE ...
 *     PARTITION BY, CREATE TABLE ... PARTITION OF, and the dialect's
 *     ALTER TABLE t PARTITION BY RANGE (cols) (PARTITION p VALUES LESS THAN
 *     (...), ...) that converts a table into a partitioned one.
 * Entry points: PartitionedTableSetup(), CreatePartitionOf(),
 * ConvertToPartitioned().  See README.md in this directory, "Partitioned
 * tables".
 *
 * A partition has exactly its parent's columns (dropped ones included, so
 * attribute numbers agree: the planner and executor read a parent's Vars
 * from partition rows without any mapping), the parent's defaults, NOT
 * NULL flags, CHECK and FOREIGN KEY constraints, and a PRIMARY KEY /
 * UNIQUE constraint (with its own unique index) for each of the parent's.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/snapshot.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/storage.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "commands_int.h"
#include "executor/executor.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "partitioning/partition.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* The constraints of relid (pg_constraint rows), in catalog order. */
static List *
constraint_rows(Oid relid)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;
    List       *result = NIL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.conrelid == relid)
        {
            FormData_pg_constraint *copy = palloc(sizeof(row));

            *copy = row;
            result = lappend(result, copy);
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

static bool
conkey_has(const CatalogInt2Array *keys, int16 attnum)
{
    for (int i = 0; i < keys->n; i++)
        if (keys->values[i] == attnum)
            return true;
    return false;
}

/*
 * check_unique_covers_key -- PostgreSQL's rule: a PRIMARY KEY / UNIQUE
 * constraint of a partitioned table must contain every partition key
 * column (each partition can then enforce it alone).  0A000 otherwise.
 */
static void
check_unique_covers_key(Oid relid, const char *relname, const PartitionKeyData *key)
{
    ListCell   *lc;

    foreach(lc, constraint_rows(relid))
    {
        FormData_pg_constraint *con = lfirst(lc);

        if (con->contype != 'p' && con->contype != 'u')
            continue;
        for (int k = 0; k < key->nkeys; k++)
            if (!conkey_has(&con->conkey, key->attnums[k]))
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("unique constraint on partitioned table must include all partitioning columns"),
                        errdetail("%s constraint on table \"%s\" lacks column \"%s\" which is part of the partition key.",
                                  con->contype == 'p' ? "PRIMARY KEY" : "UNIQUE", relname,
                                  key->colnames[k]));
    }
}

static void
set_hastriggers(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relhastriggers = true;
}

static void
set_relchecks(FormData_pg_class *row, void *arg)
{
    row->relchecks = (int16) (intptr_t) arg;
}

/*
 * clone_constraints -- give partition child (named childname) a copy of
 * each constraint of parent: CHECK and FOREIGN KEY under the same name,
 * PRIMARY KEY / UNIQUE named after the partition (child_pkey,
 * child_col_key) with conparentid set and their unique indexes built.
 */
static void
clone_constraints(Oid parent, Oid child, const char *childname, TupleDesc desc)
{
    Relation    rel;
    int         nchecks = 0;
    bool        has_fk = false;
    ListCell   *lc;
    List       *rows = constraint_rows(parent);

    rel = table_open(ConstraintRelationId, RowExclusiveLock);
    foreach(lc, rows)
    {
        FormData_pg_constraint row = *(FormData_pg_constraint *) lfirst(lc);

        row.oid = GetNewObjectId();
        row.conrelid = child;
        row.conindid = InvalidOid;
        row.conislocal = false;
        row.coninhcount = 1;
        if (row.contype == 'p' || row.contype == 'u' || row.contype == 'f')
            row.conparentid = ((FormData_pg_constraint *) lfirst(lc))->oid;
        if (row.contype == 'p')
            snprintf(row.conname.data, NAMEDATALEN, "%s_pkey", childname);
        else if (row.contype == 'u')
        {
            StringInfoData name;

            initStringInfo(&name);
            appendStringInfoString(&name, childname);
            for (int i = 0; i < row.conkey.n; i++)
                appendStringInfo(&name, "_%s",
                                 NameStr(TupleDescAttr(desc, row.conkey.values[i] - 1)->attname));
            appendStringInfoString(&name, "_key");
            snprintf(row.conname.data, NAMEDATALEN, "%s", name.data);
        }
        nchecks += row.contype == 'c';
        has_fk = has_fk || row.contype == 'f';
        CatalogInsertRow(rel, &row);
    }
    table_close(rel, RowExclusiveLock);
    CommandCounterIncrement();
    if (nchecks > 0)
        UpdateClassRow(child, set_relchecks, (void *) (intptr_t) nchecks);
    CommandCounterIncrement();
    if (has_fk)
        UpdateClassRow(child, set_hastriggers, NULL);   /* psql lists FKs only then */
    CommandCounterIncrement();
    IndexCreateForConstraints(child);
    CacheInvalidateRelation(child);
}

/* Index parentidx of the partitioned table, cloned onto partition child and linked. */
static void
clone_index(Oid parentidx, Relation child)
{
    IndexInfo  *info = IndexInfoFromCatalog(parentidx);
    TupleDesc   desc = RelationGetDescr(child);
    List       *colnames = NIL;
    char       *name;
    Oid         childidx;

    for (int i = 0; i < info->nkeyatts; i++)
        colnames = lappend(colnames, pstrdup(NameStr(TupleDescAttr(desc, info->attnums[i] - 1)->attname)));
    name = default_index_name(RelationGetRelationName(child), colnames,
                              RelationGetNamespace(child));
    info->predicate_state = NULL;
    childidx = IndexCreate(child, name, RelationGetNamespace(child), info, true);
    PartitionIndexLink(childidx, parentidx);
    CommandCounterIncrement();
}

void
PartitionIndexCreateOnPartitions(Relation parent, Oid parentidx)
{
    ListCell   *lc;

    foreach(lc, PartitionGetChildren(RelationGetRelid(parent)))
    {
        Relation    child = table_open(lfirst_oid(lc), ShareLock);

        clone_index(parentidx, child);
        table_close(child, NoLock);
    }
}

/*
 * clone_indexes -- partition child gets each index of parent that backs no
 * constraint (those come with the constraints), and the indexes of its
 * cloned PRIMARY KEY / UNIQUE constraints are linked to the parent's.
 */
static void
clone_indexes(Relation parent, Oid child)
{
    Relation    childrel = table_open(child, ShareLock);
    char        conname[NAMEDATALEN];
    List       *parent_cons = constraint_rows(RelationGetRelid(parent));
    ListCell   *lc;

    foreach(lc, RelationGetIndexList(parent))
        if (!OidIsValid(IndexGetConstraint(lfirst_oid(lc), conname)))
            clone_index(lfirst_oid(lc), childrel);
    foreach(lc, constraint_rows(child))
    {
        FormData_pg_constraint *con = lfirst(lc);
        ListCell   *pc;

        if ((con->contype != 'p' && con->contype != 'u') || !OidIsValid(con->conindid))
            continue;
        foreach(pc, parent_cons)
        {
            FormData_pg_constraint *pcon = lfirst(pc);

            if (pcon->oid == con->conparentid && OidIsValid(pcon->conindid))
                PartitionIndexLink(con->conindid, pcon->conindid);
        }
    }
    CommandCounterIncrement();
    table_close(childrel, NoLock);
}

/*
 * create_partition_relation -- a new plain table named name in nspid with
 * parent's columns (dropped ones included), defaults, constraints and indexes.
 */
static Oid
create_partition_relation(Relation parent, const char *name, Oid nspid, char relpersistence)
{
    TupleDesc   desc = CreateTupleDescCopy(RelationGetDescr(parent));
    const char **defaults = palloc0(sizeof(char *) * Max(desc->natts, 1));
    Oid         relid;

    for (int i = 0; i < desc->natts; i++)
    {
        const char *def = RelationGetColumnDefault(parent, i + 1);

        defaults[i] = def != NULL ? pstrdup(def) : NULL;
    }
    relid = RelationCreate(name, nspid, RELKIND_RELATION, relpersistence, desc,
                           (const char *const *) defaults, RelationGetOwner(parent), NULL);
    CommandCounterIncrement();
    clone_constraints(RelationGetRelid(parent), relid, name, desc);
    clone_indexes(parent, relid);
    return relid;
}

void
PartitionedTableSetup(Oid relid, const char *relname, const PartitionSpec *spec,
                      const char *query)
{
    Relation    rel = table_open(relid, NoLock);
    PartitionKeyData key;

    if (spec->partitions != NIL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("an inline partition list is only accepted by ALTER TABLE ... PARTITION BY"));
    PartitionKeyBuild(spec, RelationGetDescr(rel), query, &key);
    table_close(rel, NoLock);
    check_unique_covers_key(relid, relname, &key);
    PartitionKeyStore(relid, &key);
    CommandCounterIncrement();
}

/*
 * some_row_in_bound -- whether a row of rel, as the latest snapshot sees it,
 * has a key that bound contains (inside) or does not contain (!inside).
 */
static bool
some_row_in_bound(Relation rel, const PartitionKeyData *key, const PartitionBoundData *bound,
                  bool inside)
{
    Snapshot    snap = CopySnapshot(GetLatestSnapshot());
    TableScanDesc scan = heap_beginscan(rel, snap);
    int         natts = RelationGetDescr(rel)->natts;
    Datum      *values = palloc(sizeof(Datum) * Max(natts, 1));
    bool       *isnull = palloc(sizeof(bool) * Max(natts, 1));
    HeapTuple   tup;
    bool        found = false;

    while (!found && (tup = heap_getnext(scan)) != NULL)
    {
        Datum       kv[PARTITION_MAX_KEYS];
        bool        kn[PARTITION_MAX_KEYS];

        CHECK_FOR_INTERRUPTS();
        RelationDeformTuple(rel, tup, values, isnull);
        PartitionExtractKey(key, values, isnull, kv, kn);
        found = PartitionBoundContains(key, bound, kv, kn) == inside;
    }
    heap_endscan(scan);
    FreeSnapshot(snap);
    pfree(values);
    pfree(isnull);
    return found;
}

/* Rows of partition rel that the default partition holds and bound would take: 23514. */
static void
check_default_rows(Oid defid, const PartitionKeyData *key, const PartitionBoundData *bound)
{
    Relation    rel = table_open(defid, AccessExclusiveLock);

    if (some_row_in_bound(rel, key, bound, true))
        ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                errmsg("updated partition constraint for default partition \"%s\" would be violated by some row",
                       RelationGetRelationName(rel)));
    table_close(rel, NoLock);
}

/* Where PostgreSQL points at a bound in errors: its first value. */
static int
bound_location(const PartitionBoundSpec *spec)
{
    if (spec->lowerdatums != NIL)
        return ((PartitionRangeDatum *) linitial(spec->lowerdatums))->location;
    if (spec->listdatums != NIL)
        return (IsA(linitial(spec->listdatums), A_Const) ? ((A_Const *) linitial(spec->listdatums))->location : exprLocation(linitial(spec->listdatums)));
    return spec->location;
}

void
CreatePartitionOf(CreateStmt *stmt, const char *query)
{
    RangeVar   *rv = stmt->relation;
    RangeVar   *prv = linitial(stmt->inhRelations);
    Relation    parent = table_openrv(prv, AccessExclusiveLock);
    Oid         parentid = RelationGetRelid(parent);
    Oid         nspid;
    PartitionKeyData key;
    PartitionBoundData *bound;
    PartitionDesc pdesc;
    Oid         relid;

    if (parent->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not partitioned", RelationGetRelationName(parent)));
    if (stmt->partspec != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("sub-partitioning is not supported yet"));
    if (stmt->tableElts != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("column and constraint definitions in CREATE TABLE ... PARTITION OF are not supported yet"));
    nspid = RangeVarGetCreationNamespace(rv);
    if (OidIsValid(RelnameGetRelidInNamespace(nspid, rv->relname)))
    {
        if (stmt->if_not_exists)
        {
            ereport(NOTICE, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists, skipping", rv->relname));
            table_close(parent, NoLock);
            return;
        }
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                errmsg("relation \"%s\" already exists", rv->relname));
    }
    if ((rv->relpersistence == RELPERSISTENCE_TEMP) !=
        (RelationGetPersistence(parent) == RELPERSISTENCE_TEMP))
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg(rv->relpersistence == RELPERSISTENCE_TEMP ?
                       "cannot create a temporary relation as partition of permanent relation \"%s\"" :
                       "cannot create a permanent relation as partition of temporary relation \"%s\"",
                       RelationGetRelationName(parent)));
    if (!PartitionKeyLoad(parentid, &key))
        elog(ERROR, "partition key of relation %u is missing", parentid);
    bound = PartitionBoundEvaluate(stmt->partbound, &key, rv->relname, query);
    PartitionCheckNewBound(parentid, &key, bound, rv->relname, query,
                           bound_location(stmt->partbound));
    pdesc = RelationGetPartitionDesc(parentid);
    if (!bound->is_default && pdesc->default_index >= 0)
        check_default_rows(pdesc->oids[pdesc->default_index], &key, bound);
    relid = create_partition_relation(parent, rv->relname, nspid,
                                      RelationGetPersistence(parent));
    PartitionAttach(parentid, relid, &key, bound);
    CommandCounterIncrement();
    table_close(parent, NoLock);
}

/* ---------- ALTER TABLE t PARTITION BY ... (PARTITION p VALUES LESS THAN ...) ---------- */

static void
make_partitioned(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relkind = RELKIND_PARTITIONED_TABLE;
    row->relfilenode = InvalidOid;
    row->relam = InvalidOid;
    row->relpages = 0;
    row->reltuples = -1;
    row->relallvisible = 0;
}

static void
set_partitioned_index(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relkind = RELKIND_PARTITIONED_INDEX;
    row->relfilenode = InvalidOid;
    row->relpages = 0;
    row->reltuples = -1;
}

/*
 * make_index_partitioned -- an index of the table being converted becomes
 * the partitioned index of its partitions' copies (same OID, name and
 * constraint): its file goes at commit, its pg_class row gets relkind 'I'.
 */
static void
make_index_partitioned(Oid indexoid)
{
    FormData_pg_class row;
    RelFileLocator locator;

    if (!RelationClassRowById(indexoid, &row))
        elog(ERROR, "cache lookup failed for index %u", indexoid);
    locator.dbOid = MyDatabaseId;
    locator.relNumber = row.relfilenode;
    locator.shared = false;
    LockRelationOid(indexoid, AccessExclusiveLock);
    RelationDropStorageAtCommit(locator);
    UpdateClassRow(indexoid, set_partitioned_index, NULL);
    CacheInvalidateRelation(indexoid);
}

/* The indexes of relid (pg_index). */
static List *
table_indexes(Oid relid)
{
    Relation    rel = table_open(IndexRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_index idx;
    List       *result = NIL;

    while (CatalogGetNext(scan, &idx, NULL))
        if (idx.indrelid == relid)
            result = lappend_oid(result, idx.indexrelid);
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

/*
 * move_rows -- insert every row of old (visible to a fresh snapshot: we
 * hold AccessExclusiveLock, so no writer is in progress) into its partition
 * of desc, with index entries; a row no partition takes raises 23514.
 */
static void
move_rows(Relation old, PartitionDesc desc, Relation *parts)
{
    Snapshot    snap = CopySnapshot(GetLatestSnapshot());
    TableScanDesc scan = heap_beginscan(old, snap);
    TupleDesc   tdesc = RelationGetDescr(old);
    Datum      *values = palloc(sizeof(Datum) * Max(tdesc->natts, 1));
    bool       *isnull = palloc(sizeof(bool) * Max(tdesc->natts, 1));
    IndexInsertState **ist = palloc0(sizeof(IndexInsertState *) * Max(desc->nparts, 1));
    CommandId   cid = GetCurrentCommandId(true);
    HeapTuple   tup;

    for (int i = 0; i < desc->nparts; i++)
        ist[i] = IndexInsertBegin(parts[i]);
    while ((tup = heap_getnext(scan)) != NULL)
    {
        int         p;
        HeapTuple   newtup;

        CHECK_FOR_INTERRUPTS();
        RelationDeformTuple(old, tup, values, isnull);
        p = PartitionRouteRow(desc, RelationGetRelationName(old), values, isnull);
        newtup = heap_form_tuple(RelationGetDescr(parts[p]), values, isnull);
        heap_insert(parts[p], newtup, cid);
        IndexInsertRow(ist[p], &newtup->t_self, values, isnull);
    }
    heap_endscan(scan);
    FreeSnapshot(snap);
    for (int i = 0; i < desc->nparts; i++)
        IndexInsertEnd(ist[i]);
}

void
ConvertToPartitioned(Relation rel, const PartitionSpec *spec, const char *query)
{
    Oid         relid = RelationGetRelid(rel);
    const char *relname = RelationGetRelationName(rel);
    PartitionKeyData key;
    List       *prev_upper = NIL;
    PartitionDesc desc;
    Relation   *parts;
    ListCell   *lc;
    RelFileLocator locator = rel->rd_locator;

    /* every error of a faulty statement first, the table unchanged */
    CheckPartitionSpec(rel, spec, query);
    PartitionKeyBuild(spec, RelationGetDescr(rel), query, &key);
    if (key.strategy != PARTITION_STRATEGY_RANGE || spec->partitions == NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("ALTER TABLE ... PARTITION BY needs a RANGE key and a list of partitions"),
                errhint("Name the partitions: PARTITION BY RANGE (%s) (PARTITION p VALUES LESS THAN (...), ...).",
                        key.colnames[0]));
    if (PartitionGetParent(relid) != InvalidOid)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot partition \"%s\": it is a partition", relname));
    /*
     * A PRIMARY KEY / UNIQUE constraint without the key columns stays a
     * constraint of the parent, enforced across partitions (a RustyDB
     * extension: executor/execPartition.c); each partition gets a local
     * unique index for it below.
     */

    /* the partitions: [MINVALUE, bound 0), [bound 0, bound 1), ... */
    foreach(lc, spec->partitions)
    {
        PartitionDef *pd = lfirst(lc);
        PartitionBoundSpec *bs = makeNode(PartitionBoundSpec);
        PartitionBoundData *bound;
        Oid         partid;

        bs->strategy = PARTITION_STRATEGY_RANGE;
        bs->location = pd->location;
        if (prev_upper == NIL)
        {
            for (int k = 0; k < key.nkeys; k++)
            {
                PartitionRangeDatum *d = makeNode(PartitionRangeDatum);

                d->kind = PARTITION_RANGE_DATUM_MINVALUE;
                d->location = pd->location;
                bs->lowerdatums = lappend(bs->lowerdatums, d);
            }
        }
        else
            bs->lowerdatums = prev_upper;
        bs->upperdatums = pd->upperdatums;
        prev_upper = bs->upperdatums;
        bound = PartitionBoundEvaluate(bs, &key, pd->name, query);
        partid = create_partition_relation(rel, pd->name, RelationGetNamespace(rel),
                                           RelationGetPersistence(rel));
        PartitionAttach(relid, partid, &key, bound);
        CommandCounterIncrement();
    }

    /* the table becomes the partitioned parent (same OID, name, columns, owner) */
    PartitionKeyStore(relid, &key);
    CommandCounterIncrement();
    desc = RelationGetPartitionDesc(relid);
    parts = palloc(sizeof(Relation) * Max(desc->nparts, 1));
    for (int i = 0; i < desc->nparts; i++)
        parts[i] = table_open(desc->oids[i], AccessExclusiveLock);
    move_rows(rel, desc, parts);
    for (int i = 0; i < desc->nparts; i++)
        table_close(parts[i], NoLock);
    foreach(lc, table_indexes(relid))
        make_index_partitioned(lfirst_oid(lc));
    CommandCounterIncrement();
    RelationDropStorageAtCommit(locator);
    RelationCloseSmgr(rel);
    HeapSpaceNoteDrop(relid, RELKIND_RELATION);
    UpdateClassRow(relid, make_partitioned, NULL);
    CommandCounterIncrement();
    CacheInvalidateRelation(relid);
}

/* ---------- ALTER TABLE ... ATTACH / DETACH PARTITION ---------- */

/*
 * check_same_columns -- part must have parent's columns at the same
 * attribute numbers (the planner and executor rely on it), with NOT NULL
 * where the parent has it.  PostgreSQL also accepts other column orders;
 * RustyDB does not yet (0A000).
 */
static void
check_same_columns(Relation parent, Relation part)
{
    TupleDesc   pd = RelationGetDescr(parent);
    TupleDesc   cd = RelationGetDescr(part);

    for (int i = 0; i < cd->natts; i++)
    {
        Attribute   ca = TupleDescAttr(cd, i);
        bool        found = false;

        if (ca->attisdropped)
            continue;
        for (int j = 0; j < pd->natts && !found; j++)
            found = !TupleDescAttr(pd, j)->attisdropped &&
                strcmp(NameStr(TupleDescAttr(pd, j)->attname), NameStr(ca->attname)) == 0;
        if (!found)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("table \"%s\" contains column \"%s\" not found in parent \"%s\"",
                           RelationGetRelationName(part), NameStr(ca->attname),
                           RelationGetRelationName(parent)),
                    errdetail("The new partition may contain only the columns present in parent."));
    }
    for (int j = 0; j < pd->natts; j++)
    {
        Attribute   pa = TupleDescAttr(pd, j);
        Attribute   ca = j < cd->natts ? TupleDescAttr(cd, j) : NULL;

        if (pa->attisdropped)
        {
            if (ca != NULL && !ca->attisdropped)
                ca = NULL;
            else
                continue;
        }
        if (ca == NULL || ca->attisdropped ||
            strcmp(NameStr(ca->attname), NameStr(pa->attname)) != 0)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("partition \"%s\" must have the columns of \"%s\" in the same order",
                           RelationGetRelationName(part), RelationGetRelationName(parent)),
                    errhint("Create it with CREATE TABLE ... PARTITION OF %s, or with the columns of \"%s\" in their order.",
                            RelationGetRelationName(parent), RelationGetRelationName(parent)));
        if (ca->atttypid != pa->atttypid || ca->atttypmod != pa->atttypmod)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("child table \"%s\" has different type for column \"%s\"",
                           RelationGetRelationName(part), NameStr(ca->attname)));
        if (pa->attnotnull && !ca->attnotnull)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("column \"%s\" in child table must be marked NOT NULL",
                           NameStr(ca->attname)));
    }
    if (cd->natts > pd->natts)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("partition \"%s\" must have the columns of \"%s\" in the same order",
                       RelationGetRelationName(part), RelationGetRelationName(parent)));
}

/* Every row of part must fit bound: 23514 as PostgreSQL. */
static void
check_rows_fit(Relation part, const PartitionKeyData *key, const PartitionBoundData *bound)
{
    if (some_row_in_bound(part, key, bound, false))
        ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                errmsg("partition constraint of relation \"%s\" is violated by some row",
                       RelationGetRelationName(part)));
}

/*
 * attach_constraints -- the parent's CHECK constraints must be on part
 * already (42804, as PostgreSQL); its FOREIGN KEYs are copied (and the
 * existing rows checked, 23503) and its PRIMARY KEY / UNIQUE constraints
 * get a copy with their own unique index (duplicates: 23505).
 */
static void
attach_constraints(Relation parent, Relation part)
{
    List       *mine = constraint_rows(RelationGetRelid(part));
    List       *theirs = constraint_rows(RelationGetRelid(parent));
    Relation    conrel;
    ListCell   *lc;
    bool        has_fk = false;

    foreach(lc, theirs)
    {
        FormData_pg_constraint *pc = lfirst(lc);
        ListCell   *mc;
        bool        found = false;

        if (pc->contype != 'c')
            continue;
        foreach(mc, mine)
        {
            FormData_pg_constraint *cc = lfirst(mc);

            found = found || (cc->contype == 'c' &&
                              strcmp(NameStr(cc->conname), NameStr(pc->conname)) == 0 &&
                              cc->conbin != NULL && pc->conbin != NULL &&
                              strcmp(cc->conbin, pc->conbin) == 0);
        }
        if (!found)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("child table is missing constraint \"%s\"", NameStr(pc->conname)));
    }
    conrel = table_open(ConstraintRelationId, RowExclusiveLock);
    foreach(lc, theirs)
    {
        FormData_pg_constraint row = *(FormData_pg_constraint *) lfirst(lc);

        if (row.contype != 'f' && row.contype != 'p' && row.contype != 'u')
            continue;
        row.oid = GetNewObjectId();
        row.conrelid = RelationGetRelid(part);
        row.conindid = InvalidOid;
        row.conislocal = false;
        row.coninhcount = 1;
        row.conparentid = ((FormData_pg_constraint *) lfirst(lc))->oid;
        if (row.contype == 'p')
            snprintf(row.conname.data, NAMEDATALEN, "%.*s_pkey", NAMEDATALEN - 6,
                     RelationGetRelationName(part));
        else if (row.contype == 'u')
        {
            StringInfoData name;

            initStringInfo(&name);
            appendStringInfoString(&name, RelationGetRelationName(part));
            for (int i = 0; i < row.conkey.n; i++)
                appendStringInfo(&name, "_%s",
                                 NameStr(TupleDescAttr(RelationGetDescr(part),
                                                       row.conkey.values[i] - 1)->attname));
            appendStringInfoString(&name, "_key");
            snprintf(row.conname.data, NAMEDATALEN, "%s", name.data);
        }
        has_fk = has_fk || row.contype == 'f';
        CatalogInsertRow(conrel, &row);
    }
    table_close(conrel, RowExclusiveLock);
    CommandCounterIncrement();
    if (has_fk)
        UpdateClassRow(RelationGetRelid(part), set_hastriggers, NULL);
    CommandCounterIncrement();
    IndexCreateForConstraints(RelationGetRelid(part));
    CacheInvalidateRelation(RelationGetRelid(part));
    CommandCounterIncrement();
    if (has_fk)
    {
        /* the rows already there must satisfy the foreign keys now theirs */
        Snapshot    snap = CopySnapshot(GetLatestSnapshot());
        TableScanDesc scan = heap_beginscan(part, snap);
        ExecFKState *fk = ExecFKBegin(part, CMD_INSERT);
        int         natts = RelationGetDescr(part)->natts;
        Datum      *values = palloc(sizeof(Datum) * Max(natts, 1));
        bool       *isnull = palloc(sizeof(bool) * Max(natts, 1));
        HeapTuple   tup;

        while (fk != NULL && (tup = heap_getnext(scan)) != NULL)
        {
            RelationDeformTuple(part, tup, values, isnull);
            ExecFKNoteRow(fk, NULL, NULL, values, isnull);
        }
        heap_endscan(scan);
        FreeSnapshot(snap);
        ExecFKEnd(fk);
    }
}

void
AttachPartition(Relation parent, RangeVar *partrv, PartitionBoundSpec *spec, const char *query)
{
    Relation    part;
    PartitionKeyData key;
    PartitionBoundData *bound;
    PartitionDesc desc;
    GlobalUniqueState *gu;

    if (parent->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("table \"%s\" is not partitioned", RelationGetRelationName(parent)));
    part = table_openrv(partrv, AccessExclusiveLock);
    if (part->rd_relkind == RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("sub-partitioning is not supported yet"));
    if (part->rd_relkind != RELKIND_RELATION)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not a table", RelationGetRelationName(part)));
    CheckOwnership(RelationGetOwner(part), "table", RelationGetRelationName(part));
    if (RelationGetRelid(part) == RelationGetRelid(parent))
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                errmsg("circular inheritance not allowed"),
                errdetail("\"%s\" is already a child of \"%s\".", RelationGetRelationName(part),
                          RelationGetRelationName(parent)));
    if (OidIsValid(PartitionGetParent(RelationGetRelid(part))))
        ereport(ERROR, errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                errmsg("\"%s\" is already a partition", RelationGetRelationName(part)));
    if ((RelationGetPersistence(part) == RELPERSISTENCE_TEMP) !=
        (RelationGetPersistence(parent) == RELPERSISTENCE_TEMP))
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot attach a %s relation as partition of %s relation \"%s\"",
                       RelationGetPersistence(part) == RELPERSISTENCE_TEMP ? "temporary" : "permanent",
                       RelationGetPersistence(part) == RELPERSISTENCE_TEMP ? "permanent" : "temporary",
                       RelationGetRelationName(parent)));
    gu = ExecGlobalUniqueBegin(RelationGetRelid(parent));
    if (gu != NULL)
    {
        ExecGlobalUniqueEnd(gu);
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot attach a partition to \"%s\": it has a unique constraint across partitions",
                       RelationGetRelationName(parent)),
                errhint("Create the partition with CREATE TABLE ... PARTITION OF instead."));
    }
    check_same_columns(parent, part);
    if (!PartitionKeyLoad(RelationGetRelid(parent), &key))
        elog(ERROR, "partition key of relation %u is missing", RelationGetRelid(parent));
    bound = PartitionBoundEvaluate(spec, &key, RelationGetRelationName(part), query);
    PartitionCheckNewBound(RelationGetRelid(parent), &key, bound, RelationGetRelationName(part),
                           query, bound_location(spec));
    if (!bound->is_default)
    {
        desc = RelationGetPartitionDesc(RelationGetRelid(parent));
        check_rows_fit(part, &key, bound);
        if (desc->default_index >= 0)
            check_default_rows(desc->oids[desc->default_index], &key, bound);
    }
    else
    {
        /* a new default partition takes only rows no other partition takes */
        desc = RelationGetPartitionDesc(RelationGetRelid(parent));
        for (int i = 0; i < desc->nparts; i++)
            if (some_row_in_bound(part, &key, desc->bounds[i], true))
                ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                        errmsg("partition constraint of relation \"%s\" is violated by some row",
                               RelationGetRelationName(part)));
    }
    attach_constraints(parent, part);
    clone_indexes(parent, RelationGetRelid(part));
    PartitionAttach(RelationGetRelid(parent), RelationGetRelid(part), &key, bound);
    CommandCounterIncrement();
    table_close(part, NoLock);
}

/* A detached partition's constraints and indexes become its own. */
static void
detach_constraints_and_indexes(Oid relid)
{
    Relation    conrel = table_open(ConstraintRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(conrel);
    FormData_pg_constraint row;
    ItemPointerData tid;
    Relation    inhrel;
    FormData_pg_inherits inh;
    List       *indexes = table_indexes(relid);

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.conrelid != relid)
            continue;
        row.conparentid = InvalidOid;
        row.conislocal = true;
        row.coninhcount = 0;
        CatalogUpdateRow(conrel, &tid, &row);
    }
    CatalogEndScan(scan);
    table_close(conrel, RowExclusiveLock);
    inhrel = table_open(InheritsRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(inhrel);
    while (CatalogGetNext(scan, &inh, &tid))
        if (list_member_oid(indexes, inh.inhrelid))
            CatalogDeleteRow(inhrel, &tid);
    CatalogEndScan(scan);
    table_close(inhrel, RowExclusiveLock);
}

static void
clear_ispartition(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relispartition = false;
}

void
DetachPartition(Relation parent, RangeVar *partrv, const char *option)
{
    Relation    part;
    ListCell   *lc;

    if (parent->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("table \"%s\" is not partitioned", RelationGetRelationName(parent)));
    if (option != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("DETACH PARTITION ... %s is not supported yet",
                       strcmp(option, "concurrently") == 0 ? "CONCURRENTLY" : "FINALIZE"));
    part = table_openrv(partrv, AccessExclusiveLock);
    if (PartitionGetParent(RelationGetRelid(part)) != RelationGetRelid(parent))
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation \"%s\" is not a partition of relation \"%s\"",
                       RelationGetRelationName(part), RelationGetRelationName(parent)));
    PartitionDetach(RelationGetRelid(parent), RelationGetRelid(part));
    detach_constraints_and_indexes(RelationGetRelid(part));
    foreach(lc, table_indexes(RelationGetRelid(part)))
        UpdateClassRow(lfirst_oid(lc), clear_ispartition, NULL);
    CacheInvalidateRelation(RelationGetRelid(part));
    CacheInvalidateRelation(RelationGetRelid(parent));
    CommandCounterIncrement();
    table_close(part, NoLock);
}
