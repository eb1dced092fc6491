/*
 * nodeAppend.c
 *     Append: the rows of each child plan in turn (UNION ALL, the inputs of
 *     INTERSECT/EXCEPT).
 * Entry points: ExecInitAppend(), ExecEndAppend(), ExecReScanAppend(),
 * ExecAppendPartitionScan().
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "executor_int.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/planner.h"
#include "partitioning/partition.h"

static TupleTableSlot *
exec_append(PlanState *ps)
{
    AppendState *node = (AppendState *) ps;

    while (node->whichplan < node->nplans)
    {
        TupleTableSlot *slot;

        if (node->appendplans[node->whichplan] == NULL)
        {
            node->whichplan++;  /* pruned at executor start */
            continue;
        }
        slot = ExecProcNode(node->appendplans[node->whichplan]);

        if (!TupIsNull(slot))
        {
            if (ps->ps_ProjInfo)
            {
                ps->ps_ExprContext->outertuple = slot;
                ResetExprContext(ps->ps_ExprContext);
                return ExecProject(ps->ps_ProjInfo);
            }
            return slot;
        }
        node->whichplan++;
    }
    return NULL;
}

/* Params of the statement replaced by their values (Consts), for pruning. */
static Node *
bind_params_mutator(Node *node, void *context)
{
    ParamListInfo params = (ParamListInfo) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Param) && ((Param *) node)->paramkind == PARAM_EXTERN)
    {
        Param      *p = (Param *) node;
        Const      *c;
        int16       len;
        bool        byval;
        char        align;

        if (params == NULL || p->paramid < 1 || p->paramid > params->numParams)
            return node;
        c = makeNode(Const);
        c->consttype = p->paramtype;
        c->consttypmod = p->paramtypmod;
        TypeGetLenByvalAlign(p->paramtype, &len, &byval, &align);
        c->constlen = len;
        c->constbyval = byval;
        c->constisnull = params->params[p->paramid - 1].isnull;
        c->constvalue = params->params[p->paramid - 1].value;
        c->location = -1;
        return (Node *) c;
    }
    return expression_tree_mutator(node, bind_params_mutator, context);
}

/*
 * initial_prune -- which children of a partitioned table's Append can hold
 * rows, now that the statement's parameters are known (keep[i] per
 * appendplans entry).  A partition the plan names but the table no longer
 * has is kept (its scan finds what it finds).
 */
static void
initial_prune(Append *node, EState *estate, bool *keep)
{
    PartitionDesc desc = RelationGetPartitionDesc(node->prune_relid);
    /* the values in place of the parameters, then immutable expressions folded */
    List       *quals = (List *) eval_const_expressions(bind_params_mutator((Node *) node->prune_quals,
                                                                            estate->es_param_list_info));
    bool       *pkeep = palloc(sizeof(bool) * Max(desc->nparts, 1));
    ListCell   *lc;

    PartitionPrune(desc, quals, node->prune_varno, pkeep);
    foreach(lc, node->part_oids)
    {
        int         i = foreach_current_index(lc);

        keep[i] = true;
        for (int p = 0; p < desc->nparts; p++)
            if (desc->oids[p] == lfirst_oid(lc))
                keep[i] = pkeep[p];
    }
}

AppendState *
ExecInitAppend(Append *node, EState *estate, int eflags)
{
    AppendState *state = (AppendState *) ExecMakePlanState(sizeof(AppendState), T_AppendState,
                                                           (Plan *) node, estate);
    ListCell   *lc;
    int         i = 0;
    bool       *keep;

    state->ps.ExecProcNode = exec_append;
    state->nplans = list_length(node->appendplans);
    state->appendplans = (PlanState **) palloc0(sizeof(PlanState *) * (state->nplans + 1));
    keep = palloc(sizeof(bool) * Max(state->nplans, 1));
    for (int k = 0; k < state->nplans; k++)
        keep[k] = true;
    if (OidIsValid(node->prune_relid) && estate->es_param_list_info != NULL)
        initial_prune(node, estate, keep);
    foreach(lc, node->appendplans)
    {
        if (keep[i])
            state->appendplans[i] = ExecInitNode((Plan *) lfirst(lc), estate, eflags);
        else
            state->nremoved++;
        i++;
    }
    ExecAssignExprContext(&state->ps);
    ExecInitResultAndProjection(&state->ps, false);
    return state;
}

void
ExecEndAppend(AppendState *node)
{
    for (int i = 0; i < node->nplans; i++)
        if (node->appendplans[i] != NULL)
            ExecEndNode(node->appendplans[i]);
}

void
ExecReScanAppend(AppendState *node)
{
    for (int i = 0; i < node->nplans; i++)
        if (node->appendplans[i] != NULL)
            ExecReScan(node->appendplans[i]);
    node->whichplan = 0;
}

/*
 * ExecAppendPartitionScan -- the scan of partition rel in a plan that reads
 * a partitioned table (the partition's scan itself, or an Append of the
 * partitions' scans, under Sort / Material), or NULL: where a READ
 * COMMITTED re-check of a row of that partition is done
 * (ExecScanRecheckRow).
 */
ScanState *
ExecAppendPartitionScan(PlanState *ps, Relation rel)
{
    while (ps && (IsA(ps, SortState) || IsA(ps, MaterialState)))
        ps = ps->lefttree;
    if (ps && ExecScanCanRecheck(ps))
        return RelationGetRelid(((ScanState *) ps)->ss_currentRelation) == RelationGetRelid(rel) ?
            (ScanState *) ps : NULL;
    if (ps && IsA(ps, AppendState))
    {
        AppendState *as = (AppendState *) ps;

        for (int i = 0; i < as->nplans; i++)
            if (as->appendplans[i] != NULL && ExecScanCanRecheck(as->appendplans[i]) &&
                RelationGetRelid(((ScanState *) as->appendplans[i])->ss_currentRelation) ==
                RelationGetRelid(rel))
                return (ScanState *) as->appendplans[i];
    }
    return NULL;
}
