/*
 * prepjointree.c
 *     Preparing the join tree: replace references to join columns by the
 *     underlying expressions, split conditions into conjuncts, and
 *     deconstruct the FROM/JOIN tree into JoinNodes whose inner-join parts
 *     can be reordered freely while outer joins keep their shape.  Every
 *     condition is pushed down as far as is legal:
 *       - a condition on one base relation becomes a scan qual;
 *       - under an inner join, to the smallest set of items covering it;
 *       - a WHERE condition on the preserved side of a LEFT join goes below
 *         it; one that touches the nullable side stays above;
 *       - an ON condition of a LEFT join touching only the nullable side is
 *         pushed into it; others are join conditions.
 * Entry points: flatten_join_alias_vars(), deconstruct_jointree(),
 * pull_varnos(), make_ands_implicit(), make_ands_explicit().
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "planner_int.h"
#include "utils/elog.h"

/* ---------------- join alias variables ---------------- */

typedef struct FlattenContext
{
    PlannerInfo *root;
    int         sublevels_up;
} FlattenContext;

static Node *
increment_levelsup_mutator(Node *node, void *context)
{
    int         delta = *(int *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var))
    {
        Var        *v = (Var *) copyObject(node);

        v->varlevelsup += delta;
        return (Node *) v;
    }
    return expression_tree_mutator(node, increment_levelsup_mutator, context);
}

static Node *
flatten_mutator(Node *node, void *context)
{
    FlattenContext *fc = (FlattenContext *) context;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var))
    {
        Var        *var = (Var *) node;
        PlannerInfo *level = fc->root;
        RangeTblEntry *rte;
        Node       *alias;
        int         up = var->varlevelsup - fc->sublevels_up;

        if (up < 0)
            return node;        /* inside a sublink's own query: not ours */
        for (int i = 0; i < up && level; i++)
            level = level->parent;
        if (level == NULL)
            return node;
        rte = (RangeTblEntry *) list_nth(level->parse->rtable, var->varno - 1);
        if (rte->rtekind != RTE_JOIN)
            return node;
        if (var->varattno <= 0)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("whole-row references to joins are not supported yet"));
        alias = (Node *) list_nth(rte->joinaliasvars, var->varattno - 1);
        if (var->varlevelsup > 0)
        {
            int         delta = var->varlevelsup;

            alias = increment_levelsup_mutator(alias, &delta);
        }
        return flatten_mutator(alias, context);
    }
    if (IsA(node, SubLink))
    {
        /* join alias Vars of our level can appear inside the subquery */
        SubLink    *sl = (SubLink *) copyObject(node);

        sl->testexpr = flatten_mutator(sl->testexpr, context);
        return (Node *) sl;
    }
    return expression_tree_mutator(node, flatten_mutator, context);
}

/*
 * flatten_join_alias_vars -- replace Vars that name columns of RTE_JOIN
 * entries (of this or an outer level) by their definitions.  New tree.
 * Subqueries of SubLinks are handled when they are planned (their own
 * level walks up to ours).
 */
Node *
flatten_join_alias_vars(PlannerInfo *root, Node *node)
{
    FlattenContext fc;

    fc.root = root;
    fc.sublevels_up = 0;
    return flatten_mutator(node, &fc);
}

/* ---------------- clause helpers ---------------- */

static bool
varnos_walker(Node *node, void *context)
{
    Relids     *r = (Relids *) context;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        Var        *v = (Var *) node;

        if (v->varlevelsup == 0 && v->varno > 0 && v->varno < RELIDS_MAX)
            relids_add(r, v->varno);
        return false;
    }
    if (IsA(node, Query) || IsA(node, SubLink))
        return false;
    return expression_tree_walker(node, varnos_walker, context);
}

/* pull_varnos -- local rtindexes of the Vars of this level in node. */
Relids
pull_varnos(Node *node)
{
    Relids      r = relids_empty();

    varnos_walker(node, &r);
    return r;
}

static bool
vars_walker(Node *node, void *context)
{
    List      **vars = (List **) context;

    if (node == NULL)
        return false;
    if (IsA(node, Var))
    {
        Var        *v = (Var *) node;
        ListCell   *lc;

        if (v->varlevelsup != 0)
            return false;
        foreach(lc, *vars)
        {
            Var        *o = (Var *) lfirst(lc);

            if (o->varno == v->varno && o->varattno == v->varattno)
                return false;
        }
        *vars = lappend(*vars, v);
        return false;
    }
    if (IsA(node, Query) || IsA(node, SubLink))
        return false;
    return expression_tree_walker(node, vars_walker, context);
}

/* pull_vars_of_level -- distinct (varno, varattno) Vars of this level in node. */
List *
pull_vars_of_level(Node *node)
{
    List       *vars = NIL;

    vars_walker(node, &vars);
    return vars;
}

/* make_ands_implicit -- conjuncts of clause (NIL for NULL or constant TRUE). */
List *
make_ands_implicit(Node *clause)
{
    if (clause == NULL)
        return NIL;
    if (IsA(clause, BoolExpr) && ((BoolExpr *) clause)->boolop == AND_EXPR)
    {
        List       *result = NIL;
        ListCell   *lc;

        foreach(lc, ((BoolExpr *) clause)->args)
            result = list_concat(result, make_ands_implicit((Node *) lfirst(lc)));
        return result;
    }
    if (IsA(clause, Const) && !((Const *) clause)->constisnull &&
        DatumGetBool(((Const *) clause)->constvalue))
        return NIL;
    return list_make1(clause);
}

Node *
make_ands_explicit(List *clauses)
{
    BoolExpr   *b;

    if (clauses == NIL)
        return NULL;
    if (list_length(clauses) == 1)
        return (Node *) linitial(clauses);
    b = makeNode(BoolExpr);
    b->boolop = AND_EXPR;
    b->args = clauses;
    b->location = -1;
    return (Node *) b;
}

/* ---------------- deconstruction ---------------- */

static JoinNode *
new_joinnode(JoinNodeKind kind)
{
    JoinNode   *jn = (JoinNode *) palloc0(sizeof(JoinNode));

    jn->kind = kind;
    jn->relids = relids_empty();
    return jn;
}

static List *
prep_quals(PlannerInfo *root, Node *quals)
{
    return make_ands_implicit(preprocess_expression(root, quals));
}

static JoinNode *
build_node(PlannerInfo *root, Node *jtnode)
{
    JoinNode   *jn;

    if (IsA(jtnode, RangeTblRef))
    {
        int         rti = ((RangeTblRef *) jtnode)->rtindex;

        if (rti >= RELIDS_MAX)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("too many range table entries in one query level (max %d)",
                           RELIDS_MAX - 1));
        jn = new_joinnode(JN_BASE);
        jn->rti = rti;
        relids_add(&jn->relids, rti);
        return jn;
    }
    if (IsA(jtnode, FromExpr))
    {
        FromExpr   *f = (FromExpr *) jtnode;
        ListCell   *lc;

        jn = new_joinnode(JN_INNER);
        foreach(lc, f->fromlist)
        {
            JoinNode   *child = build_node(root, (Node *) lfirst(lc));

            /* inner joins below merge into this level */
            if (child->kind == JN_INNER)
            {
                jn->items = list_concat(jn->items, child->items);
                jn->pending = list_concat(jn->pending, child->pending);
            }
            else
                jn->items = lappend(jn->items, child);
            jn->relids = relids_union(jn->relids, child->relids);
        }
        jn->pending = list_concat(jn->pending, prep_quals(root, f->quals));
        return jn;
    }
    if (IsA(jtnode, JoinExpr))
    {
        JoinExpr   *j = (JoinExpr *) jtnode;
        JoinNode   *l = build_node(root, j->larg);
        JoinNode   *r = build_node(root, j->rarg);

        if (j->jointype == JOIN_INNER)
        {
            jn = new_joinnode(JN_INNER);
            {
                JoinNode   *parts[2] = {l, r};

                for (int i = 0; i < 2; i++)
                {
                    if (parts[i]->kind == JN_INNER)
                    {
                        jn->items = list_concat(jn->items, parts[i]->items);
                        jn->pending = list_concat(jn->pending, parts[i]->pending);
                    }
                    else
                        jn->items = lappend(jn->items, parts[i]);
                }
            }
            jn->relids = relids_union(l->relids, r->relids);
            jn->pending = list_concat(jn->pending, prep_quals(root, j->quals));
            return jn;
        }
        if (j->jointype != JOIN_LEFT && j->jointype != JOIN_RIGHT && j->jointype != JOIN_FULL)
            elog(ERROR, "unexpected join type %d in the join tree", (int) j->jointype);
        jn = new_joinnode(JN_OUTER);
        if (j->jointype == JOIN_RIGHT)
        {
            JoinNode   *t = l;

            l = r;
            r = t;
            jn->jointype = JOIN_LEFT;
        }
        else
            jn->jointype = j->jointype;
        jn->left = l;
        jn->right = r;
        jn->relids = relids_union(l->relids, r->relids);
        jn->pending = prep_quals(root, j->quals);
        return jn;
    }
    elog(ERROR, "unrecognized join tree node %d", (int) nodeTag(jtnode));
    return NULL;
}

static void distribute_all(JoinNode *jn);

/* Place qual (a WHERE-like condition) at or below jn. */
static void
distribute_qual(JoinNode *jn, Node *qual, Relids qr)
{
    ListCell   *lc;

    switch (jn->kind)
    {
        case JN_BASE:
            jn->quals = lappend(jn->quals, qual);
            return;
        case JN_INNER:
            if (!relids_is_empty(qr))
            {
                foreach(lc, jn->items)
                {
                    JoinNode   *item = (JoinNode *) lfirst(lc);

                    if (relids_subset(qr, item->relids))
                    {
                        distribute_qual(item, qual, qr);
                        return;
                    }
                }
            }
            jn->quals = lappend(jn->quals, qual);
            return;
        case JN_OUTER:
            if (jn->jointype == JOIN_LEFT && !relids_is_empty(qr) &&
                relids_subset(qr, jn->left->relids))
                distribute_qual(jn->left, qual, qr);
            else
                jn->filterquals = lappend(jn->filterquals, qual);
            return;
    }
}

static void
distribute_all(JoinNode *jn)
{
    ListCell   *lc;
    List       *pending = jn->pending;

    jn->pending = NIL;
    switch (jn->kind)
    {
        case JN_BASE:
            jn->quals = list_concat(jn->quals, pending);
            return;
        case JN_INNER:
            foreach(lc, pending)
            {
                Node       *q = (Node *) lfirst(lc);

                distribute_qual(jn, q, pull_varnos(q));
            }
            foreach(lc, jn->items)
                distribute_all((JoinNode *) lfirst(lc));
            return;
        case JN_OUTER:
            foreach(lc, pending)
            {
                Node       *q = (Node *) lfirst(lc);
                Relids      qr = pull_varnos(q);

                if (jn->jointype == JOIN_LEFT && !relids_is_empty(qr) &&
                    relids_subset(qr, jn->right->relids))
                    distribute_qual(jn->right, q, qr);
                else
                    jn->joinquals = lappend(jn->joinquals, q);
            }
            distribute_all(jn->left);
            distribute_all(jn->right);
            return;
    }
}

/*
 * deconstruct_jointree -- the query's FROM/WHERE as a JoinNode tree with
 * every condition preprocessed (sublinks planned, constants folded) and
 * placed.  An empty FROM yields a JN_INNER with no items.
 */
JoinNode *
deconstruct_jointree(PlannerInfo *root)
{
    JoinNode   *top = build_node(root, (Node *) root->parse->jointree);

    if (top->kind != JN_INNER)
    {
        JoinNode   *wrap = new_joinnode(JN_INNER);

        wrap->items = list_make1(top);
        wrap->relids = top->relids;
        top = wrap;
    }
    distribute_all(top);
    return top;
}
