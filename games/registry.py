"""The list of games. Adding a game = its folder under ``games/`` plus one line here.

Each game package defines ``GAME = GameInfo(...)`` in its ``__init__.py``: its metadata (id, title,
spoken name, how to play, levels, letter modes), its icon painter and the function that makes its
first scene. The launcher, ``--list-games`` and the tests read this registry; nothing else lists games.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

GAME_MODULES = [
    "games.missing_letter",
    "games.basketball",
    "games.candy_match",
    "games.trace_write",
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
    goal: str                     # for the teacher: what the game practises
    how_to_play: str              # spoken to the child before the game starts
    levels: tuple[Level, ...]
    letter_modes: tuple[str, ...]  # which case modes the game supports
    paint_icon: Callable          # paint_icon(surface, rect): the game's picture
    make_scene: Callable          # make_scene(app, level: Level, players: list[Player]) -> Scene
    color: tuple = (255, 206, 68)
    players: tuple[int, int] = (1, 1)   # fewest and most players
    options: tuple[GameOption, ...] = ()


def load_games() -> list[GameInfo]:
    """Every registered game, in launcher order."""
    return [importlib.import_module(name).GAME for name in GAME_MODULES]


def find_game(game_id: str) -> GameInfo:
    for game in load_games():
        if game.id == game_id:
            return game
    known = ", ".join(g.id for g in load_games())
    raise KeyError(f"no game called {game_id!r}; the games are: {known}")
