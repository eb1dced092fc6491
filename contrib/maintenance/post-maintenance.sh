#!/bin/bash
# post-maintenance.sh -- post-maintenance checklist (operator's guide),
# corrected per ERRATA.md: the log check reports errors explicitly (the
# guide's `tail | grep -i error` succeeded exactly when errors were found),
# and HTTP failures are detected.  Exit status 0 only if every check passed.
# Settings: see rustydb-maint-lib.sh; RUSTYDB_SMOKE_QUERY (default
# "SELECT 1"), RUSTYDB_CLI (default rusty-db-cli).
set -u
. "$(dirname "$0")/rustydb-maint-lib.sh"
rc=0

# 1. Verify database health.
check_health || { fail "database health check failed: initiate the rollback procedure"; exit 1; }

# 2. Run smoke tests.
if ! "${RUSTYDB_CLI:-rusty-db-cli}" --command "${RUSTYDB_SMOKE_QUERY:-SELECT 1;}"; then
    fail "smoke test query failed"; rc=1
fi

# 3. Verify performance metrics.
api GET /api/v1/stats/performance | jq '{cache_hit_ratio, transactions_per_second, locks_held, deadlocks}' || rc=1

# 4. Check connection pools.
api GET /api/v1/pools/default/stats | jq '{active_connections, idle_connections, waiting_requests}' || rc=1

# 5. Verify application connectivity (site-specific).

# 6. Monitor for errors in the server log.
logfile="$RUSTYDB_INSTANCE/logs/rustydb.log"
if [ ! -r "$logfile" ]; then
    fail "cannot read $logfile"; rc=1
elif errors=$(tail -50 "$logfile" | grep -Ei '(ERROR|FATAL|PANIC):'); then
    fail "errors in the last 50 lines of $logfile:"
    echo "$errors" >&2
    rc=1
else
    log "no errors in the last 50 lines of $logfile"
fi

# 7. Notify users; 8. document changes (site-specific).
[ $rc -eq 0 ] && log "post-maintenance checklist passed"
exit $rc
