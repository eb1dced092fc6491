/*
 * startup.c
 *     The start-up packet: SSLRequest / GSSENCRequest (answered 'N': no
 *     encryption yet), CancelRequest (forwarded through
 *     CancelRequestHandler), protocol version checks and negotiation, and
 *     the name/value parameters (user, database, options, ...).
 * Entry point: ProcessStartupPacket().
 */
#include "rustydb.h"

#include "libpq/libpq-be.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "utils/elog.h"
#include "utils/palloc.h"

CancelRequestHook CancelRequestHandler = NULL;

static uint32
get_uint32(const char *p)
{
    const unsigned char *u = (const unsigned char *) p;

    return ((uint32) u[0] << 24) | ((uint32) u[1] << 16) | ((uint32) u[2] << 8) | u[3];
}

/* Protocol 3.x with x > 0, or _pq_ options: tell the client what we do support. */
static void
send_negotiate_protocol_version(uint32 requested, char **unrecognized, int nunrecognized)
{
    StringInfoData msg;
    uint32      minor = PQ_PROTOCOL_MINOR(requested);

    if (minor > PQ_PROTOCOL_MINOR(PQ_PROTOCOL_LATEST))
        minor = PQ_PROTOCOL_MINOR(PQ_PROTOCOL_LATEST);
    pq_beginmessage(&msg, PQ_MSG_NEGOTIATE_PROTOCOL_VERSION);
    pq_sendint32(&msg, PQ_PROTOCOL(3, minor));
    pq_sendint32(&msg, (uint32) nunrecognized);
    for (int i = 0; i < nunrecognized; i++)
        pq_sendstring(&msg, unrecognized[i]);
    pq_endmessage(&msg);
    (void) pq_flush();
}

/* Cut a name to NAMEDATALEN-1 bytes without splitting a UTF-8 character. */
static char *
truncate_name(const char *s)
{
    size_t      len = strlen(s);

    if (len < NAMEDATALEN)
        return pstrdup(s);
    len = NAMEDATALEN - 1;
    while (len > 0 && (((unsigned char) s[len]) & 0xC0) == 0x80)
        len--;
    return pnstrdup(s, len);
}

/*
 * read_packet -- one start-up packet into *buf (length word excluded).
 * Returns false (after logging) if the client went away or the length is
 * invalid.
 */
static bool
read_packet(StringInfo buf, bool first)
{
    char        lenbuf[4];
    uint32      len;

    if (!pq_getbytes(lenbuf, 4))
    {
        /* A client that connects and leaves without a word (pg_isready, port scans) is not news. */
        if (!first)
            ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                    errmsg("incomplete startup packet"));
        return false;
    }
    len = get_uint32(lenbuf);
    if (len < PQ_MIN_STARTUP_PACKET_LENGTH || len > PQ_MAX_STARTUP_PACKET_LENGTH)
    {
        ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid length of startup packet"));
        return false;
    }
    len -= 4;
    resetStringInfo(buf);
    enlargeStringInfo(buf, (int) len);
    if (!pq_getbytes(buf->data, len))
    {
        ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("incomplete startup packet"));
        return false;
    }
    buf->len = (int) len;
    buf->data[len] = '\0';
    return true;
}

bool
ProcessStartupPacket(Port *port)
{
    StringInfoData buf;
    bool        ssl_done = false;
    bool        gss_done = false;
    bool        first = true;
    uint32      proto;
    char      **unrecognized = NULL;
    int         nunrecognized = 0;
    int         maxopts = 0;
    const char *p;
    const char *end;

    initStringInfo(&buf);
    for (;;)
    {
        if (!read_packet(&buf, first))
            return false;
        first = false;
        proto = get_uint32(buf.data);
        if (proto == PQ_CANCEL_REQUEST_CODE)
        {
            if (buf.len != 12)
            {
                ereport(LOG_SERVER_ONLY, errcode(ERRCODE_PROTOCOL_VIOLATION),
                        errmsg("invalid length of cancel request packet"));
                return false;
            }
            if (CancelRequestHandler == NULL ||
                !CancelRequestHandler((int32) get_uint32(buf.data + 4), (int32) get_uint32(buf.data + 8)))
                ereport(LOG, errmsg("PID %d in cancel request did not match any process",
                                    (int) get_uint32(buf.data + 4)));
            return false;
        }
        if (proto == PQ_NEGOTIATE_SSL_CODE && !ssl_done)
        {
            /* XXX: TLS is not implemented yet; libpq falls back to plain text. */
            ssl_done = true;
            if (!pq_putbytes("N", 1) || !pq_flush())
                return false;
            continue;
        }
        if (proto == PQ_NEGOTIATE_GSS_CODE && !gss_done)
        {
            gss_done = true;
            if (!pq_putbytes("N", 1) || !pq_flush())
                return false;
            continue;
        }
        break;
    }

    port->proto = proto;
    if (PQ_PROTOCOL_MAJOR(proto) != PQ_PROTOCOL_MAJOR(PQ_PROTOCOL_LATEST))
        ereport(FATAL, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("unsupported frontend protocol %u.%u: server supports %u.0 to %u.%u",
                       PQ_PROTOCOL_MAJOR(proto), PQ_PROTOCOL_MINOR(proto),
                       PQ_PROTOCOL_MAJOR(PQ_PROTOCOL_EARLIEST),
                       PQ_PROTOCOL_MAJOR(PQ_PROTOCOL_LATEST), PQ_PROTOCOL_MINOR(PQ_PROTOCOL_LATEST)));

    /* name\0value\0 ... \0 */
    p = buf.data + 4;
    end = buf.data + buf.len;
    while (p < end && *p != '\0')
    {
        const char *name = p;
        const char *value;
        const char *nul = memchr(p, '\0', (size_t) (end - p));

        if (nul == NULL)
            break;
        value = nul + 1;
        if (value >= end)
            break;
        nul = memchr(value, '\0', (size_t) (end - value));
        if (nul == NULL)
            break;
        p = nul + 1;

        if (strcmp(name, "database") == 0)
            port->database_name = truncate_name(value);
        else if (strcmp(name, "user") == 0)
            port->user_name = truncate_name(value);
        else if (strcmp(name, "options") == 0)
            port->cmdline_options = pstrdup(value);
        else if (strcmp(name, "replication") == 0)
        {
            if (strcmp(value, "false") != 0 && strcmp(value, "0") != 0 &&
                strcmp(value, "off") != 0 && strcmp(value, "no") != 0)
                ereport(FATAL, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("replication connections are not supported"));
        }
        else if (strncmp(name, "_pq_.", 5) == 0)
        {
            unrecognized = unrecognized ? repalloc(unrecognized, sizeof(char *) * (Size) (nunrecognized + 1))
                : palloc(sizeof(char *));
            unrecognized[nunrecognized++] = pstrdup(name);
        }
        else
        {
            if (strcmp(name, "application_name") == 0)
                port->application_name = pstrdup(value);
            if (port->noptions >= maxopts)
            {
                maxopts = maxopts ? maxopts * 2 : 8;
                port->options = port->options ? repalloc(port->options, sizeof(PortOption) * (Size) maxopts)
                    : palloc(sizeof(PortOption) * (Size) maxopts);
            }
            port->options[port->noptions].name = pstrdup(name);
            port->options[port->noptions].value = pstrdup(value);
            port->noptions++;
        }
    }
    /* The list ends with an empty name: the packet's last byte must be that terminator. */
    if (p != end - 1 || *p != '\0')
        ereport(FATAL, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid startup packet layout: expected terminator as last byte"));

    if (port->user_name == NULL || port->user_name[0] == '\0')
        ereport(FATAL, errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
                errmsg("no PostgreSQL user name specified in startup packet"));
    if (port->database_name == NULL || port->database_name[0] == '\0')
        port->database_name = pstrdup(port->user_name);

    if (PQ_PROTOCOL_MINOR(proto) > PQ_PROTOCOL_MINOR(PQ_PROTOCOL_LATEST) || nunrecognized > 0)
        send_negotiate_protocol_version(proto, unrecognized, nunrecognized);

    /* Refusals decided by the postmaster are reported once the client can read them. */
    switch (port->admission)
    {
        case PORT_ADMIT_OK:
            break;
        case PORT_ADMIT_STARTUP:
            ereport(FATAL, errcode(ERRCODE_CANNOT_CONNECT_NOW),
                    errmsg("the database system is starting up"));
            break;
        case PORT_ADMIT_SHUTDOWN:
            ereport(FATAL, errcode(ERRCODE_CANNOT_CONNECT_NOW),
                    errmsg("the database system is shutting down"));
            break;
        case PORT_ADMIT_RECOVERY:
            ereport(FATAL, errcode(ERRCODE_CANNOT_CONNECT_NOW),
                    errmsg("the database system is in recovery mode"));
            break;
        case PORT_ADMIT_TOO_MANY:
            ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                    errmsg("sorry, too many clients already"));
            break;
    }
    pfree(buf.data);
    return true;
}
