#!/usr/bin/env bash
# Runs the end-to-end suite N times in a row (default 10), without retries, and prints per run:
# passed/failed/skipped, wall time, the median time a test spent on its portal (its own work,
# without waiting for a free portal) and the median time to give a test its fresh database, then
# where the tests' time on their portals went, phase by phase (the run's phases.txt, beside its report).
# Exits non-zero if any run had a failure. Usage: App.E2E/repeat.sh [N] [extra dotnet test args]
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
shift || true
out="TestResults/e2e-repeat"
rm -rf "$out"
mkdir -p "$out"
dotnet build App.E2E -v quiet -nologo >/dev/null || { echo "Build failed." >&2; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", m }'; }

# Written by the run at its end, beside its HTML report (a relative path is the repository root's).
phases="$(dirname "${PLAYWRIGHT_REPORT:-playwright-output/report/index.html}")/phases.txt"

bad=0
printf '%-4s %-28s %8s %14s %16s\n' run result wall "median test" "fresh database"
for i in $(seq 1 "$runs"); do
  dir="$out/$i"
  rm -f "$phases"
  start=$(date +%s%N)
  dotnet test --project App.E2E --no-build --results-directory "$dir" --report-trx "$@" >"$dir.log" 2>&1
  status=$?
  wall=$(( ($(date +%s%N) - start) / 1000000000 ))
  summary=$(scripts/trx-summary.sh "$dir"/*.trx)
  failed=$(echo "$summary" | grep -o '[0-9]* failed' | grep -o '[0-9]*')
  on_portal=$(cat "$dir"/*.trx 2>/dev/null | grep -o 'Ran [0-9]* ms on its portal' | grep -o '[0-9]*' | median)
  fresh=$(cat "$dir"/*.trx 2>/dev/null | grep -o 'Fresh database in [0-9.]* ms' | grep -o '[0-9.]*' | median)
  printf '%-4s %-28s %7ss %11s ms %13s ms\n' "$i" "$summary" "$wall" "$on_portal" "$fresh"
  if [ -f "$phases" ]; then
    cp "$phases" "$dir.phases.txt"
    sed 's/^/     /' "$dir.phases.txt"
  fi
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    bad=$((bad + 1))
    echo "     run $i failed: see $dir.log" >&2
  fi
done
echo "$((runs - bad)) of $runs runs passed"
[ "$bad" -eq 0 ]
