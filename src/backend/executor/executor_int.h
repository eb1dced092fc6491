/*
 * executor_int.h
 *     Private interfaces between the executor's files: one Init/End/ReScan
 *     triple per plan node kind (the ExecProcNode function is stored in the
 *     PlanState by Init), and SubPlan support.  Not for use outside
 *     src/backend/executor/.
 */
#ifndef EXECUTOR_INT_H
#define EXECUTOR_INT_H

#include "catalog/pg_builtin.h"
#include "executor/executor.h"

#define DECLARE_NODE(Name, PlanType, StateType) \
    extern StateType *ExecInit##Name(PlanType *node, EState *estate, int eflags); \
    extern void ExecEnd##Name(StateType *node); \
    extern void ExecReScan##Name(StateType *node)

DECLARE_NODE(Result, Result, ResultState);
DECLARE_NODE(ProjectSet, ProjectSet, ProjectSetState);
DECLARE_NODE(ModifyTable, ModifyTable, ModifyTableState);
DECLARE_NODE(Append, Append, AppendState);
DECLARE_NODE(RecursiveUnion, RecursiveUnion, RecursiveUnionState);
DECLARE_NODE(SeqScan, SeqScan, SeqScanState);
DECLARE_NODE(IndexScan, IndexScan, IndexScanState);
DECLARE_NODE(IndexOnlyScan, IndexOnlyScan, IndexOnlyScanState);
DECLARE_NODE(FunctionScan, FunctionScan, FunctionScanState);
DECLARE_NODE(ValuesScan, ValuesScan, ValuesScanState);
DECLARE_NODE(SubqueryScan, SubqueryScan, SubqueryScanState);
DECLARE_NODE(CteScan, CteScan, CteScanState);
DECLARE_NODE(WorkTableScan, WorkTableScan, WorkTableScanState);
DECLARE_NODE(NestLoop, NestLoop, NestLoopState);
DECLARE_NODE(HashJoin, HashJoin, HashJoinState);
DECLARE_NODE(MergeJoin, MergeJoin, MergeJoinState);
DECLARE_NODE(Hash, Hash, HashState);
DECLARE_NODE(Material, Material, MaterialState);
DECLARE_NODE(Sort, Sort, SortState);
DECLARE_NODE(Agg, Agg, AggState);
DECLARE_NODE(Unique, Unique, UniqueState);
DECLARE_NODE(SetOp, SetOp, SetOpState);
DECLARE_NODE(Limit, Limit, LimitState);
DECLARE_NODE(LockRows, LockRows, LockRowsState);
DECLARE_NODE(WindowAgg, WindowAgg, WindowAggState);

/* nodeNestloop.c: a slot holding an all-NULL row of desc (outer-join padding) */
extern TupleTableSlot *ExecInitNullTupleSlot(TupleDesc desc);

/* nodeMaterial.c: replay the stored rows without rerunning the input */
extern void ExecMaterialRewind(MaterialState *node);

/* nodeSubplan.c */
extern SubPlanState *ExecInitSubPlan(SubPlan *subplan, PlanState *parent);
extern Datum ExecSubPlan(SubPlanState *node, ExprContext *econtext, bool *isnull);
/* Run an initplan and store its outputs in its setParam slots. */
extern void ExecSetParamPlan(SubPlanState *node, ExprContext *econtext);
/* Register the node's initplans in their PARAM_EXEC slots (lazy evaluation). */
extern void ExecInitInitPlans(PlanState *ps);
/* A PARAM_EXEC value changed: mark dependent initplans for re-evaluation. */
extern void ExecResetInitPlanParams(PlanState *ps);

/* nodeRecursiveunion.c / nodeWorktablescan.c share the work table */
extern RecursiveUnionState *ExecRecursiveUnionFromParam(EState *estate, int wtParam);

/* execScan.c: generic qual + projection loop for scan nodes */
typedef TupleTableSlot *(*ExecScanAccessMtd) (ScanState *node);
/* Fill the rest of a row that passed the qual (see ExecScanExtended). */
typedef void (*ExecScanCompleteMtd) (ScanState *node, TupleTableSlot *slot);
extern TupleTableSlot *ExecScan(ScanState *node, ExecScanAccessMtd accessMtd);
extern TupleTableSlot *ExecScanExtended(ScanState *node, ExecScanAccessMtd accessMtd,
                                        ExecScanCompleteMtd completeMtd);
/* Common scan-node set-up: expression context, scan slot, result slot, quals. */
extern void ExecInitScanNode(ScanState *ss, Plan *plan, EState *estate, TupleDesc scandesc);

/* execRecheck.c: READ COMMITTED re-check of a row's newest version */
extern TupleTableSlot *ExecScanRecheckRow(ScanState *ss, HeapTuple tup);
extern bool ExecScanCanRecheck(PlanState *ps);
/* nodeAppend.c: the scan of partition rel in a partitioned table's plan, or NULL */
extern ScanState *ExecAppendPartitionScan(PlanState *ps, Relation rel);
extern bool ExecSlotGetCtid(TupleTableSlot *slot, int col, ItemPointer tid);
extern EPQState *ExecEPQCreate(EState *estate, Plan *plan, int nrels, const int *rtis);
extern TupleTableSlot *ExecEPQRun(EPQState *epq, EState *estate);
extern void ExecEPQEnd(EPQState *epq);

/* execUtils.c: highest user column a Var in node reads (0: none) */
extern int ExecMaxVarAttno(Node *node);

/*
 * execAggTrans.c: one aggregate's transition machinery (Agg and WindowAgg).
 * AggTransInit looks up the aggregate's functions and sets up the call
 * frame for nargs arguments of the given types (resulttype: the final
 * function's expected result).  A state is started with the initial value
 * (copied into aggcxt), advanced one input row at a time, and finalised
 * (copy_state: a state returned as the result without a final function is
 * copied into the current context, for callers that keep advancing it).
 */
typedef struct AggTrans
{
    const AggInfo *info;
    RdbFunction transfn;
    bool        transstrict;
    RdbFunction finalfn;
    bool        finalstrict;
    Oid         transtype;
    int16       translen;
    bool        transbyval;
    Datum       initvalue;
    bool        initnull;
    Oid         resulttype;
    int         nargs;
    Oid        *argtypes;       /* state type + nargs argument types */
    FunctionCallInfo fcinfo;    /* transition call frame: state + nargs */
    void       *fn_extra;
} AggTrans;

typedef struct AggTransState
{
    Datum       value;
    bool        isnull;
    bool        empty;          /* strict, NULL-initialised, no input yet */
} AggTransState;

extern void AggTransInit(AggTrans *t, Oid aggfnoid, int nargs, const Oid *argtypes,
                         Oid resulttype, MemoryContext fn_mcxt);
extern void AggTransStart(const AggTrans *t, AggTransState *s, MemoryContext aggcxt);
extern void AggTransAdvance(AggTrans *t, AggTransState *s, const Datum *args, const bool *nulls,
                            MemoryContext aggcxt);
extern void AggTransFinal(const AggTrans *t, const AggTransState *s, MemoryContext aggcxt,
                          bool copy_state, Datum *value, bool *isnull);

/* Initialise a node state struct of the given size and tag. */
extern PlanState *ExecMakePlanState(Size size, NodeTag tag, Plan *plan, EState *estate);

#endif                          /* EXECUTOR_INT_H */
