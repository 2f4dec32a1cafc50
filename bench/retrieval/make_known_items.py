#!/usr/bin/env python3
"""Build the known-item retrieval inputs of issue 3 from the ANT multi-source corpus.

Reads the corpus archive directly (no unpacking) and writes three files into an
output folder (default: target/bench/retrieval/ under the repo root):

  docs.tsv             docno TAB body        (the <TEXT> of every article; the index holds bodies only)
  queries.tsv          qid TAB title TAB docno   (a seeded sample of articles, the title is the query)
  queries_variant.tsv  the same queries with light, deterministic spelling variants and typos

The ANT files look like TREC but are not well-formed XML (bare `&`, `<` in text), so fields
are cut out with tolerant regular expressions rather than an XML parser. The recipe, and why
each choice was made, is in bench/retrieval/README.md. Uses only the standard library.
"""

import argparse
import hashlib
import random
import re
import sys
import tarfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = (
    REPO_ROOT.parent / "shared/data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz"
)
DEFAULT_OUT = REPO_ROOT / "target/bench/retrieval"

DOC_RE = re.compile(r"<DOC>(.*?)(?:</DOC>|\Z)", re.S)


def field(doc, tag):
    """Text of the first <tag>...</tag> in doc; a missing closing tag ends the field at the next tag."""
    m = re.search(rf"<{tag}>(.*?)(?:</{tag}>|<[A-Z]+>|\Z)", doc, re.S)
    return m.group(1) if m else ""


# Tabs, newlines and every other control character become one space, so that a body is one
# TSV field that tools reading it in CSV/text mode (PostgreSQL COPY, Java split) see unchanged.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")
SPACES_RE = re.compile(r" {2,}")


def one_line(text):
    return SPACES_RE.sub(" ", CONTROL_RE.sub(" ", text)).strip()


def read_corpus(path):
    """Yield (docno, title, body) for every <DOC> in the .txt members of the archive."""
    with tarfile.open(path) as tar:
        for member in tar:
            # The archive's README.md holds a sample <DOC> that duplicates a real article.
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            raw = tar.extractfile(member).read().decode("utf-8", errors="replace")
            for doc in DOC_RE.findall(raw):
                docno = one_line(field(doc, "DOCNO"))
                if docno:
                    yield docno, one_line(field(doc, "TITLE")), one_line(field(doc, "TEXT"))


WORD_RE = re.compile(r"\w", re.U)
ARABIC_LETTERS_RE = re.compile(r"^[\u0621-\u064A]+$")


def title_words(title):
    return [w for w in title.split() if WORD_RE.search(w)]


HAMZA_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def swap_final_yeh(word):
    """Final ى and ي are written for each other in much of the region's press."""
    if word.endswith("ى"):
        return word[:-1] + "ي"
    if word.endswith("ي"):
        return word[:-1] + "ى"
    return word


def variant(title, rng):
    """Light, deterministic spelling variants and typos of a title (see README.md for the recipe)."""
    words = title.split()
    words = [
        swap_final_yeh(w.translate(HAMZA_SEATS).replace("ة", "ه").translate(INDIC_DIGITS)) for w in words
    ]
    article_word = None
    arabic = [i for i, w in enumerate(words) if ARABIC_LETTERS_RE.match(w) and len(w) >= 3]
    if arabic:
        article_word = rng.choice(arabic)
        w = words[article_word]
        words[article_word] = w[2:] if w.startswith("ال") and len(w) > 4 else "ال" + w
    # The deleted letter goes in another word, so that each damaged word has one change.
    long_words = [
        i for i, w in enumerate(words) if ARABIC_LETTERS_RE.match(w) and len(w) >= 5 and i != article_word
    ]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        k = rng.randrange(1, len(w))  # keep the first letter: typos rarely hit it
        words[i] = w[:k] + w[k + 1 :]
    return " ".join(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=str(DEFAULT_OUT), help="output folder (default %(default)s)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="ANT archive (default %(default)s)")
    ap.add_argument("--queries", type=int, default=2000, help="sample size (default %(default)s)")
    ap.add_argument("--all", action="store_true", help="use every eligible article as a query")
    ap.add_argument("--seed", type=int, default=20260303, help="sampling and variant seed")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    if not corpus.is_file():
        sys.exit(f"{corpus}: corpus archive not found")
    out = Path(args.out).resolve()
    shared = (REPO_ROOT.parent / "shared").resolve()
    if out == shared or shared in out.parents:
        sys.exit(f"{out}: refusing to write under the read-only shared folder")
    out.mkdir(parents=True, exist_ok=True)

    docs = {}
    for docno, title, body in read_corpus(corpus):
        if docno in docs:
            sys.exit(f"{corpus}: docno {docno}: appears twice")
        docs[docno] = (title, body)
    with_body = {d: tb for d, tb in docs.items() if tb[1]}

    # A known item must be knowable: drop titles shared by several articles and targets whose
    # body is an exact copy of another body (syndicated copies), where any of the copies is right.
    title_count, body_count = {}, {}
    for title, body in with_body.values():
        title_count[title] = title_count.get(title, 0) + 1
        h = hashlib.sha1(body.encode()).digest()
        body_count[h] = body_count.get(h, 0) + 1
    eligible = sorted(
        d
        for d, (title, body) in with_body.items()
        if len(title_words(title)) >= 3
        and title_count[title] == 1
        and body_count[hashlib.sha1(body.encode()).digest()] == 1
    )
    rng = random.Random(args.seed)
    chosen = eligible if args.all else sorted(rng.sample(eligible, min(args.queries, len(eligible))))

    with open(out / "docs.tsv", "w", encoding="utf-8") as f:
        for docno in sorted(with_body):
            f.write(f"{docno}\t{with_body[docno][1]}\n")
    variant_rng = random.Random(args.seed + 1)
    with (
        open(out / "queries.tsv", "w", encoding="utf-8") as fq,
        open(out / "queries_variant.tsv", "w", encoding="utf-8") as fv,
    ):
        for n, docno in enumerate(chosen, 1):
            qid = f"q{n:05d}"
            title = with_body[docno][0]
            fq.write(f"{qid}\t{title}\t{docno}\n")
            fv.write(f"{qid}\t{variant(title, variant_rng)}\t{docno}\n")

    print(
        f"{out}: {len(docs)} articles, {len(with_body)} with a body in docs.tsv, "
        f"{len(eligible)} eligible targets, {len(chosen)} queries (seed {args.seed})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
