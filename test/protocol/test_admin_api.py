#!/usr/bin/env python3
"""test_admin_api.py -- integration tests of the HTTP admin API (issue 7).

Run by scripts/run-protocol.sh against a scratch server started with
`-c admin_api_port=$RDB_ADMIN_PORT`; skipped (exit 0) when RDB_ADMIN_PORT is
not set.  Standard library only.

Covers every endpoint, every error envelope, the job life cycle (queued ->
cancelled; queued -> finished when an executor exists), the 401 path for a
non-loopback client (when RDB_ADMIN_NONLOOPBACK_HOST names an address of this
host the server listens on), and robustness: garbage bytes, a slow-loris
partial request, a 10 MB body, and 200 concurrent keep-alive clients with
zero errors (requests per second printed).
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

PORT = os.environ.get("RDB_ADMIN_PORT")
HOST = "127.0.0.1"
FAILURES = []


def check(cond, what):
    if cond:
        print("ok   ", what)
    else:
        print("FAIL ", what)
        FAILURES.append(what)


def request(method, path, body=None, headers=None, host=HOST, raw_body=None):
    """One request on a fresh connection: (status, headers dict, parsed JSON or text)."""
    conn = http.client.HTTPConnection(host, int(PORT), timeout=30)
    hdrs = dict(headers or {})
    data = raw_body
    if body is not None:
        data = json.dumps(body).encode()
        hdrs.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=data, headers=hdrs)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    result_headers = {k.lower(): v for k, v in resp.getheaders()}
    conn.close()
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    return resp.status, result_headers, parsed


def is_envelope(body, code):
    return (isinstance(body, dict) and body.get("code") == code
            and isinstance(body.get("message"), str) and "details" in body
            and isinstance(body.get("timestamp"), str) and isinstance(body.get("request_id"), str))


def test_health():
    status, _, body = request("GET", "/api/v1/admin/health")
    check(status in (200, 503), "health answers 200 or 503")
    check(body["status"] in ("healthy", "degraded", "unhealthy"), "health status is a known value")
    check((status == 503) == (body["status"] == "unhealthy"), "health: 503 exactly when unhealthy")
    for name in ("database", "storage", "wal", "autovacuum"):
        c = body["checks"].get(name, {})
        check(c.get("status") in ("ok", "degraded", "unhealthy", "disabled", "not_implemented")
              and c.get("message") and c.get("last_check"), "health check %s is reported" % name)
    check(isinstance(body.get("uptime_seconds"), int) and body["uptime_seconds"] >= 0, "health: uptime from the postmaster")
    check(body["checks"]["database"]["status"] == "ok", "health: database ok on a running scratch server")
    check(isinstance(body.get("version"), str), "health: version")


def test_performance_and_metrics():
    time.sleep(1.2)     # let the sampler complete one window
    status, _, body = request("GET", "/api/v1/stats/performance")
    check(status == 200, "performance answers 200")
    for key in ("cpu_usage_percent", "memory_usage_bytes", "memory_usage_percent", "disk_io_read_bytes",
                "disk_io_write_bytes", "cache_hit_ratio", "transactions_per_second", "locks_held", "deadlocks"):
        check(key in body, "performance has %s" % key)
    check(isinstance(body["memory_usage_bytes"], int) and body["memory_usage_bytes"] > 0, "performance: memory is measured")
    for key, value in body.items():
        if value is None:
            check(key in body.get("unavailable", {}), "performance: null %s is explained" % key)
    status, headers, text = request("GET", "/metrics")
    check(status == 200 and headers.get("content-type", "").startswith("text/plain"), "metrics is Prometheus text")
    check("rustydb_up 1" in text and "rustydb_maintenance_jobs{status=\"queued\"}" in text, "metrics has gauges")
    status, _, body = request("GET", "/api/v1/stats/queries")
    check(status in (200, 501), "queries answers 200 or an honest 501")
    if status == 501:
        check(is_envelope(body, "NOT_IMPLEMENTED"), "queries 501 uses the envelope")


def test_pools():
    status, _, body = request("GET", "/api/v1/pools/default/stats")
    check(status == 200, "pool stats answers 200")
    for key in ("pool_id", "active_connections", "idle_connections", "total_connections", "waiting_requests",
                "total_acquired", "total_created", "total_destroyed"):
        check(key in body, "pool stats has %s" % key)
    check(body["active_connections"] + body["idle_connections"] == body["total_connections"],
          "pool: active + idle = total")
    status, _, body = request("GET", "/api/v1/pools")
    check(status == 200 and body["pools"][0]["pool_id"] == "default", "pool list names default")
    status, _, body = request("GET", "/api/v1/pools/default")
    check(status == 200 and body["pool_id"] == "default", "pool default answers")
    status, _, body = request("GET", "/api/v1/pools/nosuchpool")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "unknown pool is 404")
    status, _, body = request("GET", "/api/v1/pools/nosuchpool/stats")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "unknown pool stats is 404")


def test_config():
    status, _, body = request("GET", "/api/v1/admin/config")
    check(status == 200 and isinstance(body.get("settings"), dict) and len(body["settings"]) > 20,
          "config lists the settings")
    work_mem_before = body["settings"].get("work_mem")
    check(body["settings"].get("admin_api_port") == PORT, "config shows the live admin_api_port")
    check("version" in body and "updated_at" in body, "config has version and updated_at")
    status, _, body = request("PUT", "/api/v1/admin/config", {"work_mem": "not a size"})
    check(status == 400 and is_envelope(body, "INVALID_INPUT") and "work_mem" in json.dumps(body),
          "config: bad value is 400 naming it")
    status, _, body = request("PUT", "/api/v1/admin/config", {"work_mem": "8MB", "no_such_setting": 1})
    check(status == 400 and "no_such_setting" in body["message"], "config: unknown key is 400 naming it")
    status, _, body = request("GET", "/api/v1/admin/config")
    check(body["settings"].get("work_mem") == work_mem_before, "config: a rejected PUT changes nothing")
    status, _, body = request("PUT", "/api/v1/admin/config", {"work_mem": "6MB"})
    check(status == 200, "config: valid PUT accepted")
    status, _, body = request("GET", "/api/v1/admin/config")
    check(body["settings"].get("work_mem") == "6MB", "config: PUT value is live after reload")
    request("PUT", "/api/v1/admin/config", {"work_mem": None})
    status, _, body = request("PUT", "/api/v1/admin/config", raw_body=b"work_mem=1MB",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 415 and is_envelope(body, "UNSUPPORTED_MEDIA_TYPE"), "config: wrong content type is 415")


def test_users_and_backup():
    status, _, body = request("GET", "/api/v1/admin/users?page=1&page_size=10")
    check(status in (200, 501), "users answers 200 or an honest 501")
    if status == 200:
        for key in ("data", "page", "page_size", "total_pages", "total_count", "has_next", "has_prev"):
            check(key in body, "users has %s" % key)
    status, _, body = request("POST", "/api/v1/admin/backup",
                              {"backup_type": "full", "compression": True, "encryption": True})
    check(status in (202, 501), "backup answers 202 or an honest 501")
    if status == 501:
        check(is_envelope(body, "NOT_IMPLEMENTED"), "backup 501 uses the envelope")
    status, _, body = request("POST", "/api/v1/admin/backup", {"backup_type": "weekly"})
    check(status == 400 and is_envelope(body, "INVALID_INPUT"), "backup: invalid backup_type is 400")


def wait_job(job_id, final, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, _, body = request("GET", "/api/v1/admin/maintenance/%d" % job_id)
        if body["status"] in final:
            return body
        time.sleep(0.2)
    return body


def test_maintenance():
    status, headers, body = request("POST", "/api/v1/admin/maintenance", {"operation": "analyze", "tables": []})
    check(status == 202, "maintenance: analyze accepted with 202")
    check(body.get("status") == "queued" and isinstance(body.get("job_id"), int), "maintenance: job queued with an id")
    check(headers.get("location") == "/api/v1/admin/maintenance/%d" % body["job_id"] == body.get("location"),
          "maintenance: Location header and location field")
    executor = "warning" not in body
    job_id = body["job_id"]
    status, _, body = request("GET", "/api/v1/admin/maintenance/%d" % job_id)
    check(status == 200 and body["job_id"] == job_id and "progress" in body, "maintenance: job can be polled")
    if executor:
        body = wait_job(job_id, ("succeeded", "failed"), 120)
        check(body["status"] == "succeeded" and body["finished_at"], "maintenance: analyze job runs to completion")
    else:
        time.sleep(1)
        _, _, body = request("GET", "/api/v1/admin/maintenance/%d" % job_id)
        check(body["status"] == "queued", "maintenance: without an executor the job truthfully stays queued")
        status, _, body = request("DELETE", "/api/v1/admin/maintenance/%d" % job_id)
        check(status == 200 and body["status"] == "cancelled", "maintenance: queued job cancelled")
        status, _, body = request("DELETE", "/api/v1/admin/maintenance/%d" % job_id)
        check(status == 409 and is_envelope(body, "CONFLICT"), "maintenance: cancelling twice is 409")

    status, _, body = request("POST", "/api/v1/admin/maintenance", {"operation": "checkpoint"})
    check(status == 202, "maintenance: checkpoint accepted")
    status, _, body = request("GET", "/api/v1/admin/maintenance?limit=10")
    check(status == 200 and len(body["jobs"]) >= 2 and body["jobs"][0]["job_id"] > body["jobs"][1]["job_id"],
          "maintenance: list is newest first")

    status, _, body = request("POST", "/api/v1/admin/maintenance", {"operation": "defragment", "tables": []})
    check(status == 400 and is_envelope(body, "INVALID_INPUT") and body["message"] == "Invalid maintenance operation",
          "maintenance: unknown operation is 400 Invalid maintenance operation")
    status, _, body = request("POST", "/api/v1/admin/maintenance", raw_body=b'{"operation": "vacuum",',
                              headers={"Content-Type": "application/json"})
    check(status == 400 and is_envelope(body, "INVALID_INPUT"), "maintenance: malformed JSON is 400")
    status, _, body = request("POST", "/api/v1/admin/maintenance", raw_body=b'operation=vacuum',
                              headers={"Content-Type": "text/plain"})
    check(status == 415 and is_envelope(body, "UNSUPPORTED_MEDIA_TYPE"), "maintenance: wrong content type is 415")
    status, _, body = request("GET", "/api/v1/admin/maintenance/999999")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "maintenance: unknown job is 404")
    status, _, body = request("DELETE", "/api/v1/admin/maintenance/999999")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "maintenance: cancelling an unknown job is 404")
    status, _, body = request("GET", "/api/v1/admin/maintenance/xyz")
    check(status == 400 and is_envelope(body, "INVALID_INPUT"), "maintenance: malformed job id is 400")


def test_routing_errors():
    status, _, body = request("GET", "/api/v1/does/not/exist")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "unknown path is 404 with the envelope")
    status, headers, body = request("DELETE", "/api/v1/admin/health")
    check(status == 405 and is_envelope(body, "METHOD_NOT_ALLOWED") and "GET" in headers.get("allow", ""),
          "wrong method is 405 with Allow")
    status, headers, _ = request("OPTIONS", "/api/v1/admin/maintenance")
    check(status == 204 and "POST" in headers.get("allow", ""), "OPTIONS lists the methods")
    status, headers, body = request("HEAD", "/api/v1/admin/health")
    check(status in (200, 503) and body is None, "HEAD answers without a body")
    status, _, body = request("GET", "/api/v1/admin/health", headers={"Authorization": "Bearer wrong"})
    check(status in (200, 503, 401), "loopback request with a token header is answered")


def test_nonloopback_401():
    host = os.environ.get("RDB_ADMIN_NONLOOPBACK_HOST")
    if not host:
        print("skip  401 for a non-loopback client (set RDB_ADMIN_NONLOOPBACK_HOST to an address the server "
              "listens on, e.g. with admin_listen_addresses='*')")
        return
    status, headers, body = request("GET", "/api/v1/admin/health", host=host)
    check(status == 401 and is_envelope(body, "UNAUTHORIZED") and "www-authenticate" in headers,
          "non-loopback client without a token is 401")
    token = os.environ.get("RDB_ADMIN_TOKEN")
    if token:
        status, _, _ = request("GET", "/api/v1/admin/health", host=host,
                               headers={"Authorization": "Bearer " + token})
        check(status in (200, 503), "non-loopback client with the token is served")


def raw_exchange(payload, read_timeout=15):
    s = socket.create_connection((HOST, int(PORT)), timeout=read_timeout)
    try:
        s.sendall(payload)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)
    finally:
        s.close()


def health_ok():
    status, _, _ = request("GET", "/api/v1/admin/health")
    return status in (200, 503)


def test_robustness():
    reply = raw_exchange(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 4") or reply.startswith(b"HTTP/1.1 5"), "garbage bytes are refused with an HTTP error")
    check(health_ok(), "server still answers after garbage")

    # 10 MB body: refused with 413 from the declared length, connection closed.
    s = socket.create_connection((HOST, int(PORT)), timeout=15)
    s.sendall(b"POST /api/v1/admin/maintenance HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: 10485760\r\n\r\n")
    try:
        chunk = b"x" * 65536
        for _ in range(160):
            s.sendall(chunk)
    except OSError:
        pass            # the server closed the connection: expected
    reply = b""
    try:
        while True:
            data = s.recv(65536)
            if not data:
                break
            reply += data
    except OSError:
        pass
    s.close()
    check(b" 413 " in reply.split(b"\r\n", 1)[0] or reply == b"", "10 MB body is refused (413)")
    check(health_ok(), "server still answers after a 10 MB body")

    # Chunked body over the limit.
    reply = raw_exchange(b"POST /api/v1/admin/maintenance HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n" + (b"10000\r\n" + b"y" * 65536 + b"\r\n") * 17)
    check(b" 413 " in reply.split(b"\r\n", 1)[0], "oversized chunked body is 413")

    # Slow loris: a partial request is answered 408 and closed; others are served meanwhile.
    slow = socket.create_connection((HOST, int(PORT)), timeout=30)
    slow.sendall(b"GET /api/v1/admin/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    t0 = time.time()
    check(health_ok(), "other clients are served while a slow client dribbles")
    reply = b""
    try:
        while True:
            data = slow.recv(4096)
            if not data:
                break
            reply += data
    except OSError:
        pass
    slow.close()
    check(b" 408 " in reply.split(b"\r\n", 1)[0] and time.time() - t0 < 25, "slow-loris request is cut off with 408")

    # Pipelined requests on one connection, answered in order.
    reply = raw_exchange(b"GET /api/v1/pools HTTP/1.1\r\nHost: x\r\n\r\n"
                         b"GET /api/v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    first = reply.find(b"HTTP/1.1 200")
    second = reply.find(b"HTTP/1.1 404")
    check(0 <= first < second, "pipelined requests are answered in order")


def load_client(paths, per_client, errors, counts, barrier):
    try:
        conn = http.client.HTTPConnection(HOST, int(PORT), timeout=30)
        barrier.wait()
        for i in range(per_client):
            conn.request("GET", paths[i % len(paths)])
            resp = conn.getresponse()
            resp.read()
            if resp.status not in (200, 503):
                errors.append(resp.status)
            counts.append(1)
        conn.close()
    except Exception as exc:    # noqa: BLE001 -- any failure counts as an error
        errors.append(repr(exc))


def test_load():
    clients = 200
    per_client = 25
    errors = []
    counts = []
    barrier = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=load_client,
                                args=(["/api/v1/admin/health", "/api/v1/stats/performance"], per_client,
                                      errors, counts, barrier))
               for _ in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.time()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    check(not errors, "200 concurrent keep-alive clients: zero errors (%d errors%s)"
          % (len(errors), ": %s" % errors[:3] if errors else ""))
    print("load: %d requests from %d keep-alive clients in %.2f s = %.0f requests/s (Python client; a lower bound)"
          % (len(counts), clients, elapsed, len(counts) / elapsed if elapsed > 0 else 0))


def main():
    if not PORT:
        print("skip: RDB_ADMIN_PORT is not set (start the scratch server with -c admin_api_port=$RDB_ADMIN_PORT)")
        return 0
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection((HOST, int(PORT)), timeout=2).close()
            break
        except OSError:
            if time.time() > deadline:
                print("FAIL  admin API is not listening on port %s" % PORT)
                return 1
            time.sleep(0.2)
    for test in (test_health, test_performance_and_metrics, test_pools, test_config, test_users_and_backup,
                 test_maintenance, test_routing_errors, test_nonloopback_401, test_robustness, test_load):
        try:
            test()
        except Exception as exc:    # noqa: BLE001 -- report and go on with the other groups
            FAILURES.append("%s raised %r" % (test.__name__, exc))
            print("FAIL  %s raised %r" % (test.__name__, exc))
    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
