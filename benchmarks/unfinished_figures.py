"""How well the pad tells a half-written letter from a whole one (games/engine/writing/unfinished.py).

Prints, for whole letters, the share the pad would wait longer on (a false wait: the child waits 3x
the rest for an answer, or taps the tick), and for half letters (the first strokes of a letter of
several strokes; the first half of a one-stroke letter, as a child who lifts the pen midway) the
share it waits on (caught: the half letter is kept), with the time a whole look takes and one step
of it (one way of writing the letter: what the pad spends in one frame), as the thread's CPU time
(the machine is shared: wall-clock times swing with the other work on it).

Letters: synthetic school traces (recognizer.training.coach_synthetic, messiness 1 and 2, written
freely on the lines) and, when ``../shared/data/realpen-letters.json`` is there, real pen letters
of adults (as written, and made child-like), each set on trace and write's pad lines at its school
size, 0.8-1.25x.

    python benchmarks/unfinished_figures.py [--per-letter 10] [--realpen PATH]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from games.engine.writing.tracepad import HandwritingLines  # noqa: E402
from games.engine.writing.unfinished import look_in_steps  # noqa: E402
from recognizer.coach.judge import place_on_lines  # noqa: E402
from recognizer.skeletons import LETTER_CHARS, load_skeletons  # noqa: E402
from recognizer.training.coach_synthetic import school_trace  # noqa: E402
from recognizer.training.realpen import DEFAULT_REALPEN, childlike, load_realpen, target_of  # noqa: E402

LINES = HandwritingLines(pygame.Rect(300, 120, 640, 560))   # trace and write's pad
TIMES: list[float] = []        # whole looks
STEP_TIMES: list[float] = []   # one step each (what one frame pays)


def look(strokes, letter) -> str:
    """The pad's look, one step (one way of writing the letter) at a time, as a pad takes it per frame."""
    whole = 0.0
    steps = look_in_steps(strokes, letter, LINES.y(0), LINES.unit)
    while True:
        start = time.thread_time()
        why = next(steps)
        took = time.thread_time() - start
        STEP_TIMES.append(took)
        whole += took
        if why is not None:
            TIMES.append(whole)
            return why


def halves(strokes):
    """The half letters a child might rest on: every run of first strokes, or half a lone stroke."""
    if len(strokes) > 1:
        return [strokes[:k] for k in range(1, len(strokes))]
    s = strokes[0]
    return [[s[: max(1, len(s) // 2)]]] if len(s) >= 4 else []


def on_lines(strokes, letter, rng):
    """A real letter set on the pad's lines at the school model's size (0.8-1.25x), a little off centre."""
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    model = np.vstack([s.points for s in load_skeletons()[letter].school.strokes])
    m_low, m_high = model.min(axis=0), model.max(axis=0)
    k = 1 if m_high[1] - m_low[1] > 0.2 else 0
    scale = (m_high[k] - m_low[k]) * LINES.unit / max(high[k] - low[k], 1e-6) * rng.uniform(0.8, 1.25)
    x0 = LINES.x_center() - (high[0] - low[0]) * scale / 2 + rng.normal(0, 30)
    y0 = LINES.y(0) + m_low[1] * LINES.unit + rng.normal(0, 15)
    return [(s - low) * scale + (x0, y0) for s in strokes]


def tally(name, sets):
    """sets: list of (letter, whole strokes). Prints the false waits and the caught halves."""
    whole, half, first = Counter(), Counter(), Counter()   # first: the first stroke of a letter of several
    wrong_letters = Counter()
    n_whole = n_half = 0
    for letter, strokes in sets:
        why = look(strokes, letter)
        n_whole += 1
        whole[why] += 1
        if why:
            wrong_letters[letter] += 1
        for part in halves(strokes):
            n_half += 1
            why = look(part, letter)
            half[why] += 1
            if len(strokes) > 1 and len(part) == 1:
                first[bool(why)] += 1
    false = n_whole - whole[""]
    caught = n_half - half[""]
    print(f"{name:34s} whole {n_whole:5d}: waits on {100 * false / max(1, n_whole):5.1f}% "
          f"({', '.join(f'{k} {v}' for k, v in sorted(whole.items()) if k)})")
    print(f"{'':34s} half  {n_half:5d}: waits on {100 * caught / max(1, n_half):5.1f}% "
          f"({', '.join(f'{k} {v}' for k, v in sorted(half.items()) if k)})")
    print(f"{'':34s} of them the first stroke of a letter of several: waits on "
          f"{100 * first[True] / max(1, first[True] + first[False]):5.1f}% ({first[True] + first[False]})")
    if wrong_letters:
        print(f"{'':34s} most false waits: {', '.join(f'{c} {n}' for c, n in wrong_letters.most_common(8))}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-letter", type=int, default=10, help="synthetic letters per letter and messiness")
    parser.add_argument("--realpen", type=Path, default=DEFAULT_REALPEN)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    for messiness in (1.0, 2.0):
        sets = []
        for c in LETTER_CHARS:
            place = place_on_lines(c, LINES.x_center(), LINES.y(0), LINES.unit)
            for _ in range(args.per_letter):
                sets.append((c, [np.asarray(s) for s in school_trace(c, place, rng, messiness=messiness, free=True)]))
        tally(f"synthetic school, messiness {messiness:g}", sets)
    if args.realpen.is_file():
        samples = load_realpen(args.realpen)
        real = [(target_of(s), on_lines(s["strokes"], target_of(s), rng)) for s in samples]
        tally("real pen (adults)", real)
        tally("real pen made child-like", [(c, on_lines(childlike(s, rng), c, rng)) for c, s in real])
    else:
        print(f"(no real pen letters at {args.realpen}: skipped)")
    for name, times in (("a whole look", TIMES), ("one step (a frame's share)", STEP_TIMES)):
        t = np.array(times) * 1000
        print(f"time, {name}: p50 {np.percentile(t, 50):.1f} ms, p95 {np.percentile(t, 95):.1f} ms, "
              f"max {t.max():.1f} ms ({len(t)})")


if __name__ == "__main__":
    main()
