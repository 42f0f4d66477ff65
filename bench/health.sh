#!/usr/bin/env bash
# GET /health against nginx serving a static file with the very same bytes, in one run.
# Goal (foundation issue): ratio ≥ 0.7. Usage: bench/health.sh  (builds release first)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

[[ ${BENCH_SKIP_BUILD:-0} == 1 ]] || scripts/build.sh release --target ultramarket >/dev/null
work=$(mktemp -d /tmp/um-bench.XXXXXX)
mkdir -p "$work/data" "$work/www"
cleanup() { kill "${UM_PID:-}" "${NGINX_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_ultramarket "$work/data"
curl -s "$UM_URL/health" >"$work/www/health"
start_nginx "$work/www"

read -r um_rps um_p99 < <(run_wrk "$UM_URL/health")
read -r ng_rps ng_p99 < <(run_wrk "$NGINX_URL/health")
echo "GET /health ($(wc -c <"$work/www/health") bytes), wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$BENCH_DURATION"
report "GET /health" "$um_rps" "$um_p99" "$ng_rps" "$ng_p99"
