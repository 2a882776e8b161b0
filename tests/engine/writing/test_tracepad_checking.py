"""The trace pad while the checker looks at a letter off the frame: no press is left behind."""
from __future__ import annotations

from test_tracepad import pad_scene  # noqa: F401  (the fixture: a scene holding one pad)


class SlowChecker:
    """Checks off the frame, answering only when the test says (``finish``)."""

    def __init__(self):
        self.pending = []

    def start(self, strokes, target):
        from games.engine.writing.checker import PendingCheck
        self.pending.append(PendingCheck())
        return self.pending[-1]

    def check(self, strokes, target):
        from games.engine.writing.checker import Verdict
        return Verdict(True, 0.9, target.lower(), "")


def test_i_m_done_pressed_as_the_pad_starts_checking_by_itself_leaves_no_stale_press(pad_scene):
    """Found in a real window: the tick, pressed just as the resting pen sent the letter, stayed pressed,
    and the next tap elsewhere lost its release (the home button did not answer the first tap)."""
    from games.engine.writing.checker import Verdict
    checker = SlowChecker()
    d, scene = pad_scene(checker=checker, auto_submit=1.0, target="l")
    pad = scene.pad
    d.drag([(400, 200), (400, 400)])           # an l, finished: checked once the pen rests 1 s
    d.seconds(0.9)
    d.press(pad.done_button.rect.center)
    d.seconds(0.3)                                   # the pen has rested: the pad checks by itself
    assert pad.thinking and len(checker.pending) == 1
    d.release(pad.done_button.rect.center)
    assert not pad.done_button.pressed               # let go, and nothing sent a second time
    checker.pending[0].finish(Verdict(True, 0.9, "l", ""))
    d.seconds(0.2)
    assert len(scene.verdicts) == 1 and len(checker.pending) == 1
    d.drag([(350, 300), (450, 300)])
    d.tap(pad.done_button.rect.center)               # the next tap acts at once
    assert len(checker.pending) == 2
