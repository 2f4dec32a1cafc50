#!/usr/bin/env bash
# Installs the peers of issue 3's retrieval and speed benchmarks; safe to run again.
#   Debian: liblucene8-java (Lucene's ArabicAnalyzer), a JDK (javac), postgresql (the `arabic`
#           text-search configuration), python3-xapian (Xapian's Arabic stemmer, for /usr/bin/python3)
#   PyPI:   bench/requirements-peers.txt into target/bench/venv (python3 -m venv)
# Needs root (apt-get) and the Debian and PyPI registries.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="$repo/target/bench/venv"

debs=(liblucene8-java postgresql python3-xapian)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v javac >/dev/null || missing+=(default-jdk-headless)
if ((${#missing[@]})); then
  echo "install_peers: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's postgresql package may start the distribution's own cluster; the benchmark starts a
# throw-away cluster of its own on port 55432 and does not use or touch that one.

if [[ ! -x "$venv/bin/python" ]]; then
  echo "install_peers: python3 -m venv $venv" >&2
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r "$repo/bench/requirements-peers.txt"
echo "install_peers: peers installed" >&2
