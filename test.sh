#!/usr/bin/env bash
# Runs every test project (component, integration, end-to-end) after installing what they need.
# Prints "N passed, N failed, N skipped" counted from the test results, and fails when any test fails.
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults"

# Playwright cannot download its own browsers here; Debian's Chromium is the one the suite drives.
ensure_chromium() {
  if [ -x "${PLAYWRIGHT_EXECUTABLE_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  echo "Installing Debian's chromium for the end-to-end tests..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_chromium || { echo "Could not install chromium (apt-get install -y chromium)." >&2; exit 1; }

rm -rf "$results"
dotnet test --solution App.sln --results-directory "$results" --report-trx
status=$?

summary=$(scripts/trx-summary.sh "$results"/*.trx)

if [ "$status" -eq 0 ] && [ "${summary#0 passed}" != "$summary" ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$summary"
exit "$status"
