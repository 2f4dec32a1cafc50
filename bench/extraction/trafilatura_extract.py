"""Runs trafilatura on every page of the ScrapingHub article-extraction benchmark and writes its
predictions in the benchmark's form, {id: {"articleBody": text}}, for Marsad's scorer.

Usage: trafilatura_extract.py DIR OUT.json   (DIR holds ground-truth.json and html/<id>.html.gz)
Prints the extraction time per page on standard error.
"""
import gzip
import json
import sys
import time

import trafilatura


def main():
    directory, out = sys.argv[1], sys.argv[2]
    with open(f"{directory}/ground-truth.json", encoding="utf-8") as f:
        truth = json.load(f)
    predictions, seconds = {}, 0.0
    for page_id, item in truth.items():
        with gzip.open(f"{directory}/html/{page_id}.html.gz", "rb") as f:
            html = f.read().decode("utf-8")
        started = time.perf_counter()
        text = trafilatura.extract(html, url=item.get("url")) or ""
        seconds += time.perf_counter() - started
        predictions[page_id] = {"articleBody": text}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f, ensure_ascii=False)
    print(f"trafilatura {trafilatura.__version__}: {seconds * 1000 / len(truth):.1f} ms per page", file=sys.stderr)


if __name__ == "__main__":
    main()
