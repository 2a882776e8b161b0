"""The lines games say, kept as data (text, not sound): ``assets/speech/phrases.json`` and each game's own."""
from __future__ import annotations

import json
import logging
import random
import string
from pathlib import Path

from games.engine.core import paths

log = logging.getLogger(__name__)

PHRASES_FILE = paths.ASSETS / "speech" / "phrases.json"
BUILT_IN_PHRASES = {   # used when the engine's file cannot be read
    "praise": ["Well done!", "Great job!"],
    "wrote_letter": ["You wrote the letter {letter}!"],
    "try_again": ["Nearly! Let's try again."],
    "your_turn": ["Your turn, {player}!"],
}


class PhraseFileError(ValueError):
    """A phrases file that cannot be used; the message says which file and what is wrong."""


class Phrases:
    """The lines games say, kept as data: each key has variants with {placeholders}.

    ``get(key, **values)`` picks a variant at random, never the one picked last time for that key. A
    file that cannot be read leaves the built-in lines in place and ``problem`` says why.

    Each game has its own lines (its ``phrases.json``) under its own name: ``use_game`` (called when
    the game's scene is made) puts them first, the engine's lines after, so games need no prefixes and
    one game's lines never reach another game or the engine's screens.
    """

    def __init__(self, path: Path | str | None = PHRASES_FILE, rng: random.Random | None = None):
        self._variants: dict[str, list[str]] = {k: list(v) for k, v in BUILT_IN_PHRASES.items()}
        self._games: dict[str, dict[str, list[str]]] = {}   # game id -> its own lines
        self.game: str | None = None                        # whose own lines come first
        self._last_pick: dict[tuple[str | None, str], int] = {}
        self._rng = rng or random.Random()
        self.problem: str | None = None
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path | str) -> bool:
        """Add (or override) engine phrases from a JSON file. False, with ``problem`` set and logged, if unusable."""
        try:
            self._variants.update(read_phrase_file(Path(path)))
        except PhraseFileError as err:
            self.problem = str(err)
            log.warning("%s The built-in phrases are used instead.", err)
            return False
        return True

    def use_game(self, game_id: str, path: Path | str | None) -> bool:
        """From now on, look phrases up in game `game_id`'s own lines first (read from `path` once).

        No file (``None`` or missing): the game speaks only engine lines. A file that cannot be used is
        logged and ``problem`` says why (False). A game line with an engine line's name is logged: it
        would hide the engine's line in that game.
        """
        self.game = game_id
        if game_id in self._games:
            return True
        own: dict[str, list[str]] = {}
        ok = True
        if path is not None and Path(path).exists():
            try:
                own = read_phrase_file(Path(path))
            except PhraseFileError as err:
                self.problem, ok = str(err), False
                log.warning("%s The game %s speaks only the engine's lines.", err, game_id)
        for key in sorted(own.keys() & self._variants.keys()):
            log.warning("The game %s has its own phrase %r, which hides the engine's phrase of that name.",
                        game_id, key)
        self._games[game_id] = own
        return ok

    def keys(self) -> list[str]:
        """The phrases that can be said now: the engine's, and the current game's own."""
        return sorted(self._variants.keys() | self._games.get(self.game, {}).keys())

    def get(self, key: str, **values) -> str:
        """A variant of phrase `key` (the current game's own, else the engine's), {placeholders} filled."""
        own = self._games.get(self.game, {})
        variants = own.get(key) or self._variants.get(key)
        if variants is None:
            raise KeyError(f"There is no phrase called {key!r}. Known phrases: {', '.join(self.keys())}.")
        picked = (self.game if key in own else None, key)
        choices = [i for i in range(len(variants)) if i != self._last_pick.get(picked)] or [0]
        pick = self._rng.choice(choices)
        self._last_pick[picked] = pick
        try:
            return variants[pick].format(**values)
        except KeyError as err:
            raise KeyError(f"The phrase {key!r} ({variants[pick]!r}) needs a value for {err.args[0]!r}.") from None


def read_phrase_file(path: Path) -> dict[str, list[str]]:
    """Read and check a phrases file: {"key": ["variant", ...] or "variant"}; keys starting "_" are notes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PhraseFileError(f"The phrases file {path} is missing.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PhraseFileError(f"The phrases file {path} cannot be read: {err}.") from None
    except json.JSONDecodeError as err:
        raise PhraseFileError(f"The phrases file {path} is not valid JSON: {err.msg} at line {err.lineno}, "
                              f"column {err.colno}.") from None
    if not isinstance(data, dict):
        raise PhraseFileError(f"The phrases file {path} should hold an object of phrase lists.")
    phrases = {}
    for key, variants in data.items():
        if key.startswith("_"):
            continue
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not variants or not all(isinstance(v, str) and v.strip() for v in variants):
            raise PhraseFileError(f"In the phrases file {path}, {key!r} should be a list of non-empty texts.")
        for variant in variants:
            try:
                list(string.Formatter().parse(variant))
            except ValueError as err:
                raise PhraseFileError(f"In the phrases file {path}, {key!r} has a broken placeholder in "
                                      f"{variant!r}: {err}.") from None
        phrases[key] = variants
    return phrases
