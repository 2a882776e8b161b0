"""The rules of missing-letter memory, with no pictures and no sound: which letters hide, how long the
tray is shown, and which letters are offered to tap after three misses.

Letters are :class:`~games.engine.core.letters.LetterCard` s: the tray shows ``card.shown``, the child
writes (or taps) ``card.answer``.
"""
from __future__ import annotations

import random

from games.engine.core.letters import ALPHABET, LetterCard, look_alikes_of

SHOW_PER_LETTER = 1.0   # seconds each letter is lit up while the voice names it
CHOICES = 3             # letters offered to tap: the missing one and two others


def slots_to_hide(count: int, all_hidden: bool, rng: random.Random) -> list[int]:
    """The tray slots the cloth takes away, in the order they are asked for: one slot at random, or
    every slot left to right ("Remember them all")."""
    if count < 1:
        raise ValueError(f"a tray needs at least one letter, got {count}")
    return list(range(count)) if all_hidden else [rng.randrange(count)]


def show_time(count: int) -> float:
    """Seconds the letters are shown before the cloth comes: a second for each, one more to look."""
    return SHOW_PER_LETTER * count + 1.0


def choice_faces(card: LetterCard, tray: list[LetterCard], rng: random.Random) -> list[str]:
    """The letters to tap after three misses, shuffled: the missing one (as it is written) and two
    others, taken from its look-alikes first, then the tray's other letters, then the alphabet, all in
    the answer's case and never the same letter twice."""
    pool = [c for c in look_alikes_of(card.base) if c != card.base]
    pool += [c.base for c in tray if c.base != card.base]
    pool += [c for c in ALPHABET if c != card.base]
    others = list(dict.fromkeys(pool))[:6]
    rng.shuffle(others)
    faces = [card.answer] + [o.upper() if card.answer.isupper() else o for o in others[:CHOICES - 1]]
    rng.shuffle(faces)
    return faces
