/*
 * selfuncs.h
 *     Selectivity estimation from ANALYZE's statistics (pg_statistic) for
 *     the planner: equality (most common values, distinct count), ranges
 *     (MCVs + histogram with linear interpolation), IS [NOT] NULL, and
 *     equi-join selectivity from distinct counts; row counts of tables from
 *     pg_class.reltuples scaled to the current size.
 * Implemented in src/backend/utils/adt/selfuncs.c (maintenance engine).
 *
 * Statistics are cached per backend and dropped whenever the shared
 * catalog version moves (any committed catalog change, ANALYZE included).
 * Every function falls back to "unknown" (handled = false / known = false)
 * when no statistics exist, so the caller keeps its defaults.
 */
#ifndef UTILS_SELFUNCS_H
#define UTILS_SELFUNCS_H

#include "rustydb.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"

/*
 * RelationEstimateTuples -- rows in relid now: pg_class.reltuples scaled
 * by curpages / relpages.  *known false (and 0 returned) if the table was
 * never vacuumed or analyzed (reltuples < 0).
 */
extern double RelationEstimateTuples(Oid relid, double curpages, bool *known);

/*
 * RelClauseListSelectivity -- selectivity of restriction clauses on one
 * base relation (relid, whose Vars have varno varno).  Clauses it cannot
 * estimate from statistics go to fallback (the planner's default
 * estimator).  Pairs "x > a" / "x < b" on the same column are combined into
 * one range, as PostgreSQL does.
 */
extern double RelClauseListSelectivity(Oid relid, int varno, List *clauses,
                                       double (*fallback) (Node *clause));

/*
 * ColumnDistinctEstimate -- distinct non-NULL values of relid's column
 * attnum, and its NULL fraction; false if unknown.
 */
extern bool ColumnDistinctEstimate(Oid relid, int attnum, double reltuples, double *ndistinct,
                                   double *nullfrac);

/*
 * EqJoinSelectivity -- selectivity of "a = b" between two columns:
 * (1 - nullfrac_a)(1 - nullfrac_b) / max(nd_a, nd_b).  false if neither
 * side has statistics.
 */
extern bool EqJoinSelectivity(Oid relid_a, int attnum_a, double tuples_a, Oid relid_b,
                              int attnum_b, double tuples_b, double *selectivity);

#endif                          /* UTILS_SELFUNCS_H */
