"""Things that are not letters: the scribbles the recognizer must refuse.

`not_a_letter_strokes(rng)` makes one training example for the network's
"not a letter" output: random-walk scribbles, zig-zags, filled blobs,
spirals, slanted or flat lines, waves, fingertip smudges and loose clusters
of short marks. Vertical
lines are left out on purpose: a child's 'l' or 'I' is exactly that.

(A separate generator, recognizer/training/scribbles.py, makes the scribbles we
*evaluate* on, so the test is not marked by the same hand that trained.)
"""

import numpy as np


def _random_walk(rng):
    steps = rng.integers(15, 80)
    turn = np.cumsum(rng.normal(0, rng.uniform(0.3, 1.2), steps))
    step = rng.uniform(3, 12, steps)
    points = np.cumsum(np.stack([np.cos(turn) * step, np.sin(turn) * step], axis=1), axis=0)
    return [points]


def _zigzag(rng):
    teeth = rng.integers(4, 12)
    width, height = rng.uniform(40, 200), rng.uniform(20, 150)
    x = np.linspace(0, width, teeth + 1) + rng.normal(0, width / teeth * 0.15, teeth + 1)
    y = np.where(np.arange(teeth + 1) % 2, 0, height) + rng.normal(0, height * 0.1, teeth + 1)
    points = np.stack([x, y], axis=1)
    if rng.random() < 0.5:
        points = points[:, ::-1]                       # vertical zig-zag
    return [points]


def _blob(rng):
    # Dense back-and-forth colouring-in of a roundish patch.
    lines = rng.integers(10, 35)
    radius = rng.uniform(30, 80)
    angle = rng.uniform(0, np.pi)
    offsets = np.linspace(-radius, radius, lines)
    half = np.sqrt(np.maximum(radius ** 2 - offsets ** 2, 1)) * rng.uniform(0.7, 1.1, lines)
    along = np.where(np.arange(lines) % 2, half, -half)
    local = np.stack([along, offsets], axis=1) + rng.normal(0, radius * 0.05, (lines, 2))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return [local @ rotation.T]


def _spiral(rng):
    turns = rng.uniform(2.0, 5.0)
    t = np.linspace(0, 2 * np.pi * turns, int(40 * turns))
    radius = rng.uniform(3, 10) * t
    points = np.stack([radius * np.cos(t), radius * np.sin(t) * rng.uniform(0.6, 1.4)], axis=1)
    return [points + rng.normal(0, 1.5, points.shape)]


def _line(rng):
    # Flat or slanted, never near-vertical (that is an honest 'l').
    angle = rng.uniform(np.radians(-65), np.radians(65))
    length = rng.uniform(50, 250)
    t = np.linspace(0, 1, 20)[:, None]
    points = t * length * np.array([np.cos(angle), np.sin(angle)])[None]
    points = points + rng.normal(0, length * 0.01, points.shape)
    strokes = [points]
    if rng.random() < 0.3:                              # two parallel lines
        strokes.append(points + rng.normal(0, length * 0.15, 2))
    return strokes


def _marks(rng):
    # A handful of short random dashes and dots.
    strokes = []
    for _ in range(rng.integers(3, 9)):
        start = rng.uniform(0, 150, 2)
        end = start + rng.normal(0, 15, 2)
        strokes.append(np.linspace(start, end, 5))
    return strokes


def _wave(rng):
    # A wavy line with more crests than m or w have.
    crests = rng.uniform(3, 7)
    t = np.linspace(0, 1, int(30 * crests))
    width, height = rng.uniform(80, 300), rng.uniform(15, 80)
    points = np.stack([t * width, np.sin(t * crests * 2 * np.pi) * height / 2], axis=1)
    return [points + rng.normal(0, 1.0, points.shape)]


def _smudge(rng):
    # A fingertip resting on the screen: a few jittery points close together.
    centre = rng.uniform(0, 50, 2)
    return [centre + rng.normal(0, rng.uniform(0.5, 4), (rng.integers(2, 12), 2))]


def _overwritten(rng):
    # Several random walks on top of each other.
    return [s for _ in range(rng.integers(2, 5)) for s in _random_walk(rng)]


KINDS = {
    "random walk": _random_walk,
    "zig-zag": _zigzag,
    "filled blob": _blob,
    "spiral": _spiral,
    "line": _line,
    "marks": _marks,
    "overwritten": _overwritten,
    "wave": _wave,
    "smudge": _smudge,
}


# A letter's pen goes back and forth along one axis at most about 6 times
# (measured on 4,160 synthetic traces, messiness 0.6-2: all but one have 6 or fewer);
# zig-zags and waves do it far more often.
MAX_LETTER_REVERSALS = 6
REVERSAL_SIZE = 0.1      # a turn counts if the pen moved back by 10% of the letter's size


def _reversals(track, hysteresis):
    """How often a 1-D pen track changes direction, ignoring wiggles below `hysteresis`."""
    count, direction = 0, 0
    high = low = track[0]
    for value in track[1:]:
        if value > high:
            high = value
        elif value < low:
            low = value
        if direction >= 0 and high - value > hysteresis:      # came down from a peak
            count += direction == 1
            direction, low = -1, value
        elif direction <= 0 and value - low > hysteresis:     # went up from a valley
            count += direction == -1
            direction, high = 1, value
    return count


def back_and_forth(strokes, size=None):
    """Direction reversals of the pen, left-right or up-down whichever is more (cleaned strokes).
    A turn counts when the pen moved back by REVERSAL_SIZE of `size` (default: the strokes' own)."""
    if not strokes:
        return 0
    size = size or float(np.ptp(np.concatenate(strokes), axis=0).max())
    hysteresis = REVERSAL_SIZE * max(size, 1e-9)
    return max(sum(_reversals(s[:, axis].tolist(), hysteresis) for s in strokes) for axis in (0, 1))


UPRIGHT_LINE_DEGREES = 28   # a straight stroke this close to vertical is an honest l, I or undotted i
STRAIGHT = 0.12             # "straight": no point strays from the chord by more than 12% of its length


def is_upright_line(strokes):
    """True if the drawing (cleaned strokes) is one straight stroke within 28 degrees of vertical.

    Such a drawing is a fair 'l' or 'I' even though a line at a steeper slant is a scribble,
    so check() does not let the "not a letter" output veto it.
    """
    if len(strokes) != 1 or len(strokes[0]) < 2:
        return False
    points = strokes[0]
    chord = points[-1] - points[0]
    length = float(np.hypot(*chord))
    if length == 0:
        return False
    offsets = points - points[0]
    across = np.abs(chord[0] * offsets[:, 1] - chord[1] * offsets[:, 0]) / length
    leaning = np.degrees(np.arctan2(abs(chord[0]), abs(chord[1])))
    return bool(across.max() <= STRAIGHT * length and leaning <= UPRIGHT_LINE_DEGREES)


def not_a_letter_strokes(rng, kind=None):
    """One random non-letter drawing as a list of (n, 2) point arrays (screen coordinates)."""
    if kind is None:
        kind = list(KINDS)[rng.integers(len(KINDS))]
    strokes = KINDS[kind](rng)
    shift = rng.uniform(0, 500, 2)
    return [np.asarray(s, float) + shift for s in strokes]
