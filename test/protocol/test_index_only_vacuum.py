#!/usr/bin/env python3
"""test_index_only_vacuum.py -- VACUUM against index-only scans that are
paused in the middle of an index page (a row-limited Execute leaves the
portal suspended, its scan positioned inside a leaf whose entries it has
copied).  An index-only scan trusts the visibility map for an entry it
read earlier only because VACUUM cannot remove that entry meanwhile
(nbtree README "Locking", "Deletion"):

1. the paused scan holds an entry of a row deleted before its snapshot;
   VACUUM prunes the row.  If the bulk delete did not wait for the scan's
   pin on the leaf, VACUUM removed the entry, freed the line pointer and
   marked the heap page all-visible, and the rest of the scan counted the
   deleted row through the visibility map.
2. while the bulk delete waits for such a pin, inserts split the index page
   holding the entry of a dead row, moving it to a new page.  The bulk
   delete must still find it there (it used to stop at the page count read
   at its start: the entry stayed, the line pointer was freed and its page
   marked all-visible, and an index-only scan found the deleted row).

Runs against PostgreSQL 15 too (PGHOST/PGPORT/PGUSER/PGDATABASE).
"""

import select
import struct
import sys

from pgwire import Conn, check, cstr, msg, run, sqlstates

SYNC = msg(b"S")


def session():
    c = Conn()
    c.startup()
    return c


def q(c, sql):
    r = c.query(sql)
    errs = sqlstates(r)
    if errs:
        raise RuntimeError("%s: %r" % (sql, r))
    return r


def values(msgs):
    out = []
    for k, b in msgs:
        if k != b"D":
            continue
        ln = struct.unpack("!i", b[2:6])[0]
        out.append(b[6:6 + ln].decode())
    return out


def one(c, sql):
    v = values(q(c, sql))
    return v[0] if v else None


def start_portal(c, sql, nrows):
    """Parse/Bind/Execute with a row limit, Sync: the portal stays suspended in the block."""
    c.send(msg(b"P", cstr("") + cstr(sql) + struct.pack("!h", 0)) +
           msg(b"B", cstr("cur") + cstr("") + struct.pack("!hhh", 0, 0, 0)) +
           msg(b"E", cstr("cur") + struct.pack("!i", nrows)) + SYNC)
    return c.read_until_ready()


def resume_portal(c):
    c.send(msg(b"E", cstr("cur") + struct.pack("!i", 0)) + SYNC)
    return c.read_until_ready()


def wait_reply(c, seconds):
    """True if the session's pending statement answered within seconds."""
    r, _, _ = select.select([c.sock], [], [], seconds)
    return bool(r)


def uses_index_only_scan(c, sql, index):
    plan = "\n".join(values(q(c, "EXPLAIN (COSTS OFF) " + sql)))
    return "Index Only Scan using " + index in plan


def ios_session():
    c = session()
    q(c, "SET enable_seqscan = off")
    q(c, "SET enable_bitmapscan = off")
    return c


def test_vacuum_waits_for_paused_index_only_scan():
    ctl = session()
    q(ctl, "SET client_min_messages = warning")
    q(ctl, "DROP TABLE IF EXISTS ios_vac")
    q(ctl, "CREATE TABLE ios_vac (id int PRIMARY KEY, g int NOT NULL, pad text)")
    q(ctl, "CREATE INDEX ios_vac_g ON ios_vac (g)")
    q(ctl, "INSERT INTO ios_vac SELECT i, 1, 'x' FROM generate_series(1, 20) i")
    q(ctl, "VACUUM ios_vac")
    r = ios_session()
    check(uses_index_only_scan(r, "SELECT g FROM ios_vac WHERE g = 1", "ios_vac_g"),
          "the query is an index-only scan")
    # the last entry of g = 1 (equal keys are in heap TID order)
    q(ctl, "DELETE FROM ios_vac WHERE id = 20")
    q(r, "BEGIN")
    got = values(start_portal(r, "SELECT g FROM ios_vac WHERE g = 1", 1))
    check(got == ["1"], "first row of the paused scan")
    v = session()
    v.send(msg(b"Q", b"VACUUM ios_vac\0"))
    done_early = wait_reply(v, 3)
    got += values(resume_portal(r))
    note = ""
    if len(got) != 19 and done_early:
        note = ", VACUUM did not wait for it"
    check(len(got) == 19, "the paused index-only scan returns 19 rows, not the deleted one (got %d%s)"
          % (len(got), note))
    q(r, "COMMIT")
    check(wait_reply(v, 10) and sqlstates(v.read_until_ready()) == [], "VACUUM finishes")
    check(one(r, "SELECT count(*) FROM ios_vac WHERE g = 1") == "19", "19 rows afterwards")
    q(ctl, "DROP TABLE ios_vac")
    for c in (ctl, r, v):
        c.close()


def test_split_during_bulk_delete():
    ctl = session()
    q(ctl, "SET client_min_messages = warning")
    q(ctl, "DROP TABLE IF EXISTS ios_split")
    q(ctl, "CREATE TABLE ios_split (id int PRIMARY KEY, k int NOT NULL)")
    # k = 10, 20, ..., 30000 on several leaf pages in key order: the paused
    # scan pins the first, the dead row's entry is on a later one
    q(ctl, "INSERT INTO ios_split SELECT i, i * 10 FROM generate_series(1, 3000) i")
    q(ctl, "CREATE INDEX ios_split_k ON ios_split (k)")
    q(ctl, "VACUUM ios_split")
    r = ios_session()
    check(uses_index_only_scan(r, "SELECT k FROM ios_split WHERE k = 25000", "ios_split_k"),
          "the query is an index-only scan")
    q(ctl, "DELETE FROM ios_split WHERE k = 25000")
    q(r, "BEGIN")
    check(values(start_portal(r, "SELECT k FROM ios_split WHERE k < 100", 1)) == ["10"],
          "first row of the paused scan")
    v = session()
    v.send(msg(b"Q", b"VACUUM ios_split\0"))
    wait_reply(v, 2)
    # entries just below 25000, until the page with 25000's entry has split
    # with that entry in its upper part
    q(ctl, "INSERT INTO ios_split SELECT 100000 + i, 24999 FROM generate_series(1, 3000) i")
    check(len(values(resume_portal(r))) == 8, "the paused scan's other rows")
    q(r, "COMMIT")
    check(wait_reply(v, 10) and sqlstates(v.read_until_ready()) == [], "VACUUM finishes")
    check(one(r, "SELECT count(*) FROM ios_split WHERE k = 25000") == "0",
          "the deleted row is not found through the index")
    check(one(r, "SELECT count(*) FROM ios_split WHERE k BETWEEN 24999 AND 25010") == "3001",
          "the rows around it are")
    # the freed line pointer may be taken by a new row: not found under the old key either
    q(ctl, "INSERT INTO ios_split SELECT 200000 + i, 1 FROM generate_series(1, 50) i")
    check(one(r, "SELECT count(*) FROM ios_split WHERE k = 25000") == "0",
          "nor after new rows took free line pointers")
    q(ctl, "DROP TABLE ios_split")
    for c in (ctl, r, v):
        c.close()


def main():
    tests = [v for k, v in sorted(globals().items()) if k.startswith("test_") and callable(v)]
    return run(tests, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
