"""How much help each letter gets, adapted to how the child is doing.

Level 1 "trace": dotted path, start dot and numbered arrow.  Level 2 "dots": start dots and a faint
outline.  Level 3 "write": blank lines.  After ``UP_AFTER`` clean successes in a row a letter's
level goes up; after ``DOWN_AFTER`` misses it comes back down and the hint returns.  Letters are
kept apart by case ("a" and "A" are learnt separately).  Saved per child: :func:`help_file` is told
whose (the game asks for the file of ``app.progress.child``; the guest's levels are kept per user).
"""
from __future__ import annotations

import logging
from pathlib import Path

from games.engine.core import paths
from games.engine.core.storage import UnreadableFile, read_json, write_json_atomic

log = logging.getLogger(__name__)

TRACE, DOTS, WRITE = 1, 2, 3
UP_AFTER = 3
DOWN_AFTER = 2


class HelpLevels:
    """Per-letter help level with its streak of clean successes and its misses."""

    def __init__(self, start: int = TRACE):
        self.start = start
        self._letters: dict[str, dict] = {}

    def level(self, letter: str) -> int:
        return self._entry(letter)["level"]

    def _entry(self, letter: str) -> dict:
        return self._letters.setdefault(letter, {"level": self.start, "clean": 0, "misses": 0})

    def record(self, letter: str, outcome: str) -> int:
        """Note one try at ``letter``: "clean" (right, no tips), "helped" (right, with tips or a
        stroke marked done for the child) or "miss".  Returns the letter's level afterwards."""
        e = self._entry(letter)
        if outcome == "clean":
            e["clean"] += 1
            e["misses"] = 0
            if e["clean"] >= UP_AFTER and e["level"] < WRITE:
                e["level"] += 1
                e["clean"] = 0
        elif outcome == "helped":
            e["clean"] = 0
        elif outcome == "miss":
            e["misses"] += 1
            e["clean"] = 0
            if e["misses"] >= DOWN_AFTER:
                e["level"] = max(TRACE, e["level"] - 1)
                e["misses"] = 0
        else:
            raise ValueError(f"outcome must be 'clean', 'helped' or 'miss', not {outcome!r}")
        return e["level"]

    # -- saving ------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"version": 1, "letters": {k: dict(v) for k, v in self._letters.items()}}

    @classmethod
    def from_json(cls, data) -> "HelpLevels":
        """Rebuild from :meth:`to_json` output; entries that make no sense are dropped."""
        levels = cls()
        letters = data.get("letters", {}) if isinstance(data, dict) else {}
        for letter, e in letters.items() if isinstance(letters, dict) else ():
            try:
                level, clean, misses = int(e["level"]), int(e["clean"]), int(e["misses"])
            except (KeyError, TypeError, ValueError):
                continue
            if isinstance(letter, str) and len(letter) == 1 and TRACE <= level <= WRITE:
                levels._letters[letter] = {"level": level, "clean": max(0, clean), "misses": max(0, misses)}
        return levels

    @classmethod
    def load(cls, path: Path) -> "HelpLevels":
        """Read the saved levels; a missing or damaged file gives fresh levels (and is kept aside)."""
        try:
            return cls.from_json(read_json(path))
        except UnreadableFile as err:
            log.warning("writing help levels were reset: %s", err)
            return cls()

    def save(self, path: Path) -> None:
        try:
            write_json_atomic(path, self.to_json())
        except OSError as err:   # a full or read-only disk must not stop the game
            log.warning("could not save the writing help levels: %s", err)


def help_file(child_key: str | None) -> Path:
    """Where the help levels of the child with id ``child_key`` are kept (None: the guest's)."""
    if child_key:
        return paths.user_config_dir() / "writing_help" / f"{child_key}.json"
    return paths.user_config_dir() / "writing_help.json"
