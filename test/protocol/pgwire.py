"""pgwire.py -- minimal frontend/backend protocol v3 client for the tests.

Standard library only.  Connection defaults come from PGHOST (socket
directory or host name), PGPORT, PGUSER, PGDATABASE.
"""

import os
import socket
import struct

HOST = os.environ.get("PGHOST", "/tmp")
PORT = int(os.environ.get("PGPORT", "5432"))
USER = os.environ.get("PGUSER", "postgres")
DATABASE = os.environ.get("PGDATABASE", "rustydb")
TIMEOUT = 10.0

failures = []


def check(cond, what):
    if cond:
        print("ok    " + what)
    else:
        print("FAIL  " + what)
        failures.append(what)


def connect_raw(host=None, port=None):
    host = host or HOST
    port = port or PORT
    if host.startswith("/"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(os.path.join(host, ".s.PGSQL.%d" % port))
    else:
        s = socket.create_connection((host, port))
    s.settimeout(TIMEOUT)
    return s


def startup_packet(params, version=(3, 0)):
    body = struct.pack("!I", (version[0] << 16) | version[1])
    for k, v in params:
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def msg(kind, payload=b""):
    return kind + struct.pack("!I", len(payload) + 4) + payload


def cstr(s):
    return s.encode() + b"\0"


class Conn:
    """A session: messages are (type, body) pairs."""

    def __init__(self, sock=None, host=None, port=None):
        self.sock = sock or connect_raw(host, port)
        self.buf = b""
        self.params = {}
        self.key = None

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                return False
            self.buf += chunk
        return True

    def read_msg(self):
        """Next message, or None if the server closed the connection."""
        try:
            if not self._fill(5):
                return None
        except (ConnectionResetError, BrokenPipeError):
            return None
        kind = self.buf[:1]
        length = struct.unpack("!I", self.buf[1:5])[0]
        if not self._fill(1 + length):
            return None
        body = self.buf[5:1 + length]
        self.buf = self.buf[1 + length:]
        return kind, body

    def read_until_ready(self):
        """Messages up to and including ReadyForQuery; stops early at EOF."""
        out = []
        while True:
            m = self.read_msg()
            if m is None:
                return out
            out.append(m)
            if m[0] == b"Z":
                return out

    def closed(self):
        """True if the server closes the connection (EOF) within the timeout."""
        try:
            while True:
                m = self.read_msg()
                if m is None:
                    return True
        except socket.timeout:
            return False

    def startup(self, params=None):
        p = params if params is not None else [("user", USER), ("database", DATABASE)]
        self.send(startup_packet(p))
        msgs = self.read_until_ready()
        for kind, body in msgs:
            if kind == b"S":
                name, value = body.split(b"\0")[:2]
                self.params[name.decode()] = value.decode()
            elif kind == b"K":
                self.key = struct.unpack("!ii", body)
        return msgs

    def query(self, sql):
        if isinstance(sql, str):
            sql = sql.encode()
        self.send(msg(b"Q", sql + b"\0"))
        return self.read_until_ready()

    def close(self):
        try:
            self.send(msg(b"X"))
        except OSError:
            pass
        self.sock.close()


def fields(body):
    """ErrorResponse/NoticeResponse body -> {code: value}."""
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[part[:1].decode()] = part[1:].decode(errors="replace")
    return out


def errors(msgs):
    return [fields(b) for k, b in msgs if k == b"E"]


def sqlstates(msgs):
    return [e.get("C") for e in errors(msgs)]


def kinds(msgs):
    return b"".join(k for k, _ in msgs)


def ready_status(msgs):
    return msgs[-1][1] if msgs and msgs[-1][0] == b"Z" else None


def healthy(what, host=None, port=None):
    """A fresh session still works (the server and other sessions are unaffected)."""
    c = Conn(host=host, port=port)
    msgs = c.startup()
    ok = ready_status(msgs) == b"I"
    if ok:
        r = c.query("SELECT 1")
        ok = b"D" in kinds(r) and ready_status(r) == b"I"
    c.close()
    check(ok, "new session works after: " + what)


def run(tests, argv):
    """Run the test functions (all, or those named in argv); exit status."""
    for t in tests:
        if argv and t.__name__ not in argv:
            continue
        print("-- " + t.__name__)
        try:
            t()
        except Exception as e:          # a test that blows up is a failure, not a crash of the suite
            check(False, "%s raised %r" % (t.__name__, e))
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0
