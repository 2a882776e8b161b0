"""Scribbles: things a child draws that are NOT letters.

Used to teach and test the recognizer's "that is not a letter" answer.
Each scribble is a list of strokes of (n, 2) float screen pixels (y down),
sampled like a touch screen (``recognizer.training.synth.pointer_events``), at the
same sizes and places as synthetic letters.

Kinds (``SCRIBBLE_KINDS``):

* ``random_walk`` - a tangled wandering line;
* ``zigzag``      - five to twelve sharp teeth (a letter has at most four, W);
* ``blob``        - dense back-and-forth colouring-in of a patch;
* ``line``        - ONE straight line at least 40 degrees away from vertical.
  A single vertical line is a good 'l' or 'I' (and synthetic letters lean
  up to about 35 degrees), so it is never a scribble; flat diagonal and
  horizontal lines are not letters on their own;
* ``spiral``      - a spiral of two to four turns, or a chain of loops;
* ``dashes``      - many (6-20) short separate dashes;
* ``dot``         - a single tap or a tiny smudge;
* ``wave``        - a wavy line with three to six crests (n/m/w have fewer).
"""

from __future__ import annotations

import numpy as np

from recognizer.training.synth import (DEFAULT_CANVAS, MAX_HEIGHT_PX, MIN_HEIGHT_PX, as_generator, pointer_events)

SCRIBBLE_KINDS = ("random_walk", "zigzag", "blob", "line", "spiral", "dashes", "dot", "wave")


def _random_walk(rng):
    n = rng.integers(40, 120)
    heading = np.cumsum(rng.normal(0.0, 0.6, n))
    step = rng.uniform(0.5, 1.5, n)
    path = np.cumsum(np.stack([np.cos(heading) * step, np.sin(heading) * step], axis=1), axis=0)
    return [_smooth(path)]


def _zigzag(rng):
    teeth = rng.integers(5, 13)
    x = np.linspace(0.0, teeth * rng.uniform(0.3, 0.8), teeth + 1)
    y = np.where(np.arange(teeth + 1) % 2 == 0, 0.0, 1.0) + rng.normal(0.0, 0.08, teeth + 1)
    path = np.stack([x + rng.normal(0.0, 0.05, teeth + 1), y], axis=1)
    if rng.random() < 0.3:
        path = path[:, ::-1]                         # a vertical zig-zag
    return [path]


def _blob(rng):
    rows = rng.integers(10, 30)
    width = rng.uniform(0.6, 1.5)
    y = np.linspace(0.0, 1.0, rows) + rng.normal(0.0, 0.01, rows)
    x = np.where(np.arange(rows) % 2 == 0, 0.0, width) + rng.normal(0.0, 0.06 * width, rows)
    path = np.stack([x, y], axis=1)
    if rng.random() < 0.4:                           # a second coat, colouring across the first
        angle = rng.uniform(0.5, 1.5)
        turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        centre = path.mean(axis=0)
        path = np.vstack([path, (path[::-1] - centre) @ turn.T + centre])
    if rng.random() < 0.5:                           # colour up and down instead of sideways
        path = path[:, ::-1]
    return [_smooth(_subdivide(path, 6), passes=3)]


def _subdivide(path, pieces):
    """Split every segment into ``pieces`` equal parts (so smoothing only rounds the corners)."""
    t = np.linspace(0.0, 1.0, pieces, endpoint=False)
    inner = path[:-1, None, :] + (path[1:] - path[:-1])[:, None, :] * t[None, :, None]
    return np.vstack([inner.reshape(-1, 2), path[-1:]])


def _line(rng):
    # Angle from vertical: 40..90 degrees, either side (see module docstring).
    angle = np.radians(rng.uniform(40.0, 90.0)) * rng.choice([-1, 1])
    direction = np.array([np.sin(angle), np.cos(angle)])
    bend = rng.normal(0.0, 0.02)
    t = np.linspace(0.0, 1.0, 20)
    path = t[:, None] * direction + bend * np.sin(np.pi * t)[:, None] * np.array([direction[1], -direction[0]])
    return [path[::-1] if rng.random() < 0.5 else path]


def _spiral(rng):
    t = np.linspace(0.0, 2 * np.pi * rng.uniform(2.0, 4.0), 200)
    if rng.random() < 0.6:
        radius = 0.05 + t / t[-1]
        path = np.stack([radius * np.cos(t), radius * np.sin(t)], axis=1)
    else:                                            # a chain of loops, like a telephone cord
        path = np.stack([0.25 * t / np.pi + 0.35 * np.cos(t), 0.4 * np.sin(t)], axis=1)
    if rng.random() < 0.5:
        path[:, 1] *= -1                             # clockwise instead
    return [path]


def _dashes(rng):
    count = rng.integers(6, 21)
    centres = rng.uniform(0.0, 1.0, (count, 2)) * np.array([rng.uniform(1.0, 2.0), 1.0])
    angles = rng.uniform(0.0, np.pi, count) if rng.random() < 0.5 else np.full(count, rng.uniform(0, np.pi))
    lengths = rng.uniform(0.05, 0.18, count)
    strokes = []
    for centre, angle, length in zip(centres, angles, lengths):
        half = 0.5 * length * np.array([np.cos(angle), np.sin(angle)])
        strokes.append(np.array([centre - half, centre + half]))
    return strokes


def _dot(rng):
    if rng.random() < 0.6:
        return [np.zeros((2, 2))]                    # a tap
    t = np.linspace(0.0, 2 * np.pi * rng.uniform(1.0, 3.0), 30)
    return [np.stack([np.cos(t), np.sin(t)], axis=1) * rng.uniform(0.2, 1.0, (1, 2))]


def _wave(rng):
    crests = rng.uniform(3.0, 6.0)
    t = np.linspace(0.0, 1.0, 150)
    path = np.stack([t * crests * rng.uniform(0.5, 1.0), 0.5 * np.sin(2 * np.pi * crests * t)], axis=1)
    if rng.random() < 0.3:
        path = path[:, ::-1]
    return [path]


def _smooth(path, passes=2):
    """Round off corners by averaging neighbours (ends stay put)."""
    for _ in range(passes):
        path = np.vstack([path[:1], (path[:-2] + 2 * path[1:-1] + path[2:]) / 4, path[-1:]])
    return path


_MAKERS = {"random_walk": _random_walk, "zigzag": _zigzag, "blob": _blob, "line": _line,
           "spiral": _spiral, "dashes": _dashes, "dot": _dot, "wave": _wave}


def scribble(rng, kind=None, *, canvas=DEFAULT_CANVAS) -> list[np.ndarray]:
    """One non-letter as strokes of (n, 2) float screen pixels; ``kind`` None = random kind."""
    rng = as_generator(rng)
    if kind is None:
        kind = SCRIBBLE_KINDS[rng.integers(len(SCRIBBLE_KINDS))]
    if kind not in _MAKERS:
        raise ValueError(f"unknown scribble kind {kind!r}; choose one of {', '.join(SCRIBBLE_KINDS)}")
    strokes = _MAKERS[kind](rng)
    if kind not in ("dot", "line"):                  # the line's angle is chosen with care already
        angle = rng.normal(0.0, 0.15)
        rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        strokes = [p @ rotation.T for p in strokes]
    everything = np.vstack(strokes)
    lo, hi = everything.min(axis=0), everything.max(axis=0)
    longest = max(float(np.max(hi - lo)), 1e-9)
    if kind == "dot":
        size_px = rng.uniform(0.0, 12.0)             # a fingertip smudge, not a drawing
    else:
        size_px = np.exp(rng.uniform(np.log(MIN_HEIGHT_PX), np.log(MAX_HEIGHT_PX)))
    scale = min(size_px / longest, 0.95 * canvas[0] / longest, 0.95 * canvas[1] / longest)
    box = (hi - lo) * scale
    corner = rng.uniform(0, 1, 2) * np.maximum(np.array(canvas, dtype=np.float64) - box, 0)
    strokes = [(p - lo) * scale + corner for p in strokes]
    return pointer_events(strokes, rng, messiness=1.0)


def scribble_dataset(n, rng, *, canvas=DEFAULT_CANVAS) -> list[list[np.ndarray]]:
    """``n`` scribbles, the kinds taking turns so each kind appears about n/8 times."""
    rng = as_generator(rng)
    if int(n) != n or n < 0:
        raise ValueError(f"n must be a whole number >= 0, not {n!r}")
    return [scribble(rng, SCRIBBLE_KINDS[i % len(SCRIBBLE_KINDS)], canvas=canvas) for i in range(int(n))]
