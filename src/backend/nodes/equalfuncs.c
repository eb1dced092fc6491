/*
 * equalfuncs.c
 *     equal(): structural equality of analyzed trees (nodes/primnodes.h),
 *     value nodes and Lists.
 * Entry point: equal() (declared in nodes/nodeFuncs.h).
 *
 * Locations are ignored: "a + 1" written twice in one query is equal to
 * itself (GROUP BY matching relies on that).  Const values compare by
 * their bytes.  Query.utilityStmt (raw, shared) compares by pointer.
 * Unknown node types raise "unrecognized node type: %d".
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/primnodes.h"
#include "nodes/value.h"
#include "utils/builtins.h"
#include "utils/elog.h"

#define COMPARE_SCALAR(f) do { if (a->f != b->f) return false; } while (0)
#define COMPARE_NODE(f) do { if (!equal(a->f, b->f)) return false; } while (0)
#define COMPARE_STRING(f) \
    do { \
        if ((a->f == NULL) != (b->f == NULL)) return false; \
        if (a->f && strcmp(a->f, b->f) != 0) return false; \
    } while (0)
#define COMPARE_RAW_POINTER(f) do { if (a->f != b->f) return false; } while (0)

static bool
equal_const(const Const *a, const Const *b)
{
    COMPARE_SCALAR(consttype);
    COMPARE_SCALAR(consttypmod);
    COMPARE_SCALAR(constlen);
    COMPARE_SCALAR(constbyval);
    COMPARE_SCALAR(constisnull);
    if (a->constisnull)
        return true;
    return DatumImageEqual(a->constvalue, b->constvalue, a->constbyval, a->constlen);
}

static bool
equal_list(const List *a, const List *b)
{
    if (a->length != b->length)
        return false;
    for (int i = 0; i < a->length; i++)
    {
        switch (nodeTag(a))
        {
            case T_List:
                if (!equal(a->elements[i].ptr_value, b->elements[i].ptr_value))
                    return false;
                break;
            case T_IntList:
                if (a->elements[i].int_value != b->elements[i].int_value)
                    return false;
                break;
            default:
                if (a->elements[i].oid_value != b->elements[i].oid_value)
                    return false;
                break;
        }
    }
    return true;
}

static bool
equal_alias(const Alias *a, const Alias *b)
{
    COMPARE_STRING(aliasname);
    COMPARE_NODE(colnames);
    return true;
}

static bool
equal_rangetblfunction(const RangeTblFunction *a, const RangeTblFunction *b)
{
    COMPARE_NODE(funcexpr);
    COMPARE_SCALAR(funccolcount);
    COMPARE_NODE(funccolnames);
    COMPARE_NODE(funccoltypes);
    COMPARE_NODE(funccoltypmods);
    return true;
}

static bool
equal_rangetblentry(const RangeTblEntry *a, const RangeTblEntry *b)
{
    COMPARE_SCALAR(rtekind);
    COMPARE_SCALAR(relid);
    COMPARE_SCALAR(relkind);
    COMPARE_SCALAR(rellockmode);
    COMPARE_NODE(subquery);
    COMPARE_SCALAR(jointype);
    COMPARE_NODE(joinaliasvars);
    COMPARE_NODE(functions);
    COMPARE_SCALAR(funcordinality);
    COMPARE_NODE(values_lists);
    COMPARE_STRING(ctename);
    COMPARE_SCALAR(ctelevelsup);
    COMPARE_SCALAR(self_reference);
    COMPARE_NODE(coltypes);
    COMPARE_NODE(coltypmods);
    COMPARE_NODE(alias);
    COMPARE_NODE(eref);
    COMPARE_SCALAR(lateral);
    COMPARE_SCALAR(inFromCl);
    COMPARE_SCALAR(inh);
    return true;
}

static bool
equal_rangetblref(const RangeTblRef *a, const RangeTblRef *b)
{
    COMPARE_SCALAR(rtindex);
    return true;
}

static bool
equal_joinexpr(const JoinExpr *a, const JoinExpr *b)
{
    COMPARE_SCALAR(jointype);
    COMPARE_SCALAR(isNatural);
    COMPARE_NODE(larg);
    COMPARE_NODE(rarg);
    COMPARE_NODE(usingClause);
    COMPARE_NODE(quals);
    COMPARE_NODE(alias);
    COMPARE_SCALAR(rtindex);
    return true;
}

static bool
equal_fromexpr(const FromExpr *a, const FromExpr *b)
{
    COMPARE_NODE(fromlist);
    COMPARE_NODE(quals);
    return true;
}

static bool
equal_targetentry(const TargetEntry *a, const TargetEntry *b)
{
    COMPARE_NODE(expr);
    COMPARE_SCALAR(resno);
    COMPARE_STRING(resname);
    COMPARE_SCALAR(ressortgroupref);
    COMPARE_SCALAR(resorigtbl);
    COMPARE_SCALAR(resorigcol);
    COMPARE_SCALAR(resjunk);
    return true;
}

static bool
equal_sortgroupclause(const SortGroupClause *a, const SortGroupClause *b)
{
    COMPARE_SCALAR(tleSortGroupRef);
    COMPARE_SCALAR(eqop);
    COMPARE_SCALAR(sortop);
    COMPARE_SCALAR(nulls_first);
    COMPARE_SCALAR(hashable);
    return true;
}

static bool
equal_setoperationstmt(const SetOperationStmt *a, const SetOperationStmt *b)
{
    COMPARE_SCALAR(op);
    COMPARE_SCALAR(all);
    COMPARE_NODE(larg);
    COMPARE_NODE(rarg);
    COMPARE_NODE(colTypes);
    COMPARE_NODE(colTypmods);
    COMPARE_NODE(groupClauses);
    return true;
}

static bool
equal_commontableexpr(const CommonTableExpr *a, const CommonTableExpr *b)
{
    COMPARE_STRING(ctename);
    COMPARE_NODE(aliascolnames);
    COMPARE_SCALAR(ctematerialized);
    COMPARE_NODE(ctequery);
    /* location: ignored */
    COMPARE_SCALAR(cterecursive);
    COMPARE_SCALAR(cterefcount);
    COMPARE_NODE(ctecolnames);
    COMPARE_NODE(ctecoltypes);
    COMPARE_NODE(ctecoltypmods);
    return true;
}

static bool
equal_rowmarkclause(const RowMarkClause *a, const RowMarkClause *b)
{
    COMPARE_SCALAR(rti);
    COMPARE_SCALAR(strength);
    COMPARE_SCALAR(waitPolicy);
    return true;
}

static bool
equal_onconflictexpr(const OnConflictExpr *a, const OnConflictExpr *b)
{
    COMPARE_SCALAR(do_update);
    COMPARE_NODE(arbiterAttnos);
    COMPARE_NODE(arbiterWhere);
    COMPARE_SCALAR(constraintIndex);
    COMPARE_NODE(onConflictSet);
    COMPARE_NODE(onConflictWhere);
    COMPARE_SCALAR(exclRelIndex);
    return true;
}

static bool
equal_query(const Query *a, const Query *b)
{
    COMPARE_SCALAR(commandType);
    COMPARE_RAW_POINTER(utilityStmt);
    COMPARE_SCALAR(resultRelation);
    COMPARE_SCALAR(hasAggs);
    COMPARE_SCALAR(hasWindowFuncs);
    COMPARE_SCALAR(hasTargetSRFs);
    COMPARE_SCALAR(hasSubLinks);
    COMPARE_SCALAR(hasDistinctOn);
    COMPARE_SCALAR(hasRecursive);
    COMPARE_SCALAR(hasForUpdate);
    COMPARE_NODE(cteList);
    COMPARE_NODE(rtable);
    COMPARE_NODE(jointree);
    COMPARE_NODE(targetList);
    COMPARE_NODE(onConflict);
    COMPARE_NODE(returningList);
    COMPARE_NODE(groupClause);
    COMPARE_NODE(havingQual);
    COMPARE_NODE(windowClause);
    COMPARE_NODE(distinctClause);
    COMPARE_NODE(sortClause);
    COMPARE_NODE(limitOffset);
    COMPARE_NODE(limitCount);
    COMPARE_NODE(rowMarks);
    COMPARE_NODE(setOperations);
    /* stmt_location: ignored */
    /* stmt_len: ignored */
    return true;
}

static bool
equal_var(const Var *a, const Var *b)
{
    COMPARE_SCALAR(varno);
    COMPARE_SCALAR(varattno);
    COMPARE_SCALAR(vartype);
    COMPARE_SCALAR(vartypmod);
    COMPARE_SCALAR(varlevelsup);
    /* location: ignored */
    return true;
}

static bool
equal_param(const Param *a, const Param *b)
{
    COMPARE_SCALAR(paramkind);
    COMPARE_SCALAR(paramid);
    COMPARE_SCALAR(paramtype);
    COMPARE_SCALAR(paramtypmod);
    /* location: ignored */
    return true;
}

static bool
equal_funcexpr(const FuncExpr *a, const FuncExpr *b)
{
    COMPARE_SCALAR(funcid);
    COMPARE_SCALAR(funcresulttype);
    COMPARE_SCALAR(funcresulttypmod);
    COMPARE_SCALAR(funcretset);
    COMPARE_SCALAR(funcvariadic);
    COMPARE_SCALAR(funcformat);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_opexpr(const OpExpr *a, const OpExpr *b)
{
    COMPARE_SCALAR(opno);
    COMPARE_SCALAR(opfuncid);
    COMPARE_SCALAR(opresulttype);
    COMPARE_SCALAR(opretset);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_scalararrayopexpr(const ScalarArrayOpExpr *a, const ScalarArrayOpExpr *b)
{
    COMPARE_SCALAR(opno);
    COMPARE_SCALAR(opfuncid);
    COMPARE_SCALAR(useOr);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_boolexpr(const BoolExpr *a, const BoolExpr *b)
{
    COMPARE_SCALAR(boolop);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_sublink(const SubLink *a, const SubLink *b)
{
    COMPARE_SCALAR(subLinkType);
    COMPARE_SCALAR(subLinkId);
    COMPARE_NODE(testexpr);
    COMPARE_NODE(operName);
    COMPARE_NODE(subselect);
    /* location: ignored */
    return true;
}

static bool
equal_subplan(const SubPlan *a, const SubPlan *b)
{
    COMPARE_SCALAR(subLinkType);
    COMPARE_NODE(testexpr);
    COMPARE_NODE(paramIds);
    COMPARE_SCALAR(plan_id);
    COMPARE_STRING(plan_name);
    COMPARE_SCALAR(firstColType);
    COMPARE_SCALAR(firstColTypmod);
    COMPARE_SCALAR(useHashTable);
    COMPARE_SCALAR(unknownEqFalse);
    COMPARE_NODE(setParam);
    COMPARE_NODE(parParam);
    COMPARE_NODE(args);
    return true;
}

static bool
equal_caseexpr(const CaseExpr *a, const CaseExpr *b)
{
    COMPARE_SCALAR(casetype);
    COMPARE_NODE(arg);
    COMPARE_NODE(args);
    COMPARE_NODE(defresult);
    /* location: ignored */
    return true;
}

static bool
equal_casewhen(const CaseWhen *a, const CaseWhen *b)
{
    COMPARE_NODE(expr);
    COMPARE_NODE(result);
    /* location: ignored */
    return true;
}

static bool
equal_casetestexpr(const CaseTestExpr *a, const CaseTestExpr *b)
{
    COMPARE_SCALAR(typeId);
    COMPARE_SCALAR(typeMod);
    return true;
}

static bool
equal_aggref(const Aggref *a, const Aggref *b)
{
    COMPARE_SCALAR(aggfnoid);
    COMPARE_SCALAR(aggtype);
    COMPARE_NODE(aggargtypes);
    COMPARE_NODE(args);
    COMPARE_NODE(aggorder);
    COMPARE_NODE(aggdistinct);
    COMPARE_NODE(aggfilter);
    COMPARE_SCALAR(aggstar);
    COMPARE_SCALAR(agglevelsup);
    COMPARE_SCALAR(aggno);
    /* location: ignored */
    return true;
}

static bool
equal_windowfunc(const WindowFunc *a, const WindowFunc *b)
{
    COMPARE_SCALAR(winfnoid);
    COMPARE_SCALAR(wintype);
    COMPARE_NODE(args);
    COMPARE_NODE(aggfilter);
    COMPARE_SCALAR(winref);
    COMPARE_SCALAR(winstar);
    COMPARE_SCALAR(winagg);
    COMPARE_SCALAR(winno);
    /* location: ignored */
    return true;
}

static bool
equal_windowclause(const WindowClause *a, const WindowClause *b)
{
    COMPARE_STRING(name);
    COMPARE_STRING(refname);
    COMPARE_NODE(partitionClause);
    COMPARE_NODE(orderClause);
    COMPARE_SCALAR(frameOptions);
    COMPARE_NODE(startOffset);
    COMPARE_NODE(endOffset);
    COMPARE_SCALAR(winref);
    COMPARE_SCALAR(copiedOrder);
    return true;
}

static bool
equal_nulltest(const NullTest *a, const NullTest *b)
{
    COMPARE_NODE(arg);
    COMPARE_SCALAR(nulltesttype);
    COMPARE_SCALAR(argisrow);
    /* location: ignored */
    return true;
}

static bool
equal_booleantest(const BooleanTest *a, const BooleanTest *b)
{
    COMPARE_NODE(arg);
    COMPARE_SCALAR(booltesttype);
    /* location: ignored */
    return true;
}

static bool
equal_coalesceexpr(const CoalesceExpr *a, const CoalesceExpr *b)
{
    COMPARE_SCALAR(coalescetype);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_minmaxexpr(const MinMaxExpr *a, const MinMaxExpr *b)
{
    COMPARE_SCALAR(minmaxtype);
    COMPARE_SCALAR(op);
    COMPARE_NODE(args);
    /* location: ignored */
    return true;
}

static bool
equal_relabeltype(const RelabelType *a, const RelabelType *b)
{
    COMPARE_NODE(arg);
    COMPARE_SCALAR(resulttype);
    COMPARE_SCALAR(resulttypmod);
    COMPARE_SCALAR(relabelformat);
    /* location: ignored */
    return true;
}

static bool
equal_coerceviaio(const CoerceViaIO *a, const CoerceViaIO *b)
{
    COMPARE_NODE(arg);
    COMPARE_SCALAR(resulttype);
    COMPARE_SCALAR(resulttypmod);
    COMPARE_SCALAR(coerceformat);
    /* location: ignored */
    return true;
}

static bool
equal_arrayexpr(const ArrayExpr *a, const ArrayExpr *b)
{
    COMPARE_SCALAR(array_typeid);
    COMPARE_SCALAR(element_typeid);
    COMPARE_NODE(elements);
    COMPARE_SCALAR(multidims);
    /* location: ignored */
    return true;
}

static bool
equal_rowexpr(const RowExpr *a, const RowExpr *b)
{
    COMPARE_NODE(args);
    COMPARE_SCALAR(row_typeid);
    COMPARE_NODE(colnames);
    /* location: ignored */
    return true;
}

static bool
equal_subscriptexpr(const SubscriptExpr *a, const SubscriptExpr *b)
{
    COMPARE_SCALAR(resulttype);
    COMPARE_NODE(container);
    COMPARE_NODE(subscript);
    /* location: ignored */
    return true;
}

static bool
equal_settodefault(const SetToDefault *a, const SetToDefault *b)
{
    COMPARE_SCALAR(typeId);
    COMPARE_SCALAR(typeMod);
    /* location: ignored */
    return true;
}

/*
 * equal -- whether two trees are structurally equal (NULL equals NULL).
 */
bool
equal(const void *a_ptr, const void *b_ptr)
{
    const Node *a = a_ptr;
    const Node *b = b_ptr;

    if (a == b)
        return true;
    if (a == NULL || b == NULL)
        return false;
    if (nodeTag(a) != nodeTag(b))
        return false;
    switch (nodeTag(a))
    {
        case T_List:
        case T_IntList:
        case T_OidList:
            return equal_list((const List *) a, (const List *) b);
        case T_Integer:
            return intVal(a) == intVal(b);
        case T_Float:
            return strcmp(castNode(Float, a)->fval, castNode(Float, b)->fval) == 0;
        case T_Boolean:
            return boolVal(a) == boolVal(b);
        case T_String:
            return strcmp(strVal(a), strVal(b)) == 0;
        case T_BitString:
            return strcmp(castNode(BitString, a)->bsval, castNode(BitString, b)->bsval) == 0;
        case T_Const:
            return equal_const((const Const *) a, (const Const *) b);
        case T_DistinctExpr:
        case T_NullIfExpr:
            return equal_opexpr((const OpExpr *) a, (const OpExpr *) b);
        case T_Alias:
            return equal_alias((const void *) a, (const void *) b);
        case T_RangeTblFunction:
            return equal_rangetblfunction((const void *) a, (const void *) b);
        case T_RangeTblEntry:
            return equal_rangetblentry((const void *) a, (const void *) b);
        case T_RangeTblRef:
            return equal_rangetblref((const void *) a, (const void *) b);
        case T_JoinExpr:
            return equal_joinexpr((const void *) a, (const void *) b);
        case T_FromExpr:
            return equal_fromexpr((const void *) a, (const void *) b);
        case T_TargetEntry:
            return equal_targetentry((const void *) a, (const void *) b);
        case T_SortGroupClause:
            return equal_sortgroupclause((const void *) a, (const void *) b);
        case T_SetOperationStmt:
            return equal_setoperationstmt((const void *) a, (const void *) b);
        case T_CommonTableExpr:
            return equal_commontableexpr((const void *) a, (const void *) b);
        case T_RowMarkClause:
            return equal_rowmarkclause((const void *) a, (const void *) b);
        case T_OnConflictExpr:
            return equal_onconflictexpr((const void *) a, (const void *) b);
        case T_Query:
            return equal_query((const void *) a, (const void *) b);
        case T_Var:
            return equal_var((const void *) a, (const void *) b);
        case T_Param:
            return equal_param((const void *) a, (const void *) b);
        case T_FuncExpr:
            return equal_funcexpr((const void *) a, (const void *) b);
        case T_OpExpr:
            return equal_opexpr((const void *) a, (const void *) b);
        case T_ScalarArrayOpExpr:
            return equal_scalararrayopexpr((const void *) a, (const void *) b);
        case T_BoolExpr:
            return equal_boolexpr((const void *) a, (const void *) b);
        case T_SubLink:
            return equal_sublink((const void *) a, (const void *) b);
        case T_SubPlan:
            return equal_subplan((const void *) a, (const void *) b);
        case T_CaseExpr:
            return equal_caseexpr((const void *) a, (const void *) b);
        case T_CaseWhen:
            return equal_casewhen((const void *) a, (const void *) b);
        case T_CaseTestExpr:
            return equal_casetestexpr((const void *) a, (const void *) b);
        case T_Aggref:
            return equal_aggref((const void *) a, (const void *) b);
        case T_WindowFunc:
            return equal_windowfunc((const void *) a, (const void *) b);
        case T_WindowClause:
            return equal_windowclause((const void *) a, (const void *) b);
        case T_NullTest:
            return equal_nulltest((const void *) a, (const void *) b);
        case T_BooleanTest:
            return equal_booleantest((const void *) a, (const void *) b);
        case T_CoalesceExpr:
            return equal_coalesceexpr((const void *) a, (const void *) b);
        case T_MinMaxExpr:
            return equal_minmaxexpr((const void *) a, (const void *) b);
        case T_RelabelType:
            return equal_relabeltype((const void *) a, (const void *) b);
        case T_CoerceViaIO:
            return equal_coerceviaio((const void *) a, (const void *) b);
        case T_ArrayExpr:
            return equal_arrayexpr((const void *) a, (const void *) b);
        case T_RowExpr:
            return equal_rowexpr((const void *) a, (const void *) b);
        case T_SubscriptExpr:
            return equal_subscriptexpr((const void *) a, (const void *) b);
        case T_SetToDefault:
            return equal_settodefault((const void *) a, (const void *) b);
        default:
            elog(ERROR, "unrecognized node type: %d", (int) nodeTag(a));
    }
    return false;
}
