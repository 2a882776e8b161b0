"""How a letter was written: stroke by stroke while tracing, and the whole letter after writing.

Over 450 lines on purpose: tracing stroke by stroke and reviewing a whole letter share the stroke
matching and the fit on the lines (``_fit``, ``_Ink``); apart they would pass private fits back and forth.

The recognizer decides *which* letter a child wrote; this module decides *how*: did each stroke
start at the start dot, go the taught way, stay near the path, come in the taught order, and is
anything missing (the bar of t, the dot of i, the second hump of m)?  It also tells big from small
letters by where the ink sits on the handwriting lines.

The teacher chooses how much the coach says about stroke order and direction (``order``):

* ``"off"``: nothing; only a stroke far off the path is answered;
* ``"gentle"`` (default): a stroke in the wrong order or direction counts, with a kind tip;
* ``"strict"``: such a stroke is done again (after ``MAX_MISSES`` tries it is marked done anyway,
  so every child finishes).

All functions are pure numpy; distances are in line units (see :mod:`.geometry`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from recognizer.skeletons import load_skeletons

from .geometry import (DistanceGrid, LetterPlace, best_assignment, dense, dtw_distances, length,
                       nearest_distances, resample)
from .lines import STROKE_ORDERS

ORDER_MODES = STROKE_ORDERS   # "off", "gentle", "strict": see the module's docstring

# Tolerances in line units (top line to baseline = 1).  A five-year-old's fingertip is about
# 0.15 units wide on a classroom tablet, so these are generous.
OFF_PATH = 0.21          # mean distance from the path (DTW) beyond which a stroke is off the path
START_GAP = 0.3          # how much further from the start dot than from the path a stroke may begin
REVERSED_MARGIN = 0.03   # drawn backwards only if clearly closer to the path that way
DOT_REACH = 0.2          # a dot counts if its middle is this close to where the dot belongs
DOT_WIDEST = 0.2         # wider or taller than this it is a line, not a dot (a tap, dash or tiny circle is)
COVER_REACH = 0.1        # ink this close to a part of the letter covers it
COVERED_ENOUGH = 0.5     # a part with less of its length covered is missing
DOT_REACH_WRITTEN = 0.35  # without a guide a dot may land further from its place
FORGETTABLE = ("dot", "bar", "hump")   # the parts a written letter is checked for (the network forgives them)
PREFER_EXPECTED = 0.03   # a stroke fitting the due one about as well as another one is taken as the due one
MAX_MISSES = 3           # tries on one stroke before the coach marks it done anyway

PART_OF_CUE = {"dot": "dot", "across": "bar", "hump": "hump"}


@dataclass(frozen=True)
class Problem:
    """One thing the coach noticed.

    ``kind``: "off_path", "start", "direction", "order", "missing" or "case".
    ``stroke``: index of the taught stroke it is about (or None).
    ``part``: for "missing", what is missing ("bar", "dot", "hump" or "stroke"); for "case", the
    case that was asked for ("upper" or "lower").
    """

    kind: str
    stroke: int | None = None
    part: str | None = None


@dataclass(frozen=True)
class TaughtStroke:
    """One stroke of the school model, in line units."""

    points: np.ndarray
    cue: str

    @property
    def is_dot(self) -> bool:
        return self.cue == "dot" or length(self.points) < 0.05

    @property
    def part(self) -> str:
        return PART_OF_CUE.get(self.cue, "stroke")


def taught_strokes(char: str) -> list[TaughtStroke]:
    """The school model of ``char`` stroke by stroke (KeyError for a character without one)."""
    letters = load_skeletons()
    if char not in letters:
        raise KeyError(f"the writing coach knows a-z and A-Z, not {char!r}")
    return [TaughtStroke(np.array(s.points), s.cue) for s in letters[char].school.strokes]


def letter_width(char: str) -> float:
    return load_skeletons()[char].school.width


def extent(points) -> float:
    """The diagonal of the box around ``points``: how big a mark is, however it was scribbled."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return float(np.hypot(*np.ptp(p, axis=0)))


def place_on_lines(char: str, x_center: float, top: float, unit: float) -> LetterPlace:
    """Where the school model of ``char`` sits when centred on a pad's lines."""
    return LetterPlace.centred(x_center, top, unit, letter_width(char))


# -- one stroke ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StrokeMatch:
    """How a child's stroke compares with one taught stroke (line units)."""

    forward: float      # distance from the path, drawn the taught way
    backward: float     # distance from the path if the child's stroke is read backwards
    start_gap: float    # from the child's first point to the start dot
    is_dot: bool

    @property
    def distance(self) -> float:
        return min(self.forward, self.backward)

    @property
    def on_path(self) -> bool:
        return self.distance <= (DOT_REACH if self.is_dot else OFF_PATH)

    @property
    def reversed(self) -> bool:
        return not self.is_dot and self.backward + REVERSED_MARGIN < self.forward


def compare_stroke(child, taught: TaughtStroke) -> StrokeMatch:
    """Compare a child's stroke (line units) with a taught stroke."""
    return compare_strokes([child], [taught])[0][0]


def compare_strokes(children, taught: list[TaughtStroke]) -> list[list[StrokeMatch]]:
    """:func:`compare_stroke` of every child's stroke (line units) with every taught stroke, as
    rows of matches (one row per child's stroke); the path distances are measured all at once."""
    children = [np.asarray(c, dtype=np.float64).reshape(-1, 2) for c in children]
    drawn = [resample(c) for c in children]
    paths = [resample(t.points) for t in taught]
    lines = [(r, c) for r in range(len(children)) for c, t in enumerate(taught) if not t.is_dot]
    measured = {}
    if lines:   # each pair the taught way and with the child's stroke read backwards
        both = dtw_distances([drawn[r] for r, c in lines] + [drawn[r][::-1] for r, c in lines],
                             [paths[c] for r, c in lines] * 2)
        measured = {pair: (both[n], both[n + len(lines)]) for n, pair in enumerate(lines)}
    rows = []
    for r, child in enumerate(children):
        row = []
        for c, t in enumerate(taught):
            if t.is_dot:
                centre = t.points.mean(axis=0)
                gap = float(np.hypot(*(drawn[r].mean(axis=0) - centre)))
                if extent(child) > DOT_WIDEST:
                    gap = max(gap, extent(child))
                row.append(StrokeMatch(gap, gap, float(np.hypot(*(child[0] - centre))), True))
            else:
                ahead, back = measured[r, c]
                row.append(StrokeMatch(float(ahead), float(back), float(np.hypot(*(child[0] - t.points[0]))), False))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class StrokeVerdict:
    """The coach's answer to one stroke while tracing.

    ``counted``: the stroke is taken (it lights up) and the ink stays; otherwise the child tries it
    again.  ``stroke``: which taught stroke it was taken as (or was meant to be).  ``problems``: what
    to say.  ``given``: the taught stroke that was marked done after too many misses, if any.
    """

    counted: bool
    stroke: int | None
    problems: tuple[Problem, ...] = ()
    given: int | None = None


class TracingSession:
    """Tracing one letter with a guide (help levels 1 and 2): judge each stroke as it is finished."""

    def __init__(self, char: str, place: LetterPlace, order: str = "gentle"):
        if order not in ORDER_MODES:
            raise ValueError(f"stroke order must be one of {', '.join(ORDER_MODES)}, not {order!r}")
        self.char, self.place, self.order = char, place, order
        self.strokes = taught_strokes(char)
        self.done = [False] * len(self.strokes)
        self.given = [False] * len(self.strokes)
        self.misses = [0] * len(self.strokes)
        self.problems: list[Problem] = []

    @property
    def current(self) -> int | None:
        """The stroke to draw next (the first one not done), or None when all are done."""
        return next((k for k, done in enumerate(self.done) if not done), None)

    @property
    def finished(self) -> bool:
        return all(self.done)

    @property
    def clean(self) -> bool:
        """Finished without a single tip or miss."""
        return self.finished and not self.problems and not any(self.given)

    def add_stroke(self, points_px) -> StrokeVerdict:
        """Judge a finished stroke (canvas pixels) and move on."""
        expected = self.current
        if expected is None:
            return StrokeVerdict(False, None)
        child = self.place.to_units(points_px)
        open_strokes = [k for k in range(len(self.strokes)) if not self.done[k]]
        matches = dict(zip(open_strokes, compare_strokes([child], [self.strokes[k] for k in open_strokes])[0]))
        fitting = [k for k, m in matches.items() if m.on_path]
        k = min(fitting, key=lambda i: matches[i].distance) if fitting else None
        if matches[expected].on_path and matches[expected].distance <= matches[k].distance + PREFER_EXPECTED:
            k = expected   # near enough to the stroke that is due: no need to talk about order
        if k is None:
            return self._miss(expected, (Problem("off_path", expected),))
        problems = self._how(k, expected, matches[k])
        if self.order == "strict" and problems:
            return self._miss(expected, problems)
        self.done[k] = True
        self.problems += problems
        return StrokeVerdict(True, k, problems)

    def _how(self, k, expected, match) -> tuple[Problem, ...]:
        if self.order == "off":
            return ()
        problems = []
        if k != expected:
            problems.append(Problem("order", k))
        if match.reversed:
            problems.append(Problem("direction", k))
        elif not match.is_dot and match.start_gap > START_GAP + match.forward:   # not just a shifted stroke
            problems.append(Problem("start", k))
        return tuple(problems)

    def _miss(self, expected, problems) -> StrokeVerdict:
        self.problems += problems
        self.misses[expected] += 1
        given = None
        if self.misses[expected] >= MAX_MISSES:
            self.done[expected] = self.given[expected] = True
            given = expected
        return StrokeVerdict(False, expected, problems, given)

    def take_back(self, k: int) -> None:
        """The child took stroke ``k`` back (Undo or Clear): it is to be drawn again."""
        self.done[k] = self.given[k] = False

    def missing_parts(self) -> list[Problem]:
        """What is still to draw, as "missing" problems (for a child who presses Done early)."""
        return [Problem("missing", k, s.part) for k, s in enumerate(self.strokes) if not self.done[k]]


# -- a whole letter written from memory --------------------------------------------------------------

@dataclass
class Review:
    """The coach's view of a letter written without a guide."""

    problems: list[Problem] = field(default_factory=list)
    place: LetterPlace | None = None     # where the school model fits the ink best
    case: str | None = None              # "upper" or "lower" as told by the lines
    coverage: list[float] = field(default_factory=list)   # per taught stroke, 0..1

    @property
    def clean(self) -> bool:
        return not self.problems


def _ink(strokes_px) -> list[np.ndarray]:
    return [np.asarray(s, dtype=np.float64).reshape(-1, 2) for s in strokes_px if len(s)]


SIZES = (0.8, 0.9, 1.0, 1.12, 1.25)   # how much bigger or smaller than the lines ask a child may write
LIFTS = (-0.1, 0.0, 0.1)              # how far above or below the baseline (line units)
NUDGES = np.linspace(-0.1, 0.1, 9)    # sideways fine-tuning of the best places (line units)
FIT_BACK_WEIGHT = 0.3                 # how much model far from any ink counts against a place
SAME_SHAPE = "cosuvwxz"               # letters whose big and small forms differ only in size
EXTENT_WEIGHT = 0.5                   # telling cases apart: weight of the ink's top and bottom on the lines
START_WEIGHT = 0.1                    # how much the first stroke's start point helps to place the letter


MODELS_KEPT = 12   # ~210 KB each, 3 ms to make again: all 52 letters kept would hold 11 MB


@lru_cache(maxsize=MODELS_KEPT)
def _model(char: str):
    """The school model of ``char`` as dense points, its first point and a distance grid around it."""
    taught = taught_strokes(char)
    points = np.vstack([dense(s.points) for s in taught])
    return points, taught[0].points[0], DistanceGrid(points, margin=0.8)


class _Ink:
    """A child's ink on the lines, ready to weigh many places of a model against it.

    Keeps the exact distances of every place already measured, so that telling big from small
    and then placing the letter measure each place once.
    """

    def __init__(self, strokes, lines_place: LetterPlace):
        self.strokes, self.lines_place = strokes, lines_place
        self.points = np.vstack([dense(s, 0.03 * lines_place.unit) for s in strokes])   # pixels
        self.starts = np.array([s[0] for s in strokes])
        on_lines = lines_place.to_units(self.points)
        # The grid reaches wherever a tried place can put the model: from the top of the biggest
        # letter lifted highest to the descender line of the biggest letter sunk lowest.
        band = (1 + min(LIFTS) - max(SIZES), 1 + max(LIFTS) + 0.5 * max(SIZES))
        self.grid = DistanceGrid(on_lines, margin=0.5, cover=((on_lines[:, 0].min(), band[0]),
                                                              (on_lines[:, 0].max(), band[1])))
        self.measured = {}                          # (char, x0, top, unit) -> (to model, to ink)

    def lower_bounds(self, char: str, x0, top, unit, back_weight: float) -> np.ndarray:
        """For each place (arrays ``x0``, ``top``, ``unit``), a cost no higher than :meth:`costs`'."""
        model, _, model_grid = _model(char)
        x0, top, unit = x0[:, None], top[:, None], unit[:, None]
        bound = model_grid.lower_bounds((self.points[:, 0] - x0) / unit, (self.points[:, 1] - top) / unit).mean(axis=1)
        if back_weight:
            lines = self.lines_place
            to_ink = self.grid.lower_bounds((x0 + model[:, 0] * unit - lines.x0) / lines.unit,
                                            (top + model[:, 1] * unit - lines.top) / lines.unit).mean(axis=1)
            bound = bound + back_weight * to_ink * (lines.unit / unit[:, 0])
        return bound + self.start_costs(char, x0[:, 0], top[:, 0], unit[:, 0]) - 1e-9

    def start_costs(self, char: str, x0, top, unit) -> np.ndarray:
        """How far, for each place, the nearest start of a child's stroke is from the letter's start."""
        start = _model(char)[1]
        gap = np.hypot((self.starts[None, :, 0] - x0[:, None]) / unit[:, None] - start[0],
                       (self.starts[None, :, 1] - top[:, None]) / unit[:, None] - start[1]).min(axis=1)
        return START_WEIGHT * np.minimum(gap, 0.5)

    def costs(self, char: str, x0, top, unit, back_weight: float) -> np.ndarray:
        """The cost of each place (see :func:`_fit`), measured exactly."""
        todo = [k for k in range(len(x0)) if (char, x0[k], top[k], unit[k]) not in self.measured]
        if todo:
            model = _model(char)[0]
            k = np.array(todo)
            ink_x = (self.points[None, :, 0] - x0[k, None]) / unit[k, None]      # (places, ink points)
            ink_y = (self.points[None, :, 1] - top[k, None]) / unit[k, None]
            squared = (ink_x[:, :, None] - model[None, None, :, 0]) ** 2
            squared += (ink_y[:, :, None] - model[None, None, :, 1]) ** 2      # (places, ink, model)
            to_model = np.sqrt(squared.min(axis=2)).mean(axis=1)
            to_ink = np.sqrt(squared.min(axis=1)).mean(axis=1)
            for n, i in enumerate(todo):
                self.measured[char, x0[i], top[i], unit[i]] = to_model[n], to_ink[n]
        terms = np.array([self.measured[char, x0[k], top[k], unit[k]] for k in range(len(x0))])
        cost = terms[:, 0] + back_weight * terms[:, 1] if back_weight else terms[:, 0]
        return cost + self.start_costs(char, x0, top, unit)

    def cheapest(self, char: str, x0, top, unit, back_weight: float, how_many: int):
        """The indices and costs of the ``how_many`` cheapest places, cheapest first (of equal ones,
        the first).  Places are measured exactly in the order of their lower bounds, until no
        place left unmeasured can beat the ones found."""
        bounds = self.lower_bounds(char, x0, top, unit, back_weight)
        known = np.array([(char, x0[k], top[k], unit[k]) in self.measured for k in range(len(x0))], dtype=bool)
        found: dict[int, float] = {}
        if known.any():   # places measured before cost nothing and may spare measuring others
            chosen = np.flatnonzero(known)
            found.update(zip(chosen.tolist(), self.costs(char, x0[chosen], top[chosen], unit[chosen], back_weight)))
        order = [k for k in np.argsort(bounds, kind="stable").tolist() if not known[k]]
        best = sorted(found.items(), key=lambda kc: (kc[1], kc[0]))[:how_many]
        batch = 4
        for start in range(0, len(order), batch):
            if len(best) == how_many and bounds[order[start]] > best[-1][1]:
                break                      # no place left can beat the ones found
            chosen = np.array(order[start:start + batch])
            found.update(zip(chosen.tolist(), self.costs(char, x0[chosen], top[chosen], unit[chosen], back_weight)))
            best = sorted(found.items(), key=lambda kc: (kc[1], kc[0]))[:how_many]
        return best


def _fit(strokes, char: str, lines_place: LetterPlace, back_weight: float, ink: _Ink | None = None):
    """The best place of ``char``'s model on the lines for this ink, and how far off it still is.

    Tried: sizes about the baseline, small lifts, and sideways positions lining the model up with
    the ink's left edge, middle, right edge or the start of one of the child's first strokes; then
    the best few are nudged sideways.
    The cost is the mean distance from the ink to the model (and from the model to the ink when
    ``back_weight`` > 0, weighted by it), plus a small preference for some stroke of the child
    starting where the letter's first stroke starts (whatever order the child drew in).
    Only the places that can be best are measured exactly (see :meth:`_Ink.cheapest`).
    """
    ink = ink or _Ink(strokes, lines_place)
    model, model_start, _ = _model(char)
    ink_lo, ink_hi = ink.points.min(axis=0), ink.points.max(axis=0)
    lo, hi = model.min(axis=0), model.max(axis=0)

    coarse = []
    for size in SIZES:
        unit = lines_place.unit * size
        for lift in LIFTS:
            top = lines_place.top + lines_place.unit * (1 + lift) - unit   # model baseline on the lines
            lefts = [ink_lo[0] - lo[0] * unit, (ink_lo[0] + ink_hi[0] - (lo[0] + hi[0]) * unit) / 2,
                     ink_hi[0] - hi[0] * unit] + [x - model_start[0] * unit for x in ink.starts[:3, 0]]
            coarse += [(left, top, unit) for left in lefts]
    x0, top, unit = map(np.array, zip(*coarse))
    (first, best_cost), *runners_up = ink.cheapest(char, x0, top, unit, back_weight, 3)
    best = LetterPlace(x0[first], top[first], unit[first])
    nudged = [(x0[k] + nudge * unit[k], top[k], unit[k]) for k, _ in [(first, best_cost), *runners_up]
              for nudge in NUDGES]
    x0, top, unit = map(np.array, zip(*nudged))
    (k, cost), = ink.cheapest(char, x0, top, unit, back_weight, 1)
    if cost < best_cost:
        best_cost, best = cost, LetterPlace(x0[k], top[k], unit[k])
    return best, best_cost


def fit_place(strokes_px, char: str, lines_place: LetterPlace, ink: _Ink | None = None) -> LetterPlace:
    """The place on the lines where the school model of ``char`` best fits the ink.

    Children write anywhere along the lines, a little too big or small, a little above or below
    the baseline.  Only ink far from the model counts against a place, so a missing bar does not
    pull the model out of place; the first stroke's start point tells an m without its second hump
    from an m shifted by one hump.
    """
    return _fit(_ink(strokes_px), char, lines_place, FIT_BACK_WEIGHT, ink)[0]


def part_coverage(strokes_units: list[np.ndarray], taught: list[TaughtStroke]) -> list[float]:
    """For each taught stroke, the share of it that the child's ink covers (0..1).

    A dot is there if a short stroke of its own is near its place.  For the other strokes only
    their own stretch counts: where it crosses or runs along another stroke (the stem
    of a t through the place of its bar, the two strokes of u along the right side) the ink could
    belong to either, so that stretch is left out.  A stroke with no stretch of its own counts as
    covered.
    """
    ink = np.vstack([dense(s) for s in strokes_units]) if strokes_units else np.zeros((0, 2))
    parts = [dense(s.points) for s in taught]
    if len(ink) == 0:
        return [0.0] * len(taught)
    coverage = []
    for k, (stroke, points) in enumerate(zip(taught, parts)):
        others = [p for i, p in enumerate(parts) if i != k]
        if stroke.is_dot:   # any short stroke of its own near the place of the dot
            centre = points.mean(axis=0)
            dots = [s for s in strokes_units if extent(s) <= DOT_WIDEST]
            near = any(np.hypot(*(resample(s).mean(axis=0) - centre)) <= DOT_REACH_WRITTEN for s in dots)
            coverage.append(1.0 if near else 0.0)
            continue
        own_stretch = points
        if others:
            own_stretch = points[nearest_distances(points, np.vstack(others)) > COVER_REACH]
        if len(own_stretch) < 3:
            coverage.append(1.0)
            continue
        coverage.append(float((nearest_distances(own_stretch, ink) <= COVER_REACH).mean()))
    return coverage


def guess_case(strokes_px, char: str, lines_place: LetterPlace, weighed: _Ink | None = None) -> str:
    """"upper" or "lower": which school model of ``char`` sits better on the lines where the ink is.

    The height on the lines decides for letters that look the same in both cases (c o s u v w x z);
    for the others the shapes differ too.  The ink may slide sideways and be a little too big or
    small, but the letter stands on the baseline.
    """
    strokes = _ink(strokes_px)
    ink = lines_place.to_units(np.vstack(strokes))[:, 1]
    weighed = weighed or _Ink(strokes, lines_place)
    costs = {}
    for case, c in (("upper", char.upper()), ("lower", char.lower())):
        place, cost = _fit(strokes, c, lines_place, 1.0, weighed)
        model = lines_place.to_units(place.to_pixels(_model(c)[0]))[:, 1]
        # For letters of the same shape in both cases, where the ink starts and ends on the lines
        # counts on its own too, so a wobbly letter that fits neither size well is still told apart.
        if char.lower() in SAME_SHAPE:
            cost += EXTENT_WEIGHT * (abs(ink.min() - model.min()) + abs(ink.max() - model.max()))
        costs[case] = cost
    return "upper" if costs["upper"] < costs["lower"] else "lower"


def review_letter(strokes_px, char: str, lines_place: LetterPlace, order: str = "gentle",
                  case_must_match: bool = False) -> Review:
    """Look at a letter written from memory (after the recognizer has said which letter it is).

    Finds missing small parts (the bar of t, the dot of i, the second hump of m), and (as ``order`` allows) strokes drawn backwards or out of order, and
    (if ``case_must_match``) a big letter where a small one was asked for or the other way round.
    """
    if order not in ORDER_MODES:
        raise ValueError(f"stroke order must be one of {', '.join(ORDER_MODES)}, not {order!r}")
    ink = _ink(strokes_px)
    review = Review()
    if not ink:
        review.problems = [Problem("missing", k, s.part) for k, s in enumerate(taught_strokes(char))]
        return review
    weighed = _Ink(ink, lines_place)     # measured once for telling the case and placing the letter
    review.case = guess_case(ink, char, lines_place, weighed)
    wanted = "upper" if char.isupper() else "lower"
    if case_must_match and review.case != wanted:
        review.problems.append(Problem("case", None, wanted))
    written = char.upper() if review.case == "upper" else char.lower()   # judge the letter the child wrote
    taught = taught_strokes(written)
    place = review.place = fit_place(ink, written, lines_place, weighed)
    child = [place.to_units(s) for s in ink]
    review.coverage = part_coverage(child, taught)
    uncovered = [Problem("missing", k, s.part)
                 for k, (s, c) in enumerate(zip(taught, review.coverage)) if c < COVERED_ENOUGH]
    # A main stroke that seems missing means the letter was written another way (the recognizer
    # has accepted it): only the small parts children forget are named.
    review.problems += [p for p in uncovered if p.part in FORGETTABLE]
    if order != "off":
        review.problems += _order_and_direction(child, taught, review.problems)
    return review


def _order_and_direction(child, taught, found) -> list[Problem]:
    """Pair the child's strokes with taught strokes; report backwards strokes and a wrong order."""
    missing = {p.stroke for p in found}
    matches = compare_strokes(child, taught)
    cost = np.array([[m.distance if m.on_path else 10.0 for m in row] for row in matches])
    pairs = [(r, c) for r, c in best_assignment(cost) if cost[r, c] < 10.0 and c not in missing]
    problems = [Problem("direction", int(c)) for r, c in pairs if matches[r][c].reversed]
    order = [c for _, c in pairs]
    if any(b < a for a, b in zip(order, order[1:])):
        problems.append(Problem("order", int(next(b for a, b in zip(order, order[1:]) if b < a))))
    return problems
