"""What tests use in place of the real thing: a checker that accepts what the test says, the
``Driver`` that plays a scene by posting real pygame events, fake services (sounds, progress, a whole
app without a window) and the template game the per-game tests add to the registered ones.
Import them as ``from fakes import ...``."""
from __future__ import annotations

from pathlib import Path

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


class FakeSounds:
    """Plays nothing; keeps the names of the sounds asked for, in order."""

    def __init__(self):
        self.played = []

    def play(self, name):
        self.played.append(name)


class FakeProgress:
    """Keeps every answer it is handed; ``order`` (the letters' chooser) can be given, else plain random."""

    child = None

    def __init__(self, order=None):
        self.answers = []          # (answer, player)
        self._order = order

    def record(self, answer, player=None):
        self.answers.append((answer, player))
        return True

    def order(self, pool, mode, rng):
        return self._order(pool) if self._order else None


def fake_app(**services):
    """The services a scene gets from the app (``settings``, ``speaker``, ``sounds``, ``phrases``,
    ``checker``, ``progress``, ``rng``), all fakes or quiet ones unless given: no window is opened.
    Scenes it is asked to show are kept in ``pushed`` (``push``/``replace``); ``pop`` and ``home`` do nothing."""
    import random
    from types import SimpleNamespace

    from games.engine.core.settings import Settings
    from games.engine.voice.phrases import Phrases
    from games.engine.voice.speech import Speaker
    pushed = []
    made = dict(settings=Settings(), speaker=Speaker(enabled=False), sounds=FakeSounds(), phrases=Phrases(),
                checker=FakeChecker(), progress=FakeProgress(), rng=random.Random(1), pushed=pushed,
                push=pushed.append, replace=pushed.append, pop=lambda: None, home=lambda: None)
    return SimpleNamespace(**{**made, **services})


TEMPLATE_GAMES = Path(__file__).parent / "games" / "template_game"   # holds write_a/: the README's "Adding a game"


def with_template_game() -> list:
    """The registered games and, last, the README's template game ``write_a``, which only the tests
    register: its folder (``tests/games/template_game/write_a/``) joins the ``games`` package."""
    import importlib

    import games
    from games.registry import load_games
    if str(TEMPLATE_GAMES) not in games.__path__:
        games.__path__.append(str(TEMPLATE_GAMES))
    return load_games() + [importlib.import_module("games.write_a").GAME]
