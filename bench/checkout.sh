#!/usr/bin/env bash
# Paid checkouts per second on PostgreSQL: POST /v2/orders with the test provider, each on
# its own prepared guest cart (one line, stock plenty), driven by wrk (-t2 -c16). Counts
# orders that ended `paid` (not answers), and prints the rate with GET /health measured in
# the same run as the reference. Not a CI test: numbers depend on the machine.
#
#   bench/checkout.sh [BUILD_DIR] [DURATION_SECONDS] [CONNECTIONS]   (defaults: build, 10, 16)
#
# Starts its own PostgreSQL with scripts/pg-test-server.sh, durable as in production
# (fsync and synchronous_commit on: a paid order is on disk before its answer); or uses
# UM_BENCH_DATABASE_URL. UM_BENCH_PG_SETTINGS adds server options (commit_delay...). The run
# reports commits per checkout; UM_BENCH_STATEMENTS=1 (or UM_BENCH_TOP=N) also loads
# pg_stat_statements for statements per checkout, which costs the server ~10 % of its rate.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
duration=${2:-10}
connections=${3:-16}
binary=$build/ultramarket
work=$(mktemp -d /tmp/um-bench-checkout-XXXXXX)
chmod 755 "$work"
server_pid=""
pg_dir=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -n "$pg_dir" ]] && "$root/scripts/pg-test-server.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -n "${UM_BENCH_DATABASE_URL:-}" ]]; then
  database_url=$UM_BENCH_DATABASE_URL
else
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  statements_settings=""
  if [[ -n "${UM_BENCH_STATEMENTS:-}${UM_BENCH_TOP:-}" ]]; then
    statements_settings="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  fi
  PG_TEST_DURABLE=1 PG_TEST_SETTINGS="$statements_settings ${UM_BENCH_PG_SETTINGS:-}" \
    "$root/scripts/pg-test-server.sh" start "$pg_dir" >/dev/null
  database_url=$("$root/scripts/pg-test-server.sh" url "$pg_dir")
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
url="http://127.0.0.1:$port"
DATABASE_URL=$database_url LOG_LEVEL=error PORT=$port DB_POOL_SIZE=${UM_BENCH_POOL:-16} \
  WORKER_THREADS=${UM_BENCH_WORKERS:-32} RATE_LIMIT_MAX=100000000 \
  "$binary" serve --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do curl -sf "$url/health" >/dev/null && break; sleep 0.1; done

# Enough carts for the rate the issue asks for (300/s) with room to spare, each holding one
# of UM_BENCH_PRODUCTS products (default 100, as a shop's orders spread over its catalog;
# 1 is a flash sale: every checkout then queues for the same stock row).
carts=$(( duration * 600 ))
products=${UM_BENCH_PRODUCTS:-100}
DATABASE_URL=$database_url "$binary" user create --email bench-admin@example.com \
  --password bench-admin-password --role admin --data-dir "$work/data" >/dev/null
python3 - "$url" "$carts" "$work/carts.txt" "$products" <<'PY'
import json, random, sys, threading, urllib.request, uuid
url, n, out, n_products = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def call(method, path, body=None, headers=None):
    req = urllib.request.Request(url + path, method=method, headers=dict(headers or {}),
                                 data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())

token = call("POST", "/v2/auth/login", {"email": "bench-admin@example.com",
                                         "password": "bench-admin-password"})["accessToken"]
auth = {"Authorization": f"Bearer {token}"}
cat = call("POST", "/v2/admin/categories", {"name": "Bench"}, auth)["id"]
products = [call("POST", "/v2/admin/products", {
    "name": f"Bench widget {i}", "description": "for the checkout benchmark", "brand": "Acme",
    "categoryId": cat, "price": {"amount": 1999, "currency": "USD"}, "status": "active",
    "variants": [{"sku": f"BENCH-{uuid.uuid4().hex[:8]}", "name": "Standard", "stock": 10_000_000}]},
    auth) for i in range(n_products)]
ids, lock = [], threading.Lock()

def make(count):
    for _ in range(count):
        product = products[random.randrange(n_products)]
        cart = call("POST", "/v2/cart/items", {"productId": product["id"], "quantity": 1})
        with lock:
            ids.append(cart["id"])

threads = [threading.Thread(target=make, args=(n // 8,)) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
open(out, "w").write("\n".join(ids) + "\n")
PY

count_paid() {
  python3 - "$url" <<'PY'
import json, sys, urllib.request
url = sys.argv[1]
def call(method, path, body=None, headers=None):
    req = urllib.request.Request(url + path, method=method, headers=dict(headers or {}),
                                 data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())
token = call("POST", "/v2/auth/login", {"email": "bench-admin@example.com",
                                         "password": "bench-admin-password"})["accessToken"]
print(call("GET", "/v2/admin/orders?status=paid&limit=1", headers={"Authorization": f"Bearer {token}"})["total"])
PY
}

# Database work per checkout, from the server's own counters: committed transactions of
# the whole cluster, and statements when pg_stat_statements is loaded.
db_counters() {
  local commits statements
  commits=$(psql "$database_url" -qtAc "SELECT sum(xact_commit) FROM pg_stat_database" 2>/dev/null || echo 0)
  statements=$(psql "$database_url" -qtAc "SELECT sum(calls) FROM pg_stat_statements
    WHERE query NOT ILIKE 'BEGIN%' AND query NOT ILIKE 'COMMIT%'" 2>/dev/null || echo 0)
  echo "${commits:-0} ${statements:-0}"
}
psql "$database_url" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 || true
sync_commit=$(psql "$database_url" -qtAc "SHOW synchronous_commit" 2>/dev/null || echo unknown)

health_rps=$(wrk -t2 -c"$connections" -d3s "$url/health" | awk '/Requests\/sec/ {print $2}')
before=$(count_paid)
psql "$database_url" -qtAc "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true
read -r commits_before statements_before < <(db_counters)
CARTS_FILE="$work/carts.txt" WRK_THREADS=2 wrk -t2 -c"$connections" -d"${duration}s" --latency \
  -s "$root/bench/checkout_wrk.lua" "$url" >"$work/wrk.txt"
read -r commits_after statements_after < <(db_counters)
after=$(count_paid)
paid=$(( after - before ))
p99=$(awk '/^ +99%/ {print $2}' "$work/wrk.txt")
python3 - "$paid" "$duration" "$health_rps" "$p99" "$connections" "$sync_commit" \
  "$commits_before" "$commits_after" "$statements_before" "$statements_after" "$products" <<'PY'
import sys
paid, seconds, health, p99, conns, sync = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
commits = float(sys.argv[8]) - float(sys.argv[7])
statements = float(sys.argv[10]) - float(sys.argv[9])
rate = paid / seconds
print(f"paid checkouts:            {paid} in {seconds:.0f} s with {conns} connections "
      f"over {sys.argv[11]} products (PostgreSQL, synchronous_commit={sync})")
print(f"paid checkouts per second: {rate:.0f}  (goal >= 300; p99 {p99})")
print(f"GET /health, same server:  {health:.0f} req/s  (ratio checkout/health {rate / health:.4f})")
if paid:
    per = f"{commits / paid:.1f} commits"
    if statements:
        per += f", {statements / paid:.1f} statements"
    print(f"database work per checkout: {per} (everything the server did in the run, "
          "background consumers included)")
PY

# UM_BENCH_TOP=N: the N statements that cost the server most in the run (pg_stat_statements).
if [[ -n "${UM_BENCH_TOP:-}" ]]; then
  psql "$database_url" -qc "SELECT calls, round(total_exec_time)::bigint AS ms,
      round((total_exec_time / calls)::numeric, 3) AS ms_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ${UM_BENCH_TOP}" 2>/dev/null || true
fi
