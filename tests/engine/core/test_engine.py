"""Scene stack, registry, letter sets and pointer input (settings: test_settings.py)."""
from __future__ import annotations

import random

import pygame
import pytest

from games.engine.core.input import DOWN, MOVE, UP, PointerInput
from games.engine.core.letters import CaseMode, LetterSet, clean_letters, load_letter_sets
from games.engine.core.scene import Scene, SceneStack


class Recorder(Scene):
    def __init__(self, log, name, overlay=False):
        super().__init__(app=None)
        self.log, self.name, self.overlay = log, name, overlay

    def enter(self): self.log.append(f"{self.name}.enter")
    def exit(self): self.log.append(f"{self.name}.exit")
    def pause(self): self.log.append(f"{self.name}.pause")
    def resume(self): self.log.append(f"{self.name}.resume")


def test_scene_stack_push_pop_replace_call_life_cycle_in_order():
    log, stack = [], SceneStack()
    a, b, c = Recorder(log, "a"), Recorder(log, "b"), Recorder(log, "c")
    stack.push(a)
    stack.push(b)
    stack.replace(c)
    assert stack.top is c
    stack.pop()
    assert stack.top is a
    assert log == ["a.enter", "a.pause", "b.enter", "b.exit", "c.enter", "c.exit", "a.resume"]
    assert stack.pop() is a and stack.pop() is None


def test_overlays_are_drawn_over_the_scene_below():
    stack = SceneStack()
    base, mid, top = Recorder([], "base"), Recorder([], "mid"), Recorder([], "top", overlay=True)
    for s in (base, mid, top):
        stack.push(s)
    assert stack.visible() == [mid, top]


def test_focus_loss_pauses_and_focus_gain_resumes_the_top_scene(make_app):
    app = make_app()
    log = []
    app.push(Recorder(log, "game"))
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    app.run_frames(1)
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSGAINED))
    app.run_frames(1)
    assert log == ["game.enter", "game.pause", "game.resume"]


def test_registry_lists_each_game_once_with_complete_metadata():
    from games.registry import GAME_MODULES, find_game, load_games
    games = load_games()
    assert len(games) == len(GAME_MODULES) >= 1
    assert len({g.id for g in games}) == len(games)
    for g in games:
        assert g.title and g.spoken_name and g.how_to_play and g.levels
        assert find_game(g.id) is g
    with pytest.raises(KeyError, match="no game called"):
        find_game("chess")


def test_list_games_prints_id_and_title(capsys):
    from games.launcher import main
    from games.registry import load_games
    assert main(["--list-games"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [f"{g.id}\t{g.title}" for g in load_games()]


# -- letters -----------------------------------------------------------------------------------------

def test_letter_sets_include_the_classroom_look_alikes():
    sets = load_letter_sets()
    as_text = {s.letters for s in sets.values()}
    assert {"qodcg", "itjl", "wvumn", "bdpq"} <= as_text
    assert sets["mirror"].case == CaseMode.LOWER and sets["round"].case == CaseMode.UPPER


def test_letters_of_the_week_come_from_the_teacher():
    assert load_letter_sets("M, x, z!")["week"].letters == "mxz"
    assert clean_letters("AaBé") == "ab"


@pytest.mark.parametrize("mode,check", [
    ("upper", lambda c: c.shown == c.answer == c.base.upper()),
    ("lower", lambda c: c.shown == c.answer == c.base),
    ("mixed", lambda c: c.shown == c.answer and c.shown.lower() == c.base),
    ("matching", lambda c: c.shown != c.answer and c.shown.lower() == c.answer.lower() == c.base),
])
def test_case_modes(mode, check):
    cards = LetterSet("t", "t", "abcdefgh").cards(CaseMode(mode), random.Random(3))
    assert sorted(c.base for c in cards) == list("abcdefgh")
    assert all(check(c) for c in cards)


def test_mixed_mode_really_mixes_and_cards_are_shuffled():
    rng = random.Random(5)
    cards = LetterSet("t", "t", "abcdefghijklmnop").cards(CaseMode.MIXED, rng)
    assert any(c.shown.isupper() for c in cards) and any(c.shown.islower() for c in cards)
    orders = {tuple(c.base for c in LetterSet("t", "t", "abcde").cards(CaseMode.LOWER, rng)) for _ in range(20)}
    assert len(orders) > 5


def test_small_sets_are_filled_with_look_alikes_first():
    cards = LetterSet("t", "t", "b").cards(CaseMode.LOWER, random.Random(1), count=4)
    bases = [c.base for c in cards]
    assert "b" in bases and len(set(bases)) == 4
    assert set(bases) <= set("bdpq")


def test_forced_case_beats_the_mode():
    cards = load_letter_sets()["mirror"].cards(CaseMode.UPPER, random.Random(0))
    assert all(c.shown.islower() for c in cards)


# -- pointer input ----------------------------------------------------------------------------------

def make_input(scale=1.0):
    return PointerInput(lambda p: (p[0] / scale, p[1] / scale), lambda: (1280 * scale, 800 * scale))


def test_mouse_events_become_pointer_events():
    inp = make_input()
    down = inp.translate(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1, touch=False))
    move = inp.translate(pygame.event.Event(pygame.MOUSEMOTION, pos=(15, 25), rel=(5, 5), buttons=(1, 0, 0), touch=False))
    up = inp.translate(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(15, 25), button=1, touch=False))
    assert (down.kind, down.pos, move.kind, move.held, up.kind) == (DOWN, (10, 20), MOVE, True, UP)


def test_touch_emulated_mouse_events_are_dropped_so_one_tap_is_one_tap():
    inp = make_input(scale=0.5)
    events = [
        pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.25, dx=0, dy=0, finger_id=3, touch_id=1, pressure=1),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(320, 100), button=1, touch=True),
        pygame.event.Event(pygame.FINGERUP, x=0.5, y=0.25, dx=0, dy=0, finger_id=3, touch_id=1, pressure=0),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(320, 100), button=1, touch=True),
    ]
    out = [p for p in (inp.translate(e) for e in events) if p]
    assert [p.kind for p in out] == [DOWN, UP]
    assert out[0].pos == (640, 200) and out[0].id == 3   # normalised finger coords -> canvas


def test_release_without_press_and_other_buttons_are_ignored():
    inp = make_input()
    assert inp.translate(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(1, 1), button=1, touch=False)) is None
    assert inp.translate(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(1, 1), button=3, touch=False)) is None


def test_window_scaling_maps_pointer_to_canvas(make_app):
    app = make_app(size=(640, 480))
    cx, cy = app.to_canvas((320, 240))
    assert abs(cx - 640) < 1 and abs(cy - 400) < 1
    # letterboxed: 640/1280 = 0.5 scale, so 400 px of canvas height -> 400 px of window; bars of 40 px
    assert abs(app.to_canvas((0, 40))[1]) < 1


@pytest.mark.parametrize("n", range(1, 13))
def test_launcher_cards_fit_above_the_captions_without_overlapping(n):
    from games.engine.core.widgets import CaptionBar
    from games.launcher import card_grid
    rects = card_grid(n)
    assert len(rects) == n
    for i, r in enumerate(rects):
        assert r.bottom <= 800 - CaptionBar.HEIGHT - 10 and r.top >= 130 and r.left >= 0 and r.right <= 1280
        assert r.h >= 150   # still a big target for a small finger
        assert all(not r.colliderect(o) for o in rects[i + 1:])
