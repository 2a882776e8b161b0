"""The writing coach: teaches *how* a letter is written, beside the recognizer that says *which*.

* :mod:`recognizer.coach` (plain numpy, no pygame): the judge's stroke-by-stroke checks while tracing
  (:class:`TracingSession`) and review of a letter written from memory (:func:`review_letter`):
  start, direction, order, distance from the path, missing bar/dot/hump, big or small letter from
  the handwriting lines; its geometry, and synthetic children's traces for tests and figures.
* :mod:`.help`: the help level of each letter (1 trace, 2 dots, 3 write), adapting to the child.
* :mod:`.guides` (pygame): what the TracePad shows: dotted path, start dot, numbered arrows,
  strokes lighting up, faint outline, and the "watch me" pen.

The judge's names are re-exported here and load on first use.
"""
from recognizer.coach.geometry import LetterPlace

from games.engine.records.writing_help import DOTS, TRACE, WRITE, HelpLevels

_FROM_JUDGE = ("ORDER_MODES", "Problem", "Review", "StrokeVerdict", "TracingSession", "guess_case",
               "place_on_lines", "review_letter", "taught_strokes")


def __getattr__(name):
    # The judge loads on first use, so code that only needs help levels (the progress record, at
    # start-up) does not pay for the judge's imports before the first frame.
    if name in _FROM_JUDGE:
        from recognizer.coach import judge
        return getattr(judge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["LetterPlace", "HelpLevels", "TRACE", "DOTS", "WRITE", "ORDER_MODES", "Problem", "Review",
           "StrokeVerdict", "TracingSession", "guess_case", "place_on_lines", "review_letter", "taught_strokes"]
