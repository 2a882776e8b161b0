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
    return float(dtw_distances(a[None], b[None])[0])


def dtw_distances(a, b) -> np.ndarray:
    """:func:`dtw_distance` of many pairs at once: ``a`` (k, n, 2) against ``b`` (k, m, 2).

    The cheapest warping path is found one anti-diagonal of the (n, m) grid at a time, for all
    pairs together; of two paths that cost the same, the one with fewer matched pairs is kept.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    k, n, m = len(a), a.shape[1], b.shape[1]
    if k == 0:
        return np.zeros(0)
    cost = np.hypot(a[:, :, None, 0] - b[:, None, :, 0], a[:, :, None, 1] - b[:, None, :, 1])   # (k, n, m)
    # A path is one complex number, total cost + 1j * matched pairs: numpy orders complex numbers
    # by real part, then imaginary part, which is exactly "cheapest, then fewest pairs".
    # paths[d, i] is the cheapest path to cell (i, d - i) of the grid padded by a row and a
    # column, so that each anti-diagonal d is one row; it starts as what entering the cell adds
    # (cells outside the grid cost infinity).
    i = np.arange(n + 1)
    j = np.arange(n + m + 1)[:, None] - i
    dd, ii = np.nonzero((i >= 1) & (j >= 1) & (j <= m))
    paths = np.full((n + m + 1, n + 1, k), np.inf + 1j)
    paths[dd, ii, :] = cost[:, ii - 1, j[dd, ii] - 1].T + 1j
    paths[0, 0] = 0                                # the corner (0, 0): every path starts here
    paths[1] = np.inf
    came_from = np.empty((n, k), dtype=complex)
    for d in range(2, n + m + 1):
        # cell (i, j) is reached from (i-1, j-1) two diagonals back, or (i-1, j) or (i, j-1) one back
        np.minimum(paths[d - 2, :-1], paths[d - 1, :-1], out=came_from)
        np.minimum(came_from, paths[d - 1, 1:], out=came_from)
        paths[d, 1:] += came_from
    end = paths[n + m, n]
    return end.real / end.imag


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



def best_assignment(cost) -> list[tuple[int, int]]:
    """The pairs (row, column) of a rectangular cost matrix that pair as many rows and columns as
    possible (each once) at the least total cost, sorted by row.  Exact: every way of pairing is
    weighed, one row at a time, remembering which columns are used (fine for the few strokes of a
    letter: the work grows as 2 ** min(rows, columns))."""
    cost = np.asarray(cost, dtype=np.float64)
    transposed = cost.shape[0] < cost.shape[1]
    if transposed:
        cost = cost.T
    rows, cols = cost.shape                        # rows >= cols: every column is paired
    if cols == 0:
        return []
    full = (1 << cols) - 1
    # best[used] = (total, pairs) over the rows seen so far with exactly the columns ``used`` paired
    best = {0: (0.0, ())}
    for r in range(rows):
        after = dict(best)                         # row r left unpaired
        for used, (total, pairs) in best.items():
            for c in range(cols):
                if not used & (1 << c):
                    key, option = used | (1 << c), (total + cost[r, c], pairs + ((r, c),))
                    if key not in after or option[0] < after[key][0]:
                        after[key] = option
        best = after
    pairs = best[full][1]
    if transposed:
        pairs = tuple((c, r) for r, c in pairs)
    return sorted(pairs)


class DistanceGrid:
    """Lower bounds on the distance from any point to the nearest of a fixed set of points.

    The exact distance is kept at the nodes of a grid over the points' box (plus ``margin``); the
    distance at a query is at least that at its nearest node less how far the query is from that
    node (a query outside the grid is taken to the grid's edge first).  Cheap enough to weigh a
    hundred places of a letter at once, so that only the few promising ones are measured exactly.
    """

    def __init__(self, points, cell: float = 0.02, margin=0.3, most_nodes: int = 40_000, cover=None):
        self.points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        lo, hi = self.points.min(axis=0) - margin, self.points.max(axis=0) + margin
        if cover is not None:                                      # a box (lo, hi) the grid must reach too
            lo, hi = np.minimum(lo, cover[0]), np.maximum(hi, cover[1])
        self.cell = max(float(cell), float(np.sqrt(np.prod(hi - lo) / most_nodes)))   # a huge scribble: coarser
        self.lo = lo
        self.shape = np.ceil((hi - lo) / self.cell).astype(int) + 1
        xs = self.lo[0] + self.cell * np.arange(self.shape[0])
        ys = self.lo[1] + self.cell * np.arange(self.shape[1])
        dx2 = (xs[:, None] - self.points[None, :, 0]) ** 2        # (nx, n)
        dy2 = (ys[:, None] - self.points[None, :, 1]) ** 2        # (ny, n)
        self.at_nodes = np.empty((self.shape[0], self.shape[1]))
        rows = max(1, 250_000 // (len(self.points) * self.shape[1]))
        for i in range(0, self.shape[0], rows):                   # in slices, to bound the memory
            self.at_nodes[i:i + rows] = (dx2[i:i + rows, None, :] + dy2[None, :, :]).min(axis=2)
        np.sqrt(self.at_nodes, out=self.at_nodes)

    def lower_bounds(self, x, y) -> np.ndarray:
        """For query points with coordinates ``x`` and ``y`` (arrays of one shape), distances no
        longer than the true ones."""
        fx = (np.asarray(x, dtype=np.float64) - self.lo[0]) / self.cell    # in grid steps
        fy = (np.asarray(y, dtype=np.float64) - self.lo[1]) / self.cell
        ix = np.clip(np.rint(fx), 0, self.shape[0] - 1)
        iy = np.clip(np.rint(fy), 0, self.shape[1] - 1)
        away = np.hypot(fx - ix, fy - iy)
        away *= self.cell
        node = (ix * self.shape[1] + iy).astype(np.intp)
        bound = self.at_nodes.ravel().take(node)
        bound -= away
        return np.maximum(bound, 0.0, out=bound)
