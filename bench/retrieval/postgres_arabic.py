#!/usr/bin/env python3
"""PostgreSQL's `arabic` text-search configuration as a peer for issue 3's benchmarks.

Usage: postgres_arabic.py [--docs DOCS --run QUERIES RUN [--run QUERIES RUN ...]] [--speed FILE]

Starts a throw-away cluster (initdb into a temporary folder, run as the `postgres` user because
initdb refuses root, listening on 127.0.0.1:55432 and a socket in that folder), and always stops
and deletes it at the end, also on failure.

--docs/--run: loads docs.tsv (docno TAB body) with COPY into a table whose stored generated
column is to_tsvector('arabic', body), builds a GIN index on it (indexing time = COPY + index),
then for each queries file ranks by ts_rank_cd the documents matching the title's
plainto_tsquery('arabic', title) with its `&` turned into `|`: AND of all the lexemes of a long
title would match almost nothing. Top 10 per query, ties broken by docno.
Ranking (--ranking, --normalization): ts_rank with normalization 1 (rank / (1 + log length)) by
default, PostgreSQL's best on a 50-query trial (MRR@10 0.734; ts_rank 0: 0.525; ts_rank 2:
0.023). ts_rank_cd does badly on OR queries whatever the normalization (0: 0.065, 2: 0.171,
1|2: 0.040, 2|8: 0.004): its cover density adds up every occurrence of every matched lexeme
with no IDF, so long documents full of common words win, while ts_rank's OR score saturates
per lexeme and so mostly counts how many distinct query lexemes a document has.
The queries are shared between --connections psql sessions (default 2, one per core here).
--speed: loads FILE (one body per line) and times SELECT to_tsvector('arabic', body) over every
line, in-process on the server (psql \\timing), one warm-up then three timed passes.

The cluster runs with fsync=off (a throw-away cluster; no effect on query work); every other
setting is PostgreSQL's default. Timings go to stdout as `TIMING key value` lines for bench/table.py.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORT = 55432
TOP = 10
TAG = "postgres-arabic"
USER = "postgres"


def timing(key, value):
    print(f"TIMING {key} {value:.6f}", flush=True)


def pg_bin():
    """Folder of the newest Debian PostgreSQL server binaries."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parents[1].name))
    if not found:
        sys.exit(
            "postgres_arabic.py: PostgreSQL server not found under /usr/lib/postgresql: "
            "run bench/install_peers.sh (Debian postgresql)"
        )
    return Path(found[-1]).parent


def as_postgres(argv, **kw):
    return subprocess.run(["runuser", "-u", USER, "--", *argv], check=True, **kw)


class Cluster:
    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="marsad-bench-pg-"))
        shutil.chown(self.dir, USER, USER)
        self.data = self.dir / "data"
        self.started = False

    def start(self):
        as_postgres(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                USER,
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--auth=trust",
            ],
            stdout=subprocess.DEVNULL,
        )
        opts = (
            f"-p {PORT} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c client_min_messages=warning"
        )
        as_postgres(
            [
                str(self.bin / "pg_ctl"),
                "start",
                "-w",
                "-D",
                str(self.data),
                "-o",
                opts,
                "-l",
                str(self.dir / "server.log"),
            ],
            stdout=subprocess.DEVNULL,
        )
        self.started = True

    def psql(self, sql, stdin=None, capture=False):
        """Run SQL through psql as the postgres user; psql's own errors stop the run."""
        result = subprocess.run(
            [*self.psql_argv(), "-c", sql],
            stdin=stdin,
            stdout=subprocess.PIPE if capture else None,
            check=False,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed (exit {result.returncode}) running: {sql[:120]}")
        return result.stdout

    def psql_argv(self):
        return [
            "runuser",
            "-u",
            USER,
            "--",
            str(self.bin / "psql"),
            "-h",
            str(self.dir),
            "-p",
            str(PORT),
            "-d",
            "postgres",
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
        ]

    def stop(self):
        try:
            if self.started:
                as_postgres(
                    [str(self.bin / "pg_ctl"), "stop", "-m", "fast", "-D", str(self.data)],
                    stdout=subprocess.DEVNULL,
                )
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# COPY in CSV mode with a quote character that docs.tsv never holds (make_known_items.py turns every
# control character into a space): text mode would read backslashes in bodies as escapes.
COPY_TSV = "COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"


def copy_in(cluster, table, cols, path):
    with open(path, "rb") as f:
        cluster.psql(COPY_TSV.format(table=table, cols=cols), stdin=f)


def retrieval(cluster, docs, runs, ranking, normalization, connections):
    start = time.perf_counter()
    cluster.psql(
        "CREATE TABLE docs (docno text PRIMARY KEY, body text NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (to_tsvector('arabic', body)) STORED)"
    )
    copy_in(cluster, "docs", "docno, body", docs)
    cluster.psql("CREATE INDEX docs_tsv ON docs USING gin (tsv); ANALYZE docs")
    timing("index_s", time.perf_counter() - start)
    timing("docs", int(cluster.psql("SELECT count(*) FROM docs", capture=True).split()[-1]))

    for queries, run in runs:
        cluster.psql(
            "DROP TABLE IF EXISTS queries; CREATE TABLE queries (n serial, qid text, title text, target text)"
        )
        copy_in(cluster, "queries", "qid, title, target", queries)
        # An OR query matches most documents and ts_rank_cd has no index support, so each query
        # ranks a large part of the collection: the queries are shared round-robin between
        # several connections to use every core.
        start = time.perf_counter()
        workers = [
            subprocess.Popen(
                [*cluster.psql_argv(), "-c", run_sql(ranking, normalization, k, connections)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for k in range(connections)
        ]
        outputs = [w.communicate()[0] for w in workers]
        if any(w.returncode != 0 for w in workers):
            raise RuntimeError(f"{queries}: a psql query worker failed")
        name = Path(queries).stem
        timing(f"query_s:{name}", time.perf_counter() - start)
        with open(run, "w", encoding="utf-8") as f:
            for out in outputs:
                f.write(out)
        answered = {line.split(" ", 1)[0] for out in outputs for line in out.splitlines()}
        with open(queries, encoding="utf-8") as f:
            total = sum(1 for _ in f)
        timing(f"queries_without_results:{name}", total - len(answered))


def run_sql(ranking, normalization, worker, workers):
    """COPY of the TREC run lines for the queries with n % workers == worker."""
    return f"""
COPY (
  SELECT q.qid, 'Q0', r.docno, row_number() OVER (PARTITION BY q.qid ORDER BY r.score DESC, r.docno),
         round(r.score::numeric, 6), '{TAG}-{ranking}-{normalization}'
  FROM (SELECT qid, replace(plainto_tsquery('arabic', title)::text, ' & ', ' | ')::tsquery AS tsq
        FROM queries WHERE n % {workers} = {worker}) q
  CROSS JOIN LATERAL (
    SELECT docno, {ranking}(tsv, q.tsq, {normalization}) AS score FROM docs
    WHERE tsv @@ q.tsq ORDER BY score DESC, docno LIMIT {TOP}) r
  ORDER BY 1, 4
) TO STDOUT WITH (FORMAT text, DELIMITER ' ')"""


TIME_RE = re.compile(r"^Time: ([0-9.]+) ms", re.M)


def speed(cluster, path):
    cluster.psql("CREATE TABLE bodies (body text NOT NULL)")
    copy_in(cluster, "bodies", "body", path)
    # The sum forces every vector to be built; the lengths are cheap next to parsing and stemming.
    sql = "\\timing on\nSELECT sum(length(to_tsvector('arabic', body))) FROM bodies;\n"
    passes = []
    for _ in range(4):
        out = subprocess.run(
            cluster.psql_argv(), input=sql, capture_output=True, text=True, check=True
        ).stdout
        m = TIME_RE.search(out)
        if not m:
            raise RuntimeError(f"psql printed no timing: {out[:200]}")
        passes.append(float(m.group(1)) / 1000)
    tokens = cluster.psql("SELECT sum(length(to_tsvector('arabic', body))) FROM bodies", capture=True)
    timing("speed_bytes", os.path.getsize(path))
    timing("speed_lexemes", int(tokens.split()[-1]))
    timing("speed_cold_s", passes[0])
    timing("speed_best_s", min(passes[1:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs")
    ap.add_argument("--run", nargs=2, action="append", default=[], metavar=("QUERIES", "RUN"))
    ap.add_argument("--speed", metavar="FILE")
    ap.add_argument("--ranking", choices=["ts_rank", "ts_rank_cd"], default="ts_rank")
    ap.add_argument(
        "--normalization",
        type=int,
        default=1,
        help="rank normalization flags (default %(default)s: divide by 1 + log of document length)",
    )
    ap.add_argument(
        "--connections", type=int, default=2, help="parallel query connections (default %(default)s)"
    )
    args = ap.parse_args()
    if bool(args.docs) != bool(args.run) or not (args.docs or args.speed):
        ap.error("give --docs with at least one --run, and/or --speed")
    if os.geteuid() != 0:
        sys.exit("postgres_arabic.py: must run as root (it starts the cluster as the postgres user)")
    # Files are read by this process and piped to psql, so the postgres user needs no access to them.
    cluster = Cluster()
    try:
        cluster.start()
        if args.docs:
            retrieval(cluster, args.docs, args.run, args.ranking, args.normalization, args.connections)
        if args.speed:
            speed(cluster, args.speed)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
