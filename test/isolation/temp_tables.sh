#!/bin/bash
# temp_tables.sh -- temporary tables are private to their session: another
# session neither finds them by name nor may read them through the schema
# name, each session may have its own table of the same name, and a
# session's temporary tables are gone once it disconnects (src/backend/catalog/README.md, "temporary tables").
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_tmp"
sess_open A
sess_open B

step A "CREATE TEMP TABLE iso_tmp (a int); INSERT INTO iso_tmp VALUES (1), (2);"
step A "SELECT count(*) FROM iso_tmp;"
expect_exact A "2"
step B "SELECT count(*) FROM iso_tmp;"
expect B "42P01"

# B's own table of the same name, with other columns
step B "CREATE TEMP TABLE iso_tmp (b text); INSERT INTO iso_tmp VALUES ('b');"
step B "SELECT b FROM iso_tmp;"
expect_exact B "b"
step A "SELECT a FROM iso_tmp ORDER BY a;"
expect_exact A "1
2"
[ "$(ctl "SELECT count(*) FROM pg_class WHERE relname = 'iso_tmp' AND relpersistence = 't'")" = 2 ] ||
    iso_fail "expected two temporary tables named iso_tmp"

# through A's schema name, B gets PostgreSQL's 0A000
a_schema=$(ctl "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = 'iso_tmp' AND c.relnatts = 1
                  AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'a')")
case "$a_schema" in pg_temp_[0-9]*) ;; *) iso_fail "A's schema is '$a_schema'" ;; esac
step B "SELECT * FROM $a_schema.iso_tmp;"
expect B "0A000"
expect B "cannot access temporary tables of other sessions"

# a permanent table of the same name is hidden in A, not in a third session
ctl "CREATE TABLE iso_tmp (p int); INSERT INTO iso_tmp VALUES (42);"
step A "SELECT a FROM iso_tmp ORDER BY a LIMIT 1;"
expect_exact A "1"
[ "$(ctl "SELECT p FROM iso_tmp")" = 42 ] || iso_fail "the permanent iso_tmp is not visible to others"

# disconnecting drops a session's temporary tables (PostgreSQL keeps the
# empty pg_temp_N schema for reuse; RustyDB drops it too)
sess_close A
for ((i = 0; i < 50; i++)); do
    n=$(ctl "SELECT count(*) FROM pg_class WHERE relname = 'iso_tmp' AND relpersistence = 't'")
    [ "$n" = 1 ] && break
    sleep 0.1
done
[ "$n" = 1 ] || iso_fail "A's temporary table survived its session"
step B "SELECT b FROM iso_tmp;"
expect_exact B "b"
sess_close B
ctl "DROP TABLE iso_tmp"
