#!/usr/bin/env python3
"""In-process throughput of the Python Arabic text peers of issue 3, on real news bodies.

  peers.py extract DOCS OUT [--mb 20]   first MB megabytes (10^6 bytes, whole lines) of the bodies
                                         in docs.tsv (docno TAB body), one body per line
  peers.py run FILE [--budget 30]       times every peer over FILE and prints one TSV row per peer

Each peer gets the file one body (line) at a time, as an indexer would, and does its own work:
a normaliser takes the whole body; a stemmer takes the body's whitespace-split words (the split
is timed too, it is the peer's tokeniser). A peer still running after --budget seconds stops at
the end of the current body and is measured on the bytes it finished, so that pure-Python
stemmers do not take the whole run; the `bytes` column says how much each one processed.
A peer that finishes the file within the budget gets up to three passes and reports the best.
MB/s is 10^6 bytes of UTF-8 input per second; words/s counts whitespace-separated words of the
processed input, the same count for every peer. One process, one thread (arabic-norm's batch
API, which uses every core, is not used).

Needs the packages pinned in bench/requirements-peers.txt (bench/install_peers.sh installs them
into target/bench/venv); a missing one stops the run with the package's name.
"""

import argparse
import importlib
import sys
import time
from importlib import metadata


def need(module, dist):
    try:
        return importlib.import_module(module)
    except ImportError:
        sys.exit(f"peers.py: peer package {dist} (import {module}) is missing: run bench/install_peers.sh")


def version(dist):
    return metadata.version(dist)


def make_peers():
    """(name, distribution, work done, function over one body) for every peer."""
    araby = need("pyarabic.araby", "pyarabic")
    stemming = need("tashaphyne.stemming", "tashaphyne")
    # snowballstemmer.stemmer() hands back PyStemmer's C stemmer whenever PyStemmer is installed,
    # so the pure-Python one is taken from its module directly.
    snowball_arabic = need("snowballstemmer.arabic_stemmer", "snowballstemmer")
    pystemmer = need("Stemmer", "PyStemmer")
    isri = need("nltk.stem.isri", "nltk")
    arabic_norm = need("arabic_norm", "arabic-norm")
    arabic_normalize = need("arabic_normalize", "arabic-normalize")

    def pyarabic_normalise(body):
        text = araby.strip_tashkeel(body)
        text = araby.strip_tatweel(text)
        text = araby.normalize_ligature(text)
        text = araby.normalize_alef(text)
        return araby.normalize_teh(text)

    tashaphyne_stemmer = stemming.ArabicLightStemmer()
    snowball = snowball_arabic.ArabicStemmer()
    pystem = pystemmer.Stemmer("arabic")
    isri_stemmer = isri.ISRIStemmer()

    return [
        (
            "pyarabic",
            "pyarabic",
            "normalise only: strip_tashkeel, strip_tatweel, normalize_ligature/alef/teh",
            pyarabic_normalise,
        ),
        (
            "tashaphyne",
            "tashaphyne",
            "ws-split + light stem (ArabicLightStemmer.light_stem per word)",
            lambda body: [tashaphyne_stemmer.light_stem(w) for w in body.split()],
        ),
        (
            "snowballstemmer",
            "snowballstemmer",
            "ws-split + Snowball arabic stem (pure Python)",
            lambda body: snowball.stemWords(body.split()),
        ),
        (
            "PyStemmer",
            "PyStemmer",
            "ws-split + Snowball arabic stem (C)",
            lambda body: pystem.stemWords(body.split()),
        ),
        (
            "nltk ISRIStemmer",
            "nltk",
            "ws-split + ISRI root stem (incl. its normalisation) per word",
            lambda body: [isri_stemmer.stem(w) for w in body.split()],
        ),
        (
            "arabic-norm normalize",
            "arabic-norm",
            "normalise only (tashkeel, tatweel, alif, ya)",
            arabic_norm.normalize,
        ),
        ("arabic-norm tokenize", "arabic-norm", "normalise + tokenise", arabic_norm.tokenize),
        (
            "arabic-normalize normalize_for_search",
            "arabic-normalize",
            "normalise only (search preset)",
            arabic_normalize.normalize_for_search,
        ),
        (
            "arabic-normalize search_terms",
            "arabic-normalize",
            "normalise + tokenise + Light10 stem",
            arabic_normalize.search_terms,
        ),
    ]


def extract(docs, out, mb):
    limit = mb * 1_000_000
    written = 0
    with open(docs, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                sys.exit(f"{docs}: line {n}: expected docno TAB body")
            size = len(parts[1].encode()) + 1
            if written + size > limit:
                break
            dst.write(parts[1] + "\n")
            written += size
    print(f"{out}: {written} bytes of bodies", file=sys.stderr)


def run(path, budget):
    with open(path, encoding="utf-8") as f:
        bodies = [line.rstrip("\n") for line in f]
    sizes = [len(b.encode()) + 1 for b in bodies]
    words = [len(b.split()) for b in bodies]
    peers = make_peers()
    print("peer\tversion\twork\tbytes\twords\tseconds\tMB/s\twords/s")
    for name, dist, work, fn in peers:
        done, seconds = timed_pass(fn, bodies, budget)
        # Fast peers get up to three full passes and keep the best: the machine is shared, and
        # the best pass is the one least disturbed by other work.
        passes, spent = 1, seconds
        while done == len(bodies) and passes < 3 and spent < budget:
            again_done, again = timed_pass(fn, bodies, budget)
            if again_done == len(bodies):
                seconds = min(seconds, again)
            passes, spent = passes + 1, spent + again
        nbytes, nwords = sum(sizes[:done]), sum(words[:done])
        print(
            f"{name}\t{version(dist)}\t{work}\t{nbytes}\t{nwords}\t{seconds:.3f}\t"
            f"{nbytes / 1e6 / seconds:.2f}\t{nwords / seconds:.0f}",
            flush=True,
        )


def timed_pass(fn, bodies, budget):
    """(bodies done, seconds) of one pass over the bodies, cut short after budget seconds."""
    done = 0
    start = time.perf_counter()
    for body in bodies:
        fn(body)
        done += 1
        if time.perf_counter() - start > budget:
            break
    return done, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("docs")
    ex.add_argument("out")
    ex.add_argument("--mb", type=int, default=20)
    rn = sub.add_parser("run")
    rn.add_argument("file")
    rn.add_argument("--budget", type=float, default=30.0, help="seconds per peer (default %(default)s)")
    args = ap.parse_args()
    if args.cmd == "extract":
        extract(args.docs, args.out, args.mb)
    else:
        run(args.file, args.budget)


if __name__ == "__main__":
    main()
