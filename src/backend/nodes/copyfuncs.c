/*
 * copyfuncs.c
 *     copyObject(): deep copy of analyzed trees (nodes/primnodes.h), value
 *     nodes and Lists.  Plans are cached and copied by later phases; plan
 *     nodes are added here when nodes/plannodes.h defines them.
 * Entry point: copyObject() (declared in nodes/nodeFuncs.h).
 *
 * Everything is allocated in CurrentMemoryContext.  Two deliberate
 * exceptions to "deep": Query.utilityStmt (a raw parse tree, read-only
 * after parsing) is shared with the source, and locations are copied as
 * they are.  Unknown node types raise the internal error
 * "unrecognized node type: %d".
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/primnodes.h"
#include "nodes/value.h"
#include "utils/builtins.h"
#include "utils/elog.h"

#define COPY_SCALAR(f) (newnode->f = from->f)
#define COPY_NODE(f) (newnode->f = copyObject(from->f))
#define COPY_STRING(f) (newnode->f = from->f ? pstrdup(from->f) : NULL)
#define COPY_RAW_POINTER(f) (newnode->f = from->f)

static Const *
copy_const(const Const *from)
{
    Const      *newnode = makeNode(Const);

    memcpy(newnode, from, sizeof(Const));
    if (!from->constisnull && !from->constbyval)
        newnode->constvalue = DatumCopy(from->constvalue, from->constbyval, from->constlen);
    return newnode;
}

static List *
copy_list(const List *from)
{
    List       *newlist = list_copy(from);

    if (nodeTag(from) == T_List)
    {
        for (int i = 0; i < newlist->length; i++)
            newlist->elements[i].ptr_value = copyObject(newlist->elements[i].ptr_value);
    }
    return newlist;
}

static Alias *
copy_alias(const Alias *from)
{
    Alias     *newnode = makeNode(Alias);
    COPY_STRING(aliasname);
    COPY_NODE(colnames);
    return newnode;
}

static RangeTblFunction *
copy_rangetblfunction(const RangeTblFunction *from)
{
    RangeTblFunction     *newnode = makeNode(RangeTblFunction);
    COPY_NODE(funcexpr);
    COPY_SCALAR(funccolcount);
    COPY_NODE(funccolnames);
    COPY_NODE(funccoltypes);
    COPY_NODE(funccoltypmods);
    return newnode;
}

static RangeTblEntry *
copy_rangetblentry(const RangeTblEntry *from)
{
    RangeTblEntry     *newnode = makeNode(RangeTblEntry);
    COPY_SCALAR(rtekind);
    COPY_SCALAR(relid);
    COPY_SCALAR(relkind);
    COPY_SCALAR(rellockmode);
    COPY_NODE(subquery);
    COPY_SCALAR(jointype);
    COPY_NODE(joinaliasvars);
    COPY_NODE(functions);
    COPY_SCALAR(funcordinality);
    COPY_NODE(values_lists);
    COPY_STRING(ctename);
    COPY_SCALAR(ctelevelsup);
    COPY_SCALAR(self_reference);
    COPY_NODE(coltypes);
    COPY_NODE(coltypmods);
    COPY_NODE(alias);
    COPY_NODE(eref);
    COPY_SCALAR(lateral);
    COPY_SCALAR(inFromCl);
    COPY_SCALAR(inh);
    return newnode;
}

static RangeTblRef *
copy_rangetblref(const RangeTblRef *from)
{
    RangeTblRef     *newnode = makeNode(RangeTblRef);
    COPY_SCALAR(rtindex);
    return newnode;
}

static JoinExpr *
copy_joinexpr(const JoinExpr *from)
{
    JoinExpr     *newnode = makeNode(JoinExpr);
    COPY_SCALAR(jointype);
    COPY_SCALAR(isNatural);
    COPY_NODE(larg);
    COPY_NODE(rarg);
    COPY_NODE(usingClause);
    COPY_NODE(quals);
    COPY_NODE(alias);
    COPY_SCALAR(rtindex);
    return newnode;
}

static FromExpr *
copy_fromexpr(const FromExpr *from)
{
    FromExpr     *newnode = makeNode(FromExpr);
    COPY_NODE(fromlist);
    COPY_NODE(quals);
    return newnode;
}

static TargetEntry *
copy_targetentry(const TargetEntry *from)
{
    TargetEntry     *newnode = makeNode(TargetEntry);
    COPY_NODE(expr);
    COPY_SCALAR(resno);
    COPY_STRING(resname);
    COPY_SCALAR(ressortgroupref);
    COPY_SCALAR(resorigtbl);
    COPY_SCALAR(resorigcol);
    COPY_SCALAR(resjunk);
    return newnode;
}

static SortGroupClause *
copy_sortgroupclause(const SortGroupClause *from)
{
    SortGroupClause     *newnode = makeNode(SortGroupClause);
    COPY_SCALAR(tleSortGroupRef);
    COPY_SCALAR(eqop);
    COPY_SCALAR(sortop);
    COPY_SCALAR(nulls_first);
    COPY_SCALAR(hashable);
    return newnode;
}

static SetOperationStmt *
copy_setoperationstmt(const SetOperationStmt *from)
{
    SetOperationStmt     *newnode = makeNode(SetOperationStmt);
    COPY_SCALAR(op);
    COPY_SCALAR(all);
    COPY_NODE(larg);
    COPY_NODE(rarg);
    COPY_NODE(colTypes);
    COPY_NODE(colTypmods);
    COPY_NODE(groupClauses);
    return newnode;
}

static CommonTableExpr *
copy_commontableexpr(const CommonTableExpr *from)
{
    CommonTableExpr     *newnode = makeNode(CommonTableExpr);
    COPY_STRING(ctename);
    COPY_NODE(aliascolnames);
    COPY_SCALAR(ctematerialized);
    COPY_NODE(ctequery);
    COPY_SCALAR(location);
    COPY_SCALAR(cterecursive);
    COPY_SCALAR(cterefcount);
    COPY_NODE(ctecolnames);
    COPY_NODE(ctecoltypes);
    COPY_NODE(ctecoltypmods);
    return newnode;
}

static RowMarkClause *
copy_rowmarkclause(const RowMarkClause *from)
{
    RowMarkClause     *newnode = makeNode(RowMarkClause);
    COPY_SCALAR(rti);
    COPY_SCALAR(strength);
    COPY_SCALAR(waitPolicy);
    return newnode;
}

static OnConflictExpr *
copy_onconflictexpr(const OnConflictExpr *from)
{
    OnConflictExpr     *newnode = makeNode(OnConflictExpr);
    COPY_SCALAR(do_update);
    COPY_NODE(arbiterAttnos);
    COPY_NODE(arbiterWhere);
    COPY_SCALAR(constraintIndex);
    COPY_NODE(onConflictSet);
    COPY_NODE(onConflictWhere);
    COPY_SCALAR(exclRelIndex);
    return newnode;
}

static Query *
copy_query(const Query *from)
{
    Query     *newnode = makeNode(Query);
    COPY_SCALAR(commandType);
    COPY_RAW_POINTER(utilityStmt);
    COPY_SCALAR(resultRelation);
    COPY_SCALAR(hasAggs);
    COPY_SCALAR(hasWindowFuncs);
    COPY_SCALAR(hasTargetSRFs);
    COPY_SCALAR(hasSubLinks);
    COPY_SCALAR(hasDistinctOn);
    COPY_SCALAR(hasRecursive);
    COPY_SCALAR(hasForUpdate);
    COPY_NODE(cteList);
    COPY_NODE(rtable);
    COPY_NODE(jointree);
    COPY_NODE(targetList);
    COPY_NODE(onConflict);
    COPY_NODE(returningList);
    COPY_NODE(groupClause);
    COPY_NODE(havingQual);
    COPY_NODE(windowClause);
    COPY_NODE(distinctClause);
    COPY_NODE(sortClause);
    COPY_NODE(limitOffset);
    COPY_NODE(limitCount);
    COPY_NODE(rowMarks);
    COPY_NODE(setOperations);
    COPY_SCALAR(stmt_location);
    COPY_SCALAR(stmt_len);
    return newnode;
}

static Var *
copy_var(const Var *from)
{
    Var     *newnode = makeNode(Var);
    COPY_SCALAR(varno);
    COPY_SCALAR(varattno);
    COPY_SCALAR(vartype);
    COPY_SCALAR(vartypmod);
    COPY_SCALAR(varlevelsup);
    COPY_SCALAR(location);
    return newnode;
}

static Param *
copy_param(const Param *from)
{
    Param     *newnode = makeNode(Param);
    COPY_SCALAR(paramkind);
    COPY_SCALAR(paramid);
    COPY_SCALAR(paramtype);
    COPY_SCALAR(paramtypmod);
    COPY_SCALAR(location);
    return newnode;
}

static FuncExpr *
copy_funcexpr(const FuncExpr *from)
{
    FuncExpr     *newnode = makeNode(FuncExpr);
    COPY_SCALAR(funcid);
    COPY_SCALAR(funcresulttype);
    COPY_SCALAR(funcresulttypmod);
    COPY_SCALAR(funcretset);
    COPY_SCALAR(funcvariadic);
    COPY_SCALAR(funcformat);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static OpExpr *
copy_opexpr(const OpExpr *from)
{
    OpExpr     *newnode = makeNode(OpExpr);
    COPY_SCALAR(opno);
    COPY_SCALAR(opfuncid);
    COPY_SCALAR(opresulttype);
    COPY_SCALAR(opretset);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static ScalarArrayOpExpr *
copy_scalararrayopexpr(const ScalarArrayOpExpr *from)
{
    ScalarArrayOpExpr     *newnode = makeNode(ScalarArrayOpExpr);
    COPY_SCALAR(opno);
    COPY_SCALAR(opfuncid);
    COPY_SCALAR(useOr);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static BoolExpr *
copy_boolexpr(const BoolExpr *from)
{
    BoolExpr     *newnode = makeNode(BoolExpr);
    COPY_SCALAR(boolop);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static SubLink *
copy_sublink(const SubLink *from)
{
    SubLink     *newnode = makeNode(SubLink);
    COPY_SCALAR(subLinkType);
    COPY_SCALAR(subLinkId);
    COPY_NODE(testexpr);
    COPY_NODE(operName);
    COPY_NODE(subselect);
    COPY_SCALAR(location);
    return newnode;
}

static SubPlan *
copy_subplan(const SubPlan *from)
{
    SubPlan     *newnode = makeNode(SubPlan);
    COPY_SCALAR(subLinkType);
    COPY_NODE(testexpr);
    COPY_NODE(paramIds);
    COPY_SCALAR(plan_id);
    COPY_STRING(plan_name);
    COPY_SCALAR(firstColType);
    COPY_SCALAR(firstColTypmod);
    COPY_SCALAR(useHashTable);
    COPY_SCALAR(unknownEqFalse);
    COPY_NODE(setParam);
    COPY_NODE(parParam);
    COPY_NODE(args);
    return newnode;
}

static CaseExpr *
copy_caseexpr(const CaseExpr *from)
{
    CaseExpr     *newnode = makeNode(CaseExpr);
    COPY_SCALAR(casetype);
    COPY_NODE(arg);
    COPY_NODE(args);
    COPY_NODE(defresult);
    COPY_SCALAR(location);
    return newnode;
}

static CaseWhen *
copy_casewhen(const CaseWhen *from)
{
    CaseWhen     *newnode = makeNode(CaseWhen);
    COPY_NODE(expr);
    COPY_NODE(result);
    COPY_SCALAR(location);
    return newnode;
}

static CaseTestExpr *
copy_casetestexpr(const CaseTestExpr *from)
{
    CaseTestExpr     *newnode = makeNode(CaseTestExpr);
    COPY_SCALAR(typeId);
    COPY_SCALAR(typeMod);
    return newnode;
}

static Aggref *
copy_aggref(const Aggref *from)
{
    Aggref     *newnode = makeNode(Aggref);
    COPY_SCALAR(aggfnoid);
    COPY_SCALAR(aggtype);
    COPY_NODE(aggargtypes);
    COPY_NODE(args);
    COPY_NODE(aggorder);
    COPY_NODE(aggdistinct);
    COPY_NODE(aggfilter);
    COPY_SCALAR(aggstar);
    COPY_SCALAR(agglevelsup);
    COPY_SCALAR(aggno);
    COPY_SCALAR(location);
    return newnode;
}

static WindowFunc *
copy_windowfunc(const WindowFunc *from)
{
    WindowFunc     *newnode = makeNode(WindowFunc);
    COPY_SCALAR(winfnoid);
    COPY_SCALAR(wintype);
    COPY_NODE(args);
    COPY_NODE(aggfilter);
    COPY_SCALAR(winref);
    COPY_SCALAR(winstar);
    COPY_SCALAR(winagg);
    COPY_SCALAR(winno);
    COPY_SCALAR(location);
    return newnode;
}

static WindowClause *
copy_windowclause(const WindowClause *from)
{
    WindowClause   *newnode = makeNode(WindowClause);
    COPY_STRING(name);
    COPY_STRING(refname);
    COPY_NODE(partitionClause);
    COPY_NODE(orderClause);
    COPY_SCALAR(frameOptions);
    COPY_NODE(startOffset);
    COPY_NODE(endOffset);
    COPY_SCALAR(winref);
    COPY_SCALAR(copiedOrder);
    return newnode;
}

static NullTest *
copy_nulltest(const NullTest *from)
{
    NullTest     *newnode = makeNode(NullTest);
    COPY_NODE(arg);
    COPY_SCALAR(nulltesttype);
    COPY_SCALAR(argisrow);
    COPY_SCALAR(location);
    return newnode;
}

static BooleanTest *
copy_booleantest(const BooleanTest *from)
{
    BooleanTest     *newnode = makeNode(BooleanTest);
    COPY_NODE(arg);
    COPY_SCALAR(booltesttype);
    COPY_SCALAR(location);
    return newnode;
}

static CoalesceExpr *
copy_coalesceexpr(const CoalesceExpr *from)
{
    CoalesceExpr     *newnode = makeNode(CoalesceExpr);
    COPY_SCALAR(coalescetype);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static MinMaxExpr *
copy_minmaxexpr(const MinMaxExpr *from)
{
    MinMaxExpr     *newnode = makeNode(MinMaxExpr);
    COPY_SCALAR(minmaxtype);
    COPY_SCALAR(op);
    COPY_NODE(args);
    COPY_SCALAR(location);
    return newnode;
}

static RelabelType *
copy_relabeltype(const RelabelType *from)
{
    RelabelType     *newnode = makeNode(RelabelType);
    COPY_NODE(arg);
    COPY_SCALAR(resulttype);
    COPY_SCALAR(resulttypmod);
    COPY_SCALAR(relabelformat);
    COPY_SCALAR(location);
    return newnode;
}

static CoerceViaIO *
copy_coerceviaio(const CoerceViaIO *from)
{
    CoerceViaIO     *newnode = makeNode(CoerceViaIO);
    COPY_NODE(arg);
    COPY_SCALAR(resulttype);
    COPY_SCALAR(resulttypmod);
    COPY_SCALAR(coerceformat);
    COPY_SCALAR(location);
    return newnode;
}

static ArrayExpr *
copy_arrayexpr(const ArrayExpr *from)
{
    ArrayExpr     *newnode = makeNode(ArrayExpr);
    COPY_SCALAR(array_typeid);
    COPY_SCALAR(element_typeid);
    COPY_NODE(elements);
    COPY_SCALAR(multidims);
    COPY_SCALAR(location);
    return newnode;
}

static RowExpr *
copy_rowexpr(const RowExpr *from)
{
    RowExpr     *newnode = makeNode(RowExpr);
    COPY_NODE(args);
    COPY_SCALAR(row_typeid);
    COPY_NODE(colnames);
    COPY_SCALAR(location);
    return newnode;
}

static SubscriptExpr *
copy_subscriptexpr(const SubscriptExpr *from)
{
    SubscriptExpr     *newnode = makeNode(SubscriptExpr);
    COPY_SCALAR(resulttype);
    COPY_NODE(container);
    COPY_NODE(subscript);
    COPY_SCALAR(location);
    return newnode;
}

static SetToDefault *
copy_settodefault(const SetToDefault *from)
{
    SetToDefault     *newnode = makeNode(SetToDefault);
    COPY_SCALAR(typeId);
    COPY_SCALAR(typeMod);
    COPY_SCALAR(location);
    return newnode;
}

/*
 * copyObject -- deep copy of from (NULL gives NULL).
 */
void *
copyObject(const void *from_ptr)
{
    const Node *from = from_ptr;

    if (from == NULL)
        return NULL;
    switch (nodeTag(from))
    {
        case T_List:
        case T_IntList:
        case T_OidList:
            return copy_list((const List *) from);
        case T_Integer:
            return makeInteger(intVal(from));
        case T_Float:
            return makeFloat(pstrdup(castNode(Float, from)->fval));
        case T_Boolean:
            return makeBoolean(boolVal(from));
        case T_String:
            return makeString(pstrdup(strVal(from)));
        case T_BitString:
            return makeBitString(pstrdup(castNode(BitString, from)->bsval));
        case T_Const:
            return copy_const((const Const *) from);
        case T_DistinctExpr:
        case T_NullIfExpr:
        {
            OpExpr     *n = copy_opexpr((const OpExpr *) from);

            NodeSetTag(n, nodeTag(from));
            return n;
        }
        case T_Alias:
            return copy_alias((const void *) from);
        case T_RangeTblFunction:
            return copy_rangetblfunction((const void *) from);
        case T_RangeTblEntry:
            return copy_rangetblentry((const void *) from);
        case T_RangeTblRef:
            return copy_rangetblref((const void *) from);
        case T_JoinExpr:
            return copy_joinexpr((const void *) from);
        case T_FromExpr:
            return copy_fromexpr((const void *) from);
        case T_TargetEntry:
            return copy_targetentry((const void *) from);
        case T_SortGroupClause:
            return copy_sortgroupclause((const void *) from);
        case T_SetOperationStmt:
            return copy_setoperationstmt((const void *) from);
        case T_CommonTableExpr:
            return copy_commontableexpr((const void *) from);
        case T_RowMarkClause:
            return copy_rowmarkclause((const void *) from);
        case T_OnConflictExpr:
            return copy_onconflictexpr((const void *) from);
        case T_Query:
            return copy_query((const void *) from);
        case T_Var:
            return copy_var((const void *) from);
        case T_Param:
            return copy_param((const void *) from);
        case T_FuncExpr:
            return copy_funcexpr((const void *) from);
        case T_OpExpr:
            return copy_opexpr((const void *) from);
        case T_ScalarArrayOpExpr:
            return copy_scalararrayopexpr((const void *) from);
        case T_BoolExpr:
            return copy_boolexpr((const void *) from);
        case T_SubLink:
            return copy_sublink((const void *) from);
        case T_SubPlan:
            return copy_subplan((const void *) from);
        case T_CaseExpr:
            return copy_caseexpr((const void *) from);
        case T_CaseWhen:
            return copy_casewhen((const void *) from);
        case T_CaseTestExpr:
            return copy_casetestexpr((const void *) from);
        case T_Aggref:
            return copy_aggref((const void *) from);
        case T_WindowFunc:
            return copy_windowfunc((const void *) from);
        case T_WindowClause:
            return copy_windowclause((const void *) from);
        case T_NullTest:
            return copy_nulltest((const void *) from);
        case T_BooleanTest:
            return copy_booleantest((const void *) from);
        case T_CoalesceExpr:
            return copy_coalesceexpr((const void *) from);
        case T_MinMaxExpr:
            return copy_minmaxexpr((const void *) from);
        case T_RelabelType:
            return copy_relabeltype((const void *) from);
        case T_CoerceViaIO:
            return copy_coerceviaio((const void *) from);
        case T_ArrayExpr:
            return copy_arrayexpr((const void *) from);
        case T_RowExpr:
            return copy_rowexpr((const void *) from);
        case T_SubscriptExpr:
            return copy_subscriptexpr((const void *) from);
        case T_SetToDefault:
            return copy_settodefault((const void *) from);
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(from));
    }
    return NULL;
}
