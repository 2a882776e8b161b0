"""Facts the writing coach shares with the games' writing pads (their one home; ``games.engine.core.letters``
imports them from here): where the school handwriting lines sit on a pad, and how much the coach says
about stroke order.
"""
from __future__ import annotations

#: How much the writing coach says about stroke order: "off", "gentle" (tips) or "strict" (redo it).
STROKE_ORDERS = ("off", "gentle", "strict")

# School handwriting lines on a writing pad, in "line units": 0 = top line, 0.5 = dashed midline,
# 1 = baseline, 1.5 = descender line. The top line sits LINES_TOP of the pad's height down from its
# top edge, and the four lines together span LINES_SPAN of its height.
LINES_TOP = 0.10
LINES_SPAN = 0.78


def line_unit(pad_height: float) -> float:
    """Pixels from the top line to the baseline on a pad ``pad_height`` pixels high."""
    return pad_height * LINES_SPAN / 1.5
