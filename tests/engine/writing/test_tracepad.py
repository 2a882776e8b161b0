"""The TracePad turns posted pointer events into strokes and asks its checker."""
from __future__ import annotations

import math

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.engine.core.scene import Scene
from games.engine.writing.tracepad import TracePad


class PadScene(Scene):
    def __init__(self, app, target="B", rect=(300, 150, 600, 400), **kw):
        super().__init__(app)
        self.verdicts = []
        self.pad = TracePad(rect, app.checker, lambda v, s: self.verdicts.append((v, s)), target=target, **kw)
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
    damaged_model = _recognizer_tests().damaged_model

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


def _recognizer_tests():
    """tests/recognizer/test_recognizer.py, found by its path (this test may run on its own)."""
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "recognizer" / "test_recognizer.py"
    spec = importlib.util.spec_from_file_location("test_recognizer_helpers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- a child who pauses in the middle of a letter (issue #23.3) -------------------------------------

WRITING_PAD = (300, 120, 640, 560)   # trace and write's pad: the lines as a child sees them


def letter_in_pieces(pad, letter):
    """The school ``letter`` on the pad's lines as the strokes a child draws, each a list of points.
    U comes in two pieces, as a child who lifts the pen at the bottom draws it: down and around (an L),
    then up the right side."""
    import numpy as np

    from recognizer.coach.judge import place_on_lines, taught_strokes
    lines = pad.lines
    place = place_on_lines(letter, lines.x_center(), lines.y(0), lines.unit)
    strokes = [s.points for s in taught_strokes(letter)]
    if letter == "U":
        (u,) = strokes
        turn = int(np.argmax(u[:, 0] >= 0.6))
        strokes = [u[:turn + 1], u[turn:]]
    return [[tuple(p) for p in place.to_pixels(np.asarray(s, float))] for s in strokes]


@pytest.mark.parametrize("letter", ["U", "E", "t"])
def test_a_pause_after_the_first_stroke_keeps_the_ink_and_the_finished_letter_is_sent(pad_scene, letter):
    """Issue #23.3: after 1.5 s of rest the first stroke of U was checked (and called L) and wiped."""
    d, scene = pad_scene(target=letter, rect=WRITING_PAD, auto_submit=1.5)
    pad = scene.pad
    first, *rest = letter_in_pieces(pad, letter)
    d.drag(first)
    d.seconds(2.5)                                  # the child looks at the card, thinking
    assert scene.verdicts == [] and d.app.checker.asked == [], f"the first stroke of {letter} was sent"
    assert len(pad.strokes) == 1 and pad.waiting
    for stroke in rest:
        d.drag(stroke)
    d.seconds(1.3)
    assert scene.verdicts == []
    d.seconds(0.4)                                  # the usual rest: the whole letter goes
    assert len(scene.verdicts) == 1
    strokes, target = d.app.checker.asked[0]
    assert target == letter and len(strokes) == 1 + len(rest)


def test_an_unfinished_letter_is_still_sent_after_a_longer_rest(pad_scene):
    d, scene = pad_scene(target="E", rect=WRITING_PAD, auto_submit=1.5)
    d.drag(letter_in_pieces(scene.pad, "E")[0])
    d.seconds(4.3)
    assert scene.verdicts == []
    d.seconds(0.4)                                  # 3 x 1.5 s: a child who stopped hears an answer
    assert len(scene.verdicts) == 1


@pytest.mark.parametrize("rest, waits", [(0.5, 3.0), (1.5, 4.5), (2.0, 6.0), (5.0, 8.0)])
def test_how_long_an_unfinished_letter_waits(rest, waits):
    from games.engine.writing.unfinished import unfinished_wait
    assert unfinished_wait(rest) == pytest.approx(waits)


def test_the_im_done_tick_glows_while_the_pad_waits_and_sends_the_half_letter(pad_scene):
    said = []
    d, scene = pad_scene(target="t", rect=WRITING_PAD, auto_submit=1.5, on_wait=lambda: said.append(1))
    pad = scene.pad
    assert pad.done_button.rect.h >= 140, "the I'm done tick should be big beside a tall pad"
    glow_at = (pad.done_button.rect.centerx, pad.done_button.rect.top - 6)
    d.drag(letter_in_pieces(pad, "t")[0])
    d.seconds(1.0)
    assert not pad.waiting and said == []
    before = d.app.canvas.get_at(glow_at)[:3]
    d.seconds(1.0)
    assert pad.waiting and said == [1]
    assert d.app.canvas.get_at(glow_at)[:3] != before, "no glow round the tick while the pad waits"
    d.seconds(1.0)
    assert said == [1], "the tick is named once a letter, not at every frame"
    d.tap(pad.done_button.rect.center)
    assert len(scene.verdicts) == 1 and len(scene.verdicts[0][1]) == 1


def test_a_new_letter_names_the_tick_again_but_a_retry_of_the_same_letter_does_not(pad_scene):
    said = []
    d, scene = pad_scene(target="t", rect=WRITING_PAD, auto_submit=1.5, on_wait=lambda: said.append(1))
    stem = letter_in_pieces(scene.pad, "t")[0]
    d.drag(stem)
    d.seconds(2)
    scene.pad.reset(target="t")
    d.drag(stem)
    d.seconds(2)
    assert said == [1]
    scene.pad.reset(target="E")
    d.drag(letter_in_pieces(scene.pad, "E")[0])
    d.seconds(2)
    assert said == [1, 1]


def test_a_one_point_tap_still_gets_the_checkers_answer(pad_scene):
    from games.engine.writing.checker import RecognizerChecker
    from games.engine.writing.unfinished import unfinished_wait
    d, scene = pad_scene(checker=RecognizerChecker(), target="U", rect=WRITING_PAD, auto_submit=1.5)
    d.tap((620, 400))
    assert len(scene.pad.strokes) == 1 and len(scene.pad.strokes[0]) == 1
    d.until(lambda: scene.verdicts, seconds=unfinished_wait(1.5) + 1, what="an answer to the tap")
    verdict, _ = scene.verdicts[0]
    assert not verdict.accepted and verdict.refusal == "too small"


def test_ink_put_back_is_shown_pale_under_a_demo_and_waits_for_the_child(pad_scene):
    d, scene = pad_scene(target="t", rect=WRITING_PAD, auto_submit=1.5)
    pad = scene.pad
    stem = letter_in_pieces(pad, "t")[0]
    d.drag(stem)
    kept = [list(s) for s in pad.strokes]
    x, y = (int(v) for v in stem[len(stem) // 2])
    full = d.app.canvas.get_at((x, y))[:3]
    pad.reset(target="t")
    pad.put_back(kept)
    pad.ink_faded = True
    d.frames(1)
    pale = d.app.canvas.get_at((x, y))[:3]
    assert pad.strokes == kept and pale != full and sum(pale) > sum(full), "the kept ink is not shown pale"
    pad.ink_faded = False
    d.frames(1)
    assert d.app.canvas.get_at((x, y))[:3] == full
    blank = (pad.rect.x + 60, pad.rect.bottom - 30)   # below the lines, no ink
    assert d.app.canvas.get_at(blank)[:3] == (255, 255, 255), "the pad is not white behind the ink"
    d.seconds(6)
    assert scene.verdicts == [], "ink given back is not sent until the child writes or taps the tick"
    d.drag(letter_in_pieces(pad, "t")[1])
    d.seconds(1.7)
    assert len(scene.verdicts) == 1 and len(scene.verdicts[0][1]) == 2


def test_whole_school_letters_are_not_taken_for_unfinished_ones(make_app):
    import numpy as np

    from games.engine.writing.unfinished import plainly_unfinished
    from recognizer.coach.judge import place_on_lines
    from recognizer.skeletons import LETTER_CHARS
    from recognizer.training.coach_synthetic import school_trace
    make_app()
    pad = TracePad(WRITING_PAD, None, None)
    lines = pad.lines
    waits = []
    for k, c in enumerate(LETTER_CHARS):
        place = place_on_lines(c, lines.x_center(), lines.y(0), lines.unit)
        strokes = school_trace(c, place, np.random.default_rng(k), messiness=1.0, free=True)
        if plainly_unfinished(strokes, c, lines.y(0), lines.unit):
            waits.append(c)
    assert waits == []


def test_a_scribble_or_another_letter_is_not_unfinished_it_goes_to_the_checker(make_app):
    from games.engine.writing.unfinished import look_in_steps, plainly_unfinished
    make_app()
    pad = TracePad(WRITING_PAD, None, None)
    zigzag = [[(400 + 10 * i, 250 + (120 if i % 2 else 0)) for i in range(30)]]
    assert plainly_unfinished(zigzag, "a", pad.lines.y(0), pad.lines.unit) == ""
    o = letter_in_pieces(pad, "O")
    assert plainly_unfinished(o, "U", pad.lines.y(0), pad.lines.unit) == ""
    half_u = letter_in_pieces(pad, "U")[:1]
    steps = list(look_in_steps(half_u, "U", pad.lines.y(0), pad.lines.unit))
    assert steps[-1] == "bare" and all(s is None for s in steps[:-1])

