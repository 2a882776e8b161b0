"""Letter basketball: the throw physics, and whole games played from the launcher by posting real events."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.basketball import physics
from games.basketball.physics import Flight, Hoop, fling_velocity, perfect_throw, simulate
from games.engine.writing.writing_task import GUIDE_AFTER
from games.basketball.scene import (CLOSER, DRAG_IS_A_THROW, MOVE_ON_AFTER, Basketball, Scoreboard,
                                    letters_per_game)
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import GameStart, StarsScreen
from games.basketball.rules import look_alikes_for
from games.engine.voice.phrases import PHRASES_FILE, read_phrase_file
from games.engine.play.players import PlayerPicker
from games.engine.core.settings import Settings
from games.launcher import Launcher
from games.registry import find_game

HOOP = Hoop()
GAME_DIR = Path(__file__).resolve().parents[3] / "games" / "basketball"


# -- physics -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("x", range(150, 900, 75))
@pytest.mark.parametrize("y", [460, 500, 560])
def test_a_perfect_throw_drops_cleanly_through_the_hoop_from_anywhere_on_the_floor(x, y):
    flight = simulate((x, y), perfect_throw((x, y), HOOP), HOOP)
    assert flight.scored and flight.rim_hits == 0


def test_the_ball_flies_a_parabola_under_gravity():
    flight = Flight(HOOP, (100, 500), (400, -900))
    flight.update(0.5)
    # no bounce yet: the position is the free-fall formula
    assert flight.pos.x == pytest.approx(100 + 400 * 0.5, abs=0.5)
    assert flight.pos.y == pytest.approx(500 - 900 * 0.5 + physics.GRAVITY * 0.25 / 2, abs=2)
    assert flight.vel.y == pytest.approx(-900 + physics.GRAVITY * 0.5, abs=1)


def test_a_ball_dropped_on_the_front_of_the_rim_bounces_off_and_does_not_score():
    flight = Flight(HOOP, (HOOP.front_x - 12, HOOP.rim_y - 120), (0, 0))
    while not flight.over:
        flight.update(1 / 60)
    assert flight.rim_hits >= 1 and "rim" in flight.events
    assert not flight.scored and flight.pos.x < HOOP.front_x


def test_a_ball_dropped_into_the_middle_scores_and_stays_under_the_hoop():
    flight = simulate((HOOP.center.x, HOOP.rim_y - 200), (0, 0), HOOP)
    assert flight.scored and flight.rim_hits == 0
    assert HOOP.front_x < flight.pos.x < HOOP.back_x


def test_the_board_sends_a_ball_back():
    flight = Flight(HOOP, (HOOP.board_x - 100, HOOP.board_top + 30), (900, 0))
    for _ in range(30):
        flight.update(1 / 60)
    assert "board" in flight.events and flight.vel.x < 0


def test_a_weak_throw_falls_short_and_ends_on_the_floor():
    flight = simulate((300, 500), fling_velocity((30, -40), (300, 500), HOOP, assist=0), HOOP)
    assert not flight.scored and flight.over and flight.floor_hits >= 1
    assert flight.pos.y == pytest.approx(HOOP.floor_y - flight.radius)


def test_assist_pulls_the_childs_throw_toward_the_perfect_one():
    start, drag = (400, 500), pygame.Vector2(100, -50)
    assert fling_velocity(drag, start, HOOP, 0) == drag * physics.FLING_GAIN
    assert fling_velocity(drag, start, HOOP, 1) == perfect_throw(start, HOOP)
    assert fling_velocity((5000, 0), start, HOOP, 0).length() == pytest.approx(physics.MAX_SPEED)


@pytest.mark.parametrize("level_index", [0, 1, 2])
def test_every_throw_eventually_scores_whatever_the_child_does(level_index):
    """The game's miss rule (the tape moves closer, the help grows) ends every run of throws in a basket."""
    level = find_game("basketball").levels[level_index]
    rng = random.Random(level_index)
    worst = 0
    for _ in range(60):
        tape, misses = level.options["tape"], 0
        while True:
            hand = (tape + 40, 500)
            drag = (rng.uniform(-300, 400), rng.uniform(-400, 200))   # including backward and downward flings
            assist = level.options["assist"] + 0.25 * misses
            if simulate(hand, fling_velocity(drag, hand, HOOP, assist), HOOP).scored:
                break
            misses += 1
            tape = min(860, tape + CLOSER)
            assert misses < 6
        worst = max(worst, misses)
    assert worst >= 1   # the random flings did miss sometimes: the rule was really tested


# -- whole games ---------------------------------------------------------------------------------------

@pytest.fixture
def game_app(make_app):
    def make(accept=True, settings=None, seed=1):
        app = make_app(checker=FakeChecker(accept), settings=settings, seed=seed)
        app.push(Launcher(app))
        app.run_frames(2)
        return Driver(app)
    return make


def open_game(d: Driver, level_index=0, players=1) -> Basketball:
    d.tap(d.top.cards["basketball"].rect.center)
    assert isinstance(d.top, GameStart)
    d.tap(d.top.widgets[level_index].rect.center)
    picker = d.top
    assert isinstance(picker, PlayerPicker)
    for token in picker.tokens[1:players]:
        d.finger_tap(token.rect.center)
    d.tap(picker.play.rect.center)
    assert isinstance(d.top, Basketball)
    return d.top


def right_ball(game):
    return next(b for b in game.balls if b.card.base == game.card.base)


def write_something(d, game):
    pad = game.pad.rect
    d.drag([(pad.x + 120 + i * 5, pad.y + 60 + i * 9) for i in range(30)])
    d.drag([(pad.x + 120, pad.y + 220), (pad.x + 330, pad.y + 220)])


def good_drag(game):
    """The drag a steady hand would make: its throw is the perfect one."""
    hand = game.hand
    return [hand, hand + perfect_throw(hand, HOOP) / physics.FLING_GAIN]


def play_round(d, game, throw="drag", touch=False):
    """Find, write, crumple, throw, until the celebration ends and the next round (or the end) begins."""
    round_no = game.round
    d.until(lambda: game.state == "find" and d.top is game, what="balls to find")
    (d.finger_tap if touch else d.tap)(right_ball(game).rect.center)
    d.until(lambda: game.state == "write", what="the sheet to unfold")
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    d.until(lambda: game.state == "aim", what="the ball to be crumpled")
    if throw == "drag":
        d.drag(good_drag(game))
    elif throw == "tap_basket":
        d.tap(HOOP.center + pygame.Vector2(0, 30))
    else:
        d.key(pygame.K_RETURN)
    assert game.state == "fly"
    d.until(lambda: isinstance(d.top, Celebration), seconds=10, what="a basket and the celebration")
    d.seconds(0.85)
    d.tap((d.app.canvas.get_width() // 2, 300))     # a tap closes the celebration early
    d.until(lambda: game.round > round_no or d.top is not game, seconds=5, what="the next round")


def test_one_player_plays_a_whole_game_from_the_launcher_to_the_scoreboard(game_app):
    d = game_app(settings=Settings(letter_set="week", week_letters="mszt"))
    game = open_game(d, level_index=0)
    assert game.rounds == letters_per_game(1) == 4 and len(game.balls) == 3
    assert "Find" in d.app.speaker.caption or "Where" in d.app.speaker.caption or "Which" in d.app.speaker.caption
    assert game.card.name in d.app.speaker.caption
    targets = list(game.targets)
    assert {c.base for c in targets} == set("mszt")        # the teacher's letters, each once
    assert {b.card.base for b in game.balls} <= set("mszt")  # and the other balls too, when the set is big enough
    # a wrong ball wobbles and the voice names it
    wrong = next(b for b in game.balls if b.card.base != game.card.base)
    d.tap(wrong.rect.center)
    assert game.state == "find" and wrong.wobble > 0
    assert f"is the letter {wrong.card.name}" in d.app.speaker.caption
    for throw in ("drag", "tap_basket", "key", "drag"):
        play_round(d, game, throw)
    d.until(lambda: isinstance(d.top, StarsScreen), what="the scoreboard")
    end = d.top
    assert isinstance(end, Scoreboard) and end.stars == 3
    assert end.letters == [c.shown for c in targets]
    checker = d.app.checker
    assert [t for _, t in checker.asked] == [c.answer for c in targets]
    assert all(len(strokes) == 2 and len(strokes[0]) > 10 for strokes, _ in checker.asked)
    d.tap(end.widgets[0].rect.center)   # play again: same player, scores cleared
    assert isinstance(d.top, Basketball) and d.top.turns.players[0].collected == []
    d.top.back()
    assert isinstance(d.top, GameStart)


def test_three_players_take_turns_and_everyone_is_celebrated(game_app):
    d = game_app(seed=4)
    game = open_game(d, level_index=2, players=3)
    assert [p.name for p in game.turns.players] == ["Lion", "Frog", "Fish"]
    assert game.rounds == 6 and len(game.balls) == 6
    turns = []
    for _ in range(game.rounds):
        d.until(lambda: game.state == "find" and d.top is game, what="balls to find")
        turns.append(game.player.name)
        assert game.player.name in d.app.speaker.caption        # "Your turn, Frog!"
        # level 3: every other ball is one of the letter's look-alikes, in the case shown
        assert {b.card.shown for b in game.balls if b is not right_ball(game)} == \
            set(look_alikes_for(game.card.shown)[:5])
        assert len({b.card.base for b in game.balls}) == 6
        play_round(d, game, touch=True)
    assert turns == ["Lion", "Frog", "Fish"] * 2
    d.until(lambda: isinstance(d.top, StarsScreen), what="the scoreboard")
    end = d.top
    assert isinstance(end, Scoreboard) and len(end.players) == 3
    assert [len(p.collected) for p in end.players] == [2, 2, 2]
    assert "everyone" in end.message.lower() or "everybody" in end.message.lower()
    d.frames(30)   # the rows of letters draw without error


def ready_to_throw(d, level_index):
    """Open the game, pick the right ball, write its letter: the crumpled ball waits in the hand."""
    game = open_game(d, level_index=level_index)
    d.until(lambda: game.state == "find", what="balls")
    d.tap(right_ball(game).rect.center)
    d.until(lambda: game.state == "write", what="the sheet")
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    d.until(lambda: game.state == "aim", what="the ball")
    return game


def test_a_miss_moves_the_tape_closer_and_the_ball_comes_back(game_app):
    d = game_app()
    game = ready_to_throw(d, level_index=2)
    tape, assist = game.tape_x, game.assist
    hand = game.hand
    d.drag([hand, hand + pygame.Vector2(-120, 10)])   # flung backwards
    d.until(lambda: game.state != "fly", what="the ball to land")
    assert game.state == "step_closer" and game.throw_misses == 1
    caption = d.app.speaker.caption.lower()
    assert "closer" in caption
    d.until(lambda: game.state == "aim", what="the ball to come back")
    assert game.tape_x == pytest.approx(tape + CLOSER) and game.assist > assist
    # a tiny tap is not a throw: the child is told how to throw
    d.tap(game.hand + pygame.Vector2(DRAG_IS_A_THROW // 3, 0))
    assert game.state == "aim" and "drag" in d.app.speaker.caption.lower()
    d.drag(good_drag(game))
    d.until(lambda: game.state in ("cheer", "celebrating"), what="a basket")
    assert game.player.collected == [game.card.shown]


def test_a_drag_cut_off_by_losing_the_window_does_not_block_the_next_throw(game_app):
    d = game_app()
    game = ready_to_throw(d, level_index=1)
    d.post(pygame.MOUSEBUTTONDOWN, pos=(int(game.hand.x), int(game.hand.y)), button=1, touch=False)
    d.post(pygame.WINDOWFOCUSLOST)
    d.frames(2)
    d.post(pygame.WINDOWFOCUSGAINED)
    d.frames(2)
    assert game.state == "aim" and game.drag is None
    d.drag(good_drag(game))
    assert game.state == "fly"


def test_writing_misses_bring_a_guide_then_the_game_moves_on(game_app):
    d = game_app(accept=False)
    game = open_game(d, level_index=1)
    d.until(lambda: game.state == "find", what="balls")
    d.tap(right_ball(game).rect.center)
    d.until(lambda: game.state == "write", what="the sheet")
    for miss in range(1, MOVE_ON_AFTER + 1):
        write_something(d, game)
        d.tap(game.pad.done_button.rect.center)
        assert game.writing.misses == miss
        if miss < MOVE_ON_AFTER:
            assert game.state == "write"
            assert (game.pad.guide is not None) == (miss >= GUIDE_AFTER)
            assert game.pad.strokes == []
    assert game.state == "crumple" and game.helped == 1
    if game.pad.guide is not None:
        assert game.pad.guide.char == game.card.answer


@pytest.mark.parametrize("case, check", [
    ("matching", lambda card: card.answer == card.shown.swapcase()),
    ("lower", lambda card: card.shown == card.answer == card.base),
])
def test_case_mode_decides_what_is_shown_and_what_is_written(game_app, case, check):
    d = game_app(settings=Settings(case_mode=case, letter_set="vowels"))
    game = open_game(d, level_index=1)
    play_round(d, game, throw="key")
    card = game.targets[0]
    assert card.base in "aeiou" and check(card)
    assert d.app.checker.asked[0][1] == card.answer


def test_the_keyboard_finds_the_ball_and_throws_only_writing_needs_a_finger(game_app):
    d = game_app(settings=Settings(letter_set="vowels"))
    game = open_game(d, level_index=0)
    d.until(lambda: game.state == "find", what="balls")
    for _ in range(8):
        d.key(pygame.K_TAB)
        if getattr(game.focus, "card", None) is not None and game.focus.card.base == game.card.base:
            break
    d.key(pygame.K_RETURN)
    assert game.state == "unfold"
    d.until(lambda: game.state == "write", what="the sheet")
    write_something(d, game)
    d.until(lambda: game.state == "aim", seconds=5, what="the pen to rest and the ball to be crumpled")
    d.key(pygame.K_SPACE)
    d.until(lambda: game.state in ("cheer", "celebrating"), what="a basket")
    d.until(lambda: d.top is game and game.state == "find", what="the next round")
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, GameStart)


def test_every_line_the_game_says_is_in_its_phrase_file():
    phrases = read_phrase_file(GAME_DIR / "phrases.json")
    engine = read_phrase_file(PHRASES_FILE)
    used = set(re.findall(r'phrases\.get\("(\w+)"', (GAME_DIR / "scene.py").read_text(encoding="utf-8")))
    assert used and used <= set(phrases) | set(engine)
    assert not (set(phrases) & set(engine)), "the game's own lines never hide the engine's"


def _tape_pixels(d, game) -> int:
    """How many pixels of the tape's own blue show where the tape strip lies on the floor."""
    import numpy as np

    from games.basketball import art
    area = pygame.Rect(int(game.tape_x) - 20, art.TAPE_TOP, 60, 130).clip(d.app.canvas.get_rect())
    pixels = pygame.surfarray.array3d(d.app.canvas.subsurface(area)).astype(int)
    return int((np.abs(pixels - np.array(art.TAPE)).sum(axis=2) < 12).sum())


@pytest.mark.parametrize("level_index", [0, 1, 2])
def test_the_tape_line_does_not_poke_out_from_under_the_balls_on_the_floor(game_app, level_index):
    """Issue 8.12: the tape belongs to the thrower; while the balls lie on the floor it is not drawn."""
    d = game_app()
    game = open_game(d, level_index=level_index)
    d.until(lambda: game.state == "find" and all(b.age > 1 for b in game.balls), what="the balls to land")
    assert _tape_pixels(d, game) == 0
    d.tap(right_ball(game).rect.center)
    d.until(lambda: game.state == "write", what="the sheet")
    write_something(d, game)
    d.tap(game.pad.done_button.rect.center)
    d.until(lambda: game.state == "aim", what="the ball")
    assert _tape_pixels(d, game) > 300     # the thrower stands at the tape line


def test_each_ball_a_child_picks_goes_to_the_progress_record(game_app):
    """A wrong ball and then the right one are two 'found' answers; after two wrong balls the glow
    counts as help."""
    d = game_app()
    answers = []
    d.app.progress.record = lambda answer, player=None: answers.append((answer, player))
    game = open_game(d)
    d.seconds(4)
    wrong = [b for b in game.balls if b.card.base != game.card.base]
    d.tap(wrong[0].rect.center)
    d.tap(wrong[1].rect.center)
    d.tap(right_ball(game).rect.center)
    got = [(a.action, a.correct, a.help, a.chosen) for a, _ in answers]
    assert got == [("found", False, "none", wrong[0].card.shown), ("found", False, "none", wrong[1].card.shown),
                   ("found", True, "guide", right_ball(game).card.shown)]
    assert {a.letter for a, _ in answers} == {game.card.answer} and {a.game for a, _ in answers} == {"basketball"}
    assert all(p is game.player for _, p in answers)
