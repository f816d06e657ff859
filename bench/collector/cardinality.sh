#!/usr/bin/env bash
# Cardinality attack: REQUESTS beacons (default 1M), each with a route, release and User-Agent never
# seen before, against the collector on cardinality-pipeline.yaml (no route templates, all seven
# common labels, default caps). Passes when peak RSS stays under 300 MB and /metrics under 20k series.
# Usage: bench/collector/cardinality.sh [requests=1000000] [connections=32]
set -euo pipefail
cd "$(dirname "$0")"
REQUESTS=${1:-1000000}; CONNECTIONS=${2:-32}; THREADS=2; ROOT=$(cd ../.. && pwd)
OUT=/tmp/rum-bench; PORT=18092
MAX_RSS_MB=300; MAX_SERIES=20000
dotnet publish "$ROOT/collector" -c Release -o $OUT/collector >/dev/null

$OUT/collector/rum-collector --manifests cardinality-pipeline.yaml --urls http://127.0.0.1:$PORT --log-format text >$OUT/cardinality.log 2>&1 & COLL=$!
trap 'kill $COLL 2>/dev/null || true' EXIT
sleep 3

sessions() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^rum_events_received_total\{type="session_start"\}/ { n = $2 } END { printf "%.0f", n + 0 }'; }
START=$(date +%s.%N)
# wrk's threads stop after their share, but wrk itself waits out -d; SIGINT ends it with its summary.
# Polling /metrics meanwhile is what Prometheus would do during an attack.
REQUESTS=$REQUESTS THREADS=$THREADS wrk -t$THREADS -c"$CONNECTIONS" -d1h -s cardinality.lua "http://127.0.0.1:$PORT/v1/rum" > $OUT/cardinality.wrk & WRK=$!
trap 'kill $COLL $WRK 2>/dev/null || true' EXIT
while [ "$(sessions)" -lt "$REQUESTS" ] && kill -0 $WRK 2>/dev/null; do sleep 2; done
kill -INT $WRK 2>/dev/null || true
wait $WRK || true
ELAPSED=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
grep -E "requests in|Non-2xx|Socket errors" $OUT/cardinality.wrk || true

SCRAPE_START=$(date +%s%N)
curl -s "http://127.0.0.1:$PORT/metrics" > $OUT/cardinality.metrics
SCRAPE_MS=$(( ($(date +%s%N) - SCRAPE_START) / 1000000 ))
SERIES=$(grep -vc '^#' $OUT/cardinality.metrics)
RSS_MB=$(( $(awk '/VmRSS/ {print $2}' /proc/$COLL/status) / 1024 ))
PEAK_MB=$(( $(awk '/VmHWM/ {print $2}' /proc/$COLL/status) / 1024 ))
distinct() { grep -v '^#' $OUT/cardinality.metrics | grep -o "$1=\"[^\"]*\"" | sort -u | wc -l; }
ACCEPTED=$(grep '^rum_events_received_total' $OUT/cardinality.metrics | awk '{ s += $2 } END { printf "%.0f", s }')

echo "== requests: $REQUESTS in ${ELAPSED}s; events received: $ACCEPTED"
echo "== distinct label values in /metrics: route=$(distinct route) release=$(distinct release) browser=$(distinct browser) os=$(distinct os) device=$(distinct device)"
echo "== /metrics: $SERIES series, $(wc -c < $OUT/cardinality.metrics) bytes, scraped in ${SCRAPE_MS} ms"
echo "== RSS: ${RSS_MB} MB now, ${PEAK_MB} MB peak"
STATUS=0
[ "$PEAK_MB" -lt $MAX_RSS_MB ] || { echo "FAIL: peak RSS ${PEAK_MB} MB >= ${MAX_RSS_MB} MB"; STATUS=1; }
[ "$SERIES" -lt $MAX_SERIES ] || { echo "FAIL: ${SERIES} series >= ${MAX_SERIES}"; STATUS=1; }
[ $STATUS -eq 0 ] && echo "PASS: peak RSS < ${MAX_RSS_MB} MB and /metrics < ${MAX_SERIES} series"
exit $STATUS
