#!/usr/bin/env python3
"""Print the peers' table for issue 3 (markdown) from what bench/run_peers.sh left in its work folder.

Usage: table.py WORK   (WORK is target/bench; reads retrieval/, runs/, results/ under it)

Retrieval scores come from bench/retrieval/score.py (the scorer Marsad's run uses too); timings
from the `TIMING key value` lines each peer printed; speed rows from text_speed/peers.py's TSV
plus the Lucene and PostgreSQL speed timings, all over the same bodies file.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "retrieval"))
import score  # noqa: E402  (the shared scorer, next to this file)

RETRIEVAL_PEERS = [
    ("Lucene ArabicAnalyzer (BM25)", "lucene"),
    ('Xapian Stem("arabic") (BM25)', "xapian"),
    ("PostgreSQL `arabic` (ts_rank, norm 1)", "postgres"),
    ("PostgreSQL `arabic` (ts_rank_cd, norm 2)", "postgres_cd"),
]


def timings(path):
    values = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "TIMING":
            values[parts[1]] = float(parts[2])
    return values


def scored(run, queries):
    """(MRR@10, recall@10) of a run restricted to the qids of a queries file, or None if absent."""
    if not run.is_file():
        return None
    targets = score.read_queries(queries)
    ranked = {q: d for q, d in score.read_run(run).items() if q in targets}
    mrr, recall, _ = score.score(ranked, targets)
    return mrr, recall


def fmt(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def retrieval_rows(work):
    """One row per (query set, peer). A peer run on all queries is scored on the subset's qids too,
    so that the subset rows compare every peer on the same queries."""
    rdir, runs, results = work / "retrieval", work / "runs", work / "results"
    rows = []
    for set_name, plain, variant, run_sets in (
        ("all", "queries", "queries_variant", [("queries", "queries_variant")]),
        (
            "subset",
            "queries_pg",
            "queries_variant_pg",
            [("queries", "queries_variant"), ("queries_pg", "queries_variant_pg")],
        ),
    ):
        qplain, qvariant = rdir / f"{plain}.tsv", rdir / f"{variant}.tsv"
        if not qplain.is_file():
            continue
        n = count_lines(qplain)
        for label, key in RETRIEVAL_PEERS:
            t = timings(results / f"{key}_retrieval.timing")
            for run_plain, run_variant in run_sets:
                p = scored(runs / f"{key}_{run_plain}.run", qplain)
                v = scored(runs / f"{key}_{run_variant}.run", qvariant)
                if p and v:
                    seconds = t.get(f"query_s:{run_plain}")
                    ms = None if seconds is None else 1000 * seconds / count_lines(rdir / f"{run_plain}.tsv")
                    rows.append((label, f"{set_name} ({n})", p, v, t.get("index_s"), ms))
                    break
    return rows


def count_lines(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)


def speed_rows(work):
    results = work / "results"
    bodies = work / "text_speed" / "bodies.txt"
    rows = []
    py = results / "python_speed.tsv"
    if py.is_file():
        lines = py.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            name, ver, what, nbytes, nwords, secs, mbs, wps = line.split("\t")
            rows.append((name, ver, what, int(nbytes) / 1e6, float(mbs), float(wps)))
    if bodies.is_file():
        nbytes = bodies.stat().st_size
        nwords = sum(len(line.split()) for line in open(bodies, encoding="utf-8"))
        versions = dict(
            line.split("\t", 1)
            for line in (results / "versions.tsv").read_text(encoding="utf-8").splitlines()
            if "\t" in line
        )
        lucene = timings(results / "lucene_speed.timing")
        if "best_s" in lucene:
            rows.append(
                (
                    "Lucene ArabicAnalyzer",
                    versions.get("liblucene8-java", "?"),
                    "tokenise + lowercase + digits + stopwords + normalise + light stem "
                    "(best of 3 after a warm-up pass)",
                    nbytes / 1e6,
                    nbytes / 1e6 / lucene["best_s"],
                    nwords / lucene["best_s"],
                )
            )
        pg = timings(results / "postgres_retrieval.timing")
        if "speed_best_s" in pg:
            rows.append(
                (
                    "PostgreSQL to_tsvector('arabic')",
                    versions.get("postgresql", "?"),
                    "parse + Snowball arabic stem into a tsvector (server time, best of 3 after a warm-up)",
                    nbytes / 1e6,
                    nbytes / 1e6 / pg["speed_best_s"],
                    nwords / pg["speed_best_s"],
                )
            )
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    work = Path(sys.argv[1])
    print("### Known-item retrieval (query = title, index = bodies)\n")
    print(
        "| peer | queries | MRR@10 | recall@10 | MRR@10 variant | recall@10 variant | index s | query ms/q |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, qset, p, v, index_s, ms in retrieval_rows(work):
        print(
            f"| {label} | {qset} | {fmt(p[0])} | {fmt(p[1])} | {fmt(v[0])} | {fmt(v[1])} | "
            f"{fmt(index_s, 1)} | {fmt(ms, 2)} |"
        )
    print(
        "\nquery ms/q is wall time over a queries file (Lucene after an untimed warm-up pass;"
        " PostgreSQL shares the queries between 2 connections). `subset` rows score every peer on"
        " the queries PostgreSQL was given."
    )
    print("\n### Throughput on the same bodies file (one thread unless noted)\n")
    print("| peer | version | work | MB done | MB/s | words/s |")
    print("|---|---|---|---|---|---|")
    for name, ver, what, mb, mbs, wps in speed_rows(work):
        print(f"| {name} | {ver} | {what} | {mb:.1f} | {mbs:.2f} | {wps:,.0f} |")
    versions = work / "results" / "versions.tsv"
    if versions.is_file():
        print("\n### Versions and machine\n")
        for line in versions.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("\t")
            print(f"- {key}: {value}")


if __name__ == "__main__":
    main()
