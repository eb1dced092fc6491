#!/bin/bash
# weekly.sh -- weekly maintenance (operator's guide, "Weekly Maintenance"):
# VACUUM the large tables one by one, waiting for each job to succeed, then
# show the performance metrics and the connection pool figures.
# Usage: weekly.sh [TABLE...]   (default: users orders products)
# Schedule: 0 2 * * 0   Settings: see rustydb-maint-lib.sh.
set -u
. "$(dirname "$0")/rustydb-maint-lib.sh"
rc=0
tables=("$@")
[ ${#tables[@]} -eq 0 ] && tables=(users orders products)

# 1. VACUUM large tables.
for TABLE in "${tables[@]}"; do
    run_job vacuum "$TABLE" || rc=1
done

# 2. Review performance metrics.
api GET /api/v1/stats/performance | jq '.' || rc=1

# 3. Check connection pool stats.
api GET /api/v1/pools/default/stats | jq '.' || rc=1
exit $rc
