#!/bin/bash
# wal_tail.sh BINDIR SCRATCH -- a torn or truncated WAL tail ends recovery
# cleanly at the last valid record.
#
# 1. Garbage after the last record (a write that was in flight when the
#    machine died): recovery stops before it, every acknowledged commit is
#    there, and the server works (new commits survive the next crash).
# 2. The segment truncated in the middle of its last records: recovery
#    stops at the last complete record; the rows that survive are a prefix
#    of the committed ones (each transaction all or nothing), and the
#    server starts and accepts writes.
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

crash_restart() {
    cleanup
    sleep 0.2
    rm -f "$inst/postmaster.pid"
    "$@"
    start_instance "$inst" "$port"
}

# wal_end -- "SEGMENT-FILE OFFSET" of the end of valid WAL: walk the records
# from the last checkpoint (control file: checkpoint LSN at byte 48) by
# their lengths and prev-links (formats: access/transam/README.md).
wal_end() {
    python3 - "$inst/data" <<'PY'
import os, struct, sys
data = sys.argv[1]
SEG = 16 * 1024 * 1024
ctl = open(os.path.join(data, 'global/rustydb_control'), 'rb').read()
lsn = struct.unpack_from('<Q', ctl, 48)[0]
def seg_path(l):
    return os.path.join(data, 'wal', '%016X' % (l // SEG))
def read(l, n):
    out = b''
    while n > 0:
        off = l % SEG
        k = min(n, SEG - off)
        try:
            with open(seg_path(l), 'rb') as f:
                f.seek(off)
                chunk = f.read(k)
        except FileNotFoundError:
            return None
        if len(chunk) < k:
            return None
        out += chunk
        l += k
        n -= k
    return out
prev = None
while True:
    hdr = read(lsn, 32)
    if hdr is None:
        break
    tot, crc, p = struct.unpack_from('<IIQ', hdr, 0)
    if tot < 32 or (prev is not None and p != prev) or read(lsn, tot) is None:
        break
    prev = lsn
    lsn += (tot + 7) // 8 * 8
print(seg_path(lsn), lsn % SEG)
PY
}

q -c "CREATE TABLE t (batch int NOT NULL, n int NOT NULL)"
for b in $(seq 1 20); do
    q -c "INSERT INTO t SELECT $b, g FROM generate_series(1, 50) g"
done

# 1. garbage after the end of WAL
crash_restart python3 - <<PY
import os
seg, end = """$(wal_end)""".split()
with open(seg, 'r+b') as f:
    f.seek(int(end))
    f.write(os.urandom(3000))
PY
got=$(q -c "SELECT count(*), count(DISTINCT batch) FROM t")
[ "$got" = "1000|20" ] || { echo "after a garbage tail: got '$got', expected 1000|20"; exit 1; }
q -c "INSERT INTO t SELECT 21, g FROM generate_series(1, 50) g"
crash_restart true
got=$(q -c "SELECT count(*) FROM t")
[ "$got" = "1050" ] || { echo "commit after a garbage tail lost: got '$got'"; exit 1; }

# 2. truncated in the middle of the last records
for b in $(seq 22 30); do
    q -c "INSERT INTO t SELECT $b, g FROM generate_series(1, 50) g"
done
crash_restart python3 - <<PY
seg, end = """$(wal_end)""".split()
with open(seg, 'r+b') as f:
    f.truncate(int(end) - 3000)
PY
got=$(q -c "SELECT count(*), count(DISTINCT batch), max(batch) FROM t")
IFS='|' read -r rows batches maxb <<<"$got"
if [ "$rows" -ne $((batches * 50)) ] || [ "$batches" -ne "$maxb" ] || [ "$maxb" -lt 21 ] || [ "$maxb" -ge 30 ]; then
    echo "after truncation: '$got' is not a prefix of whole transactions (expected 21 <= batches < 30)"; exit 1
fi
q -c "INSERT INTO t SELECT 99, g FROM generate_series(1, 10) g"
crash_restart true
got=$(q -c "SELECT count(*) FROM t WHERE batch = 99")
[ "$got" = "10" ] || { echo "commit after truncation lost: got '$got'"; exit 1; }
grep -q "end of WAL" "$inst/logs/rustydb.log" || { echo "no recovery happened"; exit 1; }
stop_instance "$inst" INT
trap - EXIT
echo "wal_tail: garbage and truncated WAL tails end recovery cleanly ($batches of 30 batches kept)"
