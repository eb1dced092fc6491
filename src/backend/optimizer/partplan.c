/*
 * partplan.c
 *     Partitioned tables in the planner: each range-table entry of a
 *     partitioned table gets one child entry per partition (appended to the
 *     query level's range table before it joins the statement's), and its
 *     base relation becomes an Append of the partitions that plan-time
 *     pruning keeps, each scanned (sequential or index scan) as a plain
 *     table with the parent's restrictions.
 * Entry points: expand_partitioned_rtes(), build_partitioned_rel(),
 * create_append_plan().
 *
 * A partition has its parent's attribute numbers (commands/partcmds.c), so
 * the parent's Vars renumbered to the child entry are the child's columns,
 * and every child scan produces the parent relation's Vars in the same
 * order: the Append passes child rows through unchanged.  Child entries
 * are named like PostgreSQL's EXPLAIN names them: the parent's alias with
 * _1, _2, ... when several partitions are scanned, the alias alone when one
 * is.  With no partition left the relation is a Result with a false
 * one-time filter.  XXX: a range table holds at most RELIDS_MAX (256)
 * entries per query level, partitions included.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "partitioning/partition.h"
#include "planner_int.h"
#include "utils/elog.h"
#include "utils/rel.h"

typedef struct RenumberCtx
{
    int         from;
    int         to;
} RenumberCtx;

static Node *
renumber_mutator(Node *node, void *context)
{
    RenumberCtx *ctx = (RenumberCtx *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0 && ((Var *) node)->varno == ctx->from)
    {
        Var        *v = (Var *) copyObject(node);

        v->varno = ctx->to;
        return (Node *) v;
    }
    return expression_tree_mutator(node, renumber_mutator, context);
}

static Node *
renumber(Node *node, int from, int to)
{
    RenumberCtx ctx = {from, to};

    return renumber_mutator(node, &ctx);
}

void
expand_partitioned_rtes(PlannerInfo *root)
{
    Query      *parse = root->parse;
    int         n = list_length(parse->rtable);
    List       *rtable = NIL;
    bool        any = false;
    ListCell   *lc;

    foreach(lc, parse->rtable)
    {
        RangeTblEntry *rte = (RangeTblEntry *) lfirst(lc);

        if (rte->rtekind == RTE_RELATION && rte->relkind == RELKIND_PARTITIONED_TABLE)
            any = true;
    }
    if (!any)
        return;
    rtable = list_copy(parse->rtable);
    root->partdescs = (PartitionDescData **) palloc0(sizeof(PartitionDescData *) * (n + 1));
    root->partchildren = (int **) palloc0(sizeof(int *) * (n + 1));
    for (int rti = 1; rti <= n; rti++)
    {
        RangeTblEntry *rte = (RangeTblEntry *) list_nth(rtable, rti - 1);
        PartitionDesc desc;

        if (rte->rtekind != RTE_RELATION || rte->relkind != RELKIND_PARTITIONED_TABLE)
            continue;
        desc = RelationGetPartitionDesc(rte->relid);
        root->partdescs[rti] = desc;
        root->partchildren[rti] = (int *) palloc(sizeof(int) * Max(desc->nparts, 1));
        for (int i = 0; i < desc->nparts; i++)
        {
            RangeTblEntry *child = (RangeTblEntry *) copyObject(rte);

            child->relid = desc->oids[i];
            child->relkind = RELKIND_RELATION;
            child->inh = false;
            child->inFromCl = false;
            rtable = lappend(rtable, child);
            root->partchildren[rti][i] = list_length(rtable);
        }
    }
    if (list_length(rtable) >= RELIDS_MAX)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("too many partitions in one query level (at most %d range table entries)",
                       RELIDS_MAX - 1));
    root->npartrels = n;
    parse->rtable = rtable;
}

/*
 * The child entry's EXPLAIN name: alias, or alias_<n> among several -- or
 * always for UPDATE/DELETE's target, whose own name the ModifyTable uses.
 */
static void
name_child(RangeTblEntry *parent, RangeTblEntry *child, int n, int of, bool target)
{
    Alias      *eref = (Alias *) copyObject(parent->eref);

    if (of > 1 || target)
    {
        char        buf[NAMEDATALEN + 16];

        snprintf(buf, sizeof(buf), "%s_%d", parent->eref->aliasname, n);
        eref->aliasname = pstrdup(buf);
    }
    child->eref = eref;
    child->alias = NULL;
}

static bool
has_extern_param_walker(Node *node, void *context)
{
    if (node == NULL)
        return false;
    if (IsA(node, Param) && ((Param *) node)->paramkind == PARAM_EXTERN)
        return true;
    return expression_tree_walker(node, has_extern_param_walker, context);
}

static bool
has_extern_param(Node *node)
{
    return has_extern_param_walker(node, NULL);
}

static bool
is_key_var(Node *n, int rti, const PartitionDescData *desc)
{
    while (n != NULL && IsA(n, RelabelType))
        n = (Node *) ((RelabelType *) n)->arg;
    if (n == NULL || !IsA(n, Var) || ((Var *) n)->varno != rti || ((Var *) n)->varlevelsup != 0)
        return false;
    for (int k = 0; k < desc->key.nkeys; k++)
        if (desc->key.attnums[k] == ((Var *) n)->varattno)
            return true;
    return false;
}

/*
 * param_prune_quals -- the restrictions "key op expression" whose
 * expression has no Var but a statement parameter: once the executor
 * binds the parameters and folds them into constants (nodeAppend.c), they
 * prune like constants do at plan time.  Only those: the executor must not
 * evaluate other conditions (their errors belong to rows being read).
 */
static List *
param_prune_quals(List *quals, int rti, const PartitionDescData *desc)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, quals)
    {
        OpExpr     *op = (OpExpr *) lfirst(lc);
        Node       *l;
        Node       *r;

        if (!IsA(op, OpExpr) || list_length(op->args) != 2 || !has_extern_param((Node *) op))
            continue;
        l = linitial(op->args);
        r = lsecond(op->args);
        if ((is_key_var(l, rti, desc) && relids_is_empty(pull_varnos(r))) ||
            (is_key_var(r, rti, desc) && relids_is_empty(pull_varnos(l))))
            result = lappend(result, op);
    }
    return result;
}

RelOptInfo *
build_partitioned_rel(PlannerInfo *root, int rti, List *restrict_quals)
{
    RelOptInfo *rel = root->simple_rels[rti];
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(root->parse->rtable, rti - 1);
    PartitionDesc desc = root->partdescs[rti];
    bool       *keep = palloc(sizeof(bool) * Max(desc->nparts, 1));
    Path       *path = (Path *) palloc0(sizeof(Path));
    int         nkept = 0;
    int         n = 0;
    bool        target = rti == root->parse->resultRelation &&
        (root->parse->commandType == CMD_UPDATE || root->parse->commandType == CMD_DELETE);

    rel->baserestrict = restrict_quals;
    rel->root = root;
    rel->relid = rte->relid;
    if (rte->inh)
        PartitionPrune(desc, restrict_quals, rti, keep);
    else
        memset(keep, 0, sizeof(bool) * Max(desc->nparts, 1));   /* ONLY: no rows */
    for (int i = 0; i < desc->nparts; i++)
        nkept += keep[i];
    path->parent = rel;
    path->pathtype = T_Append;
    path->partitioned = true;
    rel->rows = 0;
    rel->tuples = 0;
    rel->pages = 0;
    rel->width = 0;
    for (int i = 0; i < desc->nparts; i++)
    {
        int         crti = root->partchildren[rti][i];
        RangeTblEntry *crte = (RangeTblEntry *) list_nth(root->parse->rtable, crti - 1);
        RelOptInfo *crel = root->simple_rels[crti];
        List       *cquals;

        if (!keep[i])
            continue;
        name_child(rte, crte, ++n, nkept, target);
        if (target)
            root->result_partitions = lappend_int(root->result_partitions, crti);
        crel->vars = (List *) renumber((Node *) rel->vars, rti, crti);
        cquals = (List *) renumber((Node *) restrict_quals, rti, crti);
        crel = build_base_rel(root, crti, cquals);
        path->subpaths = lappend(path->subpaths, crel->cheapest);
        path->part_oids = lappend_oid(path->part_oids, desc->oids[i]);
        path->startup_cost = n == 1 ? crel->cheapest->startup_cost : path->startup_cost;
        path->total_cost += crel->cheapest->total_cost;
        path->rows += crel->cheapest->rows;
        rel->rows += crel->rows;
        rel->tuples += crel->tuples;
        rel->pages += crel->pages;
        rel->width = Max(rel->width, crel->width);
    }
    if (nkept == 0)
    {
        /* nothing can match: a Result whose one-time filter is false */
        Const      *f = makeNode(Const);

        f->consttype = BOOLOID;
        f->consttypmod = -1;
        f->constlen = 1;
        f->constbyval = true;
        f->constisnull = false;
        f->constvalue = BoolGetDatum(false);
        f->location = -1;
        path->pathtype = T_Result;
        path->otherquals = list_make1(f);
        rel->baserestrict = NIL;
    }
    /* conditions on parameters: the executor prunes again once it knows them */
    if (nkept > 1)
        path->prune_quals = param_prune_quals(restrict_quals, rti, desc);
    rel->rows = clamp_row_est(rel->rows);
    path->rows = rel->rows;
    rel->cheapest = path;
    return rel;
}

/* A Result producing no row (all partitions pruned); Vars read as NULL. */
static Plan *
create_empty_plan(PlannerInfo *root, Path *path, List *tlist)
{
    Plan       *plan = make_result_plan(tlist, NULL, linitial(path->otherquals));

    (void) root;
    plan->plan_rows = path->rows;
    plan->startup_cost = 0;
    plan->total_cost = 0;
    return plan;
}

Plan *
create_append_plan(PlannerInfo *root, Path *path, List **logical)
{
    RelOptInfo *rel = path->parent;
    List       *tlist = NIL;
    Append     *append;
    ListCell   *lc;

    foreach(lc, rel->vars)
        tlist = lappend(tlist, make_tle((Node *) copyObject(lfirst(lc)), list_length(tlist) + 1,
                                        NULL, false));
    *logical = tlist;
    if (path->pathtype == T_Result)
        return create_empty_plan(root, path, tlist);
    if (list_length(path->subpaths) == 1)
    {
        List       *child_logical;
        Plan       *child = create_plan_recurse(root, linitial(path->subpaths), &child_logical);

        /* one partition: its scan alone, producing the parent's Vars (read from its row) */
        child->targetlist = tlist;
        return child;
    }
    append = makeNode(Append);
    append->partitioned = true;
    if (path->prune_quals != NIL)
    {
        append->prune_relid = rel->relid;
        append->prune_quals = path->prune_quals;
        append->prune_varno = rel->rti;
        append->part_oids = path->part_oids;
    }
    foreach(lc, path->subpaths)
    {
        List       *child_logical;

        append->appendplans = lappend(append->appendplans,
                                      create_plan_recurse(root, lfirst(lc), &child_logical));
    }
    append->plan.targetlist = tlist;
    append->plan.startup_cost = path->startup_cost;
    append->plan.total_cost = path->total_cost;
    append->plan.plan_rows = path->rows;
    append->plan.plan_width = rel->width;
    return (Plan *) append;
}
