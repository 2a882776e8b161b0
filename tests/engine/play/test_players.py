"""The player picker and turn badge: every animal token is easy to see on its own colour."""
from __future__ import annotations

import math

import numpy as np
import pygame

from games.engine.play.players import AVATARS, PlayerPicker, Turns, TurnBadge, default_players


def _share_like_tile(canvas, center, radius, tile_color) -> float:
    """Share of the pixels on a thin ring just inside ``radius`` around ``center`` that look like the tile."""
    pixels = pygame.surfarray.array3d(canvas).astype(int)
    close = 0
    angles = np.linspace(0, math.tau, 120, endpoint=False)
    for a in angles:
        x, y = int(center[0] + math.cos(a) * radius), int(center[1] + math.sin(a) * radius)
        close += np.abs(pixels[x, y] - np.array(tile_color)).sum() < 60
    return close / len(angles)


def test_a_chosen_animal_stands_out_on_a_tile_of_its_own_colour(make_app):
    """Issue 8.12: the green frog on the green tile nearly vanished."""
    app = make_app()
    picker = PlayerPicker(app, on_start=lambda players: None)
    app.push(picker)
    for token in picker.tokens[1:]:
        token.activate()
    assert all(t.joined for t in picker.tokens)
    app.run_frames(1)
    for token in picker.tokens:
        share = _share_like_tile(app.canvas, token.face_center(), token.face_size() * 0.47, token.color)
        assert share < 0.2, f"{token.name} blends into its tile ({share:.0%} of its edge is the tile colour)"


def test_the_turn_badge_shows_each_animal_apart_from_its_colour(make_app):
    app = make_app()
    turns = Turns(default_players(len(AVATARS)))
    badge = TurnBadge(turns, center=(400, 300))
    for i, (name, color) in enumerate(AVATARS):
        turns.index = i
        app.canvas.fill((0, 0, 0))
        badge.draw(app.canvas)
        centre = (400 - 125 + 56, 300)
        assert _share_like_tile(app.canvas, centre, 36, color) < 0.2, name
