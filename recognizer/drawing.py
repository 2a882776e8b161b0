"""One drawing, prepared once per check: cleaned points, the networks' image, the pen's path.

    drawing = Drawing(strokes)        # ValueError with a plain message if these are not strokes
    drawing.strokes, drawing.extent   # cleaned (n, 2) arrays, the longer side of the ink's box
    drawing.image                     # the 28x28 picture the networks read (made on first use)
    drawing.path                      # the pen's path at the scale of the letter (see below)
    drawing.path_features()           # what the letter-or-not judge reads of the path

`Recognizer.check` makes one Drawing and hands it to the networks, the zig-zag rule and the judge,
so a drawing is cleaned, rendered and measured once.

The path at the scale of the letter: each stroke is followed in steps of 1% of the letter's size,
smoothed along its length (a Gaussian of SMOOTHING of the size: a shaky hand's tremor, a finger's
jitter and a slow finger's sensor noise fade, the letter's own turns stay), then walked in steps of
PATH_STEP, a point kept only once the pen has moved that far from the last (so a pen resting on the
spot or a knot of points where a child hesitated adds nothing). Turning, wiggles, corners, winding,
self-crossings, back-and-forth and ink length are measured on that path.
"""

import numpy as np

from recognizer.ood import MAX_LETTER_REVERSALS, back_and_forth, is_upright_line
from recognizer.render import clean_strokes, ink_extent, render_cleaned

FOLLOW_STEP = 0.01       # the stroke is followed in steps of 1% of the letter's size ...
SMOOTHING = 0.04         # ... and smoothed along its length by a Gaussian of 4% of it (tremor fades)
SMOOTHING_PASSES = 2
PATH_STEP = 0.05         # then a point is kept each time the pen has moved 5% of the size on
CROSSING_SEGMENTS = 48   # the path is cut into about this many pieces to count self-crossings
WIGGLE_TURN = 0.5        # the pen's heading must swing back by this much (radians) to count a wiggle
TURN_NOISE = 0.3         # swings of the heading smaller than this are not turning
CORNER_TURN = 1.6        # a turn this sharp (radians) within two steps of the path is a corner
CALMING = 0.02           # the zig-zag rule counts back and forth on strokes calmed by a Gaussian of 2%
MAX_FOLLOWED = 1500      # a very long path is followed in wider steps, so the work per drawing is bounded
RETRACE_NEAR = 0.02      # the pen within about 2-4% of the letter's size of ink it drew ...
RETRACE_GAP = 0.15       # ... more than 15% of the letter's size back along its path is going over it again
FORGIVEN_RETRACES = 4    # the zig-zag rule forgives at most this many turns made going over a line again


def _followed(points, step):
    """Points every `step` along a stroke, its ends kept (a dot stays as it is)."""
    along = np.r_[0.0, np.cumsum(np.hypot(*np.diff(points, axis=0).T))]
    if along[-1] <= step:
        return points
    at = np.linspace(0.0, along[-1], int(np.ceil(along[-1] / step)) + 1)
    return np.column_stack([np.interp(at, along, points[:, 0]), np.interp(at, along, points[:, 1])])


def smoothed_stroke(points, extent, passes=SMOOTHING_PASSES, step=None, smoothing=SMOOTHING):
    """A stroke followed in 1% steps (or `step`) and smoothed along its length at the scale of the letter.

    A tremor lengthens the path it shakes, which stretches it along the path and weakens one
    Gaussian; the second pass follows the calmer path again and smooths what is left."""
    step = step or FOLLOW_STEP * extent
    taps = int(np.ceil(3 * smoothing * extent / step))
    kernel = np.exp(-0.5 * (np.arange(-taps, taps + 1) * step / (smoothing * extent)) ** 2)
    kernel /= kernel.sum()
    for _ in range(passes):
        points = _followed(points, step)
        if len(points) < 3:
            return points
        padded = np.pad(points, ((taps, taps), (0, 0)), mode="edge")
        points = np.column_stack([np.convolve(padded[:, k], kernel, mode="valid") for k in (0, 1)])
    return points


def walked(points, step):
    """The points where the pen has come `step` away from the last one kept (first and last kept)."""
    xs, ys = points[:, 0].tolist(), points[:, 1].tolist()
    kept = [0]
    lx, ly = xs[0], ys[0]
    limit = step * step
    for i in range(1, len(xs)):
        dx, dy = xs[i] - lx, ys[i] - ly
        if dx * dx + dy * dy >= limit:
            kept.append(i)
            lx, ly = xs[i], ys[i]
    if kept[-1] != len(xs) - 1 and len(xs) > 1:
        kept.append(len(xs) - 1)
    return points[kept]


def new_ink(strokes, extent, step, near=RETRACE_NEAR, gap=RETRACE_GAP):
    """The strokes (followed in `step`s) without the parts where the pen goes back over ink it drew
    before -> a list of pieces. A child who goes over a line again (the stem of an n, an o closed
    twice, a B gone over) draws the same letter. Ink counts as drawn before when it
    lies in the 3x3 cells of `near` around the pen and was drawn more than `gap` back along the path
    (or in an earlier stroke)."""
    sizes = [len(s) for s in strokes]
    if not strokes or sum(sizes) < 2:
        return [s for s in strokes if len(s)]
    points = np.concatenate(strokes)
    gap_steps = int(np.ceil(gap * extent / step))
    starts = np.cumsum([0] + [n + 2 * gap_steps for n in sizes[:-1]])
    order = np.concatenate([np.arange(n) + start for n, start in zip(sizes, starts)])
    cells = np.floor((points - points.min(axis=0)) / max(near * extent, 1e-9)).astype(int) + 1
    shape = tuple(cells.max(axis=0) + 2)
    first = np.full(shape, np.iinfo(np.int64).max)
    np.minimum.at(first, (cells[:, 0], cells[:, 1]), order)
    around = first.copy()
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                np.minimum(around[1:-1, 1:-1], first[1 + dx:shape[0] - 1 + dx, 1 + dy:shape[1] - 1 + dy],
                           out=around[1:-1, 1:-1])
    again = around[cells[:, 0], cells[:, 1]] < order - gap_steps
    pieces = []
    for s, old in zip(strokes, np.split(again, np.cumsum(sizes)[:-1])):
        edges = np.flatnonzero(np.diff(np.r_[0, (~old).astype(np.int8), 0]))
        pieces += [s[a:b] for a, b in zip(edges[::2], edges[1::2]) if b - a >= 2 or len(s) == 1]
    return pieces


def crossings(strokes, total_length):
    """How often the pen's path crosses itself (pieces that are not neighbours)."""
    ends_a, ends_b = [], []
    for k, s in enumerate(strokes):
        # Each stroke moves by a different hair's breadth, so two strokes that cross exactly at a
        # shared point (a neat x) cross instead of merely touching.
        s = s + k * 1e-4 * total_length * np.array([1.0, 0.618])
        length = float(np.hypot(*np.diff(s, axis=0).T).sum())
        if length == 0:
            continue
        pieces = _followed(s, max(length / max(2, round(CROSSING_SEGMENTS * length / total_length)), 1e-9))
        ends_a.append(pieces[:-1])
        ends_b.append(pieces[1:])
    if not ends_a or sum(map(len, ends_a)) < 3:
        return 0
    a, b = np.concatenate(ends_a), np.concatenate(ends_b)

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])

    p1, p2, q1, q2 = a[:, None], b[:, None], a[None], b[None]
    hit = (side(p1, p2, q1) * side(p1, p2, q2) < 0) & (side(q1, q2, p1) * side(q1, q2, p2) < 0)
    index = np.arange(len(a))
    hit &= np.abs(index[:, None] - index[None]) > 1
    return int(np.triu(hit).sum())


def heading_swings(headings, hysteresis):
    """The heading's (radians, unwrapped) back-and-forth: the sizes of its swings between turning
    points, each swing at least `hysteresis` (smaller ones are noise and merge into their neighbours)."""
    swings, direction = [], 0
    values = headings.tolist()
    high = low = anchor = values[0]
    for value in values[1:]:
        if value > high:
            high = value
        elif value < low:
            low = value
        if direction >= 0 and high - value > hysteresis:        # came down from a peak
            if direction == 1:
                swings.append(high - anchor)
            direction, anchor, low = -1, high, value
        elif direction <= 0 and value - low > hysteresis:       # went up from a valley
            if direction == -1:
                swings.append(anchor - low)
            direction, anchor, high = 1, low, value
    last = (high - anchor) if direction == 1 else (anchor - low) if direction == -1 else (high - low)
    return swings + [last]


class Drawing:
    """A drawing as check() sees it; each part is made on first use and kept."""

    def __init__(self, strokes):
        self.strokes = clean_strokes(strokes)
        self.extent = ink_extent(self.strokes)
        self._image = self._smooth = self._path = self._reversals = self._upright = self._calm = None

    @classmethod
    def of(cls, strokes_or_drawing):
        """A Drawing as it is, or made from strokes."""
        return strokes_or_drawing if isinstance(strokes_or_drawing, Drawing) else cls(strokes_or_drawing)

    @property
    def points(self):
        return np.concatenate(self.strokes)

    @property
    def image(self):
        """The (28, 28) uint8 image the networks read (recognizer.render)."""
        if self._image is None:
            self._image = render_cleaned(self.strokes)
        return self._image

    def _step(self):
        """Steps to follow the strokes in: 1% of the letter, wider for a very long path."""
        ink = sum(float(np.hypot(*np.diff(s, axis=0).T).sum()) for s in self.strokes)
        return max(FOLLOW_STEP * (self.extent or 1.0), ink / MAX_FOLLOWED)

    @property
    def calm(self):
        """The strokes with a shaky hand's tremor calmed: followed in 1% steps, smoothed once by a
        Gaussian of CALMING of the letter's size; the zig-zag rule counts back and forth on them
        (a zig-zag's teeth are far bigger and stay)."""
        if self._calm is None:
            extent, step = self.extent or 1.0, self._step()
            self._calm = [smoothed_stroke(s, extent, passes=1, step=step, smoothing=CALMING) if len(s) > 2 else s
                          for s in self.strokes]
        return self._calm

    @property
    def smooth(self):
        """Each stroke followed in 1% steps and smoothed at the scale of the letter."""
        if self._smooth is None:
            extent, step = self.extent or 1.0, self._step()
            self._smooth = [smoothed_stroke(s, extent, step=step) for s in self.strokes]
        return self._smooth

    @property
    def path(self):
        """The smoothed strokes walked in steps of PATH_STEP of the letter's size."""
        if self._path is None:
            step = PATH_STEP * (self.extent or 1.0)
            self._path = [walked(s, step) for s in self.smooth]
        return self._path

    @property
    def reversals(self):
        """Back-and-forth of the pen (recognizer.ood.back_and_forth) on the calmed strokes. Beyond
        MAX_LETTER_REVERSALS, turns made going over a line again are forgiven, up to
        FORGIVEN_RETRACES: the count on the new ink (new_ink), or the whole count less
        FORGIVEN_RETRACES, whichever is more. A child who goes over part of a letter again draws no
        zig-zag; a zig-zag going back and forth over its own line still is one."""
        if self._reversals is None:
            self._reversals = back_and_forth(self.calm)
            if self._reversals > MAX_LETTER_REVERSALS:
                size = float(np.ptp(np.concatenate(self.calm), axis=0).max())
                new = back_and_forth(new_ink(self.calm, self.extent or 1.0, self._step()), size)
                self._reversals = max(new, self._reversals - FORGIVEN_RETRACES)
        return self._reversals

    @property
    def upright_line(self):
        """One straight stroke near vertical: an honest l or I (recognizer.ood.is_upright_line)."""
        if self._upright is None:
            self._upright = is_upright_line(self.strokes)
        return self._upright

    def path_features(self):
        """The pen's path measured at the scale of the letter, as the letter-or-not judge reads it:
        [strokes, ink_for_size, reversals, crossings, aspect, density, turning, upright_line,
        wiggles, winding, corners] (recognizer.letter_or_not.FEATURES, after the networks' three)."""
        extent = self.extent or 1.0
        points = self.points
        width, height = np.ptp(points, axis=0) + extent * 1e-3
        ink = float(sum(np.hypot(*np.diff(s, axis=0).T).sum() for s in self.smooth))
        turning = wiggles = corners = 0
        winding = 0.0
        for path in self.path:
            steps = np.diff(path, axis=0)
            if len(steps) < 2:
                continue
            turns = (np.diff(np.arctan2(steps[:, 1], steps[:, 0])) + np.pi) % (2 * np.pi) - np.pi
            heading = np.r_[0.0, np.cumsum(turns)]
            swings = heading_swings(heading, TURN_NOISE)
            turning += float(sum(swings))
            wiggles += len(heading_swings(heading, WIGGLE_TURN)) - 1
            winding = max(winding, float(np.abs(heading).max()))
            sharp = np.abs(heading[2:] - heading[:-2]) > CORNER_TURN
            corners += int(np.sum(sharp[1:] & ~sharp[:-1]) + sharp[0]) if len(sharp) else 0
        return [
            min(len(self.strokes), 12),
            np.log(ink / extent + 0.05),
            min(back_and_forth(self.smooth), 30) / 10,
            np.log1p(min(crossings(self.path, ink or 1.0), 60)),
            float(np.clip(np.log(width / height), -4, 4)),
            float((self.image > 60).mean()) * 4,
            np.log1p(turning / (2 * np.pi)),
            float(self.upright_line),
            np.log1p(wiggles),
            np.log1p(winding / (2 * np.pi)),
            np.log1p(corners),
        ]

