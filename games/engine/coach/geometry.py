"""Plain-numpy geometry for the writing coach: where a letter sits on the lines, and how alike two strokes are.

Everything here works in *line units* (see :mod:`recognizer.skeletons`): y = 0 is the top line,
0.5 the midline, 1 the baseline, 1.5 the descender line; x runs from 0 to the letter's width.
A :class:`LetterPlace` converts between line units and pad pixels.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RESAMPLE_POINTS = 32     # points per stroke when two strokes are compared


@dataclass(frozen=True)
class LetterPlace:
    """Where a letter sits on a pad: its left edge ``x0`` and the top line ``top`` in pixels, and
    ``unit`` = pixels per line unit (the distance from the top line to the baseline)."""

    x0: float
    top: float
    unit: float

    @classmethod
    def centred(cls, x_center: float, top: float, unit: float, width: float) -> "LetterPlace":
        """A letter of ``width`` line units centred on ``x_center``."""
        return cls(x_center - width * unit / 2, top, unit)

    def to_pixels(self, points) -> np.ndarray:
        p = np.asarray(points, dtype=np.float64)
        return np.stack([self.x0 + p[:, 0] * self.unit, self.top + p[:, 1] * self.unit], axis=1)

    def to_units(self, points) -> np.ndarray:
        p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return np.stack([(p[:, 0] - self.x0) / self.unit, (p[:, 1] - self.top) / self.unit], axis=1)

    def shifted(self, dx_units: float = 0.0, dy_units: float = 0.0, scale: float = 1.0) -> "LetterPlace":
        """The same place moved by (dx, dy) line units and zoomed by ``scale`` about the top-left corner."""
        return LetterPlace(self.x0 - dx_units * self.unit * scale, self.top - dy_units * self.unit * scale,
                           self.unit * scale)


def arc_length(points) -> np.ndarray:
    """Cumulative length along a polyline, starting at 0."""
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 2:
        return np.zeros(len(p))
    return np.concatenate(([0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))))


def length(points) -> float:
    return float(arc_length(points)[-1]) if len(points) else 0.0


def resample(points, n: int = RESAMPLE_POINTS) -> np.ndarray:
    """``n`` points evenly spaced along the polyline (a tap gives ``n`` copies of one point)."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    s = arc_length(p)
    if len(p) == 1 or s[-1] < 1e-9:
        return np.repeat(p[:1], n, axis=0)
    t = np.linspace(0.0, s[-1], n)
    return np.stack([np.interp(t, s, p[:, 0]), np.interp(t, s, p[:, 1])], axis=1)


def dtw_distance(a, b) -> float:
    """Mean distance between matched points of two resampled strokes (dynamic time warping).

    Both ends are matched to both ends, so a stroke drawn backwards is far from the forward one.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    cost = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1]).tolist()
    m = len(b)
    inf = float("inf")
    # Each cell keeps (total cost, number of matched pairs) of the cheapest path reaching it.
    above = [(inf, 0)] * (m + 1)
    above[0] = (0.0, 0)
    for row in cost:
        here = [(inf, 0)] * (m + 1)
        for j in range(1, m + 1):
            best = min(above[j - 1], above[j], here[j - 1])
            here[j] = (best[0] + row[j - 1], best[1] + 1)
        above = here
    total, pairs = above[m]
    return total / pairs


def nearest_distances(points, ink) -> np.ndarray:
    """For each of ``points``, the distance to the closest point of ``ink`` (both (n, 2))."""
    points, ink = np.asarray(points, dtype=np.float64), np.asarray(ink, dtype=np.float64)
    if len(ink) == 0:
        return np.full(len(points), np.inf)
    d = np.hypot(points[:, None, 0] - ink[None, :, 0], points[:, None, 1] - ink[None, :, 1])
    return d.min(axis=1)


def dense(points, step: float = 0.02) -> np.ndarray:
    """The polyline with points at most ``step`` apart (for point-to-ink distances)."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    n = max(2, int(np.ceil(length(p) / step)) + 1)
    return resample(p, n)
