"""The teacher's settings, kept per user and written atomically (the rules are in ``storage``).

A damaged settings file never stops a child from playing. Every field is checked on load: a field of
the wrong type or out of range falls back to its default (numbers out of range are clamped), the
others are kept, the damaged file is set aside once as ``settings.json.broken-<date>`` and the repaired
settings take its place. A file that cannot be used at all is set aside and the defaults load. Either
way ``Settings.problem`` holds a sentence the settings screen shows to the grown-up. Keys this version
does not know (a newer Letterplay may have written them) are kept and saved back.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field, fields
from pathlib import Path

from games.engine.core import paths
from games.engine.core.letters import STROKE_ORDERS, CaseMode, LetterSet, clean_letters, load_letter_sets
from games.engine.core.storage import UnreadableFile, read_json_object, replace_damaged, write_json_atomic

log = logging.getLogger(__name__)

SPEECH_RATES = (80, 200)   # words per minute the voice may be set to
CALL_LETTERS_BY = ("name", "sound", "picture")   # how games announce the letter to find (games/engine/voice/letter_call.py)
DEFAULT_RATE = 120   # words per minute set; measured ~130 wpm, 2.5 syllables/s on prompts (benchmarks/voice_rates.py)


@dataclass
class Settings:
    letter_set: str = "alphabet"
    week_letters: str = "satpin"
    case_mode: str = CaseMode.UPPER.value
    speech: bool = True
    speech_rate: int = DEFAULT_RATE  # words per minute; slow and clear for small children
    voice: str = "uk"               # which English: "uk" (zed) or "us" (zee); see assets/speech/letter_sounds.json
    call_letters_by: str = "name"   # "name" (Find the letter M!), "sound" (... that says /m/) or "picture" (moon)
    volume: float = 0.8
    auto_submit: float = 1.5        # seconds the pen rests before the TracePad checks; 0 = Done button only
    fullscreen: bool = False
    levels: dict = field(default_factory=dict)   # game id -> last level chosen
    hidden_games: list = field(default_factory=list)    # game ids the teacher took out of the launcher
    game_options: dict = field(default_factory=dict)    # game id -> {option key: bool}
    stroke_order: str = "gentle"    # writing coach: "off", "gentle" (tips) or "strict" (redo the stroke)
    case_must_match: bool = False   # writing coach: a big letter where a small one was asked is a miss
    problem: str | None = field(default=None, compare=False)   # not saved: what was wrong with the file
    unknown_keys: dict = field(default_factory=dict, compare=False, repr=False)   # kept for a newer version

    RANGES = {"speech_rate": SPEECH_RATES, "volume": (0.0, 1.0), "auto_submit": (0.0, 5.0)}

    @property
    def case(self) -> CaseMode:
        return CaseMode(self.case_mode)

    def game_option(self, game_id: str, key: str, default: bool = False) -> bool:
        """A game's own teacher option (see ``GameInfo.options``)."""
        value = self.game_options.get(game_id, {}).get(key, default) if isinstance(self.game_options.get(game_id), dict) else default
        return value if isinstance(value, bool) else default

    def use_letters(self, text: str) -> bool:
        """For this run, play the set called ``text`` or, failing that, its letters as the letters of
        the week (``--letters satpin``). False if ``text`` is neither (nothing changes)."""
        if text in load_letter_sets():
            self.letter_set = text
        elif clean_letters(text):
            self.letter_set, self.week_letters = "week", clean_letters(text)
        else:
            return False
        return True

    def active_letters(self) -> LetterSet:
        """The letter set every game draws from."""
        sets = load_letter_sets(self.week_letters)
        return sets.get(self.letter_set) or sets["alphabet"]

    # -- persistence -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        """The saved settings; never raises for anything in the file (see the module docstring)."""
        path = path or paths.settings_file()
        try:
            raw = read_json_object(path)
        except UnreadableFile as err:
            s = cls()
            s.problem = f"Settings were reset: {err}."
            log.warning(s.problem)
            return s
        if raw is None:
            return cls()
        s, bad = cls.from_dict(raw)
        if bad:
            backup = replace_damaged(path, s.to_dict())
            s.problem = (f"Not understood, so reset: {_say_fields(bad)}. "
                         + (f"Old file kept as {backup.name}." if backup else "The file could not be set aside."))
            log.warning("settings reset: %s; %s", ", ".join(bad), f"damaged file kept as {backup.name}" if backup
                        else "the damaged file could not be set aside")
        return s

    def save(self, path: Path | None = None) -> None:
        write_json_atomic(path or paths.settings_file(), self.to_dict())

    def to_dict(self) -> dict:
        """What is saved: every setting, plus the keys this version did not know."""
        data = dict(self.unknown_keys)
        data.update({f.name: getattr(self, f.name) for f in fields(self) if f.name in _CHECKS})
        return data

    @classmethod
    def from_dict(cls, raw: dict) -> tuple["Settings", list[str]]:
        """Settings from saved data, and the names of the fields that were wrong (now defaults or clamped)."""
        s, bad = cls(), []
        for key, value in raw.items():
            check = _CHECKS.get(key)
            if check is None:
                s.unknown_keys[key] = value
                continue
            try:
                clean = check(value)
            except _Wrong:
                bad.append(key)
                continue
            if isinstance(clean, _Fixed):   # partly kept: bad entries dropped or a number clamped
                clean = clean.value
                bad.append(key)
            setattr(s, key, clean)
        if s.letter_set not in load_letter_sets(s.week_letters):   # checked last: "week" needs week_letters
            s.letter_set = cls.letter_set
            bad.append("letter_set")
        return s, sorted(set(bad))


LABELS = {   # what the settings screen calls each setting (a grown-up can find it there)
    "letter_set": "letter set", "week_letters": "letters of the week", "case_mode": "case", "speech": "voice",
    "speech_rate": "speech speed", "volume": "volume", "auto_submit": "check after pen rests",
    "fullscreen": "full screen", "levels": "last levels played", "hidden_games": "games shown",
    "game_options": "game options", "stroke_order": "stroke order", "case_must_match": "case must match",
    "voice": "English voice", "call_letters_by": "call letters by",
}


def _say_fields(names: list[str], most: int = 3) -> str:
    """``names`` in the settings screen's words, short enough for its one line of notice."""
    said = [LABELS.get(n, n) for n in names]
    if len(said) > most:
        return ", ".join(said[:most - 1]) + f" and {len(said) - most + 1} more"
    return ", ".join(said)


# -- checking each field of a loaded file -------------------------------------------------------------

class _Wrong(Exception):
    """The value cannot be used at all: the field keeps its default."""


@dataclass
class _Fixed:
    """The value was usable only in part (entries dropped, a number clamped)."""
    value: object


def _flag(value):
    if not isinstance(value, bool):
        raise _Wrong
    return value


def _number(name, kind):
    lo, hi = Settings.RANGES[name]

    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Wrong
        if isinstance(value, float) and not math.isfinite(value):
            raise _Wrong
        clamped = min(hi, max(lo, value))
        clean = int(round(clamped)) if kind is int else float(clamped)
        return clean if clean == value else _Fixed(clean)
    return check


def _one_of(choices):
    def check(value):
        if not isinstance(value, str) or value not in choices():
            raise _Wrong
        return value
    return check


def _text(value):
    if not isinstance(value, str):
        raise _Wrong
    return value


def _week_letters(value):
    if not isinstance(value, str) or not clean_letters(value):
        raise _Wrong
    return clean_letters(value)


def _game_list(value):
    if not isinstance(value, list):
        raise _Wrong
    clean = list(dict.fromkeys(v for v in value if isinstance(v, str)))
    return clean if clean == value else _Fixed(clean)


def _levels(value):
    if not isinstance(value, dict):
        raise _Wrong
    clean = {k: v for k, v in value.items() if isinstance(v, str)}
    return clean if clean == value else _Fixed(clean)


def _game_options(value):
    if not isinstance(value, dict):
        raise _Wrong
    clean = {game: {k: v for k, v in options.items() if isinstance(v, bool)}
             for game, options in value.items() if isinstance(options, dict)}
    return clean if clean == value else _Fixed(clean)


_CHECKS = {   # every saved field and how a loaded value is checked; JSON keys are always text
    "letter_set": _text,   # which sets exist is checked once week_letters is known
    "week_letters": _week_letters,
    "case_mode": _one_of(lambda: [m.value for m in CaseMode]),
    "speech": _flag,
    "speech_rate": _number("speech_rate", int),
    "volume": _number("volume", float),
    "auto_submit": _number("auto_submit", float),
    "fullscreen": _flag,
    "levels": _levels,
    "hidden_games": _game_list,
    "game_options": _game_options,
    "stroke_order": _one_of(lambda: STROKE_ORDERS),
    "case_must_match": _flag,
    "voice": _one_of(lambda: _voice_ids()),
    "call_letters_by": _one_of(lambda: CALL_LETTERS_BY),
}


def _voice_ids() -> list[str]:
    """The English voices a teacher can choose: those of the letter sounds file (read by ``voice.espeak``)."""
    try:
        voices = json.loads((paths.ASSETS / "speech" / "letter_sounds.json").read_text("utf-8"))["voices"]
        return list(voices) if isinstance(voices, dict) and voices else ["uk"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["uk"]

assert set(_CHECKS) == {f.name for f in fields(Settings)} - {"problem", "unknown_keys"}, "a setting without a check"
