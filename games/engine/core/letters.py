"""Letter sets and case modes: which letters a game may use, and in which case.

A :class:`LetterSet` is a named list of base letters (``'a'``..``'z'``) chosen by the teacher. The
:class:`CaseMode` says how a base letter is shown and what the child should write:

- ``upper``: shown ``M``, write ``M``;  ``lower``: shown ``m``, write ``m``;
- ``mixed``: each letter randomly upper or lower, written as shown;
- ``matching``: shown in one case, the child answers with the other (``M`` -> ``m``).

Games ask for :class:`LetterCard` s, which carry both faces, so every game respects the mode the same way.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

# The handwriting lines and stroke-order modes live beside the coach that judges by them (no copies here).
from recognizer.coach.lines import LINES_TOP, STROKE_ORDERS, line_unit  # noqa: F401

from games.engine.core import paths

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
ASCENDERS = "bdfhklt"     # small letters that reach up to the top line
DESCENDERS = "gjpqy"      # small letters that hang below the baseline


class CaseMode(str, Enum):
    UPPER = "upper"
    LOWER = "lower"
    MIXED = "mixed"
    MATCHING = "matching"

    @property
    def label(self) -> str:
        return {"upper": "UPPERCASE", "lower": "lowercase", "mixed": "Mixed", "matching": "Match A-a"}[self.value]


@dataclass(frozen=True)
class LetterCard:
    """One letter as a game uses it: what is shown, and what the child should find or write."""

    base: str    # 'a'..'z'
    shown: str   # the face on the tile
    answer: str  # the face the child writes or matches

    @property
    def name(self) -> str:
        """The letter as prompts and captions write it: the face being played ("m" in a lower-case game).

        Phrases put the word "letter" before it ("Find the letter m!"), so the speaker reads a lone
        "a" as the letter's name, never as the word "a".
        """
        return self.shown


@dataclass(frozen=True)
class LetterSet:
    """A named set of base letters, optionally fixed to one case."""

    id: str
    name: str
    letters: str
    case: CaseMode | None = None

    def cards(self, mode: CaseMode, rng: random.Random, count: int | None = None,
              exclude: str = "", chooser=None) -> list[LetterCard]:
        """Pick ``count`` different letters (all if None) in random order, faced by ``mode``.

        ``chooser(pool, mode, rng)``, when the game gives one, returns the letters of ``pool`` in the
        order to use, or None for plain random: a game passes ``app.progress.order``, which fits the
        letters to the child playing (see ``games/engine/records/progress.py``).
        When the set has fewer letters than asked for, letters from the rest of the alphabet fill in,
        look-alikes of the set first, so small sets still make full boards.
        """
        pool = [c for c in dict.fromkeys(self.letters) if c not in exclude]
        ordered = chooser(pool, self.case or mode, rng) if chooser else None
        if ordered is None:
            rng.shuffle(pool)
        else:
            pool = list(ordered)
        if count is not None and len(pool) < count:
            extra = [c for c in look_alikes_of(self.letters) if c not in pool and c not in exclude]
            rest = [c for c in ALPHABET if c not in pool and c not in extra and c not in exclude]
            rng.shuffle(extra)
            rng.shuffle(rest)
            pool += (extra + rest)[: count - len(pool)]
        chosen = pool if count is None else pool[:count]
        return [face(c, self.case or mode, rng) for c in chosen]


def face(base: str, mode: CaseMode, rng: random.Random) -> LetterCard:
    """Show ``base`` according to ``mode``."""
    up, low = base.upper(), base.lower()
    if mode == CaseMode.UPPER:
        return LetterCard(low, up, up)
    if mode == CaseMode.LOWER:
        return LetterCard(low, low, low)
    if mode == CaseMode.MIXED:
        c = rng.choice((up, low))
        return LetterCard(low, c, c)
    shown_upper = rng.random() < 0.5
    return LetterCard(low, up if shown_upper else low, low if shown_upper else up)


def _load(path: Path | None = None) -> dict:
    with open(path or paths.LETTER_SETS, encoding="utf-8") as f:
        return json.load(f)


def load_letter_sets(week_letters: str | None = None, path: Path | None = None) -> dict[str, LetterSet]:
    """All named sets from ``assets/letter_sets.json``; ``week_letters`` fills "letters of the week"."""
    sets = {}
    for item in _load(path)["sets"]:
        letters = item["letters"]
        if item["id"] == "week" and week_letters:
            letters = clean_letters(week_letters) or letters
        case = CaseMode(item["case"]) if item.get("case") else None
        sets[item["id"]] = LetterSet(item["id"], item["name"], letters, case)
    return sets


def clean_letters(text: str) -> str:
    """Keep only a..z, lower-cased, each once, in order."""
    return "".join(dict.fromkeys(c for c in text.lower() if c in ALPHABET))


_LOOK_ALIKES: list[str] | None = None


def look_alikes_of(letters: str) -> list[str]:
    """Letters that children confuse with any of ``letters`` (from the classroom look-alike groups)."""
    global _LOOK_ALIKES
    if _LOOK_ALIKES is None:
        _LOOK_ALIKES = _load().get("look_alikes", [])
    found = []
    for group in _LOOK_ALIKES:
        if any(c in group for c in letters):
            found += [c for c in group if c not in letters and c not in found]
    return found
