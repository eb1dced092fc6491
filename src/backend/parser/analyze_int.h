/*
 * analyze_int.h
 *     Private declarations of parse analysis (analyze*.c, parse_*.c):
 *     the ParseState that carries name-resolution scope through one query
 *     level, and the helpers the files share.  Nothing outside
 *     src/backend/parser includes this header; the public API is
 *     parser/analyze.h.
 */
#ifndef PARSER_ANALYZE_INT_H
#define PARSER_ANALYZE_INT_H

#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/primnodes.h"
#include "parser/analyze.h"
#include "storage/lockdefs.h"
#include "utils/elog.h"
#include "utils/rel.h"

/* Where an expression appears: decides what is allowed in it. */
typedef enum ParseExprKind
{
    EXPR_KIND_NONE = 0,
    EXPR_KIND_OTHER,
    EXPR_KIND_JOIN_ON,
    EXPR_KIND_JOIN_USING,
    EXPR_KIND_FROM_SUBSELECT,
    EXPR_KIND_FROM_FUNCTION,
    EXPR_KIND_WHERE,
    EXPR_KIND_HAVING,
    EXPR_KIND_FILTER,
    EXPR_KIND_SELECT_TARGET,
    EXPR_KIND_INSERT_TARGET,
    EXPR_KIND_UPDATE_SOURCE,
    EXPR_KIND_UPDATE_TARGET,
    EXPR_KIND_GROUP_BY,
    EXPR_KIND_ORDER_BY,
    EXPR_KIND_DISTINCT_ON,
    EXPR_KIND_WINDOW_PARTITION,
    EXPR_KIND_WINDOW_ORDER,
    EXPR_KIND_WINDOW_FRAME_RANGE,
    EXPR_KIND_WINDOW_FRAME_ROWS,
    EXPR_KIND_WINDOW_FRAME_GROUPS,
    EXPR_KIND_LIMIT,
    EXPR_KIND_OFFSET,
    EXPR_KIND_RETURNING,
    EXPR_KIND_VALUES,
    EXPR_KIND_VALUES_SINGLE,
    EXPR_KIND_CHECK_CONSTRAINT,
    EXPR_KIND_COLUMN_DEFAULT,
    EXPR_KIND_INDEX_PREDICATE,
    EXPR_KIND_PARTITION_BOUND,
    EXPR_KIND_CALL_ARGUMENT
} ParseExprKind;

/*
 * One entry of a query level's name space: a range-table entry whose
 * relation name (qualified references) and/or columns (unqualified
 * references) are visible.
 */
typedef struct ParseNamespaceItem
{
    RangeTblEntry *rte;
    int         rtindex;
    bool        rel_visible;    /* "t.col" and "t.*" may name it */
    bool        cols_visible;   /* "col" may name its columns */
    bool        lateral_only;   /* visible only to LATERAL items */
    bool        lateral_ok;     /* LATERAL items may use it now */
} ParseNamespaceItem;

/* Parameter type bookkeeping shared by all levels of one statement. */
typedef struct ParseParamState
{
    Oid        *types;          /* types[0] is $1 */
    int         count;
    bool        variable;       /* types may be inferred and the array grown */
} ParseParamState;

typedef struct ParseState
{
    struct ParseState *parent;  /* outer query level, or NULL */
    const char *sourcetext;     /* whole query string, for error positions */
    List       *rtable;         /* RangeTblEntry, grows as FROM is analyzed */
    List       *joinexprs;      /* JoinExpr per rtable entry (NULL if not a join) */
    List       *joinlist;       /* top FROM items: RangeTblRef / JoinExpr */
    List       *namespace;      /* ParseNamespaceItem visible to expressions */
    bool        lateral_active; /* analyzing a LATERAL item */
    List       *cte_states;     /* CteState of this level's WITH, visible here and below */
    List       *future_ctes;    /* later CTEs of a non-recursive WITH (for the error) */
    CommonTableExpr *parent_cte;    /* CTE whose query this level is */
    Relation    target_relation;    /* INSERT/UPDATE/DELETE target, open */
    ParseNamespaceItem *target_nsitem;
    bool        is_insert;
    ParseExprKind expr_kind;
    int         next_resno;
    List       *locking_clause; /* raw LockingClause list of this level */
    bool        locked_from_parent;
    bool        resolve_unknowns;   /* resolve unknown target columns to text */
    bool        has_aggs;
    bool        has_window_funcs;
    List       *windowdefs;     /* RawWindowDef: WINDOW entries, then OVER (...) specs */
    bool        has_target_srfs;
    bool        has_sublinks;
    ParseParamState *params;
    /* recursive CTE self-reference checking */
    int         self_ref_rtindex;
} ParseState;

/* One WITH item while its level is analyzed (parse_cte.c). */
typedef struct CteState
{
    CommonTableExpr *cte;       /* ctequery NULL until analyzed */
    Node       *raw;            /* the raw statement */
    bool        in_progress;    /* being analyzed: a reference is recursive */
    bool        nonrecursive_phase; /* analyzing the non-recursive term */
    bool        recursive;      /* WITH RECURSIVE */
    int         location;
} CteState;

/* ---- analyze.c ---- */
extern Query *AnalyzeStmt(ParseState *pstate, Node *parse_tree);
extern Query *AnalyzeSubStmt(ParseState *parent, Node *parse_tree, CommonTableExpr *parent_cte,
                             bool locked_from_parent, bool resolve_unknowns);
extern ParseState *ParseStateCreate(ParseState *parent);
extern int  ParserErrPos(ParseState *pstate, int location);

/* ---- analyze_dml.c ---- */
extern Query *TransformInsertStmt(ParseState *pstate, InsertStmt *stmt);
extern Query *TransformUpdateStmt(ParseState *pstate, UpdateStmt *stmt);
extern Query *TransformDeleteStmt(ParseState *pstate, DeleteStmt *stmt);
extern List *TransformReturningList(ParseState *pstate, List *returning);

/* ---- analyze_setop.c ---- */
extern Query *TransformSetOperationStmt(ParseState *pstate, SelectStmt *stmt);
extern Query *TransformValuesStmt(ParseState *pstate, SelectStmt *stmt);

/* ---- parse_expr.c ---- */
extern Node *TransformExpr(ParseState *pstate, Node *expr, ParseExprKind kind);
extern Node *TransformExprRecurse(ParseState *pstate, Node *expr);
extern Node *MakeConstFromValue(ParseState *pstate, A_Const *aconst);
extern const char *ParseExprKindName(ParseExprKind kind);
extern Node *MakeTypedBoolConst(bool value, bool isnull);
extern Node *MakeTypedNullConst(Oid typid, int32 typmod);
extern Const *MakeTypedConst(Oid typid, int32 typmod, Datum value, bool isnull, int location);
extern Node *CoerceToBoolean(ParseState *pstate, Node *node, const char *construct);
extern Node *CoerceToSpecificType(ParseState *pstate, Node *node, Oid target,
                                  const char *construct);

/* ---- parse_expr2.c (special forms) ---- */
extern Node *TransformAExprSpecial(ParseState *pstate, A_Expr *a);
extern Node *TransformCaseExpr(ParseState *pstate, RawCaseExpr *c);
extern Node *TransformSubLink(ParseState *pstate, RawSubLink *s);
extern Node *TransformArrayExpr(ParseState *pstate, A_ArrayExpr *a, Oid array_type,
                                Oid element_type, int32 typmod);
extern Node *TransformSQLValueFunction(ParseState *pstate, RawSQLValueFunction *svf);
extern Node *TransformIndirection(ParseState *pstate, A_Indirection *ind);
extern Node *TransformParamRef(ParseState *pstate, ParamRef *p);
extern Node *TransformRowExpr(ParseState *pstate, RawRowExpr *r);

/* ---- parse_coerce.c ---- */
extern Node *CoerceType(ParseState *pstate, Node *node, Oid input_type, Oid target_type,
                        int32 target_typmod, CoercionContext ccontext, CoercionForm cformat,
                        int location);
extern Node *CoerceToTarget(ParseState *pstate, Node *expr, Oid exprtype, Oid targettype,
                            int32 targettypmod, CoercionContext ccontext,
                            CoercionForm cformat, int location);
extern Node *CoerceToCommonType(ParseState *pstate, Node *node, Oid target,
                                const char *context);
extern Oid  SelectCommonType(ParseState *pstate, List *exprs, const char *context,
                             Node **which_expr);
extern int32 SelectCommonTypmod(List *exprs, Oid common_type);
extern char TypeCategoryOf(Oid typid);
extern bool TypeIsPreferred(Oid typid);
extern bool TypeIsPolymorphic(Oid typid);
extern bool TypeIsStringCategory(Oid typid);
extern Oid  ResolveUnknownToText(ParseState *pstate, Node **expr);
extern Node *ResolveUnknownNode(ParseState *pstate, Node *expr);
extern char *FormatTypeName(Oid typid);
extern Oid  EnforcePolymorphic(const Oid *actual, const Oid *declared, int nargs,
                               Oid rettype, Oid *resolved_args);

/* ---- parse_oper.c ---- */
extern Node *MakeOpExpr(ParseState *pstate, List *opname, Node *ltree, Node *rtree,
                        int location);
extern const OperInfo *LookupOperator(ParseState *pstate, List *opname, Oid ltype, Oid rtype,
                                      bool noerror, int location);
extern Node *MakeScalarArrayOp(ParseState *pstate, List *opname, bool use_or, Node *ltree,
                               Node *rtree, int location);
extern char *OperNameString(List *opname);
extern int  SelectBestCandidate(int nargs, const Oid *input, int ncands, Oid **cand_args,
                                bool *ambiguous);
extern Node *MakeOpExprFromInfo(ParseState *pstate, const OperInfo *op, Node *ltree,
                                Node *rtree, int location);

/* ---- parse_func.c ---- */
extern Node *TransformFuncCall(ParseState *pstate, FuncCall *fc);
extern Node *MakeFuncCallByName(ParseState *pstate, const char *name, List *args,
                                CoercionForm fmt, int location);
extern const FuncInfo *ResolveFunction(ParseState *pstate, const char *name, int nargs,
                                       const Oid *argtypes, bool *ambiguous,
                                       Oid *resolved_types, Oid *resolved_ret);
extern const char *FuncSignatureString(const char *name, int nargs, const Oid *argtypes);

/* ---- parse_agg.c ---- */
extern Node *TransformAggregateCall(ParseState *pstate, FuncCall *fc, const FuncInfo *fi,
                                    List *args, Oid *argtypes, Oid rettype);
extern void CheckAggregatesAndGrouping(ParseState *pstate, Query *qry);
extern bool ContainsAggOfLevel(Node *node, int levelsup);

/* ---- parse_window.c ---- */
extern Node *TransformWindowFuncCall(ParseState *pstate, FuncCall *fc, const FuncInfo *fi,
                                     List *args, Oid rettype);
extern List *TransformWindowDefinitions(ParseState *pstate, List *windowdefs,
                                        List **targetlist);
extern int  WindowFuncLocation(Node *node);

/* ---- parse_relation.c ---- */
extern RangeTblEntry *AddRangeTableEntryForRelation(ParseState *pstate, RangeVar *rv,
                                                    LOCKMODE lockmode, Relation *relp,
                                                    int *rtindex);
extern RangeTblEntry *AddRangeTableEntryForSubquery(ParseState *pstate, Query *sub,
                                                    Alias *alias, bool lateral,
                                                    int *rtindex);
extern RangeTblEntry *AddRangeTableEntry(ParseState *pstate, RangeTblEntry *rte, int *rtindex);
extern ParseNamespaceItem *MakeNamespaceItem(RangeTblEntry *rte, int rtindex,
                                             bool rel_visible, bool cols_visible);
extern Node *ColumnRefLookup(ParseState *pstate, ColumnRef *cref);
extern List *ExpandNamespaceItem(ParseState *pstate, ParseNamespaceItem *nsi, int sublevels,
                                 int location, bool make_targets);
extern List *ExpandAllStar(ParseState *pstate, int location);
extern Var *MakeVarForColumn(RangeTblEntry *rte, int rtindex, int attno, int sublevels,
                             int location);
extern void RteColumnType(RangeTblEntry *rte, int attno, Oid *typid, int32 *typmod);
extern Oid  RelationOidForRangeVar(ParseState *pstate, RangeVar *rv);
extern int  RteColumnCount(RangeTblEntry *rte);
extern const char *RteColumnName(RangeTblEntry *rte, int attno);
extern Alias *MakeAlias(const char *name, List *colnames);
extern ParseNamespaceItem *FindRelationInNamespace(ParseState *pstate, const char *schemaname,
                                                   const char *relname, int location,
                                                   int *sublevels);
extern RangeTblEntry *GetRte(ParseState *pstate, int rtindex, int sublevels);

/* ---- parse_clause.c ---- */
extern void TransformFromClause(ParseState *pstate, List *from);
extern Node *TransformWhereClause(ParseState *pstate, Node *clause, ParseExprKind kind,
                                  const char *construct);
extern Node *TransformLimitClause(ParseState *pstate, Node *clause, ParseExprKind kind,
                                  const char *construct);
extern List *TransformSortClause(ParseState *pstate, List *orderlist, List **targetlist,
                                 ParseExprKind kind, bool use_sql99);
extern List *TransformGroupClause(ParseState *pstate, List *grouplist, List **targetlist,
                                  List *sortclause);
extern List *TransformDistinctClause(ParseState *pstate, List **targetlist, List *sortclause);
extern List *TransformDistinctOnClause(ParseState *pstate, List *distinctlist,
                                       List **targetlist, List *sortclause);
extern SortGroupClause *MakeSortGroupClause(Oid type, uint32 ref, bool desc, int nulls,
                                            ParseState *pstate, List *useop, int location);
extern uint32 AssignSortGroupRef(TargetEntry *tle, List *tlist);
extern void TransformLockingClause(ParseState *pstate, Query *qry, List *clauses);

/* ---- parse_cte.c ---- */
extern List *TransformWithClause(ParseState *pstate, WithClause *with);
extern CteState *ScanNameSpaceForCTE(ParseState *pstate, const char *name, int *levelsup);
extern RangeTblEntry *AddRangeTableEntryForCTE(ParseState *pstate, CteState *cs, int levelsup,
                                               RangeVar *rv, int *rtindex);

/* ---- parse_target.c ---- */
extern List *TransformTargetList(ParseState *pstate, List *targetlist, ParseExprKind kind);
extern TargetEntry *MakeTargetEntry(Node *expr, int resno, char *name, bool junk);
extern char *FigureColname(Node *node);
extern void MarkTargetListOrigins(ParseState *pstate, List *tlist);
extern void ResolveTargetListUnknowns(ParseState *pstate, List *tlist);
extern List *TransformExpressionList(ParseState *pstate, List *exprs, ParseExprKind kind,
                                     bool allow_default);
extern Node *TransformAssignedExpr(ParseState *pstate, Node *expr, ParseExprKind kind,
                                   const char *colname, int attno, int location);
extern TargetEntry *FindTargetEntry(List *tlist, int resno);
extern TargetEntry *FindTargetEntryByRef(List *tlist, uint32 ref);

/* ---- parse_type.c ---- */
extern Oid  TypenameTypeId(ParseState *pstate, TypeName *tn, int32 *typmod);
extern char *NameListToString(List *names);
extern char *TypeNameToString(TypeName *tn);

#endif                          /* PARSER_ANALYZE_INT_H */
