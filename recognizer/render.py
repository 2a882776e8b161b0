"""Turn finger strokes into a 28x28 image that looks like an EMNIST letter.

EMNIST (Cohen et al. 2017, arXiv:1702.05373) was made from scanned pen
letters: Gaussian blur, crop to the ink, centre in a square keeping the
aspect ratio, pad 2 px, shrink to 28x28, stretch intensity to 0..255.
We do the same with a pen drawn at a width proportional to the letter's size,
so that a finger letter on a big screen gets EMNIST's stroke thickness.
"""

import numpy as np
from scipy.ndimage import distance_transform_edt, gaussian_filter

IMAGE_SIZE = 28
SUPERSAMPLE = 3          # draw on a 3x finer grid, then average down (area resize)
LETTER_BOX = 24          # ink (pen included) spans this many of the 28 pixels, like EMNIST
PEN_WIDTH = 0.13         # pen width as a fraction of the ink's longer side
BLUR_SIGMA = 1.0         # Gaussian blur, in fine-grid pixels


def clean_strokes(strokes):
    """Return strokes as a list of (n, 2) float arrays, dropping NaN/inf points.

    Empty strokes are dropped; the result may be an empty list.
    Raises ValueError with a plain message if `strokes` is not a sequence of
    strokes made of (x, y) points.
    """
    if strokes is None or isinstance(strokes, (str, bytes)):
        raise ValueError("strokes must be a list of strokes, each a list of (x, y) points")
    try:
        stroke_list = list(strokes)
    except TypeError:
        raise ValueError("strokes must be a list of strokes, each a list of (x, y) points") from None
    cleaned = []
    for number, stroke in enumerate(stroke_list):
        if isinstance(stroke, (str, bytes)):
            raise ValueError(f"stroke {number} is text, not a list of (x, y) points")
        try:
            points = np.asarray(stroke, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"stroke {number} is not a list of (x, y) points") from None
        if points.size == 0:
            continue
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"stroke {number} is not a list of (x, y) points "
                             f"(got an array of shape {points.shape})")
        points = points[np.isfinite(points).all(axis=1)]
        if len(points):
            cleaned.append(points)
    return cleaned


def ink_extent(strokes):
    """Longer side of the bounding box of cleaned strokes (0 for a dot or nothing)."""
    if not strokes:
        return 0.0
    points = np.concatenate(strokes)
    return float(np.max(points.max(axis=0) - points.min(axis=0)))


def _trace_points(strokes, spacing):
    """Points every `spacing` units (or closer) along every stroke; a lone point stays a point."""
    traced = []
    for points in strokes:
        traced.append(points[:1])
        if len(points) < 2:
            continue
        starts, moves = points[:-1], np.diff(points, axis=0)
        steps = np.maximum(np.ceil(np.hypot(moves[:, 0], moves[:, 1]) / spacing).astype(int), 1)
        segment = np.repeat(np.arange(len(moves)), steps)
        # Fraction along each segment: 1/steps, 2/steps, ..., 1.
        within = np.arange(len(segment)) - np.repeat(np.cumsum(steps) - steps, steps) + 1
        fraction = (within / steps[segment])[:, None]
        traced.append(starts[segment] + fraction * moves[segment])
    return np.concatenate(traced)


def render(strokes, pen_width=PEN_WIDTH):
    """Render strokes (screen coordinates, y down) as a (28, 28) uint8 EMNIST-style image.

    Ink is bright (255) on black, the letter is upright and centred, thin
    letters stay thin. Nothing written gives an all-black image.
    Raises ValueError if `strokes` is not a list of strokes.
    """
    strokes = clean_strokes(strokes)
    image = np.zeros((IMAGE_SIZE, IMAGE_SIZE), np.uint8)
    if not strokes:
        return image
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    longer = float(np.max(high - low))
    if longer <= 0:
        longer = 1.0                      # a dot: draw a round blob
    pen = pen_width * longer

    fine = IMAGE_SIZE * SUPERSAMPLE
    scale = LETTER_BOX * SUPERSAMPLE / (longer + pen)   # input units -> fine pixels
    centre = (low + high) / 2
    path = (_trace_points(strokes, spacing=0.4 / scale) - centre) * scale + fine / 2
    columns = np.clip(np.floor(path[:, 0]), 0, fine - 1).astype(int)
    rows = np.clip(np.floor(path[:, 1]), 0, fine - 1).astype(int)

    # Distance from every fine pixel to the pen's path, then a soft pen edge.
    off_path = np.ones((fine, fine), bool)
    off_path[rows, columns] = False
    distance = distance_transform_edt(off_path)
    radius = pen * scale / 2
    ink = np.clip(radius - distance + 0.5, 0, 1)
    ink = gaussian_filter(ink, BLUR_SIGMA)
    small = ink.reshape(IMAGE_SIZE, SUPERSAMPLE, IMAGE_SIZE, SUPERSAMPLE).mean(axis=(1, 3))
    peak = small.max()
    if peak > 0:
        image = np.round(small / peak * 255).astype(np.uint8)
    return image
