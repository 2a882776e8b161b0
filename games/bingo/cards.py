"""Bingo cards and the caller, without pygame: what is on each card, what is called next, lines.

A card is a square of letters (3x3 with a free star in the middle, or 4x4). Every card holds
different letters, drawn from one *pool* for the game, so the players share many letters and a
call often gives several children a turn. The :class:`Caller` draws the calls: mostly a letter still
uncovered on some card, and at most a couple of times a letter nobody has ("Nobody has Q!"), so a
game ends after at most ``len(pool) + DECOYS_MOST`` calls.

Three or four children play on smaller cards (:func:`card_shape`), so a game lasts under about 8
minutes (the play test: level 3 with four children took 22): when letters are written to cover, a
3x3 card with stars between its corners (7 letters with three children, 5 with four), and four
children at 4x4 have the middle four squares as stars (12 letters). ``length`` times a game.

Faces follow the case mode: with "matching" the caller shows the capital and the cards hold the
small letter; in every other mode the call and the square show the same face.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from games.engine.core.letters import CaseMode

FREE = None            # the free star square in the middle of a 3x3 card
DECOYS_MOST = 2        # calls of a letter that is on no card, in one game at most
DECOY_CHANCE = 0.15    # chance that a call (while decoys are left) is one of them
WRITING_GROUP_STARS = {3: (1, 7), 4: (1, 3, 5, 7)}   # write to cover, 3 or 4 children: 3x3 with these stars
MIDDLE_STARS = (5, 6, 9, 10)                          # four children at 4x4: the middle four are stars


@dataclass(frozen=True)
class Face:
    """One letter of the game: its base (a-z), the face called and the face on the cards."""

    base: str
    call: str
    square: str


def faces_for(cards, mode: CaseMode) -> list[Face]:
    """Bingo faces for ``LetterCard`` s: matching -> capital called, small letter on the card;
    any other mode -> the card's shown face for both (a letter keeps one face for the whole game)."""
    if mode == CaseMode.MATCHING:
        return [Face(c.base, c.base.upper(), c.base.lower()) for c in cards]
    return [Face(c.base, c.shown, c.shown) for c in cards]


@dataclass
class Card:
    """One player's card: ``squares`` row by row (``FREE`` for the star), ``covered`` square indexes."""

    size: int
    squares: list            # Face or FREE
    covered: set = field(default_factory=set)

    def __post_init__(self):
        self.covered |= {i for i, s in enumerate(self.squares) if s is FREE}

    def index_of(self, base: str) -> int | None:
        """Where the letter ``base`` is on this card (None when it is not)."""
        for i, s in enumerate(self.squares):
            if s is not FREE and s.base == base:
                return i
        return None

    def needs(self, base: str) -> bool:
        """The letter is on this card and not covered yet."""
        i = self.index_of(base)
        return i is not None and i not in self.covered

    def cover(self, index: int) -> None:
        self.covered.add(index)

    @property
    def full(self) -> bool:
        return len(self.covered) == len(self.squares)

    @property
    def letters(self) -> list[Face]:
        return [s for s in self.squares if s is not FREE]

    def lines(self) -> list[tuple[int, ...]]:
        """Every complete line: rows, columns and both diagonals with every square covered."""
        n = self.size
        candidates = [tuple(r * n + c for c in range(n)) for r in range(n)]
        candidates += [tuple(r * n + c for r in range(n)) for c in range(n)]
        candidates += [tuple(i * n + i for i in range(n)), tuple(i * n + n - 1 - i for i in range(n))]
        return [line for line in candidates if all(i in self.covered for i in line)]


def layout(level_options: dict) -> tuple[int, bool]:
    """(side, free centre) of a level's cards: 3x3 with a free star, or 4x4."""
    size = int(level_options.get("size", 3))
    return size, bool(level_options.get("free_centre", size == 3))


def letters_per_card(size: int, free_centre: bool) -> int:
    return size * size - (1 if free_centre else 0)


@dataclass(frozen=True)
class CardShape:
    """The cards of one game: ``size`` squares a side, ``stars`` the squares that are free stars."""

    size: int
    stars: tuple[int, ...]

    @property
    def letters(self) -> int:
        """Letters on each card."""
        return self.size * self.size - len(self.stars)


def card_shape(level_options: dict, players: int, write: bool = False) -> CardShape:
    """The cards a level deals to ``players`` children (``write``: letters are written to cover): the
    level's own (:func:`layout`), smaller for three or four children (see the module's docstring)."""
    size, free_centre = layout(level_options)
    if write and players >= 3:
        return CardShape(3, WRITING_GROUP_STARS[min(players, 4)])
    if size == 4 and players >= 4:
        return CardShape(4, MIDDLE_STARS)
    return CardShape(size, (size * size // 2,) if free_centre else ())


def pool_size(per_card: int, players: int) -> int:
    """How many letters the game uses: a few more than one card holds when several play, so cards
    differ but share most letters (one player: exactly the card's letters)."""
    return per_card if players <= 1 else per_card + (3 if per_card <= 8 else 4)


def deal(pool: list[Face], players: int, size: int, free_centre: bool, rng: random.Random,
         stars: tuple[int, ...] | None = None) -> list[Card]:
    """One card per player, each with different letters of ``pool`` in a shuffled order; the squares
    ``stars`` (by default the middle one, when ``free_centre``) are free stars."""
    if stars is None:
        stars = (size * size // 2,) if free_centre else ()
    cards = []
    for _ in range(players):
        letters = iter(rng.sample(pool, size * size - len(stars)))
        cards.append(Card(size, [FREE if i in stars else next(letters) for i in range(size * size)]))
    return cards


class Caller:
    """Draws the calls of one game (see the module's docstring); ``called`` lists them in order."""

    def __init__(self, cards: list[Card], faces: list[Face], rng: random.Random, decoys: list[Face] = ()):
        self.cards, self.rng = cards, rng
        self.faces = {f.base: f for f in faces}
        self.decoys = [f for f in decoys if f.base not in self.faces]
        self.decoys_left = min(DECOYS_MOST, len(self.decoys))
        self.called: list[Face] = []

    def wanted(self) -> list[Face]:
        """Letters still uncovered on some card, in a fixed order."""
        return [f for base, f in sorted(self.faces.items()) if any(c.needs(base) for c in self.cards)]

    def next(self) -> Face | None:
        """The next call, or None when every card is full."""
        wanted = self.wanted()
        if not wanted:
            return None
        if self.decoys_left and len(wanted) > 1 and self.rng.random() < DECOY_CHANCE:
            self.decoys_left -= 1
            face = self.decoys.pop(self.rng.randrange(len(self.decoys)))
        else:
            face = self.rng.choice(wanted)
        self.called.append(face)
        return face

    def take(self, base: str) -> Face:
        """The grown-up called ``base`` (teacher mode): it counts as called."""
        face = self.faces[base]
        self.called.append(face)
        return face

    def holders(self, base: str) -> list[int]:
        """The players (by index, in turn order) whose card still needs ``base``."""
        return [i for i, c in enumerate(self.cards) if c.needs(base)]
