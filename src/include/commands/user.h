/*
 * user.h
 *     CREATE ROLE / USER and DROP ROLE / USER.
 * Implemented in src/backend/commands/user.c.
 */
#ifndef COMMANDS_USER_H
#define COMMANDS_USER_H

#include "rustydb.h"
#include "nodes/parsenodes.h"

/*
 * ExecCreateRoleStmt -- CREATE ROLE|USER name [WITH] options: SUPERUSER,
 * CREATEDB, CREATEROLE, LOGIN (default for USER), INHERIT, REPLICATION,
 * BYPASSRLS, CONNECTION LIMIT n, VALID UNTIL '...'.  PASSWORD: 0A000 until
 * SCRAM verifiers can be computed here.  Needs superuser or CREATEROLE
 * (42501).  42710 if the role exists.
 */
extern void ExecCreateRoleStmt(CreateRoleStmt *stmt);

/* ExecDropRoleStmt -- DROP ROLE|USER [IF EXISTS] a, b (DropStmt, OBJECT_ROLE). */
extern void ExecDropRoleStmt(DropStmt *stmt);

#endif                          /* COMMANDS_USER_H */
