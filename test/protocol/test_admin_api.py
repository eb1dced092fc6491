#!/usr/bin/env python3
"""test_admin_api.py -- integration tests of the HTTP admin API (issue 7).

Run by scripts/run-protocol.sh against a scratch server started with
`-c admin_api_port=$RDB_ADMIN_PORT`; skipped (exit 0) when RDB_ADMIN_PORT is
not set.  Standard library only.

Covers every endpoint, every error envelope, the job life cycle (queued ->
cancelled; queued -> finished when an executor exists), catalog lookups
(unknown table or database: 404 and nothing queued; users from pg_authid),
statement and table statistics (/stats/queries, /metrics), the 401 path for
a non-loopback client (a second scratch server with admin_listen_addresses
'*' and admin_api_token, reached from a network namespace over a veth pair;
needs root and iproute2, skipped with a message otherwise), and robustness:
garbage bytes, a slow-loris partial request, a 10 MB body, 200 concurrent
keep-alive clients with zero errors, and wrk (when installed) measuring
requests per second while slow-loris clients, 10 MB bodies and garbage hit
the server at the same time.
"""
import http.client
import json
import os
import re
import shutil
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


def psql(sql):
    """Run SQL on the scratch server (PGHOST/PGPORT/...); stdout, or None without psql."""
    if not shutil.which("psql") or not os.environ.get("PGPORT"):
        return None
    res = subprocess.run(["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         capture_output=True, text=True, timeout=60)
    if res.returncode != 0:
        raise RuntimeError("psql failed: %s" % res.stderr.strip())
    return res.stdout.strip()


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
    check(re.search(r'^rustydb_checkpoint_write_seconds_total [0-9.]+$', text, re.M) is not None
          and "rustydb_autovacuum_runs_total{operation=\"vacuum\"}" in text
          and "rustydb_maintenance_jobs_by_operation{operation=\"vacuum\",status=\"succeeded\"}" in text,
          "metrics has checkpoint timings, autovacuum runs and job counts")

    if psql("SELECT 1") is None:
        print("skip  statistics checks (psql or PG* environment missing)")
        return
    psql("DROP TABLE IF EXISTS api_metrics_t; "
         "CREATE TABLE api_metrics_t (id int, v text) WITH (autovacuum_enabled = false)")
    psql("INSERT INTO api_metrics_t SELECT g, 'x' FROM generate_series(1, 300) g")
    psql("DELETE FROM api_metrics_t WHERE id <= 120")
    for _ in range(3):
        psql("SELECT count(*) FROM api_metrics_t WHERE v = 'x'")
    time.sleep(0.3)
    _, _, text = request("GET", "/metrics")
    m = re.search(r'^rustydb_table_dead_tuples\{database="rustydb",schema="public",table="api_metrics_t"\} (\d+)$',
                  text, re.M)
    check(m is not None and int(m.group(1)) == 120, "metrics: dead tuples of a table (120 after deleting 120 rows)")
    check(re.search(r'^rustydb_database_xact_total\{database="rustydb",outcome="commit"\} [1-9]', text, re.M)
          is not None, "metrics: commits per database")

    status, _, body = request("GET", "/api/v1/stats/queries?limit=50")
    check(status == 200 and isinstance(body.get("top_queries"), list), "queries answers 200 with top_queries")
    mine = [q for q in body.get("top_queries", []) if "api_metrics_t where v" in q["query_text"].lower()]
    check(len(mine) == 1 and mine[0]["execution_count"] == 3 and mine[0]["database"] == "rustydb"
          and mine[0]["username"] and "$1" in mine[0]["query_text"],
          "queries: a normalised statement with its call count, database and user")
    totals = [q["total_execution_time_ms"] for q in body["top_queries"]]
    check(totals == sorted(totals, reverse=True), "queries: top statements ordered by total time")
    status, _, body = request("GET", "/api/v1/stats/queries?min_duration_ms=0&limit=5")
    check(status == 200 and body["slow_threshold_ms"] == 0 and len(body["slow_queries"]) == 5
          and body["slow_count"] >= 5, "queries: slow statements above an explicit threshold")
    status, _, body = request("GET", "/api/v1/stats/queries?limit=0")
    check(status == 400 and is_envelope(body, "INVALID_INPUT"), "queries: bad limit is 400")
    status, _, body = request("GET", "/api/v1/stats/queries?database=no_such_db")
    check(status == 404 and is_envelope(body, "NOT_FOUND"), "queries: unknown database is 404")
    psql("DROP TABLE api_metrics_t")


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
    check(status == 200, "users answers 200")
    for key in ("data", "page", "page_size", "total_pages", "total_count", "has_next", "has_prev"):
        check(key in body, "users has %s" % key)
    names = {u["username"]: u for u in body.get("data", [])}
    pg = names.get(os.environ.get("PGUSER", "postgres"))
    check(pg is not None and "superuser" in pg["roles"] and pg["enabled"] is True
          and isinstance(pg["user_id"], int) and pg["created_at"] and pg["last_login"],
          "users: the superuser from pg_authid, with roles, created_at and last_login")
    if psql("SELECT 1") is not None:
        psql("DROP ROLE IF EXISTS api_test_nologin; CREATE ROLE api_test_nologin NOLOGIN")
        _, _, body = request("GET", "/api/v1/admin/users?page_size=1000")
        u = {x["username"]: x for x in body["data"]}.get("api_test_nologin")
        check(u is not None and u["enabled"] is False and u["last_login"] is None and u["roles"] == [],
              "users: a new NOLOGIN role is listed, disabled, never logged in")
        total = body["total_count"]
        _, _, p1 = request("GET", "/api/v1/admin/users?page=1&page_size=1")
        check(p1["total_pages"] == total and len(p1["data"]) == 1 and p1["has_next"] == (total > 1)
              and p1["has_prev"] is False, "users: pagination envelope")
        _, _, beyond = request("GET", "/api/v1/admin/users?page=%d&page_size=1" % (total + 1))
        check(beyond["data"] == [] and beyond["has_prev"] is True and beyond["has_next"] is False,
              "users: a page past the end is empty")
        psql("DROP ROLE api_test_nologin")
    status, _, body = request("GET", "/api/v1/admin/users?page_size=0")
    check(status == 400 and is_envelope(body, "INVALID_INPUT"), "users: page_size 0 is 400")
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

    def jobs_in_table():
        _, _, listing = request("GET", "/api/v1/admin/maintenance?limit=10000")
        return sum(listing["counts_by_status"].values())

    before = jobs_in_table()
    status, _, body = request("POST", "/api/v1/admin/maintenance",
                              {"operation": "vacuum", "tables": ["no_such_table_xyz"]})
    check(status == 404 and is_envelope(body, "NOT_FOUND") and "no_such_table_xyz" in body["message"]
          and body["details"].get("table") == "no_such_table_xyz", "maintenance: unknown table is 404 naming it")
    status, _, body = request("POST", "/api/v1/admin/maintenance",
                              {"operation": "analyze", "tables": ["pg_class", "nosuchschema.t"]})
    check(status == 404 and "nosuchschema.t" in body["message"], "maintenance: unknown schema.table is 404")
    status, _, body = request("POST", "/api/v1/admin/maintenance",
                              {"operation": "vacuum", "tables": [], "options": {"database": "no_such_db"}})
    check(status == 404 and is_envelope(body, "NOT_FOUND") and "no_such_db" in body["message"],
          "maintenance: unknown database is 404 naming it")
    check(jobs_in_table() == before, "maintenance: nothing queued for a 404")
    if psql("SELECT 1") is not None:
        psql('DROP VIEW IF EXISTS api_test_view; CREATE VIEW api_test_view AS SELECT 1 AS a; '
             'DROP TABLE IF EXISTS "Api_Mixed"; CREATE TABLE "Api_Mixed" (a int)')
        status, _, body = request("POST", "/api/v1/admin/maintenance", {"operation": "vacuum", "tables": ["api_test_view"]})
        check(status == 400 and "is not a table" in body["message"], "maintenance: a view is 400 not a table")
        status, _, body = request("POST", "/api/v1/admin/maintenance", {"operation": "analyze",
                                                                          "tables": ['"Api_Mixed"', "PUBLIC.pg_class"]})
        check(status == 404 and "PUBLIC.pg_class" in body["message"],
              "maintenance: unquoted names fold to lower case (public.pg_class does not exist)")
        status, _, body = request("POST", "/api/v1/admin/maintenance", {"operation": "analyze",
                                                                          "tables": ['"Api_Mixed"']})
        check(status == 202 and body["tables"] == ["Api_Mixed"], "maintenance: a quoted mixed-case table is found")
        if status == 202 and executor:
            done = wait_job(body["job_id"], ("succeeded", "failed"), 60)
            check(done["status"] == "succeeded", "maintenance: the executor finds the table the API resolved")
        psql('DROP VIEW api_test_view; DROP TABLE "Api_Mixed"')

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


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sh(*cmd, check_rc=True):
    res = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60)
    if check_rc and res.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), res.stderr.strip()))
    return res


def test_nonloopback_401():
    """A second scratch server with admin_listen_addresses='*' and a token, reached
    from a network namespace (a test host on this machine) over a veth pair."""
    bindir = os.environ.get("RDB_BINDIR")
    scratch = os.environ.get("RDB_SCRATCH")
    if os.geteuid() != 0 or not shutil.which("ip") or not bindir or not scratch:
        print("skip  401 for a non-loopback client: needs root, iproute2 (ip) and RDB_BINDIR/RDB_SCRATCH")
        return
    tag = "rdb%d" % (os.getpid() % 100000)
    ns, veth_host, veth_ns = tag + "ns", tag + "h", tag + "n"
    octet = 16 + os.getpid() % 200
    host_ip, ns_ip = "10.213.%d.1" % octet, "10.213.%d.2" % octet
    token = "t0k-" + os.urandom(12).hex()
    inst = os.path.join(scratch, "netns-instance")
    port, admin_port = free_port(), free_port()
    lib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "instance-lib.sh")
    probe = sh("ip", "netns", "add", ns, check_rc=False)
    if probe.returncode != 0:
        print("skip  401 for a non-loopback client: cannot create a network namespace (%s)" % probe.stderr.strip())
        return
    started = False
    try:
        sh("ip", "link", "add", veth_host, "type", "veth", "peer", "name", veth_ns)
        sh("ip", "link", "set", veth_ns, "netns", ns)
        sh("ip", "addr", "add", host_ip + "/30", "dev", veth_host)
        sh("ip", "link", "set", veth_host, "up")
        sh("ip", "netns", "exec", ns, "ip", "addr", "add", ns_ip + "/30", "dev", veth_ns)
        sh("ip", "netns", "exec", ns, "ip", "link", "set", veth_ns, "up")
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        res = subprocess.run(["bash", "-c", 'BINDIR="$1"; . "$2"; start_instance "$3" "$4" -c admin_api_port="$5" '
                              '-c admin_listen_addresses="*" -c admin_api_token="$6"',
                              "x", bindir, lib, inst, str(port), str(admin_port), token],
                             capture_output=True, text=True, timeout=120)
        if res.returncode != 0:
            check(False, "netns: second scratch server starts (%s)" % (res.stdout + res.stderr).strip()[-300:])
            return
        started = True
        url = "http://%s:%d/api/v1/admin/health" % (host_ip, admin_port)

        def from_ns(*headers):
            """GET url from inside the namespace: (status, body)."""
            cmd = ["ip", "netns", "exec", ns, "curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}"]
            for h in headers:
                cmd += ["-H", h]
            out = sh(*(cmd + [url]), check_rc=False).stdout
            text, _, code = out.rpartition("\n")
            try:
                return int(code), json.loads(text) if text else None
            except ValueError:
                return int(code or 0), text

        deadline = time.time() + 30
        status, body = from_ns()
        while status == 0 and time.time() < deadline:
            time.sleep(0.2)
            status, body = from_ns()
        check(status == 401 and is_envelope(body, "UNAUTHORIZED"), "netns client without a token is 401")
        status, body = from_ns("Authorization: Bearer wrong-" + token)
        check(status == 401 and is_envelope(body, "UNAUTHORIZED"), "netns client with a wrong token is 401")
        status, body = from_ns("Authorization: Basic " + token)
        check(status == 401, "netns client with a non-bearer credential is 401")
        status, body = from_ns("Authorization: Bearer " + token)
        check(status == 200 and body.get("status") == "healthy", "netns client with the token is 200")
        loop = http.client.HTTPConnection("127.0.0.1", admin_port, timeout=10)
        loop.request("GET", "/api/v1/admin/health")
        check(loop.getresponse().status == 200, "loopback client of the same server needs no token")
        loop.close()
    finally:
        if started:
            subprocess.run(["bash", "-c", 'BINDIR="$1"; . "$2"; stop_instance "$3" INT', "x", bindir, lib, inst],
                           capture_output=True, timeout=60)
        sh("ip", "link", "del", veth_host, check_rc=False)
        sh("ip", "netns", "del", ns, check_rc=False)
        shutil.rmtree(inst, ignore_errors=True)


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


def attackers(stop, stats):
    """Hostile clients while wrk runs: slow-loris connections dribbling headers,
    10 MB bodies, garbage bytes.  stats counts what the server answered them."""
    def slow_loris():
        try:
            s = socket.create_connection((HOST, int(PORT)), timeout=30)
            s.sendall(b"GET /api/v1/admin/health HTTP/1.1\r\nHost: x\r\n")
            while not stop.is_set():
                s.sendall(b"X-Slow: 1\r\n")
                stop.wait(1.0)
            s.close()
            stats["slow_loris"] += 1
        except OSError:
            stats["slow_loris_cut"] += 1     # answered 408 and closed by the server

    def big_bodies():
        while not stop.is_set():
            try:
                s = socket.create_connection((HOST, int(PORT)), timeout=15)
                s.sendall(b"POST /api/v1/admin/maintenance HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 10485760\r\n\r\n")
                try:
                    for _ in range(160):
                        s.sendall(b"z" * 65536)
                except OSError:
                    pass
                reply = s.recv(256)
                s.close()
                if b" 413 " in reply.split(b"\r\n", 1)[0]:
                    stats["big_413"] += 1
            except OSError:
                pass
            try:
                reply = raw_exchange(os.urandom(2048) + b"\r\n\r\n", read_timeout=5)
                if reply.startswith(b"HTTP/1.1 4") or reply.startswith(b"HTTP/1.1 5"):
                    stats["garbage_refused"] += 1
            except OSError:
                pass

    threads = [threading.Thread(target=slow_loris) for _ in range(50)] + [threading.Thread(target=big_bodies)]
    for t in threads:
        t.start()
    return threads


def run_wrk(path, seconds, connections):
    res = subprocess.run(["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "5s",
                          "http://%s:%s%s" % (HOST, PORT, path)], capture_output=True, text=True, timeout=seconds + 60)
    out = res.stdout
    rps = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    nerr = sum(int(x) for x in errors.groups()) if errors else 0
    nerr += int(non2xx.group(1)) if non2xx else 0
    return (float(rps.group(1)) if rps else 0.0, int(total.group(1)) if total else 0, nerr,
            latency.group(1) if latency else "?", latency.group(3) if latency else "?", out)


def test_wrk_throughput():
    if not shutil.which("wrk"):
        print("skip  wrk throughput (wrk not installed: apt-get install wrk)")
        return
    for path in ("/api/v1/admin/health", "/api/v1/stats/performance"):
        rps, total, nerr, avg, peak, out = run_wrk(path, 4, 200)
        check(total > 0 and nerr == 0, "wrk 200 keep-alive connections on %s: zero errors (%d errors)" % (path, nerr))
        print("wrk: %s: %d requests, %.0f requests/s, latency avg %s max %s (200 connections, 4 s)"
              % (path, total, rps, avg, peak))
    stop = threading.Event()
    stats = {"slow_loris": 0, "slow_loris_cut": 0, "big_413": 0, "garbage_refused": 0}
    threads = attackers(stop, stats)
    time.sleep(0.5)
    try:
        rps, total, nerr, avg, peak, out = run_wrk("/api/v1/admin/health", 5, 200)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    check(total > 0 and nerr == 0, "wrk under attack (50 slow-loris, 10 MB bodies, garbage): zero errors (%d)" % nerr)
    check(stats["big_413"] > 0 and stats["garbage_refused"] > 0,
          "attackers were refused (413: %d, garbage with an HTTP error: %d)"
          % (stats["big_413"], stats["garbage_refused"]))
    print("wrk under attack: /api/v1/admin/health: %d requests, %.0f requests/s, latency avg %s max %s; "
          "10 MB bodies refused with 413: %d; garbage refused: %d"
          % (total, rps, avg, peak, stats["big_413"], stats["garbage_refused"]))
    check(health_ok(), "server still answers after the attack")


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
                 test_maintenance, test_routing_errors, test_nonloopback_401, test_robustness, test_load,
                 test_wrk_throughput):
        try:
            test()
        except Exception as exc:    # noqa: BLE001 -- report and go on with the other groups
            FAILURES.append("%s raised %r" % (test.__name__, exc))
            print("FAIL  %s raised %r" % (test.__name__, exc))
    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
