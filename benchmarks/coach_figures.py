"""Figures for the writing coach on synthetic children's traces of the school letters.

Prints, for clean-but-wobbly traces (messiness 1: a typical five-year-old, without accidents), how
often the coach complains anyway, and for traces with one known fault, how often the coach names it:

* tracing with a guide (help levels 1-2, stroke by stroke, order "gentle" and "strict");
* writing from memory (level 3, the whole letter, written anywhere along the lines).

Goals (issue 4): false complaints <= 3 %, each fault caught >= 90 %.

    python benchmarks/coach_figures.py [--per-letter 4] [--seed 0] [--messiness 1.0]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from games.engine.writing.coach import TracingSession, review_letter, taught_strokes  # noqa: E402
from recognizer.training.coach_synthetic import FAULTS, fault_fits, pad_place, school_trace  # noqa: E402

ALL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
EXPECTED = {"reversed": "direction", "missing": "missing", "off_path": "off_path", "order": "order"}


def named(problems):
    """What the coach said: problem kinds, and "missing bar" etc. for missing parts."""
    return {p.kind for p in problems} | {f"missing {p.part}" for p in problems if p.kind == "missing"}


def traced(char, strokes, order):
    """Trace stroke by stroke, then press Done: everything the coach said."""
    session = TracingSession(char, pad_place(char), order)
    said = set()
    for s in strokes:
        said |= named(session.add_stroke(s).problems)
    if not session.finished:           # the child stops and presses Done
        said |= named(session.missing_parts())
    return said


def written(char, strokes, order, case_must_match=False):
    return named(review_letter(strokes, char, pad_place(char), order, case_must_match).problems)


def forgotten_part(char):
    """The part the "missing" fault leaves out (the last dot, bar or hump)."""
    parts = [s.part for s in taught_strokes(char) if s.part in ("dot", "bar", "hump")]
    return f"missing {parts[-1]}"


def rate(hits, total):
    return f"{100 * hits / max(total, 1):5.1f} %  ({hits}/{total})"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-letter", type=int, default=4, help="traces per letter and condition")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--messiness", type=float, default=1.0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    n, m = args.per_letter, args.messiness
    print(f"{n} synthetic traces per letter and condition, 52 letters, messiness {m}, seed {args.seed}\n")

    print("False complaints on clean-but-wobbly traces (any tip, redo or missing part):")
    complaints = {key: Counter() for key in ("trace gentle", "trace strict", "write gentle", "write strict",
                                              "write gentle + case must match")}
    total = {key: 0 for key in complaints}
    times = {"stroke": [], "review": []}
    for char in ALL:
        for _ in range(n):
            strokes = school_trace(char, pad_place(char), rng, messiness=m)
            for order in ("gentle", "strict"):
                t = time.perf_counter()
                said = traced(char, strokes, order)
                times["stroke"].append((time.perf_counter() - t) / len(strokes))
                complaints[f"trace {order}"].update(said or {"none"})
                total[f"trace {order}"] += 1
            free = school_trace(char, pad_place(char), rng, messiness=m, free=True)
            for key, order, case in (("write gentle", "gentle", False), ("write strict", "strict", False),
                                     ("write gentle + case must match", "gentle", True)):
                t = time.perf_counter()
                said = written(char, free, order, case_must_match=case)
                times["review"].append(time.perf_counter() - t)
                complaints[key].update(said or {"none"})
                total[key] += 1
    for key, counts in complaints.items():
        wrong = total[key] - counts["none"]
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k not in ("none", "missing"))
        print(f"  {key:31s} {rate(wrong, total[key])}   {detail}")

    print("\nFaults caught (the coach names the right kind of fault; for a missing part, the right part):")
    for fault in FAULTS:
        letters = [c for c in ALL if fault_fits(c, fault)]
        for mode, order in (("trace", "gentle"), ("trace", "strict"), ("write", "gentle")):
            if fault == "off_path" and mode == "write":
                continue   # without a path to stay on, a stroke far away is just a different letter
            hits = count = 0
            for char in letters:
                for _ in range(n):
                    strokes = school_trace(char, pad_place(char), rng, messiness=m, fault=fault, free=mode == "write")
                    said = traced(char, strokes, order) if mode == "trace" else written(char, strokes, order)
                    wanted = forgotten_part(char) if fault == "missing" else EXPECTED[fault]
                    hits += wanted in said
                    count += 1
            print(f"  {fault:9s} {mode} {order:7s} {rate(hits, count)}   letters: {''.join(letters)}")
    hits = count = 0
    for char in "cosuvwxz":
        for written_char in (char, char.upper()):
            for _ in range(n):
                strokes = school_trace(written_char, pad_place(written_char), rng, messiness=m, free=True)
                asked = char.upper() if written_char.islower() else char
                hits += "case" in written(asked, strokes, "off", case_must_match=True)
                count += 1
    print(f"  {'case':9s} write (same-shape letters c o s u v w x z in the other case) {rate(hits, count)}")

    print(f"\nTime: {1000 * np.mean(times['stroke']):.1f} ms per traced stroke, "
          f"{1000 * np.mean(times['review']):.0f} ms per written letter reviewed (median "
          f"{1000 * np.median(times['review']):.0f} ms)")


if __name__ == "__main__":
    main()
