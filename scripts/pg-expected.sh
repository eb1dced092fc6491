#!/bin/bash
# pg-expected.sh TEST... -- produce test/regress/expected/TEST.out by running
# test/regress/sql/TEST.sql against PostgreSQL 15 (the reference behaviour),
# exactly as run-regress.sh runs it against RustyDB.  Review every
# difference RustyDB intentionally has and edit the expected file by hand.
set -eu
PGBIN=/usr/lib/postgresql/15/bin
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/instance-lib.sh"
tmp=$(mktemp -d /tmp/pgexp.XXXXXX)
chown postgres "$tmp"
port=$(free_port)
su postgres -c "$PGBIN/initdb -D $tmp/data -A trust -E UTF8 --locale=C >/dev/null && \
    $PGBIN/pg_ctl -D $tmp/data -o '-p $port -k $tmp -c TimeZone=UTC' -l $tmp/log -w start >/dev/null"
psql -X -q -h "$tmp" -p "$port" -U postgres -d postgres -c 'CREATE DATABASE rustydb' >/dev/null
cd "$top/test/regress"
for t in "$@"; do
    PGTZ=UTC PGDATESTYLE="ISO, MDY" PGAPPNAME=pg_regress \
        psql -X -a -q -h "$tmp" -p "$port" -U postgres -d rustydb -f "sql/$t.sql" >"expected/$t.out" 2>&1 || true
    echo "wrote expected/$t.out"
done
su postgres -c "$PGBIN/pg_ctl -D $tmp/data -m fast stop >/dev/null"
rm -rf "$tmp"
