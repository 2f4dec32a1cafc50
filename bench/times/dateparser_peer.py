#!/usr/bin/env python3
"""dateparser as the peer of Marsad's time expressions (issue 5), on Marsad's own gold set.

    python3 bench/times/dateparser_peer.py            # installs the pinned peer on first run
    python3 bench/times/dateparser_peer.py --no-ours  # skip the cargo run of Marsad's side

Creates target/bench/venv-times (python3 -m venv) with bench/times/requirements.txt, re-runs itself
there, reads crates/extract/testdata/times/{gold,examples}.tsv and calls
dateparser.search.search_dates(text, languages=['ar'], settings={'RELATIVE_BASE': published noon})
per item (no RELATIVE_BASE when the item has no publication date). Scoring is Marsad's rule: a
prediction matches a gold expression when the spans overlap and the values agree, each used once.
dateparser returns a datetime, never a duration or a granularity, so its value is compared at the
gold value's granularity: day for 2026-03-05, day and HH:MM for 2026-03-05T15:00, day only for
part-of-day values (2026-03-05TEV), year-month, year, ISO week, clock time for T15:00.
Durations (PT48H), recurrences (SET, valued P1D) and value-less gold (-) can never match. The
second line leaves out those P… gold values and any prediction overlapping them, so the peer is
also seen on the dates it is built for.
"""
import datetime as dt
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENV = ROOT / "target/bench/venv-times"
GOLD = [ROOT / "crates/extract/testdata/times/gold.tsv", ROOT / "crates/extract/testdata/times/examples.tsv"]
MARK = re.compile(r"\[\[(.+?)\|(.+?)\]\]")


def ensure_venv():
    python = VENV / "bin/python"
    if pathlib.Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-r", str(ROOT / "bench/times/requirements.txt")], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def read_gold():
    items = []
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, published, marked = line.split("\t", 2)
            text, spans, pos = "", [], 0
            for m in MARK.finditer(marked):
                text += marked[pos:m.start()]
                start = len(text)
                text += m.group(1)
                spans.append((start, len(text), None if m.group(2) == "-" else m.group(2)))
                pos = m.end()
            text += marked[pos:]
            published = None if published == "-" else dt.datetime.fromisoformat(published + "T12:00:00")
            items.append((ident, published, text, spans))
    return items


def agrees(gold, found):
    if gold is None or gold.startswith("P"):
        return False
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})", gold):
        return found.strftime("%Y-%m-%dT%H:%M") == gold
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})(T[A-Z]{2})?", gold):
        return found.strftime("%Y-%m-%d") == m.group(1)
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return found.strftime("%Y-%m") == gold
    if re.fullmatch(r"\d{4}", gold):
        return found.strftime("%Y") == gold
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", gold):
        year, week, _ = found.isocalendar()
        return (year, week) == (int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"T(\d{2}):(\d{2})", gold):
        return found.strftime("T%H:%M") == gold
    return False


def score(results, skip_durations):
    gold_n = pred_n = correct = 0
    for spans, found in results:
        if skip_durations:
            durations = [(s, e) for s, e, v in spans if v and v.startswith("P")]
            spans = [g for g in spans if not (g[2] and g[2].startswith("P"))]
            found = [f for f in found if not any(f[0] < e and s < f[1] for s, e in durations)]
        gold_n += len(spans)
        pred_n += len(found)
        used = [False] * len(found)
        for gs, ge, gv in spans:
            for k, (fs, fe, fv) in enumerate(found):
                if not used[k] and fs < ge and gs < fe and agrees(gv, fv):
                    used[k] = True
                    correct += 1
                    break
    p = correct / pred_n if pred_n else 0.0
    r = correct / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return gold_n, pred_n, p, r, f


def main():
    ensure_venv()
    import dateparser
    from dateparser.search import search_dates

    items = read_gold()
    results = []
    for _, published, text, spans in items:
        settings = {"RELATIVE_BASE": published} if published else {}
        found, pos = [], 0
        for surface, value in search_dates(text, languages=["ar"], settings=settings) or []:
            at = text.find(surface, pos)
            if at < 0:
                at = text.find(surface)
            if at < 0:
                continue
            found.append((at, at + len(surface), value))
            pos = at + len(surface)
        results.append((spans, found))
    print(f"time-expression gold: {len(items)} items, {sum(len(s) for *_, s in items)} expressions")
    print(f"{'system':<34} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, skip in [(f"dateparser {dateparser.__version__}", False), (f"dateparser {dateparser.__version__} (no P… values)", True)]:
        g, n, p, r, f = score(results, skip)
        print(f"{name:<34} {g:>5} {n:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    if "--no-ours" not in sys.argv:
        out = subprocess.run(["cargo", "run", "-q", "-p", "marsad-extract", "--example", "eval_times"],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        line = next(l for l in out.splitlines() if l.startswith("overlap + value"))
        p, r, f = line.split()[-3:]
        g, n = re.search(r"gold (\d+) predicted (\d+)", out).groups()
        print(f"{'marsad (overlap + value)':<34} {g:>5} {n:>5} {p:>6} {r:>6} {f:>6}")


main()
