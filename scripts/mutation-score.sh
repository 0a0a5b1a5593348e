#!/usr/bin/env bash
# Mutation score of the rules: Stryker.NET (the dotnet-stryker local tool, Microsoft.Testing.Platform
# runner) mutates the life-cycle table, the validation rules of users and orders and the money
# arithmetic, and runs the inner-loop tests of the rules (App.Tests/Features, TestCategory=InnerLoop)
# against every mutant; the settings and why each is so are in scripts/stryker-config.json and
# docs/testing.md. Not part of ./test.sh: it builds
# and runs the inner loop once per mutant, minutes of CPU. One test process at a time
# (--concurrency 1), so it leaves a core to whoever shares the machine; STRYKER_CONCURRENCY overrides.
# The HTML and JSON reports land in TestResults/mutation/reports/; docs/testing.md holds the score.
# Usage: scripts/mutation-score.sh [extra dotnet-stryker options]
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null
out="$PWD/TestResults/mutation"
rm -rf "$out"
cd App.Tests
dotnet dotnet-stryker \
  --config-file ../scripts/stryker-config.json \
  --concurrency "${STRYKER_CONCURRENCY:-1}" \
  --output "$out" \
  --skip-version-check \
  "$@"
