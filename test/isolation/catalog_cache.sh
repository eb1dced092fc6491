#!/bin/bash
# catalog_cache.sh -- catalog changes committed by one session are seen by
# another session's very next statement, although that session looks names
# up through its per-backend catalog cache (src/backend/catalog/README.md,
# "catalog cache"): a table dropped and re-created with other columns, a
# schema placed ahead on the search path, an index created and dropped; and
# uncommitted or rolled-back DDL of the other session is never seen.
set -euo pipefail
. "$(dirname "$0")/isolation-lib.sh"

ctl "DROP TABLE IF EXISTS iso_cc; DROP SCHEMA IF EXISTS iso_cc_s CASCADE;
     CREATE TABLE iso_cc (a int); INSERT INTO iso_cc VALUES (1);"
sess_open A
sess_open B

# A warms its cache with iso_cc, B replaces the table.
step A "SELECT a FROM iso_cc;"
expect_exact A "1"
step B "DROP TABLE iso_cc;"
step B "CREATE TABLE iso_cc (b text); INSERT INTO iso_cc VALUES ('new');"
step A "SELECT * FROM iso_cc;"
expect_exact A "new"
step A "SELECT a FROM iso_cc;"
expect A "42703"

# Uncommitted DDL is invisible; after ROLLBACK it never existed.
step B "BEGIN;"
step B "CREATE TABLE iso_cc_tmp (x int);"
step A "SELECT count(*) FROM iso_cc_tmp;"
expect A "42P01"
step B "ROLLBACK;"
step A "SELECT count(*) FROM iso_cc_tmp;"
expect A "42P01"

# A schema created ahead on the search path takes over the name at once.
step A "SET search_path = iso_cc_s, public;"
step A "SELECT * FROM iso_cc;"
expect_exact A "new"
step B "CREATE SCHEMA iso_cc_s; CREATE TABLE iso_cc_s.iso_cc (c int); INSERT INTO iso_cc_s.iso_cc VALUES (7);"
step A "SELECT * FROM iso_cc;"
expect_exact A "7"
step B "DROP SCHEMA iso_cc_s CASCADE;"
step A "SELECT * FROM iso_cc;"
expect_exact A "new"

# An index created by B is used by A's next plan; after DROP INDEX it is not.
step B "INSERT INTO iso_cc SELECT 'r' || g FROM generate_series(1, 20000) g; ANALYZE iso_cc;"
step A "EXPLAIN (COSTS OFF) SELECT * FROM iso_cc WHERE b = 'r5';"
expect_not A "iso_cc_b_idx"
step B "CREATE INDEX iso_cc_b_idx ON iso_cc (b);"
step A "EXPLAIN (COSTS OFF) SELECT * FROM iso_cc WHERE b = 'r5';"
expect A "iso_cc_b_idx"
step B "DROP INDEX iso_cc_b_idx;"
step A "EXPLAIN (COSTS OFF) SELECT * FROM iso_cc WHERE b = 'r5';"
expect_not A "iso_cc_b_idx"

sess_close A
sess_close B
ctl "DROP TABLE iso_cc"
