#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster (Debian's postgresql-15) for the dev backend and the plugin's
# end-to-end test: its own data directory, socket and port, trust authentication on 127.0.0.1.
#
#   bash scripts/dev-postgres.sh start DIR   # prints KATASTER_DEV_DATABASE=postgres://postgres@127.0.0.1:PORT
#   bash scripts/dev-postgres.sh stop DIR
#
# As root: installs postgresql-15 when it is missing (without creating Debian's default cluster)
# and runs the cluster as the postgres user. Exits 3, with a message, when PostgreSQL is not
# available (the dev backend then uses better-sqlite3 in memory).
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory for the cluster}
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
start)
  if [ ! -x "$bin/initdb" ] && [ "$(id -u)" = 0 ]; then
    echo "dev-postgres: installing postgresql-15 (Debian)" >&2
    mkdir -p /etc/postgresql-common
    [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confold postgresql-15 >/dev/null) >&2 || true
  fi
  if [ ! -x "$bin/initdb" ]; then
    echo "dev-postgres: PostgreSQL 15 is not installed ($bin/initdb; apt-get install postgresql-15)" >&2
    exit 3
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    # The postgres user must reach DIR (e.g. DIR under a root-only mktemp -d).
    runuser -u postgres -- test -x "$dir" || chmod o+x "$(dirname "$dir")"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 3; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null ||
    { cat "$dir/postgres.log" >&2; exit 3; }
  echo "KATASTER_DEV_DATABASE=postgres://postgres@127.0.0.1:$port"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
