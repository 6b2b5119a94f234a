#!/usr/bin/env bash
# Starts a private PostgreSQL server for the tests on 127.0.0.1 (port $PGPORT, default 55432), installing the
# Debian package first when it is missing. Prints the connection string base (no database) on stdout.
# Usage: scripts/postgres.sh start | stop
set -euo pipefail
PGPORT="${RENEWAL_PG_PORT:-55432}"
PGDATA="${RENEWAL_PG_DATA:-/tmp/renewal-pg-$PGPORT}"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_installed() {
  if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/postgres" ]; then
    echo "installing PostgreSQL (Debian package postgresql)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-start}" in
  start)
    ensure_installed
    BIN="$(bindir)"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      rm -rf "$PGDATA"; mkdir -p "$PGDATA"
      [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA"
      as_postgres "'$BIN/initdb' -D '$PGDATA' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PGPORT"
        echo "unix_socket_directories = '$PGDATA'"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_connections = 200"
      } >> "$PGDATA/postgresql.conf"
    fi
    if ! as_postgres "'$BIN/pg_ctl' -D '$PGDATA' status" >/dev/null 2>&1; then
      as_postgres "'$BIN/pg_ctl' -D '$PGDATA' -l '$PGDATA/server.log' -w -t 60 start" >&2
    fi
    echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=unused;Pooling=true;Include Error Detail=true"
    ;;
  stop)
    BIN="$(bindir)"
    [ -n "$BIN" ] && as_postgres "'$BIN/pg_ctl' -D '$PGDATA' -m fast stop" >&2 || true
    ;;
esac
