#!/usr/bin/env bash
# Side-by-side: bare Kestrel vs the collector, same body, same wrk settings.
# Usage: bench/collector/run.sh [duration=15s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")"
DURATION=${1:-15s}; CONNECTIONS=${2:-32}; ROOT=$(cd ../.. && pwd)
dotnet publish BareKestrel -c Release -o /tmp/rum-bench/bare >/dev/null
dotnet publish "$ROOT/collector" -c Release -o /tmp/rum-bench/collector >/dev/null

measure() { # name url pid
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s post-beacon.lua "$2/v1/rum")
  local cpu; cpu=$(ps -o times= -p "$3")
  local rss; rss=$(ps -o rss= -p "$3")
  echo "== $1: $(echo "$out" | tail -1) cpu_seconds=$cpu rss_mb=$((rss / 1024))"
  echo "$out" | grep -E "Non-2xx|Socket errors" || true
}

/tmp/rum-bench/bare/BareKestrel --urls http://127.0.0.1:18090 & BARE=$!
/tmp/rum-bench/collector/rum-collector --manifests pipeline.yaml --urls http://127.0.0.1:18091 --log-format text >/tmp/rum-bench/collector.log 2>&1 & COLL=$!
trap 'kill $BARE $COLL 2>/dev/null || true' EXIT
sleep 3
measure bare-kestrel http://127.0.0.1:18090 $BARE
measure collector http://127.0.0.1:18091 $COLL
echo "== /metrics series: $(curl -s http://127.0.0.1:18091/metrics | grep -vc '^#')"
