/*
 * execnodes.h
 *     Executor run-time state: tuple slots, expression states, the per-query
 *     EState and one PlanState per plan node.
 *
 * Built by ExecInitNode() from a plan tree (nodes/plannodes.h) in the
 * query's memory context (EState.es_query_cxt); freed as a whole when the
 * executor ends.  Per-row work happens in each node's ExprContext per-tuple
 * memory, which is reset before every row is produced, so nothing leaks
 * across rows.  See src/backend/executor/README.
 * Node tags 800..999 (see nodes/nodes.h).
 */
#ifndef NODES_EXECNODES_H
#define NODES_EXECNODES_H

#include <time.h>

#include "access/heapam.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "nodes/plannodes.h"
#include "utils/rel.h"

enum
{
    T_TupleTableSlot = 800,
    T_ExprContext,
    T_ExprState,
    T_EState,
    T_SubPlanState,
    T_ResultState = 820,
    T_ProjectSetState,
    T_ModifyTableState,
    T_AppendState,
    T_RecursiveUnionState,
    T_SeqScanState,
    T_FunctionScanState,
    T_ValuesScanState,
    T_SubqueryScanState,
    T_CteScanState,
    T_WorkTableScanState,
    T_NestLoopState,
    T_HashJoinState,
    T_MergeJoinState,
    T_HashState,
    T_MaterialState,
    T_SortState,
    T_AggState,
    T_UniqueState,
    T_SetOpState,
    T_LimitState,
    T_LockRowsState,
    T_IndexScanState,
    T_IndexOnlyScanState,
    T_WindowAggState
};

/* ---------------- tuple slots ---------------- */

/*
 * TupleTableSlot -- one row in "virtual" form: values[]/isnull[] for each
 * column of desc.  By-reference values point either into storage the
 * producer keeps valid until its next row (a pinned heap page, a row store)
 * or, after ExecMaterializeSlot(), into the slot's own copy (data), freed
 * when the slot is cleared or refilled.  tid/tableOid identify the heap
 * row for ctid references (invalid for computed rows).
 */
typedef struct TupleTableSlot
{
    NodeTag     type;
    bool        empty;          /* no row */
    int         natts;
    TupleDesc   desc;
    Datum      *values;
    bool       *isnull;
    ItemPointerData tid;
    Oid         tableOid;
    char       *data;           /* private copy of by-reference values, or NULL */
    MemoryContext mcxt;         /* where values/isnull/data live */
} TupleTableSlot;

#define TupIsNull(slot) ((slot) == NULL || (slot)->empty)

/*
 * MinimalRow -- a row copied into one palloc chunk: natts, then Datum
 * values[natts], then bool isnull[natts], then the by-reference data the
 * values point to.  Used by sorts, hash tables and row stores.
 */
typedef struct MinimalRowData
{
    int         natts;
    uint32      hash;           /* free for the owner's use (hash tables) */
    uint32      flags;          /* free for the owner's use (hash join: matched) */
    struct MinimalRowData *next;    /* free for the owner's use (chains) */
    Datum       values[FLEXIBLE_ARRAY_MEMBER];
} MinimalRowData;

typedef MinimalRowData *MinimalRow;

#define MinimalRowIsNull(row) ((bool *) &(row)->values[(row)->natts])

/*
 * RowStore -- an append-only, rescannable list of MinimalRows in memory
 * (Material, CteScan, WorkTableScan, RecursiveUnion).  Several readers may
 * read at independent positions.
 */
typedef struct RowStore
{
    MemoryContext mcxt;         /* owns the rows */
    MinimalRow *rows;
    int64       nrows;
    int64       maxrows;
    bool        eof_reached;    /* producer finished (for shared CTE stores) */
} RowStore;

/* ---------------- parameters ---------------- */

/* PARAM_EXTERN values ($1 ...), from Bind or EXECUTE. */
typedef struct ParamExternData
{
    Datum       value;
    bool        isnull;
    Oid         ptype;
} ParamExternData;

typedef struct ParamListInfoData
{
    int         numParams;
    ParamExternData params[FLEXIBLE_ARRAY_MEMBER];
} ParamListInfoData;

typedef ParamListInfoData *ParamListInfo;

/*
 * ParamExecData -- a PARAM_EXEC slot.  If execPlan is set the value is an
 * initplan's output not computed yet: the first reader runs it.
 */
typedef struct ParamExecData
{
    void       *execPlan;       /* SubPlanState of the initplan, or NULL */
    Datum       value;
    bool        isnull;
    void       *shared;         /* CTE/work table shared state (CteScan, WorkTableScan) */
} ParamExecData;

/* ---------------- expressions ---------------- */

struct ExprState;
struct ExprContext;
struct PlanState;
struct EState;

typedef Datum (*ExprStateEvalFunc) (struct ExprState *state, struct ExprContext *econtext,
                                    bool *isnull);

/*
 * ExprState -- one node of an expression, prepared for repeated
 * evaluation: children's states, a ready FunctionCallInfo for function
 * calls, and per-kind private data (execExpr.c).
 */
typedef struct ExprState
{
    NodeTag     type;
    Node       *expr;           /* the expression node this state evaluates */
    ExprStateEvalFunc evalfunc;
    int         nargs;
    struct ExprState **args;    /* child states (function arguments, list items) */
    FunctionCallInfo fcinfo;    /* for function-like nodes */
    RdbFunction fn;
    bool        strict;
    Oid        *argtypes;       /* nargs actual types, passed in fcinfo->argtypes */
    void       *fn_extra;       /* call-site cache slot for the function */
    void       *priv;           /* kind-specific state (execExpr.c) */
} ExprState;

/*
 * ExprContext -- what an expression sees: the current scan/outer/inner rows,
 * parameters, aggregate results, and the per-tuple memory context in which
 * results are allocated (reset by the owning node per row).
 */
typedef struct ExprContext
{
    NodeTag     type;
    TupleTableSlot *scantuple;
    TupleTableSlot *innertuple;
    TupleTableSlot *outertuple;
    MemoryContext per_tuple_memory;
    MemoryContext per_query_memory;
    ParamExecData *param_exec_vals;
    ParamListInfo param_list_info;
    Datum      *aggvalues;      /* Agg node: final values by aggno */
    bool       *aggnulls;
    Datum       caseValue;      /* CaseTestExpr value */
    bool        caseNull;
    struct EState *estate;
} ExprContext;

#define ResetExprContext(econtext) MemoryContextReset((econtext)->per_tuple_memory)

/* A targetlist ready to be computed into a slot. */
typedef struct ProjectionInfo
{
    int         nexprs;
    ExprState **exprs;
    TupleTableSlot *slot;
    ExprContext *econtext;
} ProjectionInfo;

/* ---------------- instrumentation (EXPLAIN ANALYZE) ---------------- */

typedef struct Instrumentation
{
    bool        running;        /* a loop is in progress */
    struct timespec starttime;  /* start of the current ExecProcNode call */
    double      counter_s;      /* time in the current loop */
    double      firsttuple_s;   /* time to first row in the current loop */
    double      tuplecount;     /* rows in the current loop */
    double      startup_s;      /* totals over finished loops */
    double      total_s;
    double      ntuples;
    double      nloops;
    bool        first_done;
} Instrumentation;

/* ---------------- executor state ---------------- */

typedef struct EState
{
    NodeTag     type;
    PlannedStmt *es_plannedstmt;
    List       *es_range_table;
    Snapshot    es_snapshot;
    CommandId   es_output_cid;  /* command id stamped on modified rows */
    MemoryContext es_query_cxt;
    ParamExecData *es_param_exec_vals;
    int         es_num_param_exec;
    ParamListInfo es_param_list_info;
    List       *es_subplanstates;   /* PlanState per PlannedStmt.subplans entry (or NULL) */
    List       *es_relations;       /* Relation: opened by the executor, closed at end */
    uint64      es_processed;       /* rows produced / modified (command tag count) */
    bool        es_instrument;      /* EXPLAIN ANALYZE */
    int         es_top_eflags;
} EState;

typedef TupleTableSlot *(*ExecProcNodeMtd) (struct PlanState *pstate);

/*
 * PlanState -- common part of every node's state.  chgParam is set when a
 * PARAM_EXEC value the subtree depends on changed: the next ExecProcNode
 * after ExecReScan starts over.
 */
typedef struct PlanState
{
    NodeTag     type;
    Plan       *plan;
    EState     *state;
    ExecProcNodeMtd ExecProcNode;
    struct PlanState *lefttree;
    struct PlanState *righttree;
    List       *initPlan;       /* SubPlanState */
    List       *subPlan;        /* SubPlanState in this node's expressions */
    ExprContext *ps_ExprContext;
    TupleTableSlot *ps_ResultTupleSlot;
    TupleDesc   ps_ResultTupleDesc;
    ProjectionInfo *ps_ProjInfo;    /* NULL: the node returns its input row as is */
    List       *qual;           /* ExprState, ANDed */
    Instrumentation *instrument;
} PlanState;

#define outerPlanState(node) (((PlanState *) (node))->lefttree)
#define innerPlanState(node) (((PlanState *) (node))->righttree)

/* SubPlanState -- a SubPlan expression's run-time state. */
typedef struct SubPlanState
{
    NodeTag     type;
    SubPlan    *subplan;
    struct PlanState *planstate;    /* the subquery's plan */
    ExprState  *testexpr;
    List       *args;           /* ExprState for parParam values */
    struct PlanState *parent;
    /* hashed ANY: the subquery's rows, built once */
    struct ExecHashTable *hashtable;
    bool        havehashrows;
    bool        havenullrows;
    TupleDesc   descRight;
    MemoryContext hashcxt;
    void       *cache;          /* nodeSubplan.c: rows of an uncorrelated subquery */
} SubPlanState;

typedef struct ResultState
{
    PlanState   ps;
    ExprState  *resconstantqual;
    bool        rs_done;        /* one-row Result already returned */
    bool        rs_checkqual;   /* resconstantqual not yet checked */
} ResultState;

typedef struct ProjectSetState
{
    PlanState   ps;
    bool        pending;        /* input row still has SRF output to produce */
    bool        unused_done;    /* no input plan: the single input row was used */
    int         nelems;
    struct SrfCallState **srfs; /* nodeProjectSet.c private data */
    bool       *elemdone;
} ProjectSetState;

typedef struct ModifyTableState
{
    PlanState   ps;
    CmdType     operation;
    Relation    resultRel;
    bool        done;
    ProjectionInfo *returning;
    TupleTableSlot *rowslot;    /* the row written/deleted, for RETURNING */
    MemoryContext rowcxt;       /* per-row work memory */
    List       *checks;         /* ExprState per CHECK constraint */
    List       *checknames;     /* char *: the constraints' names, parallel to checks */
    struct IndexInsertState *indexstate;    /* INSERT/UPDATE: the table's ready indexes */
    bool       *indexed_attrs;  /* UPDATE: columns any index uses (heap_update_hot) */
    struct ExecFKState *fkstate;    /* foreign-key work of the statement, or NULL */
    TupleTableSlot *oldslot;    /* UPDATE/DELETE: the old row, when FKs need it */
    struct EPQState *epq;       /* UPDATE/DELETE over a join: re-check state, else NULL */
    int        *epq_ctid_cols;  /* input ctid column per epq relation (rtis[0] is the target) */
    bool       *key_attrs;      /* UPDATE: per column, part of a unique index (row locks) */
    /* INSERT ... ON CONFLICT (executor README) */
    OnConflictAction onconflict;
    List       *oc_set;         /* ExprState per SET entry */
    int        *oc_set_attnos;  /* column each oc_set entry assigns */
    ExprState  *oc_where;       /* DO UPDATE ... WHERE, or NULL */
    TupleTableSlot *oc_existing;    /* the conflicting row (locked) */
    TupleTableSlot *oc_excluded;    /* the proposed row (EXCLUDED) */
    uint64      oc_conflicts;   /* rows that met a conflict (EXPLAIN ANALYZE) */
    uint64      oc_inserted;    /* rows inserted */
    uint64      oc_filtered;    /* conflicting rows DO UPDATE's WHERE skipped */
    int         last_upsert;    /* what the last row did (nodeModifyTable.c UpsertResult) */
    /*
     * A partitioned result relation (executor README "Partitioned tables"):
     * the fields above describe the current partition (targets[cur_target]);
     * switching saves them there and loads another's, opened on first use.
     */
    struct PartitionDescData *partdesc; /* NULL: a plain table */
    struct ModifyTarget *targets;       /* per partition of partdesc */
    int         cur_target;     /* -1: none yet */
    Relation    parentRel;      /* the partitioned table */
    /* a partition written directly: its parent's descriptor (rows outside it: 23514) */
    struct PartitionDescData *own_desc;
    struct GlobalUniqueState *global_unique;    /* the parent's global unique constraints */
} ModifyTableState;

typedef struct AppendState
{
    PlanState   ps;
    PlanState **appendplans;    /* NULL for a child pruned at executor start */
    int         nplans;
    int         whichplan;
    int         nremoved;       /* children pruned at executor start (EXPLAIN) */
} AppendState;

typedef struct RecursiveUnionState
{
    PlanState   ps;
    bool        recursing;
    bool        intermediate_empty;
    RowStore   *working_table;
    RowStore   *intermediate_table;
    int64       wt_readpos;
    struct ExecHashTable *hashtable;    /* UNION: rows seen */
    MemoryContext tablecxt;
} RecursiveUnionState;

typedef struct ScanState
{
    PlanState   ps;
    Relation    ss_currentRelation;
    TupleTableSlot *ss_ScanTupleSlot;
    /*
     * READ COMMITTED re-check (execRecheck.c): in a re-check copy of a plan,
     * a relation scan returns only ss_epq_tuple (if it still passes the
     * scan's conditions; nothing when NULL), once per (re)scan.
     */
    bool        ss_epq_active;
    bool        ss_epq_done;
    HeapTuple   ss_epq_tuple;
} ScanState;

/*
 * EPQState -- re-running a join for one input row on substituted rows
 * (PostgreSQL's EvalPlanQual): a second copy of the subplan, initialised
 * on first use, whose scans of the listed relations return the given rows.
 */
typedef struct EPQState
{
    struct Plan *plan;          /* the subplan to re-run */
    int         nrels;
    int        *rtis;           /* global range-table indexes substituted */
    Relation   *rels;           /* each one's relation */
    HeapTuple  *tuples;         /* the row each returns on the next run (NULL: none) */
    struct PlanState *tree;     /* the copy, or NULL before first use */
    ScanState **scans;          /* substituted scan nodes of tree (up to nrels) */
    int        *scan_rel;       /* index into rtis of each */
    int         nscans;
} EPQState;

typedef struct SeqScanState
{
    ScanState   ss;
    TableScanDesc scandesc;
    HeapTuple   curtuple;       /* row in the scan slot; points into the pinned page */
    int         qual_natts;     /* columns deformed before the qual runs */
    int         need_natts;     /* columns a row that passed needs (qual, projection, parent) */
    bool        has_missing;    /* relation has ADD COLUMN missing values (RelationFillMissing) */
    int64       stat_rows_scanned;  /* pgstat.h: rows read by ended scans */
    int64       stat_rows_returned; /* pgstat.h: rows that passed the quals */
} SeqScanState;

/*
 * IndexScanState -- IndexScan and IndexOnlyScan.  The scan descriptor is
 * opened at the first fetch after a (re)scan, with the key arguments
 * evaluated then (runtime keys: Params of a nested loop).
 */
typedef struct IndexScanState
{
    ScanState   ss;
    Relation    indexrel;
    struct IndexScanDescData *scandesc;
    int         nkeys;
    struct ScanKeyData *keys;
    List       *keyexprs;       /* ExprState or NULL, per key */
    bool        keys_ready;     /* keys evaluated for the current scan */
    MemoryContext keycxt;       /* the evaluated key arguments; reset per (re)scan */
    bool        no_rows;        /* a key compares with NULL: nothing can match */
    bool        index_only;
    int         direction;      /* ScanDirection */
    int        *attmap;         /* index-only: table attno (1-based) of each index column */
    int         index_natts;
    int64       heap_fetches;   /* index-only: rows whose visibility needed the heap */
    Buffer      vmbuf;          /* index-only: pinned visibility map page, or InvalidBuffer */
    int64       rows_fetched;   /* for the statistics (pgstat.h) */
    int64       entries_read;
    List       *epq_indexquals; /* ModifyTable's READ COMMITTED recheck: index conditions */
} IndexScanState;

typedef IndexScanState IndexOnlyScanState;

typedef struct FunctionScanState
{
    ScanState   ss;
    RowStore   *store;          /* the function's rows, computed on first fetch */
    int64       readpos;
    ExprState  *funcexpr;
    bool        composite;      /* reserved: record-returning functions */
} FunctionScanState;

typedef struct ValuesScanState
{
    ScanState   ss;
    ExprState ***exprlists;     /* per row, per column */
    int         nrows;
    int         curr_idx;
    MemoryContext rowcxt;
} ValuesScanState;

typedef struct SubqueryScanState
{
    ScanState   ss;
    PlanState  *subplan;
} SubqueryScanState;

/* The state all CteScans of one CTE share (through their PARAM_EXEC slot). */
typedef struct CteSharedState
{
    RowStore   *store;
    PlanState  *cteplanstate;
    bool        done;
} CteSharedState;

typedef struct CteScanState
{
    ScanState   ss;
    CteSharedState *shared;
    int64       readpos;
} CteScanState;

typedef struct WorkTableScanState
{
    ScanState   ss;
    RecursiveUnionState *rustate;
    int64       readpos;
} WorkTableScanState;

typedef struct JoinState
{
    PlanState   ps;
    JoinType    jointype;
    List       *joinqual;       /* ExprState */
    TupleTableSlot *nullinner;  /* all-NULL row of the inner's layout */
    TupleTableSlot *nullouter;
} JoinState;

typedef struct NestLoopState
{
    JoinState   js;
    bool        needNewOuter;
    bool        matchedOuter;
    /* RIGHT/FULL: inner rows matched so far (by position in a materialized inner) */
    RowStore   *innerstore;
    bool       *innermatched;
    int64       innerpos;
    bool        fillInnerDone;
    bool        innerLoaded;
    TupleTableSlot *innerslot;
    TupleTableSlot *outerslot;
    List       *nestParamExprs;     /* ExprState per NestLoop.nestParams entry */
} NestLoopState;

/*
 * MergeJoinState -- the inner rows of the current key group are kept in
 * group (with a matched flag each for RIGHT/FULL); the inner input's next
 * row after the group waits in the inner child's slot (innerahead).
 */
typedef struct MergeJoinState
{
    JoinState   js;
    int         state;          /* MJ_* (nodeMergejoin.c) */
    int         nkeys;
    int        *outercols;      /* 0-based key columns of the outer row */
    int        *innercols;      /* 0-based key columns of the inner row */
    struct SortSupportData *cmpkeys;    /* outer key types' compare functions (colidx = key) */
    struct SortSupportData *innercmpkeys;   /* the inner key types' (inner rows among themselves) */
    Oid        *outertypes;
    Oid        *innertypes;
    bool        crosstype;      /* some key pairs integers of different widths */
    TupleTableSlot *outerslot;  /* current outer row, or NULL when done */
    TupleTableSlot *innerahead; /* next inner row not in the group, or NULL at the end */
    bool        innerDone;
    bool        matchedOuter;
    RowStore   *group;          /* inner rows with the group key */
    int64       ngroup;
    int64       grouppos;
    bool       *groupmatched;
    int64       groupmatched_size;
    TupleTableSlot *groupslot;  /* row grouppos of the group */
    TupleTableSlot *groupkeyslot;   /* the group's first row (its key) */
    Datum      *keyvals1;       /* scratch for comparisons */
    bool       *keynulls1;
    Datum      *keyvals2;
    bool       *keynulls2;
} MergeJoinState;

struct ExecHashTable;

typedef struct HashJoinState
{
    JoinState   js;
    List       *outerkeys;      /* ExprState */
    List       *innerkeys;
    struct ExecHashTable *hashtable;
    bool        built;
    bool        outerDone;
    TupleTableSlot *outerslot;
    TupleTableSlot *innerslot;  /* holds the current matching inner row */
    MinimalRow  curmatch;       /* position in the bucket chain */
    bool        matchedOuter;
    bool        outerHasNullKey;
    uint32      curhash;
    /* RIGHT/FULL: scan for unmatched inner rows after the outer side ends */
    int64       fillpos;
    bool        filling;
    bool        needChainContinue;  /* walking the chain of the current outer row */
    Datum      *probevals;      /* the current outer row's keys */
    bool       *probenulls;
    void       *priv;           /* nodeHashjoin.c private layout data */
    MemoryContext hashcxt;
} HashJoinState;

typedef struct HashState
{
    PlanState   ps;
} HashState;

typedef struct MaterialState
{
    PlanState   ps;
    RowStore   *store;
    int64       readpos;
    bool        eof_underlying;
} MaterialState;

/* Comparison support for one sort/group column. */
typedef struct SortSupportData
{
    int         colidx;         /* 0-based */
    Oid         typid;
    RdbFunction cmp;
    RdbFunction hash;
    bool        desc;
    bool        nulls_first;
} SortSupportData;

typedef struct SortState
{
    PlanState   ps;
    bool        sorted;
    MinimalRow *rows;
    int64       nrows;
    int64       readpos;
    int         nkeys;
    SortSupportData *keys;
    MemoryContext sortcxt;
    Size        space_used;
    const char *sort_method;    /* for EXPLAIN ANALYZE */
} SortState;

struct AggStatePerAgg;
struct AggGroup;

typedef struct AggState
{
    PlanState   ps;
    AggStrategy strategy;
    int         numaggs;
    struct AggStatePerAgg *peragg;
    int         numgrp;
    SortSupportData *grpkeys;
    bool        agg_done;
    bool        input_done;
    MemoryContext aggcxt;       /* group states (hashed: all groups) */
    MemoryContext tmpcxt;       /* per input row */
    /* sorted / plain */
    TupleTableSlot *grp_firstrow;   /* representative row of the current group */
    TupleTableSlot *next_row;       /* first row of the next group (sorted mode) */
    bool        have_next;
    struct AggGroup *curgroup;
    /* hashed */
    struct ExecHashTable *hashtable;
    int64       hash_iter;
    Datum      *aggvalues;
    bool       *aggnulls;
} AggState;

struct WindowStatePerFunc;
struct WindowRangeSupport;

/* WindowAgg: one partition at a time in a row store (nodeWindowAgg.c) */
typedef struct WindowAggState
{
    PlanState   ps;
    int         numfuncs;
    struct WindowStatePerFunc *perfunc;
    int         numaggs;        /* of numfuncs, the aggregates */
    int         npartkeys;
    SortSupportData *partkeys;
    int         nordkeys;
    SortSupportData *ordkeys;
    int         frameOptions;
    ExprState  *startOffset;
    ExprState  *endOffset;
    int64       startOffsetValue;   /* ROWS offsets */
    int64       endOffsetValue;
    Datum       startOffsetDatum;   /* RANGE offsets (query lifetime) */
    Datum       endOffsetDatum;
    bool        offsets_done;   /* frame offsets evaluated (once per scan) */
    struct WindowRangeSupport *range;   /* RANGE offsets: how to compare, or NULL */
    bool        rangeDesc;      /* the ORDER BY column's direction and NULLs placement */
    bool        rangeNullsFirst;
    RowStore   *partition;      /* rows of the current partition */
    TupleTableSlot *next_first; /* first row of the next partition */
    bool        have_next;
    bool        input_done;
    bool        partition_loaded;
    int64       currentpos;     /* position of the current row in the partition */
    int64       peer_start;     /* current row's peer group [peer_start, peer_end) */
    int64       peer_end;
    int64       frame_start;    /* current row's frame [frame_start, frame_end) */
    int64       frame_end;
    int         nexcluded;      /* EXCLUDE: rows of the frame left out, ascending */
    int64       excluded[2][2]; /* [start, end) ranges within the frame */
    int64       cur_group;      /* current row's peer group number in the partition */
    int64      *group_starts;   /* GROUPS: first row of each peer group, then nrows */
    int64       ngroups;
    TupleTableSlot *curslot;    /* the current row */
    TupleTableSlot *tmpslot;    /* rows read for arguments */
    MemoryContext partcxt;      /* window functions' partition-local memory */
    MemoryContext aggcxt;       /* aggregate transition states */
    MemoryContext tmpcxt;       /* aggregate arguments, per input row */
    bool        suffix_mode;    /* aggregates precomputed per frame start (nodeWindowAgg.c) */
    bool        agg_valid;      /* aggregate states cover [agg_start, agg_end) */
    int64       agg_start;
    int64       agg_end;
    Datum      *winvalues;      /* results by winno for the projection */
    bool       *winnulls;
} WindowAggState;

typedef struct UniqueState
{
    PlanState   ps;
    int         nkeys;
    SortSupportData *keys;
    TupleTableSlot *lastslot;
} UniqueState;

typedef struct SetOpState
{
    PlanState   ps;
    bool        table_filled;
    struct ExecHashTable *hashtable;
    int64       iter;
    int64       numOutput;      /* copies of the current group still to emit */
    MinimalRow  curgroup;
    int         nkeys;
    SortSupportData *keys;
    MemoryContext tablecxt;
} SetOpState;

typedef struct LimitState
{
    PlanState   ps;
    ExprState  *limitOffset;
    ExprState  *limitCount;
    int64       offset;
    int64       count;
    bool        noCount;
    int64       position;       /* rows fetched from the input */
    bool        started;
} LimitState;

/* One locked relation of a LockRows node (FOR UPDATE ... OF it). */
typedef struct LockRowsMark
{
    Relation    rel;            /* opened by ExecOpenScanRelation (RowShareLock) */
    int         ctid_col;       /* input column holding its rows' ctid (1-based) */
    int         tableoid_col;   /* partitioned rel: input column of the row's partition, else 0 */
    List       *partrels;       /* partitioned rel: the partitions opened so far (Relation) */
    LockTupleMode mode;         /* from the clause's strength */
    LockWaitPolicy wait_policy; /* block, NOWAIT (error) or SKIP LOCKED */
} LockRowsMark;

typedef struct LockRowsState
{
    PlanState   ps;
    int         nmarks;
    LockRowsMark *marks;        /* nmarks entries, in the query context */
    ScanState  *recheck_scan;   /* READ COMMITTED: the scan to re-run on a newer
                                 * version; NULL when the shape cannot be re-checked */
    struct EPQState *epq;       /* join input: marks' relations first, then the others */
    int        *epq_ctid_cols;  /* input ctid column of each epq relation */
} LockRowsState;

#endif                          /* NODES_EXECNODES_H */
