#!/usr/bin/env bash
# Extraction quality on the ScrapingHub article-extraction benchmark: Marsad's HTML reader and
# trafilatura on the same 181 pages in the same run, both scored by Marsad's one scorer
# (marsad_read::html::score, the benchmark's own metric). trafilatura is pinned and installed into
# a venv under target/. Usage: bench/extraction/run.sh [BENCHMARK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${1:-../shared/data/article_extraction_benchmark}"
out=target/bench/extraction
venv=target/bench/trafilatura-venv
mkdir -p "$out"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/extraction/requirements.txt
fi
"$venv/bin/python" bench/extraction/trafilatura_extract.py "$dir" "$out/trafilatura.json"
cargo run -q --release -p marsad-read --example extraction_benchmark -- "$dir" \
  --write "$out/marsad.json" trafilatura="$out/trafilatura.json" | tee "$out/scores.txt"
