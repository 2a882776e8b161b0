"""The list of games. Adding a game = its folder under ``games/`` plus one line here.

Each game package defines ``GAME = GameInfo(...)`` in its ``__init__.py``: its metadata (id, title,
spoken name, how to play, levels), its icon painter and its scene (the class, or its dotted path so
that the launcher does not import every game at start). ``GameInfo.make_scene`` imports the scene,
loads the ``phrases.json`` beside it as the game's own lines (see ``Phrases.use_game``) and makes it.
The launcher, ``--list-games`` and the tests read this registry; nothing else lists games.
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

GAME_MODULES = [
    "games.missing_letter",
    "games.basketball",
    "games.candy_match",
    "games.trace_write",
    "games.alphabet_path",
    "games.letter_hunt",
    "games.bingo",
]


@dataclass(frozen=True)
class Level:
    name: str          # for grown-ups, e.g. "3 letters"
    stars: int         # how hard, shown small: 1..3 stars
    options: dict = field(default_factory=dict)
    #: ``picture(surface, rect, level)`` paints what this level changes (3 balls or 6, a pencil for
    #: writing...), so a child who cannot read tells the levels apart; drawn big on the start screen
    picture: Callable | None = field(default=None, compare=False)


@dataclass(frozen=True)
class GameOption:
    """An on/off choice a teacher makes for one game in the settings (e.g. "write to keep")."""

    key: str
    label: str
    default: bool = False


@dataclass(frozen=True)
class GameInfo:
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
        app.phrases.use_game(self.id, Path(inspect.getfile(scene_class)).with_name("phrases.json"))
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
