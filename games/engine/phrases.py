"""The lines games say, kept as data (text, not sound): ``assets/speech/phrases.json`` and each game's own."""
from __future__ import annotations

import json
import logging
import random
import string
from pathlib import Path

from . import paths

log = logging.getLogger(__name__)

PHRASES_FILE = paths.ASSETS / "speech" / "phrases.json"
BUILT_IN_PHRASES = {
    "praise": ["Well done!", "Great job!"],
    "wrote_letter": ["You wrote the letter {letter}!"],
    "try_again": ["Nearly! Let's try again."],
    "find_letter": ["Find the letter {letter}!"],
    "which_missing": ["Which letter is missing?"],
    "your_turn": ["Your turn, {player}!"],
}


class PhraseFileError(ValueError):
    """A phrases file that cannot be used; the message says which file and what is wrong."""


class Phrases:
    """The lines games say, kept as data: each key has variants with {placeholders}.

    ``get(key, **values)`` picks a variant at random, never the one picked last time for that key. A
    file that cannot be read leaves the built-in lines in place and ``problem`` says why.
    """

    def __init__(self, path: Path | str | None = PHRASES_FILE, rng: random.Random | None = None):
        self._variants: dict[str, list[str]] = {k: list(v) for k, v in BUILT_IN_PHRASES.items()}
        self._last_pick: dict[str, int] = {}
        self._rng = rng or random.Random()
        self.problem: str | None = None
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path | str) -> bool:
        """Add (or override) phrases from a JSON file. False, with ``problem`` set and logged, if unusable."""
        try:
            self._variants.update(read_phrase_file(Path(path)))
        except PhraseFileError as err:
            self.problem = str(err)
            log.warning("%s The built-in phrases are used instead.", err)
            return False
        return True

    def keys(self) -> list[str]:
        return sorted(self._variants)

    def get(self, key: str, **values) -> str:
        """A variant of phrase `key` with its {placeholders} filled from `values`."""
        variants = self._variants.get(key)
        if variants is None:
            raise KeyError(f"There is no phrase called {key!r}. Known phrases: {', '.join(self.keys())}.")
        choices = [i for i in range(len(variants)) if i != self._last_pick.get(key)] or [0]
        pick = self._rng.choice(choices)
        self._last_pick[key] = pick
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
