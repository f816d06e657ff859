#!/usr/bin/env bash
# Issue 11's attacks tried from outside against a real collector process (Release build, standalone on
# trust-pipeline.yaml): a forged sample rate, release churn with empty beacons, a User-Agent flood (RSS
# from /proc). Passes when the User-Agent flood grows RSS by less than 120 MB.
# Usage: bench/collector/trust/run.sh   (COLLECTOR_DIR=<published collector> skips the publish;
# TRUST_PIPELINE=<file> for a collector that predates the fields of trust-pipeline.yaml, e.g. main-pipeline.yaml)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../../.. && pwd); OUT=/tmp/rum-bench-trust; PORT=18093
COLLECTOR_DIR=${COLLECTOR_DIR:-$OUT/collector}
[ -x "$COLLECTOR_DIR/rum-collector" ] && [ "$COLLECTOR_DIR" != "$OUT/collector" ] || dotnet publish "$ROOT/collector" -c Release -o "$COLLECTOR_DIR" >/dev/null
mkdir -p $OUT
"$COLLECTOR_DIR/rum-collector" --manifests "${TRUST_PIPELINE:-trust-pipeline.yaml}" --urls http://127.0.0.1:$PORT --log-format text >$OUT/collector.log 2>&1 & COLL=$!
trap 'kill $COLL 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.2; done
node attacks.mjs $PORT $COLL | tee $OUT/attacks.txt
GROWTH=$(sed -n 's/.*(growth \([0-9.-]*\) MB).*/\1/p' $OUT/attacks.txt)
awk -v g="$GROWTH" 'BEGIN { exit !(g < 120) }' && echo "PASS: RSS growth ${GROWTH} MB < 120 MB" || { echo "FAIL: RSS growth ${GROWTH} MB"; exit 1; }
