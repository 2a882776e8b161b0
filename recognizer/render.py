"""Turn finger strokes into a 28x28 image that looks like an EMNIST letter.

EMNIST (Cohen et al. 2017, arXiv:1702.05373) was made from scanned pen
letters: Gaussian blur, crop to the ink, centre in a square keeping the
aspect ratio, pad 2 px, shrink to 28x28, stretch intensity to 0..255.
We do the same with a pen drawn at a width proportional to the letter's size,
so that a finger letter on a big screen gets EMNIST's stroke thickness.

Plain numpy (no scipy), so that creating a checker at start-up stays quick. The work per
drawing is bounded: a drawing of more than MAX_POINTS points is resampled along its path first.
"""

import numpy as np

IMAGE_SIZE = 28
SUPERSAMPLE = 3          # draw on a 3x finer grid, then average down (area resize)
LETTER_BOX = 24          # ink (pen included) spans this many of the 28 pixels, like EMNIST
PEN_WIDTH = 0.13         # pen width as a fraction of the ink's longer side
BLUR_SIGMA = 1.0         # Gaussian blur, in fine-grid pixels
BLUR_TRUNCATE = 4.0      # the blur reaches this many sigmas (as scipy.ndimage.gaussian_filter)

MAX_COORDINATE = 1e7     # no screen or tablet is this big: a point beyond it is a glitch, not ink
MAX_POINTS = 2000        # a drawing with more points is resampled along its path to about this many
MAX_TRACE = 20_000       # the pen's path is followed in at most this many steps on the fine grid


def clean_strokes(strokes):
    """Return strokes as a list of (n, 2) float arrays, dropping NaN/inf points.

    Empty strokes are dropped; the result may be an empty list. A drawing of more than
    MAX_POINTS points is resampled evenly along its path to about MAX_POINTS points.
    Raises ValueError with a plain message if `strokes` is not a sequence of
    strokes made of (x, y) points, or if a point lies absurdly far out (beyond MAX_COORDINATE).
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
        finite = np.isfinite(points).all(axis=1)
        if not finite.all():
            points = points[finite]
        if len(points) and max(-float(points.min()), float(points.max())) > MAX_COORDINATE:
            x, y = points[np.abs(points).max(axis=1).argmax()]
            raise ValueError(f"stroke {number} has a point too far out for a drawing ({x:.3g}, {y:.3g}); "
                             f"coordinates must lie within +-{MAX_COORDINATE:.0e}")
        if len(points):
            cleaned.append(points)
    if sum(len(points) for points in cleaned) > MAX_POINTS:
        cleaned = resampled(cleaned, MAX_POINTS)
    return cleaned


def _path_lengths(points):
    """Distance along a stroke to each of its points (starting at 0)."""
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])


def resampled(strokes, budget):
    """Strokes with about `budget` points in all, evenly spaced along the path, ends kept.

    Each stroke gets a share of the budget by its length (at least its two ends).
    """
    along = [_path_lengths(points) for points in strokes]
    total = sum(float(a[-1]) for a in along)
    out = []
    for points, a in zip(strokes, along):
        share = int(round(budget * float(a[-1]) / total)) if total > 0 else 0
        count = min(len(points), max(share, 1 if a[-1] == 0 else 2))
        if count >= len(points):
            out.append(points)
            continue
        at = np.linspace(0.0, a[-1], count)
        out.append(np.column_stack([np.interp(at, a, points[:, 0]), np.interp(at, a, points[:, 1])]))
    return out


def ink_extent(strokes):
    """Longer side of the bounding box of cleaned strokes (0 for a dot or nothing)."""
    if not strokes:
        return 0.0
    points = np.concatenate(strokes)
    return float(np.max(points.max(axis=0) - points.min(axis=0)))


def _trace_points(strokes, spacing, max_points=MAX_TRACE):
    """Points every `spacing` units (or closer) along every stroke; a lone point stays a point.

    A very long path is followed in wider steps, so that there are about `max_points` at most.
    """
    moves = [np.diff(points, axis=0) for points in strokes]
    lengths = [np.hypot(m[:, 0], m[:, 1]) for m in moves]
    spacing = max(spacing, sum(float(length.sum()) for length in lengths) / max_points)
    traced = []
    for points, moves, length in zip(strokes, moves, lengths):
        traced.append(points[:1])
        if len(points) < 2:
            continue
        starts = points[:-1]
        steps = np.maximum(np.ceil(length / spacing).astype(int), 1)
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
    return render_cleaned(clean_strokes(strokes), pen_width)


def render_cleaned(strokes, pen_width=PEN_WIDTH):
    """`render` of strokes already cleaned by `clean_strokes` (check() cleans once)."""
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
    on_path = np.zeros((fine, fine), bool)
    on_path[rows, columns] = True
    radius = pen * scale / 2
    distance = distance_to_path(on_path, reach=radius + 0.5)
    ink = np.clip(radius - distance + 0.5, 0, 1)
    ink = gaussian_blur(ink, BLUR_SIGMA)
    small = ink.reshape(IMAGE_SIZE, SUPERSAMPLE, IMAGE_SIZE, SUPERSAMPLE).mean(axis=(1, 3))
    peak = small.max()
    if peak > 0:
        image = np.round(small / peak * 255).astype(np.uint8)
    return image


def distance_to_path(on_path, reach):
    """Euclidean distance from every pixel to the nearest True pixel of `on_path`.

    Exact up to `reach` pixels (what scipy.ndimage.distance_transform_edt gives there);
    pixels farther than that get infinity. Each offset within reach is tried, nearest first.
    """
    height, width = on_path.shape
    r = int(np.ceil(reach))
    padded = np.zeros((height + 2 * r, width + 2 * r), bool)
    padded[r:r + height, r:r + width] = on_path
    distance = np.full(on_path.shape, np.inf)
    unset = np.ones(on_path.shape, bool)
    rings = {}
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dy * dy + dx * dx <= reach * reach:
                rings.setdefault(dy * dy + dx * dx, []).append((dy, dx))
    # Offsets at the same distance are gathered first, so each distance is written once.
    for squared in sorted(rings):
        reached = np.zeros(on_path.shape, bool)
        for dy, dx in rings[squared]:
            reached |= padded[r + dy:r + dy + height, r + dx:r + dx + width]
        reached &= unset
        distance[reached] = np.sqrt(squared)
        unset &= ~reached
    return distance


def gaussian_blur(image, sigma, truncate=BLUR_TRUNCATE):
    """Gaussian blur of a 2-D image, edges mirrored: scipy.ndimage.gaussian_filter's defaults."""
    radius = int(truncate * sigma + 0.5)
    taps = np.arange(-radius, radius + 1)
    kernel = np.exp(-0.5 * (taps / sigma) ** 2)
    kernel /= kernel.sum()
    height, width = image.shape
    padded = np.pad(image, ((radius, radius), (0, 0)), mode="symmetric")
    image = sum(k * padded[i:i + height] for i, k in enumerate(kernel))
    padded = np.pad(image, ((0, 0), (radius, radius)), mode="symmetric")
    return sum(k * padded[:, i:i + width] for i, k in enumerate(kernel))

