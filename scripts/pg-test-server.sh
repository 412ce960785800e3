#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks: initdb in a temp directory, listening on
# 127.0.0.1 only (a free port), Unix socket inside that directory, run as a non-root user.
#
#   scripts/pg-test-server.sh start [--durable]   prints DATABASE_URL, then PGTEST_DIR on stdout
#   scripts/pg-test-server.sh stop DIR            stops it (fast shutdown) and deletes DIR
#
# Without --durable, fsync is off (tests: nothing must survive an OS crash). --durable keeps
# fsync and turns synchronous_commit off, which matches SQLite's synchronous=NORMAL in WAL mode:
# a crash of the machine may lose the last commits, never corrupt the database.
set -euo pipefail

bin_dir() {
  local initdb
  for initdb in /usr/lib/postgresql/*/bin/initdb; do
    if [ -x "$initdb" ]; then dirname "$initdb"; return; fi
  done
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL is not installed (no initdb): apt-get install postgresql" >&2
  exit 1
}

# initdb refuses to run as root: as root, run the server as the `postgres` system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

start() {
  local durable=0
  [ "${1:-}" = "--durable" ] && durable=1
  local bin dir port password
  bin="$(bin_dir)"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/okta-pg.XXXXXX")"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  password="$(node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url'))")"
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pwfile"
  as_owner "$bin/initdb" -D "$dir/data" -U okta --pwfile="$dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --lc-collate=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  rm -f "$dir/pwfile"
  local opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200"
  opts="$opts -c shared_buffers=64MB"
  if [ "$durable" -eq 1 ]; then
    opts="$opts -c synchronous_commit=off"
  else
    # Tests create and drop a database per test file (or per test): no WAL beyond what crash
    # recovery needs, no checkpoints but the ones CREATE DATABASE forces, no autovacuum visits.
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    opts="$opts -c wal_level=minimal -c max_wal_senders=0 -c checkpoint_timeout=1h"
    opts="$opts -c max_wal_size=4GB -c autovacuum=off"
  fi
  for _ in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "$opts -p $port" start >/dev/null; then
      printf 'postgres://okta:%s@127.0.0.1:%s/postgres\n%s\n' "$password" "$port" "$dir"
      return
    fi
  done
  cat "$dir/server.log" >&2
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir="${1:?usage: pg-test-server.sh stop DIR}"
  case "$dir" in */okta-pg.*) ;; *) echo "not a test server directory: $dir" >&2; exit 1 ;; esac
  if [ -d "$dir/data" ]; then
    as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start [--durable] | stop DIR" >&2; exit 2 ;;
esac
