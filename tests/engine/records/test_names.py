"""Names: every name that enters (typed, a class list, an import) is kept in one clean form, and a
database that already holds a broken name is repaired when it opens (issue 20, item 4)."""
from __future__ import annotations

import sqlite3

import pygame
import pytest
from fakes import Driver
from play_pages import button, play_grownups_pages, play_picker, type_text

from games.engine.grownups.dialogs import NameEntry
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records.names import MAX_MARKS, MAX_NAME, clean_name, forget_key, legacy_forget_key, same_name
from games.engine.records.progress import Answer, Progress
from games.engine.records.schema import MIGRATIONS, SCHEMA_VERSION
from games.engine.records.store import Store
from games.launcher import Launcher


@pytest.mark.parametrize("given, kept", [
    ("  Mia  ", "Mia"),
    ("M\x00i\x00a\x00", "Mia"),                 # a "Unicode Text" class list read one byte a letter
    ("Zoe\u0308", "Zo\u00eb"),                  # the same name typed with a combining mark: one form (NFC)
    ("\u202eaiM", "aiM"),                       # the right-to-left override
    ("Mi\u200ba\u200d", "Mia"),                 # zero-width space and joiner
    ("\x1b[31mTom\x07", "[31mTom"),             # ESC and BEL
    ("Ava\tRose\r\n", "Ava Rose"),              # a tab or a line break is a space
    ("\ufeffLeo", "Leo"),                       # a byte-order mark at the start of a line
    ("Le\ud800o", "Leo"),                       # half a surrogate pair cannot even be written to the file
    ("\u0301\u0301Ida", "Ida"),                 # accents with no letter to sit on
    ("a" + "\u0301" * 30, "\u00e1" + "\u0301" * MAX_MARKS),   # a few accents, not a tower of them
    ("x" * 100, "x" * MAX_NAME),
    ("\x00\u200b \u202e", ""),                  # nothing left: no name
])
def test_a_name_is_kept_in_one_clean_form(given, kept):
    assert clean_name(given) == kept


def test_the_store_cleans_every_name_and_refuses_one_with_nothing_left(tmp_path):
    store = Store(tmp_path / "p.db")
    k = store.add_class("Du\x00cks\u200b")
    assert k.name == "Ducks"
    mia = store.add_child(k.id, "M\x00ia", "Cat", "blue")
    assert mia.name == "Mia"
    with pytest.raises(ValueError, match="already in Ducks"):
        store.add_child(k.id, "Mi\u200ba", "Owl", "red")   # the same name once cleaned
    for bad in ("\x00", "\u200b\u200b", " \u202e "):
        with pytest.raises(ValueError, match="needs a name"):
            store.add_child(k.id, bad, "Owl", "red")
        with pytest.raises(ValueError, match="needs a name"):
            store.rename_child(mia.id, bad)
        with pytest.raises(ValueError, match="needs a name"):
            store.add_class(bad)
    store.rename_child(mia.id, "Zoe\u0308\x07")
    assert store.child(mia.id).name == "Zo\u00eb"
    store.close()


def test_names_compare_and_forget_in_any_form():
    assert same_name("Zoe\u0308") == same_name(" zo\u00eb\u200b ") == same_name("ZO\u00cb")
    assert forget_key("Ducks", "Zo\u00eb") == forget_key("ducks\u200b", "Zoe\u0308") == forget_key("DUCKS", "ZO\u00cb")
    assert forget_key("Ducks", "Mia") != forget_key("Ducks", "Mila")


def test_a_deleted_child_stays_deleted_whatever_form_her_name_comes_back_in(tmp_path):
    here = Progress.open(tmp_path / "here.db")
    k = here.store.add_class("Ducks")
    zoe = here.store.add_child(k.id, "Zo\u00eb", "Cat", "blue")
    here.delete_child(zoe)
    for form in ("Zoe\u0308", "Zo\u200b\u00eb", "ZO\u00cb", "Zo\u00eb\x00"):
        counts = here.store.merge({"format": "letterplay-progress", "version": 1, "classes": ["Ducks"],
                                   "children": [{"uid": "u-" + form.encode().hex(), "name": form, "class": "Ducks",
                                                 "animal": "Cat", "color": "blue"}], "answers": []})
        assert counts["children_skipped_deleted"] == 1, form
    assert here.store.children() == []
    here.close()


def make_old_database(path, classes, children):
    """A progress file as a release before this one left it (schema 2), holding names as given."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    for n in (1, 2):
        conn.executescript(MIGRATIONS[n - 1])
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (n,))
    for class_id, name in classes:
        conn.execute("INSERT INTO classes VALUES (?, ?, 0)", (class_id, name))
    for child_id, class_id, name in children:
        conn.execute("INSERT INTO children VALUES (?, ?, ?, ?, 'Cat', 'blue', 0)", (child_id, f"u{child_id}", name, class_id))
        conn.execute("INSERT INTO answers (uid, child_id, at, game, level, letter, letter_case, action, correct, help) "
                     "VALUES (?, ?, 5, 'g', '1', 'b', 'lower', 'wrote', 1, 'none')", (f"a{child_id}", child_id))
    conn.commit()
    conn.close()


def test_a_database_holding_broken_names_is_repaired_and_every_page_plays(make_app, user_home):
    path = Store.default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    make_old_database(path, classes=[(1, "D\x00u\x00c\x00k\x00s\x00"), (2, "Owls"), (3, "Owls\u200b")],
                      children=[(1, 1, "M\x00i\x00a\x00"), (2, 1, "Mia"), (3, 1, "\x00\x00"), (4, 1, "Zoe\u0308"),
                                (5, 2, "Tom\x1b"), (6, 3, "B\u202een"), (7, 1, b"L\xffeo")])
    app = make_app()
    store = app.progress.store
    assert store.version(store.conn) == SCHEMA_VERSION
    assert [(c.id, c.name) for c in store.classes()] == [(1, "Ducks"), (2, "Owls"), (3, "Owls 2")]
    names = {c.id: c.name for c in store.children()}
    assert names == {1: "Mia 2", 2: "Mia", 3: "Child 3", 4: "Zo\u00eb", 5: "Tom", 6: "Ben", 7: "L\ufffdeo"}
    assert store.count_answers() == 7   # nothing was lost on the way
    app.push(Launcher(app))
    app.run_frames(2)
    drv = Driver(app)
    for klass in store.classes():
        app.progress.set_active_class(klass.id)
        assert play_picker(drv) is not None
    play_grownups_pages(drv)


def test_typed_names_are_kept_in_one_form_and_a_name_with_nothing_left_is_refused(make_app):
    app = make_app()
    app.progress.store.add_class("Ducks")
    app.push(Launcher(app))
    drv = Driver(app)
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.frames(1)
    drv.tap(button(screen, "+ Child").rect.center)
    entry = drv.top
    assert isinstance(entry, NameEntry)
    type_text(drv, "  ")
    drv.key(pygame.K_RETURN)
    assert drv.top is entry and entry.error   # said on the dialog; nothing kept, nothing lost
    assert app.progress.store.children() == []
    drv.key(pygame.K_BACKSPACE)
    drv.key(pygame.K_BACKSPACE)
    type_text(drv, "Zoe\u0308" + "x" * 60)
    assert len(entry.text) == MAX_NAME        # typing stops where the kept name stops
    for _ in range(MAX_NAME - 4):
        drv.key(pygame.K_BACKSPACE)
    drv.key(pygame.K_RETURN)
    assert drv.top is screen
    (zoe,) = app.progress.store.children()
    assert zoe.name == "Zo\u00eb"
    app.progress.choose(zoe)
    assert app.progress.record(Answer("g", "1", "z", action="wrote", correct=True))


def test_a_child_deleted_before_names_were_cleaned_stays_deleted(tmp_path):
    here = Progress.open(tmp_path / "here.db")
    k = here.store.add_class("Ducks")
    name = "Jo\u01f0o"   # j with a caron: its case-folded form is not NFC
    child = here.store.add_child(k.id, name, "Cat", "blue")
    here.delete_child(child)
    old_key = legacy_forget_key("Ducks", name)   # what the release before kept
    assert old_key != forget_key("Ducks", name)
    here.store.conn.execute("UPDATE forgotten SET key = ?", (old_key,))
    counts = here.store.merge({"format": "letterplay-progress", "version": 1, "classes": ["Ducks"], "answers": [],
                               "children": [{"uid": "u1", "name": name, "class": "Ducks"}]})
    assert counts["children_skipped_deleted"] == 1 and here.store.children() == []
    here.close()
