#!/usr/bin/env python3
"""Score a TREC-style run against known-item queries: MRR@10 and recall@10.

Usage: score.py RUN QUERIES [--tsv] [--subset]

RUN has one line per retrieved document, `qid Q0 docno rank score tag` (whitespace separated);
documents are ordered by rank (ties by file order), only the first 10 per query count.
QUERIES is queries.tsv from make_known_items.py (`qid TAB title TAB target-docno`).
A query absent from the run scores 0 (it still counts in the mean), so a peer that returns
nothing for a query is not flattered. Shared by Marsad's run and every peer's.
"""

import argparse
import sys

CUTOFF = 10


def read_queries(path):
    targets = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}: line {n}: expected 3 tab-separated fields, found {len(parts)}")
            targets[parts[0]] = parts[2]
    return targets


def read_run(path):
    ranked = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 6:
                sys.exit(
                    f"{path}: line {n}: expected `qid Q0 docno rank score tag`, found {len(parts)} fields"
                )
            qid, _, docno, rank = parts[0], parts[1], parts[2], parts[3]
            try:
                rank = int(rank)
            except ValueError:
                sys.exit(f"{path}: line {n}: rank {rank!r} is not an integer")
            ranked.setdefault(qid, []).append((rank, n, docno))
    return {q: [d for _, _, d in sorted(rows)] for q, rows in ranked.items()}


def score(run, targets):
    """(MRR@10, recall@10, queries answered) over all queries in targets."""
    rr_sum, found, answered = 0.0, 0, 0
    for qid, target in targets.items():
        docs = run.get(qid, [])[:CUTOFF]
        if docs:
            answered += 1
        if target in docs:
            found += 1
            rr_sum += 1.0 / (docs.index(target) + 1)
    n = len(targets)
    return rr_sum / n, found / n, answered


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run")
    ap.add_argument("queries")
    ap.add_argument("--tsv", action="store_true", help="print `mrr10 TAB recall10 TAB queries` only")
    ap.add_argument(
        "--subset",
        action="store_true",
        help="QUERIES is a subset of the run's queries (e.g. queries_pg.tsv): ignore the run's other qids",
    )
    args = ap.parse_args()
    targets = read_queries(args.queries)
    if not targets:
        sys.exit(f"{args.queries}: no queries")
    run = read_run(args.run)
    unknown = set(run) - set(targets)
    if unknown and not args.subset:
        sys.exit(
            f"{args.run}: {len(unknown)} qids not in {args.queries}, e.g. {sorted(unknown)[0]}"
            " (pass --subset to score only the listed queries)"
        )
    mrr, recall, answered = score(run, targets)
    if args.tsv:
        print(f"{mrr:.4f}\t{recall:.4f}\t{len(targets)}")
    else:
        print(f"queries      {len(targets)} ({answered} with at least one result)")
        print(f"MRR@10       {mrr:.4f}")
        print(f"recall@10    {recall:.4f}")


if __name__ == "__main__":
    main()
