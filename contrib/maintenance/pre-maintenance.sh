#!/bin/bash
# pre-maintenance.sh -- pre-maintenance checklist (operator's guide),
# corrected per ERRATA.md: the recent-backup check reads the instance's
# backup/ directory ($RUSTYDB_BACKUP_DIR), the checkpoint job is waited for,
# and any failed step stops the checklist with a non-zero status.
# Settings: see rustydb-maint-lib.sh; RUSTYDB_CONFIG_BACKUP_DIR (default
# $RUSTYDB_BACKUP_DIR/config) receives the configuration snapshot.
# RUSTYDB_SNAPSHOT_REQUIRED (default 1): the maintenance snapshot of step 2
# must be taken, else the checklist stops (exit 1).  With 0, a server that
# does not implement backups (HTTP 501) is reported as "snapshot NOT taken"
# and the checklist goes on; any other failure still stops it.
set -u
. "$(dirname "$0")/rustydb-maint-lib.sh"
RUSTYDB_CONFIG_BACKUP_DIR=${RUSTYDB_CONFIG_BACKUP_DIR:-$RUSTYDB_BACKUP_DIR/config}

# 1. Verify a backup younger than 24 hours exists.
latest=
for entry in "$RUSTYDB_BACKUP_DIR"/*; do
    if [ ! -e "$entry" ] || [ "$(basename "$entry")" = config ]; then
        continue
    fi
    if [ -z "$latest" ] || [ "$entry" -nt "$latest" ]; then
        latest=$entry
    fi
done
if [ -z "$latest" ]; then
    fail "no backup found in $RUSTYDB_BACKUP_DIR"; exit 1
fi
if [ -n "$(find "$latest" -maxdepth 0 -mtime +0)" ]; then
    fail "latest backup $latest is older than 24 hours"; exit 1
fi
log "latest backup: $latest"

# 2. Create a maintenance snapshot (the server reports honestly if it cannot).
if api POST /api/v1/admin/backup '{"backup_type": "full", "compression": true, "encryption": true}' >/dev/null; then
    log "maintenance snapshot requested"
elif [ "$API_STATUS" = 501 ] && [ "${RUSTYDB_SNAPSHOT_REQUIRED:-1}" = 0 ]; then
    log "WARNING: maintenance snapshot NOT taken: this server does not implement backups (HTTP 501);" \
        "continuing because RUSTYDB_SNAPSHOT_REQUIRED=0"
else
    if [ "$API_STATUS" = 501 ]; then
        fail "maintenance snapshot not taken: the server does not implement backups (HTTP 501);" \
            "set RUSTYDB_SNAPSHOT_REQUIRED=0 to continue without one"
    else
        fail "maintenance snapshot not taken (HTTP $API_STATUS)"
    fi
    exit 1
fi

# 3. Notify users (site-specific).
# 4. Enable maintenance mode (optional, site-specific).

# 5. Force a checkpoint and wait for it.
run_job checkpoint || exit 1

# 6. Document the current configuration.
mkdir -p "$RUSTYDB_CONFIG_BACKUP_DIR" || { fail "cannot create $RUSTYDB_CONFIG_BACKUP_DIR"; exit 1; }
out="$RUSTYDB_CONFIG_BACKUP_DIR/config-backup-$(date +%Y%m%d).json"
api GET /api/v1/admin/config >"$out" || { fail "configuration not saved"; exit 1; }
log "configuration saved to $out"
log "pre-maintenance checklist passed"
