#!/usr/bin/env bash
# GET /v2/search?q=... on a 10,000-product catalog: throughput and p99 (wrk -t2 -c64),
# with the same server's GET /health measured in the same run as the reference.
#
#   bench/search.sh [BUILD_DIR] [DURATION]     (defaults: build, 10s)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
duration=${2:-10s}
binary=$build/ultramarket
work=$(mktemp -d /tmp/um-bench-XXXXXX)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$binary" seed --products 10000 --data-dir "$work/data"
# The load comes from one address: lift the per-client rate limit.
RATE_LIMIT_MAX=100000000 LOG_LEVEL=error PORT=$port "$binary" serve --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
echo -n "indexing 10,000 products"
for _ in $(seq 600); do
  total=$(curl -sf "$base/v2/search?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)
  [[ "$total" == 10000 ]] && break
  echo -n "."; sleep 1
done
echo " $total indexed"

run() {
  wrk -t2 -c64 -d"$duration" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; p99=v}
    END {printf "%s %s\n", rps, p99}'
}
read -r h_rps h_p99 < <(run "$base/health")
echo "GET /health (reference):     ${h_rps} req/s, p99 ${h_p99} ms"
for q in "hoodie" "wireless headphones" "jaket" "lap"; do
  enc=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$q")
  read -r rps p99 < <(run "$base/v2/search?q=$enc")
  echo "GET /v2/search?q=$q: ${rps} req/s, p99 ${p99} ms (target >= 5000 req/s)"
done
