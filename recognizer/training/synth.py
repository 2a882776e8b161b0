"""Synthetic handwriting: letter traces that look like a child's finger on a tablet.

Every trace starts from a letter skeleton (``assets/letters/skeletons.json``,
see ``recognizer.skeletons``) and is then made human:

* in line units: sloppy stroke ends (overshoot / undershoot), strokes that
  miss each other a little, a slow wobble along each stroke, dots drawn as
  taps, dashes or tiny circles, now and then a stroke drawn backwards, in
  another order, a missing stroke or an extra short one, and consecutive
  strokes merged when the pen is not lifted;
* for the whole letter: a smooth elastic warp, slant, rotation and uneven
  width/height;
* in screen pixels: a random size (60-400 px tall) and place on the canvas,
  pointer events sampled like a 60 Hz touch screen (dense where the pen is
  slow: at stroke ends and in tight curves, sparse where it is fast) and a
  little sensor jitter.

``messiness`` scales every kind of noise and every accident probability:
0 gives a clean, evenly sampled skeleton at a random size and place, 1 is a
typical five-year-old, 2 is a very messy one.

Everything is drawn from the ``numpy.random.Generator`` you pass in (or an
int seed), so a seed gives the same traces again.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from recognizer.skeletons import LETTER_CHARS, Allograph, load_skeletons

LETTERS = "abcdefghijklmnopqrstuvwxyz"

DEFAULT_CANVAS = (1280, 800)       # width, height in pixels
MIN_HEIGHT_PX, MAX_HEIGHT_PX = 60.0, 400.0
SKELETON_STEP = 0.02               # line units between points before distortion

# synth_dataset's default: each trace's messiness drawn from this range.  A model
# trained on a mix of tidy and messy writers copes better with new writers;
# above 2 many letters stop being legible (see out/ sheets of preview_synth.py).
MIXED_MESSINESS = (0.5, 2.0)

# Whole-letter shape at messiness 1: slant (degrees, + leans right), rotation
# (degrees) and log(width / height) stretch, each a normal spread clipped at +-limit.
# These wide spreads keep letters legible and made a synthetic-only model do
# clearly better on real EMNIST letters than +-15 degrees / +-0.35 did.
SLANT_MEAN, SLANT_SD, SLANT_LIMIT = 0.0, 9.0, 20.0
ROTATION_SD, ROTATION_LIMIT = 6.0, 15.0
ASPECT_MEAN, ASPECT_SD, ASPECT_LIMIT = 0.0, 0.2, 0.5

# Chances per trace at messiness 1 (each is multiplied by messiness).
P_MERGE = 0.20          # two consecutive strokes drawn without lifting the pen...
MERGE_GAP = 0.35        # ...if the second starts this close (line units) to the first's end
P_MISSING = 0.03        # a short stroke forgotten (a dot, a crossbar), if the letter has one
P_EXTRA = 0.03          # an extra short stray stroke
P_REVERSED = 0.06       # one stroke drawn in the wrong direction
P_REORDERED = 0.05      # strokes drawn in a different order
P_APART = 0.06          # a part drawn well away from the rest: a bowl that does not meet its stem
P_PART_SIZE = 0.06      # one part much too big or too small
P_RETRACED = 0.04       # the letter, or one stroke of it, drawn twice over

# Habits of joined-up writers (the same chance at every messiness, adults have them too).
P_LEAD_IN = 0.12        # a lead-in stroke up from the baseline into a lower-case letter's first stroke
P_EXIT_TAIL = 0.12      # an exit flick to the right off a lower-case stroke that ends on the baseline
P_NO_DOT = 0.12         # i and j written without their dot


def as_generator(rng) -> np.random.Generator:
    """Accept a numpy Generator (used as is) or an int seed."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)) or an int seed, not {rng!r}")


@lru_cache(maxsize=None)
def _prepared(char: str):
    """The allographs of ``char``, their strokes resampled evenly, and pick weights."""
    model = load_skeletons()[char]
    allographs = model.allographs
    strokes = tuple(tuple((resample_even(s.points, SKELETON_STEP), s.cue) for s in a.strokes)
                    for a in allographs)
    weights = np.array([a.weight for a in allographs], dtype=np.float64)
    return allographs, strokes, weights / weights.sum()


def _ink_height(strokes):
    ys = np.concatenate([points[:, 1] for points, _ in strokes])
    return float(ys.max() - ys.min())


def _arc_length(points):
    steps = np.hypot(*np.diff(points, axis=0).T)
    return np.concatenate(([0.0], np.cumsum(steps)))


def resample_even(points, step):
    """Points spaced ``step`` apart along the polyline (both ends kept)."""
    s = _arc_length(points)
    if s[-1] < step:
        return np.array(points, dtype=np.float64)
    targets = np.append(np.arange(0.0, s[-1], step), s[-1])
    return np.stack([np.interp(targets, s, points[:, 0]), np.interp(targets, s, points[:, 1])], axis=1)


def _pick_allograph(char, rng, allograph):
    if not isinstance(char, str) or len(char) != 1 or char not in LETTER_CHARS:
        raise ValueError(f"no letter skeleton for {char!r}; choose one of a-z or A-Z")
    allographs, strokes, weights = _prepared(char)
    if allograph is None:
        index = rng.choice(len(allographs), p=weights)
    elif isinstance(allograph, Allograph):
        names = [a.name for a in allographs]
        if allograph.name not in names:
            raise ValueError(f"allograph {allograph.name!r} does not belong to {char!r}")
        index = names.index(allograph.name)
    elif isinstance(allograph, (int, np.integer)):
        if not 0 <= allograph < len(allographs):
            raise ValueError(f"{char!r} has {len(allographs)} allographs; index {allograph} is out of range")
        index = int(allograph)
    else:
        names = [a.name for a in allographs]
        if allograph not in names:
            raise ValueError(f"{char!r} has no allograph {allograph!r}; it has {', '.join(names)}")
        index = names.index(allograph)
    return strokes[index]


def child_dot(centre, rng, m):
    """A dot at ``centre`` as a child makes it: a tap, a short dash or a tiny circle.

    Line units in and out; ``m`` is the messiness (0 gives a clean tap).
    """
    style = rng.random()
    size = rng.uniform(0.015, 0.05) * max(m, 0.3)
    if style < 0.4 or m == 0:
        return np.array([centre, centre])
    if style < 0.75:
        angle = rng.uniform(0, 2 * np.pi)
        d = np.array([np.cos(angle), np.sin(angle)]) * size
        return np.array([centre - d, centre + d])
    t = np.linspace(0, 2 * np.pi * rng.uniform(0.8, 1.3), 10)
    return centre + size * np.stack([np.cos(t), np.sin(t)], axis=1)


def sloppy_ends(points, rng, m):
    """Overshoot (extend along the tangent) or undershoot (trim) each end of a stroke.

    ``points``: evenly spaced (n, 2) line units (see resample_even); ``m``: messiness.
    """
    for end in (0, -1):
        if len(points) < 3:
            break
        amount = rng.normal(0.0, 0.035 * m)
        inner = points[1] if end == 0 else points[-2]
        tip = points[end]
        direction = tip - inner
        norm = np.hypot(*direction)
        if norm < 1e-9:
            continue
        if amount > 0:
            extra = tip + direction / norm * amount
            points = np.vstack([extra, points]) if end == 0 else np.vstack([points, extra])
        else:
            drop = min(int(-amount / SKELETON_STEP), len(points) - 3)
            if drop > 0:
                points = points[drop:] if end == 0 else points[:-drop]
    return points


def wobble(points, rng, m):
    """Low-frequency sideways wobble along a stroke (a hand that is not steady).

    ``points``: evenly spaced (n, 2) line units; ``m``: messiness (0 = no change).
    """
    if len(points) < 3 or m == 0:
        return points
    s = _arc_length(points)
    tangent = np.empty_like(points)
    tangent[1:-1] = points[2:] - points[:-2]
    tangent[0], tangent[-1] = points[1] - points[0], points[-1] - points[-2]
    tangent /= np.maximum(np.hypot(tangent[:, 0], tangent[:, 1]), 1e-9)[:, None]
    normal = np.stack([-tangent[:, 1], tangent[:, 0]], axis=1)
    # Two slow waves (wavelength 0.25-1 line units) and sometimes a quick shaky one.
    wavelengths = np.array([rng.uniform(0.25, 1.0), rng.uniform(0.25, 1.0), rng.uniform(0.06, 0.15)])
    amplitudes = rng.normal(0.0, 0.012, 3) * np.array([m, m, 0.35 * min(m, 1.0) * (rng.random() < 0.3)])
    waves = np.sin(np.outer(s, 2 * np.pi / wavelengths) + rng.uniform(0, 2 * np.pi, 3))
    return points + normal * (waves @ amplitudes)[:, None]


def _clip(value, limit):
    return max(-limit, min(limit, value))


def warp_and_slant(points, rng, m, g):
    """Smooth elastic warp of a whole letter, then slant, rotation and width/height stretch.

    ``points``: all the letter's (n, 2) line-unit points; the slant, rotation and
    stretch act about (0, 0).  ``g`` sizes the warp and ``m`` (messiness) the rest.
    """
    # Four plane waves, two pushing x and two pushing y, wavelength 0.8-2.5 line units.
    directions = rng.normal(0.0, 1.0, (4, 2))
    directions /= np.maximum(np.hypot(directions[:, 0], directions[:, 1]), 1e-9)[:, None]
    directions *= (2 * np.pi / rng.uniform(0.8, 2.5, 4))[:, None]
    waves = np.sin(points @ directions.T + rng.uniform(0, 2 * np.pi, 4)) * rng.normal(0.0, 0.03 * g, 4)
    out = points + np.stack([waves[:, 0] + waves[:, 1], waves[:, 2] + waves[:, 3]], axis=1)
    slant_deg, angle_deg, log_aspect = rng.normal(0.0, 1.0, 3).tolist()
    slant = math.tan(math.radians(_clip(SLANT_MEAN * min(m, 1.0) + SLANT_SD * m * slant_deg, SLANT_LIMIT)))
    angle = math.radians(_clip(ROTATION_SD * m * angle_deg, ROTATION_LIMIT))
    aspect = math.exp(_clip(ASPECT_MEAN * min(m, 1.0) + ASPECT_SD * m * log_aspect, ASPECT_LIMIT))
    cos, sin = math.cos(angle), math.sin(angle)
    matrix = np.array([[cos, -sin], [sin, cos]]) @ np.array([[aspect, -slant], [0.0, 1.0]])
    return out @ matrix.T


def _pen_events(points, rng, step_px, bell, noise, slow_in_curves, jitter_px, quantize):
    """Resample a pixel polyline the way a touch screen reports a moving finger."""
    s = _arc_length(points)
    length = s[-1]
    if length < 1.0:                            # a tap: one to three events on the same spot
        taps = np.repeat(points[:1], rng.integers(1, 4), axis=0)
        return _finish(taps, rng, jitter_px, quantize)
    # Time spent on each segment: its length, plus extra where the path turns.
    seg = np.diff(points, axis=0)
    heading = np.arctan2(seg[:, 1], seg[:, 0])
    turn = np.abs((np.diff(heading) + np.pi) % (2 * np.pi) - np.pi)
    turn_per_seg = np.concatenate(([0.0], turn)) + np.concatenate((turn, [0.0]))
    cost = np.diff(s) + slow_in_curves * turn_per_seg
    time = np.concatenate(([0.0], np.cumsum(cost)))
    n = max(2, int(round(time[-1] / step_px)) + 1)
    t = np.linspace(0.0, 1.0, n)
    # Bell-shaped speed (slow start and stop) with a slow random speed-up/slow-down.
    freq = rng.uniform(0.7, 2.0)
    phase = rng.uniform(0, 2 * np.pi)
    u = (t - bell * np.sin(2 * np.pi * t) / (2 * np.pi)
         + noise * (np.sin(2 * np.pi * freq * t + phase) - np.sin(phase)) / (2 * np.pi * freq))
    u = (u - u[0]) / (u[-1] - u[0]) * time[-1]
    along = np.interp(u, time, s)
    events = np.stack([np.interp(along, s, points[:, 0]), np.interp(along, s, points[:, 1])], axis=1)
    return _finish(events, rng, jitter_px, quantize)


def _finish(events, rng, jitter_px, quantize):
    if jitter_px > 0:
        events = events + rng.normal(0.0, jitter_px, size=events.shape)
    return np.round(events) if quantize else events


def lead_in(points, rng):
    """Prepend a joined-up lead-in: a curve up from the baseline, left of the start, into `points`."""
    start = points[0]
    if start[1] > 0.9:                       # already starts on the baseline
        return points
    origin = np.array([start[0] - rng.uniform(0.08, 0.22), 1.0 - rng.uniform(0.0, 0.06)])
    bend = np.array([start[0] - rng.uniform(0.0, 0.08), origin[1] - rng.uniform(0.0, 0.1)])
    return np.vstack([_bezier(origin, bend, start), points[1:]])


def exit_tail(points, rng):
    """Append an exit flick up and to the right to a stroke that ends near the baseline."""
    end = points[-1]
    if not 0.85 <= end[1] <= 1.1:
        return points
    tip = end + np.array([rng.uniform(0.08, 0.2), -rng.uniform(0.03, 0.15)])
    bend = end + np.array([rng.uniform(0.03, 0.08), rng.uniform(0.0, 0.04)])
    return np.vstack([points, _bezier(end, bend, tip)[1:]])


def _bezier(a, control, b):
    """A quadratic curve from a to b, evenly resampled."""
    t = np.linspace(0, 1, 20)[:, None]
    curve = (1 - t) ** 2 * a + 2 * t * (1 - t) * control + t ** 2 * b
    return resample_even(curve, SKELETON_STEP)


def child_accidents(strokes, cues, rng, m, g):
    """Parts apart or the wrong size, and strokes drawn twice over (line units in and out)."""
    body = [k for k, cue in enumerate(cues) if cue != "dot"]
    if len(body) > 1 and rng.random() < P_APART * m:
        k = body[1 + rng.integers(len(body) - 1)]
        angle = rng.uniform(0, 2 * np.pi)
        strokes[k] = strokes[k] + rng.uniform(0.05, 0.1) * np.array([np.cos(angle), np.sin(angle)])
    if len(body) > 1 and rng.random() < P_PART_SIZE * m:
        k = body[rng.integers(len(body))]
        centre = strokes[k].mean(axis=0)
        strokes[k] = (strokes[k] - centre) * np.exp(rng.choice([-1, 1]) * rng.uniform(0.2, 0.35)) + centre
    if rng.random() < P_RETRACED * m:
        chosen = body if rng.random() < 0.5 else [body[rng.integers(len(body))]]
        for k in chosen:
            again = strokes[k] + rng.normal(0.0, 0.015 * max(g, 0.3), 2)
            strokes.append(wobble(again, rng, max(g, 0.3)))
    return strokes


# The building blocks above are public so that other synthetic writers (the
# writing coach's traces on the lines) shape strokes exactly like these.


def synth_strokes(char, rng, *, allograph=None, messiness=1.0, canvas=DEFAULT_CANVAS) -> list[np.ndarray]:
    """One synthetic handwritten ``char`` as strokes of (n, 2) float screen pixels (y down).

    ``allograph``: None picks one at random by the skeleton weights; or give
    a name ("school", "double-storey", ...), an index or an Allograph.
    ``messiness``: 0 = clean skeleton, 1 = typical child, 2 = very messy.
    ``canvas``: (width, height) in pixels; the letter lands somewhere inside.
    """
    rng = as_generator(rng)
    if not np.isfinite(messiness) or messiness < 0:
        raise ValueError(f"messiness must be a number >= 0, not {messiness!r}")
    m = float(messiness)
    base = _pick_allograph(char, rng, allograph)
    # A small letter (x-height only) is written as big as a capital on a blank
    # screen, so its shape noise in line units is smaller.
    g = m * min(1.0, _ink_height(base)) ** 0.5

    # 1. Each stroke on its own, in line units.
    strokes = []
    if len(base) > 1 and any(cue == "dot" for _, cue in base) and rng.random() < P_NO_DOT:
        base = [(points, cue) for points, cue in base if cue != "dot"]
    cues = [cue for _, cue in base]
    for k, (points, cue) in enumerate(base):
        # Joined-up habits belong to lower case (a capital I with a lead-in becomes a lambda).
        if k == 0 and cue != "dot" and char.islower() and rng.random() < P_LEAD_IN:
            points = lead_in(points, rng)
        if k == len(base) - 1 and cue != "dot" and char.islower() and rng.random() < P_EXIT_TAIL:
            points = exit_tail(points, rng)
        if cue == "dot":
            points = child_dot(points.mean(axis=0) + rng.normal(0.0, 0.03 * g, 2), rng, g)
        elif m > 0:
            points = wobble(sloppy_ends(points, rng, g), rng, g)
        if len(base) > 1 and m > 0 and cue != "dot":
            # Parts come out a little too big or small and miss each other.
            centre = points.mean(axis=0)
            points = (points - centre) * np.exp(rng.normal(0.0, 0.07 * g)) + centre
            if k > 0:
                points = points + rng.normal(0.0, 0.022 * g, 2)
        strokes.append(points)

    # 2. Accidents: parts apart or the wrong size, retracing, order, direction, forgotten,
    #    merged and stray strokes.
    if m > 0:
        strokes = child_accidents(strokes, cues, rng, m, g)
    if len(strokes) > 1 and rng.random() < P_REORDERED * m:
        strokes = [strokes[i] for i in rng.permutation(len(strokes))]
    if rng.random() < P_REVERSED * m:
        k = rng.integers(len(strokes))
        strokes[k] = strokes[k][::-1]
    if len(strokes) > 1 and rng.random() < P_MISSING * m:
        # Children forget the small bits (dots, crossbars), not the body of the letter.
        lengths = np.array([_arc_length(p)[-1] for p in strokes])
        small = np.flatnonzero((lengths < 0.5 * lengths.max()) & (lengths < 0.5))
        if len(small):
            del strokes[rng.choice(small)]
    if len(strokes) > 1 and rng.random() < P_MERGE * m:
        # Only where the next stroke starts near the last one's end (d, b, p, k...):
        # nobody draws a long line across the letter to avoid lifting the pen.
        k = rng.integers(len(strokes) - 1)
        gap = strokes[k + 1][0] - strokes[k][-1]
        if np.hypot(*gap) < MERGE_GAP:
            bridge = resample_even(np.array([strokes[k][-1], strokes[k + 1][0]]), SKELETON_STEP)[1:-1]
            strokes[k:k + 2] = [np.vstack([strokes[k], bridge, strokes[k + 1]])]
    if rng.random() < P_EXTRA * m:
        everything = np.vstack(strokes)
        lo, hi = everything.min(axis=0) - 0.1, everything.max(axis=0) + 0.1
        start = rng.uniform(lo, hi)
        angle = rng.uniform(0, 2 * np.pi)
        end = start + rng.uniform(0.05, 0.2) * np.array([np.cos(angle), np.sin(angle)])
        strokes.append(resample_even(np.array([start, end]), SKELETON_STEP))

    # 3. The whole letter: warp, slant, rotation, aspect.
    sizes = [len(p) for p in strokes]
    everything = np.vstack(strokes)
    if m > 0:
        everything = warp_and_slant(everything, rng, m, g)

    # 4. Into screen pixels: random height and place.
    lo, hi = everything.min(axis=0), everything.max(axis=0)
    ink_w, ink_h = np.maximum(hi - lo, 1e-3)
    height_px = np.exp(rng.uniform(np.log(MIN_HEIGHT_PX), np.log(MAX_HEIGHT_PX)))
    scale = height_px / max(ink_h, 0.15)
    canvas_w, canvas_h = canvas
    scale = min(scale, 0.95 * canvas_w / ink_w, 0.95 * canvas_h / ink_h)
    box = np.array([ink_w, ink_h]) * scale
    corner = rng.uniform(0, 1, 2) * np.maximum(np.array([canvas_w, canvas_h]) - box, 0)
    everything = (everything - lo) * scale + corner

    # 5. Pointer events, like a 60 Hz touch screen.
    return pointer_events(np.split(everything, np.cumsum(sizes)[:-1]), rng, messiness=m)


def pointer_events(strokes, rng, *, messiness=1.0) -> list[np.ndarray]:
    """Resample pixel polylines into the points a touch screen would report.

    One writer moves at one typical speed: the spacing, the slow start and
    stop, the slow-down in curves and the jitter are chosen once for all the
    strokes.  Scribbles use this too, so letters and non-letters are sampled alike.
    """
    rng = as_generator(rng)
    m = float(messiness)
    everything = np.vstack(strokes)
    height_px = max(float(np.ptp(everything[:, 1])), float(np.ptp(everything[:, 0])) / 2, 20.0)
    step_px = rng.uniform(2.0, 7.0) * (1 + 0.5 * m * rng.random()) * (height_px / 150) ** 0.5
    bell = min(0.9, rng.uniform(0.3, 0.8) * min(m, 1.2) + 0.1) if m > 0 else 0.0
    noise = rng.uniform(0.0, 0.9 - bell) * min(m, 1.0)
    slow = rng.uniform(0.0, 0.06) * height_px * min(m, 1.0)
    jitter = rng.uniform(0.1, 0.8) * m
    quantize = m > 0 and rng.random() < 0.5
    return [_pen_events(np.asarray(p, dtype=np.float64), rng, step_px, bell, noise, slow, jitter, quantize)
            for p in strokes]


def synth_dataset(n_per_letter, rng, cases="both", *, messiness=None, canvas=DEFAULT_CANVAS):
    """``n_per_letter`` synthetic traces for each of the 26 letters.

    ``cases``: "lower", "upper" or "both" (each trace is lower- or upper-case
    with equal chance).  Returns ``(traces, labels, chars)``: a list of
    traces (each a list of (n, 2) pixel arrays), an int array of labels 0..25
    (a..z, case merged, like EMNIST letters) and the list of the characters
    actually written.  Traces come grouped by letter, a to z.
    ``messiness``: one number for every trace, or None for a class of
    different writers (each trace draws it from ``MIXED_MESSINESS``).
    """
    rng = as_generator(rng)
    if cases not in ("lower", "upper", "both"):
        raise ValueError(f"cases must be 'lower', 'upper' or 'both', not {cases!r}")
    if int(n_per_letter) != n_per_letter or n_per_letter < 0:
        raise ValueError(f"n_per_letter must be a whole number >= 0, not {n_per_letter!r}")
    traces, labels, chars = [], [], []
    for label, lower in enumerate(LETTERS):
        if cases == "lower":
            upper_flags = np.zeros(int(n_per_letter), bool)
        elif cases == "upper":
            upper_flags = np.ones(int(n_per_letter), bool)
        else:
            upper_flags = rng.random(int(n_per_letter)) < 0.5
        for upper in upper_flags:
            char = lower.upper() if upper else lower
            mess = rng.uniform(*MIXED_MESSINESS) if messiness is None else messiness
            traces.append(synth_strokes(char, rng, messiness=mess, canvas=canvas))
            labels.append(label)
            chars.append(char)
    return traces, np.array(labels, dtype=np.int64), chars
