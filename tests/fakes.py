"""What tests use in place of the real thing: a checker that accepts what the test says, and the
``Driver`` that plays a scene by posting real pygame events. Import them as ``from fakes import ...``."""
from __future__ import annotations

from games.engine.play.driver import Driver  # noqa: F401  (tests import it from here)


class FakeChecker:
    """Accepts exactly what the test says the child wrote; records what it was asked."""

    status = "fake checker (tests)"

    def __init__(self, accept=True):
        self.accept = accept
        self.asked = []

    def check(self, strokes, target):
        from games.engine.writing.checker import Verdict
        self.asked.append((strokes, target))
        ok = self.accept(strokes, target) if callable(self.accept) else self.accept
        return Verdict(bool(ok), 0.9 if ok else 0.1, target.lower() if ok else "", "fake")
