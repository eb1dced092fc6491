/*
 * schemacmds.h
 *     CREATE SCHEMA (DROP SCHEMA is in ExecDropStmt, tablecmds.h).
 * Implemented in src/backend/commands/schemacmds.c.
 */
#ifndef COMMANDS_SCHEMACMDS_H
#define COMMANDS_SCHEMACMDS_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecCreateSchemaStmt -- CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION r]
 * (name defaults to the role's).  Errors: 42P06 exists (NOTICE with IF NOT
 * EXISTS), 42939 names starting with "pg_", 0A000 schema elements.
 */
extern void ExecCreateSchemaStmt(CreateSchemaStmt *stmt);

#endif                          /* COMMANDS_SCHEMACMDS_H */
