/*
 * createplan.c
 *     Turning the chosen paths into plan nodes, and building the upper
 *     nodes (Sort, Agg) the grouping planner stacks on top.
 * Entry points: create_plan(), make_sort_plan(), make_sort_on_columns(),
 * make_agg_plan().
 *
 * Targetlists: a scan outputs the Vars of its relation the query needs
 * (rel->vars); a join outputs its outer input's columns followed by its
 * inner input's.  create_plan() also returns the "logical" targetlist: the
 * same entries holding the original Vars (varno = local rtindex), which
 * setrefs.c uses to locate a Var in a child's output.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

TargetEntry *
make_tle(Node *expr, int resno, const char *name, bool junk)
{
    TargetEntry *tle = makeNode(TargetEntry);

    tle->expr = expr;
    tle->resno = (int16) resno;
    tle->resname = name ? pstrdup(name) : NULL;
    tle->resjunk = junk;
    return tle;
}

static List *
vars_tlist(List *vars)
{
    List       *tlist = NIL;
    ListCell   *lc;

    foreach(lc, vars)
        tlist = lappend(tlist, make_tle((Node *) copyObject(lfirst(lc)), list_length(tlist) + 1,
                                        NULL, false));
    return tlist;
}

static void
set_costs(Plan *plan, Path *path, int width)
{
    plan->startup_cost = path->startup_cost;
    plan->total_cost = path->total_cost;
    plan->plan_rows = path->rows;
    plan->plan_width = width;
}

void
copy_plan_costsize(Plan *dst, const Plan *src)
{
    dst->startup_cost = src->startup_cost;
    dst->total_cost = src->total_cost;
    dst->plan_rows = src->plan_rows;
    dst->plan_width = src->plan_width;
}

static List *
concat_logical(List *outer, List *inner)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, outer)
        result = lappend(result, make_tle((Node *) ((TargetEntry *) lfirst(lc))->expr,
                                          list_length(result) + 1, NULL, false));
    foreach(lc, inner)
        result = lappend(result, make_tle((Node *) ((TargetEntry *) lfirst(lc))->expr,
                                          list_length(result) + 1, NULL, false));
    return result;
}

/*
 * Replace Vars of other relations (the outer side of a parameterized nested
 * loop) by PARAM_EXEC Params, registering each in root->curOuterParams for
 * the NestLoop above to set.
 */
static Node *
nestloop_param_mutator(Node *node, void *context)
{
    PlannerInfo *root = (PlannerInfo *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0)
    {
        Var        *var = (Var *) node;
        ListCell   *lc;
        NestLoopParam *np = NULL;
        Param      *p;

        foreach(lc, root->curOuterParams)
        {
            NestLoopParam *cand = (NestLoopParam *) lfirst(lc);

            if (cand->paramval->varno == var->varno && cand->paramval->varattno == var->varattno)
                np = cand;
        }
        if (np == NULL)
        {
            np = (NestLoopParam *) palloc0(sizeof(NestLoopParam));
            np->type = T_Plan;
            np->paramno = planner_new_param(root->glob, var->vartype);
            np->paramval = (Var *) copyObject(var);
            root->curOuterParams = lappend(root->curOuterParams, np);
        }
        p = makeNode(Param);
        p->paramkind = PARAM_EXEC;
        p->paramid = np->paramno;
        p->paramtype = var->vartype;
        p->paramtypmod = var->vartypmod;
        p->location = -1;
        return (Node *) p;
    }
    return expression_tree_mutator(node, nestloop_param_mutator, context);
}

/* Level-0 Vars renumbered to statement-wide range-table indexes (for EXPLAIN). */
static Node *
offset_varnos_mutator(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0)
    {
        Var        *v = (Var *) copyObject(node);

        v->varno += *(int *) context;
        return (Node *) v;
    }
    return expression_tree_mutator(node, offset_varnos_mutator, context);
}

/* IndexScan / IndexOnlyScan for an index path; quals not applied as keys stay in qual. */
static Plan *
create_index_plan(PlannerInfo *root, Path *path, List *quals)
{
    IndexScan  *s = path->pathtype == T_IndexOnlyScan ?
        (IndexScan *) makeNode(IndexOnlyScan) : makeNode(IndexScan);
    List       *filter = NIL;
    ListCell   *lc;

    s->indexid = path->index->indexoid;
    s->indexorderdir = path->indexdir < 0 ? -1 : 1;
    foreach(lc, path->indexclauses)
    {
        IndexClause *ic = (IndexClause *) lfirst(lc);
        Node       *value = ic->value;

        if (value != NULL && !relids_is_empty(pull_varnos(value)))
            value = nestloop_param_mutator(value, root);
        s->indexkeyattnos = lappend_int(s->indexkeyattnos, ic->indexcol);
        s->indexkeystrategies = lappend_int(s->indexkeystrategies, ic->strategy);
        s->indexkeyflags = lappend_int(s->indexkeyflags, ic->flags);
        s->indexkeyexprs = lappend(s->indexkeyexprs, value);
        s->indexqualorig = lappend(s->indexqualorig,
                                   offset_varnos_mutator(ic->display ? ic->display : ic->clause,
                                                         &root->rtoffset));
    }
    foreach(lc, quals)
    {
        ListCell   *lc2;
        bool        used = false;

        foreach(lc2, path->indexclauses)
            if (((IndexClause *) lfirst(lc2))->clause == lfirst(lc))
                used = true;
        if (list_member_ptr(path->predclauses, lfirst(lc)))
            used = true;        /* the partial index holds only rows satisfying it */
        if (!used)
            filter = lappend(filter, lfirst(lc));
    }
    s->scan.plan.qual = filter;
    return (Plan *) s;
}

static Plan *
create_scan_plan(PlannerInfo *root, Path *path, List **logical)
{
    RelOptInfo *rel = path->parent;
    RangeTblEntry *rte = rel->rti > 0 ?
        (RangeTblEntry *) list_nth(root->parse->rtable, rel->rti - 1) : NULL;
    List       *tlist = vars_tlist(rel->vars);
    List       *quals = list_concat(list_copy(rel->baserestrict), path->otherquals);
    int         scanrelid = rel->rti + root->rtoffset;
    Plan       *plan;

    switch (path->pathtype)
    {
        case T_SeqScan:
            {
                SeqScan    *s = makeNode(SeqScan);

                s->scan.scanrelid = scanrelid;
                plan = (Plan *) s;
                break;
            }
        case T_IndexScan:
        case T_IndexOnlyScan:
            plan = create_index_plan(root, path, quals);
            ((Scan *) plan)->scanrelid = scanrelid;
            plan->targetlist = tlist;
            set_costs(plan, path, rel->width);
            *logical = tlist;
            return plan;
        case T_SubqueryScan:
            {
                SubqueryScan *s = makeNode(SubqueryScan);

                s->scan.scanrelid = scanrelid;
                s->subplan = rel->subplan;
                plan = (Plan *) s;
                break;
            }
        case T_FunctionScan:
            {
                FunctionScan *s = makeNode(FunctionScan);
                ListCell   *lc;

                Assert(rte != NULL);
                s->scan.scanrelid = scanrelid;
                foreach(lc, rte->functions)
                {
                    RangeTblFunction *f = (RangeTblFunction *) copyObject(lfirst(lc));

                    f->funcexpr = preprocess_expression(root, f->funcexpr);
                    s->functions = lappend(s->functions, f);
                }
                s->funcordinality = rte->funcordinality;
                plan = (Plan *) s;
                break;
            }
        case T_ValuesScan:
            {
                ValuesScan *s = makeNode(ValuesScan);
                ListCell   *lc;

                Assert(rte != NULL);
                s->scan.scanrelid = scanrelid;
                foreach(lc, rte->values_lists)
                    s->values_lists = lappend(s->values_lists,
                                              preprocess_expression(root, (Node *) lfirst(lc)));
                plan = (Plan *) s;
                break;
            }
        case T_CteScan:
            {
                CteScan    *s = makeNode(CteScan);
                PlannedCte *cte;

                Assert(rte != NULL);
                cte = find_cte(root, rte->ctename, rte->ctelevelsup);

                s->scan.scanrelid = scanrelid;
                s->ctePlanId = cte->plan_id;
                s->cteParam = cte->param_id;
                plan = (Plan *) s;
                break;
            }
        case T_WorkTableScan:
            {
                WorkTableScan *s = makeNode(WorkTableScan);
                PlannedCte *cte;

                Assert(rte != NULL);
                cte = find_cte(root, rte->ctename, rte->ctelevelsup);

                if (cte->wt_param < 0)
                    elog(ERROR, "recursive reference to a non-recursive CTE");
                s->scan.scanrelid = scanrelid;
                s->wtParam = cte->wt_param;
                plan = (Plan *) s;
                break;
            }
        case T_Result:
            {
                Result     *r = (Result *) make_result_plan(NIL, NULL,
                                                            make_ands_explicit(quals));

                set_costs(&r->plan, path, 0);
                *logical = NIL;
                return (Plan *) r;
            }
        default:
            elog(ERROR, "unexpected scan path type %d", (int) path->pathtype);
    }
    plan->targetlist = tlist;
    plan->qual = quals;
    set_costs(plan, path, rel->width);
    *logical = tlist;
    return plan;
}

Plan *
create_plan_recurse(PlannerInfo *root, Path *path, List **logical)
{
    Plan       *outer;
    Plan       *inner;
    List       *ol;
    List       *il;
    List       *tlist;
    Join       *join;
    List       *nestparams = NIL;

    if (path->partitioned)
        return create_append_plan(root, path, logical);     /* partplan.c */
    if (path->outerpath == NULL)
        return create_scan_plan(root, path, logical);

    outer = create_plan_recurse(root, path->outerpath, &ol);
    {
        /* the inner side's nested-loop Params (if any) are ours to set */
        List       *saved = root->curOuterParams;

        root->curOuterParams = NIL;
        inner = create_plan_recurse(root, path->innerpath, &il);
        nestparams = root->curOuterParams;
        root->curOuterParams = saved;
    }
    *logical = concat_logical(ol, il);
    tlist = (List *) fix_join_expr((Node *) *logical, ol, il);
    if (path->pathtype == T_HashJoin)
    {
        HashJoin   *hj = makeNode(HashJoin);
        Hash       *hash = makeNode(Hash);
        ListCell   *lc;

        hash->plan.lefttree = inner;
        hash->plan.targetlist = make_passthrough_tlist(inner->targetlist);
        copy_plan_costsize(&hash->plan, inner);
        hash->plan.startup_cost = inner->total_cost;   /* builds the table before returning */
        foreach(lc, path->hashclauses)
        {
            OpExpr     *op = (OpExpr *) lfirst(lc);

            hj->hashkeys_outer = lappend(hj->hashkeys_outer,
                                         fix_join_expr(linitial(op->args), ol, NIL));
            hj->hashkeys_inner = lappend(hj->hashkeys_inner,
                                         fix_join_expr(lsecond(op->args), NIL, il));
            hj->hashtypes = lappend_oid(hj->hashtypes, exprType(linitial(op->args)));
            hj->hashclauses = lappend(hj->hashclauses, fix_join_expr((Node *) op, ol, il));
        }
        join = &hj->join;
        join->plan.righttree = (Plan *) hash;
    }
    else if (path->pathtype == T_MergeJoin)
    {
        MergeJoin  *mj = makeNode(MergeJoin);
        List       *ocols = NIL;
        List       *icols = NIL;
        ListCell   *lc;

        foreach(lc, path->hashclauses)
        {
            OpExpr     *op = (OpExpr *) lfirst(lc);
            Var        *ok = (Var *) fix_join_expr(linitial(op->args), ol, NIL);
            Var        *ik = (Var *) fix_join_expr(lsecond(op->args), NIL, il);

            if (!IsA(ok, Var) || !IsA(ik, Var))
                elog(ERROR, "merge join key is not a column of its input");
            mj->mergekeys_outer = lappend(mj->mergekeys_outer, ok);
            mj->mergekeys_inner = lappend(mj->mergekeys_inner, ik);
            mj->mergetypes = lappend_oid(mj->mergetypes, exprType((Node *) ok));
            mj->mergeinnertypes = lappend_oid(mj->mergeinnertypes, exprType((Node *) ik));
            mj->mergeclauses = lappend(mj->mergeclauses, fix_join_expr((Node *) op, ol, il));
            ocols = lappend_int(ocols, ok->varattno);
            icols = lappend_int(icols, ik->varattno);
        }
        if (path->sort_outer)
            outer = make_sort_on_columns(outer, ocols, mj->mergetypes);
        if (path->sort_inner)
            inner = make_sort_on_columns(inner, icols, mj->mergeinnertypes);
        else if (path->materialize_inner)
        {
            Material   *m = makeNode(Material);

            m->plan.lefttree = inner;
            m->plan.targetlist = make_passthrough_tlist(inner->targetlist);
            copy_plan_costsize(&m->plan, inner);
            inner = (Plan *) m;
        }
        join = &mj->join;
        join->plan.righttree = inner;
    }
    else
    {
        NestLoop   *nl = makeNode(NestLoop);
        ListCell   *lc;

        join = &nl->join;
        foreach(lc, nestparams)
        {
            NestLoopParam *np = (NestLoopParam *) lfirst(lc);

            if (!relids_subset(pull_varnos((Node *) np->paramval), path->outerpath->parent->relids))
            {
                /* belongs to a nested loop further up */
                root->curOuterParams = lappend(root->curOuterParams, np);
                continue;
            }
            np->paramval = (Var *) fix_join_expr((Node *) np->paramval, ol, NIL);
            nl->nestParams = lappend(nl->nestParams, np);
        }
        if (path->materialize_inner)
        {
            Material   *m = makeNode(Material);

            m->plan.lefttree = inner;
            m->plan.targetlist = make_passthrough_tlist(inner->targetlist);
            copy_plan_costsize(&m->plan, inner);
            join->plan.righttree = (Plan *) m;
        }
        else
            join->plan.righttree = inner;
    }
    join->plan.lefttree = outer;
    join->jointype = path->jointype;
    join->joinqual = (List *) fix_join_expr((Node *) path->joinclauses, ol, il);
    join->plan.qual = (List *) fix_join_expr((Node *) path->otherquals, ol, il);
    join->plan.targetlist = tlist;
    set_costs(&join->plan, path, path->parent ? path->parent->width : 0);
    return (Plan *) join;
}

/*
 * create_plan -- the plan for rel's cheapest path; *logical receives the
 * logical targetlist (original Vars in output order).
 */
Plan *
create_plan(PlannerInfo *root, RelOptInfo *rel, List **logical)
{
    return create_plan_recurse(root, rel->cheapest, logical);
}

/* ---------------- upper nodes ---------------- */

static bool
sortop_is_desc(Oid sortop)
{
    const OperInfo *op = OperInfoById(sortop);

    return op != NULL && (strcmp(op->name, ">") == 0 || strcmp(op->name, ">=") == 0);
}

/*
 * make_sort_plan -- Sort over lefttree on sortClause (SortGroupClauses
 * referring to entries of tlist, lefttree's targetlist, by ressortgroupref).
 */
Plan *
make_sort_plan(Plan *lefttree, List *sortClause, List *tlist)
{
    Sort       *sort = makeNode(Sort);
    int         n = list_length(sortClause);
    ListCell   *lc;
    int         i = 0;
    double      startup;

    sort->numCols = n;
    sort->sortColIdx = (int *) palloc0(sizeof(int) * (n + 1));
    sort->sortTypes = (Oid *) palloc0(sizeof(Oid) * (n + 1));
    sort->sortDesc = (bool *) palloc0(sizeof(bool) * (n + 1));
    sort->nullsFirst = (bool *) palloc0(sizeof(bool) * (n + 1));
    foreach(lc, sortClause)
    {
        SortGroupClause *sgc = (SortGroupClause *) lfirst(lc);
        ListCell   *lc2;
        TargetEntry *found = NULL;

        foreach(lc2, tlist)
        {
            TargetEntry *tle = (TargetEntry *) lfirst(lc2);

            if (tle->ressortgroupref == sgc->tleSortGroupRef)
            {
                found = tle;
                break;
            }
        }
        if (found == NULL)
            elog(ERROR, "ORDER BY entry %u not found in the targetlist", sgc->tleSortGroupRef);
        sort->sortColIdx[i] = found->resno;
        sort->sortTypes[i] = exprType((Node *) found->expr);
        if (sort->sortTypes[i] == TIDOID)
            sort->sortTypes[i] = INT8OID;
        sort->sortDesc[i] = sortop_is_desc(sgc->sortop);
        sort->nullsFirst[i] = sgc->nulls_first;
        i++;
    }
    sort->plan.lefttree = lefttree;
    sort->plan.targetlist = make_passthrough_tlist(lefttree->targetlist);
    sort->plan.total_cost = cost_sort_total(lefttree->total_cost, lefttree->plan_rows,
                                            lefttree->plan_width, &startup);
    sort->plan.startup_cost = startup;
    sort->plan.plan_rows = lefttree->plan_rows;
    sort->plan.plan_width = lefttree->plan_width;
    return (Plan *) sort;
}

/*
 * make_sort_on_columns -- Sort over lefttree ascending, NULLs last, on its
 * output columns cols (1-based int list) of types types (a merge join's
 * input).
 */
Plan *
make_sort_on_columns(Plan *lefttree, List *cols, List *types)
{
    Sort       *sort = makeNode(Sort);
    int         n = list_length(cols);
    double      startup;

    sort->numCols = n;
    sort->sortColIdx = (int *) palloc0(sizeof(int) * (n + 1));
    sort->sortTypes = (Oid *) palloc0(sizeof(Oid) * (n + 1));
    sort->sortDesc = (bool *) palloc0(sizeof(bool) * (n + 1));
    sort->nullsFirst = (bool *) palloc0(sizeof(bool) * (n + 1));
    for (int i = 0; i < n; i++)
    {
        sort->sortColIdx[i] = list_nth_int(cols, i);
        sort->sortTypes[i] = list_nth_oid(types, i);
    }
    sort->plan.lefttree = lefttree;
    sort->plan.targetlist = make_passthrough_tlist(lefttree->targetlist);
    sort->plan.total_cost = cost_sort_total(lefttree->total_cost, lefttree->plan_rows,
                                            lefttree->plan_width, &startup);
    sort->plan.startup_cost = startup;
    sort->plan.plan_rows = lefttree->plan_rows;
    sort->plan.plan_width = lefttree->plan_width;
    return (Plan *) sort;
}

/*
 * make_agg_plan -- Agg over lefttree grouping on groupCols (int list of
 * 1-based input columns); tlist/qual already refer to the input.
 */
Plan *
make_agg_plan(Plan *lefttree, AggStrategy strategy, List *groupCols, List *aggs,
              List *tlist, List *qual, double numGroups)
{
    Agg        *agg = makeNode(Agg);
    int         n = list_length(groupCols);
    ListCell   *lc;
    int         i = 0;

    agg->aggstrategy = strategy;
    agg->numCols = n;
    agg->grpColIdx = (int *) palloc0(sizeof(int) * (n + 1));
    agg->grpTypes = (Oid *) palloc0(sizeof(Oid) * (n + 1));
    foreach(lc, groupCols)
    {
        int         col = lfirst_int(lc);
        TargetEntry *tle = (TargetEntry *) list_nth(lefttree->targetlist, col - 1);

        agg->grpColIdx[i] = col;
        agg->grpTypes[i] = exprType((Node *) tle->expr);
        i++;
    }
    agg->aggs = aggs;
    agg->numGroups = numGroups;
    agg->plan.lefttree = lefttree;
    agg->plan.targetlist = tlist;
    agg->plan.qual = qual;
    agg->plan.startup_cost = lefttree->total_cost;
    agg->plan.total_cost = lefttree->total_cost +
        lefttree->plan_rows * DEFAULT_CPU_OPERATOR_COST * (list_length(aggs) + n) +
        numGroups * DEFAULT_CPU_TUPLE_COST;
    if (strategy != AGG_HASHED)
        agg->plan.startup_cost = lefttree->startup_cost;
    agg->plan.plan_rows = numGroups;
    agg->plan.plan_width = lefttree->plan_width;
    return (Plan *) agg;
}
