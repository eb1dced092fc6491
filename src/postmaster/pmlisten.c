/*
 * pmlisten.c
 *     The postmaster's listen sockets: TCP on listen_addresses:port and a
 *     Unix-domain socket SOCKETDIR/.s.PGSQL.PORT per unix_socket_directories
 *     entry (each with its own lock file), all driven by the libuv loop.
 * Entry points: ListenSocketsOpen(), ListenSocketsCloseInChild(),
 * ListenSocketsClose().
 *
 * An accepted connection's descriptor is dup()ed and the libuv handle
 * closed at once: the postmaster never does I/O on client sockets, it only
 * hands the descriptor to a forked child.
 */
#include "rustydb.h"

#include <errno.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <uv.h>

#include "miscadmin.h"
#include "postmaster/postmaster.h"
#include "postmaster_int.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

#define MAX_LISTEN_SOCKETS 64

typedef struct ListenSocket
{
    uv_stream_t *stream;        /* uv_tcp_t or uv_pipe_t, in TopMemoryContext */
    bool        is_unix;
    char       *socket_path;    /* Unix sockets: file to unlink at exit */
} ListenSocket;

static ListenSocket sockets[MAX_LISTEN_SOCKETS];
static int  n_sockets = 0;
static PmAcceptFn accept_callback = NULL;
static char *first_socket_dir = NULL;
static char *first_listen_addr = NULL;

static void
free_handle(uv_handle_t *handle)
{
    pfree(handle);
}

static void
on_connection(uv_stream_t *server, int status)
{
    ListenSocket *ls = (ListenSocket *) server->data;
    uv_stream_t *client;
    uv_os_fd_t  fd;
    int         rc;
    int         newfd;

    if (status < 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not accept new connection: %s", uv_strerror(status)));
        return;
    }
    if (ls->is_unix)
    {
        client = MemoryContextAllocZero(TopMemoryContext, sizeof(uv_pipe_t));
        rc = uv_pipe_init(server->loop, (uv_pipe_t *) client, 0);
    }
    else
    {
        client = MemoryContextAllocZero(TopMemoryContext, sizeof(uv_tcp_t));
        rc = uv_tcp_init(server->loop, (uv_tcp_t *) client);
    }
    if (rc < 0)
    {
        pfree(client);
        ereport(LOG, errmsg("could not accept new connection: %s", uv_strerror(rc)));
        return;
    }
    rc = uv_accept(server, client);
    if (rc < 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not accept new connection: %s", uv_strerror(rc)));
        uv_close((uv_handle_t *) client, free_handle);
        return;
    }
    rc = uv_fileno((uv_handle_t *) client, &fd);
    newfd = rc == 0 ? dup(fd) : -1;
    if (newfd < 0)
        ereport(LOG, errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                errmsg("could not accept new connection: %s",
                       rc < 0 ? uv_strerror(rc) : strerror(errno)));
    uv_close((uv_handle_t *) client, free_handle);
    if (newfd >= 0)
        accept_callback(newfd, ls->is_unix);
}

static int
listen_backlog(void)
{
    return Max(128, Min(MaxConnections * 2, 4096));
}

static void
add_socket(uv_stream_t *stream, bool is_unix, const char *path)
{
    ListenSocket *ls = &sockets[n_sockets++];

    ls->stream = stream;
    ls->is_unix = is_unix;
    ls->socket_path = path ? MemoryContextStrdup(TopMemoryContext, path) : NULL;
    stream->data = ls;
}

/* listen_tcp -- bind and listen on one address; LOG and return false on failure. */
static bool
listen_tcp(uv_loop_t *loop, const struct sockaddr *addr, const char *shown)
{
    uv_tcp_t   *h;
    int         rc;
    unsigned    flags = addr->sa_family == AF_INET6 ? UV_TCP_IPV6ONLY : 0;
    const char *family = addr->sa_family == AF_INET6 ? "IPv6" : "IPv4";

    if (n_sockets >= MAX_LISTEN_SOCKETS)
    {
        ereport(LOG, errmsg("could not create listen socket for \"%s\": too many sockets", shown));
        return false;
    }
    h = MemoryContextAllocZero(TopMemoryContext, sizeof(uv_tcp_t));
    rc = uv_tcp_init(loop, h);
    if (rc == 0)
        rc = uv_tcp_bind(h, addr, flags);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *) h, listen_backlog(), on_connection);
    if (rc < 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not bind %s address \"%s\": %s", family, shown, uv_strerror(rc)),
                rc == UV_EADDRINUSE ?
                errhint("Is another postmaster already running on port %d? If not, wait a few seconds and retry.",
                        PostPortNumber) : 0);
        uv_close((uv_handle_t *) h, free_handle);
        return false;
    }
    add_socket((uv_stream_t *) h, false, NULL);
    ereport(LOG, errmsg("listening on %s address \"%s\", port %d", family, shown, PostPortNumber));
    return true;
}

/* listen_host -- every address host resolves to ("*": all IPv4 and IPv6). */
static int
listen_host(uv_loop_t *loop, const char *host)
{
    struct addrinfo hints;
    struct addrinfo *res = NULL;
    char        port[16];
    int         rc;
    int         count = 0;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    snprintf(port, sizeof(port), "%d", PostPortNumber);
    rc = getaddrinfo(strcmp(host, "*") == 0 ? NULL : host, port, &hints, &res);
    if (rc != 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not translate host name \"%s\", service \"%s\" to address: %s",
                       host, port, gai_strerror(rc)));
        return 0;
    }
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
    {
        char        shown[NI_MAXHOST];

        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            continue;
        if (getnameinfo(ai->ai_addr, ai->ai_addrlen, shown, sizeof(shown), NULL, 0, NI_NUMERICHOST) != 0)
            snprintf(shown, sizeof(shown), "%s", host);
        if (listen_tcp(loop, ai->ai_addr, shown))
            count++;
    }
    freeaddrinfo(res);
    return count;
}

/* listen_unix -- lock file, then the socket file, in dir. */
static bool
listen_unix(uv_loop_t *loop, const char *dir)
{
    char       *path = psprintf("%s/.s.PGSQL.%d", dir, PostPortNumber);
    char       *lock = psprintf("%s.lock", path);
    uv_pipe_t  *h;
    int         rc;

    if (strlen(path) >= sizeof(((struct sockaddr_un *) NULL)->sun_path))
    {
        ereport(LOG, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("Unix-domain socket path \"%s\" is too long (maximum %d bytes)", path,
                       (int) sizeof(((struct sockaddr_un *) NULL)->sun_path) - 1));
        return false;
    }
    LockFileCreate(lock, DataDir, true);
    /* We hold the lock: any socket file there is a leftover. */
    (void) unlink(path);
    h = MemoryContextAllocZero(TopMemoryContext, sizeof(uv_pipe_t));
    rc = uv_pipe_init(loop, h, 0);
    if (rc == 0)
        rc = uv_pipe_bind(h, path);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *) h, listen_backlog(), on_connection);
    if (rc < 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not bind Unix address \"%s\": %s", path, uv_strerror(rc)));
        uv_close((uv_handle_t *) h, free_handle);
        return false;
    }
    if (chmod(path, 0777) < 0)
        ereport(LOG, errcode_for_file_access(), errmsg("could not set permissions of file \"%s\": %m", path));
    add_socket((uv_stream_t *) h, true, path);
    ereport(LOG, errmsg("listening on Unix socket \"%s\"", path));
    return true;
}

/* next_list_item -- split a comma-separated setting; items trimmed, quotes removed. */
static char *
next_list_item(char **cursor)
{
    char       *p = *cursor;
    char       *start;
    char       *end;

    while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
    if (*p == '\0')
        return NULL;
    start = p;
    while (*p && *p != ',')
        p++;
    end = p;
    if (*p == ',')
        p++;
    *cursor = p;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end - start >= 2 && *start == '"' && end[-1] == '"')
    {
        start++;
        end--;
    }
    return pnstrdup(start, (Size) (end - start));
}

void
ListenSocketsOpen(uv_loop_t *loop, PmAcceptFn on_accept)
{
    char       *list;
    char       *cursor;
    char       *item;
    int         tcp_count = 0;
    int         unix_count = 0;
    bool        want_tcp = false;
    bool        want_unix = false;

    accept_callback = on_accept;

    list = pstrdup(ListenAddresses ? ListenAddresses : "");
    cursor = list;
    while ((item = next_list_item(&cursor)) != NULL)
    {
        want_tcp = true;
        if (first_listen_addr == NULL)
            first_listen_addr = MemoryContextStrdup(TopMemoryContext, item);
        if (strcmp(item, "localhost") == 0)
        {
            /* IPv4 loopback must work; IPv6 only if the host has it. */
            struct sockaddr_in v4;
            struct sockaddr_in6 v6;

            uv_ip4_addr("127.0.0.1", PostPortNumber, &v4);
            uv_ip6_addr("::1", PostPortNumber, &v6);
            tcp_count += listen_tcp(loop, (const struct sockaddr *) &v4, "127.0.0.1");
            tcp_count += listen_tcp(loop, (const struct sockaddr *) &v6, "::1");
        }
        else
            tcp_count += listen_host(loop, item);
    }
    if (want_tcp && tcp_count == 0)
        ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not create any TCP/IP sockets"));

    list = pstrdup(UnixSocketDirectories ? UnixSocketDirectories : "");
    cursor = list;
    while ((item = next_list_item(&cursor)) != NULL)
    {
        want_unix = true;
        if (listen_unix(loop, item))
        {
            unix_count++;
            if (first_socket_dir == NULL)
                first_socket_dir = MemoryContextStrdup(TopMemoryContext, item);
        }
    }
    if (want_unix && unix_count == 0)
        ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("could not create any Unix-domain sockets"));
    if (n_sockets == 0)
        ereport(FATAL, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("no socket created for listening"));
}

void
ListenSocketsCloseInChild(void)
{
    for (int i = 0; i < n_sockets; i++)
    {
        uv_os_fd_t  fd;

        if (uv_fileno((uv_handle_t *) sockets[i].stream, &fd) == 0)
            close(fd);
    }
}

void
ListenSocketsClose(void)
{
    for (int i = 0; i < n_sockets; i++)
    {
        if (!uv_is_closing((uv_handle_t *) sockets[i].stream))
            uv_close((uv_handle_t *) sockets[i].stream, free_handle);
        if (sockets[i].socket_path)
            (void) unlink(sockets[i].socket_path);
    }
    n_sockets = 0;
}

const char *
ListenSocketDirForPidFile(void)
{
    return first_socket_dir ? first_socket_dir : "";
}

const char *
ListenAddressForPidFile(void)
{
    return first_listen_addr ? first_listen_addr : "";
}
