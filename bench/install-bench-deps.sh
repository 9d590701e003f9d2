#!/usr/bin/env bash
# Optional tools for bench/run-chat-benchmarks.sh and bench/results-table.py (not needed to build or
# test): wrk for the REST scenario; Node.js and the ws package (bench/reference/package-lock.json,
# installed into bench/reference/node_modules with npm) for the same-run reference server.
# Idempotent; needs root (or sudo) for apt-get.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PACKAGES=(wrk)
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ! -f "$ROOT/bench/reference/node_modules/ws/package.json" ]; then
  (cd "$ROOT/bench/reference" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-bench-deps: wrk $(command -v wrk), node $(node --version), ws $(node -p "require('$ROOT/bench/reference/node_modules/ws/package.json').version")"
