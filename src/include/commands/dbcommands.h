/*
 * dbcommands.h
 *     CREATE DATABASE and DROP DATABASE.
 * Implemented in src/backend/commands/dbcommands.c; see
 * src/backend/commands/README.md.
 */
#ifndef COMMANDS_DBCOMMANDS_H
#define COMMANDS_DBCOMMANDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecCreatedbStmt -- CREATE DATABASE name [WITH] [OWNER r] [TEMPLATE t]
 * [ENCODING 'UTF8'] [CONNECTION LIMIT n] [IS_TEMPLATE b] [ALLOW_CONNECTIONS b].
 * Copies data/base/<template oid> (default template1) after flushing its
 * buffers.  Not inside a transaction block (25001).  Errors: 42P04 exists,
 * 3D000 unknown template, 55006 template in use by other sessions.
 */
extern void ExecCreatedbStmt(CreatedbStmt *stmt);

/*
 * ExecDropdbStmt -- DROP DATABASE [IF EXISTS] name [WITH (FORCE)] (a
 * DropStmt with removeType OBJECT_DATABASE).  Not inside a transaction
 * block (25001).  Errors: 3D000 missing (NOTICE with IF EXISTS), 55006 the
 * current database or one with other sessions; FORCE: 0A000 for now.
 * The directory is removed at commit.
 */
extern void ExecDropdbStmt(DropStmt *stmt);

#endif                          /* COMMANDS_DBCOMMANDS_H */
