#!/bin/bash
#
# libpq_params_test.sh
#     Build test/bin/libpq_params.c with gcc -lpq and run it against the
#     server named by the libpq environment (PGHOST, PGPORT, PGUSER,
#     PGDATABASE; scripts/run-protocol.sh sets them): PQexecParams,
#     PQprepare, PQexecPrepared and PQdescribePrepared with text and binary
#     parameters.  Skips (exit 0, with a message) without gcc or libpq's
#     headers.  Exit status: the program's failure count.
set -u

here=$(cd "$(dirname "$0")" && pwd)
scratch=${RDB_SCRATCH:-$(mktemp -d /tmp/rdb_libpq.XXXXXX)}
mkdir -p "$scratch"

if ! command -v gcc >/dev/null 2>&1; then
    echo "libpq_params: gcc not found; skipped"
    exit 0
fi
cflags=$(pkg-config --cflags libpq 2>/dev/null || echo "-I$(pg_config --includedir 2>/dev/null)")
libs=$(pkg-config --libs libpq 2>/dev/null || echo "-lpq")
if ! echo '#include <libpq-fe.h>' | gcc $cflags -E - >/dev/null 2>&1; then
    echo "libpq_params: libpq-fe.h not found; skipped"
    exit 0
fi

bin="$scratch/libpq_params"
gcc -std=gnu17 -Wall -Wextra -Werror -O1 -o "$bin" "$here/libpq_params.c" $cflags $libs || exit 1
"$bin"
