#!/usr/bin/env bash
# Runs the whole ./test.sh N times in a row (default 10), without retries, and prints per run: its
# closing line, wall time, the load average when it ended, and the two projects' own run times from
# their TRX files. Keeps each run's log and TRX files in TestResults-repeat/ (./test.sh empties TestResults/). Exits non-zero if
# any run had a failing test. Usage: scripts/repeat-test.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
out="TestResults-repeat"
rm -rf "$out"
mkdir -p "$out"

# The span of one TRX file's run, in seconds.
span() { grep -o '<Times [^>]*>' "$1" | sed -E 's/.*start="([^"]+)".*finish="([^"]+)".*/\1 \2/' |
  { read -r start finish; echo $(( $(date -d "$finish" +%s) - $(date -d "$start" +%s) )); }; }

bad=0
printf '%-4s %-34s %6s %16s %10s %10s\n' run result wall "load (1/5/15)" App.Tests App.E2E
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  ./test.sh >"$out/$i.log" 2>&1
  status=$?
  wall=$(( $(date +%s) - start ))
  mkdir -p "$out/$i" && cp TestResults/*.trx "$out/$i/" 2>/dev/null
  summary=$(tail -n 1 "$out/$i.log")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  tests=$(span "$out/$i/App.Tests_"*.trx 2>/dev/null || echo "?")
  e2e=$(span "$out/$i/App.E2E_"*.trx 2>/dev/null || echo "?")
  printf '%-4s %-34s %5ss %16s %9ss %9ss\n' "$i" "$summary" "$wall" "$load" "$tests" "$e2e"
  if [ "$status" -ne 0 ]; then
    bad=$((bad + 1))
    echo "     run $i failed: see $out/$i.log" >&2
  fi
done
echo "$((runs - bad)) of $runs runs passed"
[ "$bad" -eq 0 ]
