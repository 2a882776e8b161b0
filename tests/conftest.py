"""Shared test setup: headless SDL, a private user folder, and a driver that plays by posting events."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import random  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402


class FakeChecker:
    """Accepts exactly what the test says the child wrote; records what it was asked."""

    status = "fake checker (tests)"

    def __init__(self, accept=True):
        self.accept = accept
        self.asked = []

    def check(self, strokes, target):
        from games.engine.checker import Verdict
        self.asked.append((strokes, target))
        ok = self.accept(strokes, target) if callable(self.accept) else self.accept
        return Verdict(bool(ok), 0.9 if ok else 0.1, target.lower() if ok else None, "fake")


class Driver:
    """Plays the app like a child: taps, drags and keys as real pygame events."""

    def __init__(self, app):
        self.app = app

    def frames(self, n=1):
        self.app.run_frames(n)

    def seconds(self, s):
        """Let ``s`` seconds of game time pass (in 1/30 s frames, to keep tests quick)."""
        self.app.run_frames(int(s * 30) + 1, dt=1 / 30)

    def post(self, type_, **attrs):
        pygame.event.post(pygame.event.Event(type_, **attrs))

    def tap(self, pos, hold_frames=1):
        pos = (int(pos[0]), int(pos[1]))
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.frames(hold_frames)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        self.frames(1)

    def finger_tap(self, pos, finger=1):
        w, h = self.app.window.get_size()
        x, y = pos[0] / w, pos[1] / h
        self.post(pygame.FINGERDOWN, x=x, y=y, dx=0, dy=0, finger_id=finger, touch_id=1, pressure=1.0)
        # SDL's duplicate mouse events for touch carry touch=True and must be ignored
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True)
        self.frames(1)
        self.post(pygame.FINGERUP, x=x, y=y, dx=0, dy=0, finger_id=finger, touch_id=1, pressure=0.0)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=True)
        self.frames(1)

    def drag(self, points):
        """One stroke through ``points`` (canvas = window coordinates at the default size)."""
        pts = [(int(x), int(y)) for x, y in points]
        self.post(pygame.MOUSEBUTTONDOWN, pos=pts[0], button=1, touch=False)
        for p in pts[1:]:
            self.post(pygame.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(1, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pts[-1], button=1, touch=False)
        self.frames(1)

    def key(self, key, mod=0):
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.frames(1)

    def until(self, predicate, seconds=20, what="condition"):
        for _ in range(int(seconds * 30)):
            if predicate():
                return
            self.app.run_frames(1, dt=1 / 30)
        raise AssertionError(f"timed out waiting for {what}; top scene is {type(self.app.scenes.top).__name__}")

    @property
    def top(self):
        return self.app.scenes.top


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    """Every test gets its own settings and cache folder."""
    monkeypatch.setenv("LETTERPLAY_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def make_app(tmp_path):
    apps = []

    def make(checker=None, settings=None, seed=1, **kw):
        from games.engine.app import App
        from games.engine.settings import Settings
        from games.engine.speech import Speaker
        settings = settings or Settings()
        speaker = Speaker(enabled=False, cache_dir=tmp_path / "speech")
        app = App(settings=settings, checker=checker or FakeChecker(), speaker=speaker,
                  rng=random.Random(seed), **kw)
        apps.append(app)
        return app

    yield make
    for app in apps:
        try:
            app.shutdown()
        except Exception:
            pass


@pytest.fixture
def play(make_app):
    """A driver on an app that starts at the launcher."""
    from games.launcher import Launcher
    app = make_app()
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app)
