#!/usr/bin/env bash
# Rule cost, side by side: today's rules (baseline-904e703.yaml, rendered on main at 904e703) and the
# rules this tree renders, in one real Prometheus over backfilled synthetic collector series.
# Usage: bench/rules/run.sh [series per counter...=500 2000]   (WAIT=seconds of polling, default 360)
# For each cardinality: series.py writes 7+ days of raw counters (one sample a minute) and the new
# rules' base recordings as OpenMetrics, promtool tsdb create-blocks-from openmetrics turns them into
# blocks, series.py serves the same counters live, and Prometheus evaluates both rule files at once
# (the old ones relabelled slo="old-…" so their series do not collide). Every 30 s the script reads
# /api/v1/rules; at the end it runs every rule's expression once with stats=all for the samples
# it touches. summarize.py prints ms per group and rule (median over evaluations) and the
# per-30 s-cycle cost per SLO: burn group + budget group x (30 s / its interval).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd); OUT=${OUT:-/tmp/rum-rule-bench}; WAIT=${WAIT:-360}
CARDINALITIES=("${@:-500 2000}"); [ $# -eq 0 ] && CARDINALITIES=(500 2000)
PROM_PORT=19090; EXPORTER_PORT=19091
mkdir -p "$OUT"
dotnet build "$ROOT/operator" -v quiet -nologo >/dev/null
"$ROOT/operator/bin/Debug/net10.0/rum-operator" render -f slos.yaml 2>/dev/null | ./to-rule-file.sh > "$OUT/new.yaml"
sed -e 's/slo: bench-/slo: old-bench-/' -e 's/slo="bench-/slo="old-bench-/g' -e 's/name: rumslo-shop-bench-/name: old-rumslo-shop-bench-/' \
  baseline-904e703.yaml > "$OUT/old.yaml"
promtool check rules "$OUT/old.yaml" "$OUT/new.yaml" >/dev/null

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

for N in "${CARDINALITIES[@]}"; do
  DIR="$OUT/$N"; rm -rf "$DIR"; mkdir -p "$DIR/tsdb" "$DIR/polls"
  END=$(( $(date +%s) / 60 * 60 ))
  echo "== $N series per counter: backfilling 7 days (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_INSTANCE=127.0.0.1:$EXPORTER_PORT python3 series.py backfill "$DIR/om" "$N" 7 "$END" | while read -r f; do
    promtool tsdb create-blocks-from openmetrics --max-block-duration=24h "$f" "$DIR/tsdb" >/dev/null; rm -f "$f"
  done
  BENCH_INSTANCE=127.0.0.1:$EXPORTER_PORT python3 series.py serve $EXPORTER_PORT "$N" & PIDS+=($!)
  cat > "$DIR/prometheus.yml" <<YAML
global: { scrape_interval: 60s, evaluation_interval: 30s }
rule_files: [ "$OUT/old.yaml", "$OUT/new.yaml" ]
scrape_configs:
- job_name: web-collector
  honor_labels: true
  static_configs: [ { targets: [ "127.0.0.1:$EXPORTER_PORT" ] } ]
YAML
  prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/tsdb" --storage.tsdb.retention.time=30d \
    --web.listen-address=127.0.0.1:$PROM_PORT --log.level=warn >"$DIR/prometheus.log" 2>&1 & PROM=$!; PIDS+=($PROM)
  until curl -sf "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null; do sleep 1; done
  echo "== $N: Prometheus ready, polling /api/v1/rules every 30 s for ${WAIT}s"
  for i in $(seq 1 $(( WAIT / 30 ))); do
    sleep 30
    curl -sf "http://127.0.0.1:$PROM_PORT/api/v1/rules" > "$DIR/polls/$i.json"
  done
  python3 summarize.py "$DIR" "http://127.0.0.1:$PROM_PORT" "$N" | tee "$DIR/summary.md"
  kill $PROM; wait $PROM 2>/dev/null || true
  kill "${PIDS[0]}" 2>/dev/null || true; PIDS=()
done
