"""Letter recognizer: turns a child's finger strokes into letter guesses.

Public API::

    from recognizer import Recognizer, render
    rec = Recognizer.load()
    rec.rank(strokes)          # 26 (letter, probability) pairs, best first
    rec.check(strokes, "M")    # Verdict(accepted, confidence, best, reason)
    rec.rank_images(images)    # (N, 28, 28) uint8 -> (N, 26) probabilities
    rec.adapted(examples)      # a checker for one child: recognizer.adapt.Example(strokes, "a", right)
    render(strokes)            # (28, 28) uint8 EMNIST-style image: what the network sees

Run time lives here (load, check, rank, render, the networks, the letter-or-not judge, the coach's
judge); training and evaluation are command-line tools in ``recognizer/training/``. This package
never imports pygame, nor anything from ``games``.
"""

LETTERS = "abcdefghijklmnopqrstuvwxyz"

# Bind the function after the submodule is imported: `recognizer.render`
# must be the function, not the module of the same name.
from recognizer.render import render  # noqa: E402
from recognizer.model import Recognizer, Verdict  # noqa: E402

__all__ = ["LETTERS", "Recognizer", "Verdict", "render"]
