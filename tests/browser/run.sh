#!/usr/bin/env bash
# Browser tests of the web interface in a real headless Chromium (see run.mjs).
# Installs Debian's chromium when missing and playwright-core from package-lock.json, builds the
# marsad binary unless $MARSAD_BIN names one, then runs the tests. Screenshots: target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y chromium
fi
npm ci --no-audit --no-fund
if [ -z "${MARSAD_BIN:-}" ]; then
  (cd ../.. && cargo build --release -p marsad)
  export MARSAD_BIN="${CARGO_TARGET_DIR:-$PWD/../../target}/release/marsad"
fi
node run.mjs
