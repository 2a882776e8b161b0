"""Shared test setup: headless SDL, a private user folder, and a driver that plays by posting events."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import random  # noqa: E402

import pytest  # noqa: E402

from fakes import Driver, FakeChecker  # noqa: E402,F401  (the fakes tests share)


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
        from games.engine.core.settings import Settings
        from games.engine.voice.speech import Speaker
        settings = settings or Settings()
        speaker = Speaker(enabled=False, cache_dir=tmp_path / "speech")
        from games.registry import load_games
        kw.setdefault("games", load_games())
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


@pytest.fixture
def start(make_app):
    """``start(checker=..., settings=..., seed=...)``: an app at the launcher, and its Driver."""
    from games.launcher import Launcher

    def make(checker=None, settings=None, seed=1):
        app = make_app(checker=checker or FakeChecker(), settings=settings, seed=seed)
        app.push(Launcher(app))
        app.run_frames(2)
        return Driver(app)
    return make
