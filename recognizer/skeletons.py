"""Letter stroke skeletons: how a teacher writes each letter, stroke by stroke.

The data lives in ``assets/letters/skeletons.json``; this module loads and
checks it.  The file looks like this::

    {"version": 1,
     "lines": {"top": 0.0, "midline": 0.5, "baseline": 1.0, "descender": 1.5},
     "letters": {
       "a": {"allographs": [
          {"name": "school", "width": 0.5, "strokes": [
              {"cue": "around", "points": [[x, y], ...]},
              {"cue": "down",   "points": [[x, y], ...]}]},
          {"name": "double-storey", "width": 0.44, "synthetic_only": true,
           "weight": 0.8, "strokes": [...]}]},
       ...}}

(An optional top-level "about" string is a note for people and is ignored.)

Coordinates are "line units" with y growing DOWN: y=0 is the top line
(capitals and ascenders), 0.5 the midline, 1 the baseline and 1.5 the
descender line.  x runs from 0 to the letter's ``width``.

Each stroke is a polyline in the order and direction a child is taught to
draw it (top to bottom, left to right, circles counter-clockwise from
"2 o'clock").  ``cue`` is the short word spoken for the stroke ("down",
"around", ...).  Straight parts store only their corners; curves are sampled
about every 0.03 units.

A letter has one or more *allographs* (ways of writing it).  The first is the
school model that the writing coach teaches.  Others are marked
``synthetic_only`` and exist so that synthetic handwriting is as varied as a
real class's (double-storey a, looped l, ...).  ``weight`` (default 1) is how
often synthetic handwriting picks that allograph compared with the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SKELETONS_PATH = Path(__file__).resolve().parent.parent / "assets" / "letters" / "skeletons.json"

TOP_LINE = 0.0
MIDLINE = 0.5
BASELINE = 1.0
DESCENDER_LINE = 1.5

LETTER_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class SkeletonError(ValueError):
    """The skeleton file is missing, is not JSON, or has the wrong shape."""


@dataclass(frozen=True)
class Stroke:
    """One pen-down movement: (n, 2) points in line units and its spoken cue."""
    points: np.ndarray
    cue: str


@dataclass(frozen=True)
class Allograph:
    """One way of writing a letter (e.g. the school 'a' or a double-storey 'a')."""
    name: str
    width: float
    strokes: tuple[Stroke, ...]
    synthetic_only: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class LetterModel:
    """All the ways of writing one character; ``school`` is the taught one."""
    char: str
    allographs: tuple[Allograph, ...]

    @property
    def school(self) -> Allograph:
        return self.allographs[0]


def _fail(path, where, message):
    raise SkeletonError(f"{path}: {where}: {message}")


def _parse_stroke(path, where, raw) -> Stroke:
    if not isinstance(raw, dict):
        _fail(path, where, "a stroke must be an object with 'cue' and 'points'")
    cue = raw.get("cue")
    if not isinstance(cue, str) or not cue.strip():
        _fail(path, where, "every stroke needs a 'cue' word such as \"down\"")
    try:
        points = np.asarray(raw.get("points"), dtype=np.float64)
    except (TypeError, ValueError):
        _fail(path, where, "'points' must be a list of [x, y] pairs of numbers")
    if points.ndim != 2 or points.shape[1] != 2 or len(points) < 2:
        _fail(path, where, "'points' must be a list of at least two [x, y] pairs")
    if not np.isfinite(points).all():
        _fail(path, where, "'points' contains a value that is not a finite number")
    points.setflags(write=False)
    return Stroke(points=points, cue=cue)


def _parse_allograph(path, where, raw) -> Allograph:
    if not isinstance(raw, dict):
        _fail(path, where, "an allograph must be an object with 'name', 'width' and 'strokes'")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        _fail(path, where, "allograph needs a 'name'")
    where = f"{where} ({name})"
    width = raw.get("width")
    if not isinstance(width, (int, float)) or isinstance(width, bool) or not width > 0:
        _fail(path, where, "'width' must be a positive number")
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not weight > 0:
        _fail(path, where, "'weight' must be a positive number")
    strokes = raw.get("strokes")
    if not isinstance(strokes, list) or not strokes:
        _fail(path, where, "'strokes' must be a non-empty list")
    parsed = tuple(_parse_stroke(path, f"{where} stroke {i + 1}", s) for i, s in enumerate(strokes))
    return Allograph(name=name, width=float(width), strokes=parsed,
                     synthetic_only=bool(raw.get("synthetic_only", False)), weight=float(weight))


def parse_skeletons(document, path="skeletons") -> dict[str, LetterModel]:
    """Check a decoded skeleton document and turn it into LetterModels."""
    if not isinstance(document, dict) or not isinstance(document.get("letters"), dict):
        _fail(path, "top level", "expected an object with a 'letters' object inside")
    if document.get("version") != 1:
        _fail(path, "top level", f"unsupported version {document.get('version')!r} (expected 1)")
    letters = {}
    for char, raw in document["letters"].items():
        if not isinstance(char, str) or len(char) != 1:
            _fail(path, f"letter {char!r}", "letter keys must be single characters")
        if not isinstance(raw, dict) or not isinstance(raw.get("allographs"), list) or not raw["allographs"]:
            _fail(path, f"letter {char!r}", "needs a non-empty 'allographs' list")
        allographs = tuple(_parse_allograph(path, f"letter {char!r} allograph {i + 1}", a)
                           for i, a in enumerate(raw["allographs"]))
        if allographs[0].synthetic_only:
            _fail(path, f"letter {char!r}", "the first allograph is the school model and cannot be synthetic_only")
        letters[char] = LetterModel(char=char, allographs=allographs)
    missing = [c for c in LETTER_CHARS if c not in letters]
    if missing:
        _fail(path, "letters", f"missing letters: {''.join(missing)}")
    return letters


def load_skeletons(path=None) -> dict[str, LetterModel]:
    """Load and check the skeleton file: {char: LetterModel} for a-z and A-Z.

    Cached per path.  Raises SkeletonError with a plain message if the file
    is missing or malformed.
    """
    return _load_cached(str(Path(path).resolve()) if path is not None else str(SKELETONS_PATH))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> dict[str, LetterModel]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SkeletonError(f"{path}: cannot read the letter skeleton file ({error.strerror})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise SkeletonError(f"{path}: not valid JSON ({where}: {error.msg})") from None
    return parse_skeletons(document, path)


def school_strokes(char: str) -> list[np.ndarray]:
    """The taught strokes of ``char`` as (n, 2) arrays in line units (copies)."""
    letters = load_skeletons()
    if char not in letters:
        raise KeyError(f"no skeleton for {char!r}; skeletons cover a-z and A-Z")
    return [stroke.points.copy() for stroke in letters[char].school.strokes]
