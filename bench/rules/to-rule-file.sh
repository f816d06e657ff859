#!/usr/bin/env bash
# PrometheusRule objects (rum-operator render) on stdin → one Prometheus rule file (groups:) on stdout.
set -euo pipefail
awk '
  /^---/ { inside = 0; next }
  /^  groups:/ { if (!started) print "groups:"; started = 1; inside = 1; next }
  inside && /^  [ -]/ { print substr($0, 3); next }
  inside { inside = 0 }
'
