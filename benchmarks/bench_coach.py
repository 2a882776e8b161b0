"""How long the writing coach takes per letter: it runs inside a frame of Trace and write.

Prints p50/p99/max in ms (wall clock and this process's CPU time, since the machine may be shared)
for:

* ``trace``: a whole letter traced with a guide, stroke by stroke (:class:`TracingSession`,
  per stroke: what one frame pays when a finger lifts);
* ``review``: a letter written from memory, reviewed after the recognizer has read it
  (:func:`review_letter`, once per Done); the first review of each letter is counted apart, as
  it also prepares the letter's school models.

Also how long importing the coach's judge takes, and whether it pulled in scipy.

    python benchmarks/bench_coach.py [--per-letter 3] [--seed 0]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ALL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def percentiles(label, wall, cpu):
    import numpy as np
    w, c = 1000 * np.array(wall), 1000 * np.array(cpu)
    print(f"  {label:22s} n={len(w):4d}   wall p50 {np.percentile(w, 50):6.2f}  p99 {np.percentile(w, 99):6.2f}"
          f"  max {w.max():6.2f} ms   cpu p50 {np.percentile(c, 50):6.2f}  p99 {np.percentile(c, 99):6.2f}"
          f"  max {c.max():6.2f} ms")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-letter", type=int, default=3, help="synthetic letters per character")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    from recognizer.coach import judge
    imported = time.perf_counter() - t
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "sklearn"})
    print(f"import recognizer.coach.judge: {1000 * imported:.0f} ms   (scipy/sklearn imported: {heavy})")

    import numpy as np
    from recognizer.training.coach_synthetic import pad_place, school_trace
    rng = np.random.default_rng(args.seed)
    timings = {"trace (per stroke)": ([], []), "review (per letter)": ([], []),
               "review, letter's first": ([], [])}
    for order in ("gentle",):
        for char in ALL:
            for n in range(args.per_letter):
                place = pad_place(char)
                strokes = school_trace(char, place, rng)
                session = judge.TracingSession(char, place, order)
                for s in strokes:
                    w, c = time.perf_counter(), time.process_time()
                    session.add_stroke(s)
                    timings["trace (per stroke)"][0].append(time.perf_counter() - w)
                    timings["trace (per stroke)"][1].append(time.process_time() - c)
                free = school_trace(char, place, rng, free=True)
                w, c = time.perf_counter(), time.process_time()
                judge.review_letter(free, char, place, order)
                # the first review of a letter also prepares its school models (both cases)
                label = "review, letter's first" if n == 0 else "review (per letter)"
                timings[label][0].append(time.perf_counter() - w)
                timings[label][1].append(time.process_time() - c)
    print(f"{args.per_letter} synthetic letters per character, 52 characters, seed {args.seed}"
          f" (frame budget at 60 fps: 16.7 ms)")
    for label, (wall, cpu) in timings.items():
        percentiles(label, wall, cpu)


if __name__ == "__main__":
    main()
