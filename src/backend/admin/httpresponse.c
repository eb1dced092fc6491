/*
 * httpresponse.c
 *     Building and serialising admin API responses: status and headers, the
 *     JSON error envelope, JSON bodies, timestamps and request ids; the
 *     jansson glue (palloc allocator, body parsing with good messages).
 * Entry points: AdminResponse*(), AdminRespondJson(), AdminReadJsonBody();
 * see admin/adminhttp.h and admin_int.h.
 */
#include "rustydb.h"

#include <stdarg.h>
#include <strings.h>
#include <sodium.h>
#include <time.h>

#include "admin/adminhttp.h"
#include "admin_int.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void *
json_palloc(size_t size)
{
    return palloc(size > 0 ? size : 1);
}

static void
json_pfree(void *ptr)
{
    if (ptr != NULL)
        pfree(ptr);
}

/*
 * AdminJsonInit -- jansson allocates in the current memory context.  Every
 * JSON value therefore dies with the per-request context it was built in;
 * none may be kept across requests.
 */
void
AdminJsonInit(void)
{
    static bool done = false;

    if (!done)
    {
        json_set_alloc_funcs(json_palloc, json_pfree);
        done = true;
    }
}

int64
AdminNowUs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
AdminFormatTimestamp(int64 unix_us, char *buf, size_t buflen)
{
    time_t      secs = (time_t) (unix_us / 1000000);
    struct tm   tm;

    gmtime_r(&secs, &tm);
    snprintf(buf, buflen, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             (int) ((unix_us % 1000000) / 1000));
}

/*
 * AdminNewRequestId -- "req-" + 24 random hex digits.  Random rather than a
 * counter so that ids stay unique across restarts of the process.
 */
void
AdminNewRequestId(char *buf, size_t buflen)
{
    unsigned char raw[12];
    char        hex[sizeof(raw) * 2 + 1];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
    snprintf(buf, buflen, "req-%s", hex);
}

const char *
AdminHttpReasonPhrase(int status)
{
    switch (status)
    {
        case 100: return "Continue";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 411: return "Length Required";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 417: return "Expectation Failed";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return "Unknown";
    }
}

void
AdminResponseInit(AdminResponse *resp)
{
    memset(resp, 0, sizeof(*resp));
    resp->status = 500;
    initStringInfo(&resp->body);
}

void
AdminResponseAddHeader(AdminResponse *resp, const char *name, const char *value)
{
    if (resp->nextra >= ADMIN_MAX_EXTRA_HEADERS)
        elog(ERROR, "too many response headers");
    resp->extra[resp->nextra].name = pstrdup(name);
    resp->extra[resp->nextra].value = pstrdup(value);
    resp->nextra++;
}

void
AdminResponseSetBody(AdminResponse *resp, int status, const char *content_type,
                     const char *body, size_t len)
{
    resp->status = status;
    resp->content_type = content_type;
    resetStringInfo(&resp->body);
    if (body != NULL && len > 0)
        appendBinaryStringInfo(&resp->body, body, (int) len);
}

void
AdminRespondJson(AdminResponse *resp, int status, json_t *obj)
{
    char       *text = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10));

    json_decref(obj);
    if (text == NULL)
        elog(ERROR, "could not serialise JSON response");
    AdminResponseSetBody(resp, status, "application/json", text, strlen(text));
    appendStringInfoChar(&resp->body, '\n');
    pfree(text);
}

json_t *
AdminJsonTimestamp(int64 unix_us)
{
    char        buf[40];

    if (unix_us == 0)
        return json_null();
    AdminFormatTimestamp(unix_us, buf, sizeof(buf));
    return json_string(buf);
}

void
AdminResponseSetError(AdminResponse *resp, const AdminRequest *req, int status,
                      const char *code, const char *details_json, const char *fmt, ...)
{
    char        message[512];
    char        rid[40];
    va_list     ap;
    json_t     *obj;
    json_t     *details = NULL;

    AdminJsonInit();
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    if (details_json != NULL && details_json[0] != '\0')
        details = json_loads(details_json, 0, NULL);
    if (req != NULL && req->request_id[0] != '\0')
        snprintf(rid, sizeof(rid), "%s", req->request_id);
    else
        AdminNewRequestId(rid, sizeof(rid));
    obj = json_object();
    json_object_set_new(obj, "code", json_string(code));
    json_object_set_new(obj, "message", json_string(message));
    json_object_set_new(obj, "details", details ? details : json_null());
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(AdminNowUs()));
    json_object_set_new(obj, "request_id", json_string(rid));
    AdminRespondJson(resp, status, obj);
}

void
AdminSetInputError(AdminInputError *err, int status, const char *code,
                   const char *details_json, const char *fmt, ...)
{
    va_list     ap;

    err->http_status = status;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    snprintf(err->details, sizeof(err->details), "%s", details_json ? details_json : "");
}

void
AdminRespondInputError(AdminResponse *resp, const AdminRequest *req, const AdminInputError *err)
{
    AdminResponseSetError(resp, req, err->http_status, err->code, err->details, "%s", err->message);
}

json_t *
AdminParseJsonObject(const char *body, size_t len, AdminInputError *err)
{
    json_error_t jerr;
    json_t     *value;

    AdminJsonInit();
    if (len == 0)
    {
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, NULL, "request body is empty; a JSON object is required");
        return NULL;
    }
    value = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (value == NULL)
    {
        json_t     *details = json_pack("{s:i, s:i, s:s}", "line", jerr.line, "column", jerr.column,
                                        "reason", jerr.text);
        char       *dtext = details ? json_dumps(details, JSON_COMPACT) : NULL;

        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, dtext, "malformed JSON in request body: %s", jerr.text);
        json_decref(details);
        if (dtext)
            pfree(dtext);
        return NULL;
    }
    if (!json_is_object(value))
    {
        json_decref(value);
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, NULL, "request body must be a JSON object");
        return NULL;
    }
    return value;
}

/* media type is application/json or application/<x>+json, parameters ignored. */
static bool
content_type_is_json(const char *ct)
{
    size_t      n = strcspn(ct, ";");

    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    if (n == strlen("application/json") && strncasecmp(ct, "application/json", n) == 0)
        return true;
    return n > strlen("application/") + strlen("+json") &&
        strncasecmp(ct, "application/", strlen("application/")) == 0 &&
        strncasecmp(ct + n - strlen("+json"), "+json", strlen("+json")) == 0;
}

json_t *
AdminReadJsonBody(const AdminRequest *req, AdminInputError *err)
{
    const char *ct = AdminRequestHeader(req, "Content-Type");

    if (ct == NULL && req->body.len == 0)
        return AdminParseJsonObject("", 0, err);
    if (ct == NULL || !content_type_is_json(ct))
    {
        AdminSetInputError(err, 415, ADMIN_ERR_UNSUPPORTED_MEDIA_TYPE, NULL,
                           "Content-Type must be application/json (got %s)", ct ? ct : "none");
        return NULL;
    }
    return AdminParseJsonObject(req->body.data, (size_t) req->body.len, err);
}

/* http_date -- IMF-fixdate of now ("Sun, 06 Nov 1994 08:49:37 GMT"). */
static void
http_date(char *buf, size_t buflen)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t      now = time(NULL);
    struct tm   tm;

    gmtime_r(&now, &tm);
    snprintf(buf, buflen, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void
AdminResponseSerialize(const AdminResponse *resp, const AdminRequest *req, StringInfo out)
{
    char        date[64];
    bool        keep = !resp->close_connection && req != NULL && req->keep_alive;
    bool        no_body = resp->status == 204 || resp->status == 304 || resp->status < 200;

    http_date(date, sizeof(date));
    appendStringInfo(out, "HTTP/1.1 %d %s\r\n", resp->status, AdminHttpReasonPhrase(resp->status));
    appendStringInfo(out, "Server: RustyDB/%s\r\nDate: %s\r\n", RDB_VERSION_STR, date);
    if (!no_body)
    {
        if (resp->content_type != NULL)
            appendStringInfo(out, "Content-Type: %s\r\n", resp->content_type);
        appendStringInfo(out, "Content-Length: %d\r\n", resp->body.len);
    }
    appendStringInfoString(out, "Cache-Control: no-store\r\n");
    if (req != NULL && req->request_id[0] != '\0')
        appendStringInfo(out, "X-Request-Id: %s\r\n", req->request_id);
    for (int i = 0; i < resp->nextra; i++)
        appendStringInfo(out, "%s: %s\r\n", resp->extra[i].name, resp->extra[i].value);
    if (!keep)
        appendStringInfoString(out, "Connection: close\r\n");
    else if (req->http_minor == 0)
        appendStringInfoString(out, "Connection: keep-alive\r\n");
    appendStringInfoString(out, "\r\n");
    if (!no_body && !resp->head_only)
        appendBinaryStringInfo(out, resp->body.data, resp->body.len);
}
