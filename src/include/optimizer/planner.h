/*
 * planner.h
 *     The planner: an analyzed Query (nodes/primnodes.h) in, an executable
 *     PlannedStmt (nodes/plannodes.h) out.
 * Implemented in src/backend/optimizer/; see the README there.
 */
#ifndef OPTIMIZER_PLANNER_H
#define OPTIMIZER_PLANNER_H

#include "nodes/plannodes.h"

/* Cost parameters (PostgreSQL's defaults; settings later). */
#define DEFAULT_SEQ_PAGE_COST 1.0
#define DEFAULT_RANDOM_PAGE_COST 4.0
#define DEFAULT_CPU_TUPLE_COST 0.01
#define DEFAULT_CPU_INDEX_TUPLE_COST 0.005
#define DEFAULT_CPU_OPERATOR_COST 0.0025

/* Join order search: dynamic programming up to this many relations, greedy beyond. */
#define PLANNER_DP_MAX_RELS 8

/* planner.c */
/*
 * planner -- plan parse (CMD_SELECT/INSERT/UPDATE/DELETE).  The result and
 * everything it points to are allocated in CurrentMemoryContext; parse is
 * not modified.  Raises 0A000 for constructs not supported yet.
 */
extern PlannedStmt *planner(struct Query *parse);

/* clauses.c */
/*
 * eval_const_expressions -- fold immutable functions and operators with
 * constant arguments, simplify AND/OR/NOT/CASE/COALESCE over constants.
 * Returns a new tree (CurrentMemoryContext).  Errors raised while folding
 * (division by zero in a constant) are raised at plan time, as PostgreSQL.
 */
extern Node *eval_const_expressions(Node *node);

#endif                          /* OPTIMIZER_PLANNER_H */
