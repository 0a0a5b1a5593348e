#!/usr/bin/env bash
# Prints "N passed, N failed, N skipped" summed over the counters of the TRX files given (the one
# count that does not depend on a runner's wording); "0 passed, 0 failed, 0 skipped" when none.
cat "$@" 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  function attr(name,   m) { if (match($0, name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 } return 0 }
  { passed += attr("passed"); failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted");
    skipped += attr("notExecuted") + attr("inconclusive") }
  END { printf "%d passed, %d failed, %d skipped", passed, failed, skipped }'
