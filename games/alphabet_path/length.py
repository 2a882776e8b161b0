"""How long a game of the alphabet path lasts: a game played out by the rules, with the seconds of each
moment added up. The game's own timings come from the scene's modules (the die's tumble and pips, the
hops, a letter shown, the chip); what a child needs is an estimate (about 1.5 s to tap the die, 1 s a
hop, 10 s to write a letter, 2 s to find a letter on the mat, 10 s to find one in the room). Used by the length tests and by
``benchmarks/path_game_length.py`` and ``benchmarks/game_lengths.py``.
"""
from __future__ import annotations

import random

from games.engine.core.letters import ALPHABET, CaseMode, face

from .die import PIP_TIME, TUMBLE_TIME
from .hopping import HOP_TIME, LAND_PAUSE
from .rules import FIND, PathGame, Rules
from .scene import CHIP_TIME, SHOW_TIME

TAP_DIE, HOP_TAP = 1.5, 1.0       # a child taps the die, and each next stone
SAY_TASK, WRITE, TAP_MAT = 2.5, 10.0, 2.0    # "You have the letter B! Write it.", writing it, or tapping it
CELEBRATE, PICK = 2.8, 2.5        # the praise after writing; a star said and a mat letter picked
FIND_IN_ROOM = 10.0               # level 3: a "find it in the room" stone, until the grown-up taps "Found it"


def play_timed(game: PathGame, tap_to_cover: bool = False) -> tuple[int, float]:
    """Play ``game`` to its end as ``rules.play_out`` does: (turns, estimated seconds)."""
    cover = SAY_TASK + (TAP_MAT if tap_to_cover else WRITE) + CELEBRATE + CHIP_TIME
    seconds = 0.0
    while not game.finished:
        rolled = game.roll()
        seconds += TAP_DIE + TUMBLE_TIME + PIP_TIME * rolled + rolled * (HOP_TAP + HOP_TIME) + LAND_PAUSE
        while game.hops_left:
            game.hop()
        landing = game.landing()
        if landing.stone.kind == FIND:
            seconds += FIND_IN_ROOM + CELEBRATE
        if landing.spot is not None:
            game.cover(landing.spot)
            seconds += cover
        else:
            seconds += SHOW_TIME
        if game.gift_choices():
            game.cover(game.gift_choices()[0])
            seconds += PICK + cover
        game.next_turn()
    return game.turns_taken, seconds


def seeded_game(rules: Rules, players: int, seed: int) -> PathGame:
    """A game of ``players`` on a road of random capital letters, the same for the same ``seed``."""
    rng = random.Random(seed)
    letters = list(ALPHABET)
    rng.shuffle(letters)
    pool = [face(c, CaseMode.UPPER, rng) for c in letters[:rules.pool_size(players)]]
    return PathGame(rules, pool, players, rng)
