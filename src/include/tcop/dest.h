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
    DestRemoteExecute,          /* client, extended protocol (no RowDescription: Describe sends it) */
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

/* dest.c: the protocol's row messages */

/* Wire format codes of a column (protocol Bind / RowDescription). */
#define DEST_FORMAT_TEXT 0
#define DEST_FORMAT_BINARY 1

/*
 * SetRemoteDestReceiverFormats -- result column formats for a DestRemote or
 * DestRemoteExecute receiver, as in a Bind message: nformats 0 = all text,
 * 1 = formats[0] for every column, else one per column (the caller checked
 * the count against the row layout).  Copied into the receiver.  Binary
 * columns are sent with the type's send function (SendFunctionCall).
 */
extern void SetRemoteDestReceiverFormats(DestReceiver *self, const int16 *formats, int nformats);

/*
 * SendRowDescription -- queue a RowDescription for desc, with the format
 * codes as above (the statement variant of Describe passes none: text).
 */
extern void SendRowDescription(TupleDesc desc, const int16 *formats, int nformats);

#endif                          /* TCOP_DEST_H */
