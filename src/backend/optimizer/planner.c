/*
 * planner.c
 *     Top of the planner: one query level at a time (subquery_planner),
 *     from the join tree up through grouping, DISTINCT, ORDER BY, LIMIT,
 *     row locking and the ModifyTable of INSERT/UPDATE/DELETE.
 * Entry points: planner(), subquery_planner(), preprocess_expression().
 *
 * Order of work for one level: register its WITH queries; preprocess every
 * expression (join alias Vars replaced, SubLinks planned into SubPlans,
 * outer-level Vars turned into Params, constants folded); complete the
 * targetlist of INSERT/UPDATE/DELETE; plan the join tree (joinpath.c);
 * stack the upper nodes.  See README.md for the plan shapes produced.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "parser/analyze.h"
#include "planner_int.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/*
 * preprocess_expression -- prepare an expression of root's query for
 * planning: new tree in CurrentMemoryContext.
 */
Node *
preprocess_expression(PlannerInfo *root, Node *expr)
{
    if (expr == NULL)
        return NULL;
    expr = flatten_join_alias_vars(root, expr);
    expr = make_subplans(root, expr);
    expr = replace_outer_vars(root, expr);
    return eval_const_expressions(expr);
}

Plan *
make_result_plan(List *tlist, Plan *lefttree, Node *constqual)
{
    Result     *r = makeNode(Result);

    r->plan.targetlist = tlist;
    r->plan.lefttree = lefttree;
    r->resconstantqual = constqual;
    if (lefttree)
        copy_plan_costsize(&r->plan, lefttree);
    else
    {
        r->plan.total_cost = DEFAULT_CPU_TUPLE_COST;
        r->plan.plan_rows = 1;
    }
    return (Plan *) r;
}

/* ---------------- logical targetlists ---------------- */

static bool
is_scan_plan(Plan *plan)
{
    switch (nodeTag(plan))
    {
        case T_SeqScan:
        case T_IndexScan:
        case T_IndexOnlyScan:
        case T_SubqueryScan:
        case T_FunctionScan:
        case T_ValuesScan:
        case T_CteScan:
        case T_WorkTableScan:
            return true;
        case T_Result:
            return plan->lefttree == NULL;
        default:
            return false;
    }
}

/*
 * The node below the pass-through a join put over its input (Hash,
 * Material, a merge join's Sort), whose logical targetlist it shares.
 */
static Plan *
join_input(Plan *plan)
{
    if ((IsA(plan, Hash) || IsA(plan, Material) || IsA(plan, Sort)) && plan->lefttree != NULL)
        return plan->lefttree;
    return plan;
}

/* The logical targetlist (original Vars) of a plan built by create_plan(). */
static List *
plan_logical_tlist(Plan *plan)
{
    if (is_scan_plan(plan))
        return plan->targetlist;
    /* partitions (partplan.c): the parent's Vars; no partition left: a Result of them */
    if ((IsA(plan, Append) && ((Append *) plan)->partitioned) ||
        (IsA(plan, Result) && plan->lefttree == NULL))
        return plan->targetlist;
    if (IsA(plan, NestLoop) || IsA(plan, HashJoin) || IsA(plan, MergeJoin))
    {
        List       *outer = plan_logical_tlist(join_input(plan->lefttree));
        List       *inner = plan_logical_tlist(join_input(plan->righttree));
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
    elog(ERROR, "no logical targetlist for plan node %d", (int) nodeTag(plan));
    return NIL;
}

/*
 * apply_tlist -- make plan (from create_plan, logical targetlist logical)
 * compute tlist (TargetEntries over the original Vars).  Scans and joins
 * compute it themselves; anything else gets a Result on top.
 */
static Plan *
apply_tlist(Plan *plan, List *logical, List *tlist)
{
    if (is_scan_plan(plan))
    {
        plan->targetlist = tlist;
        return plan;
    }
    if (IsA(plan, Append) && ((Append *) plan)->partitioned)
    {
        /*
         * partitions (partplan.c): each scan computes the targetlist itself,
         * reading its own row (a scan's Vars name the scanned row whatever
         * their varno), and the Append passes the rows through
         */
        ListCell   *lc;
        bool        all_scans = true;

        foreach(lc, ((Append *) plan)->appendplans)
            all_scans = all_scans && is_scan_plan((Plan *) lfirst(lc));
        if (all_scans)
        {
            foreach(lc, ((Append *) plan)->appendplans)
                ((Plan *) lfirst(lc))->targetlist = tlist;
            plan->targetlist = tlist;
            return plan;
        }
    }
    if (IsA(plan, NestLoop) || IsA(plan, HashJoin) || IsA(plan, MergeJoin))
    {
        List       *ol = plan_logical_tlist(join_input(plan->lefttree));
        List       *il = plan_logical_tlist(join_input(plan->righttree));

        plan->targetlist = (List *) fix_join_expr((Node *) tlist, ol, il);
        return plan;
    }
    return make_result_plan((List *) fix_upper_expr((Node *) tlist, logical), plan, NULL);
}

/* ---------------- targetlist completion for INSERT/UPDATE/DELETE ---------------- */

static Node *
null_const(Oid type, int32 typmod)
{
    Const      *c = makeNode(Const);
    char        align;

    c->consttype = type;
    c->consttypmod = typmod;
    TypeGetLenByvalAlign(type, &c->constlen, &c->constbyval, &align);
    c->constisnull = true;
    c->location = -1;
    return (Node *) c;
}

static Node *
column_default(Relation rel, int attno)
{
    Attribute   att = TupleDescAttr(RelationGetDescr(rel), attno - 1);
    Node       *def = AnalyzeColumnDefault(rel, attno);

    return def ? def : null_const(att->atttypid, att->atttypmod);
}

static TargetEntry *
find_resno(List *tlist, int resno)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (!tle->resjunk && tle->resno == resno)
            return tle;
    }
    return NULL;
}

static TargetEntry *
find_ctid(List *tlist)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (tle->resjunk && IsA(tle->expr, Var) &&
            ((Var *) tle->expr)->varattno == SelfItemPointerAttributeNumber)
            return tle;
    }
    return NULL;
}

static Var *
make_var(int varno, int attno, Oid type, int32 typmod)
{
    Var        *v = makeNode(Var);

    v->varno = varno;
    v->varattno = (int16) attno;
    v->vartype = type;
    v->vartypmod = typmod;
    v->location = -1;
    return v;
}

/* the resjunk ctid entry add_rowmark_ctids made for local range-table index rti */
static TargetEntry *
find_rowmark_ctid(List *tlist, int rti)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (tle->resjunk && IsA(tle->expr, Var) && ((Var *) tle->expr)->varno == rti &&
            ((Var *) tle->expr)->varlevelsup == 0 &&
            ((Var *) tle->expr)->varattno == SelfItemPointerAttributeNumber)
            return tle;
    }
    return NULL;
}

/*
 * add_rowmark_ctids -- SELECT ... FOR UPDATE/SHARE: append a resjunk
 * "ctid<rti>" entry per locked relation to a shallow copy's targetlist, so
 * that the row identity of every locked relation reaches LockRows through
 * joins and Sorts (which pass resjunk columns through; the client never
 * sees them).
 */
static void
add_rowmark_ctids(Query *parse)
{
    List       *tlist = list_copy(parse->targetList);
    ListCell   *lc;

    foreach(lc, parse->rowMarks)
    {
        RowMarkClause *rm = (RowMarkClause *) lfirst(lc);
        char        name[32];

        snprintf(name, sizeof(name), "ctid%d", rm->rti);
        tlist = lappend(tlist, make_tle((Node *) make_var(rm->rti, SelfItemPointerAttributeNumber,
                                                          TIDOID, -1),
                                        list_length(tlist) + 1, name, true));
        if (((RangeTblEntry *) list_nth(parse->rtable, rm->rti - 1))->relkind ==
            RELKIND_PARTITIONED_TABLE)
        {
            /* which partition the row is in */
            snprintf(name, sizeof(name), "tableoid%d", rm->rti);
            tlist = lappend(tlist, make_tle((Node *) make_var(rm->rti, TableOidAttributeNumber,
                                                              OIDOID, -1),
                                            list_length(tlist) + 1, name, true));
        }
    }
    parse->targetList = tlist;
}

/* collect_base_rtis -- the RTE_RELATION range-table indexes of join tree jt, into *rtis */
static void
collect_base_rtis(Query *parse, Node *jt, List **rtis)
{
    ListCell   *lc;

    if (jt == NULL)
        return;
    if (IsA(jt, RangeTblRef))
    {
        int         rti = ((RangeTblRef *) jt)->rtindex;
        RangeTblEntry *rte = (RangeTblEntry *) list_nth(parse->rtable, rti - 1);

        if (rte->rtekind == RTE_RELATION)
            *rtis = lappend_int(*rtis, rti);
    }
    else if (IsA(jt, JoinExpr))
    {
        collect_base_rtis(parse, ((JoinExpr *) jt)->larg, rtis);
        collect_base_rtis(parse, ((JoinExpr *) jt)->rarg, rtis);
    }
    else if (IsA(jt, FromExpr))
    {
        foreach(lc, ((FromExpr *) jt)->fromlist)
            collect_base_rtis(parse, (Node *) lfirst(lc), rtis);
    }
}

/*
 * add_epq_ctids -- UPDATE/DELETE over a join, and SELECT ... FOR UPDATE
 * over a join: append a resjunk "ctid<rti>" entry for every base relation
 * of the join tree that has none yet (the result relation and locked
 * relations already do), so that a READ COMMITTED re-check can re-run the
 * join on the very rows that formed the input row (executor: execRecheck.c,
 * PostgreSQL's EvalPlanQual with ROW_MARK_REFERENCE).  Nothing for a
 * single relation.
 */
static void
add_epq_ctids(Query *parse)
{
    List       *rtis = NIL;
    List       *tlist;
    ListCell   *lc;

    collect_base_rtis(parse, (Node *) parse->jointree, &rtis);
    if (list_length(rtis) < 2)
        return;
    tlist = list_copy(parse->targetList);
    foreach(lc, rtis)
    {
        int         rti = lfirst_int(lc);
        char        name[32];

        if (find_rowmark_ctid(tlist, rti) != NULL)
            continue;
        snprintf(name, sizeof(name), "ctid%d", rti);
        tlist = lappend(tlist, make_tle((Node *) make_var(rti, SelfItemPointerAttributeNumber,
                                                          TIDOID, -1),
                                        list_length(tlist) + 1, name, true));
    }
    parse->targetList = tlist;
}

/*
 * collect_epq_ctids -- the entries add_epq_ctids made (resjunk ctid Vars of
 * relations other than skip_rti and not in marks): global range-table
 * indexes into *rtis, their resnos into *cols.
 */
static void
collect_epq_ctids(List *tlist, int skip_rti, List *marks, int rtoffset, List **rtis,
                  List **cols)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);
        Var        *v = (Var *) tle->expr;
        ListCell   *lc2;
        bool        marked = false;

        if (!tle->resjunk || !IsA(v, Var) || v->varlevelsup != 0 ||
            v->varattno != SelfItemPointerAttributeNumber || (int) v->varno == skip_rti)
            continue;
        foreach(lc2, marks)
            if (((RowMarkClause *) lfirst(lc2))->rti == (int) v->varno)
                marked = true;
        if (marked)
            continue;
        *rtis = lappend_int(*rtis, (int) v->varno + rtoffset);
        *cols = lappend_int(*cols, tle->resno);
    }
}

/* Replace DEFAULT markers in a multi-row VALUES list feeding INSERT columns. */
static void
fill_values_defaults(Query *parse, Relation rel, int values_rti)
{
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(parse->rtable, values_rti - 1);
    RangeTblEntry *copy = (RangeTblEntry *) palloc(sizeof(RangeTblEntry));
    List       *rows = NIL;
    ListCell   *lc;

    *copy = *rte;
    foreach(lc, rte->values_lists)
    {
        List       *row = NIL;
        ListCell   *lc2;
        int         col = 0;

        foreach(lc2, (List *) lfirst(lc))
        {
            Node       *e = (Node *) lfirst(lc2);

            col++;
            if (e && IsA(e, SetToDefault))
            {
                ListCell   *lc3;
                int         attno = 0;

                foreach(lc3, parse->targetList)
                {
                    TargetEntry *tle = (TargetEntry *) lfirst(lc3);

                    if (IsA(tle->expr, Var) && ((Var *) tle->expr)->varno == values_rti &&
                        ((Var *) tle->expr)->varattno == col)
                        attno = tle->resno;
                }
                e = attno > 0 ? column_default(rel, attno)
                    : null_const(((SetToDefault *) e)->typeId, ((SetToDefault *) e)->typeMod);
            }
            row = lappend(row, e);
        }
        rows = lappend(rows, row);
    }
    copy->values_lists = rows;
    list_nth_cell(parse->rtable, values_rti - 1)->ptr_value = copy;
}

/*
 * expand_modify_tlist -- the full source targetlist of ModifyTable (see
 * ModifyTable in plannodes.h) for a shallow copy of parse.
 */
static void
expand_modify_tlist(Query *parse)
{
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(parse->rtable, parse->resultRelation - 1);
    Relation    rel = table_open(rte->relid, NoLock);
    TupleDesc   desc = RelationGetDescr(rel);
    List       *tlist = NIL;
    TargetEntry *ctid = find_ctid(parse->targetList);
    ListCell   *lc;

    if (parse->commandType == CMD_INSERT)
    {
        parse->rtable = list_copy(parse->rtable);
        foreach(lc, parse->rtable)
        {
            RangeTblEntry *r = (RangeTblEntry *) lfirst(lc);

            if (r->rtekind == RTE_VALUES)
                fill_values_defaults(parse, rel, foreach_current_index(lc) + 1);
        }
    }
    for (int attno = 1; attno <= desc->natts; attno++)
    {
        Attribute   att = TupleDescAttr(desc, attno - 1);
        TargetEntry *tle = find_resno(parse->targetList, attno);
        Node       *expr;

        if (parse->commandType == CMD_DELETE)
        {
            if (parse->returningList == NIL)
                break;
            expr = (Node *) make_var(parse->resultRelation, attno, att->atttypid, att->atttypmod);
        }
        else if (att->attisdropped)
            expr = null_const(INT4OID, -1);
        else if (tle && !IsA(tle->expr, SetToDefault))
            expr = tle->expr;
        else if (tle || parse->commandType == CMD_INSERT)
            expr = column_default(rel, attno);
        else
            expr = (Node *) make_var(parse->resultRelation, attno, att->atttypid, att->atttypmod);
        tlist = lappend(tlist, make_tle(expr, attno, att->attname.data, false));
    }
    if (parse->commandType != CMD_INSERT)
    {
        TargetEntry *t;

        if (ctid == NULL)
            elog(ERROR, "UPDATE/DELETE without a ctid target entry");
        t = make_tle(ctid->expr, list_length(tlist) + 1, "ctid", true);
        tlist = lappend(tlist, t);
        /* a partitioned target: which partition each row comes from */
        if (rel->rd_relkind == RELKIND_PARTITIONED_TABLE)
            tlist = lappend(tlist, make_tle((Node *) make_var(parse->resultRelation,
                                                              TableOidAttributeNumber, OIDOID, -1),
                                            list_length(tlist) + 1, "tableoid", true));
    }
    table_close(rel, NoLock);
    parse->targetList = tlist;
}

/* ---------------- upper planning ---------------- */

static List *
preprocess_tlist(PlannerInfo *root, List *tlist)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) copyObject(lfirst(lc));

        tle->expr = preprocess_expression(root, tle->expr);
        result = lappend(result, tle);
    }
    return result;
}

static bool
jn_walk_quals(JoinNode *jn, List **out)
{
    ListCell   *lc;

    *out = list_concat(*out, list_copy(jn->quals));
    *out = list_concat(*out, list_copy(jn->joinquals));
    *out = list_concat(*out, list_copy(jn->filterquals));
    if (jn->left)
        jn_walk_quals(jn->left, out);
    if (jn->right)
        jn_walk_quals(jn->right, out);
    foreach(lc, jn->items)
        jn_walk_quals((JoinNode *) lfirst(lc), out);
    return false;
}

static TargetEntry *
tle_for_sortgroupref(List *tlist, uint32 ref)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (tle->ressortgroupref == ref)
            return tle;
    }
    elog(ERROR, "sort/group reference %u not found in the targetlist", ref);
    return NULL;
}

static bool
grouping_hashable(List *tlist, List *clauses)
{
    ListCell   *lc;

    foreach(lc, clauses)
    {
        SortGroupClause *sgc = (SortGroupClause *) lfirst(lc);
        Oid         t = exprType((Node *) tle_for_sortgroupref(tlist, sgc->tleSortGroupRef)->expr);

        if (TypeHashFunction(t) == NULL || TypeCompareFunction(t) == NULL)
            return false;
    }
    return true;
}

typedef struct AggnoContext
{
    List       *originals;      /* distinct Aggrefs as found */
} AggnoContext;

static Node *
set_aggno_mutator(Node *node, void *context)
{
    AggnoContext *c = (AggnoContext *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Aggref))
    {
        ListCell   *lc;

        foreach(lc, c->originals)
        {
            if (equal(lfirst(lc), node))
            {
                Aggref     *a = (Aggref *) copyObject(node);

                a->aggno = foreach_current_index(lc);
                return (Node *) a;
            }
        }
        elog(ERROR, "aggregate not collected");
    }
    return expression_tree_mutator(node, set_aggno_mutator, context);
}

/*
 * make_grouping -- Agg (with a Sort below for sorted grouping) over plan,
 * computing tlist (query targetlist with aggregates) and having.
 */
static Plan *
make_grouping(PlannerInfo *root, Plan *plan, List *logical, List **tlist, Node *having)
{
    Query      *parse = root->parse;
    List       *input = NIL;
    List       *input_logical;
    List       *aggs;
    List       *fixed_aggs = NIL;
    List       *groupCols = NIL;
    List       *agg_tlist = NIL;
    List       *qual;
    AggnoContext ac;
    ListCell   *lc;
    AggStrategy strategy;
    double      numGroups;

    /* input: every Var of the join output, plus GROUP BY expressions */
    foreach(lc, logical)
        input = lappend(input, make_tle((Node *) ((TargetEntry *) lfirst(lc))->expr,
                                        list_length(input) + 1, NULL, false));
    foreach(lc, parse->groupClause)
    {
        SortGroupClause *sgc = (SortGroupClause *) lfirst(lc);
        Node       *gexpr = (Node *) tle_for_sortgroupref(*tlist, sgc->tleSortGroupRef)->expr;
        int         col = find_tle_for_expr(input, gexpr);

        if (col == 0)
        {
            input = lappend(input, make_tle(gexpr, list_length(input) + 1, NULL, false));
            col = list_length(input);
        }
        groupCols = lappend_int(groupCols, col);
    }
    input_logical = input;
    plan = apply_tlist(plan, logical, input);

    aggs = collect_aggrefs((Node *) *tlist, NIL);
    aggs = collect_aggrefs(having, aggs);
    ac.originals = aggs;
    foreach(lc, aggs)
    {
        Aggref     *a = (Aggref *) copyObject(lfirst(lc));

        a->aggno = foreach_current_index(lc);
        a->args = (List *) fix_upper_expr((Node *) a->args, input_logical);
        a->aggfilter = fix_upper_expr(a->aggfilter, input_logical);
        fixed_aggs = lappend(fixed_aggs, a);
    }
    foreach(lc, *tlist)
    {
        TargetEntry *tle = (TargetEntry *) copyObject(lfirst(lc));

        tle->expr = set_aggno_mutator(tle->expr, &ac);
        tle->expr = fix_upper_expr(tle->expr, input_logical);
        agg_tlist = lappend(agg_tlist, tle);
    }
    qual = make_ands_implicit(fix_upper_expr(set_aggno_mutator(having, &ac), input_logical));

    if (parse->groupClause == NIL)
    {
        strategy = AGG_PLAIN;
        numGroups = 1;
    }
    else
    {
        numGroups = estimate_num_groups(plan->plan_rows, list_length(parse->groupClause));
        if (grouping_hashable(*tlist, parse->groupClause))
            strategy = AGG_HASHED;
        else
        {
            List       *sgcs = NIL;
            List       *sorttl = NIL;
            int         i = 0;

            /* sort on the grouping columns of the input */
            foreach(lc, groupCols)
            {
                TargetEntry *tle = (TargetEntry *) copyObject(list_nth(plan->targetlist,
                                                                         lfirst_int(lc) - 1));
                SortGroupClause *sgc = makeNode(SortGroupClause);
                Oid         t = exprType((Node *) tle->expr);

                tle->ressortgroupref = (uint32) ++i;
                sorttl = lappend(sorttl, tle);
                sgc->tleSortGroupRef = (uint32) i;
                sgc->sortop = TypeLessThanOperator(t);
                sgcs = lappend(sgcs, sgc);
            }
            plan = make_sort_plan(plan, sgcs, sorttl);
            strategy = AGG_SORTED;
        }
    }
    return make_agg_plan(plan, strategy, groupCols, fixed_aggs, agg_tlist, qual, numGroups);
}

static bool
sort_is_prefix(List *prefix, List *full)
{
    ListCell   *lc;

    if (list_length(prefix) > list_length(full))
        return false;
    foreach(lc, prefix)
    {
        SortGroupClause *a = (SortGroupClause *) lfirst(lc);
        SortGroupClause *b = (SortGroupClause *) list_nth(full, foreach_current_index(lc));

        if (a->tleSortGroupRef != b->tleSortGroupRef)
            return false;
    }
    return true;
}

static Plan *
make_unique_on(Plan *plan, List *clauses, List *tlist)
{
    Unique     *u = makeNode(Unique);
    int         n = list_length(clauses);
    ListCell   *lc;

    u->numCols = n;
    u->uniqColIdx = (int *) palloc0(sizeof(int) * (n + 1));
    u->uniqTypes = (Oid *) palloc0(sizeof(Oid) * (n + 1));
    foreach(lc, clauses)
    {
        TargetEntry *tle = tle_for_sortgroupref(tlist, ((SortGroupClause *) lfirst(lc))->tleSortGroupRef);
        int         i = foreach_current_index(lc);

        u->uniqColIdx[i] = tle->resno;
        u->uniqTypes[i] = exprType((Node *) tle->expr);
    }
    u->plan.lefttree = plan;
    u->plan.targetlist = make_passthrough_tlist(tlist);
    copy_plan_costsize(&u->plan, plan);
    return (Plan *) u;
}

/* DISTINCT [ON], ORDER BY, FOR UPDATE, LIMIT over plan whose output is tlist. */
static Plan *
finish_upper(PlannerInfo *root, Plan *plan, List *tlist)
{
    Query      *parse = root->parse;
    bool        sorted = false;

    if (parse->distinctClause != NIL)
    {
        if (parse->hasDistinctOn)
        {
            List       *order = sort_is_prefix(parse->distinctClause, parse->sortClause) ?
                parse->sortClause : parse->distinctClause;

            plan = make_sort_plan(plan, order, tlist);
            sorted = order == parse->sortClause;
            plan = make_unique_on(plan, parse->distinctClause, tlist);
        }
        else if (grouping_hashable(tlist, parse->distinctClause))
        {
            List       *cols = NIL;
            ListCell   *lc;

            foreach(lc, parse->distinctClause)
                cols = lappend_int(cols, tle_for_sortgroupref(tlist,
                                                              ((SortGroupClause *) lfirst(lc))->tleSortGroupRef)->resno);
            plan = make_agg_plan(plan, AGG_HASHED, cols, NIL, make_passthrough_tlist(tlist), NIL,
                                 estimate_num_groups(plan->plan_rows, list_length(cols)));
        }
        else
        {
            List       *order = sort_is_prefix(parse->distinctClause, parse->sortClause) ?
                parse->sortClause : parse->distinctClause;

            plan = make_sort_plan(plan, order, tlist);
            sorted = order == parse->sortClause;
            plan = make_unique_on(plan, parse->distinctClause, tlist);
        }
    }
    if (parse->sortClause != NIL && !sorted && !root->plan_is_sorted)
        plan = make_sort_plan(plan, parse->sortClause, tlist);
    if (parse->rowMarks != NIL)
    {
        LockRows   *lr = makeNode(LockRows);
        ListCell   *lc;

        foreach(lc, parse->rowMarks)
        {
            RowMarkClause *rm = (RowMarkClause *) copyObject(lfirst(lc));
            TargetEntry *ctid = find_rowmark_ctid(tlist, rm->rti);
            ListCell   *tc;
            int         tableoid_col = 0;

            if (ctid == NULL)
                elog(ERROR, "FOR UPDATE without a ctid target entry for range table entry %d",
                     rm->rti);
            lr->ctidColNos = lappend_int(lr->ctidColNos, ctid->resno);
            foreach(tc, tlist)
            {
                TargetEntry *t = (TargetEntry *) lfirst(tc);

                if (t->resjunk && IsA(t->expr, Var) && ((Var *) t->expr)->varno == rm->rti &&
                    ((Var *) t->expr)->varlevelsup == 0 &&
                    ((Var *) t->expr)->varattno == TableOidAttributeNumber)
                    tableoid_col = t->resno;
            }
            lr->tableoidColNos = lappend_int(lr->tableoidColNos, tableoid_col);
            rm->rti += root->rtoffset;
            lr->rowMarks = lappend(lr->rowMarks, rm);
        }
        collect_epq_ctids(tlist, 0, parse->rowMarks, root->rtoffset, &lr->epqRtis,
                          &lr->epqCtidColNos);
        lr->plan.lefttree = plan;
        lr->plan.targetlist = make_passthrough_tlist(tlist);
        copy_plan_costsize(&lr->plan, plan);
        plan = (Plan *) lr;
    }
    if (parse->limitCount || parse->limitOffset)
    {
        Limit      *l = makeNode(Limit);

        l->limitOffset = preprocess_expression(root, parse->limitOffset);
        l->limitCount = preprocess_expression(root, parse->limitCount);
        l->plan.lefttree = plan;
        l->plan.targetlist = make_passthrough_tlist(tlist);
        copy_plan_costsize(&l->plan, plan);
        if (l->limitCount && IsA(l->limitCount, Const) && !((Const *) l->limitCount)->constisnull)
        {
            double      n = (double) DatumGetInt64(((Const *) l->limitCount)->constvalue);

            if (n < l->plan.plan_rows && plan->plan_rows > 0)
            {
                l->plan.total_cost = plan->startup_cost +
                    (plan->total_cost - plan->startup_cost) * n / plan->plan_rows;
                l->plan.plan_rows = Max(n, 1);
            }
        }
        plan = (Plan *) l;
    }
    return plan;
}

static Node *
setop_tlist_mutator(Node *node, void *context)
{
    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0)
    {
        Var        *v = (Var *) copyObject(node);

        v->varno = OUTER_VAR;
        return (Node *) v;
    }
    return expression_tree_mutator(node, setop_tlist_mutator, context);
}

/*
 * set_query_pathkeys -- for a plain SELECT over one table, the ORDER BY
 * keys an index scan could deliver (each a Var of that table); NIL when
 * the query shape does not allow skipping the Sort.
 */
static void
set_query_pathkeys(PlannerInfo *root, List *tlist)
{
    Query      *parse = root->parse;
    ListCell   *lc;
    List       *keys = NIL;
    List       *order = parse->sortClause;

    root->query_pathkeys = NIL;
    /* with window functions, the order the first window sorts its input in */
    if (parse->hasWindowFuncs)
        order = window_input_order(parse, tlist);
    if (order == NIL || parse->groupClause != NIL || parse->hasAggs ||
        parse->havingQual != NULL || (parse->distinctClause != NIL && !parse->hasWindowFuncs) ||
        parse->hasTargetSRFs ||
        parse->setOperations != NULL || list_length(parse->rtable) != 1 ||
        ((RangeTblEntry *) linitial(parse->rtable))->rtekind != RTE_RELATION)
        return;
    foreach(lc, order)
    {
        SortGroupClause *sgc = (SortGroupClause *) lfirst(lc);
        TargetEntry *tle = tle_for_sortgroupref(tlist, sgc->tleSortGroupRef);
        const OperInfo *op = OperInfoById(sgc->sortop);
        QueryPathKey *pk;

        if (!IsA(tle->expr, Var) || ((Var *) tle->expr)->varlevelsup != 0 || op == NULL)
            return;
        pk = (QueryPathKey *) palloc0(sizeof(QueryPathKey));
        pk->var = (Var *) tle->expr;
        pk->desc = strcmp(op->name, ">") == 0 || strcmp(op->name, ">=") == 0;
        pk->nulls_first = sgc->nulls_first;
        keys = lappend(keys, pk);
    }
    root->query_pathkeys = keys;
}

/* Cost of fetching the first `fraction' of a path's rows. */
static double
fractional_cost(double startup, double total, double fraction)
{
    return startup + (total - startup) * fraction;
}

/*
 * choose_sorted_path -- with query_pathkeys, use the cheapest path that
 * delivers the order when it beats the cheapest path plus a Sort (with a
 * constant LIMIT, comparing the cost of the rows actually fetched).
 */
static void
choose_sorted_path(PlannerInfo *root, RelOptInfo *rel)
{
    Query      *parse = root->parse;
    Path       *sorted = rel->cheapest_sorted;
    Path       *cheap = rel->cheapest;
    double      fraction = 1.0;
    double      sort_startup;
    double      sort_total;

    root->plan_is_sorted = false;
    if (root->query_pathkeys == NIL)
        return;
    if (cheap->pathsorted)
    {
        root->plan_is_sorted = true;
        return;
    }
    if (sorted == NULL || cheap->otherquals != NIL)
        return;
    /* a LIMIT above windows still reads whole partitions: no fraction then */
    if (parse->limitCount && IsA(parse->limitCount, Const) && !parse->hasWindowFuncs &&
        !((Const *) parse->limitCount)->constisnull && sorted->rows > 0 &&
        (parse->limitOffset == NULL || IsA(parse->limitOffset, Const)))
    {
        double      n = (double) DatumGetInt64(((Const *) parse->limitCount)->constvalue);

        if (parse->limitOffset && !((Const *) parse->limitOffset)->constisnull)
            n += (double) DatumGetInt64(((Const *) parse->limitOffset)->constvalue);
        fraction = Min(1.0, Max(n, 1.0) / sorted->rows);
    }
    sort_total = cost_sort_total(cheap->total_cost, cheap->rows, rel->width, &sort_startup);
    if (fractional_cost(sorted->startup_cost, sorted->total_cost, fraction) <
        fractional_cost(sort_startup, sort_total, fraction))
    {
        rel->cheapest = sorted;
        root->plan_is_sorted = true;
    }
}

/*
 * subquery_planner -- plan one query level.  The result's targetlist has
 * one entry per parse->targetList entry (junk included), in order.
 */
Plan *
subquery_planner(PlannerGlobal *glob, Query *orig, PlannerInfo *parent, PlannerLevelKind kind,
                 PlannerInfo **subroot)
{
    PlannerInfo *root = (PlannerInfo *) palloc0(sizeof(PlannerInfo));
    Query      *parse = (Query *) palloc(sizeof(Query));
    Plan       *plan;
    List       *tlist;
    ListCell   *lc;

    *parse = *orig;             /* shallow copy: we replace lists, never modify nodes */
    root->parse = parse;
    root->glob = glob;
    root->parent = parent;
    root->kind = kind;
    expand_partitioned_rtes(root);     /* partplan.c: partitions get their own entries */
    root->rtoffset = list_length(glob->rtable);
    glob->rtable = list_concat(glob->rtable, parse->rtable);
    if (subroot)
        *subroot = root;

    if (parse->commandType == CMD_UTILITY)
        elog(ERROR, "utility statement reached the planner");
    if (parse->cteList)
        plan_ctes(root);

    if (parse->setOperations)
    {
        List       *final = NIL;

        plan = plan_set_operations(root);
        foreach(lc, parse->targetList)
        {
            TargetEntry *tle = (TargetEntry *) copyObject(lfirst(lc));

            tle->expr = setop_tlist_mutator(tle->expr, NULL);
            final = lappend(final, tle);
        }
        plan = make_result_plan(final, plan, NULL);
        return finish_upper(root, plan, parse->targetList);
    }

    if (parse->commandType != CMD_SELECT)
        expand_modify_tlist(parse);
    else if (parse->rowMarks != NIL)
        add_rowmark_ctids(parse);
    if ((parse->commandType == CMD_UPDATE || parse->commandType == CMD_DELETE ||
         (parse->commandType == CMD_SELECT && parse->rowMarks != NIL)))
        add_epq_ctids(parse);
    tlist = preprocess_tlist(root, parse->targetList);
    {
        Node       *having = preprocess_expression(root, parse->havingQual);
        List       *returning = preprocess_tlist(root, parse->returningList);
        JoinNode   *jn = deconstruct_jointree(root);
        List       *allquals = NIL;
        List       *vars;
        RelOptInfo *rel;
        List       *logical;

        /* the Vars each base relation must produce */
        jn_walk_quals(jn, &allquals);
        vars = pull_vars_of_level((Node *) tlist);
        vars = list_concat(vars, pull_vars_of_level(having));
        vars = list_concat(vars, pull_vars_of_level((Node *) allquals));
        root->nrels = list_length(parse->rtable);
        root->simple_rels = (RelOptInfo **) palloc0(sizeof(RelOptInfo *) * (root->nrels + 1));
        for (int rti = 1; rti <= root->nrels; rti++)
        {
            RelOptInfo *r = (RelOptInfo *) palloc0(sizeof(RelOptInfo));

            r->rti = rti;
            relids_add(&r->relids, rti);
            root->simple_rels[rti] = r;
        }
        foreach(lc, vars)
        {
            Var        *v = (Var *) lfirst(lc);
            RelOptInfo *r;
            ListCell   *lc2;
            bool        dup = false;

            if (v->varno < 1 || v->varno > root->nrels)
                elog(ERROR, "Var with invalid range table index %d", v->varno);
            r = root->simple_rels[v->varno];
            foreach(lc2, r->vars)
            {
                Var        *o = (Var *) lfirst(lc2);

                if (o->varattno == v->varattno)
                    dup = true;
            }
            if (!dup)
            {
                Var        *copy = (Var *) copyObject(v);

                copy->location = -1;
                r->vars = lappend(r->vars, copy);
            }
        }

        set_query_pathkeys(root, tlist);
        rel = make_rel_from_jointree(root, jn);
        choose_sorted_path(root, rel);
        plan = create_plan(root, rel, &logical);

        if (parse->hasWindowFuncs)
        {
            /*
             * Grouping (if any) computes the windows' input, then the
             * WindowAggs, then a ProjectSet for target-list SRFs.
             */
            List       *srf_input = parse->hasTargetSRFs ? make_srf_input_tlist(tlist) : tlist;
            List       *wtlist = make_window_input_tlist(srf_input);

            if (parse->hasTargetSRFs && (parse->hasAggs || parse->groupClause || having))
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("set-returning functions together with aggregates are not supported yet"));
            if (parse->hasAggs || parse->groupClause || having)
                plan = make_grouping(root, plan, logical, &wtlist, having);
            else
                plan = apply_tlist(plan, logical, wtlist);
            plan = make_window_plans(root, plan, wtlist, srf_input);
            if (parse->hasTargetSRFs)
            {
                ProjectSet *ps = makeNode(ProjectSet);

                foreach(lc, tlist)
                {
                    Node       *e = (Node *) ((TargetEntry *) lfirst(lc))->expr;

                    if (expression_returns_set(e) && !IsA(e, FuncExpr))
                        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                errmsg("set-returning functions must appear at the top level of the select list"));
                }
                ps->plan.lefttree = plan;
                ps->plan.targetlist = (List *) fix_upper_expr((Node *) tlist, srf_input);
                copy_plan_costsize(&ps->plan, plan);
                ps->plan.plan_rows *= 10;
                plan = (Plan *) ps;
                root->plan_is_sorted = false;
            }
        }
        else if (parse->hasAggs || parse->groupClause || having)
        {
            if (parse->hasTargetSRFs)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("set-returning functions together with aggregates are not supported yet"));
            plan = make_grouping(root, plan, logical, &tlist, having);
        }
        else if (parse->hasTargetSRFs)
        {
            ProjectSet *ps = makeNode(ProjectSet);
            List       *input = NIL;

            foreach(lc, logical)
                input = lappend(input, make_tle((Node *) ((TargetEntry *) lfirst(lc))->expr,
                                                list_length(input) + 1, NULL, false));
            foreach(lc, tlist)
            {
                Node       *e = (Node *) ((TargetEntry *) lfirst(lc))->expr;

                if (!expression_returns_set(e))
                    continue;
                if (!IsA(e, FuncExpr))
                    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                            errmsg("set-returning functions must appear at the top level of the select list"));
            }
            ps->plan.lefttree = rel->cheapest->pathtype == T_Result && logical == NIL &&
                plan->qual == NIL && ((Result *) plan)->resconstantqual == NULL ?
                NULL : apply_tlist(plan, logical, input);
            ps->plan.targetlist = (List *) fix_upper_expr((Node *) tlist, input);
            if (ps->plan.lefttree)
                copy_plan_costsize(&ps->plan, ps->plan.lefttree);
            ps->plan.plan_rows *= 10;
            plan = (Plan *) ps;
        }
        else
            plan = apply_tlist(plan, logical, tlist);

        plan = finish_upper(root, plan, tlist);

        if (parse->commandType != CMD_SELECT)
        {
            ModifyTable *mt = makeNode(ModifyTable);
            RangeTblEntry *rte = (RangeTblEntry *) list_nth(parse->rtable, parse->resultRelation - 1);
            List       *ret = NIL;

            mt->operation = parse->commandType;
            mt->resultRelation = parse->resultRelation + root->rtoffset;
            mt->resultRelid = rte->relid;
            mt->canSetTag = true;
            if (parse->commandType != CMD_INSERT)
            {
                TargetEntry *ctid = find_rowmark_ctid(tlist, parse->resultRelation);

                if (ctid == NULL)
                    elog(ERROR, "%s without a ctid target entry",
                         parse->commandType == CMD_UPDATE ? "UPDATE" : "DELETE");
                mt->ctidColNo = ctid->resno;
                foreach(lc, root->result_partitions)
                    mt->resultPartitionRtis = lappend_int(mt->resultPartitionRtis,
                                                          lfirst_int(lc) + root->rtoffset);
                foreach(lc, tlist)
                {
                    TargetEntry *t = (TargetEntry *) lfirst(lc);

                    if (t->resjunk && IsA(t->expr, Var) &&
                        ((Var *) t->expr)->varno == parse->resultRelation &&
                        ((Var *) t->expr)->varattno == TableOidAttributeNumber)
                        mt->tableoidColNo = t->resno;
                }
                collect_epq_ctids(tlist, parse->resultRelation, NIL, root->rtoffset,
                                  &mt->epqRtis, &mt->epqCtidColNos);
            }
            foreach(lc, returning)
            {
                TargetEntry *tle = (TargetEntry *) lfirst(lc);
                ListCell   *lc2;

                foreach(lc2, pull_vars_of_level((Node *) tle->expr))
                    if (((Var *) lfirst(lc2))->varno != parse->resultRelation)
                        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                errmsg("RETURNING references to other tables are not supported yet"));
                ret = lappend(ret, tle);
            }
            mt->returningList = ret;
            if (parse->onConflict)
            {
                OnConflictExpr *oc = parse->onConflict;

                mt->onConflictAction = oc->do_update ? ONCONFLICT_UPDATE : ONCONFLICT_NOTHING;
                mt->arbiterIndexes = InferArbiterIndexes(rte->relid, parse->resultRelation,
                                                         oc->arbiterAttnos, oc->arbiterWhere,
                                                         oc->constraintIndex);
                mt->onConflictSet = preprocess_tlist(root, oc->onConflictSet);
                mt->onConflictWhere = preprocess_expression(root, oc->onConflictWhere);
                mt->exclRelIndex = oc->exclRelIndex;
            }
            mt->plan.lefttree = plan;
            mt->plan.targetlist = ret;
            copy_plan_costsize(&mt->plan, plan);
            mt->plan.plan_width = 0;
            plan = (Plan *) mt;
        }
    }
    return plan;
}

/*
 * planner -- see optimizer/planner.h.
 */
PlannedStmt *
planner(Query *parse)
{
    PlannerGlobal *glob = (PlannerGlobal *) palloc0(sizeof(PlannerGlobal));
    PlannedStmt *stmt = makeNode(PlannedStmt);
    Plan       *plan;

    plan = subquery_planner(glob, parse, NULL, LEVEL_TOP, NULL);
    plan->initPlan = list_concat(plan->initPlan, glob->initPlans);
    stmt->commandType = parse->commandType;
    stmt->canSetTag = true;
    stmt->planTree = plan;
    stmt->rtable = glob->rtable;
    stmt->resultRelation = parse->resultRelation;
    stmt->subplans = glob->subplans;
    stmt->paramExecTypes = glob->paramExecTypes;
    if (IsA(plan, ModifyTable))
    {
        stmt->returningList = ((ModifyTable *) plan)->returningList;
        stmt->hasReturning = stmt->returningList != NIL;
    }
    stmt->stmt_location = parse->stmt_location;
    stmt->stmt_len = parse->stmt_len;
    return stmt;
}
