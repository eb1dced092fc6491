#!/bin/bash
# rustydb-maintenance.sh -- automated maintenance (operator's guide,
# "Maintenance Automation"), corrected per ERRATA.md: a step counts as done
# only when its maintenance job succeeded (the guide tested curl's exit
# status, which is 0 for HTTP 400 and 500 too), and every failure is both
# logged and mailed.
# Install: cp rustydb-maintenance.sh rustydb-maint-lib.sh /usr/local/bin/
#          crontab: 0 3 * * * /usr/local/bin/rustydb-maintenance.sh
# Settings: see rustydb-maint-lib.sh; RUSTYDB_LOG (default
# /var/log/rustydb-maintenance.log), ALERT_EMAIL (default dba-team@company.com;
# empty disables mail), RUSTYDB_TABLES (default "users orders products"),
# CACHE_HIT_THRESHOLD (default 0.90).
set -u
RUSTYDB_LOG=${RUSTYDB_LOG:-/var/log/rustydb-maintenance.log}
. "$(dirname "$0")/rustydb-maint-lib.sh"
ALERT_EMAIL=${ALERT_EMAIL-dba-team@company.com}
read -r -a TABLES <<<"${RUSTYDB_TABLES:-users orders products}"
CACHE_HIT_THRESHOLD=${CACHE_HIT_THRESHOLD:-0.90}
rc=0

alert() {
    local subject=$1 text=$2
    rc=1
    if [ -n "$ALERT_EMAIL" ] && command -v mail >/dev/null 2>&1; then
        echo "$text" | mail -s "$subject" "$ALERT_EMAIL" || log "could not send mail to $ALERT_EMAIL"
    elif [ -n "$ALERT_EMAIL" ]; then
        log "mail(1) not installed: alert not mailed: $subject: $text"
    fi
}

log "Starting maintenance tasks"

# 1. Daily ANALYZE.
log "Running ANALYZE..."
if run_job analyze; then
    log "✓ ANALYZE completed successfully"
else
    log "✗ ANALYZE failed"
    alert "RustyDB Maintenance Alert" "ANALYZE failed"
fi

# 2. Weekly VACUUM (Sunday only).
DAY_OF_WEEK=$(date +%u)
if [ "$DAY_OF_WEEK" -eq 7 ] || [ -n "${RUSTYDB_FORCE_WEEKLY:-}" ]; then
    log "Running VACUUM..."
    if run_job vacuum "${TABLES[@]}"; then
        log "✓ VACUUM completed successfully"
    else
        log "✗ VACUUM failed"
        alert "RustyDB Maintenance Alert" "VACUUM failed"
    fi
fi

# 3. Monthly REINDEX (first Sunday).
DAY_OF_MONTH=$(date +%d)
if { [ "$DAY_OF_WEEK" -eq 7 ] && [ "${DAY_OF_MONTH#0}" -le 7 ]; } || [ -n "${RUSTYDB_FORCE_MONTHLY:-}" ]; then
    log "Running REINDEX..."
    if run_job reindex "${TABLES[@]}"; then
        log "✓ REINDEX completed successfully"
    else
        log "✗ REINDEX failed"
        alert "RustyDB Maintenance Alert" "REINDEX failed"
    fi
fi

# 4. Database health.
log "Checking database health..."
if check_health; then
    log "✓ Database health: HEALTHY"
else
    log "✗ Database health check failed"
    alert "RustyDB Health Alert" "Database health check failed"
fi

# 5. Performance metrics.
log "Checking performance metrics..."
if PERF=$(api GET /api/v1/stats/performance); then
    CACHE_HIT=$(echo "$PERF" | jq -r '.cache_hit_ratio')
    if [ "$CACHE_HIT" = null ]; then
        log "cache hit ratio not available: $(echo "$PERF" | jq -r '.unavailable.cache_hit_ratio // "unknown reason"')"
    elif [ "$(echo "$CACHE_HIT < $CACHE_HIT_THRESHOLD" | bc -l)" -eq 1 ]; then
        log "⚠ Cache hit ratio low: $CACHE_HIT"
        alert "RustyDB Performance Alert" "Cache hit ratio below threshold: $CACHE_HIT"
    fi
else
    alert "RustyDB Performance Alert" "performance metrics unavailable"
fi

log "Maintenance tasks completed$([ $rc -ne 0 ] && echo ' with errors')"
exit $rc
