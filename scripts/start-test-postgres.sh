#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks.
#
#   eval "$(scripts/start-test-postgres.sh)"      # exports DATABASE_URL, DOCKSIDE_TEST_DATABASE_URL, DOCKSIDE_PG_DIR
#   ...
#   scripts/stop-test-postgres.sh                 # or: scripts/start-test-postgres.sh stop [dir]
#
# stdout carries only `export NAME=value` lines (so it can be eval'd); progress goes to stderr.
# The cluster lives in a temp directory (initdb --no-sync, fsync off: data is disposable) and
# listens on a free port on 127.0.0.1 only, with trust auth for local TCP connections.
# As root it runs the server as the `postgres` user. Exit status 3 means PostgreSQL is not installed.
set -euo pipefail

log() { echo "start-test-postgres: $*" >&2; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" && -x "${PG_BINDIR}/initdb" ]]; then echo "$PG_BINDIR"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    if [[ -x "$d/initdb" ]]; then echo "$d"; return 0; fi
  done
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then pg_config --bindir; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the cluster owner: `postgres` when we are root (initdb refuses root), else ourselves.
as_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

stop_cluster() {
  local dir="${1:-${DOCKSIDE_PG_DIR:-}}"
  if [[ -z "$dir" ]]; then
    log "stop: pass the cluster directory or set DOCKSIDE_PG_DIR"; exit 2
  fi
  if [[ ! -f "$dir/cluster.env" ]]; then
    log "stop: $dir is not a cluster made by this script"; exit 2
  fi
  local bindir
  bindir="$(find_bindir)" || { log "PostgreSQL binaries not found"; exit 3; }
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

start_cluster() {
  local bindir
  if ! bindir="$(find_bindir)"; then
    log "PostgreSQL is not installed (no initdb found). As root: apt-get install -y postgresql"
    exit 3
  fi
  if [[ "$(id -u)" == "0" ]] && ! id postgres >/dev/null 2>&1; then
    log "running as root but there is no postgres user to own the cluster"; exit 3
  fi

  local dir port db
  dir="$(mktemp -d "${TMPDIR:-/tmp}/dockside-pg.XXXXXX")"
  chmod 755 "$dir"
  [[ "$(id -u)" == "0" ]] && chown postgres: "$dir"
  db="${DOCKSIDE_PG_DATABASE:-dockside}"

  as_owner "$bindir/initdb" --no-sync -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$bindir/initdb" --no-sync -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { log "initdb failed:"; cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }

  # A port can be taken between choosing and binding it; try a few.
  local started=0 attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      started=1; break
    fi
    log "pg_ctl start on port $port failed (attempt $attempt)"
  done
  if [[ "$started" != 1 ]]; then
    log "could not start PostgreSQL:"; tail -n 20 "$dir/server.log" >&2 || true; rm -rf "$dir"; exit 1
  fi

  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  local url="postgres://postgres@127.0.0.1:$port/$db"
  {
    echo "export DATABASE_URL=$url"
    echo "export DOCKSIDE_TEST_DATABASE_URL=$url"
    echo "export DOCKSIDE_PG_DIR=$dir"
  } >"$dir/cluster.env"
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir (stop: scripts/stop-test-postgres.sh $dir)"
  cat "$dir/cluster.env"
}

case "${1:-start}" in
  start) start_cluster ;;
  stop) stop_cluster "${2:-}" ;;
  *) log "usage: $0 [start|stop [dir]]"; exit 2 ;;
esac
