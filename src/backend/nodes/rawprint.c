/*
 * rawprint.c
 *     Debug printer for raw parse trees (nodes/parsenodes.h): one line per
 *     tree, deterministic, used by the parser's unit tests to compare trees.
 * Entry points: RawNodeToString(), RawNodeToStringWithLocations(),
 * RawNodeAppend(), RawNodeTagName() (declared in parser/parser.h).
 *
 * Format: {NodeName :field value ...}; Lists as (a b c); Strings quoted;
 * Integer, Float and Boolean values bare; NULL as <>.  Fields with zero
 * values are omitted, so adding a field to a node does not change the
 * output of trees that do not use it.  A_Const prints as its value (NULL
 * for the null constant).  Enum fields print as their integer value.
 * The per-node functions mirror the struct definitions field by field;
 * when a node gains a field, add a WRITE_* line here.
 */
#include "rustydb.h"

#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void out_node(StringInfo buf, const void *node, bool with_loc);

static void
out_string(StringInfo buf, const char *s)
{
    appendStringInfoChar(buf, '"');
    for (; *s; s++)
    {
        if (*s == '\n')
        {
            appendStringInfoString(buf, "\\n");
            continue;
        }
        if (*s == '"' || *s == '\\')
            appendStringInfoChar(buf, '\\');
        appendStringInfoChar(buf, *s);
    }
    appendStringInfoChar(buf, '"');
}

#define WRITE_NODE(f) \
    do { if (n->f != NULL) { appendStringInfoString(buf, " :" #f " "); \
                             out_node(buf, n->f, with_loc); } } while (0)
#define WRITE_STR(f) \
    do { if (n->f != NULL) { appendStringInfoString(buf, " :" #f " "); \
                             out_string(buf, n->f); } } while (0)
#define WRITE_BOOL(f) \
    do { if (n->f) appendStringInfoString(buf, " :" #f); } while (0)
#define WRITE_INT(f) \
    do { if (n->f != 0) appendStringInfo(buf, " :" #f " %d", (int) n->f); } while (0)
#define WRITE_CHAR(f) \
    do { if (n->f != 0) appendStringInfo(buf, " :" #f " %c", n->f); } while (0)
#define WRITE_LOC(f) \
    do { if (with_loc && n->f >= 0) appendStringInfo(buf, " @%d", n->f); } while (0)

static void
out_Alias(StringInfo buf, const Alias *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(aliasname);
    WRITE_NODE(colnames);
}

static void
out_A_Expr(StringInfo buf, const A_Expr *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(kind);
    WRITE_NODE(name);
    WRITE_NODE(lexpr);
    WRITE_NODE(rexpr);
    WRITE_LOC(location);
}

static void
out_ColumnRef(StringInfo buf, const ColumnRef *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(fields);
    WRITE_LOC(location);
}

static void
out_ParamRef(StringInfo buf, const ParamRef *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(number);
    WRITE_LOC(location);
}

static void
out_FuncCall(StringInfo buf, const FuncCall *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(funcname);
    WRITE_NODE(args);
    WRITE_NODE(agg_order);
    WRITE_NODE(agg_filter);
    WRITE_NODE(over);
    WRITE_BOOL(agg_within_group);
    WRITE_BOOL(agg_star);
    WRITE_BOOL(agg_distinct);
    WRITE_BOOL(func_variadic);
    WRITE_INT(funcformat);
    WRITE_LOC(location);
}

static void
out_A_Star(StringInfo buf, const A_Star *n, bool with_loc RDB_UNUSED)
{
    (void) n;
    (void) buf;

}

static void
out_A_Indices(StringInfo buf, const A_Indices *n, bool with_loc RDB_UNUSED)
{
    WRITE_BOOL(is_slice);
    WRITE_NODE(lidx);
    WRITE_NODE(uidx);
}

static void
out_A_Indirection(StringInfo buf, const A_Indirection *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_NODE(indirection);
}

static void
out_A_ArrayExpr(StringInfo buf, const A_ArrayExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(elements);
    WRITE_LOC(location);
}

static void
out_TypeName(StringInfo buf, const TypeName *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(names);
    WRITE_INT(typeOid);
    WRITE_BOOL(setof);
    WRITE_BOOL(pct_type);
    WRITE_NODE(typmods);
    WRITE_INT(typemod);
    WRITE_NODE(arrayBounds);
    WRITE_LOC(location);
}

static void
out_TypeCast(StringInfo buf, const TypeCast *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_NODE(typeName);
    WRITE_LOC(location);
}

static void
out_CollateClause(StringInfo buf, const CollateClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_NODE(collname);
    WRITE_LOC(location);
}

static void
out_RawBoolExpr(StringInfo buf, const RawBoolExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(boolop);
    WRITE_NODE(args);
    WRITE_LOC(location);
}

static void
out_RawCaseExpr(StringInfo buf, const RawCaseExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_NODE(args);
    WRITE_NODE(defresult);
    WRITE_LOC(location);
}

static void
out_RawCaseWhen(StringInfo buf, const RawCaseWhen *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(expr);
    WRITE_NODE(result);
    WRITE_LOC(location);
}

static void
out_RawSubLink(StringInfo buf, const RawSubLink *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(subLinkType);
    WRITE_NODE(testexpr);
    WRITE_NODE(operName);
    WRITE_NODE(subselect);
    WRITE_LOC(location);
}

static void
out_RawNullTest(StringInfo buf, const RawNullTest *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_INT(nulltesttype);
    WRITE_LOC(location);
}

static void
out_RawBooleanTest(StringInfo buf, const RawBooleanTest *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg);
    WRITE_INT(booltesttype);
    WRITE_LOC(location);
}

static void
out_RawCoalesceExpr(StringInfo buf, const RawCoalesceExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(args);
    WRITE_LOC(location);
}

static void
out_RawMinMaxExpr(StringInfo buf, const RawMinMaxExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(op);
    WRITE_NODE(args);
    WRITE_LOC(location);
}

static void
out_RawNullIfExpr(StringInfo buf, const RawNullIfExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(arg1);
    WRITE_NODE(arg2);
    WRITE_LOC(location);
}

static void
out_RawRowExpr(StringInfo buf, const RawRowExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(args);
    WRITE_BOOL(explicit_row);
    WRITE_LOC(location);
}

static void
out_RawSQLValueFunction(StringInfo buf, const RawSQLValueFunction *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(op);
    WRITE_INT(typmod);
    WRITE_LOC(location);
}

static void
out_RawSetToDefault(StringInfo buf, const RawSetToDefault *n, bool with_loc RDB_UNUSED)
{
    WRITE_LOC(location);
}

static void
out_MultiAssignRef(StringInfo buf, const MultiAssignRef *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(source);
    WRITE_INT(colno);
    WRITE_INT(ncolumns);
}

static void
out_SortBy(StringInfo buf, const SortBy *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(node);
    WRITE_INT(sortby_dir);
    WRITE_INT(sortby_nulls);
    WRITE_NODE(useOp);
    WRITE_LOC(location);
}

static void
out_RawWindowDef(StringInfo buf, const RawWindowDef *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_STR(refname);
    WRITE_NODE(partitionClause);
    WRITE_NODE(orderClause);
    WRITE_INT(frameOptions);
    WRITE_NODE(startOffset);
    WRITE_NODE(endOffset);
    WRITE_LOC(location);
}

static void
out_RangeVar(StringInfo buf, const RangeVar *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(catalogname);
    WRITE_STR(schemaname);
    WRITE_STR(relname);
    WRITE_BOOL(inh);
    WRITE_CHAR(relpersistence);
    WRITE_NODE(alias);
    WRITE_LOC(location);
}

static void
out_RangeSubselect(StringInfo buf, const RangeSubselect *n, bool with_loc)
{
    WRITE_BOOL(lateral);
    WRITE_NODE(subquery);
    WRITE_NODE(alias);
    WRITE_LOC(location);
}

static void
out_RangeFunction(StringInfo buf, const RangeFunction *n, bool with_loc RDB_UNUSED)
{
    WRITE_BOOL(lateral);
    WRITE_BOOL(ordinality);
    WRITE_NODE(funccall);
    WRITE_NODE(alias);
    WRITE_NODE(coldeflist);
}

static void
out_RawJoinExpr(StringInfo buf, const RawJoinExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(jointype);
    WRITE_BOOL(isNatural);
    WRITE_NODE(larg);
    WRITE_NODE(rarg);
    WRITE_NODE(usingClause);
    WRITE_NODE(join_using_alias);
    WRITE_NODE(quals);
    WRITE_NODE(alias);
    WRITE_LOC(location);
}

static void
out_ResTarget(StringInfo buf, const ResTarget *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(indirection);
    WRITE_NODE(val);
    WRITE_LOC(location);
}

static void
out_RawCommonTableExpr(StringInfo buf, const RawCommonTableExpr *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(ctename);
    WRITE_NODE(aliascolnames);
    WRITE_INT(ctematerialized);
    WRITE_NODE(ctequery);
    WRITE_LOC(location);
}

static void
out_WithClause(StringInfo buf, const WithClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(ctes);
    WRITE_BOOL(recursive);
    WRITE_LOC(location);
}

static void
out_LockingClause(StringInfo buf, const LockingClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(lockedRels);
    WRITE_INT(strength);
    WRITE_INT(waitPolicy);
}

static void
out_IntoClause(StringInfo buf, const IntoClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(rel);
    WRITE_NODE(colNames);
    WRITE_STR(accessMethod);
    WRITE_NODE(options);
    WRITE_INT(onCommit);
    WRITE_STR(tableSpaceName);
    WRITE_BOOL(skipData);
}

static void
out_InferClause(StringInfo buf, const InferClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(indexElems);
    WRITE_NODE(whereClause);
    WRITE_STR(conname);
    WRITE_LOC(location);
}

static void
out_OnConflictClause(StringInfo buf, const OnConflictClause *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(action);
    WRITE_NODE(infer);
    WRITE_NODE(targetList);
    WRITE_NODE(whereClause);
    WRITE_LOC(location);
}

static void
out_DefElem(StringInfo buf, const DefElem *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(defnamespace);
    WRITE_STR(defname);
    WRITE_NODE(arg);
    WRITE_INT(defaction);
    WRITE_LOC(location);
}

static void
out_RoleSpec(StringInfo buf, const RoleSpec *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(roletype);
    WRITE_STR(rolename);
    WRITE_LOC(location);
}

static void
out_ColumnDef(StringInfo buf, const ColumnDef *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(colname);
    WRITE_NODE(typeName);
    WRITE_BOOL(is_not_null);
    WRITE_NODE(raw_default);
    WRITE_NODE(collClause);
    WRITE_NODE(constraints);
    WRITE_LOC(location);
}

static void
out_Constraint(StringInfo buf, const Constraint *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(contype);
    WRITE_STR(conname);
    WRITE_BOOL(deferrable);
    WRITE_BOOL(initdeferred);
    WRITE_LOC(location);
    WRITE_BOOL(is_no_inherit);
    WRITE_NODE(raw_expr);
    WRITE_CHAR(generated_when);
    WRITE_NODE(options);
    WRITE_NODE(keys);
    WRITE_NODE(including);
    WRITE_BOOL(nulls_not_distinct);
    WRITE_STR(indexname);
    WRITE_STR(indexspace);
    WRITE_NODE(pktable);
    WRITE_NODE(fk_attrs);
    WRITE_NODE(pk_attrs);
    WRITE_CHAR(fk_matchtype);
    WRITE_CHAR(fk_upd_action);
    WRITE_CHAR(fk_del_action);
    WRITE_BOOL(skip_validation);
    WRITE_BOOL(initially_valid);
}

static void
out_IndexElem(StringInfo buf, const IndexElem *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(expr);
    WRITE_STR(indexcolname);
    WRITE_NODE(collation);
    WRITE_NODE(opclass);
    WRITE_NODE(opclassopts);
    WRITE_INT(ordering);
    WRITE_INT(nulls_ordering);
    WRITE_LOC(location);
}

static void
out_PartitionElem(StringInfo buf, const PartitionElem *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(expr);
    WRITE_NODE(collation);
    WRITE_NODE(opclass);
    WRITE_LOC(location);
}

static void
out_PartitionSpec(StringInfo buf, const PartitionSpec *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(strategy);
    WRITE_NODE(partParams);
    WRITE_NODE(partitions);
    WRITE_LOC(location);
}

static void
out_PartitionRangeDatum(StringInfo buf, const PartitionRangeDatum *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(kind);
    WRITE_NODE(value);
    WRITE_LOC(location);
}

static void
out_PartitionBoundSpec(StringInfo buf, const PartitionBoundSpec *n, bool with_loc RDB_UNUSED)
{
    WRITE_CHAR(strategy);
    WRITE_BOOL(is_default);
    WRITE_INT(modulus);
    WRITE_INT(remainder);
    WRITE_NODE(listdatums);
    WRITE_NODE(lowerdatums);
    WRITE_NODE(upperdatums);
    WRITE_LOC(location);
}

static void
out_PartitionDef(StringInfo buf, const PartitionDef *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(upperdatums);
    WRITE_LOC(location);
}

static void
out_VacuumRelation(StringInfo buf, const VacuumRelation *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(va_cols);
}

static void
out_RawStmt(StringInfo buf, const RawStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(stmt);
    WRITE_INT(stmt_location);
    WRITE_INT(stmt_len);
}

static void
out_SelectStmt(StringInfo buf, const SelectStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(distinctClause);
    WRITE_NODE(intoClause);
    WRITE_NODE(targetList);
    WRITE_NODE(fromClause);
    WRITE_NODE(whereClause);
    WRITE_NODE(groupClause);
    WRITE_BOOL(groupDistinct);
    WRITE_NODE(havingClause);
    WRITE_NODE(windowClause);
    WRITE_NODE(valuesLists);
    WRITE_NODE(sortClause);
    WRITE_NODE(limitOffset);
    WRITE_NODE(limitCount);
    WRITE_INT(limitOption);
    WRITE_NODE(lockingClause);
    WRITE_NODE(withClause);
    WRITE_INT(op);
    WRITE_BOOL(all);
    WRITE_NODE(larg);
    WRITE_NODE(rarg);
}

static void
out_InsertStmt(StringInfo buf, const InsertStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(cols);
    WRITE_NODE(selectStmt);
    WRITE_NODE(onConflictClause);
    WRITE_NODE(returningList);
    WRITE_NODE(withClause);
    WRITE_BOOL(overridingSystem);
}

static void
out_UpdateStmt(StringInfo buf, const UpdateStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(targetList);
    WRITE_NODE(whereClause);
    WRITE_NODE(fromClause);
    WRITE_NODE(returningList);
    WRITE_NODE(withClause);
}

static void
out_DeleteStmt(StringInfo buf, const DeleteStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(usingClause);
    WRITE_NODE(whereClause);
    WRITE_NODE(returningList);
    WRITE_NODE(withClause);
}

static void
out_CreateStmt(StringInfo buf, const CreateStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(tableElts);
    WRITE_NODE(inhRelations);
    WRITE_NODE(partbound);
    WRITE_NODE(partspec);
    WRITE_NODE(options);
    WRITE_INT(oncommit);
    WRITE_STR(tablespacename);
    WRITE_STR(accessMethod);
    WRITE_BOOL(if_not_exists);
}

static void
out_CreateTableAsStmt(StringInfo buf, const CreateTableAsStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(query);
    WRITE_NODE(into);
    WRITE_INT(objtype);
    WRITE_BOOL(is_select_into);
    WRITE_BOOL(if_not_exists);
}

static void
out_DropStmt(StringInfo buf, const DropStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(objects);
    WRITE_INT(removeType);
    WRITE_INT(behavior);
    WRITE_BOOL(missing_ok);
    WRITE_BOOL(concurrent);
    WRITE_NODE(options);
}

static void
out_CreatedbStmt(StringInfo buf, const CreatedbStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(dbname);
    WRITE_NODE(options);
}

static void
out_CreateSchemaStmt(StringInfo buf, const CreateSchemaStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(schemaname);
    WRITE_NODE(authrole);
    WRITE_NODE(schemaElts);
    WRITE_BOOL(if_not_exists);
}

static void
out_ViewStmt(StringInfo buf, const ViewStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(view);
    WRITE_NODE(aliases);
    WRITE_NODE(query);
    WRITE_BOOL(replace);
    WRITE_NODE(options);
    WRITE_INT(withCheckOption);
}

static void
out_CreateRoleStmt(StringInfo buf, const CreateRoleStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(stmt_type);
    WRITE_STR(role);
    WRITE_NODE(options);
}

static void
out_AlterRoleStmt(StringInfo buf, const AlterRoleStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(role);
    WRITE_NODE(options);
    WRITE_INT(action);
}

static void
out_TruncateStmt(StringInfo buf, const TruncateStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relations);
    WRITE_BOOL(restart_seqs);
    WRITE_INT(behavior);
}

static void
out_AlterTableCmd(StringInfo buf, const AlterTableCmd *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(subtype);
    WRITE_STR(name);
    WRITE_INT(num);
    WRITE_NODE(newowner);
    WRITE_NODE(def);
    WRITE_INT(behavior);
    WRITE_BOOL(missing_ok);
    WRITE_BOOL(recurse);
}

static void
out_AlterTableStmt(StringInfo buf, const AlterTableStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(cmds);
    WRITE_INT(objtype);
    WRITE_BOOL(missing_ok);
}

static void
out_RenameStmt(StringInfo buf, const RenameStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(renameType);
    WRITE_INT(relationType);
    WRITE_NODE(relation);
    WRITE_NODE(object);
    WRITE_STR(subname);
    WRITE_STR(newname);
    WRITE_INT(behavior);
    WRITE_BOOL(missing_ok);
}

static void
out_IndexStmt(StringInfo buf, const IndexStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(idxname);
    WRITE_NODE(relation);
    WRITE_STR(accessMethod);
    WRITE_STR(tableSpace);
    WRITE_NODE(indexParams);
    WRITE_NODE(indexIncludingParams);
    WRITE_NODE(options);
    WRITE_NODE(whereClause);
    WRITE_BOOL(unique);
    WRITE_BOOL(nulls_not_distinct);
    WRITE_BOOL(primary);
    WRITE_BOOL(isconstraint);
    WRITE_BOOL(concurrent);
    WRITE_BOOL(if_not_exists);
}

static void
out_CreateSeqStmt(StringInfo buf, const CreateSeqStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(sequence);
    WRITE_NODE(options);
    WRITE_BOOL(if_not_exists);
}

static void
out_AlterSeqStmt(StringInfo buf, const AlterSeqStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(sequence);
    WRITE_NODE(options);
    WRITE_BOOL(missing_ok);
}

static void
out_VacuumStmt(StringInfo buf, const VacuumStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(options);
    WRITE_NODE(rels);
    WRITE_BOOL(is_vacuumcmd);
    WRITE_INT(target_kind);
    WRITE_STR(schemaname);
}

static void
out_ReindexStmt(StringInfo buf, const ReindexStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(kind);
    WRITE_NODE(relation);
    WRITE_STR(name);
    WRITE_BOOL(concurrent);
    WRITE_NODE(params);
}

static void
out_CheckPointStmt(StringInfo buf, const CheckPointStmt *n, bool with_loc RDB_UNUSED)
{
    (void) n;
    (void) buf;

}

static void
out_ExplainStmt(StringInfo buf, const ExplainStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(query);
    WRITE_NODE(options);
}

static void
out_TransactionStmt(StringInfo buf, const TransactionStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(kind);
    WRITE_NODE(options);
    WRITE_STR(savepoint_name);
    WRITE_STR(gid);
    WRITE_BOOL(chain);
    WRITE_LOC(location);
}

static void
out_VariableSetStmt(StringInfo buf, const VariableSetStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(kind);
    WRITE_STR(name);
    WRITE_NODE(args);
    WRITE_BOOL(is_local);
    WRITE_LOC(location);
}

static void
out_VariableShowStmt(StringInfo buf, const VariableShowStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_LOC(location);
}

static void
out_AlterSystemStmt(StringInfo buf, const AlterSystemStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(setstmt);
}

static void
out_LockStmt(StringInfo buf, const LockStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relations);
    WRITE_INT(mode);
    WRITE_BOOL(nowait);
}

static void
out_CopyStmt(StringInfo buf, const CopyStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(relation);
    WRITE_NODE(query);
    WRITE_NODE(attlist);
    WRITE_BOOL(is_from);
    WRITE_BOOL(is_program);
    WRITE_STR(filename);
    WRITE_NODE(options);
    WRITE_NODE(whereClause);
}

static void
out_PrepareStmt(StringInfo buf, const PrepareStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(argtypes);
    WRITE_NODE(query);
}

static void
out_ExecuteStmt(StringInfo buf, const ExecuteStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
    WRITE_NODE(params);
}

static void
out_DeallocateStmt(StringInfo buf, const DeallocateStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(name);
}

static void
out_DiscardStmt(StringInfo buf, const DiscardStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_INT(target);
}

static void
out_ListenStmt(StringInfo buf, const ListenStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(conditionname);
}

static void
out_UnlistenStmt(StringInfo buf, const UnlistenStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(conditionname);
}

static void
out_NotifyStmt(StringInfo buf, const NotifyStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_STR(conditionname);
    WRITE_STR(payload);
}

static void
out_DoStmt(StringInfo buf, const DoStmt *n, bool with_loc RDB_UNUSED)
{
    WRITE_NODE(args);
}

static void
out_value(StringInfo buf, const Node *v)
{
    switch (nodeTag(v))
    {
        case T_Integer:
            appendStringInfo(buf, "%d", intVal(v));
            break;
        case T_Float:
            appendStringInfoString(buf, castNode(Float, v)->fval);
            break;
        case T_Boolean:
            appendStringInfoString(buf, boolVal(v) ? "true" : "false");
            break;
        case T_String:
            out_string(buf, strVal(v));
            break;
        case T_BitString:
            appendStringInfoString(buf, castNode(BitString, v)->bsval);
            break;
        default:
            Assert(false);
    }
}

static void
out_list(StringInfo buf, const List *list, bool with_loc)
{
    appendStringInfoChar(buf, '(');
    for (int i = 0; i < list->length; i++)
    {
        if (i > 0)
            appendStringInfoChar(buf, ' ');
        if (list->type == T_IntList)
            appendStringInfo(buf, "%d", list->elements[i].int_value);
        else if (list->type == T_OidList)
            appendStringInfo(buf, "%u", list->elements[i].oid_value);
        else
            out_node(buf, list->elements[i].ptr_value, with_loc);
    }
    appendStringInfoChar(buf, ')');
}

static void
out_node(StringInfo buf, const void *node, bool with_loc)
{
    const char *name;

    if (node == NULL)
    {
        appendStringInfoString(buf, "<>");
        return;
    }
    switch (nodeTag(node))
    {
        case T_List:
        case T_IntList:
        case T_OidList:
            out_list(buf, node, with_loc);
            return;
        case T_Integer:
        case T_Float:
        case T_Boolean:
        case T_String:
        case T_BitString:
            out_value(buf, node);
            return;
        case T_A_Const:
            {
                const A_Const *c = node;

                if (c->isnull)
                    appendStringInfoString(buf, "NULL");
                else
                    out_value(buf, c->val);
                if (with_loc && c->location >= 0)
                    appendStringInfo(buf, "@%d", c->location);
                return;
            }
        default:
            break;
    }
    name = RawNodeTagName(nodeTag(node));
    if (name == NULL)
        elog(ERROR, "unrecognized node type: %d", (int) nodeTag(node));
    appendStringInfo(buf, "{%s", name);
    switch (nodeTag(node))
    {
        case T_Alias:
            out_Alias(buf, node, with_loc);
            break;
        case T_A_Expr:
            out_A_Expr(buf, (const A_Expr *) node, with_loc);
            break;
        case T_ColumnRef:
            out_ColumnRef(buf, (const ColumnRef *) node, with_loc);
            break;
        case T_ParamRef:
            out_ParamRef(buf, (const ParamRef *) node, with_loc);
            break;
        case T_FuncCall:
            out_FuncCall(buf, (const FuncCall *) node, with_loc);
            break;
        case T_A_Star:
            out_A_Star(buf, (const A_Star *) node, with_loc);
            break;
        case T_A_Indices:
            out_A_Indices(buf, (const A_Indices *) node, with_loc);
            break;
        case T_A_Indirection:
            out_A_Indirection(buf, (const A_Indirection *) node, with_loc);
            break;
        case T_A_ArrayExpr:
            out_A_ArrayExpr(buf, (const A_ArrayExpr *) node, with_loc);
            break;
        case T_TypeName:
            out_TypeName(buf, (const TypeName *) node, with_loc);
            break;
        case T_TypeCast:
            out_TypeCast(buf, (const TypeCast *) node, with_loc);
            break;
        case T_CollateClause:
            out_CollateClause(buf, (const CollateClause *) node, with_loc);
            break;
        case T_RawBoolExpr:
            out_RawBoolExpr(buf, (const RawBoolExpr *) node, with_loc);
            break;
        case T_RawCaseExpr:
            out_RawCaseExpr(buf, (const RawCaseExpr *) node, with_loc);
            break;
        case T_RawCaseWhen:
            out_RawCaseWhen(buf, (const RawCaseWhen *) node, with_loc);
            break;
        case T_RawSubLink:
            out_RawSubLink(buf, (const RawSubLink *) node, with_loc);
            break;
        case T_RawNullTest:
            out_RawNullTest(buf, (const RawNullTest *) node, with_loc);
            break;
        case T_RawBooleanTest:
            out_RawBooleanTest(buf, (const RawBooleanTest *) node, with_loc);
            break;
        case T_RawCoalesceExpr:
            out_RawCoalesceExpr(buf, (const RawCoalesceExpr *) node, with_loc);
            break;
        case T_RawMinMaxExpr:
            out_RawMinMaxExpr(buf, (const RawMinMaxExpr *) node, with_loc);
            break;
        case T_RawNullIfExpr:
            out_RawNullIfExpr(buf, (const RawNullIfExpr *) node, with_loc);
            break;
        case T_RawRowExpr:
            out_RawRowExpr(buf, (const RawRowExpr *) node, with_loc);
            break;
        case T_RawSQLValueFunction:
            out_RawSQLValueFunction(buf, (const RawSQLValueFunction *) node, with_loc);
            break;
        case T_RawSetToDefault:
            out_RawSetToDefault(buf, (const RawSetToDefault *) node, with_loc);
            break;
        case T_MultiAssignRef:
            out_MultiAssignRef(buf, (const MultiAssignRef *) node, with_loc);
            break;
        case T_SortBy:
            out_SortBy(buf, (const SortBy *) node, with_loc);
            break;
        case T_RawWindowDef:
            out_RawWindowDef(buf, (const RawWindowDef *) node, with_loc);
            break;
        case T_RangeVar:
            out_RangeVar(buf, (const RangeVar *) node, with_loc);
            break;
        case T_RangeSubselect:
            out_RangeSubselect(buf, (const RangeSubselect *) node, with_loc);
            break;
        case T_RangeFunction:
            out_RangeFunction(buf, (const RangeFunction *) node, with_loc);
            break;
        case T_RawJoinExpr:
            out_RawJoinExpr(buf, (const RawJoinExpr *) node, with_loc);
            break;
        case T_ResTarget:
            out_ResTarget(buf, (const ResTarget *) node, with_loc);
            break;
        case T_RawCommonTableExpr:
            out_RawCommonTableExpr(buf, (const RawCommonTableExpr *) node, with_loc);
            break;
        case T_WithClause:
            out_WithClause(buf, (const WithClause *) node, with_loc);
            break;
        case T_LockingClause:
            out_LockingClause(buf, (const LockingClause *) node, with_loc);
            break;
        case T_IntoClause:
            out_IntoClause(buf, (const IntoClause *) node, with_loc);
            break;
        case T_InferClause:
            out_InferClause(buf, (const InferClause *) node, with_loc);
            break;
        case T_OnConflictClause:
            out_OnConflictClause(buf, (const OnConflictClause *) node, with_loc);
            break;
        case T_DefElem:
            out_DefElem(buf, (const DefElem *) node, with_loc);
            break;
        case T_RoleSpec:
            out_RoleSpec(buf, (const RoleSpec *) node, with_loc);
            break;
        case T_ColumnDef:
            out_ColumnDef(buf, (const ColumnDef *) node, with_loc);
            break;
        case T_Constraint:
            out_Constraint(buf, (const Constraint *) node, with_loc);
            break;
        case T_IndexElem:
            out_IndexElem(buf, (const IndexElem *) node, with_loc);
            break;
        case T_PartitionElem:
            out_PartitionElem(buf, (const PartitionElem *) node, with_loc);
            break;
        case T_PartitionSpec:
            out_PartitionSpec(buf, (const PartitionSpec *) node, with_loc);
            break;
        case T_PartitionRangeDatum:
            out_PartitionRangeDatum(buf, (const PartitionRangeDatum *) node, with_loc);
            break;
        case T_PartitionBoundSpec:
            out_PartitionBoundSpec(buf, (const PartitionBoundSpec *) node, with_loc);
            break;
        case T_PartitionDef:
            out_PartitionDef(buf, (const PartitionDef *) node, with_loc);
            break;
        case T_VacuumRelation:
            out_VacuumRelation(buf, (const VacuumRelation *) node, with_loc);
            break;
        case T_RawStmt:
            out_RawStmt(buf, (const RawStmt *) node, with_loc);
            break;
        case T_SelectStmt:
            out_SelectStmt(buf, (const SelectStmt *) node, with_loc);
            break;
        case T_InsertStmt:
            out_InsertStmt(buf, (const InsertStmt *) node, with_loc);
            break;
        case T_UpdateStmt:
            out_UpdateStmt(buf, (const UpdateStmt *) node, with_loc);
            break;
        case T_DeleteStmt:
            out_DeleteStmt(buf, (const DeleteStmt *) node, with_loc);
            break;
        case T_CreateStmt:
            out_CreateStmt(buf, (const CreateStmt *) node, with_loc);
            break;
        case T_CreateTableAsStmt:
            out_CreateTableAsStmt(buf, (const CreateTableAsStmt *) node, with_loc);
            break;
        case T_DropStmt:
            out_DropStmt(buf, (const DropStmt *) node, with_loc);
            break;
        case T_CreatedbStmt:
            out_CreatedbStmt(buf, (const CreatedbStmt *) node, with_loc);
            break;
        case T_CreateSchemaStmt:
            out_CreateSchemaStmt(buf, (const CreateSchemaStmt *) node, with_loc);
            break;
        case T_ViewStmt:
            out_ViewStmt(buf, (const ViewStmt *) node, with_loc);
            break;
        case T_CreateRoleStmt:
            out_CreateRoleStmt(buf, (const CreateRoleStmt *) node, with_loc);
            break;
        case T_AlterRoleStmt:
            out_AlterRoleStmt(buf, (const AlterRoleStmt *) node, with_loc);
            break;
        case T_TruncateStmt:
            out_TruncateStmt(buf, (const TruncateStmt *) node, with_loc);
            break;
        case T_AlterTableCmd:
            out_AlterTableCmd(buf, (const AlterTableCmd *) node, with_loc);
            break;
        case T_AlterTableStmt:
            out_AlterTableStmt(buf, (const AlterTableStmt *) node, with_loc);
            break;
        case T_RenameStmt:
            out_RenameStmt(buf, (const RenameStmt *) node, with_loc);
            break;
        case T_IndexStmt:
            out_IndexStmt(buf, (const IndexStmt *) node, with_loc);
            break;
        case T_CreateSeqStmt:
            out_CreateSeqStmt(buf, (const CreateSeqStmt *) node, with_loc);
            break;
        case T_AlterSeqStmt:
            out_AlterSeqStmt(buf, (const AlterSeqStmt *) node, with_loc);
            break;
        case T_VacuumStmt:
            out_VacuumStmt(buf, (const VacuumStmt *) node, with_loc);
            break;
        case T_ReindexStmt:
            out_ReindexStmt(buf, (const ReindexStmt *) node, with_loc);
            break;
        case T_CheckPointStmt:
            out_CheckPointStmt(buf, (const CheckPointStmt *) node, with_loc);
            break;
        case T_ExplainStmt:
            out_ExplainStmt(buf, (const ExplainStmt *) node, with_loc);
            break;
        case T_TransactionStmt:
            out_TransactionStmt(buf, (const TransactionStmt *) node, with_loc);
            break;
        case T_VariableSetStmt:
            out_VariableSetStmt(buf, (const VariableSetStmt *) node, with_loc);
            break;
        case T_VariableShowStmt:
            out_VariableShowStmt(buf, (const VariableShowStmt *) node, with_loc);
            break;
        case T_AlterSystemStmt:
            out_AlterSystemStmt(buf, (const AlterSystemStmt *) node, with_loc);
            break;
        case T_LockStmt:
            out_LockStmt(buf, (const LockStmt *) node, with_loc);
            break;
        case T_CopyStmt:
            out_CopyStmt(buf, (const CopyStmt *) node, with_loc);
            break;
        case T_PrepareStmt:
            out_PrepareStmt(buf, (const PrepareStmt *) node, with_loc);
            break;
        case T_ExecuteStmt:
            out_ExecuteStmt(buf, (const ExecuteStmt *) node, with_loc);
            break;
        case T_DeallocateStmt:
            out_DeallocateStmt(buf, (const DeallocateStmt *) node, with_loc);
            break;
        case T_DiscardStmt:
            out_DiscardStmt(buf, (const DiscardStmt *) node, with_loc);
            break;
        case T_ListenStmt:
            out_ListenStmt(buf, (const ListenStmt *) node, with_loc);
            break;
        case T_UnlistenStmt:
            out_UnlistenStmt(buf, (const UnlistenStmt *) node, with_loc);
            break;
        case T_NotifyStmt:
            out_NotifyStmt(buf, (const NotifyStmt *) node, with_loc);
            break;
        case T_DoStmt:
            out_DoStmt(buf, (const DoStmt *) node, with_loc);
            break;
        default:
            break;
    }
    appendStringInfoChar(buf, '}');
}

const char *
RawNodeTagName(NodeTag tag)
{
    switch (tag)
    {
        case T_Alias:
            return "Alias";
        case T_A_Expr:
            return "A_Expr";
        case T_ColumnRef:
            return "ColumnRef";
        case T_ParamRef:
            return "ParamRef";
        case T_FuncCall:
            return "FuncCall";
        case T_A_Star:
            return "A_Star";
        case T_A_Indices:
            return "A_Indices";
        case T_A_Indirection:
            return "A_Indirection";
        case T_A_ArrayExpr:
            return "A_ArrayExpr";
        case T_TypeName:
            return "TypeName";
        case T_TypeCast:
            return "TypeCast";
        case T_CollateClause:
            return "CollateClause";
        case T_RawBoolExpr:
            return "RawBoolExpr";
        case T_RawCaseExpr:
            return "RawCaseExpr";
        case T_RawCaseWhen:
            return "RawCaseWhen";
        case T_RawSubLink:
            return "RawSubLink";
        case T_RawNullTest:
            return "RawNullTest";
        case T_RawBooleanTest:
            return "RawBooleanTest";
        case T_RawCoalesceExpr:
            return "RawCoalesceExpr";
        case T_RawMinMaxExpr:
            return "RawMinMaxExpr";
        case T_RawNullIfExpr:
            return "RawNullIfExpr";
        case T_RawRowExpr:
            return "RawRowExpr";
        case T_RawSQLValueFunction:
            return "RawSQLValueFunction";
        case T_RawSetToDefault:
            return "RawSetToDefault";
        case T_MultiAssignRef:
            return "MultiAssignRef";
        case T_SortBy:
            return "SortBy";
        case T_RawWindowDef:
            return "RawWindowDef";
        case T_RangeVar:
            return "RangeVar";
        case T_RangeSubselect:
            return "RangeSubselect";
        case T_RangeFunction:
            return "RangeFunction";
        case T_RawJoinExpr:
            return "RawJoinExpr";
        case T_ResTarget:
            return "ResTarget";
        case T_RawCommonTableExpr:
            return "RawCommonTableExpr";
        case T_WithClause:
            return "WithClause";
        case T_LockingClause:
            return "LockingClause";
        case T_IntoClause:
            return "IntoClause";
        case T_InferClause:
            return "InferClause";
        case T_OnConflictClause:
            return "OnConflictClause";
        case T_DefElem:
            return "DefElem";
        case T_RoleSpec:
            return "RoleSpec";
        case T_ColumnDef:
            return "ColumnDef";
        case T_Constraint:
            return "Constraint";
        case T_IndexElem:
            return "IndexElem";
        case T_PartitionElem:
            return "PartitionElem";
        case T_PartitionSpec:
            return "PartitionSpec";
        case T_PartitionRangeDatum:
            return "PartitionRangeDatum";
        case T_PartitionBoundSpec:
            return "PartitionBoundSpec";
        case T_PartitionDef:
            return "PartitionDef";
        case T_VacuumRelation:
            return "VacuumRelation";
        case T_RawStmt:
            return "RawStmt";
        case T_SelectStmt:
            return "SelectStmt";
        case T_InsertStmt:
            return "InsertStmt";
        case T_UpdateStmt:
            return "UpdateStmt";
        case T_DeleteStmt:
            return "DeleteStmt";
        case T_CreateStmt:
            return "CreateStmt";
        case T_CreateTableAsStmt:
            return "CreateTableAsStmt";
        case T_DropStmt:
            return "DropStmt";
        case T_CreatedbStmt:
            return "CreatedbStmt";
        case T_CreateSchemaStmt:
            return "CreateSchemaStmt";
        case T_ViewStmt:
            return "ViewStmt";
        case T_CreateRoleStmt:
            return "CreateRoleStmt";
        case T_AlterRoleStmt:
            return "AlterRoleStmt";
        case T_TruncateStmt:
            return "TruncateStmt";
        case T_AlterTableCmd:
            return "AlterTableCmd";
        case T_AlterTableStmt:
            return "AlterTableStmt";
        case T_RenameStmt:
            return "RenameStmt";
        case T_IndexStmt:
            return "IndexStmt";
        case T_CreateSeqStmt:
            return "CreateSeqStmt";
        case T_AlterSeqStmt:
            return "AlterSeqStmt";
        case T_VacuumStmt:
            return "VacuumStmt";
        case T_ReindexStmt:
            return "ReindexStmt";
        case T_CheckPointStmt:
            return "CheckPointStmt";
        case T_ExplainStmt:
            return "ExplainStmt";
        case T_TransactionStmt:
            return "TransactionStmt";
        case T_VariableSetStmt:
            return "VariableSetStmt";
        case T_VariableShowStmt:
            return "VariableShowStmt";
        case T_AlterSystemStmt:
            return "AlterSystemStmt";
        case T_LockStmt:
            return "LockStmt";
        case T_CopyStmt:
            return "CopyStmt";
        case T_PrepareStmt:
            return "PrepareStmt";
        case T_ExecuteStmt:
            return "ExecuteStmt";
        case T_DeallocateStmt:
            return "DeallocateStmt";
        case T_DiscardStmt:
            return "DiscardStmt";
        case T_ListenStmt:
            return "ListenStmt";
        case T_UnlistenStmt:
            return "UnlistenStmt";
        case T_NotifyStmt:
            return "NotifyStmt";
        case T_DoStmt:
            return "DoStmt";
        case T_A_Const:
            return "A_Const";
        default:
            return NULL;
    }
}

void
RawNodeAppend(StringInfo buf, const void *node, bool with_locations)
{
    out_node(buf, node, with_locations);
}

char *
RawNodeToString(const void *node)
{
    StringInfoData buf;

    initStringInfo(&buf);
    out_node(&buf, node, false);
    return buf.data;
}

char *
RawNodeToStringWithLocations(const void *node)
{
    StringInfoData buf;

    initStringInfo(&buf);
    out_node(&buf, node, true);
    return buf.data;
}
