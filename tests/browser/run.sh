#!/usr/bin/env bash
# Browser tests of the storefront and the admin panel against a real all-in-one server.
#   UM_BINARY   the server binary (default build/ultramarket)
#   extra arguments go to `node --test` (e.g. --test-name-pattern='guest')
# Screenshots of the main pages land in tests/browser/screenshots/ (not committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

[[ -x /usr/bin/chromium || -n ${CHROMIUM:-} ]] || { echo "browser tests: chromium is missing (scripts/install-deps.sh)" >&2; exit 1; }
"$root/scripts/build-frontends.sh"

cd "$here"
if [[ ! -f node_modules/.um-installed || package-lock.json -nt node_modules/.um-installed ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.um-installed
fi
export UM_BINARY=${UM_BINARY:-$root/build/ultramarket}
# --test-timeout bounds the whole file (one shared server), not each step: Playwright
# already times out each action after 15 s.
exec node --test --test-concurrency=1 --test-reporter=spec --test-timeout=900000 "$@" ./*.test.mjs
