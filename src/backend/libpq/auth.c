/*
 * auth.c
 *     Client authentication after the start-up packet.  Today every
 *     connection is "trust"; the method switch is where rustydb_hba.conf
 *     rules and SCRAM-SHA-256 (libsodium primitives) plug in.
 * Entry point: ClientAuthentication().
 */
#include "rustydb.h"

#include "libpq/auth.h"
#include "libpq/libpq-be.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "utils/elog.h"

/*
 * choose_method -- the rule that applies to port.  XXX: until
 * rustydb_hba.conf is read, every connection (local and TCP) is trusted;
 * listen_addresses defaults to localhost so this is no wider than the
 * machine.
 */
static AuthMethod
choose_method(const Port *port)
{
    (void) port;
    return AUTH_METHOD_TRUST;
}

static void
send_auth_request(int32 code)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_AUTHENTICATION);
    pq_sendint32(&msg, (uint32) code);
    pq_endmessage(&msg);
    (void) pq_flush();
}

void
ClientAuthentication(Port *port)
{
    switch (choose_method(port))
    {
        case AUTH_METHOD_TRUST:
            break;
        case AUTH_METHOD_REJECT:
            ereport(FATAL, errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
                    errmsg("connection rejected for host \"%s\", user \"%s\", database \"%s\"",
                           port->remote_host, port->user_name, port->database_name));
            break;
        case AUTH_METHOD_SCRAM_SHA_256:
            ereport(FATAL, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("SCRAM-SHA-256 authentication is not implemented yet"));
            break;
    }
    send_auth_request(PQ_AUTH_REQ_OK);
}
