"""The list of games. Adding a game = its folder under ``games/`` plus one line here.

Each game package defines ``GAME = GameInfo(...)`` in its ``__init__.py``: its metadata (id, title,
spoken name, how to play, levels), its icon painter and its scene (the class, or its dotted path so
that the launcher does not import every game at start). A declaration checks itself: every level
named and with a picture, the players 1-4, the ``phrases.json`` beside the scene; a
:class:`DeclarationError` says what to add. ``GameInfo.make_scene`` imports the scene,
loads the ``phrases.json`` beside it as the game's own lines (see ``Phrases.use_game``) and makes it.
The launcher, ``--list-games`` and the tests read this registry; nothing else lists games.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NoReturn

GAME_MODULES = [
    "games.missing_letter",
    "games.basketball",
    "games.candy_match",
    "games.trace_write",
    "games.alphabet_path",
    "games.letter_hunt",
    "games.bingo",
]
MOST_PLAYERS = 4   # the player picker's animals (Lion, Frog, Fish, Bird)


class DeclarationError(ValueError):
    """A game or level declared against the rules; the message says what to add or change."""


@dataclass(frozen=True)
class Level:
    name: str          # for grown-ups, e.g. "3 letters"
    stars: int         # how hard, shown small: 1..3 stars
    options: dict = field(default_factory=dict)
    #: ``picture(surface, rect, level)`` paints what this level changes (3 balls or 6, a pencil for
    #: writing...), so a child who cannot read tells the levels apart; drawn big on the start screen
    picture: Callable | None = field(default=None, compare=False)

    def __post_init__(self):
        if not (isinstance(self.name, str) and self.name.strip()):
            raise DeclarationError(f"a level needs a name for grown-ups, e.g. Level(\"3 letters\", 1, ...), "
                                   f"not {self.name!r}")
        if not (isinstance(self.stars, int) and 1 <= self.stars <= 3):
            raise DeclarationError(f"level {self.name!r}: stars (how hard) must be 1, 2 or 3, not {self.stars!r}")
        if not isinstance(self.options, dict):
            raise DeclarationError(f"level {self.name!r}: options must be a dict, e.g. {{\"letters\": 3}}")
        if not callable(self.picture):
            raise DeclarationError(
                f"level {self.name!r} has no picture: add picture=paint_level, a function (surface, rect, level) "
                f"that draws what this level changes (3 balls or 6, a pencil...), so a child who cannot read "
                f"tells the levels apart")


@dataclass(frozen=True)
class GameOption:
    """An on/off choice a teacher makes for one game in the settings (e.g. "write to keep")."""

    key: str
    label: str
    default: bool = False


@dataclass(frozen=True)
class GameInfo:
    """What the launcher shows of a game and how to start it; checks itself when declared
    (:class:`DeclarationError` says what to add)."""

    id: str
    title: str
    spoken_name: str
    how_to_play: str              # spoken to the child before the game starts
    levels: tuple[Level, ...]
    paint_icon: Callable          # paint_icon(surface, rect): the game's picture
    #: the game's Scene class, made as ``scene(app, level, players)``; or its dotted path
    #: ("games.basketball.scene.Basketball"), imported when the game is first played
    scene: type | str
    color: tuple = (255, 206, 68)
    players: tuple[int, int] = (1, 1)   # fewest and most players
    options: tuple[GameOption, ...] = ()
    #: the game's own lines, ``phrases.json`` beside its scene (found when the game is declared)
    phrases_file: Path = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        wrong = self._refuse
        if not (isinstance(self.id, str) and re.fullmatch(r"[a-z][a-z0-9_]*", self.id)):
            raise DeclarationError(f"a game's id is its folder's name: lower-case letters, digits and _, "
                                   f"e.g. id=\"write_a\", not {self.id!r}")
        for name in ("title", "spoken_name", "how_to_play"):
            if not (isinstance(getattr(self, name), str) and getattr(self, name).strip()):
                wrong(f"add {name}=\"...\" (the launcher shows the title, the voice says the spoken name and "
                      f"how to play)")
        if not (isinstance(self.levels, tuple) and self.levels and all(isinstance(lv, Level) for lv in self.levels)):
            wrong("levels must be a tuple of one or more Level(...), e.g. levels=(Level(\"Easy\", 1, "
                  "picture=paint_level),)")
        names = [lv.name for lv in self.levels]
        if len(set(names)) != len(names):
            wrong(f"two levels share a name ({names}): the settings keep the level by its name; give each its own")
        if not callable(self.paint_icon):
            wrong("add paint_icon, a function (surface, rect) that paints the game's picture on its launcher card")
        players = self.players
        if not (isinstance(players, tuple) and len(players) == 2 and all(isinstance(n, int) for n in players)
                and 1 <= players[0] <= players[1] <= MOST_PLAYERS):
            wrong(f"players is (fewest, most) with 1 <= fewest <= most <= {MOST_PLAYERS}, e.g. players=(1, 4), "
                  f"not {players!r}")
        keys = [o.key for o in self.options]
        if len(set(keys)) != len(keys):
            wrong(f"two options share a key ({keys}): give each its own")
        object.__setattr__(self, "phrases_file", self._find_phrases())

    def _refuse(self, what: str) -> NoReturn:
        raise DeclarationError(f"game {self.id!r}: {what}")

    def _find_phrases(self) -> Path:
        """The ``phrases.json`` beside the scene's module, found without importing the scene."""
        wrong = self._refuse
        if isinstance(self.scene, str):
            module = self.scene.replace(":", ".").rpartition(".")[0]
            try:
                spec = importlib.util.find_spec(module) if module else None
            except ModuleNotFoundError:
                spec = None
            if spec is None or not spec.origin:
                wrong(f"scene={self.scene!r} names no module: give the dotted path of the scene class, "
                      f"e.g. scene=\"games.{self.id}.scene.MyGame\"")
            where = Path(spec.origin)
        elif inspect.isclass(self.scene):
            where = Path(inspect.getfile(self.scene))
        else:
            wrong(f"scene must be the scene class or its dotted path, e.g. \"games.{self.id}.scene.MyGame\", "
                  f"not {self.scene!r}")
        path = where.with_name("phrases.json")
        if not path.is_file():
            wrong(f"no phrases file {path}: add it beside the scene, with what the game says under plain "
                  f"keys, e.g. {{\"write_it\": [\"Write the letter {{letter}}!\"]}}")
        return path

    def scene_class(self) -> type:
        """The game's Scene class, imported now if the registry names it by its dotted path."""
        if isinstance(self.scene, str):
            module, _, name = self.scene.replace(":", ".").rpartition(".")
            return getattr(importlib.import_module(module), name)
        return self.scene

    def recorder(self, app, level: Level):
        """Where this game's answers at ``level`` go (``app.progress``): made once when the game starts,
        handed to its WritingTask and used for its own taps and finds (``games/engine/records/recorder.py``)."""
        from games.engine.records.recorder import Recorder
        return Recorder(getattr(app, "progress", None), self.id, getattr(level, "name", level))

    def make_scene(self, app, level: Level, players=None):
        """The game's scene at `level`, speaking its own phrases (the ``phrases.json`` beside it) first."""
        scene_class = self.scene_class()
        app.phrases.use_game(self.id, self.phrases_file)
        return scene_class(app, level, players)


def load_games() -> list[GameInfo]:
    """Every registered game, in launcher order."""
    return [importlib.import_module(name).GAME for name in GAME_MODULES]


def find_game(game_id: str) -> GameInfo:
    for game in load_games():
        if game.id == game_id:
            return game
    known = ", ".join(g.id for g in load_games())
    raise KeyError(f"no game called {game_id!r}; the games are: {known}")
