/*
 * nodeFuncs.c
 *     Generic operations on analyzed expression trees (nodes/primnodes.h):
 *     result type and typmod, source location, set-returning test, and the
 *     walker/mutator pair every later phase builds its tree passes on.
 * Entry points: exprType(), exprTypmod(), exprLocation(), exprIsSet(),
 * expression_tree_walker(), expression_tree_mutator(), query_tree_walker().
 * Plan nodes (600..799) are not handled here: the walkers raise the
 * internal "unrecognized node type" error for them.
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/value.h"
#include "utils/elog.h"

/* The ctid system column's type (see parser/analyze.h). */
#define NODEFUNCS_TIDOID 27

/*
 * exprType -- the result type of an analyzed expression.  NULL has no type
 * (InvalidOid).  A SubLink's type depends on its kind; for EXPR/ARRAY the
 * subquery's first output column decides.
 */
Oid
exprType(const Node *expr)
{
    if (expr == NULL)
        return InvalidOid;
    switch (nodeTag(expr))
    {
        case T_Var:
            return ((const Var *) expr)->vartype;
        case T_Const:
            return ((const Const *) expr)->consttype;
        case T_Param:
            return ((const Param *) expr)->paramtype;
        case T_FuncExpr:
            return ((const FuncExpr *) expr)->funcresulttype;
        case T_OpExpr:
        case T_DistinctExpr:
            return ((const OpExpr *) expr)->opresulttype;
        case T_NullIfExpr:
            /* NULLIF returns its first argument's type */
            return exprType(linitial(((const OpExpr *) expr)->args));
        case T_ScalarArrayOpExpr:
        case T_BoolExpr:
        case T_NullTest:
        case T_BooleanTest:
            return BOOLOID;
        case T_SubLink:
        {
            const SubLink *s = (const SubLink *) expr;

            if (s->subLinkType == EXPR_SUBLINK || s->subLinkType == ARRAY_SUBLINK)
            {
                const Query *q = (const Query *) s->subselect;
                Oid         t = InvalidOid;

                for (int i = 0; i < list_length(q->targetList); i++)
                {
                    const TargetEntry *tle = list_nth(q->targetList, i);

                    if (!tle->resjunk)
                    {
                        t = exprType((Node *) tle->expr);
                        break;
                    }
                }
                if (s->subLinkType == ARRAY_SUBLINK)
                    return TypeArrayOf(t);
                return t;
            }
            return BOOLOID;
        }
        case T_SubPlan:
        {
            const SubPlan *sp = (const SubPlan *) expr;

            if (sp->subLinkType == EXPR_SUBLINK)
                return sp->firstColType;
            if (sp->subLinkType == ARRAY_SUBLINK)
                return TypeArrayOf(sp->firstColType);
            return BOOLOID;
        }
        case T_CaseExpr:
            return ((const CaseExpr *) expr)->casetype;
        case T_CaseTestExpr:
            return ((const CaseTestExpr *) expr)->typeId;
        case T_Aggref:
            return ((const Aggref *) expr)->aggtype;
        case T_WindowFunc:
            return ((const WindowFunc *) expr)->wintype;
        case T_CoalesceExpr:
            return ((const CoalesceExpr *) expr)->coalescetype;
        case T_MinMaxExpr:
            return ((const MinMaxExpr *) expr)->minmaxtype;
        case T_RelabelType:
            return ((const RelabelType *) expr)->resulttype;
        case T_CoerceViaIO:
            return ((const CoerceViaIO *) expr)->resulttype;
        case T_ArrayExpr:
            return ((const ArrayExpr *) expr)->array_typeid;
        case T_RowExpr:
            return ((const RowExpr *) expr)->row_typeid;
        case T_SubscriptExpr:
            return ((const SubscriptExpr *) expr)->resulttype;
        case T_SetToDefault:
            return ((const SetToDefault *) expr)->typeId;
        case T_TargetEntry:
            return exprType((Node *) ((const TargetEntry *) expr)->expr);
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(expr));
    }
    (void) NODEFUNCS_TIDOID;
    return InvalidOid;
}

/* exprTypmod -- the typmod of an expression's result, -1 if not known. */
int32
exprTypmod(const Node *expr)
{
    if (expr == NULL)
        return -1;
    switch (nodeTag(expr))
    {
        case T_Var:
            return ((const Var *) expr)->vartypmod;
        case T_Const:
            return ((const Const *) expr)->consttypmod;
        case T_Param:
            return ((const Param *) expr)->paramtypmod;
        case T_FuncExpr:
            return ((const FuncExpr *) expr)->funcresulttypmod;
        case T_NullIfExpr:
            return exprTypmod(linitial(((const OpExpr *) expr)->args));
        case T_SubLink:
        {
            const SubLink *s = (const SubLink *) expr;

            if (s->subLinkType == EXPR_SUBLINK)
            {
                const Query *q = (const Query *) s->subselect;

                for (int i = 0; i < list_length(q->targetList); i++)
                {
                    const TargetEntry *tle = list_nth(q->targetList, i);

                    if (!tle->resjunk)
                        return exprTypmod((Node *) tle->expr);
                }
            }
            return -1;
        }
        case T_SubPlan:
        {
            const SubPlan *sp = (const SubPlan *) expr;

            return sp->subLinkType == EXPR_SUBLINK ? sp->firstColTypmod : -1;
        }
        case T_CaseExpr:
        {
            /* all branches must agree for the CASE to have a typmod */
            const CaseExpr *c = (const CaseExpr *) expr;
            Oid         t = c->casetype;
            int32       tm;
            ListCell   *lc;

            if (!c->defresult || exprType(c->defresult) != t)
                return -1;
            tm = exprTypmod(c->defresult);
            if (tm < 0)
                return -1;
            foreach(lc, c->args)
            {
                const CaseWhen *w = lfirst(lc);

                if (exprType(w->result) != t || exprTypmod(w->result) != tm)
                    return -1;
            }
            return tm;
        }
        case T_CaseTestExpr:
            return ((const CaseTestExpr *) expr)->typeMod;
        case T_CoalesceExpr:
        case T_MinMaxExpr:
        {
            const List *args = IsA(expr, CoalesceExpr) ? ((const CoalesceExpr *) expr)->args
                : ((const MinMaxExpr *) expr)->args;
            Oid         t = exprType(expr);
            int32       tm = -1;
            ListCell   *lc;

            foreach(lc, args)
            {
                Node       *a = lfirst(lc);

                if (exprType(a) != t)
                    return -1;
                if (foreach_current_index(lc) == 0)
                    tm = exprTypmod(a);
                else if (exprTypmod(a) != tm)
                    return -1;
            }
            return tm;
        }
        case T_RelabelType:
            return ((const RelabelType *) expr)->resulttypmod;
        case T_CoerceViaIO:
            return ((const CoerceViaIO *) expr)->resulttypmod;
        case T_SetToDefault:
            return ((const SetToDefault *) expr)->typeMod;
        case T_TargetEntry:
            return exprTypmod((Node *) ((const TargetEntry *) expr)->expr);
        default:
            return -1;
    }
}

static int
leftmost_loc(int a, int b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return Min(a, b);
}

static int
list_location(const List *l)
{
    ListCell   *lc;

    foreach(lc, l)
    {
        int         loc = exprLocation(lfirst(lc));

        if (loc >= 0)
            return loc;
    }
    return -1;
}

/*
 * exprLocation -- the leftmost known byte offset of an expression in the
 * query string, -1 if none.  For operators that is the left operand's
 * location when it is further left than the operator itself.
 */
int
exprLocation(const Node *expr)
{
    if (expr == NULL)
        return -1;
    switch (nodeTag(expr))
    {
        case T_Var:
            return ((const Var *) expr)->location;
        case T_Const:
            return ((const Const *) expr)->location;
        case T_Param:
            return ((const Param *) expr)->location;
        case T_FuncExpr:
        {
            const FuncExpr *f = (const FuncExpr *) expr;

            return leftmost_loc(f->location, list_location(f->args));
        }
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
        {
            const OpExpr *o = (const OpExpr *) expr;

            return leftmost_loc(o->location, list_location(o->args));
        }
        case T_ScalarArrayOpExpr:
        {
            const ScalarArrayOpExpr *o = (const ScalarArrayOpExpr *) expr;

            return leftmost_loc(o->location, list_location(o->args));
        }
        case T_BoolExpr:
        {
            const BoolExpr *b = (const BoolExpr *) expr;

            return leftmost_loc(b->location, list_location(b->args));
        }
        case T_SubLink:
        {
            const SubLink *s = (const SubLink *) expr;

            return leftmost_loc(exprLocation(s->testexpr), s->location);
        }
        case T_CaseExpr:
            return ((const CaseExpr *) expr)->location;
        case T_CaseWhen:
            return ((const CaseWhen *) expr)->location;
        case T_Aggref:
            return ((const Aggref *) expr)->location;
        case T_WindowFunc:
            return ((const WindowFunc *) expr)->location;
        case T_NullTest:
        {
            const NullTest *n = (const NullTest *) expr;

            return leftmost_loc(n->location, exprLocation(n->arg));
        }
        case T_BooleanTest:
        {
            const BooleanTest *n = (const BooleanTest *) expr;

            return leftmost_loc(n->location, exprLocation(n->arg));
        }
        case T_CoalesceExpr:
            return ((const CoalesceExpr *) expr)->location;
        case T_MinMaxExpr:
            return ((const MinMaxExpr *) expr)->location;
        case T_RelabelType:
        {
            const RelabelType *r = (const RelabelType *) expr;

            return leftmost_loc(r->location, exprLocation(r->arg));
        }
        case T_CoerceViaIO:
        {
            const CoerceViaIO *r = (const CoerceViaIO *) expr;

            return leftmost_loc(r->location, exprLocation(r->arg));
        }
        case T_ArrayExpr:
            return ((const ArrayExpr *) expr)->location;
        case T_RowExpr:
            return ((const RowExpr *) expr)->location;
        case T_SubscriptExpr:
        {
            const SubscriptExpr *s = (const SubscriptExpr *) expr;

            return leftmost_loc(exprLocation(s->container), s->location);
        }
        case T_SetToDefault:
            return ((const SetToDefault *) expr)->location;
        case T_TargetEntry:
            return exprLocation((Node *) ((const TargetEntry *) expr)->expr);
        case T_List:
            return list_location((const List *) expr);
        default:
            return -1;
    }
}

/* exprIsSet -- whether the expression's top node returns a set. */
bool
exprIsSet(const Node *expr)
{
    if (expr == NULL)
        return false;
    if (IsA(expr, FuncExpr))
        return ((const FuncExpr *) expr)->funcretset;
    if (IsA(expr, OpExpr))
        return ((const OpExpr *) expr)->opretset;
    return false;
}

#define WALK(n) \
    do { if ((n) != NULL && walker((Node *) (n), context)) return true; } while (0)

static bool
walk_list(List *l, bool (*walker) (Node *, void *), void *context)
{
    ListCell   *lc;

    foreach(lc, l)
        WALK(lfirst(lc));
    return false;
}

#define WALKLIST(l) do { if (walk_list((l), walker, context)) return true; } while (0)

/*
 * expression_tree_walker -- visit the immediate children of node.  Lists
 * are walked element by element (the walker never sees a List).  For
 * SubLink the testexpr is visited and the subselect Query is handed to the
 * walker as a whole, so walkers that care can call query_tree_walker.
 */
bool
expression_tree_walker(Node *node, bool (*walker) (Node *, void *), void *context)
{
    if (node == NULL)
        return false;
    switch (nodeTag(node))
    {
        case T_Var:
        case T_Const:
        case T_Param:
        case T_CaseTestExpr:
        case T_SetToDefault:
        case T_RangeTblRef:
        case T_SortGroupClause:
        case T_String:
        case T_Integer:
        case T_Float:
        case T_Boolean:
            return false;
        case T_List:
            WALKLIST((List *) node);
            return false;
        case T_IntList:
        case T_OidList:
            return false;
        case T_FuncExpr:
            WALKLIST(((FuncExpr *) node)->args);
            return false;
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
            WALKLIST(((OpExpr *) node)->args);
            return false;
        case T_ScalarArrayOpExpr:
            WALKLIST(((ScalarArrayOpExpr *) node)->args);
            return false;
        case T_BoolExpr:
            WALKLIST(((BoolExpr *) node)->args);
            return false;
        case T_SubLink:
        {
            SubLink    *s = (SubLink *) node;

            WALK(s->testexpr);
            WALK(s->subselect);
            return false;
        }
        case T_SubPlan:
        {
            SubPlan    *s = (SubPlan *) node;

            WALK(s->testexpr);
            WALKLIST(s->args);
            return false;
        }
        case T_CaseExpr:
        {
            CaseExpr   *c = (CaseExpr *) node;

            WALK(c->arg);
            WALKLIST(c->args);
            WALK(c->defresult);
            return false;
        }
        case T_CaseWhen:
            WALK(((CaseWhen *) node)->expr);
            WALK(((CaseWhen *) node)->result);
            return false;
        case T_Aggref:
        {
            Aggref     *a = (Aggref *) node;

            WALKLIST(a->args);
            WALKLIST(a->aggorder);
            WALKLIST(a->aggdistinct);
            WALK(a->aggfilter);
            return false;
        }
        case T_WindowFunc:
            WALKLIST(((WindowFunc *) node)->args);
            WALK(((WindowFunc *) node)->aggfilter);
            return false;
        case T_NullTest:
            WALK(((NullTest *) node)->arg);
            return false;
        case T_BooleanTest:
            WALK(((BooleanTest *) node)->arg);
            return false;
        case T_CoalesceExpr:
            WALKLIST(((CoalesceExpr *) node)->args);
            return false;
        case T_MinMaxExpr:
            WALKLIST(((MinMaxExpr *) node)->args);
            return false;
        case T_RelabelType:
            WALK(((RelabelType *) node)->arg);
            return false;
        case T_CoerceViaIO:
            WALK(((CoerceViaIO *) node)->arg);
            return false;
        case T_ArrayExpr:
            WALKLIST(((ArrayExpr *) node)->elements);
            return false;
        case T_RowExpr:
            WALKLIST(((RowExpr *) node)->args);
            return false;
        case T_SubscriptExpr:
            WALK(((SubscriptExpr *) node)->container);
            WALK(((SubscriptExpr *) node)->subscript);
            return false;
        case T_TargetEntry:
            WALK(((TargetEntry *) node)->expr);
            return false;
        case T_FromExpr:
            WALKLIST(((FromExpr *) node)->fromlist);
            WALK(((FromExpr *) node)->quals);
            return false;
        case T_JoinExpr:
        {
            JoinExpr   *j = (JoinExpr *) node;

            WALK(j->larg);
            WALK(j->rarg);
            WALK(j->quals);
            return false;
        }
        case T_SetOperationStmt:
            WALK(((SetOperationStmt *) node)->larg);
            WALK(((SetOperationStmt *) node)->rarg);
            return false;
        case T_OnConflictExpr:
            WALK(((OnConflictExpr *) node)->arbiterWhere);
            WALKLIST(((OnConflictExpr *) node)->onConflictSet);
            WALK(((OnConflictExpr *) node)->onConflictWhere);
            return false;
        case T_RangeTblFunction:
            WALK(((RangeTblFunction *) node)->funcexpr);
            return false;
        case T_WindowClause:
            WALK(((WindowClause *) node)->startOffset);
            WALK(((WindowClause *) node)->endOffset);
            return false;
        case T_CommonTableExpr:
            /* the walker gets the CTE's query as a whole, like a SubLink's */
            WALK(((CommonTableExpr *) node)->ctequery);
            return false;
        case T_Query:
            /* reached only when a walker hands us a Query: visit nothing */
            return false;
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(node));
    }
    return false;
}

/*
 * query_tree_walker -- visit every expression of one query level: target
 * list, WHERE/join quals, HAVING, LIMIT/OFFSET, RETURNING, ON CONFLICT,
 * sort/group clauses, and the expressions in its range table (function
 * calls, VALUES lists, join alias vars).  Subqueries in the range table and
 * CTE queries are handed to the walker as Query nodes.
 */
bool
query_tree_walker(Query *query, bool (*walker) (Node *, void *), void *context)
{
    ListCell   *lc;

    Assert(query != NULL && IsA(query, Query));
    WALKLIST(query->targetList);
    WALK(query->jointree);
    WALK(query->havingQual);
    WALK(query->limitOffset);
    WALK(query->limitCount);
    WALKLIST(query->returningList);
    WALK(query->onConflict);
    WALK(query->setOperations);
    WALKLIST(query->windowClause);
    WALKLIST(query->cteList);
    foreach(lc, query->rtable)
    {
        RangeTblEntry *rte = lfirst(lc);

        switch (rte->rtekind)
        {
            case RTE_SUBQUERY:
                WALK(rte->subquery);
                break;
            case RTE_JOIN:
                WALKLIST(rte->joinaliasvars);
                break;
            case RTE_FUNCTION:
                WALKLIST(rte->functions);
                break;
            case RTE_VALUES:
            {
                ListCell   *lc2;

                foreach(lc2, rte->values_lists)
                    WALKLIST(lfirst(lc2));
                break;
            }
            default:
                break;
        }
    }
    return false;
}

/* ---------------- mutator ---------------- */

static List *
mutate_list(List *l, Node *(*mutator) (Node *, void *), void *context)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, l)
        result = lappend(result, mutator(lfirst(lc), context));
    return result;
}

#define MUTATE(field) (newnode->field = (void *) mutator((Node *) newnode->field, context))
#define MUTATELIST(field) (newnode->field = mutate_list(newnode->field, mutator, context))
#define FLATCOPY(type) \
    type *newnode = (type *) palloc(sizeof(type)); \
    memcpy(newnode, node, sizeof(type))

/*
 * expression_tree_mutator -- a shallow copy of node whose children are
 * the mutator's results.  Leaves (Var, Const, Param, ...) are copied with
 * copyObject.  Lists are mutated element-wise.  A SubLink's subselect
 * Query is passed to the mutator as-is (the mutator decides whether to
 * descend into it).
 */
Node *
expression_tree_mutator(Node *node, Node *(*mutator) (Node *, void *), void *context)
{
    if (node == NULL)
        return NULL;
    switch (nodeTag(node))
    {
        case T_Var:
        case T_Const:
        case T_Param:
        case T_CaseTestExpr:
        case T_SetToDefault:
        case T_RangeTblRef:
        case T_SortGroupClause:
        case T_String:
        case T_Integer:
        case T_Float:
        case T_Boolean:
        case T_IntList:
        case T_OidList:
            return copyObject(node);
        case T_List:
            return (Node *) mutate_list((List *) node, mutator, context);
        case T_FuncExpr:
        {
            FLATCOPY(FuncExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
        {
            FLATCOPY(OpExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_ScalarArrayOpExpr:
        {
            FLATCOPY(ScalarArrayOpExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_BoolExpr:
        {
            FLATCOPY(BoolExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_SubLink:
        {
            FLATCOPY(SubLink);
            MUTATE(testexpr);
            MUTATE(subselect);
            return (Node *) newnode;
        }
        case T_SubPlan:
        {
            FLATCOPY(SubPlan);
            MUTATE(testexpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_CaseExpr:
        {
            FLATCOPY(CaseExpr);
            MUTATE(arg);
            MUTATELIST(args);
            MUTATE(defresult);
            return (Node *) newnode;
        }
        case T_CaseWhen:
        {
            FLATCOPY(CaseWhen);
            MUTATE(expr);
            MUTATE(result);
            return (Node *) newnode;
        }
        case T_Aggref:
        {
            FLATCOPY(Aggref);
            newnode->aggargtypes = list_copy(newnode->aggargtypes);
            MUTATELIST(args);
            MUTATELIST(aggorder);
            MUTATELIST(aggdistinct);
            MUTATE(aggfilter);
            return (Node *) newnode;
        }
        case T_WindowFunc:
        {
            FLATCOPY(WindowFunc);
            MUTATELIST(args);
            MUTATE(aggfilter);
            return (Node *) newnode;
        }
        case T_NullTest:
        {
            FLATCOPY(NullTest);
            MUTATE(arg);
            return (Node *) newnode;
        }
        case T_BooleanTest:
        {
            FLATCOPY(BooleanTest);
            MUTATE(arg);
            return (Node *) newnode;
        }
        case T_CoalesceExpr:
        {
            FLATCOPY(CoalesceExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_MinMaxExpr:
        {
            FLATCOPY(MinMaxExpr);
            MUTATELIST(args);
            return (Node *) newnode;
        }
        case T_RelabelType:
        {
            FLATCOPY(RelabelType);
            MUTATE(arg);
            return (Node *) newnode;
        }
        case T_CoerceViaIO:
        {
            FLATCOPY(CoerceViaIO);
            MUTATE(arg);
            return (Node *) newnode;
        }
        case T_ArrayExpr:
        {
            FLATCOPY(ArrayExpr);
            MUTATELIST(elements);
            return (Node *) newnode;
        }
        case T_RowExpr:
        {
            FLATCOPY(RowExpr);
            MUTATELIST(args);
            newnode->colnames = copyObject(newnode->colnames);
            return (Node *) newnode;
        }
        case T_SubscriptExpr:
        {
            FLATCOPY(SubscriptExpr);
            MUTATE(container);
            MUTATE(subscript);
            return (Node *) newnode;
        }
        case T_TargetEntry:
        {
            FLATCOPY(TargetEntry);
            MUTATE(expr);
            return (Node *) newnode;
        }
        case T_FromExpr:
        {
            FLATCOPY(FromExpr);
            MUTATELIST(fromlist);
            MUTATE(quals);
            return (Node *) newnode;
        }
        case T_JoinExpr:
        {
            FLATCOPY(JoinExpr);
            MUTATE(larg);
            MUTATE(rarg);
            MUTATE(quals);
            return (Node *) newnode;
        }
        case T_RangeTblFunction:
        {
            FLATCOPY(RangeTblFunction);
            MUTATE(funcexpr);
            return (Node *) newnode;
        }
        case T_Query:
            return node;
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(node));
    }
    return NULL;
}
