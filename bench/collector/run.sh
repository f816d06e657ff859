#!/usr/bin/env bash
# Side-by-side: bare Kestrel vs the collector, same body, same wrk settings, in one run.
# Usage: bench/collector/run.sh [duration=15s] [connections=32] [rounds=3] [warmup=10s]
# Each round measures bare Kestrel, then the collector, right after each other, so both see the
# same machine load; the summary gives the median ratio over the rounds. Both servers are warmed
# up first (tiered JIT and dynamic PGO need a few seconds of traffic to reach steady state).
# CPU is the server's user+system time during the measured window only.
set -euo pipefail
cd "$(dirname "$0")"
DURATION=${1:-15s}; CONNECTIONS=${2:-32}; ROUNDS=${3:-3}; WARMUP=${4:-10s}; ROOT=$(cd ../.. && pwd)
OUT=/tmp/rum-bench
dotnet publish BareKestrel -c Release -o $OUT/bare >/dev/null
dotnet publish "$ROOT/collector" -c Release -o $OUT/collector >/dev/null
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # name url pid -> prints one line, sets RPS
  local before after out line cpu rss
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s post-beacon.lua "$2/v1/rum")
  after=$(cpu_ticks "$3")
  line=$(echo "$out" | grep '^p50_ms=')
  RPS=${line##*rps=}
  cpu=$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN { printf "%.1f", t / hz }')
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$3/status") / 1024 ))
  echo "== $1: $line events_s=$((RPS * 20)) cpu_s=$cpu cpu_us_per_req=$(awk -v c="$cpu" -v r="$RPS" -v d="${DURATION%s}" 'BEGIN { printf "%.0f", c * 1e6 / (r * d) }') rss_mb=$rss"
  echo "$out" | grep -E "Non-2xx|Socket errors" || true
}

$OUT/bare/BareKestrel --urls http://127.0.0.1:18090 & BARE=$!
$OUT/collector/rum-collector --manifests pipeline.yaml --urls http://127.0.0.1:18091 --log-format text >$OUT/collector.log 2>&1 & COLL=$!
trap 'kill $BARE $COLL 2>/dev/null || true' EXIT
sleep 3
for url in http://127.0.0.1:18090 http://127.0.0.1:18091; do
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s post-beacon.lua "$url/v1/rum" >/dev/null
done

RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  measure bare-kestrel http://127.0.0.1:18090 $BARE; BARE_RPS=$RPS
  measure collector http://127.0.0.1:18091 $COLL; COLL_RPS=$RPS
  RATIO=$(awk -v c="$COLL_RPS" -v b="$BARE_RPS" 'BEGIN { printf "%.1f", 100 * c / b }')
  RATIOS+=("$RATIO")
  echo "== ratio: collector/bare = $RATIO %"
done
echo "== median ratio over $ROUNDS rounds: $(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }') % (rounds: ${RATIOS[*]})"
echo "== /metrics series: $(curl -s http://127.0.0.1:18091/metrics | grep -vc '^#')"
