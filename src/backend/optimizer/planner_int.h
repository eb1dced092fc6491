/*
 * planner_int.h
 *     Private data structures of the planner: per-query-level PlannerInfo,
 *     the statement-wide PlannerGlobal, relations (RelOptInfo), access and
 *     join paths with costs, and the deconstructed join tree.  Not for use
 *     outside src/backend/optimizer/.  See README.md there.
 */
#ifndef OPTIMIZER_PLANNER_INT_H
#define OPTIMIZER_PLANNER_INT_H

#include "nodes/nodeFuncs.h"
#include "nodes/plannodes.h"
#include "optimizer/planner.h"

/* ---------------- relid sets (local range-table indexes < 256) ---------------- */

#define RELIDS_MAX 256

typedef struct Relids
{
    uint64      w[RELIDS_MAX / 64];
} Relids;

static inline Relids
relids_empty(void)
{
    Relids      r;

    memset(&r, 0, sizeof(r));
    return r;
}

static inline void
relids_add(Relids *r, int rti)
{
    r->w[rti / 64] |= UINT64_C(1) << (rti % 64);
}

static inline Relids
relids_union(Relids a, Relids b)
{
    for (int i = 0; i < RELIDS_MAX / 64; i++)
        a.w[i] |= b.w[i];
    return a;
}

static inline bool
relids_subset(Relids a, Relids b)  /* a within b */
{
    for (int i = 0; i < RELIDS_MAX / 64; i++)
        if (a.w[i] & ~b.w[i])
            return false;
    return true;
}

static inline bool
relids_overlap(Relids a, Relids b)
{
    for (int i = 0; i < RELIDS_MAX / 64; i++)
        if (a.w[i] & b.w[i])
            return true;
    return false;
}

static inline bool
relids_is_empty(Relids a)
{
    for (int i = 0; i < RELIDS_MAX / 64; i++)
        if (a.w[i])
            return false;
    return true;
}

static inline bool
relids_member(Relids a, int rti)
{
    return (a.w[rti / 64] >> (rti % 64)) & 1;
}

/* ---------------- planner state ---------------- */

typedef struct PlannerGlobal
{
    List       *subplans;       /* Plan (PlannedStmt.subplans) */
    List       *rtable;         /* flattened range table of all levels */
    List       *paramExecTypes; /* Oid per PARAM_EXEC slot */
    List       *initPlans;      /* SubPlan nodes evaluated once (attached to the top plan) */
    struct PlannedCte *pending_recursive;  /* recursive CTE whose query is being planned */
} PlannerGlobal;

/* A CTE planned at some query level. */
typedef struct PlannedCte
{
    char       *name;
    int         plan_id;        /* 1-based into glob->subplans; 0 while planning it */
    int         param_id;       /* shared-state slot (CteScan.cteParam) */
    int         wt_param;       /* recursive: WorkTableScan's slot, else -1 */
    List       *coltypes;
} PlannedCte;

/* Correlation parameter: a Var of the parent level passed to this subquery. */
typedef struct PlannerParamItem
{
    Var        *var;            /* at the parent's level (varlevelsup 0 there) */
    int         paramid;
} PlannerParamItem;

typedef enum PlannerLevelKind
{
    LEVEL_TOP,                  /* the statement */
    LEVEL_SUBLINK,              /* a SubLink's subquery: gets parameters from its parent */
    LEVEL_FROM                  /* a FROM subquery, CTE or set-operation leaf */
} PlannerLevelKind;

typedef struct PlannerInfo
{
    Query      *parse;
    PlannerGlobal *glob;
    struct PlannerInfo *parent;
    PlannerLevelKind kind;
    int         rtoffset;       /* this level's rtindex 1 is glob->rtable entry rtoffset + 1 */
    List       *plan_params;    /* PlannerParamItem (LEVEL_SUBLINK) */
    bool        has_outer_refs; /* uses any value from an outer level */
    List       *ctes;           /* PlannedCte of this level's WITH */
    struct RelOptInfo **simple_rels;    /* by local rtindex */
    int         nrels;          /* list_length(parse->rtable) */
    double      tuple_fraction; /* reserved */
    List       *query_pathkeys; /* QueryPathKey: ORDER BY an index scan may deliver, or NIL */
    bool        plan_is_sorted; /* the scan chosen delivers query_pathkeys: no Sort needed */
    List       *curOuterParams; /* NestLoopParam (paramval: original outer Var) while building a
                                 * parameterized inner plan; taken by the NestLoop above */
    /* partitioned tables (partplan.c), by local rtindex up to npartrels; NULL if none */
    struct PartitionDescData **partdescs;
    int       **partchildren;   /* child rtindex per partition of partdescs[rti] */
    int         npartrels;
    List       *result_partitions;  /* UPDATE/DELETE: local rtis of the target's kept partitions */
} PlannerInfo;

/* One ORDER BY key that an index scan could deliver: a plain Var of the level. */
typedef struct QueryPathKey
{
    Var        *var;
    bool        desc;
    bool        nulls_first;
} QueryPathKey;

/* An index the planner may use (indxpath.c's cache: read-only). */
typedef struct PlanIndex
{
    Oid         indexoid;
    int         natts;          /* key + INCLUDE columns */
    int         nkeyatts;
    int16       attnums[32];    /* table column per index column (INDEX_MAX_KEYS) */
    int16       indoption[32];  /* INDOPTION_* per key column */
    bool        unique;
    char       *predicate_sql;  /* partial index: WHERE text, or NULL */
    bool        checkxmin;      /* pg_index.indcheckxmin: see plan_rel_indexes */
    TransactionId buildxid;     /* pg_index.indbuildxid */
} PlanIndex;

/* A condition an index path applies as a scan key. */
typedef struct IndexClause
{
    Node       *clause;         /* the original condition (restriction or join clause) */
    int         indexcol;       /* 1-based index column */
    int         strategy;       /* BT*StrategyNumber */
    int         flags;          /* SK_ISNULL / SK_SEARCHNOTNULL */
    Node       *value;          /* comparison value in the column's type; NULL for the flags */
    Node       *display;        /* the clause commuted to "column op value", or NULL */
} IndexClause;

/* ---------------- relations and paths ---------------- */

typedef struct Path
{
    NodeTag     pathtype;       /* T_SeqScan, T_NestLoop, T_HashJoin, ... */
    struct RelOptInfo *parent;
    double      rows;
    double      startup_cost;
    double      total_cost;
    /* joins */
    struct Path *outerpath;
    struct Path *innerpath;
    JoinType    jointype;
    List       *joinclauses;    /* join condition (not hash clauses) */
    List       *hashclauses;    /* hash or merge clauses: OpExprs, outer side argument first */
    List       *otherquals;     /* filter above the join (outer joins' upper quals) */
    bool        materialize_inner;
    bool        sort_outer;     /* merge join: sort the outer input on the merge keys */
    bool        sort_inner;     /* merge join: sort the inner input */
    /* index scans (T_IndexScan / T_IndexOnlyScan) */
    struct PlanIndex *index;
    List       *indexclauses;   /* IndexClause */
    int         indexdir;       /* 1 forward, -1 backward */
    bool        pathsorted;     /* delivers root->query_pathkeys */
    List       *otherquals_est; /* the restrictions the scan filters on (for estimates) */
    Relids      required_outer; /* parameterized: outer relations the keys read */
    List       *predclauses;    /* restrictions a partial index's predicate guarantees */
    /* partitioned tables (partplan.c): T_Append of the kept partitions, or T_Result if none */
    bool        partitioned;
    List       *subpaths;       /* Path of each partition scanned */
    List       *part_oids;      /* the partition (Oid) each subpath scans */
    List       *prune_quals;    /* restrictions with parameters: pruning at executor start */
} Path;

typedef struct RelOptInfo
{
    Relids      relids;
    int         rti;            /* base relation: local rtindex; joins: 0 */
    Oid         relid;          /* base tables: pg_class oid, else InvalidOid */
    PlannerInfo *root;          /* base relations: the query level (for join path search) */
    double      rows;           /* after restrictions */
    double      tuples;         /* base: before restrictions */
    double      pages;
    double      allvisfrac;     /* base tables: pg_class.relallvisible / pages, 0..1 */
    int         width;
    List       *baserestrict;   /* base: quals on this relation alone */
    List       *vars;           /* base: Vars of this relation the query needs */
    Path       *cheapest;
    Path       *cheapest_sorted;    /* cheapest path delivering query_pathkeys, or NULL */
    List       *indexlist;      /* base tables: PlanIndex of the usable indexes */
    Plan       *subplan;        /* RTE_SUBQUERY: the planned subquery */
    PlannerInfo *subroot;
} RelOptInfo;

/* The join tree after deconstruction (prepjointree.c). */
typedef enum JoinNodeKind
{
    JN_BASE,                    /* one base relation */
    JN_INNER,                   /* items joined in any order (FROM list, inner joins) */
    JN_OUTER                    /* LEFT/RIGHT/FULL join of two subtrees, fixed */
} JoinNodeKind;

typedef struct JoinNode
{
    JoinNodeKind kind;
    Relids      relids;
    int         rti;            /* JN_BASE */
    List       *items;          /* JN_INNER: JoinNode */
    List       *quals;          /* JN_INNER: clauses among items; JN_BASE: restrictions */
    JoinType    jointype;       /* JN_OUTER */
    struct JoinNode *left;
    struct JoinNode *right;
    List       *joinquals;      /* JN_OUTER: ON condition */
    List       *filterquals;    /* JN_OUTER: applied above the join */
    List       *pending;        /* clauses not yet distributed (deconstruction only) */
} JoinNode;

/* What a disabled method (enable_* off) adds to a path's cost, as PostgreSQL. */
#define DISABLE_COST 1.0e10

/* planner.c */
extern Plan *subquery_planner(PlannerGlobal *glob, Query *parse, PlannerInfo *parent,
                              PlannerLevelKind kind, PlannerInfo **subroot);
extern Node *preprocess_expression(PlannerInfo *root, Node *expr);
extern int  planner_new_param(PlannerGlobal *glob, Oid type);
extern Plan *make_result_plan(List *tlist, Plan *lefttree, Node *constqual);
extern TargetEntry *make_tle(Node *expr, int resno, const char *name, bool junk);
extern void copy_plan_costsize(Plan *dst, const Plan *src);

/* prepjointree.c */
extern Node *flatten_join_alias_vars(PlannerInfo *root, Node *node);
extern JoinNode *deconstruct_jointree(PlannerInfo *root);
extern Relids pull_varnos(Node *node);
extern List *pull_vars_of_level(Node *node);
extern List *make_ands_implicit(Node *clause);
extern Node *make_ands_explicit(List *clauses);

/* joinpath.c */
extern RelOptInfo *make_rel_from_jointree(PlannerInfo *root, JoinNode *jn);
extern RelOptInfo *build_base_rel(PlannerInfo *root, int rti, List *restrict_quals);

/* costsize.c */
extern double clause_selectivity(Node *clause);
extern double clauselist_selectivity(List *clauses);
extern void estimate_base_rel_size(PlannerInfo *root, RelOptInfo *rel, RangeTblEntry *rte);
extern void cost_seqscan(Path *path, RelOptInfo *rel);
extern void cost_nestloop(Path *path, double joinrows);
extern void cost_hashjoin(Path *path, double joinrows);
extern void cost_mergejoin(Path *path, double joinrows, double mergerows);
extern double cost_sort_total(double input_cost, double rows, int width, double *startup);
extern double estimate_num_groups(double input_rows, int ncols);
extern int  type_width(Oid typid, int32 typmod);
extern double clamp_row_est(double rows);

/* indxpath.c */
extern List *plan_rel_indexes(Oid relid);
extern List *InferArbiterIndexes(Oid relid, int rti, List *attnos, Node *where,
                                 Oid constraint_index);
extern void create_index_paths(PlannerInfo *root, RelOptInfo *rel, Oid relid);
extern Path *create_parameterized_index_path(PlannerInfo *root, RelOptInfo *rel, Oid relid,
                                             List *joinclauses, Relids outer_relids,
                                             List **used_clauses);
extern double index_clause_selectivity(List *indexclauses);
extern void cost_index(Path *path, RelOptInfo *rel, int nfilters);
extern Path *create_merge_index_path(PlannerInfo *root, RelOptInfo *rel, Oid relid,
                                     List *attnos);

/* partplan.c */
extern void expand_partitioned_rtes(PlannerInfo *root);
extern RelOptInfo *build_partitioned_rel(PlannerInfo *root, int rti, List *restrict_quals);
extern Plan *create_append_plan(PlannerInfo *root, Path *path, List **logical);

/* createplan.c */
extern Plan *create_plan_recurse(PlannerInfo *root, Path *path, List **logical);
extern Plan *create_plan(PlannerInfo *root, RelOptInfo *rel, List **tlist_vars);
extern Plan *make_sort_on_columns(Plan *lefttree, List *cols, List *types);
extern Plan *make_sort_plan(Plan *lefttree, List *sortClause, List *tlist);
extern Plan *make_agg_plan(Plan *lefttree, AggStrategy strategy, List *groupCols,
                           List *aggs, List *tlist, List *qual, double numGroups);

/* setrefs.c */
extern Node *fix_join_expr(Node *node, List *outer_tlist, List *inner_tlist);
extern Node *fix_upper_expr(Node *node, List *input_tlist);
extern List *make_passthrough_tlist(List *input_tlist);
extern int  find_tle_for_expr(List *tlist, Node *expr);

/* subselect.c */
extern Node *make_subplans(PlannerInfo *root, Node *expr);
extern Node *replace_outer_vars(PlannerInfo *root, Node *expr);
extern void plan_ctes(PlannerInfo *root);
extern PlannedCte *find_cte(PlannerInfo *root, const char *name, int levelsup);

/* prepunion.c */
extern Plan *plan_set_operations(PlannerInfo *root);

/* planwindow.c */
extern List *make_window_input_tlist(List *tlist);
extern List *make_srf_input_tlist(List *tlist);
extern List *window_input_order(Query *parse, List *tlist);
extern Plan *make_window_plans(PlannerInfo *root, Plan *plan, List *input_tlist, List *tlist);

/* clauses.c: eval_const_expressions is public (optimizer/planner.h) */
extern bool expression_returns_set(Node *node);
extern bool contain_aggs(Node *node);
extern List *collect_aggrefs(Node *node, List *aggs);

#endif                          /* OPTIMIZER_PLANNER_INT_H */
