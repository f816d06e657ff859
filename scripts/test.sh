#!/usr/bin/env bash
# Runs every test: installs the real tools the tests drive (idempotent), builds and tests
# the browser SDK, then the whole .NET solution (unit, promtool, fake API server, collector,
# browser and Prometheus/Alertmanager end-to-end tests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/bin:$PATH"

bash scripts/install-tools.sh
bash scripts/sdk-build.sh
bash scripts/faro-page-build.sh
dotnet build RumOperator.sln -nologo -v quiet
dotnet test RumOperator.sln --no-build -nologo --logger "console;verbosity=minimal" "$@"
