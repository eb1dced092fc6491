/*
 * analyze.c
 *     Parse analysis entry points and SELECT: raw statements -> Query.
 * Entry points: parse_analyze(), parse_analyze_varparams(),
 * AnalyzeColumnDefault(), AnalyzeExpressionForRelation(),
 * QueryResultDesc(); internally AnalyzeStmt()/AnalyzeSubStmt().
 * The Query shapes produced are documented in README.md ("Analysis").
 *
 * Memory: everything is allocated in the caller's CurrentMemoryContext
 * (normally the per-message context); nothing is cached across calls.
 * Relations are opened with table_open() in the mode the statement needs
 * and closed with NoLock, so the lock lasts until transaction end.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"
#include "parser/parser.h"
#include "utils/relcache.h"

ParseState *
ParseStateCreate(ParseState *parent)
{
    ParseState *ps = palloc0(sizeof(ParseState));

    ps->parent = parent;
    if (parent)
    {
        ps->sourcetext = parent->sourcetext;
        ps->params = parent->params;
    }
    ps->next_resno = 1;
    ps->resolve_unknowns = true;
    return ps;
}

/* ParserErrPos -- errposition() argument for a byte offset (0: none). */
int
ParserErrPos(ParseState *pstate, int location)
{
    if (pstate == NULL || pstate->sourcetext == NULL || location < 0)
        return 0;
    return ParserErrorPosition(pstate->sourcetext, location);
}

static Query *
transform_select(ParseState *pstate, SelectStmt *stmt)
{
    Query      *qry = makeNode(Query);
    Node       *qual;
    FromExpr   *jt;

    qry->commandType = CMD_SELECT;
    if (stmt->withClause)
    {
        qry->hasRecursive = stmt->withClause->recursive;
        qry->cteList = TransformWithClause(pstate, stmt->withClause);
    }
    if (stmt->intoClause)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("SELECT INTO is not supported"),
                errhint("Use CREATE TABLE ... AS SELECT instead."));
    if (stmt->limitOption == LIMIT_OPTION_WITH_TIES)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("FETCH FIRST ... WITH TIES is not supported"));
    pstate->locking_clause = stmt->lockingClause;
    pstate->windowdefs = list_copy(stmt->windowClause);
    TransformFromClause(pstate, stmt->fromClause);
    qry->targetList = TransformTargetList(pstate, stmt->targetList, EXPR_KIND_SELECT_TARGET);
    MarkTargetListOrigins(pstate, qry->targetList);
    qual = TransformWhereClause(pstate, stmt->whereClause, EXPR_KIND_WHERE, "WHERE");
    qry->havingQual = TransformWhereClause(pstate, stmt->havingClause, EXPR_KIND_HAVING,
                                           "HAVING");
    qry->sortClause = TransformSortClause(pstate, stmt->sortClause, &qry->targetList,
                                          EXPR_KIND_ORDER_BY, false);
    qry->groupClause = TransformGroupClause(pstate, stmt->groupClause, &qry->targetList,
                                            qry->sortClause);
    if (stmt->distinctClause == NIL)
        qry->distinctClause = NIL;
    else if (linitial(stmt->distinctClause) == NULL)
        qry->distinctClause = TransformDistinctClause(pstate, &qry->targetList,
                                                      qry->sortClause);
    else
    {
        qry->distinctClause = TransformDistinctOnClause(pstate, stmt->distinctClause,
                                                        &qry->targetList, qry->sortClause);
        qry->hasDistinctOn = true;
    }
    qry->limitOffset = TransformLimitClause(pstate, stmt->limitOffset, EXPR_KIND_OFFSET,
                                            "OFFSET");
    qry->limitCount = TransformLimitClause(pstate, stmt->limitCount, EXPR_KIND_LIMIT, "LIMIT");
    /* after every window function has been seen */
    qry->windowClause = TransformWindowDefinitions(pstate, pstate->windowdefs, &qry->targetList);
    if (pstate->resolve_unknowns)
        ResolveTargetListUnknowns(pstate, qry->targetList);

    qry->rtable = pstate->rtable;
    jt = makeNode(FromExpr);
    jt->fromlist = pstate->joinlist;
    jt->quals = qual;
    qry->jointree = jt;
    qry->hasSubLinks = pstate->has_sublinks;
    qry->hasTargetSRFs = pstate->has_target_srfs;
    qry->hasAggs = pstate->has_aggs;
    qry->hasWindowFuncs = pstate->has_window_funcs;
    CheckAggregatesAndGrouping(pstate, qry);
    if (stmt->lockingClause != NIL)
        TransformLockingClause(pstate, qry, stmt->lockingClause);
    return qry;
}

static Query *
make_utility_query(Node *stmt)
{
    Query      *q = makeNode(Query);

    q->commandType = CMD_UTILITY;
    q->utilityStmt = stmt;
    return q;
}

/* AnalyzeStmt -- analyze one raw statement in pstate (a fresh level). */
Query *
AnalyzeStmt(ParseState *pstate, Node *parse_tree)
{
    switch (nodeTag(parse_tree))
    {
        case T_SelectStmt:
        {
            SelectStmt *s = (SelectStmt *) parse_tree;

            if (s->op != SETOP_NONE)
                return TransformSetOperationStmt(pstate, s);
            if (s->valuesLists != NIL)
                return TransformValuesStmt(pstate, s);
            return transform_select(pstate, s);
        }
        case T_InsertStmt:
            return TransformInsertStmt(pstate, (InsertStmt *) parse_tree);
        case T_UpdateStmt:
            return TransformUpdateStmt(pstate, (UpdateStmt *) parse_tree);
        case T_DeleteStmt:
            return TransformDeleteStmt(pstate, (DeleteStmt *) parse_tree);
        default:
            return make_utility_query(parse_tree);
    }
}

/*
 * AnalyzeSubStmt -- a nested query level (sublink, FROM subquery, CTE,
 * set-operation leaf) whose outer level is parent.
 */
Query *
AnalyzeSubStmt(ParseState *parent, Node *parse_tree, CommonTableExpr *parent_cte,
               bool locked_from_parent, bool resolve_unknowns)
{
    ParseState *ps = ParseStateCreate(parent);

    ps->parent_cte = parent_cte;
    ps->locked_from_parent = locked_from_parent;
    ps->resolve_unknowns = resolve_unknowns;
    return AnalyzeStmt(ps, parse_tree);
}

static Query *
analyze_top(RawStmt *raw, const char *query_string, ParseParamState *params)
{
    ParseState *ps = ParseStateCreate(NULL);
    Query      *q;

    ps->sourcetext = query_string;
    ps->params = params;
    q = AnalyzeStmt(ps, raw->stmt);
    q->stmt_location = raw->stmt_location;
    q->stmt_len = raw->stmt_len;
    return q;
}

Query *
parse_analyze(RawStmt *raw, const char *query_string, Oid *param_types, int num_params)
{
    ParseParamState params;

    params.types = param_types;
    params.count = param_types ? num_params : 0;
    params.variable = false;
    return analyze_top(raw, query_string, &params);
}

/* give every $n Param the type finally inferred for it */
static bool
fix_param_types_walker(Node *node, void *ctx)
{
    ParseParamState *ps = ctx;

    if (node == NULL)
        return false;
    if (IsA(node, Param))
    {
        Param      *p = (Param *) node;

        if (p->paramkind == PARAM_EXTERN && p->paramtype == UNKNOWNOID &&
            p->paramid >= 1 && p->paramid <= ps->count)
            p->paramtype = ps->types[p->paramid - 1];
        return false;
    }
    if (IsA(node, Query))
        return query_tree_walker((Query *) node, fix_param_types_walker, ctx);
    return expression_tree_walker(node, fix_param_types_walker, ctx);
}

Query *
parse_analyze_varparams(RawStmt *raw, const char *query_string, Oid **param_types,
                        int *num_params)
{
    ParseParamState params;
    Query      *q;

    params.types = palloc(sizeof(Oid) * Max(*num_params, 1));
    for (int i = 0; i < *num_params; i++)
        params.types[i] = (*param_types)[i] == InvalidOid ? UNKNOWNOID : (*param_types)[i];
    params.count = *num_params;
    params.variable = true;
    q = analyze_top(raw, query_string, &params);
    for (int i = 0; i < params.count; i++)
        if (params.types[i] == UNKNOWNOID || params.types[i] == InvalidOid)
            ereport(ERROR, errcode(ERRCODE_INDETERMINATE_DATATYPE),
                    errmsg("could not determine data type of parameter $%d", i + 1));
    if (q->commandType != CMD_UTILITY)
        fix_param_types_walker((Node *) q, &params);
    *param_types = params.types;
    *num_params = params.count;
    return q;
}

/* the expression of "SELECT <expr>" parsed from text */
static Node *
parse_single_expression(const char *expr_sql)
{
    char       *sql = psprintf("SELECT %s", expr_sql);
    List       *raws = RawParser(sql);
    SelectStmt *sel;

    if (list_length(raws) != 1)
        elog(ERROR, "invalid expression text: %s", expr_sql);
    sel = (SelectStmt *) ((RawStmt *) linitial(raws))->stmt;
    if (!IsA(sel, SelectStmt) || list_length(sel->targetList) != 1 || sel->fromClause != NIL)
        elog(ERROR, "invalid expression text: %s", expr_sql);
    return ((ResTarget *) linitial(sel->targetList))->val;
}

Node *
AnalyzeColumnDefault(Relation rel, int attnum)
{
    const char *text = RelationGetColumnDefault(rel, attnum);
    AttributeData *att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);
    ParseState *ps;
    Node       *expr;
    Node       *result;
    Oid         type;

    if (text == NULL)
        return NULL;
    ps = ParseStateCreate(NULL);
    ps->sourcetext = NULL;
    expr = TransformExpr(ps, parse_single_expression(text), EXPR_KIND_COLUMN_DEFAULT);
    type = exprType(expr);
    result = CoerceToTarget(ps, expr, type, att->atttypid, att->atttypmod, COERCION_ASSIGNMENT,
                            COERCE_IMPLICIT_CAST, -1);
    if (result == NULL)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("column \"%s\" is of type %s but default expression is of type %s",
                       att->attname.data, FormatTypeName(att->atttypid), FormatTypeName(type)),
                errhint("You will need to rewrite or cast the expression."));
    return result;
}

Node *
AnalyzeExpressionForRelation(const char *expr_sql, Relation rel, const char *context_name)
{
    ParseState *ps = ParseStateCreate(NULL);
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    TupleDesc   desc = RelationGetDescr(rel);
    List       *names = NIL;
    int         rtindex;

    (void) context_name;
    for (int i = 0; i < desc->natts; i++)
    {
        AttributeData *att = TupleDescAttr(desc, i);

        names = lappend(names, makeString(att->attisdropped ? "" : pstrdup(att->attname.data)));
        rte->coltypes = lappend_oid(rte->coltypes, att->atttypid);
        rte->coltypmods = lappend_int(rte->coltypmods, att->atttypmod);
    }
    rte->rtekind = RTE_RELATION;
    rte->relid = RelationGetRelid(rel);
    rte->relkind = rel->rd_relkind;
    rte->rellockmode = AccessShareLock;
    rte->eref = MakeAlias(RelationGetRelationName(rel), names);
    rte->inFromCl = true;
    AddRangeTableEntry(ps, rte, &rtindex);
    ps->namespace = list_make1(MakeNamespaceItem(rte, rtindex, true, true));
    ps->sourcetext = NULL;
    return TransformExpr(ps, parse_single_expression(expr_sql), EXPR_KIND_CHECK_CONSTRAINT);
}

Node *
AnalyzePartitionBoundValue(Node *raw, int location, const char *query_string, Oid typid,
                           int32 typmod, const char *colname)
{
    ParseState *ps = ParseStateCreate(NULL);
    Node       *expr;
    Node       *result;
    Oid         type;

    ps->sourcetext = query_string;
    expr = TransformExpr(ps, raw, EXPR_KIND_PARTITION_BOUND);
    type = exprType(expr);
    result = CoerceToTarget(ps, expr, type, typid, typmod, COERCION_ASSIGNMENT,
                            COERCE_IMPLICIT_CAST, location);
    if (result == NULL)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("specified value cannot be cast to type %s for column \"%s\"",
                       FormatTypeName(typid), colname),
                errposition(ParserErrPos(ps, location)));
    return result;
}

TupleDesc
QueryResultDesc(const Query *query)
{
    const List *tlist;
    TupleDesc   desc;
    int         n = 0;
    int         i = 0;
    ListCell   *lc;

    if (query->commandType == CMD_SELECT)
        tlist = query->targetList;
    else if (query->commandType == CMD_INSERT || query->commandType == CMD_UPDATE ||
             query->commandType == CMD_DELETE)
        tlist = query->returningList;
    else
        return NULL;
    if (query->commandType != CMD_SELECT && tlist == NIL)
        return NULL;
    foreach(lc, tlist)
        if (!((TargetEntry *) lfirst(lc))->resjunk)
            n++;
    desc = CreateTemplateTupleDesc(n);
    foreach(lc, tlist)
    {
        TargetEntry *tle = lfirst(lc);

        if (tle->resjunk)
            continue;
        i++;
        TupleDescInitEntry(desc, i, tle->resname ? tle->resname : "?column?",
                           exprType((Node *) tle->expr), exprTypmod((Node *) tle->expr));
    }
    return desc;
}
