"""Candy letter match, played from the launcher to the stars screen by posting real events."""
from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from fakes import Driver, FakeChecker

from games import candy_match
from games.candy_match import GAME, art
from games.candy_match.scene import MOST_PAIRS, TREATS_EACH, Candy, CandyMatch, Scoreboard
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import GameStart, StarsScreen
from games.engine.play.players import default_players
from games.engine.core.prompt import REPEAT_AFTER
from games.engine.core.settings import Settings
from games.engine.voice.phrases import PHRASES_FILE, read_phrase_file
from games.engine.writing.tracepad import FaintLetterGuide
from games.launcher import Launcher

PHRASES = Path(candy_match.__file__).with_name("phrases.json")

STEP = 1 / 15   # waiting runs whole frames at 15 fps: the same game logic, fewer pictures to draw


def wait(d: Driver, predicate, seconds=30, what="condition"):
    d.until(predicate, seconds, what, step=STEP)


def open_game(d: Driver, level_index=0, players=1) -> CandyMatch:
    """Launcher card -> level button -> tap animals to join -> the green button."""
    game = d.open_game("candy_match", level_index, players)
    assert isinstance(game, CandyMatch)
    wait(d, lambda: game.state == "pick", what="the candies to be dealt")
    return game


def on_table(game):
    return [c for c in game.candies if not c.kept]


def partner(game, candy):
    return next(c for c in on_table(game) if c is not candy and c.base == candy.base)


def lift_pair(d, game, first, second, tap=None):
    tap = tap or d.tap
    wait(d, lambda: game.state == "pick" and d.top is game, what="a turn")
    tap(first.rect.center)
    assert first.up
    tap(second.rect.center)
    assert second.up


def wait_for_next_turn(d, game):
    wait(d, lambda: (game.state == "pick" and not game.lifted) or game.state in ("feast", "write"),
         what="the next turn")


def wait_for_treats(d, game):
    wait(d, lambda: game.state == "feast" and all(t.drop >= 1 for t in game.treats), what="the treats")


def eat_three_each(d, game):
    wait_for_treats(d, game)
    for _ in range(TREATS_EACH * len(game.players)):
        d.tap(next(t for t in game.treats if not t.kept).rect.center)


# -- whole games ----------------------------------------------------------------------------------
def test_one_player_from_the_launcher_to_the_stars(start):
    d = start()
    game = open_game(d, level_index=0)
    assert len(game.candies) == 10 and len({c.base for c in game.candies}) == 5
    assert not game.turns.multi

    first = on_table(game)[0]
    wrong = next(c for c in on_table(game) if c.base != first.base)
    lift_pair(d, game, first, wrong)
    wait_for_next_turn(d, game)
    assert not first.up and not wrong.up and not first.kept, "a wrong pair goes back on the table"
    assert game.kept == [[]]

    while on_table(game):
        first = on_table(game)[0]
        lift_pair(d, game, first, partner(game, first))
        wait_for_next_turn(d, game)
    assert len(game.kept[0]) == 5 and game.players[0].score == 5
    wait(d, lambda: game.state == "feast", what="the treats")
    last = game.treats[-1]
    d.tap(last.anchor)
    assert not last.kept, "a treat still dropping onto the dish cannot be picked"
    eat_three_each(d, game)
    wait(d, lambda: isinstance(d.top, StarsScreen), what="the stars screen")
    assert d.top.stars == 3                      # 6 tries for 5 pairs
    assert sorted(d.top.letters) == sorted({c.face for c in game.candies})


def test_three_players_take_turns_keep_their_own_pairs_and_each_eat_three(start):
    d = start(seed=4)
    game = open_game(d, level_index=0, players=3)
    assert [p.name for p in game.players] == ["Lion", "Frog", "Fish"]
    whose_turns = []
    expected_plates = [0, 0, 0]
    tries = 0
    while on_table(game):
        whose_turns.append(game.turns.current.name)
        first = on_table(game)[0]
        if tries % 3 == 1 and len(on_table(game)) > 2:      # every third try misses
            second = next(c for c in on_table(game) if c.base != first.base)
        else:
            second = partner(game, first)
            expected_plates[game.turns.index] += 1
        lift_pair(d, game, first, second)
        wait_for_next_turn(d, game)
        tries += 1
    assert whose_turns == (["Lion", "Frog", "Fish"] * 4)[:len(whose_turns)], "every try passes the turn on"
    assert [len(k) for k in game.kept] == expected_plates
    assert [p.score for p in game.players] == expected_plates

    wait_for_treats(d, game)
    eaters = []
    for _ in range(3 * TREATS_EACH):
        eaters.append(game.turns.current.name)
        d.tap(next(t for t in game.treats if not t.kept).rect.center)
    assert eaters == ["Lion"] * 3 + ["Frog"] * 3 + ["Fish"] * 3
    assert game.picks == [3, 3, 3]
    assert sum(not t.kept for t in game.treats) == 3, "some treats are left: the last child still had a choice"
    wait(d, lambda: isinstance(d.top, StarsScreen), what="the stars screen")
    assert d.top.message in read_phrase_file(PHRASES_FILE)["everyone_wins"], "the end celebrates everyone"
    # the end names every player by their animal, as basketball's does, with the candies each one kept
    end = d.top
    assert isinstance(end, Scoreboard) and [p.name for p in end.players] == ["Lion", "Frog", "Fish"]
    assert [len(p.collected) for p in end.players] == expected_plates
    d.frames(2)
    from games.engine.play.players import avatar
    for i, p in enumerate(end.players):   # each row shows the player's animal where basketball shows it
        spot = pygame.Rect(0, 0, 40, 40)
        spot.center = (d.app.canvas.get_width() // 2 - 320 + 34, 320 + i * 60)
        face = avatar(p.name, 40)
        shown = pygame.surfarray.array3d(d.app.canvas.subsurface(spot)).astype(int)
        drawn = pygame.Surface((40, 40))
        drawn.blit(d.app.canvas.subsurface(spot), (0, 0))
        drawn.blit(face, (0, 0))
        assert abs(shown - pygame.surfarray.array3d(drawn).astype(int)).mean() < 4, f"no {p.name} on the end screen"


def test_play_again_deals_a_fresh_game_for_the_same_players(start):
    d = start()
    game = open_game(d, level_index=0, players=2)
    while on_table(game):
        first = on_table(game)[0]
        lift_pair(d, game, first, partner(game, first))
        wait_for_next_turn(d, game)
    eat_three_each(d, game)
    wait(d, lambda: isinstance(d.top, StarsScreen), what="the stars screen")
    d.tap(d.top.widgets[0].rect.center)          # the green "play again" button
    again = d.top
    assert isinstance(again, CandyMatch) and again is not game
    assert [p.name for p in again.players] == ["Lion", "Frog"]
    assert [p.score for p in again.players] == [0, 0]


# -- letters and case modes ---------------------------------------------------------------------
def dealt(make_app, case_mode, level_index=0, **settings):
    app = make_app(settings=Settings(case_mode=case_mode, **settings))
    scene = GAME.make_scene(app, GAME.levels[level_index], default_players(1))
    app.push(scene)
    pairs = {}
    for c in scene.candies:
        pairs.setdefault(c.base, []).append(c.face)
    return pairs


def test_matching_mode_pairs_a_big_letter_with_its_small_letter(make_app):
    pairs = dealt(make_app, "matching", level_index=2)
    assert len(pairs) == 10
    for base, faces in pairs.items():
        assert sorted(faces) == [base.upper(), base]


@pytest.mark.parametrize("mode", ["upper", "lower", "mixed"])
def test_other_modes_pair_equal_faces(make_app, mode):
    pairs = dealt(make_app, mode, level_index=1)
    assert len(pairs) == 8
    for base, faces in pairs.items():
        assert faces[0] == faces[1] and faces[0].lower() == base
        if mode != "mixed":
            assert faces[0] == (base.upper() if mode == "upper" else base)


def test_letters_come_from_the_teachers_set(make_app):
    pairs = dealt(make_app, "upper", letter_set="week", week_letters="mtbsa")
    assert set(pairs) == set("mtbsa")
    pairs = dealt(make_app, "upper", level_index=1, letter_set="vowels")   # 8 pairs from 5 vowels
    assert set("aeiou") <= set(pairs) and len(pairs) == 8


# -- write to keep ------------------------------------------------------------------------------
def write_on_pad(d, game):
    pad = game.pad.rect
    d.drag([(pad.x + 120 + i * 8, pad.y + 80 + i * 10) for i in range(25)])
    d.tap(game.pad.done_button.rect.center)


def test_write_to_keep_asks_for_the_letter_then_keeps_the_pair(start):
    answers = iter([False, False, True])
    checker = FakeChecker(lambda strokes, target: next(answers))
    d = start(checker=checker, settings=Settings(case_mode="matching"))
    game = open_game(d, level_index=3)
    assert game.write_to_keep and len(game.candies) == 12
    first = on_table(game)[0]
    second = partner(game, first)
    lift_pair(d, game, first, second)
    wait(d, lambda: game.state == "write", what="the pad")
    assert game.pad.visible and not game.kept[0], "the pair is only kept once it is written"
    write_on_pad(d, game)
    assert game.state == "write" and game.pad.guide is None
    write_on_pad(d, game)
    assert isinstance(game.pad.guide, FaintLetterGuide), "after two misses a faint letter helps"
    write_on_pad(d, game)
    assert isinstance(d.top, Celebration)
    assert [t for _, t in checker.asked] == [first.base.upper()] * 3, "big and small: write the big letter"
    wait_for_next_turn(d, game)
    assert game.kept[0] == [(first.base.upper(), first.base)]


def test_write_to_keep_keeps_the_pair_anyway_after_three_tries(start):
    d = start(checker=FakeChecker(False))
    game = open_game(d, level_index=3)
    first = on_table(game)[0]
    lift_pair(d, game, first, partner(game, first))
    wait(d, lambda: game.state == "write", what="the pad")
    for _ in range(3):
        write_on_pad(d, game)
    assert game.state == "fly" and not isinstance(d.top, Celebration)
    wait_for_next_turn(d, game)
    assert len(game.kept[0]) == 1


# -- finger, keyboard, rules --------------------------------------------------------------------
def test_a_finger_lifts_candies_and_a_third_candy_waits(start):
    d = start()
    game = open_game(d)
    a, b = on_table(game)[0], on_table(game)[1]
    c = next(x for x in on_table(game) if x not in (a, b))
    d.finger_tap(a.rect.center)
    assert a.up
    d.frames(2)
    assert d.app.speaker.caption == a.face, "each lift says (and captions) the letter"
    d.finger_tap(b.rect.center)
    d.finger_tap(c.rect.center)
    assert b.up and not c.up, "only two candies are up at a time"


def test_keyboard_only_play_with_arrows_and_enter(start):
    d = start()
    game = open_game(d)
    d.key(pygame.K_RIGHT)
    assert isinstance(game.focus, Candy)
    start_focus = game.focus
    d.key(pygame.K_RIGHT)
    assert game.focus.rect.y == start_focus.rect.y and game.focus.rect.x > start_focus.rect.x
    d.key(pygame.K_DOWN)
    assert game.focus.rect.y > start_focus.rect.y

    def focus_on(candy):
        for _ in range(30):
            if game.focus is candy:
                return
            d.key(pygame.K_TAB)
        raise AssertionError("Tab never reached the candy")

    while on_table(game):
        first = on_table(game)[0]
        second = partner(game, first)
        for candy in (first, second):
            wait(d, lambda: game.state == "pick", what="a turn")
            focus_on(candy)
            d.key(pygame.K_RETURN)
            assert candy.up
        wait_for_next_turn(d, game)
    wait_for_treats(d, game)
    assert isinstance(game.focus, Candy) and game.focus in game.treats, "focus moves from the table to the treats"
    for _ in range(TREATS_EACH):
        d.key(pygame.K_RETURN)
    wait(d, lambda: isinstance(d.top, StarsScreen), what="the stars screen")


def test_a_quiet_table_hears_the_prompt_again(start):
    d = start()
    game = open_game(d)
    d.tap(on_table(game)[0].rect.center)
    wait(d, lambda: d.app.speaker.caption is None, what="the letter's caption to go")
    wait(d, lambda: d.app.speaker.caption is not None, seconds=REPEAT_AFTER + 1, what="a reminder")
    assert d.app.speaker.caption in read_phrase_file(PHRASES)["lift_one_more"]


def test_home_button_leaves_the_game(start):
    d = start()
    game = open_game(d)
    d.tap(game.home_button.rect.center)
    d.tap(d.top.stop_button.rect.center)      # "Stop playing?": the house
    assert isinstance(d.top, GameStart)


def test_every_phrase_the_game_uses_exists(make_app):
    app = make_app()
    GAME.make_scene(app, GAME.levels[0], default_players(1))
    for key in ("lift_two", "lift_two_matching", "no_match", "write_to_keep", "follow_guide", "kept_anyway",
                "all_pairs_found", "pick_three", "yum"):
        assert app.phrases.get(key, letter="M", first="M", second="B", player="Lion")
    assert "M" in app.phrases.get("match_pair", big="M", small="m")


def test_candy_pictures_are_solid_foil_on_transparent_paper(make_app):
    make_app()
    img = art.candy(100)
    ax, ay = art.candy_anchor(100)
    assert img.get_at((ax, ay - 20)).a > 240, "the body is solid"
    assert img.get_at((2, ay - 60)).a == 0, "beside the pointed top is see-through"
    body = img.get_at((ax + 30, ay - 15))
    assert abs(body.r - body.b) < 40, "silver foil is grey, not coloured"
    tip_y = ay - int(100 * art.BODY_H)
    plume = [img.get_at((x, tip_y - 15)) for x in range(ax - 15, ax + 25)]
    assert any(p.a > 200 and min(p.r, p.g, p.b) > 200 for p in plume), "a white paper plume above the tip"


def test_the_teachers_write_to_keep_option_applies_to_every_level(make_app):
    plain = CandyMatch(make_app(), GAME.levels[0], default_players(1))
    assert not plain.write_to_keep
    settings = Settings(game_options={"candy_match": {"write_to_keep": True}})
    game = CandyMatch(make_app(settings=settings), GAME.levels[0], default_players(1))
    assert game.write_to_keep


@pytest.mark.parametrize("pairs", [1, 4, 6, MOST_PAIRS])
def test_kept_candies_stay_inside_their_plate(make_app, pairs):
    """Issue 8.11: a full plate spilled candies over its rim. Every kept candy's pixels lie on the plate."""
    import numpy as np
    app = make_app()
    game = CandyMatch(app, GAME.levels[0])
    game.plates = [(640, 400)]
    empty = pygame.Surface((1280, 800))
    empty.fill((0, 0, 0))
    game.draw_plate(empty, 0)
    game.kept[0] = [(ch, ch) for ch in "ABCDEFGHIJ"[:pairs]]
    full = pygame.Surface((1280, 800))
    full.fill((0, 0, 0))
    game.draw_plate(full, 0)
    changed = (pygame.surfarray.array3d(full) != pygame.surfarray.array3d(empty)).any(axis=2)
    xs, ys = np.nonzero(changed)
    assert len(xs) > 300 * pairs, "the candies were drawn"
    a, b = 105, 65                      # the plate seen from above: an ellipse 210 x 130
    outside = ((xs - 640) / a) ** 2 + ((ys - 400) / b) ** 2 > 1
    assert outside.sum() == 0, f"{outside.sum()} candy pixels spill over the rim with {pairs} pairs"



def test_the_keyboards_focus_moves_to_the_dish_for_the_next_eater(start):
    """Two players eat by keyboard: each Enter eats the focused treat, the focus goes to the nearest
    treat left, also when the first player's third treat passes the turn on."""
    d = start()
    game = open_game(d, players=2)
    while on_table(game):
        first = on_table(game)[0]
        lift_pair(d, game, first, partner(game, first))
        wait_for_next_turn(d, game)
    d.key(pygame.K_RIGHT)                        # the keyboard comes in at the feast
    wait_for_treats(d, game)
    assert game.focus in game.treats
    eaters = []
    for _ in range(2 * TREATS_EACH):
        eaters.append(game.turns.current.name)
        eaten = game.focus
        d.key(pygame.K_RETURN)
        assert eaten.kept
        if len(eaters) < 2 * TREATS_EACH:
            assert game.focus in game.treats and not game.focus.kept, "the focus stays on the dish"
    assert eaters == ["Lion"] * 3 + ["Frog"] * 3
    wait(d, lambda: isinstance(d.top, StarsScreen), what="the end screen")
