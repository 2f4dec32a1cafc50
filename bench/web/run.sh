#!/usr/bin/env bash
# Latency of the search API, the search page and the article page under load (issue 9).
# Usage: bench/web/run.sh STORE   (a store already ingested, e.g. the ANT multi-source corpus)
# Needs Debian's wrk (apt-get install -y wrk). Prints wrk's p50/p99 and requests/s for each request.
set -euo pipefail
cd "$(dirname "$0")/../.."
store=${1:?usage: bench/web/run.sh STORE}
bin=${MARSAD_BIN:-target/release/marsad}
addr=127.0.0.1:8765
"$bin" --store "$store" serve --addr "$addr" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 3
id=$("$bin" --store "$store" search لافروف --limit 1 --json | sed -n 2p | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for prefix in "/api/search?q=" "/?q="; do
  echo "== $prefix (eight queries in turn)"
  PREFIX="$prefix" wrk -t1 -c4 -d15s --latency -s bench/web/rotate.lua "http://$addr" | grep -E "50%|99%|Requests/sec|Non-2xx"
done
for path in "/api/articles/$id" "/article/$id"; do
  echo "== $path"
  wrk -t1 -c4 -d15s --latency "http://$addr$path" | grep -E "50%|99%|Requests/sec|Non-2xx"
done
