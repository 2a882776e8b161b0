"""Sheets of drawings as PNG pictures, to look at what a family makes or what check() refused.

    write_sheet("tremor.png", drawings, labels=["a", "B", ...], columns=12)

Each drawing is scaled into its own cell, drawn dark on white with its points as dots, each stroke
in its own colour; the label (a letter: the school model's picture of it) sits small in the corner.
Numpy only (recognizer.training.evaluate.write_png writes the file).
"""

import numpy as np

from recognizer.render import _trace_points

STROKE_COLOURS = [(20, 20, 20), (200, 40, 40), (30, 90, 200), (20, 140, 60), (150, 60, 170), (200, 120, 0)]


def _label_glyph(label, size):
    """The school model of the letter `label`, as a small dark-on-white picture (blank if unknown)."""
    from recognizer.render import render
    from recognizer.skeletons import school_strokes
    try:
        glyph = render(school_strokes(label))
    except (KeyError, ValueError):
        return None
    picks = np.arange(size) * 28 // size
    return glyph[np.ix_(picks, picks)]


def draw_cell(strokes, cell):
    """One drawing in a `cell` x `cell` RGB square."""
    image = np.full((cell, cell, 3), 255, np.uint8)
    strokes = [np.asarray(s, float) for s in strokes if len(s)]
    if not strokes:
        return image
    points = np.concatenate(strokes)
    low = points.min(axis=0)
    extent = float(np.ptp(points, axis=0).max()) or 1.0
    scale = (cell - 12) / extent
    offset = (cell - np.ptp(points, axis=0) * scale) / 2
    for k, s in enumerate(strokes):
        colour = STROKE_COLOURS[k % len(STROKE_COLOURS)]
        px = (s - low) * scale + offset
        line = _trace_points([px], spacing=0.5)
        cols = np.clip(line[:, 0].astype(int), 0, cell - 1)
        rows = np.clip(line[:, 1].astype(int), 0, cell - 1)
        image[rows, cols] = colour
        dots = np.clip(px.astype(int), 1, cell - 2)
        for dy in (-1, 0, 1):
            image[dots[:, 1] + dy, dots[:, 0]] = colour
    return image


def sheet(drawings, labels=None, columns=12, cell=96):
    """Drawings side by side, `columns` a row -> (H, W, 3) uint8 picture."""
    count = max(len(drawings), 1)
    rows = (count + columns - 1) // columns
    image = np.full((rows * cell, columns * cell, 3), 235, np.uint8)
    glyph_size = cell // 4
    for i, strokes in enumerate(drawings):
        r, c = divmod(i, columns)
        tile = draw_cell(strokes, cell - 2)
        if labels is not None:
            glyph = _label_glyph(labels[i], glyph_size)
            if glyph is not None:
                tile[:glyph_size, :glyph_size] = np.minimum(tile[:glyph_size, :glyph_size],
                                                            (255 - glyph)[:, :, None])
        image[r * cell + 1:(r + 1) * cell - 1, c * cell + 1:(c + 1) * cell - 1] = tile
    return image


def write_sheet(path, drawings, labels=None, columns=12, cell=96):
    """Write `sheet(...)` to `path` as a PNG."""
    from recognizer.training.evaluate import write_png
    write_png(path, sheet(drawings, labels, columns, cell))
