"""The writing coach in plain numpy: no scipy at run time, and the same answers as the exhaustive sums.

The judge used scipy's k-d tree and assignment solver; importing them cost ~0.5 s inside the frame
that opened Trace and write.  These tests hold the numpy replacements to the exact answers.
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from recognizer.coach import judge
from recognizer.coach.geometry import (DistanceGrid, best_assignment, dense, dtw_distance, dtw_distances,
                                       nearest_distances, resample)
from recognizer.training.coach_synthetic import pad_place, school_trace

ROOT = Path(__file__).resolve().parents[2]

COACH_AT_WORK = """
import json, sys
import numpy as np
from games.engine.writing.coach import TracingSession, review_letter
from recognizer.training.coach_synthetic import pad_place, school_trace
rng = np.random.default_rng(0)
place = pad_place("t")
session = TracingSession("t", place)
for stroke in school_trace("t", place, rng):
    session.add_stroke(stroke)
review = review_letter(school_trace("t", place, rng, free=True), "t", place)
print(json.dumps({"finished": session.finished, "case": review.case,
                  "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "sklearn"))}))
"""


def test_the_coach_traces_and_reviews_without_scipy_or_scikit_learn():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", COACH_AT_WORK], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["finished"] and seen["case"] == "lower"
    assert seen["heavy"] == [], f"the coach imported {seen['heavy'][:5]}"


PURE_COACH = """
import json, sys
import numpy as np
from recognizer.coach import geometry, judge, lines
from recognizer.training import coach_synthetic as synthetic
rng = np.random.default_rng(1)
place = synthetic.pad_place("m")
session = judge.TracingSession("m", place, order="strict")
for stroke in synthetic.school_trace("m", place, rng):
    session.add_stroke(stroke)
review = judge.review_letter(synthetic.school_trace("m", place, rng, free=True), "m", place)
print(json.dumps({"finished": session.finished, "case": review.case,
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "games"))}))
"""


def test_the_coach_s_pure_parts_never_import_pygame_or_the_games():
    # The dependency points one way: games -> recognizer.coach, never back.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", PURE_COACH], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["finished"] and seen["case"] == "lower"
    assert seen["loaded"] == [], f"recognizer.coach imported {seen['loaded'][:5]}"


def test_the_games_take_the_handwriting_lines_and_stroke_orders_from_the_coach():
    from games.engine.core import letters, settings
    from recognizer.coach import lines
    assert letters.STROKE_ORDERS is lines.STROKE_ORDERS and letters.line_unit is lines.line_unit
    assert letters.LINES_TOP == lines.LINES_TOP
    assert judge.ORDER_MODES is lines.STROKE_ORDERS
    assert settings.STROKE_ORDERS is lines.STROKE_ORDERS


def exhaustive_assignment_cost(cost):
    rows, cols = cost.shape
    if rows >= cols:
        return min(sum(cost[r, c] for c, r in enumerate(p)) for p in itertools.permutations(range(rows), cols))
    return min(sum(cost[r, c] for r, c in enumerate(p)) for p in itertools.permutations(range(cols), rows))


def test_best_assignment_pairs_every_stroke_of_the_smaller_side_at_the_least_cost():
    rng = np.random.default_rng(3)
    for _ in range(300):
        rows, cols = rng.integers(1, 6, size=2)
        cost = rng.random((rows, cols))
        cost[rng.random((rows, cols)) < 0.3] = 10.0            # strokes far off every path
        pairs = best_assignment(cost)
        assert len(pairs) == min(rows, cols) == len({r for r, _ in pairs}) == len({c for _, c in pairs})
        assert pairs == sorted(pairs)
        assert sum(cost[r, c] for r, c in pairs) == pytest.approx(exhaustive_assignment_cost(cost), abs=1e-12)
    assert best_assignment(np.zeros((0, 3))) == [] and best_assignment(np.zeros((2, 0))) == []
    assert best_assignment([[1.0, 0.1], [0.2, 1.0]]) == [(0, 1), (1, 0)]


def test_best_assignment_costs_what_scipy_finds():
    optimize = pytest.importorskip("scipy.optimize", reason="scipy is only for training: pip install -e .[train]")
    rng = np.random.default_rng(4)
    for _ in range(200):
        cost = rng.random(tuple(rng.integers(1, 7, size=2)))
        rows, cols = optimize.linear_sum_assignment(cost)
        assert sum(cost[r, c] for r, c in best_assignment(cost)) == pytest.approx(cost[rows, cols].sum(), abs=1e-12)


def plain_dtw(a, b):
    """Dynamic time warping cell by cell: (total, pairs) of the cheapest path, fewest pairs on a tie."""
    cost = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
    best = {(0, 0): (0.0, 0)}
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            came = min(best.get(k, (np.inf, 0)) for k in ((i - 1, j - 1), (i - 1, j), (i, j - 1)))
            best[i, j] = (came[0] + cost[i - 1, j - 1], came[1] + 1)
    total, pairs = best[len(a), len(b)]
    return total / pairs


def test_dtw_of_many_pairs_at_once_is_exactly_the_cell_by_cell_sum():
    rng = np.random.default_rng(5)
    a = [resample(np.cumsum(rng.normal(0, 0.1, (rng.integers(1, 20), 2)), axis=0), 12) for _ in range(6)]
    b = [resample(np.cumsum(rng.normal(0, 0.1, (rng.integers(1, 20), 2)), axis=0), 9) for _ in range(6)]
    a[1] = np.repeat(a[1][:1], 12, axis=0)                     # a tap: many equal costs, ties decide
    b[2] = a[2][:9].copy()                                      # points shared by both strokes
    together = dtw_distances(a, b)
    for k in range(6):
        assert together[k] == plain_dtw(a[k], b[k]) == dtw_distance(a[k], b[k])
    line = resample([(0, 0), (1, 0)])
    assert dtw_distance(line, line) == 0.0
    assert dtw_distance(line[::-1], line) > 0.4                 # backwards is far


def test_distance_grid_never_says_nearer_than_the_nearest_point():
    rng = np.random.default_rng(6)
    points = dense(judge.taught_strokes("g")[0].points)
    grid = DistanceGrid(points, margin=0.3)
    queries = points[rng.integers(len(points), size=4000)] + rng.normal(0, 0.4, (4000, 2))
    queries[:50] += 5.0                                         # far outside the grid
    exact = nearest_distances(queries, points)
    bounds = grid.lower_bounds(queries[:, 0], queries[:, 1])
    assert np.all(bounds <= exact + 1e-12)
    near = exact < 0.3
    assert np.median(exact[near] - bounds[near]) < grid.cell  # and it is a useful bound


def fit_trying_every_place(strokes, char, lines_place, back_weight):
    """The letter's place as first written: every place measured to every point."""
    model = np.vstack([dense(s.points) for s in judge.taught_strokes(char)])
    model_start = judge.taught_strokes(char)[0].points[0]
    ink = np.vstack([dense(s, 0.03 * lines_place.unit) for s in strokes])
    starts = np.array([s[0] for s in strokes])
    ink_lo, ink_hi = ink.min(axis=0), ink.max(axis=0)
    lo, hi = model.min(axis=0), model.max(axis=0)

    def cost(place):
        c = nearest_distances(place.to_units(ink), model).mean()
        c += back_weight * nearest_distances(place.to_pixels(model), ink).mean() / place.unit
        gap = np.hypot(*(place.to_units(starts) - model_start).T).min()
        return c + judge.START_WEIGHT * min(gap, 0.5)

    coarse = []
    for size in judge.SIZES:
        unit = lines_place.unit * size
        for lift in judge.LIFTS:
            top = lines_place.top + lines_place.unit * (1 + lift) - unit
            lefts = [ink_lo[0] - lo[0] * unit, (ink_lo[0] + ink_hi[0] - (lo[0] + hi[0]) * unit) / 2,
                     ink_hi[0] - hi[0] * unit] + [x - model_start[0] * unit for x in starts[:3, 0]]
            coarse += [(cost(p), p) for p in (judge.LetterPlace(left, top, unit) for left in lefts)]
    coarse.sort(key=lambda cp: cp[0])
    best_cost, best = coarse[0]
    for _, place in coarse[:3]:
        for nudge in judge.NUDGES:
            moved = judge.LetterPlace(place.x0 + nudge * place.unit, place.top, place.unit)
            if (c := cost(moved)) < best_cost:
                best_cost, best = c, moved
    return best, best_cost


@pytest.mark.parametrize("char", list("aegmtwAGMQ"))
def test_the_letter_is_placed_where_trying_every_place_puts_it(char):
    rng = np.random.default_rng(ord(char))
    place = pad_place(char)
    for messiness in (1.0, 2.0):
        strokes = judge._ink(school_trace(char, place, rng, messiness=messiness, free=True))
        for fitted, weight in ((char, 1.0), (char.swapcase(), 1.0), (char, judge.FIT_BACK_WEIGHT)):
            found, cost = judge._fit(strokes, fitted, place, weight)
            every, every_cost = fit_trying_every_place(strokes, fitted, place, weight)
            assert cost == pytest.approx(every_cost, rel=1e-9, abs=1e-12)
            assert (found.x0, found.top, found.unit) == pytest.approx((every.x0, every.top, every.unit), abs=1e-9)
