#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for tests and benchmarks.
#   scripts/postgres-throwaway.sh start   installs Debian's postgresql if missing, creates a cluster in a
#                                         temporary folder, starts it on a free port and prints on stdout
#                                         the folder and the connection string, tab-separated
#   scripts/postgres-throwaway.sh stop DIR  stops that cluster and removes its folder
# The cluster trades durability for speed (fsync off): it holds nothing worth keeping.
set -euo pipefail

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres account then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

case "${1:-}" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "== installing postgresql" >&2
      if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
      $apt_get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq postgresql >/dev/null
    fi
    bin="$(bindir)"
    [ -n "$bin" ] || { echo "postgres-throwaway: no PostgreSQL server found or installed" >&2; exit 1; }
    dir="$(mktemp -d /tmp/postloan-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: the first in a random run that nothing answers on.
    port=$((20000 + RANDOM % 20000))
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
      start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    printf '%s\tHost=127.0.0.1;Port=%s;Username=postgres;Database=postgres\n' "$dir" "$port"
    ;;
  stop)
    dir="${2:?usage: $0 stop DIR}"
    bin="$(bindir)"
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
