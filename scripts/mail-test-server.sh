#!/usr/bin/env bash
# A throwaway SMTP server for the email tests: Mailpit, built from the Go module proxy.
#
#   scripts/mail-test-server.sh start DIR    # installs Mailpit if needed, starts it; prints the SMTP URL
#   scripts/mail-test-server.sh url DIR      # prints smtp://127.0.0.1:PORT
#   scripts/mail-test-server.sh api-url DIR  # prints http://127.0.0.1:PORT (Mailpit's REST API)
#   scripts/mail-test-server.sh install      # only builds Mailpit
#   scripts/mail-test-server.sh stop DIR     # stops it by PID, then removes DIR
#
# Loopback only, on free ports, with its messages in DIR. Any SMTP login is accepted. Only
# recipients at example.com, example.org, example.net or localhost are accepted; any other
# is refused with a 550 reply, so the tests can see a permanent refusal from a real server.
set -euo pipefail

readonly kVersion=v1.27.11
readonly kModule=github.com/axllent/mailpit
readonly kAllowedRecipients='@(example\.(com|org|net)|localhost)$'
install_dir="${XDG_CACHE_HOME:-$HOME/.cache}/ultramarket/mailpit/$kVersion"
readonly binary="$install_dir/mailpit"

usage() {
  echo "usage: $0 start|stop|url|api-url DIR" >&2
  exit 2
}

find_go() {
  local candidate
  for candidate in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      echo "$candidate"
      return
    fi
  done
  # Debian's Go is older than Mailpit needs; with GOTOOLCHAIN=auto it fetches the right
  # toolchain from the Go module proxy (golang.org/toolchain) by itself.
  echo "mail-test-server: installing Go (Debian golang-go)" >&2
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends golang-go ca-certificates >&2 ||
    { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends golang-go ca-certificates >&2; }
  command -v go
}

ensure_binary() {
  [[ -x "$binary" ]] && return
  local go
  go=$(find_go)
  echo "mail-test-server: building Mailpit $kVersion (once; takes a few minutes)" >&2
  mkdir -p "$install_dir"
  (cd / && GOFLAGS=-mod=mod GOTOOLCHAIN=auto GOBIN="$install_dir" "$go" install "$kModule@$kVersion") >&2
  [[ -x "$binary" ]] || { echo "mail-test-server: Mailpit did not build" >&2; exit 1; }
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

running() {
  local dir=$1 pid
  [[ -f "$dir/mailpit.pid" ]] || return 1
  pid=$(cat "$dir/mailpit.pid")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

port_open() {
  python3 -c 'import socket, sys
s = socket.socket()
s.settimeout(0.5)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

cmd_start() {
  local dir=$1 smtp_port http_port attempt pid
  if running "$dir"; then
    echo "smtp://127.0.0.1:$(cat "$dir/smtp.port")"
    return
  fi
  ensure_binary
  mkdir -p "$dir"
  # The free ports can be taken between the probe and the bind; try a few.
  for attempt in 1 2 3 4 5; do
    smtp_port=$(free_port)
    http_port=$(free_port)
    "$binary" --smtp "127.0.0.1:$smtp_port" --listen "127.0.0.1:$http_port" \
      --database "$dir/mailpit.db" --smtp-auth-accept-any --smtp-auth-allow-insecure \
      --smtp-allowed-recipients "$kAllowedRecipients" --disable-version-check \
      --max 0 --quiet >"$dir/mailpit.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/mailpit.pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      if port_open "$smtp_port" && port_open "$http_port"; then
        echo "$smtp_port" >"$dir/smtp.port"
        echo "$http_port" >"$dir/http.port"
        echo "smtp://127.0.0.1:$smtp_port"
        return
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  echo "mail-test-server: Mailpit did not start; its log:" >&2
  tail -n 20 "$dir/mailpit.log" >&2 || true
  exit 1
}

cmd_url() {
  local dir=$1
  running "$dir" || { echo "mail-test-server: no server running in $dir" >&2; exit 1; }
  echo "smtp://127.0.0.1:$(cat "$dir/smtp.port")"
}

cmd_api_url() {
  local dir=$1
  running "$dir" || { echo "mail-test-server: no server running in $dir" >&2; exit 1; }
  echo "http://127.0.0.1:$(cat "$dir/http.port")"
}

cmd_stop() {
  local dir=$1 pid
  [[ -d "$dir" ]] || return 0
  # Refuse to delete a folder that is not ours: DIR comes from the caller.
  if [[ ! -f "$dir/mailpit.pid" ]] && [[ -n "$(ls -A "$dir")" ]]; then
    echo "mail-test-server: $dir is not a Mailpit folder; not removing it" >&2
    exit 1
  fi
  if [[ -f "$dir/mailpit.pid" ]]; then
    pid=$(cat "$dir/mailpit.pid")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

# `install` only builds Mailpit (the test command runs it while the C++ tree compiles).
if [[ ${1:-} == install ]]; then
  ensure_binary
  exit 0
fi
(($# == 2)) || usage
dir=$(realpath -m "$2")
case "$1" in
  start) cmd_start "$dir" ;;
  stop) cmd_stop "$dir" ;;
  url) cmd_url "$dir" ;;
  api-url) cmd_api_url "$dir" ;;
  *) usage ;;
esac
