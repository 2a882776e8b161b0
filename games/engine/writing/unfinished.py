"""Is a drawing on the pad plainly unfinished for the letter asked? Then the pad waits longer.

Children pause in the middle of a letter (to look at the card, to think where the next stroke
goes). A pad that checks after the usual rest would judge half a letter and wipe it. A drawing is
*plainly unfinished* (:func:`plainly_unfinished`) when, for the letter asked:

* ``"strokes"``: it has fewer strokes than the letter's simplest way of writing it (of every
  allograph in ``assets/letters/skeletons.json``, the one with the fewest strokes: E can be written
  in 2, so 1 stroke is unfinished; U can be written in 1);
* ``"small"``: it is far smaller than the letter would be on the handwriting lines (a third of its
  size across, or less: a tap, a dot, the start of a stroke);
* ``"bare"``: every way of writing the letter, laid over the ink wherever it fits the ink, leaves
  a long piece of the letter with no ink near it (half the letter's height or more: the right side
  of a U written as an L first; the hump of an n; the other half of an o).

Anything else (a whole letter, a scribble, another letter) is checked after the usual rest.
Plain numpy, in line units (the top line to the baseline is 1). A look takes a few milliseconds per
way of writing the letter; :func:`look_in_steps` takes one way at a time, so a pad spreads it over
frames. ``python benchmarks/unfinished_figures.py`` prints how often whole letters wait and half
letters are caught.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from recognizer.coach.geometry import arc_length, dense, resample
from recognizer.skeletons import SkeletonError, load_skeletons

SMALL = 1 / 3        # ink whose box is this share of the letter's box across, or less, is far too small
# Sizes below are shares of the letter's own size (its height, or width if wider: an o is 0.5, a U 1).
NEAR = 0.2           # ink this close to a piece of the letter covers it
NEAR_AT_LEAST = 0.14  # line units: however small the letter, ink this close covers it (a fingertip)
SMALLEST = 0.2       # line units: the size of a letter no bigger than this (a dot-sized part)
BARE_RUN = 0.5       # a bare piece this long means a part of the letter is not written yet
FITS = 0.12          # a laid-over letter fits ink this close on average (9 points in 10 within twice that)...
FITS_AT_LEAST = 0.08  # ...or this close in line units, however small the letter
LONGER = 1.6         # ink longer than this times the letter is no part of it (a scribble, another letter)
SIZES = (0.8, 1.0, 1.25)   # letter sizes tried against the lines (children write a little big or small)
INK_POINTS = 40      # the ink is thinned to this many points (spread by length over its strokes)
MODEL_STEP = 0.05    # line units between points of a laid-over letter

WAIT_TIMES = 3.0     # an unfinished drawing waits this many times the pen's usual rest...
WAIT_AT_LEAST = 3.0  # ...but never less than this (s): a short rest setting must not cut a child off
WAIT_AT_MOST = 8.0   # ...nor more (s): a child who has truly stopped still hears an answer soon


def unfinished_wait(rest: float) -> float:
    """Seconds the pen rests on a plainly unfinished drawing before the pad checks it anyway."""
    return min(max(WAIT_TIMES * rest, WAIT_AT_LEAST, rest), max(WAIT_AT_MOST, rest))


@lru_cache(maxsize=128)
def _ways(letter: str):
    """Each allograph of ``letter`` as (strokes as dense arrays, box low, box high); () if unknown."""
    try:
        model = load_skeletons().get(letter)
    except SkeletonError:
        return ()
    if model is None:
        return ()
    ways = []
    for allograph in model.allographs:
        strokes = tuple(dense(s.points, MODEL_STEP) for s in allograph.strokes)
        points = np.vstack(strokes)
        ways.append((strokes, points.min(axis=0), points.max(axis=0)))
    return tuple(ways)


def fewest_strokes(letter: str) -> int:
    """The strokes of the simplest way of writing ``letter`` (1 for a character without a skeleton)."""
    return min((len(strokes) for strokes, _, _ in _ways(letter)), default=1)


def plainly_unfinished(strokes, letter: str, top: float, unit: float) -> str:
    """Why the drawing (strokes of (x, y) pixels) is plainly unfinished for ``letter`` on lines whose
    top line is at ``top`` with ``unit`` pixels to the baseline: "strokes", "small" or "bare"; "" when
    it is not (see the module's docstring)."""
    for answer in look_in_steps(strokes, letter, top, unit):
        if answer is not None:
            return answer
    return ""


def look_in_steps(strokes, letter: str, top: float, unit: float):
    """:func:`plainly_unfinished` a little at a time: yields None after each way of writing the letter
    it has laid over the ink, and the answer last."""
    ways = _ways(letter)
    ink = [np.asarray(s, dtype=np.float64).reshape(-1, 2) for s in strokes if len(s)]
    if not ways or not ink or unit <= 0:
        yield ""
        return
    if len(ink) < fewest_strokes(letter):
        yield "strokes"
        return
    points = np.vstack(ink)
    size = np.hypot(*np.ptp(points, axis=0)) / unit
    letter_size = max(np.hypot(*(high - low)) for _, low, high in ways)
    if size <= SMALL * letter_size:
        yield "small"
        return
    ink = [(s - (0.0, top)) / unit for s in ink]
    thin = _thin(ink)
    fits_a_way = False
    for way in ways:
        run = _bare_run(ink, thin, way)
        if run < BARE_RUN:
            yield ""     # the ink could be this way of writing the letter, finished
            return
        fits_a_way |= run < float("inf")
        yield None
    yield "bare" if fits_a_way else ""   # fitting no way at all, it is something else: the checker answers


def _thin(ink) -> np.ndarray:
    """About INK_POINTS points along the ink, shared among the strokes by their length."""
    lengths = np.array([arc_length(s)[-1] for s in ink])
    share = lengths / lengths.sum() if lengths.sum() > 0 else np.full(len(ink), 1 / len(ink))
    return np.vstack([resample(s, max(2, int(round(INK_POINTS * f)))) for s, f in zip(ink, share)])


def _bare_run(ink, points, way) -> float:
    """The shortest "longest bare piece" of this way of writing the letter (a share of its size), over
    the places where it fits the ink (``points``: the ink thinned); infinity when it fits the ink
    nowhere (the ink is something else)."""
    strokes, low, high = way
    ink_length = sum(arc_length(s)[-1] for s in ink)
    way_length = sum(arc_length(s)[-1] for s in strokes)
    ink_low, ink_high = points.min(axis=0), points.max(axis=0)
    start = ink[0][0]
    size = high - low
    scales = list(SIZES)
    for k in (0, 1):    # the size at which the letter spans the ink, across or down
        if size[k] > 0.2:
            scales.append((ink_high[k] - ink_low[k]) / size[k])
    places = []
    for s in scales:
        if s <= 0.1:
            continue
        middle = (ink_low[0] + ink_high[0] - (low[0] + high[0]) * s) / 2
        xs = (ink_low[0] - low[0] * s, middle, ink_high[0] - high[0] * s)        # left, middle, right
        ys = (ink_low[1] - low[1] * s, ink_high[1] - high[1] * s, 1 - s)        # top, bottom, on the baseline
        places += [(x, y, s) for x in xs for y in ys]
        first = strokes[0][0]   # children start where the letter starts
        places.append((start[0] - first[0] * s, start[1] - first[1] * s, s))
    x0, y0, s = (np.array(v, dtype=np.float32)[:, None] for v in zip(*places))
    model = np.vstack(strokes).astype(np.float32)
    mx, my = x0 + model[None, :, 0] * s, y0 + model[None, :, 1] * s          # (places, model points)
    ink_x, ink_y = points[:, 0].astype(np.float32), points[:, 1].astype(np.float32)
    squared = (mx[:, :, None] - ink_x) ** 2 + (my[:, :, None] - ink_y) ** 2   # (places, model, ink)
    own = max(size[1], size[0], SMALLEST) * s     # the letter's own size at each place (line units)
    off = np.sqrt(squared.min(axis=1))                                      # (places, ink): ink to letter
    fits_within = np.maximum(FITS * own, FITS_AT_LEAST * s)[:, 0]
    fits = (off.mean(axis=1) <= fits_within) & (np.quantile(off, 0.9, axis=1) <= 2 * fits_within)
    fits &= ink_length <= LONGER * way_length * s[:, 0]                      # a part is shorter than the whole
    if not fits.any():
        return float("inf")
    near = np.maximum(NEAR * own[fits], NEAR_AT_LEAST * s[fits])            # a fingertip's width at least
    bare = squared[fits].min(axis=2) > near ** 2                             # (fitting places, model points)
    longest = np.zeros(len(bare))
    at = 0
    for stroke in strokes:   # the longest run of bare points along each stroke of the letter
        n = len(stroke)
        step = arc_length(stroke)[-1] / max(1, n - 1)
        index = np.arange(n)
        last_covered = np.maximum.accumulate(np.where(bare[:, at:at + n], -1, index), axis=1)
        longest = np.maximum(longest, (index - last_covered - 1).clip(0).max(axis=1) * step)
        at += n
    return float(longest.min() / max(size[1], size[0], SMALLEST))
