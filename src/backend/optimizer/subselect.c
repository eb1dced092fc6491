/*
 * subselect.c
 *     Subqueries inside expressions and WITH queries.
 *       - A SubLink becomes a SubPlan whose plan is planned separately
 *         (PlannedStmt.subplans).  An uncorrelated scalar, EXISTS or ARRAY
 *         subquery becomes an initplan: evaluated at most once, its value
 *         read through a PARAM_EXEC Param.
 *       - A Var of an outer query level becomes a PARAM_EXEC Param; the
 *         SubPlan of the level that owns the Var passes the value down
 *         (parParam/args).  References that skip levels are forwarded
 *         through the intermediate levels.
 *       - Each WITH query is planned once into a subplan that CteScans
 *         share; a recursive one is planned as a RecursiveUnion whose
 *         self-references become WorkTableScans.
 * Entry points: make_subplans(), replace_outer_vars(), plan_ctes(),
 * find_cte().
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

int
planner_new_param(PlannerGlobal *glob, Oid type)
{
    glob->paramExecTypes = lappend_oid(glob->paramExecTypes, type);
    return list_length(glob->paramExecTypes) - 1;
}

static Param *
make_exec_param(int paramid, Oid type, int32 typmod)
{
    Param      *p = makeNode(Param);

    p->paramkind = PARAM_EXEC;
    p->paramid = paramid;
    p->paramtype = type;
    p->paramtypmod = typmod;
    p->location = -1;
    return p;
}

/* The PARAM_EXEC slot through which root receives var (varlevelsup >= 1 at root). */
static Param *
param_for_var(PlannerInfo *root, Var *var)
{
    ListCell   *lc;
    PlannerParamItem *item;
    Var        *v;

    if (root == NULL || root->kind == LEVEL_TOP)
        elog(ERROR, "outer-level variable without an outer query");
    root->has_outer_refs = true;
    if (var->varlevelsup > 1 || root->kind == LEVEL_FROM)
    {
        if (var->varlevelsup == 1)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("LATERAL references are not supported yet"));
        v = (Var *) copyObject(var);
        v->varlevelsup--;
        return param_for_var(root->parent, v);
    }
    foreach(lc, root->plan_params)
    {
        item = (PlannerParamItem *) lfirst(lc);
        if (item->var->varno == var->varno && item->var->varattno == var->varattno)
            return make_exec_param(item->paramid, var->vartype, var->vartypmod);
    }
    item = (PlannerParamItem *) palloc0(sizeof(PlannerParamItem));
    v = (Var *) copyObject(var);
    v->varlevelsup = 0;
    item->var = v;
    item->paramid = planner_new_param(root->glob, var->vartype);
    root->plan_params = lappend(root->plan_params, item);
    return make_exec_param(item->paramid, var->vartype, var->vartypmod);
}

static Node *
outer_vars_mutator(Node *node, void *context)
{
    PlannerInfo *root = (PlannerInfo *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup > 0)
        return (Node *) param_for_var(root, (Var *) node);
    if (IsA(node, Aggref) && ((Aggref *) node)->agglevelsup > 0)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("outer-level aggregates are not supported yet"));
    if (IsA(node, Query) || IsA(node, SubLink))
        return node;
    return expression_tree_mutator(node, outer_vars_mutator, context);
}

/* replace_outer_vars -- outer-level Vars of expr become Params of this level. */
Node *
replace_outer_vars(PlannerInfo *root, Node *expr)
{
    return outer_vars_mutator(expr, root);
}

typedef struct SublinkParamContext
{
    List       *paramIds;
    List       *types;
} SublinkParamContext;

static Node *
sublink_param_mutator(Node *node, void *context)
{
    SublinkParamContext *c = (SublinkParamContext *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Param) && ((Param *) node)->paramkind == PARAM_SUBLINK)
    {
        Param      *p = (Param *) node;

        if (p->paramid < 1 || p->paramid > list_length(c->paramIds))
            elog(ERROR, "subquery column %d out of range", p->paramid);
        return (Node *) make_exec_param(list_nth_int(c->paramIds, p->paramid - 1), p->paramtype,
                                        p->paramtypmod);
    }
    return expression_tree_mutator(node, sublink_param_mutator, context);
}

static Node *
convert_sublink(PlannerInfo *root, SubLink *sl)
{
    Query      *sub = (Query *) sl->subselect;
    PlannerInfo *subroot;
    Plan       *plan;
    SubPlan    *sp = makeNode(SubPlan);
    TargetEntry *first = NULL;
    ListCell   *lc;

    if (sl->subLinkType == CTE_SUBLINK)
        elog(ERROR, "unexpected CTE sublink");
    plan = subquery_planner(root->glob, sub, root, LEVEL_SUBLINK, &subroot);
    root->glob->subplans = lappend(root->glob->subplans, plan);
    sp->plan_id = list_length(root->glob->subplans);
    sp->plan_name = psprintf("SubPlan %d", sp->plan_id);
    sp->subLinkType = sl->subLinkType;
    foreach(lc, sub->targetList)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (!tle->resjunk)
        {
            first = tle;
            break;
        }
    }
    sp->firstColType = first ? exprType((Node *) first->expr) : VOIDOID;
    sp->firstColTypmod = first ? exprTypmod((Node *) first->expr) : -1;
    if (sl->subLinkType == ANY_SUBLINK || sl->subLinkType == ALL_SUBLINK)
    {
        SublinkParamContext c = {NIL, NIL};

        foreach(lc, sub->targetList)
        {
            TargetEntry *tle = (TargetEntry *) lfirst(lc);

            if (tle->resjunk)
                continue;
            c.paramIds = lappend_int(c.paramIds,
                                     planner_new_param(root->glob, exprType((Node *) tle->expr)));
        }
        sp->paramIds = c.paramIds;
        sp->testexpr = sublink_param_mutator(sl->testexpr, &c);
        sp->testexpr = make_subplans(root, sp->testexpr);
    }
    foreach(lc, subroot->plan_params)
    {
        PlannerParamItem *item = (PlannerParamItem *) lfirst(lc);

        sp->parParam = lappend_int(sp->parParam, item->paramid);
        sp->args = lappend(sp->args, item->var);
    }
    if (!subroot->has_outer_refs &&
        (sl->subLinkType == EXPR_SUBLINK || sl->subLinkType == EXISTS_SUBLINK ||
         sl->subLinkType == ARRAY_SUBLINK))
    {
        Oid         type = sl->subLinkType == EXISTS_SUBLINK ? BOOLOID :
            sl->subLinkType == ARRAY_SUBLINK ? TypeArrayOf(sp->firstColType) : sp->firstColType;
        int32       typmod = sl->subLinkType == EXPR_SUBLINK ? sp->firstColTypmod : -1;
        int         paramid = planner_new_param(root->glob, type);

        sp->setParam = list_make1_int(paramid);
        sp->plan_name = psprintf("InitPlan %d (returns $%d)", sp->plan_id, paramid);
        root->glob->initPlans = lappend(root->glob->initPlans, sp);
        return (Node *) make_exec_param(paramid, type, typmod);
    }
    return (Node *) sp;
}

static Node *
sublink_mutator(Node *node, void *context)
{
    PlannerInfo *root = (PlannerInfo *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, SubLink))
    {
        SubLink    *sl = (SubLink *) node;
        SubLink    *copy = (SubLink *) palloc(sizeof(SubLink));

        *copy = *sl;
        /* the left operands belong to this level: convert their sublinks too */
        copy->testexpr = sublink_mutator(sl->testexpr, context);
        return convert_sublink(root, copy);
    }
    if (IsA(node, Query))
        return node;
    return expression_tree_mutator(node, sublink_mutator, context);
}

/* make_subplans -- every SubLink in expr planned and replaced by a SubPlan or Param. */
Node *
make_subplans(PlannerInfo *root, Node *expr)
{
    return sublink_mutator(expr, root);
}

/* ---------------- WITH ---------------- */

void
plan_ctes(PlannerInfo *root)
{
    ListCell   *lc;

    foreach(lc, root->parse->cteList)
    {
        CommonTableExpr *cte = (CommonTableExpr *) lfirst(lc);
        Query      *cq = (Query *) cte->ctequery;
        PlannedCte *pc = (PlannedCte *) palloc0(sizeof(PlannedCte));
        Plan       *plan;

        if (cq->commandType != CMD_SELECT)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("data-modifying statements in WITH are not supported yet"));
        pc->name = cte->ctename;
        pc->param_id = planner_new_param(root->glob, INTERNALOID);
        pc->wt_param = cte->cterecursive ? planner_new_param(root->glob, INTERNALOID) : -1;
        pc->coltypes = cte->ctecoltypes;
        root->ctes = lappend(root->ctes, pc);
        if (cte->cterecursive)
        {
            if (cq->setOperations == NULL)
                ereport(ERROR, errcode(ERRCODE_INVALID_RECURSION),
                        errmsg("recursive query \"%s\" does not have the form non-recursive-term UNION [ALL] recursive-term",
                               cte->ctename));
            root->glob->pending_recursive = pc;
        }
        plan = subquery_planner(root->glob, cq, root, LEVEL_FROM, NULL);
        root->glob->pending_recursive = NULL;
        root->glob->subplans = lappend(root->glob->subplans, plan);
        pc->plan_id = list_length(root->glob->subplans);
    }
}

/* find_cte -- the planned CTE name, levelsup query levels above root. */
PlannedCte *
find_cte(PlannerInfo *root, const char *name, int levelsup)
{
    PlannerInfo *level = root;
    ListCell   *lc;

    for (int i = 0; i < levelsup && level; i++)
        level = level->parent;
    for (; level; level = level->parent)
    {
        foreach(lc, level->ctes)
        {
            PlannedCte *pc = (PlannedCte *) lfirst(lc);

            if (strcmp(pc->name, name) == 0)
                return pc;
        }
        if (level->kind == LEVEL_TOP)
            break;
    }
    elog(ERROR, "WITH query \"%s\" not found", name);
    return NULL;
}
