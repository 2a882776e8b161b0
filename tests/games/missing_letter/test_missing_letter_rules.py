"""Missing-letter memory's rules, with no pictures and no sound (games/missing_letter/rules.py)."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from games.engine.core.letters import LetterCard, look_alikes_of
from games.missing_letter.rules import CHOICES, choice_faces, show_time, slots_to_hide


def test_one_slot_hides_anywhere_on_the_tray_or_all_of_them_in_order():
    rng = random.Random(2)
    seen = Counter(slots_to_hide(4, False, rng)[0] for _ in range(400))
    assert set(seen) == {0, 1, 2, 3} and min(seen.values()) > 60
    assert slots_to_hide(5, True, rng) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="at least one letter"):
        slots_to_hide(0, False, rng)


def test_the_tray_shows_a_second_for_each_letter_and_one_more():
    assert [show_time(n) for n in (3, 4, 5)] == [4.0, 5.0, 6.0]


@pytest.mark.parametrize("card", [LetterCard("b", "b", "b"), LetterCard("q", "Q", "Q"), LetterCard("r", "R", "r"),
                                  LetterCard("x", "x", "X")])
def test_the_choices_hold_the_missing_letter_once_in_its_case_and_two_different_others(card):
    tray = [card, LetterCard("s", "s", "s"), LetterCard("m", "m", "m")]
    for seed in range(30):
        faces = choice_faces(card, tray, random.Random(seed))
        assert len(faces) == CHOICES == len(set(f.lower() for f in faces))
        assert faces.count(card.answer) == 1
        assert all(f.isupper() == card.answer.isupper() for f in faces)


def test_the_choices_come_from_the_look_alikes_then_the_tray_then_the_alphabet():
    card = LetterCard("b", "b", "b")
    tray = [card, LetterCard("s", "s", "s"), LetterCard("m", "m", "m")]
    others = Counter()
    for seed in range(60):
        others.update(f for f in choice_faces(card, tray, random.Random(seed)) if f != "b")
    assert look_alikes_of("b") == ["d", "p", "q"]
    assert set(others) == {"d", "p", "q", "s", "m", "a"}   # six candidates at most, look-alikes first
