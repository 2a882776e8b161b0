"""Reports are safe to open and never lose a page: class.csv cells a spreadsheet would run are quoted,
two children never share a page's file, and an error leaves no temporary file with names (issue 20, item 8)."""
from __future__ import annotations

import csv
import sqlite3

import pytest
from fakes import Driver
from play_pages import button

from games.engine.grownups import report
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records.progress import Answer, Progress
from games.launcher import Launcher

RISKY = ["=HYPERLINK(\"http://x\",\"Mia\")", "+Tom", "-Leo", "@Ava", "=1+1"]


@pytest.fixture
def progress(tmp_path):
    p = Progress.open(tmp_path / "p.db")
    yield p
    p.close()


def test_class_csv_cells_a_spreadsheet_would_run_start_with_a_quote(progress, tmp_path):
    k = progress.store.add_class("=cmd|' /C calc'!A0")
    kids = [progress.store.add_child(k.id, name, "Cat", c) for name, c in zip(RISKY, ("blue", "red", "teal", "pink", "green"))]
    progress.choose(kids[0])
    progress.record(Answer("g", "1", "b", action="wrote", correct=True))
    report.write_report(progress, tmp_path / "r")
    raw = (tmp_path / "r" / "class.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(raw.splitlines()) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    with open(tmp_path / "r" / "class.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["child"] for r in rows} == {"'" + name for name in RISKY}
    assert {r["class"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert len(rows) == 52 * len(RISKY)


def test_two_children_whose_names_make_the_same_file_name_keep_a_page_each(progress, tmp_path):
    k = progress.store.add_class("Ducks")
    for name, color in (("Mia!", "blue"), ("Mia?", "red"), ("Mia", "teal"), ("Zo\u00eb", "pink"), ("ZO\u00cb", "green")):
        progress.store.add_child(k.id, name, "Cat", color)
    files = report.write_report(progress, tmp_path / "r")
    pages = [f for f in files if f.suffix == ".png"]
    assert len(pages) == 5 and len({p.name.casefold() for p in pages}) == 5
    assert all(p.exists() for p in pages)
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == sorted(["class.csv"] + [p.name for p in pages])


def test_a_report_that_fails_half_way_leaves_no_file_with_names_behind(progress, tmp_path, monkeypatch):
    k = progress.store.add_class("Ducks")
    mia, tom = (progress.store.add_child(k.id, n, "Cat", c) for n, c in (("Mia", "blue"), ("Tom", "red")))
    real = progress.states

    def locked_for_tom(child_id):
        if child_id == tom.id:
            raise sqlite3.OperationalError("database is locked")
        return real(child_id)
    monkeypatch.setattr(progress, "states", locked_for_tom)
    out = tmp_path / "r"
    with pytest.raises(sqlite3.OperationalError):
        report.write_report(progress, out)
    assert list(out.iterdir()) == []


def test_printing_a_child_page_never_overwrites_another_childs_page(make_app):
    app = make_app()
    k = app.progress.store.add_class("Ducks")
    for name, color in (("Mia!", "blue"), ("Mia?", "red")):
        app.progress.store.add_child(k.id, name, "Cat", color)
    app.push(Launcher(app))
    drv = Driver(app)
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.tap(button(screen, "Write report").rect.center)
    folder = report.reports_folder()
    before = {p.name: p.read_bytes() for p in folder.glob("*.png")}
    assert len(before) == 2
    for card in list(screen.cards):
        drv.tap(next(c for c in screen.cards if c.child.id == card.child.id).rect.center)
        drv.tap(button(screen, "Progress").rect.center)
        drv.tap(button(screen, "Print this page").rect.center)
        assert "Page written to" in screen.notice
        drv.tap(button(screen, "Children").rect.center)
    assert sorted(p.name for p in folder.glob("*.png")) == sorted(before)
