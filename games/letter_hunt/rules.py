"""The rules of letter hunt, without pictures: baskets, the deck of called cards, and the caller.

- A :class:`Basket` holds one player's letter cards (a letter may be picked more than once, as with
  a classroom box of letter tiles); ``give_back(base)`` takes one copy out.
- The :class:`Deck` says which letter is called next. Calls come from letters still in some basket;
  with one or two children at levels 1-2, now and then (never twice in a row) a letter that is in
  nobody's basket, so "not in my basket" is a real answer even for one player (:func:`decoy_share`).
  A letter nobody has is one never called before, so a called card never comes back when nobody
  has it. Every call of a letter still in a basket takes at least one tile out of the game (whoever
  has it must give it back), so a game of ``T`` tiles ends within ``2 * T`` calls
  (:meth:`Deck.most_calls`), and within as many calls as the table has letters when no basket holds
  a letter twice.
- With three or four children the game is kept short (issue 23: a level-3 game of three took 12
  minutes): the table holds a basket's worth of letters and a few more (:func:`table_size`), so the
  baskets share letters and fewer calls empty them all, and at level 3 each child remembers fewer
  tiles (:func:`basket_size`). ``benchmarks/game_lengths.py`` prints the calls and minutes.
- A caller turns a drawn card into what is shown and said (:class:`Call`). :class:`NameCaller`
  calls letters by name; :class:`TeachersCaller` calls them the teacher's way (issue 15: by name, by
  sound, or by a picture word, "/s/ ... sun! What does sun start with?"), through the engine's
  ``letter_call``, giving a ``picture`` and a ``word``; the scene draws a call's picture on the
  called card instead of the letter.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from games.engine.voice.letter_call import call_for, way_for
from games.engine.core.letters import LetterCard

DECOY_SHARE = 0.25   # about one call in four is a letter nobody has (never two in a row)
SUPPLY_MIN = 6       # a tiny letter set is filled up to this many letters on the table (look-alikes first)
GROUP_TABLE_EXTRA = 4             # 3-4 children: the table holds a basket's worth of letters and this many more
GROUP_BASKETS = {3: 8, 4: 6}      # level 3 (remember and write): tiles each for 3 and for 4 children


def decoy_share(players: int, write: bool) -> float:
    """How often a letter nobody has is called: about one call in four for one or two children at
    levels 1-2; never at level 3 (the tiles lie face down: a child would write a letter for nothing)
    and never for three or four children (most calls are already not in most baskets)."""
    return 0.0 if write or players >= 3 else DECOY_SHARE


def table_size(set_size: int, count: int, players: int) -> int:
    """How many different letters lie on the table to pick from: the teacher's set (at least
    ``SUPPLY_MIN``); with three or four children at most ``count`` (the tiles in a basket, see
    :func:`basket_size`) + ``GROUP_TABLE_EXTRA``, so their baskets share letters and the calls end sooner."""
    size = min(26, max(SUPPLY_MIN, set_size))
    return min(size, count + GROUP_TABLE_EXTRA) if players >= 3 else size


def basket_size(count: int, players: int, write: bool) -> int:
    """Tiles per basket: the level's ``count``; at level 3 (``write``) fewer with three or four
    children (``GROUP_BASKETS``): fewer face-down tiles to remember, and fewer letters to write."""
    return min(count, GROUP_BASKETS.get(players, count)) if write else count


@dataclass
class Basket:
    """One player's letters, in the order they were picked. ``places[i]`` is where ``cards[i]`` lies
    (0..size-1): a tile taken out leaves its place empty, so the others never move under a child's eyes."""

    size: int
    cards: list[LetterCard] = field(default_factory=list)
    places: list[int] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.cards) >= self.size

    @property
    def empty(self) -> bool:
        return not self.cards

    def add(self, card: LetterCard) -> bool:
        """Put ``card`` in, if there is room; True when it went in."""
        if self.full:
            return False
        self.places.append(min(set(range(self.size)) - set(self.places)))
        self.cards.append(card)
        return True

    def take(self, index: int) -> LetterCard:
        """Take the card at ``index`` (of ``cards``) out; its place becomes free."""
        self.places.pop(index)
        return self.cards.pop(index)

    def holds(self, base: str) -> bool:
        return any(c.base == base for c in self.cards)

    def index_of(self, base: str) -> int | None:
        """Where the first copy of letter ``base`` lies in the basket (None: not there)."""
        return next((i for i, c in enumerate(self.cards) if c.base == base), None)

    def give_back(self, base: str) -> LetterCard | None:
        """Take one copy of letter ``base`` out (None if there is none)."""
        i = self.index_of(base)
        return None if i is None else self.take(i)

    def fill_at_random(self, supply: list[LetterCard], rng: random.Random) -> list[LetterCard]:
        """"Pick for me": fill the empty places from ``supply``, different letters first; returns those added."""
        added = []
        while not self.full and supply:
            unused = [c for c in supply if not self.holds(c.base)]
            card = rng.choice(unused or supply)
            self.add(card)
            added.append(card)
        return added


class Deck:
    """The shuffled letter cards the caller flips over, one call at a time (see the module's docstring)."""

    def __init__(self, supply: list[LetterCard], rng: random.Random, decoy_share: float = DECOY_SHARE):
        self.supply, self.rng, self.decoy_share = list(supply), rng, decoy_share
        self._pile: list[LetterCard] = []   # live letters, shuffled; drawn from the end
        self.last: LetterCard | None = None
        self.last_was_decoy = False
        self.called: set[str] = set()   # every letter called so far (by base)
        self.calls = 0

    @staticmethod
    def most_calls(tiles: int) -> int:
        """The most calls a game with ``tiles`` tiles in its baskets can take."""
        return 2 * tiles

    def draw(self, baskets: list[Basket]) -> LetterCard | None:
        """The next card to call; None when every basket is empty (the game is over)."""
        live = {c.base: c for b in baskets for c in b.cards}
        if not live:
            return None
        decoys = [c for c in self.supply if c.base not in live and c.base not in self.called]
        if decoys and not self.last_was_decoy and self.rng.random() < self.decoy_share:
            card = self.rng.choice(decoys)
            self.last_was_decoy = True
        else:
            card = self._next_live(live)
            self.last_was_decoy = False
        self.last = card
        self.called.add(card.base)
        self.calls += 1
        return card

    def _next_live(self, live: dict[str, LetterCard]) -> LetterCard:
        self._pile = [c for c in self._pile if c.base in live]
        if not self._pile:
            self._pile = list(live.values())
            self.rng.shuffle(self._pile)
            if len(self._pile) > 1 and self.last is not None and self._pile[-1].base == self.last.base:
                self._pile.insert(0, self._pile.pop())   # not the same letter twice running
        return self._pile.pop()


@dataclass(frozen=True)
class Call:
    """What the caller shows and says for one drawn card.

    ``face``: the letter on the called card; ``lines``: what is said (each line is also the caption);
    ``picture``: a picture (a pygame Surface) shown on the card instead of the letter, with ``word``,
    in the sounds variant; None when letters are called by name.
    """

    card: LetterCard
    face: str
    lines: tuple[str, ...]
    picture: object = None
    word: str | None = None


class NameCaller:
    """Calls a card by its letter's name ("The letter B! Who has the letter B?"; with ``one_player``:
    "The letter B! Do you have the letter B?"). With matching case the card shows one case and the
    baskets hold the other: both are named."""

    def __init__(self, phrases, one_player: bool = False):
        self.phrases, self.one_player = phrases, one_player

    def call(self, card: LetterCard) -> Call:
        one = self.one_player
        if card.shown != card.answer:
            big, small = (card.shown, card.answer) if card.shown.isupper() else (card.answer, card.shown)
            if card.shown.isupper():
                key = "call_big_one" if one else "call_big"
            else:
                key = "call_small_one" if one else "call_small"
            line = self.phrases.get(key, big=big, small=small)
        else:
            line = self.phrases.get("call_one" if one else "call", letter=card.shown)
        return Call(card, card.shown, (line,))


class TeachersCaller:
    """Calls a card the teacher's way (settings "call letters by"): by name as :class:`NameCaller`; by
    sound ("Find the letter that says /m/!") with "?" on the card; by picture word ("/m/ ... moon! What
    does moon start with?") with the picture on the card. The lines come from the engine's ``call_for``."""

    PICTURE = 160   # px: the picture word's picture (the called card scales it to fit)

    def __init__(self, app, one_player: bool = False):
        self.app = app
        self.by_name = NameCaller(app.phrases, one_player)

    def call(self, card: LetterCard) -> Call:
        if way_for(self.app) == "name":
            return self.by_name.call(card)
        cue = call_for(self.app, card)
        return Call(card, "?", (cue.line,), cue.picture(self.PICTURE), cue.word.word if cue.word else None)
