/*
 * pgstat_missing.c
 *     Evidence for v$missing_indexes, gathered from real sequential scans.
 * Entry point: pgstat_report_seqscan() (ExecEndSeqScan / rescan).
 *
 * A finished sequential scan is evidence for an index when
 *   1. it read at least PGSTAT_MISSING_MIN_ROWS rows,
 *   2. its filter kept at most PGSTAT_MISSING_MAX_SELECTIVITY of them,
 *   3. the filter has AND-ed conditions "column op value" (op one of
 *      = < <= > >=, or = ANY(array) / IN (...)) where value holds no column
 *      of the scanned row,
 *   4. no valid index of the table has one of those columns first, and
 *   5. the planner's cost formulas price an index scan on a B-tree over the
 *      columns (equality columns by attnum, then one range column) below the
 *      sequential scan.
 * Both costs use the scan's true figures (pages of the table, rows read,
 * rows kept), with PostgreSQL's cost parameters (optimizer/planner.h): the
 * plan's own estimate is based on guesses when the table was never
 * analysed.  Per execution the evidence adds rows read/kept and both costs;
 * v$missing_indexes reports actual - hypothetical summed over executions.
 */
#include "rustydb.h"

#include <math.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/index.h"
#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/primnodes.h"
#include "optimizer/planner.h"
#include "pgstat_int.h"
#include "storage/bufmgr.h"
#include "utils/rel.h"

#define PGSTAT_MISSING_MIN_ROWS 500
#define PGSTAT_MISSING_MAX_SELECTIVITY 0.2

typedef struct QualColumns
{
    int16       eq[PGSTAT_MISSING_INDEX_MAX_COLS];
    int         neq;
    int16       range[PGSTAT_MISSING_INDEX_MAX_COLS];
    int         nrange;
    int         nquals;
} QualColumns;

static Node *
strip_relabel(Node *n)
{
    while (n && IsA(n, RelabelType))
        n = (Node *) ((RelabelType *) n)->arg;
    return n;
}

static bool
has_var_walker(Node *node, void *context)
{
    if (node == NULL)
        return false;
    if (IsA(node, Var))
        return true;
    return expression_tree_walker(node, has_var_walker, context);
}

static void
add_col(int16 *arr, int *n, int16 attno)
{
    for (int i = 0; i < *n; i++)
        if (arr[i] == attno)
            return;
    if (*n < PGSTAT_MISSING_INDEX_MAX_COLS)
        arr[(*n)++] = attno;
}

/* The column of a "Var op value" pair, or 0. */
static int16
qual_column(List *args)
{
    Node       *l;
    Node       *r;

    if (list_length(args) != 2)
        return 0;
    l = strip_relabel((Node *) linitial(args));
    r = strip_relabel((Node *) lsecond(args));
    if (l && IsA(l, Var) && ((Var *) l)->varlevelsup == 0 && ((Var *) l)->varattno > 0 &&
        !has_var_walker(r, NULL))
        return ((Var *) l)->varattno;
    if (r && IsA(r, Var) && ((Var *) r)->varlevelsup == 0 && ((Var *) r)->varattno > 0 &&
        !has_var_walker(l, NULL))
        return ((Var *) r)->varattno;
    return 0;
}

static void
collect_quals(Node *q, QualColumns *qc)
{
    q = strip_relabel(q);
    if (q == NULL)
        return;
    if (IsA(q, List))
    {
        ListCell   *lc;

        foreach(lc, (List *) q)
            collect_quals((Node *) lfirst(lc), qc);
        return;
    }
    qc->nquals++;
    if (IsA(q, BoolExpr) && ((BoolExpr *) q)->boolop == AND_EXPR)
    {
        qc->nquals--;
        collect_quals((Node *) ((BoolExpr *) q)->args, qc);
        return;
    }
    if (IsA(q, OpExpr))
    {
        OpExpr     *op = (OpExpr *) q;
        const OperInfo *oi = OperInfoById(op->opno);
        int16       col = qual_column(op->args);

        if (oi == NULL || col == 0)
            return;
        if (strcmp(oi->name, "=") == 0)
            add_col(qc->eq, &qc->neq, col);
        else if (strcmp(oi->name, "<") == 0 || strcmp(oi->name, "<=") == 0 ||
                 strcmp(oi->name, ">") == 0 || strcmp(oi->name, ">=") == 0)
            add_col(qc->range, &qc->nrange, col);
        return;
    }
    if (IsA(q, ScalarArrayOpExpr) && ((ScalarArrayOpExpr *) q)->useOr)
    {
        ScalarArrayOpExpr *op = (ScalarArrayOpExpr *) q;
        const OperInfo *oi = OperInfoById(op->opno);
        int16       col = qual_column(op->args);

        if (oi != NULL && col != 0 && strcmp(oi->name, "=") == 0)
            add_col(qc->eq, &qc->neq, col);
    }
}

static int
cmp_int16(const void *a, const void *b)
{
    return (int) *(const int16 *) a - (int) *(const int16 *) b;
}

/* True if some valid index of rel has one of cols as its first key column. */
static bool
usable_index_exists(Relation rel, const int16 *cols, int ncols)
{
    List       *indexes = RelationGetIndexList(rel);
    ListCell   *lc;

    foreach(lc, indexes)
    {
        FormData_pg_index form;
        ItemPointerData tid;

        if (!IndexRowGet(lfirst_oid(lc), &form, &tid) || !form.indisvalid || form.indkey.n < 1)
            continue;
        for (int i = 0; i < ncols; i++)
            if (form.indkey.values[0] == cols[i])
                return true;
    }
    return false;
}

/*
 * index_scan_cost -- PostgreSQL-style cost of an index scan returning
 * nkept of ntotal rows through a B-tree over the columns, on a table of
 * pages pages, heap order uncorrelated with the index (the pessimistic
 * case): descent + index leaf pages + heap pages (Mackert-Lohman) + CPU.
 */
static double
index_scan_cost(double pages, double ntotal, double nkept, int nquals, int ncols)
{
    double      sel = Max(nkept, 1.0) / Max(ntotal, 1.0);
    double      tuples = Max(1.0, sel * ntotal);
    double      entry_bytes = 16.0 + 8.0 * ncols;
    double      index_pages = Max(1.0, ceil(ntotal * entry_bytes / (8192.0 * 0.9)));
    double      leaf_pages = Max(1.0, ceil(sel * index_pages));
    double      height = Max(1.0, ceil(log(Max(index_pages, 2.0)) / log(256.0)));
    double      descent = ceil(log2(Max(ntotal, 2.0))) * DEFAULT_CPU_OPERATOR_COST +
        (height + 1.0) * 50.0 * DEFAULT_CPU_OPERATOR_COST;
    double      heap_pages;

    /* Mackert and Lohman, for a table that fits in cache */
    heap_pages = (2.0 * pages * tuples) / (2.0 * pages + tuples);
    heap_pages = Min(heap_pages, pages);
    return descent +
        leaf_pages * DEFAULT_RANDOM_PAGE_COST +
        tuples * (DEFAULT_CPU_INDEX_TUPLE_COST + DEFAULT_CPU_OPERATOR_COST) +
        heap_pages * DEFAULT_RANDOM_PAGE_COST +
        tuples * (DEFAULT_CPU_TUPLE_COST + DEFAULT_CPU_OPERATOR_COST * nquals);
}

void
pgstat_report_seqscan(Relation rel, List *plan_quals, int64 rows_scanned, int64 rows_returned)
{
    QualColumns qc;
    int16       cols[PGSTAT_MISSING_INDEX_MAX_COLS];
    int         ncols = 0;
    double      pages;
    double      seq_cost;
    double      idx_cost;

    pgstat_count_seq_tuples(RelationGetRelid(rel), rows_scanned);
    if (!pgstat_track_counts || PgStatShmem == NULL || plan_quals == NIL ||
        rows_scanned < PGSTAT_MISSING_MIN_ROWS ||
        (double) rows_returned > PGSTAT_MISSING_MAX_SELECTIVITY * (double) rows_scanned ||
        RelationGetForm_relkind(rel) != 'r' || RelationGetRelid(rel) < FirstNormalObjectId)
        return;
    memset(&qc, 0, sizeof(qc));
    collect_quals((Node *) plan_quals, &qc);
    qsort(qc.eq, (size_t) qc.neq, sizeof(int16), cmp_int16);
    for (int i = 0; i < qc.neq && ncols < PGSTAT_MISSING_INDEX_MAX_COLS; i++)
        cols[ncols++] = qc.eq[i];
    if (ncols < PGSTAT_MISSING_INDEX_MAX_COLS && qc.nrange > 0)
    {
        bool        dup = false;

        for (int i = 0; i < ncols; i++)
            dup |= cols[i] == qc.range[0];
        if (!dup)
            cols[ncols++] = qc.range[0];
    }
    if (ncols == 0 || usable_index_exists(rel, cols, ncols))
        return;
    pages = (double) RelationGetNumberOfBlocks(rel);
    seq_cost = pages * DEFAULT_SEQ_PAGE_COST +
        (double) rows_scanned * (DEFAULT_CPU_TUPLE_COST + DEFAULT_CPU_OPERATOR_COST * Max(1, qc.nquals));
    idx_cost = index_scan_cost(pages, (double) rows_scanned, (double) rows_returned,
                               Max(1, qc.nquals), ncols);
    if (idx_cost >= seq_cost)
        return;
    pgstat_count_missing_index(RelationGetRelid(rel), cols, ncols, rows_scanned, rows_returned,
                               seq_cost, idx_cost);
}
