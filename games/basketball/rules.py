"""The rules of letter basketball, with no pictures and no sound: how many letters a game has, which
balls lie on the floor, and how a miss makes the next throw easier.

Letters are :class:`~games.engine.core.letters.LetterCard` s: a ball shows ``card.shown`` and the child
writes ``card.answer``. Look-alikes are letters of similar shape *as shown* (b d p q are look-alikes
as small letters, not as capitals): the classroom look-alike groups first, then the shape table
``look_alikes.json`` beside this file, which has a list for every letter in both cases.
"""
from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path

from games.engine.core.letters import CaseMode, LetterCard, LetterSet, load_letter_sets

SHAPES_FILE = Path(__file__).with_name("look_alikes.json")
CLOSER = 120                # how far the tape moves toward the basket after a miss
CLOSEST_TAPE = 860
ASSIST_PER_MISS = 0.25
NEAREST = 3                 # a level with one look-alike picks it among the target's three nearest


def letters_per_game(players: int) -> int:
    """A short run: 4 letters alone, 2 each when playing together."""
    return max(4, 2 * players)


def tape_after_a_miss(tape_x: float) -> float:
    """Where the tape line moves after a missed throw: closer to the basket, never past the closest spot."""
    return min(CLOSEST_TAPE, tape_x + CLOSER)


def assist(base: float, misses: int) -> float:
    """How much a throw is pulled toward the perfect one: the level's help, more after each miss."""
    return base + ASSIST_PER_MISS * misses


@lru_cache(maxsize=1)
def _shape_table() -> dict[str, dict[str, str]]:
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    return {"upper": data["upper"], "lower": data["lower"]}


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[str, str], ...]:
    """The classroom look-alike groups: the letter sets fixed to one case (their letters look alike
    only in that case), as (case, letters)."""
    return tuple((s.case.value, s.letters) for s in load_letter_sets().values() if s.case is not None)


def look_alikes_for(face: str) -> list[str]:
    """The letters that look like ``face`` (one letter, as shown: "Q" or "q"), nearest first, in the
    same case: its look-alike group's letters first, then the shape table's. Raises ValueError for
    anything but one letter a-z or A-Z."""
    if not (isinstance(face, str) and len(face) == 1 and face.isascii() and face.isalpha()):
        raise ValueError(f"look-alikes are for one letter a-z or A-Z, got {face!r}")
    case = "upper" if face.isupper() else "lower"
    table = _shape_table()[case].get(face, "")
    group = "".join(letters for group_case, letters in _groups() if group_case == case and face.lower() in letters)
    group = [c.upper() if case == "upper" else c for c in group if c != face.lower()]
    order = [c for c in table if c in group] + [c for c in group if c not in table] + \
        [c for c in table if c not in group]
    return list(dict.fromkeys(c for c in order if c != face))


def like_target(face: str, target: LetterCard) -> LetterCard:
    """A distractor for ``target`` with the face ``face``, shown in the target's case (and answered in
    the target's answer case), so it looks like the target where it matters."""
    base = face.lower()
    shown = base.upper() if target.shown.isupper() else base
    answer = base.upper() if target.answer.isupper() else base
    return LetterCard(base, shown, answer)


def floor_cards(target: LetterCard, letters: LetterSet, mode: CaseMode, balls: int, look_alikes: int,
                rng: random.Random, chooser=None) -> list[LetterCard]:
    """The balls on the floor, shuffled: the target and ``balls - 1`` others, of which ``look_alikes``
    are the target's look-alikes (the nearest ones; one among the three nearest when only one is asked
    for, so it varies) and the rest letters of the teacher's set (the alphabet fills a small set)."""
    others: list[LetterCard] = []
    wanted = min(look_alikes, balls - 1)
    if wanted > 0:
        nearest = look_alikes_for(target.shown)[:max(wanted, NEAREST)]
        rng.shuffle(nearest)
        others += [like_target(face, target) for face in nearest[:wanted]]
    taken = target.base + "".join(c.base for c in others)
    others += letters.cards(mode, rng, balls - 1 - len(others), exclude=taken, chooser=chooser)
    cards = [target] + others[: balls - 1]
    rng.shuffle(cards)
    return cards
