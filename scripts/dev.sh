#!/usr/bin/env bash
# The local stack: installs what it needs (idempotent, as the test script does), builds the SDK bundle,
# the operator and the collector, then runs `rum-operator dev` with the given arguments, e.g.
#   ./scripts/dev.sh -f examples/                       # the whole chain; Ctrl-C stops every part
#   ./scripts/dev.sh -f examples/ --scenario regression # page → rollback → recovery, exit 0 on success
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/bin:$PATH"

bash scripts/install-tools.sh >&2
[ -f sdk/dist/rum.min.js ] || bash scripts/sdk-build.sh >&2
dotnet build operator -nologo -v quiet >&2
dotnet build collector -nologo -v quiet >&2
exec dotnet operator/bin/Debug/net10.0/rum-operator.dll dev "$@"
