/*
 * plannodes.h
 *     Plan trees: the planner's output (optimizer/planner.h) and the
 *     executor's input (executor/executor.h).
 *
 * Conventions
 *  - Every plan node starts with a Plan header: its output row is described
 *    by targetlist (TargetEntry list, resno 1..n in order) and filtered by
 *    qual (implicitly ANDed expressions) before projection.
 *  - After the planner's reference fixing (setrefs.c), a Var in a plan node
 *    refers to:
 *      scan nodes   varno = the scanned range-table index (any varno > 0
 *                   means "the scan tuple"), varattno = column number
 *                   (negative: system column, SelfItemPointerAttributeNumber
 *                   = ctid);
 *      joins        varno = OUTER_VAR (left child) / INNER_VAR (right
 *                   child), varattno = resno in that child's targetlist;
 *      upper nodes  (Agg, Sort, Result over a child, ...) varno = OUTER_VAR.
 *  - Parameters computed by the executor (correlated outer values, initplan
 *    outputs, recursive work tables) are PARAM_EXEC Params with paramid
 *    0..n-1 indexing PlannedStmt.paramExecTypes.
 *  - Plans are read-only during execution: the same PlannedStmt may be run
 *    again (EXPLAIN ANALYZE, prepared statements).
 * Node tags 600..799 (see nodes/nodes.h).
 */
#ifndef NODES_PLANNODES_H
#define NODES_PLANNODES_H

#include "nodes/primnodes.h"

enum
{
    T_PlannedStmt = 600,
    T_Plan,
    T_Result,
    T_ProjectSet,
    T_ModifyTable,
    T_Append,
    T_RecursiveUnion,
    T_SeqScan,
    T_FunctionScan,
    T_ValuesScan,
    T_SubqueryScan,
    T_CteScan,
    T_WorkTableScan,
    T_NestLoop,
    T_HashJoin,
    T_MergeJoin,
    T_Hash,
    T_Material,
    T_Sort,
    T_Agg,
    T_Unique,
    T_SetOp,
    T_Limit,
    T_LockRows,
    T_IndexScan,
    T_IndexOnlyScan,
    T_WindowAgg
};

/* System column numbers (as PostgreSQL). */
#define SelfItemPointerAttributeNumber (-1)     /* ctid */
#define TableOidAttributeNumber (-6)            /* tableoid */
#define TIDOID 27

/*
 * PlannedStmt -- the planner's result for one optimizable statement.
 * subplans[i] (0-based list, SubPlan.plan_id = i + 1) are plans of SubPlans
 * and CTEs.  cteSubplanIds[k] is the plan_id (1-based) of the CTE with
 * CteScan.ctePlanId k + 1.
 */
typedef struct PlannedStmt
{
    NodeTag     type;
    CmdType     commandType;
    bool        hasReturning;
    bool        canSetTag;
    struct Plan *planTree;
    List       *rtable;         /* RangeTblEntry (flattened: subqueries' entries appended) */
    int         resultRelation; /* rtindex of the INSERT/UPDATE/DELETE target, else 0 */
    List       *subplans;       /* Plan, for SubPlans and CTEs */
    List       *initPlanIds;    /* int: plan_ids to run once at start (uncorrelated scalars) */
    List       *paramExecTypes; /* Oid per PARAM_EXEC slot */
    List       *returningList;  /* TargetEntry (RETURNING), fixed to reference the result row */
    Node       *utilityStmt;    /* CMD_UTILITY: the raw statement */
    int         stmt_location;
    int         stmt_len;
} PlannedStmt;

/* ---------------- common header ---------------- */

typedef struct Plan
{
    NodeTag     type;
    double      startup_cost;   /* cost before the first row */
    double      total_cost;     /* cost for all rows */
    double      plan_rows;      /* estimated rows */
    int         plan_width;     /* estimated average row width, bytes */
    List       *targetlist;     /* TargetEntry */
    List       *qual;           /* implicitly ANDed filter */
    struct Plan *lefttree;      /* outer input */
    struct Plan *righttree;     /* inner input */
    List       *initPlan;       /* SubPlan nodes to evaluate before this node (setParam) */
    List       *extParam;       /* int: PARAM_EXEC ids this subtree depends on (for rescans) */
} Plan;

#define innerPlan(node) (((Plan *) (node))->righttree)
#define outerPlan(node) (((Plan *) (node))->lefttree)

/* Result -- project a targetlist over one empty row, or over lefttree. */
typedef struct Result
{
    Plan        plan;
    Node       *resconstantqual;    /* evaluated once: false means no rows */
} Result;

/* ProjectSet -- targetlist contains set-returning FuncExprs at top level. */
typedef struct ProjectSet
{
    Plan        plan;
} ProjectSet;

/*
 * ModifyTable -- INSERT/UPDATE/DELETE on resultRelation.  The subplan
 * (lefttree) produces, for INSERT, the new row's columns in attribute order
 * (one per table column, resno = attnum); for UPDATE the new row's columns
 * in attribute order followed by a resjunk ctid column; for DELETE only the
 * ctid column (ctidColNo locates it, 1-based).  returningList is evaluated
 * with the new (INSERT/UPDATE) or old (DELETE) row as the scan tuple.
 */
typedef struct ModifyTable
{
    Plan        plan;
    CmdType     operation;
    int         resultRelation;
    Oid         resultRelid;
    int         ctidColNo;      /* UPDATE/DELETE: resno of the ctid column in the subplan */
    int         tableoidColNo;  /* UPDATE/DELETE of a partitioned table: the row's partition */
    List       *resultPartitionRtis;    /* its partitions the plan reads (global rtis), for EXPLAIN */
    List       *returningList;
    bool        canSetTag;
    /*
     * UPDATE ... FROM / DELETE ... USING: the other base relations of the
     * join (global range-table indexes) and the resno of each one's
     * resjunk ctid column, for READ COMMITTED re-checks (execRecheck.c).
     */
    List       *epqRtis;        /* int */
    List       *epqCtidColNos;  /* int */
    /*
     * INSERT ... ON CONFLICT (executor README, "INSERT ... ON CONFLICT"):
     * the action, the arbiter indexes (OIDs; NIL with DO NOTHING and no
     * conflict target: every unique index), and DO UPDATE's SET list
     * (resno = attnum) and WHERE, whose Vars name the result relation
     * (existing row) and exclRelIndex (the proposed row, EXCLUDED).
     */
    OnConflictAction onConflictAction;
    List       *arbiterIndexes; /* Oid */
    List       *onConflictSet;  /* TargetEntry */
    Node       *onConflictWhere;
    int         exclRelIndex;
} ModifyTable;

/* Append -- the rows of each child in turn (UNION ALL). */
typedef struct Append
{
    Plan        plan;
    List       *appendplans;
    bool        partitioned;    /* the partitions of a partitioned table (planner partplan.c) */
    /*
     * Pruning at executor start (conditions comparing the key with
     * parameters of a generic plan): the partitioned table, its restrictions
     * (Vars with varno prune_varno) and the partition each child scans.
     */
    Oid         prune_relid;    /* InvalidOid: none */
    List       *prune_quals;
    int         prune_varno;
    List       *part_oids;      /* Oid per appendplans entry */
} Append;

/*
 * RecursiveUnion -- WITH RECURSIVE: lefttree is the non-recursive term,
 * righttree the recursive term whose WorkTableScan reads the rows produced
 * by the previous iteration (shared through PARAM_EXEC wtParam).  For UNION
 * (not ALL) duplicates are removed with dupColIdx/dupCmpTypes.
 */
typedef struct RecursiveUnion
{
    Plan        plan;
    int         wtParam;
    int         numCols;        /* 0 for UNION ALL */
    int        *dupColIdx;      /* 1-based */
    Oid        *dupTypes;
    double      numGroups;
} RecursiveUnion;

/* ---------------- scans ---------------- */

typedef struct Scan
{
    Plan        plan;
    int         scanrelid;      /* rtindex, 0 for none */
} Scan;

typedef struct SeqScan
{
    Scan        scan;
} SeqScan;

/*
 * IndexScan / IndexOnlyScan -- rows of scanrelid found through B-tree
 * index indexid.  The scan keys are parallel lists, one entry per key:
 * indexkeyattnos (index column, 1-based), indexkeystrategies
 * (BT*StrategyNumber), indexkeyflags (SK_ISNULL / SK_SEARCHNOTNULL) and
 * indexkeyexprs (the comparison value: an expression without Vars of the
 * scanned relation, evaluated at each (re)scan -- Consts, Params, and in
 * the inner side of a parameterized nested loop PARAM_EXEC Params set by
 * the NestLoop; NULL for the two flag forms).  indexqualorig holds the
 * original conditions (scan-relation Vars) for EXPLAIN's "Index Cond";
 * entries always satisfy them exactly, so they are not rechecked.
 * indexorderdir is Forward or Backward (the plan relies on the index
 * order, e.g. to satisfy ORDER BY).
 * IndexOnlyScan fills the scan tuple (the table's layout) from the index
 * entry's columns only; every column the plan reads is in the index.
 */
typedef struct IndexScan
{
    Scan        scan;
    Oid         indexid;
    List       *indexkeyattnos;     /* int */
    List       *indexkeystrategies; /* int */
    List       *indexkeyflags;      /* int */
    List       *indexkeyexprs;      /* Node * or NULL */
    List       *indexqualorig;
    int         indexorderdir;      /* ScanDirection: 1 forward, -1 backward */
} IndexScan;

typedef struct IndexOnlyScan
{
    IndexScan   iscan;          /* same fields; type tag T_IndexOnlyScan */
} IndexOnlyScan;

/* FunctionScan -- one function in FROM (generate_series(...)), optionally WITH ORDINALITY. */
typedef struct FunctionScan
{
    Scan        scan;
    List       *functions;      /* RangeTblFunction */
    bool        funcordinality;
} FunctionScan;

typedef struct ValuesScan
{
    Scan        scan;
    List       *values_lists;   /* List of Lists of expressions (no Vars of this level) */
} ValuesScan;

/* SubqueryScan -- a subquery in FROM, planned separately into subplan. */
typedef struct SubqueryScan
{
    Scan        scan;
    struct Plan *subplan;
} SubqueryScan;

/*
 * CteScan -- reads a CTE's rows.  All CteScans of one CTE share a
 * tuplestore filled by the first one that runs the CTE's plan
 * (PlannedStmt.subplans[ctePlanId - 1]); cteParam is the PARAM_EXEC slot
 * through which they find the shared state.
 */
typedef struct CteScan
{
    Scan        scan;
    int         ctePlanId;      /* 1-based into PlannedStmt.subplans */
    int         cteParam;
} CteScan;

typedef struct WorkTableScan
{
    Scan        scan;
    int         wtParam;
} WorkTableScan;

/* ---------------- joins ---------------- */

typedef struct Join
{
    Plan        plan;
    JoinType    jointype;
    bool        inner_unique;
    List       *joinqual;       /* join condition (for outer joins distinct from plan.qual) */
} Join;

/*
 * NestLoop -- for each outer row, rescan the inner plan.  nestParams: for
 * parameterized inner sides (an inner index scan keyed on outer columns),
 * NestLoopParam entries: before each rescan of the inner side the outer
 * row's column paramval (an OUTER_VAR Var) is stored in PARAM_EXEC slot
 * paramno.
 */
typedef struct NestLoopParam
{
    NodeTag     type;           /* T_Plan (not a real node; never copied) */
    int         paramno;
    Var        *paramval;
} NestLoopParam;

typedef struct NestLoop
{
    Join        join;
    List       *nestParams;     /* NestLoopParam */
} NestLoop;

/*
 * HashJoin -- builds a hash table on the inner (righttree = Hash node over
 * the inner input) and probes it with each outer row.  hashclauses are the
 * equality OpExprs with the outer side first; outer/inner key expressions
 * are split out for the executor.
 */
typedef struct HashJoin
{
    Join        join;
    List       *hashclauses;
    List       *hashkeys_outer; /* expressions over OUTER_VAR */
    List       *hashkeys_inner; /* expressions over INNER_VAR (evaluated on the inner row) */
    List       *hashtypes;      /* Oid per key: the type hashed and compared */
} HashJoin;

/*
 * MergeJoin -- joins two inputs sorted ascending, NULLs last, on the merge
 * keys (each input is a Sort on them or presorted, e.g. an index scan).
 * mergeclauses are the equality OpExprs with the outer side first (for
 * EXPLAIN); the keys are plain Vars of the inputs (OUTER_VAR / INNER_VAR),
 * compared with TypeCompareFunction() of mergetypes, or by value when the
 * two sides are integers of different widths (mergeinnertypes differs).
 */
typedef struct MergeJoin
{
    Join        join;
    List       *mergeclauses;
    List       *mergekeys_outer;    /* Var over OUTER_VAR per clause */
    List       *mergekeys_inner;    /* Var over INNER_VAR per clause */
    List       *mergetypes;     /* Oid per clause: the outer key's type */
    List       *mergeinnertypes;    /* Oid per clause: the inner key's type */
} MergeJoin;

typedef struct Hash
{
    Plan        plan;
} Hash;

/* ---------------- materialization, sorting, grouping ---------------- */

typedef struct Material
{
    Plan        plan;
} Material;

/* Sort -- keys are 1-based columns of the input (lefttree) targetlist. */
typedef struct Sort
{
    Plan        plan;
    int         numCols;
    int        *sortColIdx;
    Oid        *sortTypes;      /* the column types: TypeCompareFunction() of each */
    bool       *sortDesc;
    bool       *nullsFirst;
} Sort;

typedef enum AggStrategy
{
    AGG_PLAIN,                  /* no GROUP BY: one row */
    AGG_SORTED,                 /* input sorted on the group columns */
    AGG_HASHED                  /* hash table of groups */
} AggStrategy;

/*
 * Agg -- grouping and aggregates.  grpColIdx are 1-based input columns.
 * aggs lists the distinct Aggref nodes (aggno = position); their args are
 * fixed to reference the input row (OUTER_VAR).  The targetlist and qual
 * (HAVING) reference group columns as OUTER_VAR Vars (values of the group's
 * first row) and aggregate results as Aggref nodes (looked up by aggno).
 */
typedef struct Agg
{
    Plan        plan;
    AggStrategy aggstrategy;
    int         numCols;
    int        *grpColIdx;
    Oid        *grpTypes;
    double      numGroups;
    List       *aggs;           /* Aggref */
} Agg;

/*
 * WindowAgg -- computes the window functions of one window (winfuncs, each
 * a WindowFunc with winno = its position and arguments referencing the
 * input as OUTER_VAR) over input sorted on the partition keys then the
 * order keys (1-based input columns).  The targetlist references input
 * columns (OUTER_VAR) and this node's results (WindowFunc nodes, looked up
 * by winno).  frameOptions are the FRAMEOPTION_* bits (nodes/parsenodes.h);
 * startOffset/endOffset are expressions without Vars: int8 for ROWS, for
 * RANGE of the offset type of the single order key (int8 for integers,
 * numeric, float8, interval for date/timestamp[tz]/interval), whose
 * direction and NULLs placement rangeDesc/rangeNullsFirst give.
 */
typedef struct WindowAgg
{
    Plan        plan;
    uint32      winref;
    int         partNumCols;
    int        *partColIdx;
    Oid        *partTypes;
    int         ordNumCols;
    int        *ordColIdx;
    Oid        *ordTypes;
    int         frameOptions;
    Node       *startOffset;
    Node       *endOffset;
    bool        rangeDesc;
    bool        rangeNullsFirst;
    List       *winfuncs;       /* WindowFunc */
} WindowAgg;

/* Unique -- drop adjacent duplicates (input sorted on uniqColIdx). */
typedef struct Unique
{
    Plan        plan;
    int         numCols;
    int        *uniqColIdx;
    Oid        *uniqTypes;
} Unique;

typedef enum SetOpCmd
{
    SETOPCMD_INTERSECT,
    SETOPCMD_INTERSECT_ALL,
    SETOPCMD_EXCEPT,
    SETOPCMD_EXCEPT_ALL
} SetOpCmd;

/*
 * SetOp -- INTERSECT/EXCEPT [ALL] over an Append of both inputs, each row
 * tagged with a flag column (flagColIdx: 0 = left input, 1 = right).  Hashed
 * implementation: counts per distinct row.
 */
typedef struct SetOp
{
    Plan        plan;
    SetOpCmd    cmd;
    int         numCols;
    int        *dupColIdx;
    Oid        *dupTypes;
    int         flagColIdx;
    double      numGroups;
} SetOp;

/* Limit -- OFFSET / LIMIT expressions (no Vars; may contain Params). */
typedef struct Limit
{
    Plan        plan;
    Node       *limitOffset;
    Node       *limitCount;
} Limit;

/*
 * LockRows -- FOR UPDATE/SHARE: locks, for each input row, the row of every
 * locked relation (heap_lock_tuple) and passes the row on, skips it, or
 * returns its re-checked newest version (see src/backend/executor/README).
 * The planner appends a resjunk "ctid<rti>" entry per locked relation to the
 * query's targetlist; ctidColNos locates them in the input.
 */
typedef struct LockRows
{
    Plan        plan;
    List       *rowMarks;       /* RowMarkClause; rti is the global range-table index */
    List       *ctidColNos;     /* int: resno of each mark's ctid column (1-based) */
    List       *tableoidColNos; /* int: a partitioned table's tableoid column, else 0 */
    /* joined base relations that are not locked, with their ctid columns (as ModifyTable) */
    List       *epqRtis;        /* int */
    List       *epqCtidColNos;  /* int */
} LockRows;

#endif                          /* NODES_PLANNODES_H */
