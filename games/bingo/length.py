"""How long a game of bingo lasts: a game dealt and called by the rules (``cards``), every child finding
(and writing) each letter right, with the seconds of each moment added up. The game's own timings come
from the scene (the intro, the cage's spin, the ball's roll, "Nobody has...", the chip, a celebration);
what a child and the voice need is an estimate (``CALL``: a call said, ``TURN``: the next child named,
``FIND``: a square found and tapped, ``WRITE``: a letter written, ``WRITTEN``: "You wrote B!"). Used by
the length test and by ``benchmarks/game_lengths.py``.
"""
from __future__ import annotations

import random

from games.engine.core.letters import ALPHABET, CaseMode, face
from games.engine.play.celebration import Celebration

from .card_view import POP_TIME
from .cards import Caller, Card, CardShape, deal, faces_for, pool_size
from .scene import AFTER_COVER, INTRO, NOBODY_PAUSE, ROLL_TIME, SPIN_TIME

CALL, TURN, FIND, WRITE, WRITTEN = 3.0, 2.0, 3.0, 10.0, 2.0


def seeded_game(shape: CardShape, players: int, seed: int) -> tuple[list[Card], Caller]:
    """The cards and the caller of a game of ``players`` with random capital letters (the whole
    alphabet as the teacher's set), the same for the same ``seed``."""
    rng = random.Random(seed)
    letters = list(ALPHABET)
    rng.shuffle(letters)
    pool = faces_for([face(c, CaseMode.UPPER, rng) for c in letters[:pool_size(shape.letters, players)]],
                     CaseMode.UPPER)
    cards = deal(pool, players, shape.size, False, rng, stars=shape.stars)
    used = {f.base for c in cards for f in c.letters}
    decoys = faces_for([face(c, CaseMode.UPPER, rng) for c in ALPHABET if c not in used], CaseMode.UPPER)
    return cards, Caller(cards, [f for f in pool if f.base in used], rng, decoys)


def play_timed(cards: list[Card], caller: Caller, write: bool) -> tuple[int, float]:
    """Call until every card is full, each holder covering the letter in turn: (calls, estimated seconds)."""
    seen_lines = [set(c.lines()) for c in cards]
    seconds = INTRO
    while (f := caller.next()) is not None:
        seconds += SPIN_TIME + ROLL_TIME + CALL
        holders = caller.holders(f.base)
        if not holders:
            seconds += NOBODY_PAUSE
        for j, i in enumerate(holders):
            card = cards[i]
            seconds += (TURN if j else 0) + FIND + POP_TIME + AFTER_COVER + (WRITE + WRITTEN if write else 0)
            card.cover(card.index_of(f.base))
            if set(card.lines()) - seen_lines[i] or card.full:
                seconds += Celebration.DURATION
            seen_lines[i] = set(card.lines())
    return len(caller.called), seconds
