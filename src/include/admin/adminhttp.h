/*
 * adminhttp.h
 *     The admin API's HTTP/1.1 layer, independent of sockets: incremental
 *     request parsing with limits, response serialisation, the error
 *     envelope, and the authentication decision.
 * Implemented in src/backend/admin/{httpparse.c,httpresponse.c,auth.c};
 * see the README there.
 *
 * Memory: a parser allocates each request in the memory context given at
 * creation; a response and everything built for it live in the context that
 * is current when the handler runs (the connection's per-request context,
 * reset after the response is written).
 */
#ifndef ADMIN_ADMINHTTP_H
#define ADMIN_ADMINHTTP_H

#include <sys/socket.h>

#include "rustydb.h"
#include "lib/stringinfo.h"
#include "utils/palloc.h"

/* ---------- limits ---------- */

#define ADMIN_MAX_BODY_BYTES (1024 * 1024)      /* larger bodies: 413 */
#define ADMIN_MAX_HEADER_BYTES (16 * 1024)      /* request line + headers: 431 */
#define ADMIN_MAX_HEADERS 64                    /* more header fields: 431 */
#define ADMIN_MAX_URL_BYTES 4096                /* longer request targets: 414 */

/* ---------- requests ---------- */

typedef enum AdminHttpMethod
{
    ADMIN_HTTP_GET,
    ADMIN_HTTP_HEAD,
    ADMIN_HTTP_POST,
    ADMIN_HTTP_PUT,
    ADMIN_HTTP_DELETE,
    ADMIN_HTTP_PATCH,
    ADMIN_HTTP_OPTIONS,
    ADMIN_HTTP_OTHER            /* anything else: 405 or 501 */
} AdminHttpMethod;

typedef struct AdminHeader
{
    char       *name;           /* as sent */
    char       *value;          /* leading/trailing blanks removed */
} AdminHeader;

typedef struct AdminRequest
{
    AdminHttpMethod method;
    char       *method_name;    /* "GET" */
    char       *target;         /* raw request target "/a/b?x=1" */
    char       *path;           /* percent-decoded path, no query, trailing '/' removed */
    char       *query;          /* raw query string without '?', "" if none */
    int         http_major;
    int         http_minor;
    int         nheaders;
    AdminHeader headers[ADMIN_MAX_HEADERS];
    StringInfoData body;        /* de-chunked body, NUL-terminated */
    bool        keep_alive;     /* the client wants the connection kept */

    /* Set by the connection layer before dispatch. */
    bool        client_is_loopback;
    char        client_addr[64];    /* numeric, for logs */
    char        request_id[40];     /* echoed in X-Request-Id and error envelopes */
} AdminRequest;

/* Header value by case-insensitive name, or NULL. */
extern const char *AdminRequestHeader(const AdminRequest *req, const char *name);
/*
 * AdminRequestQueryParam -- value of the first name=value pair in the query
 * string, percent-decoded, palloc'd in the current context; NULL if absent.
 */
extern char *AdminRequestQueryParam(const AdminRequest *req, const char *name);
extern const char *AdminHttpMethodName(AdminHttpMethod method);

/* ---------- incremental parser (httpparse.c) ---------- */

typedef struct AdminHttpParser AdminHttpParser;

typedef enum AdminParseStatus
{
    ADMIN_PARSE_NEED_MORE,      /* everything consumed, request incomplete */
    ADMIN_PARSE_REQUEST_READY,  /* a request is complete: AdminHttpParserTakeRequest() */
    ADMIN_PARSE_ERROR           /* malformed or over a limit: see error fields; close after answering */
} AdminParseStatus;

typedef struct AdminParseError
{
    int         http_status;    /* 400, 413, 414, 431, 501, 505 */
    const char *code;           /* envelope code, static */
    char        message[160];
} AdminParseError;

/*
 * AdminHttpParserCreate -- a parser whose requests are allocated in cxt
 * (the connection's context).  Freed with cxt.
 */
extern AdminHttpParser *AdminHttpParserCreate(MemoryContext cxt);
/*
 * AdminHttpParserFeed -- parse up to len bytes; *consumed is set to the
 * number used.  Stops right after a complete request (the rest of the
 * buffer is pipelined data: feed it again after the response is queued).
 * After ADMIN_PARSE_ERROR the parser is unusable; *err says what to answer.
 */
extern AdminParseStatus AdminHttpParserFeed(AdminHttpParser *parser, const char *data, size_t len,
                                            size_t *consumed, AdminParseError *err);
/* True between the first byte of a request and its completion (for timeouts). */
extern bool AdminHttpParserInRequest(const AdminHttpParser *parser);
/*
 * AdminHttpParserWantsContinue -- true once per request whose headers
 * carried "Expect: 100-continue" and passed the limits: the caller sends
 * "HTTP/1.1 100 Continue" so that the client sends the body.
 */
extern bool AdminHttpParserWantsContinue(AdminHttpParser *parser);
/*
 * AdminHttpParserTakeRequest -- the completed request (allocated in
 * request_cxt, which the caller resets after answering) and reset the parser
 * for the next one on the same connection.
 */
extern AdminRequest *AdminHttpParserTakeRequest(AdminHttpParser *parser, MemoryContext request_cxt);

/* ---------- responses (httpresponse.c) ---------- */

#define ADMIN_MAX_EXTRA_HEADERS 8

typedef struct AdminResponse
{
    int         status;
    const char *content_type;   /* static string; NULL: no body */
    StringInfoData body;
    int         nextra;
    AdminHeader extra[ADMIN_MAX_EXTRA_HEADERS];    /* Location, Allow, WWW-Authenticate ... */
    bool        close_connection;   /* send Connection: close and close after writing */
    bool        head_only;          /* HEAD: headers (with the body's length) but no body */
} AdminResponse;

extern void AdminResponseInit(AdminResponse *resp);
/* Adds a header; copies name and value into the current context. */
extern void AdminResponseAddHeader(AdminResponse *resp, const char *name, const char *value);
extern void AdminResponseSetBody(AdminResponse *resp, int status, const char *content_type,
                                 const char *body, size_t len);
/*
 * AdminResponseSetError -- the error envelope
 *   {"code", "message", "details", "timestamp", "request_id"}
 * with the given status.  details_json is a JSON text (object) or NULL for
 * null.  req may be NULL (no request id known yet: one is generated).
 */
extern void AdminResponseSetError(AdminResponse *resp, const AdminRequest *req, int status,
                                  const char *code, const char *details_json,
                                  const char *fmt, ...) RDB_PRINTF(6, 7);
/* AdminResponseSerialize -- status line, headers and body into out (palloc'd). */
extern void AdminResponseSerialize(const AdminResponse *resp, const AdminRequest *req,
                                   StringInfo out);
extern const char *AdminHttpReasonPhrase(int status);

/* Envelope codes and their statuses. */
#define ADMIN_ERR_INVALID_INPUT "INVALID_INPUT"                     /* 400 */
#define ADMIN_ERR_UNAUTHORIZED "UNAUTHORIZED"                       /* 401 */
#define ADMIN_ERR_NOT_FOUND "NOT_FOUND"                             /* 404 */
#define ADMIN_ERR_METHOD_NOT_ALLOWED "METHOD_NOT_ALLOWED"           /* 405 */
#define ADMIN_ERR_CONFLICT "CONFLICT"                               /* 409 */
#define ADMIN_ERR_PAYLOAD_TOO_LARGE "PAYLOAD_TOO_LARGE"             /* 413, 414, 431 */
#define ADMIN_ERR_UNSUPPORTED_MEDIA_TYPE "UNSUPPORTED_MEDIA_TYPE"   /* 415 */
#define ADMIN_ERR_INTERNAL_ERROR "INTERNAL_ERROR"                   /* 500 */
#define ADMIN_ERR_NOT_IMPLEMENTED "NOT_IMPLEMENTED"                 /* 501 */
#define ADMIN_ERR_SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE"         /* 503 */

/* Current time as RFC 3339 UTC with milliseconds ("2025-01-02T03:04:05.678Z"), into buf. */
extern void AdminFormatTimestamp(int64 unix_us, char *buf, size_t buflen);
extern int64 AdminNowUs(void);
/* A fresh request id into buf (at least 40 bytes). */
extern void AdminNewRequestId(char *buf, size_t buflen);

/* ---------- authentication (auth.c) ---------- */

typedef enum AdminAuthDecision
{
    ADMIN_AUTH_ALLOW,
    ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED,    /* non-loopback client, no admin_api_token set */
    ADMIN_AUTH_DENY_MISSING,                /* non-loopback client without credentials */
    ADMIN_AUTH_DENY_MALFORMED,              /* Authorization header is not "Bearer <token>" */
    ADMIN_AUTH_DENY_BAD_TOKEN               /* wrong token (also from loopback) */
} AdminAuthDecision;

/* AdminAddressIsLoopback -- 127.0.0.0/8, ::1, or ::ffff:127.0.0.0/104. */
extern bool AdminAddressIsLoopback(const struct sockaddr *addr);
/*
 * AdminAuthDecide -- loopback clients are trusted; anyone else needs
 * "Authorization: Bearer <token>" equal to token (admin_api_token; NULL or
 * "" = none configured, so non-loopback is always refused).  When a token
 * is configured, a credential that is presented must be right, even from
 * loopback (a wrong token is a misconfiguration worth reporting).  The comparison
 * takes the same time whatever the token's content.
 */
extern AdminAuthDecision AdminAuthDecide(bool client_is_loopback, const char *authorization,
                                         const char *token);
/* Message for a deny decision ("a valid bearer token is required"). */
extern const char *AdminAuthDenyMessage(AdminAuthDecision decision);

#endif                          /* ADMIN_ADMINHTTP_H */
