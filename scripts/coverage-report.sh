#!/usr/bin/env bash
# Merges the Cobertura files coverlet wrote under RESULTS (one per test project) into one report of
# App's line and branch coverage in OUT: index.html (open it in a browser), Cobertura.xml and
# Summary.txt, with ReportGenerator (the local dotnet tool). Prints
# "Coverage of App: L % of lines, B % of branches (OUT/index.html)"; fails, saying why, without them.
# Usage: scripts/coverage-report.sh RESULTS OUT
set -uo pipefail
cd "$(dirname "$0")/.."
results="$1"
out="$2"

shopt -s nullglob
reports=("$results"/*.cobertura*.xml)
if [ "${#reports[@]}" -eq 0 ]; then
  echo "no coverage file in $results"
  exit 1
fi

dotnet tool restore >/dev/null 2>&1 || { echo "dotnet tool restore failed"; exit 1; }
joined=$(IFS=';'; echo "${reports[*]}")
dotnet reportgenerator "-reports:$joined" "-targetdir:$out" "-reporttypes:Html;Cobertura;TextSummary" \
  -verbosity:Warning >/dev/null 2>&1 || { echo "ReportGenerator failed on ${reports[*]}"; exit 1; }

line=$(grep -m1 '^ *Line coverage:' "$out/Summary.txt" | grep -o '[0-9.]*%' | tr -d '%')
branch=$(grep -m1 '^ *Branch coverage:' "$out/Summary.txt" | grep -o '[0-9.]*%' | tr -d '%')
echo "Coverage of App: ${line:-?} % of lines, ${branch:-?} % of branches ($out/index.html)"
