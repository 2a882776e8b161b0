"""Letter recognizer: turns a child's finger strokes into letter guesses.

Public API::

    from recognizer import Recognizer, render
    rec = Recognizer.load()
    rec.rank(strokes)          # 26 (letter, probability) pairs, best first
    rec.check(strokes, "M")    # Verdict(accepted, confidence, best, reason)

This package never imports pygame.
"""

LETTERS = "abcdefghijklmnopqrstuvwxyz"

__all__ = ["LETTERS", "Recognizer", "Verdict", "render"]


def __getattr__(name):
    # Import lazily so that `import recognizer.skeletons` stays cheap and
    # the package is importable while its modules are still being written.
    if name in ("Recognizer", "Verdict"):
        from recognizer import model
        return getattr(model, name)
    if name == "render":
        from recognizer.render import render
        return render
    raise AttributeError(f"module 'recognizer' has no attribute {name!r}")
