/*
 * libpq-be.h
 *     The Port: everything known about one client connection, filled in
 *     from the socket and the start-up packet.
 * Used by src/backend/libpq/ (startup.c, auth.c), tcop/postgres.c and
 * utils/init/postinit.c.
 */
#ifndef LIBPQ_LIBPQ_BE_H
#define LIBPQ_LIBPQ_BE_H

#include "rustydb.h"

/* One name=value pair from the start-up packet other than user/database. */
typedef struct PortOption
{
    char       *name;
    char       *value;
} PortOption;

/* Why the postmaster would refuse the connection (decided before fork). */
typedef enum PortAdmission
{
    PORT_ADMIT_OK,
    PORT_ADMIT_STARTUP,         /* 57P03 the database system is starting up */
    PORT_ADMIT_SHUTDOWN,        /* 57P03 the database system is shutting down */
    PORT_ADMIT_RECOVERY,        /* 57P03 the database system is in recovery mode */
    PORT_ADMIT_TOO_MANY         /* 53300 sorry, too many clients already */
} PortAdmission;

/*
 * Allocated in TopMemoryContext of the backend process.  Strings are
 * NUL-terminated copies from the start-up packet.
 */
typedef struct Port
{
    int         sock;               /* connected socket (blocking mode) */
    bool        is_unix;            /* Unix-domain socket */
    char       *remote_host;        /* "127.0.0.1", "[local]" */
    char       *remote_port;        /* "54321", "" for Unix sockets */
    PortAdmission admission;
    int32       cancel_key;         /* secret chosen by the postmaster */
    uint32      proto;              /* protocol version requested */
    char       *database_name;
    char       *user_name;
    char       *application_name;  /* NULL if not given */
    char       *cmdline_options;    /* "options" parameter: "-c a=b --x=y", NULL if none */
    PortOption *options;            /* other parameters (client_encoding, DateStyle, ...) */
    int         noptions;
    int64       connect_time_us;    /* Unix microseconds */
} Port;

extern Port *MyProcPort;            /* set in the backend; NULL elsewhere */

#endif                          /* LIBPQ_LIBPQ_BE_H */
