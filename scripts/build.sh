#!/usr/bin/env bash
# Configures and builds one flavour of the C++ tree.
#   scripts/build.sh release   → build/        (what `serve` and the benchmarks run)
#   scripts/build.sh asan      → build-asan/   (Debug + AddressSanitizer + UBSan; what the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  # -g1 keeps file:line in sanitizer reports at a fraction of full debug info's compile time.
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DULTRAMARKET_SANITIZE=ON) ;;
  *) echo "usage: $0 release|asan" >&2; exit 2 ;;
esac
shift || true

cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)" "$@"
