/*
 * check_admin.c
 *     Unit tests for the admin API (issue 7) without sockets: HTTP request
 *     parsing and its limits, routing (404 / 405 + Allow / OPTIONS / HEAD),
 *     the error envelope, JSON request parsing and job JSON, the
 *     authentication decision, and the maintenance job table's life cycle.
 */
#include "rustydb.h"

#include <arpa/inet.h>
#include <check.h>
#include <jansson.h>
#include <netinet/in.h>
#include <unistd.h>

#include "admin/admin.h"
#include "admin/adminapi.h"
#include "admin/adminhttp.h"
#include "commands/jobqueue.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

static MemoryContext test_cxt;
static void *job_area;
static void *counter_area;

static void
setup(void)
{
    MemoryContextInit();
    LogMinMessages = PANIC;     /* keep test output quiet */
    test_cxt = MemoryContextCreate(TopMemoryContext, "admin test");
    MemoryContextSwitchTo(test_cxt);
    job_area = MemoryContextAllocZero(TopMemoryContext, JobQueueAreaSize(8));
    JobQueueInitArea(job_area, 8);
    counter_area = MemoryContextAllocZero(TopMemoryContext, AdminShmemSize());
    AdminInitArea(counter_area);
    AdminApiToken = "";
}

/* ---------- helpers ---------- */

/* parse_one -- feed text completely; expect exactly one complete request. */
static AdminRequest *
parse_one(const char *text)
{
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    AdminParseError err;
    size_t      used;
    AdminParseStatus st = AdminHttpParserFeed(p, text, strlen(text), &used, &err);

    ck_assert_int_eq(st, ADMIN_PARSE_REQUEST_READY);
    ck_assert_uint_eq(used, strlen(text));
    return AdminHttpParserTakeRequest(p, test_cxt);
}

/* parse_error -- feed text; expect a parse error and return its HTTP status. */
static int
parse_error(const char *text, size_t len)
{
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    AdminParseError err;
    size_t      used;
    AdminParseStatus st = AdminHttpParserFeed(p, text, len, &used, &err);

    ck_assert_int_eq(st, ADMIN_PARSE_ERROR);
    ck_assert_ptr_nonnull(err.code);
    return err.http_status;
}

/* request -- a parsed request for dispatch tests. */
static AdminRequest *
request(const char *method, const char *target, const char *content_type, const char *body)
{
    StringInfoData s;

    initStringInfo(&s);
    appendStringInfo(&s, "%s %s HTTP/1.1\r\nHost: localhost\r\n", method, target);
    if (content_type)
        appendStringInfo(&s, "Content-Type: %s\r\n", content_type);
    if (body)
        appendStringInfo(&s, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    else
        appendStringInfoString(&s, "\r\n");
    return parse_one(s.data);
}

static AdminRequest *
loopback_request(const char *method, const char *target, const char *content_type, const char *body)
{
    AdminRequest *req = request(method, target, content_type, body);

    req->client_is_loopback = true;
    return req;
}

static json_t *
body_json(const AdminResponse *resp)
{
    json_error_t jerr;
    json_t     *v = json_loadb(resp->body.data, (size_t) resp->body.len, 0, &jerr);

    ck_assert_msg(v != NULL, "response body is not JSON: %s", resp->body.data);
    return v;
}

static const char *
header_of(const AdminResponse *resp, const char *name)
{
    for (int i = 0; i < resp->nextra; i++)
        if (strcasecmp(resp->extra[i].name, name) == 0)
            return resp->extra[i].value;
    return NULL;
}

/* assert_envelope -- the error envelope with code and status. */
static void
assert_envelope(const AdminResponse *resp, int status, const char *code)
{
    json_t     *v = body_json(resp);

    ck_assert_int_eq(resp->status, status);
    ck_assert_str_eq(resp->content_type, "application/json");
    ck_assert_str_eq(json_string_value(json_object_get(v, "code")), code);
    ck_assert(json_is_string(json_object_get(v, "message")));
    ck_assert_ptr_nonnull(json_object_get(v, "details"));
    ck_assert(json_is_string(json_object_get(v, "timestamp")));
    ck_assert(json_is_string(json_object_get(v, "request_id")));
    ck_assert_uint_gt(strlen(json_string_value(json_object_get(v, "request_id"))), 0);
    json_decref(v);
}

/* ---------- request parsing ---------- */

START_TEST(parse_simple_get)
{
    AdminRequest *req = parse_one("GET /api/v1/admin/health HTTP/1.1\r\nHost: localhost:8080\r\n"
                                  "Accept:  */*  \r\n\r\n");

    ck_assert_int_eq(req->method, ADMIN_HTTP_GET);
    ck_assert_str_eq(req->path, "/api/v1/admin/health");
    ck_assert_str_eq(req->query, "");
    ck_assert(req->keep_alive);
    ck_assert_str_eq(AdminRequestHeader(req, "accept"), "*/*");
    ck_assert_ptr_null(AdminRequestHeader(req, "X-Missing"));
    ck_assert_int_eq(req->body.len, 0);
}
END_TEST

START_TEST(parse_byte_by_byte)
{
    const char *text = "POST /api/v1/admin/maintenance HTTP/1.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 26\r\n\r\n{\"operation\": \"analyze\"}\r\n";
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    size_t      len = strlen(text);
    AdminRequest *req;

    for (size_t i = 0; i < len; i++)
    {
        AdminParseError err;
        size_t      used;
        AdminParseStatus st = AdminHttpParserFeed(p, text + i, 1, &used, &err);

        ck_assert_uint_eq(used, 1);
        ck_assert_int_eq(st, i + 1 < len ? ADMIN_PARSE_NEED_MORE : ADMIN_PARSE_REQUEST_READY);
        if (i > 0 && i + 1 < len)
            ck_assert(AdminHttpParserInRequest(p));
    }
    req = AdminHttpParserTakeRequest(p, test_cxt);
    ck_assert_int_eq(req->method, ADMIN_HTTP_POST);
    ck_assert_str_eq(req->body.data, "{\"operation\": \"analyze\"}\r\n");
    ck_assert(!AdminHttpParserInRequest(p));
}
END_TEST

START_TEST(parse_chunked_body)
{
    AdminRequest *req = parse_one("PUT /api/v1/admin/config HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "5\r\n{\"a\":\r\n4\r\n 1}\n\r\n0\r\n\r\n");

    ck_assert_int_eq(req->method, ADMIN_HTTP_PUT);
    ck_assert_str_eq(req->body.data, "{\"a\": 1}\n");
    ck_assert_int_eq(req->body.len, 9);
}
END_TEST

START_TEST(parse_pipelined_requests_one_at_a_time)
{
    const char *text = "GET /a HTTP/1.1\r\n\r\nGET /b?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n";
    const char *rest;
    size_t      rest_len;
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    AdminParseError err;
    size_t      used;
    AdminRequest *req;

    ck_assert_int_eq(AdminHttpParserFeed(p, text, strlen(text), &used, &err), ADMIN_PARSE_REQUEST_READY);
    ck_assert_uint_lt(used, strlen(text));
    req = AdminHttpParserTakeRequest(p, test_cxt);
    ck_assert_str_eq(req->path, "/a");
    ck_assert(req->keep_alive);
    rest = text + used;
    rest_len = strlen(rest);
    ck_assert_int_eq(AdminHttpParserFeed(p, rest, rest_len, &used, &err), ADMIN_PARSE_REQUEST_READY);
    ck_assert_uint_eq(used, rest_len);
    req = AdminHttpParserTakeRequest(p, test_cxt);
    ck_assert_str_eq(req->path, "/b");
    ck_assert_str_eq(req->query, "x=1");
    ck_assert(!req->keep_alive);
}
END_TEST

START_TEST(parse_path_query_and_trailing_slash)
{
    AdminRequest *req = parse_one("GET /api/v1/pools/?page=2&name=a%20b+c&flag HTTP/1.1\r\n\r\n");

    ck_assert_str_eq(req->path, "/api/v1/pools");
    ck_assert_str_eq(AdminRequestQueryParam(req, "page"), "2");
    ck_assert_str_eq(AdminRequestQueryParam(req, "name"), "a b c");
    ck_assert_str_eq(AdminRequestQueryParam(req, "flag"), "");
    ck_assert_ptr_null(AdminRequestQueryParam(req, "pag"));
    req = parse_one("GET /api/v1/admin/%6daintenance HTTP/1.1\r\n\r\n");
    ck_assert_str_eq(req->path, "/api/v1/admin/maintenance");
}
END_TEST

START_TEST(parse_http10_closes_by_default)
{
    AdminRequest *req = parse_one("GET /metrics HTTP/1.0\r\n\r\n");

    ck_assert(!req->keep_alive);
    req = parse_one("GET /metrics HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ck_assert(req->keep_alive);
}
END_TEST

START_TEST(parse_refuses_declared_oversized_body_before_reading_it)
{
    const char *text = "POST /api/v1/admin/maintenance HTTP/1.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 10485760\r\n\r\n{";

    ck_assert_int_eq(parse_error(text, strlen(text)), 413);
}
END_TEST

START_TEST(parse_refuses_oversized_chunked_body)
{
    StringInfoData s;
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    AdminParseStatus st = ADMIN_PARSE_NEED_MORE;
    AdminParseError err;
    size_t      used;
    char        chunk[8192];

    memset(chunk, 'x', sizeof(chunk));
    initStringInfo(&s);
    appendStringInfoString(&s, "POST /api/v1/admin/maintenance HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    st = AdminHttpParserFeed(p, s.data, (size_t) s.len, &used, &err);
    ck_assert_int_eq(st, ADMIN_PARSE_NEED_MORE);
    for (int i = 0; i < 200 && st == ADMIN_PARSE_NEED_MORE; i++)
    {
        resetStringInfo(&s);
        appendStringInfo(&s, "%zx\r\n", sizeof(chunk));
        appendBinaryStringInfo(&s, chunk, sizeof(chunk));
        appendStringInfoString(&s, "\r\n");
        st = AdminHttpParserFeed(p, s.data, (size_t) s.len, &used, &err);
    }
    ck_assert_int_eq(st, ADMIN_PARSE_ERROR);
    ck_assert_int_eq(err.http_status, 413);
    ck_assert_str_eq(err.code, ADMIN_ERR_PAYLOAD_TOO_LARGE);
}
END_TEST

START_TEST(parse_refuses_oversized_headers)
{
    StringInfoData s;

    initStringInfo(&s);
    appendStringInfoString(&s, "GET / HTTP/1.1\r\nX-Big: ");
    for (int i = 0; i < ADMIN_MAX_HEADER_BYTES; i++)
        appendStringInfoChar(&s, 'a');
    appendStringInfoString(&s, "\r\n\r\n");
    ck_assert_int_eq(parse_error(s.data, (size_t) s.len), 431);

    resetStringInfo(&s);
    appendStringInfoString(&s, "GET / HTTP/1.1\r\n");
    for (int i = 0; i <= ADMIN_MAX_HEADERS; i++)
        appendStringInfo(&s, "X-H%d: v\r\n", i);
    appendStringInfoString(&s, "\r\n");
    ck_assert_int_eq(parse_error(s.data, (size_t) s.len), 431);
}
END_TEST

START_TEST(parse_refuses_garbage)
{
    const char garbage[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello";

    ck_assert_int_eq(parse_error(garbage, sizeof(garbage) - 1), 501);
    ck_assert_int_eq(parse_error("GET /x HTTP/1.1\r\nBad Header\r\n\r\n", 32), 400);
    ck_assert_int_eq(parse_error("GET /%zz HTTP/1.1\r\n\r\n", 21), 400);
    ck_assert_int_eq(parse_error("GET /%00 HTTP/1.1\r\n\r\n", 21), 400);
    ck_assert_int_eq(parse_error("GET relative HTTP/1.1\r\n\r\n", 25), 400);
}
END_TEST

START_TEST(parse_expect_continue)
{
    const char *head = "POST /api/v1/admin/maintenance HTTP/1.1\r\nExpect: 100-continue\r\n"
        "Content-Length: 2\r\nContent-Type: application/json\r\n\r\n";
    AdminHttpParser *p = AdminHttpParserCreate(test_cxt);
    AdminParseError err;
    size_t      used;

    ck_assert_int_eq(AdminHttpParserFeed(p, head, strlen(head), &used, &err), ADMIN_PARSE_NEED_MORE);
    ck_assert(AdminHttpParserWantsContinue(p));
    ck_assert(!AdminHttpParserWantsContinue(p));    /* once */
    ck_assert_int_eq(AdminHttpParserFeed(p, "{}", 2, &used, &err), ADMIN_PARSE_REQUEST_READY);
}
END_TEST

/* ---------- responses ---------- */

START_TEST(serialize_response_headers)
{
    AdminRequest *req = parse_one("GET /x HTTP/1.1\r\n\r\n");
    AdminResponse resp;
    StringInfoData out;

    snprintf(req->request_id, sizeof(req->request_id), "req-test");
    AdminResponseInit(&resp);
    AdminResponseSetBody(&resp, 202, "application/json", "{}", 2);
    AdminResponseAddHeader(&resp, "Location", "/api/v1/admin/maintenance/7");
    initStringInfo(&out);
    AdminResponseSerialize(&resp, req, &out);
    ck_assert(strncmp(out.data, "HTTP/1.1 202 Accepted\r\n", 23) == 0);
    ck_assert_ptr_nonnull(strstr(out.data, "\r\nContent-Length: 2\r\n"));
    ck_assert_ptr_nonnull(strstr(out.data, "\r\nLocation: /api/v1/admin/maintenance/7\r\n"));
    ck_assert_ptr_nonnull(strstr(out.data, "\r\nX-Request-Id: req-test\r\n"));
    ck_assert_ptr_null(strstr(out.data, "Connection: close"));
    ck_assert_str_eq(out.data + out.len - 6, "\r\n\r\n{}");

    resetStringInfo(&out);
    resp.close_connection = true;
    resp.head_only = true;
    AdminResponseSerialize(&resp, req, &out);
    ck_assert_ptr_nonnull(strstr(out.data, "\r\nConnection: close\r\n"));
    ck_assert_ptr_nonnull(strstr(out.data, "\r\nContent-Length: 2\r\n"));
    ck_assert_str_eq(out.data + out.len - 4, "\r\n\r\n");
}
END_TEST

START_TEST(error_envelope_shape)
{
    AdminResponse resp;
    AdminRequest *req = parse_one("GET /x HTTP/1.1\r\n\r\n");
    json_t     *v;

    snprintf(req->request_id, sizeof(req->request_id), "req-abc");
    AdminResponseInit(&resp);
    AdminResponseSetError(&resp, req, 409, ADMIN_ERR_CONFLICT, "{\"job_id\": 3}", "job %d already finished", 3);
    assert_envelope(&resp, 409, "CONFLICT");
    v = body_json(&resp);
    ck_assert_str_eq(json_string_value(json_object_get(v, "message")), "job 3 already finished");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(v, "details"), "job_id")), 3);
    ck_assert_str_eq(json_string_value(json_object_get(v, "request_id")), "req-abc");
    /* RFC 3339 UTC with milliseconds */
    ck_assert_uint_eq(strlen(json_string_value(json_object_get(v, "timestamp"))), 24);
    json_decref(v);
}
END_TEST

/* ---------- routing ---------- */

START_TEST(route_unknown_path_is_404)
{
    AdminResponse resp;

    AdminDispatch(loopback_request("GET", "/api/v1/nothing", NULL, NULL), &resp);
    assert_envelope(&resp, 404, "NOT_FOUND");
    AdminDispatch(loopback_request("GET", "/api/v1/pools/default/stats/more", NULL, NULL), &resp);
    assert_envelope(&resp, 404, "NOT_FOUND");
}
END_TEST

START_TEST(route_wrong_method_is_405_with_allow)
{
    AdminResponse resp;
    char        allow[96];

    AdminDispatch(loopback_request("DELETE", "/api/v1/admin/health", NULL, NULL), &resp);
    assert_envelope(&resp, 405, "METHOD_NOT_ALLOWED");
    ck_assert_str_eq(header_of(&resp, "Allow"), "GET, HEAD, OPTIONS");
    AdminDispatch(loopback_request("PATCH", "/api/v1/admin/maintenance", NULL, NULL), &resp);
    assert_envelope(&resp, 405, "METHOD_NOT_ALLOWED");
    ck_assert_str_eq(header_of(&resp, "Allow"), "GET, HEAD, POST, OPTIONS");
    ck_assert(AdminAllowedMethods("/api/v1/admin/maintenance/12", allow, sizeof(allow)));
    ck_assert_str_eq(allow, "GET, HEAD, DELETE, OPTIONS");
    ck_assert(AdminAllowedMethods("/api/v1/admin/config", allow, sizeof(allow)));
    ck_assert_str_eq(allow, "GET, HEAD, PUT, OPTIONS");
    ck_assert(!AdminAllowedMethods("/api/v1/admin/maintenance/12/x", allow, sizeof(allow)));
}
END_TEST

START_TEST(route_options_lists_methods)
{
    AdminResponse resp;

    AdminDispatch(loopback_request("OPTIONS", "/api/v1/admin/backup", NULL, NULL), &resp);
    ck_assert_int_eq(resp.status, 204);
    ck_assert_str_eq(header_of(&resp, "Allow"), "POST, OPTIONS");
}
END_TEST

START_TEST(route_not_implemented_endpoints_say_so)
{
    AdminResponse resp;
    json_t     *v;

    /* users and queries read the catalogs (protocol tests); bad parameters are refused first */
    AdminDispatch(loopback_request("GET", "/api/v1/admin/users?page=0", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("GET", "/api/v1/admin/users?page_size=1001", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("GET", "/api/v1/stats/queries?limit=x", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("GET", "/api/v1/stats/queries?min_duration_ms=-5", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("POST", "/api/v1/admin/backup", "application/json",
                                   "{\"backup_type\": \"full\", \"compression\": true, \"encryption\": true}"), &resp);
    assert_envelope(&resp, 501, "NOT_IMPLEMENTED");
    v = body_json(&resp);
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(v, "message")), "no backup was taken"));
    json_decref(v);
    AdminDispatch(loopback_request("POST", "/api/v1/admin/backup", "application/json",
                                   "{\"backup_type\": \"sideways\"}"), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("POST", "/api/v1/admin/backup", "application/json",
                                   "{\"retention_days\": -1}"), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
}
END_TEST

/* ---------- authentication ---------- */

START_TEST(auth_decisions)
{
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;

    memset(&v4, 0, sizeof(v4));
    v4.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.2", &v4.sin_addr);
    ck_assert(AdminAddressIsLoopback((struct sockaddr *) &v4));
    inet_pton(AF_INET, "10.0.0.1", &v4.sin_addr);
    ck_assert(!AdminAddressIsLoopback((struct sockaddr *) &v4));
    memset(&v6, 0, sizeof(v6));
    v6.sin6_family = AF_INET6;
    inet_pton(AF_INET6, "::1", &v6.sin6_addr);
    ck_assert(AdminAddressIsLoopback((struct sockaddr *) &v6));
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
    ck_assert(AdminAddressIsLoopback((struct sockaddr *) &v6));
    inet_pton(AF_INET6, "::ffff:192.168.0.1", &v6.sin6_addr);
    ck_assert(!AdminAddressIsLoopback((struct sockaddr *) &v6));
    inet_pton(AF_INET6, "fe80::1", &v6.sin6_addr);
    ck_assert(!AdminAddressIsLoopback((struct sockaddr *) &v6));

    /* no token configured */
    ck_assert_int_eq(AdminAuthDecide(true, NULL, ""), ADMIN_AUTH_ALLOW);
    ck_assert_int_eq(AdminAuthDecide(true, "Bearer whatever", ""), ADMIN_AUTH_ALLOW);
    ck_assert_int_eq(AdminAuthDecide(false, NULL, ""), ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearer x", NULL), ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED);
    /* token configured */
    ck_assert_int_eq(AdminAuthDecide(true, NULL, "s3cret"), ADMIN_AUTH_ALLOW);
    ck_assert_int_eq(AdminAuthDecide(false, NULL, "s3cret"), ADMIN_AUTH_DENY_MISSING);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearer s3cret", "s3cret"), ADMIN_AUTH_ALLOW);
    ck_assert_int_eq(AdminAuthDecide(false, "bearer   s3cret ", "s3cret"), ADMIN_AUTH_ALLOW);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearer s3cret2", "s3cret"), ADMIN_AUTH_DENY_BAD_TOKEN);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearer s3cre", "s3cret"), ADMIN_AUTH_DENY_BAD_TOKEN);
    ck_assert_int_eq(AdminAuthDecide(true, "Bearer wrong", "s3cret"), ADMIN_AUTH_DENY_BAD_TOKEN);
    ck_assert_int_eq(AdminAuthDecide(false, "Basic czNjcmV0", "s3cret"), ADMIN_AUTH_DENY_MALFORMED);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearer", "s3cret"), ADMIN_AUTH_DENY_MALFORMED);
    ck_assert_int_eq(AdminAuthDecide(false, "Bearers3cret", "s3cret"), ADMIN_AUTH_DENY_MALFORMED);
}
END_TEST

START_TEST(auth_applies_before_routing)
{
    AdminResponse resp;
    AdminRequest *req;

    req = request("GET", "/api/v1/nothing", NULL, NULL);    /* not loopback */
    AdminDispatch(req, &resp);
    assert_envelope(&resp, 401, "UNAUTHORIZED");
    ck_assert_ptr_nonnull(header_of(&resp, "WWW-Authenticate"));

    AdminApiToken = "tok";
    req = parse_one("GET /api/v1/nothing HTTP/1.1\r\nAuthorization: Bearer tok\r\n\r\n");
    AdminDispatch(req, &resp);
    assert_envelope(&resp, 404, "NOT_FOUND");
    req = parse_one("GET /api/v1/nothing HTTP/1.1\r\nAuthorization: Bearer nope\r\n\r\n");
    AdminDispatch(req, &resp);
    assert_envelope(&resp, 401, "UNAUTHORIZED");
    AdminApiToken = "";
}
END_TEST

/* ---------- maintenance requests and jobs ---------- */

START_TEST(maintenance_request_parsing)
{
    JobRequest  jr;
    char       *db;
    AdminInputError err;
    const char *ok = "{\"operation\": \"VACUUM\", \"tables\": [\"users\", \"public.orders\", \"\\\"Mixed Case\\\"\"],"
        " \"options\": {\"full\": true, \"verbose\": false, \"analyze\": true, \"database\": \"shop\"}, \"extra\": 1}";

    ck_assert(AdminParseMaintenanceRequest(ok, strlen(ok), &jr, &db, &err));
    ck_assert_int_eq(jr.operation, JOB_OP_VACUUM);
    ck_assert_int_eq(jr.origin, JOB_ORIGIN_API);
    ck_assert_int_eq(jr.ntables, 3);
    ck_assert_str_eq(jr.tables[1], "public.orders");
    ck_assert_str_eq(jr.tables[2], "\"Mixed Case\"");
    ck_assert_uint_eq(jr.options, JOB_OPT_FULL | JOB_OPT_ANALYZE);
    ck_assert_str_eq(db, "shop");
    ck_assert_str_eq(jr.database_name, "shop");

    ck_assert(AdminParseMaintenanceRequest("{\"operation\":\"analyze\",\"tables\":[]}", 35, &jr, &db, &err));
    ck_assert_int_eq(jr.ntables, 0);
    ck_assert(AdminParseMaintenanceRequest("{\"operation\":\"reindex\",\"target\":\"products\"}", 43, &jr, &db, &err));
    ck_assert_int_eq(jr.ntables, 1);
    ck_assert_str_eq(jr.tables[0], "products");
    ck_assert(AdminParseMaintenanceRequest("{\"operation\":\"checkpoint\"}", 26, &jr, &db, &err));
    ck_assert_int_eq(jr.operation, JOB_OP_CHECKPOINT);

    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"defrag\"}", 22, &jr, &db, &err));
    ck_assert_int_eq(err.http_status, 400);
    ck_assert_str_eq(err.message, "Invalid maintenance operation");
    ck_assert(!AdminParseMaintenanceRequest("{\"tables\":[]}", 13, &jr, &db, &err));
    ck_assert_str_eq(err.message, "Invalid maintenance operation");
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"vacuum\",\"tables\":[\"a;drop\"]}", 42, &jr, &db, &err));
    ck_assert_str_eq(err.code, ADMIN_ERR_INVALID_INPUT);
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"vacuum\",\"tables\":\"users\"}", 39, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"checkpoint\",\"tables\":[\"t\"]}", 41, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"analyze\",\"options\":{\"full\":true}}", 47, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"vacuum\",\"options\":{\"ful\":true}}", 45, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":\"vacuum\",\"options\":{\"full\":1}}", 43, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("{\"operation\":", 13, &jr, &db, &err));
    ck_assert_ptr_nonnull(strstr(err.details, "\"line\""));
    ck_assert(!AdminParseMaintenanceRequest("[1]", 3, &jr, &db, &err));
    ck_assert(!AdminParseMaintenanceRequest("", 0, &jr, &db, &err));
}
END_TEST

START_TEST(table_name_validation)
{
    char        longname[80];

    ck_assert(AdminValidateTableName("users"));
    ck_assert(AdminValidateTableName("_t1$"));
    ck_assert(AdminValidateTableName("s.t"));
    ck_assert(AdminValidateTableName("\"a.b\"\"c\".\"T\""));
    ck_assert(!AdminValidateTableName(""));
    ck_assert(!AdminValidateTableName("1abc"));
    ck_assert(!AdminValidateTableName("a.b.c"));
    ck_assert(!AdminValidateTableName("a."));
    ck_assert(!AdminValidateTableName("a b"));
    ck_assert(!AdminValidateTableName("\"\""));
    ck_assert(!AdminValidateTableName("\"open"));
    memset(longname, 'a', 64);
    longname[64] = '\0';
    ck_assert(!AdminValidateTableName(longname));
    longname[63] = '\0';
    ck_assert(AdminValidateTableName(longname));
}
END_TEST

START_TEST(job_life_cycle)
{
    JobRequest  jr;
    JobSnapshot snap;
    JobProgress prog;
    JobResult   res;
    JobId       id;
    char       *text;
    json_t     *v;

    memset(&jr, 0, sizeof(jr));
    jr.operation = JOB_OP_VACUUM;
    jr.origin = JOB_ORIGIN_API;
    jr.ntables = 1;
    strcpy(jr.tables[0], "orders");
    id = JobSubmit(&jr);
    ck_assert_uint_eq(id, 1);
    ck_assert(JobGet(id, &snap));
    ck_assert_int_eq(snap.status, JOB_STATUS_QUEUED);
    ck_assert_int_gt(snap.submitted_at_us, 0);
    ck_assert_int_eq(snap.started_at_us, 0);

    /* Claiming honours the operation mask. */
    ck_assert(!JobClaimNext(JOB_OP_BIT(JOB_OP_CHECKPOINT), InvalidOid, &snap));
    ck_assert(JobClaimNext(JOB_OP_BIT(JOB_OP_VACUUM), InvalidOid, &snap));
    ck_assert_uint_eq(snap.id, id);
    ck_assert_int_eq(snap.status, JOB_STATUS_RUNNING);
    ck_assert(!JobCancelRequested());

    memset(&prog, 0, sizeof(prog));
    strcpy(prog.phase, "scanning heap");
    prog.tables_total = 1;
    prog.pages_scanned = 10;
    prog.pages_total = 40;
    JobSetProgress(id, &prog);
    ck_assert(JobGet(id, &snap));
    ck_assert_str_eq(snap.progress.phase, "scanning heap");
    ck_assert_uint_eq(snap.progress.pages_total, 40);

    memset(&res, 0, sizeof(res));
    res.ntables = 1;
    strcpy(res.tables[0].table_name, "public.orders");
    res.tables[0].dead_tuples_removed = 500;
    res.tables[0].pages_freed = 3;
    JobFinish(id, JOB_STATUS_SUCCEEDED, NULL, &res);
    ck_assert(JobGet(id, &snap));
    ck_assert_int_eq(snap.status, JOB_STATUS_SUCCEEDED);
    ck_assert_int_ge(snap.finished_at_us, snap.started_at_us);
    ck_assert_int_eq(JobCancel(id), JOB_CANCEL_ALREADY_FINISHED);

    text = AdminJobToJson(&snap);
    v = json_loads(text, 0, NULL);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(json_integer_value(json_object_get(v, "job_id")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(v, "operation")), "vacuum");
    ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "succeeded");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(v, "tables"), 0)), "orders");
    ck_assert_str_eq(json_string_value(json_object_get(v, "location")), "/api/v1/admin/maintenance/1");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(v, "result"), "dead_tuples_removed")), 500);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v, "progress"), "phase")), "succeeded");
    ck_assert(json_is_string(json_object_get(v, "finished_at")));
    ck_assert(json_is_null(json_object_get(v, "error")));
    json_decref(v);
}
END_TEST

START_TEST(job_cancel_queued_and_running)
{
    JobRequest  jr;
    JobSnapshot snap;
    JobId       a,
                b;

    memset(&jr, 0, sizeof(jr));
    jr.operation = JOB_OP_ANALYZE;
    a = JobSubmit(&jr);
    b = JobSubmit(&jr);
    ck_assert_uint_eq(b, a + 1);
    ck_assert_int_eq(JobCancel(a), JOB_CANCEL_DONE);
    ck_assert(JobGet(a, &snap));
    ck_assert_int_eq(snap.status, JOB_STATUS_CANCELLED);
    ck_assert_int_eq(JobCancel(a), JOB_CANCEL_ALREADY_FINISHED);
    /* The cancelled job is never claimed; the next one is. */
    ck_assert(JobClaimNext(JOB_OP_MASK_ALL, InvalidOid, &snap));
    ck_assert_uint_eq(snap.id, b);
    ck_assert_int_eq(JobCancel(b), JOB_CANCEL_REQUESTED);
    ck_assert(JobCancelRequested());
    JobFinish(b, JOB_STATUS_CANCELLED, "canceling statement due to user request", NULL);
    ck_assert(!JobCancelRequested());
    ck_assert(JobGet(b, &snap));
    ck_assert_int_eq(snap.status, JOB_STATUS_CANCELLED);
    ck_assert_str_eq(snap.error, "canceling statement due to user request");
    ck_assert_int_eq(JobCancel(999), JOB_CANCEL_NOT_FOUND);
}
END_TEST

START_TEST(job_table_recycles_oldest_finished)
{
    JobRequest  jr;
    JobSnapshot snap;
    JobSnapshot list[8];
    JobId       ids[8];
    int         counts[JOB_STATUS_COUNT];

    memset(&jr, 0, sizeof(jr));
    jr.operation = JOB_OP_CHECKPOINT;
    for (int i = 0; i < 8; i++)
        ids[i] = JobSubmit(&jr);
    /* Full of queued jobs: refused. */
    ck_assert_uint_eq(JobSubmit(&jr), InvalidJobId);
    JobCount(counts);
    ck_assert_int_eq(counts[JOB_STATUS_QUEUED], 8);
    /* Finish two (the second first): the one finished earlier is recycled first. */
    ck_assert_int_eq(JobCancel(ids[5]), JOB_CANCEL_DONE);
    usleep(2000);               /* distinct finish times (microsecond clock) */
    ck_assert_int_eq(JobCancel(ids[2]), JOB_CANCEL_DONE);
    ck_assert_uint_eq(JobSubmit(&jr), ids[7] + 1);
    ck_assert(!JobGet(ids[5], &snap));
    ck_assert(JobGet(ids[2], &snap));
    ck_assert_uint_eq(JobSubmit(&jr), ids[7] + 2);
    ck_assert(!JobGet(ids[2], &snap));
    ck_assert_uint_eq(JobSubmit(&jr), InvalidJobId);
    /* Listed newest first. */
    ck_assert_int_eq(JobList(list, 8), 8);
    ck_assert_uint_eq(list[0].id, ids[7] + 2);
    ck_assert_uint_eq(list[7].id, ids[0]);
    ck_assert_int_eq(JobList(list, 3), 3);
}
END_TEST

START_TEST(job_claim_by_database)
{
    JobRequest  jr;
    JobSnapshot snap;

    memset(&jr, 0, sizeof(jr));
    jr.operation = JOB_OP_VACUUM;
    jr.database_id = 16384;
    (void) JobSubmit(&jr);
    ck_assert(!JobClaimNext(JOB_OP_MASK_ALL, 5, &snap));
    ck_assert(JobClaimNext(JOB_OP_MASK_ALL, 16384, &snap));
    JobFinish(snap.id, JOB_STATUS_FAILED, "relation \"x\" does not exist", NULL);
    /* A job naming its database only by name matches any worker. */
    jr.database_id = InvalidOid;
    strcpy(jr.database_name, "shop");
    (void) JobSubmit(&jr);
    ck_assert(JobClaimNext(JOB_OP_MASK_ALL, 5, &snap));
    ck_assert_str_eq(snap.request.database_name, "shop");
    JobReapWorker(snap.worker_pid);
    ck_assert(JobGet(snap.id, &snap));
    ck_assert_int_eq(snap.status, JOB_STATUS_FAILED);
    ck_assert_str_eq(snap.error, "worker process exited unexpectedly");
}
END_TEST

START_TEST(maintenance_endpoints_round_trip)
{
    AdminResponse resp;
    json_t     *v;
    const char *loc;

    int         counts[JOB_STATUS_COUNT];

    /*
     * Jobs naming tables are looked up in the catalogs first (needs a
     * server: test/protocol/test_admin_api.py).  Here there is no proc slot,
     * the lookup fails, and the request must queue nothing.
     */
    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", "application/json",
                                   "{\"operation\": \"vacuum\", \"tables\": [\"users\", \"orders\"]}"), &resp);
    assert_envelope(&resp, 500, "INTERNAL_ERROR");
    JobCount(counts);
    for (int s = 0; s < JOB_STATUS_COUNT; s++)
        ck_assert_int_eq(counts[s], 0);

    /* A checkpoint names nothing to look up. */
    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", "application/json",
                                   "{\"operation\": \"checkpoint\"}"), &resp);
    ck_assert_int_eq(resp.status, 202);
    loc = header_of(&resp, "Location");
    ck_assert_str_eq(loc, "/api/v1/admin/maintenance/1");
    v = body_json(&resp);
    ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "queued");
    ck_assert_int_eq(json_integer_value(json_object_get(v, "job_id")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(v, "location")), loc);
    ck_assert(json_is_string(json_object_get(v, "submitted_at")));
    ck_assert_int_eq(json_array_size(json_object_get(v, "tables")), 0);
    /* Nobody executes jobs in this test: the API says so. */
    ck_assert(json_is_string(json_object_get(v, "warning")));
    json_decref(v);

    JobQueueAnnounceExecutor(JOB_OP_BIT(JOB_OP_CHECKPOINT));
    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance/1", NULL, NULL), &resp);
    ck_assert_int_eq(resp.status, 200);
    v = body_json(&resp);
    ck_assert_ptr_null(json_object_get(v, "warning"));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v, "progress"), "phase")), "queued");
    json_decref(v);

    AdminDispatch(loopback_request("HEAD", "/api/v1/admin/maintenance/1", NULL, NULL), &resp);
    ck_assert_int_eq(resp.status, 200);
    ck_assert(resp.head_only);

    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance?status=queued&limit=5", NULL, NULL), &resp);
    ck_assert_int_eq(resp.status, 200);
    v = body_json(&resp);
    ck_assert_int_eq(json_array_size(json_object_get(v, "jobs")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(v, "counts_by_status"), "queued")), 1);
    json_decref(v);
    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance?status=bogus", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");

    AdminDispatch(loopback_request("DELETE", "/api/v1/admin/maintenance/1", NULL, NULL), &resp);
    ck_assert_int_eq(resp.status, 200);
    v = body_json(&resp);
    ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "cancelled");
    json_decref(v);
    AdminDispatch(loopback_request("DELETE", "/api/v1/admin/maintenance/1", NULL, NULL), &resp);
    assert_envelope(&resp, 409, "CONFLICT");
    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance/77", NULL, NULL), &resp);
    assert_envelope(&resp, 404, "NOT_FOUND");
    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance/abc", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    AdminDispatch(loopback_request("GET", "/api/v1/admin/maintenance/-1", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
}
END_TEST

START_TEST(maintenance_submit_errors_queue_nothing)
{
    AdminResponse resp;
    int         counts[JOB_STATUS_COUNT];
    json_t     *v;

    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", "application/json",
                                   "{\"operation\": \"optimize\", \"tables\": []}"), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    v = body_json(&resp);
    ck_assert_str_eq(json_string_value(json_object_get(v, "message")), "Invalid maintenance operation");
    json_decref(v);
    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", "text/plain",
                                   "{\"operation\": \"vacuum\"}"), &resp);
    assert_envelope(&resp, 415, "UNSUPPORTED_MEDIA_TYPE");
    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", "application/json; charset=utf-8",
                                   "{\"operation\": \"vacuum\",}"), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    v = body_json(&resp);
    ck_assert(json_is_object(json_object_get(v, "details")));
    ck_assert(json_is_integer(json_object_get(json_object_get(v, "details"), "column")));
    json_decref(v);
    AdminDispatch(loopback_request("POST", "/api/v1/admin/maintenance", NULL, NULL), &resp);
    assert_envelope(&resp, 400, "INVALID_INPUT");
    JobCount(counts);
    for (int s = 0; s < JOB_STATUS_COUNT; s++)
        ck_assert_int_eq(counts[s], 0);
}
END_TEST

START_TEST(table_name_splitting)
{
    char        schema[NAMEDATALEN];
    char        rel[NAMEDATALEN];

    ck_assert(AdminSplitTableName("users", schema, rel));
    ck_assert_str_eq(schema, "");
    ck_assert_str_eq(rel, "users");
    ck_assert(AdminSplitTableName("Sales.ORDERS", schema, rel));
    ck_assert_str_eq(schema, "sales");
    ck_assert_str_eq(rel, "orders");
    ck_assert(AdminSplitTableName("\"My Schema\".\"Mixed\"\"Q\"", schema, rel));
    ck_assert_str_eq(schema, "My Schema");
    ck_assert_str_eq(rel, "Mixed\"Q");
    ck_assert(AdminSplitTableName("public.\"a.b\"", schema, rel));
    ck_assert_str_eq(rel, "a.b");
    ck_assert(!AdminSplitTableName("a.b.c", schema, rel));
    ck_assert(!AdminSplitTableName("", schema, rel));
    ck_assert(!AdminSplitTableName("\"\"", schema, rel));
    ck_assert(!AdminSplitTableName("users;drop", schema, rel));
}
END_TEST

START_TEST(pagination_windows)
{
    AdminPage   p;

    ck_assert(AdminPaginate(0, 1, 10, &p));
    ck_assert_int_eq(p.total_pages, 0);
    ck_assert_int_eq(p.count, 0);
    ck_assert(!p.has_next && !p.has_prev);
    ck_assert(AdminPaginate(25, 1, 10, &p));
    ck_assert_int_eq(p.total_pages, 3);
    ck_assert_int_eq(p.first, 0);
    ck_assert_int_eq(p.count, 10);
    ck_assert(p.has_next && !p.has_prev);
    ck_assert(AdminPaginate(25, 3, 10, &p));
    ck_assert_int_eq(p.first, 20);
    ck_assert_int_eq(p.count, 5);
    ck_assert(!p.has_next && p.has_prev);
    ck_assert(AdminPaginate(25, 4, 10, &p));
    ck_assert_int_eq(p.count, 0);
    ck_assert(!p.has_next && p.has_prev);
    ck_assert(AdminPaginate(20, 2, 10, &p));
    ck_assert_int_eq(p.count, 10);
    ck_assert(!p.has_next);
    ck_assert(!AdminPaginate(5, 0, 10, &p));
    ck_assert(!AdminPaginate(5, 1, 0, &p));
}
END_TEST

static Suite *
admin_suite(void)
{
    Suite      *s = suite_create("admin");
    TCase      *http = tcase_create("http");
    TCase      *api = tcase_create("api");
    TCase      *jobs = tcase_create("jobs");

    tcase_add_checked_fixture(http, setup, NULL);
    tcase_add_test(http, parse_simple_get);
    tcase_add_test(http, parse_byte_by_byte);
    tcase_add_test(http, parse_chunked_body);
    tcase_add_test(http, parse_pipelined_requests_one_at_a_time);
    tcase_add_test(http, parse_path_query_and_trailing_slash);
    tcase_add_test(http, parse_http10_closes_by_default);
    tcase_add_test(http, parse_refuses_declared_oversized_body_before_reading_it);
    tcase_add_test(http, parse_refuses_oversized_chunked_body);
    tcase_add_test(http, parse_refuses_oversized_headers);
    tcase_add_test(http, parse_refuses_garbage);
    tcase_add_test(http, parse_expect_continue);
    tcase_add_test(http, serialize_response_headers);
    tcase_add_test(http, error_envelope_shape);
    suite_add_tcase(s, http);

    tcase_add_checked_fixture(api, setup, NULL);
    tcase_add_test(api, route_unknown_path_is_404);
    tcase_add_test(api, route_wrong_method_is_405_with_allow);
    tcase_add_test(api, route_options_lists_methods);
    tcase_add_test(api, route_not_implemented_endpoints_say_so);
    tcase_add_test(api, auth_decisions);
    tcase_add_test(api, auth_applies_before_routing);
    tcase_add_test(api, maintenance_request_parsing);
    tcase_add_test(api, table_name_validation);
    tcase_add_test(api, table_name_splitting);
    tcase_add_test(api, pagination_windows);
    tcase_add_test(api, maintenance_endpoints_round_trip);
    tcase_add_test(api, maintenance_submit_errors_queue_nothing);
    suite_add_tcase(s, api);

    tcase_add_checked_fixture(jobs, setup, NULL);
    tcase_add_test(jobs, job_life_cycle);
    tcase_add_test(jobs, job_cancel_queued_and_running);
    tcase_add_test(jobs, job_table_recycles_oldest_finished);
    tcase_add_test(jobs, job_claim_by_database);
    suite_add_tcase(s, jobs);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(admin_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
