# Shared helpers for the benchmarks: start our server and an nginx serving the same bytes,
# drive both with wrk in the same run, print throughput, p99 and the ratio.
# Not a test: numbers vary with the machine; the ratio is what to compare.

BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_DURATION=${BENCH_DURATION:-10s}
BENCH_THREADS=${BENCH_THREADS:-2}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_ultramarket DATA_DIR → sets UM_PID, UM_URL
start_ultramarket() {
  local data=$1 port
  port=$(free_port)
  RATE_LIMIT_MAX=100000000 LOG_LEVEL=warn PORT=$port build/ultramarket serve --data-dir "$data" >"$data/server.log" 2>&1 &
  UM_PID=$!
  UM_URL="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$UM_URL/health" >/dev/null && return 0; sleep 0.1; done
  echo "ultramarket did not start" >&2; cat "$data/server.log" >&2; return 1
}

# start_nginx ROOT_DIR → serves ROOT_DIR as static files; sets NGINX_PID, NGINX_URL
start_nginx() {
  local root=$1 port conf
  port=$(free_port)
  conf="$root/../nginx.conf"
  cat >"$conf" <<CONF
worker_processes auto;
daemon off;
user root root;
pid $root/../nginx.pid;
error_log $root/../nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
  nginx -c "$conf" &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -s -o /dev/null "$NGINX_URL/" && return 0; sleep 0.1; done
  echo "nginx did not start" >&2; return 1
}

# run_wrk URL → prints "RPS P99_MS"
run_wrk() {
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_DURATION" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%s %s\n", rps, p99}'
}

# report NAME OURS_RPS OURS_P99 NGINX_RPS NGINX_P99
report() {
  awk -v n="$1" -v r="$2" -v p="$3" -v nr="$4" -v np="$5" 'BEGIN {
    printf "%-28s ultramarket %9.0f req/s  p99 %6.2f ms\n", n, r, p
    printf "%-28s nginx       %9.0f req/s  p99 %6.2f ms\n", "", nr, np
    printf "%-28s ratio (ultramarket / nginx) = %.2f\n", "", r / nr }'
}
