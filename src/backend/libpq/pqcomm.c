/*
 * pqcomm.c
 *     Buffered, blocking socket I/O for the backend's client connection and
 *     the v3 message framing (type byte, int32 length, body).
 * Entry points: pq_init(), pq_getbyte(), pq_getmessage(), pq_putmessage(),
 * pq_flush().
 *
 * Invariants:
 *  1. Once a read or write fails (EOF, ECONNRESET, EPIPE) the connection is
 *     "broken": writes are dropped and reads return EOF, so error reporting
 *     while the client is gone never blocks or recurses.
 *  2. Reads are interrupted by signals (handlers installed without
 *     SA_RESTART).  On EINTR a pending termination is processed at once
 *     (FATAL); while the session is idle a pending configuration reload is
 *     applied, then pq_idle_interrupt_hook runs (the traffic cop's
 *     statistics publication timer); a cancel request while idle is
 *     dropped, as PostgreSQL does.
 *  3. Writes interrupted by a termination request give up (the connection
 *     is marked broken) instead of blocking on a client that does not read.
 *  4. Output is buffered until ReadyForQuery, an explicit pq_flush() (Flush
 *     message, errors, COPY), a full buffer, or the moment the backend would
 *     block reading: a pipelined Bind/Describe/Execute/Sync costs one send().
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libpq/libpq.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

#define PQ_RECV_BUFFER_SIZE 8192
#define PQ_SEND_BUFFER_SIZE 8192

static int  pq_sock = -1;
static char recv_buf[PQ_RECV_BUFFER_SIZE];
static int  recv_pointer = 0;       /* next byte to hand out */
static int  recv_length = 0;        /* bytes valid in recv_buf */
static char send_buf[PQ_SEND_BUFFER_SIZE];
static int  send_length = 0;
static bool conn_broken = false;
static bool reading_msg = false;
static bool conn_idle = false;

void        (*pq_idle_interrupt_hook) (void) = NULL;

void
pq_init(int sock)
{
    int         flags;
    int         on = 1;

    pq_sock = sock;
    recv_pointer = recv_length = send_length = 0;
    conn_broken = false;
    reading_msg = false;
    flags = fcntl(sock, F_GETFL);
    if (flags < 0 || fcntl(sock, F_SETFL, flags & ~O_NONBLOCK) < 0)
        ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not set socket to blocking mode: %m"));
    /* Only meaningful for TCP; fails harmlessly (ENOTSUP/EOPNOTSUPP) on Unix sockets. */
    (void) setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    (void) setsockopt(sock, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
}

void
pq_comm_reset(void)
{
    reading_msg = false;
}

bool
pq_is_reading_msg(void)
{
    return reading_msg;
}

void
pq_set_idle(bool idle)
{
    conn_idle = idle;
}

bool
pq_connection_broken(void)
{
    return conn_broken;
}

/* handle_read_interrupt -- see invariant 2. */
static void
handle_read_interrupt(void)
{
    if (ProcDiePending)
        ProcessInterrupts();
    if (conn_idle)
    {
        if (ConfigReloadPending)
            GucProcessPendingReload();
        if (pq_idle_interrupt_hook)
            pq_idle_interrupt_hook();
        if (QueryCancelPending)
        {
            QueryCancelPending = false;
            InterruptPending = ProcDiePending || StatementTimeoutPending;
            if (MyProc != NULL)
                atomic_store(&MyProc->cancel_pending, false);
        }
    }
}

/*
 * recv_more -- refill recv_buf; false on EOF or error (connection broken).
 * Pending output is flushed first (invariant 4): this is the only place the
 * backend blocks waiting for its client.
 */
static bool
recv_more(void)
{
    if (conn_broken)
        return false;
    if (send_length > 0 && !pq_flush())
        return false;
    if (recv_pointer > 0)
    {
        if (recv_length > recv_pointer)
            memmove(recv_buf, recv_buf + recv_pointer, (size_t) (recv_length - recv_pointer));
        recv_length -= recv_pointer;
        recv_pointer = 0;
    }
    for (;;)
    {
        ssize_t     n = recv(pq_sock, recv_buf + recv_length, sizeof(recv_buf) - (size_t) recv_length, 0);

        if (n > 0)
        {
            recv_length += (int) n;
            return true;
        }
        if (n == 0)
        {
            conn_broken = true;
            return false;
        }
        if (errno == EINTR)
        {
            handle_read_interrupt();
            continue;
        }
        conn_broken = true;
        ereport(LOG_SERVER_ONLY, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not receive data from client: %m"));
        return false;
    }
}

int
pq_getbyte(void)
{
    while (recv_pointer >= recv_length)
        if (!recv_more())
            return EOF;
    return (unsigned char) recv_buf[recv_pointer++];
}

int
pq_peekbyte(void)
{
    while (recv_pointer >= recv_length)
        if (!recv_more())
            return EOF;
    return (unsigned char) recv_buf[recv_pointer];
}

bool
pq_getbytes(char *buf, Size len)
{
    while (len > 0)
    {
        Size        avail;

        while (recv_pointer >= recv_length)
            if (!recv_more())
                return false;
        avail = (Size) (recv_length - recv_pointer);
        if (avail > len)
            avail = len;
        memcpy(buf, recv_buf + recv_pointer, avail);
        recv_pointer += (int) avail;
        buf += avail;
        len -= avail;
    }
    return true;
}

bool
pq_getmessage(StringInfo buf, int maxlen, bool *bad_length)
{
    unsigned char lenbuf[4];
    uint32      len;

    *bad_length = false;
    resetStringInfo(buf);
    reading_msg = true;
    if (!pq_getbytes((char *) lenbuf, 4))
    {
        ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("unexpected EOF within message length word"));
        reading_msg = false;
        return false;
    }
    len = ((uint32) lenbuf[0] << 24) | ((uint32) lenbuf[1] << 16) |
        ((uint32) lenbuf[2] << 8) | (uint32) lenbuf[3];
    if (len < 4 || len - 4 > (uint32) maxlen)
    {
        *bad_length = true;
        reading_msg = false;
        return false;
    }
    len -= 4;
    if (len > 0)
    {
        enlargeStringInfo(buf, (int) len);
        if (!pq_getbytes(buf->data, len))
        {
            ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                    errmsg("incomplete message from client"));
            reading_msg = false;
            return false;
        }
        buf->len = (int) len;
        buf->data[len] = '\0';
    }
    buf->cursor = 0;
    reading_msg = false;
    return true;
}

/* send_raw -- write len bytes to the socket; marks the connection broken on failure. */
static bool
send_raw(const char *data, Size len)
{
    while (len > 0 && !conn_broken)
    {
        ssize_t     n = send(pq_sock, data, len, MSG_NOSIGNAL);

        if (n >= 0)
        {
            data += n;
            len -= (Size) n;
            continue;
        }
        if (errno == EINTR)
        {
            if (ProcDiePending)
                conn_broken = true;     /* invariant 3 */
            continue;
        }
        conn_broken = true;
        /* Report only to the log: the client cannot hear us any more. */
        ereport(LOG_SERVER_ONLY, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not send data to client: %m"));
    }
    return !conn_broken;
}

bool
pq_flush(void)
{
    bool        ok;

    if (send_length == 0)
        return !conn_broken;
    ok = send_raw(send_buf, (Size) send_length);
    send_length = 0;
    return ok;
}

bool
pq_putbytes(const char *data, Size len)
{
    if (conn_broken)
        return false;
    if ((Size) send_length + len > sizeof(send_buf))
    {
        if (!pq_flush())
            return false;
        if (len > sizeof(send_buf))
            return send_raw(data, len);
    }
    memcpy(send_buf + send_length, data, len);
    send_length += (int) len;
    return true;
}

bool
pq_putmessage(char msgtype, const char *data, Size len)
{
    unsigned char hdr[5];
    Size        hdrlen = 0;
    uint32      total = (uint32) len + 4;

    if (msgtype != 0)
        hdr[hdrlen++] = (unsigned char) msgtype;
    hdr[hdrlen++] = (unsigned char) (total >> 24);
    hdr[hdrlen++] = (unsigned char) (total >> 16);
    hdr[hdrlen++] = (unsigned char) (total >> 8);
    hdr[hdrlen++] = (unsigned char) total;
    if (!pq_putbytes((const char *) hdr, hdrlen))
        return false;
    return len == 0 || pq_putbytes(data, len);
}
