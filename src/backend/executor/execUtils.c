/*
 * execUtils.c
 *     Executor helpers shared by the node files: the EState, expression
 *     contexts, result slots and projections, key comparison and hashing for
 *     sorts and hash tables, and EXPLAIN ANALYZE instrumentation.
 * Entry points: CreateExecutorState(), FreeExecutorState(),
 * CreateExprContext(), ExecInitResultAndProjection(), ExecCompareKeys(),
 * ExecHashKeys(), Instr*().
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "executor_int.h"
#include "nodes/nodeFuncs.h"
#include "utils/elog.h"

/*
 * CreateExecutorState -- a new EState with its own query context, a child
 * of CurrentMemoryContext.  Everything the executor allocates for the query
 * lives there and is freed by FreeExecutorState().
 */
EState *
CreateExecutorState(void)
{
    MemoryContext qcxt = MemoryContextCreate(CurrentMemoryContext, "ExecutorState");
    MemoryContext old = MemoryContextSwitchTo(qcxt);
    EState     *estate = (EState *) newNode(sizeof(EState), T_EState);

    estate->es_query_cxt = qcxt;
    MemoryContextSwitchTo(old);
    return estate;
}

void
FreeExecutorState(EState *estate)
{
    MemoryContextDelete(estate->es_query_cxt);
}

/* CreateExprContext -- in the query context, with a fresh per-tuple context. */
ExprContext *
CreateExprContext(EState *estate)
{
    MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
    ExprContext *econtext = (ExprContext *) newNode(sizeof(ExprContext), T_ExprContext);

    econtext->per_query_memory = estate->es_query_cxt;
    econtext->per_tuple_memory = MemoryContextCreate(estate->es_query_cxt, "ExprContext");
    econtext->param_exec_vals = estate->es_param_exec_vals;
    econtext->param_list_info = estate->es_param_list_info;
    econtext->estate = estate;
    econtext->caseNull = true;
    MemoryContextSwitchTo(old);
    return econtext;
}

void
ExecAssignExprContext(PlanState *ps)
{
    ps->ps_ExprContext = CreateExprContext(ps->state);
}

/*
 * ExecInitResultAndProjection -- create the node's result slot from its
 * targetlist, and (if need_projection) the projection computing it.  The
 * node's ExprContext must exist.
 */
void
ExecInitResultAndProjection(PlanState *ps, bool need_projection)
{
    MemoryContext old = MemoryContextSwitchTo(ps->state->es_query_cxt);

    ps->ps_ResultTupleDesc = ExecTypeFromTL(ps->plan->targetlist);
    ps->ps_ResultTupleSlot = MakeTupleTableSlot(ps->ps_ResultTupleDesc);
    if (need_projection)
        ps->ps_ProjInfo = ExecBuildProjectionInfo(ps->plan->targetlist, ps->ps_ExprContext,
                                                  ps->ps_ResultTupleSlot, ps);
    MemoryContextSwitchTo(old);
}

/*
 * ExecTargetListIsPassThrough -- true if targetlist is Var(varno, 1..n) in
 * order over an input of exactly n columns, so the input row can be
 * returned without projecting.
 */
bool
ExecTargetListIsPassThrough(List *targetlist, int varno, TupleDesc input)
{
    ListCell   *lc;
    int         i = 0;

    if (input == NULL || list_length(targetlist) != input->natts)
        return false;
    foreach(lc, targetlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);
        Var        *var = (Var *) tle->expr;

        i++;
        if (var == NULL || !IsA(var, Var) || var->varattno != i || var->varlevelsup != 0)
            return false;
        if (varno != 0 && var->varno != varno)
            return false;
        if (varno == 0 && var->varno <= 0)
            return false;
    }
    return true;
}

static bool
max_attno_walker(Node *node, void *context)
{
    int        *max_attno = (int *) context;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        Var        *var = (Var *) node;

        if (var->varattno > *max_attno)
            *max_attno = var->varattno;
        return false;
    }
    return expression_tree_walker(node, max_attno_walker, context);
}

/*
 * ExecMaxVarAttno -- the highest user column number any Var in node (an
 * expression, a qual list or a targetlist) reads, 0 if none.  Vars of every
 * varno count, so it is an upper bound for each input of the node; system
 * columns (negative attnos) are ignored.  Scans use it to deform only the
 * columns their quals and projection need.
 */
int
ExecMaxVarAttno(Node *node)
{
    int         max_attno = 0;

    (void) max_attno_walker(node, &max_attno);
    return max_attno;
}

/* ---------------- key comparison and hashing ---------------- */

void
ExecSortSupportInit(SortSupportData *key, int colidx, Oid typid, bool desc, bool nulls_first)
{
    key->colidx = colidx;
    key->typid = typid;
    key->cmp = TypeCompareFunction(typid);
    key->hash = TypeHashFunction(typid);
    key->desc = desc;
    key->nulls_first = nulls_first;
}

static Datum
call2(RdbFunction fn, Oid typid, Datum a, Datum b)
{
    union
    {
        FunctionCallInfoBaseData fcinfo;
        char        space[SizeForFunctionCallInfo(2)];
    }           u;
    Oid         types[2] = {typid, typid};
    Datum       result;

    memset(&u, 0, sizeof(u));
    u.fcinfo.nargs = 2;
    u.fcinfo.argtypes = types;
    u.fcinfo.result_typmod = -1;
    u.fcinfo.args[0].value = a;
    u.fcinfo.args[1].value = b;
    result = fn(&u.fcinfo);
    if (u.fcinfo.isnull)
        elog(ERROR, "comparison function returned NULL");
    return result;
}

/*
 * ExecCompareKeys -- compare two rows (values/nulls arrays indexed by each
 * key's colidx) in key order.  NULLs sort as the key says; DESC reverses the
 * non-null order.
 */
int
ExecCompareKeys(const SortSupportData *keys, int nkeys,
                const Datum *v1, const bool *n1, const Datum *v2, const bool *n2)
{
    for (int k = 0; k < nkeys; k++)
    {
        const SortSupportData *key = &keys[k];
        int         c = key->colidx;
        int         r;

        if (n1[c] || n2[c])
        {
            if (n1[c] && n2[c])
                continue;
            /* NULL is larger than everything unless nulls_first */
            r = n1[c] ? 1 : -1;
            if (key->nulls_first)
                r = -r;
            return r;
        }
        if (key->cmp == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                    errmsg("could not identify an ordering operator for type %s",
                           FormatTypeWithTypmod(key->typid, -1)));
        r = DatumGetInt32(call2(key->cmp, key->typid, v1[c], v2[c]));
        if (r != 0)
        {
            r = r < 0 ? -1 : 1;
            return key->desc ? -r : r;
        }
    }
    return 0;
}

/* ExecHashKeys -- combined hash of the key columns (NULLs hash to a constant). */
uint32
ExecHashKeys(const SortSupportData *keys, int nkeys, const Datum *v, const bool *n)
{
    uint32      h = 0;

    for (int k = 0; k < nkeys; k++)
    {
        const SortSupportData *key = &keys[k];
        int         c = key->colidx;
        uint32      kh = 0;

        h = (h << 1) | (h >> 31);
        if (!n[c])
        {
            union
            {
                FunctionCallInfoBaseData fcinfo;
                char        space[SizeForFunctionCallInfo(1)];
            }           u;
            Oid         types[1] = {key->typid};

            if (key->hash == NULL)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                        errmsg("could not identify a hash function for type %s",
                               FormatTypeWithTypmod(key->typid, -1)));
            memset(&u, 0, sizeof(u));
            u.fcinfo.nargs = 1;
            u.fcinfo.argtypes = types;
            u.fcinfo.args[0].value = v[c];
            kh = DatumGetUInt32(key->hash(&u.fcinfo));
        }
        h ^= kh;
    }
    return h;
}

/* ---------------- instrumentation ---------------- */

static double
elapsed_s(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double) (now.tv_sec - start->tv_sec) + (double) (now.tv_nsec - start->tv_nsec) / 1e9;
}

void
InstrStartNode(Instrumentation *instr)
{
    clock_gettime(CLOCK_MONOTONIC, &instr->starttime);
    instr->running = true;
}

void
InstrStopNode(Instrumentation *instr, double nrows)
{
    instr->counter_s += elapsed_s(&instr->starttime);
    if (!instr->first_done && nrows > 0)
    {
        instr->firsttuple_s = instr->counter_s;
        instr->first_done = true;
    }
    instr->tuplecount += nrows;
}

/* InstrEndLoop -- fold the current loop into the totals (called at rescan and end). */
void
InstrEndLoop(Instrumentation *instr)
{
    if (!instr->running)
        return;
    instr->startup_s += instr->first_done ? instr->firsttuple_s : instr->counter_s;
    instr->total_s += instr->counter_s;
    instr->ntuples += instr->tuplecount;
    instr->nloops += 1;
    instr->running = false;
    instr->counter_s = 0;
    instr->firsttuple_s = 0;
    instr->tuplecount = 0;
    instr->first_done = false;
}
