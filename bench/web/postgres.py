#!/usr/bin/env python3
"""Search latency of Marsad's /api/search beside PostgreSQL full-text search (issue 9).

Usage: bench/web/postgres.py STORE [--work DIR] [--seconds 15] [--connections 1,4]

Same articles, same queries, same concurrency on both sides:
1. starts `marsad serve` on STORE (MARSAD_BIN, default target/release/marsad) and exports the
   articles Marsad searches by default (canonical ones: copies left out) through /api/articles/{id}
   to DIR/docs.tsv (`id TAB headline TAB body`; reused when present);
2. loads them into a throw-away PostgreSQL cluster on 127.0.0.1:55432 (bench/retrieval/
   postgres_arabic.py's `Cluster`: initdb in a temporary folder, fsync off, deleted at the end):
   a stored tsvector of headline (weight A) and body (`arabic` configuration), with a GIN index;
3. for each concurrency C, runs for SECONDS seconds each:
   - Debian's pgbench, C connections over TCP, one thread, the eight queries of bench/web/rotate.lua
     as eight scripts of equal weight; each query is what /api/search answers: the matching count,
     the top 10 by ts_rank (normalization 1) with their headline and a ts_headline snippet;
     per-transaction latencies from pgbench's log (`-l`) give p50 and p99; then the same without
     the snippets (count and top 10 only), to show what ts_headline costs;
   - wrk on /api/search?q=… (rotate.lua), one thread, C connections.

PostgreSQL's side is the query alone over a wire protocol; Marsad's is the whole HTTP request, JSON
included, so the ratio favours PostgreSQL a little. Prints a Markdown table.
"""

import argparse
import http.client
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "retrieval"))
from postgres_arabic import PORT, Cluster  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["السودان", "لافروف", "محادثات", "الهدنة", "كرة القدم", "الانتخابات", "إيران", "غزة"]
ADDR = ("127.0.0.1", 8766)

# What /api/search returns for one query: the count of matches and the best ten with a snippet.
SEARCH_SQL = """SELECT id, headline, total,
       ts_headline('arabic', body, q, 'MaxFragments=1, MinWords=20, MaxWords=40') AS snippet
FROM (SELECT id, headline, body, q, count(*) OVER () AS total, ts_rank(tsv, q, 1) AS rank
      FROM docs, plainto_tsquery('arabic', '{query}') AS q
      WHERE tsv @@ q ORDER BY rank DESC, id LIMIT 10) AS top
ORDER BY rank DESC, id;
"""
# The same without the snippets, to show what ts_headline costs.
COUNT_RANK_SQL = """SELECT id, headline, count(*) OVER () AS total
FROM docs, plainto_tsquery('arabic', '{query}') AS q
WHERE tsv @@ q ORDER BY ts_rank(tsv, q, 1) DESC, id LIMIT 10;
"""


def start_marsad(store):
    binary = os.environ.get("MARSAD_BIN", str(ROOT / "target/release/marsad"))
    server = subprocess.Popen(
        [binary, "--store", str(store), "serve", "--addr", f"{ADDR[0]}:{ADDR[1]}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection(*ADDR, timeout=5)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit(f"postgres.py: marsad serve on {store} did not answer /api/health within 10 s")


def tsv_field(text):
    # COPY in CSV mode with \x01 as the quote character: tabs, newlines and control characters
    # become spaces so that every row is one line of three fields.
    return re.sub(r"[\x00-\x1f]", " ", text or "")


def export(store, path):
    """The canonical articles of STORE as `id TAB headline TAB body` lines."""
    db = sqlite3.connect(f"file:{store}/marsad.sqlite?mode=ro", uri=True)
    ids = [r[0] for r in db.execute("SELECT article_id FROM groups WHERE canonical_id = article_id ORDER BY article_id")]
    conn = http.client.HTTPConnection(*ADDR, timeout=30)
    with open(path, "w", encoding="utf-8") as out:
        for id_ in ids:
            conn.request("GET", f"/api/articles/{id_}")
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit(f"postgres.py: /api/articles/{id_} answered {response.status}: {body[:200]!r}")
            article = json.loads(body)
            clean = article["clean"]
            headline = article.get("headline") or ""
            text = clean[len(headline) :] if headline and clean.startswith(headline) else clean
            out.write(f"{id_}\t{tsv_field(headline)}\t{tsv_field(text)}\n")
    return len(ids)


def load(cluster, docs):
    start = time.perf_counter()
    cluster.psql(
        "CREATE TABLE docs (id text PRIMARY KEY, headline text NOT NULL, body text NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('arabic', headline), 'A') "
        "|| to_tsvector('arabic', body)) STORED)"
    )
    with open(docs, "rb") as f:
        cluster.psql(
            "COPY docs (id, headline, body) FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', FORCE_NOT_NULL (headline, body))",
            stdin=f,
        )
    cluster.psql("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
    cluster.psql("VACUUM ANALYZE docs")
    return time.perf_counter() - start


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def pgbench(cluster, scripts, connections, seconds, work):
    logs = Path(tempfile.mkdtemp(prefix="pgbench-", dir=work))
    argv = [str(cluster.bin / "pgbench"), "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", "-n"]
    argv += ["-c", str(connections), "-j", "1", "-T", str(seconds), "-l", "--log-prefix", str(logs / "log")]
    for s in scripts:
        argv += ["-f", f"{s}@1"]
    result = subprocess.run(argv + ["postgres"], capture_output=True, text=True, cwd=work)
    if result.returncode != 0:
        sys.exit(f"postgres.py: pgbench failed: {result.stderr[-500:]}")
    # Log lines: client_id transaction_no time_us script_no time_epoch time_us_part.
    latencies = sorted(int(line.split()[2]) / 1000 for f in logs.iterdir() for line in f.open())
    return {
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "rps": len(latencies) / seconds,
        "mean": statistics.fmean(latencies),
    }


def wrk_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(connections, seconds):
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    argv += ["-s", str(ROOT / "bench/web/rotate.lua"), f"http://{ADDR[0]}:{ADDR[1]}"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, env={**os.environ, "PREFIX": "/api/search?q="}).stdout
    if "Non-2xx" in out:
        sys.exit(f"postgres.py: wrk saw errors:\n{out}")
    return {
        "p50": wrk_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": wrk_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "marsad-web-pg")
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", default="1,4")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    os.chmod(args.work, 0o755)

    server = start_marsad(args.store.resolve())
    cluster = Cluster()
    try:
        docs = args.work / "docs.tsv"
        if not docs.exists():
            n = export(args.store.resolve(), docs.with_suffix(".part"))
            docs.with_suffix(".part").rename(docs)
            print(f"exported {n} canonical articles to {docs}", file=sys.stderr)
        scripts, plain = [], []
        for i, q in enumerate(QUERIES):
            for sql, name, into in [(SEARCH_SQL, "query", scripts), (COUNT_RANK_SQL, "plain", plain)]:
                script = args.work / f"{name}{i}.sql"
                script.write_text(sql.format(query=q.replace("'", "''")), encoding="utf-8")
                into.append(script)
        cluster.start()
        load_s = load(cluster, docs)
        count = cluster.psql("SELECT count(*) FROM docs", capture=True).split()[-1]
        print(f"PostgreSQL: {count} articles loaded and indexed in {load_s:.1f} s", file=sys.stderr)
        # One pass of each query first, so neither side is measured cold.
        for s in scripts:
            cluster.psql(s.read_text(encoding="utf-8"), capture=True)
        wrk(1, 2)
        print(
            "| connections | Marsad /api/search p50 | p99 | req/s | PostgreSQL p50 | p99 | q/s "
            "| ratio p50 / p99 (PostgreSQL ÷ Marsad) | PostgreSQL without snippets p50 | p99 |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for c in [int(x) for x in args.connections.split(",")]:
            m = wrk(c, args.seconds)
            p = pgbench(cluster, scripts, c, args.seconds, args.work)
            n = pgbench(cluster, plain, c, args.seconds, args.work)
            print(
                f"| {c} | {m['p50']:.1f} ms | {m['p99']:.1f} ms | {m['rps']:.0f} "
                f"| {p['p50']:.1f} ms | {p['p99']:.1f} ms | {p['rps']:.0f} "
                f"| {p['p50'] / m['p50']:.1f}× / {p['p99'] / m['p99']:.1f}× | {n['p50']:.1f} ms | {n['p99']:.1f} ms |",
                flush=True,
            )
    finally:
        cluster.stop()
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
