/*
 * setrefs.c
 *     Rewriting expressions to refer to the rows a plan node actually sees:
 *     a join's Vars become OUTER_VAR/INNER_VAR references to positions in
 *     its children's targetlists; an upper node's expressions become
 *     references to its input's columns (whole expressions first, so that
 *     GROUP BY expressions are reused, then Vars).
 * Entry points: fix_join_expr(), fix_upper_expr(), make_passthrough_tlist(),
 * find_tle_for_expr().
 *
 * The child targetlists given here are "logical": their entries hold the
 * original Vars (varno = local rtindex), see createplan.c.
 */
#include "rustydb.h"

#include "planner_int.h"
#include "utils/elog.h"

static Var *
make_ref(int varno, int attno, Node *expr)
{
    Var        *v = makeNode(Var);

    v->varno = varno;
    v->varattno = (int16) attno;
    v->vartype = exprType(expr);
    v->vartypmod = exprTypmod(expr);
    v->location = -1;
    return v;
}

static int
find_var(List *tlist, Var *var)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);
        Var        *v = (Var *) tle->expr;

        if (v && IsA(v, Var) && v->varno == var->varno && v->varattno == var->varattno &&
            v->varlevelsup == 0)
            return tle->resno;
    }
    return 0;
}

/* find_tle_for_expr -- resno of the first entry whose expression equals expr; 0 if none. */
int
find_tle_for_expr(List *tlist, Node *expr)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);

        if (equal(tle->expr, expr))
            return tle->resno;
    }
    return 0;
}

typedef struct JoinFixContext
{
    List       *outer;
    List       *inner;
} JoinFixContext;

static Node *
join_fix_mutator(Node *node, void *context)
{
    JoinFixContext *c = (JoinFixContext *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var) && ((Var *) node)->varlevelsup == 0)
    {
        Var        *var = (Var *) node;
        int         resno;

        if (var->varno == OUTER_VAR || var->varno == INNER_VAR)
            return (Node *) copyObject(var);
        if ((resno = find_var(c->outer, var)) > 0)
            return (Node *) make_ref(OUTER_VAR, resno, node);
        if ((resno = find_var(c->inner, var)) > 0)
            return (Node *) make_ref(INNER_VAR, resno, node);
        elog(ERROR, "variable %d.%d not found in the join's inputs", var->varno, var->varattno);
    }
    return expression_tree_mutator(node, join_fix_mutator, context);
}

Node *
fix_join_expr(Node *node, List *outer_tlist, List *inner_tlist)
{
    JoinFixContext c;

    c.outer = outer_tlist;
    c.inner = inner_tlist;
    return join_fix_mutator(node, &c);
}

static Node *
upper_fix_mutator(Node *node, void *context)
{
    List       *tlist = (List *) context;
    int         resno;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var))
    {
        Var        *var = (Var *) node;

        if (var->varlevelsup != 0 || var->varno == OUTER_VAR)
            return (Node *) copyObject(var);
        if ((resno = find_var(tlist, var)) > 0)
            return (Node *) make_ref(OUTER_VAR, resno, node);
        elog(ERROR, "variable %d.%d not found in the input's targetlist", var->varno,
             var->varattno);
    }
    if (IsA(node, Const) || IsA(node, Param))
        return (Node *) copyObject(node);
    if (IsA(node, Aggref))
        return (Node *) copyObject(node);   /* evaluated by the Agg node itself */
    if ((resno = find_tle_for_expr(tlist, node)) > 0)
        return (Node *) make_ref(OUTER_VAR, resno, node);
    return expression_tree_mutator(node, upper_fix_mutator, context);
}

/*
 * fix_upper_expr -- make node refer to the columns of input_tlist
 * (OUTER_VAR).  Aggrefs are left alone: the Agg node evaluates them.
 */
Node *
fix_upper_expr(Node *node, List *input_tlist)
{
    return upper_fix_mutator(node, input_tlist);
}

/* make_passthrough_tlist -- OUTER_VAR references to each input column, same names/flags. */
List *
make_passthrough_tlist(List *input_tlist)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, input_tlist)
    {
        TargetEntry *tle = (TargetEntry *) lfirst(lc);
        TargetEntry *n = (TargetEntry *) copyObject(tle);

        n->expr = (Node *) make_ref(OUTER_VAR, tle->resno, (Node *) tle->expr);
        result = lappend(result, n);
    }
    return result;
}
