#!/usr/bin/env bash
# Builds and tests the browser SDK (sdk/): `npm ci` only when node_modules is missing or
# package-lock.json changed since the last install, then `npm run build` and `npm test`.
# Safe to run again; CI calls it.
set -euo pipefail
sdk="$(cd "$(dirname "${BASH_SOURCE[0]}")/../sdk" && pwd)"
cd "$sdk"

stamp=node_modules/.lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "sdk-build: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

npm run --silent build
npm test
node "$sdk/../bench/sdk/size.mjs" --check
