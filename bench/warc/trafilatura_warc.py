"""trafilatura's extraction alone over a WARC file, for comparison with Marsad's reading stage:
every `response` record's HTTP body is given to trafilatura.extract as bytes (trafilatura guesses
the charset itself). One process, one thread. Prints pages, seconds (wall and CPU), pages/s.

Usage: trafilatura_warc.py FILE.warc.gz   (a file from build_warc: one gzip member per record)
"""
import gzip
import sys
import time

import trafilatura


def records(stream):
    """(headers, content) of each record; a plain reader for well-formed files."""
    while True:
        line = stream.readline()
        if not line:
            return
        if not line.startswith(b"WARC/1."):
            continue
        headers = {}
        for header in iter(stream.readline, b"\r\n"):
            name, _, value = header.decode("utf-8", "replace").partition(":")
            headers[name.strip().lower()] = value.strip()
        content = stream.read(int(headers.get("content-length", "0")))
        stream.read(4)
        yield headers, content


def main():
    pages, extracted = 0, 0
    wall, cpu = time.perf_counter(), time.process_time()
    with gzip.open(sys.argv[1], "rb") as stream:
        for headers, content in records(stream):
            if headers.get("warc-type") != "response":
                continue
            body = content.split(b"\r\n\r\n", 1)[1]
            pages += 1
            if trafilatura.extract(body):
                extracted += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"trafilatura {trafilatura.__version__}: {pages} pages ({extracted} with text) in {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU: {pages / wall:.0f} pages/s wall, {pages / cpu:.0f} pages/s per CPU second")


if __name__ == "__main__":
    main()
