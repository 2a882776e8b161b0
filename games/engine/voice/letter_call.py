"""How a game calls out the letter to find: by its name, its sound, or a picture word.

The teacher chooses in the settings ("Call letters by": name / sound / picture word). A game builds its
prompt with ONE call, where it announces the target::

    call = call_for(app, card, app.phrases.get("find", letter=card.name))   # the game's own name line
    prompt.ask(call.line)            # "Find the letter M!" / "Find the letter that says /m/!" /
                                     # "/m/ ... moon! What does moon start with?"
    call.draw_cue(surface, rect)     # where the game shows the target: the picture, "?", or the letter

A sound is written "/m/" in the line: the Speaker plays the letter's ready-made WAV there (no speech
engine needed) and the caption shows "/m/". Help after misses stays the games' own: they show the letter
and say its name (``call.shows_letter`` is False until then in sound and picture modes).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

from games.engine.core import draw as d
from games.engine.core import paths
from games.engine.core.letters import LetterCard

log = logging.getLogger(__name__)

PICTURES = paths.ASSETS / "pictures"
WORDS_FILE = PICTURES / "words.json"
WAYS = ("name", "sound", "picture")
EXAMPLES = {   # what the settings page shows for each way (the letter m)
    "name": "Find the letter M!",
    "sound": "Find the letter that says /m/!",
    "picture": "/m/ ... moon! What does moon start with?",
}


@dataclass(frozen=True)
class PictureWord:
    """A word whose first sound is its letter's sound (or last, for x: box), and its picture."""

    word: str
    letter: str
    picture: Path
    end: bool = False     # the letter's sound ends the word (x: box, fox)


@lru_cache(maxsize=1)
def picture_words() -> dict[str, list[PictureWord]]:
    """letter -> its picture words, from assets/pictures/words.json; empty (logged) if it cannot be read."""
    try:
        entries = json.loads(WORDS_FILE.read_text(encoding="utf-8"))["words"]
        words: dict[str, list[PictureWord]] = {}
        for e in entries:
            picture = PICTURES / (e["word"].replace(" ", "_").replace("-", "_") + ".png")
            words.setdefault(e["letter"], []).append(PictureWord(e["word"], e["letter"], picture, bool(e.get("end"))))
        return words
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("The picture words %s could not be read (%s); letters are called by sound instead.", WORDS_FILE, err)
        return {}


@d.surface_cache(shared=True)
def _picture(path: Path, size: int) -> pygame.Surface | None:
    try:
        image = pygame.image.load(str(path))
    except (pygame.error, FileNotFoundError) as err:
        log.info("No picture %s (%s): the word is shown instead.", path, err)
        return None
    image = pygame.transform.smoothscale(image, (size, size))
    try:
        return image.convert_alpha()
    except pygame.error:   # no display yet (tests, screenshots before the window)
        return image


def picture_of(word: PictureWord, size: int) -> pygame.Surface:
    """The word's picture, `size` px square; the word itself on a rounded card if the picture is missing."""
    image = _picture(word.picture, size)
    if image is not None:
        return image
    card = pygame.Surface((size, size), pygame.SRCALPHA)
    d.blit_panel(card, card.get_rect().inflate(-8, -8), d.WHITE, radius=size // 6, border=d.ORANGE, shadow=False)
    text = 44 * size // 160
    while text > 12 and d.font(text, True).size(word.word)[0] > size - 24:
        text -= 2
    d.draw_text(card, word.word, text, (size / 2, size / 2), d.INK, bold=True)
    return card


@dataclass
class Call:
    """How the target letter is announced this time: the line to say and what to show."""

    card: LetterCard
    way: str                        # "name", "sound" or "picture"
    line: str                       # said and captioned; "/m/" plays the sound's WAV
    word: PictureWord | None = None

    @property
    def shows_letter(self) -> bool:
        """True when the letter itself may be shown (named calls); else the cue stands for it until help."""
        return self.way == "name"

    def picture(self, size: int) -> pygame.Surface | None:
        return picture_of(self.word, size) if self.word else None

    def draw_cue(self, surface: pygame.Surface, rect: pygame.Rect, color=d.INK, show_letter: bool = False,
                 letter_size: int | None = None, card: LetterCard | None = None) -> None:
        """Draw what stands for the target in `rect`: the picture, a question mark (sound), or the letter
        (named calls, and whenever `show_letter`: the help after misses). `card`: the game's target now,
        when it may have changed since the call."""
        side = min(rect.w, rect.h)
        if self.shows_letter or show_letter:
            d.draw_glyph(surface, (card or self.card).shown, letter_size or int(side * 0.8), rect.center, color)
        elif self.word is not None:
            image = self.picture(int(side * 0.9))
            surface.blit(image, image.get_rect(center=rect.center))
        else:   # by sound: a question mark (which letter says it?); the say-again button plays the sound
            d.draw_glyph(surface, "?", letter_size or int(side * 0.8), rect.center, d.ORANGE)


def way_for(app) -> str:
    """The teacher's choice, or "name" for an unknown value."""
    way = getattr(app.settings, "call_letters_by", "name")
    return way if way in WAYS else "name"


def sound_of(card: LetterCard) -> str:
    """The letter's sound as a line writes it: "/m/" (the Speaker plays its WAV there)."""
    return f"/{card.base}/"


def letter_ref(app, card: LetterCard) -> str:
    """The letter as a list in a line names it: "M" by name, "/m/" by sound or picture word."""
    return card.name if way_for(app) == "name" else sound_of(card)


def call_for(app, card: LetterCard, name_line: str | None = None, clue: bool = False) -> Call:
    """What a prompt says and shows to ask for `card`, the teacher's way.

    `name_line` is the game's own line for a named call ("Find the letter M!"); the engine's is used
    without one. `clue=True` gives a hint to follow the game's own task instead of a "find" call ("It
    says /m/.", "/m/ ... moon! It starts like moon."). Picture words are picked at random among the
    letter's (never the same twice in a row); a letter without any is called by its sound.
    """
    way = way_for(app)
    if way == "name":
        return Call(card, way, name_line or app.phrases.get("call_name", letter=card.name))
    words = picture_words().get(card.base, []) if way == "picture" else []
    if words:
        last = getattr(app, "_last_picture_word", None)
        word = app.rng.choice([w for w in words if w != last] or words)
        app._last_picture_word = word
        if clue:
            key = "clue_picture_end" if word.end else "clue_picture"
        else:
            key = "call_picture_end" if word.end else "call_picture"
        return Call(card, way, app.phrases.get(key, sound=sound_of(card), word=word.word), word)
    return Call(card, "sound", app.phrases.get("clue_sound" if clue else "call_sound", sound=sound_of(card)))


def sample_call(app) -> str:
    """The line the settings page's Listen button says: the letter z, whose name differs by voice."""
    from games.engine.core.letters import face
    card = face("z", app.settings.case, app.rng)
    return call_for(app, card).line
