#!/bin/bash
# rustydb-maint-lib.sh -- shared helpers of the maintenance scripts in this
# directory (the operator's guide's scripts, corrected per ERRATA.md):
#   - every HTTP call checks the HTTP status, and prints the API's error
#     message when it fails (curl alone exits 0 on HTTP 400/500);
#   - a maintenance job counts as done only when the API reports it
#     "succeeded": we poll GET /api/v1/admin/maintenance/<id> until then;
#   - errors are reported explicitly and make the script exit non-zero.
#
# Settings (environment):
#   RUSTYDB_ADMIN_URL     admin API base URL          (http://localhost:8080)
#   RUSTYDB_ADMIN_TOKEN   bearer token, if the API needs one (non-loopback)
#   RUSTYDB_INSTANCE      instance directory          (/var/lib/rustydb/instances/default)
#   RUSTYDB_BACKUP_DIR    where backups are kept      ($RUSTYDB_INSTANCE/backup)
#   RUSTYDB_JOB_TIMEOUT   seconds to wait for one job (3600)
#   RUSTYDB_POLL_SECONDS  polling interval            (2)
#   RUSTYDB_LOG           log file, optional          (stdout only when unset)
# Needs: bash, curl, jq.
#
# A job that no server process can execute (the API says so in the job's
# "warning": e.g. an operation whose executor this server build lacks) is
# reported at once and counts as failed; it is cancelled so that it does not
# linger in the queue.

RUSTYDB_ADMIN_URL=${RUSTYDB_ADMIN_URL:-http://localhost:8080}
RUSTYDB_INSTANCE=${RUSTYDB_INSTANCE:-/var/lib/rustydb/instances/default}
RUSTYDB_BACKUP_DIR=${RUSTYDB_BACKUP_DIR:-$RUSTYDB_INSTANCE/backup}
RUSTYDB_JOB_TIMEOUT=${RUSTYDB_JOB_TIMEOUT:-3600}
RUSTYDB_POLL_SECONDS=${RUSTYDB_POLL_SECONDS:-2}

for tool in curl jq; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is required" >&2
        exit 2
    fi
done

log() {
    local line
    line="[$(date '+%Y-%m-%d %H:%M:%S')] $*"
    if [ -n "${RUSTYDB_LOG:-}" ]; then
        echo "$line" | tee -a "$RUSTYDB_LOG"
    else
        echo "$line"
    fi
}

fail() {
    log "ERROR: $*"
    return 1
}

# api METHOD PATH [JSON] -- call the admin API; the response body goes to
# stdout.  Returns 0 for HTTP 2xx; otherwise prints the error envelope's
# code and message to stderr and returns 1.  API_STATUS gets the HTTP
# status (000: no answer) when api is not run in a subshell.
API_STATUS=
api() {
    local method=$1 path=$2 data=${3:-}
    local tmp status
    API_STATUS=000
    local args=(-sS -X "$method" -w '\n%{http_code}' --max-time 60)
    [ -n "${RUSTYDB_ADMIN_TOKEN:-}" ] && args+=(-H "Authorization: Bearer $RUSTYDB_ADMIN_TOKEN")
    [ -n "$data" ] && args+=(-H "Content-Type: application/json" --data "$data")
    if ! tmp=$(curl "${args[@]}" "$RUSTYDB_ADMIN_URL$path"); then
        echo "error: could not reach the admin API at $RUSTYDB_ADMIN_URL" >&2
        return 1
    fi
    status=${tmp##*$'\n'}
    tmp=${tmp%$'\n'*}
    API_STATUS=$status
    if [ "${status:0:1}" != "2" ]; then
        echo "error: $method $path answered HTTP $status: $(echo "$tmp" | jq -r '"\(.code): \(.message)"' 2>/dev/null || echo "$tmp")" >&2
        return 1
    fi
    printf '%s\n' "$tmp"
}

# run_job OPERATION [TABLE...] -- queue a maintenance job and wait until it
# finishes.  Returns 0 only if the job succeeded.
run_job() {
    local op=$1
    shift
    local tables body job id status waited=0
    tables=$(printf '%s\n' "$@" | jq -R . | jq -s 'map(select(length > 0))')
    if [ "$op" = checkpoint ]; then
        body='{"operation": "checkpoint"}'
    else
        body=$(jq -cn --arg op "$op" --argjson t "$tables" '{operation: $op, tables: $t}')
    fi
    job=$(api POST /api/v1/admin/maintenance "$body") || return 1
    id=$(echo "$job" | jq -r .job_id)
    log "$op job $id queued${*:+ for $*}"
    while :; do
        job=$(api GET "/api/v1/admin/maintenance/$id") || return 1
        status=$(echo "$job" | jq -r .status)
        case "$status" in
            succeeded)
                log "$op job $id succeeded: $(echo "$job" | jq -c '.result | del(.tables)')"
                return 0 ;;
            failed|cancelled)
                fail "$op job $id $status: $(echo "$job" | jq -r '.error // "no error message"')"
                return 1 ;;
            queued)
                if [ "$(echo "$job" | jq -r '.warning // empty')" != "" ]; then
                    fail "$op job $id cannot run: $(echo "$job" | jq -r .warning)"
                    api DELETE "/api/v1/admin/maintenance/$id" >/dev/null &&
                        log "$op job $id cancelled"
                    return 1
                fi ;;
        esac
        if [ "$waited" -ge "$RUSTYDB_JOB_TIMEOUT" ]; then
            fail "$op job $id still $status after ${RUSTYDB_JOB_TIMEOUT}s ($(echo "$job" | jq -r '.warning // .progress.phase'))"
            return 1
        fi
        sleep "$RUSTYDB_POLL_SECONDS"
        waited=$((waited + RUSTYDB_POLL_SECONDS))
    done
}

# check_health -- 0 if the API reports "healthy"; prints the failing checks otherwise.
check_health() {
    local health status
    # 503 (unhealthy) still carries the report: read it without failing first.
    health=$(curl -sS --max-time 30 ${RUSTYDB_ADMIN_TOKEN:+-H "Authorization: Bearer $RUSTYDB_ADMIN_TOKEN"} \
        "$RUSTYDB_ADMIN_URL/api/v1/admin/health") || { fail "could not reach the admin API"; return 1; }
    status=$(echo "$health" | jq -r '.status // "unknown"')
    if [ "$status" = healthy ]; then
        log "database health: healthy"
        return 0
    fi
    fail "database health: $status"
    echo "$health" | jq -r '.checks | to_entries[] | select(.value.status == "degraded" or .value.status == "unhealthy")
        | "  \(.key): \(.value.status): \(.value.message)"' >&2
    return 1
}
