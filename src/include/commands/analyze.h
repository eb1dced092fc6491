/*
 * analyze.h
 *     ANALYZE: sample a table, compute per-column statistics (null
 *     fraction, average width, distinct count, most common values,
 *     equi-depth histogram, correlation), store them in pg_statistic and the
 *     row/page counts in pg_class.  The statements themselves go through
 *     ExecVacuum (commands/vacuum.h).
 * Implemented in src/backend/commands/analyze.c (sampling, statistics) and
 * analyze_store.c (pg_statistic rows, array-literal text).  The planner
 * reads the results through utils/selfuncs.h.
 */
#ifndef COMMANDS_ANALYZE_H
#define COMMANDS_ANALYZE_H

#include "rustydb.h"
#include "commands/vacuum.h"
#include "nodes/pg_list.h"
#include "utils/rel.h"

/* Rows sampled per unit of statistics target (PostgreSQL's factor). */
#define ANALYZE_ROWS_PER_TARGET 300

/* analyze.c */
/*
 * AnalyzeRelation -- ANALYZE rel (the caller holds at least
 * ShareUpdateExclusiveLock): all columns, or those named in va_cols
 * (String list; 42703 for an unknown name).  Columns with statistics target
 * 0 are skipped.  Writes pg_statistic (transactional) and pg_class
 * reltuples/relpages.
 */
extern void AnalyzeRelation(Relation rel, const VacuumParams *params, List *va_cols);
/* Rows sampled by the last AnalyzeRelation in this process (job results). */
extern int64 AnalyzeLastRowsSampled(void);
extern void AnalyzeResetRowsSampled(void);

/* analyze_store.c */
/* Array literal of values (type typid) in text form: "{a,\"b c\"}". palloc'd. */
extern char *StatsArrayToText(Oid typid, const Datum *values, int n);
/*
 * StatsArrayFromText -- parse such a literal into *values (palloc'd in the
 * current context, by-reference values too).  Returns the count; -1 if
 * the text is malformed (the caller ignores the statistic).
 */
extern int  StatsArrayFromText(Oid typid, const char *text, Datum **values);
/* Float4 array literal for frequencies. */
extern char *StatsFloatArrayToText(const double *values, int n);
extern int  StatsFloatArrayFromText(const char *text, double **values);
/* Insert one pg_statistic row (transactional). */
struct FormData_pg_statistic;
extern void StatisticInsert(const struct FormData_pg_statistic *row);
/* Delete the pg_statistic rows of relid's column attnum (0: every column; DROP TABLE). */
extern void StatisticDelete(Oid relid, int16 attnum);

#endif                          /* COMMANDS_ANALYZE_H */
