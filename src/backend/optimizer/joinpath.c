/*
 * joinpath.c
 *     Access paths for base relations and the join search: dynamic
 *     programming over subsets of the items of an inner-join problem (up to
 *     PLANNER_DP_MAX_RELS items), greedy pairing beyond.  Each join considers
 *     a nested loop (inner side materialized) in both directions and, when
 *     there are hashable equality conditions, a hash join in both
 *     directions, and with "column = column" conditions of one sortable
 *     type a merge join in both directions (inputs sorted, or read through
 *     an index in key order); the cheapest total cost wins.
 * Entry points: build_base_rel(), make_rel_from_jointree().
 *
 * Index paths (indxpath.c) compete with the sequential scan in
 * build_base_rel(); a nested loop may also probe an index of its inner
 * base table with values from the outer row (parameterized inner path,
 * no Material), which usually wins for small outer sides.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/selfuncs.h"
#include "utils/rel.h"

static Path *
new_path(NodeTag pathtype, RelOptInfo *parent)
{
    Path       *p = (Path *) palloc0(sizeof(Path));

    p->pathtype = pathtype;
    p->parent = parent;
    return p;
}

/*
 * build_base_rel -- the RelOptInfo of local range-table entry rti (vars were
 * collected by the caller) with its restriction quals and cheapest path.
 */
RelOptInfo *
build_base_rel(PlannerInfo *root, int rti, List *restrict_quals)
{
    RelOptInfo *rel = root->simple_rels[rti];
    RangeTblEntry *rte = (RangeTblEntry *) list_nth(root->parse->rtable, rti - 1);
    Path       *path;
    NodeTag     pathtype;

    rel->baserestrict = restrict_quals;
    switch (rte->rtekind)
    {
        case RTE_RELATION:
            if (rte->relkind == RELKIND_PARTITIONED_TABLE)
                return build_partitioned_rel(root, rti, restrict_quals);    /* partplan.c */
            if (rte->relkind != RELKIND_RELATION && rte->relkind != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("scanning relations of kind '%c' is not supported yet",
                               rte->relkind));
            pathtype = T_SeqScan;
            break;
        case RTE_SUBQUERY:
            if (rte->lateral)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("LATERAL subqueries are not supported yet"));
            rel->subplan = subquery_planner(root->glob, rte->subquery, root, LEVEL_FROM,
                                            &rel->subroot);
            pathtype = T_SubqueryScan;
            break;
        case RTE_FUNCTION:
            pathtype = T_FunctionScan;
            break;
        case RTE_VALUES:
            pathtype = T_ValuesScan;
            break;
        case RTE_CTE:
            pathtype = rte->self_reference ? T_WorkTableScan : T_CteScan;
            break;
        case RTE_RESULT:
            pathtype = T_Result;
            break;
        default:
            elog(ERROR, "unexpected range table entry kind %d in the join tree", (int) rte->rtekind);
    }
    rel->root = root;
    estimate_base_rel_size(root, rel, rte);
    path = new_path(pathtype, rel);
    cost_seqscan(path, rel);
    rel->cheapest = path;
    if (pathtype == T_SeqScan)
    {
        rel->relid = rte->relid;
        create_index_paths(root, rel, rte->relid);
    }
    return rel;
}

/* ---------------- joins ---------------- */

/* Is clause "a = b" with one side over outer rels and the other over inner, hashable? */
static OpExpr *
hashable_clause(Node *clause, Relids outer, Relids inner)
{
    OpExpr     *op;
    const OperInfo *oi;
    Node       *l;
    Node       *r;
    Relids      lr;
    Relids      rr;
    Oid         lt;

    if (!IsA(clause, OpExpr))
        return NULL;
    op = (OpExpr *) clause;
    if (list_length(op->args) != 2 || op->opretset)
        return NULL;
    oi = OperInfoById(op->opno);
    if (oi == NULL || strcmp(oi->name, "=") != 0)
        return NULL;
    l = linitial(op->args);
    r = lsecond(op->args);
    lt = exprType(l);
    if (lt != exprType(r) || TypeHashFunction(lt) == NULL || TypeCompareFunction(lt) == NULL)
        return NULL;
    if (expression_returns_set(l) || expression_returns_set(r))
        return NULL;
    lr = pull_varnos(l);
    rr = pull_varnos(r);
    if (relids_is_empty(lr) || relids_is_empty(rr))
        return NULL;
    if (relids_subset(lr, outer) && relids_subset(rr, inner))
        return op;
    if (relids_subset(lr, inner) && relids_subset(rr, outer))
    {
        OpExpr     *swapped = (OpExpr *) copyObject(op);

        swapped->args = list_make2(r, l);
        return swapped;
    }
    return NULL;
}

static bool
is_integer_type(Oid t)
{
    return t == INT2OID || t == INT4OID || t == INT8OID;
}

/*
 * Is clause mergeable: "outer column = inner column" of one type with a
 * comparison function, or of two integer types?  Returned with the outer
 * side first.  Merge keys must be plain columns so that the inputs can be
 * sorted on them.
 */
static OpExpr *
mergeable_clause(Node *clause, Relids outer, Relids inner)
{
    OpExpr     *op;
    const OperInfo *oi;
    Node       *l;
    Node       *r;
    Oid         lt;

    if (!IsA(clause, OpExpr))
        return NULL;
    op = (OpExpr *) clause;
    if (list_length(op->args) != 2 || op->opretset)
        return NULL;
    oi = OperInfoById(op->opno);
    if (oi == NULL || strcmp(oi->name, "=") != 0)
        return NULL;
    l = linitial(op->args);
    r = lsecond(op->args);
    if (!IsA(l, Var) || !IsA(r, Var) || ((Var *) l)->varlevelsup != 0 ||
        ((Var *) r)->varlevelsup != 0 || ((Var *) l)->varattno <= 0 || ((Var *) r)->varattno <= 0)
        return NULL;
    lt = exprType(l);
    if (lt != exprType(r))
    {
        /* integers of different widths compare by value (int4 = int8, ...) */
        if (!is_integer_type(lt) || !is_integer_type(exprType(r)))
            return NULL;
    }
    else if (TypeCompareFunction(lt) == NULL || lt == TIDOID)
        return NULL;
    if (relids_member(outer, ((Var *) l)->varno) && relids_member(inner, ((Var *) r)->varno))
        return op;
    if (relids_member(inner, ((Var *) l)->varno) && relids_member(outer, ((Var *) r)->varno))
    {
        OpExpr     *swapped = (OpExpr *) copyObject(op);

        swapped->args = list_make2(r, l);
        return swapped;
    }
    return NULL;
}

static double join_selectivity(List *clauses, double outer_rows, double inner_rows);

/*
 * merge_rows -- rows matching the merge clauses (outer side first, base
 * relation Vars) alone: per clause the selectivity from both columns'
 * statistics (utils/selfuncs.h) when ANALYZE gathered them, else the
 * default equi-join estimate.  Drives the merge join's rescan estimate.
 */
static double
merge_rows(PlannerInfo *root, List *mergecl, double outer_rows, double inner_rows)
{
    double      s = 1.0;
    ListCell   *lc;

    foreach(lc, mergecl)
    {
        OpExpr     *op = (OpExpr *) lfirst(lc);
        Var        *l = (Var *) linitial(op->args);
        Var        *r = (Var *) lsecond(op->args);
        double      sel;
        RelOptInfo *lrel = NULL;
        RelOptInfo *rrel = NULL;

        if (root != NULL && l->varno > 0 && l->varno <= root->nrels &&
            r->varno > 0 && r->varno <= root->nrels)
        {
            lrel = root->simple_rels[l->varno];
            rrel = root->simple_rels[r->varno];
        }
        if (lrel != NULL && rrel != NULL && OidIsValid(lrel->relid) && OidIsValid(rrel->relid) &&
            EqJoinSelectivity(lrel->relid, l->varattno, lrel->tuples,
                              rrel->relid, r->varattno, rrel->tuples, &sel))
            s *= sel;
        else
            s *= join_selectivity(list_make1(op), outer_rows, inner_rows);
    }
    return clamp_row_est(outer_rows * inner_rows * s);
}

/*
 * merge_input -- the path a merge join reads rel through: its cheapest
 * path sorted on keys (Vars of rel), or a base table's index path already
 * in that order when that is cheaper.  *sort tells whether a Sort is needed.
 */
static Path *
merge_input(RelOptInfo *rel, List *keys, bool *sort)
{
    Path       *best = rel->cheapest;
    double      startup;
    double      sorted_cost = cost_sort_total(best->total_cost, best->rows, rel->width, &startup);

    *sort = true;
    if (rel->rti > 0 && OidIsValid(rel->relid) && rel->indexlist != NIL)
    {
        List       *attnos = NIL;
        ListCell   *lc;
        Path       *ip;

        foreach(lc, keys)
            attnos = lappend_int(attnos, ((Var *) lfirst(lc))->varattno);
        ip = create_merge_index_path(rel->root, rel, rel->relid, attnos);
        if (ip != NULL && ip->total_cost <= sorted_cost)
        {
            best = ip;
            *sort = false;
        }
    }
    return best;
}

static double
join_selectivity(List *clauses, double outer_rows, double inner_rows)
{
    ListCell   *lc;
    double      s = 1.0;

    foreach(lc, clauses)
    {
        Node       *c = (Node *) lfirst(lc);
        const OperInfo *oi = IsA(c, OpExpr) ? OperInfoById(((OpExpr *) c)->opno) : NULL;

        if (oi && strcmp(oi->name, "=") == 0)
        {
            double      nd1 = Min(outer_rows, 200.0);
            double      nd2 = Min(inner_rows, 200.0);

            s *= 1.0 / Max(Max(nd1, nd2), 1.0);
        }
        else
            s *= clause_selectivity(c);
    }
    return s;
}

/* The cheapest way to join outer and inner with clauses; jointype fixed. */
/*
 * split_clauses -- the join clauses that usable() accepts for a hash or
 * merge join (in the form it returns: outer side first) into *usable_out,
 * the others into *rest_out.
 */
static void
split_clauses(List *clauses, OpExpr *(*usable) (Node *, Relids, Relids), RelOptInfo *outer,
              RelOptInfo *inner, List **usable_out, List **rest_out)
{
    ListCell   *lc;

    *usable_out = NIL;
    *rest_out = NIL;
    foreach(lc, clauses)
    {
        OpExpr     *op = usable((Node *) lfirst(lc), outer->relids, inner->relids);

        if (op)
            *usable_out = lappend(*usable_out, op);
        else
            *rest_out = lappend(*rest_out, lfirst(lc));
    }
}

static Path *
best_join_path(RelOptInfo *joinrel, RelOptInfo *outer, RelOptInfo *inner, JoinType jt,
               List *clauses, double rows)
{
    Path       *best = NULL;
    List       *hashcl;
    List       *rest;
    ListCell   *lc;

    split_clauses(clauses, hashable_clause, outer, inner, &hashcl, &rest);
    if (hashcl != NIL)
    {
        Path       *p = new_path(T_HashJoin, joinrel);

        p->outerpath = outer->cheapest;
        p->innerpath = inner->cheapest;
        p->jointype = jt;
        p->hashclauses = hashcl;
        p->joinclauses = rest;
        cost_hashjoin(p, rows);
        best = p;
    }
    {
        List       *mergecl;
        List       *mrest;

        split_clauses(clauses, mergeable_clause, outer, inner, &mergecl, &mrest);
        /*
         * As PostgreSQL: a RIGHT or FULL merge join needs every join clause
         * mergeable (an inner row's match is decided by the merge keys).
         */
        if (mergecl != NIL && ((jt != JOIN_FULL && jt != JOIN_RIGHT) || mrest == NIL))
        {
            Path       *p = new_path(T_MergeJoin, joinrel);
            List       *okeys = NIL;
            List       *ikeys = NIL;

            foreach(lc, mergecl)
            {
                okeys = lappend(okeys, linitial(((OpExpr *) lfirst(lc))->args));
                ikeys = lappend(ikeys, lsecond(((OpExpr *) lfirst(lc))->args));
            }
            p->outerpath = merge_input(outer, okeys, &p->sort_outer);
            p->innerpath = merge_input(inner, ikeys, &p->sort_inner);
            p->jointype = jt;
            p->hashclauses = mergecl;
            p->joinclauses = mrest;
            cost_mergejoin(p, rows, merge_rows(outer->root ? outer->root : inner->root,
                                               mergecl, outer->rows, inner->rows));
            if (best == NULL || p->total_cost < best->total_cost)
                best = p;
        }
    }
    if ((jt == JOIN_INNER || jt == JOIN_LEFT) && inner->rti > 0 && OidIsValid(inner->relid) &&
        inner->indexlist != NIL)
    {
        List       *used;
        Path       *ip = create_parameterized_index_path(inner->root, inner, inner->relid, clauses,
                                                         outer->relids, &used);

        if (ip != NULL)
        {
            Path       *p = new_path(T_NestLoop, joinrel);
            ListCell   *lc2;

            p->outerpath = outer->cheapest;
            p->innerpath = ip;
            p->jointype = jt;
            foreach(lc2, clauses)
                if (!list_member_ptr(used, lfirst(lc2)))
                    p->joinclauses = lappend(p->joinclauses, lfirst(lc2));
            p->materialize_inner = false;
            cost_nestloop(p, rows);
            if (best == NULL || p->total_cost < best->total_cost)
                best = p;
        }
    }
    if (jt == JOIN_INNER || jt == JOIN_LEFT)
    {
        Path       *p = new_path(T_NestLoop, joinrel);

        p->outerpath = outer->cheapest;
        p->innerpath = inner->cheapest;
        p->jointype = jt;
        p->joinclauses = clauses;
        p->materialize_inner = inner->cheapest->pathtype != T_Result && EnableMaterial;
        cost_nestloop(p, rows);
        if (best == NULL || p->total_cost < best->total_cost)
            best = p;
    }
    return best;
}

static bool
IsA_path(Path *p, NodeTag t)
{
    return p->pathtype == t;
}

static int
first_relid(Relids r)
{
    for (int i = 0; i < RELIDS_MAX; i++)
        if (relids_member(r, i))
            return i;
    return RELIDS_MAX;
}

/*
 * make_join_rel -- join a (left/outer side for outer joins) and b.  For
 * LEFT joins a is the preserved side; for INNER both orders are tried.
 */
static RelOptInfo *
make_join_rel(RelOptInfo *a, RelOptInfo *b, JoinType jt, List *clauses)
{
    RelOptInfo *jr = (RelOptInfo *) palloc0(sizeof(RelOptInfo));
    double      rows = a->rows * b->rows * join_selectivity(clauses, a->rows, b->rows);
    Path       *p1;
    Path       *p2 = NULL;

    if (jt == JOIN_LEFT)
        rows = Max(rows, a->rows);
    else if (jt == JOIN_FULL)
        rows = Max(Max(rows, a->rows), b->rows);
    rows = clamp_row_est(rows);
    jr->relids = relids_union(a->relids, b->relids);
    jr->root = a->root ? a->root : b->root;
    jr->rows = rows;
    jr->width = a->width + b->width;
    p1 = best_join_path(jr, a, b, jt, clauses, rows);
    if (jt == JOIN_INNER)
        p2 = best_join_path(jr, b, a, jt, clauses, rows);
    else if (jt == JOIN_LEFT)
        p2 = best_join_path(jr, b, a, JOIN_RIGHT, clauses, rows);
    else if (jt == JOIN_FULL)
    {
        /* both orders for a merge join (hash joins keep the written order) */
        p2 = best_join_path(jr, b, a, JOIN_FULL, clauses, rows);
        if (p2 != NULL && !IsA_path(p2, T_MergeJoin))
            p2 = NULL;
    }
    if (p1 == NULL || (p2 != NULL && p2->total_cost < p1->total_cost))
        p1 = p2;
    else if (jt == JOIN_INNER && p2 != NULL && p2->total_cost == p1->total_cost &&
             IsA_path(p1, T_MergeJoin) && IsA_path(p2, T_MergeJoin) &&
             first_relid(b->relids) < first_relid(a->relids))
        p1 = p2;                /* a tie: the relation listed first is outer, as PostgreSQL */
    if (p1 == NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("FULL JOIN is only supported with merge-joinable or hash-joinable join conditions"));
    jr->cheapest = p1;
    return jr;
}

/* Clauses that become applicable when joining a and b (all vars available, not before). */
static List *
clauses_for_join(List *clauses, Relids a, Relids b, Relids ab)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, clauses)
    {
        Node       *c = (Node *) lfirst(lc);
        Relids      cr = pull_varnos(c);

        if (relids_is_empty(cr) || !relids_subset(cr, ab))
            continue;
        if (relids_subset(cr, a) || relids_subset(cr, b))
            continue;
        result = lappend(result, c);
    }
    return result;
}

static bool
has_join_clause(List *clauses, Relids a, Relids b)
{
    return clauses_for_join(clauses, a, b, relids_union(a, b)) != NIL;
}

static RelOptInfo *
join_search_dp(List *rels, List *clauses)
{
    int         n = list_length(rels);
    int         nsets = 1 << n;
    RelOptInfo **best = (RelOptInfo **) palloc0(sizeof(RelOptInfo *) * nsets);

    for (int i = 0; i < n; i++)
        best[1 << i] = (RelOptInfo *) list_nth(rels, i);
    for (int size = 2; size <= n; size++)
    {
        for (int mask = 1; mask < nsets; mask++)
        {
            bool        connected_only = true;

            if (__builtin_popcount((unsigned) mask) != size)
                continue;
            /* first pass: only pairs linked by a clause; second: cartesian products */
            for (int pass = 0; pass < 2 && best[mask] == NULL; pass++)
            {
                connected_only = pass == 0;
                for (int s1 = (mask - 1) & mask; s1 > 0; s1 = (s1 - 1) & mask)
                {
                    int         s2 = mask ^ s1;
                    RelOptInfo *jr;

                    if (s1 < s2 || best[s1] == NULL || best[s2] == NULL)
                        continue;   /* each unordered pair once; both orders are costed */
                    if (connected_only &&
                        !has_join_clause(clauses, best[s1]->relids, best[s2]->relids))
                        continue;
                    jr = make_join_rel(best[s1], best[s2], JOIN_INNER,
                                       clauses_for_join(clauses, best[s1]->relids,
                                                        best[s2]->relids,
                                                        relids_union(best[s1]->relids,
                                                                     best[s2]->relids)));
                    if (best[mask] == NULL ||
                        jr->cheapest->total_cost < best[mask]->cheapest->total_cost)
                        best[mask] = jr;
                }
            }
        }
    }
    return best[nsets - 1];
}

static RelOptInfo *
join_search_greedy(List *rels, List *clauses)
{
    rels = list_copy(rels);
    while (list_length(rels) > 1)
    {
        RelOptInfo *bestrel = NULL;
        int         bi = -1;
        int         bj = -1;
        bool        best_connected = false;

        for (int i = 0; i < list_length(rels); i++)
        {
            for (int j = i + 1; j < list_length(rels); j++)
            {
                RelOptInfo *a = (RelOptInfo *) list_nth(rels, i);
                RelOptInfo *b = (RelOptInfo *) list_nth(rels, j);
                Relids      ab = relids_union(a->relids, b->relids);
                List       *jc = clauses_for_join(clauses, a->relids, b->relids, ab);
                bool        connected = jc != NIL;
                RelOptInfo *jr;

                if (best_connected && !connected)
                    continue;
                jr = make_join_rel(a, b, JOIN_INNER, jc);
                if (bestrel == NULL || (connected && !best_connected) ||
                    jr->cheapest->total_cost < bestrel->cheapest->total_cost)
                {
                    bestrel = jr;
                    bi = i;
                    bj = j;
                    best_connected = connected;
                }
            }
        }
        rels = list_delete_nth_cell(rels, bj);
        rels = list_delete_nth_cell(rels, bi);
        rels = lappend(rels, bestrel);
    }
    return (RelOptInfo *) linitial(rels);
}

/* Attach quals to be checked above rel's path (a copy of the path). */
static void
add_filter_quals(RelOptInfo *rel, List *quals)
{
    Path       *p;

    if (quals == NIL)
        return;
    p = (Path *) palloc(sizeof(Path));
    *p = *rel->cheapest;
    p->otherquals = list_concat(list_copy(p->otherquals), quals);
    p->total_cost += p->rows * DEFAULT_CPU_OPERATOR_COST * list_length(quals);
    p->rows = clamp_row_est(p->rows * clauselist_selectivity(quals));
    rel->rows = p->rows;
    rel->cheapest = p;
}

/*
 * make_rel_from_jointree -- plan the join problem jn bottom-up: the result's
 * cheapest path computes the whole subtree with all its conditions.
 */
RelOptInfo *
make_rel_from_jointree(PlannerInfo *root, JoinNode *jn)
{
    switch (jn->kind)
    {
        case JN_BASE:
            return build_base_rel(root, jn->rti, jn->quals);
        case JN_OUTER:
            {
                RelOptInfo *l = make_rel_from_jointree(root, jn->left);
                RelOptInfo *r = make_rel_from_jointree(root, jn->right);
                RelOptInfo *jr = make_join_rel(l, r, jn->jointype, jn->joinquals);

                add_filter_quals(jr, jn->filterquals);
                return jr;
            }
        case JN_INNER:
            {
                List       *rels = NIL;
                List       *leftover = NIL;
                ListCell   *lc;
                RelOptInfo *result;

                foreach(lc, jn->items)
                    rels = lappend(rels, make_rel_from_jointree(root, (JoinNode *) lfirst(lc)));
                if (rels == NIL)
                {
                    /* no FROM: one empty row, filtered by the WHERE clause */
                    RelOptInfo *rel = (RelOptInfo *) palloc0(sizeof(RelOptInfo));
                    Path       *p = new_path(T_Result, rel);

                    rel->rows = 1;
                    p->rows = 1;
                    p->total_cost = DEFAULT_CPU_TUPLE_COST;
                    p->otherquals = jn->quals;
                    rel->cheapest = p;
                    return rel;
                }
                if (list_length(rels) == 1)
                    result = (RelOptInfo *) linitial(rels);
                else if (list_length(rels) <= PLANNER_DP_MAX_RELS)
                    result = join_search_dp(rels, jn->quals);
                else
                    result = join_search_greedy(rels, jn->quals);
                /* conditions without Vars of this level, or not placed by the joins */
                foreach(lc, jn->quals)
                {
                    Node       *q = (Node *) lfirst(lc);
                    Relids      qr = pull_varnos(q);

                    if (relids_is_empty(qr) || list_length(rels) == 1)
                        leftover = lappend(leftover, q);
                }
                add_filter_quals(result, leftover);
                return result;
            }
    }
    return NULL;
}
