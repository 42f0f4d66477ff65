#!/usr/bin/env bash
# Runs every test from a fresh machine: installs packages, builds with AddressSanitizer and
# UBSan, starts the servers the tests need (PostgreSQL on a loopback port), runs the unit,
# contract and end-to-end suites, and stops what it started — also when a suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh
# Mailpit (SMTP tests) builds from the Go module proxy while the C++ tree compiles.
mail_log=$(mktemp /tmp/um-mailpit-build.XXXXXX)
scripts/mail-test-server.sh install >"$mail_log" 2>&1 &
mail_build=$!
scripts/build.sh asan
wait "$mail_build" || { cat "$mail_log"; echo "building Mailpit failed" >&2; exit 1; }
rm -f "$mail_log"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

servers=$(mktemp -d /tmp/um-test-servers.XXXXXX)
cleanup() {
  scripts/mail-test-server.sh stop "$servers/mail" || true
  scripts/pg-test-server.sh stop "$servers/pg" || true
  rm -rf "$servers"
}
trap cleanup EXIT
scripts/pg-test-server.sh start "$servers/pg"
export UM_TEST_DATABASE_URL=$(scripts/pg-test-server.sh url "$servers/pg")

# --- Email: a real SMTP server (Mailpit, built once from the Go module proxy) for the SMTP
# adapter's contract and end-to-end tests; its REST API lets the tests read what arrived.
scripts/mail-test-server.sh start "$servers/mail" >/dev/null
export UM_TEST_SMTP_URL=$(scripts/mail-test-server.sh url "$servers/mail")
export UM_TEST_MAILPIT_URL=$(scripts/mail-test-server.sh api-url "$servers/mail")
# --- end email

status=0
run() {
  echo "==> $*"
  if ! "$@"; then status=1; echo "FAILED: $*"; fi
}
run build-asan/tests/um_unit_tests --gtest_brief=1
run build-asan/tests/um_contract_tests --gtest_brief=1
# Servers in the HTTP suites are stopped by signals mid-flight (SIGTERM drains, SIGKILL
# crash tests); LeakSanitizer's exit-time report there would flag threads cut short, not
# leaks, so it stays on for the unit and contract suites only.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
run env UM_BINARY="$root/build-asan/ultramarket" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/e2e
# Front ends: Vitest units (the storefront's run includes frontends/shared/'s tests), then
# the storefront and admin panel in headless Chromium against a real all-in-one server.
run scripts/build-frontends.sh
run npm --prefix web test --silent
run npm --prefix admin test --silent
run env UM_BINARY="$root/build-asan/ultramarket" tests/browser/run.sh
exit $status
