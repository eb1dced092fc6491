#!/bin/bash
# torn_page.sh BINDIR SCRATCH -- a torn data page is repaired by recovery.
#
# After a checkpoint, the first change to a page logs a full-page image.
# We change a table's pages, kill -9 every server process (no checkpoint
# since), then tear one of its pages on disk (its second half overwritten
# with garbage, as an interrupted 8 KiB write would leave it).  Recovery
# must restore the page from its image and replay the rest: the data comes
# back exactly, with no checksum error.  A control table whose page is
# corrupted the same way but that was not changed since the checkpoint has
# no image to repair it: reading it must fail with XX001 (torn pages are
# detected, never served).
set -euo pipefail
BINDIR=$1
SCRATCH=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/instance-lib.sh"

inst="$SCRATCH/instance"
port=$(free_port)
cleanup() {
    local pm
    pm=$(cat "$inst/test.pid" 2>/dev/null) || return 0
    kill_postmaster_tree "$pm"
}
trap cleanup EXIT
start_instance "$inst" "$port"
export PGHOST="$inst/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=rustydb
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE TABLE torn (id int NOT NULL, pad text NOT NULL)"
q -c "CREATE TABLE control (id int NOT NULL)"
q -c "INSERT INTO torn SELECT g, repeat('x', 100) FROM generate_series(1, 500) g"
q -c "INSERT INTO control SELECT g FROM generate_series(1, 100) g"
q -c "CHECKPOINT"
# First changes after the checkpoint: every page of torn gets an image.
q -c "UPDATE torn SET pad = repeat('y', 100) WHERE id % 2 = 0"
q -c "INSERT INTO torn VALUES (1000, 'after the checkpoint')"
expect=$(q -c "SELECT count(*), sum(id), sum(length(pad)) FROM torn")

db=$(q -c "SELECT oid FROM pg_database WHERE datname = current_database()")
torn_file="$inst/data/base/$db/$(q -c "SELECT relfilenode FROM pg_class WHERE relname = 'torn'")"
control_file="$inst/data/base/$db/$(q -c "SELECT relfilenode FROM pg_class WHERE relname = 'control'")"

cleanup       # kill -9: the changed pages may or may not have reached the disk
sleep 0.2
rm -f "$inst/postmaster.pid"

# Tear block 0 of both tables: bytes 4096..8191 become garbage.
tear() {
    python3 - "$1" <<'PY'
import os, sys
with open(sys.argv[1], 'r+b') as f:
    f.seek(4096)
    f.write(os.urandom(4096))
PY
}
tear "$torn_file"
tear "$control_file"

start_instance "$inst" "$port"
got=$(q -c "SELECT count(*), sum(id), sum(length(pad)) FROM torn")
if [ "$got" != "$expect" ]; then
    echo "torn page not repaired: got '$got', expected '$expect'"; exit 1
fi
if out=$(psql -X -q -t -A -c "SELECT count(*) FROM control" 2>&1); then
    echo "a torn page with no image was served: $out"; exit 1
fi
case "$out" in
    *"invalid page in block 0"*) ;;
    *) echo "unexpected error for the control table: $out"; exit 1 ;;
esac
grep -q "redo done" "$inst/logs/rustydb.log" || { echo "no recovery happened"; exit 1; }
stop_instance "$inst" INT
trap - EXIT
echo "torn_page: torn page repaired from its full-page image; unlogged tear detected"
