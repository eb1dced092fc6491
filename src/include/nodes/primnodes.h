/*
 * primnodes.h
 *     Analyzed queries (Query) and typed expression trees: the output of
 *     parse analysis (src/backend/parser/analyze*.c, parse_*.c) and the
 *     input of the planner and executor.
 *
 * Conventions
 *  - Every expression node has a result type, found with exprType() (and a
 *    typmod with exprTypmod()): see nodes/nodeFuncs.h.
 *  - "location" fields are 0-based byte offsets into the query string, -1
 *    when unknown; they are only used for error positions.
 *  - Range-table indexes (varno, rtindex, resultRelation) are 1-based into
 *    Query.rtable.  varlevelsup > 0 refers to an outer query level.
 *  - Utility statements are not analyzed: they appear as a Query with
 *    commandType CMD_UTILITY and utilityStmt pointing at the raw node.
 * Node tags 400..599 (see nodes/nodes.h).
 */
#ifndef NODES_PRIMNODES_H
#define NODES_PRIMNODES_H

#include "nodes/pg_list.h"

enum
{
    T_Query = 400,
    T_RangeTblEntry,
    T_RangeTblFunction,
    T_RangeTblRef,
    T_JoinExpr,
    T_FromExpr,
    T_TargetEntry,
    T_SortGroupClause,
    T_SetOperationStmt,
    T_CommonTableExpr,
    T_RowMarkClause,
    T_OnConflictExpr,
    T_Alias,
    T_WindowClause,
    T_Var = 430,
    T_Const,
    T_Param,
    T_FuncExpr,
    T_OpExpr,
    T_DistinctExpr,
    T_NullIfExpr,
    T_ScalarArrayOpExpr,
    T_BoolExpr,
    T_SubLink,
    T_SubPlan,
    T_CaseExpr,
    T_CaseWhen,
    T_CaseTestExpr,
    T_Aggref,
    T_WindowFunc,
    T_NullTest,
    T_BooleanTest,
    T_CoalesceExpr,
    T_MinMaxExpr,
    T_RelabelType,
    T_CoerceViaIO,
    T_ArrayExpr,
    T_RowExpr,
    T_SubscriptExpr,
    T_SetToDefault
};

/* ---------------- range table ---------------- */

typedef struct Alias
{
    NodeTag     type;
    char       *aliasname;
    List       *colnames;       /* String nodes; NIL if none given */
} Alias;

typedef enum RTEKind
{
    RTE_RELATION,               /* table, or view before expansion */
    RTE_SUBQUERY,               /* subquery in FROM, or expanded view */
    RTE_JOIN,                   /* join result (for JOIN ... USING / alias names) */
    RTE_FUNCTION,               /* function in FROM (generate_series) */
    RTE_VALUES,                 /* VALUES (...), (...) */
    RTE_CTE,                    /* reference to a WITH query */
    RTE_RESULT                  /* empty FROM: one row, no columns */
} RTEKind;

typedef struct RangeTblFunction
{
    NodeTag     type;
    Node       *funcexpr;       /* a FuncExpr returning a set (or a scalar) */
    int         funccolcount;
    List       *funccolnames;   /* String */
    List       *funccoltypes;   /* OID list */
    List       *funccoltypmods; /* int list */
} RangeTblFunction;

typedef struct RangeTblEntry
{
    NodeTag     type;
    RTEKind     rtekind;
    /* RTE_RELATION */
    Oid         relid;
    char        relkind;        /* 'r' table, 'v' view, 'i' index, 'S' sequence */
    int         rellockmode;    /* lock to take when the plan runs */
    /* RTE_SUBQUERY */
    struct Query *subquery;
    /* RTE_JOIN */
    JoinType    jointype;
    List       *joinaliasvars;  /* one Var (or COALESCE for USING/full join) per output column */
    /* RTE_FUNCTION */
    List       *functions;      /* RangeTblFunction */
    bool        funcordinality;
    /* RTE_VALUES */
    List       *values_lists;   /* List of Lists of expressions */
    /* RTE_CTE */
    char       *ctename;
    int         ctelevelsup;    /* query levels up to the WITH */
    bool        self_reference; /* recursive self-reference */
    /* RTE_FUNCTION, RTE_VALUES, RTE_CTE, RTE_SUBQUERY: column types */
    List       *coltypes;       /* OID list */
    List       *coltypmods;     /* int list */
    /* all kinds */
    Alias      *alias;          /* user-written alias, or NULL */
    Alias      *eref;           /* effective name and all column names */
    bool        lateral;
    bool        inFromCl;       /* visible to unqualified names */
    bool        inh;            /* include partitions/children */
} RangeTblEntry;

typedef struct RangeTblRef
{
    NodeTag     type;
    int         rtindex;
} RangeTblRef;

typedef struct JoinExpr
{
    NodeTag     type;
    JoinType    jointype;
    bool        isNatural;
    Node       *larg;           /* RangeTblRef, JoinExpr or FromExpr */
    Node       *rarg;
    List       *usingClause;    /* String column names, or NIL */
    Node       *quals;          /* ON condition (USING/NATURAL already turned into quals) */
    Alias      *alias;
    int         rtindex;        /* the RTE_JOIN entry */
} JoinExpr;

typedef struct FromExpr
{
    NodeTag     type;
    List       *fromlist;       /* RangeTblRef / JoinExpr, implicitly cross-joined */
    Node       *quals;          /* WHERE */
} FromExpr;

/* ---------------- query ---------------- */

typedef struct TargetEntry
{
    NodeTag     type;
    Node       *expr;
    int16       resno;          /* 1-based position in the target list */
    char       *resname;        /* column name, or NULL */
    uint32      ressortgroupref;    /* nonzero if referenced by ORDER/GROUP BY/DISTINCT */
    Oid         resorigtbl;     /* source table, for RowDescription; 0 if none */
    int16       resorigcol;     /* source column number, 0 if none */
    bool        resjunk;        /* not sent to the client (sort keys, ctid) */
} TargetEntry;

typedef struct SortGroupClause
{
    NodeTag     type;
    uint32      tleSortGroupRef;    /* matches TargetEntry.ressortgroupref */
    Oid         eqop;           /* equality operator */
    Oid         sortop;         /* ordering operator ("<" or ">" for DESC), 0 if not sortable */
    bool        nulls_first;
    bool        hashable;
} SortGroupClause;

typedef enum SetOperation
{
    SETOP_NONE,
    SETOP_UNION,
    SETOP_INTERSECT,
    SETOP_EXCEPT
} SetOperation;

typedef struct SetOperationStmt
{
    NodeTag     type;
    SetOperation op;
    bool        all;
    Node       *larg;           /* RangeTblRef to a subquery RTE, or another SetOperationStmt */
    Node       *rarg;
    List       *colTypes;       /* OID list of output column types */
    List       *colTypmods;
    List       *groupClauses;   /* SortGroupClause per column, for duplicate removal */
} SetOperationStmt;

typedef struct CommonTableExpr
{
    NodeTag     type;
    char       *ctename;
    List       *aliascolnames;  /* String, optional */
    int         ctematerialized;    /* 0 default, 1 MATERIALIZED, 2 NOT MATERIALIZED */
    Node       *ctequery;       /* Query after analysis */
    int         location;
    bool        cterecursive;
    int         cterefcount;
    List       *ctecolnames;    /* String */
    List       *ctecoltypes;    /* OID */
    List       *ctecoltypmods;  /* int */
} CommonTableExpr;

typedef enum LockClauseStrength
{
    LCS_NONE,
    LCS_FORKEYSHARE,
    LCS_FORSHARE,
    LCS_FORNOKEYUPDATE,
    LCS_FORUPDATE
} LockClauseStrength;

typedef enum LockWaitPolicy
{
    LockWaitBlock,
    LockWaitSkip,
    LockWaitError
} LockWaitPolicy;

typedef struct RowMarkClause
{
    NodeTag     type;
    int         rti;
    LockClauseStrength strength;
    LockWaitPolicy waitPolicy;
} RowMarkClause;

typedef enum OnConflictAction
{
    ONCONFLICT_NONE,
    ONCONFLICT_NOTHING,
    ONCONFLICT_UPDATE
} OnConflictAction;

/*
 * OnConflictExpr -- INSERT ... ON CONFLICT.  The arbiter indexes are
 * inferred by the planner from arbiterAttnos + arbiterWhere (or taken
 * from constraintIndex); all three empty (DO NOTHING only): every unique
 * index arbitrates.  onConflictSet/onConflictWhere see the existing row
 * through Vars of the result relation and the proposed row through Vars
 * of exclRelIndex (the EXCLUDED pseudo-relation: an RTE_RELATION of the
 * target table that is in no join tree).
 */
typedef struct OnConflictExpr
{
    NodeTag     type;
    bool        do_update;      /* false: DO NOTHING */
    List       *arbiterAttnos;  /* int list of conflict columns, NIL = any unique index */
    Node       *arbiterWhere;   /* ON CONFLICT (...) WHERE index_predicate, or NULL */
    Oid         constraintIndex;    /* ON CONSTRAINT: the constraint's index, else InvalidOid */
    List       *onConflictSet;  /* TargetEntry list for DO UPDATE (resno = attnum) */
    Node       *onConflictWhere;
    int         exclRelIndex;   /* rtindex of the EXCLUDED pseudo-relation */
} OnConflictExpr;

typedef struct Query
{
    NodeTag     type;
    CmdType     commandType;
    Node       *utilityStmt;    /* raw statement when CMD_UTILITY */
    int         resultRelation; /* INSERT/UPDATE/DELETE target rtindex, else 0 */
    bool        hasAggs;
    bool        hasWindowFuncs;
    bool        hasTargetSRFs;  /* set-returning functions in the target list */
    bool        hasSubLinks;
    bool        hasDistinctOn;
    bool        hasRecursive;
    bool        hasForUpdate;
    List       *cteList;        /* CommonTableExpr */
    List       *rtable;         /* RangeTblEntry */
    FromExpr   *jointree;
    List       *targetList;     /* TargetEntry */
    OnConflictExpr *onConflict;
    List       *returningList;  /* TargetEntry */
    List       *groupClause;    /* SortGroupClause */
    Node       *havingQual;
    List       *windowClause;   /* WindowClause */
    List       *distinctClause; /* SortGroupClause */
    List       *sortClause;     /* SortGroupClause */
    Node       *limitOffset;
    Node       *limitCount;
    List       *rowMarks;       /* RowMarkClause */
    Node       *setOperations;  /* SetOperationStmt tree for UNION etc., else NULL */
    int         stmt_location;
    int         stmt_len;
} Query;

/* ---------------- expressions ---------------- */

typedef struct Var
{
    NodeTag     type;
    int         varno;          /* rtindex (planner may use INNER_VAR/OUTER_VAR) */
    int16       varattno;       /* column number; 0 = whole row */
    Oid         vartype;
    int32       vartypmod;
    int         varlevelsup;
    int         location;
} Var;

#define INNER_VAR (-1)          /* executor: column of the inner child's output */
#define OUTER_VAR (-2)          /* executor: column of the outer child's output */
#define INDEX_VAR (-3)

typedef struct Const
{
    NodeTag     type;
    Oid         consttype;
    int32       consttypmod;
    int16       constlen;
    bool        constbyval;
    bool        constisnull;
    Datum       constvalue;
    int         location;
} Const;

typedef enum ParamKind
{
    PARAM_EXTERN,               /* $n from the client (PREPARE / Bind) */
    PARAM_EXEC,                 /* set by the executor (subplan outputs, correlated refs) */
    PARAM_SUBLINK               /* analyzer: column paramid of an ANY/ALL SubLink's subquery */
} ParamKind;

typedef struct Param
{
    NodeTag     type;
    ParamKind   paramkind;
    int         paramid;        /* 1-based for EXTERN */
    Oid         paramtype;
    int32       paramtypmod;
    int         location;
} Param;

typedef enum CoercionForm
{
    COERCE_EXPLICIT_CALL,       /* f(x) */
    COERCE_EXPLICIT_CAST,       /* CAST(x AS t) or x::t */
    COERCE_IMPLICIT_CAST,       /* inserted by analysis */
    COERCE_SQL_SYNTAX           /* EXTRACT(...), SUBSTRING(... FROM ...) */
} CoercionForm;

typedef struct FuncExpr
{
    NodeTag     type;
    Oid         funcid;
    Oid         funcresulttype;
    int32       funcresulttypmod;
    bool        funcretset;
    bool        funcvariadic;
    CoercionForm funcformat;
    List       *args;
    int         location;
} FuncExpr;

/* OpExpr also represents DistinctExpr (IS DISTINCT FROM) and NullIfExpr. */
typedef struct OpExpr
{
    NodeTag     type;
    Oid         opno;
    Oid         opfuncid;
    Oid         opresulttype;
    bool        opretset;
    List       *args;           /* one (prefix) or two arguments */
    int         location;
} OpExpr;

typedef OpExpr DistinctExpr;
typedef OpExpr NullIfExpr;

/* x op ANY (array) / x op ALL (array), also IN (list) when it became an array */
typedef struct ScalarArrayOpExpr
{
    NodeTag     type;
    Oid         opno;
    Oid         opfuncid;
    bool        useOr;          /* true: ANY, false: ALL */
    List       *args;           /* scalar, array */
    int         location;
} ScalarArrayOpExpr;

typedef enum BoolExprType
{
    AND_EXPR,
    OR_EXPR,
    NOT_EXPR
} BoolExprType;

typedef struct BoolExpr
{
    NodeTag     type;
    BoolExprType boolop;
    List       *args;
    int         location;
} BoolExpr;

typedef enum SubLinkType
{
    EXISTS_SUBLINK,
    ALL_SUBLINK,
    ANY_SUBLINK,                /* also IN (subquery) */
    EXPR_SUBLINK,               /* scalar subquery */
    ARRAY_SUBLINK,              /* ARRAY(subquery) */
    CTE_SUBLINK
} SubLinkType;

typedef struct SubLink
{
    NodeTag     type;
    SubLinkType subLinkType;
    int         subLinkId;
    Node       *testexpr;       /* ANY/ALL: comparison with Params for the subquery's columns */
    List       *operName;       /* String: the operator as written */
    Node       *subselect;      /* Query */
    int         location;
} SubLink;

/* A SubLink after planning: executed by the executor as a subplan. */
typedef struct SubPlan
{
    NodeTag     type;
    SubLinkType subLinkType;
    Node       *testexpr;
    List       *paramIds;       /* PARAM_EXEC ids the testexpr uses for subplan columns */
    int         plan_id;        /* 1-based index into PlannedStmt.subplans */
    char       *plan_name;
    Oid         firstColType;
    int32       firstColTypmod;
    bool        useHashTable;
    bool        unknownEqFalse;
    List       *setParam;       /* initplan output params */
    List       *parParam;       /* correlated params passed down */
    List       *args;           /* values for parParam */
} SubPlan;

typedef struct CaseExpr
{
    NodeTag     type;
    Oid         casetype;
    Node       *arg;            /* simple CASE: the test value, else NULL */
    List       *args;           /* CaseWhen */
    Node       *defresult;      /* ELSE, or NULL constant */
    int         location;
} CaseExpr;

typedef struct CaseWhen
{
    NodeTag     type;
    Node       *expr;           /* condition; for simple CASE compares a CaseTestExpr */
    Node       *result;
    int         location;
} CaseWhen;

/* Placeholder for the simple CASE test value inside CaseWhen.expr. */
typedef struct CaseTestExpr
{
    NodeTag     type;
    Oid         typeId;
    int32       typeMod;
} CaseTestExpr;

typedef struct Aggref
{
    NodeTag     type;
    Oid         aggfnoid;
    Oid         aggtype;        /* result type */
    List       *aggargtypes;    /* OID list */
    List       *args;           /* TargetEntry list of arguments (and ORDER BY exprs, resjunk) */
    List       *aggorder;       /* SortGroupClause for agg(x ORDER BY y) */
    List       *aggdistinct;    /* SortGroupClause when DISTINCT */
    Node       *aggfilter;      /* FILTER (WHERE ...) */
    bool        aggstar;        /* count(*) */
    int         agglevelsup;
    int         aggno;          /* assigned by the planner */
    int         location;
} Aggref;

/*
 * WindowFunc -- f(args) OVER (...): a window function (FuncIsWindow) or an
 * aggregate used as one (winagg).  args are plain expressions (not
 * TargetEntries); winref is the WindowClause.winref of its window.
 */
typedef struct WindowFunc
{
    NodeTag     type;
    Oid         winfnoid;
    Oid         wintype;
    List       *args;
    Node       *aggfilter;      /* FILTER (WHERE ...), aggregates only */
    uint32      winref;         /* WindowClause.winref in Query.windowClause */
    bool        winstar;        /* count(*) OVER ... */
    bool        winagg;         /* a plain aggregate used as a window function */
    int         winno;          /* assigned by the planner: slot in its WindowAgg */
    int         location;
} WindowFunc;

/*
 * WindowClause -- one window of a query level (Query.windowClause): a named
 * WINDOW entry or the anonymous window of an OVER (...).  Calls with equal
 * definitions share one entry.  partitionClause/orderClause reference
 * target entries (resjunk when not in the select list) by ressortgroupref;
 * frameOptions are the FRAMEOPTION_* bits of nodes/parsenodes.h;
 * startOffset/endOffset are the frame offsets, coerced to int8 (ROWS), or
 * NULL.  winref is 1-based and unique within the level.
 */
typedef struct WindowClause
{
    NodeTag     type;
    char       *name;           /* WINDOW name, or NULL */
    char       *refname;        /* copied window's name, or NULL */
    List       *partitionClause;    /* SortGroupClause */
    List       *orderClause;    /* SortGroupClause */
    int         frameOptions;
    Node       *startOffset;
    Node       *endOffset;
    uint32      winref;
    bool        copiedOrder;    /* orderClause came from the referenced window */
} WindowClause;

typedef enum NullTestType
{
    IS_NULL,
    IS_NOT_NULL
} NullTestType;

typedef struct NullTest
{
    NodeTag     type;
    Node       *arg;
    NullTestType nulltesttype;
    bool        argisrow;
    int         location;
} NullTest;

typedef enum BoolTestType
{
    IS_TRUE,
    IS_NOT_TRUE,
    IS_FALSE,
    IS_NOT_FALSE,
    IS_UNKNOWN,
    IS_NOT_UNKNOWN
} BoolTestType;

typedef struct BooleanTest
{
    NodeTag     type;
    Node       *arg;
    BoolTestType booltesttype;
    int         location;
} BooleanTest;

typedef struct CoalesceExpr
{
    NodeTag     type;
    Oid         coalescetype;
    List       *args;
    int         location;
} CoalesceExpr;

typedef enum MinMaxOp
{
    IS_GREATEST,
    IS_LEAST
} MinMaxOp;

typedef struct MinMaxExpr
{
    NodeTag     type;
    Oid         minmaxtype;
    MinMaxOp    op;
    List       *args;
    int         location;
} MinMaxExpr;

/* Binary-compatible type change (varchar -> text): no run-time work. */
typedef struct RelabelType
{
    NodeTag     type;
    Node       *arg;
    Oid         resulttype;
    int32       resulttypmod;
    CoercionForm relabelformat;
    int         location;
} RelabelType;

/*
 * Coercion through the types' text forms: output function of the source,
 * input function of the target with resulttypmod.  Also used to apply a
 * typmod (varchar(n), numeric(p,s)) to a value of the same type.
 */
typedef struct CoerceViaIO
{
    NodeTag     type;
    Node       *arg;
    Oid         resulttype;
    int32       resulttypmod;
    CoercionForm coerceformat;
    int         location;
} CoerceViaIO;

typedef struct ArrayExpr
{
    NodeTag     type;
    Oid         array_typeid;
    Oid         element_typeid;
    List       *elements;
    bool        multidims;
    int         location;
} ArrayExpr;

typedef struct RowExpr
{
    NodeTag     type;
    List       *args;
    Oid         row_typeid;     /* RECORDOID */
    List       *colnames;
    int         location;
} RowExpr;

/* arr[i] (one subscript, 1-based) */
typedef struct SubscriptExpr
{
    NodeTag     type;
    Oid         resulttype;     /* element type */
    Node       *container;
    Node       *subscript;
    int         location;
} SubscriptExpr;

/* DEFAULT in INSERT ... VALUES / UPDATE SET: replaced by the column default. */
typedef struct SetToDefault
{
    NodeTag     type;
    Oid         typeId;
    int32       typeMod;
    int         location;
} SetToDefault;

#endif                          /* NODES_PRIMNODES_H */
