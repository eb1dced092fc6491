/*
 * httpparse.c
 *     Incremental HTTP/1.1 request parsing for the admin API on top of
 *     http-parser: request line, headers, Content-Length and chunked
 *     bodies, keep-alive, pipelining, and the size limits.
 * Entry points: AdminHttpParserCreate(), AdminHttpParserFeed(),
 * AdminHttpParserTakeRequest(); see admin/adminhttp.h and the README here.
 *
 * Each request is built in its own memory context, a child of the
 * connection's context while it is being parsed; AdminHttpParserTakeRequest()
 * re-parents it under the caller's request context so that resetting that
 * context frees the request without copying its (up to 1 MB) body.
 *
 * Limits are enforced as the bytes arrive, so an oversized request is
 * refused before it is buffered: a declared Content-Length over the limit
 * is refused as soon as the headers end; a chunked body as soon as it grows
 * past the limit.
 */
#include "rustydb.h"

#include <ctype.h>
#include <http_parser.h>
#include <strings.h>

#include "admin/adminhttp.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"
#include "utils/palloc.h"

struct AdminHttpParser
{
    http_parser parser;         /* the library's state; data points back to us */
    MemoryContext cxt;          /* the connection's context */
    MemoryContext req_cxt;      /* the request being parsed, NULL between requests */
    AdminRequest *req;          /* allocated in req_cxt */
    StringInfoData url;         /* in req_cxt */
    StringInfoData field;       /* header name being read, in req_cxt */
    StringInfoData value;       /* header value being read, in req_cxt */
    bool        in_value;       /* the last header callback was a value */
    size_t      header_bytes;   /* request line + headers so far */
    bool        complete;       /* on_message_complete seen, not taken yet */
    bool        broken;         /* an error was returned: unusable */
    bool        want_continue;  /* Expect: 100-continue, not reported yet */
    AdminParseError error;      /* set by a callback that fails */
};

static http_parser_settings parser_settings;
static bool parser_settings_ready = false;

static AdminHttpParser *
parser_of(http_parser *p)
{
    return (AdminHttpParser *) p->data;
}

/*
 * fail -- remember an error for AdminHttpParserFeed and stop the library.
 * Returns -1: on_headers_complete gives 1 and 2 special meanings (no body,
 * upgrade), so only a value outside {0, 1, 2} means "error" everywhere.
 */
static int
fail(AdminHttpParser *hp, int status, const char *code, const char *msg)
{
    hp->error.http_status = status;
    hp->error.code = code;
    snprintf(hp->error.message, sizeof(hp->error.message), "%s", msg);
    return -1;
}

static int
on_message_begin(http_parser *p)
{
    AdminHttpParser *hp = parser_of(p);
    MemoryContext old;

    Assert(hp->req_cxt == NULL);
    hp->req_cxt = MemoryContextCreate(hp->cxt, "admin request");
    old = MemoryContextSwitchTo(hp->req_cxt);
    hp->req = palloc0(sizeof(AdminRequest));
    initStringInfo(&hp->req->body);
    initStringInfo(&hp->url);
    initStringInfo(&hp->field);
    initStringInfo(&hp->value);
    MemoryContextSwitchTo(old);
    hp->in_value = false;
    hp->header_bytes = 0;
    hp->want_continue = false;
    return 0;
}

/* append -- add bytes to a buffer of the current request. */
static void
append(AdminHttpParser *hp, StringInfo buf, const char *at, size_t len)
{
    MemoryContext old = MemoryContextSwitchTo(hp->req_cxt);

    appendBinaryStringInfo(buf, at, (int) len);
    MemoryContextSwitchTo(old);
}

static int
count_header_bytes(AdminHttpParser *hp, size_t len)
{
    hp->header_bytes += len;
    if (hp->header_bytes > ADMIN_MAX_HEADER_BYTES)
        return fail(hp, 431, ADMIN_ERR_PAYLOAD_TOO_LARGE, "request header fields exceed the size limit");
    return 0;
}

static int
on_url(http_parser *p, const char *at, size_t len)
{
    AdminHttpParser *hp = parser_of(p);

    if ((size_t) hp->url.len + len > ADMIN_MAX_URL_BYTES)
        return fail(hp, 414, ADMIN_ERR_PAYLOAD_TOO_LARGE, "request target is too long");
    if (count_header_bytes(hp, len))
        return -1;
    append(hp, &hp->url, at, len);
    return 0;
}

/* trim -- strip blanks at both ends, in place; returns the start. */
static char *
trim(char *s)
{
    char       *end;

    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return s;
}

/* commit_header -- the field/value pair read so far becomes a header. */
static int
commit_header(AdminHttpParser *hp)
{
    AdminRequest *req = hp->req;
    MemoryContext old;

    if (hp->field.len == 0)
        return 0;
    if (req->nheaders >= ADMIN_MAX_HEADERS)
        return fail(hp, 431, ADMIN_ERR_PAYLOAD_TOO_LARGE, "too many request header fields");
    old = MemoryContextSwitchTo(hp->req_cxt);
    req->headers[req->nheaders].name = pstrdup(hp->field.data);
    req->headers[req->nheaders].value = pstrdup(trim(hp->value.data));
    req->nheaders++;
    MemoryContextSwitchTo(old);
    resetStringInfo(&hp->field);
    resetStringInfo(&hp->value);
    return 0;
}

static int
on_header_field(http_parser *p, const char *at, size_t len)
{
    AdminHttpParser *hp = parser_of(p);

    if (count_header_bytes(hp, len))
        return 1;
    if (hp->in_value)
    {
        if (commit_header(hp))
            return -1;
        hp->in_value = false;
    }
    append(hp, &hp->field, at, len);
    return 0;
}

static int
on_header_value(http_parser *p, const char *at, size_t len)
{
    AdminHttpParser *hp = parser_of(p);

    if (count_header_bytes(hp, len))
        return -1;
    hp->in_value = true;
    append(hp, &hp->value, at, len);
    return 0;
}

static AdminHttpMethod
method_from_library(unsigned method)
{
    switch (method)
    {
        case HTTP_GET:
            return ADMIN_HTTP_GET;
        case HTTP_HEAD:
            return ADMIN_HTTP_HEAD;
        case HTTP_POST:
            return ADMIN_HTTP_POST;
        case HTTP_PUT:
            return ADMIN_HTTP_PUT;
        case HTTP_DELETE:
            return ADMIN_HTTP_DELETE;
        case HTTP_PATCH:
            return ADMIN_HTTP_PATCH;
        case HTTP_OPTIONS:
            return ADMIN_HTTP_OPTIONS;
        default:
            return ADMIN_HTTP_OTHER;
    }
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/*
 * percent_decode -- decode %XX escapes of s[0..len) into a palloc'd string.
 * plus_is_space for query strings.  NULL if an escape is malformed or
 * decodes to NUL (never allowed in our names).
 */
static char *
percent_decode(const char *s, size_t len, bool plus_is_space)
{
    char       *out = palloc(len + 1);
    size_t      o = 0;

    for (size_t i = 0; i < len; i++)
    {
        if (s[i] == '%')
        {
            int         hi,
                        lo;

            if (i + 2 >= len || (hi = hexval((unsigned char) s[i + 1])) < 0 ||
                (lo = hexval((unsigned char) s[i + 2])) < 0 || (hi == 0 && lo == 0))
                return NULL;
            out[o++] = (char) (hi * 16 + lo);
            i += 2;
        }
        else if (plus_is_space && s[i] == '+')
            out[o++] = ' ';
        else
            out[o++] = s[i];
    }
    out[o] = '\0';
    return out;
}

/* split_target -- fill req->path and req->query from the raw target. */
static int
split_target(AdminHttpParser *hp)
{
    AdminRequest *req = hp->req;
    MemoryContext old = MemoryContextSwitchTo(hp->req_cxt);
    const char *target = hp->url.data;
    const char *path_end;
    size_t      n;
    int         rc = 0;

    req->target = pstrdup(target);
    /* An absolute-form target ("http://host/path") is allowed by HTTP/1.1. */
    if (strncasecmp(target, "http://", 7) == 0)
    {
        const char *slash = strchr(target + 7, '/');

        target = slash ? slash : "/";
    }
    if (target[0] != '/')
        rc = fail(hp, 400, ADMIN_ERR_INVALID_INPUT, "request target must be an absolute path");
    else
    {
        size_t      path_len = strcspn(target, "?#");
        size_t      query_len = 0;

        if (target[path_len] == '?')
            query_len = strcspn(target + path_len + 1, "#");
        req->query = pnstrdup(target[path_len] == '?' ? target + path_len + 1 : "", query_len);
        path_end = target + path_len;
        n = (size_t) (path_end - target);
        req->path = percent_decode(target, n, false);
        if (req->path == NULL)
            rc = fail(hp, 400, ADMIN_ERR_INVALID_INPUT, "malformed percent-escape in request path");
        else
        {
            /* "/api/v1/pools/" is "/api/v1/pools". */
            size_t      plen = strlen(req->path);

            while (plen > 1 && req->path[plen - 1] == '/')
                req->path[--plen] = '\0';
        }
    }
    MemoryContextSwitchTo(old);
    return rc;
}

static int
on_headers_complete(http_parser *p)
{
    AdminHttpParser *hp = parser_of(p);
    AdminRequest *req = hp->req;
    const char *expect;

    if (hp->in_value && commit_header(hp))
        return -1;
    hp->in_value = false;
    req->method = method_from_library(p->method);
    req->method_name = MemoryContextStrdup(hp->req_cxt, http_method_str((enum http_method) p->method));
    req->http_major = p->http_major;
    req->http_minor = p->http_minor;
    if (p->http_major != 1)
        return fail(hp, 505, ADMIN_ERR_INVALID_INPUT, "only HTTP/1.0 and HTTP/1.1 are supported");
    if (split_target(hp))
        return -1;
    /* http-parser sets content_length to ULLONG_MAX when none was declared. */
    if ((p->flags & F_CONTENTLENGTH) && p->content_length > ADMIN_MAX_BODY_BYTES)
        return fail(hp, 413, ADMIN_ERR_PAYLOAD_TOO_LARGE, "request body exceeds the 1 MB limit");
    expect = AdminRequestHeader(req, "Expect");
    if (expect != NULL)
    {
        if (strcasecmp(expect, "100-continue") != 0)
            return fail(hp, 417, ADMIN_ERR_INVALID_INPUT, "unsupported Expect header");
        if (p->http_minor >= 1)
            hp->want_continue = true;
    }
    return 0;
}

static int
on_body(http_parser *p, const char *at, size_t len)
{
    AdminHttpParser *hp = parser_of(p);

    if ((size_t) hp->req->body.len + len > ADMIN_MAX_BODY_BYTES)
        return fail(hp, 413, ADMIN_ERR_PAYLOAD_TOO_LARGE, "request body exceeds the 1 MB limit");
    append(hp, &hp->req->body, at, len);
    return 0;
}

static int
on_message_complete(http_parser *p)
{
    AdminHttpParser *hp = parser_of(p);

    hp->req->keep_alive = http_should_keep_alive(p) != 0;
    hp->complete = true;
    hp->want_continue = false;
    http_parser_pause(p, 1);    /* one request at a time: the rest is pipelined */
    return 0;
}

AdminHttpParser *
AdminHttpParserCreate(MemoryContext cxt)
{
    AdminHttpParser *hp = MemoryContextAllocZero(cxt, sizeof(AdminHttpParser));

    if (!parser_settings_ready)
    {
        http_parser_settings_init(&parser_settings);
        parser_settings.on_message_begin = on_message_begin;
        parser_settings.on_url = on_url;
        parser_settings.on_header_field = on_header_field;
        parser_settings.on_header_value = on_header_value;
        parser_settings.on_headers_complete = on_headers_complete;
        parser_settings.on_body = on_body;
        parser_settings.on_message_complete = on_message_complete;
        /* Our own header limit is lower; this is the library's backstop. */
        http_parser_set_max_header_size(ADMIN_MAX_HEADER_BYTES + 1024);
        parser_settings_ready = true;
    }
    http_parser_init(&hp->parser, HTTP_REQUEST);
    hp->parser.data = hp;
    hp->cxt = cxt;
    return hp;
}

AdminParseStatus
AdminHttpParserFeed(AdminHttpParser *hp, const char *data, size_t len, size_t *consumed,
                    AdminParseError *err)
{
    size_t      n;
    enum http_errno herr;

    *consumed = 0;
    if (hp->broken)
    {
        *err = hp->error;
        return ADMIN_PARSE_ERROR;
    }
    Assert(!hp->complete);
    if (len == 0)
        return ADMIN_PARSE_NEED_MORE;
    n = http_parser_execute(&hp->parser, &parser_settings, data, len);
    herr = HTTP_PARSER_ERRNO(&hp->parser);
    *consumed = n;
    if (herr == HPE_PAUSED && hp->complete)
    {
        http_parser_pause(&hp->parser, 0);
        if (hp->parser.upgrade)
            hp->req->keep_alive = false;    /* we never switch protocols */
        return ADMIN_PARSE_REQUEST_READY;
    }
    if (herr != HPE_OK)
    {
        hp->broken = true;
        if (hp->error.http_status == 0)
        {
            if (herr == HPE_HEADER_OVERFLOW)
                fail(hp, 431, ADMIN_ERR_PAYLOAD_TOO_LARGE, "request header fields exceed the size limit");
            else if (herr == HPE_INVALID_METHOD)
                fail(hp, 501, ADMIN_ERR_NOT_IMPLEMENTED, "unknown request method");
            else
            {
                char        msg[160];

                snprintf(msg, sizeof(msg), "malformed HTTP request: %s", http_errno_description(herr));
                fail(hp, 400, ADMIN_ERR_INVALID_INPUT, msg);
            }
        }
        *err = hp->error;
        return ADMIN_PARSE_ERROR;
    }
    if (hp->parser.upgrade && hp->complete)
        return ADMIN_PARSE_REQUEST_READY;
    return ADMIN_PARSE_NEED_MORE;
}

bool
AdminHttpParserInRequest(const AdminHttpParser *hp)
{
    return hp->req_cxt != NULL;
}

bool
AdminHttpParserWantsContinue(AdminHttpParser *hp)
{
    bool        want = hp->want_continue;

    hp->want_continue = false;
    return want;
}

AdminRequest *
AdminHttpParserTakeRequest(AdminHttpParser *hp, MemoryContext request_cxt)
{
    AdminRequest *req = hp->req;

    Assert(hp->complete && req != NULL);
    MemoryContextSetParent(hp->req_cxt, request_cxt);
    hp->req_cxt = NULL;
    hp->req = NULL;
    hp->complete = false;
    return req;
}

const char *
AdminRequestHeader(const AdminRequest *req, const char *name)
{
    for (int i = 0; i < req->nheaders; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

char *
AdminRequestQueryParam(const AdminRequest *req, const char *name)
{
    const char *p = req->query ? req->query : "";
    size_t      nlen = strlen(name);

    while (*p)
    {
        const char *amp = strchr(p, '&');
        size_t      plen = amp ? (size_t) (amp - p) : strlen(p);
        const char *eq = memchr(p, '=', plen);
        size_t      klen = eq ? (size_t) (eq - p) : plen;

        if (klen == nlen && strncmp(p, name, nlen) == 0)
        {
            if (eq == NULL)
                return pstrdup("");
            return percent_decode(eq + 1, plen - klen - 1, true);
        }
        p += plen;
        if (*p == '&')
            p++;
    }
    return NULL;
}

const char *
AdminHttpMethodName(AdminHttpMethod method)
{
    switch (method)
    {
        case ADMIN_HTTP_GET:
            return "GET";
        case ADMIN_HTTP_HEAD:
            return "HEAD";
        case ADMIN_HTTP_POST:
            return "POST";
        case ADMIN_HTTP_PUT:
            return "PUT";
        case ADMIN_HTTP_DELETE:
            return "DELETE";
        case ADMIN_HTTP_PATCH:
            return "PATCH";
        case ADMIN_HTTP_OPTIONS:
            return "OPTIONS";
        case ADMIN_HTTP_OTHER:
            break;
    }
    return "OTHER";
}
