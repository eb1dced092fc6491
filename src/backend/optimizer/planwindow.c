/*
 * planwindow.c
 *     Window functions: the targetlist the scan/join or Agg below the
 *     windows must produce, and the stack of WindowAgg nodes (each over a
 *     Sort on its partition and order keys unless the input is already in
 *     that order) that computes them.
 * Entry points: make_window_input_tlist(), make_srf_input_tlist(),
 * window_input_order(), make_window_plans().
 *
 * Windows with equal definitions (PARTITION BY, ORDER BY, frame) are one
 * WindowAgg.  As PostgreSQL (select_active_windows), the windows are
 * ordered by their sort keys so that windows needing the same sort, or a
 * prefix of it, are adjacent; the first is the lowest.  The final ORDER BY
 * needs no Sort when the last window's sort delivers it.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

/* ---------------- the input of the windows ---------------- */

static bool
contains_windowfunc_walker(Node *node, void *context)
{
    if (node == NULL)
        return false;
    if (IsA(node, WindowFunc))
        return true;
    if (IsA(node, Query))
        return false;
    return expression_tree_walker(node, contains_windowfunc_walker, context);
}

static bool
contains_windowfunc(Node *node)
{
    return contains_windowfunc_walker(node, NULL);
}

static void
add_input_expr(List **tlist, Node *expr)
{
    if (expr == NULL || IsA(expr, Const) || find_tle_for_expr(*tlist, expr) > 0)
        return;
    *tlist = lappend(*tlist, make_tle(expr, list_length(*tlist) + 1, NULL, true));
}

/* the largest window-free parts of node (window function arguments included) */
static bool
window_input_walker(Node *node, void *context)
{
    List      **tlist = (List **) context;

    if (node == NULL)
        return false;
    if (!contains_windowfunc(node))
    {
        add_input_expr(tlist, node);
        return false;
    }
    return expression_tree_walker(node, window_input_walker, context);
}

/*
 * make_window_input_tlist -- what the plan below the windows computes:
 * the window-free entries of tlist (with their sort/group references), then
 * the window-free parts of the others as resjunk entries.
 */
List *
make_window_input_tlist(List *tlist)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (!contains_windowfunc((Node *) tle->expr))
        {
            TargetEntry *n = (TargetEntry *) copyObject(tle);

            n->resno = (int16) (list_length(result) + 1);
            result = lappend(result, n);
        }
    }
    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (contains_windowfunc((Node *) tle->expr))
            window_input_walker((Node *) tle->expr, &result);
    }
    return result;
}

static bool
contains_srf_walker(Node *node, void *context)
{
    if (node == NULL)
        return false;
    if (exprIsSet(node))
        return true;
    if (IsA(node, Query))
        return false;
    return expression_tree_walker(node, contains_srf_walker, context);
}

/* the largest parts of node without set-returning functions */
static bool
srf_input_walker(Node *node, void *context)
{
    List      **tlist = (List **) context;

    if (node == NULL)
        return false;
    if (!contains_srf_walker(node, NULL))
    {
        add_input_expr(tlist, node);
        return false;
    }
    return expression_tree_walker(node, srf_input_walker, context);
}

/*
 * make_srf_input_tlist -- with target-list set-returning functions, what
 * the windows compute for the ProjectSet above them (PostgreSQL's order:
 * windows first, then the SRFs): the SRF-free entries of tlist, then the
 * SRF-free parts of the others (window functions included) as resjunk.
 */
List *
make_srf_input_tlist(List *tlist)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (!contains_srf_walker((Node *) tle->expr, NULL))
        {
            TargetEntry *n = (TargetEntry *) copyObject(tle);

            n->resno = (int16) (list_length(result) + 1);
            result = lappend(result, n);
        }
    }
    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (contains_srf_walker((Node *) tle->expr, NULL))
            srf_input_walker((Node *) tle->expr, &result);
    }
    return result;
}

/* ---------------- the windows ---------------- */

typedef struct ActiveWindow
{
    WindowClause *wc;           /* the first of the equal definitions */
    List       *winrefs;        /* int: every winref with this definition */
    List       *keys;           /* SortGroupClause: partition keys, then order keys */
    List       *funcs;          /* WindowFunc (original, distinct by equal()) */
} ActiveWindow;

static bool
same_definition(WindowClause *a, WindowClause *b)
{
    return equal(a->partitionClause, b->partitionClause) &&
        equal(a->orderClause, b->orderClause) && a->frameOptions == b->frameOptions &&
        equal(a->startOffset, b->startOffset) && equal(a->endOffset, b->endOffset);
}

static bool
collect_funcs_walker(Node *node, void *context)
{
    List      **funcs = (List **) context;

    if (node == NULL)
        return false;
    if (IsA(node, WindowFunc))
    {
        ListCell   *lc;

        foreach(lc, *funcs)
            if (equal(lfirst(lc), node))
                return false;
        *funcs = lappend(*funcs, node);
        return false;
    }
    if (IsA(node, Query))
        return false;
    return expression_tree_walker(node, collect_funcs_walker, context);
}

static bool
sort_keys_contain(List *keys, SortGroupClause *sgc)
{
    ListCell   *lc;

    foreach(lc, keys)
        if (((SortGroupClause *) lfirst(lc))->tleSortGroupRef == sgc->tleSortGroupRef)
            return true;
    return false;
}

/* PostgreSQL's common_prefix_cmp: longer and "larger" sort lists first */
static int
compare_windows(const ListCell *a, const ListCell *b)
{
    List       *ka = ((ActiveWindow *) lfirst(a))->keys;
    List       *kb = ((ActiveWindow *) lfirst(b))->keys;
    int         n = Min(list_length(ka), list_length(kb));

    for (int i = 0; i < n; i++)
    {
        SortGroupClause *x = (SortGroupClause *) list_nth(ka, i);
        SortGroupClause *y = (SortGroupClause *) list_nth(kb, i);

        if (x->tleSortGroupRef != y->tleSortGroupRef)
            return x->tleSortGroupRef > y->tleSortGroupRef ? -1 : 1;
        if (x->sortop != y->sortop)
            return x->sortop > y->sortop ? -1 : 1;
        if (x->nulls_first != y->nulls_first)
            return x->nulls_first ? -1 : 1;
    }
    if (list_length(ka) != list_length(kb))
        return list_length(ka) > list_length(kb) ? -1 : 1;
    return 0;
}

static List *
active_windows(Query *parse, List *tlist)
{
    List       *funcs = NIL;
    List       *result = NIL;
    ListCell   *lc;

    collect_funcs_walker((Node *) tlist, &funcs);
    foreach(lc, parse->windowClause)
    {
        WindowClause *wc = (WindowClause *) lfirst(lc);
        ActiveWindow *aw = NULL;
        ListCell   *lc2;
        bool        used = false;

        foreach(lc2, funcs)
            if (((WindowFunc *) lfirst(lc2))->winref == wc->winref)
                used = true;
        if (!used)
            continue;
        foreach(lc2, result)
            if (same_definition(((ActiveWindow *) lfirst(lc2))->wc, wc))
                aw = (ActiveWindow *) lfirst(lc2);
        if (aw == NULL)
        {
            aw = (ActiveWindow *) palloc0(sizeof(ActiveWindow));
            aw->wc = wc;
            foreach(lc2, wc->partitionClause)
                if (!sort_keys_contain(aw->keys, lfirst(lc2)))
                    aw->keys = lappend(aw->keys, lfirst(lc2));
            foreach(lc2, wc->orderClause)
                if (!sort_keys_contain(aw->keys, lfirst(lc2)))
                    aw->keys = lappend(aw->keys, lfirst(lc2));
            result = lappend(result, aw);
        }
        aw->winrefs = lappend_int(aw->winrefs, (int) wc->winref);
        foreach(lc2, funcs)
            if (((WindowFunc *) lfirst(lc2))->winref == wc->winref)
                aw->funcs = lappend(aw->funcs, lfirst(lc2));
    }
    list_sort(result, compare_windows);
    return result;
}

/*
 * window_input_order -- the sort keys (SortGroupClause) of the first
 * (lowest) window of the query, NIL if it needs no order: the order a
 * scan delivering it saves a Sort for (set_query_pathkeys).
 */
List *
window_input_order(Query *parse, List *tlist)
{
    List       *windows = active_windows(parse, tlist);

    if (windows == NIL)
        return NIL;
    return ((ActiveWindow *) linitial(windows))->keys;
}

/* does the order `have' (SortGroupClauses) begin with `want'? */
static bool
order_satisfies(List *have, List *want)
{
    ListCell   *lc;

    if (list_length(want) > list_length(have))
        return false;
    foreach(lc, want)
    {
        SortGroupClause *w = (SortGroupClause *) lfirst(lc);
        SortGroupClause *h = (SortGroupClause *) list_nth(have, foreach_current_index(lc));

        if (w->tleSortGroupRef != h->tleSortGroupRef || w->sortop != h->sortop ||
            w->nulls_first != h->nulls_first)
            return false;
    }
    return true;
}

typedef struct WindowFixContext
{
    List       *input;          /* logical input targetlist */
    List       *funcs;          /* this node's WindowFuncs (original), winno = position */
} WindowFixContext;

/*
 * Make node refer to the input's columns (whole expressions first: lower
 * windows' results, aggregates, window-free parts) and number this node's
 * window functions.
 */
static Node *
window_fix_mutator(Node *node, void *context)
{
    WindowFixContext *c = (WindowFixContext *) context;
    int         resno;

    if (node == NULL)
        return NULL;
    if (IsA(node, Const) || IsA(node, Param))
        return (Node *) copyObject(node);
    if (IsA(node, Var) && ((Var *) node)->varlevelsup != 0)
        return (Node *) copyObject(node);
    if ((resno = find_tle_for_expr(c->input, node)) > 0)
    {
        Var        *v = makeNode(Var);

        v->varno = OUTER_VAR;
        v->varattno = (int16) resno;
        v->vartype = exprType(node);
        v->vartypmod = exprTypmod(node);
        v->location = -1;
        return (Node *) v;
    }
    if (IsA(node, Var))
        elog(ERROR, "variable %d.%d not found in the window's input", ((Var *) node)->varno,
             ((Var *) node)->varattno);
    if (IsA(node, WindowFunc))
    {
        ListCell   *lc;

        foreach(lc, c->funcs)
        {
            if (equal(lfirst(lc), node))
            {
                WindowFunc *w = (WindowFunc *) expression_tree_mutator(node, window_fix_mutator,
                                                                       context);

                w->winno = foreach_current_index(lc);
                return (Node *) w;
            }
        }
        elog(ERROR, "window function not computed below its use");
    }
    return expression_tree_mutator(node, window_fix_mutator, context);
}

/* operators and functions evaluated per row in node (PostgreSQL's procost 1 each) */
static bool
count_ops_walker(Node *node, void *context)
{
    int        *n = (int *) context;

    if (node == NULL)
        return false;
    if (IsA(node, Aggref) || IsA(node, Query))
        return false;           /* computed below the windows */
    if (IsA(node, FuncExpr) || IsA(node, OpExpr) || IsA(node, DistinctExpr) ||
        IsA(node, NullIfExpr) || IsA(node, ScalarArrayOpExpr))
        (*n)++;
    return expression_tree_walker(node, count_ops_walker, context);
}

static int
key_column(List *tlist, SortGroupClause *sgc)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (tle->ressortgroupref == sgc->tleSortGroupRef)
            return tle->resno;
    }
    elog(ERROR, "window key %u not found in the targetlist", sgc->tleSortGroupRef);
    return 0;
}

static void
set_key_columns(List *clauses, List *tlist, int *num, int **cols, Oid **types)
{
    ListCell   *lc;
    int         i = 0;

    *num = list_length(clauses);
    *cols = (int *) palloc0(sizeof(int) * (*num + 1));
    *types = (Oid *) palloc0(sizeof(Oid) * (*num + 1));
    foreach(lc, clauses)
    {
        int         col = key_column(tlist, (SortGroupClause *) lfirst(lc));
        TargetEntry *tle = (TargetEntry *) list_nth(tlist, col - 1);

        (*cols)[i] = col;
        (*types)[i] = exprType((Node *) tle->expr);
        i++;
    }
}

/*
 * make_window_plans -- WindowAgg nodes (and Sorts) over plan, whose output
 * is input_tlist (from make_window_input_tlist), computing tlist, the
 * query's targetlist.  Sets root->plan_is_sorted when the output is
 * already in ORDER BY order.
 */
Plan *
make_window_plans(PlannerInfo *root, Plan *plan, List *input_tlist, List *tlist)
{
    Query      *parse = root->parse;
    List       *windows = active_windows(parse, tlist);
    List       *logical = input_tlist;
    List       *order = NIL;
    ListCell   *lc;

    if (windows == NIL)
        elog(ERROR, "window functions without a window");
    /* the scan chosen delivers the first window's order (set_query_pathkeys) */
    if (root->plan_is_sorted)
        order = ((ActiveWindow *) linitial(windows))->keys;
    foreach(lc, windows)
    {
        ActiveWindow *aw = (ActiveWindow *) lfirst(lc);
        WindowAgg  *wa = makeNode(WindowAgg);
        WindowFixContext fc;
        List       *out_logical;
        ListCell   *lc2;
        bool        last = foreach_current_index(lc) == list_length(windows) - 1;
        double      rows;
        int         nops;

        if (aw->keys != NIL && !order_satisfies(order, aw->keys))
        {
            plan = make_sort_plan(plan, aw->keys, logical);
            order = aw->keys;
        }
        fc.input = logical;
        fc.funcs = aw->funcs;
        wa->winref = aw->wc->winref;
        set_key_columns(aw->wc->partitionClause, logical, &wa->partNumCols, &wa->partColIdx,
                        &wa->partTypes);
        set_key_columns(aw->wc->orderClause, logical, &wa->ordNumCols, &wa->ordColIdx,
                        &wa->ordTypes);
        wa->frameOptions = aw->wc->frameOptions;
        if (wa->ordNumCols == 1)
        {
            SortGroupClause *sgc = (SortGroupClause *) linitial(aw->wc->orderClause);
            const OperInfo *op = OperInfoById(sgc->sortop);

            wa->rangeDesc = op != NULL && op->name[0] == '>';
            wa->rangeNullsFirst = sgc->nulls_first;
        }
        wa->startOffset = preprocess_expression(root, copyObject(aw->wc->startOffset));
        wa->endOffset = preprocess_expression(root, copyObject(aw->wc->endOffset));
        foreach(lc2, aw->funcs)
        {
            WindowFunc *w = (WindowFunc *) copyObject(lfirst(lc2));

            w->args = (List *) window_fix_mutator((Node *) w->args, &fc);
            w->aggfilter = window_fix_mutator(w->aggfilter, &fc);
            w->winno = foreach_current_index(lc2);
            wa->winfuncs = lappend(wa->winfuncs, w);
        }
        if (last)
        {
            wa->plan.targetlist = (List *) window_fix_mutator((Node *) tlist, &fc);
            out_logical = tlist;
        }
        else
        {
            wa->plan.targetlist = make_passthrough_tlist(logical);
            out_logical = list_copy(logical);
            foreach(lc2, aw->funcs)
            {
                WindowFunc *w = (WindowFunc *) lfirst(lc2);

                wa->plan.targetlist =
                    lappend(wa->plan.targetlist,
                            make_tle(window_fix_mutator((Node *) w, &fc),
                                     list_length(wa->plan.targetlist) + 1, NULL, true));
                out_logical = lappend(out_logical,
                                      make_tle((Node *) w, list_length(out_logical) + 1, NULL,
                                               true));
            }
        }
        /*
         * PostgreSQL's cost_windowagg with built-in functions of cost 1: each
         * function, the operators of its arguments and FILTER, and each
         * partition / order column cost cpu_operator_cost per row.
         */
        nops = 0;
        foreach(lc2, aw->funcs)
        {
            WindowFunc *w = (WindowFunc *) lfirst(lc2);

            count_ops_walker((Node *) w->args, &nops);
            count_ops_walker(w->aggfilter, &nops);
        }
        rows = plan->plan_rows;
        wa->plan.lefttree = plan;
        wa->plan.startup_cost = plan->startup_cost;
        wa->plan.total_cost = plan->total_cost +
            rows * (DEFAULT_CPU_OPERATOR_COST *
                    (list_length(aw->funcs) + nops + wa->partNumCols + wa->ordNumCols) +
                    DEFAULT_CPU_TUPLE_COST);
        wa->plan.plan_rows = rows;
        wa->plan.plan_width = plan->plan_width;
        foreach(lc2, aw->funcs)
            wa->plan.plan_width += type_width(((WindowFunc *) lfirst(lc2))->wintype, -1);
        plan = (Plan *) wa;
        logical = out_logical;
    }
    root->plan_is_sorted = parse->sortClause != NIL && order_satisfies(order, parse->sortClause);
    return plan;
}
