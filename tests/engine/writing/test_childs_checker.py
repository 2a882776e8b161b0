"""Each child's own letter checker: built when the child is picked, off the frame (the usual checker
answers until it is ready), used for every writing of that child (several players: each their own), and
gone with the child. The recognizer is the tests' ``FakeRecognizer`` (recognizer/adapt.py's API)."""
from __future__ import annotations

import logging
import threading

import pytest
from fakes import FakeRecognizer, class_on_launcher, play_write_a, with_template_game

from games.engine.play.players import Player
from games.engine.records.recorder import Recorder
from games.engine.writing import checker as checker_module
from games.engine.writing.checker import RecognizerChecker, checker_for, use_childrens_checkers
from games.engine.writing.writing_task import WritingTask

HER_A = [[(0, 200), (60, 0), (120, 200)], [(20, 150), (100, 150)]]   # how she writes an A (the usual checker: a scribble)


def moved(strokes, dx, dy):
    return [[(x + dx, y + dy) for x, y in s] for s in strokes]


def confirm(app, child, strokes, letter="A", right=True):
    """The child wrote ``strokes`` for ``letter``, the checker refused, and a grown-up said what it was."""
    app.progress.keep_writing = True
    Recorder(app.progress, "write_a", "1").record(letter, "wrote", False, strokes=strokes, refusal="not a letter",
                                                  player=Player(child.name, (0, 0, 0), child=child))
    answer_id = app.progress.store.conn.execute("SELECT MAX(id) FROM answers").fetchone()[0]
    app.progress.review(answer_id, right)
    return answer_id


@pytest.fixture
def school(make_app):
    rec = FakeRecognizer()
    app = make_app(checker=RecognizerChecker(recognizer=rec), games=with_template_game())
    return (*class_on_launcher(app), rec)



def write_on_pad(drv, scene, strokes):
    pad = scene.writing.pad
    for s in moved(strokes, pad.rect.x + 200, pad.rect.y + 100):
        drv.drag([(x, y) for x, y in s])
    drv.tap(pad.done_button.rect.center)


def last_answer(app):
    row = app.progress.store.answers()[-1]
    return row["child_id"], row["correct"], row["refusal"]


def test_the_child_picked_writes_with_their_own_checker_and_another_child_with_the_usual_one(school):
    drv, kids, rec = school
    confirm(drv.app, kids["Mia"], HER_A)
    scene = play_write_a(drv, "Mia")
    assert drv.app.checker.playing == kids["Mia"].id and drv.app.checker.ready_for(kids["Mia"].id)
    assert [(e[0], e[1], e[2]) for e in rec.built[-1]] == [([[list(p) for p in s] for s in HER_A], "A", True)]
    write_on_pad(drv, scene, HER_A)
    assert last_answer(drv.app) == (kids["Mia"].id, 1, None)   # her A, accepted for her

    scene = play_write_a(drv, "Tom")
    write_on_pad(drv, scene, HER_A)
    assert last_answer(drv.app) == (kids["Tom"].id, 0, "not a letter")   # the same drawing is still no A for Tom
    assert drv.app.checker.playing == kids["Tom"].id


def test_several_players_each_write_with_their_own_checker(school):
    drv, kids, rec = school
    mia, tom = kids["Mia"], kids["Tom"]
    confirm(drv.app, mia, HER_A)
    confirm(drv.app, tom, HER_A, right=False)
    drv.app.home()
    drv.tap(drv.top.cards["basketball"].rect.center)
    drv.tap(drv.top.widgets[0].rect.center)
    picker = drv.top
    for name in ("Tom", "Mia"):
        drv.tap(next(c for c in picker.cards if c.child and c.child.name == name).rect.center)
    drv.tap(picker.go.rect.center)
    assert type(drv.top).__name__ == "Basketball"
    app = drv.app
    assert app.checker.playing is None and app.checker.ready_for(mia.id) and app.checker.ready_for(tom.id)
    task = WritingTask(app, drv.top.writing.pad.rect, lambda outcome: None, recorder=Recorder(app.progress, "g", "1"))
    verdicts = {}
    for player in drv.top.turns.players:
        task.start("A", player=player)
        verdicts[player.name] = task.pad.checker.check(moved(HER_A, 300, 200), "A")
    assert verdicts["Mia"].accepted and not verdicts["Tom"].accepted
    assert verdicts["Tom"].reason == "confirmed not right for this child"
    guest = Player("Lion", (0, 0, 0))
    assert checker_for(app, guest.child).check(HER_A, "A").reason == "looks like a scribble, not a letter"


def test_until_the_childs_checker_is_built_the_usual_one_answers(make_app):
    gate = threading.Event()
    rec = FakeRecognizer(gate=gate)
    app = make_app(checker=RecognizerChecker(recognizer=rec))
    k = app.progress.store.add_class("Ducks")
    mia = app.progress.store.add_child(k.id, "Mia", "Cat", "blue")
    confirm(app, mia, HER_A)
    use_childrens_checkers(app, [mia], playing=mia)   # returns at once: the build waits on its thread
    assert not app.checker.ready_for(mia.id)
    assert not app.checker.check(HER_A, "A").accepted
    gate.set()
    for _ in range(200):
        if app.checker.ready_for(mia.id):
            break
        threading.Event().wait(0.02)
    assert app.checker.check(HER_A, "A").accepted
    pending = app.checker.start(HER_A, "A")   # the pad's way: a worker thread
    assert pending.wait(5) and pending.verdict.accepted


def test_a_decision_counts_from_the_next_time_the_child_is_picked(school):
    drv, kids, rec = school
    mia = kids["Mia"]
    play_write_a(drv, "Mia")
    assert not drv.app.checker.ready_for(mia.id)   # nothing confirmed: the usual checker is hers
    assert not drv.app.checker.check(HER_A, "A").accepted
    answer_id = confirm(drv.app, mia, HER_A)
    assert not drv.app.checker.check(HER_A, "A").accepted
    play_write_a(drv, "Mia")
    assert drv.app.checker.check(HER_A, "A").accepted
    drv.app.progress.review(answer_id, None)   # undone
    play_write_a(drv, "Mia")
    assert not drv.app.checker.ready_for(mia.id) and not drv.app.checker.check(HER_A, "A").accepted


def test_a_deleted_childs_checker_goes_with_them(school):
    from games.engine.grownups.dialogs import Confirm
    from games.engine.grownups.profiles_screen import ProfilesScreen
    drv, kids, rec = school
    confirm(drv.app, kids["Mia"], HER_A)
    play_write_a(drv, "Mia")
    assert drv.app.checker.ready_for(kids["Mia"].id)
    drv.app.home()
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.frames(1)
    drv.tap(next(c for c in screen.cards if c.child.name == "Mia").rect.center)
    drv.tap(next(w for w in screen.widgets if getattr(w, "label", None) == "Delete").rect.center)
    assert isinstance(drv.top, Confirm)
    drv.tap(drv.top.widgets[1].rect.center)   # "Delete"
    assert not drv.app.checker.ready_for(kids["Mia"].id) and drv.app.checker.playing is None
    assert drv.app.progress.confirmed(kids["Mia"].id) == []


def test_a_childs_checker_that_fails_gives_way_to_the_usual_one(make_app, caplog):
    app = make_app(checker=RecognizerChecker(recognizer=FakeRecognizer(fail=True), background=False))
    k = app.progress.store.add_class("Ducks")
    mia = app.progress.store.add_child(k.id, "Mia", "Cat", "blue")
    confirm(app, mia, HER_A)
    use_childrens_checkers(app, [mia], playing=mia)
    assert app.checker.ready_for(mia.id)
    with caplog.at_level(logging.ERROR):
        verdict = app.checker.check(HER_A, "A")
    assert verdict.reason == "looks like a scribble, not a letter"   # the usual one answered
    assert "own letter checker failed" in caplog.text and not app.checker.ready_for(mia.id)


def test_at_most_a_few_childrens_checkers_are_kept(make_app):
    app = make_app(checker=RecognizerChecker(recognizer=FakeRecognizer(), background=False))
    k = app.progress.store.add_class("Ducks")
    kids = [app.progress.store.add_child(k.id, f"Child {i}", "Cat", "blue") for i in range(12)]
    for kid in kids:
        confirm(app, kid, HER_A)
    use_childrens_checkers(app, kids)
    kept = [kid.id for kid in kids if app.checker.ready_for(kid.id)]
    assert kept == [kid.id for kid in kids[-checker_module.MOST_OWN:]]


def test_a_checker_that_keeps_no_childs_own_is_everyones(make_app):
    from fakes import FakeChecker
    app = make_app(checker=FakeChecker(True))
    k = app.progress.store.add_class("Ducks")
    mia = app.progress.store.add_child(k.id, "Mia", "Cat", "blue")
    use_childrens_checkers(app, [mia], playing=mia)
    assert checker_for(app, mia) is app.checker
