#!/usr/bin/env bash
# Installs datasketch (PyPI, pinned in requirements.txt) into target/bench/venv-group; safe to run again.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$repo/target/bench/venv-group"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r "$repo/bench/group/requirements.txt"
echo "install: datasketch installed in $venv" >&2
