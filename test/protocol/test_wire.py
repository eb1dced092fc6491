#!/usr/bin/env python3
"""test_wire.py -- raw frontend/backend protocol v3 robustness tests.

Speaks the wire protocol directly (no libpq) to a running server and checks
that malformed input gets the PostgreSQL error (SQLSTATE) and/or a closed
connection, never a crash, and that other sessions are unaffected.

Connection: PGHOST (socket directory or host name), PGPORT, PGUSER,
PGDATABASE, as set by scripts/run-protocol.sh.  Standard library only.
Exit status 0 if every check passed.
"""

import os
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgwire import (TIMEOUT, Conn, DATABASE, USER, check, connect_raw, errors, fields,  # noqa: E402
                    healthy, kinds, msg, ready_status, run, sqlstates, startup_packet)

# ---------------------------------------------------------------- tests


def test_startup_and_parameters():
    c = Conn()
    msgs = c.startup([("user", USER), ("database", DATABASE), ("application_name", "wiretest")])
    check(msgs and msgs[0] == (b"R", struct.pack("!i", 0)), "AuthenticationOk first")
    check(ready_status(msgs) == b"I", "ReadyForQuery idle after start-up")
    check(c.key is not None, "BackendKeyData sent")
    expected = {
        "server_version": "15.0",
        "server_encoding": "UTF8",
        "client_encoding": "UTF8",
        "DateStyle": "ISO, MDY",
        "integer_datetimes": "on",
        "standard_conforming_strings": "on",
        "IntervalStyle": "postgres",
        "application_name": "wiretest",
        "session_authorization": USER,
    }
    for k, v in expected.items():
        check(c.params.get(k) == v, "ParameterStatus %s = %r (got %r)" % (k, v, c.params.get(k)))
    for k in ("TimeZone", "is_superuser"):
        check(k in c.params, "ParameterStatus %s present" % k)
    r = c.query("SELECT 1")
    check(kinds(r) == b"TDCZ", "SELECT 1 -> RowDescription DataRow CommandComplete ReadyForQuery")
    c.close()


def test_ssl_and_gss_requests_refused():
    s = connect_raw()
    s.sendall(struct.pack("!II", 8, 80877103))
    check(s.recv(1) == b"N", "SSLRequest answered N")
    s.sendall(struct.pack("!II", 8, 80877104))
    check(s.recv(1) == b"N", "GSSENCRequest answered N")
    c = Conn(s)
    check(ready_status(c.startup()) == b"I", "start-up after SSL/GSS refusal")
    c.close()


def test_bad_protocol_versions():
    c = Conn()
    c.send(startup_packet([("user", USER)], version=(2, 0)))
    m = c.read_msg()
    check(m is not None and m[0] == b"E" and fields(m[1]).get("C") == "0A000",
          "protocol 2.0 rejected with 0A000")
    check(c.closed(), "connection closed after bad protocol version")

    c = Conn()
    c.send(startup_packet([("user", USER), ("database", DATABASE), ("_pq_.frob", "1")], version=(3, 7)))
    msgs = c.read_until_ready()
    check(msgs and msgs[0][0] == b"v", "protocol 3.7 -> NegotiateProtocolVersion")
    if msgs and msgs[0][0] == b"v":
        minor, n = struct.unpack("!II", msgs[0][1][:8])
        check(minor == 0x30000 and n == 1 and b"_pq_.frob" in msgs[0][1], "negotiation offers 3.0, lists _pq_.frob")
    check(ready_status(msgs) == b"I", "session proceeds after negotiation")
    c.close()


def test_bad_startup_packets():
    c = Conn()
    c.send(startup_packet([("database", DATABASE)]))
    m = c.read_msg()
    check(m is not None and fields(m[1]).get("C") == "28000", "start-up without user -> 28000")
    check(c.closed(), "closed after missing user")

    for length in (3, 7, 10001, 0x7FFFFFFF):
        s = connect_raw()
        s.sendall(struct.pack("!II", length, 196608))
        check(Conn(s).closed(), "start-up length %d -> closed" % length)

    c = Conn()
    body = struct.pack("!I", 196608) + b"user\0" + USER.encode() + b"\0"   # no terminator
    c.send(struct.pack("!I", len(body) + 4) + body)
    m = c.read_msg()
    check(m is not None and fields(m[1]).get("C") == "08P01", "unterminated start-up packet -> 08P01")

    s = connect_raw()
    s.sendall(struct.pack("!I", 100) + b"\0\3\0\0us")   # truncated, then hang up
    s.close()
    healthy("bad start-up packets")


def test_invalid_message_lengths():
    for length, name in ((3, "length 3"), (0, "length 0"), (0x7FFFFFFF, "length 2 GB"),
                         (64 * 1024 * 1024 + 5, "length above 64 MB")):
        c = Conn()
        c.startup()
        c.send(b"Q" + struct.pack("!I", length))
        m = c.read_msg()
        ok = m is not None and m[0] == b"E" and fields(m[1]).get("M") == "invalid message length"
        check(ok, "%s -> invalid message length" % name)
        check(c.closed(), "%s -> connection closed" % name)
    healthy("invalid message lengths")


def test_unknown_message_type():
    c = Conn()
    c.startup()
    c.send(msg(b"Y", b"junk"))
    m = c.read_msg()
    e = fields(m[1]) if m else {}
    check(e.get("C") == "08P01" and e.get("M") == "invalid frontend message type 89",
          "unknown message type -> 08P01 invalid frontend message type 89")
    check(c.closed(), "closed after unknown message type")
    healthy("unknown message type")


def test_invalid_utf8():
    c = Conn()
    c.startup()
    r = c.query(b"SELECT '\xc3\x28'")
    e = errors(r)
    check(e and e[0].get("C") == "22021" and
          e[0].get("M") == 'invalid byte sequence for encoding "UTF8": 0xc3 0x28',
          "invalid UTF-8 -> 22021 with the bytes")
    check(ready_status(r) == b"I", "ReadyForQuery after invalid UTF-8")
    r = c.query("SELECT 1")
    check(b"D" in kinds(r), "session usable after invalid UTF-8")
    c.close()


def test_query_message_format_errors():
    c = Conn()
    c.startup()
    c.send(msg(b"Q", b"SELECT 1"))              # no NUL terminator
    r = c.read_until_ready()
    check(sqlstates(r) == ["08P01"] and ready_status(r) == b"I", "query without NUL -> 08P01, session lives")
    c.send(msg(b"Q", b"SELECT 1\0junk"))        # bytes after the string
    r = c.read_until_ready()
    check(sqlstates(r) == ["08P01"], "trailing bytes in Query -> 08P01")
    r = c.query("")
    check(kinds(r) == b"IZ", "empty query -> EmptyQueryResponse")
    r = c.query(";;  -- nothing\n")
    check(kinds(r) == b"IZ", "only semicolons and comments -> EmptyQueryResponse")
    r = c.query("SELECT 1; SELECT 1/0; SELECT 2")
    check(kinds(r) == b"TDCEZ" and sqlstates(r) == ["22012"], "error stops the rest of a multi-statement string")
    check(ready_status(r) == b"I", "idle after failed multi-statement string")
    c.close()


def test_truncated_and_abandoned_messages():
    c = Conn()
    c.startup()
    c.send(b"Q" + struct.pack("!I", 100) + b"SELECT")
    c.sock.shutdown(socket.SHUT_WR)
    check(c.closed(), "EOF mid-message -> closed")
    c.sock.close()

    c = Conn()
    c.startup()
    c.send(b"Q\0\0")                             # half a length word
    c.sock.close()

    # A session left mid-message must not disturb another one.
    other = Conn()
    other.startup()
    stuck = Conn()
    stuck.startup()
    stuck.send(b"Q" + struct.pack("!I", 50) + b"SEL")
    r = other.query("SELECT 1")
    check(b"D" in kinds(r), "other session unaffected by a half-sent message")
    stuck.sock.close()
    other.close()
    healthy("truncated messages")


def test_extended_protocol_error_skips_until_sync():
    # (was: the extended protocol refused with 0A000; it exists now, see
    # test_extended.py -- an error still skips the batch up to Sync)
    c = Conn()
    c.startup()
    c.send(msg(b"P", b"\0SELEC 1\0\0\0") + msg(b"B", b"\0\0\0\0\0\0\0\0") +
           msg(b"E", b"\0\0\0\0\0") + msg(b"S"))
    r = c.read_until_ready()
    check(sqlstates(r) == ["42601"] and kinds(r) == b"EZ",
          "Parse -> one 42601, Bind/Execute skipped until Sync")
    r = c.query("SELECT 1")
    check(b"D" in kinds(r), "simple query works after an extended-protocol error")
    c.send(msg(b"H"))                           # Flush alone: nothing to say
    c.send(msg(b"d", b"stray copy data") + msg(b"c"))
    r = c.query("SELECT 1")
    check(kinds(r) == b"TDCZ", "Flush and stray CopyData/CopyDone are ignored")
    c.close()


def test_transaction_status():
    c = Conn()
    c.startup()
    r = c.query("BEGIN")
    check(ready_status(r) == b"T", "BEGIN -> ReadyForQuery T")
    r = c.query("SELECT 1/0")
    check(ready_status(r) == b"E", "error in block -> ReadyForQuery E")
    r = c.query("SELECT 1")
    check(sqlstates(r) == ["25P02"], "commands in failed block -> 25P02")
    r = c.query("ROLLBACK")
    check(ready_status(r) == b"I", "ROLLBACK -> ReadyForQuery I")
    c.close()


def test_set_show_and_parameter_status():
    c = Conn()
    c.startup()
    r = c.query("SET application_name = 'changed'")
    st = [b.split(b"\0")[:2] for k, b in r if k == b"S"]
    check([b"application_name", b"changed"] in st, "SET of a reported setting sends ParameterStatus")
    r = c.query("SHOW work_mem")
    rows = [b for k, b in r if k == b"D"]
    check(len(rows) == 1 and rows[0].endswith(b"4MB"), "SHOW work_mem -> 4MB")
    r = c.query("SET no_such_setting = 1")
    check(sqlstates(r) == ["42704"], "SET unknown -> 42704")
    r = c.query("SET work_mem = 'lots'")
    check(sqlstates(r) == ["22023"], "SET bad value -> 22023")
    r = c.query("SET shared_buffers = '1GB'")
    check(sqlstates(r) == ["55P02"], "SET restart-only -> 55P02")
    c.close()


LONG_QUERY = "SELECT count(*) FROM generate_series(1, 2000000000)"


def cancel_running(sql, wrong_key_first):
    """Run sql in a session, send CancelRequest(s), return (messages, seconds, cancel ignored?)."""
    c = Conn()
    c.startup()
    pid, key = c.key
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("msgs", c.query(sql)))
    start = time.time()
    t.start()
    time.sleep(0.5)
    ignored = None
    if wrong_key_first:
        s = connect_raw()
        s.sendall(struct.pack("!IIii", 16, 80877102, pid, key ^ 0x5A5A5A5A))
        s.close()
        time.sleep(0.3)
        ignored = t.is_alive()
    s = connect_raw()
    s.sendall(struct.pack("!IIii", 16, 80877102, pid, key))
    check(Conn(s).closed(), "server closes the cancel connection")
    t.join(TIMEOUT)
    elapsed = time.time() - start
    r = c.query("SELECT 1")
    check(b"D" in kinds(r), "session usable after cancel")
    c.close()
    return result.get("msgs", []), elapsed, ignored


def test_cancel_request():
    msgs, elapsed, ignored = cancel_running(LONG_QUERY, True)
    check(ignored, "cancel with the wrong key is ignored")
    check(sqlstates(msgs) == ["57014"], "cancelled query -> 57014")
    check(elapsed < 4.5, "cancel took effect promptly (%.1fs)" % elapsed)


def test_pg_sleep_is_cancellable():
    msgs, elapsed, _ = cancel_running("SELECT pg_sleep(5)", False)
    check(sqlstates(msgs) == ["57014"], "cancelled pg_sleep -> 57014")
    check(elapsed < 4.5, "pg_sleep noticed the cancel promptly (%.1fs)" % elapsed)


def test_statement_timeout():
    c = Conn()
    c.startup()
    c.query("SET statement_timeout = '200ms'")
    start = time.time()
    r = c.query(LONG_QUERY)
    e = errors(r)
    check(e and e[0].get("C") == "57014" and e[0].get("M") == "canceling statement due to statement timeout",
          "statement_timeout -> 57014 canceling statement due to statement timeout")
    check(time.time() - start < 4.0, "statement_timeout fired promptly")
    r = c.query("SELECT 1")
    check(b"D" in kinds(r), "session usable after statement timeout")
    c.close()


def test_terminate():
    c = Conn()
    c.startup()
    c.send(msg(b"X"))
    check(c.closed(), "Terminate closes the connection")
    healthy("terminate")


def test_zz_server_still_healthy():
    healthy("the whole suite")


def main():
    tests = [v for k, v in sorted(globals().items()) if k.startswith("test_") and callable(v)]
    return run(tests, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
