/*
 * indexcmds.c
 *     Index DDL: CREATE INDEX (plain and CONCURRENTLY), DROP INDEX, REINDEX
 *     (plain and CONCURRENTLY), and the SQL function rustydb_verify_index.
 * Entry points: ExecIndexStmt(), ExecDropIndex(), ExecReindexStmt(),
 * rustydb_verify_index(), rustydb_verify_index_full().
 * The phases of the concurrent forms and their failure behaviour are in
 * src/backend/access/nbtree/README.md ("Concurrent DDL").
 */
#include "rustydb.h"

#include <stdlib.h>

#include "../catalog/builtin_protos.h"
#include "access/genam.h"
#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/indexcmds.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "commands_int.h"
#include "miscadmin.h"
#include "partitioning/partition.h"
#include "nodes/nodeFuncs.h"
#include "parser/analyze.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* ---------- helpers ---------- */

/*
 * Waiting for other transactions between the phases of the concurrent
 * forms, as PostgreSQL does (there with virtual transaction ids; here a
 * transaction is identified by its backend's proc slot, pid and xmin):
 *
 * wait_for_lockers(relid, mode) -- every transaction that holds, right now,
 * a lock on the table conflicting with mode (ShareLock: the writers, which
 * may have opened the table before they could know of the index) has
 * ended.  wait_for_old_snapshots(limit) -- every transaction whose
 * snapshots' horizon (PGPROC.xmin, set at its first snapshot and kept to
 * its end) is not newer than limit has ended (equal counts: a snapshot
 * taken before the one that gave limit can have the same xmin, as in
 * PostgreSQL's wait): read-only ones included, since
 * such a snapshot must not use an index that lacks rows it can see.
 *
 * A transaction with an xid is waited for on its transaction lock
 * (XactLockTableWait: visible in pg_locks, deadlocks detected); one without
 * is polled every 10 ms until its slot's pid or xmin changes (or, if it has
 * no snapshot either, until it no longer holds the lock).  Either way the
 * wait answers cancel and statement_timeout.  Callers wait before taking
 * any snapshot or lock in their transaction, so two concurrent builds do
 * not wait for each other.
 */
typedef struct WaitTarget
{
    PGPROC     *proc;
    pid_t       pid;
    TransactionId xmin;
} WaitTarget;

static bool
holds_conflicting_lock(pid_t pid, Oid relid, LOCKMODE mode)
{
    int         n;
    LockStatusRow *rows = LockGetStatus(&n);
    bool        found = false;

    for (int i = 0; i < n && !found; i++)
        if (rows[i].pid == pid && rows[i].granted && rows[i].tag.type == LOCKTAG_RELATION &&
            rows[i].tag.db == MyDatabaseId && rows[i].tag.rel == relid &&
            LockModesConflict(rows[i].mode, mode))
            found = true;
    pfree(rows);
    return found;
}

/* Wait until the transaction target->proc ran when the target was taken has ended. */
static void
wait_for_target(const WaitTarget *t, Oid relid, LOCKMODE mode)
{
    for (;;)
    {
        TransactionId xid;

        CHECK_FOR_INTERRUPTS();
        if (!atomic_load(&t->proc->in_use) || t->proc->pid != t->pid)
            return;
        xid = (TransactionId) atomic_load(&t->proc->xid);
        if (TransactionIdIsNormal(xid))
        {
            XactLockTableWait(xid);
            return;
        }
        if (t->xmin != InvalidTransactionId)
        {
            if ((TransactionId) atomic_load(&t->proc->xmin) != t->xmin)
                return;
        }
        else if (!OidIsValid(relid) || !holds_conflicting_lock(t->pid, relid, mode))
            return;
        ProcSetWait(PROC_WAIT_TIMEOUT, 0);
        SleepMs(10);
        ProcSetWait(PROC_WAIT_NONE, 0);
    }
}

static void
wait_for_targets(WaitTarget *targets, int n, Oid relid, LOCKMODE mode)
{
    for (int i = 0; i < n; i++)
        wait_for_target(&targets[i], relid, mode);
}

static void
wait_for_lockers(Oid relid, LOCKMODE mode)
{
    int         nrows;
    LockStatusRow *rows = LockGetStatus(&nrows);
    WaitTarget *targets = palloc(sizeof(WaitTarget) * Max(nrows, 1));
    int         n = 0;

    for (int i = 0; i < nrows; i++)
    {
        PGPROC     *proc;

        if (!rows[i].granted || rows[i].pid == MyProcPid ||
            rows[i].tag.type != LOCKTAG_RELATION || rows[i].tag.db != MyDatabaseId ||
            rows[i].tag.rel != relid || !LockModesConflict(rows[i].mode, mode))
            continue;
        proc = ProcArrayFindByPid(rows[i].pid);
        if (proc == NULL)
            continue;
        targets[n].proc = proc;
        targets[n].pid = rows[i].pid;
        targets[n].xmin = (TransactionId) atomic_load(&proc->xmin);
        n++;
    }
    pfree(rows);
    wait_for_targets(targets, n, relid, mode);
    pfree(targets);
}

static void
wait_for_old_snapshots(TransactionId limit)
{
    int         nslots = ProcGlobalSlotCount();
    WaitTarget *targets = palloc(sizeof(WaitTarget) * nslots);
    int         n = 0;

    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        TransactionId xmin;

        if (proc == MyProc || !atomic_load(&proc->in_use) || proc->pid == 0)
            continue;
        xmin = (TransactionId) atomic_load(&proc->xmin);
        /* xmin == limit: that snapshot may be older than the limit's own */
        if (!TransactionIdIsNormal(xmin) || xmin > limit)
            continue;
        targets[n].proc = proc;
        targets[n].pid = proc->pid;
        targets[n].xmin = xmin;
        n++;
    }
    wait_for_targets(targets, n, InvalidOid, NoLock);
    pfree(targets);
}

static void
next_transaction(void)
{
    /*
     * StartTransactionCommand switches to the new TopTransactionContext;
     * come back to the caller's (per-message) context so that names and
     * lists allocated between phases survive the next commit.
     */
    MemoryContext caller = CurrentMemoryContext;
    bool        in_top = caller == TopTransactionContext;

    CommitTransactionCommand();
    StartTransactionCommand();
    /*
     * The commit deleted the old TopTransactionContext: a caller that ran in
     * it (a maintenance job's REINDEX) continues in the new one, where
     * StartTransactionCommand left us.  Comparing with the new context
     * instead would switch back to freed memory.
     */
    if (!in_top)
        MemoryContextSwitchTo(caller);
}

/* The first free name among base, base1, base2, ... in nspid. */
static char *
choose_name(const char *base, Oid nspid)
{
    char        name[NAMEDATALEN];

    snprintf(name, sizeof(name), "%s", base);
    for (int n = 1; OidIsValid(RelnameGetRelidInNamespace(nspid, name)); n++)
    {
        char        suffix[16];
        int         keep;

        snprintf(suffix, sizeof(suffix), "%d", n);
        keep = Min((int) strlen(base), NAMEDATALEN - 1 - (int) strlen(suffix));
        snprintf(name, sizeof(name), "%.*s%s", keep, base, suffix);
    }
    return pstrdup(name);
}

/* PostgreSQL's default index name: table_col1_col2_idx, cut to fit NAMEDATALEN. */
char *
default_index_name(const char *relname, List *colnames, Oid nspid)
{
    char        buf[NAMEDATALEN * 4];
    int         len = snprintf(buf, sizeof(buf), "%s", relname);
    ListCell   *lc;
    char        name[NAMEDATALEN];
    int         room;

    foreach(lc, colnames)
        len += snprintf(buf + len, sizeof(buf) - (size_t) len, "_%s", (char *) lfirst(lc));
    room = NAMEDATALEN - 1 - 4;     /* "_idx" */
    snprintf(name, sizeof(name), "%.*s_idx", Min(len, room), buf);
    return choose_name(name, nspid);
}

static int
column_number(Relation rel, const char *name, const char *query, int location)
{
    TupleDesc   desc = RelationGetDescr(rel);

    for (int i = 0; i < desc->natts; i++)
    {
        const AttributeData *att = TupleDescAttr(desc, i);

        if (!att->attisdropped && strcmp(att->attname.data, name) == 0)
            return i + 1;
    }
    /* PostgreSQL reports no cursor position for index columns */
    (void) query;
    (void) location;
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
            errmsg("column \"%s\" does not exist", name));
    return 0;
}

/* Is a relation name a schema-qualified list?  Resolve names from DROP. */
static Oid
lookup_relation(List *names, bool missing_ok)
{
    const char *relname = strVal(llast(names));
    const char *schemaname = list_length(names) >= 2 ?
        strVal(list_nth(names, list_length(names) - 2)) : NULL;

    if (schemaname != NULL)
    {
        Oid         nspid = LookupNamespace(schemaname, missing_ok);

        return OidIsValid(nspid) ? RelnameGetRelidInNamespace(nspid, relname) : InvalidOid;
    }
    return RelnameGetRelid(NULL, relname);
}

static int
tid_cmp(const void *a, const void *b)
{
    const ItemPointerData *x = a;
    const ItemPointerData *y = b;
    BlockNumber bx = ItemPointerGetBlockNumber(x);
    BlockNumber by = ItemPointerGetBlockNumber(y);

    if (bx != by)
        return bx < by ? -1 : 1;
    return x->ip_posid < y->ip_posid ? -1 : (x->ip_posid > y->ip_posid ? 1 : 0);
}

/* ---------- CREATE INDEX ---------- */

/* Fill info from the statement; returns the key column names (for the default name). */
static List *
describe_index(IndexStmt *stmt, Relation heaprel, const char *query, IndexInfo *info)
{
    List       *colnames = NIL;
    ListCell   *lc;
    int         n = 0;

    memset(info, 0, sizeof(*info));
    if (list_length(stmt->indexParams) + list_length(stmt->indexIncludingParams) > INDEX_MAX_KEYS)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("cannot use more than %d columns in an index", INDEX_MAX_KEYS));
    foreach(lc, stmt->indexParams)
    {
        IndexElem  *elem = lfirst(lc);
        Oid         typid;
        int16       opt = 0;

        if (elem->expr != NULL || elem->name == NULL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("index expressions are not supported yet"),
                    errposition(QueryErrorPosition(query, elem->location)));
        if (elem->opclass != NIL || elem->collation != NIL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("operator classes and collations in indexes are not supported yet"),
                    errposition(QueryErrorPosition(query, elem->location)));
        info->attnums[n] = (int16) column_number(heaprel, elem->name, query, elem->location);
        typid = TupleDescAttr(RelationGetDescr(heaprel), info->attnums[n] - 1)->atttypid;
        if (TypeCompareFunction(typid) == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("data type %s has no default operator class for access method \"btree\"",
                           FormatTypeWithTypmod(typid, -1)),
                    errhint("You must specify an operator class for the index or define a default operator class for the data type."));
        if (elem->ordering == SORTBY_DESC)
            opt |= INDOPTION_DESC;
        else if (elem->ordering == SORTBY_USING)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("USING in index columns is not supported yet"));
        if (elem->nulls_ordering == SORTBY_NULLS_FIRST ||
            (elem->nulls_ordering == SORTBY_NULLS_DEFAULT && (opt & INDOPTION_DESC)))
            opt |= INDOPTION_NULLS_FIRST;
        info->indoption[n] = opt;
        colnames = lappend(colnames, elem->name);
        n++;
    }
    info->nkeyatts = n;
    foreach(lc, stmt->indexIncludingParams)
    {
        IndexElem  *elem = lfirst(lc);

        if (elem->name == NULL)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("expressions are not supported in included columns"));
        info->attnums[n++] = (int16) column_number(heaprel, elem->name, query, elem->location);
    }
    info->natts = n;
    info->unique = stmt->unique;
    info->primary = stmt->primary;
    if (stmt->whereClause != NULL)
    {
        Node       *pred;

        info->predicate = RawExprSourceText(query, stmt->whereClause, -1);
        StripOuterParens(info->predicate);
        pred = AnalyzeExpressionForRelation(info->predicate, heaprel, "index predicate");
        if (exprType(pred) != BOOLOID)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("argument of index predicate must be type boolean, not type %s",
                           FormatTypeWithTypmod(exprType(pred), -1)));
    }
    return colnames;
}

/*
 * validate_concurrent -- the last phase of a concurrent build: insert every
 * tuple visible to a fresh snapshot that the index does not have yet.
 * Returns that snapshot's xmin: transactions with older snapshots may miss
 * rows the index lacks for them, so they must end before it becomes valid.
 */
static TransactionId
validate_concurrent(Relation heaprel, Relation indexrel, IndexInfo *info)
{
    IndexScanDesc scan = index_beginscan(NULL, indexrel, NULL, 0);
    ItemPointerData *tids = palloc(sizeof(ItemPointerData) * 1024);
    int64       ntids = 0;
    int64       max = 1024;
    ItemPointer tid;
    TupleDesc   hdesc = RelationGetDescr(heaprel);
    Datum      *hvalues = palloc(sizeof(Datum) * hdesc->natts);
    bool       *hnulls = palloc(sizeof(bool) * hdesc->natts);
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];
    Snapshot    snap = CopySnapshot(GetLatestSnapshot());
    TableScanDesc hscan;
    HeapTuple   tup;
    TransactionId limit;

    index_rescan(scan, NULL, 0);
    while ((tid = index_getnext_tid(scan, ForwardScanDirection)) != NULL)
    {
        if (ntids == max)
        {
            max *= 2;
            tids = repalloc(tids, sizeof(ItemPointerData) * max);
        }
        tids[ntids++] = *tid;
    }
    index_endscan(scan);
    qsort(tids, (size_t) ntids, sizeof(ItemPointerData), tid_cmp);

    hscan = heap_beginscan(heaprel, snap);
    while ((tup = heap_getnext(hscan)) != NULL)
    {
        ItemPointerData root;

        CHECK_FOR_INTERRUPTS();
        /* entries name HOT chain roots (heap README "HOT chains") */
        if (!heap_scan_root_tid(hscan, tup, &root) ||
            bsearch(&root, tids, (size_t) ntids, sizeof(ItemPointerData), tid_cmp) != NULL)
            continue;
        RelationDeformTuple(heaprel, tup, hvalues, hnulls);
        if (!IndexPredicateMatches(info, heaprel, hvalues, hnulls))
            continue;
        FormIndexDatum(info, hvalues, hnulls, values, isnull);
        index_insert(indexrel, values, isnull, &root, heaprel,
                     info->unique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO);
    }
    heap_endscan(hscan);
    limit = snap->xmin;
    FreeSnapshot(snap);
    return limit;
}

/*
 * build_concurrently -- phases 2 and 3 for an index created not ready:
 * build from a snapshot, mark ready, wait, validate, mark valid.  Starts
 * in a fresh transaction after phase 1 committed; ends in a fresh one.
 */
static void
build_concurrently(Oid heapoid, Oid indexoid)
{
    Relation    heaprel;
    Relation    indexrel;
    IndexInfo  *info;
    Snapshot    snap;
    TransactionId limit;

    /* Writers that opened the table before the index existed do not maintain it. */
    wait_for_lockers(heapoid, ShareLock);
    heaprel = table_open(heapoid, ShareUpdateExclusiveLock);
    indexrel = index_open(indexoid, RowExclusiveLock);
    info = IndexInfoFromCatalog(indexoid);
    snap = CopySnapshot(GetLatestSnapshot());
    index_build(heaprel, indexrel, info, snap);
    FreeSnapshot(snap);
    IndexSetState(indexoid, true, false);
    index_close(indexrel, NoLock);
    table_close(heaprel, NoLock);
    next_transaction();

    /* Writers that started before "ready" may not have maintained the index. */
    wait_for_lockers(heapoid, ShareLock);
    heaprel = table_open(heapoid, ShareUpdateExclusiveLock);
    indexrel = index_open(indexoid, RowExclusiveLock);
    info = IndexInfoFromCatalog(indexoid);
    limit = validate_concurrent(heaprel, indexrel, info);
    index_close(indexrel, NoLock);
    table_close(heaprel, NoLock);
    next_transaction();

    /* Snapshots older than the validation's may not see what the index lacks. */
    wait_for_old_snapshots(limit);
    IndexSetState(indexoid, true, true);
}

void
ExecIndexStmt(IndexStmt *stmt, const char *query_string, bool is_top_level)
{
    Oid         heapoid;
    Relation    heaprel;
    IndexInfo   info;
    List       *colnames;
    char       *name;
    Oid         nspid;
    Oid         indexoid;

    if (stmt->concurrent)
        PreventInTransactionBlock(is_top_level, "CREATE INDEX CONCURRENTLY");
    if (stmt->accessMethod != NULL && strcmp(stmt->accessMethod, "btree") != 0)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("access method \"%s\" is not supported", stmt->accessMethod),
                errhint("Only btree indexes are available."));
    if (stmt->tableSpace != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("tablespaces are not supported yet"));
    if (stmt->options != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("index storage parameters are not supported yet"));
    if (stmt->nulls_not_distinct)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("NULLS NOT DISTINCT is not supported yet"));

    {
        /* PostgreSQL reports no cursor position for CREATE INDEX's table */
        RangeVar    rv = *stmt->relation;

        rv.location = -1;
        heapoid = RangeVarGetRelid(&rv, false);
    }
    heaprel = table_open(heapoid, stmt->concurrent ? ShareUpdateExclusiveLock : ShareLock);
    if (heaprel->rd_relkind == RELKIND_PARTITIONED_TABLE && stmt->concurrent)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot create index on partitioned table \"%s\" concurrently",
                       RelationGetRelationName(heaprel)));
    if (heaprel->rd_relkind != RELKIND_RELATION &&
        heaprel->rd_relkind != RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("cannot create index on relation \"%s\"", RelationGetRelationName(heaprel)),
                errdetail("This operation is not supported for %s.",
                          heaprel->rd_relkind == RELKIND_VIEW ? "views" :
                          heaprel->rd_relkind == RELKIND_INDEX ? "indexes" : "this kind of relation"));
    CheckNotSystemRelation(heapoid, RelationGetNamespace(heaprel), RelationGetRelationName(heaprel));
    CheckOwnership(RelationGetOwner(heaprel), "table", RelationGetRelationName(heaprel));
    nspid = RelationGetNamespace(heaprel);

    colnames = describe_index(stmt, heaprel, query_string, &info);
    if (stmt->idxname != NULL)
    {
        if (OidIsValid(RelnameGetRelidInNamespace(nspid, stmt->idxname)))
        {
            if (stmt->if_not_exists)
            {
                ereport(NOTICE, errcode(ERRCODE_DUPLICATE_TABLE),
                        errmsg("relation \"%s\" already exists, skipping", stmt->idxname));
                table_close(heaprel, NoLock);
                return;
            }
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", stmt->idxname));
        }
        name = stmt->idxname;
    }
    else
        name = default_index_name(RelationGetRelationName(heaprel), colnames, nspid);

    if (!stmt->concurrent)
    {
        indexoid = IndexCreate(heaprel, name, nspid, &info, true);
        /* a partitioned table: the index of each partition, existing and future (partcmds.c) */
        if (heaprel->rd_relkind == RELKIND_PARTITIONED_TABLE)
            PartitionIndexCreateOnPartitions(heaprel, indexoid);
        table_close(heaprel, NoLock);
        return;
    }
    /* Phase 1: the catalog entry, not ready and not valid, committed. */
    indexoid = IndexCreate(heaprel, name, nspid, &info, false);
    table_close(heaprel, NoLock);
    next_transaction();
    build_concurrently(heapoid, indexoid);
}

/* ---------- DROP INDEX ---------- */

static void
check_droppable(Oid indexoid, const char *name)
{
    char        conname[NAMEDATALEN];
    Oid         parentidx = PartitionGetParent(indexoid);

    /* a partition's part of a partitioned index goes with that index */
    if (OidIsValid(parentidx))
    {
        char       *parentname = RelationNameById(parentidx);

        ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                errmsg("cannot drop index %s because index %s requires it", name,
                       parentname ? parentname : "?"),
                errhint("You can drop index %s instead.", parentname ? parentname : "?"));
    }

    if (OidIsValid(IndexGetConstraint(indexoid, conname)))
    {
        char       *tabname = RelationNameById(IndexGetTable(indexoid));

        ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                errmsg("cannot drop index %s because constraint %s on table %s requires it",
                       name, conname, tabname ? tabname : "?"),
                errhint("You can drop constraint %s on table %s instead.", conname,
                        tabname ? tabname : "?"));
    }
}

/* Drop an index; a partitioned one takes its partitions' indexes with it. */
static void
drop_index_tree(Oid indexoid)
{
    ListCell   *lc;

    foreach(lc, PartitionGetChildren(indexoid))
    {
        Oid         heapoid = IndexGetTable(lfirst_oid(lc));

        if (OidIsValid(heapoid))
            LockRelationOid(heapoid, AccessExclusiveLock);
        LockRelationOid(lfirst_oid(lc), AccessExclusiveLock);
        drop_index_tree(lfirst_oid(lc));
    }
    IndexDrop(indexoid);
}

void
ExecDropIndex(DropStmt *stmt, bool is_top_level)
{
    List       *oids = NIL;
    ListCell   *lc;

    if (stmt->concurrent)
    {
        PreventInTransactionBlock(is_top_level, "DROP INDEX CONCURRENTLY");
        if (list_length(stmt->objects) > 1)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("DROP INDEX CONCURRENTLY does not support dropping multiple objects"));
        if (stmt->behavior == DROP_CASCADE)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("DROP INDEX CONCURRENTLY does not support CASCADE"));
    }
    foreach(lc, stmt->objects)
    {
        List       *names = lfirst(lc);
        Oid         relid = lookup_relation(names, stmt->missing_ok);
        FormData_pg_class row;

        if (!OidIsValid(relid))
        {
            if (stmt->missing_ok)
            {
                ereport(NOTICE, errmsg("index \"%s\" does not exist, skipping",
                                       strVal(llast(names))));
                continue;
            }
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("index \"%s\" does not exist", strVal(llast(names))));
        }
        if (!RelationClassRowById(relid, &row))
            elog(ERROR, "cache lookup failed for relation %u", relid);
        if (row.relkind == RELKIND_PARTITIONED_INDEX && stmt->concurrent)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("cannot drop partitioned index \"%s\" concurrently",
                           strVal(llast(names))));
        if (row.relkind != RELKIND_INDEX && row.relkind != RELKIND_PARTITIONED_INDEX)
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("\"%s\" is not an index", strVal(llast(names))),
                    errhint("Use DROP %s to remove a %s.",
                            row.relkind == RELKIND_VIEW ? "VIEW" : "TABLE",
                            row.relkind == RELKIND_VIEW ? "view" : "table"));
        CheckNotSystemRelation(relid, row.relnamespace, NameStr(row.relname));
        CheckOwnership(row.relowner, "index", NameStr(row.relname));
        check_droppable(relid, NameStr(row.relname));
        oids = lappend_oid(oids, relid);
    }
    foreach(lc, oids)
    {
        Oid         indexoid = lfirst_oid(lc);
        Oid         heapoid = IndexGetTable(indexoid);

        if (stmt->concurrent)
        {
            /* Stop queries from using it, let writers see that, then drop. */
            Relation    heaprel = table_open(heapoid, ShareUpdateExclusiveLock);

            IndexSetState(indexoid, true, false);
            table_close(heaprel, NoLock);
            next_transaction();
            /* every query that may still use it (any lock on the table) */
            wait_for_lockers(heapoid, AccessExclusiveLock);
            IndexSetState(indexoid, false, false);
            next_transaction();
            wait_for_lockers(heapoid, AccessExclusiveLock);
        }
        else
        {
            Relation    heaprel = table_open(heapoid, AccessExclusiveLock);

            table_close(heaprel, NoLock);
        }
        LockRelationOid(indexoid, AccessExclusiveLock);
        drop_index_tree(indexoid);
    }
}

/* ---------- REINDEX ---------- */

typedef struct RenameArg
{
    const char *newname;
} RenameArg;

static void
set_relname(FormData_pg_class *row, void *arg)
{
    snprintf(row->relname.data, NAMEDATALEN, "%s", ((RenameArg *) arg)->newname);
}

static void
rename_relation(Oid relid, const char *newname)
{
    RenameArg   arg = {newname};

    UpdateClassRow(relid, set_relname, &arg);
    CacheInvalidateRelation(relid);
}

/* Point a constraint that used old_index at new_index. */
static void
move_constraint(Oid old_index, Oid new_index)
{
    Relation    rel = table_open(ConstraintRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;
    ItemPointerData tid;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.conindid == old_index)
        {
            row.conindid = new_index;
            CatalogUpdateRow(rel, &tid, &row);
        }
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
}

/*
 * reindex_concurrently -- build a copy next to the old index online, then
 * swap names, validity and constraint ownership in one transaction, then
 * drop the old one.  Runs its own transactions (see the README).
 */
static void
reindex_concurrently(Oid indexoid)
{
    IndexInfo  *info = IndexInfoFromCatalog(indexoid);
    Oid         heapoid = info->heap_relid;
    char       *oldname = RelationNameById(indexoid);
    Oid         nspid = RelationNamespaceById(indexoid);
    Relation    heaprel = table_open(heapoid, ShareUpdateExclusiveLock);
    char        base[NAMEDATALEN];
    char       *newname;
    char       *tmpname;
    Oid         newoid;

    snprintf(base, sizeof(base), "%.*s_ccnew", NAMEDATALEN - 7, oldname);
    newname = choose_name(base, nspid);
    info->predicate_state = NULL;
    newoid = IndexCreate(heaprel, newname, nspid, info, false);
    table_close(heaprel, NoLock);
    next_transaction();
    build_concurrently(heapoid, newoid);
    next_transaction();

    /* Swap: the new index takes the old name and constraint; the old one goes invalid. */
    heaprel = table_open(heapoid, ShareUpdateExclusiveLock);
    snprintf(base, sizeof(base), "%.*s_ccold", NAMEDATALEN - 7, oldname);
    tmpname = choose_name(base, nspid);
    rename_relation(indexoid, tmpname);
    CommandCounterIncrement();
    rename_relation(newoid, oldname);
    move_constraint(indexoid, newoid);
    IndexSetState(indexoid, true, false);
    table_close(heaprel, NoLock);
    next_transaction();

    wait_for_lockers(heapoid, AccessExclusiveLock);
    IndexSetState(indexoid, false, false);
    next_transaction();
    wait_for_lockers(heapoid, AccessExclusiveLock);
    LockRelationOid(indexoid, AccessExclusiveLock);
    IndexDrop(indexoid);
}

static void
reindex_index_oid(Oid indexoid, bool concurrent)
{
    if (concurrent)
        reindex_concurrently(indexoid);
    else
        IndexRebuild(indexoid);
}

/* Reindex every index of a table; false if it has none. */
static bool
reindex_table(Oid heapoid, bool concurrent)
{
    Relation    heaprel = table_open(heapoid, concurrent ? ShareUpdateExclusiveLock : ShareLock);
    List       *indexes = RelationGetIndexList(heaprel);
    ListCell   *lc;

    table_close(heaprel, NoLock);
    foreach(lc, indexes)
        reindex_index_oid(lfirst_oid(lc), concurrent);
    return indexes != NIL;
}

/* Tables of a schema (or of every user schema with nspid Invalid), ascending OID. */
static List *
user_tables(Oid nspid)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_class row;
    List       *result = NIL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.relkind != RELKIND_RELATION || IsCatalogRelationId(row.oid))
            continue;
        if (OidIsValid(nspid) ? row.relnamespace != nspid : IsSystemNamespace(row.relnamespace))
            continue;
        result = lappend_oid(result, row.oid);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

/* The plain-table partitions of partitioned table relid, ascending OID per level. */
static List *
leaf_partitions(Oid relid)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, PartitionGetChildren(relid))
    {
        FormData_pg_class row;

        if (!RelationClassRowById(lfirst_oid(lc), &row))
            continue;
        if (row.relkind == RELKIND_PARTITIONED_TABLE)
            result = list_concat(result, leaf_partitions(row.oid));
        else
            result = lappend_oid(result, row.oid);
    }
    return result;
}

static void
reindex_statement(ReindexStmt *stmt, bool is_top_level)
{
    ListCell   *lc;
    List       *tables = NIL;
    bool        in_top = false;

    if (stmt->concurrent)
        PreventInTransactionBlock(is_top_level, "REINDEX CONCURRENTLY");
    switch (stmt->kind)
    {
        case REINDEX_OBJECT_INDEX:
            {
                Oid         relid = RangeVarGetRelid(stmt->relation, false);
                FormData_pg_class row;

                if (RelationClassRowById(relid, &row) && row.relkind == RELKIND_PARTITIONED_INDEX)
                {
                    /* the partitions' indexes (PostgreSQL 15), outside a transaction block */
                    ListCell   *ic;

                    CheckOwnership(row.relowner, "index", NameStr(row.relname));
                    PreventInTransactionBlock(is_top_level, "REINDEX INDEX");
                    foreach(ic, PartitionGetChildren(relid))
                    {
                        next_transaction();
                        if (OidIsValid(IndexGetTable(lfirst_oid(ic))))
                            reindex_index_oid(lfirst_oid(ic), stmt->concurrent);
                    }
                    return;
                }
                if (!RelationClassRowById(relid, &row) || row.relkind != RELKIND_INDEX)
                    ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                            errmsg("\"%s\" is not an index", stmt->relation->relname));
                CheckOwnership(row.relowner, "index", NameStr(row.relname));
                reindex_index_oid(relid, stmt->concurrent);
                return;
            }
        case REINDEX_OBJECT_TABLE:
            {
                Oid         relid = RangeVarGetRelid(stmt->relation, false);
                FormData_pg_class row;

                if (RelationClassRowById(relid, &row) &&
                    row.relkind == RELKIND_PARTITIONED_TABLE)
                {
                    /* its partitions, each in its own transaction (PostgreSQL 15) */
                    CheckOwnership(row.relowner, "table", NameStr(row.relname));
                    PreventInTransactionBlock(is_top_level, "REINDEX TABLE");
                    tables = leaf_partitions(relid);
                    break;
                }
                if (!RelationClassRowById(relid, &row) || row.relkind != RELKIND_RELATION)
                    ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                            errmsg("\"%s\" is not a table", stmt->relation->relname));
                CheckOwnership(row.relowner, "table", NameStr(row.relname));
                if (!reindex_table(relid, stmt->concurrent))
                    ereport(NOTICE, errmsg("table \"%s\" has no indexes to reindex",
                                           NameStr(row.relname)));
                return;
            }
        case REINDEX_OBJECT_SCHEMA:
            {
                Oid         nspid;

                PreventInTransactionBlock(is_top_level, "REINDEX SCHEMA");
                nspid = LookupNamespace(stmt->name, false);
                tables = user_tables(nspid);
                break;
            }
        case REINDEX_OBJECT_DATABASE:
            PreventInTransactionBlock(is_top_level, "REINDEX DATABASE");
            if (stmt->name != NULL && strcmp(stmt->name, MyDatabaseName) != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("can only reindex the currently open database"));
            tables = user_tables(InvalidOid);
            break;
        case REINDEX_OBJECT_SYSTEM:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("REINDEX SYSTEM is not supported: system catalogs have no indexes"));
    }
    /*
     * SCHEMA / DATABASE / a partitioned table: one transaction per table, as
     * PostgreSQL.  The list must survive those commits: a caller running in
     * the transaction's own context (a maintenance job) would lose it.
     */
    if (CurrentMemoryContext == TopTransactionContext)
    {
        MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

        tables = list_copy(tables);
        MemoryContextSwitchTo(old);
        in_top = true;
    }
    foreach(lc, tables)
    {
        next_transaction();
        if (!OidIsValid(RelationNamespaceById(lfirst_oid(lc))))
            continue;           /* dropped meanwhile */
        reindex_table(lfirst_oid(lc), stmt->concurrent);
    }
    if (in_top)
        list_free(tables);
}

/*
 * ExecReindexStmt -- REINDEX, recorded as a maintenance job of origin sql
 * (the table or index named, none for SCHEMA/DATABASE = all of them).  A
 * REINDEX run by a job that is already this process's (the admin API's
 * jobs, run by a worker) is part of that job.
 */
void
ExecReindexStmt(ReindexStmt *stmt, bool is_top_level)
{
    bool        own_job = MaintenanceCurrentJob() == InvalidJobId;
    MemoryContext cxt = CurrentMemoryContext;

    if (own_job)
    {
        const char *names[1];
        int         nnames = 0;
        char       *qualified = NULL;

        if (stmt->relation != NULL)
        {
            qualified = stmt->relation->schemaname != NULL
                ? psprintf("%s.%s", stmt->relation->schemaname, stmt->relation->relname)
                : pstrdup(stmt->relation->relname);
            names[nnames++] = qualified;
        }
        (void) MaintenanceJobBegin(JOB_OP_REINDEX, JOB_ORIGIN_SQL,
                                   stmt->concurrent ? JOB_OPT_CONCURRENTLY : 0, names, nnames);
        MaintenanceJobProgress("rebuilding indexes", 0, 0, 0, 0);
    }
    RDB_TRY();
    {
        reindex_statement(stmt, is_top_level);
    }
    RDB_CATCH();
    {
        if (own_job)
        {
            ErrorData  *edata;

            MemoryContextSwitchTo(cxt);
            edata = CopyErrorData();
            MaintenanceJobEnd(edata->sqlerrcode == ERRCODE_QUERY_CANCELED ? JOB_STATUS_CANCELLED
                              : JOB_STATUS_FAILED, edata->message);
        }
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    if (own_job)
        MaintenanceJobEnd(JOB_STATUS_SUCCEEDED, NULL);
}

/* ---------- rustydb_verify_index ---------- */

/* Resolve "name" or "schema.name" (unquoted or double-quoted parts). */
static Oid
verify_target(const char *text)
{
    char       *copy = pstrdup(text);
    char       *dot = NULL;
    bool        quoted = false;
    char       *schema = NULL;
    char       *name = copy;
    Oid         relid;

    for (char *p = copy; *p; p++)
    {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '.' && !quoted)
            dot = p;
    }
    if (dot != NULL)
    {
        *dot = '\0';
        schema = copy;
        name = dot + 1;
    }
    if (schema != NULL && schema[0] == '"')
    {
        schema++;
        schema[strlen(schema) - 1] = '\0';
    }
    if (name[0] == '"' && strlen(name) >= 2)
    {
        name++;
        name[strlen(name) - 1] = '\0';
    }
    relid = RelnameGetRelid(schema, name);
    if (!OidIsValid(relid))
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation \"%s\" does not exist", text));
    return relid;
}

static Datum
verify_index(const char *target, bool full)
{
    Oid         indexoid = verify_target(target);
    FormData_pg_class row;
    IndexInfo  *info;
    Relation    heaprel;
    Relation    indexrel;

    if (!RelationClassRowById(indexoid, &row) || row.relkind != RELKIND_INDEX)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not an index", target));
    info = IndexInfoFromCatalog(indexoid);
    /* ShareLock keeps writers out, so the tree and the table hold still. */
    heaprel = table_open(info->heap_relid, ShareLock);
    indexrel = index_open(indexoid, AccessShareLock);
    IndexVerify(indexrel, heaprel, info, full && info->valid);
    index_close(indexrel, NoLock);
    table_close(heaprel, NoLock);
    return CStringGetTextDatum("ok");
}

/* rustydb_verify_index(text) -> text: full check ("ok" or ERROR XX002). */
Datum
rustydb_verify_index(RDB_FUNCTION_ARGS)
{
    return verify_index(TextDatumGetCString(RDB_GETARG_DATUM(0)), true);
}

/* rustydb_verify_index(text, boolean) -> text: heap coverage only when the flag is true. */
Datum
rustydb_verify_index_full(RDB_FUNCTION_ARGS)
{
    return verify_index(TextDatumGetCString(RDB_GETARG_DATUM(0)), RDB_GETARG_BOOL(1));
}
