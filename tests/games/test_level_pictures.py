"""Levels a child who cannot read can tell apart: every level has its own picture, drawn big on the start screen."""
from __future__ import annotations

import itertools

import pygame
import pytest
from fakes import with_template_game

from games.engine.play.common_scenes import GameStart
from games.registry import GameInfo, Level

GAMES = with_template_game()   # every game, and the README's template


def render(level, size=(230, 160)) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((250, 250, 250))
    level.picture(surface, surface.get_rect().inflate(-10, -10), level)
    return surface


@pytest.mark.parametrize("game", GAMES, ids=lambda g: g.id)
def test_every_level_has_a_picture_that_draws_something(game, make_app):
    make_app()   # a display, for the art's converted surfaces
    for level in game.levels:   # that it has one at all, the declaration checks (tests/games/test_registry.py)
        img = render(level)
        colours = {tuple(img.get_at((x, y))) for x in range(0, 230, 5) for y in range(0, 160, 5)}
        assert len(colours) > 8, f"{game.id}: level {level.name!r} draws next to nothing"


@pytest.mark.parametrize("game", GAMES, ids=lambda g: g.id)
def test_two_levels_of_a_game_never_look_the_same(game, make_app):
    make_app()
    pictures = {level.name: pygame.surfarray.array3d(render(level)) for level in game.levels}
    for (a, pa), (b, pb) in itertools.combinations(pictures.items(), 2):
        differing = (abs(pa.astype(int) - pb.astype(int)).sum(axis=2) > 60).mean()
        assert differing > 0.03, f"{game.id}: {a!r} and {b!r} look alike ({differing:.1%} of pixels differ)"


def test_the_start_screen_draws_each_picture_big_with_small_stars(make_app):
    app = make_app()
    drawn = []

    def spy(surface, rect, level):
        drawn.append((level.name, pygame.Rect(rect)))
        pygame.draw.circle(surface, (10, 200, 10), rect.center, 20)

    game = GameInfo(id="spy", title="Spy", spoken_name="Spy", how_to_play="Spy!",
                    levels=(Level("easy", 1, picture=spy), Level("hard", 2, picture=spy)),
                    paint_icon=lambda s, r: None, scene="games.missing_letter.scene.MissingLetter")
    screen = GameStart(app, game)
    app.push(screen)
    app.run_frames(2)
    tiles = [w for w in screen.widgets if w.rect.y > 300]
    assert [name for name, _ in drawn[:2]] == ["easy", "hard"]
    for (name, rect), tile in zip(drawn, tiles):
        assert tile.rect.contains(rect)
        assert rect.w >= tile.rect.w * 0.7 and rect.h >= tile.rect.h * 0.5   # the picture is the big thing
