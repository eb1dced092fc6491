/*
 * portal.h
 *     Prepared statements with cached plans, and portals (a prepared
 *     statement bound to parameter values, run in one or more steps).
 *     The extended query protocol (tcop/extended.c) is the main user; SQL
 *     PREPARE / EXECUTE / DEALLOCATE share the same statement namespace,
 *     as in PostgreSQL (a Parse of "s1" collides with PREPARE s1).
 * Implemented in src/backend/tcop/portal.c; see README.md there
 * ("Prepared statements and portals").
 *
 * Lifetimes:
 *  - a prepared statement lives until dropped (Close, DEALLOCATE, or for
 *    the unnamed statement the next Parse or simple Query); it survives
 *    transaction ends.  Its analyzed form and generic plan are rebuilt
 *    when the catalogs or statistics changed (CacheInvalidationCounter,
 *    utils/relcache.h).
 *  - a portal lives until dropped (Close, the next Bind of the same name
 *    for the unnamed portal) and never past the end of the transaction
 *    that created it.  It keeps the analyzed statement and plan it was
 *    bound with even if the prepared statement is closed or re-planned.
 */
#ifndef TCOP_PORTAL_H
#define TCOP_PORTAL_H

#include "access/tupdesc.h"
#include "nodes/execnodes.h"
#include "nodes/parsenodes.h"
#include "nodes/plannodes.h"
#include "tcop/dest.h"
#include "utils/datetime.h"

/*
 * CachedQuery -- one analysis of a statement's text: the raw tree, the
 * analyzed Query, its result layout and (once needed) the generic plan.
 * Reference-counted: the prepared statement holds one reference and every
 * portal bound to it another.  Read-only to callers.
 */
typedef struct CachedQuery
{
    MemoryContext context;      /* owns everything below */
    char       *source_text;    /* the text analyzed (errors' positions refer to it) */
    RawStmt    *raw;            /* NULL: empty query string */
    Query      *query;          /* NULL: empty query string */
    TupleDesc   result_desc;    /* rows sent to the client; NULL: none */
    PlannedStmt *plan;          /* generic plan (optimizable statements), built lazily */
    uint64      inval_count;    /* CacheInvalidationCounter() the analysis was made under */
    int         refcount;
} CachedQuery;

/* A prepared statement.  Fields are read-only outside portal.c. */
typedef struct PreparedStatement
{
    char       *name;           /* "" is the unnamed statement */
    char       *source_text;    /* the statement's own text */
    Oid        *param_types;    /* num_params concrete types (inferred ones filled in) */
    int         num_params;
    bool        from_sql;       /* SQL PREPARE (pg_prepared_statements.from_sql) */
    TimestampTz prepare_time;
    CachedQuery *cq;            /* current analysis (see PreparedStatementRevalidate) */
    /* private to portal.c */
    MemoryContext context;
    struct PreparedStatement *next;
} PreparedStatement;

typedef enum PortalStatus
{
    PORTAL_READY,               /* bound, not run yet */
    PORTAL_SUSPENDED,           /* a row limit stopped it; Execute resumes */
    PORTAL_DONE                 /* ran to completion */
} PortalStatus;

typedef struct PortalData *Portal;

/* portal.c: prepared statements (all need a transaction except Drop/Fetch) */

/*
 * PreparedStatementCreate -- parse and analyze source_text (at most one
 * statement; an empty string gives an "empty query" statement) with the
 * given parameter types (InvalidOid = infer; $n beyond num_params are
 * allowed and inferred), and store it under name.  If source_text is
 * itself a PREPARE statement, its inner statement is what is prepared (the
 * caller resolves the PREPARE's type names into param_types).
 * name "" replaces the unnamed statement; an existing named one raises
 * 42P05.  Several statements raise 42601.  Raises ERROR on any analysis
 * error, leaving no statement behind.  Memory: the statement's own
 * contexts, children of a session-lifetime context.
 */
extern PreparedStatement *PreparedStatementCreate(const char *name, const char *source_text,
                                                  const Oid *param_types, int num_params,
                                                  bool from_sql);

/* PreparedStatementFetch -- by name; NULL if missing_ok, else 26000. */
extern PreparedStatement *PreparedStatementFetch(const char *name, bool missing_ok);

/* PreparedStatementDrop -- by name; missing: nothing if missing_ok, else 26000. */
extern void PreparedStatementDrop(const char *name, bool missing_ok);

/* PreparedStatementDropAll -- DEALLOCATE ALL / DISCARD ALL. */
extern void PreparedStatementDropAll(void);

/*
 * PreparedStatementRevalidate -- re-analyze ps if anything it depends on
 * may have changed since it was analyzed; afterwards ps->cq is current.
 * 0A000 "cached plan must not change result type" if the row layout
 * changed, as PostgreSQL.  Needs a transaction.
 */
extern void PreparedStatementRevalidate(PreparedStatement *ps);

/* Iterate over all prepared statements (pg_prepared_statements): NULL starts. */
extern PreparedStatement *PreparedStatementNext(PreparedStatement *prev);

/*
 * PreparedStatementExecute -- SQL EXECUTE: bind ps to params (already
 * evaluated and coerced to ps->param_types by the caller; NULL when there
 * are none; 42601 if the count differs) and run it to completion, rows to
 * dest (startup() gets the result layout), command tag in qc.  Runs in a
 * private portal that clients cannot see.  Needs a transaction.
 */
extern void PreparedStatementExecute(PreparedStatement *ps, ParamListInfo params,
                                     DestReceiver *dest, QueryCompletion *qc);

/* portal.c: portals */

/*
 * PortalCreate -- bind ps to params (copied, with their by-reference
 * values, into the portal; NULL when the statement has no parameters) and
 * result formats (as SetRemoteDestReceiverFormats; 08P01 if nformats is
 * neither 0, 1 nor the number of result columns; 22023 for a code other
 * than 0/1).  Revalidates ps first.  name "" replaces the unnamed portal;
 * an existing named one raises 42P03.  Needs a transaction.
 */
extern Portal PortalCreate(const char *name, PreparedStatement *ps, ParamListInfo params,
                           const int16 *formats, int nformats);

/* PortalFetch -- by name; NULL if missing_ok, else 34000. */
extern Portal PortalFetch(const char *name, bool missing_ok);

/* PortalDrop -- drop a portal (shutting its executor down). */
extern void PortalDrop(Portal portal);

/*
 * PortalRun -- run the portal, sending at most max_rows rows (0 = all) to
 * dest (its formats already set by the caller).  Returns true when the
 * statement completed (qc holds the command tag: for a SELECT the rows
 * sent by this call, as PostgreSQL), false when it stopped at max_rows
 * (suspended: the next call resumes).  DML runs to completion on the first
 * call, its RETURNING rows kept for later calls.  Utility statements run
 * through ExecStatement; transaction control (BEGIN/COMMIT/ROLLBACK) is
 * the traffic cop's and must not reach here.  Running a DONE non-SELECT
 * portal again raises 55000.  The caller holds a transaction command; on
 * ERROR the transaction aborts and the portal goes with it.
 */
extern bool PortalRun(Portal portal, int64 max_rows, DestReceiver *dest, QueryCompletion *qc);

/* Accessors. */
extern const char *PortalGetName(Portal portal);
/* Name of the prepared statement it was bound from ("" = unnamed). */
extern const char *PortalGetStatementName(Portal portal);
extern PortalStatus PortalGetStatus(Portal portal);
extern CachedQuery *PortalGetQuery(Portal portal);
extern const char *PortalGetSourceText(Portal portal);
/* The rows the portal sends (NULL: none), and its result formats. */
extern TupleDesc PortalGetResultDesc(Portal portal);
extern void PortalGetFormats(Portal portal, const int16 **formats, int *nformats);

/*
 * The statement the portal runs, for the traffic cop's dispatch: NULL for
 * an empty query string.
 */
extern Node *PortalGetRawStatement(Portal portal);

/* Drop every portal not running now (DISCARD ALL). */
extern void PortalDropAll(void);

/*
 * PortalErrorCleanup -- for the traffic cop's error recovery, after
 * AbortCurrentTransaction(): frees portals whose run the error interrupted.
 */
extern void PortalErrorCleanup(void);

#endif                          /* TCOP_PORTAL_H */
