"""Imports: every field of an export is checked before anything is kept, a newer format is refused, and
only a regular file under the size cap is read (issue 20, item 6)."""
from __future__ import annotations

import json
import os
import threading

import pygame
import pytest
from fakes import Driver
from play_pages import button, clear_text, play_grownups_pages, type_text

from games.engine.grownups import report
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records import exchange, progress as progress_module
from games.engine.records.progress import Answer, Progress
from games.launcher import Launcher

GOOD = {"uid": "a-good", "child": "c1", "at": 1.7e9, "game": "g", "level": "1", "letter": "b", "letter_case": "lower",
        "action": "wrote", "correct": 1, "chosen": None, "best_guess": "b", "confidence": 0.9, "help": "none",
        "seconds": 3.5, "strokes": None}


def export(children=None, answers=(), **top):
    return {"format": "letterplay-progress", "version": 1, "classes": ["Ducks"],
            "children": children if children is not None else
            [{"uid": "c1", "name": "Mia", "class": "Ducks", "animal": "Cat", "color": "blue"}],
            "answers": list(answers), **top}


def answer(**changes):
    return {**GOOD, "uid": f"a-{len(str(changes))}-{abs(hash(repr(changes)))}", **changes}


@pytest.fixture
def here(tmp_path):
    p = Progress.open(tmp_path / "here.db")
    yield p
    p.close()


def test_a_list_where_text_belongs_is_left_out_and_the_rest_comes_in(here):
    children = [{"uid": "c1", "name": "Mia", "class": "Ducks", "animal": "Cat", "color": "blue"},
                {"uid": ["c2"], "name": "Tom", "class": "Ducks"}, {"uid": "c3", "name": ["Leo"], "class": "Ducks"},
                {"uid": "c4", "name": "Ava", "class": {"x": 1}}, "Ben", None, 7,
                {"uid": "c5", "name": "Ida", "class": "Ducks", "animal": ["Cat"], "color": 3}]
    bad = [answer(game=["g"]), answer(level={"a": 1}), answer(child=["c1"]), answer(child={"c": 1}),
           answer(uid=["x"]), answer(uid="\ud800"), answer(chosen=[1]), answer(best_guess=5), answer(help=["none"]),
           answer(letter=["b"]), answer(letter="bb"), answer(letter="\u00e9"), answer(letter="1"),
           answer(letter_case="middle"), answer(action="guessed"), answer(correct=2), answer(correct="yes"),
           answer(correct=0.5), answer(confidence="high"), answer(confidence=7), answer(seconds=-1), "x", None, [1]]
    counts = here.store.merge(export(children, [GOOD, answer(letter="B", letter_case="upper"), *bad]))
    assert counts["children_added"] == 2 and counts["children_damaged"] == 3 + 3
    assert counts["answers_added"] == 2 and counts["answers_damaged"] == len(bad)
    kids = {c.name: c for c in here.store.children()}
    assert set(kids) == {"Mia", "Ida"}
    assert (kids["Mia"].animal, kids["Mia"].color) == ("Cat", "blue")
    assert (kids["Ida"].animal, kids["Ida"].color) != ("Cat", "blue")   # an avatar of her own, not a list
    assert {r["letter"] for r in here.store.answers()} == {"b"}


@pytest.mark.parametrize("at", [float("inf"), float("-inf"), float("nan"), 1e300, -5, 10 ** 400, "1700000000", True, None])
def test_a_time_that_is_not_a_moment_is_left_out_and_reports_still_work(here, tmp_path, at):
    counts = here.store.merge(export(answers=[GOOD, answer(at=at)]))
    assert counts["answers_added"] == 1 and counts["answers_damaged"] == 1
    files = report.write_report(here, tmp_path / "report")
    assert len(files) == 2


def test_infinity_in_the_file_itself_is_left_out(here, tmp_path):
    path = tmp_path / "export.json"
    text = json.dumps(export(answers=[GOOD, answer(at=1.0)])).replace('"at": 1.0', '"at": Infinity')
    assert "Infinity" in text
    path.write_text(text)
    counts = here.store.import_file(path)
    assert counts["answers_added"] == 1 and counts["answers_damaged"] == 1


def test_a_file_from_a_newer_letterplay_is_refused_and_changes_nothing(here):
    with pytest.raises(ValueError, match="newer Letterplay"):
        here.store.merge(export(answers=[GOOD], version=exchange.EXPORT_VERSION + 1))
    for version in ("1", None, 1.5, [1], True):
        with pytest.raises(ValueError, match="damaged"):
            here.store.merge(export(answers=[GOOD], version=version))
    assert here.store.children() == [] and here.store.count_answers() == 0


def strokes_of(points):
    return json.dumps([[[i % 300, (i * 7) % 300] for i in range(points)]])


def test_writing_comes_in_only_when_the_teacher_keeps_it_and_as_the_game_keeps_it(here, make_app):
    assert exchange.MAX_STROKE_POINTS == progress_module.MAX_STROKE_POINTS
    odd = ["[[1,2]]", '{"a": 1}', '"abc"', '[[["x","y"]]]', "[[[1e999, 2]]]", "[[[1, 2, 3]]]", "[" * 5000 + "]" * 5000,
           "not json", 17, strokes_of(10) + " " * 200_000]
    answers = [answer(at=1.6e9 + i, strokes=s) for i, s in enumerate(odd)]
    answers += [answer(at=1.7e9, strokes=strokes_of(2500)), answer(at=1.7e9 + 1, letter="d", strokes=strokes_of(40)),
                answer(at=1.7e9 + 2, letter="p", strokes=[[[1.4, 2.6], [30, 40]]])]
    here.store.merge(export(answers=answers))
    assert {r["strokes"] for r in here.store.answers()} == {None}   # writing samples are off here
    here.keep_writing = True
    here.store.merge(export(answers=[{**a, "uid": a["uid"] + "-again"} for a in answers]))
    kept = [json.loads(r["strokes"]) for r in here.store.answers() if r["strokes"]]
    assert sorted(sum(len(s) for s in k) for k in kept) == [2, 40, 2000]
    assert [[1, 3], [30, 40]] in [k[0] for k in kept]   # whole-number points, as the game keeps them
    mia = here.store.children()[0]
    assert [letter for letter, _ in report.writing_samples(here, mia.id)] == ["p", "d", "b"]


def test_odd_writing_already_in_a_database_never_stops_the_child_page(make_app):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mia", "Cat", "blue")
    for i, odd in enumerate(["[[1,2]]", '{"a": 1}', '"abc"', '[[["x","y"]]]', "[[[1, 2, 3]]]", "[" * 3000 + "]" * 3000,
                             "x" * 300_000, strokes_of(30)]):
        store.add_answer(mia.id, {**GOOD, "uid": f"odd{i}", "at": 1.7e9 + i, "letter": "bdpq"[i % 4], "strokes": odd})
    app.push(Launcher(app))
    drv = Driver(app)
    play_grownups_pages(drv)
    assert len(report.writing_samples(app.progress, mia.id)) == 1


def test_only_a_regular_file_under_the_cap_is_read_and_it_is_never_moved(here, tmp_path, monkeypatch):
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    unblocked = threading.Event()

    def unblock_a_reader_that_waits():   # were the import to wait for a writer, this one comes after 20 s
        if not done.wait(20):
            unblocked.set()
            with open(fifo, "wb"):
                pass
    done = threading.Event()
    threading.Thread(target=unblock_a_reader_that_waits, daemon=True).start()
    with pytest.raises(ValueError, match="not a file that can be read"):
        here.store.import_file(fifo)
    done.set()
    assert not unblocked.is_set(), "the import waited on a pipe"
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ValueError, match="not a file that can be read"):
        here.store.import_file(zero)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(export(answers=[GOOD] * 50)))
    monkeypatch.setattr(exchange, "MAX_BYTES", 1000)
    with pytest.raises(ValueError, match="too big for a Letterplay export"):
        here.store.import_file(big)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json", "export.json", "here.db", "here.db-shm",
                                                          "here.db-wal", "zero.json"]
    assert here.store.count_answers() == 0


@pytest.mark.parametrize("data, says", [
    (b"\xff\xfe{\x00}\x00", "not UTF-8"), (b"[" * 100_000, "not a Letterplay progress export"),
    (b'{"format": "letterplay-progress", "version": 1, "children": [], "answers": [], "x": ' + b"9" * 5000 + b"}",
     "not a Letterplay progress export"), (b"[]", "not a Letterplay progress export"),
])
def test_a_file_that_is_not_an_export_says_so_in_one_line(here, tmp_path, data, says):
    path = tmp_path / "export.json"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=says) as err:
        here.store.import_file(path)
    assert "\n" not in str(err.value)


def test_the_import_button_says_what_was_wrong_and_the_game_goes_on(make_app, tmp_path):
    app = make_app()
    app.push(Launcher(app))
    drv = Driver(app)
    bad = tmp_path / "damaged.json"
    bad.write_text(json.dumps(export([{"uid": "c1", "name": ["Mia"], "class": "Ducks"},
                                      {"uid": "c2", "name": "M\x00ia\u200b", "class": "Du\x00cks"}],
                                     [answer(child="c2"), answer(child="c2", at=float("inf")), answer(game=[1])])))
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(export(version=99)))
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.frames(1)
    for path in (newer, bad):
        drv.tap(button(screen, "Import").rect.center)
        entry = drv.top
        clear_text(drv)
        type_text(drv, str(path))
        drv.key(pygame.K_RETURN)
        if path is newer:
            assert drv.top is entry and "newer Letterplay" in entry.error
            drv.key(pygame.K_ESCAPE)
    assert drv.top is screen and "1 children and 1 answers added" in screen.notice
    assert [(c.class_name, c.name) for c in app.progress.store.children()] == [("Ducks", "Mia")]
    app.progress.set_active_class(app.progress.store.classes()[0].id)
    play_grownups_pages(drv)
    app.progress.choose(app.progress.store.children()[0])
    assert app.progress.record(Answer("g", "1", "b", action="wrote", correct=True))
