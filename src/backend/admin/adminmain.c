/*
 * adminmain.c
 *     The admin API auxiliary process: a libuv event loop serving HTTP/1.1
 *     on admin_listen_addresses:admin_api_port, with keep-alive,
 *     pipelining, connection and time limits.
 * Entry point: AdminApiMain(); see admin/admin.h and the README here.
 *
 * One thread, one loop.  Every request is answered synchronously as soon as
 * it is parsed (handlers only read shared memory and /proc, or queue a job),
 * so a connection never waits on another.  Defences, all per connection
 * unless noted:
 *   - request size: header and body limits in httpparse.c (431 / 413);
 *   - slow clients: a request must arrive completely within
 *     ADMIN_REQUEST_TIMEOUT_MS of its first byte (else 408 and close); an
 *     idle keep-alive connection is closed after ADMIN_IDLE_TIMEOUT_MS;
 *   - connection count (process-wide): beyond ADMIN_MAX_CONNECTIONS a new
 *     connection gets 503 and is closed at once;
 *   - output backlog: reading stops while more than ADMIN_MAX_PENDING_OUTPUT
 *     bytes of responses wait to be sent (a pipelining client that does not
 *     read cannot make us buffer without bound).
 *
 * Memory: the server context (process lifetime) holds the listeners; each
 * connection has its own context (deleted in the close callback) with a
 * per-request child context reset after each response is serialised.
 * libuv keeps its default allocator: this process is forked from the
 * postmaster after libuv already allocated with malloc, and handing those
 * blocks to pfree later would corrupt memory.
 *
 * Errors: an ERROR raised while handling a request becomes a 500 (router.c);
 * one raised elsewhere while serving a connection closes that connection
 * only.  If no address can be bound the process logs it and retries every
 * ADMIN_LISTEN_RETRY_MS instead of exiting: the postmaster restarts
 * auxiliary processes that exit, and a busy port must not make that a loop.
 */
#include "rustydb.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <sodium.h>
#include <unistd.h>
#include <uv.h>

#include "admin/admin.h"
#include "admin/adminapi.h"
#include "admin/adminhttp.h"
#include "admin_int.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

#define ADMIN_MAX_CONNECTIONS 1024
#define ADMIN_MAX_LISTENERS 16
#define ADMIN_LISTEN_BACKLOG 511
#define ADMIN_REQUEST_TIMEOUT_MS 10000
#define ADMIN_IDLE_TIMEOUT_MS 30000
#define ADMIN_TICK_MS 1000
#define ADMIN_LISTEN_RETRY_MS 10000
#define ADMIN_READ_BUFFER_BYTES 65536
#define ADMIN_MAX_PENDING_OUTPUT (4 * 1024 * 1024)
#define ADMIN_RESUME_PENDING_OUTPUT (1024 * 1024)
#define ADMIN_DRAIN_TIMEOUT_MS 2000

typedef struct AdminConn
{
    uv_tcp_t    handle;         /* first: the handle's address is the connection's */
    MemoryContext cxt;          /* the connection's lifetime; holds this struct */
    MemoryContext request_cxt;  /* one request; reset after its response is queued */
    AdminHttpParser *parser;
    char        addr[64];
    bool        loopback;
    bool        reading;
    bool        closing;
    bool        close_after_write;  /* no more requests: close when output drained */
    bool        draining;       /* output done, write side shut: discard input until EOF */
    bool        peer_eof;       /* the client closed its side */
    int64       drain_deadline_us;
    uv_shutdown_t shutdown_req;
    int64       last_activity_us;
    int64       request_start_us;   /* first byte of the request in progress, 0 if none */
    int         pending_writes;
    size_t      pending_bytes;
    struct AdminConn *prev;
    struct AdminConn *next;
} AdminConn;

typedef struct AdminWrite
{
    uv_write_t  req;
    AdminConn  *conn;
    char       *data;           /* palloc'd in conn->cxt */
    size_t      len;
} AdminWrite;

/* Process state (this process only). */
static uv_loop_t admin_loop;
static MemoryContext admin_cxt;
static uv_tcp_t listeners[ADMIN_MAX_LISTENERS];
static int  nlisteners = 0;
static uv_timer_t tick_timer;
static uv_signal_t sig_term;
static uv_signal_t sig_hup;
static uv_signal_t sig_int;
static AdminConn *conns = NULL;
static int  nconns = 0;
static bool shutting_down = false;
static int64 next_listen_attempt_us = 0;
static pid_t parent_pid = 0;
static char read_buffer[ADMIN_READ_BUFFER_BYTES];

static void close_conn(AdminConn *conn);
static void finish_conn(AdminConn *conn);
static void resume_reading(AdminConn *conn);
static void process_bytes(AdminConn *conn, const char *data, size_t len);

/* ---------- writing ---------- */

static void
on_write(uv_write_t *req, int status)
{
    AdminWrite *w = (AdminWrite *) req;
    AdminConn  *conn = w->conn;

    conn->pending_writes--;
    conn->pending_bytes -= w->len;
    pfree(w->data);
    pfree(w);
    if (status < 0)
    {
        if (status != UV_ECANCELED)
            ereport(DEBUG1, errmsg_internal("admin API: write to %s failed: %s", conn->addr, uv_strerror(status)));
        close_conn(conn);
        return;
    }
    if (conn->closing)
        return;
    if (conn->close_after_write && conn->pending_writes == 0)
    {
        finish_conn(conn);
        return;
    }
    if (!conn->reading && !conn->close_after_write && conn->pending_bytes < ADMIN_RESUME_PENDING_OUTPUT)
        resume_reading(conn);
}

/* queue_output -- send len bytes of data (copied) on conn. */
static void
queue_output(AdminConn *conn, const char *data, size_t len)
{
    AdminWrite *w;
    uv_buf_t    buf;
    int         rc;

    if (conn->closing)
        return;
    w = MemoryContextAllocZero(conn->cxt, sizeof(AdminWrite));
    w->conn = conn;
    w->data = MemoryContextAlloc(conn->cxt, len > 0 ? len : 1);
    memcpy(w->data, data, len);
    w->len = len;
    buf = uv_buf_init(w->data, (unsigned int) len);
    rc = uv_write(&w->req, (uv_stream_t *) &conn->handle, &buf, 1, on_write);
    if (rc < 0)
    {
        ereport(DEBUG1, errmsg_internal("admin API: write to %s failed: %s", conn->addr, uv_strerror(rc)));
        pfree(w->data);
        pfree(w);
        close_conn(conn);
        return;
    }
    conn->pending_writes++;
    conn->pending_bytes += len;
}

/* respond_and_close -- a response outside any parsed request (limits, timeouts), then close. */
static void
respond_and_close(AdminConn *conn, int status, const char *code, const char *message)
{
    AdminResponse resp;
    StringInfoData out;
    MemoryContext old = MemoryContextSwitchTo(conn->request_cxt);

    AdminResponseInit(&resp);
    AdminResponseSetError(&resp, NULL, status, code, NULL, "%s", message);
    resp.close_connection = true;
    initStringInfo(&out);
    AdminResponseSerialize(&resp, NULL, &out);
    queue_output(conn, out.data, (size_t) out.len);
    MemoryContextSwitchTo(old);
    MemoryContextReset(conn->request_cxt);
    conn->close_after_write = true;
    if (conn->pending_writes == 0)
        finish_conn(conn);
}

/* ---------- connection life cycle ---------- */

static void
on_conn_closed(uv_handle_t *handle)
{
    AdminConn  *conn = (AdminConn *) handle;

    if (conn->prev)
        conn->prev->next = conn->next;
    else
        conns = conn->next;
    if (conn->next)
        conn->next->prev = conn->prev;
    nconns--;
    MemoryContextDelete(conn->cxt);     /* frees conn itself */
}

static void
on_shutdown(uv_shutdown_t *req, int status)
{
    AdminConn  *conn = (AdminConn *) req->handle;

    if (status < 0)
        close_conn(conn);
}

/*
 * finish_conn -- all output of a connection that takes no more requests is
 * written: shut down our side and keep reading (discarding) until the client
 * closes or ADMIN_DRAIN_TIMEOUT_MS passes.  Closing at once while the client
 * is still sending (an oversized body) would make the kernel answer with a
 * reset that can destroy our error response before the client reads it.
 */
static void
finish_conn(AdminConn *conn)
{
    if (conn->closing || conn->draining)
        return;
    if (conn->peer_eof)
    {
        close_conn(conn);
        return;
    }
    conn->draining = true;
    conn->drain_deadline_us = AdminNowUs() + (int64) ADMIN_DRAIN_TIMEOUT_MS * 1000;
    if (uv_shutdown(&conn->shutdown_req, (uv_stream_t *) &conn->handle, on_shutdown) < 0)
    {
        close_conn(conn);
        return;
    }
    if (!conn->reading)
        resume_reading(conn);
}

static void
close_conn(AdminConn *conn)
{
    if (conn->closing)
        return;
    conn->closing = true;
    if (conn->reading)
        uv_read_stop((uv_stream_t *) &conn->handle);
    conn->reading = false;
    uv_close((uv_handle_t *) &conn->handle, on_conn_closed);
}

static void
on_alloc(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
    (void) handle;
    (void) suggested;
    /* One shared buffer: each read is processed completely before the next. */
    *buf = uv_buf_init(read_buffer, sizeof(read_buffer));
}

static void
on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
    AdminConn  *conn = (AdminConn *) stream;

    if (nread == 0)
        return;                 /* EAGAIN */
    if (nread < 0)
    {
        if (nread != UV_EOF)
            ereport(DEBUG1, errmsg_internal("admin API: read from %s failed: %s", conn->addr,
                                            uv_strerror((int) nread)));
        /* Half-close from the client: finish sending what is queued, then close. */
        conn->peer_eof = true;
        uv_read_stop(stream);
        conn->reading = false;
        if (conn->pending_writes > 0 && nread == UV_EOF)
            conn->close_after_write = true;
        else
            close_conn(conn);
        return;
    }
    if (conn->close_after_write)
        return;                 /* no more requests on this connection: discard */
    conn->last_activity_us = AdminNowUs();
    RDB_TRY();
    {
        process_bytes(conn, buf->base, (size_t) nread);
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(admin_cxt);
        edata = CopyErrorData();
        FlushErrorState();
        LWLockReleaseAll();
        ereport(LOG, errmsg("admin API: closing connection from %s after an error: %s", conn->addr,
                            edata->message ? edata->message : "unknown error"));
        FreeErrorData(edata);
        close_conn(conn);
    }
    RDB_END_TRY();
}

static void
resume_reading(AdminConn *conn)
{
    int         rc = uv_read_start((uv_stream_t *) &conn->handle, on_alloc, on_read);

    if (rc < 0)
        close_conn(conn);
    else
        conn->reading = true;
}

/* handle_request -- answer one parsed request and queue the response. */
static void
handle_request(AdminConn *conn, AdminRequest *req)
{
    AdminResponse resp;
    StringInfoData out;
    MemoryContext old = MemoryContextSwitchTo(conn->request_cxt);

    req->client_is_loopback = conn->loopback;
    snprintf(req->client_addr, sizeof(req->client_addr), "%s", conn->addr);
    AdminDispatch(req, &resp);
    if (!req->keep_alive || shutting_down)
        resp.close_connection = true;
    initStringInfo(&out);
    AdminResponseSerialize(&resp, req, &out);
    ereport(DEBUG1, errmsg_internal("admin API: %s %s %s -> %d (%s)", conn->addr, req->method_name,
                                    req->target, resp.status, req->request_id));
    queue_output(conn, out.data, (size_t) out.len);
    if (resp.close_connection)
        conn->close_after_write = true;
    MemoryContextSwitchTo(old);
    MemoryContextReset(conn->request_cxt);
}

/*
 * process_bytes -- feed received bytes to the parser, answering each
 * complete request in order (pipelining), until the bytes are used up or
 * the connection is done.
 */
static void
process_bytes(AdminConn *conn, const char *data, size_t len)
{
    size_t      pos = 0;

    while (pos < len && !conn->closing && !conn->close_after_write)
    {
        size_t      used = 0;
        AdminParseError err;
        AdminParseStatus st = AdminHttpParserFeed(conn->parser, data + pos, len - pos, &used, &err);

        pos += used;
        if (AdminHttpParserInRequest(conn->parser) && conn->request_start_us == 0)
            conn->request_start_us = conn->last_activity_us;
        if (AdminHttpParserWantsContinue(conn->parser))
        {
            static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";

            queue_output(conn, cont, sizeof(cont) - 1);
        }
        if (st == ADMIN_PARSE_ERROR)
        {
            respond_and_close(conn, err.http_status, err.code, err.message);
            return;
        }
        if (st == ADMIN_PARSE_NEED_MORE)
            break;
        conn->request_start_us = 0;
        handle_request(conn, AdminHttpParserTakeRequest(conn->parser, conn->request_cxt));
        if (conn->pending_bytes > ADMIN_MAX_PENDING_OUTPUT && conn->reading)
        {
            /* Stop reading until the client takes its responses. */
            uv_read_stop((uv_stream_t *) &conn->handle);
            conn->reading = false;
        }
    }
    if (conn->close_after_write && conn->pending_writes == 0)
        finish_conn(conn);
}

static void
on_connection(uv_stream_t *server, int status)
{
    MemoryContext cxt;
    AdminConn  *conn;
    struct sockaddr_storage peer;
    int         peerlen = sizeof(peer);
    int         rc;

    if (status < 0)
    {
        ereport(LOG, errmsg("admin API: accepting a connection failed: %s", uv_strerror(status)));
        return;
    }
    cxt = MemoryContextCreate(admin_cxt, "admin connection");
    conn = MemoryContextAllocZero(cxt, sizeof(AdminConn));
    conn->cxt = cxt;
    conn->request_cxt = MemoryContextCreate(cxt, "admin request");
    uv_tcp_init(&admin_loop, &conn->handle);
    conn->next = conns;
    if (conns)
        conns->prev = conn;
    conns = conn;
    nconns++;
    if ((rc = uv_accept(server, (uv_stream_t *) &conn->handle)) < 0)
    {
        ereport(LOG, errmsg("admin API: accepting a connection failed: %s", uv_strerror(rc)));
        close_conn(conn);
        return;
    }
    conn->last_activity_us = AdminNowUs();
    strcpy(conn->addr, "unknown");
    if (uv_tcp_getpeername(&conn->handle, (struct sockaddr *) &peer, &peerlen) == 0)
    {
        char        host[INET6_ADDRSTRLEN] = "";
        int         port = 0;

        conn->loopback = AdminAddressIsLoopback((struct sockaddr *) &peer);
        if (peer.ss_family == AF_INET)
        {
            uv_ip4_name((struct sockaddr_in *) &peer, host, sizeof(host));
            port = ntohs(((struct sockaddr_in *) &peer)->sin_port);
        }
        else if (peer.ss_family == AF_INET6)
        {
            uv_ip6_name((struct sockaddr_in6 *) &peer, host, sizeof(host));
            port = ntohs(((struct sockaddr_in6 *) &peer)->sin6_port);
        }
        snprintf(conn->addr, sizeof(conn->addr), "%s:%d", host, port);
    }
    (void) uv_tcp_nodelay(&conn->handle, 1);
    if (nconns > ADMIN_MAX_CONNECTIONS || shutting_down)
    {
        respond_and_close(conn, 503, ADMIN_ERR_SERVICE_UNAVAILABLE,
                          shutting_down ? "the server is shutting down" : "too many admin API connections");
        return;
    }
    conn->parser = AdminHttpParserCreate(cxt);
    resume_reading(conn);
}

/* ---------- listening ---------- */

static void
on_listener_closed(uv_handle_t *handle)
{
    (void) handle;
}

/* listen_on -- bind and listen on one resolved address; false (logged) on failure. */
static bool
listen_on(const struct sockaddr *addr, const char *label)
{
    uv_tcp_t   *tcp;
    int         rc;
    unsigned    flags = addr->sa_family == AF_INET6 ? UV_TCP_IPV6ONLY : 0;

    if (nlisteners >= ADMIN_MAX_LISTENERS)
    {
        ereport(LOG, errmsg("admin API: too many listen addresses, ignoring \"%s\"", label));
        return false;
    }
    tcp = &listeners[nlisteners];
    uv_tcp_init(&admin_loop, tcp);
    if ((rc = uv_tcp_bind(tcp, addr, flags)) == 0)
        rc = uv_listen((uv_stream_t *) tcp, ADMIN_LISTEN_BACKLOG, on_connection);
    if (rc < 0)
    {
        ereport(LOG, errcode(ERRCODE_CONNECTION_FAILURE),
                errmsg("admin API could not listen on %s port %d: %s", label, AdminApiPort, uv_strerror(rc)));
        uv_close((uv_handle_t *) tcp, on_listener_closed);
        return false;
    }
    ereport(LOG, errmsg("admin API listening on %s port %d", label, AdminApiPort));
    nlisteners++;
    return true;
}

/* listen_all -- every address of admin_listen_addresses; true if at least one works. */
static bool
listen_all(void)
{
    char       *list = pstrdup(AdminListenAddresses ? AdminListenAddresses : "localhost");
    char       *save = NULL;
    char        port[16];

    snprintf(port, sizeof(port), "%d", AdminApiPort);
    for (char *tok = strtok_r(list, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save))
    {
        struct addrinfo hints;
        struct addrinfo *res = NULL;
        const char *host = tok;
        int         rc;

        memset(&hints, 0, sizeof(hints));
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
        if (strcmp(tok, "*") == 0)
            host = NULL;
        if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
        {
            ereport(LOG, errcode(ERRCODE_CONFIG_FILE_ERROR),
                    errmsg("admin API: could not resolve admin_listen_addresses entry \"%s\": %s", tok,
                           gai_strerror(rc)));
            continue;
        }
        for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
        {
            char        name[INET6_ADDRSTRLEN] = "?";

            if (ai->ai_family == AF_INET)
                uv_ip4_name((struct sockaddr_in *) ai->ai_addr, name, sizeof(name));
            else if (ai->ai_family == AF_INET6)
                uv_ip6_name((struct sockaddr_in6 *) ai->ai_addr, name, sizeof(name));
            else
                continue;
            (void) listen_on(ai->ai_addr, name);
        }
        freeaddrinfo(res);
    }
    pfree(list);
    return nlisteners > 0;
}

/* ---------- timers and signals ---------- */

static void begin_shutdown(void);

static void
sweep_connections(int64 now)
{
    AdminConn  *next;

    for (AdminConn *conn = conns; conn; conn = next)
    {
        next = conn->next;
        if (conn->closing)
            continue;
        if (conn->draining)
        {
            if (now > conn->drain_deadline_us)
                close_conn(conn);
            continue;
        }
        if (conn->close_after_write)
            continue;
        if (conn->request_start_us != 0 || AdminHttpParserInRequest(conn->parser))
        {
            int64       started = conn->request_start_us ? conn->request_start_us : conn->last_activity_us;

            if (now - started > (int64) ADMIN_REQUEST_TIMEOUT_MS * 1000)
                respond_and_close(conn, 408, ADMIN_ERR_INVALID_INPUT,
                                  "the request was not received completely in time");
        }
        else if (conn->pending_writes == 0 && now - conn->last_activity_us > (int64) ADMIN_IDLE_TIMEOUT_MS * 1000)
            close_conn(conn);
    }
}

static void
on_tick(uv_timer_t *timer)
{
    int64       now = AdminNowUs();

    (void) timer;
    if (ProcDiePending || getppid() != parent_pid)
    {
        begin_shutdown();
        return;
    }
    RDB_TRY();
    {
        AdminSampleTick();
        if (nlisteners == 0 && AdminApiPort != 0 && now >= next_listen_attempt_us)
        {
            if (!listen_all())
                next_listen_attempt_us = now + (int64) ADMIN_LISTEN_RETRY_MS * 1000;
        }
    }
    RDB_CATCH();
    {
        MemoryContextSwitchTo(admin_cxt);
        EmitErrorReport();
        FlushErrorState();
        LWLockReleaseAll();
    }
    RDB_END_TRY();
    sweep_connections(now);
}

static void
on_walk_close(uv_handle_t *handle, void *arg)
{
    (void) arg;
    if (!uv_is_closing(handle) && handle->type != UV_TCP)
        uv_close(handle, NULL);
}

static void
begin_shutdown(void)
{
    AdminConn  *next;

    if (shutting_down)
        return;
    shutting_down = true;
    ereport(DEBUG1, errmsg_internal("admin API shutting down"));
    for (int i = 0; i < nlisteners; i++)
        uv_close((uv_handle_t *) &listeners[i], on_listener_closed);
    nlisteners = 0;
    for (AdminConn *conn = conns; conn; conn = next)
    {
        next = conn->next;
        close_conn(conn);
    }
    uv_walk(&admin_loop, on_walk_close, NULL);
}

static void
on_signal(uv_signal_t *handle, int signum)
{
    (void) handle;
    if (signum == SIGHUP)
    {
        RDB_TRY();
        {
            (void) GucProcessConfigFiles(GUC_CTX_SIGHUP);
        }
        RDB_CATCH();
        {
            MemoryContextSwitchTo(admin_cxt);
            EmitErrorReport();
            FlushErrorState();
        }
        RDB_END_TRY();
        return;
    }
    /* SIGTERM: stop.  SIGINT (cancel) means nothing here and is ignored. */
    if (signum == SIGTERM)
        begin_shutdown();
}

/* ---------- entry point ---------- */

static void
check_uv(int rc, const char *what)
{
    if (rc < 0)
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR),
                errmsg("admin API: %s failed: %s", what, uv_strerror(rc)));
}

void
AdminApiMain(void)
{
    int         rc;

    parent_pid = getppid();
    admin_cxt = MemoryContextCreate(TopMemoryContext, "admin API");
    MemoryContextSwitchTo(admin_cxt);
    if (sodium_init() < 0)
        ereport(FATAL, errcode(ERRCODE_SYSTEM_ERROR), errmsg("admin API: libsodium could not be initialised"));
    if (!StorageAttachProcess(B_ADMIN_API))
        ereport(FATAL, errcode(ERRCODE_TOO_MANY_CONNECTIONS),
                errmsg("admin API: no free process slot in shared memory"));
    AdminJsonInit();

    check_uv(uv_loop_init(&admin_loop), "uv_loop_init");
    check_uv(uv_signal_init(&admin_loop, &sig_term), "uv_signal_init");
    check_uv(uv_signal_start(&sig_term, on_signal, SIGTERM), "uv_signal_start(SIGTERM)");
    check_uv(uv_signal_init(&admin_loop, &sig_hup), "uv_signal_init");
    check_uv(uv_signal_start(&sig_hup, on_signal, SIGHUP), "uv_signal_start(SIGHUP)");
    check_uv(uv_signal_init(&admin_loop, &sig_int), "uv_signal_init");
    check_uv(uv_signal_start(&sig_int, on_signal, SIGINT), "uv_signal_start(SIGINT)");
    check_uv(uv_timer_init(&admin_loop, &tick_timer), "uv_timer_init");
    check_uv(uv_timer_start(&tick_timer, on_tick, ADMIN_TICK_MS, ADMIN_TICK_MS), "uv_timer_start");

    if (AdminApiPort == 0)
        ereport(LOG, errmsg("admin API disabled (admin_api_port = 0)"));
    else if (!listen_all())
    {
        ereport(LOG, errmsg("admin API is not listening on any address; retrying every %d s",
                            ADMIN_LISTEN_RETRY_MS / 1000));
        next_listen_attempt_us = AdminNowUs() + (int64) ADMIN_LISTEN_RETRY_MS * 1000;
    }
    AdminSampleTick();

    rc = uv_run(&admin_loop, UV_RUN_DEFAULT);
    if (rc < 0)
        ereport(LOG, errmsg("admin API event loop ended: %s", uv_strerror(rc)));
    rc = uv_loop_close(&admin_loop);
    if (rc < 0)
        ereport(DEBUG1, errmsg_internal("admin API: uv_loop_close: %s", uv_strerror(rc)));
    ProcExit(0);
}
