#!/usr/bin/env bash
# Seconds from regression to page to rollback on the local stack, median of N runs of
# `rum-operator dev --scenario regression` (default 3). Prints one line per run and the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
pages=(); rollbacks=()
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  "$root/scripts/dev.sh" -f "$root/examples/" --scenario regression >"$log" 2>&1 || { tail -30 "$log"; exit 1; }
  start=$(grep -m1 'regression: rolled out' "$log" | sed -E 's/^\[ *([0-9.]+)s\].*/\1/')
  page=$(grep -m1 'page: RumSLOPageBurn firing for .*/checkout-lcp/2.0' "$log" | sed -E 's/^\[ *([0-9.]+)s\].*/\1/')
  back=$(tail -1 "$log" | sed -E 's/^rolled back [^ ]+ in ([0-9.]+) s$/\1/')
  p=$(awk -v a="$page" -v b="$start" 'BEGIN { printf "%.1f", a - b }'); pages+=("$p"); rollbacks+=("$back")
  echo "run $i: regression → page ${p} s → rollback ${back} s"
  rm -f "$log"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median: page $(median "${pages[@]}") s, rollback $(median "${rollbacks[@]}") s (time scale 168, $(nproc) cores)"
