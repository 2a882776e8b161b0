"""The teacher's settings, kept per user and written atomically.

A damaged settings file never stops a child from playing: it is moved aside, the defaults load, and
``Settings.problem`` holds a sentence the settings screen shows to the grown-up.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import paths
from .letters import CaseMode, LetterSet, clean_letters, load_letter_sets
from .storage import UnreadableFile, read_json, write_json_atomic

log = logging.getLogger(__name__)

STROKE_ORDERS = ("off", "gentle", "strict")   # how much the writing coach says about stroke order


@dataclass
class Settings:
    letter_set: str = "alphabet"
    week_letters: str = "satpin"
    case_mode: str = CaseMode.UPPER.value
    speech: bool = True
    speech_rate: int = 130          # words per minute; slow and clear for small children
    volume: float = 0.8
    auto_submit: float = 1.5        # seconds the pen rests before the TracePad checks; 0 = Done button only
    fullscreen: bool = False
    levels: dict = field(default_factory=dict)   # game id -> last level chosen
    hidden_games: list = field(default_factory=list)    # game ids the teacher took out of the launcher
    game_options: dict = field(default_factory=dict)    # game id -> {option key: bool}
    stroke_order: str = "gentle"    # writing coach: "off", "gentle" (tips) or "strict" (redo the stroke)
    case_must_match: bool = False   # writing coach: a big letter where a small one was asked is a miss
    problem: str | None = field(default=None, compare=False)   # not saved: why defaults were loaded

    RANGES = {"speech_rate": (80, 200), "volume": (0.0, 1.0), "auto_submit": (0.0, 5.0)}

    @property
    def case(self) -> CaseMode:
        return CaseMode(self.case_mode)

    def game_option(self, game_id: str, key: str, default: bool = False) -> bool:
        """A game's own teacher option (see ``GameInfo.options``)."""
        value = self.game_options.get(game_id, {}).get(key, default) if isinstance(self.game_options.get(game_id), dict) else default
        return value if isinstance(value, bool) else default

    def active_letters(self) -> LetterSet:
        """The letter set every game draws from."""
        sets = load_letter_sets(self.week_letters)
        return sets.get(self.letter_set) or sets["alphabet"]

    # -- persistence -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or paths.settings_file()
        try:
            raw = read_json(path)
        except UnreadableFile as err:
            s = cls()
            s.problem = f"Settings were reset: {err}."
            log.warning(s.problem)
            return s
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            s = cls()
            s.problem = "Settings were reset: the settings file did not hold settings."
            return s
        s, bad = cls(), []
        for f in fields(cls):
            if f.name == "problem" or f.name not in raw:
                continue
            value = raw[f.name]
            default = getattr(s, f.name)
            if not _same_kind(value, default):
                bad.append(f.name)
                continue
            setattr(s, f.name, value)
        bad += s._clamp()
        if bad:
            s.problem = "Some settings were not understood and were reset: " + ", ".join(sorted(set(bad))) + "."
            log.warning(s.problem)
        return s

    def save(self, path: Path | None = None) -> None:
        data = asdict(self)
        data.pop("problem")
        write_json_atomic(path or paths.settings_file(), data)

    def _clamp(self) -> list[str]:
        bad = []
        defaults = Settings()
        try:
            CaseMode(self.case_mode)
        except ValueError:
            self.case_mode, bad = defaults.case_mode, bad + ["case_mode"]
        if self.letter_set not in load_letter_sets():
            self.letter_set, bad = defaults.letter_set, bad + ["letter_set"]
        self.week_letters = clean_letters(self.week_letters) or defaults.week_letters
        if self.stroke_order not in STROKE_ORDERS:
            self.stroke_order, bad = defaults.stroke_order, bad + ["stroke_order"]
        for name, (lo, hi) in self.RANGES.items():
            value = getattr(self, name)
            if not lo <= value <= hi:
                setattr(self, name, type(getattr(defaults, name))(min(hi, max(lo, value))))
                bad.append(name)
        return bad


def _same_kind(value, default) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))
