"""What the grown-ups see when the progress file is in trouble, played by posting real events: a file
that can only be read, answers waiting while another program writes, a damaged file set aside (and
its children brought back), and a deleted child's name leaving the speech cache."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pygame
import pytest
from fakes import Driver

from games.engine.core import draw as d
from games.engine.grownups.dialogs import Confirm, TextEntry
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.records import schema
from games.engine.records.progress import Answer
from games.engine.records.store import Store
from games.engine.voice import speech_cache
from games.launcher import Launcher


def make_class(user_home: Path, names=("Mia", "Tom", "Leo")) -> Path:
    path = user_home / "data" / "progress.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    k = store.add_class("Ducks")
    for name, animal, color in zip(names, ("Cat", "Owl", "Fish"), ("blue", "red", "green")):
        store.add_child(k.id, name, animal, color)
    store.close()
    return path


def damage_an_index(path: Path) -> None:
    """Garble the cells of the children's name index: SQLite's check fails, the tables still read."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'children' AND type = 'index' "
                        "ORDER BY rootpage DESC").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    end = root * page_size
    data[end - 120:end] = bytes(range(7, 127))
    path.write_bytes(bytes(data))


def start(make_app) -> Driver:
    app = make_app()
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app)


def button(scene, label):
    return next(w for w in scene.widgets if getattr(w, "label", None) == label)


def button_starting(scene, words):
    found = [w for w in scene.widgets if str(getattr(w, "label", "")).startswith(words)]
    return found[0] if found else None


def type_text(drv, text):
    for ch in text:
        drv.post(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0)
    drv.frames(1)


def make_read_only(monkeypatch):
    """From now on the progress file opens only for reading, as the system answers for a file we may not write."""
    real = sqlite3.connect

    def connect(target, *args, **kw):
        if str(target).endswith("progress.db"):
            target, kw["uri"] = Path(target).absolute().as_uri() + "?mode=ro", True
        return real(target, *args, **kw)
    monkeypatch.setattr(schema.sqlite3, "connect", connect)


def test_with_a_read_only_file_every_change_says_why_kindly_and_the_game_goes_on(make_app, user_home, monkeypatch):
    path = make_class(user_home)
    store = Store(path)
    store.add_child(store.add_class("Owls").id, "Ava", "Owl", "red")
    store.close()
    make_read_only(monkeypatch)
    drv = start(make_app)
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.frames(1)
    assert "can only be read" in screen.notice and screen.notice_is_problem
    drv.tap(button(screen, "Owls").rect.center)   # looking at another class is not a change to keep
    assert [c.child.name for c in screen.cards] == ["Ava"]
    drv.tap(button(screen, "Ducks").rect.center)
    card = next(c for c in screen.cards if c.child.name == "Mia")
    drv.tap(card.rect.center)
    drv.tap(button(screen, "Delete").rect.center)
    assert isinstance(drv.top, Confirm)
    drv.tap(button(drv.top, "Delete").rect.center)
    assert drv.top is screen and "Nothing was changed" in screen.notice and screen.notice_is_problem
    assert [c.name for c in drv.app.progress.store.children(screen.klass.id)] == ["Leo", "Mia", "Tom"]
    drv.tap(button(screen, "Animal").rect.center)
    assert "Nothing was changed" in screen.notice
    drv.tap(button(screen, "Letters fit the child: on").rect.center)
    assert "Nothing was changed" in screen.notice and drv.app.progress.adaptive
    drv.tap(button(screen, "+ Child").rect.center)
    type_text(drv, "Ava")
    drv.key(pygame.K_RETURN)
    assert isinstance(drv.top, TextEntry) and "Nothing was changed" in drv.top.error   # the name stays typed
    drv.key(pygame.K_ESCAPE)
    export = user_home / "other-computer.json"
    export.write_text('{"format": "letterplay-progress", "version": 1, "children": [{"uid": "x", "name": "Ava", '
                      '"class": "Ducks"}], "answers": []}', encoding="utf-8")
    drv.tap(button(screen, "Import").rect.center)
    for _ in range(len(drv.top.text)):
        drv.key(pygame.K_BACKSPACE)
    type_text(drv, str(export))
    drv.key(pygame.K_RETURN)
    assert isinstance(drv.top, TextEntry) and "Nothing was changed" in drv.top.error
    drv.key(pygame.K_ESCAPE)
    drv.frames(2)
    assert drv.app.running and drv.top is screen


def test_the_grown_up_corner_says_how_many_answers_wait_while_another_program_writes(make_app, user_home):
    path = make_class(user_home)
    drv = start(make_app)
    app = drv.app
    corner = (d.W - 60, 120)   # under the gear
    drv.frames(1)
    sky = app.canvas.get_at(corner)[:3]
    assert sky != d.RED
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")   # an import running in another window
    try:
        app.progress.choose(app.progress.store.children()[0])
        for letter in "bdp":
            assert app.progress.record(Answer("test", "1", letter, "lower", "wrote", True))
        drv.frames(2)
        assert app.progress.short_problem == "3 answers waiting to be saved"
        assert app.canvas.get_at(corner)[:3] == d.RED
        app.push(SettingsScreen(app))
        assert "3 answers waiting to be saved" in app.scenes.top.notice
        app.pop()
    finally:
        other.execute("COMMIT")
        other.close()
    assert app.progress.writer.flush(15)
    drv.frames(2)
    assert app.progress.short_problem is None and app.canvas.get_at(corner)[:3] == sky
    assert app.progress.store.count_answers() == 3


def test_a_set_aside_file_is_said_at_every_start_until_seen_and_its_children_come_back(make_app, user_home):
    path = make_class(user_home)
    damage_an_index(path)
    first = start(make_app)
    assert "kept it as progress.db.broken-" in first.app.progress.problem
    first.app.shutdown()
    drv = start(make_app)   # the next start: a fresh, empty file, and still the notice
    app = drv.app
    assert app.progress.store.children() == []
    assert app.progress.short_problem == "Progress file was damaged"
    app.push(SettingsScreen(app))
    assert "damaged progress file was kept as progress.db.broken-" in app.scenes.top.notice
    app.pop()
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.frames(1)
    back = button_starting(screen, "Bring back the children from ")
    assert back is not None and "damaged" in screen.notice
    drv.tap(back.rect.center)
    assert sorted(c.name for c in app.progress.store.children()) == ["Leo", "Mia", "Tom"]
    assert "3 children" in screen.notice
    assert button_starting(screen, "Delete the damaged file") is not None
    drv.key(pygame.K_ESCAPE)
    drv.frames(1)
    assert app.progress.short_problem is None   # seen by a grown-up
    app.shutdown()
    again = start(make_app)
    assert again.app.progress.problem is None and again.app.progress.short_problem is None


def test_deleting_a_child_removes_their_name_from_the_speech_cache_and_names_old_files_that_hold_it(
        make_app, user_home):
    make_class(user_home)
    drv = start(make_app)
    app = drv.app
    cache = app.speaker.cache_dir
    lines = {"k-mia": "Mia!", "k-turn": "Your turn, Mia!", "k-tom": "Tom!"}
    for key, text in lines.items():
        speech_cache.remember_words(cache, key, text)
        (cache / speech_cache.cache_file_name(key)).write_bytes(b"RIFF" + bytes(60))
    (cache / speech_cache.cache_file_name("older")).write_bytes(b"RIFF" + bytes(60))   # made before the index
    old = user_home / "data" / "progress.db.broken-20260105-093000"
    old.write_bytes(b"SQLite format 3\x00" + bytes(100) + b"mia" + bytes(100))
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.frames(1)
    drv.tap(next(c for c in screen.cards if c.child.name == "Mia").rect.center)
    drv.tap(button(screen, "Delete").rect.center)
    drv.tap(button(drv.top, "Delete").rect.center)
    assert [c.name for c in app.progress.store.children()] == ["Leo", "Tom"]
    left = sorted(p.name for p in cache.glob("*.wav"))
    assert left == [speech_cache.cache_file_name("k-tom")]
    assert b"mia" not in (cache / speech_cache.INDEX_NAME).read_bytes().lower()   # never kept as text
    assert "Mia was deleted" in screen.notice and "still in the damaged file from 5 Jan 2026" in screen.notice
