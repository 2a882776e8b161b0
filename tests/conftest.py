"""Shared test setup: headless SDL, a private user folder, and a driver that plays by posting events.

No test may touch the user's own folders. Before anything is imported, HOME, the XDG folders and
``LETTERPLAY_HOME`` point into one temporary folder for the whole session (an app made by a module's
fixture, before any test's own home exists, or a subprocess, lands there too); each test then gets its
own ``LETTERPLAY_HOME``. At the end, anything of Letterplay's under the session's HOME means some code
ignored ``LETTERPLAY_HOME``: the run fails and says where.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

SESSION_DIR = Path(tempfile.mkdtemp(prefix="letterplay-tests-"))
SESSION_HOME = SESSION_DIR / "home"                    # what HOME is while the tests run
XDG_FOLDERS = {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share", "XDG_CACHE_HOME": ".cache",
               "XDG_STATE_HOME": ".local/state"}
os.environ["HOME"] = str(SESSION_HOME)
for _var, _sub in XDG_FOLDERS.items():
    os.environ[_var] = str(SESSION_HOME / _sub)
os.environ["LETTERPLAY_HOME"] = str(SESSION_DIR / "letterplay")   # each test sets its own over it
SESSION_HOME.mkdir()

import random  # noqa: E402

import pytest  # noqa: E402

from fakes import Driver, FakeChecker  # noqa: E402,F401  (the fakes tests share)


def written_outside_letterplay_home(home: Path = SESSION_HOME) -> list[str]:
    """Letterplay's files and folders under ``home``: written by code that ignored ``LETTERPLAY_HOME``."""
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if "letterplay" in p.name.lower())


def pytest_sessionfinish(session, exitstatus):
    stray = written_outside_letterplay_home()
    if stray:
        print(f"\nLetterplay wrote outside its test home, into HOME ({SESSION_HOME}): {stray[:10]}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_DIR, ignore_errors=True)


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
