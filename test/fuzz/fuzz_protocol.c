/*
 * fuzz_protocol.c
 *     libFuzzer target for the backend side of the wire protocol: the
 *     start-up packet (ProcessStartupPacket, with SSLRequest/GSSENCRequest,
 *     CancelRequest and protocol negotiation), then the v3 message framing
 *     (pq_getbyte + pq_getmessage) and the pq_getmsgXxx readers applied to
 *     each message body the way the backend and the extended protocol read
 *     them.
 *
 * The backend only reads from a socket, so every input is written into one
 * end of a socketpair whose write side is then shut down; the code under
 * test reads the other end until EOF.  Its few replies ('N' to SSLRequest,
 * NegotiateProtocolVersion) fit in the socket buffer and are never read.
 *
 * Outcomes: ERROR (08P01 and friends) is fine and the next message is read,
 * as BackendMain does.  FATAL is also fine (a bad start-up packet ends the
 * backend): it calls ProcExit(), whose exit callback we register to jump
 * back here instead of exiting.  XXX: ProcExit leaves elog.c's private
 * "exit in progress" flag set, so after the first FATAL every later ERROR
 * is reported as FATAL too; both end the session here, so only the choice
 * between "skip to the next message" and "end the session" is lost.
 * Crashes, sanitizer reports and aborts are bugs.
 *
 * Build: make fuzz.  Run: build-fuzz/fuzz_protocol test/fuzz/corpus/protocol
 */
#include "rustydb.h"

#include <setjmp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "libpq/libpq-be.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "lib/stringinfo.h"
#include "tcop/tcopprot.h"

/*
 * Inputs are capped well below the default AF_UNIX socket buffer (about
 * 200 KiB) so that writing the whole input before reading never blocks.
 */
#define FUZZ_MAX_INPUT (60 * 1024)
/* Messages after the start-up packet handled per input, to bound the run. */
#define FUZZ_MAX_MESSAGES 1000

static sigjmp_buf exit_jump;
static bool exit_trap_armed = false;

/* Exit callback: a FATAL ends the "session", not the fuzzer. */
static void
exit_trap(int code, Datum arg)
{
    (void) code;
    (void) arg;
    siglongjmp(exit_jump, 1);
}

/* Read a string and check it is UTF-8, as the backend does for query text. */
static const char *
get_utf8_string(StringInfo msg)
{
    const char *s = pq_getmsgstring(msg);

    pq_verify_utf8(s, (int) strlen(s));
    return s;
}

/* A list of int16 format codes preceded by its int16 count. */
static void
get_format_codes(StringInfo msg)
{
    int         n = (int) pq_getmsgint(msg, 2);

    for (int i = 0; i < n; i++)
        (void) pq_getmsgint(msg, 2);
}

/*
 * parse_message -- read the body of one frontend message with the
 * pq_getmsgXxx functions following the protocol's layout of that type.
 * ERROR (08P01) when the body does not match.
 */
static void
parse_message(int msgtype, StringInfo msg)
{
    switch (msgtype)
    {
        case PQ_MSG_QUERY:
            (void) get_utf8_string(msg);
            pq_getmsgend(msg);
            break;
        case PQ_MSG_PARSE:
            {
                int         nparams;

                (void) get_utf8_string(msg);    /* statement name */
                (void) get_utf8_string(msg);    /* query */
                nparams = (int) pq_getmsgint(msg, 2);
                for (int i = 0; i < nparams; i++)
                    (void) pq_getmsgint(msg, 4);    /* parameter type oid */
                pq_getmsgend(msg);
            }
            break;
        case PQ_MSG_BIND:
            {
                int         nparams;

                (void) get_utf8_string(msg);    /* portal */
                (void) get_utf8_string(msg);    /* statement */
                get_format_codes(msg);
                nparams = (int) pq_getmsgint(msg, 2);
                for (int i = 0; i < nparams; i++)
                {
                    int32       len = (int32) pq_getmsgint(msg, 4);

                    if (len != -1)
                        (void) pq_getmsgbytes(msg, len);
                }
                get_format_codes(msg);
                pq_getmsgend(msg);
            }
            break;
        case PQ_MSG_DESCRIBE:
        case PQ_MSG_CLOSE:
            (void) pq_getmsgbyte(msg);  /* 'S' or 'P' */
            (void) get_utf8_string(msg);
            pq_getmsgend(msg);
            break;
        case PQ_MSG_EXECUTE:
            (void) get_utf8_string(msg);
            (void) pq_getmsgint(msg, 4);    /* row limit */
            pq_getmsgend(msg);
            break;
        case PQ_MSG_FUNCTION_CALL:
            {
                int         nargs;
                char        oid_bytes[4];

                pq_copymsgbytes(msg, oid_bytes, (int) sizeof(oid_bytes));
                get_format_codes(msg);
                nargs = (int) pq_getmsgint(msg, 2);
                for (int i = 0; i < nargs; i++)
                {
                    int32       len = (int32) pq_getmsgint(msg, 4);

                    if (len != -1)
                        (void) pq_getmsgbytes(msg, len);
                }
                (void) pq_getmsgint(msg, 2);    /* result format */
                pq_getmsgend(msg);
            }
            break;
        case PQ_MSG_COPY_DATA:
            (void) pq_getmsgbytes(msg, msg->len - msg->cursor);
            pq_getmsgend(msg);
            break;
        case PQ_MSG_COPY_FAIL:
        case PQ_MSG_PASSWORD:
            (void) pq_getmsgstring(msg);
            pq_getmsgend(msg);
            break;
        case PQ_MSG_SYNC:
        case PQ_MSG_FLUSH:
        case PQ_MSG_COPY_DONE:
        case PQ_MSG_TERMINATE:
            pq_getmsgend(msg);
            break;
        default:
            (void) pq_getmsgint64(msg);
            break;
    }
}

/* run_session -- start-up packet, then messages until EOF or a broken frame. */
static void
run_session(int sock)
{
    Port       *port = palloc0(sizeof(Port));
    StringInfoData msg;

    port->sock = sock;
    port->is_unix = true;
    port->remote_host = pstrdup("[local]");
    port->remote_port = pstrdup("");
    port->admission = PORT_ADMIT_OK;
    pq_init(sock);
    if (!ProcessStartupPacket(port))
        return;
    Assert(port->user_name != NULL && port->database_name != NULL);

    initStringInfo(&msg);
    for (int n = 0; n < FUZZ_MAX_MESSAGES; n++)
    {
        int         msgtype = pq_getbyte();
        bool        bad_length;

        if (msgtype == EOF)
            break;
        if (!pq_getmessage(&msg, PQ_MAX_MESSAGE_LENGTH, &bad_length))
            break;              /* EOF or a broken frame: the backend stops too */
        Assert(msg.cursor == 0 && msg.len >= 0 && msg.data[msg.len] == '\0');

        RDB_TRY();
        {
            parse_message(msgtype, &msg);
        }
        RDB_CATCH();
        {
            pq_comm_reset();
            FlushErrorState();
        }
        RDB_END_TRY();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemoryContext context = fuzz_setup("fuzz_protocol");
    MemoryContext old;
    int         sv[2];

    if (size > FUZZ_MAX_INPUT)
        size = FUZZ_MAX_INPUT;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    {
        perror("socketpair");
        abort();
    }
    for (size_t done = 0; done < size;)
    {
        ssize_t     n = write(sv[1], data + done, size - done);

        if (n <= 0)
        {
            perror("write");
            abort();
        }
        done += (size_t) n;
    }
    /* The reader sees EOF after the input; its replies still go somewhere. */
    if (shutdown(sv[1], SHUT_WR) != 0)
    {
        perror("shutdown");
        abort();
    }

    old = MemoryContextSwitchTo(context);
    if (!exit_trap_armed)
    {
        OnProcExit(exit_trap, (Datum) 0);
        exit_trap_armed = true;
    }
    if (sigsetjmp(exit_jump, 0) == 0)
    {
        RDB_TRY();
        {
            run_session(sv[0]);
        }
        RDB_CATCH();
        {
            FlushErrorState();
        }
        RDB_END_TRY();
    }
    else
    {
        /* FATAL: ProcExit consumed the callback; unwind what it skipped. */
        exit_trap_armed = false;
        RdbExceptionStack = NULL;
        FlushErrorState();
    }

    MemoryContextSwitchTo(old);
    MemoryContextReset(context);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
