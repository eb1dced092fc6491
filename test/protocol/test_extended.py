#!/usr/bin/env python3
"""test_extended.py -- the extended query protocol, spoken on the wire.

Parse / Bind / Describe / Execute / Close / Sync / Flush with named and
unnamed statements and portals, text and binary parameters and results,
NULLs, parameter type inference, row-limited Execute (PortalSuspended),
implicit transactions ending at Sync, error recovery (skip to Sync), and
cached plans re-planned after DDL, window queries with parameters.
Compared with what PostgreSQL 15 sends.

Connection: PGHOST, PGPORT, PGUSER, PGDATABASE (scripts/run-protocol.sh).
Standard library only.  Exit status 0 if every check passed.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgwire import Conn, check, cstr, fields, kinds, msg, ready_status, run, sqlstates  # noqa: E402

INT4, INT8, TEXT, BOOL, FLOAT8, BYTEA, NUMERIC, TIMESTAMP = 23, 20, 25, 16, 701, 17, 1700, 1114

# ---------------------------------------------------------------- message builders


def parse(sql, name="", types=()):
    return msg(b"P", cstr(name) + cstr(sql) + struct.pack("!h", len(types)) +
               b"".join(struct.pack("!I", t) for t in types))


def bind(params=(), stmt="", portal="", formats=(), result_formats=()):
    """params: bytes (already encoded), str (text) or None (NULL)."""
    body = cstr(portal) + cstr(stmt)
    body += struct.pack("!h", len(formats)) + b"".join(struct.pack("!h", f) for f in formats)
    body += struct.pack("!h", len(params))
    for p in params:
        if p is None:
            body += struct.pack("!i", -1)
        else:
            if isinstance(p, str):
                p = p.encode()
            body += struct.pack("!i", len(p)) + p
    body += struct.pack("!h", len(result_formats)) + b"".join(struct.pack("!h", f) for f in result_formats)
    return msg(b"B", body)


def describe(kind, name=""):
    return msg(b"D", kind + cstr(name))


def execute(portal="", max_rows=0):
    return msg(b"E", cstr(portal) + struct.pack("!i", max_rows))


def close(kind, name=""):
    return msg(b"C", kind + cstr(name))


SYNC = msg(b"S")
FLUSH = msg(b"H")


# ---------------------------------------------------------------- decoders


def datarow(body):
    n = struct.unpack("!h", body[:2])[0]
    pos, out = 2, []
    for _ in range(n):
        ln = struct.unpack("!i", body[pos:pos + 4])[0]
        pos += 4
        if ln < 0:
            out.append(None)
        else:
            out.append(body[pos:pos + ln])
            pos += ln
    return out


def rows(msgs):
    return [datarow(b) for k, b in msgs if k == b"D"]


def text_rows(msgs):
    return [[None if v is None else v.decode() for v in r] for r in rows(msgs)]


def rowdesc(msgs):
    """[(name, type oid, format)] of the first RowDescription."""
    for k, b in msgs:
        if k == b"T":
            n = struct.unpack("!h", b[:2])[0]
            pos, out = 2, []
            for _ in range(n):
                end = b.index(b"\0", pos)
                name = b[pos:end].decode()
                pos = end + 1
                _tbl, _col, typ, _len, _mod, fmt = struct.unpack("!IhIhih", b[pos:pos + 18])
                pos += 18
                out.append((name, typ, fmt))
            return out
    return None


def paramdesc(msgs):
    for k, b in msgs:
        if k == b"t":
            n = struct.unpack("!h", b[:2])[0]
            return list(struct.unpack("!%dI" % n, b[2:2 + 4 * n]))
    return None


def tags(msgs):
    return [b[:-1].decode() for k, b in msgs if k == b"C"]


def session():
    c = Conn()
    c.startup()
    return c


def roundtrip(c, *messages):
    c.send(b"".join(messages) + SYNC)
    return c.read_until_ready()


# ---------------------------------------------------------------- tests


def test_unnamed_statement_with_text_parameter():
    c = session()
    r = roundtrip(c, parse("SELECT $1::int + 1 AS n"), bind(["41"]), describe(b"P"), execute())
    check(kinds(r) == b"12TDCZ", "Parse/Bind/Describe/Execute/Sync -> 1 2 T D C Z (got %r)" % kinds(r))
    check(text_rows(r) == [["42"]], "$1::int + 1 with 41 is 42")
    check(rowdesc(r) == [("n", INT4, 0)], "RowDescription n int4 text (got %r)" % rowdesc(r))
    check(tags(r) == ["SELECT 1"], "CommandComplete SELECT 1")
    check(ready_status(r) == b"I", "idle after Sync")
    c.close()


def test_parameter_type_inference_and_describe_statement():
    c = session()
    r = roundtrip(c, parse("SELECT $1 + 1, $2 || 'x'", "s_infer"), describe(b"S", "s_infer"))
    check(kinds(r) == b"1tTZ", "Describe statement -> ParameterDescription RowDescription (got %r)" % kinds(r))
    check(paramdesc(r) == [INT4, TEXT], "$1 inferred int4, $2 text (got %r)" % paramdesc(r))
    r = roundtrip(c, parse("SELECT $1::int8", "s_typed", [0]), describe(b"S", "s_typed"))
    check(paramdesc(r) == [INT8], "$1::int8 with type 0 -> int8")
    r = roundtrip(c, parse("SELECT $1", "s_given", [INT8]), describe(b"S", "s_given"))
    check(paramdesc(r) == [INT8] and rowdesc(r)[0][1] == INT8, "given type int8 kept")
    c.query("CREATE TABLE IF NOT EXISTS ext_nodata (a int)")
    r = roundtrip(c, parse("INSERT INTO ext_nodata VALUES ($1)", "s_ins"), describe(b"S", "s_ins"))
    check(kinds(r) == b"1tnZ" and paramdesc(r) == [INT4], "INSERT without RETURNING -> t n (NoData)")
    c.query("DROP TABLE ext_nodata")
    r = roundtrip(c, parse("SET application_name = 'x'", "s_set"), describe(b"S", "s_set"))
    check(kinds(r) == b"1tnZ" and paramdesc(r) == [], "utility statement -> empty t, NoData")
    c.close()


def test_named_statements_and_errors():
    c = session()
    r = roundtrip(c, parse("SELECT 1", "dup"))
    check(kinds(r) == b"1Z", "named Parse -> ParseComplete")
    r = roundtrip(c, parse("SELECT 2", "dup"), bind(stmt="dup"), execute())
    check(sqlstates(r) == ["42P05"] and kinds(r) == b"EZ",
          "Parse of an existing named statement -> 42P05, rest skipped until Sync")
    r = roundtrip(c, bind(stmt="dup"), execute())
    check(text_rows(r) == [["1"]], "the original named statement still works")
    r = roundtrip(c, bind(stmt="nosuch"), execute())
    check(sqlstates(r) == ["26000"] and kinds(r) == b"EZ", "Bind of an unknown statement -> 26000")
    r = roundtrip(c, describe(b"S", "nosuch"))
    check(sqlstates(r) == ["26000"], "Describe of an unknown statement -> 26000")
    r = roundtrip(c, execute("nosuch"))
    check(sqlstates(r) == ["34000"], "Execute of an unknown portal -> 34000")
    r = roundtrip(c, parse("SELECT 1; SELECT 2"))
    check(sqlstates(r) == ["42601"], "two commands in one Parse -> 42601")
    r = roundtrip(c, bind(["1", "2"], stmt="dup"))
    check(sqlstates(r) == ["08P01"], "wrong number of parameters -> 08P01")
    r = roundtrip(c, parse("SELECT $1::int", "p1"), bind(["x"], stmt="p1"), execute())
    e = [fields(b) for k, b in r if k == b"E"]
    check(sqlstates(r) == ["22P02"] and "parameter $1" in e[0].get("W", ""),
          "bad text parameter -> 22P02 with parameter context (got %r)" % e)
    r = roundtrip(c, close(b"S", "dup"), close(b"S", "never-existed"), close(b"P", "nope"))
    check(kinds(r) == b"333Z", "Close of statements and portals -> CloseComplete each")
    r = roundtrip(c, bind(stmt="dup"))
    check(sqlstates(r) == ["26000"], "closed statement is gone")
    r = c.query("SELECT 1")
    check(kinds(r) == b"TDCZ", "simple query fine after extended-protocol errors")
    c.close()


def test_unnamed_statement_replaced():
    c = session()
    r = roundtrip(c, parse("SELECT 'first'"), parse("SELECT 'second'"), bind(), execute())
    check(text_rows(r) == [["second"]], "the second Parse replaces the unnamed statement")
    r = roundtrip(c, bind(), execute())
    check(text_rows(r) == [["second"]], "the unnamed statement survives Sync")
    c.query("SELECT 1")
    r = roundtrip(c, bind(), execute())
    check(sqlstates(r) == ["26000"], "a simple query drops the unnamed statement")
    r = roundtrip(c, parse("SELEC"), bind(), execute())
    check(sqlstates(r) == ["42601"], "failed Parse")
    r = roundtrip(c, bind(), execute())
    check(sqlstates(r) == ["26000"], "a failed Parse leaves no unnamed statement")
    c.close()


def test_nulls_and_binary_parameters():
    c = session()
    sql = "SELECT $1::int4, $2::int8, $3::text, $4::bool, $5::float8, $6::bytea, $7::numeric, $8::int4"
    params = [struct.pack("!i", -7), struct.pack("!q", 1 << 40), "héllo".encode(), b"\x01",
              struct.pack("!d", 2.5), b"\x00\xffab",
              # numeric 123.45: ndigits 2, weight 0, sign +, dscale 2, digits 123 4500
              struct.pack("!hhHhhh", 2, 0, 0, 2, 123, 4500), None]
    r = roundtrip(c, parse(sql), bind(params, formats=[1]), execute())
    check(text_rows(r) == [["-7", "1099511627776", "héllo", "t", "2.5", "\\x00ff6162", "123.45", None]],
          "binary parameters of 8 types and a NULL, text results (got %r)" % text_rows(r))
    # mixed: per-parameter formats
    r = roundtrip(c, parse("SELECT $1::int4 + $2::int4"), bind([struct.pack("!i", 40), "2"], formats=[1, 0]),
                  execute())
    check(text_rows(r) == [["42"]], "per-parameter formats (binary, text)")
    r = roundtrip(c, parse("SELECT $1::int4"), bind([b"\x00\x00\x00\x01\x02"], formats=[1]), execute())
    check(sqlstates(r) == ["22P03"], "binary int4 with a byte left over -> 22P03")
    r = roundtrip(c, parse("SELECT $1::int4"), bind([b"\x00\x01"], formats=[1]), execute())
    check(sqlstates(r) in (["08P01"], ["22P03"]), "short binary int4 -> 08P01 (PostgreSQL) or 22P03")
    r = roundtrip(c, parse("SELECT $1::int4"), bind(["1"], formats=[7]), execute())
    check(sqlstates(r) == ["22023"], "format code 7 -> 22023")
    r = roundtrip(c, parse("SELECT $1::text IS NULL, $2::int IS NULL"), bind([None, None]), execute())
    check(text_rows(r) == [["t", "t"]], "NULL parameters (-1 length)")
    c.close()


def test_binary_results():
    c = session()
    sql = ("SELECT 42::int4 AS a, 1099511627776::int8 AS b, 'txt'::text AS c, true AS d, 2.5::float8 AS e,"
           " '\\x0102'::bytea AS f, NULL::int4 AS g, '2000-01-01 00:00:01'::timestamp AS h")
    r = roundtrip(c, parse(sql), bind(result_formats=[1]), describe(b"P"), execute())
    rd = rowdesc(r)
    check(rd is not None and all(f == 1 for _, _, f in rd), "RowDescription of the portal says binary")
    got = rows(r)[0] if rows(r) else None
    want = [struct.pack("!i", 42), struct.pack("!q", 1 << 40), b"txt", b"\x01", struct.pack("!d", 2.5),
            b"\x01\x02", None, struct.pack("!q", 1000000)]
    check(got == want, "binary DataRow values (got %r)" % got)
    r = roundtrip(c, parse("SELECT 1::int4 AS a, 'x'::text AS b"), bind(result_formats=[0, 1]), execute())
    check(rows(r) == [[b"1", b"x"]], "per-column result formats")
    r = roundtrip(c, parse("SELECT 1::int4 AS a, 2 AS b"), bind(result_formats=[1, 1, 1]), execute())
    check(sqlstates(r) == ["08P01"], "3 result formats for 2 columns -> 08P01")
    r = roundtrip(c, parse("SELECT 2::numeric(5,1) AS n"), bind(result_formats=[1]), execute())
    check(rows(r) == [[struct.pack("!hhHhh", 1, 0, 0, 1, 2)]], "binary numeric 2.0")
    c.close()


def test_row_limit_and_portal_suspended():
    c = session()
    c.send(parse("SELECT g FROM generate_series(1, 5) g") + bind() + execute(max_rows=2) +
           execute(max_rows=2) + execute(max_rows=2) + SYNC)
    r = c.read_until_ready()
    check(kinds(r) == b"12DDsDDsDCZ", "Execute 2+2+2 of 5 rows -> D D s D D s D C (got %r)" % kinds(r))
    check([v[0] for v in text_rows(r)] == ["1", "2", "3", "4", "5"], "all rows in order")
    check(tags(r) == ["SELECT 1"], "the last Execute reports its own row count")
    # Exactly max_rows: suspended, then an empty completion.
    r = roundtrip(c, parse("SELECT 1"), bind(), execute(max_rows=1), execute(max_rows=1))
    check(kinds(r) == b"12DsCZ" and tags(r) == ["SELECT 0"], "exact limit -> s, then SELECT 0")
    # Portal is gone after Sync outside a transaction block.
    r = roundtrip(c, parse("SELECT g FROM generate_series(1, 3) g"), bind(portal="cur"), execute("cur", 1))
    check(kinds(r) == b"12DsZ", "named portal suspended")
    r = roundtrip(c, execute("cur", 1))
    check(sqlstates(r) == ["34000"], "portal does not survive the implicit transaction's Sync")
    # Inside a block, it does.
    c.query("BEGIN")
    r = roundtrip(c, parse("SELECT g FROM generate_series(1, 3) g"), bind(portal="cur"), execute("cur", 1))
    check(kinds(r) == b"12DsZ" and ready_status(r) == b"T", "named portal in a block, status T")
    r = roundtrip(c, execute("cur", 5))
    check(text_rows(r) == [["2"], ["3"]] and kinds(r) == b"DDCZ", "portal resumes after Sync in a block")
    r = roundtrip(c, bind(portal="cur"))
    check(sqlstates(r) == ["42P03"], "Bind of an existing named portal -> 42P03")
    c.query("ROLLBACK")
    # DML RETURNING under a row limit runs fully first.
    c.query("CREATE TABLE ext_ret (a int)")
    r = roundtrip(c, parse("INSERT INTO ext_ret SELECT g FROM generate_series(1, 3) g RETURNING a"), bind(),
                  execute(max_rows=2), execute(max_rows=2))
    check(kinds(r) == b"12DDsDCZ" and tags(r) == ["INSERT 0 1"],
          "INSERT RETURNING in steps, the last step's count in the tag (got %r %r)" % (kinds(r), tags(r)))
    r = c.query("SELECT count(*) FROM ext_ret")
    check(text_rows(r) == [["3"]], "all three rows inserted")
    c.query("DROP TABLE ext_ret")
    c.close()


def test_implicit_transaction_until_sync():
    c = session()
    c.query("CREATE TABLE ext_tx (a int)")
    ins = parse("INSERT INTO ext_tx VALUES ($1)", "ins")
    r = roundtrip(c, ins)
    c.send(bind(["1"], stmt="ins") + execute() + bind(["2"], stmt="ins") + execute() +
           parse("SELECT 1/(count(*) - 2) FROM ext_tx") + bind() + execute() + bind(["3"], stmt="ins") + execute() + SYNC)
    r = c.read_until_ready()
    check(kinds(r) == b"2C2C12EZ" and sqlstates(r) == ["22012"], "error after two inserts (got %r)" % kinds(r))
    r = c.query("SELECT count(*) FROM ext_tx")
    check(text_rows(r) == [["0"]], "the error rolled back the whole batch up to Sync")
    r = roundtrip(c, bind(["1"], stmt="ins"), execute(), bind(["2"], stmt="ins"), execute())
    check(tags(r) == ["INSERT 0 1", "INSERT 0 1"] and ready_status(r) == b"I", "batch committed at Sync")
    r = c.query("SELECT count(*) FROM ext_tx")
    check(text_rows(r) == [["2"]], "both rows visible to another statement")
    # Statements of one batch see each other's writes.
    r = roundtrip(c, bind(["3"], stmt="ins"), execute(), parse("SELECT count(*) FROM ext_tx"), bind(),
                  execute())
    check(text_rows(r) == [["3"]], "a later statement of the batch sees the earlier insert")
    # Explicit block through the extended protocol.
    r = roundtrip(c, parse("BEGIN"), bind(), execute())
    check(tags(r) == ["BEGIN"] and ready_status(r) == b"T", "BEGIN via Execute -> status T")
    r = roundtrip(c, bind(["4"], stmt="ins"), execute())
    check(ready_status(r) == b"T", "still in the block after Sync")
    r = roundtrip(c, parse("SELECT nosuchcol FROM ext_tx"), bind(), execute())
    check(sqlstates(r) == ["42703"] and ready_status(r) == b"E", "error in a block -> status E")
    r = roundtrip(c, bind(["5"], stmt="ins"), execute())
    check(sqlstates(r) == ["25P02"], "failed block -> 25P02")
    r = roundtrip(c, parse("ROLLBACK"), bind(), execute())
    check(tags(r) == ["ROLLBACK"] and ready_status(r) == b"I", "ROLLBACK via extended protocol")
    r = c.query("SELECT count(*) FROM ext_tx")
    check(text_rows(r) == [["3"]], "block rolled back")
    r = roundtrip(c, parse("BEGIN"), bind(), execute(), bind(["9"], stmt="ins"), execute(),
                  parse("COMMIT"), bind(), execute())
    check(tags(r) == ["BEGIN", "INSERT 0 1", "COMMIT"] and ready_status(r) == b"I", "BEGIN/INSERT/COMMIT in one batch")
    r = c.query("SELECT count(*) FROM ext_tx")
    check(text_rows(r) == [["4"]], "committed")
    c.query("DROP TABLE ext_tx")
    c.close()


def test_flush_and_empty_query():
    c = session()
    c.send(parse("SELECT 1", "fl") + FLUSH)
    m = c.read_msg()
    check(m is not None and m[0] == b"1", "Flush delivers ParseComplete before Sync")
    c.send(SYNC)
    check(ready_status(c.read_until_ready()) == b"I", "then Sync")
    r = roundtrip(c, parse(""), bind(), describe(b"P"), execute())
    check(kinds(r) == b"12nIZ", "empty query -> NoData, EmptyQueryResponse (got %r)" % kinds(r))
    c.close()


def test_cached_plan_replanned_after_ddl():
    c = session()
    c.query("DROP TABLE IF EXISTS ext_plan")
    c.query("CREATE TABLE ext_plan (a int, b text)")
    c.query("INSERT INTO ext_plan VALUES (1, 'x'), (2, 'y')")
    r = roundtrip(c, parse("SELECT count(*) FROM ext_plan WHERE a >= $1", "cnt"), bind(["1"], stmt="cnt"),
                  execute())
    check(text_rows(r) == [["2"]], "prepared count")
    other = session()
    other.query("DROP TABLE ext_plan")
    other.query("CREATE TABLE ext_plan (z int, a int)")
    other.query("INSERT INTO ext_plan VALUES (0, 5), (0, 6), (0, 7)")
    r = roundtrip(c, bind(["1"], stmt="cnt"), execute())
    check(text_rows(r) == [["3"]], "re-planned against the re-created table (got %r / %r)" %
          (text_rows(r), sqlstates(r)))
    # Same session, inside a transaction: own uncommitted DDL is seen too.
    c.query("BEGIN")
    c.query("ALTER TABLE ext_plan RENAME COLUMN a TO c")
    c.query("ALTER TABLE ext_plan RENAME COLUMN z TO a")
    r = roundtrip(c, bind(["1"], stmt="cnt"), execute())
    check(text_rows(r) == [["0"]], "re-planned after own DDL in the transaction")
    c.query("ROLLBACK")
    r = roundtrip(c, bind(["1"], stmt="cnt"), execute())
    check(text_rows(r) == [["3"]], "re-planned again after the rollback")
    r = roundtrip(c, parse("SELECT * FROM ext_plan", "star"), bind(stmt="star"), execute())
    other.query("ALTER TABLE ext_plan ADD COLUMN extra int")
    r = roundtrip(c, bind(stmt="star"), execute())
    check(sqlstates(r) == ["0A000"], "result layout change -> 0A000 cached plan must not change result type")
    other.query("DROP TABLE ext_plan")
    r = roundtrip(c, bind(["1"], stmt="cnt"), execute())
    check(sqlstates(r) == ["42P01"], "dropped table -> 42P01 on re-planning")
    other.close()
    c.close()


def test_insert_returning_with_parameters():
    c = session()
    c.query("DROP TABLE IF EXISTS ext_users")
    c.query("CREATE TABLE ext_users (id int, name text, score numeric)")
    r = roundtrip(c, parse("INSERT INTO ext_users VALUES ($1, $2, $3) RETURNING id, name, score", "iu"),
                  bind(["1", "ann", "9.5"], stmt="iu"), describe(b"P"), execute(),
                  bind([struct.pack("!i", 2), "bob", None], stmt="iu", formats=[1, 0, 0]), execute())
    check(text_rows(r) == [["1", "ann", "9.5"], ["2", "bob", None]], "INSERT ... RETURNING with parameters")
    check(tags(r) == ["INSERT 0 1", "INSERT 0 1"], "INSERT tags")
    r = roundtrip(c, parse("UPDATE ext_users SET score = $1 WHERE id = $2"), bind(["1.25", "2"]), execute())
    check(tags(r) == ["UPDATE 1"], "UPDATE with parameters")
    r = roundtrip(c, parse("DELETE FROM ext_users WHERE name = $1"), bind(["ann"]), execute())
    check(tags(r) == ["DELETE 1"], "DELETE with parameters")
    c.query("DROP TABLE ext_users")
    c.close()


def test_sql_prepare_namespace_shared():
    """If SQL PREPARE exists, it shares the namespace with protocol statements."""
    c = session()
    r = c.query("PREPARE sqlp AS SELECT 7")
    if sqlstates(r) == ["0A000"]:
        check(True, "SQL PREPARE not available yet: skipped")
        c.close()
        return
    r = roundtrip(c, parse("SELECT 8", "sqlp"))
    check(sqlstates(r) == ["42P05"], "Parse collides with SQL PREPARE's name")
    r = roundtrip(c, bind(stmt="sqlp"), execute())
    check(text_rows(r) == [["7"]], "protocol Bind of a SQL-prepared statement")
    c.query("DEALLOCATE sqlp")
    c.close()


def test_window_functions_with_parameters():
    c = session()
    sql = ("SELECT g, sum(g) OVER (ORDER BY g ROWS $1 PRECEDING), lag(g, $2, $3) OVER (ORDER BY g), "
           "rank() OVER (PARTITION BY g % 2 ORDER BY g) FROM generate_series(1, 5) g ORDER BY g")
    r = roundtrip(c, parse(sql, "s_win"), describe(b"S", "s_win"))
    check(paramdesc(r) == [INT8, INT4, INT4], "frame offset bigint, lag offset and default int4 (got %r)"
          % paramdesc(r))
    check([t for _, t, _ in rowdesc(r)] == [INT4, INT8, INT4, INT8], "window result types (got %r)" % rowdesc(r))
    r = roundtrip(c, bind(["1", "2", "0"], stmt="s_win"), execute())
    check(text_rows(r) == [["1", "1", "0", "1"], ["2", "3", "0", "1"], ["3", "5", "1", "2"],
                           ["4", "7", "2", "2"], ["5", "9", "3", "3"]],
          "windows with ROWS 1 PRECEDING, lag(g, 2, 0) (got %r)" % text_rows(r))
    # the cached plan runs again with other values, two rows at a time
    r = roundtrip(c, bind(["0", "1", None], stmt="s_win"), execute(max_rows=2), execute(max_rows=2),
                  execute(max_rows=2))
    check(kinds(r) == b"2DDsDDsDCZ", "row-limited Execute of a window query (got %r)" % kinds(r))
    check([v[1] for v in text_rows(r)] == ["1", "2", "3", "4", "5"] and
          [v[2] for v in text_rows(r)] == [None, "1", "2", "3", "4"],
          "ROWS 0 PRECEDING and lag(g, 1, NULL) (got %r)" % text_rows(r))
    r = roundtrip(c, bind([None, "1", "0"], stmt="s_win"), execute())
    check(sqlstates(r) == ["22004"], "NULL frame offset -> 22004 (got %r)" % sqlstates(r))
    r = roundtrip(c, bind(["-1", "1", "0"], stmt="s_win"), execute())
    check(sqlstates(r) == ["22013"], "negative frame offset -> 22013 (got %r)" % sqlstates(r))
    c.close()


def test_zz_server_alive():
    c = session()
    r = roundtrip(c, parse("SELECT 1"), bind(), execute())
    check(text_rows(r) == [["1"]], "server still answers after the suite")
    c.close()


def main():
    tests = [v for k, v in sorted(globals().items()) if k.startswith("test_") and callable(v)]
    return run(tests, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
