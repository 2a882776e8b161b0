"""The TracePad turns posted pointer events into strokes and asks its checker."""
from __future__ import annotations

import pytest
from conftest import Driver, FakeChecker

from games.engine.scene import Scene
from games.engine.tracepad import TracePad


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


def test_a_rejected_letter_shakes_the_pad_and_keeps_the_ink(pad_scene):
    d, scene = pad_scene(checker=FakeChecker(False), auto_submit=0)
    d.drag([(400, 200), (420, 210)])
    d.tap(scene.pad.done_button.rect.center)
    assert not scene.verdicts[0][0].accepted
    assert scene.pad._shake > 0 and len(scene.pad.strokes) == 1


def test_undo_and_clear_tell_the_listener_how_many_strokes_went(pad_scene):
    d, scene = pad_scene(auto_submit=0)
    erased = []
    scene.pad.on_erase = erased.append
    for x in (350, 400, 450):
        d.drag([(x, 200), (x, 400)])
    d.tap(scene.pad.undo_button.rect.center)
    d.tap(scene.pad.clear_button.rect.center)
    d.tap(scene.pad.clear_button.rect.center)   # nothing left: nothing to report
    assert erased == [1, 2]


def test_the_real_checker_refuses_a_tap_on_the_pad_as_too_small(make_app):
    from games.engine.checker import RecognizerChecker
    checker = RecognizerChecker()
    assert not checker.check([[(400, 300), (404, 303), (409, 301)]], "A").accepted
    assert "small" in checker.check([[(400, 300), (404, 303)]], "A").reason


def test_a_missing_model_lets_children_play_on_and_says_so(tmp_path):
    from games.engine.checker import RecognizerChecker
    checker = RecognizerChecker(model_path=tmp_path / "nowhere.npz")
    honest = [[(400 + i * 3, 300 + i * 5) for i in range(40)]]
    assert checker.check(honest, "L").accepted
    assert not checker.check([[(400, 300), (410, 305)]], "L").accepted
    assert "not checked" in checker.status and "nowhere.npz" in checker.status
