#!/usr/bin/env python3
"""test_postmaster.py -- process-model tests: instance lock, postmaster.pid,
max_connections, reload, crash restart and the three shutdown modes.

Uses the instance scripts/run-protocol.sh started (RDB_INSTANCE, PGHOST,
PGPORT) for the read-only checks, and creates its own scratch instance
(RDB_BINDIR/rustydb-initdb into RDB_SCRATCH) for everything that stops or
breaks a server.  Standard library only.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgwire import (Conn, PORT, check, fields, kinds, run, sqlstates,  # noqa: E402
                    startup_packet)

BINDIR = os.environ.get("RDB_BINDIR", "build/bin")
SCRATCH = os.environ.get("RDB_SCRATCH", "/tmp")
INSTANCE = os.environ.get("RDB_INSTANCE")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_pidfile(directory):
    try:
        with open(os.path.join(directory, "postmaster.pid")) as f:
            return f.read().split("\n")
    except FileNotFoundError:
        return None


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


class Server:
    """A scratch instance of our own."""

    def __init__(self, name, *extra):
        self.dir = os.path.join(SCRATCH, name)
        self.sock = os.path.join(self.dir, "sock")
        self.port = free_port()
        self.extra = list(extra)
        self.proc = None
        if not os.path.exists(os.path.join(self.dir, "rustydb.conf")):
            subprocess.run([os.path.join(BINDIR, "rustydb-initdb"), "-D", self.dir, "--superuser", "postgres"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(self.sock, exist_ok=True)

    def start(self):
        self.proc = subprocess.Popen([os.path.join(BINDIR, "rustydb"), "-D", self.dir, "-p", str(self.port),
                                      "-k", self.sock, "-c", "listen_addresses=", "-c", "admin_api_port=0"]
                                     + self.extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self.wait_ready()

    def wait_ready(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            lines = read_pidfile(self.dir)
            if lines and len(lines) >= 7 and lines[6] == "ready":
                try:
                    c = self.conn()
                    ok = c.startup()[-1][0] == b"Z"
                    c.close()
                    if ok:
                        return True
                except OSError:
                    pass
            if self.proc.poll() is not None:
                print("server exited with %s; stderr:\n%s\nlog tail:\n%s"
                      % (self.proc.returncode, self.proc.stderr.read().decode(errors="replace"),
                         self.log()[-2000:]))
                return False
            time.sleep(0.1)
        return False

    def conn(self):
        return Conn(host=self.sock, port=self.port)

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait_exit(self, timeout=30):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def log(self):
        try:
            with open(os.path.join(self.dir, "logs", "rustydb.log")) as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            if self.wait_exit(10) is None:
                self.proc.kill()
                self.proc.wait()


# ---------------------------------------------------------------- tests


def test_pidfile_of_running_instance():
    if not INSTANCE:
        return
    lines = read_pidfile(INSTANCE)
    check(lines is not None and len(lines) >= 7, "postmaster.pid has 7 lines")
    if not lines or len(lines) < 7:
        return
    check(alive(int(lines[0])), "line 1 is the live postmaster pid")
    check(os.path.realpath(lines[1]) == os.path.realpath(INSTANCE), "line 2 is the instance directory")
    check(abs(int(lines[2]) - time.time()) < 24 * 3600, "line 3 is a plausible start time")
    check(lines[3] == str(PORT), "line 4 is the port")
    check(lines[6] == "ready", "line 7 is the status 'ready'")


def test_second_postmaster_is_refused():
    if not INSTANCE:
        return
    pid = int(read_pidfile(INSTANCE)[0])
    r = subprocess.run([os.path.join(BINDIR, "rustydb"), "-D", INSTANCE, "-p", str(free_port()),
                        "-k", "", "-c", "listen_addresses="], capture_output=True, text=True, timeout=30)
    check(r.returncode == 1, "second postmaster exits 1")
    check('lock file "postmaster.pid" already exists' in r.stderr, "lock file message")
    check("Is another postmaster (PID %d) running in data directory" % pid in r.stderr, "hint names the PID")
    check(alive(pid) and read_pidfile(INSTANCE)[0] == str(pid), "running postmaster and its lock untouched")


def test_max_connections_and_stale_lock():
    srv = Server("pm_maxconn", "-c", "max_connections=2")
    # A stale lock: a pid that does not exist.
    with open(os.path.join(srv.dir, "postmaster.pid"), "w") as f:
        f.write("999999\n%s\n" % srv.dir)
    check(srv.start(), "starts despite a stale postmaster.pid")
    try:
        time.sleep(0.5)             # let wait_ready's probe session finish exiting
        a, b = srv.conn(), srv.conn()
        check(kinds(a.startup())[-1:] == b"Z", "first session admitted")
        check(kinds(b.startup())[-1:] == b"Z", "second session admitted")
        c = srv.conn()
        c.send(startup_packet([("user", "postgres"), ("database", "rustydb")]))
        m = c.read_msg()
        e = fields(m[1]) if m else {}
        check(e.get("C") == "53300" and e.get("M") == "sorry, too many clients already",
              "third session -> 53300 sorry, too many clients already")
        a.close()
        time.sleep(0.5)
        d = srv.conn()
        check(d.startup()[-1][0] == b"Z", "a slot frees when a session ends")
        d.close()
        b.close()
    finally:
        srv.signal(signal.SIGINT)
        check(srv.wait_exit() == 0, "fast shutdown exits 0")
        check(read_pidfile(srv.dir) is None, "postmaster.pid removed at exit")
        check(not os.path.exists(os.path.join(srv.sock, ".s.PGSQL.%d" % srv.port)), "socket file removed at exit")
        srv.stop()


def test_reload_crash_restart_and_shutdowns():
    srv = Server("pm_life")
    check(srv.start(), "scratch server starts")
    try:
        # Reload: a new session sees the new value; a broken file changes nothing.
        with open(os.path.join(srv.dir, "rustydb.conf"), "a") as f:
            f.write("\nwork_mem = '32MB'\n")
        srv.signal(signal.SIGHUP)
        time.sleep(0.5)
        c = srv.conn()
        c.startup()
        r = c.query("SHOW work_mem")
        check(any(k == b"D" and body.endswith(b"32MB") for k, body in r), "SIGHUP applies work_mem = 32MB")
        with open(os.path.join(srv.dir, "rustydb.conf"), "a") as f:
            f.write("\nwork_mem = 'lots'\n")
        srv.signal(signal.SIGHUP)
        time.sleep(0.5)
        r = c.query("SHOW work_mem")
        check(any(k == b"D" and body.endswith(b"32MB") for k, body in r), "a bad file is ignored as a whole")
        check("contains errors; no changes were applied" in srv.log(), "bad file reported in the log")
        c.close()
        with open(os.path.join(srv.dir, "rustydb.conf")) as f:
            text = f.read()
        with open(os.path.join(srv.dir, "rustydb.conf"), "w") as f:
            f.write(text.replace("\nwork_mem = 'lots'\n", "\n"))

        # Crash restart: kill -9 one backend; the others are stopped; new sessions work.
        victim = srv.conn()
        victim.startup()
        bystander = srv.conn()
        bystander.startup()
        os.kill(victim.key[0], signal.SIGKILL)
        check(bystander.closed(), "other sessions are terminated after a crash")
        ok = srv.wait_ready()
        check(ok, "server accepts connections again after the crash")
        log = srv.log()
        check("server process (PID %d) was terminated by signal 9: Killed" % victim.key[0] in log,
              "crash logged with signal")
        check("terminating any other active server processes" in log, "crash: others terminated")
        check("all server processes terminated; reinitializing" in log, "crash: reinitialized")
        check(srv.proc.poll() is None, "postmaster survived the crash")

        # Smart shutdown waits for the session; new sessions are refused.
        s = srv.conn()
        s.startup()
        srv.signal(signal.SIGTERM)
        time.sleep(0.5)
        n = srv.conn()
        n.send(startup_packet([("user", "postgres"), ("database", "rustydb")]))
        m = n.read_msg()
        check(m is not None and fields(m[1]).get("C") == "57P03", "smart shutdown refuses new sessions (57P03)")
        check(srv.proc.poll() is None, "smart shutdown waits for the open session")
        check(read_pidfile(srv.dir)[6] == "stopping", "status 'stopping' in postmaster.pid")
        r = s.query("SELECT 1")
        check(b"D" in kinds(r), "existing session still works during smart shutdown")
        s.close()
        check(srv.wait_exit() == 0, "smart shutdown completes when the session ends")

        # Fast shutdown: running statements end with 57P01.
        check(srv.start(), "restart after smart shutdown")
        s = srv.conn()
        s.startup()
        result = {}
        t = threading.Thread(target=lambda: result.setdefault("r", s.query("SELECT count(*) FROM generate_series(1, 2000000000)")))
        t.start()
        time.sleep(0.5)
        srv.signal(signal.SIGINT)
        t.join(20)
        check(sqlstates(result.get("r", [])) == ["57P01"], "fast shutdown: session gets 57P01")
        check(srv.wait_exit() == 0, "fast shutdown exits 0")

        # Immediate shutdown.
        check(srv.start(), "restart after fast shutdown")
        s = srv.conn()
        s.startup()
        srv.signal(signal.SIGQUIT)
        check(srv.wait_exit() is not None, "immediate shutdown exits")
        check(s.closed(), "immediate shutdown closes sessions")
        check(read_pidfile(srv.dir) is None, "postmaster.pid removed after immediate shutdown")
    finally:
        srv.stop()


def main():
    tests = [v for k, v in sorted(globals().items()) if k.startswith("test_") and callable(v)]
    return run(tests, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
