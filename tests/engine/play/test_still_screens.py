"""The end of a game and a game's level screen keep still once their pictures have landed: no frames drawn for nothing while a class sits on them.

Found in a real window: the stars screen swayed its stars for ever at the full frame rate (about 20-35% of a
core on the 2-core machine, 20 minutes after a game of basketball had ended)."""
from __future__ import annotations

import pygame

from fakes import fake_app
from games.engine.core import draw as d
from games.engine.play.common_scenes import StarsScreen


def test_the_stars_screen_sways_a_moment_then_keeps_still(make_app):
    make_app()
    screen = StarsScreen(fake_app(), 2, ["a", "b"], replay=lambda: None)
    screen.enter()
    assert screen.animating
    pictures = []
    for _ in range(2):
        for _ in range(int(StarsScreen.SWAY_SECONDS * 30) + 30):
            screen.update(1 / 30)
        assert not screen.animating                      # the app now draws it a few times a second at most
        surface = pygame.Surface((d.W, d.H))
        screen.draw(surface)
        pictures.append(pygame.image.tobytes(surface, "RGB"))
    assert pictures[0] == pictures[1]                    # and nothing on it moves any more


def test_the_level_screen_bobs_its_picture_a_moment_then_keeps_still(make_app):
    """The same for a game's level screen (24% of a core while a child chose a level, before)."""
    from games.engine.play.common_scenes import GameStart
    from games.registry import load_games
    make_app()
    app = fake_app()
    screen = GameStart(app, load_games()[0])
    assert screen.animating
    pictures = []
    for _ in range(2):
        for _ in range(int(GameStart.BOB_SECONDS * 30) + 30):
            screen.update(1 / 30)
        assert not screen.animating
        surface = pygame.Surface((d.W, d.H))
        screen.draw(surface)
        pictures.append(pygame.image.tobytes(surface, "RGB"))
    assert pictures[0] == pictures[1]
