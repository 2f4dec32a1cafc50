#!/usr/bin/env python3
"""datasketch's MinHashLSH on the same input as Marsad's `bench_add` example (issue 7).

Reads the shingle hashes `bench_add --dump` wrote (per article: a little-endian u32 count, then
that many u64) and runs the same incremental rule as `DupIndex`: an article with fewer than 8
shingles is canonical; otherwise it is a copy of the candidate with the highest estimated
Jaccard when that reaches the threshold, and only canonical articles are inserted into the LSH.
Shingles are given to datasketch as their top 32 bits (datasketch hashes to 32-bit values), so
both sides sketch the same sets. Timed: MinHash construction, query, comparison and insert (what
`bench_add` reports as "add"); reading the file is not.

    bench/group/install.sh
    cargo run --release -p marsad-group --example bench_add -- 100000 --dump target/bench/group_shingles.bin
    target/bench/venv-group/bin/python bench/group/datasketch_lsh.py target/bench/group_shingles.bin 72716
"""
import argparse
import resource
import struct
import sys
import time

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH


def read_sets(path):
    with open(path, "rb") as f:
        data = f.read()
    sets, at = [], 0
    while at < len(data):
        (n,) = struct.unpack_from("<I", data, at)
        at += 4
        sets.append(np.frombuffer(data, dtype="<u8", count=n, offset=at) >> np.uint64(32))
        at += 8 * n
    return sets


def main():
    p = argparse.ArgumentParser()
    p.add_argument("path")
    p.add_argument("originals", type=int, help="articles before the injected copies begin")
    p.add_argument("--threshold", type=float, default=0.7, help="estimated Jaccard for a copy")
    p.add_argument("--lsh-threshold", type=float, default=None, help="MinHashLSH's threshold (default: --threshold)")
    p.add_argument("--num-perm", type=int, default=64)
    p.add_argument("--min-shingles", type=int, default=8)
    args = p.parse_args()

    sets = read_sets(args.path)
    lsh = MinHashLSH(threshold=args.lsh_threshold or args.threshold, num_perm=args.num_perm)
    kept = {}
    copies = injected_found = 0
    identity = lambda v: v  # noqa: E731 - the values are hashes already
    started, cpu_started = time.perf_counter(), time.process_time()
    for i, keys in enumerate(sets):
        if len(keys) < args.min_shingles:
            continue
        m = MinHash(num_perm=args.num_perm, hashfunc=identity)
        m.update_batch(keys)
        best = 0.0
        for c in lsh.query(m):
            best = max(best, m.jaccard(kept[c]))
        if best >= args.threshold:
            copies += 1
            injected_found += i >= args.originals
        else:
            lean = LeanMinHash(m)
            lsh.insert(i, lean)
            kept[i] = lean
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    n = len(sets)
    injected = max(0, n - args.originals)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"datasketch MinHashLSH threshold={args.lsh_threshold or args.threshold} num_perm={args.num_perm} (b={lsh.b}, r={lsh.r}); copy at {args.threshold}")
    print(f"articles: {n}; copies found: {copies}; injected 5% copies found: {injected_found} of {injected}")
    print(f"add (MinHash + query + compare + insert): {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU, {n / cpu_seconds:.0f} articles per CPU second")
    print(f"peak resident memory: {peak_mib:.0f} MiB (all shingle sets and the index)")


if __name__ == "__main__":
    sys.exit(main())
