#!/usr/bin/env bash
# Builds the storefront (web/ → web/dist, served at /) and the admin panel
# (admin/ → admin/dist, served at /admin/). Both import the code they share from
# frontends/shared/ (no install of its own: see its README). Idempotent: dependencies are
# installed only when package-lock.json changed since the last install, and each app is
# rebuilt only when its sources or the shared code are newer than its dist/ (FORCE=1
# rebuilds anyway).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v npm >/dev/null 2>&1 || { echo "build-frontends: npm is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }

install_deps() {
  local app=$1
  local stamp="$app/node_modules/.um-installed"
  if [[ -f "$app/package-lock.json" ]]; then
    if [[ -f "$stamp" && "$stamp" -nt "$app/package-lock.json" && "$stamp" -nt "$app/package.json" ]]; then
      return
    fi
    (cd "$app" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$app" && npm install --no-audit --no-fund --loglevel=error)
  fi
  touch "$stamp"
}

needs_build() {
  local app=$1
  [[ ${FORCE:-0} == 1 ]] && return 0
  [[ -f "$app/dist/index.html" ]] || return 0
  # Anything in the app (outside node_modules and dist) or in the shared code newer than the last build?
  [[ -n $(find "$app" frontends/shared \( -path "$app/node_modules" -o -path "$app/dist" \) -prune -o -type f -newer "$app/dist/index.html" -print -quit) ]]
}

for app in web admin; do
  [[ -f "$app/package.json" ]] || continue
  install_deps "$app"
  if needs_build "$app"; then
    echo "build-frontends: building $app/"
    (cd "$app" && npm run build --silent)
  else
    echo "build-frontends: $app/dist is up to date"
  fi
done
