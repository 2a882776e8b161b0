"""The writing coach: teaches *how* a letter is written, beside the recognizer that says *which*.

* :mod:`.judge` (plain numpy): stroke-by-stroke checks while tracing (:class:`TracingSession`) and a
  review of a letter written from memory (:func:`review_letter`): start, direction, order, distance
  from the path, missing bar/dot/hump, big or small letter from the handwriting lines.
* :mod:`.help`: the help level of each letter (1 trace, 2 dots, 3 write), adapting to the child.
* :mod:`.guides` (pygame): what the TracePad shows: dotted path, start dot, numbered arrows,
  strokes lighting up, faint outline, and the "watch me" pen.
* :mod:`.synthetic`: children's traces of the school letters on the lines, for tests and figures.
"""
from .geometry import LetterPlace
from .help import DOTS, TRACE, WRITE, HelpLevels

_FROM_JUDGE = ("ORDER_MODES", "Problem", "Review", "StrokeVerdict", "TracingSession", "guess_case",
               "place_on_lines", "review_letter", "taught_strokes")


def __getattr__(name):
    # The judge loads on first use, so code that only needs help levels (the progress record, at
    # start-up) does not pay for the judge's imports before the first frame.
    if name in _FROM_JUDGE:
        from . import judge
        return getattr(judge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["LetterPlace", "HelpLevels", "TRACE", "DOTS", "WRITE", "ORDER_MODES", "Problem", "Review",
           "StrokeVerdict", "TracingSession", "guess_case", "place_on_lines", "review_letter", "taught_strokes"]
