#!/bin/bash
# run-default.sh BINDIR -- `make run`: install the programs, create the default
# instance if there is none, and start it in the background (SQL on 5432,
# admin API on 8080).  RDB_INSTANCE overrides the instance directory.
set -eu
BINDIR=$1
instance=${RDB_INSTANCE:-/var/lib/rustydb/instances/default}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO make --no-print-directory install >/dev/null
prefix_bin=$(sed -n 's/^bindir := //p' Makefile.global | sed "s|\${exec_prefix}|$(sed -n 's/^exec_prefix := //p' Makefile.global)|; s|\${prefix}|$(sed -n 's/^prefix := //p' Makefile.global)|")
[ -n "$prefix_bin" ] || prefix_bin=$BINDIR
if [ ! -f "$instance/rustydb.conf" ]; then
    $SUDO mkdir -p "$(dirname "$instance")"
    $SUDO "$prefix_bin/rustydb-initdb" -D "$instance"
fi
if "$prefix_bin/rustydb-ctl" status -D "$instance" >/dev/null 2>&1; then
    echo "RustyDB is already running on instance $instance"
else
    $SUDO "$prefix_bin/rustydb-ctl" start -D "$instance" -w
fi
echo "connect with:  rusty-db-cli        (or: psql -h localhost -p 5432 -d rustydb)"
echo "admin API:     curl -s http://localhost:8080/api/v1/admin/health"
echo "stop with:     rustydb-ctl stop -D $instance"
