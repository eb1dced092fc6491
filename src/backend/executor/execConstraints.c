/*
 * execConstraints.c
 *     Table constraints the executor enforces beyond NOT NULL: named CHECK
 *     constraints and FOREIGN KEY constraints (both directions), from
 *     pg_constraint, cached per backend.
 * Entry points: ExecRelationChecks(), ExecFKBegin(), ExecFKNoteRow(),
 * ExecFKEnd().
 *
 * Foreign keys work like PostgreSQL's after-row triggers, without
 * triggers: ModifyTable notes each written row (the new key of a
 * referencing row; the old and new key of a referenced row) and, when the
 * statement's rows are all written, ExecFKEnd makes them visible
 * (CommandCounterIncrement) and runs the checks and actions under a fresh
 * snapshot:
 *   - referencing side (INSERT/UPDATE of the table with the FK): a row whose
 *     key has no NULL (MATCH SIMPLE) must find its key in the referenced
 *     table: "SELECT 1 FROM ONLY pk x WHERE k1 = $1 AND ... FOR KEY SHARE
 *     OF x" (an index scan on the referenced key's unique index);
 *   - referenced side (UPDATE of the key / DELETE): NO ACTION / RESTRICT look
 *     for referencing rows and raise 23503; CASCADE, SET NULL and SET
 *     DEFAULT run internal DML on the referencing table ("DELETE FROM ONLY
 *     fk WHERE ...", "UPDATE ONLY fk SET ..."), which goes through the whole
 *     executor and so maintains indexes and fires that table's own FKs.
 * Checks run at the end of the statement, so rows written by the same
 * statement count (a self-referencing INSERT of parent and child works).
 * Internal statements are parsed and planned once per statement and
 * constraint and re-executed with the key as parameters.
 *
 * The referencing-side check locks the referenced row FOR KEY SHARE, so a
 * concurrent DELETE (or key update) of it waits until we end; concurrent
 * child inserts share the lock (access/heap/README.md, "Row locks").  The
 * check sees committed data as of the end of the statement (READ
 * COMMITTED semantics).
 *
 * Cache: one entry per relation, rebuilt when CacheInvalidationCounter()
 * moves (DDL here or committed elsewhere).  Lives in its own context under
 * TopMemoryContext.
 */
#include "rustydb.h"

#include "access/genam.h"
#include "access/snapshot.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "lib/stringinfo.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "partitioning/partition.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/* One FOREIGN KEY constraint. */
typedef struct ForeignKeyInfo
{
    Oid         conoid;
    char        conname[NAMEDATALEN];
    Oid         conrelid;       /* referencing table */
    Oid         confrelid;      /* referenced table */
    int         nkeys;
    int16       conkey[INDEX_MAX_KEYS];
    int16       confkey[INDEX_MAX_KEYS];
    char        upd_action;     /* FKCONSTR_ACTION_* */
    char        del_action;
    char        match_type;     /* FKCONSTR_MATCH_* */
} ForeignKeyInfo;

typedef struct RelConstraints
{
    Oid         relid;
    List       *checks;         /* ExecCheckConstraint */
    List       *fk_out;         /* ForeignKeyInfo: this table references others */
    List       *fk_in;          /* ForeignKeyInfo: others reference this table */
    struct RelConstraints *next;
} RelConstraints;

static MemoryContext cache_cxt = NULL;
static RelConstraints *cache_head = NULL;
static uint64 cache_counter = 0;

/* The columns of the primary key of relid (for "REFERENCES t" without columns). */
static int
primary_key_columns(Oid relid, int16 *cols)
{
    Relation    conrel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(conrel);
    FormData_pg_constraint row;
    ItemPointerData tid;
    int         n = 0;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.conrelid == relid && row.contype == 'p' && row.conkey.n > 0)
        {
            n = Min(row.conkey.n, INDEX_MAX_KEYS);
            memcpy(cols, row.conkey.values, sizeof(int16) * n);
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(conrel, AccessShareLock);
    return n;
}

static RelConstraints *
load_constraints(Oid relid)
{
    RelConstraints *rc;
    Relation    conrel;
    CatalogScan scan;
    FormData_pg_constraint row;
    ItemPointerData tid;
    MemoryContext old;
    List       *fks = NIL;
    ListCell   *lc;
    Oid         parent;

    AcceptInvalidationMessages();
    if (cache_cxt == NULL)
        cache_cxt = MemoryContextCreate(TopMemoryContext, "constraint cache");
    if (cache_counter != CacheInvalidationCounter())
    {
        MemoryContextReset(cache_cxt);
        cache_head = NULL;
        cache_counter = CacheInvalidationCounter();
    }
    for (rc = cache_head; rc; rc = rc->next)
        if (rc->relid == relid)
            return rc;

    /*
     * A partition is referenced through its partitioned table: foreign keys
     * referencing the parent are checked when the partition's rows change.
     */
    parent = PartitionGetParent(relid);
    /* Read in the caller's context first: the scan may raise an error. */
    conrel = table_open(ConstraintRelationId, AccessShareLock);
    scan = CatalogBeginScan(conrel);
    old = MemoryContextSwitchTo(cache_cxt);
    rc = (RelConstraints *) palloc0(sizeof(RelConstraints));
    MemoryContextSwitchTo(old);
    rc->relid = relid;
    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.contype == 'c' && row.conrelid == relid && row.conbin != NULL)
        {
            ExecCheckConstraint *cc;

            old = MemoryContextSwitchTo(cache_cxt);
            cc = (ExecCheckConstraint *) palloc0(sizeof(ExecCheckConstraint));
            snprintf(cc->name, NAMEDATALEN, "%s", row.conname.data);
            cc->expr_sql = pstrdup(row.conbin);
            rc->checks = lappend(rc->checks, cc);
            MemoryContextSwitchTo(old);
        }
        else if (row.contype == 'f' && row.conrelid != relid && OidIsValid(row.conparentid))
            continue;           /* a partition's copy: the partitioned table's FK covers it */
        else if (row.contype == 'f' &&
                 (row.conrelid == relid || row.confrelid == relid ||
                  (OidIsValid(parent) && row.confrelid == parent)))
        {
            ForeignKeyInfo *fk = (ForeignKeyInfo *) palloc0(sizeof(ForeignKeyInfo));

            fk->conoid = row.oid;
            snprintf(fk->conname, NAMEDATALEN, "%s", row.conname.data);
            fk->conrelid = row.conrelid;
            fk->confrelid = row.confrelid;
            fk->nkeys = Min(Max(row.conkey.n, 0), INDEX_MAX_KEYS);
            memcpy(fk->conkey, row.conkey.values, sizeof(int16) * fk->nkeys);
            if (row.confkey.n > 0)
                memcpy(fk->confkey, row.confkey.values, sizeof(int16) * fk->nkeys);
            else
                fk->confkey[0] = 0;     /* resolved below, after the scan */
            fk->upd_action = row.confupdtype;
            fk->del_action = row.confdeltype;
            fk->match_type = row.confmatchtype;
            fks = lappend(fks, fk);
        }
    }
    CatalogEndScan(scan);
    table_close(conrel, AccessShareLock);

    foreach(lc, fks)
    {
        ForeignKeyInfo *fk = (ForeignKeyInfo *) lfirst(lc);
        ForeignKeyInfo *copy;

        if (fk->confkey[0] == 0 && fk->nkeys > 0)
        {
            int16       pk[INDEX_MAX_KEYS];
            int         n = primary_key_columns(fk->confrelid, pk);

            if (n != fk->nkeys)
                ereport(ERROR, errcode(ERRCODE_INVALID_FOREIGN_KEY),
                        errmsg("there is no primary key for referenced table \"%s\"",
                               RelationNameById(fk->confrelid)));
            memcpy(fk->confkey, pk, sizeof(int16) * n);
        }
        old = MemoryContextSwitchTo(cache_cxt);
        copy = (ForeignKeyInfo *) palloc(sizeof(ForeignKeyInfo));
        *copy = *fk;
        if (fk->conrelid == relid)
            rc->fk_out = lappend(rc->fk_out, copy);
        if (fk->confrelid == relid || (OidIsValid(parent) && fk->confrelid == parent))
            rc->fk_in = lappend(rc->fk_in, copy);
        MemoryContextSwitchTo(old);
    }
    rc->next = cache_head;
    cache_head = rc;
    return rc;
}

/*
 * ExecRelationChecks -- the CHECK constraints of rel (ExecCheckConstraint,
 * name + SQL text).  Points into the backend's constraint cache: valid
 * until the next catalog invalidation; callers copy what they keep.
 */
List *
ExecRelationChecks(Relation rel)
{
    return load_constraints(RelationGetRelid(rel))->checks;
}

/* "(1, null, abc)": the row as PostgreSQL prints it in constraint errors. */
char *
ExecRowText(TupleDesc desc, const Datum *values, const bool *isnull)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (att->attisdropped)
            continue;
        if (buf.len > 1)
            appendStringInfoString(&buf, ", ");
        if (isnull[i])
            appendStringInfoString(&buf, "null");
        else
            appendStringInfoString(&buf, OutputFunctionCall(att->atttypid, values[i]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

/*
 * ExecInitCheckConstraints -- ExprStates of rel's CHECK constraints
 * (evaluated with the row as scan tuple) and, in *names, their names
 * (parallel list).  Allocated in CurrentMemoryContext.
 */
List *
ExecInitCheckConstraints(Relation rel, PlanState *parent, List **names)
{
    List       *checks = NIL;
    ListCell   *lc;

    *names = NIL;
    foreach(lc, ExecRelationChecks(rel))
    {
        const ExecCheckConstraint *cc = (const ExecCheckConstraint *) lfirst(lc);
        Node       *expr = AnalyzeExpressionForRelation(cc->expr_sql, rel, "check constraint");

        checks = lappend(checks, ExecInitExpr(expr, parent));
        *names = lappend(*names, pstrdup(cc->name));
    }
    return checks;
}

/*
 * ExecCheckRowConstraints -- NOT NULL and CHECK constraints of a new row
 * (all of rel's columns in row): ERROR 23502 / 23514 with PostgreSQL's
 * messages.  econtext's per-tuple memory is used.
 */
void
ExecCheckRowConstraints(Relation rel, List *checks, List *names, ExprContext *econtext,
                        TupleTableSlot *row)
{
    TupleDesc   desc = RelationGetDescr(rel);
    ListCell   *lc;

    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (att->attnotnull && !att->attisdropped && row->isnull[i])
            ereport(ERROR, errcode(ERRCODE_NOT_NULL_VIOLATION),
                    errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                           att->attname.data, RelationGetRelationName(rel)),
                    errdetail("Failing row contains %s.", ExecRowText(desc, row->values, row->isnull)));
    }
    econtext->scantuple = row;
    foreach(lc, checks)
    {
        bool        isnull;
        Datum       ok = ExecEvalExprSwitchContext((ExprState *) lfirst(lc), econtext, &isnull);

        /* NULL passes a CHECK constraint */
        if (!isnull && !DatumGetBool(ok))
            ereport(ERROR, errcode(ERRCODE_CHECK_VIOLATION),
                    errmsg("new row for relation \"%s\" violates check constraint \"%s\"",
                           RelationGetRelationName(rel),
                           (const char *) list_nth(names, foreach_current_index(lc))),
                    errdetail("Failing row contains %s.", ExecRowText(desc, row->values, row->isnull)));
    }
}

/* ---------------- foreign keys ---------------- */

typedef enum FKEventKind
{
    FK_EVENT_CHECK,             /* referencing row written: key must exist */
    FK_EVENT_PARENT_DELETE,     /* referenced row deleted */
    FK_EVENT_PARENT_UPDATE      /* referenced row's key changed */
} FKEventKind;

typedef struct FKEvent
{
    FKEventKind kind;
    ForeignKeyInfo *fk;
    Datum      *oldkey;         /* referenced side: the old key (referenced columns) */
    bool       *oldnull;
    Datum      *newkey;         /* check: the row's FK columns; parent update: the new key */
    bool       *newnull;
} FKEvent;

/* A planned internal statement, reused for every event of a statement. */
typedef struct FKPlan
{
    ForeignKeyInfo *fk;
    int         kind;           /* FKPlanKind */
    PlannedStmt *stmt;
    int         nparams;
    Oid         paramtypes[2 * INDEX_MAX_KEYS];
} FKPlan;

typedef enum FKPlanKind
{
    FKP_PK_EXISTS,              /* SELECT 1 FROM pk WHERE pkcols = $ */
    FKP_FK_EXISTS,              /* SELECT 1 FROM fk WHERE fkcols = $ */
    FKP_FK_DELETE,              /* DELETE FROM fk WHERE fkcols = $ */
    FKP_FK_SET_NEW,             /* UPDATE fk SET fkcols = $n+i WHERE fkcols = $ */
    FKP_FK_SET_NULL,            /* UPDATE fk SET fkcols = NULL WHERE ... */
    FKP_FK_SET_DEFAULT          /* UPDATE fk SET fkcols = DEFAULT WHERE ... */
} FKPlanKind;

struct ExecFKState
{
    Relation    rel;
    CmdType     operation;
    List       *fk_out;         /* ForeignKeyInfo (copies, statement-long) */
    List       *fk_in;
    List       *events;         /* FKEvent */
    List       *plans;          /* FKPlan */
    MemoryContext cxt;          /* events and plans */
};

static ForeignKeyInfo *
copy_fk(const ForeignKeyInfo *fk)
{
    ForeignKeyInfo *c = (ForeignKeyInfo *) palloc(sizeof(ForeignKeyInfo));

    *c = *fk;
    return c;
}

/*
 * ExecFKBegin -- the foreign-key work of a statement modifying rel with
 * operation (CMD_INSERT/UPDATE/DELETE), or NULL if there is none.
 * Allocated in CurrentMemoryContext (the executor's query context).
 */
ExecFKState *
ExecFKBegin(Relation rel, CmdType operation)
{
    RelConstraints *rc = load_constraints(RelationGetRelid(rel));
    ExecFKState *st;
    ListCell   *lc;
    List       *out = NIL;
    List       *in = NIL;

    if (operation != CMD_DELETE)
        foreach(lc, rc->fk_out)
            out = lappend(out, copy_fk((ForeignKeyInfo *) lfirst(lc)));
    if (operation != CMD_INSERT)
        foreach(lc, rc->fk_in)
            in = lappend(in, copy_fk((ForeignKeyInfo *) lfirst(lc)));
    if (out == NIL && in == NIL)
        return NULL;
    st = (ExecFKState *) palloc0(sizeof(ExecFKState));
    st->rel = rel;
    st->operation = operation;
    st->fk_out = out;
    st->fk_in = in;
    st->cxt = MemoryContextCreate(CurrentMemoryContext, "foreign key events");
    return st;
}

/* Does ModifyTable need the old row (UPDATE/DELETE of a referenced table)? */
bool
ExecFKNeedsOldRow(const ExecFKState *st)
{
    return st != NULL && st->fk_in != NIL;
}

static bool
keys_equal(Relation rel, const int16 *cols, int n, const Datum *v1, const bool *n1,
           const Datum *v2, const bool *n2)
{
    TupleDesc   desc = RelationGetDescr(rel);

    for (int i = 0; i < n; i++)
    {
        int         c = cols[i] - 1;
        SortSupportData key;

        if (n1[c] != n2[c])
            return false;
        if (n1[c])
            continue;
        ExecSortSupportInit(&key, 0, TupleDescAttr(desc, c)->atttypid, false, false);
        if (ExecCompareKeys(&key, 1, &v1[c], &n1[c], &v2[c], &n2[c]) != 0)
            return false;
    }
    return true;
}

/* Copy the key columns cols of a row into the event context. */
static void
copy_key(Relation rel, const int16 *cols, int n, const Datum *values, const bool *isnull,
         Datum **outv, bool **outn)
{
    TupleDesc   desc = RelationGetDescr(rel);
    Datum      *v = (Datum *) palloc(sizeof(Datum) * n);
    bool       *nl = (bool *) palloc(sizeof(bool) * n);

    for (int i = 0; i < n; i++)
    {
        Attribute   att = TupleDescAttr(desc, cols[i] - 1);

        nl[i] = isnull[cols[i] - 1];
        v[i] = nl[i] ? (Datum) 0 : datumCopy(values[cols[i] - 1], att->attbyval, att->attlen);
    }
    *outv = v;
    *outn = nl;
}

static void
add_event(ExecFKState *st, FKEventKind kind, ForeignKeyInfo *fk, Datum *ov, bool *on,
          Datum *nv, bool *nn)
{
    FKEvent    *ev = (FKEvent *) palloc0(sizeof(FKEvent));

    ev->kind = kind;
    ev->fk = fk;
    ev->oldkey = ov;
    ev->oldnull = on;
    ev->newkey = nv;
    ev->newnull = nn;
    st->events = lappend(st->events, ev);
}

/*
 * ExecFKNoteRow -- a row was written: newvalues for INSERT/UPDATE (NULL
 * for DELETE), oldvalues for UPDATE/DELETE when ExecFKNeedsOldRow (else
 * NULL).  Values are the table's columns; the keys are copied.
 */
void
ExecFKNoteRow(ExecFKState *st, const Datum *oldvalues, const bool *oldnulls,
              const Datum *newvalues, const bool *newnulls)
{
    MemoryContext old = MemoryContextSwitchTo(st->cxt);
    ListCell   *lc;

    if (newvalues != NULL)
    {
        foreach(lc, st->fk_out)
        {
            ForeignKeyInfo *fk = (ForeignKeyInfo *) lfirst(lc);
            Datum      *v;
            bool       *n;

            /* PostgreSQL skips the check when an UPDATE left the key unchanged */
            if (oldvalues != NULL &&
                keys_equal(st->rel, fk->conkey, fk->nkeys, oldvalues, oldnulls, newvalues, newnulls))
                continue;
            copy_key(st->rel, fk->conkey, fk->nkeys, newvalues, newnulls, &v, &n);
            add_event(st, FK_EVENT_CHECK, fk, NULL, NULL, v, n);
        }
    }
    if (oldvalues != NULL)
    {
        foreach(lc, st->fk_in)
        {
            ForeignKeyInfo *fk = (ForeignKeyInfo *) lfirst(lc);
            Datum      *ov;
            bool       *on;
            Datum      *nv = NULL;
            bool       *nn = NULL;

            if (newvalues != NULL &&
                keys_equal(st->rel, fk->confkey, fk->nkeys, oldvalues, oldnulls, newvalues, newnulls))
                continue;
            copy_key(st->rel, fk->confkey, fk->nkeys, oldvalues, oldnulls, &ov, &on);
            if (newvalues != NULL)
                copy_key(st->rel, fk->confkey, fk->nkeys, newvalues, newnulls, &nv, &nn);
            add_event(st, newvalues ? FK_EVENT_PARENT_UPDATE : FK_EVENT_PARENT_DELETE, fk,
                      ov, on, nv, nn);
        }
    }
    MemoryContextSwitchTo(old);
}

/* "schema.table" for internal SQL. */
static char *
qualified_name(Oid relid)
{
    return psprintf("%s.%s", QuoteIdentifier(NamespaceNameById(RelationNamespaceById(relid))),
                    QuoteIdentifier(RelationNameById(relid)));
}

static const char *
column_name(Relation rel, int attno)
{
    return TupleDescAttr(RelationGetDescr(rel), attno - 1)->attname.data;
}

/* Build (once per statement) the internal statement of kind for fk. */
static FKPlan *
get_plan(ExecFKState *st, ForeignKeyInfo *fk, FKPlanKind kind)
{
    ListCell   *lc;
    FKPlan     *p;
    StringInfoData sql;
    bool        on_pk = kind == FKP_PK_EXISTS;
    Oid         target = on_pk ? fk->confrelid : fk->conrelid;
    const int16 *cols = on_pk ? fk->confkey : fk->conkey;
    Relation    trel;
    Relation    pkrel;
    List       *raws;
    Query      *query;
    MemoryContext old;
    const char *only;

    foreach(lc, st->plans)
    {
        p = (FKPlan *) lfirst(lc);
        if (p->fk == fk && p->kind == (int) kind)
            return p;
    }
    old = MemoryContextSwitchTo(st->cxt);
    p = (FKPlan *) palloc0(sizeof(FKPlan));
    p->fk = fk;
    p->kind = kind;
    trel = table_open(target, AccessShareLock);
    pkrel = table_open(fk->confrelid, AccessShareLock);
    /* a partitioned table is looked at through its partitions: no ONLY */
    only = trel->rd_relkind == RELKIND_PARTITIONED_TABLE ? "" : "ONLY ";
    initStringInfo(&sql);
    switch (kind)
    {
        case FKP_PK_EXISTS:
        case FKP_FK_EXISTS:
            appendStringInfo(&sql, "SELECT 1 FROM %s%s x WHERE ", only, qualified_name(target));
            break;
        case FKP_FK_DELETE:
            appendStringInfo(&sql, "DELETE FROM %s%s WHERE ", only, qualified_name(target));
            break;
        default:
            appendStringInfo(&sql, "UPDATE %s%s SET ", only, qualified_name(target));
            for (int i = 0; i < fk->nkeys; i++)
            {
                if (i > 0)
                    appendStringInfoString(&sql, ", ");
                appendStringInfo(&sql, "%s = ", QuoteIdentifier(column_name(trel, cols[i])));
                if (kind == FKP_FK_SET_NEW)
                    appendStringInfo(&sql, "$%d", fk->nkeys + i + 1);
                else
                    appendStringInfoString(&sql, kind == FKP_FK_SET_NULL ? "NULL" : "DEFAULT");
            }
            appendStringInfoString(&sql, " WHERE ");
            break;
    }
    /* parameters have the referenced columns' types */
    for (int i = 0; i < fk->nkeys; i++)
    {
        Oid         t = TupleDescAttr(RelationGetDescr(pkrel), fk->confkey[i] - 1)->atttypid;

        if (i > 0)
            appendStringInfoString(&sql, " AND ");
        appendStringInfo(&sql, "%s = $%d", QuoteIdentifier(column_name(trel, cols[i])), i + 1);
        p->paramtypes[i] = t;
        p->paramtypes[fk->nkeys + i] = t;
    }
    /*
     * The referenced row must stay until we commit: lock it with the
     * weakest row lock (PostgreSQL does the same), which conflicts only with
     * DELETE and key-changing updates, so concurrent inserts of children of
     * one parent do not wait for each other.
     */
    if (kind == FKP_PK_EXISTS)
        appendStringInfoString(&sql, " FOR KEY SHARE OF x");
    p->nparams = kind == FKP_FK_SET_NEW ? 2 * fk->nkeys : fk->nkeys;
    table_close(pkrel, NoLock);
    table_close(trel, NoLock);
    raws = RawParser(sql.data);
    query = parse_analyze((RawStmt *) linitial(raws), sql.data, p->paramtypes, p->nparams);
    p->stmt = planner(query);
    st->plans = lappend(st->plans, p);
    MemoryContextSwitchTo(old);
    return p;
}

/* Run plan p with values; returns the rows processed (SELECT: stops after one). */
static uint64
run_plan(FKPlan *p, const Datum *v1, const bool *n1, const Datum *v2, const bool *n2, int nkeys)
{
    ParamListInfo params = (ParamListInfo) palloc0(offsetof(ParamListInfoData, params) +
                                                   sizeof(ParamExternData) * (p->nparams + 1));
    QueryDesc  *qd;
    uint64      n;

    params->numParams = p->nparams;
    for (int i = 0; i < p->nparams; i++)
    {
        bool        second = i >= nkeys;

        params->params[i].value = second ? v2[i - nkeys] : v1[i];
        params->params[i].isnull = second ? n2[i - nkeys] : n1[i];
        params->params[i].ptype = p->paramtypes[i];
    }
    qd = CreateQueryDesc(p->stmt, None_Receiver, params);
    ExecutorStart(qd, 0);
    n = ExecutorRun(qd, p->stmt->commandType == CMD_SELECT ? 1 : 0);
    ExecutorEnd(qd);
    if (p->stmt->commandType != CMD_SELECT)
    {
        /* later checks of this statement must see what the action did */
        CommandCounterIncrement();
        UpdateActiveSnapshotCommandId();
    }
    return n;
}

/* "(a, b)=(1, 2)" for error details. */
static char *
key_detail(Relation rel, const int16 *cols, int n, const Datum *v, const bool *isnull)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoString(&buf, "Key (");
    for (int i = 0; i < n; i++)
        appendStringInfo(&buf, "%s%s", i ? ", " : "", column_name(rel, cols[i]));
    appendStringInfoString(&buf, ")=(");
    for (int i = 0; i < n; i++)
    {
        Attribute   att = TupleDescAttr(RelationGetDescr(rel), cols[i] - 1);

        appendStringInfo(&buf, "%s%s", i ? ", " : "",
                         isnull[i] ? "null" : OutputFunctionCall(att->atttypid, v[i]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

static void
check_referencing_row(ExecFKState *st, FKEvent *ev)
{
    ForeignKeyInfo *fk = ev->fk;
    int         nnull = 0;

    for (int i = 0; i < fk->nkeys; i++)
        if (ev->newnull[i])
            nnull++;
    if (nnull == fk->nkeys)
        return;
    if (nnull > 0)
    {
        if (fk->match_type == FKCONSTR_MATCH_FULL)
            ereport(ERROR, errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                    errmsg("insert or update on table \"%s\" violates foreign key constraint \"%s\"",
                           RelationGetRelationName(st->rel), fk->conname),
                    errdetail("MATCH FULL does not allow mixing of null and nonnull key values."));
        return;                 /* MATCH SIMPLE: a NULL column satisfies the constraint */
    }
    if (run_plan(get_plan(st, fk, FKP_PK_EXISTS), ev->newkey, ev->newnull, NULL, NULL,
                 fk->nkeys) == 0)
        ereport(ERROR, errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                errmsg("insert or update on table \"%s\" violates foreign key constraint \"%s\"",
                       RelationGetRelationName(st->rel), fk->conname),
                errdetail("%s is not present in table \"%s\".",
                          key_detail(st->rel, fk->conkey, fk->nkeys, ev->newkey, ev->newnull),
                          RelationNameById(fk->confrelid)));
}

static void
referenced_row_changed(ExecFKState *st, FKEvent *ev)
{
    ForeignKeyInfo *fk = ev->fk;
    char        action = ev->kind == FK_EVENT_PARENT_DELETE ? fk->del_action : fk->upd_action;

    for (int i = 0; i < fk->nkeys; i++)
        if (ev->oldnull[i])
            return;             /* no referencing row can match a NULL key */
    switch (action)
    {
        case FKCONSTR_ACTION_CASCADE:
            if (ev->kind == FK_EVENT_PARENT_DELETE)
                (void) run_plan(get_plan(st, fk, FKP_FK_DELETE), ev->oldkey, ev->oldnull,
                                NULL, NULL, fk->nkeys);
            else
                (void) run_plan(get_plan(st, fk, FKP_FK_SET_NEW), ev->oldkey, ev->oldnull,
                                ev->newkey, ev->newnull, fk->nkeys);
            return;
        case FKCONSTR_ACTION_SETNULL:
            (void) run_plan(get_plan(st, fk, FKP_FK_SET_NULL), ev->oldkey, ev->oldnull,
                            NULL, NULL, fk->nkeys);
            return;
        case FKCONSTR_ACTION_SETDEFAULT:
            (void) run_plan(get_plan(st, fk, FKP_FK_SET_DEFAULT), ev->oldkey, ev->oldnull,
                            NULL, NULL, fk->nkeys);

            /*
             * Rows whose default equals the old key were "updated" to the
             * same key, so their own check was skipped: look again, as NO
             * ACTION would (PostgreSQL does the same).
             */
            action = FKCONSTR_ACTION_NOACTION;
            break;
        default:
            break;
    }
    /* NO ACTION: fine if another row now carries the old key */
    if (action != FKCONSTR_ACTION_RESTRICT &&
        run_plan(get_plan(st, fk, FKP_PK_EXISTS), ev->oldkey, ev->oldnull, NULL, NULL,
                 fk->nkeys) > 0)
        return;
    if (run_plan(get_plan(st, fk, FKP_FK_EXISTS), ev->oldkey, ev->oldnull, NULL, NULL,
                 fk->nkeys) > 0)
        ereport(ERROR, errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                errmsg("update or delete on table \"%s\" violates foreign key constraint \"%s\" on table \"%s\"",
                       RelationGetRelationName(st->rel), fk->conname,
                       RelationNameById(fk->conrelid)),
                errdetail("%s is still referenced from table \"%s\".",
                          key_detail(st->rel, fk->confkey, fk->nkeys, ev->oldkey, ev->oldnull),
                          RelationNameById(fk->conrelid)));
}

/*
 * ExecFKEnd -- the statement's rows are written: run the noted checks and
 * actions (see the file header).  ERROR 23503 on a violation.  Frees the
 * events.
 */
void
ExecFKEnd(ExecFKState *st)
{
    ListCell   *lc;
    MemoryContext tmp;

    if (st == NULL || st->events == NIL)
        return;
    CommandCounterIncrement();
    PushActiveSnapshot(GetLatestSnapshot());
    tmp = MemoryContextCreate(st->cxt, "foreign key check");
    foreach(lc, st->events)
    {
        FKEvent    *ev = (FKEvent *) lfirst(lc);
        MemoryContext old = MemoryContextSwitchTo(tmp);

        if (ev->kind == FK_EVENT_CHECK)
            check_referencing_row(st, ev);
        else
            referenced_row_changed(st, ev);
        MemoryContextSwitchTo(old);
        MemoryContextReset(tmp);
    }
    MemoryContextDelete(tmp);
    PopActiveSnapshot();
    st->events = NIL;
}
