"""A monkey plays every screen: random taps, drags and keys for a bounded time; no exception may escape."""
from __future__ import annotations

import random
import zlib

import pygame
import pytest
from fakes import FakeChecker, with_template_game

from games.engine.play.common_scenes import GameStart, StarsScreen
from games.engine.grownups.gate import GrownUpGate
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.play.players import PlayerPicker, default_players
from games.launcher import Launcher

KEYS = [pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
        pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_a, pygame.K_m]
EVENTS_PER_SCENE = 160


def monkey(app, make_scene, seed):
    rng = random.Random(seed)

    def restart():
        app.running = True
        app.home()
        if not len(app.scenes):
            app.push(Launcher(app))
        app.push(make_scene(app))

    restart()
    for _ in range(EVENTS_PER_SCENE):
        if not app.running or not len(app.scenes):
            restart()
        roll = rng.random()
        pos = (rng.randrange(0, 1280), rng.randrange(0, 800))
        if roll < 0.45:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
            app.run_frames(rng.randint(1, 3), dt=1 / 30)
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        elif roll < 0.7:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
            for _ in range(rng.randint(2, 12)):
                pos = (min(1279, max(0, pos[0] + rng.randint(-60, 60))), min(799, max(0, pos[1] + rng.randint(-60, 60))))
                pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0), touch=False))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        elif roll < 0.8:
            x, y = rng.random(), rng.random()
            fid = rng.randint(1, 3)
            pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=x, y=y, dx=0, dy=0, finger_id=fid, touch_id=1, pressure=1))
            pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=x, y=y, dx=0, dy=0, finger_id=fid, touch_id=1, pressure=0))
        elif roll < 0.95:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="", scancode=0))
        else:
            app.run_frames(rng.randint(10, 60), dt=1 / 30)   # let animations and timers run
        app.run_frames(1, dt=1 / 30)


def scene_makers():
    makers = {
        "launcher": Launcher,
        "settings": SettingsScreen,
        "gate": lambda app: GrownUpGate(app, lambda: None),
        "players": lambda app: PlayerPicker(app, lambda players: None),
        "stars": lambda app: StarsScreen(app, 2, list("Abc"), replay=lambda: None),
    }
    for game in with_template_game():   # every game, and the README's template
        makers[f"{game.id}-start"] = lambda app, g=game: GameStart(app, g)
        for i, level in enumerate(game.levels):
            n = game.players[1]
            makers[f"{game.id}-level{i + 1}"] = lambda app, g=game, lv=level, n=n: g.make_scene(app, lv, default_players(n))
    return makers


def with_a_child(app):
    """The monkey plays as a child of a class (answers recorded, letters fitted, pickers shown)."""
    k = app.progress.store.add_class("Monkeys")
    child = app.progress.store.add_child(k.id, "Mo", "Bear", "orange")
    app.progress.store.add_child(k.id, "Kiki", "Cat", "pink")
    app.progress.choose(child)


@pytest.mark.parametrize("name", sorted(scene_makers()))
def test_monkey(name, make_app):
    rng = random.Random(name)
    app = make_app(checker=FakeChecker(lambda strokes, target: rng.random() < 0.5), seed=zlib.crc32(name.encode()),
                   games=with_template_game())
    with_a_child(app)
    monkey(app, scene_makers()[name], seed=name)
