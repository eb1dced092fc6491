/*
 * altertable.c
 *     ALTER TABLE sub-commands and RENAME.
 * Entry points: ExecAlterTableStmt(), ExecRenameStmt().
 *
 * ADD COLUMN ... DEFAULT: rather than rewriting the table, the default is
 * evaluated once (through the normal query pipeline) and stored as the
 * column's "missing value" (pg_attribute.attmissingval, text form); rows
 * stored before the column existed read it (RelationDeformTuple).  A
 * volatile default (random()) therefore gives every old row the same
 * value; PostgreSQL would rewrite the table (README "known gaps").
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/tablecmds.h"
#include "commands_int.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "parser/parser.h"
#include "partitioning/partition.h"
#include "storage/lock.h"
#include "tcop/dest.h"
#include "tcop/pquery.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static void check_partition_alter(Relation rel, AlterTableCmd *cmd);
static void rename_column_tree(Oid relid, int attnum, const char *newname);

/* ---------- evaluating a default once ---------- */

typedef struct CaptureReceiver
{
    DestReceiver pub;
    Oid         typid;
    bool        got_row;
    char       *result;         /* output form, NULL for SQL NULL */
    MemoryContext result_cxt;   /* where the result is copied: outlives the executor */
} CaptureReceiver;

static void
capture_startup(DestReceiver *self, TupleDesc desc)
{
    ((CaptureReceiver *) self)->typid = TupleDescAttr(desc, 0)->atttypid;
}

static bool
capture_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    CaptureReceiver *cap = (CaptureReceiver *) self;

    if (!cap->got_row && !isnull[0])
    {
        /* the executor's memory goes with ExecutorEnd: keep the text in the caller's */
        MemoryContext old = MemoryContextSwitchTo(cap->result_cxt);

        cap->result = OutputFunctionCall(cap->typid, values[0]);
        MemoryContextSwitchTo(old);
    }
    cap->got_row = true;
    return false;
}

static void
capture_noop(DestReceiver *self)
{
    (void) self;
}

/* Value of default_text cast to the column type, in text form; NULL if NULL. */
static char *
evaluate_default(const char *default_text, Oid typid, int32 typmod)
{
    char       *sql = psprintf("SELECT CAST((%s) AS %s)", default_text,
                               FormatTypeWithTypmod(typid, typmod));
    List       *raws = RawParser(sql);
    CaptureReceiver cap;
    QueryCompletion qc;

    memset(&cap, 0, sizeof(cap));
    cap.pub.startup = capture_startup;
    cap.pub.receive = capture_receive;
    cap.pub.shutdown = capture_noop;
    cap.pub.destroy = capture_noop;
    cap.pub.mydest = DestTuplestore;
    cap.typid = typid;
    cap.result_cxt = CurrentMemoryContext;
    memset(&qc, 0, sizeof(qc));
    if (list_length(raws) != 1)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("invalid default expression: %s", default_text));
    ExecStatement(linitial(raws), sql, &cap.pub, &qc);
    return cap.result;
}

/* ---------- helpers ---------- */

static int
find_column(Relation rel, const char *name)
{
    TupleDesc   desc = RelationGetDescr(rel);

    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
            return i + 1;
    }
    return 0;
}

static int
require_column(Relation rel, const char *name)
{
    int         attnum = find_column(rel, name);

    if (attnum == 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                errmsg("column \"%s\" of relation \"%s\" does not exist", name,
                       RelationGetRelationName(rel)));
    return attnum;
}

/* Does any visible row have column attnum NULL?  (Whole-table scan.) */
static bool
column_has_nulls(Relation rel, int attnum)
{
    Snapshot    snap = CopySnapshot(GetLatestSnapshot());
    TableScanDesc scan = heap_beginscan(rel, snap);
    HeapTuple   tup;
    Datum      *values = palloc(sizeof(Datum) * RelationGetDescr(rel)->natts);
    bool       *isnull = palloc(sizeof(bool) * RelationGetDescr(rel)->natts);
    bool        found = false;

    while (!found && (tup = heap_getnext(scan)) != NULL)
    {
        RelationDeformTuple(rel, tup, values, isnull);
        found = isnull[attnum - 1];
    }
    heap_endscan(scan);
    FreeSnapshot(snap);
    pfree(values);
    pfree(isnull);
    return found;
}

static bool
table_is_empty(Relation rel)
{
    Snapshot    snap = CopySnapshot(GetLatestSnapshot());
    TableScanDesc scan = heap_beginscan(rel, snap);
    bool        empty = heap_getnext(scan) == NULL;

    heap_endscan(scan);
    FreeSnapshot(snap);
    return empty;
}

static void
bump_natts(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relnatts++;
}

static void
set_options(FormData_pg_class *row, void *arg)
{
    row->reloptions = arg;
}

static void
add_checks(FormData_pg_class *row, void *arg)
{
    row->relchecks = (int16) (row->relchecks + (intptr_t) arg);
}

static void
set_relname(FormData_pg_class *row, void *arg)
{
    snprintf(row->relname.data, NAMEDATALEN, "%s", (const char *) arg);
}

/* ---------- sub-commands ---------- */

static void
add_column(Relation rel, AlterTableCmd *cmd, const char *query)
{
    ColumnDef  *col = castNode(ColumnDef, cmd->def);
    Oid         relid = RelationGetRelid(rel);
    TupleDesc   one = CreateTemplateTupleDesc(1);
    FormData_pg_attribute attrow;
    Relation    attrel;
    char       *default_text = NULL;
    bool        notnull = col->is_not_null;
    List       *constraints = NIL;
    ListCell   *lc;
    int         attnum = RelationGetDescr(rel)->natts + 1;
    Oid         typid;
    int32       typmod;
    int         nchecks;

    if (find_column(rel, col->colname) != 0)
    {
        if (cmd->missing_ok)
        {
            ereport(NOTICE, errcode(ERRCODE_DUPLICATE_COLUMN),
                    errmsg("column \"%s\" of relation \"%s\" already exists, skipping",
                           col->colname, RelationGetRelationName(rel)));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                errmsg("column \"%s\" of relation \"%s\" already exists", col->colname,
                       RelationGetRelationName(rel)));
    }
    if (attnum > MaxHeapAttributeNumber)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("tables can have at most %d columns", MaxHeapAttributeNumber));
    ResolveTypeName(col->typeName, query, &typid, &typmod);
    TupleDescInitEntry(one, 1, col->colname, typid, typmod);
    foreach(lc, col->constraints)
    {
        Constraint *con = lfirst(lc);
        int         next_loc = -1;

        if (foreach_current_index(lc) + 1 < list_length(col->constraints))
            next_loc = ((Constraint *) list_nth(col->constraints,
                                                foreach_current_index(lc) + 1))->location;
        switch (con->contype)
        {
            case CONSTR_NOTNULL:
                notnull = true;
                break;
            case CONSTR_NULL:
                break;
            case CONSTR_DEFAULT:
                default_text = RawExprSourceText(query, con->raw_expr, next_loc);
                break;
            case CONSTR_PRIMARY:
                notnull = true;
                /* FALLTHROUGH */
            case CONSTR_UNIQUE:
            case CONSTR_CHECK:
            case CONSTR_FOREIGN:
                con->keys = list_make1(makeString(col->colname));
                if (con->contype == CONSTR_FOREIGN)
                    con->fk_attrs = con->keys;
                constraints = lappend(constraints, con);
                break;
            case CONSTR_ATTR_DEFERRABLE:
            case CONSTR_ATTR_NOT_DEFERRABLE:
            case CONSTR_ATTR_DEFERRED:
            case CONSTR_ATTR_IMMEDIATE:
                break;
            default:
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("identity and generated columns are not supported yet"));
        }
    }
    TupleDescAttr(one, 0)->attnotnull = notnull;
    TupleDescAttr(one, 0)->atthasdef = default_text != NULL;
    AttributeRowFromDesc(relid, TupleDescAttr(one, 0), attnum, &attrow);
    if (default_text != NULL && rel->rd_relkind == RELKIND_RELATION)
    {
        attrow.attmissingval = evaluate_default(default_text, typid, typmod);
        attrow.atthasmissing = attrow.attmissingval != NULL;
    }
    if (notnull && attrow.attmissingval == NULL && !table_is_empty(rel))
        ereport(ERROR, errcode(ERRCODE_NOT_NULL_VIOLATION),
                errmsg("column \"%s\" of relation \"%s\" contains null values", col->colname,
                       RelationGetRelationName(rel)));
    attrel = table_open(AttributeRelationId, RowExclusiveLock);
    CatalogInsertRow(attrel, &attrow);
    table_close(attrel, RowExclusiveLock);
    UpdateClassRow(relid, bump_natts, NULL);
    CommandCounterIncrement();
    if (default_text != NULL)
    {
        /* StoreColumnDefault keeps atthasdef consistent with the new pg_attrdef row. */
        StoreColumnDefault(relid, attnum, default_text);
        CommandCounterIncrement();
    }
    if (constraints != NIL)
    {
        Relation    fresh = table_open(relid, AccessExclusiveLock);

        nchecks = StoreTableConstraints(relid, RelationGetNamespace(rel),
                                        RelationGetRelationName(rel), RelationGetDescr(fresh),
                                        constraints, query);
        table_close(fresh, NoLock);
        if (nchecks > 0)
            UpdateClassRow(relid, add_checks, (void *) (intptr_t) nchecks);
    }
    CacheInvalidateRelation(relid);
}

static void
drop_column(Relation rel, AlterTableCmd *cmd)
{
    int         attnum = find_column(rel, cmd->name);
    FormData_pg_attribute att;
    ItemPointerData tid;

    if (attnum == 0)
    {
        if (cmd->missing_ok)
        {
            ereport(NOTICE, errmsg("column \"%s\" of relation \"%s\" does not exist, skipping",
                                   cmd->name, RelationGetRelationName(rel)));
            return;
        }
        require_column(rel, cmd->name);
    }
    if (TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atthasdef)
        StoreColumnDefault(RelationGetRelid(rel), attnum, NULL);
    if (!AttributeRowGet(RelationGetRelid(rel), attnum, &att, &tid))
        elog(ERROR, "cache lookup failed for attribute %d of relation %u", attnum,
             RelationGetRelid(rel));
    /* The type stays: old rows still store a value of it (heap layout). */
    att.attisdropped = true;
    att.attnotnull = false;
    att.atthasdef = false;
    att.atthasmissing = false;
    att.attmissingval = NULL;
    snprintf(att.attname.data, NAMEDATALEN, "........pg.dropped.%d........", attnum);
    AttributeRowUpdate(&tid, &att);
}

static void
set_not_null(Relation rel, AlterTableCmd *cmd, bool notnull)
{
    int         attnum = require_column(rel, cmd->name);
    FormData_pg_attribute att;
    ItemPointerData tid;

    if (!AttributeRowGet(RelationGetRelid(rel), attnum, &att, &tid))
        elog(ERROR, "cache lookup failed for attribute %d", attnum);
    if (att.attnotnull == notnull)
        return;
    if (notnull && rel->rd_relkind == RELKIND_RELATION && column_has_nulls(rel, attnum))
        ereport(ERROR, errcode(ERRCODE_NOT_NULL_VIOLATION),
                errmsg("column \"%s\" of relation \"%s\" contains null values", cmd->name,
                       RelationGetRelationName(rel)));
    att.attnotnull = notnull;
    AttributeRowUpdate(&tid, &att);
}

static void
set_statistics(Relation rel, AlterTableCmd *cmd)
{
    int         attnum = cmd->name ? require_column(rel, cmd->name) : cmd->num;
    int         target;
    FormData_pg_attribute att;
    ItemPointerData tid;

    if (cmd->def == NULL || !IsA(cmd->def, Integer))
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR), errmsg("statistics target must be an integer"));
    target = intVal(cmd->def);
    if (target < -1)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("statistics target %d is too low", target));
    if (target > 10000)
    {
        ereport(WARNING, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("lowering statistics target to %d", 10000));
        target = 10000;
    }
    if (!AttributeRowGet(RelationGetRelid(rel), attnum, &att, &tid) || att.attisdropped)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                errmsg("column number %d of relation \"%s\" does not exist", attnum,
                       RelationGetRelationName(rel)));
    att.attstattarget = target;
    AttributeRowUpdate(&tid, &att);
}

static void
drop_constraint(Relation rel, AlterTableCmd *cmd)
{
    Relation    conrel = table_open(ConstraintRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(conrel);
    FormData_pg_constraint row;
    ItemPointerData tid;
    int         found = 0;
    int         checks = 0;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.conrelid == RelationGetRelid(rel) && strcmp(NameStr(row.conname), cmd->name) == 0)
        {
            CatalogDeleteRow(conrel, &tid);
            found++;
            checks += row.contype == 'c';
        }
    }
    CatalogEndScan(scan);
    table_close(conrel, RowExclusiveLock);
    if (found == 0)
    {
        if (cmd->missing_ok)
        {
            ereport(NOTICE, errmsg("constraint \"%s\" of relation \"%s\" does not exist, skipping",
                                   cmd->name, RelationGetRelationName(rel)));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("constraint \"%s\" of relation \"%s\" does not exist", cmd->name,
                       RelationGetRelationName(rel)));
    }
    if (checks > 0)
        UpdateClassRow(RelationGetRelid(rel), add_checks, (void *) (intptr_t) -checks);
    CacheInvalidateRelation(RelationGetRelid(rel));
}

void
ExecAlterTableStmt(AlterTableStmt *stmt, const char *query_string)
{
    Oid         relid = RangeVarGetRelid(stmt->relation, stmt->missing_ok);
    Relation    rel;
    ListCell   *lc;

    if (!OidIsValid(relid))
    {
        ereport(NOTICE, errmsg("relation \"%s\" does not exist, skipping", stmt->relation->relname));
        return;
    }
    rel = table_open(relid, AccessExclusiveLock);
    CheckNotSystemRelation(relid, RelationGetNamespace(rel), RelationGetRelationName(rel));
    CheckOwnership(RelationGetOwner(rel), rel->rd_relkind == RELKIND_VIEW ? "view" : "table",
                   RelationGetRelationName(rel));
    if (stmt->objtype == OBJECT_TABLE && list_length(stmt->cmds) == 1 &&
        (((AlterTableCmd *) linitial(stmt->cmds))->subtype == AT_AttachPartition ||
         ((AlterTableCmd *) linitial(stmt->cmds))->subtype == AT_DetachPartition))
    {
        AlterTableCmd *cmd = linitial(stmt->cmds);

        /* partcmds.c */
        if (cmd->subtype == AT_AttachPartition)
            AttachPartition(rel, linitial(castNode(List, cmd->def)),
                            lsecond(castNode(List, cmd->def)), query_string);
        else
            DetachPartition(rel, linitial(castNode(List, cmd->def)), cmd->name);
        table_close(rel, NoLock);
        return;
    }
    if (stmt->objtype == OBJECT_TABLE && rel->rd_relkind == RELKIND_PARTITIONED_TABLE)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("ALTER TABLE of partitioned table \"%s\" is not supported yet",
                       RelationGetRelationName(rel)));
    if (stmt->objtype == OBJECT_TABLE && rel->rd_relkind != RELKIND_RELATION)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is not a table", RelationGetRelationName(rel)));
    foreach(lc, stmt->cmds)
    {
        AlterTableCmd *cmd = lfirst(lc);

        check_partition_alter(rel, cmd);
        switch (cmd->subtype)
        {
            case AT_AddColumn:
                add_column(rel, cmd, query_string);
                break;
            case AT_DropColumn:
                drop_column(rel, cmd);
                break;
            case AT_ColumnDefault:
                {
                    int         attnum = require_column(rel, cmd->name);

                    StoreColumnDefault(relid, attnum, cmd->def == NULL ? NULL :
                                       RawExprSourceText(query_string, cmd->def, -1));
                    break;
                }
            case AT_SetNotNull:
                set_not_null(rel, cmd, true);
                break;
            case AT_DropNotNull:
                set_not_null(rel, cmd, false);
                break;
            case AT_SetStatistics:
                set_statistics(rel, cmd);
                break;
            case AT_SetRelOptions:
            case AT_ResetRelOptions:
                UpdateClassRow(relid, set_options,
                               BuildRelOptions((List *) cmd->def, RelationGetRelOptions(rel),
                                               cmd->subtype == AT_ResetRelOptions));
                break;
            case AT_AddConstraint:
                {
                    Constraint *con = castNode(Constraint, cmd->def);
                    int         nchecks;

                    if (con->contype == CONSTR_FOREIGN && con->keys == NIL)
                        con->keys = con->fk_attrs;
                    if (con->contype == CONSTR_PRIMARY)
                    {
                        ListCell   *kc;

                        foreach(kc, con->keys)
                        {
                            AlterTableCmd nn = *cmd;

                            nn.name = strVal(lfirst(kc));
                            set_not_null(rel, &nn, true);
                        }
                    }
                    nchecks = StoreTableConstraints(relid, RelationGetNamespace(rel),
                                                    RelationGetRelationName(rel),
                                                    RelationGetDescr(rel), list_make1(con),
                                                    query_string);
                    if (nchecks > 0)
                        UpdateClassRow(relid, add_checks, (void *) (intptr_t) nchecks);
                    break;
                }
            case AT_DropConstraint:
                drop_constraint(rel, cmd);
                break;
            case AT_PartitionBy:
                ConvertToPartitioned(rel, castNode(PartitionSpec, cmd->def), query_string);
                break;
            default:
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("this form of ALTER TABLE is not supported yet"));
        }
        CommandCounterIncrement();
        /* New PRIMARY KEY / UNIQUE constraints get their indexes (catalog/index.c). */
        if (cmd->subtype == AT_AddConstraint || cmd->subtype == AT_AddColumn)
            IndexCreateForConstraints(relid);
        /* Later sub-commands see the changes of earlier ones. */
        table_close(rel, NoLock);
        rel = table_open(relid, AccessExclusiveLock);
    }
    table_close(rel, NoLock);
}

/* Rename column attnum of relid and, for a partitioned table, of its partitions. */
static void
rename_column_tree(Oid relid, int attnum, const char *newname)
{
    FormData_pg_attribute att;
    ItemPointerData tid;
    ListCell   *lc;

    if (!AttributeRowGet(relid, attnum, &att, &tid))
        elog(ERROR, "cache lookup failed for attribute %d", attnum);
    snprintf(att.attname.data, NAMEDATALEN, "%s", newname);
    AttributeRowUpdate(&tid, &att);
    CacheInvalidateRelation(relid);
    foreach(lc, PartitionGetChildren(relid))
    {
        LockRelationOid(lfirst_oid(lc), AccessExclusiveLock);
        rename_column_tree(lfirst_oid(lc), attnum, newname);
    }
}

/*
 * A partition has its parent's columns (same numbers) and inherited
 * constraints: ALTER TABLE forms that would break that are refused with
 * PostgreSQL's errors.
 */
static void
check_partition_alter(Relation rel, AlterTableCmd *cmd)
{
    Oid         parent = PartitionGetParent(RelationGetRelid(rel));

    if (!OidIsValid(parent))
        return;
    switch (cmd->subtype)
    {
        case AT_AddColumn:
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("cannot add column to a partition"));
            break;
        case AT_DropColumn:
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("cannot drop inherited column \"%s\"", cmd->name));
            break;
        case AT_DropNotNull:
            {
                Relation    prel = table_open(parent, AccessShareLock);
                int         attnum = find_column(prel, cmd->name);

                if (attnum > 0 && TupleDescAttr(RelationGetDescr(prel), attnum - 1)->attnotnull)
                    ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                            errmsg("column \"%s\" is marked NOT NULL in parent table", cmd->name));
                table_close(prel, AccessShareLock);
                break;
            }
        case AT_DropConstraint:
            {
                Relation    conrel = table_open(ConstraintRelationId, AccessShareLock);
                CatalogScan scan = CatalogBeginScan(conrel);
                FormData_pg_constraint row;
                bool        inherited = false;

                while (CatalogGetNext(scan, &row, NULL))
                    if (row.conrelid == RelationGetRelid(rel) &&
                        strcmp(NameStr(row.conname), cmd->name) == 0 &&
                        (OidIsValid(row.conparentid) || row.coninhcount > 0))
                        inherited = true;
                CatalogEndScan(scan);
                table_close(conrel, AccessShareLock);
                if (inherited)
                    ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                            errmsg("cannot drop inherited constraint \"%s\" of relation \"%s\"",
                                   cmd->name, RelationGetRelationName(rel)));
                break;
            }
        default:
            break;
    }
}

void
ExecRenameStmt(RenameStmt *stmt)
{
    Oid         relid;
    Relation    rel;

    if (stmt->renameType == OBJECT_SCHEMA)
    {
        const char *oldname = strVal(stmt->object);
        Oid         nspid = LookupNamespace(oldname, false);
        Relation    nsprel;
        CatalogScan scan;
        FormData_pg_namespace row;
        ItemPointerData tid;

        if (OidIsValid(LookupNamespace(stmt->newname, true)))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_SCHEMA),
                    errmsg("schema \"%s\" already exists", stmt->newname));
        if (IsSystemNamespace(nspid) || strncmp(stmt->newname, "pg_", 3) == 0)
            ereport(ERROR, errcode(ERRCODE_RESERVED_NAME),
                    errmsg("unacceptable schema name \"%s\"", stmt->newname),
                    errdetail("The prefix \"pg_\" is reserved for system schemas."));
        nsprel = table_open(NamespaceRelationId, RowExclusiveLock);
        scan = CatalogBeginScan(nsprel);
        while (CatalogGetNext(scan, &row, &tid))
        {
            if (row.oid == nspid)
            {
                CheckOwnership(row.nspowner, "schema", oldname);
                snprintf(row.nspname.data, NAMEDATALEN, "%s", stmt->newname);
                CatalogUpdateRow(nsprel, &tid, &row);
            }
        }
        CatalogEndScan(scan);
        table_close(nsprel, RowExclusiveLock);
        CacheInvalidateCatalog();
        CommandCounterIncrement();
        return;
    }
    if (stmt->relation == NULL ||
        (stmt->renameType != OBJECT_TABLE && stmt->renameType != OBJECT_VIEW &&
         stmt->renameType != OBJECT_COLUMN))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("this form of RENAME is not supported yet"));
    relid = RangeVarGetRelid(stmt->relation, stmt->missing_ok);
    if (!OidIsValid(relid))
    {
        ereport(NOTICE, errmsg("relation \"%s\" does not exist, skipping", stmt->relation->relname));
        return;
    }
    rel = table_open(relid, AccessExclusiveLock);
    CheckNotSystemRelation(relid, RelationGetNamespace(rel), RelationGetRelationName(rel));
    CheckOwnership(RelationGetOwner(rel), rel->rd_relkind == RELKIND_VIEW ? "view" : "table",
                   RelationGetRelationName(rel));
    if (stmt->renameType == OBJECT_COLUMN)
    {
        int         attnum = require_column(rel, stmt->subname);

        if (find_column(rel, stmt->newname) != 0)
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                    errmsg("column \"%s\" of relation \"%s\" already exists", stmt->newname,
                           RelationGetRelationName(rel)));
        if (OidIsValid(PartitionGetParent(relid)))
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("cannot rename inherited column \"%s\"", stmt->subname));
        /* a partitioned table's partitions share its columns: rename them all */
        rename_column_tree(relid, attnum, stmt->newname);
    }
    else
    {
        if (stmt->renameType == OBJECT_VIEW && rel->rd_relkind != RELKIND_VIEW)
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("\"%s\" is not a view", RelationGetRelationName(rel)));
        if (OidIsValid(RelnameGetRelidInNamespace(RelationGetNamespace(rel), stmt->newname)))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", stmt->newname));
        UpdateClassRow(relid, set_relname, stmt->newname);
    }
    table_close(rel, NoLock);
    CommandCounterIncrement();
}
