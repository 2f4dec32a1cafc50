#!/usr/bin/env bash
# Reading throughput on a WARC of Arabic news pages: builds target/bench/warc/ant.warc.gz from the
# ANT corpus (each article wrapped in a news page with widgets, one in four in windows-1256 without
# a charset, one gzip member per record), then times Marsad's reading stage (one thread) and
# trafilatura's extraction alone on the same file. Usage: bench/warc/run.sh [PAGES]
set -euo pipefail
cd "$(dirname "$0")/../.."
pages="${1:-5000}"
out=target/bench/warc
venv=target/bench/trafilatura-venv
mkdir -p "$out"
cargo build -q --release -p marsad-read --examples
bin="${CARGO_TARGET_DIR:-target}/release/examples"
"$bin/build_warc" "$out/ant.warc.gz" --limit "$pages" \
  ../shared/data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz
"$bin/read_throughput" "$out/ant.warc.gz" | tee "$out/marsad.txt"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/extraction/requirements.txt
fi
"$venv/bin/python" bench/warc/trafilatura_warc.py "$out/ant.warc.gz" | tee "$out/trafilatura.txt"
