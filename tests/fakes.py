"""What tests use in place of the real thing: a checker that accepts what the test says, a recognizer
that reads what the test says and learns a child's confirmed writings, the
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


def shape(strokes, grid: float = 6.0) -> tuple:
    """A drawing's shape, wherever on the pad it was written: its points from its top-left corner, to
    ``grid`` pixels (the same drawing written again on another pad has the same shape)."""
    points = [p for s in strokes for p in s]
    if not points:
        return ()
    x0, y0 = min(p[0] for p in points), min(p[1] for p in points)
    return tuple(tuple((round((x - x0) / grid), round((y - y0) / grid)) for x, y in s) for s in strokes if len(s))


class FakeRecognizer:
    """The recognizer as the engine's checker uses it (``check``, ``adapted``), without networks.

    The usual one reads a drawing as ``reads(strokes)`` says: a letter (accepted for that letter, "another
    letter" for any other target) or "" (not a letter). ``adapted(examples)`` is recognizer/adapt.py's API:
    a checker for one child that also accepts a drawing of the same :func:`shape` as a writing confirmed
    right for the target, and refuses one confirmed not right; ``adapted([])`` checks as the usual one.
    ``gate``: a ``threading.Event`` every ``adapted`` waits for (a slow build); ``built`` keeps each one's
    examples; ``fail``: each child's checker it makes raises when it checks.
    """

    def __init__(self, reads=lambda strokes: "", examples=(), gate=None, fail=False, built=None):
        self.reads, self.examples, self.gate, self.fail = reads, list(examples), gate, fail
        self.built = [] if built is None else built
        self._raises = False

    def adapted(self, examples):
        if self.gate is not None:
            self.gate.wait(10)
        self.built.append(list(examples))
        own = FakeRecognizer(self.reads, examples, built=self.built)
        own._raises = self.fail
        return own

    def check(self, strokes, target):
        from recognizer.model import NOT_A_LETTER, OTHER_LETTER, Verdict
        if self._raises:
            raise RuntimeError("a child's checker that fails (tests)")
        drawn = shape(strokes)
        for ex in self.examples:
            if ex[1] == target and shape(ex[0]) == drawn:
                return (Verdict(True, 0.9, target.lower(), "confirmed for this child") if ex[2] else
                        Verdict(False, 0.1, target.lower(), "confirmed not right for this child", NOT_A_LETTER))
        read = self.reads(strokes)
        if not read:
            return Verdict(False, 0.05, "o", "looks like a scribble, not a letter", NOT_A_LETTER)
        if read.lower() == target.lower():
            return Verdict(True, 0.9, read.lower(), f"looks like '{target}'")
        return Verdict(False, 0.1, read.lower(), f"looks more like '{read}' than '{target}'", OTHER_LETTER)


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


def class_on_launcher(app, children=(("Mia", "Cat", "blue"), ("Tom", "Owl", "red")), keep_writing=False):
    """The class Ducks holding ``children`` (name, animal, colour) made and chosen, writing samples kept
    when asked, and the launcher shown -> (Driver, {name: child})."""
    from games.launcher import Launcher
    store = app.progress.store
    k = store.add_class("Ducks")
    app.progress.set_active_class(k.id)
    kids = {n: store.add_child(k.id, n, a, c) for n, a, c in children}
    if keep_writing:
        app.progress.keep_writing = True
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app), kids


def play_write_a(drv, name):
    """From the launcher: the template game "Write A", its level, the child's own avatar and the green
    button -> the game's scene."""
    drv.app.home()
    drv.frames(1)
    drv.tap(drv.top.cards["write_a"].rect.center)
    drv.tap(drv.top.widgets[0].rect.center)
    drv.until(lambda: type(drv.top).__name__ == "AvatarPicker", what="who are you")
    card = next(c for c in drv.top.cards if c.child is not None and c.child.name == name)
    drv.tap(card.rect.center)   # (her animal again, when she played last: that starts too)
    if type(drv.top).__name__ == "AvatarPicker":
        drv.tap(drv.top.go.rect.center)
    drv.until(lambda: type(drv.top).__module__ == "games.write_a.scene", what="the game")
    return drv.top
