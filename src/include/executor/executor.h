/*
 * executor.h
 *     The executor: runs a PlannedStmt as a tree of iterator nodes and
 *     evaluates expressions.  Entry points for callers outside the executor
 *     (tcop/pquery.c, commands/explain.c, tests) and the helpers the node
 *     files share.
 * Implemented in src/backend/executor/; see the README there.
 *
 * Life cycle of one query:
 *     QueryDesc *qd = CreateQueryDesc(stmt, dest, params);
 *     ExecutorStart(qd, 0);       -- EState, node states, opens relations
 *     ExecutorRun(qd, 0);         -- rows to dest (0 = all rows)
 *     ExecutorEnd(qd);            -- closes relations, frees the EState
 * The caller holds a transaction and has pushed the statement's snapshot
 * (PushActiveSnapshot); ExecutorStart takes it from GetActiveSnapshot().
 */
#ifndef EXECUTOR_EXECUTOR_H
#define EXECUTOR_EXECUTOR_H

#include "nodes/execnodes.h"
#include "tcop/dest.h"

/* eflags for ExecutorStart */
#define EXEC_FLAG_EXPLAIN_ONLY 0x0001   /* EXPLAIN without ANALYZE: do not run */
#define EXEC_FLAG_INSTRUMENT 0x0002     /* EXPLAIN ANALYZE: collect timing */

typedef struct QueryDesc
{
    PlannedStmt *plannedstmt;
    DestReceiver *dest;
    ParamListInfo params;
    TupleDesc   tupDesc;        /* non-junk result columns (set by ExecutorStart) */
    EState     *estate;
    PlanState  *planstate;
    int        *junkmap;        /* for each tupDesc column, its 1-based plan column */
    bool        started;
} QueryDesc;

/* execMain.c */
/* Allocated in CurrentMemoryContext; the statement must outlive it. */
extern QueryDesc *CreateQueryDesc(PlannedStmt *stmt, DestReceiver *dest, ParamListInfo params);
extern void ExecutorStart(QueryDesc *qd, int eflags);
/* Sends up to count rows (0 = all) to qd->dest; returns rows processed. */
extern uint64 ExecutorRun(QueryDesc *qd, uint64 count);
extern void ExecutorEnd(QueryDesc *qd);
/* The descriptor of the rows a plan sends to the client: non-junk targetlist entries. */
extern TupleDesc ExecCleanTypeFromTL(List *targetlist);
/* Descriptor of all targetlist entries (junk included). */
extern TupleDesc ExecTypeFromTL(List *targetlist);
/* Open a relation for the rest of the query (closed by ExecutorEnd). */
extern Relation ExecOpenScanRelation(EState *estate, int rtindex);
/* Is one of range-table entries rtis (int list) a partitioned table? (no join re-checks over those) */
extern bool ExecRtisHavePartitioned(EState *estate, List *rtis);

/* execProcnode.c */
extern PlanState *ExecInitNode(Plan *node, EState *estate, int eflags);
extern void ExecEndNode(PlanState *node);
extern void ExecReScan(PlanState *node);
/* Next row of node, or NULL/empty slot at the end. */
extern TupleTableSlot *ExecProcNode(PlanState *node);

/* execExpr.c: expressions */
extern ExprState *ExecInitExpr(Node *expr, PlanState *parent);
/* A List of expressions, each initialised (a qual list, for ExecQual). */
extern List *ExecInitExprList(List *exprs, PlanState *parent);
extern Datum ExecEvalExpr(ExprState *state, ExprContext *econtext, bool *isnull);
/* Evaluate in the per-tuple context of econtext, switching to it. */
extern Datum ExecEvalExprSwitchContext(ExprState *state, ExprContext *econtext, bool *isnull);
/* An implicitly-ANDed qual list: true if every clause is true (NULL counts as false). */
extern bool ExecQual(List *qual, ExprContext *econtext);
extern ExprContext *CreateExprContext(EState *estate);
extern ProjectionInfo *ExecBuildProjectionInfo(List *targetlist, ExprContext *econtext,
                                               TupleTableSlot *slot, PlanState *parent);
/* Compute the projection into its slot and return the slot. */
extern TupleTableSlot *ExecProject(ProjectionInfo *proj);

/*
 * Set-returning function calls (value-per-call): used by FunctionScan and
 * ProjectSet.  SrfCallStart prepares the call with arguments evaluated in
 * econtext; SrfCallNext returns false when the set is exhausted.
 */
typedef struct SrfCallState SrfCallState;
extern SrfCallState *SrfCallInit(ExprState *funcstate, MemoryContext mcxt);
extern void SrfCallStart(SrfCallState *srf, ExprContext *econtext);
extern bool SrfCallNext(SrfCallState *srf, Datum *value, bool *isnull);
/* false: the expression is not set-returning; evaluate it once as a scalar */
extern bool SrfCallIsSet(SrfCallState *srf);

/* execTuples.c: slots, rows, row stores */
extern TupleTableSlot *MakeTupleTableSlot(TupleDesc desc);   /* in CurrentMemoryContext */
extern TupleTableSlot *ExecClearTuple(TupleTableSlot *slot);
/* Mark the values/isnull arrays just filled as a row. */
extern TupleTableSlot *ExecStoreVirtualTuple(TupleTableSlot *slot);
/* Deform tuple into slot (values point into tuple). */
extern TupleTableSlot *ExecStoreHeapTuple(HeapTuple tuple, TupleTableSlot *slot);
/* Copy by-reference values into the slot's own memory. */
extern void ExecMaterializeSlot(TupleTableSlot *slot);
extern void ExecCopySlot(TupleTableSlot *dst, TupleTableSlot *src);
extern TupleTableSlot *ExecStoreMinimalRow(MinimalRow row, TupleTableSlot *slot);
/* One-chunk copy of the slot's row in CurrentMemoryContext. */
extern MinimalRow ExecCopySlotMinimalRow(TupleTableSlot *slot);
extern HeapTuple ExecCopySlotHeapTuple(TupleTableSlot *slot);
extern RowStore *RowStoreCreate(MemoryContext parent);
extern void RowStorePut(RowStore *store, TupleTableSlot *slot);
extern bool RowStoreGet(RowStore *store, int64 pos, TupleTableSlot *slot);
extern void RowStoreClear(RowStore *store);

/*
 * execConstraints.c: CHECK and FOREIGN KEY constraints from pg_constraint
 * (cached per backend; see the file header for the foreign-key design).
 */
typedef struct ExecCheckConstraint
{
    char        name[NAMEDATALEN];
    char       *expr_sql;       /* SQL text (pg_constraint.conbin) */
} ExecCheckConstraint;

/* ExecCheckConstraint list of rel; valid until the next catalog invalidation. */
extern List *ExecRelationChecks(Relation rel);

/* ExprStates of rel's CHECK constraints; *names gets their names (parallel). */
extern List *ExecInitCheckConstraints(Relation rel, PlanState *parent, List **names);
/*
 * execPartition.c: global unique constraints of a partitioned table (a
 * PRIMARY KEY / UNIQUE constraint without every partition key column, kept
 * by ALTER TABLE ... PARTITION BY; README "Partitioned tables").
 * ExecGlobalUniqueBegin returns NULL when parent has none.  Before writing
 * a row version (values/isnull: every column) into partition partoid (new_row:
 * an inserted row, not the new version of a row of that partition), call
 * ExecGlobalUniqueCheck (locks the key, looks it up in the other
 * partitions; 23505 on a duplicate); after the heap tuple and its index
 * entries are written, ExecGlobalUniqueRelease.  Allocated in the caller's
 * context; ExecGlobalUniqueEnd closes what it opened.
 */
typedef struct GlobalUniqueState GlobalUniqueState;
extern GlobalUniqueState *ExecGlobalUniqueBegin(Oid parent);
extern void ExecGlobalUniqueCheck(GlobalUniqueState *st, Oid partoid, bool new_row,
                                  const Datum *values, const bool *isnull);
extern void ExecGlobalUniqueRelease(GlobalUniqueState *st);
extern void ExecGlobalUniqueEnd(GlobalUniqueState *st);
/* "(v1, v2, null)" of a row's non-dropped columns, for "Failing row contains" details. */
extern char *ExecRowText(TupleDesc desc, const Datum *values, const bool *isnull);
/* NOT NULL and CHECK on a new row: ERROR 23502 / 23514 as PostgreSQL. */
extern void ExecCheckRowConstraints(Relation rel, List *checks, List *names,
                                    ExprContext *econtext, TupleTableSlot *row);

typedef struct ExecFKState ExecFKState;
/* The FK work of one statement on rel, or NULL if none (CurrentMemoryContext). */
extern ExecFKState *ExecFKBegin(Relation rel, CmdType operation);
/* True if ExecFKNoteRow needs the old row (UPDATE/DELETE of a referenced table). */
extern bool ExecFKNeedsOldRow(const ExecFKState *st);
/* Note a written row (old: UPDATE/DELETE when needed, new: INSERT/UPDATE). */
extern void ExecFKNoteRow(ExecFKState *st, const Datum *oldvalues, const bool *oldnulls,
                          const Datum *newvalues, const bool *newnulls);
/* End of the statement's writes: run checks and cascades; ERROR 23503 on violation. */
extern void ExecFKEnd(ExecFKState *st);

/* execUtils.c */
extern EState *CreateExecutorState(void);
extern void FreeExecutorState(EState *estate);
/* Set up ps_ResultTupleSlot and the projection for the node's targetlist. */
extern void ExecInitResultAndProjection(PlanState *ps, bool need_projection);
extern void ExecAssignExprContext(PlanState *ps);
/* Is the node's targetlist exactly its input row (Vars 1..n of OUTER_VAR/scan)? */
extern bool ExecTargetListIsPassThrough(List *targetlist, int varno, TupleDesc input);
extern void ExecSortSupportInit(SortSupportData *key, int colidx, Oid typid, bool desc,
                                bool nulls_first);
/* Compare two rows on keys; ERROR if a type has no comparison function. */
extern int  ExecCompareKeys(const SortSupportData *keys, int nkeys,
                            const Datum *v1, const bool *n1, const Datum *v2, const bool *n2);
extern uint32 ExecHashKeys(const SortSupportData *keys, int nkeys, const Datum *v, const bool *n);
/* Instrumentation (EXPLAIN ANALYZE) */
extern void InstrStartNode(Instrumentation *instr);
extern void InstrStopNode(Instrumentation *instr, double nrows);
extern void InstrEndLoop(Instrumentation *instr);

/*
 * ExecHashTable (execHash.c) -- an in-memory hash table of MinimalRows,
 * keyed on some columns (SortSupportData with hash and cmp set).  Rows with
 * equal keys chain together.  Rows are copied into the table's context.
 */
typedef struct ExecHashTable
{
    MemoryContext mcxt;
    int         nkeys;
    const SortSupportData *keys;
    MinimalRow *buckets;
    int64       nbuckets;
    int64       nentries;
    MinimalRow *all;            /* insertion order, for full scans */
    int64       nall;
    int64       maxall;
    bool       *matched;        /* per entry in "all", when track_matched */
    bool        track_matched;
} ExecHashTable;

extern ExecHashTable *ExecHashTableCreate(MemoryContext parent, int nkeys,
                                          const SortSupportData *keys, bool track_matched);
/* Insert a copy of the row; returns it. */
extern MinimalRow ExecHashTableInsert(ExecHashTable *ht, const Datum *values, const bool *isnull,
                                      int natts, TupleDesc desc, uint32 hash);
/* First row whose key columns (of probe values, using probe key columns) equal; NULL if none. */
extern MinimalRow ExecHashTableLookup(ExecHashTable *ht, const Datum *keyvals, const bool *keynulls,
                                      uint32 hash, MinimalRow after);
extern void ExecHashTableReset(ExecHashTable *ht);
extern uint32 ExecHashValues(const SortSupportData *keys, int nkeys, const Datum *keyvals,
                             const bool *keynulls);

#endif                          /* EXECUTOR_EXECUTOR_H */
