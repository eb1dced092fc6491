/*
 * indxpath.c
 *     Index access paths: which restriction (or join) conditions a B-tree
 *     can apply as scan keys, whether a partial index's predicate is implied
 *     by the query's conditions, the ORDER BY an index delivers, and the
 *     cost of an index scan.  Also the per-backend list of a table's
 *     indexes the planner may use (valid ones, and those with indcheckxmin
 *     only once the transaction's horizon follows their build), cached
 *     until the next catalog invalidation.
 * Entry points: plan_rel_indexes(), create_index_paths(),
 * create_parameterized_index_path(), index_clause_selectivity(),
 * InferArbiterIndexes() (INSERT ... ON CONFLICT).
 *
 * An index condition is "key_column op value" with op one of < <= = >= >
 * (either operand order), "key_column IS [NOT] NULL", where value has no
 * Var of the scanned relation and no volatile function; join conditions
 * become keys of the inner side of a nested loop when value only uses
 * Vars of the outer side (create_parameterized_index_path).  Operand types
 * must agree with the column's (the B-tree compares with the column
 * type's function): integer constants of another width are converted when
 * they fit, binary-compatible types (varchar/text) pass as they are, other
 * mismatches are not indexable.
 *
 * Costs follow PostgreSQL's shape (optimizer/README.md "Costs"): descent,
 * index pages and entries read, one random heap page per fetched row up to
 * the table's size (no correlation statistics yet), per-row CPU.  A unique
 * index with "=" on every key column returns at most one row.
 */
#include "rustydb.h"

#include <math.h>

#include "access/genam.h"
#include "access/snapshot.h"
#include "access/transam.h"
#include "catalog/index.h"
#include "catalog/pg_builtin.h"
#include "parser/analyze.h"
#include "planner_int.h"
#include "storage/bufmgr.h"
#include "storage/lockdefs.h"
#include "storage/proc.h"
#include "utils/guc.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/* ---------------- the index list cache ---------------- */

typedef struct RelIndexCache
{
    Oid         relid;
    List       *indexes;        /* PlanIndex */
    struct RelIndexCache *next;
} RelIndexCache;

static MemoryContext index_cache_cxt = NULL;
static RelIndexCache *index_cache = NULL;
static uint64 index_cache_counter = 0;

/*
 * index_usable_now -- may this transaction use an index with indcheckxmin?
 * Its build left out HOT chain members that snapshots older than the build
 * may still see (heap README "HOT chains and new indexes").  As in
 * PostgreSQL, the index is usable once the building transaction precedes
 * the transaction's horizon (TransactionXmin: MyProc->xmin, the xmin of
 * its first snapshot): every snapshot the transaction takes then sees the
 * build committed, and with it every update that made those members dead.
 * Later snapshots' xmins never go backwards, so a plan made now stays
 * right for the rest of the transaction.
 */
static bool
index_usable_now(const PlanIndex *pi)
{
    TransactionId xmin;

    if (!pi->checkxmin)
        return true;
    xmin = (TransactionId) atomic_load(&MyProc->xmin);
    if (!TransactionIdIsNormal(xmin))
    {
        /* no snapshot yet: take one, which sets the horizon */
        (void) GetCatalogSnapshot();
        xmin = (TransactionId) atomic_load(&MyProc->xmin);
    }
    return TransactionIdIsNormal(xmin) && pi->buildxid < xmin;
}

/*
 * usable_index_copies -- the entries of a cached PlanIndex list that this
 * transaction may use (index_usable_now), copied into the current memory
 * context.  The planner keeps a relation's list for the whole planning, and
 * an invalidation accepted meanwhile (by the next relation's lookup, e.g.
 * after a concurrent VACUUM or CREATE INDEX) resets the cache.
 */
static List *
usable_index_copies(List *indexes)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, indexes)
    {
        PlanIndex  *pi;

        if (!index_usable_now((PlanIndex *) lfirst(lc)))
            continue;
        pi = (PlanIndex *) palloc(sizeof(PlanIndex));
        *pi = *(PlanIndex *) lfirst(lc);
        if (pi->predicate_sql)
            pi->predicate_sql = pstrdup(pi->predicate_sql);
        result = lappend(result, pi);
    }
    return result;
}

/*
 * plan_rel_indexes -- the valid indexes of table relid (PlanIndex) this
 * transaction may use (index_usable_now), from a backend-local cache
 * rebuilt after catalog invalidations, copied into the caller's memory
 * context (usable_index_copies).
 */
List *
plan_rel_indexes(Oid relid)
{
    RelIndexCache *c;
    Relation    rel;
    List       *oids;
    List       *result = NIL;
    ListCell   *lc;
    MemoryContext old;

    AcceptInvalidationMessages();
    if (index_cache_cxt == NULL)
        index_cache_cxt = MemoryContextCreate(TopMemoryContext, "planner index cache");
    if (index_cache_counter != CacheInvalidationCounter())
    {
        MemoryContextReset(index_cache_cxt);
        index_cache = NULL;
        index_cache_counter = CacheInvalidationCounter();
    }
    for (c = index_cache; c; c = c->next)
        if (c->relid == relid)
            return usable_index_copies(c->indexes);

    rel = table_open(relid, AccessShareLock);
    oids = RelationGetIndexList(rel);
    table_close(rel, NoLock);
    foreach(lc, oids)
    {
        IndexInfo  *info = IndexInfoFromCatalog(lfirst_oid(lc));
        PlanIndex  *pi;

        if (!info->valid)
            continue;
        old = MemoryContextSwitchTo(index_cache_cxt);
        pi = (PlanIndex *) palloc0(sizeof(PlanIndex));
        pi->indexoid = lfirst_oid(lc);
        pi->natts = info->natts;
        pi->nkeyatts = info->nkeyatts;
        memcpy(pi->attnums, info->attnums, sizeof(int16) * info->natts);
        memcpy(pi->indoption, info->indoption, sizeof(int16) * info->nkeyatts);
        pi->unique = info->unique;
        pi->predicate_sql = info->predicate ? pstrdup(info->predicate) : NULL;
        pi->checkxmin = info->checkxmin;
        pi->buildxid = info->buildxid;
        result = lappend(result, pi);
        MemoryContextSwitchTo(old);
    }
    old = MemoryContextSwitchTo(index_cache_cxt);
    c = (RelIndexCache *) palloc0(sizeof(RelIndexCache));
    c->relid = relid;
    c->indexes = result;
    c->next = index_cache;
    index_cache = c;
    MemoryContextSwitchTo(old);
    return usable_index_copies(result);
}

/* ---------------- matching conditions to index columns ---------------- */

static int
strategy_of(const char *opname)
{
    if (strcmp(opname, "<") == 0)
        return BTLessStrategyNumber;
    if (strcmp(opname, "<=") == 0)
        return BTLessEqualStrategyNumber;
    if (strcmp(opname, "=") == 0)
        return BTEqualStrategyNumber;
    if (strcmp(opname, ">=") == 0)
        return BTGreaterEqualStrategyNumber;
    if (strcmp(opname, ">") == 0)
        return BTGreaterStrategyNumber;
    return 0;
}

static int
commute_strategy(int s)
{
    return BTGreaterStrategyNumber + 1 - s;     /* 1<->5, 2<->4, 3 stays */
}

typedef struct ValueCheck
{
    int         rti;            /* Vars of this relation are not allowed */
    Relids      allowed;        /* other Vars only of these relations */
    bool        ok;
} ValueCheck;

static bool
value_walker(Node *node, void *context)
{
    ValueCheck *vc = (ValueCheck *) context;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        Var        *v = (Var *) node;

        if (v->varlevelsup == 0 &&
            (v->varno == vc->rti || !relids_member(vc->allowed, v->varno)))
            vc->ok = false;
        return !vc->ok;
    }
    if (IsA(node, FuncExpr))
    {
        const FuncInfo *fi = FuncInfoById(((FuncExpr *) node)->funcid);

        if (fi == NULL || fi->volatility == FUNC_VOLATILE || fi->retset)
        {
            vc->ok = false;
            return true;
        }
    }
    if (IsA(node, Aggref) || IsA(node, SubLink))
    {
        vc->ok = false;
        return true;
    }
    return expression_tree_walker(node, value_walker, context);
}

/* Can value be computed before the scan (no Vars of rti, others only from allowed)? */
static bool
value_is_usable(Node *value, int rti, Relids allowed)
{
    ValueCheck  vc;

    vc.rti = rti;
    vc.allowed = allowed;
    vc.ok = true;
    (void) value_walker(value, &vc);
    return vc.ok;
}

static bool
is_int_type(Oid t)
{
    return t == INT2OID || t == INT4OID || t == INT8OID;
}

/*
 * coerce_value -- value (of type vtype) as the column type coltype, or
 * NULL if that cannot be done without changing the comparison's meaning.
 */
static Node *
coerce_value(Node *value, Oid vtype, Oid coltype)
{
    const CastInfo *ci;

    if (vtype == coltype)
        return value;
    if (is_int_type(vtype) && is_int_type(coltype))
    {
        int         vlen = vtype == INT2OID ? 2 : vtype == INT4OID ? 4 : 8;
        int         clen = coltype == INT2OID ? 2 : coltype == INT4OID ? 4 : 8;

        if (clen < vlen)
        {
            Const      *c;
            int64       v;

            /* narrowing: only a constant that fits */
            if (!IsA(value, Const) || ((Const *) value)->constisnull)
                return NULL;
            c = (Const *) value;
            v = vtype == INT8OID ? DatumGetInt64(c->constvalue) : DatumGetInt32(c->constvalue);
            if (clen == 2 ? (v < INT16_MIN || v > INT16_MAX) : (v < INT32_MIN || v > INT32_MAX))
                return NULL;
        }
        return CoerceToTargetType(value, vtype, coltype, -1, COERCION_EXPLICIT, -1);
    }
    ci = CastLookup(vtype, coltype);
    if (ci != NULL && !OidIsValid(ci->func_oid))
        return value;           /* binary compatible (varchar <-> text) */
    return NULL;
}

/* The Var under binary-compatible relabelings, or NULL. */
static Var *
strip_var(Node *node)
{
    while (node && IsA(node, RelabelType))
        node = (Node *) ((RelabelType *) node)->arg;
    return (node && IsA(node, Var)) ? (Var *) node : NULL;
}

/*
 * match_clause -- if clause can be a scan key of index column indexcol
 * (1-based) of pi over relation rti, fill *ic and return true.  Values may
 * use Vars of the relations in allowed (parameterized paths).
 */
static bool
match_clause(Node *clause, PlanIndex *pi, int indexcol, int rti, Relids allowed,
             IndexClause *ic)
{
    int16       attno = pi->attnums[indexcol - 1];

    memset(ic, 0, sizeof(*ic));
    ic->clause = clause;
    ic->indexcol = indexcol;
    if (IsA(clause, NullTest))
    {
        NullTest   *nt = (NullTest *) clause;
        Var        *v = strip_var((Node *) nt->arg);

        if (v == NULL || v->varno != rti || v->varlevelsup != 0 || v->varattno != attno)
            return false;
        ic->strategy = BTEqualStrategyNumber;
        ic->flags = nt->nulltesttype == IS_NULL ? SK_ISNULL : SK_SEARCHNOTNULL;
        return true;
    }
    if (IsA(clause, OpExpr))
    {
        OpExpr     *op = (OpExpr *) clause;
        const OperInfo *oi;
        int         s;
        Node       *value;
        Var        *v;
        Oid         coltype;

        if (list_length(op->args) != 2 || op->opretset)
            return false;
        oi = OperInfoById(op->opno);
        if (oi == NULL || (s = strategy_of(oi->name)) == 0)
            return false;
        v = strip_var(linitial(op->args));
        value = lsecond(op->args);
        if (v == NULL || v->varno != rti || v->varlevelsup != 0 || v->varattno != attno)
        {
            v = strip_var(lsecond(op->args));
            value = linitial(op->args);
            s = commute_strategy(s);
            if (v == NULL || v->varno != rti || v->varlevelsup != 0 || v->varattno != attno)
                return false;
        }
        if (!value_is_usable(value, rti, allowed))
            return false;
        coltype = v->vartype;
        /* the operator must compare in the column type's own order */
        if (oi->left != oi->right)
        {
            if (!(is_int_type(oi->left) && is_int_type(oi->right)))
                return false;
        }
        else if (oi->left != coltype && coerce_value((Node *) v, coltype, oi->left) == NULL)
            return false;
        value = coerce_value(value, exprType(value), coltype);
        if (value == NULL)
            return false;
        ic->strategy = s;
        ic->value = value;
        if (strip_var(linitial(op->args)) != v && OidIsValid(oi->commutator))
        {
            /* show and recheck it as "column op value", as PostgreSQL prints it */
            const OperInfo *co = OperInfoById(oi->commutator);
            OpExpr     *c = (OpExpr *) copyObject(op);

            if (co != NULL)
            {
                c->opno = co->oid;
                c->opfuncid = co->func_oid;
                c->args = list_make2(lsecond(op->args), linitial(op->args));
                ic->display = (Node *) c;
            }
        }
        return true;
    }
    return false;
}

/* ---------------- partial-index predicates ---------------- */

static Node *
set_varno_mutator(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0)
    {
        Var        *v = (Var *) copyObject(node);

        v->varno = *(int *) context;
        v->location = -1;
        return (Node *) v;
    }
    return expression_tree_mutator(node, set_varno_mutator, context);
}

static Node *
strip_locations_mutator(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Const))
    {
        Const      *c = (Const *) copyObject(node);

        c->location = -1;
        return (Node *) c;
    }
    if (IsA(node, Var))
    {
        Var        *v = (Var *) copyObject(node);

        v->location = -1;
        return (Node *) v;
    }
    if (IsA(node, OpExpr))
    {
        OpExpr     *o = (OpExpr *) expression_tree_mutator(node, strip_locations_mutator, context);

        o->location = -1;
        return (Node *) o;
    }
    return expression_tree_mutator(node, strip_locations_mutator, context);
}

/* "Var op Const" with the Var first: true and the parts, else false. */
static bool
var_op_const(Node *clause, Var **var, int *strategy, Const **c)
{
    OpExpr     *op;
    const OperInfo *oi;
    Var        *v;
    Node       *other;
    int         s;

    if (!IsA(clause, OpExpr))
        return false;
    op = (OpExpr *) clause;
    if (list_length(op->args) != 2 || (oi = OperInfoById(op->opno)) == NULL ||
        (s = strategy_of(oi->name)) == 0)
        return false;
    if ((v = strip_var(linitial(op->args))) != NULL)
        other = lsecond(op->args);
    else if ((v = strip_var(lsecond(op->args))) != NULL)
    {
        other = linitial(op->args);
        s = commute_strategy(s);
    }
    else
        return false;
    if (!IsA(other, Const) || ((Const *) other)->constisnull ||
        ((Const *) other)->consttype != v->vartype || TypeCompareFunction(v->vartype) == NULL)
        return false;
    *var = v;
    *strategy = s;
    *c = (Const *) other;
    return true;
}

/* Does "var rs rc" imply "var ps pc"? (values compared in the var's type) */
static bool
range_implies(Oid type, int rs, Datum rc, int ps, Datum pc)
{
    int32       cmp = DatumGetInt32(DirectFunctionCall2(TypeCompareFunction(type), rc, pc));

    /* x rs rc: the set of x; it must lie within x ps pc */
    switch (ps)
    {
        case BTEqualStrategyNumber:
            return rs == BTEqualStrategyNumber && cmp == 0;
        case BTLessStrategyNumber:
            return (rs == BTEqualStrategyNumber && cmp < 0) ||
                (rs == BTLessStrategyNumber && cmp <= 0) ||
                (rs == BTLessEqualStrategyNumber && cmp < 0);
        case BTLessEqualStrategyNumber:
            return ((rs == BTEqualStrategyNumber || rs == BTLessEqualStrategyNumber) && cmp <= 0) ||
                (rs == BTLessStrategyNumber && cmp <= 0);
        case BTGreaterStrategyNumber:
            return (rs == BTEqualStrategyNumber && cmp > 0) ||
                (rs == BTGreaterStrategyNumber && cmp >= 0) ||
                (rs == BTGreaterEqualStrategyNumber && cmp > 0);
        case BTGreaterEqualStrategyNumber:
            return ((rs == BTEqualStrategyNumber || rs == BTGreaterEqualStrategyNumber) && cmp >= 0) ||
                (rs == BTGreaterStrategyNumber && cmp >= 0);
    }
    return false;
}

/* Is one predicate conjunct implied by some restriction clause? */
static bool
conjunct_implied(Node *pred, List *restrictions)
{
    ListCell   *lc;
    Var        *pv;
    int         ps;
    Const      *pc;
    bool        pred_is_range = var_op_const(pred, &pv, &ps, &pc);

    foreach(lc, restrictions)
    {
        Node       *r = (Node *) lfirst(lc);
        Var        *rv;
        int         rs;
        Const      *rc;

        if (equal(r, pred))
            return true;
        if (var_op_const(r, &rv, &rs, &rc))
        {
            if (pred_is_range && rv->varattno == pv->varattno &&
                range_implies(rv->vartype, rs, rc->constvalue, ps, pc->constvalue))
                return true;
            /* a strict comparison implies IS NOT NULL */
            if (IsA(pred, NullTest) && ((NullTest *) pred)->nulltesttype == IS_NOT_NULL)
            {
                Var        *nv = strip_var((Node *) ((NullTest *) pred)->arg);

                if (nv && nv->varattno == rv->varattno)
                    return true;
            }
        }
    }
    return false;
}

/*
 * predicate_implied -- is pi's predicate implied by the restrictions of
 * rel (relation rti)?  Conservative: false when unsure.
 */
static bool
predicate_implied(PlanIndex *pi, RelOptInfo *rel, Oid relid, int rti, List **redundant)
{
    Relation    r;
    Node       *pred;
    List       *conj;
    List       *restr = NIL;
    ListCell   *lc;

    *redundant = NIL;
    if (pi->predicate_sql == NULL)
        return true;
    if (rel->baserestrict == NIL)
        return false;
    r = table_open(relid, AccessShareLock);
    pred = AnalyzeExpressionForRelation(pi->predicate_sql, r, "index predicate");
    table_close(r, NoLock);
    pred = eval_const_expressions(set_varno_mutator(pred, &rti));
    pred = strip_locations_mutator(pred, NULL);
    conj = make_ands_implicit(pred);
    foreach(lc, rel->baserestrict)
        restr = lappend(restr, strip_locations_mutator((Node *) lfirst(lc), NULL));
    foreach(lc, conj)
        if (!conjunct_implied((Node *) lfirst(lc), restr))
            return false;
    /* restrictions identical to a predicate conjunct need no check on the index's rows */
    foreach(lc, rel->baserestrict)
    {
        Node       *r = strip_locations_mutator((Node *) lfirst(lc), NULL);
        ListCell   *lc2;

        foreach(lc2, conj)
            if (equal(r, lfirst(lc2)))
                *redundant = lappend(*redundant, lfirst(lc));
    }
    return true;
}

static List *
list_remove_ptrs(List *list, List *remove)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, list)
        if (!list_member_ptr(remove, lfirst(lc)))
            result = lappend(result, lfirst(lc));
    return result;
}

/* ---------------- costs ---------------- */

double
index_clause_selectivity(List *indexclauses)
{
    ListCell   *lc;
    List       *clauses = NIL;

    foreach(lc, indexclauses)
        clauses = lappend(clauses, ((IndexClause *) lfirst(lc))->clause);
    return clauselist_selectivity(clauses);
}

/* Every key column constrained by "=": at most one row from a unique index. */
static bool
unique_equality(PlanIndex *pi, List *indexclauses)
{
    if (!pi->unique)
        return false;
    for (int col = 1; col <= pi->nkeyatts; col++)
    {
        ListCell   *lc;
        bool        found = false;

        foreach(lc, indexclauses)
        {
            IndexClause *ic = (IndexClause *) lfirst(lc);

            if (ic->indexcol == col && ic->strategy == BTEqualStrategyNumber && ic->flags == 0)
                found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

static double
index_pages(PlanIndex *pi)
{
    Relation    ir = RelationIdGetRelation(pi->indexoid);
    double      pages = 1;

    if (ir != NULL)
    {
        pages = (double) RelationGetNumberOfBlocks(ir);
        RelationClose(ir);
    }
    return Max(pages, 1);
}

/*
 * cost_index -- costs and rows of an index path (one scan: for a
 * parameterized path, one probe per outer row).  otherquals: conditions
 * checked on each fetched row.
 */
void
cost_index(Path *path, RelOptInfo *rel, int nfilters)
{
    PlanIndex  *pi = path->index;
    double      tuples = Max(rel->tuples, 1);
    double      sel = index_clause_selectivity(path->indexclauses);
    double      ntuples;
    double      ipages = index_pages(pi);
    double      height = ceil(log(Max(ipages, 2)) / log(200.0));
    double      pages_read;
    double      heap_pages;
    double      cpu;

    if (unique_equality(pi, path->indexclauses))
        ntuples = 1;
    else
        ntuples = clamp_row_est(sel * tuples);
    pages_read = ceil(ipages * ntuples / tuples);

    /*
     * No correlation statistics: rows are scattered; pages fetched after
     * Mackert and Lohman (as PostgreSQL's index_pages_fetched, with the
     * table well within effective_cache_size): 2TN / (2T + N), at most T.
     */
    {
        double      t = Max(rel->pages, 1);

        heap_pages = Min((2.0 * t * ntuples) / (2.0 * t + ntuples), t);
    }
    /* an index-only scan visits only the pages not known all-visible */
    if (path->pathtype == T_IndexOnlyScan)
        heap_pages = ceil(heap_pages * (1.0 - rel->allvisfrac));
    cpu = (DEFAULT_CPU_INDEX_TUPLE_COST +
           DEFAULT_CPU_OPERATOR_COST * list_length(path->indexclauses)) * ntuples +
        (DEFAULT_CPU_TUPLE_COST + DEFAULT_CPU_OPERATOR_COST * nfilters) * ntuples;
    path->startup_cost = DEFAULT_CPU_OPERATOR_COST * (ceil(log2(tuples)) + 50.0 * (height + 1));
    path->total_cost = path->startup_cost + DEFAULT_RANDOM_PAGE_COST * (pages_read + heap_pages) + cpu;
    path->rows = clamp_row_est(ntuples * clauselist_selectivity(path->otherquals_est));
}

/* ---------------- paths ---------------- */

/* Do the query's ORDER BY keys (root->query_pathkeys) follow pi's order? 1 fwd, -1 bwd, 0 no. */
static int
index_order_direction(PlannerInfo *root, PlanIndex *pi, List *indexclauses, int rti)
{
    ListCell   *lc;
    int         dir = 0;
    int         col = 0;

    if (root->query_pathkeys == NIL)
        return 0;
    foreach(lc, root->query_pathkeys)
    {
        QueryPathKey *pk = (QueryPathKey *) lfirst(lc);
        bool        idesc;
        bool        inullsfirst;
        int         d;

        if (pk->var->varno != rti)
            return 0;
        /* skip index columns fixed by "=" (they do not disturb the order) */
        while (col < pi->nkeyatts && pi->attnums[col] != pk->var->varattno)
        {
            ListCell   *lc2;
            bool        eq = false;

            foreach(lc2, indexclauses)
            {
                IndexClause *ic = (IndexClause *) lfirst(lc2);

                if (ic->indexcol == col + 1 && ic->strategy == BTEqualStrategyNumber &&
                    ic->flags == 0)
                    eq = true;
            }
            if (!eq)
                return 0;
            col++;
        }
        if (col >= pi->nkeyatts)
            return 0;
        idesc = (pi->indoption[col] & INDOPTION_DESC) != 0;
        inullsfirst = (pi->indoption[col] & INDOPTION_NULLS_FIRST) != 0;
        if (pk->desc == idesc && pk->nulls_first == inullsfirst)
            d = 1;
        else if (pk->desc != idesc && pk->nulls_first != inullsfirst)
            d = -1;
        else
            return 0;
        if (dir != 0 && d != dir)
            return 0;
        dir = d;
        col++;
    }
    return dir;
}

/* Are all the columns the query needs from rel stored in pi? */
static bool
index_covers(PlanIndex *pi, RelOptInfo *rel)
{
    ListCell   *lc;

    foreach(lc, rel->vars)
    {
        Var        *v = (Var *) lfirst(lc);
        bool        found = false;

        if (v->varattno <= 0)
            return false;
        for (int i = 0; i < pi->natts; i++)
            if (pi->attnums[i] == v->varattno)
                found = true;
        if (!found)
            return false;
    }
    return true;
}

static Path *
make_index_path(PlannerInfo *root, RelOptInfo *rel, PlanIndex *pi, List *indexclauses,
                List *filters, int dir)
{
    Path       *p = (Path *) palloc0(sizeof(Path));
    ListCell   *lc;

    p->pathtype = index_covers(pi, rel) && EnableIndexonlyscan ? T_IndexOnlyScan : T_IndexScan;
    p->parent = rel;
    p->index = pi;
    p->indexclauses = indexclauses;
    p->indexdir = dir != 0 ? dir : 1;
    p->pathsorted = dir != 0;
    p->otherquals_est = filters;
    foreach(lc, indexclauses)
    {
        IndexClause *ic = (IndexClause *) lfirst(lc);

        if (ic->value)
            p->required_outer = relids_union(p->required_outer, pull_varnos(ic->value));
    }
    cost_index(p, rel, list_length(filters));
    /* index-only: no heap tuple to deform */
    if (p->pathtype == T_IndexOnlyScan)
        p->total_cost -= DEFAULT_CPU_OPERATOR_COST * p->rows;
    if (!EnableIndexscan)
        p->total_cost += DISABLE_COST;
    (void) root;
    return p;
}

/* Match clauses to the key columns of pi; returns IndexClause list, *rest the others. */
static List *
match_clauses(PlanIndex *pi, List *clauses, int rti, Relids allowed, List **rest)
{
    List       *matched = NIL;
    ListCell   *lc;

    *rest = NIL;
    foreach(lc, clauses)
    {
        Node       *c = (Node *) lfirst(lc);
        bool        used = false;

        for (int col = 1; col <= pi->nkeyatts && !used; col++)
        {
            IndexClause ic;

            if (match_clause(c, pi, col, rti, allowed, &ic))
            {
                IndexClause *copy = (IndexClause *) palloc(sizeof(IndexClause));

                *copy = ic;
                matched = lappend(matched, copy);
                used = true;
            }
        }
        if (!used)
            *rest = lappend(*rest, c);
    }
    return matched;
}

static bool
leading_column_matched(List *indexclauses)
{
    ListCell   *lc;

    foreach(lc, indexclauses)
        if (((IndexClause *) lfirst(lc))->indexcol == 1)
            return true;
    return false;
}

/*
 * create_index_paths -- consider every usable index of base relation rel
 * (table relid): replace rel->cheapest when an index path is cheaper, and
 * set rel->cheapest_sorted to the cheapest path delivering the query's
 * ORDER BY (root->query_pathkeys), if any.
 */
void
create_index_paths(PlannerInfo *root, RelOptInfo *rel, Oid relid)
{
    ListCell   *lc;

    rel->indexlist = plan_rel_indexes(relid);
    foreach(lc, rel->indexlist)
    {
        PlanIndex  *pi = (PlanIndex *) lfirst(lc);
        List       *rest;
        List       *ics;
        int         dir;
        Path       *p;
        List       *redundant;

        if (!predicate_implied(pi, rel, relid, rel->rti, &redundant))
            continue;
        ics = match_clauses(pi, list_remove_ptrs(rel->baserestrict, redundant), rel->rti,
                            relids_empty(), &rest);
        if (unique_equality(pi, ics) && rel->rows > 1)
        {
            /* at most one row: tell the joins and upper nodes */
            rel->rows = 1;
            if (rel->cheapest->pathtype == T_SeqScan)
                rel->cheapest->rows = 1;
        }
        dir = index_order_direction(root, pi, ics, rel->rti);
        if (!leading_column_matched(ics) && dir == 0)
            continue;           /* would read the whole index for nothing */
        p = make_index_path(root, rel, pi, ics, rest, dir);
        p->predclauses = redundant;
        if (p->total_cost < rel->cheapest->total_cost ||
            (p->total_cost == rel->cheapest->total_cost && p->pathsorted))
            rel->cheapest = p;
        if (p->pathsorted &&
            (rel->cheapest_sorted == NULL || p->total_cost < rel->cheapest_sorted->total_cost))
            rel->cheapest_sorted = p;
    }
}

/*
 * create_parameterized_index_path -- the cheapest index path on inner base
 * relation rel (table relid) whose keys use join clauses with values from
 * the outer relations outer_relids, or NULL.  *used_clauses receives the
 * join clauses the path applies (the nested loop must not check them
 * again).  Costs are per probe (per outer row).
 */
Path *
create_parameterized_index_path(PlannerInfo *root, RelOptInfo *rel, Oid relid,
                                List *joinclauses, Relids outer_relids, List **used_clauses)
{
    ListCell   *lc;
    Path       *best = NULL;

    *used_clauses = NIL;
    if (rel->indexlist == NIL)
        return NULL;
    foreach(lc, rel->indexlist)
    {
        PlanIndex  *pi = (PlanIndex *) lfirst(lc);
        List       *rest;
        List       *jics;
        List       *rics;
        List       *rrest;
        List       *used = NIL;
        ListCell   *lc2;
        Path       *p;
        List       *redundant;

        if (!predicate_implied(pi, rel, relid, rel->rti, &redundant))
            continue;
        jics = match_clauses(pi, joinclauses, rel->rti, outer_relids, &rest);
        if (jics == NIL)
            continue;
        rics = match_clauses(pi, list_remove_ptrs(rel->baserestrict, redundant), rel->rti,
                             relids_empty(), &rrest);
        if (!leading_column_matched(list_concat(list_copy(jics), rics)))
            continue;
        foreach(lc2, jics)
            used = lappend(used, ((IndexClause *) lfirst(lc2))->clause);
        p = make_index_path(root, rel, pi, list_concat(list_copy(jics), rics), rrest, 0);
        p->pathsorted = false;
        p->predclauses = redundant;
        if (best == NULL || p->total_cost < best->total_cost)
        {
            best = p;
            *used_clauses = used;
        }
    }
    return best;
}

/*
 * create_merge_index_path -- the cheapest index path on base relation rel
 * (table relid) returning its rows in ascending order, NULLs last, of the
 * columns attnos (the leading key columns of the index, in that order;
 * a DESC NULLS FIRST index is read backward), applying rel's restrictions
 * as keys where it can; or NULL.  A merge join takes it instead of
 * sorting that input.
 */
Path *
create_merge_index_path(PlannerInfo *root, RelOptInfo *rel, Oid relid, List *attnos)
{
    ListCell   *lc;
    Path       *best = NULL;

    if (rel->indexlist == NIL || list_length(attnos) == 0)
        return NULL;
    foreach(lc, rel->indexlist)
    {
        PlanIndex  *pi = (PlanIndex *) lfirst(lc);
        List       *rest;
        List       *ics;
        List       *redundant;
        Path       *p;
        int         dir = 0;
        int         col = 0;
        ListCell   *lc2;

        if (list_length(attnos) > pi->nkeyatts)
            continue;
        foreach(lc2, attnos)
        {
            bool        desc = (pi->indoption[col] & INDOPTION_DESC) != 0;
            bool        nullsfirst = (pi->indoption[col] & INDOPTION_NULLS_FIRST) != 0;
            int         d;

            if (pi->attnums[col] != lfirst_int(lc2))
            {
                dir = 0;
                break;
            }
            if (!desc && !nullsfirst)
                d = 1;
            else if (desc && nullsfirst)
                d = -1;
            else
            {
                dir = 0;
                break;
            }
            if (dir != 0 && d != dir)
            {
                dir = 0;
                break;
            }
            dir = d;
            col++;
        }
        if (dir == 0 || !predicate_implied(pi, rel, relid, rel->rti, &redundant))
            continue;
        ics = match_clauses(pi, list_remove_ptrs(rel->baserestrict, redundant), rel->rti,
                            relids_empty(), &rest);
        p = make_index_path(root, rel, pi, ics, rest, dir);
        p->pathsorted = false;
        p->predclauses = redundant;
        if (best == NULL || p->total_cost < best->total_cost)
            best = p;
    }
    return best;
}

/* ---------------- ON CONFLICT arbiter inference ---------------- */

/*
 * InferArbiterIndexes -- the arbiter indexes of INSERT ... ON CONFLICT on
 * relid (range-table index rti): the constraint's index for ON
 * CONSTRAINT; else every valid unique index whose key columns are
 * exactly the set attnos (a 0 entry, an expression, matches nothing) and
 * whose predicate, if partial, the conflict target's WHERE implies
 * (conjunct by conjunct, like a partial index scan).  NIL when there is
 * no conflict target (DO NOTHING: every unique index arbitrates).  42P10
 * when a target matches no index, as PostgreSQL.
 */
List *
InferArbiterIndexes(Oid relid, int rti, List *attnos, Node *where, Oid constraint_index)
{
    Relation    r;
    List       *oids;
    List       *result = NIL;
    List       *restr = NIL;
    ListCell   *lc;

    if (attnos == NIL && !OidIsValid(constraint_index))
        return NIL;
    if (OidIsValid(constraint_index))
        return list_make1_oid(constraint_index);
    r = table_open(relid, AccessShareLock);
    oids = RelationGetIndexList(r);
    if (where != NULL)
    {
        Node       *w = eval_const_expressions(set_varno_mutator(copyObject(where), &rti));

        foreach(lc, make_ands_implicit(w))
            restr = lappend(restr, strip_locations_mutator((Node *) lfirst(lc), NULL));
    }
    foreach(lc, oids)
    {
        IndexInfo  *info = IndexInfoFromCatalog(lfirst_oid(lc));
        bool        match = true;
        ListCell   *lc2;

        if (!info->valid || !info->unique)
            continue;
        /* the set of key columns must equal the set of target columns */
        foreach(lc2, attnos)
        {
            bool        found = false;

            for (int k = 0; k < info->nkeyatts; k++)
                found |= info->attnums[k] == lfirst_int(lc2);
            match &= found;
        }
        for (int k = 0; k < info->nkeyatts && match; k++)
            match = list_member_int(attnos, info->attnums[k]);
        if (match && info->predicate != NULL)
        {
            Node       *pred = AnalyzeExpressionForRelation(info->predicate, r, "index predicate");

            pred = eval_const_expressions(set_varno_mutator(pred, &rti));
            pred = strip_locations_mutator(pred, NULL);
            foreach(lc2, make_ands_implicit(pred))
                if (!conjunct_implied((Node *) lfirst(lc2), restr))
                    match = false;
        }
        if (match)
            result = lappend_oid(result, lfirst_oid(lc));
    }
    table_close(r, NoLock);
    if (result == NIL)
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("there is no unique or exclusion constraint matching the ON CONFLICT "
                       "specification"));
    return result;
}
