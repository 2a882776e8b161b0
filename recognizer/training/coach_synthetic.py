"""Synthetic children's traces of the *school* model placed on a pad's lines, with chosen faults.

Used by the coach's tests, its benchmark figures and the screenshot script.  The shape noise
(sloppy ends, wobble, warp, slant) and the touch-screen sampling come from the public building
blocks of :mod:`recognizer.training.synth`; what is added here is placing the letter on the lines (tracing
over a guide, or written freely somewhere along the lines) and making one known mistake on purpose.
"""
from __future__ import annotations

import numpy as np

from recognizer.training import synth

from recognizer.coach.geometry import LetterPlace, dense, length, nearest_distances, resample
from recognizer.coach.judge import taught_strokes
from recognizer.coach.lines import LINES_TOP, line_unit

FAULTS = ("reversed", "missing", "off_path", "order")


def fault_fits(char: str, fault: str | None) -> bool:
    """Whether ``char`` can have ``fault`` (a one-stroke letter has no bar to forget, ...)."""
    strokes = taught_strokes(char)
    if fault is None or fault in ("reversed", "off_path"):
        return True
    if fault == "order":
        return len(strokes) > 1
    if fault == "missing":
        return _forgettable(strokes) is not None
    raise ValueError(f"unknown fault {fault!r}; faults are {', '.join(FAULTS)}")


def _forgettable(strokes):
    """The part a child forgets: the last dot, bar or hump of a letter with more than one stroke."""
    if len(strokes) < 2:
        return None
    parts = [k for k, s in enumerate(strokes) if s.part in ("dot", "bar", "hump")]
    return parts[-1] if parts else None


def _far_off(points, taught, rng):
    """``points`` moved 0.4-0.6 line units in a random direction that does not land on another
    stroke of the letter (the top bar of E moved down onto its middle bar is no mistake)."""
    for _ in range(50):
        angle = rng.uniform(0, 2 * np.pi)
        moved = points + rng.uniform(0.4, 0.6) * np.array([np.cos(angle), np.sin(angle)])
        if all(nearest_distances(moved, dense(s.points)).mean() > 0.3 for s in taught):
            return moved
    return moved


def school_trace(char: str, place: LetterPlace, rng: np.random.Generator, *, messiness: float = 1.0,
                 fault: str | None = None, free: bool = False) -> list[np.ndarray]:
    """A child's trace of ``char`` on the lines at ``place``: a list of (n, 2) canvas-pixel strokes.

    ``messiness``: 0 = exact, 1 = a typical five-year-old (clean but wobbly), 2 = very messy.
    ``fault``: None or one of FAULTS (one stroke backwards, the dot/bar/hump forgotten, one stroke
    far off the path, the first two strokes swapped).  ``free``: written without a guide, so the
    letter may sit anywhere along the lines and be a little too big or small.
    """
    if not fault_fits(char, fault):
        raise ValueError(f"{char!r} cannot have the fault {fault!r}")
    m = float(messiness)
    taught = taught_strokes(char)
    ys = np.concatenate([s.points[:, 1] for s in taught])
    g = m * min(1.0, float(np.ptp(ys))) ** 0.5
    strokes = []
    for k, s in enumerate(taught):
        points = synth.resample_even(s.points, synth.SKELETON_STEP)
        if s.is_dot:
            points = synth.child_dot(points.mean(axis=0) + rng.normal(0.0, 0.03 * g, 2), rng, g)
        elif m > 0:
            points = synth.wobble(synth.sloppy_ends(points, rng, g), rng, g)
            if len(taught) > 1 and k > 0:   # parts miss each other a little
                points = points + rng.normal(0.0, 0.02 * g, 2)
        strokes.append(points)

    victim = rng.choice([k for k, s in enumerate(taught) if not s.is_dot]) if fault in ("reversed", "off_path") else None
    if fault == "reversed":
        strokes[victim] = strokes[victim][::-1]
    elif fault == "off_path":
        strokes[victim] = _far_off(strokes[victim], taught, rng)
    elif fault == "missing":
        del strokes[_forgettable(taught)]
    elif fault == "order":
        strokes[0], strokes[1] = strokes[1], strokes[0]

    sizes = [len(p) for p in strokes]
    everything = np.vstack(strokes)
    if m > 0:   # warp and slant the whole letter about its middle, so it stays on the lines
        middle = np.array([float(np.mean([s.points[:, 0].mean() for s in taught])), (ys.min() + ys.max()) / 2])
        everything = synth.warp_and_slant(everything - middle, rng, m, g) + middle
    shift = rng.normal(0.0, 0.03 * m, 2)
    scale = np.exp(rng.normal(0.0, 0.05 * m))
    if free:
        shift[0] += rng.uniform(-0.6, 0.6)
        scale *= np.exp(rng.uniform(-0.25, 0.2))
    baseline_middle = np.array([float(np.mean([s.points[:, 0].mean() for s in taught])), 1.0])
    everything = (everything - baseline_middle) * scale + baseline_middle + shift   # written on the baseline
    pixels = place.to_pixels(everything)
    return synth.pointer_events(np.split(pixels, np.cumsum(sizes)[:-1]), rng, messiness=m)


def pad_place(char: str, rect=(150, 40, 860, 640)) -> LetterPlace:
    """The place of ``char`` on a pad with the TracePad's line layout (no pygame needed)."""
    from recognizer.coach.judge import place_on_lines
    x, y, w, h = rect
    return place_on_lines(char, x + w / 2, y + h * LINES_TOP, line_unit(h))


__all__ = ["FAULTS", "fault_fits", "school_trace", "pad_place", "length", "resample"]
