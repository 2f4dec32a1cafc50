#!/usr/bin/env bash
# Runs the peers of issue 3 on the inputs Marsad is measured on and prints one markdown table.
#
#   bench/install_peers.sh    # once: Debian and PyPI peers
#   bench/run_peers.sh        # about 11 minutes on 2 cores
#
# Work folder: target/bench (retrieval/ inputs, runs/ TREC runs, results/ timings, versions and
# table.md, text_speed/bodies.txt). Environment:
#   QUERIES=N|all   known-item sample size (default 2000)
#   PG_QUERIES=subset|all   PostgreSQL ranks every match of an OR query without index help
#                   (0.25-0.35 s a query per core here), so by default it gets every 4th query (the subset
#                   rows of the table score every peer on those same queries)
#   SPEED_BUDGET=S  seconds per Python speed peer before it is measured on what it finished (default 20)
# A missing peer stops the run with its name and the install command.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$repo/target/bench"
venv="$work/venv"
queries="${QUERIES:-2000}"
pg_queries="${PG_QUERIES:-subset}"
speed_budget="${SPEED_BUDGET:-20}"

die() { echo "run_peers: $*" >&2; exit 1; }
step() { echo "run_peers: [$(date +%T)] $*" >&2; }

# --- peers present? ---------------------------------------------------------------------------
hint="run bench/install_peers.sh"
lucene_cp=""
for jar in lucene-core lucene-analyzers-common lucene-queryparser; do
  found=$(ls /usr/share/java/${jar}-8*.jar 2>/dev/null | head -n1) || true
  [[ -n "$found" ]] || die "Lucene jar $jar-8*.jar not in /usr/share/java (Debian liblucene8-java): $hint"
  lucene_cp="$lucene_cp:$found"
done
command -v javac >/dev/null || die "javac not found (a JDK): $hint"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || die "PostgreSQL server not found (Debian postgresql): $hint"
command -v runuser >/dev/null && id postgres >/dev/null 2>&1 || die "runuser or the postgres user missing: $hint"
[[ $(id -u) == 0 ]] || die "must run as root (initdb runs as the postgres user via runuser)"
/usr/bin/python3 -c "import xapian" 2>/dev/null || die "xapian module missing for /usr/bin/python3 (Debian python3-xapian): $hint"
[[ -x "$venv/bin/python" ]] || die "no venv at $venv for the Python peers: $hint"

mkdir -p "$work"/{retrieval,runs,results,text_speed,classes}
rd="$work/retrieval" runs="$work/runs" res="$work/results"
tmp="$(mktemp -d /tmp/marsad-bench-peers.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
started=$(date +%s)

# --- inputs -------------------------------------------------------------------------------------
step "known-item inputs ($queries queries)"
if [[ "$queries" == all ]]; then sample=(--all); else sample=(--queries "$queries"); fi
python3 "$repo/bench/retrieval/make_known_items.py" "$rd" "${sample[@]}"
awk 'NR % 4 == 1' "$rd/queries.tsv" >"$rd/queries_pg.tsv"
awk 'NR % 4 == 1' "$rd/queries_variant.tsv" >"$rd/queries_variant_pg.tsv"
python3 "$repo/bench/text_speed/peers.py" extract "$rd/docs.tsv" "$work/text_speed/bodies.txt" --mb 20
rm -f "$runs"/*.run "$res"/*.timing "$res"/python_speed.tsv "$res"/versions.tsv "$res"/table.md

# --- retrieval peers ----------------------------------------------------------------------------
step "Lucene: compile, index, search"
javac -d "$work/classes" -cp "$lucene_cp" "$repo/bench/retrieval/LuceneArabic.java"
java -cp "$work/classes$lucene_cp" LuceneArabic retrieval "$rd/docs.tsv" "$tmp/lucene-index" \
  "$rd/queries.tsv" "$runs/lucene_queries.run" "$rd/queries_variant.tsv" "$runs/lucene_queries_variant.run" \
  | tee "$res/lucene_retrieval.timing"

step "Xapian: index, search"
/usr/bin/python3 "$repo/bench/retrieval/xapian_arabic.py" "$rd/docs.tsv" "$tmp/xapian-index" \
  "$rd/queries.tsv" "$runs/xapian_queries.run" "$rd/queries_variant.tsv" "$runs/xapian_queries_variant.run" \
  | tee "$res/xapian_retrieval.timing"

step "PostgreSQL: throw-away cluster, index, search ($pg_queries queries), to_tsvector speed"
if [[ "$pg_queries" == all ]]; then pg_plain=queries pg_variant=queries_variant; else
  pg_plain=queries_pg pg_variant=queries_variant_pg; fi
python3 "$repo/bench/retrieval/postgres_arabic.py" --docs "$rd/docs.tsv" --ranking ts_rank --normalization 1 \
  --run "$rd/$pg_plain.tsv" "$runs/postgres_$pg_plain.run" \
  --run "$rd/$pg_variant.tsv" "$runs/postgres_$pg_variant.run" \
  --speed "$work/text_speed/bodies.txt" | tee "$res/postgres_retrieval.timing"
step "PostgreSQL again, ranked by ts_rank_cd (normalization 2)"
python3 "$repo/bench/retrieval/postgres_arabic.py" --docs "$rd/docs.tsv" --ranking ts_rank_cd --normalization 2 \
  --run "$rd/$pg_plain.tsv" "$runs/postgres_cd_$pg_plain.run" \
  --run "$rd/$pg_variant.tsv" "$runs/postgres_cd_$pg_variant.run" | tee "$res/postgres_cd_retrieval.timing"

# --- speed peers --------------------------------------------------------------------------------
step "Lucene ArabicAnalyzer throughput"
java -cp "$work/classes$lucene_cp" LuceneArabic speed "$work/text_speed/bodies.txt" | tee "$res/lucene_speed.timing"
step "Python peers throughput (budget ${speed_budget}s each)"
"$venv/bin/python" "$repo/bench/text_speed/peers.py" run "$work/text_speed/bodies.txt" --budget "$speed_budget" \
  >"$res/python_speed.tsv"

# --- Marsad on the same files, in the same run ----------------------------------------------------
step "Marsad: build, then every in-process chain (Marsad's, tantivy's, charabia) on the same queries"
(cd "$repo" && cargo build --release -q)
marsad="${CARGO_TARGET_DIR:-$repo/target}/release/marsad"
"$marsad" eval retrieval --docs "$rd/docs.tsv" --queries "$rd/queries.tsv" --queries "$rd/queries_variant.tsv" \
  --runs "$runs" | tee "$res/marsad_retrieval.md"
step "Marsad: analysis throughput on the same bytes"
"$marsad" bench text "$work/text_speed/bodies.txt" | tee "$res/marsad_speed.md"

# --- versions and table -------------------------------------------------------------------------
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'machine\t%s, %s cores, %s RAM\n' "$(lscpu | sed -n 's/^Model name: *//p' | head -n1)" "$(nproc)" \
    "$(free -h | awk '/^Mem:/ {print $2}')"
  printf 'liblucene8-java\t%s\n' "$(dpkg-query -W -f='${Version}' liblucene8-java)"
  printf 'java\t%s\n' "$(java -version 2>&1 | head -n1)"
  printf 'postgresql\t%s\n' "$(/usr/lib/postgresql/*/bin/postgres --version | tail -n1)"
  printf 'python3-xapian\t%s (xapian %s)\n' "$(dpkg-query -W -f='${Version}' python3-xapian)" \
    "$(/usr/bin/python3 -c 'import xapian; print(xapian.version_string())')"
  printf 'python (venv)\t%s\n' "$("$venv/bin/python" --version)"
  printf 'queries\t%s sampled, PostgreSQL on %s\n' "$queries" "$pg_queries"
  printf 'run_peers.sh wall time\t%s s\n' "$(($(date +%s) - started))"
} >"$res/versions.tsv"

python3 "$repo/bench/table.py" "$work" | tee "$res/table.md"
step "done in $(($(date +%s) - started)) s; table in $res/table.md"
