#!/usr/bin/env bash
# Installs every system package the build, the tests and the benchmarks need.
# Idempotent: packages already present are skipped, and the package index is refreshed
# at most once per run, only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang-format git curl ca-certificates
  # libraries (design.md "Dependencies")
  libboost1.81-dev nlohmann-json3-dev libpq-dev libsqlite3-dev libspdlog-dev libfmt-dev
  prometheus-cpp-dev libcli11-dev libssl-dev libargon2-dev libjwt-dev libhiredis-dev
  librdkafka-dev libmongoc-dev zlib1g-dev libcurl4-openssl-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql redis-server wrk nginx-light
  python3 python3-pytest procps
  python3-yaml python3-jsonschema  # tests/e2e/test_openapi.py reads docs/openapi.yaml
  # browser tests of the front ends
  chromium
)
# Node.js may come from elsewhere with npm bundled; Debian's npm would conflict with it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
