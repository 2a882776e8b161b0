"""The picture cache: drawn surfaces are kept by bytes (not by count), least recently used go first,
and a game's pictures are dropped when the child goes back to the launcher."""
from __future__ import annotations

import pygame
import pytest

from games.engine.core import draw as d
from games.engine.core import picture_cache as pc
from games.launcher import Launcher, prefer_software_framebuffer


@pytest.fixture
def pictures(monkeypatch):
    """A fresh cache of 1 MB in place of the game's one."""
    cache = pc.SurfaceCache(budget=2**20)
    monkeypatch.setattr(pc, "PICTURES", cache)
    return cache


def counting_painter():
    drawn = []

    @d.surface_cache
    def square(side, color=(255, 0, 0)):
        drawn.append(side)
        s = pygame.Surface((side, side), pygame.SRCALPHA)
        s.fill(color)
        return s

    return square, drawn


def test_a_picture_is_drawn_once_and_counted_by_its_bytes(pictures):
    square, drawn = counting_painter()
    first = square(100)
    assert square(100) is first and drawn == [100]
    assert square(100, color=(0, 0, 255)) is not first and drawn == [100, 100]
    assert pictures.bytes == 2 * 100 * 100 * 4 and len(pictures) == 2


def test_the_cache_never_holds_more_bytes_than_its_budget(pictures):
    square, drawn = counting_painter()
    for side in range(100, 300, 5):   # 40 pictures, about 7 MB in all
        square(side)
        assert pictures.bytes <= pictures.budget
    assert pictures.evictions > 0
    assert pictures.bytes == sum(s.get_width() * s.get_height() * 4 for s, _ in pictures._items.values())


def test_the_least_recently_used_picture_goes_first(pictures):
    square, drawn = counting_painter()
    a, b = square(300), square(301)        # 2 x ~360 KB
    square(300)                            # a is used again, so b is now the oldest
    square(302)                            # a third one does not fit: b goes
    assert len(pictures) == 2
    assert square(300) is a and drawn == [300, 301, 302]
    assert square(301) is not b and drawn == [300, 301, 302, 301]


def test_a_screens_pictures_survive_a_flood_of_one_off_pictures_between_visits(pictures):
    """A screen's pictures come back on each visit; in between, animations ask for a new size each
    frame and captions for a new bar. Those one-offs must not push out what is used again (with a
    plain LRU they did: the launcher's and the games' pictures were painted again ~20 times a minute)."""
    square, drawn = counting_painter()
    for visit in range(3):
        screen = [square(200), square(201)]       # ~320 KB: the screen, drawn frame after frame
        assert square(200) is screen[0] and square(201) is screen[1]
        for side in range(102, 262, 4):           # then elsewhere: 40 one-off sizes, ~5 MB in all
            square(side + visit)
            assert pictures.bytes <= pictures.budget
    assert drawn.count(200) == 1 and drawn.count(201) == 1, "the screen was painted again"


def test_a_picture_bigger_than_the_budget_is_drawn_but_not_kept(pictures):
    square, drawn = counting_painter()
    assert square(600).get_size() == (600, 600)   # 1.4 MB
    assert len(pictures) == 0 and pictures.bytes == 0
    square(600)
    assert drawn == [600, 600]


def test_cache_clear_forgets_one_function_only(pictures):
    square, drawn = counting_painter()
    other, _ = counting_painter()
    square(10)
    other(10)
    square.cache_clear()
    assert len(pictures) == 1
    d.reset_caches()
    assert len(pictures) == 0 and pictures.bytes == 0


def test_game_art_is_bounded_by_bytes_not_by_count(pictures, make_app):
    """Basketball's paper balls were kept by count (160 of them); now the budget holds."""
    from games.basketball import art
    make_app()
    for seed in range(60):
        art.paper_ball("Mm"[seed % 2], 90, seed)
    assert 0 < pictures.bytes <= pictures.budget
    assert pictures.evictions > 0


def game_pictures():
    return [key for key in pc.PICTURES._items if not key[0].shared]


def game_picture_bytes():
    return sum(pc.PICTURES._items[key][1] for key in game_pictures())


def test_leaving_a_game_drops_its_pictures_but_keeps_the_launcher_icons_and_text(play):
    from games.candy_match import art as candy_art
    d.reset_caches()
    play.frames(2)
    icons_and_text = {key for key in pc.PICTURES._items if key[0].shared}
    assert any(key[0].__name__ == "_icon" for key in icons_and_text)
    play.tap(play.top.cards["candy_match"].rect.center)
    level = play.top.widgets[0]
    play.tap(level.rect.center)
    play.frames(2)
    play.tap(play.top.play.rect.center)    # the player picker's green button
    play.seconds(1)
    assert any(key[0] is candy_art.table for key in game_pictures()), "the game's pictures are cached"
    in_the_game = game_picture_bytes()
    assert in_the_game > 4 * 2**20
    while not isinstance(play.top, Launcher):
        play.key(pygame.K_ESCAPE)
    play.seconds(1)   # the card's bounce ends: a few new icon sizes are drawn
    assert not any(key[0] is candy_art.table for key in game_pictures())
    assert game_picture_bytes() < in_the_game / 10
    assert icons_and_text <= set(pc.PICTURES._items)   # nothing the launcher showed is drawn again


@pytest.mark.parametrize("environ, expected", [
    ({"DISPLAY": ":0"}, "0"),                                   # X11: no OpenGL just to show frames
    ({"DISPLAY": ":0", "SDL_VIDEODRIVER": "x11"}, "0"),
    ({"DISPLAY": ":0", "SDL_FRAMEBUFFER_ACCELERATION": "1"}, "1"),   # a choice made already is kept
    ({"WAYLAND_DISPLAY": "wayland-0", "SDL_VIDEODRIVER": "wayland"}, None),   # Wayland needs the texture
    ({"SDL_VIDEODRIVER": "dummy"}, None),
    ({}, None),
])
def test_the_software_framebuffer_is_chosen_only_under_x11(environ, expected):
    prefer_software_framebuffer(environ)
    assert environ.get("SDL_FRAMEBUFFER_ACCELERATION") == expected


def test_no_picture_is_kept_outside_the_byte_bounded_cache():
    """Drawn pictures are kept only by @surface_cache (bounded in bytes, dropped when a game is left):
    an lru_cache or a module-level dict of Surfaces would grow past the memory budget unseen."""
    import ast
    from pathlib import Path
    offenders = []
    for path in Path(d.__file__).resolve().parents[2].rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and "Surface" in ast.unparse(node.returns or ast.Constant("")):
                for dec in node.decorator_list:
                    if "lru_cache" in ast.unparse(dec) or "functools.cache" in ast.unparse(dec):
                        offenders.append(f"{path.name}:{node.lineno} {node.name}")
    assert offenders == []
