"""Screenshots of what the grown-ups see when the progress file is in trouble: answers waiting while
another program writes, a read-only file, and a damaged file set aside (the next start, and bringing
its children back). Also prints how long ``record()`` takes while another program holds the file.

    python benchmarks/shots_records.py [--out /tmp/shots]
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

NAMES = ["Mia", "Noah", "Zoë", "Liam", "Ava", "Leo", "Emma", "Oscar", "Lily", "Max", "Chloé", "Sam"]


def make_app():
    from games.engine.app import App
    from games.engine.core.settings import Settings
    from games.launcher import Launcher
    app = App(settings=Settings(), mute=True, rng=random.Random(3))
    app.push(Launcher(app))
    app.run_frames(3)
    return app


def fill(path: Path):
    from games.engine.play.avatars import next_avatar
    from games.engine.records.store import Store
    store = Store(path)
    k = store.add_class("Ducklings")
    used = set()
    for name in NAMES:
        a, c = next_avatar(used)
        used.add((a, c))
        store.add_child(k.id, name, a, c)
    store.close()


def children_page(app, out: Path, name: str):
    from games.engine.grownups.profiles_screen import ProfilesScreen
    screen = ProfilesScreen(app)
    app.push(screen)
    app.run_frames(3)
    app.screenshot(out / name)
    return screen


def waiting_answers(out: Path, data: Path):
    """Another program writes (an import in a second window): answers wait, the frame never does."""
    from games.engine.records.progress import Answer
    app = make_app()
    progress = app.progress
    progress.choose(progress.store.children()[0])
    other = sqlite3.connect(data / "progress.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    took = []
    for i in range(12):
        start = time.perf_counter()
        progress.record(Answer("shots", "1", "abcdefghijkl"[i], "lower", "wrote", True))
        took.append(time.perf_counter() - start)
    print(f"record() while another program holds the file: longest {max(took) * 1000:.2f} ms, "
          f"{progress.waiting} answers waiting")
    app.run_frames(3)
    app.screenshot(out / "records_waiting_launcher.png")
    children_page(app, out, "records_waiting_children.png")
    other.execute("COMMIT")
    other.close()
    progress.writer.flush(10)
    print(f"after the other program: {progress.waiting} waiting, {progress.store.count_answers()} answers in the file")
    app.shutdown()


def read_only(out: Path, data: Path):
    """The file can only be read (here: through a read-only URI, as the system answers for a locked-down file)."""
    import pygame
    from games.engine.grownups.dialogs import Confirm
    from games.engine.records import schema
    real = sqlite3.connect

    def connect(target, *args, **kw):
        if str(target).endswith("progress.db"):
            target, kw["uri"] = Path(target).absolute().as_uri() + "?mode=ro", True
        return real(target, *args, **kw)
    schema.sqlite3.connect = connect
    try:
        app = make_app()
        app.screenshot(out / "records_read_only_launcher.png")
        screen = children_page(app, out, "records_read_only_children.png")
        screen.select(screen.cards[0])
        delete = next(w for w in screen.widgets if getattr(w, "label", "") == "Delete")
        delete.on_press()
        assert isinstance(app.scenes.top, Confirm)
        app.scenes.top.yes()
        app.run_frames(3)
        app.screenshot(out / "records_read_only_delete.png")
        screen.add_child()
        for ch in "Nina":
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0))
        app.run_frames(2)
        app.scenes.top.ok()
        app.run_frames(3)
        app.screenshot(out / "records_read_only_add_child.png")
        app.shutdown()
    finally:
        schema.sqlite3.connect = real


def set_aside(out: Path, data: Path):
    """A damaged file: set aside at one start; the next start still says so; its children come back."""
    path = data / "progress.db"
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 + 8: 4096 * 2 + 300] = os.urandom(292)   # an index page: the tables still read
    path.write_bytes(bytes(raw))
    for f in data.glob("progress.db-*"):
        f.unlink()
    app = make_app()
    print("first start:", app.progress.problem)
    app.shutdown()
    app = make_app()   # the next start: the notice is still there
    app.screenshot(out / "records_set_aside_launcher.png")
    from games.engine.grownups.settings_screen import SettingsScreen
    app.push(SettingsScreen(app))
    app.run_frames(3)
    app.screenshot(out / "records_set_aside_settings.png")
    app.pop()
    screen = children_page(app, out, "records_set_aside_children.png")
    back = next(w for w in screen.widgets if str(getattr(w, "label", "")).startswith("Bring back"))
    back.on_press()
    app.run_frames(3)
    app.screenshot(out / "records_set_aside_brought_back.png")
    app.pop()
    app.run_frames(3)
    app.screenshot(out / "records_set_aside_launcher_after.png")
    app.shutdown()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="/tmp/shots")
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ["LETTERPLAY_HOME"] = tempfile.mkdtemp()
    from games.engine.core import paths
    data = paths.user_data_dir()
    data.mkdir(parents=True, exist_ok=True)
    fill(data / "progress.db")
    waiting_answers(out, data)
    read_only(out, data)
    set_aside(out, data)
    print(f"saved screenshots in {out}")


if __name__ == "__main__":
    main()
