"""The help ladder on its own: misses bring the guide, then the game's way out (no pad, no app, no voice)."""
from __future__ import annotations

import pytest

from games.engine.writing.help_ladder import GUIDE_AFTER, Fallback, HelpLadder, Rung


def climb(ladder, misses):
    return [ladder.miss() for _ in range(misses)]


def test_the_guide_comes_after_guide_after_misses_and_is_announced_once():
    ladder = HelpLadder(guide_after=2)
    assert climb(ladder, 4) == [Rung.AGAIN, Rung.GUIDE, Rung.GUIDED, Rung.GUIDED]
    assert ladder.misses == 4 and ladder.shows_guide and ladder.help == "guide"


def test_without_a_fallback_the_child_tries_until_the_letter_is_written():
    assert Rung.FALLBACK not in climb(HelpLadder(), 50)


@pytest.mark.parametrize("fallback, help_shown", [(Fallback.CHOICES, "choices"), (Fallback.KEEP, "guide"),
                                                   (Fallback.MOVE_ON, "guide"), (Fallback.TRACE, "guide")])
def test_the_games_way_out_takes_over_after_fallback_after_misses(fallback, help_shown):
    ladder = HelpLadder(guide_after=2, fallback_after=3, fallback=fallback)
    assert climb(ladder, 3) == [Rung.AGAIN, Rung.GUIDE, Rung.FALLBACK]
    assert ladder.help == help_shown and ladder.fallback is fallback


def test_a_way_out_before_the_guide_shows_no_guide():
    ladder = HelpLadder(guide_after=3, fallback_after=1, fallback=Fallback.MOVE_ON)
    assert ladder.miss() is Rung.FALLBACK and ladder.help == "none"


def test_a_way_out_at_the_guides_own_miss_still_ends_the_letter():
    """Trace and write: two misses on blank lines, and the dots come back (the fallback), not the faint letter."""
    ladder = HelpLadder(guide_after=2, fallback_after=2, fallback=Fallback.TRACE)
    assert climb(ladder, 2) == [Rung.AGAIN, Rung.FALLBACK] and ladder.help == "guide"


def test_restart_forgets_the_misses_and_the_help():
    ladder = HelpLadder(fallback_after=3, fallback=Fallback.CHOICES)
    climb(ladder, 3)
    ladder.restart()
    assert (ladder.misses, ladder.help, ladder.shows_guide) == (0, "none", False)
    assert ladder.miss() is Rung.AGAIN


def test_the_fallback_is_an_enum_and_its_old_names_still_read():
    assert HelpLadder(fallback="choices").fallback is Fallback.CHOICES
    assert Fallback.KEEP == "keep"
    assert GUIDE_AFTER == 2


@pytest.mark.parametrize("options, says", [
    ({"fallback": "give up"}, "fallback must be one of ['choices', 'keep', 'move_on', 'trace']"),
    ({"guide_after": 0}, "guide_after must be a whole number of misses, 1 or more"),
    ({"fallback_after": 0}, "fallback_after must be None or a whole number"),
    ({"fallback_after": 2.5}, "fallback_after must be None or a whole number"),
])
def test_a_ladder_that_makes_no_sense_says_what_is_wrong(options, says):
    with pytest.raises(ValueError, match=says.replace("[", r"\[").replace("]", r"\]")):
        HelpLadder(**options)
