"""Tests never touch the user's own folders (issue #23: after the README's test run a
``~/.local/share/letterplay/`` appeared).

The cause: a module's fixture made an ``App`` (test_settings.py's fuzz app) before any test's own
``LETTERPLAY_HOME`` was set, so ``Progress.open()`` opened ``progress.db`` in the real data folder.
Now ``tests/conftest.py`` points HOME, the XDG folders and ``LETTERPLAY_HOME`` into a temporary folder
for the whole session. Here: the same kind of fixture, and a run of it in a fresh pytest with HOME
pointed at an empty folder, which must stay empty.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def module_app(tmp_path_factory):
    """An app made once for a module, as test_settings.py does: before any test's own home exists."""
    from fakes import FakeChecker
    from games.engine.app import App
    from games.engine.core.settings import Settings
    from games.engine.voice.speech import Speaker
    app = App(settings=Settings(), checker=FakeChecker(),
              speaker=Speaker(enabled=False, cache_dir=tmp_path_factory.mktemp("speech")))
    yield app
    app.shutdown()


def test_a_module_app_keeps_its_records_in_a_temporary_home(module_app):
    from games.engine.core import paths
    db = Path(module_app.progress.store.path).resolve()
    temp = Path(tempfile.gettempdir()).resolve()
    assert temp in db.parents, f"progress.db at {db}"
    assert Path(os.environ["HOME"]).resolve() not in db.parents, "written under HOME, not LETTERPLAY_HOME"
    assert temp in paths.user_data_dir().resolve().parents


def test_the_session_points_home_and_the_xdg_folders_at_a_temporary_folder():
    temp = Path(tempfile.gettempdir()).resolve()
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "LETTERPLAY_HOME"):
        assert temp in Path(os.environ[var]).resolve().parents, (var, os.environ.get(var))


def test_a_test_run_leaves_an_empty_home_empty(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "LETTERPLAY_HOME"}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                          f"{Path(__file__).relative_to(ROOT)}::test_a_module_app_keeps_its_records_in_a_temporary_home",
                          "tests/engine/grownups/test_gate.py::test_the_cross_still_closes_the_gate_at_once"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert left == [], f"the tests wrote into HOME: {left[:10]}"
