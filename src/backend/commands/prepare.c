/*
 * prepare.c
 *     PREPARE name [(types)] AS statement, EXECUTE name [(values)],
 *     DEALLOCATE [PREPARE] {name | ALL}.  The statements live in the
 *     session's prepared-statement cache of tcop/portal.h, which also holds
 *     the extended protocol's named statements (as in PostgreSQL, they share
 *     one namespace); cached plans are rebuilt there after DDL.
 * Entry points: ExecPrepareStmt(), ExecExecuteStmt(), ExecDeallocateStmt().
 *
 * Type names and EXECUTE's parameter values are resolved by analyzing and
 * running a small SELECT built from the raw trees ("SELECT NULL::t1, ..."
 * and "SELECT CAST(v1 AS t1), ..."): the same rules and errors as anywhere
 * else in SQL, with no second expression evaluator.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "access/snapshot.h"
#include "catalog/pg_builtin.h"
#include "commands/prepare.h"
#include "executor/executor.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "tcop/portal.h"
#include "utils/elog.h"

/* A receiver keeping the (single) row of a SELECT, values copied. */
typedef struct RowCollector
{
    DestReceiver pub;
    TupleDesc   desc;
    Datum      *values;
    bool       *isnull;
    bool        have_row;
    MemoryContext cxt;          /* where the row is copied (the caller's context) */
} RowCollector;

static void
collector_startup(DestReceiver *self, TupleDesc desc)
{
    RowCollector *rc = (RowCollector *) self;
    MemoryContext old = MemoryContextSwitchTo(rc->cxt);

    rc->desc = CreateTupleDescCopy(desc);
    rc->values = (Datum *) palloc0(sizeof(Datum) * (desc->natts + 1));
    rc->isnull = (bool *) palloc0(sizeof(bool) * (desc->natts + 1));
    MemoryContextSwitchTo(old);
}

static bool
collector_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    RowCollector *rc = (RowCollector *) self;
    MemoryContext old = MemoryContextSwitchTo(rc->cxt);

    for (int i = 0; i < rc->desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(rc->desc, i);

        rc->isnull[i] = isnull[i];
        rc->values[i] = isnull[i] ? (Datum) 0 : datumCopy(values[i], att->attbyval, att->attlen);
    }
    rc->have_row = true;
    MemoryContextSwitchTo(old);
    return false;               /* one row is all we want */
}

static void
collector_noop(DestReceiver *self)
{
    (void) self;
}

/*
 * run_select -- analyze and run "SELECT targets" (ResTarget list), return
 * its single row in the collector (values in CurrentMemoryContext).
 */
static void
run_select(List *targets, const char *query_string, RowCollector *rc)
{
    SelectStmt *sel = makeNode(SelectStmt);
    RawStmt    *raw = makeNode(RawStmt);
    Query      *query;
    PlannedStmt *planned;
    QueryDesc  *qd;

    sel->targetList = targets;
    raw->stmt = (Node *) sel;
    raw->stmt_location = 0;
    raw->stmt_len = 0;
    query = parse_analyze(raw, query_string, NULL, 0);
    planned = planner(query);
    memset(rc, 0, sizeof(*rc));
    rc->pub.startup = collector_startup;
    rc->pub.receive = collector_receive;
    rc->pub.shutdown = collector_noop;
    rc->pub.destroy = collector_noop;
    rc->pub.mydest = DestNone;
    rc->cxt = CurrentMemoryContext;
    PushActiveSnapshot(GetTransactionSnapshot());
    qd = CreateQueryDesc(planned, &rc->pub, NULL);
    ExecutorStart(qd, 0);
    (void) ExecutorRun(qd, 1);
    /* the values are copied by the receiver into our context before the executor goes */
    ExecutorEnd(qd);
    PopActiveSnapshot();
}

static ResTarget *
make_target(Node *val)
{
    ResTarget  *rt = makeNode(ResTarget);

    rt->name = pstrdup("p");    /* no column-name guessing on internal casts */
    rt->val = val;
    rt->location = -1;
    return rt;
}

/* The OIDs of PREPARE's parameter type names. */
static Oid *
resolve_types(List *typenames, const char *query_string)
{
    List       *targets = NIL;
    ListCell   *lc;
    RowCollector rc;
    Oid        *types = (Oid *) palloc0(sizeof(Oid) * (list_length(typenames) + 1));

    if (typenames == NIL)
        return types;
    foreach(lc, typenames)
    {
        TypeCast   *tc = makeNode(TypeCast);
        A_Const    *null = makeNode(A_Const);

        null->isnull = true;
        null->location = -1;
        tc->arg = (Node *) null;
        tc->typeName = (TypeName *) lfirst(lc);
        tc->location = -1;
        targets = lappend(targets, make_target((Node *) tc));
    }
    run_select(targets, query_string, &rc);
    for (int i = 0; i < rc.desc->natts; i++)
        types[i] = TupleDescAttr(rc.desc, i)->atttypid;
    return types;
}

/*
 * The PREPARE statement's own text within the client's string (which may
 * hold several statements): the prepared-statement cache keeps it for
 * re-analysis.  Allocated in CurrentMemoryContext.
 */
static char *
prepare_text(const char *query_string, const char *name)
{
    List       *raws = RawParser(query_string);
    ListCell   *lc;

    foreach(lc, raws)
    {
        RawStmt    *r = (RawStmt *) lfirst(lc);

        if (IsA(r->stmt, PrepareStmt) && strcmp(((PrepareStmt *) r->stmt)->name, name) == 0)
            return pnstrdup(query_string + r->stmt_location,
                            r->stmt_len > 0 ? (Size) r->stmt_len
                            : strlen(query_string + r->stmt_location));
    }
    elog(ERROR, "PREPARE %s not found in its query string", name);
    return NULL;
}

void
ExecPrepareStmt(PrepareStmt *stmt, const char *query_string)
{
    Oid        *types;

    if (stmt->name == NULL || stmt->name[0] == '\0')
        ereport(ERROR, errcode(ERRCODE_INVALID_SQL_STATEMENT_NAME),
                errmsg("invalid statement name: must not be empty"));
    if (PreparedStatementFetch(stmt->name, true) != NULL)
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_PSTATEMENT),
                errmsg("prepared statement \"%s\" already exists", stmt->name));
    types = resolve_types(stmt->argtypes, query_string);
    (void) PreparedStatementCreate(stmt->name, prepare_text(query_string, stmt->name), types,
                                   list_length(stmt->argtypes), true);
}

void
ExecExecuteStmt(ExecuteStmt *stmt, const char *query_string, DestReceiver *dest,
                QueryCompletion *qc)
{
    PreparedStatement *ps = PreparedStatementFetch(stmt->name, false);
    ParamListInfo params = NULL;
    int         n = list_length(stmt->params);

    if (n != ps->num_params)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("wrong number of parameters for prepared statement \"%s\"", ps->name),
                errdetail("Expected %d parameters but got %d.", ps->num_params, n));
    if (n > 0)
    {
        List       *targets = NIL;
        ListCell   *lc;
        RowCollector rc;

        foreach(lc, stmt->params)
        {
            TypeCast   *tc = makeNode(TypeCast);
            TypeName   *tn = makeNode(TypeName);

            tn->typeOid = ps->param_types[foreach_current_index(lc)];
            tn->typemod = -1;
            tn->location = -1;
            tc->arg = (Node *) lfirst(lc);
            tc->typeName = tn;
            tc->location = exprLocation((Node *) lfirst(lc));
            targets = lappend(targets, make_target((Node *) tc));
        }
        run_select(targets, query_string, &rc);
        params = (ParamListInfo) palloc0(offsetof(ParamListInfoData, params) +
                                         sizeof(ParamExternData) * (n + 1));
        params->numParams = n;
        for (int i = 0; i < n; i++)
        {
            params->params[i].value = rc.values[i];
            params->params[i].isnull = rc.isnull[i];
            params->params[i].ptype = ps->param_types[i];
        }
    }
    PreparedStatementExecute(ps, params, dest, qc);
}

void
ExecDeallocateStmt(DeallocateStmt *stmt)
{
    if (stmt->name == NULL)
        PreparedStatementDropAll();
    else
        PreparedStatementDrop(stmt->name, false);
}
