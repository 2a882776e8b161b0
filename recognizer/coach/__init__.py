"""The writing coach's pure parts: *how* a letter was written, beside the recognizer that says *which*.

Plain numpy on skeletons and strokes, no pygame and nothing from ``games`` (a test checks it):

* :mod:`.judge`: stroke-by-stroke checks while tracing (``TracingSession``) and the review of a letter
  written from memory (``review_letter``);
* :mod:`.geometry`: line units, where a letter sits on a pad (``LetterPlace``), stroke distances;
* :mod:`.lines`: where the handwriting lines sit on a pad, and the teacher's stroke-order modes;
* :mod:`.synthetic`: children's traces of the school letters on the lines, for tests and figures.

What needs pygame or the game (drawing the guides, each child's help level) is in
``games/engine/writing/`` (coach, guides), which imports from here, never the other way round.
"""
