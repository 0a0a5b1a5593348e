#!/usr/bin/env bash
# Runs every test project (component, integration, end-to-end) after installing what they need.
# Prints the line and branch coverage of App (reports in TestResults/coverage/), then
# "N passed, N failed, N skipped" counted from the test results, and fails when any test fails.
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults"

# Debian packages the tests drive: Chromium's headless shell for the browser tests (Playwright
# cannot download its own browsers here; the shell is the build Playwright runs headless, and half
# the cost of the full browser) and redis-server for the tests of several instances.
missing=()
if [ ! -x "${PLAYWRIGHT_EXECUTABLE_PATH:-}" ] && [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
  missing+=(chromium-headless-shell)
fi
if ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    { echo "Could not install ${missing[*]} (apt-get install -y ${missing[*]})." >&2; exit 1; }
fi

rm -rf "$results"
mkdir -p "$results"

# The linters App.Tests runs (tools/lint, pinned by its lock file) install while the solution
# builds, so no test's time is npm's. When this fails, the tests that need them install them
# themselves, and say why when that fails too.
lint_bin=tools/lint/node_modules/.bin
lint_install=""
if [ ! -x "$lint_bin/redocly" ] || [ ! -x "$lint_bin/spectral" ] || [ ! -x "$lint_bin/action-validator" ]; then
  (cd tools/lint && npm ci --no-audit --no-fund) >"$results/npm-ci.log" 2>&1 &
  lint_install=$!
fi
dotnet build App.sln --nologo -v quiet
status=$?
if [ -n "$lint_install" ] && ! wait "$lint_install"; then
  echo "npm ci in tools/lint failed (see $results/npm-ci.log); the linter tests will try again." >&2
fi
if [ "$status" -ne 0 ]; then
  echo "The build failed; no test ran." >&2
  scripts/trx-summary.sh
  echo
  exit "$status"
fi

# One test project after the other: side by side they fight for the cores, and both run slower than
# in turn (README, "How the layers share the cores"). Both measure which lines and branches of App
# they run (coverlet.MTP; App.E2E serves App in-process, so its journeys count too).
dotnet test --solution App.sln --no-build --max-parallel-test-modules 1 --results-directory "$results" --report-trx \
  --coverlet --coverlet-output-format cobertura --coverlet-include '[App]*' --coverlet-exclude-by-file '**/Data/Migrations/**'
status=$?

summary=$(scripts/trx-summary.sh "$results"/*.trx)

# Coverage is information for the reader, never a gate: a missing report changes no exit code.
coverage=$(scripts/coverage-report.sh "$results" "$results/coverage") || coverage="Coverage of App: no report ($coverage)"
echo "$coverage"

if [ "$status" -eq 0 ] && [ "${summary#0 passed}" != "$summary" ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$summary"
exit "$status"
