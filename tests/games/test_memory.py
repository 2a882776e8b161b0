"""Memory stays bounded in long play: caches are bounded by what they hold, not by how many."""
from __future__ import annotations

import pygame
import pytest

from games.engine.core import draw as d


@pytest.fixture
def fonts(monkeypatch):
    """A fresh font cache with the game's budget, so other tests' fonts do not count."""
    pygame.font.init()
    cache = d.FontCache()
    monkeypatch.setattr(d, "FONTS", cache)
    return cache


def test_big_fonts_are_closed_when_their_glyphs_would_pass_the_budget(fonts):
    first = d.font(300, True)
    first.render("Hello", True, d.INK)
    for size in range(240, 300):   # 60 big sizes: ~100 MB of glyphs if every one stayed open
        d.font(size, True).render("abc", True, d.INK)
        assert fonts.bytes <= fonts.budget
    assert d.font(300, True) is not first          # the oldest big one was closed, and opens again
    assert len(fonts) < 20


def test_a_font_in_use_stays_open_and_small_ones_are_cheap(fonts):
    title = d.font(40)
    for size in range(12, 60, 2):
        d.font(size, bold=True)
        assert d.font(40) is title                  # used every frame: never closed
    assert len(fonts) == 25                         # 24 small bold sizes and the title all fit
    assert d.font(40).size("a")[0] > 0


def test_reset_caches_closes_every_font(fonts):
    f = d.font(30)
    d.reset_caches()
    assert len(fonts) == 0 and d.font(30) is not f


def test_the_writing_coach_keeps_a_few_letter_models_not_the_whole_alphabet():
    import string
    import tracemalloc

    from recognizer.coach import judge
    judge._model.cache_clear()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for letter in string.ascii_letters:   # a long session: every letter coached once
            points, start, grid = judge._model(letter)
            assert grid.at_nodes.size > 0
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        judge._model.cache_clear()
    assert held < 4 * 2**20, f"the coach's letter models hold {held / 2**20:.1f} MB"
    assert judge._model("a")[2].at_nodes.size > 0   # a letter made again after it was let go


def test_a_left_game_screen_held_in_a_reference_cycle_is_freed_at_the_launcher():
    import gc
    import weakref

    class Screen:   # a scene whose buttons call back into it: a reference cycle
        def __init__(self):
            self.background = pygame.Surface((1280, 800))
            self.on_tap = self.tap

        def tap(self):
            pass

    gc.disable()   # as between the interpreter's rare full collections
    try:
        screen = Screen()
        gone = weakref.ref(screen)
        del screen
        assert gone() is not None
        d.forget_game_pictures()
        assert gone() is None, "the left screen's 4 MB picture is still held"
    finally:
        gc.enable()


def test_a_game_screen_replaced_mid_game_is_freed_after_that_frame(play):
    """Replaying a game or going on to its score board replaces the scene without passing the
    launcher: the left scene (a reference cycle with its widgets) must not linger with its pictures."""
    import gc
    import weakref

    from games.engine.core.scene import Scene

    class Board(Scene):
        def __init__(self, app):
            super().__init__(app)
            self.board = pygame.Surface((1280, 800))
            self.on_tap = self.tap    # the scene refers to itself, as its buttons' callbacks do

        def tap(self):
            pass

    app = play.app
    app.push(Board(app))
    app.run_frames(1)
    gone = weakref.ref(app.scenes.top)
    gc.disable()   # as between the interpreter's rare full collections
    try:
        app.replace(Board(app))
        app.run_frames(1)
        assert gone() is None, "the replaced scene's 4 MB board is still held"
    finally:
        gc.enable()
