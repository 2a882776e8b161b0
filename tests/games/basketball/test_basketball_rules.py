"""Letter basketball's rules, with no pictures and no sound (games/basketball/rules.py): look-alikes on
the floor at level 3 whatever the letter set (issue 19.3), the tape and the help after a miss."""
from __future__ import annotations

import json
import random
import string

import pytest
from fakes import Driver, FakeChecker

from games.basketball.rules import (CLOSEST_TAPE, SHAPES_FILE, assist, floor_cards, letters_per_game,
                                    look_alikes_for, tape_after_a_miss)
from games.engine.core.letters import CaseMode, LetterCard, load_letter_sets
from games.engine.core.settings import Settings
from games.registry import find_game

LEVEL_3 = find_game("basketball").levels[2].options
LEVEL_2 = find_game("basketball").levels[1].options


def test_a_game_has_four_letters_alone_and_two_each_together():
    assert [letters_per_game(n) for n in (1, 2, 3, 4)] == [4, 4, 6, 8]


def test_a_miss_moves_the_tape_closer_up_to_a_limit_and_helps_more():
    assert tape_after_a_miss(330) == 450
    assert tape_after_a_miss(800) == CLOSEST_TAPE == tape_after_a_miss(CLOSEST_TAPE)
    assert assist(0.3, 0) == 0.3 and assist(0.3, 2) == pytest.approx(0.8)


@pytest.mark.parametrize("face", list(string.ascii_letters))
def test_every_letter_has_five_look_alikes_in_its_own_case(face):
    alikes = look_alikes_for(face)
    assert len(alikes) >= 5 and len(set(alikes)) == len(alikes) and face not in alikes
    assert all(c in string.ascii_letters and c.isupper() == face.isupper() for c in alikes)


@pytest.mark.parametrize("face, group", [("Q", "ODCG"), ("G", "QODC"), ("I", "TJL"), ("L", "ITJ"), ("W", "VUMN"),
                                         ("N", "WVUM"), ("b", "dpq"), ("q", "bdp")])
def test_the_classroom_groups_come_first_in_the_case_they_are_taught_in(face, group):
    assert set(look_alikes_for(face)[:len(group)]) == set(group)


def test_the_groups_are_the_letter_sets_fixed_to_one_case():
    fixed = {s.letters: s.case for s in load_letter_sets().values() if s.case is not None}
    assert fixed == {"qodcg": CaseMode.UPPER, "itjl": CaseMode.UPPER, "wvumn": CaseMode.UPPER, "bdpq": CaseMode.LOWER}
    # b d p q look alike as small letters only: the capitals' nearest are others
    assert set(look_alikes_for("B")[:3]) != {"D", "P", "Q"}


def test_the_shape_table_is_whole_and_clean():
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    for case, letters in (("upper", string.ascii_uppercase), ("lower", string.ascii_lowercase)):
        assert sorted(data[case]) == list(letters)
        for face, alikes in data[case].items():
            assert set(alikes) <= set(letters) and face not in alikes and len(set(alikes)) == len(alikes) >= 5


def test_look_alikes_are_only_for_a_letter():
    for bad in ("", "ab", "1", "é", None):
        with pytest.raises(ValueError, match="one letter"):
            look_alikes_for(bad)


SETS = ["alphabet", "vowels", "week", "round", "mirror", "phonics2"]


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize("mode", list(CaseMode))
def test_at_level_3_every_other_ball_is_a_look_alike_of_the_target_whatever_the_set(set_id, mode):
    letters = load_letter_sets("satpin")[set_id]
    rng = random.Random(11)
    for target in letters.cards(mode, rng) * 2:
        cards = floor_cards(target, letters, letters.case or mode, LEVEL_3["balls"], LEVEL_3["look_alikes"], rng)
        assert len(cards) == 6 and cards.count(target) == 1 and len({c.base for c in cards}) == 6
        others = [c for c in cards if c is not target]
        assert {c.shown for c in others} == set(look_alikes_for(target.shown)[:5])
        for c in others:   # in the case the target is shown in, and answered in the target's answer case
            assert c.shown.isupper() == target.shown.isupper() and c.answer.isupper() == target.answer.isupper()


def test_at_level_2_one_ball_is_a_near_look_alike_and_the_others_come_from_the_set():
    letters = load_letter_sets()["alphabet"]
    rng = random.Random(5)
    picked = set()
    for _ in range(60):
        target = LetterCard("b", "b", "b")
        cards = floor_cards(target, letters, CaseMode.LOWER, LEVEL_2["balls"], LEVEL_2["look_alikes"], rng)
        alikes = [c.shown for c in cards if c.shown in look_alikes_for("b")[:3]]
        assert len(cards) == 4 and len(alikes) >= 1
        picked.add(alikes[0])
    assert picked == {"d", "p", "q"}, "the look-alike varies among the three nearest"


@pytest.mark.parametrize("settings", [Settings(letter_set="vowels", case_mode="lower"),
                                      Settings(letter_set="week", week_letters="satpin", case_mode="mixed"),
                                      Settings()])
def test_played_at_level_3_the_floor_holds_the_targets_look_alikes(make_app, settings):
    from games.basketball.scene import Basketball
    from games.engine.play.common_scenes import GameStart
    from games.engine.play.players import PlayerPicker
    from games.launcher import Launcher
    app = make_app(checker=FakeChecker(True), settings=settings, seed=3)
    app.push(Launcher(app))
    app.run_frames(2)
    d = Driver(app)
    d.tap(d.top.cards["basketball"].rect.center)
    assert isinstance(d.top, GameStart)
    d.tap(d.top.widgets[2].rect.center)
    assert isinstance(d.top, PlayerPicker)
    d.tap(d.top.play.rect.center)
    game = d.top
    assert isinstance(game, Basketball)
    d.until(lambda: game.state == "find", what="balls to find")
    others = {b.card.shown for b in game.balls if b.card.base != game.card.base}
    assert others == set(look_alikes_for(game.card.shown)[:5])
