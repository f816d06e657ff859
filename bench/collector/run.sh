#!/usr/bin/env bash
# Side-by-side: bare Kestrel vs the collector with export off, JSON Lines export on and OTLP/HTTP
# export on (to a local sink), same request mix, same wrk settings, in one run.
# Usage: bench/collector/run.sh [duration=15s] [connections=32] [rounds=3] [warmup=10s]
# Requests cycle through 100 sessions (post-beacon-mix.lua): ERRORS_PER_100 (default 2) of the
# beacons carry two errors, the rest the same 20 events without them. The export pipelines keep 10 %
# of sessions plus every beacon with an error (pipeline-jsonl.yaml, pipeline-otlp.yaml); export off
# is pipeline.yaml. The OTLP sink is a second bare Kestrel answering 202 on /v1/logs.
# Each round measures the four servers right after each other, so all see the same machine load, in
# alternating order; the summary gives the median ratio to bare Kestrel over the rounds, and each server's
# median CPU time per request (less sensitive to the machine's load than requests per second). All servers are warmed up first
# (tiered JIT and dynamic PGO need a few seconds of traffic to reach steady state).
# CPU is the server's user+system time during the measured window only.
set -euo pipefail
cd "$(dirname "$0")"
DURATION=${1:-15s}; CONNECTIONS=${2:-32}; ROUNDS=${3:-3}; WARMUP=${4:-10s}; ROOT=$(cd ../.. && pwd)
# OUT and PORT (the first of five consecutive ports) may be set to stay clear of other runs.
OUT=${OUT:-/tmp/rum-bench}; PORT=${PORT:-18090}
SINK_PORT=$((PORT + 4))
mkdir -p $OUT; rm -f /tmp/rum-bench/export.jsonl
(cd BareKestrel && dotnet publish -c Release -o $OUT/bare >/dev/null)
(cd "$ROOT/collector" && dotnet publish -c Release -o $OUT/collector >/dev/null)
# Own executable names (the apphost finds its dll by the name built into it), so that another
# session's cleanup by process name on a shared machine does not stop this run's servers.
cp $OUT/bare/BareKestrel $OUT/bare/baseline-kestrel-$PORT
cp $OUT/collector/rum-collector $OUT/collector/collector-$PORT
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # name url pid -> prints one line, sets RPS and CPU_US
  local before after out line cpu rss
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s post-beacon-mix.lua "$2/v1/rum")
  after=$(cpu_ticks "$3")
  line=$(echo "$out" | grep '^p50_ms=')
  RPS=${line##*rps=}
  cpu=$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN { printf "%.1f", t / hz }')
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$3/status") / 1024 ))
  CPU_US=$(awk -v c="$cpu" -v r="$RPS" -v d="${DURATION%s}" 'BEGIN { printf "%.1f", c * 1e6 / (r * d) }')
  echo "== $1: $line events_s=$((RPS * 20)) cpu_s=$cpu cpu_us_per_req=$CPU_US rss_mb=$rss"
  echo "$out" | grep -E "Non-2xx|Socket errors" || true
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

$OUT/bare/baseline-kestrel-$PORT --urls "http://127.0.0.1:$PORT" & BARE=$!
$OUT/bare/baseline-kestrel-$PORT --urls "http://127.0.0.1:$SINK_PORT" & SINK=$!
sed "s|http://127.0.0.1:18094|http://127.0.0.1:$SINK_PORT|" pipeline-otlp.yaml > "$OUT/pipeline-otlp.yaml"
collector() { $OUT/collector/collector-$PORT --manifests "$1" --urls "http://127.0.0.1:$2" --log-format text >"$OUT/collector-$2.log" 2>&1 & }
collector pipeline.yaml $((PORT + 1)); OFF=$!
collector pipeline-jsonl.yaml $((PORT + 2)); JSONL=$!
collector "$OUT/pipeline-otlp.yaml" $((PORT + 3)); OTLP=$!
trap 'kill $BARE $SINK $OFF $JSONL $OTLP 2>/dev/null || true; rm -f /tmp/rum-bench/export.jsonl' EXIT
sleep 3
NAMES=(bare-kestrel export-off export-jsonl export-otlp); PORTS=($PORT $((PORT + 1)) $((PORT + 2)) $((PORT + 3))); PIDS=($BARE $OFF $JSONL $OTLP)
for port in "${PORTS[@]}"; do
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s post-beacon-mix.lua "http://127.0.0.1:$port/v1/rum" >/dev/null
done

declare -A RATIOS CPUS
for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # Odd rounds measure bare Kestrel first, even rounds last: a machine that slows down or speeds up during a
  # round biases its ratios one way in odd rounds and the other way in even ones, instead of always the same way.
  ORDER=(0 1 2 3); [ $((round % 2)) -eq 0 ] && ORDER=(3 2 1 0)
  declare -A ROUND_RPS=()
  for i in "${ORDER[@]}"; do
    measure "${NAMES[$i]}" "http://127.0.0.1:${PORTS[$i]}" "${PIDS[$i]}"
    ROUND_RPS[$i]=$RPS
    CPUS[$i]="${CPUS[$i]:-} $CPU_US"
  done
  for i in 1 2 3; do
    RATIO=$(awk -v c="${ROUND_RPS[$i]}" -v b="${ROUND_RPS[0]}" 'BEGIN { printf "%.1f", 100 * c / b }')
    RATIOS[$i]="${RATIOS[$i]:-} $RATIO"
    echo "== ratio: ${NAMES[$i]}/bare = $RATIO %"
  done
done
for i in 1 2 3; do
  # shellcheck disable=SC2086
  echo "== median ratio ${NAMES[$i]}/bare over $ROUNDS rounds: $(median ${RATIOS[$i]}) % (rounds:${RATIOS[$i]})"
done
for i in 0 1 2 3; do
  # shellcheck disable=SC2086
  echo "== median server CPU per request, ${NAMES[$i]}: $(median ${CPUS[$i]}) µs (rounds:${CPUS[$i]})"
done
for i in 2 3; do
  echo "== ${NAMES[$i]}: $(curl -s "http://127.0.0.1:${PORTS[$i]}/metrics" | grep -E '^rum_(exported_events_total|events_dropped_total\{reason="export)' | tr '\n' ' ')"
done
echo "== /metrics series (export off): $(curl -s "http://127.0.0.1:$((PORT + 1))/metrics" | grep -vc '^#')"
