/*
 * pqcopy.c
 *     The COPY sub-protocol, backend side (see libpq/pqcopy.h).
 * Entry points: pq_copy_begin_out(), pq_copy_send_data(), pq_copy_end_out(),
 * pq_copy_begin_in(), pq_copy_get_data().
 *
 * COPY FROM reads its messages here, inside the statement, instead of in
 * the main loop: the traffic cop only sees them if the statement failed
 * before CopyDone, and then ignores CopyData/CopyDone/CopyFail as the
 * protocol says (tcop/postgres.c).
 */
#include "rustydb.h"

#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqcopy.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "tcop/tcopprot.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void
begin_response(char msgtype, int natts)
{
    StringInfoData buf;

    pq_beginmessage(&buf, msgtype);
    pq_sendbyte(&buf, 0);       /* overall format: text */
    pq_sendint16(&buf, (uint16) natts);
    for (int i = 0; i < natts; i++)
        pq_sendint16(&buf, 0);
    pq_endmessage(&buf);
}

void
pq_copy_begin_out(int natts)
{
    begin_response('H', natts);
}

void
pq_copy_send_data(const char *data, int len)
{
    (void) pq_putmessage(PQ_MSG_COPY_DATA, data, (Size) len);
}

void
pq_copy_end_out(void)
{
    (void) pq_putmessage(PQ_MSG_COPY_DONE, NULL, 0);
}

void
pq_copy_begin_in(int natts)
{
    begin_response('G', natts);
    (void) pq_flush();
}

bool
pq_copy_get_data(StringInfo buf)
{
    StringInfoData msg;

    initStringInfo(&msg);
    for (;;)
    {
        int         c;
        bool        bad_length;

        CHECK_FOR_INTERRUPTS();
        c = pq_getbyte();
        if (c == EOF)
            ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                    errmsg("unexpected EOF on client connection with an open transaction"));
        if (!pq_getmessage(&msg, PQ_MAX_MESSAGE_LENGTH, &bad_length))
            ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                    errmsg("unexpected EOF on client connection with an open transaction"));
        switch (c)
        {
            case PQ_MSG_COPY_DATA:
                appendBinaryStringInfo(buf, msg.data, msg.len);
                pfree(msg.data);
                return true;
            case PQ_MSG_COPY_DONE:
                pfree(msg.data);
                return false;
            case PQ_MSG_COPY_FAIL:
                ereport(ERROR, errcode(ERRCODE_QUERY_CANCELED),
                        errmsg("COPY from stdin failed: %s", pq_getmsgstring(&msg)));
                break;
            case PQ_MSG_FLUSH:
            case PQ_MSG_SYNC:
                /* allowed in the middle of COPY data, and ignored */
                break;
            default:
                ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                        errmsg("unexpected message type 0x%02X during COPY from stdin", c));
        }
    }
}
