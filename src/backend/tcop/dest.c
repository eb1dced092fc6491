/*
 * dest.c
 *     Destination receivers: DestRemote sends RowDescription and DataRow
 *     to the client; DestRemoteExecute (extended protocol) sends only the
 *     DataRows, in text or binary format per column as the Bind message
 *     asked; DestNone discards.  Other kinds (tuplestore, debug) belong to
 *     their users and are created there.
 * Entry points: CreateDestReceiver(), None_Receiver,
 * SetRemoteDestReceiverFormats(), SendRowDescription().
 */
#include "rustydb.h"

#include "access/tupdesc.h"
#include "fmgr.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "tcop/dest.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/*
 * The remote receiver.  Output functions allocate; each row's strings go
 * into row_context, reset after the row is queued, so a large result set
 * uses constant memory.
 */
typedef struct RemoteReceiver
{
    DestReceiver pub;
    TupleDesc   desc;           /* copy, in own_context */
    MemoryContext own_context;  /* where the receiver was created */
    MemoryContext row_context;  /* child of own_context, reset per row */
    StringInfoData buf;         /* reused for every DataRow */
    bool        send_description;
    int16      *formats;        /* as given to SetRemoteDestReceiverFormats, in own_context */
    int         nformats;       /* 0: all text */
} RemoteReceiver;

/* format_of -- the format code of column i under Bind's (nformats, formats) rule. */
static inline int16
format_of(const int16 *formats, int nformats, int i)
{
    if (nformats == 0)
        return DEST_FORMAT_TEXT;
    return nformats == 1 ? formats[0] : formats[i];
}

void
SendRowDescription(TupleDesc desc, const int16 *formats, int nformats)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_ROW_DESCRIPTION);
    pq_sendint16(&msg, (uint16) desc->natts);
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        pq_sendstring(&msg, att->attname.data);
        pq_sendint32(&msg, att->attrelid);     /* table OID, 0 if not a table column */
        pq_sendint16(&msg, (uint16) (OidIsValid(att->attrelid) ? att->attnum : 0));
        pq_sendint32(&msg, att->atttypid);
        pq_sendint16(&msg, (uint16) att->attlen);
        pq_sendint32(&msg, (uint32) att->atttypmod);
        pq_sendint16(&msg, (uint16) format_of(formats, nformats, i));
    }
    pq_endmessage(&msg);
}

void
SetRemoteDestReceiverFormats(DestReceiver *self, const int16 *formats, int nformats)
{
    RemoteReceiver *r = (RemoteReceiver *) self;

    Assert(self->mydest == DestRemote || self->mydest == DestRemoteExecute);
    Assert(nformats >= 0);
    if (r->formats)
        pfree(r->formats);
    r->formats = NULL;
    r->nformats = 0;
    /* All-text is the default layout: keep the fast path for it. */
    for (int i = 0; i < nformats; i++)
    {
        if (formats[i] != DEST_FORMAT_TEXT)
        {
            r->formats = MemoryContextAlloc(r->own_context, sizeof(int16) * nformats);
            memcpy(r->formats, formats, sizeof(int16) * nformats);
            r->nformats = nformats;
            break;
        }
    }
}

static void
remote_startup(DestReceiver *self, TupleDesc desc)
{
    RemoteReceiver *r = (RemoteReceiver *) self;
    MemoryContext old = MemoryContextSwitchTo(r->own_context);

    if (r->nformats > 1 && r->nformats != desc->natts)
        elog(ERROR, "%d result formats for %d columns", r->nformats, desc->natts);
    if (r->desc)
        pfree(r->desc);
    r->desc = CreateTupleDescCopy(desc);
    if (r->buf.data == NULL)
        initStringInfo(&r->buf);
    MemoryContextSwitchTo(old);
    if (r->send_description)
        SendRowDescription(desc, r->formats, r->nformats);
}

static bool
remote_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    RemoteReceiver *r = (RemoteReceiver *) self;
    MemoryContext old;

    Assert(r->desc != NULL);
    old = MemoryContextSwitchTo(r->row_context);
    pq_beginmessage_reuse(&r->buf, PQ_MSG_DATA_ROW);
    pq_sendint16(&r->buf, (uint16) r->desc->natts);
    for (int i = 0; i < r->desc->natts; i++)
    {
        Oid         typid = TupleDescAttr(r->desc, i)->atttypid;

        if (isnull[i])
            pq_sendcountedtext(&r->buf, NULL, -1);
        else if (format_of(r->formats, r->nformats, i) == DEST_FORMAT_BINARY)
        {
            bytea      *wire = SendFunctionCall(typid, values[i]);

            pq_sendint32(&r->buf, (uint32) VARSIZE_EXHDR(wire));
            pq_sendbytes(&r->buf, VARDATA(wire), (int) VARSIZE_EXHDR(wire));
        }
        else
        {
            char       *text = OutputFunctionCall(typid, values[i]);

            pq_sendcountedtext(&r->buf, text, (int) strlen(text));
        }
    }
    MemoryContextSwitchTo(old);
    pq_endmessage_reuse(&r->buf);
    MemoryContextReset(r->row_context);
    return !pq_connection_broken();
}

static void
remote_shutdown(DestReceiver *self)
{
    (void) self;
}

static void
remote_destroy(DestReceiver *self)
{
    RemoteReceiver *r = (RemoteReceiver *) self;

    MemoryContextDelete(r->row_context);
    if (r->formats)
        pfree(r->formats);
    if (r->buf.data)
        pfree(r->buf.data);
    if (r->desc)
        pfree(r->desc);
    pfree(r);
}

static void
none_startup(DestReceiver *self, TupleDesc desc)
{
    (void) self;
    (void) desc;
}

static bool
none_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    (void) self;
    (void) values;
    (void) isnull;
    return true;
}

static void
none_shutdown(DestReceiver *self)
{
    (void) self;
}

static void
none_destroy(DestReceiver *self)
{
    (void) self;
}

static DestReceiver none_receiver = {
    none_startup, none_receive, none_shutdown, none_destroy, DestNone
};

DestReceiver *None_Receiver = &none_receiver;

/*
 * CreateDestReceiver -- allocated in CurrentMemoryContext (free with
 * destroy()).  DestTuplestore and DestDebug receivers are built by the
 * modules that consume them; asking for them here is an internal error.
 */
DestReceiver *
CreateDestReceiver(CommandDest dest)
{
    switch (dest)
    {
        case DestNone:
            return None_Receiver;
        case DestRemote:
        case DestRemoteExecute:
            {
                RemoteReceiver *r = palloc0(sizeof(RemoteReceiver));

                r->pub.startup = remote_startup;
                r->pub.receive = remote_receive;
                r->pub.shutdown = remote_shutdown;
                r->pub.destroy = remote_destroy;
                r->pub.mydest = dest;
                r->send_description = (dest == DestRemote);
                r->own_context = CurrentMemoryContext;
                r->row_context = MemoryContextCreate(CurrentMemoryContext, "DestRemote row");
                return &r->pub;
            }
        case DestTuplestore:
        case DestDebug:
            break;
    }
    elog(ERROR, "unsupported destination %d for CreateDestReceiver", (int) dest);
    return NULL;
}
