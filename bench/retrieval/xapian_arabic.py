#!/usr/bin/python3
"""Xapian's Arabic stemmer as a peer for issue 3's known-item retrieval benchmark.

Usage: /usr/bin/python3 xapian_arabic.py DOCS INDEX_DIR QUERIES RUN [QUERIES RUN ...]

Indexes docs.tsv (docno TAB body) into a fresh on-disk database in INDEX_DIR with a
TermGenerator using Stem("arabic") (Xapian's default STEM_SOME: stemmed terms prefixed Z plus
the unstemmed words), then for each queries file parses the title with a QueryParser using the
same stemmer, STEM_SOME and OP_OR between terms, ranks with BM25Weight (Xapian defaults:
k1=1, k2=0, k3=1, b=0.5, min_normlen=0.5) and writes a TREC run of the top 10.
Xapian ships no Arabic stopword list, so none is used.

Needs Debian's python3-xapian, which installs for /usr/bin/python3 only (not a pyenv python).
Timings go to stdout as `TIMING key value` lines for bench/table.py.
"""

import sys
import time
from pathlib import Path

try:
    import xapian
except ImportError:
    sys.exit(
        "xapian_arabic.py: the xapian module is missing: run bench/install_peers.sh (Debian python3-xapian) "
        "and call this script with /usr/bin/python3"
    )

TOP = 10
TAG = "xapian-arabic"


def timing(key, value):
    print(f"TIMING {key} {value:.6f}", flush=True)


def read_tsv(path, fields):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != fields:
                sys.exit(f"{path}: line {n}: expected {fields} tab-separated fields, found {len(parts)}")
            rows.append(parts)
    return rows


def build_index(docs, index_dir):
    db = xapian.WritableDatabase(str(index_dir), xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("arabic"))
    for docno, body in docs:
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(body)
        doc.set_data(docno)
        db.add_document(doc)
    db.commit()
    return db


def search(db, queries_path, run_path):
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("arabic"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_OR)
    parser.set_database(db)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    # No boolean/phrase/wildcard syntax: a title is plain words, and quotes in titles are common.
    flags = 0
    empty = 0
    rows = read_tsv(queries_path, 3)
    start = time.perf_counter()
    with open(run_path, "w", encoding="utf-8") as out:
        for qid, title, _target in rows:
            enquire.set_query(parser.parse_query(title, flags))
            matches = enquire.get_mset(0, TOP)
            if matches.empty():
                empty += 1
            for rank, m in enumerate(matches, 1):
                out.write(f"{qid} Q0 {m.document.get_data().decode()} {rank} {m.weight:.4f} {TAG}\n")
    name = Path(queries_path).stem
    timing(f"query_s:{name}", time.perf_counter() - start)
    timing(f"queries_without_results:{name}", empty)


def main():
    args = sys.argv[1:]
    if len(args) < 4 or len(args) % 2:
        sys.exit(__doc__)
    docs = read_tsv(args[0], 2)
    start = time.perf_counter()
    db = build_index(docs, Path(args[1]))
    timing("index_s", time.perf_counter() - start)
    timing("docs", len(docs))
    for queries, run in zip(args[2::2], args[3::2], strict=True):
        search(db, queries, run)
    db.close()


if __name__ == "__main__":
    main()
