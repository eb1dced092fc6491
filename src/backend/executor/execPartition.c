/*
 * execPartition.c
 *     Global unique constraints of partitioned tables (a RustyDB
 *     extension): a PRIMARY KEY / UNIQUE constraint of a partitioned table
 *     that does not contain every partition key column -- which PostgreSQL
 *     refuses, and which only ALTER TABLE ... PARTITION BY creates, keeping
 *     the converted table's key -- is enforced across all partitions.
 * Entry points: ExecGlobalUniqueBegin(), ExecGlobalUniqueCheck(),
 * ExecGlobalUniqueRelease(), ExecGlobalUniqueEnd().
 *
 * Each partition enforces the constraint locally with its own unique index
 * (commands/partcmds.c gives it one, with conparentid naming the parent's
 * constraint).  Before a row version with key K (no NULL in it) is written
 * into partition P:
 *   1. take a heavyweight lock, ExclusiveLock, on tag (LOCKTAG_UNIQUE_KEY,
 *      database, constraint, 64-bit hash of K);
 *   2. look K up in the constraint's index of every other partition under
 *      a dirty snapshot (access/genam.h IndexInsertFindConflict): a version
 *      that is live (committed, or this transaction's) is a duplicate,
 *      23505 with PostgreSQL's message and detail naming the parent's
 *      constraint; a version another running transaction inserted or
 *      deleted is waited for (its transaction lock), then K is looked up
 *      again;
 *   3. the caller writes the heap tuple and its index entries, then
 *      releases the lock (ExecGlobalUniqueRelease).
 * Why this is enough: two writers of K into different partitions are
 * serialized by the lock on K; the second looks K up only after the first
 * has its index entry, sees that version (in progress or committed) and,
 * waiting for its transaction when needed, gets 23505 exactly when the
 * first one committed.  Two writers into the same partition meet in its
 * unique index as usual.  The lock is held only around the write, not to
 * transaction end: an in-progress version is found by the lookup itself,
 * and a lock per written key kept to commit would overflow the lock table
 * (64 entries per process) on any bulk insert.  Hash collisions between
 * different keys only make their writers take turns.  A transaction that
 * writes K twice while another waits for it may deadlock (40P01), as it
 * would have produced a duplicate anyway.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "partitioning/partition.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* One global constraint of the partitioned table. */
typedef struct GlobalConstraint
{
    Oid         conoid;
    char        conname[NAMEDATALEN];
    int         nkeys;
    int16       attnums[INDEX_MAX_KEYS];
    RdbFunction hash[INDEX_MAX_KEYS];
    Oid        *part_index;     /* per partition of desc: its index for the constraint */
} GlobalConstraint;

struct GlobalUniqueState
{
    Oid         parent;
    PartitionDesc desc;
    List       *constraints;    /* GlobalConstraint */
    Relation   *rels;           /* per partition, opened on first probe */
    IndexInsertState **probes;  /* per partition, opened on first probe */
    LockTag     held[8];        /* tags locked by the last check, to release */
    int         nheld;
    MemoryContext mcxt;
};

/* The pg_constraint rows of relid. */
static List *
constraints_of(Oid relid)
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

GlobalUniqueState *
ExecGlobalUniqueBegin(Oid parent)
{
    GlobalUniqueState *st;
    List       *cons;
    ListCell   *lc;
    MemoryContext old;
    MemoryContext mcxt;

    cons = constraints_of(parent);
    foreach(lc, cons)
    {
        FormData_pg_constraint *con = lfirst(lc);

        if (con->contype == 'p' || con->contype == 'u')
            break;
    }
    if (lc == NULL)
        return NULL;            /* cheap exit: no unique constraint at all */
    mcxt = MemoryContextCreate(CurrentMemoryContext, "global unique constraints");
    old = MemoryContextSwitchTo(mcxt);
    st = palloc0(sizeof(GlobalUniqueState));
    st->parent = parent;
    st->mcxt = mcxt;
    st->desc = RelationGetPartitionDesc(parent);
    foreach(lc, cons)
    {
        FormData_pg_constraint *con = lfirst(lc);
        GlobalConstraint *gc;
        List       *parts_cons = NIL;

        if ((con->contype != 'p' && con->contype != 'u') || covers_key(con, &st->desc->key))
            continue;
        gc = palloc0(sizeof(GlobalConstraint));
        gc->conoid = con->oid;
        memcpy(gc->conname, NameStr(con->conname), NAMEDATALEN);
        gc->nkeys = con->conkey.n;
        gc->part_index = palloc0(sizeof(Oid) * Max(st->desc->nparts, 1));
        for (int k = 0; k < gc->nkeys; k++)
        {
            Relation    prel = table_open(parent, NoLock);

            gc->attnums[k] = con->conkey.values[k];
            gc->hash[k] = TypeHashFunction(TupleDescAttr(RelationGetDescr(prel),
                                                         gc->attnums[k] - 1)->atttypid);
            table_close(prel, NoLock);
            if (gc->hash[k] == NULL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("unique constraint \"%s\" across partitions needs hashable columns",
                               gc->conname));
        }
        for (int i = 0; i < st->desc->nparts; i++)
        {
            ListCell   *pc;

            parts_cons = constraints_of(st->desc->oids[i]);
            foreach(pc, parts_cons)
            {
                FormData_pg_constraint *child = lfirst(pc);

                if (child->conparentid == con->oid && OidIsValid(child->conindid))
                    gc->part_index[i] = child->conindid;
            }
            if (!OidIsValid(gc->part_index[i]))
                elog(ERROR, "partition %u has no index for unique constraint \"%s\"",
                     st->desc->oids[i], gc->conname);
        }
        st->constraints = lappend(st->constraints, gc);
    }
    if (st->constraints == NIL)
    {
        MemoryContextSwitchTo(old);
        MemoryContextDelete(mcxt);
        return NULL;
    }
    st->rels = palloc0(sizeof(Relation) * Max(st->desc->nparts, 1));
    st->probes = palloc0(sizeof(IndexInsertState *) * Max(st->desc->nparts, 1));
    MemoryContextSwitchTo(old);
    return st;
}

static uint64
key_hash(const GlobalConstraint *gc, const Datum *values, const bool *isnull, bool *hasnull)
{
    uint64      h = gc->conoid;

    *hasnull = false;
    for (int k = 0; k < gc->nkeys; k++)
    {
        uint32      v;

        if (isnull[gc->attnums[k] - 1])
        {
            *hasnull = true;
            return 0;
        }
        v = DatumGetUInt32(DirectFunctionCall1(gc->hash[k], values[gc->attnums[k] - 1]));
        h ^= (uint64) v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
    }
    return h;
}

static char *
key_detail(const GlobalConstraint *gc, Relation rel, const Datum *values)
{
    StringInfoData buf;
    TupleDesc   desc = RelationGetDescr(rel);

    initStringInfo(&buf);
    appendStringInfoString(&buf, "Key (");
    for (int k = 0; k < gc->nkeys; k++)
        appendStringInfo(&buf, "%s%s", k > 0 ? ", " : "",
                         NameStr(TupleDescAttr(desc, gc->attnums[k] - 1)->attname));
    appendStringInfoString(&buf, ")=(");
    for (int k = 0; k < gc->nkeys; k++)
    {
        Attribute   att = TupleDescAttr(desc, gc->attnums[k] - 1);

        appendStringInfo(&buf, "%s%s", k > 0 ? ", " : "",
                         OutputFunctionCall(att->atttypid, values[gc->attnums[k] - 1]));
    }
    appendStringInfoString(&buf, ") already exists.");
    return buf.data;
}

static IndexInsertState *
probe_state(GlobalUniqueState *st, int i)
{
    if (st->probes[i] == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(st->mcxt);

        st->rels[i] = table_open(st->desc->oids[i], RowExclusiveLock);
        st->probes[i] = IndexInsertBegin(st->rels[i]);
        MemoryContextSwitchTo(old);
    }
    return st->probes[i];
}

void
ExecGlobalUniqueCheck(GlobalUniqueState *st, Oid partoid, bool new_row, const Datum *values,
                      const bool *isnull)
{
    ListCell   *lc;

    ExecGlobalUniqueRelease(st);
    foreach(lc, st->constraints)
    {
        GlobalConstraint *gc = lfirst(lc);
        bool        hasnull;
        uint64      h = key_hash(gc, values, isnull, &hasnull);
        LockTag     tag;

        if (hasnull)
            continue;           /* NULLs are never equal */
        tag = (LockTag) {.db = MyDatabaseId, .rel = gc->conoid, .id = h,
                         .type = LOCKTAG_UNIQUE_KEY};
        LockAcquire(&tag, ExclusiveLock, false);
        if (st->nheld < (int) lengthof(st->held))
            st->held[st->nheld++] = tag;
        for (int i = 0; i < st->desc->nparts; i++)
        {
            IndexInsertState *probe;
            ItemPointerData conflict;

            /*
             * The partition's own unique index checks it too, naming the
             * partition's constraint; a new row is looked up there first so
             * that a duplicate names the table's constraint wherever it is.
             * An updated row's old version is in its own partition.
             */
            if (st->desc->oids[i] == partoid && !new_row)
                continue;
            probe = probe_state(st, i);
            IndexInsertSetArbiters(probe, list_make1_oid(gc->part_index[i]));
            if (IndexInsertFindConflict(probe, values, isnull, &conflict))
                ereport(ERROR, errcode(ERRCODE_UNIQUE_VIOLATION),
                        errmsg("duplicate key value violates unique constraint \"%s\"",
                               gc->conname),
                        errdetail("%s", key_detail(gc, st->rels[i], values)));
        }
    }
}

void
ExecGlobalUniqueRelease(GlobalUniqueState *st)
{
    if (st == NULL)
        return;
    for (int i = 0; i < st->nheld; i++)
        LockRelease(&st->held[i], ExclusiveLock);
    st->nheld = 0;
}

void
ExecGlobalUniqueEnd(GlobalUniqueState *st)
{
    if (st == NULL)
        return;
    ExecGlobalUniqueRelease(st);
    for (int i = 0; i < st->desc->nparts; i++)
    {
        if (st->probes[i] != NULL)
            IndexInsertEnd(st->probes[i]);
        if (st->rels[i] != NULL)
            table_close(st->rels[i], NoLock);
    }
    MemoryContextDelete(st->mcxt);
}
