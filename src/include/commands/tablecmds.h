/*
 * tablecmds.h
 *     DDL on tables and the generic DROP: CREATE TABLE, DROP
 *     TABLE/VIEW/SCHEMA/DATABASE/ROLE, TRUNCATE, ALTER TABLE, RENAME; plus
 *     helpers other commands need (new relfile, pg_class statistics).
 * Implemented in src/backend/commands/{tablecmds.c,dropcmds.c,
 * altertable.c}; see src/backend/commands/README.md.
 *
 * Every command runs inside the caller's transaction and changes the
 * catalogs through heapam, so an ERROR leaves nothing behind: files
 * created by an aborted transaction are removed at abort, files of dropped
 * relations only at commit (catalog/storage.h).
 */
#ifndef COMMANDS_TABLECMDS_H
#define COMMANDS_TABLECMDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"
#include "utils/rel.h"

/*
 * ExecCreateTableStmt -- CREATE [UNLOGGED|TEMP] TABLE [IF NOT EXISTS].
 * Errors: 42P07 relation exists (NOTICE and skip with IF NOT EXISTS),
 * 42701 duplicate column, 42704 unknown type (with position), 0A000 for
 * PARTITION OF / INHERITS (not yet); TEMP goes to the session's temporary
 * schema, ON COMMIT is registered with commands/tempcmds.h.  Constraints: NOT NULL and
 * DEFAULT are stored and enforced (by the executor, from the relcache);
 * PRIMARY KEY / UNIQUE / REFERENCES / CHECK are recorded in pg_constraint
 * and PRIMARY KEY columns become NOT NULL; uniqueness, foreign keys and
 * CHECK are not enforced yet (see README).  query_string is the client's
 * query string: default and CHECK expressions are stored as their SQL text.
 */
extern void ExecCreateTableStmt(CreateStmt *stmt, const char *query_string);

/*
 * ExecDropStmt -- DROP TABLE/VIEW/SCHEMA/DATABASE/ROLE/USER [IF EXISTS]
 * name [, ...] [CASCADE|RESTRICT].  Every name is resolved before anything
 * is dropped.  DROP DATABASE goes to ExecDropdbStmt (dbcommands.h), DROP
 * ROLE to ExecDropRoleStmt (user.h).  Other object types: 0A000.
 */
extern void ExecDropStmt(DropStmt *stmt);

/* ExecTruncateStmt -- TRUNCATE t [, ...]: each table gets a new, empty relfile. */
extern void ExecTruncateStmt(TruncateStmt *stmt);

/*
 * ExecAlterTableStmt -- ALTER TABLE [IF EXISTS] t cmd [, ...]: ADD COLUMN
 * [IF NOT EXISTS] (with DEFAULT: existing rows read the default through
 * the column's missing value), DROP COLUMN [IF EXISTS], ALTER COLUMN
 * SET/DROP DEFAULT, SET/DROP NOT NULL (SET checks existing rows: 23502),
 * SET STATISTICS, SET (options) / RESET (options), ADD CONSTRAINT (recorded
 * as in CREATE TABLE), DROP CONSTRAINT.  PARTITION BY: 0A000.
 */
extern void ExecAlterTableStmt(AlterTableStmt *stmt, const char *query_string);

/* ExecRenameStmt -- ALTER TABLE/VIEW ... RENAME [COLUMN] .. TO, ALTER SCHEMA ... RENAME TO. */
extern void ExecRenameStmt(RenameStmt *stmt);

/*
 * RelationSetNewRelfilenode -- give rel a new, empty main fork under a new
 * relfile number (TRUNCATE, VACUUM FULL, REINDEX): the pg_class row is
 * updated in the current transaction; the old files are removed at commit,
 * the new ones at abort.  Caller holds AccessExclusiveLock.  Returns the new
 * relfile number; rel->rd_locator is updated.
 */
extern Oid  RelationSetNewRelfilenode(Relation rel);

/*
 * RelationUpdateStats -- set pg_class.relpages / reltuples / relallvisible
 * (VACUUM, ANALYZE).  Transactional (a new row version).  reltuples -1
 * means unknown.
 */
extern void RelationUpdateStats(Oid relid, int32 relpages, float4 reltuples, int32 relallvisible);

/* Set pg_class.relhasindex (index creation and REINDEX). */
extern void RelationSetHasIndex(Oid relid, bool hasindex);

#endif                          /* COMMANDS_TABLECMDS_H */
