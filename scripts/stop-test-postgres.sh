#!/usr/bin/env bash
# Stops a cluster started by start-test-postgres.sh and deletes its directory.
#   scripts/stop-test-postgres.sh [dir]     (default: $DOCKSIDE_PG_DIR)
set -euo pipefail
exec "$(dirname "$0")/start-test-postgres.sh" stop "${1:-${DOCKSIDE_PG_DIR:-}}"
