/*
 * analyze.h
 *     Parse analysis: raw parse trees (nodes/parsenodes.h) -> analyzed Query
 *     trees with typed expressions (nodes/primnodes.h).
 * Implemented in src/backend/parser/analyze*.c and parse_*.c; the exact
 * shape of the Query produced for each statement kind is documented in the
 * "Analysis" section of src/backend/parser/README.md.
 */
#ifndef PARSER_ANALYZE_H
#define PARSER_ANALYZE_H

#include "access/tupdesc.h"
#include "catalog/pg_builtin.h"
#include "nodes/parsenodes.h"
#include "nodes/primnodes.h"
#include "utils/rel.h"

/* The tid type and the ctid system column (UPDATE/DELETE row identity). */
#ifndef TIDOID
#define TIDOID 27
#endif
#define SelfItemPointerAttributeNumber (-1)

/* analyze.c */

/*
 * parse_analyze -- analyze one raw statement.  query_string is the whole
 * source text (for error positions); param_types[0..num_params-1] give the
 * types of $1..$n (param_types may be NULL when num_params is 0).
 * Utility statements come back as Query{CMD_UTILITY, utilityStmt = raw}.
 * The result is allocated in CurrentMemoryContext.  Raises ERROR on any
 * semantic error (undefined objects, type mismatches, ...).  Opens and
 * locks (until end of transaction) every relation the statement names.
 */
extern Query *parse_analyze(RawStmt *raw, const char *query_string,
                            Oid *param_types, int num_params);

/*
 * parse_analyze_varparams -- as parse_analyze, for the extended protocol:
 * (*param_types, *num_params) come in as the types the client specified
 * (InvalidOid or UNKNOWNOID = "infer"); $n beyond *num_params are allowed.
 * On return the array (re-palloc'd in CurrentMemoryContext when it grew)
 * holds a concrete type for every parameter; a parameter whose type could
 * not be inferred becomes text.  Raises 42P18 if a $n is used with
 * inconsistent types.
 */
extern Query *parse_analyze_varparams(RawStmt *raw, const char *query_string,
                                      Oid **param_types, int *num_params);

/*
 * AnalyzeColumnDefault -- the default expression of column attnum (1-based)
 * of rel, parsed from its stored SQL text, analyzed and coerced (assignment
 * rules, with the column's typmod) to the column type; NULL if the column
 * has no default.  Allocated in CurrentMemoryContext.
 */
extern Node *AnalyzeColumnDefault(Relation rel, int attnum);

/*
 * AnalyzeExpressionForRelation -- parse expr_sql (one expression) and
 * analyze it with rel's columns visible as Vars with varno 1
 * (varlevelsup 0).  context_name names the construct in error messages
 * ("check constraint", "index predicate").  Aggregates, window functions,
 * set-returning functions and subqueries are rejected (0A000 / 42803).
 * The result is not coerced; callers needing boolean check exprType().
 */
extern Node *AnalyzeExpressionForRelation(const char *expr_sql, Relation rel,
                                          const char *context_name);

/*
 * AnalyzePartitionBoundValue -- one value of a partition bound (raw, a
 * raw expression written at byte offset location of the statement
 * query_string, for error positions)
 * analyzed and coerced (assignment rules, with typmod) to the type of
 * partition key column colname.  Column references (0A000), subqueries
 * (0A000), aggregates (42803) and set-returning functions (0A000) are
 * rejected; a value that cannot be coerced raises 42804.  The result is an
 * expression without Vars or Params, still to be evaluated.
 */
extern Node *AnalyzePartitionBoundValue(Node *raw, int location, const char *query_string,
                                        Oid typid, int32 typmod, const char *colname);

/*
 * QueryResultDesc -- the columns a Query returns to the client: its
 * non-junk target entries (or RETURNING list for INSERT/UPDATE/DELETE),
 * with PostgreSQL's column names and each column's type and typmod.
 * Returns NULL for a statement that returns no rows (utility, or DML
 * without RETURNING).  Allocated in CurrentMemoryContext.
 */
extern TupleDesc QueryResultDesc(const Query *query);

/* parse_coerce.c: usable by DDL code (column defaults, CHECK constraints). */

/*
 * CoerceToTargetType -- coerce expr (of type exprtype) to targettype with
 * targettypmod under ccontext rules; NULL if no such coercion exists.
 * location is used for error positions inside constant folding.
 */
extern Node *CoerceToTargetType(Node *expr, Oid exprtype, Oid targettype,
                                int32 targettypmod, CoercionContext ccontext,
                                int location);

/* CanCoerceType -- whether each input type can be coerced to its target. */
extern bool CanCoerceType(int nargs, const Oid *input_types, const Oid *target_types,
                          CoercionContext ccontext);

#endif                          /* PARSER_ANALYZE_H */
