"""A child at the grown-up gate: a stream of taps after a wrong number never reaches the screen under it.

Found by a real-pointer play test (issue #23): after a wrong number the gate closed itself about a
second later, under a child still tapping every 0.3 s, and the taps opened the game card under it, its
level screen and the player picker. Everything here is driven by posted pygame events with app frames
between them, as a child's finger would.
"""
from __future__ import annotations

import random

import pygame
import pytest
from fakes import Driver

from games.engine.grownups.gate import HOLD_SECONDS, GrownUpGate
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.play.common_scenes import GameStart
from games.engine.play.players import PlayerPicker
from games.engine.play.who_is_playing import AvatarPicker
from games.launcher import Launcher

TAP_EVERY = 0.3   # seconds between a child's taps
FRAME = 1 / 30


def launcher_app(make_app, kiosk, seed):
    app = make_app(kiosk=kiosk, seed=seed)
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app)


def open_gate(d: Driver, kiosk: bool) -> GrownUpGate:
    """The gear in a window; Esc in kiosk mode (the gear is there too, but Esc is the kiosk's way)."""
    if kiosk:
        d.key(pygame.K_ESCAPE)
    else:
        d.tap(d.top.widgets[-1].rect.center)
    assert isinstance(d.top, GrownUpGate)
    return d.top


def hold_lock(d: Driver, gate: GrownUpGate) -> None:
    d.post(pygame.MOUSEBUTTONDOWN, pos=gate.hold.rect.center, button=1, touch=False)
    d.seconds(HOLD_SECONDS + 0.2)
    d.release(gate.hold.rect.center)
    assert gate.step == "question"


def number_button(gate, n):
    return next(b for b in gate.numbers if b.label == str(n))


def wrong_number_over_a_card(d: Driver, gate):
    """A wrong number's button that lies over a game card of the launcher (the worst spot to tap on)."""
    launcher = d.app.scenes._scenes[0]
    for n in range(1, 10):
        button = number_button(gate, n)
        if n != gate.answer[0] and any(c.rect.collidepoint(button.rect.center) for c in launcher.cards.values()):
            return button
    pytest.fail("no number button lies over a game card")


def escaped(d: Driver) -> str | None:
    """What a child reached past the gate, if anything."""
    for scene in d.app.scenes:
        if isinstance(scene, (GameStart, PlayerPicker, AvatarPicker, SettingsScreen)):
            return type(scene).__name__
    if not isinstance(d.top, GrownUpGate):
        return f"the gate closed ({type(d.top).__name__} on top)"
    return None


def tap_stream(d: Driver, pos, seconds: float) -> None:
    """Real taps on one spot every 0.3 s (press, a few frames, lift, frames), checking every frame."""
    t = 0.0
    while t < seconds:
        d.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        for _ in range(3):
            d.app.run_frames(1, dt=FRAME)
            assert escaped(d) is None, f"at {t:.1f} s: {escaped(d)}"
        d.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        for _ in range(round(TAP_EVERY / FRAME) - 3):
            d.app.run_frames(1, dt=FRAME)
            assert escaped(d) is None, f"at {t:.1f} s: {escaped(d)}"
        t += TAP_EVERY


def answer(d: Driver, gate):
    for n in list(gate.answer):
        d.tap(number_button(gate, n).rect.center)


@pytest.mark.parametrize("kiosk", [False, True], ids=["window", "kiosk"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_stream_of_taps_on_a_wrong_number_never_gets_past_the_gate(make_app, kiosk, seed):
    d = launcher_app(make_app, kiosk, seed)
    gate = open_gate(d, kiosk)
    hold_lock(d, gate)
    spot = wrong_number_over_a_card(d, gate).rect.center
    tap_stream(d, spot, 10.0)
    assert d.top is gate
    # the child stops; the gate is still there, and a grown-up gets through it
    d.seconds(3)
    assert d.top is gate
    if gate.step == "hold":
        hold_lock(d, gate)
    assert gate.step == "question"
    answer(d, gate)
    assert isinstance(d.top, SettingsScreen)


def test_a_wrong_number_asks_a_new_question_once_the_child_has_let_go(play):
    gate = open_gate(play, kiosk=False)
    hold_lock(play, gate)
    first = list(gate.answer)
    wrong = wrong_number_over_a_card(play, gate)
    play.post(pygame.MOUSEBUTTONDOWN, pos=wrong.rect.center, button=1, touch=False)
    play.frames(1)
    play.release(wrong.rect.center)
    assert gate.step == "wrong"
    play.post(pygame.MOUSEBUTTONDOWN, pos=wrong.rect.center, button=1, touch=False)
    play.seconds(5)                            # a finger resting on the screen: nothing changes under it
    assert play.top is gate and gate.step == "wrong"
    play.release(wrong.rect.center)
    play.seconds(3)                            # let go, and quiet for a moment
    assert play.top is gate and gate.step == "question"
    assert gate.question_number == 2
    answer(play, gate)
    assert isinstance(play.top, SettingsScreen), (first, gate.answer)


def test_the_two_numbers_of_a_question_differ():
    class App:
        rng = random.Random(7)
    pairs = [GrownUpGate.new_answer(App) for _ in range(500)]
    assert all(a != b for a, b in pairs)
    assert {a for a, _ in pairs} == set(range(1, 10)) and {b for _, b in pairs} == set(range(1, 10))


def test_every_question_a_gate_asks_has_two_different_numbers(play):
    seen = []
    for _ in range(8):
        gate = open_gate(play, kiosk=False)
        hold_lock(play, gate)
        seen.append(tuple(gate.answer))
        gate.close()
        play.frames(1)
    assert all(a != b for a, b in seen), seen


def test_the_cross_still_closes_the_gate_at_once(play):
    gate = open_gate(play, kiosk=False)
    play.tap(gate.close_button.rect.center)
    assert isinstance(play.top, Launcher)


def test_three_wrong_answers_in_a_row_ask_for_the_lock_again(play):
    gate = open_gate(play, kiosk=False)
    hold_lock(play, gate)
    for i in range(3):
        assert gate.step == "question", i
        play.tap(wrong_number_over_a_card(play, gate).rect.center)
        assert gate.step == "wrong"
        play.seconds(3)
    assert play.top is gate and gate.step == "hold"
    hold_lock(play, gate)
    answer(play, gate)
    assert isinstance(play.top, SettingsScreen)
