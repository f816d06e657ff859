#!/usr/bin/env bash
# Installs the pinned @grafana/faro-web-sdk from npm and bundles the Faro-instrumented test page
# (tests/RumOperator.E2E.Tests/Browser/Faro/page) with esbuild. `npm ci` only when node_modules is
# missing or package-lock.json changed since the last install. Safe to run again; scripts/test.sh calls it.
set -euo pipefail
page="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/RumOperator.E2E.Tests/Browser/Faro/page" && pwd)"
cd "$page"

stamp=node_modules/.lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "faro-page-build: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
npm run --silent build
