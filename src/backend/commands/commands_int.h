/*
 * commands_int.h
 *     Private to src/backend/commands: SQL text extraction for DDL that
 *     stores expressions as text, reloptions, and shared checks.
 */
#ifndef COMMANDS_INT_H
#define COMMANDS_INT_H

#include "rustydb.h"
#include "catalog/catalog_rows.h"
#include "nodes/parsenodes.h"
#include "utils/rel.h"

/* ddl_text.c */
/*
 * RawExprSourceText -- the SQL text of raw expression expr as written in
 * query (which it was parsed from): from its leftmost token (including
 * parentheses that open right before it) to the first top-level ',' or
 * ';', an unbalanced ')', the end of the string, or end_offset (byte
 * offset, -1 for none), trailing blanks removed.  palloc'd.  ERROR XX000 if
 * the expression has no location.
 */
extern char *RawExprSourceText(const char *query, const Node *expr, int end_offset);
/* Strip one pair of parentheses enclosing the whole text, in place. */
extern void StripOuterParens(char *text);
/*
 * ViewSelectText -- the SELECT of CREATE VIEW name ... AS select, found by
 * scanning query from the view name's location.  palloc'd.
 */
extern char *ViewSelectText(const char *query, int name_location);
/* Error position for a byte offset into the client's query (0 if unknown). */
extern int  QueryErrorPosition(const char *query, int location);

/* tablecmds.c */
/*
 * ResolveTypeName -- type OID and typmod of tn (42704 "type "x" does not
 * exist" with position into query; 42601 for typmods not allowed).
 */
extern void ResolveTypeName(const TypeName *tn, const char *query, Oid *typid, int32 *typmod);
/* "{a=b,c=d}" from WITH (...) DefElems (validated; 22023 unknown); NULL for NIL. */
extern char *BuildRelOptions(List *defs, const char *old_options, bool reset);
/* ERROR 42501 unless the current role owns owner's object or is superuser. */
extern void CheckOwnership(Oid owner, const char *objkind, const char *objname);
/* ERROR 42501 for objects in pg_catalog / catalogs. */
extern void CheckNotSystemRelation(Oid relid, Oid nspid, const char *relname);
/* Update pg_class row of relid: mutate(row, arg) then write. */
extern void UpdateClassRow(Oid relid, void (*mutate) (FormData_pg_class *row, void *arg), void *arg);
/* Store the constraints of a new table (pg_constraint rows); returns number of CHECKs. */
extern int  StoreTableConstraints(Oid relid, Oid nspid, const char *relname, TupleDesc desc,
                                  List *constraints, const char *query);

/* partcmds.c (README "Partitioned tables") */
/*
 * PartitionedTableSetup -- CREATE TABLE ... PARTITION BY spec: check the key
 * (and that every PRIMARY KEY / UNIQUE constraint covers it, 0A000) and store
 * it.  relid was just created with relkind 'p'.
 */
extern void PartitionedTableSetup(Oid relid, const char *relname, const PartitionSpec *spec,
                                  const char *query);
/* CreatePartitionOf -- CREATE TABLE ... PARTITION OF parent FOR VALUES ... */
extern void CreatePartitionOf(CreateStmt *stmt, const char *query);
/*
 * ConvertToPartitioned -- ALTER TABLE rel PARTITION BY RANGE (...) (PARTITION
 * p VALUES LESS THAN (...), ...): rel (AccessExclusiveLock held) becomes a
 * partitioned table with those partitions and its rows move into them.
 */
extern void ConvertToPartitioned(Relation rel, const PartitionSpec *spec, const char *query);

/*
 * PartitionIndexCreateOnPartitions -- index parentidx of partitioned table
 * parent (just created) gets an index on each partition, linked to it.
 */
extern void PartitionIndexCreateOnPartitions(Relation parent, Oid parentidx);

/*
 * AttachPartition -- ALTER TABLE parent ATTACH PARTITION part FOR VALUES ...:
 * an existing table with the parent's columns becomes a partition (its rows
 * checked against the bound, 23514; the parent's constraints and indexes
 * added).  DetachPartition -- ALTER TABLE parent DETACH PARTITION part: it
 * becomes a plain table again, keeping its rows, constraints and indexes.
 * option: NULL, "concurrently" or "finalize" (not supported yet, 0A000).
 */
extern void AttachPartition(Relation parent, RangeVar *part, PartitionBoundSpec *bound,
                            const char *query);
extern void DetachPartition(Relation parent, RangeVar *part, const char *option);

/* indexcmds.c: PostgreSQL's default index name table_col1_col2_idx, free in nspid. */
extern char *default_index_name(const char *relname, List *colnames, Oid nspid);

/* partbound.c */
/*
 * CheckPartitionSpec -- ERROR unless ALTER TABLE rel PARTITION BY ps (with
 * the dialect's inline VALUES LESS THAN list) is well formed: a known
 * strategy, existing key columns of a type with comparison (hash: hashing)
 * support, bounds of one constant per key column that ascend strictly, and
 * partition names not in use in rel's schema.  PostgreSQL's SQLSTATEs and
 * messages for the equivalent CREATE TABLE ... PARTITION BY / PARTITION OF
 * statements.  Evaluates the bound expressions; changes nothing.
 */
extern void CheckPartitionSpec(Relation rel, const PartitionSpec *ps, const char *query);

/* dropcmds.c */
extern void DropSchemaByName(const char *nspname, bool missing_ok, bool cascade);

#endif                          /* COMMANDS_INT_H */
