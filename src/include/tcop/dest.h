/*
 * dest.h
 *     Where query results go: a DestReceiver gets the row layout once, then
 *     each row as values + null flags.  The protocol layer's receiver sends
 *     RowDescription/DataRow; others collect rows in memory (SQL functions,
 *     tests, the admin API's queries) or discard them.
 *
 * Protocol: startup() once before the first row (may be skipped for
 * statements that return no rows), receive() per row (return false to stop
 * early), shutdown() once, destroy() to free the receiver.
 */
#ifndef TCOP_DEST_H
#define TCOP_DEST_H

#include "access/tupdesc.h"

typedef enum CommandDest
{
    DestNone,                   /* discard */
    DestRemote,                 /* client, simple query protocol */
    DestRemoteExecute,          /* client, extended protocol (no RowDescription) */
    DestTuplestore,             /* in-memory collection */
    DestDebug                   /* server log / stdout */
} CommandDest;

typedef struct DestReceiver DestReceiver;

struct DestReceiver
{
    void        (*startup) (DestReceiver *self, TupleDesc desc);
    bool        (*receive) (DestReceiver *self, const Datum *values, const bool *isnull);
    void        (*shutdown) (DestReceiver *self);
    void        (*destroy) (DestReceiver *self);
    CommandDest mydest;
};

/*
 * A statement's completion: the command tag as PostgreSQL writes it in
 * CommandComplete ("SELECT 5", "INSERT 0 3", "UPDATE 2", "CREATE TABLE").
 * Filled by whoever executed the statement.
 */
typedef struct QueryCompletion
{
    char        tag[64];
    uint64      nprocessed;
} QueryCompletion;

extern DestReceiver *CreateDestReceiver(CommandDest dest);  /* tcop/dest.c */
extern DestReceiver *None_Receiver;

#endif                          /* TCOP_DEST_H */
