#!/usr/bin/env bash
# Builds and runs the shop all-in-one on the embedded stores (SQLite, in-process cache and
# bus) with a demo catalog, and prints its URL. Data lives in ./data (DATA_DIR to change).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh release --target ultramarket
if [[ -f web/package.json || -f admin/package.json ]]; then
  scripts/build-frontends.sh
fi

data=${DATA_DIR:-./data}
build/ultramarket migrate --data-dir "$data"
if [[ ! -f "$data/.demo-catalog" ]]; then
  build/ultramarket seed --products "${DEMO_PRODUCTS:-500}" --data-dir "$data"
  touch "$data/.demo-catalog"
fi
exec build/ultramarket serve --data-dir "$data" "$@"
