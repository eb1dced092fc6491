/*
 * parsenodes.h
 *     Raw parse trees produced by the parser (RawParser() in parser/parser.h)
 *     and the utility statement nodes that later phases execute directly.
 *
 * Conventions (see src/backend/parser/README.md for the full story):
 *   - Node tags live in 100..399 (nodes/nodes.h).
 *   - Names that PostgreSQL keeps only in raw trees keep PostgreSQL's name
 *     (SelectStmt, A_Expr, ColumnRef, ...).  Names that the analyzer also
 *     uses for typed trees in nodes/primnodes.h get a "Raw" prefix here
 *     (RawBoolExpr, RawSubLink, ...), and so do their enums (RAW_AND_EXPR, ...).
 *   - Field names follow PostgreSQL's raw nodes so that readers who know
 *     PostgreSQL find their way; this is a deliberate exception to the
 *     snake_case rule of STYLE.md §3.
 *   - Identifiers are already downcased (unless quoted) and truncated to
 *     NAMEDATALEN-1 bytes.  Qualified names are Lists of String nodes.
 *   - "location" is the 0-based byte offset of the construct in the query
 *     string, or -1 if unknown.  Convert with ParserErrorPosition() before
 *     passing it to errposition().
 *   - Everything is allocated in the CurrentMemoryContext of the RawParser()
 *     call; trees are never shared between statements.
 *
 * This header is a contract with the analyzer: only add to it.
 */
#ifndef NODES_PARSENODES_H
#define NODES_PARSENODES_H

#include "nodes/nodes.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"        /* Alias, SetOperation, LockClauseStrength, LockWaitPolicy */
#include "nodes/value.h"

enum
{
    /* ---- expressions (100..) ---- */
    T_A_Expr = 100,
    T_A_Const,
    T_ColumnRef,
    T_ParamRef,
    T_FuncCall,
    T_A_Star,
    T_A_Indices,
    T_A_Indirection,
    T_A_ArrayExpr,
    T_TypeCast,
    T_CollateClause,
    T_RawBoolExpr,
    T_RawCaseExpr,
    T_RawCaseWhen,
    T_RawSubLink,
    T_RawNullTest,
    T_RawBooleanTest,
    T_RawCoalesceExpr,
    T_RawMinMaxExpr,
    T_RawNullIfExpr,
    T_RawRowExpr,
    T_RawSQLValueFunction,
    T_RawSetToDefault,
    T_MultiAssignRef,
    T_RawWindowDef,
    T_SortBy,
    T_TypeName,

    /* ---- query building blocks (150..); Alias is T_Alias of primnodes.h ---- */
    T_RangeVar = 151,
    T_RangeSubselect,
    T_RangeFunction,
    T_RawJoinExpr,
    T_ResTarget,
    T_WithClause,
    T_RawCommonTableExpr,
    T_LockingClause,
    T_IntoClause,
    T_OnConflictClause,
    T_InferClause,
    T_DefElem,
    T_RoleSpec,

    /* ---- DDL building blocks (200..) ---- */
    T_ColumnDef = 200,
    T_Constraint,
    T_IndexElem,
    T_PartitionSpec,
    T_PartitionElem,
    T_PartitionBoundSpec,
    T_PartitionRangeDatum,
    T_PartitionDef,
    T_AlterTableCmd,
    T_VacuumRelation,

    /* ---- statements (250..) ---- */
    T_RawStmt = 250,
    T_SelectStmt,
    T_InsertStmt,
    T_UpdateStmt,
    T_DeleteStmt,
    T_CreateStmt,
    T_CreateTableAsStmt,
    T_DropStmt,
    T_CreatedbStmt,
    T_CreateSchemaStmt,
    T_ViewStmt,
    T_CreateRoleStmt,
    T_AlterRoleStmt,
    T_TruncateStmt,
    T_AlterTableStmt,
    T_RenameStmt,
    T_IndexStmt,
    T_CreateSeqStmt,
    T_VacuumStmt,
    T_ReindexStmt,
    T_CheckPointStmt,
    T_ExplainStmt,
    T_TransactionStmt,
    T_VariableSetStmt,
    T_VariableShowStmt,
    T_AlterSystemStmt,
    T_LockStmt,
    T_CopyStmt,
    T_PrepareStmt,
    T_ExecuteStmt,
    T_DeallocateStmt,
    T_DiscardStmt,
    T_ListenStmt,
    T_UnlistenStmt,
    T_NotifyStmt,
    T_DoStmt,
    T_AlterSeqStmt,
    T_DropOwnedStmt             /* reserved; not produced yet */
};

/* ====================================================================
 * Expressions
 * ==================================================================== */

typedef enum A_Expr_Kind
{
    AEXPR_OP,                   /* normal operator: name = {"+"} etc. */
    AEXPR_OP_ANY,               /* scalar op ANY (array) */
    AEXPR_OP_ALL,               /* scalar op ALL (array) */
    AEXPR_DISTINCT,             /* IS DISTINCT FROM; name = {"="} */
    AEXPR_NOT_DISTINCT,         /* IS NOT DISTINCT FROM; name = {"="} */
    AEXPR_IN,                   /* [NOT] IN (list); name "=" or "<>"; rexpr is a List */
    AEXPR_LIKE,                 /* [NOT] LIKE; name "~~" or "!~~" */
    AEXPR_ILIKE,                /* [NOT] ILIKE; name "~~*" or "!~~*" */
    AEXPR_SIMILAR,              /* [NOT] SIMILAR TO; name "~" or "!~" */
    AEXPR_BETWEEN,              /* rexpr is a 2-element List */
    AEXPR_NOT_BETWEEN,
    AEXPR_BETWEEN_SYM,
    AEXPR_NOT_BETWEEN_SYM
} A_Expr_Kind;

/*
 * A_Expr -- infix, prefix (lexpr NULL) operator expressions.
 * LIKE/ILIKE ... ESCAPE e: rexpr is FuncCall like_escape(pattern, e).
 * SIMILAR TO p [ESCAPE e]: rexpr is FuncCall similar_to_escape(p [, e]).
 * Both FuncCalls have funcname {"pg_catalog", name}.
 */
typedef struct A_Expr
{
    NodeTag     type;
    A_Expr_Kind kind;
    List       *name;           /* operator name: List of String (maybe qualified) */
    Node       *lexpr;          /* left operand, NULL for prefix operators */
    Node       *rexpr;          /* right operand (or List, see kind) */
    int         location;       /* operator's location */
} A_Expr;

/*
 * A_Const -- a literal.  val is an Integer, Float, Boolean (TRUE/FALSE),
 * String or BitString node; for NULL, isnull is true and val is NULL.
 */
typedef struct A_Const
{
    NodeTag     type;
    Node       *val;
    bool        isnull;
    int         location;
} A_Const;

/* ColumnRef -- a.b.c or a.*: fields is a List of String, the last may be A_Star. */
typedef struct ColumnRef
{
    NodeTag     type;
    List       *fields;
    int         location;
} ColumnRef;

/* ParamRef -- $n */
typedef struct ParamRef
{
    NodeTag     type;
    int         number;
    int         location;
} ParamRef;

typedef enum RawFuncFormat
{
    RAW_FUNC_PLAIN,             /* f(args) */
    RAW_FUNC_SQL_SYNTAX         /* EXTRACT(x FROM y), SUBSTRING(... FROM ...), TRIM(...), ... */
} RawFuncFormat;

typedef struct RawWindowDef RawWindowDef;

/*
 * FuncCall -- f(args), aggregates and window calls.
 * SQL-standard syntax forms are mapped to ordinary functions with
 * funcformat = RAW_FUNC_SQL_SYNTAX and funcname {"pg_catalog", fn}:
 *   EXTRACT(field FROM x)      -> extract('field', x)   (field is a String A_Const, downcased)
 *   SUBSTRING(x FROM a FOR b)  -> substring(x, a, b)    (FROM only: (x, a); FOR only: (x, 1, b))
 *   POSITION(a IN b)           -> position(b, a)
 *   TRIM([BOTH] [c] FROM x)    -> btrim(x [, c]);  LEADING -> ltrim, TRAILING -> rtrim
 *   OVERLAY(x PLACING y FROM a [FOR b]) -> overlay(x, y, a [, b])
 *   x AT TIME ZONE z           -> timezone(z, x)
 */
typedef struct FuncCall
{
    NodeTag     type;
    List       *funcname;       /* qualified name: List of String */
    List       *args;           /* argument expressions */
    List       *agg_order;      /* ORDER BY inside the call: List of SortBy */
    Node       *agg_filter;     /* FILTER (WHERE ...) or NULL */
    RawWindowDef *over;         /* OVER (...) or OVER name, or NULL */
    bool        agg_within_group;   /* WITHIN GROUP (ORDER BY ...) */
    bool        agg_star;       /* f(*) */
    bool        agg_distinct;   /* f(DISTINCT ...) */
    bool        func_variadic;  /* last argument was VARIADIC */
    RawFuncFormat funcformat;
    int         location;
} FuncCall;

/* A_Star -- '*' in a ColumnRef field list or an A_Indirection. */
typedef struct A_Star
{
    NodeTag     type;
} A_Star;

/* A_Indices -- [idx] or [lidx:uidx] (either bound may be NULL for a slice). */
typedef struct A_Indices
{
    NodeTag     type;
    bool        is_slice;
    Node       *lidx;
    Node       *uidx;
} A_Indices;

/*
 * A_Indirection -- arg followed by subscripts and/or field selections:
 * indirection is a List of A_Indices, String (field) or A_Star.
 * Subscripts on a plain column are folded into ColumnRef's sibling:
 * "a[1]" is A_Indirection(ColumnRef(a), [A_Indices]).
 */
typedef struct A_Indirection
{
    NodeTag     type;
    Node       *arg;
    List       *indirection;
} A_Indirection;

/* A_ArrayExpr -- ARRAY[...]; nested ARRAY[[..],[..]] elements are A_ArrayExpr too. */
typedef struct A_ArrayExpr
{
    NodeTag     type;
    List       *elements;
    int         location;
} A_ArrayExpr;

/*
 * TypeName -- a type as written.
 * names: List of String, e.g. {"pg_catalog","int4"} for INT/INTEGER (SQL
 * keyword types are mapped to their internal name, qualified by
 * pg_catalog, as PostgreSQL does) or {"mytype"} for user types.
 * typmods: List of expression nodes (A_Const usually); for INTERVAL field
 * restrictions, an Integer A_Const holding the RAW_INTERVAL_* mask first.
 * arrayBounds: List of Integer (-1 for "[]").
 */
typedef struct TypeName
{
    NodeTag     type;
    List       *names;
    Oid         typeOid;        /* set only by internal callers; parser leaves InvalidOid */
    bool        setof;          /* SETOF (function return types); unused by the parser */
    bool        pct_type;       /* %TYPE; unused by the parser */
    List       *typmods;
    int32       typemod;        /* -1 */
    List       *arrayBounds;
    int         location;
} TypeName;

/* Interval field masks, as typmod[0] of an INTERVAL with fields. */
#define RAW_INTERVAL_YEAR       (1 << 2)
#define RAW_INTERVAL_MONTH      (1 << 1)
#define RAW_INTERVAL_DAY        (1 << 3)
#define RAW_INTERVAL_HOUR       (1 << 10)
#define RAW_INTERVAL_MINUTE     (1 << 11)
#define RAW_INTERVAL_SECOND     (1 << 12)
#define RAW_INTERVAL_FULL_RANGE 0x7FFF
#define RAW_INTERVAL_FULL_PRECISION 0xFFFF

/* TypeCast -- x::type, CAST(x AS type), and typed literals DATE '...'. */
typedef struct TypeCast
{
    NodeTag     type;
    Node       *arg;
    TypeName   *typeName;
    int         location;       /* "::" / CAST / type keyword location */
} TypeCast;

/* CollateClause -- x COLLATE name */
typedef struct CollateClause
{
    NodeTag     type;
    Node       *arg;            /* NULL in column definitions */
    List       *collname;       /* List of String */
    int         location;
} CollateClause;

typedef enum RawBoolExprType
{
    RAW_AND_EXPR,
    RAW_OR_EXPR,
    RAW_NOT_EXPR
} RawBoolExprType;

/* RawBoolExpr -- AND/OR have >= 2 args (flattened: a AND b AND c has 3), NOT has 1. */
typedef struct RawBoolExpr
{
    NodeTag     type;
    RawBoolExprType boolop;
    List       *args;
    int         location;
} RawBoolExpr;

/* RawCaseExpr -- CASE [arg] WHEN ... THEN ... [ELSE defresult] END */
typedef struct RawCaseExpr
{
    NodeTag     type;
    Node       *arg;            /* simple CASE operand, or NULL */
    List       *args;           /* List of RawCaseWhen */
    Node       *defresult;      /* ELSE, or NULL */
    int         location;
} RawCaseExpr;

typedef struct RawCaseWhen
{
    NodeTag     type;
    Node       *expr;
    Node       *result;
    int         location;
} RawCaseWhen;

typedef enum RawSubLinkType
{
    RAW_EXISTS_SUBLINK,         /* EXISTS (sub) */
    RAW_ALL_SUBLINK,            /* x op ALL (sub) */
    RAW_ANY_SUBLINK,            /* x op ANY (sub), x IN (sub) (operName {"="}) */
    RAW_EXPR_SUBLINK,           /* (sub) as a scalar */
    RAW_ARRAY_SUBLINK,          /* ARRAY(sub) */
    RAW_MULTIEXPR_SUBLINK       /* UPDATE ... SET (a, b) = (sub) */
} RawSubLinkType;

/*
 * RawSubLink -- a subquery in an expression.  x NOT IN (sub) is
 * NOT(RawSubLink ANY "=").  subselect is a SelectStmt.
 */
typedef struct RawSubLink
{
    NodeTag     type;
    RawSubLinkType subLinkType;
    Node       *testexpr;       /* left operand for ANY/ALL, else NULL */
    List       *operName;       /* operator name for ANY/ALL, else NIL */
    Node       *subselect;
    int         location;
} RawSubLink;

typedef enum RawNullTestType
{
    RAW_IS_NULL,
    RAW_IS_NOT_NULL
} RawNullTestType;

/* RawNullTest -- x IS [NOT] NULL, x ISNULL, x NOTNULL */
typedef struct RawNullTest
{
    NodeTag     type;
    Node       *arg;
    RawNullTestType nulltesttype;
    int         location;
} RawNullTest;

typedef enum RawBoolTestType
{
    RAW_IS_TRUE,
    RAW_IS_NOT_TRUE,
    RAW_IS_FALSE,
    RAW_IS_NOT_FALSE,
    RAW_IS_UNKNOWN,
    RAW_IS_NOT_UNKNOWN
} RawBoolTestType;

typedef struct RawBooleanTest
{
    NodeTag     type;
    Node       *arg;
    RawBoolTestType booltesttype;
    int         location;
} RawBooleanTest;

typedef struct RawCoalesceExpr
{
    NodeTag     type;
    List       *args;
    int         location;
} RawCoalesceExpr;

typedef enum RawMinMaxOp
{
    RAW_IS_GREATEST,
    RAW_IS_LEAST
} RawMinMaxOp;

typedef struct RawMinMaxExpr
{
    NodeTag     type;
    RawMinMaxOp op;
    List       *args;
    int         location;
} RawMinMaxExpr;

/* RawNullIfExpr -- NULLIF(arg1, arg2) */
typedef struct RawNullIfExpr
{
    NodeTag     type;
    Node       *arg1;
    Node       *arg2;
    int         location;
} RawNullIfExpr;

/* RawRowExpr -- ROW(a, b), ROW(), or (a, b) (explicit_row false). */
typedef struct RawRowExpr
{
    NodeTag     type;
    List       *args;
    bool        explicit_row;
    int         location;
} RawRowExpr;

/*
 * RawSQLValueFunction -- SQL-standard niladic "functions" written without
 * parentheses.  typmod is the precision of CURRENT_TIME(p) etc., or -1.
 */
typedef enum RawSVFOp
{
    RAW_SVFOP_CURRENT_DATE,
    RAW_SVFOP_CURRENT_TIME,
    RAW_SVFOP_CURRENT_TIME_N,
    RAW_SVFOP_CURRENT_TIMESTAMP,
    RAW_SVFOP_CURRENT_TIMESTAMP_N,
    RAW_SVFOP_LOCALTIME,
    RAW_SVFOP_LOCALTIME_N,
    RAW_SVFOP_LOCALTIMESTAMP,
    RAW_SVFOP_LOCALTIMESTAMP_N,
    RAW_SVFOP_CURRENT_ROLE,
    RAW_SVFOP_CURRENT_USER,
    RAW_SVFOP_USER,
    RAW_SVFOP_SESSION_USER,
    RAW_SVFOP_CURRENT_CATALOG,
    RAW_SVFOP_CURRENT_SCHEMA
} RawSVFOp;

typedef struct RawSQLValueFunction
{
    NodeTag     type;
    RawSVFOp    op;
    int32       typmod;
    int         location;
} RawSQLValueFunction;

/* RawSetToDefault -- DEFAULT in INSERT ... VALUES or UPDATE ... SET x = DEFAULT */
typedef struct RawSetToDefault
{
    NodeTag     type;
    int         location;
} RawSetToDefault;

/*
 * MultiAssignRef -- one column of UPDATE ... SET (a, b) = (x, y).  Each
 * ResTarget of the group has val = MultiAssignRef{source, colno, ncolumns};
 * source is the same node for every column of the group: a RawRowExpr for
 * "= (x, y)" / "= ROW(x, y)", or a RawSubLink of kind RAW_MULTIEXPR_SUBLINK
 * for "= (SELECT x, y ...)".  colno is 1-based.
 */
typedef struct MultiAssignRef
{
    NodeTag     type;
    Node       *source;
    int         colno;
    int         ncolumns;
} MultiAssignRef;

typedef enum SortByDir
{
    SORTBY_DEFAULT,
    SORTBY_ASC,
    SORTBY_DESC,
    SORTBY_USING                /* useOp names the operator */
} SortByDir;

typedef enum SortByNulls
{
    SORTBY_NULLS_DEFAULT,
    SORTBY_NULLS_FIRST,
    SORTBY_NULLS_LAST
} SortByNulls;

/* SortBy -- ORDER BY item */
typedef struct SortBy
{
    NodeTag     type;
    Node       *node;
    SortByDir   sortby_dir;
    SortByNulls sortby_nulls;
    List       *useOp;          /* USING operator name, else NIL */
    int         location;       /* of the USING operator, else -1 */
} SortBy;

/* Window frame options: bit flags in RawWindowDef.frameOptions (PostgreSQL's values). */
#define FRAMEOPTION_NONDEFAULT                  0x00001 /* any explicit frame */
#define FRAMEOPTION_RANGE                       0x00002
#define FRAMEOPTION_ROWS                        0x00004
#define FRAMEOPTION_GROUPS                      0x00008
#define FRAMEOPTION_BETWEEN                     0x00010
#define FRAMEOPTION_START_UNBOUNDED_PRECEDING   0x00020
#define FRAMEOPTION_END_UNBOUNDED_PRECEDING     0x00040
#define FRAMEOPTION_START_UNBOUNDED_FOLLOWING   0x00080
#define FRAMEOPTION_END_UNBOUNDED_FOLLOWING     0x00100
#define FRAMEOPTION_START_CURRENT_ROW           0x00200
#define FRAMEOPTION_END_CURRENT_ROW             0x00400
#define FRAMEOPTION_START_OFFSET_PRECEDING      0x00800
#define FRAMEOPTION_END_OFFSET_PRECEDING        0x01000
#define FRAMEOPTION_START_OFFSET_FOLLOWING      0x02000
#define FRAMEOPTION_END_OFFSET_FOLLOWING        0x04000
#define FRAMEOPTION_EXCLUDE_CURRENT_ROW         0x08000
#define FRAMEOPTION_EXCLUDE_GROUP               0x10000
#define FRAMEOPTION_EXCLUDE_TIES                0x20000
#define FRAMEOPTION_DEFAULTS (FRAMEOPTION_RANGE | FRAMEOPTION_START_UNBOUNDED_PRECEDING | \
                              FRAMEOPTION_END_CURRENT_ROW)

/*
 * RawWindowDef -- OVER (...) on a call, or an entry of WINDOW w AS (...).
 * PostgreSQL's convention: OVER w -> name = "w", everything else empty;
 * OVER (w ORDER BY x) -> refname = "w"; WINDOW w AS (...) -> name = "w".
 * frameOptions is FRAMEOPTION_DEFAULTS when no frame clause is written.
 */
struct RawWindowDef
{
    NodeTag     type;
    char       *name;
    char       *refname;
    List       *partitionClause;    /* expressions */
    List       *orderClause;        /* SortBy */
    int         frameOptions;       /* FRAMEOPTION_* */
    Node       *startOffset;
    Node       *endOffset;
    int         location;
};

/* ====================================================================
 * Query building blocks
 * ==================================================================== */

/* Alias (AS name [(colnames)] on a FROM item) is defined in primnodes.h. */

#define RELPERSISTENCE_PERMANENT 'p'
#define RELPERSISTENCE_UNLOGGED 'u'
#define RELPERSISTENCE_TEMP 't'

/* RangeVar -- [catalog.][schema.]relname, as a FROM item or DDL target. */
typedef struct RangeVar
{
    NodeTag     type;
    char       *catalogname;
    char       *schemaname;
    char       *relname;
    bool        inh;            /* false for ONLY t */
    char        relpersistence; /* RELPERSISTENCE_* (for CREATE TABLE) */
    Alias      *alias;
    int         location;
} RangeVar;

/* RangeSubselect -- [LATERAL] (SELECT ...) [AS] alias */
typedef struct RangeSubselect
{
    NodeTag     type;
    bool        lateral;
    Node       *subquery;       /* SelectStmt */
    Alias      *alias;          /* may be NULL */
    int         location;       /* the opening '(' */
} RangeSubselect;

/*
 * RangeFunction -- [LATERAL] f(args) [WITH ORDINALITY] [AS] alias [(cols)]
 * in FROM.  coldeflist holds ColumnDefs for "AS alias(c type, ...)".
 */
typedef struct RangeFunction
{
    NodeTag     type;
    bool        lateral;
    bool        ordinality;
    Node       *funccall;       /* FuncCall or other function-like expression */
    Alias      *alias;
    List       *coldeflist;
} RangeFunction;

/*
 * RawJoinExpr -- larg JOIN rarg.  CROSS JOIN is JOIN_INNER with no quals;
 * comma-separated FROM items stay separate entries of fromClause.
 */
typedef struct RawJoinExpr
{
    NodeTag     type;
    JoinType    jointype;
    bool        isNatural;
    Node       *larg;
    Node       *rarg;
    List       *usingClause;    /* List of String, or NIL */
    Alias      *join_using_alias;   /* USING (...) AS x, or NULL */
    Node       *quals;          /* ON expression, or NULL */
    Alias      *alias;          /* (a JOIN b) AS x, or NULL */
    int         location;       /* of the JOIN keyword */
} RawJoinExpr;

/*
 * ResTarget -- one item of a SELECT list (name = alias or NULL, val =
 * expression), of an INSERT column list (name, indirection, val NULL) or
 * of UPDATE SET (name, indirection, val).
 */
typedef struct ResTarget
{
    NodeTag     type;
    char       *name;
    List       *indirection;    /* subscripts/fields after the name, or NIL */
    Node       *val;
    int         location;
} ResTarget;

typedef enum RawCTEMaterialize
{
    RAW_CTE_MATERIALIZE_DEFAULT,
    RAW_CTE_MATERIALIZE_ALWAYS,
    RAW_CTE_MATERIALIZE_NEVER
} RawCTEMaterialize;

typedef struct RawCommonTableExpr
{
    NodeTag     type;
    char       *ctename;
    List       *aliascolnames;  /* List of String, or NIL */
    RawCTEMaterialize ctematerialized;
    Node       *ctequery;       /* SelectStmt, InsertStmt, UpdateStmt or DeleteStmt */
    int         location;
} RawCommonTableExpr;

typedef struct WithClause
{
    NodeTag     type;
    List       *ctes;           /* RawCommonTableExpr */
    bool        recursive;
    int         location;
} WithClause;

/* LockClauseStrength and LockWaitPolicy are defined in primnodes.h. */

/* LockingClause -- FOR UPDATE [OF t, ...] [NOWAIT | SKIP LOCKED] */
typedef struct LockingClause
{
    NodeTag     type;
    List       *lockedRels;     /* RangeVar, or NIL for all */
    LockClauseStrength strength;
    LockWaitPolicy waitPolicy;
} LockingClause;

typedef enum RawOnCommitAction
{
    RAW_ONCOMMIT_NOOP,
    RAW_ONCOMMIT_PRESERVE_ROWS,
    RAW_ONCOMMIT_DELETE_ROWS,
    RAW_ONCOMMIT_DROP
} RawOnCommitAction;

/* IntoClause -- target of CREATE TABLE AS / SELECT INTO. */
typedef struct IntoClause
{
    NodeTag     type;
    RangeVar   *rel;
    List       *colNames;       /* String */
    char       *accessMethod;
    List       *options;        /* DefElem, WITH (...) */
    RawOnCommitAction onCommit;
    char       *tableSpaceName;
    bool        skipData;       /* WITH NO DATA */
} IntoClause;

/* OnConflictAction: nodes/primnodes.h */

/* InferClause -- ON CONFLICT (cols) [WHERE pred] | ON CONSTRAINT name */
typedef struct InferClause
{
    NodeTag     type;
    List       *indexElems;     /* IndexElem */
    Node       *whereClause;
    char       *conname;
    int         location;
} InferClause;

typedef struct OnConflictClause
{
    NodeTag     type;
    OnConflictAction action;
    InferClause *infer;         /* may be NULL for DO NOTHING */
    List       *targetList;     /* ResTarget, DO UPDATE SET ... */
    Node       *whereClause;
    int         location;
} OnConflictClause;

typedef enum DefElemAction
{
    DEFELEM_UNSPEC,
    DEFELEM_SET,
    DEFELEM_ADD,
    DEFELEM_DROP
} DefElemAction;

/*
 * DefElem -- a generic "name [= value]" option.  arg is NULL (bare option),
 * a String (identifier or quoted string; keywords as their lowercase
 * text), Integer, Float, Boolean, TypeName, or a List of those.
 * defname is downcased.
 */
typedef struct DefElem
{
    NodeTag     type;
    char       *defnamespace;   /* WITH (ns.name = v) */
    char       *defname;
    Node       *arg;
    DefElemAction defaction;
    int         location;
} DefElem;

typedef enum RoleSpecType
{
    ROLESPEC_CSTRING,           /* a role name */
    ROLESPEC_CURRENT_ROLE,
    ROLESPEC_CURRENT_USER,
    ROLESPEC_SESSION_USER,
    ROLESPEC_PUBLIC
} RoleSpecType;

typedef struct RoleSpec
{
    NodeTag     type;
    RoleSpecType roletype;
    char       *rolename;       /* ROLESPEC_CSTRING only */
    int         location;
} RoleSpec;

/* ====================================================================
 * DDL building blocks
 * ==================================================================== */

/* ColumnDef -- one column of CREATE TABLE / ALTER TABLE ADD COLUMN. */
typedef struct ColumnDef
{
    NodeTag     type;
    char       *colname;
    TypeName   *typeName;
    bool        is_not_null;    /* set by the analyzer from constraints; parser: false */
    Node       *raw_default;    /* set by the analyzer from constraints; parser: NULL */
    CollateClause *collClause;
    List       *constraints;    /* Constraint, in written order */
    int         location;
} ColumnDef;

typedef enum ConstrType
{
    CONSTR_NULL,
    CONSTR_NOTNULL,
    CONSTR_DEFAULT,
    CONSTR_IDENTITY,
    CONSTR_GENERATED,
    CONSTR_CHECK,
    CONSTR_PRIMARY,
    CONSTR_UNIQUE,
    CONSTR_EXCLUSION,
    CONSTR_FOREIGN,
    CONSTR_ATTR_DEFERRABLE,
    CONSTR_ATTR_NOT_DEFERRABLE,
    CONSTR_ATTR_DEFERRED,
    CONSTR_ATTR_IMMEDIATE
} ConstrType;

#define FKCONSTR_ACTION_NOACTION    'a'
#define FKCONSTR_ACTION_RESTRICT    'r'
#define FKCONSTR_ACTION_CASCADE     'c'
#define FKCONSTR_ACTION_SETNULL     'n'
#define FKCONSTR_ACTION_SETDEFAULT  'd'

#define FKCONSTR_MATCH_FULL         'f'
#define FKCONSTR_MATCH_PARTIAL      'p'
#define FKCONSTR_MATCH_SIMPLE       's'

#define ATTRIBUTE_IDENTITY_ALWAYS   'a'
#define ATTRIBUTE_IDENTITY_BY_DEFAULT 'd'
#define ATTRIBUTE_GENERATED_STORED  's'

/*
 * Constraint -- a column or table constraint.  Column constraints have
 * keys = NIL (the column is implied); table constraints list keys.
 * CONSTR_ATTR_* are DEFERRABLE/INITIALLY ... written after a column
 * constraint; table constraints fold them into deferrable/initdeferred.
 */
typedef struct Constraint
{
    NodeTag     type;
    ConstrType  contype;
    char       *conname;
    bool        deferrable;
    bool        initdeferred;
    int         location;

    bool        is_no_inherit;
    Node       *raw_expr;       /* CHECK, DEFAULT, GENERATED ... AS (expr) */
    char        generated_when; /* ATTRIBUTE_IDENTITY_* for identity columns */
    List       *options;        /* identity sequence options / index WITH options */

    List       *keys;           /* PRIMARY KEY / UNIQUE / FOREIGN KEY columns: String */
    List       *including;      /* INCLUDE (...) columns: String */
    bool        nulls_not_distinct;
    char       *indexname;      /* USING INDEX name (unused) */
    char       *indexspace;     /* USING INDEX TABLESPACE name */

    RangeVar   *pktable;        /* REFERENCES table */
    List       *fk_attrs;       /* FOREIGN KEY (cols) */
    List       *pk_attrs;       /* REFERENCES t (cols), or NIL */
    char        fk_matchtype;   /* FKCONSTR_MATCH_* */
    char        fk_upd_action;  /* FKCONSTR_ACTION_* */
    char        fk_del_action;
    bool        skip_validation;    /* NOT VALID */
    bool        initially_valid;
} Constraint;

/* IndexElem -- one key of CREATE INDEX or ON CONFLICT (...). */
typedef struct IndexElem
{
    NodeTag     type;
    char       *name;           /* column name, or NULL */
    Node       *expr;           /* expression, or NULL */
    char       *indexcolname;   /* unused by the parser */
    List       *collation;
    List       *opclass;        /* operator class name: List of String */
    List       *opclassopts;
    SortByDir   ordering;
    SortByNulls nulls_ordering;
    int         location;
} IndexElem;

/* PartitionElem -- one key column/expression of PARTITION BY. */
typedef struct PartitionElem
{
    NodeTag     type;
    char       *name;
    Node       *expr;
    List       *collation;
    List       *opclass;
    int         location;
} PartitionElem;

/*
 * PartitionSpec -- PARTITION BY strategy (keys).  strategy is "range",
 * "list" or "hash".  partitions is RustyDB's dialect: the inline list of
 * PartitionDef written after the key list,
 *     ALTER TABLE t PARTITION BY RANGE (c) (PARTITION p VALUES LESS THAN (...), ...)
 * (NIL for PostgreSQL's own syntax).
 */
typedef struct PartitionSpec
{
    NodeTag     type;
    char       *strategy;
    List       *partParams;     /* PartitionElem */
    List       *partitions;     /* PartitionDef (dialect) */
    int         location;
} PartitionSpec;

typedef enum PartitionRangeDatumKind
{
    PARTITION_RANGE_DATUM_MINVALUE = -1,
    PARTITION_RANGE_DATUM_VALUE = 0,
    PARTITION_RANGE_DATUM_MAXVALUE = 1
} PartitionRangeDatumKind;

typedef struct PartitionRangeDatum
{
    NodeTag     type;
    PartitionRangeDatumKind kind;
    Node       *value;          /* expression for VALUE, else NULL */
    int         location;
} PartitionRangeDatum;

/*
 * PartitionBoundSpec -- FOR VALUES ... of CREATE TABLE ... PARTITION OF.
 * strategy 'r' (FROM/TO: lowerdatums/upperdatums of PartitionRangeDatum),
 * 'l' (IN (...): listdatums of expressions), 'h' (WITH (MODULUS m,
 * REMAINDER r)); is_default for DEFAULT.
 */
typedef struct PartitionBoundSpec
{
    NodeTag     type;
    char        strategy;
    bool        is_default;
    int         modulus;
    int         remainder;
    List       *listdatums;
    List       *lowerdatums;
    List       *upperdatums;
    int         location;
} PartitionBoundSpec;

/*
 * PartitionDef -- dialect: PARTITION name VALUES LESS THAN (datums).
 * upperdatums: PartitionRangeDatum (VALUE or MAXVALUE); "VALUES LESS THAN
 * MAXVALUE" without parentheses gives a single MAXVALUE datum.
 */
typedef struct PartitionDef
{
    NodeTag     type;
    char       *name;
    List       *upperdatums;
    int         location;
} PartitionDef;

/* VacuumRelation -- one table (and optional column list) of VACUUM/ANALYZE. */
typedef struct VacuumRelation
{
    NodeTag     type;
    RangeVar   *relation;
    List       *va_cols;        /* String */
} VacuumRelation;

/* ====================================================================
 * Statements
 * ==================================================================== */

/*
 * RawStmt -- one statement of a query string.  stmt_location is the byte
 * offset of its first token (leading whitespace and comments skipped) and
 * stmt_len the number of bytes up to the end of its last token (the ';'
 * and trailing whitespace excluded), so query + stmt_location, stmt_len is
 * exactly the statement's text.
 */
typedef struct RawStmt
{
    NodeTag     type;
    Node       *stmt;
    int         stmt_location;
    int         stmt_len;
} RawStmt;

/* SetOperation (SETOP_NONE/UNION/INTERSECT/EXCEPT) is defined in primnodes.h. */

typedef enum LimitOption
{
    LIMIT_OPTION_DEFAULT,       /* no limit given */
    LIMIT_OPTION_COUNT,         /* LIMIT n / FETCH FIRST n ROWS ONLY */
    LIMIT_OPTION_WITH_TIES      /* FETCH FIRST n ROWS WITH TIES */
} LimitOption;

/*
 * SelectStmt -- SELECT, VALUES, TABLE t, and set operations.
 *  - A leaf (op == SETOP_NONE) uses targetList..windowClause, or only
 *    valuesLists (VALUES; List of Lists of expressions).
 *  - A set operation uses op/all/larg/rarg; sortClause, limit*, locking
 *    and withClause then apply to the whole.
 *  - distinctClause: NIL (no DISTINCT), list_make1(NULL) for plain
 *    DISTINCT, else the DISTINCT ON expressions.
 *  - TABLE t becomes SELECT * FROM t.
 *  - LIMIT ALL: limitCount is A_Const NULL.
 */
typedef struct SelectStmt
{
    NodeTag     type;
    List       *distinctClause;
    IntoClause *intoClause;     /* SELECT INTO (not produced yet), else NULL */
    List       *targetList;     /* ResTarget */
    List       *fromClause;     /* RangeVar, RangeSubselect, RangeFunction, RawJoinExpr */
    Node       *whereClause;
    List       *groupClause;    /* expressions */
    bool        groupDistinct;  /* GROUP BY DISTINCT */
    Node       *havingClause;
    List       *windowClause;   /* RawWindowDef with name set */
    List       *valuesLists;

    List       *sortClause;     /* SortBy */
    Node       *limitOffset;
    Node       *limitCount;
    LimitOption limitOption;
    List       *lockingClause;  /* LockingClause */
    WithClause *withClause;

    SetOperation op;
    bool        all;
    struct SelectStmt *larg;
    struct SelectStmt *rarg;
} SelectStmt;

typedef struct InsertStmt
{
    NodeTag     type;
    RangeVar   *relation;       /* alias in relation->alias */
    List       *cols;           /* ResTarget (name, indirection), or NIL */
    Node       *selectStmt;     /* SelectStmt (VALUES or query); NULL = DEFAULT VALUES */
    OnConflictClause *onConflictClause;
    List       *returningList;  /* ResTarget */
    WithClause *withClause;
    bool        overridingSystem;   /* OVERRIDING SYSTEM VALUE (unused) */
} InsertStmt;

typedef struct UpdateStmt
{
    NodeTag     type;
    RangeVar   *relation;
    List       *targetList;     /* ResTarget (name, indirection, val) */
    Node       *whereClause;
    List       *fromClause;
    List       *returningList;
    WithClause *withClause;
} UpdateStmt;

typedef struct DeleteStmt
{
    NodeTag     type;
    RangeVar   *relation;
    List       *usingClause;
    Node       *whereClause;
    List       *returningList;
    WithClause *withClause;
} DeleteStmt;

typedef enum ObjectType
{
    OBJECT_TABLE,
    OBJECT_INDEX,
    OBJECT_VIEW,
    OBJECT_MATVIEW,
    OBJECT_SEQUENCE,
    OBJECT_SCHEMA,
    OBJECT_DATABASE,
    OBJECT_ROLE,
    OBJECT_COLUMN,
    OBJECT_TABCONSTRAINT,
    OBJECT_TYPE,
    OBJECT_FUNCTION,
    OBJECT_TABLESPACE,
    OBJECT_EXTENSION
} ObjectType;

typedef enum DropBehavior
{
    DROP_RESTRICT,              /* the default */
    DROP_CASCADE
} DropBehavior;

/*
 * CreateStmt -- CREATE TABLE.  tableElts holds ColumnDef and table-level
 * Constraint nodes in written order.  For PARTITION OF, inhRelations has
 * the parent RangeVar and partbound is set.
 */
typedef struct CreateStmt
{
    NodeTag     type;
    RangeVar   *relation;       /* relpersistence from TEMP/UNLOGGED */
    List       *tableElts;
    List       *inhRelations;   /* INHERITS (...) or PARTITION OF parent: RangeVar */
    PartitionBoundSpec *partbound;
    PartitionSpec *partspec;
    List       *options;        /* WITH (...): DefElem */
    RawOnCommitAction oncommit;
    char       *tablespacename;
    char       *accessMethod;
    bool        if_not_exists;
} CreateStmt;

/* CreateTableAsStmt -- CREATE TABLE name [(cols)] AS query [WITH [NO] DATA] */
typedef struct CreateTableAsStmt
{
    NodeTag     type;
    Node       *query;          /* SelectStmt */
    IntoClause *into;
    ObjectType  objtype;        /* OBJECT_TABLE (OBJECT_MATVIEW reserved) */
    bool        is_select_into;
    bool        if_not_exists;
} CreateTableAsStmt;

/*
 * DropStmt -- DROP TABLE/INDEX/VIEW/SEQUENCE/SCHEMA/DATABASE/ROLE/USER/TYPE.
 * objects is a List of names, each a List of String (qualified name);
 * DATABASE, SCHEMA and ROLE names are single-element lists.
 * DROP USER/GROUP are OBJECT_ROLE.
 */
typedef struct DropStmt
{
    NodeTag     type;
    List       *objects;
    ObjectType  removeType;
    DropBehavior behavior;
    bool        missing_ok;     /* IF EXISTS */
    bool        concurrent;     /* DROP INDEX CONCURRENTLY */
    List       *options;        /* DROP DATABASE ... WITH (FORCE): DefElem */
} DropStmt;

/* CreatedbStmt -- CREATE DATABASE name [WITH] [option [=] value ...] */
typedef struct CreatedbStmt
{
    NodeTag     type;
    char       *dbname;
    List       *options;        /* DefElem: owner, template, encoding, ... */
} CreatedbStmt;

typedef struct CreateSchemaStmt
{
    NodeTag     type;
    char       *schemaname;     /* NULL if only AUTHORIZATION given */
    RoleSpec   *authrole;
    List       *schemaElts;     /* CREATE TABLE/VIEW/INDEX... inside (not produced yet) */
    bool        if_not_exists;
} CreateSchemaStmt;

typedef enum ViewCheckOption
{
    NO_CHECK_OPTION,
    LOCAL_CHECK_OPTION,
    CASCADED_CHECK_OPTION
} ViewCheckOption;

typedef struct ViewStmt
{
    NodeTag     type;
    RangeVar   *view;           /* relpersistence 't' for TEMP views */
    List       *aliases;        /* column names: String */
    Node       *query;          /* SelectStmt */
    bool        replace;        /* OR REPLACE */
    List       *options;        /* WITH (...) */
    ViewCheckOption withCheckOption;
} ViewStmt;

typedef enum RoleStmtType
{
    ROLESTMT_ROLE,
    ROLESTMT_USER,
    ROLESTMT_GROUP
} RoleStmtType;

/*
 * CreateRoleStmt -- CREATE ROLE|USER|GROUP name [WITH] options.
 * options are DefElem: "superuser" / "createdb" / "createrole" /
 * "inherit" / "canlogin" / "isreplication" / "bypassrls" (Boolean),
 * "password" (String, or NULL arg for PASSWORD NULL), "connectionlimit"
 * (Integer), "validUntil" (String), "sysid" (Integer), "rolemembers",
 * "addroleto", "adminmembers" (List of RoleSpec).
 */
typedef struct CreateRoleStmt
{
    NodeTag     type;
    RoleStmtType stmt_type;
    char       *role;
    List       *options;
} CreateRoleStmt;

/* AlterRoleStmt -- ALTER ROLE|USER name [WITH] options (same DefElems as CREATE). */
typedef struct AlterRoleStmt
{
    NodeTag     type;
    RoleSpec   *role;
    List       *options;
    int         action;         /* +1 = add members / options */
} AlterRoleStmt;

typedef struct TruncateStmt
{
    NodeTag     type;
    List       *relations;      /* RangeVar */
    bool        restart_seqs;   /* RESTART IDENTITY */
    DropBehavior behavior;
} TruncateStmt;

typedef enum AlterTableType
{
    AT_AddColumn,               /* def = ColumnDef; missing_ok = IF NOT EXISTS */
    AT_ColumnDefault,           /* name; def = expr, or NULL for DROP DEFAULT */
    AT_DropNotNull,             /* name */
    AT_SetNotNull,              /* name */
    AT_SetStatistics,           /* name (or num if given by number); def = Integer */
    AT_SetStorage,              /* name; def = String */
    AT_DropColumn,              /* name; behavior; missing_ok = IF EXISTS */
    AT_AddConstraint,           /* def = Constraint */
    AT_DropConstraint,          /* name; behavior; missing_ok */
    AT_AlterColumnType,         /* name; def = ColumnDef (typeName, raw_default = USING expr) */
    AT_ChangeOwner,             /* newowner */
    AT_SetRelOptions,           /* def = List of DefElem */
    AT_ResetRelOptions,         /* def = List of DefElem (arg NULL) */
    AT_AttachPartition,         /* def = list (RangeVar partition, PartitionBoundSpec) */
    AT_DetachPartition,         /* def = list (RangeVar partition); name "concurrently"/"finalize" or NULL */
    AT_PartitionBy,             /* dialect: def = PartitionSpec (with partitions) */
    AT_ValidateConstraint,      /* name */
    AT_SetLogged,
    AT_SetUnLogged,
    AT_EnableTrig,
    AT_DisableTrig
} AlterTableType;

typedef struct AlterTableCmd
{
    NodeTag     type;
    AlterTableType subtype;
    char       *name;           /* column or constraint name */
    int16       num;            /* column number, if referenced by number */
    RoleSpec   *newowner;
    Node       *def;
    DropBehavior behavior;
    bool        missing_ok;
    bool        recurse;        /* unused */
} AlterTableCmd;

/*
 * AlterTableStmt -- ALTER TABLE|INDEX|VIEW [IF EXISTS] [ONLY] name cmds.
 * RENAME forms are RenameStmt, not AlterTableCmds.
 */
typedef struct AlterTableStmt
{
    NodeTag     type;
    RangeVar   *relation;       /* inh false for ONLY */
    List       *cmds;           /* AlterTableCmd */
    ObjectType  objtype;        /* OBJECT_TABLE, OBJECT_INDEX, OBJECT_VIEW, OBJECT_SEQUENCE */
    bool        missing_ok;
} AlterTableStmt;

/*
 * RenameStmt -- ALTER TABLE t RENAME TO n (renameType = OBJECT_TABLE),
 * ALTER TABLE t RENAME [COLUMN] a TO b (OBJECT_COLUMN, subname = a),
 * ALTER TABLE t RENAME CONSTRAINT a TO b (OBJECT_TABCONSTRAINT),
 * ALTER INDEX/VIEW/SEQUENCE ... RENAME TO; ALTER SCHEMA/DATABASE/ROLE ...
 * RENAME TO (object = String name, relation NULL).
 */
typedef struct RenameStmt
{
    NodeTag     type;
    ObjectType  renameType;
    ObjectType  relationType;   /* for COLUMN/CONSTRAINT: the relation's kind */
    RangeVar   *relation;
    Node       *object;
    char       *subname;
    char       *newname;
    DropBehavior behavior;
    bool        missing_ok;
} RenameStmt;

typedef struct IndexStmt
{
    NodeTag     type;
    char       *idxname;        /* NULL: choose a name */
    RangeVar   *relation;       /* inh false for ON ONLY */
    char       *accessMethod;   /* "btree" unless USING given */
    char       *tableSpace;
    List       *indexParams;    /* IndexElem */
    List       *indexIncludingParams;   /* IndexElem (name only) */
    List       *options;        /* WITH (...) */
    Node       *whereClause;    /* partial index predicate */
    bool        unique;
    bool        nulls_not_distinct;
    bool        primary;        /* unused by the parser */
    bool        isconstraint;   /* unused by the parser */
    bool        concurrent;
    bool        if_not_exists;
} IndexStmt;

/* CreateSeqStmt -- CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options] */
typedef struct CreateSeqStmt
{
    NodeTag     type;
    RangeVar   *sequence;
    List       *options;        /* DefElem: as, increment, minvalue, maxvalue, start,
                                 * cache, cycle (Boolean), owned_by (List of String) */
    bool        if_not_exists;
} CreateSeqStmt;

typedef struct AlterSeqStmt
{
    NodeTag     type;
    RangeVar   *sequence;
    List       *options;        /* as for CREATE, plus restart (NULL arg or value) */
    bool        missing_ok;
} AlterSeqStmt;

/*
 * VacuumStmt -- VACUUM and ANALYZE.
 * options: DefElem list; the old keyword syntax is converted to the same
 * DefElems as the parenthesised form ("full", "freeze", "verbose",
 * "analyze", each with arg NULL).  Parenthesised values keep their written
 * form (String for identifiers/keywords like on/off/auto, Integer, ...).
 * target_kind is RustyDB's dialect:
 *   VACUUM_TARGET_RELATIONS  PostgreSQL syntax: rels (NIL = whole database)
 *   VACUUM_TARGET_TABLE      ANALYZE TABLE t [, ...]: rels as above, non-empty
 *   VACUUM_TARGET_SCHEMA     ANALYZE SCHEMA s: schemaname, rels NIL
 */
typedef enum VacuumTargetKind
{
    VACUUM_TARGET_RELATIONS,
    VACUUM_TARGET_TABLE,
    VACUUM_TARGET_SCHEMA
} VacuumTargetKind;

typedef struct VacuumStmt
{
    NodeTag     type;
    List       *options;        /* DefElem */
    List       *rels;           /* VacuumRelation */
    bool        is_vacuumcmd;   /* true for VACUUM, false for ANALYZE */
    VacuumTargetKind target_kind;
    char       *schemaname;     /* VACUUM_TARGET_SCHEMA */
} VacuumStmt;

typedef enum ReindexObjectType
{
    REINDEX_OBJECT_INDEX,
    REINDEX_OBJECT_TABLE,
    REINDEX_OBJECT_SCHEMA,
    REINDEX_OBJECT_SYSTEM,
    REINDEX_OBJECT_DATABASE
} ReindexObjectType;

/*
 * ReindexStmt -- REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM}
 * [CONCURRENTLY] name.  relation for INDEX/TABLE, name for the others
 * (NULL when omitted for DATABASE/SYSTEM).  concurrent is true for the
 * CONCURRENTLY keyword or a "concurrently" option in params whose value
 * is absent or true-ish; params keeps the written options unchanged.
 */
typedef struct ReindexStmt
{
    NodeTag     type;
    ReindexObjectType kind;
    RangeVar   *relation;
    char       *name;
    bool        concurrent;
    List       *params;         /* DefElem */
} ReindexStmt;

typedef struct CheckPointStmt
{
    NodeTag     type;
} CheckPointStmt;

/*
 * ExplainStmt -- EXPLAIN [ANALYZE] [VERBOSE] stmt, EXPLAIN (opts) stmt.
 * Keyword forms become DefElems "analyze"/"verbose" with arg NULL.
 */
typedef struct ExplainStmt
{
    NodeTag     type;
    Node       *query;
    List       *options;
} ExplainStmt;

typedef enum TransactionStmtKind
{
    TRANS_STMT_BEGIN,           /* BEGIN [WORK|TRANSACTION] [modes] */
    TRANS_STMT_START,           /* START TRANSACTION [modes] */
    TRANS_STMT_COMMIT,          /* COMMIT / END */
    TRANS_STMT_ROLLBACK,        /* ROLLBACK / ABORT */
    TRANS_STMT_SAVEPOINT,
    TRANS_STMT_RELEASE,
    TRANS_STMT_ROLLBACK_TO,
    TRANS_STMT_PREPARE,
    TRANS_STMT_COMMIT_PREPARED,
    TRANS_STMT_ROLLBACK_PREPARED
} TransactionStmtKind;

/*
 * TransactionStmt -- options are DefElems "transaction_isolation" (String:
 * "serializable", "repeatable read", "read committed", "read uncommitted"),
 * "transaction_read_only" (Boolean), "transaction_deferrable" (Boolean).
 */
typedef struct TransactionStmt
{
    NodeTag     type;
    TransactionStmtKind kind;
    List       *options;
    char       *savepoint_name;
    char       *gid;
    bool        chain;          /* AND CHAIN */
    int         location;
} TransactionStmt;

typedef enum VariableSetKind
{
    VAR_SET_VALUE,              /* SET name TO/= values */
    VAR_SET_DEFAULT,            /* SET name TO DEFAULT */
    VAR_SET_CURRENT,            /* SET name FROM CURRENT */
    VAR_SET_MULTI,              /* SET TRANSACTION / SESSION CHARACTERISTICS: name
                                 * "TRANSACTION" or "SESSION CHARACTERISTICS", args DefElems */
    VAR_RESET,                  /* RESET name */
    VAR_RESET_ALL               /* RESET ALL */
} VariableSetKind;

/*
 * VariableSetStmt -- SET/RESET.  name is downcased and dotted for
 * qualified names ("myext.opt").  args: A_Const nodes (String for
 * identifiers, keywords and quoted strings; Integer/Float for numbers,
 * negative numbers included); SET TIME ZONE gives name "timezone" (LOCAL
 * and DEFAULT -> VAR_SET_DEFAULT; INTERVAL '...' [fields] -> TypeCast);
 * SET NAMES x gives "client_encoding"; SET SCHEMA 's' gives "search_path";
 * SET ROLE r gives "role"; SET SESSION AUTHORIZATION gives
 * "session_authorization".
 */
typedef struct VariableSetStmt
{
    NodeTag     type;
    VariableSetKind kind;
    char       *name;
    List       *args;
    bool        is_local;       /* SET LOCAL */
    int         location;
} VariableSetStmt;

/*
 * VariableShowStmt -- SHOW name | SHOW ALL ("all") | SHOW TIME ZONE
 * ("timezone") | SHOW TRANSACTION ISOLATION LEVEL ("transaction_isolation")
 * | SHOW SESSION AUTHORIZATION ("session_authorization").
 */
typedef struct VariableShowStmt
{
    NodeTag     type;
    char       *name;
    int         location;
} VariableShowStmt;

/* AlterSystemStmt -- ALTER SYSTEM SET/RESET; setstmt kinds: VALUE, DEFAULT, RESET, RESET_ALL */
typedef struct AlterSystemStmt
{
    NodeTag     type;
    VariableSetStmt *setstmt;
} AlterSystemStmt;

/* Lock modes of LOCK TABLE, numbered as PostgreSQL's lock modes (1..8). */
#define RAW_LOCKMODE_ACCESS_SHARE           1
#define RAW_LOCKMODE_ROW_SHARE              2
#define RAW_LOCKMODE_ROW_EXCLUSIVE          3
#define RAW_LOCKMODE_SHARE_UPDATE_EXCLUSIVE 4
#define RAW_LOCKMODE_SHARE                  5
#define RAW_LOCKMODE_SHARE_ROW_EXCLUSIVE    6
#define RAW_LOCKMODE_EXCLUSIVE              7
#define RAW_LOCKMODE_ACCESS_EXCLUSIVE       8

/* LockStmt -- LOCK [TABLE] [ONLY] names [IN mode MODE] [NOWAIT] */
typedef struct LockStmt
{
    NodeTag     type;
    List       *relations;      /* RangeVar */
    int         mode;           /* RAW_LOCKMODE_*; ACCESS EXCLUSIVE if omitted */
    bool        nowait;
} LockStmt;

/*
 * CopyStmt -- COPY t [(cols)] FROM|TO file|STDIN|STDOUT|PROGRAM 'cmd'
 * [WITH] [(options)] [WHERE cond], COPY (query) TO ...
 * Old-style options become the same DefElems as the new syntax:
 * BINARY/CSV -> format "binary"/"csv"; HEADER -> header (NULL arg);
 * DELIMITER [AS] 'x' -> delimiter String; NULL [AS] 'x' -> null;
 * QUOTE [AS] 'x' -> quote; ESCAPE [AS] 'x' -> escape; FORCE QUOTE cols|* ->
 * force_quote (List of String or A_Star); FORCE NOT NULL cols ->
 * force_not_null; ENCODING 'x' -> encoding; FREEZE -> freeze.
 */
typedef struct CopyStmt
{
    NodeTag     type;
    RangeVar   *relation;       /* NULL for COPY (query) */
    Node       *query;          /* SelectStmt/InsertStmt/..., or NULL */
    List       *attlist;        /* String */
    bool        is_from;        /* FROM (load) vs TO (dump) */
    bool        is_program;
    char       *filename;       /* NULL means STDIN/STDOUT */
    List       *options;        /* DefElem */
    Node       *whereClause;
} CopyStmt;

typedef struct PrepareStmt
{
    NodeTag     type;
    char       *name;
    List       *argtypes;       /* TypeName */
    Node       *query;          /* SELECT/INSERT/UPDATE/DELETE/VALUES */
} PrepareStmt;

typedef struct ExecuteStmt
{
    NodeTag     type;
    char       *name;
    List       *params;         /* expressions */
} ExecuteStmt;

/* DeallocateStmt -- name NULL means ALL. */
typedef struct DeallocateStmt
{
    NodeTag     type;
    char       *name;
} DeallocateStmt;

typedef enum DiscardMode
{
    DISCARD_ALL,
    DISCARD_PLANS,
    DISCARD_SEQUENCES,
    DISCARD_TEMP
} DiscardMode;

typedef struct DiscardStmt
{
    NodeTag     type;
    DiscardMode target;
} DiscardStmt;

typedef struct ListenStmt
{
    NodeTag     type;
    char       *conditionname;
} ListenStmt;

/* UnlistenStmt -- conditionname NULL means UNLISTEN * */
typedef struct UnlistenStmt
{
    NodeTag     type;
    char       *conditionname;
} UnlistenStmt;

typedef struct NotifyStmt
{
    NodeTag     type;
    char       *conditionname;
    char       *payload;        /* NULL if none */
} NotifyStmt;

/* DoStmt -- DO [LANGUAGE l] 'code': args are DefElems "as" (String), "language" (String). */
typedef struct DoStmt
{
    NodeTag     type;
    List       *args;
} DoStmt;

#endif                          /* NODES_PARSENODES_H */
