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

/* A global constraint: the descriptor's definition and the hash function per column. */
typedef struct GlobalConstraint
{
    const PartitionGlobalUnique *def;
    RdbFunction hash[32];
} GlobalConstraint;

struct GlobalUniqueState
{
    Oid         parent;
    PartitionDesc desc;         /* the backend's cached descriptor (valid to transaction end) */
    List       *constraints;    /* GlobalConstraint */
    Relation   *rels;           /* per partition, opened on first probe */
    IndexInsertState **probes;  /* per partition, opened on first probe */
    LockTag     held[8];        /* tags locked by the last check, to release */
    int         nheld;
    MemoryContext mcxt;
};

GlobalUniqueState *
ExecGlobalUniqueBegin(Oid parent)
{
    PartitionDesc desc = RelationGetPartitionDesc(parent);
    GlobalUniqueState *st;
    MemoryContext old;
    Relation    prel;

    if (desc->nglobal == 0)
        return NULL;
    st = palloc0(sizeof(GlobalUniqueState));
    st->mcxt = MemoryContextCreate(CurrentMemoryContext, "global unique constraints");
    old = MemoryContextSwitchTo(st->mcxt);
    st->parent = parent;
    st->desc = desc;
    prel = table_open(parent, NoLock);
    for (int c = 0; c < desc->nglobal; c++)
    {
        GlobalConstraint *gc = palloc0(sizeof(GlobalConstraint));

        gc->def = &desc->global[c];
        for (int k = 0; k < gc->def->nkeys; k++)
        {
            gc->hash[k] = TypeHashFunction(TupleDescAttr(RelationGetDescr(prel),
                                                         gc->def->attnums[k] - 1)->atttypid);
            if (gc->hash[k] == NULL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("unique constraint \"%s\" across partitions needs hashable columns",
                               gc->def->conname));
        }
        st->constraints = lappend(st->constraints, gc);
    }
    table_close(prel, NoLock);
    st->rels = palloc0(sizeof(Relation) * Max(desc->nparts, 1));
    st->probes = palloc0(sizeof(IndexInsertState *) * Max(desc->nparts, 1));
    MemoryContextSwitchTo(old);
    return st;
}

static uint64
key_hash(const GlobalConstraint *gc, const Datum *values, const bool *isnull, bool *hasnull)
{
    uint64      h = gc->def->conoid;

    *hasnull = false;
    for (int k = 0; k < gc->def->nkeys; k++)
    {
        uint32      v;

        if (isnull[gc->def->attnums[k] - 1])
        {
            *hasnull = true;
            return 0;
        }
        v = DatumGetUInt32(DirectFunctionCall1(gc->hash[k], values[gc->def->attnums[k] - 1]));
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
    for (int k = 0; k < gc->def->nkeys; k++)
        appendStringInfo(&buf, "%s%s", k > 0 ? ", " : "",
                         NameStr(TupleDescAttr(desc, gc->def->attnums[k] - 1)->attname));
    appendStringInfoString(&buf, ")=(");
    for (int k = 0; k < gc->def->nkeys; k++)
    {
        Attribute   att = TupleDescAttr(desc, gc->def->attnums[k] - 1);

        appendStringInfo(&buf, "%s%s", k > 0 ? ", " : "",
                         OutputFunctionCall(att->atttypid, values[gc->def->attnums[k] - 1]));
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
        tag = (LockTag) {.db = MyDatabaseId, .rel = gc->def->conoid, .id = h,
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
            IndexInsertSetArbiters(probe, list_make1_oid(gc->def->part_index[i]));
            if (IndexInsertFindConflict(probe, values, isnull, &conflict))
                ereport(ERROR, errcode(ERRCODE_UNIQUE_VIOLATION),
                        errmsg("duplicate key value violates unique constraint \"%s\"",
                               gc->def->conname),
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
    pfree(st);
}
