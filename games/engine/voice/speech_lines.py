"""What the Speaker queues: one line (its caption, the words the engine reads, its WAV), and how a text is cut around the letter sounds written in it ("/m/")."""
from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("games.engine.voice.speech")   # the speech system logs under one name

# A letter's phonics sound inside a line: "Find the letter that says /m/!" plays the m sound's WAV there.
SOUND_MARK = re.compile(r"(?<![\w/])/([a-z])/(?![\w/])")


@dataclass
class Line:
    """One line to say: the caption shown, the text the engine reads, and where its WAV lives."""

    caption: str
    spoken: str
    key: str
    asked_at: float = 0.0           # perf_counter() when say() was called
    started_at: float | None = None  # perf_counter() when its sound started (None: shown silently)
    wav: Path | None = None
    failed: bool = False            # no WAV will come: show it as a caption only
    clip: bool = False              # wav is a ready-made or recorded clip, not the cache's: never deleted
    waited: float = 0.0             # seconds spent at the head of the queue waiting for the WAV
    owner: object = None            # what the line belongs to (a game's state): withdrawn with it


def cut_at_sounds(text: str) -> list[str]:
    """``text`` cut around its letter sounds: words, letter, words, letter, ... (words may be empty)."""
    return SOUND_MARK.split(text)


def has_words(piece: str) -> bool:
    """Whether a piece of text holds anything to say (not just spaces and punctuation)."""
    return re.search(r"\w", piece) is not None


def single_letter(letter) -> str | None:
    """``letter`` as one lower-case letter a-z, or None (and a warning) when it is not one."""
    if isinstance(letter, str) and len(letter.strip()) == 1 and letter.strip().lower() in string.ascii_lowercase:
        return letter.strip().lower()
    log.warning("Expected one letter a-z, got %r; nothing was said.", letter)
    return None


class Caption:
    """The caption bar's text: the line being said, kept ``hold`` seconds after it ends."""

    def __init__(self, hold: float):
        self.hold = hold
        self.text: str | None = None
        self.left: float | None = None   # seconds until the caption goes (None: while its line is said)

    def show(self, text: str) -> None:
        self.text, self.left = text, None

    def line_ended(self) -> None:
        self.left = self.hold

    @property
    def free(self) -> bool:
        """True when no line being said holds the caption bar (it is empty, or only lingering)."""
        return self.text is None or self.left is not None

    def age(self, dt: float) -> None:
        """A lingering caption goes once its time is up."""
        if self.left is not None:
            self.left -= dt
            if self.left <= 0:
                self.clear()

    def clear(self) -> None:
        self.text, self.left = None, None
