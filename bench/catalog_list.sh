#!/usr/bin/env bash
# GET /v2/products?limit=20 on a 1,000-product catalog against nginx serving the very same
# response bytes as a static file, measured in the same run (wrk -t2 -c64). Prints both
# throughputs, p99 latencies and the ratio. Not a CI test: numbers depend on the machine.
#
#   bench/catalog_list.sh [BUILD_DIR] [DURATION]     (defaults: build, 10s)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
duration=${2:-10s}
binary=$build/ultramarket
work=$(mktemp -d /tmp/um-bench-XXXXXX)
chmod 755 "$work"  # nginx workers run as an unprivileged user
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$binary" seed --products 1000 --data-dir "$work/data" >/dev/null
port=$(free_port)
# The load comes from one address: lift the per-client rate limit.
RATE_LIMIT_MAX=100000000 LOG_LEVEL=error PORT=$port "$binary" serve --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port/v2/products?limit=20"
for _ in $(seq 100); do curl -sf "$url" -o /dev/null && break; sleep 0.1; done
# Wait until the seed's events are relayed (search indexed them, the read cache settled):
# until then every event invalidates the cached answers.
for _ in $(seq 300); do
  total=$(curl -sf "http://127.0.0.1:$port/v2/search?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)
  [[ "$total" == 1000 ]] && break
  sleep 0.2
done
sleep 1.5  # the relay's last poll
curl -sf "$url" -o "$work/products.json"

# nginx serves the bytes the server just answered.
nginx_port=$(free_port)
mkdir -p "$work/nginx/v2"
cp "$work/products.json" "$work/nginx/v2/products"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx;
    location / { default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
sleep 0.5
cmp <(curl -sf "http://127.0.0.1:$nginx_port/v2/products?limit=20") "$work/products.json"

run() {  # prints "rps p99_ms"
  wrk -t2 -c64 -d"$duration" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; p99=v}
    END {printf "%s %s\n", rps, p99}'
}

wrk -t2 -c64 -d2s "$url" >/dev/null  # warm the cache and the connections
read -r nginx_rps nginx_p99 < <(run "http://127.0.0.1:$nginx_port/v2/products?limit=20")
read -r um_rps um_p99 < <(run "$url")
echo "bytes per answer:          $(wc -c <"$work/products.json")"
echo "nginx static file:         ${nginx_rps} req/s, p99 ${nginx_p99} ms"
echo "GET /v2/products?limit=20: ${um_rps} req/s, p99 ${um_p99} ms"
python3 -c "print(f'ratio ultramarket/nginx: {float(\"$um_rps\")/float(\"$nginx_rps\"):.2f}  (target >= 0.5, p99 < 5 ms)')"
