/*
 * partdesc.c
 *     The catalog side of declarative partitioning: the partition key
 *     (pg_partitioned_table), the parent/partition links (pg_inherits,
 *     pg_class.relispartition/relpartbound), bounds evaluated from SQL
 *     (FOR VALUES ... of a statement, or the stored relpartbound text), and
 *     the partition descriptor of a partitioned table.
 * Entry points: PartitionKeyBuild(), PartitionKeyStore(), PartitionKeyLoad(),
 * PartitionKeyDrop(), PartitionBoundEvaluate(), PartitionCheckNewBound(),
 * PartitionAttach(), PartitionDetach(), PartitionGetParent(),
 * PartitionGetChildren(), RelationGetPartitionDesc(), PartitionBoundLoad().
 *
 * relpartbound holds PostgreSQL's text of the bound ("FOR VALUES FROM
 * ('2024-01-01') TO ('2025-01-01')"), which is what pg_get_expr shows; it
 * is read back by parsing it as the bound clause of a CREATE TABLE ...
 * PARTITION OF and evaluating the values for the key's column types, the
 * same path a user's statement takes (so stored and typed bounds can never
 * disagree).  See README.md in this directory.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "lib/stringinfo.h"
#include "nodes/nodeFuncs.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "partitioning/partition.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static const char *const system_column_names[] = {
    "tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"
};

static int
errpos(const char *query, int location)
{
    if (query == NULL || location < 0)
        return 0;
    return ParserErrorPosition(query, location);
}

static char
strategy_from_name(const char *name)
{
    if (strcmp(name, "range") == 0)
        return PARTITION_STRATEGY_RANGE;
    if (strcmp(name, "list") == 0)
        return PARTITION_STRATEGY_LIST;
    if (strcmp(name, "hash") == 0)
        return PARTITION_STRATEGY_HASH;
    ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
            errmsg("unrecognized partitioning strategy \"%s\"", name));
    return 0;                   /* not reached */
}

static void
key_column_types(PartitionKeyData *key, TupleDesc desc, int k)
{
    Attribute   att = TupleDescAttr(desc, key->attnums[k] - 1);

    key->typids[k] = att->atttypid;
    key->typmods[k] = att->atttypmod;
    key->colnames[k] = pstrdup(NameStr(att->attname));
    key->cmp[k] = TypeCompareFunction(att->atttypid);
    key->hash[k] = TypeHashFunction(att->atttypid);
}

void
PartitionKeyBuild(const PartitionSpec *spec, TupleDesc desc, const char *query,
                  PartitionKeyData *key)
{
    int         k = 0;
    ListCell   *lc;

    memset(key, 0, sizeof(*key));
    key->strategy = strategy_from_name(spec->strategy);
    if (key->strategy == PARTITION_STRATEGY_LIST && list_length(spec->partParams) > 1)
        ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                errmsg("cannot use \"list\" partition strategy with more than one column"));
    if (list_length(spec->partParams) > PARTITION_MAX_KEYS)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("cannot partition using more than %d columns", PARTITION_MAX_KEYS));
    foreach(lc, spec->partParams)
    {
        const PartitionElem *pe = lfirst(lc);
        int         attnum = 0;

        if (pe->name == NULL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("partition key expressions are not supported yet"),
                    errposition(errpos(query, pe->location)));
        for (size_t i = 0; i < lengthof(system_column_names); i++)
            if (strcmp(pe->name, system_column_names[i]) == 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                        errmsg("cannot use system column \"%s\" in partition key", pe->name),
                        errposition(errpos(query, pe->location)));
        for (int i = 0; i < desc->natts && attnum == 0; i++)
        {
            Attribute   att = TupleDescAttr(desc, i);

            if (!att->attisdropped && strcmp(NameStr(att->attname), pe->name) == 0)
                attnum = i + 1;
        }
        if (attnum == 0)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                    errmsg("column \"%s\" named in partition key does not exist", pe->name),
                    errposition(errpos(query, pe->location)));
        if (pe->collation != NIL || pe->opclass != NIL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("COLLATE and operator classes in a partition key are not supported yet"),
                    errposition(errpos(query, pe->location)));
        key->attnums[k] = (int16) attnum;
        key_column_types(key, desc, k);
        if (key->strategy == PARTITION_STRATEGY_HASH ? key->hash[k] == NULL : key->cmp[k] == NULL)
        {
            const char *am = key->strategy == PARTITION_STRATEGY_HASH ? "hash" : "btree";

            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("data type %s has no default operator class for access method \"%s\"",
                           FormatTypeWithTypmod(key->typids[k], -1), am),
                    errhint("You must specify a %s operator class or define a default %s "
                            "operator class for the data type.", am, am));
        }
        k++;
    }
    key->nkeys = k;
}

/* ---------- pg_partitioned_table ---------- */

void
PartitionKeyStore(Oid relid, const PartitionKeyData *key)
{
    FormData_pg_partitioned_table row;
    Relation    rel;

    memset(&row, 0, sizeof(row));
    row.partrelid = relid;
    row.partstrat = key->strategy;
    row.partnatts = (int16) key->nkeys;
    row.partdefid = InvalidOid;
    row.partattrs.n = key->nkeys;
    for (int k = 0; k < key->nkeys; k++)
        row.partattrs.values[k] = key->attnums[k];
    row.partexprs = NULL;
    rel = table_open(PartitionedRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(relid);
}

static bool
key_row_get(Oid relid, FormData_pg_partitioned_table *row, ItemPointer tid)
{
    Relation    rel = table_open(PartitionedRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "partrelid", &relid);
    bool        found = false;

    while (!found && CatalogGetNext(scan, row, tid))
        found = row->partrelid == relid;
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

bool
PartitionKeyLoad(Oid relid, PartitionKeyData *key)
{
    FormData_pg_partitioned_table row;
    Relation    rel;

    if (!key_row_get(relid, &row, NULL))
        return false;
    memset(key, 0, sizeof(*key));
    key->strategy = row.partstrat;
    key->nkeys = row.partnatts;
    rel = table_open(relid, NoLock);
    for (int k = 0; k < key->nkeys; k++)
    {
        key->attnums[k] = row.partattrs.values[k];
        key_column_types(key, RelationGetDescr(rel), k);
    }
    table_close(rel, NoLock);
    return true;
}

void
PartitionKeyDrop(Oid parent)
{
    Relation    rel = table_open(PartitionedRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "partrelid", &parent);
    FormData_pg_partitioned_table row;
    ItemPointerData tid;

    while (CatalogGetNext(scan, &row, &tid))
        if (row.partrelid == parent)
            CatalogDeleteRow(rel, &tid);
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
}

static void
set_default_partition(Oid parent, Oid defid)
{
    FormData_pg_partitioned_table row;
    ItemPointerData tid;
    Relation    rel;

    if (!key_row_get(parent, &row, &tid))
        elog(ERROR, "partition key of relation %u is missing", parent);
    row.partdefid = defid;
    rel = table_open(PartitionedRelationId, RowExclusiveLock);
    CatalogUpdateRow(rel, &tid, &row);
    table_close(rel, RowExclusiveLock);
}

/* ---------- bounds from SQL ---------- */

static Datum
evaluate_value(Node *raw, int location, const char *query, const PartitionKeyData *key, int k,
               bool *isnull)
{
    Node       *expr = AnalyzePartitionBoundValue(raw, location, query, key->typids[k],
                                                  key->typmods[k], key->colnames[k]);
    EState     *estate = CreateExecutorState();
    ExprContext *econtext = CreateExprContext(estate);
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    ExprState  *state = ExecInitExpr(expr, NULL);
    Datum       value;
    int16       len;
    bool        byval;
    char        align;

    MemoryContextSwitchTo(old);
    value = ExecEvalExprSwitchContext(state, econtext, isnull);
    TypeGetLenByvalAlign(key->typids[k], &len, &byval, &align);
    if (!*isnull)
        value = datumCopy(value, byval, len);
    FreeExecutorState(estate);
    return value;
}

void
PartitionRangeSideEvaluate(const List *datums, const PartitionKeyData *key, const char *query,
                           const char *which, PartitionRangeDatumKind *kinds, Datum *values,
                           int location)
{
    int         k = 0;
    ListCell   *lc;

    if (list_length(datums) != key->nkeys)
        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                errmsg("%s must specify exactly one value per partitioning column", which),
                errposition(errpos(query, location)));
    foreach(lc, datums)
    {
        const PartitionRangeDatum *d = lfirst(lc);

        kinds[k] = d->kind;
        values[k] = 0;
        if (d->kind == PARTITION_RANGE_DATUM_VALUE)
        {
            bool        isnull;

            values[k] = evaluate_value(d->value, d->location, query, key, k, &isnull);
            if (isnull)
                ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                        errmsg("cannot specify NULL in range bound"));
        }
        if (k > 0 && kinds[k - 1] != PARTITION_RANGE_DATUM_VALUE && kinds[k] != kinds[k - 1])
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("every bound following %s must also be %s",
                           kinds[k - 1] == PARTITION_RANGE_DATUM_MAXVALUE ? "MAXVALUE" : "MINVALUE",
                           kinds[k - 1] == PARTITION_RANGE_DATUM_MAXVALUE ? "MAXVALUE" : "MINVALUE"),
                    errposition(errpos(query, d->location)));
        k++;
    }
}

PartitionBoundData *
PartitionBoundEvaluate(const PartitionBoundSpec *spec, const PartitionKeyData *key,
                       const char *partname, const char *query)
{
    PartitionBoundData *b = palloc0(sizeof(PartitionBoundData));
    ListCell   *lc;

    b->strategy = key->strategy;
    if (spec->is_default)
    {
        if (key->strategy == PARTITION_STRATEGY_HASH)
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("a hash-partitioned table may not have a default partition"));
        b->is_default = true;
        return b;
    }
    if (spec->strategy != key->strategy)
        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                errmsg("invalid bound specification for a %s partition",
                       key->strategy == PARTITION_STRATEGY_RANGE ? "range" :
                       key->strategy == PARTITION_STRATEGY_LIST ? "list" : "hash"),
                errposition(errpos(query, spec->location)));
    switch (key->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            PartitionRangeSideEvaluate(spec->lowerdatums, key, query, "FROM", b->lokind, b->lo,
                                       spec->location);
            PartitionRangeSideEvaluate(spec->upperdatums, key, query, "TO", b->hikind, b->hi,
                                       spec->location);
            if (PartitionRangeCompare(key, b->lokind, b->lo, b->hikind, b->hi) >= 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                        errmsg("empty range bound specified for partition \"%s\"", partname),
                        errdetail("Specified lower bound %s is greater than or equal to upper bound %s.",
                                  PartitionRangeDatumsDeparse(key, b->lokind, b->lo),
                                  PartitionRangeDatumsDeparse(key, b->hikind, b->hi)),
                        errposition(errpos(query,
                                           ((PartitionRangeDatum *) linitial(spec->lowerdatums))->location)));
            break;
        case PARTITION_STRATEGY_LIST:
            b->values = palloc(sizeof(Datum) * Max(list_length(spec->listdatums), 1));
            foreach(lc, spec->listdatums)
            {
                bool        isnull;
                Datum       v = evaluate_value(lfirst(lc), exprLocation(lfirst(lc)), query, key, 0,
                                               &isnull);
                bool        dup = false;

                if (isnull)
                {
                    b->has_null = true;
                    continue;
                }
                for (int i = 0; i < b->nvalues && !dup; i++)
                    dup = DatumGetInt32(DirectFunctionCall2(key->cmp[0], b->values[i], v)) == 0;
                if (!dup)
                    b->values[b->nvalues++] = v;
            }
            break;
        case PARTITION_STRATEGY_HASH:
            if (spec->modulus <= 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("modulus for hash partition must be an integer value greater than zero"));
            if (spec->remainder < 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("remainder for hash partition must be an integer value greater than or equal to zero"));
            if (spec->remainder >= spec->modulus)
                ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("remainder for hash partition must be less than modulus"));
            b->modulus = spec->modulus;
            b->remainder = spec->remainder;
            break;
    }
    return b;
}

void
PartitionCheckNewBound(Oid parent, const PartitionKeyData *key, const PartitionBoundData *bound,
                       const char *partname, const char *query, int location)
{
    PartitionDesc desc = RelationGetPartitionDesc(parent);

    for (int i = 0; i < desc->nparts; i++)
    {
        const PartitionBoundData *other = desc->bounds[i];
        char       *othername;

        if (bound->is_default && other->is_default)
        {
            othername = RelationNameById(desc->oids[i]);
            ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                    errmsg("partition \"%s\" conflicts with existing default partition \"%s\"",
                           partname, othername),
                    errposition(errpos(query, location)));
        }
        if (key->strategy == PARTITION_STRATEGY_HASH && !bound->is_default)
        {
            int         lo = Min(bound->modulus, other->modulus);
            int         hi = Max(bound->modulus, other->modulus);

            if (hi % lo != 0)
                ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                        errmsg("every hash partition modulus must be a factor of the next larger modulus"),
                        errposition(errpos(query, location)));
        }
        if (!bound->is_default && !other->is_default &&
            PartitionBoundsOverlap(key, bound, other))
        {
            othername = RelationNameById(desc->oids[i]);
            ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                    errmsg("partition \"%s\" would overlap partition \"%s\"", partname, othername),
                    errposition(errpos(query, location)));
        }
    }
}

PartitionBoundData *
PartitionBoundLoad(Oid relid, const PartitionKeyData *key)
{
    FormData_pg_class row;
    StringInfoData sql;
    List       *stmts;
    CreateStmt *cs;

    if (!RelationClassRowById(relid, &row) || row.relpartbound == NULL)
        return NULL;
    initStringInfo(&sql);
    appendStringInfo(&sql, "CREATE TABLE p PARTITION OF t %s", row.relpartbound);
    stmts = RawParser(sql.data);
    cs = (CreateStmt *) ((RawStmt *) linitial(stmts))->stmt;
    if (!IsA(cs, CreateStmt) || cs->partbound == NULL)
        elog(ERROR, "malformed relpartbound of relation %u: %s", relid, row.relpartbound);
    return PartitionBoundEvaluate(cs->partbound, key, NameStr(row.relname), sql.data);
}

/* ---------- pg_inherits and pg_class ---------- */

static void
update_class_row(Oid relid, bool ispartition, const char *bound)
{
    Relation    rel = table_open(RelationRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &relid);
    FormData_pg_class row;
    ItemPointerData tid;
    bool        found = false;

    while (!found && CatalogGetNext(scan, &row, &tid))
        found = row.oid == relid;
    CatalogEndScan(scan);
    if (!found)
        elog(ERROR, "cache lookup failed for relation %u", relid);
    row.relispartition = ispartition;
    row.relpartbound = (char *) bound;
    CatalogUpdateRow(rel, &tid, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(relid);
}

void
PartitionAttach(Oid parent, Oid relid, const PartitionKeyData *key,
                const PartitionBoundData *bound)
{
    FormData_pg_inherits inh;
    Relation    rel;

    memset(&inh, 0, sizeof(inh));
    inh.inhrelid = relid;
    inh.inhparent = parent;
    inh.inhseqno = 1;
    inh.inhdetachpending = false;
    rel = table_open(InheritsRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &inh);
    table_close(rel, RowExclusiveLock);
    update_class_row(relid, true, PartitionBoundDeparse(key, bound));
    if (bound->is_default)
        set_default_partition(parent, relid);
    CacheInvalidateRelation(parent);
}

void
PartitionIndexLink(Oid childidx, Oid parentidx)
{
    FormData_pg_inherits inh;
    Relation    rel;

    memset(&inh, 0, sizeof(inh));
    inh.inhrelid = childidx;
    inh.inhparent = parentidx;
    inh.inhseqno = 1;
    rel = table_open(InheritsRelationId, RowExclusiveLock);
    CatalogInsertRow(rel, &inh);
    table_close(rel, RowExclusiveLock);
    update_class_row(childidx, true, NULL);     /* relispartition, as PostgreSQL */
}

void
PartitionDetach(Oid parent, Oid relid)
{
    Relation    rel = table_open(InheritsRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_inherits inh;
    ItemPointerData tid;
    FormData_pg_partitioned_table krow;

    while (CatalogGetNext(scan, &inh, &tid))
        if (inh.inhrelid == relid)
            CatalogDeleteRow(rel, &tid);
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    update_class_row(relid, false, NULL);
    if (key_row_get(parent, &krow, NULL) && krow.partdefid == relid)
        set_default_partition(parent, InvalidOid);
    CacheInvalidateRelation(parent);
}

Oid
PartitionGetParent(Oid relid)
{
    Relation    rel = table_open(InheritsRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "inhrelid", &relid);
    FormData_pg_inherits inh;
    Oid         parent = InvalidOid;

    while (!OidIsValid(parent) && CatalogGetNext(scan, &inh, NULL))
        if (inh.inhrelid == relid)
            parent = inh.inhparent;
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return parent;
}

static int
cmp_oid(const void *a, const void *b)
{
    Oid         x = *(const Oid *) a;
    Oid         y = *(const Oid *) b;

    return x < y ? -1 : x > y;
}

List *
PartitionGetChildren(Oid parent)
{
    Relation    rel = table_open(InheritsRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "inhparent", &parent);
    FormData_pg_inherits inh;
    Oid        *oids = NULL;
    int         n = 0;
    int         cap = 0;
    List       *result = NIL;

    while (CatalogGetNext(scan, &inh, NULL))
    {
        if (inh.inhparent != parent)
            continue;
        if (n == cap)
        {
            cap = cap == 0 ? 16 : cap * 2;
            oids = oids == NULL ? palloc(sizeof(Oid) * cap) : repalloc(oids, sizeof(Oid) * cap);
        }
        oids[n++] = inh.inhrelid;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (n > 0)
        qsort(oids, n, sizeof(Oid), cmp_oid);
    for (int i = 0; i < n; i++)
        result = lappend_oid(result, oids[i]);
    return result;
}

/*
 * The descriptor cache: one entry per partitioned table, each in its own
 * memory context, valid while CacheInvalidationCounter() has the value it
 * was built under.  A replaced entry's context is not freed at once -- a
 * caller of this transaction may still hold its descriptor (a plan being
 * executed, a ModifyTable's routing state) -- but at transaction end.
 */
typedef struct DescCacheEntry
{
    Oid         parent;
    uint64      counter;
    MemoryContext mcxt;
    PartitionDesc desc;
    struct DescCacheEntry *next;
} DescCacheEntry;

static DescCacheEntry *desc_cache = NULL;
static List *stale_desc_contexts = NIL;     /* in TopMemoryContext */
static bool desc_callback_registered = false;

static void
free_stale_descs(XactEvent event, void *arg)
{
    ListCell   *lc;

    (void) arg;
    if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT)
        return;
    foreach(lc, stale_desc_contexts)
        MemoryContextDelete((MemoryContext) lfirst(lc));
    list_free(stale_desc_contexts);
    stale_desc_contexts = NIL;
}

static PartitionDesc build_partition_desc(Oid parent);

PartitionDesc
RelationGetPartitionDesc(Oid parent)
{
    DescCacheEntry *e;
    MemoryContext old;
    MemoryContext mcxt;
    PartitionDesc desc;
    uint64      counter;

    AcceptInvalidationMessages();
    counter = CacheInvalidationCounter();
    for (e = desc_cache; e != NULL; e = e->next)
        if (e->parent == parent)
            break;
    if (e != NULL && e->counter == counter)
        return e->desc;
    if (!desc_callback_registered)
    {
        RegisterXactCallback(free_stale_descs, NULL);
        desc_callback_registered = true;
    }
    /* build in a fresh context: an error leaves the old entry as it was */
    mcxt = MemoryContextCreate(TopMemoryContext, "partition descriptor");
    old = MemoryContextSwitchTo(mcxt);
    RDB_TRY();
    {
        desc = build_partition_desc(parent);
    }
    RDB_CATCH();
    {
        MemoryContextSwitchTo(old);
        MemoryContextDelete(mcxt);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    MemoryContextSwitchTo(TopMemoryContext);
    if (e == NULL)
    {
        e = palloc0(sizeof(DescCacheEntry));
        e->parent = parent;
        e->next = desc_cache;
        desc_cache = e;
    }
    else
        stale_desc_contexts = lappend(stale_desc_contexts, e->mcxt);
    e->mcxt = mcxt;
    e->desc = desc;
    e->counter = counter;
    MemoryContextSwitchTo(old);
    return desc;
}

static bool
covers_key(const FormData_pg_constraint *con, const PartitionKeyData *key)
{
    for (int k = 0; k < key->nkeys; k++)
    {
        bool        found = false;

        for (int i = 0; i < con->conkey.n; i++)
            found = found || con->conkey.values[i] == key->attnums[k];
        if (!found)
            return false;
    }
    return true;
}

/*
 * load_global_uniques -- the PRIMARY KEY / UNIQUE constraints of desc's
 * table that lack a key column, each with the unique index of every
 * partition's copy (pg_constraint.conparentid).
 */
static void
load_global_uniques(PartitionDesc desc)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;
    List       *mine = NIL;
    List       *children = NIL;
    ListCell   *lc;
    int         n = 0;

    while (CatalogGetNext(scan, &row, NULL))
    {
        FormData_pg_constraint *copy;

        if (row.contype != 'p' && row.contype != 'u')
            continue;
        if (row.conrelid != desc->parent && !OidIsValid(row.conparentid))
            continue;
        copy = palloc(sizeof(row));
        *copy = row;
        if (row.conrelid == desc->parent)
        {
            if (!covers_key(copy, &desc->key))
                mine = lappend(mine, copy);
        }
        else
            children = lappend(children, copy);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    desc->nglobal = list_length(mine);
    desc->global = palloc0(sizeof(PartitionGlobalUnique) * Max(desc->nglobal, 1));
    foreach(lc, mine)
    {
        FormData_pg_constraint *con = lfirst(lc);
        PartitionGlobalUnique *g = &desc->global[n++];
        ListCell   *cc;

        g->conoid = con->oid;
        memcpy(g->conname, NameStr(con->conname), NAMEDATALEN);
        g->nkeys = Min(con->conkey.n, (int) lengthof(g->attnums));
        memcpy(g->attnums, con->conkey.values, sizeof(int16) * g->nkeys);
        g->part_index = palloc0(sizeof(Oid) * Max(desc->nparts, 1));
        foreach(cc, children)
        {
            FormData_pg_constraint *child = lfirst(cc);

            if (child->conparentid != con->oid)
                continue;
            for (int i = 0; i < desc->nparts; i++)
                if (desc->oids[i] == child->conrelid)
                    g->part_index[i] = child->conindid;
        }
        for (int i = 0; i < desc->nparts; i++)
            if (!OidIsValid(g->part_index[i]))
                elog(ERROR, "partition %u has no index for unique constraint \"%s\"",
                     desc->oids[i], g->conname);
    }
}

/* The descriptor read from the catalogs, allocated in CurrentMemoryContext. */
static PartitionDesc
build_partition_desc(Oid parent)
{
    PartitionDesc desc = palloc0(sizeof(PartitionDescData));
    List       *children;
    ListCell   *lc;
    int         i = 0;

    desc->parent = parent;
    desc->default_index = -1;
    if (!PartitionKeyLoad(parent, &desc->key))
        elog(ERROR, "relation %u is not partitioned", parent);
    children = PartitionGetChildren(parent);
    desc->nparts = list_length(children);
    desc->oids = palloc(sizeof(Oid) * Max(desc->nparts, 1));
    desc->bounds = palloc(sizeof(PartitionBoundData *) * Max(desc->nparts, 1));
    foreach(lc, children)
    {
        desc->oids[i] = lfirst_oid(lc);
        desc->bounds[i] = PartitionBoundLoad(desc->oids[i], &desc->key);
        if (desc->bounds[i] == NULL)
            elog(ERROR, "partition %u has no bound", desc->oids[i]);
        if (desc->bounds[i]->is_default)
            desc->default_index = i;
        i++;
    }
    load_global_uniques(desc);
    return desc;
}
