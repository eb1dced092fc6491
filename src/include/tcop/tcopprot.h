/*
 * tcopprot.h
 *     The backend's main loop ("traffic cop"): reading client messages,
 *     running simple queries, reporting errors to the client.
 * Implemented in src/backend/tcop/postgres.c; see the README there.
 */
#ifndef TCOP_TCOPPROT_H
#define TCOP_TCOPPROT_H

#include "rustydb.h"

struct Port;

/*
 * DebugQueryString (utils/elog.h) is set by postgres.c to the query string
 * of the client message being executed (in MessageContext), NULL when idle.
 */

/*
 * BackendMain -- the life of one client connection after fork: read the
 * start-up packet, authenticate, InitPostgres(), then loop reading and
 * executing messages until Terminate or EOF.  Never returns (ProcExit).
 * The port's socket is already open; the listen sockets are closed.
 */
extern RDB_NORETURN void BackendMain(struct Port *port);

/*
 * ExecSimpleQuery -- run every statement of a simple-query string (used by
 * the 'Q' message; also usable by tests).  Raises ERROR on failure; the
 * caller's error recovery aborts the transaction.
 */
extern void ExecSimpleQuery(const char *query_string);

/*
 * Maximum length of one client message other than the start-up packet
 * (PostgreSQL allows 1 GB; we cap lower to bound memory use per session).
 */
#define PQ_MAX_MESSAGE_LENGTH (64 * 1024 * 1024)

#endif                          /* TCOP_TCOPPROT_H */
