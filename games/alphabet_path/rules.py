"""The rules of the alphabet path, with no pictures and no sound: the road, the mats, the die, the hops.

A :class:`PathGame` is one game for 1-4 players. The road is a line of numbered letter stones; each
player has a mat of letters, all of them on the road. On a turn the player rolls the die (the app's
seeded random source, so a game replays exactly), then moves their piece **one hop at a time**: only
the next stone can be hopped to, and never more hops than the die showed. Where the piece lands:

- a letter of the player's mat not covered yet: the player covers it (after writing it, in the game);
- any other letter: it is named and the turn passes.

Past the last stone the piece starts its next lap from the first one, so everybody keeps playing
until their mat is full; players with a full mat are skipped; the game ends when every mat is full.
A star lets the player pick one more letter of their mat to cover (:meth:`PathGame.gift_reason`):

- passing the finish flag earns one ("lap"), so every lap covers at least one letter;
- so does a second turn in a row that covered nothing ("misses", ``Rules.misses_for_star``): nobody
  waits turn after turn for the one letter the die keeps missing;
- and when everybody else's mat is full, every turn that covers nothing ("alone"): the last child's
  mat fills quickly while the others cheer (issue 23: the last child rolled alone for 14 turns).

With three or four players the mats are smaller (``Rules.group_mat_sizes``), so a group game stays
under about 8 minutes (issue 23: three players at level 1 took 42 rolls, about 13 minutes);
``play_out`` and ``benchmarks/path_game_length.py`` measure the turns and minutes.

Letters are :class:`~games.engine.core.letters.LetterCard` s: a stone shows ``card.shown``, a mat shows
``card.answer`` (the same face, or the other case in "matching" mode), and they match by ``base``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from games.engine.core.letters import LetterCard

START = -1   # a piece's place before the first stone (the start meadow)

#: kinds of stone: a plain letter, "find it in the room" (level 3, a teacher option) and "sounds"
#: (a picture word for the letter's sound: waits for the phonics issue's picture words; never made yet)
LETTER, FIND, SOUNDS = "letter", "find", "sounds"


@dataclass(frozen=True)
class Rules:
    """What a level changes: the road's length, the mats' size, the die's faces, special stones."""

    stones: int = 15
    mat_size: int = 6
    die_faces: int = 3
    find_stones: int = 0      # "find it in the room" stones on the road
    sounds_stones: int = 0    # "sounds" stones: 0 until picture words exist (see ``build_road``)
    group_mat_sizes: tuple[int, int] = (4, 3)   # letters on each mat of 3 and of 4 players (at most mat_size)
    misses_for_star: int = 2  # turns in a row that cover nothing, then a star (pick a letter to cover)

    def mat_for(self, players: int) -> int:
        """How many letters each mat holds: ``mat_size``, fewer for three or four players."""
        if players >= 3:
            return min(self.mat_size, self.group_mat_sizes[min(players, 4) - 3])
        return self.mat_size

    def pool_size(self, players: int) -> int:
        """How many different letters the road holds: each mat's letters, a few more with more players
        (mats differ a little), never so many that a letter comes round too seldom."""
        return min(self.stones // 2, self.mat_for(players) + players - 1)


LEVEL_RULES = {
    1: Rules(stones=15, mat_size=6, die_faces=3),
    2: Rules(stones=26, mat_size=10, die_faces=6),
    3: Rules(stones=26, mat_size=10, die_faces=6, find_stones=4),
}


@dataclass(frozen=True)
class Stone:
    number: int            # 1.. along the road, as the child counts them
    card: LetterCard
    kind: str = LETTER

    @property
    def face(self) -> str:
        return self.card.shown


@dataclass
class MatSpot:
    card: LetterCard
    covered: bool = False

    @property
    def face(self) -> str:
        return self.card.answer


@dataclass
class Landing:
    """Where a move ended and what it means for the player who moved."""

    stone: Stone
    spot: MatSpot | None     # the player's uncovered mat letter it matches, or None
    lap: bool = False        # the move went past the finish and round again


def build_road(pool: list[LetterCard], length: int, rng: random.Random, *, find_stones: int = 0,
               sounds_stones: int = 0) -> list[Stone]:
    """``length`` stones holding every letter of ``pool`` as evenly as possible.

    The road is the pool shuffled again and again, one round after another, so each letter comes
    back every ``len(pool)`` stones or so (never twice in a row): a letter is never far ahead.
    Special stones are spread along the road (never the first stone).
    """
    if not pool:
        raise ValueError("the road needs at least one letter")
    cards: list[LetterCard] = []
    while len(cards) < length:
        round_ = list(pool)
        rng.shuffle(round_)
        if cards and len(round_) > 1 and round_[0].base == cards[-1].base:
            round_.append(round_.pop(0))
        cards += round_
    cards = cards[:length]
    kinds = [LETTER] * length
    specials = [FIND] * find_stones + [SOUNDS] * sounds_stones
    if specials:
        step = length / (len(specials) + 1)
        for i, kind in enumerate(specials):
            kinds[max(1, round(step * (i + 1)))] = kind
    return [Stone(i + 1, card, kind) for i, (card, kind) in enumerate(zip(cards, kinds))]


def deal_mats(pool: list[LetterCard], players: int, size: int, rng: random.Random) -> list[list[MatSpot]]:
    """One mat per player: ``size`` different letters of ``pool`` each (mats may share letters).

    Mats take turns at the pool's letters so that, together, they use every letter the road holds.
    """
    size = min(size, len(pool))
    order = list(pool)
    rng.shuffle(order)
    mats = []
    for p in range(players):
        start = (p * size) % len(order)
        cards = [order[(start + i) % len(order)] for i in range(size)]
        rng.shuffle(cards)
        mats.append([MatSpot(c) for c in cards])
    return mats


class PathGame:
    """One game of the alphabet path (see the module's docstring).

    ``pool`` is the road's letters (different bases); ``players`` how many play. Turn order:
    ``roll()`` -> ``hop()`` (as many times as the die says; ``step_to(stone_index)`` is the same with a
    stone the child chose) -> ``landing`` -> ``cover()`` if it matched -> ``next_turn()``.
    """

    def __init__(self, rules: Rules, pool: list[LetterCard], players: int, rng: random.Random):
        if not 1 <= players <= 4:
            raise ValueError("1 to 4 players")
        self.rules, self.rng = rules, rng
        self.road = build_road(pool, rules.stones, rng, find_stones=rules.find_stones,
                               sounds_stones=rules.sounds_stones)
        self.mats = deal_mats(pool, players, rules.mat_for(players), rng)
        self.positions = [START] * players
        self.laps = [0] * players
        self.misses = [0] * players       # turns in a row each player covered nothing
        self.covers = 0                   # letters covered this turn
        self.turn = 0
        self.turns_taken = 0
        self.rolled: int | None = None    # the die's number this turn (None: not rolled yet)
        self.hops = 0                     # hops made this turn
        self.move_from = START            # where this turn's move started
        self.lapped = False
        missing = {s.card.base for mat in self.mats for s in mat} - {s.card.base for s in self.road}
        assert not missing, f"mat letters not on the road: {sorted(missing)}"

    # -- the die -----------------------------------------------------------------------------------
    def roll(self) -> int:
        """Roll the die (1..faces, each equally likely). Once per turn."""
        if self.rolled is not None:
            raise RuntimeError("the die was already rolled this turn")
        self.rolled = self.rng.randint(1, self.rules.die_faces)
        self.hops = 0
        self.move_from = self.positions[self.turn]
        self.lapped = False
        return self.rolled

    # -- hopping -----------------------------------------------------------------------------------
    @property
    def hops_left(self) -> int:
        return 0 if self.rolled is None else self.rolled - self.hops

    def next_stone(self, position: int) -> int:
        """The stone after ``position`` (past the last stone: the first one again, a new lap)."""
        return (position + 1) % len(self.road)

    def hop(self) -> Stone:
        """Move the current piece one stone on; only while the die's count allows."""
        if self.hops_left <= 0:
            raise RuntimeError("no hops left this turn")
        here = self.positions[self.turn]
        there = self.next_stone(here)
        if there == 0 and here != START:
            self.laps[self.turn] += 1
            self.lapped = True
        self.positions[self.turn] = there
        self.hops += 1
        return self.road[there]

    def step_to(self, index: int) -> str:
        """The child picked stone ``index``: "hop" (it was the next stone: the piece hopped there),
        "too_far" (further on than the next stone, or more hops than the die said: the piece goes
        back to where this turn started and the counting starts again), or "no" (not ahead at all:
        nothing happens)."""
        if self.hops_left <= 0:
            return "no"
        here = self.positions[self.turn]
        if index == self.next_stone(here):
            self.hop()
            return "hop"
        ahead = (index - here) % len(self.road) if here != START else index + 1
        if 1 < ahead <= len(self.road) // 2:
            self.count_again()
            return "too_far"
        return "no"

    def count_again(self) -> None:
        """Back to this turn's starting place; the die's number stays, the hops start from zero."""
        if self.lapped:
            self.laps[self.turn] -= 1
        self.positions[self.turn] = self.move_from
        self.hops = 0
        self.lapped = False

    @property
    def moved(self) -> bool:
        """The die was rolled and every hop of it made."""
        return self.rolled is not None and self.hops_left == 0

    def landing(self) -> Landing:
        """Where the finished move ended: the stone, and the player's mat letter it covers (if any)."""
        if not self.moved:
            raise RuntimeError("the move is not finished")
        stone = self.road[self.positions[self.turn]]
        spot = next((s for s in self.mats[self.turn] if not s.covered and s.card.base == stone.card.base), None)
        return Landing(stone, spot, self.lapped)

    def cover(self, spot: MatSpot) -> None:
        if spot not in self.mats[self.turn]:
            raise ValueError("that letter is not on this player's mat")
        spot.covered = True
        self.covers += 1

    def gift_reason(self) -> str | None:
        """Why the finished move earns a star (see the module's docstring): "lap", "misses", "alone",
        or None. Asked once the landing's letter, if any, is covered."""
        if not self.moved or self.mat_full(self.turn):
            return None
        if self.lapped:
            return "lap"
        if self.covers:
            return None
        others = [p for p in range(len(self.mats)) if p != self.turn]
        if others and all(self.mat_full(p) for p in others):
            return "alone"
        if self.misses[self.turn] + 1 >= self.rules.misses_for_star:
            return "misses"
        return None

    def gift_choices(self) -> list[MatSpot]:
        """A star's choices: when the move earns one (:meth:`gift_reason`), the player's uncovered
        letters (one of them, the player's choice, is covered too); otherwise none."""
        if self.gift_reason() is None:
            return []
        return [s for s in self.mats[self.turn] if not s.covered]

    # -- turns -------------------------------------------------------------------------------------
    def mat_full(self, player: int) -> bool:
        return all(s.covered for s in self.mats[player])

    @property
    def finished(self) -> bool:
        return all(self.mat_full(p) for p in range(len(self.mats)))

    def next_turn(self) -> int:
        """Pass the turn to the next player whose mat is not full yet (and return them)."""
        self.turns_taken += 1
        self.misses[self.turn] = 0 if self.covers else self.misses[self.turn] + 1
        self.rolled, self.hops, self.lapped, self.covers = None, 0, False, 0
        if not self.finished:
            for _ in range(len(self.mats)):
                self.turn = (self.turn + 1) % len(self.mats)
                if not self.mat_full(self.turn):
                    break
        return self.turn


def play_out(game: PathGame, max_turns: int = 10_000) -> int:
    """Play ``game`` to its end by the rules (every landing on a mat letter covers it, and each star
    covers the first letter left): the number of turns it took. For the tests and for estimating how
    long a game lasts."""
    while not game.finished:
        if game.turns_taken >= max_turns:
            raise RuntimeError(f"no end after {max_turns} turns")
        game.roll()
        while game.hops_left:
            game.hop()
        landing = game.landing()
        if landing.spot is not None:
            game.cover(landing.spot)
        if game.gift_choices():
            game.cover(game.gift_choices()[0])
        game.next_turn()
    return game.turns_taken
