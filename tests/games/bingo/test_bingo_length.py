"""How long a game of bingo lasts with three or four children, and the smaller cards that keep it short."""
from __future__ import annotations

import statistics

import pytest

from games.bingo import GAME
from games.bingo.cards import FREE, card_shape, layout
from games.bingo.length import play_timed, seeded_game

GAMES = 300


@pytest.mark.parametrize("players", [3, 4])
@pytest.mark.parametrize("level, write", [(1, False), (2, False), (3, True), (1, True), (2, True)])
def test_a_game_of_three_or_four_children_stays_under_about_8_minutes(level, write, players):
    """The play test: level 3 (write to cover) with three children took 16 minutes, with four 22. With
    smaller cards for a group (7 letters to write with three, 5 with four; 12 squares for four at
    4x4), 300 seeded games, estimated with the game's own timings (``length.play_timed``), last under
    8 minutes on average and under 8.5 at most, at every level and with the teacher's "write to cover"."""
    options = GAME.levels[level - 1].options
    write = write or bool(options.get("write"))
    shape = card_shape(options, players, write)
    minutes = []
    for seed in range(GAMES):
        cards, caller = seeded_game(shape, players, seed)
        calls, seconds = play_timed(cards, caller, write)
        assert all(c.full for c in cards)
        minutes.append(seconds / 60)
    assert statistics.mean(minutes) <= 8.0 and max(minutes) <= 8.5, (statistics.mean(minutes), max(minutes))


@pytest.mark.parametrize("players, letters", [(3, 7), (4, 5)])
def test_a_group_writing_to_cover_plays_on_3x3_cards_with_stars_between_the_corners(players, letters):
    shape = card_shape(GAME.levels[2].options, players, write=True)
    assert shape.size == 3 and shape.letters == letters and 0 not in shape.stars and 8 not in shape.stars


def test_one_or_two_children_keep_the_levels_own_cards():
    for level in GAME.levels:
        size, free_centre = layout(level.options)
        for players in (1, 2):
            shape = card_shape(level.options, players, bool(level.options.get("write")))
            assert (shape.size, shape.letters) == (size, size * size - free_centre)
    assert card_shape(GAME.levels[1].options, 3).letters == 16, "three children tap a whole 4x4 card"
    assert card_shape(GAME.levels[1].options, 4).letters == 12


@pytest.mark.parametrize("players", [1, 2, 3, 4])
@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize("level", [0, 1, 2])
def test_stars_are_free_and_covered_and_no_card_starts_with_a_line(level, write, players):
    """A card dealt with stars has them where its shape says, covered from the start, its letters all
    different; and no row, column or diagonal is already complete (its first chip would cheer a line
    the child did not make)."""
    shape = card_shape(GAME.levels[level].options, players, write)
    for seed in range(5):
        cards, _ = seeded_game(shape, players, seed)
        for card in cards:
            assert card.size == shape.size and len(card.letters) == shape.letters
            assert [i for i, s in enumerate(card.squares) if s is FREE] == list(shape.stars)
            assert card.covered == set(shape.stars)
            assert len({f.base for f in card.letters}) == shape.letters
            assert card.lines() == []
