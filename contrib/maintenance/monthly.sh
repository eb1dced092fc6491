#!/bin/bash
# monthly.sh -- monthly maintenance (operator's guide, "Monthly Maintenance"):
# REINDEX the critical tables (waiting for the job), then review users.
# Usage: monthly.sh [TABLE...]  (default: users orders products)
# Schedule: first Sunday of the month, 1 AM.  Settings: see rustydb-maint-lib.sh.
set -u
. "$(dirname "$0")/rustydb-maint-lib.sh"
rc=0
tables=("$@")
[ ${#tables[@]} -eq 0 ] && tables=(users orders products)

# 1. REINDEX critical tables (one job for all of them, as the guide does).
run_job reindex "${tables[@]}" || rc=1

# 2. Test backup restoration: see the backup documentation.

# 3. Review users.
if users=$(api GET /api/v1/admin/users); then
    echo "$users" | jq '.total_count'
else
    rc=1
fi
exit $rc
