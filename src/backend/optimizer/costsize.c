/*
 * costsize.c
 *     Size and cost estimates, in PostgreSQL's units (one sequential page
 *     fetch = 1.0) and with its default cost parameters (optimizer/planner.h).
 * Entry points: estimate_base_rel_size(), cost_seqscan(), cost_nestloop(),
 * cost_hashjoin(), cost_sort_total(), clause_selectivity(),
 * estimate_num_groups().
 *
 * Without statistics (ANALYZE comes later) selectivities are PostgreSQL's
 * defaults: 0.005 for equality, 1/3 for inequalities and other conditions,
 * and an equi-join keeps 1/200 of the cross product (200 distinct values
 * assumed).  A table that was never analyzed and is empty is assumed to be
 * 10 pages, as PostgreSQL does, so that plans stay sane when it fills up.
 */
#include "rustydb.h"

#include <math.h>

#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "storage/bufmgr.h"
#include "storage/lockdefs.h"
#include "utils/guc.h"
#include "utils/relcache.h"
#include "utils/selfuncs.h"

#define DEFAULT_EQ_SEL 0.005
#define DEFAULT_INEQ_SEL 0.3333333333333333
#define DEFAULT_NUM_DISTINCT 200.0
#define DEFAULT_RANGE_INEQ_SEL 0.005     /* "a > x AND a < y" without statistics */
#define PAGE_HEADER_BYTES 24
#define TUPLE_OVERHEAD_BYTES 28     /* MAXALIGNed header + line pointer */

double
clamp_row_est(double rows)
{
    if (rows <= 1.0)
        return 1.0;
    return rint(rows);
}

/* Average width of a value of the type, PostgreSQL-style (varlena: 32). */
int
type_width(Oid typid, int32 typmod)
{
    const TypeInfo *t = TypeInfoById(typid);

    if (t == NULL)
        return 32;
    if (t->len > 0)
        return t->len;
    if ((typid == VARCHAROID || typid == BPCHAROID) && typmod > 4)
        return Min(typmod - 4, 32);
    return 32;
}

double
clause_selectivity(Node *clause)
{
    if (clause == NULL)
        return 1.0;
    switch (nodeTag(clause))
    {
        case T_BoolExpr:
            {
                BoolExpr   *b = (BoolExpr *) clause;
                ListCell   *lc;
                double      s;

                if (b->boolop == NOT_EXPR)
                    return 1.0 - clause_selectivity(linitial(b->args));
                if (b->boolop == AND_EXPR)
                    return clauselist_selectivity(b->args);
                s = 0.0;
                foreach(lc, b->args)
                {
                    double      s2 = clause_selectivity(lfirst(lc));

                    s = s + s2 - s * s2;
                }
                return s;
            }
        case T_OpExpr:
            {
                const OperInfo *op = OperInfoById(((OpExpr *) clause)->opno);

                if (op && strcmp(op->name, "=") == 0)
                    return DEFAULT_EQ_SEL;
                if (op && (strcmp(op->name, "<>") == 0))
                    return 1.0 - DEFAULT_EQ_SEL;
                return DEFAULT_INEQ_SEL;
            }
        case T_NullTest:
            return ((NullTest *) clause)->nulltesttype == IS_NULL ? DEFAULT_EQ_SEL
                : 1.0 - DEFAULT_EQ_SEL;
        case T_Const:
            {
                Const      *c = (Const *) clause;

                return (!c->constisnull && DatumGetBool(c->constvalue)) ? 1.0 : 0.0;
            }
        case T_ScalarArrayOpExpr:
            return Min(1.0, DEFAULT_EQ_SEL * 3);
        default:
            return DEFAULT_INEQ_SEL;
    }
}

/* "Var < const"-like: the Var's attno and +1 (lower bound) / -1 (upper bound); 0 otherwise. */
static int
bound_kind(Node *clause, Var **var)
{
    OpExpr     *op;
    const OperInfo *oi;
    bool        var_left;
    Node       *l;
    Node       *r;
    int         upper;

    if (!IsA(clause, OpExpr) || list_length(((OpExpr *) clause)->args) != 2)
        return 0;
    op = (OpExpr *) clause;
    oi = OperInfoById(op->opno);
    if (oi == NULL)
        return 0;
    if (strcmp(oi->name, "<") == 0 || strcmp(oi->name, "<=") == 0)
        upper = 1;
    else if (strcmp(oi->name, ">") == 0 || strcmp(oi->name, ">=") == 0)
        upper = 0;
    else
        return 0;
    l = linitial(op->args);
    r = lsecond(op->args);
    var_left = IsA(l, Var) && (IsA(r, Const) || IsA(r, Param));
    if (!var_left && !(IsA(r, Var) && (IsA(l, Const) || IsA(l, Param))))
        return 0;
    *var = (Var *) (var_left ? l : r);
    if (!var_left)
        upper = !upper;
    return upper ? -1 : 1;
}

/*
 * clauselist_selectivity -- product of the clauses' selectivities, except
 * that a lower and an upper bound on the same column count together as
 * one range condition of PostgreSQL's default selectivity 0.005.
 */
double
clauselist_selectivity(List *clauses)
{
    ListCell   *lc;
    double      s = 1.0;
    List       *lows = NIL;
    List       *highs = NIL;

    foreach(lc, clauses)
    {
        Var        *v;
        int         k = bound_kind((Node *) lfirst(lc), &v);

        if (k == 0)
        {
            s *= clause_selectivity((Node *) lfirst(lc));
            continue;
        }
        if (k > 0)
            lows = lappend(lows, v);
        else
            highs = lappend(highs, v);
    }
    foreach(lc, lows)
    {
        Var        *lo = (Var *) lfirst(lc);
        ListCell   *lc2;
        bool        paired = false;

        foreach(lc2, highs)
        {
            Var        *hi = (Var *) lfirst(lc2);

            if (hi && hi->varno == lo->varno && hi->varattno == lo->varattno &&
                hi->varlevelsup == lo->varlevelsup)
            {
                lfirst(lc2) = NULL;
                paired = true;
                break;
            }
        }
        s *= paired ? DEFAULT_RANGE_INEQ_SEL : DEFAULT_INEQ_SEL;
    }
    foreach(lc, highs)
        if (lfirst(lc) != NULL)
            s *= DEFAULT_INEQ_SEL;
    return s;
}

/*
 * estimate_base_rel_size -- pages, tuples and width of a scanned relation
 * (tables from their current size; other kinds from defaults).
 */
/*
 * all_visible_fraction -- share of the table's pages marked all-visible as
 * of its last VACUUM/ANALYZE (pg_class.relallvisible over the current
 * size, as PostgreSQL); index-only scans skip the heap for those.
 */
static double
all_visible_fraction(Oid relid, double curpages)
{
    FormData_pg_class row;

    if (curpages <= 0 || !RelationClassRowById(relid, &row) || row.relallvisible <= 0)
        return 0;
    return Min((double) row.relallvisible / curpages, 1.0);
}

void
estimate_base_rel_size(PlannerInfo *root, RelOptInfo *rel, RangeTblEntry *rte)
{
    ListCell   *lc;
    int         width = 0;

    (void) root;
    foreach(lc, rel->vars)
    {
        Var        *v = (Var *) lfirst(lc);

        width += type_width(v->vartype, v->vartypmod);
    }
    switch (rte->rtekind)
    {
        case RTE_RELATION:
            {
                Relation    r = table_open(rte->relid, NoLock);
                TupleDesc   desc = RelationGetDescr(r);
                double      pages = (double) RelationGetNumberOfBlocks(r);
                int         tupwidth = 0;
                double      density;

                for (int i = 0; i < desc->natts; i++)
                    if (!desc->attrs[i].attisdropped)
                        tupwidth += type_width(desc->attrs[i].atttypid, desc->attrs[i].atttypmod);
                table_close(r, NoLock);
                rel->allvisfrac = all_visible_fraction(rte->relid, pages);
                {
                    /* maintenance engine: pg_class.reltuples from VACUUM/ANALYZE (selfuncs.h) */
                    bool        known;
                    double      est = RelationEstimateTuples(rte->relid, pages, &known);

                    if (known)
                    {
                        rel->pages = pages;
                        rel->tuples = est;
                        rel->rows = clamp_row_est(est * RelClauseListSelectivity(rte->relid, rel->rti,
                                                                                rel->baserestrict,
                                                                                clause_selectivity));
                        rel->width = width;
                        return;
                    }
                }
                /* never analyzed (no statistics yet): at least 10 pages, as PostgreSQL */
                if (pages < 10)
                    pages = 10;
                density = floor((BLCKSZ - PAGE_HEADER_BYTES) / (double) (tupwidth + TUPLE_OVERHEAD_BYTES));
                rel->pages = pages;
                rel->tuples = rint(density * pages);
                break;
            }
        case RTE_VALUES:
            rel->pages = 0;
            rel->tuples = list_length(rte->values_lists);
            break;
        case RTE_FUNCTION:
            rel->pages = 0;
            rel->tuples = 1000;     /* PostgreSQL's prorows default */
            break;
        case RTE_RESULT:
            rel->pages = 0;
            rel->tuples = 1;
            break;
        default:
            rel->pages = 0;
            if (rel->subplan)
                rel->tuples = rel->subplan->plan_rows;
            else
                rel->tuples = 1000;
            break;
    }
    rel->width = width;
    rel->rows = clamp_row_est(rel->tuples * clauselist_selectivity(rel->baserestrict));
}

void
cost_seqscan(Path *path, RelOptInfo *rel)
{
    double      cpu = DEFAULT_CPU_TUPLE_COST +
        DEFAULT_CPU_OPERATOR_COST * list_length(rel->baserestrict);

    path->startup_cost = 0;
    path->total_cost = rel->pages * DEFAULT_SEQ_PAGE_COST + rel->tuples * cpu;
    if (rel->subplan)
    {
        path->startup_cost = rel->subplan->startup_cost;
        path->total_cost = rel->subplan->total_cost + rel->tuples * cpu;
    }
    path->rows = rel->rows;
    if (path->pathtype == T_SeqScan && !EnableSeqscan)
        path->total_cost += DISABLE_COST;
}

/* Nested loop: the inner side is rescanned (or replayed from memory) per outer row. */
void
cost_nestloop(Path *path, double joinrows)
{
    Path       *outer = path->outerpath;
    Path       *inner = path->innerpath;
    double      rescan = path->materialize_inner ? inner->rows * DEFAULT_CPU_OPERATOR_COST
        : inner->total_cost;
    double      ntests = outer->rows * inner->rows;

    path->startup_cost = outer->startup_cost + inner->startup_cost;
    path->total_cost = outer->total_cost + inner->total_cost +
        Max(outer->rows - 1, 0) * rescan +
        ntests * DEFAULT_CPU_OPERATOR_COST * Max(list_length(path->joinclauses), 1) +
        joinrows * DEFAULT_CPU_TUPLE_COST;
    if (path->materialize_inner)
        path->total_cost += 2 * DEFAULT_CPU_OPERATOR_COST * inner->rows;
    path->rows = joinrows;
    if (!EnableNestloop)
        path->total_cost += DISABLE_COST;
}

void
cost_hashjoin(Path *path, double joinrows)
{
    Path       *outer = path->outerpath;
    Path       *inner = path->innerpath;
    int         nkeys = list_length(path->hashclauses);
    double      build = inner->rows * (DEFAULT_CPU_OPERATOR_COST * nkeys + DEFAULT_CPU_TUPLE_COST);

    path->startup_cost = inner->total_cost + build + outer->startup_cost;
    path->total_cost = outer->total_cost + inner->total_cost + build +
        outer->rows * DEFAULT_CPU_OPERATOR_COST * nkeys +
        joinrows * (DEFAULT_CPU_TUPLE_COST +
                    DEFAULT_CPU_OPERATOR_COST * list_length(path->joinclauses));
    path->rows = joinrows;
    if (!EnableHashjoin)
        path->total_cost += DISABLE_COST;
}

/*
 * Merge join, after PostgreSQL's formula: both inputs read once (sorted
 * first unless presorted); inner rows of a key group are read again for
 * each further outer row with that key, so the inner input's run cost and
 * its key comparisons are scaled by 1 + rescanned / inner rows, where
 * rescanned = rows matching the merge clauses (mergerows) - inner rows;
 * one comparison per merge clause per row read, and cpu_tuple_cost plus
 * the other join conditions per result row (joinrows, the estimate the
 * nested loop and hash join are charged with, so that the methods compare
 * fairly; PostgreSQL charges its merge-clause match count).  (No key-range
 * statistics: both inputs are assumed read to their end.)
 */
void
cost_mergejoin(Path *path, double joinrows, double mergerows)
{
    Path       *outer = path->outerpath;
    Path       *inner = path->innerpath;
    int         nkeys = list_length(path->hashclauses);
    double      ostartup = outer->startup_cost;
    double      ototal = outer->total_cost;
    double      istartup = inner->startup_cost;
    double      itotal = inner->total_cost;
    double      irows = Max(inner->rows, 1);
    double      rescanratio = 1.0 + Max(mergerows - irows, 0) / irows;
    double      innercost;

    if (path->sort_outer)
        ototal = cost_sort_total(ototal, outer->rows, 0, &ostartup);
    if (path->sort_inner)
        itotal = cost_sort_total(itotal, inner->rows, 0, &istartup);
    /*
     * Rows read again come from the Sort's memory; another inner input is
     * rerun unless a Materialize over it is cheaper (as PostgreSQL decides).
     */
    path->materialize_inner = false;
    innercost = (itotal - istartup) * rescanratio;
    if (!path->sort_inner && EnableMaterial &&
        (itotal - istartup) + DEFAULT_CPU_OPERATOR_COST * irows * rescanratio < innercost)
    {
        path->materialize_inner = true;
        innercost = (itotal - istartup) + DEFAULT_CPU_OPERATOR_COST * irows * rescanratio;
    }
    path->startup_cost = ostartup + istartup;
    path->total_cost = ototal + istartup + innercost +
        DEFAULT_CPU_OPERATOR_COST * nkeys * (outer->rows + inner->rows * rescanratio) +
        joinrows * (DEFAULT_CPU_TUPLE_COST +
                    DEFAULT_CPU_OPERATOR_COST * list_length(path->joinclauses));
    path->rows = joinrows;
    if (!EnableMergejoin)
        path->total_cost += DISABLE_COST;
}

/* Sort: 2 * cpu_operator_cost per comparison, n log2 n comparisons. */
double
cost_sort_total(double input_cost, double rows, int width, double *startup)
{
    double      n = Max(rows, 2.0);
    double      cmp = 2.0 * DEFAULT_CPU_OPERATOR_COST * n * log2(n);

    (void) width;
    *startup = input_cost + cmp;
    if (!EnableSort)
        *startup += DISABLE_COST;
    return *startup + DEFAULT_CPU_OPERATOR_COST * rows;
}

double
estimate_num_groups(double input_rows, int ncols)
{
    double      groups = pow(DEFAULT_NUM_DISTINCT, ncols);

    if (ncols == 0)
        return 1;
    return clamp_row_est(Min(groups, input_rows));
}
