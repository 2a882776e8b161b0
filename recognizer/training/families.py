"""Families of child-likeness: independent ways an honest letter gets messy, for validation.

Each family is its own small generator with its own parameters; none shares code with
``recognizer.training.synth`` (which makes the networks' training traces) nor with
``recognizer.training.realpen.childlike``. The letter-or-not judge and the operating point are
chosen on some families and figures are reported on a family left out, in turn
(``python -m recognizer.training.evaluate --families``), so no family marks its own homework.

    make_family("tremor", strokes, rng)    # -> the same letter, drawn with a shaky hand

Families (``FAMILIES``), all sizes relative to the letter's longer side unless in pixels:

* ``tremor``       - a shaky hand over the whole path: one or two sine tremors of 1-3.5% of the letter
                     at 3 to 14 cycles per letter-length of path, random phases in x and y;
* ``drift``        - the hand slowly wanders: a smooth offset of 3-8% growing and shrinking along the path;
* ``hesitation``   - stops and restarts: the pen rests (a dense knot of points) one to three times and
                     often lifts there, starting again a little off;
* ``retrace``      - part of a stroke gone over again: back along it and forward once more, a hair beside;
* ``closure``      - ends that overshoot or stop short: a loop's end runs past its start or leaves a gap;
* ``pieces``       - each long stroke drawn in two to four pieces that nearly meet;
* ``slow_dense``   - a very slow finger: a point every 0.3-1 px, sensor noise, whole pixels, long dwells;
* ``size``         - very small (20-45 px) or very large (450-750 px) letters on a screen of whole pixels;
* ``finger_jitter``- a finger on glass: sparse samples, every one jittered independently, a few spikes.

Strokes are lists of (n, 2) float arrays, y down; any units in, screen pixels out (about 200 px tall
unless the family says otherwise). Every family takes a numpy Generator, so a seed fixes it.
"""

import numpy as np

LETTER_PX = 200.0       # the families draw at this size unless they are about size


def as_pixels(strokes, size_px=LETTER_PX, at=(300.0, 200.0)):
    """Strokes scaled so the longer side of their box is `size_px`, placed at `at`."""
    strokes = [np.asarray(s, float).reshape(-1, 2) for s in strokes if len(s)]
    points = np.concatenate(strokes)
    low = points.min(axis=0)
    extent = float(np.ptp(points, axis=0).max()) or 1.0
    return [(s - low) * (size_px / extent) + np.asarray(at) for s in strokes]


def _arc(points):
    return np.r_[0.0, np.cumsum(np.hypot(*np.diff(points, axis=0).T))]


def _even(points, step):
    """Points every `step` along the polyline (ends kept); a dot stays a dot."""
    along = _arc(points)
    if along[-1] <= step:
        return points.copy()
    at = np.r_[np.arange(0.0, along[-1], step), along[-1]]
    return np.column_stack([np.interp(at, along, points[:, 0]), np.interp(at, along, points[:, 1])])


def _extent(strokes):
    return float(np.ptp(np.concatenate(strokes), axis=0).max()) or 1.0


def tremor(strokes, rng):
    """A shaky hand: sine tremor in x and y over the whole path, sampled finely enough to show."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    amplitude = rng.uniform(0.01, 0.035) * size
    cycles = rng.choice([3.0, 5.0, 8.0, 11.0, 14.0]) * rng.uniform(0.85, 1.15)   # per letter-length of path
    second = rng.random() < 0.5
    phase = rng.uniform(0, 2 * np.pi, 4)
    out, travelled = [], 0.0
    for s in strokes:
        s = _even(s, size / (cycles * 10))
        t = (travelled + _arc(s)) / size
        travelled = float(t[-1] * size) + size * rng.uniform(0.1, 0.4)          # the hand moves between strokes
        wave = 2 * np.pi * cycles * t
        dx = np.sin(wave + phase[0]) + (0.5 * np.sin(2.3 * wave + phase[1]) if second else 0)
        dy = np.sin(1.07 * wave + phase[2]) + (0.5 * np.sin(1.9 * wave + phase[3]) if second else 0)
        out.append(s + amplitude * np.column_stack([dx, dy]) / (1.5 if second else 1.0))
    return out


def drift(strokes, rng):
    """The hand slowly wanders off the shape and back: a smooth offset, 3-8% of the letter."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    amount = rng.uniform(0.03, 0.08) * size
    out = []
    for s in strokes:
        s = _even(s, size * 0.01)
        t = np.linspace(0.0, 1.0, len(s))
        knots = rng.normal(0, 1, (4, 2))
        offset = np.column_stack([np.interp(t, np.linspace(0, 1, 4), knots[:, k]) for k in (0, 1)])
        kernel = max(3, len(s) // 6)
        smooth = np.ones(kernel) / kernel
        offset = np.column_stack([np.convolve(np.pad(offset[:, k], kernel, mode="edge"), smooth, "same")
                                  [kernel:-kernel] for k in (0, 1)])
        out.append(s + amount * offset / max(np.abs(offset).max(), 1e-9))
    return out


def hesitation(strokes, rng):
    """Stops and restarts: the pen rests in a knot of points, and often lifts there and starts again."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    out = []
    for s in strokes:
        s = _even(s, size * rng.uniform(0.008, 0.02))
        if len(s) < 8:
            out.append(s)
            continue
        stops = np.sort(rng.choice(np.arange(2, len(s) - 2), size=min(len(s) - 4, int(rng.integers(1, 4))),
                                   replace=False))
        current, begin, offset = [], 0, np.zeros(2)
        for stop in stops:
            knot = s[stop] + offset + rng.normal(0, size * rng.uniform(0.003, 0.012), (rng.integers(6, 30), 2))
            current += [s[begin:stop + 1] + offset, knot]
            begin = stop + 1
            if rng.random() < 0.6:                         # lifts, then starts again a little off
                out.append(np.vstack(current))
                current = []
                begin = max(stop - int(rng.integers(0, 3)), 0)
                offset = offset + rng.normal(0, size * 0.015, 2)
        current.append(s[begin:] + offset)
        out.append(np.vstack(current))
    return [p for p in out if len(p)]


def retrace(strokes, rng):
    """Part of the longest stroke gone over again: back along it, then forward once more."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    longest = int(np.argmax([_arc(s)[-1] for s in strokes]))
    out = []
    for k, s in enumerate(strokes):
        s = _even(s, size * 0.015)
        if k == longest and len(s) >= 10:
            length = int(len(s) * rng.uniform(0.15, 0.45))
            end = int(rng.integers(length, len(s)))
            beside = rng.normal(0, size * 0.012, 2)
            back = s[end - length:end][::-1] + beside
            again = s[end - length:end] + beside * rng.uniform(0.3, 1.0)
            s = np.vstack([s[:end], back, again, s[end:]])
        out.append(s)
    return out


def closure(strokes, rng):
    """Ends that overshoot or stop short: a loop runs past its start, or stops before it; a line's
    end runs on a little or stops early."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    out = []
    for s in strokes:
        s = _even(s, size * 0.01)
        along = _arc(s)
        if len(s) < 6 or along[-1] < size * 0.1:
            out.append(s)
            continue
        closed = np.hypot(*(s[-1] - s[0])) < 0.2 * size
        over = rng.random() < 0.6
        if closed and over:                          # the pen comes back past the start
            extra = int(len(s) * rng.uniform(0.05, 0.25))
            s = np.vstack([s, s[1:extra + 1] + rng.normal(0, size * 0.02, 2)])
        elif over:                                   # runs on straight past the end
            direction = s[-1] - s[-3]
            direction = direction / (np.hypot(*direction) or 1.0)
            run = np.linspace(0, 1, 6)[1:, None] * direction * size * rng.uniform(0.03, 0.12)
            s = np.vstack([s, s[-1] + run])
        else:                                        # stops short
            keep = along <= along[-1] * (1 - rng.uniform(0.04, 0.15 if closed else 0.08))
            s = s[keep]
        out.append(s)
    return out


def pieces(strokes, rng):
    """Each long stroke drawn in two to four pieces that nearly meet (small gaps, overlaps, shifts)."""
    strokes = as_pixels(strokes)
    size = _extent(strokes)
    out = []
    for s in strokes:
        s = _even(s, size * 0.01)
        if _arc(s)[-1] < 0.3 * size or len(s) < 12:
            out.append(s)
            continue
        cuts = np.sort(rng.choice(np.arange(4, len(s) - 4), size=min(int(rng.integers(1, 4)), len(s) - 8),
                                  replace=False))
        bounds = np.r_[0, cuts, len(s)]
        for a, b in zip(bounds[:-1], bounds[1:]):
            overlap = int(rng.integers(-2, 4))               # negative: a small gap
            a = int(np.clip(a - overlap, 0, len(s) - 2))
            out.append(s[a:b] + rng.normal(0, size * 0.012, 2))
    return out


def slow_dense(strokes, rng):
    """A very slow finger: a point every 0.3-1 px, sensor noise, whole pixels, long dwells at the ends."""
    strokes = as_pixels(strokes)
    step, noise = rng.uniform(0.3, 1.0), rng.uniform(0.2, 0.7)
    out = []
    for s in strokes:
        s = _even(s, step)
        dwell_start = np.repeat(s[:1], rng.integers(10, 60), axis=0)
        dwell_end = np.repeat(s[-1:], rng.integers(10, 60), axis=0)
        s = np.vstack([dwell_start, s, dwell_end])
        out.append(np.round(s + rng.normal(0, noise, s.shape)))
    return out


def size(strokes, rng):
    """Very small or very large letters, on a screen of whole pixels, sampled like a finger."""
    tall = rng.uniform(20, 45) if rng.random() < 0.5 else rng.uniform(450, 750)
    strokes = as_pixels(strokes, size_px=tall, at=(100.0, 60.0))
    step = rng.uniform(2.0, 5.0) * (tall / 150) ** 0.5
    return [np.round(_even(s, step)) for s in strokes]


def finger_jitter(strokes, rng):
    """A finger on glass: sparse samples, each jittered on its own (0.5-1.5%), a few spikes, whole pixels."""
    strokes = as_pixels(strokes)
    sz = _extent(strokes)
    step = rng.uniform(3.0, 9.0)
    jitter = rng.uniform(0.005, 0.015) * sz
    out = []
    for s in strokes:
        s = _even(s, step)
        s = s + rng.normal(0, jitter, s.shape)
        spikes = rng.random(len(s)) < 0.02
        s[spikes] += rng.normal(0, 0.05 * sz, (int(spikes.sum()), 2))
        out.append(np.round(s))
    return out


FAMILIES = {
    "tremor": tremor,
    "drift": drift,
    "hesitation": hesitation,
    "retrace": retrace,
    "closure": closure,
    "pieces": pieces,
    "slow_dense": slow_dense,
    "size": size,
    "finger_jitter": finger_jitter,
}


def make_family(name, strokes, rng):
    """The letter `strokes` made child-like by family `name` (see FAMILIES); rng: a numpy Generator."""
    if name not in FAMILIES:
        raise KeyError(f"unknown family {name!r}; families: {', '.join(FAMILIES)}")
    return [np.asarray(s, float) for s in FAMILIES[name](strokes, rng) if len(s)]


def family_samples(name, samples, seed, copies=1):
    """Realpen-style samples (dicts with "strokes") made child-like by one family, `copies` each."""
    rng = np.random.default_rng([seed, list(FAMILIES).index(name)])
    return [{**s, "strokes": make_family(name, s["strokes"], rng), "family": name}
            for _ in range(copies) for s in samples]
