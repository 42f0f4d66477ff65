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
# A first admin for the panel at /admin/, with a random password kept only in a file only
# the owner can read: never a default password, never printed to a log.
if [[ ! -f "$data/.demo-admin" ]]; then
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  build/ultramarket user create --email admin@ultramarket.test --password "$password" \
    --role admin --data-dir "$data" >/dev/null
  (umask 077; printf 'email: admin@ultramarket.test\npassword: %s\n' "$password" >"$data/.demo-admin")
fi
echo "Admin panel: sign in with the credentials in $data/.demo-admin"
exec build/ultramarket serve --data-dir "$data" "$@"
