/*
 * prepunion.c
 *     Set operations: UNION [ALL], INTERSECT [ALL], EXCEPT [ALL], and the
 *     RecursiveUnion of WITH RECURSIVE.
 * Entry point: plan_set_operations().
 *
 * Each leaf is a subquery planned on its own; UNION ALL is an Append,
 * UNION an Append under a hashed (or sorted) duplicate removal, INTERSECT
 * and EXCEPT an Append of both sides tagged with a flag column under a
 * hashed SetOp.  Every node outputs exactly the set operation's columns.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

static Plan *recurse_set_operations(PlannerInfo *root, Node *setop, int ncols);

static Var *
outer_ref(int attno, Oid type, int32 typmod)
{
    Var        *v = makeNode(Var);

    v->varno = OUTER_VAR;
    v->varattno = (int16) attno;
    v->vartype = type;
    v->vartypmod = typmod;
    v->location = -1;
    return v;
}

/* The first ncols columns of plan (wrapping it in a Result when it has more), plus an optional flag. */
static Plan *
project_columns(Plan *plan, int ncols, int flag)
{
    List       *tlist = NIL;
    ListCell   *lc;
    int         i = 0;
    Result     *r;

    if (flag < 0 && list_length(plan->targetlist) == ncols)
        return plan;
    foreach(lc, plan->targetlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (++i > ncols)
            break;
        tlist = lappend(tlist, make_tle((Node *) outer_ref(i, exprType((Node *) tle->expr),
                                                           exprTypmod((Node *) tle->expr)),
                                        i, tle->resname, false));
    }
    if (flag >= 0)
    {
        Const      *c = makeNode(Const);

        c->consttype = INT4OID;
        c->consttypmod = -1;
        c->constlen = 4;
        c->constbyval = true;
        c->constvalue = Int32GetDatum(flag);
        c->location = -1;
        tlist = lappend(tlist, make_tle((Node *) c, ncols + 1, "flag", false));
    }
    r = (Result *) make_result_plan(tlist, plan, NULL);
    return (Plan *) r;
}

static Plan *
make_append(List *plans)
{
    Append     *a = makeNode(Append);
    ListCell   *lc;
    Plan       *first = (Plan *) linitial(plans);

    a->appendplans = plans;
    a->plan.targetlist = make_passthrough_tlist(first->targetlist);
    foreach(lc, plans)
    {
        Plan       *p = (Plan *) lfirst(lc);

        a->plan.total_cost += p->total_cost;
        a->plan.plan_rows += p->plan_rows;
        a->plan.plan_width = Max(a->plan.plan_width, p->plan_width);
    }
    a->plan.startup_cost = first->startup_cost;
    return (Plan *) a;
}

static bool
all_hashable(Plan *plan, int ncols)
{
    for (int i = 0; i < ncols; i++)
    {
        Oid         t = exprType((Node *) ((TargetEntry *) list_nth(plan->targetlist, i))->expr);

        if (TypeHashFunction(t) == NULL || TypeCompareFunction(t) == NULL)
            return false;
    }
    return true;
}

/* Duplicate removal over all ncols columns of plan. */
static Plan *
make_distinct(Plan *plan, int ncols)
{
    List       *cols = NIL;
    double      groups = estimate_num_groups(plan->plan_rows, ncols);

    for (int i = 1; i <= ncols; i++)
        cols = lappend_int(cols, i);
    if (all_hashable(plan, ncols))
        return make_agg_plan(plan, AGG_HASHED, cols, NIL, make_passthrough_tlist(plan->targetlist),
                             NIL, groups);
    else
    {
        Sort       *sort;
        Unique     *u = makeNode(Unique);
        List       *sgcs = NIL;
        List       *tlist = NIL;
        ListCell   *lc;
        int         i = 0;

        /* sort on every column ascending: build SortGroupClauses on the fly */
        foreach(lc, plan->targetlist)
        {
            TargetEntry *tle = (TargetEntry *) copyObject(lfirst(lc));
            SortGroupClause *sgc = makeNode(SortGroupClause);
            Oid         t = exprType((Node *) tle->expr);

            tle->ressortgroupref = (uint32) ++i;
            tlist = lappend(tlist, tle);
            sgc->tleSortGroupRef = (uint32) i;
            sgc->sortop = TypeLessThanOperator(t);
            sgc->eqop = TypeEqualityOperator(t);
            sgcs = lappend(sgcs, sgc);
        }
        sort = (Sort *) make_sort_plan(plan, sgcs, tlist);
        u->plan.lefttree = (Plan *) sort;
        u->plan.targetlist = make_passthrough_tlist(plan->targetlist);
        copy_plan_costsize(&u->plan, (Plan *) sort);
        u->numCols = ncols;
        u->uniqColIdx = (int *) palloc0(sizeof(int) * (ncols + 1));
        u->uniqTypes = (Oid *) palloc0(sizeof(Oid) * (ncols + 1));
        for (i = 0; i < ncols; i++)
        {
            u->uniqColIdx[i] = i + 1;
            u->uniqTypes[i] = sort->sortTypes[i];
        }
        return (Plan *) u;
    }
}

static void
flatten_union_all(PlannerInfo *root, Node *node, int ncols, List **plans)
{
    if (IsA(node, SetOperationStmt))
    {
        SetOperationStmt *op = (SetOperationStmt *) node;

        if (op->op == SETOP_UNION && op->all)
        {
            flatten_union_all(root, op->larg, ncols, plans);
            flatten_union_all(root, op->rarg, ncols, plans);
            return;
        }
    }
    *plans = lappend(*plans, recurse_set_operations(root, node, ncols));
}

static Plan *
recurse_set_operations(PlannerInfo *root, Node *setop, int ncols)
{
    if (IsA(setop, RangeTblRef))
    {
        RangeTblEntry *rte = (RangeTblEntry *) list_nth(root->parse->rtable,
                                                        ((RangeTblRef *) setop)->rtindex - 1);
        Plan       *plan;

        if (rte->rtekind != RTE_SUBQUERY)
            elog(ERROR, "set operation leaf is not a subquery");
        plan = subquery_planner(root->glob, rte->subquery, root, LEVEL_FROM, NULL);
        return project_columns(plan, ncols, -1);
    }
    else
    {
        SetOperationStmt *op = (SetOperationStmt *) setop;

        if (op->op == SETOP_UNION)
        {
            List       *plans = NIL;
            Plan       *append;

            if (op->all)
                flatten_union_all(root, setop, ncols, &plans);
            else
            {
                flatten_union_all(root, op->larg, ncols, &plans);
                flatten_union_all(root, op->rarg, ncols, &plans);
            }
            append = make_append(plans);
            return op->all ? append : make_distinct(append, ncols);
        }
        else
        {
            Plan       *l = project_columns(recurse_set_operations(root, op->larg, ncols), ncols, 0);
            Plan       *r = project_columns(recurse_set_operations(root, op->rarg, ncols), ncols, 1);
            Plan       *append = make_append(list_make2(l, r));
            SetOp      *so = makeNode(SetOp);
            List       *tlist = NIL;

            if (!all_hashable(append, ncols))
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("INTERSECT/EXCEPT over types without hashing support is not supported yet"));
            so->cmd = op->op == SETOP_INTERSECT ?
                (op->all ? SETOPCMD_INTERSECT_ALL : SETOPCMD_INTERSECT) :
                (op->all ? SETOPCMD_EXCEPT_ALL : SETOPCMD_EXCEPT);
            so->numCols = ncols;
            so->dupColIdx = (int *) palloc0(sizeof(int) * (ncols + 1));
            so->dupTypes = (Oid *) palloc0(sizeof(Oid) * (ncols + 1));
            for (int i = 0; i < ncols; i++)
            {
                TargetEntry *tle = (TargetEntry *) list_nth(append->targetlist, i);

                so->dupColIdx[i] = i + 1;
                so->dupTypes[i] = exprType((Node *) tle->expr);
                tlist = lappend(tlist, copyObject(tle));
            }
            so->flagColIdx = ncols + 1;
            so->numGroups = estimate_num_groups(l->plan_rows, ncols);
            so->plan.lefttree = append;
            so->plan.targetlist = tlist;
            copy_plan_costsize(&so->plan, append);
            so->plan.plan_rows = so->numGroups;
            return (Plan *) so;
        }
    }
}

/*
 * plan_set_operations -- the plan for root's setOperations tree, output
 * columns in order.  For the query of a recursive CTE being planned, the
 * top UNION becomes a RecursiveUnion.
 */
Plan *
plan_set_operations(PlannerInfo *root)
{
    SetOperationStmt *top = (SetOperationStmt *) root->parse->setOperations;
    int         ncols = list_length(top->colTypes);
    PlannedCte *rec = root->glob->pending_recursive;

    if (rec != NULL)
    {
        RecursiveUnion *ru = makeNode(RecursiveUnion);
        Plan       *l;
        Plan       *r;

        root->glob->pending_recursive = NULL;
        if (top->op != SETOP_UNION)
            ereport(ERROR, errcode(ERRCODE_INVALID_RECURSION),
                    errmsg("recursive query \"%s\" does not have the form non-recursive-term UNION [ALL] recursive-term",
                           rec->name));
        l = recurse_set_operations(root, top->larg, ncols);
        r = recurse_set_operations(root, top->rarg, ncols);
        ru->plan.lefttree = l;
        ru->plan.righttree = r;
        ru->plan.targetlist = make_passthrough_tlist(l->targetlist);
        ru->wtParam = rec->wt_param;
        if (!top->all)
        {
            if (!all_hashable(l, ncols))
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("could not implement recursive UNION"),
                        errdetail("All column datatypes must be hashable."));
            ru->numCols = ncols;
            ru->dupColIdx = (int *) palloc0(sizeof(int) * (ncols + 1));
            ru->dupTypes = (Oid *) palloc0(sizeof(Oid) * (ncols + 1));
            for (int i = 0; i < ncols; i++)
            {
                ru->dupColIdx[i] = i + 1;
                ru->dupTypes[i] = exprType((Node *) ((TargetEntry *) list_nth(l->targetlist, i))->expr);
            }
        }
        ru->plan.startup_cost = l->startup_cost;
        ru->plan.total_cost = l->total_cost + 10 * r->total_cost;
        ru->plan.plan_rows = l->plan_rows + 10 * r->plan_rows;
        ru->plan.plan_width = l->plan_width;
        return (Plan *) ru;
    }
    return recurse_set_operations(root, (Node *) top, ncols);
}
