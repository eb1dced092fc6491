/*
 * parse_target.c
 *     Target lists: SELECT lists with "*" expansion, output column names as
 *     PostgreSQL chooses them, origins for RowDescription, unknown-literal
 *     resolution, and assignment of values to INSERT/UPDATE columns.
 * Entry points: TransformTargetList(), FigureColname(),
 * MarkTargetListOrigins(), ResolveTargetListUnknowns(),
 * TransformExpressionList(), TransformAssignedExpr(), MakeTargetEntry().
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

TargetEntry *
MakeTargetEntry(Node *expr, int resno, char *name, bool junk)
{
    TargetEntry *tle = makeNode(TargetEntry);

    tle->expr = expr;
    tle->resno = (int16) resno;
    tle->resname = name;
    tle->resjunk = junk;
    return tle;
}

TargetEntry *
FindTargetEntry(List *tlist, int resno)
{
    ListCell   *lc;

    foreach(lc, tlist)
        if (((TargetEntry *) lfirst(lc))->resno == resno)
            return lfirst(lc);
    return NULL;
}

static int figure_colname(Node *node, char **name);

/* the name of a sub-SELECT's first output column (raw tree) */
static int
figure_subselect_colname(Node *sel, char **name)
{
    SelectStmt *stmt = (SelectStmt *) sel;

    while (stmt && IsA(stmt, SelectStmt) && stmt->op != SETOP_NONE)
        stmt = stmt->larg;
    if (stmt == NULL || !IsA(stmt, SelectStmt))
        return 0;
    if (stmt->valuesLists != NIL)
    {
        *name = "column1";
        return 2;
    }
    if (stmt->targetList != NIL)
    {
        ResTarget  *rt = linitial(stmt->targetList);

        if (rt->name)
            *name = rt->name;
        else
            *name = FigureColname(rt->val);
        return 2;
    }
    return 0;
}

/*
 * figure_colname -- PostgreSQL's naming rules: 2 for a strong name
 * (column, function), 1 for a weak one (type of a cast, "case"), 0 for
 * none.
 */
static int
figure_colname(Node *node, char **name)
{
    int         strength;

    if (node == NULL)
        return 0;
    switch (nodeTag(node))
    {
        case T_ColumnRef:
        {
            ColumnRef  *c = (ColumnRef *) node;
            char       *fname = NULL;
            ListCell   *lc;

            foreach(lc, c->fields)
                if (IsA(lfirst(lc), String))
                    fname = strVal(lfirst(lc));
            if (fname)
            {
                *name = fname;
                return 2;
            }
            return 0;
        }
        case T_A_Indirection:
        {
            A_Indirection *ind = (A_Indirection *) node;
            char       *fname = NULL;
            ListCell   *lc;

            foreach(lc, ind->indirection)
            {
                if (IsA(lfirst(lc), A_Star))
                    fname = NULL;
                else if (IsA(lfirst(lc), String))
                    fname = strVal(lfirst(lc));
            }
            if (fname)
            {
                *name = fname;
                return 2;
            }
            return figure_colname(ind->arg, name);
        }
        case T_FuncCall:
            *name = strVal(llast(((FuncCall *) node)->funcname));
            return 2;
        case T_TypeCast:
            strength = figure_colname(((TypeCast *) node)->arg, name);
            if (strength <= 1 && ((TypeCast *) node)->typeName != NULL)
            {
                *name = strVal(llast(((TypeCast *) node)->typeName->names));
                return 1;
            }
            return strength;
        case T_CollateClause:
            return figure_colname(((CollateClause *) node)->arg, name);
        case T_A_ArrayExpr:
            *name = "array";
            return 2;
        case T_RawRowExpr:
            *name = "row";
            return 2;
        case T_RawCoalesceExpr:
            *name = "coalesce";
            return 2;
        case T_RawNullIfExpr:
            *name = "nullif";
            return 2;
        case T_RawMinMaxExpr:
            *name = ((RawMinMaxExpr *) node)->op == RAW_IS_GREATEST ? "greatest" : "least";
            return 2;
        case T_RawCaseExpr:
            strength = figure_colname(((RawCaseExpr *) node)->defresult, name);
            if (strength <= 1)
            {
                *name = "case";
                return 1;
            }
            return strength;
        case T_RawSubLink:
            switch (((RawSubLink *) node)->subLinkType)
            {
                case RAW_EXISTS_SUBLINK:
                    *name = "exists";
                    return 2;
                case RAW_ARRAY_SUBLINK:
                    *name = "array";
                    return 2;
                case RAW_EXPR_SUBLINK:
                    return figure_subselect_colname(((RawSubLink *) node)->subselect, name);
                default:
                    return 0;
            }
        case T_RawSQLValueFunction:
            switch (((RawSQLValueFunction *) node)->op)
            {
                case RAW_SVFOP_CURRENT_DATE:
                    *name = "current_date";
                    break;
                case RAW_SVFOP_CURRENT_TIME:
                case RAW_SVFOP_CURRENT_TIME_N:
                    *name = "current_time";
                    break;
                case RAW_SVFOP_CURRENT_TIMESTAMP:
                case RAW_SVFOP_CURRENT_TIMESTAMP_N:
                    *name = "current_timestamp";
                    break;
                case RAW_SVFOP_LOCALTIME:
                case RAW_SVFOP_LOCALTIME_N:
                    *name = "localtime";
                    break;
                case RAW_SVFOP_LOCALTIMESTAMP:
                case RAW_SVFOP_LOCALTIMESTAMP_N:
                    *name = "localtimestamp";
                    break;
                case RAW_SVFOP_CURRENT_ROLE:
                    *name = "current_role";
                    break;
                case RAW_SVFOP_CURRENT_USER:
                    *name = "current_user";
                    break;
                case RAW_SVFOP_USER:
                    *name = "user";
                    break;
                case RAW_SVFOP_SESSION_USER:
                    *name = "session_user";
                    break;
                case RAW_SVFOP_CURRENT_CATALOG:
                    *name = "current_catalog";
                    break;
                default:
                    *name = "current_schema";
                    break;
            }
            return 2;
        default:
            return 0;
    }
}

/* FigureColname -- the output name of a raw select-list expression. */
char *
FigureColname(Node *node)
{
    char       *name = NULL;

    if (figure_colname(node, &name) > 0 && name != NULL)
        return pstrdup(name);
    return pstrdup("?column?");
}

/*
 * TransformTargetList -- analyze a list of ResTarget in clause kind,
 * expanding "*" and "t.*".  Resnos continue from pstate->next_resno.
 */
List *
TransformTargetList(ParseState *pstate, List *targetlist, ParseExprKind kind)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, targetlist)
    {
        ResTarget  *rt = lfirst(lc);
        List       *expanded = NIL;

        if (IsA(rt->val, ColumnRef) && IsA(llast(((ColumnRef *) rt->val)->fields), A_Star))
        {
            ColumnRef  *cref = (ColumnRef *) rt->val;
            int         nfields = list_length(cref->fields);

            if (nfields == 1)
                expanded = ExpandAllStar(pstate, cref->location);
            else
            {
                const char *relname = strVal(list_nth(cref->fields, nfields - 2));
                const char *schema = nfields >= 3 ? strVal(list_nth(cref->fields, nfields - 3))
                    : NULL;
                int         sublevels = 0;
                ParseNamespaceItem *nsi = FindRelationInNamespace(pstate, schema, relname,
                                                                  cref->location, &sublevels);

                if (nsi == NULL)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("missing FROM-clause entry for table \"%s\"", relname),
                            errposition(ParserErrPos(pstate, cref->location)));
                expanded = ExpandNamespaceItem(pstate, nsi, sublevels, cref->location, true);
            }
            {
                ListCell   *lc2;

                foreach(lc2, expanded)
                {
                    TargetEntry *tle = lfirst(lc2);

                    tle->resno = (int16) pstate->next_resno++;
                    result = lappend(result, tle);
                }
            }
            continue;
        }
        {
            Node       *expr = TransformExpr(pstate, rt->val, kind);
            char       *name = rt->name ? pstrdup(rt->name) : FigureColname(rt->val);

            result = lappend(result, MakeTargetEntry(expr, pstate->next_resno++, name, false));
        }
    }
    return result;
}

/* origin of a Var through subqueries, for RowDescription */
static void
set_origin(ParseState *pstate, TargetEntry *tle, List *rtable, Var *v)
{
    RangeTblEntry *rte;

    if (v->varlevelsup != 0 || v->varno < 1 || v->varno > list_length(rtable))
        return;
    rte = list_nth(rtable, v->varno - 1);
    if (rte->rtekind == RTE_RELATION)
    {
        tle->resorigtbl = rte->relid;
        tle->resorigcol = v->varattno;
    }
    else if (rte->rtekind == RTE_SUBQUERY && rte->subquery && v->varattno > 0)
    {
        TargetEntry *sub = FindTargetEntry(rte->subquery->targetList, v->varattno);

        if (rte->relkind == RELKIND_VIEW && OidIsValid(rte->relid))
        {
            tle->resorigtbl = rte->relid;
            tle->resorigcol = v->varattno;
        }
        else if (sub && sub->expr && IsA(sub->expr, Var))
            set_origin(pstate, tle, rte->subquery->rtable, (Var *) sub->expr);
        else if (sub)
        {
            tle->resorigtbl = sub->resorigtbl;
            tle->resorigcol = sub->resorigcol;
        }
    }
}

/* MarkTargetListOrigins -- fill resorigtbl/resorigcol for plain column outputs. */
void
MarkTargetListOrigins(ParseState *pstate, List *tlist)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = lfirst(lc);

        if (tle->expr && IsA(tle->expr, Var))
            set_origin(pstate, tle, pstate->rtable, (Var *) tle->expr);
    }
}

/* ResolveTargetListUnknowns -- unknown-type output columns become text. */
void
ResolveTargetListUnknowns(ParseState *pstate, List *tlist)
{
    ListCell   *lc;

    foreach(lc, tlist)
    {
        TargetEntry *tle = lfirst(lc);

        if (!tle->resjunk)
            tle->expr = (void *) ResolveUnknownNode(pstate, (Node *) tle->expr);
    }
}

/*
 * TransformExpressionList -- a VALUES row or INSERT source list; with
 * allow_default, DEFAULT becomes a SetToDefault (typed by the caller).
 */
List *
TransformExpressionList(ParseState *pstate, List *exprs, ParseExprKind kind, bool allow_default)
{
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, exprs)
    {
        Node       *e = lfirst(lc);

        if (allow_default && IsA(e, RawSetToDefault))
        {
            SetToDefault *d = makeNode(SetToDefault);

            d->typeId = InvalidOid;
            d->typeMod = -1;
            d->location = ((RawSetToDefault *) e)->location;
            result = lappend(result, d);
        }
        else
            result = lappend(result, TransformExpr(pstate, e, kind));
    }
    return result;
}

/*
 * TransformAssignedExpr -- coerce expr for storing into column attno of
 * the target relation (assignment rules, column typmod).  A SetToDefault
 * just takes the column's type.  42804 if no assignment cast exists.
 */
Node *
TransformAssignedExpr(ParseState *pstate, Node *expr, ParseExprKind kind, const char *colname,
                      int attno, int location)
{
    TupleDesc   desc = RelationGetDescr(pstate->target_relation);
    AttributeData *att = TupleDescAttr(desc, attno - 1);
    Oid         attrtype = att->atttypid;
    int32       attrtypmod = att->atttypmod;
    Oid         type_id = exprType(expr);
    Node       *result;

    (void) kind;
    (void) location;
    if (IsA(expr, SetToDefault))
    {
        ((SetToDefault *) expr)->typeId = attrtype;
        ((SetToDefault *) expr)->typeMod = attrtypmod;
        return expr;
    }
    result = CoerceToTarget(pstate, expr, type_id, attrtype, attrtypmod, COERCION_ASSIGNMENT,
                            COERCE_IMPLICIT_CAST, -1);
    if (result == NULL)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("column \"%s\" is of type %s but expression is of type %s", colname,
                       FormatTypeName(attrtype), FormatTypeName(type_id)),
                errhint("You will need to rewrite or cast the expression."),
                errposition(ParserErrPos(pstate, exprLocation(expr))));
    return result;
}
