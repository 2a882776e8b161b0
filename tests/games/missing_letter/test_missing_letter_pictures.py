"""The start screen's level pictures keep the game's rule: a card under the cloth shows nothing of its letter."""
import numpy as np
import pygame

from games.engine.core import draw as d
from games.missing_letter import GAME
from games.missing_letter.art import paint_level

COLOURS = [d.BLUE, d.RED, d.GREEN, d.PURPLE, d.TEAL]


def test_no_level_picture_shows_the_hidden_letter_under_its_cloth(make_app):
    make_app()                                  # pygame and the fonts set up as the game has them
    for size in ((210, 150), (320, 220)):
        for level in GAME.levels:
            surface = pygame.Surface(size, pygame.SRCALPHA)
            paint_level(surface, surface.get_rect(), level)
            pixels = pygame.surfarray.pixels3d(surface).astype(int)
            n = level.options.get("letters", 3)
            hidden = range(n) if level.options.get("all") else [n // 2]
            for i in hidden:
                near = np.abs(pixels - np.array(COLOURS[i])).sum(axis=2) < 40
                assert near.sum() == 0, (level.name, size, "ABCDE"[i], int(near.sum()))
            if not level.options.get("all"):        # and the letters in sight are drawn
                shown = np.abs(pixels - np.array(COLOURS[0])).sum(axis=2) < 40
                assert shown.sum() > 20, level.name
