"""The help ladder of one letter to write: misses bring a guide, more misses the game's way out.

Pure rules (no pygame, no app, no voice): :class:`~games.engine.writing.writing_task.WritingTask`
climbs the ladder on each miss and does what the rung says (a fresh pad, a guide with a word of help,
or the game's :class:`Fallback`), so every letter a child is asked to write ends in success.
"""
from __future__ import annotations

from enum import Enum

GUIDE_AFTER = 2   # misses before the faint guide letter shows (every game's default)


class Fallback(str, Enum):
    """The game's own way out after ``fallback_after`` misses (a ``str``, so ``"keep"`` still compares)."""

    CHOICES = "choices"   # three letters to tap (missing letter): the help shown is "choices"
    KEEP = "keep"         # keep it anyway (candy match, alphabet path, bingo)
    MOVE_ON = "move_on"   # go on anyway (basketball throws, letter hunt gives the tile back)
    TRACE = "trace"       # trace it with dots (trace and write)


class Rung(Enum):
    """What a miss leads to."""

    AGAIN = "again"          # a fresh pad, no guide yet
    GUIDE = "guide"          # a fresh pad and, from now on, a guide behind the ink (say so once)
    GUIDED = "guided"        # a fresh pad, the guide still showing
    FALLBACK = "fallback"    # the game's way out takes over: this letter is over


class HelpLadder:
    """Misses of one letter and the most help shown for it ("none", "guide" or "choices").

    ``guide_after``: misses before the guide shows; ``fallback_after``: misses before the game's
    ``fallback`` takes over (None: never, the child tries until the letter is written).
    """

    def __init__(self, guide_after: int = GUIDE_AFTER, fallback_after: int | None = None,
                 fallback: Fallback | str = Fallback.KEEP):
        if not (isinstance(guide_after, int) and guide_after >= 1):
            raise ValueError(f"guide_after must be a whole number of misses, 1 or more, not {guide_after!r}")
        if fallback_after is not None and not (isinstance(fallback_after, int) and fallback_after >= 1):
            raise ValueError(f"fallback_after must be None or a whole number of misses, 1 or more, "
                             f"not {fallback_after!r}")
        try:
            self.fallback = Fallback(fallback)
        except ValueError:
            raise ValueError(f"fallback must be one of {[f.value for f in Fallback]}, not {fallback!r}") from None
        self.guide_after, self.fallback_after = guide_after, fallback_after
        self.misses = 0
        self.help = "none"

    def restart(self) -> None:
        """A new letter: no misses, no help shown."""
        self.misses, self.help = 0, "none"

    @property
    def shows_guide(self) -> bool:
        """Has the child missed often enough for the guide to show?"""
        return self.misses >= self.guide_after

    def miss(self) -> Rung:
        """One more miss: the rung it leads to (and the help shown grows with it)."""
        self.misses += 1
        if self.shows_guide and self.help == "none":
            self.help = "guide"
        if self.fallback_after is not None and self.misses >= self.fallback_after:
            if self.fallback is Fallback.CHOICES:
                self.help = "choices"
            return Rung.FALLBACK
        if self.misses == self.guide_after:
            return Rung.GUIDE
        return Rung.GUIDED if self.shows_guide else Rung.AGAIN
