"""The TracePad turns posted pointer events into strokes and asks its checker."""
from __future__ import annotations

import math

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.engine.core.scene import Scene
from games.engine.writing.tracepad import TracePad


class PadScene(Scene):
    def __init__(self, app, **kw):
        super().__init__(app)
        self.verdicts = []
        self.pad = TracePad((300, 150, 600, 400), app.checker, lambda v, s: self.verdicts.append((v, s)), target="B", **kw)
        self.widgets = [self.pad]


@pytest.fixture
def pad_scene(make_app):
    def make(checker=None, **kw):
        app = make_app(checker=checker or FakeChecker())
        scene = PadScene(app, **kw)
        app.push(scene)
        return Driver(app), scene
    return make


def test_drags_become_strokes_in_canvas_coordinates(pad_scene):
    d, scene = pad_scene(auto_submit=0)
    d.drag([(400, 200), (400, 300), (400, 400)])
    d.drag([(400, 200), (500, 250), (400, 300)])
    assert len(scene.pad.strokes) == 2
    assert scene.pad.strokes[0][0] == (400, 200) and scene.pad.strokes[0][-1] == (400, 400)
    assert len(scene.pad.strokes[1]) == 3


def test_touch_strokes_work_and_duplicate_mouse_events_add_nothing(pad_scene):
    d, scene = pad_scene(auto_submit=0)
    d.finger_tap((450, 300))
    assert len(scene.pad.strokes) == 1 and len(scene.pad.strokes[0]) == 1


def test_ink_outside_the_pad_is_kept_inside_and_taps_outside_do_not_start_strokes(pad_scene):
    d, scene = pad_scene(auto_submit=0)
    d.drag([(100, 100), (120, 120)])
    assert scene.pad.strokes == []
    d.drag([(850, 500), (1000, 700)])
    x, y = scene.pad.strokes[0][-1]
    assert x <= scene.pad.rect.right and y <= scene.pad.rect.bottom


def test_undo_clear_and_done(pad_scene):
    d, scene = pad_scene(auto_submit=0)
    pad = scene.pad
    d.drag([(400, 200), (400, 400)])
    d.drag([(350, 300), (450, 300)])
    d.tap(pad.undo_button.rect.center)
    assert len(pad.strokes) == 1
    d.tap(pad.done_button.rect.center)
    assert len(scene.verdicts) == 1
    verdict, strokes = scene.verdicts[0]
    assert verdict.accepted and strokes == [[(400, 200), (400, 400)]]
    assert d.app.checker.asked[0][1] == "B"
    d.tap(pad.clear_button.rect.center)
    assert pad.strokes == []
    d.tap(pad.done_button.rect.center)          # nothing written: nothing to check
    assert len(scene.verdicts) == 1


def test_auto_submit_waits_for_the_pen_to_rest_and_checks_once(pad_scene):
    d, scene = pad_scene(auto_submit=1.0)
    d.drag([(400, 200), (400, 400)])
    d.seconds(0.5)
    d.drag([(350, 300), (450, 300)])   # more ink restarts the clock
    d.seconds(0.7)
    assert scene.verdicts == []
    d.seconds(0.5)
    assert len(scene.verdicts) == 1
    d.seconds(2)
    assert len(scene.verdicts) == 1


def test_a_letter_sent_with_done_is_not_checked_again_when_the_pen_rests(pad_scene):
    d, scene = pad_scene(checker=FakeChecker(False), auto_submit=0.8)
    d.drag([(400, 200), (400, 400)])
    d.tap(scene.pad.done_button.rect.center)
    d.seconds(2)
    assert len(scene.verdicts) == 1
    d.drag([(350, 300), (450, 300)])   # new ink: checked again once the pen rests
    d.seconds(1)
    assert len(scene.verdicts) == 2


def test_a_rejected_letter_shakes_the_pad_and_keeps_the_ink(pad_scene):
    d, scene = pad_scene(checker=FakeChecker(False), auto_submit=0)
    d.drag([(400, 200), (420, 210)])
    d.tap(scene.pad.done_button.rect.center)
    assert not scene.verdicts[0][0].accepted
    assert scene.pad._shake > 0 and len(scene.pad.strokes) == 1


def test_undo_and_clear_tell_the_listener_how_many_strokes_went(pad_scene):
    erased = []
    d, scene = pad_scene(auto_submit=0, on_erase=erased.append)
    for x in (350, 400, 450):
        d.drag([(x, 200), (x, 400)])
    d.tap(scene.pad.undo_button.rect.center)
    d.tap(scene.pad.clear_button.rect.center)
    d.tap(scene.pad.clear_button.rect.center)   # nothing left: nothing to report
    assert erased == [1, 2]


def test_the_real_checker_refuses_a_tap_on_the_pad_as_too_small(make_app):
    from games.engine.writing.checker import RecognizerChecker
    checker = RecognizerChecker()
    assert not checker.check([[(400, 300), (404, 303), (409, 301)]], "A").accepted
    assert "small" in checker.check([[(400, 300), (404, 303)]], "A").reason


def test_a_missing_model_lets_children_play_on_and_says_so(tmp_path):
    from games.engine.writing.checker import RecognizerChecker
    checker = RecognizerChecker(model_path=tmp_path / "nowhere.npz")
    honest = [[(400 + i * 3, 300 + i * 5) for i in range(40)]]
    assert checker.check(honest, "L").accepted
    assert not checker.check([[(400, 300), (410, 305)]], "L").accepted
    assert "not checked" in checker.status and "nowhere.npz" in checker.status


# --- checks off the frame, and checkers that fail ---------------------------------------------

class CheckerTheTestAnswers(FakeChecker):
    """Checks "in the background" until the test answers: start() hands back a PendingCheck."""

    def __init__(self):
        super().__init__()
        self.pending = []

    def start(self, strokes, target):
        from games.engine.writing.checker import PendingCheck
        self.asked.append((strokes, target))
        self.pending.append(PendingCheck())
        return self.pending[-1]


def yellow_pixels(surface, rect):
    from games.engine.core import draw as dr
    return sum(surface.get_at((x, y))[:3] == dr.YELLOW for x in range(rect.left, rect.right, 2)
               for y in range(rect.top, rect.bottom, 2))


def test_a_background_check_shows_a_thinking_pencil_and_the_verdict_comes_in_a_later_frame(pad_scene):
    from games.engine.writing.checker import Verdict
    checker = CheckerTheTestAnswers()
    d, scene = pad_scene(checker=checker, auto_submit=0)
    pad = scene.pad
    corner = pygame.Rect(pad.rect.right - 160, pad.rect.bottom - 110, 150, 100)
    d.drag([(400, 200), (400, 400)])
    assert yellow_pixels(d.app.canvas, corner) == 0
    d.tap(pad.done_button.rect.center)
    assert pad.thinking and scene.verdicts == [] and len(checker.pending) == 1
    d.seconds(0.3)
    assert pad.thinking and scene.verdicts == []
    assert yellow_pixels(d.app.canvas, corner) > 20, "no thinking pencil while the checker works"
    d.drag([(500, 200), (520, 400)])                 # no new ink, no undo, no second check meanwhile
    d.tap(pad.undo_button.rect.center)
    d.tap(pad.done_button.rect.center)
    assert len(pad.strokes) == 1 and len(checker.pending) == 1
    checker.pending[0].finish(Verdict(False, 0.1, "d", "looks more like 'd'"))
    d.frames(1)
    assert not pad.thinking and [v.best for v, s in scene.verdicts] == ["d"]
    assert scene.verdicts[0][1] == pad.strokes and pad._shake > 0
    d.seconds(0.6)
    assert yellow_pixels(d.app.canvas, corner) == 0
    d.drag([(500, 200), (520, 400)])                 # the pad takes ink again
    assert len(pad.strokes) == 2


def test_a_new_letter_forgets_a_verdict_still_on_its_way(pad_scene):
    from games.engine.writing.checker import Verdict
    checker = CheckerTheTestAnswers()
    d, scene = pad_scene(checker=checker, auto_submit=0.5)
    d.drag([(400, 200), (400, 400)])
    d.until(lambda: scene.pad.thinking, what="the pen's rest to send the stroke")
    scene.pad.reset(target="C")
    checker.pending[0].finish(Verdict(True, 0.9, "b", "looks like 'b'"))
    d.frames(3)
    assert scene.verdicts == [] and not scene.pad.thinking


def test_the_real_checker_answers_in_the_background_with_the_same_verdict(make_app):
    import time

    from games.engine.writing.checker import RecognizerChecker
    app = make_app(checker=RecognizerChecker())
    scene = PadScene(app, auto_submit=0)
    app.push(scene)
    ring = [(600 + 90 * math.cos(a / 10), 350 + 90 * math.sin(a / 10)) for a in range(64)]
    scene.pad.strokes = [ring]
    scene.pad.submit()
    for _ in range(3000):                            # frames until it arrives (at most ~30 s)
        app.run_frames(1)
        if scene.verdicts:
            break
        time.sleep(0.01)
    (verdict, strokes), = scene.verdicts
    assert verdict == app.checker.check(strokes, "B") and verdict.accepted is False   # an o, not a B
    assert verdict.best == "o"


def test_a_recognizer_that_fails_during_a_check_is_set_aside_and_the_status_says_so(monkeypatch):
    from games.engine.writing.checker import RecognizerChecker
    from recognizer.model import Recognizer
    checker = RecognizerChecker()
    calls = []

    def broken(self, strokes, target):
        calls.append(target)
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(Recognizer, "check", broken)
    honest = [[(400 + i * 3, 300 + i * 5) for i in range(40)]]
    assert checker.check(honest, "L").accepted
    assert "not checked" in checker.status and "ZeroDivisionError" in checker.status
    assert checker.check(honest, "L").accepted and calls == ["L"]
    assert not checker.check([[(400, 300), (410, 305)]], "L").accepted


@pytest.mark.parametrize("damage, words", [
    (dict(change_arrays=lambda a: a.__setitem__("net0_w1", a["net0_w1"][:-1])), "shape"),
    (dict(change_arrays=lambda a: a.__setitem__("net1_b0", a["net1_b0"] * float("nan"))), "finite"),
    (dict(card=False), "model card"),
])
def test_a_damaged_model_lets_children_play_on_and_says_why(tmp_path, damage, words):
    from test_recognizer import damaged_model

    from games.engine.writing.checker import RecognizerChecker
    checker = RecognizerChecker(model_path=damaged_model(tmp_path, **damage))
    honest = [[(400 + i * 3, 300 + i * 5) for i in range(40)]]
    assert checker.check(honest, "L").accepted
    assert "not checked" in checker.status and words in checker.status


def test_a_drawing_of_a_million_points_is_thinned_before_it_is_checked():
    from games.engine.writing.checker import MAX_POINTS, limited
    stroke = [(float(i % 500), float(i // 500)) for i in range(1_000_000)]
    thinned = limited([stroke, [(0, 0), (5, 5)]])
    assert sum(len(s) for s in thinned) <= MAX_POINTS + 2
    assert thinned[0][0] == stroke[0] and thinned[0][-1] == stroke[-1] and thinned[1][-1] == (5, 5)


def test_a_check_that_fails_on_the_worker_still_answers(monkeypatch):
    from games.engine.writing.checker import RecognizerChecker

    def broken(self, strokes, target):
        raise TypeError("a bug")

    checker = RecognizerChecker()
    monkeypatch.setattr(RecognizerChecker, "check", broken)
    pending = checker.start([[(400, 300), (400, 500)]], "l")
    assert pending.wait(30) and pending.verdict.accepted is False
