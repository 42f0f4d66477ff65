#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the contract tests.
#
#   scripts/pg-test-server.sh start DIR   # initdb (if needed) and start; prints the URL
#   scripts/pg-test-server.sh url DIR     # prints postgresql://postgres@127.0.0.1:PORT/ultramarket_test
#   scripts/pg-test-server.sh stop DIR    # fast shutdown by PID, then removes DIR
#
# initdb and postgres refuse to run as root, so the cluster belongs to the `postgres`
# system user; DIR must therefore be reachable by that user (a folder under /tmp, e.g. from
# `mktemp -d`, is). Only TCP on 127.0.0.1 with a free port: no fixed port to collide with
# another run, no Unix socket path length limits. Durability is off: the data is disposable.
# PG_TEST_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous_commit,
# full_page_writes on), for benchmarks whose numbers must hold for a real deployment;
# PG_TEST_SETTINGS adds server options ("-c commit_delay=200 -c shared_buffers=256MB").
set -euo pipefail

readonly kDatabase=ultramarket_test
readonly kUser=postgres

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    if [[ -n "$dir" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return
    fi
  done
  echo "pg-test-server: PostgreSQL 15 server binaries not found (apt-get install postgresql)" >&2
  exit 1
}

as_postgres() {
  # A working directory the postgres user can read, or its tools warn about the cwd.
  (cd / && runuser -u "$kUser" -- "$@")
}

# The port of a running server: line 4 of postmaster.pid.
running_port() {
  local dir=$1
  [[ -f "$dir/postmaster.pid" ]] || return 1
  local pid port
  pid=$(sed -n 1p "$dir/postmaster.pid")
  port=$(sed -n 4p "$dir/postmaster.pid")
  [[ -n "$pid" && -n "$port" ]] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$port"
}

# A parent made by `mktemp -d` is root's and mode 700, so the postgres user could not reach
# DIR inside it. Grant search (x) only, not listing, on each ancestor that blocks the way.
open_path_to() {
  local path
  path=$(dirname "$1")
  while [[ "$path" != / ]]; do
    if ! as_postgres test -x "$path"; then
      chmod o+x "$path"
    fi
    path=$(dirname "$path")
  done
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

url_for() {
  echo "postgresql://$kUser@127.0.0.1:$1/$kDatabase"
}

cmd_start() {
  local dir=$1 bin port attempt
  bin=$(pg_bin)
  if port=$(running_port "$dir"); then
    url_for "$port"
    return
  fi

  mkdir -p "$dir"
  chown "$kUser:" "$dir"
  chmod 700 "$dir"
  open_path_to "$dir"
  if ! as_postgres test -w "$dir"; then
    echo "pg-test-server: user $kUser cannot reach $dir; use a folder under /tmp (mktemp -d)" >&2
    exit 1
  fi

  if [[ ! -f "$dir/PG_VERSION" ]]; then
    local out
    if ! out=$(as_postgres "$bin/initdb" -D "$dir" -U "$kUser" --auth-local=trust \
      --auth-host=trust --encoding=UTF8 --locale=C.UTF-8 2>&1); then
      echo "$out" >&2
      exit 1
    fi
  fi
  rm -f "$dir/postmaster.pid"  # stale, from a server that died

  # The free port can be taken between the probe and the bind; try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ "${PG_TEST_DURABLE:-0}" == 1 ]] && durability="-c fsync=on -c synchronous_commit=on"
    if as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' \
       $durability -c max_connections=200 ${PG_TEST_SETTINGS:-}" >/dev/null; then
      break
    fi
    if ((attempt == 5)); then
      echo "pg-test-server: could not start PostgreSQL; last log lines:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
  done

  for attempt in $(seq 1 100); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$kUser"; then break; fi
    sleep 0.1
  done
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$kUser" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$kDatabase'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$kUser" "$kDatabase"
  fi
  url_for "$port"
}

cmd_url() {
  local dir=$1 port
  if ! port=$(running_port "$dir"); then
    echo "pg-test-server: no server running in $dir" >&2
    exit 1
  fi
  url_for "$port"
}

cmd_stop() {
  local dir=$1 bin pid
  [[ -d "$dir" ]] || return 0
  # Refuse to delete a folder that is not a cluster of ours: DIR comes from the caller.
  if [[ ! -f "$dir/PG_VERSION" ]] && [[ -n "$(ls -A "$dir")" ]]; then
    echo "pg-test-server: $dir is not a PostgreSQL data folder; not removing it" >&2
    exit 1
  fi
  bin=$(pg_bin)
  if [[ -f "$dir/postmaster.pid" ]]; then
    pid=$(sed -n 1p "$dir/postmaster.pid")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      if ! as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w -t 30 stop >/dev/null 2>&1; then
        kill -INT "$pid" 2>/dev/null || true  # SIGINT is PostgreSQL's fast shutdown
        for _ in $(seq 1 100); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf "$dir"
}

(($# == 2)) || usage
dir=$(realpath -m "$2")
case "$1" in
  start) cmd_start "$dir" ;;
  stop) cmd_stop "$dir" ;;
  url) cmd_url "$dir" ;;
  *) usage ;;
esac
