#!/bin/bash
# daily.sh -- daily maintenance (operator's guide, "Daily Maintenance"),
# corrected per ERRATA.md: the ANALYZE job is waited for and must succeed,
# and every failed step is reported and sets a non-zero exit status.
# Schedule: 0 3 * * *   Settings: see rustydb-maint-lib.sh.
set -u
. "$(dirname "$0")/rustydb-maint-lib.sh"
rc=0

# 1. Update statistics (ANALYZE every table).
run_job analyze || rc=1

# 2. Check disk space of the instance.
df -h "$RUSTYDB_INSTANCE" || { fail "could not check disk space of $RUSTYDB_INSTANCE"; rc=1; }

# 3. Review backup status.
if [ -d "$RUSTYDB_BACKUP_DIR" ]; then
    ls -lh "$RUSTYDB_BACKUP_DIR"
else
    fail "backup directory $RUSTYDB_BACKUP_DIR does not exist"; rc=1
fi

# 4. Review slow queries.
slow="$RUSTYDB_INSTANCE/logs/slow-query.log"
if [ -f "$slow" ]; then
    tail -20 "$slow"
else
    log "no slow-query log at $slow"
fi
exit $rc
