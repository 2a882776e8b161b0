"""Missing-letter memory, played from the launcher to the stars screen by posting real events."""
from __future__ import annotations

from collections import Counter

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.engine.play.common_scenes import GameStart, StarsScreen
from games.engine.core.settings import Settings
from games.launcher import Launcher
from games.missing_letter.scene import MissingLetter
from games.registry import find_game


def open_game(d: Driver, level_index=0):
    d.tap(d.top.cards["missing_letter"].rect.center)
    assert isinstance(d.top, GameStart)
    d.tap(d.top.widgets[level_index].rect.center)
    assert isinstance(d.top, MissingLetter)
    return d.top


def write_something(d: Driver, game):
    pad = game.pad.rect
    d.drag([(pad.x + 150 + i * 6, pad.y + 60 + i * 8) for i in range(30)])
    d.drag([(pad.x + 150, pad.y + 200), (pad.x + 330, pad.y + 200)])


def wait_for_writing(d, game):
    d.until(lambda: game.state == "write" and d.top is game, what="the pad to ask for a letter")


@pytest.fixture
def game_app(make_app):
    def make(accept=True, settings=None):
        app = make_app(checker=FakeChecker(accept), settings=settings)
        app.push(Launcher(app))
        app.run_frames(2)
        return Driver(app)
    return make


def test_play_a_whole_game_from_the_launcher_to_the_stars(game_app):
    d = game_app(settings=Settings(letter_set="week", week_letters="mxzq"))
    game = open_game(d)
    asked = []
    for _ in range(5):
        wait_for_writing(d, game)
        asked.append(game.current_card)
        assert game.pad.visible
        write_something(d, game)
        d.tap(game.pad.done_button.rect.center)
        d.until(lambda: d.top is not game or game.state != "write", what="a verdict")
    d.until(lambda: isinstance(d.top, StarsScreen), what="the stars screen")
    assert d.top.stars == 3
    # every asked letter came from the teacher's set and the checker was asked for exactly that letter
    checker = d.app.checker
    assert [t for _, t in checker.asked] == [c.answer for c in asked]
    assert all(c.base in "mxzq" and c.answer.isupper() for c in asked)
    assert all(len(strokes) == 2 and len(strokes[0]) > 10 for strokes, _ in checker.asked)
    d.tap(d.top.widgets[1].rect.center)   # home
    assert isinstance(d.top, Launcher)


def test_misses_bring_a_guide_then_three_choices_and_the_round_still_ends_in_success(game_app):
    d = game_app(accept=False)
    game = open_game(d)
    wait_for_writing(d, game)
    target = game.current_card
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    assert game.writing.misses == 1 and game.pad.guide is None and game.state == "write"
    assert "again" in d.app.speaker.caption.lower() or "try" in d.app.speaker.caption.lower()
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    assert game.writing.misses == 2 and game.pad.guide is not None and game.pad.guide.char == target.answer
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    assert game.state == "choose" and len(game.choices) == 3
    faces = [t.char for t in game.choices]
    assert faces.count(target.answer) == 1 and len(set(faces)) == 3
    wrong = next(t for t in game.choices if t.char != target.answer)
    d.tap(wrong.rect.center)
    assert game.state == "choose" and wrong.char.upper() in d.app.speaker.caption
    right = next(t for t in game.choices if t.char == target.answer)
    d.tap(right.rect.center)
    assert game.state == "celebrate" and game.helped == 1 and game.practised == [target.shown]


def test_the_missing_letter_is_not_always_in_the_same_place(make_app):
    app = make_app(seed=7)
    level = find_game("missing_letter").levels[2]
    slots, letters = Counter(), Counter()
    for _ in range(40):
        game = find_game("missing_letter").make_scene(app, level)
        game.new_round()
        slots[game.hidden[0]] += 1
        letters.update(c.base for c in game.cards)
        assert len({c.base for c in game.cards}) == 5
    assert len(slots) == 5 and max(slots.values()) < 20
    assert len(letters) > 20


def test_remember_them_all_asks_for_every_letter_left_to_right(game_app):
    d = game_app()
    game = open_game(d, level_index=3)
    assert game.all_hidden
    wait_for_writing(d, game)
    order = []
    while len(order) < 3:
        wait_for_writing(d, game)
        order.append(game.current)
        write_something(d, game)
        d.tap(game.pad.done_button.rect.center)
    assert order == [0, 1, 2]


def test_matching_mode_asks_for_the_other_case(game_app):
    d = game_app(settings=Settings(case_mode="matching"))
    game = open_game(d)
    wait_for_writing(d, game)
    card = game.current_card
    assert card.answer != card.shown and card.answer.lower() == card.shown.lower()
    assert game.pad.target == card.answer


def test_auto_submit_checks_after_the_pen_rests(game_app):
    d = game_app(settings=Settings(auto_submit=1.0))
    game = open_game(d)
    wait_for_writing(d, game)
    write_something(d, game)
    assert d.app.checker.asked == []
    d.seconds(1.2)
    assert len(d.app.checker.asked) == 1


def test_keyboard_can_play_too(game_app):
    d = game_app()
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)            # focus: the game card
    assert isinstance(d.top, GameStart)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)            # first level
    assert isinstance(d.top, MissingLetter)
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, GameStart)


def test_the_shipped_recognizer_judges_what_the_child_writes_on_the_pad(make_app):
    """Real model, real events: a written letter is accepted, a zig-zag scribble is not."""
    import numpy as np

    from games.engine.writing.checker import RecognizerChecker
    from recognizer.training.synth import synth_strokes

    app = make_app(checker=RecognizerChecker(), seed=3)
    app.push(Launcher(app))
    d = Driver(app)
    game = open_game(d)
    wait_for_writing(d, game)
    pad = game.pad.rect
    d.drag([(pad.x + 60 + i * 40, pad.y + (60 if i % 2 else 300)) for i in range(12)])   # a zig-zag
    d.tap(game.pad.done_button.rect.center)
    assert game.writing.misses == 1 and game.state == "write"
    answer = game.current_card.answer
    strokes = synth_strokes(answer, np.random.default_rng(7), allograph="school", messiness=0.3,
                            canvas=(pad.w - 40, pad.h - 40))
    for stroke in strokes:
        d.drag([(pad.x + 20 + x, pad.y + 20 + y) for x, y in stroke])
    d.tap(game.pad.done_button.rect.center)
    assert game.state == "celebrate", f"{answer!r} written on the pad was refused"


def test_the_level_played_last_is_remembered_and_ringed(game_app, user_home):
    d = game_app()
    open_game(d, level_index=2)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, Launcher)
    assert Settings.load().levels["missing_letter"] == find_game("missing_letter").levels[2].name
    d.tap(d.top.cards["missing_letter"].rect.center)
    start = d.top
    assert start.focus is start.widgets[2]
    d.key(pygame.K_RETURN)
    assert isinstance(d.top, MissingLetter) and d.top.count == 5


def _slot_shows_only_the_empty_gap(game, canvas) -> bool:
    """True when the hidden slot on the canvas looks exactly like the empty gap (no tile drawn in it)."""
    from games.engine.core import draw as dr
    from games.missing_letter.art import tray
    from games.missing_letter.scene import TRAY
    rect = game.tiles[game.current].rect
    expected = pygame.Surface(canvas.get_size())
    expected.blit(dr.background("wall"), (0, 0))
    expected.blit(tray(TRAY.w, TRAY.h), TRAY.topleft)
    game._draw_empty_slot(expected, rect)
    shown = pygame.surfarray.array3d(canvas.subsurface(rect))
    empty = pygame.surfarray.array3d(expected.subsurface(rect))
    return (shown == empty).all()


def test_the_hidden_letter_never_shows_even_when_the_same_slot_is_hidden_again(game_app):
    """Issue 8.1: a tile flown back in one round was drawn over the gap in the next one."""
    d = game_app()
    game = open_game(d)
    hidden_slots, repeats, rounds = [], 0, 0
    while rounds < 7:
        wait_for_writing(d, game)
        rounds += 1
        slot = game.current
        repeats += bool(hidden_slots) and hidden_slots[-1] == slot and game.round > 1
        hidden_slots.append(slot)
        assert game.flying is None, f"round {game.round}: a tile is still flying from the last round"
        assert not game.tiles[slot].visible
        assert all(t.visible for i, t in enumerate(game.tiles) if i != slot)
        assert _slot_shows_only_the_empty_gap(game, d.app.canvas), f"round {game.round}: the hidden letter shows"
        write_something(d, game)
        d.tap(game.pad.done_button.rect.center)
        # the celebration: nothing of the solved tile is drawn under the big letter
        assert d.top is not game and not game.tiles[slot].visible
        d.until(lambda: d.top is game, what="the celebration to end")
        # the solved tile flies back from the middle into its gap on the tray, and lands there
        assert game.state == "fly" and game.tiles[slot].offset.length() > 100
        d.until(lambda: game.flying is None, what="the tile to land")
        assert game.flying is None and game.tiles[slot].visible and game.tiles[slot].offset.length() < 1
        if isinstance(d.top, StarsScreen):
            d.tap(d.top.widgets[0].rect.center)     # play again
            assert isinstance(d.top, MissingLetter) and d.top is not game
            game = d.top
    assert repeats >= 1, f"the seed did not hide the same slot twice in a row: {hidden_slots}"


def test_every_answer_goes_to_the_progress_record_once(game_app):
    """Three misses are three written answers (each with the help shown while it was written: the guide
    from the third on), and the tap among the offered letters is one more."""
    d = game_app(accept=False)
    answers = []
    d.app.progress.record = lambda answer, player=None: answers.append(answer)
    game = open_game(d)
    wait_for_writing(d, game)
    target = game.current_card.answer
    for _ in range(3):
        write_something(d, game)
        d.tap(game.pad.done_button.rect.center)
    assert game.state == "choose"
    right = next(t for t in game.choices if t.char == target)
    d.tap(right.rect.center)
    assert [(a.action, a.correct, a.help) for a in answers] == [
        ("wrote", False, "none"), ("wrote", False, "none"), ("wrote", False, "guide"), ("tapped", True, "choices")]
    assert {a.letter for a in answers} == {target} and {a.game for a in answers} == {"missing_letter"}
