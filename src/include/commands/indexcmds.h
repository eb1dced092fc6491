/*
 * indexcmds.h
 *     Index DDL: CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS],
 *     DROP INDEX [CONCURRENTLY] [IF EXISTS], REINDEX {INDEX | TABLE | SCHEMA |
 *     DATABASE} [CONCURRENTLY], and the SQL function rustydb_verify_index.
 * Implemented in src/backend/commands/indexcmds.c; the phases of the
 * concurrent forms are in src/backend/access/nbtree/README.md
 * ("Concurrent DDL").
 *
 * The CONCURRENTLY forms commit the caller's transaction and start new
 * ones between their phases (as PostgreSQL): the traffic cop must pass
 * is_top_level = true only for a statement sent on its own outside a
 * transaction block, and must not hold memory it needs afterwards in the
 * transaction context.  They raise 25001 inside a transaction block.
 */
#ifndef COMMANDS_INDEXCMDS_H
#define COMMANDS_INDEXCMDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecIndexStmt -- CREATE INDEX.  Errors: 42P01 no table, 42809 not a
 * table, 42703 unknown column, 42P07 name taken (NOTICE with IF NOT
 * EXISTS), 0A000 USING other than btree / expression columns, 42704 type
 * without ordering, 23505 duplicates for UNIQUE, 54011 too many columns.
 */
extern void ExecIndexStmt(IndexStmt *stmt, const char *query_string, bool is_top_level);

/* ExecDropIndex -- DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] (DropStmt of OBJECT_INDEX). */
extern void ExecDropIndex(DropStmt *stmt, bool is_top_level);

/* ExecReindexStmt -- REINDEX {INDEX|TABLE|SCHEMA|DATABASE} [CONCURRENTLY] name. */
extern void ExecReindexStmt(ReindexStmt *stmt, bool is_top_level);

#endif                          /* COMMANDS_INDEXCMDS_H */
