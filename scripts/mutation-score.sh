#!/usr/bin/env bash
# Mutation score of the rules: Stryker.NET (the dotnet-stryker local tool) mutates the life-cycle
# table, the validation rules of users and orders and the money arithmetic, and runs the inner-loop
# tests (App.Tests, TestCategory=InnerLoop) against every mutant. Not part of ./test.sh: it builds
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
  --test-runner mtp \
  --project App.csproj \
  --test-project App.Tests.csproj \
  --mutate '**/Features/Orders/OrderLifecycle.cs' \
  --mutate '**/Features/Orders/OrderRules.cs' \
  --mutate '**/Features/Users/UserRules.cs' \
  --mutate '**/Features/Common/Money.cs' \
  --test-case-filter 'TestCategory=InnerLoop' \
  --concurrency "${STRYKER_CONCURRENCY:-1}" \
  --reporter ClearText --reporter Html --reporter Json --reporter Progress \
  --output "$out" \
  --skip-version-check \
  "$@"
